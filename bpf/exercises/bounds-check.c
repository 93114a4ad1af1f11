// Exercise bounds-check — INCOMPLETE ON PURPOSE: this is your file to finish.
// Do not "fix" it in a pull request; `npm run lab -- check bounds-check` judges
// what you write here, and `npm run lab -- hint bounds-check` helps when stuck.
//
// The task: the logic below is right, but the verifier refuses to load it:
// it reads the Ethernet and IPv4 headers without first proving that they lie
// inside the frame. Add the checks it needs and keep the behaviour:
//   - IPv4 frames whose version field says 4 pass, ARP passes;
//   - IPv4 frames whose version field is not 4 are malformed: drop them;
//   - every other EtherType (IPv6 included) is dropped;
//   - a frame too short to hold the header a decision needs passes: the
//     stack will judge it.
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <bpf/bpf_endian.h>
#include <bpf/bpf_helpers.h>

// region: starter
SEC("xdp")
int xdp_ipv4_only(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;

	// TODO 1: the verifier stops here: prove that the whole Ethernet header
	//         is before data_end before reading eth->h_proto.
	if (eth->h_proto == bpf_htons(ETH_P_ARP))
		return XDP_PASS;
	if (eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_DROP;

	struct iphdr *ip = (void *)(eth + 1);
	// TODO 2: the same for the IPv4 header before reading ip->version.
	if (ip->version != 4)
		return XDP_DROP;
	return XDP_PASS;
}
// endregion: starter

char _license[] SEC("license") = "GPL";
