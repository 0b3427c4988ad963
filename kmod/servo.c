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
#include <linux/timekeeping.h>

#include <net/netns/generic.h>

#include "servo.h"
#include "sync.h"

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
	p->delay_filter = PTPK_DELAY_FILTER_MOVING_MEDIAN;
	p->delay_filter_length = 10;
	p->tsproc_mode = PTPK_TSPROC_MODE_FILTER;
	p->outlier_factor = PTPK_TSPROC_DEFAULT_OUTLIER;
}

/*
 * The scales in effect, as pi.c applies them: the configured ones, or, if
 * either is 0, both defaults of the timestamping mode.
 */
static bool ptpk_servo_default_scales(const struct ptpk_servo_params *p)
{
	return !p->kp_scale || !p->ki_scale;
}

s64 ptpk_servo_kp_scale(const struct ptpk_servo_params *p)
{
	if (!ptpk_servo_default_scales(p))
		return p->kp_scale;
	return p->hw_timestamping ? PTPK_HWTS_KP_SCALE : PTPK_SWTS_KP_SCALE;
}

s64 ptpk_servo_ki_scale(const struct ptpk_servo_params *p)
{
	if (!ptpk_servo_default_scales(p))
		return p->ki_scale;
	return p->hw_timestamping ? PTPK_HWTS_KI_SCALE : PTPK_SWTS_KI_SCALE;
}

/**
 * ptpk_servo_check_params() - the rules the policy cannot express
 * @p: parameters
 *
 * linuxptp's ranges: pi_proportional_norm_max in (0, 1],
 * pi_integral_norm_max in (0, 2]; the rest is checked by the policy.
 *
 * Return: 0, or -EDOM for the proportional, -ERANGE for the integral limit.
 */
int ptpk_servo_check_params(const struct ptpk_servo_params *p)
{
	if (p->kp_norm_max < 1 || p->kp_norm_max > PTPK_NANO)
		return -EDOM;
	if (p->ki_norm_max < 1 || p->ki_norm_max > 2 * PTPK_NANO)
		return -ERANGE;
	return 0;
}

/**
 * ptpk_servo_check_clock() - can @clock do what @p asks of it
 * @clock: the open clock
 * @old: the parameters in force (SERVO_SET), or NULL for a new servo
 * @p: parameters
 *
 * write_phase_mode needs the PHC driver's adjphase: a phase adjustment of
 * 0 ns finds out (the PTP core answers -EOPNOTSUPP without one), as
 * linuxptp refuses "clock does not support write phase mode". The probe
 * runs only when the mode is turned on (a new servo with it, or a change
 * from 0 to 1): on drivers where a new adjphase replaces the one in
 * progress, probing on every change would cancel the servo's slew.
 *
 * Return: 0, -EOPNOTSUPP when the clock has no adjphase, or the error the
 * probe met (-EIO, -ENODEV, ...).
 */
int ptpk_servo_check_clock(struct ptpk_clock *clock,
			   const struct ptpk_servo_params *old,
			   const struct ptpk_servo_params *p)
{
	if (!p->write_phase_mode || (old && old->write_phase_mode))
		return 0;
	return ptpk_clock_adjphase(clock, 0);
}

static void ptpk_servo_loop_config(const struct ptpk_servo *s,
				   const struct ptpk_servo_params *p,
				   struct ptpk_loop_config *c)
{
	struct ptpk_pi_config *pc = &c->servo;

	memset(c, 0, sizeof(*c));
	c->kind = s->kind;
	pc->kp_const = p->kp_const;
	pc->ki_const = p->ki_const;
	pc->kp_scale = p->kp_scale;
	pc->kp_exponent = p->kp_exponent;
	pc->kp_norm_max = p->kp_norm_max;
	pc->ki_scale = p->ki_scale;
	pc->ki_exponent = p->ki_exponent;
	pc->ki_norm_max = p->ki_norm_max;
	pc->step_threshold = p->step_threshold;
	pc->first_step_threshold = p->first_step_threshold;
	pc->offset_threshold = p->offset_threshold;
	pc->num_offset_values = p->num_offset_values;
	pc->max_frequency = p->max_frequency;
	pc->sw_timestamping = !p->hw_timestamping;
	c->tsproc_mode = p->tsproc_mode;
	c->delay_filter = p->delay_filter == PTPK_DELAY_FILTER_MOVING_AVERAGE ?
			  PTPK_FILTER_MAVE : PTPK_FILTER_MMEDIAN;
	c->delay_filter_length = p->delay_filter_length;
	c->outlier_factor = p->outlier_factor;
	c->sanity_freq_limit = p->sanity_freq_limit;
	c->log_interval = p->sync_interval;
	c->write_phase = p->write_phase_mode;
}

static int ptpk_servo_step(void *ctx, s64 offset)
{
	return ptpk_clock_step(ctx, offset);
}

static int ptpk_servo_adjfreq(void *ctx, s64 freq_ppt)
{
	return ptpk_clock_adjfreq(ctx, freq_ppt);
}

static int ptpk_servo_adjphase(void *ctx, s64 offset)
{
	return ptpk_clock_adjphase(ctx, offset);
}

static u64 ptpk_servo_mono_ns(void *ctx)
{
	return ktime_get_raw_ns();
}

static const struct ptpk_clock_ops ptpk_servo_clock_ops = {
	.step = ptpk_servo_step,
	.adjfreq = ptpk_servo_adjfreq,
	.adjphase = ptpk_servo_adjphase,
	.mono_ns = ptpk_servo_mono_ns,
};

/**
 * ptpk_servo_alloc() - a new, unlocked servo
 * @clock: the open clock it adjusts; the servo owns it from now on
 * @kind: the algorithm
 * @p: parameters, checked with ptpk_servo_check_params(); max_frequency is
 *	clamped to the clock's max_adj
 * @owner: netlink port id of the creating socket
 *
 * The servo starts from the clock's current frequency.
 *
 * Return: the servo, or an ERR_PTR (then @clock is still the caller's).
 */
struct ptpk_servo *ptpk_servo_alloc(struct ptpk_clock *clock,
				    enum ptpk_servo_kind kind,
				    const struct ptpk_servo_params *p,
				    u32 owner)
{
	struct ptpk_loop_config c;
	struct ptpk_servo *s;
	s64 freq = 0;
	int err;

	s = kzalloc(sizeof(*s), GFP_KERNEL);
	if (!s)
		return ERR_PTR(-ENOMEM);
	s->kind = kind;
	s->clock = clock;
	s->owner = owner;
	s->params = *p;
	s->params.max_frequency = min(p->max_frequency, clock->caps.max_adj);
	ptpk_servo_loop_config(s, &s->params, &c);
	/* unknown for the system clock: a module cannot read it */
	ptpk_clock_getfreq(clock, &freq);
	err = ptpk_loop_init(&s->loop, &c, &ptpk_servo_clock_ops, clock, freq);
	if (err) {
		ptpk_loop_destroy(&s->loop);
		kfree(s);
		return ERR_PTR(err);
	}
	return s;
}

/**
 * ptpk_servo_set_params() - apply checked parameters to a running servo
 * @s: the servo
 * @p: the parameters; max_frequency is clamped to the clock's max_adj
 *
 * Return: 0, or an error with nothing changed.
 */
int ptpk_servo_set_params(struct ptpk_servo *s,
			  const struct ptpk_servo_params *p)
{
	struct ptpk_servo_params np = *p;
	struct ptpk_loop_config c;
	int err;

	np.max_frequency = min(p->max_frequency, s->clock->caps.max_adj);
	ptpk_servo_loop_config(s, &np, &c);
	err = ptpk_loop_reconfigure(&s->loop, &c);
	if (!err)
		s->params = np;
	return err;
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
	ptpk_loop_destroy(&s->loop);
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
	xa_init_flags(&pn->syncs, XA_FLAGS_ALLOC1);
	pn->next_sync_id = 1;
	return 0;
}

static void __net_exit ptpk_net_exit(struct net *net)
{
	struct ptpk_net *pn = ptpk_net(net);
	struct ptpk_servo *s;
	unsigned long id;
	LIST_HEAD(stop);

	/* the jobs first: their threads take the lock */
	mutex_lock(&pn->lock);
	ptpk_sync_remove_all(pn, &stop);
	mutex_unlock(&pn->lock);
	ptpk_sync_stop_list(&stop);
	xa_destroy(&pn->syncs);

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
