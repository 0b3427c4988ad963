// SPDX-License-Identifier: GPL-2.0
/* Leap second bookkeeping as ptp4l 3.1.1's (leap.h); pure functions only. */
#include "leap.h"
#include "tests.h"

#define S	1000000000ULL
#define DAY	(86400ULL * S)
/* 2016-12-31 00:00:00 UTC, the day of the last leap second */
#define D0	(1483142400ULL * S)

static int test_leap_status(void)
{
	int leap, utc;

	/* flagged in the afternoon: taken up */
	leap = 1, utc = 36;
	CHECK_INT(leap_second_status(D0 + 12 * 3600 * S, 0, &leap, &utc), 1);
	CHECK_INT(leap, 1);
	CHECK_INT(utc, 36);
	/* flagged before 6:00: the last midnight's, late; already happened */
	leap = 1, utc = 36;
	CHECK_INT(leap_second_status(D0 + 5 * 3600 * S, 0, &leap, &utc), 0);
	CHECK_INT(leap, 0);
	CHECK_INT(utc, 37);
	/* pending, and the master dropped the flag before midnight */
	leap = 0, utc = 36;
	CHECK_INT(leap_second_status(D0 + 23 * 3600 * S, 1, &leap, &utc), 1);
	CHECK_INT(leap, 1);
	CHECK_INT(utc, 35);
	/* after midnight the pending leap is over, a late flag ignored */
	leap = 1, utc = 36;
	CHECK_INT(leap_second_status(D0 + DAY + 60 * S, 1, &leap, &utc), 0);
	CHECK_INT(leap, 0);
	CHECK_INT(utc, 37);
	/* a deletion */
	leap = -1, utc = 37;
	CHECK_INT(leap_second_status(D0 + 20 * 3600 * S, 0, &leap, &utc), -1);
	/* nothing announced, nothing pending */
	leap = 0, utc = 37;
	CHECK_INT(leap_second_status(D0 + 20 * 3600 * S, 0, &leap, &utc), 0);
	CHECK_INT(utc, 37);
	return 0;
}

static int test_leap_ambiguous(void)
{
	CHECK(!leap_utc_ambiguous(D0 + DAY - S - 1));
	CHECK(leap_utc_ambiguous(D0 + DAY - S));
	CHECK(leap_utc_ambiguous(D0 + DAY - 1));
	CHECK(!leap_utc_ambiguous(D0 + DAY));
	CHECK(!leap_utc_ambiguous(D0 + 12 * 3600 * S));
	return 0;
}

static const struct test leap_tests[] = {
	{ "leap: leap61/leap59 taken up after 6:00, dropped after midnight",
	  test_leap_status },
	{ "leap: the last second of a day is ambiguous", test_leap_ambiguous },
	{ NULL, NULL },
};

TEST_SUITE(leap_tests);
