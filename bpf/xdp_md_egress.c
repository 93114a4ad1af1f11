// xdp_md lab, second program: it reads egress_ifindex, which only programs
// attached to a DEVMAP entry (SEC("xdp/devmap")) may read. As an ordinary XDP
// program it is rejected by the verifier, and the lab shows that refusal.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

// region: egress
SEC("xdp")
int xdp_read_egress(struct xdp_md *ctx)
{
	// There is no egress device yet when a packet has just arrived: the
	// field only has a meaning just before a redirected frame is sent.
	if (ctx->egress_ifindex == 0)
		return XDP_PASS;
	return XDP_DROP;
}
// endregion: egress

char _license[] SEC("license") = "GPL";
