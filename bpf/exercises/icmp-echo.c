// Exercise icmp-echo — INCOMPLETE ON PURPOSE: this is your file to finish.
// Do not "fix" it in a pull request; `npm run lab -- check icmp-echo` judges
// what you write here, and `npm run lab -- hint icmp-echo` helps when stuck.
//
// The task: answer ping from XDP, over IPv4 AND IPv6. Turn each ICMP echo
// request into an echo reply in place — MACs swapped, IP addresses swapped,
// type changed, checksum corrected — and send it back with XDP_TX. Every
// other frame, and every frame too short to hold the headers you read,
// gets XDP_PASS untouched.
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

// region: starter
/*
 * One 16-bit word of the packet changed from `old` to `new`: correct the
 * Internet checksum from those two words alone (RFC 1624, eqn. 3):
 *     HC' = ~(~HC + ~old + new)
 * in one's complement arithmetic: add in 32 bits, then fold the carries
 * back into the low 16 bits (twice: one fold can carry again).
 */
static __always_inline void csum_replace16(__u16 *checksum, __u16 old, __u16 new)
{
	// TODO 1: compute HC' as above and store it in *checksum.
}

static __always_inline void swap_macs(struct ethhdr *eth)
{
	// TODO 2: swap eth->h_source and eth->h_dest (ETH_ALEN bytes each).
}

static __always_inline int reply_ipv4(struct ethhdr *eth, void *data_end)
{
	// TODO 3: the IPv4 header follows eth; check it against data_end, and
	//         that it carries ICMP (ip->protocol). The ICMP header starts
	//         ip->ihl * 4 bytes later: check that against data_end too.
	// TODO 4: only an echo request (type ICMP_ECHO, code 0) is answered:
	//         swap the MACs and the two addresses, change the type to
	//         ICMP_ECHOREPLY, correct the checksum, return XDP_TX.
	return XDP_PASS;
}

static __always_inline int reply_ipv6(struct ethhdr *eth, void *data_end)
{
	// TODO 5: the same for IPv6: a 40-byte header, nexthdr IPPROTO_ICMPV6,
	//         then struct icmp6hdr; ICMPV6_ECHO_REQUEST becomes
	//         ICMPV6_ECHO_REPLY. Which checksums does swapping the
	//         addresses change? (Think before you add code.)
	return XDP_PASS;
}

SEC("xdp")
int xdp_echo(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;

	if ((void *)(eth + 1) > data_end)
		return XDP_PASS;
	if (eth->h_proto == bpf_htons(ETH_P_IP))
		return reply_ipv4(eth, data_end);
	if (eth->h_proto == bpf_htons(ETH_P_IPV6))
		return reply_ipv6(eth, data_end);
	return XDP_PASS;
}
// endregion: starter

char _license[] SEC("license") = "GPL";
