// SPDX-License-Identifier: GPL-2.0
/*
 * Netdevs and the PHCs their ethtool ts-info names.
 *
 * A PHC belongs to the network namespaces of the netdevs that name it; a PHC
 * no netdev names (ptp_kvm, a GPS card, a virtual clock) belongs to every
 * namespace. ptpk shows and adjusts a PHC only from a namespace it belongs
 * to. Answering that needs every netdev of every namespace: we hold
 * rtnl_lock (ts-info is read under it) and net_rwsem (which keeps
 * net_namespace_list stable and nests inside rtnl_lock) and take a snapshot.
 */

#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "compat.h"
#include "netdev.h"

static int ptpk_tsmap_add(struct ptpk_tsmap *map, struct net_device *dev,
			  int phc_index, bool local)
{
	struct ptpk_tsmap_entry *e;

	if (map->n == map->size) {
		unsigned int size = map->size ? 2 * map->size : 8;

		e = krealloc_array(map->e, size, sizeof(*e), GFP_KERNEL);
		if (!e)
			return -ENOMEM;
		map->e = e;
		map->size = size;
	}
	e = &map->e[map->n++];
	e->phc_index = phc_index;
	e->ifindex = dev->ifindex;
	strscpy(e->ifname, dev->name, sizeof(e->ifname));
	e->local = local;
	return 0;
}

/**
 * ptpk_tsmap_build() - snapshot which netdevs name which PHC
 * @net: the caller's namespace; its netdevs are marked local
 * @map: filled in; the caller frees it with ptpk_tsmap_free()
 *
 * Context: process context; takes rtnl_lock, so not under ptpk_phc_lock.
 * Return: 0 or -ENOMEM.
 */
int ptpk_tsmap_build(struct net *net, struct ptpk_tsmap *map)
{
	struct net_device *dev;
	struct net *n;
	int err = 0;
	int phc;

	memset(map, 0, sizeof(*map));
	rtnl_lock();
	down_read(&net_rwsem);
	for_each_net(n) {
		for_each_netdev(n, dev) {
			phc = ptpk_netdev_phc_index(dev);
			if (phc < 0)
				continue;
			err = ptpk_tsmap_add(map, dev, phc, net_eq(n, net));
			if (err)
				goto out;
		}
	}
out:
	up_read(&net_rwsem);
	rtnl_unlock();
	if (err)
		ptpk_tsmap_free(map);
	return err;
}

void ptpk_tsmap_free(struct ptpk_tsmap *map)
{
	kfree(map->e);
	memset(map, 0, sizeof(*map));
}

/**
 * ptpk_tsmap_visible() - does a PHC belong to the map's namespace?
 * @map: from ptpk_tsmap_build()
 * @phc_index: the PHC
 *
 * Return: true if a local netdev names it or no netdev at all does.
 */
bool ptpk_tsmap_visible(const struct ptpk_tsmap *map, u32 phc_index)
{
	bool named = false;
	unsigned int i;

	for (i = 0; i < map->n; i++) {
		if (map->e[i].phc_index != phc_index)
			continue;
		if (map->e[i].local)
			return true;
		named = true;
	}
	return !named;
}

/**
 * ptpk_phc_visible() - does a PHC belong to @net?
 * @net: the caller's namespace
 * @phc_index: the PHC
 *
 * Return: 0, -ENODEV if it belongs to other namespaces only, or -ENOMEM.
 */
int ptpk_phc_visible(struct net *net, u32 phc_index)
{
	struct ptpk_tsmap map;
	bool visible;
	int err;

	err = ptpk_tsmap_build(net, &map);
	if (err)
		return err;
	visible = ptpk_tsmap_visible(&map, phc_index);
	ptpk_tsmap_free(&map);
	return visible ? 0 : -ENODEV;
}

/**
 * ptpk_netdev_phc() - the PHC a netdev of @net names
 * @net: the caller's namespace
 * @ifindex: the netdev's index, or 0 to select by @ifname
 * @ifname: the netdev's name, if @ifindex is 0
 * @phc_index: set to the PHC index
 * @extack: for error messages
 *
 * Return: 0, -ENODEV if there is no such netdev, or -EOPNOTSUPP if it names
 * no PHC.
 */
int ptpk_netdev_phc(struct net *net, u32 ifindex, const char *ifname,
		    u32 *phc_index, struct netlink_ext_ack *extack)
{
	struct net_device *dev;
	int phc = -1;
	int err = 0;

	rtnl_lock();
	if (ifindex)
		dev = __dev_get_by_index(net, ifindex);
	else
		dev = __dev_get_by_name(net, ifname);
	if (dev)
		phc = ptpk_netdev_phc_index(dev);
	rtnl_unlock();

	if (!dev) {
		NL_SET_ERR_MSG(extack, "no such network device");
		err = -ENODEV;
	} else if (phc < 0) {
		NL_SET_ERR_MSG(extack, "the network device has no PHC");
		err = -EOPNOTSUPP;
	} else {
		*phc_index = phc;
	}
	return err;
}
