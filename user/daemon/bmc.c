// SPDX-License-Identifier: GPL-2.0
/* Best master clock algorithm (IEEE 1588-2008 9.3), see bmc.h. */
#include <stddef.h>

#include "bmc.h"

/* -1, 0 or 1 for x < y, x == y, x > y. */
#define SIGN_CMP(x, y) (((x) > (y)) - ((x) < (y)))

static int set_err(enum bmc_error *err, enum bmc_error e)
{
	if (err)
		*err = e;
	return 0;
}

/*
 * Figure 28: A and B name the same grandmaster, so the path decides. Two
 * or more steps shorter wins outright; closer than that, port identities
 * decide, and the winner may be better only "by topology".
 */
int bmc_dscmp_topology(const struct dataset *a, const struct dataset *b,
		       enum bmc_error *err)
{
	unsigned int sa = a->stepsRemoved, sb = b->stepsRemoved;
	int r;

	if (sa + 1 < sb)
		return BMC_A_BETTER;
	if (sb + 1 < sa)
		return BMC_B_BETTER;

	if (sa != sb) {
		/* One step apart: look at how the farther one got here. */
		const struct dataset *far = sa > sb ? a : b;
		int sign = sa > sb ? -1 : 1;	/* A wins when B is far */

		r = pid_cmp(&far->receiver, &far->sender);
		if (r < 0)
			return sign * BMC_A_BETTER;
		if (r > 0)
			return sign * BMC_A_BETTER_TOPO;
		return set_err(err, BMC_ERROR_1);
	}

	r = pid_cmp(&a->sender, &b->sender);
	if (r)
		return r < 0 ? BMC_A_BETTER_TOPO : BMC_B_BETTER_TOPO;
	r = SIGN_CMP(a->receiver.portNumber, b->receiver.portNumber);
	if (r)
		return r < 0 ? BMC_A_BETTER_TOPO : BMC_B_BETTER_TOPO;
	return set_err(err, BMC_ERROR_2);
}

int bmc_dscmp_err(const struct dataset *a, const struct dataset *b,
		  enum bmc_error *err)
{
	const struct ClockQuality *qa, *qb;
	int r;

	set_err(err, BMC_OK);
	if (!a || !b) {
		if (a)
			return BMC_A_BETTER;
		if (b)
			return BMC_B_BETTER;
		return set_err(err, BMC_ERROR_2);
	}

	/* Figure 27: different grandmasters are ranked on their own merit. */
	r = cid_cmp(&a->identity, &b->identity);
	if (!r)
		return bmc_dscmp_topology(a, b, err);

	qa = &a->quality;
	qb = &b->quality;
	/* Lower is better for every field; the identity breaks the tie. */
	if (a->priority1 != b->priority1)
		r = SIGN_CMP(a->priority1, b->priority1);
	else if (qa->clockClass != qb->clockClass)
		r = SIGN_CMP(qa->clockClass, qb->clockClass);
	else if (qa->clockAccuracy != qb->clockAccuracy)
		r = SIGN_CMP(qa->clockAccuracy, qb->clockAccuracy);
	else if (qa->offsetScaledLogVariance != qb->offsetScaledLogVariance)
		r = SIGN_CMP(qa->offsetScaledLogVariance,
			     qb->offsetScaledLogVariance);
	else if (a->priority2 != b->priority2)
		r = SIGN_CMP(a->priority2, b->priority2);
	return r < 0 ? BMC_A_BETTER : BMC_B_BETTER;
}

void bmc_default_ds(struct dataset *d0, const struct ClockIdentity *id,
		    uint8_t priority1, const struct ClockQuality *quality,
		    uint8_t priority2)
{
	*d0 = (struct dataset){
		.priority1 = priority1,
		.identity = *id,
		.quality = *quality,
		.priority2 = priority2,
		.stepsRemoved = 0,
		.sender = { .clockIdentity = *id, .portNumber = 0 },
		.receiver = { .clockIdentity = *id, .portNumber = 0 },
	};
}

int bmc_best_cmp(const struct dataset *const *ds, int n, bmc_cmp_fn cmp)
{
	int i, best = -1;

	if (!cmp)
		cmp = bmc_dscmp;
	for (i = 0; i < n; i++) {
		if (!ds[i])
			continue;
		if (best < 0 || cmp(ds[i], ds[best]) > 0)
			best = i;
	}
	return best;
}

int bmc_best(const struct dataset *const *ds, int n)
{
	return bmc_best_cmp(ds, n, NULL);
}

static enum fsm_event decided(enum bmc_rule *out, enum bmc_rule rule)
{
	static const enum fsm_event ev[] = {
		[BMC_RULE_NONE] = EV_NONE,
		[BMC_RULE_M1] = EV_RS_GRAND_MASTER,
		[BMC_RULE_P1] = EV_RS_PASSIVE,
		[BMC_RULE_M2] = EV_RS_GRAND_MASTER,
		[BMC_RULE_S1] = EV_RS_SLAVE,
		[BMC_RULE_P2] = EV_RS_PASSIVE,
		[BMC_RULE_M3] = EV_RS_MASTER,
	};

	if (out)
		*out = rule;
	return ev[rule];
}

enum fsm_event bmc_state_decision(const struct bmc_input *in,
				  enum bmc_rule *rule)
{
	bmc_cmp_fn cmp = in->cmp ? in->cmp : bmc_dscmp;

	/* Nothing heard on this port: a listener keeps listening. */
	if (!in->erbest && (in->noop || in->state == PS_LISTENING))
		return decided(rule, BMC_RULE_NONE);

	/* Classes 1..127 are grandmaster-only clocks: never a slave. */
	if (!in->slave_only && in->d0->quality.clockClass <= 127) {
		if (cmp(in->d0, in->erbest) > 0)
			return decided(rule, BMC_RULE_M1);
		return decided(rule, BMC_RULE_P1);
	}

	if (cmp(in->d0, in->ebest) > 0)
		return decided(rule, BMC_RULE_M2);
	if (in->ebest_here)
		return decided(rule, BMC_RULE_S1);
	if (cmp(in->ebest, in->erbest) == BMC_A_BETTER_TOPO)
		return decided(rule, BMC_RULE_P2);
	return decided(rule, BMC_RULE_M3);
}

const char *bmc_rule_str(enum bmc_rule rule)
{
	static const char *const names[] = {
		[BMC_RULE_NONE] = "none",
		[BMC_RULE_M1] = "M1",
		[BMC_RULE_P1] = "P1",
		[BMC_RULE_M2] = "M2",
		[BMC_RULE_S1] = "S1",
		[BMC_RULE_P2] = "P2",
		[BMC_RULE_M3] = "M3",
	};

	if ((unsigned int)rule >= sizeof(names) / sizeof(names[0]))
		return "?";
	return names[rule];
}
