// SPDX-License-Identifier: GPL-2.0
/*
 * sample-rtt: the cost of one servo-sample round trip (netlink request,
 * delay filter, servo, frequency adjustment of the PHC, reply), beside the
 * cost of what ptp4l does in user space for one sample on the same PHC
 * (clock_adjtime ADJ_FREQUENCY). A benchmark: it prints figures, it does
 * not judge them.
 *
 *   sample-rtt /dev/ptpN [iterations]
 *
 * Needs ptpk.ko and CAP_NET_ADMIN; the PHC's frequency is changed.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/timex.h>
#include <time.h>
#include <unistd.h>

#include "libptpk.h"

#define FD_TO_CLOCKID(fd) ((~(clockid_t)(fd) << 3) | 3)

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static long long raw_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC_RAW, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

struct figures {
	double mean;
	long long p50, p99;
};

static struct figures summarize(long long *v, int n)
{
	struct figures f = { 0 };
	double sum = 0;
	int i;

	for (i = 0; i < n; i++)
		sum += v[i];
	qsort(v, n, sizeof(*v), cmp_ll);
	f.mean = sum / n;
	f.p50 = v[n / 2];
	f.p99 = v[(int)(n * 0.99)];
	return f;
}

int main(int argc, char **argv)
{
	struct ptpk_servo req = { 0 }, srv;
	struct ptpk_sample smp = { 0 }, out;
	struct figures fk, fu, fg;
	long long *t, t0;
	struct ptpk *p;
	struct timex tx;
	int n = 20000, fd, i, err;

	if (argc < 2) {
		fprintf(stderr, "usage: sample-rtt /dev/ptpN [iterations]\n");
		return 2;
	}
	if (argc > 2)
		n = atoi(argv[2]);
	if (n < 100)
		n = 100;
	t = calloc(n, sizeof(*t));
	fd = open(argv[1], O_RDWR);
	if (!t || fd < 0) {
		perror(argv[1]);
		return 1;
	}
	err = ptpk_open(&p);
	if (err) {
		fprintf(stderr, "ptpk: %s\n", strerror(-err));
		return 1;
	}

	req.clock.type = PTPK_CLOCK_TYPE_PHC;
	PTPK_SET(&req.clock, PTPK_A_CLOCK_TYPE);
	snprintf(req.clock.dev_path, sizeof(req.clock.dev_path), "%s",
		 argv[1]);
	PTPK_SET(&req.clock, PTPK_A_CLOCK_DEV_PATH);
	PTPK_SET(&req, PTPK_A_SERVO_CLOCK);
	req.kind = PTPK_SERVO_KIND_PI;
	PTPK_SET(&req, PTPK_A_SERVO_KIND);
	snprintf(req.name, sizeof(req.name), "sample-rtt");
	PTPK_SET(&req, PTPK_A_SERVO_NAME);
	/* hardware-timestamping gains: locked after 2 samples 53 ms apart */
	req.val[PTPK_A_SERVO_HW_TS] = 1;
	PTPK_SET(&req, PTPK_A_SERVO_HW_TS);
	err = ptpk_servo_new(p, &req, &srv);
	if (err) {
		fprintf(stderr, "servo new: %s\n", strerror(-err));
		return 1;
	}

	/*
	 * Direct samples of a clock on time, stamped with a local time that
	 * advances as the clock check expects (it compares the samples' local
	 * times with CLOCK_MONOTONIC_RAW): the PI servo locks after two and
	 * then sets the frequency on every sample, as in steady state.
	 */
	smp.id = srv.id;
	PTPK_SET(&smp, PTPK_A_SAMPLE_ID);
	PTPK_SET(&smp, PTPK_A_SAMPLE_OFFSET);
	PTPK_SET(&smp, PTPK_A_SAMPLE_LOCAL_TS);
	for (i = -100; i < n; i++) {
		smp.offset = (i % 7) - 3;
		smp.local_ts = raw_ns();
		t0 = now_ns();
		err = ptpk_servo_sample(p, &smp, &out);
		if (err) {
			fprintf(stderr, "sample: %s\n", strerror(-err));
			return 1;
		}
		if (i >= 0)
			t[i] = now_ns() - t0;
	}
	if (out.state != PTPK_SERVO_STATE_LOCKED &&
	    out.state != PTPK_SERVO_STATE_LOCKED_STABLE)
		fprintf(stderr, "warning: servo not locked (state %u)\n",
			out.state);
	fk = summarize(t, n);

	/* the netlink part alone: a servo-get round trip */
	for (i = -100; i < n; i++) {
		struct ptpk_servo g;

		t0 = now_ns();
		err = ptpk_servo_get(p, srv.id, &g);
		if (err) {
			fprintf(stderr, "servo get: %s\n", strerror(-err));
			return 1;
		}
		if (i >= 0)
			t[i] = now_ns() - t0;
	}
	fg = summarize(t, n);
	ptpk_servo_del(p, srv.id);

	for (i = -100; i < n; i++) {
		memset(&tx, 0, sizeof(tx));
		tx.modes = ADJ_FREQUENCY;
		tx.freq = (i % 7) * 65;
		t0 = now_ns();
		if (syscall(SYS_clock_adjtime, FD_TO_CLOCKID(fd), &tx) < 0) {
			perror("clock_adjtime");
			return 1;
		}
		if (i >= 0)
			t[i] = now_ns() - t0;
	}
	fu = summarize(t, n);

	printf("# %d samples on %s\n", n, argv[1]);
	printf("ptpk servo-sample round trip   mean %8.0f ns  p50 %7lld ns  p99 %7lld ns\n",
	       fk.mean, fk.p50, fk.p99);
	printf("servo-get round trip (w/ ack)  mean %8.0f ns  p50 %7lld ns  p99 %7lld ns\n",
	       fg.mean, fg.p50, fg.p99);
	printf("user-space clock_adjtime       mean %8.0f ns  p50 %7lld ns  p99 %7lld ns\n",
	       fu.mean, fu.p50, fu.p99);
	printf("ratio (ptpk / clock_adjtime)   mean %.2f  p50 %.2f\n",
	       fk.mean / fu.mean, (double)fk.p50 / fu.p50);
	ptpk_close(p);
	close(fd);
	free(t);
	return 0;
}
