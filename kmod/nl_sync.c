// SPDX-License-Identifier: GPL-2.0
/*
 * sync-new, sync-del, sync-get and sync-set: the netlink side of sync jobs
 * (sync.c). A job may only be put on a servo the calling socket owns, and a
 * servo has at most one job.
 */

#include <net/genetlink.h>
#include <net/sock.h>

#include "netlink.h"
#include "nl_policy.h"
#include "servo.h"
#include "sync.h"

static int ptpk_nl_put_sync(struct sk_buff *skb, const struct ptpk_sync *j)
{
	struct nlattr *nest;

	if (nla_put_u32(skb, PTPK_A_SYNC_ID, j->id) ||
	    nla_put_u32(skb, PTPK_A_SYNC_SERVO, j->servo_id))
		return -EMSGSIZE;
	nest = nla_nest_start(skb, PTPK_A_SYNC_SOURCE);
	if (!nest)
		return -EMSGSIZE;
	if (ptpk_nl_put_clock(skb, j->source->type, &j->source->caps, NULL)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	if (nla_put_u32(skb, PTPK_A_SYNC_RATE, j->rate) ||
	    nla_put_u32(skb, PTPK_A_SYNC_READINGS, j->readings) ||
	    nla_put_s32(skb, PTPK_A_SYNC_UTC_OFFSET, j->utc_offset) ||
	    nla_put(skb, PTPK_A_SYNC_OFFSET, sizeof(s64), &j->offset) ||
	    nla_put(skb, PTPK_A_SYNC_DELAY, sizeof(s64), &j->delay) ||
	    nla_put(skb, PTPK_A_SYNC_N_MEASUREMENTS, sizeof(u64), &j->n) ||
	    nla_put(skb, PTPK_A_SYNC_N_REJECTED, sizeof(u64), &j->n_rejected))
		return -EMSGSIZE;
	return 0;
}

static int ptpk_nl_fill_sync(struct sk_buff *skb, const void *obj)
{
	return ptpk_nl_put_sync(skb, obj);
}

static struct sk_buff *ptpk_nl_sync_msg(const struct ptpk_sync *j,
					struct genl_info *info, u8 cmd)
{
	return ptpk_nl_msg(info, cmd, ptpk_nl_fill_sync, j);
}

/* Rate, readings and UTC offset from a request. */
static void ptpk_nl_sync_params(struct nlattr **attrs, struct ptpk_sync *j)
{
	if (attrs[PTPK_A_SYNC_RATE])
		j->rate = nla_get_u32(attrs[PTPK_A_SYNC_RATE]);
	if (attrs[PTPK_A_SYNC_READINGS])
		j->readings = nla_get_u32(attrs[PTPK_A_SYNC_READINGS]);
	if (attrs[PTPK_A_SYNC_UTC_OFFSET])
		j->utc_offset = nla_get_s32(attrs[PTPK_A_SYNC_UTC_OFFSET]);
}

static struct ptpk_sync *ptpk_nl_sync_lookup(struct ptpk_net *pn,
					     struct genl_info *info)
{
	struct nlattr *attr = info->attrs[PTPK_A_SYNC_ID];
	struct ptpk_sync *j = ptpk_sync_find(pn, nla_get_u32(attr));

	if (!j)
		NL_SET_ERR_MSG_ATTR(info->extack, attr, "no such sync job");
	return j;
}

/* The servo of a sync-new, if the caller owns it and it has no job. */
static struct ptpk_servo *ptpk_nl_sync_servo(struct ptpk_net *pn,
					     struct genl_info *info, int *err)
{
	struct nlattr *attr = info->attrs[PTPK_A_SYNC_SERVO];
	struct ptpk_servo *s = ptpk_servo_find(pn, nla_get_u32(attr));

	*err = -ENOENT;
	if (!s) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr, "no such servo");
		return NULL;
	}
	*err = -EBUSY;
	if (s->owner != info->snd_portid) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr,
				    "the servo belongs to another socket");
		return NULL;
	}
	if (ptpk_sync_by_servo(pn, s->id)) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr,
				    "the servo already has a sync job");
		return NULL;
	}
	*err = 0;
	return s;
}

int ptpk_nl_sync_new_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[PTPK_A_CLOCK_IFNAME + 1];
	struct net *net = genl_info_net(info);
	struct ptpk_net *pn = ptpk_net(net);
	struct ptpk_clock *source, *sink;
	struct ptpk_clock_sel sel;
	struct ptpk_servo *s;
	struct ptpk_sync *j;
	struct sk_buff *msg;
	LIST_HEAD(stop);
	int err;

	if (GENL_REQ_ATTR_CHECK(info, PTPK_A_SYNC_SERVO) ||
	    GENL_REQ_ATTR_CHECK(info, PTPK_A_SYNC_SOURCE)) {
		NL_SET_ERR_MSG(info->extack, "a sync job needs servo and source");
		return -EINVAL;
	}
	err = nla_parse_nested(tb, PTPK_A_CLOCK_IFNAME,
			       info->attrs[PTPK_A_SYNC_SOURCE],
			       ptpk_clock_nl_policy, info->extack);
	if (err)
		return err;
	err = ptpk_clock_select(net, tb, &sel, info->extack);
	if (err)
		return err;
	source = ptpk_clock_open(&sel, info->extack);
	if (IS_ERR(source))
		return PTR_ERR(source);

	mutex_lock(&pn->lock);
	s = ptpk_nl_sync_servo(pn, info, &err);
	if (!s)
		goto err_source;
	err = -ENOMEM;
	sink = ptpk_clock_dup(s->clock);
	if (!sink)
		goto err_source;
	j = ptpk_sync_alloc(net, s->id, info->snd_portid, source, sink);
	if (!j) {
		ptpk_clock_close(sink);
		goto err_source;
	}
	ptpk_nl_sync_params(info->attrs, j);
	err = ptpk_sync_insert(pn, j);
	if (!err)
		err = ptpk_sync_start(j);
	if (err) {
		if (j->id)
			xa_erase(&pn->syncs, j->id);
		list_add(&j->stop, &stop);
		mutex_unlock(&pn->lock);
		ptpk_sync_stop_list(&stop);
		return err;
	}
	msg = ptpk_nl_sync_msg(j, info, PTPK_CMD_SYNC_NEW);
	mutex_unlock(&pn->lock);
	/* the job runs; without memory for the reply, say so */
	return msg ? genlmsg_reply(msg, info) : -ENOMEM;

err_source:
	mutex_unlock(&pn->lock);
	ptpk_clock_close(source);
	return err;
}

int ptpk_nl_sync_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct ptpk_net *pn = ptpk_net(genl_info_net(info));
	struct ptpk_sync *j;
	LIST_HEAD(stop);

	if (GENL_REQ_ATTR_CHECK(info, PTPK_A_SYNC_ID)) {
		NL_SET_ERR_MSG(info->extack, "missing sync job id");
		return -EINVAL;
	}
	mutex_lock(&pn->lock);
	j = ptpk_nl_sync_lookup(pn, info);
	if (j)
		ptpk_sync_remove(pn, j, &stop);
	mutex_unlock(&pn->lock);
	ptpk_sync_stop_list(&stop);
	return j ? 0 : -ENOENT;
}

/* sync-get, and sync-set when @set: the job's settings, then a reply. */
static int ptpk_nl_sync_reply(struct genl_info *info, bool set)
{
	struct ptpk_net *pn = ptpk_net(genl_info_net(info));
	struct sk_buff *msg = NULL;
	struct ptpk_sync *j;

	if (GENL_REQ_ATTR_CHECK(info, PTPK_A_SYNC_ID)) {
		NL_SET_ERR_MSG(info->extack, "missing sync job id");
		return -EINVAL;
	}
	mutex_lock(&pn->lock);
	j = ptpk_nl_sync_lookup(pn, info);
	if (j) {
		if (set)
			ptpk_nl_sync_params(info->attrs, j);
		msg = ptpk_nl_sync_msg(j, info, set ? PTPK_CMD_SYNC_SET :
						      PTPK_CMD_SYNC_GET);
	}
	mutex_unlock(&pn->lock);
	if (!j)
		return -ENOENT;
	return msg ? genlmsg_reply(msg, info) : -ENOMEM;
}

int ptpk_nl_sync_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	return ptpk_nl_sync_reply(info, false);
}

int ptpk_nl_sync_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct ptpk_net *pn = ptpk_net(sock_net(cb->skb->sk));
	int len;

	mutex_lock(&pn->lock);
	len = ptpk_nl_dump(skb, cb, &pn->syncs, PTPK_CMD_SYNC_GET,
			   ptpk_nl_fill_sync);
	mutex_unlock(&pn->lock);
	return len;
}

int ptpk_nl_sync_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	return ptpk_nl_sync_reply(info, true);
}
