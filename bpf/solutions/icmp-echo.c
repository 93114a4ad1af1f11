// Reference solution of the icmp-echo exercise (see bpf/exercises/icmp-echo.c).
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

// RFC 1624, eqn. 3: HC' = ~(~HC + ~m + m') for one 16-bit word changed from m to m'.
static __always_inline void csum_replace16(__u16 *checksum, __u16 old, __u16 new)
{
	__u32 sum = (__u16)~*checksum;

	sum += (__u16)~old;
	sum += new;
	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
	*checksum = (__u16)~sum;
}

static __always_inline void swap_macs(struct ethhdr *eth)
{
	__u8 tmp[ETH_ALEN];

	__builtin_memcpy(tmp, eth->h_source, ETH_ALEN);
	__builtin_memcpy(eth->h_source, eth->h_dest, ETH_ALEN);
	__builtin_memcpy(eth->h_dest, tmp, ETH_ALEN);
}

// Type and code are the first 16-bit word of both ICMP headers: change the
// type and correct the checksum from that one word.
static __always_inline void set_type(__u8 *type_code, __u16 *checksum, __u8 type)
{
	__u16 old = *(__u16 *)type_code;

	*type_code = type;
	csum_replace16(checksum, old, *(__u16 *)type_code);
}

static __always_inline int reply_ipv4(struct ethhdr *eth, void *data_end)
{
	struct iphdr *ip = (void *)(eth + 1);

	if ((void *)(ip + 1) > data_end || ip->ihl < 5 || ip->protocol != IPPROTO_ICMP)
		return XDP_PASS;
	if (ip->frag_off & bpf_htons(0x1fff))
		return XDP_PASS;
	struct icmphdr *icmp = (void *)ip + ip->ihl * 4;
	if ((void *)(icmp + 1) > data_end || icmp->type != ICMP_ECHO || icmp->code != 0)
		return XDP_PASS;

	swap_macs(eth);
	__be32 tmp = ip->saddr; // the header checksum does not depend on the order of its words
	ip->saddr = ip->daddr;
	ip->daddr = tmp;
	set_type(&icmp->type, &icmp->checksum, ICMP_ECHOREPLY);
	return XDP_TX;
}

static __always_inline int reply_ipv6(struct ethhdr *eth, void *data_end)
{
	struct ipv6hdr *ip6 = (void *)(eth + 1);

	if ((void *)(ip6 + 1) > data_end || ip6->nexthdr != IPPROTO_ICMPV6)
		return XDP_PASS;
	struct icmp6hdr *icmp6 = (void *)(ip6 + 1);
	if ((void *)(icmp6 + 1) > data_end || icmp6->icmp6_type != ICMPV6_ECHO_REQUEST || icmp6->icmp6_code != 0)
		return XDP_PASS;

	swap_macs(eth);
	// The pseudo-header holds both addresses: swapped, they add up the same.
	struct in6_addr tmp = ip6->saddr;
	ip6->saddr = ip6->daddr;
	ip6->daddr = tmp;
	set_type(&icmp6->icmp6_type, &icmp6->icmp6_cksum, ICMPV6_ECHO_REPLY);
	return XDP_TX;
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

char _license[] SEC("license") = "GPL";
