/* SPDX-License-Identifier: GPL-2.0 */
/* A minimal TAP unit-test harness. */
#ifndef PTPK_TESTS_H
#define PTPK_TESTS_H

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <libmnl/libmnl.h>

#include "libptpk.h"

struct test {
	const char *name;
	int (*fn)(void);	/* 0: pass */
};

/*
 * Each test file registers its NULL-terminated suite with TEST_SUITE(arr);
 * suites run in link order (the Makefile sorts the file names).
 */
void test_register(const struct test *suite);
#define TEST_SUITE(arr)							\
	static void __attribute__((constructor)) register_##arr(void)	\
	{								\
		test_register(arr);					\
	}

#define FAIL(fmt, ...) do {						\
	printf("# %s:%d: " fmt "\n", __FILE__, __LINE__, ##__VA_ARGS__);	\
	return 1;							\
} while (0)

#define CHECK(cond) do {						\
	if (!(cond))							\
		FAIL("CHECK(%s) failed", #cond);			\
} while (0)

#define CHECK_INT(a, b) do {						\
	long long _a = (long long)(a), _b = (long long)(b);		\
	if (_a != _b)							\
		FAIL("%s == %lld, expected %lld", #a, _a, _b);		\
} while (0)

#define CHECK_STR(a, b) do {						\
	const char *_a = (a), *_b = (b);				\
	if (!_a || strcmp(_a, _b)) {					\
		printf("# %s:%d: %s mismatch\n# got:\n", __FILE__,	\
		       __LINE__, #a);					\
		test_print_commented(_a ? _a : "(null)");		\
		printf("# expected:\n");				\
		test_print_commented(_b);				\
		return 1;						\
	}								\
} while (0)

/* a starts with b */
#define CHECK_PREFIX(a, b) do {						\
	const char *_a = (a), *_b = (b);				\
	if (!_a || strncmp(_a, _b, strlen(_b))) {			\
		printf("# %s:%d: %s does not start with\n", __FILE__,	\
		       __LINE__, #a);					\
		test_print_commented(_b);				\
		printf("# got:\n");					\
		test_print_commented(_a ? _a : "(null)");		\
		return 1;						\
	}								\
} while (0)

void test_print_commented(const char *s);

/* An in-memory FILE, for capturing output. */
struct membuf {
	FILE *f;
	char *buf;
	size_t len;
};

void mb_open(struct membuf *m);
/* The text written so far. */
const char *mb_str(struct membuf *m);
void mb_close(struct membuf *m);

/* Canned messages. */
#define TEST_FAMILY 0x1d
#define TEST_MCGRP 7
#define TEST_PORTID 4242

struct nlmsghdr *test_genl_msg(void *buf, uint16_t type, uint8_t cmd,
			       uint16_t flags, uint32_t seq, uint32_t portid);
void test_put_system_clock(struct nlmsghdr *nlh);
void test_put_phc_clock(struct nlmsghdr *nlh);
/* A servo-get reply as the module sends it (all attributes). */
void test_put_servo(struct nlmsghdr *nlh);
/* A servo-sample reply / sample-ntf: servo 3, seq 17, stepped. */
void test_put_sample(struct nlmsghdr *nlh);
/*
 * 0 if the genl header and attributes of got are byte for byte those of
 * want; otherwise prints both in hex (TAP comments) and returns 1.
 */
int test_same_attrs(const struct nlmsghdr *got, const struct nlmsghdr *want);

/*
 * A stand-in for the kernel behind the nl_transport vtable: it answers
 * nlctrl's family lookup itself and hands ptpk requests to a handler.
 */
struct fake;
typedef void (*fake_handler)(struct fake *f, const struct nlmsghdr *req);

#define FAKE_QLEN 8
#define FAKE_BUFLEN 8192

struct fake {
	bool no_family;			/* nlctrl answers ENOENT */
	fake_handler handler;
	void *priv;
	unsigned int n_requests;	/* to the ptpk family */
	uint32_t joined;		/* group joined, 0 if none */
	fake_handler on_join;		/* queue notifications */
	volatile sig_atomic_t *stop;	/* set when the queue runs dry */
	char dgram[FAKE_QLEN][FAKE_BUFLEN];
	size_t dlen[FAKE_QLEN];
	unsigned int head, tail;
	struct nlmsghdr *cur;		/* message being built */
};

extern const struct nl_transport fake_transport;
void fake_init(struct fake *f);
/* Start a message in the current datagram; fake_flush() queues it. */
struct nlmsghdr *fake_reply(struct fake *f, const struct nlmsghdr *req,
			    uint8_t cmd, uint16_t flags);
struct nlmsghdr *fake_notify(struct fake *f, uint8_t cmd);
void fake_error(struct fake *f, const struct nlmsghdr *req, int error,
		const char *msg);
void fake_done(struct fake *f, const struct nlmsghdr *req);
void fake_flush(struct fake *f);

#endif
