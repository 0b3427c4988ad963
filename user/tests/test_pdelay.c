// SPDX-License-Identifier: GPL-2.0
/*
 * The peer delay mechanism: the responder's Pdelay_Resp and Follow_Up as
 * bytes, the requester's pairing in either order, and what it refuses.
 */
#include <string.h>

#include "msg.h"
#include "pdelay.h"
#include "tests.h"

static const struct PortIdentity me = {
	{ { 0x02, 0x00, 0x00, 0xff, 0xfe, 0x00, 0x00, 0x01 } }, 1
};
static const struct PortIdentity peer = {
	{ { 0x00, 0x11, 0x22, 0xff, 0xfe, 0x33, 0x44, 0x55 } }, 1
};
static const struct PortIdentity other = {
	{ { 0x00, 0x11, 0x22, 0xff, 0xfe, 0x33, 0x44, 0x66 } }, 2
};

static void mk_req(struct ptp_message *m, uint16_t seq)
{
	msg_init(m, MSG_PDELAY_REQ);
	m->hdr.sourcePortIdentity = me;
	m->hdr.sequenceId = seq;
	m->hdr.domainNumber = 0;
	m->hdr.correctionField = ns_to_scaled(6);
}

/* The responder's two messages for req, with t2 and t3 given. */
static int mk_answer(struct ptp_message *resp, struct ptp_message *fup,
		     const struct PortIdentity *from, uint16_t seq,
		     int64_t t2, int64_t t3)
{
	struct ptp_message req;

	mk_req(&req, seq);
	if (pdelay_build_resp(resp, &req, t2, from, 0) ||
	    pdelay_build_fup(fup, &req, t3, from, 0))
		return -1;
	return 0;
}

static int test_build(void)
{
	struct ptp_message req, resp, fup, back;
	uint8_t buf[MSG_MAX_LEN];
	size_t len;

	mk_req(&req, 77);
	CHECK_INT(pdelay_build_resp(&resp, &req, 5000000123LL, &peer, 0), 0);
	len = msg_build(&resp, buf, sizeof(buf));
	/* header 34, requestReceiptTimestamp 10, requestingPortIdentity 10 */
	CHECK_INT(len, 54);
	CHECK_INT(buf[0] & 0x0f, MSG_PDELAY_RESP);
	CHECK_INT(buf[6], 0x02);		/* twoStepFlag */
	CHECK_INT(buf[32], CTL_OTHER);
	CHECK_INT(buf[33], 0x7f);
	CHECK_INT(buf[30] << 8 | buf[31], 77);
	/* seconds 5 in 48 bits, nanoseconds 123 */
	CHECK_INT(buf[39], 5);
	CHECK_INT(buf[43], 123);
	CHECK(!memcmp(buf + 44, me.clockIdentity.id, 8));
	CHECK(msg_parse(&back, buf, len, NULL) == 0);
	CHECK(pid_eq(&back.pdelay_resp.requestingPortIdentity, &me));

	CHECK_INT(pdelay_build_fup(&fup, &req, 5000000456LL, &peer, 0), 0);
	len = msg_build(&fup, buf, sizeof(buf));
	CHECK_INT(len, 54);
	CHECK_INT(buf[0] & 0x0f, MSG_PDELAY_RESP_FUP);
	CHECK_INT(buf[6], 0);
	/* the request's correction comes back in the Follow_Up */
	CHECK_INT(msg_parse(&back, buf, len, NULL), 0);
	CHECK_INT(scaled_to_ns(back.hdr.correctionField), 6);
	CHECK_INT(back.pdelay_resp_fup.timestamp.nanoseconds, 456);
	return 0;
}

/* p2p1step: one message, the request's correction, nothing else set */
static int test_build1(void)
{
	struct ptp_message req, resp, back;
	uint8_t buf[MSG_MAX_LEN];
	size_t len;
	int i;

	mk_req(&req, 78);
	CHECK_INT(pdelay_build_resp1(&resp, &req, &peer, 0, 0), 0);
	len = msg_build(&resp, buf, sizeof(buf));
	CHECK_INT(len, 54);
	CHECK_INT(buf[0] & 0x0f, MSG_PDELAY_RESP);
	CHECK_INT(buf[6], 0);			/* no twoStepFlag */
	CHECK_INT(buf[30] << 8 | buf[31], 78);
	for (i = 34; i < 44; i++)		/* requestReceiptTimestamp 0 */
		CHECK_INT(buf[i], 0);
	CHECK(!memcmp(buf + 44, me.clockIdentity.id, 8));
	CHECK_INT(msg_parse(&back, buf, len, NULL), 0);
	CHECK_INT(scaled_to_ns(back.hdr.correctionField), 6);
	return 0;
}

/* A one-step answer is complete by itself: the turnaround is in c1. */
static int test_pairing1(void)
{
	struct ptp_message req, resp;
	struct pdelay_track pd;
	int64_t d = 0;

	memset(&pd, 0, sizeof(pd));
	mk_req(&req, 9);
	CHECK_INT(pdelay_build_resp1(&resp, &req, &peer, 0, 0), 0);
	/* what the NIC did on the way out: + t3 - t2 = 500 ns */
	resp.hdr.correctionField += ns_to_scaled(500);
	pdelay_sent(&pd, 9, 1000);
	CHECK_INT(pdelay_resp(&pd, &me, &resp, 22000, &d), PD_DONE);
	CHECK(pd.one_step);
	CHECK_INT(d, (21000 - 506) / 2);
	return 0;
}

static int test_pairing(void)
{
	struct pdelay_track pd;
	struct ptp_message resp, fup;
	int64_t d = 0;

	memset(&pd, 0, sizeof(pd));
	/* t1 1000, t2 11000 (peer clock +0), t3 11500, t4 22000: 10250 */
	pdelay_sent(&pd, 5, 1000);
	CHECK_INT(mk_answer(&resp, &fup, &peer, 5, 11000, 11500), 0);
	CHECK_INT(pdelay_resp(&pd, &me, &resp, 22000, &d), PD_WAIT);
	CHECK_INT(pdelay_fup(&pd, &me, &fup, &d), PD_DONE);
	/* the Follow_Up's correction (6 ns) counts against the delay */
	CHECK_INT(d, (21000 - 500 - 6) / 2);
	/* the Follow_Up first: it waits for its Pdelay_Resp */
	pdelay_sent(&pd, 6, 100000);
	CHECK_INT(mk_answer(&resp, &fup, &peer, 6, 200000, 200100), 0);
	CHECK_INT(pdelay_fup(&pd, &me, &fup, &d), PD_WAIT);
	CHECK_INT(pdelay_resp(&pd, &me, &resp, 300000, &d), PD_DONE);
	CHECK_INT(d, (200000 - 100 - 6) / 2);
	CHECK_INT(pd.n_done, 2);
	return 0;
}

static int test_refused(void)
{
	struct pdelay_track pd;
	struct ptp_message resp, fup, r2, f2;
	int64_t d = 0;

	memset(&pd, 0, sizeof(pd));
	CHECK_INT(mk_answer(&resp, &fup, &peer, 1, 11000, 11500), 0);
	/* no request out */
	CHECK_INT(pdelay_resp(&pd, &me, &resp, 22000, &d), PD_ROGUE);
	/* another sequenceId, another requester */
	pdelay_sent(&pd, 2, 1000);
	CHECK_INT(pdelay_resp(&pd, &me, &resp, 22000, &d), PD_WAIT);
	CHECK_INT(mk_answer(&resp, &fup, &peer, 2, 11000, 11500), 0);
	resp.pdelay_resp.requestingPortIdentity = other;
	CHECK_INT(pdelay_resp(&pd, &me, &resp, 22000, &d), PD_WAIT);
	/* two responders to one request */
	CHECK_INT(mk_answer(&resp, &fup, &peer, 2, 11000, 11500), 0);
	CHECK_INT(mk_answer(&r2, &f2, &other, 2, 11000, 11500), 0);
	CHECK_INT(pdelay_resp(&pd, &me, &resp, 22000, &d), PD_WAIT);
	CHECK_INT(pdelay_resp(&pd, &me, &r2, 22000, &d), PD_MULTIPLE);
	/* a Follow_Up from the other one does not complete it */
	CHECK_INT(pdelay_fup(&pd, &me, &f2, &d), PD_WAIT);
	CHECK_INT(pdelay_fup(&pd, &me, &fup, &d), PD_DONE);
	CHECK_INT(pd.n_multiple, 1);
	/* unanswered requests are counted when the next one goes out */
	pdelay_sent(&pd, 3, 0);
	pdelay_sent(&pd, 4, 0);
	CHECK_INT(pd.n_missed, 1);
	return 0;
}

/* Two responders for three requests in a row: a bad peer network. */
static int test_bad_peer_net(void)
{
	struct ptp_message resp, fup, r2, f2;
	struct pdelay_track pd;
	int64_t d = 0;
	uint16_t seq;

	memset(&pd, 0, sizeof(pd));
	for (seq = 1; seq <= 3; seq++) {
		pdelay_sent(&pd, seq, 1000);
		CHECK_INT(mk_answer(&resp, &fup, &peer, seq, 11000, 11500), 0);
		CHECK_INT(mk_answer(&r2, &f2, &other, seq, 11000, 11500), 0);
		CHECK_INT(pdelay_resp(&pd, &me, &resp, 22000, &d), PD_WAIT);
		/* one count per request, however many answers */
		CHECK_INT(pdelay_resp(&pd, &me, &r2, 22000, &d),
			  seq < 3 ? PD_MULTIPLE : PD_BAD_PEER_NET);
		if (seq == 1)
			CHECK_INT(pdelay_resp(&pd, &me, &r2, 22000, &d),
				  PD_MULTIPLE);
		/* one clean request in between starts again */
		if (seq == 2) {
			pdelay_sent(&pd, 10, 1000);
			CHECK_INT(mk_answer(&resp, &fup, &peer, 10, 11000,
					    11500), 0);
			CHECK_INT(pdelay_resp(&pd, &me, &resp, 22000, &d),
				  PD_WAIT);
			CHECK_INT(pdelay_fup(&pd, &me, &fup, &d), PD_DONE);
			pdelay_sent(&pd, 11, 1000);
			CHECK_INT(pd.multiple_seq, 0);
			pdelay_sent(&pd, 12, 1000);
			CHECK_INT(mk_answer(&resp, &fup, &peer, 12, 11000,
					    11500), 0);
			CHECK_INT(mk_answer(&r2, &f2, &other, 12, 11000,
					    11500), 0);
			CHECK_INT(pdelay_resp(&pd, &me, &resp, 22000, &d),
				  PD_WAIT);
			CHECK_INT(pdelay_resp(&pd, &me, &r2, 22000, &d),
				  PD_MULTIPLE);
			pdelay_sent(&pd, 13, 1000);
			CHECK_INT(mk_answer(&resp, &fup, &peer, 13, 11000,
					    11500), 0);
			CHECK_INT(mk_answer(&r2, &f2, &other, 13, 11000,
					    11500), 0);
			CHECK_INT(pdelay_resp(&pd, &me, &resp, 22000, &d),
				  PD_WAIT);
			CHECK_INT(pdelay_resp(&pd, &me, &r2, 22000, &d),
				  PD_MULTIPLE);
		}
	}
	return 0;
}

/* assume_two_step: a one-step Pdelay_Resp waits for its Follow_Up. */
static int test_assume_two_step(void)
{
	struct ptp_message req, resp, fup;
	struct pdelay_track pd;
	int64_t d = 0;

	memset(&pd, 0, sizeof(pd));
	pd.assume_two_step = true;
	CHECK_INT(mk_answer(&resp, &fup, &peer, 9, 11000, 11500), 0);
	resp.hdr.flagField &= (uint16_t)~FLAG_TWO_STEP;
	pdelay_sent(&pd, 9, 1000);
	CHECK_INT(pdelay_resp(&pd, &me, &resp, 22000, &d), PD_WAIT);
	CHECK(!pd.one_step);
	CHECK_INT(pdelay_fup(&pd, &me, &fup, &d), PD_DONE);
	CHECK_INT(d, ((22000 - 1000) - (11500 - 11000) - 6) / 2);
	/* without it the same answer is complete by itself */
	memset(&pd, 0, sizeof(pd));
	mk_req(&req, 9);
	pdelay_sent(&pd, 9, 1000);
	CHECK_INT(pdelay_resp(&pd, &me, &resp, 22000, &d), PD_DONE);
	return 0;
}

static const struct test pdelay_tests[] = {
	{ "ptpkd: Pdelay_Resp and Follow_Up bytes", test_build },
	{ "ptpkd: one-step Pdelay_Resp bytes (p2p1step)", test_build1 },
	{ "ptpkd: peer delay from a one-step Pdelay_Resp", test_pairing1 },
	{ "ptpkd: peer delay from Pdelay_Resp and Follow_Up in either order",
	  test_pairing },
	{ "ptpkd: rogue, foreign and multiple peer responses", test_refused },
	{ "ptpkd: multiple peer responses thrice in a row", test_bad_peer_net },
	{ "ptpkd: assume_two_step waits for the Follow_Up", test_assume_two_step },
	{ NULL, NULL },
};

TEST_SUITE(pdelay_tests);
