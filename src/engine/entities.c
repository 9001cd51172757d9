/*
 * entities.c — the entity stage wired to the store: an article's
 * mentions (entities/mentions.h) linked to the entities of the whole
 * store, in the article's transaction.
 *
 * An entity is found by its identity, a string:
 *   "p<key>"  a person named in full (key: names.h, after the aliases);
 *   "s<key>"  a person known here by a surname alone, when the store
 *             knows no person, or two or more, with that surname;
 *   "g<id>"   a place the gazetteer or the aliases know (GeoNames id);
 *   "k<key>"  any other name (places, organisations, others share it,
 *             so that "Maison Blanche" typed a place in one article and
 *             an organisation in another stays one entity).
 * A surname alone joins the one person of the store with that surname;
 * never when there are two. When a person is first named in full, the
 * surname-alone entity of that surname, if any, joins them while they
 * are the only person with that surname.
 */
#include <stdio.h>
#include <string.h>

#include "engine/engine_int.h"
#include "entities/alias.h"
#include "entities/gazetteer.h"
#include "entities/identity.h"
#include "entities/mentions.h"
#include "entities/names.h"
#include "ingest/article.h"
#include "util/alloc.h"

#define IDENT_MAX 300

int vl__entities_open(vl_engine *eng, const char *aliases_file, vl_error *err)
{
	FILE *f = NULL;
	vl_buf text = VL_BUF_INIT;
	size_t bad = 0;
	char chunk[8192];
	size_t got;
	int rc;

	if ((rc = vl__aliases_new(&eng->aliases)))
		return rc;
	if (!aliases_file)
		return 0;
	if (!(f = fopen(aliases_file, "rb"))) {
		vl__set_error(err, VL_EIO, SIZE_MAX, "%s: cannot open",
			      aliases_file);
		return VL_EIO;
	}
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
		if (vl_buf_put(&text, chunk, got)) {
			rc = VL_ENOMEM;
			goto done;
		}
	if (ferror(f)) {
		rc = VL_EIO;
		vl__set_error(err, rc, SIZE_MAX, "%s: read error",
			      aliases_file);
		goto done;
	}
	rc = vl__aliases_add_text(eng->aliases, text.ptr, text.len, &bad);
	if (rc == VL_EINVAL)
		vl__set_error(err, rc, SIZE_MAX,
			      "%s: line %zu: not an alias line (see the "
			      "format in docs/entities.md)",
			      aliases_file, bad);
done:
	fclose(f);
	vl_buf_free(&text);
	return rc;
}

/* Identity of a name of `type` (see the file's comment); for a person,
 * *surname gets the key's last word. 0 when the name has no letter. */
static size_t identity(vl_engine *eng, int type, const char *name,
		       char out[IDENT_MAX], const char **surname)
{
	return vl__entity_identity(eng->aliases, type, 0, name, out, IDENT_MAX,
				   surname);
}

/* The one person known by their full name with this surname key: *id,
 * or 0 when there is none or more than one. */
static int sole_person(vl_engine *eng, const char *surname, int64_t *id)
{
	int64_t ids[2];
	size_t n = 0;
	int rc = vl__store_entity_persons(eng->store, surname, ids, &n);

	*id = !rc && n == 1 ? ids[0] : 0;
	return rc;
}

/* The entity an identity leads to, made (with the identity) when there
 * is none; *made says which. */
static int entity_of_ident(vl_engine *eng, const char *ident, int type,
			   const char *name, const char *surname, int64_t *id,
			   int *made)
{
	int rc = vl__store_entity_by_ident(eng->store, ident, id);

	*made = 0;
	if (rc != VL_ENOTFOUND)
		return rc;
	*made = 1;
	if ((rc = vl__store_entity_new(eng->store, type, name, surname, id)))
		return rc;
	return vl__store_entity_key(eng->store, ident, *id);
}

/* The person of a surname alone (ident "s<key>"). */
static int surname_entity(vl_engine *eng, const char *name, char *ident,
			  int64_t *id)
{
	int made, rc;

	ident[0] = 's';
	if ((rc = sole_person(eng, ident + 1, id)) || *id)
		return rc;
	return entity_of_ident(eng, ident, VL_ENT_PER, name, NULL, id, &made);
}

/* A person named in full for the first time: the surname-alone entity
 * of the same surname joins them if they are its only full namesake. */
static int adopt_surname(vl_engine *eng, const char *surname, int64_t id)
{
	char ident[IDENT_MAX];
	int64_t sole, s;
	int rc;

	if ((rc = sole_person(eng, surname, &sole)) || sole != id)
		return rc;
	snprintf(ident, sizeof ident, "s%s", surname);
	rc = vl__store_entity_by_ident(eng->store, ident, &s);
	if (rc == VL_ENOTFOUND)
		return 0;
	if (!rc && (rc = vl__store_entity_merge(eng->store, s, id)) == 0)
		rc = vl__store_entity_unkey(eng->store, ident);
	return rc;
}

/* The entity of local entity e, created when new. */
static int find_or_make(vl_engine *eng, const vl_ments *ms,
			const vl_local_ent *e, int64_t *id)
{
	char ident[IDENT_MAX];
	const char *name = vl__ments_name(ms, e->name), *surname;
	int made, rc;

	*id = 0;
	if (!identity(eng, e->type, name, ident, &surname))
		return 0;
	if (e->type == VL_ENT_PER && e->surname_only)
		return surname_entity(eng, name, ident, id);
	/* one word the tagger did not take for a person, no known place:
	 * the surname of the one person known by it */
	if (e->type != VL_ENT_PER && ident[0] == 'k' && !strchr(ident, ' ') &&
	    ((rc = sole_person(eng, ident + 1, id)) || *id))
		return rc;
	if ((rc = entity_of_ident(eng, ident, e->type, name, surname, id,
				  &made)))
		return rc;
	return made && surname ? adopt_surname(eng, surname, *id) : 0;
}

/* A name the text gives the entity too ("Dzerjinsk ... pour désigner
 * Toretsk"): its identity leads here from now on, and an entity that
 * had it joins this one. */
static int add_alias(vl_engine *eng, int type, const char *alias, int64_t id,
		     int64_t *merged)
{
	char ident[IDENT_MAX];
	const char *surname;
	int64_t other;
	int rc;

	*merged = 0;
	if (!identity(eng, type, alias, ident, &surname))
		return 0;
	rc = vl__store_entity_by_ident(eng->store, ident, &other);
	if (rc == VL_ENOTFOUND)
		return vl__store_entity_key(eng->store, ident, id);
	if (rc || other == id)
		return rc;
	*merged = other;
	return vl__store_entity_merge(eng->store, other, id);
}

/* The mention's text as a name is shown, in b (cleared first). */
static int surface(vl_buf *b, const char *text, int64_t start, int64_t end)
{
	vl_buf_clear(b);
	return vl__ments_put_text(b, text + start, (size_t)(end - start));
}

int vl__entities_forget(vl_engine *eng, int64_t rowid, const char *old_text)
{
	vl_store_mention *m = NULL;
	vl_buf b = VL_BUF_INIT;
	size_t n = 0, len = old_text ? strlen(old_text) : 0;
	int rc;

	if ((rc = vl__store_mentions_of(eng->store, rowid, &m, &n)))
		return rc;
	for (size_t i = 0; i < n && !rc; i++) {
		int first = 1;
		for (size_t j = 0; j < i && first; j++)
			first = m[j].entity != m[i].entity;
		rc = vl__store_entity_count(eng->store, m[i].entity, -1,
					    -first);
		if (!rc && m[i].how != VL_HOW_REFER &&
		    m[i].end <= (int64_t)len && m[i].start < m[i].end &&
		    !(rc = surface(&b, old_text, m[i].start, m[i].end)))
			rc = vl__store_entity_variant(eng->store, m[i].entity,
						      b.ptr, -1);
	}
	if (!rc)
		rc = vl__store_mentions_del(eng->store, rowid);
	vl__freep(m);
	vl_buf_free(&b);
	return rc;
}

int vl__entities_link(vl_engine *eng, int64_t rowid, const vl_ments *ms,
		      const char *text, int64_t **ids_out)
{
	int64_t *ids = NULL;
	vl_buf b = VL_BUF_INIT;
	int rc = 0;

	*ids_out = NULL;
	if (!ms->n_ents)
		return 0; /* no entity, no mention */
	if (!(ids = vl__calloc(ms->n_ents, sizeof *ids))) {
		rc = VL_ENOMEM;
		goto done;
	}
	for (size_t e = 0; e < ms->n_ents && !rc; e++)
		rc = find_or_make(eng, ms, &ms->ents[e], &ids[e]);
	for (size_t e = 0; e < ms->n_ents && !rc; e++) {
		int64_t gone = 0;
		if (!ids[e] || ms->ents[e].alias == UINT32_MAX)
			continue;
		rc = add_alias(eng, ms->ents[e].type,
			       vl__ments_name(ms, ms->ents[e].alias), ids[e],
			       &gone);
		for (size_t k = 0; gone && k < ms->n_ents; k++)
			if (ids[k] == gone)
				ids[k] = ids[e];
	}
	/* one count per entity even when two local ones met in it */
	for (size_t e = 0; e < ms->n_ents && !rc; e++) {
		uint32_t n = 0;
		int first = 1;
		for (size_t k = 0; k < ms->n_ents; k++) {
			if (ids[k] != ids[e])
				continue;
			first = first && k >= e;
			n += ms->ents[k].n_mentions;
		}
		if (ids[e] && first)
			rc = vl__store_entity_count(eng->store, ids[e], (int)n,
						    1);
	}
	for (size_t i = 0; i < ms->n && !rc; i++) {
		const vl_ment *m = &ms->m[i];
		vl_store_mention sm = { m->start, m->end, ids[m->local],
					m->type, m->how };
		if (!sm.entity)
			continue;
		rc = vl__store_mention_add(eng->store, rowid, &sm);
		if (!rc && m->how != VL_HOW_REFER &&
		    !(rc = surface(&b, text, m->start, m->end)))
			rc = vl__store_entity_variant(eng->store, sm.entity,
						      b.ptr, 1);
	}
done:
	if (rc)
		vl__freep(ids);
	else
		*ids_out = ids;
	vl_buf_free(&b);
	return rc;
}
