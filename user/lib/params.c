// SPDX-License-Identifier: GPL-2.0
/*
 * The servo parameters, once: linuxptp name, attribute, unit conversion and
 * the range the spec allows. ptpk-cli's servo add/set and show, and the
 * daemons' configuration parsers, all go through this table.
 */
#include <string.h>

#include "fixed.h"
#include "libptpk.h"

#define NANO 1000000000LL
#define PI_PARAM(n, a, lo) { n, a, 9, lo, 1000 * NANO, "" }

const struct ptpk_param ptpk_params[] = {
	PI_PARAM("pi_proportional_const", PTPK_A_SERVO_PI_PROPORTIONAL_CONST, 0),
	PI_PARAM("pi_proportional_scale", PTPK_A_SERVO_PI_PROPORTIONAL_SCALE, 0),
	PI_PARAM("pi_proportional_exponent", PTPK_A_SERVO_PI_PROPORTIONAL_EXPONENT, -1000 * NANO),
	PI_PARAM("pi_proportional_norm_max", PTPK_A_SERVO_PI_PROPORTIONAL_NORM_MAX, 0),
	PI_PARAM("pi_integral_const", PTPK_A_SERVO_PI_INTEGRAL_CONST, 0),
	PI_PARAM("pi_integral_scale", PTPK_A_SERVO_PI_INTEGRAL_SCALE, 0),
	PI_PARAM("pi_integral_exponent", PTPK_A_SERVO_PI_INTEGRAL_EXPONENT, -1000 * NANO),
	PI_PARAM("pi_integral_norm_max", PTPK_A_SERVO_PI_INTEGRAL_NORM_MAX, 0),
	{ "step_threshold", PTPK_A_SERVO_STEP_THRESHOLD, 9, 0, INT64_MAX, "s" },
	{ "first_step_threshold", PTPK_A_SERVO_FIRST_STEP_THRESHOLD, 9, 0, INT64_MAX, "s" },
	{ "max_frequency", PTPK_A_SERVO_MAX_FREQUENCY, 0, 0, NANO, "ppb" },
	{ "sanity_freq_limit", PTPK_A_SERVO_SANITY_FREQ_LIMIT, 0, 0, NANO, "ppb" },
	{ "servo_offset_threshold", PTPK_A_SERVO_OFFSET_THRESHOLD, 0, 0, INT64_MAX, "ns" },
	{ "servo_num_offset_values", PTPK_A_SERVO_NUM_OFFSET_VALUES, 0, 0, 1024, "" },
	{ "logSyncInterval", PTPK_A_SERVO_SYNC_INTERVAL, 0, -7, 4, "log2 s" },
};

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
	return fx_parse(s, p->scale, p->min, p->max, v);
}

char *ptpk_param_format(const struct ptpk_param *p, int64_t v, char *buf,
			size_t len)
{
	return fx_format(v, p->scale, 0, buf, len);
}
