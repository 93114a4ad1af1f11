// Counts the sk_buffs the kernel builds and frees for ONE device of ONE
// network namespace, so a lab can show when XDP spares the kernel an SKB.
//
// Both programs are tp_btf programs: they attach to the kernel's tracepoints
// through BTF (Linux 5.5+) and get typed pointers, so they can follow
// skb->dev->nd_net like C code would. Tracepoints are global: every packet of
// the machine passes through them. Each program therefore compares the packet's
// device and namespace with the target the lab wrote into skb_target, and
// counts nothing else. Until the lab writes the target, ifindex 0 matches no
// device at all.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

// region: skb-types
// Just the kernel fields we read. preserve_access_index makes clang record
// each access by name; libbpf rewrites the offsets at load time to match the
// running kernel's own struct layout, read from /sys/kernel/btf/vmlinux.
struct ns_common {
	unsigned int inum; // the inode number `ls -L -i /run/netns/NAME` shows
} __attribute__((preserve_access_index));

struct net {
	struct ns_common ns;
} __attribute__((preserve_access_index));

typedef struct {
	struct net *net;
} possible_net_t;

struct net_device {
	int ifindex;
	possible_net_t nd_net;
} __attribute__((preserve_access_index));

struct sk_buff {
	struct net_device *dev;
} __attribute__((preserve_access_index));
// endregion: skb-types

struct skb_target {
	__u32 ifindex;
	__u32 netns_inum;
};

enum skb_counter {
	SKB_RECEIVED, // netif_receive_skb: an SKB entered the stack
	SKB_FREED,    // kfree_skb: an SKB was dropped (consume_skb, for one used up normally, is not counted)
	SKB_COUNTERS,
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct skb_target);
} skb_target SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, SKB_COUNTERS);
	__type(key, __u32);
	__type(value, __u64);
} skb_counts SEC(".maps");

// region: skb-filter
static __always_inline int is_target(struct sk_buff *skb)
{
	__u32 zero = 0;
	struct skb_target *target = bpf_map_lookup_elem(&skb_target, &zero);
	struct net_device *dev = skb->dev;

	if (!target || !dev)
		return 0;
	// ifindex alone is not enough: every namespace numbers its devices from
	// 1, so "ifindex 2" exists in each of them. The namespace's inode number
	// makes the pair unique on the machine.
	return dev->ifindex == target->ifindex && dev->nd_net.net->ns.inum == target->netns_inum;
}

static __always_inline void count(__u32 counter)
{
	__u64 *value = bpf_map_lookup_elem(&skb_counts, &counter);
	if (value)
		__sync_fetch_and_add(value, 1);
}
// endregion: skb-filter

// region: skb-programs
// A tp_btf program's context is the tracepoint's argument list, as u64s:
// netif_receive_skb(struct sk_buff *skb).
SEC("tp_btf/netif_receive_skb")
int skb_evidence_receive(__u64 *ctx)
{
	struct sk_buff *skb = (struct sk_buff *)ctx[0];

	if (is_target(skb))
		count(SKB_RECEIVED);
	return 0;
}

// kfree_skb(struct sk_buff *skb, void *location, ...): the later arguments
// (a drop reason since 5.17, a socket since 6.11) vary, the first does not.
SEC("tp_btf/kfree_skb")
int skb_evidence_free(__u64 *ctx)
{
	struct sk_buff *skb = (struct sk_buff *)ctx[0];

	if (is_target(skb))
		count(SKB_FREED);
	return 0;
}
// endregion: skb-programs

char _license[] SEC("license") = "GPL";
