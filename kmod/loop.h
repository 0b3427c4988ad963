/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The control loop of one servo instance: a sample goes through timestamp
 * processing (tsproc.c), the clock check, the servo algorithm (pi.c,
 * linreg.c or nullf.c), and ends as a step or a frequency change of the clock, as
 * linuxptp's clock_synchronize() does it.
 *
 * The clock is reached through struct ptpk_clock_ops so that this file is
 * pure logic (KUnit drives it with a simulated clock, tests/loop_test.c).
 * The caller serializes calls on one loop. Frequencies given to and taken
 * from the clock are in ppt (ppb * 1000), positive = faster.
 */

#ifndef _PTPK_LOOP_H
#define _PTPK_LOOP_H

#include <linux/types.h>
#include <uapi/linux/ptpk.h>

#include "linreg.h"
#include "nullf.h"
#include "pi.h"
#include "tsproc.h"

/* linuxptp clockcheck.c: CHECK_MIN_INTERVAL and CHECK_MAX_FREQ */
#define PTPK_CHECK_MIN_INTERVAL	100000000LL	/* ns */
#define PTPK_CHECK_MAX_FREQ	900000000000LL	/* ppt */

struct ptpk_clock_ops {
	/* Step the clock by @offset ns. */
	int (*step)(void *ctx, s64 offset);
	/* Set the frequency; -EOPNOTSUPP: the owner must (system clock). */
	int (*adjfreq)(void *ctx, s64 freq_ppt);
	/* Hand the clock a phase offset of @offset ns (adjphase). */
	int (*adjphase)(void *ctx, s64 offset);
	/* CLOCK_MONOTONIC, for the clock check. */
	u64 (*mono_ns)(void *ctx);
};

struct ptpk_loop_config {
	enum ptpk_servo_kind kind;
	struct ptpk_pi_config servo;
	enum ptpk_tsproc_mode tsproc_mode;
	enum ptpk_filter_type delay_filter;
	u32 delay_filter_length;
	u32 outlier_factor;
	u32 sanity_freq_limit;		/* ppb, 0: no clock check */
	int log_interval;
	bool write_phase;		/* adjphase in locked-stable */
};

/* One sample; which fields count depends on which are set. */
struct ptpk_sample_in {
	bool have_sync, have_delay, have_peer_delay, have_offset;
	bool have_interval, have_local_ts, have_direct_delay;
	s64 t1, t2, t3, t4;		/* t1 and t4 already corrected */
	s64 peer_delay;
	s64 offset, local_ts, delay;	/* direct samples */
	int log_interval;
};

struct ptpk_sample_out {
	enum ptpk_servo_state state;
	s64 offset;			/* ns */
	s64 freq;			/* ppt, as set (or to be set) */
	s64 delay;			/* filtered, ns */
	s64 delay_raw;			/* ns */
	s64 weight;			/* nano-units */
	u32 flags;			/* PTPK_SAMPLE_FLAGS_* */
	int err;			/* of the clock, with FLAGS_FAULT */
	s64 mono_ts;			/* set by the caller: raw ns */
};

struct ptpk_loop {
	struct ptpk_loop_config cfg;
	const struct ptpk_clock_ops *ops;
	void *ctx;
	union {
		struct ptpk_pi pi;
		struct ptpk_linreg lr;
		struct ptpk_nullf nf;	/* nullf and ntpshm */
	};
	struct ptpk_tsproc tsp;
	enum ptpk_servo_state state;
	s64 offset;			/* last, ns */
	s64 freq;			/* last set, ppt */
	s64 holdover;			/* ppt */
	bool holdover_valid;
	/* clock check, as linuxptp's clockcheck.c */
	s64 check_last_ts;
	u64 check_last_mono;
	s64 check_min, check_max;	/* ppt since the last check */
	/* counters */
	u64 n_samples;
	u32 n_steps, n_resets, n_outliers;
};

int ptpk_loop_init(struct ptpk_loop *l, const struct ptpk_loop_config *c,
		   const struct ptpk_clock_ops *ops, void *ctx, s64 freq);
int ptpk_loop_reconfigure(struct ptpk_loop *l,
			  const struct ptpk_loop_config *c);
void ptpk_loop_destroy(struct ptpk_loop *l);
int ptpk_loop_sample(struct ptpk_loop *l, const struct ptpk_sample_in *in,
		     struct ptpk_sample_out *out);
int ptpk_loop_holdover(struct ptpk_loop *l);
int ptpk_loop_adopt(struct ptpk_loop *l);

#endif /* _PTPK_LOOP_H */
