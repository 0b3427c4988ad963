// SPDX-License-Identifier: GPL-2.0
/* Exact decimal fixed-point conversion, see fixed.h. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>

#include "fixed.h"

/* More significant digits than any int64 has is an error either way. */
#define FX_MAX_DIGITS 20

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

int fx_parse(const char *s, unsigned int scale, int64_t min, int64_t max,
	     int64_t *out)
{
	char digits[FX_MAX_DIGITS];
	unsigned int nd = 0, zeros = 0, i;
	long exp = 0, e10 = 0;
	bool neg = false, any = false, frac = false;
	uint64_t mag = 0;
	const char *p = s;

	if (!s)
		return -EINVAL;
	if (*p == '+' || *p == '-')
		neg = *p++ == '-';

	/*
	 * Collect the significant digits. Zeros are held back in "zeros" until
	 * a nonzero digit follows, so the digit string never ends in zero and
	 * "exp" is the power of ten it has to be multiplied by.
	 */
	for (;; p++) {
		if (*p == '.' && !frac) {
			frac = true;
			continue;
		}
		if (!is_digit(*p))
			break;
		any = true;
		if (frac)
			exp--;
		if (*p == '0') {
			zeros++;
			continue;
		}
		if (nd > 0) {
			if (nd + zeros >= FX_MAX_DIGITS)
				return -ERANGE;
			while (zeros) {
				digits[nd++] = '0';
				zeros--;
			}
		} else {
			zeros = 0;	/* leading zeros */
		}
		if (nd >= FX_MAX_DIGITS)
			return -ERANGE;
		digits[nd++] = *p;
	}
	if (!any)
		return -EINVAL;
	if (nd == 0)
		zeros = 0;

	if (*p == 'e' || *p == 'E') {
		bool eneg = false, edig = false;

		p++;
		if (*p == '+' || *p == '-')
			eneg = *p++ == '-';
		for (; is_digit(*p); p++) {
			edig = true;
			if (e10 < 100000)
				e10 = e10 * 10 + (*p - '0');
		}
		if (!edig)
			return -EINVAL;
		if (eneg)
			e10 = -e10;
	}
	if (*p)
		return -EINVAL;

	if (nd == 0) {
		mag = 0;
	} else {
		exp += (long)zeros + e10 + (long)scale;
		/* The last digit is nonzero: a negative exponent cuts it off. */
		if (exp < 0)
			return -EDOM;
		for (i = 0; i < nd; i++) {
			if (__builtin_mul_overflow(mag, 10, &mag) ||
			    __builtin_add_overflow(mag, (uint64_t)(digits[i] - '0'), &mag))
				return -ERANGE;
		}
		for (; exp > 0; exp--) {
			if (__builtin_mul_overflow(mag, 10, &mag))
				return -ERANGE;
		}
	}

	if (neg) {
		if (mag > (uint64_t)INT64_MAX + 1)
			return -ERANGE;
		*out = mag == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)mag;
	} else {
		if (mag > (uint64_t)INT64_MAX)
			return -ERANGE;
		*out = (int64_t)mag;
	}
	if (*out < min || *out > max)
		return -ERANGE;
	return 0;
}

const char *fx_strerror(int err)
{
	switch (err) {
	case 0:
		return "success";
	case -EDOM:
		return "too many decimal places";
	case -ERANGE:
		return "out of range";
	default:
		return "not a number";
	}
}

char *fx_format(int64_t value, unsigned int scale, int plus, char *buf,
		size_t len)
{
	uint64_t mag, div = 1, ip, fp;
	char fbuf[24];
	unsigned int i;
	const char *sign = "";

	if (scale > 18)
		scale = 18;
	for (i = 0; i < scale; i++)
		div *= 10;
	if (value < 0) {
		mag = (uint64_t)0 - (uint64_t)value;
		sign = "-";
	} else {
		mag = (uint64_t)value;
		if (plus && value > 0)
			sign = "+";
	}
	ip = mag / div;
	fp = mag % div;
	if (!fp) {
		snprintf(buf, len, "%s%llu", sign, (unsigned long long)ip);
		return buf;
	}
	snprintf(fbuf, sizeof(fbuf), "%0*llu", (int)scale, (unsigned long long)fp);
	for (i = scale; i > 0 && fbuf[i - 1] == '0'; i--)
		fbuf[i - 1] = '\0';
	snprintf(buf, len, "%s%llu.%s", sign, (unsigned long long)ip, fbuf);
	return buf;
}
