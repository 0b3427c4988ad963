/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Leap seconds on the system clock, as ptp4l 3.1.1 handles them for a
 * software-timestamping slave: the parent's leap61/leap59 flags are taken
 * up at most 18 hours before midnight UTC and dropped at most 6 hours after
 * it (leap_second_status), the UTC offset fixed for an early or late flag,
 * no sample is used in the last second before midnight (it is played twice
 * when the kernel inserts one), and the announced leap goes to the kernel
 * (STA_INS/STA_DEL, kernel_leap 1) or to the ntpshm segment (kernel_leap 0).
 */
#ifndef PTPKD_LEAP_H
#define PTPKD_LEAP_H

#include <stdbool.h>
#include <stdint.h>

/*
 * The leap second (+1, -1 or 0) the clock should have pending at UTC time
 * ts (ns), given the pending one leap_set and the announced *leap; *leap
 * and *utc_offset (TAI - UTC, s) are corrected when the flag came early or
 * stayed late.
 */
int leap_second_status(uint64_t ts, int leap_set, int *leap, int *utc_offset);

/* ts (UTC, ns) is in the last second of a day, which a leap makes double. */
bool leap_utc_ambiguous(uint64_t ts);

/*
 * Tell the kernel to insert (+1) or delete (-1) a second at the next
 * midnight UTC, or neither (0), keeping the other status bits (ptp4l
 * resets them); ptp4l's log lines. 0 or a negative errno.
 */
int leap_set_kernel(int leap);

#endif
