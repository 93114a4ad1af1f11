// xdp_frags lab: jumbo frames on a veth. A frame larger than a page
// does not fit one XDP buffer; it arrives as a head plus fragments,
// and only a program that says it can handle that may be attached
// where such frames can arrive.
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/icmp.h>
#include <bpf/bpf_endian.h>
#include <bpf/bpf_helpers.h>

// region: plain
// An ordinary XDP program: SEC("xdp") says nothing about
// fragments, so the kernel assumes it expects every frame to be in
// one buffer.
SEC("xdp")
int xdp_no_frags(struct xdp_md *ctx)
{
	return XDP_PASS;
}
// endregion: plain

// region: map
// What the program saw of the latest ICMP echo request.
struct frags_seen {
	__u32 frames;       // echo requests seen so far
	__u32 total_len;    // bpf_xdp_get_buff_len: head and fragments
	__u32 head_len;     // data_end - data: the head only
	__u32 boundary_off; // where the read across the boundary began
	__s32 boundary_ret; // what bpf_xdp_load_bytes returned there
	__s32 tail_ret;     // and for the last 16 bytes
	__u8 boundary[16];  // 8 bytes before the head's end, 8 after
	__u8 tail[16];      // the frame's last 16 bytes
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct frags_seen);
} last_echo SEC(".maps");
// endregion: map

// region: frags
// "xdp.frags" makes the loader set BPF_F_XDP_HAS_FRAGS: the program
// promises not to take data_end for the end of the frame.
SEC("xdp.frags")
int xdp_frags_read(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip = (void *)(eth + 1);
	struct icmphdr *icmp = (void *)(ip + 1);
	struct frags_seen *seen;
	__u32 zero = 0;

	// The headers are in the head: direct access works as usual,
	// but only up to data_end, the end of the head.
	if ((void *)(icmp + 1) > data_end ||
	    eth->h_proto != bpf_htons(ETH_P_IP) || ip->ihl != 5 ||
	    ip->protocol != IPPROTO_ICMP || icmp->type != ICMP_ECHO)
		return XDP_PASS;
	seen = bpf_map_lookup_elem(&last_echo, &zero);
	if (!seen)
		return XDP_PASS;

	seen->frames++;
	seen->total_len = bpf_xdp_get_buff_len(ctx);
	seen->head_len = data_end - data;
	// Beyond the head, bytes are read (and written) through helpers
	// that take an offset into the whole frame and copy across
	// buffer boundaries.
	seen->tail_ret = bpf_xdp_load_bytes(ctx, seen->total_len - 16,
					    seen->tail, 16);
	if (seen->head_len < seen->total_len) {
		seen->boundary_off = seen->head_len - 8;
		seen->boundary_ret = bpf_xdp_load_bytes(ctx,
			seen->boundary_off, seen->boundary, 16);
	} else {
		seen->boundary_off = 0;
		seen->boundary_ret = 1; // one buffer: no boundary to cross
	}
	return XDP_PASS;
}
// endregion: frags

char _license[] SEC("license") = "GPL";
