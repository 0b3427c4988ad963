// SPDX-License-Identifier: GPL-2.0
/*
 * 802.1AS asCapable as ptp4l 3.1.1's port_capable(): not capable at first,
 * capable once the peer is known and the rate ratio would be, and not
 * again below min_neighbor_prop_delay, above neighborPropDelayThresh, after
 * four lost responses or with multiple responders.
 */
#include "as_capable.h"
#include "tests.h"

/* follow_up_info, freq_est_interval 1, logMinPdelayReqInterval 0 */
static void mk(struct as_cap *a)
{
	as_cap_init(a, true, 1, 0, 800, -100);
}

static int test_start(void)
{
	struct as_cap a;
	int i;

	as_cap_init(&a, false, 1, 0, 800, -100);
	CHECK(as_cap_eval(&a, 100000, 1));	/* 1588: always */
	mk(&a);
	CHECK(!as_cap_eval(&a, 0, 0));
	/* the ratio takes 1 + 2^(1 - 0) exchanges, as ptp4l's nrate */
	for (i = 0; i < 2; i++) {
		as_cap_exchange(&a);
		CHECK(!as_cap_eval(&a, 500, 0));
	}
	as_cap_exchange(&a);
	CHECK(as_cap_eval(&a, 500, 0));
	CHECK(as_cap_eval(&a, 800, 0));
	CHECK(as_cap_eval(&a, -100, 0));
	return 0;
}

static int capable(struct as_cap *a)
{
	mk(a);
	as_cap_exchange(a);
	as_cap_exchange(a);
	as_cap_exchange(a);
	return as_cap_eval(a, 500, 0) ? 0 : -1;
}

static int test_limits(void)
{
	struct as_cap a;

	CHECK_INT(capable(&a), 0);
	CHECK(!as_cap_eval(&a, 801, 0));		/* neighborPropDelayThresh */
	/* the rate ratio starts again: three more exchanges */
	as_cap_exchange(&a);
	as_cap_exchange(&a);
	CHECK(!as_cap_eval(&a, 500, 0));
	as_cap_exchange(&a);
	CHECK(as_cap_eval(&a, 500, 0));
	CHECK(!as_cap_eval(&a, -101, 0));		/* min_neighbor_prop_delay */
	CHECK_INT(capable(&a), 0);
	CHECK(!as_cap_eval(&a, 500, 1));		/* multiple responders */
	return 0;
}

static int test_lost(void)
{
	struct as_cap a;
	int i;

	CHECK_INT(capable(&a), 0);
	for (i = 0; i < 3; i++)
		as_cap_missed(&a, 500, 0);
	CHECK(as_cap_eval(&a, 500, 0));
	as_cap_missed(&a, 500, 0);
	CHECK(!as_cap_eval(&a, 500, 0));
	/* one answer is not enough: the ratio is measured again */
	as_cap_exchange(&a);
	CHECK(!as_cap_eval(&a, 500, 0));
	return 0;
}

static const struct test as_capable_tests[] = {
	{ "asCapable: not at first, then after 3 exchanges", test_start },
	{ "asCapable: peer delay limits, multiple responders", test_limits },
	{ "asCapable: four lost responses", test_lost },
	{ NULL, NULL },
};
TEST_SUITE(as_capable_tests);
