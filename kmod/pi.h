/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The PI servo with linuxptp's semantics (pi.c and the generic servo
 * wrapper's state handling), in integers.
 *
 * Units: real numbers in nano-units (times 10^9) as in servo.h; offsets,
 * timestamps and thresholds in ns; frequencies in nano-ppb (ppb times 10^9,
 * so +-9.2e9 ppb fit an s64 with 10^-9 ppb resolution). Gains (kp, ki) are
 * kept as nano-units with PTPK_PI_GAIN_SHIFT more fractional bits, so that a
 * gain times an offset of up to 10^10 ns loses less than 10^-5 ppb.
 *
 * The sync interval is 2^log_interval seconds. Pure logic: the caller
 * serializes calls on one servo and decides when to reset it (linuxptp's
 * clock sanity check calls servo_reset()).
 */

#ifndef _PTPK_PI_H
#define _PTPK_PI_H

#include <linux/types.h>
#include <uapi/linux/ptpk.h>

/* Gains: real number * 10^9 * 2^PTPK_PI_GAIN_SHIFT; up to about 17592. */
#define PTPK_PI_GAIN_SHIFT	20

/* One ppb in nano-ppb. */
#define PTPK_NPPB_PER_PPB	1000000000LL

/* Accepted sync intervals, log2 seconds (linuxptp uses -7 to 4). */
#define PTPK_PI_LOG_INTERVAL_MIN	(-16)
#define PTPK_PI_LOG_INTERVAL_MAX	16

/* linuxptp: used instead of the norm_max limits with the PI constants. */
#define PTPK_PI_MAX_KP_NORM_MAX	1000000000LL	/* 1.0 */
#define PTPK_PI_MAX_KI_NORM_MAX	2000000000LL	/* 2.0 */

/* max_frequency is clamped to this many ppb (linuxptp's config: INT_MAX). */
#define PTPK_PI_MAX_FREQUENCY	2147483647U

/*
 * Configuration, linuxptp's option names; real numbers in nano-units.
 * kp_const and ki_const both non-zero: they are used as the scales with
 * exponent 0 and the MAX_*_NORM_MAX limits. Otherwise, if kp_scale or
 * ki_scale is zero, both scales take the timestamping mode's defaults.
 */
struct ptpk_pi_config {
	s64 kp_const;
	s64 ki_const;
	s64 kp_scale;
	s64 kp_exponent;
	s64 kp_norm_max;
	s64 ki_scale;
	s64 ki_exponent;
	s64 ki_norm_max;
	s64 step_threshold;		/* ns, 0: never step */
	s64 first_step_threshold;	/* ns, 0: no first step */
	s64 offset_threshold;		/* ns, 0: no locked_stable state */
	u32 num_offset_values;
	u32 max_frequency;		/* ppb */
	bool sw_timestamping;
};

struct ptpk_pi {
	/* configuration, validated */
	s64 kp_scale, kp_exponent, kp_norm_max;
	s64 ki_scale, ki_exponent, ki_norm_max;
	s64 step_threshold;
	s64 first_step_threshold;
	s64 offset_threshold;
	s64 max_freq;			/* nano-ppb */
	u32 num_offset_values;
	/* from the sync interval */
	int log_interval;
	u64 kp, ki;			/* PTPK_PI_GAIN_SHIFT */
	/* state */
	s64 offset[2];			/* ns */
	u64 local[2];			/* ns */
	s64 drift;			/* nano-ppb */
	s64 last_freq;			/* nano-ppb */
	unsigned int count;
	u32 curr_offset_values;
	bool first_update;
};

void ptpk_pi_config_init(struct ptpk_pi_config *c, bool sw_timestamping);
int ptpk_pi_init(struct ptpk_pi *s, const struct ptpk_pi_config *c,
		 s64 freq, int log_interval);
int ptpk_pi_sync_interval(struct ptpk_pi *s, int log_interval);
s64 ptpk_pi_sample(struct ptpk_pi *s, s64 offset, u64 local_ts,
		   enum ptpk_servo_state *state);
void ptpk_pi_reset(struct ptpk_pi *s);
u64 ptpk_pi_gain(s64 scale, s64 exponent, s64 norm_max, int log_interval);
s64 ptpk_pi_mul_gain(u64 gain, s64 offset);

#endif /* _PTPK_PI_H */
