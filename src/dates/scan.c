/*
 * scan.c — the lexemes of the date stage: the analysis' tokens, looked
 * up once in the word table, with the glued forms of dispatches cut
 * apart ("15juin" is 15 and juin, "Jeudi6" is jeudi and 6, "8h10" is 8,
 * h and 10, "mi-mars" is mi and mars) and compound number words joined
 * ("vingt-trois" is 23). The rules (parse.c) then read lexemes only.
 */
#include <string.h>

#include "dates/dates_int.h"
#include "util/alloc.h"

#define MAX_PIECES 8

static int is_digit(char ch)
{
	return ch >= '0' && ch <= '9';
}

/* Value of a run of digits, -1 past 9 digits. */
static int32_t digits_val(const char *s, size_t n)
{
	int32_t v = 0;
	if (n == 0 || n > 9)
		return -1;
	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

static void classify_word(lx *x)
{
	const vl_dword *m = vl__dates_word(x->w, x->wl);
	if (!m) {
		x->cls[0] = C_WORD;
		return;
	}
	x->cls[0] = m->cls[0];
	x->val[0] = m->val[0];
	x->cls[1] = m->cls[1];
	x->val[1] = m->val[1];
}

static void classify_number(lx *x)
{
	size_t i, dot = 0, ndot = 0;
	for (i = 0; i < x->wl; i++) {
		if (is_digit(x->w[i]))
			continue;
		if (x->w[i] == '.' || x->w[i] == ',') {
			dot = i;
			ndot++;
			continue;
		}
		x->cls[0] = C_WORD;
		return;
	}
	if (ndot == 0) {
		x->cls[0] = C_NUM;
		x->ndig = (uint8_t)(x->wl > 255 ? 255 : x->wl);
		x->val[0] = digits_val(x->w, x->wl);
		return;
	}
	/* "12.32", "6.13": a clock time once the rules say so */
	if (ndot == 1 && dot >= 1 && dot <= 2 && x->wl - dot - 1 == 2) {
		x->cls[0] = C_DEC;
		x->val[0] = digits_val(x->w, dot) * 100 +
			    digits_val(x->w + dot + 1, 2);
		return;
	}
	x->cls[0] = C_WORD;
}

static void classify_ordinal(lx *x)
{
	size_t n = 0;
	while (n < x->wl && is_digit(x->w[n]))
		n++;
	x->cls[0] = C_ORD;
	x->val[0] = n ? digits_val(x->w, n) : -1;
	x->ndig = (uint8_t)n;
}

/* Cut s[0..len) into runs where split_at says so; returns the count
 * (0 when more than MAX_PIECES). Each piece is [b[k], e[k]). */
static size_t runs_digits(const char *s, size_t len, size_t *b, size_t *e)
{
	size_t n = 0, i = 0;
	while (i < len) {
		size_t st = i;
		int d = is_digit(s[i]);
		while (i < len && is_digit(s[i]) == d)
			i++;
		if (n == MAX_PIECES)
			return 0;
		b[n] = st;
		e[n++] = i;
	}
	return n;
}

static size_t runs_hyphen(const char *s, size_t len, size_t *b, size_t *e)
{
	size_t n = 0, i = 0;
	while (i <= len) {
		size_t st = i;
		while (i < len && s[i] != '-')
			i++;
		if (n == MAX_PIECES || i == st)
			return 0;
		b[n] = st;
		e[n++] = i;
		i++;
	}
	return n;
}

/* Value of compound number words ("vingt-trois", "quatre-vingt-dix"),
 * or -1 when a piece is not a number word ("et" is skipped). */
static int32_t compound_value(const lx *p, size_t n)
{
	int32_t cur = 0, prev = 0;
	for (size_t k = 0; k < n; k++) {
		int32_t v;
		if (p[k].wl == 2 && !memcmp(p[k].w, "et", 2))
			continue;
		if (!lx_is(&p[k], C_NUMW))
			return -1;
		v = lx_val(&p[k], C_NUMW);
		if (v == 100 || (v == 20 && prev == 4 && k > 0))
			cur = (cur ? cur : 1) * v;
		else
			cur += v;
		prev = v;
	}
	return cur;
}

/* Split one WORD token into pieces when it is glued ("15juin") or
 * hyphenated ("mi-mars"); 0 pieces when it stays whole. */
static size_t split_word(const char *text, const vl_token *t, lx *p)
{
	size_t ob[MAX_PIECES], oe[MAX_PIECES], nb[MAX_PIECES], ne[MAX_PIECES];
	size_t no, nn, k, has_digit = 0;
	const char *o = text + t->start, *w = t->norm;
	size_t olen = t->end - t->start;
	int hyphen;

	for (k = 0; k < t->norm_len; k++)
		has_digit |= is_digit(w[k]);
	hyphen = memchr(w, '-', t->norm_len) != NULL;
	if (has_digit) {
		no = runs_digits(o, olen, ob, oe);
		nn = runs_digits(w, t->norm_len, nb, ne);
	} else if (hyphen) {
		no = runs_hyphen(o, olen, ob, oe);
		nn = runs_hyphen(w, t->norm_len, nb, ne);
	} else {
		return 0;
	}
	if (no < 2 || no != nn)
		return 0;
	for (k = 0; k < no; k++) {
		memset(&p[k], 0, sizeof p[k]);
		p[k].s = (uint32_t)(t->start + ob[k]);
		p[k].e = (uint32_t)(t->start + oe[k]);
		p[k].w = w + nb[k];
		p[k].wl = (uint16_t)(ne[k] - nb[k]);
		p[k].glued = k > 0 && has_digit;
		if (is_digit(p[k].w[0])) {
			p[k].cls[0] = C_NUM;
			p[k].ndig = (uint8_t)(p[k].wl > 255 ? 255 : p[k].wl);
			p[k].val[0] = digits_val(p[k].w, p[k].wl);
		} else {
			classify_word(&p[k]);
		}
	}
	return no;
}

int vl__dates_scan(lx **out, size_t *n_out, const char *text, size_t len,
		   const vl_analysis *an)
{
	size_t nt = vl_analysis_token_count(an), cap, n = 0, bytes;
	const vl_token *t = vl_analysis_tokens(an);
	lx *v, piece[MAX_PIECES];

	*out = NULL;
	*n_out = 0;
	if (vl__add_size(&cap, nt, nt / 4 + MAX_PIECES) ||
	    vl__mul_size(&bytes, cap, sizeof *v))
		return VL_ENOMEM;
	v = vl__malloc(bytes);
	if (!v)
		return VL_ENOMEM;
	for (size_t i = 0; i < nt; i++) {
		const vl_token *tk = &t[i];
		size_t np = 0, k;
		lx x;
		if (tk->end > len || tk->start > tk->end ||
		    tk->end > UINT32_MAX)
			continue;
		memset(&x, 0, sizeof x);
		x.s = (uint32_t)tk->start;
		x.e = (uint32_t)tk->end;
		x.w = tk->norm;
		x.wl = (uint16_t)(tk->norm_len > UINT16_MAX ? UINT16_MAX
							    : tk->norm_len);
		x.tok = (uint32_t)i;
		x.sent = (tk->flags & VL_TOKF_SENT_START) != 0;
		x.cap = (tk->flags & VL_TOKF_CAPITALIZED) != 0;
		switch (tk->kind) {
		case VL_TOK_NUMBER: classify_number(&x); break;
		case VL_TOK_ORDINAL: classify_ordinal(&x); break;
		case VL_TOK_PUNCT: x.cls[0] = C_PUNCT; break;
		case VL_TOK_WORD:
		case VL_TOK_ELISION:
			classify_word(&x);
			if (x.cls[0] == C_WORD && tk->kind == VL_TOK_WORD)
				np = split_word(text, tk, piece);
			break;
		default: x.cls[0] = C_WORD;
		}
		if (np >= 2) {
			int32_t cv = compound_value(piece, np);
			if (cv > 0) {
				/* one number word */
				x.cls[0] = C_NUMW;
				x.val[0] = cv;
				np = 0;
			}
		}
		if (n + MAX_PIECES + 1 > cap) {
			/* glued forms cut into more pieces than planned */
			size_t nc;
			lx *nv;
			if (vl__add_size(&nc, cap, cap / 2 + MAX_PIECES) ||
			    vl__mul_size(&bytes, nc, sizeof *v)) {
				vl__freep(v);
				return VL_ENOMEM;
			}
			nv = vl__realloc(v, bytes);
			if (!nv) {
				vl__freep(v);
				return VL_ENOMEM;
			}
			v = nv;
			cap = nc;
		}
		if (np >= 2) {
			for (k = 0; k < np; k++) {
				piece[k].tok = (uint32_t)i;
				piece[k].sent = x.sent && k == 0;
				piece[k].cap = x.cap && k == 0;
				if (k == 0)
					piece[k].glued =
						n > 0 && v[n - 1].e == x.s;
				v[n++] = piece[k];
			}
			continue;
		}
		x.glued = n > 0 && v[n - 1].e == x.s;
		v[n++] = x;
	}
	*out = v;
	*n_out = n;
	return 0;
}
