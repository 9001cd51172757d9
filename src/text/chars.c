/*
 * chars.c — builds the per-code-point class and fold table from utf8proc.
 */
#include "text/chars.h"

#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <utf8proc.h>

#include "text/utf8.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "veille.h"

vl_charinfo *vl__chars_bmp;
const char *vl__fold_pool;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int init_rc;
static _Atomic int ready; /* set once the tables are built */

static int classify(uint32_t cp)
{
	const utf8proc_property_t *p;

	switch (cp) {
	case '\n':
	case '\r':
	case 0x85:
	case 0x2028:
	case 0x2029: return VL_C_NEWLINE;
	case '\t':
	case '\v':
	case '\f': return VL_C_SPACE;
	case '\'':
	case 0x2019:
	case 0x2018:
	case 0x02BC:
	case 0x2032: return VL_C_APOS;
	case '"':
	case 0xAB:
	case 0xBB:
	case 0x201C:
	case 0x201D:
	case 0x201E:
	case 0x201F:
	case 0x2039:
	case 0x203A: return VL_C_QUOTE;
	case '-':
	case 0x2010:
	case 0x2011:
	case 0x2012:
	case 0x2013:
	case 0x2014:
	case 0x2015:
	case 0x2212: return VL_C_HYPHEN;
	case '.':
	case '!':
	case '?':
	case 0x2026:
	case 0x203C:
	case 0x2047:
	case 0x2048:
	case 0x2049: return VL_C_TERM;
	case 0xAD: /* soft hyphen */ return VL_C_CONTROL;
	default: break;
	}
	p = utf8proc_get_property((utf8proc_int32_t)cp);
	switch (p->category) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LT: return VL_C_UPPER;
	case UTF8PROC_CATEGORY_LL: return VL_C_LOWER;
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO: return VL_C_LETTER;
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME: return VL_C_MARK;
	case UTF8PROC_CATEGORY_ND: return VL_C_DIGIT;
	case UTF8PROC_CATEGORY_ZS: return VL_C_SPACE;
	case UTF8PROC_CATEGORY_ZL:
	case UTF8PROC_CATEGORY_ZP: return VL_C_NEWLINE;
	case UTF8PROC_CATEGORY_PC:
	case UTF8PROC_CATEGORY_PD:
	case UTF8PROC_CATEGORY_PS:
	case UTF8PROC_CATEGORY_PE:
	case UTF8PROC_CATEGORY_PI:
	case UTF8PROC_CATEGORY_PF:
	case UTF8PROC_CATEGORY_PO: return VL_C_PUNCT;
	case UTF8PROC_CATEGORY_CC:
	case UTF8PROC_CATEGORY_CF:
	case UTF8PROC_CATEGORY_CS:
	case UTF8PROC_CATEGORY_CO:
	case UTF8PROC_CATEGORY_CN: return VL_C_CONTROL;
	default: return VL_C_SYMBOL;
	}
}

/* The matching-form fold of one code point, appended to out. */
static int fold_cp(vl_buf *out, uint32_t cp, int cls)
{
	utf8proc_int32_t dst[32];
	utf8proc_ssize_t n, i;
	int boundclass = 0;

	switch (cls) {
	case VL_C_APOS: return vl_buf_putc(out, '\'');
	case VL_C_QUOTE: return vl_buf_putc(out, '"');
	case VL_C_HYPHEN: return vl_buf_putc(out, '-');
	case VL_C_SPACE:
	case VL_C_NEWLINE: return vl_buf_putc(out, ' ');
	case VL_C_CONTROL: return 0;
	default: break;
	}
	switch (cp) { /* ligatures that NFKD keeps */
	case 0x0152:
	case 0x0153: return vl_buf_puts(out, "oe");
	case 0x00C6:
	case 0x00E6: return vl_buf_puts(out, "ae");
	case 0x2026: return vl_buf_puts(out, "...");
	default: break;
	}
	n = utf8proc_decompose_char((utf8proc_int32_t)cp, dst, 32,
				    UTF8PROC_CASEFOLD | UTF8PROC_COMPAT |
					    UTF8PROC_STRIPMARK |
					    UTF8PROC_DECOMPOSE,
				    &boundclass);
	if (n < 0 || n > 32)
		return vl_buf_put_cp(out, cp);
	for (i = 0; i < n; i++)
		if (vl_buf_put_cp(out, (uint32_t)dst[i]))
			return VL_ENOMEM;
	return 0;
}

static void build(void)
{
	vl_buf pool = VL_BUF_INIT;
	vl_charinfo *t;
	uint32_t cp;
	size_t at;
	char self[4];
	vl_buf tmp = VL_BUF_INIT;

	t = vl__calloc(65536, sizeof *t);
	if (!t) {
		init_rc = VL_ENOMEM;
		return;
	}
	for (cp = 0; cp < 65536; cp++) {
		int cls = (cp >= 0xD800 && cp <= 0xDFFF) ? VL_C_CONTROL
							 : classify(cp);
		at = pool.len;
		if (fold_cp(&pool, cp, cls))
			break;
		t[cp].cls = (uint8_t)cls;
		t[cp].fold_off = (uint32_t)at;
		t[cp].fold_len = (uint8_t)(pool.len - at);
		vl_buf_clear(&tmp);
		vl_buf_put_cp(&tmp, cp);
		memcpy(self, tmp.ptr, tmp.len);
		t[cp].same = (uint8_t)(tmp.len == t[cp].fold_len &&
				       !memcmp(self, pool.ptr + at, tmp.len));
		if (vl_buf_putc(&pool, '\0'))
			break;
	}
	vl_buf_free(&tmp);
	if (cp < 65536 || pool.oom) {
		vl__freep(t);
		vl_buf_free(&pool);
		init_rc = VL_ENOMEM;
		return;
	}
	vl__fold_pool = vl_buf_detach(&pool, NULL);
	vl__chars_bmp = t;
	atomic_store_explicit(&ready, 1, memory_order_release);
}

int vl__chars_init(void)
{
	if (atomic_load_explicit(&ready, memory_order_acquire))
		return 0;
	pthread_once(&once, build);
	return init_rc;
}

const vl_charinfo *vl__char_info(uint32_t cp, vl_charinfo *tmp)
{
	if (cp < 65536)
		return &vl__chars_bmp[cp];
	memset(tmp, 0, sizeof *tmp);
	tmp->cls = (uint8_t)classify(cp);
	tmp->same = 1;
	return tmp;
}

int vl__fold_append(vl_buf *b, const unsigned char *s, size_t from, size_t to)
{
	size_t i = from, adv;
	const vl_charinfo *ci;
	vl_charinfo tmp;

	while (i < to) {
		if (s[i] < 0x80) {
			/* ASCII run: one table lookup per byte. */
			size_t j = i;
			char *d;
			while (j < to && s[j] < 0x80)
				j++;
			if (vl_buf_grow(b, j - i))
				return VL_ENOMEM;
			d = b->ptr + b->len;
			for (size_t k = i; k < j; k++) {
				ci = &vl__chars_bmp[s[k]];
				if (ci->same)
					*d++ = (char)s[k];
				else if (ci->fold_len)
					*d++ = vl__fold_pool[ci->fold_off];
			}
			b->len = (size_t)(d - b->ptr);
			b->ptr[b->len] = '\0';
			i = j;
			continue;
		}
		ci = vl__char_info(vl__utf8_decode(s + i, &adv), &tmp);
		if (ci->same) {
			if (vl_buf_put(b, s + i, adv))
				return VL_ENOMEM;
		} else if (ci->fold_len) {
			if (vl_buf_put(b, vl__fold_pool + ci->fold_off,
				       ci->fold_len))
				return VL_ENOMEM;
		}
		i += adv;
	}
	return b->oom ? VL_ENOMEM : 0;
}

int vl__lower_append(vl_buf *b, const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, adv;

	while (i < len) {
		uint32_t cp;
		if (s[i] < 0x80) { /* ASCII: no table needed */
			unsigned char c = s[i++];
			if (vl_buf_putc(b,
					(char)(c >= 'A' && c <= 'Z' ? c | 0x20
								    : c)))
				return VL_ENOMEM;
			continue;
		}
		cp = vl__utf8_decode(s + i, &adv);
		if (vl_buf_put_cp(b, (uint32_t)utf8proc_tolower(
					     (utf8proc_int32_t)cp)))
			return VL_ENOMEM;
		i += adv;
	}
	return 0;
}
