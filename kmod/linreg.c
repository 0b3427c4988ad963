// SPDX-License-Identifier: GPL-2.0
/*
 * The linear-regression servo, with the behaviour linuxptp documents for its
 * "linreg" clock servo, in integers (see linreg.h for the units).
 *
 * Per sample: the local timestamp advances a reference point, x by the
 * local interval without the servo's own frequency correction (keeping the
 * sub-ns remainder), y by the interval as measured; the sample adds the point
 * (x, y - offset). Regressions of y on x over the newest 4, 8, ..., 64 points
 * give a slope and an intercept (the predicted offset at the reference, with
 * the opposite sign) per size; before each refit, a size's error average
 * takes |intercept - y0| of the newest point (plain mean over the first 10,
 * then smoothing 0.02). The largest size whose error is within 5 % of the
 * smallest so far (or the smallest fitted size) is used. Unlocked until
 * there are 4 points. Jump when the intercept exceeds first_step_threshold
 * (first update only) or step_threshold; the reference then moves with the
 * step. The frequency is the slope's plus the intercept spread over 1
 * (sizes up to 16) or log2(size) / 2 intervals, clamped to max_frequency.
 * State rules after the sample as in pi.c.
 *
 * Integers: y - x is regressed instead of y (slope 1 + s), which keeps the
 * sums small; centred sums are exact in 128 bits; the slope is their ratio
 * to 2^-61 relative; all divisions are ptpk_div_u128_u64().
 */

#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/limits.h>
#include <linux/math64.h>
#include <linux/minmax.h>
#include <linux/overflow.h>
#include <linux/string.h>

#include "fixpt.h"
#include "linreg.h"

#define LR_NANO			1000000000LL
#define LR_NANO2		1000000000000000000ULL
#define LR_TERM_MAX		((s64)BIT_ULL(62))
#define LR_5POW18		3814697265625ULL	/* 10^18 / 2^18 */
#define LR_ERR_INITIAL_UPDATES	10
#define LR_ERR_SMOOTH_DIV	50			/* 0.02 */

struct lr128 {
	u64 hi, lo;
};

static struct lr128 lr_of(s64 v)
{
	return (struct lr128){ v < 0 ? U64_MAX : 0, (u64)v };
}

static bool lr_isneg(struct lr128 a)
{
	return a.hi >> 63;
}

static struct lr128 lr_add(struct lr128 a, struct lr128 b)
{
	struct lr128 r;

	r.lo = a.lo + b.lo;
	r.hi = a.hi + b.hi + (r.lo < a.lo);
	return r;
}

static struct lr128 lr_neg(struct lr128 a)
{
	struct lr128 r;

	r.lo = ~a.lo + 1;
	r.hi = ~a.hi + (r.lo == 0);
	return r;
}

static struct lr128 lr_sub(struct lr128 a, struct lr128 b)
{
	return lr_add(a, lr_neg(b));
}

static struct lr128 lr_abs(struct lr128 a)
{
	return lr_isneg(a) ? lr_neg(a) : a;
}

static u64 lr_abs64(s64 v)
{
	return v < 0 ? -(u64)v : (u64)v;
}

static struct lr128 lr_mul(s64 a, s64 b)
{
	struct lr128 r;

	ptpk_mul_u64_u128(lr_abs64(a), lr_abs64(b), &r.hi, &r.lo);
	return (a < 0) != (b < 0) ? lr_neg(r) : r;
}

/* a * 2^k, 0 <= k < 64; the caller knows it fits */
static struct lr128 lr_shl(struct lr128 a, unsigned int k)
{
	struct lr128 r;

	if (!k)
		return a;
	r.hi = (a.hi << k) | (a.lo >> (64 - k));
	r.lo = a.lo << k;
	return r;
}

/* unsigned a >> k, 0 <= k < 128 */
static struct lr128 lr_shr(struct lr128 a, unsigned int k)
{
	struct lr128 r;

	if (!k)
		return a;
	if (k >= 64) {
		r.lo = a.hi >> (k - 64);
		r.hi = 0;
	} else {
		r.lo = (a.lo >> k) | (a.hi << (64 - k));
		r.hi = a.hi >> k;
	}
	return r;
}

/* unsigned a / c */
static struct lr128 lr_div(struct lr128 a, u64 c, u64 *rem)
{
	struct lr128 q;
	u64 r;

	q.hi = div64_u64_rem(a.hi, c, &r);
	q.lo = ptpk_div_u128_u64(r, a.lo, c, rem);
	return q;
}

static int lr_fls(struct lr128 a)
{
	return a.hi ? 64 + fls64(a.hi) : fls64(a.lo);
}

static s64 lr_sat(struct lr128 a)
{
	if (!a.hi && !(a.lo >> 63))
		return a.lo;
	if (a.hi == U64_MAX && (a.lo >> 63))
		return (s64)a.lo;
	return lr_isneg(a) ? S64_MIN : S64_MAX;
}

/* sign-magnitude truncation toward zero of a / 2^k */
static struct lr128 lr_sdiv2(struct lr128 a, unsigned int k)
{
	struct lr128 m = lr_shr(lr_abs(a), k);

	return lr_isneg(a) ? lr_neg(m) : m;
}

static s64 lr_sat_add(s64 a, s64 b)
{
	s64 r;

	if (check_add_overflow(a, b, &r))
		return a < 0 ? S64_MIN : S64_MAX;
	return r;
}

/**
 * ptpk_linreg_reset() - forget the points and fits (keeps the frequency)
 * @s: the servo
 */
void ptpk_linreg_reset(struct ptpk_linreg *s)
{
	unsigned int i;

	s->num_points = 0;
	s->last_update = 0;
	s->size = 0;
	for (i = 0; i < PTPK_LINREG_NSIZES; i++) {
		s->res[i].valid = false;
		s->res[i].err_updates = 0;
	}
}

/**
 * ptpk_linreg_sync_interval() - set the update interval
 * @s: the servo
 * @log_interval: 2^log_interval seconds
 *
 * Return: 0, or -EINVAL outside PTPK_PI_LOG_INTERVAL_MIN..MAX.
 */
int ptpk_linreg_sync_interval(struct ptpk_linreg *s, int log_interval)
{
	if (log_interval < PTPK_PI_LOG_INTERVAL_MIN ||
	    log_interval > PTPK_PI_LOG_INTERVAL_MAX)
		return -EINVAL;
	s->log_interval = log_interval;
	return 0;
}

/**
 * ptpk_linreg_init() - a servo in its initial state
 * @s: the servo
 * @c: thresholds, num_offset_values and max_frequency (gains are ignored)
 * @freq: as for ptpk_pi_init(), nano-ppb
 * @log_interval: the sync interval, 2^log_interval seconds
 *
 * Return: 0, or -EINVAL for a negative threshold or a sync interval out of
 * range.
 */
int ptpk_linreg_init(struct ptpk_linreg *s, const struct ptpk_pi_config *c,
		     s64 freq, int log_interval)
{
	memset(s, 0, sizeof(*s));
	if (c->step_threshold < 0 || c->first_step_threshold < 0 ||
	    c->offset_threshold < 0)
		return -EINVAL;
	s->step_threshold = c->step_threshold;
	s->first_step_threshold = c->first_step_threshold;
	s->offset_threshold = c->offset_threshold;
	s->num_offset_values = c->num_offset_values;
	s->max_freq = (s64)min(c->max_frequency, PTPK_PI_MAX_FREQUENCY) *
		      PTPK_NPPB_PER_PPB;
	s->clock_freq = -clamp(freq, -s->max_freq, s->max_freq);
	s->curr_offset_values = s->num_offset_values;
	s->first_update = true;
	ptpk_linreg_reset(s);
	return ptpk_linreg_sync_interval(s, log_interval);
}

/* x advances by y_interval / (1 + clock_freq), the remainder carried */
static void ptpk_linreg_update_reference(struct ptpk_linreg *s, u64 local_ts)
{
	struct lr128 p, q, xi, m;
	s64 y, den;
	u64 r, frac;

	if (s->last_update) {
		y = (s64)(local_ts - s->last_update);
		den = max_t(s64, lr_sat_add(LR_NANO2, s->clock_freq), 1);
		ptpk_mul_u64_u128(lr_abs64(y), LR_NANO2, &p.hi, &p.lo);
		q = lr_div(p, den, &r);
		frac = ptpk_div_u128_u64(r >> 32, r << 32, den, NULL);
		xi.hi = (q.hi << 32) | (q.lo >> 32);
		xi.lo = (q.lo << 32) | frac;
		if (y < 0)
			xi = lr_neg(xi);
		xi = lr_add(xi, lr_of(s->x_rem));
		m = lr_abs(xi);
		s->x_rem = m.lo & U32_MAX;
		m = lr_shr(m, 32);
		if (lr_isneg(xi)) {
			s->x_rem = -s->x_rem;
			s->ref_x -= m.lo;
		} else {
			s->ref_x += m.lo;
		}
		s->ref_y += y;
	}
	s->last_update = local_ts;
}

static void ptpk_linreg_err(struct ptpk_linreg_result *r, s64 y0)
{
	struct lr128 d, acc;
	u64 e;

	d = lr_abs(lr_sub(lr_of(r->intercept),
			  lr_shl(lr_of(y0), PTPK_LINREG_Q)));
	e = d.hi ? U64_MAX : d.lo;
	if (r->err_updates < LR_ERR_INITIAL_UPDATES) {
		ptpk_mul_u64_u128(r->err, r->err_updates, &acc.hi, &acc.lo);
		acc = lr_add(acc, (struct lr128){ 0, e });
		r->err_updates++;
		acc = lr_div(acc, r->err_updates, NULL);
		r->err = acc.hi ? U64_MAX : acc.lo;
	} else if (e >= r->err) {
		r->err += div64_u64(e - r->err, LR_ERR_SMOOTH_DIV);
	} else {
		r->err -= div64_u64(r->err - e, LR_ERR_SMOOTH_DIV);
	}
}

/* slope and intercept from the sums of n = 2^size points */
static void ptpk_linreg_fit(struct ptpk_linreg_result *r, unsigned int size,
			    s64 sx, s64 su, struct lr128 sxx, struct lr128 sxu)
{
	struct lr128 cxx, cxu, m, t;
	u64 d, q;
	int k;

	cxx = lr_sub(lr_shl(sxx, size), lr_mul(sx, sx));
	cxu = lr_sub(lr_shl(sxu, size), lr_mul(sx, su));
	if (lr_isneg(cxx) || (!cxx.hi && !cxx.lo))
		return;		/* all points at one x: nothing to fit */
	k = max(lr_fls(cxx) - 62, 0);
	d = lr_shr(cxx, k).lo;
	m = lr_shr(lr_abs(cxu), k);
	if (m.hi || !ptpk_mul_div(m.lo, LR_NANO2, d, &q))
		q = LR_TERM_MAX;
	q = min_t(u64, q, LR_TERM_MAX);
	r->slope = lr_isneg(cxu) ? -(s64)q : (s64)q;

	/* (su - slope * sx / 1e18) / n in 2^-24 ns; 2^24 / 1e18 = 2^6 / 5^18 */
	t = lr_mul(r->slope, sx);
	m = lr_div(lr_shl(lr_abs(t), 6), LR_5POW18, NULL);
	if (lr_isneg(t))
		m = lr_neg(m);
	t = lr_sub(lr_shl(lr_of(su), PTPK_LINREG_Q), m);
	r->intercept = lr_sat(lr_sdiv2(t, size));
	r->valid = true;
}

static void ptpk_linreg_regress(struct ptpk_linreg *s)
{
	struct lr128 sxx = { 0, 0 }, sxu = { 0, 0 };
	s64 sx = 0, su = 0, y0, dx, u;
	struct ptpk_linreg_result *r;
	unsigned int i = 0, size, l;

	y0 = (s64)(s->py[s->last_point] - s->ref_y);
	for (size = PTPK_LINREG_MIN_SIZE; size <= PTPK_LINREG_MAX_SIZE; size++) {
		if ((1U << size) > s->num_points)
			break;
		r = &s->res[size - PTPK_LINREG_MIN_SIZE];
		if (r->valid)
			ptpk_linreg_err(r, y0);
		for (; i < (1U << size); i++) {
			l = (PTPK_LINREG_MAX_POINTS + s->last_point - i) %
			    PTPK_LINREG_MAX_POINTS;
			dx = (s64)(s->px[l] - s->ref_x);
			u = (s64)(s->py[l] - s->ref_y) - dx;
			sx += dx;
			su += u;
			sxx = lr_add(sxx, lr_mul(dx, dx));
			sxu = lr_add(sxu, lr_mul(dx, u));
		}
		ptpk_linreg_fit(r, size, sx, su, sxx, sxu);
	}
}

/* err * 1.05 > other, i.e. err * 21 > other * 20 */
static bool ptpk_linreg_within(u64 best_err, u64 err)
{
	u64 ah, al, bh, bl;

	ptpk_mul_u64_u128(best_err, 21, &ah, &al);
	ptpk_mul_u64_u128(err, 20, &bh, &bl);
	return ah > bh || (ah == bh && al > bl);
}

static void ptpk_linreg_update_size(struct ptpk_linreg *s)
{
	unsigned int size, best_size = 0;
	struct ptpk_linreg_result *r;
	u64 best_err = 0;

	for (size = PTPK_LINREG_MIN_SIZE; size <= PTPK_LINREG_MAX_SIZE; size++) {
		r = &s->res[size - PTPK_LINREG_MIN_SIZE];
		if ((!best_size && r->valid) ||
		    (ptpk_linreg_within(best_err, r->err) &&
		     r->err_updates >= LR_ERR_INITIAL_UPDATES)) {
			best_size = size;
			best_err = r->err;
		}
	}
	s->size = best_size;
}

static bool ptpk_linreg_past(s64 threshold, s64 intercept)
{
	if (!threshold || threshold >= (s64)BIT_ULL(63 - PTPK_LINREG_Q))
		return false;
	return ((u64)threshold << PTPK_LINREG_Q) < lr_abs64(intercept);
}

/**
 * ptpk_linreg_sample() - feed one offset measurement
 * @s: the servo
 * @offset: local clock minus reference, ns
 * @local_ts: the local time of the measurement, ns
 * @state: the servo's state after the sample
 *
 * Return: as ptpk_pi_sample(), nano-ppb.
 */
s64 ptpk_linreg_sample(struct ptpk_linreg *s, s64 offset, u64 local_ts,
		       enum ptpk_servo_state *state)
{
	struct ptpk_linreg_result *r;
	struct lr128 t;
	unsigned int i;
	s64 v;

	ptpk_linreg_update_reference(s, local_ts);
	s->last_point = (s->last_point + 1) % PTPK_LINREG_MAX_POINTS;
	s->px[s->last_point] = s->ref_x;
	s->py[s->last_point] = s->ref_y - (u64)offset;
	if (s->num_points < PTPK_LINREG_MAX_POINTS)
		s->num_points++;
	ptpk_linreg_regress(s);
	ptpk_linreg_update_size(s);

	if (s->size < PTPK_LINREG_MIN_SIZE) {
		*state = PTPK_SERVO_STATE_UNLOCKED;
	} else {
		r = &s->res[s->size - PTPK_LINREG_MIN_SIZE];
		if ((s->first_update &&
		     ptpk_linreg_past(s->first_step_threshold, r->intercept)) ||
		    ptpk_linreg_past(s->step_threshold, r->intercept)) {
			/* the clock will be stepped by -offset */
			s->ref_y -= (u64)offset;
			for (i = 0; i < PTPK_LINREG_NSIZES; i++) {
				t = lr_add(lr_of(s->res[i].intercept),
					   lr_shl(lr_of(offset), PTPK_LINREG_Q));
				s->res[i].intercept = lr_sat(t);
			}
			s->last_update -= (u64)offset;
			*state = PTPK_SERVO_STATE_JUMP;
		} else {
			*state = PTPK_SERVO_STATE_LOCKED;
		}
		/* slope + intercept / interval / corr */
		t = lr_sdiv2(lr_mul(r->intercept, LR_NANO),
			     PTPK_LINREG_Q + s->log_interval);
		v = lr_sat(t);
		if (s->size > 4)
			v = div_s64(v, s->size / 2);
		s->clock_freq = clamp(lr_sat_add(r->slope, v), -s->max_freq,
				      s->max_freq);
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
		if (s->offset_threshold) {
			if (lr_abs64(offset) < (u64)s->offset_threshold &&
			    s->curr_offset_values)
				s->curr_offset_values--;
			if (!s->curr_offset_values)
				*state = PTPK_SERVO_STATE_LOCKED_STABLE;
		}
		s->first_update = false;
		break;
	default:
		break;
	}
	return -s->clock_freq;
}
