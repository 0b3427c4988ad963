/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The unicast service of a port (unicast_listen, 1588-2008 16.1): grants
 * of Announce and Sync to the clients that ask, each with its own transmit
 * schedule (the granted logInterMessagePeriod, from 10 ms after the grant)
 * until it expires or the client cancels it. Delay_Resp and Pdelay_Resp
 * are granted without a record, as ptp4l: they answer requests. No I/O:
 * what is due goes to a callback.
 */
#ifndef PTPKD_UNICAST_SERVICE_H
#define PTPKD_UNICAST_SERVICE_H

#include <stdbool.h>
#include <stdint.h>

#include "ddt.h"
#include "tlv.h"
#include "transport.h"

#define UC_SERVICE_MAX	64	/* grants per port */

struct uc_grant {
	bool used;
	struct trans_addr addr;		/* the client */
	struct PortIdentity pid;
	uint8_t type;			/* MSG_ANNOUNCE or MSG_SYNC */
	int8_t log_period;
	uint64_t expires_ns;		/* CLOCK_MONOTONIC */
	uint64_t next_ns;		/* its next message */
};

struct uc_service {
	struct uc_grant g[UC_SERVICE_MAX];
};

/*
 * A REQUEST from a client: 1 to grant it (for the duration asked), 0 to
 * deny it (a type that is not served, or no room).
 */
int uc_service_request(struct uc_service *s, const struct trans_addr *from,
		       const struct PortIdentity *src,
		       const struct tlv_unicast *req, uint64_t now_ns);

/* A CANCEL from a client: its grant of that type ends. 1 if there was one. */
int uc_service_cancel(struct uc_service *s, const struct trans_addr *from,
		      const struct tlv_unicast *cancel);

typedef void (*uc_due_fn)(void *ctx, const struct uc_grant *g);

/*
 * Expire what is over, send (if send, i.e. the port is a master) what is
 * due, schedule the next ones. Returns when to run next (0: nothing left).
 */
uint64_t uc_service_run(struct uc_service *s, uint64_t now_ns, bool send,
			uc_due_fn due, void *ctx);

/* The first deadline, 0 if none. */
uint64_t uc_service_next(const struct uc_service *s);

unsigned int uc_service_count(const struct uc_service *s);

#endif
