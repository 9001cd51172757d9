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

#endif
