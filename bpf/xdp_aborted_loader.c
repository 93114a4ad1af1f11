// xdp-aborted lab: a tiny user-space loader for the tracepoint program.
//
//   xdp_aborted_loader OBJECT READY_FILE
//
// Loads every program in OBJECT, attaches each where its SEC() name says
// (here: the xdp:xdp_exception tracepoint), writes the ids of the programs and
// maps as JSON to READY_FILE, and then holds the attachments until it is
// signalled. Tracepoint programs are attached through a file descriptor: when
// this process exits — normally or killed — the kernel detaches them, so a
// crashed lab cannot leave a program watching the whole machine.
//
// (bpftool can do this with `prog loadall ... autoattach`, but only versions
// newer than the 7.1 that Debian 12 ships; so the lab brings its own few lines
// of libbpf.)
//
// Built by the lab with: clang -O2 -Wall xdp_aborted_loader.c -lbpf
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "include/ready_file.h"
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define MAX_LINKS 8

static volatile sig_atomic_t stop;

static void on_signal(int signo)
{
	(void)signo;
	stop = 1;
}

static int prog_id(int fd, __u32 *id)
{
	struct bpf_prog_info prog = {0};
	__u32 len = sizeof(prog);

	if (bpf_obj_get_info_by_fd(fd, &prog, &len))
		return -errno;
	*id = prog.id;
	return 0;
}

static int map_id(int fd, __u32 *id)
{
	struct bpf_map_info map = {0};
	__u32 len = sizeof(map);

	if (bpf_obj_get_info_by_fd(fd, &map, &len))
		return -errno;
	*id = map.id;
	return 0;
}

// The ready file names every program and map by id (include/ready_file.h).
static int write_ready_file(struct bpf_object *obj, const char *path)
{
	struct ready_file rf;
	struct bpf_program *prog;
	struct bpf_map *map;
	const char *sep = "";
	__u32 id;
	FILE *out;
	int err = ready_file_open(&rf, path);

	if (err)
		return -err;
	out = rf.out;
	fprintf(out, "{\"pid\":%d,\"programs\":[", (int)getpid());
	bpf_object__for_each_program(prog, obj) {
		if (prog_id(bpf_program__fd(prog), &id) == 0) {
			fprintf(out, "%s{\"name\":\"%s\",\"id\":%u}", sep, bpf_program__name(prog), id);
			sep = ",";
		}
	}
	fprintf(out, "],\"maps\":[");
	sep = "";
	bpf_object__for_each_map(map, obj) {
		if (map_id(bpf_map__fd(map), &id) == 0) {
			fprintf(out, "%s{\"name\":\"%s\",\"id\":%u}", sep, bpf_map__name(map), id);
			sep = ",";
		}
	}
	fprintf(out, "]}\n");
	return -ready_file_publish(&rf);
}

int main(int argc, char **argv)
{
	struct bpf_link *links[MAX_LINKS];
	struct bpf_program *prog;
	struct bpf_object *obj;
	int count = 0, err;

	if (argc != 3) {
		fprintf(stderr, "usage: %s OBJECT READY_FILE\n", argv[0]);
		return 2;
	}
	signal(SIGTERM, on_signal);
	signal(SIGINT, on_signal);

	obj = bpf_object__open_file(argv[1], NULL);
	if (!obj) {
		fprintf(stderr, "cannot open %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	err = bpf_object__load(obj);
	if (err) {
		fprintf(stderr, "cannot load %s: %s\n", argv[1], strerror(-err));
		return 1;
	}
	// region: attach
	bpf_object__for_each_program(prog, obj) {
		if (count == MAX_LINKS) {
			fprintf(stderr, "more than %d programs in %s\n", MAX_LINKS, argv[1]);
			return 1;
		}
		links[count] = bpf_program__attach(prog);
		if (!links[count]) {
			fprintf(stderr, "cannot attach %s: %s\n", bpf_program__name(prog), strerror(errno));
			return 1;
		}
		count++;
	}
	err = write_ready_file(obj, argv[2]);
	if (err) {
		fprintf(stderr, "cannot write %s: %s\n", argv[2], strerror(-err));
		return 1;
	}
	// The links live as long as this process: pause until signalled.
	while (!stop)
		pause();
	while (count > 0)
		bpf_link__destroy(links[--count]);
	// endregion: attach
	bpf_object__close(obj);
	return 0;
}
