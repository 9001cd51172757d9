/*
 * chrono_cases.h — the test cases of the chrono library (its
 * TypeScript test files, *.test.ts), read as data for `veille eval
 * dates`: each testSingleCase / testUnexpectedResult call gives the text,
 * the reference date, the options and the expected start and end days.
 * The files are outside input: the reader is bounded, never recurses,
 * and skips what it does not understand (counted, with the first
 * problem's line and byte offset).
 */
#ifndef VL_DATES_CHRONO_CASES_H
#define VL_DATES_CHRONO_CASES_H

#include <stddef.h>
#include <stdint.h>

#define VL_CHRONO_MAX_BYTES (16u << 20) /* a larger file is refused */
#define VL_CHRONO_MAX_CASES 100000
#define VL_CHRONO_MAX_TEXT 65536 /* longer string literals are refused */

typedef struct vl_chrono_case {
	char *text; /* the text parsed, unescaped, NUL-terminated */
	size_t text_len;
	size_t line;   /* line of the call (1-based) */
	size_t offset; /* byte offset of the call */
	int has_ref;   /* new Date(...) given; else chrono takes "now" */
	int32_t ref_day;
	int ref_minute; /* minute of the day of the reference */
	int ref_ymd[3]; /* as written: year, month (0-based), day... */
	int ref_hm[2];	/* ...hour and minute */
	int forward;	/* { forwardDate: true } */
	int unexpected; /* testUnexpectedResult: no date expected */
	int has_start;	/* expected start day known */
	int32_t start;
	int has_end; /* expected end day known */
	int32_t end;
	int start_hour; /* expected hour, -1 when not given */
	char lang[3];	/* "fr", or "en" for chrono.en / chrono.casual */
} vl_chrono_case;

typedef struct vl_chrono_cases {
	vl_chrono_case *v;
	size_t n;
	size_t skipped;	   /* calls that could not be read */
	size_t err_line;   /* the first of them: line (0: none) */
	size_t err_offset; /* and byte offset */
	char err_msg[128]; /* and why */
} vl_chrono_cases;

/*
 * Read the cases of one test file (src, len bytes; any bytes). 0, or
 * VL_ENOMEM, or VL_ETOOBIG (len over VL_CHRONO_MAX_BYTES); *out is then
 * empty. A call that cannot be read is skipped and counted. The result
 * is owned by the caller (vl__chrono_cases_free). Thread-safe.
 */
int vl__chrono_cases_parse(vl_chrono_cases *out, const char *src, size_t len);
void vl__chrono_cases_free(vl_chrono_cases *c);

#endif
