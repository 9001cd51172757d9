/*
 * gazetteer.h — known places: cities and countries with their
 * alternate names, generated from GeoNames (CC BY 4.0) by
 * tools/gazetteer.c into data/entities/gazetteer.tsv (`make gazetteer`),
 * a readable table compiled in (#include "gazetteer.tsv.inc" gives
 * vl__data_gazetteer_tsv, NUL-terminated, and vl__data_gazetteer_tsv_len).
 */
#ifndef VL_ENTITIES_GAZETTEER_H
#define VL_ENTITIES_GAZETTEER_H

#include "entities/span.h"

typedef struct vl_gaz vl_gaz;

/* Per-token flags written by vl__gaz_mark. */
#define VL_GAZ_B 0x1u	    /* a known name starts at this token */
#define VL_GAZ_I 0x2u	    /* this token continues a known name */
#define VL_GAZ_CITY 0x4u    /* ... of a city */
#define VL_GAZ_COUNTRY 0x8u /* ... of a country */

/* The compiled-in gazetteer, built once (thread-safe); NULL only when
 * memory runs out. Never freed by the caller. */
const vl_gaz *vl__gaz_default(void);

/* Parse a table in the format of data/entities/gazetteer.tsv (len
 * bytes, copied); 0 or VL_ENOMEM. vl__gaz_default() is this on the
 * compiled-in table. The result is freed with vl__gaz_free (NULL: no-op)
 * and may be shared by threads once built. */
int vl__gaz_parse(vl_gaz **out, const char *tsv, size_t len);
void vl__gaz_free(vl_gaz *g);
/* Number of places (0 for NULL). */
size_t vl__gaz_size(const vl_gaz *g);

/* Mark the tokens of one sentence that spell a known name (longest
 * match, names of up to 6 tokens; compared by vl__name_key). */
void vl__gaz_mark(const vl_gaz *g, const vl_span *toks, size_t n,
		  uint8_t *flags);

/* A known place. */
typedef struct vl_place {
	int64_t geonameid;
	const char *name;    /* its usual French name, else its ASCII name */
	const char *country; /* ISO 3166 code */
	int is_country;
	int64_t population;
} vl_place;

/* Look a name up (any written variant); 1 and *out filled when found,
 * else 0. Several places may share a name: the most populous wins. */
int vl__gaz_find(const vl_gaz *g, const char *name, size_t len, vl_place *out);

/*
 * The identity of a place name across articles, written into out (at
 * most cap - 1 bytes, NUL-terminated; returns its length, 0 when the
 * name has no letter): "g<geonameid>" when the aliases (may be NULL)
 * or the gazetteer know the name, else "k<name key>" (names.h). Two
 * names with one identity are one entity.
 */
struct vl_aliases;
size_t vl__place_identity(const vl_gaz *g, const struct vl_aliases *a,
			  const char *name, size_t len, char *out, size_t cap);

#endif
