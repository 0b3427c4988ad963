// SPDX-License-Identifier: GPL-2.0
/* Summary statistics: known values, population stddev, ptp4l's line. */
#include <math.h>

#include "stats.h"
#include "tests.h"

#define CHECK_DBL(a, b) do {						\
	double _a = (a), _b = (b);					\
	if (fabs(_a - _b) > 1e-9 * fmax(1.0, fabs(_b)))			\
		FAIL("%s == %.12g, expected %.12g", #a, _a, _b);	\
} while (0)

static void add_all(struct stats *s, const double *v, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		stats_add(s, v[i]);
}

static int test_stats_known(void)
{
	static const double off[] = { -3, 1, 4, -2 };
	static const double freq[] = { 100, 102, 104, 106 };
	struct stats s = { 0 };
	struct stats_result r;

	add_all(&s, off, 4);
	CHECK_INT(stats_count(&s), 4);
	CHECK_INT(stats_get(&s, &r), 0);
	CHECK_DBL(r.mean, 0);
	CHECK_DBL(r.rms, sqrt(30.0 / 4));	/* (9 + 1 + 16 + 4) / 4 */
	CHECK_DBL(r.max_abs, 4);
	CHECK_DBL(r.min, -3);
	CHECK_DBL(r.max, 4);

	stats_reset(&s);
	add_all(&s, freq, 4);
	CHECK_INT(stats_get(&s, &r), 0);
	CHECK_DBL(r.mean, 103);
	/* Population: (9 + 1 + 1 + 9) / 4 = 5; the sample one would be 20/3. */
	CHECK_DBL(r.stddev, sqrt(5.0));
	CHECK_DBL(r.rms, sqrt((10000.0 + 10404 + 10816 + 11236) / 4));
	return 0;
}

static int test_stats_max_abs_negative(void)
{
	struct stats s = { 0 };
	struct stats_result r;

	stats_add(&s, 3);
	stats_add(&s, -10);
	stats_add(&s, 7);
	CHECK_INT(stats_get(&s, &r), 0);
	CHECK_DBL(r.max_abs, 10);
	CHECK_DBL(r.min, -10);
	CHECK_DBL(r.max, 7);
	return 0;
}

static int test_stats_single_and_empty(void)
{
	struct stats s = { 0 };
	struct stats_result r = { .mean = 42 };

	CHECK_INT(stats_get(&s, &r), -1);
	CHECK_DBL(r.mean, 42);		/* untouched */
	stats_add(&s, -5);
	CHECK_INT(stats_get(&s, &r), 0);
	CHECK_DBL(r.mean, -5);
	CHECK_DBL(r.stddev, 0);
	CHECK_DBL(r.rms, 5);
	CHECK_DBL(r.max_abs, 5);
	stats_reset(&s);
	CHECK_INT(stats_count(&s), 0);
	CHECK_INT(stats_get(&s, &r), -1);
	/* min/max restart after a reset: not stuck at the old -5. */
	stats_add(&s, 2);
	stats_add(&s, 1);
	CHECK_INT(stats_get(&s, &r), 0);
	CHECK_DBL(r.min, 1);
	CHECK_DBL(r.max, 2);
	return 0;
}

/* Large, close values: the naive sum-of-squares formula loses this. */
static int test_stats_stable(void)
{
	struct stats s = { 0 };
	struct stats_result r;
	int i;

	for (i = 0; i < 3000; i++)
		stats_add(&s, 1e9 + (i % 3));	/* 0, 1, 2 repeating */
	CHECK_INT(stats_get(&s, &r), 0);
	CHECK_DBL(r.mean, 1e9 + 1);
	if (fabs(r.stddev - sqrt(2.0 / 3)) > 1e-6)
		FAIL("stddev %.12g", r.stddev);
	return 0;
}

static int test_stats_summary_line(void)
{
	static const double off[] = { -3, 1, 4, -2 };
	static const double freq[] = { -12000, -12010, -12004, -12002 };
	static const double delay[] = { 500, 502, 504 };
	struct stats o = { 0 }, f = { 0 }, d = { 0 };
	char buf[128];

	add_all(&o, off, 4);
	add_all(&f, freq, 4);
	/* freq mean -12004, population stddev sqrt((16+36+0+4)/4) = 3.74 */
	CHECK_INT(stats_summary(buf, sizeof(buf), &o, &f, &d), 37);
	CHECK_STR(buf, "rms    3 max    4 freq -12004 +/-   4");
	CHECK_INT(stats_summary(buf, sizeof(buf), &o, &f, NULL), 37);
	CHECK_STR(buf, "rms    3 max    4 freq -12004 +/-   4");
	add_all(&d, delay, 3);
	/* delay mean 502, population stddev sqrt(8/3) = 1.63 */
	stats_summary(buf, sizeof(buf), &o, &f, &d);
	CHECK_STR(buf,
		  "rms    3 max    4 freq -12004 +/-   4 delay   502 +/-   2");
	return 0;
}

static const struct test stats_tests[] = {
	{ "stats: rms, max, mean, population stddev", test_stats_known },
	{ "stats: max_abs of a negative extreme", test_stats_max_abs_negative },
	{ "stats: empty, single value, reset", test_stats_single_and_empty },
	{ "stats: stable for large close values", test_stats_stable },
	{ "stats: ptp4l summary line", test_stats_summary_line },
	{ NULL, NULL },
};

TEST_SUITE(stats_tests);
