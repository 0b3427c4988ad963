// SPDX-License-Identifier: GPL-2.0
/*
 * ingressLatency and egressLatency: a timestamp moved by ns across second
 * boundaries either way, an invalid one left alone, and the p2p1step
 * Pdelay_Resp carrying both latencies in its correction, as ptp4l.
 */
#include <string.h>

#include "msg.h"
#include "pdelay.h"
#include "sk.h"
#include "tests.h"

static int test_shift(void)
{
	struct pkt_ts t = { .ts = { 10, 999999900 }, .valid = true };

	pkt_ts_add_ns(&t, 250);
	CHECK_INT(t.ts.tv_sec, 11);
	CHECK_INT(t.ts.tv_nsec, 150);
	pkt_ts_add_ns(&t, -300);
	CHECK_INT(t.ts.tv_sec, 10);
	CHECK_INT(t.ts.tv_nsec, 999999850);
	pkt_ts_add_ns(&t, -2000000000LL);
	CHECK_INT(t.ts.tv_sec, 8);
	CHECK_INT(t.ts.tv_nsec, 999999850);
	CHECK_INT(pkt_ts_ns(&t), 8999999850LL);
	t.valid = false;
	pkt_ts_add_ns(&t, 5);
	CHECK_INT(pkt_ts_ns(&t), 8999999850LL);
	return 0;
}

static int test_p2p1step(void)
{
	static const struct PortIdentity me = {
		{ { 0x02, 0x00, 0x00, 0xff, 0xfe, 0x00, 0x00, 0x01 } }, 1
	};
	struct ptp_message req, resp;

	msg_init(&req, MSG_PDELAY_REQ);
	req.hdr.sourcePortIdentity = me;
	req.hdr.correctionField = ns_to_scaled(6);
	/* ingressLatency 100 + egressLatency 200 */
	CHECK_INT(pdelay_build_resp1(&resp, &req, &me, 0, 300), 0);
	CHECK_INT(scaled_to_ns(resp.hdr.correctionField), 306);
	CHECK_INT(pdelay_build_resp1(&resp, &req, &me, 0, -10), 0);
	CHECK_INT(scaled_to_ns(resp.hdr.correctionField), -4);
	return 0;
}

static const struct test latency_tests[] = {
	{ "latency: a timestamp moved by ingress/egressLatency", test_shift },
	{ "latency: p2p1step Pdelay_Resp correction", test_p2p1step },
	{ NULL, NULL },
};
TEST_SUITE(latency_tests);
