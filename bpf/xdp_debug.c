// xdp-debug lab: a program with a bug to find. It drops every ICMP echo
// request, and says so with bpf_printk, which writes one line per call into
// the kernel's trace buffer (read it in /sys/kernel/tracing/trace_pipe, or with
// `bpftool prog tracelog`). Everything else passes.
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/icmp.h>
#include <bpf/bpf_endian.h>
#include <bpf/bpf_helpers.h>

// region: printk
SEC("xdp")
int xdp_debug_drop(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip = (void *)(eth + 1);
	struct icmphdr *icmp = (void *)(ip + 1);

	if ((void *)(icmp + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP) ||
	    ip->ihl != 5 || ip->protocol != IPPROTO_ICMP || icmp->type != ICMP_ECHO)
		return XDP_PASS;
	// At most three arguments per call, and a format string the verifier
	// can read: bpf_printk is for a developer's eyes, not for production.
	bpf_printk("xdp-debug ifindex %u: echo seq %u, dropping",
		   ctx->ingress_ifindex, bpf_ntohs(icmp->un.echo.sequence));
	return XDP_DROP;
}
// endregion: printk

char _license[] SEC("license") = "GPL";
