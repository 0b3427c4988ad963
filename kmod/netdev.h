/* SPDX-License-Identifier: GPL-2.0 */
/* Which network devices name which PHC in their ethtool ts-info. */

#ifndef _PTPK_NETDEV_H
#define _PTPK_NETDEV_H

#include <linux/if.h>
#include <net/netlink.h>
#include <linux/types.h>
#include <net/net_namespace.h>

struct ptpk_tsmap_entry {
	u32 phc_index;
	u32 ifindex;
	char ifname[IFNAMSIZ];
	bool local;		/* in the namespace the map was built for */
};

/* A snapshot of every netdev, in any netns, whose ts-info names a PHC. */
struct ptpk_tsmap {
	unsigned int n;
	unsigned int size;
	struct ptpk_tsmap_entry *e;
};

int ptpk_tsmap_build(struct net *net, struct ptpk_tsmap *map);
void ptpk_tsmap_free(struct ptpk_tsmap *map);
bool ptpk_tsmap_visible(const struct ptpk_tsmap *map, u32 phc_index);

int ptpk_netdev_phc(struct net *net, u32 ifindex, const char *ifname,
		    u32 *phc_index, struct netlink_ext_ack *extack);
int ptpk_phc_visible(struct net *net, u32 phc_index);

#endif /* _PTPK_NETDEV_H */
