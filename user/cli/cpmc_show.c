// SPDX-License-Identifier: GPL-2.0
/*
 * Print a management message as linuxptp 3.1.1's pmc does: a header line
 * "\t<portIdentity> seq N ACTION MANAGEMENT ID " and, indented by two
 * tabs, one line per field with pmc's names, widths and number formats.
 */
#include <arpa/inet.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cpmc.h"
#include "mgmt_ds.h"

#define IFMT "\n\t\t"
#define P41 ((double)(1ULL << 41))
#define MAX_PRINT_BYTES 16
#define BIN_BUF (MAX_PRINT_BYTES * 3 + 1)

/* Message types, the indices of PORT_STATS_NP's counters. */
enum { SYNC, DELAY_REQ, PDELAY_REQ, PDELAY_RESP, FOLLOW_UP = 8, DELAY_RESP,
	PDELAY_RESP_FOLLOW_UP, ANNOUNCE, SIGNALING, MANAGEMENT };

/* "aa:bb:cc", at most 16 bytes, as linuxptp's bin2str(). */
static char *bin_str(const uint8_t *d, size_t len, char *buf)
{
	size_t i, off = 0;

	if (len > MAX_PRINT_BYTES)
		len = MAX_PRINT_BYTES;
	buf[0] = '\0';
	for (i = 0; i < len; i++)
		off += (size_t)snprintf(buf + off, BIN_BUF - off, "%02x%s", d[i],
					i + 1 < len ? ":" : "");
	return buf;
}

static void show_clock_description(FILE *f, const uint8_t *d)
{
	char text[MDS_TEXT_MAX + 1], bin[BIN_BUF], addr[INET6_ADDRSTRLEN];
	const uint8_t *a;
	uint16_t proto, alen;
	size_t off = 2;

	fprintf(f, "CLOCK_DESCRIPTION "
		IFMT "clockType             0x%hx", mds_get16(d));
	off += mds_text(d + off, text, sizeof(text));
	fprintf(f, IFMT "physicalLayerProtocol %s", text);
	alen = mds_get16(d + off);
	fprintf(f, IFMT "physicalAddress       %s",
		bin_str(d + off + 2, alen, bin));
	off += 2 + alen;
	proto = mds_get16(d + off);
	alen = mds_get16(d + off + 2);
	a = d + off + 4;
	if (proto == 1 && alen == 4)
		inet_ntop(AF_INET, a, addr, sizeof(addr));
	else if (proto == 2 && alen == 16)
		inet_ntop(AF_INET6, a, addr, sizeof(addr));
	else
		snprintf(addr, sizeof(addr), "%s", bin_str(a, alen, bin));
	fprintf(f, IFMT "protocolAddress       %hu %s", proto, addr);
	off += 4 + alen;
	fprintf(f, IFMT "manufacturerId        %s", bin_str(d + off, 3, bin));
	off += 4;
	off += mds_text(d + off, text, sizeof(text));
	fprintf(f, IFMT "productDescription    %s", text);
	off += mds_text(d + off, text, sizeof(text));
	fprintf(f, IFMT "revisionData          %s", text);
	off += mds_text(d + off, text, sizeof(text));
	fprintf(f, IFMT "userDescription       %s", text);
	fprintf(f, IFMT "profileId             %s", bin_str(d + off, 6, bin));
}

static void show_default(FILE *f, const uint8_t *d)
{
	struct mds_default o;
	char cid[32];

	mds_default(d, &o);
	fprintf(f, "DEFAULT_DATA_SET "
		IFMT "twoStepFlag             %d"
		IFMT "slaveOnly               %d"
		IFMT "numberPorts             %hu"
		IFMT "priority1               %hhu"
		IFMT "clockClass              %hhu"
		IFMT "clockAccuracy           0x%02hhx"
		IFMT "offsetScaledLogVariance 0x%04hx"
		IFMT "priority2               %hhu"
		IFMT "clockIdentity           %s"
		IFMT "domainNumber            %hhu",
		o.flags & MDS_TWO_STEP ? 1 : 0, o.flags & MDS_SLAVE_ONLY ? 1 : 0,
		o.number_ports, o.priority1, o.quality.clock_class,
		o.quality.accuracy, o.quality.variance, o.priority2,
		mgmt_cid_str(o.clock_id, cid, sizeof(cid)), o.domain);
}

static void show_current(FILE *f, const uint8_t *d)
{
	struct mds_current o;

	mds_current(d, &o);
	fprintf(f, "CURRENT_DATA_SET "
		IFMT "stepsRemoved     %hd"
		IFMT "offsetFromMaster %.1f"
		IFMT "meanPathDelay    %.1f",
		(short)o.steps_removed, o.offset / 65536.0, o.delay / 65536.0);
}

static void show_parent(FILE *f, const uint8_t *d)
{
	struct mds_parent o;
	char pid[32], gm[32];

	mds_parent(d, &o);
	fprintf(f, "PARENT_DATA_SET "
		IFMT "parentPortIdentity                    %s"
		IFMT "parentStats                           %hhu"
		IFMT "observedParentOffsetScaledLogVariance 0x%04hx"
		IFMT "observedParentClockPhaseChangeRate    0x%08x"
		IFMT "grandmasterPriority1                  %hhu"
		IFMT "gm.ClockClass                         %hhu"
		IFMT "gm.ClockAccuracy                      0x%02hhx"
		IFMT "gm.OffsetScaledLogVariance            0x%04hx"
		IFMT "grandmasterPriority2                  %hhu"
		IFMT "grandmasterIdentity                   %s",
		mgmt_pid_str(o.parent_clock, o.parent_port, pid, sizeof(pid)),
		o.parent_stats, o.observed_variance, o.observed_rate,
		o.gm_priority1, o.gm_quality.clock_class, o.gm_quality.accuracy,
		o.gm_quality.variance, o.gm_priority2,
		mgmt_cid_str(o.gm_id, gm, sizeof(gm)));
}

static void show_time_properties(FILE *f, const uint8_t *d)
{
	struct mds_time_properties o;

	mds_time_properties(d, &o);
	fprintf(f, "TIME_PROPERTIES_DATA_SET "
		IFMT "currentUtcOffset      %hd"
		IFMT "leap61                %d"
		IFMT "leap59                %d"
		IFMT "currentUtcOffsetValid %d"
		IFMT "ptpTimescale          %d"
		IFMT "timeTraceable         %d"
		IFMT "frequencyTraceable    %d"
		IFMT "timeSource            0x%02hhx",
		o.utc_offset, o.flags & MDS_LEAP_61 ? 1 : 0,
		o.flags & MDS_LEAP_59 ? 1 : 0, o.flags & MDS_UTC_OFF_VALID ? 1 : 0,
		o.flags & MDS_PTP_TIMESCALE ? 1 : 0,
		o.flags & MDS_TIME_TRACEABLE ? 1 : 0,
		o.flags & MDS_FREQ_TRACEABLE ? 1 : 0, o.time_source);
}

static void show_time_status(FILE *f, const uint8_t *d)
{
	struct mds_time_status o;
	char gm[32];

	mds_time_status(d, &o);
	/*
	 * linuxptp 3.1.1 decodes lastGmPhaseChange.nanoseconds_lsb from the
	 * (already swapped) nanoseconds_msb: net2host64(msb). Print what it
	 * prints.
	 */
	o.last_gm_phase_lsb = __builtin_bswap64(o.last_gm_phase_msb);
	fprintf(f, "TIME_STATUS_NP "
		IFMT "master_offset              %" PRId64
		IFMT "ingress_time               %" PRId64
		IFMT "cumulativeScaledRateOffset %+.9f"
		IFMT "scaledLastGmPhaseChange    %d"
		IFMT "gmTimeBaseIndicator        %hu"
		IFMT "lastGmPhaseChange          0x%04hx'%016" PRIx64 ".%04hx"
		IFMT "gmPresent                  %s"
		IFMT "gmIdentity                 %s",
		o.master_offset, o.ingress_time,
		(o.cumulative_rate + 0.0) / P41, o.scaled_last_gm_phase,
		o.gm_time_base, o.last_gm_phase_msb, o.last_gm_phase_lsb,
		o.last_gm_phase_frac, o.gm_present ? "true" : "false",
		mgmt_cid_str(o.gm_id, gm, sizeof(gm)));
}

static void show_gm_settings(FILE *f, const uint8_t *d)
{
	uint8_t fl = d[6];

	fprintf(f, "GRANDMASTER_SETTINGS_NP "
		IFMT "clockClass              %hhu"
		IFMT "clockAccuracy           0x%02hhx"
		IFMT "offsetScaledLogVariance 0x%04hx"
		IFMT "currentUtcOffset        %hd"
		IFMT "leap61                  %d"
		IFMT "leap59                  %d"
		IFMT "currentUtcOffsetValid   %d"
		IFMT "ptpTimescale            %d"
		IFMT "timeTraceable           %d"
		IFMT "frequencyTraceable      %d"
		IFMT "timeSource              0x%02hhx",
		d[0], d[1], mds_get16(d + 2), (short)mds_get16(d + 4),
		fl & MDS_LEAP_61 ? 1 : 0, fl & MDS_LEAP_59 ? 1 : 0,
		fl & MDS_UTC_OFF_VALID ? 1 : 0, fl & MDS_PTP_TIMESCALE ? 1 : 0,
		fl & MDS_TIME_TRACEABLE ? 1 : 0, fl & MDS_FREQ_TRACEABLE ? 1 : 0,
		d[7]);
}

static void show_port(FILE *f, const uint8_t *d)
{
	struct mds_port o;
	char pid[32];

	mds_port(d, &o);
	fprintf(f, "PORT_DATA_SET "
		IFMT "portIdentity            %s"
		IFMT "portState               %s"
		IFMT "logMinDelayReqInterval  %hhd"
		IFMT "peerMeanPathDelay       %" PRId64
		IFMT "logAnnounceInterval     %hhd"
		IFMT "announceReceiptTimeout  %hhu"
		IFMT "logSyncInterval         %hhd"
		IFMT "delayMechanism          %hhu"
		IFMT "logMinPdelayReqInterval %hhd"
		IFMT "versionNumber           %hhu",
		mgmt_pid_str(o.clock_id, o.port, pid, sizeof(pid)),
		mds_port_state_str(o.state), o.log_min_delay_req,
		o.peer_delay >> 16, o.log_announce, o.announce_timeout,
		o.log_sync, o.delay_mechanism, o.log_min_pdelay_req, o.version);
}

static void show_port_props(FILE *f, const uint8_t *d)
{
	struct mds_port_props o;
	char pid[32];

	mds_port_props(d, &o);
	fprintf(f, "PORT_PROPERTIES_NP "
		IFMT "portIdentity            %s"
		IFMT "portState               %s"
		IFMT "timestamping            %s"
		IFMT "interface               %s",
		mgmt_pid_str(o.clock_id, o.port, pid, sizeof(pid)),
		mds_port_state_str(o.state), mds_timestamping_str(o.timestamping),
		o.interface);
}

static void show_port_stats(FILE *f, const uint8_t *d)
{
	static const struct {
		const char *name;
		uint8_t type;
	} rows[] = {
		{ "Sync", SYNC }, { "Delay_Req", DELAY_REQ },
		{ "Pdelay_Req", PDELAY_REQ }, { "Pdelay_Resp", PDELAY_RESP },
		{ "Follow_Up", FOLLOW_UP }, { "Delay_Resp", DELAY_RESP },
		{ "Pdelay_Resp_Follow_Up", PDELAY_RESP_FOLLOW_UP },
		{ "Announce", ANNOUNCE }, { "Signaling", SIGNALING },
		{ "Management", MANAGEMENT },
	};
	struct mds_port_stats o;
	char pid[32];
	unsigned int i, dir;

	mds_port_stats(d, &o);
	fprintf(f, "PORT_STATS_NP "
		IFMT "portIdentity              %s",
		mgmt_pid_str(o.clock_id, o.port, pid, sizeof(pid)));
	for (dir = 0; dir < 2; dir++)
		for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
			fprintf(f, IFMT "%s_%-*s %" PRIu64, dir ? "tx" : "rx",
				22, rows[i].name,
				(dir ? o.tx : o.rx)[rows[i].type]);
}

/* The one-value IDs: "NAME \n\t\tfield value". */
static bool show_datum(FILE *f, uint16_t id, const uint8_t *d)
{
	uint8_t v = d[0];

	switch (id) {
	case MID_PRIORITY1:
		fprintf(f, "PRIORITY1 " IFMT "priority1 %hhu", v);
		break;
	case MID_PRIORITY2:
		fprintf(f, "PRIORITY2 " IFMT "priority2 %hhu", v);
		break;
	case MID_DOMAIN:
		fprintf(f, "DOMAIN " IFMT "domainNumber %hhu", v);
		break;
	case MID_SLAVE_ONLY:
		fprintf(f, "SLAVE_ONLY " IFMT "slaveOnly %d", v);
		break;
	case MID_CLOCK_ACCURACY:
		fprintf(f, "CLOCK_ACCURACY " IFMT "clockAccuracy 0x%02hhx", v);
		break;
	case MID_TRACEABILITY_PROPERTIES:
		fprintf(f, "TRACEABILITY_PROPERTIES "
			IFMT "timeTraceable      %d"
			IFMT "frequencyTraceable %d",
			v & MDS_TIME_TRACEABLE ? 1 : 0,
			v & MDS_FREQ_TRACEABLE ? 1 : 0);
		break;
	case MID_TIMESCALE_PROPERTIES:
		fprintf(f, "TIMESCALE_PROPERTIES " IFMT "ptpTimescale %d",
			v & MDS_PTP_TIMESCALE ? 1 : 0);
		break;
	case MID_SYNCHRONIZATION_UNCERTAIN_NP:
		fprintf(f, "SYNCHRONIZATION_UNCERTAIN_NP " IFMT "uncertain %hhu", v);
		break;
	case MID_LOG_ANNOUNCE_INTERVAL:
		fprintf(f, "LOG_ANNOUNCE_INTERVAL " IFMT "logAnnounceInterval %hhd",
			(signed char)v);
		break;
	case MID_ANNOUNCE_RECEIPT_TIMEOUT:
		fprintf(f, "ANNOUNCE_RECEIPT_TIMEOUT "
			IFMT "announceReceiptTimeout %hhu", v);
		break;
	case MID_LOG_SYNC_INTERVAL:
		fprintf(f, "LOG_SYNC_INTERVAL " IFMT "logSyncInterval %hhd",
			(signed char)v);
		break;
	case MID_VERSION_NUMBER:
		fprintf(f, "VERSION_NUMBER " IFMT "versionNumber %hhu", v);
		break;
	case MID_DELAY_MECHANISM:
		fprintf(f, "DELAY_MECHANISM " IFMT "delayMechanism %hhu", v);
		break;
	case MID_LOG_MIN_PDELAY_REQ_INTERVAL:
		fprintf(f, "LOG_MIN_PDELAY_REQ_INTERVAL "
			IFMT "logMinPdelayReqInterval %hhd", (signed char)v);
		break;
	default:
		return false;
	}
	return true;
}

static void show_data(FILE *f, uint16_t id, const uint8_t *d)
{
	char text[MDS_TEXT_MAX + 1];

	if (show_datum(f, id, d))
		return;
	switch (id) {
	case MID_CLOCK_DESCRIPTION:
		show_clock_description(f, d);
		break;
	case MID_USER_DESCRIPTION:
		mds_text(d, text, sizeof(text));
		fprintf(f, "USER_DESCRIPTION " IFMT "userDescription  %s", text);
		break;
	case MID_DEFAULT_DATA_SET:
		show_default(f, d);
		break;
	case MID_CURRENT_DATA_SET:
		show_current(f, d);
		break;
	case MID_PARENT_DATA_SET:
		show_parent(f, d);
		break;
	case MID_TIME_PROPERTIES_DATA_SET:
		show_time_properties(f, d);
		break;
	case MID_TIME_STATUS_NP:
		show_time_status(f, d);
		break;
	case MID_GRANDMASTER_SETTINGS_NP:
		show_gm_settings(f, d);
		break;
	case MID_SUBSCRIBE_EVENTS_NP:
		fprintf(f, "SUBSCRIBE_EVENTS_NP "
			IFMT "duration          %hu"
			IFMT "NOTIFY_PORT_STATE %s",
			mds_get16(d), d[2] & 1 ? "on" : "off");
		break;
	case MID_PORT_DATA_SET:
		show_port(f, d);
		break;
	case MID_PORT_DATA_SET_NP:
		fprintf(f, "PORT_DATA_SET_NP "
			IFMT "neighborPropDelayThresh %u"
			IFMT "asCapable               %d",
			mds_get32(d), mds_get32(d + 4) ? 1 : 0);
		break;
	case MID_PORT_PROPERTIES_NP:
		show_port_props(f, d);
		break;
	case MID_PORT_STATS_NP:
		show_port_stats(f, d);
		break;
	}
}

void cpmc_show(FILE *f, const struct mgmt_msg *m)
{
	const char *action = mgmt_action_str(m->action);
	char pid[32];

	if (!action)
		return;
	fprintf(f, "\t%s seq %hu %s ",
		mgmt_pid_str(m->clock_id, m->port, pid, sizeof(pid)), m->seq,
		action);
	if (m->n_tlvs != 1)
		goto out;
	if (m->tlv_type == MGMT_TLV_ERROR_STATUS) {
		fputs("MANAGEMENT_ERROR_STATUS ", f);
		goto out;
	}
	if (m->tlv_type != MGMT_TLV_MANAGEMENT) {
		fputs("unknown-tlv ", f);
		goto out;
	}
	fputs("MANAGEMENT ", f);
	if (m->tlv_len == 2 && m->id != MID_NULL_MANAGEMENT) {
		fputs("empty-tlv ", f);
		goto out;
	}
	if (m->len)
		show_data(f, m->id, m->data);
out:
	fputc('\n', f);
	fflush(f);
}
