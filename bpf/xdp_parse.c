// xdp-parse lab: walk a frame's headers the way the verifier allows (every
// read checked against data_end) and drop exactly one kind of packet, ICMP
// and ICMPv6 echo requests, however many VLAN tags they are wrapped in.
// Everything else, echo replies and UDP included, goes on to the stack.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "include/xdp_parse_helpers.h"

// Frames seen, by how many VLAN tags they carried, and echo requests dropped,
// by IP version: the lab reads them to prove each path really was parsed.
enum parse_stat {
	SEEN_UNTAGGED,
	SEEN_ONE_TAG,
	SEEN_TWO_TAGS,
	DROPPED_ECHO_IPV4,
	DROPPED_ECHO_IPV6,
	PARSE_STATS,
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, PARSE_STATS);
	__type(key, __u32);
	__type(value, __u64);
} parse_stats SEC(".maps");

static __always_inline void bump(__u32 stat)
{
	__u64 *value = bpf_map_lookup_elem(&parse_stats, &stat);
	if (value)
		*value += 1; // this CPU's own slot: no other CPU writes it
}

// region: verdict
SEC("xdp")
int xdp_parse_drop_echo(struct xdp_md *ctx)
{
	void *data_end = (void *)(long)ctx->data_end;
	struct hdr_cursor cur = { .pos = (void *)(long)ctx->data };
	struct parsed_frame frame = {};
	struct iphdr *ip;
	struct ipv6hdr *ip6;

	int proto = parse_ethhdr(&cur, data_end, &frame);
	if (proto < 0)
		return XDP_PASS; // too short to judge: the stack decides
	bump(SEEN_UNTAGGED + frame.vlan_depth);

	if (proto == bpf_htons(ETH_P_IP)) {
		if (parse_iphdr(&cur, data_end, &ip) == IPPROTO_ICMP &&
		    parse_icmp_type(&cur, data_end) == ICMP_ECHO) {
			bump(DROPPED_ECHO_IPV4);
			return XDP_DROP;
		}
	} else if (proto == bpf_htons(ETH_P_IPV6)) {
		if (parse_ip6hdr(&cur, data_end, &ip6) == IPPROTO_ICMPV6 &&
		    parse_icmp_type(&cur, data_end) == ICMPV6_ECHO_REQUEST) {
			bump(DROPPED_ECHO_IPV6);
			return XDP_DROP;
		}
	}
	return XDP_PASS;
}
// endregion: verdict

char _license[] SEC("license") = "GPL";
