/*
 * span.h — what the entity stage's parts share: a token as text, and the
 * entity types.
 */
#ifndef VL_ENTITIES_SPAN_H
#define VL_ENTITIES_SPAN_H

#include <stddef.h>
#include <stdint.h>

/* A token's text as written (original case), not NUL-terminated. */
typedef struct vl_span {
	const char *p;
	size_t len;
} vl_span;

/* Entity types; 0 is "none". */
enum { VL_ENT_NONE = 0, VL_ENT_PER, VL_ENT_LOC, VL_ENT_ORG, VL_ENT_MISC };
#define VL_ENT_NTYPES 5

/* BIO tags as the tagger writes them: 0 = O, B-type = 2*type - 1,
 * I-type = 2*type (type from the enum above). */
#define VL_TAG_O 0
#define VL_TAG_B(type) (2 * (type)-1)
#define VL_TAG_I(type) (2 * (type))
#define VL_TAG_TYPE(tag) (((tag) + 1) / 2)
#define VL_TAG_IS_B(tag) ((tag) % 2 == 1)
#define VL_NTAGS 9

/* "PER", "LOC", "ORG", "MISC" ("" for none). */
const char *vl__ent_type_name(int type);
/* The type of "PER"/"LOC"/"ORG"/"MISC" (case-insensitive; also the
 * HIPE/NewsEye names pers, loc, org, prod, time...: see span.c), or
 * VL_ENT_NONE. */
int vl__ent_type_parse(const char *s, size_t len);

#endif
