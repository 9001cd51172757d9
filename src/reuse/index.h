/*
 * index.h — the in-memory candidate index of the reuse stage: a multimap
 * from 64-bit keys (LSH band keys, sentence fingerprints) to document
 * numbers. It is derived data: the engine rebuilds it from the signatures
 * kept in the store.
 *
 * A key is reduced to 32 bits once. Most entries sit in a sorted part
 * that costs 6 bytes an entry: the entries ordered by key, then arrival, a
 * directory of offsets indexed by the key's top `dbits` bits, and, per
 * entry, the 32-bit document and the key's remaining low bits (16 at
 * most, since dbits >= 16). New entries go to a small open-addressing
 * hash table (8 bytes a slot); when it would grow past an eighth of the
 * sorted part, it is sorted and merged into the sorted part instead, in
 * place from the back. Each entry is thus moved a bounded number of times
 * on average (the sorted part grows geometrically between merges), and
 * the index holds about 6.5 bytes an entry plus the table's slack.
 */
#ifndef VL_REUSE_INDEX_H
#define VL_REUSE_INDEX_H

#include <stddef.h>
#include <stdint.h>

typedef struct vl_mmap {
	/* sorted part */
	uint32_t *dir; /* 2^dbits + 1 offsets; NULL while empty */
	uint16_t *low; /* key bits below the top dbits */
	uint32_t *doc; /* document of each entry */
	size_t n_sorted;
	unsigned dbits;
	/* recent entries: key32 << 32 | doc; 0 = empty slot */
	uint64_t *slot;
	size_t cap, n;
} vl_mmap;

/* Add (key, doc); doc must not be 0. 0 or VL_ENOMEM (the index is then
 * unchanged). */
int vl__mmap_add(vl_mmap *m, uint64_t key, uint32_t doc);

/* Documents stored under key, at most `max` of them (a bucket that every
 * document shares — adversarial or degenerate input — is not scanned
 * past that), in order of arrival (the sorted part's first): appended
 * to out[*n..cap). Returns how many were found. */
size_t vl__mmap_get(const vl_mmap *m, uint64_t key, uint32_t *out, size_t *n,
		    size_t cap, size_t max);

/* Merge the recent entries into the sorted part now. 0 or VL_ENOMEM. */
int vl__mmap_compact(vl_mmap *m);

void vl__mmap_free(vl_mmap *m);

/* Entries held, and bytes held. */
size_t vl__mmap_count(const vl_mmap *m);
size_t vl__mmap_bytes(const vl_mmap *m);

#endif
