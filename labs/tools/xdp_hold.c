// xdp_hold: load an XDP object with libbpf, attach one of its programs to a
// device (in native mode unless told otherwise), and hold it there until signalled.
//
// Usage: xdp_hold [--bound] [--attach DEV2] [--generic] OBJECT PROGRAM DEV READY_FILE
//
//   --bound        load every program device-bound to DEV (prog_ifindex with
//                  BPF_F_XDP_DEV_BOUND_ONLY): what the RX metadata kfuncs need,
//                  and what `bpftool prog load ... xdpmeta_dev DEV` does from
//                  bpftool 7.2 on (Debian 12 ships 7.1).
//   --attach DEV2  attach to DEV2 instead of DEV (to see a bound program refused
//                  on another device).
//   --generic      attach in generic (skb) mode instead of native.
//
// Run it in the device's network namespace. libbpf fills PROG_ARRAY maps that
// the object initialises statically, and this process keeps their last user
// reference: when it exits, the kernel empties them. Once attached it writes
// {"pid", "programs", "maps"} (the ids) to READY_FILE; on SIGTERM or SIGINT it
// detaches. The attachment is made over netlink, so the kernel's own message
// (libbpf prints it) explains a refusal.
//
// Build: cc -O2 -Wall -o xdp_hold labs/tools/xdp_hold.c -lbpf
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <linux/if_link.h>
#include <net/if.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

// Linux 6.3's UAPI; Debian 12's headers are older.
#ifndef BPF_F_XDP_DEV_BOUND_ONLY
#define BPF_F_XDP_DEV_BOUND_ONLY (1U << 6)
#endif

static volatile sig_atomic_t stopping;

static void stop(int signo)
{
	(void)signo;
	stopping = 1;
}

static __u32 prog_id(int fd)
{
	struct bpf_prog_info info = {0};
	__u32 len = sizeof(info);
	return bpf_obj_get_info_by_fd(fd, &info, &len) ? 0 : info.id;
}

static __u32 map_id(int fd)
{
	struct bpf_map_info info = {0};
	__u32 len = sizeof(info);
	return bpf_obj_get_info_by_fd(fd, &info, &len) ? 0 : info.id;
}

// Written to a temporary file and renamed: a reader polling for it never sees half of it.
static int write_ready(struct bpf_object *obj, const char *path)
{
	char tmp[4096];
	struct bpf_program *prog;
	struct bpf_map *map;
	const char *sep = "";
	FILE *out;

	if (snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= (int)sizeof(tmp))
		return ENAMETOOLONG;
	out = fopen(tmp, "w");
	if (!out)
		return errno;
	fprintf(out, "{\"pid\":%d,\"programs\":[", (int)getpid());
	bpf_object__for_each_program(prog, obj) {
		fprintf(out, "%s{\"name\":\"%s\",\"id\":%u}", sep, bpf_program__name(prog), prog_id(bpf_program__fd(prog)));
		sep = ",";
	}
	fprintf(out, "],\"maps\":[");
	sep = "";
	bpf_object__for_each_map(map, obj) {
		fprintf(out, "%s{\"name\":\"%s\",\"id\":%u}", sep, bpf_map__name(map), map_id(bpf_map__fd(map)));
		sep = ",";
	}
	fprintf(out, "]}\n");
	if (fclose(out) || rename(tmp, path))
		return errno;
	return 0;
}

static int usage(const char *self)
{
	fprintf(stderr, "usage: %s [--bound] [--attach DEV2] [--generic] OBJECT PROGRAM DEV READY_FILE\n", self);
	return 2;
}

int main(int argc, char **argv)
{
	const char *attach_dev = NULL;
	__u32 mode = XDP_FLAGS_DRV_MODE;
	int bound = 0, arg = 1, err;

	for (; arg < argc && strncmp(argv[arg], "--", 2) == 0; arg++) {
		if (strcmp(argv[arg], "--bound") == 0)
			bound = 1;
		else if (strcmp(argv[arg], "--generic") == 0)
			mode = XDP_FLAGS_SKB_MODE;
		else if (strcmp(argv[arg], "--attach") == 0 && arg + 1 < argc)
			attach_dev = argv[++arg];
		else
			return usage(argv[0]);
	}
	if (argc - arg != 4)
		return usage(argv[0]);
	const char *object = argv[arg], *name = argv[arg + 1], *dev = argv[arg + 2], *ready = argv[arg + 3];
	unsigned int ifindex = if_nametoindex(dev);
	unsigned int attach_ifindex = attach_dev ? if_nametoindex(attach_dev) : ifindex;
	if (!ifindex || !attach_ifindex) {
		fprintf(stderr, "xdp_hold: no device %s in this network namespace\n", ifindex ? attach_dev : dev);
		return 1;
	}

	struct bpf_object *obj = bpf_object__open_file(object, NULL);
	if (!obj) {
		fprintf(stderr, "xdp_hold: cannot open %s: %s\n", object, strerror(errno));
		return 1;
	}
	// region: bind
	struct bpf_program *prog;
	if (bound) {
		bpf_object__for_each_program(prog, obj) {
			// The verifier then resolves each metadata kfunc to this device's driver.
			bpf_program__set_ifindex(prog, ifindex);
			bpf_program__set_flags(prog, bpf_program__flags(prog) | BPF_F_XDP_DEV_BOUND_ONLY);
		}
	}
	// endregion: bind
	err = bpf_object__load(obj);
	if (err) {
		fprintf(stderr, "xdp_hold: cannot load %s: %s\n", object, strerror(-err));
		return 1;
	}
	prog = bpf_object__find_program_by_name(obj, name);
	if (!prog) {
		fprintf(stderr, "xdp_hold: %s has no program %s\n", object, name);
		return 1;
	}
	err = bpf_xdp_attach(attach_ifindex, bpf_program__fd(prog), mode, NULL);
	if (err) {
		fprintf(stderr, "xdp_hold: cannot attach %s to %s: %s\n", name, attach_dev ? attach_dev : dev, strerror(-err));
		return 1;
	}
	// Block the signals until sigsuspend() waits for them: one arriving
	// between the check of `stopping` and the wait is not lost.
	sigset_t block, wait_mask;
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigprocmask(SIG_BLOCK, &block, &wait_mask);
	signal(SIGTERM, stop);
	signal(SIGINT, stop);
	err = write_ready(obj, ready);
	if (err)
		fprintf(stderr, "xdp_hold: cannot write %s: %s\n", ready, strerror(err));
	while (!stopping && !err)
		sigsuspend(&wait_mask);
	bpf_xdp_detach(attach_ifindex, mode, NULL);
	bpf_object__close(obj);
	return err ? 1 : 0;
}
