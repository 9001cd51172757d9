/*
 * calendar.c — calendar arithmetic of the date stage: civil days
 * (days since 1970-01-01, proleptic Gregorian, no time zone) from a year,
 * month and day and back, after H. Hinnant's days_from_civil and
 * civil_from_days ("chrono-Compatible Low-Level Date Algorithms"); the
 * weekday; months added with the day clamped; and the ISO 8601 text of a
 * date. No <time.h>: nothing here depends on a locale or a time zone.
 */
#include <stdio.h>
#include <string.h>

#include "dates/dates_int.h"

/* Floor division, for negative years and rolled-over months. */
static int64_t fdiv(int64_t a, int64_t b)
{
	int64_t q = a / b;
	return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

int32_t vl__days_from_civil(int64_t y, int64_t m, int64_t d)
{
	int64_t era, yoe, doy, doe, days;
	/* Months out of 1..12 roll into the years, as Date(y, m, d) does;
	 * years are bounded so the result fits (+- 5 million years). */
	y += fdiv(m - 1, 12);
	m = m - 1 - 12 * fdiv(m - 1, 12) + 1;
	if (y > 5000000)
		y = 5000000;
	if (y < -5000000)
		y = -5000000;
	if (d > 100000000)
		d = 100000000;
	if (d < -100000000)
		d = -100000000;
	y -= m <= 2;
	era = fdiv(y, 400);
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + 1 - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	days = era * 146097 + doe - 719468 + (d - 1);
	if (days > INT32_MAX / 2)
		days = INT32_MAX / 2;
	if (days < INT32_MIN / 2)
		days = INT32_MIN / 2;
	return (int32_t)days;
}

void vl__civil_from_days(int32_t days, int64_t *y, int *m, int *d)
{
	int64_t z = (int64_t)days + 719468;
	int64_t era = fdiv(z, 146097);
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int mm = (int)(mp < 10 ? mp + 3 : mp - 9);
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = mm;
	*y = yoe + era * 400 + (mm <= 2);
}

int vl__weekday(int32_t days)
{
	/* 1970-01-01 was a Thursday. */
	int64_t w = ((int64_t)days + 4) % 7;
	return (int)(w < 0 ? w + 7 : w);
}

int vl__days_in_month(int64_t y, int m)
{
	static const int len[12] = { 31, 28, 31, 30, 31, 30,
				     31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (m < 1 || m > 12)
		return 0;
	return len[m - 1] + (m == 2 && leap);
}

int32_t vl__add_months(int32_t day, int n)
{
	int64_t y;
	int m, d, ml;
	vl__civil_from_days(day, &y, &m, &d);
	y += fdiv((int64_t)m - 1 + n, 12);
	m = (int)((m - 1 + n) - 12 * fdiv((int64_t)m - 1 + n, 12)) + 1;
	ml = vl__days_in_month(y, m);
	return vl__days_from_civil(y, m, d > ml ? ml : d);
}

int32_t vl__days_from_unix(int64_t t)
{
	int64_t d = fdiv(t, 86400);
	if (d > INT32_MAX / 2)
		d = INT32_MAX / 2;
	if (d < INT32_MIN / 2)
		d = INT32_MIN / 2;
	return (int32_t)d;
}

int64_t vl__unix_from_days(int32_t days)
{
	return (int64_t)days * 86400;
}

/* "2025-03-13" (or "-0234-08-10") into buf; returns the length. */
static int ymd(char *buf, size_t cap, int32_t day, int parts)
{
	int64_t y;
	int m, d;
	vl__civil_from_days(day, &y, &m, &d);
	if (parts == 1)
		return snprintf(buf, cap, "%s%04lld", y < 0 ? "-" : "",
				(long long)(y < 0 ? -y : y));
	if (parts == 2)
		return snprintf(buf, cap, "%s%04lld-%02d", y < 0 ? "-" : "",
				(long long)(y < 0 ? -y : y), m);
	return snprintf(buf, cap, "%s%04lld-%02d-%02d", y < 0 ? "-" : "",
			(long long)(y < 0 ? -y : y), m, d);
}

/* Is [first, last] exactly one calendar month (1) or year (2)? */
static int whole(int32_t first, int32_t last)
{
	int64_t y1, y2;
	int m1, d1, m2, d2;
	vl__civil_from_days(first, &y1, &m1, &d1);
	vl__civil_from_days(last, &y2, &m2, &d2);
	if (d1 != 1 || y1 != y2)
		return 0;
	if (m1 == 1 && m2 == 12 && d2 == 31)
		return 2;
	if (m1 == m2 && d2 == vl__days_in_month(y2, m2))
		return 1;
	return 0;
}

size_t vl__date_iso(const vl_date *d, char *buf, size_t cap)
{
	static const char *const part[] = { "",	       "morning", "afternoon",
					    "evening", "night",	  "midday" };
	char a[32], b[32];
	int n = 0, w;

	if (!d || !buf || cap == 0)
		return 0;
	w = whole(d->first, d->last);
	if (d->first == d->last) {
		ymd(a, sizeof a, d->first, 3);
		if (d->gran == VL_GRAN_PART && d->part >= 1 && d->part <= 5)
			n = snprintf(buf, cap, "%s %s", a, part[d->part]);
		else
			n = snprintf(buf, cap, "%s", a);
	} else if (w == 2 && d->gran >= VL_GRAN_YEAR) {
		ymd(a, sizeof a, d->first, 1);
		n = snprintf(buf, cap, "%s", a);
	} else if (w == 1 && d->gran == VL_GRAN_MONTH) {
		ymd(a, sizeof a, d->first, 2);
		n = snprintf(buf, cap, "%s", a);
	} else {
		ymd(a, sizeof a, d->first, 3);
		ymd(b, sizeof b, d->last, 3);
		n = snprintf(buf, cap, "%s/%s", a, b);
	}
	if (n < 0)
		return 0;
	return (size_t)n < cap ? (size_t)n : cap - 1;
}
