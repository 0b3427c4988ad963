// SPDX-License-Identifier: GPL-2.0
/*
 * The management data sets, encoded as linuxptp 3.1.1 puts them on the
 * wire: IEEE 1588 layouts in network order, except PORT_STATS_NP whose
 * counters ptp4l sends little-endian.
 */
#include <string.h>

#include "clock.h"
#include "msg.h"
#include "pm.h"
#include "tlv.h"

/* defaultDS.flags as linuxptp encodes them */
#define DDS_TWO_STEP_FLAG	0x01
#define DDS_SLAVE_ONLY		0x02

static const struct {
	uint16_t id;
	const char *name;
	int size;	/* -1: variable */
} ids[] = {
	{ MID_NULL_MANAGEMENT, "NULL_MANAGEMENT", 0 },
	{ MID_CLOCK_DESCRIPTION, "CLOCK_DESCRIPTION", -1 },
	{ MID_USER_DESCRIPTION, "USER_DESCRIPTION", -1 },
	{ MID_DEFAULT_DATA_SET, "DEFAULT_DATA_SET", 20 },
	{ MID_CURRENT_DATA_SET, "CURRENT_DATA_SET", 18 },
	{ MID_PARENT_DATA_SET, "PARENT_DATA_SET", 32 },
	{ MID_TIME_PROPERTIES_DATA_SET, "TIME_PROPERTIES_DATA_SET", 4 },
	{ MID_PORT_DATA_SET, "PORT_DATA_SET", 26 },
	{ MID_PRIORITY1, "PRIORITY1", 2 },
	{ MID_PRIORITY2, "PRIORITY2", 2 },
	{ MID_DOMAIN, "DOMAIN", 2 },
	{ MID_SLAVE_ONLY, "SLAVE_ONLY", 2 },
	{ MID_LOG_ANNOUNCE_INTERVAL, "LOG_ANNOUNCE_INTERVAL", 2 },
	{ MID_ANNOUNCE_RECEIPT_TIMEOUT, "ANNOUNCE_RECEIPT_TIMEOUT", 2 },
	{ MID_LOG_SYNC_INTERVAL, "LOG_SYNC_INTERVAL", 2 },
	{ MID_VERSION_NUMBER, "VERSION_NUMBER", 2 },
	{ MID_ENABLE_PORT, "ENABLE_PORT", 0 },
	{ MID_DISABLE_PORT, "DISABLE_PORT", 0 },
	{ MID_CLOCK_ACCURACY, "CLOCK_ACCURACY", 2 },
	{ MID_TRACEABILITY_PROPERTIES, "TRACEABILITY_PROPERTIES", 2 },
	{ MID_TIMESCALE_PROPERTIES, "TIMESCALE_PROPERTIES", 2 },
	{ MID_DELAY_MECHANISM, "DELAY_MECHANISM", 2 },
	{ MID_LOG_MIN_PDELAY_REQ_INTERVAL, "LOG_MIN_PDELAY_REQ_INTERVAL", 2 },
	{ MID_TIME_STATUS_NP, "TIME_STATUS_NP", 50 },
	{ MID_GRANDMASTER_SETTINGS_NP, "GRANDMASTER_SETTINGS_NP", 8 },
	{ MID_PORT_DATA_SET_NP, "PORT_DATA_SET_NP", 8 },
	{ MID_SUBSCRIBE_EVENTS_NP, "SUBSCRIBE_EVENTS_NP", 66 },
	{ MID_PORT_PROPERTIES_NP, "PORT_PROPERTIES_NP", -1 },
	{ MID_PORT_STATS_NP, "PORT_STATS_NP", 266 },
	{ MID_SYNCHRONIZATION_UNCERTAIN_NP, "SYNCHRONIZATION_UNCERTAIN_NP", 2 },
};

int pm_ds_size(uint16_t id)
{
	size_t i;

	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++)
		if (ids[i].id == id)
			return ids[i].size;
	return -1;
}

const char *pm_id_name(uint16_t id)
{
	size_t i;

	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++)
		if (ids[i].id == id)
			return ids[i].name;
	return "unknown";
}

int pm_put_text(uint8_t *buf, size_t cap, const char *s, bool pad)
{
	size_t n = strlen(s), total;

	if (n > 255)
		n = 255;
	total = 1 + n;
	if (pad && (total & 1))
		total++;
	if (total > cap)
		return -1;
	buf[0] = (uint8_t)n;
	memcpy(buf + 1, s, n);
	if (total > 1 + n)
		buf[1 + n] = 0;
	return (int)total;
}

static void put_quality(uint8_t *p, const struct ClockQuality *q)
{
	p[0] = q->clockClass;
	p[1] = q->clockAccuracy;
	put_be16(p + 2, q->offsetScaledLogVariance);
}

/* A one-octet value and a reserved octet (linuxptp's management_tlv_datum) */
static int datum(uint8_t *buf, uint8_t v)
{
	buf[0] = v;
	buf[1] = 0;
	return 2;
}

/* SUBSCRIBE_EVENTS_NP's answer is filled by pm.c: it knows the asker. */
int pm_clock_ds(const struct clock *c, uint16_t id, uint8_t *buf, size_t cap)
{
	int size = pm_ds_size(id);
	uint8_t *p = buf;

	if (size >= 0 && (size_t)size > cap)
		return -1;
	switch (id) {
	case MID_USER_DESCRIPTION:
		return pm_put_text(buf, cap, c->desc.user, true);
	case MID_DEFAULT_DATA_SET:
		p[0] = (c->two_step ? DDS_TWO_STEP_FLAG : 0) |
		       (c->slave_only ? DDS_SLAVE_ONLY : 0);
		p[1] = 0;
		put_be16(p + 2, (uint16_t)c->n_ports);
		p[4] = c->d0.priority1;
		put_quality(p + 5, &c->d0.quality);
		p[9] = c->d0.priority2;
		memcpy(p + 10, c->d0.identity.id, 8);
		p[18] = c->domain;
		p[19] = 0;
		return 20;
	case MID_CURRENT_DATA_SET:
		/*
		 * ptp4l clears currentDS when it becomes the grandmaster;
		 * the last offset and delay of a former slave are not shown.
		 */
		memset(p, 0, 18);
		put_be16(p, c->steps_removed);
		if (cid_eq(&c->parent.clockIdentity, &c->d0.identity))
			return 18;
		put_be64(p + 2, (uint64_t)ns_to_scaled(c->master_offset));
		put_be64(p + 10, (uint64_t)ns_to_scaled(c->path_delay));
		return 18;
	case MID_PARENT_DATA_SET:
		put_pid(p, &c->parent);
		p[10] = 0;	/* parentStats: not computed, as ptp4l */
		p[11] = 0;
		put_be16(p + 12, 0xffff);
		put_be32(p + 14, 0x7fffffff);
		p[18] = c->gm.priority1;
		put_quality(p + 19, &c->gm.quality);
		p[23] = c->gm.priority2;
		memcpy(p + 24, c->gm.identity.id, 8);
		return 32;
	case MID_TIME_PROPERTIES_DATA_SET:
		put_be16(p, (uint16_t)c->utc_offset);
		p[2] = (uint8_t)c->time_flags;
		p[3] = c->time_source;
		return 4;
	case MID_PRIORITY1:
		return datum(p, c->d0.priority1);
	case MID_PRIORITY2:
		return datum(p, c->d0.priority2);
	case MID_DOMAIN:
		return datum(p, c->domain);
	case MID_SLAVE_ONLY:
		return datum(p, c->slave_only ? 1 : 0);
	case MID_CLOCK_ACCURACY:
		return datum(p, c->d0.quality.clockAccuracy);
	case MID_TRACEABILITY_PROPERTIES:
		return datum(p, c->time_flags &
				(FLAG_TIME_TRACEABLE | FLAG_FREQ_TRACEABLE));
	case MID_TIMESCALE_PROPERTIES:
		return datum(p, c->time_flags & FLAG_PTP_TIMESCALE);
	case MID_TIME_STATUS_NP:
		memset(p, 0, 50);
		put_be64(p, (uint64_t)c->master_offset);
		put_be64(p + 8, (uint64_t)c->ingress_ns);
		/*
		 * cumulativeScaledRateOffset, scaledLastGmPhaseChange,
		 * gmTimeBaseIndicator, lastGmPhaseChange: 802.1AS only, 0.
		 */
		put_be32(p + 38, cid_eq(&c->gm.identity, &c->d0.identity) ?
				 0 : 1);
		memcpy(p + 42, c->gm.identity.id, 8);
		return 50;
	case MID_GRANDMASTER_SETTINGS_NP:
		put_quality(p, &c->d0.quality);
		put_be16(p + 4, (uint16_t)c->gm_utc_offset);
		p[6] = c->gm_time_flags;
		p[7] = c->gm_time_source;
		return 8;
	case MID_SYNCHRONIZATION_UNCERTAIN_NP:
		return datum(p, c->sync_uncertain);
	default:
		return -1;
	}
}

/* CLOCK_DESCRIPTION (15.5.3.1.2): texts back to back, padded at the end */
static int clock_description(const struct clock *c,
			     const struct pm_port_info *pi, uint8_t *buf,
			     size_t cap)
{
	/* profileIdentity of the default delay request-response profile */
	static const uint8_t profile_e2e[6] = { 0x00, 0x1B, 0x19, 0x00, 0x01,
						0x00 };
	static const uint8_t profile_p2p[6] = { 0x00, 0x1B, 0x19, 0x00, 0x02,
						0x00 };
	size_t off = 0;
	int n;

	if (cap < 2)
		return -1;
	put_be16(buf, c->desc.clock_type);
	off = 2;
	n = pm_put_text(buf + off, cap - off, "IEEE 802.3", false);
	if (n < 0)
		return -1;
	off += n;
	if (cap - off < 2u + pi->phys_len + 4u + pi->proto_len + 4u)
		return -1;
	put_be16(buf + off, pi->phys_len);
	memcpy(buf + off + 2, pi->phys_addr, pi->phys_len);
	off += 2 + pi->phys_len;
	put_be16(buf + off, pi->network_protocol);
	put_be16(buf + off + 2, pi->proto_len);
	memcpy(buf + off + 4, pi->proto_addr, pi->proto_len);
	off += 4 + pi->proto_len;
	memcpy(buf + off, c->desc.manufacturer, 3);
	buf[off + 3] = 0;
	off += 4;
	n = pm_put_text(buf + off, cap - off, c->desc.product, false);
	if (n < 0)
		return -1;
	off += n;
	n = pm_put_text(buf + off, cap - off, c->desc.revision, false);
	if (n < 0)
		return -1;
	off += n;
	n = pm_put_text(buf + off, cap - off, c->desc.user, false);
	if (n < 0)
		return -1;
	off += n;
	if (cap - off < 7)
		return -1;
	memcpy(buf + off, pi->delay_mechanism == 2 ? profile_p2p : profile_e2e,
	       6);
	off += 6;
	if (off & 1)
		buf[off++] = 0;
	return (int)off;
}

/* ptp4l shows GRAND_MASTER, its own state, as MASTER to managers */
static uint8_t mgmt_state(uint8_t s)
{
	return s == PS_GRAND_MASTER ? PS_MASTER : s;
}

static void put_le64(uint8_t *p, uint64_t v)
{
	int i;

	for (i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

int pm_port_ds(const struct clock *c, const struct pm_port_info *pi,
	       uint16_t id, uint8_t *buf, size_t cap)
{
	int size = pm_ds_size(id), n, i;
	uint8_t *p = buf;

	if (size >= 0 && (size_t)size > cap)
		return -1;
	switch (id) {
	case MID_NULL_MANAGEMENT:
		return 0;
	case MID_CLOCK_DESCRIPTION:
		return clock_description(c, pi, buf, cap);
	case MID_PORT_DATA_SET:
		put_pid(p, &pi->pid);
		p[10] = mgmt_state(pi->state);
		p[11] = (uint8_t)pi->log_min_delay_req;
		put_be64(p + 12, (uint64_t)ns_to_scaled(pi->peer_delay_ns));
		p[20] = (uint8_t)pi->log_announce;
		p[21] = pi->announce_timeout;
		p[22] = (uint8_t)pi->log_sync;
		p[23] = pi->delay_mechanism;
		p[24] = (uint8_t)pi->log_min_pdelay_req;
		p[25] = pi->version;
		return 26;
	case MID_LOG_ANNOUNCE_INTERVAL:
		return datum(p, (uint8_t)pi->log_announce);
	case MID_ANNOUNCE_RECEIPT_TIMEOUT:
		return datum(p, pi->announce_timeout);
	case MID_LOG_SYNC_INTERVAL:
		return datum(p, (uint8_t)pi->log_sync);
	case MID_VERSION_NUMBER:
		return datum(p, pi->version);
	case MID_DELAY_MECHANISM:
		return datum(p, pi->delay_mechanism);
	case MID_LOG_MIN_PDELAY_REQ_INTERVAL:
		return datum(p, (uint8_t)pi->log_min_pdelay_req);
	case MID_PORT_DATA_SET_NP:
		put_be32(p, pi->neighbor_prop_delay_thresh);
		put_be32(p + 4, (uint32_t)pi->as_capable);
		return 8;
	case MID_PORT_PROPERTIES_NP:
		if (cap < 12)
			return -1;
		put_pid(p, &pi->pid);
		p[10] = mgmt_state(pi->state);
		p[11] = pi->timestamping;
		n = pm_put_text(p + 12, cap - 12, pi->ifname, false);
		if (n < 0)
			return -1;
		n += 12;
		if (n & 1) {
			if ((size_t)n >= cap)
				return -1;
			p[n++] = 0;
		}
		return n;
	case MID_PORT_STATS_NP:
		put_pid(p, &pi->pid);
		for (i = 0; i < 16; i++) {
			put_le64(p + 10 + 8 * i, pi->rx[i]);
			put_le64(p + 138 + 8 * i, pi->tx[i]);
		}
		return 266;
	default:
		return -1;
	}
}
