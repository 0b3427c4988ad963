/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The gPTP message interval request (IEEE 802.1AS-2011 10.5.4.3): an
 * organisation extension TLV (00-80-C2, subtype 00-00-02) in a Signaling
 * message, which a slave sends to ask its master for other Sync,
 * Announce and Pdelay_Req rates (ptp4l's msg_interval_request). Building,
 * finding and applying it; pure functions.
 */
#ifndef PTPKD_SIGNALING_H
#define PTPKD_SIGNALING_H

#include <stddef.h>
#include <stdint.h>

#include "ddt.h"
#include "msg.h"

/* Interval values with a special meaning (802.1AS 10.5.4.3.6-8). */
#define SIGNAL_NO_CHANGE	(-128)
#define SIGNAL_SET_INITIAL	126

/* The TLV's value: OUI, subtype, three intervals, flags, 2 reserved. */
#define TLV_INTERVAL_REQ_LEN	12

struct interval_req {
	int8_t link_delay;	/* linkDelayInterval (Pdelay_Req) */
	int8_t time_sync;	/* timeSyncInterval (Sync) */
	int8_t announce;	/* announceInterval */
	uint8_t flags;		/* ptp4l sends 0 */
};

/* Write the TLV value into buf: TLV_INTERVAL_REQ_LEN, or 0 if cap is short. */
size_t interval_req_encode(uint8_t *buf, size_t cap,
			   const struct interval_req *r);

/* 0 with *out if t is a message interval request TLV, else -1. */
int interval_req_decode(const struct ptp_tlv *t, struct interval_req *out);

/*
 * Make m the Signaling message ptp4l sends: to all ports (target
 * ffffffffffffffff-65535), logMessageInterval 0x7F, one interval request
 * TLV whose value is written to value, which must outlive m.
 */
void signaling_interval_req(struct ptp_message *m,
			    uint8_t value[TLV_INTERVAL_REQ_LEN],
			    const struct PortIdentity *self, uint8_t domain,
			    uint8_t transport_specific, uint16_t seq,
			    const struct interval_req *r);

/*
 * A received Signaling message for port self: 1 with *out if it is for
 * this port (or all ports) and carries an interval request, else 0.
 */
int signaling_find_interval_req(const struct ptp_message *m,
				const struct PortIdentity *self,
				struct interval_req *out);

/*
 * The interval after a request for req: cur (SIGNAL_NO_CHANGE, or req
 * outside LOG_INTERVAL_MIN..MAX), initial (SIGNAL_SET_INITIAL), or req.
 */
int8_t interval_apply(int8_t cur, int8_t req, int8_t initial);

#endif
