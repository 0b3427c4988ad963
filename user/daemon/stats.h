/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Running statistics for the periodic summary ptp4l and phc2sys print when
 * summary_interval > logSyncInterval:
 *   rms %4.0f max %4.0f freq %+6.0f +/- %3.0f delay %5.0f +/- %3.0f
 * i.e. rms and max |x| of the offsets, mean and standard deviation of the
 * frequencies and delays. The standard deviation is the population one
 * (divided by n, not n - 1), as linuxptp computes it.
 */
#ifndef PTPKD_STATS_H
#define PTPKD_STATS_H

#include <stddef.h>

struct stats {
	unsigned int n;
	double min;
	double max;
	double mean;
	double sum_sq;		/* sum of x^2, for the rms */
	double m2;		/* sum of squared deviations (Welford) */
};

struct stats_result {
	double min;
	double max;
	double max_abs;
	double mean;
	double rms;
	double stddev;
};

static inline void stats_reset(struct stats *s)
{
	*s = (struct stats){ 0 };
}

void stats_add(struct stats *s, double x);

static inline unsigned int stats_count(const struct stats *s)
{
	return s->n;
}

/* Fills r; -1 (r untouched) when no value was added since the reset. */
int stats_get(const struct stats *s, struct stats_result *r);

/*
 * The summary line without ptp4l's prefix, into buf (snprintf semantics).
 * delay may be NULL or empty: the delay part is then left out, as ptp4l
 * does before the first path delay. offset and freq must not be empty.
 */
int stats_summary(char *buf, size_t len, const struct stats *offset,
		  const struct stats *freq, const struct stats *delay);

#endif
