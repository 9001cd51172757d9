/*
 * lexicon.c — the word lists and cue phrases of the boilerplate stage,
 * French first, then English. Everything is written in the matching form
 * of the text stage (lower case, no accents, apostrophes and hyphenated
 * clitics as their own tokens: "l' espace", "abonnez -vous"), so a rule
 * compares token norms with these strings directly.
 *
 * The lists describe kinds of boilerplate (what a photo credit, a share
 * bar or a comment-section invitation is made of), not the lines of any
 * particular site: site-specific repeats are learned per source by the
 * repetition rule instead.
 *
 * Word classes are looked up through a small open-addressing index built
 * once (pthread_once) from the lists below; it lives in static storage,
 * so building it cannot fail.
 */
#include "clean/lexicon.h"

#include <pthread.h>
#include <string.h>
#include <xxhash.h>

/* ------------------------------------------------------------ words */

/* One class, its words separated by single spaces. */
typedef struct lx_list {
	uint32_t cls;
	const char *words;
} lx_list;

static const lx_list lists[] = {
	/* Wire services and photo agencies as they sign credits. */
	{ VL_LX_AGENCY,
	  "afp ap reuters sda ats keystone keystone-sda keystone-ats getty "
	  "epa epa-efe dpa ansa efe belga maxppp abaca sipa shutterstock bbc "
	  "anp apa kyodo xinhua tass ria novosti upi pap ctk anadolu sputnik "
	  "imago alamy istock hemis leemage gamma rapho magnum polaris zuma "
	  "nurphoto sopa dukas ddp laif lapresse afpi pa-images dr" },
	/* Words that may sit beside an agency in a credit. */
	{ VL_LX_AGENCY_PART,
	  "images image press presse photo photos photographie archives "
	  "archive "
	  "pool handout via media medias agency agence france-presse france "
	  "associated picture pictures alliance news wire collection commons "
	  "wikimedia unsplash flickr credit credits c source sources "
	  "illustration infographie afp-photo" },
	/* A share bar: lines made only of these and the glue below. */
	{ VL_LX_SHARE,
	  "partager partagez partage share facebook twitter linkedin whatsapp "
	  "messenger telegram e-mail email mail courriel copier copiez copy "
	  "imprimer print envoyer envoyez send favoris agrandir reduire tweet "
	  "tweeter tweetez pinterest reddit bluesky mastodon flipboard sms "
	  "bookmark enregistrer sauvegarder" },
	{ VL_LX_SHARE_FILL,
	  "le la les l' sur par on via aux au a to by cet cette ce this "
	  "article texte lien link page the en un une with vos votre your amis "
	  "ami friends x et ou or and de du des ajouter add" },
	/* Section names of French-language and English news sites. */
	{ VL_LX_SECTION,
	  "international internationale monde france europe politique economie "
	  "societe sport sports culture suisse sante sciences science planete "
	  "environnement climat tech high-tech technologie technologies "
	  "numerique opinions opinion idees debats regions region afrique "
	  "moyen-orient proche-orient amerique ameriques asie ukraine faits "
	  "divers education justice medias entreprises finance bourse "
	  "immobilier emploi people loisirs voyage voyages auto automobile "
	  "football rugby tennis cyclisme cinema musique livres series "
	  "television meteo decryptage analyse enquete entretien interview "
	  "reportage portrait tribune chronique editorial edito billet "
	  "actualite actualites actu infos info live direct video videos "
	  "podcast podcasts diaporama local locale national nationale vaud "
	  "geneve valais fribourg neuchatel jura berne zurich tessin belgique "
	  "quebec insolite mode gastronomie une world politics business news "
	  "uk us health technology africa asia americas middle east latin "
	  "america lifestyle arts environment climate" },
	{ VL_LX_SECTION_FILL, "a la l' le les et de du des en & the and" },
	/* Months, days, time units and relative days. */
	{ VL_LX_DATE,
	  "janvier fevrier mars avril mai juin juillet aout septembre octobre "
	  "novembre decembre janv fevr avr juil sept oct nov dec january "
	  "february march april may june july august september october "
	  "november december jan feb mar apr jun jul aug sep lundi mardi "
	  "mercredi jeudi vendredi samedi dimanche monday tuesday wednesday "
	  "thursday friday saturday sunday aujourd'hui hier today yesterday "
	  "heure heures h min mn minute minutes seconde secondes hour hours "
	  "jour jours day days ago gmt utc cet cest hec am pm edt bst pst "
	  "midi minuit" },
	/* Everything else a publication-timestamp line may hold. */
	{ VL_LX_DATE_FILL,
	  "le la l' a at on the de du en et and of il y publie publiee "
	  "publies modifie modifiee mis mise jour actualise actualisee maj "
	  "updated update published posted derniere last first cree creee "
	  "date dated depuis since" },
	/* Messaging apps and social networks that sites promote. */
	{ VL_LX_APP,
	  "whatsapp telegram instagram tiktok youtube snapchat facebook "
	  "twitter linkedin bluesky threads messenger google" },
	/* What a promotion block advertises. */
	{ VL_LX_PROMO_NOUN,
	  "promotion promo encart publicite pub annonce advertisement advert "
	  "newsletter newsletters chaine application appli app alertes alerte "
	  "notifications podcast podcasts abonnement offre lettre" },
	/* Imperative calls to action (and the first-person "je m'abonne"). */
	{ VL_LX_CTA,
	  "abonnez abonne abonner inscrivez inscris inscrire suivez rejoignez "
	  "rejoins rejoindre telechargez telecharger cliquez decouvrez recevez "
	  "activez installez subscribe follow join download click sign" },
	{ VL_LX_COOKIE,
	  "cookie cookies traceurs traceur consentement consent rgpd gdpr" },
	{ VL_LX_COOKIE_ACT,
	  "accepter acceptez accepte accept accepting utilisons utilise "
	  "utilisent utiliser use uses using navigation naviguer parametrer "
	  "parametres parametrage gerer preferences refuser refusez "
	  "poursuivant "
	  "continuant settings manage privacy confidentialite" },
	/* The site speaking to its reader. */
	{ VL_LX_READER,
	  "nous vous notre nos votre vos mes mon ma we you our your site "
	  "website" },
	/* Words of comment-section invitations and rules (weak cues). */
	{ VL_LX_COMMENT,
	  "commentaire commentaires commenter comment comments reagissez "
	  "reagir "
	  "reactions reaction charte moderation moderes moderee moderateur "
	  "moderateurs debat contributions contribution pseudo avis communaute "
	  "community propos courtois injurieux haineux insultants regles "
	  "conversation discussion guidelines" },
	/* Nouns a caption starts with ... */
	{ VL_LX_VISUAL,
	  "carte cartes photo photos photographie image images capture "
	  "illustration graphique infographie cliche dessin video map picture "
	  "photograph chart graphic footage" },
	/* ... followed by a participle: "Carte montrant", "Photo prise". */
	{ VL_LX_PARTICIPLE,
	  "montrant montre representant prise prises pris publiee diffusee "
	  "diffuse fournie fourni transmise transmis datee illustrant extraite "
	  "tiree issue realisee captee obtenue postee partagee showing shows "
	  "taken released provided shared posted obtained depicting" },
	/* Particles inside personal names. */
	{ VL_LX_PARTICLE,
	  "de du des van von der den le la da di del della bin ben al el d' "
	  "jr jr. sr sr. st" },
	{ VL_LX_SKIP, "ignorer passer sauter skip" },
	{ VL_LX_END, "fin end" },
};

/* ---------------------------------------------------------- phrases */

const char *const vl__lx_see_also[] = { "a voir aussi",
					"a voir egalement",
					"voir aussi",
					"voir egalement",
					"a lire aussi",
					"a lire egalement",
					"lire aussi",
					"lire egalement",
					"a lire",
					"a relire",
					"relire",
					"a decouvrir aussi",
					"a ecouter aussi",
					"a regarder aussi",
					"a ecouter",
					"a regarder",
					"sur le meme sujet",
					"sur le meme theme",
					"dans la meme rubrique",
					"pour aller plus loin",
					"la redaction vous conseille",
					"nos articles sur",
					"lire la suite",
					"lire notre dossier",
					"lire le dossier",
					"notre dossier",
					"consultez les articles de la rubrique",
					"consultez notre dossier",
					"en savoir plus",
					"les plus lus",
					"les articles les plus lus",
					"read more",
					"read also",
					"also read",
					"see also",
					"related",
					"related articles",
					"related stories",
					"related content",
					"more on this story",
					"you may also like",
					"recommended",
					"most read",
					NULL };

/* First words of a timestamp line; the rest must be date vocabulary. */
const char *const vl__lx_timestamp[] = { "publie",
					 "publiee",
					 "mis a jour",
					 "mise a jour",
					 "derniere mise a jour",
					 "modifie",
					 "modifiee",
					 "actualise",
					 "actualisee",
					 "maj",
					 "date du",
					 "cree le",
					 "updated",
					 "published",
					 "posted",
					 "last updated",
					 "first published",
					 NULL };

const char *const vl__lx_credit[] = { "credit photo",
				      "credits photo",
				      "credit photos",
				      "credits photos",
				      "credit photographique",
				      "credit image",
				      "credit :",
				      "credit ,",
				      "credits :",
				      "credits ,",
				      "photo credit",
				      "photo credits",
				      "photo :",
				      "photo ,",
				      "photos :",
				      "photo /",
				      "photographie :",
				      "image :",
				      "image source",
				      "source image",
				      "source de l' image",
				      "source photo",
				      "illustration :",
				      "infographie :",
				      "dessin :",
				      "copyright",
				      "©",
				      "( c )",
				      "picture :",
				      "pictures :",
				      "photograph :",
				      NULL };

const char *const vl__lx_caption[] = { "legende",
				       "caption",
				       "image caption",
				       "photo caption",
				       "sur cette photo",
				       "sur cette image",
				       "sur cette photographie",
				       "sur cette capture",
				       "sur cette video",
				       "sur cette carte",
				       "sur ce cliche",
				       "sur ce document",
				       "sur cette illustration",
				       "photo d' illustration",
				       "in this photo",
				       "in this image",
				       "in this picture",
				       "on this photo",
				       "ci-dessus",
				       "ci-contre",
				       NULL };

/* Labels of BBC-style author blocks ("• Author, Jane Doe"). */
const char *const vl__lx_byline_label[] = { "author",
					    "authors",
					    "auteur",
					    "auteure",
					    "autrice",
					    "auteurs",
					    "role",
					    "fonction",
					    "title",
					    "reporting from",
					    "reporter",
					    "journaliste",
					    "redacteur",
					    "redactrice",
					    "envoye special",
					    "envoyee speciale",
					    "correspondant",
					    "correspondante",
					    NULL };

const char *const vl__lx_byline[] = { "propos recueillis par",
				      "par la redaction",
				      "la redaction",
				      "avec la redaction",
				      "de notre correspondant",
				      "de notre correspondante",
				      "de notre envoye special",
				      "de notre envoyee speciale",
				      "de nos envoyes speciaux",
				      "texte et photos :",
				      "texte :",
				      "reporting by",
				      "editing by",
				      "writing by",
				      "additional reporting by",
				      "from our correspondent",
				      NULL };

/* Strong comment-section cues; each holds a VL_LX_COMMENT word so the
 * search only runs on lines that have one. */
const char *const vl__lx_comment[] = { "espace commentaire",
				       "espace commentaires",
				       "espace de debat",
				       "espace de discussion",
				       "espace des commentaires",
				       "reagissez",
				       "reagir a cet article",
				       "vos reactions",
				       "vos commentaires",
				       "votre commentaire",
				       "charte de moderation",
				       "regles de moderation",
				       "lire notre charte",
				       "lire la charte",
				       "consulter la charte",
				       "consultez la charte",
				       "voir la charte",
				       "notre charte",
				       "regles d' utilisation",
				       "regles de la communaute",
				       "regles de notre communaute",
				       "donnez votre avis",
				       "laisser un commentaire",
				       "laissez un commentaire",
				       "ajouter un commentaire",
				       "ecrire un commentaire",
				       "publier un commentaire",
				       "poster un commentaire",
				       "deposer un commentaire",
				       "reaction a ce commentaire",
				       "repondre a ce commentaire",
				       "signaler ce commentaire",
				       "les commentaires sont",
				       "participez au debat",
				       "participer au debat",
				       "pour commenter",
				       "pouvoir commenter",
				       "du commentaire est",
				       "soumettre votre commentaire",
				       "leave a comment",
				       "add a comment",
				       "join the conversation",
				       "community guidelines",
				       "show comments",
				       "view comments",
				       "read comments",
				       NULL };

/* Whole lines that are comment-section headings. */
const char *const vl__lx_comment_line[] = { "commentaires",
					    "commentaire",
					    "commenter",
					    "comments",
					    "reagir",
					    "voir les commentaires",
					    "afficher les commentaires",
					    "lire les commentaires",
					    "tous les commentaires",
					    NULL };

/* Whole lines that are advertising or subscription labels. */
const char *const vl__lx_promo_line[] = { "publicite",
					  "advertisement",
					  "advertising",
					  "sponsorise",
					  "contenu sponsorise",
					  "contenu partenaire",
					  "sponsored",
					  "sponsored content",
					  "la suite apres cette publicite",
					  "la suite apres la publicite",
					  "suite apres la publicite",
					  "article reserve aux abonnes",
					  "reserve aux abonnes",
					  "abonnes",
					  "abonnez -vous",
					  "s' abonner",
					  "je m' abonne",
					  "newsletter",
					  "newsletters",
					  "offre limitee",
					  "subscribe",
					  "subscribers only",
					  NULL };

const char *const vl__lx_image_ext[] = { ".jpg",  ".jpeg", ".png",  ".webp",
					 ".gif",  ".avif", ".heic", ".tif",
					 ".tiff", ".bmp",  NULL };

/* ------------------------------------------------------------ index */

#define LX_SLOTS 4096 /* power of two, well above the word count */

typedef struct lx_slot {
	const char *w; /* into a list's string; NULL: empty slot */
	uint32_t len;
	uint32_t cls;
} lx_slot;

static lx_slot slots[LX_SLOTS];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static size_t slot_of(const char *w, size_t len)
{
	size_t i = (size_t)XXH3_64bits(w, len) & (LX_SLOTS - 1);

	while (slots[i].w &&
	       (slots[i].len != len || memcmp(slots[i].w, w, len) != 0))
		i = (i + 1) & (LX_SLOTS - 1);
	return i;
}

static void build(void)
{
	for (size_t k = 0; k < sizeof lists / sizeof lists[0]; k++) {
		const char *p = lists[k].words;
		while (*p) {
			const char *sp = strchr(p, ' ');
			size_t len = sp ? (size_t)(sp - p) : strlen(p);
			size_t i = slot_of(p, len);
			slots[i].w = p;
			slots[i].len = (uint32_t)len;
			slots[i].cls |= lists[k].cls;
			p += len + (sp ? 1 : 0);
		}
	}
}

uint32_t vl__lx_word(const char *w, size_t len)
{
	pthread_once(&once, build);
	return slots[slot_of(w, len)].cls;
}
