/*
 * stopwords.h — function words that carry no topic, per language, in
 * the matching form (lowercase, accents folded). Online IDF learns the
 * same thing, but only after many articles: the lists make the first
 * articles of a store, and small stores, cluster on content words.
 */
#ifndef VL_STORIES_STOPWORDS_H
#define VL_STORIES_STOPWORDS_H

#include <stddef.h>

/* Is the norm a function word of lang ("fr", "en", "de", "es"; other
 * languages and NULL: the French and English lists)? */
int vl__is_stopword(const char *norm, size_t len, const char *lang);

#endif
