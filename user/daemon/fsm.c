// SPDX-License-Identifier: GPL-2.0
/*
 * Port state machines (IEEE 1588-2008 9.2.5, figures 23 and 24), with the
 * transitions ptp4l makes, so that the "X to Y on EVENT" log lines match.
 */
#include "fsm.h"

/*
 * What every state the BMCA runs in (LISTENING and above) does on the
 * events that do not depend on the state. Returns 1 if ev was one of them.
 */
static int fsm_common(enum fsm_event ev, enum port_state *next)
{
	switch (ev) {
	case EV_DESIGNATED_DISABLED:
		*next = PS_DISABLED;
		return 1;
	case EV_FAULT_DETECTED:
		*next = PS_FAULTY;
		return 1;
	default:
		return 0;
	}
}

/*
 * INITIALIZING, FAULTY and DISABLED behave alike in both machines. As in
 * ptp4l, INITIALIZING goes to FAULTY when the port could not be set up
 * (FAULT_DETECTED) and to LISTENING on any other event.
 */
static int fsm_inactive(enum port_state cur, enum fsm_event ev,
			enum port_state *next)
{
	switch (cur) {
	case PS_INITIALIZING:
		*next = ev == EV_FAULT_DETECTED ? PS_FAULTY : PS_LISTENING;
		return 1;
	case PS_FAULTY:
		if (ev == EV_DESIGNATED_DISABLED)
			*next = PS_DISABLED;
		else if (ev == EV_FAULT_CLEARED)
			*next = PS_INITIALIZING;
		return 1;
	case PS_DISABLED:
		if (ev == EV_DESIGNATED_ENABLED)
			*next = PS_INITIALIZING;
		return 1;
	default:
		return 0;
	}
}

/* The recommended state an RS_* event asks for, from a BMCA state. */
static enum port_state fsm_recommended(enum port_state cur, enum fsm_event ev,
				       int mdiff)
{
	switch (ev) {
	case EV_RS_MASTER:
		return PS_PRE_MASTER;
	case EV_RS_GRAND_MASTER:
		return PS_GRAND_MASTER;
	case EV_RS_PASSIVE:
		return PS_PASSIVE;
	case EV_RS_SLAVE:
		/* A SLAVE keeps its master unless a new one was chosen. */
		if (cur == PS_SLAVE && !mdiff)
			return PS_SLAVE;
		return PS_UNCALIBRATED;
	default:
		return cur;
	}
}

enum port_state fsm_next(enum port_state cur, enum fsm_event ev, int mdiff)
{
	enum port_state next = cur;

	if (ev == EV_NONE)
		return cur;
	if (ev == EV_INITIALIZE || ev == EV_POWERUP)
		return PS_INITIALIZING;
	if (fsm_inactive(cur, ev, &next) || fsm_common(ev, &next))
		return next;

	switch (cur) {
	case PS_LISTENING:
	case PS_PASSIVE:
	case PS_UNCALIBRATED:
	case PS_SLAVE:
		if (ev == EV_ANNOUNCE_RECEIPT_TIMEOUT_EXPIRES)
			return PS_MASTER;
		if (ev == EV_MASTER_CLOCK_SELECTED)
			return cur == PS_UNCALIBRATED ? PS_SLAVE : cur;
		if (ev == EV_SYNCHRONIZATION_FAULT)
			return cur == PS_SLAVE ? PS_UNCALIBRATED : cur;
		/* A PASSIVE port ignores RS_PASSIVE, as ptp4l's does. */
		return fsm_recommended(cur, ev, mdiff);
	case PS_PRE_MASTER:
		if (ev == EV_QUALIFICATION_TIMEOUT_EXPIRES)
			return PS_MASTER;
		/* Still qualifying: RS_MASTER/RS_GRAND_MASTER change nothing. */
		if (ev == EV_RS_SLAVE || ev == EV_RS_PASSIVE)
			return fsm_recommended(cur, ev, mdiff);
		return cur;
	case PS_MASTER:
	case PS_GRAND_MASTER:
		if (ev == EV_RS_SLAVE || ev == EV_RS_PASSIVE)
			return fsm_recommended(cur, ev, mdiff);
		return cur;
	default:
		return cur;
	}
}

enum port_state fsm_next_slave_only(enum port_state cur, enum fsm_event ev,
				    int mdiff)
{
	enum port_state next = cur;

	if (ev == EV_NONE)
		return cur;
	if (ev == EV_INITIALIZE || ev == EV_POWERUP)
		return PS_INITIALIZING;
	if (fsm_inactive(cur, ev, &next))
		return next;

	switch (cur) {
	case PS_LISTENING:
	case PS_UNCALIBRATED:
	case PS_SLAVE:
		break;
	default:
		/* Master-side states cannot be reached; leave them alone. */
		return cur;
	}
	if (fsm_common(ev, &next))
		return next;

	switch (ev) {
	case EV_ANNOUNCE_RECEIPT_TIMEOUT_EXPIRES:
	case EV_RS_MASTER:
	case EV_RS_GRAND_MASTER:
	case EV_RS_PASSIVE:
		return PS_LISTENING;
	case EV_RS_SLAVE:
		return fsm_recommended(cur, ev, mdiff);
	case EV_MASTER_CLOCK_SELECTED:
		return cur == PS_UNCALIBRATED ? PS_SLAVE : cur;
	case EV_SYNCHRONIZATION_FAULT:
		return cur == PS_SLAVE ? PS_UNCALIBRATED : cur;
	default:
		return cur;
	}
}

/* Both designated machines: only where INITIALIZING goes differs. */
static enum port_state fsm_designated(enum port_state cur, enum fsm_event ev,
				      enum port_state target)
{
	if (ev == EV_INITIALIZE || ev == EV_POWERUP)
		return PS_INITIALIZING;
	switch (cur) {
	case PS_INITIALIZING:
		if (ev == EV_FAULT_DETECTED)
			return PS_FAULTY;
		if (ev == EV_INIT_COMPLETE)
			return target;
		return cur;
	case PS_FAULTY:
		return ev == EV_FAULT_CLEARED ? PS_INITIALIZING : cur;
	default:
		if (cur == target && ev == EV_FAULT_DETECTED)
			return PS_FAULTY;
		return cur;
	}
}

enum port_state fsm_next_designated_master(enum port_state cur,
					   enum fsm_event ev, int mdiff)
{
	(void)mdiff;
	return fsm_designated(cur, ev, PS_MASTER);
}

enum port_state fsm_next_designated_slave(enum port_state cur,
					  enum fsm_event ev, int mdiff)
{
	(void)mdiff;
	return fsm_designated(cur, ev, PS_SLAVE);
}
