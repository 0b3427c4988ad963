// SPDX-License-Identifier: GPL-2.0
/*
 * The "ptpk" generic netlink family (Documentation/netlink/specs/ptpk.yaml).
 *
 * Hand-written struct genl_ops (6.1 has no genl_split_ops), each with the
 * per-operation policy generated into nl_policy.c; with resv_start_op 0
 * every operation is validated strictly, and those without a policy take no
 * attributes. State-changing operations need CAP_NET_ADMIN.
 *
 * Servo operations work on the table of the caller's network namespace
 * (servo.c) under its lock; replies and monitor notifications are built
 * under that lock so that notifications come out in the order of the
 * changes.
 */

#include <linux/capability.h>
#include <linux/netlink.h>
#include <linux/slab.h>
#include <linux/utsname.h>
#include <net/genetlink.h>
#include <net/sock.h>

#include "clock.h"
#include "netdev.h"
#include "netlink.h"
#include "nl_policy.h"
#include "servo.h"
#include "sync.h"
#include "version.h"

/*
 * GENL_REQ_ATTR_CHECK marks the missing attribute for tools that read
 * NLMSGERR_ATTR_MISS_TYPE; the message is for those that print text.
 */
#define PTPK_REQUIRE(info, attr, msg)					\
	({								\
		struct genl_info *ptpk_ri = (info);			\
		bool ptpk_miss = GENL_REQ_ATTR_CHECK(ptpk_ri, attr);	\
		if (ptpk_miss)						\
			NL_SET_ERR_MSG(ptpk_ri->extack, msg);		\
		ptpk_miss;						\
	})

enum ptpk_nlgrp {
	PTPK_NLGRP_MONITOR,
};

/*
 * 64-bit attributes go out unpadded: the family has no pad attribute, and
 * readers copy payloads (mnl_attr_get_u64() does).
 */
static int ptpk_put_s64(struct sk_buff *skb, int type, s64 value)
{
	return nla_put(skb, type, sizeof(value), &value);
}

static int ptpk_nl_info_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *msg;
	void *hdr;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &ptpk_genl_family, 0,
				PTPK_CMD_INFO_GET);
	if (!hdr ||
	    nla_put_string(msg, PTPK_A_INFO_VERSION, PTPK_VERSION) ||
	    nla_put_u32(msg, PTPK_A_INFO_API, PTPK_FAMILY_VERSION) ||
	    nla_put_string(msg, PTPK_A_INFO_KERNEL, init_utsname()->release)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

/* Clock attributes; @map (may be NULL) adds the netdevs naming a PHC. */
int ptpk_nl_put_clock(struct sk_buff *skb, enum ptpk_clock_type type,
		      const struct ptpk_phc_caps *caps,
		      const struct ptpk_tsmap *map)
{
	char path[PTPK_NAME_LEN];
	struct nlattr *nest;
	unsigned int i;

	if (nla_put_u32(skb, PTPK_A_CLOCK_TYPE, type) ||
	    nla_put_string(skb, PTPK_A_CLOCK_NAME, caps->name) ||
	    nla_put_u32(skb, PTPK_A_CLOCK_MAX_ADJ, caps->max_adj))
		return -EMSGSIZE;
	if (type != PTPK_CLOCK_TYPE_PHC)
		return 0;

	snprintf(path, sizeof(path), "/dev/ptp%u", caps->index);
	if (nla_put_u32(skb, PTPK_A_CLOCK_PHC_INDEX, caps->index) ||
	    nla_put_string(skb, PTPK_A_CLOCK_DEV_PATH, path) ||
	    nla_put_u32(skb, PTPK_A_CLOCK_N_PINS, caps->n_pins) ||
	    nla_put_u32(skb, PTPK_A_CLOCK_N_EXT_TS, caps->n_ext_ts) ||
	    nla_put_u32(skb, PTPK_A_CLOCK_N_PER_OUT, caps->n_per_out) ||
	    nla_put_u32(skb, PTPK_A_CLOCK_PPS, caps->pps))
		return -EMSGSIZE;

	for (i = 0; map && i < map->n; i++) {
		const struct ptpk_tsmap_entry *e = &map->e[i];

		if (!e->local || e->phc_index != caps->index)
			continue;
		nest = nla_nest_start(skb, PTPK_A_CLOCK_NETDEV);
		if (!nest)
			return -EMSGSIZE;
		if (nla_put_u32(skb, PTPK_A_NETDEV_IFINDEX, e->ifindex) ||
		    nla_put_string(skb, PTPK_A_NETDEV_IFNAME, e->ifname)) {
			nla_nest_cancel(skb, nest);
			return -EMSGSIZE;
		}
		nla_nest_end(skb, nest);
	}
	return 0;
}

static int ptpk_nl_clock_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct ptpk_clock_sel sel;
	struct ptpk_tsmap map;
	struct sk_buff *msg;
	void *hdr;
	int err;

	err = ptpk_clock_select(net, info->attrs, &sel, info->extack);
	if (err)
		return err;
	err = ptpk_tsmap_build(net, &map);
	if (err)
		return err;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg) {
		err = -ENOMEM;
		goto out;
	}
	hdr = genlmsg_put_reply(msg, info, &ptpk_genl_family, 0,
				PTPK_CMD_CLOCK_GET);
	if (!hdr || ptpk_nl_put_clock(msg, sel.type, &sel.caps, &map)) {
		nlmsg_free(msg);
		err = -EMSGSIZE;
		goto out;
	}
	genlmsg_end(msg, hdr);
	err = genlmsg_reply(msg, info);
out:
	ptpk_tsmap_free(&map);
	return err;
}

/*
 * Clock dump state: args[0] is the netdev snapshot taken at the start,
 * args[1] is 0 before the system clock and then 1 + the next PHC index.
 */
static int ptpk_nl_clock_get_start(struct netlink_callback *cb)
{
	struct ptpk_tsmap *map;
	int err;

	map = kzalloc(sizeof(*map), GFP_KERNEL);
	if (!map)
		return -ENOMEM;
	err = ptpk_tsmap_build(sock_net(cb->skb->sk), map);
	if (err) {
		kfree(map);
		return err;
	}
	cb->args[0] = (long)map;
	cb->args[1] = 0;
	return 0;
}

static int ptpk_nl_clock_get_done(struct netlink_callback *cb)
{
	struct ptpk_tsmap *map = (struct ptpk_tsmap *)cb->args[0];

	if (map) {
		ptpk_tsmap_free(map);
		kfree(map);
	}
	return 0;
}

static int ptpk_nl_clock_dump_one(struct sk_buff *skb,
				  struct netlink_callback *cb,
				  enum ptpk_clock_type type,
				  const struct ptpk_phc_caps *caps,
				  const struct ptpk_tsmap *map)
{
	void *hdr;

	hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			  &ptpk_genl_family, NLM_F_MULTI, PTPK_CMD_CLOCK_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (ptpk_nl_put_clock(skb, type, caps, map)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

static int ptpk_nl_clock_get_dumpit(struct sk_buff *skb,
				    struct netlink_callback *cb)
{
	const struct ptpk_tsmap *map = (const struct ptpk_tsmap *)cb->args[0];
	struct ptpk_phc_caps caps;
	u32 index;
	int err;

	if (!cb->args[1]) {
		ptpk_clock_system_caps(&caps);
		if (ptpk_nl_clock_dump_one(skb, cb, PTPK_CLOCK_TYPE_SYSTEM,
					   &caps, map))
			return skb->len;
		cb->args[1] = 1;
	}

	for (;;) {
		index = cb->args[1] - 1;
		err = ptpk_phc_caps_next(&index, &caps);
		if (err == -ENOENT)
			break;
		if (err == -ENOMEM)
			return err;
		/* Skip PHCs we cannot read and those of other namespaces. */
		if (!err && ptpk_tsmap_visible(map, index) &&
		    ptpk_nl_clock_dump_one(skb, cb, PTPK_CLOCK_TYPE_PHC,
					   &caps, map))
			break;
		cb->args[1] = (long)index + 2;
	}
	return skb->len;
}

static int ptpk_nl_put_servo(struct sk_buff *skb, const struct ptpk_servo *s)
{
	const struct ptpk_servo_params *p = &s->params;
	struct nlattr *nest;

	if (nla_put_u32(skb, PTPK_A_SERVO_ID, s->id))
		return -EMSGSIZE;
	nest = nla_nest_start(skb, PTPK_A_SERVO_CLOCK);
	if (!nest)
		return -EMSGSIZE;
	if (ptpk_nl_put_clock(skb, s->clock->type, &s->clock->caps, NULL)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);

	if (nla_put_u32(skb, PTPK_A_SERVO_KIND, s->kind) ||
	    nla_put_u32(skb, PTPK_A_SERVO_STATE, s->loop.state) ||
	    nla_put_string(skb, PTPK_A_SERVO_NAME, s->name) ||
	    ptpk_put_s64(skb, PTPK_A_SERVO_PI_PROPORTIONAL_CONST, p->kp_const) ||
	    ptpk_put_s64(skb, PTPK_A_SERVO_PI_PROPORTIONAL_SCALE,
			 ptpk_servo_kp_scale(p)) ||
	    ptpk_put_s64(skb, PTPK_A_SERVO_PI_PROPORTIONAL_EXPONENT,
			 p->kp_exponent) ||
	    ptpk_put_s64(skb, PTPK_A_SERVO_PI_PROPORTIONAL_NORM_MAX,
			 p->kp_norm_max) ||
	    ptpk_put_s64(skb, PTPK_A_SERVO_PI_INTEGRAL_CONST, p->ki_const) ||
	    ptpk_put_s64(skb, PTPK_A_SERVO_PI_INTEGRAL_SCALE,
			 ptpk_servo_ki_scale(p)) ||
	    ptpk_put_s64(skb, PTPK_A_SERVO_PI_INTEGRAL_EXPONENT,
			 p->ki_exponent) ||
	    ptpk_put_s64(skb, PTPK_A_SERVO_PI_INTEGRAL_NORM_MAX,
			 p->ki_norm_max) ||
	    ptpk_put_s64(skb, PTPK_A_SERVO_STEP_THRESHOLD, p->step_threshold) ||
	    ptpk_put_s64(skb, PTPK_A_SERVO_FIRST_STEP_THRESHOLD,
			 p->first_step_threshold) ||
	    nla_put_u32(skb, PTPK_A_SERVO_MAX_FREQUENCY, p->max_frequency) ||
	    nla_put_u32(skb, PTPK_A_SERVO_SANITY_FREQ_LIMIT,
			p->sanity_freq_limit) ||
	    ptpk_put_s64(skb, PTPK_A_SERVO_OFFSET_THRESHOLD,
			 p->offset_threshold) ||
	    nla_put_u32(skb, PTPK_A_SERVO_NUM_OFFSET_VALUES,
			p->num_offset_values) ||
	    nla_put_s32(skb, PTPK_A_SERVO_SYNC_INTERVAL, p->sync_interval) ||
	    (p->hw_timestamping &&
	     nla_put_flag(skb, PTPK_A_SERVO_HW_TIMESTAMPING)) ||
	    nla_put_u32(skb, PTPK_A_SERVO_HW_TS, p->hw_timestamping) ||
	    ptpk_put_s64(skb, PTPK_A_SERVO_OFFSET, s->loop.offset) ||
	    ptpk_put_s64(skb, PTPK_A_SERVO_FREQ, s->loop.freq) ||
	    nla_put_u32(skb, PTPK_A_SERVO_DELAY_FILTER, p->delay_filter) ||
	    nla_put_u32(skb, PTPK_A_SERVO_DELAY_FILTER_LENGTH,
			p->delay_filter_length) ||
	    nla_put_u32(skb, PTPK_A_SERVO_TSPROC_MODE, p->tsproc_mode) ||
	    nla_put_u32(skb, PTPK_A_SERVO_OUTLIER_FACTOR, p->outlier_factor) ||
	    nla_put_u32(skb, PTPK_A_SERVO_WRITE_PHASE_MODE,
			p->write_phase_mode) ||
	    ptpk_put_s64(skb, PTPK_A_SERVO_DELAY, s->loop.tsp.filtered_delay) ||
	    nla_put_u32(skb, PTPK_A_SERVO_OWNER, s->owner) ||
	    (!s->owner && nla_put_flag(skb, PTPK_A_SERVO_ORPHANED)) ||
	    ptpk_put_s64(skb, PTPK_A_SERVO_HOLDOVER_FREQ, s->loop.holdover) ||
	    nla_put(skb, PTPK_A_SERVO_N_SAMPLES, sizeof(u64),
		    &s->loop.n_samples) ||
	    nla_put_u32(skb, PTPK_A_SERVO_N_STEPS, s->loop.n_steps) ||
	    nla_put_u32(skb, PTPK_A_SERVO_N_RESETS, s->loop.n_resets) ||
	    nla_put_u32(skb, PTPK_A_SERVO_N_OUTLIERS, s->loop.n_outliers))
		return -EMSGSIZE;
	return 0;
}

/**
 * ptpk_nl_msg() - a message filled by @fill from @obj
 * @info: the request to reply to, or NULL for a notification
 * @cmd: the command of the message
 * @fill: puts the attributes
 * @obj: what @fill describes
 *
 * Return: the message, or NULL without memory.
 */
struct sk_buff *ptpk_nl_msg(struct genl_info *info, u8 cmd, ptpk_nl_fill fill,
			    const void *obj)
{
	struct sk_buff *msg;
	void *hdr;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return NULL;
	if (info)
		hdr = genlmsg_put_reply(msg, info, &ptpk_genl_family, 0, cmd);
	else
		hdr = genlmsg_put(msg, 0, 0, &ptpk_genl_family, 0, cmd);
	if (!hdr || fill(msg, obj)) {
		nlmsg_free(msg);
		return NULL;
	}
	genlmsg_end(msg, hdr);
	return msg;
}

/**
 * ptpk_nl_dump() - dump the objects of a namespace table
 * @skb: the dump's buffer
 * @cb: the dump's state; args[0] is the next id
 * @xa: the table; the namespace's lock is held
 * @cmd: the command of the messages
 * @fill: puts one object's attributes
 *
 * Return: the dump's length so far.
 */
int ptpk_nl_dump(struct sk_buff *skb, struct netlink_callback *cb,
		 struct xarray *xa, u8 cmd, ptpk_nl_fill fill)
{
	unsigned long id;
	void *obj, *hdr;

	xa_for_each_start(xa, id, obj, cb->args[0]) {
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &ptpk_genl_family,
				  NLM_F_MULTI, cmd);
		if (!hdr)
			break;
		if (fill(skb, obj)) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
		cb->args[0] = id + 1;
	}
	return skb->len;
}

static int ptpk_nl_fill_servo(struct sk_buff *skb, const void *obj)
{
	return ptpk_nl_put_servo(skb, obj);
}

/* A servo message: a reply to @info, or a notification if @info is NULL. */
struct sk_buff *ptpk_nl_servo_msg(const struct ptpk_servo *s,
				  struct genl_info *info, u8 cmd)
{
	return ptpk_nl_msg(info, cmd, ptpk_nl_fill_servo, s);
}

/* Tell the monitor group of @net; the namespace's servo lock is held. */
void ptpk_nl_servo_notify(struct net *net, const struct ptpk_servo *s, u8 cmd)
{
	struct sk_buff *msg;

	if (!ptpk_nl_has_listeners(net))
		return;
	msg = ptpk_nl_servo_msg(s, NULL, cmd);
	if (msg)
		ptpk_nl_multicast(net, msg);
}

bool ptpk_nl_has_listeners(struct net *net)
{
	return genl_has_listeners(&ptpk_genl_family, net, PTPK_NLGRP_MONITOR);
}

void ptpk_nl_multicast(struct net *net, struct sk_buff *msg)
{
	genlmsg_multicast_netns(&ptpk_genl_family, net, msg, 0,
				PTPK_NLGRP_MONITOR, GFP_KERNEL);
}

static void ptpk_nl_get_s64(struct nlattr **attrs, int type, s64 *val)
{
	if (attrs[type])
		*val = nla_get_s64(attrs[type]);
}

static void ptpk_nl_get_u32(struct nlattr **attrs, int type, u32 *val)
{
	if (attrs[type])
		*val = nla_get_u32(attrs[type]);
}

/*
 * Update @p and @name from the servo parameters of a request; the policy
 * checked each range. Nothing is applied unless everything is valid.
 */
static int ptpk_nl_parse_params(struct nlattr **attrs,
				struct ptpk_servo_params *p, char *name,
				struct netlink_ext_ack *extack)
{
	ptpk_nl_get_s64(attrs, PTPK_A_SERVO_PI_PROPORTIONAL_CONST, &p->kp_const);
	ptpk_nl_get_s64(attrs, PTPK_A_SERVO_PI_PROPORTIONAL_SCALE, &p->kp_scale);
	ptpk_nl_get_s64(attrs, PTPK_A_SERVO_PI_PROPORTIONAL_EXPONENT,
			&p->kp_exponent);
	ptpk_nl_get_s64(attrs, PTPK_A_SERVO_PI_PROPORTIONAL_NORM_MAX,
			&p->kp_norm_max);
	ptpk_nl_get_s64(attrs, PTPK_A_SERVO_PI_INTEGRAL_CONST, &p->ki_const);
	ptpk_nl_get_s64(attrs, PTPK_A_SERVO_PI_INTEGRAL_SCALE, &p->ki_scale);
	ptpk_nl_get_s64(attrs, PTPK_A_SERVO_PI_INTEGRAL_EXPONENT,
			&p->ki_exponent);
	ptpk_nl_get_s64(attrs, PTPK_A_SERVO_PI_INTEGRAL_NORM_MAX,
			&p->ki_norm_max);
	ptpk_nl_get_s64(attrs, PTPK_A_SERVO_STEP_THRESHOLD, &p->step_threshold);
	ptpk_nl_get_s64(attrs, PTPK_A_SERVO_FIRST_STEP_THRESHOLD,
			&p->first_step_threshold);
	ptpk_nl_get_s64(attrs, PTPK_A_SERVO_OFFSET_THRESHOLD,
			&p->offset_threshold);
	ptpk_nl_get_u32(attrs, PTPK_A_SERVO_MAX_FREQUENCY, &p->max_frequency);
	ptpk_nl_get_u32(attrs, PTPK_A_SERVO_SANITY_FREQ_LIMIT,
			&p->sanity_freq_limit);
	ptpk_nl_get_u32(attrs, PTPK_A_SERVO_NUM_OFFSET_VALUES,
			&p->num_offset_values);
	if (attrs[PTPK_A_SERVO_SYNC_INTERVAL])
		p->sync_interval = nla_get_s32(attrs[PTPK_A_SERVO_SYNC_INTERVAL]);
	/* The flag can only set the mode; hw-ts sets or clears it. */
	if (attrs[PTPK_A_SERVO_HW_TIMESTAMPING])
		p->hw_timestamping = true;
	if (attrs[PTPK_A_SERVO_HW_TS])
		p->hw_timestamping = nla_get_u32(attrs[PTPK_A_SERVO_HW_TS]);
	if (attrs[PTPK_A_SERVO_DELAY_FILTER])
		p->delay_filter = nla_get_u32(attrs[PTPK_A_SERVO_DELAY_FILTER]);
	ptpk_nl_get_u32(attrs, PTPK_A_SERVO_DELAY_FILTER_LENGTH,
			&p->delay_filter_length);
	if (attrs[PTPK_A_SERVO_TSPROC_MODE])
		p->tsproc_mode = nla_get_u32(attrs[PTPK_A_SERVO_TSPROC_MODE]);
	ptpk_nl_get_u32(attrs, PTPK_A_SERVO_OUTLIER_FACTOR, &p->outlier_factor);
	if (attrs[PTPK_A_SERVO_WRITE_PHASE_MODE])
		p->write_phase_mode =
			nla_get_u32(attrs[PTPK_A_SERVO_WRITE_PHASE_MODE]);

	switch (ptpk_servo_check_params(p)) {
	case -EDOM:
		NL_SET_ERR_MSG_ATTR(extack,
				    attrs[PTPK_A_SERVO_PI_PROPORTIONAL_NORM_MAX],
				    "pi-proportional-norm-max must be in (0, 1]");
		return -EINVAL;
	case -ERANGE:
		NL_SET_ERR_MSG_ATTR(extack,
				    attrs[PTPK_A_SERVO_PI_INTEGRAL_NORM_MAX],
				    "pi-integral-norm-max must be in (0, 2]");
		return -EINVAL;
	}

	if (attrs[PTPK_A_SERVO_NAME])
		nla_strscpy(name, attrs[PTPK_A_SERVO_NAME],
			    PTPK_SERVO_NAME_LEN);
	return 0;
}

/* Why ptpk_servo_check_clock() refused write_phase_mode. */
static void ptpk_nl_phase_probe_msg(struct genl_info *info, int err)
{
	struct nlattr *attr = info->attrs[PTPK_A_SERVO_WRITE_PHASE_MODE];

	if (err == -EOPNOTSUPP)
		NL_SET_ERR_MSG_ATTR(info->extack, attr,
				    "the clock has no adjphase (write phase mode)");
	else
		NL_SET_ERR_MSG_ATTR(info->extack, attr,
				    "the clock's adjphase failed (write phase mode)");
}

static int ptpk_nl_servo_new_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[PTPK_A_CLOCK_IFNAME + 1];
	struct net *net = genl_info_net(info);
	struct ptpk_net *pn = ptpk_net(net);
	char name[PTPK_SERVO_NAME_LEN] = "";
	struct ptpk_servo_params params;
	struct ptpk_clock_sel sel;
	struct ptpk_clock *clock;
	struct ptpk_servo *s;
	struct sk_buff *msg;
	int err;

	if (PTPK_REQUIRE(info, PTPK_A_SERVO_CLOCK, "missing clock") ||
	    PTPK_REQUIRE(info, PTPK_A_SERVO_KIND, "missing servo kind"))
		return -EINVAL;

	err = nla_parse_nested(tb, PTPK_A_CLOCK_IFNAME,
			       info->attrs[PTPK_A_SERVO_CLOCK],
			       ptpk_clock_nl_policy, info->extack);
	if (err)
		return err;
	err = ptpk_clock_select(net, tb, &sel, info->extack);
	if (err)
		return err;
	if (sel.type == PTPK_CLOCK_TYPE_SYSTEM &&
	    !netlink_capable(skb, CAP_SYS_TIME)) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[PTPK_A_SERVO_CLOCK],
				    "the system clock needs CAP_SYS_TIME");
		return -EPERM;
	}

	ptpk_servo_params_init(&params);
	err = ptpk_nl_parse_params(info->attrs, &params, name, info->extack);
	if (err)
		return err;

	clock = ptpk_clock_open(&sel, info->extack);
	if (IS_ERR(clock))
		return PTR_ERR(clock);
	err = ptpk_servo_check_clock(clock, NULL, &params);
	if (err) {
		ptpk_nl_phase_probe_msg(info, err);
		ptpk_clock_close(clock);
		return err;
	}
	s = ptpk_servo_alloc(clock, nla_get_u32(info->attrs[PTPK_A_SERVO_KIND]),
			     &params, info->snd_portid);
	if (IS_ERR(s)) {
		ptpk_clock_close(clock);
		return PTR_ERR(s);
	}
	strscpy(s->name, name, sizeof(s->name));

	mutex_lock(&pn->lock);
	err = ptpk_servo_insert(pn, s);
	if (err) {
		mutex_unlock(&pn->lock);
		ptpk_servo_free(s);
		return err;
	}
	msg = ptpk_nl_servo_msg(s, info, PTPK_CMD_SERVO_NEW);
	if (!msg) {
		ptpk_servo_remove(pn, s);
		mutex_unlock(&pn->lock);
		ptpk_servo_free(s);
		return -ENOMEM;
	}
	ptpk_nl_servo_notify(net, s, PTPK_CMD_SERVO_CREATE_NTF);
	mutex_unlock(&pn->lock);

	return genlmsg_reply(msg, info);
}

/* The servo a request's id names, with an error message if none. */
struct ptpk_servo *ptpk_nl_servo_lookup(struct ptpk_net *pn,
					struct genl_info *info)
{
	struct nlattr *attr = info->attrs[PTPK_A_SERVO_ID];
	struct ptpk_servo *s;

	s = ptpk_servo_find(pn, nla_get_u32(attr));
	if (!s)
		NL_SET_ERR_MSG_ATTR(info->extack, attr, "no such servo");
	return s;
}

static int ptpk_nl_servo_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct ptpk_net *pn = ptpk_net(net);
	struct ptpk_servo *s;
	struct ptpk_sync *j;
	LIST_HEAD(stop);

	if (PTPK_REQUIRE(info, PTPK_A_SERVO_ID, "missing servo id"))
		return -EINVAL;

	mutex_lock(&pn->lock);
	s = ptpk_nl_servo_lookup(pn, info);
	if (!s) {
		mutex_unlock(&pn->lock);
		return -ENOENT;
	}
	ptpk_servo_remove(pn, s);
	ptpk_nl_servo_notify(net, s, PTPK_CMD_SERVO_DELETE_NTF);
	j = ptpk_sync_by_servo(pn, s->id);
	if (j)
		ptpk_sync_remove(pn, j, &stop);
	mutex_unlock(&pn->lock);

	ptpk_sync_stop_list(&stop);
	ptpk_servo_free(s);
	return 0;
}

static int ptpk_nl_servo_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct ptpk_net *pn = ptpk_net(genl_info_net(info));
	struct ptpk_servo *s;
	struct sk_buff *msg;

	if (PTPK_REQUIRE(info, PTPK_A_SERVO_ID, "missing servo id"))
		return -EINVAL;

	mutex_lock(&pn->lock);
	s = ptpk_nl_servo_lookup(pn, info);
	msg = s ? ptpk_nl_servo_msg(s, info, PTPK_CMD_SERVO_GET) : NULL;
	mutex_unlock(&pn->lock);
	if (!s)
		return -ENOENT;
	if (!msg)
		return -ENOMEM;
	return genlmsg_reply(msg, info);
}

/* Servo dump state: args[0] is the next id to look at. */
static int ptpk_nl_servo_get_dumpit(struct sk_buff *skb,
				    struct netlink_callback *cb)
{
	struct ptpk_net *pn = ptpk_net(sock_net(cb->skb->sk));
	int len;

	mutex_lock(&pn->lock);
	len = ptpk_nl_dump(skb, cb, &pn->servos, PTPK_CMD_SERVO_GET,
			   ptpk_nl_fill_servo);
	mutex_unlock(&pn->lock);
	return len;
}

static int ptpk_nl_servo_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct ptpk_net *pn = ptpk_net(net);
	char name[PTPK_SERVO_NAME_LEN];
	struct ptpk_servo_params params;
	struct ptpk_servo *s;
	struct sk_buff *msg;
	int err;

	if (PTPK_REQUIRE(info, PTPK_A_SERVO_ID, "missing servo id"))
		return -EINVAL;

	mutex_lock(&pn->lock);
	s = ptpk_nl_servo_lookup(pn, info);
	if (!s) {
		err = -ENOENT;
		goto out;
	}
	params = s->params;
	strscpy(name, s->name, sizeof(name));
	err = ptpk_nl_parse_params(info->attrs, &params, name, info->extack);
	if (err)
		goto out;

	err = ptpk_servo_check_clock(s->clock, &s->params, &params);
	if (err) {
		ptpk_nl_phase_probe_msg(info, err);
		goto out;
	}
	err = ptpk_servo_set_params(s, &params);
	if (err) {
		NL_SET_ERR_MSG(info->extack, "parameters not accepted");
		goto out;
	}
	strscpy(s->name, name, sizeof(s->name));
	ptpk_nl_servo_notify(net, s, PTPK_CMD_SERVO_CHANGE_NTF);
	msg = ptpk_nl_servo_msg(s, info, PTPK_CMD_SERVO_SET);
	mutex_unlock(&pn->lock);

	/* The change is made; without memory for the reply, say so. */
	return msg ? genlmsg_reply(msg, info) : -ENOMEM;
out:
	mutex_unlock(&pn->lock);
	return err;
}

static const struct genl_multicast_group ptpk_nl_mcgrps[] = {
	[PTPK_NLGRP_MONITOR] = { .name = PTPK_MCGRP_MONITOR, },
};

static const struct genl_ops ptpk_nl_ops[] = {
	{
		.cmd = PTPK_CMD_INFO_GET,
		.doit = ptpk_nl_info_get_doit,
	},
	{
		.cmd = PTPK_CMD_CLOCK_GET,
		.doit = ptpk_nl_clock_get_doit,
		.start = ptpk_nl_clock_get_start,
		.dumpit = ptpk_nl_clock_get_dumpit,
		.done = ptpk_nl_clock_get_done,
		.policy = ptpk_clock_get_nl_policy,
		.maxattr = PTPK_CLOCK_GET_NL_POLICY_MAXATTR,
	},
	{
		.cmd = PTPK_CMD_SERVO_NEW,
		.doit = ptpk_nl_servo_new_doit,
		.policy = ptpk_servo_new_nl_policy,
		.maxattr = PTPK_SERVO_NEW_NL_POLICY_MAXATTR,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = PTPK_CMD_SERVO_DEL,
		.doit = ptpk_nl_servo_del_doit,
		.policy = ptpk_servo_del_nl_policy,
		.maxattr = PTPK_SERVO_DEL_NL_POLICY_MAXATTR,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = PTPK_CMD_SERVO_GET,
		.doit = ptpk_nl_servo_get_doit,
		.dumpit = ptpk_nl_servo_get_dumpit,
		.policy = ptpk_servo_get_nl_policy,
		.maxattr = PTPK_SERVO_GET_NL_POLICY_MAXATTR,
	},
	{
		.cmd = PTPK_CMD_SERVO_SET,
		.doit = ptpk_nl_servo_set_doit,
		.policy = ptpk_servo_set_nl_policy,
		.maxattr = PTPK_SERVO_SET_NL_POLICY_MAXATTR,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = PTPK_CMD_SERVO_SAMPLE,
		.doit = ptpk_nl_servo_sample_doit,
		.policy = ptpk_servo_sample_nl_policy,
		.maxattr = PTPK_SERVO_SAMPLE_NL_POLICY_MAXATTR,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = PTPK_CMD_SERVO_ADOPT,
		.doit = ptpk_nl_servo_adopt_doit,
		.policy = ptpk_servo_adopt_nl_policy,
		.maxattr = PTPK_SERVO_ADOPT_NL_POLICY_MAXATTR,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = PTPK_CMD_SYNC_NEW,
		.doit = ptpk_nl_sync_new_doit,
		.policy = ptpk_sync_new_nl_policy,
		.maxattr = PTPK_SYNC_NEW_NL_POLICY_MAXATTR,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = PTPK_CMD_SYNC_DEL,
		.doit = ptpk_nl_sync_del_doit,
		.policy = ptpk_sync_del_nl_policy,
		.maxattr = PTPK_SYNC_DEL_NL_POLICY_MAXATTR,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = PTPK_CMD_SYNC_GET,
		.doit = ptpk_nl_sync_get_doit,
		.dumpit = ptpk_nl_sync_get_dumpit,
		.policy = ptpk_sync_get_nl_policy,
		.maxattr = PTPK_SYNC_GET_NL_POLICY_MAXATTR,
	},
	{
		.cmd = PTPK_CMD_SYNC_SET,
		.doit = ptpk_nl_sync_set_doit,
		.policy = ptpk_sync_set_nl_policy,
		.maxattr = PTPK_SYNC_SET_NL_POLICY_MAXATTR,
		.flags = GENL_ADMIN_PERM,
	},
};

struct genl_family ptpk_genl_family __ro_after_init = {
	.name = PTPK_FAMILY_NAME,
	.version = PTPK_FAMILY_VERSION,
	.netnsok = true,
	.parallel_ops = true,
	.module = THIS_MODULE,
	.ops = ptpk_nl_ops,
	.n_ops = ARRAY_SIZE(ptpk_nl_ops),
	.resv_start_op = 0,	/* validate every operation strictly */
	.mcgrps = ptpk_nl_mcgrps,
	.n_mcgrps = ARRAY_SIZE(ptpk_nl_mcgrps),
};
