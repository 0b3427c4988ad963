// SPDX-License-Identifier: GPL-2.0
/*
 * Delay filters: linuxptp's mmedian.c and mave.c in integer arithmetic.
 * Results are bit-for-bit those of linuxptp (tmv_div truncates toward zero)
 * except that the mean of two medians cannot overflow here.
 */

#include <linux/errno.h>
#include <linux/math64.h>
#include <linux/minmax.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "filter.h"

/**
 * ptpk_filter_init() - set up a filter
 * @f: the filter
 * @type: moving median or moving average
 * @len: window length, 1..PTPK_FILTER_MAX_LEN
 *
 * Context: process context; allocates with GFP_KERNEL.
 * Return: 0, -EINVAL for a bad type or length, or -ENOMEM.
 */
int ptpk_filter_init(struct ptpk_filter *f, enum ptpk_filter_type type,
		     unsigned int len)
{
	memset(f, 0, sizeof(*f));
	if (len < 1 || len > PTPK_FILTER_MAX_LEN)
		return -EINVAL;
	if (type != PTPK_FILTER_MMEDIAN && type != PTPK_FILTER_MAVE)
		return -EINVAL;

	f->type = type;
	f->len = len;
	f->samples = kcalloc(len, sizeof(*f->samples), GFP_KERNEL);
	if (!f->samples)
		return -ENOMEM;
	if (type == PTPK_FILTER_MMEDIAN) {
		f->order = kcalloc(len, sizeof(*f->order), GFP_KERNEL);
		if (!f->order) {
			kfree(f->samples);
			f->samples = NULL;
			return -ENOMEM;
		}
	}
	return 0;
}

/**
 * ptpk_filter_destroy() - free what ptpk_filter_init() allocated
 * @f: the filter; may be zeroed or failed to initialize
 */
void ptpk_filter_destroy(struct ptpk_filter *f)
{
	kfree(f->order);
	kfree(f->samples);
	f->order = NULL;
	f->samples = NULL;
	f->len = 0;
	f->cnt = 0;
}

/**
 * ptpk_filter_reset() - forget all samples, keep type and length
 * @f: the filter
 */
void ptpk_filter_reset(struct ptpk_filter *f)
{
	f->cnt = 0;
	f->index = 0;
	f->sum = 0;
}

/* trunc((a + b) / 2), as tmv_div(tmv_add(a, b), 2), without overflow. */
static s64 ptpk_mean2(s64 a, s64 b)
{
	s64 m = (a >> 1) + (b >> 1) + (a & b & 1);	/* floor */

	if (m < 0 && ((a ^ b) & 1))
		m++;
	return m;
}

static s64 ptpk_mmedian_sample(struct ptpk_filter *f, s64 sample)
{
	unsigned int i;

	f->samples[f->index] = sample;
	if (f->cnt < f->len) {
		f->cnt++;
	} else {
		/* Remove the index of the replaced sample from order. */
		for (i = 0; i < f->cnt; i++)
			if (f->order[i] == f->index)
				break;
		for (; i + 1 < f->cnt; i++)
			f->order[i] = f->order[i + 1];
	}

	/* Insert the index of the new sample, keeping order sorted. */
	for (i = f->cnt - 1; i > 0; i--) {
		if (f->samples[f->order[i - 1]] <= sample)
			break;
		f->order[i] = f->order[i - 1];
	}
	f->order[i] = f->index;

	f->index = (f->index + 1) % f->len;

	if (f->cnt % 2)
		return f->samples[f->order[f->cnt / 2]];
	return ptpk_mean2(f->samples[f->order[f->cnt / 2 - 1]],
			  f->samples[f->order[f->cnt / 2]]);
}

static s64 ptpk_mave_sample(struct ptpk_filter *f, s64 sample)
{
	sample = clamp_t(s64, sample, -PTPK_FILTER_MAVE_MAX,
			 PTPK_FILTER_MAVE_MAX);

	if (f->cnt < f->len)
		f->cnt++;
	else
		f->sum -= f->samples[f->index];
	f->sum += sample;
	f->samples[f->index] = sample;
	f->index = (f->index + 1) % f->len;

	return div_s64(f->sum, f->cnt);
}

/**
 * ptpk_filter_sample() - add a sample, return the filtered value
 * @f: an initialized filter
 * @sample: the new sample (a path delay in ns)
 *
 * Context: any; does not allocate or sleep.
 * Return: the median or mean of the last min(samples, length) samples; the
 * mean of the two middle ones for an even count, truncated toward zero.
 */
s64 ptpk_filter_sample(struct ptpk_filter *f, s64 sample)
{
	if (f->type == PTPK_FILTER_MAVE)
		return ptpk_mave_sample(f, sample);
	return ptpk_mmedian_sample(f, sample);
}
