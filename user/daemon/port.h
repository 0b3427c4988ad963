/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One PTP port: its transport and timers, message dispatch, the port state
 * machine, Announce qualification, and E2E two-step Sync/Follow_Up and
 * Delay_Req/Delay_Resp as master and as slave. The clock (clock.h) runs the
 * BMCA over its ports and owns the kernel servo.
 */
#ifndef PTPKD_PORT_H
#define PTPKD_PORT_H

#include <poll.h>
#include <stdbool.h>
#include <stdint.h>

#include "ddt.h"
#include "foreign.h"
#include "fsm.h"
#include "msg.h"
#include "servo_nl.h"
#include "sk.h"
#include "transport.h"

struct clock;
struct config;
struct port;

/*
 * Pairing a two-step Sync with its Follow_Up, whichever comes first (they
 * arrive on different sockets). Pure logic, for the tests.
 */
struct sync_pair {
	bool have_sync, have_fup;
	uint16_t sync_seq, fup_seq;
	struct PortIdentity sync_src, fup_src;
	int64_t t2, corr_sync;
	int8_t log_interval;
	bool two_step;
	int64_t t1, corr_fup;
	bool assume_two_step;	/* the key: every Sync waits for a Follow_Up */
	/*
	 * check_fup_sync: the software RX timestamps (ns, 0 without the key);
	 * as ptp4l, a pair whose Follow_Up came in before its Sync is none.
	 */
	int64_t sync_sw, fup_sw;
};

/* Forgets everything, assume_two_step too. */
void sync_pair_reset(struct sync_pair *sp);
/*
 * A Sync from the master received at rx_ns (sw_ns: its software RX
 * timestamp for check_fup_sync, else 0): 1 with *out complete (a one-step
 * Sync, or its Follow_Up came first), 0 waiting for the Follow_Up, -1 for a
 * timestamp that does not convert.
 */
int sync_pair_sync(struct sync_pair *sp, const struct ptp_message *m,
		   int64_t rx_ns, int64_t sw_ns, struct e2e_sync *out);
/* A Follow_Up: 1 with *out when it completes the stored Sync, else 0/-1. */
int sync_pair_fup(struct sync_pair *sp, const struct ptp_message *m,
		  int64_t sw_ns, struct e2e_sync *out);

/* The outstanding Delay_Req of a slave port. */
struct delay_track {
	bool pending;
	uint16_t seq;
	int64_t t3;		/* its TX timestamp, ns */
};

/* A Delay_Req went out with sequenceId seq at t3_ns. */
void delay_track_sent(struct delay_track *dt, uint16_t seq, int64_t t3_ns);
/*
 * A Delay_Resp: 1 with *out when it answers our outstanding request (our
 * port identity, its sequenceId), which is then no longer pending; else 0.
 */
int delay_track_resp(struct delay_track *dt, const struct PortIdentity *self,
		     const struct ptp_message *m, struct e2e_delay *out);

/* Fill an Announce from the data a master sends (exposed for the tests). */
struct announce_data {
	const struct dataset *gm;	/* grandmaster fields, stepsRemoved */
	int16_t currentUtcOffset;
	uint16_t flags;			/* timePropertiesDS flags, FLAG_* */
	uint8_t timeSource;
};

/*
 * The PATH_TRACE TLV value we announce: the parent's path and our own
 * identity (1588 16.2). Its length, or 0 if the path is full (then no TLV,
 * as ptp4l).
 */
size_t port_path_trace(uint8_t *buf, size_t cap,
		       const struct tlv_path_trace *parent,
		       const struct ClockIdentity *self);
/* Does a received path trace name us (a loop: ignore the Announce)? */
bool port_path_has(const struct tlv_path_trace *path,
		   const struct ClockIdentity *self);
void port_build_announce(struct ptp_message *m, const struct announce_data *a,
			 const struct PortIdentity *self, uint8_t domain,
			 uint8_t transport_specific, uint16_t seq,
			 int8_t log_interval);

/* A Delay_Resp for a Delay_Req received at rx_ns. */
int port_build_delay_resp(struct ptp_message *resp,
			  const struct ptp_message *req, int64_t rx_ns,
			  const struct PortIdentity *self,
			  uint8_t transport_specific, int8_t log_min_delay_req);

struct port *port_create(struct clock *c, const struct config *cfg,
			 const char *ifname, uint16_t number);
/* Open the transport and leave INITIALIZING: 0 or a negative errno. */
int port_open(struct port *p);
void port_destroy(struct port *p);

/* Fill up to max pollfds (PORT_MAX_PFD do); returns the count. */
#define PORT_MAX_PFD 12
int port_pollfds(struct port *p, struct pollfd *pfd, int max);
/* Handle the events of the pollfds port_pollfds() filled. */
void port_handle(struct port *p, const struct pollfd *pfd, int n);

/* Feed an event to the port state machine (from the clock's BMCA too). */
void port_dispatch(struct port *p, enum fsm_event ev, int mdiff);

/*
 * A transparent clock's (tc_fwd.c): send a frame as it is, to the port's
 * default destination, with its TX timestamp if txts: 0, -ETIMEDOUT when
 * the timestamp did not come, or another -errno.
 */
int port_send_frame(struct port *p, enum trans_fd fd, const void *buf,
		    size_t len, struct pkt_ts *txts);
/* The port's table of forwarded messages (NULL unless a TC). */
struct tc_table *port_tc(struct port *p);
/*
 * What a TC adds to a Sync for the link it came in on: the peer delay
 * (P2P) and delayAsymmetry, as ptp4l.
 */
int64_t port_tc_ingress_delay(const struct port *p);
/* delayAsymmetry, ns (1588 11.6: mean path delay + it = master to slave). */
int64_t port_asymmetry(const struct port *p);

enum port_state port_state(const struct port *p);
/* BMCA noop: the state decision leaves the port alone. */
bool port_noop(const struct port *p);
const struct PortIdentity *port_identity(const struct port *p);
const char *port_name(const struct port *p);
struct foreign_table *port_foreign(struct port *p);
/* The PHC of the port's interface, -1 if none. */
int port_phc_index(const struct port *p);

/* Management (pm.c): the port's data sets, and what may be changed. */
struct pm_port_info;
void port_pm_info(struct port *p, struct pm_port_info *pi);
void port_pm_set_np(struct port *p, uint32_t neighbor_prop_delay_thresh,
		    int32_t as_capable);
/* ENABLE_PORT / DISABLE_PORT: DESIGNATED_ENABLED / _DISABLED events. */
void port_pm_enable(struct port *p, bool enable);

#endif
