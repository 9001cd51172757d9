/*
 * fuzz_aliases.c — libFuzzer target for the alias file parser
 * (src/entities/alias.c, vl__aliases_add_text): user alias files are
 * outside input.
 *
 * Invariants (abort() when broken):
 *   - the call returns 0 or VL_EINVAL (VL_ENOMEM aside), and VL_EINVAL
 *     names a line between 1 and the number of lines;
 *   - a refused text adds nothing: every name the built-in list knew
 *     resolves as before, and the text's own first name is unknown
 *     unless the built-in list knew it;
 *   - an accepted text makes every name of its lines resolve to a
 *     canonical name that is valid UTF-8;
 *   - the name key of any input is NUL-terminated, within its buffer,
 *     and the same when computed twice.
 */
#include "common.h"

#include "entities/alias.h"
#include "entities/names.h"

static void check_key(const char *s, size_t len)
{
	char a[64], b[64];
	size_t n = vl__name_key(s, len, a, sizeof a);
	CHECK(n < sizeof a && a[n] == '\0' && strlen(a) == n);
	CHECK(vl__name_key(s, len, b, sizeof b) == n && !memcmp(a, b, n));
	CHECK(fz_utf8_bad((const unsigned char *)a, n) == SIZE_MAX ||
	      fz_utf8_bad((const unsigned char *)s, len) != SIZE_MAX);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	vl_aliases *a = NULL;
	size_t bad = 0, lines = 1, i, start = 0;
	const char *before, *after;
	int rc;

	for (i = 0; i < size; i++)
		lines += data[i] == '\n';
	if (vl__aliases_new(&a))
		return 0;
	before = vl__aliases_find(a, "NATO", 4, NULL);
	CHECK(before != NULL);
	rc = vl__aliases_add_text(a, text, size, &bad);
	CHECK(rc == 0 || rc == VL_EINVAL || rc == VL_ENOMEM);
	if (rc == VL_EINVAL)
		CHECK(bad >= 1 && bad <= lines);
	after = vl__aliases_find(a, "NATO", 4, NULL);
	if (rc == VL_EINVAL)
		CHECK(after && !strcmp(before, after));
	/* Each line's names resolve when the text was accepted. */
	for (i = 0; i <= size; i++) {
		if (i < size && data[i] != '\n')
			continue;
		check_key(text + start, i - start);
		if (rc == 0) {
			const char *c = vl__aliases_find(a, text + start,
							 i - start, NULL);
			if (c)
				CHECK(fz_utf8_bad((const unsigned char *)c,
						  strlen(c)) == SIZE_MAX);
		}
		start = i + 1;
	}
	vl__aliases_free(a);
	return 0;
}
