/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Foreign master records of one port (IEEE 1588-2008 9.3.2.4 and 9.3.2.5):
 * who has been sending us Announce messages, whether each sender is
 * qualified (FOREIGN_MASTER_THRESHOLD announces within
 * FOREIGN_MASTER_TIME_WINDOW announce intervals), and the best qualified
 * one, Erbest. Times are CLOCK_MONOTONIC nanoseconds from the caller; this
 * file reads no clock. A fixed table: a flood of forged senders costs no
 * memory and cannot push out a sender that is still qualified.
 */
#ifndef PTPKD_FOREIGN_H
#define PTPKD_FOREIGN_H

#include <stdbool.h>
#include <stdint.h>

#include "bmc.h"
#include "ddt.h"
#include "tlv.h"
#include "transport.h"

#define FOREIGN_MASTER_THRESHOLD	2
#define FOREIGN_MASTER_TIME_WINDOW	4	/* announce intervals */
#define FOREIGN_MAX			16	/* records per port */

/* What the port keeps of an Announce. */
struct foreign_announce {
	struct dataset ds;	/* sender set; receiver filled in on add */
	int8_t logMessageInterval;
	int16_t currentUtcOffset;
	uint16_t flagField;	/* FLAG_* of msg.h */
	uint8_t timeSource;
	struct tlv_path_trace path;	/* its PATH_TRACE TLV; count 0 if none */
	struct trans_addr addr;		/* where it came from (hybrid_e2e) */
};

struct foreign_master {
	bool used;
	struct foreign_announce last;	/* the newest announce */
	uint64_t last_ns;		/* when it came */
	/* Counted announces, newest first: receive time and interval. */
	unsigned int n;
	uint64_t rx_ns[FOREIGN_MASTER_THRESHOLD];
	int8_t rx_log[FOREIGN_MASTER_THRESHOLD];
};

struct foreign_table {
	struct PortIdentity port;	/* ours: the receiver */
	uint16_t max_steps_removed;	/* announces at or above: ignored */
	/* set by foreign_set_policy(); foreign_init() gives ptp4l's defaults */
	bmc_cmp_fn cmp;			/* ranks Erbest; NULL: bmc_dscmp */
	uint8_t local_priority;		/* G.8275.portDS.localPriority */
	bool master_only;		/* masterOnly: never an Erbest */
	struct foreign_master fm[FOREIGN_MAX];
};

/* 1588's limit; ptp4l's max_steps_removed option defaults to it. */
#define FOREIGN_MAX_STEPS_REMOVED	255
/* G.8275.portDS.localPriority's default */
#define FOREIGN_LOCAL_PRIORITY		128

void foreign_init(struct foreign_table *t, const struct PortIdentity *port,
		  uint16_t max_steps_removed);

/*
 * The port's profile: how Erbest is chosen (cmp, NULL for IEEE 1588), the
 * localPriority put in every recorded data set, and masterOnly, with which
 * senders are still recorded but none is ever Erbest (as ptp4l's
 * port_compute_best()).
 */
void foreign_set_policy(struct foreign_table *t, bmc_cmp_fn cmp,
			uint8_t local_priority, bool master_only);

/* Forget every sender (the port left the BMCA states). */
void foreign_clear(struct foreign_table *t);

/*
 * Record an Announce received at now_ns. The first announce from a new
 * sender creates its record but is not counted (9.5.3 b), so a sender
 * qualifies on its third announce, as in ptp4l. Returns
 *   1        the sender just became qualified, or its data set differs
 *            from its previous counted announce: run the state decision;
 *   0        recorded, nothing the BMCA must react to at once;
 *   -EINVAL  not qualifiable (9.3.2.5): sent by our own clock, or
 *            stepsRemoved >= max_steps_removed;
 *   -ENOSPC  a new sender and no free record.
 */
int foreign_add(struct foreign_table *t, const struct foreign_announce *a,
		uint64_t now_ns);

/* Drop counted announces that have left the time window. */
void foreign_prune(struct foreign_table *t, uint64_t now_ns);

/* Qualified now, i.e. enough counted announces in the window. */
bool foreign_qualified(const struct foreign_master *fm, uint64_t now_ns);

/* Number of qualified senders, after pruning. */
unsigned int foreign_count(struct foreign_table *t, uint64_t now_ns);

/* Erbest after pruning: the best qualified record, or NULL (always NULL
 * for a masterOnly port). */
const struct foreign_master *foreign_best(struct foreign_table *t,
					  uint64_t now_ns);

/* The record of sender, or NULL. */
const struct foreign_master *foreign_find(const struct foreign_table *t,
					  const struct PortIdentity *sender);

/* How long an announce with this interval counts: 4 * 2^log seconds. */
uint64_t foreign_window_ns(int log_interval);

#endif
