/*
 * lexicon.c — the word tables of the quotation stage, read once from the
 * compiled-in text files data/quotes/speech-verbs-fr.txt (speech verbs:
 * an -er verb by its infinitive, whose forms are made here; any other
 * with its forms listed) and data/quotes/quote-cues-fr.txt (title words,
 * sources of figures, nouns for speakers). Words are kept by a 64-bit
 * hash of their matching form in one open-addressing table.
 */
#include <pthread.h>
#include <string.h>
#include <xxhash.h>

#include "quote-cues-fr.txt.inc"
#include "quotes/quotes_int.h"
#include "speech-verbs-fr.txt.inc"
#include "util/alloc.h"

typedef struct entry {
	uint64_t hash; /* 0: empty slot */
	unsigned flags;
} entry;

static entry *slots;
static size_t mask;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static uint64_t word_hash(const char *s, size_t len)
{
	uint64_t h = XXH3_64bits(s, len);
	return h ? h : 1;
}

static void put(const char *s, size_t len, unsigned flags)
{
	uint64_t h = word_hash(s, len);
	size_t i = h & mask;

	while (slots[i].hash && slots[i].hash != h)
		i = (i + 1) & mask;
	slots[i].hash = h;
	slots[i].flags |= flags;
}

/* Put a written word under its matching form. */
static int put_written(const char *s, size_t len, unsigned flags)
{
	char *form = NULL;
	size_t n = 0;

	if (!len)
		return 0;
	if (vl_text_match_form(&form, &n, s, len))
		return VL_ENOMEM;
	put(form, n, flags);
	vl_free(form);
	return 0;
}

/* The forms of a regular -er verb from its folded stem ("declar"):
 * those a news report writes in the third person, the participles and
 * the infinitive; -ger and -eler verbs get their spelling changes. */
static void put_er(const char *stem, size_t n, unsigned flags)
{
	static const char *const endings[] = {
		"e",	 "es",	"ent",	 "ait",	  "aient",   "a",
		"erent", "era", "eront", "erait", "eraient", "ant",
		"ee",	 "ees", "er",	 "ons",	  NULL
	};
	static const char *const soft[] = { "eait", "eaient", "ea", "eant",
					    NULL };
	static const char *const doubled[] = { "le",	 "lent",   "lera",
					       "leront", "lerait", NULL };
	char w[96];

	if (n + 8 >= sizeof w)
		return;
	memcpy(w, stem, n);
	for (size_t k = 0; endings[k]; k++) {
		size_t e = strlen(endings[k]);
		memcpy(w + n, endings[k], e);
		put(w, n + e, flags);
	}
	if (n && stem[n - 1] == 'g')
		for (size_t k = 0; soft[k]; k++) {
			size_t e = strlen(soft[k]);
			memcpy(w + n, soft[k], e);
			put(w, n + e, flags);
		}
	if (n > 2 && stem[n - 1] == 'l' && stem[n - 2] == 'e')
		for (size_t k = 0; doubled[k]; k++) {
			size_t e = strlen(doubled[k]);
			memcpy(w + n, doubled[k], e);
			put(w, n + e, flags);
		}
}

static int is_space(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r';
}

/* "lemma [q] [i][: forms...]" */
static int verb_line(const char *s, size_t len)
{
	const char *end = s + len, *colon = memchr(s, ':', len), *p;
	const char *lemma_end = s;
	unsigned flags = VL_QW_VERB;
	char *form = NULL;
	size_t n = 0;
	int rc = 0;

	while (lemma_end < end && !is_space(*lemma_end) && *lemma_end != ':')
		lemma_end++;
	for (p = lemma_end; p < (colon ? colon : end); p++) {
		if (*p == 'q')
			flags |= VL_QW_QUE;
		else if (*p == 'i')
			flags |= VL_QW_INF;
	}
	if ((rc = put_written(s, (size_t)(lemma_end - s), flags)))
		return rc;
	if (colon) {
		for (p = colon + 1; p < end;) {
			const char *w;
			while (p < end && is_space(*p))
				p++;
			w = p;
			while (p < end && !is_space(*p))
				p++;
			if ((rc = put_written(w, (size_t)(p - w), flags)))
				return rc;
		}
		return 0;
	}
	if (vl_text_match_form(&form, &n, s, (size_t)(lemma_end - s)))
		return VL_ENOMEM;
	if (n > 2 && !memcmp(form + n - 2, "er", 2))
		put_er(form, n - 2, flags);
	vl_free(form);
	return 0;
}

/* "section<TAB>word" */
static int cue_line(const char *s, size_t len)
{
	static const struct {
		const char *name;
		unsigned flag;
	} sections[] = { { "title", VL_QW_TITLE },
			 { "nosource", VL_QW_NOSOURCE },
			 { "person", VL_QW_PERSON },
			 { "body", VL_QW_BODY } };
	const char *tab = memchr(s, '\t', len);

	if (!tab)
		return 0;
	for (size_t k = 0; k < sizeof sections / sizeof *sections; k++)
		if (strlen(sections[k].name) == (size_t)(tab - s) &&
		    !memcmp(sections[k].name, s, (size_t)(tab - s)))
			return put_written(tab + 1, len - (size_t)(tab + 1 - s),
					   sections[k].flag);
	return 0;
}

static int load(const unsigned char *data, size_t len,
		int (*line)(const char *, size_t))
{
	const char *s = (const char *)data, *end = s + len, *nl;

	for (; s < end; s = nl + 1) {
		size_t n;
		nl = memchr(s, '\n', (size_t)(end - s));
		if (!nl)
			nl = end;
		n = (size_t)(nl - s);
		while (n && is_space(s[n - 1]))
			n--;
		if (n && s[0] != '#' && line(s, n))
			return VL_ENOMEM;
	}
	return 0;
}

static void build(void)
{
	size_t lines = 0, cap = 1024;

	for (size_t i = 0; i < vl__data_speech_verbs_fr_txt_len; i++)
		lines += vl__data_speech_verbs_fr_txt[i] == '\n';
	for (size_t i = 0; i < vl__data_quote_cues_fr_txt_len; i++)
		lines += vl__data_quote_cues_fr_txt[i] == '\n';
	/* an -er verb makes about twenty forms */
	while (cap < 64 * lines)
		cap *= 2;
	if (!(slots = vl__calloc(cap, sizeof *slots)))
		return;
	mask = cap - 1;
	for (size_t g = 0; vl__qgrammar[g].words; g++)
		for (const char *const *w = vl__qgrammar[g].words; *w; w++)
			put(*w, strlen(*w), vl__qgrammar[g].flag);
	if (load(vl__data_speech_verbs_fr_txt, vl__data_speech_verbs_fr_txt_len,
		 verb_line) ||
	    load(vl__data_quote_cues_fr_txt, vl__data_quote_cues_fr_txt_len,
		 cue_line)) {
		vl__freep(slots);
		slots = NULL;
	}
}

unsigned vl__qword(const char *norm, size_t len)
{
	uint64_t h;
	size_t i;

	pthread_once(&once, build);
	if (!slots || !len)
		return 0;
	h = word_hash(norm, len);
	for (i = h & mask; slots[i].hash; i = (i + 1) & mask)
		if (slots[i].hash == h)
			return slots[i].flags;
	return 0;
}
