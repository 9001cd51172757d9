/*
 * alias.h — names that stand for one entity: a built-in list,
 * data/entities/aliases.txt (aliases that no spelling rule finds:
 * NATO/Otan, Kharkov/Kharkiv...; compiled in, #include "aliases.txt.inc"),
 * and plain-text files users add in the same format.
 *
 * File format (UTF-8): one entity per line, its name first then its
 * other names, separated by TABs or " | "; an optional type prefix
 * "PER:", "LOC:", "ORG:", "MISC:" on the first name; "#" starts a
 * comment; blank lines are skipped.
 */
#ifndef VL_ENTITIES_ALIAS_H
#define VL_ENTITIES_ALIAS_H

#include <stddef.h>

typedef struct vl_aliases vl_aliases;

/* An empty table holding the built-in list. 0 or VL_ENOMEM. */
int vl__aliases_new(vl_aliases **out);
void vl__aliases_free(vl_aliases *a);

/* Add the lines of a user file. On a bad line (invalid UTF-8, a name
 * with no letter, a line with one name only) returns VL_EINVAL with its
 * number in *bad_line and adds nothing from the text. */
int vl__aliases_add_text(vl_aliases *a, const char *text, size_t len,
			 size_t *bad_line);

/* The canonical name of a name (any listed variant, compared by
 * vl__name_key), with its type (span.h, VL_ENT_NONE when not given);
 * NULL when the name is not listed. */
const char *vl__aliases_find(const vl_aliases *a, const char *name, size_t len,
			     int *type);

#endif
