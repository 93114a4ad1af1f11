// Reference solution of the parse-drop exercise (see bpf/exercises/parse-drop.c).
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <bpf/bpf_endian.h>
#include <bpf/bpf_helpers.h>

struct vlan_tag {
	__be16 tci;
	__be16 proto;
};

SEC("xdp")
int xdp_drop_replies(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;

	if ((void *)(eth + 1) > data_end)
		return XDP_PASS;
	void *cursor = eth + 1;
	__be16 proto = eth->h_proto;

#pragma unroll
	for (int i = 0; i < 2; i++) {
		if (proto != bpf_htons(ETH_P_8021Q) && proto != bpf_htons(ETH_P_8021AD))
			break;
		struct vlan_tag *tag = cursor;
		if ((void *)(tag + 1) > data_end)
			return XDP_PASS;
		proto = tag->proto;
		cursor = tag + 1;
	}

	if (proto == bpf_htons(ETH_P_IP)) {
		struct iphdr *ip = cursor;
		if ((void *)(ip + 1) > data_end)
			return XDP_PASS;
		int len = ip->ihl * 4;
		if (len < (int)sizeof(*ip) || ip->protocol != IPPROTO_ICMP)
			return XDP_PASS;
		struct icmphdr *icmp = cursor + len;
		if ((void *)(icmp + 1) > data_end)
			return XDP_PASS;
		return icmp->type == ICMP_ECHOREPLY ? XDP_DROP : XDP_PASS;
	}
	if (proto == bpf_htons(ETH_P_IPV6)) {
		struct ipv6hdr *ip6 = cursor;
		if ((void *)(ip6 + 1) > data_end || ip6->nexthdr != IPPROTO_ICMPV6)
			return XDP_PASS;
		struct icmp6hdr *icmp6 = (void *)(ip6 + 1);
		if ((void *)(icmp6 + 1) > data_end)
			return XDP_PASS;
		return icmp6->icmp6_type == ICMPV6_ECHO_REPLY ? XDP_DROP : XDP_PASS;
	}
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
