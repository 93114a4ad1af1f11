// Reference solution of the syn-guard exercise (see bpf/exercises/syn-guard.c).
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/tcp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define SYN_LIMIT 3

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 4096);
	__type(key, struct in6_addr); // the source; IPv4 as ::ffff:a.b.c.d
	__type(value, __u64);         // SYNs seen from it
} syn_count SEC(".maps");

SEC("xdp")
int xdp_syn_guard(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct in6_addr source = {};
	struct tcphdr *tcp;

	if ((void *)(eth + 1) > data_end)
		return XDP_PASS;
	if (eth->h_proto == bpf_htons(ETH_P_IP)) {
		struct iphdr *ip = (void *)(eth + 1);
		if ((void *)(ip + 1) > data_end || ip->ihl < 5 || ip->protocol != IPPROTO_TCP)
			return XDP_PASS;
		source.in6_u.u6_addr16[5] = 0xffff;
		source.in6_u.u6_addr32[3] = ip->saddr;
		tcp = (void *)ip + ip->ihl * 4;
	} else if (eth->h_proto == bpf_htons(ETH_P_IPV6)) {
		struct ipv6hdr *ip6 = (void *)(eth + 1);
		if ((void *)(ip6 + 1) > data_end || ip6->nexthdr != IPPROTO_TCP)
			return XDP_PASS;
		source = ip6->saddr;
		tcp = (void *)(ip6 + 1);
	} else {
		return XDP_PASS;
	}
	if ((void *)(tcp + 1) > data_end)
		return XDP_PASS;
	// A connection request: SYN without ACK (a SYN+ACK answers one).
	if (!tcp->syn || tcp->ack)
		return XDP_PASS;

	__u64 *count = bpf_map_lookup_elem(&syn_count, &source);
	if (!count) {
		// A new source: create its entry at 0 and count below like any other. If another
		// CPU created it meanwhile, BPF_NOEXIST leaves that one alone and no SYN is lost.
		__u64 zero = 0;
		bpf_map_update_elem(&syn_count, &source, &zero, BPF_NOEXIST);
		count = bpf_map_lookup_elem(&syn_count, &source);
		if (!count)
			return XDP_PASS;
	}
	// Add, then read: Linux 5.10 (and clang before 12) cannot use the value an
	// atomic add returns (BPF_FETCH came in 5.12). The read may already include
	// another CPU's SYN of the same source, which only makes the limit strict.
	__sync_fetch_and_add(count, 1);
	return *count > SYN_LIMIT ? XDP_DROP : XDP_PASS;
}

char _license[] SEC("license") = "GPL";
