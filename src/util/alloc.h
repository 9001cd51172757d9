/*
 * alloc.h — the library's allocator. Every allocation inside libveille goes
 * through these, so tests can make the Nth allocation fail (fault
 * injection) and check that nothing leaks or crashes.
 */
#ifndef VL_UTIL_ALLOC_H
#define VL_UTIL_ALLOC_H

#include <stddef.h>

void *vl__malloc(size_t n);
void *vl__calloc(size_t count, size_t size);
void *vl__realloc(void *p, size_t n);
void vl__freep(void *p);
char *vl__strndup(const char *s, size_t n);
char *vl__strdup(const char *s);

/* Make allocation number n (1-based, counted from now) and all after it
 * fail; 0 turns injection off. Returns the number of allocations made
 * since the last call. Not thread-safe: for tests only. */
unsigned long vl__alloc_fail_after(unsigned long n);

/* Checked size arithmetic: 0 on success, -1 on overflow. */
static inline int vl__add_size(size_t *out, size_t a, size_t b)
{
	return __builtin_add_overflow(a, b, out) ? -1 : 0;
}
static inline int vl__mul_size(size_t *out, size_t a, size_t b)
{
	return __builtin_mul_overflow(a, b, out) ? -1 : 0;
}

#endif
