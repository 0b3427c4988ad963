// SPDX-License-Identifier: GPL-2.0
/*
 * ptpk-cli status: ptp4l's answers (captured frames) in, the combined
 * view out, as text and as JSON; and the whole command against a fake
 * daemon (a child process on a UNIX socket) and the fake kernel.
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "mgmt_frames.h"
#include "status.h"
#include "tests.h"

/* The answers to the six requests, in request (= seq) order. */
static const char *const answers[SREQ_N] = {
	FRAME_DEFAULT, FRAME_CURRENT, FRAME_PARENT, FRAME_TIME_STATUS,
	FRAME_PORT, FRAME_PORT_PROPS,
};

static const char want_daemon_text[] =
	"clock 7eabd9.fffe.ea5a89 domain 0 ports 1 priority1 150 priority2 127 class 248 accuracy 0xfe variance 0xffff two-step\n"
	"\tgrandmaster 2674c7.fffe.26fbd4 priority1 128 priority2 128 class 248 parent 2674c7.fffe.26fbd4-1 steps_removed 1\n"
	"\toffset -449 ns path_delay 2943 ns master_offset -365 ns gm_present yes\n"
	"port 1 interface vb state SLAVE delay E2E timestamping SOFTWARE log_sync 0 log_announce 1 log_delay_req 0\n";

static const char want_servo_text[] =
	"servo 3 clock /dev/ptp0 kind pi state s2 (locked) name \"ptpkd eth0\" hw owner 4242\n"
	"\toffset -12 ns freq +1234.567 ppb delay 9876 ns\n"
	"\tsamples 5000000000 steps 1 resets 0 outliers 2 holdover +1200.5 ppb\n";

static const char want_daemon_json[] =
	"{\"uds\":\"/run/test.sock\",\"domain\":0,\"answered\":true,"
	"\"default_data_set\":{\"clock_identity\":\"7eabd9.fffe.ea5a89\","
	"\"domain_number\":0,\"number_ports\":1,\"two_step\":true,"
	"\"slave_only\":false,\"priority1\":150,\"priority2\":127,"
	"\"clock_class\":248,\"clock_accuracy\":254,"
	"\"offset_scaled_log_variance\":65535},"
	"\"current_data_set\":{\"steps_removed\":1,"
	"\"offset_from_master_ns\":-449,\"mean_path_delay_ns\":2943},"
	"\"parent_data_set\":{\"parent_port_identity\":\"2674c7.fffe.26fbd4-1\","
	"\"parent_stats\":0,\"grandmaster_identity\":\"2674c7.fffe.26fbd4\","
	"\"grandmaster_priority1\":128,\"grandmaster_priority2\":128,"
	"\"grandmaster_clock_class\":248,\"grandmaster_clock_accuracy\":254,"
	"\"grandmaster_offset_scaled_log_variance\":65535},"
	"\"time_status_np\":{\"master_offset_ns\":-365,"
	"\"ingress_time_ns\":1796222217800253338,"
	"\"cumulative_scaled_rate_offset\":0,\"gm_present\":true,"
	"\"gm_identity\":\"2674c7.fffe.26fbd4\"},"
	"\"ports\":[{\"port_number\":1,\"port_identity\":\"7eabd9.fffe.ea5a89-1\","
	"\"state\":\"SLAVE\",\"interface\":\"vb\",\"timestamping\":\"SOFTWARE\","
	"\"delay_mechanism\":\"E2E\",\"log_sync_interval\":0,"
	"\"log_announce_interval\":1,\"announce_receipt_timeout\":3,"
	"\"log_min_delay_req_interval\":0,\"log_min_pdelay_req_interval\":0,"
	"\"peer_mean_path_delay_ns\":0,\"version_number\":2}]}";

static int feed(struct status *st, const char *hex)
{
	uint8_t buf[MGMT_MAX_LEN];
	struct mgmt_msg m;
	size_t len = test_unhex(hex, buf, sizeof(buf));

	if (mgmt_parse(buf, len, &m))
		return -1;
	status_answer(st, &m);
	return 0;
}

static int test_status_scaled(void)
{
	static const struct {
		int64_t v;
		const char *s;
	} cases[] = {
		{ 0, "0" },
		{ -449LL * 65536, "-449" },
		{ 2943LL * 65536 + 32768, "2943.5" },
		{ -1, "-0.0000152587890625" },
		{ 1, "0.0000152587890625" },
		{ INT64_MIN, "-140737488355328" },
		{ INT64_MAX, "140737488355327.9999847412109375" },
	};
	char buf[64];
	unsigned int i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		CHECK_STR(status_scaled_str(cases[i].v, buf, sizeof(buf)),
			  cases[i].s);
	return 0;
}

static int test_status_requests(void)
{
	uint8_t buf[MGMT_MAX_LEN], want[MGMT_MAX_LEN];
	struct status st;
	size_t len;

	status_init(&st, "/run/test.sock", 5);
	len = status_build(&st, SREQ_PORT_PROPS, buf, sizeof(buf));
	/* GET PORT_PROPERTIES_NP, domain 5, seq 5, no hops, any port */
	CHECK_INT(len, 54);
	CHECK_INT(test_unhex("0d02003605000000000000000000000000000000"
			     "00000000000000000001000504" "7f"
			     "ffffffffffffffffffff00000000"
			     "00010002c004", want, sizeof(want)), 54);
	CHECK(!memcmp(buf, want, len));
	CHECK_INT(status_req_id(SREQ_TIME_STATUS), MID_TIME_STATUS_NP);
	return 0;
}

static int test_status_answers(void)
{
	static struct status st;
	struct membuf out;
	struct json j;
	unsigned int i;

	status_init(&st, "/run/test.sock", 0);
	CHECK(!status_complete(&st));
	for (i = 0; i < SREQ_N; i++) {
		CHECK_INT(feed(&st, answers[i]), 0);
		CHECK(status_complete(&st) == (i + 1 == SREQ_N));
	}
	/* a second DEFAULT_DATA_SET and unrelated answers change nothing */
	CHECK_INT(feed(&st, FRAME_CURRENT_ODD), 0);	/* seq 1, kept first */
	CHECK_INT(feed(&st, FRAME_PRIORITY1), 0);	/* seq 8 */
	CHECK(st.answered);
	CHECK_INT(st.n_ports, 1);
	mb_open(&out);
	status_print_text(out.f, &st, false);
	CHECK_STR(mb_str(&out), want_daemon_text);
	mb_close(&out);

	mb_open(&out);
	json_init(&j, out.f, false);
	status_print_json(&j, &st);
	json_finish(&j);
	CHECK_PREFIX(mb_str(&out), "{\"daemon\":");
	CHECK(strstr(mb_str(&out), want_daemon_json) != NULL);
	CHECK(strstr(mb_str(&out), ",\"kernel\":{\"available\":false,"
		     "\"servos\":[],\"sync_jobs\":[]}}\n") != NULL);
	mb_close(&out);

	/* no answer at all */
	status_init(&st, "/run/none", 0);
	mb_open(&out);
	status_print_text(out.f, &st, false);
	CHECK_STR(mb_str(&out), "daemon /run/none: no answer\n");
	mb_close(&out);
	mb_open(&out);
	json_init(&j, out.f, false);
	status_print_json(&j, &st);
	json_finish(&j);
	CHECK_STR(mb_str(&out),
		  "{\"daemon\":{\"uds\":\"/run/none\",\"domain\":0,\"answered\":false,"
		  "\"default_data_set\":null,\"current_data_set\":null,"
		  "\"parent_data_set\":null,\"time_status_np\":null,\"ports\":[]},"
		  "\"kernel\":{\"available\":false,\"servos\":[],\"sync_jobs\":[]}}\n");
	mb_close(&out);
	return 0;
}

/* An error status for a request is an answer, and the rest still counts. */
static int test_status_partial(void)
{
	static struct status st;
	uint8_t buf[MGMT_MAX_LEN];
	struct mgmt_msg m;
	struct membuf out;
	size_t len;

	status_init(&st, "/run/test.sock", 0);
	CHECK_INT(feed(&st, FRAME_DEFAULT), 0);
	CHECK_INT(feed(&st, FRAME_PORT_PROPS), 0);
	/* TIME_STATUS_NP refused: the error frame, as an answer to seq 3 */
	len = test_unhex(FRAME_ERROR_STATUS, buf, sizeof(buf));
	buf[31] = SREQ_TIME_STATUS;
	buf[54] = 0xc0;			/* managementId of the error TLV */
	buf[55] = 0x00;
	CHECK_INT(mgmt_parse(buf, len, &m), 0);
	status_answer(&st, &m);
	CHECK(st.refused[SREQ_TIME_STATUS]);
	CHECK(!status_complete(&st));
	mb_open(&out);
	status_print_text(out.f, &st, false);
	CHECK_STR(mb_str(&out),
		  "clock 7eabd9.fffe.ea5a89 domain 0 ports 1 priority1 150 priority2 127 class 248 accuracy 0xfe variance 0xffff two-step\n"
		  "port 1 interface vb state SLAVE timestamping SOFTWARE\n");
	mb_close(&out);
	return 0;
}

/* Two ports, answering out of order: sorted, and both waited for. */
static int test_status_ports(void)
{
	static struct status st;
	uint8_t buf[MGMT_MAX_LEN];
	struct mgmt_msg m;
	struct membuf out;
	unsigned int i;
	size_t len;

	status_init(&st, "/run/test.sock", 0);
	for (i = 0; i < SREQ_PORT; i++) {
		len = test_unhex(answers[i], buf, sizeof(buf));
		if (i == SREQ_DEFAULT)
			buf[54 + 3] = 2;	/* numberPorts */
		CHECK_INT(mgmt_parse(buf, len, &m), 0);
		status_answer(&st, &m);
	}
	for (i = SREQ_PORT; i < SREQ_N; i++) {
		len = test_unhex(answers[i], buf, sizeof(buf));
		buf[54 + 9] = 2;		/* port 2 */
		CHECK_INT(mgmt_parse(buf, len, &m), 0);
		status_answer(&st, &m);
		CHECK(!status_complete(&st));
	}
	CHECK_INT(feed(&st, FRAME_PORT), 0);
	CHECK(!status_complete(&st));
	CHECK_INT(feed(&st, FRAME_PORT_PROPS), 0);
	CHECK(status_complete(&st));
	CHECK_INT(st.n_ports, 2);
	mb_open(&out);
	status_print_text(out.f, &st, false);
	CHECK(strstr(mb_str(&out), " ports 2 ") != NULL);
	CHECK(strstr(mb_str(&out),
		     "port 1 interface vb state SLAVE delay E2E timestamping SOFTWARE log_sync 0 log_announce 1 log_delay_req 0\n"
		     "port 2 interface vb state SLAVE delay E2E timestamping SOFTWARE log_sync 0 log_announce 1 log_delay_req 0\n") != NULL);
	mb_close(&out);
	return 0;
}

/* The fake kernel: one servo, no sync jobs. */
static void answer_dumps(struct fake *f, const struct nlmsghdr *req)
{
	uint8_t cmd = ((const struct genlmsghdr *)mnl_nlmsg_get_payload(req))->cmd;

	if (cmd == PTPK_CMD_SERVO_GET)
		test_put_servo(fake_reply(f, req, cmd, NLM_F_MULTI));
	fake_done(f, req);
	fake_flush(f);
}

static int fake_open(struct cli *c, struct ptpk **pp)
{
	struct fake *f = c->open_priv;

	if (f->no_family)
		return -ENOENT;
	return ptpk_open_transport(pp, &fake_transport, f, TEST_PORTID);
}

static int run_status(struct fake *f, struct membuf *out, struct membuf *err,
		      char **argv)
{
	struct cli c;
	int argc = 0, rc;

	while (argv[argc])
		argc++;
	mb_open(out);
	mb_open(err);
	cli_init(&c);
	c.out = out->f;
	c.err = err->f;
	c.open = fake_open;
	c.open_priv = f;
	rc = cli_main(&c, argc, argv);
	cli_cleanup(&c);
	return rc;
}

static int test_status_command(void)
{
	char srv[64], local[64];
	char *argv[] = { "ptpk-cli", "status", "-s", srv, "-i", local, NULL };
	char *jargv[] = { "ptpk-cli", "-j", "status", "-s", srv, "-i", local,
			  NULL };
	char *bad[] = { "ptpk-cli", "status", "-x", NULL };
	struct membuf out, err;
	struct fake f;
	int rc, ws;
	pid_t pid;

	snprintf(srv, sizeof(srv), "/tmp/ptpk-test-status.%d", (int)getpid());
	snprintf(local, sizeof(local), "/tmp/ptpk-test-status-c.%d",
		 (int)getpid());
	fake_init(&f);
	f.handler = answer_dumps;

	/* both parts */
	pid = test_mgmt_daemon(srv, SREQ_N);
	CHECK(pid > 0);
	rc = run_status(&f, &out, &err, argv);
	waitpid(pid, &ws, 0);
	CHECK_INT(rc, 0);
	{
		char want[2048];

		snprintf(want, sizeof(want), "%s%s", want_daemon_text,
			 want_servo_text);
		CHECK_STR(mb_str(&out), want);
	}
	CHECK_STR(mb_str(&err), "");
	mb_close(&out);
	mb_close(&err);

	/* JSON */
	pid = test_mgmt_daemon(srv, SREQ_N);
	CHECK(pid > 0);
	rc = run_status(&f, &out, &err, jargv);
	waitpid(pid, &ws, 0);
	CHECK_INT(rc, 0);
	CHECK_PREFIX(mb_str(&out), "{\"daemon\":{\"uds\":\"/tmp/ptpk-test-status.");
	CHECK(strstr(mb_str(&out), ",\"kernel\":{\"available\":true,"
		     "\"servos\":[{\"id\":3,\"name\":\"ptpkd eth0\",") != NULL);
	CHECK(strstr(mb_str(&out), "],\"sync_jobs\":[]}}\n") != NULL);
	mb_close(&out);
	mb_close(&err);

	/* no daemon: the kernel part, exit status 3 */
	rc = run_status(&f, &out, &err, argv);
	CHECK_INT(rc, STATUS_NO_DAEMON);
	{
		char want[2048];

		snprintf(want, sizeof(want), "daemon %s: no answer\n%s", srv,
			 want_servo_text);
		CHECK_STR(mb_str(&out), want);
	}
	CHECK_PREFIX(mb_str(&err), "ptpk-cli: status: no answer from /tmp/ptpk-test-status.");
	mb_close(&out);
	mb_close(&err);

	/* neither: 1 */
	f.no_family = true;
	rc = run_status(&f, &out, &err, argv);
	CHECK_INT(rc, CLI_FAIL);
	mb_close(&out);
	mb_close(&err);

	/* the daemon only: 4 */
	pid = test_mgmt_daemon(srv, SREQ_N);
	CHECK(pid > 0);
	rc = run_status(&f, &out, &err, argv);
	waitpid(pid, &ws, 0);
	CHECK_INT(rc, STATUS_NO_KERNEL);
	CHECK_STR(mb_str(&out), want_daemon_text);
	CHECK(strstr(mb_str(&err), "module is not loaded") != NULL);
	mb_close(&out);
	mb_close(&err);

	rc = run_status(&f, &out, &err, bad);
	CHECK_INT(rc, CLI_USAGE);
	mb_close(&out);
	mb_close(&err);
	return 0;
}

static const struct test cli_status_tests[] = {
	{ "cli status: TimeInterval printed exactly", test_status_scaled },
	{ "cli status: requests", test_status_requests },
	{ "cli status: ptp4l's answers as text and JSON", test_status_answers },
	{ "cli status: refused and missing data sets", test_status_partial },
	{ "cli status: several ports", test_status_ports },
	{ "cli status: the command, with a fake daemon and kernel",
	  test_status_command },
	{ NULL, NULL },
};

TEST_SUITE(cli_status_tests);
