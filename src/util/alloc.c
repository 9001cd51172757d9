/*
 * alloc.c — allocator wrappers with fault injection for tests.
 */
#include "util/alloc.h"

#include <stdlib.h>
#include <string.h>

static unsigned long fail_at;  /* 0: never fail */
static unsigned long n_allocs; /* allocations since the last reset */

static int should_fail(void)
{
	n_allocs++;
	return fail_at != 0 && n_allocs >= fail_at;
}

unsigned long vl__alloc_fail_after(unsigned long n)
{
	unsigned long made = n_allocs;
	fail_at = n;
	n_allocs = 0;
	return made;
}

void *vl__malloc(size_t n)
{
	if (should_fail())
		return NULL;
	return malloc(n ? n : 1);
}

void *vl__calloc(size_t count, size_t size)
{
	if (should_fail())
		return NULL;
	return calloc(count ? count : 1, size ? size : 1);
}

void *vl__realloc(void *p, size_t n)
{
	if (should_fail())
		return NULL;
	return realloc(p, n ? n : 1);
}

void vl__freep(void *p)
{
	free(p);
}

char *vl__strndup(const char *s, size_t n)
{
	char *d = vl__malloc(n + 1);
	if (!d)
		return NULL;
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *vl__strdup(const char *s)
{
	return s ? vl__strndup(s, strlen(s)) : NULL;
}
