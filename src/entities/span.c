/*
 * span.c — the names of the entity types, and their parsing from the
 * annotated data sets' labels.
 *
 * Our four types are CoNLL's (PER, LOC, ORG, MISC). The HIPE-2022 coarse
 * types map onto them as follows: pers -> PER, loc -> LOC, org -> ORG,
 * and everything else HIPE annotates (prod, time, and NewsEye's
 * HumanProd) -> MISC, which is where CoNLL-style corpora such as
 * WikiNEuRal put works, events and products. Dates ("time") are not what
 * veille's entity stage is for, but dropping them would turn annotated
 * entities into false "O" tokens, so they go to MISC as well.
 */
#include <string.h>

#include "entities/span.h"

static const char *const type_names[VL_ENT_NTYPES] = { "", "PER", "LOC", "ORG",
						       "MISC" };

const char *vl__ent_type_name(int type)
{
	if (type <= VL_ENT_NONE || type >= VL_ENT_NTYPES)
		return "";
	return type_names[type];
}

/* ASCII case-insensitive equality of s (len bytes) and the C string w. */
static int eq_nocase(const char *s, size_t len, const char *w)
{
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c + 32);
		if (w[i] == '\0' || c != (unsigned char)w[i])
			return 0;
	}
	return w[len] == '\0';
}

int vl__ent_type_parse(const char *s, size_t len)
{
	static const struct {
		const char *name;
		int type;
	} names[] = {
		{ "per", VL_ENT_PER },	      { "pers", VL_ENT_PER },
		{ "person", VL_ENT_PER },     { "loc", VL_ENT_LOC },
		{ "location", VL_ENT_LOC },   { "org", VL_ENT_ORG },
		{ "misc", VL_ENT_MISC },      { "prod", VL_ENT_MISC },
		{ "humanprod", VL_ENT_MISC }, { "time", VL_ENT_MISC },
		{ "other", VL_ENT_MISC },
	};
	size_t i;

	if (!s)
		return VL_ENT_NONE;
	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (eq_nocase(s, len, names[i].name))
			return names[i].type;
	return VL_ENT_NONE;
}
