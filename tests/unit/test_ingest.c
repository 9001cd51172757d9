/*
 * test_ingest.c — plain-text and JSON Lines readers, publication dates.
 */
#include <stdlib.h>
#include <string.h>

#include "ingest/article.h"
#include "ingest/published.h"
#include "test.h"

void test_ingest__txt_date_marker(void)
{
	vl_raw_article a;
	const char *s = " date 2025-02 La Russie a revendiqué vendredi la "
			"prise.\n\nSuite.";
	CHECK_INT(vl__txt_parse(&a, s, strlen(s), NULL), 0);
	CHECK_STR(a.published, "2025-02");
	CHECK_STR(a.text,
		  "La Russie a revendiqué vendredi la prise.\n\nSuite.");
	vl__raw_article_clear(&a);

	s = "date 2025-03-14T08:30 Texte.";
	CHECK_INT(vl__txt_parse(&a, s, strlen(s), NULL), 0);
	CHECK_STR(a.published, "2025-03-14T08:30");
	CHECK_STR(a.text, "Texte.");
	vl__raw_article_clear(&a);
}

void test_ingest__txt_no_marker_is_text(void)
{
	vl_raw_article a;
	/* "date" as a word, or a marker without a real date, is text. */
	const char *s = "date limite de dépôt : lundi.";
	CHECK_INT(vl__txt_parse(&a, s, strlen(s), NULL), 0);
	CHECK(a.published == NULL);
	CHECK_STR(a.text, s);
	vl__raw_article_clear(&a);
	s = "\xEF\xBB\xBF  date 20xx texte";
	CHECK_INT(vl__txt_parse(&a, s, strlen(s), NULL), 0);
	CHECK(a.published == NULL);
	CHECK_STR(a.text, "date 20xx texte");
	vl__raw_article_clear(&a);
}

void test_ingest__txt_empty(void)
{
	vl_raw_article a;
	vl_error e;
	CHECK_INT(vl__txt_parse(&a, "", 0, &e), VL_EEMPTY);
	CHECK_INT(vl__txt_parse(&a, " \n\t\r\n ", 6, &e), VL_EEMPTY);
	CHECK_INT(vl__txt_parse(&a, " date 2025-01-01  \n", 19, &e), VL_EEMPTY);
}

void test_ingest__jsonl_fields_and_extra(void)
{
	vl_raw_article a;
	const char *s = "{\"id\": 42, \"title\": \"T\", \"text\": \"Corps\", "
			"\"published\": 1741939200,"
			" \"section\": \"Monde\", \"n\": [1, {\"x\": null}]}";
	CHECK_INT(vl__jsonl_parse(&a, s, strlen(s), NULL), 0);
	CHECK_STR(a.id, "42");
	CHECK_STR(a.title, "T");
	CHECK_STR(a.text, "Corps");
	CHECK_STR(a.published, "2025-03-14T08:00:00Z");
	CHECK_STR(a.extra, "{\"section\":\"Monde\",\"n\":[1,{\"x\":null}]}");
	CHECK(a.url == NULL && a.lang == NULL);
	vl__raw_article_clear(&a);
}

void test_ingest__jsonl_errors(void)
{
	vl_raw_article a;
	vl_error e;
	static const struct {
		const char *s;
		int code;
		size_t off;
	} bad[] = {
		{ "{\"text\": \"coupé", VL_EFORMAT, SIZE_MAX },
		{ "[1, 2]", VL_EFORMAT, 0 },
		{ "{\"title\": \"sans texte\"}", VL_EEMPTY, SIZE_MAX },
		{ "{\"text\": 12}", VL_EFORMAT, SIZE_MAX },
		{ "{\"text\": \"a\"} {", VL_EFORMAT, 14 },
		{ "{\"text\": \"a\\u0000b\"}", VL_EFORMAT, 11 },
		{ "{\"text\": \"x\", \"id\": 1.5}", VL_EFORMAT, SIZE_MAX },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		memset(&e, 0, sizeof e);
		CHECK_INT(vl__jsonl_parse(&a, bad[i].s, strlen(bad[i].s), &e),
			  bad[i].code);
		CHECK_INT(e.code, bad[i].code);
		if (bad[i].off != SIZE_MAX)
			CHECK_INT(e.offset, bad[i].off);
		CHECK(e.message[0] != '\0');
	}
}

void test_ingest__published_dates(void)
{
	int64_t ts;
	CHECK_INT(vl__parse_published("2025-03-14", &ts), 0);
	CHECK_INT(ts, 1741910400);
	CHECK_INT(vl__parse_published("2025-03-14T09:12:00+01:00", &ts), 0);
	CHECK_INT(ts, 1741939920);
	CHECK_INT(vl__parse_published("2025-03-14 08:12Z", &ts), 0);
	CHECK_INT(ts, 1741939920);
	CHECK_INT(vl__parse_published("2025-02", &ts), 0);
	CHECK_INT(ts, 1738368000);
	CHECK_INT(vl__parse_published("2024-02-29", &ts), 0);
	CHECK_INT(vl__parse_published("2025-02-29", &ts), -1);
	CHECK_INT(vl__parse_published("14/03/2025", &ts), -1);
	CHECK_INT(vl__parse_published("2025-03-14T25:00", &ts), -1);
	CHECK_INT(vl__parse_published("2025-03-14junk", &ts), -1);
}
