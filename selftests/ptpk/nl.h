/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Minimal generic-netlink client for the selftests. Deliberately separate from
 * user/lib: the tests must be able to send what a well-behaved library never
 * would (wrong sizes, unknown attributes, truncated messages).
 */
#ifndef PTPK_SELFTEST_NL_H
#define PTPK_SELFTEST_NL_H

#include <stdint.h>
#include <stddef.h>
#include <libmnl/libmnl.h>

struct nl {
	struct mnl_socket *sock;
	uint16_t family;
	uint32_t version;
	uint32_t mcgrp_monitor;
	unsigned int seq;
	uint32_t portid;
	char extack[256];	/* message of the last error, "" if none */
};

/* Called for each reply message (not for errors or DONE). */
typedef int (*nl_data_cb)(const struct nlmsghdr *nlh, void *arg);

int nl_open(struct nl *nl, const char *family);
void nl_close(struct nl *nl);

/* Start a request in buf: nlmsghdr + genlmsghdr for cmd, with flags. */
struct nlmsghdr *nl_msg(struct nl *nl, void *buf, uint8_t cmd, uint16_t flags);

/* Send nlh and read until ACK/DONE. Returns 0 or -errno; sets nl->extack. */
int nl_talk(struct nl *nl, struct nlmsghdr *nlh, nl_data_cb cb, void *arg);

/* Send raw bytes (for malformed-message tests), then as nl_talk. */
int nl_talk_raw(struct nl *nl, const void *buf, size_t len, nl_data_cb cb,
		void *arg);

int nl_join_monitor(struct nl *nl);

/* Wait up to timeout_ms for one message and pass it to cb. 0 on message. */
int nl_recv_one(struct nl *nl, int timeout_ms, nl_data_cb cb, void *arg);

/* Parse a genl message's attributes into tb[0..max]. */
int nl_parse(const struct nlmsghdr *nlh, const struct nlattr **tb, int max);
int nl_parse_nested(const struct nlattr *nest, const struct nlattr **tb,
		    int max);

#endif
