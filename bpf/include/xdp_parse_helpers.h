// Bounds-checked header parsing for XDP programs (xdp-parse and xdp-counter labs).
//
// An XDP program gets the frame as two addresses, data and data_end, and the
// verifier refuses any read it cannot prove lies between them. So every parser
// here follows one rule: before touching a header, check that its LAST byte is
// still before data_end, and only then read it and move the cursor past it.
// Each function returns the next protocol, or -1 when the frame is too short
// for the header it claims to carry.
#ifndef XDP_PARSE_HELPERS_H
#define XDP_PARSE_HELPERS_H

#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/udp.h>
#include <bpf/bpf_endian.h>
#include <bpf/bpf_helpers.h>

// How many VLAN tags we look through: 802.1ad (outer, "QinQ") + 802.1Q (inner).
#define XDP_PARSE_MAX_VLANS 2

// Where parsing has got to in the frame. Each parser moves it past one header.
struct hdr_cursor {
	void *pos;
};

// The 4 bytes a VLAN tag inserts after the MAC addresses (linux/if_vlan.h is a
// kernel-internal header, so we spell the layout out).
struct vlan_tag {
	__be16 tci;                // priority (3 bits), DEI (1), VLAN id (12)
	__be16 encapsulated_proto; // the EtherType of what follows
};

// What the parsers learned about one frame.
struct parsed_frame {
	__u16 vlan_ids[XDP_PARSE_MAX_VLANS];
	__u8 vlan_depth; // tags seen: 0, 1 or 2
};

// region: parse-eth
static __always_inline int is_vlan_proto(__be16 proto)
{
	return proto == bpf_htons(ETH_P_8021Q) || proto == bpf_htons(ETH_P_8021AD);
}

// Ethernet header, then up to XDP_PARSE_MAX_VLANS tags. Returns the EtherType
// of the payload (network byte order), or -1 if the frame is cut short.
static __always_inline int parse_ethhdr(struct hdr_cursor *cur, void *data_end, struct parsed_frame *frame)
{
	struct ethhdr *eth = cur->pos;

	if ((void *)(eth + 1) > data_end)
		return -1;
	cur->pos = eth + 1;
	__be16 proto = eth->h_proto;

	// A loop with a constant bound: clang unrolls it, and the verifier
	// sees at most two tags, each checked before it is read. A third tag
	// is left unparsed: its EtherType (0x8100) matches no rule below.
#pragma unroll
	for (int i = 0; i < XDP_PARSE_MAX_VLANS; i++) {
		if (!is_vlan_proto(proto))
			break;
		struct vlan_tag *tag = cur->pos;
		if ((void *)(tag + 1) > data_end)
			return -1;
		frame->vlan_ids[i] = bpf_ntohs(tag->tci) & 0x0fff;
		frame->vlan_depth = i + 1;
		proto = tag->encapsulated_proto;
		cur->pos = tag + 1;
	}
	return proto;
}
// endregion: parse-eth

// region: parse-ip
// IPv4: the header's length is in the header (ihl, in 4-byte words), so the
// check uses that length, not sizeof(struct iphdr). Returns the L4 protocol,
// or -1. A fragment other than the first carries no L4 header at all: for
// it we return -1 too, so no rule mistakes its payload for a header.
static __always_inline int parse_iphdr(struct hdr_cursor *cur, void *data_end, struct iphdr **iphdr)
{
	struct iphdr *ip = cur->pos;

	if ((void *)(ip + 1) > data_end)
		return -1;
	int hdrsize = ip->ihl * 4;
	if (hdrsize < (int)sizeof(*ip))
		return -1;
	if (cur->pos + hdrsize > data_end)
		return -1;
	if (ip->frag_off & bpf_htons(0x1fff)) // fragment offset, in 8-byte units
		return -1;
	cur->pos += hdrsize;
	*iphdr = ip;
	return ip->protocol;
}

// IPv6: a fixed 40-byte header. Extension headers are not followed here: a
// frame with one reports that header's number, which no rule below matches.
static __always_inline int parse_ip6hdr(struct hdr_cursor *cur, void *data_end, struct ipv6hdr **ip6hdr)
{
	struct ipv6hdr *ip6 = cur->pos;

	if ((void *)(ip6 + 1) > data_end)
		return -1;
	cur->pos = ip6 + 1;
	*ip6hdr = ip6;
	return ip6->nexthdr;
}
// endregion: parse-ip

// region: parse-l4
// ICMP and ICMPv6 both start with type (1 byte) and code (1 byte); that is
// all a filter needs. Returns the type, or -1.
static __always_inline int parse_icmp_type(struct hdr_cursor *cur, void *data_end)
{
	struct icmphdr *icmp = cur->pos; // 8 bytes; ICMPv6's header has the same size

	if ((void *)(icmp + 1) > data_end)
		return -1;
	cur->pos = icmp + 1;
	return icmp->type;
}

// UDP: returns the destination port (host byte order), or -1.
static __always_inline int parse_udp_dport(struct hdr_cursor *cur, void *data_end)
{
	struct udphdr *udp = cur->pos;

	if ((void *)(udp + 1) > data_end)
		return -1;
	cur->pos = udp + 1;
	return bpf_ntohs(udp->dest);
}
// endregion: parse-l4

#endif
