/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The NTP shared-memory reference clock that ptp4l's ntpshm servo feeds:
 * SysV segment key 0x4e545030 + ntpshm_segment, ntpd's struct shmTime
 * (refclock_shm.c, also read by chronyd's SHM refclock), mode 1, written
 * on each Sync with the reference time (local time - offset) and the
 * local receive time. ptpk.ko's ntpshm servo never touches the clock and
 * reports the offset; this file only publishes it.
 */
#ifndef PTPKD_NTPSHM_H
#define PTPKD_NTPSHM_H

#include <stdint.h>
#include <time.h>

#define NTPSHM_KEY	0x4e545030

/* The segment's layout: a fixed ABI between ntpd and its refclocks. */
struct ntpshm_time {
	int mode;
	volatile int count;
	time_t clockTimeStampSec;
	int clockTimeStampUSec;
	time_t receiveTimeStampSec;
	int receiveTimeStampUSec;
	int leap;
	int precision;
	int nsamples;
	volatile int valid;
	int clockTimeStampNSec;
	int receiveTimeStampNSec;
	int dummy[8];
};

/* NTP leap indicator values */
#define NTPSHM_LEAP_NORMAL	0
#define NTPSHM_LEAP_INSERT	1
#define NTPSHM_LEAP_DELETE	2

struct ntpshm {
	struct ntpshm_time *shm;	/* NULL: not attached */
	int leap;			/* +1, -1 or 0: announced leap second */
};

/* Create or attach segment; 0, or -1 after ptp4l's error line. */
int ntpshm_open(struct ntpshm *n, int segment);
/* Mark the sample invalid and detach. */
void ntpshm_close(struct ntpshm *n);
/*
 * One sample, as ptp4l's: local_ts the local receive time (ns), offset
 * local - reference (ns), precision 1 ns, the leap indicator from n->leap.
 */
void ntpshm_write(struct ntpshm_time *t, int leap, int64_t offset,
		  uint64_t local_ts);
static inline void ntpshm_sample(struct ntpshm *n, int64_t offset,
				 uint64_t local_ts)
{
	if (n->shm)
		ntpshm_write(n->shm, n->leap, offset, local_ts);
}

#endif
