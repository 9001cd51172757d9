/*
 * lexicon.c — the words of dates (data/dates/words.txt, compiled in):
 * months, weekdays, number words, units, parts of the day, seasons and
 * the words the rules look for. The table is read once into a static
 * open-addressing hash whose keys point into the compiled-in text, so
 * building it allocates nothing and cannot fail; a malformed line is
 * skipped and reported by vl__dates_lexicon_check (a unit test keeps the
 * table clean).
 */
#include <pthread.h>
#include <string.h>

#include "dates/dates_int.h"
#include "words.txt.inc"

#define SLOTS 2048 /* power of two, well above the table's words */
#define MAX_WORD 24

typedef struct slot {
	const char *w; /* into vl__data_words_txt; NULL: empty */
	uint8_t len;
	vl_dword m;
} slot;

static slot table[SLOTS];
static int bad_line;
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* FNV-1a: words are short, and this is a handful of cycles. */
static uint32_t hash(const char *w, size_t len)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)w[i]) * 16777619u;
	return h;
}

static int eq(const char *a, size_t alen, const char *b, size_t blen)
{
	return alen == blen && !memcmp(a, b, alen);
}

static const char *const unit_names[] = { "sec",   "min",     "hour",
					  "day",   "week",    "weekend",
					  "month", "quarter", "half",
					  "year",  "decade",  "century" };
static const char *const part_names[] = { "morning", "afternoon", "evening",
					  "night",   "noon",	  "midnight" };
static const char *const key_names[K__COUNT] = {
	NULL,	   "yesterday", "daybefore", "today",	"tomorrow",  "dayafter",
	"eve",	   "eve2",	"morrow",    "morrow2", "now",	     "tonight",
	"next",	   "last",	"past",	     "prev",	"following", "ago",
	"il",	   "y",		"a",	     "in",	"since",     "en",
	"the",	   "this",	"du",	     "au",	"des",	     "of",
	"towards", "end",	"start",     "mid",	"during",    "here",
	"soon",	   "near",	"on",	     "and",	"until",     "for",
	"ci",	   "bc",	"ad",	     "am",	"pm",	     "h",
	"plus",	   "tot",	"tard"
};

/* Index + 1 of name (len bytes) in names[0..n), or 0. */
static int name_index(const char *const *names, size_t n, const char *s,
		      size_t len)
{
	for (size_t i = 0; i < n; i++)
		if (names[i] && eq(names[i], strlen(names[i]), s, len))
			return (int)i + 1;
	return 0;
}

/* A decimal number, or -1. */
static int small_int(const char *s, size_t len)
{
	int v = 0;
	if (len == 0 || len > 4)
		return -1;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

static int add_word(const char *w, size_t len, int cls, int val)
{
	uint32_t h;
	if (len == 0 || len > MAX_WORD)
		return -1;
	h = hash(w, len) & (SLOTS - 1);
	for (;;) {
		slot *s = &table[h];
		if (!s->w) {
			s->w = w;
			s->len = (uint8_t)len;
			s->m.cls[0] = (uint8_t)cls;
			s->m.val[0] = (int16_t)val;
			return 0;
		}
		if (eq(s->w, s->len, w, len)) {
			if (s->m.cls[1] != C_NONE)
				return -1; /* a third meaning */
			s->m.cls[1] = (uint8_t)cls;
			s->m.val[1] = (int16_t)val;
			return 0;
		}
		h = (h + 1) & (SLOTS - 1);
	}
}

/* Next blank-separated field of [*p, end), or NULL. */
static const char *field(const char **p, const char *end, size_t *len)
{
	const char *s = *p, *f;
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	if (s == end || *s == '#') {
		*p = end;
		return NULL;
	}
	f = s;
	while (s < end && *s != ' ' && *s != '\t')
		s++;
	*len = (size_t)(s - f);
	*p = s;
	return f;
}

/* One line "CLASS VALUE FORM..."; -1 when malformed. */
static int read_line(const char *s, const char *end)
{
	static const struct {
		const char *name;
		int cls;
	} classes[] = { { "month", C_MONTH },	{ "month*", C_MONTHA },
			{ "wday", C_WDAY },	{ "wday*", C_WDAYA },
			{ "num", C_NUMW },	{ "ord", C_ORDW },
			{ "unit", C_UNIT },	{ "part", C_PART },
			{ "season", C_SEASON }, { "key", C_KEY } };
	const char *f, *v;
	size_t flen, vlen, n = 0;
	int cls = 0, val = -1;

	f = field(&s, end, &flen);
	if (!f)
		return 0; /* blank or comment */
	for (size_t i = 0; i < sizeof classes / sizeof *classes; i++)
		if (eq(classes[i].name, strlen(classes[i].name), f, flen))
			cls = classes[i].cls;
	v = field(&s, end, &vlen);
	if (!cls || !v)
		return -1;
	switch (cls) {
	case C_UNIT: val = name_index(unit_names, 12, v, vlen); break;
	case C_PART: val = name_index(part_names, 6, v, vlen); break;
	case C_KEY: val = name_index(key_names, K__COUNT, v, vlen) - 1; break;
	default: val = small_int(v, vlen);
	}
	if (val <= 0 && !(val == 0 && (cls == C_WDAY || cls == C_WDAYA)))
		return -1;
	while ((f = field(&s, end, &flen)) != NULL) {
		if (add_word(f, flen, cls, val))
			return -1;
		n++;
	}
	return n ? 0 : -1;
}

static void build(void)
{
	const char *s = (const char *)vl__data_words_txt;
	const char *end = s + vl__data_words_txt_len;
	int line = 0;

	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *le = nl ? nl : end;
		line++;
		if (read_line(s, le) && !bad_line)
			bad_line = line;
		s = le + (nl != NULL);
	}
}

const vl_dword *vl__dates_word(const char *w, size_t len)
{
	uint32_t h;
	pthread_once(&once, build);
	if (len == 0 || len > MAX_WORD)
		return NULL;
	h = hash(w, len) & (SLOTS - 1);
	while (table[h].w) {
		if (eq(table[h].w, table[h].len, w, len))
			return &table[h].m;
		h = (h + 1) & (SLOTS - 1);
	}
	return NULL;
}

int vl__dates_lexicon_check(void)
{
	pthread_once(&once, build);
	return bad_line;
}
