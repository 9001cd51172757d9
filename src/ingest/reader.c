/*
 * reader.c — files, directories, standard input and gzip, into records.
 */
#include "ingest/reader.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "util/alloc.h"
#include "util/buf.h"

#define CHUNK (1u << 20)

typedef struct walk {
	const vl_read_limits *lim;
	vl_record_fn fn;
	void *payload;
	size_t *files;	 /* the caller's counters, updated as we go so */
	uint64_t *bytes; /* that progress reports are live */
	unsigned depth;
} walk;

static int ends_with(const char *s, const char *suf)
{
	size_t n = strlen(s), m = strlen(suf);
	return n >= m && !strcmp(s + n - m, suf);
}

/* Format from the file name (".gz" stripped); UNKNOWN if not ours. */
static int format_of(const char *name)
{
	static const char *const txt[] = { ".txt", ".text", ".txt.gz",
					   ".text.gz", NULL };
	static const char *const jsl[] = { ".jsonl",	 ".ndjson",
					   ".json",	 ".jsonl.gz",
					   ".ndjson.gz", ".json.gz",
					   NULL };
	for (int i = 0; txt[i]; i++)
		if (ends_with(name, txt[i]))
			return VL_FMT_TXT;
	for (int i = 0; jsl[i]; i++)
		if (ends_with(name, jsl[i]))
			return VL_FMT_JSONL;
	return VL_FMT_UNKNOWN;
}

static int sniff(const char *data, size_t len)
{
	size_t i = 0;
	if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
		i = 3;
	while (i < len && (data[i] == ' ' || data[i] == '\t' ||
			   data[i] == '\n' || data[i] == '\r'))
		i++;
	return i < len && data[i] == '{' ? VL_FMT_JSONL : VL_FMT_TXT;
}

static int report(walk *w, const char *path, size_t line, int code, size_t off,
		  const char *fmt, const char *detail)
{
	vl_record r;
	memset(&r, 0, sizeof r);
	r.path = path;
	r.line = line;
	r.err.code = code;
	r.err.offset = off;
	snprintf(r.err.message, sizeof r.err.message, fmt, detail);
	return w->fn(&r, w->payload);
}

/* One wording for every size limit: what, how big, the limit. */
static int too_big(walk *w, const char *path, size_t line, const char *what,
		   size_t size, int at_least, size_t limit)
{
	char msg[160];
	snprintf(msg, sizeof msg,
		 "%s of %s%zu bytes is over the limit of %zu bytes", what,
		 at_least ? "more than " : "", size, limit);
	return report(w, path, line, VL_ETOOBIG, SIZE_MAX, "%s", msg);
}

static int emit(walk *w, const char *path, const char *dir_name, size_t line,
		const char *data, size_t len, int format)
{
	vl_record r;
	memset(&r, 0, sizeof r);
	r.path = path;
	r.dir_name = dir_name;
	r.line = line;
	r.data = data;
	r.len = len;
	r.format = format;
	return w->fn(&r, w->payload);
}

/* After gzread returned n <= 0: the stream's error, or NULL at a clean
 * end. A gzip member cut short reads as a plain end of file; only
 * gzerror tells (Z_BUF_ERROR). */
static const char *gz_failure(gzFile gz, int n)
{
	int zerr = Z_OK;
	const char *msg = gzerror(gz, &zerr);

	if (n < 0 || (zerr != Z_OK && zerr != Z_STREAM_END))
		return msg && *msg ? msg : "unknown error";
	return NULL;
}

/* JSON Lines from a stream: lines longer than the limit are reported and
 * skipped without being held in memory. Blank lines are ignored. */
static int read_lines(walk *w, gzFile gz, const char *path,
		      const char *dir_name, vl_buf *first)
{
	vl_buf line = VL_BUF_INIT;
	char *chunk = vl__malloc(CHUNK);
	size_t lineno = 1, skipped = 0;
	int n, rc = 0, overflow = 0;
	const char *p, *nl, *end, *broken = NULL;

	if (!chunk)
		return VL_ENOMEM;
	for (int pass = 0;; pass++) {
		if (pass == 0 && first) {
			p = first->ptr;
			end = p + first->len;
		} else {
			n = gzread(gz, chunk, CHUNK);
			if (n <= 0 && (broken = gz_failure(gz, n)))
				break;
			if (n <= 0)
				break;
			*w->bytes += (uint64_t)n;
			p = chunk;
			end = chunk + n;
		}
		while (p < end && !rc) {
			nl = memchr(p, '\n', (size_t)(end - p));
			size_t take = (size_t)((nl ? nl : end) - p);
			if (!overflow) {
				if (line.len + take > w->lim->max_line_bytes) {
					overflow = 1;
					skipped = line.len;
					vl_buf_clear(&line);
				} else if (vl_buf_put(&line, p, take)) {
					rc = VL_ENOMEM;
					break;
				}
			}
			if (overflow)
				skipped += take;
			if (!nl)
				break;
			p = nl + 1;
			if (overflow) {
				rc = too_big(w, path, lineno, "line", skipped,
					     0, w->lim->max_line_bytes);
				overflow = 0;
			} else {
				size_t k = line.len;
				while (k && (line.ptr[k - 1] == '\r' ||
					     line.ptr[k - 1] == ' '))
					k--;
				if (k)
					rc = emit(w, path, dir_name, lineno,
						  line.ptr, k, VL_FMT_JSONL);
			}
			vl_buf_clear(&line);
			lineno++;
		}
		if (rc)
			break;
	}
	if (!rc && broken) {
		/* Lines read before the damage are kept; the cut line is not
		 * guessed at. */
		char what[200];
		snprintf(what, sizeof what,
			 "%.120s; line %zu and after are lost", broken, lineno);
		rc = report(w, path, 0, VL_EFORMAT, SIZE_MAX,
			    "compressed input is truncated or corrupt: %s",
			    what);
	} else if (!rc && overflow) {
		rc = too_big(w, path, lineno, "line", skipped, 0,
			     w->lim->max_line_bytes);
	} else if (!rc && line.len) {
		rc = emit(w, path, dir_name, lineno, line.ptr, line.len,
			  VL_FMT_JSONL);
	}
	vl__freep(chunk);
	vl_buf_free(&line);
	return rc;
}

/* Read up to max+1 bytes into b (so "too big" can be told). */
static int read_all(walk *w, gzFile gz, vl_buf *b, size_t max, int *gz_err,
		    const char **msg)
{
	int n;
	*gz_err = 0;
	for (;;) {
		size_t room = max + 1 - b->len;
		if (!room)
			return 0;
		if (room > CHUNK)
			room = CHUNK;
		if (vl_buf_grow(b, room))
			return VL_ENOMEM;
		n = gzread(gz, b->ptr + b->len, (unsigned)room);
		if (n <= 0) {
			if ((*msg = gz_failure(gz, n)))
				*gz_err = 1;
			return 0;
		}
		*w->bytes += (uint64_t)n;
		b->len += (size_t)n;
		b->ptr[b->len] = '\0';
	}
}

static int read_file(walk *w, const char *path, const char *dir_name,
		     int format)
{
	gzFile gz;
	vl_buf b = VL_BUF_INIT;
	int rc, zerr = 0, fd;
	const char *msg = NULL;

	if (!strcmp(path, "-"))
		fd = dup(0);
	else
		fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return report(w, path, 0, VL_EIO, SIZE_MAX, "cannot open: %s",
			      strerror(errno));
	gz = gzdopen(fd, "rb");
	if (!gz) {
		close(fd);
		return VL_ENOMEM;
	}
	gzbuffer(gz, 256 * 1024);
	(*w->files)++;
	if (format == VL_FMT_JSONL) {
		rc = read_lines(w, gz, path, dir_name, NULL);
		goto done;
	}
	/* A .txt article, or unknown: read a first chunk to sniff. */
	rc = read_all(w, gz, &b,
		      format == VL_FMT_TXT ? w->lim->max_file_bytes : 4096,
		      &zerr, &msg);
	if (rc)
		goto done;
	if (zerr) {
		rc = report(w, path, 0, VL_EFORMAT, SIZE_MAX,
			    "compressed input is truncated or corrupt: %s",
			    msg);
		goto done;
	}
	if (format == VL_FMT_UNKNOWN) {
		format = sniff(b.ptr, b.len);
		if (format == VL_FMT_JSONL) {
			rc = read_lines(w, gz, path, dir_name, &b);
			goto done;
		}
		rc = read_all(w, gz, &b, w->lim->max_file_bytes, &zerr, &msg);
		if (rc)
			goto done;
		if (zerr) {
			rc = report(
				w, path, 0, VL_EFORMAT, SIZE_MAX,
				"compressed input is truncated or corrupt: %s",
				msg);
			goto done;
		}
	}
	if (b.len > w->lim->max_file_bytes) {
		rc = too_big(w, path, 0, "article", w->lim->max_file_bytes, 1,
			     w->lim->max_file_bytes);
		goto done;
	}
	rc = emit(w, path, dir_name, 0, b.ptr, b.len, VL_FMT_TXT);
done:
	gzclose(gz);
	vl_buf_free(&b);
	return rc;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int walk_path(walk *w, const char *path, const char *dir_name,
		     int explicit);

/* Name of a directory as a source hint: the last component of its real
 * path, so "afp/x.txt", "./x.txt" run from afp/ and "x.txt" agree. */
static char *dir_base_name(const char *dir)
{
	char *real = realpath(dir, NULL), *name;
	const char *p = real ? real : dir, *base = strrchr(p, '/');

	base = base && base[1] ? base + 1 : p;
	name = vl__strdup(*base ? base : "/");
	free(real);
	return name;
}

static int walk_dir(walk *w, const char *path)
{
	struct dirent **ents = NULL;
	int n = scandir(path, &ents, NULL, by_name), rc = 0, i;
	vl_buf child = VL_BUF_INIT;
	char *dir_name;

	if (n < 0)
		return report(w, path, 0, VL_EIO, SIZE_MAX,
			      "cannot read directory: %s", strerror(errno));
	/* The directory's own name, for articles that name no source. */
	dir_name = dir_base_name(path);
	for (i = 0; i < n; i++) {
		if (!rc && ents[i]->d_name[0] != '.') {
			vl_buf_clear(&child);
			vl_buf_puts(&child, path);
			if (child.len && child.ptr[child.len - 1] != '/')
				vl_buf_putc(&child, '/');
			vl_buf_puts(&child, ents[i]->d_name);
			if (child.oom || !dir_name)
				rc = VL_ENOMEM;
			else
				rc = walk_path(w, child.ptr, dir_name, 0);
		}
		free(ents[i]);
	}
	free(ents);
	vl_buf_free(&child);
	vl__freep(dir_name);
	return rc;
}

static int walk_path(walk *w, const char *path, const char *dir_name,
		     int explicit)
{
	struct stat st;
	int rc;

	if (!strcmp(path, "-"))
		return read_file(w, path, NULL, VL_FMT_UNKNOWN);
	if ((explicit ? stat(path, &st) : lstat(path, &st)) != 0)
		return report(w, path, 0, VL_EIO, SIZE_MAX, "cannot open: %s",
			      strerror(errno));
	if (S_ISLNK(st.st_mode)) {
		/* Follow links to files, not to directories (no loops). */
		if (stat(path, &st) != 0 || S_ISDIR(st.st_mode))
			return 0;
	}
	if (S_ISDIR(st.st_mode)) {
		if (w->depth >= 64)
			return report(w, path, 0, VL_ETOOBIG, SIZE_MAX, "%s",
				      "directory nesting is too deep");
		w->depth++;
		rc = walk_dir(w, path);
		w->depth--;
		return rc;
	}
	if (!S_ISREG(st.st_mode) && !explicit)
		return 0;
	if (!explicit && format_of(path) == VL_FMT_UNKNOWN)
		return 0; /* not an article file: ignored in a walk */
	return read_file(w, path, dir_name, format_of(path));
}

int vl__read_path(const char *path, const vl_read_limits *lim, vl_record_fn fn,
		  void *payload, size_t *files, uint64_t *bytes)
{
	size_t nf = 0;
	uint64_t nb = 0;
	walk w = {
		lim, fn, payload, files ? files : &nf, bytes ? bytes : &nb, 0
	};
	char *parent = NULL;
	int rc;

	if (strcmp(path, "-") != 0) {
		struct stat st;
		const char *slash = strrchr(path, '/');
		char *dir;
		/* A path that is not there is the caller's mistake, not a bad
		 * article: say so as an error of the call. */
		if (stat(path, &st) != 0)
			return errno == ENOENT ? VL_ENOTFOUND : VL_EIO;
		/* An explicit file takes its directory's name as a source
		 * hint. */
		dir = slash ? vl__strndup(path, (size_t)(slash - path) + 1)
			    : vl__strdup(".");
		if (!dir)
			return VL_ENOMEM;
		parent = dir_base_name(dir);
		vl__freep(dir);
		if (!parent)
			return VL_ENOMEM;
	}
	rc = walk_path(&w, path, parent, 1);
	vl__freep(parent);
	return rc;
}

int vl__read_memory(const char *name, const char *data, size_t len, int format,
		    const vl_read_limits *lim, vl_record_fn fn, void *payload)
{
	size_t nf = 0;
	uint64_t nb = 0;
	walk w = { lim, fn, payload, &nf, &nb, 0 };
	size_t lineno = 1, i = 0;
	int rc = 0;

	if (format == VL_FMT_UNKNOWN)
		format = sniff(data, len);
	if (format == VL_FMT_TXT) {
		if (len > lim->max_file_bytes)
			return too_big(&w, name, 0, "article", len, 0,
				       lim->max_file_bytes);
		return emit(&w, name, NULL, 0, data, len, VL_FMT_TXT);
	}
	while (i < len && !rc) {
		const char *nl = memchr(data + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - data) : len, k = end;
		while (k > i && (data[k - 1] == '\r' || data[k - 1] == ' '))
			k--;
		if (k - i > lim->max_line_bytes)
			rc = too_big(&w, name, lineno, "line", k - i, 0,
				     lim->max_line_bytes);
		else if (k > i)
			rc = emit(&w, name, NULL, lineno, data + i, k - i,
				  VL_FMT_JSONL);
		i = end + 1;
		lineno++;
	}
	return rc;
}
