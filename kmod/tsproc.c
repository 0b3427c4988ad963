// SPDX-License-Identifier: GPL-2.0
/*
 * Timestamp processing: path delay, offset and the outlier rule. See
 * tsproc.h for the rule; the arithmetic follows linuxptp's tsproc with a
 * clock rate ratio of 1.
 */

#include <linux/errno.h>
#include <linux/limits.h>
#include <linux/math64.h>
#include <linux/minmax.h>
#include <linux/string.h>

#include "tsproc.h"

#define PTPK_NANO	1000000000LL

/**
 * ptpk_tsproc_init() - set up timestamp processing
 * @t: the state
 * @mode: tsproc_mode
 * @filter: delay_filter
 * @length: delay_filter_length
 * @outlier_factor: see tsproc.h; 0 disables the outlier rule
 *
 * Return: 0, -EINVAL or -ENOMEM.
 */
int ptpk_tsproc_init(struct ptpk_tsproc *t, enum ptpk_tsproc_mode mode,
		     enum ptpk_filter_type filter, unsigned int length,
		     u32 outlier_factor)
{
	memset(t, 0, sizeof(*t));
	if (mode < PTPK_TSPROC_MODE_FILTER || mode > PTPK_TSPROC_MODE_MAX)
		return -EINVAL;
	t->mode = mode;
	t->outlier_factor = outlier_factor;
	return ptpk_filter_init(&t->filter, filter, length);
}

void ptpk_tsproc_destroy(struct ptpk_tsproc *t)
{
	ptpk_filter_destroy(&t->filter);
}

/**
 * ptpk_tsproc_reset() - forget the timestamps
 * @t: the state
 * @full: also the delay filter and the outlier statistics
 *
 * After a step the delay stays valid (linuxptp's tsproc_reset(tsp, 0)).
 */
void ptpk_tsproc_reset(struct ptpk_tsproc *t, bool full)
{
	t->t1 = 0;
	t->t2 = 0;
	t->t3 = 0;
	t->t4 = 0;
	t->offset_mad = 0;
	t->offset_rejects = 0;
	if (!full)
		return;
	ptpk_filter_reset(&t->filter);
	t->filtered_valid = false;
	t->peer = false;
	t->raw_delay = 0;
	t->delay_mad = 0;
	t->delay_rejects = 0;
}

/* A Sync: t1 is the master's origin time plus corrections, t2 local. */
void ptpk_tsproc_down_ts(struct ptpk_tsproc *t, s64 t1, s64 t2)
{
	t->t1 = t1;
	t->t2 = t2;
}

static u64 ptpk_abs(s64 v)
{
	return v < 0 ? -(u64)v : (u64)v;
}

/* The outlier limit for a MAD: F * max(MAD, floor), in ns. */
static u64 ptpk_tsproc_limit(const struct ptpk_tsproc *t, u64 mad)
{
	u64 m = max_t(u64, mad >> PTPK_TSPROC_MAD_SHIFT, PTPK_TSPROC_MAD_FLOOR);

	return m * t->outlier_factor;
}

/*
 * mad += (|dev| - mad) / 16, kept with PTPK_TSPROC_MAD_SHIFT more bits; the
 * first value primes it.
 */
static void ptpk_tsproc_mad_update(u64 *mad, s64 dev)
{
	u64 a = min_t(u64, ptpk_abs(dev), U64_MAX >> (PTPK_TSPROC_MAD_SHIFT + 1));

	if (!*mad)
		*mad = a << PTPK_TSPROC_MAD_SHIFT;
	else
		*mad = *mad - (*mad >> PTPK_TSPROC_MAD_SHIFT) + a;
}

/* Run a raw delay through the outlier rule and the filter. */
static int ptpk_tsproc_delay(struct ptpk_tsproc *t, s64 raw, bool *outlier)
{
	s64 dev = raw - t->filtered_delay;

	*outlier = false;
	if (t->outlier_factor && t->filtered_valid &&
	    t->filter.cnt == t->filter.len &&
	    ptpk_abs(dev) > ptpk_tsproc_limit(t, t->delay_mad) &&
	    t->delay_rejects < PTPK_TSPROC_MAX_REJECTS) {
		t->delay_rejects++;
		*outlier = true;
		return 0;
	}
	t->delay_rejects = 0;
	if (t->filtered_valid)
		ptpk_tsproc_mad_update(&t->delay_mad, dev);
	t->raw_delay = raw;
	t->filtered_delay = ptpk_filter_sample(&t->filter, raw);
	t->filtered_valid = true;
	return 0;
}

/* ((t2 - t3) + (t4 - t1)) / 2, rounded toward zero as linuxptp's tmv_div */
static s64 ptpk_tsproc_e2e_delay(const struct ptpk_tsproc *t)
{
	return div_s64((t->t2 - t->t3) + (t->t4 - t->t1), 2);
}

/**
 * ptpk_tsproc_up_ts() - a Delay_Req/Delay_Resp pair, with the last Sync
 * @t: the state
 * @t3: local transmit time of the Delay_Req
 * @t4: the master's receive time minus the Delay_Resp correction
 * @outlier: set when the delay was rejected
 *
 * Return: 0, or -EAGAIN when no Sync was seen yet.
 */
int ptpk_tsproc_up_ts(struct ptpk_tsproc *t, s64 t3, s64 t4, bool *outlier)
{
	*outlier = false;
	t->t3 = t3;
	t->t4 = t4;
	if (!t->t1 || !t->t2)
		return -EAGAIN;
	t->peer = false;
	return ptpk_tsproc_delay(t, ptpk_tsproc_e2e_delay(t), outlier);
}

/**
 * ptpk_tsproc_peer_delay() - a raw P2P mean link delay
 * @t: the state
 * @delay: ns
 * @outlier: set when the delay was rejected
 *
 * Return: 0.
 */
int ptpk_tsproc_peer_delay(struct ptpk_tsproc *t, s64 delay, bool *outlier)
{
	t->peer = true;
	return ptpk_tsproc_delay(t, delay, outlier);
}

/* The raw delay the raw modes use: from the latest timestamps. */
s64 ptpk_tsproc_raw_delay(const struct ptpk_tsproc *t)
{
	if (t->peer || !t->t3)
		return t->raw_delay;
	return ptpk_tsproc_e2e_delay(t);
}

/**
 * ptpk_tsproc_offset() - offset of the last Sync
 * @t: the state
 * @offset: t2 - t1 - delay
 * @weight: nano-units; filtered/raw delay (at most 1) in the weight modes
 *
 * Return: 0, or -EAGAIN when the mode's delay is not known yet.
 */
int ptpk_tsproc_offset(struct ptpk_tsproc *t, s64 *offset, s64 *weight)
{
	bool have_raw = t->peer ? t->filtered_valid : t->t3;
	s64 delay, raw = 0;
	bool weighted = false;

	if (!t->t1 || !t->t2)
		return -EAGAIN;

	switch (t->mode) {
	case PTPK_TSPROC_MODE_FILTER:
		if (!t->filtered_valid)
			return -EAGAIN;
		delay = t->filtered_delay;
		break;
	case PTPK_TSPROC_MODE_RAW_WEIGHT:
		weighted = true;
		fallthrough;
	case PTPK_TSPROC_MODE_RAW:
		if (!have_raw)
			return -EAGAIN;
		raw = ptpk_tsproc_raw_delay(t);
		delay = raw;
		break;
	case PTPK_TSPROC_MODE_FILTER_WEIGHT:
		if (!have_raw || !t->filtered_valid)
			return -EAGAIN;
		raw = ptpk_tsproc_raw_delay(t);
		delay = t->filtered_delay;
		weighted = true;
		break;
	default:
		return -EINVAL;
	}

	*offset = t->t2 - t->t1 - delay;
	*weight = PTPK_NANO;
	if (weighted && t->filtered_delay > 0 && raw > t->filtered_delay &&
	    t->filtered_delay < S64_MAX / PTPK_NANO)
		*weight = div64_s64(t->filtered_delay * PTPK_NANO, raw);
	return 0;
}

/**
 * ptpk_tsproc_offset_outlier() - apply the outlier rule to a locked offset
 * @t: the state
 * @offset: ns
 *
 * Call only while the servo is locked; an accepted offset updates the MAD.
 *
 * Return: true when @offset is to be ignored.
 */
bool ptpk_tsproc_offset_outlier(struct ptpk_tsproc *t, s64 offset)
{
	if (t->outlier_factor && t->offset_mad &&
	    ptpk_abs(offset) > ptpk_tsproc_limit(t, t->offset_mad) &&
	    t->offset_rejects < PTPK_TSPROC_MAX_REJECTS) {
		t->offset_rejects++;
		return true;
	}
	t->offset_rejects = 0;
	ptpk_tsproc_mad_update(&t->offset_mad, offset);
	return false;
}
