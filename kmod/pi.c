// SPDX-License-Identifier: GPL-2.0
/*
 * The PI servo, with the behaviour linuxptp documents for its "pi" clock
 * servo (ptp4l(8): pi_proportional_*, pi_integral_*, step_threshold,
 * first_step_threshold, max_frequency, servo_offset_threshold,
 * servo_num_offset_values), in integers. See pi.h for the units.
 *
 * Per sample:
 *  - count 0: remember the sample; unlocked.
 *  - count 1: with a second, later sample taken long enough after the first
 *    (0.016 / ki seconds, at most 1000 s, with a 0.1 % margin), move the drift
 *    estimate by the measured frequency offset, (1e9 - drift) * d_offset /
 *    d_local, clamp it to +-max_frequency and return it: jump if the offset
 *    exceeds first_step_threshold (first update only) or step_threshold,
 *    locked otherwise.
 *  - count 2: past step_threshold, restart at count 0 (unlocked). Otherwise
 *    kp * offset + drift + ki * offset, clamped to +-max_frequency; only an
 *    unclamped result moves the drift by ki * offset.
 * Then the generic rules: unlocked and jump reload the countdown of
 * num_offset_values samples; jump and locked end the first update; a locked
 * sample within offset_threshold counts down and, once the countdown is
 * over, the state reads locked_stable until the next unlocked or jump.
 *
 * kp = min(kp_scale * interval^kp_exponent, kp_norm_max / interval), the same
 * for ki. With interval = 2^n, interval^e = 2^(n * e): an integer power of two
 * times 2^f, f in [0, 1), from ptpk_exp2_frac().
 *
 * Sums saturate instead of overflowing; they only get near the limits with
 * offsets or settings far outside linuxptp's ranges (the result is clamped to
 * max_frequency anyway).
 */

#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/limits.h>
#include <linux/math64.h>
#include <linux/minmax.h>
#include <linux/overflow.h>
#include <linux/string.h>

#include "fixpt.h"
#include "pi.h"

#define PTPK_PI_NANO		1000000000LL

/* linuxptp's default scales for hardware and software timestamping */
#define PTPK_PI_HWTS_KP_SCALE	700000000LL	/* 0.7 */
#define PTPK_PI_HWTS_KI_SCALE	300000000LL	/* 0.3 */
#define PTPK_PI_SWTS_KP_SCALE	100000000LL	/* 0.1 */
#define PTPK_PI_SWTS_KI_SCALE	1000000LL	/* 0.001 */

/* Products of a gain and an offset saturate here (4.6e9 ppb). */
#define PTPK_PI_TERM_MAX	((s64)(1ULL << 62))

/* Exponents are clamped to +-2^40 nano-units: 2^(16 * 1100) is out of range anyway. */
#define PTPK_PI_EXP_MAX		((s64)(1ULL << 40))

static u64 ptpk_abs64(s64 v)
{
	return v < 0 ? -(u64)v : (u64)v;
}

static s64 ptpk_sat_add(s64 a, s64 b)
{
	s64 r;

	if (check_add_overflow(a, b, &r))
		return a < 0 ? S64_MIN : S64_MAX;
	return r;
}

static s64 ptpk_signed(u64 mag, bool neg)
{
	s64 v = min_t(u64, mag, PTPK_PI_TERM_MAX);

	return neg ? -v : v;
}

/**
 * ptpk_pi_config_init() - linuxptp's defaults
 * @c: filled in
 * @sw_timestamping: selects the default scales (applied by ptpk_pi_init())
 */
void ptpk_pi_config_init(struct ptpk_pi_config *c, bool sw_timestamping)
{
	memset(c, 0, sizeof(*c));
	c->kp_exponent = -300000000;		/* -0.3 */
	c->kp_norm_max = 700000000;		/* 0.7 */
	c->ki_exponent = 400000000;		/* 0.4 */
	c->ki_norm_max = 300000000;		/* 0.3 */
	c->first_step_threshold = 20000;	/* 20 us */
	c->num_offset_values = 10;
	c->max_frequency = 900000000;
	c->sw_timestamping = sw_timestamping;
}

/**
 * ptpk_pi_gain() - min(scale * interval^exponent, norm_max / interval)
 * @scale: nano-units, >= 0
 * @exponent: nano-units
 * @norm_max: nano-units, >= 0
 * @log_interval: the interval is 2^log_interval seconds
 *
 * Return: the gain, nano-units with PTPK_PI_GAIN_SHIFT fractional bits,
 * truncated, saturating at U64_MAX.
 */
u64 ptpk_pi_gain(s64 scale, s64 exponent, s64 norm_max, int log_interval)
{
	s64 x, ipart;
	s32 rem;
	u64 g, f, lim;
	int shift;

	if (scale <= 0)
		return 0;
	exponent = clamp_t(s64, exponent, -PTPK_PI_EXP_MAX, PTPK_PI_EXP_MAX);
	x = exponent * clamp(log_interval, -64, 64);
	ipart = div_s64_rem(x, PTPK_PI_NANO, &rem);
	if (rem < 0) {
		ipart--;
		rem += PTPK_PI_NANO;
	}
	f = ptpk_exp2_frac(rem);
	/* scale * f * 2^ipart * 2^GAIN_SHIFT / 2^62 */
	shift = PTPK_Q62_SHIFT - PTPK_PI_GAIN_SHIFT;
	if (ipart >= shift) {
		g = ptpk_shl_sat(ptpk_mul_shr_sat(scale, f, 0),
				 min_t(s64, ipart - shift, 64));
	} else {
		g = ptpk_mul_shr_sat(scale, f,
				     min_t(s64, shift - ipart, 128));
	}
	lim = ptpk_shl_sat(max_t(s64, norm_max, 0),
			   PTPK_PI_GAIN_SHIFT - log_interval);
	return min(g, lim);
}

/**
 * ptpk_pi_mul_gain() - gain * offset in nano-ppb
 * @gain: PTPK_PI_GAIN_SHIFT format
 * @offset: ns
 *
 * Return: truncated toward zero, saturating at +-2^62.
 */
s64 ptpk_pi_mul_gain(u64 gain, s64 offset)
{
	return ptpk_signed(ptpk_mul_shr_sat(gain, ptpk_abs64(offset),
					    PTPK_PI_GAIN_SHIFT), offset < 0);
}

/**
 * ptpk_pi_sync_interval() - recompute kp and ki for a sync interval
 * @s: the servo
 * @log_interval: 2^log_interval seconds
 *
 * Return: 0, or -EINVAL (nothing changed) outside the accepted range.
 */
int ptpk_pi_sync_interval(struct ptpk_pi *s, int log_interval)
{
	if (log_interval < PTPK_PI_LOG_INTERVAL_MIN ||
	    log_interval > PTPK_PI_LOG_INTERVAL_MAX)
		return -EINVAL;
	s->log_interval = log_interval;
	s->kp = ptpk_pi_gain(s->kp_scale, s->kp_exponent, s->kp_norm_max,
			     log_interval);
	s->ki = ptpk_pi_gain(s->ki_scale, s->ki_exponent, s->ki_norm_max,
			     log_interval);
	return 0;
}

/**
 * ptpk_pi_init() - a servo in its initial state
 * @s: the servo
 * @c: configuration
 * @freq: the clock's current frequency adjustment as the servo sees it
 *	(linuxptp passes the negated adjustment), nano-ppb; clamped to
 *	+-max_frequency
 * @log_interval: the sync interval, 2^log_interval seconds
 *
 * Return: 0, or -EINVAL for a negative scale, constant or threshold, a
 * norm_max not above 0, or a sync interval out of range.
 */
int ptpk_pi_init(struct ptpk_pi *s, const struct ptpk_pi_config *c,
		 s64 freq, int log_interval)
{
	memset(s, 0, sizeof(*s));
	if (c->kp_const < 0 || c->ki_const < 0 || c->kp_scale < 0 ||
	    c->ki_scale < 0 || c->kp_norm_max <= 0 || c->ki_norm_max <= 0 ||
	    c->step_threshold < 0 || c->first_step_threshold < 0 ||
	    c->offset_threshold < 0)
		return -EINVAL;

	if (c->kp_const && c->ki_const) {
		s->kp_scale = c->kp_const;
		s->ki_scale = c->ki_const;
		s->kp_norm_max = PTPK_PI_MAX_KP_NORM_MAX;
		s->ki_norm_max = PTPK_PI_MAX_KI_NORM_MAX;
	} else {
		s->kp_scale = c->kp_scale;
		s->ki_scale = c->ki_scale;
		if (!s->kp_scale || !s->ki_scale) {
			s->kp_scale = c->sw_timestamping ?
				PTPK_PI_SWTS_KP_SCALE : PTPK_PI_HWTS_KP_SCALE;
			s->ki_scale = c->sw_timestamping ?
				PTPK_PI_SWTS_KI_SCALE : PTPK_PI_HWTS_KI_SCALE;
		}
		s->kp_exponent = c->kp_exponent;
		s->ki_exponent = c->ki_exponent;
		s->kp_norm_max = c->kp_norm_max;
		s->ki_norm_max = c->ki_norm_max;
	}
	s->step_threshold = c->step_threshold;
	s->first_step_threshold = c->first_step_threshold;
	s->offset_threshold = c->offset_threshold;
	s->num_offset_values = c->num_offset_values;
	s->max_freq = (s64)min(c->max_frequency, PTPK_PI_MAX_FREQUENCY) *
		      PTPK_NPPB_PER_PPB;
	s->drift = clamp(freq, -s->max_freq, s->max_freq);
	s->last_freq = s->drift;
	s->curr_offset_values = s->num_offset_values;
	s->first_update = true;
	return ptpk_pi_sync_interval(s, log_interval);
}

/**
 * ptpk_pi_reset() - restart from two samples (keeps the drift estimate)
 * @s: the servo
 */
void ptpk_pi_reset(struct ptpk_pi *s)
{
	s->count = 0;
}

/*
 * Too early to estimate the frequency: dl * 1.001 < min(0.016 / ki, 1000) s,
 * i.e. dl * 1001 < 10^15 and, unless ki is 0, dl * 1001 * ki < 1.6e10 (ns,
 * real ki), compared exactly in 128 bits with ki's fixed-point scale.
 */
static bool ptpk_pi_too_early(const struct ptpk_pi *s, u64 dl)
{
	const u64 lim = 16000000000000000000ULL;	/* 1.6e10 * 1e9 */
	u64 l = ptpk_mul_shr_sat(dl, 1001, 0), hi, lo, rhi, rlo;

	if (l >= 1000000000000000ULL)
		return false;
	if (!s->ki)
		return true;
	ptpk_mul_u64_u128(l, s->ki, &hi, &lo);
	rhi = lim >> (64 - PTPK_PI_GAIN_SHIFT);
	rlo = lim << PTPK_PI_GAIN_SHIFT;
	return hi < rhi || (hi == rhi && lo < rlo);
}

/* (1e9 - drift) * d_offset / d_local, in nano-ppb */
static s64 ptpk_pi_freq_step(const struct ptpk_pi *s, u64 dl)
{
	s64 a = PTPK_PI_NANO * PTPK_PI_NANO - s->drift;
	bool neg = s->offset[1] < s->offset[0];
	u64 dof, q;

	dof = neg ? (u64)s->offset[0] - (u64)s->offset[1] :
		    (u64)s->offset[1] - (u64)s->offset[0];
	ptpk_mul_div(ptpk_abs64(a), dof, dl, &q);
	return ptpk_signed(q, neg != (a < 0));
}

static bool ptpk_pi_check_offset_threshold(struct ptpk_pi *s, s64 offset)
{
	if (!s->offset_threshold)
		return false;
	if (ptpk_abs64(offset) < (u64)s->offset_threshold &&
	    s->curr_offset_values)
		s->curr_offset_values--;
	return !s->curr_offset_values;
}

static bool ptpk_pi_past(s64 threshold, s64 offset)
{
	return threshold && (u64)threshold < ptpk_abs64(offset);
}

/**
 * ptpk_pi_sample() - feed one offset measurement
 * @s: the servo
 * @offset: local clock minus reference, ns
 * @local_ts: the local time of the measurement, ns
 * @state: the servo's state after the sample
 *
 * Return: the frequency the clock should be slowed by, nano-ppb (set the
 * clock's frequency adjustment to minus this); on a jump, also step the
 * clock by -offset.
 */
s64 ptpk_pi_sample(struct ptpk_pi *s, s64 offset, u64 local_ts,
		   enum ptpk_servo_state *state)
{
	s64 ppb = s->last_freq, ki_term;
	u64 dl;

	switch (s->count) {
	case 0:
		s->offset[0] = offset;
		s->local[0] = local_ts;
		*state = PTPK_SERVO_STATE_UNLOCKED;
		s->count = 1;
		break;
	case 1:
		s->offset[1] = offset;
		s->local[1] = local_ts;
		if (s->local[0] >= s->local[1]) {
			*state = PTPK_SERVO_STATE_UNLOCKED;
			s->count = 0;
			break;
		}
		dl = s->local[1] - s->local[0];
		if (ptpk_pi_too_early(s, dl)) {
			*state = PTPK_SERVO_STATE_UNLOCKED;
			break;
		}
		s->drift = ptpk_sat_add(s->drift, ptpk_pi_freq_step(s, dl));
		s->drift = clamp(s->drift, -s->max_freq, s->max_freq);
		if ((s->first_update &&
		     ptpk_pi_past(s->first_step_threshold, offset)) ||
		    ptpk_pi_past(s->step_threshold, offset))
			*state = PTPK_SERVO_STATE_JUMP;
		else
			*state = PTPK_SERVO_STATE_LOCKED;
		ppb = s->drift;
		s->count = 2;
		break;
	default:
		if (ptpk_pi_past(s->step_threshold, offset)) {
			*state = PTPK_SERVO_STATE_UNLOCKED;
			s->count = 0;
			break;
		}
		ki_term = ptpk_pi_mul_gain(s->ki, offset);
		ppb = ptpk_sat_add(ptpk_sat_add(ptpk_pi_mul_gain(s->kp, offset),
						s->drift), ki_term);
		if (ppb < -s->max_freq)
			ppb = -s->max_freq;
		else if (ppb > s->max_freq)
			ppb = s->max_freq;
		else
			s->drift = ptpk_sat_add(s->drift, ki_term);
		*state = PTPK_SERVO_STATE_LOCKED;
		break;
	}

	switch (*state) {
	case PTPK_SERVO_STATE_UNLOCKED:
		s->curr_offset_values = s->num_offset_values;
		break;
	case PTPK_SERVO_STATE_JUMP:
		s->curr_offset_values = s->num_offset_values;
		s->first_update = false;
		break;
	case PTPK_SERVO_STATE_LOCKED:
		if (ptpk_pi_check_offset_threshold(s, offset))
			*state = PTPK_SERVO_STATE_LOCKED_STABLE;
		s->first_update = false;
		break;
	default:
		break;
	}
	s->last_freq = ppb;
	return ppb;
}
