/*
 * words.c — the claim word table (words.h). Small (about 120 entries):
 * entries are bucketed by the first byte of their first word and
 * matched token by token; a last word ending in "*" matches as a prefix.
 */
#include "claims/words.h"

#include <pthread.h>
#include <string.h>

#include "claims-fr.txt.inc"
#include "util/alloc.h"

#define MAX_WORDS 4
#define MAX_CLASSES 32

typedef struct entry {
	char *words[MAX_WORDS]; /* matching forms */
	size_t n_words;
	int prefix; /* the last word is a prefix */
	int kind, cls;
	struct entry *next; /* same first byte */
} entry;

struct vl_claim_words {
	entry *bucket[256];
	char *classes[MAX_CLASSES + 1];
	int n_classes;
	entry *all;
	size_t n;
};

static vl_claim_words table;
static int table_ok;
static pthread_once_t table_once = PTHREAD_ONCE_INIT;

static int kind_of(const char *s, size_t len)
{
	static const char *const names[] = { "assert", "deny", "doubt", "neg",
					     "event" };
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (strlen(names[i]) == len && !memcmp(names[i], s, len))
			return (int)i + 1;
	return 0;
}

static int class_of(const char *s, size_t len)
{
	for (int i = 1; i <= table.n_classes; i++)
		if (strlen(table.classes[i]) == len &&
		    !memcmp(table.classes[i], s, len))
			return i;
	if (table.n_classes == MAX_CLASSES)
		return 0;
	if (!(table.classes[table.n_classes + 1] = vl__strndup(s, len)))
		return -1;
	return ++table.n_classes;
}

/* Split the matching form of the words into the entry. */
static int set_words(entry *e, const char *s, size_t len)
{
	char *form = NULL, *p, *sp;
	size_t fl;

	if (len && s[len - 1] == '*') {
		e->prefix = 1;
		len--;
	}
	if (vl_text_match_form(&form, &fl, s, len))
		return VL_ENOMEM;
	for (p = form; p && *p && e->n_words < MAX_WORDS; p = sp) {
		sp = strchr(p, ' ');
		if (sp)
			*sp++ = '\0';
		if (!(e->words[e->n_words++] = vl__strdup(p))) {
			vl_free(form);
			return VL_ENOMEM;
		}
	}
	vl_free(form);
	return e->n_words ? 0 : VL_EINVAL;
}

static int load_line(const char *line, size_t len, entry *e)
{
	const char *t1 = memchr(line, '\t', len), *t2;
	size_t wl;

	memset(e, 0, sizeof *e);
	if (!len || line[0] == '#' || !t1 ||
	    !(e->kind = kind_of(line, (size_t)(t1 - line))))
		return 1; /* not an entry */
	wl = len - (size_t)(t1 + 1 - line);
	t2 = memchr(t1 + 1, '\t', wl);
	if (t2) {
		wl = (size_t)(t2 - (t1 + 1));
		e->cls = class_of(t2 + 1, len - (size_t)(t2 + 1 - line));
		if (e->cls < 0)
			return VL_ENOMEM;
	}
	return set_words(e, t1 + 1, wl);
}

static void build(void)
{
	const char *s = (const char *)vl__data_claims_fr_txt, *end, *nl;
	size_t lines = 0;

	end = s + vl__data_claims_fr_txt_len;
	for (const char *p = s; p < end; p++)
		lines += *p == '\n';
	if (!(table.all = vl__calloc(lines + 1, sizeof *table.all)))
		return;
	for (; s < end; s = nl + 1) {
		entry *e = &table.all[table.n];
		int rc;
		nl = memchr(s, '\n', (size_t)(end - s));
		if (!nl)
			nl = end;
		rc = load_line(s, (size_t)(nl - s), e);
		if (rc < 0 && rc != VL_EINVAL)
			return;
		if (rc)
			continue;
		e->next = table.bucket[(unsigned char)e->words[0][0]];
		table.bucket[(unsigned char)e->words[0][0]] = e;
		table.n++;
	}
	table_ok = 1;
}

const vl_claim_words *vl__claim_words(void)
{
	pthread_once(&table_once, build);
	return table_ok ? &table : NULL;
}

static int word_is(const vl_token *t, const char *w, int prefix)
{
	size_t wl = strlen(w);
	if (prefix)
		return t->norm_len >= wl && !memcmp(t->norm, w, wl);
	return t->norm_len == wl && !memcmp(t->norm, w, wl);
}

size_t vl__claim_word_at(const vl_claim_words *w, const vl_token *toks,
			 size_t n, size_t i, int *kind, int *cls)
{
	size_t best = 0;

	*kind = 0;
	*cls = 0;
	if (i >= n || !toks[i].norm_len)
		return 0;
	for (const entry *e = w->bucket[(unsigned char)toks[i].norm[0]]; e;
	     e = e->next) {
		size_t k = 0;
		if (e->n_words <= best || i + e->n_words > n)
			continue;
		while (k < e->n_words &&
		       word_is(&toks[i + k], e->words[k],
			       e->prefix && k + 1 == e->n_words))
			k++;
		if (k == e->n_words) {
			best = k;
			*kind = e->kind;
			*cls = e->cls;
		}
	}
	return best;
}

const char *vl__claim_class_name(const vl_claim_words *w, int cls)
{
	return cls >= 1 && cls <= w->n_classes ? w->classes[cls] : NULL;
}
