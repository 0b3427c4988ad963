// SPDX-License-Identifier: GPL-2.0
/* Timeout arithmetic (see timers.h). */
#include <time.h>

#include "timers.h"

uint64_t mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * NS_PER_SEC + (uint64_t)ts.tv_nsec;
}

/* x * 2^shift for shift >= 0, or x / 2^-shift; saturating. */
static uint64_t scale_pow2(uint64_t x, int shift)
{
	if (shift < 0)
		return shift <= -64 ? 0 : x >> -shift;
	if (!x)
		return 0;
	if (shift >= 64 || x > UINT64_MAX >> shift)
		return UINT64_MAX;
	return x << shift;
}

uint64_t tmo_log_ns(unsigned int scale, int log_seconds)
{
	return scale_pow2((uint64_t)scale * NS_PER_SEC, log_seconds);
}

uint64_t tmo_fault_ns(int bad_peer_net, int fault_reset_interval,
		      int fault_badpeernet_interval)
{
	if (bad_peer_net) {
		if (fault_badpeernet_interval < 0)
			return 0;
		if (!fault_badpeernet_interval)
			return 1;
		return (uint64_t)fault_badpeernet_interval * NS_PER_SEC;
	}
	if (fault_reset_interval == INT8_MIN)
		return 1;
	return tmo_log_ns(1, fault_reset_interval);
}

uint64_t tmo_random_ns(unsigned int min, unsigned int span, int log_seconds,
		       uint32_t r)
{
	uint64_t min_ns = tmo_log_ns(min, log_seconds);
	uint64_t span_ns = tmo_log_ns(span, log_seconds);
	uint64_t steps = (r & ((1U << TMO_RANDOM_BITS) - 1)) + 1;
	uint64_t jitter;

	/* span_ns * steps / 2^15 without overflowing the product. */
	jitter = (span_ns >> TMO_RANDOM_BITS) * steps +
		 (((span_ns & ((1U << TMO_RANDOM_BITS) - 1)) * steps) >>
		  TMO_RANDOM_BITS);
	if (min_ns > UINT64_MAX - jitter)
		return UINT64_MAX;
	return min_ns + jitter;
}
