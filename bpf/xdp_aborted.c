// xdp-aborted lab: the program under observation. XDP_ABORTED drops the
// packet exactly like XDP_DROP, but it also fires the xdp:xdp_exception
// tracepoint: it is the verdict for "my program hit an error", and the
// tracepoint is how you find out that it happens.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

// region: aborted
SEC("xdp")
int xdp_aborted(struct xdp_md *ctx)
{
	return XDP_ABORTED;
}
// endregion: aborted

char _license[] SEC("license") = "GPL";
