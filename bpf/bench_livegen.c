// The sending half of the live-frame traffic generator (labs/tools/livegen.c).
//
// The generator does not attach this program anywhere. It hands it one frame
// through BPF_PROG_RUN with BPF_F_TEST_XDP_LIVE_FRAMES, and the kernel runs it
// again and again, each time on a fresh copy of that frame in a page of its
// own page pool. Because the frame lives in an XDP buffer and never in an
// sk_buff, what reaches the other end of the veth is an xdp_frame: exactly what
// a NIC driver hands to an XDP program, with no SKB allocated on the way.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

// region: livegen-tx
SEC("xdp")
int bench_livegen_tx(struct xdp_md *ctx)
{
	// In live-frame mode XDP_TX cannot bounce the frame back into a driver
	// (there is none: we run in the generator's system call), so the kernel
	// turns it into a redirect out of the interface named in the context's
	// ingress_ifindex: our end of the veth. The frame then arrives at the peer.
	return XDP_TX;
}
// endregion: livegen-tx

// region: livegen-drop
// The generator's own cost: the same loop, each copy built in its page and
// run through a program, but dropped instead of sent. Nothing reaches the
// peer, so the time per frame is what making a frame costs on its own.
SEC("xdp")
int bench_livegen_drop(struct xdp_md *ctx)
{
	return XDP_DROP;
}
// endregion: livegen-drop

char _license[] SEC("license") = "GPL";
