// Exercise fib-forward — INCOMPLETE ON PURPOSE: this is your file to finish.
// Do not "fix" it in a pull request; `npm run lab -- check fib-forward`
// judges what you write here, and `npm run lab -- hint fib-forward` helps.
//
// The task: a router in XDP, for IPv4 AND IPv6. Ask the kernel's routing
// and neighbour tables where each packet goes (bpf_fib_lookup). When they
// answer in full, forward it yourself: one hop less (TTL with its checksum,
// or hop limit), the MACs of the next hop, out through the egress device
// with bpf_redirect. Everything else goes to the stack exactly as it came:
// an expiring TTL or hop limit (<= 1), no route, no neighbour, other
// protocols, short frames.
#include <stddef.h> // NULL: older libbpf headers (Debian 11) do not define it
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

// From <sys/socket.h>, which a BPF program cannot include.
#define AF_INET 2
#define AF_INET6 10

// region: starter
static __always_inline void ipv4_decrement_ttl(struct iphdr *ip)
{
	// TODO 1: take one from ip->ttl and correct ip->check incrementally.
	//         (TTL is the high byte of a 16-bit word: what changes in it?)
}

SEC("xdp")
int xdp_fib_forward(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct bpf_fib_lookup fib = {};

	// TODO 2: parse Ethernet, then IPv4 or IPv6. A TTL or hop limit of 1
	//         or less goes to the stack, which answers "time exceeded".

	// TODO 3: fill fib: family (AF_INET / AF_INET6), the addresses
	//         (ipv4_src/ipv4_dst or ipv6_src/ipv6_dst), l4_protocol, tot_len,
	//         tos (IPv4) or flowinfo (IPv6), and ifindex = ctx->ingress_ifindex.

	// TODO 4: bpf_fib_lookup(ctx, &fib, sizeof(fib), 0). Unless it returns
	//         BPF_FIB_LKUP_RET_SUCCESS, pass the frame UNCHANGED: change
	//         nothing before you know it leaves.

	// TODO 5: one hop less; eth->h_dest = fib.dmac, eth->h_source = fib.smac;
	//         return bpf_redirect(fib.ifindex, 0).
	return XDP_PASS;
}
// endregion: starter

char _license[] SEC("license") = "GPL";
