// Reference solution of the proto-count exercise (see bpf/exercises/proto-count.c).
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <bpf/bpf_endian.h>
#include <bpf/bpf_helpers.h>

enum proto_key {
	PROTO_OTHER,
	PROTO_TCP,
	PROTO_UDP,
	PROTO_ICMP,
	PROTO_ICMPV6,
	PROTO_KEYS,
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, PROTO_KEYS);
	__type(key, __u32);
	__type(value, __u64);
} proto_count SEC(".maps");

SEC("xdp")
int xdp_proto_count(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	__u32 key = PROTO_OTHER;

	if ((void *)(eth + 1) > data_end)
		goto count;
	if (eth->h_proto == bpf_htons(ETH_P_IP)) {
		struct iphdr *ip = (void *)(eth + 1);
		if ((void *)(ip + 1) > data_end)
			goto count;
		if (ip->protocol == IPPROTO_TCP)
			key = PROTO_TCP;
		else if (ip->protocol == IPPROTO_UDP)
			key = PROTO_UDP;
		else if (ip->protocol == IPPROTO_ICMP)
			key = PROTO_ICMP;
	} else if (eth->h_proto == bpf_htons(ETH_P_IPV6)) {
		struct ipv6hdr *ip6 = (void *)(eth + 1);
		if ((void *)(ip6 + 1) > data_end)
			goto count;
		if (ip6->nexthdr == IPPROTO_TCP)
			key = PROTO_TCP;
		else if (ip6->nexthdr == IPPROTO_UDP)
			key = PROTO_UDP;
		else if (ip6->nexthdr == IPPROTO_ICMPV6)
			key = PROTO_ICMPV6;
	}

count:;
	__u64 *n = bpf_map_lookup_elem(&proto_count, &key);
	if (n)
		*n += 1;
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
