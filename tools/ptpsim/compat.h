/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every difference between the kernels ptpsim builds for (Debian's 6.1 and
 * 6.12) lives here; the other files read like mainline code. Included at the
 * end of ptpsim.h.
 */

#ifndef _PTPSIM_COMPAT_H
#define _PTPSIM_COMPAT_H

#include <linux/errno.h>
#include <linux/ethtool.h>
#include <linux/net_tstamp.h>
#include <linux/netdevice.h>
#include <linux/uaccess.h>
#include <linux/version.h>

/* get_ts_info's argument became struct kernel_ethtool_ts_info in 6.11. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 11, 0)
#define ptpsim_ts_info kernel_ethtool_ts_info
#else
#define ptpsim_ts_info ethtool_ts_info
#endif

/*
 * 6.6 added ndo_hwtstamp_get/set; before, drivers answered SIOCGHWTSTAMP and
 * SIOCSHWTSTAMP in ndo_eth_ioctl. Both routes end in ptpsim_hwtstamp_get/set.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 6, 0)
static inline int ptpsim_ndo_hwtstamp_get(struct net_device *dev,
					  struct kernel_hwtstamp_config *cfg)
{
	return ptpsim_hwtstamp_get(dev, &cfg->flags, &cfg->tx_type,
				   &cfg->rx_filter);
}

static inline int ptpsim_ndo_hwtstamp_set(struct net_device *dev,
					  struct kernel_hwtstamp_config *cfg,
					  struct netlink_ext_ack *extack)
{
	return ptpsim_hwtstamp_set(dev, &cfg->flags, &cfg->tx_type,
				   &cfg->rx_filter);
}

#define PTPSIM_HWTSTAMP_NDOS					\
	.ndo_hwtstamp_get = ptpsim_ndo_hwtstamp_get,		\
	.ndo_hwtstamp_set = ptpsim_ndo_hwtstamp_set
#else
static inline int ptpsim_ndo_eth_ioctl(struct net_device *dev,
				       struct ifreq *ifr, int cmd)
{
	struct hwtstamp_config cfg;
	int err;

	switch (cmd) {
	case SIOCGHWTSTAMP:
		err = ptpsim_hwtstamp_get(dev, &cfg.flags, &cfg.tx_type,
					  &cfg.rx_filter);
		break;
	case SIOCSHWTSTAMP:
		if (copy_from_user(&cfg, ifr->ifr_data, sizeof(cfg)))
			return -EFAULT;
		err = ptpsim_hwtstamp_set(dev, &cfg.flags, &cfg.tx_type,
					  &cfg.rx_filter);
		break;
	default:
		return -EOPNOTSUPP;
	}
	if (err)
		return err;
	return copy_to_user(ifr->ifr_data, &cfg, sizeof(cfg)) ? -EFAULT : 0;
}

#define PTPSIM_HWTSTAMP_NDOS					\
	.ndo_eth_ioctl = ptpsim_ndo_eth_ioctl
#endif

/*
 * adjfreq (whole ppb) was removed in 6.2; the core prefers adjfine where
 * both exist, so on 6.1 this is only a fallback kept for completeness.
 */
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 2, 0)
static inline int ptpsim_adjfreq(struct ptp_clock_info *info, s32 ppb)
{
	return ptpsim_clock_adj_sppb(info, (s64)ppb * 65536);
}

#define PTPSIM_ADJFREQ_OP(info)	((info)->adjfreq = ptpsim_adjfreq)
#else
#define PTPSIM_ADJFREQ_OP(info)	do { } while (0)
#endif

/* getmaxphase appeared in 6.5; 6.12's core calls it before adjphase. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 5, 0)
static inline s32 ptpsim_getmaxphase(struct ptp_clock_info *info)
{
	return PTPSIM_MAX_PHASE_NS;
}

#define PTPSIM_GETMAXPHASE_OP(info)	((info)->getmaxphase = ptpsim_getmaxphase)
#else
#define PTPSIM_GETMAXPHASE_OP(info)	do { } while (0)
#endif

#endif /* _PTPSIM_COMPAT_H */
