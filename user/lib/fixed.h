/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Exact decimal fixed-point conversion. The netlink API carries real numbers
 * as integers scaled by a power of ten ("nano-units" are value * 10^9, times
 * in seconds become nanoseconds). Parsing goes straight from the decimal
 * string to the scaled integer, so "0.7" is 700000000 and never 699999999.
 */
#ifndef PTPK_FIXED_H
#define PTPK_FIXED_H

#include <stddef.h>
#include <stdint.h>

/* Longest string fx_format() produces, with NUL. */
#define FX_STRLEN 32

/*
 * Parse a decimal number ("0.7", "-0.3", "+12", ".5", "20e-6", "1E3") into
 * value * 10^scale. Returns 0, or
 *   -EINVAL  not a decimal number (no hex, inf, nan, whitespace or junk),
 *   -EDOM    more digits after the point than 10^-scale can represent,
 *   -ERANGE  the scaled value is outside [min, max] or int64.
 */
int fx_parse(const char *s, unsigned int scale, int64_t min, int64_t max,
	     int64_t *out);

/* Why fx_parse() failed, for messages: "not a number", ... */
const char *fx_strerror(int err);

/*
 * Format value / 10^scale in the shortest exact decimal form: 700000000 with
 * scale 9 is "0.7", 20000 is "0.00002", 0 is "0". With plus set, positive
 * values get a leading '+'. Returns buf.
 */
char *fx_format(int64_t value, unsigned int scale, int plus, char *buf,
		size_t len);

#endif
