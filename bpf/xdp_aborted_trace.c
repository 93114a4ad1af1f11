// xdp-aborted lab: a tracepoint program that counts xdp:xdp_exception events.
// It runs for every XDP exception on the machine, in every network namespace,
// so it only counts events from the one interface the lab names in
// `watched_ifindex`; until the lab fills that in, it counts nothing.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

// region: record
// The record the tracepoint hands to a BPF program, laid out as
// /sys/kernel/tracing/events/xdp/xdp_exception/format describes it: 8 bytes
// of common fields, then the event's own.
struct xdp_exception_record {
	__u64 common;
	__s32 prog_id;
	__u32 act;
	__s32 ifindex;
};
// endregion: record

// region: maps
// Slot 0: the ifindex to watch, written by the lab with `bpftool map update`.
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} watched_ifindex SEC(".maps");

// Which program aborted, with which verdict, and how often.
struct exception_key {
	__u32 prog_id;
	__u32 act;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16);
	__type(key, struct exception_key);
	__type(value, __u64);
} exceptions SEC(".maps");
// endregion: maps

// region: count
SEC("tracepoint/xdp/xdp_exception")
int count_exception(struct xdp_exception_record *record)
{
	__u32 slot = 0;
	__u32 *watched = bpf_map_lookup_elem(&watched_ifindex, &slot);

	// Ifindexes are numbered per network namespace; the lab gives its veth
	// a number no other namespace on this machine uses.
	if (!watched || *watched == 0 || record->ifindex != (__s32)*watched)
		return 1;

	struct exception_key key = { .prog_id = record->prog_id, .act = record->act };
	__u64 zero = 0;
	__u64 *count = bpf_map_lookup_elem(&exceptions, &key);

	if (!count) {
		// First event of its kind: create the entry at 0. BPF_NOEXIST
		// leaves an entry another CPU created a moment ago untouched.
		bpf_map_update_elem(&exceptions, &key, &zero, BPF_NOEXIST);
		count = bpf_map_lookup_elem(&exceptions, &key);
	}
	if (count)
		__sync_fetch_and_add(count, 1);

	// The return value of a tracepoint program decides whether perf still
	// receives the event: 0 would hide it from `perf record` and `perf stat`.
	return 1;
}
// endregion: count

char _license[] SEC("license") = "GPL";
