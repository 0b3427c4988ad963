// SPDX-License-Identifier: GPL-2.0
/* ptp4l-compatible log lines, levels, syslog, rate limiting, formatters. */
#include "config.h"
#include "print.h"
#include "tests.h"

static struct timespec fake_now;

static void fake_clock(struct timespec *ts)
{
	*ts = fake_now;
}

static char sys_buf[4096];
static int sys_last_level;

static void fake_syslog(int level, const char *msg)
{
	size_t n = strlen(sys_buf);

	sys_last_level = level;
	snprintf(sys_buf + n, sizeof(sys_buf) - n, "<%d>%s\n", level, msg);
}

static struct membuf out, err;

static void setup(void)
{
	fake_now = (struct timespec){ 1234, 567890123 };
	sys_buf[0] = '\0';
	mb_open(&out);
	mb_open(&err);
	print_set_clock(fake_clock);
	print_set_files(out.f, err.f);
	print_set_syslog_fn(fake_syslog);
	print_set_progname("ptpkd");
	print_set_tag(NULL);
	print_set_level(LOG_INFO);
	print_set_verbose(true);
	print_set_syslog(false);
}

/* Back to the defaults, so other suites' messages go nowhere special. */
static void teardown(void)
{
	print_set_clock(NULL);
	print_set_files(NULL, NULL);
	print_set_syslog_fn(NULL);
	print_set_tag(NULL);
	print_set_level(LOG_INFO);
	print_set_verbose(false);
	print_set_syslog(true);
	mb_close(&out);
	mb_close(&err);
}

#define DONE(expr) do { int r_ = (expr); teardown(); return r_; } while (0)

static int check_lines(void)
{
	pr_info("port %d: hello", 1);
	CHECK_STR(mb_str(&out), "ptpkd[1234.567]: port 1: hello\n");
	fake_now.tv_nsec = 5000000;
	pr_notice("x");
	CHECK_STR(mb_str(&out),
		  "ptpkd[1234.567]: port 1: hello\nptpkd[1234.005]: x\n");
	CHECK_STR(mb_str(&err), "");
	/* warnings and errors go to stderr, as in ptp4l */
	pr_warning("w");
	pr_err("e %s", "!");
	CHECK_STR(mb_str(&err), "ptpkd[1234.005]: w\nptpkd[1234.005]: e !\n");
	/* the tag as ptp4l 3.1.1 prints it: verbatim, then a blank */
	print_set_tag("[ptp4l.0.config]");
	print_set_progname("ptp4l");
	pr_info("y");
	CHECK_STR(mb_str(&out),
		  "ptpkd[1234.567]: port 1: hello\nptpkd[1234.005]: x\n"
		  "ptp4l[1234.005]: [ptp4l.0.config] y\n");
	return 0;
}

static int test_lines(void)
{
	setup();
	DONE(check_lines());
}

static int check_levels(void)
{
	pr_debug("hidden");
	CHECK_STR(mb_str(&out), "");
	print_set_level(LOG_DEBUG);
	CHECK_INT(print_get_level(), 7);
	pr_debug("shown");
	CHECK_STR(mb_str(&out), "ptpkd[1234.567]: shown\n");
	print_set_level(LOG_ERR);
	pr_warning("no");
	pr_notice("no");
	pr_err("yes");
	CHECK_STR(mb_str(&out), "ptpkd[1234.567]: shown\n");
	CHECK_STR(mb_str(&err), "ptpkd[1234.567]: yes\n");
	print_set_level(0);
	pr_err("no");
	pr_emerg("em");
	CHECK_STR(mb_str(&err), "ptpkd[1234.567]: yes\nptpkd[1234.567]: em\n");
	return 0;
}

static int test_levels(void)
{
	setup();
	DONE(check_levels());
}

static int check_syslog(void)
{
	print_set_verbose(false);
	print_set_syslog(true);
	pr_info("a");
	print_set_tag("t");
	pr_err("b");
	pr_debug("c");
	CHECK_STR(sys_buf, "<6>[1234.567] a\n<3>[1234.567] t b\n");
	CHECK_STR(mb_str(&out), "");
	CHECK_STR(mb_str(&err), "");
	print_set_syslog(false);
	pr_info("d");
	CHECK_INT(sys_last_level, LOG_ERR);
	return 0;
}

static int test_syslog(void)
{
	setup();
	DONE(check_syslog());
}

/* -q -m -l 7 --message_tag=T as ptp4l's options would set them. */
static int check_setup_from_config(void)
{
	struct config *cfg = config_create(0);

	CHECK_INT(config_set_int(cfg, "use_syslog", 0), 0);
	CHECK_INT(config_set_int(cfg, "verbose", 1), 0);
	CHECK_INT(config_set_int(cfg, "logging_level", 7), 0);
	CHECK_INT(config_set_string(cfg, "message_tag", "T"), 0);
	print_setup(cfg, "ptpk-x");
	config_destroy(cfg);
	print_set_files(out.f, err.f);
	pr_debug("z");
	CHECK_STR(mb_str(&out), "ptpk-x[1234.567]: T z\n");
	CHECK_STR(sys_buf, "");
	/* the defaults: info, syslog, not verbose, no tag */
	cfg = config_create(0);
	print_setup(cfg, "ptpkd");
	config_destroy(cfg);
	pr_debug("no");
	pr_info("i");
	CHECK_STR(mb_str(&out), "ptpk-x[1234.567]: T z\n");
	CHECK_STR(sys_buf, "<6>[1234.567] i\n");
	return 0;
}

static int test_setup_from_config(void)
{
	setup();
	DONE(check_setup_from_config());
}

static void rl_site(int i)
{
	pr_info_rl("pkt %d", i);
}

static int check_rate_limit(void)
{
	char want[2048] = "";
	size_t n = 0;
	int i;

	fake_now = (struct timespec){ 100, 0 };
	for (i = 0; i < 15; i++)
		rl_site(i);
	for (i = 0; i < PRINT_RL_BURST; i++)
		n += snprintf(want + n, sizeof(want) - n,
			      "ptpkd[100.000]: pkt %d\n", i);
	CHECK_STR(mb_str(&out), want);
	fake_now.tv_nsec = 999999999;
	rl_site(15);
	CHECK_STR(mb_str(&out), want);
	fake_now = (struct timespec){ 101, 0 };
	rl_site(16);
	n += snprintf(want + n, sizeof(want) - n,
		      "ptpkd[101.000]: 6 similar messages suppressed\n"
		      "ptpkd[101.000]: pkt 16\n");
	CHECK_STR(mb_str(&out), want);
	/* another call site has its own budget */
	pr_info_rl("other");
	n += snprintf(want + n, sizeof(want) - n, "ptpkd[101.000]: other\n");
	CHECK_STR(mb_str(&out), want);
	/* filtered lines do not use the budget */
	for (i = 0; i < 20; i++)
		pr_debug_rl("dbg");
	CHECK_STR(mb_str(&out), want);
	return 0;
}

static int test_rate_limit(void)
{
	setup();
	DONE(check_rate_limit());
}

static int test_master_offset(void)
{
	char buf[128];

	CHECK_INT(fmt_master_offset(buf, sizeof(buf), -12, 2, -3456.4, 789),
		  61);
	CHECK_STR(buf, "master offset        -12 s2 freq   -3456 path delay       789");
	fmt_master_offset(buf, sizeof(buf), 1234567890123LL, 0, 0.0, -5);
	CHECK_STR(buf, "master offset 1234567890123 s0 freq      +0 path delay        -5");
	return 0;
}

static int test_port_state(void)
{
	char buf[160];

	fmt_port_state(buf, sizeof(buf), 1, NULL, PS_LISTENING, PS_MASTER,
		       EV_ANNOUNCE_RECEIPT_TIMEOUT_EXPIRES, FT_UNSPECIFIED);
	CHECK_STR(buf, "port 1: LISTENING to MASTER on ANNOUNCE_RECEIPT_TIMEOUT_EXPIRES");
	fmt_port_state(buf, sizeof(buf), 2, "eth0", PS_UNCALIBRATED, PS_SLAVE,
		       EV_MASTER_CLOCK_SELECTED, FT_UNSPECIFIED);
	CHECK_STR(buf, "port 2 (eth0): UNCALIBRATED to SLAVE on MASTER_CLOCK_SELECTED");
	fmt_port_state(buf, sizeof(buf), 65535, NULL, PS_SLAVE, PS_FAULTY,
		       EV_FAULT_DETECTED, FT_BAD_PEER_NETWORK);
	CHECK_STR(buf, "port 65535: SLAVE to FAULTY on FAULT_DETECTED (FT_BAD_PEER_NETWORK)");
	fmt_port_state(buf, sizeof(buf), 1, NULL, PS_INITIALIZING,
		       PS_LISTENING, EV_INIT_COMPLETE, FT_UNSPECIFIED);
	CHECK_STR(buf, "port 1: INITIALIZING to LISTENING on INIT_COMPLETE");
	return 0;
}

static int test_names(void)
{
	static const char *const states[] = {
		"NONE", "INITIALIZING", "FAULTY", "DISABLED", "LISTENING",
		"PRE_MASTER", "MASTER", "PASSIVE", "UNCALIBRATED", "SLAVE",
		"GRAND_MASTER",
	};
	static const struct { enum fsm_event ev; const char *name; } events[] = {
		{ EV_NONE, "NONE" }, { EV_POWERUP, "POWERUP" },
		{ EV_INITIALIZE, "INITIALIZE" },
		{ EV_DESIGNATED_ENABLED, "DESIGNATED_ENABLED" },
		{ EV_DESIGNATED_DISABLED, "DESIGNATED_DISABLED" },
		{ EV_FAULT_CLEARED, "FAULT_CLEARED" },
		{ EV_FAULT_DETECTED, "FAULT_DETECTED" },
		{ EV_STATE_DECISION_EVENT, "STATE_DECISION_EVENT" },
		{ EV_QUALIFICATION_TIMEOUT_EXPIRES,
		  "QUALIFICATION_TIMEOUT_EXPIRES" },
		{ EV_ANNOUNCE_RECEIPT_TIMEOUT_EXPIRES,
		  "ANNOUNCE_RECEIPT_TIMEOUT_EXPIRES" },
		{ EV_SYNCHRONIZATION_FAULT, "SYNCHRONIZATION_FAULT" },
		{ EV_MASTER_CLOCK_SELECTED, "MASTER_CLOCK_SELECTED" },
		{ EV_INIT_COMPLETE, "INIT_COMPLETE" },
		{ EV_RS_MASTER, "RS_MASTER" },
		{ EV_RS_GRAND_MASTER, "RS_GRAND_MASTER" },
		{ EV_RS_SLAVE, "RS_SLAVE" }, { EV_RS_PASSIVE, "RS_PASSIVE" },
	};
	unsigned int i;

	for (i = 0; i < sizeof(states) / sizeof(states[0]); i++)
		CHECK_STR(ps_str(i), states[i]);
	CHECK_STR(ps_str(PS_SLAVE), "SLAVE");
	CHECK_STR(ps_str(PS_PRE_MASTER), "PRE_MASTER");
	CHECK_STR(ps_str(11), "NONE");
	CHECK_STR(ps_str(-1), "NONE");
	CHECK_INT(FSM_EVENT_COUNT, 17);
	CHECK_INT(sizeof(events) / sizeof(events[0]), FSM_EVENT_COUNT);
	for (i = 0; i < FSM_EVENT_COUNT; i++)
		CHECK_STR(ev_str(events[i].ev), events[i].name);
	CHECK_STR(ev_str(EV_RS_SLAVE), "RS_SLAVE");
	CHECK_STR(ev_str(FSM_EVENT_COUNT), "NONE");
	CHECK_STR(ft_str(FT_SWITCH_PHC), "FT_SWITCH_PHC");
	CHECK_STR(ft_str(FT_COUNT), "FT_UNSPECIFIED");
	return 0;
}

static const struct test print_tests[] = {
	{ "print: prefix, tag, stdout and stderr", test_lines },
	{ "print: logging_level filters", test_levels },
	{ "print: syslog", test_syslog },
	{ "print: set up from the config", test_setup_from_config },
	{ "print: rate limit per call site", test_rate_limit },
	{ "print: master offset line", test_master_offset },
	{ "print: port state change lines", test_port_state },
	{ "print: state, event and fault names", test_names },
	{ NULL, NULL },
};

TEST_SUITE(print_tests);
