// SPDX-License-Identifier: GPL-2.0
/* PTP management GETs over ptp4l's UNIX socket, see pmc.h. */
#include <arpa/inet.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "pmc.h"

#define HDR_LEN		34
#define MGMT_LEN	48	/* header, targetPortIdentity, hops, action */
#define TLV_MANAGEMENT	0x0001
#define TLV_MANAGEMENT_ERROR_STATUS 0x0002
#define MSG_MANAGEMENT	0xd
#define ACTION_GET	0
#define ACTION_RESPONSE	2

static void put16(uint8_t *p, uint16_t v)
{
	v = htons(v);
	memcpy(p, &v, 2);
}

static uint16_t get16(const uint8_t *p)
{
	uint16_t v;

	memcpy(&v, p, 2);
	return ntohs(v);
}

size_t pmc_build(uint8_t *buf, size_t size, uint8_t action, uint16_t id,
		 uint16_t seq, uint8_t domain, uint16_t port_number,
		 uint16_t target_port, const void *data, size_t dlen)
{
	size_t len = MGMT_LEN + 6 + dlen + (dlen & 1);

	if (len > size || len > 0xffff)
		return 0;
	memset(buf, 0, len);
	buf[0] = MSG_MANAGEMENT;
	buf[1] = 2;			/* versionPTP */
	put16(buf + 2, (uint16_t)len);
	buf[4] = domain;
	/* sourcePortIdentity: clockIdentity 0, our pid as port, as pmc */
	put16(buf + 28, port_number);
	put16(buf + 30, seq);
	buf[32] = 4;			/* controlField: management */
	buf[33] = 0x7f;			/* logMessageInterval */
	memset(buf + 34, 0xff, 8);	/* targetPortIdentity: any clock */
	put16(buf + 42, target_port);
	buf[44] = 0;			/* startingBoundaryHops */
	buf[45] = 0;			/* boundaryHops */
	buf[46] = action;
	put16(buf + 48, TLV_MANAGEMENT);
	put16(buf + 50, (uint16_t)(2 + dlen + (dlen & 1)));
	put16(buf + 52, id);
	if (dlen)
		memcpy(buf + 54, data, dlen);
	return len;
}

size_t pmc_build_get(uint8_t *buf, uint16_t id, uint16_t seq, uint8_t domain,
		     uint16_t port_number)
{
	return pmc_build(buf, MGMT_LEN + 6, ACTION_GET, id, seq, domain,
			 port_number, PMC_PORT_ALL, NULL, 0);
}

int pmc_parse(const uint8_t *msg, size_t len, struct pmc_msg *m)
{
	size_t tlv_len;
	uint16_t type;

	if (len < MGMT_LEN + 6 || (msg[0] & 0x0f) != MSG_MANAGEMENT ||
	    (msg[1] & 0x0f) != 2 || get16(msg + 2) > len ||
	    get16(msg + 2) < MGMT_LEN + 6)
		return -1;
	len = get16(msg + 2);
	type = get16(msg + 48);
	tlv_len = get16(msg + 50);
	if (tlv_len < 2 || MGMT_LEN + 4 + tlv_len > len)
		return -1;
	memset(m, 0, sizeof(*m));
	m->action = msg[46] & 0x0f;
	m->seq = get16(msg + 30);
	memcpy(m->clock_id, msg + 20, 8);
	m->port = get16(msg + 28);
	if (type == TLV_MANAGEMENT_ERROR_STATUS) {
		/* managementErrorId, managementId, reserved, displayData */
		if (tlv_len < 4)
			return -1;
		m->error = true;
		m->id = get16(msg + 54);
		return 0;
	}
	if (type != TLV_MANAGEMENT)
		return -1;
	m->id = get16(msg + 52);
	m->data = msg + MGMT_LEN + 6;
	m->len = tlv_len - 2;
	return 0;
}

int pmc_response_data(const uint8_t *msg, size_t len, uint16_t id,
		      uint16_t seq, size_t *data_len)
{
	struct pmc_msg m;

	if (pmc_parse(msg, len, &m) || m.seq != seq ||
	    m.action != ACTION_RESPONSE || m.id != id)
		return -1;
	if (m.error)
		return -2;
	*data_len = m.len;
	return (int)(m.data - msg);
}

int pmc_open(struct pmc *p, const char *server, uint8_t domain)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int err;

	memset(p, 0, sizeof(*p));
	p->domain = domain;
	if (strlen(server) >= sizeof(sa.sun_path))
		return -ENAMETOOLONG;
	p->fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (p->fd < 0)
		return -errno;
	/* ptp4l answers to the sender's address, so we need one */
	snprintf(p->local, sizeof(p->local), "/var/run/phc2sys.%d", getpid());
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", p->local);
	unlink(p->local);
	if (bind(p->fd, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		goto fail;
	/* sendto each time: ptp4l may not have created its socket yet */
	snprintf(p->server, sizeof(p->server), "%s", server);
	return 0;
fail:
	err = -errno;
	pmc_close(p);
	return err;
}

void pmc_close(struct pmc *p)
{
	if (p->fd > 0)
		close(p->fd);
	if (p->local[0])
		unlink(p->local);
	p->fd = -1;
	p->local[0] = '\0';
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

int pmc_send(struct pmc *p, uint8_t action, uint16_t id, uint16_t target_port,
	     const void *data, size_t dlen)
{
	uint8_t buf[512];
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	size_t len;

	if (!++p->seq)		/* 0 is "none" for the callers */
		p->seq = 1;
	len = pmc_build(buf, sizeof(buf), action, id, p->seq, p->domain,
			(uint16_t)getpid(), target_port, data, dlen);
	if (!len)
		return -EMSGSIZE;
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", p->server);
	/* no ptp4l (yet): wait out the timeout as for a silent one */
	if (sendto(p->fd, buf, len, 0, (struct sockaddr *)&sa, sizeof(sa)) < 0 &&
	    errno != ENOENT && errno != ECONNREFUSED)
		return -errno;
	return p->seq;
}

/* Receive one message without waiting: 1 (m set), 0 none pending, -errno. */
static int recv_one(struct pmc *p, uint8_t *buf, size_t size,
		    struct pmc_msg *m)
{
	ssize_t n;

	for (;;) {
		n = recv(p->fd, buf, size, MSG_DONTWAIT);
		if (n < 0)
			return errno == EAGAIN || errno == EWOULDBLOCK ?
			       0 : -errno;
		if (pmc_parse(buf, (size_t)n, m))
			continue;
		if (p->have_clock_id && memcmp(m->clock_id, p->clock_id, 8))
			continue;
		return 1;
	}
}

int pmc_drain(struct pmc *p)
{
	uint8_t buf[1500];
	struct pmc_msg m;
	int r;

	while ((r = recv_one(p, buf, sizeof(buf), &m)) > 0)
		if (p->event)
			p->event(&m, p->event_arg);
	return r;
}

int pmc_request(struct pmc *p, uint8_t action, uint16_t id,
		uint16_t target_port, const void *data, size_t dlen,
		int timeout_ms,
		int (*cb)(const uint8_t *data, size_t len, void *arg),
		void *arg)
{
	uint8_t buf[1500];
	struct pollfd pfd = { .fd = p->fd, .events = POLLIN };
	long long end = now_ms() + timeout_ms, left;
	struct pmc_msg m;
	int seq, r;

	seq = pmc_send(p, action, id, target_port, data, dlen);
	if (seq < 0)
		return seq;
	while ((left = end - now_ms()) > 0) {
		r = poll(&pfd, 1, (int)left);
		if (r < 0)
			return -errno;
		if (!r)
			break;
		while ((r = recv_one(p, buf, sizeof(buf), &m)) > 0) {
			if (m.seq != seq || m.id != id ||
			    m.action != ACTION_RESPONSE) {
				if (p->event)
					p->event(&m, p->event_arg);
				continue;
			}
			if (m.error)
				return -EBADMSG;
			r = cb(m.data, m.len, arg);
			if (r)
				return r;
		}
		if (r < 0)
			return r;
	}
	return 0;
}

int pmc_get(struct pmc *p, uint16_t id, int timeout_ms,
	    int (*cb)(const uint8_t *data, size_t len, void *arg), void *arg)
{
	int r = pmc_request(p, ACTION_GET, id, PMC_PORT_ALL, NULL, 0,
			    timeout_ms, cb, arg);

	/* as before: an error status is no answer */
	return r == -EBADMSG ? 0 : r;
}

size_t pmc_subscribe_data(uint8_t *buf, uint16_t duration)
{
	/* duration (UInt16), bitmask[64] */
	memset(buf, 0, 66);
	put16(buf, duration);
	buf[2 + PMC_NOTIFY_PORT_STATE / 8] |= 1 << (PMC_NOTIFY_PORT_STATE % 8);
	return 66;
}

char *pmc_pid_str(const uint8_t *c, uint16_t port, char *buf, size_t len)
{
	snprintf(buf, len, "%02x%02x%02x.%02x%02x.%02x%02x%02x-%u",
		 c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], port);
	return buf;
}

static int port_cb(const uint8_t *data, size_t len, void *arg)
{
	(void)arg;
	/* portIdentity (10), then portState */
	if (len < 11)
		return 0;
	return data[10] == PMC_PS_SLAVE || data[10] == PMC_PS_MASTER;
}

int pmc_port_synced(struct pmc *p, int timeout_ms)
{
	return pmc_get(p, PMC_PORT_DATA_SET, timeout_ms, port_cb, NULL);
}

int pmc_tp_utc_offset(const uint8_t *data, size_t len, int *offset)
{
	/* currentUtcOffset (Int16), flags, timeSource */
	if (len < 4)
		return -1;
	*offset = data[2] & PMC_PTP_TIMESCALE ? (int16_t)get16(data) : 0;
	return 0;
}

static int tp_cb(const uint8_t *data, size_t len, void *arg)
{
	return !pmc_tp_utc_offset(data, len, arg);
}

int pmc_utc_offset(struct pmc *p, int timeout_ms, int *offset)
{
	return pmc_get(p, PMC_TIME_PROPERTIES_DATA_SET, timeout_ms, tp_cb,
		       offset);
}
