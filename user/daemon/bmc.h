/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The best master clock algorithm of IEEE 1588-2008 clause 9.3: the data
 * set comparison (9.3.4, figures 27 and 28) and the state decision
 * (9.3.3, figure 26) for ordinary and boundary clocks. Pure functions.
 */
#ifndef PTPKD_BMC_H
#define PTPKD_BMC_H

#include <stdbool.h>
#include <stdint.h>

#include "ddt.h"
#include "fsm.h"

/*
 * What the comparison looks at: an Announce's grandmaster fields, or the
 * local clock's defaultDS (D0), plus who sent it and which of our ports
 * received it.
 */
struct dataset {
	uint8_t priority1;
	struct ClockIdentity identity;		/* grandmasterIdentity */
	struct ClockQuality quality;
	uint8_t priority2;
	/*
	 * G.8275.x only: the defaultDS.localPriority in D0, the receiving
	 * port's portDS.localPriority in a foreign master's data set.
	 */
	uint8_t localPriority;
	uint16_t stepsRemoved;
	struct PortIdentity sender;
	struct PortIdentity receiver;
};

/*
 * bmc_dscmp() results, as ptp4l numbers them: > 0 means A is better,
 * < 0 means B is better, 0 means the comparison failed (see bmc_error).
 */
#define BMC_A_BETTER_TOPO	2
#define BMC_A_BETTER		1
#define BMC_B_BETTER		(-1)
#define BMC_B_BETTER_TOPO	(-2)

enum bmc_error {
	BMC_OK,
	/*
	 * error-1: A and B differ by one step and the nearer one came back
	 * through the port that sent it (receiver == sender).
	 */
	BMC_ERROR_1,
	/* error-2: the same message twice (same sender and receiver port). */
	BMC_ERROR_2,
};

/*
 * Compare a and b; either may be NULL (an empty data set loses against
 * any other; two NULLs compare as error-2). err, if not NULL, says why a
 * 0 was returned.
 */
int bmc_dscmp_err(const struct dataset *a, const struct dataset *b,
		  enum bmc_error *err);

static inline int bmc_dscmp(const struct dataset *a, const struct dataset *b)
{
	return bmc_dscmp_err(a, b, NULL);
}

/* A data set comparison: bmc_dscmp or bmc_dscmp_telecom. */
typedef int (*bmc_cmp_fn)(const struct dataset *a, const struct dataset *b);

/*
 * Figure 28 alone, for two data sets that the caller decided the path
 * must rank (same grandmaster, or G.8275.x's class 1..127 rule): same
 * results and errors as bmc_dscmp_err().
 */
int bmc_dscmp_topology(const struct dataset *a, const struct dataset *b,
		       enum bmc_error *err);

/*
 * The alternate BMCA of ITU-T G.8275.1/G.8275.2 (dataset_comparison
 * G.8275.x, as ptp4l's telecom comparison; bmc_telecom.c): clockClass,
 * clockAccuracy, offsetScaledLogVariance, priority2, localPriority, then
 * for classes 1..127 the topology, else the grandmaster identity and, if
 * that is the same, the topology. priority1 plays no part.
 */
int bmc_dscmp_telecom(const struct dataset *a, const struct dataset *b);

/*
 * D0, the local clock as a data set (9.3.4): the clock is its own
 * grandmaster, zero steps away, and sender and receiver are the clock's
 * identity with port number 0.
 */
void bmc_default_ds(struct dataset *d0, const struct ClockIdentity *id,
		    uint8_t priority1, const struct ClockQuality *quality,
		    uint8_t priority2);

/*
 * Index of the best of n data sets (NULL entries are skipped), -1 if all
 * are NULL. Ties keep the earlier entry. Used for Erbest over a port's
 * foreign masters and for Ebest over the ports' Erbest.
 */
int bmc_best(const struct dataset *const *ds, int n);
/* The same with the comparison cmp (NULL: bmc_dscmp). */
int bmc_best_cmp(const struct dataset *const *ds, int n, bmc_cmp_fn cmp);

/* Which branch of figure 26 the decision took, for logs and tests. */
enum bmc_rule {
	BMC_RULE_NONE,		/* no decision: the port keeps its state */
	BMC_RULE_M1,		/* class 1..127, D0 better than Erbest */
	BMC_RULE_P1,		/* class 1..127, D0 not better than Erbest */
	BMC_RULE_M2,		/* D0 better than Ebest: grandmaster */
	BMC_RULE_S1,		/* Ebest came in on this port */
	BMC_RULE_P2,		/* Ebest better by topology than Erbest */
	BMC_RULE_M3,		/* otherwise: master of this segment */
};

struct bmc_input {
	const struct dataset *d0;	/* the local clock (required) */
	const struct dataset *erbest;	/* this port's best, NULL if none */
	const struct dataset *ebest;	/* the clock's best, NULL if none */
	bool ebest_here;		/* Ebest was received on this port */
	enum port_state state;		/* the port's current state */
	/*
	 * slaveOnly (clientOnly): never the M1/P1 branch whatever the
	 * configured clockClass (7.6.2.4 gives such clocks class 255).
	 * The port must also run fsm_next_slave_only(), which turns the
	 * master and passive recommendations into LISTENING.
	 */
	bool slave_only;
	/* ptp4l's BMCA "noop": keep the state while there is no Erbest. */
	bool noop;
	/* the data set comparison; NULL: bmc_dscmp (IEEE 1588) */
	bmc_cmp_fn cmp;
};

/*
 * The state decision algorithm (9.3.3) for one port: returns the event
 * to feed the port state machine (EV_RS_GRAND_MASTER for M1/M2,
 * EV_RS_MASTER for M3, EV_RS_PASSIVE for P1/P2, EV_RS_SLAVE for S1), or
 * EV_NONE when the port keeps its state: it is LISTENING and has heard
 * no qualified master yet (figure 26's first test), or noop is set and
 * there is no Erbest. rule, if not NULL, receives the branch taken.
 */
enum fsm_event bmc_state_decision(const struct bmc_input *in,
				  enum bmc_rule *rule);

const char *bmc_rule_str(enum bmc_rule rule);

#endif
