// SPDX-License-Identifier: GPL-2.0
/*
 * Management sockets: where they are bound. A ptp4l 3.1.1 config gives
 * each instance only uds_address; the read-only socket must follow it, or
 * the second instance on a box could not start.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clock.h"
#include "config.h"
#include "pm.h"
#include "tests.h"

static bool is_socket(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISSOCK(st.st_mode);
}

/* open the sockets of a clock whose config sets RW (and RO if not NULL) */
static int open_with(struct clock *c, const char *rw, const char *ro)
{
	memset(c, 0, sizeof(*c));
	pm_init(&c->pm);
	c->cfg = config_create(0);
	if (!c->cfg)
		return -1;
	if (rw && config_set_string(c->cfg, "uds_address", rw))
		return -1;
	if (ro && config_set_string(c->cfg, "uds_ro_address", ro))
		return -1;
	return pm_open(&c->pm, c);
}

static void close_clock(struct clock *c)
{
	pm_close(&c->pm);
	config_destroy(c->cfg);
}

static int test_ro_follows_rw(void)
{
	char dir[] = "/tmp/ptpk-pm-XXXXXX", rw[PATH_MAX], ro[PATH_MAX];
	struct clock a, b;

	CHECK(mkdtemp(dir));
	snprintf(rw, sizeof(rw), "%s/a/ptp4l", dir);
	snprintf(ro, sizeof(ro), "%s/a/ptp4lro", dir);
	CHECK_INT(open_with(&a, rw, NULL), 0);
	CHECK(is_socket(rw));
	CHECK(is_socket(ro));
	/* a second instance with its own uds_address starts too */
	snprintf(rw, sizeof(rw), "%s/b/ptp4l", dir);
	CHECK_INT(open_with(&b, rw, NULL), 0);
	snprintf(ro, sizeof(ro), "%s/b/ptp4lro", dir);
	CHECK(is_socket(ro));
	close_clock(&b);
	CHECK(!is_socket(ro));
	close_clock(&a);
	snprintf(ro, sizeof(ro), "%s/a/ptp4lro", dir);
	CHECK(!is_socket(ro));
	snprintf(rw, sizeof(rw), "%s/a", dir);
	rmdir(rw);
	snprintf(rw, sizeof(rw), "%s/b", dir);
	rmdir(rw);
	CHECK_INT(rmdir(dir), 0);
	return 0;
}

static int test_ro_explicit(void)
{
	char dir[] = "/tmp/ptpk-pm-XXXXXX", rw[PATH_MAX], ro[PATH_MAX];
	struct clock a;

	CHECK(mkdtemp(dir));
	snprintf(rw, sizeof(rw), "%s/rw", dir);
	snprintf(ro, sizeof(ro), "%s/other", dir);
	CHECK_INT(open_with(&a, rw, ro), 0);
	CHECK(is_socket(ro));
	snprintf(ro, sizeof(ro), "%s/rwro", dir);
	CHECK(!is_socket(ro));
	close_clock(&a);
	CHECK_INT(rmdir(dir), 0);
	return 0;
}

static int test_ro_name_too_long(void)
{
	char rw[108];
	struct clock a;

	/* 107 characters fit uds_address, not with "ro" appended */
	memset(rw, 'x', sizeof(rw) - 1);
	rw[0] = '/';
	rw[sizeof(rw) - 1] = '\0';
	CHECK(open_with(&a, rw, NULL) < 0);
	CHECK(access(rw, F_OK));	/* the RW socket was not left behind */
	close_clock(&a);
	return 0;
}

static const struct test pm_socket_tests[] = {
	{ "pm_ro_socket_follows_uds_address", test_ro_follows_rw },
	{ "pm_ro_socket_explicit", test_ro_explicit },
	{ "pm_ro_socket_name_too_long", test_ro_name_too_long },
	{ NULL, NULL },
};
TEST_SUITE(pm_socket_tests);
