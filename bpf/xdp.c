#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

/*
clang -O2 -Wall -target bpf -g -c xdp.c -o xdp.o
*/

SEC("xdp")
int xdp_pass(struct xdp_md *ctx) {
	return XDP_PASS;
}

SEC("xdp")
int xdp_drop(struct xdp_md *ctx) {
	return XDP_DROP;
}

char _license[] SEC("license") = "GPL";
