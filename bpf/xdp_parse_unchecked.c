// xdp-parse lab: the mistake the verifier exists to catch. This is the VLAN
// step of parse_ethhdr (bpf/include/xdp_parse_helpers.h) with its bounds
// check left out. It compiles; the kernel refuses to load it.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "include/xdp_parse_helpers.h"

// region: unchecked
SEC("xdp")
int xdp_parse_unchecked(struct xdp_md *ctx)
{
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = (void *)(long)ctx->data;

	if ((void *)(eth + 1) > data_end)
		return XDP_PASS;
	if (is_vlan_proto(eth->h_proto)) {
		struct vlan_tag *tag = (void *)(eth + 1);
		// Missing: if ((void *)(tag + 1) > data_end) return XDP_PASS;
		// A 14-byte frame that claims a tag would make this read run off its end.
		if ((bpf_ntohs(tag->tci) & 0x0fff) == 10)
			return XDP_DROP;
	}
	return XDP_PASS;
}
// endregion: unchecked

char _license[] SEC("license") = "GPL";
