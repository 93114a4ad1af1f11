// xdp-counter lab: count every frame by the verdict the program gives it and
// by its protocol, in per-CPU maps, and drop UDP to one port so that more
// than one verdict shows up in the counts.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "include/xdp_parse_helpers.h"

// The port whose datagrams are dropped: 9 is "discard", fitting.
#define XDP_COUNTER_BLOCKED_PORT 9

// region: maps
// One slot per counter and per CPU: each CPU adds to its own copy without
// atomics or locks, and whoever reads the map adds the copies up.
struct counter {
	__u64 packets;
	__u64 bytes;
};

// Indexed by the verdict: XDP_ABORTED (0) ... XDP_REDIRECT (4).
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, XDP_REDIRECT + 1);
	__type(key, __u32);
	__type(value, struct counter);
} action_counts SEC(".maps");

enum counted_proto {
	PROTO_ICMP,
	PROTO_UDP,
	PROTO_TCP,
	PROTO_OTHER_IPV4, // IPv4 carrying something else (or a fragment)
	PROTO_NOT_IPV4,   // ARP, IPv6, ...
	PROTOS,
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, PROTOS);
	__type(key, __u32);
	__type(value, struct counter);
} proto_counts SEC(".maps");
// endregion: maps

// region: count
static __always_inline void count(void *map, __u32 index, __u64 bytes)
{
	struct counter *c = bpf_map_lookup_elem(map, &index);

	// An array lookup with an index in range always succeeds, but the
	// verifier insists on the NULL check all the same.
	if (!c)
		return;
	c->packets += 1; // plain adds: this slot belongs to this CPU alone
	c->bytes += bytes;
}
// endregion: count

// region: program
SEC("xdp")
int xdp_counter(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct hdr_cursor cur = { .pos = data };
	struct parsed_frame frame = {};
	struct iphdr *ip;
	__u32 proto = PROTO_NOT_IPV4;
	__u32 action = XDP_PASS;

	if (parse_ethhdr(&cur, data_end, &frame) == bpf_htons(ETH_P_IP)) {
		switch (parse_iphdr(&cur, data_end, &ip)) {
		case IPPROTO_ICMP:
			proto = PROTO_ICMP;
			break;
		case IPPROTO_TCP:
			proto = PROTO_TCP;
			break;
		case IPPROTO_UDP:
			proto = PROTO_UDP;
			if (parse_udp_dport(&cur, data_end) == XDP_COUNTER_BLOCKED_PORT)
				action = XDP_DROP;
			break;
		default:
			proto = PROTO_OTHER_IPV4;
		}
	}
	count(&proto_counts, proto, data_end - data);
	count(&action_counts, action, data_end - data);
	return action;
}
// endregion: program

char _license[] SEC("license") = "GPL";
