// skb_evidence_loader: loads bpf/skb_evidence.c's two tp_btf programs, aims
// them at one device of one network namespace, and keeps them attached until
// it is stopped.
//
// Usage: skb_evidence_loader OBJECT READY_FILE IFINDEX NETNS_INODE
//
// Once both programs are attached it writes {"counts_map_id": N} to
// READY_FILE: a lab waits for that file to know counting has begun, and reads
// the counters with `bpftool -j map dump id N`. The attachments belong to this
// process: when it exits, for whatever reason, the kernel detaches both
// programs and frees the maps, so nothing stays hooked into the machine's
// tracepoints after the lab.
//
// bpftool 7.1 cannot attach tp_btf programs (its `autoattach` came later), so
// this small loader does what bpftool would: open, load, attach.
// Build: cc -O2 -Wall -o skb_evidence_loader labs/tools/skb_evidence_loader.c -lbpf
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <linux/types.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../../bpf/include/ready_file.h"

struct skb_target {
	__u32 ifindex;
	__u32 netns_inum;
};

static volatile sig_atomic_t stopping;

static void stop(int signal)
{
	(void)signal;
	stopping = 1;
}

static int fail(const char *what, int err)
{
	fprintf(stderr, "skb_evidence_loader: %s: %s\n", what, strerror(err));
	return 1;
}

static int write_ready(const char *path, __u32 map_id)
{
	struct ready_file rf;
	int err = ready_file_open(&rf, path);
	if (err)
		return err;
	fprintf(rf.out, "{\"counts_map_id\":%u}\n", map_id);
	return ready_file_publish(&rf);
}

int main(int argc, char **argv)
{
	if (argc != 5) {
		fprintf(stderr, "usage: %s OBJECT READY_FILE IFINDEX NETNS_INODE\n", argv[0]);
		return 2;
	}
	struct skb_target target = { .ifindex = (__u32)strtoul(argv[3], NULL, 10), .netns_inum = (__u32)strtoul(argv[4], NULL, 10) };
	if (target.ifindex == 0 || target.netns_inum == 0) {
		fprintf(stderr, "skb_evidence_loader: IFINDEX and NETNS_INODE must be positive numbers\n");
		return 2;
	}

	struct bpf_object *obj = bpf_object__open_file(argv[1], NULL);
	if (!obj)
		return fail(argv[1], errno);
	if (bpf_object__load(obj))
		return fail("loading the programs (the verifier's log is above)", errno);

	// The target goes in before anything is attached: the programs never see a packet unfiltered.
	__u32 zero = 0;
	if (bpf_map_update_elem(bpf_object__find_map_fd_by_name(obj, "skb_target"), &zero, &target, BPF_ANY))
		return fail("writing skb_target", errno);

	struct bpf_program *prog;
	bpf_object__for_each_program(prog, obj) {
		if (!bpf_program__attach(prog))
			return fail(bpf_program__name(prog), errno);
	}

	struct bpf_map_info info = {};
	__u32 len = sizeof(info);
	int err = bpf_obj_get_info_by_fd(bpf_object__find_map_fd_by_name(obj, "skb_counts"), &info, &len);
	if (err)
		return fail("reading skb_counts' id", errno);
	signal(SIGTERM, stop);
	signal(SIGINT, stop);
	if ((err = write_ready(argv[2], info.id)))
		return fail(argv[2], err);
	while (!stopping)
		pause();
	bpf_object__close(obj); // detaches both programs
	return 0;
}
