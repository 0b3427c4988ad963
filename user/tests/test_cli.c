// SPDX-License-Identifier: GPL-2.0
/* ptpk-cli end to end against the fake kernel: dispatch, requests, output. */
#include <errno.h>
#include <stdarg.h>

#include "cli.h"
#include "tests.h"

struct run {
	struct fake fake;
	struct membuf out, err;
	volatile sig_atomic_t stop;
	unsigned int opens;
	int rc;
	/* what the handlers saw and should answer */
	struct nlmsghdr req;		/* header of the last request */
	char reqbuf[2048] __attribute__((aligned(8)));	/* all of it */
	uint8_t cmd;
	struct ptpk_clock sel;
	struct ptpk_servo servo;
	int error;
	const char *extack;
};

static int fake_open(struct cli *c, struct ptpk **pp)
{
	struct run *r = c->open_priv;

	r->opens++;
	return ptpk_open_transport(pp, &fake_transport, &r->fake, TEST_PORTID);
}

static void run_init(struct run *r)
{
	memset(r, 0, sizeof(*r));
	fake_init(&r->fake);
	r->fake.priv = r;
	mb_open(&r->out);
	mb_open(&r->err);
}

static void run_fini(struct run *r)
{
	mb_close(&r->out);
	mb_close(&r->err);
}

/* Run ptpk-cli with the given arguments (NULL-terminated). */
static int run_argv(struct run *r, const char *const *args)
{
	char *argv[32];
	struct cli c;
	int argc = 0;

	argv[argc++] = (char *)"ptpk-cli";
	while (*args && argc < 31)
		argv[argc++] = (char *)*args++;
	argv[argc] = NULL;
	cli_init(&c);
	c.out = r->out.f;
	c.err = r->err.f;
	c.open = fake_open;
	c.open_priv = r;
	c.stop = &r->stop;
	r->fake.stop = &r->stop;
	r->rc = cli_main(&c, argc, argv);
	cli_cleanup(&c);
	return r->rc;
}

static int run(struct run *r, ...)
{
	const char *args[32];
	unsigned int n = 0;
	va_list ap;

	va_start(ap, r);
	while (n < 31 && (args[n] = va_arg(ap, const char *)))
		n++;
	va_end(ap);
	args[n] = NULL;
	return run_argv(r, args);
}

static uint8_t req_cmd(const struct nlmsghdr *req)
{
	return ((const struct genlmsghdr *)mnl_nlmsg_get_payload(req))->cmd;
}

static void keep(struct run *r, const struct nlmsghdr *req)
{
	r->req = *req;
	r->cmd = req_cmd(req);
	if (req->nlmsg_len <= sizeof(r->reqbuf))
		memcpy(r->reqbuf, req, req->nlmsg_len);
}

/* The message the last request should have been. */
static char want_buf[2048] __attribute__((aligned(8)));

static struct nlmsghdr *want(uint8_t cmd)
{
	memset(want_buf, 0, sizeof(want_buf));
	return test_genl_msg(want_buf, TEST_FAMILY, cmd, 0, 0, 0);
}

static const struct nlmsghdr *sent(struct run *r)
{
	return (const struct nlmsghdr *)r->reqbuf;
}

/* Handlers: what the kernel would answer. */

static void answer_error(struct fake *f, const struct nlmsghdr *req)
{
	struct run *r = f->priv;

	keep(r, req);
	ptpk_servo_parse(req, &r->servo);
	fake_error(f, req, r->error, r->extack);
	fake_flush(f);
}

static void answer_clocks(struct fake *f, const struct nlmsghdr *req)
{
	struct run *r = f->priv;

	r->req = *req;
	r->cmd = req_cmd(req);
	if (req->nlmsg_flags & NLM_F_DUMP) {
		test_put_system_clock(fake_reply(f, req, PTPK_CMD_CLOCK_GET,
						 NLM_F_MULTI));
		fake_flush(f);
		test_put_phc_clock(fake_reply(f, req, PTPK_CMD_CLOCK_GET,
					      NLM_F_MULTI));
		fake_done(f, req);
		fake_flush(f);
		return;
	}
	ptpk_clock_parse(req, &r->sel);
	if (PTPK_HAS(&r->sel, PTPK_A_CLOCK_TYPE))
		test_put_system_clock(fake_reply(f, req, PTPK_CMD_CLOCK_GET, 0));
	else
		test_put_phc_clock(fake_reply(f, req, PTPK_CMD_CLOCK_GET, 0));
	fake_error(f, req, 0, NULL);
	fake_flush(f);
}

static void answer_servo(struct fake *f, const struct nlmsghdr *req)
{
	struct run *r = f->priv;
	struct nlmsghdr *nlh;

	keep(r, req);
	ptpk_servo_parse(req, &r->servo);
	switch (r->cmd) {
	case PTPK_CMD_SERVO_NEW:
		/* the new instance: id, state, and what was asked for */
		nlh = fake_reply(f, req, PTPK_CMD_SERVO_NEW, 0);
		mnl_attr_put_u32(nlh, PTPK_A_SERVO_ID, 9);
		mnl_attr_put_u32(nlh, PTPK_A_SERVO_STATE, PTPK_SERVO_STATE_UNLOCKED);
		ptpk_servo_put(nlh, &r->servo, PTPK_CMD_SERVO_NEW);
		break;
	case PTPK_CMD_SERVO_GET:
		if (req->nlmsg_flags & NLM_F_DUMP) {
			test_put_servo(fake_reply(f, req, r->cmd, NLM_F_MULTI));
			nlh = fake_reply(f, req, r->cmd, NLM_F_MULTI);
			mnl_attr_put_u32(nlh, PTPK_A_SERVO_ID, 4);
			mnl_attr_put_u32(nlh, PTPK_A_SERVO_KIND, PTPK_SERVO_KIND_LINREG);
			fake_done(f, req);
			fake_flush(f);
			return;
		}
		/* fall through */
	case PTPK_CMD_SERVO_SET:
	case PTPK_CMD_SERVO_ADOPT:
		test_put_servo(fake_reply(f, req, r->cmd, 0));
		break;
	case PTPK_CMD_SERVO_SAMPLE:
		/* always a reply; an ack only if asked for, as the kernel */
		test_put_sample(fake_reply(f, req, r->cmd, 0));
		if (!(req->nlmsg_flags & NLM_F_ACK)) {
			fake_flush(f);
			return;
		}
		break;
	}
	fake_error(f, req, 0, NULL);
	fake_flush(f);
}

static void answer_info(struct fake *f, const struct nlmsghdr *req)
{
	struct nlmsghdr *nlh = fake_reply(f, req, PTPK_CMD_INFO_GET, 0);

	mnl_attr_put_strz(nlh, PTPK_A_INFO_VERSION, "0.1.0");
	mnl_attr_put_u32(nlh, PTPK_A_INFO_API, PTPK_FAMILY_VERSION);
	mnl_attr_put_strz(nlh, PTPK_A_INFO_KERNEL, "6.1.0-18-amd64");
	fake_error(f, req, 0, NULL);
	fake_flush(f);
}

/* Tests. */

static int test_unknown_object(void)
{
	struct run r;

	run_init(&r);
	CHECK_INT(run(&r, "frobnicate", "show", NULL), CLI_USAGE);
	CHECK_STR(mb_str(&r.err),
		  "ptpk-cli: unknown object \"frobnicate\" (try \"ptpk-cli help\")\n");
	CHECK_STR(mb_str(&r.out), "");
	CHECK_INT(r.opens, 0);
	run_fini(&r);
	return 0;
}

static int test_usage_errors(void)
{
	static const char *const cases[][9] = {
		{ "servo", "s" },	/* show or set */
		{ "servo", "frob" },
		{ "servo", "add" },
		{ "servo", "add", "clock" },
		{ "servo", "add", "clock", "phc0", "kind", "foo" },
		{ "servo", "add", "clock", "phc0", "kind" },
		{ "servo", "add", "clock", "phc0", "bogus_param", "1" },
		{ "servo", "add", "clock", "phc0", "step_threshold" },
		{ "servo", "add", "clock", "phc0", "step_threshold", "1e-10" },
		{ "servo", "add", "clock", "phc0", "max_frequency", "2000000000" },
		{ "servo", "add", "clock", "phc0", "name", "a-label-longer-than-31-characters" },
		{ "servo", "add", "clock", "a/b" },
		{ "servo", "add", "clock", "phc99999" },
		{ "servo", "set", "3" },
		{ "servo", "set", "3", "kind", "pi" },	/* kind is fixed */
		{ "servo", "set", "0", "hw" },
		{ "servo", "set", "x", "hw" },
		{ "servo", "del" },
		{ "servo", "del", "x" },
		{ "servo", "del", "3", "4" },
		{ "servo", "a", "3" },	/* add or adopt */
		{ "servo", "adopt" },
		{ "servo", "adopt", "3", "4" },
		{ "servo", "sample", "3" },
		{ "servo", "sample", "x", "offset", "1" },
		{ "servo", "sample", "3", "t1" },
		{ "servo", "sample", "3", "t1", "-5", "t2", "1" },
		{ "servo", "sample", "3", "offset", "1.5" },
		{ "servo", "sample", "3", "offset", "9223372036854775808" },
		{ "servo", "sample", "3", "seq", "65536", "offset", "1" },
		{ "servo", "sample", "3", "sync_interval", "5", "offset", "1" },
		{ "servo", "sample", "3", "bogus", "1" },
		{ "servo", "add", "clock", "phc0", "delay_filter", "moving_mean" },
		{ "servo", "add", "clock", "phc0", "tsproc_mode", "2" },
		{ "servo", "add", "clock", "phc0", "delay_filter_length", "0" },
		{ "servo", "set", "3", "hw_timestamping", "2" },
		{ "servo", "set", "3", "outlier_factor", "-1" },
		{ "servo", "show", "-1" },
		{ "clock", "show", "phc", "70000" },
		{ "clock", "show", "phc" },
		{ "clock", "show", "system", "extra" },
		{ "clock", "show", "ifname", "a-very-long-interface" },
		{ "clock", "frob" },
		{ "info", "extra" },
		{ "monitor", "extra" },
		{ "-d", "monitor", "-x" },
		{ "-x" },
		{ "--frob" },
	};
	unsigned int i;
	struct run r;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		run_init(&r);
		run_argv(&r, cases[i]);
		if (r.rc != CLI_USAGE || r.opens || !*mb_str(&r.err) ||
		    strncmp(mb_str(&r.err), "ptpk-cli: ", 10))
			FAIL("case %u (%s %s ...): rc %d, opens %u, stderr \"%s\"",
			     i, cases[i][0], cases[i][1] ? cases[i][1] : "",
			     r.rc, r.opens, mb_str(&r.err));
		run_fini(&r);
	}
	return 0;
}

static int test_prefixes_and_default(void)
{
	static const char *const dumps[][4] = {
		{ NULL }, { "c" }, { "cl", "sh" }, { "clock", "list" },
		{ "-j", "clock" },
	};
	unsigned int i;
	struct run r;

	for (i = 0; i < sizeof(dumps) / sizeof(dumps[0]); i++) {
		run_init(&r);
		r.fake.handler = answer_clocks;
		run_argv(&r, dumps[i]);
		if (r.rc || r.fake.n_requests != 1 ||
		    r.cmd != PTPK_CMD_CLOCK_GET || !(r.req.nlmsg_flags & NLM_F_DUMP))
			FAIL("case %u: rc %d, %u requests, cmd %u", i, r.rc,
			     r.fake.n_requests, r.cmd);
		run_fini(&r);
	}
	/* "d" is del and delete, which are the same command */
	run_init(&r);
	r.fake.handler = answer_servo;
	CHECK_INT(run(&r, "se", "d", "7", NULL), 0);
	CHECK_INT(r.cmd, PTPK_CMD_SERVO_DEL);
	CHECK_INT(r.servo.id, 7);
	CHECK(r.req.nlmsg_flags & NLM_F_ACK);
	run_fini(&r);
	return 0;
}

static int test_clock_show_table(void)
{
	struct run r;

	run_init(&r);
	r.fake.handler = answer_clocks;
	CHECK_INT(run(&r, "clock", "show", NULL), 0);
	CHECK_STR(mb_str(&r.out),
		  "INDEX  DEVICE     NAME            MAX-ADJ    PINS  EXTTS  PEROUT  PPS  NETDEVS\n"
		  "-      -          CLOCK_REALTIME  500000     0     0      0       -    -\n"
		  "0      /dev/ptp0  e1000e PHC      999999999  4     2      1       yes  eth0,eth1\n");
	CHECK_STR(mb_str(&r.err), "");
	run_fini(&r);
	return 0;
}

static int test_clock_show_selectors(void)
{
	struct run r;

	run_init(&r);
	r.fake.handler = answer_clocks;
	CHECK_INT(run(&r, "-j", "clock", "show", "phc", "0", NULL), 0);
	CHECK(!(r.req.nlmsg_flags & NLM_F_DUMP));
	CHECK_INT(r.sel.present, 1U << PTPK_A_CLOCK_PHC_INDEX);
	CHECK_INT(r.sel.phc_index, 0);
	CHECK_STR(mb_str(&r.out),
		  "[{\"type\":\"phc\",\"phc_index\":0,\"dev_path\":\"/dev/ptp0\","
		  "\"name\":\"e1000e PHC\",\"max_adj\":999999999,\"n_pins\":4,"
		  "\"n_ext_ts\":2,\"n_per_out\":1,\"pps\":true,\"netdevs\":"
		  "[{\"ifindex\":2,\"ifname\":\"eth0\"},{\"ifindex\":3,\"ifname\":\"eth1\"}]}]\n");
	run_fini(&r);

	run_init(&r);
	r.fake.handler = answer_clocks;
	CHECK_INT(run(&r, "clock", "show", "system", NULL), 0);
	CHECK_INT(r.sel.present, 1U << PTPK_A_CLOCK_TYPE);
	CHECK_INT(r.sel.type, PTPK_CLOCK_TYPE_SYSTEM);
	CHECK(strstr(mb_str(&r.out), "CLOCK_REALTIME") != NULL);
	run_fini(&r);

	run_init(&r);
	r.fake.handler = answer_clocks;
	CHECK_INT(run(&r, "clock", "show", "/dev/ptp3", NULL), 0);
	CHECK_INT(r.sel.present, 1U << PTPK_A_CLOCK_DEV_PATH);
	CHECK_STR(r.sel.dev_path, "/dev/ptp3");
	run_fini(&r);

	run_init(&r);
	r.fake.handler = answer_clocks;
	CHECK_INT(run(&r, "clock", "show", "ifname", "enp1s0", NULL), 0);
	CHECK_INT(r.sel.present, 1U << PTPK_A_CLOCK_IFNAME);
	CHECK_STR(r.sel.ifname, "enp1s0");
	run_fini(&r);

	run_init(&r);
	r.fake.handler = answer_clocks;
	CHECK_INT(run(&r, "clock", "show", "ifindex", "4", NULL), 0);
	CHECK_INT(r.sel.present, 1U << PTPK_A_CLOCK_IFINDEX);
	CHECK_INT(r.sel.ifindex, 4);
	run_fini(&r);
	return 0;
}

static int test_servo_add(void)
{
	struct nlattr *nest;
	struct nlmsghdr *w;
	struct run r;

	run_init(&r);
	r.fake.handler = answer_servo;
	CHECK_INT(run(&r, "-j", "servo", "add", "clock", "/dev/ptp1", "kind",
		      "linreg", "name", "test", "hw", "step_threshold", "0.5",
		      "first_step_threshold", "20e-6", "pi_integral_exponent",
		      "-0.3", "max_frequency", "1000000", "logSyncInterval",
		      "-7", "delay_filter", "moving_average", "tsproc_mode", "raw",
		      "outlier_factor", "4", NULL), 0);
	CHECK_STR(mb_str(&r.err), "");
	CHECK_INT(r.cmd, PTPK_CMD_SERVO_NEW);
	CHECK_INT(r.req.nlmsg_flags, NLM_F_REQUEST | NLM_F_ACK);
	/* in attribute order, hw as hw-ts 1 and never the old flag */
	w = want(PTPK_CMD_SERVO_NEW);
	nest = mnl_attr_nest_start(w, PTPK_A_SERVO_CLOCK);
	mnl_attr_put_strz(w, PTPK_A_CLOCK_DEV_PATH, "/dev/ptp1");
	mnl_attr_nest_end(w, nest);
	mnl_attr_put_u32(w, PTPK_A_SERVO_KIND, PTPK_SERVO_KIND_LINREG);
	mnl_attr_put_strz(w, PTPK_A_SERVO_NAME, "test");
	mnl_attr_put_u64(w, PTPK_A_SERVO_PI_INTEGRAL_EXPONENT,
			 (uint64_t)-300000000LL);
	mnl_attr_put_u64(w, PTPK_A_SERVO_STEP_THRESHOLD, 500000000);
	mnl_attr_put_u64(w, PTPK_A_SERVO_FIRST_STEP_THRESHOLD, 20000);
	mnl_attr_put_u32(w, PTPK_A_SERVO_MAX_FREQUENCY, 1000000);
	mnl_attr_put_u32(w, PTPK_A_SERVO_SYNC_INTERVAL, (uint32_t)-7);
	mnl_attr_put_u32(w, PTPK_A_SERVO_DELAY_FILTER,
			 PTPK_DELAY_FILTER_MOVING_AVERAGE);
	mnl_attr_put_u32(w, PTPK_A_SERVO_TSPROC_MODE, PTPK_TSPROC_MODE_RAW);
	mnl_attr_put_u32(w, PTPK_A_SERVO_OUTLIER_FACTOR, 4);
	mnl_attr_put_u32(w, PTPK_A_SERVO_HW_TS, 1);
	CHECK_INT(test_same_attrs(sent(&r), w), 0);
	CHECK_STR(mb_str(&r.out),
		  "{\"id\":9,\"name\":\"test\",\"kind\":\"linreg\",\"state\":\"s0\","
		  "\"state_name\":\"unlocked\",\"clock\":{\"type\":null,\"phc_index\":null,"
		  "\"dev_path\":\"/dev/ptp1\",\"name\":null,\"max_adj\":null,"
		  "\"n_pins\":null,\"n_ext_ts\":null,\"n_per_out\":null,\"pps\":null,"
		  "\"netdevs\":[]},\"hw_timestamping\":true,\"params\":"
		  "{\"pi_integral_exponent\":-0.3,\"step_threshold\":0.5,"
		  "\"first_step_threshold\":0.00002,\"max_frequency\":1000000,"
		  "\"logSyncInterval\":-7,\"delay_filter\":\"moving_average\","
		  "\"tsproc_mode\":\"raw\",\"outlier_factor\":4}}\n");
	run_fini(&r);

	/* kind defaults to pi; a bare word is an interface */
	run_init(&r);
	r.fake.handler = answer_servo;
	CHECK_INT(run(&r, "servo", "add", "clock", "eth0", NULL), 0);
	CHECK_INT(r.servo.kind, PTPK_SERVO_KIND_PI);
	CHECK_INT(r.servo.clock.present, 1U << PTPK_A_CLOCK_IFNAME);
	CHECK_STR(r.servo.clock.ifname, "eth0");
	CHECK_STR(mb_str(&r.out), "servo 9 clock eth0 kind pi state s0 (unlocked)\n");
	run_fini(&r);

	run_init(&r);
	r.fake.handler = answer_servo;
	CHECK_INT(run(&r, "servo", "add", "clock", "phc", "2", "kind", "pi", NULL), 0);
	CHECK_INT(r.servo.clock.present, 1U << PTPK_A_CLOCK_PHC_INDEX);
	CHECK_INT(r.servo.clock.phc_index, 2);
	run_fini(&r);
	return 0;
}

static int test_servo_show_set(void)
{
	struct nlmsghdr *w;
	struct run r;

	run_init(&r);
	r.fake.handler = answer_servo;
	CHECK_INT(run(&r, "servo", "show", "3", NULL), 0);
	CHECK_INT(r.cmd, PTPK_CMD_SERVO_GET);
	CHECK(!(r.req.nlmsg_flags & NLM_F_DUMP));
	CHECK_INT(r.servo.id, 3);
	CHECK_STR(mb_str(&r.out),
		  "servo 3 clock /dev/ptp0 kind pi state s2 (locked) name \"ptpkd eth0\" hw owner 4242\n"
		  "\toffset -12 ns freq +1234.567 ppb delay 9876 ns\n"
		  "\tsamples 5000000000 steps 1 resets 0 outliers 2 holdover +1200.5 ppb\n");
	run_fini(&r);

	run_init(&r);
	r.fake.handler = answer_servo;
	CHECK_INT(run(&r, "-d", "servo", "show", "3", NULL), 0);
	CHECK_STR(mb_str(&r.out),
		  "servo 3 clock /dev/ptp0 kind pi state s2 (locked) name \"ptpkd eth0\" hw owner 4242\n"
		  "\toffset -12 ns freq +1234.567 ppb delay 9876 ns\n"
		  "\tsamples 5000000000 steps 1 resets 0 outliers 2 holdover +1200.5 ppb\n"
		  "\tpi_proportional_const 0 pi_proportional_scale 0.7 pi_proportional_exponent -0.3 pi_proportional_norm_max 0.7\n"
		  "\tpi_integral_const 0 pi_integral_scale 0.3 pi_integral_exponent 0.4 pi_integral_norm_max 0.3\n"
		  "\tstep_threshold 0 first_step_threshold 0.00002 max_frequency 900000000 sanity_freq_limit 200000000\n"
		  "\tservo_offset_threshold 0 servo_num_offset_values 10 logSyncInterval -3 delay_filter moving_average\n"
		  "\tdelay_filter_length 10 tsproc_mode raw_weight write_phase_mode 0 outlier_factor 8\n");
	run_fini(&r);

	/* hw_timestamping both ways, as hw-ts */
	run_init(&r);
	r.fake.handler = answer_servo;
	CHECK_INT(run(&r, "servo", "set", "3", "hw_timestamping", "0", NULL), 0);
	CHECK_INT(r.cmd, PTPK_CMD_SERVO_SET);
	w = want(PTPK_CMD_SERVO_SET);
	mnl_attr_put_u32(w, PTPK_A_SERVO_ID, 3);
	mnl_attr_put_u32(w, PTPK_A_SERVO_HW_TS, 0);
	CHECK_INT(test_same_attrs(sent(&r), w), 0);
	run_fini(&r);

	run_init(&r);
	r.fake.handler = answer_servo;
	CHECK_INT(run(&r, "servo", "set", "3", "hw", "delay_filter_length",
		      "1024", NULL), 0);
	w = want(PTPK_CMD_SERVO_SET);
	mnl_attr_put_u32(w, PTPK_A_SERVO_ID, 3);
	mnl_attr_put_u32(w, PTPK_A_SERVO_DELAY_FILTER_LENGTH, 1024);
	mnl_attr_put_u32(w, PTPK_A_SERVO_HW_TS, 1);
	CHECK_INT(test_same_attrs(sent(&r), w), 0);
	run_fini(&r);

	run_init(&r);
	r.fake.handler = answer_servo;
	CHECK_INT(run(&r, "-p", "servo", NULL), 0);
	CHECK(r.req.nlmsg_flags & NLM_F_DUMP);
	CHECK_PREFIX(mb_str(&r.out), "[\n  {\n    \"id\": 3,\n");
	CHECK(strstr(mb_str(&r.out), "\n  },\n  {\n    \"id\": 4,\n    \"kind\": \"linreg\",\n"
		     "    \"hw_timestamping\": false\n  }\n]\n") != NULL);
	run_fini(&r);

	run_init(&r);
	r.fake.handler = answer_servo;
	CHECK_INT(run(&r, "servo", "set", "3", "pi_proportional_const", "0.7",
		      "servo_offset_threshold", "100", NULL), 0);
	CHECK_INT(r.cmd, PTPK_CMD_SERVO_SET);
	CHECK_INT(r.servo.present, (1ULL << PTPK_A_SERVO_ID) |
		  (1ULL << PTPK_A_SERVO_PI_PROPORTIONAL_CONST) |
		  (1ULL << PTPK_A_SERVO_OFFSET_THRESHOLD));
	CHECK_INT(r.servo.id, 3);
	CHECK_INT(r.servo.val[PTPK_A_SERVO_PI_PROPORTIONAL_CONST], 700000000);
	CHECK_INT(r.servo.val[PTPK_A_SERVO_OFFSET_THRESHOLD], 100);
	CHECK_PREFIX(mb_str(&r.out), "servo 3 clock /dev/ptp0");
	run_fini(&r);
	return 0;
}

static int test_eperm(void)
{
	struct run r;

	run_init(&r);
	r.fake.handler = answer_error;
	r.error = -EPERM;
	CHECK_INT(run(&r, "servo", "del", "3", NULL), CLI_FAIL);
	CHECK_INT(r.cmd, PTPK_CMD_SERVO_DEL);
	CHECK_STR(mb_str(&r.err),
		  "ptpk-cli: servo del: Operation not permitted (CAP_NET_ADMIN is needed)\n");
	run_fini(&r);
	return 0;
}

static int test_extack_printed(void)
{
	struct run r;

	run_init(&r);
	r.fake.handler = answer_error;
	r.error = -ENOENT;
	r.extack = "no servo with id 5";
	CHECK_INT(run(&r, "servo", "del", "5", NULL), CLI_FAIL);
	CHECK_STR(mb_str(&r.err), "Error: no servo with id 5.\n");
	run_fini(&r);

	/* without a message, the errno */
	run_init(&r);
	r.fake.handler = answer_error;
	r.error = -EBUSY;
	CHECK_INT(run(&r, "servo", "set", "5", "hw", NULL), CLI_FAIL);
	CHECK_STR(mb_str(&r.err), "ptpk-cli: servo set: Device or resource busy\n");
	run_fini(&r);
	return 0;
}

static int test_not_loaded(void)
{
	static const char *const cases[][4] = {
		{ NULL }, { "info" }, { "servo", "del", "1" }, { "monitor" },
	};
	unsigned int i;
	struct run r;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		run_init(&r);
		r.fake.no_family = true;
		run_argv(&r, cases[i]);
		CHECK_INT(r.rc, CLI_FAIL);
		CHECK_INT(r.opens, 1);
		CHECK_STR(mb_str(&r.err),
			  "ptpk-cli: the ptpk module is not loaded (genl family ptpk not found)\n");
		run_fini(&r);
	}
	return 0;
}

static void queue_events(struct fake *f, const struct nlmsghdr *unused)
{
	struct nlmsghdr *nlh;

	(void)unused;
	test_put_servo(fake_notify(f, PTPK_CMD_SERVO_CREATE_NTF));
	fake_flush(f);
	nlh = fake_notify(f, PTPK_CMD_SERVO_CHANGE_NTF);
	mnl_attr_put_u32(nlh, PTPK_A_SERVO_ID, 3);
	mnl_attr_put_u32(nlh, PTPK_A_SERVO_STATE, PTPK_SERVO_STATE_LOCKED_STABLE);
	/* not a notification: ignored */
	nlh = fake_notify(f, PTPK_CMD_SERVO_GET);
	mnl_attr_put_u32(nlh, PTPK_A_SERVO_ID, 77);
	test_put_sample(fake_notify(f, PTPK_CMD_SAMPLE_NTF));
	nlh = fake_notify(f, PTPK_CMD_SERVO_DELETE_NTF);
	mnl_attr_put_u32(nlh, PTPK_A_SERVO_ID, 3);
	fake_flush(f);
}

static int test_monitor(void)
{
	struct run r;

	run_init(&r);
	r.fake.on_join = queue_events;
	CHECK_INT(run(&r, "monitor", NULL), 0);
	CHECK_INT(r.fake.joined, TEST_MCGRP);
	CHECK_STR(mb_str(&r.out),
		  "servo 3 create clock /dev/ptp0 kind pi state s2 (locked) name \"ptpkd eth0\" hw"
		  " owner 4242 offset -12 ns freq +1234.567 ppb delay 9876 ns"
		  " samples 5000000000 steps 1 resets 0 outliers 2 holdover +1200.5 ppb\n"
		  "servo 3 change state s3 (locked-stable)\n"
		  "sample 3 seq 17 s2 offset -12 freq +1234.567 delay 9876 [stepped]\n"
		  "servo 3 delete\n");
	CHECK_STR(mb_str(&r.err), "");
	run_fini(&r);

	/* -d: parameters on the create line, raw delay and weight */
	run_init(&r);
	r.fake.on_join = queue_events;
	CHECK_INT(run(&r, "monitor", "-d", NULL), 0);
	CHECK(strstr(mb_str(&r.out),
		     " holdover +1200.5 ppb pi_proportional_const 0 pi_proportional_scale 0.7") != NULL);
	CHECK(strstr(mb_str(&r.out),
		     " logSyncInterval -3 delay_filter moving_average"
		     " delay_filter_length 10 tsproc_mode raw_weight write_phase_mode 0 outlier_factor 8\n"
		     "servo 3 change state s3 (locked-stable)\n"
		     "sample 3 seq 17 s2 offset -12 freq +1234.567 delay 9876"
		     " delay_raw 9900 weight 0.997575758 [stepped]\n"
		     "servo 3 delete\n") != NULL);
	run_fini(&r);

	run_init(&r);
	r.fake.on_join = queue_events;
	CHECK_INT(run(&r, "-p", "monitor", NULL), 0);
	CHECK_PREFIX(mb_str(&r.out), "{\"object\":\"servo\",\"event\":\"create\",\"id\":3,");
	CHECK(strstr(mb_str(&r.out),
		     "}\n{\"object\":\"servo\",\"event\":\"change\",\"id\":3,\"state\":\"s3\","
		     "\"state_name\":\"locked-stable\",\"hw_timestamping\":false}\n"
		     "{\"object\":\"servo\",\"event\":\"sample\",\"id\":3,\"seq_id\":17,"
		     "\"state\":\"s2\",\"state_name\":\"locked\",\"offset_ns\":-12,"
		     "\"freq_ppb\":1234.567,\"delay_ns\":9876,\"delay_raw_ns\":9900,"
		     "\"weight\":0.997575758,\"flags\":[\"stepped\"]}\n"
		     "{\"object\":\"servo\",\"event\":\"delete\",\"id\":3,"
		     "\"hw_timestamping\":false}\n") != NULL);
	run_fini(&r);
	return 0;
}

static int test_servo_adopt(void)
{
	struct nlmsghdr *w;
	struct run r;

	run_init(&r);
	r.fake.handler = answer_servo;
	CHECK_INT(run(&r, "servo", "adopt", "3", NULL), 0);
	CHECK_INT(r.cmd, PTPK_CMD_SERVO_ADOPT);
	CHECK_INT(r.req.nlmsg_flags, NLM_F_REQUEST | NLM_F_ACK);
	w = want(PTPK_CMD_SERVO_ADOPT);
	mnl_attr_put_u32(w, PTPK_A_SERVO_ID, 3);
	CHECK_INT(test_same_attrs(sent(&r), w), 0);
	CHECK_PREFIX(mb_str(&r.out),
		     "servo 3 clock /dev/ptp0 kind pi state s2 (locked) name \"ptpkd eth0\" hw owner 4242\n");
	run_fini(&r);

	/* someone else owns it */
	run_init(&r);
	r.fake.handler = answer_error;
	r.error = -EBUSY;
	r.extack = "the servo has a live owner";
	CHECK_INT(run(&r, "servo", "adopt", "3", NULL), CLI_FAIL);
	CHECK_STR(mb_str(&r.err), "Error: the servo has a live owner.\n");
	CHECK_STR(mb_str(&r.out), "");
	run_fini(&r);
	return 0;
}

static int test_servo_sample(void)
{
	struct nlmsghdr *w;
	struct run r;

	/* E2E, every field; no ack asked for */
	run_init(&r);
	r.fake.handler = answer_servo;
	CHECK_INT(run(&r, "servo", "sample", "3", "seq", "17", "sync_interval",
		      "-4", "t1", "1700000000000000000", "t2",
		      "1700000000000012345", "corr_sync", "-8", "t3", "5",
		      "t4", "6", "corr_delay", "1e3", NULL), 0);
	CHECK_STR(mb_str(&r.err), "");
	CHECK_INT(r.cmd, PTPK_CMD_SERVO_SAMPLE);
	CHECK_INT(r.req.nlmsg_flags, NLM_F_REQUEST);
	w = want(PTPK_CMD_SERVO_SAMPLE);
	mnl_attr_put_u32(w, PTPK_A_SAMPLE_ID, 3);
	mnl_attr_put_u32(w, PTPK_A_SAMPLE_SEQ_ID, 17);
	mnl_attr_put_u32(w, PTPK_A_SAMPLE_SYNC_INTERVAL, (uint32_t)-4);
	mnl_attr_put_u64(w, PTPK_A_SAMPLE_T1, 1700000000000000000ULL);
	mnl_attr_put_u64(w, PTPK_A_SAMPLE_T2, 1700000000000012345ULL);
	mnl_attr_put_u64(w, PTPK_A_SAMPLE_T3, 5);
	mnl_attr_put_u64(w, PTPK_A_SAMPLE_T4, 6);
	mnl_attr_put_u64(w, PTPK_A_SAMPLE_CORR_SYNC, (uint64_t)-8LL);
	mnl_attr_put_u64(w, PTPK_A_SAMPLE_CORR_DELAY, 1000);
	CHECK_INT(test_same_attrs(sent(&r), w), 0);
	CHECK_STR(mb_str(&r.out),
		  "sample 3 seq 17 s2 offset -12 freq +1234.567 delay 9876 [stepped]\n");
	run_fini(&r);

	/* direct, with -j and -d */
	run_init(&r);
	r.fake.handler = answer_servo;
	CHECK_INT(run(&r, "-j", "servo", "sample", "3", "offset", "-250",
		      "delay", "0", "local_ts", "0", NULL), 0);
	w = want(PTPK_CMD_SERVO_SAMPLE);
	mnl_attr_put_u32(w, PTPK_A_SAMPLE_ID, 3);
	mnl_attr_put_u64(w, PTPK_A_SAMPLE_OFFSET, (uint64_t)-250LL);
	mnl_attr_put_u64(w, PTPK_A_SAMPLE_LOCAL_TS, 0);
	mnl_attr_put_u64(w, PTPK_A_SAMPLE_DELAY, 0);
	CHECK_INT(test_same_attrs(sent(&r), w), 0);
	CHECK_STR(mb_str(&r.out),
		  "{\"id\":3,\"seq_id\":17,\"state\":\"s2\",\"state_name\":\"locked\","
		  "\"offset_ns\":-12,\"freq_ppb\":1234.567,\"delay_ns\":9876,"
		  "\"delay_raw_ns\":9900,\"weight\":0.997575758,\"flags\":[\"stepped\"]}\n");
	run_fini(&r);

	run_init(&r);
	r.fake.handler = answer_servo;
	CHECK_INT(run(&r, "-d", "se", "sa", "3", "peer_delay", "800", NULL), 0);
	w = want(PTPK_CMD_SERVO_SAMPLE);
	mnl_attr_put_u32(w, PTPK_A_SAMPLE_ID, 3);
	mnl_attr_put_u64(w, PTPK_A_SAMPLE_PEER_DELAY, 800);
	CHECK_INT(test_same_attrs(sent(&r), w), 0);
	CHECK_STR(mb_str(&r.out),
		  "sample 3 seq 17 s2 offset -12 freq +1234.567 delay 9876"
		  " delay_raw 9900 weight 0.997575758 [stepped]\n");
	run_fini(&r);
	return 0;
}

static int test_servo_sample_errors(void)
{
	struct run r;

	/* another socket owns the servo: the kernel says so */
	run_init(&r);
	r.fake.handler = answer_error;
	r.error = -EBUSY;
	r.extack = "the servo belongs to another socket";
	CHECK_INT(run(&r, "servo", "sample", "3", "offset", "5", NULL), CLI_FAIL);
	CHECK_INT(r.cmd, PTPK_CMD_SERVO_SAMPLE);
	CHECK_STR(mb_str(&r.err), "Error: the servo belongs to another socket.\n");
	CHECK_STR(mb_str(&r.out), "");
	run_fini(&r);

	/* orphaned, without a message: the errno */
	run_init(&r);
	r.fake.handler = answer_error;
	r.error = -EBUSY;
	CHECK_INT(run(&r, "servo", "sample", "3", "offset", "5", NULL), CLI_FAIL);
	CHECK_STR(mb_str(&r.err), "ptpk-cli: servo sample: Device or resource busy\n");
	run_fini(&r);

	run_init(&r);
	r.fake.handler = answer_error;
	r.error = -EPERM;
	CHECK_INT(run(&r, "servo", "sample", "3", "offset", "5", NULL), CLI_FAIL);
	CHECK_STR(mb_str(&r.err),
		  "ptpk-cli: servo sample: Operation not permitted (CAP_NET_ADMIN is needed)\n");
	run_fini(&r);

	/* usage errors say what is wrong */
	run_init(&r);
	CHECK_INT(run(&r, "servo", "sample", "3", "t1", "-5", "t2", "1", NULL),
		  CLI_USAGE);
	CHECK_STR(mb_str(&r.err),
		  "ptpk-cli: invalid t1 \"-5\": out of range (try \"ptpk-cli help\")\n");
	run_fini(&r);

	run_init(&r);
	CHECK_INT(run(&r, "servo", "add", "clock", "phc0", "delay_filter",
		      "median", NULL), CLI_USAGE);
	CHECK_STR(mb_str(&r.err),
		  "ptpk-cli: invalid delay_filter \"median\": not one of"
		  " moving_median|moving_average (try \"ptpk-cli help\")\n");
	run_fini(&r);
	return 0;
}

static int test_info_version_help(void)
{
	struct run r;

	run_init(&r);
	r.fake.handler = answer_info;
	CHECK_INT(run(&r, "info", NULL), 0);
	CHECK_STR(mb_str(&r.out), "version 0.1.0\napi 1\nkernel 6.1.0-18-amd64\n");
	run_fini(&r);

	run_init(&r);
	r.fake.handler = answer_info;
	CHECK_INT(run(&r, "-j", "i", NULL), 0);
	CHECK_PREFIX(mb_str(&r.out), "{\"version\":\"0.1.0\",\"api\":1,\"kernel\":\"6.1.0-18-amd64\",\"cli_version\":");
	run_fini(&r);

	run_init(&r);
	CHECK_INT(run(&r, "-V", NULL), 0);
	CHECK_PREFIX(mb_str(&r.out), "ptpk-cli ");
	CHECK(strstr(mb_str(&r.out), "(netlink API 1)\n") != NULL);
	run_fini(&r);

	run_init(&r);
	CHECK_INT(run(&r, "help", NULL), 0);
	CHECK(strstr(mb_str(&r.out), "servo add clock CLOCK") != NULL);
	CHECK(strstr(mb_str(&r.out), "logSyncInterval") != NULL);
	CHECK_INT(r.opens, 0);
	run_fini(&r);

	run_init(&r);
	CHECK_INT(run(&r, "servo", "help", NULL), 0);
	CHECK_PREFIX(mb_str(&r.out), "Usage: ptpk-cli servo show");
	run_fini(&r);
	return 0;
}

static const struct test cli_tests[] = {
	{ "cli: unknown object is a usage error, kernel untouched", test_unknown_object },
	{ "cli: usage errors are caught before any request", test_usage_errors },
	{ "cli: no arguments and prefixes run clock show", test_prefixes_and_default },
	{ "cli: clock show table via a dump", test_clock_show_table },
	{ "cli: clock show selectors and -j", test_clock_show_selectors },
	{ "cli: servo add encodes parameters in netlink units", test_servo_add },
	{ "cli: servo show, dump with -p, set", test_servo_show_set },
	{ "cli: EPERM says CAP_NET_ADMIN is needed", test_eperm },
	{ "cli: kernel extack message printed once", test_extack_printed },
	{ "cli: missing family means the module is not loaded", test_not_loaded },
	{ "cli: monitor prints one line per notification", test_monitor },
	{ "cli: servo adopt request, output, EBUSY", test_servo_adopt },
	{ "cli: servo sample requests byte for byte, text, -j, -d", test_servo_sample },
	{ "cli: servo sample errors: EBUSY with extack, EPERM, usage", test_servo_sample_errors },
	{ "cli: info, -V, help", test_info_version_help },
	{ NULL, NULL },
};
TEST_SUITE(cli_tests);
