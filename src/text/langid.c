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

static const char *const profiles[] = {"fr", "en", "de", "es", "it", "pt",
				       "nl", "ca", "ro", "pl", "sv", "da",
				       NULL};

/* Function words per language, matched on lowercase ASCII-folded words. */
static const struct {
	const char *lang;
	const char *words; /* space-separated, with a space at both ends */
} stopwords[] = {
	{"fr", " le la les de des du et est une un que qui dans pour pas sur au aux"
	       " il elle ont ete par avec se ce son sa ses leur mais plus "},
	{"en", " the of and to in is that for it was on with as by at from"
	       " has have are be this which not but their said "},
	{"de", " der die das und ist nicht ein eine mit den dem von zu auf"
	       " sich des im fur auch wird sie hat "},
	{"es", " el los las del y es una que en por con para se su al como"
	       " mas pero sus ha fue "},
	{"it", " il di che e la per un una sono con non del della gli nel"
	       " alla anche ha come piu "},
};
#define N_STOP (sizeof stopwords / sizeof stopwords[0])

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

/* Count function words among the first words of the text. */
static void count_words(const char *s, size_t len, int *score, int *words)
{
	char w[24];
	size_t i = 0, n;

	*words = 0;
	while (i < len && *words < 200) {
		while (i < len && !((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z'))
			i++;
		n = 0;
		while (i < len && ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z')) {
			if (n < sizeof w - 2)
				w[1 + n] = (char)(s[i] | 0x20);
			n++;
			i++;
		}
		if (!n || n > sizeof w - 3)
			continue;
		/* A word followed by a non-ASCII letter is part of a longer
		 * word ("fût"): skip it. */
		if (i < len && (unsigned char)s[i] >= 0x80)
			continue;
		(*words)++;
		w[0] = ' ';
		w[n + 1] = ' ';
		w[n + 2] = '\0';
		for (size_t k = 0; k < N_STOP; k++)
			if (strstr(stopwords[k].words, w))
				score[k]++;
	}
}

const char *vl__langid(const char *text, size_t len)
{
	int score[N_STOP] = {0}, words, best = 0, second = -1;
	size_t k, sample = len < 2000 ? len : 2000;
	const char *r, *lang = "und";

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
		return stopwords[best].lang;
	if (vl__langid_init())
		return words >= 3 && score[best] > score[second]
			       ? stopwords[best].lang
			       : "und";
	pthread_mutex_lock(&lock);
	r = textcat_Classify(textcat, text, sample);
	if (r && r[0] == '[') {
		/* "[fr--utf8][...]": take the first guess's language. */
		for (int i = 0; profiles[i]; i++) {
			size_t n = strlen(profiles[i]);
			if (!strncmp(r + 1, profiles[i], n) && r[1 + n] == '-') {
				lang = profiles[i];
				break;
			}
		}
	}
	pthread_mutex_unlock(&lock);
	return lang;
}
