/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The peer delay mechanism (1588 clause 11.4) as ptp4l runs it: the
 * requester's bookkeeping of one Pdelay_Req and its Pdelay_Resp and
 * Pdelay_Resp_Follow_Up (or one-step Pdelay_Resp), and the responder's two
 * messages, or its one-step Pdelay_Resp (time_stamping p2p1step). Pure logic, for
 * the tests; port.c sends and receives.
 */
#ifndef PTPKD_PDELAY_H
#define PTPKD_PDELAY_H

#include <stdbool.h>
#include <stdint.h>

#include "ddt.h"
#include "msg.h"

struct pdelay_track {
	bool pending;			/* a request is out and not answered */
	uint16_t seq;
	int64_t t1;			/* the request's TX timestamp */
	bool have_resp, have_fup;
	struct PortIdentity peer;	/* the responder of this request */
	int64_t t2, t4, c1;		/* from the Pdelay_Resp */
	bool one_step;
	uint16_t fup_seq;
	struct PortIdentity fup_src;
	int64_t t3, c2;			/* from the Follow_Up */
	/* counters, as PORT_STATS_NP and the logs need them */
	uint64_t n_done, n_missed, n_multiple;
	/*
	 * As ptp4l: requests in a row that drew more than one responder; the
	 * third is a bad peer network (fault_badpeernet_interval).
	 */
	bool multiple_seen;
	unsigned int multiple_seq;
	bool assume_two_step;	/* the key: a one-step answer waits too */
};

enum pdelay_rc {
	PD_WAIT = 0,		/* nothing to do yet */
	PD_DONE = 1,		/* *delay is a new raw mean link delay */
	PD_ROGUE = -1,		/* a response without a request */
	PD_MULTIPLE = -2,	/* a second responder answered */
	PD_BAD_PEER_NET = -3,	/* ... for the third request in a row */
};

/* A Pdelay_Req with sequenceId seq went out at t1_ns. */
void pdelay_sent(struct pdelay_track *pd, uint16_t seq, int64_t t1_ns);
/* A Pdelay_Resp received at rx_ns. */
enum pdelay_rc pdelay_resp(struct pdelay_track *pd,
			   const struct PortIdentity *self,
			   const struct ptp_message *m, int64_t rx_ns,
			   int64_t *delay);
/* A Pdelay_Resp_Follow_Up. */
enum pdelay_rc pdelay_fup(struct pdelay_track *pd,
			  const struct PortIdentity *self,
			  const struct ptp_message *m, int64_t *delay);

/* The responder's Pdelay_Resp to req received at rx_ns: 0 or -1. */
int pdelay_build_resp(struct ptp_message *resp, const struct ptp_message *req,
		      int64_t rx_ns, const struct PortIdentity *self,
		      uint8_t transport_specific);
/*
 * The one-step Pdelay_Resp to req (HWTSTAMP_TX_ONESTEP_P2P: the NIC adds
 * the turnaround to the correctionField as it sends it, and there is no
 * Follow_Up): 0 or -1. latency_ns (ingressLatency + egressLatency, as
 * ptp4l) goes into the correction too: the NIC's turnaround is between its
 * own timestamps, not the wire's.
 */
int pdelay_build_resp1(struct ptp_message *resp, const struct ptp_message *req,
		       const struct PortIdentity *self,
		       uint8_t transport_specific, int64_t latency_ns);
/* Its Follow_Up, once the Pdelay_Resp went out at t3_ns: 0 or -1. */
int pdelay_build_fup(struct ptp_message *fup, const struct ptp_message *req,
		     int64_t t3_ns, const struct PortIdentity *self,
		     uint8_t transport_specific);

#endif
