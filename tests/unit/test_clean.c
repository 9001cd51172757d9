/*
 * test_clean.c — the boilerplate stage: one test per rule family, the
 * body lines that carry the same cue words and must stay, per-source
 * repetition through a fake `seen`, line splitting (CRLF, empty text),
 * hostile input (a 1 MB line, bad UTF-8, allocation failures), and the
 * real seed articles of ../shared/seeds when that folder exists.
 *
 * The articles here are written for these tests, in the style of French
 * and English news pages; no sentence comes from a real publication.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xxhash.h>

#include "clean/clean.h"
#include "clean/lexicon.h"
#include "test.h"
#include "text/chars.h"
#include "util/alloc.h"
#include "veille.h"

/* Verdicts on the non-blank lines of text: each line's reason, or "-"
 * when kept, separated by spaces ("credit caption - -"). */
static const char *verdicts_opt(const char *text, const vl_clean_options *o)
{
	static char out[4096];
	vl_clean_result r;
	size_t n = 0;

	out[0] = '\0';
	if (vl__clean(&r, text, strlen(text), o))
		return "(error)";
	for (size_t i = 0; i < r.n_lines; i++) {
		const vl_clean_line *l = &r.lines[i];
		if (!l->hash)
			continue; /* blank */
		n += (size_t)snprintf(out + n, sizeof out - n, "%s%s",
				      n ? " " : "",
				      l->reason ? l->reason : "-");
	}
	vl__clean_result_free(&r);
	return out;
}

static const char *verdicts(const char *text)
{
	return verdicts_opt(text, NULL);
}

/* The rule that fired on the first line of text ("-" when kept). */
static const char *rule_of(const char *text)
{
	static char out[64];
	vl_clean_result r;

	if (vl__clean(&r, text, strlen(text), NULL) || !r.n_lines)
		return "(none)";
	snprintf(out, sizeof out, "%s",
		 r.lines[0].rule ? r.lines[0].rule : "-");
	vl__clean_result_free(&r);
	return out;
}

/* ------------------------------------------------------------ lines */

void test_clean__empty_text(void)
{
	vl_clean_result r;

	CHECK_INT(vl__clean(&r, "", 0, NULL), 0);
	CHECK_INT(r.n_lines, 0);
	CHECK(r.lines == NULL);
	vl__clean_result_free(&r);
	vl__clean_result_free(NULL);
	CHECK_INT(vl__clean(&r, "\n", 1, NULL), 0);
	CHECK_INT(r.n_lines, 1);
	CHECK_INT(r.lines[0].hash, 0);
	CHECK(r.lines[0].reason == NULL);
	vl__clean_result_free(&r);
	CHECK_INT(vl__clean(&r, "a\n\nb", 4, NULL), 0);
	CHECK_INT(r.n_lines, 3);
	CHECK_INT(r.lines[2].start, 3);
	CHECK_INT(r.lines[2].end, 4);
	vl__clean_result_free(&r);
}

void test_clean__crlf_lines(void)
{
	const char *crlf = "Par Claire Martin\r\n\r\nLe conseil municipal a "
			   "vote le budget mardi soir.\r\n";
	const char *lf = "Par Claire Martin\n\nLe conseil municipal a "
			 "vote le budget mardi soir.\n";
	vl_clean_result a, b;

	CHECK_INT(vl__clean(&a, crlf, strlen(crlf), NULL), 0);
	CHECK_INT(vl__clean(&b, lf, strlen(lf), NULL), 0);
	CHECK_INT(a.n_lines, 3);
	CHECK_INT(b.n_lines, 3);
	CHECK_INT(a.lines[0].end, strlen("Par Claire Martin"));
	CHECK_INT(a.lines[1].start, a.lines[0].end + 2);
	CHECK_INT(a.lines[1].end, a.lines[1].start);
	CHECK_STR(a.lines[0].reason, VL_WHY_BYLINE);
	CHECK(a.lines[2].reason == NULL);
	for (size_t i = 0; i < 3; i++)
		CHECK(a.lines[i].hash == b.lines[i].hash);
	vl__clean_result_free(&a);
	vl__clean_result_free(&b);
}

void test_clean__hash_is_matching_form(void)
{
	static const char *lines[] = {
		"À VOIR AUSSI | L'Ukraine et l’Europe",
		"Boutique du Quotidien : hors-séries et archives",
		"«Toujours là»", "Photo : AFP", NULL
	};
	vl_clean_result r;
	const char *t = "  Charte de modération \n\nCHARTE DE MODERATION";

	for (size_t i = 0; lines[i]; i++) {
		char *mf;
		size_t n;
		CHECK_INT(
			vl_text_match_form(&mf, &n, lines[i], strlen(lines[i])),
			0);
		CHECK(vl__clean_line_hash(lines[i], strlen(lines[i])) ==
		      XXH3_64bits(mf, n));
		vl_free(mf);
	}
	/* Case, accents, quotes and spacing do not matter; blank is 0. */
	CHECK(vl__clean_line_hash("L’Ukraine  À voir",
				  strlen("L’Ukraine  À voir")) ==
	      vl__clean_line_hash("l'ukraine a voir",
				  strlen("l'ukraine a voir")));
	CHECK_INT(vl__clean_line_hash(" \t\xC2\xA0 ", 5), 0);
	CHECK_INT(vl__clean_line_hash("", 0), 0);
	/* The hash in the result is the line's hash. */
	CHECK_INT(vl__clean(&r, t, strlen(t), NULL), 0);
	CHECK(r.lines[0].hash != 0);
	CHECK(r.lines[0].hash == r.lines[2].hash);
	CHECK(r.lines[0].hash ==
	      vl__clean_line_hash(t + r.lines[0].start,
				  r.lines[0].end - r.lines[0].start));
	vl__clean_result_free(&r);
}

void test_clean__countable(void)
{
	char longl[300];

	memset(longl, 'x', sizeof longl);
	CHECK(vl__clean_line_countable("Boutique du Quotidien", 21));
	CHECK(!vl__clean_line_countable("   ", 3));
	CHECK(!vl__clean_line_countable("", 0));
	CHECK(!vl__clean_line_countable(longl, sizeof longl));
	CHECK(vl__clean_line_countable(longl, 200));
}

/* ------------------------------------------------------- rule families */

void test_clean__comment_block_at_end(void)
{
	const char *t =
		"Le conseil d'administration de l'aéroport a validé lundi le "
		"projet d'extension du terminal, malgré l'opposition des "
		"riverains réunis en collectif depuis deux ans.\n"
		"Le président du collectif n'a pas souhaité faire de "
		"commentaire "
		"sur cette décision, renvoyant aux prochaines étapes de la "
		"procédure devant le tribunal administratif.\n"
		"Réagissez à cet article\n"
		"Les contributions sont lues par la rédaction avant "
		"publication. "
		"Merci de rester courtois envers les autres lecteurs.\n"
		"Consulter la charte de modération\n";

	CHECK_STR(verdicts(t), "- - comment comment comment");
	CHECK_STR(verdicts("Commentaires\n\nVos réactions (12)"),
		  "comment comment");
	CHECK_STR(rule_of("Bienvenue dans l'espace des commentaires"),
		  "comment-cue");
	/* English too. */
	CHECK_STR(verdicts("Join the conversation\nComments"),
		  "comment comment");
}

void test_clean__comment_words_in_body_stay(void)
{
	const char *t = "Dans un commentaire publié sur son compte, le maire a "
			"critiqué "
			"la décision du préfet.\n"
			"Les réactions se sont multipliées dans la soirée, "
			"certains élus "
			"dénonçant un passage en force.\n"
			"Le débat reprendra jeudi à l'Assemblée.\n";

	CHECK_STR(verdicts(t), "- - -");
}

void test_clean__promo_block(void)
{
	const char *t =
		"Le trafic ferroviaire restera perturbé jusqu'à vendredi.\n\n"
		"Passer la promotion Telegram et continuer la lecture\n"
		"Le Journal du Soir est sur Telegram\n\n"
		"L'essentiel de l'actualité régionale, chaque soir\n\n"
		"Rejoindre la chaîne\n\n"
		"Fin de la promotion Telegram\n\n"
		"Sur Telegram, plusieurs blogueurs militaires ont affirmé que "
		"les "
		"troupes avaient progressé de deux kilomètres au nord de la "
		"ville.\n";

	CHECK_STR(verdicts(t), "- promo promo promo promo promo -");
	CHECK_STR(rule_of("Ignorer la publicité WhatsApp et continuer"),
		  "promo-start");
}

void test_clean__promo_lines(void)
{
	CHECK_STR(verdicts("Abonnez-vous à notre newsletter\n"
			   "Suivez-nous sur Instagram\n"
			   "Radio Nord est aussi sur WhatsApp\n"
			   "Cliquez ici et inscrivez-vous !\n"
			   "Publicité\n"
			   "Je m'abonne à la chaîne"),
		  "promo promo promo promo promo promo");
	/* Mentions of an app in prose, reported speech, a question. */
	CHECK_STR(
		verdicts(
			"Il a publié une vidéo sur Telegram\n"
			"« Suivez-nous sur Telegram », a lancé le "
			"porte-parole.\n"
			"Pour en savoir plus, ses partisans suivent le mot-clé "
			"sur Twitter.\n"
			"Fin de partie pour Telegram en Russie ?"),
		"- - - -");
}

void test_clean__photo_credits(void)
{
	CHECK_STR(rule_of("Crédit photo, Reuters"), "credit-prefix");
	CHECK_STR(rule_of("Photo : AFP / Jean Dupont"), "credit-prefix");
	CHECK_STR(rule_of("© Keystone"), "credit-copyright");
	CHECK_STR(rule_of("(Photo AP)"), "credit-paren");
	CHECK_STR(rule_of("Getty Images"), "credit-agency");
	CHECK_STR(rule_of("AFP/Reuters"), "credit-agency");
	CHECK_STR(rule_of("(avec AFP)"), "credit-agency");
	CHECK_STR(rule_of("Avec ANP"), "credit-agency");
	CHECK_STR(rule_of("ats/xyz"), "credit-signature");
	CHECK_STR(rule_of("abc/de/fg"), "byline-initials");
	CHECK_STR(rule_of("Photo credit: EPA"), "credit-prefix");
	CHECK_STR(rule_of("Image source, Getty Images"), "credit-prefix");
	/* A credit after the caption's sentence. */
	CHECK_STR(rule_of("Le barrage, construit en 1962, retient 400 millions "
			  "de mètres cubes (Archives). sda"),
		  "caption-credit-suffix");
	CHECK_STR(rule_of("Des sauveteurs dans les décombres, mardi soir. "
			  "(Photo Jean Petit via AP)"),
		  "caption-credit-suffix");
	/* Prose with "photo" or an agency stays. */
	CHECK_STR(verdicts("La photo de la ministre a fait le tour des réseaux "
			   "sociaux en quelques heures.\n"
			   "Interrogé par l'AFP, le ministre a démenti.\n"
			   "oui/non"),
		  "- - -");
}

void test_clean__captions_around_credits(void)
{
	/* Alt text before the credit, "Légende" after (BBC style). */
	const char *bbc =
		"Le maire se tient devant la digue. Derrière lui, des engins "
		"de "
		"chantier. Il porte un casque blanc\n\n"
		"Crédit photo, Getty Images\n\n"
		"Le maire de la commune a annoncé mardi la fin des travaux.\n\n"
		"Le chantier du pont\n\n"
		"Crédit photo, Reuters\n\n"
		"Légende image, Les travaux ont duré trois ans.\n";
	/* Body, credit, one-sentence caption (newspaper style). */
	const char *paper =
		"Les eaux ont envahi le centre-ville dans la nuit. Les "
		"pompiers "
		"ont évacué plus de deux cents personnes.\n\n"
		"Photo : AFP\n\n"
		"Une rue inondée du centre de Saintes, mardi matin.\n\n"
		"La préfecture a ouvert un centre d'hébergement.\n";
	/* A sub-heading before a credit whose caption is after it stays. */
	const char *sub =
		"Des digues sous surveillance\n\n"
		"Photo credit: Reuters\n\n"
		"Workers reinforcing a dike on Tuesday\n\n"
		"Les autorités surveillent les digues heure par heure.\n";

	CHECK_STR(verdicts(bbc), "caption credit - caption credit caption");
	CHECK_STR(verdicts(paper), "- credit caption -");
	CHECK_STR(verdicts(sub), "- credit caption -");
	CHECK_STR(rule_of("Carte montrant les zones inondées du département"),
		  "caption-visual");
	CHECK_STR(rule_of("Photo prise mardi depuis un hélicoptère de la "
			  "gendarmerie."),
		  "caption-visual");
	CHECK_STR(rule_of("Légende : le pont de Saintes"), "caption-prefix");
	CHECK_STR(rule_of("Image caption, The bridge in 1962"),
		  "caption-prefix");
	CHECK_STR(rule_of("Sur cette photo fournie par la préfecture, la digue "
			  "rompue."),
		  "caption-prefix");
	/* "Une vidéo diffusée ... montre ..." is a body sentence. */
	CHECK_STR(verdicts("Une vidéo diffusée par des habitants montre la "
			   "rue submergée en quelques minutes."),
		  "-");
}

void test_clean__image_file_names(void)
{
	CHECK_STR(rule_of("5f2a9c0e77d1b3a4.JPG Une vue du port de Gênes, "
			  "mercredi. (Keystone/EPA)"),
		  "image-filename");
	CHECK_STR(rule_of("vue-aerienne.webp"), "image-filename");
	CHECK_STR(verdicts("Le fichier rapport.pdf a circulé parmi les "
			   "députés.\nLe logo.png du parti a changé."),
		  "- -");
}

void test_clean__bylines(void)
{
	CHECK_STR(verdicts("    • Auteur, Marie Durand\n"
			   "    • Fonction, Radio Nord, Lille\n"
			   "• Author, John Smith\n"
			   "• Role, World Service, Kyiv"),
		  "byline byline byline byline");
	CHECK_STR(rule_of("Par Claire Martin"), "byline-par");
	CHECK_STR(rule_of("Par Paul Girard, à Genève"), "byline-par");
	CHECK_STR(rule_of("Par Anne Roy et Luc Petit (avec AFP)"),
		  "byline-par");
	CHECK_STR(rule_of("By John Smith, in Brussels"), "byline-par");
	CHECK_STR(rule_of("Propos recueillis par Marc Leroy"), "byline-phrase");
	CHECK_STR(rule_of("Par la rédaction, avec AFP"), "byline-phrase");
	CHECK_STR(verdicts("Par ailleurs, le gouvernement a annoncé un plan "
			   "d'aide.\n"
			   "Par Moscou, il faut entendre le Kremlin et ses "
			   "relais, a-t-il expliqué.\n"
			   "By Monday, the army had withdrawn from the town."),
		  "- - -");
}

void test_clean__timestamps(void)
{
	CHECK_STR(
		verdicts("Publié\n"
			 "Publié le 14 mars 2025 à 10h05\n"
			 "Mis à jour le 14/03/2025 à 12h02\n"
			 "Publié le 3 mars 2025 à 8h00 Modifié le 3 mars 2025 "
			 "à 9h15\n"
			 "Publié aujourd'hui à 09:12\n"
			 "Published\n"
			 "Updated 2 hours ago"),
		"timestamp timestamp timestamp timestamp timestamp timestamp "
		"timestamp");
	/* A bare date: metadata at the top, a chronology heading below. */
	CHECK_STR(verdicts("Jeudi 13 mars 2025\n"
			   "Le barrage a cédé dans la nuit.\n"
			   "Le précédent accident remonte à l'automne 1999.\n"
			   "Mardi, le préfet a parlé aux élus.\n"
			   "12 octobre 1999\n"
			   "Une première fissure est repérée sur la digue."),
		  "timestamp - - - - -");
	CHECK_STR(verdicts("Publié en 2019, le rapport alertait déjà sur la "
			   "pénurie de contrôleurs.\n"
			   "Le 16 novembre 2011, le"),
		  "- -");
}

void test_clean__see_also(void)
{
	CHECK_STR(verdicts("À VOIR AUSSI | Les crues en images\n"
			   "Lire aussi : Le bilan des inondations s'alourdit\n"
			   "À lire aussi\n"
			   "Le pont de Saintes rouvert à la circulation\n"
			   "Sur le même sujet\n"
			   "Read more: Why the dike gave way\n"
			   "Related: Floods in Europe"),
		  "see-also see-also see-also see-also see-also see-also "
		  "see-also");
	/* The label takes the next line only when it is a title. */
	CHECK_STR(verdicts("LIRE AUSSI\n\nLa digue avait été renforcée en "
			   "2019. Les travaux avaient coûté cher.\n"),
		  "see-also -");
	CHECK_STR(verdicts("À lire les déclarations du ministre, la réforme "
			   "serait enterrée.\n"
			   "À lire ce témoignage d'un sauveteur :"),
		  "- -");
}

void test_clean__section_labels(void)
{
	CHECK_STR(verdicts("Monde\n\nLe titre de l'article\n\nLe texte."),
		  "section - -");
	CHECK_STR(verdicts("Un paragraphe.\n\nFaits divers\n\nUn autre "
			   "paragraphe."),
		  "- section -");
	CHECK_STR(verdicts("Un paragraphe.\n\nÉconomie\n\nUn autre."),
		  "- section -");
	/* Inside running text, or with other words, it stays. */
	CHECK_STR(verdicts("Un paragraphe.\nEurope\nUn autre paragraphe."),
		  "- - -");
	CHECK_STR(verdicts("Un paragraphe.\n\nEurope et Asie, un marché "
			   "commun ?\n\nUn autre."),
		  "- - -");
}

void test_clean__share_and_cookies(void)
{
	CHECK_STR(verdicts("Partager sur Facebook\nCopier le lien\nEnvoyer par "
			   "e-mail\nImprimer\nShare on X\nAgrandir le texte\n"
			   "Ajouter aux favoris"),
		  "share share share share share share share");
	CHECK_STR(verdicts("Nous utilisons des cookies pour mesurer "
			   "l'audience. Paramétrer mes choix\n"
			   "Ce site utilise des traceurs. En poursuivant votre "
			   "navigation, vous acceptez leur dépôt."),
		  "cookie cookie");
	CHECK_STR(
		verdicts("La CNIL a sanctionné le site pour avoir déposé des "
			 "cookies sans le consentement des internautes.\n"
			 "Il a décidé de partager sur Facebook une photo de la "
			 "manifestation, vue des milliers de fois.\n"
			 "X"),
		"- - -");
}

void test_clean__subheadings_and_quotes_stay(void)
{
	const char *t =
		"Le front s'est stabilisé au sud de la ville, selon "
		"l'état-major.\n"
		"\n"
		"Offensive vers Kharkiv\n"
		"\n"
		"«Nous tiendrons»\n"
		"\n"
		"Changement de cap entre Bruxelles et Washington\n"
		"\n"
		"- \"prudence de mise\" -\n"
		"\n"
		"« Rien n'est réglé »\n"
		"\n"
		"Le ministre doit se rendre sur place la semaine prochaine.\n";

	CHECK_STR(verdicts(t), "- - - - - - -");
}

/* ---------------------------------------------------- per source */

typedef struct fake_seen {
	uint64_t hot, warm;
	unsigned calls;
} fake_seen;

/* Earlier articles of the source with this line: 5 for `hot`, 2 for
 * `warm`, none for the rest. */
static uint32_t seen_cb(uint64_t hash, void *payload)
{
	fake_seen *f = payload;

	f->calls++;
	return hash == f->hot ? 5 : hash == f->warm ? 2 : 0;
}

void test_clean__repeated_by_source(void)
{
	const char *hot = "Boutique du Quotidien : hors-séries et archives";
	const char *warm = "Les sites du groupe";
	char t[1024];
	char longl[600];
	fake_seen f = { 0, 0, 0 };
	vl_clean_options o = { seen_cb, &f, 0 };

	memset(longl, 'a', sizeof longl - 1);
	longl[sizeof longl - 1] = '\0';
	snprintf(t, sizeof t,
		 "%s\n\nLe texte de l'article.\n%s\n%s\n"
		 "Partager sur Facebook",
		 hot, warm, longl);
	f.hot = vl__clean_line_hash(hot, strlen(hot));
	f.warm = vl__clean_line_hash(warm, strlen(warm));
	CHECK_STR(verdicts_opt(t, &o), "repeated - - - share");
	/* Asked about the 3 short kept lines only: not the long line, not
	 * the blank one, not the share line another rule took. */
	CHECK_INT(f.calls, 3);
	o.repeat_min = 2;
	CHECK_STR(verdicts_opt(t, &o), "repeated - repeated - share");
	o.seen = NULL;
	CHECK_STR(verdicts_opt(t, &o), "- - - - share");
}

/* ------------------------------------------------------- hostile */

static double seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void test_clean__one_megabyte_line_is_fast(void)
{
	const char *s = "Le conseil a voté « pour » à l’unanimité. ";
	size_t n = strlen(s), len = 0, cap = 1u << 20;
	char *t = malloc(cap + 1);
	vl_clean_result r;
	double t0;

	CHECK(t != NULL);
	while (len + n <= cap) {
		memcpy(t + len, s, n);
		len += n;
	}
	t0 = seconds();
	CHECK_INT(vl__clean(&r, t, len, NULL), 0);
	CHECK(seconds() - t0 < 0.05); /* well over 20 MB/s even sanitized */
	CHECK_INT(r.n_lines, 1);
	CHECK(r.lines[0].reason == NULL);
	CHECK(r.lines[0].hash != 0);
	CHECK(r.lines[0].hash == vl__clean_line_hash(t, len));
	vl__clean_result_free(&r);
	/* One token repeated: no space at all. */
	memset(t, 'a', cap);
	t0 = seconds();
	CHECK_INT(vl__clean(&r, t, cap, NULL), 0);
	CHECK(seconds() - t0 < 0.05);
	vl__clean_result_free(&r);
	free(t);
}

void test_clean__many_short_lines(void)
{
	const char *s = "Partager sur Facebook\nLe texte.\n\n";
	size_t n = strlen(s), len = 0, cap = 1u << 20;
	char *t = malloc(cap + 1);
	vl_clean_result r;

	CHECK(t != NULL);
	while (len + n <= cap) {
		memcpy(t + len, s, n);
		len += n;
	}
	CHECK_INT(vl__clean(&r, t, len, NULL), 0);
	CHECK_INT(r.n_lines, len / n * 3);
	CHECK_STR(r.lines[0].reason, VL_WHY_SHARE);
	CHECK(r.lines[1].reason == NULL);
	vl__clean_result_free(&r);
	free(t);
}

void test_clean__bad_utf8_is_kept(void)
{
	/* Truncated sequences at line ends and at the very end. */
	static const char t[] = "Photo : AFP\xC3\nPar Jean \xE2\x82\n\xF0\x9F";
	vl_clean_result r;

	CHECK_INT(vl__clean(&r, t, sizeof t - 1, NULL), 0);
	CHECK_INT(r.n_lines, 3);
	for (size_t i = 0; i < r.n_lines; i++) {
		CHECK(r.lines[i].reason == NULL);
		CHECK(r.lines[i].hash != 0);
	}
	vl__clean_result_free(&r);
	CHECK(vl__clean_line_hash("\xF0\x9F", 2) != 0);
	CHECK(vl__clean_line_countable("\xF0\x9F", 2));
}

void test_clean__allocation_failures(void)
{
	const char *t = "Monde\n\nPar Claire Martin\n\nLe texte de l'article, "
			"assez long pour compter.\n\nCrédit photo, AFP\n"
			"Légende image, un pont.\nVos réactions\n";
	vl_clean_result r;
	int rc = -1;

	CHECK_INT(vl__chars_init(), 0); /* tables built outside injection */
	for (unsigned long n = 1; n < 1000 && rc; n++) {
		vl__alloc_fail_after(n);
		rc = vl__clean(&r, t, strlen(t), NULL);
		vl__alloc_fail_after(0);
		if (rc) {
			CHECK_INT(rc, VL_ENOMEM);
			CHECK(r.lines == NULL && r.n_lines == 0);
		}
	}
	CHECK_INT(rc, 0);
	CHECK_STR(r.lines[0].reason, VL_WHY_SECTION);
	vl__clean_result_free(&r);
}

/* Each strong comment cue holds a comment word in its first five tokens:
 * the rules only search for cues around such words. */
void test_clean__lexicon_comment_cues(void)
{
	for (const char *const *p = vl__lx_comment; *p; p++) {
		const char *s = *p;
		int found = 0;
		for (int k = 0; k < 5 && *s && !found; k++) {
			const char *sp = strchr(s, ' ');
			size_t len = sp ? (size_t)(sp - s) : strlen(s);
			found = (vl__lx_word(s, len) & VL_LX_COMMENT) != 0;
			s += len + (sp ? 1 : 0);
		}
		if (!found)
			fprintf(stderr, "  cue without a comment word: %s\n",
				*p);
		CHECK(found);
	}
}

/* ------------------------------------------------------------ seeds */

#define SEEDS "../shared/seeds"

/* Read the seed whose name starts with prefix; NULL when absent. */
static char *read_seed(const char *prefix, size_t *len)
{
	DIR *d = opendir(SEEDS);
	struct dirent *e;
	char path[512];
	char *buf = NULL;
	FILE *f = NULL;
	long n;

	if (!d)
		return NULL;
	path[0] = '\0';
	while ((e = readdir(d)))
		if (!strncmp(e->d_name, prefix, strlen(prefix)))
			snprintf(path, sizeof path, "%s/%s", SEEDS, e->d_name);
	closedir(d);
	if (!path[0] || !(f = fopen(path, "rb")))
		return NULL;
	if (fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) || !(buf = malloc((size_t)n + 1)))
		goto done;
	*len = fread(buf, 1, (size_t)n, f);
	buf[*len] = '\0';
done:
	fclose(f);
	return buf;
}

/* The removed lines of each seed, as "index:reason" (0-based), and every
 * other line kept. 001 loses its caption with a trailing "sda" credit. */
void test_clean__seeds(void)
{
	static const struct {
		const char *prefix, *removed;
	} seeds[] = {
		{ "000_", "13:comment 14:comment 15:comment" },
		{ "001_", "2:caption" },
		{ "002_",
		  "2:caption 4:credit 6:byline 7:byline 25:promo 26:promo "
		  "28:promo 30:promo 32:promo 56:caption 58:credit "
		  "60:caption 74:caption" },
		{ "003_", "" },
		{ "004_", "0:section 6:timestamp 8:image 18:see-also" },
	};
	DIR *d = opendir(SEEDS);

	if (!d)
		return; /* the seeds are not part of the repository */
	closedir(d);
	for (size_t i = 0; i < sizeof seeds / sizeof seeds[0]; i++) {
		size_t len = 0, n = 0;
		char *text = read_seed(seeds[i].prefix, &len), got[256];
		vl_clean_result r;
		if (!text)
			continue;
		got[0] = '\0';
		CHECK_INT(vl__clean(&r, text, len, NULL), 0);
		for (size_t j = 0; j < r.n_lines; j++)
			if (r.lines[j].reason)
				n += (size_t)snprintf(got + n, sizeof got - n,
						      "%s%zu:%s", n ? " " : "",
						      j, r.lines[j].reason);
		vl__clean_result_free(&r);
		free(text);
		CHECK_STR(got, seeds[i].removed);
	}
}
