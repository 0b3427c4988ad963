// SPDX-License-Identifier: GPL-2.0
/*
 * ptpsim: the registry of devices and segments, and the control interface in
 * debugfs (/sys/kernel/debug/ptpsim/):
 *
 *   ctl      write one command per write(2):
 *              add NAME [KNOB=VALUE ...]     create a device (netdev + PHC)
 *              del NAME                      destroy it
 *              set NAME KNOB=VALUE ...       change knobs
 *              attach NAME SEGMENT           plug into a segment (made on demand)
 *              detach NAME                   unplug (an empty segment goes away)
 *              link NAME1 NAME2              both into a new segment NAME1-NAME2
 *   devices  one line per device: names, PHC, segment, knobs
 *   truth    the raw monotonic and real time of one instant, then every
 *            device's PHC time at that instant
 *
 * Knobs are listed in ptpsim_knobs[] below and in Documentation/ptpsim.md.
 */

#include <linux/ctype.h>
#include <linux/debugfs.h>
#include <linux/jhash.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <linux/rculist.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#include <linux/uaccess.h>
#include <linux/workqueue.h>

#include "ptpsim.h"

#define PTPSIM_CMD_MAX	256
#define PTPSIM_MAX_ARGS	16

static DEFINE_MUTEX(ptpsim_lock);	/* the lists and all control */
static LIST_HEAD(ptpsim_devs);
static LIST_HEAD(ptpsim_segs);
static u32 ptpsim_next_id = 1;
static struct dentry *ptpsim_dir;
static void ptpsim_wander_fn(struct work_struct *work);
static DECLARE_DELAYED_WORK(ptpsim_wander_work, ptpsim_wander_fn);

enum ptpsim_knob {
	PTPSIM_FREQ_PPB,
	PTPSIM_OFFSET_NS,
	PTPSIM_STEP_NS,
	PTPSIM_WANDER_PPB,
	PTPSIM_SEED,
	PTPSIM_DELAY_NS,
	PTPSIM_JITTER_NS,
	PTPSIM_LOSS_PPM,
	PTPSIM_TS_GRAN_NS,
	PTPSIM_NUM_KNOBS
};

static const struct {
	const char *name;
	s64 min, max;
} ptpsim_knobs[PTPSIM_NUM_KNOBS] = {
	[PTPSIM_FREQ_PPB]   = { "freq_ppb", -PTPSIM_MAX_ERR_PPB, PTPSIM_MAX_ERR_PPB },
	[PTPSIM_OFFSET_NS]  = { "offset_ns", -(1LL << 62), 1LL << 62 },
	[PTPSIM_STEP_NS]    = { "step_ns", -(1LL << 62), 1LL << 62 },
	[PTPSIM_WANDER_PPB] = { "wander_ppb", 0, PTPSIM_MAX_WANDER_PPB },
	[PTPSIM_SEED]       = { "seed", 0, S64_MAX },
	[PTPSIM_DELAY_NS]   = { "delay_ns", 0, NSEC_PER_SEC },
	[PTPSIM_JITTER_NS]  = { "jitter_ns", 0, NSEC_PER_SEC / 10 },
	[PTPSIM_LOSS_PPM]   = { "loss_ppm", 0, 1000000 },
	[PTPSIM_TS_GRAN_NS] = { "ts_gran_ns", 0, NSEC_PER_SEC },
};

struct ptpsim_knob_vals {
	unsigned long given;		/* bit per enum ptpsim_knob */
	s64 val[PTPSIM_NUM_KNOBS];
};

static struct ptpsim_dev *ptpsim_find_dev(const char *name)
{
	struct ptpsim_dev *ps;

	list_for_each_entry(ps, &ptpsim_devs, node)
		if (!strcmp(ps->name, name))
			return ps;
	return NULL;
}

static struct ptpsim_seg *ptpsim_find_seg(const char *name)
{
	struct ptpsim_seg *seg;

	list_for_each_entry(seg, &ptpsim_segs, node)
		if (!strcmp(seg->name, name))
			return seg;
	return NULL;
}

/* Parse KNOB=VALUE arguments; nothing is applied on error. */
static int ptpsim_parse_knobs(char **argv, int argc,
			      struct ptpsim_knob_vals *kv)
{
	int i, k, err;
	char *eq;
	s64 v;

	kv->given = 0;
	for (i = 0; i < argc; i++) {
		eq = strchr(argv[i], '=');
		if (!eq)
			return -EINVAL;
		*eq = '\0';
		for (k = 0; k < PTPSIM_NUM_KNOBS; k++)
			if (!strcmp(argv[i], ptpsim_knobs[k].name))
				break;
		if (k == PTPSIM_NUM_KNOBS)
			return -EINVAL;
		err = kstrtos64(eq + 1, 0, &v);
		if (err)
			return err;
		if (v < ptpsim_knobs[k].min || v > ptpsim_knobs[k].max)
			return -ERANGE;
		kv->val[k] = v;
		kv->given |= BIT(k);
	}
	return 0;
}

static void ptpsim_apply_knobs(struct ptpsim_dev *ps,
			       const struct ptpsim_knob_vals *kv)
{
	struct ptpsim_clock *c = &ps->clock;
	const s64 *v = kv->val;

	if (kv->given & BIT(PTPSIM_SEED)) {
		ps->seed = v[PTPSIM_SEED];
		ptpsim_clock_seed(c, ps->seed);
		netif_tx_lock_bh(ps->netdev);
		prandom_seed_state(&ps->link.rnd, ps->seed);
		netif_tx_unlock_bh(ps->netdev);
	}
	if (kv->given & BIT(PTPSIM_OFFSET_NS))
		ptpsim_clock_set_offset(c, v[PTPSIM_OFFSET_NS]);
	if (kv->given & BIT(PTPSIM_STEP_NS))
		ptpsim_clock_step(c, v[PTPSIM_STEP_NS]);
	if (kv->given & BIT(PTPSIM_FREQ_PPB))
		ptpsim_clock_set_err(c, v[PTPSIM_FREQ_PPB]);
	if (kv->given & BIT(PTPSIM_WANDER_PPB)) {
		spin_lock_bh(&c->lock);
		c->wander_ppb = v[PTPSIM_WANDER_PPB];
		spin_unlock_bh(&c->lock);
	}
	if (kv->given & BIT(PTPSIM_DELAY_NS))
		WRITE_ONCE(ps->link.delay_ns, v[PTPSIM_DELAY_NS]);
	if (kv->given & BIT(PTPSIM_JITTER_NS))
		WRITE_ONCE(ps->link.jitter_ns, v[PTPSIM_JITTER_NS]);
	if (kv->given & BIT(PTPSIM_LOSS_PPM))
		WRITE_ONCE(ps->link.loss_ppm, v[PTPSIM_LOSS_PPM]);
	if (kv->given & BIT(PTPSIM_TS_GRAN_NS))
		WRITE_ONCE(ps->ts_gran_ns, v[PTPSIM_TS_GRAN_NS]);
}

static int ptpsim_attach(struct ptpsim_dev *ps, const char *seg_name)
{
	struct ptpsim_seg *seg;

	if (rcu_access_pointer(ps->seg))
		return -EBUSY;
	seg = ptpsim_find_seg(seg_name);
	if (!seg) {
		seg = kzalloc(sizeof(*seg), GFP_KERNEL);
		if (!seg)
			return -ENOMEM;
		strscpy(seg->name, seg_name, sizeof(seg->name));
		INIT_LIST_HEAD(&seg->ports);
		list_add_tail(&seg->node, &ptpsim_segs);
	}
	list_add_tail_rcu(&ps->seg_node, &seg->ports);
	rcu_assign_pointer(ps->seg, seg);
	netif_carrier_on(ps->netdev);
	return 0;
}

/* Unplug; after this no sender can see @ps any more. */
static int ptpsim_detach(struct ptpsim_dev *ps)
{
	struct ptpsim_seg *seg = rcu_dereference_protected(ps->seg,
					lockdep_is_held(&ptpsim_lock));

	if (!seg)
		return -ENOTCONN;
	netif_carrier_off(ps->netdev);
	list_del_rcu(&ps->seg_node);
	RCU_INIT_POINTER(ps->seg, NULL);
	synchronize_net();
	INIT_LIST_HEAD(&ps->seg_node);
	if (list_empty(&seg->ports)) {
		list_del(&seg->node);
		kfree(seg);
	}
	return 0;
}

static int ptpsim_add(char **argv, int argc)
{
	struct ptpsim_knob_vals kv;
	struct ptpsim_dev *ps;
	const char *name;
	int err;

	if (argc < 1)
		return -EINVAL;
	name = argv[0];
	if (!dev_valid_name(name))
		return -EINVAL;
	if (ptpsim_find_dev(name))
		return -EEXIST;
	if (ptpsim_next_id > 0xffffff)
		return -ENOSPC;
	err = ptpsim_parse_knobs(argv + 1, argc - 1, &kv);
	if (err)
		return err;
	ps = ptpsim_dev_create(name, jhash(name, strlen(name), 0x70747073),
			       ptpsim_next_id);
	if (IS_ERR(ps))
		return PTR_ERR(ps);
	ptpsim_next_id++;
	ptpsim_apply_knobs(ps, &kv);
	list_add_tail(&ps->node, &ptpsim_devs);
	return 0;
}

static void ptpsim_del(struct ptpsim_dev *ps)
{
	if (rcu_access_pointer(ps->seg))
		ptpsim_detach(ps);
	list_del(&ps->node);
	ptpsim_dev_destroy(ps);
}

static int ptpsim_run(char **argv, int argc)
{
	struct ptpsim_knob_vals kv;
	struct ptpsim_dev *ps, *ps2;
	char seg[2 * IFNAMSIZ];
	const char *cmd = argv[0];
	int err;

	argv++;
	argc--;
	if (!strcmp(cmd, "add"))
		return ptpsim_add(argv, argc);

	if (argc < 1)
		return -EINVAL;
	ps = ptpsim_find_dev(argv[0]);
	if (!ps)
		return -ENOENT;

	if (!strcmp(cmd, "del") && argc == 1) {
		ptpsim_del(ps);
		return 0;
	}
	if (!strcmp(cmd, "set")) {
		err = ptpsim_parse_knobs(argv + 1, argc - 1, &kv);
		if (!err)
			ptpsim_apply_knobs(ps, &kv);
		return err;
	}
	if (!strcmp(cmd, "attach") && argc == 2) {
		if (!*argv[1] || strlen(argv[1]) >= sizeof(seg))
			return -EINVAL;
		return ptpsim_attach(ps, argv[1]);
	}
	if (!strcmp(cmd, "detach") && argc == 1)
		return ptpsim_detach(ps);
	if (!strcmp(cmd, "link") && argc == 2) {
		ps2 = ptpsim_find_dev(argv[1]);
		if (!ps2)
			return -ENOENT;
		if (ps2 == ps)
			return -EINVAL;
		if (rcu_access_pointer(ps->seg) || rcu_access_pointer(ps2->seg))
			return -EBUSY;
		snprintf(seg, sizeof(seg), "%s-%s", ps->name, ps2->name);
		if (ptpsim_find_seg(seg))
			return -EEXIST;
		err = ptpsim_attach(ps, seg);
		if (!err)
			err = ptpsim_attach(ps2, seg);
		return err;
	}
	return -EINVAL;
}

static ssize_t ptpsim_ctl_write(struct file *file, const char __user *ubuf,
				size_t len, loff_t *ppos)
{
	char *argv[PTPSIM_MAX_ARGS];
	char *buf, *p, *tok;
	int argc = 0, err;

	if (len > PTPSIM_CMD_MAX)
		return -E2BIG;
	buf = memdup_user_nul(ubuf, len);
	if (IS_ERR(buf))
		return PTR_ERR(buf);
	p = buf;
	while ((tok = strsep(&p, " \t\n"))) {
		if (!*tok)
			continue;
		if (argc == PTPSIM_MAX_ARGS) {
			err = -E2BIG;
			goto out;
		}
		argv[argc++] = tok;
	}
	err = -EINVAL;
	if (!argc)
		goto out;
	mutex_lock(&ptpsim_lock);
	err = ptpsim_run(argv, argc);
	mutex_unlock(&ptpsim_lock);
out:
	kfree(buf);
	return err ? err : len;
}

static const struct file_operations ptpsim_ctl_fops = {
	.owner	= THIS_MODULE,
	.open	= simple_open,
	.write	= ptpsim_ctl_write,
	.llseek	= noop_llseek,
};

static int ptpsim_devices_show(struct seq_file *m, void *v)
{
	struct ptpsim_seg *seg;
	struct ptpsim_dev *ps;
	struct ptpsim_clock *c;

	mutex_lock(&ptpsim_lock);
	list_for_each_entry(ps, &ptpsim_devs, node) {
		c = &ps->clock;
		seg = rcu_dereference_protected(ps->seg,
						lockdep_is_held(&ptpsim_lock));
		spin_lock_bh(&c->lock);
		seq_printf(m, "%s ifindex=%d ptp=%d segment=%s freq_ppb=%lld adj_ppb=%lld wander_ppb=%u wander_now_ppb=%lld adjphase=%llu",
			   ps->name, ps->netdev->ifindex,
			   ptp_clock_index(c->ptp), seg ? seg->name : "-",
			   div_s64(c->err_sppb, 65536),
			   div_s64(c->adj_sppb, 65536), c->wander_ppb,
			   div_s64(c->wander_sppb, 65536), c->n_adjphase);
		spin_unlock_bh(&c->lock);
		seq_printf(m, " seed=%llu delay_ns=%llu jitter_ns=%llu loss_ppm=%u ts_gran_ns=%u tx_type=%d rx_filter=%d",
			   ps->seed, READ_ONCE(ps->link.delay_ns),
			   READ_ONCE(ps->link.jitter_ns),
			   READ_ONCE(ps->link.loss_ppm),
			   READ_ONCE(ps->ts_gran_ns), READ_ONCE(ps->tx_type),
			   READ_ONCE(ps->rx_filter));
		seq_printf(m, " tx_hwts=%lld onestep=%lld pdresp=%lld pdresp_miss=%lld\n",
			   (s64)atomic64_read(&ps->tx_hwts),
			   (s64)atomic64_read(&ps->onestep),
			   (s64)atomic64_read(&ps->pdresp),
			   (s64)atomic64_read(&ps->pdresp_miss));
	}
	mutex_unlock(&ptpsim_lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(ptpsim_devices);

static int ptpsim_truth_show(struct seq_file *m, void *v)
{
	struct system_time_snapshot snap;
	struct ptpsim_dev *ps;
	u64 raw;

	mutex_lock(&ptpsim_lock);
	ktime_get_snapshot(&snap);
	raw = ktime_to_ns(snap.raw);
	seq_printf(m, "mono_raw %llu\nrealtime %lld\n", raw,
		   ktime_to_ns(snap.real));
	list_for_each_entry(ps, &ptpsim_devs, node)
		seq_printf(m, "%s ptp%d %lld\n", ps->name,
			   ptp_clock_index(ps->clock.ptp),
			   ptpsim_clock_read(&ps->clock, raw));
	mutex_unlock(&ptpsim_lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(ptpsim_truth);

static void ptpsim_wander_fn(struct work_struct *work)
{
	struct ptpsim_dev *ps;

	mutex_lock(&ptpsim_lock);
	list_for_each_entry(ps, &ptpsim_devs, node)
		ptpsim_clock_wander(&ps->clock);
	mutex_unlock(&ptpsim_lock);
	schedule_delayed_work(&ptpsim_wander_work, HZ);
}

static int __init ptpsim_init(void)
{
	ptpsim_dir = debugfs_create_dir(KBUILD_MODNAME, NULL);
	if (IS_ERR(ptpsim_dir))
		return PTR_ERR(ptpsim_dir);
	debugfs_create_file("ctl", 0200, ptpsim_dir, NULL, &ptpsim_ctl_fops);
	debugfs_create_file("devices", 0444, ptpsim_dir, NULL,
			    &ptpsim_devices_fops);
	debugfs_create_file("truth", 0444, ptpsim_dir, NULL,
			    &ptpsim_truth_fops);
	schedule_delayed_work(&ptpsim_wander_work, HZ);
	return 0;
}

static void __exit ptpsim_exit(void)
{
	struct ptpsim_dev *ps, *tmp;

	/* Waits for running control requests. */
	debugfs_remove_recursive(ptpsim_dir);
	cancel_delayed_work_sync(&ptpsim_wander_work);
	mutex_lock(&ptpsim_lock);
	list_for_each_entry_safe(ps, tmp, &ptpsim_devs, node)
		ptpsim_del(ps);
	mutex_unlock(&ptpsim_lock);
}

module_init(ptpsim_init);
module_exit(ptpsim_exit);

MODULE_DESCRIPTION("Simulated Ethernet devices with PTP hardware clocks");
MODULE_LICENSE("GPL");
