/*
 * chrono_cases.c — a reader of chrono's TypeScript test files
 * (chrono_cases.h). Not a TypeScript parser: it finds the calls
 *
 *   testSingleCase(PARSER, "TEXT", [new Date(...),] [{ forwardDate: true },]
 *                  (result[, text]) => { ... expect(...) ... });
 *   testUnexpectedResult(PARSER, "TEXT"[, new Date(...)]);
 *
 * outside comments and strings, and in a case's body the expectations
 * on result.start / result.end (get("year"|"month"|"day"|"hour"),
 * toBeDate(new Date(...))). Dates follow JavaScript: months count from
 * 0, a month or day out of range rolls over, years 0-99 are 1900-1999.
 * Every loop advances and is bounded by the input; nothing recurses.
 */
#include "dates/chrono_cases.h"

#include <stdio.h>
#include <string.h>

#include "dates/dates.h"
#include "util/alloc.h"

typedef struct rd {
	const char *s;
	size_t n, i;
} rd;

static int is_space(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' ||
	       ch == '\f' || ch == '\v';
}

static int is_ident(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	       (ch >= '0' && ch <= '9') || ch == '_' || ch == '$';
}

/* Skip blanks and comments. */
static void skip(rd *r)
{
	while (r->i < r->n) {
		if (is_space(r->s[r->i])) {
			r->i++;
		} else if (r->s[r->i] == '/' && r->i + 1 < r->n &&
			   r->s[r->i + 1] == '/') {
			while (r->i < r->n && r->s[r->i] != '\n')
				r->i++;
		} else if (r->s[r->i] == '/' && r->i + 1 < r->n &&
			   r->s[r->i + 1] == '*') {
			r->i += 2;
			while (r->i + 1 < r->n &&
			       !(r->s[r->i] == '*' && r->s[r->i + 1] == '/'))
				r->i++;
			r->i = r->i + 2 <= r->n ? r->i + 2 : r->n;
		} else {
			break;
		}
	}
}

static int eat(rd *r, char ch)
{
	skip(r);
	if (r->i < r->n && r->s[r->i] == ch) {
		r->i++;
		return 1;
	}
	return 0;
}

static int eat_word(rd *r, const char *w)
{
	size_t n = strlen(w);
	skip(r);
	if (r->i + n <= r->n && !memcmp(r->s + r->i, w, n) &&
	    (r->i + n == r->n || !is_ident(r->s[r->i + n]))) {
		r->i += n;
		return 1;
	}
	return 0;
}

static int hexval(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

/* Append code point cp as UTF-8 (surrogates and NUL become U+FFFD). */
static size_t put_cp(char *o, uint32_t cp)
{
	if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
		cp = 0xFFFD;
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xC0 | (cp >> 6));
		o[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xE0 | (cp >> 12));
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (char)(0xF0 | (cp >> 18));
	o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* A string literal ('...', "..." or `...` without ${}) into a new
 * buffer; 1, 0 when there is none, VL_ENOMEM. */
static int string_lit(rd *r, char **out, size_t *out_len)
{
	char q, *o;
	size_t k = 0;

	*out = NULL;
	skip(r);
	if (r->i >= r->n)
		return 0;
	q = r->s[r->i];
	if (q != '"' && q != '\'' && q != '`')
		return 0;
	o = vl__malloc(VL_CHRONO_MAX_TEXT + 8);
	if (!o)
		return VL_ENOMEM;
	r->i++;
	while (r->i < r->n && r->s[r->i] != q) {
		char ch = r->s[r->i++];
		if (k >= VL_CHRONO_MAX_TEXT)
			goto bad;
		if ((ch == '\n' && q != '`') || ch == '\0' ||
		    (q == '`' && ch == '$' && r->i < r->n && r->s[r->i] == '{'))
			goto bad;
		if (ch != '\\') {
			o[k++] = ch;
			continue;
		}
		if (r->i >= r->n)
			goto bad;
		ch = r->s[r->i++];
		switch (ch) {
		case 'n': o[k++] = '\n'; break;
		case 't': o[k++] = '\t'; break;
		case 'r': o[k++] = '\r'; break;
		case 'b': o[k++] = '\b'; break;
		case 'f': o[k++] = '\f'; break;
		case 'v': o[k++] = '\v'; break;
		case '0': o[k++] = ' '; break; /* NUL: kept out */
		case '\n': break;	       /* line continuation */
		case 'x':
		case 'u': {
			uint32_t cp = 0;
			int nd = ch == 'x' ? 2 : 4, h;
			if (ch == 'u' && r->i < r->n && r->s[r->i] == '{') {
				r->i++;
				for (nd = 0;
				     r->i < r->n && r->s[r->i] != '}' && nd < 7;
				     nd++, r->i++) {
					if ((h = hexval(r->s[r->i])) < 0)
						goto bad;
					cp = cp * 16 + (uint32_t)h;
				}
				if (r->i >= r->n || r->s[r->i] != '}')
					goto bad;
				r->i++;
			} else {
				for (int d = 0; d < nd; d++, r->i++) {
					if (r->i >= r->n ||
					    (h = hexval(r->s[r->i])) < 0)
						goto bad;
					cp = cp * 16 + (uint32_t)h;
				}
			}
			k += put_cp(o + k, cp);
			break;
		}
		default: o[k++] = ch;
		}
	}
	if (r->i >= r->n)
		goto bad;
	r->i++;
	o[k] = '\0';
	*out = o;
	*out_len = k;
	return 1;
bad:
	vl__freep(o);
	return -2;
}

/* An integer expression: terms joined by + and -, each an optional sign
 * and digits. 1 and *v set, else 0. */
static int int_expr(rd *r, int64_t *v)
{
	int64_t acc = 0;
	int op = 1, terms = 0;

	for (;;) {
		int64_t t = 0;
		int neg = 0, nd = 0;
		skip(r);
		while (r->i < r->n &&
		       (r->s[r->i] == '-' || r->s[r->i] == '+')) {
			neg ^= r->s[r->i] == '-';
			r->i++;
			skip(r);
		}
		while (r->i < r->n && r->s[r->i] >= '0' && r->s[r->i] <= '9') {
			if (nd++ < 12)
				t = t * 10 + (r->s[r->i] - '0');
			r->i++;
		}
		if (!nd)
			return 0;
		acc += op * (neg ? -t : t);
		if (acc > 1000000000000LL || acc < -1000000000000LL)
			return 0;
		terms++;
		skip(r);
		if (r->i < r->n && (r->s[r->i] == '-' || r->s[r->i] == '+')) {
			op = r->s[r->i] == '-' ? -1 : 1;
			r->i++;
			if (terms > 16)
				return 0;
			continue;
		}
		break;
	}
	*v = acc;
	return 1;
}

typedef struct jsdate {
	int64_t f[7]; /* year, month (0-based), day, h, min, s, ms */
	int n;
} jsdate;

/* "new Date(...)" with 1 to 7 integer arguments. */
static int new_date(rd *r, jsdate *d)
{
	size_t save = r->i;
	memset(d, 0, sizeof *d);
	d->f[2] = 1;
	if (!eat_word(r, "new") || !eat_word(r, "Date") || !eat(r, '('))
		goto no;
	if (eat(r, ')'))
		goto no; /* "now": not a fixed date */
	for (d->n = 0; d->n < 7;) {
		if (!int_expr(r, &d->f[d->n]))
			goto no;
		d->n++;
		if (eat(r, ')'))
			return 1;
		if (!eat(r, ','))
			goto no;
	}
no:
	r->i = save;
	return 0;
}

/* Civil day and minute of a JavaScript Date(y, m0, d, h, min). */
static void js_day(const jsdate *d, int32_t *day, int *minute)
{
	int64_t y = d->f[0], mins, extra;
	if (d->n >= 1 && y >= 0 && y <= 99)
		y += 1900;
	mins = d->f[3] * 60 + d->f[4] + (d->f[5] + d->f[6] / 1000) / 60;
	if (mins > 100000000 || mins < -100000000)
		mins = 0;
	extra = mins / 1440 - (mins < 0 && mins % 1440 ? 1 : 0);
	*day = vl__days_from_civil(y, d->f[1] + 1, d->f[2] + extra);
	*minute = (int)(mins - extra * 1440);
}

/* Skip a balanced (...) / {...} / [...] region starting at the opening
 * bracket, honouring strings and comments; 1 when closed. */
static int skip_balanced(rd *r)
{
	size_t depth = 0;
	while (r->i < r->n) {
		char ch = r->s[r->i];
		if (ch == '/' && r->i + 1 < r->n &&
		    (r->s[r->i + 1] == '/' || r->s[r->i + 1] == '*')) {
			skip(r);
			continue;
		}
		if (ch == '"' || ch == '\'' || ch == '`') {
			/* a string: to its closing quote */
			r->i++;
			while (r->i < r->n && r->s[r->i] != ch) {
				if (r->s[r->i] == '\\')
					r->i++;
				else if (r->s[r->i] == '\n' && ch != '`')
					break;
				r->i++;
			}
			r->i++;
			continue;
		}
		if (ch == '(' || ch == '{' || ch == '[')
			depth++;
		else if (ch == ')' || ch == '}' || ch == ']') {
			if (depth == 0)
				return 0;
			if (--depth == 0) {
				r->i++;
				return 1;
			}
		}
		r->i++;
	}
	return 0;
}

/* Expectations of one result side (start or end). */
typedef struct side {
	int64_t get[4]; /* year, month (1-based), day, hour */
	int has_get[4];
	jsdate date;
	int has_date;
} side;

/* Read the expectations in body [from, to). */
static void body(const char *s, size_t from, size_t to, side *st, side *en)
{
	static const char *const keys[4] = { "\"year\"", "\"month\"", "\"day\"",
					     "\"hour\"" };
	static const char *const keys1[4] = { "'year'", "'month'", "'day'",
					      "'hour'" };
	rd r = { s, to, from };

	while (r.i < r.n) {
		side *sd;
		int k = -1;
		size_t at = r.i;
		if (!(r.i + 7 <= r.n && !memcmp(s + r.i, "expect(", 7) &&
		      (r.i == 0 || !is_ident(s[r.i - 1])))) {
			r.i++;
			continue;
		}
		r.i += 7;
		if (!eat_word(&r, "result") || !eat(&r, '.')) {
			r.i = at + 1;
			continue;
		}
		if (eat_word(&r, "start"))
			sd = st;
		else if (eat_word(&r, "end"))
			sd = en;
		else {
			r.i = at + 1;
			continue;
		}
		if (eat(&r, '.')) {
			if (!eat_word(&r, "get") || !eat(&r, '(')) {
				r.i = at + 1;
				continue;
			}
			skip(&r);
			for (int q = 0; q < 4; q++) {
				size_t n = strlen(keys[q]);
				if (r.i + n <= r.n &&
				    (!memcmp(s + r.i, keys[q], n) ||
				     !memcmp(s + r.i, keys1[q], n))) {
					k = q;
					r.i += n;
				}
			}
			if (k < 0 || !eat(&r, ')') || !eat(&r, ')') ||
			    !eat(&r, '.') || !eat_word(&r, "toBe") ||
			    !eat(&r, '(')) {
				r.i = at + 1;
				continue;
			}
			if (int_expr(&r, &sd->get[k]) && eat(&r, ')'))
				sd->has_get[k] = 1;
			continue;
		}
		if (eat(&r, ')') && eat(&r, '.') && eat_word(&r, "toBeDate") &&
		    eat(&r, '(') && new_date(&r, &sd->date) && eat(&r, ')'))
			sd->has_date = 1;
		else
			r.i = at + 1;
	}
}

/* The expected day of one side, from toBeDate and the gets. */
static int side_day(const side *sd, int32_t *day, int *hour)
{
	int64_t y, m, d;
	int32_t base = 0;
	int minute = 0;
	*hour = sd->has_get[3] ? (int)sd->get[3] : -1;
	if (sd->has_date) {
		int64_t by;
		int bm, bd;
		js_day(&sd->date, &base, &minute);
		vl__civil_from_days(base, &by, &bm, &bd);
		y = sd->has_get[0] ? sd->get[0] : by;
		m = sd->has_get[1] ? sd->get[1] : bm;
		d = sd->has_get[2] ? sd->get[2] : bd;
		if (*hour < 0)
			*hour = minute / 60;
	} else if (sd->has_get[0] && sd->has_get[1] && sd->has_get[2]) {
		y = sd->get[0];
		m = sd->get[1];
		d = sd->get[2];
	} else {
		return 0;
	}
	if (m < 1 || m > 12 || d < 1 || d > 31 || y > 100000 || y < -100000)
		return 0;
	*day = vl__days_from_civil(y, m, d);
	return 1;
}

static size_t line_of(const char *s, size_t off)
{
	size_t line = 1;
	for (size_t i = 0; i < off; i++)
		line += s[i] == '\n';
	return line;
}

static void note(vl_chrono_cases *out, const char *src, size_t off,
		 const char *msg)
{
	out->skipped++;
	if (out->err_line)
		return;
	out->err_line = line_of(src, off);
	out->err_offset = off;
	snprintf(out->err_msg, sizeof out->err_msg, "%s", msg);
}

/* One call at r->i (past its name). 1 read, 0 skipped, VL_ENOMEM. */
static int one_call(rd *r, int unexpected, vl_chrono_case *c, const char **why)
{
	jsdate d;
	size_t b0, b1, p0;
	side st, en;
	int rc, hour;

	memset(c, 0, sizeof *c);
	memset(&st, 0, sizeof st);
	memset(&en, 0, sizeof en);
	c->start_hour = -1;
	c->unexpected = unexpected;
	*why = "expected '(' after the name";
	if (!eat(r, '('))
		return 0;
	/* the parser: chrono.fr, chrono.casual, ... */
	skip(r);
	*why = "expected the parser, then ','";
	p0 = r->i;
	while (r->i < r->n && (is_ident(r->s[r->i]) || r->s[r->i] == '.'))
		r->i++;
	memcpy(c->lang, "fr", 3);
	for (size_t k = p0; k + 3 <= r->i; k++)
		if ((!memcmp(r->s + k, ".en", 3) &&
		     (k + 3 == r->i || r->s[k + 3] == '.')) ||
		    (k + 7 <= r->i && !memcmp(r->s + k, ".casual", 7)))
			memcpy(c->lang, "en", 3);
	if (!eat(r, ','))
		return 0;
	*why = "expected a string literal";
	rc = string_lit(r, &c->text, &c->text_len);
	if (rc == VL_ENOMEM)
		return rc;
	if (rc != 1)
		return 0;
	for (int arg = 0; arg < 4; arg++) {
		if (eat(r, ')'))
			return 1; /* testUnexpectedResult(p, "x"[, date]) */
		*why = "expected ',' or ')'";
		if (!eat(r, ','))
			goto no;
		skip(r);
		if (new_date(r, &d)) {
			c->has_ref = 1;
			js_day(&d, &c->ref_day, &c->ref_minute);
			for (int k = 0; k < 3; k++)
				c->ref_ymd[k] = (int)d.f[k];
			c->ref_hm[0] = (int)d.f[3];
			c->ref_hm[1] = (int)d.f[4];
			continue;
		}
		if (r->i < r->n && r->s[r->i] == '{') {
			/* options */
			size_t o0 = r->i;
			*why = "unbalanced options";
			if (!skip_balanced(r))
				goto no;
			for (size_t k = o0; k + 16 <= r->i; k++)
				if (!memcmp(r->s + k, "forwardDate", 11)) {
					rd t = { r->s, r->i, k + 11 };
					if (eat(&t, ':') &&
					    eat_word(&t, "true"))
						c->forward = 1;
				}
			continue;
		}
		/* the callback: (result[, text]) => { ... } or
		 * function (result) { ... } */
		eat_word(r, "function");
		skip(r);
		*why = "expected the callback";
		if (r->i >= r->n || r->s[r->i] != '(' || !skip_balanced(r))
			goto no;
		eat(r, '=');
		eat(r, '>');
		skip(r);
		if (r->i >= r->n || r->s[r->i] != '{')
			goto no;
		b0 = r->i;
		*why = "unbalanced callback body";
		if (!skip_balanced(r))
			goto no;
		b1 = r->i;
		body(r->s, b0, b1, &st, &en);
		c->has_start = side_day(&st, &c->start, &c->start_hour);
		c->has_end = side_day(&en, &c->end, &hour);
	}
	*why = "expected ')'";
	if (eat(r, ')'))
		return 1;
no:
	vl__freep(c->text);
	c->text = NULL;
	return 0;
}

int vl__chrono_cases_parse(vl_chrono_cases *out, const char *src, size_t len)
{
	static const char *const names[2] = { "testSingleCase",
					      "testUnexpectedResult" };
	rd r = { src, len, 0 };
	size_t cap = 0;
	int rc = 0;

	memset(out, 0, sizeof *out);
	if (len > VL_CHRONO_MAX_BYTES)
		return VL_ETOOBIG;
	if (!src)
		return 0;
	while (r.i < r.n) {
		char ch = src[r.i];
		int which = -1;
		size_t at;
		vl_chrono_case c;
		const char *why = "";

		if (ch == '/' && r.i + 1 < r.n &&
		    (src[r.i + 1] == '/' || src[r.i + 1] == '*')) {
			skip(&r);
			continue;
		}
		if (ch == '"' || ch == '\'' || ch == '`') {
			char *tmp;
			size_t tl, save = r.i;
			if (string_lit(&r, &tmp, &tl) == VL_ENOMEM) {
				rc = VL_ENOMEM;
				goto fail;
			}
			vl__freep(tmp);
			if (r.i == save)
				r.i++;
			continue;
		}
		if (!is_ident(ch) || (r.i > 0 && is_ident(src[r.i - 1]))) {
			r.i++;
			continue;
		}
		for (int k = 0; k < 2; k++) {
			size_t n = strlen(names[k]);
			if (r.i + n <= r.n && !memcmp(src + r.i, names[k], n) &&
			    (r.i + n == r.n || !is_ident(src[r.i + n])))
				which = k;
		}
		if (which < 0) {
			while (r.i < r.n && is_ident(src[r.i]))
				r.i++;
			continue;
		}
		at = r.i;
		r.i += strlen(names[which]);
		/* "function testSingleCase(" or an import: not a call */
		if (at >= 9 && !memcmp(src + at - 9, "function ", 9))
			continue;
		rc = one_call(&r, which == 1, &c, &why);
		if (rc < 0)
			goto fail;
		if (rc == 0) {
			skip(&r);
			if (!(r.i < r.n &&
			      (src[r.i] == ',' || src[r.i] == '}')))
				note(out, src, at, why);
			if (r.i <= at)
				r.i = at + 1;
			continue;
		}
		c.line = line_of(src, at);
		c.offset = at;
		if (out->n == VL_CHRONO_MAX_CASES) {
			vl__freep(c.text);
			note(out, src, at, "too many cases");
			continue;
		}
		if (out->n == cap) {
			size_t nc = cap ? cap * 2 : 32;
			vl_chrono_case *nv =
				vl__realloc(out->v, nc * sizeof *nv);
			if (!nv) {
				vl__freep(c.text);
				rc = VL_ENOMEM;
				goto fail;
			}
			out->v = nv;
			cap = nc;
		}
		out->v[out->n++] = c;
	}
	return 0;
fail:
	vl__chrono_cases_free(out);
	return rc;
}

void vl__chrono_cases_free(vl_chrono_cases *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++)
		vl__freep(c->v[i].text);
	vl__freep(c->v);
	memset(c, 0, sizeof *c);
}
