/*
 * utf8.h — UTF-8 validation, repair and decoding. Input is validated once,
 * at the door (RFC 3629: no overlongs, no surrogates, nothing above
 * U+10FFFF); past that, the decoder below may assume valid input.
 */
#ifndef VL_TEXT_UTF8_H
#define VL_TEXT_UTF8_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "util/buf.h"

/* 0 when s[0..len) is valid UTF-8; else VL_EUTF8 with the offset of the
 * first bad byte and a static reason. */
int vl__utf8_validate(const char *s, size_t len, size_t *bad_off,
		      const char **reason);

/* Copy s to out, replacing each maximal invalid subpart with U+FFFD
 * (the W3C/Unicode "substitution of maximal subparts" practice). */
int vl__utf8_repair(vl_buf *out, const char *s, size_t len, size_t *n_fixed);

/* Can NFC change this valid UTF-8? (0: it is NFC already; a fast scan.) */
int vl__nfc_may_change(const unsigned char *s, size_t len);

/* NFC of text already known to be valid UTF-8; *out owned by the caller. */
int vl__nfc_valid(char **out, size_t *out_len, const char *text, size_t len);

/* Index of the first byte at or after i that is not ASCII (or len),
 * eight bytes at a time. */
static inline size_t vl__skip_ascii(const unsigned char *s, size_t i,
				    size_t len)
{
	uint64_t w;
	while (i + 8 <= len) {
		memcpy(&w, s + i, 8);
		if (w & 0x8080808080808080ull)
			break;
		i += 8;
	}
	return i;
}

/* Decode one code point from valid UTF-8; *adv gets its length. */
static inline uint32_t vl__utf8_decode(const unsigned char *s, size_t *adv)
{
	unsigned c = s[0];
	if (c < 0x80) {
		*adv = 1;
		return c;
	}
	if (c < 0xE0) {
		*adv = 2;
		return ((c & 0x1Fu) << 6) | (s[1] & 0x3Fu);
	}
	if (c < 0xF0) {
		*adv = 3;
		return ((c & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) |
		       (s[2] & 0x3Fu);
	}
	*adv = 4;
	return ((c & 0x07u) << 18) | ((s[1] & 0x3Fu) << 12) |
	       ((s[2] & 0x3Fu) << 6) | (s[3] & 0x3Fu);
}

/* Decode the code point that ends just before s[end] (valid UTF-8). */
uint32_t vl__utf8_decode_prev(const unsigned char *s, size_t end,
			      size_t *start);

#endif
