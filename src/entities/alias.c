/*
 * alias.c — the alias table (alias.h): names that stand for one entity
 * and that no spelling rule (names.c) or gazetteer entry finds: NATO and
 * Otan, Dzerjinsk and Toretsk, the White House and the Maison-Blanche.
 * The built-in list is data/entities/aliases.txt, compiled in; users add
 * files in the same format. Every name is indexed by its name key; when
 * two lines give one key, the later line wins, so a user file can
 * override the built-in list.
 */
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "veille.h"

#include "entities/alias.h"
#include "entities/names.h"
#include "entities/span.h"
#include "text/utf8.h"
#include "util/alloc.h"

#include "aliases.txt.inc"

#define ALIAS_KEY_MAX 256

typedef struct aslot {
	char *key; /* NULL: empty */
	uint32_t entry;
} aslot;

typedef struct aentry {
	char *name;
	int type;
} aentry;

struct vl_aliases {
	aentry *entries;
	size_t n, cap;
	aslot *slots;
	size_t mask, used;
};

/* xxHash, as the rest of veille; 0 marks an empty slot */
static uint64_t ahash(const char *s, size_t n)
{
	uint64_t h = XXH3_64bits(s, n);
	return h ? h : 1;
}

static aslot *afind(const vl_aliases *a, const char *k, size_t n)
{
	size_t i = (size_t)ahash(k, n) & a->mask;
	for (;; i = (i + 1) & a->mask) {
		aslot *s = &a->slots[i];
		if (!s->key || (!strncmp(s->key, k, n) && s->key[n] == '\0'))
			return s;
	}
}

static int agrow(vl_aliases *a)
{
	size_t ncap = (a->mask + 1) * 2;
	aslot *old = a->slots, *ns = vl__calloc(ncap, sizeof *ns);

	if (!ns)
		return VL_ENOMEM;
	a->slots = ns;
	a->mask = ncap - 1;
	for (size_t i = 0; i < ncap / 2; i++)
		if (old[i].key)
			*afind(a, old[i].key, strlen(old[i].key)) = old[i];
	vl__freep(old);
	return 0;
}

/* Map key k to entry e (later wins). */
static int aput(vl_aliases *a, const char *k, size_t n, uint32_t e)
{
	aslot *s;

	if ((a->used + 1) * 2 > a->mask + 1 && agrow(a))
		return VL_ENOMEM;
	s = afind(a, k, n);
	if (!s->key) {
		if (!(s->key = vl__strndup(k, n)))
			return VL_ENOMEM;
		a->used++;
	}
	s->entry = e;
	return 0;
}

/* One name of a line: [start, end) trimmed. */
typedef struct field {
	const char *p;
	size_t n;
} field;

static int type_prefix(field *f)
{
	static const struct {
		const char *p;
		int type;
	} t[] = { { "PER:", VL_ENT_PER },
		  { "LOC:", VL_ENT_LOC },
		  { "ORG:", VL_ENT_ORG },
		  { "MISC:", VL_ENT_MISC } };
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		size_t m = strlen(t[i].p);
		if (f->n >= m && !memcmp(f->p, t[i].p, m)) {
			f->p += m;
			f->n -= m;
			while (f->n && (f->p[0] == ' ' || f->p[0] == '\t')) {
				f->p++;
				f->n--;
			}
			return t[i].type;
		}
	}
	return VL_ENT_NONE;
}

/* Does the key hold a letter (not only digits)? */
static int has_letter(const char *k, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (k[i] != ' ' && !(k[i] >= '0' && k[i] <= '9'))
			return 1;
	return 0;
}

/*
 * Cut one line (no newline) into names; returns the number of names, or
 * -1 when a name is empty of letters. A "#" starts a comment.
 */
static int cut_line(const char *s, size_t len, field *f, size_t max)
{
	size_t nf = 0, i = 0, start = 0;
	const char *hash = memchr(s, '#', len);

	if (hash)
		len = (size_t)(hash - s);
	for (;;) {
		size_t end, sep = 0;
		while (i < len && s[i] != '\t' &&
		       !(s[i] == ' ' && i + 2 < len && s[i + 1] == '|' &&
			 s[i + 2] == ' '))
			i++;
		end = i;
		if (i < len)
			sep = s[i] == '\t' ? 1 : 3;
		while (start < end && (s[start] == ' ' || s[start] == '\r'))
			start++;
		while (end > start && (s[end - 1] == ' ' || s[end - 1] == '\r'))
			end--;
		if (end > start) {
			if (nf == max)
				return -1;
			f[nf].p = s + start;
			f[nf].n = end - start;
			nf++;
		}
		if (!sep)
			break;
		i += sep;
		start = i;
	}
	return (int)nf;
}

#define MAX_NAMES 64

/* Check (add == 0) or add (add == 1) the lines of text. */
static int run_text(vl_aliases *a, const char *text, size_t len, int add,
		    size_t *bad_line)
{
	size_t line = 0, i = 0;
	field f[MAX_NAMES];
	char k[ALIAS_KEY_MAX];

	while (i < len) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t n = nl ? (size_t)(nl - (text + i)) : len - i;
		int nf, type;

		line++;
		nf = cut_line(text + i, n, f, MAX_NAMES);
		i += n + (nl ? 1 : 0);
		if (nf == 0)
			continue;
		if (nf < 2 || vl__utf8_validate(f[0].p,
						(size_t)(f[nf - 1].p +
							 f[nf - 1].n - f[0].p),
						NULL, NULL))
			goto bad;
		type = type_prefix(&f[0]);
		for (int j = 0; j < nf; j++) {
			size_t kn = vl__name_key(f[j].p, f[j].n, k, sizeof k);
			if (!kn || !has_letter(k, kn))
				goto bad;
		}
		if (!add)
			continue;
		{
			aentry *e;
			uint32_t id;
			if (a->n == a->cap) {
				size_t cap = a->cap ? a->cap * 2 : 64;
				aentry *ne = vl__realloc(a->entries,
							 cap * sizeof *ne);
				if (!ne)
					return VL_ENOMEM;
				a->entries = ne;
				a->cap = cap;
			}
			e = &a->entries[a->n];
			if (!(e->name = vl__strndup(f[0].p, f[0].n)))
				return VL_ENOMEM;
			e->type = type;
			id = (uint32_t)a->n++;
			for (int j = 0; j < nf; j++) {
				size_t kn = vl__name_key(f[j].p, f[j].n, k,
							 sizeof k);
				if (aput(a, k, kn, id))
					return VL_ENOMEM;
			}
		}
	}
	return 0;
bad:
	if (bad_line)
		*bad_line = line;
	return VL_EINVAL;
}

int vl__aliases_add_text(vl_aliases *a, const char *text, size_t len,
			 size_t *bad_line)
{
	int rc;

	if (bad_line)
		*bad_line = 0;
	if (!a || (!text && len))
		return VL_EINVAL;
	if (!len)
		return 0;
	rc = run_text(a, text, len, 0, bad_line);
	if (rc)
		return rc;
	return run_text(a, text, len, 1, bad_line);
}

void vl__aliases_free(vl_aliases *a)
{
	if (!a)
		return;
	for (size_t i = 0; i < a->n; i++)
		vl__freep(a->entries[i].name);
	for (size_t i = 0; a->slots && i <= a->mask; i++)
		vl__freep(a->slots[i].key);
	vl__freep(a->entries);
	vl__freep(a->slots);
	vl__freep(a);
}

int vl__aliases_new(vl_aliases **out)
{
	vl_aliases *a = vl__calloc(1, sizeof *a);
	int rc = VL_ENOMEM;

	*out = NULL;
	if (!a)
		return VL_ENOMEM;
	a->slots = vl__calloc(256, sizeof *a->slots);
	a->mask = 255;
	if (!a->slots)
		goto done;
	/* The built-in list is ours: a bad line there is a bug the unit
	 * tests catch; here it only leaves the list out. */
	rc = vl__aliases_add_text(a, (const char *)vl__data_aliases_txt,
				  vl__data_aliases_txt_len, NULL);
	if (rc == VL_EINVAL)
		rc = 0;
done:
	if (rc) {
		vl__aliases_free(a);
		return rc;
	}
	*out = a;
	return 0;
}

const char *vl__aliases_find(const vl_aliases *a, const char *name, size_t len,
			     int *type)
{
	char k[ALIAS_KEY_MAX];
	size_t n;
	const aslot *s;

	if (type)
		*type = VL_ENT_NONE;
	if (!a || !name)
		return NULL;
	n = vl__name_key(name, len, k, sizeof k);
	if (!n)
		return NULL;
	s = afind(a, k, n);
	if (!s->key)
		return NULL;
	if (type)
		*type = a->entries[s->entry].type;
	return a->entries[s->entry].name;
}
