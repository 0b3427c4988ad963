/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linuxptp's print.c as phc2sys uses it: "phc2sys[<CLOCK_MONOTONIC s>.<ms>]: "
 * then the tag and the message, to stdout (-m; errors and warnings to
 * stderr) and to syslog (unless -q), up to the -l level.
 */
#ifndef P2S_PRINT_H
#define P2S_PRINT_H

#include <stdbool.h>
#include <syslog.h>

void p2s_print_setup(int level, bool verbose, bool use_syslog, const char *tag);
void p2s_print(int level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#define pr_err(...) p2s_print(LOG_ERR, __VA_ARGS__)
#define pr_warning(...) p2s_print(LOG_WARNING, __VA_ARGS__)
#define pr_notice(...) p2s_print(LOG_NOTICE, __VA_ARGS__)
#define pr_info(...) p2s_print(LOG_INFO, __VA_ARGS__)
#define pr_debug(...) p2s_print(LOG_DEBUG, __VA_ARGS__)

#endif
