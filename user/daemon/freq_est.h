/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The master/local frequency ratio of a clock that is not adjusted
 * (free_running), as ptp4l estimates it: over 2^freq_est_interval seconds
 * of Syncs, (origin_2 - origin_1) / (ingress_2 - ingress_1), leaving the
 * (assumed constant) path delay out. A transparent clock scales residence
 * times by it.
 */
#ifndef PTPKD_FREQ_EST_H
#define PTPKD_FREQ_EST_H

#include <stdbool.h>
#include <stdint.h>

struct freq_est {
	int64_t ingress1, origin1;	/* the interval's first Sync */
	bool started;
	unsigned int count, max_count;
	double ratio;			/* master / local; 1.0 until known */
};

void freq_est_init(struct freq_est *f);
/* Syncs per estimate: 2^(freq_est_interval - logSyncInterval), at least 1. */
void freq_est_interval(struct freq_est *f, int freq_est_interval, int log_sync);
/*
 * A Sync's ingress timestamp (local) and origin (t1 + corrections, the
 * master's): 1 when it ends an interval and f->ratio is new, 0 otherwise,
 * -1 for timestamps that do not advance (ptp4l's "bad timestamps").
 */
int freq_est_sample(struct freq_est *f, int64_t ingress, int64_t origin);

#endif
