// SPDX-License-Identifier: GPL-2.0
/*
 * Sync jobs: phc2sys in the kernel.
 *
 * A job drives a servo (servo.c) whose clock is the sink. Its kernel thread
 * wakes at the job's rate, takes `readings` sink-source-sink readings and
 * keeps the one with the shortest bracket, as phc2sys -N does, then feeds
 * the servo the offset (sink minus source, minus utc_offset seconds) as a
 * direct sample with the bracket as its delay. A measurement whose best
 * bracket is far above the typical one is dropped (the thread was held up
 * between the reads). The thread runs SCHED_FIFO
 * so that ordinary load cannot get between the three reads of a reading.
 * (Preemption and interrupts stay enabled: a PHC's gettime may sleep.)
 *
 * Lifetime: jobs live in their namespace's table under ptpk_net.lock, like
 * servos. The thread takes that lock only to feed the servo and to read the
 * job's settings; stopping a job (kthread_stop) is therefore done after the
 * lock is dropped: callers move jobs to a list with ptpk_sync_remove() and
 * pass it to ptpk_sync_stop_list(). The job holds its own references to both
 * clocks, so a servo deleted under it cannot pull the sink from under a read.
 */

#include <linux/delay.h>
#include <linux/hrtimer.h>
#include <linux/kthread.h>
#include <linux/math64.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>

#include "netlink.h"
#include "servo.h"
#include "sync.h"

/* A bracket this many times the typical one, and 2 us longer, is no good. */
#define PTPK_SYNC_REJECT_FACTOR	4
#define PTPK_SYNC_REJECT_MIN	2000	/* ns */
/* The typical bracket: a running mean with weight 1/16 */
#define PTPK_SYNC_TYPICAL_SHIFT	4

/*
 * Whether a measurement's best bracket is normal; updates the typical
 * bracket with the ones kept. Always true for the first measurement.
 */
static bool ptpk_sync_bracket_ok(struct ptpk_sync *j, s64 delay)
{
	s64 t = j->typical_delay;

	if (t && delay > PTPK_SYNC_REJECT_FACTOR * t &&
	    delay > t + PTPK_SYNC_REJECT_MIN)
		return false;
	if (!t)
		j->typical_delay = delay;
	else
		j->typical_delay = t + ((delay - t) >> PTPK_SYNC_TYPICAL_SHIFT);
	return true;
}

static int ptpk_sync_read(struct ptpk_clock *c, s64 *ns)
{
	struct timespec64 ts;
	int err = ptpk_clock_gettime(c, &ts);

	if (!err)
		*ns = timespec64_to_ns(&ts);
	return err;
}

/* The reading with the shortest sink-source-sink bracket. */
static int ptpk_sync_measure(struct ptpk_sync *j, u32 readings, s64 *offset,
			     s64 *delay, s64 *local)
{
	s64 t1, t2, t3, d, best = S64_MAX;
	u32 i;
	int err;

	for (i = 0; i < readings; i++) {
		err = ptpk_sync_read(j->sink, &t1);
		if (!err)
			err = ptpk_sync_read(j->source, &t2);
		if (!err)
			err = ptpk_sync_read(j->sink, &t3);
		if (err)
			return err;
		d = t3 - t1;
		if (d < 0 || d >= best)
			continue;	/* stepped in between, or worse */
		best = d;
		*local = t1 + d / 2;
		*offset = *local - t2;
	}
	if (best == S64_MAX)
		return -EAGAIN;
	*delay = best;
	return 0;
}

/* Feed a measurement to the servo; the namespace's lock is held. */
static void ptpk_sync_feed(struct ptpk_sync *j, struct ptpk_servo *s, int err,
			   s64 offset, s64 delay, s64 local)
{
	struct ptpk_sample_in in = { };
	struct ptpk_sample_out out;
	enum ptpk_servo_state prev = s->loop.state;

	if (err) {
		if (!j->fault)
			pr_warn_ratelimited("ptpk: sync job %u: clock read failed: %d\n",
					    j->id, err);
		j->fault = true;
		if (err != -EAGAIN && s->loop.state != PTPK_SERVO_STATE_FAULT) {
			s->loop.state = PTPK_SERVO_STATE_FAULT;
			ptpk_nl_servo_notify(j->net, s,
					     PTPK_CMD_SERVO_CHANGE_NTF);
		}
		return;
	}
	j->fault = false;
	offset -= (s64)j->utc_offset * NSEC_PER_SEC;
	j->offset = offset;
	j->delay = delay;
	j->n++;
	if (!ptpk_sync_bracket_ok(j, delay)) {
		j->n_rejected++;
		return;
	}
	in.have_offset = true;
	in.offset = offset;
	in.have_local_ts = true;
	in.local_ts = local;
	in.have_direct_delay = true;
	in.delay = delay;
	if (ptpk_loop_sample(&s->loop, &in, &out))
		return;
	ptpk_sample_deliver(j->net, s, 0, &out, prev, j->owner);
}

static int ptpk_sync_thread(void *data)
{
	struct ptpk_sync *j = data;
	struct ptpk_net *pn = ptpk_net(j->net);
	s64 offset = 0, delay = 0, local = 0;
	struct ptpk_servo *s;
	ktime_t next, now;
	u32 readings;
	u64 period;
	int err;

	sched_set_fifo_low(current);
	next = ktime_get();
	while (!kthread_should_stop()) {
		mutex_lock(&pn->lock);
		period = div_u64(1000ULL * NSEC_PER_SEC, j->rate);
		readings = j->readings;
		mutex_unlock(&pn->lock);

		err = ptpk_sync_measure(j, readings, &offset, &delay, &local);

		mutex_lock(&pn->lock);
		s = ptpk_servo_find(pn, j->servo_id);
		if (s)
			ptpk_sync_feed(j, s, err, offset, delay, local);
		mutex_unlock(&pn->lock);

		next = ktime_add_ns(next, period);
		now = ktime_get();
		if (ktime_before(next, now))
			next = now;	/* fell behind: do not catch up */
		set_current_state(TASK_INTERRUPTIBLE);
		if (kthread_should_stop()) {
			__set_current_state(TASK_RUNNING);
			break;
		}
		schedule_hrtimeout(&next, HRTIMER_MODE_ABS);
	}
	return 0;
}

/**
 * ptpk_sync_alloc() - a job, not yet running
 * @net: its namespace
 * @servo_id: the servo it drives
 * @owner: netlink port id of the creating socket (the servo's owner)
 * @source: the source clock; the job owns it from now on
 * @sink: the job's own handle on the servo's clock; owned likewise
 *
 * Return: the job, or NULL (then the clocks are still the caller's).
 */
struct ptpk_sync *ptpk_sync_alloc(struct net *net, u32 servo_id, u32 owner,
				  struct ptpk_clock *source,
				  struct ptpk_clock *sink)
{
	struct ptpk_sync *j = kzalloc(sizeof(*j), GFP_KERNEL);

	if (!j)
		return NULL;
	j->net = net;
	j->servo_id = servo_id;
	j->owner = owner;
	j->source = source;
	j->sink = sink;
	j->rate = PTPK_SYNC_DEFAULT_RATE;
	j->readings = PTPK_SYNC_DEFAULT_READINGS;
	INIT_LIST_HEAD(&j->stop);
	return j;
}

static void ptpk_sync_free(struct ptpk_sync *j)
{
	ptpk_clock_close(j->source);
	ptpk_clock_close(j->sink);
	kfree(j);
}

/* Give a job an id in its namespace; the lock is held. */
int ptpk_sync_insert(struct ptpk_net *pn, struct ptpk_sync *j)
{
	int err;

	lockdep_assert_held(&pn->lock);
	err = xa_alloc_cyclic(&pn->syncs, &j->id, j, XA_LIMIT(1, INT_MAX),
			      &pn->next_sync_id, GFP_KERNEL);
	return err < 0 ? err : 0;
}

/**
 * ptpk_sync_start() - start the thread of an inserted job
 * @j: the job; the namespace's lock is held (the thread waits for it)
 *
 * Return: 0 or an error (then remove and free the job).
 */
int ptpk_sync_start(struct ptpk_sync *j)
{
	struct task_struct *t;

	t = kthread_run(ptpk_sync_thread, j, "ptpk-sync/%u", j->id);
	if (IS_ERR(t))
		return PTR_ERR(t);
	j->thread = t;
	return 0;
}

struct ptpk_sync *ptpk_sync_find(struct ptpk_net *pn, u32 id)
{
	lockdep_assert_held(&pn->lock);
	return xa_load(&pn->syncs, id);
}

/* The job driving a servo, or NULL. */
struct ptpk_sync *ptpk_sync_by_servo(struct ptpk_net *pn, u32 servo_id)
{
	struct ptpk_sync *j;
	unsigned long id;

	lockdep_assert_held(&pn->lock);
	xa_for_each(&pn->syncs, id, j)
		if (j->servo_id == servo_id)
			return j;
	return NULL;
}

/* Take a job out of its namespace onto @stop; the lock is held. */
void ptpk_sync_remove(struct ptpk_net *pn, struct ptpk_sync *j,
		      struct list_head *stop)
{
	lockdep_assert_held(&pn->lock);
	xa_erase(&pn->syncs, j->id);
	list_add_tail(&j->stop, stop);
}

void ptpk_sync_remove_owner(struct ptpk_net *pn, u32 owner,
			    struct list_head *stop)
{
	struct ptpk_sync *j;
	unsigned long id;

	xa_for_each(&pn->syncs, id, j)
		if (j->owner == owner)
			ptpk_sync_remove(pn, j, stop);
}

void ptpk_sync_remove_all(struct ptpk_net *pn, struct list_head *stop)
{
	struct ptpk_sync *j;
	unsigned long id;

	xa_for_each(&pn->syncs, id, j)
		ptpk_sync_remove(pn, j, stop);
}

/* Stop and free removed jobs; the namespace's lock is not held. */
void ptpk_sync_stop_list(struct list_head *stop)
{
	struct ptpk_sync *j, *tmp;

	list_for_each_entry_safe(j, tmp, stop, stop) {
		list_del(&j->stop);
		if (j->thread)
			kthread_stop(j->thread);
		ptpk_sync_free(j);
	}
}
