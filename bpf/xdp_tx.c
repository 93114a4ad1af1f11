// xdp_tx lab: an ICMP echo reflector. Every IPv4 echo request that reaches the
// interface is turned into an echo reply in place and sent back out of the same
// interface with XDP_TX. The kernel's network stack never sees the request, so
// the reply cannot have come from it.
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/icmp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

// region: checksum
/*
 * Incremental checksum update (RFC 1624, eqn. 3): HC' = ~(~HC + ~m + m').
 * When one 16-bit word of a packet changes from `old` to `new`, the Internet
 * checksum can be corrected from those two words alone, without summing the
 * whole ICMP message (which may be longer than the verifier lets us loop over).
 */
static __always_inline void csum_replace16(__u16 *checksum, __u16 old, __u16 new)
{
	__u32 sum = (__u16)~*checksum;

	sum += (__u16)~old;
	sum += new;
	// Fold the carries back in twice: one fold can itself produce a carry.
	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
	*checksum = (__u16)~sum;
}
// endregion: checksum

// region: swap
static __always_inline void swap_macs(struct ethhdr *eth)
{
	__u8 tmp[ETH_ALEN];

	__builtin_memcpy(tmp, eth->h_source, ETH_ALEN);
	__builtin_memcpy(eth->h_source, eth->h_dest, ETH_ALEN);
	__builtin_memcpy(eth->h_dest, tmp, ETH_ALEN);
}

// Swapping the two addresses leaves the IPv4 header checksum valid: the
// one's-complement sum does not depend on the order of the words it adds.
static __always_inline void swap_ipv4_addresses(struct iphdr *ip)
{
	__be32 tmp = ip->saddr;

	ip->saddr = ip->daddr;
	ip->daddr = tmp;
}
// endregion: swap

// region: reflect
SEC("xdp")
int xdp_icmp_echo(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;

	// Every header is checked against data_end before it is read: the
	// verifier rejects the program otherwise.
	struct ethhdr *eth = data;
	if ((void *)(eth + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;

	struct iphdr *ip = (void *)(eth + 1);
	if ((void *)(ip + 1) > data_end || ip->ihl < 5 || ip->protocol != IPPROTO_ICMP)
		return XDP_PASS;
	// Fragments other than the first carry no ICMP header: leave them to the stack.
	if (ip->frag_off & bpf_htons(0x1fff))
		return XDP_PASS;

	// The IPv4 header may carry options: the ICMP header starts ihl * 4 bytes in.
	struct icmphdr *icmp = (void *)ip + ip->ihl * 4;
	if ((void *)(icmp + 1) > data_end)
		return XDP_PASS;
	if (icmp->type != ICMP_ECHO || icmp->code != 0)
		return XDP_PASS;

	swap_macs(eth);
	swap_ipv4_addresses(ip);

	// Type and code share the first 16-bit word of the ICMP header:
	// (8, 0) becomes (0, 0), and the checksum follows that one word.
	__u16 old_word = *(__u16 *)icmp;
	icmp->type = ICMP_ECHOREPLY;
	csum_replace16(&icmp->checksum, old_word, *(__u16 *)icmp);

	// Out of the interface it came in on, straight from the driver.
	return XDP_TX;
}
// endregion: reflect

// region: peer
// The peer of a veth must have an XDP program of its own before it can receive
// frames sent with XDP_TX or XDP_REDIRECT; this one lets everything through.
SEC("xdp")
int xdp_pass(struct xdp_md *ctx)
{
	return XDP_PASS;
}
// endregion: peer

char _license[] SEC("license") = "GPL";
