// SPDX-License-Identifier: GPL-2.0
/* Foreign master records: qualification window, pruning, Erbest. */
#include <errno.h>

#include "foreign.h"
#include "tests.h"

#define SEC 1000000000ULL
#define MS 1000000ULL

static const struct PortIdentity our_port = {
	.clockIdentity = { { 0x00, 0x11, 0x22, 0xff, 0xfe, 0x33, 0x44, 0x55 } },
	.portNumber = 1,
};

/* An Announce from clock n, port 1, naming itself as grandmaster. */
static struct foreign_announce ann(uint8_t n, uint8_t priority1, int8_t log)
{
	struct foreign_announce a = {
		.ds = {
			.priority1 = priority1,
			.identity = { { 0xa0, 0, 0, 0xff, 0xfe, 0, 0, n } },
			.quality = { 248, 0xfe, 0xffff },
			.priority2 = 128,
			.stepsRemoved = 0,
			.sender = {
				.clockIdentity = {
					{ 0xa0, 0, 0, 0xff, 0xfe, 0, 0, n } },
				.portNumber = 1,
			},
		},
		.logMessageInterval = log,
		.currentUtcOffset = 37,
	};

	return a;
}

static int test_foreign_qualify_third(void)
{
	struct foreign_table t;
	struct foreign_announce a = ann(1, 128, 0);
	const struct foreign_master *best;

	foreign_init(&t, &our_port, FOREIGN_MAX_STEPS_REMOVED);
	/* The first creates the record and is not counted. */
	CHECK_INT(foreign_add(&t, &a, 10 * SEC), 0);
	CHECK(!foreign_best(&t, 10 * SEC));
	CHECK_INT(foreign_add(&t, &a, 11 * SEC), 0);
	CHECK(!foreign_best(&t, 11 * SEC));
	CHECK_INT(foreign_count(&t, 11 * SEC), 0);
	/* The third brings the count to the threshold: qualified. */
	CHECK_INT(foreign_add(&t, &a, 12 * SEC), 1);
	best = foreign_best(&t, 12 * SEC);
	CHECK(best);
	CHECK(pid_eq(&best->last.ds.sender, &a.ds.sender));
	CHECK(pid_eq(&best->last.ds.receiver, &our_port));
	CHECK_INT(best->last.currentUtcOffset, 37);
	CHECK_INT(foreign_count(&t, 12 * SEC), 1);
	/* Further identical announces are no news. */
	CHECK_INT(foreign_add(&t, &a, 13 * SEC), 0);
	CHECK_INT(best->n, FOREIGN_MASTER_THRESHOLD);
	return 0;
}

static int test_foreign_window(void)
{
	struct foreign_table t;
	struct foreign_announce a = ann(1, 128, 0);
	const struct foreign_master *fm;

	foreign_init(&t, &our_port, FOREIGN_MAX_STEPS_REMOVED);
	foreign_add(&t, &a, 0);
	foreign_add(&t, &a, 1 * SEC);
	CHECK_INT(foreign_add(&t, &a, 2 * SEC), 1);
	fm = foreign_find(&t, &a.ds.sender);
	CHECK(fm);
	/* Window 4 s: the announce of t=1 s counts until just before 5 s. */
	CHECK(foreign_qualified(fm, 5 * SEC - 1));
	CHECK(foreign_best(&t, 5 * SEC - 1) == fm);
	CHECK(!foreign_qualified(fm, 5 * SEC));
	CHECK(!foreign_best(&t, 5 * SEC));
	CHECK_INT(fm->n, 1);		/* pruned to the t=2 s one */
	/* The record stays: one more announce requalifies. */
	CHECK_INT(foreign_add(&t, &a, 5500 * MS), 1);
	CHECK(foreign_best(&t, 5500 * MS) == fm);
	/* After a long silence nothing is left and two are needed again. */
	CHECK_INT(foreign_add(&t, &a, 100 * SEC), 0);
	CHECK(!foreign_best(&t, 100 * SEC));
	CHECK_INT(foreign_add(&t, &a, 101 * SEC), 1);
	CHECK(foreign_best(&t, 101 * SEC) == fm);
	return 0;
}

/* Two counted announces 4 intervals apart are not both in the window. */
static int test_foreign_window_too_slow(void)
{
	struct foreign_table t;
	struct foreign_announce a = ann(1, 128, -2);	/* 250 ms: 1 s window */
	int i;

	foreign_init(&t, &our_port, FOREIGN_MAX_STEPS_REMOVED);
	for (i = 0; i < 6; i++)
		CHECK_INT(foreign_add(&t, &a, i * SEC), 0);
	CHECK(!foreign_best(&t, 5 * SEC));
	CHECK_INT(foreign_add(&t, &a, 5 * SEC + 999 * MS), 1);
	CHECK(foreign_best(&t, 5 * SEC + 999 * MS));
	CHECK(!foreign_best(&t, 6 * SEC));
	return 0;
}

static int test_foreign_changed(void)
{
	struct foreign_table t;
	struct foreign_announce a = ann(1, 128, 0);
	const struct foreign_master *fm;

	foreign_init(&t, &our_port, FOREIGN_MAX_STEPS_REMOVED);
	foreign_add(&t, &a, 0);
	foreign_add(&t, &a, SEC);
	foreign_add(&t, &a, 2 * SEC);
	a.ds.quality.clockClass = 6;
	CHECK_INT(foreign_add(&t, &a, 3 * SEC), 1);
	CHECK_INT(foreign_add(&t, &a, 4 * SEC), 0);
	a.ds.stepsRemoved = 1;
	CHECK_INT(foreign_add(&t, &a, 5 * SEC), 1);
	a.ds.priority2 = 1;
	CHECK_INT(foreign_add(&t, &a, 6 * SEC), 1);
	/* Time properties alone are not a BMCA matter. */
	a.currentUtcOffset = 38;
	CHECK_INT(foreign_add(&t, &a, 7 * SEC), 0);
	fm = foreign_find(&t, &a.ds.sender);
	CHECK(fm);
	CHECK_INT(fm->last.currentUtcOffset, 38);
	CHECK_INT(fm->last.ds.quality.clockClass, 6);
	CHECK_INT(fm->last.ds.priority2, 1);

	/*
	 * Nothing counted to compare with (new sender, or all stale): a
	 * different data set is not news, as in ptp4l.
	 */
	a = ann(2, 128, 0);
	CHECK_INT(foreign_add(&t, &a, 10 * SEC), 0);
	a.ds.priority1 = 1;
	CHECK_INT(foreign_add(&t, &a, 11 * SEC), 0);
	a.ds.priority1 = 2;
	CHECK_INT(foreign_add(&t, &a, 20 * SEC), 0);
	return 0;
}

static int test_foreign_rejects(void)
{
	struct foreign_table t;
	struct foreign_announce a = ann(1, 128, 0);

	foreign_init(&t, &our_port, FOREIGN_MAX_STEPS_REMOVED);
	/* From another port of our own clock (9.3.2.5 b). */
	a.ds.sender.clockIdentity = our_port.clockIdentity;
	a.ds.sender.portNumber = 2;
	CHECK_INT(foreign_add(&t, &a, 0), -EINVAL);
	a = ann(1, 128, 0);
	a.ds.stepsRemoved = 255;
	CHECK_INT(foreign_add(&t, &a, 0), -EINVAL);
	a.ds.stepsRemoved = 254;
	CHECK_INT(foreign_add(&t, &a, 0), 0);
	CHECK(foreign_find(&t, &a.ds.sender));
	/* A lower configured limit. */
	foreign_init(&t, &our_port, 3);
	a.ds.stepsRemoved = 3;
	CHECK_INT(foreign_add(&t, &a, 0), -EINVAL);
	CHECK(!foreign_find(&t, &a.ds.sender));
	return 0;
}

static int test_foreign_erbest(void)
{
	struct foreign_table t;
	struct foreign_announce a[3] = {
		ann(1, 128, 0), ann(2, 100, 0), ann(3, 120, 0),
	};
	const struct foreign_master *best;
	int i, k;

	foreign_init(&t, &our_port, FOREIGN_MAX_STEPS_REMOVED);
	for (k = 0; k < 3; k++)
		for (i = 0; i < 3; i++)
			foreign_add(&t, &a[i], k * SEC + i * MS);
	best = foreign_best(&t, 3 * SEC);
	CHECK(best);
	CHECK_INT(best->last.ds.priority1, 100);
	CHECK_INT(foreign_count(&t, 3 * SEC), 3);
	/* Clock 2 falls silent: Erbest moves to clock 3 (priority1 120). */
	for (k = 3; k < 8; k++) {
		foreign_add(&t, &a[0], k * SEC);
		foreign_add(&t, &a[2], k * SEC);
	}
	best = foreign_best(&t, 8 * SEC);
	CHECK(best);
	CHECK_INT(best->last.ds.priority1, 120);
	CHECK_INT(foreign_count(&t, 8 * SEC), 2);
	foreign_clear(&t);
	CHECK(!foreign_best(&t, 8 * SEC));
	CHECK(!foreign_find(&t, &a[0].ds.sender));
	return 0;
}

static int test_foreign_full(void)
{
	struct foreign_table t;
	struct foreign_announce a;
	int i;

	foreign_init(&t, &our_port, FOREIGN_MAX_STEPS_REMOVED);
	/* Fill every record with a sender that has a counted announce. */
	for (i = 0; i < FOREIGN_MAX; i++) {
		a = ann(i + 1, 128, 0);
		CHECK_INT(foreign_add(&t, &a, 0), 0);
		CHECK_INT(foreign_add(&t, &a, SEC + i), 0);
	}
	a = ann(200, 128, 0);
	CHECK_INT(foreign_add(&t, &a, 2 * SEC), -ENOSPC);
	CHECK(!foreign_find(&t, &a.ds.sender));
	/*
	 * Once their announces leave the window, the sender silent longest
	 * (clock 1, last heard at 1 s) gives way.
	 */
	CHECK_INT(foreign_add(&t, &a, 10 * SEC), 0);
	CHECK(foreign_find(&t, &a.ds.sender));
	a = ann(1, 128, 0);
	CHECK(!foreign_find(&t, &a.ds.sender));
	a = ann(2, 128, 0);
	CHECK(foreign_find(&t, &a.ds.sender));
	return 0;
}

static int test_foreign_policy(void)
{
	struct foreign_table t;
	struct foreign_announce a = ann(1, 1, 0), b = ann(2, 200, 0);
	const struct foreign_master *best;
	unsigned int i;

	/* a wins on priority1, b on priority2 (G.8275.x ignores priority1). */
	a.ds.priority2 = 200;
	b.ds.priority2 = 100;
	foreign_init(&t, &our_port, FOREIGN_MAX_STEPS_REMOVED);
	CHECK_INT(t.local_priority, FOREIGN_LOCAL_PRIORITY);
	foreign_set_policy(&t, bmc_dscmp_telecom, 7, false);
	for (i = 0; i < 3; i++) {
		foreign_add(&t, &a, i * SEC);
		foreign_add(&t, &b, i * SEC);
	}
	best = foreign_best(&t, 2 * SEC);
	CHECK(best);
	CHECK(pid_eq(&best->last.ds.sender, &b.ds.sender));
	/* Every record carries the port's localPriority. */
	CHECK_INT(best->last.ds.localPriority, 7);
	CHECK_INT(foreign_find(&t, &a.ds.sender)->last.ds.localPriority, 7);
	/* The 1588 comparison on the same records. */
	foreign_set_policy(&t, NULL, 7, false);
	best = foreign_best(&t, 2 * SEC);
	CHECK(best && pid_eq(&best->last.ds.sender, &a.ds.sender));
	/* masterOnly: still recorded and qualified, but never Erbest. */
	foreign_set_policy(&t, NULL, 7, true);
	CHECK_INT(foreign_count(&t, 2 * SEC), 2);
	CHECK(!foreign_best(&t, 2 * SEC));
	CHECK(foreign_find(&t, &b.ds.sender));
	return 0;
}

static int test_foreign_max_steps(void)
{
	struct foreign_table t;
	struct foreign_announce a = ann(1, 128, 0);

	/* maxStepsRemoved 2, its minimum: stepsRemoved 0 and 1 only. */
	foreign_init(&t, &our_port, 2);
	a.ds.stepsRemoved = 2;
	CHECK_INT(foreign_add(&t, &a, 0), -EINVAL);
	a.ds.stepsRemoved = 1;
	CHECK_INT(foreign_add(&t, &a, 0), 0);
	CHECK_INT(foreign_add(&t, &a, SEC), 0);
	/* A rejected announce neither counts nor disturbs the record. */
	a.ds.stepsRemoved = 200;
	CHECK_INT(foreign_add(&t, &a, SEC), -EINVAL);
	a.ds.stepsRemoved = 1;
	CHECK_INT(foreign_add(&t, &a, 2 * SEC), 1);
	CHECK_INT(foreign_best(&t, 2 * SEC)->last.ds.stepsRemoved, 1);
	return 0;
}

static int test_foreign_window_ns(void)
{
	CHECK_INT(foreign_window_ns(0), 4 * SEC);
	CHECK_INT(foreign_window_ns(1), 8 * SEC);
	CHECK_INT(foreign_window_ns(-3), 500 * MS);
	return 0;
}

static const struct test foreign_tests[] = {
	{ "foreign: qualified on the third announce", test_foreign_qualify_third },
	{ "foreign: 4-interval window and requalification", test_foreign_window },
	{ "foreign: too slow a sender never qualifies",
	  test_foreign_window_too_slow },
	{ "foreign: changed data set is news", test_foreign_changed },
	{ "foreign: own clock and stepsRemoved limit", test_foreign_rejects },
	{ "foreign: Erbest and its change", test_foreign_erbest },
	{ "foreign: full table", test_foreign_full },
	{ "foreign: window length", test_foreign_window_ns },
	{ "foreign: G.8275.x Erbest, localPriority, masterOnly",
	  test_foreign_policy },
	{ "foreign: maxStepsRemoved", test_foreign_max_steps },
	{ NULL, NULL },
};

TEST_SUITE(foreign_tests);
