/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Automatic mode (-a [-r [-r]]): ptp4l's ports, their clocks and their
 * states, and phc2sys 3.1.1's choice of the master clock and the clocks to
 * synchronize after a port state change. Pure bookkeeping (and phc2sys's
 * messages), in job.c; main.c turns the choice into sync jobs in ptpk.ko.
 */
#ifndef P2S_AUTO_H
#define P2S_AUTO_H

#include <stdbool.h>
#include <stdint.h>

#include "job.h"
#include "output.h"

#define P2S_AUTO_MAX_CLOCKS 16
#define P2S_AUTO_MAX_PORTS 64

struct p2s_aclock {
	char device[64];		/* interface name, or CLOCK_REALTIME */
	int phc_index;			/* -1: none or unknown */
	bool is_rt;
	bool dest_only;			/* -r once: CLOCK_REALTIME is no source */
	int state, new_state;		/* PMC_PS_*, 0: none */
	bool reset;			/* its servo starts over (phc2sys resets
					 * it when the clock becomes MASTER) */
	bool dst;			/* selected for synchronization */
	/* what main.c runs for it */
	struct p2s_job job;
	struct p2s_output out;
	int job_src;			/* clock the job follows, -1: none */
};

struct p2s_aport {
	uint16_t number;
	int state;
	int clock;
};

struct p2s_auto {
	struct p2s_aclock clock[P2S_AUTO_MAX_CLOCKS];
	unsigned int n_clocks;		/* in the order they were added */
	struct p2s_aport port[P2S_AUTO_MAX_PORTS];
	unsigned int n_ports;
	int master;			/* -1: none */
	bool state_changed;
	uint8_t clock_id[8];		/* ptp4l's, for messages */
};

void p2s_auto_init(struct p2s_auto *a);
/* phc2sys's normalize_state(): anything but a master or slave is DISABLED. */
int p2s_auto_normalize(int state);
/* A port with hardware timestamps on iface; its clock is shared with other
 * ports on the same iface. 0, or -1 when full. */
int p2s_auto_add_port(struct p2s_auto *a, uint16_t number, const char *iface,
		      int phc_index, int state);
int p2s_auto_add_rt(struct p2s_auto *a, bool dest_only);
/* After the ports: each clock's state from its ports, a reconfiguration due. */
void p2s_auto_ports_done(struct p2s_auto *a);
/* A PORT_DATA_SET notification (portIdentity and portState). */
void p2s_auto_port_event(struct p2s_auto *a, const uint8_t *clock_id,
			 uint16_t port, int state);
/* phc2sys's reconfigure(): sets master and each clock's dst, prints. */
void p2s_auto_reconfigure(struct p2s_auto *a);
/* The clock clock i follows after the last reconfiguration, or -1. */
int p2s_auto_source_of(const struct p2s_auto *a, unsigned int i);

#endif
