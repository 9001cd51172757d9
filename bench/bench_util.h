/*
 * bench_util.h — what the benchmarks share: clocks, peak memory, an
 * allocator that exits on failure, a comparator for medians.
 */
#ifndef VL_BENCH_UTIL_H
#define VL_BENCH_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>
#include <zlib.h>

/* CPU time of this process, seconds. */
static inline double cpu_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Wall clock (monotonic), seconds. */
static inline double wall_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static inline long peak_rss_mb(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss / 1024;
}

static inline void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q) {
		fprintf(stderr, "bench: out of memory\n");
		exit(1);
	}
	return q;
}

static inline int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Calls fn for each line of the gzip (or plain) file. */
static inline int
bench_each_line(const char *path,
		void (*fn)(void *, const char *, size_t, size_t), void *payload)
{
	gzFile gz = gzopen(path, "rb");
	size_t lcap = 1 << 20, llen = 0, no = 0;
	char *line, buf[1 << 16];
	int n;

	if (!gz)
		return -1;
	line = xrealloc(NULL, lcap);
	while ((n = gzread(gz, buf, sizeof buf)) > 0) {
		for (int i = 0; i < n; i++) {
			if (buf[i] != '\n') {
				if (llen + 1 >= lcap)
					line = xrealloc(line, lcap *= 2);
				line[llen++] = buf[i];
				continue;
			}
			fn(payload, line, llen, no++);
			llen = 0;
		}
	}
	if (llen)
		fn(payload, line, llen, no);
	gzclose(gz);
	free(line);
	return 0;
}

#endif
