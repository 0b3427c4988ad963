/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Sync jobs: phc2sys in the kernel. A job measures the offset of a servo's
 * clock (the sink) from a source clock in a kernel thread at a fixed rate
 * and feeds the servo direct samples. See sync.c.
 */

#ifndef _PTPK_SYNC_H
#define _PTPK_SYNC_H

#include <linux/list.h>
#include <linux/sched.h>
#include <linux/types.h>
#include <net/net_namespace.h>

#include "clock.h"

struct ptpk_net;

#define PTPK_SYNC_DEFAULT_RATE		1000	/* per 1000 s: 1 Hz */
#define PTPK_SYNC_DEFAULT_READINGS	5	/* phc2sys -N */

struct ptpk_sync {
	u32 id;
	u32 servo_id;
	u32 owner;			/* netlink port id */
	struct net *net;
	struct ptpk_clock *source;	/* the job's own handles */
	struct ptpk_clock *sink;
	struct ptpk_clock_sel source_sel; /* for replies */
	u32 rate;			/* measurements per 1000 s */
	u32 readings;
	s32 utc_offset;			/* s */
	/* last measurement */
	s64 offset;			/* ns */
	s64 delay;			/* ns */
	u64 n;
	u64 n_rejected;
	s64 typical_delay;		/* running mean of kept brackets, ns */
	bool fault;
	struct task_struct *thread;
	struct list_head stop;		/* on a list of jobs to stop */
};

struct ptpk_sync *ptpk_sync_alloc(struct net *net, u32 servo_id, u32 owner,
				  struct ptpk_clock *source,
				  struct ptpk_clock *sink);
int ptpk_sync_insert(struct ptpk_net *pn, struct ptpk_sync *j);
int ptpk_sync_start(struct ptpk_sync *j);
struct ptpk_sync *ptpk_sync_find(struct ptpk_net *pn, u32 id);
struct ptpk_sync *ptpk_sync_by_servo(struct ptpk_net *pn, u32 servo_id);
void ptpk_sync_remove(struct ptpk_net *pn, struct ptpk_sync *j,
		      struct list_head *stop);
void ptpk_sync_stop_list(struct list_head *stop);
void ptpk_sync_remove_owner(struct ptpk_net *pn, u32 owner,
			    struct list_head *stop);
void ptpk_sync_remove_all(struct ptpk_net *pn, struct list_head *stop);

#endif /* _PTPK_SYNC_H */
