/* SPDX-License-Identifier: GPL-2.0 */
/* The clocks servos adjust: CLOCK_REALTIME or a PHC. */

#ifndef _PTPK_CLOCK_H
#define _PTPK_CLOCK_H

#include <linux/fs.h>
#include <net/netlink.h>
#include <linux/time64.h>
#include <linux/types.h>
#include <net/net_namespace.h>
#include <uapi/linux/ptpk.h>

#include "phc.h"

/* A clock as a request selected it, checked to exist and be visible. */
struct ptpk_clock_sel {
	enum ptpk_clock_type type;
	const char *dev_path;		/* the request's dev-path, or NULL */
	struct ptpk_phc_caps caps;	/* name and max_adj for both types */
};

/* An open clock, held by a servo. */
struct ptpk_clock {
	enum ptpk_clock_type type;
	struct file *file;		/* PHC: its open character device */
	struct ptpk_phc_caps caps;	/* as when opened */
};

void ptpk_clock_system_caps(struct ptpk_phc_caps *caps);
int ptpk_clock_select(struct net *net, struct nlattr **tb,
		      struct ptpk_clock_sel *sel,
		      struct netlink_ext_ack *extack);

struct ptpk_clock *ptpk_clock_open(const struct ptpk_clock_sel *sel,
				   struct netlink_ext_ack *extack);
struct ptpk_clock *ptpk_clock_dup(const struct ptpk_clock *clock);
void ptpk_clock_close(struct ptpk_clock *clock);

int ptpk_clock_gettime(struct ptpk_clock *clock, struct timespec64 *ts);
int ptpk_clock_step(struct ptpk_clock *clock, s64 offset_ns);
int ptpk_clock_adjfreq(struct ptpk_clock *clock, s64 freq_ppt);
int ptpk_clock_getfreq(struct ptpk_clock *clock, s64 *freq_ppt);
int ptpk_clock_adjphase(struct ptpk_clock *clock, s64 offset_ns);

#endif /* _PTPK_CLOCK_H */
