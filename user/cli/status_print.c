// SPDX-License-Identifier: GPL-2.0
/* ptpk-cli status: the combined view as text and as JSON (status.h). */
#include <inttypes.h>
#include <string.h>

#include "cli.h"
#include "status.h"

#define ID_LEN 32

char *status_scaled_str(int64_t v, char *buf, size_t len)
{
	/* 2^-16 = 5^16 / 10^16: the fraction has at most 16 digits */
	uint64_t mag = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
	uint64_t frac = (mag & 0xffff) * 152587890625ULL;
	char digits[17];
	int n = 16;

	if (!frac) {
		snprintf(buf, len, "%s%" PRIu64, v < 0 ? "-" : "", mag >> 16);
		return buf;
	}
	snprintf(digits, sizeof(digits), "%016" PRIu64, frac);
	while (digits[n - 1] == '0')
		n--;
	snprintf(buf, len, "%s%" PRIu64 ".%.*s", v < 0 ? "-" : "", mag >> 16,
		 n, digits);
	return buf;
}

static const char *delay_str(uint8_t dm, char *buf, size_t len)
{
	const char *s = mds_delay_mechanism_str(dm);

	if (s)
		return s;
	snprintf(buf, len, "%u", dm);
	return buf;
}

/* Text. */

static void text_clock(FILE *f, const struct status *st)
{
	const struct mds_default *d = &st->dflt;
	const struct mds_parent *p = &st->parent;
	char a[ID_LEN], b[ID_LEN];

	if (status_has(st, SREQ_DEFAULT)) {
		fprintf(f, "clock %s domain %u ports %u priority1 %u priority2 %u class %u accuracy 0x%02x variance 0x%04x%s%s\n",
			mgmt_cid_str(d->clock_id, a, sizeof(a)), d->domain,
			d->number_ports, d->priority1, d->priority2,
			d->quality.clock_class, d->quality.accuracy,
			d->quality.variance,
			d->flags & MDS_TWO_STEP ? " two-step" : "",
			d->flags & MDS_SLAVE_ONLY ? " slave-only" : "");
	} else {
		fprintf(f, "clock - domain %u\n", st->domain);
	}
	if (status_has(st, SREQ_PARENT)) {
		fprintf(f, "\tgrandmaster %s priority1 %u priority2 %u class %u parent %s",
			mgmt_cid_str(p->gm_id, a, sizeof(a)), p->gm_priority1,
			p->gm_priority2, p->gm_quality.clock_class,
			mgmt_pid_str(p->parent_clock, p->parent_port, b,
				     sizeof(b)));
		if (status_has(st, SREQ_CURRENT))
			fprintf(f, " steps_removed %u", st->current.steps_removed);
		fputc('\n', f);
	}
	if (status_has(st, SREQ_CURRENT) || status_has(st, SREQ_TIME_STATUS)) {
		fputc('\t', f);
		if (status_has(st, SREQ_CURRENT))
			fprintf(f, "offset %s ns path_delay %s ns%s",
				status_scaled_str(st->current.offset, a, sizeof(a)),
				status_scaled_str(st->current.delay, b, sizeof(b)),
				status_has(st, SREQ_TIME_STATUS) ? " " : "");
		if (status_has(st, SREQ_TIME_STATUS))
			fprintf(f, "master_offset %" PRId64 " ns gm_present %s",
				st->time_status.master_offset,
				st->time_status.gm_present ? "yes" : "no");
		fputc('\n', f);
	}
}

static void text_port(FILE *f, const struct status_port *p)
{
	char buf[8], peer[ID_LEN];

	fprintf(f, "port %u", p->number);
	if (p->have_props)
		fprintf(f, " interface %s", p->props.interface);
	if (p->have_ds)
		fprintf(f, " state %s", mds_port_state_str(p->ds.state));
	else if (p->have_props)
		fprintf(f, " state %s", mds_port_state_str(p->props.state));
	if (p->have_ds)
		fprintf(f, " delay %s",
			delay_str(p->ds.delay_mechanism, buf, sizeof(buf)));
	if (p->have_props)
		fprintf(f, " timestamping %s",
			mds_timestamping_str(p->props.timestamping));
	if (p->have_ds) {
		fprintf(f, " log_sync %d log_announce %d",
			p->ds.log_sync, p->ds.log_announce);
		if (p->ds.delay_mechanism == 2)
			fprintf(f, " log_pdelay_req %d peer_delay %s ns",
				p->ds.log_min_pdelay_req,
				status_scaled_str(p->ds.peer_delay, peer,
						  sizeof(peer)));
		else
			fprintf(f, " log_delay_req %d",
				p->ds.log_min_delay_req);
	}
	fputc('\n', f);
}

void status_print_text(FILE *f, const struct status *st, bool details)
{
	unsigned int i;

	if (st->answered) {
		text_clock(f, st);
		for (i = 0; i < st->n_ports; i++)
			text_port(f, &st->ports[i]);
	} else {
		fprintf(f, "daemon %s: no answer\n", st->uds);
	}
	if (!st->kernel)
		return;
	if (!st->n_servos)
		fputs("no servos\n", f);
	for (i = 0; i < st->n_servos; i++)
		servo_print_text(f, &st->servos[i], NULL,
				 details ? SERVO_DETAILS : 0);
	if (st->n_syncs)
		sync_print_table(f, st->syncs, st->n_syncs);
}

/* JSON. */

static void kv_id(struct json *j, const char *k, const uint8_t *cid)
{
	char buf[ID_LEN];

	json_kv_string(j, k, mgmt_cid_str(cid, buf, sizeof(buf)));
}

static void kv_pid(struct json *j, const char *k, const uint8_t *cid,
		   uint16_t port)
{
	char buf[ID_LEN];

	json_kv_string(j, k, mgmt_pid_str(cid, port, buf, sizeof(buf)));
}

static void kv_scaled(struct json *j, const char *k, int64_t v)
{
	char buf[ID_LEN];

	json_key(j, k);
	json_number(j, status_scaled_str(v, buf, sizeof(buf)));
}

static void json_default(struct json *j, const struct mds_default *d)
{
	json_obj_begin(j);
	kv_id(j, "clock_identity", d->clock_id);
	json_kv_uint(j, "domain_number", d->domain);
	json_kv_uint(j, "number_ports", d->number_ports);
	json_kv_bool(j, "two_step", d->flags & MDS_TWO_STEP);
	json_kv_bool(j, "slave_only", d->flags & MDS_SLAVE_ONLY);
	json_kv_uint(j, "priority1", d->priority1);
	json_kv_uint(j, "priority2", d->priority2);
	json_kv_uint(j, "clock_class", d->quality.clock_class);
	json_kv_uint(j, "clock_accuracy", d->quality.accuracy);
	json_kv_uint(j, "offset_scaled_log_variance", d->quality.variance);
	json_obj_end(j);
}

static void json_current(struct json *j, const struct mds_current *c)
{
	json_obj_begin(j);
	json_kv_uint(j, "steps_removed", c->steps_removed);
	kv_scaled(j, "offset_from_master_ns", c->offset);
	kv_scaled(j, "mean_path_delay_ns", c->delay);
	json_obj_end(j);
}

static void json_parent(struct json *j, const struct mds_parent *p)
{
	json_obj_begin(j);
	kv_pid(j, "parent_port_identity", p->parent_clock, p->parent_port);
	json_kv_uint(j, "parent_stats", p->parent_stats);
	kv_id(j, "grandmaster_identity", p->gm_id);
	json_kv_uint(j, "grandmaster_priority1", p->gm_priority1);
	json_kv_uint(j, "grandmaster_priority2", p->gm_priority2);
	json_kv_uint(j, "grandmaster_clock_class", p->gm_quality.clock_class);
	json_kv_uint(j, "grandmaster_clock_accuracy", p->gm_quality.accuracy);
	json_kv_uint(j, "grandmaster_offset_scaled_log_variance",
		     p->gm_quality.variance);
	json_obj_end(j);
}

static void json_time_status(struct json *j, const struct mds_time_status *t)
{
	json_obj_begin(j);
	json_kv_int(j, "master_offset_ns", t->master_offset);
	json_kv_int(j, "ingress_time_ns", t->ingress_time);
	json_kv_int(j, "cumulative_scaled_rate_offset", t->cumulative_rate);
	json_kv_bool(j, "gm_present", t->gm_present != 0);
	kv_id(j, "gm_identity", t->gm_id);
	json_obj_end(j);
}

static void kv_null(struct json *j, const char *k)
{
	json_key(j, k);
	json_null(j);
}

static void json_port(struct json *j, const struct status_port *p)
{
	const struct mds_port *ds = p->have_ds ? &p->ds : NULL;
	const char *dm;

	json_obj_begin(j);
	json_kv_uint(j, "port_number", p->number);
	if (ds)
		kv_pid(j, "port_identity", ds->clock_id, ds->port);
	else
		kv_pid(j, "port_identity", p->props.clock_id, p->props.port);
	json_kv_string(j, "state", mds_port_state_str(ds ? ds->state :
							p->props.state));
	if (p->have_props) {
		json_kv_string(j, "interface", p->props.interface);
		json_kv_string(j, "timestamping",
			       mds_timestamping_str(p->props.timestamping));
	} else {
		kv_null(j, "interface");
		kv_null(j, "timestamping");
	}
	if (!ds) {
		static const char *const keys[] = {
			"delay_mechanism", "log_sync_interval",
			"log_announce_interval", "announce_receipt_timeout",
			"log_min_delay_req_interval",
			"log_min_pdelay_req_interval",
			"peer_mean_path_delay_ns", "version_number",
		};
		unsigned int i;

		for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
			kv_null(j, keys[i]);
		json_obj_end(j);
		return;
	}
	dm = mds_delay_mechanism_str(ds->delay_mechanism);
	if (dm)
		json_kv_string(j, "delay_mechanism", dm);
	else
		json_kv_uint(j, "delay_mechanism", ds->delay_mechanism);
	json_kv_int(j, "log_sync_interval", ds->log_sync);
	json_kv_int(j, "log_announce_interval", ds->log_announce);
	json_kv_uint(j, "announce_receipt_timeout", ds->announce_timeout);
	json_kv_int(j, "log_min_delay_req_interval", ds->log_min_delay_req);
	json_kv_int(j, "log_min_pdelay_req_interval", ds->log_min_pdelay_req);
	kv_scaled(j, "peer_mean_path_delay_ns", ds->peer_delay);
	json_kv_uint(j, "version_number", ds->version);
	json_obj_end(j);
}

static void json_daemon(struct json *j, const struct status *st)
{
	unsigned int i;

	json_obj_begin(j);
	json_kv_string(j, "uds", st->uds);
	json_kv_uint(j, "domain", st->domain);
	json_kv_bool(j, "answered", st->answered);
	json_key(j, "default_data_set");
	if (status_has(st, SREQ_DEFAULT))
		json_default(j, &st->dflt);
	else
		json_null(j);
	json_key(j, "current_data_set");
	if (status_has(st, SREQ_CURRENT))
		json_current(j, &st->current);
	else
		json_null(j);
	json_key(j, "parent_data_set");
	if (status_has(st, SREQ_PARENT))
		json_parent(j, &st->parent);
	else
		json_null(j);
	json_key(j, "time_status_np");
	if (status_has(st, SREQ_TIME_STATUS))
		json_time_status(j, &st->time_status);
	else
		json_null(j);
	json_key(j, "ports");
	json_arr_begin(j);
	for (i = 0; i < st->n_ports; i++)
		json_port(j, &st->ports[i]);
	json_arr_end(j);
	json_obj_end(j);
}

void status_print_json(struct json *j, const struct status *st)
{
	size_t i;

	json_obj_begin(j);
	json_key(j, "daemon");
	json_daemon(j, st);
	json_key(j, "kernel");
	json_obj_begin(j);
	json_kv_bool(j, "available", st->kernel);
	json_key(j, "servos");
	json_arr_begin(j);
	for (i = 0; i < st->n_servos; i++) {
		json_obj_begin(j);
		servo_print_json_members(j, &st->servos[i]);
		json_obj_end(j);
	}
	json_arr_end(j);
	json_key(j, "sync_jobs");
	json_arr_begin(j);
	for (i = 0; i < st->n_syncs; i++)
		sync_print_json(j, &st->syncs[i]);
	json_arr_end(j);
	json_obj_end(j);
	json_obj_end(j);
}
