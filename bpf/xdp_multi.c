// xdp-dispatcher lab: two small programs to load side by side on one
// interface with xdp-loader. libxdp's dispatcher calls them in priority order;
// after each, it goes on to the next only if the program's return value is one
// of its chain-call actions. Each counts its own runs, so the lab can tell which ran.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

// region: runs
// One counter per program instance: xdp-loader loads each program from its
// own copy of this object, so each gets its own map.
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} runs SEC(".maps");

static __always_inline void count_run(void)
{
	__u32 zero = 0;
	__u64 *n = bpf_map_lookup_elem(&runs, &zero);
	if (n)
		__sync_fetch_and_add(n, 1);
}
// endregion: runs

// region: programs
SEC("xdp")
int xdp_count(struct xdp_md *ctx)
{
	count_run();
	return XDP_PASS;
}

SEC("xdp")
int xdp_drop_all(struct xdp_md *ctx)
{
	count_run();
	return XDP_DROP;
}
// endregion: programs

char _license[] SEC("license") = "GPL";
