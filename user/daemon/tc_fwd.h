/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A transparent clock's forwarding (tc_fwd.c): port.c hands it every
 * message a port of an E2E_TC or P2P_TC clock receives, before it acts on
 * the message itself.
 */
#ifndef PTPKD_TC_FWD_H
#define PTPKD_TC_FWD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "msg.h"
#include "sk.h"

struct clock;
struct port;

/*
 * Forward message m (the frame buf, len) that came in on port q at rxts.
 * True when q must not act on it itself (unicast, our own, a Delay_Req,
 * Signaling and Management, which a transparent clock only forwards).
 */
bool tc_rx(struct clock *c, struct port *q, const uint8_t *buf, size_t len,
	   const struct ptp_message *m, const struct pkt_ts *rxts);

#endif
