/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Delay filters, as linuxptp's delay_filter option: a moving median
 * (moving_median, the default) and a moving average (moving_average) of the
 * last delay_filter_length samples, in integer nanoseconds.
 *
 * Pure logic with no dependencies beyond basic kernel headers, so that it
 * also links into a KUnit kernel (tests/filter_test.c). ptpk_filter_init()
 * allocates the window; ptpk_filter_sample() never allocates or sleeps.
 * The caller serializes calls on one filter.
 */

#ifndef _PTPK_FILTER_H
#define _PTPK_FILTER_H

#include <linux/bits.h>
#include <linux/types.h>

/* Longest window; linuxptp's default delay_filter_length is 10. */
#define PTPK_FILTER_MAX_LEN	1024

/*
 * Moving-average samples are clamped to +-2^52 ns (about 52 days) so that
 * the sum of PTPK_FILTER_MAX_LEN (2^10) of them fits in an s64. The moving
 * median takes the full s64 range.
 */
#define PTPK_FILTER_MAVE_MAX	((s64)BIT_ULL(52))

enum ptpk_filter_type {
	PTPK_FILTER_MMEDIAN,
	PTPK_FILTER_MAVE,
};

struct ptpk_filter {
	enum ptpk_filter_type type;
	unsigned int len;	/* window length */
	unsigned int cnt;	/* samples in the window, up to len */
	unsigned int index;	/* where the next sample goes */
	s64 sum;		/* mave: sum of the window */
	s64 *samples;		/* circular buffer of len samples */
	u16 *order;		/* mmedian: indexes of samples, by value */
};

int ptpk_filter_init(struct ptpk_filter *f, enum ptpk_filter_type type,
		     unsigned int len);
void ptpk_filter_destroy(struct ptpk_filter *f);
void ptpk_filter_reset(struct ptpk_filter *f);
s64 ptpk_filter_sample(struct ptpk_filter *f, s64 sample);

#endif /* _PTPK_FILTER_H */
