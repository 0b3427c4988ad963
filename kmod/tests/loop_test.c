// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the control loop (../loop.c) on a simulated clock: the
 * state machine and step logic (first step, step threshold), the clock
 * check (sanity_freq_limit), outliers, holdover and adoption, the system
 * clock's frequency route, faults, write phase mode (adjphase in
 * locked-stable), and configuration checks.
 *
 * The simulated clock has a true frequency error; the loop sets a frequency
 * adjustment and steps it. Reference time is the simulation's time; the
 * clock reads reference + offset. Samples are E2E exchanges over a path of
 * PATH ns, one per second.
 */

#include <kunit/test.h>
#include <linux/math64.h>

#include "../loop.h"

#define NANO		1000000000LL
#define PATH		10000		/* ns */
#define PPM		1000000LL	/* ppt */

struct simclock {
	s64 now;		/* reference time, ns */
	s64 offset;		/* clock minus reference, ns */
	s64 err;		/* true frequency error, ppt */
	s64 freq;		/* adjustment set, ppt */
	int step_err, freq_err;	/* errors to return */
	int phase_err;
	unsigned int steps, phases;
};

static int sim_step(void *ctx, s64 offset)
{
	struct simclock *c = ctx;

	if (c->step_err)
		return c->step_err;
	c->offset += offset;
	c->steps++;
	return 0;
}

static int sim_adjfreq(void *ctx, s64 freq)
{
	struct simclock *c = ctx;

	if (c->freq_err)
		return c->freq_err;
	c->freq = freq;
	return 0;
}

/* The simulated PHC applies a phase adjustment at once. */
static int sim_adjphase(void *ctx, s64 offset)
{
	struct simclock *c = ctx;

	if (c->phase_err)
		return c->phase_err;
	c->offset += offset;
	c->phases++;
	return 0;
}

static u64 sim_mono(void *ctx)
{
	struct simclock *c = ctx;

	return c->now;
}

static const struct ptpk_clock_ops sim_ops = {
	.step = sim_step,
	.adjfreq = sim_adjfreq,
	.adjphase = sim_adjphase,
	.mono_ns = sim_mono,
};

/* Let @dt ns of reference time pass. */
static void sim_advance(struct simclock *c, s64 dt)
{
	c->now += dt;
	c->offset += div_s64(dt * (c->err + c->freq), 1000000) / 1000000;
}

static void sim_config(struct ptpk_loop_config *c, enum ptpk_servo_kind kind)
{
	memset(c, 0, sizeof(*c));
	c->kind = kind;
	ptpk_pi_config_init(&c->servo, false);
	c->servo.first_step_threshold = 20000;
	c->servo.max_frequency = 900000000;
	c->servo.num_offset_values = 10;
	c->tsproc_mode = PTPK_TSPROC_MODE_FILTER;
	c->delay_filter = PTPK_FILTER_MMEDIAN;
	c->delay_filter_length = 10;
	c->outlier_factor = 8;
	c->sanity_freq_limit = 200000000;
	c->log_interval = 0;
}

/* One Sync + Delay_Req exchange, one second after the last. */
static struct ptpk_sample_out sim_sample(struct kunit *test,
					 struct ptpk_loop *l,
					 struct simclock *c)
{
	struct ptpk_sample_in in = { .have_sync = true, .have_delay = true };
	struct ptpk_sample_out out;

	sim_advance(c, NANO - 2 * PATH);
	in.t1 = c->now;
	sim_advance(c, PATH);
	in.t2 = c->now + c->offset;
	in.t3 = in.t2;
	sim_advance(c, PATH);
	in.t4 = c->now;
	KUNIT_EXPECT_EQ(test, ptpk_loop_sample(l, &in, &out), 0);
	return out;
}

static void sim_start(struct kunit *test, struct ptpk_loop *l,
		      struct simclock *c, const struct ptpk_loop_config *cfg,
		      s64 offset, s64 err)
{
	memset(c, 0, sizeof(*c));
	c->now = 1000 * NANO;
	c->offset = offset;
	c->err = err;
	KUNIT_ASSERT_EQ(test, ptpk_loop_init(l, cfg, &sim_ops, c, 0), 0);
}

static void converges(struct kunit *test, enum ptpk_servo_kind kind)
{
	struct ptpk_loop_config cfg;
	struct ptpk_sample_out out;
	struct ptpk_loop l;
	struct simclock c;
	int i;

	sim_config(&cfg, kind);
	cfg.servo.sw_timestamping = false;
	sim_start(test, &l, &c, &cfg, 5000, 50 * PPM);
	/* 50 us drift in the first second: the first update steps once */
	for (i = 0; i < 120; i++)
		out = sim_sample(test, &l, &c);
	KUNIT_EXPECT_EQ(test, out.state, PTPK_SERVO_STATE_LOCKED);
	KUNIT_EXPECT_LT_MSG(test, abs(c.offset), 50, "offset %lld", c.offset);
	KUNIT_EXPECT_LT_MSG(test, abs(c.freq + 50 * PPM), PPM / 100,
			    "freq %lld", c.freq);
	KUNIT_EXPECT_EQ(test, out.delay, PATH);
	KUNIT_EXPECT_LE(test, l.n_steps, 1);
	KUNIT_EXPECT_EQ(test, l.n_steps, c.steps);
	ptpk_loop_destroy(&l);
}

static void converges_pi(struct kunit *test)
{
	converges(test, PTPK_SERVO_KIND_PI);
}

static void converges_linreg(struct kunit *test)
{
	converges(test, PTPK_SERVO_KIND_LINREG);
}

static void first_step_once(struct kunit *test)
{
	struct ptpk_loop_config cfg;
	struct ptpk_sample_out out;
	struct ptpk_loop l;
	struct simclock c;
	int i, stepped = 0;

	sim_config(&cfg, PTPK_SERVO_KIND_PI);
	sim_start(test, &l, &c, &cfg, 3 * NANO, 20 * PPM);
	for (i = 0; i < 60; i++) {
		out = sim_sample(test, &l, &c);
		if (out.flags & PTPK_SAMPLE_FLAGS_STEPPED) {
			stepped++;
			KUNIT_EXPECT_EQ(test, out.state, PTPK_SERVO_STATE_JUMP);
			KUNIT_EXPECT_EQ(test, i, 1);
		}
	}
	KUNIT_EXPECT_EQ(test, stepped, 1);
	KUNIT_EXPECT_EQ(test, c.steps, 1);
	KUNIT_EXPECT_LT(test, abs(c.offset), 1000);
	ptpk_loop_destroy(&l);

	/* below first_step_threshold: no step */
	sim_start(test, &l, &c, &cfg, 15000, 0);
	for (i = 0; i < 10; i++)
		sim_sample(test, &l, &c);
	KUNIT_EXPECT_EQ(test, c.steps, 0);
	ptpk_loop_destroy(&l);
}

static void step_threshold(struct kunit *test)
{
	struct ptpk_loop_config cfg;
	struct ptpk_loop l;
	struct simclock c;
	int i;

	sim_config(&cfg, PTPK_SERVO_KIND_PI);
	cfg.servo.step_threshold = 100000;
	cfg.outlier_factor = 0;
	sim_start(test, &l, &c, &cfg, 1000, 0);
	for (i = 0; i < 20; i++)
		sim_sample(test, &l, &c);
	KUNIT_EXPECT_EQ(test, c.steps, 0);
	/* a jump above step_threshold: unlock, then a step */
	c.offset += 5 * NANO / 1000;
	for (i = 0; i < 10; i++)
		sim_sample(test, &l, &c);
	KUNIT_EXPECT_EQ(test, c.steps, 1);
	KUNIT_EXPECT_LT(test, abs(c.offset), 1000);
	ptpk_loop_destroy(&l);
}

static void sanity_reset(struct kunit *test)
{
	struct ptpk_loop_config cfg;
	struct ptpk_sample_out out;
	struct ptpk_loop l;
	struct simclock c;
	int i;

	sim_config(&cfg, PTPK_SERVO_KIND_PI);
	cfg.sanity_freq_limit = 200000;		/* 200 ppm; default 20% */
	sim_start(test, &l, &c, &cfg, 0, 50 * PPM);
	for (i = 0; i < 30; i++) {
		out = sim_sample(test, &l, &c);
		KUNIT_EXPECT_FALSE(test, out.flags & PTPK_SAMPLE_FLAGS_RESET);
	}
	/* the clock suddenly runs 400 ppm faster than the servo set it */
	c.err += 400 * PPM;
	out = sim_sample(test, &l, &c);
	KUNIT_EXPECT_TRUE(test, out.flags & PTPK_SAMPLE_FLAGS_RESET);
	KUNIT_EXPECT_EQ(test, out.state, PTPK_SERVO_STATE_UNLOCKED);
	KUNIT_EXPECT_EQ(test, l.n_resets, 1);
	ptpk_loop_destroy(&l);

	/* disabled with 0 */
	cfg.sanity_freq_limit = 0;
	sim_start(test, &l, &c, &cfg, 0, 50 * PPM);
	for (i = 0; i < 30; i++)
		sim_sample(test, &l, &c);
	c.err += 400 * PPM;
	out = sim_sample(test, &l, &c);
	KUNIT_EXPECT_FALSE(test, out.flags & PTPK_SAMPLE_FLAGS_RESET);
	ptpk_loop_destroy(&l);
}

static void offset_outlier_keeps_freq(struct kunit *test)
{
	struct ptpk_loop_config cfg;
	struct ptpk_sample_out out;
	struct ptpk_loop l;
	struct simclock c;
	s64 freq;
	int i;

	sim_config(&cfg, PTPK_SERVO_KIND_PI);
	sim_start(test, &l, &c, &cfg, 0, 10 * PPM);
	for (i = 0; i < 60; i++)
		sim_sample(test, &l, &c);
	freq = c.freq;
	/* a Sync delayed by 50 us (as if queued): offset -50 us */
	c.offset -= 50000;
	out = sim_sample(test, &l, &c);
	c.offset += 50000;
	KUNIT_EXPECT_TRUE(test, out.flags & PTPK_SAMPLE_FLAGS_OFFSET_OUTLIER);
	KUNIT_EXPECT_EQ(test, c.freq, freq);
	KUNIT_EXPECT_EQ(test, l.n_outliers, 1);
	out = sim_sample(test, &l, &c);
	KUNIT_EXPECT_FALSE(test, out.flags & PTPK_SAMPLE_FLAGS_OFFSET_OUTLIER);
	ptpk_loop_destroy(&l);
}

static void holdover_and_adopt(struct kunit *test)
{
	struct ptpk_loop_config cfg;
	struct ptpk_sample_out out;
	struct ptpk_loop l;
	struct simclock c;
	int i;

	sim_config(&cfg, PTPK_SERVO_KIND_PI);
	cfg.servo.sw_timestamping = false;
	sim_start(test, &l, &c, &cfg, 0, -30 * PPM);
	for (i = 0; i < 60; i++)
		sim_sample(test, &l, &c);
	/* a kick of the proportional term the holdover should not keep */
	c.offset += 200;
	sim_sample(test, &l, &c);
	KUNIT_ASSERT_TRUE(test, l.holdover_valid);
	KUNIT_EXPECT_EQ(test, ptpk_loop_holdover(&l), 0);
	KUNIT_EXPECT_LT(test, abs(c.freq - 30 * PPM), PPM / 10);
	/* 100 s of holdover, then a new owner; 25 us > first_step_threshold */
	for (i = 0; i < 100; i++)
		sim_advance(&c, NANO);
	c.offset += 25000;
	c.steps = 0;
	KUNIT_EXPECT_EQ(test, ptpk_loop_adopt(&l), 0);
	KUNIT_EXPECT_EQ(test, l.state, PTPK_SERVO_STATE_UNLOCKED);
	for (i = 0; i < 60; i++) {
		out = sim_sample(test, &l, &c);
		KUNIT_EXPECT_FALSE(test, out.flags & PTPK_SAMPLE_FLAGS_STEPPED);
	}
	KUNIT_EXPECT_EQ(test, c.steps, 0);
	KUNIT_EXPECT_LT(test, abs(c.offset), 100);
	ptpk_loop_destroy(&l);
}

static void system_clock_freq(struct kunit *test)
{
	struct ptpk_loop_config cfg;
	struct ptpk_sample_out out;
	struct ptpk_loop l;
	struct simclock c;
	int i;

	sim_config(&cfg, PTPK_SERVO_KIND_PI);
	sim_start(test, &l, &c, &cfg, 0, 0);
	c.freq_err = -EOPNOTSUPP;
	for (i = 0; i < 5; i++)
		out = sim_sample(test, &l, &c);
	KUNIT_EXPECT_EQ(test, out.state, PTPK_SERVO_STATE_LOCKED);
	KUNIT_EXPECT_TRUE(test, out.flags & PTPK_SAMPLE_FLAGS_APPLY_FREQ);
	KUNIT_EXPECT_FALSE(test, out.flags & PTPK_SAMPLE_FLAGS_FAULT);
	KUNIT_EXPECT_EQ(test, out.freq, l.freq);
	ptpk_loop_destroy(&l);
}

static void clock_fault(struct kunit *test)
{
	struct ptpk_loop_config cfg;
	struct ptpk_sample_out out;
	struct ptpk_loop l;
	struct simclock c;
	int i;

	sim_config(&cfg, PTPK_SERVO_KIND_PI);
	sim_start(test, &l, &c, &cfg, 0, 0);
	for (i = 0; i < 5; i++)
		sim_sample(test, &l, &c);
	c.freq_err = -ENODEV;
	out = sim_sample(test, &l, &c);
	KUNIT_EXPECT_EQ(test, out.state, PTPK_SERVO_STATE_FAULT);
	KUNIT_EXPECT_TRUE(test, out.flags & PTPK_SAMPLE_FLAGS_FAULT);
	KUNIT_EXPECT_EQ(test, out.err, -ENODEV);
	/* the clock is back: the loop carries on */
	c.freq_err = 0;
	for (i = 0; i < 3; i++)
		out = sim_sample(test, &l, &c);
	KUNIT_EXPECT_EQ(test, out.state, PTPK_SERVO_STATE_LOCKED);
	ptpk_loop_destroy(&l);

	/* a step that fails */
	sim_start(test, &l, &c, &cfg, NANO, 0);
	c.step_err = -ENODEV;
	for (i = 0; i < 2; i++)
		out = sim_sample(test, &l, &c);
	KUNIT_EXPECT_EQ(test, out.state, PTPK_SERVO_STATE_FAULT);
	KUNIT_EXPECT_EQ(test, out.err, -ENODEV);
	ptpk_loop_destroy(&l);
}

static void direct_and_bad_samples(struct kunit *test)
{
	struct ptpk_sample_in in = { };
	struct ptpk_loop_config cfg;
	struct ptpk_sample_out out;
	struct ptpk_loop l;
	struct simclock c;

	sim_config(&cfg, PTPK_SERVO_KIND_PI);
	sim_start(test, &l, &c, &cfg, 0, 0);
	KUNIT_EXPECT_EQ(test, ptpk_loop_sample(&l, &in, &out), -EINVAL);
	in.have_offset = true;		/* without its local time */
	KUNIT_EXPECT_EQ(test, ptpk_loop_sample(&l, &in, &out), -EINVAL);
	in.have_local_ts = true;
	in.local_ts = c.now;
	in.offset = 40;
	KUNIT_EXPECT_EQ(test, ptpk_loop_sample(&l, &in, &out), 0);
	KUNIT_EXPECT_EQ(test, out.offset, 40);
	KUNIT_EXPECT_EQ(test, out.state, PTPK_SERVO_STATE_UNLOCKED);
	in.have_interval = true;
	in.log_interval = 40;
	KUNIT_EXPECT_EQ(test, ptpk_loop_sample(&l, &in, &out), -EINVAL);
	/* a Sync before any delay measurement */
	memset(&in, 0, sizeof(in));
	in.have_sync = true;
	in.t1 = c.now;
	in.t2 = c.now + PATH;
	KUNIT_EXPECT_EQ(test, ptpk_loop_sample(&l, &in, &out), 0);
	KUNIT_EXPECT_TRUE(test, out.flags & PTPK_SAMPLE_FLAGS_NO_DELAY);
	ptpk_loop_destroy(&l);
}

/*
 * write_phase_mode: in locked-stable the offset goes to adjphase and the
 * frequency stays where locked left it; locked keeps setting it. Without
 * the mode, locked-stable sets the frequency and never writes a phase. An
 * adjphase error is a fault.
 */
static void write_phase(struct kunit *test)
{
	struct ptpk_loop_config cfg;
	struct ptpk_sample_out out;
	unsigned int n_phase = 0;
	struct ptpk_loop l;
	struct simclock c;
	s64 freq = 0;
	int i;

	sim_config(&cfg, PTPK_SERVO_KIND_PI);
	cfg.servo.sw_timestamping = false;
	cfg.servo.offset_threshold = 100;
	cfg.write_phase = true;
	sim_start(test, &l, &c, &cfg, 5000, 50 * PPM);
	for (i = 0; i < 120; i++) {
		out = sim_sample(test, &l, &c);
		if (out.state != PTPK_SERVO_STATE_LOCKED_STABLE) {
			KUNIT_EXPECT_FALSE(test, out.flags & PTPK_SAMPLE_FLAGS_PHASE);
			freq = c.freq;
			continue;
		}
		KUNIT_EXPECT_TRUE(test, out.flags & PTPK_SAMPLE_FLAGS_PHASE);
		KUNIT_EXPECT_EQ(test, c.freq, freq);
		KUNIT_EXPECT_EQ(test, out.freq, freq);
		n_phase++;
	}
	KUNIT_EXPECT_GT(test, n_phase, 60);
	KUNIT_EXPECT_EQ(test, c.phases, n_phase);
	KUNIT_EXPECT_LT_MSG(test, abs(c.offset), 100, "offset %lld", c.offset);
	/* a driver error is a fault */
	c.phase_err = -ERANGE;
	out = sim_sample(test, &l, &c);
	KUNIT_EXPECT_TRUE(test, out.flags & PTPK_SAMPLE_FLAGS_FAULT);
	KUNIT_EXPECT_EQ(test, out.err, -ERANGE);
	ptpk_loop_destroy(&l);

	/* without the mode: locked-stable adjusts the frequency */
	cfg.write_phase = false;
	sim_start(test, &l, &c, &cfg, 5000, 50 * PPM);
	for (i = 0; i < 120; i++) {
		out = sim_sample(test, &l, &c);
		KUNIT_EXPECT_FALSE(test, out.flags & PTPK_SAMPLE_FLAGS_PHASE);
	}
	KUNIT_EXPECT_EQ(test, out.state, PTPK_SERVO_STATE_LOCKED_STABLE);
	KUNIT_EXPECT_EQ(test, c.phases, 0);
	ptpk_loop_destroy(&l);
}

static void bad_configs(struct kunit *test)
{
	struct ptpk_loop_config cfg;
	struct ptpk_loop l;
	struct simclock c = { };

	sim_config(&cfg, PTPK_SERVO_KIND_PI);
	cfg.servo.kp_scale = -1;
	KUNIT_EXPECT_EQ(test, ptpk_loop_init(&l, &cfg, &sim_ops, &c, 0),
			-EINVAL);
	ptpk_loop_destroy(&l);
	sim_config(&cfg, PTPK_SERVO_KIND_PI);
	cfg.delay_filter_length = 0;
	KUNIT_EXPECT_EQ(test, ptpk_loop_init(&l, &cfg, &sim_ops, &c, 0),
			-EINVAL);
	ptpk_loop_destroy(&l);
	sim_config(&cfg, PTPK_SERVO_KIND_PI);
	cfg.log_interval = 30;
	KUNIT_EXPECT_EQ(test, ptpk_loop_init(&l, &cfg, &sim_ops, &c, 0),
			-EINVAL);
	ptpk_loop_destroy(&l);
	/* a rejected reconfiguration leaves the loop as it was */
	sim_config(&cfg, PTPK_SERVO_KIND_PI);
	KUNIT_ASSERT_EQ(test, ptpk_loop_init(&l, &cfg, &sim_ops, &c, 0), 0);
	cfg.servo.ki_norm_max = 0;
	KUNIT_EXPECT_EQ(test, ptpk_loop_reconfigure(&l, &cfg), -EINVAL);
	KUNIT_EXPECT_EQ(test, l.cfg.servo.ki_norm_max, 300000000);
	cfg.kind = PTPK_SERVO_KIND_LINREG;
	KUNIT_EXPECT_EQ(test, ptpk_loop_reconfigure(&l, &cfg), -EINVAL);
	ptpk_loop_destroy(&l);
}

static struct kunit_case ptpk_loop_cases[] = {
	KUNIT_CASE(converges_pi),
	KUNIT_CASE(converges_linreg),
	KUNIT_CASE(first_step_once),
	KUNIT_CASE(step_threshold),
	KUNIT_CASE(sanity_reset),
	KUNIT_CASE(offset_outlier_keeps_freq),
	KUNIT_CASE(holdover_and_adopt),
	KUNIT_CASE(system_clock_freq),
	KUNIT_CASE(clock_fault),
	KUNIT_CASE(direct_and_bad_samples),
	KUNIT_CASE(write_phase),
	KUNIT_CASE(bad_configs),
	{}
};

static struct kunit_suite ptpk_loop_suite = {
	.name = "ptpk-loop",
	.test_cases = ptpk_loop_cases,
};

kunit_test_suite(ptpk_loop_suite);
