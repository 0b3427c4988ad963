// SPDX-License-Identifier: GPL-2.0
/* Management data sets: length checks and decoders (mgmt_ds.h). */
#include <errno.h>
#include <string.h>

#include "mgmt_ds.h"

#define ADDR_MAX	16	/* linuxptp's TRANSPORT_ADDR_LEN */
#define OUI_LEN		3
#define PROFILE_LEN	6

uint16_t mds_get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

uint32_t mds_get32(const uint8_t *p)
{
	return (uint32_t)mds_get16(p) << 16 | mds_get16(p + 2);
}

uint64_t mds_get64(const uint8_t *p)
{
	return (uint64_t)mds_get32(p) << 32 | mds_get32(p + 4);
}

static uint64_t get_le64(const uint8_t *p)
{
	uint64_t v = 0;
	int i;

	for (i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

/* A variable-length field must fill the data field, padded to even. */
static int fits(size_t used, size_t len)
{
	return used + (used & 1) == len ? 0 : -EBADMSG;
}

/* Skip a PTPText at *off; -EBADMSG if it runs past len. */
static int skip_text(const uint8_t *d, size_t len, size_t *off)
{
	if (*off + 1 > len || *off + 1 + d[*off] > len)
		return -EBADMSG;
	*off += 1 + d[*off];
	return 0;
}

static int check_clock_description(const uint8_t *d, size_t len)
{
	size_t off = 2, n;			/* clockType */

	if (skip_text(d, len, &off))		/* physicalLayerProtocol */
		return -EBADMSG;
	if (off + 2 > len)
		return -EBADMSG;
	n = mds_get16(d + off);			/* physicalAddress */
	if (n > ADDR_MAX)
		return -EBADMSG;
	off += 2 + n;
	if (off + 4 > len)			/* protocolAddress */
		return -EBADMSG;
	n = mds_get16(d + off + 2);
	if (n > ADDR_MAX)
		return -EBADMSG;
	off += 4 + n + OUI_LEN + 1;		/* manufacturerIdentity */
	if (off > len || skip_text(d, len, &off) ||	/* productDescription */
	    skip_text(d, len, &off) ||			/* revisionData */
	    skip_text(d, len, &off))			/* userDescription */
		return -EBADMSG;
	return fits(off + PROFILE_LEN, len);
}

int mds_check(uint16_t id, const uint8_t *d, size_t len)
{
	switch (id) {
	case MID_CLOCK_DESCRIPTION:
		return check_clock_description(d, len);
	case MID_USER_DESCRIPTION:
		return fits(1 + (size_t)d[0], len);
	case MID_DEFAULT_DATA_SET:
		return len == MDS_DEFAULT_LEN ? 0 : -EBADMSG;
	case MID_CURRENT_DATA_SET:
		return len == MDS_CURRENT_LEN ? 0 : -EBADMSG;
	case MID_PARENT_DATA_SET:
		return len == MDS_PARENT_LEN ? 0 : -EBADMSG;
	case MID_TIME_PROPERTIES_DATA_SET:
		return len == MDS_TIME_PROPERTIES_LEN ? 0 : -EBADMSG;
	case MID_PORT_DATA_SET:
		return len == MDS_PORT_LEN ? 0 : -EBADMSG;
	case MID_TIME_STATUS_NP:
		return len == MDS_TIME_STATUS_LEN ? 0 : -EBADMSG;
	case MID_GRANDMASTER_SETTINGS_NP:
		return len == MDS_GM_SETTINGS_LEN ? 0 : -EBADMSG;
	case MID_PORT_DATA_SET_NP:
		return len == MDS_PORT_NP_LEN ? 0 : -EBADMSG;
	case MID_SUBSCRIBE_EVENTS_NP:
		return len == MDS_SUBSCRIBE_LEN ? 0 : -EBADMSG;
	case MID_PORT_PROPERTIES_NP:
		if (len < MDS_PORT_PROPS_MIN)
			return -EBADMSG;
		return fits(MDS_PORT_PROPS_MIN + (size_t)d[12], len);
	case MID_PORT_STATS_NP:
		return len == MDS_PORT_STATS_LEN ? 0 : -EBADMSG;
	case MID_PRIORITY1:
	case MID_PRIORITY2:
	case MID_DOMAIN:
	case MID_SLAVE_ONLY:
	case MID_CLOCK_ACCURACY:
	case MID_TRACEABILITY_PROPERTIES:
	case MID_TIMESCALE_PROPERTIES:
	case MID_SYNCHRONIZATION_UNCERTAIN_NP:
	case MID_LOG_ANNOUNCE_INTERVAL:
	case MID_ANNOUNCE_RECEIPT_TIMEOUT:
	case MID_LOG_SYNC_INTERVAL:
	case MID_VERSION_NUMBER:
	case MID_DELAY_MECHANISM:
	case MID_LOG_MIN_PDELAY_REQ_INTERVAL:
		/* linuxptp reads the value without a check; we do not */
		return len >= MDS_DATUM_LEN ? 0 : -EBADMSG;
	}
	return 0;
}

static void quality(const uint8_t *d, struct mds_quality *q)
{
	q->clock_class = d[0];
	q->accuracy = d[1];
	q->variance = mds_get16(d + 2);
}

void mds_default(const uint8_t *d, struct mds_default *o)
{
	o->flags = d[0];
	o->number_ports = mds_get16(d + 2);
	o->priority1 = d[4];
	quality(d + 5, &o->quality);
	o->priority2 = d[9];
	memcpy(o->clock_id, d + 10, 8);
	o->domain = d[18];
}

void mds_current(const uint8_t *d, struct mds_current *o)
{
	o->steps_removed = mds_get16(d);
	o->offset = (int64_t)mds_get64(d + 2);
	o->delay = (int64_t)mds_get64(d + 10);
}

void mds_parent(const uint8_t *d, struct mds_parent *o)
{
	memcpy(o->parent_clock, d, 8);
	o->parent_port = mds_get16(d + 8);
	o->parent_stats = d[10];
	o->observed_variance = mds_get16(d + 12);
	o->observed_rate = mds_get32(d + 14);
	o->gm_priority1 = d[18];
	quality(d + 19, &o->gm_quality);
	o->gm_priority2 = d[23];
	memcpy(o->gm_id, d + 24, 8);
}

void mds_time_properties(const uint8_t *d, struct mds_time_properties *o)
{
	o->utc_offset = (int16_t)mds_get16(d);
	o->flags = d[2];
	o->time_source = d[3];
}

void mds_time_status(const uint8_t *d, struct mds_time_status *o)
{
	o->master_offset = (int64_t)mds_get64(d);
	o->ingress_time = (int64_t)mds_get64(d + 8);
	o->cumulative_rate = (int32_t)mds_get32(d + 16);
	o->scaled_last_gm_phase = (int32_t)mds_get32(d + 20);
	o->gm_time_base = mds_get16(d + 24);
	o->last_gm_phase_msb = mds_get16(d + 26);
	o->last_gm_phase_lsb = mds_get64(d + 28);
	o->last_gm_phase_frac = mds_get16(d + 36);
	o->gm_present = (int32_t)mds_get32(d + 38);
	memcpy(o->gm_id, d + 42, 8);
}

void mds_port(const uint8_t *d, struct mds_port *o)
{
	memcpy(o->clock_id, d, 8);
	o->port = mds_get16(d + 8);
	o->state = d[10];
	o->log_min_delay_req = (int8_t)d[11];
	o->peer_delay = (int64_t)mds_get64(d + 12);
	o->log_announce = (int8_t)d[20];
	o->announce_timeout = d[21];
	o->log_sync = (int8_t)d[22];
	o->delay_mechanism = d[23];
	o->log_min_pdelay_req = (int8_t)d[24];
	o->version = d[25];
}

size_t mds_text(const uint8_t *d, char *buf, size_t size)
{
	size_t n = d[0];

	if (n >= size)
		n = size - 1;
	memcpy(buf, d + 1, n);
	buf[n] = '\0';
	return 1 + (size_t)d[0];
}

void mds_port_props(const uint8_t *d, struct mds_port_props *o)
{
	memcpy(o->clock_id, d, 8);
	o->port = mds_get16(d + 8);
	o->state = d[10];
	o->timestamping = d[11];
	mds_text(d + 12, o->interface, sizeof(o->interface));
}

void mds_port_stats(const uint8_t *d, struct mds_port_stats *o)
{
	int i;

	memcpy(o->clock_id, d, 8);
	o->port = mds_get16(d + 8);
	for (i = 0; i < MDS_N_MSG_TYPES; i++) {
		o->rx[i] = get_le64(d + 10 + 8 * i);
		o->tx[i] = get_le64(d + 10 + 8 * (MDS_N_MSG_TYPES + i));
	}
}

const char *mds_port_state_str(uint8_t state)
{
	static const char *const names[] = {
		"NONE", "INITIALIZING", "FAULTY", "DISABLED", "LISTENING",
		"PRE_MASTER", "MASTER", "PASSIVE", "UNCALIBRATED", "SLAVE",
	};

	return names[state < sizeof(names) / sizeof(names[0]) ? state : 0];
}

const char *mds_timestamping_str(uint8_t ts)
{
	static const char *const names[] = {
		"SOFTWARE", "HARDWARE", "LEGACY_HW", "ONESTEP", "P2P1STEP",
	};

	return ts < sizeof(names) / sizeof(names[0]) ? names[ts] : "???";
}

const char *mds_delay_mechanism_str(uint8_t dm)
{
	switch (dm) {
	case 0:
		return "Auto";
	case 1:
		return "E2E";
	case 2:
		return "P2P";
	case 0xfe:
		return "NONE";
	}
	return NULL;
}
