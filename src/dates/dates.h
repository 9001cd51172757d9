/*
 * dates.h — temporal expressions of an article (pure: text in, dates
 * out), French first then English: absolute ("jeudi 13 mars 2025", "le 28
 * février", "fin juillet 2024", "en 2024") and relative to the
 * publication date ("vendredi", "jeudi soir", "hier", "la veille", "la
 * semaine prochaine", "l'année dernière", "il y a trois ans", "depuis six
 * mois", "en début de semaine"), read as news reads them: a bare weekday
 * is the latest such day on or before publication unless tense or
 * context says the future.
 *
 * A date is an interval of civil days [first, last] (days since
 * 1970-01-01, proleptic Gregorian, no time zone), with the granularity
 * it was written at.
 */
#ifndef VL_DATES_DATES_H
#define VL_DATES_DATES_H

#include <stddef.h>
#include <stdint.h>

#include "veille.h"

enum {
	VL_GRAN_DAY = 1, /* one day ("jeudi", "le 28 février") */
	VL_GRAN_WEEK,	 /* a week ("la semaine prochaine") */
	VL_GRAN_MONTH,	 /* a month ("en août dernier") */
	VL_GRAN_QUARTER, /* ("au premier trimestre") */
	VL_GRAN_YEAR,	 /* ("en 2024", "l'année dernière") */
	VL_GRAN_DECADE,	 /* ("dans les années 1990") */
	VL_GRAN_PART	 /* part of a day: day + part ("jeudi soir") */
};

/* Flags of a date. */
#define VL_DATE_RELATIVE 0x1u /* resolved against the reference date */
#define VL_DATE_FUTURE 0x2u   /* read as a future date */
#define VL_DATE_APPROX 0x4u   /* "vers", "fin", "début", "bientôt" */
#define VL_DATE_DURATION 0x8u /* a span ("depuis six mois") */

typedef struct vl_date {
	uint32_t start, end; /* bytes of the expression in the text */
	int32_t first, last; /* civil days, first <= last */
	uint8_t gran;	     /* VL_GRAN_* */
	uint8_t part;	     /* with VL_GRAN_PART: 1 morning, 2 afternoon,
				3 evening, 4 night, 5 midday */
	uint8_t flags;	     /* VL_DATE_* */
} vl_date;

typedef struct vl_dates {
	vl_date *v; /* in text order */
	size_t n;
} vl_dates;

/* Civil day of a Unix time (UTC) and back (midnight UTC). */
int32_t vl__days_from_unix(int64_t t);
int64_t vl__unix_from_days(int32_t days);

/*
 * The dates of `text` (len bytes, analysed as `an`), relative ones
 * resolved against the civil day `ref` (the publication date; INT32_MIN
 * when unknown: relative expressions are then left out). lang: ISO 639-1
 * or NULL ("fr" rules, and "en"). 0 or VL_ENOMEM (*out then empty).
 * Thread-safe.
 */
int vl__dates_find(vl_dates *out, const char *text, size_t len,
		   const vl_analysis *an, int32_t ref, const char *lang);
void vl__dates_free(vl_dates *d);

/* Civil days of a proleptic Gregorian date (month 1-12; a day or month
 * out of range rolls over, as JavaScript's Date does) and back; the
 * weekday of a civil day (0 Sunday .. 6 Saturday). H. Hinnant's
 * days_from_civil / civil_from_days ("chrono-compatible low-level date
 * algorithms"). */
int32_t vl__days_from_civil(int64_t y, int64_t m, int64_t d);
void vl__civil_from_days(int32_t days, int64_t *y, int *m, int *d);
int vl__weekday(int32_t days);

/*
 * How an expression whose day the text leaves open is read (a bare
 * weekday, a day and month without a year, "la semaine prochaine"):
 * VL_READ_NEWS is veille's reading (docs/dates.md); the two others are
 * chrono-node's, for `veille eval dates`: NEAREST its default (the
 * nearest date; relative units are points: "le mois dernier" is the
 * reference minus a month), FORWARD its forwardDate option (on or after
 * the reference).
 */
enum { VL_READ_NEWS = 0, VL_READ_NEAREST, VL_READ_FORWARD };

typedef struct vl_dates_opts {
	int reading;	/* VL_READ_* */
	int ref_minute; /* minute of the day of the reference, -1: unknown */
} vl_dates_opts;
#define VL_DATES_OPTS_INIT       \
	{                        \
		VL_READ_NEWS, -1 \
	}

/* vl__dates_find with options (NULL: the defaults). */
int vl__dates_find_opts(vl_dates *out, const char *text, size_t len,
			const vl_analysis *an, int32_t ref, const char *lang,
			const vl_dates_opts *opts);

/* The date as ISO 8601 into buf: "2025-03-13", "2025-03", "2025",
 * "2025-W11", "2025-03-13T18" style for parts is not used: a part gives
 * the day and the part name ("2025-03-13 evening"); an interval of
 * several units "2025-03-10/2025-03-16". Returns the length. */
size_t vl__date_iso(const vl_date *d, char *buf, size_t cap);

/*
 * When an article has no publication date: the day its text gives, from
 * a dateline ("MOSCOU, 14 mars (AFP) -"), a "Publié le ..." line, or its
 * latest explicit absolute date of day granularity; 1 and *day set when
 * found, else 0. `d` holds the absolute dates found with ref = INT32_MIN.
 */
int vl__dates_infer_published(const char *text, size_t len,
			      const vl_analysis *an, const vl_dates *d,
			      int32_t *day);

#endif
