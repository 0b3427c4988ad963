/* SPDX-License-Identifier: GPL-2.0 */
/*
 * PTPv2 messages (IEEE 1588-2008 clause 13, with the 1588-2019 header
 * fields minorVersionPTP and minorSdoId) in host byte order, and their
 * parsing and building. Nothing here keeps a pointer past the call except
 * struct ptp_tlv.value, which points into the parsed buffer.
 */
#ifndef PTPKD_MSG_H
#define PTPKD_MSG_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "ddt.h"

/* messageType (13.3.2.2) */
enum msg_type {
	MSG_SYNC = 0x0,
	MSG_DELAY_REQ = 0x1,
	MSG_PDELAY_REQ = 0x2,
	MSG_PDELAY_RESP = 0x3,
	MSG_FOLLOW_UP = 0x8,
	MSG_DELAY_RESP = 0x9,
	MSG_PDELAY_RESP_FUP = 0xA,
	MSG_ANNOUNCE = 0xB,
	MSG_SIGNALING = 0xC,
	MSG_MANAGEMENT = 0xD,
};

#define MSG_TYPE_COUNT 16	/* the 4-bit field's range, for counters */

/* controlField (13.3.2.10, Table 23) */
enum msg_control {
	CTL_SYNC = 0,
	CTL_DELAY_REQ = 1,
	CTL_FOLLOW_UP = 2,
	CTL_DELAY_RESP = 3,
	CTL_MANAGEMENT = 4,
	CTL_OTHER = 5,
};

/*
 * flagField (13.3.2.6, Table 20): octet 0 is the high byte, so bit j of
 * octet 0 is 1 << (8 + j) and bit j of octet 1 is 1 << j.
 */
#define FLAG_ALTERNATE_MASTER	0x0100
#define FLAG_TWO_STEP		0x0200
#define FLAG_UNICAST		0x0400
#define FLAG_PROFILE_1		0x2000
#define FLAG_PROFILE_2		0x4000
#define FLAG_SECURITY		0x8000
#define FLAG_LI_61		0x0001
#define FLAG_LI_59		0x0002
#define FLAG_UTC_OFF_VALID	0x0004
#define FLAG_PTP_TIMESCALE	0x0008
#define FLAG_TIME_TRACEABLE	0x0010
#define FLAG_FREQ_TRACEABLE	0x0020
#define FLAG_SYNC_UNCERTAIN	0x0040	/* 1588-2019 */

/* logMessageInterval for messages that have no interval (Table 24) */
#define LOG_INTERVAL_NONE	0x7F
/* The range we accept on receive; anything else is a broken sender. */
#define LOG_INTERVAL_MIN	(-7)
#define LOG_INTERVAL_MAX	8

/* actionField of a management message (15.4.1.6) */
enum mgmt_action {
	MGMT_GET = 0,
	MGMT_SET = 1,
	MGMT_RESPONSE = 2,
	MGMT_COMMAND = 3,
	MGMT_ACKNOWLEDGE = 4,
};

/* On-wire sizes, in octets. */
#define MSG_HEADER_LEN		34
#define MSG_TIMESTAMP_LEN	10
#define MSG_PORTID_LEN		10
#define TLV_HEADER_LEN		4
/* A frame is at most an Ethernet payload; nothing PTP needs more. */
#define MSG_MAX_LEN		1500

/* More than any profile or ptp4l puts in one message. */
#define MSG_MAX_TLVS		32

struct ptp_header {
	uint8_t transportSpecific;	/* majorSdoId in 1588-2019; 4 bits */
	uint8_t messageType;		/* enum msg_type; 4 bits */
	uint8_t minorVersionPTP;	/* 4 bits, any value accepted */
	uint8_t versionPTP;		/* always 2 after parsing */
	uint16_t messageLength;		/* computed by msg_build() */
	uint8_t domainNumber;
	uint8_t minorSdoId;
	uint16_t flagField;		/* FLAG_* */
	TimeInterval correctionField;
	struct PortIdentity sourcePortIdentity;
	uint16_t sequenceId;
	uint8_t controlField;		/* enum msg_control */
	int8_t logMessageInterval;
};

/* One TLV; value points into the parsed buffer, or to the caller's bytes. */
struct ptp_tlv {
	uint16_t type;
	uint16_t length;	/* of the value, always even */
	uint16_t offset;	/* of the TLV header in the frame (parse only) */
	const uint8_t *value;
};

struct msg_announce {
	struct Timestamp originTimestamp;
	int16_t currentUtcOffset;
	uint8_t grandmasterPriority1;
	struct ClockQuality grandmasterClockQuality;
	uint8_t grandmasterPriority2;
	struct ClockIdentity grandmasterIdentity;
	uint16_t stepsRemoved;
	uint8_t timeSource;
};

/* Sync, Delay_Req, Pdelay_Req (originTimestamp), Follow_Up (precise...) */
struct msg_ts {
	struct Timestamp timestamp;
};

/*
 * Delay_Resp (receiveTimestamp), Pdelay_Resp (requestReceiptTimestamp),
 * Pdelay_Resp_Follow_Up (responseOriginTimestamp).
 */
struct msg_ts_pid {
	struct Timestamp timestamp;
	struct PortIdentity requestingPortIdentity;
};

struct msg_signaling {
	struct PortIdentity targetPortIdentity;
};

struct msg_management {
	struct PortIdentity targetPortIdentity;
	uint8_t startingBoundaryHops;
	uint8_t boundaryHops;
	uint8_t actionField;	/* enum mgmt_action; 4 bits */
};

struct ptp_message {
	struct ptp_header hdr;
	union {
		struct msg_ts sync;
		struct msg_ts delay_req;
		struct msg_ts pdelay_req;
		struct msg_ts follow_up;
		struct msg_ts_pid delay_resp;
		struct msg_ts_pid pdelay_resp;
		struct msg_ts_pid pdelay_resp_fup;
		struct msg_announce announce;
		struct msg_signaling signaling;
		struct msg_management management;
	};
	unsigned int n_tlvs;
	struct ptp_tlv tlv[MSG_MAX_TLVS];
};

/* Why msg_parse() refused a frame; each has its own counter. */
enum msg_error {
	MSG_OK = 0,
	MSG_ERR_SHORT,		/* buffer shorter than the common header */
	MSG_ERR_VERSION,	/* versionPTP is not 2 */
	MSG_ERR_TYPE,		/* reserved messageType */
	MSG_ERR_LENGTH,		/* messageLength beyond the buffer */
	MSG_ERR_TOO_SHORT,	/* messageLength below the type's body */
	MSG_ERR_TLV_OVERRUN,	/* a TLV runs past messageLength */
	MSG_ERR_TLV_ODD,	/* odd lengthField (14.1.1 wants even) */
	MSG_ERR_TLV_COUNT,	/* more than MSG_MAX_TLVS TLVs */
	MSG_ERR_INTERVAL,	/* absurd logMessageInterval */
	MSG_ERR_TLV_SHORT,	/* a unicast TLV shorter than its fields */
	MSG_ERR_TLV_BAD,	/* a malformed NSM response TLV */
	MSG_ERR_COUNT
};

struct msg_counters {
	uint64_t rx[MSG_TYPE_COUNT];	/* parsed frames, per messageType */
	uint64_t err[MSG_ERR_COUNT];	/* refused frames, per reason */
};

/* Body length (octets after the header) of a type, or -1 if reserved. */
int msg_body_len(unsigned int type);
const char *msg_type_str(unsigned int type);
const char *msg_error_str(enum msg_error why);

/*
 * Zero m and set what 1588 fixes for the type: versionPTP, controlField,
 * logMessageInterval 0x7F for the types that have no interval.
 */
void msg_init(struct ptp_message *m, enum msg_type type);

/*
 * Decode buf into m. Returns 0, or -1 with *why set (why may be NULL).
 * Bytes past messageLength (e.g. Ethernet padding) are ignored.
 */
int msg_parse(struct ptp_message *m, const void *buf, size_t len,
	      enum msg_error *why);

/*
 * Encode m into buf. messageLength is computed and the TLVs of m->tlv are
 * appended. Returns the frame length, or 0 if it does not fit cap, the
 * type is reserved, or a TLV has an odd length or no value.
 */
size_t msg_build(const struct ptp_message *m, void *buf, size_t cap);

/* Append a TLV to m (the value is not copied). 0, or -1 when full. */
int msg_add_tlv(struct ptp_message *m, uint16_t type, const void *value,
		uint16_t length);

void msg_count_rx(struct msg_counters *c, const struct ptp_message *m);
void msg_count_error(struct msg_counters *c, enum msg_error why);

/*
 * Time conversions. A Timestamp is valid with nanoseconds < 1e9 and seconds
 * below 2^48; these return 0, or -1 when the value does not fit the target.
 */
int ts_to_ns(const struct Timestamp *t, int64_t *ns);
int ns_to_ts(int64_t ns, struct Timestamp *t);
int ts_to_timespec(const struct Timestamp *t, struct timespec *tsp);
int timespec_to_ts(const struct timespec *tsp, struct Timestamp *t);

/*
 * correctionField: ns * 2^16. ns_to_scaled() saturates as 13.3.2.7 says
 * for values too big to represent; scaled_to_ns() truncates toward zero.
 */
TimeInterval ns_to_scaled(int64_t ns);
int64_t scaled_to_ns(TimeInterval c);

#endif
