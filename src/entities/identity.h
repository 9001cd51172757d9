/*
 * identity.h — the identity of an entity's name across articles (pure):
 *   "p<key>"      a person named in full (key: names.h, after aliases);
 *   "s<key>"      a person named by a surname alone;
 *   "g<id>"/"k<key>"  anything else (vl__place_identity, gazetteer.h).
 * The engine links stored entities by it (engine/entities.c).
 */
#ifndef VL_ENTITIES_IDENTITY_H
#define VL_ENTITIES_IDENTITY_H

#include <stddef.h>

struct vl_aliases;

/*
 * Write the identity of `name` (NUL-terminated) of entity type `type`
 * (span.h) into out (cap bytes, NUL-terminated); returns its length, 0
 * when the name has no letter or digit. aliases may be NULL. For a
 * person named in full, *surname (may be NULL) points at the last word
 * of the key inside out.
 */
size_t vl__entity_identity(const struct vl_aliases *aliases, int type,
			   int surname_only, const char *name, char *out,
			   size_t cap, const char **surname);

#endif
