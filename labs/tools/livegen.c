// livegen: a live-frame traffic generator built on BPF_PROG_RUN.
//
// Usage: livegen [-t MILLISECONDS] [-p PROGRAM] OBJECT IFNAME SRC_MAC DST_MAC SRC_IPV4 DST_IPV4 UDP_PORT FRAMES
//
// It builds one 60-byte Ethernet/IPv4/UDP frame, loads the XDP program
// bench_livegen_tx from OBJECT (bpf/bench_livegen.c, which returns XDP_TX) and
// asks the kernel to run it FRAMES times with BPF_F_TEST_XDP_LIVE_FRAMES (Linux
// 5.18+). Each run transmits a fresh copy of the frame out of IFNAME, which
// must be a device of the network namespace the generator runs in. With -t it
// repeats such bursts of FRAMES until that much time has passed, so a slow
// receiver and a fast one are both measured for about the same time. With
// -p it runs another program of OBJECT instead: bench_livegen_drop drops
// every copy, which measures what generating a frame costs on its own.
//
// Why not a UDP socket? A socket sender builds an sk_buff for every packet, and
// on a veth that very sk_buff is handed to the peer: the receiver gets a frame
// that already has an SKB, so no receive path can show what it saves by not
// building one. Live frames arrive at the peer as xdp_frames, the way a NIC's
// DMA'd pages do. Sending is also cheap enough that the receiver, not the
// sender, sets the pace.
//
// Output, on one line of JSON:
//   {"frames":N,"frame_bytes":60,"kernel_ns":K,"wall_ns":W}
// where K is the time the kernel measured for sending (and, on a veth,
// receiving) the N frames, and W the wall time including setup.
// Build: cc -O2 -Wall -o livegen labs/tools/livegen.c -lbpf
#include <arpa/inet.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/udp.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define FRAME_BYTES 60 /* the minimum Ethernet frame without its FCS */

static int parse_mac(const char *text, unsigned char mac[ETH_ALEN])
{
	unsigned int b[ETH_ALEN];
	if (sscanf(text, "%x:%x:%x:%x:%x:%x", &b[0], &b[1], &b[2], &b[3], &b[4], &b[5]) != ETH_ALEN)
		return -1;
	for (int i = 0; i < ETH_ALEN; i++) {
		if (b[i] > 0xff)
			return -1;
		mac[i] = (unsigned char)b[i];
	}
	return 0;
}

/* The IPv4 header checksum: the one's complement of the one's complement sum of its 16-bit words. */
static unsigned short ipv4_checksum(const struct iphdr *ip)
{
	const unsigned short *word = (const unsigned short *)ip;
	unsigned int sum = 0;
	for (unsigned int i = 0; i < sizeof(*ip) / 2; i++)
		sum += word[i];
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (unsigned short)~sum;
}

/* Ethernet 14 + IPv4 20 + UDP 8 + 18 bytes of payload = 60 bytes. UDP checksum 0 means "none" in IPv4. */
static void build_frame(unsigned char *frame, const unsigned char *src_mac, const unsigned char *dst_mac,
			struct in_addr src, struct in_addr dst, unsigned short port)
{
	struct ethhdr *eth = (struct ethhdr *)frame;
	struct iphdr *ip = (struct iphdr *)(eth + 1);
	struct udphdr *udp = (struct udphdr *)(ip + 1);
	unsigned short ip_len = FRAME_BYTES - sizeof(*eth);

	memset(frame, 0, FRAME_BYTES);
	memcpy(eth->h_dest, dst_mac, ETH_ALEN);
	memcpy(eth->h_source, src_mac, ETH_ALEN);
	eth->h_proto = htons(ETH_P_IP);
	ip->version = 4;
	ip->ihl = 5;
	ip->ttl = 64;
	ip->protocol = IPPROTO_UDP;
	ip->tot_len = htons(ip_len);
	ip->saddr = src.s_addr;
	ip->daddr = dst.s_addr;
	ip->check = ipv4_checksum(ip);
	udp->source = htons(9999);
	udp->dest = htons(port);
	udp->len = htons(ip_len - sizeof(*ip));
	memcpy(udp + 1, "xdp-labs livegen", 16);
}

static long long nanoseconds_since(const struct timespec *start)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - start->tv_sec) * 1000000000LL + (now.tv_nsec - start->tv_nsec);
}

static int fail(const char *what, int err)
{
	fprintf(stderr, "livegen: %s: %s\n", what, strerror(err));
	return 1;
}

int main(int argc, char **argv)
{
	unsigned char frame[FRAME_BYTES], src_mac[ETH_ALEN], dst_mac[ETH_ALEN];
	struct in_addr src_ip, dst_ip;
	struct timespec start;
	long long min_ns = 0;
	const char *program = "bench_livegen_tx";
	int opt;

	while ((opt = getopt(argc, argv, "t:p:")) != -1) {
		if (opt == 'p') {
			program = optarg;
			continue;
		}
		if (opt != 't' || (min_ns = strtoll(optarg, NULL, 10) * 1000000LL) <= 0)
			return fprintf(stderr, "livegen: -t takes a number of milliseconds, -p a program name\n"), 2;
	}
	argv += optind - 1;
	if (argc - optind != 8) {
		fprintf(stderr, "usage: livegen [-t MILLISECONDS] [-p PROGRAM] OBJECT IFNAME SRC_MAC DST_MAC SRC_IPV4 DST_IPV4 UDP_PORT FRAMES\n");
		return 2;
	}
	unsigned int ifindex = if_nametoindex(argv[2]);
	long port = strtol(argv[7], NULL, 10);
	long burst = strtol(argv[8], NULL, 10);
	if (ifindex == 0)
		return fail(argv[2], errno);
	if (parse_mac(argv[3], src_mac) || parse_mac(argv[4], dst_mac) || inet_pton(AF_INET, argv[5], &src_ip) != 1 ||
	    inet_pton(AF_INET, argv[6], &dst_ip) != 1 || port < 1 || port > 65535 || burst < 1 || burst > 1000000000) {
		fprintf(stderr, "livegen: bad argument (MACs as aa:bb:cc:dd:ee:ff, IPv4 dotted quads, port 1-65535, frames 1-1e9)\n");
		return 2;
	}
	build_frame(frame, src_mac, dst_mac, src_ip, dst_ip, (unsigned short)port);

	libbpf_set_print(NULL); /* errors are reported below, with errno */
	struct bpf_object *obj = bpf_object__open_file(argv[1], NULL);
	if (!obj)
		return fail(argv[1], errno);
	if (bpf_object__load(obj))
		return fail("loading the program", errno);
	struct bpf_program *prog = bpf_object__find_program_by_name(obj, program);
	if (!prog)
		return fail(program, ENOENT);

	// region: livegen-run
	/* The context says where the frame "arrived": XDP_TX sends it back out of there. */
	struct xdp_md ctx_in = { .data_end = FRAME_BYTES, .ingress_ifindex = ifindex };
	LIBBPF_OPTS(bpf_test_run_opts, opts, .data_in = frame, .data_size_in = FRAME_BYTES, .ctx_in = &ctx_in,
		    .ctx_size_in = sizeof(ctx_in), .repeat = (int)burst, .flags = BPF_F_TEST_XDP_LIVE_FRAMES);

	/*
	 * The kernel times the runs itself and returns the average per frame in
	 * opts.duration. Its clock covers the receiver too: the peer of a veth
	 * processes what we send in its NAPI poll, a softirq that runs on this
	 * same CPU each time the kernel re-enables bottom halves after a batch of
	 * 64 frames. Its clock stops while this task is preempted, so other work
	 * on the machine distorts it far less than a wall clock. It does not
	 * count setting up and tearing down each run (a page pool, tens of ms).
	 */
	long long kernel_ns = 0;
	long frames = 0;
	clock_gettime(CLOCK_MONOTONIC, &start);
	do {
		if (bpf_prog_test_run_opts(bpf_program__fd(prog), &opts))
			return fail("BPF_PROG_RUN with BPF_F_TEST_XDP_LIVE_FRAMES (needs Linux 5.18+)", errno);
		frames += burst;
		kernel_ns += (long long)opts.duration * burst;
	} while (nanoseconds_since(&start) < min_ns);
	// endregion: livegen-run

	printf("{\"frames\":%ld,\"frame_bytes\":%d,\"kernel_ns\":%lld,\"wall_ns\":%lld}\n", frames, FRAME_BYTES,
	       kernel_ns, nanoseconds_since(&start));
	bpf_object__close(obj);
	return 0;
}
