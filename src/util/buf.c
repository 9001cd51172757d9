/*
 * buf.c — growable byte buffer, grows by 1.5x with overflow checks.
 */
#include "util/buf.h"

#include <string.h>

#include "util/alloc.h"
#include "veille.h"

const char vl__buf_empty[1] = "";

void vl_buf_init(vl_buf *b)
{
	b->ptr = (char *)vl__buf_empty;
	b->len = b->cap = 0;
	b->oom = 0;
}

void vl_buf_free(vl_buf *b)
{
	if (b->cap)
		vl__freep(b->ptr);
	vl_buf_init(b);
}

void vl_buf_clear(vl_buf *b)
{
	b->len = 0;
	if (b->cap)
		b->ptr[0] = '\0';
}

int vl_buf_grow(vl_buf *b, size_t extra)
{
	size_t need, cap;
	char *p;

	if (b->oom)
		return VL_ENOMEM;
	if (vl__add_size(&need, b->len, extra) || vl__add_size(&need, need, 1))
		goto fail;
	if (need <= b->cap)
		return 0;
	cap = b->cap < 64 ? 64 : b->cap + b->cap / 2;
	if (cap < need)
		cap = need;
	p = vl__realloc(b->cap ? b->ptr : NULL, cap);
	if (!p)
		goto fail;
	if (!b->cap)
		p[0] = '\0';
	b->ptr = p;
	b->cap = cap;
	return 0;
fail:
	b->oom = 1;
	return VL_ENOMEM;
}

int vl_buf_put(vl_buf *b, const void *data, size_t n)
{
	if (vl_buf_grow(b, n))
		return VL_ENOMEM;
	if (n)
		memcpy(b->ptr + b->len, data, n);
	b->len += n;
	b->ptr[b->len] = '\0';
	return 0;
}

int vl_buf_puts(vl_buf *b, const char *s)
{
	return vl_buf_put(b, s, strlen(s));
}

int vl_buf_putc(vl_buf *b, char c)
{
	return vl_buf_put(b, &c, 1);
}

int vl_buf_put_cp(vl_buf *b, uint32_t cp)
{
	char s[4];
	size_t n;

	if (cp < 0x80) {
		s[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		s[0] = (char)(0xC0 | (cp >> 6));
		s[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		s[0] = (char)(0xE0 | (cp >> 12));
		s[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		s[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		s[0] = (char)(0xF0 | (cp >> 18));
		s[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		s[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		s[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	return vl_buf_put(b, s, n);
}

char *vl_buf_detach(vl_buf *b, size_t *len)
{
	char *p;

	if (b->oom)
		return NULL;
	if (!b->cap && vl_buf_grow(b, 0))
		return NULL;
	p = b->ptr;
	if (len)
		*len = b->len;
	vl_buf_init(b);
	return p;
}
