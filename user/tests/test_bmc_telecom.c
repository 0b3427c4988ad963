// SPDX-License-Identifier: GPL-2.0
/* The G.8275.x data set comparison and the state decision with it. */
#include "bmc.h"
#include "bmc_fixtures.h"
#include "tests.h"

#define CHECK_TCMP(a, b, want) do {					\
	CHECK_INT(bmc_dscmp_telecom(&(a), &(b)), (want));		\
	CHECK_INT(bmc_dscmp_telecom(&(b), &(a)), -(want));		\
} while (0)

static int test_telecom_priority1_unused(void)
{
	struct dataset a = ds(1, 1), b = ds(2, 2);

	/* priority1 decides in 1588 and plays no part in G.8275.x. */
	a.priority1 = 255;
	b.priority1 = 0;
	CHECK_INT(bmc_dscmp(&a, &b), BMC_B_BETTER);
	CHECK_TCMP(a, b, BMC_A_BETTER);		/* the identity decides */
	/* localPriority is no 1588 field. */
	a = ds(1, 1);
	b = ds(2, 2);
	b.localPriority = 1;
	CHECK_INT(bmc_dscmp(&a, &b), BMC_A_BETTER);
	CHECK_TCMP(a, b, BMC_B_BETTER);
	return 0;
}

static int test_telecom_field_order(void)
{
	struct dataset a = ds(1, 1), b = ds(2, 2);

	/* Each field decides when those before it are equal. */
	a.quality.clockClass = 165;
	b.quality.clockAccuracy = 0x20;
	b.quality.offsetScaledLogVariance = 0x4e5d;
	b.priority2 = 1;
	b.localPriority = 1;
	CHECK_TCMP(a, b, BMC_A_BETTER);		/* clockClass 165 < 248 */
	a.quality.clockClass = 248;
	CHECK_TCMP(a, b, BMC_B_BETTER);		/* clockAccuracy */
	a.quality.clockAccuracy = 0x20;
	a.quality.offsetScaledLogVariance = 0x4000;
	CHECK_TCMP(a, b, BMC_A_BETTER);		/* variance */
	a.quality.offsetScaledLogVariance = 0x4e5d;
	a.priority2 = 0;
	CHECK_TCMP(a, b, BMC_A_BETTER);		/* priority2 */
	a.priority2 = 1;
	CHECK_TCMP(a, b, BMC_B_BETTER);		/* localPriority */
	a.localPriority = 1;
	CHECK_TCMP(a, b, BMC_A_BETTER);		/* identity 1 < 2 */
	/* stepsRemoved does not matter between different grandmasters. */
	a.stepsRemoved = 40;
	CHECK_TCMP(a, b, BMC_A_BETTER);
	return 0;
}

static int test_telecom_class_le_127(void)
{
	struct dataset a = ds(9, 1), b = ds(2, 2);

	/*
	 * Grandmaster-only classes: equal quality and priorities, then the
	 * path decides, not the identity (2 < 9 would pick b).
	 */
	a.quality.clockClass = 6;
	b.quality.clockClass = 6;
	b.stepsRemoved = 2;
	CHECK_TCMP(a, b, BMC_A_BETTER);
	/* Same steps: the senders' port identities, by topology. */
	b.stepsRemoved = 0;
	CHECK_TCMP(a, b, BMC_A_BETTER_TOPO);	/* sender 0x01 < 0x02 */
	/* One step apart: the farther one's receiver against its sender. */
	b.stepsRemoved = 1;
	CHECK_TCMP(a, b, BMC_A_BETTER_TOPO);	/* receiver 0x50 > 0x02 */
	/* Same message twice: error-2, no winner. */
	b = a;
	CHECK_INT(bmc_dscmp_telecom(&a, &b), 0);
	/* Class 128 and above: the identity again. */
	a = ds(9, 1);
	b = ds(2, 2);
	b.stepsRemoved = 2;
	CHECK_TCMP(a, b, BMC_B_BETTER);
	return 0;
}

static int test_telecom_same_gm_and_null(void)
{
	struct dataset a = ds(7, 1), b = ds(7, 2);

	/* Same grandmaster (class > 127): as 1588's figure 28. */
	b.stepsRemoved = 2;
	CHECK_TCMP(a, b, BMC_A_BETTER);
	b.stepsRemoved = 0;
	CHECK_TCMP(a, b, BMC_A_BETTER_TOPO);
	/* Empty data sets lose; two compare equal. */
	CHECK_INT(bmc_dscmp_telecom(&a, NULL), BMC_A_BETTER);
	CHECK_INT(bmc_dscmp_telecom(NULL, &a), BMC_B_BETTER);
	CHECK_INT(bmc_dscmp_telecom(NULL, NULL), 0);
	return 0;
}

#define CHECK_DECISION(in, want_ev, want_rule) do {			\
	enum bmc_rule _r = (enum bmc_rule)-1;				\
	CHECK_INT(bmc_state_decision(&(in), &_r), (want_ev));		\
	CHECK_STR(bmc_rule_str(_r), bmc_rule_str(want_rule));		\
} while (0)

static int test_telecom_decision(void)
{
	struct ClockQuality q = { 248, 0xfe, 0xffff };
	struct ClockIdentity id = cid(0x50);
	struct dataset d0, e = ds(0x60, 0x60), f = ds(0x70, 0x70);
	const struct dataset *erbest[2] = { &e, &f };
	struct bmc_input in = {
		.d0 = &d0, .erbest = &e, .ebest = &e, .ebest_here = true,
		.state = PS_LISTENING,
	};

	/* D0 with priority1 0 and a higher identity than nobody else's. */
	bmc_default_ds(&d0, &id, 0, &q, 128);
	d0.localPriority = 128;
	e.priority1 = 255;
	/* 1588: priority1 0 wins, the clock is grandmaster (M2). */
	CHECK_DECISION(in, EV_RS_GRAND_MASTER, BMC_RULE_M2);
	/* G.8275.x: priority1 ignored, e's identity 0x60 > 0x50: still M2. */
	in.cmp = bmc_dscmp_telecom;
	CHECK_DECISION(in, EV_RS_GRAND_MASTER, BMC_RULE_M2);
	/* The port's localPriority on e beats defaultDS.localPriority: S1. */
	e.localPriority = 127;
	CHECK_DECISION(in, EV_RS_SLAVE, BMC_RULE_S1);
	/* Or a lower priority2. */
	e.localPriority = 128;
	e.priority2 = 127;
	CHECK_DECISION(in, EV_RS_SLAVE, BMC_RULE_S1);
	/* Ebest over the ports with the same comparison. */
	f.priority1 = 0;
	f.priority2 = 128;
	CHECK_INT(bmc_best(erbest, 2), 1);			/* priority1 */
	CHECK_INT(bmc_best_cmp(erbest, 2, NULL), 1);
	CHECK_INT(bmc_best_cmp(erbest, 2, bmc_dscmp_telecom), 0);
	return 0;
}

static const struct test bmc_telecom_tests[] = {
	{ "bmc G.8275.x: priority1 unused, localPriority used",
	  test_telecom_priority1_unused },
	{ "bmc G.8275.x: field order", test_telecom_field_order },
	{ "bmc G.8275.x: classes 1..127 ranked by topology",
	  test_telecom_class_le_127 },
	{ "bmc G.8275.x: same grandmaster, empty data sets",
	  test_telecom_same_gm_and_null },
	{ "bmc G.8275.x: state decision and Ebest", test_telecom_decision },
	{ NULL, NULL },
};

TEST_SUITE(bmc_telecom_tests);
