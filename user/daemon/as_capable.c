// SPDX-License-Identifier: GPL-2.0
/* 802.1AS asCapable (see as_capable.h). */
#include "as_capable.h"
#include "print.h"

#define ALLOWED_LOST_RESPONSES 3

static void nrate_init(struct as_cap *a)
{
	a->pdr_missing = ALLOWED_LOST_RESPONSES + 1;
	a->peer_valid = false;
	a->nrate_started = false;
	a->nrate_valid = false;
	a->nrate_count = 0;
}

void as_cap_init(struct as_cap *a, bool ieee8021as, int freq_est_interval,
		 int log_min_pdelay_req, int32_t thresh, int32_t min)
{
	int shift = freq_est_interval - log_min_pdelay_req;

	if (shift < 0)
		shift = 0;
	if (shift > 30)
		shift = 30;
	a->ieee8021as = ieee8021as;
	a->capable = false;
	a->nrate_max = 1U << shift;
	a->thresh = thresh;
	a->min = min;
	nrate_init(a);
}

void as_cap_exchange(struct as_cap *a)
{
	a->pdr_missing = 0;
	a->peer_valid = true;
	if (!a->nrate_started) {
		a->nrate_started = true;
		return;
	}
	if (++a->nrate_count < a->nrate_max)
		return;
	a->nrate_count = 0;
	a->nrate_valid = true;
}

void as_cap_missed(struct as_cap *a, int64_t peer_delay,
		   unsigned int multiple_seq)
{
	/* as ptp4l: counted only while capable */
	if (as_cap_eval(a, peer_delay, multiple_seq))
		a->pdr_missing++;
}

bool as_cap_eval(struct as_cap *a, int64_t peer_delay,
		 unsigned int multiple_seq)
{
	const char *why = NULL;

	if (!a->ieee8021as)
		why = NULL;
	else if (peer_delay > a->thresh)
		why = "peer_delay > neighborPropDelayThresh";
	else if (peer_delay < a->min)
		why = "peer_delay < min_neighbor_prop_delay";
	else if (a->pdr_missing > ALLOWED_LOST_RESPONSES)
		why = "missed peer delay responses";
	else if (multiple_seq)
		why = "multiple sequential peer delay responses";
	else if (!a->peer_valid)
		why = "invalid peer port id";
	else if (!a->nrate_valid)
		why = "invalid nrate";
	if (!why) {
		if (!a->capable)
			pr_debug("setting asCapable");
		a->capable = true;
		return true;
	}
	if (a->capable) {
		pr_debug("%s, resetting asCapable", why);
		nrate_init(a);
	}
	a->capable = false;
	return false;
}
