// SPDX-License-Identifier: GPL-2.0
/*
 * Clocks: selecting one from request attributes, opening it for a servo, and
 * reading, stepping and slewing it.
 *
 * CLOCK_REALTIME can be read and stepped (do_settimeofday64) but a module
 * cannot change its frequency: do_adjtimex() is not exported. PHCs go
 * through their posix clock (phc.c).
 */

#include <linux/err.h>
#include <linux/math64.h>
#include <linux/minmax.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#include <linux/timex.h>

#include "clock.h"
#include "netdev.h"

/* 10^9 ppb in ppt; ptp_clock_adjtime() enforces the PHC's own max_adj. */
#define PTPK_CLOCK_MAX_PPT	1000000000000LL

/**
 * ptpk_clock_system_caps() - what we report for CLOCK_REALTIME
 * @caps: filled in
 */
void ptpk_clock_system_caps(struct ptpk_phc_caps *caps)
{
	memset(caps, 0, sizeof(*caps));
	strscpy(caps->name, "CLOCK_REALTIME", sizeof(caps->name));
	caps->max_adj = MAXFREQ;	/* 500 ppm, as adjtimex allows */
}

static const int ptpk_clock_selectors[] = {
	PTPK_A_CLOCK_PHC_INDEX,
	PTPK_A_CLOCK_DEV_PATH,
	PTPK_A_CLOCK_IFINDEX,
	PTPK_A_CLOCK_IFNAME,
};

static int ptpk_clock_select_phc(struct net *net, struct nlattr **tb,
				 int which, struct ptpk_clock_sel *sel,
				 struct netlink_ext_ack *extack)
{
	struct nlattr *attr = tb[which];
	u32 index = 0;
	dev_t devt;
	int err;

	switch (which) {
	case PTPK_A_CLOCK_PHC_INDEX:
		index = nla_get_u32(attr);
		break;
	case PTPK_A_CLOCK_DEV_PATH:
		sel->dev_path = nla_data(attr);
		err = ptpk_phc_path_devt(sel->dev_path, &devt);
		if (err == -ENOTTY)
			NL_SET_ERR_MSG_ATTR(extack, attr, "not a character device");
		else if (err)
			NL_SET_ERR_MSG_ATTR(extack, attr, "no such device path");
		if (err)
			return err;
		if (ptpk_phc_index_by_devt(devt, &index)) {
			NL_SET_ERR_MSG_ATTR(extack, attr, "not a PHC device");
			return -ENODEV;
		}
		break;
	case PTPK_A_CLOCK_IFINDEX:
		err = ptpk_netdev_phc(net, nla_get_u32(attr), NULL, &index,
				      extack);
		if (err) {
			NL_SET_BAD_ATTR(extack, attr);
			return err;
		}
		break;
	case PTPK_A_CLOCK_IFNAME:
		err = ptpk_netdev_phc(net, 0, nla_data(attr), &index, extack);
		if (err) {
			NL_SET_BAD_ATTR(extack, attr);
			return err;
		}
		break;
	}

	err = ptpk_phc_visible(net, index);
	if (!err)
		err = ptpk_phc_caps(index, &sel->caps);
	if (err == -ENODEV)
		NL_SET_ERR_MSG_ATTR(extack, attr, "no such clock");
	else if (err)
		NL_SET_ERR_MSG_ATTR(extack, attr, "cannot read the PHC");
	return err;
}

/**
 * ptpk_clock_select() - resolve the clock attributes of a request
 * @net: the caller's namespace
 * @tb: clock attributes, parsed with a clock policy
 * @sel: filled in
 * @extack: for error messages
 *
 * Exactly one of type system, phc-index, dev-path, ifindex or ifname (type
 * phc may accompany the last four). A PHC must exist and belong to @net
 * (see netdev.c).
 *
 * Return: 0, -EINVAL for a bad combination, -ENODEV for no such clock, or
 * another error.
 */
int ptpk_clock_select(struct net *net, struct nlattr **tb,
		      struct ptpk_clock_sel *sel,
		      struct netlink_ext_ack *extack)
{
	u32 type = 0;
	int which = 0;
	int i;

	memset(sel, 0, sizeof(*sel));
	for (i = 0; i < ARRAY_SIZE(ptpk_clock_selectors); i++) {
		if (!tb[ptpk_clock_selectors[i]])
			continue;
		if (which) {
			NL_SET_ERR_MSG_ATTR(extack,
					    tb[ptpk_clock_selectors[i]],
					    "more than one clock selector");
			return -EINVAL;
		}
		which = ptpk_clock_selectors[i];
	}

	if (tb[PTPK_A_CLOCK_TYPE])
		type = nla_get_u32(tb[PTPK_A_CLOCK_TYPE]);

	if (type == PTPK_CLOCK_TYPE_SYSTEM) {
		if (which) {
			NL_SET_ERR_MSG_ATTR(extack, tb[which],
					    "the system clock takes no PHC selector");
			return -EINVAL;
		}
		sel->type = PTPK_CLOCK_TYPE_SYSTEM;
		ptpk_clock_system_caps(&sel->caps);
		return 0;
	}

	if (!which) {
		NL_SET_ERR_MSG(extack,
			       "clock selector missing: type system, phc-index, dev-path, ifindex or ifname");
		return -EINVAL;
	}
	sel->type = PTPK_CLOCK_TYPE_PHC;
	return ptpk_clock_select_phc(net, tb, which, sel, extack);
}

/**
 * ptpk_clock_open() - open a selected clock for adjusting it
 * @sel: from ptpk_clock_select()
 * @extack: for error messages
 *
 * A PHC is opened read-write with the caller's credentials.
 *
 * Return: the clock, or an ERR_PTR.
 */
struct ptpk_clock *ptpk_clock_open(const struct ptpk_clock_sel *sel,
				   struct netlink_ext_ack *extack)
{
	struct ptpk_clock *clock;
	u32 index = sel->caps.index;
	int err;

	clock = kzalloc(sizeof(*clock), GFP_KERNEL);
	if (!clock)
		return ERR_PTR(-ENOMEM);
	clock->type = sel->type;
	clock->caps = sel->caps;

	if (sel->type == PTPK_CLOCK_TYPE_PHC) {
		err = ptpk_phc_open(sel->dev_path, &index, &clock->file,
				    extack);
		if (!err && index != sel->caps.index) {
			NL_SET_ERR_MSG(extack, "the device path changed");
			fput(clock->file);
			err = -EAGAIN;
		}
		if (err) {
			kfree(clock);
			return ERR_PTR(err);
		}
	}
	return clock;
}

/**
 * ptpk_clock_dup() - another handle on an open clock
 * @clock: the clock
 *
 * Return: a handle that holds its own reference, or NULL.
 */
struct ptpk_clock *ptpk_clock_dup(const struct ptpk_clock *clock)
{
	struct ptpk_clock *c = kmemdup(clock, sizeof(*clock), GFP_KERNEL);

	if (c && c->file)
		get_file(c->file);
	return c;
}

/**
 * ptpk_clock_close() - release an open clock; it keeps its frequency
 * @clock: from ptpk_clock_open(), or NULL
 */
void ptpk_clock_close(struct ptpk_clock *clock)
{
	if (!clock)
		return;
	if (clock->file)
		fput(clock->file);
	kfree(clock);
}

/**
 * ptpk_clock_gettime() - read a clock
 * @clock: the clock
 * @ts: set to its time
 *
 * Return: 0 or an error.
 */
int ptpk_clock_gettime(struct ptpk_clock *clock, struct timespec64 *ts)
{
	if (clock->type == PTPK_CLOCK_TYPE_PHC)
		return ptpk_phc_gettime(clock->file, ts);
	ktime_get_real_ts64(ts);
	return 0;
}

/**
 * ptpk_clock_step() - step a clock by @offset_ns
 * @clock: the clock
 * @offset_ns: nanoseconds to add
 *
 * A PHC steps atomically (ADJ_SETOFFSET). CLOCK_REALTIME is read and set,
 * which loses the time between the two calls.
 *
 * Return: 0 or an error.
 */
int ptpk_clock_step(struct ptpk_clock *clock, s64 offset_ns)
{
	struct timespec64 ts = ns_to_timespec64(offset_ns);
	struct __kernel_timex tx = { };
	struct timespec64 now;

	if (clock->type == PTPK_CLOCK_TYPE_PHC) {
		tx.modes = ADJ_SETOFFSET | ADJ_NANO;
		tx.time.tv_sec = ts.tv_sec;
		tx.time.tv_usec = ts.tv_nsec;
		return ptpk_phc_adjtime(clock->file, &tx);
	}

	ktime_get_real_ts64(&now);
	ts = timespec64_add(now, ts);
	return do_settimeofday64(&ts);
}

/**
 * ptpk_clock_adjfreq() - set a clock's frequency offset
 * @clock: the clock
 * @freq_ppt: the offset in parts per trillion (ppb * 1000)
 *
 * Return: 0, -EOPNOTSUPP for CLOCK_REALTIME, -ERANGE beyond max_adj, or
 * another error.
 */
int ptpk_clock_adjfreq(struct ptpk_clock *clock, s64 freq_ppt)
{
	struct __kernel_timex tx = { };

	if (clock->type != PTPK_CLOCK_TYPE_PHC)
		return -EOPNOTSUPP;

	/* timex.freq is in ppm with a 16-bit fractional part. */
	freq_ppt = clamp_t(s64, freq_ppt, -PTPK_CLOCK_MAX_PPT, PTPK_CLOCK_MAX_PPT);
	tx.modes = ADJ_FREQUENCY;
	tx.freq = div_s64(freq_ppt * 65536, 1000000);
	return ptpk_phc_adjtime(clock->file, &tx);
}

/**
 * ptpk_clock_adjphase() - hand a phase offset to the PHC's own servo
 * @clock: the clock
 * @offset_ns: nanoseconds to add, slewed in by the driver (adjphase)
 *
 * ADJ_OFFSET | ADJ_NANO, as linuxptp's clockadj_set_phase(). 6.1's PTP core
 * passes any offset to the driver; later ones refuse more than the
 * driver's getmaxphase with -ERANGE.
 *
 * Return: 0, -EOPNOTSUPP for CLOCK_REALTIME or a PHC without adjphase,
 * -ERANGE, or another error.
 */
int ptpk_clock_adjphase(struct ptpk_clock *clock, s64 offset_ns)
{
	struct __kernel_timex tx = { };

	if (clock->type != PTPK_CLOCK_TYPE_PHC)
		return -EOPNOTSUPP;
	if (offset_ns > S32_MAX || offset_ns < S32_MIN)
		return -ERANGE;		/* adjphase takes an s32 */
	tx.modes = ADJ_OFFSET | ADJ_NANO;
	tx.offset = offset_ns;
	return ptpk_phc_adjtime(clock->file, &tx);
}

/**
 * ptpk_clock_getfreq() - a PHC's frequency offset
 * @clock: the clock
 * @freq_ppt: set to the offset in ppt; left alone on error
 *
 * Return: 0, -EOPNOTSUPP for CLOCK_REALTIME (do_adjtimex is not exported),
 * or the PHC's error.
 */
int ptpk_clock_getfreq(struct ptpk_clock *clock, s64 *freq_ppt)
{
	struct __kernel_timex tx = { };
	int err;

	if (clock->type != PTPK_CLOCK_TYPE_PHC)
		return -EOPNOTSUPP;
	err = ptpk_phc_adjtime(clock->file, &tx);
	if (!err)
		*freq_ppt = div_s64((s64)tx.freq * 1000000, 65536);
	return err;
}
