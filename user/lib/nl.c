// SPDX-License-Identifier: GPL-2.0
/* Generic netlink plumbing, see nl.h. */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libmnl/libmnl.h>

#include "nl.h"

#define NL_BUFLEN (64 * 1024)

/* The real transport: a NETLINK_GENERIC socket. */

static int mnl_tp_send(void *priv, const void *buf, size_t len)
{
	if (mnl_socket_sendto(priv, buf, len) < 0)
		return -errno;
	return 0;
}

static ssize_t mnl_tp_recv(void *priv, void *buf, size_t len,
			   const sigset_t *sigmask)
{
	struct mnl_socket *sk = priv;
	struct pollfd pfd = {
		.fd = mnl_socket_get_fd(sk),
		.events = POLLIN,
	};
	ssize_t n;

	if (sigmask && ppoll(&pfd, 1, NULL, sigmask) < 0)
		return -errno;
	do {
		n = mnl_socket_recvfrom(sk, buf, len);
	} while (n < 0 && errno == EINTR && !sigmask);
	return n < 0 ? -errno : n;
}

static int mnl_tp_join(void *priv, uint32_t group)
{
	if (mnl_socket_setsockopt(priv, NETLINK_ADD_MEMBERSHIP, &group,
				  sizeof(group)) < 0)
		return -errno;
	return 0;
}

static void mnl_tp_close(void *priv)
{
	mnl_socket_close(priv);
}

static const struct nl_transport mnl_transport = {
	.send = mnl_tp_send,
	.recv = mnl_tp_recv,
	.join = mnl_tp_join,
	.close = mnl_tp_close,
};

/* Family resolution through nlctrl. */

static int mcgrp_cb(const struct nlattr *grp, struct nl_sock *s)
{
	const struct nlattr *a;
	const char *name = NULL;
	uint32_t id = 0;
	bool has_id = false;
	struct nl_mcgrp *g;

	mnl_attr_for_each_nested(a, grp) {
		switch (mnl_attr_get_type(a)) {
		case CTRL_ATTR_MCAST_GRP_NAME:
			if (mnl_attr_validate(a, MNL_TYPE_NUL_STRING) < 0)
				return -EPROTO;
			name = mnl_attr_get_str(a);
			break;
		case CTRL_ATTR_MCAST_GRP_ID:
			if (mnl_attr_validate(a, MNL_TYPE_U32) < 0)
				return -EPROTO;
			id = mnl_attr_get_u32(a);
			has_id = true;
			break;
		}
	}
	if (!name || !has_id || s->n_mcgrps >= NL_MAX_MCGRPS)
		return 0;
	g = &s->mcgrps[s->n_mcgrps++];
	snprintf(g->name, sizeof(g->name), "%s", name);
	g->id = id;
	return 0;
}

static int family_cb(const struct nlmsghdr *nlh, void *data)
{
	struct nl_sock *s = data;
	const struct nlattr *a, *grp;
	bool has_id = false;
	int err;

	mnl_attr_for_each(a, nlh, nl_genl_hdrlen()) {
		switch (mnl_attr_get_type(a)) {
		case CTRL_ATTR_FAMILY_ID:
			if (mnl_attr_validate(a, MNL_TYPE_U16) < 0)
				return -EPROTO;
			s->family = mnl_attr_get_u16(a);
			has_id = true;
			break;
		case CTRL_ATTR_VERSION:
			if (mnl_attr_validate(a, MNL_TYPE_U32) < 0)
				return -EPROTO;
			s->family_version = mnl_attr_get_u32(a);
			break;
		case CTRL_ATTR_MCAST_GROUPS:
			if (mnl_attr_validate(a, MNL_TYPE_NESTED) < 0)
				return -EPROTO;
			mnl_attr_for_each_nested(grp, a) {
				err = mcgrp_cb(grp, s);
				if (err)
					return err;
			}
			break;
		}
	}
	return has_id ? 0 : -EPROTO;
}

static int resolve_family(struct nl_sock *s, const char *family)
{
	struct nlmsghdr *nlh;
	FILE *errf = s->errf;
	int err;

	s->family = GENL_ID_CTRL;
	nlh = nl_msg_start(s, CTRL_CMD_GETFAMILY, 0);
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, family);
	/* A missing family is reported by the caller, in its own words. */
	s->errf = NULL;
	s->family = 0;
	err = nl_request(s, nlh, family_cb, s);
	s->errf = errf;
	if (!err && !s->family)
		err = -ENOENT;
	return err;
}

int nl_open_transport(struct nl_sock *s, const char *family,
		      const struct nl_transport *tp, void *priv,
		      uint32_t portid)
{
	int err;

	memset(s, 0, sizeof(*s));
	s->tp = tp;
	s->priv = priv;
	s->portid = portid;
	s->seq = (uint32_t)time(NULL);
	s->errf = stderr;
	s->buflen = NL_BUFLEN;
	s->buf = malloc(s->buflen);
	if (!s->buf) {
		err = -ENOMEM;
		goto fail;
	}
	err = resolve_family(s, family);
	if (err)
		goto fail;
	return 0;
fail:
	nl_close(s);
	return err;
}

int nl_open(struct nl_sock *s, const char *family)
{
	struct mnl_socket *sk;
	int one = 1, err;

	sk = mnl_socket_open(NETLINK_GENERIC);
	if (!sk)
		return -errno;
	if (mnl_socket_bind(sk, 0, MNL_SOCKET_AUTOPID) < 0) {
		err = -errno;
		mnl_socket_close(sk);
		return err;
	}
	/* Best effort: old kernels have neither. */
	mnl_socket_setsockopt(sk, NETLINK_EXT_ACK, &one, sizeof(one));
	mnl_socket_setsockopt(sk, NETLINK_CAP_ACK, &one, sizeof(one));
	return nl_open_transport(s, family, &mnl_transport, sk,
				 mnl_socket_get_portid(sk));
}

void nl_close(struct nl_sock *s)
{
	if (s->tp && s->tp->close)
		s->tp->close(s->priv);
	free(s->buf);
	memset(s, 0, sizeof(*s));
}

/* The buffer holds len bytes of an earlier message. */
static void dirty(struct nl_sock *s, size_t len)
{
	if (len > s->dirty)
		s->dirty = len < s->buflen ? len : s->buflen;
}

struct nlmsghdr *nl_msg_start(struct nl_sock *s, uint8_t cmd, uint16_t flags)
{
	struct nlmsghdr *nlh;
	struct genlmsghdr *genl;

	/*
	 * libmnl 1.0.4 (Debian 12) leaves attribute padding as it finds it: clear
	 * what earlier messages left, so requests are the same every time.
	 */
	memset(s->buf, 0, s->dirty);
	s->dirty = 0;

	nlh = mnl_nlmsg_put_header(s->buf);
	nlh->nlmsg_type = s->family;
	nlh->nlmsg_flags = NLM_F_REQUEST | flags;
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = cmd;
	genl->version = 1;
	return nlh;
}

/* Acks and errors. */

int nl_parse_ack(const struct nlmsghdr *nlh, struct nl_ack *ack)
{
	size_t plen = mnl_nlmsg_get_payload_len(nlh), off;
	const struct nlattr *a;

	memset(ack, 0, sizeof(*ack));
	if (nlh->nlmsg_type == NLMSG_ERROR) {
		const struct nlmsgerr *e = mnl_nlmsg_get_payload(nlh);

		if (plen < sizeof(*e))
			return -EPROTO;
		ack->error = e->error > 0 ? -e->error : e->error;
		off = sizeof(*e);
		if (!(nlh->nlmsg_flags & NLM_F_CAPPED) &&
		    e->msg.nlmsg_len >= sizeof(struct nlmsghdr))
			off += e->msg.nlmsg_len - sizeof(struct nlmsghdr);
	} else if (nlh->nlmsg_type == NLMSG_DONE) {
		int e;

		if (plen < sizeof(e))
			return 0;
		memcpy(&e, mnl_nlmsg_get_payload(nlh), sizeof(e));
		ack->error = e > 0 ? -e : e;
		off = sizeof(e);
	} else {
		return -EPROTO;
	}

	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS) || MNL_ALIGN(off) > plen)
		return 0;
	mnl_attr_for_each(a, nlh, off) {
		switch (mnl_attr_get_type(a)) {
		case NLMSGERR_ATTR_MSG:
			if (mnl_attr_validate(a, MNL_TYPE_NUL_STRING) == 0)
				ack->msg = mnl_attr_get_str(a);
			break;
		case NLMSGERR_ATTR_OFFS:
			if (mnl_attr_validate(a, MNL_TYPE_U32) == 0) {
				ack->offs = mnl_attr_get_u32(a);
				ack->has_offs = true;
			}
			break;
		case NLMSGERR_ATTR_MISS_TYPE:
			if (mnl_attr_validate(a, MNL_TYPE_U32) == 0) {
				ack->miss_type = mnl_attr_get_u32(a);
				ack->has_miss = true;
			}
			break;
		}
	}
	return 0;
}

/* The text nl_print_ack() prints, without "Error: " and newline. */
static void ack_text(const struct nl_ack *ack, char *buf, size_t len)
{
	size_t n;

	buf[0] = '\0';
	if (ack->msg && *ack->msg) {
		n = strlen(ack->msg);
		snprintf(buf, len, "%s%s", ack->msg,
			 ack->msg[n - 1] == '.' ? "" : ".");
	} else if (ack->error && ack->has_miss) {
		snprintf(buf, len, "required attribute %u is missing.",
			 ack->miss_type);
	}
}

void nl_print_ack(FILE *f, const struct nl_ack *ack)
{
	char text[NL_EXTACK_LEN];

	ack_text(ack, text, sizeof(text));
	if (f && *text)
		fprintf(f, "%s: %s\n", ack->error ? "Error" : "Warning", text);
}

static int handle_ack(struct nl_sock *s, const struct nlmsghdr *nlh)
{
	struct nl_ack ack;

	if (nl_parse_ack(nlh, &ack))
		return -EPROTO;
	if (ack.error)
		ack_text(&ack, s->extack, sizeof(s->extack));
	nl_print_ack(s->errf, &ack);
	return ack.error;
}

/* nl_process(); with "one", the first reply completes the request. */
static int process(struct nl_sock *s, const void *buf, size_t len,
		   uint32_t seq, uint16_t type, nl_msg_cb cb, void *data,
		   bool one)
{
	const struct nlmsghdr *nlh = buf;
	int rem = (int)len, err;

	for (; mnl_nlmsg_ok(nlh, rem); nlh = mnl_nlmsg_next(nlh, &rem)) {
		/* Requests see only their replies; listeners see everything. */
		if (seq && (nlh->nlmsg_seq != seq ||
			    (nlh->nlmsg_pid && nlh->nlmsg_pid != s->portid)))
			continue;
		switch (nlh->nlmsg_type) {
		case NLMSG_NOOP:
			continue;
		case NLMSG_OVERRUN:
			return -EOVERFLOW;
		case NLMSG_ERROR:
		case NLMSG_DONE:
			if (!seq)
				continue;
			return handle_ack(s, nlh);
		}
		if (nlh->nlmsg_type != type ||
		    mnl_nlmsg_get_payload_len(nlh) < nl_genl_hdrlen())
			continue;
		err = cb ? cb(nlh, data) : 0;
		if (err)
			return err < 0 ? err : -EPROTO;
		if (one && seq)
			return 0;
	}
	return 1;
}

int nl_process(struct nl_sock *s, const void *buf, size_t len, uint32_t seq,
	       uint16_t type, nl_msg_cb cb, void *data)
{
	return process(s, buf, len, seq, type, cb, data, false);
}

/* With ack, the ack completes the request; without, the reply does. */
static int request(struct nl_sock *s, struct nlmsghdr *req, nl_msg_cb cb,
		   void *data, bool ack)
{
	bool one = !ack && !(req->nlmsg_flags & NLM_F_DUMP);
	uint32_t seq = ++s->seq;
	uint16_t type = req->nlmsg_type;	/* req lives in s->buf */
	ssize_t n;
	int err;

	if (!seq)
		seq = ++s->seq;	/* 0 means "listening" to nl_process() */
	req->nlmsg_seq = seq;
	req->nlmsg_pid = 0;
	if (ack)
		req->nlmsg_flags |= NLM_F_ACK;
	s->extack[0] = '\0';
	dirty(s, req->nlmsg_len);
	err = s->tp->send(s->priv, req, req->nlmsg_len);
	if (err)
		return err;
	do {
		n = s->tp->recv(s->priv, s->buf, s->buflen, NULL);
		if (n < 0)
			return (int)n;
		dirty(s, (size_t)n);
		err = process(s, s->buf, (size_t)n, seq, type, cb, data, one);
	} while (err > 0);
	return err;
}

int nl_request(struct nl_sock *s, struct nlmsghdr *req, nl_msg_cb cb,
	       void *data)
{
	return request(s, req, cb, data, !(req->nlmsg_flags & NLM_F_DUMP));
}

int nl_request_reply(struct nl_sock *s, struct nlmsghdr *req, nl_msg_cb cb,
		     void *data)
{
	req->nlmsg_flags &= ~(NLM_F_ACK | NLM_F_DUMP);
	return request(s, req, cb, data, false);
}

int64_t nl_mcgrp_id(const struct nl_sock *s, const char *name)
{
	unsigned int i;

	for (i = 0; i < s->n_mcgrps; i++) {
		if (!strcmp(s->mcgrps[i].name, name))
			return s->mcgrps[i].id;
	}
	return -ENOENT;
}

int nl_join(struct nl_sock *s, uint32_t group)
{
	return s->tp->join ? s->tp->join(s->priv, group) : -EOPNOTSUPP;
}

int nl_listen(struct nl_sock *s, nl_msg_cb cb, void *data,
	      volatile sig_atomic_t *stop, const sigset_t *sigmask)
{
	ssize_t n;
	int err;

	while (!*stop) {
		n = s->tp->recv(s->priv, s->buf, s->buflen, sigmask);
		if (n == -EINTR)
			continue;
		if (n == -ENOBUFS) {
			if (s->errf)
				fprintf(s->errf, "Warning: notifications were lost (receive buffer overrun).\n");
			continue;
		}
		if (n < 0)
			return (int)n;
		dirty(s, (size_t)n);
		err = nl_process(s, s->buf, (size_t)n, 0, s->family, cb, data);
		if (err < 0)
			return err;
	}
	return 0;
}
