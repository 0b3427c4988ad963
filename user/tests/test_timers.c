// SPDX-License-Identifier: GPL-2.0
/* Port timer lengths, with pinned random numbers. */
#include "tests.h"
#include "timers.h"

static int test_tmo_log(void)
{
	CHECK_INT(tmo_log_ns(1, 0), 1000000000);
	CHECK_INT(tmo_log_ns(1, 1), 2000000000);
	CHECK_INT(tmo_log_ns(3, 2), 12000000000);
	CHECK_INT(tmo_log_ns(1, -1), 500000000);
	CHECK_INT(tmo_log_ns(1, -7), 7812500);
	CHECK_INT(tmo_log_ns(3, -3), 375000000);
	CHECK_INT(tmo_log_ns(0, 5), 0);
	CHECK(tmo_log_ns(255, 100) == UINT64_MAX);
	CHECK(tmo_log_ns(255, 40) == UINT64_MAX);
	CHECK_INT(tmo_log_ns(1, -128), 0);
	return 0;
}

static int test_tmo_delay_req(void)
{
	uint32_t r;

	/* logMinDelayReqInterval 0: (0, 2] s in 2^15 steps of 61035.15 ns */
	CHECK_INT(tmo_delay_req_ns(0, 0), 61035);
	CHECK_INT(tmo_delay_req_ns(0, 1), 122070);
	CHECK_INT(tmo_delay_req_ns(0, 16383), 1000000000);
	CHECK_INT(tmo_delay_req_ns(0, 32767), 2000000000);
	/* Only the low 15 bits of the random number count. */
	CHECK_INT(tmo_delay_req_ns(0, 32768), 61035);
	CHECK_INT(tmo_delay_req_ns(0, 0xffffffff), 2000000000);
	/* -3: (0, 250 ms] */
	CHECK_INT(tmo_delay_req_ns(-3, 32767), 250000000);
	CHECK_INT(tmo_delay_req_ns(-3, 0), 7629);
	for (r = 0; r < 32768; r += 7) {
		uint64_t t = tmo_delay_req_ns(2, r);

		if (t == 0 || t > 8000000000ULL)
			FAIL("r %u: %llu ns", r, (unsigned long long)t);
	}
	return 0;
}

static int test_tmo_announce(void)
{
	/* receipt timeout 3, interval 2 s: (6 s, 8 s] */
	CHECK_INT(tmo_announce_ns(3, ANNOUNCE_SPAN, 1, 0), 6000061035);
	CHECK_INT(tmo_announce_ns(3, ANNOUNCE_SPAN, 1, 32767), 8000000000);
	CHECK_INT(tmo_announce_ns(3, ANNOUNCE_SPAN, 1, 16383), 7000000000);
	/* interval 0.25 s: (0.75 s, 1 s] */
	CHECK_INT(tmo_announce_ns(3, ANNOUNCE_SPAN, -2, 32767), 1000000000);
	CHECK_INT(tmo_announce_ns(3, ANNOUNCE_SPAN, -2, 0), 750007629);
	/* span 0 (ptp4l's UNIX-socket port): no jitter at all */
	CHECK_INT(tmo_announce_ns(3, 0, 0, 12345), 3000000000);
	return 0;
}

static int test_tmo_fixed(void)
{
	CHECK_INT(tmo_qualification_ns(0, 1), 2000000000);
	CHECK_INT(tmo_qualification_ns(2, 1), 6000000000);
	CHECK_INT(tmo_qualification_ns(1, -1), 1000000000);
	CHECK_INT(tmo_sync_rx_ns(3, -4), 187500000);
	CHECK_INT(tmo_pdelay_req_ns(0), 1000000000);
	CHECK_INT(tmo_pdelay_req_ns(-2), 250000000);
	return 0;
}

/* fault_reset_interval and fault_badpeernet_interval, ASAP included */
static int test_tmo_fault(void)
{
	CHECK_INT(tmo_fault_ns(0, 4, 16), 16000000000ULL);
	CHECK_INT(tmo_fault_ns(0, -128, 16), 1);
	CHECK_INT(tmo_fault_ns(0, -1, 16), 500000000);
	CHECK_INT(tmo_fault_ns(1, 4, 16), 16000000000ULL);
	CHECK_INT(tmo_fault_ns(1, 4, 3), 3000000000ULL);
	CHECK_INT(tmo_fault_ns(1, -128, 0), 1);
	CHECK_INT(tmo_fault_ns(1, 4, -1), 0);
	return 0;
}

static const struct test timers_tests[] = {
	{ "timers: scale * 2^log", test_tmo_log },
	{ "timers: randomised Delay_Req interval", test_tmo_delay_req },
	{ "timers: announce receipt timeout with jitter", test_tmo_announce },
	{ "timers: qualification, sync receipt, pdelay", test_tmo_fixed },
	{ "timers: fault intervals, bad peer network", test_tmo_fault },
	{ NULL, NULL },
};

TEST_SUITE(timers_tests);
