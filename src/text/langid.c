/*
 * langid.c — language identification.
 *
 * A cascade: a cheap function-word count decides the clear cases (most
 * news text: "le la les de des" vs "the of and to"), and libexttextcat's
 * n-gram profiles (Cavnar & Trenkle 1994) decide the rest. The profile
 * list is restricted to the languages veille is likely to meet, which
 * makes textcat both faster and less often wrong on short texts.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <textcat.h>
#include <unistd.h>

#include "text/analysis.h"
#include "veille.h"

#ifndef VL_TEXTCAT_DIR
#define VL_TEXTCAT_DIR "/usr/share/libexttextcat/"
#endif

static const char *const profiles[] = { "fr", "en", "de", "es", "it",
					"pt", "nl", "ca", "ro", "pl",
					"sv", "da", NULL };

/* Function words that tell one language from the others, lowercase
 * ASCII-folded, sorted for bsearch. A word shared by two of these
 * languages (la, de, en, que, il, a, e ...) is left out: it says nothing. */
enum { L_FR, L_EN, L_DE, L_ES, L_IT, N_STOP };
static const char *const stop_lang[N_STOP] = { "fr", "en", "de", "es", "it" };
static const struct stopword {
	const char *w;
	int lang;
} stopwords[] = {
	{ "al", L_ES },	   { "alla", L_IT },  { "anche", L_IT },
	{ "and", L_EN },   { "are", L_EN },   { "as", L_EN },
	{ "at", L_EN },	   { "auch", L_DE },  { "auf", L_DE },
	{ "aux", L_FR },   { "avec", L_FR },  { "be", L_EN },
	{ "but", L_EN },   { "by", L_EN },    { "cette", L_FR },
	{ "che", L_IT },   { "como", L_ES },  { "con", L_ES },
	{ "dans", L_FR },  { "das", L_DE },   { "del", L_ES },
	{ "della", L_IT }, { "dem", L_DE },   { "den", L_DE },
	{ "der", L_DE },   { "des", L_FR },   { "di", L_IT },
	{ "die", L_DE },   { "du", L_FR },    { "ein", L_DE },
	{ "eine", L_DE },  { "el", L_ES },    { "est", L_FR },
	{ "et", L_FR },	   { "for", L_EN },   { "from", L_EN },
	{ "fue", L_ES },   { "gli", L_IT },   { "has", L_EN },
	{ "hat", L_DE },   { "have", L_EN },  { "is", L_EN },
	{ "ist", L_DE },   { "it", L_EN },    { "las", L_ES },
	{ "le", L_FR },	   { "les", L_FR },   { "los", L_ES },
	{ "mais", L_FR },  { "mit", L_DE },   { "nel", L_IT },
	{ "nicht", L_DE }, { "non", L_IT },   { "of", L_EN },
	{ "on", L_EN },	   { "ont", L_FR },   { "para", L_ES },
	{ "pas", L_FR },   { "pero", L_ES },  { "por", L_ES },
	{ "pour", L_FR },  { "qui", L_FR },   { "said", L_EN },
	{ "sich", L_DE },  { "sono", L_IT },  { "sont", L_FR },
	{ "sur", L_FR },   { "sus", L_ES },   { "that", L_EN },
	{ "the", L_EN },   { "this", L_EN },  { "to", L_EN },
	{ "und", L_DE },   { "une", L_FR },   { "von", L_DE },
	{ "was", L_EN },   { "which", L_EN }, { "wird", L_DE },
	{ "with", L_EN },  { "y", L_ES },     { "zu", L_DE },
};
#define N_WORDS (sizeof stopwords / sizeof stopwords[0])

/* first[c] .. first[c + 1]: the entries starting with letter 'a' + c. */
static size_t first[27];

static void index_words(void)
{
	size_t k = 0;
	for (int c = 0; c < 26; c++) {
		first[c] = k;
		while (k < N_WORDS && stopwords[k].w[0] == 'a' + c)
			k++;
	}
	first[26] = N_WORDS;
}

static pthread_once_t once = PTHREAD_ONCE_INIT;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static void *textcat;

static void init_textcat(void)
{
	char path[] = "/tmp/veille-langid-XXXXXX";
	const char *dir = getenv("VEILLE_TEXTCAT_DIR");
	int fd = mkstemp(path);
	FILE *f;

	if (fd < 0)
		return;
	f = fdopen(fd, "w");
	if (!f) {
		close(fd);
		unlink(path);
		return;
	}
	for (int i = 0; profiles[i]; i++)
		fprintf(f, "%s.lm %s--utf8\n", profiles[i], profiles[i]);
	fclose(f);
	textcat = special_textcat_Init(path, dir ? dir : VL_TEXTCAT_DIR);
	unlink(path);
}

int vl__langid_init(void)
{
	pthread_once(&once, init_textcat);
	return textcat ? 0 : VL_EIO;
}

/* Count function words among the first 200 words of the text. */
static void count_words(const char *s, size_t len, int *score, int *words)
{
	char w[16];
	size_t i = 0, n;

	*words = 0;
	while (i < len && *words < 200) {
		while (i < len &&
		       !((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z'))
			i++;
		n = 0;
		while (i < len &&
		       ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z')) {
			if (n < sizeof w - 1)
				w[n] = (char)(s[i] | 0x20);
			n++;
			i++;
		}
		/* A word glued to a non-ASCII letter is part of a longer word
		 * ("fût"); one after a non-ASCII letter too ("été"). */
		if (!n || n >= sizeof w ||
		    (i < len && (unsigned char)s[i] >= 0x80) ||
		    (i > n && (unsigned char)s[i - n - 1] >= 0x80))
			continue;
		w[n] = '\0';
		(*words)++;
		if (n <= 5) {
			/* Only the entries that start with the same letter. */
			size_t lo = first[w[0] - 'a'],
			       hi = first[w[0] - 'a' + 1];
			for (size_t k = lo; k < hi; k++)
				if (stopwords[k].w[1] == w[1] &&
				    !strcmp(stopwords[k].w, w)) {
					score[stopwords[k].lang]++;
					break;
				}
		}
	}
}

static pthread_once_t index_once = PTHREAD_ONCE_INIT;

const char *vl__langid(const char *text, size_t len)
{
	int score[N_STOP] = { 0 }, words, best = 0, second = -1;
	size_t k, sample = len < 2000 ? len : 2000;
	const char *r, *lang = "und";
	char copy[2001];

	pthread_once(&index_once, index_words);
	count_words(text, sample, score, &words);
	for (k = 1; k < N_STOP; k++) {
		if (score[k] > score[best]) {
			second = best;
			best = (int)k;
		} else if (second < 0 || score[k] > score[second]) {
			second = (int)k;
		}
	}
	if (words >= 12 && score[best] >= 6 && score[best] >= 4 * score[second])
		return stop_lang[best];
	if (vl__langid_init())
		return words >= 3 && score[best] > score[second]
			       ? stop_lang[best]
			       : "und";
	/* textcat reads up to a NUL whatever length it is given: classify
	 * a terminated copy, cut on a character boundary. */
	while (sample > 0 && sample < len &&
	       ((unsigned char)text[sample] & 0xC0) == 0x80)
		sample--;
	memcpy(copy, text, sample);
	copy[sample] = '\0';
	pthread_mutex_lock(&lock);
	r = textcat_Classify(textcat, copy, sample);
	if (r && r[0] == '[') {
		/* "[fr--utf8][...]": take the first guess's language. */
		for (int i = 0; profiles[i]; i++) {
			size_t n = strlen(profiles[i]);
			if (!strncmp(r + 1, profiles[i], n) &&
			    r[1 + n] == '-') {
				lang = profiles[i];
				break;
			}
		}
	}
	pthread_mutex_unlock(&lock);
	return lang;
}
