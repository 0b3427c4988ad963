// SPDX-License-Identifier: GPL-2.0
/*
 * Servo and sync job setup. phc2sys creates its PI with the hardware
 * timestamping defaults (kp 0.7, ki 0.3) and tells it the update interval;
 * the servo here gets the same, with -P/-I/-S/-F/-L in ptpk's units.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "job.h"
#include "pmc.h"
#include "print.h"

void p2s_clock_sel(const char *name, struct ptpk_clock *sel)
{
	memset(sel, 0, sizeof(*sel));
	if (!strcmp(name, "CLOCK_REALTIME")) {
		sel->type = PTPK_CLOCK_TYPE_SYSTEM;
		PTPK_SET(sel, PTPK_A_CLOCK_TYPE);
	} else if (name[0] == '/') {
		snprintf(sel->dev_path, sizeof(sel->dev_path), "%s", name);
		PTPK_SET(sel, PTPK_A_CLOCK_DEV_PATH);
	} else {
		snprintf(sel->ifname, sizeof(sel->ifname), "%s", name);
		PTPK_SET(sel, PTPK_A_CLOCK_IFNAME);
	}
}

static void set(struct ptpk_servo *s, unsigned int attr, int64_t v)
{
	s->val[attr] = v;
	PTPK_SET(s, attr);
}

void p2s_servo_req(const struct p2s_opts *o, struct ptpk_servo *req)
{
	p2s_servo_req_for(o, o->src, o->dst, req);
}

void p2s_servo_req_for(const struct p2s_opts *o, const char *src,
		       const char *dst, struct ptpk_servo *req)
{
	long log_interval = lround(log2(1.0 / o->rate));

	memset(req, 0, sizeof(*req));
	p2s_clock_sel(dst, &req->clock);
	PTPK_SET(req, PTPK_A_SERVO_CLOCK);
	req->kind = o->kind;
	PTPK_SET(req, PTPK_A_SERVO_KIND);
	snprintf(req->name, sizeof(req->name), "ptpk-phc2sys %s", src);
	PTPK_SET(req, PTPK_A_SERVO_NAME);
	set(req, PTPK_A_SERVO_HW_TS, 1);
	if (log_interval < -7)
		log_interval = -7;
	if (log_interval > 4)
		log_interval = 4;
	set(req, PTPK_A_SERVO_SYNC_INTERVAL, log_interval);
	if (o->have_kp)
		set(req, PTPK_A_SERVO_PI_PROPORTIONAL_CONST,
		    llround(o->kp * 1e9));
	if (o->have_ki)
		set(req, PTPK_A_SERVO_PI_INTEGRAL_CONST, llround(o->ki * 1e9));
	set(req, PTPK_A_SERVO_STEP_THRESHOLD, llround(o->step_threshold * 1e9));
	set(req, PTPK_A_SERVO_FIRST_STEP_THRESHOLD,
	    llround(o->first_step_threshold * 1e9));
	set(req, PTPK_A_SERVO_SANITY_FREQ_LIMIT, o->sanity_freq_limit);
	/* phc2sys has no outlier rule: measure like it does */
	set(req, PTPK_A_SERVO_OUTLIER_FACTOR, 0);
}

int32_t p2s_utc_offset(const struct p2s_opts *o, bool have_ptp4l,
		       int ptp4l_offset)
{
	return p2s_utc_offset_for(o, o->src, o->dst, have_ptp4l, ptp4l_offset);
}

int32_t p2s_utc_offset_for(const struct p2s_opts *o, const char *src,
			   const char *dst, bool have_ptp4l, int ptp4l_offset)
{
	bool sink_utc = !strcmp(dst, "CLOCK_REALTIME");
	bool src_utc = !strcmp(src, "CLOCK_REALTIME");

	if (o->forced_offset)
		return o->sync_offset;
	if (!have_ptp4l)
		return 0;
	/* phc2sys adds (dst is UTC - src is UTC) * offset to the offset */
	return -(int32_t)(sink_utc - src_utc) * ptp4l_offset;
}

int p2s_job_servo(struct ptpk *p, struct p2s_job *j, const struct p2s_opts *o,
		  const char *src, const char *dst)
{
	struct ptpk_servo req, s;
	int err;

	j->p = p;
	j->sink_system = !strcmp(dst, "CLOCK_REALTIME");
	p2s_servo_req_for(o, src, dst, &req);
	err = ptpk_servo_new(p, &req, &s);
	if (err) {
		pr_err("cannot create a servo on %s: %s%s%s", dst,
		       strerror(-err), *ptpk_extack(p) ? ": " : "",
		       ptpk_extack(p));
		return err;
	}
	j->servo_id = s.id;
	return 0;
}

int p2s_job_sync(struct p2s_job *j, const struct p2s_opts *o, const char *src,
		 int32_t utc_offset)
{
	struct ptpk_sync sreq = { 0 }, job;
	int err;

	j->src_system = !strcmp(src, "CLOCK_REALTIME");
	sreq.servo = j->servo_id;
	PTPK_SET(&sreq, PTPK_A_SYNC_SERVO);
	p2s_clock_sel(src, &sreq.source);
	PTPK_SET(&sreq, PTPK_A_SYNC_SOURCE);
	sreq.rate = (uint32_t)llround(o->rate * 1000);
	if (!sreq.rate)
		sreq.rate = 1;
	PTPK_SET(&sreq, PTPK_A_SYNC_RATE);
	sreq.readings = o->readings;
	PTPK_SET(&sreq, PTPK_A_SYNC_READINGS);
	sreq.utc_offset = utc_offset;
	PTPK_SET(&sreq, PTPK_A_SYNC_UTC_OFFSET);
	err = ptpk_sync_new(j->p, &sreq, &job);
	if (err) {
		pr_err("cannot start a sync job from %s: %s%s%s", src,
		       strerror(-err), *ptpk_extack(j->p) ? ": " : "",
		       ptpk_extack(j->p));
		return err;
	}
	j->sync_id = job.id;
	j->utc_offset = utc_offset;
	pr_debug("servo %u, sync job %u, utc offset %d s", j->servo_id,
		 j->sync_id, utc_offset);
	return 0;
}

int p2s_job_set_utc_offset(struct p2s_job *j, int32_t utc_offset)
{
	struct ptpk_sync req = { .id = j->sync_id, .utc_offset = utc_offset };
	int err;

	if (!j->sync_id || j->utc_offset == utc_offset)
		return 0;
	PTPK_SET(&req, PTPK_A_SYNC_ID);
	PTPK_SET(&req, PTPK_A_SYNC_UTC_OFFSET);
	err = ptpk_sync_set(j->p, &req, NULL);
	if (err) {
		pr_err("cannot set the UTC offset of sync job %u: %s",
		       j->sync_id, strerror(-err));
		return err;
	}
	pr_debug("sync job %u: utc offset %d s", j->sync_id, utc_offset);
	j->utc_offset = utc_offset;
	return 0;
}

void p2s_job_unsync(struct p2s_job *j)
{
	if (j->sync_id && ptpk_sync_del(j->p, j->sync_id))
		pr_warning("failed to delete sync job %u", j->sync_id);
	j->sync_id = 0;
}

void p2s_job_remove(struct p2s_job *j)
{
	if (!j->p)
		return;
	p2s_job_unsync(j);
	if (j->servo_id && ptpk_servo_del(j->p, j->servo_id))
		pr_warning("failed to delete servo %u", j->servo_id);
	j->servo_id = 0;
}

int p2s_open(struct ptpk **pp)
{
	int err = ptpk_open(pp);

	if (err) {
		pr_err("cannot reach ptpk.ko: %s", err == -ENOENT ?
		       "the module is not loaded" : strerror(-err));
		return err;
	}
	ptpk_set_errfile(*pp, NULL);
	return 0;
}

int p2s_job_start(struct p2s_job *j, const struct p2s_opts *o,
		  int32_t utc_offset)
{
	struct ptpk *p;
	int err;

	err = p2s_open(&p);
	if (err)
		return err;
	err = p2s_job_servo(p, j, o, o->src, o->dst);
	if (err) {
		ptpk_close(p);
		j->p = NULL;
		return err;
	}
	err = p2s_job_sync(j, o, o->src, utc_offset);
	if (err) {
		p2s_job_stop(j);
		return err;
	}
	return 0;
}

void p2s_job_stop(struct p2s_job *j)
{
	if (!j->p)
		return;
	p2s_job_remove(j);
	ptpk_close(j->p);
	j->p = NULL;
}
