// SPDX-License-Identifier: GPL-2.0
/*
 * What the clock accepts before it opens anything: twoStepFlag and
 * time_stamping reconciled as ptp4l 3.1.1 does it (with its words), and
 * what is still refused.
 */
#include "clock.h"
#include "config.h"
#include "print.h"
#include "tests.h"

static struct membuf err;

/* check a config made of KEY VALUE pairs; the log goes to err */
static int check(struct config **cfg, const char *const *kv)
{
	char msg[160];

	*cfg = config_create(0);
	if (!*cfg)
		return -2;
	for (; kv && kv[0]; kv += 2)
		if (config_set_text(*cfg, kv[0], kv[1], msg, sizeof(msg)))
			return -3;
	mb_open(&err);
	print_set_files(err.f, err.f);
	print_set_verbose(true);
	print_set_syslog(false);
	print_set_level(LOG_DEBUG);	/* ptp4l says these at debug level */
	return clock_check_config(*cfg);
}

static void done(struct config *cfg)
{
	print_set_files(NULL, NULL);
	print_set_verbose(false);
	print_set_syslog(true);
	print_set_level(LOG_INFO);
	mb_close(&err);
	config_destroy(cfg);
}

#define LOGGED(s) (strstr(mb_str(&err), (s)) != NULL)

static int test_two_step_default(void)
{
	struct config *cfg;
	int rc = check(&cfg, NULL);

	CHECK_INT(rc, 0);
	CHECK_INT(config_get_int(cfg, NULL, "time_stamping"), TS_HARDWARE);
	CHECK_INT(config_get_int(cfg, NULL, "twoStepFlag"), 1);
	done(cfg);
	return 0;
}

static int test_upgrade_to_onestep(void)
{
	static const char *const kv[] = { "twoStepFlag", "0", NULL };
	struct config *cfg;
	int rc = check(&cfg, kv);

	CHECK_INT(rc, 0);
	CHECK_INT(config_get_int(cfg, NULL, "time_stamping"), TS_ONESTEP);
	CHECK(LOGGED("upgrading to one step time stamping in order to match the twoStepFlag"));
	done(cfg);
	return 0;
}

static int test_onestep_clears_flag(void)
{
	static const char *const kv[] = { "time_stamping", "onestep", NULL };
	struct config *cfg;
	int rc = check(&cfg, kv);

	CHECK_INT(rc, 0);
	CHECK_INT(config_get_int(cfg, NULL, "twoStepFlag"), 0);
	CHECK(LOGGED("one step mode implies twoStepFlag=0, clearing twoStepFlag to match"));
	done(cfg);
	return 0;
}

static int test_onestep_software_refused(void)
{
	static const char *const kv[] = { "twoStepFlag", "0",
					  "time_stamping", "software", NULL };
	struct config *cfg;
	int rc = check(&cfg, kv);

	CHECK_INT(rc, -1);
	CHECK(LOGGED("one step is only possible with hardware time stamping"));
	done(cfg);
	return 0;
}

static int test_many_ports(void)
{
	char name[16];
	struct config *cfg;
	int i, rc = check(&cfg, NULL);

	CHECK_INT(rc, 0);
	/* a boundary clock: up to CLOCK_MAX_PORTS interfaces */
	for (i = 0; i < CLOCK_MAX_PORTS; i++) {
		snprintf(name, sizeof(name), "eth%d", i);
		CHECK(config_add_interface(cfg, name) >= 0);
	}
	CHECK_INT(clock_check_config(cfg), 0);
	CHECK(config_add_interface(cfg, "one-too-many") >= 0);
	CHECK_INT(clock_check_config(cfg), -1);
	CHECK(LOGGED("at most 16 interfaces"));
	done(cfg);
	return 0;
}

/* ptp4l's rules for a transparent clock, and the one-step refusal */
static int test_tc(void)
{
	static const char *const e2e[] = { "clock_type", "E2E_TC", NULL };
	static const char *const p2p[] = { "clock_type", "P2P_TC", NULL };
	static const char *const p2p_ok[] = { "clock_type", "P2P_TC",
					      "delay_mechanism", "P2P", NULL };
	static const char *const onestep[] = { "clock_type", "E2E_TC",
					       "twoStepFlag", "0", NULL };
	struct config *cfg;

	CHECK_INT(check(&cfg, e2e), -1);
	CHECK(LOGGED("TC needs at least two interfaces"));
	CHECK(config_add_interface(cfg, "eth0") >= 0);
	CHECK(config_add_interface(cfg, "eth1") >= 0);
	CHECK_INT(clock_check_config(cfg), 0);
	done(cfg);

	CHECK_INT(check(&cfg, p2p), -1);
	CHECK(config_add_interface(cfg, "eth0") >= 0);
	CHECK(config_add_interface(cfg, "eth1") >= 0);
	CHECK_INT(clock_check_config(cfg), -1);
	CHECK(LOGGED("P2P_TC needs P2P delay mechanism"));
	done(cfg);

	CHECK_INT(check(&cfg, p2p_ok), -1);
	CHECK(config_add_interface(cfg, "eth0") >= 0);
	CHECK(config_add_interface(cfg, "eth1") >= 0);
	CHECK_INT(clock_check_config(cfg), 0);
	done(cfg);

	CHECK_INT(check(&cfg, onestep), -1);
	CHECK(config_add_interface(cfg, "eth0") >= 0);
	CHECK(config_add_interface(cfg, "eth1") >= 0);
	CHECK_INT(clock_check_config(cfg), -1);
	CHECK(LOGGED("a transparent clock needs two-step time stamping"));
	done(cfg);
	return 0;
}

/* gmCapable 0 with slaveOnly is refused, as ptp4l; alone it is fine */
static int test_gm_capable(void)
{
	static const char *const both[] = { "gmCapable", "0",
					    "slaveOnly", "1", NULL };
	static const char *const gm[] = { "gmCapable", "0", NULL };
	struct config *cfg;
	int rc = check(&cfg, both);

	CHECK_INT(rc, -1);
	CHECK(LOGGED("Cannot mix 1588 slaveOnly with 802.1AS !gmCapable"));
	done(cfg);
	rc = check(&cfg, gm);
	CHECK_INT(rc, 0);
	done(cfg);
	return 0;
}

static const struct test clock_config_tests[] = {
	{ "clock config: two-step by default", test_two_step_default },
	{ "clock config: twoStepFlag 0 upgrades to onestep", test_upgrade_to_onestep },
	{ "clock config: onestep clears twoStepFlag", test_onestep_clears_flag },
	{ "clock config: one-step with software time stamping refused", test_onestep_software_refused },
	{ "clock config: a boundary clock of up to 16 ports", test_many_ports },
	{ "clock config: transparent clocks as ptp4l checks them", test_tc },
	{ "clock config: gmCapable 0 and slaveOnly", test_gm_capable },
	{ NULL, NULL },
};
TEST_SUITE(clock_config_tests);
