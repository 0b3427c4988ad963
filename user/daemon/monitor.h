/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The slave event monitor (ptp4l's slave_event_monitor): while a port is
 * UNCALIBRATED or SLAVE, each Sync's timing goes out in a Signaling message
 * with a SLAVE_RX_SYNC_TIMING_DATA TLV (1588-2019 16.11.4.1) and each
 * Delay_Resp's in one with a SLAVE_DELAY_TIMING_DATA_NP TLV (linuxptp's
 * experimental type), one record per message, sent from the management
 * socket to the configured UNIX datagram address, as ptp4l 3.1 does.
 */
#ifndef PTPKD_MONITOR_H
#define PTPKD_MONITOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ddt.h"
#include "uds.h"

#define TLV_SLAVE_RX_SYNC_TIMING_DATA	0x8004
#define TLV_SLAVE_DELAY_TIMING_DATA_NP	0x7F00

/* sourcePortIdentity + sequenceId, two Timestamps, a TimeInterval (+ rate) */
#define MONITOR_SYNC_TLV_LEN	(10 + 2 + 10 + 8 + 4 + 10)
#define MONITOR_DELAY_TLV_LEN	(10 + 2 + 10 + 8 + 10)

struct monitor {
	bool active;
	int fd;				/* the UDS management socket */
	struct uds_addr to;
	struct PortIdentity self;	/* the management port: clock id-0 */
	uint8_t domain;
	/* ptp4l keeps one message per kind and counts its sequenceId */
	uint16_t seq_delay, seq_sync;
};

/* The origin, correction (ns) and arrival of one Sync or Delay_Req. */
struct monitor_event {
	struct PortIdentity source;	/* the parent port */
	uint16_t seq;
	int64_t origin, corr, arrival;	/* t1, c, t2 or t3, c, t4 */
};

/* Inactive when path is empty; fd is where the messages are sent from. */
void monitor_init(struct monitor *m, const char *path, int fd,
		  const struct ClockIdentity *id, uint8_t domain);

/*
 * Build the Signaling frame for one Sync (sync true) or one delay
 * measurement into buf: its length, or 0 when it does not fit or a time
 * cannot be a Timestamp. Advances the kind's sequenceId.
 */
size_t monitor_frame(struct monitor *m, bool sync,
		     const struct monitor_event *e, uint8_t *buf, size_t cap);

/* Send one (nothing when inactive; a failed send is only a debug line). */
void monitor_sync(struct monitor *m, const struct monitor_event *e);
void monitor_delay(struct monitor *m, const struct monitor_event *e);

#endif
