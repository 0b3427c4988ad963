// SPDX-License-Identifier: GPL-2.0
/*
 * The servo parameters, once: linuxptp name, attribute, unit conversion and
 * the range the spec allows. ptpk-cli's servo add/set and show, and the
 * daemons' configuration parsers, all go through this table.
 */
#include <errno.h>
#include <string.h>

#include "fixed.h"
#include "libptpk.h"

#define NANO 1000000000LL
#define NUM(n, a, scale, lo, hi, unit) { n, a, scale, lo, hi, unit, NULL }
#define PI_PARAM(n, a, lo) NUM(n, a, 9, lo, 1000 * NANO, "")
#define ENUM(n, a, lo, hi, unit, names) { n, a, 0, lo, hi, unit, names }

/* linuxptp's words, from PTPK_DELAY_FILTER_MOVING_MEDIAN and so on. */
static const char *const delay_filters[] = {
	"moving_median", "moving_average",
};

static const char *const tsproc_modes[] = {
	"filter", "raw", "filter_weight", "raw_weight",
};

const struct ptpk_param ptpk_params[] = {
	PI_PARAM("pi_proportional_const", PTPK_A_SERVO_PI_PROPORTIONAL_CONST, 0),
	PI_PARAM("pi_proportional_scale", PTPK_A_SERVO_PI_PROPORTIONAL_SCALE, 0),
	PI_PARAM("pi_proportional_exponent", PTPK_A_SERVO_PI_PROPORTIONAL_EXPONENT, -1000 * NANO),
	PI_PARAM("pi_proportional_norm_max", PTPK_A_SERVO_PI_PROPORTIONAL_NORM_MAX, 0),
	PI_PARAM("pi_integral_const", PTPK_A_SERVO_PI_INTEGRAL_CONST, 0),
	PI_PARAM("pi_integral_scale", PTPK_A_SERVO_PI_INTEGRAL_SCALE, 0),
	PI_PARAM("pi_integral_exponent", PTPK_A_SERVO_PI_INTEGRAL_EXPONENT, -1000 * NANO),
	PI_PARAM("pi_integral_norm_max", PTPK_A_SERVO_PI_INTEGRAL_NORM_MAX, 0),
	NUM("step_threshold", PTPK_A_SERVO_STEP_THRESHOLD, 9, 0, INT64_MAX, "s"),
	NUM("first_step_threshold", PTPK_A_SERVO_FIRST_STEP_THRESHOLD, 9, 0, INT64_MAX, "s"),
	NUM("max_frequency", PTPK_A_SERVO_MAX_FREQUENCY, 0, 0, NANO, "ppb"),
	NUM("sanity_freq_limit", PTPK_A_SERVO_SANITY_FREQ_LIMIT, 0, 0, NANO, "ppb"),
	NUM("servo_offset_threshold", PTPK_A_SERVO_OFFSET_THRESHOLD, 0, 0, INT64_MAX, "ns"),
	NUM("servo_num_offset_values", PTPK_A_SERVO_NUM_OFFSET_VALUES, 0, 0, 1024, ""),
	NUM("logSyncInterval", PTPK_A_SERVO_SYNC_INTERVAL, 0, -7, 4, "log2 s"),
	ENUM("delay_filter", PTPK_A_SERVO_DELAY_FILTER,
	     PTPK_DELAY_FILTER_MOVING_MEDIAN, PTPK_DELAY_FILTER_MOVING_AVERAGE,
	     "moving_median|moving_average", delay_filters),
	NUM("delay_filter_length", PTPK_A_SERVO_DELAY_FILTER_LENGTH, 0, 1, 1024, ""),
	ENUM("tsproc_mode", PTPK_A_SERVO_TSPROC_MODE, PTPK_TSPROC_MODE_FILTER,
	     PTPK_TSPROC_MODE_RAW_WEIGHT, "filter|raw|filter_weight|raw_weight",
	     tsproc_modes),
	NUM("write_phase_mode", PTPK_A_SERVO_WRITE_PHASE_MODE, 0, 0, 1, "0|1"),
	/* ptpk's own: not in linuxptp */
	NUM("outlier_factor", PTPK_A_SERVO_OUTLIER_FACTOR, 0, 0, 1000, ""),
	/* not a ptp4l.conf key: time_stamping says it there */
	NUM("hw_timestamping", PTPK_A_SERVO_HW_TS, 0, 0, 1, "0|1"),
};

_Static_assert(sizeof(delay_filters) / sizeof(delay_filters[0]) ==
	       PTPK_DELAY_FILTER_MAX - PTPK_DELAY_FILTER_MOVING_MEDIAN + 1,
	       "a word for every delay filter");
_Static_assert(sizeof(tsproc_modes) / sizeof(tsproc_modes[0]) ==
	       PTPK_TSPROC_MODE_MAX - PTPK_TSPROC_MODE_FILTER + 1,
	       "a word for every tsproc mode");

const unsigned int ptpk_n_params = sizeof(ptpk_params) / sizeof(ptpk_params[0]);

const struct ptpk_param *ptpk_param_find(const char *name)
{
	unsigned int i;

	for (i = 0; i < ptpk_n_params; i++) {
		if (!strcmp(ptpk_params[i].name, name))
			return &ptpk_params[i];
	}
	return NULL;
}

const struct ptpk_param *ptpk_param_by_attr(unsigned int attr)
{
	unsigned int i;

	for (i = 0; i < ptpk_n_params; i++) {
		if (ptpk_params[i].attr == attr)
			return &ptpk_params[i];
	}
	return NULL;
}

int ptpk_param_parse(const struct ptpk_param *p, const char *s, int64_t *v)
{
	int64_t i;

	if (!p->names)
		return fx_parse(s, p->scale, p->min, p->max, v);
	for (i = p->min; i <= p->max; i++) {
		if (!strcmp(p->names[i - p->min], s)) {
			*v = i;
			return 0;
		}
	}
	return -ENOENT;
}

const char *ptpk_param_name(const struct ptpk_param *p, int64_t v)
{
	if (!p->names || v < p->min || v > p->max)
		return NULL;
	return p->names[v - p->min];
}

char *ptpk_param_format(const struct ptpk_param *p, int64_t v, char *buf,
			size_t len)
{
	const char *name = ptpk_param_name(p, v);

	if (name) {
		snprintf(buf, len, "%s", name);
		return buf;
	}
	return fx_format(v, p->scale, 0, buf, len);
}
