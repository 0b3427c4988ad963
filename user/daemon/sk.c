// SPDX-License-Identifier: GPL-2.0
/* Socket timestamping and interface helpers (see sk.h). */
#include <ctype.h>
#include <errno.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/errqueue.h>
#include <linux/ethtool.h>
#include <linux/net_tstamp.h>
#include <linux/sockios.h>

#include "sk.h"

static const char *const ts_names[] = {
	[TS_SOFTWARE] = "software",
	[TS_HARDWARE] = "hardware",
	[TS_LEGACY_HW] = "legacy",
	[TS_ONESTEP] = "onestep",
	[TS_P2P1STEP] = "p2p1step",
};

static const char *const filter_names[] = {
	[HWTS_FILTER_NORMAL] = "normal",
	[HWTS_FILTER_CHECK] = "check",
	[HWTS_FILTER_FULL] = "full",
};

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static int name_lookup(const char *const *names, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(names[i], s))
			return (int)i;
	return -EINVAL;
}

const char *ts_type_name(int type)
{
	return (unsigned int)type < ARRAY_SIZE(ts_names) ? ts_names[type] :
							    "unknown";
}

int ts_type_parse(const char *name, int *type)
{
	int i = name_lookup(ts_names, ARRAY_SIZE(ts_names), name);

	if (i < 0)
		return i;
	*type = i;
	return 0;
}

const char *hwts_filter_name(int mode)
{
	return (unsigned int)mode < ARRAY_SIZE(filter_names) ?
		filter_names[mode] : "unknown";
}

int hwts_filter_parse(const char *name, int *mode)
{
	int i = name_lookup(filter_names, ARRAY_SIZE(filter_names), name);

	if (i < 0)
		return i;
	*mode = i;
	return 0;
}

static sk_log_fn log_fn;

void sk_set_log(sk_log_fn fn)
{
	log_fn = fn;
}

void sk_log(int level, const char *fmt, ...)
{
	int saved = errno;
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (log_fn)
		log_fn(level, msg);
	else if (level <= LOG_WARNING)
		fprintf(stderr, "%s\n", msg);
	errno = saved;
}

/* A throw-away socket for interface ioctls. */
static int ctl_socket(void)
{
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		sk_log(LOG_ERR, "socket failed: %m");
	return fd;
}

static int ifreq_init(struct ifreq *ifr, const char *ifname)
{
	memset(ifr, 0, sizeof(*ifr));
	if (strlen(ifname) >= sizeof(ifr->ifr_name))
		return -ENAMETOOLONG;
	strcpy(ifr->ifr_name, ifname);
	return 0;
}

/* Runs one interface ioctl on a throw-away socket: 0 or -errno. */
static int if_ioctl(const char *ifname, unsigned long req, struct ifreq *ifr,
		    const char *what)
{
	int fd, err;

	err = ifreq_init(ifr, ifname);
	if (err)
		return err;
	fd = ctl_socket();
	if (fd < 0)
		return -errno;
	err = ioctl(fd, req, ifr) < 0 ? -errno : 0;
	if (err && what)
		sk_log(LOG_ERR, "ioctl %s failed: %m", what);
	close(fd);
	return err;
}

int sk_ifindex(const char *ifname)
{
	struct ifreq ifr;
	int err = if_ioctl(ifname, SIOCGIFINDEX, &ifr, "SIOCGIFINDEX");

	return err ? err : ifr.ifr_ifindex;
}

int sk_mac_addr(const char *ifname, uint8_t mac[MAC_LEN])
{
	struct ifreq ifr;
	int err = if_ioctl(ifname, SIOCGIFHWADDR, &ifr, "SIOCGIFHWADDR");

	if (err)
		return err;
	memcpy(mac, ifr.ifr_hwaddr.sa_data, MAC_LEN);
	return 0;
}

int sk_if_running(const char *ifname)
{
	struct ifreq ifr;
	int err = if_ioctl(ifname, SIOCGIFFLAGS, &ifr, NULL);

	if (err)
		return err;
	return (ifr.ifr_flags & (IFF_UP | IFF_RUNNING)) ==
	       (IFF_UP | IFF_RUNNING);
}

int sk_if_addr(const char *ifname, int family, uint8_t *addr, size_t cap)
{
	struct ifaddrs *list, *i;
	const void *src = NULL;
	int len = -EADDRNOTAVAIL;

	if (getifaddrs(&list) < 0)
		return -errno;
	for (i = list; i; i = i->ifa_next) {
		if (!i->ifa_addr || i->ifa_addr->sa_family != family ||
		    strcmp(i->ifa_name, ifname))
			continue;
		if (family == AF_INET) {
			src = &((struct sockaddr_in *)i->ifa_addr)->sin_addr;
			len = 4;
		} else if (family == AF_INET6) {
			src = &((struct sockaddr_in6 *)i->ifa_addr)->sin6_addr;
			len = 16;
		}
		break;
	}
	if (src && (size_t)len <= cap)
		memcpy(addr, src, len);
	else if (src)
		len = -ENOSPC;
	freeifaddrs(list);
	return len;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower((unsigned char)c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

int mac_parse(const char *s, uint8_t mac[MAC_LEN])
{
	uint8_t out[MAC_LEN];
	int i, v, d;

	for (i = 0; i < MAC_LEN; i++) {
		if (i && *s++ != ':')
			return -EINVAL;
		v = hexval(*s);
		if (v < 0)
			return -EINVAL;
		s++;
		d = hexval(*s);
		if (d >= 0) {
			v = v * 16 + d;
			s++;
		}
		out[i] = v;
	}
	if (*s)
		return -EINVAL;
	memcpy(mac, out, MAC_LEN);
	return 0;
}

void clock_identity_from_mac(const uint8_t mac[MAC_LEN],
			     struct ClockIdentity *id)
{
	id->id[0] = mac[0];
	id->id[1] = mac[1];
	id->id[2] = mac[2];
	id->id[3] = 0xFF;
	id->id[4] = 0xFE;
	id->id[5] = mac[3];
	id->id[6] = mac[4];
	id->id[7] = mac[5];
}

int sk_get_ts_info(const char *ifname, struct sk_ts_info *info)
{
	struct ethtool_ts_info ti;
	struct ifreq ifr;
	int fd, err;

	memset(info, 0, sizeof(*info));
	info->phc_index = -1;
	err = ifreq_init(&ifr, ifname);
	if (err)
		return err;
	memset(&ti, 0, sizeof(ti));
	ti.cmd = ETHTOOL_GET_TS_INFO;
	ifr.ifr_data = (char *)&ti;
	fd = ctl_socket();
	if (fd < 0)
		return -errno;
	err = ioctl(fd, SIOCETHTOOL, &ifr) < 0 ? -errno : 0;
	if (err)
		sk_log(LOG_ERR, "ioctl SIOCETHTOOL failed: %m");
	close(fd);
	if (err)
		return err;
	info->valid = true;
	info->phc_index = ti.phc_index;
	info->so_timestamping = ti.so_timestamping;
	info->tx_types = ti.tx_types;
	info->rx_filters = ti.rx_filters;
	return 0;
}

uint32_t sk_required_modes(int type)
{
	switch (type) {
	case TS_SOFTWARE:
		return SOF_TIMESTAMPING_TX_SOFTWARE |
		       SOF_TIMESTAMPING_RX_SOFTWARE |
		       SOF_TIMESTAMPING_SOFTWARE;
	case TS_LEGACY_HW:
		return SOF_TIMESTAMPING_TX_HARDWARE |
		       SOF_TIMESTAMPING_RX_HARDWARE |
		       SOF_TIMESTAMPING_SYS_HARDWARE;
	case TS_HARDWARE:
	case TS_ONESTEP:
	case TS_P2P1STEP:
		return SOF_TIMESTAMPING_TX_HARDWARE |
		       SOF_TIMESTAMPING_RX_HARDWARE |
		       SOF_TIMESTAMPING_RAW_HARDWARE;
	}
	return 0;
}

int sk_check_ts_modes(const char *ifname, const struct sk_ts_info *info,
		      int type)
{
	uint32_t need = sk_required_modes(type);

	/* Like ptp4l: an interface that cannot be asked is given a chance. */
	if (!info->valid || (info->so_timestamping & need) == need)
		return 0;
	sk_log(LOG_ERR,
	       "interface '%s' does not support requested timestamping mode",
	       ifname);
	return -EOPNOTSUPP;
}

static int hwts_ioctl(int fd, const char *ifname, unsigned long req,
		      struct hwtstamp_config *cfg)
{
	struct ifreq ifr;
	int err = ifreq_init(&ifr, ifname);

	if (err)
		return err;
	ifr.ifr_data = (char *)cfg;
	return ioctl(fd, req, &ifr) < 0 ? -errno : 0;
}

static int hwts_set(int fd, const char *ifname, int tx_type, int rx_filter,
		    struct hwtstamp_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->tx_type = tx_type;
	cfg->rx_filter = rx_filter;
	return hwts_ioctl(fd, ifname, SIOCSHWTSTAMP, cfg);
}

static int hwts_init(int fd, const char *ifname, int type, bool l2,
		     int mode)
{
	int f1 = HWTSTAMP_FILTER_PTP_V2_EVENT;
	int f2 = l2 ? HWTSTAMP_FILTER_PTP_V2_L2_EVENT :
		      HWTSTAMP_FILTER_PTP_V2_L4_EVENT;
	int tx_type = HWTSTAMP_TX_ON, asked = f1;
	struct hwtstamp_config cfg;
	int err;

	if (type == TS_ONESTEP)
		tx_type = HWTSTAMP_TX_ONESTEP_SYNC;
	else if (type == TS_P2P1STEP)
		tx_type = HWTSTAMP_TX_ONESTEP_P2P;

	switch (mode) {
	case HWTS_FILTER_CHECK:
		memset(&cfg, 0, sizeof(cfg));
		err = hwts_ioctl(fd, ifname, SIOCGHWTSTAMP, &cfg);
		if (err) {
			errno = -err;
			sk_log(LOG_ERR, "ioctl SIOCGHWTSTAMP failed: %m");
			return err;
		}
		break;
	case HWTS_FILTER_FULL:
		err = hwts_set(fd, ifname, tx_type, HWTSTAMP_FILTER_ALL, &cfg);
		if (err) {
			errno = -err;
			sk_log(LOG_ERR, "ioctl SIOCSHWTSTAMP failed: %m");
			return err;
		}
		break;
	case HWTS_FILTER_NORMAL:
	default:
		err = hwts_set(fd, ifname, tx_type, f1, &cfg);
		if (err) {
			sk_log(LOG_INFO,
			       "driver rejected most general HWTSTAMP filter");
			asked = f2;
			err = hwts_set(fd, ifname, tx_type, f2, &cfg);
			if (err) {
				errno = -err;
				sk_log(LOG_ERR,
				       "ioctl SIOCSHWTSTAMP failed: %m");
				return err;
			}
		}
		/* "some" means at least what was asked for */
		if (cfg.rx_filter == HWTSTAMP_FILTER_SOME)
			cfg.rx_filter = asked;
		break;
	}

	if (cfg.tx_type != tx_type ||
	    (cfg.rx_filter != f1 && cfg.rx_filter != f2 &&
	     cfg.rx_filter != HWTSTAMP_FILTER_ALL)) {
		sk_log(LOG_DEBUG, "tx_type   %d not %d", cfg.tx_type, tx_type);
		sk_log(LOG_DEBUG, "rx_filter %d not %d or %d", cfg.rx_filter,
		       f1, f2);
		sk_log(LOG_ERR, "The current filter does not match the required");
		return -EINVAL;
	}
	return 0;
}

int sk_timestamping_init(int fd, const char *ifname, int type,
			 bool l2, int mode)
{
	int flags, on = 1, err;

	switch (type) {
	case TS_SOFTWARE:
		flags = SOF_TIMESTAMPING_TX_SOFTWARE |
			SOF_TIMESTAMPING_RX_SOFTWARE |
			SOF_TIMESTAMPING_SOFTWARE;
		break;
	case TS_LEGACY_HW:
		flags = SOF_TIMESTAMPING_TX_HARDWARE |
			SOF_TIMESTAMPING_RX_HARDWARE |
			SOF_TIMESTAMPING_SYS_HARDWARE;
		break;
	case TS_HARDWARE:
	case TS_ONESTEP:
	case TS_P2P1STEP:
		flags = SOF_TIMESTAMPING_TX_HARDWARE |
			SOF_TIMESTAMPING_RX_HARDWARE |
			SOF_TIMESTAMPING_RAW_HARDWARE;
		break;
	default:
		return -EINVAL;
	}

	if (type != TS_SOFTWARE) {
		err = hwts_init(fd, ifname, type, l2, mode);
		if (err)
			return err;
	}

	if (setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPING, &flags,
		       sizeof(flags)) < 0) {
		err = -errno;
		sk_log(LOG_ERR, "ioctl SO_TIMESTAMPING failed: %m");
		return err;
	}
	/* Lets poll() report the error queue as POLLPRI; POLLERR otherwise. */
	if (setsockopt(fd, SOL_SOCKET, SO_SELECT_ERR_QUEUE, &on,
		       sizeof(on)) < 0)
		sk_log(LOG_WARNING, "%s: SO_SELECT_ERR_QUEUE: %m", ifname);
	return 0;
}

int sk_rx_sw_timestamps(int fd)
{
	int flags = 0;
	socklen_t len = sizeof(flags);

	/* the first int of what SO_TIMESTAMPING reads is the flags */
	if (getsockopt(fd, SOL_SOCKET, SO_TIMESTAMPING, &flags, &len) < 0)
		flags = 0;
	flags |= SOF_TIMESTAMPING_RX_SOFTWARE | SOF_TIMESTAMPING_SOFTWARE;
	if (setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPING, &flags,
		       sizeof(flags)) < 0) {
		sk_log(LOG_ERR, "ioctl SO_TIMESTAMPING failed: %m");
		return -errno;
	}
	return 0;
}

int sk_cmsg_timestamp(struct msghdr *msg, int type,
		      struct timespec *ts)
{
	return sk_cmsg_timestamps(msg, type, ts, NULL);
}

int sk_cmsg_timestamps(struct msghdr *msg, int type, struct timespec *ts,
		       struct timespec *sw)
{
	struct scm_timestamping st;
	struct cmsghdr *cm;

	for (cm = CMSG_FIRSTHDR(msg); cm; cm = CMSG_NXTHDR(msg, cm)) {
		if (cm->cmsg_level != SOL_SOCKET ||
		    cm->cmsg_type != SO_TIMESTAMPING)
			continue;
		if (cm->cmsg_len < CMSG_LEN(sizeof(st))) {
			sk_log(LOG_WARNING, "short SO_TIMESTAMPING message");
			return -EBADMSG;
		}
		/* The control buffer need not be aligned for timespec. */
		memcpy(&st, CMSG_DATA(cm), sizeof(st));
		if (sw)
			*sw = st.ts[0];
		switch (type) {
		case TS_SOFTWARE:
			*ts = st.ts[0];
			break;
		case TS_LEGACY_HW:
			*ts = st.ts[1];
			break;
		default:
			*ts = st.ts[2];
			break;
		}
		return 1;
	}
	return 0;
}

/* Big enough for SCM_TIMESTAMPING plus an extended error. */
#define CONTROL_LEN 256

ssize_t sk_receive(int fd, struct iovec *iov, int iovcnt,
		   struct sockaddr *from, socklen_t *fromlen,
		   int type, struct pkt_ts *ts)
{
	union {
		char buf[CONTROL_LEN];
		struct cmsghdr align;
	} control;
	struct msghdr msg = {
		.msg_name = from,
		.msg_namelen = from ? *fromlen : 0,
		.msg_iov = iov,
		.msg_iovlen = iovcnt,
		.msg_control = control.buf,
		.msg_controllen = sizeof(control.buf),
	};
	ssize_t cnt;
	int err;

	ts->valid = false;
	memset(&ts->ts, 0, sizeof(ts->ts));
	memset(&ts->sw, 0, sizeof(ts->sw));
	cnt = recvmsg(fd, &msg, MSG_DONTWAIT);
	if (cnt < 0) {
		err = -errno;
		if (err != -EAGAIN && err != -EINTR)
			sk_log(LOG_ERR, "recvmsg failed: %m");
		return err;
	}
	if (from)
		*fromlen = msg.msg_namelen;
	if (msg.msg_flags & MSG_TRUNC)
		return -EMSGSIZE;
	err = sk_cmsg_timestamps(&msg, type, &ts->ts, &ts->sw);
	if (err < 0)
		return err;
	ts->valid = err > 0 && (ts->ts.tv_sec || ts->ts.tv_nsec);
	return cnt;
}

bool sk_errqueue_match(const void *pkt, size_t pktlen,
		       const void *sent, size_t sentlen)
{
	/* The looped-back copy starts at the link-layer header. */
	return sentlen && pktlen >= sentlen &&
	       memmem(pkt, pktlen, sent, sentlen);
}

static int64_t mono_ms(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (int64_t)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

static const char tx_hint[] =
	"increasing tx_timestamp_timeout may correct this issue, but it is likely caused by a driver bug";

static void tx_timeout_msgs(void)
{
	sk_log(LOG_ERR, "timed out while polling for tx timestamp");
	sk_log(LOG_ERR, "%s", tx_hint);
}

int sk_tx_timestamp(int fd, const void *sent, size_t len,
		    int type, int timeout_ms, struct pkt_ts *ts)
{
	int64_t deadline = mono_ms() + timeout_ms;
	uint8_t pkt[2048];
	union {
		char buf[CONTROL_LEN];
		struct cmsghdr align;
	} control;
	struct iovec iov = { pkt, sizeof(pkt) };
	struct msghdr msg;
	struct pollfd pfd;
	bool first = true;
	int64_t left;
	ssize_t cnt;
	int res;

	ts->valid = false;
	memset(&ts->ts, 0, sizeof(ts->ts));
	for (;; first = false) {
		left = deadline - mono_ms();
		if (left < 0 && !first) {
			tx_timeout_msgs();
			return -ETIMEDOUT;
		}
		if (left < 0)
			left = 0;
		pfd = (struct pollfd){ .fd = fd, .events = POLLPRI };
		res = poll(&pfd, 1, (int)left);
		if (res < 0 && errno == EINTR)
			continue;
		if (res < 0) {
			res = -errno;
			sk_log(LOG_ERR, "poll for tx timestamp failed: %m");
			sk_log(LOG_ERR, "%s", tx_hint);
			return res;
		}
		if (!res) {
			tx_timeout_msgs();
			return -ETIMEDOUT;
		}
		if (!(pfd.revents & (POLLPRI | POLLERR))) {
			sk_log(LOG_ERR,
			       "poll for tx timestamp woke up on non ERR event");
			return -EIO;
		}
		memset(&msg, 0, sizeof(msg));
		msg.msg_iov = &iov;
		msg.msg_iovlen = 1;
		msg.msg_control = control.buf;
		msg.msg_controllen = sizeof(control.buf);
		cnt = recvmsg(fd, &msg, MSG_ERRQUEUE | MSG_DONTWAIT);
		if (cnt < 0) {
			if (errno == EAGAIN || errno == EINTR)
				continue;
			res = -errno;
			sk_log(LOG_ERR, "recvmsg tx timestamp failed: %m");
			return res;
		}
		/* A late timestamp of an earlier packet: drop it. */
		if (!sk_errqueue_match(pkt, cnt, sent, len))
			continue;
		res = sk_cmsg_timestamp(&msg, type, &ts->ts);
		if (res < 0)
			return res;
		ts->valid = res > 0 && (ts->ts.tv_sec || ts->ts.tv_nsec);
		return 0;
	}
}

int sk_errqueue_drain(int fd, int max)
{
	uint8_t pkt[2048];
	char control[CONTROL_LEN];
	struct iovec iov = { pkt, sizeof(pkt) };
	struct msghdr msg;
	socklen_t len = sizeof(int);
	int n, err;

	if (fd < 0)
		return 0;
	for (n = 0; n < max; n++) {
		memset(&msg, 0, sizeof(msg));
		msg.msg_iov = &iov;
		msg.msg_iovlen = 1;
		msg.msg_control = control;
		msg.msg_controllen = sizeof(control);
		if (recvmsg(fd, &msg, MSG_ERRQUEUE | MSG_DONTWAIT) < 0)
			break;
	}
	/* reading SO_ERROR clears sk_err, the other cause of POLLERR */
	getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
	return n;
}
