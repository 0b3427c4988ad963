/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Timeout lengths of the port timers, in nanoseconds, as ptp4l arms them.
 * Pure functions: the random ones take the random number (e.g. random())
 * as an argument, so that tests can pin it.
 */
#ifndef PTPKD_TIMERS_H
#define PTPKD_TIMERS_H

#include <stdint.h>

#ifndef NS_PER_SEC
#define NS_PER_SEC 1000000000ULL
#endif

/* CLOCK_MONOTONIC now, in ns (what every timeout is measured against). */
uint64_t mono_ns(void);

/* Random numbers are reduced to 15 bits, so the jitter has 2^15 steps. */
#define TMO_RANDOM_BITS 15

/* scale * 2^log_seconds seconds; saturates at UINT64_MAX. */
uint64_t tmo_log_ns(unsigned int scale, int log_seconds);

/*
 * The fault timer of a FAULTY port, as ptp4l: fault_reset_interval (log2 s,
 * INT8_MIN "ASAP": at once) for most faults, fault_badpeernet_interval
 * (seconds, 0: at once) for a bad peer network. 0 where ptp4l arms no timer
 * (a negative fault_badpeernet_interval, which its timerfd refuses): the
 * port stays FAULTY. At once is 1 ns.
 */
uint64_t tmo_fault_ns(int bad_peer_net, int fault_reset_interval,
		      int fault_badpeernet_interval);

/*
 * (min + span * u) * 2^log_seconds seconds, u = ((r mod 2^15) + 1) / 2^15,
 * i.e. uniform in (min, min + span] 2^log_seconds.
 */
uint64_t tmo_random_ns(unsigned int min, unsigned int span, int log_seconds,
		       uint32_t r);

/* announceReceiptTimeout intervals plus up to one more (span 1). */
#define ANNOUNCE_SPAN 1

/*
 * Announce receipt timeout (9.2.6.11): receipt_timeout announce intervals,
 * plus a random part of up to span intervals so that ports that lost their
 * master together do not all claim MASTER at once. ptp4l uses span 1, and
 * 0 on its UNIX-socket port.
 */
static inline uint64_t tmo_announce_ns(unsigned int receipt_timeout,
				       unsigned int span, int log_announce,
				       uint32_t r)
{
	return tmo_random_ns(receipt_timeout, span, log_announce, r);
}

/*
 * Delay_Req interval (9.5.11.2): uniform in (0, 2^(logMinDelayReqInterval
 * + 1)] seconds, mean 2^logMinDelayReqInterval.
 */
static inline uint64_t tmo_delay_req_ns(int log_min_delay_req, uint32_t r)
{
	return tmo_random_ns(0, 2, log_min_delay_req, r);
}

/* Pdelay_Req is periodic: 2^logMinPdelayReqInterval seconds. */
static inline uint64_t tmo_pdelay_req_ns(int log_min_pdelay_req)
{
	return tmo_log_ns(1, log_min_pdelay_req);
}

/* PRE_MASTER qualification (9.2.6.10): (1 + stepsRemoved) intervals. */
static inline uint64_t tmo_qualification_ns(unsigned int steps_removed,
					    int log_announce)
{
	return tmo_log_ns(1 + steps_removed, log_announce);
}

/* Sync receipt timeout: syncReceiptTimeout sync intervals. */
static inline uint64_t tmo_sync_rx_ns(unsigned int receipt_timeout,
				      int log_sync)
{
	return tmo_log_ns(receipt_timeout, log_sync);
}

#endif
