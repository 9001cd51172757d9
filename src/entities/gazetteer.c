/*
 * gazetteer.c — the compiled-in table of known places (gazetteer.h):
 * parsed once from data/entities/gazetteer.tsv (made by
 * tools/gazetteer.c from GeoNames, CC BY 4.0), then used by the tagger
 * to mark place names in sentences (vl__gaz_mark) and by the entity
 * stage to give a place one identity whatever its spelling
 * (vl__place_identity).
 *
 * Every name and every prefix of a name (its first 1..k-1 words) is put
 * in one open-addressing hash table keyed by its name key (names.h).
 * vl__gaz_mark only starts a match at a capitalised token, keys the
 * tokens one at a time and stops as soon as the words so far are not
 * the prefix of any name, so most tokens cost one byte test.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include <xxhash.h>

#include "veille.h"

#include "entities/alias.h"
#include "entities/gazetteer.h"
#include "entities/names.h"
#include "util/alloc.h"

#include "gazetteer.tsv.inc"

#define GAZ_KEY_MAX 256
#define GAZ_MAX_WORDS 6

enum { SLOT_NAME = 1, SLOT_PREFIX = 2 };

typedef struct slot {
	uint64_t hash; /* 0: empty */
	uint32_t key;  /* offset of the key in keys */
	uint32_t place;
	uint8_t what; /* SLOT_* */
	uint8_t main; /* place's name is its main name */
} slot;

struct vl_gaz {
	char *text; /* mutable copy of the table: fields NUL-terminated */
	vl_place *places;
	size_t n_places;
	char *keys;
	size_t keys_len, keys_cap;
	slot *slots;
	size_t mask, used;
};

/* xxHash, as the rest of veille; 0 marks an empty slot */
static uint64_t hash_key(const char *s, size_t n)
{
	uint64_t h = XXH3_64bits(s, n);
	return h ? h : 1;
}

static slot *lookup(const vl_gaz *g, const char *k, size_t n, uint64_t h)
{
	size_t i = (size_t)h & g->mask;
	for (;; i = (i + 1) & g->mask) {
		slot *s = &g->slots[i];
		if (!s->hash)
			return s;
		if (s->hash == h && !strncmp(g->keys + s->key, k, n) &&
		    g->keys[s->key + n] == '\0')
			return s;
	}
}

static int grow(vl_gaz *g)
{
	size_t ncap = (g->mask + 1) * 2, i;
	slot *old = g->slots, *ns = vl__calloc(ncap, sizeof *ns);

	if (!ns)
		return -1;
	g->slots = ns;
	g->mask = ncap - 1;
	for (i = 0; i < ncap / 2; i++) {
		size_t j;
		if (!old[i].hash)
			continue;
		for (j = (size_t)old[i].hash & g->mask; ns[j].hash;
		     j = (j + 1) & g->mask)
			;
		ns[j] = old[i];
	}
	vl__freep(old);
	return 0;
}

/*
 * Record key k (n bytes) as a name of place p, or as a prefix. A key
 * shared by several places goes to the one whose main name it is (GeoNames
 * lists Novorossiysk among Krasnodar's alternate names, Volodymyr among
 * Vladimir's), then to the most populous.
 */
static int put(vl_gaz *g, const char *k, size_t n, uint32_t p, int what,
	       int main_name)
{
	uint64_t h = hash_key(k, n);
	slot *s;

	if ((g->used + 1) * 4 > (g->mask + 1) * 3 && grow(g))
		return -1;
	s = lookup(g, k, n, h);
	if (!s->hash) {
		if (g->keys_len + n + 1 > g->keys_cap) {
			size_t cap = g->keys_cap ? g->keys_cap * 3 / 2 : 65536;
			char *nk;
			while (cap < g->keys_len + n + 1)
				cap = cap * 3 / 2;
			if (cap > UINT32_MAX ||
			    !(nk = vl__realloc(g->keys, cap)))
				return -1;
			g->keys = nk;
			g->keys_cap = cap;
		}
		memcpy(g->keys + g->keys_len, k, n);
		g->keys[g->keys_len + n] = '\0';
		s->hash = h;
		s->key = (uint32_t)g->keys_len;
		s->place = p;
		g->keys_len += n + 1;
		g->used++;
	}
	if (what == SLOT_NAME &&
	    (!(s->what & SLOT_NAME) || main_name > s->main ||
	     (main_name == s->main &&
	      g->places[p].population > g->places[s->place].population))) {
		s->place = p;
		s->main = (uint8_t)main_name;
	}
	s->what |= (uint8_t)what;
	return 0;
}

/* Index one written name of place p with its prefixes. */
static int index_name(vl_gaz *g, const char *name, size_t len, uint32_t p,
		      int main_name)
{
	char k[GAZ_KEY_MAX];
	size_t n = vl__name_key(name, len, k, sizeof k), words = 1;

	if (!n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (k[i] == ' ') {
			if (++words > GAZ_MAX_WORDS)
				return 0;
			if (put(g, k, i, p, SLOT_PREFIX, 0))
				return -1;
		}
	return put(g, k, n, p, SLOT_NAME, main_name);
}

static int parse_line(vl_gaz *g, char *line)
{
	char *f[6];
	int nf = 1;
	vl_place *pl;
	uint32_t p;

	f[0] = line;
	for (char *c = line; *c && nf < 6; c++)
		if (*c == '\t') {
			*c = '\0';
			f[nf++] = c + 1;
		}
	if (nf < 5)
		return 0; /* not a place line: skipped */
	p = (uint32_t)g->n_places++;
	pl = &g->places[p];
	pl->geonameid = strtoll(f[0], NULL, 10);
	pl->is_country = f[1][0] == 'C';
	pl->country = f[2];
	pl->population = strtoll(f[3], NULL, 10);
	pl->name = f[4];
	if (index_name(g, f[4], strlen(f[4]), p, 1))
		return -1;
	if (nf == 6) {
		char *v = f[5];
		for (;;) {
			char *bar = strstr(v, " | ");
			size_t n = bar ? (size_t)(bar - v) : strlen(v);
			if (index_name(g, v, n, p, 0))
				return -1;
			if (!bar)
				break;
			v = bar + 3;
		}
	}
	return 0;
}

void vl__gaz_free(vl_gaz *g)
{
	if (!g)
		return;
	vl__freep(g->text);
	vl__freep(g->places);
	vl__freep(g->keys);
	vl__freep(g->slots);
	vl__freep(g);
}

int vl__gaz_parse(vl_gaz **out, const char *tsv, size_t len)
{
	vl_gaz *g = vl__calloc(1, sizeof *g);
	size_t lines = 1;
	char *line, *next;
	int rc = VL_ENOMEM;

	*out = NULL;
	if (!g)
		return rc;
	for (size_t i = 0; i < len; i++)
		lines += tsv[i] == '\n';
	g->text = vl__strndup(tsv, len);
	g->places = vl__calloc(lines, sizeof *g->places);
	g->slots = vl__calloc(1024, sizeof *g->slots);
	g->mask = 1023;
	if (!g->text || !g->places || !g->slots)
		goto done;
	for (line = g->text; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (line[0] == '#' || !line[0])
			continue;
		if (parse_line(g, line))
			goto done;
	}
	*out = g;
	g = NULL;
	rc = 0;
done:
	vl__gaz_free(g);
	return rc;
}

static vl_gaz *gaz_default;
static pthread_once_t gaz_once = PTHREAD_ONCE_INIT;

static void gaz_init(void)
{
	if (vl__gaz_parse(&gaz_default, (const char *)vl__data_gazetteer_tsv,
			  vl__data_gazetteer_tsv_len))
		gaz_default = NULL;
}

const vl_gaz *vl__gaz_default(void)
{
	pthread_once(&gaz_once, gaz_init);
	return gaz_default;
}

size_t vl__gaz_size(const vl_gaz *g)
{
	return g ? g->n_places : 0;
}

/* Does the token start with a capital letter? */
static int capitalised(const vl_span *t)
{
	unsigned char c;
	utf8proc_int32_t cp;
	utf8proc_category_t cat;

	if (!t->len)
		return 0;
	c = (unsigned char)t->p[0];
	if (c < 0x80)
		return c >= 'A' && c <= 'Z';
	if (utf8proc_iterate((const utf8proc_uint8_t *)t->p,
			     (utf8proc_ssize_t)t->len, &cp) <= 0)
		return 0;
	cat = utf8proc_category(cp);
	return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
}

/* A lone hyphen or apostrophe inside a name (Maison - Blanche). */
static int joiner(const vl_span *t)
{
	return (t->len == 1 && (t->p[0] == '-' || t->p[0] == '\'')) ||
	       (t->len == 3 && (!memcmp(t->p, "\xe2\x80\x99", 3) ||
				!memcmp(t->p, "\xe2\x80\x90", 3) ||
				!memcmp(t->p, "\xe2\x80\x91", 3)));
}

void vl__gaz_mark(const vl_gaz *g, const vl_span *toks, size_t n,
		  uint8_t *flags)
{
	char k[GAZ_KEY_MAX];

	if (!g || !toks || !flags)
		return;
	for (size_t i = 0; i < n;) {
		size_t kn = 0, best = 0, words = 0, j;
		const slot *hit = NULL;

		if (!capitalised(&toks[i])) {
			i++;
			continue;
		}
		for (j = i; j < n && words < GAZ_MAX_WORDS; j++) {
			size_t w;
			const slot *s;
			if (kn + 1 >= sizeof k)
				break;
			if (kn)
				k[kn++] = ' ';
			w = vl__name_key(toks[j].p, toks[j].len, k + kn,
					 sizeof k - kn);
			if (!w) {
				if (kn && joiner(&toks[j])) {
					kn--;
					continue;
				}
				break;
			}
			kn += w;
			words++;
			s = lookup(g, k, kn, hash_key(k, kn));
			if (!s->hash)
				break;
			if (s->what & SLOT_NAME) {
				best = j + 1;
				hit = s;
			}
		}
		if (!hit) {
			i++;
			continue;
		}
		{
			uint8_t kind = g->places[hit->place].is_country
					       ? VL_GAZ_COUNTRY
					       : VL_GAZ_CITY;
			flags[i] |= (uint8_t)(VL_GAZ_B | kind);
			for (j = i + 1; j < best; j++)
				flags[j] |= (uint8_t)(VL_GAZ_I | kind);
		}
		i = best;
	}
}

int vl__gaz_find(const vl_gaz *g, const char *name, size_t len, vl_place *out)
{
	char k[GAZ_KEY_MAX];
	size_t n;
	const slot *s;

	if (!g || !name)
		return 0;
	n = vl__name_key(name, len, k, sizeof k);
	if (!n)
		return 0;
	s = lookup(g, k, n, hash_key(k, n));
	if (!s->hash || !(s->what & SLOT_NAME))
		return 0;
	if (out)
		*out = g->places[s->place];
	return 1;
}

size_t vl__place_identity(const vl_gaz *g, const struct vl_aliases *a,
			  const char *name, size_t len, char *out, size_t cap)
{
	const char *canon = NULL;
	vl_place p;
	size_t n;
	int type = 0;

	if (!cap)
		return 0;
	out[0] = '\0';
	if (!name)
		return 0;
	if (a)
		canon = vl__aliases_find(a, name, len, &type);
	if (canon) {
		name = canon;
		len = strlen(canon);
	}
	if (vl__gaz_find(g, name, len, &p)) {
		int w = snprintf(out, cap, "g%lld", (long long)p.geonameid);
		return w < 0 ? 0 : (size_t)w < cap ? (size_t)w : cap - 1;
	}
	if (cap < 2)
		return 0;
	n = vl__name_key(name, len, out + 1, cap - 1);
	if (!n) {
		out[0] = '\0';
		return 0;
	}
	out[0] = 'k';
	return n + 1;
}
