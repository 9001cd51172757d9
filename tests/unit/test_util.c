/*
 * test_util.c — the owned buffer and the allocator.
 */
#include <string.h>

#include "test.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "veille.h"

void test_util__buf_grows_and_stays_terminated(void)
{
	vl_buf b = VL_BUF_INIT;
	CHECK_STR(b.ptr, "");
	for (int i = 0; i < 10000; i++)
		CHECK_INT(vl_buf_putc(&b, (char)('a' + i % 26)), 0);
	CHECK_INT(b.len, 10000);
	CHECK_INT(b.ptr[b.len], '\0');
	vl_buf_clear(&b);
	CHECK_STR(b.ptr, "");
	CHECK_INT(vl_buf_put_cp(&b, 0xE9), 0);
	CHECK_INT(vl_buf_put_cp(&b, 0x202F), 0);
	CHECK_INT(vl_buf_put_cp(&b, 0x1F600), 0);
	CHECK_STR(b.ptr, "\xC3\xA9\xE2\x80\xAF\xF0\x9F\x98\x80");
	vl_buf_free(&b);
}

void test_util__buf_detach_and_oom(void)
{
	vl_buf b = VL_BUF_INIT;
	size_t n;
	char *s = vl_buf_detach(&b, &n);
	CHECK(s != NULL);
	CHECK_INT(n, 0);
	vl__freep(s);
	vl__alloc_fail_after(1);
	CHECK_INT(vl_buf_puts(&b, "x"), VL_ENOMEM);
	vl__alloc_fail_after(0);
	/* The error is sticky: the buffer stays as it was. */
	CHECK_INT(vl_buf_puts(&b, "y"), VL_ENOMEM);
	CHECK(vl_buf_detach(&b, NULL) == NULL);
	vl_buf_free(&b);
}

void test_util__checked_sizes(void)
{
	size_t r;
	CHECK_INT(vl__add_size(&r, SIZE_MAX, 1), -1);
	CHECK_INT(vl__mul_size(&r, SIZE_MAX / 2, 3), -1);
	CHECK_INT(vl__mul_size(&r, 1000, 16), 0);
	CHECK_INT(r, 16000);
}
