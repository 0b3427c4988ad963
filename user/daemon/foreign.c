// SPDX-License-Identifier: GPL-2.0
/* Foreign master records and Announce qualification, see foreign.h. */
#include <errno.h>

#include "foreign.h"
#include "timers.h"

uint64_t foreign_window_ns(int log_interval)
{
	return tmo_log_ns(FOREIGN_MASTER_TIME_WINDOW, log_interval);
}

/* An announce counts while less than the window has passed since. */
static bool in_window(uint64_t rx_ns, int log_interval, uint64_t now_ns)
{
	return now_ns < rx_ns || now_ns - rx_ns < foreign_window_ns(log_interval);
}

/*
 * Counted announces are kept newest first, so the stale ones are at the
 * end: drop from there. Each is judged by the interval it announced.
 */
static void fm_prune(struct foreign_master *fm, uint64_t now_ns)
{
	while (fm->n && !in_window(fm->rx_ns[fm->n - 1],
				   fm->rx_log[fm->n - 1], now_ns))
		fm->n--;
}

void foreign_init(struct foreign_table *t, const struct PortIdentity *port,
		  uint16_t max_steps_removed)
{
	*t = (struct foreign_table){
		.port = *port,
		.max_steps_removed = max_steps_removed,
		.local_priority = FOREIGN_LOCAL_PRIORITY,
	};
}

void foreign_set_policy(struct foreign_table *t, bmc_cmp_fn cmp,
			uint8_t local_priority, bool master_only)
{
	t->cmp = cmp;
	t->local_priority = local_priority;
	t->master_only = master_only;
}

void foreign_clear(struct foreign_table *t)
{
	unsigned int i;

	for (i = 0; i < FOREIGN_MAX; i++)
		t->fm[i] = (struct foreign_master){ 0 };
}

/* Index of sender's record, or -1. */
static int fm_index(const struct foreign_table *t,
		    const struct PortIdentity *sender)
{
	int i;

	for (i = 0; i < FOREIGN_MAX; i++)
		if (t->fm[i].used && pid_eq(&t->fm[i].last.ds.sender, sender))
			return i;
	return -1;
}

const struct foreign_master *foreign_find(const struct foreign_table *t,
					  const struct PortIdentity *sender)
{
	int i = fm_index(t, sender);

	return i < 0 ? NULL : &t->fm[i];
}

/*
 * A record for a new sender: a free one, else the one that has been
 * silent longest among those with nothing left in the window.
 */
static struct foreign_master *fm_alloc(struct foreign_table *t,
				       uint64_t now_ns)
{
	struct foreign_master *victim = NULL, *fm;
	unsigned int i;

	for (i = 0; i < FOREIGN_MAX; i++) {
		fm = &t->fm[i];
		if (!fm->used)
			return fm;
		fm_prune(fm, now_ns);
		if (fm->n)
			continue;
		if (!victim || fm->last_ns < victim->last_ns)
			victim = fm;
	}
	return victim;
}

/* The fields ptp4l compares to notice a changed announce. */
static bool ds_changed(const struct dataset *a, const struct dataset *b)
{
	return a->priority1 != b->priority1 ||
	       a->quality.clockClass != b->quality.clockClass ||
	       a->quality.clockAccuracy != b->quality.clockAccuracy ||
	       a->quality.offsetScaledLogVariance !=
			b->quality.offsetScaledLogVariance ||
	       a->priority2 != b->priority2 ||
	       !cid_eq(&a->identity, &b->identity) ||
	       a->stepsRemoved != b->stepsRemoved;
}

int foreign_add(struct foreign_table *t, const struct foreign_announce *a,
		uint64_t now_ns)
{
	struct foreign_master *fm;
	bool qualifies, changed;
	int i;

	if (cid_eq(&a->ds.sender.clockIdentity, &t->port.clockIdentity) ||
	    a->ds.stepsRemoved >= t->max_steps_removed)
		return -EINVAL;

	i = fm_index(t, &a->ds.sender);
	if (i < 0) {
		fm = fm_alloc(t, now_ns);
		if (!fm)
			return -ENOSPC;
		*fm = (struct foreign_master){ .used = true, .last = *a };
		fm->last.ds.receiver = t->port;
		fm->last.ds.localPriority = t->local_priority;
		fm->last_ns = now_ns;
		return 0;
	}

	fm = &t->fm[i];
	fm_prune(fm, now_ns);
	qualifies = fm->n == FOREIGN_MASTER_THRESHOLD - 1;
	/* Only a counted, still current predecessor is compared with. */
	changed = fm->n && ds_changed(&fm->last.ds, &a->ds);

	for (i = FOREIGN_MASTER_THRESHOLD - 1; i > 0; i--) {
		fm->rx_ns[i] = fm->rx_ns[i - 1];
		fm->rx_log[i] = fm->rx_log[i - 1];
	}
	fm->rx_ns[0] = now_ns;
	fm->rx_log[0] = a->logMessageInterval;
	if (fm->n < FOREIGN_MASTER_THRESHOLD)
		fm->n++;
	fm->last = *a;
	fm->last.ds.receiver = t->port;
	fm->last.ds.localPriority = t->local_priority;
	fm->last_ns = now_ns;
	return qualifies || changed;
}

void foreign_prune(struct foreign_table *t, uint64_t now_ns)
{
	unsigned int i;

	for (i = 0; i < FOREIGN_MAX; i++)
		if (t->fm[i].used)
			fm_prune(&t->fm[i], now_ns);
}

bool foreign_qualified(const struct foreign_master *fm, uint64_t now_ns)
{
	unsigned int i, n = 0;

	if (!fm->used)
		return false;
	for (i = 0; i < fm->n; i++)
		n += in_window(fm->rx_ns[i], fm->rx_log[i], now_ns);
	return n >= FOREIGN_MASTER_THRESHOLD;
}

unsigned int foreign_count(struct foreign_table *t, uint64_t now_ns)
{
	unsigned int i, n = 0;

	foreign_prune(t, now_ns);
	for (i = 0; i < FOREIGN_MAX; i++)
		n += foreign_qualified(&t->fm[i], now_ns);
	return n;
}

const struct foreign_master *foreign_best(struct foreign_table *t,
					  uint64_t now_ns)
{
	const struct foreign_master *best = NULL;
	bmc_cmp_fn cmp = t->cmp ? t->cmp : bmc_dscmp;
	unsigned int i;

	foreign_prune(t, now_ns);
	if (t->master_only)
		return NULL;
	for (i = 0; i < FOREIGN_MAX; i++) {
		const struct foreign_master *fm = &t->fm[i];

		if (!foreign_qualified(fm, now_ns))
			continue;
		if (!best || cmp(&fm->last.ds, &best->last.ds) > 0)
			best = fm;
	}
	return best;
}
