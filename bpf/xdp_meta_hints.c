// xdp-meta lab: the RX metadata kfuncs. A driver may know things about a frame
// that are not in its bytes (the RSS hash its hardware computed, the time the
// frame arrived); since Linux 6.3 an XDP program asks the driver through
// kfuncs. The program must be device-bound: loaded for one device
// (prog_ifindex with BPF_F_XDP_DEV_BOUND_ONLY), so the verifier can replace
// each kfunc call with that driver's own implementation.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "xdp_meta.h"

// region: kfuncs
// The kernel's enum (include/net/xdp.h) is not UAPI. The program only passes
// a pointer to one, so one value is enough to give the type a size; the lab
// decodes the bits it gets back (XDP_RSS_L4 = 8, ...).
enum xdp_rss_hash_type { XDP_RSS_TYPE_NONE = 0 };

extern int bpf_xdp_metadata_rx_hash(const struct xdp_md *ctx, __u32 *hash,
				    enum xdp_rss_hash_type *rss_type) __ksym;
extern int bpf_xdp_metadata_rx_timestamp(const struct xdp_md *ctx, __u64 *timestamp) __ksym;
// endregion: kfuncs

// region: hints
SEC("xdp")
int xdp_rx_hints(struct xdp_md *ctx)
{
	if (bpf_xdp_adjust_meta(ctx, -(int)sizeof(struct meta_hints)))
		return XDP_PASS;
	void *data = (void *)(long)ctx->data;
	struct meta_hints *meta = (void *)(long)ctx->data_meta;
	if ((void *)(meta + 1) > data)
		return XDP_PASS;

	__builtin_memset(meta, 0, sizeof(*meta));
	meta->magic = META_MAGIC_HINTS;
	// Each kfunc returns 0 or a negative errno: -EOPNOTSUPP when the driver
	// does not implement it, -ENODATA when it has nothing for this frame.
	meta->rx_hash_ret = bpf_xdp_metadata_rx_hash(ctx, &meta->rx_hash,
						     (enum xdp_rss_hash_type *)&meta->rx_hash_type);
	meta->rx_timestamp_ret = bpf_xdp_metadata_rx_timestamp(ctx, &meta->rx_timestamp);
	return XDP_PASS;
}
// endregion: hints

char _license[] SEC("license") = "GPL";
