/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The management data sets as linuxptp 3.1.1 encodes them (IEEE 1588-2008
 * 15.5.3 in network byte order, and linuxptp's _NP ones; PORT_STATS_NP's
 * counters are little endian): managementIds, the length checks pmc makes
 * before it prints an answer, and decoders into host structures.
 */
#ifndef PTPK_CLI_MGMT_DS_H
#define PTPK_CLI_MGMT_DS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum mds_id {
	MID_USER_DESCRIPTION = 0x0002,
	MID_DEFAULT_DATA_SET = 0x2000,
	MID_CURRENT_DATA_SET = 0x2001,
	MID_PARENT_DATA_SET = 0x2002,
	MID_TIME_PROPERTIES_DATA_SET = 0x2003,
	MID_PRIORITY1 = 0x2005,
	MID_PRIORITY2 = 0x2006,
	MID_DOMAIN = 0x2007,
	MID_SLAVE_ONLY = 0x2008,
	MID_CLOCK_ACCURACY = 0x2010,
	MID_TRACEABILITY_PROPERTIES = 0x2012,
	MID_TIMESCALE_PROPERTIES = 0x2013,
	MID_TIME_STATUS_NP = 0xc000,
	MID_GRANDMASTER_SETTINGS_NP = 0xc001,
	MID_SUBSCRIBE_EVENTS_NP = 0xc003,
	MID_SYNCHRONIZATION_UNCERTAIN_NP = 0xc006,
	MID_NULL_MANAGEMENT = 0x0000,
	MID_CLOCK_DESCRIPTION = 0x0001,
	MID_PORT_DATA_SET = 0x2004,
	MID_LOG_ANNOUNCE_INTERVAL = 0x2009,
	MID_ANNOUNCE_RECEIPT_TIMEOUT = 0x200a,
	MID_LOG_SYNC_INTERVAL = 0x200b,
	MID_VERSION_NUMBER = 0x200c,
	MID_DELAY_MECHANISM = 0x6000,
	MID_LOG_MIN_PDELAY_REQ_INTERVAL = 0x6001,
	MID_PORT_DATA_SET_NP = 0xc002,
	MID_PORT_PROPERTIES_NP = 0xc004,
	MID_PORT_STATS_NP = 0xc005,
};

/* Fixed sizes of the data fields. */
#define MDS_DEFAULT_LEN		20
#define MDS_CURRENT_LEN		18
#define MDS_PARENT_LEN		32
#define MDS_TIME_PROPERTIES_LEN	4
#define MDS_PORT_LEN		26
#define MDS_TIME_STATUS_LEN	50
#define MDS_GM_SETTINGS_LEN	8
#define MDS_PORT_NP_LEN		8
#define MDS_SUBSCRIBE_LEN	66
#define MDS_PORT_PROPS_MIN	13	/* and the interface name */
#define MDS_PORT_STATS_LEN	266
#define MDS_DATUM_LEN		2

/* flags of DEFAULT_DATA_SET and TIME_PROPERTIES_DATA_SET */
#define MDS_TWO_STEP		0x01
#define MDS_SLAVE_ONLY		0x02
#define MDS_LEAP_61		0x01
#define MDS_LEAP_59		0x02
#define MDS_UTC_OFF_VALID	0x04
#define MDS_PTP_TIMESCALE	0x08
#define MDS_TIME_TRACEABLE	0x10
#define MDS_FREQ_TRACEABLE	0x20

#define MDS_TEXT_MAX		255
#define MDS_N_MSG_TYPES		16

struct mds_quality {
	uint8_t clock_class;
	uint8_t accuracy;
	uint16_t variance;		/* offsetScaledLogVariance */
};

struct mds_default {
	uint8_t flags;
	uint16_t number_ports;
	uint8_t priority1;
	struct mds_quality quality;
	uint8_t priority2;
	uint8_t clock_id[8];
	uint8_t domain;
};

struct mds_current {
	uint16_t steps_removed;
	int64_t offset;			/* TimeInterval: ns * 2^16 */
	int64_t delay;
};

struct mds_parent {
	uint8_t parent_clock[8];
	uint16_t parent_port;
	uint8_t parent_stats;
	uint16_t observed_variance;
	uint32_t observed_rate;
	uint8_t gm_priority1;
	struct mds_quality gm_quality;
	uint8_t gm_priority2;
	uint8_t gm_id[8];
};

struct mds_time_properties {
	int16_t utc_offset;
	uint8_t flags;
	uint8_t time_source;
};

struct mds_time_status {
	int64_t master_offset;		/* ns */
	int64_t ingress_time;		/* ns */
	int32_t cumulative_rate;	/* cumulativeScaledRateOffset */
	int32_t scaled_last_gm_phase;
	uint16_t gm_time_base;
	uint16_t last_gm_phase_msb;	/* lastGmPhaseChange (ScaledNs) */
	uint64_t last_gm_phase_lsb;
	uint16_t last_gm_phase_frac;
	int32_t gm_present;
	uint8_t gm_id[8];
};

struct mds_port {
	uint8_t clock_id[8];
	uint16_t port;
	uint8_t state;
	int8_t log_min_delay_req;
	int64_t peer_delay;		/* TimeInterval */
	int8_t log_announce;
	uint8_t announce_timeout;
	int8_t log_sync;
	uint8_t delay_mechanism;
	int8_t log_min_pdelay_req;
	uint8_t version;
};

struct mds_port_props {
	uint8_t clock_id[8];
	uint16_t port;
	uint8_t state;
	uint8_t timestamping;
	char interface[MDS_TEXT_MAX + 1];	/* up to a NUL, as pmc */
};

struct mds_port_stats {
	uint8_t clock_id[8];
	uint16_t port;
	uint64_t rx[MDS_N_MSG_TYPES];	/* by messageType */
	uint64_t tx[MDS_N_MSG_TYPES];
};

/*
 * The checks linuxptp 3.1.1 makes on a data field of len bytes (> 0) of
 * id before pmc prints it: 0, or -EBADMSG for a wrong length. The decoders
 * below assume it passed.
 */
int mds_check(uint16_t id, const uint8_t *data, size_t len);

void mds_default(const uint8_t *d, struct mds_default *o);
void mds_current(const uint8_t *d, struct mds_current *o);
void mds_parent(const uint8_t *d, struct mds_parent *o);
void mds_time_properties(const uint8_t *d, struct mds_time_properties *o);
void mds_time_status(const uint8_t *d, struct mds_time_status *o);
void mds_port(const uint8_t *d, struct mds_port *o);
void mds_port_props(const uint8_t *d, struct mds_port_props *o);
void mds_port_stats(const uint8_t *d, struct mds_port_stats *o);
/*
 * A PTPText at d (length octet, then text) into buf: its text up to the
 * first NUL; returns the octets it takes (1 + length).
 */
size_t mds_text(const uint8_t *d, char *buf, size_t size);

/* linuxptp's names: "SLAVE", ... ("NONE" past SLAVE, as pmc); "SOFTWARE"... */
const char *mds_port_state_str(uint8_t state);
const char *mds_timestamping_str(uint8_t ts);
/* "E2E", "P2P", "Auto", "NONE" (0xfe); NULL if unknown. */
const char *mds_delay_mechanism_str(uint8_t dm);

uint16_t mds_get16(const uint8_t *p);
uint32_t mds_get32(const uint8_t *p);
uint64_t mds_get64(const uint8_t *p);

#endif
