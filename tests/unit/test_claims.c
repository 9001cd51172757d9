/*
 * test_claims.c — the claim stage on one article (claims.h), with the
 * article's real mentions and quotations given by hand, so that the
 * claim rules are tested alone: a quotation with a speaker is a claim,
 * a partial one claims its sentence, a subject before a cue makes a
 * claim of a sentence, denials and doubts, event classes and the
 * subject carried from an earlier sentence.
 */
#include <math.h>
#include <string.h>

#include "claims/claims.h"
#include "test.h"
#include "veille.h"

typedef struct art {
	vl_analysis *an;
	vl_ments ms;
	vl_quotes qs;
	vl_quote q[4];
	vl_claims cl;
	const char *text;
} art;

static int setup(art *a, const char *text)
{
	vl_analyze_options o = VL_ANALYZE_OPTIONS_INIT;
	memset(a, 0, sizeof *a);
	a->text = text;
	o.detect_language = 0;
	if (vl_analyze(&a->an, text, strlen(text), &o, NULL))
		return -1;
	return vl__mentions_find(&a->ms, text, strlen(text), a->an, "fr");
}

/* The mention written `s`, or -1. */
static int32_t mention(const art *a, const char *s)
{
	for (size_t i = 0; i < a->ms.n; i++)
		if (a->ms.m[i].end - a->ms.m[i].start == strlen(s) &&
		    !memcmp(a->text + a->ms.m[i].start, s, strlen(s)))
			return (int32_t)i;
	return -1;
}

/* A quotation of the words `s` by the mention `who`. */
static void quote(art *a, const char *s, const char *who, int kind)
{
	const char *at = strstr(a->text, s);
	vl_quote *q = &a->q[a->qs.n++];
	memset(q, 0, sizeof *q);
	q->start = (uint32_t)(at - a->text);
	q->end = q->start + (uint32_t)strlen(s);
	q->speaker = who ? mention(a, who) : -1;
	q->kind = (uint8_t)kind;
	a->qs.v = a->q;
}

static int run(art *a)
{
	return vl__claims_find(&a->cl, a->text, strlen(a->text), a->an, &a->ms,
			       &a->qs, "fr");
}

static void done(art *a)
{
	vl__claims_free(&a->cl);
	vl__ments_free(&a->ms);
	vl_analysis_free(a->an);
}

/* The claim whose statement holds `s`, or NULL. */
static const vl_claim *claim_with(const art *a, const char *s)
{
	size_t at = (size_t)(strstr(a->text, s) - a->text);
	for (size_t i = 0; i < a->cl.n; i++)
		if (a->cl.v[i].start <= at && a->cl.v[i].end > at)
			return &a->cl.v[i];
	return NULL;
}

static const char *source_of(const art *a, const vl_claim *c)
{
	static char buf[128];
	size_t n = c->src_end - c->src_start;
	if (n >= sizeof buf)
		n = sizeof buf - 1;
	memcpy(buf, a->text + c->src_start, n);
	buf[n] = '\0';
	return buf;
}

void test_claims__a_capture_and_its_denial(void)
{
	art a;
	const vl_claim *c;
	CHECK(!setup(&a, "L'armée russe a revendiqué mardi la prise de la "
			 "ville de Marinka. Les autorités ukrainiennes n'ont "
			 "pas confirmé la chute de la ville. La 79e brigade "
			 "a assuré que les Russes ne contrôlaient pas la "
			 "totalité de la localité."));
	CHECK(!run(&a));
	c = claim_with(&a, "revendiqué");
	CHECK(c != NULL);
	CHECK_INT(c->polarity, VL_CLAIM_ASSERTS);
	CHECK_STR(vl__claim_event_name(c->event), "control");
	CHECK(c->subject >= 0);
	c = claim_with(&a, "n'ont pas confirmé");
	CHECK(c != NULL);
	CHECK_INT(c->polarity, VL_CLAIM_DOUBTS);
	CHECK_STR(source_of(&a, c), "Les autorités ukrainiennes");
	c = claim_with(&a, "ne contrôlaient pas");
	CHECK(c != NULL);
	CHECK_INT(c->polarity, VL_CLAIM_DENIES);
	CHECK_STR(vl__claim_event_name(c->event), "control");
	/* "la localité": the place named before */
	CHECK(c->subject >= 0);
	done(&a);
}

void test_claims__quotations_make_claims_of_their_speaker(void)
{
	art a;
	const vl_claim *c;
	CHECK(!setup(&a, "Le général Oleksandr Tarnavsky a démenti tout "
			 "encerclement. «Il n'y a aucun encerclement de nos "
			 "troupes», a déclaré M. Tarnavsky. Les soldats "
			 "auraient été «encerclés», selon Moscou."));
	quote(&a, "Il n'y a aucun encerclement de nos troupes", "Tarnavsky",
	      VL_QUOTE_DIRECT);
	quote(&a, "encerclés", "Moscou", VL_QUOTE_PARTIAL);
	CHECK(!run(&a));
	c = claim_with(&a, "aucun encerclement");
	CHECK(c != NULL);
	CHECK_INT(c->polarity, VL_CLAIM_DENIES);
	CHECK_STR(vl__claim_event_name(c->event), "encirclement");
	CHECK(c->source >= 0);
	/* a partial quotation claims its whole sentence */
	c = claim_with(&a, "Les soldats");
	CHECK(c != NULL);
	CHECK_INT(c->polarity, VL_CLAIM_ASSERTS);
	CHECK(c->quote == 1);
	done(&a);
}

void test_claims__figures_and_sentences_without_a_source(void)
{
	art a;
	const vl_claim *c;
	CHECK(!setup(&a, "Il pleuvait. Selon la préfecture, 12 personnes "
			 "ont été blessées dans l'accident."));
	CHECK(!run(&a));
	CHECK(claim_with(&a, "Il pleuvait") == NULL);
	c = claim_with(&a, "blessées");
	CHECK(c != NULL);
	CHECK_STR(vl__claim_event_name(c->event), "casualties");
	CHECK(!isnan(c->number) && c->number == 12);
	done(&a);
}
