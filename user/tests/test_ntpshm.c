// SPDX-License-Identifier: GPL-2.0
/*
 * The NTP SHM segment against the one ptp4l 3.1.1's ntpshm servo wrote on
 * ptpsim (segment 2, 78 samples, offset -2466 ns), and a real SysV segment.
 */
#include <stddef.h>
#include <stdlib.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <unistd.h>

#include "ntpshm.h"
#include "tests.h"

static const char ptp4l_hex[] =
	"010000009c000000d382116b00000000b072090000000000d382116b00000000"
	"ae72090000000000e2ffffff0000000001000000b202e82410f9e72400000000"
	"0000000000000000000000000000000000000000000000000000000000000000";

static int test_ntpshm_layout(void)
{
	struct ntpshm_time t;
	char hex[2 * sizeof(t) + 1];
	const uint8_t *b = (const uint8_t *)&t;
	uint64_t local = 0x6b1182d3ULL * 1000000000ULL + 619182352ULL;
	unsigned int i;

	/* ntpd's struct shmTime on x86_64 (LP64) */
	CHECK_INT(sizeof(t), 96);
	CHECK_INT(offsetof(struct ntpshm_time, clockTimeStampSec), 8);
	CHECK_INT(offsetof(struct ntpshm_time, receiveTimeStampSec), 24);
	CHECK_INT(offsetof(struct ntpshm_time, valid), 48);
	CHECK_INT(offsetof(struct ntpshm_time, clockTimeStampNSec), 52);
	memset(&t, 0, sizeof(t));
	for (i = 0; i < 78; i++)
		ntpshm_write(&t, 0, -2466, local);
	for (i = 0; i < sizeof(t); i++)
		sprintf(hex + 2 * i, "%02x", b[i]);
	CHECK_STR(hex, ptp4l_hex);
	/* the leap indicator */
	ntpshm_write(&t, 1, 0, local);
	CHECK_INT(t.leap, NTPSHM_LEAP_INSERT);
	ntpshm_write(&t, -1, 0, local);
	CHECK_INT(t.leap, NTPSHM_LEAP_DELETE);
	CHECK_INT(t.count, 160);
	CHECK_INT(t.clockTimeStampNSec, 619182352);
	/* a positive offset: the reference is behind the local clock */
	ntpshm_write(&t, 0, 1000000000LL, local);
	CHECK_INT(t.clockTimeStampSec, 0x6b1182d2);
	CHECK_INT(t.receiveTimeStampSec, 0x6b1182d3);
	return 0;
}

static int test_ntpshm_segment(void)
{
	int seg = 0x10000 + (getpid() & 0xffff), id;
	struct ntpshm_time *r;
	struct ntpshm n;

	CHECK_INT(ntpshm_open(&n, seg), 0);
	id = shmget(NTPSHM_KEY + seg, 0, 0);
	CHECK(id >= 0);
	r = shmat(id, NULL, SHM_RDONLY);
	CHECK(r != (void *)-1);
	ntpshm_sample(&n, 5, 1000000005ULL);
	CHECK_INT(r->valid, 1);
	CHECK_INT(r->mode, 1);
	CHECK_INT(r->clockTimeStampSec, 1);
	CHECK_INT(r->clockTimeStampNSec, 0);
	CHECK_INT(r->receiveTimeStampNSec, 5);
	ntpshm_close(&n);
	CHECK(!n.shm);
	/* a stopped daemon leaves no valid sample behind */
	CHECK_INT(r->valid, 0);
	ntpshm_sample(&n, 5, 1000000005ULL);	/* closed: nothing */
	shmdt(r);
	shmctl(id, IPC_RMID, NULL);
	return 0;
}

static const struct test ntpshm_tests[] = {
	{ "ntpshm: struct shmTime as ptp4l wrote it, byte-exact",
	  test_ntpshm_layout },
	{ "ntpshm: a SysV segment a reader sees updated",
	  test_ntpshm_segment },
	{ NULL, NULL },
};

TEST_SUITE(ntpshm_tests);
