// Exercise proto-count — INCOMPLETE ON PURPOSE: this is your file to finish.
// Do not "fix" it in a pull request; `npm run lab -- check proto-count` judges
// what you write here, and `npm run lab -- hint proto-count` helps when stuck.
//
// The task: count every frame in proto_count, one slot per protocol:
//   PROTO_TCP, PROTO_UDP     TCP or UDP over IPv4 or IPv6
//   PROTO_ICMP               ICMP over IPv4 (protocol 1)
//   PROTO_ICMPV6             ICMPv6 over IPv6 (next header 58)
//   PROTO_OTHER              everything else, and frames too short to tell
// Every frame passes. The header is IPv4's first 20 bytes or IPv6's 40: the
// protocol is in there, nothing further is needed. Keep the names below:
// the checks read the map called proto_count, at these keys.
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <bpf/bpf_endian.h>
#include <bpf/bpf_helpers.h>

// region: starter
enum proto_key {
	PROTO_OTHER,
	PROTO_TCP,
	PROTO_UDP,
	PROTO_ICMP,
	PROTO_ICMPV6,
	PROTO_KEYS,
};

// One __u64 per key and per CPU: each CPU adds to its own copy, no atomics.
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
	// TODO 1: IPv4 (ETH_P_IP): check the header, then set key from
	//         ip->protocol (IPPROTO_TCP, IPPROTO_UDP, IPPROTO_ICMP).
	// TODO 2: IPv6 (ETH_P_IPV6): the same from ip6->nexthdr, where
	//         IPPROTO_ICMPV6 means PROTO_ICMPV6.

count:
	// TODO 3: look key up in proto_count (bpf_map_lookup_elem gives a
	//         pointer to this CPU's value, or NULL) and add one.
	return XDP_PASS;
}
// endregion: starter

char _license[] SEC("license") = "GPL";
