/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Integer helpers for the servos: exact 64x64->128-bit products and
 * 128/64-bit quotients built from 32-bit pieces (no compiler 128-bit type,
 * no architecture division helper, so 32-bit kernels behave the same), and a
 * base-2 exponential of a nano-unit argument.
 *
 * Pure logic, no allocation, no locking.
 */

#ifndef _PTPK_FIXPT_H
#define _PTPK_FIXPT_H

#include <linux/bits.h>
#include <linux/types.h>

/* Q62: the real number times 2^62. */
#define PTPK_Q62_SHIFT		62
#define PTPK_Q62_ONE		BIT_ULL(PTPK_Q62_SHIFT)

void ptpk_mul_u64_u128(u64 a, u64 b, u64 *hi, u64 *lo);
u64 ptpk_mul_shr_sat(u64 a, u64 b, unsigned int shift);
u64 ptpk_div_u128_u64(u64 hi, u64 lo, u64 c, u64 *rem);
bool ptpk_mul_div(u64 a, u64 b, u64 c, u64 *q);
u64 ptpk_exp2_frac(u32 frac);
u64 ptpk_shl_sat(u64 v, int shift);

#endif /* _PTPK_FIXPT_H */
