/*
 * index.h — the in-memory candidate index of the reuse stage: a hash
 * multimap from 64-bit keys (LSH band keys, sentence fingerprints) to
 * document numbers. 8 bytes an entry (32-bit key check, 32-bit document),
 * open addressing with linear probing, grown by doubling. It is derived
 * data: the engine rebuilds it from the signatures kept in the store.
 */
#ifndef VL_REUSE_INDEX_H
#define VL_REUSE_INDEX_H

#include <stddef.h>
#include <stdint.h>

typedef struct vl_mmap {
	uint64_t *slot; /* key32 << 32 | doc; 0 = empty */
	size_t cap, n;
} vl_mmap;

/* Add (key, doc); doc must not be 0. 0 or VL_ENOMEM. */
int vl__mmap_add(vl_mmap *m, uint64_t key, uint32_t doc);

/* Documents stored under key, at most `max` of them (a bucket that every
 * document shares — adversarial or degenerate input — is not scanned
 * past that): appended to out[*n..cap). Returns how many were found. */
size_t vl__mmap_get(const vl_mmap *m, uint64_t key, uint32_t *out, size_t *n,
		    size_t cap, size_t max);

void vl__mmap_free(vl_mmap *m);

/* Bytes held. */
size_t vl__mmap_bytes(const vl_mmap *m);

#endif
