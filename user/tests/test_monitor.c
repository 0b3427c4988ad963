// SPDX-License-Identifier: GPL-2.0
/*
 * The slave event monitor's frames against what ptp4l 3.1.1 sent to its
 * slave_event_monitor socket on ptpsim (slave 027073.fffe.000002, master
 * 112233.4455.667788-1), and the socket it sends them to.
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "monitor.h"
#include "tests.h"
#include "uds.h"

static const struct ClockIdentity me = {
	{ 0x02, 0x70, 0x73, 0xff, 0xfe, 0x00, 0x00, 0x02 } };
static const struct PortIdentity gm = {
	.clockIdentity = { { 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88 } },
	.portNumber = 1 };

/* ptp4l's first Sync record (message seq 1) and first delay one (seq 0) */
static const char sync_hex[] =
	"0c02005c00000000000000000000000000000000027073fffe00000200000001057f"
	"ffffffffffffffffffff8004002c11223344556677880001000300006b1182a12710"
	"51e000000000000000000000000000006b1182a1275dbf9b";
static const char delay_hex[] =
	"0c02005800000000000000000000000000000000027073fffe00000200000000057f"
	"ffffffffffffffffffff7f00002811223344556677880001000000006b1182a130cf"
	"b28e000000000000000000006b1182a13082747e";

static void hex(const uint8_t *b, size_t n, char *out)
{
	size_t i;

	for (i = 0; i < n; i++)
		sprintf(out + 2 * i, "%02x", b[i]);
	out[2 * n] = 0;
}

static int64_t ns(int64_t s, int64_t n)
{
	return s * 1000000000LL + n;
}

static int test_monitor_frames(void)
{
	struct monitor m;
	struct monitor_event sync = {
		.source = gm, .seq = 3, .corr = 0,
		.origin = ns(0x6b1182a1, 0x271051e0),
		.arrival = ns(0x6b1182a1, 0x275dbf9b),
	};
	struct monitor_event delay = {
		.source = gm, .seq = 0, .corr = 0,
		.origin = ns(0x6b1182a1, 0x30cfb28e),
		.arrival = ns(0x6b1182a1, 0x3082747e),
	};
	uint8_t buf[128];
	char s[300];
	size_t len;

	monitor_init(&m, "/x", 3, &me, 0);
	CHECK(m.active);
	len = monitor_frame(&m, true, &sync, buf, sizeof(buf));
	CHECK_INT(len, 92);
	hex(buf, len, s);
	CHECK_STR(s, sync_hex);
	len = monitor_frame(&m, false, &delay, buf, sizeof(buf));
	CHECK_INT(len, 88);
	hex(buf, len, s);
	CHECK_STR(s, delay_hex);
	/* each kind counts its own sequenceId */
	len = monitor_frame(&m, true, &sync, buf, sizeof(buf));
	CHECK_INT(buf[30] << 8 | buf[31], 2);
	len = monitor_frame(&m, false, &delay, buf, sizeof(buf));
	CHECK_INT(buf[30] << 8 | buf[31], 1);
	/* a correction in TimeInterval units, a domain */
	monitor_init(&m, "/x", 3, &me, 24);
	sync.corr = 1;
	CHECK_INT(monitor_frame(&m, true, &sync, buf, sizeof(buf)), 92);
	CHECK_INT(buf[4], 24);
	CHECK_INT(buf[72] << 8 | buf[73], 0);
	CHECK_INT(buf[74] << 8 | buf[75], 1);
	/* a time that is no Timestamp, a short buffer: nothing */
	sync.origin = -1;
	CHECK_INT(monitor_frame(&m, true, &sync, buf, sizeof(buf)), 0);
	sync.origin = 0;
	CHECK_INT(monitor_frame(&m, true, &sync, buf, 91), 0);
	/* no path: inactive */
	monitor_init(&m, "", 3, &me, 0);
	CHECK(!m.active);
	return 0;
}

/* Through a real socket pair: the monitor's address gets each frame. */
static int test_monitor_socket(void)
{
	char dir[] = "/tmp/ptpk-mon.XXXXXX", from[64], to[64];
	struct monitor_event e = { .source = gm, .seq = 7,
				   .origin = 5, .arrival = 6 };
	struct monitor m;
	struct uds_addr a;
	uint8_t buf[128];
	int fd, sink, rc = 1;

	if (!mkdtemp(dir))
		FAIL("mkdtemp");
	snprintf(from, sizeof(from), "%s/d", dir);
	snprintf(to, sizeof(to), "%s/mon", dir);
	fd = uds_open(from, 0600);
	sink = uds_open(to, 0600);
	if (fd < 0 || sink < 0)
		goto out;
	monitor_init(&m, to, fd, &me, 0);
	monitor_sync(&m, &e);
	monitor_delay(&m, &e);
	if (uds_recv(sink, buf, sizeof(buf), &a) != 92 || buf[44] != 0x80)
		goto out;
	if (strcmp(a.sun.sun_path, from))
		goto out;
	if (uds_recv(sink, buf, sizeof(buf), &a) != 88 || buf[44] != 0x7f)
		goto out;
	/* a monitor that went away: a debug line, nothing else */
	uds_close(sink, to);
	sink = -1;
	monitor_sync(&m, &e);
	rc = 0;
out:
	uds_close(fd, from);
	uds_close(sink, to);
	rmdir(dir);
	if (rc)
		FAIL("the monitor socket did not get the frames");
	return 0;
}

static const struct test monitor_tests[] = {
	{ "monitor: Sync and delay frames byte-exact as ptp4l's",
	  test_monitor_frames },
	{ "monitor: frames reach the slave_event_monitor socket",
	  test_monitor_socket },
	{ NULL, NULL },
};

TEST_SUITE(monitor_tests);
