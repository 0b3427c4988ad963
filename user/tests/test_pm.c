// SPDX-License-Identifier: GPL-2.0
/*
 * Management: the data sets byte by byte as linuxptp 3.1.1 encodes them,
 * and the engine's answers, errors and refusals (read-only socket, wrong
 * length, unknown ids, other clocks, malformed frames).
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "clock.h"
#include "config.h"
#include "msg.h"
#include "pm.h"
#include "port.h"
#include "tests.h"
#include "tlv.h"

static const struct ClockIdentity me = {
	{ 0x02, 0x00, 0x00, 0xff, 0xfe, 0x00, 0x00, 0x01 }
};
static const struct ClockIdentity gm = {
	{ 0x00, 0x11, 0x22, 0xff, 0xfe, 0x33, 0x44, 0x55 }
};

static struct clock c;

static void mk_clock(void)
{
	memset(&c, 0, sizeof(c));
	pm_init(&c.pm);
	c.two_step = true;
	c.domain = 0;
	c.d0.priority1 = 128;
	c.d0.identity = me;
	c.d0.quality.clockClass = 248;
	c.d0.quality.clockAccuracy = 0xfe;
	c.d0.quality.offsetScaledLogVariance = 0xffff;
	c.d0.priority2 = 127;
	c.gm = c.d0;
	c.gm.identity = gm;
	c.gm.priority1 = 100;
	c.gm.quality.clockClass = 6;
	c.gm.quality.clockAccuracy = 0x21;
	c.gm.quality.offsetScaledLogVariance = 0x4e5d;
	c.gm.priority2 = 99;
	c.parent.clockIdentity = gm;
	c.parent.portNumber = 1;
	c.steps_removed = 1;
	c.utc_offset = 37;
	c.time_flags = FLAG_PTP_TIMESCALE | FLAG_UTC_OFF_VALID |
		       FLAG_TIME_TRACEABLE;
	c.time_source = 0x20;
	c.gm_utc_offset = 37;
	c.gm_time_flags = 0;
	c.gm_time_source = 0xa0;
	c.sync_uncertain = SYNC_UNCERTAIN_DONTCARE;
	c.master_offset = -2;		/* ns */
	c.path_delay = 16500;
	c.ingress_ns = 0x0102030405060708LL;
	c.desc.clock_type = 0x8000;
	c.desc.manufacturer[0] = 0xaa;
	snprintf(c.desc.product, sizeof(c.desc.product), ";;");
	snprintf(c.desc.revision, sizeof(c.desc.revision), ";;");
	snprintf(c.desc.user, sizeof(c.desc.user), "lab");
}

static int same(const uint8_t *got, int n, const uint8_t *want, size_t len)
{
	int i;

	if (n != (int)len) {
		printf("# length %d, expected %zu\n", n, len);
		return 1;
	}
	if (!memcmp(got, want, len))
		return 0;
	printf("# got: ");
	for (i = 0; i < n; i++)
		printf("%02x", got[i]);
	printf("\n# exp: ");
	for (i = 0; i < n; i++)
		printf("%02x", want[i]);
	printf("\n");
	return 1;
}

#define CHECK_BYTES(got, n, ...) do {					\
	static const uint8_t _w[] = { __VA_ARGS__ };			\
	if (same(got, n, _w, sizeof(_w)))				\
		FAIL("%s differs", #got);				\
} while (0)

static int test_clock_ds(void)
{
	uint8_t b[300];
	int n;

	mk_clock();
	n = pm_clock_ds(&c, MID_DEFAULT_DATA_SET, b, sizeof(b));
	CHECK_BYTES(b, n, 0x01, 0, 0x00, 0x00, 128, 248, 0xfe, 0xff, 0xff,
		    127, 0x02, 0x00, 0x00, 0xff, 0xfe, 0x00, 0x00, 0x01, 0, 0);
	c.slave_only = true;
	c.n_ports = 1;
	n = pm_clock_ds(&c, MID_DEFAULT_DATA_SET, b, sizeof(b));
	CHECK_INT(n, 20);
	CHECK_INT(b[0], 0x03);
	CHECK_INT(b[3], 1);
	c.n_ports = 0;
	n = pm_clock_ds(&c, MID_SLAVE_ONLY, b, sizeof(b));
	CHECK_BYTES(b, n, 1, 0);
	c.slave_only = false;

	/* TimeInterval: ns * 2^16 */
	n = pm_clock_ds(&c, MID_CURRENT_DATA_SET, b, sizeof(b));
	CHECK_BYTES(b, n, 0x00, 0x01,
		    0xff, 0xff, 0xff, 0xff, 0xff, 0xfe, 0x00, 0x00,
		    0x00, 0x00, 0x00, 0x00, 0x40, 0x74, 0x00, 0x00);
	/* our own grandmaster: a former slave's offset and delay are gone */
	c.parent.clockIdentity = me;
	c.steps_removed = 0;
	n = pm_clock_ds(&c, MID_CURRENT_DATA_SET, b, sizeof(b));
	CHECK_BYTES(b, n, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
		    0);
	c.parent.clockIdentity = gm;
	c.steps_removed = 1;
	n = pm_clock_ds(&c, MID_PARENT_DATA_SET, b, sizeof(b));
	CHECK_BYTES(b, n, 0x00, 0x11, 0x22, 0xff, 0xfe, 0x33, 0x44, 0x55,
		    0x00, 0x01, 0, 0, 0xff, 0xff, 0x7f, 0xff, 0xff, 0xff,
		    100, 6, 0x21, 0x4e, 0x5d, 99,
		    0x00, 0x11, 0x22, 0xff, 0xfe, 0x33, 0x44, 0x55);
	n = pm_clock_ds(&c, MID_TIME_PROPERTIES_DATA_SET, b, sizeof(b));
	CHECK_BYTES(b, n, 0x00, 37, 0x1c, 0x20);
	n = pm_clock_ds(&c, MID_PRIORITY1, b, sizeof(b));
	CHECK_BYTES(b, n, 128, 0);
	n = pm_clock_ds(&c, MID_PRIORITY2, b, sizeof(b));
	CHECK_BYTES(b, n, 127, 0);
	n = pm_clock_ds(&c, MID_DOMAIN, b, sizeof(b));
	CHECK_BYTES(b, n, 0, 0);
	n = pm_clock_ds(&c, MID_CLOCK_ACCURACY, b, sizeof(b));
	CHECK_BYTES(b, n, 0xfe, 0);
	n = pm_clock_ds(&c, MID_TRACEABILITY_PROPERTIES, b, sizeof(b));
	CHECK_BYTES(b, n, 0x10, 0);
	n = pm_clock_ds(&c, MID_TIMESCALE_PROPERTIES, b, sizeof(b));
	CHECK_BYTES(b, n, 0x08, 0);
	n = pm_clock_ds(&c, MID_USER_DESCRIPTION, b, sizeof(b));
	CHECK_BYTES(b, n, 3, 'l', 'a', 'b');
	snprintf(c.desc.user, sizeof(c.desc.user), "ab");
	n = pm_clock_ds(&c, MID_USER_DESCRIPTION, b, sizeof(b));
	CHECK_BYTES(b, n, 2, 'a', 'b', 0);
	n = pm_clock_ds(&c, MID_GRANDMASTER_SETTINGS_NP, b, sizeof(b));
	CHECK_BYTES(b, n, 248, 0xfe, 0xff, 0xff, 0x00, 37, 0x00, 0xa0);
	n = pm_clock_ds(&c, MID_SYNCHRONIZATION_UNCERTAIN_NP, b, sizeof(b));
	CHECK_BYTES(b, n, 0xff, 0);
	CHECK_INT(pm_clock_ds(&c, MID_PORT_DATA_SET, b, sizeof(b)), -1);
	CHECK_INT(pm_clock_ds(&c, MID_DEFAULT_DATA_SET, b, 19), -1);
	return 0;
}

/* pmc rejects any TIME_STATUS_NP whose data is not exactly 50 octets */
static int test_time_status(void)
{
	uint8_t b[64];
	int n;

	mk_clock();
	n = pm_clock_ds(&c, MID_TIME_STATUS_NP, b, sizeof(b));
	CHECK_INT(pm_ds_size(MID_TIME_STATUS_NP), 50);
	CHECK_BYTES(b, n,
		    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe,
		    0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,
		    0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
		    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
		    0x00, 0x00, 0x00, 0x01,
		    0x00, 0x11, 0x22, 0xff, 0xfe, 0x33, 0x44, 0x55);
	c.gm.identity = me;
	n = pm_clock_ds(&c, MID_TIME_STATUS_NP, b, sizeof(b));
	CHECK_INT(n, 50);
	CHECK_INT(get_be32(b + 38), 0);	/* gmPresent */
	return 0;
}

static void mk_port_info(struct pm_port_info *pi)
{
	memset(pi, 0, sizeof(*pi));
	pi->pid.clockIdentity = me;
	pi->pid.portNumber = 1;
	pi->state = PS_GRAND_MASTER;
	pi->log_min_delay_req = -3;
	pi->peer_delay_ns = 0;
	pi->log_announce = -2;
	pi->announce_timeout = 3;
	pi->log_sync = -3;
	pi->delay_mechanism = 1;
	pi->log_min_pdelay_req = 0;
	pi->version = 2;
	pi->neighbor_prop_delay_thresh = 20000000;
	pi->as_capable = 1;
	pi->timestamping = 0;
	snprintf(pi->ifname, sizeof(pi->ifname), "eth0");
	pi->rx[MSG_SYNC] = 0x0102;
	pi->tx[MSG_ANNOUNCE] = 5;
	pi->network_protocol = 1;
	pi->phys_len = 6;
	memcpy(pi->phys_addr, "\x02\x00\x00\x00\x00\x01", 6);
	pi->proto_len = 4;
	memcpy(pi->proto_addr, "\x0a\x09\x00\x01", 4);
}

static int test_port_ds(void)
{
	struct pm_port_info pi;
	uint8_t b[400];
	int n;

	mk_clock();
	mk_port_info(&pi);
	/* GRAND_MASTER shows as MASTER, as in ptp4l */
	n = pm_port_ds(&c, &pi, MID_PORT_DATA_SET, b, sizeof(b));
	CHECK_BYTES(b, n, 0x02, 0x00, 0x00, 0xff, 0xfe, 0x00, 0x00, 0x01,
		    0x00, 0x01, PS_MASTER, 0xfd, 0, 0, 0, 0, 0, 0, 0, 0,
		    0xfe, 3, 0xfd, 1, 0, 2);
	n = pm_port_ds(&c, &pi, MID_LOG_ANNOUNCE_INTERVAL, b, sizeof(b));
	CHECK_BYTES(b, n, 0xfe, 0);
	n = pm_port_ds(&c, &pi, MID_ANNOUNCE_RECEIPT_TIMEOUT, b, sizeof(b));
	CHECK_BYTES(b, n, 3, 0);
	n = pm_port_ds(&c, &pi, MID_LOG_SYNC_INTERVAL, b, sizeof(b));
	CHECK_BYTES(b, n, 0xfd, 0);
	n = pm_port_ds(&c, &pi, MID_VERSION_NUMBER, b, sizeof(b));
	CHECK_BYTES(b, n, 2, 0);
	n = pm_port_ds(&c, &pi, MID_DELAY_MECHANISM, b, sizeof(b));
	CHECK_BYTES(b, n, 1, 0);
	n = pm_port_ds(&c, &pi, MID_LOG_MIN_PDELAY_REQ_INTERVAL, b, sizeof(b));
	CHECK_BYTES(b, n, 0, 0);
	n = pm_port_ds(&c, &pi, MID_PORT_DATA_SET_NP, b, sizeof(b));
	CHECK_BYTES(b, n, 0x01, 0x31, 0x2d, 0x00, 0, 0, 0, 1);
	n = pm_port_ds(&c, &pi, MID_PORT_PROPERTIES_NP, b, sizeof(b));
	CHECK_BYTES(b, n, 0x02, 0x00, 0x00, 0xff, 0xfe, 0x00, 0x00, 0x01,
		    0x00, 0x01, PS_MASTER, 0, 4, 'e', 't', 'h', '0', 0);
	n = pm_port_ds(&c, &pi, MID_NULL_MANAGEMENT, b, sizeof(b));
	CHECK_INT(n, 0);

	/* PORT_STATS_NP: ptp4l's counters are little-endian */
	n = pm_port_ds(&c, &pi, MID_PORT_STATS_NP, b, sizeof(b));
	CHECK_INT(n, 266);
	CHECK_INT(b[10 + 8 * MSG_SYNC], 0x02);
	CHECK_INT(b[11 + 8 * MSG_SYNC], 0x01);
	CHECK_INT(b[138 + 8 * MSG_ANNOUNCE], 5);
	CHECK_INT(b[139 + 8 * MSG_ANNOUNCE], 0);

	n = pm_port_ds(&c, &pi, MID_CLOCK_DESCRIPTION, b, sizeof(b));
	CHECK_BYTES(b, n, 0x80, 0x00,
		    10, 'I', 'E', 'E', 'E', ' ', '8', '0', '2', '.', '3',
		    0x00, 0x06, 0x02, 0x00, 0x00, 0x00, 0x00, 0x01,
		    0x00, 0x01, 0x00, 0x04, 0x0a, 0x09, 0x00, 0x01,
		    0xaa, 0x00, 0x00, 0x00,
		    2, ';', ';', 2, ';', ';', 3, 'l', 'a', 'b',
		    0x00, 0x1b, 0x19, 0x00, 0x01, 0x00, 0x00);
	CHECK_INT(pm_port_ds(&c, &pi, MID_CLOCK_DESCRIPTION, b, 20), -1);
	CHECK_INT(pm_port_ds(&c, &pi, MID_DEFAULT_DATA_SET, b, sizeof(b)), -1);
	return 0;
}

/* The engine: replies captured. */
struct cap {
	unsigned int n;
	uint8_t frame[4][MSG_MAX_LEN];
	size_t len[4];
};

static void capture(void *ctx, const void *buf, size_t len)
{
	struct cap *k = ctx;

	if (k->n < 4 && len <= MSG_MAX_LEN) {
		memcpy(k->frame[k->n], buf, len);
		k->len[k->n] = len;
	}
	k->n++;
}

static const struct PortIdentity uds_self = { { { 0x02, 0x00, 0x00, 0xff,
						  0xfe, 0x00, 0x00, 0x01 } },
					      0 };
static const struct PortIdentity pmc_pid = { { { 0 } }, 0x3bf8 };

/* A request as pmc builds it: wildcard target, boundaryHops 0. */
static size_t mk_req(uint8_t *buf, uint8_t action, uint16_t id,
		     const uint8_t *data, uint16_t dlen)
{
	static struct ptp_message m;
	uint8_t v[300];

	msg_init(&m, MSG_MANAGEMENT);
	m.hdr.sourcePortIdentity = pmc_pid;
	m.hdr.sequenceId = 9;
	memset(&m.management.targetPortIdentity, 0xff,
	       sizeof(m.management.targetPortIdentity));
	m.management.actionField = action;
	put_be16(v, id);
	if (dlen)
		memcpy(v + 2, data, dlen);
	msg_add_tlv(&m, TLV_MANAGEMENT, v, 2 + dlen);
	return msg_build(&m, buf, MSG_MAX_LEN);
}

/* The reply's action and TLV; *err the error id of an error status. */
static int parse_reply(const struct cap *k, unsigned int i, uint8_t *action,
		       struct ptp_message *m, uint16_t *err, uint16_t *id)
{
	struct tlv_mgmt_error e;
	struct tlv_mgmt t;

	if (msg_parse(m, k->frame[i], k->len[i], NULL) || m->n_tlvs != 1)
		return -1;
	*action = m->management.actionField;
	*err = 0;
	if (!tlv_mgmt_error_decode(&m->tlv[0], &e)) {
		*err = e.managementErrorId;
		*id = e.managementId;
		return 0;
	}
	if (tlv_mgmt_decode(&m->tlv[0], &t))
		return -1;
	*id = t.managementId;
	return t.data_len;
}

/* One exchange: the count of replies, the first parsed. */
static unsigned int ask(enum pm_ingress in, const uint8_t *req, size_t len,
			bool *changed, struct ptp_message *m, uint8_t *action,
			uint16_t *err, uint16_t *id, int *dlen)
{
	static struct cap k;
	bool ch;

	memset(&k, 0, sizeof(k));
	ch = pm_process(&c, req, len, in, &uds_self, NULL, capture, &k);
	if (changed)
		*changed = ch;
	if (k.n)
		*dlen = parse_reply(&k, 0, action, m, err, id);
	return k.n;
}

/* GET DEFAULT_DATA_SET exactly as pmc 3.1.1 -t 1 sent it (captured). */
static const uint8_t pmc_get_dds[] = {
	0x1d, 0x02, 0x00, 0x4a, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x3b, 0xf8, 0x00, 0x00, 0x04,
	0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x16, 0x20, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
};

static int test_get(void)
{
	static struct ptp_message m;
	uint8_t req[MSG_MAX_LEN], action;
	uint16_t err, id;
	int dlen;
	size_t n;

	mk_clock();
	CHECK_INT(ask(PM_UDS_RO, pmc_get_dds, sizeof(pmc_get_dds), NULL, &m,
		      &action, &err, &id, &dlen), 1);
	CHECK_INT(action, MGMT_RESPONSE);
	CHECK_INT(err, 0);
	CHECK_INT(id, MID_DEFAULT_DATA_SET);
	CHECK_INT(dlen, 20);
	CHECK_INT(m.hdr.transportSpecific, 1);
	CHECK_INT(m.hdr.sequenceId, 0);
	CHECK_INT(m.hdr.controlField, CTL_MANAGEMENT);
	CHECK_INT(m.hdr.logMessageInterval, 0x7f);
	CHECK(pid_eq(&m.hdr.sourcePortIdentity, &uds_self));
	CHECK(pid_eq(&m.management.targetPortIdentity, &pmc_pid));
	CHECK_INT(m.hdr.messageLength, 48 + 4 + 2 + 20);

	/* a GET may come without the data (pmc -z) */
	n = mk_req(req, MGMT_GET, MID_TIME_STATUS_NP, NULL, 0);
	CHECK_INT(ask(PM_UDS_RW, req, n, NULL, &m, &action, &err, &id, &dlen),
		  1);
	CHECK_INT(dlen, 50);
	CHECK_INT(m.hdr.sequenceId, 9);

	/* a port-level id and no port: WRONG_VALUE, as ptp4l */
	n = mk_req(req, MGMT_GET, MID_PORT_DATA_SET, NULL, 0);
	CHECK_INT(ask(PM_UDS_RW, req, n, NULL, &m, &action, &err, &id, &dlen),
		  1);
	CHECK_INT(err, MERR_WRONG_VALUE);
	CHECK_INT(id, MID_PORT_DATA_SET);
	/* the error TLV: id, managementId, 4 reserved */
	CHECK_INT(m.tlv[0].type, TLV_MANAGEMENT_ERROR_STATUS);
	CHECK_INT(m.tlv[0].length, 8);

	/* a clock-level id nobody implements: NOT_SUPPORTED */
	n = mk_req(req, MGMT_GET, MID_PATH_TRACE_LIST, NULL, 0);
	CHECK_INT(ask(PM_UDS_RW, req, n, NULL, &m, &action, &err, &id, &dlen),
		  1);
	CHECK_INT(err, MERR_NOT_SUPPORTED);
	CHECK_INT(id, MID_PATH_TRACE_LIST);
	return 0;
}

static int test_set_and_ro(void)
{
	static struct ptp_message m;
	static const uint8_t p1[2] = { 50, 0xf7 };
	static const uint8_t gms[8] = { 6, 0x21, 0x4e, 0x5d, 0, 37, 0x3c,
					0x20 };
	uint8_t req[MSG_MAX_LEN], action, b[8];
	bool changed;
	uint16_t err, id;
	int dlen;
	size_t n;

	mk_clock();
	/* the read-only socket refuses SET and COMMAND */
	n = mk_req(req, MGMT_SET, MID_PRIORITY1, p1, 2);
	CHECK_INT(ask(PM_UDS_RO, req, n, &changed, &m, &action, &err, &id,
		      &dlen), 1);
	CHECK_INT(err, MERR_NOT_SUPPORTED);
	CHECK_INT(id, MID_PRIORITY1);
	CHECK(!changed);
	CHECK_INT(c.d0.priority1, 128);
	/* and so does the network, as ptp4l */
	CHECK_INT(ask(PM_NET, req, n, &changed, &m, &action, &err, &id,
		      &dlen), 1);
	CHECK_INT(err, MERR_NOT_SUPPORTED);

	CHECK_INT(ask(PM_UDS_RW, req, n, &changed, &m, &action, &err, &id,
		      &dlen), 1);
	CHECK_INT(err, 0);
	CHECK_INT(action, MGMT_RESPONSE);
	CHECK_INT(dlen, 2);
	CHECK_INT(m.tlv[0].value[2], 50);
	CHECK(changed);
	CHECK_INT(c.d0.priority1, 50);

	n = mk_req(req, MGMT_SET, MID_GRANDMASTER_SETTINGS_NP, gms, 8);
	CHECK_INT(ask(PM_UDS_RW, req, n, &changed, &m, &action, &err, &id,
		      &dlen), 1);
	CHECK(changed);
	CHECK_INT(c.d0.quality.clockClass, 6);
	CHECK_INT(c.gm_time_flags, 0x3c);
	CHECK_INT(pm_clock_ds(&c, MID_GRANDMASTER_SETTINGS_NP, b, 8), 8);
	CHECK(!memcmp(b, gms, 8));

	/* SET without data: WRONG_LENGTH */
	n = mk_req(req, MGMT_SET, MID_PRIORITY2, NULL, 0);
	CHECK_INT(ask(PM_UDS_RW, req, n, &changed, &m, &action, &err, &id,
		      &dlen), 1);
	CHECK_INT(err, MERR_WRONG_LENGTH);
	/* DOMAIN is GET only in ptp4l */
	n = mk_req(req, MGMT_SET, MID_DOMAIN, p1, 2);
	CHECK_INT(ask(PM_UDS_RW, req, n, &changed, &m, &action, &err, &id,
		      &dlen), 1);
	CHECK_INT(err, MERR_NOT_SUPPORTED);
	CHECK_INT(c.domain, 0);
	/* SYNCHRONIZATION_UNCERTAIN_NP takes 0, 1 and 0xff only */
	n = mk_req(req, MGMT_SET, MID_SYNCHRONIZATION_UNCERTAIN_NP,
		   (const uint8_t[]){ 2, 0 }, 2);
	CHECK_INT(ask(PM_UDS_RW, req, n, &changed, &m, &action, &err, &id,
		      &dlen), 1);
	CHECK_INT(err, MERR_NOT_SUPPORTED);
	n = mk_req(req, MGMT_SET, MID_SYNCHRONIZATION_UNCERTAIN_NP,
		   (const uint8_t[]){ 1, 0 }, 2);
	CHECK_INT(ask(PM_UDS_RW, req, n, &changed, &m, &action, &err, &id,
		      &dlen), 1);
	CHECK_INT(err, 0);
	CHECK_INT(c.sync_uncertain, 1);
	/* COMMAND of a clock-level id */
	n = mk_req(req, MGMT_COMMAND, MID_PRIORITY1, NULL, 0);
	CHECK_INT(ask(PM_UDS_RW, req, n, &changed, &m, &action, &err, &id,
		      &dlen), 1);
	CHECK_INT(err, MERR_NOT_SUPPORTED);
	CHECK_INT(action, MGMT_ACKNOWLEDGE);
	return 0;
}

static int test_ignored(void)
{
	static struct ptp_message m;
	uint8_t req[MSG_MAX_LEN], action;
	uint16_t err, id;
	int dlen;
	size_t n;

	mk_clock();
	/* another clock's target: silence */
	n = mk_req(req, MGMT_GET, MID_DEFAULT_DATA_SET, NULL, 0);
	req[34] = 0x12;
	CHECK_INT(ask(PM_UDS_RW, req, n, NULL, &m, &action, &err, &id, &dlen),
		  0);
	/* ours, by name */
	memcpy(req + 34, me.id, 8);
	CHECK_INT(ask(PM_UDS_RW, req, n, NULL, &m, &action, &err, &id, &dlen),
		  1);
	/* another domain */
	req[4] = 1;
	CHECK_INT(ask(PM_UDS_RW, req, n, NULL, &m, &action, &err, &id, &dlen),
		  0);
	req[4] = 0;
	/* RESPONSE and ACKNOWLEDGE are not requests */
	req[46] = MGMT_RESPONSE;
	CHECK_INT(ask(PM_UDS_RW, req, n, NULL, &m, &action, &err, &id, &dlen),
		  0);
	req[46] = 7;
	CHECK_INT(ask(PM_UDS_RW, req, n, NULL, &m, &action, &err, &id, &dlen),
		  0);
	/* a data set with the wrong size: dropped, counted */
	n = mk_req(req, MGMT_GET, MID_DEFAULT_DATA_SET,
		   (const uint8_t[6]){ 0 }, 6);
	CHECK_INT(ask(PM_UDS_RW, req, n, NULL, &m, &action, &err, &id, &dlen),
		  0);
	CHECK_INT(c.pm.cnt.malformed, 1);
	/* truncated frames */
	CHECK_INT(ask(PM_UDS_RW, req, 40, NULL, &m, &action, &err, &id, &dlen),
		  0);
	CHECK_INT(ask(PM_UDS_RW, req, 0, NULL, &m, &action, &err, &id, &dlen),
		  0);
	CHECK_INT(c.pm.cnt.malformed, 3);
	/* not management */
	req[0] = MSG_ANNOUNCE;
	CHECK_INT(ask(PM_UDS_RW, req, n, NULL, &m, &action, &err, &id, &dlen),
		  0);
	return 0;
}

/* Port-level ids against a real (unopened) port. */
static int test_ports(void)
{
	static struct ptp_message m;
	struct config *cfg = config_create(0);
	uint8_t req[MSG_MAX_LEN], action;
	static const uint8_t np[8] = { 0, 0, 0x10, 0, 0, 0, 0, 1 };
	struct port *p;
	bool changed;
	uint16_t err, id;
	int dlen;
	size_t n;

	CHECK(cfg);
	mk_clock();
	c.cfg = cfg;
	p = port_create(&c, cfg, "lo", 1);
	CHECK(p);
	c.port[c.n_ports++] = p;

	n = mk_req(req, MGMT_GET, MID_PORT_DATA_SET, NULL, 0);
	CHECK_INT(ask(PM_UDS_RO, req, n, NULL, &m, &action, &err, &id, &dlen),
		  1);
	CHECK_INT(dlen, 26);
	/* port-level answers come from the port itself */
	CHECK_INT(m.hdr.sourcePortIdentity.portNumber, 1);
	CHECK_INT(m.tlv[0].value[2 + 10], PS_INITIALIZING);
	/* no peer delay yet; delayMechanism E2E, the configured default */
	CHECK_BYTES(m.tlv[0].value + 2 + 12, 8, 0, 0, 0, 0, 0, 0, 0, 0);
	CHECK_INT(m.tlv[0].value[2 + 23], 1);
	/* port 2 does not exist */
	req[42] = 0;
	req[43] = 2;
	CHECK_INT(ask(PM_UDS_RO, req, n, NULL, &m, &action, &err, &id, &dlen),
		  1);
	CHECK_INT(err, MERR_WRONG_VALUE);
	/* an id nobody knows: NO_SUCH_ID from the port */
	n = mk_req(req, MGMT_GET, 0x1234, NULL, 0);
	CHECK_INT(ask(PM_UDS_RO, req, n, NULL, &m, &action, &err, &id, &dlen),
		  1);
	CHECK_INT(err, MERR_NO_SUCH_ID);
	CHECK_INT(id, 0x1234);
	CHECK_INT(m.hdr.sourcePortIdentity.portNumber, 1);
	/* known, not supported */
	n = mk_req(req, MGMT_GET, MID_UNICAST_MASTER_TABLE, NULL, 0);
	CHECK_INT(ask(PM_UDS_RO, req, n, NULL, &m, &action, &err, &id, &dlen),
		  1);
	CHECK_INT(err, MERR_NOT_SUPPORTED);
	/*
	 * SET and COMMAND as ptp4l 3.1.1 answers them: an unknown id and
	 * the port-level _NP ids it cannot set are NO_SUCH_ID, a clock-level
	 * id of variable size NOT_SUPPORTED
	 */
	n = mk_req(req, MGMT_SET, 0x1234, (const uint8_t[]){ 0, 0 }, 2);
	CHECK_INT(ask(PM_UDS_RW, req, n, NULL, &m, &action, &err, &id, &dlen),
		  1);
	CHECK_INT(err, MERR_NO_SUCH_ID);
	n = mk_req(req, MGMT_COMMAND, 0x1234, NULL, 0);
	CHECK_INT(ask(PM_UDS_RW, req, n, NULL, &m, &action, &err, &id, &dlen),
		  1);
	CHECK_INT(err, MERR_NO_SUCH_ID);
	CHECK_INT(action, MGMT_ACKNOWLEDGE);
	n = mk_req(req, MGMT_SET, MID_PORT_PROPERTIES_NP,
		   (const uint8_t[14]){ 0 }, 14);
	CHECK_INT(ask(PM_UDS_RW, req, n, NULL, &m, &action, &err, &id, &dlen),
		  1);
	CHECK_INT(err, MERR_NO_SUCH_ID);
	n = mk_req(req, MGMT_SET, MID_USER_DESCRIPTION,
		   (const uint8_t[]){ 3, 'a', 'b', 'c' }, 4);
	CHECK_INT(ask(PM_UDS_RW, req, n, NULL, &m, &action, &err, &id, &dlen),
		  1);
	CHECK_INT(err, MERR_NOT_SUPPORTED);
	n = mk_req(req, MGMT_SET, MID_CLOCK_DESCRIPTION,
		   (const uint8_t[]){ 0, 0 }, 2);
	CHECK_INT(ask(PM_UDS_RW, req, n, NULL, &m, &action, &err, &id, &dlen),
		  1);
	CHECK_INT(err, MERR_NOT_SUPPORTED);

	n = mk_req(req, MGMT_GET, MID_PORT_PROPERTIES_NP, NULL, 0);
	CHECK_INT(ask(PM_UDS_RO, req, n, NULL, &m, &action, &err, &id, &dlen),
		  1);
	CHECK_INT(dlen, 16);
	CHECK_INT(ask(PM_NET, req, n, NULL, &m, &action, &err, &id, &dlen), 1);
	CHECK_INT(err, MERR_NOT_SUPPORTED);
	n = mk_req(req, MGMT_GET, MID_CLOCK_DESCRIPTION, NULL, 0);
	CHECK_INT(ask(PM_UDS_RO, req, n, NULL, &m, &action, &err, &id, &dlen),
		  1);
	CHECK_INT(err, 0);
	CHECK(dlen > 30);
	n = mk_req(req, MGMT_GET, MID_PORT_STATS_NP, NULL, 0);
	CHECK_INT(ask(PM_UDS_RO, req, n, NULL, &m, &action, &err, &id, &dlen),
		  1);
	CHECK_INT(dlen, 266);

	n = mk_req(req, MGMT_SET, MID_PORT_DATA_SET_NP, np, 8);
	CHECK_INT(ask(PM_UDS_RW, req, n, NULL, &m, &action, &err, &id, &dlen),
		  1);
	CHECK_INT(err, 0);
	/* neighborPropDelayThresh set; asCapable stays the port's (0) */
	CHECK_BYTES(m.tlv[0].value + 2, dlen, 0, 0, 0x10, 0, 0, 0, 0, 0);

	/* DISABLE_PORT / ENABLE_PORT: ACKNOWLEDGE, and the state follows */
	port_dispatch(p, EV_INIT_COMPLETE, 0);
	CHECK_INT(port_state(p), PS_LISTENING);
	n = mk_req(req, MGMT_COMMAND, MID_DISABLE_PORT, NULL, 0);
	CHECK_INT(ask(PM_UDS_RO, req, n, &changed, &m, &action, &err, &id,
		      &dlen), 1);
	CHECK_INT(err, MERR_NOT_SUPPORTED);
	CHECK_INT(port_state(p), PS_LISTENING);
	CHECK_INT(ask(PM_UDS_RW, req, n, &changed, &m, &action, &err, &id,
		      &dlen), 1);
	CHECK_INT(err, 0);
	CHECK_INT(action, MGMT_ACKNOWLEDGE);
	CHECK_INT(dlen, 0);
	CHECK(changed);
	CHECK_INT(port_state(p), PS_DISABLED);
	n = mk_req(req, MGMT_COMMAND, MID_ENABLE_PORT, NULL, 0);
	CHECK_INT(ask(PM_UDS_RW, req, n, &changed, &m, &action, &err, &id,
		      &dlen), 1);
	CHECK_INT(action, MGMT_ACKNOWLEDGE);
	CHECK_INT(port_state(p), PS_LISTENING);

	port_destroy(p);
	config_destroy(cfg);
	c.n_ports = 0;
	return 0;
}

/* SUBSCRIBE_EVENTS_NP: kept per subscriber, answered to it only. */
static int test_subscribe(void)
{
	static struct ptp_message m;
	uint8_t req[MSG_MAX_LEN], action, sen[66] = { 0, 10, 0x03 };
	struct uds_addr a = { .len = 20 };
	static struct cap k;
	uint16_t err, id;
	int dlen;
	size_t n;

	mk_clock();
	a.sun.sun_family = AF_UNIX;
	snprintf(a.sun.sun_path, sizeof(a.sun.sun_path), "/x/pmc.1");
	n = mk_req(req, MGMT_SET, MID_SUBSCRIBE_EVENTS_NP, sen, 66);
	memset(&k, 0, sizeof(k));
	pm_process(&c, req, n, PM_UDS_RW, &uds_self, &a, capture, &k);
	CHECK_INT(k.n, 1);
	CHECK_INT(parse_reply(&k, 0, &action, &m, &err, &id), 66);
	CHECK_INT(err, 0);
	CHECK_INT(m.tlv[0].value[2 + 2], 0x03);
	CHECK(get_be16(m.tlv[0].value + 2) >= 9);
	CHECK(c.pm.sub[0].used);
	/* another asker has no subscription */
	n = mk_req(req, MGMT_GET, MID_SUBSCRIBE_EVENTS_NP, NULL, 0);
	CHECK_INT(ask(PM_UDS_RW, req, n, NULL, &m, &action, &err, &id, &dlen),
		  1);
	CHECK_INT(dlen, 66);
	CHECK_INT(m.tlv[0].value[4], 0);
	/* a zero duration ends it */
	sen[1] = 0;
	n = mk_req(req, MGMT_SET, MID_SUBSCRIBE_EVENTS_NP, sen, 66);
	memset(&k, 0, sizeof(k));
	pm_process(&c, req, n, PM_UDS_RW, &uds_self, &a, capture, &k);
	CHECK_INT(k.n, 1);
	CHECK(!c.pm.sub[0].used);
	return 0;
}

/*
 * From the network: the port answers (its own identity the source of a
 * clock-level reply, hops as ptp4l's reply), and boundaryHops passes the
 * message on to the read-write socket's last client, one hop fewer.
 */
static int test_network(void)
{
	struct config *cfg = config_create(0);
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	uint8_t req[MSG_MAX_LEN], got[MSG_MAX_LEN];
	static struct cap k;
	struct port *p;
	int rx, i;
	ssize_t n;
	size_t len;

	CHECK(cfg);
	mk_clock();
	c.cfg = cfg;
	p = port_create(&c, cfg, "lo", 1);
	CHECK(p);
	c.port[c.n_ports++] = p;

	/* GET PRIORITY1, 3 hops to start with, 1 left */
	len = mk_req(req, MGMT_GET, MID_PRIORITY1, NULL, 0);
	req[44] = 3;
	req[45] = 1;
	memset(&k, 0, sizeof(k));
	CHECK(!pm_net_rx(&c, p, req, len, capture, &k));
	CHECK_INT(k.n, 1);
	CHECK_BYTES(k.frame[0], (int)k.len[0],
		    /* header: management, v2, 56 octets, domain 0 */
		    0x0d, 0x02, 0x00, 0x38, 0x00, 0x00, 0x00, 0x00,
		    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
		    /* from port 1 of this clock */
		    0x02, 0x00, 0x00, 0xff, 0xfe, 0x00, 0x00, 0x01, 0x00, 0x01,
		    /* the request's sequenceId, control 4, interval 0x7f */
		    0x00, 0x09, 0x04, 0x7f,
		    /* to pmc; hops: 3 - 1 = 2 to start with and left */
		    0, 0, 0, 0, 0, 0, 0, 0, 0x3b, 0xf8, 2, 2,
		    MGMT_RESPONSE, 0,
		    /* MANAGEMENT TLV: PRIORITY1 128 */
		    0x00, 0x01, 0x00, 0x04, 0x20, 0x05, 128, 0x00);

	/* a listening port does not forward; a pre-master one does */
	rx = socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK, 0);
	c.pm.fd[PM_UDS_RW] = socket(AF_UNIX, SOCK_DGRAM, 0);
	CHECK(rx >= 0 && c.pm.fd[PM_UDS_RW] >= 0);
	snprintf(sun.sun_path, sizeof(sun.sun_path), "/tmp/ptpk-test-pm.%d",
		 (int)getpid());
	unlink(sun.sun_path);
	CHECK(!bind(rx, (struct sockaddr *)&sun, sizeof(sun)));
	c.pm.last_rw.len = sizeof(sun);
	c.pm.last_rw.sun = sun;
	port_dispatch(p, EV_INIT_COMPLETE, 0);
	CHECK_INT(port_state(p), PS_LISTENING);
	memset(&k, 0, sizeof(k));
	pm_net_rx(&c, p, req, len, capture, &k);
	CHECK_INT(k.n, 1);
	CHECK(recv(rx, got, sizeof(got), 0) < 0);
	port_dispatch(p, EV_RS_MASTER, 0);
	CHECK_INT(port_state(p), PS_PRE_MASTER);
	memset(&k, 0, sizeof(k));
	pm_net_rx(&c, p, req, len, capture, &k);
	CHECK_INT(k.n, 1);
	n = recv(rx, got, sizeof(got), 0);
	CHECK_INT(n, (ssize_t)len);
	for (i = 0; i < (int)len; i++)
		CHECK_INT(got[i], i == 45 ? 0 : req[i]);
	CHECK_INT(c.pm.cnt.forwarded, 1);

	/* no hops left: answered, not forwarded */
	req[45] = 0;
	memset(&k, 0, sizeof(k));
	pm_net_rx(&c, p, req, len, capture, &k);
	CHECK_INT(k.n, 1);
	CHECK(recv(rx, got, sizeof(got), 0) < 0);
	/* another clock's answer with a hop left: forwarded only */
	req[45] = 1;
	req[46] = MGMT_RESPONSE;
	req[34] = 0x12;
	memset(&k, 0, sizeof(k));
	pm_net_rx(&c, p, req, len, capture, &k);
	CHECK_INT(k.n, 0);
	CHECK_INT(recv(rx, got, sizeof(got), 0), (ssize_t)len);
	CHECK_INT(got[45], 0);
	/* nothing from the read-only socket is forwarded */
	memset(&k, 0, sizeof(k));
	pm_process(&c, req, len, PM_UDS_RO, &uds_self, NULL, capture, &k);
	CHECK_INT(c.pm.cnt.forwarded, 2);

	/* SET over the network: NOT_SUPPORTED, from the port */
	len = mk_req(req, MGMT_SET, MID_PRIORITY1, (const uint8_t[]){ 7, 0 },
		     2);
	memset(&k, 0, sizeof(k));
	CHECK(!pm_net_rx(&c, p, req, len, capture, &k));
	CHECK_INT(k.n, 1);
	CHECK_BYTES(k.frame[0] + 20, (int)k.len[0] - 20,
		    0x02, 0x00, 0x00, 0xff, 0xfe, 0x00, 0x00, 0x01, 0x00, 0x01,
		    0x00, 0x09, 0x04, 0x7f,
		    0, 0, 0, 0, 0, 0, 0, 0, 0x3b, 0xf8, 0, 0,
		    MGMT_RESPONSE, 0,
		    /* MANAGEMENT_ERROR_STATUS: NOT_SUPPORTED, PRIORITY1 */
		    0x00, 0x02, 0x00, 0x08, 0x00, 0x06, 0x20, 0x05,
		    0, 0, 0, 0);
	CHECK_INT(c.d0.priority1, 128);

	close(rx);
	close(c.pm.fd[PM_UDS_RW]);
	c.pm.fd[PM_UDS_RW] = -1;
	unlink(sun.sun_path);
	port_destroy(p);
	config_destroy(cfg);
	c.n_ports = 0;
	return 0;
}

static const struct test pm_tests[] = {
	{ "pm: clock data sets byte by byte", test_clock_ds },
	{ "pm: TIME_STATUS_NP is 50 octets", test_time_status },
	{ "pm: port data sets byte by byte", test_port_ds },
	{ "pm: GET answers, WRONG_VALUE and NOT_SUPPORTED", test_get },
	{ "pm: SET on RW, refused on RO and network", test_set_and_ro },
	{ "pm: other clocks, domains, actions, malformed", test_ignored },
	{ "pm: port-level ids, ENABLE/DISABLE_PORT", test_ports },
	{ "pm: SUBSCRIBE_EVENTS_NP", test_subscribe },
	{ "pm: from the network, boundaryHops forwarding", test_network },
	{ NULL, NULL },
};

TEST_SUITE(pm_tests);
