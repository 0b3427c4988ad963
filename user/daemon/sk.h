/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Socket helpers shared by the transports: SO_TIMESTAMPING set-up, hardware
 * timestamping configuration (SIOCSHWTSTAMP), ethtool ts-info, receiving
 * with timestamps, fetching TX timestamps from the error queue, and
 * interface queries. Messages use ptp4l's wording.
 */
#ifndef PTPKD_SK_H
#define PTPKD_SK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <syslog.h>
#include <time.h>

#include "config.h"
#include "ddt.h"

#define MAC_LEN 6

/*
 * time_stamping (TS_SOFTWARE, TS_HARDWARE, TS_LEGACY_HW, TS_ONESTEP,
 * TS_P2P1STEP) and hwts_filter (HWTS_FILTER_NORMAL: set PTP_V2_EVENT, else
 * the L2/L4 one; _CHECK: only read and check; _FULL: set FILTER_ALL) take
 * their values from config.h, numbered as in ptp4l.
 */
const char *ts_type_name(int type);
int ts_type_parse(const char *name, int *type);
const char *hwts_filter_name(int mode);
int hwts_filter_parse(const char *name, int *mode);

/* A received or transmitted packet's timestamp. */
struct pkt_ts {
	struct timespec ts;
	bool valid;
	/* RX: the software timestamp too (check_fup_sync), else 0 */
	struct timespec sw;
};

/* A timestamp in ns. */
static inline int64_t pkt_ts_ns(const struct pkt_ts *t)
{
	return (int64_t)t->ts.tv_sec * 1000000000LL + t->ts.tv_nsec;
}

/*
 * Moves a valid timestamp by ns (ingressLatency, egressLatency); an
 * invalid one stays as it is.
 */
static inline void pkt_ts_add_ns(struct pkt_ts *t, int64_t ns)
{
	int64_t v;

	if (!t->valid || !ns)
		return;
	v = pkt_ts_ns(t) + ns;
	t->ts.tv_sec = (time_t)(v / 1000000000LL);
	t->ts.tv_nsec = (long)(v % 1000000000LL);
	if (t->ts.tv_nsec < 0) {
		t->ts.tv_nsec += 1000000000L;
		t->ts.tv_sec--;
	}
}

/* What ETHTOOL_GET_TS_INFO says; valid is false if the query failed. */
struct sk_ts_info {
	bool valid;
	int phc_index;			/* -1: none */
	uint32_t so_timestamping;	/* SOF_TIMESTAMPING_* */
	uint32_t tx_types;		/* 1 << HWTSTAMP_TX_* */
	uint32_t rx_filters;		/* 1 << HWTSTAMP_FILTER_* */
};

/*
 * Messages go to this hook (levels from <syslog.h>); without one, errors
 * and warnings go to stderr.
 */
typedef void (*sk_log_fn)(int level, const char *msg);
void sk_set_log(sk_log_fn fn);
void sk_log(int level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Interface queries; negative errno on failure. */
int sk_ifindex(const char *ifname);
int sk_mac_addr(const char *ifname, uint8_t mac[MAC_LEN]);
int sk_if_running(const char *ifname);	/* 1 if IFF_UP and IFF_RUNNING */
/* First AF_INET (4 bytes) or AF_INET6 (16 bytes) address: its length. */
int sk_if_addr(const char *ifname, int family, uint8_t *addr, size_t cap);
/* "01:1B:19:00:00:00" */
int mac_parse(const char *s, uint8_t mac[MAC_LEN]);
/* EUI-48 to EUI-64: FF:FE inserted in the middle, as ptp4l does. */
void clock_identity_from_mac(const uint8_t mac[MAC_LEN],
			     struct ClockIdentity *id);

int sk_get_ts_info(const char *ifname, struct sk_ts_info *info);
/* The SOF_TIMESTAMPING_* capabilities a mode needs. */
uint32_t sk_required_modes(int type);
/* 0, or -EOPNOTSUPP with ptp4l's message; passes if info is not valid. */
int sk_check_ts_modes(const char *ifname, const struct sk_ts_info *info,
		      int type);

/*
 * Enables SO_TIMESTAMPING on fd and, for the hardware modes, configures
 * the NIC with SIOCSHWTSTAMP (l2 selects the layer-2 fallback filter).
 */
int sk_timestamping_init(int fd, const char *ifname, int type,
			 bool l2, int mode);

/*
 * The timestamp a mode uses from an SCM_TIMESTAMPING control message:
 * 1 found, 0 none, -EBADMSG if the message is short.
 */
int sk_cmsg_timestamp(struct msghdr *msg, int type,
		      struct timespec *ts);
/* The same, and the software one (ts[0]) in *sw when sw is not NULL. */
int sk_cmsg_timestamps(struct msghdr *msg, int type, struct timespec *ts,
		       struct timespec *sw);
/*
 * check_fup_sync, as ptp4l: software RX timestamps on fd too, on top of
 * what it has (the general socket gets only those). 0 or -errno.
 */
int sk_rx_sw_timestamps(int fd);

/* recvmsg() with MSG_DONTWAIT; ts->valid tells if a timestamp came. */
ssize_t sk_receive(int fd, struct iovec *iov, int iovcnt,
		   struct sockaddr *from, socklen_t *fromlen,
		   int type, struct pkt_ts *ts);

/* Does a looped-back packet carry the payload that was sent? */
bool sk_errqueue_match(const void *pkt, size_t pktlen,
		       const void *sent, size_t sentlen);

/*
 * Waits up to timeout_ms for the TX timestamp of the packet that carried
 * sent[0..len) and skips stale ones. -ETIMEDOUT with ptp4l's messages.
 */
int sk_tx_timestamp(int fd, const void *sent, size_t len,
		    int type, int timeout_ms, struct pkt_ts *ts);

/*
 * Throws away what is left in the error queue (a TX timestamp nobody waits
 * for: late, or a second one of the same packet, as a veth behind a bridge
 * gives) and clears a pending socket error, so that poll() stops reporting
 * POLLPRI/POLLERR for them. At most max entries; the number dropped.
 */
int sk_errqueue_drain(int fd, int max);

#endif
