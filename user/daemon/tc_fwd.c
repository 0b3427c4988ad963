// SPDX-License-Identifier: GPL-2.0
/*
 * The forwarding of a transparent clock (clock_type E2E_TC or P2P_TC), as
 * ptp4l's e2e_tc.c, p2p_tc.c and tc.c do it: every message that comes in
 * on one port goes out of the others (tc_spanning_tree: only along the
 * tree), with the residence time of the event messages added where tc.h
 * says. A port that fails to send is FAULTY. The ports still run the BMCA
 * and, on the slave side, feed the clock (port.c).
 */
#include <errno.h>
#include <string.h>

#include "clock.h"
#include "port.h"
#include "print.h"
#include "tc.h"
#include "tc_fwd.h"
#include "timers.h"

/* What port number n of q's clock may we send on, for a message m? */
static bool tc_egress(const struct clock *c, const struct port *q,
		      const struct port *p, const struct ptp_message *m)
{
	enum port_state s = port_state(p);

	if (p == q)
		return false;
	/* no transport to send on (ptp4l tries, fails and faults again) */
	if (s == PS_INITIALIZING || s == PS_FAULTY || s == PS_DISABLED)
		return false;
	return !tc_blocked(c->tc_spanning_tree,
			   m->hdr.domainNumber == c->domain,
			   (enum msg_type)m->hdr.messageType, port_state(q), s);
}

static uint16_t pnum(const struct port *p)
{
	return port_identity(p)->portNumber;
}

/* Send on p; a failure puts p in FAULTY, as ptp4l. */
static int tc_send(struct port *p, enum trans_fd fd, const void *buf,
		   size_t len, struct pkt_ts *txts, const char *what,
		   uint16_t from)
{
	int err = port_send_frame(p, fd, buf, len, txts);

	if (!err)
		return 0;
	if (err == -ETIMEDOUT)
		pr_err("failed to fetch txts on port %hu to %hu event", from,
		       pnum(p));
	else
		pr_err("tc failed to forward %s on port %hu: %s", what, pnum(p),
		       strerror(-err));
	port_dispatch(p, EV_FAULT_DETECTED, 0);
	return err;
}

static void tc_key_of(struct tc_key *k, const struct port *ingress,
		      const struct ptp_message *m)
{
	k->ingress = pnum(ingress);
	k->seq = m->hdr.sequenceId;
	k->src = m->hdr.sourcePortIdentity;
}

/* Follow_Up (or a converted one-step Sync's) into every egress port. */
static void tc_fwd_folup(struct clock *c, struct port *q, const uint8_t *buf,
			 size_t len, const struct ptp_message *m)
{
	int64_t extra = port_tc_ingress_delay(q);
	uint64_t now = mono_ns();
	struct tc_out out;
	struct tc_key k;
	unsigned int i;

	tc_key_of(&k, q, m);
	for (i = 0; i < c->n_ports; i++) {
		struct port *p = c->port[i];

		if (!tc_egress(c, q, p, m))
			continue;
		if (tc_fup(port_tc(p), &k, buf, len, extra, now, &out) == 1)
			tc_send(p, TRANS_GENERAL, out.frame, out.len, NULL,
				"follow up", pnum(q));
	}
}

/* A Sync or a Delay_Req: out of each egress port, then its residence. */
static void tc_fwd_event(struct clock *c, struct port *q, const uint8_t *buf,
			 size_t len, const struct ptp_message *m,
			 const struct pkt_ts *rxts)
{
	int64_t extra = port_tc_ingress_delay(q), ingress = pkt_ts_ns(rxts);
	double rr = clock_rate_ratio(c);
	uint64_t now = mono_ns();
	struct pkt_ts txts;
	struct tc_out out;
	struct tc_key k;
	int64_t res;
	unsigned int i;

	tc_key_of(&k, q, m);
	for (i = 0; i < c->n_ports; i++) {
		struct port *p = c->port[i];

		if (!tc_egress(c, q, p, m))
			continue;
		if (tc_send(p, TRANS_EVENT, buf, len, &txts, "event", pnum(q)))
			continue;
		res = tc_residence(ingress, pkt_ts_ns(&txts), rr);
		pr_debug("tc: %s from port %hu to %hu seq %hu residence %lld",
			 msg_type_str(m->hdr.messageType), pnum(q), pnum(p),
			 m->hdr.sequenceId, (long long)res);
		if (m->hdr.messageType == MSG_DELAY_REQ) {
			/*
			 * 1588 11.6.3: less the asymmetry of the link it
			 * leaves on (ptp4l corrects only the Sync, leaving
			 * half the asymmetry in the slave's offset).
			 */
			tc_req_sent(port_tc(p), &k, res - port_asymmetry(p), now);
			continue;
		}
		if (tc_sync_sent(port_tc(p), &k, res, extra, now, &out) == 1)
			tc_send(p, TRANS_GENERAL, out.frame, out.len, NULL,
				"follow up", pnum(q));
	}
}

static void tc_fwd_sync(struct clock *c, struct port *q, const uint8_t *buf,
			size_t len, const struct ptp_message *m,
			const struct pkt_ts *rxts)
{
	uint8_t sync[MSG_MAX_LEN], fup[MSG_HEADER_LEN + MSG_TIMESTAMP_LEN];
	size_t flen;

	if (m->hdr.flagField & FLAG_TWO_STEP) {
		tc_fwd_event(c, q, buf, len, m, rxts);
		return;
	}
	/* one-step: on as two-step, the residence in a Follow_Up */
	memcpy(sync, buf, len);
	flen = tc_onestep_fup(sync, len, fup, sizeof(fup));
	if (!flen)
		return;
	tc_fwd_event(c, q, sync, len, m, rxts);
	tc_fwd_folup(c, q, fup, flen, m);
}

/* A Delay_Resp that came in on q goes out the port its request came in. */
static void tc_fwd_response(struct clock *c, struct port *q, const uint8_t *buf,
			    size_t len, const struct ptp_message *m)
{
	uint64_t now = mono_ns();
	struct tc_out out;
	struct tc_key k;
	unsigned int i;

	k.seq = m->hdr.sequenceId;
	k.src = m->delay_resp.requestingPortIdentity;
	for (i = 0; i < c->n_ports; i++) {
		struct port *p = c->port[i];

		if (!tc_egress(c, q, p, m))
			continue;
		k.ingress = pnum(p);
		if (tc_resp(port_tc(q), &k, buf, len, now, &out) == 1)
			tc_send(p, TRANS_GENERAL, out.frame, out.len, NULL,
				"response", pnum(q));
	}
}

/* Announce, Signaling and Management: as they are (Announce: +1 hop). */
static void tc_forward(struct clock *c, struct port *q, const uint8_t *buf,
		       size_t len, const struct ptp_message *m)
{
	uint8_t copy[MSG_MAX_LEN];
	unsigned int i;

	memcpy(copy, buf, len);
	if (c->tc_spanning_tree && m->hdr.messageType == MSG_ANNOUNCE &&
	    tc_announce_hop(copy, len))
		return;
	for (i = 0; i < c->n_ports; i++) {
		struct port *p = c->port[i];

		if (tc_egress(c, q, p, m))
			tc_send(p, TRANS_GENERAL, copy, len, NULL, "message",
				pnum(q));
	}
}

bool tc_rx(struct clock *c, struct port *q, const uint8_t *buf, size_t len,
	   const struct ptp_message *m, const struct pkt_ts *rxts)
{
	bool e2e = c->desc.clock_type == CLOCK_TYPE_E2E_TC;
	enum port_state s = port_state(q);

	/* a port that is down passes nothing on (ptp4l closes its sockets) */
	if (len > MSG_MAX_LEN || s == PS_INITIALIZING || s == PS_FAULTY)
		return true;
	if (m->hdr.flagField & FLAG_UNICAST) {
		pr_rl(LOG_WARNING, "cannot handle unicast messages!");
		return true;
	}
	/*
	 * Our own frames (our Delay_Req, our Announce if we ever were the
	 * master) are never forwarded: ptp4l forwards them, which can loop.
	 */
	if (cid_eq(&m->hdr.sourcePortIdentity.clockIdentity,
		   &c->d0.identity))
		return true;
	switch (m->hdr.messageType) {
	case MSG_SYNC:
		if (!rxts->valid) {
			pr_rl(LOG_ERR, "port %hu: received SYNC without timestamp",
			      pnum(q));
			return true;
		}
		tc_fwd_sync(c, q, buf, len, m, rxts);
		return false;
	case MSG_FOLLOW_UP:
		tc_fwd_folup(c, q, buf, len, m);
		return false;
	case MSG_DELAY_REQ:
		if (!e2e)
			return true;
		if (!rxts->valid) {
			pr_rl(LOG_ERR, "port %hu: received DELAY_REQ without timestamp",
			      pnum(q));
			return true;
		}
		tc_fwd_event(c, q, buf, len, m, rxts);
		/* the master answers, not us */
		return true;
	case MSG_DELAY_RESP:
		if (!e2e)
			return true;
		tc_fwd_response(c, q, buf, len, m);
		return false;
	case MSG_ANNOUNCE:
		tc_forward(c, q, buf, len, m);
		return false;
	case MSG_SIGNALING:
	case MSG_MANAGEMENT:
		/* forwarded, not acted on (as ptp4l's transparent clock) */
		tc_forward(c, q, buf, len, m);
		return true;
	default:
		/* the peer delay messages are each port's own */
		return false;
	}
}
