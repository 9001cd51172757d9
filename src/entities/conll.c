/*
 * conll.c — readers of the annotated NER data sets (WikiNEuRal CoNLL-U
 * style, HIPE-2022 TSV, "token tag" BIO files) and conlleval's entity
 * counting. Used by the tagger's trainer and by `veille eval ner`; the
 * formats and the held-back carving are described in conll.h.
 */
#include <stdio.h>
#include <string.h>

#include "entities/conll.h"
#include "text/utf8.h"
#include "util/alloc.h"
#include "veille.h"

/* A sentence of a "token tag" file with no blank lines is cut after this
 * many tokens (at an O tag). */
#define BIO_MAX_SENT 200

typedef struct reader {
	vl_conll *c;
	size_t tok_cap, sent_cap, text_len;
	size_t sent_first; /* first token of the open sentence */
	uint32_t doc;
	int in_doc;	  /* a HIPE document is open */
	int prev_nospace; /* the last token had NoSpaceAfter */
	int col_tok, col_tag, col_misc, n_cols; /* HIPE columns */
	vl_conll_error *err;
} reader;

static int fail(reader *r, int code, size_t line, size_t off, const char *m)
{
	if (r->err) {
		r->err->code = code;
		r->err->line = line;
		r->err->offset = off;
		snprintf(r->err->msg, sizeof r->err->msg, "%s", m);
	}
	return code;
}

static int grow(void **p, size_t *cap, size_t need, size_t elem)
{
	size_t n = *cap ? *cap : 256, bytes;
	void *q;

	if (need <= *cap)
		return 0;
	while (n < need) {
		if (vl__mul_size(&n, n, 2))
			return VL_ENOMEM;
	}
	if (vl__mul_size(&bytes, n, elem))
		return VL_ENOMEM;
	q = vl__realloc(*p, bytes);
	if (!q)
		return VL_ENOMEM;
	*p = q;
	*cap = n;
	return 0;
}

/* Close the open sentence (if it has tokens). */
static int end_sentence(reader *r)
{
	vl_conll *c = r->c;
	size_t cap = r->sent_cap;
	int rc;

	if (c->n_tokens == r->sent_first)
		return 0;
	rc = grow((void **)&c->doc, &cap, c->n_sents + 2, sizeof *c->doc);
	if (rc)
		return rc;
	cap = r->sent_cap;
	rc = grow((void **)&c->sent, &cap, c->n_sents + 2, sizeof *c->sent);
	if (rc)
		return rc;
	r->sent_cap = cap;
	c->sent[c->n_sents] = r->sent_first;
	c->doc[c->n_sents] =
		c->format == VL_CONLL_HIPE ? r->doc : (uint32_t)c->n_sents;
	c->n_sents++;
	c->sent[c->n_sents] = c->n_tokens;
	r->sent_first = c->n_tokens;
	r->prev_nospace = 0;
	return 0;
}

/* Parse a tag: "O", "B-X" or "I-X" with X a type vl__ent_type_parse
 * knows. -1 when not. */
static int parse_tag(const char *s, size_t n)
{
	int type;

	if (n == 1 && s[0] == 'O')
		return VL_TAG_O;
	if (n < 3 || (s[0] != 'B' && s[0] != 'I') || s[1] != '-')
		return -1;
	type = vl__ent_type_parse(s + 2, n - 2);
	if (type == VL_ENT_NONE)
		return -1;
	return s[0] == 'B' ? VL_TAG_B(type) : VL_TAG_I(type);
}

static int is_apostrophe(const char *s, size_t n)
{
	return (n == 1 && s[0] == '\'') ||
	       (n == 3 && !memcmp(s, "\xE2\x80\x99", 3));
}

static int is_abbrev(const char *s, size_t n)
{
	static const char *const ab[] = { "M",	"MM", "Mme", "Mmes", "Mlle",
					  "Dr", "St", "Ste", "Mgr",  "Me" };
	size_t i;

	for (i = 0; i < sizeof ab / sizeof ab[0]; i++)
		if (strlen(ab[i]) == n && !memcmp(ab[i], s, n))
			return 1;
	return 0;
}

/* Short letters-only word (l, d, qu, jusqu...) before an apostrophe. */
static int is_elided(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > 7)
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		      (s[i] >= 'A' && s[i] <= 'Z')))
			return 0;
	return 1;
}

/* Append a token; HIPE's split "l ’" and "M ." are joined when the
 * previous token had NoSpaceAfter and the tags allow it. */
static int add_token(reader *r, const char *s, size_t n, int tag,
		     int nospace_after)
{
	vl_conll *c = r->c;
	size_t cap;
	int rc;

	if (c->format == VL_CONLL_HIPE && r->prev_nospace &&
	    c->n_tokens > r->sent_first) {
		vl_span *p = &c->toks[c->n_tokens - 1];
		int ptag = c->tags[c->n_tokens - 1];
		int join = (is_apostrophe(s, n) && is_elided(p->p, p->len)) ||
			   (n == 1 && s[0] == '.' && is_abbrev(p->p, p->len));
		int tags_ok = (tag == VL_TAG_O && ptag == VL_TAG_O) ||
			      (tag != VL_TAG_O && !VL_TAG_IS_B(tag) &&
			       ptag != VL_TAG_O &&
			       VL_TAG_TYPE(tag) == VL_TAG_TYPE(ptag));
		if (join && tags_ok) {
			/* p's bytes are the last ones written to text */
			memcpy(c->text + r->text_len, s, n);
			r->text_len += n;
			p->len += n;
			r->prev_nospace = nospace_after;
			return 0;
		}
	}
	cap = r->tok_cap;
	rc = grow((void **)&c->toks, &cap, c->n_tokens + 1, sizeof *c->toks);
	if (rc)
		return rc;
	cap = r->tok_cap;
	rc = grow((void **)&c->tags, &cap, c->n_tokens + 1, sizeof *c->tags);
	if (rc)
		return rc;
	r->tok_cap = cap;
	memcpy(c->text + r->text_len, s, n);
	c->toks[c->n_tokens].p = c->text + r->text_len;
	c->toks[c->n_tokens].len = n;
	c->tags[c->n_tokens] = (uint8_t)tag;
	r->text_len += n;
	c->n_tokens++;
	r->prev_nospace = nospace_after;
	return 0;
}

/* Split a line at TABs: up to max fields; returns the number found. */
static int split_tabs(const char *s, size_t n, const char **f, size_t *fl,
		      int max)
{
	int k = 0;
	size_t i, start = 0;

	for (i = 0; i <= n && k < max; i++) {
		if (i == n || s[i] == '\t') {
			f[k] = s + start;
			fl[k] = i - start;
			k++;
			start = i + 1;
		}
	}
	return k;
}

static int has_word(const char *s, size_t n, const char *w)
{
	size_t m = strlen(w), i;

	for (i = 0; i + m <= n; i++)
		if (!memcmp(s + i, w, m) && (i == 0 || s[i - 1] == '|') &&
		    (i + m == n || s[i + m] == '|'))
			return 1;
	return 0;
}

static int hipe_header(reader *r, const char *s, size_t n, size_t line,
		       size_t off)
{
	const char *f[64];
	size_t fl[64];
	int k = split_tabs(s, n, f, fl, 64), i;

	r->col_tok = r->col_tag = r->col_misc = -1;
	for (i = 0; i < k; i++) {
		if (fl[i] == 5 && !memcmp(f[i], "TOKEN", 5))
			r->col_tok = i;
		else if (fl[i] == 13 && !memcmp(f[i], "NE-COARSE-LIT", 13))
			r->col_tag = i;
		else if (fl[i] == 4 && !memcmp(f[i], "MISC", 4))
			r->col_misc = i;
	}
	if (r->col_tok < 0 || r->col_tag < 0)
		return fail(r, VL_EFORMAT, line, off,
			    "HIPE header lacks TOKEN or NE-COARSE-LIT");
	r->n_cols = k;
	return 0;
}

static int read_line(reader *r, const char *s, size_t n, size_t line,
		     size_t off)
{
	const char *f[64];
	size_t fl[64];
	int k, tag, nospace = 0, eos = 0, rc, fmt = r->c->format;
	const char *tok;
	size_t tok_len;

	if (n == 0)
		return end_sentence(r);
	if (fmt == VL_CONLL_HIPE) {
		if (s[0] == '#') {
			static const char key[] = "# hipe2022:document_id";
			if (n >= sizeof key - 1 &&
			    !memcmp(s, key, sizeof key - 1)) {
				rc = end_sentence(r);
				if (rc)
					return rc;
				if (r->in_doc)
					r->doc++;
				r->in_doc = 1;
			}
			return 0;
		}
		if (r->n_cols == 0)
			return hipe_header(r, s, n, line, off);
		k = split_tabs(s, n, f, fl, 64);
		if (k <= r->col_tok || k <= r->col_tag)
			return fail(r, VL_EFORMAT, line, off,
				    "too few columns");
		tok = f[r->col_tok];
		tok_len = fl[r->col_tok];
		tag = parse_tag(f[r->col_tag], fl[r->col_tag]);
		if (r->col_misc >= 0 && r->col_misc < k) {
			nospace = has_word(f[r->col_misc], fl[r->col_misc],
					   "NoSpaceAfter");
			eos = has_word(f[r->col_misc], fl[r->col_misc],
				       "EndOfSentence");
		}
	} else if (fmt == VL_CONLL_WIKINEURAL) {
		if (s[0] == '#')
			return 0;
		k = split_tabs(s, n, f, fl, 4);
		if (k < 3)
			return fail(r, VL_EFORMAT, line, off,
				    "expected index TAB token TAB tag");
		tok = f[1];
		tok_len = fl[1];
		tag = parse_tag(f[2], fl[2]);
	} else {
		size_t sp = n;
		while (sp > 0 && s[sp - 1] != ' ' && s[sp - 1] != '\t')
			sp--;
		if (sp == 0)
			return fail(r, VL_EFORMAT, line, off,
				    "expected token SPACE tag");
		tok = s;
		tok_len = sp - 1;
		while (tok_len > 0 &&
		       (tok[tok_len - 1] == ' ' || tok[tok_len - 1] == '\t'))
			tok_len--;
		tag = parse_tag(s + sp, n - sp);
	}
	if (tag < 0)
		return fail(r, VL_EFORMAT, line, off,
			    "unknown tag (expected O, B-TYPE or I-TYPE)");
	if (tok_len == 0)
		return fail(r, VL_EFORMAT, line, off, "empty token");
	if (tok_len > VL_CONLL_MAX_TOKEN)
		return fail(r, VL_ETOOBIG, line, off, "token too long");
	rc = add_token(r, tok, tok_len, tag, nospace);
	if (rc)
		return rc;
	if (eos)
		return end_sentence(r);
	if (fmt == VL_CONLL_BIO && tag == VL_TAG_O &&
	    ((tok_len == 1 &&
	      (tok[0] == '.' || tok[0] == '!' || tok[0] == '?')) ||
	     r->c->n_tokens - r->sent_first >= BIO_MAX_SENT))
		return end_sentence(r);
	return 0;
}

static int ends_with(const char *name, const char *suf)
{
	size_t n = strlen(name), m = strlen(suf);
	return n >= m && !strcmp(name + n - m, suf);
}

int vl__conll_detect(const char *data, size_t len, const char *name)
{
	size_t i = 0, tabs = 0, spaces = 0, end;

	if (name) {
		if (ends_with(name, ".conllu") || ends_with(name, ".conll"))
			return VL_CONLL_WIKINEURAL;
		if (ends_with(name, ".tsv"))
			return VL_CONLL_HIPE;
		if (ends_with(name, ".bio"))
			return VL_CONLL_BIO;
	}
	if (!data)
		return VL_CONLL_AUTO;
	if (len >= 6 && !memcmp(data, "TOKEN\t", 6))
		return VL_CONLL_HIPE;
	/* the first non-blank, non-comment line */
	while (i < len) {
		const char *nl = memchr(data + i, '\n', len - i);
		end = nl ? (size_t)(nl - data) : len;
		if (end > i && data[i] != '#')
			break;
		i = end + 1;
	}
	if (i >= len)
		return VL_CONLL_AUTO;
	for (end = i; end < len && data[end] != '\n'; end++) {
		if (data[end] == '\t')
			tabs++;
		else if (data[end] == ' ')
			spaces++;
	}
	if (tabs >= 2 && data[i] >= '0' && data[i] <= '9')
		return VL_CONLL_WIKINEURAL;
	if (tabs == 0 && spaces >= 1)
		return VL_CONLL_BIO;
	return VL_CONLL_AUTO;
}

/* Does token t end with "¬" (U+00AC) after something: a word that OCR
 * cut at a line end? */
static int cut_word(const vl_span *t)
{
	const unsigned char *p = (const unsigned char *)t->p;
	return t->len > 2 && p[t->len - 2] == 0xC2 && p[t->len - 1] == 0xAC;
}

/* Can token t be the rest of a cut word: does it begin with a letter
 * (ASCII, or a lead byte of Latin letters and beyond, but not of the
 * punctuation blocks U+0080..U+00BF and U+2000..U+2FFF)? */
static int continues(const vl_span *t)
{
	unsigned c = t->len ? (unsigned char)t->p[0] : 0;
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= 0xC3 && c != 0xE2);
}

/* The words of every sentence (conll.h): runs of tokens joined where
 * one ends with "¬" and the next begins with a letter. */
static int build_words(vl_conll *c, size_t text_len)
{
	size_t n = c->n_tokens ? c->n_tokens : 1, nw = 0, wl = 0, s;

	c->words = vl__calloc(n, sizeof *c->words);
	c->word_of = vl__calloc(n, sizeof *c->word_of);
	c->wsent = vl__calloc(c->n_sents + 1, sizeof *c->wsent);
	c->wtext = vl__malloc(text_len + 1);
	if (!c->words || !c->word_of || !c->wsent || !c->wtext)
		return VL_ENOMEM;
	for (s = 0; s < c->n_sents; s++) {
		size_t i = c->sent[s], b = c->sent[s + 1];
		c->wsent[s] = nw;
		while (i < b) {
			size_t j = i, k;
			while (j + 1 < b && cut_word(&c->toks[j]) &&
			       continues(&c->toks[j + 1]))
				j++;
			if (j == i)
				c->words[nw] = c->toks[i];
			else {
				char *w = c->wtext + wl;
				for (k = i; k <= j; k++) {
					size_t len = c->toks[k].len -
						     (k < j ? 2 : 0);
					memcpy(c->wtext + wl, c->toks[k].p,
					       len);
					wl += len;
				}
				c->words[nw].p = w;
				c->words[nw].len = (size_t)(c->wtext + wl - w);
			}
			for (k = i; k <= j; k++)
				c->word_of[k] = nw;
			nw++;
			i = j + 1;
		}
	}
	c->wsent[c->n_sents] = nw;
	c->n_words = nw;
	return 0;
}

void vl__conll_word_tags(const vl_conll *c, size_t s, uint8_t *wtags)
{
	size_t a = c->sent[s], b = c->sent[s + 1], wa = c->wsent[s], i;

	for (i = a; i < b; i++)
		if (i == a || c->word_of[i] != c->word_of[i - 1])
			wtags[c->word_of[i] - wa] = c->tags[i];
}

void vl__conll_project(const vl_conll *c, size_t s, const uint8_t *wtags,
		       uint8_t *tags)
{
	size_t a = c->sent[s], b = c->sent[s + 1], wa = c->wsent[s], i;

	for (i = a; i < b; i++) {
		int t = wtags[c->word_of[i] - wa];
		if (i > a && c->word_of[i] == c->word_of[i - 1] &&
		    t != VL_TAG_O)
			t = VL_TAG_I(VL_TAG_TYPE(t));
		tags[i - a] = (uint8_t)t;
	}
}

int vl__conll_tag(const vl_conll *c, size_t s, const vl_tagger *t,
		  const vl_gaz *g, uint8_t *tags)
{
	uint8_t stack[2 * 512], *buf = stack;
	size_t wa, nw;
	int rc;

	if (!c || !t || s >= c->n_sents)
		return VL_EINVAL;
	wa = c->wsent[s];
	nw = c->wsent[s + 1] - wa;
	if (nw > sizeof stack / 2) {
		buf = vl__malloc(2 * nw);
		if (!buf)
			return VL_ENOMEM;
	}
	memset(buf, 0, nw);
	if (g)
		vl__gaz_mark(g, c->words + wa, nw, buf);
	rc = vl__tagger_tag(t, c->words + wa, buf, nw, buf + nw);
	if (!rc)
		vl__conll_project(c, s, buf + nw, tags);
	if (buf != stack)
		vl__freep(buf);
	return rc;
}

void vl__conll_free(vl_conll *c)
{
	if (!c)
		return;
	vl__freep(c->toks);
	vl__freep(c->tags);
	vl__freep(c->sent);
	vl__freep(c->doc);
	vl__freep(c->text);
	vl__freep(c->words);
	vl__freep(c->wsent);
	vl__freep(c->word_of);
	vl__freep(c->wtext);
	vl__freep(c);
}

int vl__conll_read(vl_conll **out, const char *data, size_t len, int format,
		   vl_conll_error *err)
{
	reader r;
	vl_conll *c = NULL;
	size_t i = 0, line = 0, bad = 0, text_cap;
	const char *why = NULL;
	const char *nul;
	int rc = 0;

	*out = NULL;
	memset(&r, 0, sizeof r);
	r.err = err;
	if (err)
		memset(err, 0, sizeof *err);
	if (!data)
		len = 0;
	if (format == VL_CONLL_AUTO)
		format = vl__conll_detect(data, len, NULL);
	if (format < VL_CONLL_WIKINEURAL || format > VL_CONLL_BIO)
		return fail(&r, VL_EFORMAT, 1, 0, "unknown format");
	nul = len ? memchr(data, '\0', len) : NULL;
	if (nul)
		bad = (size_t)(nul - data);
	else if (len && vl__utf8_validate(data, len, &bad, &why))
		nul = data + bad;
	if (nul) {
		size_t ln = 1, k;
		for (k = 0; k < bad; k++)
			ln += data[k] == '\n';
		return fail(&r, why ? VL_EUTF8 : VL_EBINARY, ln, bad,
			    why ? "invalid UTF-8" : "NUL byte");
	}
	c = vl__calloc(1, sizeof *c);
	if (vl__add_size(&text_cap, len, 1) || !c)
		goto nomem;
	c->text = vl__malloc(text_cap);
	c->sent = vl__malloc(sizeof *c->sent);
	if (!c->text || !c->sent)
		goto nomem;
	c->sent[0] = 0;
	c->format = format;
	r.c = c;
	while (i < len) {
		const char *nl = memchr(data + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - data) : len, n = end - i;
		line++;
		if (n > VL_CONLL_MAX_LINE) {
			rc = fail(&r, VL_ETOOBIG, line, i, "line too long");
			goto done;
		}
		if (n > 0 && data[end - 1] == '\r')
			n--;
		rc = read_line(&r, data + i, n, line, i);
		if (rc)
			goto done;
		i = end + 1;
	}
	rc = end_sentence(&r);
	if (rc)
		goto done;
	if (format == VL_CONLL_HIPE && r.n_cols == 0 && c->n_tokens == 0 &&
	    len > 0) {
		rc = fail(&r, VL_EFORMAT, 1, 0, "no HIPE header line");
		goto done;
	}
	rc = build_words(c, r.text_len);
	if (rc)
		goto done;
	c->n_docs = format == VL_CONLL_HIPE ? (r.in_doc ? r.doc + 1 : 1)
					    : c->n_sents;
	*out = c;
	c = NULL;
done:
	if (rc == VL_ENOMEM && err)
		fail(&r, VL_ENOMEM, line, i, "out of memory");
	vl__conll_free(c);
	return rc;
nomem:
	rc = VL_ENOMEM;
	goto done;
}

int vl__conll_held_back(const vl_conll *c, size_t s)
{
	if (!c || s >= c->n_sents)
		return 0;
	if (c->format == VL_CONLL_HIPE)
		return c->doc[s] % 2 == 1;
	return s % 5 == 4;
}

void vl__bio_repair(uint8_t *tags, size_t n)
{
	int prev = VL_TAG_O;
	size_t i;

	for (i = 0; i < n; i++) {
		int t = tags[i];
		if (t != VL_TAG_O && !VL_TAG_IS_B(t) &&
		    (prev == VL_TAG_O || VL_TAG_TYPE(prev) != VL_TAG_TYPE(t)))
			tags[i] = (uint8_t)VL_TAG_B(VL_TAG_TYPE(t));
		prev = t;
	}
}

/* Does an entity start at i (conlleval's startOfChunk for B/I/O)? */
static int chunk_start(int prev, int t)
{
	if (t == VL_TAG_O || t >= VL_NTAGS)
		return 0;
	return VL_TAG_IS_B(t) || prev == VL_TAG_O ||
	       VL_TAG_TYPE(prev) != VL_TAG_TYPE(t);
}

/* Does the entity holding token i end there (the next tag is next)? */
static int chunk_end(int t, int next)
{
	if (t == VL_TAG_O || t >= VL_NTAGS)
		return 0;
	return next == VL_TAG_O || VL_TAG_IS_B(next) ||
	       VL_TAG_TYPE(next) != VL_TAG_TYPE(t);
}

void vl__ner_count(vl_ner_counts *c, const uint8_t *gold, const uint8_t *pred,
		   size_t n)
{
	size_t i;
	/* the open correct-so-far pair: start index, or SIZE_MAX */
	int match_open = 0;

	for (i = 0; i < n; i++) {
		int g = gold[i] < VL_NTAGS ? gold[i] : VL_TAG_O;
		int p = pred[i] < VL_NTAGS ? pred[i] : VL_TAG_O;
		int gp = i ? (gold[i - 1] < VL_NTAGS ? gold[i - 1] : 0) : 0;
		int pp = i ? (pred[i - 1] < VL_NTAGS ? pred[i - 1] : 0) : 0;
		int gn = i + 1 < n && gold[i + 1] < VL_NTAGS ? gold[i + 1] : 0;
		int pn = i + 1 < n && pred[i + 1] < VL_NTAGS ? pred[i + 1] : 0;
		int gs = chunk_start(gp, g), ps = chunk_start(pp, p);
		int ge = chunk_end(g, gn), pe = chunk_end(p, pn);

		c->tokens++;
		c->tokens_right += g == p;
		if (gs) {
			c->gold[0]++;
			c->gold[VL_TAG_TYPE(g)]++;
		}
		if (ps) {
			c->found[0]++;
			c->found[VL_TAG_TYPE(p)]++;
		}
		/* an entity is right when both start together with one
		 * type and both end together, with no boundary between */
		if (gs && ps && VL_TAG_TYPE(g) == VL_TAG_TYPE(p))
			match_open = 1;
		else if (gs || ps)
			match_open = 0;
		if (match_open && (ge || pe)) {
			if (ge && pe) {
				c->correct[0]++;
				c->correct[VL_TAG_TYPE(g)]++;
			}
			match_open = 0;
		}
	}
}
