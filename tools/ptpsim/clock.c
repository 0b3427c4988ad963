// SPDX-License-Identifier: GPL-2.0
/*
 * The simulated PHC: a piecewise linear function of the raw monotonic clock
 * (see struct ptpsim_clock), and the PTP clock operations on it.
 */

#include <linux/kernel.h>
#include <linux/math64.h>
#include <linux/minmax.h>
#include <linux/ptp_clock_kernel.h>
#include <linux/string.h>
#include <linux/timekeeping.h>

#include "ptpsim.h"

/* rate = sppb * 2^48 / (10^9 * 2^16) = sppb * 2^23 / 1953125 */
static s64 ptpsim_sppb_to_rate(s64 sppb)
{
	/* |sppb| < 2^40, so the product fits. */
	return div_s64(sppb * (1LL << 23), 1953125);
}

static void ptpsim_clock_update_rate(struct ptpsim_clock *c)
{
	s64 sppb = c->err_sppb + c->wander_sppb + c->adj_sppb;

	c->rate_base = ptpsim_sppb_to_rate(sppb);
	c->rate = ptpsim_sppb_to_rate(sppb + c->slew_sppb);
}

/*
 * Elapsed PHC time over @d ns of raw monotonic time at @rate: whole ns in
 * *@i, the fraction in *@f (2^-48 ns, floor semantics).
 */
static void ptpsim_elapsed(u64 d, s64 rate, s64 *i, u64 *f)
{
	u64 r = rate < 0 ? -(u64)rate : (u64)rate;
	u64 hi = mul_u64_u64_shr(d, r, PTPSIM_FRAC_BITS);
	u64 lo = (d * r) & PTPSIM_FRAC_MASK;	/* low bits of the product */

	if (rate >= 0) {
		*i = d + hi;
		*f = lo;
	} else if (lo) {
		*i = d - hi - 1;
		*f = (1ULL << PTPSIM_FRAC_BITS) - lo;
	} else {
		*i = d - hi;
		*f = 0;
	}
}

/* Advance (@ns, @frac) by @d ns of raw time at @rate. */
static void ptpsim_advance(s64 *ns, u64 *frac, u64 d, s64 rate)
{
	s64 i;
	u64 f;

	ptpsim_elapsed(d, rate, &i, &f);
	f += *frac;
	*ns += i + (s64)(f >> PTPSIM_FRAC_BITS);
	*frac = f & PTPSIM_FRAC_MASK;
}

/* The PHC's time at raw monotonic @mono; caller holds c->lock. */
static void ptpsim_clock_at(const struct ptpsim_clock *c, u64 mono,
			    s64 *ns, u64 *frac)
{
	s64 i;
	u64 f;

	if (mono >= c->mono) {
		*ns = c->ns;
		*frac = c->frac;
		if (c->slew_end && mono > c->slew_end) {
			/* the slew ends on the way: two pieces */
			ptpsim_advance(ns, frac, c->slew_end - c->mono, c->rate);
			ptpsim_advance(ns, frac, mono - c->slew_end,
				       c->rate_base);
		} else {
			ptpsim_advance(ns, frac, mono - c->mono, c->rate);
		}
	} else {
		/* An instant before the anchor (a racing rebase): go back. */
		ptpsim_elapsed(c->mono - mono, c->rate, &i, &f);
		*ns = c->ns - i;
		if (f > c->frac) {
			*ns -= 1;
			*frac = c->frac + (1ULL << PTPSIM_FRAC_BITS) - f;
		} else {
			*frac = c->frac - f;
		}
	}
}

/* An adjphase slew that ended by the anchor is over; caller holds c->lock. */
static void ptpsim_clock_slew_expire(struct ptpsim_clock *c)
{
	if (c->slew_end && c->mono >= c->slew_end) {
		c->slew_end = 0;
		c->slew_sppb = 0;
		ptpsim_clock_update_rate(c);
	}
}

/* Move the anchor to now; caller holds c->lock. */
static void ptpsim_clock_rebase(struct ptpsim_clock *c)
{
	u64 now = ktime_get_raw_ns();

	ptpsim_clock_at(c, now, &c->ns, &c->frac);
	c->mono = now;
	ptpsim_clock_slew_expire(c);
}

/**
 * ptpsim_clock_read() - the PHC's time at an instant
 * @c:		the clock
 * @mono:	the instant, raw monotonic ns (may lie in the future)
 *
 * Return: the PHC's time in whole nanoseconds.
 */
s64 ptpsim_clock_read(struct ptpsim_clock *c, u64 mono)
{
	s64 ns;
	u64 frac;

	spin_lock_bh(&c->lock);
	ptpsim_clock_at(c, mono, &ns, &frac);
	spin_unlock_bh(&c->lock);
	return ns;
}

void ptpsim_clock_set_err(struct ptpsim_clock *c, s64 ppb)
{
	spin_lock_bh(&c->lock);
	ptpsim_clock_rebase(c);
	c->err_sppb = ppb * 65536;
	ptpsim_clock_update_rate(c);
	spin_unlock_bh(&c->lock);
}

/* Set the PHC to CLOCK_REALTIME + @offset_ns. */
void ptpsim_clock_set_offset(struct ptpsim_clock *c, s64 offset_ns)
{
	struct system_time_snapshot snap;

	spin_lock_bh(&c->lock);
	ktime_get_snapshot(&snap);
	c->mono = ktime_to_ns(snap.raw);
	c->ns = ktime_to_ns(snap.real) + offset_ns;
	c->frac = 0;
	ptpsim_clock_slew_expire(c);
	spin_unlock_bh(&c->lock);
}

void ptpsim_clock_step(struct ptpsim_clock *c, s64 delta_ns)
{
	spin_lock_bh(&c->lock);
	ptpsim_clock_rebase(c);
	c->ns += delta_ns;
	spin_unlock_bh(&c->lock);
}

void ptpsim_clock_seed(struct ptpsim_clock *c, u64 seed)
{
	spin_lock_bh(&c->lock);
	prandom_seed_state(&c->rnd, seed ^ 0x9e3779b97f4a7c15ULL);
	spin_unlock_bh(&c->lock);
}

/*
 * One step of the random walk (called about once a second): the frequency
 * error moves by a uniformly distributed amount in [-wander_ppb, wander_ppb]
 * and stays within +-PTPSIM_MAX_WANDER_PPB.
 */
void ptpsim_clock_wander(struct ptpsim_clock *c)
{
	const s64 bound = (s64)PTPSIM_MAX_WANDER_PPB * 65536;
	s64 w, step;

	spin_lock_bh(&c->lock);
	if (!c->wander_ppb) {
		spin_unlock_bh(&c->lock);
		return;
	}
	w = (s64)c->wander_ppb * 65536;
	step = (s64)mul_u64_u32_shr(2 * w + 1, prandom_u32_state(&c->rnd), 32) - w;
	ptpsim_clock_rebase(c);
	c->wander_sppb = clamp(c->wander_sppb + step, -bound, bound);
	ptpsim_clock_update_rate(c);
	spin_unlock_bh(&c->lock);
}

int ptpsim_clock_adj_sppb(struct ptp_clock_info *info, s64 sppb)
{
	struct ptpsim_clock *c = container_of(info, struct ptpsim_clock, info);

	spin_lock_bh(&c->lock);
	ptpsim_clock_rebase(c);
	c->adj_sppb = sppb;
	ptpsim_clock_update_rate(c);
	spin_unlock_bh(&c->lock);
	return 0;
}

/*
 * adjphase: the PHC's "internal servo" slews @phase ns out over
 * PTPSIM_SLEW_NS of raw time (a rate of @phase ppb for 1 s). A new call
 * replaces what is left of the previous one: the caller measured the
 * offset that remained.
 */
int ptpsim_clock_adjphase(struct ptp_clock_info *info, s32 phase)
{
	struct ptpsim_clock *c = container_of(info, struct ptpsim_clock, info);

	/* 6.12's core checks getmaxphase; 6.1's does not */
	if (phase > PTPSIM_MAX_PHASE_NS || phase < -PTPSIM_MAX_PHASE_NS)
		return -ERANGE;
	spin_lock_bh(&c->lock);
	ptpsim_clock_rebase(c);
	/* ppb = phase * 10^9 / PTPSIM_SLEW_NS = phase */
	c->slew_sppb = (s64)phase * 65536;
	c->slew_end = phase ? c->mono + PTPSIM_SLEW_NS : 0;
	c->n_adjphase++;
	ptpsim_clock_update_rate(c);
	spin_unlock_bh(&c->lock);
	return 0;
}

static int ptpsim_adjfine(struct ptp_clock_info *info, long scaled_ppm)
{
	/* The core has checked the range against max_adj. */
	return ptpsim_clock_adj_sppb(info, (s64)scaled_ppm * 1000);
}

static int ptpsim_adjtime(struct ptp_clock_info *info, s64 delta)
{
	struct ptpsim_clock *c = container_of(info, struct ptpsim_clock, info);

	ptpsim_clock_step(c, delta);
	return 0;
}

static int ptpsim_gettimex64(struct ptp_clock_info *info,
			     struct timespec64 *ts,
			     struct ptp_system_timestamp *sts)
{
	struct ptpsim_clock *c = container_of(info, struct ptpsim_clock, info);
	s64 ns;
	u64 frac;

	spin_lock_bh(&c->lock);
	ptp_read_system_prets(sts);
	ptpsim_clock_at(c, ktime_get_raw_ns(), &ns, &frac);
	ptp_read_system_postts(sts);
	spin_unlock_bh(&c->lock);
	*ts = ns_to_timespec64(ns);
	return 0;
}

static int ptpsim_settime64(struct ptp_clock_info *info,
			    const struct timespec64 *ts)
{
	struct ptpsim_clock *c = container_of(info, struct ptpsim_clock, info);

	spin_lock_bh(&c->lock);
	c->mono = ktime_get_raw_ns();
	c->ns = timespec64_to_ns(ts);
	c->frac = 0;
	ptpsim_clock_slew_expire(c);
	spin_unlock_bh(&c->lock);
	return 0;
}

static int ptpsim_enable(struct ptp_clock_info *info,
			 struct ptp_clock_request *rq, int on)
{
	return -EOPNOTSUPP;
}

/**
 * ptpsim_clock_init() - set up and register a PHC
 * @c:		the clock (zeroed)
 * @name:	its name (truncated to the PTP core's 32 bytes)
 * @seed:	seed of its PRNG
 *
 * The clock starts at CLOCK_REALTIME with no frequency error.
 *
 * Return: 0 or a negative errno.
 */
int ptpsim_clock_init(struct ptpsim_clock *c, const char *name, u64 seed)
{
	struct ptp_clock *ptp;

	spin_lock_init(&c->lock);
	ptpsim_clock_set_offset(c, 0);
	ptpsim_clock_seed(c, seed);
	ptpsim_clock_update_rate(c);

	/*
	 * No owner: an open /dev/ptpN must not pin the module, so that it can
	 * be unloaded under a running ptp4l. After ptp_clock_unregister() the
	 * PTP core no longer calls into us (the clock is a zombie).
	 */
	snprintf(c->info.name, sizeof(c->info.name), "ptpsim %s", name);
	c->info.max_adj = PTPSIM_MAX_ADJ_PPB;
	c->info.adjfine = ptpsim_adjfine;
	PTPSIM_ADJFREQ_OP(&c->info);
	c->info.adjtime = ptpsim_adjtime;
	c->info.adjphase = ptpsim_clock_adjphase;
	PTPSIM_GETMAXPHASE_OP(&c->info);
	c->info.gettimex64 = ptpsim_gettimex64;
	c->info.settime64 = ptpsim_settime64;
	c->info.enable = ptpsim_enable;

	ptp = ptp_clock_register(&c->info, NULL);
	if (IS_ERR(ptp))
		return PTR_ERR(ptp);
	if (!ptp)
		return -EOPNOTSUPP;	/* kernel without PTP clock support */
	c->ptp = ptp;
	return 0;
}

void ptpsim_clock_fini(struct ptpsim_clock *c)
{
	ptp_clock_unregister(c->ptp);
	c->ptp = NULL;
}
