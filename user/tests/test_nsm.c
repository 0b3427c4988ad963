// SPDX-License-Identifier: GPL-2.0
/*
 * net_sync_monitor: linuxptp's PTPMON TLVs byte for byte, a malformed
 * response dropping its frame, and when a port answers a request.
 */
#include <string.h>

#include "clock.h"
#include "config.h"
#include "msg.h"
#include "nsm.h"
#include "port.h"
#include "port_private.h"
#include "print.h"
#include "tests.h"
#include "tlv.h"
#include "transport.h"

/* A response value from a slave whose parent is at 192.0.2.1. */
static const uint8_t resp_v4[74] = {
	0x09, 0x00,			/* SLAVE, reserved */
	0x00, 0x01, 0x00, 0x04,		/* UDPv4, 4 octets */
	192, 0, 2, 1,
	/* parentDS */
	0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19,
	0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x21, 0x22, 0x23,
	0x24, 0x25, 0x26, 0x27, 0x28, 0x29, 0x2a, 0x2b, 0x2c, 0x2d,
	0x2e, 0x2f,
	/* currentDS */
	0x40, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49,
	0x4a, 0x4b, 0x4c, 0x4d, 0x4e, 0x4f, 0x50, 0x51,
	/* timePropertiesDS */
	0x60, 0x61, 0x62, 0x63,
	/* last Sync: 0x123456789a s 0x0bcdef01 ns */
	0x00, 0x12, 0x34, 0x56, 0x78, 0x9a, 0x0b, 0xcd, 0xef, 0x01,
};

static void fill(struct tlv_nsm_resp *r)
{
	unsigned int i;

	memset(r, 0, sizeof(*r));
	r->port_state = 9;
	r->protocol = TRANS_UDP_IPV4;
	r->addr_len = 4;
	memcpy(r->addr, (const uint8_t[]){ 192, 0, 2, 1 }, 4);
	for (i = 0; i < NSM_PARENT_LEN; i++)
		r->parent[i] = (uint8_t)(0x10 + i);
	for (i = 0; i < NSM_CURRENT_LEN; i++)
		r->current[i] = (uint8_t)(0x40 + i);
	for (i = 0; i < NSM_TPROP_LEN; i++)
		r->tprop[i] = (uint8_t)(0x60 + i);
	r->last_sync.seconds = 0x123456789aULL;
	r->last_sync.nanoseconds = 0x0bcdef01;
}

static int test_nsm_resp_bytes(void)
{
	struct ptp_tlv t = { .type = TLV_PTPMON_RESP };
	uint8_t buf[NSM_RESP_MAX];
	struct tlv_nsm_resp r, d;

	fill(&r);
	CHECK_INT(tlv_nsm_resp_encode(buf, sizeof(buf), &r), 74);
	CHECK(!memcmp(buf, resp_v4, sizeof(resp_v4)));
	/* too small a buffer, an address that does not fit its protocol */
	CHECK_INT(tlv_nsm_resp_encode(buf, 73, &r), 0);
	r.addr_len = 6;
	CHECK_INT(tlv_nsm_resp_encode(buf, sizeof(buf), &r), 0);
	r.protocol = TRANS_IEEE_802_3;
	CHECK_INT(tlv_nsm_resp_encode(buf, sizeof(buf), &r), 76);
	CHECK_INT(buf[3], 3);
	CHECK_INT(buf[5], 6);
	r.protocol = TRANS_UDP_IPV6;
	r.addr_len = 16;
	CHECK_INT(tlv_nsm_resp_encode(buf, sizeof(buf), &r), 86);
	r.protocol = 4;		/* DeviceNet: linuxptp knows no length */
	CHECK_INT(tlv_nsm_resp_encode(buf, sizeof(buf), &r), 0);

	t.value = resp_v4;
	t.length = sizeof(resp_v4);
	CHECK_INT(tlv_nsm_resp_decode(&t, &d), 0);
	fill(&r);
	CHECK_INT(d.port_state, 9);
	CHECK_INT(d.protocol, 1);
	CHECK_INT(d.addr_len, 4);
	CHECK(!memcmp(d.addr, r.addr, 4));
	CHECK(!memcmp(d.parent, r.parent, NSM_PARENT_LEN));
	CHECK(!memcmp(d.current, r.current, NSM_CURRENT_LEN));
	CHECK(!memcmp(d.tprop, r.tprop, NSM_TPROP_LEN));
	CHECK(d.last_sync.seconds == r.last_sync.seconds);
	CHECK_INT(d.last_sync.nanoseconds, r.last_sync.nanoseconds);
	return 0;
}

/* Every malformed response is refused (network input). */
static int test_nsm_resp_malformed(void)
{
	struct ptp_tlv t = { .type = TLV_PTPMON_RESP };
	struct tlv_nsm_resp d;
	uint8_t v[80];

	memcpy(v, resp_v4, sizeof(resp_v4));
	t.value = v;
	t.length = 4;
	CHECK_INT(tlv_nsm_resp_decode(&t, &d), -1);
	t.length = 72;		/* two octets short */
	CHECK_INT(tlv_nsm_resp_decode(&t, &d), -1);
	t.length = 76;		/* two octets long */
	CHECK_INT(tlv_nsm_resp_decode(&t, &d), -1);
	t.length = 74;
	v[5] = 6;		/* UDPv4 with a 6-octet address */
	CHECK_INT(tlv_nsm_resp_decode(&t, &d), -1);
	v[5] = 4;
	v[3] = 0;		/* networkProtocol 0 */
	CHECK_INT(tlv_nsm_resp_decode(&t, &d), -1);
	v[3] = 1;
	v[4] = 1;		/* addressLength 260 */
	CHECK_INT(tlv_nsm_resp_decode(&t, &d), -1);
	v[4] = 0;
	t.type = TLV_PTPMON_REQ;
	CHECK_INT(tlv_nsm_resp_decode(&t, &d), -1);
	t.type = TLV_PTPMON_RESP;
	t.value = NULL;
	CHECK_INT(tlv_nsm_resp_decode(&t, &d), -1);
	t.value = v;
	CHECK_INT(tlv_nsm_resp_decode(&t, &d), 0);
	return 0;
}

/* linuxptp's nsm: a unicast Delay_Req, sequenceId 5, the empty request. */
static const uint8_t nsm_req[48] = {
	0x01, 0x02, 0x00, 0x30,		/* Delay_Req, v2, 48 octets */
	0x00, 0x00, 0x04, 0x00,		/* domain 0, unicast */
	0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0,
	0x00, 0x11, 0x22, 0xff, 0xfe, 0x33, 0x44, 0x55, 0x00, 0x01,
	0x00, 0x05,
	0x01, 0x7f,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0x21, 0xfe, 0x00, 0x00,		/* PTPMON_REQ, no value */
};

static int test_nsm_frames(void)
{
	uint8_t f[54 + 4 + 74];
	struct tlv_nsm_resp r;
	struct ptp_message m;
	enum msg_error why;

	CHECK_INT(msg_parse(&m, nsm_req, sizeof(nsm_req), &why), 0);
	CHECK(nsm_is_request(&m));
	CHECK_INT(msg_parse(&m, nsm_req, 44, NULL), -1);	/* truncated */
	/* the same Delay_Req without the TLV */
	memcpy(f, nsm_req, 44);
	f[3] = 44;
	CHECK_INT(msg_parse(&m, f, 44, &why), 0);
	CHECK(!nsm_is_request(&m));

	/* a Delay_Resp with a response: parsed, decoded */
	memset(f, 0, sizeof(f));
	memcpy(f, nsm_req, 34);
	f[0] = 0x09;
	f[3] = sizeof(f);
	f[32] = 0x03;
	put_be16(f + 54, TLV_PTPMON_RESP);
	put_be16(f + 56, 74);
	memcpy(f + 58, resp_v4, 74);
	CHECK_INT(msg_parse(&m, f, sizeof(f), &why), 0);
	CHECK_INT(m.n_tlvs, 1);
	CHECK_INT(tlv_nsm_resp_decode(&m.tlv[0], &r), 0);
	/* the address length wrong: as ptp4l, the frame is dropped, counted */
	f[58 + 5] = 16;
	CHECK_INT(msg_parse(&m, f, sizeof(f), &why), -1);
	CHECK_INT(why, MSG_ERR_TLV_BAD);
	CHECK_STR(msg_error_str(why), "malformed NSM response TLV");
	return 0;
}

/* When a port answers: net_sync_monitor, hybrid_e2e, unicast, the TLV. */
static int test_nsm_asked(void)
{
	struct config *cfg = config_create(0);
	struct trans_addr from = { .len = sizeof(struct sockaddr_in) };
	struct trans_addr none = { 0 };
	struct clock c;
	struct ptp_message m;
	struct port *p;
	int rc = 1;

	CHECK(cfg);
	memset(&c, 0, sizeof(c));
	c.cfg = cfg;
	CHECK_INT(config_set_int(cfg, "net_sync_monitor", 1), 0);
	CHECK_INT(config_set_int(cfg, "hybrid_e2e", 1), 0);
	p = port_create(&c, cfg, "lo", 1);
	if (!p)
		goto out;
	if (msg_parse(&m, nsm_req, sizeof(nsm_req), NULL))
		goto out_port;
	if (!nsm_asked(p, &m, &from) || nsm_asked(p, &m, &none))
		goto out_port;
	m.hdr.flagField &= (uint16_t)~FLAG_UNICAST;
	if (nsm_asked(p, &m, &from))
		goto out_port;
	m.hdr.flagField |= FLAG_UNICAST;
	p->hybrid_e2e = false;
	if (nsm_asked(p, &m, &from))
		goto out_port;
	p->hybrid_e2e = true;
	p->net_sync_monitor = false;
	if (nsm_asked(p, &m, &from))
		goto out_port;
	p->net_sync_monitor = true;
	m.n_tlvs = 0;
	if (nsm_asked(p, &m, &from))
		goto out_port;
	rc = 0;
out_port:
	port_destroy(p);
out:
	config_destroy(cfg);
	if (rc)
		printf("# nsm_asked() wrong\n");
	return rc;
}

#define HYBRID_WARN "port 1: hybrid_e2e only works with E2E\n"
#define NSM_WARN "port 1: net_sync_monitor needs hybrid_e2e\n"

/* The warnings port_create() logs for a port made with KEY1 VAL1 KEY2
 * VAL2: as test_clock_config.c, the log to a membuf; 1 if it holds WANT
 * (NULL: none of the two), 0 if not, -1 if no port. */
static int port_warns(const char *k1, int v1, const char *k2, int v2,
		      const char *want)
{
	struct config *cfg = config_create(0);
	struct membuf log;
	struct clock c;
	struct port *p = NULL;
	int rc = -1;

	if (!cfg)
		return -1;
	memset(&c, 0, sizeof(c));
	c.cfg = cfg;
	mb_open(&log);
	print_set_files(log.f, log.f);
	print_set_verbose(true);
	print_set_syslog(false);
	if (!config_set_int(cfg, k1, v1) && !config_set_int(cfg, k2, v2))
		p = port_create(&c, cfg, "lo", 1);
	print_set_files(NULL, NULL);
	print_set_verbose(false);
	print_set_syslog(true);
	if (p) {
		const char *s = mb_str(&log);

		rc = want ? strstr(s, want) != NULL :
			    !strstr(s, HYBRID_WARN) && !strstr(s, NSM_WARN);
		port_destroy(p);
	}
	mb_close(&log);
	config_destroy(cfg);
	return rc;
}

/* As ptp4l 3.1.1's port_open(): both are warnings, the port still opens. */
static int test_nsm_port_warnings(void)
{
	CHECK_INT(port_warns("hybrid_e2e", 1, "delay_mechanism", DM_P2P, HYBRID_WARN), 1);
	CHECK_INT(port_warns("hybrid_e2e", 1, "delay_mechanism", DM_AUTO, HYBRID_WARN), 1);
	CHECK_INT(port_warns("hybrid_e2e", 1, "delay_mechanism", DM_E2E, NULL), 1);
	CHECK_INT(port_warns("net_sync_monitor", 1, "hybrid_e2e", 0, NSM_WARN), 1);
	CHECK_INT(port_warns("net_sync_monitor", 1, "hybrid_e2e", 1, NULL), 1);
	/* a unicast server answers by unicast, but ptp4l still warns */
	CHECK_INT(port_warns("net_sync_monitor", 1, "unicast_listen", 1, NSM_WARN), 1);
	return 0;
}

static const struct test nsm_tests[] = {
	{ "nsm: PTPMON response TLV byte for byte", test_nsm_resp_bytes },
	{ "nsm: malformed responses refused", test_nsm_resp_malformed },
	{ "nsm: request and response frames", test_nsm_frames },
	{ "nsm: when a port answers a request", test_nsm_asked },
	{ "nsm: ptp4l's hybrid_e2e/net_sync_monitor warnings", test_nsm_port_warnings },
	{ NULL, NULL }
};

TEST_SUITE(nsm_tests);
