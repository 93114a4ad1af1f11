// xdp-meta lab: a tc classifier on the same device as the XDP program. When
// XDP passes a frame with metadata, the stack keeps those bytes in front of
// the sk_buff's data; tc sees them between __sk_buff data_meta and data.
// It logs what it finds in every IPv4 frame, in arrival order.
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/icmp.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_endian.h>
#include <bpf/bpf_helpers.h>
#include "xdp_meta.h"

// region: log
struct tc_seen {
	__u32 meta_len;  // data - data_meta: bytes of metadata in front of the frame
	__u32 skb_len;   // the frame's length as the sk_buff has it
	__u32 skb_hash;  // skb->hash: the flow hash the stack uses
	__u32 icmp_seq;  // tc's own parse of an echo request, 0 otherwise
	struct meta_basic basic; // filled when meta_len is sizeof(struct meta_basic)
	struct meta_hints hints; // filled when meta_len is sizeof(struct meta_hints)
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} frames_logged SEC(".maps");

// Key: the frame's arrival number, from 1.
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 256);
	__type(key, __u32);
	__type(value, struct tc_seen);
} tc_log SEC(".maps");
// endregion: log

// region: read
SEC("tc")
int tc_read_meta(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	void *data_meta = (void *)(long)skb->data_meta;
	struct ethhdr *eth = data;
	struct tc_seen seen = {0};
	__u32 zero = 0, *count, n;

	if ((void *)(eth + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP))
		return TC_ACT_OK;
	seen.meta_len = data - data_meta;
	seen.skb_len = skb->len;
	seen.skb_hash = skb->hash;
	// As in XDP, a read of metadata must be proven to end before data; the
	// length then says which layout the XDP program wrote.
	struct meta_basic *basic = data_meta;
	struct meta_hints *hints = data_meta;
	if ((void *)(hints + 1) <= data && seen.meta_len == sizeof(*hints))
		seen.hints = *hints;
	else if ((void *)(basic + 1) <= data && seen.meta_len == sizeof(*basic))
		seen.basic = *basic;

	struct iphdr *ip = (void *)(eth + 1);
	struct icmphdr *icmp = (void *)(ip + 1);
	if ((void *)(icmp + 1) <= data_end && ip->ihl == 5 && ip->protocol == IPPROTO_ICMP && icmp->type == ICMP_ECHO)
		seen.icmp_seq = bpf_ntohs(icmp->un.echo.sequence);

	count = bpf_map_lookup_elem(&frames_logged, &zero);
	if (!count)
		return TC_ACT_OK;
	// A single-queue veth receives on one CPU at a time, so a plain
	// increment numbers the frames (clang's default BPF target cannot use
	// the value of an atomic add).
	n = *count + 1;
	*count = n;
	bpf_map_update_elem(&tc_log, &n, &seen, BPF_ANY);
	// Only reading: the frame goes on up the stack.
	return TC_ACT_OK;
}
// endregion: read

char _license[] SEC("license") = "GPL";
