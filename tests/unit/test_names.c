/*
 * test_names.c — the name key (names.c), the gazetteer (gazetteer.c) and
 * the alias table (alias.c): written variants of one name meet, close
 * names of different places do not, and the alias file parser refuses
 * bad lines whole.
 */
#include <stdint.h>
#include <string.h>

#include "veille.h"

#include "entities/alias.h"
#include "entities/gazetteer.h"
#include "entities/names.h"
#include "test.h"

static char kbuf[2][256];

static const char *key(int slot, const char *s)
{
	vl__name_key(s, strlen(s), kbuf[slot], sizeof kbuf[slot]);
	return kbuf[slot];
}

static int same_key(const char *a, const char *b)
{
	return !strcmp(key(0, a), key(1, b));
}

static int same_place(const vl_gaz *g, const vl_aliases *al, const char *a,
		      const char *b)
{
	char ia[64], ib[64];
	vl__place_identity(g, al, a, strlen(a), ia, sizeof ia);
	vl__place_identity(g, al, b, strlen(b), ib, sizeof ib);
	return ia[0] && !strcmp(ia, ib);
}

void test_names__seed_pairs_share_a_key(void)
{
	static const char *const pairs[][2] = {
		{ "Soudja", "Sudzha" },
		{ "Djedda", "Djeddah" },
		{ "28e brigade", "28ème Brigade" },
		{ "Otan", "OTAN" },
		{ "Maison Blanche", "Maison-Blanche" },
		{ "Zelensky", "Zelenskyy" },
		{ "Zelensky", "Zelenskiy" },
		{ "Zelensky", "Selenskyj" },
		{ "Avdiïvka", "Avdiivka" },
		{ "Avdiivka", "Awdijiwka" },
		{ "Kourakhové", "Kurakhove" },
		{ "Tchernihiv", "Chernihiv" },
		{ "Tschernihiw", "Chernihiv" },
		{ "Zaporijia", "Zaporizhzhia" },
		{ "Jytomyr", "Zhytomyr" },
		{ "Dzerjinsk", "Dzerzhinsk" },
		{ "Kharkov", "Khar’kov" },
		{ "Sievierodonetsk", "Severodonetsk" },
		{ "Horlivka", "Horliwka" },
		{ "Côte d’Ivoire", "Cote d'Ivoire" },
		{ "O.N.U.", "ONU" },
		{ "Lviv", "L'viv" },
	};
	for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
		if (!same_key(pairs[i][0], pairs[i][1])) {
			fprintf(stderr, "  %s [%s] / %s [%s]\n", pairs[i][0],
				kbuf[0], pairs[i][1], kbuf[1]);
			CHECK(!"seed pair apart");
		}
}

void test_names__close_names_stay_apart(void)
{
	static const char *const pairs[][2] = {
		{ "Kherson", "Kharkiv" },      { "Mykolaiv", "Mykolaivka" },
		{ "Pokrovsk", "Pokrovske" },   { "Kostiantynivka", "Kostopil" },
		{ "Izium", "Irpin" },	       { "Sumy", "Sambir" },
		{ "Lviv", "Lutsk" },	       { "Donetsk", "Dnipro" },
		{ "Kramatorsk", "Krasnodar" },
	};
	for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
		if (same_key(pairs[i][0], pairs[i][1])) {
			fprintf(stderr, "  %s / %s: %s\n", pairs[i][0],
				pairs[i][1], kbuf[0]);
			CHECK(!"different places share a key");
		}
}

void test_names__ordinals(void)
{
	static const char *const n28[] = { "28e",  "28ème", "28eme", "28è",
					   "28th", "28-я",  "28ᵉ",   "28E" };
	for (size_t i = 0; i < sizeof n28 / sizeof n28[0]; i++)
		CHECK_STR(key(0, n28[i]), "28e");
	CHECK_STR(key(0, "1er"), "1e");
	CHECK_STR(key(0, "1re"), "1e");
	CHECK_STR(key(0, "1st"), "1e");
	CHECK_STR(key(0, "2024"), "2024");
	CHECK_STR(key(0, "28e brigade mécanisée"), "28e brigade mekanise");
	CHECK(strcmp(key(0, "A320"), "a320e"));
}

void test_names__separators_and_limits(void)
{
	char small[4];
	CHECK_STR(key(0, "  Saint-Pétersbourg  "), "saint petersburg");
	CHECK_STR(key(0, "d'Ivoire"), "d ivoire");
	CHECK_INT(vl__name_key("", 0, kbuf[0], sizeof kbuf[0]), 0);
	CHECK_INT(vl__name_key("!!! -- ...", 10, kbuf[0], sizeof kbuf[0]), 0);
	CHECK_STR(kbuf[0], "");
	CHECK_INT(vl__name_key("abc", 3, kbuf[0], 0), 0);
	/* Truncated, still terminated. */
	CHECK(vl__name_key("Zaporizhzhia", 12, small, sizeof small) <= 3);
	CHECK(strlen(small) <= 3);
	/* Invalid UTF-8 is a separator, not a crash. */
	CHECK_STR(key(0, "Ky\xff\xfeiv"), "ki iv");
	CHECK(same_key("Київ", "КИЇВ"));
	CHECK(vl__name_written("Kyiv", 4));
	CHECK(!vl__name_written("ji fu", 5));
	CHECK(!vl__name_written("IEV", 3));
	CHECK(!vl__name_written("Київ", 8));
}

void test_names__gazetteer_identity(void)
{
	const vl_gaz *g = vl__gaz_default();
	vl_aliases *al = NULL;
	vl_place p;

	CHECK(g != NULL);
	CHECK(vl__gaz_size(g) > 1000);
	CHECK_INT(vl__aliases_new(&al), 0);
	CHECK(same_place(g, al, "Kiev", "Kyiv"));
	CHECK(same_place(g, al, "Kyjiw", "Kiev"));
	CHECK(same_place(g, al, "Lviv", "Lvov"));
	CHECK(same_place(g, al, "Toretsk", "Dzerjinsk"));
	CHECK(same_place(g, al, "Bakhmout", "Artemivsk"));
	CHECK(same_place(g, al, "Otan", "NATO"));
	CHECK(same_place(g, al, "Maison-Blanche", "White House"));
	CHECK(!same_place(g, al, "Kherson", "Kharkiv"));
	CHECK(!same_place(g, al, "Mykolaiv", "Mykolaivka"));
	CHECK(!same_place(g, al, "Kyiv", "Kyivska"));
	CHECK(vl__gaz_find(g, "Kiev", 4, &p));
	CHECK_INT(p.geonameid, 703448);
	CHECK_STR(p.country, "UA");
	CHECK(!p.is_country);
	CHECK(vl__gaz_find(g, "Allemagne", 9, &p));
	CHECK(p.is_country);
	CHECK_STR(p.country, "DE");
	CHECK(!vl__gaz_find(g, "Zzyzzyva", 8, &p));
	{
		char id[64];
		vl__place_identity(g, NULL, "Kiev", 4, id, sizeof id);
		CHECK_STR(id, "g703448");
		vl__place_identity(g, NULL, "Trucmuche-sur-Mer", 17, id,
				   sizeof id);
		CHECK_STR(id, "ktrukmuce sur mer");
		CHECK_INT(vl__place_identity(g, NULL, "--", 2, id, sizeof id),
			  0);
	}
	vl__aliases_free(al);
}

void test_names__gazetteer_parse_priority(void)
{
	static const char tsv[] =
		"# test\n"
		"1\tP\tRU\t900000\tBigtown\tSmallville\n"
		"2\tP\tUA\t1000\tSmallville\tSmalvil\n"
		"3\tC\tFR\t67000000\tFrance\tFrankreich | French Republic\n"
		"junk line\n";
	vl_gaz *g = NULL;
	vl_place p;

	CHECK_INT(vl__gaz_parse(&g, tsv, sizeof tsv - 1), 0);
	CHECK_INT(vl__gaz_size(g), 3);
	/* A main name wins over a more populous place's alternate. */
	CHECK(vl__gaz_find(g, "Smallville", 10, &p));
	CHECK_INT(p.geonameid, 2);
	CHECK(vl__gaz_find(g, "french republic", 15, &p));
	CHECK_INT(p.geonameid, 3);
	CHECK(p.is_country);
	CHECK_INT(p.population, 67000000);
	vl__gaz_free(g);
	vl__gaz_free(NULL);
}

void test_names__gaz_mark(void)
{
	static const char *const words[] = {
		"Des",	    "frappes", "sur",	  "Kharkiv", "et",    "la",
		"Nouvelle", "-",       "Zélande", "en",	     "Côte",  "d'",
		"Ivoire",   ",",       "à",	  "kyiv",    "Paris", "."
	};
	enum { N = sizeof words / sizeof words[0] };
	vl_span t[N];
	uint8_t f[N];
	const vl_gaz *g = vl__gaz_default();

	CHECK(g != NULL);
	for (size_t i = 0; i < N; i++) {
		t[i].p = words[i];
		t[i].len = strlen(words[i]);
	}
	memset(f, 0, sizeof f);
	vl__gaz_mark(g, t, N, f);
	CHECK_INT(f[0], 0);
	CHECK_INT(f[3], VL_GAZ_B | VL_GAZ_CITY);
	CHECK_INT(f[6], VL_GAZ_B | VL_GAZ_COUNTRY);
	CHECK_INT(f[7], VL_GAZ_I | VL_GAZ_COUNTRY);
	CHECK_INT(f[8], VL_GAZ_I | VL_GAZ_COUNTRY);
	CHECK_INT(f[10], VL_GAZ_B | VL_GAZ_COUNTRY);
	CHECK_INT(f[12], VL_GAZ_I | VL_GAZ_COUNTRY);
	CHECK_INT(f[13], 0);
	CHECK_INT(f[15], 0); /* lower case: not a start */
	CHECK_INT(f[16], VL_GAZ_B | VL_GAZ_CITY);
	vl__gaz_mark(g, t, 0, f);
	vl__gaz_mark(NULL, t, N, f);
}

void test_names__alias_file(void)
{
	static const char text[] =
		"# comment\n"
		"\n"
		"ORG: Agence France-Presse | AFP\n"
		"PER:Jean Dupont\tJ. Dupont # trailing comment\n"
		"Quai d'Orsay | ministère des Affaires étrangères\r\n";
	vl_aliases *a = NULL;
	size_t bad = 99;
	int type = -1;

	CHECK_INT(vl__aliases_new(&a), 0);
	CHECK_INT(vl__aliases_add_text(a, text, sizeof text - 1, &bad), 0);
	CHECK_INT(bad, 0);
	CHECK_STR(vl__aliases_find(a, "afp", 3, &type), "Agence France-Presse");
	CHECK_INT(type, VL_ENT_ORG);
	CHECK_STR(vl__aliases_find(a, "J. Dupont", 9, &type), "Jean Dupont");
	CHECK_INT(type, VL_ENT_PER);
	CHECK_STR(vl__aliases_find(a, "Ministère des affaires etrangeres", 34,
				   &type),
		  "Quai d'Orsay");
	CHECK_INT(type, VL_ENT_NONE);
	CHECK(vl__aliases_find(a, "Dupont", 6, &type) == NULL);
	/* Built-in list. */
	CHECK_STR(vl__aliases_find(a, "NATO", 4, &type), "OTAN");
	CHECK_INT(type, VL_ENT_ORG);
	CHECK_STR(vl__aliases_find(a, "Otan", 4, NULL), "OTAN");
	CHECK_STR(vl__aliases_find(a, "Weißes Haus", 12, NULL),
		  "Maison-Blanche");
	vl__aliases_free(a);
	vl__aliases_free(NULL);
}

void test_names__alias_bad_lines(void)
{
	static const struct {
		const char *text;
		size_t line;
	} bad[] = {
		{ "Alpha | Beta\nGamma\n", 2 },	     /* one name only */
		{ "Alpha | 1234\n", 1 },	     /* no letter */
		{ "# c\nAlpha | B\xff\n", 2 },	     /* bad UTF-8 */
		{ "Alpha | Beta\n\nX | ... \n", 3 }, /* empty name key */
		{ "LOC: Kyiv\n", 1 },		     /* one name after type */
	};
	vl_aliases *a = NULL;

	CHECK_INT(vl__aliases_new(&a), 0);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		size_t line = 0;
		CHECK_INT(vl__aliases_add_text(a, bad[i].text,
					       strlen(bad[i].text), &line),
			  VL_EINVAL);
		CHECK_INT(line, bad[i].line);
		/* nothing from the text was added */
		CHECK(vl__aliases_find(a, "Beta", 4, NULL) == NULL);
	}
	CHECK_INT(vl__aliases_add_text(a, "", 0, NULL), 0);
	vl__aliases_free(a);
}
