// Reference solution of the vlan-pop exercise (see bpf/exercises/vlan-pop.c).
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define ACCESS_VLAN 10

struct vlan_tag {
	__be16 tci;
	__be16 inner_proto;
};

SEC("xdp")
int xdp_vlan_pop(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;

	if ((void *)(eth + 1) > data_end)
		return XDP_PASS;
	if (eth->h_proto != bpf_htons(ETH_P_8021Q)) {
		// Untagged frames belong to this port; any other tag (QinQ's 0x88a8 too) does not.
		return eth->h_proto == bpf_htons(ETH_P_8021AD) ? XDP_DROP : XDP_PASS;
	}
	struct vlan_tag *tag = (void *)(eth + 1);
	if ((void *)(tag + 1) > data_end)
		return XDP_DROP;
	// The low 12 bits are the VLAN id; the top 3 the priority, which says nothing about the VLAN.
	if ((bpf_ntohs(tag->tci) & 0x0fff) != ACCESS_VLAN)
		return XDP_DROP;

	// Keep the MACs: they move 4 bytes up, onto the tag, and the inner
	// EtherType already sits where the outer one will be.
	unsigned char macs[2 * ETH_ALEN];
	__builtin_memcpy(macs, eth, sizeof(macs));
	if (bpf_xdp_adjust_head(ctx, (int)sizeof(*tag)))
		return XDP_DROP;

	// adjust_head moved ctx->data: every packet pointer from before is stale.
	data = (void *)(long)ctx->data;
	data_end = (void *)(long)ctx->data_end;
	eth = data;
	if ((void *)(eth + 1) > data_end)
		return XDP_DROP;
	__builtin_memcpy(eth, macs, sizeof(macs));
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
