// SPDX-License-Identifier: GPL-2.0
/*
 * servo-sample and servo-adopt, and who owns a servo.
 *
 * A servo belongs to the generic netlink socket that created it: only that
 * socket may feed it samples. When the socket closes (its daemon exited or
 * was killed), the netlink notifier below orphans the servo and leaves its
 * clock at the last good frequency (holdover, loop.c); servo-adopt gives it
 * to a new socket, which resumes without a first step.
 *
 * Sample notifications are rate limited per servo to PTPK_NTF_PER_SEC, but
 * a sample that steps, resets, faults or changes the state always goes out.
 */

#include <linux/jiffies.h>
#include <linux/netlink.h>
#include <linux/overflow.h>
#include <linux/time64.h>
#include <linux/timekeeping.h>
#include <net/genetlink.h>

#include "netlink.h"
#include "nl_policy.h"
#include "servo.h"
#include "sync.h"

#define PTPK_NTF_PER_SEC	10

#define PTPK_SAMPLE_ALWAYS_NTF	(PTPK_SAMPLE_FLAGS_STEPPED |		\
				 PTPK_SAMPLE_FLAGS_RESET |		\
				 PTPK_SAMPLE_FLAGS_FAULT)

static int ptpk_sample_put(struct sk_buff *skb, u32 id, u32 seq,
			   const struct ptpk_sample_out *out)
{
	if (nla_put_u32(skb, PTPK_A_SAMPLE_ID, id) ||
	    nla_put_u32(skb, PTPK_A_SAMPLE_SEQ_ID, seq) ||
	    nla_put_u32(skb, PTPK_A_SAMPLE_STATE, out->state) ||
	    nla_put(skb, PTPK_A_SAMPLE_OFFSET, sizeof(s64), &out->offset) ||
	    nla_put(skb, PTPK_A_SAMPLE_FREQ, sizeof(s64), &out->freq) ||
	    nla_put(skb, PTPK_A_SAMPLE_DELAY, sizeof(s64), &out->delay) ||
	    nla_put(skb, PTPK_A_SAMPLE_DELAY_RAW, sizeof(s64),
		    &out->delay_raw) ||
	    nla_put(skb, PTPK_A_SAMPLE_WEIGHT, sizeof(s64), &out->weight) ||
	    nla_put_u32(skb, PTPK_A_SAMPLE_FLAGS, out->flags) ||
	    nla_put(skb, PTPK_A_SAMPLE_MONO_TS, sizeof(s64), &out->mono_ts))
		return -EMSGSIZE;
	return 0;
}

struct ptpk_sample_msg {
	u32 id, seq;
	const struct ptpk_sample_out *out;
};

static int ptpk_sample_fill(struct sk_buff *skb, const void *obj)
{
	const struct ptpk_sample_msg *m = obj;

	return ptpk_sample_put(skb, m->id, m->seq, m->out);
}

static struct sk_buff *ptpk_sample_msg(struct genl_info *info, u8 cmd, u32 id,
				       u32 seq,
				       const struct ptpk_sample_out *out)
{
	struct ptpk_sample_msg m = { .id = id, .seq = seq, .out = out };

	return ptpk_nl_msg(info, cmd, ptpk_sample_fill, &m);
}

/* Notifications after a sample; the namespace's servo lock is held. */
static void ptpk_sample_notify(struct net *net, struct ptpk_servo *s, u32 seq,
			       const struct ptpk_sample_out *out,
			       enum ptpk_servo_state prev)
{
	struct sk_buff *msg;
	bool changed = out->state != prev;

	if (changed)
		ptpk_nl_servo_notify(net, s, PTPK_CMD_SERVO_CHANGE_NTF);
	if (!changed && !(out->flags & PTPK_SAMPLE_ALWAYS_NTF) &&
	    time_before(jiffies, s->ntf_next))
		return;
	if (!ptpk_nl_has_listeners(net))
		return;
	s->ntf_next = jiffies + HZ / PTPK_NTF_PER_SEC;
	msg = ptpk_sample_msg(NULL, PTPK_CMD_SAMPLE_NTF, s->id, seq, out);
	if (msg)
		ptpk_nl_multicast(net, msg);
}

/**
 * ptpk_sample_deliver() - tell about a sample the module took itself
 * @net: the servo's namespace
 * @s: the servo; the namespace's lock is held
 * @seq: sequence id to report
 * @out: the outcome
 * @prev: the servo's state before the sample
 * @portid: the owner, who gets every outcome as a unicast sample-ntf
 *
 * For sync jobs: the owner applies the system clock's frequency from it.
 */
void ptpk_sample_deliver(struct net *net, struct ptpk_servo *s, u32 seq,
			 struct ptpk_sample_out *out,
			 enum ptpk_servo_state prev, u32 portid)
{
	struct sk_buff *msg;

	out->mono_ts = ktime_get_raw_ns();
	ptpk_sample_notify(net, s, seq, out, prev);
	if (!portid)
		return;
	msg = ptpk_sample_msg(NULL, PTPK_CMD_SAMPLE_NTF, s->id, seq, out);
	if (msg)
		genlmsg_unicast(net, msg, portid);
}

static s64 ptpk_sample_s64(struct nlattr **attrs, int type)
{
	return attrs[type] ? nla_get_s64(attrs[type]) : 0;
}

/* Both or neither of two attributes. */
static bool ptpk_sample_pair(struct genl_info *info, int a, int b)
{
	struct nlattr **attrs = info->attrs;

	if (!attrs[a] == !attrs[b])
		return true;
	NL_SET_ERR_MSG_ATTR(info->extack, attrs[a] ?: attrs[b],
			    "t1/t2 and t3/t4 come in pairs");
	return false;
}

/* Fill @in from a request; corrections are applied here. */
static int ptpk_sample_parse(struct genl_info *info, struct ptpk_sample_in *in)
{
	struct nlattr **attrs = info->attrs;
	bool ovf = false;

	if (!ptpk_sample_pair(info, PTPK_A_SAMPLE_T1, PTPK_A_SAMPLE_T2) ||
	    !ptpk_sample_pair(info, PTPK_A_SAMPLE_T3, PTPK_A_SAMPLE_T4))
		return -EINVAL;
	if (attrs[PTPK_A_SAMPLE_T1]) {
		in->have_sync = true;
		in->t2 = nla_get_s64(attrs[PTPK_A_SAMPLE_T2]);
		ovf |= check_add_overflow(nla_get_s64(attrs[PTPK_A_SAMPLE_T1]),
					  ptpk_sample_s64(attrs,
							  PTPK_A_SAMPLE_CORR_SYNC),
					  &in->t1);
	}
	if (attrs[PTPK_A_SAMPLE_T3]) {
		in->have_delay = true;
		in->t3 = nla_get_s64(attrs[PTPK_A_SAMPLE_T3]);
		ovf |= check_sub_overflow(nla_get_s64(attrs[PTPK_A_SAMPLE_T4]),
					  ptpk_sample_s64(attrs,
							  PTPK_A_SAMPLE_CORR_DELAY),
					  &in->t4);
	}
	if (ovf) {
		NL_SET_ERR_MSG(info->extack, "correction out of range");
		return -ERANGE;
	}
	if (attrs[PTPK_A_SAMPLE_PEER_DELAY]) {
		in->have_peer_delay = true;
		in->peer_delay = nla_get_s64(attrs[PTPK_A_SAMPLE_PEER_DELAY]);
	}
	if (attrs[PTPK_A_SAMPLE_OFFSET]) {
		in->have_offset = true;
		in->offset = nla_get_s64(attrs[PTPK_A_SAMPLE_OFFSET]);
	}
	if (attrs[PTPK_A_SAMPLE_LOCAL_TS]) {
		in->have_local_ts = true;
		in->local_ts = nla_get_s64(attrs[PTPK_A_SAMPLE_LOCAL_TS]);
	}
	if (attrs[PTPK_A_SAMPLE_DELAY]) {
		in->have_direct_delay = true;
		in->delay = nla_get_s64(attrs[PTPK_A_SAMPLE_DELAY]);
	}
	if (attrs[PTPK_A_SAMPLE_SYNC_INTERVAL]) {
		in->have_interval = true;
		in->log_interval =
			nla_get_s32(attrs[PTPK_A_SAMPLE_SYNC_INTERVAL]);
	}
	if (in->have_offset && (in->have_sync || in->have_peer_delay)) {
		NL_SET_ERR_MSG(info->extack,
			       "an offset sample carries no timestamps");
		return -EINVAL;
	}
	if (!in->have_sync && !in->have_delay && !in->have_peer_delay &&
	    !in->have_offset) {
		NL_SET_ERR_MSG(info->extack, "the sample carries no measurement");
		return -EINVAL;
	}
	return 0;
}

/* The servo of a request, if the calling socket owns it. */
static struct ptpk_servo *ptpk_sample_servo(struct ptpk_net *pn,
					    struct genl_info *info, int *err)
{
	struct nlattr *attr = info->attrs[PTPK_A_SAMPLE_ID];
	struct ptpk_servo *s = ptpk_servo_find(pn, nla_get_u32(attr));

	*err = -ENOENT;
	if (!s) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr, "no such servo");
		return NULL;
	}
	*err = -EBUSY;
	if (!s->owner) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr,
				    "the servo is orphaned: adopt it first");
		return NULL;
	}
	if (s->owner != info->snd_portid) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr,
				    "the servo belongs to another socket");
		return NULL;
	}
	*err = 0;
	return s;
}

int ptpk_nl_servo_sample_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct ptpk_net *pn = ptpk_net(net);
	struct ptpk_sample_in in = { };
	struct ptpk_sample_out out;
	enum ptpk_servo_state prev;
	struct ptpk_servo *s;
	struct timespec64 ts;
	struct sk_buff *msg;
	u32 seq = 0;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, PTPK_A_SAMPLE_ID)) {
		NL_SET_ERR_MSG(info->extack, "missing servo id");
		return -EINVAL;
	}
	err = ptpk_sample_parse(info, &in);
	if (err)
		return err;
	if (info->attrs[PTPK_A_SAMPLE_SEQ_ID])
		seq = nla_get_u32(info->attrs[PTPK_A_SAMPLE_SEQ_ID]);

	mutex_lock(&pn->lock);
	s = ptpk_sample_servo(pn, info, &err);
	if (!s)
		goto out;
	if (in.have_offset && !in.have_local_ts) {
		err = ptpk_clock_gettime(s->clock, &ts);
		if (err) {
			NL_SET_ERR_MSG(info->extack, "cannot read the clock");
			if (s->loop.state != PTPK_SERVO_STATE_FAULT) {
				s->loop.state = PTPK_SERVO_STATE_FAULT;
				ptpk_nl_servo_notify(net, s,
						     PTPK_CMD_SERVO_CHANGE_NTF);
			}
			goto out;
		}
		in.local_ts = timespec64_to_ns(&ts);
		in.have_local_ts = true;
	}
	prev = s->loop.state;
	err = ptpk_loop_sample(&s->loop, &in, &out);
	if (err) {
		NL_SET_ERR_MSG(info->extack, "sample not accepted");
		goto out;
	}
	out.mono_ts = ktime_get_raw_ns();
	ptpk_sample_notify(net, s, seq, &out, prev);
	if (out.flags & PTPK_SAMPLE_FLAGS_FAULT) {
		NL_SET_ERR_MSG(info->extack, "the clock refused the adjustment");
		err = out.err;
		goto out;
	}
	msg = ptpk_sample_msg(info, PTPK_CMD_SERVO_SAMPLE, s->id, seq, &out);
	mutex_unlock(&pn->lock);
	return msg ? genlmsg_reply(msg, info) : -ENOMEM;
out:
	mutex_unlock(&pn->lock);
	return err;
}

int ptpk_nl_servo_adopt_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct ptpk_net *pn = ptpk_net(net);
	struct ptpk_servo *s;
	struct sk_buff *msg;
	int err = 0;

	if (GENL_REQ_ATTR_CHECK(info, PTPK_A_SERVO_ID)) {
		NL_SET_ERR_MSG(info->extack, "missing servo id");
		return -EINVAL;
	}
	mutex_lock(&pn->lock);
	s = ptpk_nl_servo_lookup(pn, info);
	if (!s) {
		err = -ENOENT;
		goto out;
	}
	if (s->owner && s->owner != info->snd_portid) {
		NL_SET_ERR_MSG(info->extack, "the servo has a live owner");
		err = -EBUSY;
		goto out;
	}
	if (!s->owner) {
		err = ptpk_loop_adopt(&s->loop);
		if (err)
			goto out;
		s->owner = info->snd_portid;
		ptpk_nl_servo_notify(net, s, PTPK_CMD_SERVO_CHANGE_NTF);
	}
	msg = ptpk_nl_servo_msg(s, info, PTPK_CMD_SERVO_ADOPT);
	mutex_unlock(&pn->lock);
	return msg ? genlmsg_reply(msg, info) : -ENOMEM;
out:
	mutex_unlock(&pn->lock);
	return err;
}

/* A generic netlink socket closed: stop its jobs, orphan its servos. */
static int ptpk_owner_event(struct notifier_block *nb, unsigned long event,
			    void *ptr)
{
	struct netlink_notify *n = ptr;
	struct ptpk_servo *s;
	struct ptpk_net *pn;
	unsigned long id;
	LIST_HEAD(stop);

	if (event != NETLINK_URELEASE || n->protocol != NETLINK_GENERIC ||
	    !n->portid)
		return NOTIFY_DONE;
	pn = ptpk_net(n->net);
	mutex_lock(&pn->lock);
	ptpk_sync_remove_owner(pn, n->portid, &stop);
	mutex_unlock(&pn->lock);
	ptpk_sync_stop_list(&stop);

	mutex_lock(&pn->lock);
	xa_for_each(&pn->servos, id, s) {
		if (s->owner != n->portid)
			continue;
		s->owner = 0;
		/* on error the clock keeps the frequency it had */
		ptpk_loop_holdover(&s->loop);
		ptpk_nl_servo_notify(n->net, s, PTPK_CMD_SERVO_CHANGE_NTF);
	}
	mutex_unlock(&pn->lock);
	return NOTIFY_DONE;
}

static struct notifier_block ptpk_owner_nb = {
	.notifier_call = ptpk_owner_event,
};

int ptpk_owner_init(void)
{
	return netlink_register_notifier(&ptpk_owner_nb);
}

void ptpk_owner_exit(void)
{
	netlink_unregister_notifier(&ptpk_owner_nb);
}
