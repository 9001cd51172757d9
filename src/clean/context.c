/*
 * context.c — the rules of the boilerplate stage that need a line's
 * neighbours: a promotion block between its start and end lines, the
 * caption beside a photo credit, the link title under a bare "Lire
 * aussi", the comment-section block at the end of an article, a line
 * broken in two, and section labels that stand alone.
 *
 * They run after the line rules (rules.c), over the facts those left,
 * and only ever add reasons to lines; each pass is linear in the number
 * of lines.
 */
#include <string.h>

#include "clean/rules.h"

#define NONE ((size_t)-1)

/* Bounds of the blocks, in non-blank lines. */
#define PROMO_SPAN 10	   /* start line to end line */
#define COMMENT_TAIL 12	   /* a comment block starts this close to the end */
#define COMMENT_SPAN 10	   /* lines a comment block may cover */
#define BLOCK_LINE_MAX 400 /* longer lines are body: no block crosses one */
#define TOP_LINES 4	   /* lines at the top where a bare date is metadata */
#define COMMENT_HEAD_MAX 120 /* the invitation opening a comment block */

static int blank(const vl_cl_fact *f, size_t i)
{
	return (f[i].bits & VL_CL_BLANK) != 0;
}

static size_t next_line(const vl_cl_fact *f, size_t n, size_t i)
{
	for (i++; i < n; i++)
		if (!blank(f, i))
			return i;
	return NONE;
}

static size_t prev_line(const vl_cl_fact *f, size_t i)
{
	while (i-- > 0)
		if (!blank(f, i))
			return i;
	return NONE;
}

static void mark(vl_clean_line *l, const char *why, const char *rule)
{
	if (!l->reason) {
		l->reason = why;
		l->rule = rule;
	}
}

/* "Ignorer Promotion WhatsApp ..." up to "Fin de Promotion WhatsApp":
 * every line between is the promotion, whatever it says. Without an end
 * line close enough, only the start line goes (the line rules did that). */
static void promo_blocks(vl_clean_line *l, const vl_cl_fact *f, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		size_t j = i, k = 0;
		if (!(f[i].bits & VL_CL_PROMO_START))
			continue;
		while ((j = next_line(f, n, j)) != NONE && ++k <= PROMO_SPAN)
			if (f[j].bits & VL_CL_PROMO_END)
				break;
		if (j == NONE || k > PROMO_SPAN)
			continue;
		for (size_t x = i; x <= j; x++)
			if (!blank(f, x)) {
				l[x].reason = VL_WHY_PROMO;
				l[x].rule = "promo-block";
			}
		i = j;
	}
}

/* Still unclaimed, and short enough to be a caption. */
static int free_line(const vl_clean_line *l, const vl_cl_fact *f, size_t i,
		     uint32_t max)
{
	return i != NONE && !l[i].reason && (f[i].bits & VL_CL_FULL) &&
	       f[i].len <= max && !(f[i].bits & VL_CL_QUOTE_START);
}

/* A photo credit has one caption, before it (alt text: no final period,
 * often cut mid-sentence) or after it (one sentence). Sites differ, so
 * the shapes decide: alt text cut after several sentences is taken
 * first; else a one-sentence line after the credit; else an unfinished
 * line before it. A sub-heading before a credit that has its caption
 * after it is thus kept. */
static void credit_captions(vl_clean_line *l, const vl_cl_fact *f, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		size_t p, q;
		int before, after;
		if (!(f[i].bits & VL_CL_CREDIT))
			continue;
		p = prev_line(f, i);
		q = next_line(f, n, i);
		/* Its caption came first ("Cette photo prise ..."). */
		if (p != NONE && l[p].reason &&
		    !strcmp(l[p].reason, VL_WHY_CAPTION))
			continue;
		before = free_line(l, f, p, 300) &&
			 !(f[p].bits & VL_CL_TERM_END);
		after = free_line(l, f, q, 180) && !(f[q].bits & VL_CL_MULTI);
		if (before && (f[p].bits & VL_CL_MULTI))
			mark(&l[p], VL_WHY_CAPTION, "caption-before-credit");
		else if (after)
			mark(&l[q], VL_WHY_CAPTION, "caption-after-credit");
		else if (before && prev_line(f, p) != NONE)
			/* Not the first line: that is a title or a lead. */
			mark(&l[p], VL_WHY_CAPTION, "caption-before-credit");
	}
}

/* A bare "LIRE AUSSI" label: the next line is the link's title. */
static void see_also_titles(vl_clean_line *l, const vl_cl_fact *f, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		size_t q;
		if (!(f[i].bits & VL_CL_SEE_ALSO))
			continue;
		q = next_line(f, n, i);
		if (free_line(l, f, q, 200) && !(f[q].bits & VL_CL_PERIOD_END))
			mark(&l[q], VL_WHY_SEE_ALSO, "see-also-title");
	}
}

/* Where a comment block that starts at line s ends: the last line with
 * comment words before a long (body) line, then any lines that continue
 * it in lower case. */
static size_t comment_end(const vl_cl_fact *f, size_t n, size_t s)
{
	size_t last = s, j = s, k = 0;

	while ((j = next_line(f, n, j)) != NONE && ++k <= COMMENT_SPAN &&
	       f[j].len <= BLOCK_LINE_MAX)
		if (f[j].bits & (VL_CL_COMMENT | VL_CL_COMMENT_CUE))
			last = j;
	while ((j = next_line(f, n, last)) != NONE &&
	       (f[j].bits & VL_CL_LOWER_START) && f[j].len <= BLOCK_LINE_MAX)
		last = j;
	return last;
}

/* The comment section at the end of an article: a strong cue among the
 * last lines ("Bienvenue dans l'espace commentaire", "Vos réactions")
 * starts a block that takes the rules and invitations under it. */
static void comment_tail(vl_clean_line *l, const vl_cl_fact *f, size_t n)
{
	size_t i = n, k = 0, start = NONE, end;

	/* Earliest strong cue among the last COMMENT_TAIL lines. */
	while ((i = prev_line(f, i)) != NONE && k++ < COMMENT_TAIL)
		if ((f[i].bits & VL_CL_COMMENT_CUE) &&
		    f[i].len <= COMMENT_HEAD_MAX &&
		    !(f[i].bits & VL_CL_QUOTE_START))
			start = i;
	if (start == NONE)
		return;
	end = comment_end(f, n, start);
	for (size_t x = start; x <= end; x++)
		if (!blank(f, x))
			mark(&l[x], VL_WHY_COMMENT, "comment-block");
}

/* A short line in lower case right under a removed comment, promotion
 * or cookie line is the rest of it, cut by the page layout ("Pour être
 * alerté ..., merci de" / "renseigner votre adresse email"). */
static void continuations(vl_clean_line *l, const vl_cl_fact *f, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		const char *r = l[i - 1].reason;
		if (!r || l[i].reason || !(f[i].bits & VL_CL_LOWER_START) ||
		    f[i].len > VL_CLEAN_COUNT_MAX)
			continue;
		if (!strcmp(r, VL_WHY_COMMENT) || !strcmp(r, VL_WHY_PROMO) ||
		    !strcmp(r, VL_WHY_COOKIE))
			mark(&l[i], r, "continuation");
	}
}

/* A line of section names ("International", "Faits divers") that stands
 * alone: first line of the text, or set apart by blank lines (or by
 * boilerplate above it). Inside running text it is a sub-heading and
 * stays. */
static void section_labels(vl_clean_line *l, const vl_cl_fact *f, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		size_t p;
		int above, below;
		if (!(f[i].bits & VL_CL_SECTION) || l[i].reason)
			continue;
		p = prev_line(f, i);
		above = p == NONE || blank(f, i - 1) || l[p].reason;
		below = i + 1 == n || blank(f, i + 1);
		if (p == NONE || (above && below))
			mark(&l[i], VL_WHY_SECTION, "section-label");
	}
}

/* A bare date among the first lines is the publication date; further
 * down it may head an entry of a chronology and stays. */
static void top_dates(vl_clean_line *l, const vl_cl_fact *f, size_t n)
{
	size_t i = NONE, k = 0;

	while ((i = next_line(f, n, i)) != NONE && k++ < TOP_LINES)
		if (f[i].bits & VL_CL_DATE)
			mark(&l[i], VL_WHY_TIMESTAMP, "timestamp-date");
}

void vl__cl_context(vl_clean_line *lines, const vl_cl_fact *facts, size_t n)
{
	promo_blocks(lines, facts, n);
	credit_captions(lines, facts, n);
	see_also_titles(lines, facts, n);
	comment_tail(lines, facts, n);
	continuations(lines, facts, n);
	section_labels(lines, facts, n);
	top_dates(lines, facts, n);
}
