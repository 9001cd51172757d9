/*
 * test_dates.c — the date stage (src/dates/): calendar arithmetic, the
 * word table, the rules and the news reading on sentences written in the
 * style of wire dispatches (our own), the seeds check (the readings the
 * seed articles call for, on sentences of ours), the chrono test-file
 * reader, the publication-day inference, allocation failures and a
 * pathological input.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "veille.h"

#include "dates/chrono_cases.h"
#include "dates/dates.h"
#include "dates/dates_int.h"
#include "test.h"
#include "util/alloc.h"

static char out[4096];

/* "[span] iso; [span] iso" for every date of text, read against
 * y-m-d with `reading`. */
static const char *dates_r(const char *text, int y, int m, int d, int reading)
{
	vl_analysis *an = NULL;
	vl_analyze_options ao = VL_ANALYZE_OPTIONS_INIT;
	vl_dates_opts o = VL_DATES_OPTS_INIT;
	vl_dates ds;
	size_t len = strlen(text), k = 0;

	out[0] = '\0';
	ao.detect_language = 0;
	if (vl_analyze(&an, text, len, &ao, NULL))
		return "analyze failed";
	o.reading = reading;
	if (vl__dates_find_opts(&ds, text, len, an,
				y ? vl__days_from_civil(y, m, d) : INT32_MIN,
				NULL, &o)) {
		vl_analysis_free(an);
		return "find failed";
	}
	for (size_t i = 0; i < ds.n && k < sizeof out - 200; i++) {
		char iso[64];
		vl__date_iso(&ds.v[i], iso, sizeof iso);
		k += (size_t)snprintf(out + k, sizeof out - k, "%s[%.*s] %s",
				      i ? "; " : "",
				      (int)(ds.v[i].end - ds.v[i].start),
				      text + ds.v[i].start, iso);
	}
	vl__dates_free(&ds);
	vl_analysis_free(an);
	return out;
}

/* Read as news, published on Friday 14 March 2025. */
static const char *dates(const char *text)
{
	return dates_r(text, 2025, 3, 14, VL_READ_NEWS);
}

/* The first date of text (news, 14 March 2025), its flags too. */
static vl_date first(const char *text)
{
	vl_analysis *an = NULL;
	vl_analyze_options ao = VL_ANALYZE_OPTIONS_INIT;
	vl_dates ds;
	vl_date d;
	memset(&d, 0, sizeof d);
	ao.detect_language = 0;
	if (vl_analyze(&an, text, strlen(text), &ao, NULL))
		return d;
	if (!vl__dates_find(&ds, text, strlen(text), an,
			    vl__days_from_civil(2025, 3, 14), "fr")) {
		if (ds.n)
			d = ds.v[0];
		vl__dates_free(&ds);
	}
	vl_analysis_free(an);
	return d;
}

/* ------------------------------------------------------------ calendar */

void test_dates__calendar_round_trip(void)
{
	int64_t y;
	int m, d;
	CHECK_INT(vl__days_from_civil(1970, 1, 1), 0);
	CHECK_INT(vl__days_from_civil(2000, 3, 1), 11017);
	CHECK_INT(vl__days_from_civil(1969, 12, 31), -1);
	CHECK_INT(vl__weekday(vl__days_from_civil(2025, 3, 14)), 5);
	CHECK_INT(vl__weekday(vl__days_from_civil(1970, 1, 1)), 4);
	CHECK_INT(vl__weekday(-1), 3);
	/* months and days out of range roll over, as Date(y, m, d) does */
	CHECK_INT(vl__days_from_civil(2014, 13, 1),
		  vl__days_from_civil(2015, 1, 1));
	CHECK_INT(vl__days_from_civil(2012, 0, 1),
		  vl__days_from_civil(2011, 12, 1));
	CHECK_INT(vl__days_from_civil(2012, 3, 0),
		  vl__days_from_civil(2012, 2, 29));
	for (int32_t day = -800000; day <= 800000; day += 97) {
		vl__civil_from_days(day, &y, &m, &d);
		CHECK(m >= 1 && m <= 12 && d >= 1 &&
		      d <= vl__days_in_month(y, m));
		CHECK_INT(vl__days_from_civil(y, m, d), day);
	}
	vl__civil_from_days(vl__days_from_civil(-234, 8, 10), &y, &m, &d);
	CHECK_INT(y, -234);
	CHECK_INT(vl__days_in_month(2024, 2), 29);
	CHECK_INT(vl__days_in_month(2100, 2), 28);
	CHECK_INT(vl__days_in_month(2000, 2), 29);
	CHECK_INT(vl__add_months(vl__days_from_civil(2025, 3, 31), -1),
		  vl__days_from_civil(2025, 2, 28));
	CHECK_INT(vl__days_from_unix(86400 * 3 + 5), 3);
	CHECK_INT(vl__days_from_unix(-1), -1);
	CHECK_INT(vl__unix_from_days(2), 172800);
}

void test_dates__iso(void)
{
	vl_date d;
	char b[64];
	memset(&d, 0, sizeof d);
	d.first = d.last = vl__days_from_civil(2025, 3, 13);
	d.gran = VL_GRAN_DAY;
	vl__date_iso(&d, b, sizeof b);
	CHECK_STR(b, "2025-03-13");
	d.gran = VL_GRAN_PART;
	d.part = 3;
	vl__date_iso(&d, b, sizeof b);
	CHECK_STR(b, "2025-03-13 evening");
	d.first = vl__days_from_civil(2025, 3, 1);
	d.last = vl__days_from_civil(2025, 3, 31);
	d.gran = VL_GRAN_MONTH;
	vl__date_iso(&d, b, sizeof b);
	CHECK_STR(b, "2025-03");
	d.first = vl__days_from_civil(2024, 1, 1);
	d.last = vl__days_from_civil(2024, 12, 31);
	d.gran = VL_GRAN_YEAR;
	vl__date_iso(&d, b, sizeof b);
	CHECK_STR(b, "2024");
	d.first = vl__days_from_civil(2025, 3, 10);
	d.last = vl__days_from_civil(2025, 3, 16);
	d.gran = VL_GRAN_WEEK;
	vl__date_iso(&d, b, sizeof b);
	CHECK_STR(b, "2025-03-10/2025-03-16");
	CHECK_INT(vl__date_iso(&d, b, 5), 4);
	CHECK_STR(b, "2025");
}

void test_dates__word_table(void)
{
	const vl_dword *w;
	CHECK_INT(vl__dates_lexicon_check(), 0);
	w = vl__dates_word("fevrier", 7);
	CHECK(w && w->cls[0] == C_MONTH && w->val[0] == 2);
	w = vl__dates_word("sept", 4); /* seven, and September */
	CHECK(w && w->cls[0] != w->cls[1]);
	for (int k = 0; k < 2; k++)
		CHECK((w->cls[k] == C_NUMW && w->val[k] == 7) ||
		      (w->cls[k] == C_MONTHA && w->val[k] == 9));
	w = vl__dates_word("dimanche", 8);
	CHECK(w && w->cls[0] == C_WDAY && w->val[0] == 0);
	CHECK(vl__dates_word("fevrie", 6) == NULL);
	CHECK(vl__dates_word("", 0) == NULL);
}

/* -------------------------------------------------------- seeds check */

void test_dates__seeds_check(void)
{
	/* published Friday 14 March 2025 (seed 003's day) */
	CHECK_STR(dates("Le chef du Kremlin a jugé jeudi que la trêve "
			"méritait d'être discutée."),
		  "[jeudi] 2025-03-13");
	CHECK_STR(dates("Kiev avait donné mardi son accord à un arrêt des "
			"combats."),
		  "[mardi] 2025-03-11");
	/* seed 002's readings */
	CHECK_STR(dates("L'émissaire américain est arrivé jeudi matin dans "
			"la capitale russe."),
		  "[jeudi matin] 2025-03-13 morning");
	CHECK_STR(dates("Il s'agissait de leur première rencontre depuis "
			"l'entretien du 28 février à la Maison Blanche."),
		  "[28 février] 2025-02-28");
	/* seed 004's */
	CHECK_STR(dates("Sur cette image diffusée le jeudi 13 mars 2025 par "
			"l'armée, on voit la ville reprise."),
		  "[jeudi 13 mars 2025] 2025-03-13");
}

/* -------------------------------------------------------- news reading */

void test_dates__weekday_reading(void)
{
	/* the past by default, the publication day included */
	CHECK_STR(dates("Le navire a accosté vendredi à Brest."),
		  "[vendredi] 2025-03-14");
	CHECK_STR(dates("Le maire a démissionné samedi."),
		  "[samedi] 2025-03-08");
	/* a future verb near it: the coming one */
	CHECK_STR(dates("Le conseil se tiendra jeudi à Bruxelles."),
		  "[jeudi] 2025-03-20");
	CHECK_STR(dates("La ministre doit se rendre mardi à Lyon."),
		  "[mardi] 2025-03-18");
	CHECK_STR(dates("Les syndicats rencontreront lundi la direction."),
		  "[lundi] 2025-03-17");
	CHECK_STR(dates("La ministre va signer lundi l'accord."),
		  "[lundi] 2025-03-17");
	/* modifiers */
	CHECK_STR(dates("Il partira mardi prochain."),
		  "[mardi prochain] 2025-03-18");
	CHECK_STR(dates("Le vote a eu lieu lundi dernier."),
		  "[lundi dernier] 2025-03-10");
	CHECK_STR(dates("Le scrutin de vendredi dernier a été annulé."),
		  "[vendredi dernier] 2025-03-07");
	CHECK_STR(dates("Des tirs ont visé la ville dans la nuit de jeudi à "
			"vendredi."),
		  "[dans la nuit de jeudi à vendredi] 2025-03-13/2025-03-14");
	CHECK_STR(dates("La lettre est datée de mercredi.Le ministre "
			"répondra."),
		  "[mercredi] 2025-03-12");
	CHECK_STR(dates("Ce jour-là, cette nuit-là, dans le Journal du "
			"Dimanche."),
		  "");
	CHECK_STR(dates("la veille du 14 juillet 2024, à la veille du "
			"sommet"),
		  "[la veille du 14 juillet 2024] 2024-07-13");
	CHECK_STR(dates("Un accord est attendu d'ici fin février."),
		  "[d'ici fin février] 2026-02-21/2026-02-28");
	CHECK_STR(dates("Il a parlé jeudi soir à la télévision."),
		  "[jeudi soir] 2025-03-13 evening");
	/* chrono's readings of the same */
	CHECK_STR(dates_r("Dimanche", 2012, 8, 9, VL_READ_NEAREST),
		  "[Dimanche] 2012-08-12");
	CHECK_STR(dates_r("Lundi", 2012, 8, 9, VL_READ_FORWARD),
		  "[Lundi] 2012-08-13");
	CHECK_STR(dates_r("vendredi prochain", 2015, 4, 18, VL_READ_NEAREST),
		  "[vendredi prochain] 2015-04-24");
}

void test_dates__day_without_year(void)
{
	/* the window: ten months back, two ahead */
	CHECK_STR(dates("La réunion du 28 février a échoué."),
		  "[28 février] 2025-02-28");
	CHECK_STR(dates("Une grève est annoncée pour le 2 avril."),
		  "[2 avril] 2025-04-02");
	CHECK_STR(dates("Le texte voté le 20 juin reste contesté."),
		  "[20 juin] 2024-06-20");
	/* a future verb: the next one */
	CHECK_STR(dates("Le sommet aura lieu le 20 juin à Genève."),
		  "[20 juin] 2025-06-20");
	/* a weekday names the year */
	CHECK_STR(dates_r("le mardi 10 janvier", 2012, 8, 10, VL_READ_NEWS),
		  "[mardi 10 janvier] 2012-01-10");
	/* chrono: the nearest */
	CHECK_STR(dates_r("8 février", 2012, 8, 10, VL_READ_NEAREST),
		  "[8 février] 2013-02-08");
	CHECK_STR(dates("Le 1er mai sera chômé."), "[1er mai] 2025-05-01");
	CHECK_STR(dates("Les épreuves se tiendront du 3 au 5 mars."),
		  "[3 au 5 mars] 2026-03-03/2026-03-05");
	CHECK_STR(dates("Les épreuves se sont tenues du 3 au 5 mars."),
		  "[3 au 5 mars] 2025-03-03/2025-03-05");
	/* no such day */
	CHECK_STR(dates("le 31 avril"), "");
	CHECK_STR(dates("le 29 février 2025"), "");
	CHECK_STR(dates("le 32 août 2014"), "");
}

void test_dates__absolute(void)
{
	CHECK_STR(dates("Le décret du 13/03/2025 entre en vigueur."),
		  "[13/03/2025] 2025-03-13");
	CHECK_STR(dates("Réunion le 2014-04-18 à 3h00."),
		  "[2014-04-18 à 3h00] 2014-04-18");
	CHECK_STR(dates("Arrêté du 13.03.2025."), "[13.03.2025] 2025-03-13");
	CHECK_STR(dates("fin juillet 2024"),
		  "[fin juillet 2024] 2024-07-21/2024-07-31");
	CHECK_STR(dates("début 2023"), "[début 2023] 2023-01-01/2023-03-31");
	CHECK_STR(dates("Les prix ont grimpé en 2024."), "[en 2024] 2024");
	CHECK_STR(dates("au printemps 2022"),
		  "[au printemps 2022] 2022-03-20/2022-06-19");
	CHECK_STR(dates("dans les années 1990"),
		  "[dans les années 1990] 1990-01-01/1999-12-31");
	CHECK_STR(dates("en mars 2020"), "[en mars 2020] 2020-03");
	CHECK_STR(dates("Du 24 août 2023 au 26 août 2023"),
		  "[24 août 2023 au 26 août 2023] 2023-08-24/2023-08-26");
	CHECK_STR(dates("10 août - 12 septembre 2013"),
		  "[10 août - 12 septembre 2013] 2013-08-10/2013-09-12");
	CHECK_STR(dates("DIM 15SEPT 2024"), "[DIM 15SEPT 2024] 2024-09-15");
	CHECK_STR(dates("10 Août 234 av. J.-C."),
		  "[10 Août 234 av. J.-C.] -0234-08-10");
}

void test_dates__relative(void)
{
	CHECK_STR(dates("hier, avant-hier, aujourd'hui, demain"),
		  "[hier] 2025-03-13; [avant-hier] 2025-03-12; "
		  "[aujourd'hui] 2025-03-14; [demain] 2025-03-15");
	CHECK_STR(dates("Il est parti la veille, revenu le lendemain."),
		  "[la veille] 2025-03-13; [le lendemain] 2025-03-15");
	CHECK_STR(dates("ce matin, ce soir, cette semaine"),
		  "[ce matin] 2025-03-14 morning; [ce soir] 2025-03-14 "
		  "evening; [cette semaine] 2025-03-10/2025-03-16");
	CHECK_STR(dates("la semaine prochaine, la semaine dernière"),
		  "[la semaine prochaine] 2025-03-17/2025-03-23; "
		  "[la semaine dernière] 2025-03-03/2025-03-09");
	CHECK_STR(dates("le mois dernier, l'année dernière, l'an prochain"),
		  "[le mois dernier] 2025-02; [l'année dernière] 2024; "
		  "[l'an prochain] 2026");
	CHECK_STR(dates("en août dernier, en mars, mi-mars"),
		  "[en août dernier] 2024-08; [en mars] 2025-03; "
		  "[mi-mars] 2025-03-11/2025-03-20");
	CHECK_STR(dates("il y a trois ans"), "[il y a trois ans] 2022-03-14");
	CHECK(first("il y a bientôt trois ans").flags & VL_DATE_APPROX);
	CHECK_STR(dates("depuis six mois"),
		  "[depuis six mois] 2024-09-14/2025-03-14");
	CHECK(first("depuis six mois").flags & VL_DATE_DURATION);
	CHECK_STR(dates("dans deux semaines"),
		  "[dans deux semaines] 2025-03-28");
	CHECK(first("dans deux semaines").flags & VL_DATE_FUTURE);
	CHECK_STR(dates("L'accord a été accepté en début de semaine."),
		  "[en début de semaine] 2025-03-10/2025-03-11");
	CHECK_STR(dates("les 30 derniers jours"),
		  "[les 30 derniers jours] 2025-02-12/2025-03-14");
	CHECK_STR(dates("il y a vingt-cinq ans"),
		  "[il y a vingt-cinq ans] 2000-03-14");
	/* chrono's points */
	CHECK_STR(dates_r("le mois dernier", 2017, 5, 12, VL_READ_NEAREST),
		  "[le mois dernier] 2017-04-12");
	CHECK_STR(dates_r("la semaine prochaine", 2017, 5, 12, VL_READ_NEAREST),
		  "[la semaine prochaine] 2017-05-19");
}

void test_dates__english(void)
{
	CHECK_STR(dates("The minister spoke on Thursday."),
		  "[Thursday] 2025-03-13");
	CHECK_STR(dates("It was signed on March 13, 2025."),
		  "[March 13, 2025] 2025-03-13");
	CHECK_STR(dates("yesterday, last week, two years ago, next month"),
		  "[yesterday] 2025-03-13; [last week] 2025-03-03/2025-03-09; "
		  "[two years ago] 2023-03-14; [next month] 2025-04");
	CHECK_STR(dates("in 2024, in 3 days, since 2019"),
		  "[in 2024] 2024; [in 3 days] 2025-03-17; [since 2019] "
		  "2019-01-01/2025-03-14");
}

void test_dates__clock_times(void)
{
	CHECK_STR(dates_r("8h10", 2012, 8, 10, 0), "[8h10] 2012-08-10 morning");
	CHECK_STR(dates_r("11pm-2", 2012, 8, 10, 0),
		  "[11pm-2] 2012-08-10/2012-08-11");
	CHECK_STR(dates_r("à 18h", 2012, 8, 10, 0),
		  "[à 18h] 2012-08-10 evening");
	CHECK_STR(dates_r("12h12:99s 8:62 25:12 13.12 PM", 2012, 8, 10, 0), "");
	CHECK_STR(dates("demain matin 11h"),
		  "[demain matin 11h] 2025-03-15 morning");
}

void test_dates__not_dates(void)
{
	CHECK_STR(dates("Mars est la quatrième planète."), "");
	CHECK_STR(dates("Le gouvernement a mis fin à la grève."), "");
	CHECK_STR(dates("Un service ouvert 24/7 et une victoire 3-1."), "");
	CHECK_STR(dates("Il a vendu 2024 voitures ; en 2000 personnes ont "
			"défilé."),
		  "");
	CHECK_STR(dates("La maintenance est maintenant finie."), "");
	CHECK_STR(dates("Le mode veille est activé. Il a été élu."), "");
}

void test_dates__without_reference(void)
{
	/* relative expressions are left out, absolute ones kept */
	CHECK_STR(dates_r("hier, jeudi, le 28 février, le 13 mars 2025", 0, 0,
			  0, 0),
		  "[13 mars 2025] 2025-03-13");
}

void test_dates__infer_published(void)
{
	const char *t = "Publié le 14 mars 2025 à 10h12\n\nLe décret du 2 "
			"janvier 2025 est paru hier.";
	vl_analysis *an = NULL;
	vl_analyze_options ao = VL_ANALYZE_OPTIONS_INIT;
	vl_dates ds;
	int32_t day = 0;
	ao.detect_language = 0;
	CHECK(vl_analyze(&an, t, strlen(t), &ao, NULL) == 0);
	CHECK(vl__dates_find(&ds, t, strlen(t), an, INT32_MIN, "fr") == 0);
	CHECK_INT(ds.n, 2);
	CHECK_INT(vl__dates_infer_published(t, strlen(t), an, &ds, &day), 1);
	CHECK_INT(day, vl__days_from_civil(2025, 3, 14));
	vl__dates_free(&ds);
	vl_analysis_free(an);
}

void test_dates__out_of_memory(void)
{
	const char *t = "Le 13 mars 2025, jeudi soir, il y a trois ans, "
			"8h10m00s, mi-mars, la semaine prochaine.";
	vl_analysis *an = NULL;
	vl_analyze_options ao = VL_ANALYZE_OPTIONS_INIT;
	ao.detect_language = 0;
	CHECK(vl_analyze(&an, t, strlen(t), &ao, NULL) == 0);
	for (unsigned long n = 1; n < 100; n++) {
		vl_dates ds;
		int rc;
		vl__alloc_fail_after(n);
		rc = vl__dates_find(&ds, t, strlen(t), an,
				    vl__days_from_civil(2025, 3, 14), "fr");
		vl__alloc_fail_after(0);
		if (rc == 0) {
			CHECK_INT(ds.n, 6);
			vl__dates_free(&ds);
			break;
		}
		CHECK_INT(rc, VL_ENOMEM);
		CHECK(ds.v == NULL && ds.n == 0);
	}
	vl_analysis_free(an);
}

void test_dates__pathological(void)
{
	/* 150,000 weekdays and numbers: linear, well under a second */
	size_t n = 150000, len = 0;
	char *t = vl__malloc(n * 8 + 1);
	vl_analysis *an = NULL;
	vl_analyze_options ao = VL_ANALYZE_OPTIONS_INIT;
	vl_dates ds;
	clock_t c0;
	CHECK(t != NULL);
	for (size_t i = 0; i < n; i++) {
		memcpy(t + len, i % 2 ? "jeudi " : "13 - ", i % 2 ? 6 : 5);
		len += i % 2 ? 6 : 5;
	}
	t[len] = '\0';
	ao.detect_language = 0;
	CHECK(vl_analyze(&an, t, len, &ao, NULL) == 0);
	c0 = clock();
	CHECK(vl__dates_find(&ds, t, len, an, vl__days_from_civil(2025, 3, 14),
			     "fr") == 0);
	CHECK(ds.n >= n / 2);
	CHECK((double)(clock() - c0) / CLOCKS_PER_SEC < 2.0);
	vl__dates_free(&ds);
	vl_analysis_free(an);
	vl__freep(t);
}

/* ------------------------------------------------ chrono test files */

void test_dates__chrono_cases(void)
{
	static const char src[] =
		"import { testSingleCase, testUnexpectedResult } from "
		"\"../test_util\";\n"
		"// testSingleCase(chrono.fr, \"commented out\")\n"
		"test(\"x\", function () {\n"
		"  testSingleCase(chrono.fr, \"Le 8 f\\u00e9vrier\", new "
		"Date(2012, 7, 10, 8, 30), (result) => {\n"
		"    expect(result.start.get(\"year\")).toBe(2013);\n"
		"    expect(result.start.get(\"month\")).toBe(2);\n"
		"    expect(result.start.get(\"day\")).toBe(8);\n"
		"  });\n"
		"  testSingleCase(chrono.fr, 'Lundi', new Date(2012, 7, 9), {"
		" forwardDate: true }, (result) => {\n"
		"    expect(result.start).toBeDate(new Date(2012, 12 - 1, 7, "
		"12));\n"
		"    expect(result.end).toBeDate(new Date(2012, 11, 8));\n"
		"  });\n"
		"  testUnexpectedResult(chrono.fr, \"32 ao\\u00fbt\");\n"
		"  testSingleCase(chrono.en, \"18h\", (result, text) => {\n"
		"    expect(result.text).toBe(text);\n"
		"  });\n"
		"  testSingleCase(chrono.fr, \"broken\" (result) => {});\n"
		"});\n";
	vl_chrono_cases cs;
	CHECK(vl__chrono_cases_parse(&cs, src, sizeof src - 1) == 0);
	CHECK_INT(cs.n, 4);
	CHECK_STR(cs.v[0].text, "Le 8 f\xc3\xa9vrier");
	CHECK(cs.v[0].has_ref && cs.v[0].has_start && !cs.v[0].has_end);
	CHECK_INT(cs.v[0].ref_day, vl__days_from_civil(2012, 8, 10));
	CHECK_INT(cs.v[0].ref_minute, 8 * 60 + 30);
	CHECK_INT(cs.v[0].start, vl__days_from_civil(2013, 2, 8));
	CHECK_INT(cs.v[0].line, 4);
	CHECK(cs.v[1].forward && cs.v[1].has_end);
	CHECK_INT(cs.v[1].start, vl__days_from_civil(2012, 12, 7));
	CHECK_INT(cs.v[1].end, vl__days_from_civil(2012, 12, 8));
	CHECK(cs.v[2].unexpected && !cs.v[2].has_ref);
	CHECK_STR(cs.v[3].lang, "en");
	CHECK(!cs.v[3].has_start);
	CHECK_INT(cs.skipped, 1);
	CHECK_INT(cs.err_line, 17);
	vl__chrono_cases_free(&cs);
	vl__chrono_cases_free(&cs);
	/* bytes that are no test file at all */
	CHECK(vl__chrono_cases_parse(&cs, "testSingleCase(\"\\", 17) == 0);
	CHECK_INT(cs.n, 0);
	vl__chrono_cases_free(&cs);
}
