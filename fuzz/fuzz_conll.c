/*
 * fuzz_conll.c — libFuzzer target for the annotated NER file readers
 * (src/entities/conll.c: WikiNEuRal, HIPE-2022 TSV, "token tag"), then
 * the tagger and conlleval's counting on what was read.
 *
 * The first byte picks the format (0-3: detected, WikiNEuRal, HIPE,
 * BIO); the rest is the file. Invariants (abort() when broken):
 *   - a refusal carries a known code, a line number within the input's
 *     lines and a message; a NUL byte or invalid UTF-8 is always refused;
 *   - on success, sentences cover the tokens in order, each non-empty and
 *     at most VL_CONLL_MAX_TOKEN bytes, every tag is a valid code;
 *   - the words (tokens, with words cut by "¬" joined) cover each
 *     sentence's tokens in order, each word non-empty;
 *   - the tagger, through vl__conll_tag (words, gazetteer flags,
 *     projection onto the tokens), writes valid BIO (an I- tag only
 *     after a tag of its type); conlleval's counts never have more
 *     correct entities than gold or found ones.
 */
#include "common.h"
#include "entities/conll.h"
#include "entities/gazetteer.h"
#include "entities/tagger.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data + 1;
	vl_conll *c = NULL;
	vl_conll_error e;
	vl_ner_counts cnt;
	size_t s, lines = 1, i;
	int fmt, rc;
	uint8_t *tags;

	if (size == 0)
		return 0;
	fmt = data[0] % 4;
	data++;
	size--;
	for (i = 0; i < size; i++)
		lines += data[i] == '\n';
	rc = vl__conll_read(&c, in, size, fmt, &e);
	if (rc) {
		CHECK(c == NULL);
		CHECK(rc == VL_EFORMAT || rc == VL_EUTF8 || rc == VL_EBINARY ||
		      rc == VL_ETOOBIG || rc == VL_ENOMEM);
		CHECK(e.code == rc && e.msg[0] != '\0');
		CHECK(e.line >= 1 && e.line <= lines);
		return 0;
	}
	CHECK(!memchr(in, '\0', size));
	CHECK(fz_utf8_bad(data, size) == SIZE_MAX);
	CHECK(c->n_sents == 0 || c->sent[0] == 0);
	CHECK(c->sent[c->n_sents] == c->n_tokens);
	for (s = 0; s < c->n_sents; s++)
		CHECK(c->sent[s] < c->sent[s + 1]);
	for (i = 0; i < c->n_tokens; i++) {
		CHECK(c->toks[i].len > 0 &&
		      c->toks[i].len <= 2 * VL_CONLL_MAX_TOKEN + 3);
		CHECK(c->tags[i] < VL_NTAGS);
	}
	CHECK(c->wsent[0] == 0 && c->wsent[c->n_sents] == c->n_words);
	for (s = 0; s < c->n_sents; s++) {
		size_t a = c->sent[s], b = c->sent[s + 1];
		CHECK(c->wsent[s] < c->wsent[s + 1]);
		CHECK(c->word_of[a] == c->wsent[s]);
		CHECK(c->word_of[b - 1] == c->wsent[s + 1] - 1);
		for (i = a + 1; i < b; i++)
			CHECK(c->word_of[i] == c->word_of[i - 1] ||
			      c->word_of[i] == c->word_of[i - 1] + 1);
	}
	for (i = 0; i < c->n_words; i++)
		CHECK(c->words[i].len > 0);
	tags = malloc(c->n_tokens + 1);
	CHECK(tags != NULL);
	memset(&cnt, 0, sizeof cnt);
	for (s = 0; s < c->n_sents; s++) {
		size_t a = c->sent[s], n = c->sent[s + 1] - a;
		CHECK(vl__conll_tag(c, s, vl__tagger_default(),
				    vl__gaz_default(), tags + a) == 0);
		for (i = a; i < a + n; i++) {
			CHECK(tags[i] < VL_NTAGS);
			if (tags[i] != VL_TAG_O && !VL_TAG_IS_B(tags[i]))
				CHECK(i > a && tags[i - 1] != VL_TAG_O &&
				      VL_TAG_TYPE(tags[i - 1]) ==
					      VL_TAG_TYPE(tags[i]));
		}
		vl__ner_count(&cnt, c->tags + a, tags + a, n);
		(void)vl__conll_held_back(c, s);
	}
	for (i = 0; i < VL_ENT_NTYPES; i++)
		CHECK(cnt.correct[i] <= cnt.gold[i] &&
		      cnt.correct[i] <= cnt.found[i]);
	CHECK(cnt.tokens == c->n_tokens);
	free(tags);
	vl__conll_free(c);
	return 0;
}
