/*
 * test_entities.c — the entity stage on one article (mentions.h): French
 * titles and roles make persons, short forms and roles resolve to the
 * full name the article gave, place words and numbered units, names the
 * text says are one, and nothing found in text with no name.
 */
#include <string.h>

#include "entities/mentions.h"
#include "test.h"
#include "veille.h"

typedef struct found {
	vl_analysis *an;
	vl_ments ms;
	const char *text;
} found;

static int find(found *f, const char *text)
{
	vl_analyze_options o = VL_ANALYZE_OPTIONS_INIT;
	memset(f, 0, sizeof *f);
	f->text = text;
	o.detect_language = 0;
	if (vl_analyze(&f->an, text, strlen(text), &o, NULL))
		return -1;
	return vl__mentions_find(&f->ms, text, strlen(text), f->an, "fr");
}

static void done(found *f)
{
	vl__ments_free(&f->ms);
	vl_analysis_free(f->an);
}

/* The local entity of the mention written `surface` (its first one), or
 * -1 when no mention is written so. */
static long ent_of(const found *f, const char *surface)
{
	size_t len = strlen(surface);
	for (size_t i = 0; i < f->ms.n; i++)
		if (f->ms.m[i].end - f->ms.m[i].start == len &&
		    !memcmp(f->text + f->ms.m[i].start, surface, len))
			return (long)f->ms.m[i].local;
	return -1;
}

static const char *name_of(const found *f, long e)
{
	return e < 0 ? "" : vl__ments_name(&f->ms, f->ms.ents[e].name);
}

static int type_of(const found *f, long e)
{
	return e < 0 ? -1 : f->ms.ents[e].type;
}

void test_entities__titles_and_surnames_resolve_to_the_full_name(void)
{
	found f;
	CHECK(!find(&f, "Le négociateur Pierre Valmont est arrivé lundi. "
			"M. Valmont a rencontré Mme Claire Ardent, puis "
			"Valmont est reparti."));
	CHECK(ent_of(&f, "Pierre Valmont") >= 0);
	CHECK_INT(ent_of(&f, "Valmont"), ent_of(&f, "Pierre Valmont"));
	CHECK_STR(name_of(&f, ent_of(&f, "Valmont")), "Pierre Valmont");
	CHECK_INT(type_of(&f, ent_of(&f, "Claire Ardent")), VL_ENT_PER);
	/* the title is not part of the name */
	CHECK_INT(ent_of(&f, "M. Valmont"), -1);
	done(&f);
}

void test_entities__a_role_stands_for_the_person_it_introduced(void)
{
	found f;
	long z;
	CHECK(!find(&f, "Le président ukrainien Volodymyr Zelensky a parlé "
			"mardi. Plus tard, le président ukrainien a ajouté "
			"qu'il restait prudent. Le dirigeant russe n'a pas "
			"répondu."));
	z = ent_of(&f, "Volodymyr Zelensky");
	CHECK(z >= 0);
	CHECK_INT(ent_of(&f, "président ukrainien"), z);
	/* nobody was introduced as the Russian head of state */
	CHECK_INT(ent_of(&f, "dirigeant russe"), -1);
	done(&f);
}

void test_entities__place_words_units_and_stated_aliases(void)
{
	found f;
	long t;
	CHECK(!find(&f, "Les soldats de la 93e brigade tiennent la ville de "
			"Bakhmout. Moscou parle d'Artemivsk, le nom "
			"soviétique utilisé pour désigner Bakhmout."));
	CHECK_INT(type_of(&f, ent_of(&f, "93e brigade")), VL_ENT_ORG);
	t = ent_of(&f, "Bakhmout");
	CHECK_INT(type_of(&f, t), VL_ENT_LOC);
	CHECK_INT(ent_of(&f, "Artemivsk"), t);
	CHECK(f.ms.ents[t].alias != UINT32_MAX);
	CHECK_STR(vl__ments_name(&f.ms, f.ms.ents[t].alias), "Artemivsk");
	done(&f);
}

void test_entities__text_without_names_has_no_mention(void)
{
	found f;
	CHECK(!find(&f, "il pleut depuis trois jours et la rivière monte."));
	CHECK_INT(f.ms.n, 0);
	CHECK_INT(f.ms.n_ents, 0);
	done(&f);
	CHECK(!find(&f, ""));
	CHECK_INT(f.ms.n, 0);
	done(&f);
}

void test_entities__an_alias_phrase_joins_the_right_names(void)
{
	found f;
	long t;
	/* not the speaker of the renaming, nor the end of a longer name */
	CHECK(!find(&f, "Les combats ont gagné Toretsk, que Moscou désigne "
			"par son ancien nom soviétique de Dzerjinsk."));
	t = ent_of(&f, "Toretsk");
	CHECK(t >= 0);
	CHECK_INT(ent_of(&f, "Dzerjinsk"), t);
	CHECK(ent_of(&f, "Moscou") != t);
	done(&f);
	CHECK(!find(&f, "«Nous avons libéré Marinka», a indiqué le ministère "
			"russe de la Défense, utilisant le nom ukrainien pour "
			"désigner Mariinka."));
	CHECK(ent_of(&f, "Défense") < 0 ||
	      ent_of(&f, "Défense") != ent_of(&f, "Mariinka"));
	done(&f);
}
