// Exercise frame-length — INCOMPLETE ON PURPOSE: this is your file to finish.
// Do not "fix" it in a pull request; `npm run lab -- check frame-length` judges
// what you write here, and `npm run lab -- hint frame-length` helps when stuck.
//
// The task: a frame's length is the distance between ctx->data and
// ctx->data_end. Drop runts (shorter than 64 bytes) and giants (longer than
// 1024 bytes); pass everything in between. Count the bytes of the frames you
// pass in the map passed_bytes, so user space can read how much got through.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define MIN_LEN 64
#define MAX_LEN 1024

// One slot per CPU: each CPU adds to its own copy, user space sums them.
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} passed_bytes SEC(".maps");

// region: starter
SEC("xdp")
int xdp_frame_len(struct xdp_md *ctx)
{
	// TODO 1: turn ctx->data and ctx->data_end into pointers
	//         (they are __u32 in struct xdp_md: cast through long).

	// TODO 2: compute the frame's length from the two pointers.

	// TODO 3: return XDP_DROP for a frame shorter than MIN_LEN or longer
	//         than MAX_LEN.

	// TODO 4: for every other frame, add its length to passed_bytes[0]
	//         (bpf_map_lookup_elem returns NULL if the key is missing:
	//         check before you write), then pass it.
	return XDP_PASS;
}
// endregion: starter

char _license[] SEC("license") = "GPL";
