/*
 * sentence.c — sentence splitting over the token stream.
 *
 * A sentence ends at a line break, at a glued period ("2019.Alors"), or
 * after . ! ? ... when what follows starts a sentence (a capital, a digit,
 * an opening quote or dash). Closing quotes and brackets right after the
 * terminal mark stay with the sentence, and a quote closed by « ...? »
 * followed by ", a écrit X" does not end it. "(...)" inside a quotation
 * and abbreviations (M., Mme, initials: tokens of kind ABBREV) never end
 * a sentence.
 */
#include "text/analysis.h"
#include "util/alloc.h"

static int push(vl_sentences *s, const vl_tokens *t, size_t first, size_t last)
{
	vl_sentence *v;

	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 32, bytes;
		if (vl__mul_size(&bytes, cap, sizeof *v))
			return VL_ENOMEM;
		v = vl__realloc(s->v, bytes);
		if (!v)
			return VL_ENOMEM;
		s->v = v;
		s->cap = cap;
	}
	v = &s->v[s->n++];
	v->start = t->v[first].start;
	v->end = t->v[last].end;
	v->first_token = first;
	v->n_tokens = last - first + 1;
	return 0;
}

/* Can token k open a sentence? */
static int starts_sentence(const vl_token *k)
{
	if (k->flags & (VL_TOKF_CAPITALIZED | VL_TOKF__OPEN))
		return 1;
	switch (k->kind) {
	case VL_TOK_NUMBER:
	case VL_TOK_ORDINAL:
	case VL_TOK_PERCENT:
	case VL_TOK_QUOTE:
	case VL_TOK_ABBREV: return 1;
	case VL_TOK_PUNCT: return k->norm[0] == '-';
	case VL_TOK_WORD:
		/* Uncased scripts: no capital to look for. */
		return (unsigned char)k->norm[0] >= 0x80 &&
		       !(k->flags & VL_TOKF_CAPITALIZED) && 0;
	default: return 0;
	}
}

int vl__sentences(vl_sentences *s, const vl_tokens *t)
{
	size_t i, first = 0;
	const vl_token *v = t->v;

	s->n = 0;
	for (i = 0; i < t->n; i++) {
		size_t last = i;
		int end = 0;

		if (i > first && (v[i].flags & VL_TOKF__BREAK)) {
			if (push(s, t, first, i - 1))
				return VL_ENOMEM;
			first = i;
		}
		if (v[i].flags & VL_TOKF__GLUED) {
			end = 1;
		} else if (v[i].flags & VL_TOKF__MAYEND) {
			/* An abbreviation's period doubles as the full stop
			 * when a capitalised word follows after a space. */
			end = i + 1 < t->n &&
			      (v[i + 1].flags & VL_TOKF__SPACE) &&
			      !(v[i + 1].flags & VL_TOKF__BREAK) &&
			      (v[i + 1].flags & VL_TOKF_CAPITALIZED);
		} else if (v[i].flags & VL_TOKF__TERM) {
			size_t j = i + 1;
			int closed = 0;
			/* "(...)" is an elision mark, not an ending. */
			if ((v[i].flags & VL_TOKF__ELLIPSIS) && i > 0 &&
			    v[i - 1].norm[0] == '(' && j < t->n &&
			    v[j].norm[0] == ')')
				continue;
			/* Take closing quotes and brackets along. */
			while (j < t->n && (v[j].flags & VL_TOKF__CLOSE) &&
			       !(v[j].flags & VL_TOKF__BREAK)) {
				last = j++;
				closed = 1;
			}
			if (j >= t->n || (v[j].flags & VL_TOKF__BREAK))
				end = 1;
			else if (closed &&
				 (v[j].kind == VL_TOK_PUNCT &&
				  (v[j].norm[0] == ',' || v[j].norm[0] == ';')))
				end = 0; /* «...?», a écrit X */
			else if (v[j].flags & VL_TOKF__GLUED)
				end = 1;
			else
				end = starts_sentence(&v[j]) &&
				      ((v[j].flags & VL_TOKF__SPACE) ||
				       closed || (v[j].flags & VL_TOKF__OPEN));
			i = last;
		}
		if (end) {
			if (push(s, t, first, last))
				return VL_ENOMEM;
			first = last + 1;
		}
	}
	if (first < t->n && push(s, t, first, t->n - 1))
		return VL_ENOMEM;
	return 0;
}
