/* SPDX-License-Identifier: GPL-2.0 */
/*
 * PTP transports: UDP over IPv4 (udp.c), UDP over IPv6 (udp6.c) and IEEE
 * 802.3 (raw.c) behind one small vtable. Each open transport has an event
 * socket (timestamped) and a general socket.
 */
#ifndef PTPKD_TRANSPORT_H
#define PTPKD_TRANSPORT_H

#include <net/if.h>
#include <netinet/in.h>
#include <netpacket/packet.h>

#include "sk.h"

/*
 * The transport type is network_transport from config.h (TRANS_UDP_IPV4,
 * TRANS_UDP_IPV6, TRANS_IEEE_802_3), numbered as networkProtocol (1588
 * clause 7.4.1).
 */
/* network_transport names: "UDPv4", "UDPv6", "L2". */
const char *transport_type_name(int type);
int transport_type_parse(const char *name, int *type);

#define PTP_EVENT_PORT		319
#define PTP_GENERAL_PORT	320
#define ETH_P_1588_PTP		0x88F7

enum trans_fd {
	TRANS_EVENT,
	TRANS_GENERAL,
	TRANS_NFD,
};

enum trans_dest {
	DEST_DEFAULT,	/* 224.0.1.129, FF0X::181, ptp_dst_mac */
	DEST_PEER,	/* 224.0.0.107, FF02::6B, p2p_dst_mac */
	DEST_UNICAST,	/* the address given */
};

/* A peer's address: IPv4, IPv6 or link layer; len 0 if none. */
struct trans_addr {
	socklen_t len;
	union {
		struct sockaddr sa;
		struct sockaddr_in sin;
		struct sockaddr_in6 sin6;
		struct sockaddr_ll sll;
		struct sockaddr_storage ss;
	};
};

/* The per-port options a transport uses, with ptp4l's defaults. */
struct transport_config {
	char ifname[IFNAMSIZ];
	int ts_type;			/* time_stamping */
	int hwts_filter;	/* hwts_filter */
	int tx_timestamp_timeout;		/* ms, 1 */
	int udp_ttl;				/* 1 */
	uint8_t udp6_scope;			/* 0x0E */
	uint8_t dscp_event;			/* 0..63, 0 */
	uint8_t dscp_general;
	int socket_priority;			/* 0..15, L2 only */
	uint8_t ptp_dst_mac[MAC_LEN];		/* 01:1B:19:00:00:00 */
	uint8_t p2p_dst_mac[MAC_LEN];		/* 01:80:C2:00:00:0E */
	bool check_fup_sync;		/* software RX timestamps on both */
};

void transport_config_init(struct transport_config *cfg, const char *ifname);

struct transport;

struct transport_ops {
	/* Opens both sockets; fills t->fd, t->ifindex, t->mcast. */
	int (*open)(struct transport *t);
	/* Sends buf to a resolved address; returns the payload length. */
	ssize_t (*send)(struct transport *t, int fd,
			const struct trans_addr *to, const void *buf,
			size_t len);
	/* Receives one payload (link headers removed). */
	ssize_t (*recv)(struct transport *t, int fd, void *buf, size_t len,
			struct trans_addr *from, struct pkt_ts *ts);
	/* The address that names this port on the network. */
	int (*protocol_addr)(struct transport *t, uint8_t *addr, size_t cap);
};

struct transport {
	const struct transport_ops *ops;
	int type;
	struct transport_config cfg;
	int fd[TRANS_NFD];
	int ifindex;
	uint8_t mac[MAC_LEN];
	bool have_mac;
	struct trans_addr mcast[2];	/* DEST_DEFAULT, DEST_PEER */
};

extern const struct transport_ops udp_ops, udp6_ops, raw_ops;

/* Allocates a closed transport; NULL on a bad type or no memory. */
struct transport *transport_create(int type,
				   const struct transport_config *cfg);
/* 0 or a negative errno; messages as ptp4l's. */
int transport_open(struct transport *t);
void transport_close(struct transport *t);
void transport_destroy(struct transport *t);

static inline int transport_fd(const struct transport *t, enum trans_fd fd)
{
	return t->fd[fd];
}

/*
 * Sends on the event or general socket to dest (to is used only for
 * DEST_UNICAST; its port is set here). With txts, waits for the event
 * message's TX timestamp (tx_timestamp_timeout); txts->valid is false if
 * none came. Returns the payload length or a negative errno.
 */
ssize_t transport_send(struct transport *t, enum trans_fd fd,
		       enum trans_dest dest, const struct trans_addr *to,
		       const void *buf, size_t len, struct pkt_ts *txts);
/* For deferred timestamps: the TX timestamp of a payload sent earlier. */
int transport_txts(struct transport *t, const void *buf, size_t len,
		   struct pkt_ts *txts);
/* sk_errqueue_drain() on one of its sockets; the number dropped. */
int transport_drain_errqueue(struct transport *t, enum trans_fd fd);
/*
 * Reads one message without blocking: its length, or -EAGAIN when there
 * was nothing (or only something to ignore). from may be NULL.
 */
ssize_t transport_recv(struct transport *t, enum trans_fd fd, void *buf,
		       size_t len, struct trans_addr *from, struct pkt_ts *rxts);

/* Interface MAC (for clockIdentity): its length, or a negative errno. */
int transport_physical_addr(struct transport *t, uint8_t *addr, size_t cap);
/* IPv4 (4), IPv6 (16) or MAC (6) address of the port, for management. */
int transport_protocol_addr(struct transport *t, uint8_t *addr, size_t cap);

/* Multicast destinations, exposed for the tests. */
void udp_mcast_addr(enum trans_dest dest, struct trans_addr *a);
void udp6_mcast_addr(enum trans_dest dest, uint8_t scope, int ifindex,
		     struct trans_addr *a);
void raw_mcast_addr(const uint8_t mac[MAC_LEN], int ifindex,
		    struct trans_addr *a);

#endif
