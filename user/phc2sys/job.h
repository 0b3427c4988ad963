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
	int32_t utc_offset;		/* the job's, s */
};

/* "CLOCK_REALTIME", "/dev/ptpN" or an interface name, as phc2sys takes. */
void p2s_clock_sel(const char *name, struct ptpk_clock *sel);
/* The servo request for o (sink clock, kind, phc2sys's PI settings). */
void p2s_servo_req(const struct p2s_opts *o, struct ptpk_servo *req);
/* ptpk's utc-offset (sink minus source, s) from -O or ptp4l's offset. */
int32_t p2s_utc_offset(const struct p2s_opts *o, bool have_ptp4l,
		       int ptp4l_offset);
void p2s_servo_req_for(const struct p2s_opts *o, const char *src,
		       const char *dst, struct ptpk_servo *req);
int32_t p2s_utc_offset_for(const struct p2s_opts *o, const char *src,
			   const char *dst, bool have_ptp4l, int ptp4l_offset);
/* ptpk_open() with the error printed. */
int p2s_open(struct ptpk **pp);
/*
 * The parts, on a socket p the caller owns (automatic mode runs several
 * jobs on one): the servo on dst; the job from src on that servo (it can be
 * deleted and made again from another source, the servo keeps its state);
 * a new UTC offset; delete the job; delete both. 0 or -errno (printed).
 */
int p2s_job_servo(struct ptpk *p, struct p2s_job *j, const struct p2s_opts *o,
		  const char *src, const char *dst);
int p2s_job_sync(struct p2s_job *j, const struct p2s_opts *o, const char *src,
		 int32_t utc_offset);
int p2s_job_set_utc_offset(struct p2s_job *j, int32_t utc_offset);
void p2s_job_unsync(struct p2s_job *j);
void p2s_job_remove(struct p2s_job *j);
/* Open a socket, create the servo and the job; 0 or -errno (printed). */
int p2s_job_start(struct p2s_job *j, const struct p2s_opts *o,
		  int32_t utc_offset);
/* Delete the job and the servo, close the socket. */
void p2s_job_stop(struct p2s_job *j);

#endif
