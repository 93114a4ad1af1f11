// Exercise devmap-redirect — INCOMPLETE ON PURPOSE: this is your file to finish.
// Do not "fix" it in a pull request; `npm run lab -- check devmap-redirect`
// judges what you write here, and `npm run lab -- hint devmap-redirect` helps.
//
// The task: a port-based patch panel. User space writes into port_egress,
// for some UDP destination ports, the ifindex of the device those datagrams
// must leave through. Redirect every UDP datagram (IPv4 or IPv6) whose
// destination port is in the map to that device; every other frame — other
// ports, other protocols, frames too short to parse — goes on to the stack.
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/udp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

// region: starter
// A DEVMAP_HASH holds devices under any key, not only 0..max_entries-1:
// here the key is a UDP port, as a number (7000 is written as 7000).
struct {
	__uint(type, BPF_MAP_TYPE_DEVMAP_HASH);
	__uint(max_entries, 64);
	__type(key, __u32);   // UDP destination port, host byte order
	__type(value, __u32); // egress ifindex
} port_egress SEC(".maps");

SEC("xdp")
int xdp_port_redirect(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;

	// TODO 1: parse Ethernet, then IPv4 (the UDP header starts ihl * 4
	//         bytes in) or IPv6 (nexthdr IPPROTO_UDP, 40 bytes). Anything
	//         else, or anything too short, gets XDP_PASS.

	// TODO 2: find the UDP destination port and turn it into the map's key.

	// TODO 3: redirect through port_egress. When the port has no entry,
	//         the frame must go to the stack: bpf_redirect_map's last
	//         argument says what it returns then.
	return XDP_PASS;
}
// endregion: starter

char _license[] SEC("license") = "GPL";
