/*
 * engine.c — wires the pipeline: reader -> validate (UTF-8, NFC) ->
 * parse -> prepare (clean, compose, analyse) -> store, in transactional
 * batches. This is the only module that knows all the stages; a record's
 * path through the code is the straight walk in ingest_record().
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "engine/engine_int.h"
#include "engine/prepare.h"
#include "entities/alias.h"
#include "ingest/article.h"
#include "ingest/published.h"
#include "ingest/reader.h"
#include "store/store.h"
#include "text/utf8.h"
#include "util/alloc.h"
#include "util/buf.h"

#define DEFAULT_MAX_ARTICLE (8u << 20)
#define DEFAULT_MAX_LINE (64u << 20)
#define DEFAULT_BATCH 500
#define REPEAT_MIN 3

typedef struct run {
	vl_engine *eng;
	const vl_ingest_options *opts;
	vl_ingest_stats *st;
	size_t in_batch;
	int in_tx;
	int stop;
	int fatal; /* a store error: the ingest ends */
	/* for the `seen` callback */
	const char *source;
	uint64_t sig; /* body of the article being cleaned */
	int64_t self; /* its rowid when it is stored already, else 0 */
} run;

int vl_engine_open(vl_engine **out, const char *db_path,
		   const vl_engine_options *opts, vl_error *err)
{
	vl_engine *e;
	int rc;

	*out = NULL;
	if (!db_path)
		return VL_EINVAL;
	if (!(e = vl__calloc(1, sizeof *e)))
		return VL_ENOMEM;
	e->read_only = opts && opts->read_only;
	e->dup_jaccard = opts && opts->dup_jaccard > 0 ? opts->dup_jaccard
						       : VL_DUP_JACCARD;
	e->dup_containment = opts && opts->dup_containment > 0
				     ? opts->dup_containment
				     : VL_DUP_CONTAINMENT;
	e->story_threshold = opts && opts->story_threshold > 0
				     ? opts->story_threshold
				     : VL_STORY_THRESHOLD;
	e->story_window_s = 3600.0 * (opts && opts->story_window_h > 0
					      ? opts->story_window_h
					      : VL_STORY_WINDOW_H);
	if ((rc = vl__entities_open(e, opts ? opts->aliases_file : NULL,
				    err)) ||
	    (rc = vl__store_open(&e->store, db_path, e->read_only, err))) {
		vl_engine_free(e);
		return rc;
	}
	*out = e;
	return 0;
}

void vl_engine_free(vl_engine *eng)
{
	if (!eng)
		return;
	vl__store_close(eng->store);
	vl__mmap_free(&eng->idx);
	vl__freep(eng->scratch);
	vl__stories_unload(eng);
	vl__aliases_free(eng->aliases);
	vl__freep(eng);
}

static void report(run *r, const vl_record *rec, const vl_error *e)
{
	vl_error out = *e;
	if (rec->line)
		snprintf(out.where, sizeof out.where, "%s:%zu", rec->path,
			 rec->line);
	else
		snprintf(out.where, sizeof out.where, "%s", rec->path);
	r->st->rejected++;
	if (r->opts->on_error)
		r->opts->on_error(&out, r->opts->payload);
}

static uint32_t seen_in_source(uint64_t hash, void *payload)
{
	run *r = payload;
	return vl__store_line_count(r->eng->store, r->source, hash, r->sig,
				    r->self);
}

/* Normalise every metadata string to NFC (text fields were validated
 * with the record). */
static int nfc_field(char **field)
{
	char *n;
	size_t len;
	int rc;

	if (!*field ||
	    !vl__nfc_may_change((const unsigned char *)*field, strlen(*field)))
		return 0;
	if ((rc = vl__nfc_valid(&n, &len, *field, strlen(*field))))
		return rc;
	vl__freep(*field);
	*field = n;
	return 0;
}

static int is_blank(const char *s)
{
	if (!s)
		return 1;
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return 0;
	return 1;
}

/* Primary language subtag, lowercase: "fr-FR" -> "fr". */
static void norm_lang(char *lang)
{
	size_t i;
	for (i = 0; lang[i] && lang[i] != '-' && lang[i] != '_'; i++)
		if (lang[i] >= 'A' && lang[i] <= 'Z')
			lang[i] = (char)(lang[i] + 32);
	lang[i] = '\0';
}

/* Hash of everything given about an article: same id with a different
 * hash means the article changed. An article given without an id is
 * named by the same hash (id, 16 hex digits), so any change makes it
 * another article and reading the same input again adds nothing. */
static void content_hash(char out[33], char id[17], const vl_raw_article *a,
			 const char *source)
{
	vl_buf b = VL_BUF_INIT;
	const char *f[] = { source,	  a->url,  a->title, a->lead,
			    a->published, a->lang, a->extra, a->text };
	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
		vl_buf_puts(&b, f[i] ? f[i] : "");
		vl_buf_putc(&b, '\x1f');
	}
	if (b.oom) {
		memset(out, '0', 32);
		out[32] = '\0';
		memset(id, '0', 16);
		id[16] = '\0';
	} else {
		vl__hex128(out, b.ptr, b.len);
		vl__hex64(id, b.ptr, b.len);
	}
	vl_buf_free(&b);
}

static int begin_batch(run *r)
{
	int rc;
	if (r->in_tx)
		return 0;
	if ((rc = vl__store_begin(r->eng->store)))
		return rc;
	r->in_tx = 1;
	return 0;
}

/* Commit the batch; final: the run's last one (the story stage's
 * learned frequencies are then saved whatever their age). */
static int commit_batch(run *r, int final)
{
	int rc;
	if (!r->in_tx)
		return 0;
	if ((rc = vl__stories_checkpoint(r->eng, final)) ||
	    (rc = vl__store_commit(r->eng->store)))
		return rc; /* still in the transaction: finish() rolls back */
	r->in_tx = 0;
	r->in_batch = 0;
	if (r->opts->on_progress &&
	    r->opts->on_progress(r->st, r->opts->payload))
		r->stop = 1;
	return 0;
}

/* Clean an older article again: a line its source repeats was learned
 * after it was stored. */
static int reclean(run *r, int64_t rowid)
{
	vl_article *a = NULL;
	vl_prepared p;
	vl_prepare_input in;
	vl_clean_options co = { seen_in_source, r, REPEAT_MIN };
	vl_store_article sa;
	const char *saved_source;
	uint64_t saved_sig;
	int64_t saved_self;
	int rc;

	if ((rc = vl__store_load(r->eng->store, NULL, rowid, &a)))
		return rc == VL_ENOTFOUND ? 0 : rc;
	memset(&in, 0, sizeof in);
	in.text = a->original;
	in.len = strlen(a->original);
	in.title = a->title;
	in.lead = a->lead;
	in.clean = &co;
	/* The seen callback now speaks for this article; the caller's
	 * article gets it back below. */
	saved_source = r->source;
	saved_sig = r->sig;
	saved_self = r->self;
	r->source = a->source;
	r->sig = a->body_sig;
	r->self = rowid;
	rc = vl__prepare(&p, &in);
	if (!rc && (rc = vl__store_take_error(r->eng->store)))
		vl__prepared_free(&p);
	if (!rc) {
		memset(&sa, 0, sizeof sa);
		sa.original = a->original;
		sa.original_len = strlen(a->original);
		sa.clean = p.clean.ptr;
		sa.clean_len = p.clean.len;
		sa.clean_hash = p.clean_hash;
		sa.removed = p.removed;
		sa.n_removed = p.n_removed;
		sa.sentences = p.sentences;
		sa.n_sentences = p.n_sentences;
		rc = vl__store_update_clean(r->eng->store, rowid, &sa);
		if (!rc)
			r->st->recleaned++;
		vl__prepared_free(&p);
	}
	r->source = saved_source;
	r->sig = saved_sig;
	r->self = saved_self;
	vl__article_free(a);
	return rc;
}

/* Lines of this article that its source has now repeated often enough to
 * be learned: clean the earlier carriers again. */
static int learn_lines(run *r, const char *source, int64_t rowid,
		       const vl_prepared *p)
{
	for (size_t i = 0; i < p->n_line_hashes; i++) {
		int64_t *ids;
		size_t n;
		int rc;
		uint64_t h = p->line_hashes[i];

		if (vl__store_line_count(r->eng->store, source, h, r->sig,
					 rowid) != REPEAT_MIN)
			continue;
		if ((rc = vl__store_take_error(r->eng->store)))
			return rc;
		if ((rc = vl__store_line_articles(r->eng->store, source, h,
						  &ids, &n)))
			return rc;
		for (size_t k = 0; k < n && !rc; k++)
			if (ids[k] != rowid)
				rc = reclean(r, ids[k]);
		vl__freep(ids);
		if (rc)
			return rc;
	}
	return 0;
}

/* Validate, parse, prepare and store one article. Returns a store error
 * (fatal for the ingest) or 0; bad input is reported and counted. */
/* Before an article's text changes: its mentions go (they point into
 * the old clean text, read here). */
static int forget_extracted(run *r, int64_t rowid)
{
	char *old = NULL;
	size_t len = 0;
	int rc = vl__store_clean_of(r->eng->store, rowid, &old, &len);

	if (!rc || rc == VL_ENOTFOUND)
		rc = vl__extract_forget(r->eng, rowid, old);
	vl__freep(old);
	return rc;
}

static int ingest_record(run *r, const vl_record *rec)
{
	vl_error e;
	vl_raw_article raw;
	vl_buf fixed = VL_BUF_INIT;
	const char *data = rec->data, *why;
	size_t len = rec->len, bad;
	const char *source;
	char idbuf[17], hash[33], old_hash[64];
	int64_t rowid = 0, ts = 0;
	int rc, known;
	vl_prepared p;
	vl_prepare_input in;
	vl_clean_options co = { seen_in_source, r, REPEAT_MIN };
	vl_store_article sa;
	unsigned char *reuse_blobs = NULL;
	const void *nul;
	vl_extracted ex;
	int extracted = 0, coarse;
	size_t limit = r->opts->max_article_bytes ? r->opts->max_article_bytes
						  : DEFAULT_MAX_ARTICLE;

	memset(&e, 0, sizeof e);
	memset(&raw, 0, sizeof raw);
	r->st->read++;
	if (rec->err.code) {
		report(r, rec, &rec->err);
		return 0;
	}
	if ((nul = memchr(data, '\0', len))) {
		vl__set_error(&e, VL_EBINARY,
			      (size_t)((const char *)nul - data),
			      "binary data (NUL byte), not text");
		report(r, rec, &e);
		return 0;
	}
	if (vl__utf8_validate(data, len, &bad, &why)) {
		if (!r->opts->repair) {
			vl__set_error(&e, VL_EUTF8, bad, "invalid UTF-8: %s",
				      why);
			report(r, rec, &e);
			return 0;
		}
		if (vl__utf8_repair(&fixed, data, len, NULL)) {
			rc = VL_ENOMEM;
			goto done;
		}
		data = fixed.ptr;
		len = fixed.len;
		r->st->repaired++;
	}
	rc = rec->format == VL_FMT_JSONL ? vl__jsonl_parse(&raw, data, len, &e)
					 : vl__txt_parse(&raw, data, len, &e);
	if (rc == VL_ENOMEM)
		goto done;
	if (rc) {
		report(r, rec, &e);
		rc = 0;
		goto done;
	}
	if (raw.text_len > limit) {
		vl__set_error(&e, VL_ETOOBIG, SIZE_MAX,
			      "article of %zu bytes is over the limit of %zu"
			      " bytes",
			      raw.text_len, limit);
		report(r, rec, &e);
		goto done;
	}
	if ((rc = nfc_field(&raw.text)) || (rc = nfc_field(&raw.title)) ||
	    (rc = nfc_field(&raw.lead)) || (rc = nfc_field(&raw.source)))
		goto done;
	raw.text_len = strlen(raw.text);
	if (is_blank(raw.text) && is_blank(raw.title) && is_blank(raw.lead)) {
		vl__set_error(&e, VL_EEMPTY, SIZE_MAX,
			      "no text (text, title and lead are empty)");
		report(r, rec, &e);
		goto done;
	}
	if (raw.lang) {
		norm_lang(raw.lang);
		if (!*raw.lang) { /* "", "-FR": not a language: detect it */
			vl__freep(raw.lang);
			raw.lang = NULL;
		}
	}
	source = raw.source && *raw.source ? raw.source
		 : r->opts->source	   ? r->opts->source
		 : rec->dir_name	   ? rec->dir_name
					   : "unknown";
	content_hash(hash, idbuf, &raw, source);
	if (!raw.id || !*raw.id) {
		vl__freep(raw.id);
		if (!(raw.id = vl__strdup(idbuf))) {
			rc = VL_ENOMEM;
			goto done;
		}
	}
	rc = vl__store_lookup(r->eng->store, raw.id, &rowid, old_hash);
	if (rc && rc != VL_ENOTFOUND)
		goto done;
	known = rc == 0;
	if (known && !strcmp(old_hash, hash)) {
		r->st->unchanged++;
		rc = 0;
		goto done;
	}
	memset(&in, 0, sizeof in);
	in.text = raw.text;
	in.len = raw.text_len;
	in.title = raw.title;
	in.lead = raw.lead;
	in.find_title = 1; /* when no title is given */
	in.detect_lang = !raw.lang;
	in.clean = &co;
	r->source = source;
	r->sig = vl__body_sig(raw.text, raw.text_len);
	r->self = known ? rowid : 0;
	if ((rc = vl__prepare(&p, &in)))
		goto done;
	memset(&sa, 0, sizeof sa);
	sa.id = raw.id;
	sa.source = source;
	sa.url = raw.url;
	sa.title = raw.title ? raw.title : p.title;
	sa.lead = raw.lead;
	sa.published = raw.published;
	sa.has_ts = raw.published && !vl__parse_published(raw.published, &ts);
	sa.published_ts = ts;
	sa.lang = raw.lang ? raw.lang : p.lang;
	sa.lang_given = raw.lang != NULL;
	sa.title_given = raw.title != NULL;
	sa.original = raw.text;
	sa.original_len = raw.text_len;
	sa.clean = p.clean.ptr;
	sa.clean_len = p.clean.len;
	sa.content_hash = hash;
	sa.clean_hash = p.clean_hash;
	sa.extra = raw.extra;
	sa.format = raw.format == VL_FMT_JSONL ? "jsonl" : "txt";
	sa.origin = rec->path;
	sa.removed = p.removed;
	sa.n_removed = p.n_removed;
	sa.sentences = p.sentences;
	sa.n_sentences = p.n_sentences;
	sa.body_sig = r->sig;
	sa.line_hashes = p.line_hashes;
	sa.n_line_hashes = p.n_line_hashes;
	if (!(rc = begin_batch(r)))
		rc = vl__reuse_columns(r->eng, &p, known ? rowid : 0, &sa,
				       &reuse_blobs);
	if (!rc && known)
		rc = forget_extracted(r, rowid);
	if (!rc) {
		rc = known ? vl__store_replace(r->eng->store, rowid, &sa)
			   : vl__store_insert(r->eng->store, &sa, &rowid);
	}
	if (!rc)
		rc = learn_lines(r, source, rowid, &p);
	if (!rc)
		rc = vl__reuse_link(r->eng, rowid, &p, sa.dup_of, known);
	/* a date given as a month or a year only */
	coarse = 0;
	if (sa.has_ts && raw.published) {
		size_t pl = strlen(raw.published);
		coarse = pl == 7 ? 1 : pl <= 4 ? 2 : 0;
	}
	if (!rc && !(rc = vl__extract(&ex, p.an, p.clean.ptr, p.clean.len,
				      sa.lang, sa.has_ts ? ts : INT64_MIN,
				      coarse, raw.text, raw.text_len)))
		extracted = 1;
	if (!rc) {
		/* an undated article is placed by the day its text gives */
		/* the date as given places the article; a day read from
		 * the text is a guess, kept for its dates only */
		int64_t when = sa.has_ts ? ts : INT64_MIN;
		vl_story_input si = { .rowid = rowid,
				      .body = p.an,
				      .title = sa.title,
				      .lang = sa.lang,
				      .ts = when,
				      .wall = (int64_t)time(NULL),
				      .replaced = known };
		rc = vl__stories_assign(r->eng, &si);
	}
	if (!rc)
		rc = vl__extract_store(r->eng, rowid, &ex, p.clean.ptr);
	if (extracted)
		vl__extract_free(&ex);
	vl__freep(reuse_blobs);
	if (!rc) {
		if (known)
			r->st->updated++;
		else
			r->st->added++;
		r->st->removed_lines += p.n_removed;
		r->in_batch++;
	}
	vl__prepared_free(&p);
done:
	vl_buf_free(&fixed);
	vl__raw_article_clear(&raw);
	return rc;
}

static int on_record(const vl_record *rec, void *payload)
{
	run *r = payload;
	size_t batch =
		r->opts->batch_size ? r->opts->batch_size : DEFAULT_BATCH;
	int rc = ingest_record(r, rec);

	if (rc) {
		r->fatal = rc;
		return rc;
	}
	if (r->in_batch >= batch && (rc = commit_batch(r, 0))) {
		r->fatal = rc;
		return rc;
	}
	return r->stop ? VL_ESTOPPED : 0;
}

static int finish(run *r, int rc)
{
	if (rc == VL_ESTOPPED && !r->fatal)
		rc = 0;
	if (rc) {
		if (r->in_tx) {
			vl__store_rollback(r->eng->store);
			/* its stories are no longer true: reload them */
			vl__stories_unload(r->eng);
		}
		r->in_tx = 0;
		return rc;
	}
	rc = commit_batch(r, 1);
	if (!rc && r->opts->on_progress && !r->stop)
		r->opts->on_progress(r->st, r->opts->payload);
	return rc;
}

static void limits(const vl_ingest_options *o, vl_read_limits *lim)
{
	lim->max_file_bytes = o->max_article_bytes ? o->max_article_bytes
						   : DEFAULT_MAX_ARTICLE;
	lim->max_line_bytes =
		o->max_line_bytes ? o->max_line_bytes : DEFAULT_MAX_LINE;
}

/* Set up a run; st may be NULL (counters then go to local). */
static void run_init(run *r, vl_engine *eng, const vl_ingest_options *opts,
		     vl_ingest_stats *st, vl_ingest_stats *local,
		     vl_read_limits *lim)
{
	static const vl_ingest_options def = VL_INGEST_OPTIONS_INIT;

	memset(r, 0, sizeof *r);
	if (!st) {
		memset(local, 0, sizeof *local);
		st = local;
	}
	r->eng = eng;
	r->opts = opts ? opts : &def;
	r->st = st;
	limits(r->opts, lim);
}

int vl_engine_ingest(vl_engine *eng, const char *path,
		     const vl_ingest_options *opts, vl_ingest_stats *st)
{
	vl_ingest_stats local;
	vl_read_limits lim;
	run r;
	int rc;

	if (!eng || !path || eng->read_only)
		return VL_EINVAL;
	run_init(&r, eng, opts, st, &local, &lim);
	rc = vl__read_path(path, &lim, on_record, &r, &r.st->files,
			   &r.st->bytes);
	return finish(&r, rc);
}

int vl_engine_ingest_memory(vl_engine *eng, const char *name, const char *data,
			    size_t len, const char *format,
			    const vl_ingest_options *opts, vl_ingest_stats *st)
{
	vl_ingest_stats local;
	vl_read_limits lim;
	run r;
	int fmt = VL_FMT_UNKNOWN, rc;

	if (!eng || (!data && len) || eng->read_only)
		return VL_EINVAL;
	if (format && !strcmp(format, "txt"))
		fmt = VL_FMT_TXT;
	else if (format && !strcmp(format, "jsonl"))
		fmt = VL_FMT_JSONL;
	else if (format)
		return VL_EINVAL;
	run_init(&r, eng, opts, st, &local, &lim);
	r.st->bytes += len;
	rc = vl__read_memory(name ? name : "memory", data ? data : "", len, fmt,
			     &lim, on_record, &r);
	return finish(&r, rc);
}

int vl_engine_article(vl_engine *eng, const char *id, vl_article **out)
{
	if (!eng || !id || !out)
		return VL_EINVAL;
	return vl__store_load(eng->store, id, 0, out);
}

int vl_engine_each_article(vl_engine *eng, const vl_query *q,
			   int (*cb)(const vl_article *a, void *payload),
			   void *payload)
{
	if (!eng || !cb)
		return VL_EINVAL;
	return vl__store_each(eng->store, q, cb, payload);
}

int vl_engine_stats(vl_engine *eng, vl_stats **out)
{
	if (!eng || !out)
		return VL_EINVAL;
	return vl__store_stats(eng->store, out);
}

const char *vl_engine_errmsg(const vl_engine *eng)
{
	return eng ? vl__store_errmsg(eng->store) : "no engine";
}
