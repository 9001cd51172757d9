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
	EXIT_NOTFOUND = 4  /* no such article */
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

/* The store path: --db, else $VEILLE_DB, else ./veille.db. */
const char *cli_db_path(const char *opt);
/* Open the engine or print why not; returns an exit code. */
int cli_open(vl_engine **eng, const char *db_opt, int read_only);
/* Print "veille: what: message" on stderr. */
void cli_error(const char *what, const char *msg);
/* Is --help / -h among argv? Prints usage and returns 1 if so. */
int cli_wants_help(int argc, char **argv, const char *usage);
/* Parse a size with an optional K/M/G suffix; -1 if invalid. */
long long cli_size(const char *s);

#endif
