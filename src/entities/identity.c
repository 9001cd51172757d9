/*
 * identity.c — entity identities (identity.h).
 */
#include "entities/identity.h"

#include <string.h>

#include "entities/alias.h"
#include "entities/gazetteer.h"
#include "entities/names.h"
#include "entities/span.h"

size_t vl__entity_identity(const struct vl_aliases *aliases, int type,
			   int surname_only, const char *name, char *out,
			   size_t cap, const char **surname)
{
	const char *canon = NULL, *sp;
	int atype = VL_ENT_NONE;
	size_t kl;

	if (surname)
		*surname = NULL;
	if (cap < 2)
		return 0;
	out[0] = '\0';
	if (type != VL_ENT_PER)
		return vl__place_identity(vl__gaz_default(), aliases, name,
					  strlen(name), out, cap);
	if (aliases)
		canon = vl__aliases_find(aliases, name, strlen(name), &atype);
	if (canon)
		name = canon;
	kl = vl__name_key(name, strlen(name), out + 1, cap - 1);
	if (!kl) {
		out[0] = '\0';
		return 0;
	}
	out[0] = surname_only ? 's' : 'p';
	if (surname && !surname_only) {
		sp = strrchr(out + 1, ' ');
		*surname = sp ? sp + 1 : out + 1;
	}
	return kl + 1;
}
