/*
 * test_tagger.c — the entity tagger (src/entities/tagger.c), its type
 * names (span.c), the annotated-file readers and conlleval's counting
 * (conll.c). Sentences are our own.
 */
#include <stdlib.h>
#include <string.h>

#include "entities/conll.h"
#include "entities/gazetteer.h"
#include "entities/tagger.h"
#include "entities/tagger_int.h"
#include "test.h"
#include "veille.h"

#define B(t) VL_TAG_B(VL_ENT_##t)
#define I(t) VL_TAG_I(VL_ENT_##t)
#define O VL_TAG_O

void test_tagger__type_names(void)
{
	CHECK_STR(vl__ent_type_name(VL_ENT_PER), "PER");
	CHECK_STR(vl__ent_type_name(VL_ENT_MISC), "MISC");
	CHECK_STR(vl__ent_type_name(VL_ENT_NONE), "");
	CHECK_STR(vl__ent_type_name(99), "");
	CHECK_INT(vl__ent_type_parse("loc", 3), VL_ENT_LOC);
	CHECK_INT(vl__ent_type_parse("PERS", 4), VL_ENT_PER);
	CHECK_INT(vl__ent_type_parse("Org", 3), VL_ENT_ORG);
	CHECK_INT(vl__ent_type_parse("HumanProd", 9), VL_ENT_MISC);
	CHECK_INT(vl__ent_type_parse("time", 4), VL_ENT_MISC);
	CHECK_INT(vl__ent_type_parse("pe", 2), VL_ENT_NONE);
	CHECK_INT(vl__ent_type_parse("perx", 4), VL_ENT_NONE);
	CHECK_INT(vl__ent_type_parse(NULL, 0), VL_ENT_NONE);
}

static int tok_is(const vl_conll *c, size_t i, const char *s)
{
	return i < c->n_tokens && c->toks[i].len == strlen(s) &&
	       !memcmp(c->toks[i].p, s, c->toks[i].len);
}

void test_tagger__read_wikineural(void)
{
	static const char in[] = "0\tLa\tO\n1\tCroix-Rouge\tB-ORG\n2\taide\tO\n"
				 "\n\n0\tLyon\tB-LOC\r\n1\tgagne\tO\n";
	vl_conll *c = NULL;
	vl_conll_error e;

	CHECK_INT(vl__conll_detect(in, sizeof in - 1, NULL),
		  VL_CONLL_WIKINEURAL);
	CHECK_INT(vl__conll_read(&c, in, sizeof in - 1, VL_CONLL_AUTO, &e), 0);
	CHECK_INT(c->n_sents, 2);
	CHECK_INT(c->n_tokens, 5);
	CHECK(tok_is(c, 1, "Croix-Rouge"));
	CHECK(tok_is(c, 3, "Lyon"));
	CHECK_INT(c->tags[1], B(ORG));
	CHECK_INT(c->sent[1], 3);
	CHECK(!vl__conll_held_back(c, 0));
	vl__conll_free(c);
}

void test_tagger__read_hipe(void)
{
	static const char in[] =
		"TOKEN\tNE-COARSE-LIT\tNE-COARSE-METO\tMISC\n"
		"# hipe2022:document_id = a\n"
		"M\tB-pers\t_\tNoSpaceAfter\n"
		".\tI-pers\t_\t_\n"
		"Dupont\tI-pers\t_\t_\n"
		"vient\tO\t_\t_\n"
		"d\tO\t_\tNoSpaceAfter\n"
		"\xE2\x80\x99\tO\t_\t_\n"
		"Arles\tB-loc\t_\tEndOfSentence\n"
		"Fin\tO\t_\t_\n"
		"\n"
		"# hipe2022:document_id = b\n"
		"Le\tO\t_\t_\n"
		"Temps\tB-prod\t_\tEndOfSentence|NoSpaceAfter\n";
	vl_conll *c = NULL;

	CHECK_INT(vl__conll_detect(in, sizeof in - 1, NULL), VL_CONLL_HIPE);
	CHECK_INT(vl__conll_read(&c, in, sizeof in - 1, VL_CONLL_HIPE, NULL),
		  0);
	/* "M" "." joined, "d" "’" joined */
	CHECK_INT(c->n_tokens, 8);
	CHECK(tok_is(c, 0, "M."));
	CHECK(tok_is(c, 3, "d\xE2\x80\x99"));
	CHECK_INT(c->tags[0], B(PER));
	CHECK_INT(c->tags[4], B(LOC));
	CHECK_INT(c->tags[7], B(MISC));
	CHECK_INT(c->n_sents, 3);
	CHECK_INT(c->n_docs, 2);
	CHECK_INT(c->doc[1], 0);
	CHECK_INT(c->doc[2], 1);
	CHECK(!vl__conll_held_back(c, 1));
	CHECK(vl__conll_held_back(c, 2));
	vl__conll_free(c);
}

/* Words cut at a line end ("Lau¬" "rent") are joined for tagging, and
 * tags projected back onto the file's own tokens. */
void test_tagger__dehyphenate(void)
{
	static const char in[] = "TOKEN\tNE-COARSE-LIT\tMISC\n"
				 "# hipe2022:document_id = a\n"
				 "Emile\tB-pers\t_\n"
				 "Lau\xC2\xAC\tI-pers\tEndOfLine\n"
				 "rent\tB-pers\t_\n"
				 "est\tO\t_\n"
				 "con\xC2\xAC\tO\t_\n"
				 "\xC2\xAB\tO\t_\n"
				 "ve\xC2\xAC\tO\t_\n"
				 "nu\xC2\xAC\tO\t_\n"
				 "e\tO\t_\n"
				 "\xC2\xAC\tO\tEndOfSentence\n"
				 "ici\xC2\xAC\tO\tEndOfSentence\n"
				 "bas\tO\t_\n";
	vl_conll *c = NULL;
	uint8_t wt[16], tags[16];

	CHECK_INT(vl__conll_read(&c, in, sizeof in - 1, VL_CONLL_HIPE, NULL),
		  0);
	CHECK_INT(c->n_tokens, 12);
	CHECK_INT(c->n_sents, 3);
	/* Emile Laurent est con¬ « venue ¬ | ici¬ | bas: a cut before a
	 * quote, a lone "¬" and a cut at a sentence's end stay */
	CHECK_INT(c->n_words, 9);
	CHECK_INT(c->wsent[1], 7);
	CHECK_INT(c->words[1].len, 7);
	CHECK(!memcmp(c->words[1].p, "Laurent", 7));
	CHECK_INT(c->words[3].len, 5);
	CHECK(!memcmp(c->words[5].p, "venue", 5));
	CHECK_INT(c->word_of[2], 1);
	CHECK_INT(c->word_of[8], 5);
	CHECK_INT(c->word_of[9], 6);
	CHECK_INT(c->words[7].len, 5);
	vl__conll_word_tags(c, 0, wt);
	CHECK_INT(wt[0], B(PER));
	CHECK_INT(wt[1], I(PER));
	CHECK_INT(wt[2], O);
	wt[0] = B(LOC);
	wt[1] = B(PER);
	vl__conll_project(c, 0, wt, tags);
	CHECK_INT(tags[0], B(LOC));
	CHECK_INT(tags[1], B(PER));
	CHECK_INT(tags[2], I(PER));
	CHECK_INT(tags[3], O);
	CHECK_INT(tags[7], O);
	CHECK_INT(vl__conll_tag(c, 0, vl__tagger_default(), vl__gaz_default(),
				tags),
		  0);
	for (size_t i = 0; i < 6; i++)
		CHECK(tags[i] < VL_NTAGS);
	CHECK_INT(vl__conll_tag(c, 3, vl__tagger_default(), NULL, tags),
		  VL_EINVAL);
	vl__conll_free(c);
}

void test_tagger__read_bio(void)
{
	static const char in[] = "Le O\nmaire O\nde O\nTulle I-LOC\nparle O\n"
				 ". O\nJean I-PER\nMoulin I-PER\n";
	vl_conll *c = NULL;

	CHECK_INT(vl__conll_detect(in, sizeof in - 1, "x.bio"), VL_CONLL_BIO);
	CHECK_INT(vl__conll_read(&c, in, sizeof in - 1, VL_CONLL_BIO, NULL), 0);
	CHECK_INT(c->n_sents, 2); /* cut after the full stop */
	CHECK_INT(c->tags[3], I(LOC));
	vl__bio_repair(c->tags, c->n_tokens);
	CHECK_INT(c->tags[3], B(LOC));
	CHECK_INT(c->tags[6], B(PER));
	CHECK_INT(c->tags[7], I(PER));
	vl__conll_free(c);
}

static void check_bad(int fmt, const char *in, size_t len, int code,
		      size_t line)
{
	vl_conll *c = (vl_conll *)1;
	vl_conll_error e;
	int rc = vl__conll_read(&c, in, len, fmt, &e);

	CHECK_INT(rc, code);
	CHECK(c == NULL);
	CHECK_INT(e.line, line);
	CHECK(e.msg[0] != '\0');
}

#define BAD(fmt, in, code, line) check_bad(fmt, in, sizeof in - 1, code, line)

void test_tagger__read_malformed(void)
{
	BAD(VL_CONLL_WIKINEURAL, "0\ta\tO\n1\tb\n", VL_EFORMAT, 2);
	BAD(VL_CONLL_WIKINEURAL, "0\ta\tB-XYZ\n", VL_EFORMAT, 1);
	BAD(VL_CONLL_WIKINEURAL, "0\ta\tO\n\n1\t\tO\n", VL_EFORMAT, 3);
	BAD(VL_CONLL_WIKINEURAL, "0\ta\tO\n0\tb\0\tO\n", VL_EBINARY, 2);
	BAD(VL_CONLL_BIO, "a O\n\xC3\x28 O\n", VL_EUTF8, 2);
	BAD(VL_CONLL_BIO, "a O\nnotag\n", VL_EFORMAT, 2);
	BAD(VL_CONLL_HIPE, "WORD\tTAG\nx\tO\n", VL_EFORMAT, 1);
	BAD(VL_CONLL_HIPE, "TOKEN\tNE-COARSE-LIT\nx\n", VL_EFORMAT, 2);
	{
		char *big = malloc(VL_CONLL_MAX_TOKEN + 16);
		CHECK(big != NULL);
		memset(big, 'a', VL_CONLL_MAX_TOKEN + 1);
		memcpy(big + VL_CONLL_MAX_TOKEN + 1, " O\n", 3);
		check_bad(VL_CONLL_BIO, big, VL_CONLL_MAX_TOKEN + 4, VL_ETOOBIG,
			  1);
		free(big);
	}
}

static void count(vl_ner_counts *c, const uint8_t *g, const uint8_t *p,
		  size_t n)
{
	memset(c, 0, sizeof *c);
	vl__ner_count(c, g, p, n);
}

void test_tagger__conlleval_counts(void)
{
	vl_ner_counts c;
	/* right, wrong type, right, missed */
	static const uint8_t g1[] = { B(PER), I(PER), O,      B(LOC),
				      O,      B(ORG), B(ORG), I(ORG) };
	static const uint8_t p1[] = {
		B(PER), I(PER), O, B(ORG), O, B(ORG), O, O
	};
	/* an I- after O begins an entity, in gold and guess alike */
	static const uint8_t g2[] = { O, I(LOC), I(LOC), O };
	static const uint8_t p2[] = { O, B(LOC), I(LOC), O };
	/* boundaries: the guess runs on one token too far */
	static const uint8_t g3[] = { B(PER), O, O };
	static const uint8_t p3[] = { B(PER), I(PER), O };
	/* a type change inside a run of I- tags splits it */
	static const uint8_t g4[] = { I(PER), I(LOC) };
	static const uint8_t p4[] = { B(PER), B(LOC) };
	/* an entity running to the end of the sentence */
	static const uint8_t g5[] = { O, B(MISC), I(MISC) };
	static const uint8_t p5[] = { O, I(MISC), I(MISC) };

	count(&c, g1, p1, sizeof g1);
	CHECK_INT(c.gold[0], 4);
	CHECK_INT(c.found[0], 3);
	CHECK_INT(c.correct[0], 2);
	CHECK_INT(c.correct[VL_ENT_ORG], 1);
	CHECK_INT(c.found[VL_ENT_ORG], 2);
	CHECK_INT(c.gold[VL_ENT_LOC], 1);
	CHECK_INT(c.tokens, 8);
	CHECK_INT(c.tokens_right, 5);
	count(&c, g2, p2, sizeof g2);
	CHECK_INT(c.gold[0], 1);
	CHECK_INT(c.correct[0], 1);
	count(&c, g3, p3, sizeof g3);
	CHECK_INT(c.correct[0], 0);
	CHECK_INT(c.found[0], 1);
	count(&c, g4, p4, sizeof g4);
	CHECK_INT(c.gold[0], 2);
	CHECK_INT(c.correct[0], 2);
	count(&c, g5, p5, sizeof g5);
	CHECK_INT(c.correct[VL_ENT_MISC], 1);
}

/* Split s at spaces into toks (at most cap). */
static size_t split(const char *s, vl_span *toks, size_t cap)
{
	size_t n = 0;

	while (*s && n < cap) {
		const char *e = strchr(s, ' ');
		size_t len = e ? (size_t)(e - s) : strlen(s);
		toks[n].p = s;
		toks[n++].len = len;
		s += len;
		while (*s == ' ')
			s++;
	}
	return n;
}

/* The type tagged on the entity beginning at the token spelt w. */
static int type_at(const char *sent, const char *w)
{
	vl_span toks[64];
	uint8_t tags[64], gaz[64] = { 0 };
	size_t n = split(sent, toks, 64), i;

	/* as the entity stage calls it: with the gazetteer's flags */
	vl__gaz_mark(vl__gaz_default(), toks, n, gaz);
	if (vl__tagger_tag(vl__tagger_default(), toks, gaz, n, tags))
		return -1;
	for (i = 0; i < n; i++)
		if (toks[i].len == strlen(w) &&
		    !memcmp(toks[i].p, w, toks[i].len))
			return tags[i] != O ? VL_TAG_TYPE(tags[i])
					    : VL_ENT_NONE;
	return -1;
}

void test_tagger__model_finds_entities(void)
{
	static const char s1[] =
		"Le président Emmanuel Macron s\xE2\x80\x99 est "
		"rendu à Marseille avec la SNCF .";
	static const char s2[] = "La mairie de Besançon a signé un accord avec "
				 "la SNCF et la Banque de France .";
	static const char s3[] = "Selon Mme Sophie Verdier , la crue de la "
				 "Garonne a touché Toulouse jeudi .";

	CHECK(vl__tagger_default() != NULL);
	CHECK_INT(type_at(s1, "Emmanuel"), VL_ENT_PER);
	CHECK_INT(type_at(s1, "Marseille"), VL_ENT_LOC);
	CHECK_INT(type_at(s1, "SNCF"), VL_ENT_ORG);
	CHECK_INT(type_at(s1, "président"), VL_ENT_NONE);
	CHECK_INT(type_at(s2, "Besançon"), VL_ENT_LOC);
	CHECK_INT(type_at(s2, "SNCF"), VL_ENT_ORG);
	CHECK_INT(type_at(s2, "Banque"), VL_ENT_ORG);
	CHECK_INT(type_at(s3, "Sophie"), VL_ENT_PER);
	CHECK_INT(type_at(s3, "Toulouse"), VL_ENT_LOC);
	CHECK_INT(type_at(s3, "jeudi"), VL_ENT_NONE);
}

/* Sentences longer than a chunk, empty ones, and odd bytes. */
void test_tagger__long_and_odd_input(void)
{
	enum { N = 3 * VL_TAGGER_CHUNK + 7 };
	static vl_span toks[N];
	static uint8_t tags[N];
	static const char odd[] = "\xFF\xC3";
	size_t i;

	for (i = 0; i < N; i++) {
		toks[i].p = i % 7 == 3 ? "Lille" : i % 11 == 0 ? odd : "et";
		toks[i].len = strlen(toks[i].p);
	}
	CHECK_INT(vl__tagger_tag(vl__tagger_default(), toks, NULL, N, tags), 0);
	for (i = 0; i < N; i++)
		CHECK(tags[i] < VL_NTAGS);
	for (i = 1; i < N; i++)
		if (tags[i] != O && !VL_TAG_IS_B(tags[i]))
			CHECK(tags[i - 1] != O);
	CHECK_INT(vl__tagger_tag(vl__tagger_default(), NULL, NULL, 0, NULL), 0);
}

void test_tagger__load_rejects_bad_blobs(void)
{
	vl_tagger *t = NULL;
	unsigned char blob[400];

	memset(blob, 0, sizeof blob);
	CHECK_INT(vl__tagger_load(&t, blob, sizeof blob), VL_EINVAL);
	memcpy(blob, VL_TAGGER_MAGIC, 8);
	blob[8] = VL_TAGGER_NFEATS;
	blob[12] = VL_TAGGER_FEAT_VERSION;
	/* 0 rows, exact length: a valid empty model */
	CHECK_INT(vl__tagger_load(&t, blob, 8 + 8 + 360 + 4), 0);
	vl__tagger_free(t);
	/* a row count the bytes cannot hold */
	blob[8 + 8 + 360] = 200;
	CHECK_INT(vl__tagger_load(&t, blob, 8 + 8 + 360 + 4 + 3), VL_EINVAL);
	/* trailing bytes */
	blob[8 + 8 + 360] = 0;
	CHECK_INT(vl__tagger_load(&t, blob, 8 + 8 + 360 + 5), VL_EINVAL);
	CHECK(t == NULL);
	vl__tagger_free(NULL);
}
