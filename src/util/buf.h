/*
 * buf.h — an owned, growable, always NUL-terminated byte buffer (vl_buf)
 * and a borrowed slice (vl_slice). After a failed append the buffer keeps
 * its old content and the error is sticky in `oom`, so a run of appends
 * can be checked once at the end.
 */
#ifndef VL_UTIL_BUF_H
#define VL_UTIL_BUF_H

#include <stddef.h>
#include <stdint.h>

typedef struct vl_slice {
	const char *ptr;
	size_t len;
} vl_slice;

typedef struct vl_buf {
	char *ptr; /* never NULL: points at a static "" until first growth */
	size_t len, cap;
	int oom;
} vl_buf;

#define VL_BUF_INIT                            \
	{                                      \
		(char *)vl__buf_empty, 0, 0, 0 \
	}
extern const char vl__buf_empty[1];

void vl_buf_init(vl_buf *b);
void vl_buf_free(vl_buf *b);
void vl_buf_clear(vl_buf *b);
/* Ensure room for `extra` more bytes (plus the NUL); 0 or VL_ENOMEM. */
int vl_buf_grow(vl_buf *b, size_t extra);
int vl_buf_put(vl_buf *b, const void *data, size_t n);
int vl_buf_puts(vl_buf *b, const char *s);
int vl_buf_putc(vl_buf *b, char c);
/* Append code point cp as UTF-8. */
int vl_buf_put_cp(vl_buf *b, uint32_t cp);
/* Hand the bytes to the caller (who frees them with vl_free) and reset. */
char *vl_buf_detach(vl_buf *b, size_t *len);

#endif
