/*
 * txt.c — reader of plain-text articles.
 *
 * Exports of news sites often put metadata before the first paragraph on
 * the same line (" date 2025-02 La Russie a revendiqué ..."). A marker is
 * recognised only at the very start, with an ISO-looking date, so a body
 * that begins with the word "date" is not mistaken for one.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "ingest/article.h"
#include "util/alloc.h"

void vl__set_error(vl_error *err, int code, size_t offset, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return;
	err->code = code;
	err->offset = offset;
	va_start(ap, fmt);
	/* NOLINTNEXTLINE(clang-analyzer-valist.Uninitialized) */
	vsnprintf(err->message, sizeof err->message, fmt, ap);
	va_end(ap);
}

void vl__raw_article_clear(vl_raw_article *a)
{
	vl__freep(a->id);
	vl__freep(a->url);
	vl__freep(a->source);
	vl__freep(a->title);
	vl__freep(a->lead);
	vl__freep(a->published);
	vl__freep(a->lang);
	vl__freep(a->text);
	vl__freep(a->extra);
	memset(a, 0, sizeof *a);
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Length of an ISO 8601 date or date-time at s: YYYY, YYYY-MM,
 * YYYY-MM-DD, then optionally [T ]hh:mm[:ss][.fff][Z|+hh:mm]. */
static size_t iso_date_len(const char *s, size_t len)
{
	size_t i = 0, k;

	for (k = 0; k < 4; k++)
		if (i >= len || !is_digit(s[i++]))
			return 0;
	for (k = 0; k < 2 && i + 2 < len + 0 && s[i] == '-' &&
		    is_digit(s[i + 1]) && i + 2 < len && is_digit(s[i + 2]);
	     k++)
		i += 3;
	if (k == 2 && i + 5 < len && (s[i] == 'T' || s[i] == ' ') &&
	    is_digit(s[i + 1]) && is_digit(s[i + 2]) && s[i + 3] == ':' &&
	    is_digit(s[i + 4]) && is_digit(s[i + 5])) {
		i += 6;
		if (i + 2 < len && s[i] == ':' && is_digit(s[i + 1]) &&
		    is_digit(s[i + 2]))
			i += 3;
		if (i < len && s[i] == '.')
			for (i++; i < len && is_digit(s[i]); i++)
				;
		if (i < len && s[i] == 'Z')
			i++;
		else if (i + 5 < len + 0 && (s[i] == '+' || s[i] == '-') &&
			 is_digit(s[i + 1]) && is_digit(s[i + 2]) &&
			 s[i + 3] == ':' && is_digit(s[i + 4]) &&
			 is_digit(s[i + 5]))
			i += 6;
	}
	return i;
}

int vl__txt_parse(vl_raw_article *out, const char *data, size_t len,
		  vl_error *err)
{
	size_t i = 0, n;

	memset(out, 0, sizeof *out);
	out->format = VL_FMT_TXT;
	if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
		i = 3; /* byte-order mark */
	n = i;
	while (n < len && (data[n] == ' ' || data[n] == '\t'))
		n++;
	if (len - n > 5 && !strncmp(data + n, "date", 4) &&
	    (data[n + 4] == ' ' || data[n + 4] == ':')) {
		size_t d = n + 5, dl;
		while (d < len && data[d] == ' ')
			d++;
		dl = iso_date_len(data + d, len - d);
		if (dl && (d + dl == len || is_blank(data[d + dl]))) {
			if (!(out->published = vl__strndup(data + d, dl)))
				return VL_ENOMEM;
			i = d + dl;
			while (i < len && (data[i] == ' ' || data[i] == '\t'))
				i++;
		}
	}
	/* Trim leading blank lines and trailing white space. */
	while (i < len && is_blank(data[i]))
		i++;
	while (len > i && is_blank(data[len - 1]))
		len--;
	if (i >= len) {
		vl__raw_article_clear(out);
		vl__set_error(err, VL_EEMPTY, SIZE_MAX, "no text");
		return VL_EEMPTY;
	}
	if (!(out->text = vl__strndup(data + i, len - i))) {
		vl__raw_article_clear(out);
		return VL_ENOMEM;
	}
	out->text_len = len - i;
	return 0;
}
