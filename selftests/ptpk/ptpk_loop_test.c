// SPDX-License-Identifier: GPL-2.0
/*
 * ptpk sample-pipeline selftests on ptpsim PHCs, measured against ptpsim's
 * ground truth (/sys/kernel/debug/ptpsim/truth): a synthetic sample stream
 * drives a servo that really adjusts a PHC; the first step happens once;
 * sanity_freq_limit resets the servo; a killed owner leaves the clock in
 * holdover and a new owner adopts it without a step; ownership, permission
 * and namespace rules for servo-sample/servo-adopt; write-phase-mode hands
 * the offset to the PHC's adjphase in s3 and is refused without one; random
 * attribute values get errors, never a crash.
 *
 * Needs ptpk.ko and ptpsim.ko loaded (run.sh); creates ptpsim devices
 * "lm" (the reference) and "ls" (the servo's clock) and deletes them.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdarg.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/timex.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <linux/genetlink.h>
#include <linux/ptpk.h>

#include "kselftest_harness.h"
#include "nl.h"

#define BUFSZ		8192
#define CTL		"/sys/kernel/debug/ptpsim/ctl"
#define TRUTH		"/sys/kernel/debug/ptpsim/truth"
#define PATH_NS		10000LL
#define LOG_INTERVAL	(-3)		/* 8 samples a second */
#define FD_TO_CLOCKID(fd) ((~(clockid_t)(fd) << 3) | 3)

static int ctl(const char *fmt, ...)
{
	char cmd[256];
	va_list ap;
	int fd, n, err = 0;

	va_start(ap, fmt);
	n = vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	fd = open(CTL, O_WRONLY);
	if (fd < 0)
		return -errno;
	if (write(fd, cmd, n) != n)
		err = -errno;
	close(fd);
	return err;
}

/*
 * One snapshot of the truth file: PHC times of the two devices and
 * CLOCK_REALTIME, all at one instant (so from a single read).
 */
static int truth_all(long long *m, long long *s, long long *rt)
{
	char buf[4096], name[64], ptp[64];
	long long v;
	int fd, n, got = 0;
	char *line, *save;

	fd = open(TRUTH, O_RDONLY);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -EIO;
	buf[n] = 0;
	for (line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		if (sscanf(line, "realtime %lld", &v) == 1) {
			*rt = v;
			got |= 4;
			continue;
		}
		if (sscanf(line, "%63s %63s %lld", name, ptp, &v) != 3)
			continue;
		if (!strcmp(name, "lm")) {
			*m = v;
			got |= 1;
		} else if (!strcmp(name, "ls")) {
			*s = v;
			got |= 2;
		}
	}
	return got == 7 ? 0 : -ENOENT;
}

static int truth(long long *m, long long *s)
{
	long long rt;

	return truth_all(m, s, &rt);
}

/* CLOCK_REALTIME minus PHC lm at one instant. */
static long long true_realtime_offset(void)
{
	long long rt = 0, m = 0, s = 0;

	if (truth_all(&m, &s, &rt))
		return 1LL << 62;
	return rt - m;
}

static long long true_offset(void)
{
	long long m = 0, s = 0;

	if (truth(&m, &s))
		return 1LL << 62;
	return s - m;
}

/* /dev/ptpN of a ptpsim device, from the "devices" file. */
static int phc_index(const char *dev)
{
	char buf[4096], *p;
	int fd, n, idx = -1;
	char key[80];

	fd = open("/sys/kernel/debug/ptpsim/devices", O_RDONLY);
	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	snprintf(key, sizeof(key), "\n%s ", dev);
	p = buf[0] == dev[0] && !strncmp(buf, key + 1, strlen(key) - 1) ?
		buf : strstr(buf, key);
	if (p && (p = strstr(p, " ptp=")))
		idx = atoi(p + 5);
	return idx;
}

/* The PHC's frequency adjustment as clock_adjtime() reports it, in ppt. */
static long long phc_freq_ppt(int idx)
{
	struct timex tx = { 0 };
	char path[32];
	int fd;

	snprintf(path, sizeof(path), "/dev/ptp%d", idx);
	fd = open(path, O_RDWR);
	if (fd < 0)
		return 1LL << 62;
	if (syscall(SYS_clock_adjtime, FD_TO_CLOCKID(fd), &tx) < 0)
		tx.freq = 1L << 40;
	close(fd);
	return (long long)tx.freq * 1000000 / 65536;
}

struct servo_reply {
	uint32_t id, state, owner, n_steps, n_resets, write_phase;
	int orphaned;
	int64_t freq, holdover;
};

static int servo_cb(const struct nlmsghdr *nlh, void *arg)
{
	const struct nlattr *tb[PTPK_A_SERVO_MAX + 1];
	struct servo_reply *r = arg;

	if (nl_parse(nlh, tb, PTPK_A_SERVO_MAX))
		return -1;
	memset(r, 0, sizeof(*r));
	if (tb[PTPK_A_SERVO_ID])
		r->id = mnl_attr_get_u32(tb[PTPK_A_SERVO_ID]);
	if (tb[PTPK_A_SERVO_STATE])
		r->state = mnl_attr_get_u32(tb[PTPK_A_SERVO_STATE]);
	if (tb[PTPK_A_SERVO_OWNER])
		r->owner = mnl_attr_get_u32(tb[PTPK_A_SERVO_OWNER]);
	if (tb[PTPK_A_SERVO_N_STEPS])
		r->n_steps = mnl_attr_get_u32(tb[PTPK_A_SERVO_N_STEPS]);
	if (tb[PTPK_A_SERVO_N_RESETS])
		r->n_resets = mnl_attr_get_u32(tb[PTPK_A_SERVO_N_RESETS]);
	if (tb[PTPK_A_SERVO_FREQ])
		r->freq = (int64_t)mnl_attr_get_u64(tb[PTPK_A_SERVO_FREQ]);
	if (tb[PTPK_A_SERVO_HOLDOVER_FREQ])
		r->holdover = (int64_t)mnl_attr_get_u64(tb[PTPK_A_SERVO_HOLDOVER_FREQ]);
	r->orphaned = !!tb[PTPK_A_SERVO_ORPHANED];
	if (tb[PTPK_A_SERVO_WRITE_PHASE_MODE])
		r->write_phase =
			mnl_attr_get_u32(tb[PTPK_A_SERVO_WRITE_PHASE_MODE]);
	return 0;
}

/* A hardware-timestamping PI servo in write phase mode, s3 within 500 ns. */
static int servo_new_phase(struct nl *nl, int phc, struct servo_reply *r)
{
	char buf[BUFSZ];
	struct nlmsghdr *nlh = nl_msg(nl, buf, PTPK_CMD_SERVO_NEW, 0);
	struct nlattr *nest;

	nest = mnl_attr_nest_start(nlh, PTPK_A_SERVO_CLOCK);
	if (phc < 0) {
		mnl_attr_put_u32(nlh, PTPK_A_CLOCK_TYPE, PTPK_CLOCK_TYPE_SYSTEM);
	} else {
		mnl_attr_put_u32(nlh, PTPK_A_CLOCK_TYPE, PTPK_CLOCK_TYPE_PHC);
		mnl_attr_put_u32(nlh, PTPK_A_CLOCK_PHC_INDEX, phc);
	}
	mnl_attr_nest_end(nlh, nest);
	mnl_attr_put_u32(nlh, PTPK_A_SERVO_KIND, PTPK_SERVO_KIND_PI);
	mnl_attr_put_strz(nlh, PTPK_A_SERVO_NAME, "phase-test");
	mnl_attr_put_u32(nlh, PTPK_A_SERVO_HW_TS, 1);
	mnl_attr_put_u32(nlh, PTPK_A_SERVO_SYNC_INTERVAL, LOG_INTERVAL);
	mnl_attr_put_u64(nlh, PTPK_A_SERVO_OFFSET_THRESHOLD, 500);
	mnl_attr_put_u32(nlh, PTPK_A_SERVO_WRITE_PHASE_MODE, 1);
	return nl_talk(nl, nlh, servo_cb, r);
}

/* ptpsim's adjphase counter of a device. */
static long long phc_adjphase_count(const char *dev)
{
	char buf[4096], key[80], *p;
	int fd, n;

	fd = open("/sys/kernel/debug/ptpsim/devices", O_RDONLY);
	if (fd < 0)
		return -1;
	n = read(fd, buf + 1, sizeof(buf) - 2);
	close(fd);
	if (n <= 0)
		return -1;
	buf[0] = '\n';
	buf[n + 1] = 0;
	snprintf(key, sizeof(key), "\n%s ", dev);
	p = strstr(buf, key);
	if (!p || !(p = strstr(p, " adjphase=")))
		return -1;
	return atoll(p + 10);
}

/*
 * A PI servo on /dev/ptp@phc (the system clock if @phc < 0), with the
 * hardware-timestamping defaults.
 */
static int servo_new(struct nl *nl, int phc, uint32_t sanity_ppb,
		     struct servo_reply *r)
{
	char buf[BUFSZ];
	struct nlmsghdr *nlh = nl_msg(nl, buf, PTPK_CMD_SERVO_NEW, 0);
	struct nlattr *nest;

	nest = mnl_attr_nest_start(nlh, PTPK_A_SERVO_CLOCK);
	if (phc < 0) {
		mnl_attr_put_u32(nlh, PTPK_A_CLOCK_TYPE, PTPK_CLOCK_TYPE_SYSTEM);
	} else {
		mnl_attr_put_u32(nlh, PTPK_A_CLOCK_TYPE, PTPK_CLOCK_TYPE_PHC);
		mnl_attr_put_u32(nlh, PTPK_A_CLOCK_PHC_INDEX, phc);
	}
	mnl_attr_nest_end(nlh, nest);
	mnl_attr_put_u32(nlh, PTPK_A_SERVO_KIND, PTPK_SERVO_KIND_PI);
	mnl_attr_put_strz(nlh, PTPK_A_SERVO_NAME, "loop-test");
	mnl_attr_put_u32(nlh, PTPK_A_SERVO_HW_TS, 1);
	mnl_attr_put_u32(nlh, PTPK_A_SERVO_SYNC_INTERVAL, LOG_INTERVAL);
	if (sanity_ppb)
		mnl_attr_put_u32(nlh, PTPK_A_SERVO_SANITY_FREQ_LIMIT,
				 sanity_ppb);
	return nl_talk(nl, nlh, servo_cb, r);
}

static int servo_cmd(struct nl *nl, uint8_t cmd, uint32_t id,
		     struct servo_reply *r)
{
	char buf[BUFSZ];
	struct nlmsghdr *nlh = nl_msg(nl, buf, cmd, 0);

	mnl_attr_put_u32(nlh, PTPK_A_SERVO_ID, id);
	return nl_talk(nl, nlh, r ? servo_cb : NULL, r);
}

/* SERVO_SET of one attribute: a u64 for offset-threshold, else a u32. */
static int servo_set_one(struct nl *nl, uint32_t id, uint16_t type,
			 uint64_t val)
{
	char buf[BUFSZ];
	struct nlmsghdr *nlh = nl_msg(nl, buf, PTPK_CMD_SERVO_SET, 0);

	mnl_attr_put_u32(nlh, PTPK_A_SERVO_ID, id);
	if (type == PTPK_A_SERVO_OFFSET_THRESHOLD)
		mnl_attr_put_u64(nlh, type, val);
	else
		mnl_attr_put_u32(nlh, type, val);
	return nl_talk(nl, nlh, NULL, NULL);
}

struct sample_reply {
	uint32_t state, flags, seq;
	int64_t offset, freq, delay;
};

static int sample_cb(const struct nlmsghdr *nlh, void *arg)
{
	const struct nlattr *tb[PTPK_A_SAMPLE_MAX + 1];
	struct sample_reply *r = arg;

	if (nl_parse(nlh, tb, PTPK_A_SAMPLE_MAX))
		return -1;
	memset(r, 0, sizeof(*r));
	if (tb[PTPK_A_SAMPLE_STATE])
		r->state = mnl_attr_get_u32(tb[PTPK_A_SAMPLE_STATE]);
	if (tb[PTPK_A_SAMPLE_FLAGS])
		r->flags = mnl_attr_get_u32(tb[PTPK_A_SAMPLE_FLAGS]);
	if (tb[PTPK_A_SAMPLE_SEQ_ID])
		r->seq = mnl_attr_get_u32(tb[PTPK_A_SAMPLE_SEQ_ID]);
	if (tb[PTPK_A_SAMPLE_OFFSET])
		r->offset = (int64_t)mnl_attr_get_u64(tb[PTPK_A_SAMPLE_OFFSET]);
	if (tb[PTPK_A_SAMPLE_FREQ])
		r->freq = (int64_t)mnl_attr_get_u64(tb[PTPK_A_SAMPLE_FREQ]);
	if (tb[PTPK_A_SAMPLE_DELAY])
		r->delay = (int64_t)mnl_attr_get_u64(tb[PTPK_A_SAMPLE_DELAY]);
	return 0;
}

/*
 * One synthetic E2E exchange from a ground-truth snapshot: a Sync and a
 * Delay_Req over a PATH_NS path, with the slave's timestamps dithered by
 * up to +-50 ns.
 */
static int sample(struct nl *nl, uint32_t id, uint16_t seq,
		  struct sample_reply *r)
{
	char buf[BUFSZ];
	struct nlmsghdr *nlh;
	long long m, s;
	int err;

	err = truth(&m, &s);
	if (err)
		return err;
	s += (rand() % 101) - 50;
	nlh = nl_msg(nl, buf, PTPK_CMD_SERVO_SAMPLE, 0);
	mnl_attr_put_u32(nlh, PTPK_A_SAMPLE_ID, id);
	mnl_attr_put_u32(nlh, PTPK_A_SAMPLE_SEQ_ID, seq);
	mnl_attr_put_u64(nlh, PTPK_A_SAMPLE_T1, m - PATH_NS);
	mnl_attr_put_u64(nlh, PTPK_A_SAMPLE_T2, s);
	mnl_attr_put_u64(nlh, PTPK_A_SAMPLE_T3, s);
	mnl_attr_put_u64(nlh, PTPK_A_SAMPLE_T4, m + PATH_NS);
	mnl_attr_put_u64(nlh, PTPK_A_SAMPLE_CORR_SYNC, 0);
	return nl_talk(nl, nlh, sample_cb, r);
}

/* A sample with made-up timestamps, for tests of who may send one. */
static int sample_fixed(struct nl *nl, uint32_t id, struct sample_reply *r)
{
	char buf[BUFSZ];
	struct nlmsghdr *nlh = nl_msg(nl, buf, PTPK_CMD_SERVO_SAMPLE, 0);

	mnl_attr_put_u32(nlh, PTPK_A_SAMPLE_ID, id);
	mnl_attr_put_u64(nlh, PTPK_A_SAMPLE_T1, 1000000000);
	mnl_attr_put_u64(nlh, PTPK_A_SAMPLE_T2, 1000010000);
	return nl_talk(nl, nlh, sample_cb, r);
}

/* A direct sample (offset only): the module reads the clock's time. */
static int sample_direct(struct nl *nl, uint32_t id, long long offset,
			 struct sample_reply *r)
{
	char buf[BUFSZ];
	struct nlmsghdr *nlh = nl_msg(nl, buf, PTPK_CMD_SERVO_SAMPLE, 0);

	mnl_attr_put_u32(nlh, PTPK_A_SAMPLE_ID, id);
	mnl_attr_put_u64(nlh, PTPK_A_SAMPLE_OFFSET, offset);
	return nl_talk(nl, nlh, sample_cb, r);
}

static void tick(void)
{
	struct timespec ts = { 0, 125000000 };

	nanosleep(&ts, NULL);
}

/* Sample for @n ticks; returns the OR of the reply flags, or -errno. */
static long run(struct nl *nl, uint32_t id, int n, struct sample_reply *last)
{
	static uint16_t seq;
	long flags = 0;
	int i, err;

	for (i = 0; i < n; i++) {
		err = sample(nl, id, seq++, last);
		if (err)
			return err;
		flags |= last->flags;
		tick();
	}
	return flags;
}

/* PTPK_TEST=substring runs only the matching tests (the 6.1 harness has no -t). */
#define SELECTED() do {							\
	const char *sel = getenv("PTPK_TEST");				\
	if (sel && !strstr(_metadata->name, sel))			\
		SKIP(return, "not selected by PTPK_TEST");		\
} while (0)

FIXTURE(loop) {
	struct nl nl;
	int phc_m, phc_s;
};

FIXTURE_SETUP(loop)
{
	ASSERT_EQ(0, nl_open(&self->nl, PTPK_FAMILY_NAME));
	ctl("del lm");
	ctl("del ls");
	ASSERT_EQ(0, ctl("add lm"));
	/* 50 ppm fast, 3 ms ahead */
	ASSERT_EQ(0, ctl("add ls freq_ppb=50000 offset_ns=3000000"));
	self->phc_m = phc_index("lm");
	self->phc_s = phc_index("ls");
	ASSERT_LE(0, self->phc_m);
	ASSERT_LE(0, self->phc_s);
	srand(1);
}

FIXTURE_TEARDOWN(loop)
{
	nl_close(&self->nl);
	ctl("del lm");
	ctl("del ls");
}

/* The servo steers the PHC; the true offset converges; one first step. */
TEST_F(loop, converges_with_one_step)
{
	struct sample_reply r;
	struct servo_reply s;
	long long off, worst = 0;
	long flags;
	int i;

	SELECTED();

	ASSERT_EQ(0, servo_new(&self->nl, self->phc_s, 0, &s));
	flags = run(&self->nl, s.id, 80, &r);
	ASSERT_LE(0, flags);
	EXPECT_TRUE(flags & PTPK_SAMPLE_FLAGS_STEPPED);
	EXPECT_TRUE(r.state == PTPK_SERVO_STATE_LOCKED ||
		    r.state == PTPK_SERVO_STATE_LOCKED_STABLE);
	EXPECT_LT(llabs(r.delay - PATH_NS), 100);
	for (i = 0; i < 16; i++) {
		ASSERT_LE(0, run(&self->nl, s.id, 1, &r));
		off = true_offset();
		if (llabs(off) > worst)
			worst = llabs(off);
	}
	TH_LOG("true offset after 12 s: worst %lld ns over 2 s; freq %lld ppt",
	       worst, (long long)r.freq);
	EXPECT_LT(worst, 1000);
	/* the clock was really adjusted: about -50 ppm */
	EXPECT_LT(llabs(phc_freq_ppt(self->phc_s) + 50000000LL), 2000000LL);
	ASSERT_EQ(0, servo_cmd(&self->nl, PTPK_CMD_SERVO_GET, s.id, &s));
	EXPECT_EQ(1, s.n_steps);
	EXPECT_EQ(0, servo_cmd(&self->nl, PTPK_CMD_SERVO_DEL, s.id, NULL));
}

/*
 * write-phase-mode: once in s3 the samples say "phase", ptpsim counts the
 * adjphase calls, the PHC's frequency stays where s2 left it, and the true
 * offset stays within 1 us. The system clock has no adjphase: refused.
 */
TEST_F(loop, write_phase_mode)
{
	long long f0, off, worst = 0, n0;
	struct sample_reply r;
	struct servo_reply s;
	int i, n_phase = 0;

	SELECTED();

	EXPECT_EQ(-EOPNOTSUPP, servo_new_phase(&self->nl, -1, &s));
	EXPECT_NE(0, strlen(self->nl.extack));
	TH_LOG("system clock: %s", self->nl.extack);

	ASSERT_EQ(0, servo_new_phase(&self->nl, self->phc_s, &s));
	EXPECT_EQ(1, s.write_phase);
	n0 = phc_adjphase_count("ls");
	/* the probe of the module's check: one adjphase of 0 */
	EXPECT_LE(0, n0);
	for (i = 0; i < 120 && !n_phase; i++) {
		ASSERT_LE(0, run(&self->nl, s.id, 1, &r));
		if (r.flags & PTPK_SAMPLE_FLAGS_PHASE)
			n_phase++;
	}
	ASSERT_LT(0, n_phase) TH_LOG("no phase sample in 15 s, state %u", r.state);
	f0 = phc_freq_ppt(self->phc_s);
	for (i = 0; i < 24; i++) {
		ASSERT_LE(0, run(&self->nl, s.id, 1, &r));
		if (r.flags & PTPK_SAMPLE_FLAGS_PHASE)
			n_phase++;
		off = true_offset();
		if (llabs(off) > worst)
			worst = llabs(off);
	}
	TH_LOG("%d phase samples, %lld adjphase calls; true offset worst %lld ns over 3 s; freq %lld ppt (s2 left %lld)",
	       n_phase, phc_adjphase_count("ls") - n0, worst,
	       phc_freq_ppt(self->phc_s), f0);
	EXPECT_LT(12, n_phase);
	EXPECT_LE(n_phase, phc_adjphase_count("ls") - n0);
	EXPECT_LT(worst, 1000);
	/* a locked (s2) sample in between may move it; s3 alone never does */
	EXPECT_LT(llabs(phc_freq_ppt(self->phc_s) + 50000000LL), 2000000LL);

	/*
	 * The probe runs only when the mode is turned on: a SET of another
	 * attribute would cancel the slew in progress (ptpsim's adjphase
	 * replaces it).
	 */
	n0 = phc_adjphase_count("ls");
	ASSERT_EQ(0, servo_set_one(&self->nl, s.id, PTPK_A_SERVO_OFFSET_THRESHOLD, 400));
	EXPECT_EQ(n0, phc_adjphase_count("ls")) TH_LOG("SET offset-threshold probed adjphase");
	ASSERT_EQ(0, servo_set_one(&self->nl, s.id, PTPK_A_SERVO_WRITE_PHASE_MODE, 1));
	EXPECT_EQ(n0, phc_adjphase_count("ls")) TH_LOG("SET write-phase-mode 1 to 1 probed");
	ASSERT_EQ(0, servo_set_one(&self->nl, s.id, PTPK_A_SERVO_WRITE_PHASE_MODE, 0));
	EXPECT_EQ(n0, phc_adjphase_count("ls"));
	ASSERT_EQ(0, servo_set_one(&self->nl, s.id, PTPK_A_SERVO_WRITE_PHASE_MODE, 1));
	EXPECT_EQ(n0 + 1, phc_adjphase_count("ls")) TH_LOG("SET 0 to 1 did not probe");
	EXPECT_EQ(0, servo_cmd(&self->nl, PTPK_CMD_SERVO_DEL, s.id, NULL));
}

/*
 * A clock that jumps 100 ms ahead between two samples 125 ms apart ran 80%
 * fast: beyond the default sanity_freq_limit (20%). (A tighter limit would
 * trip on the VM's scheduling noise: the check compares sample timestamps
 * with CLOCK_MONOTONIC_RAW at processing time, as linuxptp does.)
 */
TEST_F(loop, sanity_freq_limit_resets)
{
	struct sample_reply r;
	struct servo_reply s;
	long flags;

	SELECTED();

	ASSERT_EQ(0, servo_new(&self->nl, self->phc_s, 0, &s));
	flags = run(&self->nl, s.id, 40, &r);
	ASSERT_LE(0, flags);
	EXPECT_FALSE(flags & PTPK_SAMPLE_FLAGS_RESET);
	ASSERT_EQ(0, ctl("set ls step_ns=100000000"));
	flags = run(&self->nl, s.id, 8, &r);
	ASSERT_LE(0, flags);
	EXPECT_TRUE(flags & PTPK_SAMPLE_FLAGS_RESET);
	ASSERT_EQ(0, servo_cmd(&self->nl, PTPK_CMD_SERVO_GET, s.id, &s));
	EXPECT_LE(1, s.n_resets);
	EXPECT_EQ(0, servo_cmd(&self->nl, PTPK_CMD_SERVO_DEL, s.id, NULL));
}

/*
 * The owner is killed: the servo is orphaned and the PHC runs at the
 * holdover frequency; a new owner adopts it and resumes without a step.
 */
TEST_F(loop, holdover_and_adoption)
{
	struct sample_reply r;
	struct servo_reply s;
	int pipefd[2], status;
	uint32_t id = 0;
	long long off;
	long flags;
	pid_t pid;

	SELECTED();

	ASSERT_EQ(0, pipe(pipefd));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		struct nl nl;

		if (nl_open(&nl, PTPK_FAMILY_NAME) ||
		    servo_new(&nl, self->phc_s, 0, &s))
			_exit(1);
		if (run(&nl, s.id, 80, &r) < 0)
			_exit(2);
		if (write(pipefd[1], &s.id, sizeof(s.id)) != sizeof(s.id))
			_exit(3);
		pause();
		_exit(0);
	}
	close(pipefd[1]);
	ASSERT_EQ(sizeof(id), read(pipefd[0], &id, sizeof(id)));
	close(pipefd[0]);
	ASSERT_EQ(0, kill(pid, SIGKILL));
	ASSERT_EQ(pid, waitpid(pid, &status, 0));

	ASSERT_EQ(0, servo_cmd(&self->nl, PTPK_CMD_SERVO_GET, id, &s));
	EXPECT_TRUE(s.orphaned);
	EXPECT_EQ(0, s.owner);
	EXPECT_EQ(s.holdover, s.freq);
	/* the PHC runs at the holdover frequency, close to -50 ppm */
	EXPECT_LT(llabs(phc_freq_ppt(self->phc_s) - s.holdover), 20);
	EXPECT_LT(llabs(s.holdover + 50000000LL), 2000000LL);
	TH_LOG("holdover %lld ppt", (long long)s.holdover);
	/* a sample from a stranger is refused while orphaned */
	EXPECT_EQ(-EBUSY, sample(&self->nl, id, 0, &r));

	/* 2 s of holdover, then a new owner: 40 us > first_step_threshold */
	sleep(2);
	ASSERT_EQ(0, ctl("set ls step_ns=40000"));
	ASSERT_EQ(0, servo_cmd(&self->nl, PTPK_CMD_SERVO_ADOPT, id, &s));
	EXPECT_FALSE(s.orphaned);
	EXPECT_NE(0, s.owner);
	flags = run(&self->nl, id, 64, &r);
	ASSERT_LE(0, flags);
	EXPECT_FALSE(flags & PTPK_SAMPLE_FLAGS_STEPPED);
	off = true_offset();
	TH_LOG("after adoption: true offset %lld ns", off);
	EXPECT_LT(llabs(off), 1000);
	ASSERT_EQ(0, servo_cmd(&self->nl, PTPK_CMD_SERVO_GET, id, &s));
	EXPECT_EQ(1, s.n_steps);
	EXPECT_EQ(0, servo_cmd(&self->nl, PTPK_CMD_SERVO_DEL, id, NULL));
}

/* The PHC goes away under a servo: a fault, not a crash; rmmod is clean. */
TEST_F(loop, phc_removed_fault)
{
	struct sample_reply r;
	struct servo_reply s;
	long flags;

	SELECTED();

	ASSERT_EQ(0, servo_new(&self->nl, self->phc_s, 0, &s));
	flags = run(&self->nl, s.id, 8, &r);
	ASSERT_LE(0, flags);
	ASSERT_EQ(0, ctl("del ls"));
	/* the truth file lost the device: direct samples from now on */
	EXPECT_EQ(-ENODEV, sample_direct(&self->nl, s.id, 0, &r));
	EXPECT_EQ(-ENODEV, sample_direct(&self->nl, s.id, 0, &r));
	ASSERT_EQ(0, servo_cmd(&self->nl, PTPK_CMD_SERVO_GET, s.id, &s));
	EXPECT_EQ(PTPK_SERVO_STATE_FAULT, s.state);
	EXPECT_EQ(0, servo_cmd(&self->nl, PTPK_CMD_SERVO_DEL, s.id, NULL));
}

struct sync_reply {
	uint32_t id, servo, rate;
	int64_t offset, delay;
	uint64_t n;
	int count;
};

static int sync_cb(const struct nlmsghdr *nlh, void *arg)
{
	const struct nlattr *tb[PTPK_A_SYNC_MAX + 1];
	struct sync_reply *r = arg;

	if (nl_parse(nlh, tb, PTPK_A_SYNC_MAX))
		return -1;
	r->count++;
	if (tb[PTPK_A_SYNC_ID])
		r->id = mnl_attr_get_u32(tb[PTPK_A_SYNC_ID]);
	if (tb[PTPK_A_SYNC_SERVO])
		r->servo = mnl_attr_get_u32(tb[PTPK_A_SYNC_SERVO]);
	if (tb[PTPK_A_SYNC_RATE])
		r->rate = mnl_attr_get_u32(tb[PTPK_A_SYNC_RATE]);
	if (tb[PTPK_A_SYNC_OFFSET])
		r->offset = (int64_t)mnl_attr_get_u64(tb[PTPK_A_SYNC_OFFSET]);
	if (tb[PTPK_A_SYNC_DELAY])
		r->delay = (int64_t)mnl_attr_get_u64(tb[PTPK_A_SYNC_DELAY]);
	if (tb[PTPK_A_SYNC_N_MEASUREMENTS])
		r->n = mnl_attr_get_u64(tb[PTPK_A_SYNC_N_MEASUREMENTS]);
	return 0;
}

/* A job on servo @servo from /dev/ptp@src (or the system clock if < 0). */
static int sync_new(struct nl *nl, uint32_t servo, int src, uint32_t rate,
		    struct sync_reply *r)
{
	char buf[BUFSZ];
	struct nlmsghdr *nlh = nl_msg(nl, buf, PTPK_CMD_SYNC_NEW, 0);
	struct nlattr *nest;

	mnl_attr_put_u32(nlh, PTPK_A_SYNC_SERVO, servo);
	nest = mnl_attr_nest_start(nlh, PTPK_A_SYNC_SOURCE);
	if (src < 0) {
		mnl_attr_put_u32(nlh, PTPK_A_CLOCK_TYPE, PTPK_CLOCK_TYPE_SYSTEM);
	} else {
		mnl_attr_put_u32(nlh, PTPK_A_CLOCK_TYPE, PTPK_CLOCK_TYPE_PHC);
		mnl_attr_put_u32(nlh, PTPK_A_CLOCK_PHC_INDEX, src);
	}
	mnl_attr_nest_end(nlh, nest);
	mnl_attr_put_u32(nlh, PTPK_A_SYNC_RATE, rate);
	memset(r, 0, sizeof(*r));
	return nl_talk(nl, nlh, sync_cb, r);
}

static int sync_cmd(struct nl *nl, uint8_t cmd, uint32_t id, uint16_t flags,
		    struct sync_reply *r)
{
	char buf[BUFSZ];
	struct nlmsghdr *nlh = nl_msg(nl, buf, cmd, flags);

	if (!(flags & NLM_F_DUMP))
		mnl_attr_put_u32(nlh, PTPK_A_SYNC_ID, id);
	if (r)
		memset(r, 0, sizeof(*r));
	return nl_talk(nl, nlh, r ? sync_cb : NULL, r);
}

/*
 * PHC to PHC: a sync job keeps ls on lm. The owner's socket then carries
 * unsolicited sample notifications, so requests go through a second one.
 */
TEST_F(loop, sync_phc_to_phc)
{
	struct servo_reply s;
	struct sync_reply j;
	long long off, worst = 0;
	struct nl other;
	int i;

	SELECTED();

	ASSERT_EQ(0, nl_open(&other, PTPK_FAMILY_NAME));
	ASSERT_EQ(0, servo_new(&self->nl, self->phc_s, 0, &s));
	ASSERT_EQ(0, sync_new(&self->nl, s.id, self->phc_m, 8000, &j));
	EXPECT_EQ(s.id, j.servo);
	EXPECT_EQ(8000, j.rate);
	/* a second job on the same servo, and a job on another's servo */
	EXPECT_EQ(-EBUSY, sync_new(&self->nl, s.id, self->phc_m, 8000, &j));
	EXPECT_EQ(-EBUSY, sync_new(&other, s.id, self->phc_m, 8000, &j));
	sleep(12);
	for (i = 0; i < 8; i++) {
		off = true_offset();
		if (llabs(off) > worst)
			worst = llabs(off);
		tick();
	}
	ASSERT_EQ(0, sync_cmd(&other, PTPK_CMD_SYNC_GET, 0, NLM_F_DUMP, &j));
	EXPECT_EQ(1, j.count);
	TH_LOG("PHC->PHC job: worst true offset %lld ns over 1 s; %llu measurements, last delay %lld ns",
	       worst, (unsigned long long)j.n, (long long)j.delay);
	EXPECT_LT(worst, 2000);
	EXPECT_LT(50, j.n);
	EXPECT_LT(0, j.delay);
	ASSERT_EQ(0, servo_cmd(&other, PTPK_CMD_SERVO_GET, s.id, &s));
	EXPECT_TRUE(s.state == PTPK_SERVO_STATE_LOCKED ||
		    s.state == PTPK_SERVO_STATE_LOCKED_STABLE);
	EXPECT_EQ(0, sync_cmd(&other, PTPK_CMD_SYNC_DEL, j.id, 0, NULL));
	EXPECT_EQ(-ENOENT, sync_cmd(&other, PTPK_CMD_SYNC_GET, j.id, 0, &j));
	EXPECT_EQ(0, servo_cmd(&other, PTPK_CMD_SERVO_DEL, s.id, NULL));
	nl_close(&other);
}

static long long raw_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC_RAW, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

struct route {
	int n, applied;
	long long max_delay, sum_delay;
};

/* The owner's side of the system-clock route: apply each frequency. */
static int apply_cb(const struct nlmsghdr *nlh, void *arg)
{
	const struct nlattr *tb[PTPK_A_SAMPLE_MAX + 1];
	struct route *r = arg;
	struct timex tx = { 0 };
	long long d;

	if (nl_parse(nlh, tb, PTPK_A_SAMPLE_MAX) || !tb[PTPK_A_SAMPLE_FLAGS])
		return 0;
	r->n++;
	if (!(mnl_attr_get_u32(tb[PTPK_A_SAMPLE_FLAGS]) &
	      PTPK_SAMPLE_FLAGS_APPLY_FREQ))
		return 0;
	tx.modes = ADJ_FREQUENCY;
	tx.freq = (long)((int64_t)mnl_attr_get_u64(tb[PTPK_A_SAMPLE_FREQ]) *
			 65536 / 1000000);
	if (clock_adjtime(CLOCK_REALTIME, &tx) < 0)
		return 0;
	d = raw_now() - (int64_t)mnl_attr_get_u64(tb[PTPK_A_SAMPLE_MONO_TS]);
	r->applied++;
	r->sum_delay += d;
	if (d > r->max_delay)
		r->max_delay = d;
	return 0;
}

/*
 * PHC to CLOCK_REALTIME: the module measures and servos, steps in the
 * kernel if needed, and the owner applies the frequency it is sent (the
 * route of design.md). ptpsim's PHCs run on the raw monotonic clock, so
 * adjusting CLOCK_REALTIME does not move them.
 */
TEST_F(loop, sync_phc_to_system_clock)
{
	struct servo_reply s;
	struct sync_reply j;
	struct route rt = { 0 };
	long long off, worst = 0, end;
	struct timex tx = { 0 };
	struct nl other;

	SELECTED();

	ASSERT_EQ(0, nl_open(&other, PTPK_FAMILY_NAME));
	/* lm runs 30 ppm slow against the system clock, 5 us behind */
	ASSERT_EQ(0, ctl("set lm freq_ppb=-30000 step_ns=-5000"));
	ASSERT_EQ(0, servo_new(&self->nl, -1, 0, &s));
	ASSERT_EQ(0, sync_new(&self->nl, s.id, self->phc_m, 8000, &j));
	end = raw_now() + 15000000000LL;
	while (raw_now() < end)
		nl_recv_one(&self->nl, 200, apply_cb, &rt);
	for (int i = 0; i < 8; i++) {
		nl_recv_one(&self->nl, 200, apply_cb, &rt);
		off = true_realtime_offset();
		if (llabs(off) > worst)
			worst = llabs(off);
	}
	ASSERT_EQ(0, sync_cmd(&other, PTPK_CMD_SYNC_GET, j.id, 0, &j));
	ASSERT_EQ(0, servo_cmd(&other, PTPK_CMD_SERVO_GET, s.id, &s));
	TH_LOG("job offset %lld delay %lld n %llu; servo state %u freq %lld steps %u",
	       (long long)j.offset, (long long)j.delay,
	       (unsigned long long)j.n, s.state, (long long)s.freq, s.n_steps);
	TH_LOG("PHC->CLOCK_REALTIME: worst true offset %lld ns; %d of %d frequencies applied, route delay mean %lld max %lld ns",
	       worst, rt.applied, rt.n, rt.applied ? rt.sum_delay / rt.applied : 0,
	       rt.max_delay);
	EXPECT_LT(100, rt.applied);
	EXPECT_LT(worst, 20000);
	EXPECT_EQ(0, sync_cmd(&other, PTPK_CMD_SYNC_DEL, j.id, 0, NULL));
	EXPECT_EQ(0, servo_cmd(&other, PTPK_CMD_SERVO_DEL, s.id, NULL));
	nl_close(&other);
	tx.modes = ADJ_FREQUENCY;
	clock_adjtime(CLOCK_REALTIME, &tx);
}

struct ntf_count {
	uint32_t servo;
	int n;
};

static int sample_ntf_cb(const struct nlmsghdr *nlh, void *arg)
{
	const struct genlmsghdr *g = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *tb[PTPK_A_SAMPLE_MAX + 1];
	struct ntf_count *c = arg;

	if (g->cmd != PTPK_CMD_SAMPLE_NTF || nl_parse(nlh, tb, PTPK_A_SAMPLE_MAX))
		return 0;
	if (tb[PTPK_A_SAMPLE_ID] &&
	    mnl_attr_get_u32(tb[PTPK_A_SAMPLE_ID]) == c->servo)
		c->n++;
	return 0;
}

/*
 * Every servo update goes to the monitor group, at most 10 a second per
 * servo (PTPK_NTF_PER_SEC) plus the state changes: 64 samples in about
 * 1 s give a handful of events, not 64.
 */
TEST_F(loop, sample_events_rate_limited)
{
	struct timespec gap = { 0, 15625000 };
	struct ntf_count c = { 0 };
	struct sample_reply r;
	struct servo_reply s;
	long long t0, secs_x10;
	struct nl mon;

	SELECTED();

	ASSERT_EQ(0, nl_open(&mon, PTPK_FAMILY_NAME));
	ASSERT_EQ(0, nl_join_monitor(&mon));
	ASSERT_EQ(0, servo_new(&self->nl, self->phc_s, 0, &s));
	c.servo = s.id;
	t0 = raw_now();
	for (int i = 0; i < 64; i++) {
		ASSERT_EQ(0, sample(&self->nl, s.id, i, &r));
		nanosleep(&gap, NULL);
	}
	secs_x10 = (raw_now() - t0) / 100000000LL + 1;
	while (nl_recv_one(&mon, 300, sample_ntf_cb, &c) == 0)
		;
	TH_LOG("%d sample events for 64 samples in %lld.%lld s", c.n,
	       secs_x10 / 10, secs_x10 % 10);
	EXPECT_LE(2, c.n);
	EXPECT_GE(secs_x10 + 4, c.n);
	EXPECT_EQ(0, servo_cmd(&self->nl, PTPK_CMD_SERVO_DEL, s.id, NULL));
	nl_close(&mon);
}

/*
 * The system clock is stepped in the kernel (do_settimeofday64): direct
 * samples saying it is 3 ms ahead make the PI jump it back by 3 ms, measured
 * against a ptpsim PHC, which runs on raw monotonic time.
 */
TEST_F(loop, system_clock_steps_in_kernel)
{
	struct sample_reply r;
	struct servo_reply s;
	long long before, after;
	struct timex tx = { 0 };
	long flags = 0;

	SELECTED();

	ASSERT_EQ(0, servo_new(&self->nl, -1, 0, &s));
	before = true_realtime_offset();
	/* the PI waits for its frequency estimate before the first step */
	for (int i = 0; i < 40 && !(flags & PTPK_SAMPLE_FLAGS_STEPPED); i++) {
		ASSERT_EQ(0, sample_direct(&self->nl, s.id, 3000000, &r));
		flags |= r.flags;
		tick();
	}
	after = true_realtime_offset();
	ASSERT_EQ(0, servo_cmd(&self->nl, PTPK_CMD_SERVO_GET, s.id, &s));
	TH_LOG("CLOCK_REALTIME moved %lld ns against the PHC; steps %u",
	       after - before, s.n_steps);
	EXPECT_TRUE(flags & PTPK_SAMPLE_FLAGS_STEPPED);
	EXPECT_EQ(1, s.n_steps);
	/* the slack covers CLOCK_REALTIME drifting against raw time meanwhile */
	EXPECT_LT(llabs(after - before + 3000000), 1000000);
	EXPECT_EQ(0, servo_cmd(&self->nl, PTPK_CMD_SERVO_DEL, s.id, NULL));
	/* put the system clock back (its frequency was never touched) */
	tx.modes = ADJ_SETOFFSET | ADJ_NANO;
	tx.time.tv_usec = before - after;
	clock_adjtime(CLOCK_REALTIME, &tx);
}

/* The owner dies: its job stops, its servo is orphaned (holdover). */
TEST_F(loop, sync_owner_dies)
{
	struct servo_reply s;
	struct sync_reply j;
	int pipefd[2], status;
	uint32_t id = 0;
	pid_t pid;

	SELECTED();

	ASSERT_EQ(0, pipe(pipefd));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		struct nl nl;

		if (nl_open(&nl, PTPK_FAMILY_NAME) ||
		    servo_new(&nl, self->phc_s, 0, &s) ||
		    sync_new(&nl, s.id, self->phc_m, 8000, &j))
			_exit(1);
		if (write(pipefd[1], &s.id, sizeof(s.id)) != sizeof(s.id))
			_exit(3);
		pause();
		_exit(0);
	}
	close(pipefd[1]);
	ASSERT_EQ(sizeof(id), read(pipefd[0], &id, sizeof(id)));
	close(pipefd[0]);
	sleep(2);
	ASSERT_EQ(0, sync_cmd(&self->nl, PTPK_CMD_SYNC_GET, 0, NLM_F_DUMP, &j));
	EXPECT_EQ(1, j.count);
	ASSERT_EQ(0, kill(pid, SIGKILL));
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_EQ(0, sync_cmd(&self->nl, PTPK_CMD_SYNC_GET, 0, NLM_F_DUMP, &j));
	EXPECT_EQ(0, j.count);
	ASSERT_EQ(0, servo_cmd(&self->nl, PTPK_CMD_SERVO_GET, id, &s));
	EXPECT_TRUE(s.orphaned);
	EXPECT_EQ(0, servo_cmd(&self->nl, PTPK_CMD_SERVO_DEL, id, NULL));
}

/* Only the owner samples; adopting a live servo fails. */
TEST_F(loop, ownership)
{
	struct sample_reply r;
	struct servo_reply s;
	struct nl other;

	SELECTED();

	ASSERT_EQ(0, servo_new(&self->nl, self->phc_s, 0, &s));
	ASSERT_EQ(0, nl_open(&other, PTPK_FAMILY_NAME));
	EXPECT_EQ(-EBUSY, sample(&other, s.id, 0, &r));
	EXPECT_NE(NULL, strstr(other.extack, "another socket"));
	EXPECT_EQ(-EBUSY, servo_cmd(&other, PTPK_CMD_SERVO_ADOPT, s.id, NULL));
	EXPECT_EQ(0, sample(&self->nl, s.id, 1, &r));
	EXPECT_EQ(1, r.seq);
	EXPECT_EQ(-ENOENT, sample(&self->nl, s.id + 1000, 0, &r));
	nl_close(&other);
	EXPECT_EQ(0, servo_cmd(&self->nl, PTPK_CMD_SERVO_DEL, s.id, NULL));
}

/* servo-sample and servo-adopt need CAP_NET_ADMIN and the servo's netns. */
TEST_F(loop, permission_and_netns)
{
	struct servo_reply s;
	int status;
	pid_t pid;

	SELECTED();

	ASSERT_EQ(0, servo_new(&self->nl, self->phc_s, 0, &s));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		struct sample_reply r;
		struct nl nl;
		int bad = 0;

		if (unshare(CLONE_NEWNET) || nl_open(&nl, PTPK_FAMILY_NAME))
			_exit(90);
		bad += sample_fixed(&nl, s.id, &r) != -ENOENT;
		bad += (servo_cmd(&nl, PTPK_CMD_SERVO_ADOPT, s.id, NULL) !=
			-ENOENT) << 1;
		nl_close(&nl);
		if (setgroups(0, NULL) || setgid(65534) || setuid(65534))
			_exit(91);
		if (nl_open(&nl, PTPK_FAMILY_NAME))
			_exit(92);
		bad += (sample_fixed(&nl, s.id, &r) != -EPERM) << 2;
		bad += (servo_cmd(&nl, PTPK_CMD_SERVO_ADOPT, s.id, NULL) !=
			-EPERM) << 3;
		_exit(bad);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
	EXPECT_EQ(0, servo_cmd(&self->nl, PTPK_CMD_SERVO_DEL, s.id, NULL));
}

/* Random attributes, sizes and values for every command: errors only. */
TEST_F(loop, fuzzed_attributes)
{
	static const uint8_t cmds[] = {
		PTPK_CMD_INFO_GET, PTPK_CMD_CLOCK_GET, PTPK_CMD_SERVO_NEW,
		PTPK_CMD_SERVO_DEL, PTPK_CMD_SERVO_GET, PTPK_CMD_SERVO_SET,
		PTPK_CMD_SERVO_SAMPLE, PTPK_CMD_SERVO_ADOPT, PTPK_CMD_SYNC_NEW,
		PTPK_CMD_SYNC_DEL, PTPK_CMD_SYNC_GET, PTPK_CMD_SYNC_SET,
	};
	struct servo_reply s;
	unsigned int i, j, ok = 0, refused = 0;
	char buf[BUFSZ];

	SELECTED();

	ASSERT_EQ(0, servo_new(&self->nl, self->phc_s, 0, &s));
	srand(42);
	for (i = 0; i < 3000; i++) {
		struct nlmsghdr *nlh;
		int n = 1 + rand() % 6, err;
		uint8_t cmd = cmds[rand() % sizeof(cmds)];

		nlh = nl_msg(&self->nl, buf, cmd, 0);
		if (rand() % 2)
			mnl_attr_put_u32(nlh, 1, rand() % 2 ? s.id : rand());
		for (j = 0; j < n; j++) {
			uint16_t type = 1 + rand() % 45;
			uint64_t v = ((uint64_t)rand() << 33) ^ rand();
			int len = (int[]){ 0, 1, 4, 8, 8, 8, 12 }[rand() % 7];

			if (rand() % 4 == 0)
				v = (uint64_t)(int64_t)-(rand() % 1000);
			if (rand() % 8 == 0)
				v = 1ULL << 63;
			mnl_attr_put(nlh, type, len, &v);
		}
		err = nl_talk(&self->nl, nlh, NULL, NULL);
		if (err == 0)
			ok++;
		else
			refused++;
		/* servo-del may have hit our servo: make a new one */
		if (servo_cmd(&self->nl, PTPK_CMD_SERVO_GET, s.id, NULL))
			ASSERT_EQ(0, servo_new(&self->nl, self->phc_s, 0, &s));
	}
	TH_LOG("3000 random requests: %u accepted, %u refused", ok, refused);
	EXPECT_LT(0, refused);
	/* left in place: the teardown deletes its PHC under it */
}

TEST_HARNESS_MAIN
