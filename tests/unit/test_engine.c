/*
 * test_engine.c — the engine through the public API, on an in-memory
 * store: ingest, read back, idempotence, learned lines, stats, JSON, and
 * allocation failures injected at every step.
 */
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "util/alloc.h"
#include "veille.h"

static const char dispatch[] =
	" date 2025-03-14 Les secours ont dégagé vendredi deux skieurs pris "
	"dans une avalanche.\n\n"
	"Crédit photo : Keystone\n\n"
	"« Ils sont en vie », a déclaré M. Favre, chef des secours. La route "
	"reste fermée.\n\n"
	"Lire aussi : Le risque d'avalanche marqué dans les Alpes\n";

/* Ingest count JSON lines made from fmt, whose two %d both get the line
 * number. 0 or the first error. */
static int ingest_numbered(vl_engine *e, const char *fmt, int count,
			   vl_ingest_stats *st)
{
	char buf[512];
	int rc = 0;

	for (int i = 0; i < count && !rc; i++) {
		int n = snprintf(buf, sizeof buf, fmt, i, i);
		rc = vl_engine_ingest_memory(e, "m", buf, (size_t)n, "jsonl",
					     NULL, st);
	}
	return rc;
}

static int count_cb(const vl_article *a, void *payload)
{
	(void)a;
	(*(int *)payload)++;
	return 0;
}

void test_engine__ingest_and_read_back(void)
{
	vl_engine *e;
	vl_ingest_stats st;
	vl_article *a;
	char *json;
	int n = 0;

	memset(&st, 0, sizeof st);
	CHECK_INT(vl_engine_open(&e, ":memory:", NULL, NULL), 0);
	CHECK_INT(vl_engine_ingest_memory(e, "d.txt", dispatch,
					  strlen(dispatch), "txt", NULL, &st),
		  0);
	CHECK_INT(st.added, 1);
	CHECK_INT(st.removed_lines, 2);
	CHECK_INT(vl_engine_each_article(e, NULL, count_cb, &n), 0);
	CHECK_INT(n, 1);
	/* The same input again adds nothing. */
	CHECK_INT(vl_engine_ingest_memory(e, "d.txt", dispatch,
					  strlen(dispatch), "txt", NULL, &st),
		  0);
	CHECK_INT(st.unchanged, 1);
	CHECK_INT(vl_engine_article(e, "nope", &a), VL_ENOTFOUND);
	{
		const char *j = "{\"id\":\"x1\",\"text\":\"Un "
				"texte.\\n\\nPartager sur Facebook\"}";
		CHECK_INT(vl_engine_ingest_memory(e, "j", j, strlen(j), "jsonl",
						  NULL, &st),
			  0);
	}
	CHECK_INT(vl_engine_article(e, "x1", &a), 0);
	CHECK_STR(vl_article_text(a), "Un texte.");
	CHECK_INT(vl_article_removed_count(a), 1);
	CHECK_STR(vl_article_removed(a, 0)->reason, "share");
	CHECK_INT(vl_article_sentence_count(a), 1);
	CHECK_INT(vl_article_json(&json, a, VL_JSON_EXPLAIN), 0);
	CHECK(strstr(json, "\"reason\":\"share\"") != NULL);
	vl_free(json);
	vl_article_free(a);
	vl_engine_free(e);
}

static const char shop_line_flow[] =
	"{\"id\":\"r%d\",\"source\":\"Le Quotidien\",\"text\":"
	"\"Article numéro %d sur la crue de la rivière.\\n\\n"
	"La boutique du Quotidien : cartes et atlas\"}";

void test_engine__learns_repeated_lines(void)
{
	vl_engine *e;
	vl_ingest_stats st;
	vl_article *a;
	char buf[512];

	memset(&st, 0, sizeof st);
	CHECK_INT(vl_engine_open(&e, ":memory:", NULL, NULL), 0);
	CHECK_INT(ingest_numbered(e, shop_line_flow, 5, &st), 0);
	CHECK_INT(st.added, 5);
	CHECK(st.recleaned >= 3);
	for (int i = 0; i < 5; i++) {
		snprintf(buf, sizeof buf, "r%d", i);
		CHECK_INT(vl_engine_article(e, buf, &a), 0);
		CHECK_INT(vl_article_removed_count(a), 1);
		CHECK_STR(vl_article_removed(a, 0)->reason, "repeated");
		vl_article_free(a);
	}
	vl_engine_free(e);
}

void test_engine__stats(void)
{
	vl_engine *e;
	vl_stats *s;
	char *json;

	CHECK_INT(vl_engine_open(&e, ":memory:", NULL, NULL), 0);
	CHECK_INT(vl_engine_ingest_memory(e, "d.txt", dispatch,
					  strlen(dispatch), "txt", NULL, NULL),
		  0);
	CHECK_INT(vl_engine_stats(e, &s), 0);
	CHECK_INT(s->articles, 1);
	CHECK_INT(s->n_by_reason, 2);
	CHECK_STR(s->first_published, "2025-03-14");
	CHECK_INT(vl_stats_json(&json, s), 0);
	CHECK(strstr(json, "\"see-also\"") != NULL);
	vl_free(json);
	vl_stats_free(s);
	vl_engine_free(e);
}

static void on_error(const vl_error *err, void *payload)
{
	*(vl_error *)payload = *err;
}

void test_engine__reports_bad_input(void)
{
	vl_engine *e;
	vl_ingest_stats st;
	vl_ingest_options o = VL_INGEST_OPTIONS_INIT;
	vl_error got;
	const char bad[] = "{\"text\":\"ok\"}\n{\"text\":\"caf\xC3\"}\n";

	memset(&st, 0, sizeof st);
	memset(&got, 0, sizeof got);
	o.on_error = on_error;
	o.payload = &got;
	CHECK_INT(vl_engine_open(&e, ":memory:", NULL, NULL), 0);
	CHECK_INT(vl_engine_ingest_memory(e, "feed", bad, sizeof bad - 1, NULL,
					  &o, &st),
		  0);
	CHECK_INT(st.added, 1);
	CHECK_INT(st.rejected, 1);
	CHECK_INT(got.code, VL_EUTF8);
	CHECK_STR(got.where, "feed:2");
	CHECK_INT(got.offset, 12);
	vl_engine_free(e);
}

/* Fail the Nth allocation of an ingest for N = 1, 2, ... until it
 * succeeds: no crash, no leak (the sanitizer build checks), and an error
 * code rather than a wrong result. */
void test_engine__allocation_failures(void)
{
	vl_analysis *warm;
	CHECK_INT(vl_analyze(&warm, "Kyiv.", 5, NULL, NULL), 0); /* tables */
	vl_analysis_free(warm);
	for (unsigned long n = 1; n < 5000; n++) {
		vl_engine *e;
		vl_ingest_stats st;
		int rc;
		memset(&st, 0, sizeof st);
		if (vl_engine_open(&e, ":memory:", NULL, NULL))
			break;
		vl__alloc_fail_after(n);
		rc = vl_engine_ingest_memory(e, "d.txt", dispatch,
					     strlen(dispatch), "txt", NULL,
					     &st);
		vl__alloc_fail_after(0);
		if (rc == 0 && st.added == 1) {
			vl_engine_free(e);
			return; /* every earlier N failed cleanly */
		}
		CHECK(rc == VL_ENOMEM || rc == 0);
		vl_engine_free(e);
	}
	CHECK(!"ingest never succeeded");
}

static const char koursk_versions[] =
	"{\"id\":\"u%d\",\"source\":\"Agence\",\"title\":"
	"\"Koursk\",\"text\":"
	"\"Offensive vers Koursk\\n\\nLes forces ukrainiennes "
	"ont "
	"lancé une nouvelle attaque dans la région de Koursk, "
	"selon l'état-major russe, qui affirme l'avoir "
	"repoussée "
	"dans la nuit de jeudi à vendredi.\\n\\nParagraphe "
	"ajouté dans la version %d.\"}";

/* Five updates of one dispatch from one source share their lines: none
 * of them is boilerplate, and no article loses its body. */
void test_engine__updates_are_not_boilerplate(void)
{
	vl_engine *e;
	vl_ingest_stats st;
	vl_article *a;
	char buf[1024];

	memset(&st, 0, sizeof st);
	CHECK_INT(vl_engine_open(&e, ":memory:", NULL, NULL), 0);
	CHECK_INT(ingest_numbered(e, koursk_versions, 5, &st), 0);
	CHECK_INT(st.added, 5);
	for (int i = 0; i < 5; i++) {
		snprintf(buf, sizeof buf, "u%d", i);
		CHECK_INT(vl_engine_article(e, buf, &a), 0);
		CHECK_INT(vl_article_removed_count(a), 0);
		CHECK(strstr(vl_article_text(a), "Offensive vers Koursk") !=
		      NULL);
		vl_article_free(a);
	}
	vl_engine_free(e);
}

/* Records without ids that differ in any field are distinct articles. */
void test_engine__ids_follow_all_fields(void)
{
	vl_engine *e;
	vl_ingest_stats st;
	const char *in =
		"{\"url\":\"https://a.test/1\",\"text\":\"Même texte.\"}\n"
		"{\"url\":\"https://a.test/2\",\"text\":\"Même texte.\"}\n";

	memset(&st, 0, sizeof st);
	CHECK_INT(vl_engine_open(&e, ":memory:", NULL, NULL), 0);
	CHECK_INT(vl_engine_ingest_memory(e, "m", in, strlen(in), "jsonl", NULL,
					  &st),
		  0);
	CHECK_INT(st.added, 2);
	memset(&st, 0, sizeof st);
	CHECK_INT(vl_engine_ingest_memory(e, "m", in, strlen(in), "jsonl", NULL,
					  &st),
		  0);
	CHECK_INT(st.unchanged, 2);
	vl_engine_free(e);
}

static const char common_line_flow[] =
	"{\"id\":\"s%d\",\"source\":\"Q\",\"title\":\"T\","
	"\"text\":\"Paragraphe propre au numéro %d, assez "
	"long pour être le plus long.\\n\\nLigne commune\"}";

/* An article updated under its id does not count its own older version
 * when deciding what its source repeats. */
void test_engine__update_does_not_count_itself(void)
{
	vl_engine *e;
	vl_ingest_stats st;
	vl_article *a;
	char buf[512];

	memset(&st, 0, sizeof st);
	CHECK_INT(vl_engine_open(&e, ":memory:", NULL, NULL), 0);
	CHECK_INT(ingest_numbered(e, common_line_flow, 3, &st), 0);
	/* s2 again, its first paragraph edited: still only 3 articles. */
	{
		int n = snprintf(
			buf, sizeof buf,
			"{\"id\":\"s2\",\"source\":\"Q\",\"title\":\"T\","
			"\"text\":\"Paragraphe propre au numéro 2, réécrit "
			"et plus long que la première fois.\\n\\nLigne "
			"commune\"}");
		CHECK_INT(vl_engine_ingest_memory(e, "m", buf, (size_t)n,
						  "jsonl", NULL, &st),
			  0);
	}
	CHECK_INT(st.updated, 1);
	CHECK_INT(vl_engine_article(e, "s2", &a), 0);
	CHECK_INT(vl_article_removed_count(a), 0);
	vl_article_free(a);
	vl_engine_free(e);
}
