/*
 * published.h — parsing of publication dates given as metadata.
 */
#ifndef VL_INGEST_PUBLISHED_H
#define VL_INGEST_PUBLISHED_H

#include <stdint.h>

/* 0 with *ts (Unix seconds, UTC) when s is an ISO 8601 date or
 * date-time; -1 otherwise. */
int vl__parse_published(const char *s, int64_t *ts);

#endif
