// SPDX-License-Identifier: GPL-2.0
/* gPTP message interval requests in Signaling messages, see signaling.h. */
#include <string.h>

#include "signaling.h"
#include "tlv.h"

#define INTERVAL_REQ_SUBTYPE 2

size_t interval_req_encode(uint8_t *buf, size_t cap,
			   const struct interval_req *r)
{
	if (cap < TLV_INTERVAL_REQ_LEN)
		return 0;
	memset(buf, 0, TLV_INTERVAL_REQ_LEN);
	memcpy(buf, ieee_802_1_oui, 3);
	buf[5] = INTERVAL_REQ_SUBTYPE;
	buf[6] = (uint8_t)r->link_delay;
	buf[7] = (uint8_t)r->time_sync;
	buf[8] = (uint8_t)r->announce;
	buf[9] = r->flags;
	return TLV_INTERVAL_REQ_LEN;
}

int interval_req_decode(const struct ptp_tlv *t, struct interval_req *out)
{
	struct tlv_org org;

	if (tlv_org_decode(t, &org) || t->length < TLV_INTERVAL_REQ_LEN ||
	    memcmp(org.organizationId, ieee_802_1_oui, 3) ||
	    org.organizationSubType[0] || org.organizationSubType[1] ||
	    org.organizationSubType[2] != INTERVAL_REQ_SUBTYPE)
		return -1;
	out->link_delay = (int8_t)org.data[0];
	out->time_sync = (int8_t)org.data[1];
	out->announce = (int8_t)org.data[2];
	out->flags = org.data[3];
	return 0;
}

void signaling_interval_req(struct ptp_message *m,
			    uint8_t value[TLV_INTERVAL_REQ_LEN],
			    const struct PortIdentity *self, uint8_t domain,
			    uint8_t transport_specific, uint16_t seq,
			    const struct interval_req *r)
{
	msg_init(m, MSG_SIGNALING);
	m->hdr.transportSpecific = transport_specific;
	m->hdr.domainNumber = domain;
	m->hdr.sourcePortIdentity = *self;
	m->hdr.sequenceId = seq;
	m->hdr.logMessageInterval = LOG_INTERVAL_NONE;
	memset(&m->signaling.targetPortIdentity, 0xff,
	       sizeof(m->signaling.targetPortIdentity));
	interval_req_encode(value, TLV_INTERVAL_REQ_LEN, r);
	msg_add_tlv(m, TLV_ORGANIZATION_EXTENSION, value,
		    TLV_INTERVAL_REQ_LEN);
}

static bool pid_is_wildcard(const struct PortIdentity *p)
{
	unsigned int i;

	for (i = 0; i < sizeof(p->clockIdentity.id); i++)
		if (p->clockIdentity.id[i] != 0xff)
			return false;
	return p->portNumber == 0xffff;
}

int signaling_find_interval_req(const struct ptp_message *m,
				const struct PortIdentity *self,
				struct interval_req *out)
{
	const struct PortIdentity *target = &m->signaling.targetPortIdentity;
	unsigned int i;

	if (m->hdr.messageType != MSG_SIGNALING)
		return 0;
	if (!pid_eq(target, self) && !pid_is_wildcard(target))
		return 0;
	for (i = 0; i < m->n_tlvs; i++)
		if (!interval_req_decode(&m->tlv[i], out))
			return 1;
	return 0;
}

int8_t interval_apply(int8_t cur, int8_t req, int8_t initial)
{
	switch (req) {
	case SIGNAL_NO_CHANGE:
		return cur;
	case SIGNAL_SET_INITIAL:
		return initial;
	default:
		/* an absurd request changes nothing */
		if (req < LOG_INTERVAL_MIN || req > LOG_INTERVAL_MAX)
			return cur;
		return req;
	}
}
