// drop-bench: the tc path. A classifier on the clsact qdisc's ingress hook
// that drops everything it sees. It runs in __netif_receive_skb_core, after
// the kernel has built an sk_buff for the frame, and (unlike XDP) gets that
// sk_buff as its context.
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>

// region: tc-drop
SEC("tc")
int bench_tc_drop(struct __sk_buff *skb)
{
	// Attached with `direct-action`, the return value is the verdict itself:
	// TC_ACT_SHOT frees the sk_buff and counts a drop on the clsact qdisc.
	return TC_ACT_SHOT;
}
// endregion: tc-drop

char _license[] SEC("license") = "GPL";
