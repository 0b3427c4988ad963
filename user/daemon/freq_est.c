// SPDX-License-Identifier: GPL-2.0
/* Master/local frequency ratio of a free-running clock (see freq_est.h). */
#include "freq_est.h"

void freq_est_init(struct freq_est *f)
{
	*f = (struct freq_est){ .max_count = 1, .ratio = 1.0 };
}

void freq_est_interval(struct freq_est *f, int freq_est_interval, int log_sync)
{
	int shift = freq_est_interval - log_sync;

	if (shift < 0)
		shift = 0;
	if (shift > 20)
		shift = 20;
	f->max_count = 1U << shift;
}

int freq_est_sample(struct freq_est *f, int64_t ingress, int64_t origin)
{
	if (!f->started) {
		f->started = true;
		f->ingress1 = ingress;
		f->origin1 = origin;
		f->count = 0;
		return 0;
	}
	if (++f->count < f->max_count)
		return 0;
	if (ingress <= f->ingress1 || origin <= f->origin1) {
		/* start over from this one */
		f->ingress1 = ingress;
		f->origin1 = origin;
		f->count = 0;
		return -1;
	}
	f->ratio = (double)(origin - f->origin1) / (double)(ingress - f->ingress1);
	f->ingress1 = ingress;
	f->origin1 = origin;
	f->count = 0;
	return 1;
}
