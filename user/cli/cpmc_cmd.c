// SPDX-License-Identifier: GPL-2.0
/*
 * pmc's command language: "ACTION ID [VALUES]", "TARGET PORTID|*" and
 * "help"; actions and IDs are case-insensitive and may be abbreviated.
 * What is printed, and on which stream, follows linuxptp 3.1.1's pmc.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cpmc.h"
#include "mgmt_ds.h"

#define BAD_ID		(-1)
#define AMBIGUOUS_ID	(-2)
#define NOTIFY_PORT_STATE 0	/* bit of SUBSCRIBE_EVENTS_NP's bitmask */

void cpmc_init(struct cpmc *p, FILE *out, FILE *err)
{
	memset(p, 0, sizeof(*p));
	p->out = out;
	p->err = err;
	p->hops = 1;
	p->src_port = (uint16_t)getpid();
	memset(p->target_clock, 0xff, sizeof(p->target_clock));
	p->target_port = MGMT_PORT_ALL;
}

static void print_help(FILE *f)
{
	unsigned int i;

	fputc('\n', f);
	for (i = 0; i < cpmc_n_ids; i++)
		if (cpmc_ids[i].kind != CPMC_UNSUPPORTED)
			fprintf(f, "\t[action] %s\n", cpmc_ids[i].name);
	fputs("\n"
	      "\tThe [action] can be GET, SET, CMD, or COMMAND\n"
	      "\tCommands are case insensitive and may be abbreviated.\n"
	      "\n"
	      "\tTARGET [portIdentity]\n"
	      "\tTARGET *\n"
	      "\n", f);
}

static int parse_action(const char *s)
{
	size_t n = strlen(s);

	if (!strncasecmp(s, "GET", n))
		return MGMT_GET;
	if (!strncasecmp(s, "SET", n))
		return MGMT_SET;
	if (!strncasecmp(s, "CMD", n) || !strncasecmp(s, "COMMAND", n))
		return MGMT_COMMAND;
	return -1;
}

static int parse_id(const char *s)
{
	size_t n = strlen(s);
	int i, found = BAD_ID;

	for (i = 0; i < (int)cpmc_n_ids; i++)
		if (!strcasecmp(s, cpmc_ids[i].name))
			return i;
	for (i = 0; i < (int)cpmc_n_ids; i++) {
		if (strncasecmp(s, cpmc_ids[i].name, n))
			continue;
		if (found != BAD_ID)
			return AMBIGUOUS_ID;
		found = i;
	}
	return found;
}

static int parse_target(struct cpmc *p, const char *s)
{
	uint8_t cid[8];
	uint16_t port;

	if (s[0] == '*') {
		memset(cid, 0xff, sizeof(cid));
		port = MGMT_PORT_ALL;
	} else if (mgmt_pid_parse(s, cid, &port)) {
		return -1;
	}
	memcpy(p->target_clock, cid, sizeof(cid));
	p->target_port = port;
	return 0;
}

static void request(struct cpmc *p, uint8_t action, uint16_t id,
		    const void *data, size_t dlen)
{
	struct mgmt_req req = {
		.action = action,
		.id = id,
		.seq = p->seq++,
		.domain = p->domain,
		.hops = p->hops,
		.transport_specific = p->transport_specific,
		.src_port = p->src_port,
		.target_port = p->target_port,
		.data = data,
		.dlen = dlen,
	};

	memcpy(req.target_clock, p->target_clock, sizeof(req.target_clock));
	p->msg_len = mgmt_build(p->msg, sizeof(p->msg), &req);
}

static void put16(uint8_t *d, unsigned int v)
{
	d[0] = (uint8_t)(v >> 8);
	d[1] = (uint8_t)v;
}

static void put32(uint8_t *d, uint32_t v)
{
	put16(d, v >> 16);
	put16(d + 2, v & 0xffff);
}

/* The values of a SET, parsed as pmc does (with its scanf formats). */
static void do_set(struct cpmc *p, const struct cpmc_id *e, const char *str)
{
	uint8_t d[MDS_SUBSCRIBE_LEN] = { 0 };
	unsigned char val, cls, acc, src;
	unsigned short var, duration;
	int l61, l59, valid, ts, tt, ft, as_capable;
	unsigned int thresh;
	short utc;
	char onoff[4] = "";

	switch (e->id) {
	case MID_PRIORITY1:
	case MID_PRIORITY2:
		if (sscanf(str, " %*s %*s %hhu", &val) != 1)
			goto one;
		d[0] = val;
		request(p, MGMT_SET, e->id, d, MDS_DATUM_LEN);
		return;
	case MID_SYNCHRONIZATION_UNCERTAIN_NP:
		if (sscanf(str, " %*s %*s %hhu", &val) != 1)
			goto one;
		if (val != 0 && val != 1 && val != 0xff) {
			fputs("\nusage: set SYNCHRONIZATION_UNCERTAIN_NP 0 (false), 1 (true), or 255 (don't care)\n\n",
			      p->err);
			return;
		}
		d[0] = val;
		request(p, MGMT_SET, e->id, d, MDS_DATUM_LEN);
		return;
	case MID_GRANDMASTER_SETTINGS_NP:
		if (sscanf(str, " %*s %*s clockClass %hhu clockAccuracy %hhx "
			   "offsetScaledLogVariance %hx currentUtcOffset %hd "
			   "leap61 %d leap59 %d currentUtcOffsetValid %d "
			   "ptpTimescale %d timeTraceable %d "
			   "frequencyTraceable %d timeSource %hhx ",
			   &cls, &acc, &var, &utc, &l61, &l59, &valid, &ts,
			   &tt, &ft, &src) != 11) {
			fprintf(p->err, "%s SET needs 11 values\n", e->name);
			return;
		}
		d[0] = cls;
		d[1] = acc;
		put16(d + 2, var);
		put16(d + 4, (uint16_t)utc);
		d[6] = (uint8_t)((l61 ? MDS_LEAP_61 : 0) |
				 (l59 ? MDS_LEAP_59 : 0) |
				 (valid ? MDS_UTC_OFF_VALID : 0) |
				 (ts ? MDS_PTP_TIMESCALE : 0) |
				 (tt ? MDS_TIME_TRACEABLE : 0) |
				 (ft ? MDS_FREQ_TRACEABLE : 0));
		d[7] = src;
		request(p, MGMT_SET, e->id, d, MDS_GM_SETTINGS_LEN);
		return;
	case MID_SUBSCRIBE_EVENTS_NP:
		if (sscanf(str, " %*s %*s duration %hu NOTIFY_PORT_STATE %3s ",
			   &duration, onoff) != 2)
			goto two;
		put16(d, duration);
		if (!strcasecmp(onoff, "on"))
			d[2 + NOTIFY_PORT_STATE / 8] |= 1 << (NOTIFY_PORT_STATE % 8);
		request(p, MGMT_SET, e->id, d, MDS_SUBSCRIBE_LEN);
		return;
	case MID_PORT_DATA_SET_NP:
		if (sscanf(str, " %*s %*s neighborPropDelayThresh %u asCapable %d ",
			   &thresh, &as_capable) != 2)
			goto two;
		put32(d, thresh);
		put32(d + 4, (uint32_t)as_capable);
		request(p, MGMT_SET, e->id, d, MDS_PORT_NP_LEN);
		return;
	}
	return;
one:
	fprintf(p->err, "%s SET needs 1 value\n", e->name);
	return;
two:
	fprintf(p->err, "%s SET needs 2 values\n", e->name);
}

static void do_action(struct cpmc *p, int action, const struct cpmc_id *e,
		      const char *str)
{
	static const uint8_t zeros[64];

	switch (e->kind) {
	case CPMC_UNSUPPORTED:
		fprintf(p->out, "sorry, %s not supported yet\n", e->name);
		return;
	case CPMC_NULL:
		if (action == MGMT_GET)
			request(p, MGMT_GET, e->id, NULL, 0);
		else
			fputs("non-get actions still todo\n", p->out);
		return;
	case CPMC_GET_ONLY:
		if (action == MGMT_GET)
			request(p, MGMT_GET, e->id, zeros,
				p->zero_gets ? 0 : e->get_len);
		else
			fprintf(p->err, "%s only allows GET\n", e->name);
		return;
	}
	if (action == MGMT_GET)
		request(p, MGMT_GET, e->id, zeros,
				p->zero_gets ? 0 : e->get_len);
	else if (action == MGMT_SET)
		do_set(p, e, str);
	else
		fprintf(p->err, "%s only allows GET or SET\n", e->name);
}

int cpmc_command(struct cpmc *p, const char *str)
{
	char action_str[10 + 1] = "", id_str[64 + 1] = "";
	int action, i;

	p->msg_len = 0;
	if (!strncasecmp(str, "HELP", strlen(str))) {
		print_help(p->out);
		return 0;
	}
	if (sscanf(str, " %10s %64s", action_str, id_str) != 2)
		return -1;
	if (!strncasecmp(action_str, "TARGET", strlen(action_str)))
		return parse_target(p, id_str);
	action = parse_action(action_str);
	i = parse_id(id_str);
	if (action < 0 || i == BAD_ID)
		return -1;
	if (i == AMBIGUOUS_ID) {
		fprintf(p->out, "id %s is too ambiguous\n", id_str);
		return 0;
	}
	fprintf(p->out, "sending: %s %s\n", mgmt_action_str((unsigned int)action),
		cpmc_ids[i].name);
	do_action(p, action, &cpmc_ids[i], str);
	return 0;
}
