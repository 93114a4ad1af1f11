/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The ready file: how a loader or tool that keeps running tells the lab runner
 * it is ready (its programs attached, its socket bound) and hands it the ids
 * it needs. It writes PATH.tmp and renames it into place, so the runner, which
 * polls for PATH (labs/lib/wait.ts, startWithReadyFile), never reads half a
 * document. User-space C only: the tools in labs/tools/ and the loaders in bpf/.
 */
#ifndef READY_FILE_H
#define READY_FILE_H

#include <errno.h>
#include <stdio.h>

struct ready_file {
	FILE *out;
	const char *path;
	char tmp[4096];
};

/* Start the document: 0, or an errno value. Write it with fprintf(rf->out, ...). */
static inline int ready_file_open(struct ready_file *rf, const char *path)
{
	rf->path = path;
	if (snprintf(rf->tmp, sizeof(rf->tmp), "%s.tmp", path) >= (int)sizeof(rf->tmp))
		return ENAMETOOLONG;
	rf->out = fopen(rf->tmp, "w");
	return rf->out ? 0 : errno;
}

/* Close the document and put it where the runner looks: 0, or an errno value. */
static inline int ready_file_publish(struct ready_file *rf)
{
	if (fclose(rf->out) || rename(rf->tmp, rf->path))
		return errno;
	return 0;
}

#endif /* READY_FILE_H */
