// Exercise blocklist — INCOMPLETE ON PURPOSE: this is your file to finish.
// Do not "fix" it in a pull request; `npm run lab -- check blocklist` judges
// what you write here, and `npm run lab -- hint blocklist` helps when stuck.
//
// The task: user space (bpftool map update) writes blocked IPv4 source
// addresses into blocklist. Drop every IPv4 frame whose source address is
// in the map, and add one to that entry's hit count. Everything else passes —
// other sources, ARP, IPv6, frames too short to hold the source address —
// and the program never adds an entry of its own: the list belongs to user
// space. Keep the map's name and types: the checks fill and read it.
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <bpf/bpf_endian.h>
#include <bpf/bpf_helpers.h>

// region: starter
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, __be32);  // the IPv4 source address, as the packet carries it
	__type(value, __u64); // frames dropped from that address
} blocklist SEC(".maps");

SEC("xdp")
int xdp_blocklist(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;

	if ((void *)(eth + 1) > data_end)
		return XDP_PASS;
	if (eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;

	// TODO 1: the IPv4 header follows eth: check it against data_end.
	// TODO 2: look ip->saddr up in blocklist. Not there: pass.
	// TODO 3: there: add one to the hit count (other CPUs may be adding to
	//         the same entry at the same moment) and drop the frame.
	return XDP_PASS;
}
// endregion: starter

char _license[] SEC("license") = "GPL";
