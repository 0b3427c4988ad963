// SPDX-License-Identifier: GPL-2.0
/*
 * The link model: what happens to a frame between its departure and its
 * arrival at a peer (delay, jitter, loss), in integer arithmetic.
 */

#include <linux/bitops.h>
#include <linux/math64.h>
#include <linux/prandom.h>

#include "ptpsim.h"

/* ln(2) * 2^32 */
#define PTPSIM_LN2_Q32	2977044472U

/**
 * ptpsim_exp_q16() - an exponentially distributed number with mean 1
 * @u: a uniformly distributed 32-bit number
 *
 * Computes -ln(U) for U = max(u, 1) / 2^32 in Q16 (so at most about 22.2),
 * with log2 by repeated squaring, 16 fraction bits.
 *
 * Return: -ln(U) * 2^16.
 */
u32 ptpsim_exp_q16(u32 u)
{
	u32 msb, frac = 0, neg_log2;
	u64 x;
	int i;

	if (!u)
		u = 1;
	msb = fls(u) - 1;
	x = (u64)u << (31 - msb);		/* [1, 2) in Q31 */
	for (i = 0; i < 16; i++) {
		x = (x * x) >> 31;
		frac <<= 1;
		if (x >= (1ULL << 32)) {
			x >>= 1;
			frac |= 1;
		}
	}
	/* -log2(U) = 32 - log2(u), in Q16 */
	neg_log2 = (32U << 16) - ((msb << 16) | frac);
	return mul_u64_u32_shr(neg_log2, PTPSIM_LN2_Q32, 32);
}

/**
 * ptpsim_link_sample() - the fate of one frame on one direction of a link
 * @l:		the link model; caller holds the sending device's TX lock
 * @delay_ns:	set to the frame's delay: base + exponential jitter
 *
 * Return: false if the frame is lost.
 */
bool ptpsim_link_sample(struct ptpsim_link *l, u64 *delay_ns)
{
	u32 loss = READ_ONCE(l->loss_ppm);
	u64 jitter = READ_ONCE(l->jitter_ns);

	if (loss &&
	    mul_u64_u32_shr(1000000, prandom_u32_state(&l->rnd), 32) < loss)
		return false;
	*delay_ns = READ_ONCE(l->delay_ns);
	if (jitter)
		*delay_ns += mul_u64_u32_shr(jitter,
					     ptpsim_exp_q16(prandom_u32_state(&l->rnd)),
					     16);
	return true;
}
