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

#include "text/utf8.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "veille.h"

static int may_change_under_nfc(const unsigned char *s, size_t len)
{
	size_t i = 0, adv;

	while (i < len) {
		uint32_t cp;
		const utf8proc_property_t *p;
		if (s[i] < 0xCC) { /* lead bytes below 0xCC: cp < U+0300 */
			i += s[i] < 0x80 ? 1 : 2;
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

int vl_text_nfc(char **out, size_t *out_len, const char *text, size_t len,
		int repair, vl_error *err)
{
	vl_buf b = VL_BUF_INIT;
	const char *why = NULL;
	size_t bad = 0, n;
	utf8proc_uint8_t *nfc = NULL;
	utf8proc_ssize_t r;

	*out = NULL;
	if (vl__utf8_validate(text, len, &bad, &why)) {
		if (!repair) {
			if (err) {
				err->code = VL_EUTF8;
				err->offset = bad;
				snprintf(err->message, sizeof err->message,
					 "invalid UTF-8: %s", why);
			}
			return VL_EUTF8;
		}
		if (vl__utf8_repair(&b, text, len, NULL))
			goto oom;
	} else if (vl_buf_put(&b, text, len)) {
		goto oom;
	}
	if (memchr(b.ptr, '\0', b.len) == NULL &&
	    may_change_under_nfc((const unsigned char *)b.ptr, b.len)) {
		r = utf8proc_map((const utf8proc_uint8_t *)b.ptr,
				 (utf8proc_ssize_t)b.len, &nfc,
				 UTF8PROC_STABLE | UTF8PROC_COMPOSE);
		if (r < 0) {
			if (r == UTF8PROC_ERROR_NOMEM)
				goto oom;
		} else {
			vl_buf_clear(&b);
			if (vl_buf_put(&b, nfc, (size_t)r))
				goto oom;
		}
		free(nfc);
		nfc = NULL;
	}
	*out = vl_buf_detach(&b, &n);
	if (!*out)
		goto oom;
	if (out_len)
		*out_len = n;
	return 0;
oom:
	free(nfc);
	vl_buf_free(&b);
	return VL_ENOMEM;
}
