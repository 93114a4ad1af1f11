// xdp-dispatcher lab: tail calls. An entry program looks at the IP protocol
// and jumps, with bpf_tail_call, to the program stored at that index of a
// PROG_ARRAY. A tail call does not return: the jumped-to program's verdict is
// the frame's. If the slot is empty the call falls through, and the entry
// program carries on.
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/in.h>
#include <bpf/bpf_endian.h>
#include <bpf/bpf_helpers.h>

// region: counters
enum tail_counter { AT_ENTRY, AT_ICMP, AT_UDP_DROP, AT_MISS, TAIL_COUNTERS };

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, TAIL_COUNTERS);
	__type(key, __u32);
	__type(value, __u64);
} tail_counters SEC(".maps");

static __always_inline void count(__u32 at)
{
	__u64 *n = bpf_map_lookup_elem(&tail_counters, &at);
	if (n)
		__sync_fetch_and_add(n, 1);
}
// endregion: counters

// region: targets
SEC("xdp")
int tail_icmp(struct xdp_md *ctx)
{
	count(AT_ICMP);
	return XDP_PASS;
}

SEC("xdp")
int tail_udp_drop(struct xdp_md *ctx)
{
	count(AT_UDP_DROP);
	return XDP_DROP;
}
// endregion: targets

// region: jump-table
// Indexed by IP protocol number. libbpf fills the two slots when it loads the
// object; the lab empties and refills them later with bpftool, while the entry
// program stays attached.
struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 256);
	__type(key, __u32);
	__array(values, int(struct xdp_md *));
} jump_table SEC(".maps") = {
	.values = {
		[IPPROTO_ICMP] = (void *)&tail_icmp,
		[IPPROTO_UDP] = (void *)&tail_udp_drop,
	},
};
// endregion: jump-table

// region: entry
SEC("xdp")
int xdp_tail_entry(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip = (void *)(eth + 1);

	if ((void *)(ip + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;
	count(AT_ENTRY);
	bpf_tail_call(ctx, &jump_table, ip->protocol);
	// Only reached when the slot is empty: the tail call did not happen.
	count(AT_MISS);
	return XDP_PASS;
}
// endregion: entry

char _license[] SEC("license") = "GPL";
