// SPDX-License-Identifier: GPL-2.0
/* ptpk-phc2sys's automatic mode (-a -r -r): the plan after port state
 * changes, as phc2sys 3.1.1 makes it; its options; the management messages
 * it sends and the notifications it parses. */
#include <string.h>

#include "auto.h"
#include "options.h"
#include "pmc.h"
#include "../phc2sys/print.h"
#include "tests.h"

static const uint8_t cid[8] = { 1, 2, 3, 0xff, 0xfe, 4, 5, 6 };

/* pb1 (PHC 1) and pb2 (PHC 2): ptp4l's ports 1 and 2, and -r (rt 1 or 2). */
static void two_ports(struct p2s_auto *a, int s1, int s2, unsigned int rt)
{
	p2s_auto_init(a);
	p2s_auto_add_port(a, 1, "pb1", 1, s1);
	p2s_auto_add_port(a, 2, "pb2", 2, s2);
	p2s_auto_ports_done(a);
	if (rt)
		p2s_auto_add_rt(a, rt == 1);
}

static int test_auto_failover(void)
{
	static struct p2s_auto a;

	p2s_print_setup(LOG_EMERG, false, false, NULL);	/* quiet */
	two_ports(&a, PMC_PS_SLAVE, PMC_PS_MASTER, 1);
	CHECK(a.state_changed);
	p2s_auto_reconfigure(&a);
	CHECK(!a.state_changed);
	CHECK_INT(a.master, 0);
	CHECK_INT(p2s_auto_source_of(&a, 0), -1);
	CHECK_INT(p2s_auto_source_of(&a, 1), 0);	/* pb1 -> pb2 */
	CHECK_INT(p2s_auto_source_of(&a, 2), 0);	/* pb1 -> CLOCK_REALTIME */
	CHECK(a.clock[1].reset && a.clock[2].reset);	/* new MASTERs */
	a.clock[1].reset = a.clock[2].reset = false;

	/* the same state again changes nothing */
	p2s_auto_port_event(&a, cid, 1, PMC_PS_SLAVE);
	CHECK(!a.state_changed);
	/* both ports change before phc2sys looks: a direct failover */
	p2s_auto_port_event(&a, cid, 2, PMC_PS_SLAVE);
	p2s_auto_port_event(&a, cid, 1, PMC_PS_MASTER);
	CHECK(a.state_changed);
	p2s_auto_reconfigure(&a);
	CHECK_INT(a.master, 1);
	CHECK_INT(p2s_auto_source_of(&a, 0), 1);	/* pb2 -> pb1 */
	CHECK_INT(p2s_auto_source_of(&a, 2), 1);	/* pb2 -> CLOCK_REALTIME */
	CHECK(a.clock[0].reset);	/* pb1 became MASTER: a new servo */
	CHECK(!a.clock[2].reset);	/* the system clock keeps its servo */
	a.clock[0].reset = false;
	/* and back, through LISTENING and UNCALIBRATED */
	p2s_auto_port_event(&a, cid, 2, 4 /* LISTENING */);
	p2s_auto_reconfigure(&a);
	/* no source and -r only: phc2sys's default clock, the first port's */
	CHECK_INT(a.master, 0);
	CHECK_INT(p2s_auto_source_of(&a, 1), 0);
	CHECK_INT(p2s_auto_source_of(&a, 2), -1);
	p2s_auto_port_event(&a, cid, 1, PMC_PS_UNCALIBRATED);
	p2s_auto_reconfigure(&a);
	CHECK_INT(a.master, -1);	/* master clock not ready */
	p2s_auto_port_event(&a, cid, 1, PMC_PS_SLAVE);
	p2s_auto_port_event(&a, cid, 2, PMC_PS_MASTER);
	p2s_auto_reconfigure(&a);
	CHECK_INT(a.master, 0);
	CHECK_INT(p2s_auto_source_of(&a, 1), 0);
	CHECK_INT(p2s_auto_source_of(&a, 2), 0);
	/* the system clock was no destination meanwhile: reset, as phc2sys */
	CHECK(a.clock[2].reset);
	/* unknown port: ignored */
	p2s_auto_port_event(&a, cid, 9, PMC_PS_SLAVE);
	CHECK(!a.state_changed);
	return 0;
}

static int test_auto_no_slave(void)
{
	static struct p2s_auto a;

	p2s_print_setup(LOG_EMERG, false, false, NULL);
	/* -r -r, all MASTER: the system clock is the source */
	two_ports(&a, PMC_PS_MASTER, PMC_PS_MASTER, 2);
	p2s_auto_reconfigure(&a);
	CHECK_INT(a.master, 2);
	CHECK_INT(p2s_auto_source_of(&a, 0), 2);
	CHECK_INT(p2s_auto_source_of(&a, 1), 2);
	CHECK_INT(p2s_auto_source_of(&a, 2), -1);
	/* -r, all MASTER: phc2sys's default clock (the first port's) */
	two_ports(&a, PMC_PS_MASTER, PMC_PS_MASTER, 1);
	p2s_auto_reconfigure(&a);
	CHECK_INT(a.master, 0);
	CHECK_INT(p2s_auto_source_of(&a, 1), 0);
	CHECK_INT(p2s_auto_source_of(&a, 2), -1);
	/* one slave port and no -r: nothing to synchronize */
	p2s_auto_init(&a);
	p2s_auto_add_port(&a, 1, "pb1", 1, PMC_PS_SLAVE);
	p2s_auto_ports_done(&a);
	p2s_auto_reconfigure(&a);
	CHECK_INT(a.master, -1);
	/* two ports on one PHC are one clock; the same PHC under two names
	 * is skipped */
	p2s_auto_init(&a);
	p2s_auto_add_port(&a, 1, "pb1", 1, PMC_PS_SLAVE);
	p2s_auto_add_port(&a, 2, "pb1", 1, PMC_PS_MASTER);
	p2s_auto_add_port(&a, 3, "pc", 3, PMC_PS_MASTER);
	p2s_auto_add_port(&a, 4, "pc.vlan", 3, PMC_PS_MASTER);
	CHECK_INT(a.n_clocks, 3);
	p2s_auto_ports_done(&a);
	CHECK_INT(a.clock[0].new_state, PMC_PS_SLAVE);
	p2s_auto_reconfigure(&a);
	CHECK_INT(a.master, 0);
	CHECK(a.clock[2].dst && !a.clock[1].dst);	/* newest first */
	CHECK_INT(p2s_auto_source_of(&a, 2), 0);
	CHECK_INT(p2s_auto_source_of(&a, 1), -1);
	return 0;
}

static int parse(struct p2s_opts *o, const char *const *args)
{
	char *argv[16];
	int argc = 0, rc;
	FILE *null = fopen("/dev/null", "w");

	argv[argc++] = (char *)"ptpk-phc2sys";
	while (*args)
		argv[argc++] = (char *)*args++;
	argv[argc] = NULL;
	rc = p2s_parse(o, argc, argv, null, null);
	fclose(null);
	return rc;
}

static int test_auto_options(void)
{
	static const char *const ar[] = { "-a", "-r", "-r", "-m", NULL };
	static const char *const a[] = { "-a", NULL };
	static const char *const as[] = { "-a", "-s", "eth0", NULL };
	static const char *const aw[] = { "-a", "-r", "-w", NULL };
	static const char *const ao[] = { "-a", "-O", "0", NULL };
	static const char *const ac[] = { "-a", "-c", "CLOCK_REALTIME", NULL };
	struct p2s_opts o;

	CHECK_INT(parse(&o, ar), P2S_RUN);
	CHECK(o.autocfg);
	CHECK_INT(o.realtime, 2);
	CHECK_INT(parse(&o, a), P2S_RUN);
	CHECK_INT(o.realtime, 0);
	CHECK_INT(parse(&o, as), P2S_EXIT_USAGE);
	CHECK_INT(parse(&o, aw), P2S_EXIT_USAGE);
	CHECK_INT(parse(&o, ao), P2S_EXIT_USAGE);
	CHECK_INT(parse(&o, ac), P2S_EXIT_USAGE);
	return 0;
}

static int test_pmc_subscribe_notify(void)
{
	uint8_t m[256], sub[66];
	struct pmc_msg pm;
	char pid[32];
	size_t len;

	/* SET SUBSCRIBE_EVENTS_NP to all ports, port-state events for 180 s */
	len = pmc_build(m, sizeof(m), PMC_ACTION_SET, PMC_SUBSCRIBE_EVENTS_NP,
			5, 0, 77, PMC_PORT_ALL, sub,
			pmc_subscribe_data(sub, PMC_SUBSCRIBE_DURATION));
	CHECK_INT(len, 54 + 66);
	CHECK_INT(m[2] << 8 | m[3], 120);
	CHECK_INT(m[46], PMC_ACTION_SET);
	CHECK_INT(m[50] << 8 | m[51], 68);
	CHECK_INT(m[52] << 8 | m[53], 0xc003);
	CHECK_INT(m[54] << 8 | m[55], 180);
	CHECK_INT(m[56], 1);
	CHECK_INT(m[57], 0);
	/* GET PORT_PROPERTIES_NP of port 2 */
	len = pmc_build(m, sizeof(m), PMC_ACTION_GET, PMC_PORT_PROPERTIES_NP,
			6, 0, 77, 2, NULL, 0);
	CHECK_INT(len, 54);
	CHECK_INT(m[42] << 8 | m[43], 2);
	CHECK_INT(m[34], 0xff);
	CHECK_INT(pmc_build(m, 60, PMC_ACTION_SET, 1, 1, 0, 1, 1, sub, 66), 0);

	/* a notification: RESPONSE, PORT_DATA_SET from ptp4l's port 1 */
	memset(m, 0, sizeof(m));
	len = pmc_build(m, sizeof(m), PMC_ACTION_RESPONSE, PMC_PORT_DATA_SET,
			99, 0, 1, PMC_PORT_ALL, (const uint8_t[12]){
				1, 2, 3, 0xff, 0xfe, 4, 5, 6, 0, 1,
				PMC_PS_SLAVE, 0 }, 12);
	memcpy(m + 20, cid, 8);
	CHECK_INT(pmc_parse(m, len, &pm), 0);
	CHECK_INT(pm.action, PMC_ACTION_RESPONSE);
	CHECK_INT(pm.id, PMC_PORT_DATA_SET);
	CHECK_INT(pm.seq, 99);
	CHECK_INT(pm.len, 12);
	CHECK_INT(pm.data[10], PMC_PS_SLAVE);
	CHECK(!memcmp(pm.clock_id, cid, 8) && !pm.error);
	CHECK_INT(pmc_parse(m, 40, &pm), -1);
	CHECK_STR(pmc_pid_str(cid, 1, pid, sizeof(pid)), "010203.fffe.040506-1");
	/* an error status for a GET of PORT_PROPERTIES_NP */
	m[48] = 0;
	m[49] = 2;
	m[54] = 0xc0;
	m[55] = 0x04;
	CHECK_INT(pmc_parse(m, len, &pm), 0);
	CHECK(pm.error);
	CHECK_INT(pm.id, PMC_PORT_PROPERTIES_NP);
	return 0;
}

static const struct test p2s_auto_tests[] = {
	{ "phc2sys -a: plan, failover, back through LISTENING and UNCALIBRATED", test_auto_failover },
	{ "phc2sys -a: no slave port (-r -r, default clock), shared PHCs", test_auto_no_slave },
	{ "phc2sys -a: options, no mixing with manual ones", test_auto_options },
	{ "phc2sys -a: SUBSCRIBE_EVENTS_NP, PORT_PROPERTIES_NP, notifications", test_pmc_subscribe_notify },
	{ NULL, NULL },
};

TEST_SUITE(p2s_auto_tests);
