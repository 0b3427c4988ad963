/* SPDX-License-Identifier: GPL-2.0 */
/*
 * 802.1AS asCapable, as ptp4l 3.1.1's port_capable() decides it for a port
 * with follow_up_info and asCapable auto: the peer delay within
 * [min_neighbor_prop_delay, neighborPropDelayThresh], at most 3 lost
 * Pdelay responses in a row, no multiple responders, a known peer and a
 * neighbor rate ratio measured. ptpkd does not use the ratio itself; it
 * counts the exchanges ptp4l's estimator needs before it is valid. A port
 * that is not capable sends no Announce or Sync and ignores those it gets.
 * Pure logic, for the tests.
 */
#ifndef PTPKD_AS_CAPABLE_H
#define PTPKD_AS_CAPABLE_H

#include <stdbool.h>
#include <stdint.h>

struct as_cap {
	bool ieee8021as;	/* else always capable (1588, asCapable true) */
	bool capable;
	unsigned int pdr_missing;	/* requests unanswered in a row */
	bool peer_valid;
	bool nrate_started, nrate_valid;
	unsigned int nrate_count, nrate_max;
	int32_t thresh, min;	/* neighborPropDelayThresh, min_neighbor_... */
};

/*
 * As ptp4l's port_nrate_initialize(): not capable until the exchanges
 * say so; nrate_max is 2^(freq_est_interval - logMinPdelayReqInterval).
 */
void as_cap_init(struct as_cap *a, bool ieee8021as, int freq_est_interval,
		 int log_min_pdelay_req, int32_t thresh, int32_t min);
/* A Pdelay exchange completed with a peer. */
void as_cap_exchange(struct as_cap *a);
/* A Pdelay_Req goes out while the last one is unanswered. */
void as_cap_missed(struct as_cap *a, int64_t peer_delay,
		   unsigned int multiple_seq);
/*
 * port_capable(): the verdict for the last peer delay (ns) and the
 * requests in a row with multiple responders.
 */
bool as_cap_eval(struct as_cap *a, int64_t peer_delay,
		 unsigned int multiple_seq);

#endif
