// SPDX-License-Identifier: GPL-2.0
/* The peer delay mechanism (see pdelay.h). */
#include <string.h>

#include "pdelay.h"

void pdelay_sent(struct pdelay_track *pd, uint16_t seq, int64_t t1_ns)
{
	/* a request still unanswered when the next goes out was missed */
	if (pd->pending)
		pd->n_missed++;
	if (!pd->multiple_seen)
		pd->multiple_seq = 0;
	pd->multiple_seen = false;
	pd->pending = true;
	pd->seq = seq;
	pd->t1 = t1_ns;
	pd->have_resp = false;
	pd->have_fup = false;
}

/* (t4 - t1) - (t3 - t2) is the round trip less the peer's turnaround. */
static enum pdelay_rc pdelay_done(struct pdelay_track *pd, int64_t *delay)
{
	int64_t rtt = (pd->t4 - pd->t1) - (pd->t3 - pd->t2);

	*delay = (rtt - pd->c1 - pd->c2) / 2;
	pd->pending = false;
	pd->n_done++;
	return PD_DONE;
}

static enum pdelay_rc pdelay_multiple(struct pdelay_track *pd)
{
	pd->n_multiple++;
	if (!pd->multiple_seen) {
		pd->multiple_seen = true;
		pd->multiple_seq++;
	}
	return pd->multiple_seq >= 3 ? PD_BAD_PEER_NET : PD_MULTIPLE;
}

static bool fup_matches(const struct pdelay_track *pd)
{
	return pd->have_resp && pd->have_fup && pd->fup_seq == pd->seq &&
	       pid_eq(&pd->fup_src, &pd->peer);
}

enum pdelay_rc pdelay_resp(struct pdelay_track *pd,
			   const struct PortIdentity *self,
			   const struct ptp_message *m, int64_t rx_ns,
			   int64_t *delay)
{
	const struct PortIdentity *src = &m->hdr.sourcePortIdentity;

	if (!pd->pending) {
		/* late duplicates of an answered request are no news */
		if (pd->have_resp && m->hdr.sequenceId == pd->seq &&
		    !pid_eq(src, &pd->peer)) {
			return pdelay_multiple(pd);
		}
		return pd->have_resp ? PD_WAIT : PD_ROGUE;
	}
	if (!pid_eq(&m->pdelay_resp.requestingPortIdentity, self) ||
	    m->hdr.sequenceId != pd->seq)
		return PD_WAIT;
	if (pd->have_resp && !pid_eq(src, &pd->peer)) {
		return pdelay_multiple(pd);
	}
	pd->have_resp = true;
	pd->peer = *src;
	pd->t4 = rx_ns;
	pd->c1 = scaled_to_ns(m->hdr.correctionField);
	pd->one_step = !pd->assume_two_step &&
		       !(m->hdr.flagField & FLAG_TWO_STEP);
	if (pd->one_step) {
		/* the turnaround is in the correction (1588 11.4.3 c) */
		pd->t2 = 0;
		pd->t3 = 0;
		pd->c2 = 0;
		return pdelay_done(pd, delay);
	}
	if (ts_to_ns(&m->pdelay_resp.timestamp, &pd->t2))
		return PD_WAIT;
	if (fup_matches(pd))
		return pdelay_done(pd, delay);
	pd->have_fup = false;
	return PD_WAIT;
}

enum pdelay_rc pdelay_fup(struct pdelay_track *pd,
			  const struct PortIdentity *self,
			  const struct ptp_message *m, int64_t *delay)
{
	if (!pd->pending ||
	    !pid_eq(&m->pdelay_resp_fup.requestingPortIdentity, self) ||
	    m->hdr.sequenceId != pd->seq)
		return PD_WAIT;
	if (ts_to_ns(&m->pdelay_resp_fup.timestamp, &pd->t3))
		return PD_WAIT;
	pd->have_fup = true;
	pd->fup_seq = m->hdr.sequenceId;
	pd->fup_src = m->hdr.sourcePortIdentity;
	pd->c2 = scaled_to_ns(m->hdr.correctionField);
	/* the Follow_Up may overtake its Pdelay_Resp (another socket) */
	if (!pd->have_resp) {
		pd->peer = pd->fup_src;
		return PD_WAIT;
	}
	return fup_matches(pd) ? pdelay_done(pd, delay) : PD_WAIT;
}

static void pdelay_header(struct ptp_message *m, enum msg_type type,
			  const struct ptp_message *req,
			  const struct PortIdentity *self,
			  uint8_t transport_specific)
{
	msg_init(m, type);
	m->hdr.transportSpecific = transport_specific;
	m->hdr.domainNumber = req->hdr.domainNumber;
	m->hdr.sourcePortIdentity = *self;
	m->hdr.sequenceId = req->hdr.sequenceId;
	m->hdr.logMessageInterval = LOG_INTERVAL_NONE;
}

int pdelay_build_resp(struct ptp_message *resp, const struct ptp_message *req,
		      int64_t rx_ns, const struct PortIdentity *self,
		      uint8_t transport_specific)
{
	pdelay_header(resp, MSG_PDELAY_RESP, req, self, transport_specific);
	resp->hdr.flagField = FLAG_TWO_STEP;
	resp->pdelay_resp.requestingPortIdentity = req->hdr.sourcePortIdentity;
	return ns_to_ts(rx_ns, &resp->pdelay_resp.timestamp);
}

int pdelay_build_resp1(struct ptp_message *resp, const struct ptp_message *req,
		       const struct PortIdentity *self,
		       uint8_t transport_specific, int64_t latency_ns)
{
	pdelay_header(resp, MSG_PDELAY_RESP, req, self, transport_specific);
	/*
	 * One-step: no twoStep flag, no requestReceiptTimestamp; the request's
	 * correction goes back and the NIC adds the turnaround to it.
	 */
	resp->hdr.correctionField = req->hdr.correctionField +
				    ns_to_scaled(latency_ns);
	resp->pdelay_resp.requestingPortIdentity = req->hdr.sourcePortIdentity;
	return 0;
}

int pdelay_build_fup(struct ptp_message *fup, const struct ptp_message *req,
		     int64_t t3_ns, const struct PortIdentity *self,
		     uint8_t transport_specific)
{
	pdelay_header(fup, MSG_PDELAY_RESP_FUP, req, self, transport_specific);
	/* the request's correction travels back, as ptp4l does it */
	fup->hdr.correctionField = req->hdr.correctionField;
	fup->pdelay_resp_fup.requestingPortIdentity =
		req->hdr.sourcePortIdentity;
	return ns_to_ts(t3_ns, &fup->pdelay_resp_fup.timestamp);
}
