// SPDX-License-Identifier: GPL-2.0
/* Minimal generic-netlink client for the selftests (see nl.h). */
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <time.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "nl.h"

#define MONITOR_GROUP "monitor"

struct family_info {
	uint16_t id;
	uint32_t version;
	uint32_t mcgrp;
};

static int group_cb(const struct nlattr *grp, struct family_info *fi)
{
	const struct nlattr *a, *name = NULL, *id = NULL;

	mnl_attr_for_each_nested(a, grp) {
		if (mnl_attr_get_type(a) == CTRL_ATTR_MCAST_GRP_NAME)
			name = a;
		else if (mnl_attr_get_type(a) == CTRL_ATTR_MCAST_GRP_ID)
			id = a;
	}
	if (name && id && !strcmp(mnl_attr_get_str(name), MONITOR_GROUP))
		fi->mcgrp = mnl_attr_get_u32(id);
	return 0;
}

static int family_cb(const struct nlmsghdr *nlh, void *arg)
{
	struct family_info *fi = arg;
	const struct nlattr *a, *g;

	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		switch (mnl_attr_get_type(a)) {
		case CTRL_ATTR_FAMILY_ID:
			fi->id = mnl_attr_get_u16(a);
			break;
		case CTRL_ATTR_VERSION:
			fi->version = mnl_attr_get_u32(a);
			break;
		case CTRL_ATTR_MCAST_GROUPS:
			mnl_attr_for_each_nested(g, a)
				group_cb(g, fi);
			break;
		}
	}
	return 0;
}

int nl_open(struct nl *nl, const char *family)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct family_info fi = { 0 };
	struct nlmsghdr *nlh;
	struct genlmsghdr *g;
	int one = 1, err;

	memset(nl, 0, sizeof(*nl));
	nl->sock = mnl_socket_open(NETLINK_GENERIC);
	if (!nl->sock)
		return -errno;
	if (mnl_socket_bind(nl->sock, 0, MNL_SOCKET_AUTOPID) < 0) {
		err = -errno;
		nl_close(nl);
		return err;
	}
	mnl_socket_setsockopt(nl->sock, NETLINK_EXT_ACK, &one, sizeof(one));
	nl->portid = mnl_socket_get_portid(nl->sock);
	nl->seq = (unsigned int)time(NULL);

	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = GENL_ID_CTRL;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = ++nl->seq;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = CTRL_CMD_GETFAMILY;
	g->version = 1;
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, family);
	err = nl_talk(nl, nlh, family_cb, &fi);
	if (err) {
		nl_close(nl);
		return err;
	}
	nl->family = fi.id;
	nl->version = fi.version;
	nl->mcgrp_monitor = fi.mcgrp;
	return 0;
}

void nl_close(struct nl *nl)
{
	if (nl->sock)
		mnl_socket_close(nl->sock);
	nl->sock = NULL;
}

struct nlmsghdr *nl_msg(struct nl *nl, void *buf, uint8_t cmd, uint16_t flags)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct genlmsghdr *g;

	nlh->nlmsg_type = nl->family;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | flags;
	nlh->nlmsg_seq = ++nl->seq;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = cmd;
	g->version = 1;
	return nlh;
}

static void take_extack(struct nl *nl, const struct nlmsghdr *nlh,
			const struct nlmsgerr *e)
{
	const struct nlattr *a;
	size_t off = sizeof(*e);

	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		off += e->msg.nlmsg_len - sizeof(e->msg);
	mnl_attr_for_each(a, nlh, off) {
		if (mnl_attr_get_type(a) == NLMSGERR_ATTR_MSG &&
		    mnl_attr_validate(a, MNL_TYPE_NUL_STRING) == 0) {
			strncpy(nl->extack, mnl_attr_get_str(a),
				sizeof(nl->extack) - 1);
		}
	}
}

/* Walk one datagram. Returns 1 to continue, 0 when done, -errno on error. */
static int walk(struct nl *nl, char *buf, int len, unsigned int seq,
		nl_data_cb cb, void *arg)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;

	for (; mnl_nlmsg_ok(nlh, len); nlh = mnl_nlmsg_next(nlh, &len)) {
		if (seq && nlh->nlmsg_seq != seq)
			continue;
		if (nlh->nlmsg_type == NLMSG_ERROR) {
			const struct nlmsgerr *e = mnl_nlmsg_get_payload(nlh);

			take_extack(nl, nlh, e);
			return e->error;
		}
		if (nlh->nlmsg_type == NLMSG_DONE) {
			const int *err = mnl_nlmsg_get_payload(nlh);

			if (nlh->nlmsg_len >= NLMSG_LENGTH(sizeof(int)) && *err)
				return *err;
			return 0;
		}
		if (cb && cb(nlh, arg) < 0)
			return -EPROTO;
	}
	return 1;
}

int nl_talk_raw(struct nl *nl, const void *msg, size_t len, nl_data_cb cb,
		void *arg)
{
	const struct nlmsghdr *req = msg;
	static char buf[1 << 16];
	int n, r;

	nl->extack[0] = '\0';
	if (mnl_socket_sendto(nl->sock, msg, len) < 0)
		return -errno;
	for (;;) {
		n = mnl_socket_recvfrom(nl->sock, buf, sizeof(buf));
		if (n < 0)
			return -errno;
		r = walk(nl, buf, n, req->nlmsg_seq, cb, arg);
		if (r <= 0)
			return r;
	}
}

int nl_talk(struct nl *nl, struct nlmsghdr *nlh, nl_data_cb cb, void *arg)
{
	return nl_talk_raw(nl, nlh, nlh->nlmsg_len, cb, arg);
}

int nl_join_monitor(struct nl *nl)
{
	if (!nl->mcgrp_monitor)
		return -ENOENT;
	if (mnl_socket_setsockopt(nl->sock, NETLINK_ADD_MEMBERSHIP,
				  &nl->mcgrp_monitor,
				  sizeof(nl->mcgrp_monitor)) < 0)
		return -errno;
	return 0;
}

int nl_recv_one(struct nl *nl, int timeout_ms, nl_data_cb cb, void *arg)
{
	struct pollfd p = { .fd = mnl_socket_get_fd(nl->sock),
			    .events = POLLIN };
	static char buf[1 << 16];
	int n;

	if (poll(&p, 1, timeout_ms) != 1)
		return -ETIMEDOUT;
	n = mnl_socket_recvfrom(nl->sock, buf, sizeof(buf));
	if (n < 0)
		return -errno;
	return walk(nl, buf, n, 0, cb, arg) < 0 ? -EPROTO : 0;
}

struct parse_ctx {
	const struct nlattr **tb;
	int max;
};

static int parse_cb(const struct nlattr *a, void *data)
{
	struct parse_ctx *c = data;
	int t = mnl_attr_get_type(a);

	if (t <= c->max)
		c->tb[t] = a;
	return MNL_CB_OK;
}

int nl_parse(const struct nlmsghdr *nlh, const struct nlattr **tb, int max)
{
	struct parse_ctx c = { tb, max };

	memset(tb, 0, sizeof(*tb) * (max + 1));
	return mnl_attr_parse(nlh, sizeof(struct genlmsghdr), parse_cb, &c) < 0 ?
		-EINVAL : 0;
}

int nl_parse_nested(const struct nlattr *nest, const struct nlattr **tb,
		    int max)
{
	struct parse_ctx c = { tb, max };

	memset(tb, 0, sizeof(*tb) * (max + 1));
	return mnl_attr_parse_nested(nest, parse_cb, &c) < 0 ? -EINVAL : 0;
}
