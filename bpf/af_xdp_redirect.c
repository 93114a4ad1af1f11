// af-xdp lab: hand one kind of frame to user space. UDP datagrams to one port
// are redirected into the AF_XDP socket registered for the queue they arrived
// on; everything else goes on to the kernel's stack as usual.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "include/xdp_parse_helpers.h"

// The UDP port whose datagrams go to the socket (labs/catalog/af-xdp.ts sends to it).
#define AF_XDP_PORT 7777

// region: xskmap
// One slot per receive queue: user space puts the file descriptor of the
// AF_XDP socket bound to queue N into slot N.
struct {
	__uint(type, BPF_MAP_TYPE_XSKMAP);
	__uint(max_entries, 64);
	__type(key, __u32);
	__type(value, __u32);
} xsks SEC(".maps");
// endregion: xskmap

// region: redirect
SEC("xdp")
int af_xdp_redirect(struct xdp_md *ctx)
{
	void *data_end = (void *)(long)ctx->data_end;
	struct hdr_cursor cur = { .pos = (void *)(long)ctx->data };
	struct parsed_frame frame = {};
	struct iphdr *ip;

	if (parse_ethhdr(&cur, data_end, &frame) != bpf_htons(ETH_P_IP) ||
	    parse_iphdr(&cur, data_end, &ip) != IPPROTO_UDP ||
	    parse_udp_dport(&cur, data_end) != AF_XDP_PORT)
		return XDP_PASS;
	// The last argument is what to do when no socket sits in that slot
	// (Linux 5.3+): pass the frame to the stack instead of dropping it.
	return bpf_redirect_map(&xsks, ctx->rx_queue_index, XDP_PASS);
}
// endregion: redirect

char _license[] SEC("license") = "GPL";
