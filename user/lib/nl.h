/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Generic netlink plumbing on top of libmnl: family and multicast-group
 * resolution through nlctrl, request/reply/ack exchanges, dumps, listening
 * to a multicast group, and extended-ack (extack) error reporting.
 *
 * The socket is reached through a small transport vtable so that the unit
 * tests can stand in for the kernel; nl_open() uses a real NETLINK_GENERIC
 * socket.
 */
#ifndef PTPK_NL_H
#define PTPK_NL_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include <linux/genetlink.h>
#include <linux/netlink.h>

#define NL_MAX_MCGRPS 8
#define NL_EXTACK_LEN 256

struct nl_transport {
	/* Send one request; returns 0 or -errno. */
	int (*send)(void *priv, const void *buf, size_t len);
	/*
	 * Receive one datagram; returns its length or -errno. If sigmask is
	 * set the wait may be interrupted (-EINTR) by the signals it unblocks.
	 */
	ssize_t (*recv)(void *priv, void *buf, size_t len,
			const sigset_t *sigmask);
	/* Join a multicast group; returns 0 or -errno. */
	int (*join)(void *priv, uint32_t group);
	void (*close)(void *priv);
};

struct nl_mcgrp {
	char name[GENL_NAMSIZ];
	uint32_t id;
};

struct nl_sock {
	const struct nl_transport *tp;
	void *priv;
	uint32_t portid;
	uint32_t seq;
	uint16_t family;		/* resolved generic netlink family id */
	uint32_t family_version;
	unsigned int n_mcgrps;
	struct nl_mcgrp mcgrps[NL_MAX_MCGRPS];
	FILE *errf;			/* extack messages go here; NULL: silent */
	char extack[NL_EXTACK_LEN];	/* message of the last error, or "" */
	char *buf;			/* requests are built and received here */
	size_t buflen;
	size_t dirty;			/* bytes of buf that may be non-zero */
};

/* What an NLMSG_ERROR (or a NLMSG_DONE carrying an error) says. */
struct nl_ack {
	int error;			/* 0 or -errno */
	const char *msg;		/* NLMSGERR_ATTR_MSG or NULL */
	uint32_t offs;			/* NLMSGERR_ATTR_OFFS if has_offs */
	uint32_t miss_type;		/* NLMSGERR_ATTR_MISS_TYPE if has_miss */
	bool has_offs;
	bool has_miss;
};

/* Called for each message of a reply, dump or notification: 0 or -errno. */
typedef int (*nl_msg_cb)(const struct nlmsghdr *nlh, void *data);

/*
 * Open a generic netlink socket and resolve family. Returns 0, -ENOENT if
 * the family is not registered, or another -errno.
 */
int nl_open(struct nl_sock *s, const char *family);
/* The same over another transport (tests); portid is the socket's address. */
int nl_open_transport(struct nl_sock *s, const char *family,
		      const struct nl_transport *tp, void *priv,
		      uint32_t portid);
void nl_close(struct nl_sock *s);

/* Start a request to the resolved family in s->buf. */
struct nlmsghdr *nl_msg_start(struct nl_sock *s, uint8_t cmd, uint16_t flags);
/*
 * Send a request and process replies until the ack (NLM_F_ACK is added
 * to non-dump requests) or the end of the dump. cb sees every reply of the
 * family. Returns 0 or -errno; kernel error messages are printed to errf.
 */
int nl_request(struct nl_sock *s, struct nlmsghdr *req, nl_msg_cb cb,
	       void *data);

/*
 * A do request of a command that always replies (or fails): sent without
 * NLM_F_ACK and complete at its reply, so one datagram comes back instead
 * of two. Never use it for a command that may succeed without a reply.
 */
int nl_request_reply(struct nl_sock *s, struct nlmsghdr *req, nl_msg_cb cb,
		     void *data);

/* Id of a multicast group of the family, or -ENOENT. */
int64_t nl_mcgrp_id(const struct nl_sock *s, const char *name);
int nl_join(struct nl_sock *s, uint32_t group);
/*
 * Pass every notification of the family to cb until *stop is set (checked
 * after each interruption by a signal of sigmask) or cb fails. Returns 0
 * when stopped, or -errno.
 */
int nl_listen(struct nl_sock *s, nl_msg_cb cb, void *data,
	      volatile sig_atomic_t *stop, const sigset_t *sigmask);

/*
 * Process one received datagram of a request with sequence seq: returns 1
 * if more is expected, 0 when the request is complete, or -errno.
 */
int nl_process(struct nl_sock *s, const void *buf, size_t len, uint32_t seq,
	       uint16_t type, nl_msg_cb cb, void *data);

/* Parse an NLMSG_ERROR or NLMSG_DONE message; returns 0 or -EPROTO. */
int nl_parse_ack(const struct nlmsghdr *nlh, struct nl_ack *ack);
/* Print "Error: <msg>." (or "Warning: ..." for an ack), as iproute2 does. */
void nl_print_ack(FILE *f, const struct nl_ack *ack);

/* Attributes of a generic netlink message of the family. */
static inline size_t nl_genl_hdrlen(void)
{
	return sizeof(struct genlmsghdr);
}

#endif
