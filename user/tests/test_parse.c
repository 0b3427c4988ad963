// SPDX-License-Identifier: GPL-2.0
/* Canned replies through the library's parsers and the CLI's printers. */
#include <errno.h>

#include "cli.h"
#include "fixed.h"
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
	CHECK_INT(s.val[PTPK_A_SERVO_HW_TS], 1);
	CHECK(ptpk_servo_hw_ts(&s));
	CHECK_INT(s.val[PTPK_A_SERVO_DELAY_FILTER], PTPK_DELAY_FILTER_MOVING_AVERAGE);
	CHECK_INT(s.val[PTPK_A_SERVO_DELAY_FILTER_LENGTH], 10);
	CHECK_INT(s.val[PTPK_A_SERVO_TSPROC_MODE], PTPK_TSPROC_MODE_RAW_WEIGHT);
	CHECK_INT(s.val[PTPK_A_SERVO_OUTLIER_FACTOR], 8);
	CHECK(PTPK_HAS(&s, PTPK_A_SERVO_WRITE_PHASE_MODE));
	CHECK_INT(s.val[PTPK_A_SERVO_WRITE_PHASE_MODE], 0);
	CHECK_INT(s.val[PTPK_A_SERVO_DELAY], 9876);
	CHECK_INT(s.val[PTPK_A_SERVO_OWNER], TEST_PORTID);
	CHECK(!PTPK_HAS(&s, PTPK_A_SERVO_ORPHANED));
	CHECK_INT(s.val[PTPK_A_SERVO_HOLDOVER_FREQ], 1200500);
	CHECK_INT(s.val[PTPK_A_SERVO_N_SAMPLES], 5000000000LL);
	CHECK_INT(s.val[PTPK_A_SERVO_N_STEPS], 1);
	CHECK(PTPK_HAS(&s, PTPK_A_SERVO_N_RESETS));
	CHECK_INT(s.val[PTPK_A_SERVO_N_RESETS], 0);
	CHECK_INT(s.val[PTPK_A_SERVO_N_OUTLIERS], 2);
	/* every attribute the module sends, and nothing else */
	CHECK_INT(s.present, ((1ULL << (PTPK_A_SERVO_MAX + 1)) - 2) &
		  ~(1ULL << PTPK_A_SERVO_ORPHANED));

	/* an orphan; hw-ts 0 and no flag */
	nlh = reply(PTPK_CMD_SERVO_CHANGE_NTF);
	mnl_attr_put_u32(nlh, PTPK_A_SERVO_ID, 4);
	mnl_attr_put_u32(nlh, PTPK_A_SERVO_OWNER, 0);
	mnl_attr_put(nlh, PTPK_A_SERVO_ORPHANED, 0, NULL);
	mnl_attr_put_u32(nlh, PTPK_A_SERVO_HW_TS, 0);
	CHECK_INT(ptpk_servo_parse(nlh, &s), 0);
	CHECK_INT(s.present, (1ULL << PTPK_A_SERVO_ID) |
		  (1ULL << PTPK_A_SERVO_OWNER) | (1ULL << PTPK_A_SERVO_ORPHANED) |
		  (1ULL << PTPK_A_SERVO_HW_TS));
	CHECK_INT(s.val[PTPK_A_SERVO_ORPHANED], 1);
	CHECK(!ptpk_servo_hw_ts(&s));
	/* a module without hw-ts: the flag says it */
	nlh = reply(PTPK_CMD_SERVO_GET);
	mnl_attr_put(nlh, PTPK_A_SERVO_HW_TIMESTAMPING, 0, NULL);
	CHECK_INT(ptpk_servo_parse(nlh, &s), 0);
	CHECK(ptpk_servo_hw_ts(&s));

	/* u64 counter with a u32 payload */
	nlh = reply(PTPK_CMD_SERVO_GET);
	mnl_attr_put_u32(nlh, PTPK_A_SERVO_N_SAMPLES, 5);
	CHECK_INT(ptpk_servo_parse(nlh, &s), -EPROTO);
	/* u32 with a u64 payload */
	nlh = reply(PTPK_CMD_SERVO_GET);
	mnl_attr_put_u64(nlh, PTPK_A_SERVO_HW_TS, 1);
	CHECK_INT(ptpk_servo_parse(nlh, &s), -EPROTO);
	/* s64 attribute with a u32 payload */
	nlh = reply(PTPK_CMD_SERVO_GET);
	mnl_attr_put_u32(nlh, PTPK_A_SERVO_OFFSET, 5);
	CHECK_INT(ptpk_servo_parse(nlh, &s), -EPROTO);
	/* flag with a payload */
	nlh = reply(PTPK_CMD_SERVO_GET);
	mnl_attr_put_u32(nlh, PTPK_A_SERVO_HW_TIMESTAMPING, 1);
	CHECK_INT(ptpk_servo_parse(nlh, &s), -EPROTO);
	nlh = reply(PTPK_CMD_SERVO_GET);
	mnl_attr_put_u32(nlh, PTPK_A_SERVO_ORPHANED, 1);
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
	servo_print_text(m.f, &s, NULL, 0);
	CHECK_STR(mb_str(&m),
		  "servo 3 clock /dev/ptp0 kind pi state s2 (locked) name \"ptpkd eth0\" hw owner 4242\n"
		  "\toffset -12 ns freq +1234.567 ppb delay 9876 ns\n"
		  "\tsamples 5000000000 steps 1 resets 0 outliers 2 holdover +1200.5 ppb\n");
	mb_close(&m);

	/* -d: and the parameters, four to a line */
	mb_open(&m);
	servo_print_text(m.f, &s, NULL, SERVO_DETAILS);
	CHECK_STR(mb_str(&m),
		  "servo 3 clock /dev/ptp0 kind pi state s2 (locked) name \"ptpkd eth0\" hw owner 4242\n"
		  "\toffset -12 ns freq +1234.567 ppb delay 9876 ns\n"
		  "\tsamples 5000000000 steps 1 resets 0 outliers 2 holdover +1200.5 ppb\n"
		  "\tpi_proportional_const 0 pi_proportional_scale 0.7 pi_proportional_exponent -0.3 pi_proportional_norm_max 0.7\n"
		  "\tpi_integral_const 0 pi_integral_scale 0.3 pi_integral_exponent 0.4 pi_integral_norm_max 0.3\n"
		  "\tstep_threshold 0 first_step_threshold 0.00002 max_frequency 900000000 sanity_freq_limit 200000000\n"
		  "\tservo_offset_threshold 0 servo_num_offset_values 10 logSyncInterval -3 delay_filter moving_average\n"
		  "\tdelay_filter_length 10 tsproc_mode raw_weight write_phase_mode 0 outlier_factor 8\n");
	mb_close(&m);

	/* a sparse change notification on one line, fault state */
	memset(&s, 0, sizeof(s));
	s.id = 12;
	s.state = PTPK_SERVO_STATE_FAULT;
	PTPK_SET(&s, PTPK_A_SERVO_STATE);
	s.val[PTPK_A_SERVO_FREQ] = -500;
	PTPK_SET(&s, PTPK_A_SERVO_FREQ);
	mb_open(&m);
	servo_print_text(m.f, &s, "change", SERVO_ONELINE);
	CHECK_STR(mb_str(&m), "servo 12 change state fault freq -0.5 ppb\n");
	mb_close(&m);

	/* orphaned, software time stamps, a counter alone on its line */
	memset(&s, 0, sizeof(s));
	s.id = 12;
	PTPK_SET(&s, PTPK_A_SERVO_OWNER);
	PTPK_SET(&s, PTPK_A_SERVO_ORPHANED);
	s.val[PTPK_A_SERVO_ORPHANED] = 1;
	PTPK_SET(&s, PTPK_A_SERVO_HW_TS);
	PTPK_SET(&s, PTPK_A_SERVO_N_RESETS);
	s.val[PTPK_A_SERVO_N_RESETS] = 3;
	mb_open(&m);
	servo_print_text(m.f, &s, NULL, 0);
	CHECK_STR(mb_str(&m), "servo 12 orphaned\n\tresets 3\n");
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
		  "\"netdevs\":[]},\"hw_timestamping\":true,\"owner\":4242,"
		  "\"orphaned\":false,\"offset_ns\":-12,\"freq_ppb\":1234.567,"
		  "\"delay_ns\":9876,\"holdover_freq_ppb\":1200.5,"
		  "\"n_samples\":5000000000,\"n_steps\":1,\"n_resets\":0,"
		  "\"n_outliers\":2,\"params\":{\"pi_proportional_const\":0,"
		  "\"pi_proportional_scale\":0.7,\"pi_proportional_exponent\":-0.3,"
		  "\"pi_proportional_norm_max\":0.7,\"pi_integral_const\":0,"
		  "\"pi_integral_scale\":0.3,\"pi_integral_exponent\":0.4,"
		  "\"pi_integral_norm_max\":0.3,\"step_threshold\":0,"
		  "\"first_step_threshold\":0.00002,\"max_frequency\":900000000,"
		  "\"sanity_freq_limit\":200000000,\"servo_offset_threshold\":0,"
		  "\"servo_num_offset_values\":10,\"logSyncInterval\":-3,"
		  "\"delay_filter\":\"moving_average\",\"delay_filter_length\":10,"
		  "\"tsproc_mode\":\"raw_weight\",\"write_phase_mode\":0,\"outlier_factor\":8}}");
	mb_close(&m);

	/* a value outside an enumeration is printed as a number */
	s.val[PTPK_A_SERVO_TSPROC_MODE] = 9;
	s.present = (1ULL << PTPK_A_SERVO_TSPROC_MODE) |
		    (1ULL << PTPK_A_SERVO_ORPHANED);
	mb_open(&m);
	json_init(&j, m.f, false);
	json_obj_begin(&j);
	servo_print_json_members(&j, &s);
	json_obj_end(&j);
	CHECK_STR(mb_str(&m),
		  "{\"id\":3,\"hw_timestamping\":false,\"orphaned\":true,"
		  "\"params\":{\"tsproc_mode\":9}}");
	mb_close(&m);
	return 0;
}

static char want_buf[8192] __attribute__((aligned(8)));

/* The message a request should be, built attribute by attribute. */
static struct nlmsghdr *want(uint8_t cmd)
{
	memset(want_buf, 0, sizeof(want_buf));
	return test_genl_msg(want_buf, TEST_FAMILY, cmd, 0, 1, TEST_PORTID);
}

static int test_servo_put(void)
{
	struct nlmsghdr *nlh, *w;
	struct ptpk_servo req;
	struct nlattr *nest;

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
	/* the old flag: goes out as hw-ts 1 */
	PTPK_SET(&req, PTPK_A_SERVO_HW_TIMESTAMPING);
	req.val[PTPK_A_SERVO_DELAY_FILTER] = PTPK_DELAY_FILTER_MOVING_AVERAGE;
	PTPK_SET(&req, PTPK_A_SERVO_DELAY_FILTER);
	req.val[PTPK_A_SERVO_DELAY_FILTER_LENGTH] = 32;
	PTPK_SET(&req, PTPK_A_SERVO_DELAY_FILTER_LENGTH);
	req.val[PTPK_A_SERVO_TSPROC_MODE] = PTPK_TSPROC_MODE_FILTER_WEIGHT;
	PTPK_SET(&req, PTPK_A_SERVO_TSPROC_MODE);
	PTPK_SET(&req, PTPK_A_SERVO_OUTLIER_FACTOR);	/* 0: off */
	/* reply-only: never sent */
	req.val[PTPK_A_SERVO_OFFSET] = 99;
	PTPK_SET(&req, PTPK_A_SERVO_OFFSET);
	PTPK_SET(&req, PTPK_A_SERVO_OWNER);
	PTPK_SET(&req, PTPK_A_SERVO_ORPHANED);
	PTPK_SET(&req, PTPK_A_SERVO_N_SAMPLES);
	PTPK_SET(&req, PTPK_A_SERVO_DELAY);
	PTPK_SET(&req, PTPK_A_SERVO_HOLDOVER_FREQ);

	/* servo-new: clock and kind, no id, in attribute order */
	nlh = reply(PTPK_CMD_SERVO_NEW);
	ptpk_servo_put(nlh, &req, PTPK_CMD_SERVO_NEW);
	w = want(PTPK_CMD_SERVO_NEW);
	nest = mnl_attr_nest_start(w, PTPK_A_SERVO_CLOCK);
	mnl_attr_put_u32(w, PTPK_A_CLOCK_TYPE, PTPK_CLOCK_TYPE_SYSTEM);
	mnl_attr_nest_end(w, nest);
	mnl_attr_put_u32(w, PTPK_A_SERVO_KIND, PTPK_SERVO_KIND_LINREG);
	mnl_attr_put_strz(w, PTPK_A_SERVO_NAME, "x");
	mnl_attr_put_u64(w, PTPK_A_SERVO_PI_INTEGRAL_EXPONENT,
			 (uint64_t)-300000000LL);
	mnl_attr_put_u32(w, PTPK_A_SERVO_SYNC_INTERVAL, (uint32_t)-7);
	mnl_attr_put_u32(w, PTPK_A_SERVO_DELAY_FILTER,
			 PTPK_DELAY_FILTER_MOVING_AVERAGE);
	mnl_attr_put_u32(w, PTPK_A_SERVO_DELAY_FILTER_LENGTH, 32);
	mnl_attr_put_u32(w, PTPK_A_SERVO_TSPROC_MODE,
			 PTPK_TSPROC_MODE_FILTER_WEIGHT);
	mnl_attr_put_u32(w, PTPK_A_SERVO_OUTLIER_FACTOR, 0);
	mnl_attr_put_u32(w, PTPK_A_SERVO_HW_TS, 1);
	CHECK_INT(test_same_attrs(nlh, w), 0);

	/* servo-set: id, no clock or kind; hw-ts 0 beats the flag */
	req.val[PTPK_A_SERVO_HW_TS] = 0;
	PTPK_SET(&req, PTPK_A_SERVO_HW_TS);
	req.present &= ~((1ULL << PTPK_A_SERVO_DELAY_FILTER) |
			 (1ULL << PTPK_A_SERVO_DELAY_FILTER_LENGTH) |
			 (1ULL << PTPK_A_SERVO_TSPROC_MODE) |
			 (1ULL << PTPK_A_SERVO_PI_INTEGRAL_EXPONENT));
	nlh = reply(PTPK_CMD_SERVO_SET);
	ptpk_servo_put(nlh, &req, PTPK_CMD_SERVO_SET);
	w = want(PTPK_CMD_SERVO_SET);
	mnl_attr_put_u32(w, PTPK_A_SERVO_ID, 5);
	mnl_attr_put_strz(w, PTPK_A_SERVO_NAME, "x");
	mnl_attr_put_u32(w, PTPK_A_SERVO_SYNC_INTERVAL, (uint32_t)-7);
	mnl_attr_put_u32(w, PTPK_A_SERVO_OUTLIER_FACTOR, 0);
	mnl_attr_put_u32(w, PTPK_A_SERVO_HW_TS, 0);
	CHECK_INT(test_same_attrs(nlh, w), 0);

	/* servo-del: only the id */
	nlh = reply(PTPK_CMD_SERVO_DEL);
	ptpk_servo_put(nlh, &req, PTPK_CMD_SERVO_DEL);
	w = want(PTPK_CMD_SERVO_DEL);
	mnl_attr_put_u32(w, PTPK_A_SERVO_ID, 5);
	CHECK_INT(test_same_attrs(nlh, w), 0);
	return 0;
}

static int test_sample_put(void)
{
	struct ptpk_sample req;
	struct nlmsghdr *nlh, *w;

	/* E2E: Sync and Delay_Resp; reply fields are never sent */
	memset(&req, 0, sizeof(req));
	req.id = 3;
	req.seq_id = 65535;
	req.sync_interval = -3;
	req.t1 = 1700000000123456789LL;
	req.t2 = 1700000000123466789LL;
	req.corr_sync = -5;
	req.t3 = 1700000000200000000LL;
	req.t4 = 1700000000200010000LL;
	req.corr_delay = 7;
	req.state = 2;
	req.freq = 1;
	req.flags = 1;
	req.present = (1U << PTPK_A_SAMPLE_SEQ_ID) |
		      (1U << PTPK_A_SAMPLE_SYNC_INTERVAL) |
		      (1U << PTPK_A_SAMPLE_T1) | (1U << PTPK_A_SAMPLE_T2) |
		      (1U << PTPK_A_SAMPLE_CORR_SYNC) |
		      (1U << PTPK_A_SAMPLE_T3) | (1U << PTPK_A_SAMPLE_T4) |
		      (1U << PTPK_A_SAMPLE_CORR_DELAY) |
		      (1U << PTPK_A_SAMPLE_STATE) | (1U << PTPK_A_SAMPLE_FREQ) |
		      (1U << PTPK_A_SAMPLE_DELAY_RAW) |
		      (1U << PTPK_A_SAMPLE_WEIGHT) | (1U << PTPK_A_SAMPLE_FLAGS);
	nlh = reply(PTPK_CMD_SERVO_SAMPLE);
	ptpk_sample_put(nlh, &req);
	w = want(PTPK_CMD_SERVO_SAMPLE);
	mnl_attr_put_u32(w, PTPK_A_SAMPLE_ID, 3);
	mnl_attr_put_u32(w, PTPK_A_SAMPLE_SEQ_ID, 65535);
	mnl_attr_put_u32(w, PTPK_A_SAMPLE_SYNC_INTERVAL, (uint32_t)-3);
	mnl_attr_put_u64(w, PTPK_A_SAMPLE_T1, 1700000000123456789ULL);
	mnl_attr_put_u64(w, PTPK_A_SAMPLE_T2, 1700000000123466789ULL);
	mnl_attr_put_u64(w, PTPK_A_SAMPLE_T3, 1700000000200000000ULL);
	mnl_attr_put_u64(w, PTPK_A_SAMPLE_T4, 1700000000200010000ULL);
	mnl_attr_put_u64(w, PTPK_A_SAMPLE_CORR_SYNC, (uint64_t)-5LL);
	mnl_attr_put_u64(w, PTPK_A_SAMPLE_CORR_DELAY, 7);
	CHECK_INT(test_same_attrs(nlh, w), 0);

	/* direct (a sync job), and P2P; the id goes out even if not flagged */
	memset(&req, 0, sizeof(req));
	req.id = 1;
	req.offset = -250;
	req.local_ts = 42;
	req.delay = 0;
	req.peer_delay = 800;
	req.present = (1U << PTPK_A_SAMPLE_OFFSET) |
		      (1U << PTPK_A_SAMPLE_LOCAL_TS) |
		      (1U << PTPK_A_SAMPLE_DELAY) |
		      (1U << PTPK_A_SAMPLE_PEER_DELAY);
	nlh = reply(PTPK_CMD_SERVO_SAMPLE);
	ptpk_sample_put(nlh, &req);
	w = want(PTPK_CMD_SERVO_SAMPLE);
	mnl_attr_put_u32(w, PTPK_A_SAMPLE_ID, 1);
	mnl_attr_put_u64(w, PTPK_A_SAMPLE_PEER_DELAY, 800);
	mnl_attr_put_u64(w, PTPK_A_SAMPLE_OFFSET, (uint64_t)-250LL);
	mnl_attr_put_u64(w, PTPK_A_SAMPLE_LOCAL_TS, 42);
	mnl_attr_put_u64(w, PTPK_A_SAMPLE_DELAY, 0);
	CHECK_INT(test_same_attrs(nlh, w), 0);
	return 0;
}

static int test_sample_parse(void)
{
	struct nlmsghdr *nlh = reply(PTPK_CMD_SAMPLE_NTF);
	struct ptpk_sample smp;

	test_put_sample(nlh);
	CHECK_INT(ptpk_sample_parse(nlh, &smp), 0);
	CHECK_INT(smp.present, (1U << PTPK_A_SAMPLE_ID) |
		  (1U << PTPK_A_SAMPLE_SEQ_ID) | (1U << PTPK_A_SAMPLE_STATE) |
		  (1U << PTPK_A_SAMPLE_OFFSET) | (1U << PTPK_A_SAMPLE_FREQ) |
		  (1U << PTPK_A_SAMPLE_DELAY) | (1U << PTPK_A_SAMPLE_DELAY_RAW) |
		  (1U << PTPK_A_SAMPLE_WEIGHT) | (1U << PTPK_A_SAMPLE_FLAGS));
	CHECK_INT(smp.id, 3);
	CHECK_INT(smp.seq_id, 17);
	CHECK_INT(smp.state, PTPK_SERVO_STATE_LOCKED);
	CHECK_INT(smp.offset, -12);
	CHECK_INT(smp.freq, 1234567);
	CHECK_INT(smp.delay, 9876);
	CHECK_INT(smp.delay_raw, 9900);
	CHECK_INT(smp.weight, 997575758);
	CHECK_INT(smp.flags, PTPK_SAMPLE_FLAGS_STEPPED);
	CHECK_INT(smp.t1, 0);

	/* the request attributes parse too (s32, s64) */
	nlh = reply(PTPK_CMD_SERVO_SAMPLE);
	mnl_attr_put_u32(nlh, PTPK_A_SAMPLE_SYNC_INTERVAL, (uint32_t)-7);
	mnl_attr_put_u64(nlh, PTPK_A_SAMPLE_CORR_DELAY, (uint64_t)-3LL);
	mnl_attr_put_u64(nlh, PTPK_A_SAMPLE_LOCAL_TS, 1ULL << 62);
	CHECK_INT(ptpk_sample_parse(nlh, &smp), 0);
	CHECK_INT(smp.sync_interval, -7);
	CHECK_INT(smp.corr_delay, -3);
	CHECK_INT(smp.local_ts, 1LL << 62);
	CHECK_INT(smp.id, 0);

	/* wrong sizes */
	nlh = reply(PTPK_CMD_SAMPLE_NTF);
	mnl_attr_put_u32(nlh, PTPK_A_SAMPLE_OFFSET, 5);
	CHECK_INT(ptpk_sample_parse(nlh, &smp), -EPROTO);
	nlh = reply(PTPK_CMD_SAMPLE_NTF);
	mnl_attr_put_u64(nlh, PTPK_A_SAMPLE_FLAGS, 1);
	CHECK_INT(ptpk_sample_parse(nlh, &smp), -EPROTO);
	nlh = reply(PTPK_CMD_SAMPLE_NTF);
	mnl_attr_put_u16(nlh, PTPK_A_SAMPLE_ID, 1);
	CHECK_INT(ptpk_sample_parse(nlh, &smp), -EPROTO);
	return 0;
}

static int test_sample_render(void)
{
	struct ptpk_sample smp;
	struct membuf m;
	struct json j;

	test_put_sample(reply(PTPK_CMD_SAMPLE_NTF));
	CHECK_INT(ptpk_sample_parse((struct nlmsghdr *)buf, &smp), 0);
	mb_open(&m);
	sample_print_text(m.f, &smp, false);
	sample_print_text(m.f, &smp, true);
	CHECK_STR(mb_str(&m),
		  "sample 3 seq 17 s2 offset -12 freq +1234.567 delay 9876 [stepped]\n"
		  "sample 3 seq 17 s2 offset -12 freq +1234.567 delay 9876"
		  " delay_raw 9900 weight 0.997575758 [stepped]\n");
	mb_close(&m);

	mb_open(&m);
	json_init(&j, m.f, false);
	json_obj_begin(&j);
	sample_print_json_members(&j, &smp);
	json_obj_end(&j);
	CHECK_STR(mb_str(&m),
		  "{\"id\":3,\"seq_id\":17,\"state\":\"s2\",\"state_name\":\"locked\","
		  "\"offset_ns\":-12,\"freq_ppb\":1234.567,\"delay_ns\":9876,"
		  "\"delay_raw_ns\":9900,\"weight\":0.997575758,\"flags\":[\"stepped\"]}");
	mb_close(&m);

	/* no flags; several and an unknown one; fault */
	memset(&smp, 0, sizeof(smp));
	smp.id = 2;
	smp.state = PTPK_SERVO_STATE_FAULT;
	smp.freq = -500;
	smp.present = (1U << PTPK_A_SAMPLE_STATE) | (1U << PTPK_A_SAMPLE_FREQ);
	mb_open(&m);
	sample_print_text(m.f, &smp, true);
	smp.state = 9;
	smp.flags = PTPK_SAMPLE_FLAGS_NO_DELAY | PTPK_SAMPLE_FLAGS_APPLY_FREQ |
		    0x100;
	smp.present |= 1U << PTPK_A_SAMPLE_FLAGS;
	sample_print_text(m.f, &smp, false);
	json_init(&j, m.f, false);
	json_obj_begin(&j);
	sample_print_json_members(&j, &smp);
	json_obj_end(&j);
	CHECK_STR(mb_str(&m),
		  "sample 2 fault freq -0.5\n"
		  "sample 2 state 9 freq -0.5 [apply-freq,no-delay,0x100]\n"
		  "{\"id\":2,\"state\":\"unknown\",\"state_name\":\"unknown\","
		  "\"freq_ppb\":-0.5,\"flags\":[\"apply-freq\",\"no-delay\",\"0x100\"]}");
	mb_close(&m);
	return 0;
}

static int test_params(void)
{
	const struct ptpk_param *p;
	char out[FX_STRLEN];
	int64_t v;

	p = ptpk_param_find("delay_filter");
	CHECK(p != NULL);
	CHECK_INT(p->attr, PTPK_A_SERVO_DELAY_FILTER);
	CHECK_INT(ptpk_param_parse(p, "moving_average", &v), 0);
	CHECK_INT(v, PTPK_DELAY_FILTER_MOVING_AVERAGE);
	CHECK_INT(ptpk_param_parse(p, "moving_median", &v), 0);
	CHECK_INT(v, PTPK_DELAY_FILTER_MOVING_MEDIAN);
	CHECK_INT(ptpk_param_parse(p, "1", &v), -ENOENT);
	CHECK_INT(ptpk_param_parse(p, "moving", &v), -ENOENT);
	CHECK_STR(ptpk_param_format(p, 2, out, sizeof(out)), "moving_average");
	CHECK_STR(ptpk_param_format(p, 3, out, sizeof(out)), "3");
	CHECK(ptpk_param_name(p, 0) == NULL);

	p = ptpk_param_find("tsproc_mode");
	CHECK(p != NULL);
	CHECK_INT(ptpk_param_parse(p, "filter", &v), 0);
	CHECK_INT(v, PTPK_TSPROC_MODE_FILTER);
	CHECK_INT(ptpk_param_parse(p, "raw", &v), 0);
	CHECK_INT(v, PTPK_TSPROC_MODE_RAW);
	CHECK_INT(ptpk_param_parse(p, "filter_weight", &v), 0);
	CHECK_INT(v, PTPK_TSPROC_MODE_FILTER_WEIGHT);
	CHECK_INT(ptpk_param_parse(p, "raw_weight", &v), 0);
	CHECK_INT(v, PTPK_TSPROC_MODE_RAW_WEIGHT);
	CHECK_STR(ptpk_param_name(p, PTPK_TSPROC_MODE_RAW), "raw");
	CHECK(ptpk_param_by_attr(PTPK_A_SERVO_TSPROC_MODE) == p);

	p = ptpk_param_find("delay_filter_length");
	CHECK(p != NULL);
	CHECK_INT(ptpk_param_parse(p, "0", &v), -ERANGE);
	CHECK_INT(ptpk_param_parse(p, "1024", &v), 0);
	CHECK_INT(ptpk_param_parse(p, "1025", &v), -ERANGE);
	p = ptpk_param_find("outlier_factor");
	CHECK(p != NULL);
	CHECK_INT(p->attr, PTPK_A_SERVO_OUTLIER_FACTOR);
	CHECK_INT(ptpk_param_parse(p, "0", &v), 0);
	CHECK_INT(ptpk_param_parse(p, "1001", &v), -ERANGE);
	p = ptpk_param_find("hw_timestamping");
	CHECK(p != NULL);
	CHECK_INT(p->attr, PTPK_A_SERVO_HW_TS);
	CHECK_INT(ptpk_param_parse(p, "0", &v), 0);
	CHECK_INT(v, 0);
	CHECK_INT(ptpk_param_parse(p, "1", &v), 0);
	CHECK_INT(v, 1);
	CHECK_INT(ptpk_param_parse(p, "2", &v), -ERANGE);
	CHECK(ptpk_param_by_attr(PTPK_A_SERVO_HW_TIMESTAMPING) == NULL);
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
	CHECK_STR(ptpk_kind_str(PTPK_SERVO_KIND_NULLF), "nullf");
	CHECK_STR(ptpk_kind_str(PTPK_SERVO_KIND_NTPSHM), "ntpshm");
	CHECK(ptpk_kind_str(PTPK_SERVO_KIND_MAX + 1) == NULL);
	CHECK(ptpk_kind_str(0) == NULL);
	CHECK_INT(ptpk_kind_parse("nullf"), PTPK_SERVO_KIND_NULLF);
	CHECK_INT(ptpk_kind_parse("ntpshm"), PTPK_SERVO_KIND_NTPSHM);
	CHECK_INT(ptpk_kind_parse("pi"), PTPK_SERVO_KIND_PI);
	CHECK_INT(ptpk_kind_parse("PI"), 0);
	return 0;
}

static int test_flag_names(void)
{
	char b[PTPK_FLAGS_STRLEN], small[12];

	CHECK_STR(ptpk_sample_flag_str(PTPK_SAMPLE_FLAGS_STEPPED), "stepped");
	CHECK_STR(ptpk_sample_flag_str(PTPK_SAMPLE_FLAGS_DELAY_OUTLIER), "delay-outlier");
	CHECK_STR(ptpk_sample_flag_str(PTPK_SAMPLE_FLAGS_OFFSET_OUTLIER), "offset-outlier");
	CHECK_STR(ptpk_sample_flag_str(PTPK_SAMPLE_FLAGS_RESET), "reset");
	CHECK_STR(ptpk_sample_flag_str(PTPK_SAMPLE_FLAGS_APPLY_FREQ), "apply-freq");
	CHECK_STR(ptpk_sample_flag_str(PTPK_SAMPLE_FLAGS_NO_DELAY), "no-delay");
	CHECK_STR(ptpk_sample_flag_str(PTPK_SAMPLE_FLAGS_FAULT), "fault");
	CHECK(ptpk_sample_flag_str(0) == NULL);
	CHECK(ptpk_sample_flag_str(3) == NULL);
	CHECK(ptpk_sample_flag_str(128) == NULL);
	CHECK_STR(ptpk_sample_flags_format(0, b, sizeof(b)), "");
	CHECK_STR(ptpk_sample_flags_format(0xffffffff, b, sizeof(b)),
		  "stepped,delay-outlier,offset-outlier,reset,apply-freq,"
		  "no-delay,fault,0xffffff80");
	CHECK_STR(ptpk_sample_flags_format(0x80000000, b, sizeof(b)),
		  "0x80000000");
	/* cut short, never overrun */
	CHECK_STR(ptpk_sample_flags_format(PTPK_SAMPLE_FLAGS_STEPPED |
					   PTPK_SAMPLE_FLAGS_RESET, small,
					   sizeof(small)), "stepped");
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
	{ "build: sample requests, byte for byte", test_sample_put },
	{ "parse: sample reply and notification, wrong sizes", test_sample_parse },
	{ "render: sample text, -d and JSON", test_sample_render },
	{ "params: delay_filter, tsproc_mode words; new ranges", test_params },
	{ "parse: info reply", test_info_parse },
	{ "names: states and kinds", test_names },
	{ "names: sample flags", test_flag_names },
	{ NULL, NULL },
};
TEST_SUITE(parse_tests);
