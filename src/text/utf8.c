/*
 * utf8.c — validation and repair of outside text (first stage of ingest).
 */
#include "text/utf8.h"

#include <string.h>

#include "veille.h"

/* Length of the valid sequence at s (1..4), or 0 with a reason. */
static size_t seq_len(const unsigned char *s, size_t avail, const char **why)
{
	unsigned c = s[0];
	size_t n, i;
	uint32_t cp;

	if (c < 0x80)
		return 1;
	if (c < 0xC2) {
		*why = c < 0xC0 ? "unexpected continuation byte"
				: "overlong encoding";
		return 0;
	}
	if (c < 0xE0)
		n = 2;
	else if (c < 0xF0)
		n = 3;
	else if (c < 0xF5)
		n = 4;
	else {
		*why = "byte never valid in UTF-8";
		return 0;
	}
	for (i = 1; i < n; i++) {
		if (i >= avail || (s[i] & 0xC0) != 0x80) {
			*why = i >= avail ? "truncated sequence at end of input"
					  : "truncated sequence";
			return 0;
		}
	}
	if (n == 3) {
		cp = ((c & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6);
		if (cp < 0x800) {
			*why = "overlong encoding";
			return 0;
		}
		if (cp >= 0xD800 && cp <= 0xDFFF) {
			*why = "surrogate code point";
			return 0;
		}
	} else if (n == 4) {
		cp = ((c & 0x07u) << 18) | ((s[1] & 0x3Fu) << 12);
		if (cp < 0x10000) {
			*why = "overlong encoding";
			return 0;
		}
		if (cp > 0x10FFFF) {
			*why = "code point above U+10FFFF";
			return 0;
		}
	}
	return n;
}

int vl__utf8_validate(const char *str, size_t len, size_t *bad_off,
		      const char **reason)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, n;
	const char *why = "invalid";

	while (i < len) {
		i = vl__skip_ascii(s, i, len);
		if (i >= len)
			break;
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		n = seq_len(s + i, len - i, &why);
		if (!n) {
			if (bad_off)
				*bad_off = i;
			if (reason)
				*reason = why;
			return VL_EUTF8;
		}
		i += n;
	}
	return 0;
}

/* Length of the maximal subpart of an ill-formed sequence at s: the
 * longest prefix that could start a valid sequence (at least 1). */
static size_t maximal_subpart(const unsigned char *s, size_t avail)
{
	unsigned c = s[0];
	unsigned lo = 0x80, hi = 0xBF;
	size_t n, i;

	if (c < 0xC2 || c > 0xF4)
		return 1;
	n = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
	if (c == 0xE0)
		lo = 0xA0;
	else if (c == 0xED)
		hi = 0x9F;
	else if (c == 0xF0)
		lo = 0x90;
	else if (c == 0xF4)
		hi = 0x8F;
	for (i = 1; i < n && i < avail; i++) {
		if (s[i] < lo || s[i] > hi)
			break;
		lo = 0x80;
		hi = 0xBF;
	}
	return i;
}

int vl__utf8_repair(vl_buf *out, const char *str, size_t len, size_t *n_fixed)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, run = 0, n, fixed = 0;
	const char *why;

	while (i < len) {
		n = seq_len(s + i, len - i, &why);
		if (n) {
			i += n;
			continue;
		}
		if (vl_buf_put(out, str + run, i - run) ||
		    vl_buf_put(out, "\xEF\xBF\xBD", 3))
			return VL_ENOMEM;
		i += maximal_subpart(s + i, len - i);
		run = i;
		fixed++;
	}
	if (vl_buf_put(out, str + run, len - run))
		return VL_ENOMEM;
	if (n_fixed)
		*n_fixed = fixed;
	return 0;
}

uint32_t vl__utf8_decode_prev(const unsigned char *s, size_t end, size_t *start)
{
	size_t i = end, adv;

	do
		i--;
	while (i > 0 && (s[i] & 0xC0) == 0x80);
	*start = i;
	return vl__utf8_decode(s + i, &adv);
}
