// SPDX-License-Identifier: GPL-2.0
/*
 * Port state machines: every (state, event, mdiff) against a table of the
 * transitions ptp4l makes; whatever is not in the table must not move.
 */
#include "fsm.h"
#include "tests.h"

#define ANY_MDIFF (-1)

struct tr {
	enum port_state from;
	enum fsm_event ev;
	int mdiff;		/* 0, 1 or ANY_MDIFF */
	enum port_state to;
};

/* ptp4l's ptp_fsm (1588 figure 23 plus GRAND_MASTER). */
static const struct tr full[] = {
	{ PS_FAULTY, EV_DESIGNATED_DISABLED, ANY_MDIFF, PS_DISABLED },
	{ PS_FAULTY, EV_FAULT_CLEARED, ANY_MDIFF, PS_INITIALIZING },
	{ PS_DISABLED, EV_DESIGNATED_ENABLED, ANY_MDIFF, PS_INITIALIZING },

	{ PS_LISTENING, EV_DESIGNATED_DISABLED, ANY_MDIFF, PS_DISABLED },
	{ PS_LISTENING, EV_FAULT_DETECTED, ANY_MDIFF, PS_FAULTY },
	{ PS_LISTENING, EV_ANNOUNCE_RECEIPT_TIMEOUT_EXPIRES, ANY_MDIFF,
	  PS_MASTER },
	{ PS_LISTENING, EV_RS_MASTER, ANY_MDIFF, PS_PRE_MASTER },
	{ PS_LISTENING, EV_RS_GRAND_MASTER, ANY_MDIFF, PS_GRAND_MASTER },
	{ PS_LISTENING, EV_RS_SLAVE, ANY_MDIFF, PS_UNCALIBRATED },
	{ PS_LISTENING, EV_RS_PASSIVE, ANY_MDIFF, PS_PASSIVE },

	{ PS_PRE_MASTER, EV_DESIGNATED_DISABLED, ANY_MDIFF, PS_DISABLED },
	{ PS_PRE_MASTER, EV_FAULT_DETECTED, ANY_MDIFF, PS_FAULTY },
	{ PS_PRE_MASTER, EV_QUALIFICATION_TIMEOUT_EXPIRES, ANY_MDIFF,
	  PS_MASTER },
	{ PS_PRE_MASTER, EV_RS_SLAVE, ANY_MDIFF, PS_UNCALIBRATED },
	{ PS_PRE_MASTER, EV_RS_PASSIVE, ANY_MDIFF, PS_PASSIVE },

	{ PS_MASTER, EV_DESIGNATED_DISABLED, ANY_MDIFF, PS_DISABLED },
	{ PS_MASTER, EV_FAULT_DETECTED, ANY_MDIFF, PS_FAULTY },
	{ PS_MASTER, EV_RS_SLAVE, ANY_MDIFF, PS_UNCALIBRATED },
	{ PS_MASTER, EV_RS_PASSIVE, ANY_MDIFF, PS_PASSIVE },

	{ PS_GRAND_MASTER, EV_DESIGNATED_DISABLED, ANY_MDIFF, PS_DISABLED },
	{ PS_GRAND_MASTER, EV_FAULT_DETECTED, ANY_MDIFF, PS_FAULTY },
	{ PS_GRAND_MASTER, EV_RS_SLAVE, ANY_MDIFF, PS_UNCALIBRATED },
	{ PS_GRAND_MASTER, EV_RS_PASSIVE, ANY_MDIFF, PS_PASSIVE },

	{ PS_PASSIVE, EV_DESIGNATED_DISABLED, ANY_MDIFF, PS_DISABLED },
	{ PS_PASSIVE, EV_FAULT_DETECTED, ANY_MDIFF, PS_FAULTY },
	{ PS_PASSIVE, EV_ANNOUNCE_RECEIPT_TIMEOUT_EXPIRES, ANY_MDIFF,
	  PS_MASTER },
	{ PS_PASSIVE, EV_RS_MASTER, ANY_MDIFF, PS_PRE_MASTER },
	{ PS_PASSIVE, EV_RS_GRAND_MASTER, ANY_MDIFF, PS_GRAND_MASTER },
	{ PS_PASSIVE, EV_RS_SLAVE, ANY_MDIFF, PS_UNCALIBRATED },

	{ PS_UNCALIBRATED, EV_DESIGNATED_DISABLED, ANY_MDIFF, PS_DISABLED },
	{ PS_UNCALIBRATED, EV_FAULT_DETECTED, ANY_MDIFF, PS_FAULTY },
	{ PS_UNCALIBRATED, EV_ANNOUNCE_RECEIPT_TIMEOUT_EXPIRES, ANY_MDIFF,
	  PS_MASTER },
	{ PS_UNCALIBRATED, EV_MASTER_CLOCK_SELECTED, ANY_MDIFF, PS_SLAVE },
	{ PS_UNCALIBRATED, EV_RS_MASTER, ANY_MDIFF, PS_PRE_MASTER },
	{ PS_UNCALIBRATED, EV_RS_GRAND_MASTER, ANY_MDIFF, PS_GRAND_MASTER },
	{ PS_UNCALIBRATED, EV_RS_PASSIVE, ANY_MDIFF, PS_PASSIVE },

	{ PS_SLAVE, EV_DESIGNATED_DISABLED, ANY_MDIFF, PS_DISABLED },
	{ PS_SLAVE, EV_FAULT_DETECTED, ANY_MDIFF, PS_FAULTY },
	{ PS_SLAVE, EV_ANNOUNCE_RECEIPT_TIMEOUT_EXPIRES, ANY_MDIFF,
	  PS_MASTER },
	{ PS_SLAVE, EV_SYNCHRONIZATION_FAULT, ANY_MDIFF, PS_UNCALIBRATED },
	{ PS_SLAVE, EV_RS_MASTER, ANY_MDIFF, PS_PRE_MASTER },
	{ PS_SLAVE, EV_RS_GRAND_MASTER, ANY_MDIFF, PS_GRAND_MASTER },
	{ PS_SLAVE, EV_RS_SLAVE, 1, PS_UNCALIBRATED },
	{ PS_SLAVE, EV_RS_PASSIVE, ANY_MDIFF, PS_PASSIVE },
	{ 0 },
};

/* ptp4l's ptp_slave_fsm (1588 figure 24). */
static const struct tr slave[] = {
	{ PS_FAULTY, EV_DESIGNATED_DISABLED, ANY_MDIFF, PS_DISABLED },
	{ PS_FAULTY, EV_FAULT_CLEARED, ANY_MDIFF, PS_INITIALIZING },
	{ PS_DISABLED, EV_DESIGNATED_ENABLED, ANY_MDIFF, PS_INITIALIZING },

	{ PS_LISTENING, EV_DESIGNATED_DISABLED, ANY_MDIFF, PS_DISABLED },
	{ PS_LISTENING, EV_FAULT_DETECTED, ANY_MDIFF, PS_FAULTY },
	{ PS_LISTENING, EV_RS_SLAVE, ANY_MDIFF, PS_UNCALIBRATED },

	{ PS_UNCALIBRATED, EV_DESIGNATED_DISABLED, ANY_MDIFF, PS_DISABLED },
	{ PS_UNCALIBRATED, EV_FAULT_DETECTED, ANY_MDIFF, PS_FAULTY },
	{ PS_UNCALIBRATED, EV_ANNOUNCE_RECEIPT_TIMEOUT_EXPIRES, ANY_MDIFF,
	  PS_LISTENING },
	{ PS_UNCALIBRATED, EV_RS_MASTER, ANY_MDIFF, PS_LISTENING },
	{ PS_UNCALIBRATED, EV_RS_GRAND_MASTER, ANY_MDIFF, PS_LISTENING },
	{ PS_UNCALIBRATED, EV_RS_PASSIVE, ANY_MDIFF, PS_LISTENING },
	{ PS_UNCALIBRATED, EV_MASTER_CLOCK_SELECTED, ANY_MDIFF, PS_SLAVE },

	{ PS_SLAVE, EV_DESIGNATED_DISABLED, ANY_MDIFF, PS_DISABLED },
	{ PS_SLAVE, EV_FAULT_DETECTED, ANY_MDIFF, PS_FAULTY },
	{ PS_SLAVE, EV_ANNOUNCE_RECEIPT_TIMEOUT_EXPIRES, ANY_MDIFF,
	  PS_LISTENING },
	{ PS_SLAVE, EV_RS_MASTER, ANY_MDIFF, PS_LISTENING },
	{ PS_SLAVE, EV_RS_GRAND_MASTER, ANY_MDIFF, PS_LISTENING },
	{ PS_SLAVE, EV_RS_PASSIVE, ANY_MDIFF, PS_LISTENING },
	{ PS_SLAVE, EV_SYNCHRONIZATION_FAULT, ANY_MDIFF, PS_UNCALIBRATED },
	{ PS_SLAVE, EV_RS_SLAVE, 1, PS_UNCALIBRATED },
	{ 0 },
};

/*
 * What the machine given by table must do. Two rules hold in both
 * machines and are not listed: INITIALIZE and POWERUP reset any state to
 * INITIALIZING, and INITIALIZING goes to FAULTY on FAULT_DETECTED and to
 * LISTENING on any other event (as ptp4l 3.1.1's does: "INITIALIZING to
 * FAULTY on FAULT_DETECTED (FT_UNSPECIFIED)" when the port cannot be set
 * up; EV_NONE is not an event and moves nothing).
 */
static enum port_state expected(const struct tr *table, enum port_state s,
				enum fsm_event ev, int mdiff)
{
	const struct tr *t;

	if (ev == EV_NONE)
		return s;
	if (ev == EV_INITIALIZE || ev == EV_POWERUP)
		return PS_INITIALIZING;
	if (s == PS_INITIALIZING)
		return ev == EV_FAULT_DETECTED ? PS_FAULTY : PS_LISTENING;
	for (t = table; t->from; t++)
		if (t->from == s && t->ev == ev &&
		    (t->mdiff == ANY_MDIFF || t->mdiff == mdiff))
			return t->to;
	return s;
}

static int check_machine(const struct tr *table,
			 enum port_state (*next)(enum port_state,
						 enum fsm_event, int),
			 unsigned int want_changes)
{
	unsigned int changes = 0;
	int s, ev, mdiff;

	for (s = PS_INITIALIZING; s <= PS_GRAND_MASTER; s++) {
		for (ev = EV_NONE; ev < FSM_EVENT_COUNT; ev++) {
			for (mdiff = 0; mdiff <= 1; mdiff++) {
				enum port_state want, got;

				want = expected(table, s, ev, mdiff);
				got = next(s, ev, mdiff);
				if (got != want)
					FAIL("state %d event %d mdiff %d: got %d, want %d",
					     s, ev, mdiff, got, want);
				changes += got != (enum port_state)s;
			}
		}
	}
	/* Guards against a table that lost rows as well as the code. */
	CHECK_INT(changes, want_changes);
	return 0;
}

static int test_fsm_full_exhaustive(void)
{
	/*
	 * Changing pairs, counted for both mdiff values: 44 table rows less
	 * the mdiff-only one = 43 * 2 + 1; INITIALIZE/POWERUP from the 9
	 * other states: 9 * 2 * 2; INITIALIZING on the 14 other events * 2.
	 */
	return check_machine(full, fsm_next, 43 * 2 + 1 + 36 + 28);
}

static int test_fsm_slave_exhaustive(void)
{
	return check_machine(slave, fsm_next_slave_only,
			     20 * 2 + 1 + 36 + 28);
}

static int test_fsm_examples(void)
{
	/* The ones the daemon relies on most, spelled out. */
	CHECK_INT(fsm_next(PS_UNCALIBRATED, EV_MASTER_CLOCK_SELECTED, 0),
		  PS_SLAVE);
	CHECK_INT(fsm_next(PS_SLAVE, EV_RS_SLAVE, 1), PS_UNCALIBRATED);
	CHECK_INT(fsm_next(PS_SLAVE, EV_RS_SLAVE, 0), PS_SLAVE);
	CHECK_INT(fsm_next(PS_PRE_MASTER, EV_QUALIFICATION_TIMEOUT_EXPIRES, 0),
		  PS_MASTER);
	CHECK_INT(fsm_next(PS_MASTER, EV_FAULT_DETECTED, 0), PS_FAULTY);
	CHECK_INT(fsm_next(PS_FAULTY, EV_FAULT_CLEARED, 0), PS_INITIALIZING);
	CHECK_INT(fsm_next(PS_INITIALIZING, EV_INIT_COMPLETE, 0),
		  PS_LISTENING);
	/* a port that could not be set up, as ptp4l 3.1.1 logs it */
	CHECK_INT(fsm_next(PS_INITIALIZING, EV_FAULT_DETECTED, 0), PS_FAULTY);
	CHECK_INT(fsm_next_slave_only(PS_INITIALIZING, EV_FAULT_DETECTED, 0),
		  PS_FAULTY);
	CHECK_INT(fsm_next(PS_LISTENING,
			   EV_ANNOUNCE_RECEIPT_TIMEOUT_EXPIRES, 0), PS_MASTER);
	CHECK_INT(fsm_next(PS_MASTER, EV_RS_MASTER, 0), PS_MASTER);
	CHECK_INT(fsm_next(PS_PRE_MASTER, EV_RS_GRAND_MASTER, 0),
		  PS_PRE_MASTER);
	CHECK_INT(fsm_next(PS_DISABLED, EV_FAULT_DETECTED, 0), PS_DISABLED);
	CHECK_INT(fsm_next(PS_SLAVE, EV_NONE, 1), PS_SLAVE);
	/* A slave-only port that lost its master listens again. */
	CHECK_INT(fsm_next_slave_only(PS_SLAVE,
				      EV_ANNOUNCE_RECEIPT_TIMEOUT_EXPIRES, 0),
		  PS_LISTENING);
	CHECK_INT(fsm_next_slave_only(PS_LISTENING, EV_RS_GRAND_MASTER, 0),
		  PS_LISTENING);
	return 0;
}

/* No event sequence takes a slave-only port to a master-side state. */
static int test_fsm_slave_only_closed(void)
{
	enum port_state seen[PS_GRAND_MASTER + 1] = { 0 };
	enum port_state stack[64];
	unsigned int sp = 0;
	int ev, mdiff;

	stack[sp++] = PS_INITIALIZING;
	seen[PS_INITIALIZING] = 1;
	while (sp) {
		enum port_state s = stack[--sp];

		for (ev = EV_NONE; ev < FSM_EVENT_COUNT; ev++) {
			for (mdiff = 0; mdiff <= 1; mdiff++) {
				enum port_state n;

				n = fsm_next_slave_only(s, ev, mdiff);
				if (seen[n])
					continue;
				seen[n] = 1;
				stack[sp++] = n;
			}
		}
	}
	CHECK(seen[PS_LISTENING] && seen[PS_UNCALIBRATED] && seen[PS_SLAVE]);
	CHECK(seen[PS_FAULTY] && seen[PS_DISABLED]);
	CHECK(!seen[PS_PRE_MASTER] && !seen[PS_MASTER]);
	CHECK(!seen[PS_PASSIVE] && !seen[PS_GRAND_MASTER]);
	return 0;
}

/*
 * ptp4l's designated machines (BMCA noop): INITIALIZE/POWERUP reset any
 * state; INITIALIZING goes to the target on INIT_COMPLETE and FAULTY on a
 * fault; FAULTY back to INITIALIZING when cleared; the target to FAULTY on
 * a fault. Nothing else moves, the BMCA's recommendations included.
 */
static enum port_state designated(enum port_state target, enum port_state s,
				  enum fsm_event ev)
{
	if (ev == EV_INITIALIZE || ev == EV_POWERUP)
		return PS_INITIALIZING;
	if (s == PS_INITIALIZING && ev == EV_INIT_COMPLETE)
		return target;
	if ((s == PS_INITIALIZING || s == target) && ev == EV_FAULT_DETECTED)
		return PS_FAULTY;
	if (s == PS_FAULTY && ev == EV_FAULT_CLEARED)
		return PS_INITIALIZING;
	return s;
}

static int check_designated(fsm_fn next, enum port_state target)
{
	unsigned int changes = 0;
	int s, ev, mdiff;

	for (s = PS_INITIALIZING; s <= PS_GRAND_MASTER; s++) {
		for (ev = EV_NONE; ev < FSM_EVENT_COUNT; ev++) {
			for (mdiff = 0; mdiff <= 1; mdiff++) {
				enum port_state want, got;

				want = designated(target, s, ev);
				got = next(s, ev, mdiff);
				if (got != want)
					FAIL("state %d event %d mdiff %d: got %d, want %d",
					     s, ev, mdiff, got, want);
				changes += got != (enum port_state)s;
			}
		}
	}
	/* resets from 9 states, 2 from INITIALIZING, FAULTY's, target's */
	CHECK_INT(changes, 9 * 2 * 2 + 2 * 2 + 2 + 2);
	return 0;
}

static int test_fsm_designated(void)
{
	if (check_designated(fsm_next_designated_master, PS_MASTER))
		return 1;
	if (check_designated(fsm_next_designated_slave, PS_SLAVE))
		return 1;
	/* The ones the automotive profile relies on, spelled out. */
	CHECK_INT(fsm_next_designated_master(PS_INITIALIZING,
					     EV_INIT_COMPLETE, 0), PS_MASTER);
	CHECK_INT(fsm_next_designated_slave(PS_INITIALIZING,
					    EV_INIT_COMPLETE, 0), PS_SLAVE);
	CHECK_INT(fsm_next_designated_slave(PS_SLAVE,
					    EV_SYNCHRONIZATION_FAULT, 0),
		  PS_SLAVE);
	CHECK_INT(fsm_next_designated_slave(PS_SLAVE,
					    EV_ANNOUNCE_RECEIPT_TIMEOUT_EXPIRES,
					    0), PS_SLAVE);
	CHECK_INT(fsm_next_designated_master(PS_MASTER, EV_RS_SLAVE, 1),
		  PS_MASTER);
	return 0;
}

static const struct test fsm_tests[] = {
	{ "fsm: full machine, every state x event x mdiff",
	  test_fsm_full_exhaustive },
	{ "fsm: slave-only machine, every state x event x mdiff",
	  test_fsm_slave_exhaustive },
	{ "fsm: transitions the daemon relies on", test_fsm_examples },
	{ "fsm: designated master and slave (BMCA noop), exhaustive",
	  test_fsm_designated },
	{ "fsm: slave-only never reaches a master state",
	  test_fsm_slave_only_closed },
	{ NULL, NULL },
};

TEST_SUITE(fsm_tests);
