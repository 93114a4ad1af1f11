// Reference solution of the port-filter exercise (see bpf/exercises/port-filter.c).
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <bpf/bpf_endian.h>
#include <bpf/bpf_helpers.h>

#define BLOCKED_PORT 9000

static __always_inline int filter_l4(__u8 proto, void *l4, void *data_end)
{
	if (proto == IPPROTO_UDP) {
		struct udphdr *udp = l4;
		if ((void *)(udp + 1) > data_end)
			return XDP_PASS;
		return udp->dest == bpf_htons(BLOCKED_PORT) ? XDP_DROP : XDP_PASS;
	}
	if (proto == IPPROTO_TCP) {
		struct tcphdr *tcp = l4;
		if ((void *)(tcp + 1) > data_end)
			return XDP_PASS;
		return tcp->dest == bpf_htons(BLOCKED_PORT) ? XDP_DROP : XDP_PASS;
	}
	return XDP_PASS;
}

SEC("xdp")
int xdp_port_filter(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;

	if ((void *)(eth + 1) > data_end)
		return XDP_PASS;

	if (eth->h_proto == bpf_htons(ETH_P_IP)) {
		struct iphdr *ip = (void *)(eth + 1);
		if ((void *)(ip + 1) > data_end)
			return XDP_PASS;
		if (ip->ihl < 5)
			return XDP_PASS;
		return filter_l4(ip->protocol, (void *)ip + ip->ihl * 4, data_end);
	}
	if (eth->h_proto == bpf_htons(ETH_P_IPV6)) {
		struct ipv6hdr *ip6 = (void *)(eth + 1);
		if ((void *)(ip6 + 1) > data_end)
			return XDP_PASS;
		return filter_l4(ip6->nexthdr, ip6 + 1, data_end);
	}
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
