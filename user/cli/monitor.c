// SPDX-License-Identifier: GPL-2.0
/* ptpk-cli monitor: one line per notification of the "monitor" group. */
#include <signal.h>
#include <string.h>

#include "cli.h"

static volatile sig_atomic_t stop_flag;

static void on_signal(int sig)
{
	(void)sig;
	stop_flag = 1;
}

static const char *event_name(uint8_t cmd)
{
	switch (cmd) {
	case PTPK_CMD_SERVO_CREATE_NTF:
		return "create";
	case PTPK_CMD_SERVO_DELETE_NTF:
		return "delete";
	default:
		return "change";
	}
}

static int print_event(const struct ptpk_event *ev, void *data)
{
	struct cli *c = data;
	struct json j;

	if (c->json) {
		json_init(&j, c->out, false);	/* one object per line */
		json_obj_begin(&j);
		json_kv_string(&j, "object", "servo");
		if (ev->sample) {
			json_kv_string(&j, "event", "sample");
			sample_print_json_members(&j, ev->sample);
		} else {
			json_kv_string(&j, "event", event_name(ev->cmd));
			servo_print_json_members(&j, ev->servo);
		}
		json_obj_end(&j);
		json_finish(&j);
	} else if (ev->sample) {
		sample_print_text(c->out, ev->sample, c->details);
	} else {
		servo_print_text(c->out, ev->servo, event_name(ev->cmd),
				 SERVO_ONELINE |
				 (c->details ? SERVO_DETAILS : 0));
	}
	fflush(c->out);
	return 0;
}

int cmd_monitor(struct cli *c, int argc, char **argv)
{
	struct sigaction sa;
	sigset_t block, saved, orig, *mask = NULL;
	int i, err;

	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "-j") || !strcmp(argv[i], "--json")) {
			c->json = true;
		} else if (!strcmp(argv[i], "-p") || !strcmp(argv[i], "--pretty")) {
			c->json = true;	/* still one object per line */
		} else if (!strcmp(argv[i], "-d") || !strcmp(argv[i], "--details")) {
			c->details = true;
		} else if (cli_is_help(argv[i])) {
			fputs("Usage: ptpk-cli [-j] [-d] monitor [-j] [-d]\n", c->out);
			return CLI_OK;
		} else {
			return cli_usage_error(c, "unexpected \"%s\"", argv[i]);
		}
	}
	err = cli_ptpk(c);
	if (err)
		return err;

	if (!c->stop) {
		/*
		 * SIGINT and SIGTERM stay blocked except while waiting for a
		 * message, so one arriving just before the wait is not lost.
		 */
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_signal;
		sigemptyset(&sa.sa_mask);
		sigaction(SIGINT, &sa, NULL);
		sigaction(SIGTERM, &sa, NULL);
		sigemptyset(&block);
		sigaddset(&block, SIGINT);
		sigaddset(&block, SIGTERM);
		sigprocmask(SIG_BLOCK, &block, &saved);
		orig = saved;
		sigdelset(&orig, SIGINT);
		sigdelset(&orig, SIGTERM);
		mask = &orig;
		c->stop = &stop_flag;
	}
	err = ptpk_monitor(c->p, print_event, c, c->stop, mask);
	if (mask)
		sigprocmask(SIG_SETMASK, &saved, NULL);
	return err ? cli_fail(c, err, "monitor") : CLI_OK;
}
