/*
 * coref.c — an article's mentions gathered into its entities
 * (vl__ments_gather, mentions.h). Within one article:
 *   - the same name (compared by its key, names.h) is one entity;
 *   - a surname alone, or after a title ("M. Peskov"), is the person
 *     the article names in full with that surname, the latest one
 *     named before it when there are several;
 *   - a one-word name the tagger typed as a place or an organisation but
 *     that is the surname of a person named in full is that person, and
 *     a name typed as a person once but as a place elsewhere is the place;
 *   - a role with a qualifier ("le dirigeant russe") is the person the
 *     article introduced with that role ("le président russe Vladimir
 *     Poutine"), or nobody;
 *   - two names the text says are one (alias phrases) are one.
 */
#include <string.h>

#include "entities/mentions.h"
#include "entities/names.h"
#include "util/alloc.h"

#define KEY_MAX 256

typedef struct gent {
	uint8_t type;
	uint8_t surname_only;
	uint32_t key;	/* offset of its key in keys */
	uint32_t words; /* words in its key */
	size_t first;	/* its first mention */
	uint32_t alias; /* mention index whose name it also has, or -1 */
	int dead;	/* merged into another */
} gent;

typedef struct gather {
	vl_ments *ms;
	const char *text;
	vl_buf keys;	/* mention keys then entity keys, NUL-separated */
	uint32_t *mkey; /* per mention: offset of its key */
	uint32_t *ment; /* per mention: its entity, or UINT32_MAX */
	gent *ents;
	size_t n_ents, cap_ents;
} gather;

#define NONE UINT32_MAX

static const char *key_of(const gather *g, size_t m)
{
	return g->keys.ptr + g->mkey[m];
}

static uint32_t count_words(const char *k)
{
	uint32_t w = *k ? 1 : 0;
	for (; *k; k++)
		w += *k == ' ';
	return w;
}

static const char *last_word(const char *k)
{
	const char *sp = strrchr(k, ' ');
	return sp ? sp + 1 : k;
}

static int new_ent(gather *g, size_t m, int type, int surname_only)
{
	gent *e;
	if (g->n_ents == g->cap_ents) {
		size_t cap = g->cap_ents ? 2 * g->cap_ents : 16;
		gent *v = vl__realloc(g->ents, cap * sizeof *v);
		if (!v)
			return VL_ENOMEM;
		g->ents = v;
		g->cap_ents = cap;
	}
	e = &g->ents[g->n_ents];
	memset(e, 0, sizeof *e);
	e->type = (uint8_t)type;
	e->surname_only = (uint8_t)surname_only;
	e->key = g->mkey[m];
	e->words = count_words(key_of(g, m));
	e->first = m;
	e->alias = NONE;
	g->ment[m] = (uint32_t)g->n_ents++;
	return 0;
}

/* The live entity with key k whose type is PER (per = 1) or not. */
static uint32_t find_ent(const gather *g, const char *k, int per)
{
	for (size_t e = 0; e < g->n_ents; e++)
		if (!g->ents[e].dead &&
		    (g->ents[e].type == VL_ENT_PER) == per &&
		    !strcmp(g->keys.ptr + g->ents[e].key, k))
			return (uint32_t)e;
	return NONE;
}

/* The person named in full whose surname is k: the latest introduced
 * before mention m, else the first one after it; NONE if nobody. */
static uint32_t person_with_surname(const gather *g, const char *k, size_t m)
{
	uint32_t best = NONE;
	for (size_t e = 0; e < g->n_ents; e++) {
		const gent *p = &g->ents[e];
		if (p->dead || p->type != VL_ENT_PER || p->words < 2 ||
		    strcmp(last_word(g->keys.ptr + p->key), k) != 0)
			continue;
		if (p->first < m && (best == NONE || g->ents[best].first > m ||
				     g->ents[best].first < p->first))
			best = (uint32_t)e;
		else if (best == NONE)
			best = (uint32_t)e;
	}
	return best;
}

static void merge(gather *g, uint32_t from, uint32_t into)
{
	if (from == into)
		return;
	for (size_t m = 0; m < g->ms->n; m++)
		if (g->ment[m] == from)
			g->ment[m] = into;
	if (g->ents[from].first < g->ents[into].first)
		g->ents[into].first = g->ents[from].first;
	g->ents[from].dead = 1;
}

/* Keys of every mention; a mention with no letter or digit (and role
 * references, which have no name) gets the empty key. */
static int make_keys(gather *g)
{
	char key[KEY_MAX];
	for (size_t m = 0; m < g->ms->n; m++) {
		const vl_ment *mt = &g->ms->m[m];
		size_t kl = 0;
		if (mt->how != VL_HOW_REFER)
			kl = vl__name_key(g->text + mt->start,
					  mt->end - mt->start, key, sizeof key);
		g->mkey[m] = (uint32_t)g->keys.len;
		if (vl_buf_put(&g->keys, key, kl) || vl_buf_putc(&g->keys, 0))
			return VL_ENOMEM;
	}
	return 0;
}

/* Names: full ones first, then surnames, then the rest. */
static int by_name(gather *g)
{
	int rc;
	for (int pass = 0; pass < 3; pass++) {
		for (size_t m = 0; m < g->ms->n; m++) {
			const char *k = key_of(g, m);
			int per = g->ms->m[m].type == VL_ENT_PER;
			uint32_t e, words = count_words(k);
			if (!*k || g->ment[m] != NONE)
				continue;
			if (pass == 0 && !(per && words >= 2))
				continue;
			if (pass == 1 && !(per && words == 1))
				continue;
			e = find_ent(g, k, per);
			if (pass == 1 && e == NONE)
				e = person_with_surname(g, k, m);
			if (e != NONE)
				g->ment[m] = e;
			else if ((rc = new_ent(g, m, g->ms->m[m].type,
					       pass == 1)))
				return rc;
		}
	}
	return 0;
}

/* Fix the tagger's types: see the file's comment. */
static void settle_types(gather *g)
{
	for (size_t e = 0; e < g->n_ents; e++) {
		gent *x = &g->ents[e];
		const char *k = g->keys.ptr + x->key;
		uint32_t p;
		int rules = 0;
		if (x->dead)
			continue;
		for (size_t m = 0; m < g->ms->n; m++)
			if (g->ment[m] == e && g->ms->m[m].how != VL_HOW_TAGGER)
				rules = 1;
		if (x->type != VL_ENT_PER && !rules) {
			p = find_ent(g, k, 1);
			if (p == NONE && x->words == 1)
				p = person_with_surname(g, k, x->first);
			if (p != NONE)
				merge(g, (uint32_t)e, p);
		} else if (x->type == VL_ENT_PER && x->surname_only && !rules &&
			   (p = find_ent(g, k, 0)) != NONE) {
			merge(g, (uint32_t)e, p);
		}
	}
}

/* Role references: the latest person introduced with the same role. */
static void resolve_roles(gather *g)
{
	for (size_t m = 0; m < g->ms->n; m++) {
		const vl_ment *r = &g->ms->m[m];
		uint32_t best = NONE;
		if (r->how != VL_HOW_REFER)
			continue;
		for (size_t i = 0; i < g->ms->n; i++) {
			if (i == m || g->ms->m[i].role != r->role ||
			    g->ms->m[i].how == VL_HOW_REFER ||
			    g->ment[i] == NONE)
				continue;
			if (i < m || best == NONE)
				best = g->ment[i];
		}
		g->ment[m] = best;
	}
}

static void join_aliases(gather *g)
{
	for (size_t a = 0; a < g->ms->n_aliases; a++) {
		uint32_t x = g->ment[g->ms->aliases[a][0]];
		uint32_t y = g->ment[g->ms->aliases[a][1]];
		if (x == NONE || y == NONE || x == y)
			continue;
		merge(g, x, y);
		g->ents[y].alias = g->ms->aliases[a][0];
	}
}

int vl__ments_put_text(vl_buf *b, const char *s, size_t len)
{
	int space = 0;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
			space = 1;
			continue;
		}
		if ((space && vl_buf_putc(b, ' ')) || vl_buf_putc(b, c))
			return VL_ENOMEM;
		space = 0;
	}
	return 0;
}

/* A name into the names buffer, NUL-terminated. */
static int put_surface(vl_buf *b, const char *s, size_t len)
{
	return vl__ments_put_text(b, s, len) || vl_buf_putc(b, 0) ? VL_ENOMEM
								  : 0;
}

/* The name shown for entity e: its longest name by words (a person's
 * full name), the first written among equals. */
static size_t best_mention(const gather *g, uint32_t e)
{
	size_t best = SIZE_MAX;
	uint32_t bw = 0;
	for (size_t m = 0; m < g->ms->n; m++) {
		uint32_t w;
		if (g->ment[m] != e || g->ms->m[m].how == VL_HOW_REFER)
			continue;
		w = count_words(key_of(g, m));
		if (best == SIZE_MAX || w > bw) {
			best = m;
			bw = w;
		}
	}
	return best;
}

/* Write the live entities and keep the mentions that have one. */
static int output(gather *g)
{
	vl_ments *ms = g->ms;
	uint32_t *remap = NULL;
	size_t kept = 0, live = 0;
	int rc = VL_ENOMEM;

	if (!(remap = vl__malloc((g->n_ents + 1) * sizeof *remap)))
		goto done;
	for (size_t e = 0; e < g->n_ents; e++)
		remap[e] = g->ents[e].dead ? NONE : (uint32_t)live++;
	if (live && !(ms->ents = vl__calloc(live, sizeof *ms->ents)))
		goto done;
	for (size_t e = 0; e < g->n_ents; e++) {
		vl_local_ent *o;
		size_t bm;
		if (remap[e] == NONE)
			continue;
		o = &ms->ents[remap[e]];
		o->type = g->ents[e].type;
		o->surname_only = g->ents[e].surname_only;
		bm = best_mention(g, (uint32_t)e);
		o->name = (uint32_t)ms->text.len;
		if (bm == SIZE_MAX ||
		    put_surface(&ms->text, g->text + ms->m[bm].start,
				ms->m[bm].end - ms->m[bm].start))
			goto done;
		o->alias = NONE;
		if (g->ents[e].alias != NONE) {
			const vl_ment *a = &ms->m[g->ents[e].alias];
			o->alias = (uint32_t)ms->text.len;
			if (put_surface(&ms->text, g->text + a->start,
					a->end - a->start))
				goto done;
		}
	}
	for (size_t m = 0; m < ms->n; m++) {
		if (g->ment[m] == NONE || remap[g->ment[m]] == NONE)
			continue;
		ms->m[kept] = ms->m[m];
		ms->m[kept].local = remap[g->ment[m]];
		ms->ents[ms->m[kept].local].n_mentions++;
		kept++;
	}
	ms->n = kept;
	ms->n_ents = live;
	rc = 0;
done:
	vl__freep(remap);
	return rc;
}

int vl__ments_gather(vl_ments *ms, const char *text)
{
	gather g;
	int rc = VL_ENOMEM;

	memset(&g, 0, sizeof g);
	g.ms = ms;
	g.text = text;
	vl_buf_init(&g.keys);
	if (!ms->n)
		return 0;
	g.mkey = vl__malloc(ms->n * sizeof *g.mkey);
	g.ment = vl__malloc(ms->n * sizeof *g.ment);
	if (!g.mkey || !g.ment)
		goto done;
	for (size_t m = 0; m < ms->n; m++)
		g.ment[m] = NONE;
	if ((rc = make_keys(&g)) || (rc = by_name(&g)))
		goto done;
	settle_types(&g);
	resolve_roles(&g);
	join_aliases(&g);
	rc = output(&g);
done:
	vl__freep(g.mkey);
	vl__freep(g.ment);
	vl__freep(g.ents);
	vl_buf_free(&g.keys);
	return rc;
}
