/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The names ptp4l prints for port states, state machine events (enum
 * fsm_event, fsm.h) and fault types, as in "port 1: LISTENING to MASTER on
 * ANNOUNCE_RECEIPT_TIMEOUT_EXPIRES" and "... on FAULT_DETECTED
 * (FT_UNSPECIFIED)".
 */
#ifndef PTPKD_FSM_NAMES_H
#define PTPKD_FSM_NAMES_H

#include "ddt.h"
#include "fsm.h"

/* Why a port went FAULTY, printed after FAULT_DETECTED. */
enum fault_type {
	FT_UNSPECIFIED,
	FT_BAD_PEER_NETWORK,
	FT_SWITCH_PHC,
	FT_COUNT
};

/* "NONE" for 0 and for anything out of range: never NULL. */
static inline const char *ps_str(enum port_state s)
{
	static const char *const names[] = {
		"NONE", "INITIALIZING", "FAULTY", "DISABLED", "LISTENING",
		"PRE_MASTER", "MASTER", "PASSIVE", "UNCALIBRATED", "SLAVE",
		"GRAND_MASTER",
	};

	if ((unsigned int)s >= sizeof(names) / sizeof(names[0]))
		return "NONE";
	return names[s];
}

static inline const char *ev_str(enum fsm_event ev)
{
	/* by name: the order is fsm.h's */
	static const char *const names[FSM_EVENT_COUNT] = {
		[EV_NONE] = "NONE",
		[EV_POWERUP] = "POWERUP",
		[EV_INITIALIZE] = "INITIALIZE",
		[EV_DESIGNATED_ENABLED] = "DESIGNATED_ENABLED",
		[EV_DESIGNATED_DISABLED] = "DESIGNATED_DISABLED",
		[EV_FAULT_CLEARED] = "FAULT_CLEARED",
		[EV_FAULT_DETECTED] = "FAULT_DETECTED",
		[EV_STATE_DECISION_EVENT] = "STATE_DECISION_EVENT",
		[EV_QUALIFICATION_TIMEOUT_EXPIRES] =
			"QUALIFICATION_TIMEOUT_EXPIRES",
		[EV_ANNOUNCE_RECEIPT_TIMEOUT_EXPIRES] =
			"ANNOUNCE_RECEIPT_TIMEOUT_EXPIRES",
		[EV_SYNCHRONIZATION_FAULT] = "SYNCHRONIZATION_FAULT",
		[EV_MASTER_CLOCK_SELECTED] = "MASTER_CLOCK_SELECTED",
		[EV_INIT_COMPLETE] = "INIT_COMPLETE",
		[EV_RS_MASTER] = "RS_MASTER",
		[EV_RS_GRAND_MASTER] = "RS_GRAND_MASTER",
		[EV_RS_SLAVE] = "RS_SLAVE",
		[EV_RS_PASSIVE] = "RS_PASSIVE",
	};

	if ((unsigned int)ev >= FSM_EVENT_COUNT || !names[ev])
		return "NONE";
	return names[ev];
}

static inline const char *ft_str(enum fault_type ft)
{
	static const char *const names[FT_COUNT] = {
		"FT_UNSPECIFIED", "FT_BAD_PEER_NETWORK", "FT_SWITCH_PHC",
	};

	if ((unsigned int)ft >= FT_COUNT)
		return "FT_UNSPECIFIED";
	return names[ft];
}

#endif
