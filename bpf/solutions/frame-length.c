// Reference solution of the frame-length exercise (see bpf/exercises/frame-length.c).
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define MIN_LEN 64
#define MAX_LEN 1024

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} passed_bytes SEC(".maps");

SEC("xdp")
int xdp_frame_len(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	__u64 len = data_end - data;
	__u32 key = 0;

	if (len < MIN_LEN || len > MAX_LEN)
		return XDP_DROP;

	__u64 *bytes = bpf_map_lookup_elem(&passed_bytes, &key);
	if (bytes)
		*bytes += len; // this CPU's own slot: no other CPU writes it
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
