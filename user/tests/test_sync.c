// SPDX-License-Identifier: GPL-2.0
/* libptpk sync jobs, ptpk-cli sync, and ptpk-phc2sys's options and pmc. */
#include <errno.h>

#include "cli.h"
#include "job.h"
#include "options.h"
#include "pmc.h"
#include "tests.h"

static void put_job(struct nlmsghdr *nlh)
{
	struct nlattr *nest;

	mnl_attr_put_u32(nlh, PTPK_A_SYNC_ID, 2);
	mnl_attr_put_u32(nlh, PTPK_A_SYNC_SERVO, 3);
	nest = mnl_attr_nest_start(nlh, PTPK_A_SYNC_SOURCE);
	test_put_phc_clock(nlh);
	mnl_attr_nest_end(nlh, nest);
	mnl_attr_put_u32(nlh, PTPK_A_SYNC_RATE, 8000);
	mnl_attr_put_u32(nlh, PTPK_A_SYNC_READINGS, 5);
	mnl_attr_put_u32(nlh, PTPK_A_SYNC_UTC_OFFSET, (uint32_t)-37);
	mnl_attr_put_u64(nlh, PTPK_A_SYNC_OFFSET, (uint64_t)-12LL);
	mnl_attr_put_u64(nlh, PTPK_A_SYNC_DELAY, 1500);
	mnl_attr_put_u64(nlh, PTPK_A_SYNC_N_MEASUREMENTS, 100);
	mnl_attr_put_u64(nlh, PTPK_A_SYNC_N_REJECTED, 1);
	mnl_attr_put_u32(nlh, 200, 1);	/* newer than us */
}

static int test_sync_parse(void)
{
	char buf[2048] __attribute__((aligned(8)));
	struct nlmsghdr *nlh = test_genl_msg(buf, TEST_FAMILY,
					     PTPK_CMD_SYNC_GET, 0, 1, 0);
	struct ptpk_sync j;

	put_job(nlh);
	CHECK_INT(ptpk_sync_parse(nlh, &j), 0);
	CHECK_INT(j.id, 2);
	CHECK_INT(j.servo, 3);
	CHECK_STR(j.source.dev_path, "/dev/ptp0");
	CHECK_INT(j.rate, 8000);
	CHECK_INT(j.utc_offset, -37);
	CHECK_INT(j.offset, -12);
	CHECK_INT(j.n_rejected, 1);
	/* a u32 where a u64 belongs */
	nlh = test_genl_msg(buf, TEST_FAMILY, PTPK_CMD_SYNC_GET, 0, 1, 0);
	mnl_attr_put_u32(nlh, PTPK_A_SYNC_OFFSET, 1);
	CHECK_INT(ptpk_sync_parse(nlh, &j), -EPROTO);
	return 0;
}

static int test_sync_put(void)
{
	char buf[1024] __attribute__((aligned(8)));
	char want[1024] __attribute__((aligned(8)));
	struct nlmsghdr *nlh = test_genl_msg(buf, TEST_FAMILY,
					     PTPK_CMD_SYNC_NEW, 0, 1, 0);
	struct nlmsghdr *w = test_genl_msg(want, TEST_FAMILY,
					   PTPK_CMD_SYNC_NEW, 0, 1, 0);
	struct ptpk_sync req = { .id = 9, .servo = 3, .rate = 8000 };
	struct nlattr *nest;

	PTPK_SET(&req, PTPK_A_SYNC_ID);	/* not for sync-new */
	PTPK_SET(&req, PTPK_A_SYNC_SERVO);
	PTPK_SET(&req, PTPK_A_SYNC_RATE);
	p2s_clock_sel("CLOCK_REALTIME", &req.source);
	PTPK_SET(&req, PTPK_A_SYNC_SOURCE);
	ptpk_sync_put(nlh, &req, PTPK_CMD_SYNC_NEW);
	mnl_attr_put_u32(w, PTPK_A_SYNC_SERVO, 3);
	nest = mnl_attr_nest_start(w, PTPK_A_SYNC_SOURCE);
	mnl_attr_put_u32(w, PTPK_A_CLOCK_TYPE, PTPK_CLOCK_TYPE_SYSTEM);
	mnl_attr_nest_end(w, nest);
	mnl_attr_put_u32(w, PTPK_A_SYNC_RATE, 8000);
	return test_same_attrs(nlh, w);
}

static void dump_handler(struct fake *f, const struct nlmsghdr *req)
{
	struct nlmsghdr *nlh;

	nlh = fake_reply(f, req, PTPK_CMD_SYNC_GET, NLM_F_MULTI);
	put_job(nlh);
	fake_done(f, req);
	fake_flush(f);
}

static int fake_open(struct cli *c, struct ptpk **pp)
{
	return ptpk_open_transport(pp, &fake_transport, c->open_priv,
				   TEST_PORTID);
}

static int run_cli(struct fake *f, struct membuf *out, int argc, char **argv)
{
	struct membuf err;
	struct cli c;
	int rc;

	mb_open(&err);
	cli_init(&c);
	c.out = out->f;
	c.err = err.f;
	c.open = fake_open;
	c.open_priv = f;
	rc = cli_main(&c, argc, argv);
	cli_cleanup(&c);
	mb_close(&err);
	return rc;
}

static int test_cli_sync_show(void)
{
	char *table[] = { "ptpk-cli", "sync", "show", NULL };
	char *json[] = { "ptpk-cli", "-j", "sync", NULL };
	char *bad[] = { "ptpk-cli", "sync", "set", "2", "rate", "x", NULL };
	struct membuf out;
	struct fake f;
	int rc;

	fake_init(&f);
	f.handler = dump_handler;
	mb_open(&out);
	rc = run_cli(&f, &out, 3, table);
	if (rc) {
		mb_close(&out);
		FAIL("rc %d", rc);
	}
	CHECK_STR(mb_str(&out),
		  "ID  SERVO  SOURCE     RATE  READINGS  UTC_OFFSET  OFFSET  DELAY    MEASURED  REJECTED\n"
		  "2   3      /dev/ptp0  8 Hz  5         -37 s       -12 ns  1500 ns  100       1\n");
	mb_close(&out);
	mb_open(&out);
	CHECK_INT(run_cli(&f, &out, 3, json), 0);
	CHECK_PREFIX(mb_str(&out), "[{\"id\":2,\"servo\":3,\"source\":{");
	mb_close(&out);
	mb_open(&out);
	CHECK_INT(run_cli(&f, &out, 6, bad), CLI_USAGE);
	mb_close(&out);
	return 0;
}

static int parse(struct p2s_opts *o, const char *const *args)
{
	char *argv[32];
	struct membuf out, err;
	int argc = 0, rc;

	argv[argc++] = (char *)"ptpk-phc2sys";
	while (*args)
		argv[argc++] = (char *)*args++;
	argv[argc] = NULL;
	mb_open(&out);
	mb_open(&err);
	rc = p2s_parse(o, argc, argv, out.f, err.f);
	mb_close(&out);
	mb_close(&err);
	return rc;
}

static int test_p2s_options(void)
{
	static const char *const good[] = { "-s", "eth0", "-R", "8", "-N", "3",
		"-P", "0.5", "-O", "-37", "-u", "16", "-m", "-q", NULL };
	static const char *const nosrc[] = { "-m", NULL };
	static const char *const badrate[] = { "-s", "eth0", "-R", "x", NULL };
	static const char *const autom[] = { "-a", "-r", "-s", "eth0", NULL };
	static const char *const same[] = { "-s", "CLOCK_REALTIME", NULL };
	static const char *const missing[] = { "-s", NULL };
	struct p2s_opts o;
	struct ptpk_servo s;

	CHECK_INT(parse(&o, good), P2S_RUN);
	CHECK_STR(o.src, "eth0");
	CHECK_STR(o.dst, "CLOCK_REALTIME");
	CHECK_INT(o.readings, 3);
	CHECK_INT(o.summary, 16);
	CHECK(o.verbose && !o.syslog && o.forced_offset);
	CHECK_INT(p2s_utc_offset(&o, true, 37), -37);
	p2s_servo_req(&o, &s);
	CHECK_INT(s.val[PTPK_A_SERVO_SYNC_INTERVAL], -3);
	CHECK_INT(s.val[PTPK_A_SERVO_PI_PROPORTIONAL_CONST], 500000000);
	CHECK_INT(s.val[PTPK_A_SERVO_FIRST_STEP_THRESHOLD], 20000);
	CHECK(s.clock.type == PTPK_CLOCK_TYPE_SYSTEM);
	o.forced_offset = false;
	CHECK_INT(p2s_utc_offset(&o, true, 37), -37);	/* PHC -> UTC */
	o.dst = "/dev/ptp1";
	o.src = "CLOCK_REALTIME";
	CHECK_INT(p2s_utc_offset(&o, true, 37), 37);
	o.src = "eth0";
	CHECK_INT(p2s_utc_offset(&o, true, 37), 0);
	CHECK_INT(p2s_utc_offset(&o, false, 37), 0);
	CHECK_INT(parse(&o, nosrc), P2S_EXIT_USAGE);
	CHECK_INT(parse(&o, badrate), P2S_EXIT_USAGE);
	CHECK_INT(parse(&o, autom), P2S_EXIT_USAGE);
	CHECK_INT(parse(&o, same), P2S_EXIT_USAGE);
	CHECK_INT(parse(&o, missing), P2S_EXIT_USAGE);
	return 0;
}

static int test_pmc_messages(void)
{
	uint8_t m[64];
	size_t len, dlen;

	len = pmc_build_get(m, PMC_PORT_DATA_SET, 7, 0, 1234);
	CHECK_INT(len, 54);
	CHECK_INT(m[0], 0x0d);
	CHECK_INT(m[46], 0);
	/* a GET is not a response */
	CHECK_INT(pmc_response_data(m, len, PMC_PORT_DATA_SET, 7, &dlen), -1);
	m[46] = 2;
	m[2] = 0;
	m[3] = 64;
	m[50] = 0;
	m[51] = 2 + 10;
	CHECK_INT(pmc_response_data(m, 64, PMC_PORT_DATA_SET, 7, &dlen), 54);
	CHECK_INT(dlen, 10);
	CHECK_INT(pmc_response_data(m, 64, PMC_PORT_DATA_SET, 8, &dlen), -1);
	CHECK_INT(pmc_response_data(m, 64, PMC_TIME_PROPERTIES_DATA_SET, 7,
				    &dlen), -1);
	m[51] = 200;	/* TLV longer than the message */
	CHECK_INT(pmc_response_data(m, 64, PMC_PORT_DATA_SET, 7, &dlen), -1);
	CHECK_INT(pmc_response_data(m, 20, PMC_PORT_DATA_SET, 7, &dlen), -1);
	return 0;
}

static const struct test sync_tests[] = {
	{ "sync: parse a sync-get reply", test_sync_parse },
	{ "sync: sync-new request attributes", test_sync_put },
	{ "sync: ptpk-cli sync show table, JSON, bad rate", test_cli_sync_show },
	{ "phc2sys: options, servo request, UTC offset direction", test_p2s_options },
	{ "phc2sys: management GET and response checks", test_pmc_messages },
	{ NULL, NULL },
};

TEST_SUITE(sync_tests);
