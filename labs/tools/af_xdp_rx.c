// af_xdp_rx: receive frames on an AF_XDP socket, with nothing but the kernel's
// UAPI headers and two libbpf calls to reach the XSKMAP. libxdp's xsk_* API
// (package libxdp-dev) wraps all of this; written out, the rings show.
//
// Usage: af_xdp_rx IFNAME QUEUE XSKMAP_ID EXPECTED READY_FILE
//
// It creates a socket and its UMEM (the memory the kernel copies frames
// into), binds it to queue QUEUE of IFNAME in copy mode, puts its file
// descriptor into slot QUEUE of the XSKMAP with id XSKMAP_ID (the map of an
// XDP program already attached to IFNAME), writes READY_FILE, and then reads
// frames until EXPECTED have arrived or 10 seconds pass without one.
// It prints one line of JSON: {"received":N,"bytes":B,"udp_to_port":M}
// where M counts frames that are IPv4/UDP to port 7777 (AF_XDP_PORT).
// Run it in the network namespace of IFNAME.
// Build: cc -O2 -Wall -o af_xdp_rx labs/tools/af_xdp_rx.c -lbpf
#include <arpa/inet.h>
#include <bpf/bpf.h>
#include <errno.h>
#include <linux/if_ether.h>
#include <linux/if_xdp.h>
#include <linux/ip.h>
#include <linux/udp.h>
#include <net/if.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>
#include "../../bpf/include/ready_file.h"

#ifndef SOL_XDP
#define SOL_XDP 283
#endif
#ifndef AF_XDP
#define AF_XDP 44
#endif

#define FRAME_SIZE 2048
#define FRAMES 1024        /* 2 MiB of UMEM */
#define RING_SIZE 512      /* descriptors per ring: a power of two */
#define AF_XDP_PORT 7777
#define IDLE_TIMEOUT_MS 10000

/* A ring shared with the kernel: indexes that only grow, and an array of descriptors. */
struct ring {
	__u32 *producer;
	__u32 *consumer;
	void *descs;
};

static int fail(const char *what, int err)
{
	fprintf(stderr, "af_xdp_rx: %s: %s\n", what, strerror(err));
	return 1;
}

static int map_ring(int fd, struct xdp_ring_offset *off, size_t desc_size, off_t pgoff, struct ring *ring)
{
	void *base = mmap(NULL, off->desc + RING_SIZE * desc_size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, fd, pgoff);
	if (base == MAP_FAILED)
		return errno;
	ring->producer = (__u32 *)((char *)base + off->producer);
	ring->consumer = (__u32 *)((char *)base + off->consumer);
	ring->descs = (char *)base + off->desc;
	return 0;
}

// region: fill
/* Give the kernel an empty frame to copy the next packet into. */
static void fill_one(struct ring *fill, __u64 addr)
{
	__u32 idx = *fill->producer; /* only we write the producer index */
	((__u64 *)fill->descs)[idx & (RING_SIZE - 1)] = addr;
	/* Release: the kernel must see the address before it sees the new index. */
	__atomic_store_n(fill->producer, idx + 1, __ATOMIC_RELEASE);
}
// endregion: fill

/* Is this frame an IPv4 UDP datagram to AF_XDP_PORT? (The XDP program sends nothing else, and we check.) */
static int is_expected(const unsigned char *data, __u32 len)
{
	const struct ethhdr *eth = (const void *)data;
	const struct iphdr *ip = (const void *)(eth + 1);
	if (len < sizeof(*eth) + sizeof(*ip) + sizeof(struct udphdr) || eth->h_proto != htons(ETH_P_IP) || ip->protocol != IPPROTO_UDP)
		return 0;
	const struct udphdr *udp = (const void *)((const unsigned char *)ip + ip->ihl * 4);
	return (const unsigned char *)(udp + 1) <= data + len && ntohs(udp->dest) == AF_XDP_PORT;
}

static int write_ready(const char *path)
{
	struct ready_file rf;
	int err = ready_file_open(&rf, path);
	if (err)
		return err;
	fputs("{\"bound\":\"copy\"}\n", rf.out);
	return ready_file_publish(&rf);
}

int main(int argc, char **argv)
{
	if (argc != 6) {
		fprintf(stderr, "usage: %s IFNAME QUEUE XSKMAP_ID EXPECTED READY_FILE\n", argv[0]);
		return 2;
	}
	unsigned int ifindex = if_nametoindex(argv[1]);
	__u32 queue = (__u32)strtoul(argv[2], NULL, 10);
	__u32 map_id = (__u32)strtoul(argv[3], NULL, 10);
	long expected = strtol(argv[4], NULL, 10);
	if (ifindex == 0)
		return fail(argv[1], errno);
	if (map_id == 0 || expected < 1) {
		fprintf(stderr, "af_xdp_rx: XSKMAP_ID and EXPECTED must be positive numbers\n");
		return 2;
	}

	// region: setup
	int fd = socket(AF_XDP, SOCK_RAW, 0);
	if (fd < 0)
		return fail("socket(AF_XDP)", errno);

	/* The UMEM: page-aligned memory, cut into FRAMES frames of FRAME_SIZE bytes. */
	void *umem = mmap(NULL, (size_t)FRAMES * FRAME_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (umem == MAP_FAILED)
		return fail("mmap(UMEM)", errno);
	struct xdp_umem_reg reg = { .addr = (__u64)(unsigned long)umem, .len = (__u64)FRAMES * FRAME_SIZE, .chunk_size = FRAME_SIZE };
	if (setsockopt(fd, SOL_XDP, XDP_UMEM_REG, &reg, sizeof(reg)))
		return fail("XDP_UMEM_REG", errno);

	/* Four rings are possible; receiving needs the fill ring (empty frames to the
	 * kernel) and the RX ring (full frames back), and binding needs a completion ring too. */
	int size = RING_SIZE;
	if (setsockopt(fd, SOL_XDP, XDP_UMEM_FILL_RING, &size, sizeof(size)) ||
	    setsockopt(fd, SOL_XDP, XDP_UMEM_COMPLETION_RING, &size, sizeof(size)) ||
	    setsockopt(fd, SOL_XDP, XDP_RX_RING, &size, sizeof(size)))
		return fail("setting the ring sizes", errno);

	struct xdp_mmap_offsets off;
	socklen_t optlen = sizeof(off);
	if (getsockopt(fd, SOL_XDP, XDP_MMAP_OFFSETS, &off, &optlen))
		return fail("XDP_MMAP_OFFSETS", errno);
	struct ring fill = { 0 }, rx = { 0 };
	int err = map_ring(fd, &off.fr, sizeof(__u64), XDP_UMEM_PGOFF_FILL_RING, &fill);
	if (!err)
		err = map_ring(fd, &off.rx, sizeof(struct xdp_desc), XDP_PGOFF_RX_RING, &rx);
	if (err)
		return fail("mapping the rings", err);

	/* veth has no zero-copy support: the kernel copies each frame into our UMEM. */
	struct sockaddr_xdp addr = { .sxdp_family = AF_XDP, .sxdp_ifindex = ifindex, .sxdp_queue_id = queue, .sxdp_flags = XDP_COPY };
	if (bind(fd, (struct sockaddr *)&addr, sizeof(addr)))
		return fail("bind", errno);

	for (__u64 i = 0; i < RING_SIZE; i++)
		fill_one(&fill, i * FRAME_SIZE);

	/* Only now can the XDP program find us: slot QUEUE of its XSKMAP. */
	int map_fd = bpf_map_get_fd_by_id(map_id);
	if (map_fd < 0)
		return fail("opening the XSKMAP", errno);
	if (bpf_map_update_elem(map_fd, &queue, &fd, BPF_ANY))
		return fail("putting the socket into the XSKMAP", errno);
	// endregion: setup
	if ((err = write_ready(argv[5])))
		return fail(argv[5], err);

	// region: receive
	long received = 0, matching = 0, bytes = 0;
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	while (received < expected) {
		int ready = poll(&pfd, 1, IDLE_TIMEOUT_MS);
		if (ready < 0)
			return fail("poll", errno);
		if (ready == 0)
			break; /* nothing for a while: report what we have */
		/* Acquire: the descriptors the kernel wrote are visible once we see its index. */
		__u32 prod = __atomic_load_n(rx.producer, __ATOMIC_ACQUIRE);
		__u32 cons = *rx.consumer;
		for (; cons != prod; cons++) {
			struct xdp_desc *desc = &((struct xdp_desc *)rx.descs)[cons & (RING_SIZE - 1)];
			received++;
			bytes += desc->len;
			matching += is_expected((unsigned char *)umem + desc->addr, desc->len);
			/* The frame is read: hand it back for another packet. */
			fill_one(&fill, desc->addr & ~(__u64)(FRAME_SIZE - 1));
		}
		__atomic_store_n(rx.consumer, cons, __ATOMIC_RELEASE);
	}
	// endregion: receive

	printf("{\"received\":%ld,\"bytes\":%ld,\"udp_to_port\":%ld}\n", received, bytes, matching);
	return 0;
}
