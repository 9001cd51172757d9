/*
 * test_align.c — sentence alignment of two texts (passage-level reuse).
 */
#include <string.h>

#include "reuse/align.h"
#include "test.h"
#include "util/alloc.h"

static int sets(vl_sentsets *s, vl_analysis **a, const char *text)
{
	if (vl_analyze(a, text, strlen(text), NULL, NULL))
		return -1;
	return vl__sentsets(
		s, vl_analysis_tokens(*a), vl_analysis_token_count(*a),
		vl_analysis_sentences(*a), vl_analysis_sentence_count(*a));
}

/* Align two texts; matches as "a-b" pairs joined by spaces. */
static const char *pairs(const char *x, const char *y)
{
	static char out[256];
	vl_analysis *ax, *ay;
	vl_sentsets sx, sy;
	vl_match *m;
	size_t n, k = 0;

	out[0] = '\0';
	if (sets(&sx, &ax, x) || sets(&sy, &ay, y) ||
	    vl__align(&m, &n, &sx, &sy))
		return "error";
	for (size_t i = 0; i < n; i++)
		k += (size_t)snprintf(out + k, sizeof out - k, "%s%u-%u",
				      i ? " " : "", m[i].a, m[i].b);
	vl__freep(m);
	vl__sentsets_free(&sx);
	vl__sentsets_free(&sy);
	vl_analysis_free(ax);
	vl_analysis_free(ay);
	return out;
}

void test_align__edits_still_match(void)
{
	/* a word changed (naguère/autrefois), a number written another way,
	 * a clause dropped, a sentence added, the order changed */
	CHECK_STR(pairs("Toretsk était naguère un important centre minier du "
			"Donbass. "
			"La ville comptait 30.000 habitants avant la guerre, "
			"selon les autorités locales. "
			"Les combats se poursuivent dans les faubourgs nord de "
			"la ville depuis mardi.",
			"Un paragraphe ajouté par le journal sur la situation "
			"humanitaire dans la région. "
			"Les combats se poursuivent dans les faubourgs nord de "
			"la ville depuis mardi. "
			"Toretsk était autrefois un important centre minier du "
			"Donbass. "
			"La ville comptait 30'000 habitants avant la guerre."),
		  "0-2 1-3 2-1");
}

void test_align__unrelated_and_short_do_not_match(void)
{
	CHECK_STR(pairs("Le président a quitté la capitale jeudi soir pour "
			"Genève.",
			"Les crues ont inondé trois villages de la vallée "
			"depuis lundi."),
		  "");
	/* Two-word sentences never match, even when equal. */
	CHECK_STR(pairs("Il démentit.", "Il démentit."), "");
}

void test_align__one_match_per_sentence(void)
{
	/* The same sentence twice on one side matches once. */
	CHECK_STR(
		pairs("La route de Kramatorsk reste coupée depuis trois jours. "
		      "La route de Kramatorsk reste coupée depuis trois jours.",
		      "La route de Kramatorsk reste coupée depuis trois "
		      "jours."),
		"0-0");
}
