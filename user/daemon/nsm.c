// SPDX-License-Identifier: GPL-2.0
/* net_sync_monitor: ptp4l's answer to an NSM request (nsm.h). */
#include <string.h>

#include "clock.h"
#include "foreign.h"
#include "nsm.h"
#include "pm.h"
#include "port_private.h"
#include "print.h"
#include "tlv.h"
#include "transport.h"

bool nsm_is_request(const struct ptp_message *m)
{
	unsigned int i;

	for (i = 0; i < m->n_tlvs; i++)
		if (m->tlv[i].type == TLV_PTPMON_REQ)
			return true;
	return false;
}

/* The protocol address of a socket address of transport type type. */
static int sockaddr_bytes(int type, const struct trans_addr *a, uint8_t *out)
{
	switch (type) {
	case TRANS_UDP_IPV4:
		memcpy(out, &a->sin.sin_addr, 4);
		return 4;
	case TRANS_UDP_IPV6:
		memcpy(out, &a->sin6.sin6_addr, 16);
		return 16;
	case TRANS_IEEE_802_3:
		memcpy(out, a->sll.sll_addr, 6);
		return 6;
	default:
		return -1;
	}
}

/*
 * The parent's address, as ptp4l: where the parent's Announce came from on
 * the port that has it, else that port's own address; our own when we are
 * the parent.
 */
static void nsm_parent_addr(struct port *p, struct tlv_nsm_resp *r)
{
	struct clock *c = p->clock;
	const struct foreign_master *fm;
	struct port *q = p;
	unsigned int i;
	int n;

	if (!cid_eq(&c->parent.clockIdentity, &c->d0.identity)) {
		for (i = 0; i < c->n_ports; i++) {
			fm = foreign_find(&c->port[i]->foreign, &c->parent);
			if (!fm)
				continue;
			q = c->port[i];
			n = fm->last.addr.len ?
			    sockaddr_bytes(q->trans->type, &fm->last.addr,
					   r->addr) : -1;
			if (n > 0) {
				r->protocol = (uint16_t)q->trans->type;
				r->addr_len = (uint16_t)n;
				return;
			}
			break;
		}
	}
	r->protocol = (uint16_t)q->trans->type;
	n = transport_protocol_addr(q->trans, r->addr, sizeof(r->addr));
	r->addr_len = n > 0 ? (uint16_t)n : 0;
}

bool nsm_asked(const struct port *p, const struct ptp_message *m,
	       const struct trans_addr *from)
{
	/* as ptp4l's port_nsm_reply() */
	return p->net_sync_monitor && p->hybrid_e2e &&
	       (m->hdr.flagField & FLAG_UNICAST) && from->len &&
	       nsm_is_request(m);
}

bool nsm_answer(struct port *p, const struct ptp_message *m,
		const struct trans_addr *from, struct ptp_message *resp)
{
	struct clock *c = p->clock;
	uint8_t val[NSM_RESP_MAX];
	struct tlv_nsm_resp r = { 0 };
	uint16_t seq_sync;
	size_t len;

	if (!nsm_asked(p, m, from))
		return false;
	r.port_state = p->state == PS_GRAND_MASTER ? PS_MASTER :
		       (uint8_t)p->state;
	nsm_parent_addr(p, &r);
	if (c->ingress_ns > 0)
		ns_to_ts(c->ingress_ns, &r.last_sync);
	if (pm_clock_ds(c, MID_PARENT_DATA_SET, r.parent,
			sizeof(r.parent)) != NSM_PARENT_LEN ||
	    pm_clock_ds(c, MID_CURRENT_DATA_SET, r.current,
			sizeof(r.current)) != NSM_CURRENT_LEN ||
	    pm_clock_ds(c, MID_TIME_PROPERTIES_DATA_SET, r.tprop,
			sizeof(r.tprop)) != NSM_TPROP_LEN)
		len = 0;
	else
		len = tlv_nsm_resp_encode(val, sizeof(val), &r);
	if (!len || msg_add_tlv(resp, TLV_PTPMON_RESP, val, (uint16_t)len)) {
		pr_rl(LOG_ERR, "port %hu: append NSM failed",
		      p->pid.portNumber);
		return true;
	}
	resp->hdr.flagField |= FLAG_UNICAST;
	resp->hdr.logMessageInterval = LOG_INTERVAL_NONE;
	if (port_send_msg(p, resp, TRANS_GENERAL, from, NULL))
		return true;
	/* then Sync and Follow_Up with the request's sequenceId, as ptp4l */
	seq_sync = p->seq_sync;
	p->seq_sync = m->hdr.sequenceId;
	port_tx_sync(p, from);
	p->seq_sync = seq_sync;
	return true;
}
