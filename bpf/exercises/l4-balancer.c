// Exercise l4-balancer — INCOMPLETE ON PURPOSE: this is your file to finish.
// Do not "fix" it in a pull request; `npm run lab -- check l4-balancer`
// judges what you write here, and `npm run lab -- hint l4-balancer` helps.
//
// The task: a small layer-4 load balancer. Every IPv4 TCP segment or UDP
// datagram to port SERVICE_PORT goes to one of the backends user space wrote
// into `backends`: the slot is flow_hash() of its 5-tuple, so every packet of
// a flow goes to the same backend. Rewrite the destination address (and both
// checksums that cover it) and the MACs, and send the frame back out with
// XDP_TX. An empty slot, any other traffic and short frames: XDP_PASS,
// unchanged.
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

// region: starter
struct backend {
	__be32 addr;                 // network byte order; 0: this slot is empty
	unsigned char mac[ETH_ALEN]; // where frames for this backend go
	__u16 pad;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, NUM_BACKENDS);
	__type(key, __u32);
	__type(value, struct backend);
} backends SEC(".maps");

// Given, not to change: the checks expect exactly this choice. Every field
// as a number (host order); a multiplicative (Fibonacci) hash mixes them,
// and the top two bits pick one of the 4 slots.
static __always_inline __u32 flow_hash(__be32 saddr, __be32 daddr, __be16 sport, __be16 dport, __u8 protocol)
{
	__u32 h = bpf_ntohl(saddr) ^ bpf_ntohl(daddr) ^ ((__u32)bpf_ntohs(sport) << 16 | bpf_ntohs(dport)) ^ protocol;

	h *= 0x9e3779b1u;
	return h >> 30;
}

// A 32-bit field of the packet changed from `old` to `new`: correct the
// checksum `*checksum` that covers it (RFC 1624, eqn. 3, once per 16-bit half).
static __always_inline void csum_replace32(__u16 *checksum, __be32 old, __be32 new)
{
	// TODO 1: HC' = ~(~HC + ~old_low + ~old_high + new_low + new_high),
	//         folding the carries back into 16 bits.
}

SEC("xdp")
int xdp_balance(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;

	// TODO 2: parse Ethernet and IPv4 (options included: ihl), then TCP or
	//         UDP. Only destination port SERVICE_PORT is balanced.

	// TODO 3: look up backends[flow_hash(...)]; an empty slot passes.

	// TODO 4: the new destination address changes two checksums: the IPv4
	//         header's and the TCP/UDP one (its pseudo-header holds the
	//         addresses). A UDP checksum of 0 means "no checksum": keep it 0.

	// TODO 5: the frame leaves from this host (its old destination MAC) to
	//         the backend's MAC: set both, then return XDP_TX.
	return XDP_PASS;
}
// endregion: starter

char _license[] SEC("license") = "GPL";
