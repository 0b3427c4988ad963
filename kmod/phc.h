/* SPDX-License-Identifier: GPL-2.0 */
/* PTP hardware clocks: discovery, capabilities and the posix clock route. */

#ifndef _PTPK_PHC_H
#define _PTPK_PHC_H

#include <linux/fs.h>
#include <net/netlink.h>
#include <linux/time64.h>
#include <linux/timex.h>
#include <linux/types.h>
#include <uapi/linux/ptpk.h>

/* What the ptp class device's sysfs attributes say about one PHC. */
struct ptpk_phc_caps {
	u32 index;
	dev_t devt;
	char name[PTPK_NAME_LEN];
	u32 max_adj;
	u32 n_pins;
	u32 n_ext_ts;
	u32 n_per_out;
	u32 pps;
};

int ptpk_phc_init(void);
void ptpk_phc_exit(void);

int ptpk_phc_caps(u32 index, struct ptpk_phc_caps *caps);
int ptpk_phc_caps_next(u32 *index, struct ptpk_phc_caps *caps);
int ptpk_phc_index_by_devt(dev_t devt, u32 *index);
int ptpk_phc_path_devt(const char *path, dev_t *devt);

int ptpk_phc_open(const char *path, u32 *index, struct file **filep,
		  struct netlink_ext_ack *extack);
int ptpk_phc_gettime(struct file *f, struct timespec64 *ts);
int ptpk_phc_settime(struct file *f, const struct timespec64 *ts);
int ptpk_phc_adjtime(struct file *f, struct __kernel_timex *tx);

#endif /* _PTPK_PHC_H */
