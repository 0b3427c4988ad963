// SPDX-License-Identifier: GPL-2.0
/*
 * Automatic mode's bookkeeping (-a, see auto.h): the daemon's ports and
 * their clocks, and phc2sys's choice of master and destinations when a
 * port changes state. phc2sys keeps its clocks in a list it adds to at the
 * head and walks from the head, so it looks at them newest first; the loops
 * go backwards over the array to choose and print in the same order.
 */
#include <stdio.h>
#include <string.h>

#include "auto.h"
#include "pmc.h"
#include "print.h"
void p2s_auto_init(struct p2s_auto *a)
{
	memset(a, 0, sizeof(*a));
	a->master = -1;
}

int p2s_auto_normalize(int state)
{
	if (state != PMC_PS_MASTER && state != PMC_PS_SLAVE &&
	    state != PMC_PS_PRE_MASTER && state != PMC_PS_UNCALIBRATED)
		return PMC_PS_DISABLED;
	return state;
}

static int add_clock(struct p2s_auto *a, const char *device, int phc_index)
{
	struct p2s_aclock *c;

	if (a->n_clocks >= P2S_AUTO_MAX_CLOCKS)
		return -1;
	c = &a->clock[a->n_clocks];
	memset(c, 0, sizeof(*c));
	snprintf(c->device, sizeof(c->device), "%s", device);
	c->phc_index = phc_index;
	c->job_src = -1;
	return (int)a->n_clocks++;
}

int p2s_auto_add_port(struct p2s_auto *a, uint16_t number, const char *iface,
		      int phc_index, int state)
{
	struct p2s_aport *p;
	int ci = -1;
	unsigned int i;

	for (i = 0; i < a->n_ports; i++)
		if (a->port[i].number == number)
			return 0;
	if (a->n_ports >= P2S_AUTO_MAX_PORTS)
		return -1;
	for (i = 0; i < a->n_clocks; i++)
		if (!strcmp(a->clock[i].device, iface))
			ci = (int)i;
	if (ci < 0)
		ci = add_clock(a, iface, phc_index);
	if (ci < 0)
		return -1;
	p = &a->port[a->n_ports++];
	p->number = number;
	p->clock = ci;
	p->state = p2s_auto_normalize(state);
	return 0;
}

int p2s_auto_add_rt(struct p2s_auto *a, bool dest_only)
{
	int ci = add_clock(a, "CLOCK_REALTIME", -1);

	if (ci < 0)
		return -1;
	a->clock[ci].is_rt = true;
	a->clock[ci].dest_only = dest_only;
	return 0;
}

/* SLAVE over UNCALIBRATED over MASTER over PRE_MASTER over DISABLED: the
 * highest value, as in phc2sys */
static int clock_state(const struct p2s_auto *a, int ci)
{
	int state = PMC_PS_DISABLED;
	unsigned int i;

	for (i = 0; i < a->n_ports; i++)
		if (a->port[i].clock == ci && a->port[i].state > state)
			state = a->port[i].state;
	return state;
}

void p2s_auto_ports_done(struct p2s_auto *a)
{
	unsigned int i;

	for (i = 0; i < a->n_clocks; i++)
		if (!a->clock[i].is_rt)
			a->clock[i].new_state = clock_state(a, (int)i);
	a->state_changed = true;
}

void p2s_auto_port_event(struct p2s_auto *a, const uint8_t *clock_id,
			 uint16_t number, int state)
{
	struct p2s_aport *p = NULL;
	struct p2s_aclock *c;
	char pid[32];
	unsigned int i;

	for (i = 0; i < a->n_ports; i++)
		if (a->port[i].number == number)
			p = &a->port[i];
	pmc_pid_str(clock_id, number, pid, sizeof(pid));
	if (!p) {
		pr_info("received data for unknown port %s", pid);
		return;
	}
	state = p2s_auto_normalize(state);
	if (p->state == state)
		return;
	pr_info("port %s changed state", pid);
	p->state = state;
	c = &a->clock[p->clock];
	state = clock_state(a, p->clock);
	if (c->state != state || c->new_state) {
		c->new_state = state;
		a->state_changed = true;
	}
}

static bool is_dst_state(int state)
{
	return state != PMC_PS_UNCALIBRATED && state != PMC_PS_SLAVE;
}

static struct p2s_aclock *find_dst(struct p2s_auto *a, int phc_index)
{
	unsigned int i;

	for (i = 0; i < a->n_clocks; i++)
		if (a->clock[i].dst && !a->clock[i].is_rt &&
		    a->clock[i].phc_index == phc_index)
			return &a->clock[i];
	return NULL;
}

void p2s_auto_reconfigure(struct p2s_auto *a)
{
	struct p2s_aclock *c, *rt = NULL, *dup;
	int src = -1, last = -1, src_cnt = 0, dst_cnt = 0, i;

	pr_info("reconfiguring after port state change");
	a->state_changed = false;
	for (i = 0; i < (int)a->n_clocks; i++)
		a->clock[i].dst = false;
	for (i = (int)a->n_clocks - 1; i >= 0; i--) {
		c = &a->clock[i];
		if (c->is_rt) {
			rt = c;
			continue;
		}
		if (c->new_state) {
			if (c->new_state == PMC_PS_MASTER)
				c->reset = true;
			c->state = c->new_state;
			c->new_state = 0;
		}
		switch (c->state) {
		case PMC_PS_UNCALIBRATED:
			src_cnt++;
			break;
		case PMC_PS_SLAVE:
			src = i;
			src_cnt++;
			break;
		default:
			dup = find_dst(a, c->phc_index);
			if (!dup) {
				pr_info("selecting %s for synchronization",
					c->device);
				dst_cnt++;
				c->dst = true;
			} else {
				pr_info("skipping %s: %s has the same clock and is already selected",
					c->device, dup->device);
			}
			break;
		}
		last = i;
	}
	if (dst_cnt > 1 && src < 0 && (!rt || rt->dest_only)) {
		a->master = last;
		/* back to its own state at the next reconfiguration */
		a->clock[last].new_state = a->clock[last].state;
		a->clock[last].state = PMC_PS_SLAVE;
		if (rt)
			rt->state = PMC_PS_SLAVE;
		pr_info("no source, selecting %s as the default clock",
			a->clock[last].device);
		return;
	}
	a->master = -1;
	if (src_cnt > 1) {
		pr_info("multiple master clocks available, postponing sync...");
		return;
	}
	if (src_cnt > 0 && src < 0) {
		pr_info("master clock not ready, waiting...");
		return;
	}
	if (!src_cnt && !dst_cnt) {
		pr_info("no PHC ready, waiting...");
		return;
	}
	if ((!src_cnt && (!rt || rt->dest_only)) || (!dst_cnt && !rt)) {
		pr_info("nothing to synchronize");
		return;
	}
	if (!src_cnt) {
		src = (int)(rt - a->clock);
		rt->state = PMC_PS_SLAVE;
	} else if (rt) {
		if (rt->state != PMC_PS_MASTER) {
			rt->state = PMC_PS_MASTER;
			rt->reset = true;
		}
		rt->dst = true;
		pr_info("selecting %s for synchronization", rt->device);
	}
	a->master = src;
	pr_info("selecting %s as the master clock", a->clock[src].device);
}

int p2s_auto_source_of(const struct p2s_auto *a, unsigned int i)
{
	const struct p2s_aclock *c = &a->clock[i], *m;

	if (a->master < 0 || i >= a->n_clocks || (int)i == a->master)
		return -1;
	m = &a->clock[a->master];
	/* in dst_clocks and not a source state (phc2sys's update_needed) */
	if (!c->dst || !is_dst_state(c->state))
		return -1;
	/* not to itself */
	if ((c->is_rt && m->is_rt) ||
	    (c->phc_index >= 0 && c->phc_index == m->phc_index))
		return -1;
	if (!strcmp(c->device, m->device))
		return -1;
	return a->master;
}
