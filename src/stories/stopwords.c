/*
 * stopwords.c — the lists behind vl__is_stopword: articles, pronouns,
 * prepositions, conjunctions, auxiliaries and the commonest adverbs and
 * reporting words of news text.
 */
#include "stories/stopwords.h"

#include <pthread.h>
#include <string.h>
#include <xxhash.h>

static const char *const fr[] = {
	"a",	 "afin",    "ai",     "ainsi",	  "alors", "apres",
	"au",	 "aucun",   "aupres", "aussi",	  "autre", "autres",
	"aux",	 "avait",   "avant",  "avec",	  "avoir", "ayant",
	"c'",	 "ca",	    "car",    "ce",	  "cela",  "celle",
	"celui", "ces",	    "cet",    "cette",	  "ceux",  "chez",
	"comme", "comment", "contre", "d'",	  "dans",  "de",
	"deja",	 "depuis",  "des",    "deux",	  "doit",  "donc",
	"dont",	 "du",	    "elle",   "elles",	  "en",	   "encore",
	"entre", "est",	    "et",     "etaient",  "etait", "ete",
	"etre",	 "eu",	    "faire",  "fait",	  "fois",  "font",
	"h",	 "il",	    "ils",    "j'",	  "je",	   "jusqu'",
	"l'",	 "la",	    "le",     "les",	  "leur",  "leurs",
	"lors",	 "lorsqu'", "lui",    "m'",	  "mais",  "me",
	"meme",	 "mes",	    "moins",  "mon",	  "n'",	   "ne",
	"ni",	 "nos",	    "notre",  "nous",	  "on",	   "ont",
	"or",	 "ou",	    "par",    "parce",	  "pas",   "peu",
	"peut",	 "plus",    "pour",   "pourrait", "qu'",   "quand",
	"que",	 "quel",    "quelle", "qui",	  "s'",	   "sa",
	"sans",	 "se",	    "selon",  "ses",	  "si",	   "son",
	"sont",	 "sous",    "sur",    "t'",	  "ta",	   "tandis",
	"tous",	 "tout",    "toute",  "toutes",	  "tres",  "un",
	"une",	 "vers",    "y",
};

static const char *const en[] = {
	"a",	 "about", "after", "all",  "also", "an",     "and",   "any",
	"are",	 "as",	  "at",	   "be",   "been", "before", "but",   "by",
	"can",	 "could", "did",   "do",   "does", "for",    "from",  "had",
	"has",	 "have",  "he",	   "her",  "his",  "how",    "i",     "if",
	"in",	 "into",  "is",	   "it",   "its",  "just",   "more",  "most",
	"mr",	 "mrs",	  "ms",	   "no",   "not",  "of",     "on",    "one",
	"or",	 "other", "our",   "out",  "over", "s",	     "said",  "says",
	"she",	 "so",	  "some",  "than", "that", "the",    "their", "them",
	"then",	 "there", "these", "they", "this", "those",  "to",    "two",
	"up",	 "us",	  "was",   "we",   "were", "what",   "when",  "where",
	"which", "while", "who",   "will", "with", "would",  "you",
};

static const char *const de[] = {
	"aber",	 "als",	   "am",   "an",   "auch",  "auf",   "aus",   "bei",
	"bis",	 "das",	   "dass", "dem",  "den",   "der",   "des",   "die",
	"doch",	 "durch",  "ein",  "eine", "einem", "einen", "einer", "eines",
	"er",	 "es",	   "fur",  "hat",  "hatte", "ich",   "im",    "in",
	"ist",	 "kann",   "mit",  "nach", "nicht", "noch",  "nur",   "oder",
	"sein",	 "sich",   "sie",  "sind", "so",    "uber",  "um",    "und",
	"uns",	 "vom",	   "von",  "vor",  "war",   "wie",   "wir",   "wird",
	"wurde", "wurden", "zu",   "zum",  "zur",
};

static const char *const es[] = {
	"a",  "al",   "como",  "con", "de",  "del",  "el",   "en",  "entre",
	"es", "esta", "este",  "fue", "ha",  "han",  "la",   "las", "le",
	"lo", "los",  "mas",   "no",  "o",   "para", "pero", "por", "que",
	"se", "sin",  "sobre", "su",  "sus", "un",   "una",  "y",
};

/* One table for all lists, built once: a word's hash leads to its slot,
 * which says in which languages it is a function word. A lookup is one
 * hash and one comparison; this runs for every word of every article. */
enum { L_FR = 1, L_EN = 2, L_DE = 4, L_ES = 8 };
#define SLOTS 1024 /* a power of two, well above the 300-odd words */

static struct slot {
	const char *word; /* NULL: empty */
	unsigned char len, langs;
} table[SLOTS];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static size_t home(const char *w, size_t len)
{
	return (size_t)XXH3_64bits(w, len) & (SLOTS - 1);
}

static void add_list(const char *const *list, size_t n, unsigned char lang)
{
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(list[i]), k = home(list[i], len);

		while (table[k].word &&
		       (table[k].len != len ||
			memcmp(table[k].word, list[i], len) != 0))
			k = (k + 1) & (SLOTS - 1);
		table[k].word = list[i];
		table[k].len = (unsigned char)len;
		table[k].langs |= lang;
	}
}

#define ADD(list, lang) add_list(list, sizeof(list) / sizeof(list)[0], lang)

static void build(void)
{
	ADD(fr, L_FR);
	ADD(en, L_EN);
	ADD(de, L_DE);
	ADD(es, L_ES);
}

static unsigned char langs_of(const char *lang)
{
	if (!lang)
		return L_FR | L_EN;
	if (!strcmp(lang, "fr"))
		return L_FR;
	if (!strcmp(lang, "en"))
		return L_EN;
	if (!strcmp(lang, "de"))
		return L_DE;
	if (!strcmp(lang, "es"))
		return L_ES;
	return L_FR | L_EN;
}

int vl__is_stopword(const char *norm, size_t len, const char *lang)
{
	size_t k;

	if (len >= 16)
		return 0; /* no function word is that long */
	pthread_once(&once, build);
	for (k = home(norm, len); table[k].word; k = (k + 1) & (SLOTS - 1))
		if (table[k].len == len && !memcmp(table[k].word, norm, len))
			return (table[k].langs & langs_of(lang)) != 0;
	return 0;
}
