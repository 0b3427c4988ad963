/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The linear-regression servo with linuxptp's "linreg" semantics, in
 * integers. Units as in pi.h; regression intercepts and prediction errors
 * are ns with PTPK_LINREG_Q fractional bits (range +-549 s).
 *
 * It takes the step, offset-threshold and max_frequency settings of
 * struct ptpk_pi_config (the gains do not apply). Pure logic: the caller
 * serializes calls on one servo and decides when to reset it.
 */

#ifndef _PTPK_LINREG_H
#define _PTPK_LINREG_H

#include <linux/bits.h>
#include <linux/types.h>
#include <uapi/linux/ptpk.h>

#include "pi.h"

#define PTPK_LINREG_MIN_SIZE	2	/* log2 of the smallest window */
#define PTPK_LINREG_MAX_SIZE	6	/* log2 of the largest */
#define PTPK_LINREG_MAX_POINTS	BIT(PTPK_LINREG_MAX_SIZE)
#define PTPK_LINREG_NSIZES	(PTPK_LINREG_MAX_SIZE - PTPK_LINREG_MIN_SIZE + 1)
#define PTPK_LINREG_Q		24

struct ptpk_linreg_result {
	s64 slope;		/* slope - 1, nano-ppb */
	s64 intercept;		/* ns, PTPK_LINREG_Q */
	u64 err;		/* ns, PTPK_LINREG_Q */
	u32 err_updates;
	bool valid;
};

struct ptpk_linreg {
	/* configuration */
	s64 step_threshold;
	s64 first_step_threshold;
	s64 offset_threshold;
	s64 max_freq;			/* nano-ppb */
	u32 num_offset_values;
	int log_interval;
	/* points: local time without the frequency correction, remote time */
	u64 px[PTPK_LINREG_MAX_POINTS];
	u64 py[PTPK_LINREG_MAX_POINTS];
	u64 ref_x, ref_y;
	s64 x_rem;			/* remainder of ref_x, 2^-32 ns, signed */
	u64 last_update;
	unsigned int num_points;
	unsigned int last_point;
	unsigned int size;
	struct ptpk_linreg_result res[PTPK_LINREG_NSIZES];
	s64 clock_freq;			/* nano-ppb */
	u32 curr_offset_values;
	bool first_update;
};

int ptpk_linreg_init(struct ptpk_linreg *s, const struct ptpk_pi_config *c,
		     s64 freq, int log_interval);
int ptpk_linreg_sync_interval(struct ptpk_linreg *s, int log_interval);
s64 ptpk_linreg_sample(struct ptpk_linreg *s, s64 offset, u64 local_ts,
		       enum ptpk_servo_state *state);
void ptpk_linreg_reset(struct ptpk_linreg *s);

#endif /* _PTPK_LINREG_H */
