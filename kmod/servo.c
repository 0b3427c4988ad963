// SPDX-License-Identifier: GPL-2.0
/*
 * Servo instances: their parameters with linuxptp's defaults, and the table
 * of them that each network namespace keeps. An instance is visible only in
 * the namespace it was created from; the namespace's exit frees whatever is
 * left, which also covers rmmod (unregister_pernet_subsys).
 *
 * Locking: ptpk_net.lock protects the table and every field of its servos.
 */

#include <linux/minmax.h>
#include <linux/slab.h>

#include <net/netns/generic.h>

#include "servo.h"

/* linuxptp pi.c: HWTS_KP_SCALE, HWTS_KI_SCALE, SWTS_KP_SCALE, SWTS_KI_SCALE */
#define PTPK_HWTS_KP_SCALE	700000000LL
#define PTPK_HWTS_KI_SCALE	300000000LL
#define PTPK_SWTS_KP_SCALE	100000000LL
#define PTPK_SWTS_KI_SCALE	1000000LL

static unsigned int ptpk_net_id __read_mostly;

struct ptpk_net *ptpk_net(struct net *net)
{
	return net_generic(net, ptpk_net_id);
}

/**
 * ptpk_servo_params_init() - linuxptp's defaults
 * @p: filled in, for software timestamping
 */
void ptpk_servo_params_init(struct ptpk_servo_params *p)
{
	memset(p, 0, sizeof(*p));
	p->kp_exponent = -300000000;		/* -0.3 */
	p->kp_norm_max = 700000000;		/* 0.7 */
	p->ki_exponent = 400000000;		/* 0.4 */
	p->ki_norm_max = 300000000;		/* 0.3 */
	p->step_threshold = 0;
	p->first_step_threshold = 20000;	/* 20 us */
	p->offset_threshold = 0;
	p->max_frequency = 900000000;
	p->sanity_freq_limit = 200000000;
	p->num_offset_values = 10;
	p->sync_interval = 0;
}

/* The kp scale in effect: configured, or the timestamping mode's default. */
s64 ptpk_servo_kp_scale(const struct ptpk_servo_params *p)
{
	if (p->kp_scale)
		return p->kp_scale;
	return p->hw_timestamping ? PTPK_HWTS_KP_SCALE : PTPK_SWTS_KP_SCALE;
}

s64 ptpk_servo_ki_scale(const struct ptpk_servo_params *p)
{
	if (p->ki_scale)
		return p->ki_scale;
	return p->hw_timestamping ? PTPK_HWTS_KI_SCALE : PTPK_SWTS_KI_SCALE;
}

/**
 * ptpk_servo_alloc() - a new, unlocked servo with default parameters
 * @clock: the open clock it adjusts; the servo owns it from now on
 * @kind: the algorithm
 *
 * Return: the servo, or NULL (then @clock is still the caller's).
 */
struct ptpk_servo *ptpk_servo_alloc(struct ptpk_clock *clock,
				    enum ptpk_servo_kind kind)
{
	struct ptpk_servo_params p;
	struct ptpk_servo *s;

	s = kzalloc(sizeof(*s), GFP_KERNEL);
	if (!s)
		return NULL;
	s->kind = kind;
	s->state = PTPK_SERVO_STATE_UNLOCKED;
	s->clock = clock;
	ptpk_servo_params_init(&p);
	ptpk_servo_set_params(s, &p);
	return s;
}

/**
 * ptpk_servo_set_params() - apply validated parameters
 * @s: the servo
 * @p: the parameters; max_frequency is clamped to the clock's max_adj
 */
void ptpk_servo_set_params(struct ptpk_servo *s,
			   const struct ptpk_servo_params *p)
{
	s->params = *p;
	s->params.max_frequency = min(p->max_frequency, s->clock->caps.max_adj);
}

/**
 * ptpk_servo_free() - free a servo that is in no table
 * @s: the servo, or NULL
 *
 * The clock keeps its current frequency.
 */
void ptpk_servo_free(struct ptpk_servo *s)
{
	if (!s)
		return;
	ptpk_clock_close(s->clock);
	kfree(s);
}

/**
 * ptpk_servo_insert() - give a servo an id and add it to a namespace
 * @pn: the namespace's table; its lock is held
 * @s: the servo
 *
 * Return: 0, or -EBUSY when no id is free, or -ENOMEM.
 */
int ptpk_servo_insert(struct ptpk_net *pn, struct ptpk_servo *s)
{
	int err;

	lockdep_assert_held(&pn->lock);
	err = xa_alloc_cyclic(&pn->servos, &s->id, s, XA_LIMIT(1, INT_MAX),
			      &pn->next_id, GFP_KERNEL);
	return err < 0 ? err : 0;
}

/* The servo @id of a namespace, or NULL; its lock is held. */
struct ptpk_servo *ptpk_servo_find(struct ptpk_net *pn, u32 id)
{
	lockdep_assert_held(&pn->lock);
	return xa_load(&pn->servos, id);
}

/* Take a servo out of its namespace; the lock is held. */
void ptpk_servo_remove(struct ptpk_net *pn, struct ptpk_servo *s)
{
	lockdep_assert_held(&pn->lock);
	xa_erase(&pn->servos, s->id);
}

static int __net_init ptpk_net_init(struct net *net)
{
	struct ptpk_net *pn = ptpk_net(net);

	mutex_init(&pn->lock);
	xa_init_flags(&pn->servos, XA_FLAGS_ALLOC1);
	pn->next_id = 1;
	return 0;
}

static void __net_exit ptpk_net_exit(struct net *net)
{
	struct ptpk_net *pn = ptpk_net(net);
	struct ptpk_servo *s;
	unsigned long id;

	mutex_lock(&pn->lock);
	xa_for_each(&pn->servos, id, s) {
		xa_erase(&pn->servos, id);
		ptpk_servo_free(s);
	}
	mutex_unlock(&pn->lock);
	xa_destroy(&pn->servos);
	mutex_destroy(&pn->lock);
}

struct pernet_operations ptpk_net_ops = {
	.init = ptpk_net_init,
	.exit = ptpk_net_exit,
	.id = &ptpk_net_id,
	.size = sizeof(struct ptpk_net),
};
