/*
 * normalize.c — display normalisation at the door: validate (or repair)
 * UTF-8 and compose to NFC (UAX #15). Most news text is NFC already, so a
 * quick scan decides when utf8proc has to run: below U+0300 nothing
 * composes or decomposes, and above it only characters that combine,
 * decompose canonically or are Hangul jamo/syllables can change.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "text/utf8.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "veille.h"

int vl__nfc_may_change(const unsigned char *s, size_t len)
{
	size_t i = 0, adv;

	while (i < len) {
		uint32_t cp;
		const utf8proc_property_t *p;
#ifdef __SSE2__
		/* Sixteen bytes at a time while no byte is a lead byte of a
		 * code point >= U+0300 (0xCC and above). */
		while (i + 16 <= len) {
			__m128i v = _mm_loadu_si128(
				(const __m128i *)(const void *)(s + i));
			__m128i hi = _mm_cmpgt_epi8(
				_mm_xor_si128(v, _mm_set1_epi8((char)0x80)),
				_mm_set1_epi8((char)(0xCB ^ 0x80)));
			if (_mm_movemask_epi8(hi))
				break;
			i += 16;
		}
#endif
		i = vl__skip_ascii(s, i, len);
		if (i >= len)
			break;
		if (s[i] < 0xCC) { /* lead bytes below 0xCC: cp < U+0300 */
			i += s[i] < 0x80 ? 1 : 2;
			continue;
		}
		if (s[i] == 0xE2 && s[i + 1] == 0x80 && s[i + 2] >= 0x82) {
			i += 3; /* U+2002..U+203F: ’ “ ” – — … NNBSP: inert */
			continue;
		}
		cp = vl__utf8_decode(s + i, &adv);
		i += adv;
		if ((cp >= 0x1100 && cp <= 0x11FF) ||
		    (cp >= 0xAC00 && cp <= 0xD7A3))
			return 1;
		p = utf8proc_get_property((utf8proc_int32_t)cp);
		if (p->combining_class != 0 || p->comb_index != UINT16_MAX ||
		    (p->decomp_seqindex != UINT16_MAX && p->decomp_type == 0))
			return 1;
	}
	return 0;
}

/* NFC of valid UTF-8 into b (appended). */
static int nfc_into(vl_buf *b, const char *text, size_t len)
{
	utf8proc_uint8_t *nfc = NULL;
	utf8proc_ssize_t r;

	if (!vl__nfc_may_change((const unsigned char *)text, len))
		return vl_buf_put(b, text, len);
	r = utf8proc_map((const utf8proc_uint8_t *)text, (utf8proc_ssize_t)len,
			 &nfc, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (r < 0) /* cannot happen on valid input, but never lose text */
		return r == UTF8PROC_ERROR_NOMEM ? VL_ENOMEM
						 : vl_buf_put(b, text, len);
	r = vl_buf_put(b, nfc, (size_t)r);
	free(nfc);
	return (int)r;
}

int vl__nfc_valid(char **out, size_t *out_len, const char *text, size_t len)
{
	vl_buf b = VL_BUF_INIT;

	*out = NULL;
	if (nfc_into(&b, text, len) || !(*out = vl_buf_detach(&b, out_len))) {
		vl_buf_free(&b);
		return VL_ENOMEM;
	}
	return 0;
}

int vl_text_nfc(char **out, size_t *out_len, const char *text, size_t len,
		int repair, vl_error *err)
{
	vl_buf fixed = VL_BUF_INIT;
	const char *why = NULL;
	size_t bad = 0;
	int rc;

	*out = NULL;
	if (!vl__utf8_validate(text, len, &bad, &why))
		return vl__nfc_valid(out, out_len, text, len);
	if (!repair) {
		if (err) {
			err->code = VL_EUTF8;
			err->offset = bad;
			snprintf(err->message, sizeof err->message,
				 "invalid UTF-8: %s", why);
		}
		return VL_EUTF8;
	}
	if (vl__utf8_repair(&fixed, text, len, NULL)) {
		vl_buf_free(&fixed);
		return VL_ENOMEM;
	}
	rc = vl__nfc_valid(out, out_len, fixed.ptr, fixed.len);
	vl_buf_free(&fixed);
	return rc;
}
