/*
 * gazetteer.c — make data/entities/gazetteer.tsv, the compiled-in table
 * of known places (src/entities/gazetteer.c), from the GeoNames dumps in
 * a lexicon folder (`make gazetteer`; the result is committed).
 *
 * usage: gazetteer LEXICON_DIR > gazetteer.tsv
 * reads: geonames-cities15000.txt (GeoNames "cities15000" dump),
 *        geonames-countryInfo.tsv, country_translations.json
 *        (geonameid -> {language: name}).
 *
 * Selection (kept small, see docs/entities-names.md): every city of
 * Ukraine and Russia, of France, Belgium, Switzerland and Luxembourg
 * (cities15000 holds those over 15,000 inhabitants), cities over 100,000
 * inhabitants elsewhere, and every country with its French, English,
 * German, Spanish and Italian names. Only names a text would use are
 * kept: Latin script, starting with a capital, not an all-capitals code
 * of four letters or fewer (IATA codes such as IEV), one per name key
 * (names.h) and place.
 *
 * Output: a header crediting GeoNames, then one place a line, TAB
 * separated: geonameid, C (country) or P (city), ISO country code,
 * population, name, other names separated by " | ".
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "entities/names.h"

#define MAX_FIELDS 20
#define KEY_MAX 512

static char *slurp(const char *dir, const char *name, size_t *len)
{
	char path[4096];
	FILE *f;
	char *buf = NULL;
	long n;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "gazetteer: %s: %s\n", path, strerror(errno));
		return NULL;
	}
	if (fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET))
		goto fail;
	buf = malloc((size_t)n + 1);
	if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n)
		goto fail;
	buf[n] = '\0';
	*len = (size_t)n;
	fclose(f);
	return buf;
fail:
	fprintf(stderr, "gazetteer: %s: cannot read\n", path);
	free(buf);
	fclose(f);
	return NULL;
}

/* Split line (modified) at TABs. */
static int split(char *line, char **f, int max)
{
	int n = 0;
	f[n++] = line;
	for (char *p = line; *p && n < max; p++)
		if (*p == '\t') {
			*p = '\0';
			f[n++] = p + 1;
		}
	return n;
}

/*
 * Words that start French sentences and that some place is also called
 * in one language or another (Selon is Salon-de-Provence in Occitan, Les
 * a town in Spain): as another name of a place they would be marked in
 * every article, so alternate names with one of these keys are dropped
 * (main names are kept).
 */
static const char *const stop_words[] = {
	"Le",	   "La",       "Les",	 "Un",	     "Une",   "Des",
	"Du",	   "De",       "Au",	 "Aux",	     "En",    "Et",
	"Ou",	   "Où",       "Mais",	 "Donc",     "Or",    "Ni",
	"Car",	   "Si",       "Selon",	 "Pour",     "Par",   "Dans",
	"Avec",	   "Sans",     "Sous",	 "Sur",	     "Vers",  "Chez",
	"Entre",   "Contre",   "Depuis", "Pendant",  "Après", "Avant",
	"Parmi",   "Comme",    "Ainsi",	 "Alors",    "Aussi", "Encore",
	"Enfin",   "Puis",     "Cette",	 "Ces",	     "Ce",    "Cet",
	"Son",	   "Sa",       "Ses",	 "Leur",     "Leurs", "Notre",
	"Nos",	   "Votre",    "Vos",	 "Tout",     "Tous",  "Toute",
	"Toutes",  "Il",       "Ils",	 "Elle",     "Elles", "On",
	"Nous",	   "Vous",     "Lui",	 "Est",	     "Sont",  "Plus",
	"Moins",   "Très",     "Bien",	 "Mal",	     "Même",  "Autre",
	"Autres",  "Quand",    "Lors",	 "Dont",     "Qui",   "Que",
	"Quoi",	   "The",      "And",	 "Of",	     "In",    "To",
	"For",	   "With",     "On",	 "At",	     "By",    "From",
	"Janvier", "Mars",     "Avril",	 "Mai",	     "Juin",  "Juillet",
	"Août",	   "Lundi",    "Mardi",	 "Mercredi", "Jeudi", "Vendredi",
	"Samedi",  "Dimanche", NULL
};

static int stop_word(const char *key)
{
	char k[KEY_MAX];
	for (int i = 0; stop_words[i]; i++)
		if (vl__name_key(stop_words[i], strlen(stop_words[i]), k,
				 sizeof k) &&
		    !strcmp(k, key))
			return 1;
	return 0;
}

/* The names of one place, one per key. */
typedef struct names {
	const char *v[512];
	char keys[512][KEY_MAX];
	size_t n;
} names;

static void names_add(names *ns, const char *s)
{
	char key[KEY_MAX];

	if (ns->n >= 512 || strchr(s, '|') || !vl__name_written(s, strlen(s)))
		return;
	if (!vl__name_key(s, strlen(s), key, sizeof key))
		return;
	if (ns->n && stop_word(key))
		return;
	for (size_t i = 0; i < ns->n; i++)
		if (!strcmp(ns->keys[i], key))
			return;
	memcpy(ns->keys[ns->n], key, sizeof key);
	ns->v[ns->n++] = s;
}

static void names_print(const names *ns, const char *id, char type,
			const char *cc, const char *pop)
{
	if (!ns->n)
		return;
	printf("%s\t%c\t%s\t%s\t%s\t", id, type, cc, pop[0] ? pop : "0",
	       ns->v[0]);
	for (size_t i = 1; i < ns->n; i++)
		printf(i > 1 ? " | %s" : "%s", ns->v[i]);
	putchar('\n');
}

static int keep_city(const char *cc, long long pop)
{
	static const char *const all[] = { "UA", "RU", "FR", "BE",
					   "CH", "LU", NULL };
	for (int i = 0; all[i]; i++)
		if (!strcmp(cc, all[i]))
			return 1;
	return pop >= 100000;
}

static int countries(const char *dir)
{
	size_t len, jlen;
	char *info = slurp(dir, "geonames-countryInfo.tsv", &len);
	char *js = slurp(dir, "country_translations.json", &jlen);
	cJSON *tr = NULL;
	static names ns;
	static const char *const langs[] = {
		"fr", "en", "de", "es", "it", NULL
	};
	int rc = 1;

	if (!info || !js)
		goto done;
	tr = cJSON_ParseWithLength(js, jlen);
	if (!tr) {
		fprintf(stderr,
			"gazetteer: country_translations.json: bad JSON\n");
		goto done;
	}
	for (char *line = info, *next; line && *line; line = next) {
		char *f[MAX_FIELDS];
		int nf;
		cJSON *t;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (line[0] == '#')
			continue;
		nf = split(line, f, MAX_FIELDS);
		if (nf < 17 || !f[16][0])
			continue;
		ns.n = 0;
		t = cJSON_GetObjectItemCaseSensitive(tr, f[16]);
		for (int l = 0; t && langs[l]; l++) {
			cJSON *s =
				cJSON_GetObjectItemCaseSensitive(t, langs[l]);
			if (cJSON_IsString(s))
				names_add(&ns, s->valuestring);
		}
		names_add(&ns, f[4]);
		names_print(&ns, f[16], 'C', f[0], f[7]);
	}
	rc = 0;
done:
	cJSON_Delete(tr);
	free(info);
	free(js);
	return rc;
}

static int cities(const char *dir)
{
	size_t len;
	char *txt = slurp(dir, "geonames-cities15000.txt", &len);
	static names ns;

	if (!txt)
		return 1;
	for (char *line = txt, *next; line && *line; line = next) {
		char *f[MAX_FIELDS];
		int nf;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		nf = split(line, f, MAX_FIELDS);
		if (nf < 15 || !keep_city(f[8], atoll(f[14])))
			continue;
		ns.n = 0;
		names_add(&ns, f[1]);
		names_add(&ns, f[2]);
		for (char *a = f[3], *c; a && *a; a = c) {
			c = strchr(a, ',');
			if (c)
				*c++ = '\0';
			names_add(&ns, a);
		}
		names_print(&ns, f[0], 'P', f[8], f[14]);
	}
	free(txt);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fputs("usage: gazetteer LEXICON_DIR > gazetteer.tsv\n", stderr);
		return 2;
	}
	printf("# gazetteer.tsv — known places for veille's entity stage.\n"
	       "# Generated by tools/gazetteer.c (make gazetteer): do not "
	       "edit.\n"
	       "# Data: GeoNames, https://www.geonames.org/, licensed under "
	       "CC BY 4.0\n"
	       "# (https://creativecommons.org/licenses/by/4.0/); selected "
	       "and filtered,\n"
	       "# see docs/entities-names.md.\n"
	       "# Columns (TAB): geonameid, C country or P city, country "
	       "code, population,\n"
	       "# name, other names separated by \" | \".\n");
	if (countries(argv[1]) || cities(argv[1]))
		return 1;
	return fflush(stdout) ? 1 : 0;
}
