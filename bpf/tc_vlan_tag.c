// vlan-pop exercise, live stage: the sender's side of a trunk. This kernel
// may have no 802.1Q devices (CONFIG_VLAN_8021Q), so a tc egress program tags
// frames instead: IPv4 to an address ending in .10 leaves tagged VLAN 10, to
// one ending in .20 tagged VLAN 20, everything else untagged.
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_endian.h>
#include <bpf/bpf_helpers.h>

SEC("tc")
int tc_vlan_tag(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip = (void *)(eth + 1);

	if ((void *)(ip + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP))
		return TC_ACT_OK;
	__u8 last = bpf_ntohl(ip->daddr) & 0xff;
	if (last != 10 && last != 20)
		return TC_ACT_OK;
	// The tag goes into the skb's metadata; with the device's tx VLAN
	// offload turned off, the stack writes it into the frame before it leaves.
	if (bpf_skb_vlan_push(skb, bpf_htons(ETH_P_8021Q), last))
		return TC_ACT_SHOT;
	return TC_ACT_OK;
}

char _license[] SEC("license") = "GPL";
