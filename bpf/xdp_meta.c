// xdp-meta lab: an XDP program writes metadata in front of each frame with
// bpf_xdp_adjust_meta; a tc program on the same device reads it back from the
// sk_buff the stack built out of that very frame (bpf/tc_read_meta.c).
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/icmp.h>
#include <bpf/bpf_endian.h>
#include <bpf/bpf_helpers.h>
#include "xdp_meta.h"

// region: refused
// What asking for a length the kernel does not allow returned, for the lab to read.
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __s32);
} oversize_ret SEC(".maps");
// endregion: refused

// The ICMP echo sequence number, or -1 when the frame is not an IPv4 echo request.
static __always_inline int echo_seq(void *data, void *data_end)
{
	struct ethhdr *eth = data;
	struct iphdr *ip = (void *)(eth + 1);
	struct icmphdr *icmp = (void *)(ip + 1);

	// Options would move the ICMP header; ping sends none, and ihl == 5 says so.
	if ((void *)(icmp + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP) ||
	    ip->ihl != 5 || ip->protocol != IPPROTO_ICMP || icmp->type != ICMP_ECHO)
		return -1;
	return bpf_ntohs(icmp->un.echo.sequence);
}

// region: write
SEC("xdp")
int xdp_write_meta(struct xdp_md *ctx)
{
	__u32 zero = 0;
	// Metadata grows in whole 4-byte words: asking for 6 bytes is refused
	// and changes nothing. Recorded so the lab can show the kernel's answer.
	__s32 refused = bpf_xdp_adjust_meta(ctx, -6);
	bpf_map_update_elem(&oversize_ret, &zero, &refused, BPF_ANY);

	// Grow the metadata area: data_meta moves down by 8 bytes, into the
	// headroom in front of the Ethernet header. data itself does not move.
	if (bpf_xdp_adjust_meta(ctx, -(int)sizeof(struct meta_basic)))
		return XDP_PASS;
	// Every pointer must be reloaded after an adjust helper: the old ones are invalid.
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct meta_basic *meta = (void *)(long)ctx->data_meta;
	if ((void *)(meta + 1) > data)
		return XDP_PASS;

	int seq = echo_seq(data, data_end);
	meta->magic = META_MAGIC_BASIC;
	meta->icmp_seq = seq < 0 ? 0 : seq;
	meta->frame_len = data_end - data;
	return XDP_PASS;
}
// endregion: write

char _license[] SEC("license") = "GPL";
