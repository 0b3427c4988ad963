// SPDX-License-Identifier: GPL-2.0
/* The JSON writer: escaping, nesting, pretty printing. */
#include "json.h"
#include "tests.h"

static int test_escaping(void)
{
	struct membuf m;

	mb_open(&m);
	json_write_string(m.f, "a\"b\\c/\n\r\t\b\f\x01\x1f\x7f" "end");
	CHECK_STR(mb_str(&m),
		  "\"a\\\"b\\\\c/\\n\\r\\t\\b\\f\\u0001\\u001f\\u007fend\"");
	mb_close(&m);
	return 0;
}

static int test_utf8(void)
{
	struct membuf m;

	mb_open(&m);
	/* valid: é, €, U+1F600; invalid: lone 0xff, overlong '/', surrogate,
	 * a continuation byte, and a sequence cut short by the end. */
	json_write_string(m.f, "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80|\xff|"
			  "\xc0\xaf|\xed\xa0\x80|\x80|\xe2\x82");
	CHECK_STR(mb_str(&m), "\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80|\\ufffd|"
		  "\\ufffd\\ufffd|\\ufffd\\ufffd\\ufffd|\\ufffd|\\ufffd\\ufffd\"");
	mb_close(&m);
	return 0;
}

static void write_sample(struct json *j)
{
	json_obj_begin(j);
	json_key(j, "a");
	json_arr_begin(j);
	json_int(j, 1);
	json_int(j, INT64_MIN);
	json_bool(j, true);
	json_null(j);
	json_obj_begin(j);
	json_obj_end(j);
	json_arr_end(j);
	json_key(j, "b");
	json_arr_begin(j);
	json_arr_end(j);
	json_key(j, "c");
	json_obj_begin(j);
	json_kv_string(j, "d\n", "x");
	json_kv_uint(j, "u", UINT64_MAX);
	json_obj_end(j);
	json_key(j, "e");
	json_number(j, "-0.3");
	json_obj_end(j);
	json_finish(j);
}

static int test_compact(void)
{
	struct membuf m;
	struct json j;

	mb_open(&m);
	json_init(&j, m.f, false);
	write_sample(&j);
	CHECK_STR(mb_str(&m),
		  "{\"a\":[1,-9223372036854775808,true,null,{}],\"b\":[],"
		  "\"c\":{\"d\\n\":\"x\",\"u\":18446744073709551615},\"e\":-0.3}\n");
	mb_close(&m);
	return 0;
}

static int test_pretty(void)
{
	struct membuf m;
	struct json j;

	mb_open(&m);
	json_init(&j, m.f, true);
	write_sample(&j);
	CHECK_STR(mb_str(&m),
		  "{\n"
		  "  \"a\": [\n"
		  "    1,\n"
		  "    -9223372036854775808,\n"
		  "    true,\n"
		  "    null,\n"
		  "    {}\n"
		  "  ],\n"
		  "  \"b\": [],\n"
		  "  \"c\": {\n"
		  "    \"d\\n\": \"x\",\n"
		  "    \"u\": 18446744073709551615\n"
		  "  },\n"
		  "  \"e\": -0.3\n"
		  "}\n");
	mb_close(&m);
	return 0;
}

static int test_top_level_array(void)
{
	struct membuf m;
	struct json j;

	mb_open(&m);
	json_init(&j, m.f, false);
	json_arr_begin(&j);
	json_string(&j, NULL);
	json_string(&j, "");
	json_arr_end(&j);
	json_finish(&j);
	CHECK_STR(mb_str(&m), "[\"\",\"\"]\n");
	mb_close(&m);
	return 0;
}

static const struct test json_tests[] = {
	{ "json: string escaping of quotes, backslash and control bytes", test_escaping },
	{ "json: UTF-8 passes through, invalid bytes become U+FFFD", test_utf8 },
	{ "json: compact nesting and commas", test_compact },
	{ "json: pretty printing", test_pretty },
	{ "json: top-level array, NULL string", test_top_level_array },
	{ NULL, NULL },
};
TEST_SUITE(json_tests);
