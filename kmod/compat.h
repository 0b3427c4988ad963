/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every difference between the kernels ptpk.ko builds for (Debian's 6.1 and
 * 6.12) lives here, so that the other files read like mainline code.
 */

#ifndef _PTPK_COMPAT_H
#define _PTPK_COMPAT_H

#include <linux/device.h>
#include <linux/ethtool.h>
#include <linux/netdevice.h>
#include <linux/phy.h>
#include <linux/rtnetlink.h>
#include <linux/string.h>
#include <linux/version.h>
#include <net/netlink.h>

/*
 * True when building for kernel major.minor or later. (checkpatch rightly
 * keeps LINUX_VERSION_CODE out of mainline code; an out-of-tree module needs
 * version checks, and keeps all of them in this file.)
 */
#define PTPK_KERNEL_AT_LEAST(major, minor)				\
	(LINUX_VERSION_MAJOR * 256 + LINUX_VERSION_PATCHLEVEL >=	\
	 (major) * 256 + (minor))

/*
 * class_interface callbacks lost their struct class_interface argument in
 * 6.4. Declare them as `static int f(PTPK_CLASS_INTF_ARGS)`.
 */
#if PTPK_KERNEL_AT_LEAST(6, 4)
#define PTPK_CLASS_INTF_ARGS	struct device *dev
#else
#define PTPK_CLASS_INTF_ARGS	struct device *dev, struct class_interface *intf
#endif

/**
 * ptpk_netdev_phc_index() - the PHC a netdev's ethtool ts-info names
 * @dev: the network device; the caller holds rtnl_lock
 *
 * Return: the PHC index, or -1 if the device names none.
 */
#if PTPK_KERNEL_AT_LEAST(6, 11)
static inline int ptpk_netdev_phc_index(struct net_device *dev)
{
	struct kernel_ethtool_ts_info info = { };

	ASSERT_RTNL();
	if (ethtool_get_ts_info_by_layer(dev, &info))
		return -1;
	return info.phc_index;
}
#else
/* As __ethtool_get_ts_info(), which 6.1 does not export. */
static inline int ptpk_netdev_phc_index(struct net_device *dev)
{
	const struct ethtool_ops *ops = dev->ethtool_ops;
	struct ethtool_ts_info info;
	int err;

	ASSERT_RTNL();
	memset(&info, 0, sizeof(info));
	info.cmd = ETHTOOL_GET_TS_INFO;
	info.phc_index = -1;
	if (phy_has_tsinfo(dev->phydev))
		err = phy_ts_info(dev->phydev, &info);
	else if (ops && ops->get_ts_info)
		err = ops->get_ts_info(dev, &info);
	else
		return -1;
	return err ? -1 : info.phc_index;
}
#endif

#endif /* _PTPK_COMPAT_H */
