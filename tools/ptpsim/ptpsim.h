/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ptpsim: simulated Ethernet devices with PTP hardware clocks and hardware
 * timestamping, wired into point-to-point links and hubs, for testing PTP
 * software in a virtual machine. See Documentation/ptpsim.md.
 */

#ifndef _PTPSIM_H
#define _PTPSIM_H

#include <linux/if.h>
#include <linux/list.h>
#include <linux/netdevice.h>
#include <linux/prandom.h>
#include <linux/ptp_clock_kernel.h>
#include <linux/spinlock.h>
#include <linux/types.h>

/* Limits of the knobs (see ptpsim_knobs[] in main.c). */
#define PTPSIM_MAX_ADJ_PPB	1000000		/* adjfine/adjfreq range */
#define PTPSIM_MAX_ERR_PPB	10000000	/* oscillator error */
#define PTPSIM_MAX_WANDER_PPB	1000000		/* wander step and bound */
#define PTPSIM_MAX_PHASE_NS	1000000		/* adjphase (getmaxphase) */
#define PTPSIM_SLEW_NS		1000000000ULL	/* adjphase slews over 1 s */

/*
 * Frequencies are kept in "sppb": parts per billion with a 16-bit binary
 * fraction (scaled_ppm * 1000). The clock's rate relative to the raw
 * monotonic clock is 1 + rate / 2^48.
 */
#define PTPSIM_FRAC_BITS	48
#define PTPSIM_FRAC_MASK	((1ULL << PTPSIM_FRAC_BITS) - 1)

/**
 * struct ptpsim_clock - one simulated PHC
 * @lock:	protects everything below except @info and @ptp
 * @mono:	anchor: raw monotonic time (ns) of the last rebase
 * @ns:		anchor: the PHC's time at @mono, whole nanoseconds
 * @frac:	anchor: the fraction of a nanosecond, in 2^-48 ns
 * @err_sppb:	the oscillator's frequency error (knob freq_ppb)
 * @wander_sppb: the random-walk part of the frequency error
 * @adj_sppb:	the adjustment made through the PHC API
 * @slew_sppb:	the extra rate that slews out an adjphase offset
 * @slew_end:	raw monotonic time the slew ends, 0 if none
 * @rate:	(@err_sppb + @wander_sppb + @adj_sppb + @slew_sppb) in units
 *		of 2^-48
 * @rate_base:	@rate without @slew_sppb (after @slew_end)
 * @n_adjphase:	adjphase calls that were accepted
 * @wander_ppb:	size of the random-walk step per second (knob wander_ppb)
 * @rnd:	PRNG of the wander
 * @info:	what the PTP core calls
 * @ptp:	the registered clock
 *
 * The PHC's time is a piecewise linear function of the raw monotonic clock:
 * every change of frequency first moves the anchor to the current instant,
 * carrying the sub-nanosecond fraction, so rounding never accumulates.
 */
struct ptpsim_clock {
	spinlock_t lock;		/* protects the fields below */
	u64 mono;
	s64 ns;
	u64 frac;
	s64 err_sppb;
	s64 wander_sppb;
	s64 adj_sppb;
	s64 slew_sppb;
	u64 slew_end;
	s64 rate;
	s64 rate_base;
	u64 n_adjphase;
	u32 wander_ppb;
	struct rnd_state rnd;
	struct ptp_clock_info info;
	struct ptp_clock *ptp;
};

/**
 * struct ptpsim_link - the model of the direction from a port to its peers
 * @delay_ns:	base one-way delay
 * @jitter_ns:	mean of the exponentially distributed extra delay
 * @loss_ppm:	probability of losing a frame, in parts per million
 * @rnd:	PRNG of jitter and loss (used under the device's TX lock)
 */
struct ptpsim_link {
	u64 delay_ns;
	u64 jitter_ns;
	u32 loss_ppm;
	struct rnd_state rnd;
};

struct ptpsim_seg;

/* Pdelay_Req ingress times a device keeps for one-step P2P responses. */
#define PTPSIM_PDREQ_SLOTS	4

/**
 * struct ptpsim_pdreq - the ingress time of a received Pdelay_Req
 * @src:	its sourcePortIdentity
 * @seq:	its sequenceId
 * @valid:	the slot holds one
 * @t2:		its RX timestamp (the receiver's PHC)
 */
struct ptpsim_pdreq {
	u8 src[10];
	u16 seq;
	bool valid;
	s64 t2;
};

/**
 * struct ptpsim_dev - one simulated device (netdev private data)
 * @netdev:	the network device
 * @node:	in the list of all devices (ptpsim_lock)
 * @name:	the name it was created with (the netdev may be renamed)
 * @seg:	the segment it is attached to, or NULL (RCU, ptpsim_lock)
 * @seg_node:	in @seg's list of ports (RCU, ptpsim_lock)
 * @clock:	its PHC
 * @link:	the model of frames it sends
 * @seed:	the seed of its PRNGs (knob seed)
 * @ts_gran_ns:	timestamp granularity, 0 or 1 for none (knob ts_gran_ns)
 * @tx_type:	HWTSTAMP_TX_* in force
 * @rx_filter:	HWTSTAMP_FILTER_* in force
 * @tx_packets: frames sent (and the counters below)
 * @tx_hwts:	hardware TX timestamps reported (skb_tstamp_tx)
 * @onestep:	one-step Syncs stamped in place (no TX timestamp reported)
 * @pdresp:	one-step Pdelay_Resps whose turnaround went into the
 *		correctionField (HWTSTAMP_TX_ONESTEP_P2P)
 * @pdresp_miss: one-step Pdelay_Resps sent without a matching Pdelay_Req
 * @pd_lock:	protects @pdreq and @pd_next
 * @pdreq:	the last Pdelay_Reqs received, while ONESTEP_P2P is on
 * @pd_next:	the slot the next one goes into
 */
struct ptpsim_dev {
	struct net_device *netdev;
	struct list_head node;
	char name[IFNAMSIZ];
	struct ptpsim_seg __rcu *seg;
	struct list_head seg_node;
	struct ptpsim_clock clock;
	struct ptpsim_link link;
	u64 seed;
	u32 ts_gran_ns;
	int tx_type;
	int rx_filter;
	atomic64_t tx_packets, tx_bytes, tx_dropped;
	atomic64_t rx_packets, rx_bytes, rx_dropped;
	atomic64_t tx_hwts, onestep, pdresp, pdresp_miss;
	spinlock_t pd_lock;		/* protects pdreq, pd_next */
	struct ptpsim_pdreq pdreq[PTPSIM_PDREQ_SLOTS];
	unsigned int pd_next;
};

/**
 * struct ptpsim_seg - a segment: a point-to-point link or a hub
 * @name:	its name
 * @node:	in the list of all segments (ptpsim_lock)
 * @ports:	attached devices (RCU; changed under ptpsim_lock)
 */
struct ptpsim_seg {
	char name[2 * IFNAMSIZ];
	struct list_head node;
	struct list_head ports;
};

/* clock.c */
int ptpsim_clock_init(struct ptpsim_clock *c, const char *name, u64 seed);
void ptpsim_clock_fini(struct ptpsim_clock *c);
s64 ptpsim_clock_read(struct ptpsim_clock *c, u64 mono);
void ptpsim_clock_set_err(struct ptpsim_clock *c, s64 ppb);
void ptpsim_clock_set_offset(struct ptpsim_clock *c, s64 offset_ns);
void ptpsim_clock_step(struct ptpsim_clock *c, s64 delta_ns);
void ptpsim_clock_seed(struct ptpsim_clock *c, u64 seed);
void ptpsim_clock_wander(struct ptpsim_clock *c);
int ptpsim_clock_adj_sppb(struct ptp_clock_info *info, s64 sppb);
int ptpsim_clock_adjphase(struct ptp_clock_info *info, s32 phase);

/* link.c */
bool ptpsim_link_sample(struct ptpsim_link *l, u64 *delay_ns);
u32 ptpsim_exp_q16(u32 u);

/* netdev.c */
struct ptpsim_dev *ptpsim_dev_create(const char *name, u64 seed, u32 id);
void ptpsim_dev_destroy(struct ptpsim_dev *ps);
s64 ptpsim_dev_tstamp(struct ptpsim_dev *ps, u64 mono);
int ptpsim_hwtstamp_get(struct net_device *dev, int *flags, int *tx_type,
			int *rx_filter);
int ptpsim_hwtstamp_set(struct net_device *dev, int *flags, int *tx_type,
			int *rx_filter);

#include "compat.h"

#endif /* _PTPSIM_H */
