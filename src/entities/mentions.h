/*
 * mentions.h — the entity stage on one article (pure: text in, mentions
 * out). The tagger proposes names; rules for French titles and
 * appositions settle or add some ("M. Witkoff", "le président russe
 * Vladimir Poutine", "la ville de Toretsk", "la 28e brigade"); then the
 * article's mentions are gathered into its own entities, short forms
 * resolving to the full name stated in the article (M. Peskov → Dmitri
 * Peskov, "le président ukrainien" → Volodymyr Zelensky), and names the
 * text says are one ("Dzerjinsk, le nom soviétique de Toretsk") joined.
 * Linking them across articles is the engine's work (engine/entities.c).
 */
#ifndef VL_ENTITIES_MENTIONS_H
#define VL_ENTITIES_MENTIONS_H

#include "entities/span.h"
#include "util/buf.h"
#include "veille.h"

/* How a mention was found. */
enum {
	VL_HOW_TAGGER = 0, /* the statistical tagger */
	VL_HOW_TITLE,	   /* after a title: M., Mme, Dr... */
	VL_HOW_ROLE,	   /* after a role: le président russe X */
	VL_HOW_PLACE,	   /* after a place word: la ville de X */
	VL_HOW_UNIT,	   /* a numbered unit: la 28e brigade */
	VL_HOW_REFER	   /* a role standing for a person named before */
};

typedef struct vl_ment {
	uint32_t start, end; /* byte offsets in the analysed text */
	uint8_t type;	     /* VL_ENT_* */
	uint8_t how;	     /* VL_HOW_* */
	uint16_t sent;	     /* sentence index (saturates) */
	uint32_t local;	     /* index of its entity in vl_ments.ents */
	uint64_t role;	     /* hash of the role that introduces it ("head"
				and a nationality, "porte-parole" and "du
				Kremlin"...), 0 if none */
} vl_ment;

/* One entity of the article: its mentions' best name. */
typedef struct vl_local_ent {
	uint8_t type;
	uint8_t surname_only; /* a person named by surname alone here */
	uint32_t name;	      /* offset of its full name in vl_ments.text */
	uint32_t alias;	      /* offset of a name the text says it also has,
				 or UINT32_MAX */
	uint32_t n_mentions;
} vl_local_ent;

typedef struct vl_ments {
	vl_ment *m; /* in text order */
	size_t n;
	vl_local_ent *ents;
	size_t n_ents;
	vl_buf text; /* names, each NUL-terminated */
	/* pairs of mention indexes that the text says name one thing */
	uint32_t (*aliases)[2];
	size_t n_aliases;
} vl_ments;

/* Name of a local entity / mention text. */
static inline const char *vl__ments_name(const vl_ments *ms, uint32_t off)
{
	return ms->text.ptr + off;
}

/*
 * Find the mentions of `text` (len bytes, analysed as `an`) and gather
 * them into the article's entities. lang: ISO 639-1 or NULL (the French
 * rules apply to "fr" and unknown languages). 0 or VL_ENOMEM (*out then
 * empty). Thread-safe.
 */
int vl__mentions_find(vl_ments *out, const char *text, size_t len,
		      const vl_analysis *an, const char *lang);
void vl__ments_free(vl_ments *ms);

/* Append a mention's text as a name is shown: runs of white space as
 * one space (coref.c). 0 or VL_ENOMEM. */
int vl__ments_put_text(vl_buf *b, const char *s, size_t len);

/* Gather the mentions ms->m[0..n) into the article's entities (fills
 * ms->ents and each mention's `local`; drops role references that
 * name nobody, and joins the names of ms->aliases). Called by
 * vl__mentions_find (coref.c). 0 or VL_ENOMEM. */
int vl__ments_gather(vl_ments *ms, const char *text);

#endif
