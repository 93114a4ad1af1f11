// Exercise syn-guard — INCOMPLETE ON PURPOSE: this is your file to finish.
// Do not "fix" it in a pull request; `npm run lab -- check syn-guard` judges
// what you write here, and `npm run lab -- hint syn-guard` helps when stuck.
//
// The task: a SYN-flood guard. Count, per source address, the TCP connection
// requests (SYN set, ACK clear) that arrive, IPv4 and IPv6, in syn_count.
// The first SYN_LIMIT from a source pass; every later one is dropped. All
// other traffic — other TCP segments from the same source included, and
// frames too short to hold a TCP header — passes unchanged.
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/tcp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define SYN_LIMIT 3

// region: starter
// One key type for both families: an IPv6 address. An IPv4 source a.b.c.d is
// stored as the IPv4-mapped address ::ffff:a.b.c.d — ten zero bytes, two 0xff
// bytes, then the four bytes of the IPv4 address, as the packet has them.
// LRU: when the map is full, the source not seen for longest makes room, so
// a flood of new sources cannot fill it for good.
struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 4096);
	__type(key, struct in6_addr); // the source; IPv4 as ::ffff:a.b.c.d
	__type(value, __u64);         // SYNs seen from it, dropped ones included
} syn_count SEC(".maps");

SEC("xdp")
int xdp_syn_guard(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct in6_addr source = {};

	// TODO 1: parse Ethernet, then IPv4 (TCP starts ihl * 4 bytes in) or
	//         IPv6 (nexthdr IPPROTO_TCP, 40 bytes). Fill `source` as the
	//         comment above the map says. Not TCP: XDP_PASS.

	// TODO 2: check struct tcphdr against data_end. Only a SYN without ACK
	//         counts (tcp->syn, tcp->ack).

	// TODO 3: add one to syn_count[source] — the first SYN of a source has
	//         no entry yet: create it with 1. Several CPUs may count the
	//         same source at once: add atomically.

	// TODO 4: drop the SYN if this source has now sent more than SYN_LIMIT.
	return XDP_PASS;
}
// endregion: starter

char _license[] SEC("license") = "GPL";
