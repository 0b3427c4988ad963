// SPDX-License-Identifier: GPL-2.0
/* The transport-independent half: names, dispatch, timestamps. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "transport.h"

static const char *const type_names[] = {
	[TRANS_UDP_IPV4] = "UDPv4",
	[TRANS_UDP_IPV6] = "UDPv6",
	[TRANS_IEEE_802_3] = "L2",
};

const char *transport_type_name(int type)
{
	if (type < TRANS_UDP_IPV4 || type > TRANS_IEEE_802_3)
		return "unknown";
	return type_names[type];
}

int transport_type_parse(const char *name, int *type)
{
	int i;

	for (i = TRANS_UDP_IPV4; i <= TRANS_IEEE_802_3; i++) {
		if (!strcmp(name, type_names[i])) {
			*type = i;
			return 0;
		}
	}
	return -EINVAL;
}

void transport_config_init(struct transport_config *cfg, const char *ifname)
{
	static const uint8_t ptp_mac[MAC_LEN] = { 0x01, 0x1B, 0x19, 0, 0, 0 };
	static const uint8_t p2p_mac[MAC_LEN] = {
		0x01, 0x80, 0xC2, 0, 0, 0x0E
	};

	memset(cfg, 0, sizeof(*cfg));
	if (ifname)
		snprintf(cfg->ifname, sizeof(cfg->ifname), "%s", ifname);
	cfg->ts_type = TS_HARDWARE;
	cfg->hwts_filter = HWTS_FILTER_NORMAL;
	cfg->tx_timestamp_timeout = 1;
	cfg->udp_ttl = 1;
	cfg->udp6_scope = 0x0E;
	memcpy(cfg->ptp_dst_mac, ptp_mac, MAC_LEN);
	memcpy(cfg->p2p_dst_mac, p2p_mac, MAC_LEN);
}

struct transport *transport_create(int type,
				   const struct transport_config *cfg)
{
	const struct transport_ops *ops;
	struct transport *t;

	switch (type) {
	case TRANS_UDP_IPV4:
		ops = &udp_ops;
		break;
	case TRANS_UDP_IPV6:
		ops = &udp6_ops;
		break;
	case TRANS_IEEE_802_3:
		ops = &raw_ops;
		break;
	default:
		return NULL;
	}
	t = calloc(1, sizeof(*t));
	if (!t)
		return NULL;
	t->ops = ops;
	t->type = type;
	t->cfg = *cfg;
	t->fd[TRANS_EVENT] = -1;
	t->fd[TRANS_GENERAL] = -1;
	return t;
}

int transport_open(struct transport *t)
{
	int err, i;

	transport_close(t);
	err = sk_ifindex(t->cfg.ifname);
	if (err < 0)
		return err;
	t->ifindex = err;
	t->have_mac = !sk_mac_addr(t->cfg.ifname, t->mac);
	err = t->ops->open(t);
	for (i = 0; !err && t->cfg.check_fup_sync && i < TRANS_NFD; i++)
		if (t->fd[i] >= 0)
			err = sk_rx_sw_timestamps(t->fd[i]);
	if (err)
		transport_close(t);
	return err;
}

void transport_close(struct transport *t)
{
	int i;

	for (i = 0; i < TRANS_NFD; i++) {
		if (t->fd[i] >= 0)
			close(t->fd[i]);
		t->fd[i] = -1;
	}
}

void transport_destroy(struct transport *t)
{
	if (!t)
		return;
	transport_close(t);
	free(t);
}

static void set_port(struct trans_addr *a, enum trans_fd fd)
{
	uint16_t port = htons(fd == TRANS_EVENT ? PTP_EVENT_PORT :
						  PTP_GENERAL_PORT);

	if (a->sa.sa_family == AF_INET)
		a->sin.sin_port = port;
	else if (a->sa.sa_family == AF_INET6)
		a->sin6.sin6_port = port;
}

static int resolve(struct transport *t, enum trans_fd fd, enum trans_dest dest,
		   const struct trans_addr *to, struct trans_addr *out)
{
	static const int family[] = {
		[TRANS_UDP_IPV4] = AF_INET,
		[TRANS_UDP_IPV6] = AF_INET6,
		[TRANS_IEEE_802_3] = AF_PACKET,
	};

	switch (dest) {
	case DEST_DEFAULT:
	case DEST_PEER:
		*out = t->mcast[dest];
		break;
	case DEST_UNICAST:
		if (!to || to->len > sizeof(out->ss) ||
		    to->sa.sa_family != family[t->type])
			return -EINVAL;
		*out = *to;
		break;
	default:
		return -EINVAL;
	}
	set_port(out, fd);
	/* A link-local IPv6 peer is reached through our own interface. */
	if (out->sa.sa_family == AF_INET6 && !out->sin6.sin6_scope_id &&
	    IN6_IS_ADDR_LINKLOCAL(&out->sin6.sin6_addr))
		out->sin6.sin6_scope_id = t->ifindex;
	return 0;
}

ssize_t transport_send(struct transport *t, enum trans_fd fd,
		       enum trans_dest dest, const struct trans_addr *to,
		       const void *buf, size_t len, struct pkt_ts *txts)
{
	struct trans_addr addr;
	ssize_t cnt;
	int err;

	if (txts)
		txts->valid = false;
	if (fd != TRANS_EVENT && fd != TRANS_GENERAL)
		return -EINVAL;
	if (t->fd[fd] < 0)
		return -EBADF;
	err = resolve(t, fd, dest, to, &addr);
	if (err)
		return err;
	cnt = t->ops->send(t, t->fd[fd], &addr, buf, len);
	if (cnt < 0)
		return cnt;
	/* Only the event socket timestamps. */
	if (txts && fd == TRANS_EVENT) {
		err = transport_txts(t, buf, len, txts);
		if (err && err != -ETIMEDOUT)
			return err;
	}
	return cnt;
}

int transport_txts(struct transport *t, const void *buf, size_t len,
		   struct pkt_ts *txts)
{
	return sk_tx_timestamp(t->fd[TRANS_EVENT], buf, len, t->cfg.ts_type,
			       t->cfg.tx_timestamp_timeout, txts);
}

int transport_drain_errqueue(struct transport *t, enum trans_fd fd)
{
	if (fd != TRANS_EVENT && fd != TRANS_GENERAL)
		return 0;
	return sk_errqueue_drain(t->fd[fd], 64);
}

ssize_t transport_recv(struct transport *t, enum trans_fd fd, void *buf,
		       size_t len, struct trans_addr *from, struct pkt_ts *rxts)
{
	struct trans_addr junk;

	rxts->valid = false;
	if (fd != TRANS_EVENT && fd != TRANS_GENERAL)
		return -EINVAL;
	if (t->fd[fd] < 0)
		return -EBADF;
	return t->ops->recv(t, t->fd[fd], buf, len, from ? from : &junk,
			    rxts);
}

int transport_physical_addr(struct transport *t, uint8_t *addr, size_t cap)
{
	if (!t->have_mac)
		return -EADDRNOTAVAIL;
	if (cap < MAC_LEN)
		return -ENOSPC;
	memcpy(addr, t->mac, MAC_LEN);
	return MAC_LEN;
}

int transport_protocol_addr(struct transport *t, uint8_t *addr, size_t cap)
{
	return t->ops->protocol_addr(t, addr, cap);
}
