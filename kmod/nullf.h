/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The servos that do not steer: linuxptp's nullf (the frequency correction
 * is always zero; a jump past the step thresholds, locked only at an exact
 * zero offset, unlocked otherwise) and ntpshm (always unlocked: the clock
 * is never touched, the owner hands the offsets on to ntpd or chronyd
 * through an NTP SHM segment). Both with the generic servo wrapper's state
 * handling (first update, servo_offset_threshold), as pi.h.
 *
 * Units as in pi.h: offsets and thresholds in ns, the result in nano-ppb.
 */

#ifndef _PTPK_NULLF_H
#define _PTPK_NULLF_H

#include <linux/types.h>
#include <uapi/linux/ptpk.h>

#include "pi.h"

struct ptpk_nullf {
	s64 step_threshold;
	s64 first_step_threshold;
	s64 offset_threshold;
	u32 num_offset_values;
	u32 curr_offset_values;
	bool first_update;
	bool ntpshm;			/* never leaves unlocked */
};

int ptpk_nullf_init(struct ptpk_nullf *s, const struct ptpk_pi_config *c,
		    bool ntpshm);
s64 ptpk_nullf_sample(struct ptpk_nullf *s, s64 offset,
		      enum ptpk_servo_state *state);

#endif /* _PTPK_NULLF_H */
