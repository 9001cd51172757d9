/*
 * rules.c — the table of rule words (rules.h): an open-addressing hash of
 * phrases in their matching form, read from the compiled-in text table.
 */
#include "entities/rules.h"

#include <pthread.h>
#include <string.h>
#include <xxhash.h>

#include "roles-fr.txt.inc"
#include "util/alloc.h"

typedef struct entry {
	uint64_t hash; /* 0: empty slot */
	uint8_t kind;
	char cc[3];
} entry;

struct vl_rule_words {
	entry *slots;
	size_t mask;
};

static vl_rule_words table;
static int table_ok;
static pthread_once_t table_once = PTHREAD_ONCE_INIT;

static uint64_t phrase_hash(const char *s, size_t len)
{
	uint64_t h = XXH3_64bits(s, len);
	return h ? h : 1;
}

static int kind_of(const char *s, size_t len)
{
	static const char *const names[] = { "title", "head", "role", "place",
					     "unit",  "nat",  "alias" };
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (strlen(names[i]) == len && !memcmp(names[i], s, len))
			return (int)i + 1;
	return VL_WORD_NONE;
}

static void put(uint64_t h, int kind, const char *cc, size_t cc_len)
{
	size_t i = h & table.mask;
	while (table.slots[i].hash && table.slots[i].hash != h)
		i = (i + 1) & table.mask;
	table.slots[i].hash = h;
	table.slots[i].kind = (uint8_t)kind;
	if (cc_len == 2)
		memcpy(table.slots[i].cc, cc, 2);
}

/* One line "KIND<TAB>words[<TAB>CC]"; comments and blank lines skipped,
 * a malformed line too (the table is ours and tested). */
static int load_line(const char *line, size_t len)
{
	const char *tab = memchr(line, '\t', len), *tab2;
	char *form = NULL;
	size_t form_len, words_len;
	int kind;

	if (!len || line[0] == '#' || !tab)
		return 0;
	kind = kind_of(line, (size_t)(tab - line));
	if (!kind)
		return 0;
	words_len = len - (size_t)(tab + 1 - line);
	tab2 = memchr(tab + 1, '\t', words_len);
	if (tab2)
		words_len = (size_t)(tab2 - (tab + 1));
	if (kind == VL_WORD_TITLE) {
		/* one token, abbreviations keep their period ("m."): the
		 * tokenizer's form of a title is the title in lower case,
		 * which the analyser does not give for a title alone */
		char low[16];
		if (words_len >= sizeof low)
			return 0;
		for (size_t i = 0; i < words_len; i++) {
			char c = tab[1 + i];
			low[i] = c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
		}
		put(phrase_hash(low, words_len), kind, "", 0);
		return 0;
	}
	if (vl_text_match_form(&form, &form_len, tab + 1, words_len))
		return VL_ENOMEM;
	put(phrase_hash(form, form_len), kind, tab2 ? tab2 + 1 : "",
	    tab2 ? len - (size_t)(tab2 + 1 - line) : 0);
	vl_free(form);
	return 0;
}

static void build(void)
{
	const char *s = (const char *)vl__data_roles_fr_txt, *end, *nl;
	size_t lines = 0, cap = 64;

	end = s + vl__data_roles_fr_txt_len;
	for (const char *p = s; p < end; p++)
		lines += *p == '\n';
	while (cap < 2 * lines + 2)
		cap *= 2;
	if (!(table.slots = vl__calloc(cap, sizeof *table.slots)))
		return;
	table.mask = cap - 1;
	for (; s < end; s = nl + 1) {
		nl = memchr(s, '\n', (size_t)(end - s));
		if (!nl)
			nl = end;
		if (load_line(s, (size_t)(nl - s)))
			return;
	}
	table_ok = 1;
}

const vl_rule_words *vl__rule_words(void)
{
	pthread_once(&table_once, build);
	return table_ok ? &table : NULL;
}

static const entry *lookup(const vl_rule_words *w, const char *s, size_t len)
{
	uint64_t h = phrase_hash(s, len);
	size_t i = h & w->mask;
	while (w->slots[i].hash) {
		if (w->slots[i].hash == h)
			return &w->slots[i];
		i = (i + 1) & w->mask;
	}
	return NULL;
}

size_t vl__rule_match(const vl_rule_words *w, const vl_token *toks, size_t n,
		      size_t i, int *kind, char cc[3])
{
	char buf[160];
	size_t len = 0, best = 0;

	*kind = VL_WORD_NONE;
	cc[0] = '\0';
	for (size_t k = 0; k < VL_RULE_MAX_WORDS && i + k < n; k++) {
		const vl_token *t = &toks[i + k];
		const entry *e;
		if (t->kind == VL_TOK_PUNCT || t->kind == VL_TOK_QUOTE ||
		    len + t->norm_len + 1 >= sizeof buf)
			break;
		if (k)
			buf[len++] = ' ';
		memcpy(buf + len, t->norm, t->norm_len);
		len += t->norm_len;
		if ((e = lookup(w, buf, len))) {
			best = k + 1;
			*kind = e->kind;
			memcpy(cc, e->cc, 2);
			cc[2] = '\0';
		}
	}
	return best;
}
