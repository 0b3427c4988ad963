// SPDX-License-Identifier: GPL-2.0
/* Leap seconds, see leap.h. */
#include <errno.h>
#include <string.h>
#include <sys/timex.h>
#include <time.h>

#include "leap.h"
#include "print.h"

#define NS_PER_S	1000000000ULL
#define NS_PER_DAY	(86400ULL * NS_PER_S)
#define NS_PER_HOUR	(3600ULL * NS_PER_S)

int leap_second_status(uint64_t ts, int leap_set, int *leap, int *utc_offset)
{
	int status = leap_set;

	/*
	 * The flags come at most 12 hours before midnight and go at most two
	 * announce intervals after it: split the day at 6:00 UTC.
	 */
	if (ts % NS_PER_DAY > 6 * NS_PER_HOUR) {
		if (!status)
			status = *leap;
	} else if (status) {
		status = 0;
	}
	if (!*leap && status) {
		/* the master dropped the flag early: the leap is still due */
		*utc_offset -= status;
		*leap = status;
	} else if (*leap && !status) {
		/* the master still flags the leap that just happened */
		*utc_offset += *leap;
		*leap = status;
	}
	return status;
}

bool leap_utc_ambiguous(uint64_t ts)
{
	return NS_PER_DAY - ts % NS_PER_DAY <= NS_PER_S;
}

int leap_set_kernel(int leap)
{
	struct timex tx;
	int err;

	memset(&tx, 0, sizeof(tx));
	if (clock_adjtime(CLOCK_REALTIME, &tx) < 0)
		goto fail;
	tx.modes = ADJ_STATUS;
	tx.status &= ~(STA_INS | STA_DEL);
	if (leap > 0)
		tx.status |= STA_INS;
	else if (leap < 0)
		tx.status |= STA_DEL;
	if (clock_adjtime(CLOCK_REALTIME, &tx) < 0)
		goto fail;
	/* ptp4l's lines; clearing is silent */
	if (leap)
		pr_notice("clock set to %s leap second at midnight (UTC)",
			  leap > 0 ? "insert" : "delete");
	return 0;
fail:
	err = errno;
	pr_err("failed to set the clock status: %s", strerror(err));
	return -err;
}
