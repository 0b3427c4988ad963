/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What phc2sys prints per measurement and in its -u summary, plus the
 * route delay of the system clock's frequency (module's measurement to our
 * clock_adjtime), which phc2sys does not have.
 */
#ifndef P2S_OUTPUT_H
#define P2S_OUTPUT_H

#include <stdint.h>

#include "libptpk.h"
#include "stats.h"

struct p2s_output {
	const char *device;		/* -c as given */
	const char *source_label;	/* "phc" or "sys" */
	unsigned int summary;		/* -u */
	struct stats offset, freq, delay;
	struct stats route, route_total;	/* ns */
};

void output_init(struct p2s_output *out, const char *device, bool src_system,
		 unsigned int summary);
/* One sample-ntf; route_ns < 0 when no frequency was applied. */
void output_sample(struct p2s_output *out, const struct ptpk_sample *smp,
		   int64_t route_ns);
/* At exit: the route delay over the whole run, if any. */
void output_finish(struct p2s_output *out);

#endif
