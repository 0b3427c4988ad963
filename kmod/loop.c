// SPDX-License-Identifier: GPL-2.0
/*
 * The control loop of a servo instance (see loop.h): what linuxptp's
 * clock_synchronize(), servo.c and clockcheck.c do, in that order, with
 * the clock behind struct ptpk_clock_ops.
 *
 * The clock check compares the clock's progress between samples with
 * CLOCK_MONOTONIC_RAW, not CLOCK_MONOTONIC as linuxptp does: the raw clock
 * is not steered by NTP, so the check also holds for the system clock.
 */

#include <linux/errno.h>
#include <linux/math64.h>
#include <linux/minmax.h>
#include <linux/string.h>

#include "loop.h"

#define PTPK_NPPB_PER_PPT	1000000LL	/* nano-ppb in a ppt */
#define PTPK_PPT_PER_UNIT	1000000000000ULL

static s64 ptpk_nppb_to_ppt(s64 nppb)
{
	return div_s64(nppb, PTPK_NPPB_PER_PPT);
}

static s64 ptpk_ppt_to_nppb(s64 ppt)
{
	return clamp_t(s64, ppt, -S64_MAX / PTPK_NPPB_PER_PPT,
		       S64_MAX / PTPK_NPPB_PER_PPT) * PTPK_NPPB_PER_PPT;
}

static bool ptpk_loop_nullf(const struct ptpk_loop *l)
{
	return l->cfg.kind == PTPK_SERVO_KIND_NULLF ||
	       l->cfg.kind == PTPK_SERVO_KIND_NTPSHM;
}

/* The algorithm, started from clock frequency @freq (ppt). */
static int ptpk_loop_algo_init(struct ptpk_loop *l, s64 freq)
{
	s64 sfreq = -ptpk_ppt_to_nppb(freq);	/* the servo's sign */

	if (ptpk_loop_nullf(l))
		return ptpk_nullf_init(&l->nf, &l->cfg.servo,
				       l->cfg.kind == PTPK_SERVO_KIND_NTPSHM);
	if (l->cfg.kind == PTPK_SERVO_KIND_LINREG)
		return ptpk_linreg_init(&l->lr, &l->cfg.servo, sfreq,
					l->cfg.log_interval);
	return ptpk_pi_init(&l->pi, &l->cfg.servo, sfreq, l->cfg.log_interval);
}

static void ptpk_loop_algo_no_first_step(struct ptpk_loop *l)
{
	if (ptpk_loop_nullf(l))
		l->nf.first_update = false;
	else if (l->cfg.kind == PTPK_SERVO_KIND_LINREG)
		l->lr.first_update = false;
	else
		l->pi.first_update = false;
}

/* linuxptp's nullf and ntpshm have nothing to reset */
static void ptpk_loop_algo_reset(struct ptpk_loop *l)
{
	if (ptpk_loop_nullf(l))
		return;
	if (l->cfg.kind == PTPK_SERVO_KIND_LINREG)
		ptpk_linreg_reset(&l->lr);
	else
		ptpk_pi_reset(&l->pi);
}

static int ptpk_loop_algo_interval(struct ptpk_loop *l, int log_interval)
{
	if (ptpk_loop_nullf(l))
		return 0;
	if (l->cfg.kind == PTPK_SERVO_KIND_LINREG)
		return ptpk_linreg_sync_interval(&l->lr, log_interval);
	return ptpk_pi_sync_interval(&l->pi, log_interval);
}

static s64 ptpk_loop_algo_sample(struct ptpk_loop *l, s64 offset, s64 ts,
				 enum ptpk_servo_state *state)
{
	if (ptpk_loop_nullf(l))
		return ptpk_nullf_sample(&l->nf, offset, state);
	if (l->cfg.kind == PTPK_SERVO_KIND_LINREG)
		return ptpk_linreg_sample(&l->lr, offset, ts, state);
	return ptpk_pi_sample(&l->pi, offset, ts, state);
}

/* The algorithm's estimate of the clock's frequency error, ppt. */
static s64 ptpk_loop_algo_estimate(struct ptpk_loop *l)
{
	if (ptpk_loop_nullf(l))
		return 0;
	if (l->cfg.kind == PTPK_SERVO_KIND_LINREG)
		return ptpk_nppb_to_ppt(l->lr.clock_freq);
	return -ptpk_nppb_to_ppt(l->pi.drift);
}

static void ptpk_loop_check_set_freq(struct ptpk_loop *l, s64 freq)
{
	l->check_max = max(l->check_max, freq);
	l->check_min = min(l->check_min, freq);
}

/* linuxptp's clockcheck_sample(); true when the clock misbehaved. */
static bool ptpk_loop_check(struct ptpk_loop *l, s64 ts)
{
	s64 interval = ts - l->check_last_ts;
	s64 limit = (s64)l->cfg.sanity_freq_limit * 1000;
	s64 mono_interval, diff, f;
	bool bad = false;
	u64 mono;

	if (!l->cfg.sanity_freq_limit)
		return false;
	if (interval >= 0 && interval < PTPK_CHECK_MIN_INTERVAL)
		return false;
	mono = l->ops->mono_ns(l->ctx);
	mono_interval = (s64)(mono - l->check_last_mono);
	if (mono_interval < PTPK_CHECK_MIN_INTERVAL)
		return false;

	if (l->check_last_ts && l->check_max <= PTPK_CHECK_MAX_FREQ) {
		/* f = 10^12 * (interval / mono_interval - 1), in ppt */
		diff = interval - mono_interval;
		if (diff > mono_interval || diff < -mono_interval) {
			f = diff < 0 ? -(s64)PTPK_PPT_PER_UNIT :
				       (s64)PTPK_PPT_PER_UNIT;
		} else {
			f = mul_u64_u64_div_u64(diff < 0 ? -diff : diff,
						PTPK_PPT_PER_UNIT,
						mono_interval);
			if (diff < 0)
				f = -f;
		}
		bad = f - l->check_max > limit || f - l->check_min < -limit;
	}
	l->check_last_ts = ts;
	l->check_last_mono = mono;
	l->check_min = l->freq;
	l->check_max = l->freq;
	return bad;
}

static void ptpk_loop_check_reset(struct ptpk_loop *l)
{
	l->check_last_ts = 0;
	l->check_last_mono = 0;
	l->check_min = l->freq;
	l->check_max = l->freq;
}

/**
 * ptpk_loop_init() - a loop in state unlocked
 * @l: the loop
 * @c: configuration
 * @ops: the clock
 * @ctx: passed to @ops
 * @freq: the clock's current frequency adjustment, ppt
 *
 * Return: 0, -EINVAL for a bad configuration, -ENOMEM.
 */
int ptpk_loop_init(struct ptpk_loop *l, const struct ptpk_loop_config *c,
		   const struct ptpk_clock_ops *ops, void *ctx, s64 freq)
{
	int err;

	memset(l, 0, sizeof(*l));
	l->cfg = *c;
	l->ops = ops;
	l->ctx = ctx;
	l->freq = freq;
	l->state = PTPK_SERVO_STATE_UNLOCKED;
	err = ptpk_loop_algo_init(l, freq);
	if (err)
		return err;
	err = ptpk_tsproc_init(&l->tsp, c->tsproc_mode, c->delay_filter,
			       c->delay_filter_length, c->outlier_factor);
	if (err)
		return err;
	ptpk_loop_check_reset(l);
	return 0;
}

/**
 * ptpk_loop_reconfigure() - new parameters for a running loop
 * @l: the loop
 * @c: configuration; the kind must not change
 *
 * The algorithm restarts from the current frequency without a first step;
 * the delay filter restarts only if its settings changed.
 *
 * Return: 0, or an error with the loop unchanged.
 */
int ptpk_loop_reconfigure(struct ptpk_loop *l,
			  const struct ptpk_loop_config *c)
{
	struct ptpk_loop_config old = l->cfg;
	struct ptpk_tsproc tsp;
	int err;

	if (c->kind != l->cfg.kind)
		return -EINVAL;
	if (c->tsproc_mode != old.tsproc_mode ||
	    c->delay_filter != old.delay_filter ||
	    c->delay_filter_length != old.delay_filter_length) {
		err = ptpk_tsproc_init(&tsp, c->tsproc_mode, c->delay_filter,
				       c->delay_filter_length,
				       c->outlier_factor);
		if (err)
			return err;
	} else {
		tsp = l->tsp;
		tsp.outlier_factor = c->outlier_factor;
	}
	l->cfg = *c;
	err = ptpk_loop_algo_init(l, l->freq);
	if (err) {
		l->cfg = old;
		if (tsp.filter.samples != l->tsp.filter.samples)
			ptpk_tsproc_destroy(&tsp);
		/* the old configuration was accepted before: it still is */
		ptpk_loop_algo_init(l, l->freq);
		ptpk_loop_algo_no_first_step(l);
		return err;
	}
	if (tsp.filter.samples != l->tsp.filter.samples)
		ptpk_tsproc_destroy(&l->tsp);
	l->tsp = tsp;
	ptpk_loop_algo_no_first_step(l);
	l->state = PTPK_SERVO_STATE_UNLOCKED;
	return 0;
}

void ptpk_loop_destroy(struct ptpk_loop *l)
{
	ptpk_tsproc_destroy(&l->tsp);
}

/* Set the clock's frequency; the system clock's is left to the owner. */
static int ptpk_loop_set_freq(struct ptpk_loop *l, s64 freq,
			      struct ptpk_sample_out *out)
{
	int err = l->ops->adjfreq(l->ctx, freq);

	if (err == -EOPNOTSUPP) {
		out->flags |= PTPK_SAMPLE_FLAGS_APPLY_FREQ;
		err = 0;
	}
	if (err)
		return err;
	l->freq = freq;
	ptpk_loop_check_set_freq(l, freq);
	return 0;
}

static void ptpk_loop_fault(struct ptpk_loop *l, struct ptpk_sample_out *out,
			    int err)
{
	l->state = PTPK_SERVO_STATE_FAULT;
	out->flags |= PTPK_SAMPLE_FLAGS_FAULT;
	out->err = err;
}

/* Feed an offset to the algorithm and act on its verdict. */
static void ptpk_loop_servo(struct ptpk_loop *l, s64 offset, s64 ts,
			    struct ptpk_sample_out *out)
{
	enum ptpk_servo_state state = l->state;
	s64 adj, freq;
	int err;

	if (state == PTPK_SERVO_STATE_FAULT)
		state = PTPK_SERVO_STATE_UNLOCKED;
	adj = ptpk_loop_algo_sample(l, offset, ts, &state);
	freq = -ptpk_nppb_to_ppt(adj);
	l->state = state;

	switch (state) {
	case PTPK_SERVO_STATE_JUMP:
		err = ptpk_loop_set_freq(l, freq, out);
		if (!err)
			err = l->ops->step(l->ctx, -offset);
		if (err) {
			ptpk_loop_fault(l, out, err);
			return;
		}
		out->flags |= PTPK_SAMPLE_FLAGS_STEPPED;
		l->n_steps++;
		if (l->check_last_ts)
			l->check_last_ts -= offset;
		ptpk_tsproc_reset(&l->tsp, false);
		break;
	case PTPK_SERVO_STATE_LOCKED_STABLE:
		if (l->cfg.write_phase) {
			/* linuxptp's write_phase_mode: the frequency stays */
			err = l->ops->adjphase(l->ctx, -offset);
			if (err) {
				ptpk_loop_fault(l, out, err);
				return;
			}
			out->flags |= PTPK_SAMPLE_FLAGS_PHASE;
			l->holdover = ptpk_loop_algo_estimate(l);
			l->holdover_valid = true;
			break;
		}
		fallthrough;
	case PTPK_SERVO_STATE_LOCKED:
		err = ptpk_loop_set_freq(l, freq, out);
		if (err) {
			ptpk_loop_fault(l, out, err);
			return;
		}
		l->holdover = ptpk_loop_algo_estimate(l);
		l->holdover_valid = true;
		break;
	default:
		break;
	}
}

static void ptpk_loop_out(struct ptpk_loop *l, struct ptpk_sample_out *out)
{
	out->state = l->state;
	out->offset = l->offset;
	out->freq = l->freq;
	out->delay = l->tsp.filtered_delay;
}

/**
 * ptpk_loop_sample() - process one sample
 * @l: the loop
 * @in: the measurement
 * @out: the outcome; out->err is set with PTPK_SAMPLE_FLAGS_FAULT
 *
 * Return: 0, or -EINVAL for a sample that carries nothing usable or a sync
 * interval out of range.
 */
int ptpk_loop_sample(struct ptpk_loop *l, const struct ptpk_sample_in *in,
		     struct ptpk_sample_out *out)
{
	s64 offset, ts, weight = 1000000000LL;
	bool outlier;
	int err;

	memset(out, 0, sizeof(*out));
	if (!in->have_sync && !in->have_delay && !in->have_peer_delay &&
	    !in->have_offset)
		return -EINVAL;
	if (in->have_offset && !in->have_local_ts)
		return -EINVAL;
	if (in->have_interval && in->log_interval != l->cfg.log_interval) {
		err = ptpk_loop_algo_interval(l, in->log_interval);
		if (err)
			return err;
		l->cfg.log_interval = in->log_interval;
	}
	l->n_samples++;

	if (in->have_sync)
		ptpk_tsproc_down_ts(&l->tsp, in->t1, in->t2);
	if (in->have_delay &&
	    !ptpk_tsproc_up_ts(&l->tsp, in->t3, in->t4, &outlier) && outlier)
		out->flags |= PTPK_SAMPLE_FLAGS_DELAY_OUTLIER;
	if (in->have_peer_delay) {
		ptpk_tsproc_peer_delay(&l->tsp, in->peer_delay, &outlier);
		if (outlier)
			out->flags |= PTPK_SAMPLE_FLAGS_DELAY_OUTLIER;
	}
	if (out->flags & PTPK_SAMPLE_FLAGS_DELAY_OUTLIER)
		l->n_outliers++;
	out->delay_raw = ptpk_tsproc_raw_delay(&l->tsp);

	if (in->have_offset) {
		offset = in->offset;
		ts = in->local_ts;
		if (in->have_direct_delay)
			out->delay_raw = in->delay;
	} else if (in->have_sync) {
		if (ptpk_tsproc_offset(&l->tsp, &offset, &weight)) {
			out->flags |= PTPK_SAMPLE_FLAGS_NO_DELAY;
			goto done;
		}
		ts = in->t2;
	} else {
		goto done;	/* a delay measurement only */
	}
	out->weight = weight;

	/* the clock check first: a misbehaving clock is no outlier */
	if (ptpk_loop_check(l, ts)) {
		out->flags |= PTPK_SAMPLE_FLAGS_RESET;
		l->n_resets++;
		l->offset = offset;
		ptpk_loop_algo_reset(l);
		ptpk_tsproc_reset(&l->tsp, false);
		l->state = PTPK_SERVO_STATE_UNLOCKED;
		goto done;
	}
	if ((l->state == PTPK_SERVO_STATE_LOCKED ||
	     l->state == PTPK_SERVO_STATE_LOCKED_STABLE) &&
	    ptpk_tsproc_offset_outlier(&l->tsp, offset)) {
		out->flags |= PTPK_SAMPLE_FLAGS_OFFSET_OUTLIER;
		l->n_outliers++;
		ptpk_loop_out(l, out);
		out->offset = offset;
		return 0;
	}
	l->offset = offset;
	ptpk_loop_servo(l, offset, ts, out);
done:
	ptpk_loop_out(l, out);
	if (in->have_offset && in->have_direct_delay)
		out->delay = in->delay;
	return 0;
}

/**
 * ptpk_loop_holdover() - the owner is gone: run at the last good frequency
 * @l: the loop
 *
 * The last good frequency is the servo's own estimate of the clock's error
 * (the PI's integral term, linreg's slope) from its last locked sample,
 * without the proportional correction of that moment.
 *
 * Return: 0, or the clock's error (-EOPNOTSUPP: the system clock keeps
 * the frequency its owner last set).
 */
int ptpk_loop_holdover(struct ptpk_loop *l)
{
	int err;

	if (!l->holdover_valid)
		return 0;
	err = l->ops->adjfreq(l->ctx, l->holdover);
	if (!err)
		l->freq = l->holdover;
	return err;
}

/**
 * ptpk_loop_adopt() - resume after holdover, without a first step
 * @l: the loop
 *
 * Return: 0 or -EINVAL.
 */
int ptpk_loop_adopt(struct ptpk_loop *l)
{
	int err = ptpk_loop_algo_init(l, l->freq);

	if (err)
		return err;
	ptpk_loop_algo_no_first_step(l);
	ptpk_tsproc_reset(&l->tsp, false);
	ptpk_loop_check_reset(l);
	if (l->state != PTPK_SERVO_STATE_FAULT)
		l->state = PTPK_SERVO_STATE_UNLOCKED;
	return 0;
}
