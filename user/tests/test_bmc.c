// SPDX-License-Identifier: GPL-2.0
/* BMCA: data set comparison (figures 27/28) and state decision (26). */
#include "bmc.h"
#include "bmc_fixtures.h"
#include "fsm.h"
#include "tests.h"

/* cmp(a, b) == want and cmp(b, a) == -want */
#define CHECK_CMP(a, b, want) do {					\
	CHECK_INT(bmc_dscmp(&(a), &(b)), (want));			\
	CHECK_INT(bmc_dscmp(&(b), &(a)), -(want));			\
} while (0)

static int test_dscmp_fields(void)
{
	struct dataset a = ds(1, 1), b = ds(2, 2);

	/* Same everything but the identity: the lower identity wins. */
	CHECK_CMP(a, b, BMC_A_BETTER);

	/* Each field decides when those before it are equal, whatever follows. */
	b.priority1 = 127;
	a.quality.clockClass = 6;
	CHECK_CMP(a, b, BMC_B_BETTER);		/* priority1 first */
	b.priority1 = 128;
	CHECK_CMP(a, b, BMC_A_BETTER);		/* then clockClass */

	a = ds(1, 1);
	b = ds(2, 2);
	b.quality.clockAccuracy = 0x21;
	a.quality.offsetScaledLogVariance = 0x4000;
	CHECK_CMP(a, b, BMC_B_BETTER);		/* clockAccuracy */
	b.quality.clockAccuracy = 0xfe;
	CHECK_CMP(a, b, BMC_A_BETTER);		/* variance */
	a.quality.offsetScaledLogVariance = 0xffff;
	b.quality.offsetScaledLogVariance = 0x4e5d;
	a.priority2 = 1;
	CHECK_CMP(a, b, BMC_B_BETTER);		/* variance, B lower */
	b.quality.offsetScaledLogVariance = 0xffff;
	CHECK_CMP(a, b, BMC_A_BETTER);		/* priority2 */
	b.priority2 = 0;
	CHECK_CMP(a, b, BMC_B_BETTER);
	b.priority2 = 1;
	CHECK_CMP(a, b, BMC_A_BETTER);		/* back to the identity */

	/* stepsRemoved does not matter between different grandmasters. */
	a.stepsRemoved = 10;
	CHECK_CMP(a, b, BMC_A_BETTER);

	/* Identities compare as unsigned bytes, first octet first. */
	a = ds(1, 1);
	b = ds(2, 2);
	a.identity.id[0] = 0x80;
	b.identity.id[7] = 0xff;
	CHECK_CMP(a, b, BMC_B_BETTER);
	return 0;
}

static int test_dscmp_steps(void)
{
	struct dataset a = ds(7, 1), b = ds(7, 2);
	enum bmc_error err;

	/* Same grandmaster: two or more steps apart, the nearer wins. */
	b.stepsRemoved = 2;
	CHECK_CMP(a, b, BMC_A_BETTER);
	a.stepsRemoved = 100;
	b.stepsRemoved = 3;
	CHECK_CMP(a, b, BMC_B_BETTER);
	a.stepsRemoved = 0;
	b.stepsRemoved = 65535;
	CHECK_CMP(a, b, BMC_A_BETTER);

	/*
	 * One step apart: the farther one's receiver against its sender.
	 * Receiver 0x50 below sender 0x60: plainly better.
	 */
	a = ds(7, 1);
	b = ds(7, 0x60);
	b.stepsRemoved = 1;
	CHECK_CMP(a, b, BMC_A_BETTER);
	/* Receiver above the sender: better by topology. */
	b.sender = pid(0x40, 1);
	CHECK_CMP(a, b, BMC_A_BETTER_TOPO);
	/* Same clock, port numbers decide. */
	b.sender = pid(0x50, 2);
	CHECK_CMP(a, b, BMC_A_BETTER);
	b.sender = pid(0x50, 0);
	CHECK_CMP(a, b, BMC_A_BETTER_TOPO);
	/* Our own message came back to the port that sent it: error-1. */
	b.sender = b.receiver;
	CHECK_INT(bmc_dscmp_err(&a, &b, &err), 0);
	CHECK_INT(err, BMC_ERROR_1);
	CHECK_INT(bmc_dscmp_err(&b, &a, &err), 0);
	CHECK_INT(err, BMC_ERROR_1);

	/* The farther one being A: mirrored results. */
	a = ds(7, 0x60);
	a.stepsRemoved = 5;
	b = ds(7, 1);
	b.stepsRemoved = 4;
	CHECK_INT(bmc_dscmp(&a, &b), BMC_B_BETTER);
	a.sender = pid(0x40, 9);
	CHECK_INT(bmc_dscmp(&a, &b), BMC_B_BETTER_TOPO);
	return 0;
}

static int test_dscmp_equal_steps(void)
{
	struct dataset a = ds(7, 1), b = ds(7, 2);
	enum bmc_error err;

	a.stepsRemoved = b.stepsRemoved = 3;
	/* Equal paths: the lower sender identity, "by topology". */
	CHECK_CMP(a, b, BMC_A_BETTER_TOPO);
	b.sender = pid(1, 0);			/* same clock, lower port */
	CHECK_CMP(a, b, BMC_B_BETTER_TOPO);
	/* Same sender: the lower receiving port number. */
	b.sender = a.sender;
	b.receiver.portNumber = 2;
	CHECK_CMP(a, b, BMC_A_BETTER_TOPO);
	/* Receiver clock identities are not compared, only port numbers. */
	b.receiver = pid(0x01, 1);
	CHECK_INT(bmc_dscmp_err(&a, &b, &err), 0);
	CHECK_INT(err, BMC_ERROR_2);
	/* Identical data sets: error-2. */
	b = a;
	CHECK_INT(bmc_dscmp_err(&a, &b, &err), 0);
	CHECK_INT(err, BMC_ERROR_2);
	CHECK_INT(bmc_dscmp_err(&a, &a, &err), 0);
	CHECK_INT(err, BMC_ERROR_2);
	/* err is reset on success. */
	b.stepsRemoved = 9;
	CHECK_INT(bmc_dscmp_err(&a, &b, &err), BMC_A_BETTER);
	CHECK_INT(err, BMC_OK);
	return 0;
}

static int test_dscmp_null(void)
{
	struct dataset a = ds(1, 1);
	enum bmc_error err = BMC_OK;

	CHECK_INT(bmc_dscmp(&a, NULL), BMC_A_BETTER);
	CHECK_INT(bmc_dscmp(NULL, &a), BMC_B_BETTER);
	CHECK_INT(bmc_dscmp_err(NULL, NULL, &err), 0);
	CHECK_INT(err, BMC_ERROR_2);
	return 0;
}

static int test_default_ds_and_best(void)
{
	struct ClockQuality q = { 6, 0x21, 0x4e5d };
	struct ClockIdentity id = cid(0x50);
	struct dataset d0, x = ds(3, 3), y = ds(2, 2);
	const struct dataset *v[4] = { NULL, &x, NULL, &y };

	bmc_default_ds(&d0, &id, 10, &q, 20);
	CHECK_INT(d0.priority1, 10);
	CHECK_INT(d0.priority2, 20);
	CHECK_INT(d0.quality.clockClass, 6);
	CHECK_INT(d0.quality.offsetScaledLogVariance, 0x4e5d);
	CHECK_INT(d0.stepsRemoved, 0);
	CHECK(cid_eq(&d0.identity, &id));
	CHECK(cid_eq(&d0.sender.clockIdentity, &id));
	CHECK_INT(d0.sender.portNumber, 0);
	CHECK(pid_eq(&d0.receiver, &d0.sender));

	CHECK_INT(bmc_best(v, 4), 3);		/* y: identity 2 < 3 */
	x.priority1 = 1;
	CHECK_INT(bmc_best(v, 4), 1);
	v[1] = v[3] = NULL;
	CHECK_INT(bmc_best(v, 4), -1);
	CHECK_INT(bmc_best(v, 0), -1);
	return 0;
}

/* D0 of a clock with the given class, identity 0x50. */
static struct dataset d0_class(uint8_t clock_class)
{
	struct ClockQuality q = { clock_class, 0xfe, 0xffff };
	struct ClockIdentity id = cid(0x50);
	struct dataset d0;

	bmc_default_ds(&d0, &id, 128, &q, 128);
	return d0;
}

#define CHECK_DECISION(in, want_ev, want_rule) do {			\
	enum bmc_rule _r = (enum bmc_rule)-1;				\
	CHECK_INT(bmc_state_decision(&(in), &_r), (want_ev));		\
	CHECK_STR(bmc_rule_str(_r), bmc_rule_str(want_rule));		\
} while (0)

static int test_decision_class_le_127(void)
{
	struct dataset d0 = d0_class(6), f = ds(1, 1);
	struct bmc_input in = {
		.d0 = &d0, .erbest = &f, .ebest = &f, .ebest_here = true,
		.state = PS_LISTENING,
	};

	/* A class 6 clock beats a class 248 master: M1 (grandmaster). */
	CHECK_DECISION(in, EV_RS_GRAND_MASTER, BMC_RULE_M1);
	/* Beaten by a class 6 clock with a lower identity: P1, not slave. */
	f.quality.clockClass = 6;
	CHECK_DECISION(in, EV_RS_PASSIVE, BMC_RULE_P1);
	/* Class 127 is still in the grandmaster-only range. */
	d0 = d0_class(127);
	f.quality.clockClass = 6;
	CHECK_DECISION(in, EV_RS_PASSIVE, BMC_RULE_P1);
	/* M1 looks at Erbest only, not at a better Ebest elsewhere. */
	f.quality.clockClass = 248;
	{
		struct dataset e = ds(1, 1);

		e.quality.clockClass = 6;
		in.ebest = &e;
		in.ebest_here = false;
		CHECK_DECISION(in, EV_RS_GRAND_MASTER, BMC_RULE_M1);
	}
	/* Not LISTENING and nothing heard: still M1 (empty Erbest loses). */
	in.erbest = NULL;
	in.ebest = NULL;
	in.state = PS_MASTER;
	CHECK_DECISION(in, EV_RS_GRAND_MASTER, BMC_RULE_M1);
	return 0;
}

static int test_decision_class_gt_127(void)
{
	struct dataset d0 = d0_class(248), f = ds(1, 1), e = ds(1, 1);
	struct bmc_input in = {
		.d0 = &d0, .erbest = &f, .ebest = &f, .ebest_here = true,
		.state = PS_LISTENING,
	};

	/* Class 128 is not in the grandmaster-only range. */
	d0 = d0_class(128);
	f.quality.clockClass = 128;
	CHECK_DECISION(in, EV_RS_SLAVE, BMC_RULE_S1);
	f.quality.clockClass = 129;
	CHECK_DECISION(in, EV_RS_GRAND_MASTER, BMC_RULE_M2);
	f.quality.clockClass = 248;
	d0 = d0_class(248);
	/* Ebest (identity 1) beats us (0x50) and came in here: S1. */
	CHECK_DECISION(in, EV_RS_SLAVE, BMC_RULE_S1);
	/* We beat Ebest: M2, whatever port it came in on. */
	f.priority1 = 200;
	CHECK_DECISION(in, EV_RS_GRAND_MASTER, BMC_RULE_M2);
	in.ebest_here = false;
	CHECK_DECISION(in, EV_RS_GRAND_MASTER, BMC_RULE_M2);

	/*
	 * Ebest came in on another port; this port hears a worse master:
	 * M3, master of this segment.
	 */
	f = ds(2, 2);
	in.ebest = &e;
	CHECK_DECISION(in, EV_RS_MASTER, BMC_RULE_M3);
	/* ...or nothing at all (not LISTENING any more): M3 too. */
	in.erbest = NULL;
	in.state = PS_MASTER;
	CHECK_DECISION(in, EV_RS_MASTER, BMC_RULE_M3);
	return 0;
}

/*
 * A boundary clock (identity 0x50) hears grandmaster 1 directly on port 1
 * and, one hop further, through boundary clock `other` on port 2. Port 2
 * goes PASSIVE if Ebest is better than its Erbest only by topology,
 * which depends on how 0x50 and `other` compare.
 */
static int bc_port2(uint8_t other, enum fsm_event want, enum bmc_rule rule)
{
	struct dataset d0 = d0_class(248), e = ds(1, 1), r = ds(1, other);
	struct bmc_input in = {
		.d0 = &d0, .erbest = &r, .ebest = &e, .ebest_here = false,
		.state = PS_MASTER,
	};

	r.stepsRemoved = 1;
	r.receiver = pid(0x50, 2);
	CHECK_DECISION(in, want, rule);
	/* And port 1, where Ebest came in, is the slave port. */
	in.erbest = &e;
	in.ebest_here = true;
	CHECK_DECISION(in, EV_RS_SLAVE, BMC_RULE_S1);
	return 0;
}

static int test_decision_p2_m3(void)
{
	/* Our identity 0x50 above the sender's 0x20: by topology: P2. */
	if (bc_port2(0x20, EV_RS_PASSIVE, BMC_RULE_P2))
		return 1;
	/* Below the sender's 0x70: plainly better: M3. */
	return bc_port2(0x70, EV_RS_MASTER, BMC_RULE_M3);
}

static int test_decision_listening(void)
{
	struct dataset d0 = d0_class(248), e = ds(1, 1);
	struct bmc_input in = {
		.d0 = &d0, .erbest = NULL, .ebest = NULL,
		.state = PS_LISTENING,
	};

	/* Nothing heard anywhere: keep listening (no M2 for an empty Ebest). */
	CHECK_DECISION(in, EV_NONE, BMC_RULE_NONE);
	/* Even with a master on another port. */
	in.ebest = &e;
	CHECK_DECISION(in, EV_NONE, BMC_RULE_NONE);
	/* Even for a class 6 clock (no M1 before hearing anyone). */
	d0 = d0_class(6);
	CHECK_DECISION(in, EV_NONE, BMC_RULE_NONE);
	/* clientOnly with no foreign master: LISTENING stays LISTENING. */
	in.slave_only = true;
	CHECK_DECISION(in, EV_NONE, BMC_RULE_NONE);
	CHECK_INT(fsm_next_slave_only(PS_LISTENING, bmc_state_decision(&in,
								NULL), 0),
		  PS_LISTENING);
	/* noop keeps any state while there is no Erbest... */
	in.slave_only = false;
	in.noop = true;
	in.state = PS_SLAVE;
	CHECK_DECISION(in, EV_NONE, BMC_RULE_NONE);
	/* ...but decides normally once there is one. */
	d0 = d0_class(248);
	in.erbest = &e;
	in.ebest_here = true;
	CHECK_DECISION(in, EV_RS_SLAVE, BMC_RULE_S1);
	return 0;
}

/* A slaveOnly clock ends up SLAVE or LISTENING, never on the master side. */
static int test_decision_slave_only(void)
{
	static const uint8_t classes[] = { 6, 127, 248, 255 };
	static const uint8_t prio[] = { 0, 128, 255 };
	static const enum port_state states[] = {
		PS_LISTENING, PS_UNCALIBRATED, PS_SLAVE,
	};
	unsigned int c, p, s, here, has;

	for (c = 0; c < 4; c++) for (p = 0; p < 3; p++)
	for (s = 0; s < 3; s++) for (here = 0; here < 2; here++)
	for (has = 0; has < 2; has++) {
		struct dataset d0 = d0_class(classes[c]), f = ds(1, 1);
		struct bmc_input in = {
			.d0 = &d0, .erbest = has ? &f : NULL, .ebest = &f,
			.ebest_here = here && has, .state = states[s],
			.slave_only = true,
		};
		enum fsm_event ev;
		enum port_state next;
		enum bmc_rule rule;

		d0.priority1 = prio[p];
		ev = bmc_state_decision(&in, &rule);
		next = fsm_next_slave_only(states[s], ev, 1);
		if (next != PS_LISTENING && next != PS_UNCALIBRATED &&
		    next != PS_SLAVE)
			FAIL("class %u prio %u state %d: event %d -> %d",
			     classes[c], prio[p], states[s], ev, next);
		/* Never M1/P1: the configured class is not looked at. */
		if (rule == BMC_RULE_M1 || rule == BMC_RULE_P1)
			FAIL("class %u: rule %s", classes[c],
			     bmc_rule_str(rule));
	}

	/* And with a better master heard here it becomes a slave. */
	{
		struct dataset d0 = d0_class(6), f = ds(1, 1);
		struct bmc_input in = {
			.d0 = &d0, .erbest = &f, .ebest = &f,
			.ebest_here = true, .state = PS_LISTENING,
			.slave_only = true,
		};

		d0.quality.clockClass = 255;
		CHECK_DECISION(in, EV_RS_SLAVE, BMC_RULE_S1);
		/*
		 * A configured class 6 beaten by another class 6 clock: P1
		 * without slave_only, a slave with it.
		 */
		d0.quality.clockClass = 6;
		f.quality.clockClass = 6;
		in.slave_only = false;
		CHECK_DECISION(in, EV_RS_PASSIVE, BMC_RULE_P1);
		in.slave_only = true;
		CHECK_DECISION(in, EV_RS_SLAVE, BMC_RULE_S1);
	}
	return 0;
}

/*
 * Three ordinary clocks on one segment, each hearing the other two on its
 * only port, as ptp4l would elect: returns each clock's state after the
 * decision, and after MASTER_CLOCK_SELECTED for a slave.
 */
struct node {
	uint8_t id;
	uint8_t priority1;
	uint8_t clock_class;
};

static void elect(const struct node n[3], enum port_state out[3])
{
	struct dataset ann[3];
	int i, j;

	for (i = 0; i < 3; i++) {
		ann[i] = ds(n[i].id, n[i].id);
		ann[i].priority1 = n[i].priority1;
		ann[i].quality.clockClass = n[i].clock_class;
	}
	for (i = 0; i < 3; i++) {
		const struct dataset *heard[3] = { 0 };
		struct dataset d0, rx[3];
		struct ClockQuality q = { n[i].clock_class, 0xfe, 0xffff };
		struct ClockIdentity id = cid(n[i].id);
		struct bmc_input in = { .d0 = &d0, .state = PS_LISTENING };
		int b;

		bmc_default_ds(&d0, &id, n[i].priority1, &q, 128);
		for (j = 0; j < 3; j++) {
			if (j == i)
				continue;
			rx[j] = ann[j];
			rx[j].receiver = (struct PortIdentity){ id, 1 };
			heard[j] = &rx[j];
		}
		b = bmc_best(heard, 3);
		in.erbest = in.ebest = heard[b];
		in.ebest_here = true;
		out[i] = fsm_next(PS_LISTENING, bmc_state_decision(&in, NULL),
				  1);
		out[i] = fsm_next(out[i], EV_MASTER_CLOCK_SELECTED, 0);
	}
}

static int test_election(void)
{
	enum port_state st[3];
	/* priority1 first: clock 0x30 (127) wins over a class 6 clock. */
	static const struct node a[3] = {
		{ 0x10, 128, 248 }, { 0x20, 128, 6 }, { 0x30, 127, 248 },
	};
	/* Equal priority1: class 6 wins. */
	static const struct node b[3] = {
		{ 0x10, 128, 248 }, { 0x20, 128, 6 }, { 0x30, 128, 248 },
	};
	/* All equal: the lowest identity wins. */
	static const struct node c[3] = {
		{ 0x30, 128, 248 }, { 0x10, 128, 248 }, { 0x20, 128, 248 },
	};

	elect(a, st);
	CHECK_INT(st[0], PS_SLAVE);
	CHECK_INT(st[1], PS_PASSIVE);		/* class 6: P1, never a slave */
	CHECK_INT(st[2], PS_GRAND_MASTER);	/* M2 */

	elect(b, st);
	CHECK_INT(st[0], PS_SLAVE);
	CHECK_INT(st[1], PS_GRAND_MASTER);	/* M1 */
	CHECK_INT(st[2], PS_SLAVE);

	elect(c, st);
	CHECK_INT(st[0], PS_SLAVE);
	CHECK_INT(st[1], PS_GRAND_MASTER);
	CHECK_INT(st[2], PS_SLAVE);
	return 0;
}

static const struct test bmc_tests[] = {
	{ "bmc: dscmp field order", test_dscmp_fields },
	{ "bmc: dscmp same grandmaster, stepsRemoved apart",
	  test_dscmp_steps },
	{ "bmc: dscmp same grandmaster, equal stepsRemoved",
	  test_dscmp_equal_steps },
	{ "bmc: dscmp empty data sets", test_dscmp_null },
	{ "bmc: D0 and best of several", test_default_ds_and_best },
	{ "bmc: decision M1/P1 for class <= 127",
	  test_decision_class_le_127 },
	{ "bmc: decision M2/S1/M3 for class > 127",
	  test_decision_class_gt_127 },
	{ "bmc: decision P2 vs M3 on a boundary clock", test_decision_p2_m3 },
	{ "bmc: decision keeps LISTENING; noop", test_decision_listening },
	{ "bmc: slaveOnly never master", test_decision_slave_only },
	{ "bmc: three-clock election as ptp4l", test_election },
	{ NULL, NULL },
};

TEST_SUITE(bmc_tests);
