// SPDX-License-Identifier: GPL-2.0
/* The configuration table, the ptp4l.conf parser and its error messages. */
#include <float.h>
#include <glob.h>
#include <limits.h>
#include <stdlib.h>
#include <unistd.h>

#include "config.h"
#include "tests.h"
#include "unicast_table.h"

#define CONFIGS "/usr/share/doc/linuxptp/configs/"

/* Parse text as if it were the file "t.cfg"; 0 or -1 with err filled. */
static int parse(struct config *cfg, const char *text, char *err, size_t len)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	int ret;

	if (!f)
		abort();
	err[0] = '\0';
	ret = config_read_stream(cfg, f, "t.cfg", err, len);
	fclose(f);
	return ret;
}

/* The error text parses to, in strict (ptpkd) mode. */
static const char *strict_err(const char *text)
{
	static char err[512];
	struct config *cfg = config_create(0);

	if (!parse(cfg, text, err, sizeof(err)))
		snprintf(err, sizeof(err), "(no error)");
	config_destroy(cfg);
	return err;
}

static int test_table_is_linuxptp_311(void)
{
	unsigned int i, j, n311 = 0, nimpl = 0;

	for (i = 0; i < cfg_nkeys; i++) {
		const struct cfg_key *k = &cfg_keys[i];

		if (!(k->flags & CFG_LATER))
			n311++;
		if (k->flags & CFG_IMPL)
			nimpl++;
		for (j = 0; j < i; j++)
			CHECK(strcmp(k->name, cfg_keys[j].name));
		CHECK(cfg_key_find(k->name) == k);
		/* a default must be a valid value */
		if (k->type == CFG_INT)
			CHECK(k->def.i >= k->min.i && k->def.i <= k->max.i);
		if (k->type == CFG_DOUBLE)
			CHECK(k->def.d >= k->min.d && k->def.d <= k->max.d);
	}
	CHECK_INT(n311, 110);	/* ptp4l 3.1.1's config_tab */
	CHECK_INT(cfg_nkeys, 113);	/* + uds_ro_address, uds_*file_mode */
	CHECK(nimpl > 70);
	CHECK(cfg_key_find("clientOnly") == cfg_key_find("slaveOnly"));
	CHECK(!cfg_key_find("foo"));
	CHECK(!cfg_key_find("slaveonly"));
	return 0;
}

/* Defaults as linuxptp 3.1.1 has them (its man page and config table). */
static int test_defaults(void)
{
	static const struct { const char *key; int v; } ints[] = {
		{ "announceReceiptTimeout", 3 }, { "assume_two_step", 0 },
		{ "clockAccuracy", 0xfe }, { "clockClass", 248 },
		{ "clock_servo", SERVO_PI }, { "clock_type", CLOCK_TYPE_OC },
		{ "dataset_comparison", DS_CMP_IEEE1588 },
		{ "delay_filter", FILTER_MOVING_MEDIAN },
		{ "delay_filter_length", 10 }, { "delay_mechanism", DM_E2E },
		{ "domainNumber", 0 }, { "fault_badpeernet_interval", 16 },
		{ "fault_reset_interval", 4 }, { "freq_est_interval", 1 },
		{ "G.8275.defaultDS.localPriority", 128 }, { "gmCapable", 1 },
		{ "logAnnounceInterval", 1 }, { "logSyncInterval", 0 },
		{ "logMinDelayReqInterval", 0 }, { "logging_level", 6 },
		{ "maxStepsRemoved", 255 }, { "max_frequency", 900000000 },
		{ "min_neighbor_prop_delay", -20000000 },
		{ "neighborPropDelayThresh", 20000000 },
		{ "network_transport", TRANS_UDP_IPV4 },
		{ "offsetScaledLogVariance", 0xffff }, { "priority1", 128 },
		{ "priority2", 128 }, { "sanity_freq_limit", 200000000 },
		{ "servo_num_offset_values", 10 }, { "slaveOnly", 0 },
		{ "summary_interval", 0 }, { "syncReceiptTimeout", 0 },
		{ "timeSource", 0xa0 }, { "time_stamping", TS_HARDWARE },
		{ "transportSpecific", 0 }, { "tsproc_mode", TSPROC_FILTER },
		{ "twoStepFlag", 1 }, { "tx_timestamp_timeout", 1 },
		{ "udp_ttl", 1 }, { "udp6_scope", 0x0e },
		{ "unicast_req_duration", 3600 }, { "use_syslog", 1 },
		{ "utc_offset", 37 }, { "verbose", 0 }, { "kernel_leap", 1 },
		{ "asCapable", AS_CAPABLE_AUTO }, { "BMCA", BMCA_PTP },
		{ "ts2phc.pulsewidth", 500000000 },
	};
	static const struct { const char *key; double v; } dbls[] = {
		{ "pi_proportional_const", 0.0 }, { "pi_integral_const", 0.0 },
		{ "pi_proportional_scale", 0.0 },
		{ "pi_proportional_exponent", -0.3 },
		{ "pi_proportional_norm_max", 0.7 },
		{ "pi_integral_scale", 0.0 }, { "pi_integral_exponent", 0.4 },
		{ "pi_integral_norm_max", 0.3 }, { "step_threshold", 0.0 },
		{ "first_step_threshold", 0.00002 },
	};
	static const struct { const char *key, *v; } strs[] = {
		{ "uds_address", "/var/run/ptp4l" },
		{ "uds_ro_address", "/var/run/ptp4lro" },
		{ "productDescription", ";;" }, { "revisionData", ";;" },
		{ "userDescription", "" }, { "manufacturerIdentity", "00:00:00" },
		{ "ptp_dst_mac", "01:1B:19:00:00:00" },
		{ "p2p_dst_mac", "01:80:C2:00:00:0E" }, { "message_tag", "" },
		{ "clockIdentity", "000000.0000.000000" },
		{ "ts2phc.nmea_serialport", "/dev/ttyS0" },
	};
	struct config *cfg = config_create(0);
	unsigned int i;

	for (i = 0; i < sizeof(ints) / sizeof(ints[0]); i++) {
		if (config_get_int(cfg, NULL, ints[i].key) != ints[i].v)
			FAIL("%s is %d, expected %d", ints[i].key,
			     config_get_int(cfg, NULL, ints[i].key), ints[i].v);
		CHECK(!config_is_set(cfg, NULL, ints[i].key));
	}
	for (i = 0; i < sizeof(dbls) / sizeof(dbls[0]); i++)
		if (config_get_double(cfg, NULL, dbls[i].key) != dbls[i].v)
			FAIL("%s is %g", dbls[i].key, dbls[i].v);
	for (i = 0; i < sizeof(strs) / sizeof(strs[0]); i++)
		CHECK_STR(config_get_string(cfg, "eth0", strs[i].key),
			  strs[i].v);
	config_destroy(cfg);
	return 0;
}

static int test_ranges(void)
{
	static const struct { const char *key; int lo, hi; } r[] = {
		{ "announceReceiptTimeout", 2, 255 }, { "domainNumber", 0, 127 },
		{ "dscp_event", 0, 63 }, { "logging_level", 0, 7 },
		{ "socket_priority", 0, 15 }, { "transportSpecific", 0, 15 },
		{ "udp_ttl", 1, 255 }, { "udp6_scope", 0, 15 },
		{ "logSyncInterval", -128, 127 }, { "maxStepsRemoved", 2, 255 },
		{ "timeSource", 0x10, 0xfe }, { "delay_filter_length", 1, INT_MAX },
		{ "min_neighbor_prop_delay", INT_MIN, -1 },
		{ "unicast_req_duration", 10, INT_MAX },
		{ "offsetScaledLogVariance", 0, 65535 },
	};
	unsigned int i;

	for (i = 0; i < sizeof(r) / sizeof(r[0]); i++) {
		const struct cfg_key *k = cfg_key_find(r[i].key);

		CHECK(k && k->type == CFG_INT);
		if (k->min.i != r[i].lo || k->max.i != r[i].hi)
			FAIL("%s: %d..%d", r[i].key, k->min.i, k->max.i);
	}
	CHECK(cfg_key_find("pi_proportional_norm_max")->max.d == 1.0);
	CHECK(cfg_key_find("pi_integral_norm_max")->max.d == 2.0);
	CHECK(cfg_key_find("pi_integral_norm_max")->min.d == DBL_MIN);
	CHECK(cfg_key_find("priority1")->flags == CFG_IMPL);
	CHECK(cfg_key_find("logSyncInterval")->flags == (CFG_PORT | CFG_IMPL));
	CHECK(cfg_key_find("masterOnly")->flags == (CFG_PORT | CFG_IMPL));
	CHECK(cfg_key_find("unicast_listen")->flags == (CFG_PORT | CFG_IMPL));
	CHECK(cfg_key_find("ts2phc.master")->flags == (CFG_PORT | CFG_TS2PHC));
	return 0;
}

static int test_parse_basic(void)
{
	struct config *cfg = config_create(0);
	uint8_t mac[6];
	char err[256];

	CHECK_INT(parse(cfg,
		"# comment\n"
		"\n"
		"  [global]  \n"
		"priority1\t\t 0x10  \n"
		"  priority2 010\n"
		"logSyncInterval -3\n"
		"network_transport l2\n"
		"step_threshold 1e-3\n"
		"productDescription a b;c;d\n"
		"ptp_dst_mac 01:80:c2:0:0:e\n"
		"clientOnly 1\n"
		"   # indented comment\n"
		"[eth1]\n"
		"logSyncInterval 2\n"
		"delay_mechanism P2P\n"
		"[ eth0 ]\n"
		"[GLOBAL]\n"
		"domainNumber 24\n"
		"[eth1]\n"
		"udp_ttl 5\n", err, sizeof(err)), 0);
	CHECK_STR(err, "");
	CHECK_INT(config_get_int(cfg, NULL, "priority1"), 16);
	CHECK_INT(config_get_int(cfg, NULL, "priority2"), 8);
	CHECK_INT(config_get_int(cfg, NULL, "domainNumber"), 24);
	CHECK_INT(config_get_int(cfg, NULL, "slaveOnly"), 1);
	CHECK_INT(config_get_int(cfg, NULL, "clientOnly"), 1);
	CHECK(config_get_double(cfg, NULL, "step_threshold") == 1e-3);
	CHECK_STR(config_get_string(cfg, NULL, "productDescription"),
		  "a b;c;d");
	config_get_octets(cfg, "eth0", "ptp_dst_mac", mac);
	CHECK(!memcmp(mac, "\x01\x80\xc2\x00\x00\x0e", 6));
	CHECK_INT(config_n_interfaces(cfg), 2);
	CHECK_STR(config_interface(cfg, 0), "eth1");
	CHECK_STR(config_interface(cfg, 1), "eth0");
	CHECK(!config_interface(cfg, 2));
	/* the port's own value, else the global one */
	CHECK_INT(config_get_int(cfg, "eth1", "logSyncInterval"), 2);
	CHECK_INT(config_get_int(cfg, "eth0", "logSyncInterval"), -3);
	CHECK_INT(config_get_int(cfg, NULL, "logSyncInterval"), -3);
	CHECK_INT(config_get_int(cfg, "eth1", "delay_mechanism"), DM_P2P);
	CHECK_INT(config_get_int(cfg, "eth0", "delay_mechanism"), DM_E2E);
	CHECK_INT(config_get_int(cfg, "eth1", "udp_ttl"), 5);
	CHECK_INT(config_get_int(cfg, "eth1", "network_transport"),
		  TRANS_IEEE_802_3);
	CHECK_INT(config_get_int(cfg, "nosuch", "network_transport"),
		  TRANS_IEEE_802_3);
	/* a global key asked for a port is the global value */
	CHECK_INT(config_get_int(cfg, "eth1", "priority1"), 16);
	CHECK(config_is_set(cfg, "eth1", "udp_ttl"));
	CHECK(!config_is_set(cfg, "eth0", "udp_ttl"));
	CHECK(config_is_set(cfg, "eth0", "logSyncInterval"));
	config_destroy(cfg);
	return 0;
}

/* Every error class, with its exact message. */
static int test_errors(void)
{
	CHECK_STR(strict_err("[global]\nfoo 1\n"),
		  "t.cfg:2: unknown option 'foo'");
	CHECK_STR(strict_err("[eth0]\n\n# x\nbar 1\n"),
		  "t.cfg:4: unknown option 'bar'");
	CHECK_STR(strict_err("[global]\npriority1 256\n"),
		  "t.cfg:2: '256' is an out of range value for option 'priority1' (0 to 255)");
	CHECK_STR(strict_err("[global]\npriority1 -1\n"),
		  "t.cfg:2: '-1' is an out of range value for option 'priority1' (0 to 255)");
	CHECK_STR(strict_err("[global]\npriority1 abc\n"),
		  "t.cfg:2: 'abc' is a malformed value for option 'priority1' (0 to 255)");
	CHECK_STR(strict_err("[global]\npriority1 3 # c\n"),
		  "t.cfg:2: '3 # c' is a malformed value for option 'priority1' (0 to 255)");
	CHECK_STR(strict_err("[global]\nutc_offset 99999999999\n"),
		  "t.cfg:2: '99999999999' is an out of range value for option 'utc_offset' (>= 0)");
	CHECK_STR(strict_err("[global]\nsummary_interval x\n"),
		  "t.cfg:2: 'x' is a malformed value for option 'summary_interval' (any integer)");
	CHECK_STR(strict_err("[eth0]\nmin_neighbor_prop_delay 0\n"),
		  "t.cfg:2: '0' is an out of range value for option 'min_neighbor_prop_delay' (<= -1)");
	CHECK_STR(strict_err("[global]\nstep_threshold -1\n"),
		  "t.cfg:2: '-1' is an out of range value for option 'step_threshold' (>= 0)");
	CHECK_STR(strict_err("[global]\nstep_threshold 1x\n"),
		  "t.cfg:2: '1x' is a malformed value for option 'step_threshold' (>= 0)");
	CHECK_STR(strict_err("[global]\nstep_threshold nan\n"),
		  "t.cfg:2: 'nan' is a malformed value for option 'step_threshold' (>= 0)");
	CHECK_STR(strict_err("[global]\npi_proportional_norm_max 0\n"),
		  "t.cfg:2: '0' is an out of range value for option 'pi_proportional_norm_max' (> 0 and <= 1)");
	CHECK_STR(strict_err("[global]\npi_integral_exponent x\n"),
		  "t.cfg:2: 'x' is a malformed value for option 'pi_integral_exponent' (any number)");
	CHECK_STR(strict_err("[global]\nnetwork_transport foo\n"),
		  "t.cfg:2: 'foo' is a bad value for option 'network_transport' (one of UDPv4, UDPv6, L2)");
	CHECK_STR(strict_err("[global]\nptp_dst_mac 01:1B:19:00:00\n"),
		  "t.cfg:2: '01:1B:19:00:00' is a malformed value for option 'ptp_dst_mac' (a MAC address like 01:1B:19:00:00:00)");
	CHECK_STR(strict_err("[global]\nmanufacturerIdentity 00:00:0g\n"),
		  "t.cfg:2: '00:00:0g' is a malformed value for option 'manufacturerIdentity' (an OUI like 00:00:00)");
	CHECK_STR(strict_err("[global]\nrevisionData 123456789012345678901234567890123\n"),
		  "t.cfg:2: '123456789012345678901234567890123' is an out of range value for option 'revisionData' (at most 32 characters)");
	CHECK_STR(strict_err("[global]\npriority1\n"),
		  "t.cfg:2: option 'priority1' needs a value");
	CHECK_STR(strict_err("priority1 3\n"),
		  "t.cfg:1: 'priority1' is not in a section");
	CHECK_STR(strict_err("[eth0]\npriority1 3\n"),
		  "t.cfg:2: option 'priority1' is global and cannot be set in a port section");
	CHECK_STR(strict_err("[global]\nkernel_leap 0\n"), "(no error)");
	CHECK_STR(strict_err("[global]\nleapfile /usr/share/zoneinfo/leap-seconds.list\n"),
		  "t.cfg:2: option 'leapfile' belongs to ts2phc and is not used by ptpkd");
	/* accepted as by ptp4l; the interface then refuses it (sk.c) */
	CHECK_STR(strict_err("[global]\ntime_stamping legacy\n"), "(no error)");
	/* the servos ptpk.ko runs, all of them */
	CHECK_STR(strict_err("[global]\nclock_servo ntpshm\nntpshm_segment 3\n"
			     "clock_servo nullf\nclock_servo linreg\n"), "(no error)");
	CHECK_STR(strict_err("[global]\nts2phc.pulsewidth 100000000\n"),
		  "t.cfg:2: option 'ts2phc.pulsewidth' belongs to ts2phc and is not used by ptpkd");
	CHECK_STR(strict_err("[unicast_master_table]\ntable_id 0\n"),
		  "t.cfg:2: '0' is an out of range value for option 'table_id'");
	CHECK_STR(strict_err("[unicast_master_table]\ntable_id 1\ntable_id 2\n"),
		  "t.cfg:3: table_id given twice in one table");
	CHECK_STR(strict_err("[unicast_master_table]\ntable_id 1\n"
			     "[unicast_master_table]\ntable_id 1\n"),
		  "t.cfg:4: table_id 1 is used twice");
	CHECK_STR(strict_err("[unicast_master_table]\nlogQueryInterval 128\n"),
		  "t.cfg:2: '128' is an out of range value for option 'logQueryInterval'");
	CHECK_STR(strict_err("[unicast_master_table]\nUDPv4 1.2.3\n"),
		  "t.cfg:2: '1.2.3' is not an IPv4 address");
	CHECK_STR(strict_err("[unicast_master_table]\nUDPv6 1.2.3.4\n"),
		  "t.cfg:2: '1.2.3.4' is not an IPv6 address");
	CHECK_STR(strict_err("[unicast_master_table]\nL2 00:11:22\n"),
		  "t.cfg:2: '00:11:22' is not an L2 address");
	CHECK_STR(strict_err("[unicast_master_table]\nUDP 1.2.3.4\n"),
		  "t.cfg:2: unknown option 'UDP' in [unicast_master_table]");
	CHECK_STR(strict_err("[global\n"),
		  "t.cfg:1: bad section header '[global'");
	CHECK_STR(strict_err("[ ]\n"), "t.cfg:1: empty section name");
	CHECK_STR(strict_err("[eth0 x]\n"),
		  "t.cfg:1: bad interface name 'eth0 x'");
	CHECK_STR(strict_err("[abcdefghijklmnop]\n"),
		  "t.cfg:1: interface name 'abcdefghijklmnop' is too long (at most 15 characters)");
	/* not implemented, but at the default: ptpkd behaves as ptp4l */
	CHECK_STR(strict_err("[global]\nwrite_phase_mode 0\nkernel_leap 1\n"
			     "hwts_filter NORMAL\nts2phc.master 0\n"
			     "clockIdentity 000000.0000.000000\n"),
		  "(no error)");
	return 0;
}

static int test_errors_file(void)
{
	struct config *cfg = config_create(0);
	char path[] = "/tmp/ptpk-test-XXXXXX", err[512], want[600];
	int fd = mkstemp(path);

	CHECK(fd >= 0);
	CHECK(write(fd, "[global]\n\n\n  foo 2\n", 20) == 20);
	close(fd);
	CHECK_INT(config_read(cfg, path, err, sizeof(err)), -1);
	snprintf(want, sizeof(want), "%s:4: unknown option 'foo'", path);
	CHECK_STR(err, want);
	unlink(path);
	CHECK_INT(config_read(cfg, path, err, sizeof(err)), -1);
	snprintf(want, sizeof(want),
		 "failed to open configuration file %s: No such file or directory",
		 path);
	CHECK_STR(err, want);
	config_destroy(cfg);
	return 0;
}

static int test_long_line(void)
{
	static const char nul[] = "[global]\nverbose 1\nuse_\0syslog 0\n";
	struct config *cfg = config_create(0);
	char *text = malloc(1200), err[256];
	size_t n;
	FILE *f;

	strcpy(text, "[global]\nuserDescription ");
	n = strlen(text);
	memset(text + n, 'x', 1100);
	strcpy(text + n + 1100, "\n");
	CHECK_INT(parse(cfg, text, err, sizeof(err)), -1);
	CHECK_STR(err, "t.cfg:2: line too long (more than 1024 characters)");
	f = fmemopen((void *)nul, sizeof(nul) - 1, "r");
	CHECK_INT(config_read_stream(cfg, f, "n.cfg", err, sizeof(err)), -1);
	fclose(f);
	CHECK_STR(err, "n.cfg:3: line contains a NUL byte");
	CHECK_INT(config_get_int(cfg, NULL, "verbose"), 1);
	free(text);
	config_destroy(cfg);
	return 0;
}

/* --key value and the short options: locked against the file's [global]. */
static int test_cmdline_wins(void)
{
	struct config *cfg = config_create(0);
	char err[256];

	CHECK_INT(config_set_text(cfg, "priority1", "7", err, sizeof(err)), 0);
	CHECK_INT(config_set_text(cfg, "logSyncInterval", "-2", err,
				  sizeof(err)), 0);
	CHECK_INT(config_set_int(cfg, "verbose", 1), 0);
	CHECK_INT(config_set_double(cfg, "step_threshold", 0.5), 0);
	CHECK_INT(config_set_string(cfg, "message_tag", "[x]"), 0);
	CHECK_INT(config_set_int(cfg, "priority1", 256), -1);
	CHECK_INT(config_set_int(cfg, "step_threshold", 1), -1);
	CHECK_INT(config_set_double(cfg, "step_threshold", -1), -1);
	CHECK_INT(config_set_int(cfg, "nosuch", 1), -1);
	CHECK_INT(config_set_int(cfg, "network_transport", 0), -1);
	CHECK_INT(config_set_int(cfg, "network_transport", TRANS_UDP_IPV6), 0);
	CHECK_INT(config_get_int(cfg, "eth0", "network_transport"),
		  TRANS_UDP_IPV6);
	CHECK_INT(parse(cfg, "[global]\npriority1 9\npriority2 9\nverbose 0\n"
			"step_threshold 2\nmessage_tag y\nlogSyncInterval 1\n"
			"[eth0]\nlogSyncInterval 3\n", err, sizeof(err)), 0);
	CHECK_INT(config_get_int(cfg, NULL, "priority1"), 7);
	CHECK_INT(config_get_int(cfg, NULL, "priority2"), 9);
	CHECK_INT(config_get_int(cfg, NULL, "verbose"), 1);
	CHECK(config_get_double(cfg, NULL, "step_threshold") == 0.5);
	CHECK_STR(config_get_string(cfg, NULL, "message_tag"), "[x]");
	/* a port section still overrides for its port, as in ptp4l */
	CHECK_INT(config_get_int(cfg, "eth0", "logSyncInterval"), 3);
	CHECK_INT(config_get_int(cfg, "eth1", "logSyncInterval"), -2);

	CHECK_INT(config_set_text(cfg, "priority1", "x", err, sizeof(err)), -1);
	CHECK_STR(err, "'x' is a malformed value for option 'priority1' (0 to 255)");
	CHECK_INT(config_set_text(cfg, "leapfile", "/x", err,
				  sizeof(err)), -1);
	CHECK_STR(err, "option 'leapfile' belongs to ts2phc and is not used by ptpkd");
	CHECK_INT(config_set_text(cfg, "zz", "1", err, sizeof(err)), -1);
	CHECK_STR(err, "unknown option 'zz'");
	config_destroy(cfg);
	return 0;
}

static int test_interfaces(void)
{
	struct config *cfg = config_create(0);
	char err[128];

	CHECK_INT(config_add_interface(cfg, "eth2"), 0);
	CHECK_INT(config_add_interface(cfg, "eth0"), 1);
	CHECK_INT(config_add_interface(cfg, "eth2"), 0);
	CHECK_INT(config_add_interface(cfg, ""), -1);
	CHECK_INT(config_add_interface(cfg, "0123456789abcdef"), -1);
	CHECK_INT(config_add_interface(cfg, "0123456789abcde"), 2);
	CHECK_INT(parse(cfg, "[eth0]\n[eth9]\n[eth5]\n[eth6]\n[eth7]\n", err,
			sizeof(err)), 0);
	CHECK_INT(config_n_interfaces(cfg), 7);
	CHECK_STR(config_interface(cfg, 3), "eth9");
	CHECK_STR(config_interface(cfg, 6), "eth7");
	config_destroy(cfg);
	return 0;
}

static int test_octets(void)
{
	uint8_t o[8];

	CHECK_INT(cfg_parse_octets("001122.fffe.3344aB", CFG_CLOCKID, o), 0);
	CHECK(!memcmp(o, "\x00\x11\x22\xff\xfe\x33\x44\xab", 8));
	CHECK_INT(cfg_parse_octets("001122.fffe.3344a", CFG_CLOCKID, o), -1);
	CHECK_INT(cfg_parse_octets("001122.fffe.3344abc", CFG_CLOCKID, o), -1);
	CHECK_INT(cfg_parse_octets("1:2:3", CFG_OUI, o), 0);
	CHECK(!memcmp(o, "\x01\x02\x03", 3));
	CHECK_INT(cfg_parse_octets("1:2:3:", CFG_OUI, o), -1);
	CHECK_INT(cfg_parse_octets("111:2:3", CFG_OUI, o), -1);
	CHECK_INT(cfg_parse_octets("", CFG_MAC, o), -1);
	return 0;
}

/* Every ptp4l config linuxptp ships parses, values readable. */
static int test_shipped_permissive(void)
{
	static const char *const names[] = {
		"default.cfg", "gPTP.cfg", "E2E-TC.cfg", "P2P-TC.cfg",
		"G.8265.1.cfg", "G.8275.1.cfg", "G.8275.2.cfg",
		"UNICAST-MASTER.cfg", "UNICAST-SLAVE.cfg",
		"automotive-master.cfg", "automotive-slave.cfg",
		"ts2phc-TC.cfg", "ts2phc-generic.cfg",
	};
	char path[256], err[512];
	const struct uc_table *t;
	struct config *cfg;
	unsigned int i;

	if (access(CONFIGS "default.cfg", R_OK)) {
		printf("# skip: no %s\n", CONFIGS);
		return 0;
	}
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		cfg = config_create(CONFIG_PERMISSIVE);
		snprintf(path, sizeof(path), CONFIGS "%s", names[i]);
		if (config_read(cfg, path, err, sizeof(err)))
			FAIL("%s", err);
		config_destroy(cfg);
	}

	cfg = config_create(CONFIG_PERMISSIVE);
	CHECK_INT(config_read(cfg, CONFIGS "gPTP.cfg", err, sizeof(err)), 0);
	CHECK_INT(config_get_int(cfg, NULL, "priority1"), 248);
	CHECK_INT(config_get_int(cfg, NULL, "logSyncInterval"), -3);
	CHECK_INT(config_get_int(cfg, NULL, "neighborPropDelayThresh"), 800);
	CHECK_INT(config_get_int(cfg, NULL, "transportSpecific"), 1);
	CHECK_INT(config_get_int(cfg, NULL, "network_transport"),
		  TRANS_IEEE_802_3);
	CHECK_INT(config_get_int(cfg, NULL, "delay_mechanism"), DM_P2P);
	CHECK_STR(config_get_string(cfg, NULL, "ptp_dst_mac"),
		  "01:80:C2:00:00:0E");
	config_destroy(cfg);

	cfg = config_create(CONFIG_PERMISSIVE);
	CHECK_INT(config_read(cfg, CONFIGS "UNICAST-SLAVE.cfg", err,
			      sizeof(err)), 0);
	CHECK_INT(config_n_unicast_tables(cfg), 3);
	CHECK_INT(config_n_interfaces(cfg), 2);
	CHECK_INT(config_get_int(cfg, "eth1", "unicast_master_table"), 2);
	CHECK_INT(config_get_int(cfg, "eth1", "network_transport"),
		  TRANS_IEEE_802_3);
	CHECK_INT(config_get_int(cfg, "eth0", "unicast_req_duration"), 60);
	t = config_unicast_table(cfg, 1);
	CHECK(t && t->n == 3 && t->log_query == 2 && !t->peer[0]);
	CHECK_INT(t->addr[2].type, TRANS_UDP_IPV4);
	CHECK_STR(t->addr[2].text, "192.168.3.33");
	t = config_unicast_table(cfg, 2);
	CHECK(t && t->n == 1 && t->addr[0].type == TRANS_IEEE_802_3);
	t = config_unicast_table(cfg, 3);
	CHECK(t && t->n == 1);
	CHECK_STR(t->peer, "192.168.4.44");
	CHECK(!config_unicast_table(cfg, 4));
	config_destroy(cfg);

	cfg = config_create(CONFIG_PERMISSIVE);
	CHECK_INT(config_read(cfg, CONFIGS "default.cfg", err, sizeof(err)), 0);
	CHECK_STR(config_get_string(cfg, NULL, "userDescription"), ";");
	CHECK_INT(config_get_int(cfg, NULL, "clockAccuracy"), 0xfe);
	CHECK(config_get_double(cfg, NULL, "first_step_threshold") == 0.00002);
	config_destroy(cfg);

	cfg = config_create(CONFIG_PERMISSIVE);
	CHECK_INT(config_read(cfg, CONFIGS "ts2phc-TC.cfg", err, sizeof(err)),
		  0);
	CHECK_INT(config_get_int(cfg, "eth6", "ts2phc.master"), 1);
	CHECK_INT(config_get_int(cfg, "eth3", "ts2phc.extts_polarity"),
		  EXTTS_BOTH);
	CHECK_INT(config_n_interfaces(cfg), 3);
	config_destroy(cfg);
	return 0;
}

/* What ptpkd (strict) says of each: the first thing it cannot honour. */
static int test_shipped_strict(void)
{
	static const struct { const char *name, *err; } want[] = {
		{ "default.cfg", NULL },
		{ "gPTP.cfg", NULL },
		{ "E2E-TC.cfg", NULL },
		{ "P2P-TC.cfg", NULL },
		{ "G.8265.1.cfg", NULL },
		{ "G.8275.1.cfg", NULL },
		{ "G.8275.2.cfg", NULL },
		{ "UNICAST-MASTER.cfg", NULL },
		{ "UNICAST-SLAVE.cfg", NULL },
		{ "automotive-master.cfg", NULL },
		{ "automotive-slave.cfg", NULL },
		{ "ts2phc-TC.cfg", "ts2phc-TC.cfg:18: option 'ts2phc.master' belongs to ts2phc and is not used by ptpkd" },
		{ "ts2phc-generic.cfg", "ts2phc-generic.cfg:14: option 'ts2phc.pulsewidth' belongs to ts2phc and is not used by ptpkd" },
	};
	char path[256], err[512], exp[600];
	unsigned int i;

	if (access(CONFIGS "default.cfg", R_OK)) {
		printf("# skip: no %s\n", CONFIGS);
		return 0;
	}
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		struct config *cfg = config_create(0);
		int r;

		snprintf(path, sizeof(path), CONFIGS "%s", want[i].name);
		err[0] = '\0';
		r = config_read(cfg, path, err, sizeof(err));
		config_destroy(cfg);
		if (!want[i].err) {
			if (r)
				FAIL("%s", err);
			continue;
		}
		CHECK_INT(r, -1);
		snprintf(exp, sizeof(exp), CONFIGS "%s", want[i].err);
		CHECK_STR(err, exp);
	}
	return 0;
}

/* The line the man page has under each key's name. */
static void doc_line(const struct cfg_key *k, char *buf, size_t len)
{
	static const char *const types[] = {
		"integer", "number", "enumeration", "string", "MAC address",
		"OUI", "clock identity",
	};
	char range[256], def[128], tmp[600];
	size_t i, o = 0;

	cfg_key_range(k, range, sizeof(range));
	cfg_key_default(k, def, sizeof(def));
	snprintf(tmp, sizeof(tmp), "%s, %s (%s), default \\(lq%s\\(rq: %s.",
		 k->flags & CFG_PORT ? "Port" : "Global", types[k->type],
		 range, def,
		 k->flags & CFG_IMPL ? "implemented" :
		 k->flags & CFG_TS2PHC ? "ts2phc only" :
		 "not yet implemented, only its default is accepted");
	/* roff: a minus sign is \- */
	for (i = 0; tmp[i] && o + 3 < len; i++) {
		if (tmp[i] == '-')
			buf[o++] = '\\';
		buf[o++] = tmp[i];
	}
	buf[o] = '\0';
}

/* Documentation/ptpk.conf.5 has every key, its default and its status. */
static int test_man_page(void)
{
	char *text = NULL, line[512], want[700];
	size_t cap = 0;
	ssize_t n;
	unsigned int i;
	FILE *f = fopen("../Documentation/ptpk.conf.5", "r");

	if (!f)
		FAIL("no ../Documentation/ptpk.conf.5");
	n = getdelim(&text, &cap, '\0', f);
	fclose(f);
	CHECK(n > 0);
	for (i = 0; i < cfg_nkeys; i++) {
		doc_line(&cfg_keys[i], line, sizeof(line));
		snprintf(want, sizeof(want), "\n.B %s\n%s\n", cfg_keys[i].name,
			 line);
		if (!strstr(text, want)) {
			free(text);
			FAIL("man page lacks:%s", want);
		}
	}
	free(text);
	return 0;
}

/* "ASAP" for the two fault intervals, as ptp4l; for nothing else */
static int test_asap(void)
{
	struct config *cfg = config_create(0);
	char err[256];

	CHECK_INT(parse(cfg, "[global]\nfault_reset_interval ASAP\n"
			"[eth0]\nfault_badpeernet_interval asap\n",
			err, sizeof(err)), 0);
	CHECK_INT(config_get_int(cfg, NULL, "fault_reset_interval"), -128);
	CHECK_INT(config_get_int(cfg, "eth0", "fault_badpeernet_interval"), 0);
	CHECK_INT(config_get_int(cfg, NULL, "fault_badpeernet_interval"), 16);
	config_destroy(cfg);
	CHECK_STR(strict_err("[global]\npriority1 ASAP\n"),
		  "t.cfg:2: 'ASAP' is a malformed value for option 'priority1' (0 to 255)");
	return 0;
}

static const struct test config_tests[] = {
	{ "config: table is linuxptp 3.1.1's 110 keys", test_table_is_linuxptp_311 },
	{ "config: defaults equal linuxptp's", test_defaults },
	{ "config: ranges and scopes", test_ranges },
	{ "config: parse sections, values, port overrides", test_parse_basic },
	{ "config: ASAP fault intervals", test_asap },
	{ "config: every error class with file:line", test_errors },
	{ "config: errors from a real file", test_errors_file },
	{ "config: long lines and NUL bytes", test_long_line },
	{ "config: command line wins over [global]", test_cmdline_wins },
	{ "config: interfaces", test_interfaces },
	{ "config: MAC, OUI and clock identity", test_octets },
	{ "config: shipped linuxptp configs parse", test_shipped_permissive },
	{ "config: shipped configs in ptpkd's strict mode", test_shipped_strict },
	{ "config: man page lists every key", test_man_page },
	{ NULL, NULL },
};

TEST_SUITE(config_tests);
