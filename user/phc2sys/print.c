// SPDX-License-Identifier: GPL-2.0
/* Messages in linuxptp's format, see print.h. */
#include <stdarg.h>
#include <stdio.h>
#include <time.h>

#include "print.h"

static int print_level = LOG_INFO;
static bool print_verbose;
static bool print_syslog = true;
static const char *print_tag;

void p2s_print_setup(int level, bool verbose, bool use_syslog, const char *tag)
{
	print_level = level;
	print_verbose = verbose;
	print_syslog = use_syslog;
	print_tag = tag;
}

void p2s_print(int level, const char *fmt, ...)
{
	struct timespec ts;
	char buf[1024];
	va_list ap;
	FILE *f;

	if (level > print_level)
		return;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (print_verbose) {
		f = level >= LOG_NOTICE ? stdout : stderr;
		fprintf(f, "phc2sys[%ld.%03ld]: %s%s%s\n", (long)ts.tv_sec,
			ts.tv_nsec / 1000000, print_tag ? print_tag : "",
			print_tag ? " " : "", buf);
		fflush(f);
	}
	if (print_syslog)
		syslog(level, "[%ld.%03ld] %s%s%s", (long)ts.tv_sec,
		       ts.tv_nsec / 1000000, print_tag ? print_tag : "",
		       print_tag ? " " : "", buf);
}
