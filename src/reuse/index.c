/*
 * index.c — the candidate multimap (see index.h). A key is reduced to 32
 * bits once; both parts place an entry from those bits alone, so the
 * index can be rebuilt and merged without the full keys. Two keys sharing
 * the 32 bits only add a candidate, and every candidate is verified on
 * exact shingles.
 */
#include "reuse/index.h"

#include <string.h>

#include "util/alloc.h"
#include "veille.h"

/* The recent table never holds fewer than this many entries before a
 * merge, so that a small index is not merged at every insert. */
#define MIN_RECENT ((size_t)1 << 15)
#define MIN_DBITS 16u
#define MAX_DBITS 30u
#define BUCKET_MEAN 32u /* entries per directory bucket, at most */

static uint32_t key32(uint64_t key)
{
	uint32_t c = (uint32_t)(key >> 32) ^ (uint32_t)key;
	return c ? c : 1;
}

static size_t home(uint32_t c, size_t cap)
{
	return (size_t)((c * 0x9E3779B97F4A7C15ull) >> 20) & (cap - 1);
}

static void put(uint64_t *slot, size_t cap, uint64_t entry)
{
	size_t i = home((uint32_t)(entry >> 32), cap);
	while (slot[i])
		i = (i + 1) & (cap - 1);
	slot[i] = entry;
}

/* Where to start walking the table so that every probe run is met whole
 * and in probe order (for one key, the order of arrival): just after an
 * empty slot, so that a run wrapping past the end stays in one piece. The
 * load stays below 0.7: an empty slot exists. */
static size_t walk_start(const vl_mmap *m)
{
	size_t gap = 0;

	while (m->slot[gap])
		gap++;
	return gap + 1;
}

static int grow(vl_mmap *m)
{
	size_t cap = m->cap ? m->cap * 2 : 1024, bytes;
	uint64_t *s;

	if (vl__mul_size(&bytes, cap, sizeof *s) ||
	    !(s = vl__calloc(cap, sizeof *s)))
		return VL_ENOMEM;
	for (size_t i = 0, at = m->cap ? walk_start(m) : 0; i < m->cap; i++) {
		uint64_t e = m->slot[(at + i) & (m->cap - 1)];
		if (e)
			put(s, cap, e);
	}
	vl__freep(m->slot);
	m->slot = s;
	m->cap = cap;
	return 0;
}

static unsigned dbits_for(size_t entries)
{
	unsigned d = MIN_DBITS;
	while (d < MAX_DBITS && (entries >> d) > BUCKET_MEAN)
		d++;
	return d;
}

/* v[0..n) ordered by key (the top 32 bits), stably: four passes of a
 * byte each through tmp, so that the result is back in v. Within a key,
 * entries keep their table order, which is their insertion order. */
static void sort_by_key(uint64_t *v, uint64_t *tmp, size_t n)
{
	size_t count[4][256] = { { 0 } };

	for (size_t i = 0; i < n; i++)
		for (unsigned p = 0; p < 4; p++)
			count[p][(v[i] >> (32 + 8 * p)) & 0xFF]++;
	for (unsigned p = 0; p < 4; p++) {
		uint64_t *from = p & 1 ? tmp : v, *to = p & 1 ? v : tmp;
		size_t at = 0;

		for (unsigned b = 0; b < 256; b++) {
			size_t c = count[p][b];
			count[p][b] = at;
			at += c;
		}
		for (size_t i = 0; i < n; i++)
			to[count[p][(from[i] >> (32 + 8 * p)) & 0xFF]++] =
				from[i];
	}
}

/* Merge the packed recent entries slot[0..n), ordered by key, into the
 * sorted part grown to `total` and re-encoded for d directory bits, from
 * the back so that nothing is overwritten before it is read; counts per
 * bucket of the new directory go to dir[b + 1]. Within a key, the sorted
 * part's entries come first. */
static void merge_back(vl_mmap *m, size_t total, unsigned d, uint32_t *dir)
{
	size_t j = m->n, k = total;
	unsigned shift = 32 - d, old_shift = 32 - m->dbits;
	uint32_t mask = (1u << shift) - 1;
	const uint64_t *recent = m->slot;

#define EMIT(c, document)                         \
	do {                                      \
		k--;                              \
		m->low[k] = (uint16_t)((c)&mask); \
		m->doc[k] = (document);           \
		dir[((c) >> shift) + 1]++;        \
	} while (0)

	for (size_t b = m->dir ? (size_t)1 << m->dbits : 0; b-- > 0;) {
		for (size_t i = m->dir[b + 1]; i-- > m->dir[b];) {
			uint32_t c = (uint32_t)b << old_shift | m->low[i];
			uint32_t document = m->doc[i];

			while (j > 0 && (uint32_t)(recent[j - 1] >> 32) >= c) {
				uint64_t e = recent[--j];
				EMIT((uint32_t)(e >> 32), (uint32_t)e);
			}
			EMIT(c, document);
		}
	}
	while (j > 0) {
		uint64_t e = recent[--j];
		EMIT((uint32_t)(e >> 32), (uint32_t)e);
	}
#undef EMIT
}

/* The table's entries moved to slot[0..n) in probe-run order (see
 * walk_start), through tmp. */
static void pack(vl_mmap *m, uint64_t *tmp)
{
	size_t at = walk_start(m), k = 0;

	for (size_t i = 0; i < m->cap; i++) {
		uint64_t e = m->slot[(at + i) & (m->cap - 1)];
		if (e)
			tmp[k++] = e;
	}
	memcpy(m->slot, tmp, k * sizeof *tmp);
}

int vl__mmap_compact(vl_mmap *m)
{
	size_t total = m->n_sorted + m->n, nb;
	unsigned d = dbits_for(total);
	uint32_t *dir, *doc;
	uint16_t *low;
	uint64_t *tmp = NULL;

	if (!m->n)
		return 0;
	if (total > UINT32_MAX)
		return VL_ENOMEM;
	nb = (size_t)1 << d;
	if (!(dir = vl__calloc(nb + 1, sizeof *dir)))
		return VL_ENOMEM;
	if (!(tmp = vl__malloc(m->n * sizeof *tmp)))
		goto nomem;
	/* Grown first: a failure leaves the index as it was. */
	if (!(doc = vl__realloc(m->doc, total * sizeof *doc)))
		goto nomem;
	m->doc = doc;
	if (!(low = vl__realloc(m->low, total * sizeof *low)))
		goto nomem;
	m->low = low;
	pack(m, tmp);
	sort_by_key(m->slot, tmp, m->n);
	vl__freep(tmp);
	merge_back(m, total, d, dir);
	for (size_t b = 1; b <= nb; b++)
		dir[b] += dir[b - 1];
	memset(m->slot, 0, m->cap * sizeof *m->slot);
	m->n = 0;
	vl__freep(m->dir);
	m->dir = dir;
	m->dbits = d;
	m->n_sorted = total;
	return 0;
nomem:
	vl__freep(tmp);
	vl__freep(dir);
	return VL_ENOMEM;
}

int vl__mmap_add(vl_mmap *m, uint64_t key, uint32_t doc)
{
	if ((m->n + 1) * 10 > m->cap * 7) {
		/* Past an eighth of the sorted part, merge rather than grow. */
		if (m->n >= MIN_RECENT && m->cap * 2 > m->n_sorted / 8) {
			if (vl__mmap_compact(m))
				return VL_ENOMEM;
		} else if (grow(m))
			return VL_ENOMEM;
	}
	put(m->slot, m->cap, (uint64_t)key32(key) << 32 | doc);
	m->n++;
	return 0;
}

static size_t get_sorted(const vl_mmap *m, uint32_t c, uint32_t *out, size_t *n,
			 size_t cap, size_t max)
{
	unsigned shift = 32 - m->dbits;
	uint32_t b = c >> shift;
	uint16_t lo = (uint16_t)(c & ((1u << shift) - 1));
	size_t i = m->dir[b], end = m->dir[b + 1], found = 0;

	/* The first entry >= lo: a bucket is short unless keys were made
	 * to share their top bits, and then this stays logarithmic. */
	for (size_t hi = end; i < hi;) {
		size_t mid = i + (hi - i) / 2;
		if (m->low[mid] < lo)
			i = mid + 1;
		else
			hi = mid;
	}
	for (; i < end && m->low[i] == lo && found < max; i++) {
		if (*n < cap)
			out[(*n)++] = m->doc[i];
		found++;
	}
	return found;
}

size_t vl__mmap_get(const vl_mmap *m, uint64_t key, uint32_t *out, size_t *n,
		    size_t cap, size_t max)
{
	uint32_t c = key32(key);
	size_t i, found = m->dir ? get_sorted(m, c, out, n, cap, max) : 0;

	if (!m->cap)
		return found;
	for (i = home(c, m->cap); m->slot[i] && found < max;
	     i = (i + 1) & (m->cap - 1)) {
		if ((uint32_t)(m->slot[i] >> 32) != c)
			continue;
		if (*n < cap)
			out[(*n)++] = (uint32_t)m->slot[i];
		found++;
	}
	return found;
}

void vl__mmap_free(vl_mmap *m)
{
	vl__freep(m->dir);
	vl__freep(m->low);
	vl__freep(m->doc);
	vl__freep(m->slot);
	memset(m, 0, sizeof *m);
}

size_t vl__mmap_count(const vl_mmap *m)
{
	return m->n_sorted + m->n;
}

size_t vl__mmap_bytes(const vl_mmap *m)
{
	size_t dir =
		m->dir ? (((size_t)1 << m->dbits) + 1) * sizeof *m->dir : 0;
	return dir + m->n_sorted * (sizeof *m->low + sizeof *m->doc) +
	       m->cap * sizeof *m->slot;
}
