// SPDX-License-Identifier: GPL-2.0
/* Logging as ptp4l does it, and the lines tools scrape from ptp4l. */
#include <inttypes.h>
#include <stdarg.h>
#include <string.h>

#include "config.h"
#include "print.h"

static char progname[64] = "ptpkd";
static char tag[128];
static int level = LOG_INFO;
static bool verbose;
static bool use_syslog = true;
static print_clock_fn clock_fn;
static print_syslog_fn syslog_fn;
static FILE *out_f, *err_f;

static void copy(char *dst, size_t len, const char *src)
{
	snprintf(dst, len, "%s", src ? src : "");
}

void print_set_progname(const char *name)
{
	copy(progname, sizeof(progname), name);
}

void print_set_tag(const char *t)
{
	copy(tag, sizeof(tag), t);
}

void print_set_level(int l)
{
	level = l;
}

int print_get_level(void)
{
	return level;
}

void print_set_verbose(bool on)
{
	verbose = on;
}

void print_set_syslog(bool on)
{
	use_syslog = on;
}

void print_set_clock(print_clock_fn fn)
{
	clock_fn = fn;
}

void print_set_files(FILE *out, FILE *err)
{
	out_f = out;
	err_f = err;
}

void print_set_syslog_fn(print_syslog_fn fn)
{
	syslog_fn = fn;
}

void print_setup(const struct config *cfg, const char *name)
{
	print_set_progname(name);
	print_set_level(config_get_int(cfg, NULL, "logging_level"));
	print_set_verbose(config_get_int(cfg, NULL, "verbose"));
	print_set_syslog(config_get_int(cfg, NULL, "use_syslog"));
	print_set_tag(config_get_string(cfg, NULL, "message_tag"));
}

static void now(struct timespec *ts)
{
	if (clock_fn)
		clock_fn(ts);
	else
		clock_gettime(CLOCK_MONOTONIC, ts);
}

static void vlog(int l, const char *fmt, va_list ap)
{
	struct timespec ts;
	char buf[1024];
	FILE *f;

	now(&ts);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	if (verbose) {
		/* errors and warnings to stderr, as ptp4l */
		if (l >= LOG_NOTICE)
			f = out_f ? out_f : stdout;
		else
			f = err_f ? err_f : stderr;
		fprintf(f, "%s[%lld.%03ld]: %s%s%s\n", progname,
			(long long)ts.tv_sec, ts.tv_nsec / 1000000, tag,
			*tag ? " " : "", buf);
		fflush(f);
	}
	if (use_syslog) {
		char line[1200];

		snprintf(line, sizeof(line), "[%lld.%03ld] %s%s%s",
			 (long long)ts.tv_sec, ts.tv_nsec / 1000000, tag,
			 *tag ? " " : "", buf);
		if (syslog_fn)
			syslog_fn(l, line);
		else
			syslog(l, "%s", line);
	}
}

void pr_log(int l, const char *fmt, ...)
{
	va_list ap;

	if (l > level)
		return;
	va_start(ap, fmt);
	vlog(l, fmt, ap);
	va_end(ap);
}

void pr_log_rl(struct print_rl *rl, int l, const char *fmt, ...)
{
	struct timespec ts;
	va_list ap;

	if (l > level)
		return;
	now(&ts);
	if (!rl->n || ts.tv_sec - rl->start.tv_sec > 1 ||
	    (ts.tv_sec - rl->start.tv_sec) * 1000000000LL +
	    (ts.tv_nsec - rl->start.tv_nsec) >= 1000000000LL) {
		rl->start = ts;
		rl->n = 0;
		if (rl->suppressed)
			pr_log(l, "%u similar messages suppressed",
			       rl->suppressed);
		rl->suppressed = 0;
	}
	if (rl->n >= PRINT_RL_BURST) {
		rl->suppressed++;
		return;
	}
	rl->n++;
	va_start(ap, fmt);
	vlog(l, fmt, ap);
	va_end(ap);
}

int fmt_master_offset(char *buf, size_t len, int64_t offset, int state,
		      double freq, int64_t delay)
{
	return snprintf(buf, len,
			"master offset %10" PRId64 " s%d freq %+7.0f path delay %9" PRId64,
			offset, state, freq, delay);
}

int fmt_port_state(char *buf, size_t len, uint16_t portnum,
		   const char *ifname, enum port_state from,
		   enum port_state to, enum fsm_event ev, enum fault_type ft)
{
	char port[48];

	if (ifname)
		snprintf(port, sizeof(port), "port %hu (%s)", portnum, ifname);
	else
		snprintf(port, sizeof(port), "port %hu", portnum);
	if (ev == EV_FAULT_DETECTED)
		return snprintf(buf, len, "%s: %s to %s on %s (%s)", port,
				ps_str(from), ps_str(to), ev_str(ev),
				ft_str(ft));
	return snprintf(buf, len, "%s: %s to %s on %s", port, ps_str(from),
			ps_str(to), ev_str(ev));
}
