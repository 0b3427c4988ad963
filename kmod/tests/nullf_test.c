// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the nullf and ntpshm servos (../nullf.c) alone and in the
 * control loop (../loop.c) on a clock that counts what is done to it, and
 * for the servo-kind range of the netlink policy (../nl_policy.c).
 */

#include <kunit/test.h>
#include <net/netlink.h>

#include "../loop.h"
#include "../nl_policy.h"

struct countclock {
	u64 now;		/* CLOCK_MONOTONIC, ns */
	s64 stepped;		/* sum of the steps, ns */
	s64 freq;		/* ppt */
	unsigned int steps, adjfreqs;
};

static int cc_step(void *ctx, s64 offset)
{
	struct countclock *c = ctx;

	c->stepped += offset;
	c->steps++;
	return 0;
}

static int cc_adjfreq(void *ctx, s64 freq)
{
	struct countclock *c = ctx;

	c->freq = freq;
	c->adjfreqs++;
	return 0;
}

static u64 cc_mono(void *ctx)
{
	return ((struct countclock *)ctx)->now;
}

static const struct ptpk_clock_ops cc_ops = {
	.step = cc_step,
	.adjfreq = cc_adjfreq,
	.mono_ns = cc_mono,
};

static void cc_config(struct ptpk_loop_config *c, enum ptpk_servo_kind kind)
{
	memset(c, 0, sizeof(*c));
	c->kind = kind;
	ptpk_pi_config_init(&c->servo, false);
	c->servo.first_step_threshold = 20000;	/* ptp4l's defaults */
	c->servo.max_frequency = 900000000;
	c->servo.num_offset_values = 10;
	c->tsproc_mode = PTPK_TSPROC_MODE_FILTER;
	c->delay_filter = PTPK_FILTER_MMEDIAN;
	c->delay_filter_length = 10;
	c->outlier_factor = 8;
	c->sanity_freq_limit = 200000000;
}

/* A direct offset sample one second after the last. */
static struct ptpk_sample_out cc_sample(struct kunit *test,
					struct ptpk_loop *l,
					struct countclock *c, s64 offset)
{
	struct ptpk_sample_in in = { .have_offset = true,
				     .have_local_ts = true };
	struct ptpk_sample_out out;

	c->now += 1000000000ULL;
	in.offset = offset;
	in.local_ts = c->now;
	KUNIT_EXPECT_EQ(test, ptpk_loop_sample(l, &in, &out), 0);
	return out;
}

/* linuxptp's nullf_sample() with servo_sample() around it */
static void nullf_states(struct kunit *test)
{
	struct ptpk_pi_config c;
	struct ptpk_nullf s;
	enum ptpk_servo_state st;

	ptpk_pi_config_init(&c, false);
	c.first_step_threshold = 20000;
	c.step_threshold = 0;
	KUNIT_ASSERT_EQ(test, ptpk_nullf_init(&s, &c, false), 0);
	/* below the first step threshold: unlocked, the first update stays */
	KUNIT_EXPECT_EQ(test, ptpk_nullf_sample(&s, 19999, &st), 0);
	KUNIT_EXPECT_EQ(test, st, PTPK_SERVO_STATE_UNLOCKED);
	KUNIT_EXPECT_TRUE(test, s.first_update);
	KUNIT_EXPECT_EQ(test, ptpk_nullf_sample(&s, -20001, &st), 0);
	KUNIT_EXPECT_EQ(test, st, PTPK_SERVO_STATE_JUMP);
	/* the first update is over: no more steps without step_threshold */
	ptpk_nullf_sample(&s, 3000000, &st);
	KUNIT_EXPECT_EQ(test, st, PTPK_SERVO_STATE_UNLOCKED);
	ptpk_nullf_sample(&s, 0, &st);
	KUNIT_EXPECT_EQ(test, st, PTPK_SERVO_STATE_LOCKED);
	ptpk_nullf_sample(&s, 1, &st);
	KUNIT_EXPECT_EQ(test, st, PTPK_SERVO_STATE_UNLOCKED);
	/* step_threshold holds for ever; an exact zero is locked before it */
	c.step_threshold = 1000;
	c.first_step_threshold = 0;
	KUNIT_ASSERT_EQ(test, ptpk_nullf_init(&s, &c, false), 0);
	ptpk_nullf_sample(&s, 1001, &st);
	KUNIT_EXPECT_EQ(test, st, PTPK_SERVO_STATE_JUMP);
	ptpk_nullf_sample(&s, -1001, &st);
	KUNIT_EXPECT_EQ(test, st, PTPK_SERVO_STATE_JUMP);
	ptpk_nullf_sample(&s, 1000, &st);
	KUNIT_EXPECT_EQ(test, st, PTPK_SERVO_STATE_UNLOCKED);
	/* servo_offset_threshold: stable after num_offset_values zeros */
	c.offset_threshold = 100;
	c.num_offset_values = 3;
	KUNIT_ASSERT_EQ(test, ptpk_nullf_init(&s, &c, false), 0);
	ptpk_nullf_sample(&s, 0, &st);
	ptpk_nullf_sample(&s, 0, &st);
	KUNIT_EXPECT_EQ(test, st, PTPK_SERVO_STATE_LOCKED);
	ptpk_nullf_sample(&s, 0, &st);
	KUNIT_EXPECT_EQ(test, st, PTPK_SERVO_STATE_LOCKED_STABLE);
	c.step_threshold = -1;
	KUNIT_EXPECT_EQ(test, ptpk_nullf_init(&s, &c, false), -EINVAL);
}

/* In the loop: a 3 ms first sample steps, an exact zero locks at 0 ppb. */
static void nullf_loop(struct kunit *test)
{
	struct ptpk_loop_config cfg;
	struct ptpk_sample_out out;
	struct countclock c = { .now = 1000000000ULL, .freq = 12345 };
	struct ptpk_loop l;

	cc_config(&cfg, PTPK_SERVO_KIND_NULLF);
	KUNIT_ASSERT_EQ(test, ptpk_loop_init(&l, &cfg, &cc_ops, &c, 12345), 0);
	out = cc_sample(test, &l, &c, 3000000);
	KUNIT_EXPECT_EQ(test, out.state, PTPK_SERVO_STATE_JUMP);
	KUNIT_EXPECT_TRUE(test, out.flags & PTPK_SAMPLE_FLAGS_STEPPED);
	KUNIT_EXPECT_EQ(test, c.steps, 1);
	KUNIT_EXPECT_EQ(test, c.stepped, -3000000);
	KUNIT_EXPECT_EQ(test, c.freq, 0);
	out = cc_sample(test, &l, &c, 250);
	KUNIT_EXPECT_EQ(test, out.state, PTPK_SERVO_STATE_UNLOCKED);
	KUNIT_EXPECT_EQ(test, out.offset, 250);
	out = cc_sample(test, &l, &c, 0);
	KUNIT_EXPECT_EQ(test, out.state, PTPK_SERVO_STATE_LOCKED);
	KUNIT_EXPECT_EQ(test, out.freq, 0);
	KUNIT_EXPECT_EQ(test, c.steps, 1);
	ptpk_loop_destroy(&l);
}

/* ntpshm: never a step or a frequency, whatever the offsets. */
static void ntpshm_loop(struct kunit *test)
{
	struct ptpk_loop_config cfg;
	struct ptpk_sample_out out;
	struct countclock c = { .now = 1000000000ULL, .freq = 777 };
	static const s64 offsets[] = { 3000000, 0, -50000000, 1, 0, 0 };
	struct ptpk_loop l;
	unsigned int i;

	cc_config(&cfg, PTPK_SERVO_KIND_NTPSHM);
	cfg.servo.step_threshold = 1000;
	KUNIT_ASSERT_EQ(test, ptpk_loop_init(&l, &cfg, &cc_ops, &c, 777), 0);
	for (i = 0; i < ARRAY_SIZE(offsets); i++) {
		out = cc_sample(test, &l, &c, offsets[i]);
		KUNIT_EXPECT_EQ(test, out.state, PTPK_SERVO_STATE_UNLOCKED);
		KUNIT_EXPECT_EQ(test, out.offset, offsets[i]);
		KUNIT_EXPECT_FALSE(test, out.flags & PTPK_SAMPLE_FLAGS_STEPPED);
	}
	KUNIT_EXPECT_EQ(test, c.steps, 0);
	KUNIT_EXPECT_EQ(test, c.adjfreqs, 0);
	KUNIT_EXPECT_EQ(test, c.freq, 777);
	/* holdover has no estimate to apply */
	KUNIT_EXPECT_EQ(test, ptpk_loop_holdover(&l), 0);
	KUNIT_EXPECT_EQ(test, c.adjfreqs, 0);
	ptpk_loop_destroy(&l);
}

/*
 * servo-new's and servo-set's kind: pi, linreg, nullf and ntpshm, nothing
 * past them. The policy's range is what nla_validate() checks a u32
 * against (UML's KUnit kernel has no networking to run it on).
 */
static bool kind_valid(const struct nla_policy *p, u32 kind)
{
	return p->type == NLA_U32 &&
	       p->validation_type == NLA_VALIDATE_RANGE &&
	       kind >= p->min && kind <= p->max;
}

static void policy_kinds(struct kunit *test)
{
	const struct nla_policy *p = &ptpk_servo_new_nl_policy[PTPK_A_SERVO_KIND];

	KUNIT_EXPECT_EQ(test, PTPK_SERVO_KIND_NULLF, 3);
	KUNIT_EXPECT_EQ(test, PTPK_SERVO_KIND_NTPSHM, 4);
	KUNIT_EXPECT_EQ(test, PTPK_SERVO_KIND_MAX, PTPK_SERVO_KIND_NTPSHM);
	KUNIT_EXPECT_TRUE(test, kind_valid(p, PTPK_SERVO_KIND_PI));
	KUNIT_EXPECT_TRUE(test, kind_valid(p, PTPK_SERVO_KIND_LINREG));
	KUNIT_EXPECT_TRUE(test, kind_valid(p, PTPK_SERVO_KIND_NULLF));
	KUNIT_EXPECT_TRUE(test, kind_valid(p, PTPK_SERVO_KIND_NTPSHM));
	KUNIT_EXPECT_FALSE(test, kind_valid(p, PTPK_SERVO_KIND_MAX + 1));
	KUNIT_EXPECT_FALSE(test, kind_valid(p, 0));
}

static struct kunit_case ptpk_nullf_cases[] = {
	KUNIT_CASE(nullf_states),
	KUNIT_CASE(nullf_loop),
	KUNIT_CASE(ntpshm_loop),
	KUNIT_CASE(policy_kinds),
	{}
};

static struct kunit_suite ptpk_nullf_suite = {
	.name = "ptpk-nullf",
	.test_cases = ptpk_nullf_cases,
};

kunit_test_suite(ptpk_nullf_suite);
