/*
 * marks.c — pass 1 of the quotation stage: pair the quotation marks of
 * an article and propose the words between them as quotations.
 *
 * French news writes « » (with or without inner spaces), " " (agency
 * copy), “ ” and, inside those, ‘ ’. Marks pair by family on a small
 * stack, so that a quotation nested in another (« ... “choc” ... ») stays
 * part of the outer one. A straight " opens or closes by the space
 * around it (the tokenizer's open/close flags), else by alternation; a
 * closing mark with nothing open is a stray and is skipped. Pairing
 * stops at a line end: a quotation left open there ends with its line
 * (French continues a quotation over paragraphs by opening each one
 * again), unless the line was cut inside a sentence and the next one
 * goes on in lower case (hard-wrapped copy), for at most a few lines.
 *
 * Each pair becomes a candidate, DIRECT when its words stand as a
 * sentence (the mark opens a line or a sentence, or follows a colon),
 * PARTIAL otherwise; a partial one that names a work or a thing (« la
 * Ruche », la série « Nuit blanche ») is dropped by speaker.c.
 */
#include <string.h>

#include "quotes/quotes_int.h"
#include "text/analysis.h"

enum { FAM_GUILLEMET = 1, FAM_CURLY, FAM_STRAIGHT, FAM_SINGLE };
#define MAX_DEPTH 4
#define MAX_WRAPPED_LINES 4

/* Is token i a quotation mark? Returns +1 opening, -1 closing, 2 either
 * (straight), 0 none; its family in *fam. */
static int mark_of(const qctx *c, size_t i, int *fam)
{
	const vl_token *t = &c->tk[i];
	const unsigned char *p = (const unsigned char *)c->text + t->start;
	size_t n = t->end - t->start;

	if (t->kind != VL_TOK_QUOTE && t->kind != VL_TOK_PUNCT)
		return 0;
	if (n == 2 && p[0] == 0xc2 && (p[1] == 0xab || p[1] == 0xbb)) {
		*fam = FAM_GUILLEMET;
		return p[1] == 0xab ? 1 : -1;
	}
	if (n == 3 && p[0] == 0xe2 && p[1] == 0x80) {
		switch (p[2]) {
		case 0x9c: /* “ */
		case 0x9e: /* „ */ *fam = FAM_CURLY; return 1;
		case 0x9d: /* ” */ *fam = FAM_CURLY; return -1;
		case 0x98: /* ‘ */ *fam = FAM_SINGLE; return 1;
		case 0x99: /* ’ standing alone */ *fam = FAM_SINGLE; return -1;
		default: return 0;
		}
	}
	if (n == 1 && p[0] == '"') {
		*fam = FAM_STRAIGHT;
		if ((t->flags & VL_TOKF__OPEN) && !(t->flags & VL_TOKF__CLOSE))
			return 1;
		if ((t->flags & VL_TOKF__CLOSE) && !(t->flags & VL_TOKF__OPEN))
			return -1;
		return 2;
	}
	return 0;
}

/* Does a line break before token i end an open quotation? It does
 * unless the line was cut inside a sentence (hard-wrapped copy). */
static int hard_break(const qctx *c, size_t i, int lines)
{
	const vl_token *t = &c->tk[i];
	size_t nl = 0;
	int fam;

	for (size_t b = c->tk[i - 1].end; b < t->start; b++)
		nl += c->text[b] == '\n';
	if (nl > 1 || lines >= MAX_WRAPPED_LINES)
		return 1;
	if (vl__qterm(c, i - 1) || vl__qis(c, i - 1, ":") ||
	    mark_of(c, i - 1, &fam) != 0)
		return 1;
	return !(t->kind == VL_TOK_WORD || t->kind == VL_TOK_ELISION ||
		 t->kind == VL_TOK_NUMBER) ||
	       (t->flags & VL_TOKF_CAPITALIZED);
}

/* Does the quotation opened at token o stand as a sentence? */
static int stands_alone(const qctx *c, size_t o)
{
	int fam;

	if (o == 0 || vl__qbreak(c, o))
		return 1;
	if (vl__qterm(c, o - 1) || vl__qis(c, o - 1, ":") ||
	    vl__qis(c, o - 1, "-") || mark_of(c, o - 1, &fam) < 0)
		return 1;
	return 0;
}

static int emit(qctx *c, size_t open, size_t close, size_t last)
{
	qcand q;
	size_t first = open + 1;

	if (first > last || first >= c->nt)
		return 0;
	memset(&q, 0, sizeof q);
	q.open = open;
	q.close = close;
	q.first = first;
	q.last = last;
	q.cue = SIZE_MAX;
	q.q.start = (uint32_t)c->tk[first].start;
	q.q.end = (uint32_t)c->tk[last].end;
	q.q.kind = stands_alone(c, open) ? VL_QUOTE_DIRECT : VL_QUOTE_PARTIAL;
	q.q.speaker = -1;
	for (size_t k = open; k <= (close == SIZE_MAX ? last : close); k++)
		c->cover[k] = 1;
	c->close_of[open] = close == SIZE_MAX ? last : close;
	return vl__qcand_add(c, &q);
}

int vl__quotes_marks(qctx *c)
{
	size_t stack[MAX_DEPTH];
	int fams[MAX_DEPTH];
	size_t depth = 0;
	int lines = 0, rc = 0;

	for (size_t i = 0; i < c->nt; i++) {
		int fam = 0, dir;
		if (i > 0 && vl__qbreak(c, i) && depth) {
			if (hard_break(c, i, lines)) {
				if ((rc = emit(c, stack[0], SIZE_MAX, i - 1)))
					return rc;
				depth = 0;
				lines = 0;
			} else {
				lines++;
			}
		}
		if (!(dir = mark_of(c, i, &fam)))
			continue;
		if (dir == 2) /* straight: closes an open straight one */
			dir = depth && fams[depth - 1] == FAM_STRAIGHT ? -1 : 1;
		/* an opening straight mark with a straight one open at the
		 * top closes it; others nest */
		if (dir > 0 && !(fam == FAM_STRAIGHT && depth &&
				 fams[depth - 1] == FAM_STRAIGHT)) {
			if ((fam == FAM_SINGLE && !depth) || depth == MAX_DEPTH)
				continue; /* ‘ ’ only inside a quotation */
			if (!depth)
				lines = 0;
			stack[depth] = i;
			fams[depth++] = fam;
			continue;
		}
		/* a closing mark: pop down to its family, else a stray */
		{
			size_t k = depth;
			while (k > 0 && fams[k - 1] != fam)
				k--;
			if (!k)
				continue;
			depth = k - 1;
			if (!depth && (rc = emit(c, stack[0], i, i - 1)))
				return rc;
		}
	}
	if (depth && c->nt)
		rc = emit(c, stack[0], SIZE_MAX, c->nt - 1);
	return rc;
}
