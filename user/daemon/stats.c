// SPDX-License-Identifier: GPL-2.0
/* Running mean, rms, extremes and standard deviation (see stats.h). */
#include <math.h>
#include <stdio.h>

#include "stats.h"

void stats_add(struct stats *s, double x)
{
	double delta = x - s->mean;

	if (!s->n || x > s->max)
		s->max = x;
	if (!s->n || x < s->min)
		s->min = x;
	s->n++;
	/*
	 * Welford's update: stable for the large, nearly equal values a path
	 * delay or a frequency in ppb produce, unlike sum(x^2) - n * mean^2.
	 */
	s->mean += delta / s->n;
	s->m2 += delta * (x - s->mean);
	s->sum_sq += x * x;
}

int stats_get(const struct stats *s, struct stats_result *r)
{
	if (!s->n)
		return -1;
	r->min = s->min;
	r->max = s->max;
	r->max_abs = fmax(s->max, -s->min);
	r->mean = s->mean;
	r->rms = sqrt(s->sum_sq / s->n);
	r->stddev = sqrt(s->m2 / s->n);
	return 0;
}

int stats_summary(char *buf, size_t len, const struct stats *offset,
		  const struct stats *freq, const struct stats *delay)
{
	struct stats_result o = { 0 }, f = { 0 }, d;

	stats_get(offset, &o);
	stats_get(freq, &f);
	if (delay && !stats_get(delay, &d))
		return snprintf(buf, len,
				"rms %4.0f max %4.0f freq %+6.0f +/- %3.0f delay %5.0f +/- %3.0f",
				o.rms, o.max_abs, f.mean, f.stddev,
				d.mean, d.stddev);
	return snprintf(buf, len, "rms %4.0f max %4.0f freq %+6.0f +/- %3.0f",
			o.rms, o.max_abs, f.mean, f.stddev);
}
