/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The unicast client of a port (1588-2008 16.1, ptp4l's unicast master
 * table): it asks every master of its table for Announce, and the one the
 * BMCA selects for Sync and Delay_Resp (E2E), renews each grant at three
 * quarters of its duration, answers a master's cancel with an acknowledgement, and cancels
 * what it holds when the port closes. A P2P port with a peer_address asks
 * that peer for Pdelay_Resp too, and sends it its Pdelay_Req. No I/O here: what to send goes to a
 * callback, so the logic is tested on its own.
 */
#ifndef PTPKD_UNICAST_CLIENT_H
#define PTPKD_UNICAST_CLIENT_H

#include <stdbool.h>
#include <stdint.h>

#include "ddt.h"
#include "tlv.h"
#include "unicast_table.h"

/* Per master, as ptp4l's unicast_fsm. */
enum uc_state { UC_WAIT, UC_HAVE_ANN, UC_NEED_SYDY, UC_HAVE_SYDY };
enum uc_event {
	UC_EV_GRANT_ANN,
	UC_EV_SELECTED,
	UC_EV_GRANT_SYDY,
	UC_EV_UNSELECTED,
	UC_EV_CANCEL,
};

enum uc_state uc_fsm(enum uc_state s, enum uc_event ev);
const char *uc_state_str(enum uc_state s);

struct uc_master {
	int type;			/* its transport; others are skipped */
	struct trans_addr addr;
	struct PortIdentity pid;	/* all ones until it grants Announce */
	enum uc_state state;
	unsigned int granted;		/* 1 << messageType */
	uint64_t renew_ns;		/* CLOCK_MONOTONIC; 0: due now */
};

/* One Signaling message: up to three TLVs to one master. */
typedef void (*uc_send_fn)(void *ctx, const struct uc_master *to,
			   const struct tlv_unicast *tlv, unsigned int n);

struct uc_client {
	int8_t log_query;		/* logQueryInterval */
	uint32_t duration;		/* unicast_req_duration, s */
	unsigned int sydy;		/* what a selected master must grant */
	int8_t log_announce, log_sync, log_delay_req;	/* to ask for */
	int8_t log_pdelay_req;
	unsigned int n;
	struct uc_master m[UC_TABLE_MAX];
	bool have_peer;			/* P2P with a peer_address */
	struct uc_master peer;		/* only addr, pid, granted, renew_ns */
	uc_send_fn send;
	void *ctx;
};

/*
 * From a table, for a port of transport type on ifindex: 0, or -1 when an
 * address (or the peer_address) does not parse for it (ptp4l only warns on
 * a transport mismatch and skips such a master; so do we). p2p: no
 * Delay_Resp to ask for, and Pdelay_Resp from the peer_address if any.
 */
int uc_client_init(struct uc_client *c, const struct uc_table *t, int type,
		   int ifindex, bool p2p, uint32_t duration);

/* The master (or the peer) that sent from, or NULL (a rogue grant or cancel). */
struct uc_master *uc_client_find(struct uc_client *c,
				 const struct trans_addr *from);

/* The logQueryInterval timer: requests and renewals. */
void uc_client_tick(struct uc_client *c, uint64_t now_ns);

/*
 * A GRANT from m (sent by src): the state moves on. Returns the granted
 * messageType, with *log_period the interval the master will use, or -1
 * for a refusal (duration 0) or a type not asked for.
 */
int uc_client_grant(struct uc_client *c, struct uc_master *m,
		    const struct PortIdentity *src, const struct tlv_unicast *g,
		    uint64_t now_ns, int8_t *log_period);

/* A CANCEL from m: acknowledged, the grant dropped. 1 if it was ours. */
int uc_client_cancel(struct uc_client *c, struct uc_master *m,
		     const struct tlv_unicast *cancel);

/* The BMCA chose parent (or no one: our own identity). */
void uc_client_parent(struct uc_client *c, const struct PortIdentity *parent);

/* Cancel every grant held (the port closes). */
void uc_client_cancel_all(struct uc_client *c);

#endif
