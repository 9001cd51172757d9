/*
 * test_quotes.c — the quotation stage on short articles we wrote
 * (quotes/quotes.h): the marks of French copy, partial quotations and
 * titles, reported speech with que / selon / an inverted verb, and the
 * speaker after, before, carried by "a-t-il ajouté" or named by a role;
 * bounds on an unclosed mark; allocation failures.
 */
#include <string.h>

#include "entities/mentions.h"
#include "quotes/quotes.h"
#include "test.h"
#include "util/alloc.h"
#include "veille.h"

typedef struct found {
	vl_analysis *an;
	vl_ments ms;
	vl_quotes q;
	const char *text;
} found;

static int find(found *f, const char *text)
{
	vl_analyze_options o = VL_ANALYZE_OPTIONS_INIT;
	int rc;

	memset(f, 0, sizeof *f);
	f->text = text;
	o.detect_language = 0;
	if (vl_analyze(&f->an, text, strlen(text), &o, NULL))
		return -1;
	if ((rc = vl__mentions_find(&f->ms, text, strlen(text), f->an, "fr")))
		return rc;
	return vl__quotes_find(&f->q, text, strlen(text), f->an, &f->ms, "fr");
}

static void done(found *f)
{
	vl__quotes_free(&f->q);
	vl__ments_free(&f->ms);
	vl_analysis_free(f->an);
}

/* The quotation whose words are exactly `words`, or NULL. */
static const vl_quote *quote(const found *f, const char *words)
{
	size_t n = strlen(words);

	for (size_t i = 0; i < f->q.n; i++)
		if (f->q.v[i].end - f->q.v[i].start == n &&
		    !memcmp(f->text + f->q.v[i].start, words, n))
			return &f->q.v[i];
	return NULL;
}

/* Its speaker's entity name, or "-". */
static const char *speaker(const found *f, const vl_quote *q)
{
	if (!q || q->speaker < 0)
		return "-";
	return vl__ments_name(&f->ms,
			      f->ms.ents[f->ms.m[q->speaker].local].name);
}

void test_quotes__direct_after_and_carried(void)
{
	found f;
	const vl_quote *a, *b;

	CHECK(find(&f, "« Nous ne céderons rien », a déclaré jeudi le maire "
		       "Jean-Paul Morel. « Le projet sera mené à son terme "
		       "», a-t-il ajouté.") == 0);
	a = quote(&f, "Nous ne céderons rien");
	b = quote(&f, "Le projet sera mené à son terme");
	CHECK(a && b);
	CHECK_INT(a->kind, VL_QUOTE_DIRECT);
	CHECK_STR(speaker(&f, a), "Jean-Paul Morel");
	CHECK_INT(a->carried, 0);
	CHECK_STR(speaker(&f, b), "Jean-Paul Morel");
	CHECK_INT(b->carried, 1);
	CHECK(b->cue_end > b->cue_start);
	CHECK(!memcmp(f.text + b->cue_start, "ajouté", 7));
	done(&f);
}

void test_quotes__marks_without_spaces_and_straight(void)
{
	found f;
	const vl_quote *a, *b, *c;

	CHECK(find(&f, "«Il faut agir vite», estime Paul Girard. \"La "
		       "situation est grave\", a reconnu Sophie Marin. "
		       "“Rien n'est joué”, a répondu Marc Petit.") == 0);
	a = quote(&f, "Il faut agir vite");
	b = quote(&f, "La situation est grave");
	c = quote(&f, "Rien n'est joué");
	CHECK(a && b && c);
	CHECK_STR(speaker(&f, a), "Paul Girard");
	CHECK_STR(speaker(&f, b), "Sophie Marin");
	CHECK_STR(speaker(&f, c), "Marc Petit");
	done(&f);
}

void test_quotes__speaker_before_with_colon(void)
{
	found f;
	const vl_quote *a;

	CHECK(find(&f, "Le ministre de l'Agriculture, Henri Lebrun, a déclaré "
		       ": « Les aides seront versées avant l'été. »") == 0);
	a = quote(&f, "Les aides seront versées avant l'été.");
	CHECK(a != NULL);
	CHECK_INT(a->kind, VL_QUOTE_DIRECT);
	CHECK_STR(speaker(&f, a), "Henri Lebrun");
	done(&f);
}

void test_quotes__partial_and_titles(void)
{
	found f;
	const vl_quote *a;

	CHECK(find(&f, "La députée Claire Fabre a dénoncé une réforme "
		       "«injuste» lors de la présentation du film « Les Jours "
		       "heureux », surnommé « la Bombe » par la presse.") == 0);
	a = quote(&f, "injuste");
	CHECK(a != NULL);
	CHECK_INT(a->kind, VL_QUOTE_PARTIAL);
	CHECK_STR(speaker(&f, a), "Claire Fabre");
	CHECK(quote(&f, "Les Jours heureux") == NULL);
	CHECK(quote(&f, "la Bombe") == NULL);
	done(&f);
}

void test_quotes__nested_marks_stay_inside(void)
{
	found f;

	CHECK(find(&f, "« On nous parle de “progrès”, mais rien ne change », "
		       "regrette Léa Martin.") == 0);
	CHECK(quote(&f, "On nous parle de “progrès”, mais rien ne change") !=
	      NULL);
	CHECK(quote(&f, "progrès") == NULL);
	done(&f);
}

void test_quotes__reported_que_and_selon(void)
{
	found f;
	const vl_quote *a, *b, *c;

	CHECK(find(&f, "Le maire de Brest, Yves Kerouac, a annoncé que les "
		       "travaux commenceraient en mai. Selon lui, le chantier "
		       "durera deux ans. Le budget sera tenu, a assuré "
		       "Martine Le Gall.") == 0);
	a = quote(&f, "les travaux commenceraient en mai");
	b = quote(&f, "le chantier durera deux ans");
	c = quote(&f, "Le budget sera tenu");
	CHECK(a && b && c);
	CHECK_INT(a->kind, VL_QUOTE_REPORTED);
	CHECK_STR(speaker(&f, a), "Yves Kerouac");
	CHECK_STR(speaker(&f, b), "Yves Kerouac");
	CHECK_INT(b->carried, 1);
	CHECK_STR(speaker(&f, c), "Martine Le Gall");
	done(&f);
}

void test_quotes__no_speech_no_quote(void)
{
	found f;

	CHECK(find(&f, "Selon les chiffres de l'Insee, le chômage a baissé. "
		       "Le maire a appelé les habitants à la prudence, alors "
		       "que la crue monte.") == 0);
	CHECK_INT(f.q.n, 0);
	done(&f);
}

void test_quotes__unclosed_mark_ends_with_its_line(void)
{
	found f;
	const char *text = "« Nous demandons des moyens, pas des promesses\n"
			   "« Ce n'est plus tenable », conclut la lettre.\n";
	const vl_quote *a;

	CHECK(find(&f, text) == 0);
	a = quote(&f, "Nous demandons des moyens, pas des promesses");
	CHECK(a != NULL);
	CHECK(a->end <= (uint32_t)(strchr(text, '\n') - text));
	CHECK(quote(&f, "Ce n'est plus tenable") != NULL);
	done(&f);
}

void test_quotes__role_reference(void)
{
	found f;
	const vl_quote *a;

	CHECK(find(&f, "Le préfet du Gard, Louis Vernet, a pris un arrêté "
		       "mardi. Le préfet a été clair : « Aucune dérogation ne "
		       "sera accordée ».") == 0);
	a = quote(&f, "Aucune dérogation ne sera accordée");
	CHECK(a != NULL);
	CHECK_STR(speaker(&f, a), "Louis Vernet");
	done(&f);
}

/* The speaker as written: a phrase when no mention names it. */
static int written(const found *f, const vl_quote *q, const char *s)
{
	size_t n = strlen(s);
	return q && q->sp_end - q->sp_start == n &&
	       !memcmp(f->text + q->sp_start, s, n);
}

void test_quotes__phrase_speakers(void)
{
	found f;
	const vl_quote *a, *b, *c;

	CHECK(find(&f, "« La ville a été libérée », a indiqué le ministère "
		       "russe de la Défense dans un communiqué. Selon le "
		       "parquet, une enquête est ouverte. « Il n'y a pas de "
		       "menace », a assuré l'état-major de l'armée "
		       "ukrainienne, affirmant le contraire.") == 0);
	a = quote(&f, "La ville a été libérée");
	b = quote(&f, "une enquête est ouverte");
	c = quote(&f, "Il n'y a pas de menace");
	CHECK(a && b && c);
	CHECK_INT(a->speaker, -1);
	CHECK(written(&f, a, "ministère russe de la Défense"));
	/* a group with no name in it is nobody */
	CHECK_INT(b->speaker, -1);
	CHECK_INT(b->sp_end, 0);
	CHECK(written(&f, c, "état-major de l'armée ukrainienne"));
	done(&f);
}

void test_quotes__role_phrase_resolved(void)
{
	found f;
	const vl_quote *a, *b, *c;

	/* a role never tied to the name: the person named just before;
	 * "l'ONG": the organisation introduced as one */
	CHECK(find(&f, "La cycliste Julie Marchand a remporté dimanche la "
		       "course. « J'ai tout donné », a confié la coureuse "
		       "de 24 ans. Un navire de l'ONG Mer Libre a secouru 80 "
		       "personnes. L'ONG a dénoncé « l'absence de moyens ». "
		       "« Nous restons prudents », a répondu le préfet.") == 0);
	a = quote(&f, "J'ai tout donné");
	b = quote(&f, "l'absence de moyens");
	c = quote(&f, "Nous restons prudents");
	CHECK(a && b && c);
	CHECK_STR(speaker(&f, a), "Julie Marchand");
	CHECK(written(&f, a, "Julie Marchand"));
	CHECK_STR(speaker(&f, b),
		  "ONG Mer Libre"); /* the entity stage keeps "ONG" */
	/* nobody introduced as préfet: the phrase */
	CHECK_STR(speaker(&f, c), "-");
	CHECK(written(&f, c, "préfet"));
	done(&f);
}

void test_quotes__se_dire_and_selon_lui(void)
{
	found f;
	const vl_quote *a, *b;

	CHECK(find(&f, "Le Danois Jens Nielsen s'est dit « serein » avant "
		       "l'étape. Le président américain Paul Stone a parlé "
		       "lundi. Le président américain a ensuite appelé à "
		       "« la retenue » des soldats qui sont selon lui "
		       "« complètement encerclés ».") == 0);
	a = quote(&f, "serein");
	b = quote(&f, "complètement encerclés");
	CHECK(a && b);
	CHECK_STR(speaker(&f, a), "Jens Nielsen");
	CHECK_STR(speaker(&f, b), "Paul Stone");
	done(&f);
}

void test_quotes__empty_and_markless(void)
{
	found f;

	CHECK(find(&f, "") == 0 || f.q.n == 0);
	done(&f);
	CHECK(find(&f, "« » \" \" « « » » ” “ ‘ ’") == 0);
	for (size_t i = 0; i < f.q.n; i++)
		CHECK(f.q.v[i].start < f.q.v[i].end);
	done(&f);
	vl__quotes_free(NULL);
}

void test_quotes__allocation_failures(void)
{
	const char *text = "« Nous verrons », a déclaré Anne Roux, qui a "
			   "ajouté que rien n'était décidé.";
	vl_analysis *an = NULL;
	vl_ments ms;
	vl_quotes q;
	int rc = VL_ENOMEM;

	CHECK(vl_analyze(&an, text, strlen(text), NULL, NULL) == 0);
	CHECK(vl__mentions_find(&ms, text, strlen(text), an, "fr") == 0);
	for (unsigned long n = 1; rc == VL_ENOMEM && n < 200; n++) {
		vl__alloc_fail_after(n);
		rc = vl__quotes_find(&q, text, strlen(text), an, &ms, "fr");
		vl__alloc_fail_after(0);
		if (rc) {
			CHECK_INT(rc, VL_ENOMEM);
			CHECK(q.n == 0 && q.v == NULL);
		}
		vl__quotes_free(&q);
	}
	CHECK_INT(rc, 0);
	vl__ments_free(&ms);
	vl_analysis_free(an);
}

void test_quotes__long_line_is_bounded(void)
{
	/* one opening mark and ten thousand words: one quotation, found
	 * in one pass */
	vl_buf b;
	found f;

	vl_buf_init(&b);
	vl_buf_puts(&b, "« ");
	for (int i = 0; i < 10000; i++)
		vl_buf_puts(&b, "il a dit que selon lui, ");
	CHECK(!b.oom);
	CHECK(find(&f, b.ptr) == 0);
	CHECK(f.q.n >= 1);
	CHECK_INT(f.q.v[0].start, 3);
	done(&f);
	vl_buf_free(&b);
}
