/* SPDX-License-Identifier: GPL-2.0 */
/* The "ptpk" generic netlink family. */

#ifndef _PTPK_NETLINK_H
#define _PTPK_NETLINK_H

#include <linux/types.h>
#include <net/genetlink.h>
#include <uapi/linux/ptpk.h>

struct ptpk_net;
struct ptpk_servo;

extern struct genl_family ptpk_genl_family;

/* netlink.c: message helpers, for sample.c and nl_sync.c too */
typedef int (*ptpk_nl_fill)(struct sk_buff *skb, const void *obj);
struct sk_buff *ptpk_nl_msg(struct genl_info *info, u8 cmd, ptpk_nl_fill fill,
			    const void *obj);
int ptpk_nl_dump(struct sk_buff *skb, struct netlink_callback *cb,
		 struct xarray *xa, u8 cmd, ptpk_nl_fill fill);
struct sk_buff *ptpk_nl_servo_msg(const struct ptpk_servo *s,
				  struct genl_info *info, u8 cmd);
void ptpk_nl_servo_notify(struct net *net, const struct ptpk_servo *s, u8 cmd);
struct ptpk_servo *ptpk_nl_servo_lookup(struct ptpk_net *pn,
					struct genl_info *info);
bool ptpk_nl_has_listeners(struct net *net);
void ptpk_nl_multicast(struct net *net, struct sk_buff *msg);

/* sample.c: servo-sample, servo-adopt and servo ownership */
struct ptpk_sample_out;
enum ptpk_servo_state;
void ptpk_sample_deliver(struct net *net, struct ptpk_servo *s, u32 seq,
			 struct ptpk_sample_out *out,
			 enum ptpk_servo_state prev, u32 portid);
int ptpk_nl_servo_sample_doit(struct sk_buff *skb, struct genl_info *info);
int ptpk_nl_servo_adopt_doit(struct sk_buff *skb, struct genl_info *info);
int ptpk_owner_init(void);
/* nl_sync.c */
int ptpk_nl_sync_new_doit(struct sk_buff *skb, struct genl_info *info);
int ptpk_nl_sync_del_doit(struct sk_buff *skb, struct genl_info *info);
int ptpk_nl_sync_get_doit(struct sk_buff *skb, struct genl_info *info);
int ptpk_nl_sync_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb);
int ptpk_nl_sync_set_doit(struct sk_buff *skb, struct genl_info *info);
/* netlink.c */
struct ptpk_phc_caps;
struct ptpk_tsmap;
int ptpk_nl_put_clock(struct sk_buff *skb, enum ptpk_clock_type type,
		      const struct ptpk_phc_caps *caps,
		      const struct ptpk_tsmap *map);
void ptpk_owner_exit(void);

#endif /* _PTPK_NETLINK_H */
