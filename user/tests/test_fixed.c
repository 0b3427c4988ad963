// SPDX-License-Identifier: GPL-2.0
/* Decimal to fixed-point conversion, and the linuxptp parameter table. */
#include <errno.h>

#include "fixed.h"
#include "tests.h"

#define NANO 1000000000LL

static int parse9(const char *s, int64_t *v)
{
	return fx_parse(s, 9, INT64_MIN, INT64_MAX, v);
}

static int test_parse_ok(void)
{
	static const struct {
		const char *s;
		int64_t v;
	} cases[] = {
		{ "0.7", 700000000 },
		{ "-0.3", -300000000 },
		{ "0.3", 300000000 },
		{ "0.1", 100000000 },
		{ "0.001", 1000000 },
		{ "1e-3", 1000000 },
		{ "20e-6", 20000 },
		{ "0.00002", 20000 },
		{ "2E-5", 20000 },
		{ "+1.5e2", 150 * NANO },
		{ ".5", 500000000 },
		{ "5.", 5 * NANO },
		{ "0", 0 },
		{ "-0", 0 },
		{ "0.0e-400", 0 },
		{ "000123.4500", 123450000000 },
		{ "0.000000001", 1 },
		{ "1000", 1000 * NANO },
		{ "1000.000000000000", 1000 * NANO },
		{ "9223372036.854775807", INT64_MAX },
		{ "-9223372036.854775808", INT64_MIN },
		{ "-0.922337203685477580800e10", INT64_MIN },
		{ "0.0000000010e0", 1 },
		{ "100e-11", 1 },
	};
	unsigned int i;
	int64_t v;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		v = 12345;
		if (parse9(cases[i].s, &v) || v != cases[i].v)
			FAIL("\"%s\" gave %" PRId64 ", expected %" PRId64,
			     cases[i].s, v, cases[i].v);
	}
	return 0;
}

static int test_parse_errors(void)
{
	static const struct {
		const char *s;
		int err;
	} cases[] = {
		{ "", -EINVAL }, { "-", -EINVAL }, { ".", -EINVAL },
		{ "e5", -EINVAL }, { "1e", -EINVAL }, { "1e+", -EINVAL },
		{ "1.2.3", -EINVAL }, { "abc", -EINVAL }, { " 1", -EINVAL },
		{ "1 ", -EINVAL }, { "0x10", -EINVAL }, { "inf", -EINVAL },
		{ "nan", -EINVAL }, { "--1", -EINVAL }, { "1,5", -EINVAL },
		{ "1e-10", -EDOM }, { "0.0000000001", -EDOM },
		{ "0.7000000001", -EDOM }, { "-1e-400", -EDOM },
		{ "9223372036.854775808", -ERANGE },
		{ "-9223372036.854775809", -ERANGE },
		{ "9.223372036854775808", -EDOM },
		{ "9223372037", -ERANGE }, { "1e400", -ERANGE },
		{ "123456789012345678901234567890", -ERANGE },
	};
	unsigned int i;
	int64_t v = 777;
	int err;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		err = parse9(cases[i].s, &v);
		if (err != cases[i].err)
			FAIL("\"%s\" returned %d, expected %d", cases[i].s,
			     err, cases[i].err);
	}
	CHECK(fx_parse(NULL, 9, 0, 1, &v) == -EINVAL);
	return 0;
}

static int test_parse_range(void)
{
	int64_t v;

	CHECK_INT(fx_parse("1000", 9, 0, 1000 * NANO, &v), 0);
	CHECK_INT(v, 1000 * NANO);
	CHECK_INT(fx_parse("1000.000000001", 9, 0, 1000 * NANO, &v), -ERANGE);
	CHECK_INT(fx_parse("-0.000000001", 9, 0, 1000 * NANO, &v), -ERANGE);
	CHECK_INT(fx_parse("-7", 0, -7, 4, &v), 0);
	CHECK_INT(v, -7);
	CHECK_INT(fx_parse("-8", 0, -7, 4, &v), -ERANGE);
	CHECK_INT(fx_parse("1.5", 0, 0, 100, &v), -EDOM);
	CHECK_INT(fx_parse("1.50", 0, 0, 100, &v), -EDOM);
	CHECK_INT(fx_parse("15e-1", 0, 0, 100, &v), -EDOM);
	CHECK_INT(fx_parse("1.0", 0, 0, 100, &v), 0);
	CHECK_INT(v, 1);
	CHECK_INT(fx_parse("2e2", 0, 0, 1000, &v), 0);
	CHECK_INT(v, 200);
	CHECK_STR(fx_strerror(-EDOM), "too many decimal places");
	return 0;
}

static int test_format(void)
{
	char buf[FX_STRLEN];

	CHECK_STR(fx_format(700000000, 9, 0, buf, sizeof(buf)), "0.7");
	CHECK_STR(fx_format(-300000000, 9, 0, buf, sizeof(buf)), "-0.3");
	CHECK_STR(fx_format(0, 9, 1, buf, sizeof(buf)), "0");
	CHECK_STR(fx_format(1, 9, 0, buf, sizeof(buf)), "0.000000001");
	CHECK_STR(fx_format(20000, 9, 0, buf, sizeof(buf)), "0.00002");
	CHECK_STR(fx_format(1000 * NANO, 9, 0, buf, sizeof(buf)), "1000");
	CHECK_STR(fx_format(INT64_MIN, 9, 0, buf, sizeof(buf)),
		  "-9223372036.854775808");
	CHECK_STR(fx_format(INT64_MAX, 0, 1, buf, sizeof(buf)),
		  "+9223372036854775807");
	CHECK_STR(fx_format(1234567, 3, 1, buf, sizeof(buf)), "+1234.567");
	CHECK_STR(fx_format(-1500, 3, 1, buf, sizeof(buf)), "-1.5");
	CHECK_STR(fx_format(-5, 0, 0, buf, sizeof(buf)), "-5");
	return 0;
}

static int test_roundtrip(void)
{
	static const int64_t values[] = {
		0, 1, -1, 7, 700000000, -300000000, 123456789012, INT64_MAX,
		INT64_MIN, 1000000000, -999999999,
	};
	char buf[FX_STRLEN];
	unsigned int i, scale;
	int64_t v;

	for (scale = 0; scale <= 9; scale += 3) {
		for (i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
			fx_format(values[i], scale, 0, buf, sizeof(buf));
			if (fx_parse(buf, scale, INT64_MIN, INT64_MAX, &v) ||
			    v != values[i])
				FAIL("%" PRId64 " at scale %u: \"%s\"",
				     values[i], scale, buf);
		}
	}
	return 0;
}

static int test_params(void)
{
	const struct ptpk_param *p;
	char buf[FX_STRLEN];
	uint64_t seen = 0;
	unsigned int i;
	int64_t v;

	CHECK_INT(ptpk_n_params, 21);
	for (i = 0; i < ptpk_n_params; i++) {
		p = &ptpk_params[i];
		/* what servo-new and servo-set take, besides name */
		CHECK((p->attr >= PTPK_A_SERVO_PI_PROPORTIONAL_CONST &&
		       p->attr <= PTPK_A_SERVO_SYNC_INTERVAL) ||
		      (p->attr >= PTPK_A_SERVO_DELAY_FILTER &&
		       p->attr <= PTPK_A_SERVO_OUTLIER_FACTOR) ||
		      p->attr == PTPK_A_SERVO_HW_TS ||
		      p->attr == PTPK_A_SERVO_WRITE_PHASE_MODE);
		CHECK(!p->names || p->scale == 0);
		CHECK(!(seen & ((uint64_t)1 << p->attr)));
		seen |= (uint64_t)1 << p->attr;
		CHECK(ptpk_param_find(p->name) == p);
		CHECK(ptpk_param_by_attr(p->attr) == p);
		/* the limits survive formatting and parsing */
		ptpk_param_format(p, p->max, buf, sizeof(buf));
		CHECK(ptpk_param_parse(p, buf, &v) == 0 && v == p->max);
		ptpk_param_format(p, p->min, buf, sizeof(buf));
		CHECK(ptpk_param_parse(p, buf, &v) == 0 && v == p->min);
	}
	CHECK(ptpk_param_find("pi_proportional") == NULL);
	CHECK(ptpk_param_find("logsyncinterval") == NULL);

	p = ptpk_param_find("first_step_threshold");
	CHECK(p && p->attr == PTPK_A_SERVO_FIRST_STEP_THRESHOLD);
	CHECK_INT(ptpk_param_parse(p, "0.00002", &v), 0);
	CHECK_INT(v, 20000);
	CHECK_INT(ptpk_param_parse(p, "-1", &v), -ERANGE);
	p = ptpk_param_find("step_threshold");
	CHECK_INT(ptpk_param_parse(p, "1.5", &v), 0);
	CHECK_INT(v, 1500000000);
	p = ptpk_param_find("max_frequency");
	CHECK_INT(ptpk_param_parse(p, "900000000", &v), 0);
	CHECK_INT(v, 900000000);
	CHECK_INT(ptpk_param_parse(p, "1000000001", &v), -ERANGE);
	CHECK_INT(ptpk_param_parse(p, "1.5", &v), -EDOM);
	p = ptpk_param_find("pi_proportional_exponent");
	CHECK_INT(ptpk_param_parse(p, "-0.3", &v), 0);
	CHECK_INT(v, -300000000);
	p = ptpk_param_find("pi_proportional_scale");
	CHECK_INT(ptpk_param_parse(p, "-0.3", &v), -ERANGE);
	CHECK_INT(ptpk_param_parse(p, "1000.000000001", &v), -ERANGE);
	p = ptpk_param_find("logSyncInterval");
	CHECK_INT(ptpk_param_parse(p, "5", &v), -ERANGE);
	CHECK_INT(ptpk_param_parse(p, "-7", &v), 0);
	CHECK_INT(v, -7);
	p = ptpk_param_find("servo_num_offset_values");
	CHECK_INT(ptpk_param_parse(p, "1025", &v), -ERANGE);
	return 0;
}

static const struct test fixed_tests[] = {
	{ "fixed: decimal strings to nano-units, exactly", test_parse_ok },
	{ "fixed: malformed, too precise and overflowing input rejected", test_parse_errors },
	{ "fixed: range limits and integer-only scales", test_parse_range },
	{ "fixed: shortest exact formatting", test_format },
	{ "fixed: format/parse round trip", test_roundtrip },
	{ "params: linuxptp names, units and ranges", test_params },
	{ NULL, NULL },
};
TEST_SUITE(fixed_tests);
