// SPDX-License-Identifier: GPL-2.0
/* ptpkd's command line: ptp4l's short options and --key value. */
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "config.h"
#include "options.h"
#include "tests.h"

#define ARGV(...) ((char *const[]){ "ptpkd", __VA_ARGS__, NULL })
#define ARGC(...) ((int)(sizeof((char *[]){ "ptpkd", __VA_ARGS__ }) / \
			 sizeof(char *)))

static struct config *cfg;
static struct options opts;
static char err[512];

/* Parse into a fresh config; the result of options_parse. */
#define PARSE(...) (config_destroy(cfg), cfg = config_create(0),	\
	err[0] = '\0',							\
	options_parse(cfg, ARGC(__VA_ARGS__), ARGV(__VA_ARGS__), &opts,	\
		      err, sizeof(err)))

static int get(const char *key)
{
	return config_get_int(cfg, NULL, key);
}

static int test_flags(void)
{
	CHECK_INT(PARSE("-m"), 0);
	CHECK_INT(get("verbose"), 1);
	CHECK_INT(get("use_syslog"), 1);
	CHECK_INT(PARSE("-q"), 0);
	CHECK_INT(get("use_syslog"), 0);
	CHECK_INT(get("verbose"), 0);
	CHECK_INT(PARSE("-mqs"), 0);
	CHECK_INT(get("verbose"), 1);
	CHECK_INT(get("use_syslog"), 0);
	CHECK_INT(get("slaveOnly"), 1);
	CHECK_INT(PARSE("-s"), 0);
	CHECK_INT(get("slaveOnly"), 1);
	CHECK_INT(PARSE("-S"), 0);
	CHECK_INT(get("time_stamping"), TS_SOFTWARE);
	CHECK_INT(PARSE("-S", "-H"), 0);
	CHECK_INT(get("time_stamping"), TS_HARDWARE);
	CHECK_INT(PARSE("-P"), 0);
	CHECK_INT(get("delay_mechanism"), DM_P2P);
	CHECK_INT(PARSE("-P", "-E"), 0);
	CHECK_INT(get("delay_mechanism"), DM_E2E);
	CHECK_INT(PARSE("-2"), 0);
	CHECK_INT(get("network_transport"), TRANS_IEEE_802_3);
	CHECK_INT(PARSE("-6"), 0);
	CHECK_INT(get("network_transport"), TRANS_UDP_IPV6);
	CHECK_INT(PARSE("-6", "-4"), 0);
	CHECK_INT(get("network_transport"), TRANS_UDP_IPV4);
	CHECK(config_is_set(cfg, NULL, "network_transport"));
	/* in ptp4l but not (yet) in ptpkd: an error, not ignored */
	CHECK_INT(PARSE("-A"), 0);
	CHECK_INT(get("delay_mechanism"), DM_AUTO);
	/* accepted as by ptp4l; no NIC of today's kernels can do it (sk.c) */
	CHECK_INT(PARSE("-L"), 0);
	CHECK_INT(get("time_stamping"), TS_LEGACY_HW);
	return 0;
}

static int test_args(void)
{
	CHECK_INT(PARSE("-f", "/etc/ptp4l.conf", "-p", "/dev/ptp1"), 0);
	CHECK_STR(opts.config_file, "/etc/ptp4l.conf");
	CHECK_STR(opts.phc_device, "/dev/ptp1");
	CHECK_INT(PARSE("-fx.cfg"), 0);
	CHECK_STR(opts.config_file, "x.cfg");
	CHECK(!opts.phc_device);
	CHECK_INT(PARSE("-i", "eth1", "-ieth0", "-mi", "eth2", "-i", "eth1"),
		  0);
	CHECK_INT(config_n_interfaces(cfg), 3);
	CHECK_STR(config_interface(cfg, 0), "eth1");
	CHECK_STR(config_interface(cfg, 1), "eth0");
	CHECK_STR(config_interface(cfg, 2), "eth2");
	CHECK_INT(get("verbose"), 1);
	CHECK_INT(PARSE("-i", "0123456789abcdef"), -1);
	CHECK_STR(err, "-i: bad interface name '0123456789abcdef' (1 to 15 characters)");
	CHECK_INT(PARSE("-l", "7"), 0);
	CHECK_INT(get("logging_level"), 7);
	CHECK_INT(PARSE("-l0"), 0);
	CHECK_INT(get("logging_level"), 0);
	CHECK_INT(PARSE("-l", "9"), -1);
	CHECK_STR(err, "-l: '9' is an out of range value for option 'logging_level' (0 to 7)");
	CHECK_INT(PARSE("-l", "x"), -1);
	CHECK_STR(err, "-l: 'x' is a malformed value for option 'logging_level' (0 to 7)");
	CHECK_INT(PARSE("-m", "-f"), -1);
	CHECK_STR(err, "option requires an argument -- 'f'");
	CHECK(!opts.usage_on_error);
	return 0;
}

static int test_long(void)
{
	CHECK_INT(PARSE("--priority1", "7", "--priority2=9",
			"--logSyncInterval=-3", "--step_threshold", "0.5",
			"--ptp_dst_mac=01:80:C2:00:00:0E", "--message_tag=a=b",
			"--clientOnly", "1", "--network_transport", "l2"), 0);
	CHECK_INT(get("priority1"), 7);
	CHECK_INT(get("priority2"), 9);
	CHECK_INT(get("logSyncInterval"), -3);
	CHECK_INT(get("slaveOnly"), 1);
	CHECK_INT(get("network_transport"), TRANS_IEEE_802_3);
	CHECK(config_get_double(cfg, NULL, "step_threshold") == 0.5);
	CHECK_STR(config_get_string(cfg, NULL, "ptp_dst_mac"),
		  "01:80:C2:00:00:0E");
	CHECK_STR(config_get_string(cfg, NULL, "message_tag"), "a=b");
	/* like getopt_long, the next word is the value whatever it is */
	CHECK_INT(PARSE("--priority1", "-q"), -1);
	CHECK_STR(err, "'-q' is a malformed value for option 'priority1' (0 to 255)");
	CHECK_INT(PARSE("--priority1"), -1);
	CHECK_STR(err, "option '--priority1' requires an argument");
	CHECK_INT(PARSE("--priority1=300"), -1);
	CHECK_STR(err, "'300' is an out of range value for option 'priority1' (0 to 255)");
	CHECK_INT(PARSE("--network_transport=bad"), -1);
	CHECK_STR(err, "'bad' is a bad value for option 'network_transport' (one of UDPv4, UDPv6, L2)");
	CHECK_INT(PARSE("--leapfile", "/x"), -1);
	CHECK_STR(err, "option 'leapfile' belongs to ts2phc and is not used by ptpkd");
	CHECK_INT(PARSE("--kernel_leap", "0"), 0);
	CHECK_INT(PARSE("--kernel_leap=1"), 0);
	CHECK_INT(PARSE("--foo", "1"), -1);
	CHECK_STR(err, "unrecognized option '--foo'");
	CHECK(opts.usage_on_error);
	CHECK_INT(PARSE("--slave", "1"), -1);
	CHECK_STR(err, "unrecognized option '--slave'");
	CHECK_INT(PARSE("-x"), -1);
	CHECK_STR(err, "invalid option -- 'x'");
	CHECK(opts.usage_on_error);
	CHECK_INT(PARSE("-m", "extra"), -1);
	CHECK_STR(err, "unexpected argument 'extra'");
	CHECK_INT(PARSE("-m", "--"), 0);
	CHECK_INT(PARSE("--", "-m"), -1);
	CHECK_STR(err, "unexpected argument '-m'");
	return 0;
}

static int test_help_version(void)
{
	CHECK_INT(PARSE("-h", "-x"), 0);
	CHECK(opts.help);
	CHECK_INT(PARSE("-m", "-v"), 0);
	CHECK(opts.version);
	CHECK(!opts.help);
	CHECK_INT(PARSE("-vx"), 0);
	CHECK(opts.version);
	return 0;
}

static int load(const char *const *argv, int argc, struct membuf *out,
		struct membuf *errb)
{
	config_destroy(cfg);
	cfg = config_create(0);
	mb_open(out);
	mb_open(errb);
	return options_load(cfg, argc, (char *const *)argv, &opts, out->f,
			    errb->f);
}

static int test_load(void)
{
	char path[] = "/tmp/ptpk-opt-XXXXXX";
	const char *argv[] = {
		"/usr/sbin/ptpkd", "-i", "eth7", "--priority1", "5", "-f",
		path, "-l", "3",
	};
	static const char text[] = "[global]\npriority1 9\npriority2 9\n"
				   "logging_level 7\n[eth3]\n[eth7]\n";
	struct membuf out, errb;
	int fd = mkstemp(path);

	CHECK(fd >= 0);
	CHECK(write(fd, text, sizeof(text) - 1) == sizeof(text) - 1);
	close(fd);
	CHECK_INT(load(argv, 9, &out, &errb), 0);
	CHECK_STR(mb_str(&out), "");
	CHECK_STR(mb_str(&errb), "");
	mb_close(&out);
	mb_close(&errb);
	CHECK_INT(get("priority1"), 5);
	CHECK_INT(get("priority2"), 9);
	CHECK_INT(get("logging_level"), 3);
	/* -i first, then the file's sections */
	CHECK_INT(config_n_interfaces(cfg), 2);
	CHECK_STR(config_interface(cfg, 0), "eth7");
	CHECK_STR(config_interface(cfg, 1), "eth3");

	/* a bad file: ptpkd: file:line: message */
	fd = open(path, O_WRONLY | O_TRUNC);
	CHECK(write(fd, "[global]\nbad 1\n", 15) == 15);
	close(fd);
	CHECK_INT(load(argv, 9, &out, &errb), -1);
	{
		char want[200];

		snprintf(want, sizeof(want), "ptpkd: %s:2: unknown option 'bad'\n",
			 path);
		CHECK_STR(mb_str(&errb), want);
	}
	mb_close(&out);
	mb_close(&errb);
	unlink(path);
	return 0;
}

static int test_load_usage(void)
{
	const char *help[] = { "ptpkd", "-h" };
	const char *version[] = { "ptpkd", "-v" };
	const char *bad[] = { "./ptpkd", "--nope" };
	struct membuf out, errb;

	CHECK_INT(load(help, 2, &out, &errb), 1);
	CHECK_STR(mb_str(&out), "");
	CHECK_PREFIX(mb_str(&errb),
		     "\nusage: ptpkd [options]\n\n Delay Mechanism\n\n"
		     " -A        Auto, starting with E2E\n");
	CHECK(strstr(mb_str(&errb),
		     " -l [num]  set the logging level to 'num'\n"
		     " -m        print messages to stdout\n"
		     " -q        do not print messages to the syslog\n"
		     " -v        prints the software version and exits\n"
		     " -h        prints this message and exits\n"));
	mb_close(&out);
	mb_close(&errb);

	CHECK_INT(load(version, 2, &out, &errb), 1);
	CHECK_STR(mb_str(&out), PTPK_VERSION "\n");
	CHECK_STR(mb_str(&errb), "");
	mb_close(&out);
	mb_close(&errb);

	CHECK_INT(load(bad, 2, &out, &errb), -1);
	CHECK_PREFIX(mb_str(&errb),
		     "ptpkd: unrecognized option '--nope'\n\nusage: ptpkd [options]\n");
	mb_close(&out);
	mb_close(&errb);
	config_destroy(cfg);
	cfg = NULL;
	return 0;
}

static const struct test options_tests[] = {
	{ "options: -m -q -s -S -H -E -P -A -2 -4 -6 -L", test_flags },
	{ "options: -f -p -i -l", test_args },
	{ "options: --key value and --key=value", test_long },
	{ "options: -h and -v", test_help_version },
	{ "options: load: command line over file, -i before sections", test_load },
	{ "options: load: usage, version, errors", test_load_usage },
	{ NULL, NULL },
};

TEST_SUITE(options_tests);
