/*
 * main.c — runs every unit test, or those whose name starts with argv[1]
 * (e.g. `unit_tests text__` or `unit_tests text__elision`). Prints one
 * line per failure and a closing "N passed, N failed" line.
 */
#include <stdio.h>
#include <string.h>

#include "test.h"

int vl_test_failed;

void vl_test_fail(const char *file, int line, const char *what)
{
	fprintf(stderr, "  FAIL %s:%d: %s\n", file, line, what);
	vl_test_failed = 1;
}

static const struct {
	const char *name;
	void (*fn)(void);
} tests[] = {
#define T(name) { #name, name },
#include "tests_list.inc"
#undef T
};

int main(int argc, char **argv)
{
	const char *only = argc > 1 ? argv[1] : NULL;
	int passed = 0, failed = 0;

	for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++) {
		const char *short_name = tests[i].name + 5; /* "test_" */
		if (only && strncmp(short_name, only, strlen(only)))
			continue;
		vl_test_failed = 0;
		tests[i].fn();
		if (vl_test_failed) {
			fprintf(stderr, "not ok %s\n", short_name);
			failed++;
		} else {
			passed++;
		}
	}
	printf("unit: %d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
