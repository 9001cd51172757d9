/*
 * test_text.c — UTF-8 validation, NFC, matching form, tokenizer,
 * sentences, language identification, stems.
 */
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "text/utf8.h"
#include "veille.h"

/* Norms of the tokens of s, joined by '|'. */
static char *norms(const char *s)
{
	vl_analysis *a;
	static char out[4096];
	size_t n = 0;

	out[0] = '\0';
	if (vl_analyze(&a, s, strlen(s), NULL, NULL))
		return NULL;
	for (size_t i = 0; i < vl_analysis_token_count(a); i++) {
		const vl_token *t = &vl_analysis_tokens(a)[i];
		n += (size_t)snprintf(out + n, sizeof out - n, "%s%s",
				      i ? "|" : "", t->norm);
	}
	vl_analysis_free(a);
	return out;
}

/* Sentences of s, each as its original text, joined by " || ". */
static char *sentences(const char *s)
{
	vl_analysis *a;
	static char out[8192];
	size_t n = 0;

	out[0] = '\0';
	if (vl_analyze(&a, s, strlen(s), NULL, NULL))
		return NULL;
	for (size_t i = 0; i < vl_analysis_sentence_count(a); i++) {
		const vl_sentence *z = &vl_analysis_sentences(a)[i];
		n += (size_t)snprintf(out + n, sizeof out - n, "%s%.*s",
				      i ? " || " : "", (int)(z->end - z->start),
				      s + z->start);
	}
	vl_analysis_free(a);
	return out;
}

void test_text__utf8_rejects_each_bad_form(void)
{
	static const struct {
		const char *s;
		size_t off;
	} bad[] = {
		{ "ab\x80", 2 },	   { "a\xC0\xAF", 1 },
		{ "\xE0\x80\xAF", 0 },	   { "x\xED\xA0\x80", 1 },
		{ "\xF4\x90\x80\x80", 0 }, { "\xC3", 0 },
		{ "ok \xE2\x82", 3 },	   { "\xFF", 0 },
		{ "caf\xC3\x28", 3 },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		size_t off = 99;
		const char *why = NULL;
		CHECK_INT(vl__utf8_validate(bad[i].s, strlen(bad[i].s), &off,
					    &why),
			  VL_EUTF8);
		CHECK_INT(off, bad[i].off);
		CHECK(why != NULL);
	}
	{
		const char *ok = "Kyiv – «Kiev» 30 000 \xF0\x9F\x98\x80";
		CHECK_INT(vl__utf8_validate(ok, strlen(ok), NULL, NULL), 0);
	}
}

void test_text__utf8_invalid_at_each_byte(void)
{
	/* Corrupt each byte of a short valid string in turn: validation
	 * must fail at or before the corrupted byte, repair must yield valid
	 * UTF-8 holding U+FFFD. */
	const char *good = "Sudja, «86 %» à Koursk — été";
	size_t len = strlen(good);
	for (size_t i = 0; i < len; i++) {
		char s[64];
		size_t off = 0;
		char *fixed;
		size_t fixed_len;
		memcpy(s, good, len);
		s[i] = (char)0xFF;
		CHECK_INT(vl__utf8_validate(s, len, &off, NULL), VL_EUTF8);
		CHECK(off <= i);
		CHECK_INT(vl_text_nfc(&fixed, &fixed_len, s, len, 1, NULL), 0);
		CHECK_INT(vl__utf8_validate(fixed, fixed_len, NULL, NULL), 0);
		CHECK(strstr(fixed, "\xEF\xBF\xBD") != NULL);
		vl_free(fixed);
	}
}

void test_text__nfc_composes(void)
{
	char *out;
	size_t n;
	vl_error err;
	/* e + combining acute -> é */
	CHECK_INT(vl_text_nfc(&out, &n, "Zelenske\xCC\x81", 10, 0, &err), 0);
	CHECK_STR(out, "Zelensk\xC3\xA9");
	vl_free(out);
	CHECK_INT(vl_text_nfc(&out, &n, "caf\xC3", 4, 0, &err), VL_EUTF8);
	CHECK_INT(err.offset, 3);
}

void test_text__match_form_unifies_variants(void)
{
	char *a, *b;
	size_t na, nb;
	const char *x = "L’armée «libère» 30.000 habitants";
	const char *y = "l'Armee \"libere\" 30'000 habitants";
	CHECK_INT(vl_text_match_form(&a, &na, x, strlen(x)), 0);
	CHECK_INT(vl_text_match_form(&b, &nb, y, strlen(y)), 0);
	CHECK_STR(a, b);
	CHECK_STR(a, "l' armee \" libere \" 30000 habitants");
	free(a);
	free(b);
}

void test_text__numbers(void)
{
	CHECK_STR(norms("30.000 30'000 30\xC2\xA0"
			"000 30\xE2\x80\xAF"
			"000 30 000"),
		  "30000|30000|30000|30000|30000");
	CHECK_STR(norms("86 % et 86%"), "86%|et|86%");
	CHECK_STR(norms("3,5 millions"), "3.5|millions");
	CHECK_STR(norms("en 2019 300 personnes"), "en|2019|300|personnes");
	CHECK_STR(norms("la 28e et la 28ème brigade, 1er, 1ère"),
		  "la|28e|et|la|28e|brigade|,|1er|,|1re");
}

void test_text__elisions_and_clitics(void)
{
	CHECK_STR(norms("l’armée d'Ukraine jusqu'à lorsqu'il aujourd'hui"),
		  "l'|armee|d'|ukraine|jusqu'|a|lorsqu'|il|aujourd'hui");
	CHECK_STR(norms("a-t-il ajouté, dit-elle"),
		  "a|-t-il|ajoute|,|dit|-elle");
	CHECK_STR(norms("Maison-Blanche rendez-vous"),
		  "maison-blanche|rendez-vous");
}

void test_text__abbreviations(void)
{
	CHECK_STR(norms("M. Peskov et Mme Leavitt, J. D. Vance"),
		  "m.|peskov|et|mme|leavitt|,|j.|d.|vance");
	CHECK_STR(sentences("M. Trump a parlé. Le Dr Martin aussi."),
		  "M. Trump a parlé. || Le Dr Martin aussi.");
}

void test_text__sentences_quotes(void)
{
	CHECK_STR(sentences("«Avons-nous besoin de négociations?», a écrit "
			    "Kots. Il insiste."),
		  "«Avons-nous besoin de négociations?», a écrit Kots. || Il "
		  "insiste.");
	CHECK_STR(sentences("«Nous sommes là (...). Ils ne l'ont pas occupée», "
			    "a dit l'officier."),
		  "«Nous sommes là (...). || Ils ne l'ont pas occupée», a dit "
		  "l'officier.");
	CHECK_STR(sentences("Il a dit « non ». Puis il est parti."),
		  "Il a dit « non ». || Puis il est parti.");
	CHECK_STR(sentences("Fin.» Début"), "Fin.» || Début");
}

void test_text__sentences_glued_paragraphs(void)
{
	CHECK_STR(sentences("élevées à 839.000 euros en 2019.Alors que les "
			    "estives ont commencé"),
		  "élevées à 839.000 euros en 2019. || Alors que les estives "
		  "ont commencé");
	CHECK_STR(sentences("Voir lemonde.fr pour plus."),
		  "Voir lemonde.fr pour plus.");
	CHECK_STR(sentences("Un.\nDeux sans point\nTrois"),
		  "Un. || Deux sans point || Trois");
}

void test_text__offsets_point_into_text(void)
{
	const char *s = "« N’anticipons pas », a dit M. Peskov.";
	vl_analysis *a;
	CHECK_INT(vl_analyze(&a, s, strlen(s), NULL, NULL), 0);
	for (size_t i = 0; i < vl_analysis_token_count(a); i++) {
		const vl_token *t = &vl_analysis_tokens(a)[i];
		CHECK(t->end > t->start && t->end <= strlen(s));
	}
	CHECK_INT(vl_analysis_tokens(a)[1].start, 3);
	CHECK_STR(vl_analysis_tokens(a)[1].norm, "n'");
	vl_analysis_free(a);
}

void test_text__language(void)
{
	const char *fr =
		"Le président russe a rencontré l'envoyé américain pour "
		"discuter des détails de la proposition de cessez-le-feu.";
	const char *en =
		"The Russian president met the American envoy to discuss the "
		"details of the ceasefire proposal with his team.";
	vl_analysis *a;
	CHECK_INT(vl_analyze(&a, fr, strlen(fr), NULL, NULL), 0);
	CHECK_STR(vl_analysis_lang(a), "fr");
	vl_analysis_free(a);
	CHECK_INT(vl_analyze(&a, en, strlen(en), NULL, NULL), 0);
	CHECK_STR(vl_analysis_lang(a), "en");
	vl_analysis_free(a);
}

void test_text__stems(void)
{
	const char *s = "Les négociations continuent";
	vl_analyze_options o = VL_ANALYZE_OPTIONS_INIT;
	vl_analysis *a;
	o.stem = 1;
	o.lang = "fr";
	CHECK_INT(vl_analyze(&a, s, strlen(s), &o, NULL), 0);
	CHECK_STR(vl_analysis_stem(a, 1), "negoci");
	CHECK_STR(vl_analysis_stem(a, 2), "continuent");
	vl_analysis_free(a);
}

void test_text__pathological_repeat(void)
{
	/* One token repeated 10^6 times: linear time, bounded memory. */
	size_t n = 1000000, len = n * 6;
	char *s = malloc(len + 1);
	vl_analysis *a;
	for (size_t i = 0; i < n; i++)
		memcpy(s + i * 6, "Kyiv. ", 6);
	s[len] = '\0';
	CHECK_INT(vl_analyze(&a, s, len, NULL, NULL), 0);
	CHECK_INT(vl_analysis_token_count(a), 2 * n);
	CHECK_INT(vl_analysis_sentence_count(a), n);
	vl_analysis_free(a);
	free(s);
}

void test_text__norms_are_terminated(void)
{
	/* A word of marks only folds to nothing: its norm must still be an
	 * empty, terminated string (the SSE2 scan writes ahead). */
	const char *s = "Paris \xE2\x9D\xA4\xEF\xB8\x8F \xEF\xB8\x8F"
			"abcdefghijklmnopqrstuvwxyz e\xCC\x81\xCC\x81 fin";
	vl_analysis *a;
	CHECK_INT(vl_analyze(&a, s, strlen(s), NULL, NULL), 0);
	for (size_t i = 0; i < vl_analysis_token_count(a); i++) {
		const vl_token *t = &vl_analysis_tokens(a)[i];
		CHECK_INT(strlen(t->norm), t->norm_len);
	}
	vl_analysis_free(a);
}

void test_text__language_reads_only_len_bytes(void)
{
	/* The text need not end in NUL: an exact-size copy. libexttextcat
	 * is not instrumented, so run this under valgrind to see a read past
	 * the end (it once read up to the next NUL). */
	const char *s =
		"Ce jeudi, la société a publié ses résultats trimestriels";
	for (size_t m = 10; m <= strlen(s); m += 7) {
		size_t n = m;
		char *copy;
		vl_analysis *a;
		while (((unsigned char)s[n] & 0xC0) == 0x80)
			n--; /* cut on a character boundary */
		copy = malloc(n);
		memcpy(copy, s, n);
		CHECK_INT(vl_analyze(&a, copy, n, NULL, NULL), 0);
		vl_analysis_free(a);
		free(copy);
	}
}

void test_text__emails_and_sentence_ending_abbreviations(void)
{
	CHECK_STR(
		norms("Écrire à jean.dupont@exemple.fr ou "
		      "Jean.Dupont@Exemple.com."),
		"ecrire|a|jean.dupont@exemple.fr|ou|jean.dupont@exemple.com|.");
	CHECK_STR(sentences("Des pommes, des poires, etc. Le lendemain, rien."),
		  "Des pommes, des poires, etc. || Le lendemain, rien.");
	CHECK_STR(sentences("Il vit aux U.S.A. Le président parle."),
		  "Il vit aux U.S.A. || Le président parle.");
	CHECK_STR(sentences("Pommes, etc. et poires."),
		  "Pommes, etc. et poires.");
	CHECK_STR(sentences("M. Dupont et J. D. Vance sont là."),
		  "M. Dupont et J. D. Vance sont là.");
	CHECK_STR(norms("Rendez-vous demain"), "rendez-vous|demain");
}
