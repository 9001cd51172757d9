/*
 * cli.h — what the veille commands share. The CLI uses only the public
 * header (veille.h).
 */
#ifndef VL_CLI_CLI_H
#define VL_CLI_CLI_H

#include "veille.h"

/* Exit codes (documented in docs/cli.md). */
enum {
	EXIT_OK = 0,
	EXIT_PARTIAL = 1,  /* some input was rejected; the rest is stored */
	EXIT_USAGE = 2,	   /* bad command line */
	EXIT_FAILURE_ = 3, /* I/O, storage or memory failure */
	EXIT_NOTFOUND = 4  /* no such article or story */
};

int cmd_ingest(int argc, char **argv);
int cmd_ls(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_dups(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_reuse(int argc, char **argv);
int cmd_compare(int argc, char **argv);
/* veille stories, story, why, recluster (cmd_stories.c) */
int cmd_stories(int argc, char **argv);
int cmd_story(int argc, char **argv);
int cmd_why(int argc, char **argv);
int cmd_recluster(int argc, char **argv);
/* veille entities, entity, mentions (cmd_entities.c) */
int cmd_entities(int argc, char **argv);
int cmd_entity(int argc, char **argv);
int cmd_mentions(int argc, char **argv);
/* veille dates, quotes, claims, timeline (cmd_extract.c) */
int cmd_dates(int argc, char **argv);
int cmd_quotes(int argc, char **argv);
int cmd_claims(int argc, char **argv);
int cmd_timeline(int argc, char **argv);
/* veille eval stories, veille eval similarity (cmd_eval_stories.c) */
int cli_eval_stories(int argc, char **argv);
int cli_eval_similarity(int argc, char **argv);
/* veille eval ner (cmd_eval_ner.c), eval variants (cmd_eval_names.c) */
int cli_eval_ner(int argc, char **argv);
int cli_eval_variants(int argc, char **argv);
/* veille eval dates (cmd_eval_dates.c), eval quotes (cmd_eval_quotes.c) */
int cli_eval_dates(int argc, char **argv);
int cli_eval_quotes(int argc, char **argv);

/* Create an empty temporary store for an evaluation: path gets its name
 * (empty on failure, said on stderr); 0 or an exit code. */
int cli_temp_store(char path[32]);
/* Remove a temporary store with its -wal and -shm files. */
void cli_temp_store_remove(const char *path);
/* Print a JSON value (cJSON), indented, on stdout and free it. */
struct cJSON;
void cli_print_json(struct cJSON *o);

/* The library's story defaults as text, for the usage messages, so that
 * they follow the library. */
#define CLI_STR_(x) #x
#define CLI_STR(x) CLI_STR_(x)
#define CLI_DEFAULT_THRESHOLD CLI_STR(VL_STORY_THRESHOLD)
#define CLI_DEFAULT_WINDOW_H CLI_STR(VL_STORY_WINDOW_H)

/* The store path: --db, else $VEILLE_DB, else ./veille.db. */
const char *cli_db_path(const char *opt);
/* Open the engine or print why not; returns an exit code. */
int cli_open(vl_engine **eng, const char *db_opt, int read_only);
/* The same with the engine's options (the story stage's, read_only). */
int cli_open_with(vl_engine **eng, const char *db_opt,
		  const vl_engine_options *o);
/* Print s on one line of at most max bytes: tabs and line breaks become
 * spaces (lists are tab-separated), a UTF-8 sequence is never cut, "…"
 * says something was left out. */
void cli_put_flat(const char *s, size_t max);
/* Print "veille: what: message" on stderr. */
void cli_error(const char *what, const char *msg);
/* Is --help / -h among argv? Prints usage and returns 1 if so. */
int cli_wants_help(int argc, char **argv, const char *usage);
/* Parse a size with an optional K/M/G suffix; -1 if invalid. */
long long cli_size(const char *s);
/* Parse a number in (0, max] (max 0: any positive number) into *out;
 * otherwise say why on stderr and return EXIT_USAGE. */
int cli_number(double *out, const char *s, double max);

#endif
