/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Transparent clock arithmetic and bookkeeping (IEEE 1588 10.2, 11.5), as
 * ptp4l's tc.c does it: the residence time of an event message (egress -
 * ingress timestamp, scaled to the master's time base by the rate ratio)
 * goes into the correctionField of the message that completes it:
 *   - a two-step Sync: its Follow_Up (whichever of the two arrives first);
 *   - a Delay_Req: the Delay_Resp that answers it (sent back out the port
 *     the request came in on);
 * a P2P TC also adds the ingress port's peer delay to the Follow_Up.
 * Pure functions over frames as bytes (the forwarded frame is the received
 * one, only correctionField or stepsRemoved changed), for the tests;
 * tc_fwd.c does the sending.
 */
#ifndef PTPKD_TC_H
#define PTPKD_TC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ddt.h"
#include "fsm.h"
#include "msg.h"

/* A forwarded message waits this long for its partner (ptp4l: 1 s). */
#define TC_TIMEOUT_NS 1000000000ULL
/* Pending messages per egress port; the oldest is dropped when full. */
#define TC_SLOTS 16

enum tc_kind {
	TC_FREE,
	TC_SYNC,	/* a two-step Sync sent: its residence */
	TC_FUP,		/* a Follow_Up that came before its Sync: the frame */
	TC_DELAY_REQ,	/* a Delay_Req sent: its residence */
};

struct tc_entry {
	enum tc_kind kind;
	uint16_t ingress;		/* number of the port it came in on */
	uint16_t seq;
	struct PortIdentity src;	/* sourcePortIdentity */
	int64_t residence;		/* ns */
	uint64_t at;			/* CLOCK_MONOTONIC ns, when stored */
	size_t len;
	uint8_t frame[MSG_MAX_LEN];	/* TC_FUP only */
};

/* What an egress port has forwarded and not yet completed. */
struct tc_table {
	struct tc_entry e[TC_SLOTS];
};

/* The key of a forwarded message. */
struct tc_key {
	uint16_t ingress;
	uint16_t seq;
	struct PortIdentity src;
};

/* A frame to send, correctionField already updated. */
struct tc_out {
	size_t len;
	uint8_t frame[MSG_MAX_LEN];
};

/* Residence time in the master's time base: (egress - ingress) * rr. */
int64_t tc_residence(int64_t ingress_ns, int64_t egress_ns, double rr);

/*
 * Add ns to a frame's correctionField (scaled ns, 2^-16): 0, or -EINVAL for
 * a frame shorter than the header, -ERANGE on overflow (frame unchanged).
 */
int tc_correct(uint8_t *frame, size_t len, int64_t ns);

/*
 * A one-step Sync is forwarded as a two-step one (as ptp4l does): sets
 * twoStepFlag in sync and builds the Follow_Up that carries its
 * originTimestamp as preciseOriginTimestamp (correctionField 0, the
 * residence goes there). Returns the Follow_Up's length, 0 for a bad Sync.
 */
size_t tc_onestep_fup(uint8_t *sync, size_t len, uint8_t *fup, size_t cap);

/* stepsRemoved + 1 in an Announce frame (tc_spanning_tree): 0 or -EINVAL. */
int tc_announce_hop(uint8_t *frame, size_t len);

/*
 * Is forwarding a message of type from a port in state in to one in state
 * out blocked? Without tc_spanning_tree nothing is (as ptp4l); with it,
 * only along the tree the BMCA built: from SLAVE/UNCALIBRATED to MASTER,
 * and Delay_Req the other way. Frames of another domain pass.
 */
bool tc_blocked(bool spanning_tree, bool same_domain, enum msg_type type,
		enum port_state in, enum port_state out);

void tc_table_flush(struct tc_table *t);
/* Drop the entries older than TC_TIMEOUT_NS. */
void tc_table_prune(struct tc_table *t, uint64_t now);
/* Entries in use (for the tests and debugging). */
unsigned int tc_table_used(const struct tc_table *t);

/*
 * A two-step Sync with key k went out this port, residence ns. If its
 * Follow_Up is waiting, returns 1 with that Follow_Up in *out, corrected by
 * residence + extra_ns, and forgets it. Else remembers the residence: 0.
 */
int tc_sync_sent(struct tc_table *t, const struct tc_key *k, int64_t residence,
		 int64_t extra_ns, uint64_t now, struct tc_out *out);
/*
 * A Follow_Up (frame, len) with key k for this egress port. If its Sync
 * went out, returns 1 with the frame in *out corrected by the Sync's
 * residence + extra_ns. Else keeps a copy for the Sync: 0. -EINVAL for a
 * bad frame.
 */
int tc_fup(struct tc_table *t, const struct tc_key *k, const uint8_t *frame,
	   size_t len, int64_t extra_ns, uint64_t now, struct tc_out *out);
/* A Delay_Req with key k went out this port, residence ns. */
void tc_req_sent(struct tc_table *t, const struct tc_key *k, int64_t residence,
		 uint64_t now);
/*
 * A Delay_Resp (frame, len) came in on the port whose table t is; it goes
 * out port number egress. If it answers a Delay_Req that came in there
 * (k.src: requestingPortIdentity, k.seq, k.ingress = egress), returns 1
 * with the frame in *out corrected by that request's residence. Else 0.
 */
int tc_resp(struct tc_table *t, const struct tc_key *k, const uint8_t *frame,
	    size_t len, uint64_t now, struct tc_out *out);

#endif
