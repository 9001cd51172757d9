/*
 * quotes_gold.c — turn the quotation gold set, written in a small markup
 * (tests/data/quotes/gold-fr.txt), into the JSON Lines file that
 * `veille eval quotes` reads (gold-fr.jsonl), so that nobody counts byte
 * offsets by hand.
 *
 * usage: quotes_gold < gold-fr.txt > gold-fr.jsonl
 *
 * The markup: lines starting with "%%" are comments; "@@ id | title |
 * part" starts an article, whose text is the lines that follow (one
 * paragraph a line; trailing empty lines dropped). Inside the text,
 * {K:Speaker|words} marks a quotation: K is D, P or R (direct, partial,
 * reported), Speaker a name or "-" for none. Marks may nest. Each output
 * line is {"id","title","part","text","quotes":[{"start","end","kind",
 * "speaker","quote"}]}, offsets in bytes into "text", quotes sorted by
 * start; "quote" repeats the quoted words so a reader can check them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_TEXT 65536
#define MAX_QUOTES 256
#define MAX_DEPTH 8

typedef struct gquote {
	size_t start, end;
	char kind;
	char speaker[128];
} gquote;

typedef struct article {
	char head[1024];
	char text[MAX_TEXT];
	size_t len;
	gquote q[MAX_QUOTES];
	size_t nq;
	size_t open[MAX_DEPTH];
	size_t depth;
	int have;
} article;

static void put_json_str(const char *s, size_t n)
{
	putchar('"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c == '\n')
			fputs("\\n", stdout);
		else if (c < 0x20)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

static const char *kind_name(char k)
{
	return k == 'D' ? "direct" : k == 'P' ? "partial" : "reported";
}

static int cmp_quote(const void *a, const void *b)
{
	const gquote *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->end > y->end ? -1 : x->end < y->end;
}

/* The three fields of the "@@ id | title | part" line, trimmed. */
static void field(const char *head, int k, char *out, size_t cap)
{
	const char *p = head, *e;
	size_t n;

	for (int i = 0; i < k && p; i++)
		p = strchr(p, '|') ? strchr(p, '|') + 1 : NULL;
	if (!p) {
		*out = '\0';
		return;
	}
	while (*p == ' ')
		p++;
	e = strchr(p, '|');
	n = e ? (size_t)(e - p) : strlen(p);
	while (n && (p[n - 1] == ' ' || p[n - 1] == '\n'))
		n--;
	if (n >= cap)
		n = cap - 1;
	memcpy(out, p, n);
	out[n] = '\0';
}

static int flush(article *a)
{
	char id[256], title[512], part[32];

	if (!a->have)
		return 0;
	if (a->depth) {
		fprintf(stderr, "quotes_gold: %s: unclosed mark\n", a->head);
		return -1;
	}
	while (a->len && a->text[a->len - 1] == '\n')
		a->len--;
	field(a->head, 0, id, sizeof id);
	field(a->head, 1, title, sizeof title);
	field(a->head, 2, part, sizeof part);
	qsort(a->q, a->nq, sizeof *a->q, cmp_quote);
	fputs("{\"id\":", stdout);
	put_json_str(id, strlen(id));
	fputs(",\"title\":", stdout);
	put_json_str(title, strlen(title));
	fputs(",\"part\":", stdout);
	put_json_str(*part ? part : "dev", strlen(*part ? part : "dev"));
	fputs(",\"text\":", stdout);
	put_json_str(a->text, a->len);
	fputs(",\"quotes\":[", stdout);
	for (size_t i = 0; i < a->nq; i++) {
		const gquote *q = &a->q[i];
		printf("%s{\"start\":%zu,\"end\":%zu,\"kind\":\"%s\","
		       "\"speaker\":",
		       i ? "," : "", q->start, q->end, kind_name(q->kind));
		if (!strcmp(q->speaker, "-"))
			fputs("null", stdout);
		else
			put_json_str(q->speaker, strlen(q->speaker));
		fputs(",\"quote\":", stdout);
		put_json_str(a->text + q->start, q->end - q->start);
		putchar('}');
	}
	fputs("]}\n", stdout);
	memset(a, 0, sizeof *a);
	return 0;
}

/* Append one text line, reading the marks. */
static int add_line(article *a, const char *s)
{
	for (; *s; s++) {
		if (s[0] == '{' && strchr("DPR", s[1]) && s[1] && s[2] == ':') {
			const char *bar = strchr(s + 3, '|');
			gquote *q;
			if (!bar || a->nq == MAX_QUOTES ||
			    a->depth == MAX_DEPTH)
				return -1;
			q = &a->q[a->nq];
			q->kind = s[1];
			if ((size_t)(bar - s - 3) >= sizeof q->speaker)
				return -1;
			memcpy(q->speaker, s + 3, (size_t)(bar - s - 3));
			q->speaker[bar - s - 3] = '\0';
			q->start = a->len;
			a->open[a->depth++] = a->nq++;
			s = bar;
			continue;
		}
		if (*s == '}') {
			if (!a->depth)
				return -1;
			a->q[a->open[--a->depth]].end = a->len;
			continue;
		}
		if (a->len + 1 >= MAX_TEXT)
			return -1;
		a->text[a->len++] = *s;
	}
	return 0;
}

int main(void)
{
	static article a;
	char line[8192];
	int rc = 0;

	while (fgets(line, sizeof line, stdin)) {
		if (!strncmp(line, "%%", 2))
			continue;
		if (!strncmp(line, "@@", 2)) {
			if (flush(&a))
				return 1;
			snprintf(a.head, sizeof a.head, "%.1000s", line + 2);
			a.have = 1;
			continue;
		}
		if (a.have && add_line(&a, line)) {
			fprintf(stderr, "quotes_gold: bad mark in: %s", line);
			rc = 1;
		}
	}
	if (flush(&a))
		return 1;
	return rc;
}
