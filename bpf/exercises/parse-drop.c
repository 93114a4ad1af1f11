// Exercise parse-drop — INCOMPLETE ON PURPOSE: this is your file to finish.
// Do not "fix" it in a pull request; `npm run lab -- check parse-drop` judges
// what you write here, and `npm run lab -- hint parse-drop` helps when stuck.
//
// The task: drop ICMP and ICMPv6 echo REPLIES; everything else passes.
//   - The frame may carry up to two VLAN tags after the MAC addresses:
//     802.1Q (0x8100), or 802.1ad (0x88a8) outside an 802.1Q tag.
//   - The IPv4 header is ihl * 4 bytes long: options sit between it and ICMP.
//   - The ICMPv6 header follows the 40-byte IPv6 header (no extension headers
//     to follow here).
//   - A frame too short to hold a header you need passes: the stack judges it.
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <bpf/bpf_endian.h>
#include <bpf/bpf_helpers.h>

// region: starter
// The 4 bytes a VLAN tag adds (linux/if_vlan.h is kernel-internal).
struct vlan_tag {
	__be16 tci;   // priority, DEI, VLAN id
	__be16 proto; // the EtherType of what follows the tag
};

SEC("xdp")
int xdp_drop_replies(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;

	if ((void *)(eth + 1) > data_end)
		return XDP_PASS;
	void *cursor = eth + 1;   // where the next header starts
	__be16 proto = eth->h_proto;

	// TODO 1: look through up to two VLAN tags (ETH_P_8021Q, ETH_P_8021AD):
	//         check the tag against data_end, take its proto, move cursor.

	if (proto == bpf_htons(ETH_P_IP)) {
		// TODO 2: the IPv4 header at cursor; check it, and find where ICMP
		//         starts: ihl * 4 bytes later, not sizeof(struct iphdr).
		// TODO 3: if it carries ICMP (IPPROTO_ICMP), check the ICMP header
		//         and drop it when its type is ICMP_ECHOREPLY.
	} else if (proto == bpf_htons(ETH_P_IPV6)) {
		// TODO 4: the same for IPv6: nexthdr IPPROTO_ICMPV6, then an ICMPv6
		//         header whose type is ICMPV6_ECHO_REPLY.
	}
	return XDP_PASS;
}
// endregion: starter

char _license[] SEC("license") = "GPL";
