// SPDX-License-Identifier: GPL-2.0
/*
 * ptpkd: a ptp4l-compatible PTP daemon whose servo runs in ptpk.ko. This
 * version runs an ordinary clock (one port).
 */
#include <libgen.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "config.h"
#include "options.h"
#include "print.h"
#include "sk.h"

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static void sk_to_print(int level, const char *msg)
{
	pr_log(level, "%s", msg);
}

int main(int argc, char *argv[])
{
	struct options opts;
	struct sigaction sa;
	sigset_t block, wait_mask;
	struct config *cfg;
	struct clock clock;
	char *progname;
	int rc;

	progname = basename(argv[0]);
	cfg = config_create(0);
	if (!cfg) {
		fprintf(stderr, "%s: out of memory\n", progname);
		return 255;
	}
	rc = options_load(cfg, argc, argv, &opts, stdout, stderr);
	if (rc) {
		config_destroy(cfg);
		return rc > 0 ? 0 : 255;
	}
	if (!config_n_interfaces(cfg)) {
		fprintf(stderr, "no interface specified\n");
		options_usage(stderr, progname);
		config_destroy(cfg);
		return 255;
	}
	print_setup(cfg, progname);
	sk_set_log(sk_to_print);
	srandom((unsigned int)time(NULL) ^ (unsigned int)getpid());

	/* Signals only interrupt the wait, so that no handler races a send. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGQUIT);
	sigprocmask(SIG_BLOCK, &block, &wait_mask);
	sigdelset(&wait_mask, SIGINT);
	sigdelset(&wait_mask, SIGTERM);
	sigdelset(&wait_mask, SIGQUIT);

	rc = clock_init(&clock, cfg);
	if (rc)
		fprintf(stderr, "failed to create a clock\n");	/* as ptp4l */
	else
		rc = clock_run(&clock, &stop, &wait_mask);
	/*
	 * Only the sockets close: the kernel servo stays, and ptpk.ko holds
	 * its clock at the last good frequency until someone adopts it.
	 */
	clock_fini(&clock);
	config_destroy(cfg);
	return rc ? 255 : 0;
}
