// SPDX-License-Identifier: GPL-2.0
/* PTP TLVs: generic walk and append, and the TLVs ptp4l sends. */
#include <string.h>

#include "config.h"
#include "tlv.h"

const uint8_t ieee_802_1_oui[3] = { 0x00, 0x80, 0xC2 };

#define FUP_INFO_SUBTYPE 1

int tlv_next(const void *buf, size_t len, size_t *off, struct ptp_tlv *t,
	     enum msg_error *why)
{
	const uint8_t *p = buf;
	size_t o = *off;
	uint16_t length;

	if (o >= len)
		return 0;
	if (len - o < TLV_HEADER_LEN) {
		*why = MSG_ERR_TLV_OVERRUN;
		return -1;
	}
	length = get_be16(p + o + 2);
	if (length & 1) {
		*why = MSG_ERR_TLV_ODD;
		return -1;
	}
	if (len - o - TLV_HEADER_LEN < length) {
		*why = MSG_ERR_TLV_OVERRUN;
		return -1;
	}
	t->type = get_be16(p + o);
	t->length = length;
	t->offset = o;
	t->value = p + o + TLV_HEADER_LEN;
	*off = o + TLV_HEADER_LEN + length;
	return 1;
}

size_t tlv_put(void *buf, size_t cap, size_t off, uint16_t type,
	       const void *value, uint16_t length)
{
	uint8_t *p = buf;

	if (off > cap || cap - off < (size_t)TLV_HEADER_LEN + length)
		return 0;
	put_be16(p + off, type);
	put_be16(p + off + 2, length);
	if (length)
		memcpy(p + off + TLV_HEADER_LEN, value, length);
	return off + TLV_HEADER_LEN + length;
}

/*
 * Copy n octets to p + off and a zero pad octet if that ends at an odd
 * offset, since TLV values are even (14.1.1). 0 if it does not fit.
 */
static size_t put_padded(uint8_t *p, size_t cap, size_t off,
			 const void *data, size_t n)
{
	size_t total = n + ((off + n) & 1);

	/* A TLV value is at most 65534 octets (even, 16-bit length). */
	if (off > cap || cap - off < total || off + total > UINT16_MAX)
		return 0;
	if (n)
		memcpy(p + off, data, n);
	if (total > n)
		p[off + n] = 0;
	return off + total;
}

int tlv_mgmt_decode(const struct ptp_tlv *t, struct tlv_mgmt *out)
{
	if (t->type != TLV_MANAGEMENT || t->length < 2)
		return -1;
	out->managementId = get_be16(t->value);
	out->data = t->value + 2;
	out->data_len = t->length - 2;
	return 0;
}

size_t tlv_mgmt_encode(void *buf, size_t cap, const struct tlv_mgmt *in)
{
	if (cap < 2)
		return 0;
	put_be16(buf, in->managementId);
	return put_padded(buf, cap, 2, in->data, in->data_len);
}

int tlv_mgmt_error_decode(const struct ptp_tlv *t, struct tlv_mgmt_error *out)
{
	const uint8_t *v = t->value;
	size_t n;

	if (t->type != TLV_MANAGEMENT_ERROR_STATUS || t->length < 8)
		return -1;
	out->managementErrorId = get_be16(v);
	out->managementId = get_be16(v + 2);
	/* 4..7 reserved */
	out->displayData.length = 0;
	out->displayData.text[0] = '\0';
	if (t->length == 8)
		return 0;
	n = v[8];
	if ((size_t)t->length - 9 < n)
		return -1;
	out->displayData.length = n;
	memcpy(out->displayData.text, v + 9, n);
	out->displayData.text[n] = '\0';
	return 0;
}

size_t tlv_mgmt_error_encode(void *buf, size_t cap,
			     const struct tlv_mgmt_error *in)
{
	uint8_t *p = buf;

	if (cap < 8)
		return 0;
	put_be16(p, in->managementErrorId);
	put_be16(p + 2, in->managementId);
	memset(p + 4, 0, 4);
	if (!in->displayData.length)
		return 8;
	if (cap < 9)
		return 0;
	p[8] = in->displayData.length;
	return put_padded(p, cap, 9, in->displayData.text,
			  in->displayData.length);
}

int tlv_org_decode(const struct ptp_tlv *t, struct tlv_org *out)
{
	if (t->type != TLV_ORGANIZATION_EXTENSION || t->length < 6)
		return -1;
	memcpy(out->organizationId, t->value, 3);
	memcpy(out->organizationSubType, t->value + 3, 3);
	out->data = t->value + 6;
	out->data_len = t->length - 6;
	return 0;
}

size_t tlv_org_encode(void *buf, size_t cap, const struct tlv_org *in)
{
	uint8_t *p = buf;

	if (cap < 6)
		return 0;
	memcpy(p, in->organizationId, 3);
	memcpy(p + 3, in->organizationSubType, 3);
	return put_padded(p, cap, 6, in->data, in->data_len);
}

int tlv_path_trace_decode(const struct ptp_tlv *t, struct tlv_path_trace *out)
{
	unsigned int i, n = t->length / 8;

	if (t->type != TLV_PATH_TRACE || t->length % 8 || n > PATH_TRACE_MAX)
		return -1;
	for (i = 0; i < n; i++)
		memcpy(out->id[i].id, t->value + 8 * i, 8);
	out->count = n;
	return 0;
}

size_t tlv_path_trace_encode(void *buf, size_t cap,
			     const struct tlv_path_trace *in)
{
	uint8_t *p = buf;
	unsigned int i;

	if (in->count > PATH_TRACE_MAX || cap < 8 * (size_t)in->count)
		return 0;
	for (i = 0; i < in->count; i++)
		memcpy(p + 8 * i, in->id[i].id, 8);
	return 8 * (size_t)in->count;
}

int tlv_fup_info_decode(const struct ptp_tlv *t, struct tlv_fup_info *out)
{
	struct tlv_org org;
	const uint8_t *d;

	if (tlv_org_decode(t, &org) ||
	    memcmp(org.organizationId, ieee_802_1_oui, 3) ||
	    org.organizationSubType[0] || org.organizationSubType[1] ||
	    org.organizationSubType[2] != FUP_INFO_SUBTYPE ||
	    t->length != TLV_FUP_INFO_LEN)
		return -1;
	d = org.data;
	out->cumulativeScaledRateOffset = (int32_t)get_be32(d);
	out->gmTimeBaseIndicator = get_be16(d + 4);
	out->lastGmPhaseChange.nanoseconds_msb = get_be16(d + 6);
	out->lastGmPhaseChange.nanoseconds_lsb = get_be64(d + 8);
	out->lastGmPhaseChange.fractional_nanoseconds = get_be16(d + 16);
	out->scaledLastGmFreqChange = (int32_t)get_be32(d + 18);
	return 0;
}

size_t tlv_fup_info_encode(void *buf, size_t cap,
			   const struct tlv_fup_info *in)
{
	uint8_t *p = buf;

	if (cap < TLV_FUP_INFO_LEN)
		return 0;
	memcpy(p, ieee_802_1_oui, 3);
	p[3] = 0;
	p[4] = 0;
	p[5] = FUP_INFO_SUBTYPE;
	put_be32(p + 6, (uint32_t)in->cumulativeScaledRateOffset);
	put_be16(p + 10, in->gmTimeBaseIndicator);
	put_be16(p + 12, in->lastGmPhaseChange.nanoseconds_msb);
	put_be64(p + 14, in->lastGmPhaseChange.nanoseconds_lsb);
	put_be16(p + 22, in->lastGmPhaseChange.fractional_nanoseconds);
	put_be32(p + 24, (uint32_t)in->scaledLastGmFreqChange);
	return TLV_FUP_INFO_LEN;
}

uint16_t tlv_unicast_len(uint16_t type)
{
	switch (type) {
	case TLV_REQUEST_UNICAST_TRANSMISSION:
		return TLV_UC_REQUEST_LEN;
	case TLV_GRANT_UNICAST_TRANSMISSION:
		return TLV_UC_GRANT_LEN;
	case TLV_CANCEL_UNICAST_TRANSMISSION:
	case TLV_ACK_CANCEL_UNICAST_TRANSMISSION:
		return TLV_UC_CANCEL_LEN;
	default:
		return 0;
	}
}

int tlv_unicast_decode(const struct ptp_tlv *t, struct tlv_unicast *out)
{
	uint16_t need = tlv_unicast_len(t->type);
	const uint8_t *v = t->value;

	if (!need || t->length < need)
		return -1;
	memset(out, 0, sizeof(*out));
	out->type = t->type;
	out->message_type = v[0] >> 4;
	switch (t->type) {
	case TLV_GRANT_UNICAST_TRANSMISSION:
		out->flags = v[7];
		/* fall through */
	case TLV_REQUEST_UNICAST_TRANSMISSION:
		out->log_period = (int8_t)v[1];
		out->duration = get_be32(v + 2);
		break;
	default:
		out->flags = v[0] & 0x0f;
		break;
	}
	return 0;
}

size_t tlv_unicast_encode(void *buf, size_t cap, const struct tlv_unicast *in)
{
	uint16_t len = tlv_unicast_len(in->type);
	uint8_t *p = buf;

	if (!len || cap < len)
		return 0;
	memset(p, 0, len);
	p[0] = (uint8_t)(in->message_type << 4);
	switch (in->type) {
	case TLV_GRANT_UNICAST_TRANSMISSION:
		p[7] = in->flags;
		/* fall through */
	case TLV_REQUEST_UNICAST_TRANSMISSION:
		p[1] = (uint8_t)in->log_period;
		put_be32(p + 2, in->duration);
		break;
	default:
		p[0] |= in->flags & 0x0f;
		break;
	}
	return len;
}

int tlv_nsm_addr_len(uint16_t protocol)
{
	switch (protocol) {
	case TRANS_UDP_IPV4:
		return 4;
	case TRANS_UDP_IPV6:
		return 16;
	case TRANS_IEEE_802_3:
		return 6;
	default:
		return -1;
	}
}

size_t tlv_nsm_resp_encode(uint8_t *buf, size_t cap,
			   const struct tlv_nsm_resp *r)
{
	size_t len = 2 + 4 + r->addr_len + NSM_FOOT_LEN, off;

	if (tlv_nsm_addr_len(r->protocol) != (int)r->addr_len || len > cap)
		return 0;
	buf[0] = r->port_state;
	buf[1] = 0;
	put_be16(buf + 2, r->protocol);
	put_be16(buf + 4, r->addr_len);
	memcpy(buf + 6, r->addr, r->addr_len);
	off = 6 + r->addr_len;
	memcpy(buf + off, r->parent, NSM_PARENT_LEN);
	off += NSM_PARENT_LEN;
	memcpy(buf + off, r->current, NSM_CURRENT_LEN);
	off += NSM_CURRENT_LEN;
	memcpy(buf + off, r->tprop, NSM_TPROP_LEN);
	off += NSM_TPROP_LEN;
	put_ts(buf + off, &r->last_sync);
	return len;
}

int tlv_nsm_resp_decode(const struct ptp_tlv *t, struct tlv_nsm_resp *r)
{
	const uint8_t *v = t->value;
	size_t off;
	int alen;

	if (t->type != TLV_PTPMON_RESP || !v || t->length < 6)
		return -1;
	memset(r, 0, sizeof(*r));
	r->port_state = v[0];
	r->protocol = get_be16(v + 2);
	r->addr_len = get_be16(v + 4);
	alen = tlv_nsm_addr_len(r->protocol);
	/* as linuxptp's nsm: the address must fit its protocol exactly */
	if (alen < 0 || r->addr_len != alen ||
	    t->length != 6 + alen + NSM_FOOT_LEN)
		return -1;
	memcpy(r->addr, v + 6, r->addr_len);
	off = 6 + r->addr_len;
	memcpy(r->parent, v + off, NSM_PARENT_LEN);
	off += NSM_PARENT_LEN;
	memcpy(r->current, v + off, NSM_CURRENT_LEN);
	off += NSM_CURRENT_LEN;
	memcpy(r->tprop, v + off, NSM_TPROP_LEN);
	off += NSM_TPROP_LEN;
	get_ts(v + off, &r->last_sync);
	return 0;
}
