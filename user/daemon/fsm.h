/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The port state machine of IEEE 1588-2008 clause 9.2.5: figure 23 for
 * ordinary and boundary clocks, and the slave-only variant (figure 24),
 * with linuxptp's GRAND_MASTER state. Pure functions: no timers, no I/O.
 */
#ifndef PTPKD_FSM_H
#define PTPKD_FSM_H

#include "ddt.h"

/*
 * Events (9.2.6). EV_NONE is "nothing happened"; the RS_* events are the
 * recommended states of the state decision algorithm (bmc.c).
 */
enum fsm_event {
	EV_NONE,
	EV_INITIALIZE,
	EV_POWERUP,
	EV_DESIGNATED_ENABLED,
	EV_DESIGNATED_DISABLED,
	EV_FAULT_CLEARED,
	EV_FAULT_DETECTED,
	EV_STATE_DECISION_EVENT,
	EV_QUALIFICATION_TIMEOUT_EXPIRES,
	EV_ANNOUNCE_RECEIPT_TIMEOUT_EXPIRES,
	EV_SYNCHRONIZATION_FAULT,
	EV_MASTER_CLOCK_SELECTED,
	EV_INIT_COMPLETE,
	EV_RS_MASTER,
	EV_RS_GRAND_MASTER,
	EV_RS_SLAVE,
	EV_RS_PASSIVE,
};

#define FSM_EVENT_COUNT (EV_RS_PASSIVE + 1)

/*
 * The next state of a port in state cur on event ev. mdiff is non-zero
 * when an RS_SLAVE decision selected a different master than before: only
 * then does a SLAVE port go back to UNCALIBRATED. EV_NONE never changes
 * the state.
 */
enum port_state fsm_next(enum port_state cur, enum fsm_event ev, int mdiff);

/*
 * The same for a slaveOnly clock: it never becomes (PRE_)MASTER, PASSIVE
 * or GRAND_MASTER; where fsm_next() would, it listens instead.
 */
enum port_state fsm_next_slave_only(enum port_state cur, enum fsm_event ev,
				    int mdiff);

/*
 * ptp4l's designated state machines, for BMCA noop: a masterOnly port goes
 * from INITIALIZING straight to MASTER, a slaveOnly one straight to SLAVE,
 * and they stay there; only a fault (and its clearing) or a restart moves
 * them. The BMCA's recommendations are ignored.
 */
enum port_state fsm_next_designated_master(enum port_state cur,
					   enum fsm_event ev, int mdiff);
enum port_state fsm_next_designated_slave(enum port_state cur,
					  enum fsm_event ev, int mdiff);

/* Any of the four machines above. */
typedef enum port_state (*fsm_fn)(enum port_state cur, enum fsm_event ev,
				  int mdiff);

#endif
