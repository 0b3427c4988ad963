// SPDX-License-Identifier: GPL-2.0
/* The kernel servo as ptpkd drives it (see servo_nl.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/timex.h>
#include <time.h>

#include "config.h"
#include "print.h"
#include "servo_nl.h"

/* The value of a config key as it would be written in ptp4l.conf. */
static int config_text(const struct config *cfg, const char *port,
		       const struct cfg_key *k, char *buf, size_t len)
{
	const struct cfg_enum *e;
	int v, prec;
	double d;

	switch (k->type) {
	case CFG_INT:
		snprintf(buf, len, "%d", config_get_int(cfg, port, k->name));
		return 0;
	case CFG_DOUBLE:
		d = config_get_double(cfg, port, k->name);
		/*
		 * The shortest text that reads back as the same double: 0.7
		 * is "0.7", not "0.69999999999999996", which has more decimals
		 * than the module's fixed point and would be refused.
		 */
		for (prec = 1; prec < 17; prec++) {
			snprintf(buf, len, "%.*g", prec, d);
			if (strtod(buf, NULL) == d)
				return 0;
		}
		snprintf(buf, len, "%.17g", d);
		return 0;
	case CFG_ENUM:
		v = config_get_int(cfg, port, k->name);
		for (e = k->values; e && e->name; e++) {
			if (e->value == v) {
				snprintf(buf, len, "%s", e->name);
				return 0;
			}
		}
		return -1;
	default:
		return -1;
	}
}

int servo_nl_request(const struct config *cfg, const char *port,
		     struct ptpk_servo *req, char *err, size_t len)
{
	const struct cfg_key *k;
	const char *kp;
	char text[64];
	unsigned int i;
	int log_sync, rc;

	switch (config_get_int(cfg, NULL, "clock_servo")) {
	case SERVO_PI:
		req->kind = PTPK_SERVO_KIND_PI;
		break;
	case SERVO_LINREG:
		req->kind = PTPK_SERVO_KIND_LINREG;
		break;
	case SERVO_NULLF:
		req->kind = PTPK_SERVO_KIND_NULLF;
		break;
	case SERVO_NTPSHM:
		req->kind = PTPK_SERVO_KIND_NTPSHM;
		break;
	default:
		snprintf(err, len, "clock_servo: unknown servo");
		return -1;
	}
	PTPK_SET(req, PTPK_A_SERVO_KIND);

	for (i = 0; i < ptpk_n_params; i++) {
		const struct ptpk_param *p = &ptpk_params[i];

		/* these two come from other keys, below */
		if (p->attr == PTPK_A_SERVO_HW_TS ||
		    p->attr == PTPK_A_SERVO_SYNC_INTERVAL)
			continue;
		k = cfg_key_find(p->name);
		if (!k)
			continue;	/* ptpk's own, not a ptp4l.conf key */
		kp = (k->flags & CFG_PORT) ? port : NULL;
		/* unset keys keep the module's defaults, which are ptp4l's */
		if (!config_is_set(cfg, kp, p->name))
			continue;
		if (config_text(cfg, kp, k, text, sizeof(text))) {
			snprintf(err, len, "%s: no servo value", p->name);
			return -1;
		}
		rc = ptpk_param_parse(p, text, &req->val[p->attr]);
		if (rc) {
			snprintf(err, len, "%s %s: out of the servo's range",
				 p->name, text);
			return -1;
		}
		PTPK_SET(req, p->attr);
	}

	req->val[PTPK_A_SERVO_HW_TS] =
		config_get_int(cfg, NULL, "time_stamping") != TS_SOFTWARE;
	PTPK_SET(req, PTPK_A_SERVO_HW_TS);

	log_sync = config_get_int(cfg, port, "logSyncInterval");
	if (log_sync < -7)
		log_sync = -7;
	if (log_sync > 4)
		log_sync = 4;
	req->val[PTPK_A_SERVO_SYNC_INTERVAL] = log_sync;
	PTPK_SET(req, PTPK_A_SERVO_SYNC_INTERVAL);

	snprintf(req->name, sizeof(req->name), "ptpkd %s", port ? port : "");
	PTPK_SET(req, PTPK_A_SERVO_NAME);
	return 0;
}

unsigned int servo_nl_summary_count(int summary_interval, int log_sync)
{
	int d = summary_interval - log_sync;

	if (d <= 0)
		return 0;
	if (d > 30)
		d = 30;
	return 1U << d;
}

int servo_nl_open(struct servo_nl *s)
{
	memset(s, 0, sizeof(*s));
	return ptpk_open(&s->nl);
}

void servo_nl_close(struct servo_nl *s)
{
	/* The servo stays: the module keeps its clock in holdover. */
	if (s->nl)
		ptpk_close(s->nl);
	s->nl = NULL;
	s->have = false;
}

int servo_nl_create(struct servo_nl *s, const struct ptpk_servo *req)
{
	struct ptpk_servo out;
	int err;

	if (s->have)
		return 0;
	err = ptpk_servo_new(s->nl, req, &out);
	if (err)
		return err;
	s->have = true;
	s->id = out.id;
	s->steers = req->kind == PTPK_SERVO_KIND_PI ||
		    req->kind == PTPK_SERVO_KIND_LINREG;
	s->system = PTPK_HAS(req, PTPK_A_SERVO_CLOCK) &&
		    PTPK_HAS(&req->clock, PTPK_A_CLOCK_TYPE) &&
		    req->clock.type == PTPK_CLOCK_TYPE_SYSTEM;
	s->log_sync = req->val[PTPK_A_SERVO_SYNC_INTERVAL];
	s->max_count = servo_nl_summary_count(s->summary_interval,
					      s->log_sync);
	stats_reset(&s->s_offset);
	stats_reset(&s->s_freq);
	stats_reset(&s->s_delay);
	return 0;
}

int servo_nl_destroy(struct servo_nl *s)
{
	int err;

	if (!s->have)
		return 0;
	err = ptpk_servo_del(s->nl, s->id);
	if (err && err != -ENOENT)
		return err;
	s->have = false;
	return 0;
}

long servo_nl_scaled_ppm(int64_t freq_ppt)
{
	/* ppb * 1000 to ppm * 2^16 */
	return (long)(freq_ppt * 65536 / 1000000);
}

void servo_nl_result(const struct ptpk_sample *rep, struct servo_result *r)
{
	memset(r, 0, sizeof(*r));
	r->state = rep->state;
	r->offset = rep->offset;
	r->freq_ppt = rep->freq;
	/*
	 * ptp4l logs the servo's output, the negated frequency; 0 when it
	 * wrote the phase instead (write_phase_mode in s3)
	 */
	r->adj = rep->flags & PTPK_SAMPLE_FLAGS_PHASE ? 0.0 :
		 -(double)rep->freq / 1000.0;
	r->delay = rep->delay;
	r->delay_raw = rep->delay_raw;
	r->flags = rep->flags;
}

static int apply_freq(int64_t freq_ppt)
{
	struct timex tx = {
		.modes = ADJ_FREQUENCY,
		.freq = servo_nl_scaled_ppm(freq_ppt),
	};

	if (clock_adjtime(CLOCK_REALTIME, &tx) < 0)
		return -errno;
	return 0;
}

static int sample(struct servo_nl *s, struct ptpk_sample *req,
		  struct servo_result *r)
{
	struct ptpk_sample rep;
	int err;

	if (!s->have)
		return -ENODEV;
	req->id = s->id;
	err = ptpk_servo_sample(s->nl, req, &rep);
	if (err)
		return err;
	servo_nl_result(&rep, r);
	/* nullf and ntpshm put out 0 (the clock keeps its frequency) */
	if (!s->steers)
		r->adj = 0.0;
	if ((r->flags & PTPK_SAMPLE_FLAGS_APPLY_FREQ) && s->system) {
		err = apply_freq(r->freq_ppt);
		if (err)
			pr_err("failed to adjust the clock frequency: %s",
			       strerror(-err));
	}
	return 0;
}

int servo_nl_sync(struct servo_nl *s, const struct e2e_sync *m,
		  struct servo_result *r)
{
	struct ptpk_sample req = { 0 };
	int err;

	req.seq_id = m->seq;
	req.t1 = m->t1;
	req.t2 = m->t2;
	req.corr_sync = m->corr;
	PTPK_SET(&req, PTPK_A_SAMPLE_SEQ_ID);
	PTPK_SET(&req, PTPK_A_SAMPLE_T1);
	PTPK_SET(&req, PTPK_A_SAMPLE_T2);
	PTPK_SET(&req, PTPK_A_SAMPLE_CORR_SYNC);
	/* tell the servo only when the master's interval changes */
	if (m->log_interval != s->log_sync &&
	    m->log_interval >= -7 && m->log_interval <= 4) {
		req.sync_interval = m->log_interval;
		PTPK_SET(&req, PTPK_A_SAMPLE_SYNC_INTERVAL);
	}
	err = sample(s, &req, r);
	if (err)
		return err;
	if (PTPK_HAS(&req, PTPK_A_SAMPLE_SYNC_INTERVAL)) {
		s->log_sync = m->log_interval;
		s->max_count = servo_nl_summary_count(s->summary_interval,
						      s->log_sync);
	}
	return 0;
}

int servo_nl_delay(struct servo_nl *s, const struct e2e_delay *m,
		   struct servo_result *r)
{
	struct ptpk_sample req = { 0 };

	req.seq_id = m->seq;
	req.t3 = m->t3;
	req.t4 = m->t4;
	req.corr_delay = m->corr;
	PTPK_SET(&req, PTPK_A_SAMPLE_SEQ_ID);
	PTPK_SET(&req, PTPK_A_SAMPLE_T3);
	PTPK_SET(&req, PTPK_A_SAMPLE_T4);
	PTPK_SET(&req, PTPK_A_SAMPLE_CORR_DELAY);
	return sample(s, &req, r);
}

int servo_nl_peer_delay(struct servo_nl *s, int64_t delay,
			struct servo_result *r)
{
	struct ptpk_sample req = { 0 };

	req.peer_delay = delay;
	PTPK_SET(&req, PTPK_A_SAMPLE_PEER_DELAY);
	return sample(s, &req, r);
}

void servo_nl_initial_req(struct ptpk_sample *req, const struct e2e_sync *m,
			  int64_t delay)
{
	memset(req, 0, sizeof(*req));
	/* local minus reference: t2 - (t1 + corr) - delay, at t2 */
	req->offset = m->t2 - m->t1 - m->corr - delay;
	req->local_ts = m->t2;
	req->seq_id = m->seq;
	PTPK_SET(req, PTPK_A_SAMPLE_OFFSET);
	PTPK_SET(req, PTPK_A_SAMPLE_LOCAL_TS);
	PTPK_SET(req, PTPK_A_SAMPLE_SEQ_ID);
}

int servo_nl_initial(struct servo_nl *s, const struct e2e_sync *m,
		     int64_t delay, struct servo_result *r)
{
	struct ptpk_sample req;

	servo_nl_initial_req(&req, m, delay);
	return sample(s, &req, r);
}

void servo_nl_report(struct servo_nl *s, const struct servo_result *r)
{
	char line[160];

	/* ptp4l prints nothing until it knows a path delay */
	if (r->flags & PTPK_SAMPLE_FLAGS_NO_DELAY)
		return;
	if (s->max_count <= 1) {
		fmt_master_offset(line, sizeof(line), r->offset,
				  (int)r->state, r->adj, r->delay);
		pr_info("%s", line);
		return;
	}
	stats_add(&s->s_offset, (double)r->offset);
	stats_add(&s->s_freq, r->adj);
	stats_add(&s->s_delay, (double)r->delay);
	if (stats_count(&s->s_offset) < s->max_count)
		return;
	stats_summary(line, sizeof(line), &s->s_offset, &s->s_freq,
		      &s->s_delay);
	pr_info("%s", line);
	stats_reset(&s->s_offset);
	stats_reset(&s->s_freq);
	stats_reset(&s->s_delay);
}
