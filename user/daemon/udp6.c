// SPDX-License-Identifier: GPL-2.0
/* PTP over UDP/IPv6 (1588 annex E): ports 319/320, FF0X::181 and FF02::6B. */
#include <arpa/inet.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "transport.h"

void udp6_mcast_addr(enum trans_dest dest, uint8_t scope, int ifindex,
		     struct trans_addr *a)
{
	uint8_t *b = a->sin6.sin6_addr.s6_addr;

	memset(a, 0, sizeof(*a));
	a->sin6.sin6_family = AF_INET6;
	b[0] = 0xFF;
	if (dest == DEST_PEER) {
		b[1] = 0x02;		/* FF02::6B */
		b[15] = 0x6B;
	} else {
		b[1] = scope & 0x0F;	/* FF0X::181, X from udp6_scope */
		b[14] = 0x01;
		b[15] = 0x81;
	}
	/* Link-local groups exist once per link: name ours. */
	if ((b[1] & 0x0F) == 0x02)
		a->sin6.sin6_scope_id = ifindex;
	a->len = sizeof(a->sin6);
}

static int udp6_opt(int fd, int level, int name, const void *val,
		    socklen_t len, const char *what)
{
	if (!setsockopt(fd, level, name, val, len))
		return 0;
	sk_log(LOG_ERR, "setsockopt %s failed: %m", what);
	return -errno;
}

static int udp6_socket(struct transport *t, uint16_t port)
{
	struct sockaddr_in6 addr = {
		.sin6_family = AF_INET6,
		.sin6_addr = IN6ADDR_ANY_INIT,
		.sin6_port = htons(port),
	};
	const char *name = t->cfg.ifname;
	int fd, i, on = 1, off = 0, hops = t->cfg.udp_ttl, err;
	struct ipv6_mreq req;

	fd = socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, IPPROTO_UDP);
	if (fd < 0) {
		err = -errno;
		sk_log(LOG_ERR, "socket failed: %m");
		return err;
	}
	err = udp6_opt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on),
		       "SO_REUSEADDR");
	if (err)
		goto fail;
	/* Leave IPv4 port 319/320 to a UDPv4 port on the same host. */
	err = udp6_opt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &on, sizeof(on),
		       "IPV6_V6ONLY");
	if (err)
		goto fail;
	if (bind(fd, (struct sockaddr *)&addr, sizeof(addr))) {
		err = -errno;
		sk_log(LOG_ERR, "bind failed: %m");
		goto fail;
	}
	err = udp6_opt(fd, SOL_SOCKET, SO_BINDTODEVICE, name, strlen(name),
		       "SO_BINDTODEVICE");
	if (err)
		goto fail;
	for (i = DEST_DEFAULT; i <= DEST_PEER; i++) {
		memset(&req, 0, sizeof(req));
		req.ipv6mr_multiaddr = t->mcast[i].sin6.sin6_addr;
		req.ipv6mr_interface = t->ifindex;
		err = udp6_opt(fd, IPPROTO_IPV6, IPV6_ADD_MEMBERSHIP, &req,
			       sizeof(req), "IPV6_ADD_MEMBERSHIP");
		if (err)
			goto fail;
	}
	err = udp6_opt(fd, IPPROTO_IPV6, IPV6_MULTICAST_LOOP, &off,
		       sizeof(off), "IPV6_MULTICAST_LOOP");
	if (err)
		goto fail;
	err = udp6_opt(fd, IPPROTO_IPV6, IPV6_MULTICAST_IF, &t->ifindex,
		       sizeof(t->ifindex), "IPV6_MULTICAST_IF");
	if (err)
		goto fail;
	err = udp6_opt(fd, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, &hops,
		       sizeof(hops), "IPV6_MULTICAST_HOPS");
	if (err)
		goto fail;
	return fd;
fail:
	close(fd);
	return err;
}

/* DSCP is the top six bits of the traffic class; failing only warns. */
static void udp6_dscp(int fd, uint8_t dscp, const char *which)
{
	int tclass = dscp << 2;

	if (dscp && setsockopt(fd, IPPROTO_IPV6, IPV6_TCLASS, &tclass,
			       sizeof(tclass)))
		sk_log(LOG_WARNING, "Failed to set %s DSCP priority.", which);
}

static int udp6_open(struct transport *t)
{
	int fd, err;

	udp6_mcast_addr(DEST_DEFAULT, t->cfg.udp6_scope, t->ifindex,
			&t->mcast[DEST_DEFAULT]);
	udp6_mcast_addr(DEST_PEER, t->cfg.udp6_scope, t->ifindex,
			&t->mcast[DEST_PEER]);

	fd = udp6_socket(t, PTP_EVENT_PORT);
	if (fd < 0)
		return fd;
	t->fd[TRANS_EVENT] = fd;
	fd = udp6_socket(t, PTP_GENERAL_PORT);
	if (fd < 0)
		return fd;
	t->fd[TRANS_GENERAL] = fd;

	err = sk_timestamping_init(t->fd[TRANS_EVENT], t->cfg.ifname,
				   t->cfg.ts_type, false, t->cfg.hwts_filter);
	if (err)
		return err;
	udp6_dscp(t->fd[TRANS_EVENT], t->cfg.dscp_event, "event");
	udp6_dscp(t->fd[TRANS_GENERAL], t->cfg.dscp_general, "general");
	return 0;
}

static ssize_t udp6_send(struct transport *t, int fd,
			 const struct trans_addr *to, const void *buf,
			 size_t len)
{
	/*
	 * Two trailing bytes that a one-step NIC or a transparent clock may
	 * use to keep the UDP checksum right (annex E.4), as ptp4l sends.
	 */
	static const uint8_t pad[2];
	struct iovec iov[2] = {
		{ (void *)buf, len },
		{ (void *)pad, sizeof(pad) },
	};
	struct msghdr msg = {
		.msg_name = (void *)&to->sin6,
		.msg_namelen = sizeof(to->sin6),
		.msg_iov = iov,
		.msg_iovlen = 2,
	};
	ssize_t cnt;

	(void)t;
	cnt = sendmsg(fd, &msg, 0);
	if (cnt < 0) {
		cnt = -errno;
		sk_log(LOG_ERR, "sendto failed: %m");
	} else if ((size_t)cnt > len) {
		cnt = len;
	}
	return cnt;
}

static ssize_t udp6_recv(struct transport *t, int fd, void *buf, size_t len,
			 struct trans_addr *from, struct pkt_ts *ts)
{
	struct iovec iov = { buf, len };
	socklen_t alen = sizeof(from->ss);
	ssize_t cnt;

	cnt = sk_receive(fd, &iov, 1, &from->sa, &alen, t->cfg.ts_type, ts);
	from->len = cnt >= 0 ? alen : 0;
	return cnt;
}

static int udp6_protocol_addr(struct transport *t, uint8_t *addr,
			      size_t cap)
{
	int len = sk_if_addr(t->cfg.ifname, AF_INET6, addr, cap);

	return len == -EADDRNOTAVAIL ? 0 : len;
}

const struct transport_ops udp6_ops = {
	.open = udp6_open,
	.send = udp6_send,
	.recv = udp6_recv,
	.protocol_addr = udp6_protocol_addr,
};
