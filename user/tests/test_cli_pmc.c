// SPDX-License-Identifier: GPL-2.0
/*
 * ptpk-cli pmc: the requests it builds and what it prints, byte for byte
 * and character for character what linuxptp 3.1.1's pmc sends and prints
 * (the expected texts are pmc's output for the same frames).
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "cpmc.h"
#include "mgmt.h"
#include "mgmt_ds.h"
#include "mgmt_frames.h"
#include "tests.h"

/* What pmc 3.1.1 printed for each frame (after its "sending:" line). */
static const struct {
	const char *frame;
	const char *text;
} shows[] = {
	{ FRAME_DEFAULT,
	  "\t7eabd9.fffe.ea5a89-0 seq 0 RESPONSE MANAGEMENT DEFAULT_DATA_SET \n"
	  "\t\ttwoStepFlag             1\n"
	  "\t\tslaveOnly               0\n"
	  "\t\tnumberPorts             1\n"
	  "\t\tpriority1               150\n"
	  "\t\tclockClass              248\n"
	  "\t\tclockAccuracy           0xfe\n"
	  "\t\toffsetScaledLogVariance 0xffff\n"
	  "\t\tpriority2               127\n"
	  "\t\tclockIdentity           7eabd9.fffe.ea5a89\n"
	  "\t\tdomainNumber            0\n" },
	{ FRAME_CURRENT,
	  "\t7eabd9.fffe.ea5a89-0 seq 1 RESPONSE MANAGEMENT CURRENT_DATA_SET \n"
	  "\t\tstepsRemoved     1\n"
	  "\t\toffsetFromMaster -449.0\n"
	  "\t\tmeanPathDelay    2943.0\n" },
	{ FRAME_PARENT,
	  "\t7eabd9.fffe.ea5a89-0 seq 2 RESPONSE MANAGEMENT PARENT_DATA_SET \n"
	  "\t\tparentPortIdentity                    2674c7.fffe.26fbd4-1\n"
	  "\t\tparentStats                           0\n"
	  "\t\tobservedParentOffsetScaledLogVariance 0xffff\n"
	  "\t\tobservedParentClockPhaseChangeRate    0x7fffffff\n"
	  "\t\tgrandmasterPriority1                  128\n"
	  "\t\tgm.ClockClass                         248\n"
	  "\t\tgm.ClockAccuracy                      0xfe\n"
	  "\t\tgm.OffsetScaledLogVariance            0xffff\n"
	  "\t\tgrandmasterPriority2                  128\n"
	  "\t\tgrandmasterIdentity                   2674c7.fffe.26fbd4\n" },
	{ FRAME_TIME_STATUS,
	  "\t7eabd9.fffe.ea5a89-0 seq 3 RESPONSE MANAGEMENT TIME_STATUS_NP \n"
	  "\t\tmaster_offset              -365\n"
	  "\t\tingress_time               1796222217800253338\n"
	  "\t\tcumulativeScaledRateOffset +0.000000000\n"
	  "\t\tscaledLastGmPhaseChange    0\n"
	  "\t\tgmTimeBaseIndicator        0\n"
	  "\t\tlastGmPhaseChange          0x0000'0000000000000000.0000\n"
	  "\t\tgmPresent                  true\n"
	  "\t\tgmIdentity                 2674c7.fffe.26fbd4\n" },
	{ FRAME_PORT,
	  "\t7eabd9.fffe.ea5a89-1 seq 4 RESPONSE MANAGEMENT PORT_DATA_SET \n"
	  "\t\tportIdentity            7eabd9.fffe.ea5a89-1\n"
	  "\t\tportState               SLAVE\n"
	  "\t\tlogMinDelayReqInterval  0\n"
	  "\t\tpeerMeanPathDelay       0\n"
	  "\t\tlogAnnounceInterval     1\n"
	  "\t\tannounceReceiptTimeout  3\n"
	  "\t\tlogSyncInterval         0\n"
	  "\t\tdelayMechanism          1\n"
	  "\t\tlogMinPdelayReqInterval 0\n"
	  "\t\tversionNumber           2\n" },
	{ FRAME_PORT_PROPS,
	  "\t7eabd9.fffe.ea5a89-1 seq 5 RESPONSE MANAGEMENT PORT_PROPERTIES_NP \n"
	  "\t\tportIdentity            7eabd9.fffe.ea5a89-1\n"
	  "\t\tportState               SLAVE\n"
	  "\t\ttimestamping            SOFTWARE\n"
	  "\t\tinterface               vb\n" },
	{ FRAME_PORT_STATS,
	  "\t7eabd9.fffe.ea5a89-1 seq 6 RESPONSE MANAGEMENT PORT_STATS_NP \n"
	  "\t\tportIdentity              7eabd9.fffe.ea5a89-1\n"
	  "\t\trx_Sync                   228\n"
	  "\t\trx_Delay_Req              0\n"
	  "\t\trx_Pdelay_Req             0\n"
	  "\t\trx_Pdelay_Resp            0\n"
	  "\t\trx_Follow_Up              228\n"
	  "\t\trx_Delay_Resp             231\n"
	  "\t\trx_Pdelay_Resp_Follow_Up  0\n"
	  "\t\trx_Announce               115\n"
	  "\t\trx_Signaling              0\n"
	  "\t\trx_Management             0\n"
	  "\t\ttx_Sync                   3\n"
	  "\t\ttx_Delay_Req              231\n"
	  "\t\ttx_Pdelay_Req             0\n"
	  "\t\ttx_Pdelay_Resp            0\n"
	  "\t\ttx_Follow_Up              3\n"
	  "\t\ttx_Delay_Resp             0\n"
	  "\t\ttx_Pdelay_Resp_Follow_Up  0\n"
	  "\t\ttx_Announce               2\n"
	  "\t\ttx_Signaling              0\n"
	  "\t\ttx_Management             0\n" },
	{ FRAME_TIME_PROPERTIES,
	  "\t7eabd9.fffe.ea5a89-0 seq 7 RESPONSE MANAGEMENT TIME_PROPERTIES_DATA_SET \n"
	  "\t\tcurrentUtcOffset      37\n"
	  "\t\tleap61                0\n"
	  "\t\tleap59                0\n"
	  "\t\tcurrentUtcOffsetValid 0\n"
	  "\t\tptpTimescale          0\n"
	  "\t\ttimeTraceable         0\n"
	  "\t\tfrequencyTraceable    0\n"
	  "\t\ttimeSource            0xa0\n" },
	{ FRAME_PRIORITY1,
	  "\t7eabd9.fffe.ea5a89-0 seq 8 RESPONSE MANAGEMENT PRIORITY1 \n"
	  "\t\tpriority1 150\n" },
	{ FRAME_PRIORITY2,
	  "\t7eabd9.fffe.ea5a89-0 seq 9 RESPONSE MANAGEMENT PRIORITY2 \n"
	  "\t\tpriority2 127\n" },
	{ FRAME_DOMAIN,
	  "\t7eabd9.fffe.ea5a89-0 seq 10 RESPONSE MANAGEMENT DOMAIN \n"
	  "\t\tdomainNumber 0\n" },
	{ FRAME_SLAVE_ONLY,
	  "\t7eabd9.fffe.ea5a89-0 seq 11 RESPONSE MANAGEMENT SLAVE_ONLY \n"
	  "\t\tslaveOnly 0\n" },
	{ FRAME_CLOCK_ACCURACY,
	  "\t7eabd9.fffe.ea5a89-0 seq 12 RESPONSE MANAGEMENT CLOCK_ACCURACY \n"
	  "\t\tclockAccuracy 0xfe\n" },
	{ FRAME_ERROR_STATUS,
	  "\t7eabd9.fffe.ea5a89-0 seq 8 RESPONSE MANAGEMENT_ERROR_STATUS \n" },
	{ FRAME_EMPTY_TLV,
	  "\t7eabd9.fffe.ea5a89-0 seq 8 RESPONSE MANAGEMENT empty-tlv \n" },
	{ FRAME_TWO_TLVS,
	  "\t7eabd9.fffe.ea5a89-0 seq 8 RESPONSE \n" },
	{ FRAME_UNKNOWN_TLV,
	  "\t7eabd9.fffe.ea5a89-0 seq 8 RESPONSE unknown-tlv \n" },
	{ FRAME_TIME_STATUS_ODD,
	  "\t7eabd9.fffe.ea5a89-0 seq 3 RESPONSE MANAGEMENT TIME_STATUS_NP \n"
	  "\t\tmaster_offset              -365\n"
	  "\t\tingress_time               1796222217800253338\n"
	  "\t\tcumulativeScaledRateOffset -0.000056142\n"
	  "\t\tscaledLastGmPhaseChange    -5\n"
	  "\t\tgmTimeBaseIndicator        7\n"
	  "\t\tlastGmPhaseChange          0x0001'0100000000000000.0004\n"
	  "\t\tgmPresent                  false\n"
	  "\t\tgmIdentity                 2674c7.fffe.26fbd4\n" },
	{ FRAME_CURRENT_ODD,
	  "\t7eabd9.fffe.ea5a89-0 seq 1 RESPONSE MANAGEMENT CURRENT_DATA_SET \n"
	  "\t\tstepsRemoved     1\n"
	  "\t\toffsetFromMaster -489.5\n"
	  "\t\tmeanPathDelay    2549.5\n" },
	{ FRAME_PORT_PROPS_ODD,
	  "\t7eabd9.fffe.ea5a89-1 seq 5 RESPONSE MANAGEMENT PORT_PROPERTIES_NP \n"
	  "\t\tportIdentity            7eabd9.fffe.ea5a89-1\n"
	  "\t\tportState               NONE\n"
	  "\t\ttimestamping            ???\n"
	  "\t\tinterface               vb\n" },
};

static int test_pmc_show(void)
{
	uint8_t buf[MGMT_MAX_LEN];
	struct mgmt_msg m;
	struct membuf out;
	unsigned int i;
	size_t len;

	for (i = 0; i < sizeof(shows) / sizeof(shows[0]); i++) {
		len = test_unhex(shows[i].frame, buf, sizeof(buf));
		CHECK_INT(mgmt_parse(buf, len, &m), 0);
		mb_open(&out);
		cpmc_show(out.f, &m);
		if (strcmp(mb_str(&out), shows[i].text)) {
			printf("# frame %u\n", i);
			CHECK_STR(mb_str(&out), shows[i].text);
		}
		mb_close(&out);
	}
	return 0;
}

/* What pmc drops as a "bad message". */
static int test_pmc_parse_bad(void)
{
	uint8_t buf[MGMT_MAX_LEN];
	struct mgmt_msg m;
	size_t len;

	len = test_unhex(FRAME_DEFAULT, buf, sizeof(buf));
	CHECK_INT(mgmt_parse(buf, len, &m), 0);
	CHECK_INT(m.id, MID_DEFAULT_DATA_SET);
	CHECK_INT(m.len, MDS_DEFAULT_LEN);
	CHECK_INT(m.seq, 0);
	CHECK_INT(m.action, MGMT_RESPONSE);
	CHECK_INT(mgmt_parse(buf, len - 1, &m), -EBADMSG);	/* truncated */
	CHECK_INT(mgmt_parse(buf, 20, &m), -EBADMSG);
	/* DEFAULT_DATA_SET two bytes short (TLV and message shortened) */
	buf[3] -= 2;
	buf[51] -= 2;
	CHECK_INT(mgmt_parse(buf, len - 2, &m), -EBADMSG);
	buf[3] += 2;
	buf[51] += 2;
	buf[1] = 1;						/* PTPv1 */
	CHECK_INT(mgmt_parse(buf, len, &m), -EPROTO);
	buf[1] = 2;
	buf[0] = 0x0b;						/* Announce */
	CHECK_INT(mgmt_parse(buf, len, &m), -EPROTO);
	/* an ORGANIZATION_EXTENSION TLV of length 2: bad, as linuxptp says */
	len = test_unhex(FRAME_UNKNOWN_TLV, buf, sizeof(buf));
	CHECK_INT(mgmt_parse(buf, len, &m), 0);
	buf[48] = 0;
	buf[49] = 3;
	CHECK_INT(mgmt_parse(buf, len, &m), -EBADMSG);
	/* PORT_PROPERTIES_NP whose name runs past the TLV */
	len = test_unhex(FRAME_PORT_PROPS, buf, sizeof(buf));
	CHECK_INT(mgmt_parse(buf, len, &m), 0);
	buf[54 + 12] = 5;
	CHECK_INT(mgmt_parse(buf, len, &m), -EBADMSG);
	return 0;
}

struct run {
	struct cpmc p;
	struct membuf out, err;
	int rc;
};

static void cmd(struct run *r, uint16_t src_port, const char *line)
{
	mb_open(&r->out);
	mb_open(&r->err);
	cpmc_init(&r->p, r->out.f, r->err.f);
	r->p.src_port = src_port;
	r->p.hops = 0;
	r->rc = cpmc_command(&r->p, line);
}

static void done(struct run *r)
{
	mb_close(&r->out);
	mb_close(&r->err);
}

static int same_hex(const uint8_t *got, size_t len, const char *hex)
{
	uint8_t want[MGMT_MAX_LEN];
	size_t n = test_unhex(hex, want, sizeof(want)), i;

	if (n == len && !memcmp(got, want, n))
		return 0;
	printf("# got  ");
	for (i = 0; i < len; i++)
		printf("%02x", got[i]);
	printf("\n# want %s\n", hex);
	return 1;
}

/* Requests as pmc -u -b 0 sent them (its pid is the source port). */
static int test_pmc_requests(void)
{
	static const struct {
		const char *cmd;
		uint16_t port;
		const char *hex;	/* from the targetPortIdentity on */
	} reqs[] = {
		{ "GET DEFAULT_DATA_SET", 1,
		  "ffffffffffffffffffff000000000001001620000000000000000000"
		  "000000000000000000000000" },
		{ "get port_properties_np", 1,
		  "ffffffffffffffffffff0000000000010002c004" },
		{ "G PORT_STATS_NP", 1,
		  "ffffffffffffffffffff0000000000010002c005" },
		{ "GET TIME_STATUS_NP", 1,
		  "ffffffffffffffffffff0000000000010034c000"
		  "0000000000000000000000000000000000000000000000000000000000"
		  "000000000000000000000000000000000000000000" },
		{ "GET CLOCK_DESCRIPTION", 1,
		  "ffffffffffffffffffff00000000000100180001"
		  "00000000000000000000000000000000000000000000" },
		{ "GET USER_DESCRIPTION", 1,
		  "ffffffffffffffffffff00000000000100040002 0000" },
		{ "GET SUBSCRIBE_EVENTS_NP", 1,
		  "ffffffffffffffffffff0000000000010002c003" },
		{ "GET NULL_MANAGEMENT", 1,
		  "ffffffffffffffffffff00000000000100020000" },
		/* pmc sends stack garbage as the reserved byte; we send 0 */
		{ "SET PRIORITY1 300", 1,
		  "ffffffffffffffffffff000001000001000420052c00" },
		{ "set priority2 -1", 1,
		  "ffffffffffffffffffff00000100000100042006ff00" },
		{ "SET GRANDMASTER_SETTINGS_NP clockClass 6 clockAccuracy 0x21 "
		  "offsetScaledLogVariance 0x4e5d currentUtcOffset 37 leap61 0 "
		  "leap59 1 currentUtcOffsetValid 1 ptpTimescale 1 "
		  "timeTraceable 1 frequencyTraceable 0 timeSource 0x20", 1,
		  "ffffffffffffffffffff000001000001000ac00106214e5d00251e20" },
		{ "SET PORT_DATA_SET_NP neighborPropDelayThresh 800 asCapable 1",
		  1, "ffffffffffffffffffff000001000001000ac0020000032000000001" },
		{ "SET SUBSCRIBE_EVENTS_NP duration 60 NOTIFY_PORT_STATE on", 1,
		  "ffffffffffffffffffff0000010000010044c003003c01"
		  "0000000000000000000000000000000000000000000000000000000000"
		  "0000000000000000000000000000000000000000000000000000000000"
		  "0000000000" },
	};
	char hex[2 * MGMT_MAX_LEN + 1];
	const char *s;
	unsigned int i;
	struct run r;
	size_t n;

	for (i = 0; i < sizeof(reqs) / sizeof(reqs[0]); i++) {
		cmd(&r, reqs[i].port, reqs[i].cmd);
		CHECK_INT(r.rc, 0);
		CHECK(r.p.msg_len > 34);
		/* the spaces in the table are for reading */
		for (n = 0, s = reqs[i].hex; *s; s++)
			if (*s != ' ')
				hex[n++] = *s;
		hex[n] = '\0';
		if (same_hex(r.p.msg + 34, r.p.msg_len - 34, hex))
			FAIL("%s", reqs[i].cmd);
		CHECK_INT(r.p.seq, 1);
		done(&r);
	}
	/* the whole of pmc -u -b 0 -d 3 'GET CURRENT_DATA_SET', pid 28333 */
	cmd(&r, 28333, "GET CURRENT_DATA_SET");
	r.p.domain = 3;
	r.p.seq = 0;
	cpmc_command(&r.p, "GET CURRENT_DATA_SET");
	CHECK_INT(same_hex(r.p.msg, r.p.msg_len,
			   "0d0200480300000000000000000000000000000000000000"
			   "000000006ead0000047fffffffffffffffffffff00000000"
			   "000100142001000000000000000000000000000000000000"), 0);
	done(&r);
	/* and with the default boundary hops, 1 */
	mb_open(&r.out);
	mb_open(&r.err);
	cpmc_init(&r.p, r.out.f, r.err.f);
	r.p.src_port = 0x6eba;
	cpmc_command(&r.p, "GET PRIORITY1");
	CHECK_INT(same_hex(r.p.msg, r.p.msg_len,
			   "0d0200380000000000000000000000000000000000000000"
			   "000000006eba0000047fffffffffffffffffffff01010000"
			   "0001000420050000"), 0);
	/* TARGET changes the target of what follows */
	CHECK_INT(cpmc_command(&r.p, "TARGET 7eabd9.fffe.ea5a89-1"), 0);
	CHECK_INT(r.p.msg_len, 0);
	cpmc_command(&r.p, "GET PRIORITY1");
	CHECK_INT(same_hex(r.p.msg + 30, r.p.msg_len - 30,
			   "0001047f7eabd9fffeea5a8900010101000000010004"
			   "20050000"), 0);
	CHECK_INT(cpmc_command(&r.p, "TARGET *"), 0);
	cpmc_command(&r.p, "GET PRIORITY1");
	CHECK_INT(same_hex(r.p.msg + 34, 10, "ffffffffffffffffffff"), 0);
	/* -z */
	r.p.zero_gets = true;
	cpmc_command(&r.p, "GET DEFAULT_DATA_SET");
	CHECK_INT(same_hex(r.p.msg + 48, r.p.msg_len - 48, "000100022000"), 0);
	done(&r);
	return 0;
}

/* What pmc 3.1.1 prints, and where, for commands that send nothing. */
static int test_pmc_commands(void)
{
	static const struct {
		const char *cmd;
		int rc;
		const char *out, *err;
	} cmds[] = {
		{ "SET DOMAIN 7", 0, "sending: SET DOMAIN\n",
		  "DOMAIN only allows GET\n" },
		{ "CMD PRIORITY1", 0, "sending: COMMAND PRIORITY1\n",
		  "PRIORITY1 only allows GET or SET\n" },
		{ "co default_data", 0, "sending: COMMAND DEFAULT_DATA_SET\n",
		  "DEFAULT_DATA_SET only allows GET\n" },
		{ "SET PRIORITY1", 0, "sending: SET PRIORITY1\n",
		  "PRIORITY1 SET needs 1 value\n" },
		{ "SET PRIORITY2 abc", 0, "sending: SET PRIORITY2\n",
		  "PRIORITY2 SET needs 1 value\n" },
		{ "SET GRANDMASTER_SETTINGS_NP 7", 0,
		  "sending: SET GRANDMASTER_SETTINGS_NP\n",
		  "GRANDMASTER_SETTINGS_NP SET needs 11 values\n" },
		{ "SET SUBSCRIBE_EVENTS_NP 7 8", 0,
		  "sending: SET SUBSCRIBE_EVENTS_NP\n",
		  "SUBSCRIBE_EVENTS_NP SET needs 2 values\n" },
		{ "SET SYNCHRONIZATION_UNCERTAIN_NP 7", 0,
		  "sending: SET SYNCHRONIZATION_UNCERTAIN_NP\n",
		  "\nusage: set SYNCHRONIZATION_UNCERTAIN_NP 0 (false), 1 (true), or 255 (don't care)\n\n" },
		{ "GET TIME", 0, "sending: GET TIME\nsorry, TIME not supported yet\n",
		  "" },
		{ "CMD ENABLE_PORT", 0,
		  "sending: COMMAND ENABLE_PORT\nsorry, ENABLE_PORT not supported yet\n",
		  "" },
		{ "SET NULL_MANAGEMENT", 0,
		  "sending: SET NULL_MANAGEMENT\nnon-get actions still todo\n", "" },
		{ "get prio", 0, "id prio is too ambiguous\n", "" },
		{ "g tim", 0, "id tim is too ambiguous\n", "" },
		{ "GET FOO", -1, "", "" },
		{ "GET", -1, "", "" },
		{ "FOO PRIORITY1", -1, "", "" },
		{ "GETX PRIORITY1", -1, "", "" },
		{ "TARGET", -1, "", "" },
		{ "TARGET bogus", -1, "", "" },
		{ "GET MASTER_ONLY", -1, "", "" },	/* not in 3.1.1 */
	};
	unsigned int i;
	struct run r;

	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		cmd(&r, 1, cmds[i].cmd);
		if (r.rc != cmds[i].rc)
			FAIL("%s: rc %d", cmds[i].cmd, r.rc);
		CHECK_STR(mb_str(&r.out), cmds[i].out);
		CHECK_STR(mb_str(&r.err), cmds[i].err);
		CHECK_INT(r.p.msg_len, 0);
		done(&r);
	}
	cmd(&r, 1, "GET DEFAULT_DATA_SET");
	CHECK_STR(mb_str(&r.out), "sending: GET DEFAULT_DATA_SET\n");
	CHECK_STR(mb_str(&r.err), "");
	done(&r);
	/* help, and "" and "h" (prefixes of HELP) */
	cmd(&r, 1, "");
	CHECK_PREFIX(mb_str(&r.out), "\n\t[action] USER_DESCRIPTION\n"
		     "\t[action] DEFAULT_DATA_SET\n");
	CHECK(strstr(mb_str(&r.out), "\t[action] PORT_DATA_SET_NP\n"
		     "\t[action] PORT_STATS_NP\n"
		     "\t[action] PORT_PROPERTIES_NP\n"
		     "\n"
		     "\tThe [action] can be GET, SET, CMD, or COMMAND\n"
		     "\tCommands are case insensitive and may be abbreviated.\n"
		     "\n"
		     "\tTARGET [portIdentity]\n"
		     "\tTARGET *\n"
		     "\n") != NULL);
	CHECK(!strstr(mb_str(&r.out), "TIME\n"));
	done(&r);
	cmd(&r, 1, "h");
	CHECK_PREFIX(mb_str(&r.out), "\n\t[action] USER_DESCRIPTION\n");
	done(&r);
	return 0;
}

/* ptpk-cli pmc against a fake daemon (a child process). */
static int test_pmc_command(void)
{
	char srv[64], local[64];
	char *argv[] = { "ptpk-cli", "pmc", "-u", "-b", "0", "-s", srv, "-i",
			 local, "GET PRIORITY1", "GET FOO", "SET DOMAIN 1",
			 "GET PORT_PROPERTIES_NP", NULL };
	char *bad[] = { "ptpk-cli", "pmc", "-2", NULL };
	struct membuf out, err;
	struct cli c;
	int rc, ws, argc = 13;
	pid_t pid;

	snprintf(srv, sizeof(srv), "/tmp/ptpk-test-pmc.%d", (int)getpid());
	snprintf(local, sizeof(local), "/tmp/ptpk-test-pmc-c.%d", (int)getpid());
	pid = test_mgmt_daemon(srv, 2);
	CHECK(pid > 0);
	mb_open(&out);
	mb_open(&err);
	cli_init(&c);
	c.out = out.f;
	c.err = err.f;
	rc = cli_main(&c, argc, argv);
	cli_cleanup(&c);
	waitpid(pid, &ws, 0);
	CHECK_INT(rc, 0);
	/* answers come as they come: only each command's lines are ordered */
	CHECK_PREFIX(mb_str(&out), "sending: GET PRIORITY1\n");
	CHECK(strstr(mb_str(&out), "sending: SET DOMAIN\n") != NULL);
	CHECK(strstr(mb_str(&out), "sending: GET PORT_PROPERTIES_NP\n") != NULL);
	CHECK(strstr(mb_str(&out),
		     "\t7eabd9.fffe.ea5a89-0 seq 0 RESPONSE MANAGEMENT PRIORITY1 \n"
		     "\t\tpriority1 150\n") != NULL);
	CHECK(strstr(mb_str(&out),
		     "\t7eabd9.fffe.ea5a89-1 seq 1 RESPONSE MANAGEMENT PORT_PROPERTIES_NP \n"
		     "\t\tportIdentity            7eabd9.fffe.ea5a89-1\n"
		     "\t\tportState               SLAVE\n"
		     "\t\ttimestamping            SOFTWARE\n"
		     "\t\tinterface               vb\n") != NULL);
	CHECK_STR(mb_str(&err), "bad command: GET FOO\nDOMAIN only allows GET\n");
	CHECK(access(local, F_OK));	/* removed */
	mb_close(&out);
	mb_close(&err);

	mb_open(&out);
	mb_open(&err);
	cli_init(&c);
	c.out = out.f;
	c.err = err.f;
	CHECK_INT(cli_main(&c, 3, bad), CLI_USAGE);
	cli_cleanup(&c);
	mb_close(&out);
	mb_close(&err);
	return 0;
}

static const struct test cli_pmc_tests[] = {
	{ "cli pmc: answers printed as pmc 3.1.1", test_pmc_show },
	{ "cli pmc: malformed answers dropped", test_pmc_parse_bad },
	{ "cli pmc: requests as pmc 3.1.1 sends them", test_pmc_requests },
	{ "cli pmc: command parsing and messages", test_pmc_commands },
	{ "cli pmc: the command, with a fake daemon", test_pmc_command },
	{ NULL, NULL },
};

TEST_SUITE(cli_pmc_tests);
