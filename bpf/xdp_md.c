// xdp_md lab: record what struct xdp_md tells a program about each frame:
// the interface and RX queue it arrived on, and its length.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

// region: map
// One entry per distinct (interface, queue, length): a ping of one size makes
// one entry whose count is the number of frames of that size.
struct frame_seen {
	__u32 ingress_ifindex;
	__u32 rx_queue_index;
	__u32 frame_len;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, struct frame_seen);
	__type(value, __u64);
} frames_seen SEC(".maps");
// endregion: map

// region: record
SEC("xdp")
int xdp_record_md(struct xdp_md *ctx)
{
	// data and data_end are addresses; their difference is the frame's
	// length in bytes, from the first byte of the Ethernet header.
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct frame_seen key = {
		.ingress_ifindex = ctx->ingress_ifindex,
		.rx_queue_index = ctx->rx_queue_index,
		.frame_len = (__u32)(data_end - data),
	};
	__u64 zero = 0;
	__u64 *count = bpf_map_lookup_elem(&frames_seen, &key);

	if (!count) {
		// First frame of its kind: create the entry at 0. BPF_NOEXIST
		// leaves an entry another CPU created a moment ago untouched.
		bpf_map_update_elem(&frames_seen, &key, &zero, BPF_NOEXIST);
		count = bpf_map_lookup_elem(&frames_seen, &key);
	}
	if (count)
		__sync_fetch_and_add(count, 1);
	// Only looking: every frame goes on to the stack, so ping is answered.
	return XDP_PASS;
}
// endregion: record

char _license[] SEC("license") = "GPL";
