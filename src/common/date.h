/* date.h (internal): calendar arithmetic shared by the stages, on the
 * proleptic Gregorian calendar, days counted from 1970-01-01 (Howard
 * Hinnant's days_from_civil / civil_from_days, written out).  Pure
 * functions, thread-safe.
 *
 * Users: the report's date spans (src/render/report/report.c), the outlet
 * network's lags (src/explain/reuse/reuse_outlets.c).  Not yet: grouping's
 * concord_day_number (src/group/dedup.c) and the reader's date validation
 * (src/read/article.c) keep their own (README design section). */
#ifndef CONCORD_COMMON_DATE_H
#define CONCORD_COMMON_DATE_H

/* Reads "YYYY-MM-DD" (ten leading characters, digits where digits go;
 * more text may follow) into *y, *m, *d; 1 when it is one with month 1..12
 * and day 1..31, else 0. */
int concord__date_parse(const char *s, int *y, int *m, int *d);

/* Days since 1970-01-01 of y-m-d (m 1..12). */
long concord__date_days(long y, int m, int d);

/* The y-m-d of a day number (the inverse of concord__date_days). */
void concord__date_civil(long days, int *y, int *m, int *d);

#endif
