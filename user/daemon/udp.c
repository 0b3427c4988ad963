// SPDX-License-Identifier: GPL-2.0
/* PTP over UDP/IPv4 (1588 annex D): ports 319/320, 224.0.1.129/224.0.0.107. */
#include <arpa/inet.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "transport.h"

#define PTP_PRIMARY_MCAST_IP	0xE0000181	/* 224.0.1.129 */
#define PTP_PDELAY_MCAST_IP	0xE000006B	/* 224.0.0.107 */

void udp_mcast_addr(enum trans_dest dest, struct trans_addr *a)
{
	memset(a, 0, sizeof(*a));
	a->sin.sin_family = AF_INET;
	a->sin.sin_addr.s_addr = htonl(dest == DEST_PEER ?
				       PTP_PDELAY_MCAST_IP :
				       PTP_PRIMARY_MCAST_IP);
	a->len = sizeof(a->sin);
}

static int udp_opt(int fd, int level, int name, const void *val,
		   socklen_t len, const char *what)
{
	if (!setsockopt(fd, level, name, val, len))
		return 0;
	sk_log(LOG_ERR, "setsockopt %s failed: %m", what);
	return -errno;
}

static int udp_socket(struct transport *t, uint16_t port)
{
	struct sockaddr_in addr = {
		.sin_family = AF_INET,
		.sin_addr.s_addr = htonl(INADDR_ANY),
		.sin_port = htons(port),
	};
	const char *name = t->cfg.ifname;
	struct ip_mreqn req;
	int fd, i, on = 1, off = 0, ttl = t->cfg.udp_ttl, err;

	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, IPPROTO_UDP);
	if (fd < 0) {
		err = -errno;
		sk_log(LOG_ERR, "socket failed: %m");
		return err;
	}
	err = udp_opt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on),
		      "SO_REUSEADDR");
	if (err)
		goto fail;
	if (bind(fd, (struct sockaddr *)&addr, sizeof(addr))) {
		err = -errno;
		sk_log(LOG_ERR, "bind failed: %m");
		goto fail;
	}
	err = udp_opt(fd, SOL_SOCKET, SO_BINDTODEVICE, name, strlen(name),
		      "SO_BINDTODEVICE");
	if (err)
		goto fail;
	for (i = DEST_DEFAULT; i <= DEST_PEER; i++) {
		memset(&req, 0, sizeof(req));
		req.imr_multiaddr = t->mcast[i].sin.sin_addr;
		req.imr_ifindex = t->ifindex;
		err = udp_opt(fd, IPPROTO_IP, IP_ADD_MEMBERSHIP, &req,
			      sizeof(req), "IP_ADD_MEMBERSHIP");
		if (err)
			goto fail;
	}
	/* Our own multicast must not come back to us. */
	err = udp_opt(fd, IPPROTO_IP, IP_MULTICAST_LOOP, &off, sizeof(off),
		      "IP_MULTICAST_LOOP");
	if (err)
		goto fail;
	memset(&req, 0, sizeof(req));
	req.imr_ifindex = t->ifindex;
	err = udp_opt(fd, IPPROTO_IP, IP_MULTICAST_IF, &req, sizeof(req),
		      "IP_MULTICAST_IF");
	if (err)
		goto fail;
	err = udp_opt(fd, IPPROTO_IP, IP_MULTICAST_TTL, &ttl, sizeof(ttl),
		      "IP_MULTICAST_TTL");
	if (err)
		goto fail;
	return fd;
fail:
	close(fd);
	return err;
}

/* DSCP is the top six bits of the TOS byte; a failure is only a warning. */
static void udp_dscp(int fd, uint8_t dscp, const char *which)
{
	int tos = dscp << 2;

	if (dscp && setsockopt(fd, IPPROTO_IP, IP_TOS, &tos, sizeof(tos)))
		sk_log(LOG_WARNING, "Failed to set %s DSCP priority.", which);
}

static int udp_open(struct transport *t)
{
	int fd, err;

	udp_mcast_addr(DEST_DEFAULT, &t->mcast[DEST_DEFAULT]);
	udp_mcast_addr(DEST_PEER, &t->mcast[DEST_PEER]);

	fd = udp_socket(t, PTP_EVENT_PORT);
	if (fd < 0)
		return fd;
	t->fd[TRANS_EVENT] = fd;
	fd = udp_socket(t, PTP_GENERAL_PORT);
	if (fd < 0)
		return fd;
	t->fd[TRANS_GENERAL] = fd;

	err = sk_timestamping_init(t->fd[TRANS_EVENT], t->cfg.ifname,
				   t->cfg.ts_type, false, t->cfg.hwts_filter);
	if (err)
		return err;
	udp_dscp(t->fd[TRANS_EVENT], t->cfg.dscp_event, "event");
	udp_dscp(t->fd[TRANS_GENERAL], t->cfg.dscp_general, "general");
	return 0;
}

static ssize_t udp_send(struct transport *t, int fd,
			const struct trans_addr *to, const void *buf,
			size_t len)
{
	ssize_t cnt;

	(void)t;
	cnt = sendto(fd, buf, len, 0, &to->sa, sizeof(to->sin));
	if (cnt < 0) {
		cnt = -errno;
		sk_log(LOG_ERR, "sendto failed: %m");
	}
	return cnt;
}

static ssize_t udp_recv(struct transport *t, int fd, void *buf, size_t len,
			struct trans_addr *from, struct pkt_ts *ts)
{
	struct iovec iov = { buf, len };
	socklen_t alen = sizeof(from->ss);
	ssize_t cnt;

	cnt = sk_receive(fd, &iov, 1, &from->sa, &alen, t->cfg.ts_type, ts);
	from->len = cnt >= 0 ? alen : 0;
	return cnt;
}

static int udp_protocol_addr(struct transport *t, uint8_t *addr, size_t cap)
{
	int len = sk_if_addr(t->cfg.ifname, AF_INET, addr, cap);

	/* No address yet: an empty one, as ptp4l reports it. */
	return len == -EADDRNOTAVAIL ? 0 : len;
}

const struct transport_ops udp_ops = {
	.open = udp_open,
	.send = udp_send,
	.recv = udp_recv,
	.protocol_addr = udp_protocol_addr,
};
