/*
 * test_reuse.c — the reuse stage: word shingles, exact Jaccard and
 * containment, MinHash signatures and their estimate error, LSH band
 * keys, sentence fingerprints; empty, tiny and pathological texts,
 * allocation failures and determinism.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "reuse/reuse.h"
#include "test.h"
#include "util/alloc.h"
#include "veille.h"

/* Shingles of a text (0 or a VL_E* code). */
static int shingles_of(vl_shingles *s, const char *text)
{
	vl_analysis *a;
	int rc;

	s->h = NULL;
	s->n = 0;
	if ((rc = vl_analyze(&a, text, strlen(text), NULL, NULL)))
		return rc;
	rc = vl__shingles(s, vl_analysis_tokens(a), vl_analysis_token_count(a));
	vl_analysis_free(a);
	return rc;
}

/* Fingerprint of a whole text taken as one sentence. */
static uint64_t fp_of(const char *text, size_t min_words)
{
	vl_analysis *a;
	uint64_t fp;

	if (vl_analyze(&a, text, strlen(text), NULL, NULL))
		return 0;
	fp = vl__sentence_fp(vl_analysis_tokens(a), vl_analysis_token_count(a),
			     min_words);
	vl_analysis_free(a);
	return fp;
}

static int strictly_sorted(const vl_shingles *s)
{
	for (size_t i = 1; i < s->n; i++)
		if (s->h[i - 1] >= s->h[i])
			return 0;
	return 1;
}

static int shares_band(const vl_signature *a, const vl_signature *b)
{
	uint64_t ka[VL_LSH_BANDS], kb[VL_LSH_BANDS];

	vl__lsh_keys(ka, a);
	vl__lsh_keys(kb, b);
	for (int i = 0; i < VL_LSH_BANDS; i++)
		if (ka[i] == kb[i])
			return 1;
	return 0;
}

/* ---- generated texts: random words of a news vocabulary ---- */

static const char *const vocab[] = {
	"gouvernement", "ministre",	"réforme",	 "retraites",
	"syndicats",	"grève",	"manifestation", "préfecture",
	"police",	"enquête",	"tribunal",	 "procès",
	"avocat",	"témoin",	"victime",	 "incendie",
	"pompiers",	"commune",	"maire",	 "conseil",
	"département",	"région",	"élection",	 "scrutin",
	"candidat",	"sondage",	"député",	 "sénateur",
	"Assemblée",	"budget",	"impôts",	 "inflation",
	"prix",		"carburant",	"électricité",	 "hôpital",
	"médecins",	"patients",	"urgences",	 "école",
	"enseignants",	"élèves",	"rentrée",	 "université",
	"étudiants",	"logement",	"loyers",	 "chômage",
	"emploi",	"entreprise",	"usine",	 "salariés",
	"accord",	"négociations", "sommet",	 "Bruxelles",
	"Paris",	"Lyon",		"Marseille",	 "Toulouse",
	"Bordeaux",	"Lille",	"Nantes",	 "Strasbourg",
	"lundi",	"mardi",	"mercredi",	 "jeudi",
	"vendredi",	"samedi",	"dimanche",	 "janvier",
	"février",	"mars",		"avril",	 "juin",
	"juillet",	"septembre",	"octobre",	 "décembre",
	"selon",	"après",	"avant",	 "depuis",
	"contre",	"pendant",	"plusieurs",	 "nouvelle",
	"premier",	"dernier",	"annoncé",	 "déclaré",
	"indiqué",	"précisé",	"estimé",	 "confirmé",
	"démenti",	"publié",	"rapport",	 "chiffres",
	"hausse",	"baisse",	"millions",	 "milliards",
	"euros",	"habitants",	"personnes",	 "agriculteurs",
	"tempête",	"inondations",	"sécheresse",	 "récolte",
	"vignerons",	"pêcheurs",	"port",		 "gare",
	"trains",	"autoroute",	"aéroport",	 "vols",
};
#define VOCAB_N (sizeof vocab / sizeof vocab[0])

static uint64_t rng_next(uint64_t *s)
{
	/* xorshift64* */
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545F4914F6CDD1Dull;
}

static size_t rng_word(uint64_t *s)
{
	return (size_t)(rng_next(s) % VOCAB_N);
}

/* Text of the words w[0..n), with a comma or a period now and then so
 * the tokenizer sees sentences. Caller frees. */
static char *text_of(const size_t *w, size_t n)
{
	size_t cap = n * 16 + 1, len = 0;
	char *t = malloc(cap);

	if (!t)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		const char *sep = i + 1 == n	 ? "."
				  : i % 13 == 12 ? ". "
				  : i % 7 == 6	 ? ", "
						 : " ";
		len += (size_t)snprintf(t + len, cap - len, "%s%s", vocab[w[i]],
					sep);
	}
	return t;
}

/* Shingles and signature of the words w[0..n). */
static int words_sig(vl_shingles *s, vl_signature *sig, const size_t *w,
		     size_t n)
{
	char *t = text_of(w, n);
	int rc;

	if (!t)
		return VL_ENOMEM;
	rc = shingles_of(s, t);
	free(t);
	if (!rc)
		vl__signature(sig, s);
	return rc;
}

/* ---------------------------------------------------------------- tests */

void test_reuse__identical_texts(void)
{
	const char *t = "Le préfet de la Gironde a ordonné mercredi "
			"l'évacuation de trois campings menacés par "
			"l'incendie qui a déjà parcouru 6.000 hectares "
			"près de La Teste-de-Buch, selon les pompiers.";
	vl_shingles a, b;
	vl_signature sa, sb;

	CHECK_INT(shingles_of(&a, t), 0);
	CHECK_INT(shingles_of(&b, t), 0);
	CHECK(a.n > 10);
	CHECK(strictly_sorted(&a));
	CHECK(vl__jaccard(&a, &b) == 1.0);
	CHECK(vl__containment(&a, &b) == 1.0);
	vl__signature(&sa, &a);
	vl__signature(&sb, &b);
	CHECK(vl__signature_jaccard(&sa, &sb) == 1.0);
	CHECK(shares_band(&sa, &sb));
	vl__shingles_free(&a);
	vl__shingles_free(&b);
}

void test_reuse__one_word_differs(void)
{
	/* 25 words (the comma and the period do not count): 21 shingles.
	 * Changing word 8 ("mardi") changes the 5 shingles that cover it:
	 * 16 shared, union 21 + 5 = 26. */
	const char *x = "Le conseil municipal de Rennes a voté mardi soir, à "
			"une large majorité, la création d'une nouvelle ligne "
			"de tramway vers le quartier nord.";
	const char *y = "Le conseil municipal de Rennes a voté jeudi soir, à "
			"une large majorité, la création d'une nouvelle ligne "
			"de tramway vers le quartier nord.";
	vl_shingles a, b;

	CHECK_INT(shingles_of(&a, x), 0);
	CHECK_INT(shingles_of(&b, y), 0);
	CHECK_INT(a.n, 21);
	CHECK_INT(b.n, 21);
	CHECK(vl__jaccard(&a, &b) == 16.0 / 26.0);
	CHECK(vl__jaccard(&b, &a) == 16.0 / 26.0);
	CHECK(vl__containment(&a, &b) == 16.0 / 21.0);
	vl__shingles_free(&a);
	vl__shingles_free(&b);
}

void test_reuse__brief_inside_longer_text(void)
{
	/* A wire brief taken over word for word inside a longer article. */
	const char *brief = "Un séisme de magnitude 5,2 a secoué dimanche "
			    "matin le sud-ouest de la France, sans faire de "
			    "victime, a annoncé le Bureau central "
			    "sismologique français. La secousse a été "
			    "ressentie jusqu'à Pau et Tarbes.";
	const char *article =
		"Les habitants des Hautes-Pyrénées ont été réveillés en "
		"sursaut. « J'ai cru qu'un camion percutait la maison », "
		"raconte une retraitée de Lourdes, encore émue. "
		"Un séisme de magnitude 5,2 a secoué dimanche matin le "
		"sud-ouest de la France, sans faire de victime, a annoncé le "
		"Bureau central sismologique français. La secousse a été "
		"ressentie jusqu'à Pau et Tarbes. Les pompiers ont reçu plus "
		"de deux cents appels en une heure, principalement pour des "
		"fissures sur des façades anciennes. La préfecture a ouvert "
		"une cellule de crise et des experts doivent inspecter lundi "
		"les écoles de la vallée avant le retour des élèves. Le "
		"dernier tremblement de terre de cette ampleur dans le massif "
		"remonte à 2006, rappellent les géologues de l'observatoire "
		"de Toulouse.";
	vl_shingles b, l;
	vl_signature sb, sl;

	CHECK_INT(shingles_of(&b, brief), 0);
	CHECK_INT(shingles_of(&l, article), 0);
	CHECK(vl__containment(&b, &l) == 1.0);
	CHECK(vl__containment(&l, &b) < 0.5);
	/* b is a subset of l, so J = |b| / |l| */
	CHECK(vl__jaccard(&b, &l) == (double)b.n / (double)l.n);
	CHECK(vl__jaccard(&b, &l) < 0.5);
	vl__signature(&sb, &b);
	vl__signature(&sl, &l);
	CHECK(vl__signature_jaccard(&sb, &sl) < 0.6);
	vl__shingles_free(&b);
	vl__shingles_free(&l);
}

void test_reuse__matching_form_variants(void)
{
	const char *x = "Selon la préfecture, 30.000 personnes ont défilé "
			"samedi à Lyon « contre la réforme », d’après l’AFP.";
	const char *y = "Selon la préfecture, 30'000 personnes ont défilé "
			"samedi à Lyon \"contre la réforme\", d'après l'AFP.";
	const char *z = "SELON la Préfecture : 30 000 personnes ont défilé "
			"samedi à Lyon “contre la réforme” – d'après l'AFP !";
	const char *w = "Selon la préfecture, 40.000 personnes ont défilé "
			"samedi à Lyon « contre la réforme », d’après l’AFP.";
	vl_shingles a, b, c, d;

	CHECK_INT(shingles_of(&a, x), 0);
	CHECK_INT(shingles_of(&b, y), 0);
	CHECK_INT(shingles_of(&c, z), 0);
	CHECK_INT(shingles_of(&d, w), 0);
	CHECK_INT(a.n, 13); /* 17 words */
	CHECK(vl__jaccard(&a, &b) == 1.0);
	CHECK(vl__jaccard(&a, &c) == 1.0);
	CHECK(vl__jaccard(&a, &d) < 1.0);
	CHECK(fp_of(x, 5) != 0);
	CHECK(fp_of(x, 5) == fp_of(y, 5));
	CHECK(fp_of(x, 5) == fp_of(z, 5));
	CHECK(fp_of(x, 5) != fp_of(w, 5));
	vl__shingles_free(&a);
	vl__shingles_free(&b);
	vl__shingles_free(&c);
	vl__shingles_free(&d);
}

void test_reuse__estimate_error(void)
{
	/* 200 pairs: b repeats the first k words of a then goes its own way
	 * (its word k differs from a's), so the overlap is known: k - 4
	 * shared shingles. k and the lengths vary, spreading J over
	 * [0, 1]. */
	uint64_t rng = 0x7665696C6C65ull;
	double err = 0.0, mean_j = 0.0;
	size_t wa[600], wb[600];
	const int pairs = 200;

	for (int p = 0; p < pairs; p++) {
		size_t la = 60 + (size_t)(rng_next(&rng) % 440);
		size_t lb = la;
		size_t k = (size_t)(rng_next(&rng) % (la + 1));
		vl_shingles a, b;
		vl_signature sa, sb;
		double j, known;

		if (rng_next(&rng) % 2)
			lb = k + (size_t)(rng_next(&rng) % (600 - k));
		if (lb < VL_SHINGLE_WORDS)
			lb = VL_SHINGLE_WORDS;
		for (size_t i = 0; i < la; i++)
			wa[i] = rng_word(&rng);
		for (size_t i = 0; i < lb; i++)
			wb[i] = i < k ? wa[i] : rng_word(&rng);
		if (k < la && k < lb && wb[k] == wa[k])
			wb[k] = (wa[k] + 1) % VOCAB_N;
		CHECK_INT(words_sig(&a, &sa, wa, la), 0);
		CHECK_INT(words_sig(&b, &sb, wb, lb), 0);
		CHECK(strictly_sorted(&a));
		CHECK_INT(a.n, la - 4);
		CHECK_INT(b.n, lb - 4);
		j = vl__jaccard(&a, &b);
		if (k >= VL_SHINGLE_WORDS) {
			size_t shared = k - 4;
			known = (double)shared / (double)(a.n + b.n - shared);
		} else {
			known = 0.0;
		}
		CHECK(j > known - 1e-9 && j < known + 1e-9);
		err += fabs(vl__signature_jaccard(&sa, &sb) - j);
		mean_j += j;
		vl__shingles_free(&a);
		vl__shingles_free(&b);
	}
	err /= pairs;
	mean_j /= pairs;
	CHECK(mean_j > 0.2 && mean_j < 0.8);
	CHECK(err < 0.06);
}

void test_reuse__lsh_finds_near_duplicates(void)
{
	/* Near-duplicates (a few words changed, J >= 0.8) share a band key
	 * with probability 1 - (1 - J^3)^21 >= 0.9999997; unrelated texts
	 * (J = 0) only by a hash collision. */
	uint64_t rng = 0x4C5348ull;
	size_t wa[400], wb[400];
	int near = 0, near_shared = 0, far_shared = 0;

	for (int p = 0; p < 200; p++) {
		size_t n = 200 + (size_t)(rng_next(&rng) % 200);
		size_t edits = (size_t)(rng_next(&rng) % 4);
		vl_shingles a, b, c;
		vl_signature sa, sb, sc;

		for (size_t i = 0; i < n; i++) {
			wa[i] = rng_word(&rng);
			wb[i] = wa[i];
		}
		for (size_t e = 0; e < edits; e++) {
			size_t at = (size_t)(rng_next(&rng) % n);
			wb[at] = (wb[at] + 1 + rng_word(&rng) % (VOCAB_N - 1)) %
				 VOCAB_N;
		}
		CHECK_INT(words_sig(&a, &sa, wa, n), 0);
		CHECK_INT(words_sig(&b, &sb, wb, n), 0);
		for (size_t i = 0; i < n; i++)
			wb[i] = rng_word(&rng);
		CHECK_INT(words_sig(&c, &sc, wb, n), 0);
		if (vl__jaccard(&a, &b) >= 0.8) {
			near++;
			near_shared += shares_band(&sa, &sb);
		}
		CHECK(vl__jaccard(&a, &c) < 0.01);
		far_shared += shares_band(&sa, &sc);
		vl__shingles_free(&a);
		vl__shingles_free(&b);
		vl__shingles_free(&c);
	}
	CHECK(near >= 150);
	CHECK(near_shared >= near - 1);
	CHECK(far_shared <= 1);
}

void test_reuse__empty_and_one_word(void)
{
	vl_shingles e, p, g, g2, m, two;
	vl_signature se, sp, sg, sg2, sm;

	CHECK_INT(vl__shingles(&e, NULL, 0), 0);
	CHECK(e.h == NULL);
	CHECK_INT(e.n, 0);
	/* punctuation, quotes and symbols are not words */
	CHECK_INT(shingles_of(&p, "« … ! » — €"), 0);
	CHECK_INT(p.n, 0);
	CHECK(vl__jaccard(&e, &p) == 0.0);
	CHECK(vl__containment(&e, &p) == 0.0);
	vl__signature(&se, &e);
	vl__signature(&sp, &p);
	for (int i = 0; i < VL_SIG_BINS; i++)
		CHECK(se.v[i] == UINT32_MAX);
	CHECK(vl__signature_jaccard(&se, &sp) == 0.0);

	CHECK_INT(shingles_of(&g, "Grève."), 0);
	CHECK_INT(shingles_of(&g2, "« GRÈVE ! »"), 0);
	CHECK_INT(shingles_of(&m, "Manifestation."), 0);
	CHECK_INT(shingles_of(&two, "Grève générale."), 0);
	CHECK_INT(g.n, 1);
	CHECK_INT(two.n, 1);
	CHECK(vl__jaccard(&g, &g2) == 1.0);
	CHECK(vl__jaccard(&g, &m) == 0.0);
	CHECK(vl__jaccard(&g, &two) == 0.0);
	CHECK(vl__jaccard(&g, &e) == 0.0);
	CHECK(vl__containment(&g, &e) == 0.0);
	vl__signature(&sg, &g);
	vl__signature(&sg2, &g2);
	vl__signature(&sm, &m);
	/* one shingle: every bin borrows its value */
	for (int i = 0; i < VL_SIG_BINS; i++)
		CHECK(sg.v[i] == sg.v[0] && sg.v[i] != UINT32_MAX);
	CHECK(vl__signature_jaccard(&sg, &sg2) == 1.0);
	CHECK(vl__signature_jaccard(&sg, &sm) == 0.0);
	CHECK(vl__signature_jaccard(&sg, &se) == 0.0);
	CHECK(!shares_band(&sg, &sm));

	/* sentence fingerprints */
	CHECK(fp_of("Il a démenti.", 5) == 0);
	CHECK(fp_of("Il a démenti.", 3) != 0);
	CHECK(fp_of("« ! »", 0) == 0);
	CHECK(fp_of("Il a démenti.", 3) == fp_of("IL A DÉMENTI !", 3));
	CHECK(fp_of("Il a démenti.", 3) != fp_of("Il a confirmé.", 3));
	CHECK(fp_of("Il a démenti.", 3) != fp_of("A il démenti.", 3));
	CHECK(vl__sentence_fp(NULL, 0, 0) == 0);

	vl__shingles_free(&e);
	vl__shingles_free(&p);
	vl__shingles_free(&g);
	vl__shingles_free(&g2);
	vl__shingles_free(&m);
	vl__shingles_free(&two);
	vl__shingles_free(NULL);
}

void test_reuse__repeated_sentence(void)
{
	/* One sentence of 11 distinct words, 10,000 times: 110,000 windows
	 * but only 11 distinct shingles (the 11 rotations). */
	const char *sent = "La circulation reste très perturbée ce matin sur "
			   "le périphérique nord. ";
	size_t sl = strlen(sent), reps = 10000;
	char *text = malloc(sl * reps + 1);
	vl_analysis *a;
	vl_shingles s, one;
	vl_signature sig;
	clock_t t0;

	CHECK(text != NULL);
	for (size_t i = 0; i < reps; i++)
		memcpy(text + i * sl, sent, sl);
	text[sl * reps] = '\0';
	CHECK_INT(vl_analyze(&a, text, sl * reps, NULL, NULL), 0);
	free(text);
	t0 = clock();
	CHECK_INT(vl__shingles(&s, vl_analysis_tokens(a),
			       vl_analysis_token_count(a)),
		  0);
	vl__signature(&sig, &s);
	/* generous: well under 10 ms in an optimised build */
	CHECK((double)(clock() - t0) / CLOCKS_PER_SEC < 1.0);
	vl_analysis_free(a);
	CHECK_INT(s.n, 11);
	CHECK(strictly_sorted(&s));
	CHECK_INT(shingles_of(&one, sent), 0);
	CHECK_INT(one.n, 7);
	CHECK(vl__containment(&one, &s) == 1.0);
	vl__shingles_free(&s);
	vl__shingles_free(&one);
}

void test_reuse__sorts_large_sets(void)
{
	/* Long texts go through the radix sort's heap scratch buffer. */
	uint64_t rng = 0x534F5254ull;
	size_t n = 5000, *w = malloc(n * sizeof *w);
	vl_shingles s;
	vl_signature sig;

	CHECK(w != NULL);
	for (size_t i = 0; i < n; i++)
		w[i] = rng_word(&rng);
	CHECK_INT(words_sig(&s, &sig, w, n), 0);
	free(w);
	CHECK_INT(s.n, n - 4);
	CHECK(strictly_sorted(&s));
	for (int i = 0; i < VL_SIG_BINS; i++)
		CHECK(sig.v[i] != UINT32_MAX);
	vl__shingles_free(&s);
}

void test_reuse__allocation_failures(void)
{
	/* Fail the Nth allocation for N = 1.. until the call succeeds: a
	 * short text, a long one (heap scratch) and a repeated one
	 * (shrinking realloc). Nothing may leak (see the ASan build). */
	uint64_t rng = 0x414C4C4Full;
	size_t n = 3000, *w = malloc(n * sizeof *w);
	char *texts[3];

	CHECK(w != NULL);
	for (size_t i = 0; i < n; i++)
		w[i] = i < 2000 ? rng_word(&rng) : w[i % 7];
	texts[0] = text_of(w, 40);
	texts[1] = text_of(w, 2000);
	texts[2] = text_of(w + 2000, 1000);
	free(w);
	for (int t = 0; t < 3; t++) {
		vl_analysis *a;
		vl_shingles ref, s;
		int done = 0;

		CHECK(texts[t] != NULL);
		CHECK_INT(
			vl_analyze(&a, texts[t], strlen(texts[t]), NULL, NULL),
			0);
		CHECK_INT(vl__shingles(&ref, vl_analysis_tokens(a),
				       vl_analysis_token_count(a)),
			  0);
		for (unsigned long k = 1; k < 10 && !done; k++) {
			int rc;
			vl__alloc_fail_after(k);
			rc = vl__shingles(&s, vl_analysis_tokens(a),
					  vl_analysis_token_count(a));
			vl__alloc_fail_after(0);
			if (rc == 0) {
				done = 1;
				CHECK_INT(s.n, ref.n);
				CHECK(!memcmp(s.h, ref.h, s.n * sizeof *s.h));
			} else {
				CHECK_INT(rc, VL_ENOMEM);
				CHECK(s.h == NULL && s.n == 0);
			}
			vl__shingles_free(&s);
		}
		CHECK(done);
		vl__shingles_free(&ref);
		vl_analysis_free(a);
		free(texts[t]);
	}
}

void test_reuse__deterministic(void)
{
	/* Same input, same output, within a run and across builds: the
	 * fingerprints are stored, so their definition is pinned here. */
	const char *t = "Le Tour de France partira de Lille le 1er juillet, "
			"a confirmé jeudi l’organisateur, qui attend 86 % de "
			"coureurs français de plus qu'en 2019.";
	vl_shingles a, b;
	vl_signature sa, sb;
	uint64_t ka[VL_LSH_BANDS], kb[VL_LSH_BANDS];

	CHECK_INT(shingles_of(&a, t), 0);
	CHECK_INT(shingles_of(&b, t), 0);
	CHECK_INT(a.n, b.n);
	CHECK(!memcmp(a.h, b.h, a.n * sizeof *a.h));
	vl__signature(&sa, &a);
	vl__signature(&sb, &b);
	CHECK(!memcmp(&sa, &sb, sizeof sa));
	vl__lsh_keys(ka, &sa);
	vl__lsh_keys(kb, &sb);
	CHECK(!memcmp(ka, kb, sizeof ka));
	CHECK(fp_of(t, 5) == fp_of(t, 5));
	/* pinned: changing these invalidates stored signatures */
	CHECK_INT(a.n, 22);
	CHECK(a.h[0] == 0x026d7a037205e5aaull);
	CHECK(sa.v[0] == 0x612c848au);
	CHECK(ka[0] == 0x7fe9940cd61fc6f4ull);
	CHECK(fp_of(t, 5) == 0x1ff28bb92eb3f3e1ull);
	vl__shingles_free(&a);
	vl__shingles_free(&b);
}
