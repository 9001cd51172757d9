/*
 * index.c — the candidate multimap (see index.h). A key is reduced to 32
 * bits once; its slot is derived from those bits alone, so the table can
 * grow without the full keys. Two keys sharing the 32 bits only add a
 * candidate, and every candidate is verified on exact shingles.
 */
#include "reuse/index.h"

#include <string.h>

#include "util/alloc.h"
#include "veille.h"

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

static int grow(vl_mmap *m)
{
	size_t cap = m->cap ? m->cap * 2 : 1024, bytes;
	uint64_t *s;

	if (vl__mul_size(&bytes, cap, sizeof *s) ||
	    !(s = vl__calloc(cap, sizeof *s)))
		return VL_ENOMEM;
	for (size_t i = 0; i < m->cap; i++)
		if (m->slot[i])
			put(s, cap, m->slot[i]);
	vl__freep(m->slot);
	m->slot = s;
	m->cap = cap;
	return 0;
}

int vl__mmap_add(vl_mmap *m, uint64_t key, uint32_t doc)
{
	if ((m->n + 1) * 10 > m->cap * 7 && grow(m))
		return VL_ENOMEM;
	put(m->slot, m->cap, (uint64_t)key32(key) << 32 | doc);
	m->n++;
	return 0;
}

size_t vl__mmap_get(const vl_mmap *m, uint64_t key, uint32_t *out, size_t *n,
		    size_t cap, size_t max)
{
	uint32_t c = key32(key);
	size_t i, found = 0;

	if (!m->cap)
		return 0;
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
	vl__freep(m->slot);
	memset(m, 0, sizeof *m);
}

size_t vl__mmap_bytes(const vl_mmap *m)
{
	return m->cap * sizeof *m->slot;
}
