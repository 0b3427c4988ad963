/* SPDX-License-Identifier: GPL-2.0 */
/*
 * net_sync_monitor: linuxptp's NSM responder. A unicast Delay_Req with the
 * PTPMON request TLV is answered (hybrid_e2e, any port state, as ptp4l)
 * with a unicast Delay_Resp carrying the PTPMON response TLV, then a unicast
 * Sync and Follow_Up with the request's sequenceId.
 */
#ifndef PTPKD_NSM_H
#define PTPKD_NSM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "msg.h"
#include "tlv.h"

/* Does m carry the PTPMON request TLV? */
bool nsm_is_request(const struct ptp_message *m);

struct port;
struct trans_addr;
/* Is m (a Delay_Req from from) an NSM request that port p answers? */
bool nsm_asked(const struct port *p, const struct ptp_message *m,
	       const struct trans_addr *from);
/*
 * net_sync_monitor on port p: if m (a Delay_Req from from) asks for it,
 * answer as ptp4l and return true; false: not an NSM request for us.
 * resp is the Delay_Resp built for m.
 */
bool nsm_answer(struct port *p, const struct ptp_message *m,
		const struct trans_addr *from, struct ptp_message *resp);

#endif
