/* SPDX-License-Identifier: GPL-2.0 */
/* The servo and the sync job ptpk-phc2sys creates in ptpk.ko. */
#ifndef P2S_JOB_H
#define P2S_JOB_H

#include "libptpk.h"
#include "options.h"

struct p2s_job {
	struct ptpk *p;
	uint32_t servo_id;
	uint32_t sync_id;
	bool sink_system;		/* we apply its frequency */
	bool src_system;
};

/* "CLOCK_REALTIME", "/dev/ptpN" or an interface name, as phc2sys takes. */
void p2s_clock_sel(const char *name, struct ptpk_clock *sel);
/* The servo request for o (sink clock, kind, phc2sys's PI settings). */
void p2s_servo_req(const struct p2s_opts *o, struct ptpk_servo *req);
/* ptpk's utc-offset (sink minus source, s) from -O or ptp4l's offset. */
int32_t p2s_utc_offset(const struct p2s_opts *o, bool have_ptp4l,
		       int ptp4l_offset);
/* Create the servo and the job; 0 or -errno (printed). */
int p2s_job_start(struct p2s_job *j, const struct p2s_opts *o,
		  int32_t utc_offset);
/* Delete the job and the servo. */
void p2s_job_stop(struct p2s_job *j);

#endif
