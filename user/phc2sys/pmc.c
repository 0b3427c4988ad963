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

size_t pmc_build_get(uint8_t *buf, uint16_t id, uint16_t seq, uint8_t domain,
		     uint16_t port_number)
{
	size_t len = MGMT_LEN + 6;

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
	memset(buf + 34, 0xff, 10);	/* targetPortIdentity: all */
	buf[44] = 0;			/* startingBoundaryHops */
	buf[45] = 0;			/* boundaryHops */
	buf[46] = ACTION_GET;
	put16(buf + 48, TLV_MANAGEMENT);
	put16(buf + 50, 2);		/* managementId only: a zero-length GET */
	put16(buf + 52, id);
	return len;
}

int pmc_response_data(const uint8_t *msg, size_t len, uint16_t id,
		      uint16_t seq, size_t *data_len)
{
	size_t tlv_len;
	uint16_t type;

	if (len < MGMT_LEN + 6 || (msg[0] & 0x0f) != MSG_MANAGEMENT ||
	    (msg[1] & 0x0f) != 2 || get16(msg + 2) > len ||
	    get16(msg + 2) < MGMT_LEN + 6 || get16(msg + 30) != seq ||
	    (msg[46] & 0x0f) != ACTION_RESPONSE)
		return -1;
	len = get16(msg + 2);
	type = get16(msg + 48);
	tlv_len = get16(msg + 50);
	if (tlv_len < 2 || MGMT_LEN + 4 + tlv_len > len)
		return -1;
	if (type == TLV_MANAGEMENT_ERROR_STATUS)
		return tlv_len >= 4 && get16(msg + 54) == id ? -2 : -1;
	if (type != TLV_MANAGEMENT || get16(msg + 52) != id)
		return -1;
	*data_len = tlv_len - 2;
	return MGMT_LEN + 6;
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

int pmc_get(struct pmc *p, uint16_t id, int timeout_ms,
	    int (*cb)(const uint8_t *data, size_t len, void *arg), void *arg)
{
	uint8_t buf[1500];
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	struct pollfd pfd = { .fd = p->fd, .events = POLLIN };
	long long end = now_ms() + timeout_ms, left;
	size_t len, dlen;
	ssize_t n;
	int off, r;

	p->seq++;
	len = pmc_build_get(buf, id, p->seq, p->domain,
			    (uint16_t)getpid());
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", p->server);
	/* no ptp4l (yet): wait out the timeout as for a silent one */
	if (sendto(p->fd, buf, len, 0, (struct sockaddr *)&sa, sizeof(sa)) < 0 &&
	    errno != ENOENT && errno != ECONNREFUSED)
		return -errno;
	while ((left = end - now_ms()) > 0) {
		r = poll(&pfd, 1, (int)left);
		if (r < 0)
			return -errno;
		if (!r)
			break;
		n = recv(p->fd, buf, sizeof(buf), 0);
		if (n < 0)
			return -errno;
		off = pmc_response_data(buf, (size_t)n, id, p->seq, &dlen);
		if (off < 0)
			continue;
		r = cb(buf + off, dlen, arg);
		if (r)
			return r;
	}
	return 0;
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

static int tp_cb(const uint8_t *data, size_t len, void *arg)
{
	int *offset = arg;

	/* currentUtcOffset (Int16), flags, timeSource */
	if (len < 4)
		return 0;
	*offset = data[2] & PMC_PTP_TIMESCALE ? (int16_t)get16(data) : 0;
	return 1;
}

int pmc_utc_offset(struct pmc *p, int timeout_ms, int *offset)
{
	return pmc_get(p, PMC_TIME_PROPERTIES_DATA_SET, timeout_ms, tp_cb,
		       offset);
}
