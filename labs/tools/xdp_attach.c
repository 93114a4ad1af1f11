// xdp_attach: attach one program of a BPF object, chosen by name, to a device
// over netlink, and exit. The attachment holds the program and its maps, as
// after `ip link set dev DEV xdpdrv obj OBJECT sec xdp program PROGRAM`.
//
// The labs attach with that ip command. iproute2 older than 5.11 (Debian 11
// ships 5.9) has no `program` option and would take the first program of the
// section, so on such a system the labs attach with this tool instead, built
// against the system's own libbpf (0.3 on Debian 11, 1.x from Debian 12 on).
//
// Usage: xdp_attach native|generic DEV OBJECT PROGRAM      (run it in DEV's netns)
// Exit 0: attached. 1: refused; the lines above say why (libbpf prints the
// verifier's log and the kernel's netlink message). 2: usage.
//
// Build: cc -O2 -Wall -o xdp_attach labs/tools/xdp_attach.c -lbpf
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <linux/if_link.h>
#include <net/if.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#if __has_include(<bpf/libbpf_version.h>)
#include <bpf/libbpf_version.h>
#endif

// bpf_xdp_attach() arrived in libbpf 0.8; libbpf 1.0 removed the call it replaced.
#if defined(LIBBPF_MAJOR_VERSION) && (LIBBPF_MAJOR_VERSION > 0 || LIBBPF_MINOR_VERSION >= 8)
#define attach_xdp(ifindex, fd, flags) bpf_xdp_attach(ifindex, fd, flags, NULL)
#else
#define attach_xdp(ifindex, fd, flags) bpf_set_link_xdp_fd(ifindex, fd, flags)
#endif

int main(int argc, char **argv)
{
	if (argc != 5 || (strcmp(argv[1], "native") != 0 && strcmp(argv[1], "generic") != 0)) {
		fprintf(stderr, "usage: xdp_attach native|generic DEV OBJECT PROGRAM\n");
		return 2;
	}
	const char *dev = argv[2], *path = argv[3], *name = argv[4];
	// Like ip without -force: refuse to replace a program that is already attached.
	__u32 flags = XDP_FLAGS_UPDATE_IF_NOEXIST | (argv[1][0] == 'n' ? XDP_FLAGS_DRV_MODE : XDP_FLAGS_SKB_MODE);

	// Linux before 5.11 charges BPF memory to RLIMIT_MEMLOCK, and libbpf before 1.0
	// does not lift it: without this, Debian 11 refuses the load with EPERM.
	struct rlimit unlimited = { RLIM_INFINITY, RLIM_INFINITY };
	setrlimit(RLIMIT_MEMLOCK, &unlimited);

	unsigned int ifindex = if_nametoindex(dev);
	if (!ifindex) {
		fprintf(stderr, "Error: no device %s in this network namespace\n", dev);
		return 1;
	}
	struct bpf_object *obj = bpf_object__open_file(path, NULL);
	long open_err = libbpf_get_error(obj);
	if (open_err) {
		fprintf(stderr, "Error: could not open %s: %s\n", path, strerror((int)-open_err));
		return 1;
	}
	// Load only the program asked for, as ip's `program` option does: the
	// others of the object may need what this kernel lacks.
	struct bpf_program *prog, *wanted = NULL;
	bpf_object__for_each_program(prog, obj) {
		bool it = strcmp(bpf_program__name(prog), name) == 0;
		if (it)
			wanted = prog;
		bpf_program__set_autoload(prog, it);
	}
	if (!wanted) {
		fprintf(stderr, "Error: %s has no program named %s\n", path, name);
		return 1;
	}
	if (bpf_object__load(obj)) {
		fprintf(stderr, "Error: the kernel refused to load %s (libbpf's lines above say why)\n", name);
		return 1;
	}
	int err = attach_xdp((int)ifindex, bpf_program__fd(wanted), flags);
	if (err) {
		fprintf(stderr, "Error: could not attach %s to %s: %s\n", name, dev, strerror(-err));
		return 1;
	}
	// Exiting closes our descriptors; the device's reference keeps the program and its maps.
	return 0;
}
