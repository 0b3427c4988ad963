// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the delay filters (../filter.c). Built into a KUnit kernel
 * by scripts/kunit, which copies kmod/ into a kernel tree and uses
 * Kbuild.kunit as the directory's Makefile.
 */

#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/limits.h>

#include "../filter.h"

struct ptpk_filter_case {
	s64 in;
	s64 out;
};

static void ptpk_filter_init_ok(struct kunit *test, struct ptpk_filter *f,
				enum ptpk_filter_type type, unsigned int len)
{
	KUNIT_ASSERT_EQ(test, ptpk_filter_init(f, type, len), 0);
}

static void ptpk_filter_check(struct kunit *test, struct ptpk_filter *f,
			      const struct ptpk_filter_case *c, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		KUNIT_EXPECT_EQ_MSG(test, ptpk_filter_sample(f, c[i].in),
				    c[i].out, "sample %zu (%lld)", i, c[i].in);
}

static void mmedian_len1(struct kunit *test)
{
	static const struct ptpk_filter_case c[] = {
		{ 5, 5 }, { -3, -3 }, { 100, 100 }, { 0, 0 },
	};
	struct ptpk_filter f;

	ptpk_filter_init_ok(test, &f, PTPK_FILTER_MMEDIAN, 1);
	ptpk_filter_check(test, &f, c, ARRAY_SIZE(c));
	ptpk_filter_destroy(&f);
}

static void mmedian_odd_len(struct kunit *test)
{
	static const struct ptpk_filter_case c[] = {
		{ 5, 5 },	/* {5} */
		{ 1, 3 },	/* {1 5} */
		{ 3, 3 },	/* {1 3 5} */
		{ 10, 3 },	/* {1 3 10}: 5 dropped */
		{ 7, 7 },	/* {3 7 10} */
		{ 8, 8 },	/* {7 8 10} */
		{ 0, 7 },	/* {0 7 8} */
	};
	struct ptpk_filter f;

	ptpk_filter_init_ok(test, &f, PTPK_FILTER_MMEDIAN, 3);
	ptpk_filter_check(test, &f, c, ARRAY_SIZE(c));
	ptpk_filter_destroy(&f);
}

static void mmedian_even_len(struct kunit *test)
{
	static const struct ptpk_filter_case c[] = {
		{ 10, 10 },	/* {10} */
		{ 20, 15 },	/* {10 20} */
		{ 0, 10 },	/* {0 10 20} */
		{ 40, 15 },	/* {0 10 20 40} */
		{ 30, 25 },	/* {0 20 30 40}: 10 dropped */
		{ 1, 15 },	/* {0 1 30 40}: 20 dropped, 31 / 2 */
		{ 2, 16 },	/* {1 2 30 40}: 0 dropped */
		{ 3, 2 },	/* {1 2 3 30}: 40 dropped, 5 / 2 */
	};
	struct ptpk_filter f;

	ptpk_filter_init_ok(test, &f, PTPK_FILTER_MMEDIAN, 4);
	ptpk_filter_check(test, &f, c, ARRAY_SIZE(c));
	ptpk_filter_destroy(&f);
}

static void mmedian_window_slides(struct kunit *test)
{
	struct ptpk_filter f;
	int i;

	ptpk_filter_init_ok(test, &f, PTPK_FILTER_MMEDIAN, 5);
	for (i = 0; i < 5; i++)
		ptpk_filter_sample(&f, 1000);
	/* Outliers need a majority of the window to move the median. */
	KUNIT_EXPECT_EQ(test, ptpk_filter_sample(&f, 1000000), 1000);
	KUNIT_EXPECT_EQ(test, ptpk_filter_sample(&f, 1000000), 1000);
	KUNIT_EXPECT_EQ(test, ptpk_filter_sample(&f, 1000000), 1000000);
	/* After len more samples the old ones are gone entirely. */
	for (i = 0; i < 5; i++)
		ptpk_filter_sample(&f, 7);
	KUNIT_EXPECT_EQ(test, ptpk_filter_sample(&f, 9), 7);
	ptpk_filter_destroy(&f);
}

static void mmedian_duplicates(struct kunit *test)
{
	static const struct ptpk_filter_case c[] = {
		{ 4, 4 }, { 4, 4 }, { 4, 4 }, { 1, 4 }, { 1, 1 }, { 1, 1 },
		{ 4, 1 }, { 4, 4 }, { 4, 4 },
	};
	struct ptpk_filter f;

	ptpk_filter_init_ok(test, &f, PTPK_FILTER_MMEDIAN, 3);
	ptpk_filter_check(test, &f, c, ARRAY_SIZE(c));
	ptpk_filter_destroy(&f);
}

static void mmedian_negative(struct kunit *test)
{
	static const struct ptpk_filter_case c[] = {
		{ -1, -1 },
		{ -2, -1 },	/* trunc(-3 / 2) = -1, as linuxptp */
		{ -10, -2 },
		{ -7, -4 },	/* {-10 -7 -2 -1}: trunc(-9 / 2) */
	};
	struct ptpk_filter f;

	ptpk_filter_init_ok(test, &f, PTPK_FILTER_MMEDIAN, 4);
	ptpk_filter_check(test, &f, c, ARRAY_SIZE(c));
	/* {-10 -7 -2 3}: -1 dropped, trunc((-7 + -2) / 2) = -4 */
	KUNIT_EXPECT_EQ(test, ptpk_filter_sample(&f, 3), -4);
	/* {-10 -7 3 5}: -2 dropped, trunc((-7 + 3) / 2) = -2 */
	KUNIT_EXPECT_EQ(test, ptpk_filter_sample(&f, 5), -2);
	/* {-7 -1 3 5}: -10 dropped, trunc((-1 + 3) / 2) = 1 */
	KUNIT_EXPECT_EQ(test, ptpk_filter_sample(&f, -1), 1);
	/* {-2 -1 3 5}: -7 dropped, trunc(2 / 2) = 1 */
	KUNIT_EXPECT_EQ(test, ptpk_filter_sample(&f, -2), 1);
	/* {-4 5 -1 -2}: 3 dropped, trunc(-3 / 2) = -1 (floor would be -2) */
	KUNIT_EXPECT_EQ(test, ptpk_filter_sample(&f, -4), -1);
	ptpk_filter_destroy(&f);
}

static void mmedian_large(struct kunit *test)
{
	struct ptpk_filter f;

	ptpk_filter_init_ok(test, &f, PTPK_FILTER_MMEDIAN, 2);
	KUNIT_EXPECT_EQ(test, ptpk_filter_sample(&f, S64_MAX), S64_MAX);
	KUNIT_EXPECT_EQ(test, ptpk_filter_sample(&f, S64_MAX - 1),
			S64_MAX - 1);
	KUNIT_EXPECT_EQ(test, ptpk_filter_sample(&f, S64_MAX), S64_MAX - 1);
	KUNIT_EXPECT_EQ(test, ptpk_filter_sample(&f, S64_MAX), S64_MAX);
	/* trunc((S64_MIN + S64_MAX) / 2) = trunc(-1 / 2) = 0 */
	KUNIT_EXPECT_EQ(test, ptpk_filter_sample(&f, S64_MIN), 0);
	KUNIT_EXPECT_EQ(test, ptpk_filter_sample(&f, S64_MIN + 1),
			S64_MIN + 1);
	KUNIT_EXPECT_EQ(test, ptpk_filter_sample(&f, S64_MIN), S64_MIN + 1);
	KUNIT_EXPECT_EQ(test, ptpk_filter_sample(&f, S64_MIN), S64_MIN);
	ptpk_filter_destroy(&f);
}

static void mmedian_reset(struct kunit *test)
{
	struct ptpk_filter f;

	ptpk_filter_init_ok(test, &f, PTPK_FILTER_MMEDIAN, 3);
	ptpk_filter_sample(&f, 100);
	ptpk_filter_sample(&f, 200);
	ptpk_filter_sample(&f, 300);
	ptpk_filter_reset(&f);
	KUNIT_EXPECT_EQ(test, f.cnt, 0U);
	KUNIT_EXPECT_EQ(test, ptpk_filter_sample(&f, 1), 1);
	KUNIT_EXPECT_EQ(test, ptpk_filter_sample(&f, 3), 2);
	KUNIT_EXPECT_EQ(test, ptpk_filter_sample(&f, 2), 2);
	KUNIT_EXPECT_EQ(test, ptpk_filter_sample(&f, 9), 3);
	ptpk_filter_destroy(&f);
}

/* Deterministic pseudo-random numbers (numerical recipes LCG). */
static u64 ptpk_test_rand(u64 *state)
{
	*state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
	return *state;
}

/* Median of v[0..n) by sorting a copy, the obvious way. */
static s64 ptpk_ref_median(const s64 *v, unsigned int n)
{
	s64 s[16];
	unsigned int i, j;
	s64 x;

	for (i = 0; i < n; i++) {
		x = v[i];
		for (j = i; j > 0 && s[j - 1] > x; j--)
			s[j] = s[j - 1];
		s[j] = x;
	}
	if (n % 2)
		return s[n / 2];
	return (s[n / 2 - 1] + s[n / 2]) / 2;
}

static void mmedian_matches_reference(struct kunit *test)
{
	unsigned int len, i, n;
	struct ptpk_filter f;
	u64 seed = 42;
	s64 win[16];

	for (len = 1; len <= 16; len++) {
		ptpk_filter_init_ok(test, &f, PTPK_FILTER_MMEDIAN, len);
		for (i = 0; i < 200; i++) {
			/* Values in [-500, 500): many duplicates and signs. */
			s64 x = (s64)(ptpk_test_rand(&seed) >> 33) % 1000 - 500;

			win[i % len] = x;
			n = min(i + 1, len);
			KUNIT_ASSERT_EQ_MSG(test, ptpk_filter_sample(&f, x),
					    ptpk_ref_median(win, n),
					    "len %u sample %u", len, i);
		}
		ptpk_filter_destroy(&f);
	}
}

static void mave_len1(struct kunit *test)
{
	static const struct ptpk_filter_case c[] = {
		{ 5, 5 }, { -3, -3 }, { 100, 100 },
	};
	struct ptpk_filter f;

	ptpk_filter_init_ok(test, &f, PTPK_FILTER_MAVE, 1);
	ptpk_filter_check(test, &f, c, ARRAY_SIZE(c));
	ptpk_filter_destroy(&f);
}

static void mave_window(struct kunit *test)
{
	static const struct ptpk_filter_case c[] = {
		{ 1, 1 },	/* 1 / 1 */
		{ 2, 1 },	/* 3 / 2 */
		{ 3, 2 },	/* 6 / 3 */
		{ 4, 2 },	/* 10 / 4 */
		{ 5, 3 },	/* (2 + 3 + 4 + 5) / 4 = 14 / 4 */
		{ 10, 5 },	/* 22 / 4 */
		{ 10, 7 },	/* 29 / 4 */
		{ 10, 8 },	/* 35 / 4 */
		{ 10, 10 },	/* 40 / 4 */
	};
	struct ptpk_filter f;

	ptpk_filter_init_ok(test, &f, PTPK_FILTER_MAVE, 4);
	ptpk_filter_check(test, &f, c, ARRAY_SIZE(c));
	ptpk_filter_destroy(&f);
}

static void mave_odd_len(struct kunit *test)
{
	static const struct ptpk_filter_case c[] = {
		{ 9, 9 }, { 0, 4 }, { 0, 3 }, { 0, 0 }, { 6, 2 }, { 6, 4 },
	};
	struct ptpk_filter f;

	ptpk_filter_init_ok(test, &f, PTPK_FILTER_MAVE, 3);
	ptpk_filter_check(test, &f, c, ARRAY_SIZE(c));
	ptpk_filter_destroy(&f);
}

static void mave_negative(struct kunit *test)
{
	static const struct ptpk_filter_case c[] = {
		{ -1, -1 },
		{ -2, -1 },	/* trunc(-3 / 2), as linuxptp's tmv_div */
		{ -6, -3 },
		{ 1, -2 },	/* {-2 -6 1}: trunc(-7 / 3) */
		{ 9, 1 },	/* {-6 1 9}: 4 / 3 */
	};
	struct ptpk_filter f;

	ptpk_filter_init_ok(test, &f, PTPK_FILTER_MAVE, 3);
	ptpk_filter_check(test, &f, c, ARRAY_SIZE(c));
	ptpk_filter_destroy(&f);
}

static void mave_large(struct kunit *test)
{
	struct ptpk_filter f;
	unsigned int i;

	ptpk_filter_init_ok(test, &f, PTPK_FILTER_MAVE, PTPK_FILTER_MAX_LEN);
	for (i = 0; i < 3 * PTPK_FILTER_MAX_LEN; i++)
		KUNIT_ASSERT_EQ(test,
				ptpk_filter_sample(&f, PTPK_FILTER_MAVE_MAX),
				PTPK_FILTER_MAVE_MAX);
	for (i = 0; i < PTPK_FILTER_MAX_LEN; i++)
		ptpk_filter_sample(&f, -PTPK_FILTER_MAVE_MAX);
	KUNIT_EXPECT_EQ(test, ptpk_filter_sample(&f, -PTPK_FILTER_MAVE_MAX),
			-PTPK_FILTER_MAVE_MAX);
	ptpk_filter_destroy(&f);
}

static void mave_clamps(struct kunit *test)
{
	struct ptpk_filter f;

	ptpk_filter_init_ok(test, &f, PTPK_FILTER_MAVE, 2);
	KUNIT_EXPECT_EQ(test, ptpk_filter_sample(&f, S64_MAX),
			PTPK_FILTER_MAVE_MAX);
	KUNIT_EXPECT_EQ(test, ptpk_filter_sample(&f, S64_MAX),
			PTPK_FILTER_MAVE_MAX);
	KUNIT_EXPECT_EQ(test, ptpk_filter_sample(&f, S64_MIN), 0);
	KUNIT_EXPECT_EQ(test, ptpk_filter_sample(&f, S64_MIN),
			-PTPK_FILTER_MAVE_MAX);
	ptpk_filter_destroy(&f);
}

static void mave_reset(struct kunit *test)
{
	struct ptpk_filter f;

	ptpk_filter_init_ok(test, &f, PTPK_FILTER_MAVE, 3);
	ptpk_filter_sample(&f, 1000);
	ptpk_filter_sample(&f, 2000);
	ptpk_filter_reset(&f);
	KUNIT_EXPECT_EQ(test, ptpk_filter_sample(&f, 4), 4);
	KUNIT_EXPECT_EQ(test, ptpk_filter_sample(&f, 8), 6);
	KUNIT_EXPECT_EQ(test, ptpk_filter_sample(&f, 0), 4);
	KUNIT_EXPECT_EQ(test, ptpk_filter_sample(&f, 0), 2);
	ptpk_filter_destroy(&f);
}

static void filter_init_rejects(struct kunit *test)
{
	struct ptpk_filter f;

	KUNIT_EXPECT_EQ(test, ptpk_filter_init(&f, PTPK_FILTER_MMEDIAN, 0),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, ptpk_filter_init(&f, PTPK_FILTER_MAVE,
					       PTPK_FILTER_MAX_LEN + 1),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, ptpk_filter_init(&f, (enum ptpk_filter_type)7,
					       4),
			-EINVAL);
	/* Destroying a filter that failed to initialize is harmless. */
	ptpk_filter_destroy(&f);
}

static struct kunit_case ptpk_filter_cases[] = {
	KUNIT_CASE(mmedian_len1),
	KUNIT_CASE(mmedian_odd_len),
	KUNIT_CASE(mmedian_even_len),
	KUNIT_CASE(mmedian_window_slides),
	KUNIT_CASE(mmedian_duplicates),
	KUNIT_CASE(mmedian_negative),
	KUNIT_CASE(mmedian_large),
	KUNIT_CASE(mmedian_reset),
	KUNIT_CASE(mmedian_matches_reference),
	KUNIT_CASE(mave_len1),
	KUNIT_CASE(mave_window),
	KUNIT_CASE(mave_odd_len),
	KUNIT_CASE(mave_negative),
	KUNIT_CASE(mave_large),
	KUNIT_CASE(mave_clamps),
	KUNIT_CASE(mave_reset),
	KUNIT_CASE(filter_init_rejects),
	{}
};

static struct kunit_suite ptpk_filter_suite = {
	.name = "ptpk-filter",
	.test_cases = ptpk_filter_cases,
};

kunit_test_suite(ptpk_filter_suite);

MODULE_DESCRIPTION("KUnit tests for ptpk's delay filters");
MODULE_LICENSE("GPL");
