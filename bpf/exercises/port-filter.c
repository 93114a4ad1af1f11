// Exercise port-filter — INCOMPLETE ON PURPOSE: this is your file to finish.
// Do not "fix" it in a pull request; `npm run lab -- check port-filter` judges
// what you write here, and `npm run lab -- hint port-filter` helps when stuck.
//
// The task: drop TCP and UDP whose DESTINATION port is 9000, over IPv4 (its
// header may carry options: it is ihl * 4 bytes long) and IPv6 (a 40-byte
// header; no extension headers to follow). Everything else passes, and so
// does a frame too short to hold the whole TCP or UDP header.
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <bpf/bpf_endian.h>
#include <bpf/bpf_helpers.h>

// region: starter
#define BLOCKED_PORT 9000

// The verdict for the L4 header at l4, whose protocol is proto.
static __always_inline int filter_l4(__u8 proto, void *l4, void *data_end)
{
	// TODO 3: for IPPROTO_UDP, check a whole struct udphdr against data_end;
	//         for IPPROTO_TCP, a whole struct tcphdr. Then drop the frame if
	//         its dest is BLOCKED_PORT. Mind the byte order: dest is as the
	//         packet carries it, big-endian.
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
		// TODO 1: where does the L4 header start? Not at ip + 1 when the
		//         header carries options. Then: return filter_l4(...);
		return XDP_PASS;
	}
	if (eth->h_proto == bpf_htons(ETH_P_IPV6)) {
		// TODO 2: the IPv6 header: check it, then filter_l4 with its
		//         nexthdr and the bytes right after it.
		return XDP_PASS;
	}
	return XDP_PASS;
}
// endregion: starter

char _license[] SEC("license") = "GPL";
