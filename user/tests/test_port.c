// SPDX-License-Identifier: GPL-2.0
/*
 * ptpkd's pure port and servo logic: Sync/Follow_Up pairing in either
 * order, Delay_Resp matching, Announce and Delay_Resp contents, the
 * servo-new request from ptp4l.conf keys, reply conversion.
 */
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "msg.h"
#include "port.h"
#include "servo_nl.h"
#include "tests.h"

static const struct PortIdentity master = {
	{ { 0x00, 0x11, 0x22, 0xff, 0xfe, 0x33, 0x44, 0x55 } }, 1
};
static const struct PortIdentity self = {
	{ { 0x02, 0x00, 0x00, 0xff, 0xfe, 0x00, 0x00, 0x02 } }, 1
};

static void mk_sync(struct ptp_message *m, uint16_t seq, bool two_step,
		    uint64_t sec, uint32_t ns, int64_t corr_ns)
{
	msg_init(m, MSG_SYNC);
	m->hdr.sourcePortIdentity = master;
	m->hdr.sequenceId = seq;
	m->hdr.flagField = two_step ? FLAG_TWO_STEP : 0;
	m->hdr.correctionField = ns_to_scaled(corr_ns);
	m->hdr.logMessageInterval = -3;
	m->sync.timestamp.seconds = sec;
	m->sync.timestamp.nanoseconds = ns;
}

static void mk_fup(struct ptp_message *m, uint16_t seq, uint64_t sec,
		   uint32_t ns, int64_t corr_ns)
{
	msg_init(m, MSG_FOLLOW_UP);
	m->hdr.sourcePortIdentity = master;
	m->hdr.sequenceId = seq;
	m->hdr.correctionField = ns_to_scaled(corr_ns);
	m->follow_up.timestamp.seconds = sec;
	m->follow_up.timestamp.nanoseconds = ns;
}

static int test_sync_then_fup(void)
{
	struct sync_pair sp;
	struct ptp_message m;
	struct e2e_sync s;

	sync_pair_reset(&sp);
	mk_sync(&m, 7, true, 0, 0, 100);
	CHECK_INT(sync_pair_sync(&sp, &m, 5000000123LL, 0, &s), 0);
	mk_fup(&m, 7, 5, 17, 20);
	memset(&s, 0, sizeof(s));
	CHECK_INT(sync_pair_fup(&sp, &m, 0, &s), 1);
	CHECK_INT(s.seq, 7);
	CHECK_INT(s.t1, 5000000017LL);
	CHECK_INT(s.t2, 5000000123LL);
	CHECK_INT(s.corr, 120);
	CHECK_INT(s.log_interval, -3);
	/* the same Follow_Up again completes nothing */
	CHECK_INT(sync_pair_fup(&sp, &m, 0, &s), 0);
	return 0;
}

/* assume_two_step: a Sync without the flag waits for its Follow_Up */
static int test_assume_two_step(void)
{
	struct sync_pair sp;
	struct ptp_message m;
	struct e2e_sync s;

	sync_pair_reset(&sp);
	sp.assume_two_step = true;
	mk_sync(&m, 7, false, 9, 9, 100);
	CHECK_INT(sync_pair_sync(&sp, &m, 5000000123LL, 0, &s), 0);
	mk_fup(&m, 7, 5, 17, 20);
	CHECK_INT(sync_pair_fup(&sp, &m, 0, &s), 1);
	CHECK_INT(s.t1, 5000000017LL);
	CHECK_INT(s.corr, 120);
	sync_pair_reset(&sp);
	mk_sync(&m, 8, false, 9, 9, 100);
	CHECK_INT(sync_pair_sync(&sp, &m, 5000000123LL, 0, &s), 1);
	return 0;
}

/* check_fup_sync: a Follow_Up that came in before its Sync pairs with none */
static int test_check_fup_sync(void)
{
	struct sync_pair sp;
	struct ptp_message m;
	struct e2e_sync s;

	sync_pair_reset(&sp);
	/* Sync, then a Follow_Up whose software timestamp is earlier */
	mk_sync(&m, 7, true, 0, 0, 100);
	CHECK_INT(sync_pair_sync(&sp, &m, 5000000123LL, 2000, &s), 0);
	mk_fup(&m, 7, 5, 17, 20);
	CHECK_INT(sync_pair_fup(&sp, &m, 1999, &s), 0);
	/* the same order on the wire as on the sockets: a pair */
	CHECK_INT(sync_pair_fup(&sp, &m, 2000, &s), 1);
	CHECK_INT(s.t1, 5000000017LL);
	/* Follow_Up first (read first, came in first): none */
	mk_fup(&m, 8, 5, 17, 20);
	CHECK_INT(sync_pair_fup(&sp, &m, 3000, &s), 0);
	mk_sync(&m, 8, true, 0, 0, 100);
	CHECK_INT(sync_pair_sync(&sp, &m, 5000000123LL, 3001, &s), 0);
	/* read first, but the Sync came in first: a pair */
	mk_fup(&m, 9, 5, 17, 20);
	CHECK_INT(sync_pair_fup(&sp, &m, 4001, &s), 0);
	mk_sync(&m, 9, true, 0, 0, 100);
	CHECK_INT(sync_pair_sync(&sp, &m, 5000000123LL, 4000, &s), 1);
	return 0;
}

static int test_fup_then_sync(void)
{
	struct sync_pair sp;
	struct ptp_message m;
	struct e2e_sync s;

	sync_pair_reset(&sp);
	mk_fup(&m, 9, 1, 500, 0);
	CHECK_INT(sync_pair_fup(&sp, &m, 0, &s), 0);
	mk_sync(&m, 9, true, 0, 0, -8);
	CHECK_INT(sync_pair_sync(&sp, &m, 1000000900LL, 0, &s), 1);
	CHECK_INT(s.seq, 9);
	CHECK_INT(s.t1, 1000000500LL);
	CHECK_INT(s.t2, 1000000900LL);
	CHECK_INT(s.corr, -8);
	return 0;
}

static int test_sync_mismatch(void)
{
	struct sync_pair sp;
	struct ptp_message m;
	struct e2e_sync s;

	sync_pair_reset(&sp);
	/* Sync 1 lost its Follow_Up; Follow_Up 2 waits for Sync 2 */
	mk_sync(&m, 1, true, 0, 0, 0);
	CHECK_INT(sync_pair_sync(&sp, &m, 10, 0, &s), 0);
	mk_fup(&m, 2, 0, 50, 0);
	CHECK_INT(sync_pair_fup(&sp, &m, 0, &s), 0);
	mk_sync(&m, 2, true, 0, 0, 0);
	CHECK_INT(sync_pair_sync(&sp, &m, 60, 0, &s), 1);
	CHECK_INT(s.seq, 2);
	CHECK_INT(s.t1, 50);
	CHECK_INT(s.t2, 60);
	/* a Follow_Up from another port does not pair */
	mk_sync(&m, 3, true, 0, 0, 0);
	CHECK_INT(sync_pair_sync(&sp, &m, 70, 0, &s), 0);
	mk_fup(&m, 3, 0, 65, 0);
	m.hdr.sourcePortIdentity.portNumber = 2;
	CHECK_INT(sync_pair_fup(&sp, &m, 0, &s), 0);
	return 0;
}

static int test_one_step(void)
{
	struct sync_pair sp;
	struct ptp_message m;
	struct e2e_sync s;

	sync_pair_reset(&sp);
	mk_sync(&m, 4, false, 2, 999999999, 3);
	CHECK_INT(sync_pair_sync(&sp, &m, 3000000010LL, 0, &s), 1);
	CHECK_INT(s.t1, 2999999999LL);
	CHECK_INT(s.t2, 3000000010LL);
	CHECK_INT(s.corr, 3);
	return 0;
}

static void mk_resp(struct ptp_message *m, uint16_t seq,
		    const struct PortIdentity *req, uint64_t sec, uint32_t ns)
{
	msg_init(m, MSG_DELAY_RESP);
	m->hdr.sourcePortIdentity = master;
	m->hdr.sequenceId = seq;
	m->hdr.correctionField = ns_to_scaled(-4);
	m->delay_resp.requestingPortIdentity = *req;
	m->delay_resp.timestamp.seconds = sec;
	m->delay_resp.timestamp.nanoseconds = ns;
}

static int test_delay_resp_match(void)
{
	struct PortIdentity other = self;
	struct delay_track dt = { 0 };
	struct ptp_message m;
	struct e2e_delay d;

	mk_resp(&m, 5, &self, 1, 0);
	CHECK_INT(delay_track_resp(&dt, &self, &m, &d), 0);	/* none sent */
	delay_track_sent(&dt, 6, 999999000LL);
	CHECK_INT(delay_track_resp(&dt, &self, &m, &d), 0);	/* old seq */
	other.portNumber = 2;
	mk_resp(&m, 6, &other, 1, 0);
	CHECK_INT(delay_track_resp(&dt, &self, &m, &d), 0);	/* not ours */
	mk_resp(&m, 6, &self, 1, 250);
	CHECK_INT(delay_track_resp(&dt, &self, &m, &d), 1);
	CHECK_INT(d.seq, 6);
	CHECK_INT(d.t3, 999999000LL);
	CHECK_INT(d.t4, 1000000250LL);
	CHECK_INT(d.corr, -4);
	CHECK_INT(delay_track_resp(&dt, &self, &m, &d), 0);	/* answered */
	return 0;
}

static int test_build_announce(void)
{
	static const uint8_t want[] = {
		0x0b, 0x02, 0x00, 0x40, 0x18, 0x00, 0x00, 0x08,
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
		0x02, 0x00, 0x00, 0xff, 0xfe, 0x00, 0x00, 0x02, 0x00, 0x01,
		0x00, 0x2a, 0x05, 0xfe,
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0,		/* originTimestamp */
		0x00, 0x25, 0x00, 100,			/* utc offset, p1 */
		248, 0xfe, 0xff, 0xff, 128,		/* quality, p2 */
		0x02, 0x00, 0x00, 0xff, 0xfe, 0x00, 0x00, 0x02,
		0x00, 0x00, 0xa0,
	};
	struct dataset gm = {
		.priority1 = 100, .priority2 = 128,
		.identity = self.clockIdentity,
		.quality = { 248, 0xfe, 0xffff },
	};
	struct announce_data a = {
		.gm = &gm, .currentUtcOffset = 37,
		.flags = FLAG_PTP_TIMESCALE, .timeSource = 0xa0,
	};
	struct ptp_message m;
	uint8_t buf[128];
	size_t len;

	port_build_announce(&m, &a, &self, 24, 0, 42, -2);
	len = msg_build(&m, buf, sizeof(buf));
	CHECK_INT(len, sizeof(want));
	CHECK(!memcmp(buf, want, sizeof(want)));
	return 0;
}

static int test_build_delay_resp(void)
{
	struct ptp_message req, resp;

	msg_init(&req, MSG_DELAY_REQ);
	req.hdr.sourcePortIdentity = self;
	req.hdr.sequenceId = 300;
	req.hdr.domainNumber = 3;
	req.hdr.correctionField = ns_to_scaled(12);
	CHECK_INT(port_build_delay_resp(&resp, &req, 7000000001LL, &master,
					0, -3), 0);
	CHECK_INT(resp.hdr.messageType, MSG_DELAY_RESP);
	CHECK_INT(resp.hdr.controlField, CTL_DELAY_RESP);
	CHECK_INT(resp.hdr.sequenceId, 300);
	CHECK_INT(resp.hdr.domainNumber, 3);
	CHECK_INT(resp.hdr.logMessageInterval, -3);
	CHECK_INT(resp.hdr.correctionField, ns_to_scaled(12));
	CHECK(pid_eq(&resp.hdr.sourcePortIdentity, &master));
	CHECK(pid_eq(&resp.delay_resp.requestingPortIdentity, &self));
	CHECK_INT(resp.delay_resp.timestamp.seconds, 7);
	CHECK_INT(resp.delay_resp.timestamp.nanoseconds, 1);
	return 0;
}

static int read_cfg(struct config *cfg, const char *text)
{
	char err[160];
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	int ret;

	if (!f)
		return -1;
	ret = config_read_stream(cfg, f, "t.cfg", err, sizeof(err));
	fclose(f);
	if (ret)
		printf("# %s\n", err);
	return ret;
}

static int test_servo_request(void)
{
	struct config *cfg = config_create(0);
	struct ptpk_servo req = { 0 };
	char err[160];
	int rc = 1;

	if (!cfg)
		FAIL("config_create");
	config_add_interface(cfg, "eth0");
	if (read_cfg(cfg, "[global]\nclock_servo linreg\nstep_threshold 0.5\n"
		     "max_frequency 1000\npi_proportional_const 0.25\n"
		     "pi_integral_const 0.3\n"
		     "time_stamping software\nlogSyncInterval -1\n"
		     "write_phase_mode 1\n"
		     "[eth0]\ndelay_filter moving_average\n"
		     "logSyncInterval -3\n"))
		goto out;
	if (servo_nl_request(cfg, "eth0", &req, err, sizeof(err))) {
		printf("# %s\n", err);
		goto out;
	}
	if (req.kind != PTPK_SERVO_KIND_LINREG ||
	    req.val[PTPK_A_SERVO_STEP_THRESHOLD] != 500000000LL ||
	    req.val[PTPK_A_SERVO_MAX_FREQUENCY] != 1000 ||
	    req.val[PTPK_A_SERVO_PI_PROPORTIONAL_CONST] != 250000000LL ||
	    /* 0.3 as a double is 0.29999999999999999: sent as "0.3" */
	    req.val[PTPK_A_SERVO_PI_INTEGRAL_CONST] != 300000000LL ||
	    req.val[PTPK_A_SERVO_DELAY_FILTER] !=
			PTPK_DELAY_FILTER_MOVING_AVERAGE ||
	    req.val[PTPK_A_SERVO_HW_TS] != 0 ||
	    !PTPK_HAS(&req, PTPK_A_SERVO_WRITE_PHASE_MODE) ||
	    req.val[PTPK_A_SERVO_WRITE_PHASE_MODE] != 1 ||
	    req.val[PTPK_A_SERVO_SYNC_INTERVAL] != -3 ||
	    strcmp(req.name, "ptpkd eth0")) {
		printf("# wrong request values\n");
		goto out;
	}
	/* unset keys stay out: the module's defaults are ptp4l's */
	if (PTPK_HAS(&req, PTPK_A_SERVO_FIRST_STEP_THRESHOLD) ||
	    PTPK_HAS(&req, PTPK_A_SERVO_TSPROC_MODE) ||
	    !PTPK_HAS(&req, PTPK_A_SERVO_DELAY_FILTER) ||
	    !PTPK_HAS(&req, PTPK_A_SERVO_KIND)) {
		printf("# wrong present bits\n");
		goto out;
	}
	rc = 0;
out:
	config_destroy(cfg);
	return rc;
}

static int test_servo_result(void)
{
	struct ptpk_sample rep = { 0 };
	struct servo_result r;

	rep.state = PTPK_SERVO_STATE_LOCKED;
	rep.offset = -42;
	rep.freq = 12345678;	/* +12345.678 ppb applied */
	rep.delay = 16500;
	rep.flags = PTPK_SAMPLE_FLAGS_APPLY_FREQ;
	servo_nl_result(&rep, &r);
	CHECK_INT(r.state, 2);
	CHECK_INT(r.offset, -42);
	/* ptp4l logs the servo output, the negated frequency */
	CHECK(r.adj > -12345.679 && r.adj < -12345.677);
	CHECK_INT(r.delay, 16500);
	/* 12345.678 ppb = 12.345678 ppm = 809,086 in ppm * 2^16 */
	CHECK_INT(servo_nl_scaled_ppm(rep.freq), 809086);
	/* write_phase_mode in s3: ptp4l prints freq 0 */
	rep.flags = PTPK_SAMPLE_FLAGS_PHASE;
	servo_nl_result(&rep, &r);
	CHECK(r.adj == 0.0);
	CHECK_INT(servo_nl_scaled_ppm(-1000000), -65536);
	CHECK_INT(servo_nl_summary_count(0, -3), 8);
	CHECK_INT(servo_nl_summary_count(-3, -3), 0);
	CHECK_INT(servo_nl_summary_count(0, 0), 0);
	return 0;
}

/* initial_delay: the offset sample while the servo has no delay */
static int test_servo_initial(void)
{
	struct e2e_sync m = {
		.seq = 7, .t1 = 1000000000, .t2 = 1000150000, .corr = 20000,
	};
	struct ptpk_sample req;

	memset(&req, 0xff, sizeof(req));
	servo_nl_initial_req(&req, &m, 100000);
	/* 150 us - 20 us correction - 100 us initial delay */
	CHECK_INT(req.offset, 30000);
	CHECK_INT(req.local_ts, 1000150000);
	CHECK_INT(req.seq_id, 7);
	CHECK(PTPK_HAS(&req, PTPK_A_SAMPLE_OFFSET));
	CHECK(PTPK_HAS(&req, PTPK_A_SAMPLE_LOCAL_TS));
	/* the module refuses an offset sample with timestamps */
	CHECK(!PTPK_HAS(&req, PTPK_A_SAMPLE_T1));
	CHECK(!PTPK_HAS(&req, PTPK_A_SAMPLE_T2));
	CHECK(!PTPK_HAS(&req, PTPK_A_SAMPLE_CORR_SYNC));
	CHECK(!PTPK_HAS(&req, PTPK_A_SAMPLE_DELAY));
	return 0;
}

static const struct test port_tests[] = {
	{ "ptpkd: sync pairing: Sync then Follow_Up", test_sync_then_fup },
	{ "ptpkd: initial_delay offset sample", test_servo_initial },
	{ "ptpkd: sync pairing: Follow_Up then Sync", test_fup_then_sync },
	{ "ptpkd: sync pairing: lost Follow_Up, other sender", test_sync_mismatch },
	{ "ptpkd: sync pairing: one-step Sync", test_one_step },
	{ "ptpkd: sync pairing: assume_two_step", test_assume_two_step },
	{ "ptpkd: sync pairing: check_fup_sync", test_check_fup_sync },
	{ "ptpkd: Delay_Resp matched by port identity and sequenceId",
	  test_delay_resp_match },
	{ "ptpkd: Announce bytes as a grandmaster sends them", test_build_announce },
	{ "ptpkd: Delay_Resp answers the Delay_Req", test_build_delay_resp },
	{ "ptpkd: servo-new request from ptp4l.conf keys", test_servo_request },
	{ "ptpkd: servo-sample reply: ptp4l's freq sign, ADJ_FREQUENCY units",
	  test_servo_result },
	{ NULL, NULL },
};

TEST_SUITE(port_tests);
