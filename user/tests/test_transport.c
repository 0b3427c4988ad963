// SPDX-License-Identifier: GPL-2.0
/*
 * Transports and socket timestamping: the pure helpers, then real traffic
 * over a veth pair whose ends live in two fresh network namespaces (a
 * forked child unshares them, so nothing is left on the host).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/errqueue.h>
#include <linux/if_link.h>
#include <linux/net_tstamp.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>

#include "transport.h"
#include "tests.h"

/* Messages from sk_log, one "<level>text" line each. */
static char logbuf[4096];

static void log_capture(int level, const char *msg)
{
	size_t n = strlen(logbuf);

	snprintf(logbuf + n, sizeof(logbuf) - n, "<%d>%s\n", level, msg);
}

static void log_start(void)
{
	logbuf[0] = 0;
	sk_set_log(log_capture);
}

static int test_names(void)
{
	int tt;
	int fm;
	int ts;

	CHECK_STR(transport_type_name(TRANS_UDP_IPV4), "UDPv4");
	CHECK_STR(transport_type_name(TRANS_UDP_IPV6), "UDPv6");
	CHECK_STR(transport_type_name(TRANS_IEEE_802_3), "L2");
	CHECK_STR(transport_type_name(0), "unknown");
	CHECK_STR(transport_type_name(4), "unknown");
	CHECK_INT(transport_type_parse("UDPv6", &tt), 0);
	CHECK_INT(tt, 2);
	CHECK_INT(transport_type_parse("L2", &tt), 0);
	CHECK_INT(tt, 3);
	CHECK_INT(transport_type_parse("udpv4", &tt), -EINVAL);
	CHECK_INT(transport_type_parse("", &tt), -EINVAL);

	CHECK_STR(ts_type_name(TS_SOFTWARE), "software");
	CHECK_STR(ts_type_name(TS_LEGACY_HW), "legacy");
	CHECK_STR(ts_type_name(TS_P2P1STEP), "p2p1step");
	CHECK_STR(ts_type_name(5), "unknown");
	CHECK_INT(ts_type_parse("hardware", &ts), 0);
	CHECK_INT(ts, TS_HARDWARE);
	CHECK_INT(ts_type_parse("onestep", &ts), 0);
	CHECK_INT(ts, TS_ONESTEP);
	CHECK_INT(ts_type_parse("p2p_onestep", &ts), -EINVAL);

	CHECK_STR(hwts_filter_name(HWTS_FILTER_CHECK), "check");
	CHECK_INT(hwts_filter_parse("full", &fm), 0);
	CHECK_INT(fm, HWTS_FILTER_FULL);
	CHECK_INT(hwts_filter_parse("normal", &fm), 0);
	CHECK_INT(fm, HWTS_FILTER_NORMAL);
	CHECK_INT(hwts_filter_parse("all", &fm), -EINVAL);
	return 0;
}

static int test_clock_identity(void)
{
	static const uint8_t mac[MAC_LEN] = { 0x00, 0x1b, 0x21, 0xaa,
					      0xbb, 0xcc };
	static const uint8_t want[8] = { 0x00, 0x1b, 0x21, 0xff, 0xfe,
					 0xaa, 0xbb, 0xcc };
	struct ClockIdentity id;

	memset(&id, 0x55, sizeof(id));
	clock_identity_from_mac(mac, &id);
	CHECK(!memcmp(id.id, want, sizeof(want)));
	return 0;
}

static int test_mac_parse(void)
{
	static const char *const bad[] = {
		"", "01:1B:19:00:00", "01:1B:19:00:00:00:00", "01-1B-19-00-00-00",
		"011B19000000", "01:1B:19:00:00:0g", "01:1B:19:00:00:000",
		"01::1B:19:00:00", "01:1B:19:00:00:00 ",
	};
	uint8_t mac[MAC_LEN], old[MAC_LEN];
	unsigned int i;

	CHECK_INT(mac_parse("01:1B:19:00:00:00", mac), 0);
	CHECK(!memcmp(mac, "\x01\x1b\x19\x00\x00\x00", MAC_LEN));
	CHECK_INT(mac_parse("01:80:c2:0:0:E", mac), 0);
	CHECK(!memcmp(mac, "\x01\x80\xc2\x00\x00\x0e", MAC_LEN));
	memcpy(old, mac, MAC_LEN);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (mac_parse(bad[i], mac) != -EINVAL)
			FAIL("\"%s\" accepted", bad[i]);
		CHECK(!memcmp(mac, old, MAC_LEN));
	}
	return 0;
}

static int test_config_defaults(void)
{
	struct transport_config c;

	memset(&c, 0x77, sizeof(c));
	transport_config_init(&c, "eth0");
	CHECK_STR(c.ifname, "eth0");
	CHECK_INT(c.ts_type, TS_HARDWARE);
	CHECK_INT(c.hwts_filter, HWTS_FILTER_NORMAL);
	CHECK_INT(c.tx_timestamp_timeout, 1);
	CHECK_INT(c.udp_ttl, 1);
	CHECK_INT(c.udp6_scope, 0x0E);
	CHECK_INT(c.dscp_event, 0);
	CHECK_INT(c.dscp_general, 0);
	CHECK_INT(c.socket_priority, 0);
	CHECK(!memcmp(c.ptp_dst_mac, "\x01\x1b\x19\x00\x00\x00", MAC_LEN));
	CHECK(!memcmp(c.p2p_dst_mac, "\x01\x80\xc2\x00\x00\x0e", MAC_LEN));
	return 0;
}

static const char *addr_str(const struct trans_addr *a)
{
	static char s[INET6_ADDRSTRLEN];

	if (a->sa.sa_family == AF_INET)
		return inet_ntop(AF_INET, &a->sin.sin_addr, s, sizeof(s));
	return inet_ntop(AF_INET6, &a->sin6.sin6_addr, s, sizeof(s));
}

static int test_mcast_addrs(void)
{
	struct trans_addr a;

	udp_mcast_addr(DEST_DEFAULT, &a);
	CHECK_STR(addr_str(&a), "224.0.1.129");
	CHECK_INT(a.len, sizeof(struct sockaddr_in));
	udp_mcast_addr(DEST_PEER, &a);
	CHECK_STR(addr_str(&a), "224.0.0.107");

	udp6_mcast_addr(DEST_DEFAULT, 0x0E, 7, &a);
	CHECK_STR(addr_str(&a), "ff0e::181");
	CHECK_INT(a.sin6.sin6_scope_id, 0);
	CHECK_INT(a.len, sizeof(struct sockaddr_in6));
	udp6_mcast_addr(DEST_DEFAULT, 0x05, 7, &a);
	CHECK_STR(addr_str(&a), "ff05::181");
	CHECK_INT(a.sin6.sin6_scope_id, 0);
	/* link-local scope: the group is bound to our interface */
	udp6_mcast_addr(DEST_DEFAULT, 0x02, 7, &a);
	CHECK_STR(addr_str(&a), "ff02::181");
	CHECK_INT(a.sin6.sin6_scope_id, 7);
	udp6_mcast_addr(DEST_PEER, 0x0E, 9, &a);
	CHECK_STR(addr_str(&a), "ff02::6b");
	CHECK_INT(a.sin6.sin6_scope_id, 9);

	raw_mcast_addr((const uint8_t *)"\x01\x1b\x19\x00\x00\x00", 3, &a);
	CHECK_INT(a.sll.sll_family, AF_PACKET);
	CHECK_INT(ntohs(a.sll.sll_protocol), 0x88F7);
	CHECK_INT(a.sll.sll_ifindex, 3);
	CHECK_INT(a.sll.sll_halen, 6);
	CHECK(!memcmp(a.sll.sll_addr, "\x01\x1b\x19\x00\x00\x00", 6));
	return 0;
}

/* A control buffer with an SO_TIMESTAMPNS and an SCM_TIMESTAMPING. */
static void build_cmsgs(struct msghdr *msg, void *control, size_t cap,
			size_t tsing_len)
{
	struct timespec ns = { 11, 12 };
	struct scm_timestamping st = {
		.ts = { { 1, 2 }, { 3, 4 }, { 5, 6 } },
	};
	struct cmsghdr *cm;

	memset(control, 0, cap);
	memset(msg, 0, sizeof(*msg));
	msg->msg_control = control;
	msg->msg_controllen = CMSG_SPACE(sizeof(ns)) + CMSG_SPACE(sizeof(st));
	cm = CMSG_FIRSTHDR(msg);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SO_TIMESTAMPNS;
	cm->cmsg_len = CMSG_LEN(sizeof(ns));
	memcpy(CMSG_DATA(cm), &ns, sizeof(ns));
	cm = CMSG_NXTHDR(msg, cm);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SO_TIMESTAMPING;
	cm->cmsg_len = CMSG_LEN(tsing_len);
	memcpy(CMSG_DATA(cm), &st, tsing_len);
}

static int test_cmsg_parse(void)
{
	union {
		char buf[256];
		struct cmsghdr align;
	} control;
	struct timespec ts, sw;
	struct msghdr msg;

	build_cmsgs(&msg, control.buf, sizeof(control.buf),
		    sizeof(struct scm_timestamping));
	CHECK_INT(sk_cmsg_timestamp(&msg, TS_SOFTWARE, &ts), 1);
	CHECK_INT(ts.tv_sec, 1);
	CHECK_INT(ts.tv_nsec, 2);
	CHECK_INT(sk_cmsg_timestamp(&msg, TS_LEGACY_HW, &ts), 1);
	CHECK_INT(ts.tv_sec, 3);
	CHECK_INT(ts.tv_nsec, 4);
	CHECK_INT(sk_cmsg_timestamp(&msg, TS_HARDWARE, &ts), 1);
	CHECK_INT(ts.tv_sec, 5);
	CHECK_INT(ts.tv_nsec, 6);
	CHECK_INT(sk_cmsg_timestamp(&msg, TS_P2P1STEP, &ts), 1);
	CHECK_INT(ts.tv_sec, 5);
	/* check_fup_sync: the software one beside the hardware one */
	CHECK_INT(sk_cmsg_timestamps(&msg, TS_HARDWARE, &ts, &sw), 1);
	CHECK_INT(ts.tv_sec, 5);
	CHECK_INT(sw.tv_sec, 1);
	CHECK_INT(sw.tv_nsec, 2);

	/* two timespecs instead of three */
	build_cmsgs(&msg, control.buf, sizeof(control.buf),
		    2 * sizeof(struct timespec));
	log_start();
	ts.tv_sec = 99;
	CHECK_INT(sk_cmsg_timestamp(&msg, TS_SOFTWARE, &ts), -EBADMSG);
	CHECK_INT(ts.tv_sec, 99);
	CHECK_STR(logbuf, "<4>short SO_TIMESTAMPING message\n");

	/* only the SO_TIMESTAMPNS one */
	build_cmsgs(&msg, control.buf, sizeof(control.buf),
		    sizeof(struct scm_timestamping));
	msg.msg_controllen = CMSG_SPACE(sizeof(struct timespec));
	CHECK_INT(sk_cmsg_timestamp(&msg, TS_SOFTWARE, &ts), 0);
	msg.msg_controllen = 0;
	CHECK_INT(sk_cmsg_timestamp(&msg, TS_SOFTWARE, &ts), 0);
	sk_set_log(NULL);
	return 0;
}

static int test_ts_modes(void)
{
	struct sk_ts_info info = {
		.valid = true,
		.phc_index = -1,
		.so_timestamping = SOF_TIMESTAMPING_TX_SOFTWARE |
				   SOF_TIMESTAMPING_RX_SOFTWARE |
				   SOF_TIMESTAMPING_SOFTWARE,
	};

	CHECK_INT(sk_required_modes(TS_SOFTWARE), 0x1A);
	CHECK_INT(sk_required_modes(TS_HARDWARE), 0x45);
	CHECK_INT(sk_required_modes(TS_ONESTEP), 0x45);
	CHECK_INT(sk_required_modes(TS_P2P1STEP), 0x45);
	CHECK_INT(sk_required_modes(TS_LEGACY_HW), 0x25);

	log_start();
	CHECK_INT(sk_check_ts_modes("eth9", &info, TS_SOFTWARE), 0);
	CHECK_STR(logbuf, "");
	CHECK_INT(sk_check_ts_modes("eth9", &info, TS_HARDWARE), -EOPNOTSUPP);
	CHECK_STR(logbuf, "<3>interface 'eth9' does not support requested "
		  "timestamping mode\n");
	/* one capability missing is enough to refuse */
	info.so_timestamping = 0x45 | SOF_TIMESTAMPING_TX_SOFTWARE |
			       SOF_TIMESTAMPING_SOFTWARE;
	CHECK_INT(sk_check_ts_modes("eth9", &info, TS_HARDWARE), 0);
	CHECK_INT(sk_check_ts_modes("eth9", &info, TS_SOFTWARE), -EOPNOTSUPP);
	/*
	 * legacy wants SYS_HARDWARE, which no driver of 6.1 or 6.12 reports
	 * (ptpsim and real NICs give TX/RX/RAW hardware): refused as ptp4l -L
	 */
	logbuf[0] = 0;
	CHECK_INT(sk_check_ts_modes("eth9", &info, TS_LEGACY_HW), -EOPNOTSUPP);
	CHECK_STR(logbuf, "<3>interface 'eth9' does not support requested "
		  "timestamping mode\n");
	/* an interface that could not be asked is let through */
	info.valid = false;
	info.so_timestamping = 0;
	CHECK_INT(sk_check_ts_modes("eth9", &info, TS_HARDWARE), 0);
	sk_set_log(NULL);
	return 0;
}

static int test_errqueue_match(void)
{
	static const uint8_t sent[] = { 0x00, 0x02, 0x00, 0x2c, 0x11 };
	uint8_t frame[64];

	memset(frame, 0xee, sizeof(frame));
	memcpy(frame + 42, sent, sizeof(sent));
	CHECK(sk_errqueue_match(frame, sizeof(frame), sent, sizeof(sent)));
	CHECK(sk_errqueue_match(sent, sizeof(sent), sent, sizeof(sent)));
	CHECK(!sk_errqueue_match(frame, 46, sent, sizeof(sent)));
	frame[44] = 0x01;
	CHECK(!sk_errqueue_match(frame, sizeof(frame), sent, sizeof(sent)));
	CHECK(!sk_errqueue_match(frame, sizeof(frame), sent, 0));
	return 0;
}

static int64_t ts_ns(const struct timespec *t)
{
	return (int64_t)t->tv_sec * 1000000000 + t->tv_nsec;
}

static int test_tx_timeout(void)
{
	struct timespec t0, t1;
	struct pkt_ts ts = { .valid = true };
	int fd = socket(AF_INET, SOCK_DGRAM, 0);

	CHECK(fd >= 0);
	log_start();
	clock_gettime(CLOCK_MONOTONIC, &t0);
	CHECK_INT(sk_tx_timestamp(fd, "x", 1, TS_SOFTWARE, 5, &ts),
		  -ETIMEDOUT);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	close(fd);
	sk_set_log(NULL);
	CHECK(!ts.valid);
	CHECK(ts_ns(&t1) - ts_ns(&t0) >= 4000000);
	CHECK_STR(logbuf,
		  "<3>timed out while polling for tx timestamp\n"
		  "<3>increasing tx_timestamp_timeout may correct this "
		  "issue, but it is likely caused by a driver bug\n");
	return 0;
}

static int test_closed_transport(void)
{
	struct transport_config cfg;
	struct pkt_ts ts = { .valid = true };
	struct transport *t;
	uint8_t buf[8] = { 0 };

	transport_config_init(&cfg, "nonexistent0");
	CHECK(!transport_create(0, &cfg));
	CHECK(!transport_create(7, &cfg));
	t = transport_create(TRANS_UDP_IPV4, &cfg);
	CHECK(t);
	CHECK_INT(transport_fd(t, TRANS_EVENT), -1);
	CHECK_INT(transport_send(t, TRANS_EVENT, DEST_DEFAULT, NULL, buf,
				 sizeof(buf), &ts), -EBADF);
	CHECK(!ts.valid);
	CHECK_INT(transport_recv(t, TRANS_GENERAL, buf, sizeof(buf), NULL,
				 &ts), -EBADF);
	log_start();
	CHECK_INT(transport_open(t), -ENODEV);
	CHECK_STR(logbuf, "<3>ioctl SIOCGIFINDEX failed: No such device\n");
	CHECK_INT(transport_fd(t, TRANS_GENERAL), -1);
	sk_set_log(NULL);
	transport_destroy(t);
	transport_destroy(NULL);
	return 0;
}

/* ---- live traffic between two network namespaces ---- */

#define IF_A "ptpka"
#define IF_B "ptpkb"
#define SKIP 77

static unsigned int nl_seq;

/* Sends one rtnetlink request and waits for its ack: 0 or -errno. */
static int rtnl_do(struct mnl_socket *nl, struct nlmsghdr *nlh)
{
	char buf[8192];
	ssize_t n;
	int ret;

	nlh->nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = ++nl_seq;
	if (mnl_socket_sendto(nl, nlh, nlh->nlmsg_len) < 0)
		return -errno;
	n = mnl_socket_recvfrom(nl, buf, sizeof(buf));
	if (n < 0)
		return -errno;
	ret = mnl_cb_run(buf, n, nl_seq, mnl_socket_get_portid(nl), NULL,
			 NULL);
	return ret < 0 ? -errno : 0;
}

static struct nlmsghdr *link_msg(void *buf, uint16_t flags, int ifindex)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct ifinfomsg *ifm;

	nlh->nlmsg_type = RTM_NEWLINK;
	nlh->nlmsg_flags = flags;
	ifm = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifm));
	ifm->ifi_family = AF_UNSPEC;
	ifm->ifi_index = ifindex;
	return nlh;
}

static int veth_add(struct mnl_socket *nl, const char *a, const char *b)
{
	char buf[1024];
	struct nlmsghdr *nlh = link_msg(buf, NLM_F_CREATE | NLM_F_EXCL, 0);
	struct nlattr *info, *data, *peer;

	mnl_attr_put_strz(nlh, IFLA_IFNAME, a);
	info = mnl_attr_nest_start(nlh, IFLA_LINKINFO);
	mnl_attr_put_strz(nlh, IFLA_INFO_KIND, "veth");
	data = mnl_attr_nest_start(nlh, IFLA_INFO_DATA);
	peer = mnl_attr_nest_start(nlh, VETH_INFO_PEER);
	/* the peer's attributes follow its own ifinfomsg */
	memset(mnl_nlmsg_get_payload_tail(nlh), 0, sizeof(struct ifinfomsg));
	nlh->nlmsg_len += MNL_ALIGN(sizeof(struct ifinfomsg));
	mnl_attr_put_strz(nlh, IFLA_IFNAME, b);
	mnl_attr_nest_end(nlh, peer);
	mnl_attr_nest_end(nlh, data);
	mnl_attr_nest_end(nlh, info);
	return rtnl_do(nl, nlh);
}

static int link_to_netns(struct mnl_socket *nl, int ifindex, int nsfd)
{
	char buf[256];
	struct nlmsghdr *nlh = link_msg(buf, 0, ifindex);

	mnl_attr_put_u32(nlh, IFLA_NET_NS_FD, nsfd);
	return rtnl_do(nl, nlh);
}

static int link_up(struct mnl_socket *nl, int ifindex)
{
	char buf[256];
	struct nlmsghdr *nlh = link_msg(buf, 0, ifindex);
	struct ifinfomsg *ifm = mnl_nlmsg_get_payload(nlh);

	ifm->ifi_flags = IFF_UP;
	ifm->ifi_change = IFF_UP;
	return rtnl_do(nl, nlh);
}

static int addr_add(struct mnl_socket *nl, int ifindex, int family,
		    const char *addr, int plen)
{
	char buf[256];
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct ifaddrmsg *ifa;
	uint8_t a[16];

	nlh->nlmsg_type = RTM_NEWADDR;
	nlh->nlmsg_flags = NLM_F_CREATE | NLM_F_EXCL;
	ifa = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifa));
	ifa->ifa_family = family;
	ifa->ifa_prefixlen = plen;
	ifa->ifa_index = ifindex;
	if (inet_pton(family, addr, a) != 1)
		return -EINVAL;
	mnl_attr_put(nlh, IFA_LOCAL, family == AF_INET ? 4 : 16, a);
	mnl_attr_put(nlh, IFA_ADDRESS, family == AF_INET ? 4 : 16, a);
	/* usable at once, without duplicate address detection */
	if (family == AF_INET6)
		mnl_attr_put_u32(nlh, IFA_FLAGS, IFA_F_NODAD);
	return rtnl_do(nl, nlh);
}

/*
 * Link state reaches IFF_RUNNING, and the queue is attached, from the
 * linkwatch work a little after the link goes up; until then packets drop.
 */
static int wait_running(const char *ifname)
{
	int i;

	for (i = 0; i < 300; i++) {
		if (sk_if_running(ifname) == 1)
			return 0;
		usleep(10000);
	}
	return -ETIMEDOUT;
}

/* Brings ifname up in the current netns with the given addresses. */
static int host_setup(const char *ifname, const char *ip4, const char *ip6)
{
	struct mnl_socket *nl = mnl_socket_open(NETLINK_ROUTE);
	int idx = if_nametoindex(ifname), err = -ENODEV;

	if (!nl)
		return -errno;
	if (mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0)
		err = -errno;
	else if (idx)
		err = link_up(nl, idx);
	if (!err)
		err = addr_add(nl, idx, AF_INET, ip4, 24);
	if (!err)
		err = addr_add(nl, idx, AF_INET6, ip6, 64);
	mnl_socket_close(nl);
	return err;
}

static int ns_a = -1, ns_b = -1;

/*
 * Two namespaces, A and B, joined by a veth pair: IF_A (192.0.2.1,
 * fd00::1) in A and IF_B (192.0.2.2, fd00::2) in B. Returns SKIP when
 * namespaces or veth are not available here; leaves us in A.
 */
static int netns_setup(void)
{
	struct mnl_socket *nl;
	int idx, err;

	if (unshare(CLONE_NEWNET) &&
	    unshare(CLONE_NEWUSER | CLONE_NEWNET)) {
		printf("# skip: live transport tests: cannot create a "
		       "network namespace: %s\n", strerror(errno));
		return SKIP;
	}
	ns_a = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	nl = mnl_socket_open(NETLINK_ROUTE);
	if (ns_a < 0 || !nl || mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0)
		FAIL("netlink: %s", strerror(errno));
	err = veth_add(nl, IF_A, IF_B);
	if (err) {
		printf("# skip: live transport tests: cannot create a veth "
		       "pair: %s\n", strerror(-err));
		mnl_socket_close(nl);
		return SKIP;
	}
	idx = if_nametoindex(IF_B);
	if (!idx || unshare(CLONE_NEWNET))
		FAIL("second namespace: %s", strerror(errno));
	ns_b = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	CHECK(ns_b >= 0);
	CHECK_INT(link_to_netns(nl, idx, ns_b), 0);
	mnl_socket_close(nl);
	CHECK_INT(host_setup(IF_B, "192.0.2.2", "fd00::2"), 0);
	CHECK_INT(setns(ns_a, CLONE_NEWNET), 0);
	CHECK_INT(host_setup(IF_A, "192.0.2.1", "fd00::1"), 0);
	CHECK_INT(wait_running(IF_A), 0);
	CHECK_INT(setns(ns_b, CLONE_NEWNET), 0);
	CHECK_INT(wait_running(IF_B), 0);
	CHECK_INT(setns(ns_a, CLONE_NEWNET), 0);
	return 0;
}

/* Opens a software-timestamping transport on ifname inside netns ns. */
static struct transport *open_in(int ns, int type,
				 const char *ifname)
{
	struct transport_config cfg;
	struct transport *t;

	if (setns(ns, CLONE_NEWNET))
		return NULL;
	transport_config_init(&cfg, ifname);
	cfg.ts_type = TS_SOFTWARE;
	t = transport_create(type, &cfg);
	if (t && transport_open(t)) {
		transport_destroy(t);
		t = NULL;
	}
	return t;
}

static bool readable(struct transport *t, enum trans_fd fd, int ms)
{
	struct pollfd p = { .fd = transport_fd(t, fd), .events = POLLIN };

	return poll(&p, 1, ms) == 1 && (p.revents & POLLIN);
}

static void fake_msg(uint8_t *m, size_t len, uint8_t type, uint8_t seed)
{
	size_t i;

	for (i = 0; i < len; i++)
		m[i] = seed + 7 * i;
	m[0] = type;
	m[1] = 2;
	m[2] = len >> 8;
	m[3] = len;
}

static int check_from(int type, const struct trans_addr *f,
		      const uint8_t *mac_a, uint16_t port)
{
	switch (type) {
	case TRANS_UDP_IPV4:
		CHECK_INT(f->len, sizeof(struct sockaddr_in));
		CHECK_STR(addr_str(f), "192.0.2.1");
		CHECK_INT(ntohs(f->sin.sin_port), port);
		break;
	case TRANS_UDP_IPV6:
		CHECK_INT(f->len, sizeof(struct sockaddr_in6));
		CHECK_STR(addr_str(f), "fd00::1");
		CHECK_INT(ntohs(f->sin6.sin6_port), port);
		break;
	case TRANS_IEEE_802_3:
		CHECK_INT(f->sll.sll_family, AF_PACKET);
		CHECK_INT(ntohs(f->sll.sll_protocol), 0x88F7);
		CHECK_INT(f->sll.sll_halen, 6);
		CHECK(!memcmp(f->sll.sll_addr, mac_a, MAC_LEN));
		break;
	}
	return 0;
}

/* Receives one message on b and compares it with what a sent. */
static int expect(struct transport *b, enum trans_fd fd,
		  int type, const uint8_t *sent, size_t len,
		  struct trans_addr *from, struct pkt_ts *rx)
{
	uint8_t buf[1500];
	ssize_t n;

	CHECK(readable(b, fd, 2000));
	memset(buf, 0xaa, sizeof(buf));
	n = transport_recv(b, fd, buf, sizeof(buf), from, rx);
	/* UDPv6 carries two extra zero bytes for checksum fix-ups */
	CHECK_INT(n, len + (type == TRANS_UDP_IPV6 ? 2 : 0));
	CHECK(!memcmp(buf, sent, len));
	if (type == TRANS_UDP_IPV6)
		CHECK(!buf[len] && !buf[len + 1]);
	return 0;
}

/*
 * The first socket to ask for RX software timestamps switches them on
 * from a work item (net_enable_timestamp()), so the first packets right
 * after may come without one: send until one comes stamped.
 */
static int warm_up(struct transport *a, struct transport *b)
{
	struct pkt_ts rx;
	uint8_t m[44], buf[1500];
	int i;

	fake_msg(m, sizeof(m), 0x0, 0xff);
	for (i = 0; i < 100; i++) {
		CHECK(transport_send(a, TRANS_EVENT, DEST_DEFAULT, NULL, m,
				     sizeof(m), NULL) == sizeof(m));
		if (!readable(b, TRANS_EVENT, 20))
			continue;
		CHECK(transport_recv(b, TRANS_EVENT, buf, sizeof(buf), NULL,
				     &rx) >= (ssize_t)sizeof(m));
		if (rx.valid)
			break;
		usleep(10000);
	}
	/* drop what is still on its way */
	while (readable(b, TRANS_EVENT, 20))
		transport_recv(b, TRANS_EVENT, buf, sizeof(buf), NULL, &rx);
	if (i < 100)
		return 0;
	FAIL("no RX timestamps");
}

static int live_transport(int type)
{
	struct transport *a, *b, *c = NULL;
	struct timespec before, after, now;
	struct pkt_ts tx, rx;
	struct trans_addr from, to;
	struct ClockIdentity cid;
	uint8_t sync[44], ann[64], dreq[44], mac_a[MAC_LEN], pa[16];
	int64_t t0, t1;

	a = open_in(ns_a, type, IF_A);
	CHECK(a);
	b = open_in(ns_b, type, IF_B);
	CHECK(b);

	/* clockIdentity from the MAC the transport reports */
	CHECK_INT(transport_physical_addr(b, pa, sizeof(pa)), MAC_LEN);
	CHECK_INT(sk_mac_addr(IF_B, mac_a), 0);
	CHECK(!memcmp(pa, mac_a, MAC_LEN));
	CHECK_INT(setns(ns_a, CLONE_NEWNET), 0);
	CHECK_INT(transport_physical_addr(a, pa, sizeof(pa)), MAC_LEN);
	CHECK_INT(sk_mac_addr(IF_A, mac_a), 0);
	CHECK(!memcmp(pa, mac_a, MAC_LEN));
	clock_identity_from_mac(mac_a, &cid);
	CHECK(cid.id[3] == 0xff && cid.id[4] == 0xfe && cid.id[7] == pa[5]);

	switch (type) {
	case TRANS_UDP_IPV4:
		CHECK_INT(transport_protocol_addr(a, pa, sizeof(pa)), 4);
		CHECK(!memcmp(pa, "\xc0\x00\x02\x01", 4));
		break;
	case TRANS_UDP_IPV6:
		CHECK_INT(transport_protocol_addr(a, pa, sizeof(pa)), 16);
		break;
	case TRANS_IEEE_802_3:
		CHECK_INT(transport_protocol_addr(a, pa, sizeof(pa)), 6);
		CHECK(!memcmp(pa, mac_a, MAC_LEN));
		/* a second port on the same link must not see A's frames */
		c = open_in(ns_a, type, IF_A);
		CHECK(c);
		break;
	}

	CHECK(!warm_up(a, b));
	/* event message to the default group, with a TX timestamp */
	fake_msg(sync, sizeof(sync), 0x0, type);
	clock_gettime(CLOCK_REALTIME, &before);
	CHECK_INT(transport_send(a, TRANS_EVENT, DEST_DEFAULT, NULL, sync,
				 sizeof(sync), &tx), sizeof(sync));
	clock_gettime(CLOCK_REALTIME, &after);
	CHECK(tx.valid);
	CHECK(ts_ns(&tx.ts) >= ts_ns(&before) && ts_ns(&tx.ts) <= ts_ns(&after));
	CHECK(!expect(b, TRANS_EVENT, type, sync, sizeof(sync), &from, &rx));
	clock_gettime(CLOCK_REALTIME, &now);
	CHECK(rx.valid);
	t0 = ts_ns(&tx.ts);
	t1 = ts_ns(&rx.ts);
	if (t1 < t0 || t1 > ts_ns(&now))
		FAIL("rx %lld not in [tx %lld, now %lld]", (long long)t1,
		     (long long)t0, (long long)ts_ns(&now));
	CHECK(!check_from(type, &from, mac_a, PTP_EVENT_PORT));
	CHECK(!readable(b, TRANS_GENERAL, 0));
	if (c)
		CHECK(!readable(c, TRANS_EVENT, 50) &&
		      !readable(c, TRANS_GENERAL, 0));

	/* general message to the peer-delay group: no timestamps */
	fake_msg(ann, sizeof(ann), 0xB, type);
	CHECK_INT(transport_send(a, TRANS_GENERAL, DEST_PEER, NULL, ann,
				 sizeof(ann), &tx), sizeof(ann));
	CHECK(!tx.valid);
	CHECK(!expect(b, TRANS_GENERAL, type, ann, sizeof(ann), &from, &rx));
	CHECK(!rx.valid);
	CHECK(!check_from(type, &from, mac_a, PTP_GENERAL_PORT));
	CHECK(!readable(b, TRANS_EVENT, 0));

	/* a stale timestamp in the error queue is skipped, not mistaken */
	fake_msg(dreq, sizeof(dreq), 0x1, type + 1);
	CHECK_INT(transport_send(a, TRANS_EVENT, DEST_DEFAULT, NULL, dreq,
				 sizeof(dreq), NULL), sizeof(dreq));
	clock_gettime(CLOCK_REALTIME, &before);
	CHECK_INT(transport_send(a, TRANS_EVENT, DEST_DEFAULT, NULL, sync,
				 sizeof(sync), &tx), sizeof(sync));
	CHECK(tx.valid && ts_ns(&tx.ts) >= ts_ns(&before));
	CHECK(!expect(b, TRANS_EVENT, type, dreq, sizeof(dreq), &from, &rx));
	CHECK(!expect(b, TRANS_EVENT, type, sync, sizeof(sync), &from, &rx));
	/* and a deferred one is fetched after the send */
	CHECK_INT(transport_send(a, TRANS_EVENT, DEST_DEFAULT, NULL, dreq,
				 sizeof(dreq), NULL), sizeof(dreq));
	clock_gettime(CLOCK_REALTIME, &after);
	CHECK_INT(transport_txts(a, dreq, sizeof(dreq), &tx), 0);
	CHECK(tx.valid && ts_ns(&tx.ts) <= ts_ns(&after));
	CHECK(ts_ns(&tx.ts) > ts_ns(&before));
	CHECK(!expect(b, TRANS_EVENT, type, dreq, sizeof(dreq), &from, &rx));

	/* event message unicast to B, answered to where it came from */
	memset(&to, 0, sizeof(to));
	switch (type) {
	case TRANS_UDP_IPV4:
		to.sin.sin_family = AF_INET;
		inet_pton(AF_INET, "192.0.2.2", &to.sin.sin_addr);
		to.len = sizeof(to.sin);
		break;
	case TRANS_UDP_IPV6:
		to.sin6.sin6_family = AF_INET6;
		inet_pton(AF_INET6, "fd00::2", &to.sin6.sin6_addr);
		to.len = sizeof(to.sin6);
		break;
	case TRANS_IEEE_802_3:
		CHECK_INT(transport_physical_addr(b, pa, sizeof(pa)), 6);
		raw_mcast_addr(pa, 0, &to);
		break;
	}
	fake_msg(dreq, sizeof(dreq), 0x1, type);
	CHECK_INT(transport_send(a, TRANS_EVENT, DEST_UNICAST, &to, dreq,
				 sizeof(dreq), &tx), sizeof(dreq));
	CHECK(tx.valid);
	CHECK(!expect(b, TRANS_EVENT, type, dreq, sizeof(dreq), &from, &rx));
	CHECK(rx.valid && ts_ns(&rx.ts) >= ts_ns(&tx.ts));
	/* the reply goes back to the source address B saw */
	CHECK_INT(transport_send(b, TRANS_EVENT, DEST_UNICAST, &from, sync,
				 sizeof(sync), &tx), sizeof(sync));
	CHECK(tx.valid);
	CHECK(!expect(a, TRANS_EVENT, type, sync, sizeof(sync), &from, &rx));
	CHECK(rx.valid);
	/* a unicast address of the wrong family is refused */
	udp_mcast_addr(DEST_DEFAULT, &to);
	if (type != TRANS_UDP_IPV4)
		CHECK_INT(transport_send(a, TRANS_EVENT, DEST_UNICAST, &to,
					 sync, sizeof(sync), NULL), -EINVAL);
	CHECK_INT(transport_send(a, TRANS_EVENT, DEST_UNICAST, NULL, sync,
				 sizeof(sync), NULL), -EINVAL);

	transport_destroy(c);
	transport_destroy(a);
	transport_destroy(b);
	return 0;
}

static int live_sk(void)
{
	struct transport_config cfg;
	struct sk_ts_info info;
	struct transport *t;
	char want[256];

	CHECK_INT(setns(ns_a, CLONE_NEWNET), 0);
	CHECK_INT(sk_if_running(IF_A), 1);
	CHECK_INT(sk_if_running("lo"), 0);
	CHECK_INT(sk_if_running("nonexistent0"), -ENODEV);
	CHECK(sk_ifindex(IF_A) > 0);

	/* veth timestamps in software only, and has no PHC */
	CHECK_INT(sk_get_ts_info(IF_A, &info), 0);
	CHECK(info.valid);
	CHECK_INT(info.phc_index, -1);
	log_start();
	CHECK_INT(sk_check_ts_modes(IF_A, &info, TS_SOFTWARE), 0);
	CHECK_INT(sk_check_ts_modes(IF_A, &info, TS_HARDWARE), -EOPNOTSUPP);
	CHECK_STR(logbuf, "<3>interface '" IF_A "' does not support "
		  "requested timestamping mode\n");

	/* asking veth for hardware timestamps: ptp4l's two messages */
	transport_config_init(&cfg, IF_A);
	t = transport_create(TRANS_UDP_IPV4, &cfg);
	CHECK(t);
	log_start();
	CHECK_INT(transport_open(t), -EOPNOTSUPP);
	snprintf(want, sizeof(want),
		 "<6>driver rejected most general HWTSTAMP filter\n"
		 "<3>ioctl SIOCSHWTSTAMP failed: %s\n", strerror(EOPNOTSUPP));
	CHECK_STR(logbuf, want);
	CHECK_INT(transport_fd(t, TRANS_EVENT), -1);
	transport_destroy(t);
	sk_set_log(NULL);
	return 0;
}

static int live_all(void)
{
	int err = netns_setup();

	if (err)
		return err;
	if (live_sk())
		return 1;
	if (live_transport(TRANS_UDP_IPV4)) {
		printf("# in UDPv4\n");
		return 1;
	}
	if (live_transport(TRANS_UDP_IPV6)) {
		printf("# in UDPv6\n");
		return 1;
	}
	if (live_transport(TRANS_IEEE_802_3)) {
		printf("# in L2\n");
		return 1;
	}
	return 0;
}

static int test_live(void)
{
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	CHECK(pid >= 0);
	if (!pid) {
		/* The namespaces die with the child: nothing to clean up. */
		sk_set_log(log_capture);
		status = live_all();
		if (status && status != SKIP && logbuf[0]) {
			printf("# messages:\n");
			test_print_commented(logbuf);
		}
		fflush(stdout);
		_exit(status);
	}
	CHECK_INT(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status));
	if (WEXITSTATUS(status) == SKIP)
		return 0;
	CHECK_INT(WEXITSTATUS(status), 0);
	return 0;
}

/* check_fup_sync on a real socket: a software RX timestamp comes too */
static int test_rx_sw_timestamps(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t alen = sizeof(a);
	struct pkt_ts ts;
	struct iovec iov;
	char buf[8] = "ptpk";
	ssize_t n = -1;
	int fd, i;

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	CHECK(fd >= 0);
	CHECK_INT(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
	CHECK_INT(getsockname(fd, (struct sockaddr *)&a, &alen), 0);
	CHECK_INT(sk_rx_sw_timestamps(fd), 0);
	iov.iov_base = buf;
	iov.iov_len = sizeof(buf);
	/*
	 * The kernel turns RX time stamping on from a work item: the first
	 * packets after the first such socket may come without one.
	 */
	for (i = 0; i < 200; i++) {
		CHECK_INT(sendto(fd, "ptpk", 4, 0, (struct sockaddr *)&a,
				 sizeof(a)), 4);
		do {
			n = sk_receive(fd, &iov, 1, NULL, NULL, TS_HARDWARE,
				       &ts);
		} while (n == -EAGAIN && !usleep(1000));
		if (n != 4 || ts.sw.tv_sec)
			break;
		usleep(5000);
	}
	close(fd);
	CHECK_INT(n, 4);
	CHECK(!ts.valid);		/* no hardware one on loopback */
	CHECK(ts.sw.tv_sec > 0);
	return 0;
}

static const struct test transport_tests[] = {
	{ "transport: names", test_names },
	{ "transport: software RX timestamps (check_fup_sync)",
	  test_rx_sw_timestamps },
	{ "transport: clockIdentity from MAC", test_clock_identity },
	{ "transport: MAC parsing", test_mac_parse },
	{ "transport: config defaults", test_config_defaults },
	{ "transport: multicast addresses", test_mcast_addrs },
	{ "transport: SCM_TIMESTAMPING parsing", test_cmsg_parse },
	{ "transport: required timestamping modes", test_ts_modes },
	{ "transport: error queue matching", test_errqueue_match },
	{ "transport: tx timestamp timeout", test_tx_timeout },
	{ "transport: closed transport", test_closed_transport },
	{ "transport: live UDPv4/UDPv6/L2 over veth", test_live },
	{ NULL, NULL },
};

TEST_SUITE(transport_tests);
