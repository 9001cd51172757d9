/*
 * parse.c — the rules of the date stage: at one lexeme (scan.c), the
 * longest temporal expression that starts there, resolved to civil days.
 *
 * The rules, by the word they start at:
 *   - days: "le 28 février", "jeudi 13 mars 2025", "13/03/2025",
 *     "2014-04-18", "March 13, 2025", ranges "du 3 au 5 mars",
 *     "10 août - 12 septembre 2013", with a clock time after them;
 *   - weekdays: "jeudi", "jeudi soir", "mardi prochain", "lundi dernier",
 *     "la nuit de jeudi à vendredi";
 *   - days named from the reference: "hier", "avant-hier", "demain",
 *     "aujourd'hui", "la veille", "le lendemain", "ce matin", "ce soir";
 *   - months, years, seasons, decades: "en mars", "fin juillet 2024",
 *     "mi-mars", "en août dernier", "en 2024", "début 2023", "au printemps
 *     2022", "dans les années 1990";
 *   - units from the reference: "la semaine prochaine", "le mois
 *     dernier", "l'année dernière", "cette semaine", "en début de
 *     semaine", "il y a trois ans", "il y a bientôt trois ans", "depuis six
 *     mois", "dans deux semaines", "les 30 derniers jours", "two years ago";
 *   - clock times alone ("à 18h", "8h10", "13h-15h"): the reference day.
 *
 * How an open expression is read (a bare weekday, a day without a year,
 * "la semaine prochaine") depends on dctx.reading; the news reading is
 * explained in docs/dates.md.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "dates/dates_int.h"

#define NONE INT32_MIN
#define MAX_QTY 10000 /* "il y a 10000 ans" at most */

/* ------------------------------------------------------------ lexemes */

static int key(const dctx *c, size_t i, int k)
{
	return i < c->n && lx_key(&c->v[i], k);
}

static int has(const dctx *c, size_t i, int cl)
{
	return i < c->n && lx_is(&c->v[i], cl);
}

static int32_t val(const dctx *c, size_t i, int cl)
{
	return lx_val(&c->v[i], cl);
}

static int punct(const dctx *c, size_t i, char ch)
{
	return i < c->n && c->v[i].cls[0] == C_PUNCT && c->v[i].wl == 1 &&
	       c->v[i].w[0] == ch;
}

static int word(const dctx *c, size_t i, const char *w)
{
	size_t n = strlen(w);
	return i < c->n && c->v[i].wl == n && !memcmp(c->v[i].w, w, n);
}

/* Digits of at most maxd digits at i: the value, else -1. */
static int32_t num(const dctx *c, size_t i, int maxd)
{
	if (i >= c->n || c->v[i].cls[0] != C_NUM || c->v[i].ndig > maxd)
		return -1;
	return c->v[i].val[0];
}

static int glued(const dctx *c, size_t i)
{
	return i < c->n && c->v[i].glued;
}

/* A dash: "-", "–", "—" (matching forms may keep the long ones). */
static int dash(const dctx *c, size_t i)
{
	return punct(c, i, '-') || word(c, i, "\xe2\x80\x93") ||
	       word(c, i, "\xe2\x80\x94") ||
	       (i < c->n && c->v[i].cls[0] == C_PUNCT && c->v[i].wl == 3 &&
		c->v[i].w[0] == '\xe2' && c->v[i].w[1] == '\x80' &&
		(c->v[i].w[2] == '\x93' || c->v[i].w[2] == '\x94'));
}

/* A quantity: digits or a number word; *approx for "quelques". */
static int qty(const dctx *c, size_t i, int32_t *n)
{
	int32_t v = num(c, i, 6);
	if (v >= 0) {
		*n = v;
		return 1;
	}
	if (has(c, i, C_NUMW)) {
		*n = val(c, i, C_NUMW);
		return 1;
	}
	return 0;
}

static int is_unit(const dctx *c, size_t i, int *u)
{
	if (!has(c, i, C_UNIT))
		return 0;
	*u = val(c, i, C_UNIT);
	return 1;
}

/* Is the number before lexeme j an amount ("2000 personnes", "2024
 * heures", "1990 euros") rather than a year? */
static int amount_after(const dctx *c, size_t j)
{
	static const char *const nouns[] = {
		"%",	       "personnes", "euros",	"dollars",
		"habitants",   "morts",	    "victimes", "emplois",
		"exemplaires", "voitures",  "km",	"kilometres",
		"metres",      "tonnes",    "salaries", "people",
		"dollars",     "votes",	    "voix",	"postes",
		"logements",   "points",    "soldats",	"hommes",
		"femmes",      "enfants",   NULL
	};
	if (j >= c->n || c->v[j].glued)
		return j < c->n && word(c, j, "%");
	if (has(c, j, C_UNIT))
		return 1;
	for (size_t k = 0; nouns[k]; k++)
		if (word(c, j, nouns[k]))
			return 1;
	return 0;
}

/* "-là" after lexeme j - 1, in the same token: "ce jour-là", "cette
 * nuit-là" name a day of the story, not the reference. */
static int la_after(const dctx *c, size_t j)
{
	return j < c->n && j > 0 && word(c, j, "la") &&
	       c->v[j].tok == c->v[j - 1].tok;
}

/* ----------------------------------------------------------- calendar */

static int32_t ymd(int64_t y, int m, int d)
{
	if (m < 1 || m > 12 || d < 1 || d > vl__days_in_month(y, m))
		return NONE;
	return vl__days_from_civil(y, m, d);
}

static void civil(int32_t day, int64_t *y, int *m, int *d)
{
	vl__civil_from_days(day, y, m, d);
}

/* Monday of the ISO week of day. */
static int32_t monday(int32_t day)
{
	return day - (vl__weekday(day) + 6) % 7;
}

/* day + n units (minutes of the reference for the small units);
 * *clock set when the unit is below a day. */
static int32_t shift(const dctx *c, int32_t day, int64_t n, int unit)
{
	int64_t mins;
	if (n > MAX_QTY)
		n = MAX_QTY;
	if (n < -MAX_QTY)
		n = -MAX_QTY;
	switch (unit) {
	case U_SEC:
		mins = c->ref_min + n / 60 - (n < 0 && n % 60 ? 1 : 0);
		break;
	case U_MIN: mins = c->ref_min + n; break;
	case U_HOUR: mins = c->ref_min + 60 * n; break;
	case U_DAY: return day + (int32_t)n;
	case U_WEEK:
	case U_WEEKEND: return day + (int32_t)(7 * n);
	case U_MONTH: return vl__add_months(day, (int)n);
	case U_QUARTER: return vl__add_months(day, (int)(3 * n));
	case U_HALF: return vl__add_months(day, (int)(6 * n));
	case U_YEAR: return vl__add_months(day, (int)(12 * n));
	case U_DECADE: return vl__add_months(day, (int)(120 * n));
	default: return vl__add_months(day, (int)(1200 * n));
	}
	return day +
	       (int32_t)((mins - (mins < 0 && mins % 1440 ? 1440 : 0)) / 1440);
}

/* ----------------------------------------------------------- readings */

/* The day of weekday wd: mod 0 bare, 1 "prochain", -1 "dernier",
 * 2 "ce jeudi". */
static int32_t weekday_day(const dctx *c, int wd, int mod, int tense)
{
	int32_t ref = c->ref;
	int rw = vl__weekday(ref);
	int fwd = (wd - rw + 7) % 7, back = (rw - wd + 7) % 7;

	if (mod == 1) {
		if (c->reading == VL_READ_NEWS)
			return ref + (fwd ? fwd : 7);
		/* chrono-node: "next" from a weekday is the following
		 * week's day unless the day has passed this week */
		if (rw == 0)
			return ref + (wd == 0 ? 7 : wd);
		if (rw == 6)
			return ref + (wd == 6 ? 7 : wd == 0 ? 8 : 1 + wd);
		if (wd < rw && wd != 0)
			return ref + fwd;
		return ref + fwd + 7;
	}
	if (mod == -1)
		return ref - (back ? back : 7);
	if (c->reading == VL_READ_FORWARD || (mod == 2 && c->reading))
		return ref + fwd;
	if (c->reading == VL_READ_NEAREST)
		return fwd <= 3 ? ref + fwd : ref - back;
	return tense > 0 ? ref + fwd : ref - back;
}

/* The year of a day and month written without one; NONE when there is
 * no such day. wd: the weekday written with it, or -1. */
static int32_t daymonth_day(const dctx *c, int m, int d, int wd, int tense)
{
	int64_t ry;
	int rm, rd, k;
	int32_t cand[3], best = NONE;

	civil(c->ref, &ry, &rm, &rd);
	for (k = 0; k < 3; k++)
		cand[k] = ymd(ry - 1 + k, m, d);
	if (c->reading == VL_READ_NEWS && wd >= 0) {
		/* the weekday names the year: the nearest that agrees */
		for (k = 0; k < 3; k++)
			if (cand[k] != NONE && vl__weekday(cand[k]) == wd &&
			    (best == NONE ||
			     llabs((long long)cand[k] - c->ref) <
				     llabs((long long)best - c->ref)))
				best = cand[k];
		if (best != NONE)
			return best;
	}
	switch (c->reading) {
	case VL_READ_NEAREST:
		for (k = 0; k < 3; k++)
			if (cand[k] != NONE &&
			    (best == NONE ||
			     llabs((long long)cand[k] - c->ref) <
				     llabs((long long)best - c->ref)))
				best = cand[k];
		return best;
	case VL_READ_FORWARD: tense = 1; break;
	default: break;
	}
	if (tense > 0) {
		for (k = 0; k < 3; k++)
			if (cand[k] != NONE && cand[k] >= c->ref)
				return cand[k];
		return NONE;
	}
	if (tense < 0) {
		for (k = 2; k >= 0; k--)
			if (cand[k] != NONE && cand[k] <= c->ref)
				return cand[k];
		return NONE;
	}
	/* no tense: the one in the ten months before and two after */
	for (k = 0; k < 3; k++)
		if (cand[k] != NONE && cand[k] > c->ref - 300 &&
		    cand[k] <= c->ref + 65)
			return cand[k];
	return NONE;
}

/* The year of month m written without one: mod 1 "prochain", -1
 * "dernier". */
static int64_t month_year(const dctx *c, int m, int mod, int tense)
{
	int64_t ry;
	int rm, rd, diff;
	civil(c->ref, &ry, &rm, &rd);
	diff = m - rm;
	if (mod > 0)
		return diff > 0 ? ry : ry + 1;
	if (mod < 0)
		return diff < 0 ? ry : ry - 1;
	if (c->reading == VL_READ_FORWARD)
		tense = 1;
	if (c->reading == VL_READ_NEAREST)
		return diff > 6 ? ry - 1 : diff < -6 ? ry + 1 : ry;
	if (tense > 0)
		return diff >= 0 ? ry : ry + 1;
	if (tense < 0)
		return diff <= 0 ? ry : ry - 1;
	return diff > 2 ? ry - 1 : diff < -9 ? ry + 1 : ry;
}

/* ------------------------------------------------------------ results */

static void set(const dctx *c, dmatch *m, size_t i, size_t j, int32_t first,
		int32_t last, int gran, unsigned flags)
{
	m->j = j;
	m->d.start = c->v[i].s;
	m->d.end = c->v[j - 1].e;
	m->d.first = first < last ? first : last;
	m->d.last = first < last ? last : first;
	m->d.gran = (uint8_t)gran;
	m->d.flags = (uint8_t)flags;
	m->d.part = 0;
	m->end_day = m->d.last;
}

static unsigned rel_flags(const dctx *c, int32_t day)
{
	return VL_DATE_RELATIVE | (day > c->ref ? VL_DATE_FUTURE : 0u);
}

/* ------------------------------------------------------- clock times */

typedef struct clk {
	int h, m;
	int mer;  /* 0 none, 1 am, 2 pm */
	int sure; /* written as a time: h, ':' or am/pm */
} clk;

/* am/pm at i (glued or not): 1 or 2 and *j past it, else 0. */
static int meridiem(const dctx *c, size_t i, size_t *j)
{
	if (key(c, i, K_AM) || word(c, i, "a")) {
		if (word(c, i, "a") && !glued(c, i))
			return 0; /* "à" */
		*j = i + 1;
		return 1;
	}
	if (key(c, i, K_PM) || (word(c, i, "p") && glued(c, i)) ||
	    (word(c, i, "mp") && glued(c, i))) {
		*j = i + 1;
		return 2;
	}
	/* "p.m.", "a.m." */
	if ((word(c, i, "p.") || word(c, i, "a.")) && i + 1 < c->n &&
	    (word(c, i + 1, "m.") ||
	     (word(c, i + 1, "m") && punct(c, i + 2, '.')))) {
		*j = i + (word(c, i + 1, "m.") ? 2 : 3);
		return word(c, i, "p.") ? 2 : 1;
	}
	return 0;
}

/* A clock time at i; the end, or 0. Bare numbers ("à 5") are not sure. */
static size_t clock_at(const dctx *c, size_t i, clk *t)
{
	size_t j = i;
	int32_t h, mi = 0, s = 0;

	memset(t, 0, sizeof *t);
	if (i >= c->n)
		return 0;
	if (c->v[i].cls[0] == C_DEC) {
		h = c->v[i].val[0] / 100;
		mi = c->v[i].val[0] % 100;
		j = i + 1;
		t->mer = meridiem(c, j, &j);
		t->sure = t->mer != 0;
		goto check;
	}
	h = num(c, i, 4);
	if (h < 0)
		return 0;
	j = i + 1;
	if (c->v[i].ndig >= 3) {
		/* "1230pm", "930am"; without am/pm only the first of a range
		 * ("630-930am"), never sure alone */
		size_t k;
		int mer = meridiem(c, j, &k);
		mi = h % 100;
		h /= 100;
		t->mer = mer;
		t->sure = mer != 0;
		if (mer)
			j = k;
		goto check;
	}
	if (key(c, j, K_H) &&
	    (glued(c, j) || num(c, j + 1, 2) >= 0 || !glued(c, j + 1))) {
		t->sure = 1;
		j++;
		if (num(c, j, 2) >= 0 && (glued(c, j) || !glued(c, j - 1))) {
			mi = num(c, j, 2);
			j++;
			if (word(c, j, "m") && glued(c, j)) {
				j++;
				if (num(c, j, 2) >= 0 && glued(c, j)) {
					s = num(c, j, 2);
					j++;
					if (word(c, j, "s") && glued(c, j))
						j++;
				}
			} else if (punct(c, j, ':') && glued(c, j)) {
				s = num(c, j + 1, 2);
				if (s < 0)
					return 0;
				j += 2;
				if (word(c, j, "s") && glued(c, j))
					j++;
			}
		}
	} else if (punct(c, j, ':') && glued(c, j) && num(c, j + 1, 2) >= 0 &&
		   c->v[j + 1].ndig == 2 && glued(c, j + 1)) {
		t->sure = 1;
		mi = num(c, j + 1, 2);
		j += 2;
		if (punct(c, j, ':') && glued(c, j)) {
			s = num(c, j + 1, 2);
			if (s < 0 || !glued(c, j + 1))
				return 0;
			j += 2;
		}
	}
	t->mer = meridiem(c, j, &j);
	if (t->mer)
		t->sure = 1;
check:
	if (mi > 59 || s > 59 || s < 0)
		return 0;
	if (t->mer) {
		if (h < 1 || h > 12)
			return 0;
		h = t->mer == 2 ? (h % 12) + 12 : h % 12;
	} else if (h > 24) {
		return 0;
	}
	/* a time is not followed by more digits ("12h12:99s") */
	if (glued(c, j) && (punct(c, j, ':') || num(c, j, 9) >= 0))
		return 0;
	t->h = h == 24 ? 0 : h;
	t->m = mi;
	return j;
}

/* A clock time or a range of two at i ("13h-15h", "de 7h à 10h",
 * "11pm-2"); the end, or 0. *next_day: the range ends the next day. */
static size_t clock_range(const dctx *c, size_t i, clk *a, int *next_day)
{
	clk b;
	size_t j, k, p = i;
	int from = 0;

	*next_day = 0;
	if (key(c, p, K_OF) || key(c, p, K_DU)) {
		from = 1;
		p++;
	}
	j = clock_at(c, p, a);
	if (!j)
		return 0;
	k = j;
	if (dash(c, k) || (key(c, k, K_A) && !glued(c, k)) ||
	    word(c, k, "to")) {
		size_t e = clock_at(c, k + 1, &b);
		if (e && (a->sure || b.sure)) {
			if (!a->mer && b.mer == 2 && a->h + 12 <= b.h)
				a->h += 12;
			a->sure = 1;
			*next_day = b.h * 60 + b.m < a->h * 60 + a->m;
			return e;
		}
	}
	if (from || !a->sure)
		return 0;
	return j;
}

/* Time zone words after a clock time ("15h CET"). */
static size_t zone(const dctx *c, size_t j)
{
	static const char *const z[] = { "utc", "gmt", "cet", "cest",
					 "est", "edt", "pst", "pdt",
					 "bst", "cst", NULL };
	for (size_t k = 0; z[k]; k++)
		if (word(c, j, z[k]))
			return j + 1;
	return j;
}

/* An optional time after a day ("à 19:00", ", 7:00pm - 8:30pm",
 * "de 7h à 10h", "matin 11h"): the new end, *next_day. */
static size_t time_tail(const dctx *c, size_t j, int *next_day)
{
	clk t;
	size_t p = j, e;
	*next_day = 0;
	if (punct(c, p, ','))
		p++;
	if (key(c, p, K_A) || key(c, p, K_TOWARDS))
		p++;
	e = clock_range(c, p, &t, next_day);
	if (!e || !t.sure) {
		*next_day = 0;
		return j;
	}
	return zone(c, e);
}

static int part_of_hour(int h)
{
	if (h >= 5 && h < 12)
		return P_MORNING;
	if (h >= 12 && h < 14)
		return P_NOON;
	if (h >= 14 && h < 18)
		return P_AFTERNOON;
	if (h >= 18 && h < 23)
		return P_EVENING;
	return P_NIGHT;
}

/* A vl_date part from a part word (midnight is night). */
static int vl_part(int p)
{
	return p == P_MIDNIGHT ? P_NIGHT : p;
}

/* -------------------------------------------------------- written days */

typedef struct dayp {
	int64_t y;
	int has_y;
	int m, d;
	int wd; /* weekday written with it, or -1 */
} dayp;

/* A year at i: four digits, or one to four with an era ("234 av. J.-C.",
 * "88 p. Chr. n."); allow2: two digits too (after a slash). */
static size_t year_at(const dctx *c, size_t i, int64_t *y, int allow2)
{
	int32_t v = num(c, i, 4);
	size_t j = i + 1, k;
	int era = 0;

	if (v < 0)
		return 0;
	/* era: "AC", "av. J.-C.", "BC" / "ap. J.-C.", "p. Chr. n.", "AD" */
	if (word(c, j, "ac") || word(c, j, "bc") || word(c, j, "av.") ||
	    word(c, j, "av"))
		era = -1;
	else if (word(c, j, "ad") || word(c, j, "ap.") || word(c, j, "ap") ||
		 word(c, j, "p.") || word(c, j, "apr."))
		era = 1;
	if (era) {
		j++;
		for (k = 0; k < 6 && j < c->n; k++, j++) {
			if (!(punct(c, j, '.') || punct(c, j, '-') ||
			      word(c, j, "j") || word(c, j, "c.") ||
			      word(c, j, "c") || word(c, j, "chr") ||
			      word(c, j, "n") || word(c, j, "chr.") ||
			      word(c, j, "j.-c.") || word(c, j, "n.")))
				break;
		}
		if (v == 0)
			return 0;
		*y = era < 0 ? -(int64_t)v : v;
		return j;
	}
	if (c->v[i].ndig == 4 && v >= 1000) {
		*y = v;
		return j;
	}
	if (allow2 && c->v[i].ndig == 2) {
		*y = v < 50 ? 2000 + v : 1900 + v;
		return j;
	}
	return 0;
}

/* A month word at i (an abbreviation with its dot); the end or 0. */
static size_t month_at(const dctx *c, size_t i, int *m, int abbr_ok)
{
	if (has(c, i, C_MONTH)) {
		*m = val(c, i, C_MONTH);
		return i + 1;
	}
	if (abbr_ok && has(c, i, C_MONTHA)) {
		*m = val(c, i, C_MONTHA);
		return punct(c, i + 1, '.') && glued(c, i + 1) ? i + 2 : i + 1;
	}
	return 0;
}

/* A day of the month at i ("13", "1er", "premier"): the end or 0. */
static size_t daynum(const dctx *c, size_t i, int *d)
{
	int32_t v = num(c, i, 2);
	if (v < 0 && i < c->n && c->v[i].cls[0] == C_ORD && c->v[i].ndig <= 2)
		v = c->v[i].val[0];
	if (v < 0 && has(c, i, C_ORDW) && val(c, i, C_ORDW) == 1)
		v = 1;
	if (v < 1 || v > 31)
		return 0;
	*d = v;
	return i + 1;
}

/* A written day at i: "13 mars [2025]", "13/03[/2025]", "2025-03-13",
 * "13.03.2025", "March 13[,] [2025]". Days above the month's length
 * fail later. The end, or 0. part_ok: a day without a month is kept
 * (the first day of a range). */
static size_t dmy(const dctx *c, size_t i, dayp *p, int part_ok)
{
	size_t j, k;
	int32_t a, b;

	memset(p, 0, sizeof *p);
	p->wd = -1;
	/* ISO 2025-03-13 */
	if (num(c, i, 4) >= 1000 && c->v[i].ndig == 4 && punct(c, i + 1, '-') &&
	    glued(c, i + 1) && (a = num(c, i + 2, 2)) >= 1 && a <= 12 &&
	    glued(c, i + 2) && punct(c, i + 3, '-') && glued(c, i + 3) &&
	    (b = num(c, i + 4, 2)) >= 1 && glued(c, i + 4)) {
		p->y = c->v[i].val[0];
		p->has_y = 1;
		p->m = a;
		p->d = b;
		return i + 5;
	}
	/* 13.03.2025 */
	if (i < c->n && c->v[i].cls[0] == C_DEC && punct(c, i + 1, '.') &&
	    glued(c, i + 1) && glued(c, i + 2) &&
	    (k = year_at(c, i + 2, &p->y, 0)) != 0) {
		p->d = c->v[i].val[0] / 100;
		p->m = c->v[i].val[0] % 100;
		p->has_y = 1;
		return p->m >= 1 && p->m <= 12 && p->d >= 1 ? k : 0;
	}
	/* English: March 13[,] [2025] (in French text only with the year:
	 * "Mars 12" is more often something else) */
	if ((j = month_at(c, i, &p->m, 1)) != 0 && (k = daynum(c, j, &p->d))) {
		j = k;
		k = punct(c, j, ',') ? j + 1 : j;
		if ((k = year_at(c, k, &p->y, 0)) != 0) {
			p->has_y = 1;
			return k;
		}
		return c->en ? j : 0;
	}
	if (!(j = daynum(c, i, &p->d)))
		return 0;
	/* 13/03[/2025] */
	if (c->v[i].cls[0] == C_NUM && punct(c, j, '/') && glued(c, j) &&
	    (a = num(c, j + 1, 2)) >= 1 && a <= 12 && glued(c, j + 1)) {
		p->m = a;
		j += 2;
		if (punct(c, j, '/') && glued(c, j) && glued(c, j + 1) &&
		    (k = year_at(c, j + 1, &p->y, 1)) != 0) {
			p->has_y = 1;
			j = k;
		}
		return j;
	}
	if (punct(c, j, '/'))
		return 0;
	/* 13 mars [2025], "15SEPT", "1er Août" */
	if (key(c, j, K_OF))
		k = month_at(c, j + 1, &p->m, 0); /* "13 of March" */
	else
		k = month_at(c, j, &p->m, 1);
	if (!k)
		return part_ok ? j : 0;
	j = k;
	if ((k = year_at(c, j, &p->y, 0)) != 0) {
		p->has_y = 1;
		j = k;
	}
	return j;
}

/* The civil day of a written day; NONE when there is none. */
static int32_t dayp_day(const dctx *c, const dayp *p, int tense)
{
	if (p->has_y)
		return ymd(p->y, p->m, p->d);
	if (c->ref == NONE)
		return NONE;
	return daymonth_day(c, p->m, p->d, p->wd, tense);
}

/* A weekday word at i (an abbreviation only before a day number). */
static int wday_at(const dctx *c, size_t i, int *wd)
{
	int d;
	if (has(c, i, C_WDAY)) {
		*wd = val(c, i, C_WDAY);
		return 1;
	}
	if (has(c, i, C_WDAYA) &&
	    (daynum(c, i + 1, &d) ||
	     (punct(c, i + 1, '.') && daynum(c, i + 2, &d)))) {
		*wd = val(c, i, C_WDAYA);
		return 1;
	}
	return 0;
}

/* A written day with a range and a time after it, at i (past "le",
 * "du", a weekday). s: the lexeme the expression starts at. */
static int r_written(const dctx *c, size_t s, size_t i, int wd, dmatch *m)
{
	dayp a, b;
	size_t j, k;
	int32_t first, last;
	int nd = 0, tense = 0, ok;

	if (!(j = dmy(c, i, &a, 1)))
		return 0;
	a.wd = wd;
	ok = a.m != 0;
	/* ranges: "10 - 22 août", "10 au 22 août", "du 24 août 2023 au 26
	 * août 2023", "10 août - 12 septembre 2013" */
	k = j;
	if (dash(c, k) || key(c, k, K_AU) || key(c, k, K_A) ||
	    key(c, k, K_AND) || word(c, k, "to")) {
		size_t e = k + 1;
		if (key(c, e, K_THE))
			e++;
		if ((e = dmy(c, e, &b, 0)) != 0 && b.m &&
		    (ok || c->ref != NONE || (b.has_y))) {
			if (!a.m) {
				a.m = b.m;
				a.y = b.y;
				a.has_y = b.has_y;
			} else if (!a.has_y && b.has_y) {
				a.y = b.y - (a.m > b.m);
				a.has_y = 1;
			}
			tense = c->ref == NONE ? 0 : vl__dates_tense(c, s, e);
			first = dayp_day(c, &a, tense);
			if (b.has_y)
				last = ymd(b.y, b.m, b.d);
			else if (first != NONE) {
				int64_t fy;
				int fm, fd;
				civil(first, &fy, &fm, &fd);
				last = ymd(fy + (b.m < fm), b.m, b.d);
			} else
				last = NONE;
			if (first != NONE && last != NONE && last >= first &&
			    last - first <= 400) {
				e = time_tail(c, e, &nd);
				set(c, m, s, e, first, last, VL_GRAN_DAY,
				    a.has_y ? 0 : VL_DATE_RELATIVE);
				return 1;
			}
			/* not a range: the first day alone */
			if (!ok)
				return 0;
			dmy(c, i, &a, 1);
			a.wd = wd;
		}
	}
	if (!ok)
		return 0;
	if (!a.has_y && c->ref == NONE)
		return 0;
	k = time_tail(c, j, &nd);
	if (!a.has_y)
		tense = vl__dates_tense(c, s, k);
	first = dayp_day(c, &a, tense);
	if (first == NONE)
		return 0;
	set(c, m, s, k, first, first, VL_GRAN_DAY,
	    a.has_y ? 0 : VL_DATE_RELATIVE);
	if (nd)
		m->end_day = first + 1;
	return 1;
}

/* -------------------------------------------------------------- rules */

/* "le 28 février", "28 février 2025", "13/03/2025", "du 3 au 5 mars". */
static int r_date(const dctx *c, size_t i, dmatch *m)
{
	size_t p = i;
	int wd = -1;
	size_t s;
	if (key(c, p, K_THE) || key(c, p, K_DU) || key(c, p, K_ON))
		p++;
	s = p;
	if (p > i && wday_at(c, p, &wd)) {
		p++;
		if (punct(c, p, '.') || punct(c, p, ','))
			p++;
	}
	if (!r_written(c, s, p, wd, m))
		return 0;
	/* numeric days without a year need "le" or a weekday: "24/7" */
	if (m->d.flags & VL_DATE_RELATIVE && p == i && i < c->n &&
	    c->v[i].cls[0] == C_NUM && punct(c, i + 1, '/'))
		return 0;
	return 1;
}

/* Weekdays: "jeudi", "jeudi soir", "mardi prochain", "lundi dernier",
 * "jeudi 13 mars 2025", "Dim 15 Sept", "vendredi à 2 pm". */
static int r_weekday(const dctx *c, size_t i, dmatch *m)
{
	size_t p = i, q, j;
	int wd, mod = 0, part = 0, nd = 0, tense;
	int32_t day;

	if (key(c, p, K_THE) || key(c, p, K_ON) || key(c, p, K_THIS))
		p++;
	if (!wday_at(c, p, &wd))
		return 0;
	/* "le Journal du Dimanche": a name */
	if (c->v[p].cap && !c->v[p].sent && p > 0 && key(c, p - 1, K_DU))
		return 0;
	if (key(c, i, K_THIS) && p == i + 1)
		mod = 2;
	q = p + 1;
	if (punct(c, q, '.') && glued(c, q))
		q++;
	if (punct(c, q, ','))
		q++;
	if (r_written(c, p, q, wd, m) && m->d.gran == VL_GRAN_DAY)
		return 1;
	if (c->ref == NONE)
		return 0;
	memset(m, 0, sizeof *m);
	j = p + 1;
	if (key(c, j, K_NEXT) || key(c, j, K_FOLLOWING)) {
		mod = 1;
		j++;
	} else if (key(c, j, K_LAST) || key(c, j, K_PAST) ||
		   key(c, j, K_PREV)) {
		mod = -1;
		j++;
	}
	if (has(c, j, C_PART)) {
		part = vl_part(val(c, j, C_PART));
		j++;
	}
	j = time_tail(c, j, &nd);
	tense = mod ? 0 : vl__dates_tense(c, i, j);
	day = weekday_day(c, wd, mod, tense);
	set(c, m, p, j, day, day, part ? VL_GRAN_PART : VL_GRAN_DAY,
	    rel_flags(c, day));
	m->d.part = (uint8_t)part;
	if (nd)
		m->end_day = day + 1;
	return 1;
}

/* English "next Friday", "last Monday", "this Thursday". */
static int r_modweekday(const dctx *c, size_t i, dmatch *m)
{
	int wd, mod;
	int32_t day;
	if (c->ref == NONE)
		return 0;
	if (key(c, i, K_NEXT))
		mod = 1;
	else if (key(c, i, K_LAST))
		mod = -1;
	else
		return 0;
	if (!has(c, i + 1, C_WDAY))
		return 0;
	wd = val(c, i + 1, C_WDAY);
	day = weekday_day(c, wd, mod, 0);
	set(c, m, i, i + 2, day, day, VL_GRAN_DAY, rel_flags(c, day));
	return 1;
}

/* "la nuit de jeudi à vendredi", "dans la soirée de mardi". */
static int r_partof(const dctx *c, size_t i, dmatch *m)
{
	size_t p = i;
	int part, wd, wd2, tense;
	int32_t a, b;

	if (c->ref == NONE)
		return 0;
	if (key(c, p, K_IN))
		p++;
	if (!key(c, p, K_THE) || !has(c, p + 1, C_PART))
		return 0;
	part = vl_part(val(c, p + 1, C_PART));
	p += 2;
	if (!(key(c, p, K_OF) || key(c, p, K_DU)) || !has(c, p + 1, C_WDAY))
		return 0;
	wd = val(c, p + 1, C_WDAY);
	p += 2;
	tense = vl__dates_tense(c, i, p);
	a = weekday_day(c, wd, 0, tense);
	b = a;
	if ((key(c, p, K_A) || key(c, p, K_AU)) && has(c, p + 1, C_WDAY)) {
		wd2 = val(c, p + 1, C_WDAY);
		b = a + (wd2 - wd + 7) % 7;
		p += 2;
	}
	set(c, m, i, p, a, b, VL_GRAN_PART, rel_flags(c, a));
	m->d.part = (uint8_t)part;
	return 1;
}

/* "hier", "avant-hier", "aujourd'hui", "demain", "la veille", "le
 * lendemain", with a part and a time: "hier soir", "demain matin 11h",
 * "la veille au soir", "aujourd'hui 17:00". */
static int r_relday(const dctx *c, size_t i, dmatch *m)
{
	size_t p = i;
	int k, off, part = 0, nd = 0, art = 0;
	int32_t day;

	if (c->ref == NONE)
		return 0;
	if (key(c, p, K_THE)) {
		art = 1;
		p++;
	}
	if (!has(c, p, C_KEY))
		return 0;
	k = val(c, p, C_KEY);
	switch (k) {
	case K_YESTERDAY: off = -1; break;
	case K_DAYBEFORE: off = -2; break;
	case K_TODAY: off = 0; break;
	case K_TOMORROW: off = 1; break;
	case K_DAYAFTER: off = 2; break;
	case K_EVE: off = -1; break;
	case K_EVE2: off = -2; break;
	case K_MORROW: off = 1; break;
	case K_MORROW2: off = 2; break;
	case K_TONIGHT:
		off = 0;
		part = P_EVENING;
		break;
	case K_NOW:
		if (c->reading == VL_READ_NEWS)
			return 0; /* "maintenant": "from now on", not a day */
		off = 0;
		break;
	default: return 0;
	}
	if ((k == K_EVE || k == K_EVE2 || k == K_MORROW || k == K_MORROW2) &&
	    !art)
		return 0; /* "en veille" */
	if ((k == K_EVE || k == K_EVE2 || k == K_MORROW || k == K_MORROW2) &&
	    (key(c, p + 1, K_DU) || key(c, p + 1, K_OF))) {
		/* "la veille du 14 juillet": a day from that date; "la
		 * veille du sommet": from an event we cannot date */
		dmatch d;
		size_t q = p + 2;
		if (key(c, q, K_THE))
			q++;
		memset(&d, 0, sizeof d);
		if (!r_written(c, q, q, -1, &d) || d.d.first != d.d.last)
			return 0;
		day = d.d.first + off;
		set(c, m, i, d.j, day, day, VL_GRAN_DAY, d.d.flags);
		return 1;
	}
	if (art &&
	    !(k == K_EVE || k == K_EVE2 || k == K_MORROW || k == K_MORROW2))
		i = p; /* "le demain"? keep the word alone */
	p++;
	if (has(c, p, C_PART)) {
		part = vl_part(val(c, p, C_PART));
		p++;
	} else if ((key(c, p, K_AU) || key(c, p, K_IN)) &&
		   has(c, p + 1, C_PART)) {
		part = vl_part(val(c, p + 1, C_PART)); /* "la veille au soir" */
		p += 2;
	}
	p = time_tail(c, p, &nd);
	day = c->ref + off;
	set(c, m, i, p, day, day, part ? VL_GRAN_PART : VL_GRAN_DAY,
	    rel_flags(c, day));
	m->d.part = (uint8_t)part;
	if (nd)
		m->end_day = day + 1;
	return 1;
}

/* A calendar unit around the reference, n units away: "cette semaine"
 * (0), "la semaine prochaine" (1), "l'année dernière" (-1). The news
 * reading gives the whole unit; chrono-node's a point n units away. */
static int unit_span(const dctx *c, int unit, int n, int32_t *first,
		     int32_t *last, int *gran)
{
	int64_t y;
	int mo, d, q;
	int32_t ref = c->ref;

	if (c->reading != VL_READ_NEWS && n != 0) {
		*first = *last = shift(c, ref, n, unit);
		*gran = VL_GRAN_DAY;
		return 1;
	}
	civil(ref, &y, &mo, &d);
	switch (unit) {
	case U_DAY:
		*first = *last = ref + n;
		*gran = VL_GRAN_DAY;
		return 1;
	case U_WEEK:
		*first = monday(ref) + 7 * n;
		*last = *first + 6;
		*gran = VL_GRAN_WEEK;
		return 1;
	case U_WEEKEND:
		/* the weekend of this week (for a Sunday: itself) */
		*first = monday(ref) + 5 + 7 * n;
		*last = *first + 1;
		*gran = VL_GRAN_DAY;
		return 1;
	case U_MONTH:
		*first = vl__add_months(ymd(y, mo, 1), n);
		*last = vl__add_months(*first, 1) - 1;
		*gran = VL_GRAN_MONTH;
		return 1;
	case U_QUARTER:
		q = (mo - 1) / 3;
		*first = vl__add_months(ymd(y, 3 * q + 1, 1), 3 * n);
		*last = vl__add_months(*first, 3) - 1;
		*gran = VL_GRAN_QUARTER;
		return 1;
	case U_HALF:
		q = (mo - 1) / 6;
		*first = vl__add_months(ymd(y, 6 * q + 1, 1), 6 * n);
		*last = vl__add_months(*first, 6) - 1;
		*gran = VL_GRAN_QUARTER;
		return 1;
	case U_YEAR:
		*first = ymd(y + n, 1, 1);
		*last = ymd(y + n, 12, 31);
		*gran = VL_GRAN_YEAR;
		return 1;
	case U_DECADE:
		y = (y - (y % 10 + 10) % 10) + 10 * n;
		*first = ymd(y, 1, 1);
		*last = ymd(y + 9, 12, 31);
		*gran = VL_GRAN_DECADE;
		return 1;
	default: return 0;
	}
}

/* Modifier after or before a unit: 1 next, -1 last, 0 none. */
static int modifier(const dctx *c, size_t i)
{
	if (key(c, i, K_NEXT) || key(c, i, K_FOLLOWING))
		return 1;
	if (key(c, i, K_LAST) || key(c, i, K_PAST) || key(c, i, K_PREV))
		return -1;
	return 0;
}

/* "la semaine prochaine", "le mois dernier", "l'an passé", "le dernier
 * trimestre", "cette semaine", "ce mois-ci", "last week", "next year". */
static int r_unitrel(const dctx *c, size_t i, dmatch *m)
{
	size_t p = i;
	int unit, n = 0, gran, this = 0;
	int32_t a, b;

	if (c->ref == NONE)
		return 0;
	if (key(c, p, K_THE)) {
		p++;
	} else if (key(c, p, K_THIS)) {
		this = 1;
		p++;
	}
	if (p == i &&
	    (word(c, p, "last") || word(c, p, "next") || word(c, p, "past") ||
	     word(c, p, "previous") || word(c, p, "coming")) &&
	    (n = modifier(c, p)) != 0 && is_unit(c, p + 1, &unit)) {
		p += 2; /* "last week" */
	} else if (p > i && !this && (n = modifier(c, p)) != 0 &&
		   is_unit(c, p + 1, &unit) && !key(c, p + 2, K_OF)) {
		p += 2; /* "le dernier trimestre" */
	} else if (p > i && is_unit(c, p, &unit)) {
		n = modifier(c, p + 1);
		if (this && !n) {
			p++;
			if (la_after(c, p))
				return 0;
			if (word(c, p, "ci") || key(c, p, K_CI))
				p++;
		} else if (!n || this) {
			return 0;
		} else {
			p += 2;
		}
	} else {
		return 0;
	}
	if (unit < U_DAY)
		return 0;
	if (!unit_span(c, unit, n, &a, &b, &gran))
		return 0;
	set(c, m, i, p, a, b, gran, rel_flags(c, b > c->ref ? a : b));
	if (n > 0)
		m->d.flags |= VL_DATE_FUTURE;
	return 1;
}

/* "en début de semaine", "en fin d'année", "à la fin du mois", "au
 * début de l'année prochaine": a third of a unit. */
static int r_unitpart(const dctx *c, size_t i, dmatch *m)
{
	size_t p = i;
	int which, unit, n, gran;
	int32_t a, b, len;

	if (c->ref == NONE)
		return 0;
	if (key(c, p, K_EN) || key(c, p, K_AU)) {
		p++;
	} else if (key(c, p, K_A) && key(c, p + 1, K_THE)) {
		p += 2;
	} else if (!key(c, p, K_START) && !key(c, p, K_END)) {
		return 0;
	}
	if (key(c, p, K_START))
		which = 0;
	else if (key(c, p, K_MID))
		which = 1;
	else if (key(c, p, K_END))
		which = 2;
	else
		return 0;
	p++;
	if (key(c, p, K_DU)) {
		p++;
	} else if (key(c, p, K_OF)) {
		p++;
		if (key(c, p, K_THE) || key(c, p, K_THIS))
			p++;
	} else {
		return 0;
	}
	if (!is_unit(c, p, &unit) || unit < U_WEEK)
		return 0;
	p++;
	n = modifier(c, p);
	if (n)
		p++;
	if (c->reading != VL_READ_NEWS && n)
		return 0;
	if (!unit_span(c, unit, n, &a, &b, &gran))
		return 0;
	len = b - a + 1;
	if (unit == U_WEEK) {
		/* a week's start is Monday-Tuesday, its end Friday-Sunday */
		a += which == 0 ? 0 : which == 1 ? 2 : 4;
		b = a + (which == 0 ? 1 : which == 1 ? 1 : 2);
	} else {
		b = a + (which + 1) * len / 3 - 1;
		a += which * len / 3;
	}
	set(c, m, i, p, a, b, gran, rel_flags(c, a) | VL_DATE_APPROX);
	return 1;
}

/* "il y a trois ans", "il y a bientôt trois ans", "two years ago",
 * "dans deux semaines", "depuis six mois", "d'ici trois ans". */
static int r_ago(const dctx *c, size_t i, dmatch *m)
{
	size_t p = i;
	int sign, unit, dur = 0, approx = 0, until = 0;
	int32_t n, day;

	if (c->ref == NONE)
		return 0;
	if (key(c, p, K_IL) && key(c, p + 1, K_Y) && key(c, p + 2, K_A)) {
		sign = -1;
		p += 3;
	} else if (key(c, p, K_IN) && !glued(c, p + 1)) {
		sign = 1;
		p++;
	} else if (key(c, p, K_SINCE)) {
		sign = -1;
		dur = 1;
		p++;
	} else if (key(c, p, K_OF) && key(c, p + 1, K_HERE)) {
		sign = 1; /* "d'ici trois ans" */
		until = 1;
		p += 2;
	} else if (c->reading != VL_READ_NEWS &&
		   (key(c, p, K_FOR) || key(c, p, K_OF) || key(c, p, K_EN))) {
		sign = 1; /* chrono-node: "pour 5 minutes", "en 1 heure" */
		p++;
	} else if (qty(c, p, &n) && is_unit(c, p + 1, &unit) &&
		   key(c, p + 2, K_AGO)) {
		day = shift(c, c->ref, -(int64_t)n, unit);
		set(c, m, i, p + 3, day, day, VL_GRAN_DAY,
		    VL_DATE_RELATIVE | (unit >= U_MONTH ? VL_DATE_APPROX : 0));
		return 1;
	} else {
		return 0;
	}
	/* "bientôt", "près de", "environ", "plus de", "moins de" */
	for (int k = 0; k < 3; k++) {
		if (key(c, p, K_SOON) || key(c, p, K_TOWARDS)) {
			approx = 1;
			p++;
		} else if ((key(c, p, K_NEAR) || key(c, p, K_PLUS) ||
			    word(c, p, "moins")) &&
			   key(c, p + 1, K_OF)) {
			approx = 1;
			p += 2;
		}
	}
	if (!qty(c, p, &n) || !is_unit(c, p + 1, &unit))
		return 0;
	if (n == 0)
		return 0;
	p += 2;
	day = shift(c, c->ref, sign * (int64_t)n, unit);
	if (dur || until) {
		set(c, m, i, p, day, c->ref, VL_GRAN_DAY,
		    VL_DATE_RELATIVE | VL_DATE_DURATION |
			    (approx ? VL_DATE_APPROX : 0));
		if (until)
			m->d.flags |= VL_DATE_FUTURE;
		return 1;
	}
	set(c, m, i, p, day, day, VL_GRAN_DAY,
	    rel_flags(c, day) |
		    (approx || unit >= U_MONTH ? VL_DATE_APPROX : 0));
	return 1;
}

/* "les 30 derniers jours", "les 2 prochaines semaines", "les 24 heures
 * passées", "ces trois dernières années", "the past two weeks". */
static int r_lastn(const dctx *c, size_t i, dmatch *m)
{
	size_t p = i;
	int unit, mod;
	unsigned approx = 0;
	int32_t n, a, b;

	if (c->ref == NONE || !(key(c, p, K_THE) || key(c, p, K_THIS)))
		return 0;
	p++;
	if ((mod = modifier(c, p)) != 0 && qty(c, p + 1, &n) &&
	    is_unit(c, p + 2, &unit)) {
		p += 3; /* "the past two weeks" */
	} else if (qty(c, p, &n) && (mod = modifier(c, p + 1)) != 0 &&
		   is_unit(c, p + 2, &unit)) {
		p += 3;
	} else if (qty(c, p, &n) && is_unit(c, p + 1, &unit) &&
		   (mod = modifier(c, p + 2)) != 0) {
		p += 3;
	} else if ((mod = modifier(c, p)) != 0 && is_unit(c, p + 1, &unit) &&
		   c->v[p + 1].wl > 1 &&
		   c->v[p + 1].w[c->v[p + 1].wl - 1] == 's' &&
		   !key(c, p + 2, K_OF) && !key(c, p + 2, K_DU)) {
		/* "ces derniers jours", "les prochaines semaines": a few */
		n = 3;
		p += 2;
		approx = VL_DATE_APPROX;
	} else {
		return 0;
	}
	if (n == 0 || n > MAX_QTY)
		return 0;
	if (mod < 0) {
		a = shift(c, c->ref, -(int64_t)n, unit);
		set(c, m, i, p, a, c->ref, VL_GRAN_DAY,
		    VL_DATE_RELATIVE | VL_DATE_DURATION | approx);
		return 1;
	}
	b = shift(c, c->ref, n, unit);
	if (c->reading != VL_READ_NEWS) {
		set(c, m, i, p, b, b, VL_GRAN_DAY, rel_flags(c, b));
		return 1;
	}
	a = unit < U_DAY ? c->ref : c->ref + 1;
	set(c, m, i, p, a, b, VL_GRAN_DAY,
	    VL_DATE_RELATIVE | VL_DATE_DURATION | VL_DATE_FUTURE | approx);
	return 1;
}

/* The part of a month: 0 start (1-10), 1 middle (11-20), 2 end (21-),
 * 3 the whole month. */
static void month_part(int64_t y, int mo, int which, int32_t *a, int32_t *b)
{
	int len = vl__days_in_month(y, mo);
	static const int from[4] = { 1, 11, 21, 1 }, to[4] = { 10, 20, 0, 0 };
	*a = ymd(y, mo, from[which]);
	*b = ymd(y, mo, to[which] ? to[which] : len);
}

/* Lead-in of a month, a year or a season: "en", "début", "fin", "mi",
 * "courant", "depuis", "d'ici", "jusqu'en", "in", "early", "late".
 * *which: 0 start, 1 middle, 2 end, 3 whole; *since: 1 a span to the
 * reference, 2 a date ahead ("d'ici"). Returns the lexeme after it, or i when
 * there is none. */
static size_t lead(const dctx *c, size_t i, int *which, int *since, int *ok)
{
	size_t p = i;
	*which = 3;
	*since = 0;
	*ok = 1;
	if (key(c, p, K_SINCE)) {
		*since = 1;
		return p + 1;
	}
	if (key(c, p, K_UNTIL) && key(c, p + 1, K_EN))
		return p + 2;
	if (key(c, p, K_OF) && key(c, p + 1, K_HERE)) {
		*since = 2; /* "d'ici fin avril": ahead */
		p += 2;
	} else if (key(c, p, K_EN) || key(c, p, K_IN) || key(c, p, K_DURING) ||
		   key(c, p, K_DES) || word(c, p, "avant") ||
		   word(c, p, "apres") || word(c, p, "before") ||
		   word(c, p, "after")) {
		p++;
		if (key(c, p, K_THE) && key(c, p + 1, K_MID))
			p++;
	}
	if (key(c, p, K_START) || key(c, p, K_MID) || key(c, p, K_END)) {
		*which = key(c, p, K_START) ? 0 : key(c, p, K_MID) ? 1 : 2;
		p++;
		if (key(c, p, K_OF) && !has(c, p + 1, C_UNIT))
			p++; /* "fin de 2023", "mid of" */
		return p;
	}
	if (p == i)
		*ok = 0;
	return p;
}

/* "en mars", "fin juillet 2024", "mi-mars", "en août dernier", "mars
 * 2025", "depuis janvier", "courant mars", "le mois d'avril", "in March". */
static int r_month(const dctx *c, size_t i, dmatch *m)
{
	size_t p, j;
	int which, since, ok, mo, mod = 0, tense, rel = 0;
	int64_t y;
	int32_t a, b;

	p = lead(c, i, &which, &since, &ok);
	if (!ok && (key(c, i, K_THE) || key(c, i, K_AU)) &&
	    has(c, i + 1, C_UNIT) && val(c, i + 1, C_UNIT) == U_MONTH &&
	    key(c, i + 2, K_OF)) {
		if (c->reading != VL_READ_NEWS)
			return 0; /* chrono-node reads no "mois de" */
		p = i + 3;
		ok = 1;
	}
	if (!(j = month_at(c, p, &mo, ok)))
		return 0;
	/* "32 août 2014": the number before was no day */
	if (!ok &&
	    (!has(c, p, C_MONTH) || (p > 0 && (c->v[p - 1].cls[0] == C_NUM ||
					       c->v[p - 1].cls[0] == C_ORD))))
		return 0;
	if ((p = year_at(c, j, &y, 0)) != 0 && !amount_after(c, p)) {
		j = p;
	} else {
		if (!ok)
			return 0; /* a month alone: "Mars", "mai" */
		if (c->ref == NONE)
			return 0;
		mod = modifier(c, j);
		if (mod)
			j++;
		tense = mod ? 0 : since == 2 ? 1 : vl__dates_tense(c, i, j);
		y = month_year(c, mo, mod, tense);
		rel = 1;
	}
	month_part(y, mo, which, &a, &b);
	if (a == NONE || b == NONE)
		return 0;
	if (since == 1 && c->ref != NONE && a <= c->ref) {
		set(c, m, i, j, a, c->ref, VL_GRAN_DAY,
		    VL_DATE_DURATION | VL_DATE_RELATIVE);
		return 1;
	}
	set(c, m, i, j, a, b, VL_GRAN_MONTH,
	    (which != 3 ? VL_DATE_APPROX : 0) | (rel ? VL_DATE_RELATIVE : 0));
	return 1;
}

/* "en 2024", "depuis 2014", "fin 2023", "début 2023", "l'année 2024",
 * "in 2024", "d'ici 2030". */
static int r_year(const dctx *c, size_t i, dmatch *m)
{
	size_t p, j;
	int which, since, ok;
	int64_t y;
	int32_t a, b;

	p = lead(c, i, &which, &since, &ok);
	if (!ok) {
		/* "l'année 2024", "année 2024" */
		if (key(c, p, K_THE))
			p++;
		if (!has(c, p, C_UNIT) || val(c, p, C_UNIT) != U_YEAR)
			return 0;
		p++;
	}
	if (!(j = year_at(c, p, &y, 0)) || y < 1000 || y > 2200 ||
	    c->v[p].ndig != 4)
		return 0;
	if (amount_after(c, j))
		return 0; /* "en 2024 heures", "2000 %" */
	a = ymd(y, 1, 1);
	b = ymd(y, 12, 31);
	/* start: January to March; middle: May to August; end: October to
	 * December */
	if (which == 0) {
		b = ymd(y, 3, 31);
	} else if (which == 1) {
		a = ymd(y, 5, 1);
		b = ymd(y, 8, 31);
	} else if (which == 2) {
		a = ymd(y, 10, 1);
	}
	if (since == 1 && c->ref != NONE && a <= c->ref) {
		set(c, m, i, j, a, c->ref, VL_GRAN_DAY,
		    VL_DATE_DURATION | VL_DATE_RELATIVE);
		return 1;
	}
	set(c, m, i, j, a, b, VL_GRAN_YEAR, which != 3 ? VL_DATE_APPROX : 0);
	return 1;
}

/* "au printemps 2022", "l'été dernier", "cet hiver", "en automne". */
static int r_season(const dctx *c, size_t i, dmatch *m)
{
	static const int start_m[5] = { 0, 3, 6, 9, 12 };
	static const int start_d[5] = { 0, 20, 21, 23, 21 };
	size_t p = i, j;
	int s, mod = 0, tense, this = 0;
	int64_t y;
	int32_t a, b;

	if (key(c, p, K_AU) || key(c, p, K_EN) || key(c, p, K_IN)) {
		p++;
	} else if ((key(c, p, K_A) || key(c, p, K_OF)) &&
		   key(c, p + 1, K_THE)) {
		p += 2;
	} else if (key(c, p, K_THE)) {
		p++;
	} else if (key(c, p, K_THIS)) {
		this = 1;
		p++;
	} else {
		return 0;
	}
	if (key(c, p, K_THE))
		p++;
	if (!has(c, p, C_SEASON))
		return 0;
	s = val(c, p, C_SEASON);
	j = p + 1;
	if (year_at(c, j, &y, 0)) {
		j++;
	} else {
		int64_t ry;
		int rm, rd;
		if (c->ref == NONE)
			return 0;
		/* "l'été" alone could be anything; a modifier or "cet"/"en"
		 * makes it this one */
		mod = modifier(c, j);
		if (mod)
			j++;
		else if (key(c, i, K_THE) && !this)
			return 0;
		civil(c->ref, &ry, &rm, &rd);
		tense = this ? 0 : vl__dates_tense(c, i, j);
		y = ry;
		if (this) {
			if (s == 4 && rm <= 3)
				y--;
		} else {
			y = month_year(c, start_m[s], mod, tense);
			if (s == 4 && !mod && rm <= 3)
				y = ry - 1;
		}
	}
	a = ymd(y, start_m[s], start_d[s]);
	b = s == 4 ? ymd(y + 1, 3, 19) : ymd(y, start_m[s] + 3, start_d[s] - 1);
	set(c, m, i, j, a, b, VL_GRAN_QUARTER,
	    j == p + 2 && year_at(c, p + 1, &y, 0) ? 0 : VL_DATE_RELATIVE);
	return 1;
}

/* "les années 1990", "dans les années 80", "the 1990s". */
static int r_decade(const dctx *c, size_t i, dmatch *m)
{
	size_t p = i;
	int32_t v;
	int64_t y;

	if (key(c, p, K_IN))
		p++;
	if (!(key(c, p, K_THE) || key(c, p, K_DES)))
		return 0;
	p++;
	if (word(c, p, "annees")) {
		p++;
		v = num(c, p, 4);
		if (v < 0 || v % 10 != 0 ||
		    !(c->v[p].ndig == 4 || c->v[p].ndig == 2))
			return 0;
		y = c->v[p].ndig == 2 ? 1900 + v : v;
		p++;
	} else {
		v = num(c, p, 4);
		if (v < 1000 || v % 10 != 0 || !word(c, p + 1, "s") ||
		    !glued(c, p + 1))
			return 0;
		y = v;
		p += 2;
	}
	set(c, m, i, p, ymd(y, 1, 1), ymd(y + 9, 12, 31), VL_GRAN_DECADE, 0);
	return 1;
}

/* "ce matin", "cet après-midi", "ce soir", "cette nuit", "à midi",
 * "à minuit", "soir à 8", "après-midi à 5". */
static int r_part(const dctx *c, size_t i, dmatch *m)
{
	size_t p = i;
	int part, lead_word = 0, nd = 0;
	int32_t h;
	clk t;

	if (c->ref == NONE)
		return 0;
	if (key(c, p, K_THIS) || key(c, p, K_A)) {
		lead_word = key(c, p, K_THIS) ? 1 : 2;
		p++;
	}
	if (!has(c, p, C_PART))
		return 0;
	part = val(c, p, C_PART);
	p++;
	if (lead_word == 2 && part != P_NOON && part != P_MIDNIGHT)
		return 0;
	if (la_after(c, p))
		return 0;
	if (!lead_word) {
		/* "soir à 8": a part with a bare hour after it */
		if (!key(c, p, K_A) || (h = num(c, p + 1, 2)) < 0 || h > 12)
			return 0;
		p += 2;
	} else {
		size_t e = time_tail(c, p, &nd);
		if (e == p && clock_at(c, p, &t) == 0 && key(c, p, K_A) &&
		    num(c, p + 1, 2) >= 0)
			e = p + 2;
		p = e;
	}
	set(c, m, i, p, c->ref, c->ref, VL_GRAN_PART, VL_DATE_RELATIVE);
	m->d.part = (uint8_t)vl_part(part);
	if (nd)
		m->end_day = c->ref + 1;
	return 1;
}

/* A clock time alone, "à 18h", "8h10", "13h-15h", "de 7h à 10h": the
 * reference day (or the day after when the range passes midnight). */
static int r_clock(const dctx *c, size_t i, dmatch *m)
{
	size_t p = i, j;
	int nd;
	clk t;

	if (c->ref == NONE)
		return 0;
	if (key(c, p, K_A) || key(c, p, K_TOWARDS))
		p++;
	j = clock_range(c, p, &t, &nd);
	if (!j || !t.sure)
		return 0;
	j = zone(c, j);
	set(c, m, i, j, c->ref, c->ref, VL_GRAN_PART, VL_DATE_RELATIVE);
	m->d.part = (uint8_t)part_of_hour(t.h);
	if (nd)
		m->end_day = c->ref + 1;
	return 1;
}

typedef int (*rule_fn)(const dctx *c, size_t i, dmatch *m);

/* Does lexeme k say anything about time by itself (a month, a number, a
 * unit, "hier", "prochain"...), unlike "le", "de", "en", "et"? */
static int content(const dctx *c, size_t k)
{
	const lx *x = &c->v[k];
	for (int q = 0; q < 2; q++) {
		switch (x->cls[q]) {
		case C_NONE:
		case C_WORD:
		case C_PUNCT: break;
		case C_KEY:
			switch (x->val[q]) {
			case K_THE:
			case K_OF:
			case K_A:
			case K_EN:
			case K_DU:
			case K_AU:
			case K_DES:
			case K_AND:
			case K_ON:
			case K_FOR:
			case K_IN:
			case K_THIS:
			case K_IL:
			case K_Y:
			case K_TOWARDS:
			case K_UNTIL:
			case K_SINCE:
			case K_HERE:
			case K_PLUS:
			case K_NEAR:
			case K_CI:
			case K_H:
			case K_AM:
			case K_PM:
			case K_BC:
			case K_AD: break;
			default: return 1;
			}
			break;
		default: return 1;
		}
	}
	return 0;
}

int vl__dates_match(const dctx *c, size_t i, dmatch *m)
{
	static const rule_fn num_rules[] = { r_date, r_clock, r_ago, NULL };
	static const rule_fn word_rules[] = {
		r_date,	  r_weekday, r_modweekday, r_partof,
		r_relday, r_unitrel, r_unitpart,   r_ago,
		r_lastn,  r_month,   r_year,	   r_season,
		r_decade, r_part,    r_clock,	   NULL
	};
	const rule_fn *rules;
	const lx *x = &c->v[i];
	dmatch t;
	int found = 0;

	switch (x->cls[0]) {
	case C_NUM:
	case C_DEC:
	case C_ORD: rules = num_rules; break;
	case C_PUNCT:
	case C_NONE: return 0;
	default:
		/* a function word starts an expression only when a word
		 * about time follows soon ("le 28", "il y a trois ans") */
		if (!content(c, i)) {
			size_t k, end = i + 5 < c->n ? i + 5 : c->n;
			for (k = i + 1; k < end && !content(c, k); k++)
				;
			if (k == end)
				return 0;
		}
		rules = word_rules;
	}
	for (; *rules; rules++) {
		memset(&t, 0, sizeof t);
		if ((*rules)(c, i, &t) && t.j > i && (!found || t.j > m->j)) {
			*m = t;
			found = 1;
		}
	}
	return found;
}
