// xdp_redirect lab: frames that arrive on one veth leave through another
// device, chosen at run time through a DEVMAP, without ever becoming an SKB on
// the way. A second program on the far side counts what arrives.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

// region: devmap
/*
 * A DEVMAP holds network devices by ifindex. User space fills slot 0 with
 * the ifindex of the egress device; the kernel resolves that number when the
 * slot is written, in the network namespace of the process that writes it.
 */
struct {
	__uint(type, BPF_MAP_TYPE_DEVMAP);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} egress_port SEC(".maps");
// endregion: devmap

// region: redirect
SEC("xdp")
int xdp_via_devmap(struct xdp_md *ctx)
{
	__u32 slot = 0;

	// XDP_REDIRECT if slot 0 names a device; otherwise the lower bits of the
	// flags are the verdict: while the map is still empty, packets go on to
	// the stack as if no program were attached.
	return bpf_redirect_map(&egress_port, slot, XDP_PASS);
}
// endregion: redirect

// region: count
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} arrivals SEC(".maps");

// On the far veth: count every frame that arrives, then drop it, so the far
// namespace's stack is left out of the picture. Being an XDP program, it also
// gives the far veth the receive queue that redirected frames are put on.
SEC("xdp")
int xdp_count_rx(struct xdp_md *ctx)
{
	__u32 slot = 0;
	__u64 *count = bpf_map_lookup_elem(&arrivals, &slot);

	if (count)
		__sync_fetch_and_add(count, 1);
	return XDP_DROP;
}
// endregion: count

char _license[] SEC("license") = "GPL";
