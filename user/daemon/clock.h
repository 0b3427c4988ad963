/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The local PTP clock: defaultDS, parentDS, currentDS and
 * timePropertiesDS, the BMCA over its ports (state decision events), and
 * the servo in ptpk.ko that ports feed when they are UNCALIBRATED or SLAVE.
 */
#ifndef PTPKD_CLOCK_H
#define PTPKD_CLOCK_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "bmc.h"
#include "ddt.h"
#include "freq_est.h"
#include "monitor.h"
#include "ntpshm.h"
#include "pm.h"
#include "servo_nl.h"
#include "tlv.h"

struct config;
struct port;

#define CLOCK_MAX_PORTS 16

struct clock {
	struct config *cfg;
	/* defaultDS, as the BMCA's D0 */
	struct dataset d0;
	bmc_cmp_fn dscmp;		/* dataset_comparison; NULL: 1588 */
	bool slave_only;
	bool two_step;
	uint8_t domain;
	int ts_type;			/* time_stamping */
	/* parentDS and currentDS: the grandmaster and who sends it to us */
	struct dataset gm;		/* identity, quality, priorities */
	struct PortIdentity parent;
	uint16_t steps_removed;
	struct ClockIdentity best_id;	/* the last selected best master */
	struct tlv_path_trace ptl;	/* the parent's path trace */
	/* timePropertiesDS */
	int16_t utc_offset;
	uint16_t time_flags;
	uint8_t time_source;
	/* what the clock is made of */
	struct port *port[CLOCK_MAX_PORTS];
	unsigned int n_ports;
	struct servo_nl servo;
	int phc_index;			/* the servo's clock; -1: system */
	bool sde;			/* a state decision is due */
	/* what management reports and may change */
	struct {
		uint16_t clock_type;
		uint8_t manufacturer[3];
		char product[65], revision[33], user[129];
	} desc;
	/* GRANDMASTER_SETTINGS_NP: timePropertiesDS when we are the GM */
	int16_t gm_utc_offset;
	uint8_t gm_time_flags;
	uint8_t gm_time_source;
	uint8_t sync_uncertain;		/* SYNCHRONIZATION_UNCERTAIN_NP */
	int64_t master_offset;		/* ns, the last servo sample */
	int servo_state;		/* of the last servo sample */
	/* leap seconds on the system clock (leap.h) */
	bool kernel_leap;		/* kernel_leap: STA_INS/STA_DEL */
	int leap_set;			/* +1, -1: pending; 0: none */
	int64_t path_delay;		/* ns */
	int64_t initial_delay;		/* ns, until a delay is measured */
	int64_t ingress_ns;		/* t2 of the last Sync */
	/* free_running: no servo; the offset and rate are only measured */
	bool free_running;
	struct freq_est fest;
	struct e2e_sync last_sync;	/* for a raw path delay */
	bool have_delay;		/* path_delay was measured */
	/* a transparent clock (clock_type E2E_TC or P2P_TC): tc_fwd.c */
	bool tc;
	bool tc_spanning_tree;
	struct pm pm;
	struct monitor monitor;		/* slave_event_monitor */
	struct ntpshm ntpshm;		/* clock_servo ntpshm */
};

/*
 * Create the clock and its ports from the configuration: 0, or -1 after
 * logging why (ptp4l's messages where it has them).
 */
/*
 * Refuse what this version cannot do, and make twoStepFlag and
 * time_stamping agree as ptp4l does (may change either in cfg). 0 or -1.
 */
int clock_check_config(struct config *cfg);
int clock_init(struct clock *c, struct config *cfg);
void clock_fini(struct clock *c);
/* Run until *stop; signals in mask are unblocked only while waiting. */
int clock_run(struct clock *c, volatile sig_atomic_t *stop,
	      const sigset_t *mask);
/* Lets a pending SIGINT/SIGTERM/SIGQUIT that mask unblocks be handled. */
void clock_take_signals(const sigset_t *mask);

/* Ask for a state decision after the current event. */
static inline void clock_set_sde(struct clock *c)
{
	c->sde = true;
}
void clock_state_decision(struct clock *c);
/* A port changed state: tell the management subscribers. */
void clock_port_state_changed(struct clock *c, struct port *p);

/* The data a master port announces (parentDS, currentDS, time props). */
struct announce_data;
void clock_announce_data(const struct clock *c, struct announce_data *a);
/* Update timePropertiesDS from the parent's Announce. */
void clock_time_props(struct clock *c, int16_t utc_offset, uint16_t flags,
		      uint8_t time_source);

/* The port became UNCALIBRATED: make sure the servo exists. */
int clock_servo_prepare(struct clock *c, struct port *p);
/*
 * Feed the servo. Return the servo state (enum ptpk_servo_state), or -1
 * when there was no result.
 */
int clock_sync_sample(struct clock *c, const struct e2e_sync *m);
void clock_delay_sample(struct clock *c, const struct e2e_delay *m);
/* Tell the slave event monitor about a Sync or a delay measurement. */
void clock_monitor_sync(struct clock *c, const struct e2e_sync *s);
void clock_monitor_delay(struct clock *c, const struct e2e_delay *d);
/* A raw P2P mean link delay (ns) measured by a slave port. */
void clock_peer_delay(struct clock *c, int64_t delay);

/*
 * The ratio of the master's frequency to ours that a transparent clock
 * scales residence times by: measured when free_running, else 1 (the servo
 * keeps our clock syntonized).
 */
double clock_rate_ratio(const struct clock *c);

/* "001122.fffe.334455" and "001122.fffe.334455-1" */
char *cid_str(const struct ClockIdentity *id, char *buf, size_t len);
char *pid_str(const struct PortIdentity *id, char *buf, size_t len);

#endif
