/* SPDX-License-Identifier: GPL-2.0 */
/* Servo instances and their per-network-namespace table. */

#ifndef _PTPK_SERVO_H
#define _PTPK_SERVO_H

#include <linux/mutex.h>
#include <linux/types.h>
#include <linux/xarray.h>
#include <net/net_namespace.h>
#include <uapi/linux/ptpk.h>

#include "clock.h"
#include "loop.h"

#define PTPK_SERVO_NAME_LEN	32

/* Nano-units: the real number times 10^9 (see the uapi header). */
#define PTPK_NANO		1000000000LL

/*
 * Parameters as configured, linuxptp's names and defaults. A zero
 * kp_scale/ki_scale selects the default for the timestamping mode; the PI
 * constants are used when both are non-zero, as in linuxptp's pi.c.
 */
struct ptpk_servo_params {
	s64 kp_const;
	s64 kp_scale;
	s64 kp_exponent;
	s64 kp_norm_max;
	s64 ki_const;
	s64 ki_scale;
	s64 ki_exponent;
	s64 ki_norm_max;
	s64 step_threshold;		/* ns */
	s64 first_step_threshold;	/* ns */
	s64 offset_threshold;		/* ns */
	u32 max_frequency;		/* ppb, at most the clock's max_adj */
	u32 sanity_freq_limit;		/* ppb */
	u32 num_offset_values;
	s32 sync_interval;		/* log2 seconds */
	bool hw_timestamping;
	enum ptpk_delay_filter delay_filter;
	u32 delay_filter_length;
	enum ptpk_tsproc_mode tsproc_mode;
	u32 outlier_factor;
	bool write_phase_mode;		/* adjphase in locked-stable */
};

/*
 * A servo instance. It belongs to the netlink socket that created or
 * adopted it (owner, a port id of the namespace); when that socket closes,
 * the clock goes to holdover and the servo is orphaned until adopted.
 */
struct ptpk_servo {
	u32 id;
	enum ptpk_servo_kind kind;
	char name[PTPK_SERVO_NAME_LEN];
	struct ptpk_clock *clock;
	struct ptpk_servo_params params;
	struct ptpk_loop loop;
	u32 owner;			/* netlink port id, 0: orphaned */
	unsigned long ntf_next;		/* jiffies: next sample notification */
};

/* Per network namespace: the servos created from it. */
struct ptpk_net {
	struct mutex lock;		/* servos and their contents */
	struct xarray servos;		/* id -> struct ptpk_servo */
	u32 next_id;
	struct xarray syncs;		/* id -> struct ptpk_sync */
	u32 next_sync_id;
};

extern struct pernet_operations ptpk_net_ops;
struct ptpk_net *ptpk_net(struct net *net);

void ptpk_servo_params_init(struct ptpk_servo_params *p);
s64 ptpk_servo_kp_scale(const struct ptpk_servo_params *p);
s64 ptpk_servo_ki_scale(const struct ptpk_servo_params *p);

int ptpk_servo_check_params(const struct ptpk_servo_params *p);
int ptpk_servo_check_clock(struct ptpk_clock *clock,
			   const struct ptpk_servo_params *old,
			   const struct ptpk_servo_params *p);
struct ptpk_servo *ptpk_servo_alloc(struct ptpk_clock *clock,
				    enum ptpk_servo_kind kind,
				    const struct ptpk_servo_params *p,
				    u32 owner);
int ptpk_servo_set_params(struct ptpk_servo *s,
			  const struct ptpk_servo_params *p);
void ptpk_servo_free(struct ptpk_servo *s);

int ptpk_servo_insert(struct ptpk_net *pn, struct ptpk_servo *s);
struct ptpk_servo *ptpk_servo_find(struct ptpk_net *pn, u32 id);
void ptpk_servo_remove(struct ptpk_net *pn, struct ptpk_servo *s);

#endif /* _PTPK_SERVO_H */
