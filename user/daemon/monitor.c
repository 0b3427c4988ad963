// SPDX-License-Identifier: GPL-2.0
/* The slave event monitor, see monitor.h. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "monitor.h"
#include "msg.h"
#include "print.h"
#include "tlv.h"

void monitor_init(struct monitor *m, const char *path, int fd,
		  const struct ClockIdentity *id, uint8_t domain)
{
	memset(m, 0, sizeof(*m));
	m->fd = fd;
	m->self.clockIdentity = *id;
	m->domain = domain;
	/* ptp4l builds the delay message first: 0, then 1 for the Sync one */
	m->seq_delay = 0;
	m->seq_sync = 1;
	if (!path || !path[0] || fd < 0)
		return;
	m->to.sun.sun_family = AF_UNIX;
	snprintf(m->to.sun.sun_path, sizeof(m->to.sun.sun_path), "%s", path);
	m->to.len = sizeof(m->to.sun);
	m->active = true;
}

/* sequenceId, origin Timestamp, TimeInterval: the records' common head */
static int record_head(uint8_t *p, const struct monitor_event *e)
{
	struct Timestamp ts;

	if (ns_to_ts(e->origin, &ts))
		return -1;
	put_be16(p, e->seq);
	put_ts(p + 2, &ts);
	put_be64(p + 12, (uint64_t)ns_to_scaled(e->corr));
	return 0;
}

size_t monitor_frame(struct monitor *m, bool sync,
		     const struct monitor_event *e, uint8_t *buf, size_t cap)
{
	uint8_t value[MONITOR_SYNC_TLV_LEN];
	struct ptp_message msg;
	struct Timestamp t;
	size_t len, at;

	put_pid(value, &e->source);
	if (record_head(value + 10, e) || ns_to_ts(e->arrival, &t))
		return 0;
	at = 10 + 20;
	if (sync) {
		/* scaledCumulativeRateOffset: 0, as ptp4l */
		put_be32(value + at, 0);
		at += 4;
	}
	put_ts(value + at, &t);
	len = sync ? MONITOR_SYNC_TLV_LEN : MONITOR_DELAY_TLV_LEN;

	msg_init(&msg, MSG_SIGNALING);
	msg.hdr.domainNumber = m->domain;
	msg.hdr.sourcePortIdentity = m->self;
	msg.hdr.sequenceId = sync ? m->seq_sync : m->seq_delay;
	memset(&msg.signaling.targetPortIdentity, 0xff,
	       sizeof(msg.signaling.targetPortIdentity));
	msg_add_tlv(&msg, sync ? TLV_SLAVE_RX_SYNC_TIMING_DATA :
		    TLV_SLAVE_DELAY_TIMING_DATA_NP, value, (uint16_t)len);
	len = msg_build(&msg, buf, cap);
	if (len) {
		if (sync)
			m->seq_sync++;
		else
			m->seq_delay++;
	}
	return len;
}

static void monitor_send(struct monitor *m, bool sync,
			 const struct monitor_event *e)
{
	uint8_t buf[128];
	size_t len;
	ssize_t n;

	if (!m->active)
		return;
	len = monitor_frame(m, sync, e, buf, sizeof(buf));
	if (!len)
		return;
	n = uds_send(m->fd, &m->to, buf, len);
	if (n < 0)
		pr_debug("failed to send signaling message to slave event monitor: %s",
			 strerror((int)-n));
}

void monitor_sync(struct monitor *m, const struct monitor_event *e)
{
	monitor_send(m, true, e);
}

void monitor_delay(struct monitor *m, const struct monitor_event *e)
{
	monitor_send(m, false, e);
}
