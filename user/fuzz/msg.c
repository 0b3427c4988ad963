// SPDX-License-Identifier: GPL-2.0
/*
 * msg_parse() on arbitrary input. Whatever parses must build again into
 * the same frame (but for reserved octets), and that frame must parse into
 * the same message; every TLV goes through the specific decoders, and the
 * ones that decode must encode back to the same value.
 */
#include <stdlib.h>

#include "msg.h"
#include "tlv.h"

static struct ptp_message m1, m2;
static uint8_t out[UINT16_MAX + 1];

#define ASSERT(c) do { if (!(c)) abort(); } while (0)

static void same_header(const struct ptp_header *a, const struct ptp_header *b)
{
	ASSERT(a->transportSpecific == b->transportSpecific);
	ASSERT(a->messageType == b->messageType);
	ASSERT(a->minorVersionPTP == b->minorVersionPTP);
	ASSERT(a->versionPTP == PTP_VERSION && b->versionPTP == PTP_VERSION);
	ASSERT(a->messageLength == b->messageLength);
	ASSERT(a->domainNumber == b->domainNumber);
	ASSERT(a->minorSdoId == b->minorSdoId);
	ASSERT(a->flagField == b->flagField);
	ASSERT(a->correctionField == b->correctionField);
	ASSERT(pid_eq(&a->sourcePortIdentity, &b->sourcePortIdentity));
	ASSERT(a->sequenceId == b->sequenceId);
	ASSERT(a->controlField == b->controlField);
	ASSERT(a->logMessageInterval == b->logMessageInterval);
}

static bool same_ts(const struct Timestamp *a, const struct Timestamp *b)
{
	return a->seconds == b->seconds && a->nanoseconds == b->nanoseconds;
}

static void same_body(const struct ptp_message *a, const struct ptp_message *b)
{
	const struct msg_announce *x = &a->announce, *y = &b->announce;

	switch (a->hdr.messageType) {
	case MSG_SYNC:
	case MSG_DELAY_REQ:
	case MSG_PDELAY_REQ:
	case MSG_FOLLOW_UP:
		ASSERT(same_ts(&a->sync.timestamp, &b->sync.timestamp));
		break;
	case MSG_DELAY_RESP:
	case MSG_PDELAY_RESP:
	case MSG_PDELAY_RESP_FUP:
		ASSERT(same_ts(&a->delay_resp.timestamp,
			       &b->delay_resp.timestamp));
		ASSERT(pid_eq(&a->delay_resp.requestingPortIdentity,
			      &b->delay_resp.requestingPortIdentity));
		break;
	case MSG_ANNOUNCE:
		ASSERT(same_ts(&x->originTimestamp, &y->originTimestamp));
		ASSERT(x->currentUtcOffset == y->currentUtcOffset);
		ASSERT(x->grandmasterPriority1 == y->grandmasterPriority1);
		ASSERT(!memcmp(&x->grandmasterClockQuality,
			       &y->grandmasterClockQuality,
			       sizeof(x->grandmasterClockQuality)));
		ASSERT(x->grandmasterPriority2 == y->grandmasterPriority2);
		ASSERT(cid_eq(&x->grandmasterIdentity, &y->grandmasterIdentity));
		ASSERT(x->stepsRemoved == y->stepsRemoved);
		ASSERT(x->timeSource == y->timeSource);
		break;
	case MSG_SIGNALING:
		ASSERT(pid_eq(&a->signaling.targetPortIdentity,
			      &b->signaling.targetPortIdentity));
		break;
	case MSG_MANAGEMENT:
		ASSERT(pid_eq(&a->management.targetPortIdentity,
			      &b->management.targetPortIdentity));
		ASSERT(a->management.startingBoundaryHops ==
		       b->management.startingBoundaryHops);
		ASSERT(a->management.boundaryHops == b->management.boundaryHops);
		ASSERT(a->management.actionField == b->management.actionField);
		break;
	default:
		abort();
	}
}

/* Octets msg_build() writes as zero whatever was received. */
static bool reserved(unsigned int type, size_t i)
{
	if (i >= 16 && i < 20)
		return true;
	switch (type) {
	case MSG_PDELAY_REQ:
		return i >= 44 && i < 54;
	case MSG_ANNOUNCE:
		return i == 46;
	case MSG_MANAGEMENT:
		return i == 47;
	}
	return false;
}

static void check_frame(const uint8_t *in, const uint8_t *built, size_t len,
			unsigned int type)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (reserved(type, i))
			continue;
		if (type == MSG_MANAGEMENT && i == 46)
			ASSERT((in[i] & 0xF) == built[i]);
		else
			ASSERT(in[i] == built[i]);
	}
}

static void tlvs(const struct ptp_tlv *t)
{
	static struct tlv_path_trace pt;
	static uint8_t buf[UINT16_MAX];
	struct tlv_mgmt_error me;
	struct tlv_fup_info fi;
	struct tlv_nsm_resp nsm;
	struct tlv_unicast uc;
	struct tlv_mgmt mg;
	struct tlv_org org;

	if (!tlv_mgmt_decode(t, &mg)) {
		ASSERT(tlv_mgmt_encode(buf, sizeof(buf), &mg) == t->length);
		ASSERT(!memcmp(buf, t->value, t->length));
	}
	if (!tlv_org_decode(t, &org)) {
		ASSERT(tlv_org_encode(buf, sizeof(buf), &org) == t->length);
		ASSERT(!memcmp(buf, t->value, t->length));
	}
	if (!tlv_path_trace_decode(t, &pt)) {
		ASSERT(tlv_path_trace_encode(buf, sizeof(buf), &pt) ==
		       t->length);
		ASSERT(!memcmp(buf, t->value, t->length));
	}
	if (!tlv_fup_info_decode(t, &fi)) {
		ASSERT(tlv_fup_info_encode(buf, sizeof(buf), &fi) ==
		       t->length);
		ASSERT(!memcmp(buf, t->value, t->length));
	}
	if (!tlv_mgmt_error_decode(t, &me)) {
		size_t n = tlv_mgmt_error_encode(buf, sizeof(buf), &me);
		size_t k = me.displayData.length ? 9 + me.displayData.length
						 : 8;

		/* 4..7 are reserved; the text may end before the TLV */
		ASSERT(n >= k && n <= t->length);
		ASSERT(!memcmp(buf, t->value, 4));
		ASSERT(!memcmp(buf + 8, t->value + 8, k - 8));
	}
	if (!tlv_nsm_resp_decode(t, &nsm)) {
		ASSERT(tlv_nsm_resp_encode(buf, sizeof(buf), &nsm) ==
		       t->length);
		/* octet 1 is reserved */
		ASSERT(buf[0] == t->value[0]);
		ASSERT(!memcmp(buf + 2, t->value + 2, t->length - 2));
	}
	if (!tlv_unicast_decode(t, &uc)) {
		size_t n = tlv_unicast_encode(buf, sizeof(buf), &uc);

		/* what is not reserved comes back: all but grant's octet 6 */
		ASSERT(n == tlv_unicast_len(t->type) && n <= t->length);
		ASSERT((buf[0] & 0xF0) == (t->value[0] & 0xF0));
		if (n == TLV_UC_CANCEL_LEN)
			ASSERT(buf[0] == t->value[0]);
		else
			ASSERT(!memcmp(buf + 1, t->value + 1, 5));
		if (n == TLV_UC_GRANT_LEN)
			ASSERT(buf[7] == t->value[7]);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	enum msg_error why = MSG_ERR_COUNT;
	unsigned int i;
	size_t n;

	if (msg_parse(&m1, data, size, &why)) {
		ASSERT(why > MSG_OK && why < MSG_ERR_COUNT);
		return 0;
	}
	ASSERT(why == MSG_OK);
	ASSERT(m1.hdr.messageLength <= size);
	ASSERT(m1.n_tlvs <= MSG_MAX_TLVS);

	n = msg_build(&m1, out, sizeof(out));
	ASSERT(n == m1.hdr.messageLength);
	check_frame(data, out, n, m1.hdr.messageType);
	ASSERT(!msg_parse(&m2, out, n, &why));
	same_header(&m1.hdr, &m2.hdr);
	same_body(&m1, &m2);
	ASSERT(m1.n_tlvs == m2.n_tlvs);
	for (i = 0; i < m1.n_tlvs; i++) {
		const struct ptp_tlv *a = &m1.tlv[i], *b = &m2.tlv[i];

		ASSERT(a->type == b->type && a->length == b->length &&
		       a->offset == b->offset);
		ASSERT(a->value == data + a->offset + TLV_HEADER_LEN);
		ASSERT(!memcmp(a->value, b->value, a->length));
		tlvs(a);
	}
	/* one octet less room than needed must be refused */
	ASSERT(msg_build(&m1, out, n - 1) == 0);
	return 0;
}
