// Exercise vlan-pop — INCOMPLETE ON PURPOSE: this is your file to finish.
// Do not "fix" it in a pull request; `npm run lab -- check vlan-pop` judges
// what you write here, and `npm run lab -- hint vlan-pop` helps when stuck.
//
// The task: this interface is an access port for VLAN 10. Frames tagged
// 802.1Q (TPID 0x8100) with VLAN id 10, whatever their priority, lose the tag
// and go on to the stack as ordinary untagged frames. Frames tagged with any
// other VLAN id, frames with an 802.1ad (0x88a8) tag, and tagged frames too
// short to hold their tag are dropped. Untagged frames pass unchanged.
//
//   before:  | dst MAC | src MAC | 0x8100 | TCI | EtherType | payload ...
//   after:             | dst MAC | src MAC       | EtherType | payload ...
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define ACCESS_VLAN 10

// region: starter
// The 4 bytes after the MACs of a tagged frame, past its TPID (which sits
// where the EtherType of an untagged frame would: eth->h_proto).
struct vlan_tag {
	__be16 tci;         // priority (3 bits), DEI (1 bit), VLAN id (12 bits)
	__be16 inner_proto; // the EtherType of what is inside
};

SEC("xdp")
int xdp_vlan_pop(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;

	if ((void *)(eth + 1) > data_end)
		return XDP_PASS;

	// TODO 1: untagged frames pass; 802.1ad (ETH_P_8021AD) frames are dropped.

	// TODO 2: an 802.1Q frame (ETH_P_8021Q): check the tag against
	//         data_end, and drop it unless its VLAN id is ACCESS_VLAN.

	// TODO 3: copy the two MAC addresses aside, then remove 4 bytes from
	//         the front of the frame with bpf_xdp_adjust_head(ctx, 4).

	// TODO 4: adjust_head moved the start of the frame: every pointer from
	//         before it is invalid. Load ctx->data and ctx->data_end again,
	//         check the Ethernet header again, write the MACs back, pass.
	return XDP_PASS;
}
// endregion: starter

char _license[] SEC("license") = "GPL";
