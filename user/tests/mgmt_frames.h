/* SPDX-License-Identifier: GPL-2.0 */
/* Captured management frames for the ptpk-cli tests, see mgmt_frames.c. */
#ifndef PTPK_TEST_MGMT_FRAMES_H
#define PTPK_TEST_MGMT_FRAMES_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

extern const char FRAME_DEFAULT[];
extern const char FRAME_CURRENT[];
extern const char FRAME_PARENT[];
extern const char FRAME_TIME_STATUS[];
extern const char FRAME_PORT[];
extern const char FRAME_PORT_PROPS[];
extern const char FRAME_PORT_STATS[];
extern const char FRAME_TIME_PROPERTIES[];
extern const char FRAME_PRIORITY1[];
extern const char FRAME_PRIORITY2[];
extern const char FRAME_DOMAIN[];
extern const char FRAME_SLAVE_ONLY[];
extern const char FRAME_CLOCK_ACCURACY[];
extern const char FRAME_ERROR_STATUS[];
extern const char FRAME_EMPTY_TLV[];
extern const char FRAME_TWO_TLVS[];
extern const char FRAME_UNKNOWN_TLV[];
extern const char FRAME_TIME_STATUS_ODD[];
extern const char FRAME_CURRENT_ODD[];
extern const char FRAME_PORT_PROPS_ODD[];

/* Decode hex into buf (size bytes at most); the number of bytes. */
size_t test_unhex(const char *hex, uint8_t *buf, size_t size);
/*
 * A daemon in a child process on a UNIX socket at path: answers each of
 * the first n requests (or until 2 s pass without one) with the captured
 * frame of its managementId, with the request's sequenceId, then exits.
 * The child's pid, or -1.
 */
pid_t test_mgmt_daemon(const char *path, unsigned int n);

#endif
