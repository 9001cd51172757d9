/*
 * store_int.h — what the store's files share: the handle and its cached
 * prepared statements.
 */
#ifndef VL_STORE_STORE_INT_H
#define VL_STORE_STORE_INT_H

#include <sqlite3.h>

#include "store/store.h"

enum {
	S_LOOKUP,
	S_INSERT,
	S_REPLACE,
	S_UPDATE_CLEAN,
	S_DEL_REMOVED,
	S_DEL_LINES,
	S_INS_REMOVED,
	S_INS_LINE,
	S_LINE_COUNT,
	S_LINE_ARTICLES,
	S_SAME_CLEAN,
	S_CLEAN_OF,
	S_DEL_PAIRS,
	S_DEL_PASSAGES,
	S_INS_PASSAGE,
	S_INS_PAIR,
	S_STORY_NEW,
	S_STORY_SAVE,
	S_STORY_RESCORE,
	S_STORY_RECOUNT,
	S_MOVE_STORY,
	S_ADD_COUNT,
	S_DEL_STORY,
	S_SET_STORY,
	S_STORY_OF,
	S_STATE_PUT,
	S_LINKED,
	S_ENT_BY_IDENT,
	S_ENT_NEW,
	S_ENT_KEY,
	S_ENT_UNKEY,
	S_ENT_PERSONS,
	S_ENT_COUNT,
	S_ENT_VARIANT,
	S_ENT_VARIANT_DROP,
	S_MENTION_ADD,
	S_MENTIONS_OF,
	S_MENTIONS_DEL,
	S_DATE_ADD,
	S_QUOTE_ADD,
	S_CLAIM_ADD,
	S_DATES_DEL,
	S_QUOTES_DEL,
	S_CLAIMS_DEL,
	S_PUBLISHED_DAY,
	N_STMT
};

struct vl_store {
	sqlite3 *db;
	sqlite3_stmt *stmt[N_STMT];
	char msg[256];
	int sticky; /* an error a call could not return (see store.h) */
};

int vl__store_fail(vl_store *st, int rc);
sqlite3_stmt *vl__store_stmt(vl_store *st, int which);
/* Step a statement that returns no row: 0 or the failure. */
int vl__store_step_done(vl_store *st, sqlite3_stmt *s);
/* Bind a string (static for the statement's use) or NULL. */
void vl__store_bind_text(sqlite3_stmt *s, int i, const char *v);

#endif
