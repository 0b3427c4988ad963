// SPDX-License-Identifier: GPL-2.0
/*
 * ptpk-cli status [-s UDS] [-d DOMAIN] [-t MS] [-i LOCAL]: GET the
 * daemon's DEFAULT_DATA_SET, CURRENT_DATA_SET, PARENT_DATA_SET,
 * TIME_STATUS_NP, and PORT_DATA_SET and PORT_PROPERTIES_NP of every port
 * (one wildcard GET each, one answer per port), dump the kernel's servos
 * and sync jobs, and print them together (status_print.c).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "status.h"

static const uint16_t req_ids[SREQ_N] = {
	[SREQ_DEFAULT] = MID_DEFAULT_DATA_SET,
	[SREQ_CURRENT] = MID_CURRENT_DATA_SET,
	[SREQ_PARENT] = MID_PARENT_DATA_SET,
	[SREQ_TIME_STATUS] = MID_TIME_STATUS_NP,
	[SREQ_PORT] = MID_PORT_DATA_SET,
	[SREQ_PORT_PROPS] = MID_PORT_PROPERTIES_NP,
};

void status_init(struct status *st, const char *uds, uint8_t domain)
{
	memset(st, 0, sizeof(*st));
	st->uds = uds;
	st->domain = domain;
}

void status_free(struct status *st)
{
	free(st->servos);
	free(st->syncs);
	st->servos = NULL;
	st->syncs = NULL;
	st->n_servos = st->n_syncs = 0;
}

uint16_t status_req_id(enum status_req r)
{
	return req_ids[r];
}

size_t status_build(const struct status *st, enum status_req r, uint8_t *buf,
		    size_t size)
{
	struct mgmt_req req = {
		.action = MGMT_GET,
		.id = req_ids[r],
		.seq = (uint16_t)r,
		.domain = st->domain,
		.hops = 0,			/* the daemon itself */
		.src_port = 1,
		.target_port = MGMT_PORT_ALL,
	};

	memset(req.target_clock, 0xff, sizeof(req.target_clock));
	return mgmt_build(buf, size, &req);
}

static struct status_port *port_slot(struct status *st, uint16_t number)
{
	unsigned int i;

	for (i = 0; i < st->n_ports && st->ports[i].number < number; i++)
		;
	if (i < st->n_ports && st->ports[i].number == number)
		return &st->ports[i];
	if (st->n_ports == STATUS_MAX_PORTS)
		return NULL;
	memmove(&st->ports[i + 1], &st->ports[i],
		(st->n_ports - i) * sizeof(st->ports[0]));
	st->n_ports++;
	memset(&st->ports[i], 0, sizeof(st->ports[i]));
	st->ports[i].number = number;
	return &st->ports[i];
}

static void take_port(struct status *st, enum status_req r, const uint8_t *d)
{
	struct status_port *p;
	struct mds_port ds;
	struct mds_port_props props;

	if (r == SREQ_PORT) {
		mds_port(d, &ds);
		p = port_slot(st, ds.port);
		if (p) {
			p->ds = ds;
			p->have_ds = true;
		}
	} else {
		mds_port_props(d, &props);
		p = port_slot(st, props.port);
		if (p) {
			p->props = props;
			p->have_props = true;
		}
	}
}

void status_answer(struct status *st, const struct mgmt_msg *m)
{
	enum status_req r = (enum status_req)m->seq;

	if (m->seq >= SREQ_N || m->action != MGMT_RESPONSE || m->n_tlvs < 1 ||
	    m->id != req_ids[r])
		return;
	if (m->tlv_type == MGMT_TLV_ERROR_STATUS) {
		st->answered = true;
		st->refused[r] = true;
		return;
	}
	if (m->tlv_type != MGMT_TLV_MANAGEMENT || !m->len)
		return;
	st->answered = true;
	if (r < SREQ_PORT && st->n_answers[r])
		return;			/* one is enough */
	st->n_answers[r]++;
	switch (r) {
	case SREQ_DEFAULT:
		mds_default(m->data, &st->dflt);
		break;
	case SREQ_CURRENT:
		mds_current(m->data, &st->current);
		break;
	case SREQ_PARENT:
		mds_parent(m->data, &st->parent);
		break;
	case SREQ_TIME_STATUS:
		mds_time_status(m->data, &st->time_status);
		break;
	default:
		take_port(st, r, m->data);
		break;
	}
}

bool status_has(const struct status *st, enum status_req r)
{
	return st->n_answers[r] > 0;
}

bool status_complete(const struct status *st)
{
	unsigned int r;

	for (r = 0; r < SREQ_N; r++) {
		if (st->refused[r])
			continue;
		if (!st->n_answers[r])
			return false;
		if (r >= SREQ_PORT &&
		    st->n_answers[r] < st->dflt.number_ports)
			return false;
	}
	return true;
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

void status_query(struct status *st, struct mgmt_sock *s, int timeout_ms)
{
	uint8_t buf[MGMT_MAX_LEN];
	long long end = now_ms() + timeout_ms;
	struct mgmt_msg m;
	unsigned int r;
	size_t len;
	long n;
	int err;

	for (r = 0; r < SREQ_N; r++) {
		len = status_build(st, (enum status_req)r, buf, sizeof(buf));
		err = mgmt_send(s, buf, len);
		if (err) {
			st->error = err;
			return;
		}
	}
	while (!status_complete(st) && now_ms() < end) {
		n = mgmt_recv(s, buf, sizeof(buf), (int)(end - now_ms()));
		if (n < 0) {
			st->error = (int)n;
			return;
		}
		if (n > 0 && !mgmt_parse(buf, (size_t)n, &m))
			status_answer(st, &m);
	}
}

int status_add_servo(struct status *st, const struct ptpk_servo *s)
{
	struct ptpk_servo *v;

	v = realloc(st->servos, (st->n_servos + 1) * sizeof(*v));
	if (!v)
		return -ENOMEM;
	v[st->n_servos++] = *s;
	st->servos = v;
	return 0;
}

int status_add_sync(struct status *st, const struct ptpk_sync *j)
{
	struct ptpk_sync *v;

	v = realloc(st->syncs, (st->n_syncs + 1) * sizeof(*v));
	if (!v)
		return -ENOMEM;
	v[st->n_syncs++] = *j;
	st->syncs = v;
	return 0;
}

static int servo_cb(const struct ptpk_servo *s, void *data)
{
	return status_add_servo(data, s);
}

static int sync_cb(const struct ptpk_sync *j, void *data)
{
	return status_add_sync(data, j);
}

/* The kernel part; false (after printing why) if it could not be read. */
static bool read_kernel(struct cli *c, struct status *st)
{
	int err;

	if (cli_ptpk(c))
		return false;
	err = ptpk_servo_dump(c->p, servo_cb, st);
	if (err) {
		cli_fail(c, err, "status: servo dump");
		return false;
	}
	err = ptpk_sync_dump(c->p, sync_cb, st);
	if (err) {
		cli_fail(c, err, "status: sync dump");
		return false;
	}
	return true;
}

static void status_usage(FILE *f)
{
	fputs("Usage: ptpk-cli [-j] [-p] [-d] status [-s UDS] [-d DOMAIN] [-t MS] [-i LOCAL]\n"
	      "  -s PATH  the daemon's socket (uds_address), default " MGMT_DEFAULT_UDS "\n"
	      "  -d N     domain number, default 0\n"
	      "  -t MS    how long to wait for the answers, default 1000\n"
	      "  -i PATH  our socket, default /var/run/ptpk-cli.$pid\n", f);
}

struct status_opts {
	const char *uds;
	const char *local;
	uint32_t domain;
	uint32_t timeout;
};

static int parse_opts(struct cli *c, int argc, char **argv,
		      struct status_opts *o)
{
	const char *opt;
	int i;

	for (i = 0; i < argc; i++) {
		opt = argv[i];
		if (cli_is_help(opt)) {
			status_usage(c->out);
			return -1;
		}
		if (strcmp(opt, "-s") && strcmp(opt, "-d") &&
		    strcmp(opt, "-t") && strcmp(opt, "-i"))
			return cli_usage_error(c, "status: unexpected \"%s\"", opt);
		if (++i == argc)
			return cli_usage_error(c, "status: %s needs a value", opt);
		if (opt[1] == 's' || opt[1] == 'i') {
			if (strlen(argv[i]) > 107)
				return cli_usage_error(c, "status: path \"%s\" is too long", argv[i]);
			*(opt[1] == 's' ? &o->uds : &o->local) = argv[i];
		} else if (cli_parse_u32(argv[i], 0, opt[1] == 'd' ? 255 : 60000,
					 opt[1] == 'd' ? &o->domain : &o->timeout)) {
			return cli_usage_error(c, "status: invalid %s \"%s\"", opt, argv[i]);
		}
	}
	return CLI_OK;
}

int cmd_status(struct cli *c, int argc, char **argv)
{
	struct status_opts o = { .uds = MGMT_DEFAULT_UDS,
				 .timeout = STATUS_TIMEOUT_MS };
	static struct status st;
	struct mgmt_sock s;
	struct json j;
	int err;

	err = parse_opts(c, argc, argv, &o);
	if (err)
		return err < 0 ? CLI_OK : err;
	status_init(&st, o.uds, (uint8_t)o.domain);
	err = mgmt_open(&s, o.uds, o.local);
	if (err) {
		st.error = err;
	} else {
		status_query(&st, &s, (int)o.timeout);
		mgmt_close(&s);
	}
	if (!st.answered)
		fprintf(c->err, "ptpk-cli: status: no answer from %s%s%s\n",
			o.uds, st.error ? ": " : "",
			st.error ? strerror(-st.error) : "");
	st.kernel = read_kernel(c, &st);
	if (c->json) {
		json_init(&j, c->out, c->pretty);
		status_print_json(&j, &st);
		json_finish(&j);
	} else {
		status_print_text(c->out, &st, c->details);
	}
	status_free(&st);
	if (!st.answered && !st.kernel)
		return CLI_FAIL;
	if (!st.answered)
		return STATUS_NO_DAEMON;
	return st.kernel ? CLI_OK : STATUS_NO_KERNEL;
}
