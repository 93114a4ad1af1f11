// xdp_forward lab: a router in XDP. The kernel's own routing and
// neighbour tables decide where a frame goes (bpf_fib_lookup); the
// program rewrites the Ethernet header, decrements the TTL, patches
// the checksum and sends the frame out through a DEVMAP, before the
// router's stack sees it. A second program, on the hosts at either
// end, records what arrives.
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <bpf/bpf_endian.h>
#include <bpf/bpf_helpers.h>

/* From <sys/socket.h>, which a BPF program cannot include. */
#define AF_INET 2

// region: maps
// The router's ports, keyed by ifindex (as the router's namespace
// numbers them), each holding that same ifindex: bpf_fib_lookup
// answers with an ifindex, and the program looks it up here. XDP
// forwards to no port that is missing from the map.
struct {
	__uint(type, BPF_MAP_TYPE_DEVMAP_HASH);
	__uint(max_entries, 8);
	__type(key, __u32);
	__type(value, __u32);
} router_ports SEC(".maps");

// How often bpf_fib_lookup answered each BPF_FIB_LKUP_RET_* code
// (the code is the index).
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 16);
	__type(key, __u32);
	__type(value, __u64);
} fib_results SEC(".maps");
// endregion: maps

static __always_inline void count_result(long rc)
{
	__u32 key = (__u32)rc;
	__u64 *count = bpf_map_lookup_elem(&fib_results, &key);

	if (count)
		__sync_fetch_and_add(count, 1);
}

// region: ttl
// The IPv4 header checksum is the one's complement of the one's
// complement sum of the header's 16-bit words. TTL is the high byte
// of the word it shares with the protocol, so taking 1 from the TTL
// takes 0x0100 from the sum, and the checksum, its complement, grows
// by 0x0100 (RFC 1624: update it, do not recompute it). A carry out
// of the top wraps around to the bottom. The sum works in either
// byte order (RFC 1071), so the addition is done on the field as
// loaded, with the constant in network order too.
static __always_inline void decrement_ttl(struct iphdr *ip)
{
	__u32 sum = (__u32)ip->check + (__u32)bpf_htons(0x0100);

	ip->check = (__u16)(sum + (sum >> 16));
	ip->ttl--;
}
// endregion: ttl

// region: router
SEC("xdp")
int xdp_router(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip = (void *)(eth + 1);
	struct bpf_fib_lookup fib = {};
	long rc;
	int action;

	// ARP, IPv6, runts: the stack's business.
	if ((void *)(ip + 1) > data_end ||
	    eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;
	// A packet whose TTL runs out here gets an ICMP "time exceeded"
	// back; building that is the stack's job: pass it untouched.
	if (ip->ttl <= 1)
		return XDP_PASS;

	fib.family = AF_INET;
	fib.tos = ip->tos;
	fib.l4_protocol = ip->protocol;
	fib.tot_len = bpf_ntohs(ip->tot_len); // for the MTU check
	fib.ipv4_src = ip->saddr;
	fib.ipv4_dst = ip->daddr;
	// Forwarding must be on for the device the frame came in on.
	fib.ifindex = ctx->ingress_ifindex;

	// Route and neighbour in one call: on success fib.ifindex is the
	// egress device, fib.dmac the next hop's MAC, fib.smac its own.
	rc = bpf_fib_lookup(ctx, &fib, sizeof(fib), 0);
	count_result(rc);

	// A blackhole route says: drop it silently, as the stack would.
	if (rc == BPF_FIB_LKUP_RET_BLACKHOLE)
		return XDP_DROP;
	// No neighbour yet, forwarding off, unreachable, ...: the stack
	// knows what to do (resolve, refuse, answer with ICMP).
	if (rc != BPF_FIB_LKUP_RET_SUCCESS)
		return XDP_PASS;

	// Choose the port first and change the frame only once it is sure
	// to leave: a frame passed to the stack must be the one that came.
	action = bpf_redirect_map(&router_ports, fib.ifindex, XDP_PASS);
	if (action == XDP_REDIRECT) {
		decrement_ttl(ip);
		__builtin_memcpy(eth->h_dest, fib.dmac, ETH_ALEN);
		__builtin_memcpy(eth->h_source, fib.smac, ETH_ALEN);
	}
	return action;
}
// endregion: router

// region: arrival
// On the hosts at either end: per TTL, how many ICMP packets
// arrived, and the Ethernet header of the latest one. Every frame
// goes on to the stack, so ping is answered; and being an XDP
// program, it gives the veth the receive queue that frames
// redirected into it are put on.
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 256);
	__type(key, __u32);
	__type(value, __u64);
} icmp_by_ttl SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct ethhdr);
} last_icmp_eth SEC(".maps");

SEC("xdp")
int xdp_arrival(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip = (void *)(eth + 1);
	__u32 ttl, zero = 0;
	__u64 *count;

	if ((void *)(ip + 1) > data_end ||
	    eth->h_proto != bpf_htons(ETH_P_IP) ||
	    ip->protocol != IPPROTO_ICMP)
		return XDP_PASS;
	ttl = ip->ttl;
	count = bpf_map_lookup_elem(&icmp_by_ttl, &ttl);
	if (count)
		__sync_fetch_and_add(count, 1);
	bpf_map_update_elem(&last_icmp_eth, &zero, eth, BPF_ANY);
	return XDP_PASS;
}
// endregion: arrival

char _license[] SEC("license") = "GPL";
