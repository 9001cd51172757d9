/*
 * df.c — online document frequencies (see df.h). The saved form is the
 * article count, then for each non-zero counter the gap from the previous
 * one and the count, as LEB128 varints: a small store saves a few
 * kilobytes, not the 8 MiB array.
 */
#include "stories/df.h"

#include <math.h>
#include <string.h>

#include "util/alloc.h"
#include "util/buf.h"

#define SLOTS ((size_t)1 << VL_DF_BITS)
/* The prior (idf_prior_fr.inc) counts as this many articles: enough to
 * tell "vendredi" from "Toretsk" in a new store, few enough that a
 * store's own articles soon outweigh it. */
#define PRIOR_ARTICLES 2000.0
/* Added to ln(N/df): a word every article has still weighs a little. */
#define IDF_FLOOR 0.2

static size_t slot_of(uint64_t id)
{
	return (size_t)((id ^ id >> 29) * 0x9E3779B97F4A7C15ull >>
			(64 - VL_DF_BITS));
}

#include "stories/idf_prior_fr.inc"

int vl__df_init_empty(vl_df *df)
{
	df->docs = 0;
	df->count = vl__calloc(SLOTS, sizeof *df->count);
	return df->count ? 0 : VL_ENOMEM;
}

int vl__df_init(vl_df *df)
{
	double scale = PRIOR_ARTICLES / VL_PRIOR_DOCS;

	if (vl__df_init_empty(df))
		return VL_ENOMEM;
	for (size_t i = 0; i < sizeof vl_prior_fr / sizeof *vl_prior_fr; i++)
		df->count[vl_prior_fr[i][0]] =
			(uint16_t)(vl_prior_fr[i][1] * scale + 0.5);
	df->docs = (uint64_t)(VL_PRIOR_DOCS * scale + 0.5);
	return 0;
}

void vl__df_free(vl_df *df)
{
	vl__freep(df->count);
	memset(df, 0, sizeof *df);
}

void vl__df_add(vl_df *df, const vl_feats *fs)
{
	for (size_t i = 0; i < fs->n; i++) {
		uint16_t *c = &df->count[slot_of(fs->v[i].id)];
		if (*c < UINT16_MAX)
			(*c)++;
	}
	df->docs++;
}

double vl__df_idf(const vl_df *df, uint64_t id)
{
	return log(((double)df->docs + 1.0) /
		   ((double)df->count[slot_of(id)] + 1.0)) +
	       IDF_FLOOR;
}

static int put_varint(vl_buf *b, uint64_t v)
{
	unsigned char tmp[10];
	size_t n = 0;

	do {
		tmp[n++] = (unsigned char)((v & 0x7F) | (v > 0x7F ? 0x80 : 0));
		v >>= 7;
	} while (v);
	return vl_buf_put(b, tmp, n);
}

static int get_varint(const unsigned char **p, const unsigned char *end,
		      uint64_t *v)
{
	*v = 0;
	for (unsigned shift = 0; *p < end && shift < 64; shift += 7) {
		unsigned char c = *(*p)++;
		*v |= (uint64_t)(c & 0x7F) << shift;
		if (!(c & 0x80))
			return 0;
	}
	return VL_EFORMAT;
}

int vl__df_save(const vl_df *df, unsigned char **out, size_t *len)
{
	vl_buf b = VL_BUF_INIT;
	size_t prev = 0;
	int rc = put_varint(&b, df->docs);

	for (size_t i = 0; i < SLOTS && !rc; i++) {
		if (!df->count[i])
			continue;
		rc = put_varint(&b, i - prev) || put_varint(&b, df->count[i]);
		prev = i;
	}
	if (rc) {
		vl_buf_free(&b);
		return VL_ENOMEM;
	}
	*len = b.len;
	*out = (unsigned char *)b.ptr; /* the caller frees it */
	return 0;
}

int vl__df_load(vl_df *df, const unsigned char *data, size_t len)
{
	const unsigned char *p = data, *end = data + len;
	uint64_t docs, gap, count;
	size_t at = 0;

	if (get_varint(&p, end, &docs))
		return VL_EFORMAT;
	memset(df->count, 0, SLOTS * sizeof *df->count);
	while (p < end) {
		if (get_varint(&p, end, &gap) || get_varint(&p, end, &count) ||
		    gap >= SLOTS - at || count > UINT16_MAX) {
			memset(df->count, 0, SLOTS * sizeof *df->count);
			df->docs = 0;
			return VL_EFORMAT;
		}
		at += (size_t)gap;
		df->count[at] = (uint16_t)count;
	}
	df->docs = docs;
	return 0;
}
