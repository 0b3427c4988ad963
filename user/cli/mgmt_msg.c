// SPDX-License-Identifier: GPL-2.0
/* PTP management messages: building requests, checking answers (mgmt.h). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "mgmt.h"
#include "mgmt_ds.h"

#define PTP_HDR_LEN	34
#define TLV_HDR_LEN	4
#define ERROR_TLV_MIN	8	/* managementErrorId, managementId, reserved */

/* The least lengthField linuxptp accepts for the TLV types it checks. */
static size_t tlv_min_len(uint16_t type)
{
	switch (type) {
	case MGMT_TLV_MANAGEMENT:
		return 2;		/* managementId */
	case MGMT_TLV_ERROR_STATUS:
		return ERROR_TLV_MIN;
	case 0x0003:			/* ORGANIZATION_EXTENSION */
		return 6;
	case 0x0004:			/* REQUEST_UNICAST_TRANSMISSION */
		return 6;
	case 0x0005:			/* GRANT_UNICAST_TRANSMISSION */
		return 8;
	case 0x0006:			/* CANCEL_UNICAST_TRANSMISSION */
	case 0x0007:			/* ACKNOWLEDGE_CANCEL_... */
		return 2;
	}
	return 0;
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

size_t mgmt_build(uint8_t *buf, size_t size, const struct mgmt_req *req)
{
	/* a TLV's dataField has an even length */
	size_t dlen = req->dlen + (req->dlen & 1);
	size_t len = MGMT_HDR_LEN + TLV_HDR_LEN + 2 + dlen;

	if (len > size || len > MGMT_MAX_LEN)
		return 0;
	memset(buf, 0, len);
	buf[0] = (uint8_t)(req->transport_specific << 4 | MGMT_MSG_TYPE);
	buf[1] = 2;				/* versionPTP */
	put16(buf + 2, (uint16_t)len);
	buf[4] = req->domain;
	/* flags, correction, reserved: 0; clockIdentity 0, as pmc on UDS */
	put16(buf + 28, req->src_port);
	put16(buf + 30, req->seq);
	buf[32] = 4;				/* controlField: management */
	buf[33] = 0x7f;				/* logMessageInterval */
	memcpy(buf + 34, req->target_clock, 8);
	put16(buf + 42, req->target_port);
	buf[44] = req->hops;			/* startingBoundaryHops */
	buf[45] = req->hops;			/* boundaryHops */
	buf[46] = req->action & 0x0f;
	put16(buf + 48, MGMT_TLV_MANAGEMENT);
	put16(buf + 50, (uint16_t)(2 + dlen));
	put16(buf + 52, req->id);
	if (req->dlen)
		memcpy(buf + 54, req->data, req->dlen);
	return len;
}

int mgmt_parse(const uint8_t *buf, size_t len, struct mgmt_msg *m)
{
	size_t off, left, tlv_len, msg_len;
	uint16_t type;

	memset(m, 0, sizeof(*m));
	if (len < PTP_HDR_LEN)
		return -EBADMSG;
	if ((buf[1] & 0x0f) != 2 || (buf[0] & 0x0f) != MGMT_MSG_TYPE)
		return -EPROTO;
	msg_len = get16(buf + 2);
	if (msg_len > len || msg_len < MGMT_HDR_LEN)
		return -EBADMSG;
	memcpy(m->clock_id, buf + 20, 8);
	m->port = get16(buf + 28);
	m->seq = get16(buf + 30);
	m->action = buf[46] & 0x0f;
	for (off = MGMT_HDR_LEN; msg_len - off >= TLV_HDR_LEN; off += tlv_len) {
		type = get16(buf + off);
		tlv_len = get16(buf + off + 2);
		off += TLV_HDR_LEN;
		left = msg_len - off;
		if (tlv_len > left || tlv_len < tlv_min_len(type))
			return -EBADMSG;
		if (m->n_tlvs++)
			continue;
		m->tlv_type = type;
		m->tlv_len = (uint16_t)tlv_len;
		if (type == MGMT_TLV_MANAGEMENT) {
			m->id = get16(buf + off);
			m->data = buf + off + 2;
			m->len = tlv_len - 2;
			if (m->len && mds_check(m->id, m->data, m->len))
				return -EBADMSG;
		} else if (type == MGMT_TLV_ERROR_STATUS) {
			m->error = get16(buf + off);
			m->id = get16(buf + off + 2);
		}
	}
	return 0;
}

const char *mgmt_action_str(unsigned int action)
{
	static const char *const names[] = {
		"GET", "SET", "RESPONSE", "COMMAND", "ACKNOWLEDGE",
	};

	return action < sizeof(names) / sizeof(names[0]) ? names[action] : NULL;
}

char *mgmt_cid_str(const uint8_t *c, char *buf, size_t len)
{
	snprintf(buf, len, "%02x%02x%02x.%02x%02x.%02x%02x%02x",
		 c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]);
	return buf;
}

char *mgmt_pid_str(const uint8_t *c, uint16_t port, char *buf, size_t len)
{
	snprintf(buf, len, "%02x%02x%02x.%02x%02x.%02x%02x%02x-%u",
		 c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], port);
	return buf;
}

int mgmt_pid_parse(const char *s, uint8_t *c, uint16_t *port)
{
	if (sscanf(s, "%02hhx%02hhx%02hhx.%02hhx%02hhx.%02hhx%02hhx%02hhx-%hu",
		   &c[0], &c[1], &c[2], &c[3], &c[4], &c[5], &c[6], &c[7],
		   port) != 9)
		return -EINVAL;
	return 0;
}
