/*
 * test_index.c — the reuse stage's candidate multimap: every document
 * stored under a key is found again, before and after the recent entries
 * are merged into the sorted part, and a failed merge changes nothing.
 */
#include <stdlib.h>

#include "reuse/index.h"
#include "test.h"
#include "util/alloc.h"
#include "veille.h"

/* Entry i: key number i % keys, document i + 1. With spread = 0 every key
 * shares its top 32 - 16 bits (the directory's worst case). */
static uint64_t key_of(size_t q, int spread)
{
	return spread ? (uint64_t)((uint32_t)(q + 1) * 2654435761u)
		      : (uint64_t)(q + 1);
}

static int add_all(vl_mmap *m, size_t from, size_t to, size_t keys, int spread)
{
	for (size_t i = from; i < to; i++)
		if (vl__mmap_add(m, key_of(i % keys, spread), (uint32_t)i + 1))
			return -1;
	return 0;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

/* Key q finds exactly documents q + 1, q + 1 + keys, ... below n. */
static int finds_exactly(const vl_mmap *m, size_t q, size_t keys, size_t n,
			 int spread)
{
	uint32_t out[256];
	size_t got = 0, want = 0;

	vl__mmap_get(m, key_of(q, spread), out, &got, 256, 256);
	qsort(out, got, sizeof *out, cmp_u32);
	for (size_t i = q; i < n; i += keys, want++)
		if (want >= got || out[want] != (uint32_t)i + 1)
			return 0;
	return got == want;
}

static void check_index(int spread)
{
	const size_t keys = 20000, n = 400000;
	vl_mmap m = { 0 };
	size_t merges = 0, last = 0;

	for (size_t step = 0; step < n; step += 25000) {
		CHECK_INT(add_all(&m, step, step + 25000, keys, spread), 0);
		merges += m.n_sorted != last;
		last = m.n_sorted;
		for (size_t q = 0; q < keys; q += 997)
			CHECK(finds_exactly(&m, q, keys, step + 25000, spread));
	}
	CHECK(merges >= 3);	     /* the sorted part did grow */
	CHECK(m.n < m.n_sorted / 2); /* and holds most entries */
	CHECK_INT(vl__mmap_count(&m), n);
	CHECK(vl__mmap_bytes(&m) < n * 9); /* 6 a sorted entry + slack */
	CHECK_INT(vl__mmap_compact(&m), 0);
	CHECK_INT(m.n, 0);
	for (size_t q = 0; q < keys; q += 13)
		CHECK(finds_exactly(&m, q, keys, n, spread));
	vl__mmap_free(&m);
}

void test_index__finds_every_document(void)
{
	check_index(1);
}

void test_index__keys_sharing_top_bits(void)
{
	check_index(0);
}

void test_index__max_per_key(void)
{
	vl_mmap m = { 0 };
	uint32_t out[64];
	size_t got = 0;

	/* One key shared by 50,000 documents, half of them merged. */
	for (uint32_t d = 1; d <= 50000; d++) {
		CHECK_INT(vl__mmap_add(&m, 42, d), 0);
		if (d == 25000)
			CHECK_INT(vl__mmap_compact(&m), 0);
	}
	CHECK_INT(vl__mmap_get(&m, 42, out, &got, 64, 100), 100);
	CHECK_INT(got, 64);
	for (uint32_t i = 0; i < 64; i++)
		CHECK_INT(out[i], i + 1); /* the sorted part, lowest first */
	got = 0;
	CHECK_INT(vl__mmap_get(&m, 43, out, &got, 64, 100), 0);
	vl__mmap_free(&m);
	got = 0;
	CHECK_INT(vl__mmap_get(&m, 42, out, &got, 64, 100), 0);
}

void test_index__failed_merge_changes_nothing(void)
{
	vl_mmap m = { 0 };
	int done = 0;

	CHECK_INT(add_all(&m, 0, 30000, 3000, 1), 0);
	CHECK_INT(vl__mmap_compact(&m), 0);
	CHECK_INT(add_all(&m, 30000, 60000, 3000, 1), 0);
	for (unsigned long k = 1; k < 8 && !done; k++) {
		int rc;

		vl__alloc_fail_after(k);
		rc = vl__mmap_compact(&m);
		vl__alloc_fail_after(0);
		if (!rc)
			done = 1;
		else
			CHECK_INT(rc, VL_ENOMEM);
		CHECK_INT(vl__mmap_count(&m), 60000);
		for (size_t q = 0; q < 3000; q += 101)
			CHECK(finds_exactly(&m, q, 3000, 60000, 1));
	}
	CHECK(done);
	CHECK_INT(m.n, 0);
	vl__mmap_free(&m);
}
