// Reference solution of the l4-balancer exercise (see bpf/exercises/l4-balancer.c).
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define SERVICE_PORT 8000
#define NUM_BACKENDS 4

struct backend {
	__be32 addr;                 // 0: this slot is empty
	unsigned char mac[ETH_ALEN];
	__u16 pad;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, NUM_BACKENDS);
	__type(key, __u32);
	__type(value, struct backend);
} backends SEC(".maps");

static __always_inline __u32 flow_hash(__be32 saddr, __be32 daddr, __be16 sport, __be16 dport, __u8 protocol)
{
	__u32 h = bpf_ntohl(saddr) ^ bpf_ntohl(daddr) ^ ((__u32)bpf_ntohs(sport) << 16 | bpf_ntohs(dport)) ^ protocol;

	h *= 0x9e3779b1u;
	return h >> 30;
}

// RFC 1624, eqn. 3, for a 32-bit field: two 16-bit words change at once.
static __always_inline void csum_replace32(__u16 *checksum, __be32 old, __be32 new)
{
	__u32 sum = (__u16)~*checksum;

	sum += (__u16)~(old & 0xffff) + (__u16)~(old >> 16);
	sum += (new & 0xffff) + (new >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
	*checksum = (__u16)~sum;
}

SEC("xdp")
int xdp_balance(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip = (void *)(eth + 1);
	__u16 *l4_check;
	__be16 *ports;

	if ((void *)(ip + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP) || ip->ihl < 5)
		return XDP_PASS;
	void *l4 = (void *)ip + ip->ihl * 4;
	if (ip->protocol == IPPROTO_TCP) {
		struct tcphdr *tcp = l4;
		if ((void *)(tcp + 1) > data_end)
			return XDP_PASS;
		l4_check = &tcp->check;
		ports = &tcp->source;
	} else if (ip->protocol == IPPROTO_UDP) {
		struct udphdr *udp = l4;
		if ((void *)(udp + 1) > data_end)
			return XDP_PASS;
		l4_check = &udp->check;
		ports = &udp->source;
	} else {
		return XDP_PASS;
	}
	if (ports[1] != bpf_htons(SERVICE_PORT))
		return XDP_PASS;

	__u32 slot = flow_hash(ip->saddr, ip->daddr, ports[0], ports[1], ip->protocol);
	struct backend *to = bpf_map_lookup_elem(&backends, &slot);
	if (!to || !to->addr)
		return XDP_PASS;

	// The destination address is in the IP header checksum and in the
	// TCP/UDP pseudo-header: both follow it. A UDP checksum of 0 means "none".
	csum_replace32(&ip->check, ip->daddr, to->addr);
	if (ip->protocol == IPPROTO_TCP || *l4_check)
		csum_replace32(l4_check, ip->daddr, to->addr);
	ip->daddr = to->addr;

	// From this host's MAC (the frame's destination) to the backend's.
	__builtin_memcpy(eth->h_source, eth->h_dest, ETH_ALEN);
	__builtin_memcpy(eth->h_dest, to->mac, ETH_ALEN);
	return XDP_TX;
}

char _license[] SEC("license") = "GPL";
