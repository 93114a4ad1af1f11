// xdp_unit: the exercise checker's unit stage. It loads the learner's compiled
// object through libbpf (so the verifier judges it), then runs the XDP program
// on crafted frames with BPF_PROG_TEST_RUN and reads maps, as the runner asks
// on standard input. One process for the whole table keeps a check under a
// second; every answer is one JSON line on standard output.
//
//   usage: xdp_unit OBJECT PROGRAM
//   stdin, one command per line:
//     update MAP KEYHEX VALUEHEX         bpf_map_update_elem (VALUEHEX holds every CPU's value for per-CPU maps)
//     run NAME IFINDEX RXQ FRAMEHEX       BPF_PROG_TEST_RUN on one frame
//     dump MAP                            every key and value of a map
//   exit codes: 0 done, 2 usage, 3 no such XDP program, 4 the kernel refused the load, 5 open failed
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <linux/bpf.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define VERIFIER_LOG_SIZE (4u << 20)
#define MAX_FRAME 16384

static char libbpf_messages[16384];
static size_t libbpf_used;

// libbpf explains a refused extern (a kfunc this kernel lacks, say) only
// through its print callback: keep what it says for the runner's explanation.
static int keep_libbpf_message(enum libbpf_print_level level, const char *format, va_list args)
{
	if (level == LIBBPF_DEBUG || libbpf_used >= sizeof(libbpf_messages) - 1)
		return 0;
	int n = vsnprintf(libbpf_messages + libbpf_used, sizeof(libbpf_messages) - libbpf_used, format, args);
	if (n > 0)
		libbpf_used += (size_t)n < sizeof(libbpf_messages) - libbpf_used ? (size_t)n : sizeof(libbpf_messages) - libbpf_used - 1;
	return 0;
}

static void json_string(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c == '\n')
			fputs("\\n", stdout);
		else if (c == '\t')
			fputs("\\t", stdout);
		else if (c < 0x20)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

static void json_hex(const unsigned char *bytes, size_t n)
{
	putchar('"');
	for (size_t i = 0; i < n; i++)
		printf("%02x", bytes[i]);
	putchar('"');
}

static double ms_since(const struct timespec *start)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - start->tv_sec) * 1e3 + (now.tv_nsec - start->tv_nsec) / 1e6;
}

static long parse_hex(const char *hex, unsigned char *out, size_t room)
{
	size_t len = strlen(hex);
	if (len % 2 || len / 2 > room)
		return -1;
	for (size_t i = 0; i < len / 2; i++) {
		unsigned int byte;
		if (sscanf(hex + 2 * i, "%2x", &byte) != 1)
			return -1;
		out[i] = (unsigned char)byte;
	}
	return (long)(len / 2);
}

static struct bpf_object *open_object(const char *path)
{
	struct bpf_object *obj = bpf_object__open_file(path, NULL);
	if (!obj) {
		printf("{\"event\":\"open-failed\",\"errno\":%d,\"libbpf\":", errno);
		json_string(libbpf_messages);
		puts("}");
	}
	return obj;
}

// Every program in the object, so the runner can say which name was found
// when the one the exercise expects is missing.
static struct bpf_program *list_programs(struct bpf_object *obj, const char *wanted)
{
	struct bpf_program *prog, *found = NULL;
	int first = 1;
	fputs("{\"event\":\"programs\",\"programs\":[", stdout);
	bpf_object__for_each_program(prog, obj) {
		int is_xdp = bpf_program__type(prog) == BPF_PROG_TYPE_XDP;
		printf("%s{\"name\":", first ? "" : ",");
		json_string(bpf_program__name(prog));
		fputs(",\"section\":", stdout);
		json_string(bpf_program__section_name(prog));
		printf(",\"xdp\":%s}", is_xdp ? "true" : "false");
		if (is_xdp && strcmp(bpf_program__name(prog), wanted) == 0)
			found = prog;
		first = 0;
	}
	puts("]}");
	return found;
}

static int command_update(struct bpf_object *obj, char *args)
{
	char *name = strtok(args, " "), *key_hex = strtok(NULL, " "), *value_hex = strtok(NULL, " \n");
	static unsigned char key[512], value[65536];
	struct bpf_map *map = name ? bpf_object__find_map_by_name(obj, name) : NULL;
	long key_len = key_hex ? parse_hex(key_hex, key, sizeof(key)) : -1;
	long value_len = value_hex ? parse_hex(value_hex, value, sizeof(value)) : -1;
	int err = map && key_len >= 0 && value_len >= 0 ? bpf_map_update_elem(bpf_map__fd(map), key, value, BPF_ANY) : -EINVAL;
	printf("{\"event\":\"updated\",\"map\":");
	json_string(name ? name : "");
	printf(",\"found\":%s,\"err\":%d}\n", map ? "true" : "false", err ? -errno : 0);
	return 0;
}

static int command_run(struct bpf_program *prog, char *args)
{
	char *name = strtok(args, " "), *ifindex = strtok(NULL, " "), *rxq = strtok(NULL, " "), *frame_hex = strtok(NULL, " \n");
	static unsigned char frame[MAX_FRAME], out[MAX_FRAME + 512];
	long len = frame_hex ? parse_hex(frame_hex, frame, sizeof(frame)) : -1;
	if (!name || !ifindex || !rxq || len < 0) {
		puts("{\"event\":\"error\",\"message\":\"run NAME IFINDEX RXQ FRAMEHEX\"}");
		return 0;
	}
	struct xdp_md md = { .data = 0, .data_meta = 0, .data_end = (__u32)len,
			     .ingress_ifindex = (__u32)atoi(ifindex), .rx_queue_index = (__u32)atoi(rxq) };
	LIBBPF_OPTS(bpf_test_run_opts, opts, .data_in = frame, .data_size_in = (__u32)len, .data_out = out,
		    .data_size_out = sizeof(out), .ctx_in = &md, .ctx_size_in = sizeof(md), .repeat = 1);
	int err = bpf_prog_test_run_opts(bpf_program__fd(prog), &opts);
	printf("{\"event\":\"ran\",\"name\":");
	json_string(name);
	if (err) {
		printf(",\"err\":%d}\n", -errno);
		return 0;
	}
	printf(",\"err\":0,\"retval\":%u,\"out\":", opts.retval);
	json_hex(out, opts.data_size_out);
	puts("}");
	return 0;
}

static int command_dump(struct bpf_object *obj, char *args)
{
	char *name = strtok(args, " \n");
	struct bpf_map *map = name ? bpf_object__find_map_by_name(obj, name) : NULL;
	printf("{\"event\":\"map\",\"map\":");
	json_string(name ? name : "");
	if (!map) {
		puts(",\"found\":false}");
		return 0;
	}
	enum bpf_map_type type = bpf_map__type(map);
	int percpu = type == BPF_MAP_TYPE_PERCPU_ARRAY || type == BPF_MAP_TYPE_PERCPU_HASH || type == BPF_MAP_TYPE_LRU_PERCPU_HASH;
	unsigned int key_size = bpf_map__key_size(map), value_size = bpf_map__value_size(map);
	// Per-CPU values come back as one 8-byte-aligned slot per possible CPU.
	unsigned int slots = percpu ? (unsigned int)libbpf_num_possible_cpus() : 1;
	unsigned int stride = percpu ? (value_size + 7) / 8 * 8 : value_size;
	unsigned char *key = calloc(1, key_size), *next = calloc(1, key_size), *value = calloc(slots, stride);
	int fd = bpf_map__fd(map), first = 1;
	printf(",\"found\":true,\"percpu\":%s,\"cpus\":%u,\"valueSize\":%u,\"entries\":[", percpu ? "true" : "false", slots, value_size);
	void *cursor = NULL;
	while (bpf_map_get_next_key(fd, cursor, next) == 0) {
		memcpy(key, next, key_size);
		cursor = key;
		if (bpf_map_lookup_elem(fd, key, value))
			continue;
		printf("%s{\"key\":", first ? "" : ",");
		json_hex(key, key_size);
		fputs(",\"values\":[", stdout);
		for (unsigned int cpu = 0; cpu < slots; cpu++) {
			if (cpu)
				putchar(',');
			json_hex(value + cpu * stride, value_size);
		}
		fputs("]}", stdout);
		first = 0;
	}
	puts("]}");
	free(key);
	free(next);
	free(value);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: xdp_unit OBJECT PROGRAM < commands\n");
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	libbpf_set_print(keep_libbpf_message);
	struct timespec start;
	clock_gettime(CLOCK_MONOTONIC, &start);

	struct bpf_object *obj = open_object(argv[1]);
	if (!obj)
		return 5;
	struct bpf_program *prog = list_programs(obj, argv[2]);
	if (!prog)
		return 3;
	// Only the program under test is loaded: another function in the file
	// (a draft, a second try) must not fail the check.
	struct bpf_program *other;
	bpf_object__for_each_program(other, obj) bpf_program__set_autoload(other, other == prog);

	if (bpf_object__load(obj)) {
		// Load again with a log, as libbpf itself does: logging costs time,
		// and only a refused program needs it.
		int first_errno = errno;
		if (first_errno == E2BIG) {
			// Too large to verify: a log would only repeat a million
			// instructions, and take far longer than the refusal did.
			printf("{\"event\":\"load-failed\",\"errno\":%d,\"ms\":%.1f,\"log\":\"\",\"libbpf\":", first_errno, ms_since(&start));
			json_string(libbpf_messages);
			puts("}");
			return 4;
		}
		bpf_object__close(obj);
		obj = bpf_object__open_file(argv[1], NULL);
		prog = obj ? bpf_object__find_program_by_name(obj, argv[2]) : NULL;
		char *log = calloc(1, VERIFIER_LOG_SIZE);
		if (prog && log) {
			bpf_object__for_each_program(other, obj) bpf_program__set_autoload(other, other == prog);
			bpf_program__set_log_buf(prog, log, VERIFIER_LOG_SIZE);
			bpf_program__set_log_level(prog, 1);
			libbpf_used = 0;
			libbpf_messages[0] = '\0';
			bpf_object__load(obj);
		}
		printf("{\"event\":\"load-failed\",\"errno\":%d,\"ms\":%.1f,\"log\":", first_errno, ms_since(&start));
		json_string(log ? log : "");
		fputs(",\"libbpf\":", stdout);
		json_string(libbpf_messages);
		puts("}");
		return 4;
	}
	printf("{\"event\":\"loaded\",\"ms\":%.1f,\"id\":%u}\n", ms_since(&start), 0u);

	char line[2 * MAX_FRAME + 256];
	while (fgets(line, sizeof(line), stdin)) {
		char *rest = strchr(line, ' ');
		if (rest)
			*rest++ = '\0';
		else
			line[strcspn(line, "\n")] = '\0';
		if (strcmp(line, "update") == 0 && rest)
			command_update(obj, rest);
		else if (strcmp(line, "run") == 0 && rest)
			command_run(prog, rest);
		else if (strcmp(line, "dump") == 0 && rest)
			command_dump(obj, rest);
		else if (line[0])
			puts("{\"event\":\"error\",\"message\":\"unknown command\"}");
	}
	printf("{\"event\":\"done\",\"ms\":%.1f}\n", ms_since(&start));
	bpf_object__close(obj);
	return 0;
}
