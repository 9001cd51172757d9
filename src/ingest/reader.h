/*
 * reader.h — turns paths into records: a record is one article's raw
 * bytes (a whole .txt file, or one JSON Lines line) with where it came
 * from. Walks directories (recursively, in byte order of names, skipping
 * hidden entries), reads gzip transparently (zlib), splits JSON Lines
 * under a line-length limit, and reports read errors as records with an
 * error set, so one bad file never stops the run.
 */
#ifndef VL_INGEST_READER_H
#define VL_INGEST_READER_H

#include <stddef.h>
#include <stdint.h>

#include "ingest/article.h"
#include "veille.h"

typedef struct vl_record {
	const char *data; /* NULL when err.code != 0 */
	size_t len;
	int format;	      /* enum vl_format */
	const char *path;     /* "-" for standard input */
	size_t line;	      /* 1-based JSON Lines line, 0 for a file */
	const char *dir_name; /* name of the containing directory, or NULL */
	vl_error err;	      /* code 0: a record to parse */
} vl_record;

typedef struct vl_read_limits {
	size_t max_file_bytes; /* a .txt article */
	size_t max_line_bytes; /* a JSON Lines line */
} vl_read_limits;

/* Called per record; non-zero stops the walk (returned as is). */
typedef int (*vl_record_fn)(const vl_record *rec, void *payload);

/* Walk path ("-": standard input). Returns 0, the callback's non-zero
 * value, or VL_ENOMEM; unreadable inputs are reported as error records.
 * *files counts the files opened. */
int vl__read_path(const char *path, const vl_read_limits *lim, vl_record_fn fn,
		  void *payload, size_t *files, uint64_t *bytes);

/* Read records from memory (name used in errors), format sniffed when
 * VL_FMT_UNKNOWN. */
int vl__read_memory(const char *name, const char *data, size_t len, int format,
		    const vl_read_limits *lim, vl_record_fn fn, void *payload);

#endif
