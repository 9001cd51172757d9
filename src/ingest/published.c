/*
 * published.c — publication dates from metadata: ISO 8601 dates and
 * date-times (2025, 2025-03, 2025-03-14, 2025-03-14T09:12:00+01:00, with
 * a space instead of T, with or without seconds and fractions). The
 * instant is kept as Unix seconds (UTC; a date alone means its first
 * instant in UTC) so articles sort by publication time.
 */
#include <string.h>
#include <time.h>

#include "ingest/published.h"

static int digits(const char *s, int n, int *v)
{
	*v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		*v = *v * 10 + (s[i] - '0');
	}
	return 1;
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian; H. Hinnant's
 * days_from_civil). */
static int64_t days_from_civil(int y, int m, int d)
{
	int64_t era, yoe, doy, doe;
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int days_in_month(int y, int m)
{
	static const int dm[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dm[m - 1];
}

int vl__parse_published(const char *s, int64_t *ts)
{
	size_t n = strlen(s);
	int y, mo = 1, d = 1, h = 0, mi = 0, se = 0, oh = 0, om = 0, sign = 0;
	size_t i = 4;

	if (n < 4 || !digits(s, 4, &y))
		return -1;
	if (i < n) {
		if (s[i] != '-' || n < i + 3 || !digits(s + i + 1, 2, &mo))
			return -1;
		i += 3;
	}
	if (i < n) {
		if (s[i] != '-' || n < i + 3 || !digits(s + i + 1, 2, &d))
			return -1;
		i += 3;
	}
	if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo))
		return -1;
	if (i < n) {
		if ((s[i] != 'T' && s[i] != ' ') || n < i + 6 ||
		    !digits(s + i + 1, 2, &h) || s[i + 3] != ':' ||
		    !digits(s + i + 4, 2, &mi))
			return -1;
		i += 6;
		if (i < n && s[i] == ':') {
			if (n < i + 3 || !digits(s + i + 1, 2, &se))
				return -1;
			i += 3;
			if (i < n && (s[i] == '.' || s[i] == ','))
				for (i++; i < n && s[i] >= '0' && s[i] <= '9';
				     i++)
					;
		}
		if (h > 23 || mi > 59 || se > 60)
			return -1;
		if (i < n && s[i] == 'Z') {
			i++;
		} else if (i < n && (s[i] == '+' || s[i] == '-')) {
			sign = s[i] == '-' ? -1 : 1;
			if (n >= i + 6 && s[i + 3] == ':' &&
			    digits(s + i + 1, 2, &oh) &&
			    digits(s + i + 4, 2, &om))
				i += 6;
			else if (n >= i + 5 && digits(s + i + 1, 2, &oh) &&
				 digits(s + i + 3, 2, &om))
				i += 5;
			else if (n >= i + 3 && digits(s + i + 1, 2, &oh))
				i += 3;
			else
				return -1;
		}
	}
	if (i != n)
		return -1;
	*ts = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se -
	      sign * (oh * 3600 + om * 60);
	return 0;
}
