/* SPDX-License-Identifier: GPL-2.0 */
/* The "ptpk" generic netlink family. */

#ifndef _PTPK_NETLINK_H
#define _PTPK_NETLINK_H

struct genl_family;

extern struct genl_family ptpk_genl_family;

#endif /* _PTPK_NETLINK_H */
