// SPDX-License-Identifier: GPL-2.0
/*
 * ptpk-phc2sys: phc2sys's command line and output on top of a ptpk.ko sync
 * job. The kernel measures the clocks and runs the servo; we wait for ptp4l
 * (-w), create the servo and the job, print each sample the module sends
 * us, apply the frequency when the sink is CLOCK_REALTIME (the module
 * cannot), and remove both at exit.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/timex.h>
#include <time.h>
#include <unistd.h>

#include "job.h"
#include "options.h"
#include "output.h"
#include "pmc.h"
#include "print.h"

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

struct ctx {
	struct p2s_job job;
	struct p2s_output out;
	bool adjtime_failed;
};

static int64_t raw_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC_RAW, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int on_sample(const struct ptpk_sample *smp, void *data)
{
	struct ctx *c = data;
	struct timex tx = { .modes = ADJ_FREQUENCY };
	int64_t route = -1;

	if (smp->id != c->job.servo_id)
		return 0;
	if (c->job.sink_system && (smp->flags & PTPK_SAMPLE_FLAGS_APPLY_FREQ)) {
		tx.freq = (long)(smp->freq * 65536 / 1000000);
		if (clock_adjtime(CLOCK_REALTIME, &tx) < 0) {
			if (!c->adjtime_failed)
				pr_err("failed to adjust the clock frequency: %m");
			c->adjtime_failed = true;
		} else if (PTPK_HAS(smp, PTPK_A_SAMPLE_MONO_TS)) {
			/* the module's outcome to our adjustment */
			route = raw_now() - smp->mono_ts;
		}
	}
	if (smp->flags & PTPK_SAMPLE_FLAGS_FAULT)
		pr_err("%s: the clock refused an adjustment or went away",
		       c->out.device);
	output_sample(&c->out, smp, route);
	return 0;
}

/* -w: as phc2sys, poll ptp4l once a second until a port is synced. */
static int wait_ptp4l(const struct p2s_opts *o, int *utc_offset,
		      bool *have_offset)
{
	struct pmc pmc;
	int r;

	r = pmc_open(&pmc, o->uds, o->domain);
	if (r) {
		pr_err("failed to open the management socket: %s", strerror(-r));
		return r;
	}
	while (!stop) {
		r = pmc_port_synced(&pmc, 1000);
		if (r < 0) {
			pr_err("management request failed: %s", strerror(-r));
			goto out;
		}
		if (r > 0)
			break;
		pr_notice("Waiting for ptp4l...");
	}
	if (stop) {
		r = -EINTR;
		goto out;
	}
	if (!o->forced_offset) {
		r = 0;
		while (!stop && !r)
			r = pmc_utc_offset(&pmc, 1000, utc_offset);
		if (r <= 0) {
			pr_err("failed to get UTC offset");
			r = r ? r : -EINTR;
			goto out;
		}
		*have_offset = true;
	}
	r = 0;
out:
	pmc_close(&pmc);
	return r;
}

/* --detach: the child keeps the socket, so the job runs on. */
static int detach(const struct ctx *c)
{
	pid_t pid = fork();
	int fd;

	if (pid < 0) {
		pr_err("fork: %m");
		return -1;
	}
	if (pid > 0) {
		printf("ptpk-phc2sys: sync job %u (servo %u) runs in pid %d\n",
		       c->job.sync_id, c->job.servo_id, (int)pid);
		fflush(stdout);
		_exit(0);
	}
	setsid();
	fd = open("/dev/null", O_RDWR);
	if (fd >= 0) {
		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
		if (fd > 2)
			close(fd);
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct p2s_opts o;
	struct ctx c = { 0 };
	struct sigaction sa = { .sa_handler = on_signal };
	sigset_t block, waitmask;
	int ptp4l_offset = 0, r;
	bool have_offset = false;

	r = p2s_parse(&o, argc, argv, stdout, stderr);
	if (r != P2S_RUN)
		return r == P2S_EXIT_OK ? 0 : 255;
	p2s_print_setup(o.print_level, o.verbose, o.syslog, o.tag);
	if (o.syslog)
		openlog("phc2sys", LOG_PID, LOG_DAEMON);

	/* signals get through only while we wait (no lost wake-up) */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGQUIT);
	sigprocmask(SIG_BLOCK, &block, &waitmask);
	sigdelset(&waitmask, SIGINT);
	sigdelset(&waitmask, SIGTERM);
	sigdelset(&waitmask, SIGQUIT);

	if (o.wait_sync) {
		/* pmc polls with plain poll(): let signals in meanwhile */
		sigprocmask(SIG_UNBLOCK, &block, NULL);
		r = wait_ptp4l(&o, &ptp4l_offset, &have_offset);
		sigprocmask(SIG_BLOCK, &block, NULL);
		if (r)
			return r == -EINTR ? 0 : 255;
		if (have_offset)
			pr_info("UTC offset %d s from ptp4l", ptp4l_offset);
	}
	output_init(&c.out, o.dst, !strcmp(o.src, "CLOCK_REALTIME"), o.summary);
	r = p2s_job_start(&c.job, &o, p2s_utc_offset(&o, have_offset,
						     ptp4l_offset));
	if (r) {
		p2s_job_stop(&c.job);
		return 255;
	}
	if (o.detach) {
		if (detach(&c)) {
			p2s_job_stop(&c.job);
			return 255;
		}
		p2s_print_setup(o.print_level, false, o.syslog, o.tag);
	}
	r = ptpk_sample_listen(c.job.p, on_sample, &c, &stop, &waitmask);
	if (r)
		pr_err("lost the connection to ptpk.ko: %s", strerror(-r));
	output_finish(&c.out);
	if (o.detach) {
		/* the kernel stops the job as our socket closes; the servo
		 * stays in holdover and can be adopted */
		ptpk_close(c.job.p);
		return r ? 255 : 0;
	}
	/* as phc2sys does, CLOCK_REALTIME keeps the last frequency */
	p2s_job_stop(&c.job);
	return r ? 255 : 0;
}
