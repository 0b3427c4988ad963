/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Checks shared by the servo suites that replay reference trajectories
 * (pi_test.c, linreg_test.c): each output must match the reference state
 * and lie within tol_abs + |reference| / tol_rel_div nano-ppb of it; the
 * worst error seen is kept for the suite's closing report.
 */
#ifndef _PTPK_TESTS_VEC_CHECK_H
#define _PTPK_TESTS_VEC_CHECK_H

#include <kunit/test.h>

struct ptpk_vec_worst {
	s64 err;
	s64 ref;
	const char *name;
	unsigned int i;
};

static inline s64 ptpk_abs_diff(s64 a, s64 b)
{
	return a > b ? a - b : b - a;
}

static inline void ptpk_vec_check(struct kunit *test,
				  struct ptpk_vec_worst *w,
				  const char *name, unsigned int i,
				  int state, int want_state, s64 got, s64 want,
				  s64 tol_abs, s64 tol_rel_div)
{
	s64 err = ptpk_abs_diff(got, want);
	s64 tol = tol_abs + ptpk_abs_diff(want, 0) / tol_rel_div;

	KUNIT_EXPECT_EQ_MSG(test, state, want_state, "%s sample %u", name, i);
	KUNIT_EXPECT_LE_MSG(test, err, tol, "%s sample %u: %lld vs %lld nano-ppb",
			    name, i, got, want);
	if (err > w->err) {
		w->err = err;
		w->ref = want;
		w->name = name;
		w->i = i;
	}
}

static inline void ptpk_vec_report(struct kunit *test,
				   const struct ptpk_vec_worst *w)
{
	kunit_info(test, "worst error %lld nano-ppb (%s sample %u, reference %lld)\n",
		   w->err, w->name ? w->name : "", w->i, w->ref);
}

#endif /* _PTPK_TESTS_VEC_CHECK_H */
