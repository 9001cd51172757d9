/*
 * cmd_eval_dates.c — `veille eval dates`: the accuracy of the date stage
 * on the test cases of the chrono library (its *.test.ts files, read by
 * src/dates/chrono_cases.c), and chrono-node's own accuracy on the same
 * cases when node and the package are installed (tools/chrono, `make
 * chrono`).
 *
 * A case is right when veille finds a date and the first one's start day
 * (and end day, when the case expects one) is the expected day; a case
 * that expects nothing is right when veille finds nothing; a case whose
 * only expectations are on the text or the hour is right when a date is
 * found. veille reads the text as news (dates.h, docs/dates.md); when
 * that answer is wrong, the case is run again with chrono-node's reading
 * (nearest date, relative units as points, forwardDate): if that answer
 * is right, the case "differs by design" and is counted apart, with the
 * reason, so the accuracy says how often veille is wrong, not how often
 * it reads news differently from a calendar assistant.
 */
#include <cJSON.h>
#include <dirent.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "dates/chrono_cases.h"
#include "dates/dates.h"

static const char usage[] =
	"usage: veille eval dates [--json] [--verbose] [--chrono|--no-chrono]\n"
	"                         [FILE|DIR...]\n"
	"\n"
	"Score the date stage on chrono's test files (*.test.ts: "
	"testSingleCase\n"
	"and testUnexpectedResult calls). Default: every *.test.ts of\n"
	"../shared/data/temporal/chrono-fr (skipped when absent).\n"
	"\n"
	"A case is right when veille's first date starts on the expected day\n"
	"(and ends on the expected end day, when one is given). When the news\n"
	"reading is wrong but chrono's reading (nearest date, relative units\n"
	"as points) is right, the case differs by design and is counted\n"
	"apart. chrono-node runs the same cases when node and\n"
	"tools/chrono/node_modules/chrono-node are there (make chrono;\n"
	"$VEILLE_CHRONO_DIR names another folder); --chrono fails without\n"
	"it, --no-chrono skips it. --verbose lists the cases that differ by\n"
	"design and the wrong ones.\n";

#define DEFAULT_DIR "../shared/data/temporal/chrono-fr"
#define MAX_FILE (16u << 20)

enum { R_WRONG = 0, R_RIGHT, R_DESIGN };

typedef struct result {
	const char *file; /* borrowed from argv or the file list */
	const vl_chrono_case *c;
	int veille;	 /* R_* */
	int chrono;	 /* 1 right, 0 wrong, -1 not run */
	char got[64];	 /* veille's answer (ISO), "none" */
	char alt[64];	 /* chrono's reading by veille */
	char expr[96];	 /* the expression veille found */
	const char *why; /* why it differs */
	char chrono_got[64];
} result;

typedef struct file_stat {
	const char *name;
	size_t cases, right, design, chrono_right, chrono_same, skipped;
	size_t no_day; /* cases that expect a date but no day */
} file_stat;

static void iso_day(char *buf, size_t cap, int32_t day)
{
	vl_date d;
	memset(&d, 0, sizeof d);
	d.first = d.last = day;
	d.gran = VL_GRAN_DAY;
	vl__date_iso(&d, buf, cap);
}

/* veille on one case with one reading: 1 right, 0 wrong; the answer
 * into got (and the expression, its granularity and flags). */
static int run_case(const vl_chrono_case *c, int reading, int32_t now_day,
		    int now_min, char *got, size_t cap, char *expr, size_t ecap,
		    vl_date *first)
{
	vl_analysis *an = NULL;
	vl_analyze_options ao = VL_ANALYZE_OPTIONS_INIT;
	vl_dates_opts o = VL_DATES_OPTS_INIT;
	vl_dates ds = { NULL, 0 };
	char *nfc = NULL;
	size_t nlen = 0;
	int right = 0;

	snprintf(got, cap, "none");
	if (expr)
		expr[0] = '\0';
	memset(first, 0, sizeof *first);
	if (vl_text_nfc(&nfc, &nlen, c->text, c->text_len, 1, NULL))
		goto done;
	ao.detect_language = 0;
	ao.lang = c->lang;
	if (vl_analyze(&an, nfc, nlen, &ao, NULL))
		goto done;
	o.reading = reading;
	o.ref_minute = c->has_ref ? c->ref_minute : now_min;
	if (vl__dates_find_opts(&ds, nfc, nlen, an,
				c->has_ref ? c->ref_day : now_day, c->lang, &o))
		goto done;
	if (ds.n == 0) {
		right = c->unexpected;
		goto done;
	}
	*first = ds.v[0];
	vl__date_iso(&ds.v[0], got, cap);
	if (expr)
		snprintf(expr, ecap, "%.*s",
			 (int)(ds.v[0].end - ds.v[0].start > 80
				       ? 80
				       : ds.v[0].end - ds.v[0].start),
			 nfc + ds.v[0].start);
	if (c->unexpected)
		goto done;
	if (!c->has_start) {
		right = 1;
		goto done;
	}
	right = ds.v[0].first == c->start &&
		(!c->has_end || ds.v[0].last == c->end);
done:
	vl__dates_free(&ds);
	vl_analysis_free(an);
	vl_free(nfc);
	return right;
}

/* Why the news reading differs, from what it found. */
static const char *why_differs(const vl_date *d, int found)
{
	if (!found)
		return "not a date in the news reading (chrono reads it as "
		       "one)";
	if (d->flags & VL_DATE_DURATION)
		return "a span from the reference (chrono: a point at its far "
		       "end)";
	if (d->gran == VL_GRAN_WEEK || d->gran == VL_GRAN_MONTH ||
	    d->gran == VL_GRAN_QUARTER || d->gran == VL_GRAN_YEAR)
		return "a whole calendar unit (chrono: the reference moved by "
		       "one "
		       "unit)";
	if (d->flags & VL_DATE_RELATIVE)
		return "an open day read as news reads it: the latest past "
		       "one, "
		       "or the one the weekday names (chrono: the nearest)";
	return "read differently";
}

/* ------------------------------------------------------ chrono-node */

typedef struct peer {
	int ok;
	char dir[1024];
	char version[32];
	char why[400];
} peer;

static int safe_path(const char *s)
{
	for (; *s; s++)
		if (*s == '\'' || *s == '\n')
			return 0;
	return 1;
}

static void peer_find(peer *p)
{
	const char *d = getenv("VEILLE_CHRONO_DIR");
	char path[1200];
	FILE *f;
	struct stat st;
	cJSON *j;
	char buf[8192];
	size_t n;

	memset(p, 0, sizeof p[0]);
	snprintf(p->dir, sizeof p->dir, "%s", d && *d ? d : "tools/chrono");
	if (!safe_path(p->dir)) {
		snprintf(p->why, sizeof p->why, "unsafe folder name");
		return;
	}
	snprintf(path, sizeof path, "%s/node_modules/chrono-node/package.json",
		 p->dir);
	if (stat(path, &st) != 0) {
		snprintf(p->why, sizeof p->why,
			 "chrono-node is not installed in %.180s (make chrono)",
			 p->dir);
		return;
	}
	f = popen("node --version 2>/dev/null", "r");
	if (!f || !fgets(buf, sizeof buf, f) || buf[0] != 'v') {
		if (f)
			pclose(f);
		snprintf(p->why, sizeof p->why, "node is not on the PATH");
		return;
	}
	pclose(f);
	f = fopen(path, "rb");
	if (!f) {
		snprintf(p->why, sizeof p->why, "cannot read %.200s", path);
		return;
	}
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	j = cJSON_Parse(buf);
	if (j && cJSON_IsString(cJSON_GetObjectItem(j, "version")))
		snprintf(p->version, sizeof p->version, "%s",
			 cJSON_GetObjectItem(j, "version")->valuestring);
	cJSON_Delete(j);
	p->ok = 1;
}

/* Run every case through chrono-node; r[i].chrono set. 0 or -1. */
static int peer_run(const peer *p, result *r, size_t n)
{
	char tmp[] = "/tmp/veille-chrono-XXXXXX", cmd[1400];
	char *line = NULL;
	size_t cap = 0, i = 0;
	FILE *f, *out;
	int fd = mkstemp(tmp), rc = -1;

	if (fd < 0)
		return -1;
	f = fdopen(fd, "w");
	if (!f) {
		close(fd);
		unlink(tmp);
		return -1;
	}
	for (i = 0; i < n; i++) {
		const vl_chrono_case *c = r[i].c;
		cJSON *o = cJSON_CreateObject();
		char *s;
		cJSON_AddStringToObject(o, "text", c->text);
		if (c->has_ref) {
			int v[5] = { c->ref_ymd[0], c->ref_ymd[1],
				     c->ref_ymd[2], c->ref_hm[0],
				     c->ref_hm[1] };
			cJSON_AddItemToObject(o, "ref",
					      cJSON_CreateIntArray(v, 5));
		} else {
			cJSON_AddNullToObject(o, "ref");
		}
		cJSON_AddBoolToObject(o, "forward", c->forward);
		cJSON_AddStringToObject(o, "lang", c->lang);
		s = cJSON_PrintUnformatted(o);
		cJSON_Delete(o);
		if (!s) {
			fclose(f);
			goto done;
		}
		fprintf(f, "%s\n", s);
		cJSON_free(s);
	}
	if (fclose(f))
		goto done;
	snprintf(cmd, sizeof cmd, "TZ=UTC node '%s/run.mjs' < '%s'", p->dir,
		 tmp);
	out = popen(cmd, "r");
	if (!out)
		goto done;
	for (i = 0; i < n && getline(&line, &cap, out) > 0; i++) {
		const vl_chrono_case *c = r[i].c;
		cJSON *o = cJSON_Parse(line), *st, *en;
		int found = o && cJSON_IsTrue(cJSON_GetObjectItem(o, "found"));
		int32_t sd = 0, ed = 0;
		int has_s = 0, has_e = 0;
		st = o ? cJSON_GetObjectItem(o, "start") : NULL;
		en = o ? cJSON_GetObjectItem(o, "end") : NULL;
		if (cJSON_GetArraySize(st) >= 3) {
			sd = vl__days_from_civil(
				cJSON_GetArrayItem(st, 0)->valueint,
				cJSON_GetArrayItem(st, 1)->valueint,
				cJSON_GetArrayItem(st, 2)->valueint);
			has_s = 1;
		}
		if (cJSON_GetArraySize(en) >= 3) {
			ed = vl__days_from_civil(
				cJSON_GetArrayItem(en, 0)->valueint,
				cJSON_GetArrayItem(en, 1)->valueint,
				cJSON_GetArrayItem(en, 2)->valueint);
			has_e = 1;
		}
		if (!found)
			snprintf(r[i].chrono_got, sizeof r[i].chrono_got,
				 "none");
		else if (has_s)
			iso_day(r[i].chrono_got, sizeof r[i].chrono_got, sd);
		if (c->unexpected)
			r[i].chrono = !found;
		else if (!c->has_start)
			r[i].chrono = found;
		else
			r[i].chrono = found && has_s && sd == c->start &&
				      (!c->has_end || (has_e && ed == c->end));
		cJSON_Delete(o);
	}
	free(line);
	rc = pclose(out) == 0 && i == n ? 0 : -1;
done:
	unlink(tmp);
	return rc;
}

/* --------------------------------------------------------------- files */

static int ends_with(const char *s, const char *suf)
{
	size_t a = strlen(s), b = strlen(suf);
	return a >= b && !strcmp(s + a - b, suf);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.test.ts files of a folder, sorted; NULL-terminated. */
static char **list_dir(const char *dir, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **v = NULL;
	size_t cap = 0;

	*n = 0;
	if (!d)
		return NULL;
	while ((e = readdir(d)) != NULL) {
		char *p;
		if (e->d_name[0] == '.' || !ends_with(e->d_name, ".test.ts"))
			continue;
		if (*n + 1 >= cap) {
			char **nv;
			cap = cap ? cap * 2 : 16;
			nv = realloc(v, cap * sizeof *nv);
			if (!nv)
				break;
			v = nv;
		}
		p = malloc(strlen(dir) + strlen(e->d_name) + 2);
		if (!p)
			break;
		sprintf(p, "%s%s%s", dir,
			dir[0] && dir[strlen(dir) - 1] == '/' ? "" : "/",
			e->d_name);
		v[(*n)++] = p;
	}
	closedir(d);
	if (v) {
		qsort(v, *n, sizeof *v, cmp_str);
		v[*n] = NULL;
	}
	return v;
}

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	size_t n;
	if (!f)
		return NULL;
	buf = malloc(MAX_FILE + 1);
	if (!buf) {
		fclose(f);
		return NULL;
	}
	n = fread(buf, 1, MAX_FILE + 1, f);
	fclose(f);
	if (n > MAX_FILE) {
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

static const char *base_name(const char *p)
{
	const char *s = strrchr(p, '/');
	return s ? s + 1 : p;
}

static double pct(size_t a, size_t b)
{
	return b ? 100.0 * (double)a / (double)b : 0.0;
}

/* ---------------------------------------------------------------- main */

int cli_eval_dates(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "chrono", no_argument, NULL, 'c' },
		{ "no-chrono", no_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int json = 0, verbose = 0, want = 0, opt, rc = EXIT_OK;
	char **files = NULL, **listed = NULL;
	size_t nfiles = 0, ncase = 0, cap = 0, k, i;
	vl_chrono_cases *sets = NULL;
	file_stat *fs = NULL, all;
	result *res = NULL;
	peer pr;
	time_t now = time(NULL);
	int32_t now_day = vl__days_from_unix((int64_t)now);
	int now_min = (int)(((int64_t)now % 86400 + 86400) % 86400 / 60);

	if (cli_wants_help(argc, argv, usage))
		return EXIT_OK;
	optind = 1;
	while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (opt) {
		case 'j': json = 1; break;
		case 'v': verbose = 1; break;
		case 'c': want = 1; break;
		case 'n': want = -1; break;
		default: fputs(usage, stderr); return EXIT_USAGE;
		}
	}
	/* the files: arguments (a folder gives its *.test.ts), else the
	 * default folder */
	if (optind == argc) {
		listed = list_dir(DEFAULT_DIR, &nfiles);
		if (!listed || nfiles == 0) {
			fprintf(stderr,
				"veille: eval dates: %s not found: skipped\n",
				DEFAULT_DIR);
			free(listed);
			return EXIT_OK;
		}
		files = listed;
	} else {
		for (int a = optind; a < argc; a++) {
			struct stat st;
			size_t nd = 0;
			char **sub = NULL;
			char **nv;
			if (stat(argv[a], &st) == 0 && S_ISDIR(st.st_mode))
				sub = list_dir(argv[a], &nd);
			nv = realloc(listed, (nfiles + nd + 2) * sizeof *nv);
			if (!nv) {
				free(sub);
				rc = EXIT_FAILURE_;
				goto done;
			}
			listed = nv;
			if (sub) {
				for (k = 0; k < nd; k++)
					listed[nfiles++] = sub[k];
				free(sub);
			} else {
				size_t al = strlen(argv[a]) + 1;
				listed[nfiles] = malloc(al);
				if (!listed[nfiles]) {
					rc = EXIT_FAILURE_;
					goto done;
				}
				memcpy(listed[nfiles++], argv[a], al);
			}
			listed[nfiles] = NULL;
		}
		files = listed;
	}
	sets = calloc(nfiles + 1, sizeof *sets);
	fs = calloc(nfiles + 1, sizeof *fs);
	if (!sets || !fs) {
		rc = EXIT_FAILURE_;
		goto done;
	}
	for (k = 0; k < nfiles; k++) {
		size_t len = 0;
		char *src = read_file(files[k], &len);
		int prc;
		fs[k].name = base_name(files[k]);
		if (!src) {
			fprintf(stderr, "veille: eval dates: cannot read %s\n",
				files[k]);
			rc = EXIT_PARTIAL;
			continue;
		}
		prc = vl__chrono_cases_parse(&sets[k], src, len);
		free(src);
		if (prc) {
			fprintf(stderr, "veille: eval dates: %s: %s\n",
				files[k], vl_strerror(prc));
			rc = EXIT_PARTIAL;
			continue;
		}
		fs[k].skipped = sets[k].skipped;
		if (sets[k].skipped)
			rc = EXIT_PARTIAL;
		if (sets[k].skipped)
			fprintf(stderr,
				"veille: eval dates: %s:%zu: %zu call(s) "
				"skipped (first at byte %zu: %s)\n",
				files[k], sets[k].err_line, sets[k].skipped,
				sets[k].err_offset, sets[k].err_msg);
		ncase += sets[k].n;
	}
	res = calloc(ncase + 1, sizeof *res);
	if (!res) {
		rc = EXIT_FAILURE_;
		goto done;
	}
	for (k = 0; k < nfiles; k++) {
		for (i = 0; i < sets[k].n; i++) {
			const vl_chrono_case *c = &sets[k].v[i];
			result *r = &res[cap++];
			vl_date d1, d2;
			int news = c->forward ? VL_READ_FORWARD : VL_READ_NEWS;
			r->file = fs[k].name;
			r->c = c;
			r->chrono = -1;
			fs[k].cases++;
			fs[k].no_day += !c->unexpected && !c->has_start;
			if (run_case(c, news, now_day, now_min, r->got,
				     sizeof r->got, r->expr, sizeof r->expr,
				     &d1)) {
				r->veille = R_RIGHT;
				fs[k].right++;
				continue;
			}
			if (news == VL_READ_NEWS &&
			    run_case(c, VL_READ_NEAREST, now_day, now_min,
				     r->alt, sizeof r->alt, NULL, 0, &d2)) {
				r->veille = R_DESIGN;
				r->why = why_differs(&d1,
						     strcmp(r->got, "none"));
				fs[k].design++;
			}
		}
	}
	/* chrono-node on the same cases */
	peer_find(&pr);
	if (want < 0) {
		pr.ok = 0;
		snprintf(pr.why, sizeof pr.why, "--no-chrono");
	}
	if (pr.ok && peer_run(&pr, res, cap)) {
		pr.ok = 0;
		snprintf(pr.why, sizeof pr.why, "chrono-node did not run");
	}
	if (!pr.ok && want > 0) {
		fprintf(stderr, "veille: eval dates: --chrono: %s\n", pr.why);
		rc = EXIT_FAILURE_;
		goto done;
	}
	memset(&all, 0, sizeof all);
	all.name = "all";
	for (i = 0; i < cap; i++) {
		file_stat *f = NULL;
		for (k = 0; k < nfiles; k++)
			if (fs[k].name == res[i].file)
				f = &fs[k];
		if (f && res[i].chrono == 1) {
			f->chrono_right++;
			if (res[i].veille != R_DESIGN)
				f->chrono_same++;
		}
	}
	for (k = 0; k < nfiles; k++) {
		all.cases += fs[k].cases;
		all.right += fs[k].right;
		all.design += fs[k].design;
		all.chrono_right += fs[k].chrono_right;
		all.chrono_same += fs[k].chrono_same;
		all.skipped += fs[k].skipped;
		all.no_day += fs[k].no_day;
	}
	if (json) {
		cJSON *o = cJSON_CreateObject(), *arr = cJSON_CreateArray();
		cJSON *dif = cJSON_CreateArray(), *wr = cJSON_CreateArray();
		cJSON *peer_o = cJSON_CreateObject();
		for (k = 0; k <= nfiles; k++) {
			const file_stat *f = k < nfiles ? &fs[k] : &all;
			cJSON *x = cJSON_CreateObject();
			size_t scored = f->cases - f->design;
			cJSON_AddStringToObject(x, "name", f->name);
			cJSON_AddNumberToObject(x, "cases", (double)f->cases);
			cJSON_AddNumberToObject(x, "skipped",
						(double)f->skipped);
			cJSON_AddNumberToObject(x, "right", (double)f->right);
			cJSON_AddNumberToObject(x, "differ_by_design",
						(double)f->design);
			cJSON_AddNumberToObject(x, "wrong",
						(double)(scored - f->right));
			cJSON_AddNumberToObject(x, "accuracy",
						pct(f->right, scored) / 100);
			cJSON_AddNumberToObject(x, "accuracy_all",
						pct(f->right, f->cases) / 100);
			if (pr.ok) {
				cJSON_AddNumberToObject(
					x, "chrono_right",
					(double)f->chrono_right);
				cJSON_AddNumberToObject(
					x, "chrono_accuracy",
					pct(f->chrono_same, scored) / 100);
				cJSON_AddNumberToObject(
					x, "chrono_accuracy_all",
					pct(f->chrono_right, f->cases) / 100);
			}
			if (k < nfiles)
				cJSON_AddItemToArray(arr, x);
			else
				cJSON_AddItemToObject(o, "all", x);
		}
		cJSON_AddItemToObject(o, "files", arr);
		for (i = 0; i < cap; i++) {
			cJSON *x;
			if (res[i].veille == R_RIGHT)
				continue;
			x = cJSON_CreateObject();
			cJSON_AddStringToObject(x, "file", res[i].file);
			cJSON_AddNumberToObject(x, "line",
						(double)res[i].c->line);
			cJSON_AddStringToObject(x, "text", res[i].c->text);
			cJSON_AddStringToObject(x, "veille", res[i].got);
			if (res[i].c->unexpected)
				cJSON_AddStringToObject(x, "expected", "none");
			else if (res[i].c->has_start) {
				char b[64];
				iso_day(b, sizeof b, res[i].c->start);
				cJSON_AddStringToObject(x, "expected", b);
			}
			if (res[i].veille == R_DESIGN) {
				cJSON_AddStringToObject(x, "why", res[i].why);
				cJSON_AddItemToArray(dif, x);
			} else {
				cJSON_AddItemToArray(wr, x);
			}
		}
		cJSON_AddItemToObject(o, "differ_by_design", dif);
		cJSON_AddItemToObject(o, "wrong", wr);
		cJSON_AddBoolToObject(peer_o, "available", pr.ok);
		if (pr.ok)
			cJSON_AddStringToObject(peer_o, "version", pr.version);
		else
			cJSON_AddStringToObject(peer_o, "why", pr.why);
		cJSON_AddItemToObject(o, "chrono", peer_o);
		cli_print_json(o);
		goto done;
	}
	printf("%-40s %5s %7s %9s %6s %9s", "file", "cases", "right",
	       "by design", "wrong", "accuracy");
	if (pr.ok)
		printf(" %9s", "chrono");
	printf("\n");
	for (k = 0; k <= nfiles; k++) {
		const file_stat *f = k < nfiles ? &fs[k] : &all;
		size_t scored = f->cases - f->design;
		printf("%-40s %5zu %7zu %9zu %6zu %8.1f%%", f->name, f->cases,
		       f->right, f->design, scored - f->right,
		       pct(f->right, scored));
		if (pr.ok)
			printf(" %8.1f%%", pct(f->chrono_same, scored));
		printf("\n");
	}
	printf("\nveille: %zu of %zu cases right (%.1f%%); %zu differ by "
	       "design (the news reading);\n"
	       "        on the other %zu: %.1f%%\n",
	       all.right, all.cases, pct(all.right, all.cases), all.design,
	       all.cases - all.design, pct(all.right, all.cases - all.design));
	if (all.no_day)
		printf("        (%zu cases check only the text or the hour: "
		       "any date found is right)\n",
		       all.no_day);
	if (pr.ok)
		printf("chrono-node %s: %zu of %zu right (%.1f%%); on the same "
		       "%zu: %zu (%.1f%%)\n",
		       pr.version, all.chrono_right, all.cases,
		       pct(all.chrono_right, all.cases), all.cases - all.design,
		       all.chrono_same,
		       pct(all.chrono_same, all.cases - all.design));
	else
		printf("chrono-node: not run (%s)\n", pr.why);
	if (verbose) {
		for (int pass = 0; pass < 2; pass++) {
			printf("\n%s:\n", pass ? "wrong" : "differ by design");
			for (i = 0; i < cap; i++) {
				const result *r = &res[i];
				char b[64] = "none";
				if (r->veille != (pass ? R_WRONG : R_DESIGN))
					continue;
				if (!r->c->unexpected && r->c->has_start)
					iso_day(b, sizeof b, r->c->start);
				else if (!r->c->unexpected)
					snprintf(b, sizeof b, "a date");
				printf("  %s:%zu \"%s\": veille %s%s%s%s, "
				       "expected %s",
				       r->file, r->c->line, r->c->text, r->got,
				       r->expr[0] ? " (\"" : "", r->expr,
				       r->expr[0] ? "\")" : "", b);
				if (pr.ok && r->chrono >= 0)
					printf(", chrono-node %s",
					       r->chrono_got[0] ? r->chrono_got
								: "?");
				printf("\n");
				if (r->why)
					printf("      %s\n", r->why);
			}
		}
	}
done:
	if (sets)
		for (k = 0; k < nfiles; k++)
			vl__chrono_cases_free(&sets[k]);
	free(sets);
	free(fs);
	free(res);
	if (listed)
		for (k = 0; k < nfiles; k++)
			free(listed[k]);
	free(listed);
	return rc;
}
