/* SPDX-License-Identifier: GPL-2.0 */
/*
 * PTP TLVs (IEEE 1588-2008 clause 14): generic iteration and appending, the
 * TLVs ptp4l puts on the wire, and the big-endian field helpers shared with
 * msg.c and the management code.
 */
#ifndef PTPKD_TLV_H
#define PTPKD_TLV_H

#include <stddef.h>
#include <stdint.h>

#include "ddt.h"
#include "msg.h"

/* tlvType (14.1.1, Table 34) */
enum tlv_type {
	TLV_MANAGEMENT = 0x0001,
	TLV_MANAGEMENT_ERROR_STATUS = 0x0002,
	TLV_ORGANIZATION_EXTENSION = 0x0003,
	TLV_REQUEST_UNICAST_TRANSMISSION = 0x0004,
	TLV_GRANT_UNICAST_TRANSMISSION = 0x0005,
	TLV_CANCEL_UNICAST_TRANSMISSION = 0x0006,
	TLV_ACK_CANCEL_UNICAST_TRANSMISSION = 0x0007,
	TLV_PATH_TRACE = 0x0008,
	TLV_ALTERNATE_TIME_OFFSET_INDICATOR = 0x0009,
};

/* Big-endian field access; callers check bounds first. */
static inline uint16_t get_be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static inline uint32_t get_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static inline uint64_t get_be48(const uint8_t *p)
{
	return (uint64_t)get_be16(p) << 32 | get_be32(p + 2);
}

static inline uint64_t get_be64(const uint8_t *p)
{
	return (uint64_t)get_be32(p) << 32 | get_be32(p + 4);
}

static inline void put_be16(uint8_t *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = v;
}

static inline void put_be32(uint8_t *p, uint32_t v)
{
	put_be16(p, v >> 16);
	put_be16(p + 2, v);
}

static inline void put_be48(uint8_t *p, uint64_t v)
{
	put_be16(p, v >> 32);
	put_be32(p + 2, v);
}

static inline void put_be64(uint8_t *p, uint64_t v)
{
	put_be32(p, v >> 32);
	put_be32(p + 4, v);
}

/* 10 octets: secondsField (48 bits), nanosecondsField (32 bits) */
static inline void get_ts(const uint8_t *p, struct Timestamp *t)
{
	t->seconds = get_be48(p);
	t->nanoseconds = get_be32(p + 6);
}

static inline void put_ts(uint8_t *p, const struct Timestamp *t)
{
	put_be48(p, t->seconds);
	put_be32(p + 6, t->nanoseconds);
}

/* 10 octets: clockIdentity, portNumber */
static inline void get_pid(const uint8_t *p, struct PortIdentity *pid)
{
	memcpy(pid->clockIdentity.id, p, 8);
	pid->portNumber = get_be16(p + 8);
}

static inline void put_pid(uint8_t *p, const struct PortIdentity *pid)
{
	memcpy(p, pid->clockIdentity.id, 8);
	put_be16(p + 8, pid->portNumber);
}

/*
 * Walk the TLVs in buf[*off, len). Returns 1 with *t filled (value points
 * into buf, offset is the TLV's) and *off advanced, 0 at the end, or -1 with
 * *why set to MSG_ERR_TLV_OVERRUN or MSG_ERR_TLV_ODD.
 */
int tlv_next(const void *buf, size_t len, size_t *off, struct ptp_tlv *t,
	     enum msg_error *why);

/*
 * Write a TLV header and value at buf + off. Returns the offset after it, or
 * 0 if it would pass cap. Odd lengths are written as given.
 */
size_t tlv_put(void *buf, size_t cap, size_t off, uint16_t type,
	       const void *value, uint16_t length);

/*
 * Specific TLVs. The *_decode functions take a TLV of the right type and
 * return 0, or -1 when its value is malformed (or, for organisation
 * extensions, not the one asked for). The *_encode functions write the
 * value (not the TLV header) into buf and return its length, padded to
 * even, or 0 if it does not fit cap.
 */

/* MANAGEMENT (15.5.2): managementId, then the dataField */
struct tlv_mgmt {
	uint16_t managementId;
	const uint8_t *data;
	uint16_t data_len;
};

int tlv_mgmt_decode(const struct ptp_tlv *t, struct tlv_mgmt *out);
size_t tlv_mgmt_encode(void *buf, size_t cap, const struct tlv_mgmt *in);

/* MANAGEMENT_ERROR_STATUS (15.5.4): the displayData is optional */
struct tlv_mgmt_error {
	uint16_t managementErrorId;
	uint16_t managementId;
	struct PTPText displayData;
};

int tlv_mgmt_error_decode(const struct ptp_tlv *t, struct tlv_mgmt_error *out);
size_t tlv_mgmt_error_encode(void *buf, size_t cap,
			     const struct tlv_mgmt_error *in);

/* ORGANIZATION_EXTENSION (14.3) */
struct tlv_org {
	uint8_t organizationId[3];
	uint8_t organizationSubType[3];
	const uint8_t *data;
	uint16_t data_len;
};

int tlv_org_decode(const struct ptp_tlv *t, struct tlv_org *out);
size_t tlv_org_encode(void *buf, size_t cap, const struct tlv_org *in);

/* PATH_TRACE (16.2): pathSequence, a list of ClockIdentity */
#define PATH_TRACE_MAX 179	/* what fits a 1500-octet Announce */

struct tlv_path_trace {
	unsigned int count;
	struct ClockIdentity id[PATH_TRACE_MAX];
};

int tlv_path_trace_decode(const struct ptp_tlv *t, struct tlv_path_trace *out);
size_t tlv_path_trace_encode(void *buf, size_t cap,
			     const struct tlv_path_trace *in);

/*
 * 802.1AS follow-up information TLV: organisation extension 00-80-C2,
 * subtype 00-00-01, 28 octets of value. lastGmPhaseChange is a ScaledNs
 * (96 bits, 2^-16 ns) kept as its three wire parts.
 */
#define TLV_FUP_INFO_LEN 28

struct tlv_fup_info {
	int32_t cumulativeScaledRateOffset;
	uint16_t gmTimeBaseIndicator;
	struct {
		uint16_t nanoseconds_msb;
		uint64_t nanoseconds_lsb;
		uint16_t fractional_nanoseconds;
	} lastGmPhaseChange;
	int32_t scaledLastGmFreqChange;
};

extern const uint8_t ieee_802_1_oui[3];

int tlv_fup_info_decode(const struct ptp_tlv *t, struct tlv_fup_info *out);
size_t tlv_fup_info_encode(void *buf, size_t cap,
			   const struct tlv_fup_info *in);

/*
 * Unicast negotiation (1588-2008 16.1.4): REQUEST (6 octets of value:
 * messageType in the high nibble, logInterMessagePeriod, durationField),
 * GRANT (8: the same, a reserved octet and the R flag), CANCEL and
 * ACKNOWLEDGE_CANCEL (2: messageType, reserved). linuxptp keeps 1588-2019's
 * maintain flags in the low nibble of a cancel's first octet.
 */
#define TLV_UC_REQUEST_LEN	6
#define TLV_UC_GRANT_LEN	8
#define TLV_UC_CANCEL_LEN	2
#define UC_GRANT_RENEWAL_INVITED	0x01	/* grant flags */
#define UC_CANCEL_MAINTAIN_REQUEST	0x01	/* cancel flags */
#define UC_CANCEL_MAINTAIN_GRANT	0x02

struct tlv_unicast {
	uint16_t type;		/* TLV_REQUEST_... to TLV_ACK_CANCEL_... */
	uint8_t message_type;	/* enum msg_type the negotiation is about */
	uint8_t flags;		/* grant: R; cancel, ack: the low nibble */
	int8_t log_period;	/* logInterMessagePeriod (request, grant) */
	uint32_t duration;	/* durationField, seconds (request, grant) */
};

/* The value length a unicast TLV type needs, 0 for other types. */
uint16_t tlv_unicast_len(uint16_t type);
/*
 * A unicast TLV of any of the four types: 0, or -1 for another type or a
 * value shorter than tlv_unicast_len() (longer ones are read, as ptp4l).
 */
int tlv_unicast_decode(const struct ptp_tlv *t, struct tlv_unicast *out);
/* in->type's value: its length, 0 for another type or cap too short. */
size_t tlv_unicast_encode(void *buf, size_t cap, const struct tlv_unicast *in);

/*
 * linuxptp's NetSync Monitor TLVs (experimental types). The request has no
 * value; the response: portState, a reserved octet, the parent's
 * PortAddress (networkProtocol, addressLength, address), then parentDS,
 * currentDS and timePropertiesDS as their management TLVs, and the ingress
 * Timestamp of the last Sync.
 */
#define TLV_PTPMON_REQ		0x21FE
#define TLV_PTPMON_RESP		0x21FF
#define NSM_ADDR_MAX		16
/* parentDS 32, currentDS 18, timePropertiesDS 4, last Sync ingress 10 */
#define NSM_PARENT_LEN		32
#define NSM_CURRENT_LEN		18
#define NSM_TPROP_LEN		4
#define NSM_FOOT_LEN		64
/* the response value: port state, reserved, a PortAddress, the foot */
#define NSM_RESP_MAX		(2 + 4 + NSM_ADDR_MAX + NSM_FOOT_LEN)

struct tlv_nsm_resp {
	uint8_t port_state;		/* GRAND_MASTER shown as MASTER */
	uint16_t protocol;		/* networkProtocol of the parent */
	uint16_t addr_len;
	uint8_t addr[NSM_ADDR_MAX];	/* the parent's protocol address */
	uint8_t parent[NSM_PARENT_LEN];	/* as PARENT_DATA_SET */
	uint8_t current[NSM_CURRENT_LEN]; /* as CURRENT_DATA_SET */
	uint8_t tprop[NSM_TPROP_LEN];	/* as TIME_PROPERTIES_DATA_SET */
	struct Timestamp last_sync;	/* ingress time of the last Sync */
};

/* The address length networkProtocol has, or -1 for an unknown one. */
int tlv_nsm_addr_len(uint16_t protocol);
/* Encode the response value; its length, or 0 (bad address, cap). */
size_t tlv_nsm_resp_encode(uint8_t *buf, size_t cap,
			   const struct tlv_nsm_resp *r);
/*
 * Decode a PTPMON response TLV (network input: every length is checked).
 * 0, or -1 when malformed.
 */
int tlv_nsm_resp_decode(const struct ptp_tlv *t, struct tlv_nsm_resp *r);

#endif
