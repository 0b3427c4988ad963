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
};

struct ptpk_servo {
	u32 id;
	enum ptpk_servo_kind kind;
	enum ptpk_servo_state state;
	char name[PTPK_SERVO_NAME_LEN];
	struct ptpk_clock *clock;
	struct ptpk_servo_params params;
	s64 offset;			/* ns */
	s64 freq;			/* ppb * 1000 */
};

/* Per network namespace: the servos created from it. */
struct ptpk_net {
	struct mutex lock;		/* servos and their contents */
	struct xarray servos;		/* id -> struct ptpk_servo */
	u32 next_id;
};

extern struct pernet_operations ptpk_net_ops;
struct ptpk_net *ptpk_net(struct net *net);

void ptpk_servo_params_init(struct ptpk_servo_params *p);
s64 ptpk_servo_kp_scale(const struct ptpk_servo_params *p);
s64 ptpk_servo_ki_scale(const struct ptpk_servo_params *p);

struct ptpk_servo *ptpk_servo_alloc(struct ptpk_clock *clock,
				    enum ptpk_servo_kind kind);
void ptpk_servo_set_params(struct ptpk_servo *s,
			   const struct ptpk_servo_params *p);
void ptpk_servo_free(struct ptpk_servo *s);

int ptpk_servo_insert(struct ptpk_net *pn, struct ptpk_servo *s);
struct ptpk_servo *ptpk_servo_find(struct ptpk_net *pn, u32 id);
void ptpk_servo_remove(struct ptpk_net *pn, struct ptpk_servo *s);

#endif /* _PTPK_SERVO_H */
