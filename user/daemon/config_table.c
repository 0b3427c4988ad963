// SPDX-License-Identifier: GPL-2.0
/*
 * Every configuration key, once: the 110 keys of linuxptp 3.1.1 (defaults
 * and ranges as ptp4l 3.1.1 has them, ts2phc's included because ptp4l 3.1.1
 * accepts them too) and the few later names ptpkd also understands.
 * Documentation/ptpk.conf.5 describes them; a test keeps the two in step.
 */
#include <float.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config.h"

#define GLOB	0
#define PORT	CFG_PORT
#define IMPL	CFG_IMPL
#define TODO	0

#define INT(n, f, dv, lo, hi) { .name = n, .type = CFG_INT, .flags = f, \
	.def.i = dv, .min.i = lo, .max.i = hi }
#define DBL(n, f, dv, lo, hi) { .name = n, .type = CFG_DOUBLE, .flags = f, \
	.def.d = dv, .min.d = lo, .max.d = hi }
#define ENUM(n, f, dv, tab) { .name = n, .type = CFG_ENUM, .flags = f, \
	.def.i = dv, .values = tab }
#define STR(n, f, dv, maxlen) { .name = n, .type = CFG_STRING, .flags = f, \
	.def_s = dv, .max.i = maxlen }
#define OCT(n, t, f, dv) { .name = n, .type = t, .flags = f, .def_s = dv }

/* sun_path of a struct sockaddr_un, without the NUL */
#define UDS_MAX 107
#define STR_MAX 1000

static const struct cfg_enum as_capable_vals[] = {
	{ "true", AS_CAPABLE_TRUE, true },
	{ "auto", AS_CAPABLE_AUTO, true },
	{ NULL, 0, false },
};

static const struct cfg_enum bmca_vals[] = {
	{ "ptp", BMCA_PTP, true },
	{ "noop", BMCA_NOOP, true },
	{ NULL, 0, false },
};

static const struct cfg_enum servo_vals[] = {
	{ "pi", SERVO_PI, true },
	{ "linreg", SERVO_LINREG, true },
	{ "ntpshm", SERVO_NTPSHM, true },
	{ "nullf", SERVO_NULLF, true },
	{ NULL, 0, false },
};

static const struct cfg_enum clock_type_vals[] = {
	{ "OC", CLOCK_TYPE_OC, true },
	{ "BC", CLOCK_TYPE_BC, true },
	{ "P2P_TC", CLOCK_TYPE_P2P_TC, true },
	{ "E2E_TC", CLOCK_TYPE_E2E_TC, true },
	{ NULL, 0, false },
};

static const struct cfg_enum ds_cmp_vals[] = {
	{ "ieee1588", DS_CMP_IEEE1588, true },
	{ "G.8275.x", DS_CMP_G8275, true },
	{ NULL, 0, false },
};

static const struct cfg_enum filter_vals[] = {
	{ "moving_average", FILTER_MOVING_AVERAGE, true },
	{ "moving_median", FILTER_MOVING_MEDIAN, true },
	{ NULL, 0, false },
};

static const struct cfg_enum dm_vals[] = {
	{ "Auto", DM_AUTO, true },
	{ "E2E", DM_E2E, true },
	{ "P2P", DM_P2P, true },
	{ NULL, 0, false },
};

static const struct cfg_enum hwts_filter_vals[] = {
	{ "normal", HWTS_FILTER_NORMAL, true },
	{ "check", HWTS_FILTER_CHECK, true },
	{ "full", HWTS_FILTER_FULL, true },
	{ NULL, 0, false },
};

static const struct cfg_enum transport_vals[] = {
	{ "UDPv4", TRANS_UDP_IPV4, true },
	{ "UDPv6", TRANS_UDP_IPV6, true },
	{ "L2", TRANS_IEEE_802_3, true },
	{ NULL, 0, false },
};

static const struct cfg_enum ts_vals[] = {
	{ "hardware", TS_HARDWARE, true },
	{ "software", TS_SOFTWARE, true },
	{ "legacy", TS_LEGACY_HW, true },
	{ "onestep", TS_ONESTEP, true },
	{ "p2p1step", TS_P2P1STEP, true },
	{ NULL, 0, false },
};

static const struct cfg_enum tsproc_vals[] = {
	{ "filter", TSPROC_FILTER, true },
	{ "raw", TSPROC_RAW, true },
	{ "filter_weight", TSPROC_FILTER_WEIGHT, true },
	{ "raw_weight", TSPROC_RAW_WEIGHT, true },
	{ NULL, 0, false },
};

static const struct cfg_enum polarity_vals[] = {
	{ "rising", EXTTS_RISING, false },
	{ "falling", EXTTS_FALLING, false },
	{ "both", EXTTS_BOTH, false },
	{ NULL, 0, false },
};

#define TS2 CFG_TS2PHC

const struct cfg_key cfg_keys[] = {
	INT("announceReceiptTimeout", PORT | IMPL, 3, 2, UINT8_MAX),
	ENUM("asCapable", PORT | IMPL, AS_CAPABLE_AUTO, as_capable_vals),
	INT("assume_two_step", GLOB | IMPL, 0, 0, 1),
	INT("boundary_clock_jbod", PORT | IMPL, 0, 0, 1),
	ENUM("BMCA", PORT | IMPL, BMCA_PTP, bmca_vals),
	INT("check_fup_sync", GLOB | IMPL, 0, 0, 1),
	INT("clockAccuracy", GLOB | IMPL, 0xfe, 0, UINT8_MAX),
	INT("clockClass", GLOB | IMPL, 248, 0, UINT8_MAX),
	OCT("clockIdentity", CFG_CLOCKID, GLOB | IMPL, "000000.0000.000000"),
	ENUM("clock_servo", GLOB | IMPL, SERVO_PI, servo_vals),
	ENUM("clock_type", GLOB | IMPL, CLOCK_TYPE_OC, clock_type_vals),
	ENUM("dataset_comparison", GLOB | IMPL, DS_CMP_IEEE1588, ds_cmp_vals),
	INT("delayAsymmetry", PORT | IMPL, 0, INT_MIN, INT_MAX),
	ENUM("delay_filter", PORT | IMPL, FILTER_MOVING_MEDIAN, filter_vals),
	INT("delay_filter_length", PORT | IMPL, 10, 1, INT_MAX),
	ENUM("delay_mechanism", PORT | IMPL, DM_E2E, dm_vals),
	INT("dscp_event", GLOB | IMPL, 0, 0, 63),
	INT("dscp_general", GLOB | IMPL, 0, 0, 63),
	INT("domainNumber", GLOB | IMPL, 0, 0, 127),
	INT("egressLatency", PORT | IMPL, 0, INT_MIN, INT_MAX),
	INT("fault_badpeernet_interval", PORT | IMPL, 16, INT_MIN, INT_MAX),
	INT("fault_reset_interval", PORT | IMPL, 4, INT8_MIN, INT8_MAX),
	DBL("first_step_threshold", GLOB | IMPL, 0.00002, 0.0, DBL_MAX),
	INT("follow_up_info", PORT | IMPL, 0, 0, 1),
	INT("free_running", GLOB | IMPL, 0, 0, 1),
	INT("freq_est_interval", PORT | IMPL, 1, 0, INT_MAX),
	INT("G.8275.defaultDS.localPriority", GLOB | IMPL, 128, 1, UINT8_MAX),
	INT("G.8275.portDS.localPriority", PORT | IMPL, 128, 1, UINT8_MAX),
	INT("gmCapable", GLOB | IMPL, 1, 0, 1),
	ENUM("hwts_filter", GLOB | IMPL, HWTS_FILTER_NORMAL, hwts_filter_vals),
	INT("hybrid_e2e", PORT | IMPL, 0, 0, 1),
	INT("ignore_source_id", PORT | IMPL, 0, 0, 1),
	INT("ignore_transport_specific", PORT | IMPL, 0, 0, 1),
	INT("ingressLatency", PORT | IMPL, 0, INT_MIN, INT_MAX),
	INT("inhibit_announce", PORT | IMPL, 0, 0, 1),
	INT("inhibit_delay_req", PORT | IMPL, 0, 0, 1),
	INT("inhibit_multicast_service", PORT | IMPL, 0, 0, 1),
	INT("initial_delay", GLOB | IMPL, 0, 0, INT_MAX),
	INT("kernel_leap", GLOB | IMPL, 1, 0, 1),
	STR("leapfile", GLOB | TS2, "", STR_MAX),
	INT("logAnnounceInterval", PORT | IMPL, 1, INT8_MIN, INT8_MAX),
	INT("logMinDelayReqInterval", PORT | IMPL, 0, INT8_MIN, INT8_MAX),
	INT("logMinPdelayReqInterval", PORT | IMPL, 0, INT8_MIN, INT8_MAX),
	INT("logSyncInterval", PORT | IMPL, 0, INT8_MIN, INT8_MAX),
	INT("logging_level", GLOB | IMPL, 6, 0, 7),
	INT("masterOnly", PORT | IMPL, 0, 0, 1),
	INT("maxStepsRemoved", GLOB | IMPL, 255, 2, UINT8_MAX),
	STR("message_tag", GLOB | IMPL, "", STR_MAX),
	OCT("manufacturerIdentity", CFG_OUI, GLOB | IMPL, "00:00:00"),
	INT("max_frequency", GLOB | IMPL, 900000000, 0, INT_MAX),
	INT("min_neighbor_prop_delay", PORT | IMPL, -20000000, INT_MIN, -1),
	INT("msg_interval_request", PORT | IMPL, 0, 0, 1),
	INT("neighborPropDelayThresh", PORT | IMPL, 20000000, 0, INT_MAX),
	INT("net_sync_monitor", PORT | IMPL, 0, 0, 1),
	ENUM("network_transport", PORT | IMPL, TRANS_UDP_IPV4, transport_vals),
	INT("ntpshm_segment", GLOB | IMPL, 0, INT_MIN, INT_MAX),
	INT("offsetScaledLogVariance", GLOB | IMPL, 0xffff, 0, UINT16_MAX),
	INT("operLogPdelayReqInterval", PORT | IMPL, 0, INT8_MIN, INT8_MAX),
	INT("operLogSyncInterval", PORT | IMPL, 0, INT8_MIN, INT8_MAX),
	INT("path_trace_enabled", PORT | IMPL, 0, 0, 1),
	DBL("pi_integral_const", GLOB | IMPL, 0.0, 0.0, DBL_MAX),
	DBL("pi_integral_exponent", GLOB | IMPL, 0.4, -DBL_MAX, DBL_MAX),
	DBL("pi_integral_norm_max", GLOB | IMPL, 0.3, DBL_MIN, 2.0),
	DBL("pi_integral_scale", GLOB | IMPL, 0.0, 0.0, DBL_MAX),
	DBL("pi_proportional_const", GLOB | IMPL, 0.0, 0.0, DBL_MAX),
	DBL("pi_proportional_exponent", GLOB | IMPL, -0.3, -DBL_MAX, DBL_MAX),
	DBL("pi_proportional_norm_max", GLOB | IMPL, 0.7, DBL_MIN, 1.0),
	DBL("pi_proportional_scale", GLOB | IMPL, 0.0, 0.0, DBL_MAX),
	INT("priority1", GLOB | IMPL, 128, 0, UINT8_MAX),
	INT("priority2", GLOB | IMPL, 128, 0, UINT8_MAX),
	STR("productDescription", GLOB | IMPL, ";;", 64),
	OCT("ptp_dst_mac", CFG_MAC, PORT | IMPL, "01:1B:19:00:00:00"),
	OCT("p2p_dst_mac", CFG_MAC, PORT | IMPL, "01:80:C2:00:00:0E"),
	STR("revisionData", GLOB | IMPL, ";;", 32),
	INT("sanity_freq_limit", GLOB | IMPL, 200000000, 0, INT_MAX),
	INT("servo_num_offset_values", GLOB | IMPL, 10, 0, INT_MAX),
	INT("servo_offset_threshold", GLOB | IMPL, 0, 0, INT_MAX),
	STR("slave_event_monitor", GLOB | IMPL, "", UDS_MAX),
	{ .name = "slaveOnly", .type = CFG_INT, .flags = GLOB | IMPL,
	  .def.i = 0, .min.i = 0, .max.i = 1, .alias = "clientOnly" },
	INT("socket_priority", GLOB | IMPL, 0, 0, 15),
	DBL("step_threshold", GLOB | IMPL, 0.0, 0.0, DBL_MAX),
	INT("summary_interval", GLOB | IMPL, 0, INT_MIN, INT_MAX),
	INT("syncReceiptTimeout", PORT | IMPL, 0, 0, UINT8_MAX),
	INT("tc_spanning_tree", GLOB | IMPL, 0, 0, 1),
	INT("timeSource", GLOB | IMPL, 0xa0, 0x10, 0xfe),
	ENUM("time_stamping", GLOB | IMPL, TS_HARDWARE, ts_vals),
	INT("transportSpecific", PORT | IMPL, 0, 0, 0x0f),
	INT("ts2phc.channel", PORT | TS2, 0, 0, INT_MAX),
	INT("ts2phc.extts_correction", PORT | TS2, 0, INT_MIN, INT_MAX),
	ENUM("ts2phc.extts_polarity", PORT | TS2, EXTTS_RISING, polarity_vals),
	INT("ts2phc.master", PORT | TS2, 0, 0, 1),
	STR("ts2phc.nmea_remote_host", GLOB | TS2, "", STR_MAX),
	STR("ts2phc.nmea_remote_port", GLOB | TS2, "", STR_MAX),
	STR("ts2phc.nmea_serialport", GLOB | TS2, "/dev/ttyS0", STR_MAX),
	INT("ts2phc.pin_index", PORT | TS2, 0, 0, INT_MAX),
	INT("ts2phc.pulsewidth", GLOB | TS2, 500000000, 1000000, 999000000),
	ENUM("tsproc_mode", PORT | IMPL, TSPROC_FILTER, tsproc_vals),
	INT("twoStepFlag", GLOB | IMPL, 1, 0, 1),
	INT("tx_timestamp_timeout", GLOB | IMPL, 1, 1, INT_MAX),
	INT("udp_ttl", PORT | IMPL, 1, 1, UINT8_MAX),
	INT("udp6_scope", PORT | IMPL, 0x0e, 0, 0x0f),
	STR("uds_address", GLOB | IMPL, "/var/run/ptp4l", UDS_MAX),
	INT("uds_file_mode", GLOB | IMPL | CFG_LATER, 0660, 0, 0777),
	STR("uds_ro_address", GLOB | IMPL | CFG_LATER, "/var/run/ptp4lro",
	    UDS_MAX),
	INT("uds_ro_file_mode", GLOB | IMPL | CFG_LATER, 0666, 0, 0777),
	INT("unicast_listen", PORT | IMPL, 0, 0, 1),
	INT("unicast_master_table", PORT | IMPL, 0, 0, INT_MAX),
	INT("unicast_req_duration", PORT | IMPL, 3600, 10, INT_MAX),
	INT("use_syslog", GLOB | IMPL, 1, 0, 1),
	STR("userDescription", GLOB | IMPL, "", 128),
	INT("utc_offset", GLOB | IMPL, 37, 0, INT_MAX),
	INT("verbose", GLOB | IMPL, 0, 0, 1),
	INT("write_phase_mode", GLOB | IMPL, 0, 0, 1),
};

const unsigned int cfg_nkeys = sizeof(cfg_keys) / sizeof(cfg_keys[0]);

static int key_cmp(const void *a, const void *b)
{
	return strcmp((*(const struct cfg_key *const *)a)->name,
		      (*(const struct cfg_key *const *)b)->name);
}

static int name_cmp(const void *name, const void *k)
{
	return strcmp(name, (*(const struct cfg_key *const *)k)->name);
}

/* Lookups are frequent (every config_get_*): binary search, by name. */
const struct cfg_key *cfg_key_find(const char *name)
{
	static const struct cfg_key *sorted[sizeof(cfg_keys) /
					    sizeof(cfg_keys[0])];
	static bool ready;
	const struct cfg_key *const *k;
	unsigned int i;

	if (!ready) {
		for (i = 0; i < cfg_nkeys; i++)
			sorted[i] = &cfg_keys[i];
		qsort(sorted, cfg_nkeys, sizeof(sorted[0]), key_cmp);
		ready = true;
	}
	k = bsearch(name, sorted, cfg_nkeys, sizeof(sorted[0]), name_cmp);
	if (k)
		return *k;
	for (i = 0; i < cfg_nkeys; i++)
		if (cfg_keys[i].alias && !strcmp(cfg_keys[i].alias, name))
			return &cfg_keys[i];
	return NULL;
}

static void int_bound(char *buf, size_t len, const char *op, int v)
{
	snprintf(buf, len, "%s %d", op, v);
}

void cfg_key_range(const struct cfg_key *k, char *buf, size_t len)
{
	const struct cfg_enum *e;
	size_t n;

	switch (k->type) {
	case CFG_INT:
		if (k->min.i == INT_MIN && k->max.i == INT_MAX)
			snprintf(buf, len, "any integer");
		else if (k->max.i == INT_MAX)
			int_bound(buf, len, ">=", k->min.i);
		else if (k->min.i == INT_MIN)
			int_bound(buf, len, "<=", k->max.i);
		else
			snprintf(buf, len, "%d to %d", k->min.i, k->max.i);
		break;
	case CFG_DOUBLE:
		if (k->min.d == -DBL_MAX && k->max.d == DBL_MAX)
			snprintf(buf, len, "any number");
		else if (k->min.d == DBL_MIN)
			snprintf(buf, len, "> 0 and <= %g", k->max.d);
		else if (k->max.d == DBL_MAX)
			snprintf(buf, len, ">= %g", k->min.d);
		else
			snprintf(buf, len, "%g to %g", k->min.d, k->max.d);
		break;
	case CFG_ENUM:
		n = snprintf(buf, len, "one of");
		for (e = k->values; e->name && n < len; e++)
			n += snprintf(buf + n, len - n, "%s %s",
				      e == k->values ? "" : ",", e->name);
		break;
	case CFG_STRING:
		snprintf(buf, len, "at most %d characters", k->max.i);
		break;
	case CFG_MAC:
		snprintf(buf, len, "a MAC address like 01:1B:19:00:00:00");
		break;
	case CFG_OUI:
		snprintf(buf, len, "an OUI like 00:00:00");
		break;
	case CFG_CLOCKID:
		snprintf(buf, len, "a clock identity like 001122.fffe.334455");
		break;
	}
}

void cfg_key_default(const struct cfg_key *k, char *buf, size_t len)
{
	const struct cfg_enum *e;

	switch (k->type) {
	case CFG_INT:
		snprintf(buf, len, "%d", k->def.i);
		break;
	case CFG_DOUBLE:
		snprintf(buf, len, "%g", k->def.d);
		break;
	case CFG_ENUM:
		for (e = k->values; e->name; e++)
			if (e->value == k->def.i)
				break;
		snprintf(buf, len, "%s", e->name ? e->name : "?");
		break;
	default:
		snprintf(buf, len, "%s", k->def_s);
		break;
	}
}
