// SPDX-License-Identifier: GPL-2.0
/*
 * The transparent clock's arithmetic on byte-exact frames: correctionField
 * updates, Sync/Follow_Up pairing in either order, Delay_Req/Delay_Resp,
 * the one-step conversion, stepsRemoved, the spanning-tree rule, timeouts,
 * and the free-running rate ratio that scales residence times.
 */
#include <errno.h>
#include <math.h>
#include <string.h>

#include "freq_est.h"
#include "msg.h"
#include "tc.h"
#include "tests.h"

/* A Follow_Up, domain 0, seq 0x1234, correction 1.5 ns, from 001122.fffe.334455-1 */
static const uint8_t fup_frame[44] = {
	0x08, 0x02, 0x00, 0x2c, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x80, 0x00,	/* correction */
	0x00, 0x00, 0x00, 0x00,
	0x00, 0x11, 0x22, 0xff, 0xfe, 0x33, 0x44, 0x55, 0x00, 0x01,
	0x12, 0x34, 0x02, 0x00,
	0x00, 0x00, 0x65, 0x00, 0x00, 0x00, 0x3b, 0x9a, 0xc9, 0xff,
};

/* A one-step Sync, the same source and seq, originTimestamp 1.5 s, log -3 */
static const uint8_t sync1_frame[44] = {
	0x00, 0x02, 0x00, 0x2c, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x0a, 0x00, 0x00,	/* 10 ns */
	0x00, 0x00, 0x00, 0x00,
	0x00, 0x11, 0x22, 0xff, 0xfe, 0x33, 0x44, 0x55, 0x00, 0x01,
	0x12, 0x34, 0x00, 0xfd,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x1d, 0xcd, 0x65, 0x00,
};

static const struct PortIdentity src = {
	{ { 0x00, 0x11, 0x22, 0xff, 0xfe, 0x33, 0x44, 0x55 } }, 1
};
static const struct PortIdentity other = {
	{ { 0x00, 0x11, 0x22, 0xff, 0xfe, 0x33, 0x44, 0x66 } }, 1
};

static int64_t corr_of(const uint8_t *f)
{
	int64_t c = 0;
	int i;

	for (i = 8; i < 16; i++)
		c = (int64_t)((uint64_t)c << 8 | f[i]);
	return c;
}

static int test_correct(void)
{
	uint8_t f[44];

	memcpy(f, fup_frame, sizeof(f));
	/* 1.5 ns + 700 us residence: 0x1_8000 + 700000 * 2^16 */
	CHECK_INT(tc_correct(f, sizeof(f), 700000), 0);
	CHECK_INT(corr_of(f), 0x18000LL + 700000LL * 65536);
	CHECK(f[8] == 0x00 && f[9] == 0x00 && f[10] == 0x00 && f[11] == 0x0a &&
	      f[12] == 0xae && f[13] == 0x61 && f[14] == 0x80 && f[15] == 0x00);
	/* nothing else moved */
	CHECK(!memcmp(f, fup_frame, 8) && !memcmp(f + 16, fup_frame + 16, 28));
	/* negative: back to where it was */
	CHECK_INT(tc_correct(f, sizeof(f), -700000), 0);
	CHECK(!memcmp(f, fup_frame, sizeof(f)));
	CHECK_INT(tc_correct(f, 33, 1), -EINVAL);
	CHECK_INT(tc_correct(f, sizeof(f), INT64_MAX / 65536 + 1), -ERANGE);
	f[8] = 0x7f;
	CHECK_INT(tc_correct(f, sizeof(f), INT64_MAX / 65536), -ERANGE);
	CHECK(f[8] == 0x7f);
	return 0;
}

static int test_residence(void)
{
	CHECK_INT(tc_residence(1000, 701000, 1.0), 700000);
	/* a TC 20 ppm fast measures 700014 ns for 700000 of the master's */
	CHECK_INT(tc_residence(0, 700014, 1.0 / (1.0 + 20e-6)), 700000);
	/* a nonsense ratio is not applied */
	CHECK_INT(tc_residence(0, 5000, 0.0), 5000);
	CHECK_INT(tc_residence(0, 5000, NAN), 5000);
	return 0;
}

static void key(struct tc_key *k, uint16_t ingress, uint16_t seq,
		const struct PortIdentity *s)
{
	k->ingress = ingress;
	k->seq = seq;
	k->src = *s;
}

/* Sync first: the Follow_Up leaves with residence + peer delay added. */
static int test_sync_then_fup(void)
{
	static struct tc_table t;
	struct tc_out out;
	struct tc_key k;

	tc_table_flush(&t);
	key(&k, 1, 0x1234, &src);
	CHECK_INT(tc_sync_sent(&t, &k, 700000, 0, 100, &out), 0);
	CHECK_INT(tc_table_used(&t), 1);
	/* another port's, another seq's, another source's Follow_Up: no */
	key(&k, 3, 0x1234, &src);
	CHECK_INT(tc_fup(&t, &k, fup_frame, 44, 0, 200, &out), 0);
	key(&k, 1, 0x1235, &src);
	CHECK_INT(tc_fup(&t, &k, fup_frame, 44, 0, 200, &out), 0);
	key(&k, 1, 0x1234, &other);
	CHECK_INT(tc_fup(&t, &k, fup_frame, 44, 0, 200, &out), 0);
	CHECK_INT(tc_table_used(&t), 4);
	key(&k, 1, 0x1234, &src);
	CHECK_INT(tc_fup(&t, &k, fup_frame, 44, 12345, 300, &out), 1);
	CHECK_INT(out.len, 44);
	CHECK_INT(corr_of(out.frame), 0x18000LL + (700000LL + 12345) * 65536);
	CHECK(!memcmp(out.frame + 16, fup_frame + 16, 28));
	CHECK_INT(tc_table_used(&t), 3);
	/* completed: the same Follow_Up again waits for a new Sync */
	CHECK_INT(tc_fup(&t, &k, fup_frame, 44, 0, 300, &out), 0);
	return 0;
}

/* Follow_Up first: the Sync's send completes it. */
static int test_fup_then_sync(void)
{
	static struct tc_table t;
	struct tc_out out;
	struct tc_key k;

	tc_table_flush(&t);
	key(&k, 2, 0x1234, &src);
	CHECK_INT(tc_fup(&t, &k, fup_frame, 44, 0, 100, &out), 0);
	CHECK_INT(tc_sync_sent(&t, &k, -5, 7, 150, &out), 1);
	CHECK_INT(corr_of(out.frame), 0x18000LL + 2 * 65536);
	CHECK_INT(tc_table_used(&t), 0);
	CHECK_INT(tc_fup(&t, &k, fup_frame, 20, 0, 100, &out), -EINVAL);
	return 0;
}

static int test_delay(void)
{
	static struct tc_table t;
	uint8_t resp[54] = { 0x09, 0x02, 0x00, 0x36 };
	struct tc_out out;
	struct tc_key k;

	tc_table_flush(&t);
	/* a Delay_Req from src came in on port 2, went out here */
	key(&k, 2, 77, &src);
	tc_req_sent(&t, &k, 650000, 1000);
	/* the answer goes out port 1: not the port the request came in */
	key(&k, 1, 77, &src);
	CHECK_INT(tc_resp(&t, &k, resp, sizeof(resp), 2000, &out), 0);
	key(&k, 2, 77, &other);
	CHECK_INT(tc_resp(&t, &k, resp, sizeof(resp), 2000, &out), 0);
	key(&k, 2, 77, &src);
	CHECK_INT(tc_resp(&t, &k, resp, sizeof(resp), 2000, &out), 1);
	CHECK_INT(corr_of(out.frame), 650000LL * 65536);
	CHECK_INT(out.len, sizeof(resp));
	CHECK_INT(tc_resp(&t, &k, resp, sizeof(resp), 2000, &out), 0);
	return 0;
}

static int test_timeout(void)
{
	static struct tc_table t;
	struct tc_out out;
	struct tc_key k;
	unsigned int i;

	tc_table_flush(&t);
	key(&k, 1, 1, &src);
	CHECK_INT(tc_sync_sent(&t, &k, 10, 0, 1000, &out), 0);
	tc_table_prune(&t, 1000 + TC_TIMEOUT_NS - 1);
	CHECK_INT(tc_table_used(&t), 1);
	tc_table_prune(&t, 1000 + TC_TIMEOUT_NS);
	CHECK_INT(tc_table_used(&t), 0);
	/* its Follow_Up after a second is stored, not completed */
	CHECK_INT(tc_sync_sent(&t, &k, 10, 0, 1000, &out), 0);
	CHECK_INT(tc_fup(&t, &k, fup_frame, 44, 0, 1000 + TC_TIMEOUT_NS, &out), 0);
	/* full: the oldest goes */
	tc_table_flush(&t);
	for (i = 0; i < TC_SLOTS + 1; i++) {
		key(&k, 1, (uint16_t)i, &src);
		CHECK_INT(tc_sync_sent(&t, &k, i, 0, 10 + i, &out), 0);
	}
	CHECK_INT(tc_table_used(&t), TC_SLOTS);
	key(&k, 1, 0, &src);
	CHECK_INT(tc_fup(&t, &k, fup_frame, 44, 0, 100, &out), 0);
	key(&k, 1, TC_SLOTS, &src);
	CHECK_INT(tc_fup(&t, &k, fup_frame, 44, 0, 100, &out), 1);
	CHECK_INT(corr_of(out.frame), 0x18000LL + (int64_t)TC_SLOTS * 65536);
	return 0;
}

static int test_blocked(void)
{
	/* without tc_spanning_tree, everything goes everywhere */
	CHECK(!tc_blocked(false, true, MSG_SYNC, PS_LISTENING, PS_FAULTY));
	/* down the tree */
	CHECK(!tc_blocked(true, true, MSG_SYNC, PS_SLAVE, PS_MASTER));
	CHECK(!tc_blocked(true, true, MSG_ANNOUNCE, PS_UNCALIBRATED, PS_MASTER));
	CHECK(!tc_blocked(true, true, MSG_DELAY_RESP, PS_SLAVE, PS_GRAND_MASTER));
	CHECK(tc_blocked(true, true, MSG_SYNC, PS_MASTER, PS_SLAVE));
	CHECK(tc_blocked(true, true, MSG_SYNC, PS_MASTER, PS_MASTER));
	CHECK(tc_blocked(true, true, MSG_SYNC, PS_SLAVE, PS_SLAVE));
	/* Delay_Req up the tree only */
	CHECK(!tc_blocked(true, true, MSG_DELAY_REQ, PS_MASTER, PS_SLAVE));
	CHECK(!tc_blocked(true, true, MSG_DELAY_REQ, PS_MASTER, PS_UNCALIBRATED));
	CHECK(tc_blocked(true, true, MSG_DELAY_REQ, PS_SLAVE, PS_MASTER));
	CHECK(tc_blocked(true, true, MSG_DELAY_REQ, PS_MASTER, PS_MASTER));
	/* off the tree */
	CHECK(tc_blocked(true, true, MSG_SYNC, PS_LISTENING, PS_MASTER));
	CHECK(tc_blocked(true, true, MSG_SYNC, PS_SLAVE, PS_PRE_MASTER));
	CHECK(tc_blocked(true, true, MSG_SYNC, PS_SLAVE, PS_PASSIVE));
	CHECK(tc_blocked(true, true, MSG_ANNOUNCE, PS_PASSIVE, PS_MASTER));
	/* another domain's tree is not ours to judge */
	CHECK(!tc_blocked(true, false, MSG_SYNC, PS_LISTENING, PS_PASSIVE));
	return 0;
}

static int test_onestep(void)
{
	static const uint8_t want[44] = {
		0x08, 0x02, 0x00, 0x2c, 0x00, 0x00, 0x00, 0x00,
		0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
		0x00, 0x00, 0x00, 0x00,
		0x00, 0x11, 0x22, 0xff, 0xfe, 0x33, 0x44, 0x55, 0x00, 0x01,
		0x12, 0x34, 0x02, 0xfd,
		0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x1d, 0xcd, 0x65, 0x00,
	};
	uint8_t sync[44], fup[44];
	struct ptp_message m;
	enum msg_error why;

	memcpy(sync, sync1_frame, sizeof(sync));
	CHECK_INT(tc_onestep_fup(sync, sizeof(sync), fup, sizeof(fup)), 44);
	CHECK(!memcmp(fup, want, sizeof(want)));
	/* the Sync: twoStepFlag set, nothing else changed */
	CHECK(sync[6] == 0x02);
	sync[6] = 0;
	CHECK(!memcmp(sync, sync1_frame, sizeof(sync)));
	/* the Follow_Up parses, with the Sync's origin as its own */
	CHECK_INT(msg_parse(&m, fup, sizeof(fup), &why), 0);
	CHECK_INT(m.hdr.messageType, MSG_FOLLOW_UP);
	CHECK_INT(m.hdr.sequenceId, 0x1234);
	CHECK_INT(m.follow_up.timestamp.seconds, 1);
	CHECK_INT(m.follow_up.timestamp.nanoseconds, 500000000);
	/* a Follow_Up is not a Sync; short frames are refused */
	CHECK_INT(tc_onestep_fup(fup, sizeof(fup), sync, sizeof(sync)), 0);
	CHECK_INT(tc_onestep_fup(sync, 43, fup, sizeof(fup)), 0);
	return 0;
}

static int test_announce_hop(void)
{
	struct ptp_message m, back;
	uint8_t buf[MSG_MAX_LEN];
	enum msg_error why;
	size_t len;

	msg_init(&m, MSG_ANNOUNCE);
	m.hdr.sourcePortIdentity = src;
	m.announce.stepsRemoved = 0x00ff;
	m.announce.timeSource = 0xa0;
	len = msg_build(&m, buf, sizeof(buf));
	CHECK_INT(len, 64);
	CHECK(buf[61] == 0x00 && buf[62] == 0xff && buf[63] == 0xa0);
	CHECK_INT(tc_announce_hop(buf, len), 0);
	CHECK(buf[61] == 0x01 && buf[62] == 0x00 && buf[63] == 0xa0);
	CHECK_INT(msg_parse(&back, buf, len, &why), 0);
	CHECK_INT(back.announce.stepsRemoved, 0x0100);
	CHECK_INT(tc_announce_hop((uint8_t *)fup_frame + 0, 44), -EINVAL);
	return 0;
}

static int test_freq_est(void)
{
	struct freq_est f;
	int64_t origin, ingress;
	int i, rc = 0, done = 0;

	freq_est_init(&f);
	CHECK(f.ratio == 1.0);
	/* freq_est_interval 3, Syncs every 1/8 s: 64 per estimate */
	freq_est_interval(&f, 3, -3);
	CHECK_INT(f.max_count, 64);
	freq_est_interval(&f, 1, 2);
	CHECK_INT(f.max_count, 1);
	freq_est_interval(&f, 1, 0);
	CHECK_INT(f.max_count, 2);
	/* local 20 ppm fast: ingress advances 1.00002 x origin */
	for (i = 0; i <= 4; i++) {
		origin = 1000000000LL + i * 1000000000LL;
		ingress = 5000 + (int64_t)llround((double)origin * (1.0 + 20e-6));
		rc = freq_est_sample(&f, ingress, origin);
		done += rc == 1;
	}
	CHECK_INT(done, 2);
	CHECK(fabs(f.ratio - 1.0 / (1.0 + 20e-6)) < 1e-12);
	/* (1 - ratio) * 1e9, ptp4l's "freq": about +20000 ppb */
	CHECK(fabs((1.0 - f.ratio) * 1e9 - 19999.6) < 0.1);
	/* time going backwards: no estimate, start over */
	CHECK_INT(freq_est_sample(&f, 1, 1), 0);
	CHECK_INT(freq_est_sample(&f, 0, 0), -1);
	return 0;
}

static const struct test tc_tests[] = {
	{ "tc: correctionField arithmetic on a Follow_Up", test_correct },
	{ "tc: residence time scaled by the rate ratio", test_residence },
	{ "tc: Sync then Follow_Up, keys must match", test_sync_then_fup },
	{ "tc: Follow_Up then Sync", test_fup_then_sync },
	{ "tc: Delay_Req residence into its Delay_Resp", test_delay },
	{ "tc: pending messages time out after 1 s, oldest dropped", test_timeout },
	{ "tc: tc_spanning_tree forwarding rule", test_blocked },
	{ "tc: one-step Sync forwarded as two-step", test_onestep },
	{ "tc: Announce stepsRemoved + 1", test_announce_hop },
	{ "tc: free-running master/local rate ratio", test_freq_est },
	{ NULL, NULL },
};
TEST_SUITE(tc_tests);
