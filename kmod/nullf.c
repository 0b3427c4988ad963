// SPDX-License-Identifier: GPL-2.0
/*
 * linuxptp's nullf and ntpshm servos (see nullf.h): a verdict on each offset
 * and a frequency correction of zero.
 */

#include <linux/errno.h>
#include <linux/string.h>

#include "nullf.h"

/**
 * ptpk_nullf_init() - a nullf (or ntpshm) servo in its initial state
 * @s: the servo
 * @c: the thresholds and num_offset_values (gains are ignored)
 * @ntpshm: the ntpshm servo: always unlocked
 *
 * Return: 0, or -EINVAL for a negative threshold.
 */
int ptpk_nullf_init(struct ptpk_nullf *s, const struct ptpk_pi_config *c,
		    bool ntpshm)
{
	memset(s, 0, sizeof(*s));
	if (c->step_threshold < 0 || c->first_step_threshold < 0 ||
	    c->offset_threshold < 0)
		return -EINVAL;
	s->step_threshold = c->step_threshold;
	s->first_step_threshold = c->first_step_threshold;
	s->offset_threshold = c->offset_threshold;
	s->num_offset_values = c->num_offset_values;
	s->curr_offset_values = s->num_offset_values;
	s->first_update = true;
	s->ntpshm = ntpshm;
	return 0;
}

static bool ptpk_nullf_past(s64 threshold, s64 offset)
{
	u64 mag = offset < 0 ? -(u64)offset : (u64)offset;

	return threshold && (u64)threshold < mag;
}

/**
 * ptpk_nullf_sample() - judge one offset
 * @s: the servo
 * @offset: local clock minus reference, ns
 * @state: the servo's state after the sample
 *
 * Return: 0, the frequency correction (nano-ppb); on a jump the caller
 * steps the clock by -offset, as for the other servos.
 */
s64 ptpk_nullf_sample(struct ptpk_nullf *s, s64 offset,
		      enum ptpk_servo_state *state)
{
	if (s->ntpshm)
		*state = PTPK_SERVO_STATE_UNLOCKED;
	else if (!offset)
		*state = PTPK_SERVO_STATE_LOCKED;
	else if ((s->first_update &&
		  ptpk_nullf_past(s->first_step_threshold, offset)) ||
		 ptpk_nullf_past(s->step_threshold, offset))
		*state = PTPK_SERVO_STATE_JUMP;
	else
		*state = PTPK_SERVO_STATE_UNLOCKED;

	/* linuxptp's servo_sample() around every servo */
	switch (*state) {
	case PTPK_SERVO_STATE_UNLOCKED:
		s->curr_offset_values = s->num_offset_values;
		break;
	case PTPK_SERVO_STATE_JUMP:
		s->curr_offset_values = s->num_offset_values;
		s->first_update = false;
		break;
	case PTPK_SERVO_STATE_LOCKED:
		if (s->offset_threshold && s->curr_offset_values)
			s->curr_offset_values--;
		if (s->offset_threshold && !s->curr_offset_values)
			*state = PTPK_SERVO_STATE_LOCKED_STABLE;
		s->first_update = false;
		break;
	default:
		break;
	}
	return 0;
}
