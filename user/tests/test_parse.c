// SPDX-License-Identifier: GPL-2.0
/* Canned replies through the library's parsers and the CLI's printers. */
#include <errno.h>

#include "cli.h"
#include "tests.h"

static char buf[8192] __attribute__((aligned(8)));

static struct nlmsghdr *reply(uint8_t cmd)
{
	memset(buf, 0, sizeof(buf));
	return test_genl_msg(buf, TEST_FAMILY, cmd, 0, 1, TEST_PORTID);
}

static int test_clock_parse(void)
{
	struct nlmsghdr *nlh = reply(PTPK_CMD_CLOCK_GET);
	struct ptpk_clock c;

	test_put_phc_clock(nlh);
	CHECK_INT(ptpk_clock_parse(nlh, &c), 0);
	CHECK_INT(c.type, PTPK_CLOCK_TYPE_PHC);
	CHECK(PTPK_HAS(&c, PTPK_A_CLOCK_PHC_INDEX));
	CHECK_INT(c.phc_index, 0);
	CHECK_STR(c.dev_path, "/dev/ptp0");
	CHECK_STR(c.name, "e1000e PHC");
	CHECK_INT(c.max_adj, 999999999);
	CHECK_INT(c.n_pins, 4);
	CHECK_INT(c.n_ext_ts, 2);
	CHECK_INT(c.n_per_out, 1);
	CHECK_INT(c.pps, 1);
	CHECK_INT(c.n_netdevs, 2);
	CHECK_INT(c.netdev[0].ifindex, 2);
	CHECK_STR(c.netdev[0].ifname, "eth0");
	CHECK_INT(c.netdev[1].ifindex, 3);
	CHECK_STR(c.netdev[1].ifname, "eth1");
	CHECK(!PTPK_HAS(&c, PTPK_A_CLOCK_IFNAME));

	nlh = reply(PTPK_CMD_CLOCK_GET);
	test_put_system_clock(nlh);
	CHECK_INT(ptpk_clock_parse(nlh, &c), 0);
	CHECK_INT(c.type, PTPK_CLOCK_TYPE_SYSTEM);
	CHECK(!PTPK_HAS(&c, PTPK_A_CLOCK_PHC_INDEX));
	CHECK(!PTPK_HAS(&c, PTPK_A_CLOCK_PPS));
	CHECK_INT(c.n_netdevs, 0);
	return 0;
}

static int test_clock_malformed(void)
{
	struct nlmsghdr *nlh;
	struct ptpk_clock c;
	unsigned int i;
	uint16_t two = 2;
	char name[5] = "abcd";

	/* u32 attribute with a 2-byte payload */
	nlh = reply(PTPK_CMD_CLOCK_GET);
	mnl_attr_put(nlh, PTPK_A_CLOCK_MAX_ADJ, sizeof(two), &two);
	CHECK_INT(ptpk_clock_parse(nlh, &c), -EPROTO);

	/* string without its NUL */
	nlh = reply(PTPK_CMD_CLOCK_GET);
	mnl_attr_put(nlh, PTPK_A_CLOCK_NAME, 4, name);
	CHECK_INT(ptpk_clock_parse(nlh, &c), -EPROTO);

	/* a name longer than the buffer is cut, not overflowed */
	nlh = reply(PTPK_CMD_CLOCK_GET);
	mnl_attr_put_strz(nlh, PTPK_A_CLOCK_IFNAME,
			  "a-very-long-interface-name-indeed");
	CHECK_INT(ptpk_clock_parse(nlh, &c), 0);
	CHECK_STR(c.ifname, "a-very-long-int");

	/* more netdevs than we keep */
	nlh = reply(PTPK_CMD_CLOCK_GET);
	for (i = 0; i < PTPK_MAX_NETDEVS + 5; i++) {
		struct nlattr *n = mnl_attr_nest_start(nlh, PTPK_A_CLOCK_NETDEV);

		mnl_attr_put_u32(nlh, PTPK_A_NETDEV_IFINDEX, i + 1);
		mnl_attr_nest_end(nlh, n);
	}
	CHECK_INT(ptpk_clock_parse(nlh, &c), 0);
	CHECK_INT(c.n_netdevs, PTPK_MAX_NETDEVS);
	CHECK_INT(c.netdev[PTPK_MAX_NETDEVS - 1].ifindex, PTPK_MAX_NETDEVS);
	return 0;
}

static int test_clock_table(void)
{
	struct ptpk_clock c[2];
	struct membuf m;

	test_put_system_clock(reply(PTPK_CMD_CLOCK_GET));
	CHECK_INT(ptpk_clock_parse((struct nlmsghdr *)buf, &c[0]), 0);
	test_put_phc_clock(reply(PTPK_CMD_CLOCK_GET));
	CHECK_INT(ptpk_clock_parse((struct nlmsghdr *)buf, &c[1]), 0);
	mb_open(&m);
	clock_print_table(m.f, c, 2);
	CHECK_STR(mb_str(&m),
		  "INDEX  DEVICE     NAME            MAX-ADJ    PINS  EXTTS  PEROUT  PPS  NETDEVS\n"
		  "-      -          CLOCK_REALTIME  500000     0     0      0       -    -\n"
		  "0      /dev/ptp0  e1000e PHC      999999999  4     2      1       yes  eth0,eth1\n");
	mb_close(&m);
	return 0;
}

static int test_clock_json(void)
{
	struct ptpk_clock c;
	struct membuf m;
	struct json j;

	test_put_phc_clock(reply(PTPK_CMD_CLOCK_GET));
	CHECK_INT(ptpk_clock_parse((struct nlmsghdr *)buf, &c), 0);
	mb_open(&m);
	json_init(&j, m.f, false);
	clock_print_json(&j, &c);
	CHECK_STR(mb_str(&m),
		  "{\"type\":\"phc\",\"phc_index\":0,\"dev_path\":\"/dev/ptp0\","
		  "\"name\":\"e1000e PHC\",\"max_adj\":999999999,\"n_pins\":4,"
		  "\"n_ext_ts\":2,\"n_per_out\":1,\"pps\":true,\"netdevs\":"
		  "[{\"ifindex\":2,\"ifname\":\"eth0\"},{\"ifindex\":3,\"ifname\":\"eth1\"}]}");
	mb_close(&m);

	test_put_system_clock(reply(PTPK_CMD_CLOCK_GET));
	CHECK_INT(ptpk_clock_parse((struct nlmsghdr *)buf, &c), 0);
	mb_open(&m);
	json_init(&j, m.f, false);
	clock_print_json(&j, &c);
	CHECK_STR(mb_str(&m),
		  "{\"type\":\"system\",\"phc_index\":null,\"dev_path\":null,"
		  "\"name\":\"CLOCK_REALTIME\",\"max_adj\":500000,\"n_pins\":0,"
		  "\"n_ext_ts\":0,\"n_per_out\":0,\"pps\":null,\"netdevs\":[]}");
	mb_close(&m);
	return 0;
}

static int test_servo_parse(void)
{
	struct nlmsghdr *nlh = reply(PTPK_CMD_SERVO_GET);
	struct ptpk_servo s;

	test_put_servo(nlh);
	CHECK_INT(ptpk_servo_parse(nlh, &s), 0);
	CHECK_INT(s.id, 3);
	CHECK(PTPK_HAS(&s, PTPK_A_SERVO_CLOCK));
	CHECK_STR(s.clock.dev_path, "/dev/ptp0");
	CHECK_STR(s.clock.name, "e1000e");
	CHECK_INT(s.kind, PTPK_SERVO_KIND_PI);
	CHECK_INT(s.state, PTPK_SERVO_STATE_LOCKED);
	CHECK_STR(s.name, "ptpkd eth0");
	CHECK_INT(s.val[PTPK_A_SERVO_PI_PROPORTIONAL_EXPONENT], -300000000);
	CHECK_INT(s.val[PTPK_A_SERVO_PI_INTEGRAL_SCALE], 300000000);
	CHECK_INT(s.val[PTPK_A_SERVO_FIRST_STEP_THRESHOLD], 20000);
	CHECK_INT(s.val[PTPK_A_SERVO_MAX_FREQUENCY], 900000000);
	CHECK_INT(s.val[PTPK_A_SERVO_SYNC_INTERVAL], -3);
	CHECK_INT(s.val[PTPK_A_SERVO_OFFSET], -12);
	CHECK_INT(s.val[PTPK_A_SERVO_FREQ], 1234567);
	CHECK(PTPK_HAS(&s, PTPK_A_SERVO_HW_TIMESTAMPING));
	CHECK(PTPK_HAS(&s, PTPK_A_SERVO_STEP_THRESHOLD));

	/* s64 attribute with a u32 payload */
	nlh = reply(PTPK_CMD_SERVO_GET);
	mnl_attr_put_u32(nlh, PTPK_A_SERVO_OFFSET, 5);
	CHECK_INT(ptpk_servo_parse(nlh, &s), -EPROTO);
	/* flag with a payload */
	nlh = reply(PTPK_CMD_SERVO_GET);
	mnl_attr_put_u32(nlh, PTPK_A_SERVO_HW_TIMESTAMPING, 1);
	CHECK_INT(ptpk_servo_parse(nlh, &s), -EPROTO);
	return 0;
}

static int test_servo_text(void)
{
	struct ptpk_servo s;
	struct membuf m;

	test_put_servo(reply(PTPK_CMD_SERVO_GET));
	CHECK_INT(ptpk_servo_parse((struct nlmsghdr *)buf, &s), 0);
	mb_open(&m);
	servo_print_text(m.f, &s, NULL, false);
	CHECK_STR(mb_str(&m),
		  "servo 3 clock /dev/ptp0 kind pi state s2 (locked) name \"ptpkd eth0\" hw\n"
		  "\toffset -12 ns freq +1234.567 ppb\n"
		  "\tpi_proportional_const 0 pi_proportional_scale 0.7 pi_proportional_exponent -0.3 pi_proportional_norm_max 0.7\n"
		  "\tpi_integral_const 0 pi_integral_scale 0.3 pi_integral_exponent 0.4 pi_integral_norm_max 0.3\n"
		  "\tstep_threshold 0 first_step_threshold 0.00002 max_frequency 900000000 sanity_freq_limit 200000000\n"
		  "\tservo_offset_threshold 0 servo_num_offset_values 10 logSyncInterval -3\n");
	mb_close(&m);

	/* a sparse change notification on one line, fault state */
	memset(&s, 0, sizeof(s));
	s.id = 12;
	s.state = PTPK_SERVO_STATE_FAULT;
	PTPK_SET(&s, PTPK_A_SERVO_STATE);
	s.val[PTPK_A_SERVO_FREQ] = -500;
	PTPK_SET(&s, PTPK_A_SERVO_FREQ);
	mb_open(&m);
	servo_print_text(m.f, &s, "change", true);
	CHECK_STR(mb_str(&m), "servo 12 change state fault freq -0.5 ppb\n");
	mb_close(&m);
	return 0;
}

static int test_servo_json(void)
{
	struct ptpk_servo s;
	struct membuf m;
	struct json j;

	test_put_servo(reply(PTPK_CMD_SERVO_GET));
	CHECK_INT(ptpk_servo_parse((struct nlmsghdr *)buf, &s), 0);
	mb_open(&m);
	json_init(&j, m.f, false);
	json_obj_begin(&j);
	servo_print_json_members(&j, &s);
	json_obj_end(&j);
	CHECK_STR(mb_str(&m),
		  "{\"id\":3,\"name\":\"ptpkd eth0\",\"kind\":\"pi\",\"state\":\"s2\","
		  "\"state_name\":\"locked\",\"clock\":{\"type\":\"phc\",\"phc_index\":0,"
		  "\"dev_path\":\"/dev/ptp0\",\"name\":\"e1000e\",\"max_adj\":null,"
		  "\"n_pins\":null,\"n_ext_ts\":null,\"n_per_out\":null,\"pps\":null,"
		  "\"netdevs\":[]},\"hw_timestamping\":true,\"offset_ns\":-12,"
		  "\"freq_ppb\":1234.567,\"params\":{\"pi_proportional_const\":0,"
		  "\"pi_proportional_scale\":0.7,\"pi_proportional_exponent\":-0.3,"
		  "\"pi_proportional_norm_max\":0.7,\"pi_integral_const\":0,"
		  "\"pi_integral_scale\":0.3,\"pi_integral_exponent\":0.4,"
		  "\"pi_integral_norm_max\":0.3,\"step_threshold\":0,"
		  "\"first_step_threshold\":0.00002,\"max_frequency\":900000000,"
		  "\"sanity_freq_limit\":200000000,\"servo_offset_threshold\":0,"
		  "\"servo_num_offset_values\":10,\"logSyncInterval\":-3}}");
	mb_close(&m);
	return 0;
}

static int test_servo_put(void)
{
	struct ptpk_servo req, got;
	struct nlmsghdr *nlh;

	memset(&req, 0, sizeof(req));
	req.id = 5;
	PTPK_SET(&req, PTPK_A_SERVO_ID);
	req.clock.type = PTPK_CLOCK_TYPE_SYSTEM;
	PTPK_SET(&req.clock, PTPK_A_CLOCK_TYPE);
	PTPK_SET(&req, PTPK_A_SERVO_CLOCK);
	req.kind = PTPK_SERVO_KIND_LINREG;
	PTPK_SET(&req, PTPK_A_SERVO_KIND);
	strcpy(req.name, "x");
	PTPK_SET(&req, PTPK_A_SERVO_NAME);
	req.val[PTPK_A_SERVO_PI_INTEGRAL_EXPONENT] = -300000000;
	PTPK_SET(&req, PTPK_A_SERVO_PI_INTEGRAL_EXPONENT);
	req.val[PTPK_A_SERVO_SYNC_INTERVAL] = -7;
	PTPK_SET(&req, PTPK_A_SERVO_SYNC_INTERVAL);
	PTPK_SET(&req, PTPK_A_SERVO_HW_TIMESTAMPING);
	req.val[PTPK_A_SERVO_OFFSET] = 99;	/* reply-only: never sent */
	PTPK_SET(&req, PTPK_A_SERVO_OFFSET);

	/* servo-new: clock and kind, no id */
	nlh = reply(PTPK_CMD_SERVO_NEW);
	ptpk_servo_put(nlh, &req, PTPK_CMD_SERVO_NEW);
	CHECK_INT(ptpk_servo_parse(nlh, &got), 0);
	CHECK_INT(got.present, req.present & ~((1ULL << PTPK_A_SERVO_ID) |
					       (1ULL << PTPK_A_SERVO_OFFSET)));
	CHECK_INT(got.clock.type, PTPK_CLOCK_TYPE_SYSTEM);
	CHECK_INT(got.clock.present, 1U << PTPK_A_CLOCK_TYPE);
	CHECK_INT(got.kind, PTPK_SERVO_KIND_LINREG);
	CHECK_STR(got.name, "x");
	CHECK_INT(got.val[PTPK_A_SERVO_PI_INTEGRAL_EXPONENT], -300000000);
	CHECK_INT(got.val[PTPK_A_SERVO_SYNC_INTERVAL], -7);

	/* servo-set: id, no clock or kind */
	nlh = reply(PTPK_CMD_SERVO_SET);
	ptpk_servo_put(nlh, &req, PTPK_CMD_SERVO_SET);
	CHECK_INT(ptpk_servo_parse(nlh, &got), 0);
	CHECK_INT(got.present, req.present & ~((1ULL << PTPK_A_SERVO_CLOCK) |
					       (1ULL << PTPK_A_SERVO_KIND) |
					       (1ULL << PTPK_A_SERVO_OFFSET)));
	CHECK_INT(got.id, 5);

	/* servo-del: only the id */
	nlh = reply(PTPK_CMD_SERVO_DEL);
	ptpk_servo_put(nlh, &req, PTPK_CMD_SERVO_DEL);
	CHECK_INT(ptpk_servo_parse(nlh, &got), 0);
	CHECK_INT(got.present, 1ULL << PTPK_A_SERVO_ID);
	return 0;
}

static int test_info_parse(void)
{
	struct nlmsghdr *nlh = reply(PTPK_CMD_INFO_GET);
	struct ptpk_info info;

	mnl_attr_put_strz(nlh, PTPK_A_INFO_VERSION, "0.1.0");
	mnl_attr_put_u32(nlh, PTPK_A_INFO_API, 1);
	mnl_attr_put_strz(nlh, PTPK_A_INFO_KERNEL, "6.1.0-18-amd64");
	CHECK_INT(ptpk_info_parse(nlh, &info), 0);
	CHECK_STR(info.version, "0.1.0");
	CHECK_INT(info.api, 1);
	CHECK_STR(info.kernel, "6.1.0-18-amd64");
	CHECK(PTPK_HAS(&info, PTPK_A_INFO_API));
	return 0;
}

static int test_names(void)
{
	CHECK_STR(ptpk_state_str(PTPK_SERVO_STATE_UNLOCKED), "s0");
	CHECK_STR(ptpk_state_str(PTPK_SERVO_STATE_LOCKED_STABLE), "s3");
	CHECK_STR(ptpk_state_str(PTPK_SERVO_STATE_FAULT), "fault");
	CHECK_STR(ptpk_state_str(77), "unknown");
	CHECK_STR(ptpk_state_word(PTPK_SERVO_STATE_JUMP), "jump");
	CHECK_STR(ptpk_kind_str(PTPK_SERVO_KIND_LINREG), "linreg");
	CHECK(ptpk_kind_str(0) == NULL);
	CHECK_INT(ptpk_kind_parse("pi"), PTPK_SERVO_KIND_PI);
	CHECK_INT(ptpk_kind_parse("PI"), 0);
	return 0;
}

static const struct test parse_tests[] = {
	{ "parse: canned clock-get replies (phc with netdevs, system)", test_clock_parse },
	{ "parse: malformed and oversized clock attributes", test_clock_malformed },
	{ "render: clock table", test_clock_table },
	{ "render: clock JSON, null for absent fields", test_clock_json },
	{ "parse: canned servo reply, negative s32/s64, flag", test_servo_parse },
	{ "render: servo text in linuxptp units", test_servo_text },
	{ "render: servo JSON", test_servo_json },
	{ "build: servo requests carry only what the command takes", test_servo_put },
	{ "parse: info reply", test_info_parse },
	{ "names: states and kinds", test_names },
	{ NULL, NULL },
};
TEST_SUITE(parse_tests);
