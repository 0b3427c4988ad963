// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for timestamp processing (../tsproc.c): the E2E and P2P delay
 * arithmetic, the four tsproc modes with their weights, resets, and the
 * outlier rule of tsproc.h.
 */

#include <kunit/test.h>

#include "../tsproc.h"

#define NANO 1000000000LL

static void tsp_init(struct kunit *test, struct ptpk_tsproc *t,
		     enum ptpk_tsproc_mode mode, unsigned int len, u32 factor)
{
	KUNIT_ASSERT_EQ(test, ptpk_tsproc_init(t, mode, PTPK_FILTER_MMEDIAN,
					       len, factor), 0);
}

/* A Sync and a Delay_Req over a path of @d ns with the slave @o ns ahead. */
static void tsp_exchange(struct ptpk_tsproc *t, s64 base, s64 d, s64 o,
			 bool *outlier)
{
	ptpk_tsproc_down_ts(t, base, base + d + o);
	ptpk_tsproc_up_ts(t, base + 1000 + o, base + 1000 + d, outlier);
}

static void e2e_arithmetic(struct kunit *test)
{
	struct ptpk_tsproc t;
	s64 offset, weight;
	bool outlier;

	tsp_init(test, &t, PTPK_TSPROC_MODE_FILTER, 1, 0);
	/* no Sync yet: no delay, no offset */
	KUNIT_EXPECT_EQ(test, ptpk_tsproc_up_ts(&t, 10, 20, &outlier), -EAGAIN);
	KUNIT_EXPECT_EQ(test, ptpk_tsproc_offset(&t, &offset, &weight),
			-EAGAIN);
	ptpk_tsproc_down_ts(&t, 1000000, 1000000 + 500 + 77);
	/* a Sync without a delay measurement gives no offset in filter mode */
	KUNIT_EXPECT_EQ(test, ptpk_tsproc_offset(&t, &offset, &weight),
			-EAGAIN);
	KUNIT_EXPECT_EQ(test, ptpk_tsproc_up_ts(&t, 1002000 + 77,
						1002000 + 500, &outlier), 0);
	KUNIT_EXPECT_FALSE(test, outlier);
	KUNIT_EXPECT_EQ(test, t.filtered_delay, 500);
	KUNIT_EXPECT_EQ(test, ptpk_tsproc_offset(&t, &offset, &weight), 0);
	KUNIT_EXPECT_EQ(test, offset, 77);
	KUNIT_EXPECT_EQ(test, weight, NANO);
	/* odd sums round toward zero, as linuxptp's tmv_div */
	tsp_exchange(&t, 5000000, 501, 0, &outlier);
	ptpk_tsproc_up_ts(&t, 5001000, 5001000 + 500, &outlier);
	KUNIT_EXPECT_EQ(test, t.raw_delay, 500);	/* (501 + 500) / 2 */
	ptpk_tsproc_destroy(&t);
}

static void filter_vs_raw(struct kunit *test)
{
	static const s64 delays[] = { 500, 900, 510, 505 };
	struct ptpk_tsproc f, r;
	s64 offset, weight;
	bool outlier;
	size_t i;

	tsp_init(test, &f, PTPK_TSPROC_MODE_FILTER, 3, 0);
	tsp_init(test, &r, PTPK_TSPROC_MODE_RAW, 3, 0);
	for (i = 0; i < ARRAY_SIZE(delays); i++) {
		tsp_exchange(&f, (i + 1) * NANO, delays[i], 0, &outlier);
		tsp_exchange(&r, (i + 1) * NANO, delays[i], 0, &outlier);
	}
	/* window {900 510 505}: median 510 */
	KUNIT_EXPECT_EQ(test, f.filtered_delay, 510);
	/* last Sync over a 505 ns path, slave on time */
	KUNIT_EXPECT_EQ(test, ptpk_tsproc_offset(&f, &offset, &weight), 0);
	KUNIT_EXPECT_EQ(test, offset, 505 - 510);
	KUNIT_EXPECT_EQ(test, ptpk_tsproc_offset(&r, &offset, &weight), 0);
	KUNIT_EXPECT_EQ(test, offset, 0);
	KUNIT_EXPECT_EQ(test, weight, NANO);
	ptpk_tsproc_destroy(&f);
	ptpk_tsproc_destroy(&r);
}

static void weights(struct kunit *test)
{
	struct ptpk_tsproc t;
	s64 offset, weight;
	bool outlier;

	tsp_init(test, &t, PTPK_TSPROC_MODE_FILTER_WEIGHT, 3, 0);
	tsp_exchange(&t, NANO, 400, 0, &outlier);
	tsp_exchange(&t, 2 * NANO, 400, 0, &outlier);
	tsp_exchange(&t, 3 * NANO, 1000, 0, &outlier);
	/* filtered 400, raw 1000: weight 0.4 */
	KUNIT_EXPECT_EQ(test, ptpk_tsproc_offset(&t, &offset, &weight), 0);
	KUNIT_EXPECT_EQ(test, offset, 600);
	KUNIT_EXPECT_EQ(test, weight, 400000000);
	/* raw below filtered: weight 1 */
	tsp_exchange(&t, 4 * NANO, 100, 0, &outlier);
	tsp_exchange(&t, 5 * NANO, 100, 0, &outlier);
	KUNIT_EXPECT_EQ(test, ptpk_tsproc_offset(&t, &offset, &weight), 0);
	KUNIT_EXPECT_EQ(test, weight, NANO);
	ptpk_tsproc_destroy(&t);

	tsp_init(test, &t, PTPK_TSPROC_MODE_RAW_WEIGHT, 3, 0);
	tsp_exchange(&t, NANO, 400, 0, &outlier);
	tsp_exchange(&t, 2 * NANO, 400, 0, &outlier);
	tsp_exchange(&t, 3 * NANO, 800, 0, &outlier);
	KUNIT_EXPECT_EQ(test, ptpk_tsproc_offset(&t, &offset, &weight), 0);
	KUNIT_EXPECT_EQ(test, offset, 0);
	KUNIT_EXPECT_EQ(test, weight, 500000000);
	ptpk_tsproc_destroy(&t);
}

static void peer_delay(struct kunit *test)
{
	struct ptpk_tsproc t;
	s64 offset, weight;
	bool outlier;

	tsp_init(test, &t, PTPK_TSPROC_MODE_FILTER, 3, 0);
	ptpk_tsproc_down_ts(&t, NANO, NANO + 300 + 40);
	KUNIT_EXPECT_EQ(test, ptpk_tsproc_offset(&t, &offset, &weight),
			-EAGAIN);
	ptpk_tsproc_peer_delay(&t, 300, &outlier);
	KUNIT_EXPECT_EQ(test, ptpk_tsproc_offset(&t, &offset, &weight), 0);
	KUNIT_EXPECT_EQ(test, offset, 40);
	KUNIT_EXPECT_EQ(test, ptpk_tsproc_raw_delay(&t), 300);
	ptpk_tsproc_destroy(&t);
}

static void reset_keeps_delay(struct kunit *test)
{
	struct ptpk_tsproc t;
	s64 offset, weight;
	bool outlier;

	tsp_init(test, &t, PTPK_TSPROC_MODE_FILTER, 3, 0);
	tsp_exchange(&t, NANO, 700, 0, &outlier);
	ptpk_tsproc_reset(&t, false);
	KUNIT_EXPECT_EQ(test, ptpk_tsproc_offset(&t, &offset, &weight),
			-EAGAIN);
	ptpk_tsproc_down_ts(&t, 2 * NANO, 2 * NANO + 700);
	KUNIT_EXPECT_EQ(test, ptpk_tsproc_offset(&t, &offset, &weight), 0);
	KUNIT_EXPECT_EQ(test, offset, 0);
	ptpk_tsproc_reset(&t, true);
	ptpk_tsproc_down_ts(&t, 3 * NANO, 3 * NANO + 700);
	KUNIT_EXPECT_EQ(test, ptpk_tsproc_offset(&t, &offset, &weight),
			-EAGAIN);
	ptpk_tsproc_destroy(&t);
}

static void delay_outliers(struct kunit *test)
{
	struct ptpk_tsproc t;
	bool outlier;
	int i;

	tsp_init(test, &t, PTPK_TSPROC_MODE_FILTER, 5, 8);
	/* 1000 +- 20 ns: MAD about 20 ns, limit about 160 ns */
	for (i = 0; i < 20; i++) {
		tsp_exchange(&t, (i + 1) * NANO, 1000 + (i % 2 ? 20 : -20), 0,
			     &outlier);
		KUNIT_EXPECT_FALSE(test, outlier);
	}
	/* the filter is not fed while rejecting */
	for (i = 0; i < PTPK_TSPROC_MAX_REJECTS; i++) {
		tsp_exchange(&t, (30 + i) * NANO, 5000, 0, &outlier);
		KUNIT_EXPECT_TRUE_MSG(test, outlier, "reject %d", i);
		KUNIT_EXPECT_EQ(test, t.filtered_delay, 1020);
	}
	/* the next one in a row is a real change */
	tsp_exchange(&t, 40 * NANO, 5000, 0, &outlier);
	KUNIT_EXPECT_FALSE(test, outlier);
	/* within the limit again: accepted */
	tsp_exchange(&t, 41 * NANO, 1100, 0, &outlier);
	KUNIT_EXPECT_FALSE(test, outlier);
	ptpk_tsproc_destroy(&t);

	/* factor 0: nothing is ever rejected */
	tsp_init(test, &t, PTPK_TSPROC_MODE_FILTER, 5, 0);
	for (i = 0; i < 10; i++)
		tsp_exchange(&t, (i + 1) * NANO, 1000, 0, &outlier);
	tsp_exchange(&t, 20 * NANO, 900000, 0, &outlier);
	KUNIT_EXPECT_FALSE(test, outlier);
	ptpk_tsproc_destroy(&t);
}

static void offset_outliers(struct kunit *test)
{
	struct ptpk_tsproc t;
	int i;

	tsp_init(test, &t, PTPK_TSPROC_MODE_FILTER, 5, 8);
	for (i = 0; i < 32; i++) {
		s64 v = i % 2 ? 30 : -30;

		KUNIT_EXPECT_FALSE(test, ptpk_tsproc_offset_outlier(&t, v));
	}
	/* MAD 30 ns: the limit is 240 ns */
	KUNIT_EXPECT_FALSE(test, ptpk_tsproc_offset_outlier(&t, 200));
	KUNIT_EXPECT_TRUE(test, ptpk_tsproc_offset_outlier(&t, -100000));
	KUNIT_EXPECT_FALSE(test, ptpk_tsproc_offset_outlier(&t, 10));
	for (i = 0; i < PTPK_TSPROC_MAX_REJECTS; i++)
		KUNIT_EXPECT_TRUE(test, ptpk_tsproc_offset_outlier(&t, 5000));
	KUNIT_EXPECT_FALSE(test, ptpk_tsproc_offset_outlier(&t, 5000));
	ptpk_tsproc_destroy(&t);
}

static void bad_config(struct kunit *test)
{
	struct ptpk_tsproc t;

	KUNIT_EXPECT_EQ(test, ptpk_tsproc_init(&t, 0, PTPK_FILTER_MMEDIAN, 10,
					       0), -EINVAL);
	KUNIT_EXPECT_EQ(test, ptpk_tsproc_init(&t, PTPK_TSPROC_MODE_MAX + 1,
					       PTPK_FILTER_MMEDIAN, 10, 0),
			-EINVAL);
	KUNIT_EXPECT_NE(test, ptpk_tsproc_init(&t, PTPK_TSPROC_MODE_RAW,
					       PTPK_FILTER_MAVE, 0, 0), 0);
}

static struct kunit_case ptpk_tsproc_cases[] = {
	KUNIT_CASE(e2e_arithmetic),
	KUNIT_CASE(filter_vs_raw),
	KUNIT_CASE(weights),
	KUNIT_CASE(peer_delay),
	KUNIT_CASE(reset_keeps_delay),
	KUNIT_CASE(delay_outliers),
	KUNIT_CASE(offset_outliers),
	KUNIT_CASE(bad_config),
	{}
};

static struct kunit_suite ptpk_tsproc_suite = {
	.name = "ptpk-tsproc",
	.test_cases = ptpk_tsproc_cases,
};

kunit_test_suite(ptpk_tsproc_suite);
