/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ptp4l-compatible logging: "ptpkd[1234.567]: text" on stdout (notice
 * and below) or stderr (warnings and errors) when verbose, and to syslog when
 * use_syslog, filtered by logging_level (syslog levels 0..7). A message_tag
 * goes verbatim before the text, then a blank, as in ptp4l 3.1.1 ("-m
 * --message_tag=[x]" gives "ptp4l[1.000]: [x] text"). Also the lines tools
 * scrape from ptp4l, byte for byte as 3.1.1 prints them (the summary line is
 * stats_summary(), stats.h).
 */
#ifndef PTPKD_PRINT_H
#define PTPKD_PRINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <syslog.h>
#include <time.h>

#include "fsm_names.h"

#define PRINT_LEVEL_MIN LOG_EMERG
#define PRINT_LEVEL_MAX LOG_DEBUG

struct config;

/* From logging_level, verbose, use_syslog and message_tag. */
void print_setup(const struct config *cfg, const char *progname);
void print_set_progname(const char *name);	/* copied */
void print_set_tag(const char *tag);		/* copied; NULL or "": none */
void print_set_level(int level);
void print_set_verbose(bool on);
void print_set_syslog(bool on);
int print_get_level(void);

/*
 * Injection for tests; NULL restores CLOCK_MONOTONIC, stdout/stderr and
 * syslog(3).
 */
typedef void (*print_clock_fn)(struct timespec *now);
typedef void (*print_syslog_fn)(int level, const char *msg);
void print_set_clock(print_clock_fn fn);
void print_set_files(FILE *out, FILE *err);
void print_set_syslog_fn(print_syslog_fn fn);

void pr_log(int level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#define pr_emerg(...)	pr_log(LOG_EMERG, __VA_ARGS__)
#define pr_alert(...)	pr_log(LOG_ALERT, __VA_ARGS__)
#define pr_crit(...)	pr_log(LOG_CRIT, __VA_ARGS__)
#define pr_err(...)	pr_log(LOG_ERR, __VA_ARGS__)
#define pr_warning(...)	pr_log(LOG_WARNING, __VA_ARGS__)
#define pr_notice(...)	pr_log(LOG_NOTICE, __VA_ARGS__)
#define pr_info(...)	pr_log(LOG_INFO, __VA_ARGS__)
#define pr_debug(...)	pr_log(LOG_DEBUG, __VA_ARGS__)

/*
 * Rate limiting for per-packet lines: at most PRINT_RL_BURST lines per second
 * per call site; the first line after a suppressed stretch is preceded by
 * "N similar messages suppressed".
 */
#define PRINT_RL_BURST 10

struct print_rl {
	struct timespec start;
	unsigned int n, suppressed;
};

void pr_log_rl(struct print_rl *rl, int level, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#define pr_rl(level, ...) do {						\
	static struct print_rl pr_rl_state_;				\
	pr_log_rl(&pr_rl_state_, level, __VA_ARGS__);			\
} while (0)
#define pr_warning_rl(...)	pr_rl(LOG_WARNING, __VA_ARGS__)
#define pr_info_rl(...)		pr_rl(LOG_INFO, __VA_ARGS__)
#define pr_debug_rl(...)	pr_rl(LOG_DEBUG, __VA_ARGS__)

/* The formatters return snprintf's count. */

/* "master offset %10lld s%d freq %+7.0f path delay %9lld" */
int fmt_master_offset(char *buf, size_t len, int64_t offset, int state,
		      double freq, int64_t delay);
/*
 * "port 1: LISTENING to MASTER on ANNOUNCE_RECEIPT_TIMEOUT_EXPIRES", with
 * " (FT_UNSPECIFIED)" after FAULT_DETECTED. ifname NULL gives 3.1.1's line;
 * an ifname gives later linuxptp's "port 1 (eth0): ...".
 */
int fmt_port_state(char *buf, size_t len, uint16_t portnum,
		   const char *ifname, enum port_state from,
		   enum port_state to, enum fsm_event ev, enum fault_type ft);

#endif
