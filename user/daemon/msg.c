// SPDX-License-Identifier: GPL-2.0
/*
 * PTPv2 message parsing and building. Every field is read and written with
 * explicit offsets from the layouts in 1588-2008 clause 13, so nothing
 * depends on struct packing or host byte order, and every read is preceded
 * by a length check.
 */
#include <limits.h>

#include "msg.h"
#include "tlv.h"

#define NSEC_PER_SEC 1000000000LL
#define SECONDS_MAX ((1ULL << 48) - 1)

static const char *const type_names[MSG_TYPE_COUNT] = {
	[MSG_SYNC] = "SYNC",
	[MSG_DELAY_REQ] = "DELAY_REQ",
	[MSG_PDELAY_REQ] = "PDELAY_REQ",
	[MSG_PDELAY_RESP] = "PDELAY_RESP",
	[MSG_FOLLOW_UP] = "FOLLOW_UP",
	[MSG_DELAY_RESP] = "DELAY_RESP",
	[MSG_PDELAY_RESP_FUP] = "PDELAY_RESP_FOLLOW_UP",
	[MSG_ANNOUNCE] = "ANNOUNCE",
	[MSG_SIGNALING] = "SIGNALING",
	[MSG_MANAGEMENT] = "MANAGEMENT",
};

static const char *const error_names[MSG_ERR_COUNT] = {
	[MSG_OK] = "ok",
	[MSG_ERR_SHORT] = "shorter than a PTP header",
	[MSG_ERR_VERSION] = "not PTP version 2",
	[MSG_ERR_TYPE] = "reserved messageType",
	[MSG_ERR_LENGTH] = "messageLength beyond the received data",
	[MSG_ERR_TOO_SHORT] = "messageLength too short for the messageType",
	[MSG_ERR_TLV_OVERRUN] = "TLV runs past messageLength",
	[MSG_ERR_TLV_ODD] = "TLV with an odd length",
	[MSG_ERR_TLV_COUNT] = "too many TLVs",
	[MSG_ERR_INTERVAL] = "logMessageInterval out of range",
	[MSG_ERR_TLV_SHORT] = "TLV too short for its type",
	[MSG_ERR_TLV_BAD] = "malformed NSM response TLV",
};

/* Octets after the common header, per messageType (13.5 to 13.12). */
int msg_body_len(unsigned int type)
{
	switch (type) {
	case MSG_SYNC:
	case MSG_DELAY_REQ:
	case MSG_FOLLOW_UP:
	case MSG_SIGNALING:
		return 10;
	case MSG_MANAGEMENT:
		return 14;
	case MSG_PDELAY_REQ:
	case MSG_PDELAY_RESP:
	case MSG_DELAY_RESP:
	case MSG_PDELAY_RESP_FUP:
		return 20;
	case MSG_ANNOUNCE:
		return 30;
	default:
		return -1;
	}
}

const char *msg_type_str(unsigned int type)
{
	if (type < MSG_TYPE_COUNT && type_names[type])
		return type_names[type];
	return "reserved";
}

const char *msg_error_str(enum msg_error why)
{
	if ((unsigned int)why < MSG_ERR_COUNT)
		return error_names[why];
	return "unknown error";
}

/* Table 23; 5 ("all others") for Pdelay_*, Announce and Signaling. */
static uint8_t control_of(enum msg_type type)
{
	switch (type) {
	case MSG_SYNC:
		return CTL_SYNC;
	case MSG_DELAY_REQ:
		return CTL_DELAY_REQ;
	case MSG_FOLLOW_UP:
		return CTL_FOLLOW_UP;
	case MSG_DELAY_RESP:
		return CTL_DELAY_RESP;
	case MSG_MANAGEMENT:
		return CTL_MANAGEMENT;
	default:
		return CTL_OTHER;
	}
}

/* Table 24: these carry no interval, so 0x7F. */
static bool interval_none(enum msg_type type)
{
	switch (type) {
	case MSG_DELAY_REQ:
	case MSG_PDELAY_REQ:
	case MSG_PDELAY_RESP:
	case MSG_PDELAY_RESP_FUP:
	case MSG_SIGNALING:
	case MSG_MANAGEMENT:
		return true;
	default:
		return false;
	}
}

void msg_init(struct ptp_message *m, enum msg_type type)
{
	memset(m, 0, sizeof(*m));
	m->hdr.messageType = type & 0xF;
	m->hdr.versionPTP = PTP_VERSION;
	m->hdr.controlField = control_of(type);
	if (interval_none(type))
		m->hdr.logMessageInterval = LOG_INTERVAL_NONE;
}

/*
 * 0x7F is what Table 24 asks for messages without an interval, and what a
 * unicast Sync/Follow_Up/Delay_Resp carries; 802.1AS puts a real interval
 * in Pdelay_Req. Only Announce must always carry one.
 */
static bool interval_ok(unsigned int type, int8_t v)
{
	if (v == LOG_INTERVAL_NONE)
		return type != MSG_ANNOUNCE;
	return v >= LOG_INTERVAL_MIN && v <= LOG_INTERVAL_MAX;
}

static void parse_header(struct ptp_header *h, const uint8_t *p)
{
	h->transportSpecific = p[0] >> 4;
	h->messageType = p[0] & 0xF;
	h->minorVersionPTP = p[1] >> 4;
	h->versionPTP = p[1] & 0xF;
	h->messageLength = get_be16(p + 2);
	h->domainNumber = p[4];
	h->minorSdoId = p[5];
	h->flagField = get_be16(p + 6);
	h->correctionField = (int64_t)get_be64(p + 8);
	/* 16..19: messageTypeSpecific, ignored */
	get_pid(p + 20, &h->sourcePortIdentity);
	h->sequenceId = get_be16(p + 30);
	h->controlField = p[32];
	h->logMessageInterval = (int8_t)p[33];
}

static void parse_body(struct ptp_message *m, const uint8_t *p)
{
	struct msg_announce *a = &m->announce;
	struct msg_management *mg = &m->management;

	switch (m->hdr.messageType) {
	case MSG_SYNC:
	case MSG_DELAY_REQ:
	case MSG_FOLLOW_UP:
	case MSG_PDELAY_REQ:	/* then 10 reserved octets */
		get_ts(p, &m->sync.timestamp);
		break;
	case MSG_DELAY_RESP:
	case MSG_PDELAY_RESP:
	case MSG_PDELAY_RESP_FUP:
		get_ts(p, &m->delay_resp.timestamp);
		get_pid(p + 10, &m->delay_resp.requestingPortIdentity);
		break;
	case MSG_ANNOUNCE:
		get_ts(p, &a->originTimestamp);
		a->currentUtcOffset = (int16_t)get_be16(p + 10);
		/* 12: reserved */
		a->grandmasterPriority1 = p[13];
		a->grandmasterClockQuality.clockClass = p[14];
		a->grandmasterClockQuality.clockAccuracy = p[15];
		a->grandmasterClockQuality.offsetScaledLogVariance =
			get_be16(p + 16);
		a->grandmasterPriority2 = p[18];
		memcpy(a->grandmasterIdentity.id, p + 19, 8);
		a->stepsRemoved = get_be16(p + 27);
		a->timeSource = p[29];
		break;
	case MSG_SIGNALING:
		get_pid(p, &m->signaling.targetPortIdentity);
		break;
	case MSG_MANAGEMENT:
		get_pid(p, &mg->targetPortIdentity);
		mg->startingBoundaryHops = p[10];
		mg->boundaryHops = p[11];
		mg->actionField = p[12] & 0xF;
		/* 13: reserved */
		break;
	}
}

static int fail(enum msg_error *why, enum msg_error e)
{
	if (why)
		*why = e;
	return -1;
}

int msg_parse(struct ptp_message *m, const void *buf, size_t len,
	      enum msg_error *why)
{
	const uint8_t *p = buf;
	enum msg_error e;
	size_t off, end;
	int blen, r;

	memset(m, 0, sizeof(*m));
	if (len < MSG_HEADER_LEN)
		return fail(why, MSG_ERR_SHORT);
	parse_header(&m->hdr, p);
	if (m->hdr.versionPTP != PTP_VERSION)
		return fail(why, MSG_ERR_VERSION);
	blen = msg_body_len(m->hdr.messageType);
	if (blen < 0)
		return fail(why, MSG_ERR_TYPE);
	end = m->hdr.messageLength;
	if (end > len)
		return fail(why, MSG_ERR_LENGTH);
	if (end < (size_t)MSG_HEADER_LEN + blen)
		return fail(why, MSG_ERR_TOO_SHORT);
	if (!interval_ok(m->hdr.messageType, m->hdr.logMessageInterval))
		return fail(why, MSG_ERR_INTERVAL);
	parse_body(m, p + MSG_HEADER_LEN);

	off = MSG_HEADER_LEN + blen;
	for (;;) {
		struct tlv_nsm_resp nsm;
		struct ptp_tlv t;

		r = tlv_next(p, end, &off, &t, &e);
		if (r < 0)
			return fail(why, e);
		if (!r)
			break;
		if (m->n_tlvs == MSG_MAX_TLVS)
			return fail(why, MSG_ERR_TLV_COUNT);
		/* as ptp4l: a TLV too short for its fields drops the frame */
		if (t.length < tlv_unicast_len(t.type))
			return fail(why, MSG_ERR_TLV_SHORT);
		/* as ptp4l's nsm_resp_post_recv(): the frame is dropped */
		if (t.type == TLV_PTPMON_RESP &&
		    tlv_nsm_resp_decode(&t, &nsm))
			return fail(why, MSG_ERR_TLV_BAD);
		m->tlv[m->n_tlvs++] = t;
	}
	if (why)
		*why = MSG_OK;
	return 0;
}

static void build_header(const struct ptp_header *h, uint8_t *p,
			 uint16_t length)
{
	p[0] = (h->transportSpecific & 0xF) << 4 | (h->messageType & 0xF);
	p[1] = (h->minorVersionPTP & 0xF) << 4 | PTP_VERSION;
	put_be16(p + 2, length);
	p[4] = h->domainNumber;
	p[5] = h->minorSdoId;
	put_be16(p + 6, h->flagField);
	put_be64(p + 8, (uint64_t)h->correctionField);
	memset(p + 16, 0, 4);
	put_pid(p + 20, &h->sourcePortIdentity);
	put_be16(p + 30, h->sequenceId);
	p[32] = h->controlField;
	p[33] = (uint8_t)h->logMessageInterval;
}

static void build_body(const struct ptp_message *m, uint8_t *p)
{
	const struct msg_announce *a = &m->announce;
	const struct msg_management *mg = &m->management;

	switch (m->hdr.messageType) {
	case MSG_SYNC:
	case MSG_DELAY_REQ:
	case MSG_FOLLOW_UP:
	case MSG_PDELAY_REQ:
		put_ts(p, &m->sync.timestamp);
		break;
	case MSG_DELAY_RESP:
	case MSG_PDELAY_RESP:
	case MSG_PDELAY_RESP_FUP:
		put_ts(p, &m->delay_resp.timestamp);
		put_pid(p + 10, &m->delay_resp.requestingPortIdentity);
		break;
	case MSG_ANNOUNCE:
		put_ts(p, &a->originTimestamp);
		put_be16(p + 10, (uint16_t)a->currentUtcOffset);
		p[13] = a->grandmasterPriority1;
		p[14] = a->grandmasterClockQuality.clockClass;
		p[15] = a->grandmasterClockQuality.clockAccuracy;
		put_be16(p + 16,
			 a->grandmasterClockQuality.offsetScaledLogVariance);
		p[18] = a->grandmasterPriority2;
		memcpy(p + 19, a->grandmasterIdentity.id, 8);
		put_be16(p + 27, a->stepsRemoved);
		p[29] = a->timeSource;
		break;
	case MSG_SIGNALING:
		put_pid(p, &m->signaling.targetPortIdentity);
		break;
	case MSG_MANAGEMENT:
		put_pid(p, &mg->targetPortIdentity);
		p[10] = mg->startingBoundaryHops;
		p[11] = mg->boundaryHops;
		p[12] = mg->actionField & 0xF;
		break;
	}
}

size_t msg_build(const struct ptp_message *m, void *buf, size_t cap)
{
	uint8_t *p = buf;
	int blen = msg_body_len(m->hdr.messageType);
	size_t len, off;
	unsigned int i;

	if (blen < 0 || m->n_tlvs > MSG_MAX_TLVS)
		return 0;
	len = MSG_HEADER_LEN + blen;
	for (i = 0; i < m->n_tlvs; i++) {
		const struct ptp_tlv *t = &m->tlv[i];

		if ((t->length & 1) || (t->length && !t->value))
			return 0;
		len += TLV_HEADER_LEN + t->length;
	}
	if (len > cap || len > UINT16_MAX)
		return 0;

	/* Reserved octets are zero. */
	memset(p, 0, MSG_HEADER_LEN + blen);
	build_header(&m->hdr, p, len);
	build_body(m, p + MSG_HEADER_LEN);
	off = MSG_HEADER_LEN + blen;
	for (i = 0; i < m->n_tlvs; i++)
		off = tlv_put(p, cap, off, m->tlv[i].type, m->tlv[i].value,
			      m->tlv[i].length);
	return off;
}

int msg_add_tlv(struct ptp_message *m, uint16_t type, const void *value,
		uint16_t length)
{
	struct ptp_tlv *t;

	if (m->n_tlvs >= MSG_MAX_TLVS)
		return -1;
	t = &m->tlv[m->n_tlvs++];
	t->type = type;
	t->length = length;
	t->offset = 0;
	t->value = value;
	return 0;
}

void msg_count_rx(struct msg_counters *c, const struct ptp_message *m)
{
	c->rx[m->hdr.messageType & 0xF]++;
}

void msg_count_error(struct msg_counters *c, enum msg_error why)
{
	if ((unsigned int)why < MSG_ERR_COUNT)
		c->err[why]++;
}

static bool ts_valid(const struct Timestamp *t)
{
	return t->seconds <= SECONDS_MAX && t->nanoseconds < NSEC_PER_SEC;
}

int ts_to_ns(const struct Timestamp *t, int64_t *ns)
{
	if (!ts_valid(t) ||
	    t->seconds > (uint64_t)(INT64_MAX - t->nanoseconds) / NSEC_PER_SEC)
		return -1;
	*ns = (int64_t)t->seconds * NSEC_PER_SEC + t->nanoseconds;
	return 0;
}

int ns_to_ts(int64_t ns, struct Timestamp *t)
{
	if (ns < 0)
		return -1;
	t->seconds = ns / NSEC_PER_SEC;
	t->nanoseconds = ns % NSEC_PER_SEC;
	return 0;
}

int ts_to_timespec(const struct Timestamp *t, struct timespec *tsp)
{
	if (!ts_valid(t))
		return -1;
	tsp->tv_sec = (time_t)t->seconds;
	tsp->tv_nsec = t->nanoseconds;
	return 0;
}

int timespec_to_ts(const struct timespec *tsp, struct Timestamp *t)
{
	if (tsp->tv_sec < 0 || (uint64_t)tsp->tv_sec > SECONDS_MAX ||
	    tsp->tv_nsec < 0 || tsp->tv_nsec >= NSEC_PER_SEC)
		return -1;
	t->seconds = tsp->tv_sec;
	t->nanoseconds = tsp->tv_nsec;
	return 0;
}

TimeInterval ns_to_scaled(int64_t ns)
{
	if (ns > INT64_MAX / 65536)
		return INT64_MAX;
	if (ns < INT64_MIN / 65536)
		return INT64_MIN;
	return ns * 65536;
}

int64_t scaled_to_ns(TimeInterval c)
{
	return c / 65536;
}
