// SPDX-License-Identifier: GPL-2.0
/*
 * phc2sys 3.1.1's command line. Options that need what the kernel job does
 * not do (PPS input, the ntpshm and nullf servos, a configuration file) are
 * refused with a message instead of being silently ignored.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include "options.h"

void p2s_usage(FILE *f, const char *prog)
{
	fprintf(f,
		"\nusage: %s [options]\n\n"
		" phc2sys in the kernel: ptpk.ko measures and servos, this front-end\n"
		" sets the job up, prints phc2sys's lines and applies the frequency\n"
		" of CLOCK_REALTIME.\n\n"
		" automatic configuration:\n"
		" -a             turn on autoconfiguration\n"
		" -r             synchronize system (realtime) clock\n"
		"                repeat -r to consider it also as a time source\n"
		" manual configuration:\n"
		" -c [dev|name]  slave clock (CLOCK_REALTIME)\n"
		" -s [dev|name]  master clock (/dev/ptpN, interface or CLOCK_REALTIME)\n"
		" -O [offset]    slave-master time offset (0)\n"
		" -w             wait for ptp4l\n"
		" common options:\n"
		" -E [pi|linreg] clock servo (pi)\n"
		" -P [kp]        proportional constant (0.7)\n"
		" -I [ki]        integration constant (0.3)\n"
		" -S [step]      step threshold (disabled)\n"
		" -F [step]      step threshold only on start (0.00002)\n"
		" -R [rate]      slave clock update rate in HZ (1.0)\n"
		" -N [num]       number of master clock readings per update (5)\n"
		" -L [limit]     sanity frequency limit in ppb (200000000)\n"
		" -u [num]       number of clock updates in summary stats (0)\n"
		" -n [num]       domain number (0)\n"
		" -z [path]      server address for UDS (/var/run/ptp4l)\n"
		" -D, --detach   go to the background and keep the job running\n"
		"                (the kernel stops it when this process ends)\n"
		" -l [num]       set the logging level to 'num' (6)\n"
		" -t [tag]       add tag to log messages\n"
		" -m             print messages to stdout\n"
		" -q             do not print messages to the syslog\n"
		" -v             prints the software version and exits\n"
		" -h             prints this message and exits\n"
		" not supported: -d (PPS), -f (config file),\n"
		"                -E ntpshm|nullf, -M\n\n",
		prog);
}

static int bad(FILE *err, char opt, const char *arg, const char *why)
{
	fprintf(err, "-%c: %s \"%s\"\n", opt, why, arg);
	return P2S_EXIT_USAGE;
}

static int get_double(const char *s, double min, double max, double *out)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || *end || isnan(v) || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

static int get_long(const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 0);
	if (errno || end == s || *end || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

int p2s_parse(struct p2s_opts *o, int argc, char **argv, FILE *out, FILE *err)
{
	static const struct option longopts[] = {
		{ "detach", no_argument, NULL, 'D' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'v' },
		{ NULL, 0, NULL, 0 },
	};
	const char *prog = argv[0] ? argv[0] : "ptpk-phc2sys";
	double d;
	long l;
	bool have_dst = false;
	int c;

	memset(o, 0, sizeof(*o));
	o->dst = "CLOCK_REALTIME";
	o->kind = PTPK_SERVO_KIND_PI;
	o->rate = 1.0;
	o->readings = 5;
	o->first_step_threshold = 0.00002;
	o->sanity_freq_limit = 200000000;
	o->uds = "/var/run/ptp4l";
	o->print_level = LOG_INFO;
	o->syslog = true;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv,
				":arc:d:f:s:E:P:I:S:F:R:N:O:L:M:i:u:wn:xz:l:t:mqvhD",
				longopts, NULL)) != -1) {
		switch (c) {
		case 'c':
			o->dst = optarg;
			have_dst = true;
			break;
		case 's':
		case 'i':	/* phc2sys's deprecated -i IFACE */
			o->src = optarg;
			break;
		case 'E':
			if (!strcmp(optarg, "pi"))
				o->kind = PTPK_SERVO_KIND_PI;
			else if (!strcmp(optarg, "linreg"))
				o->kind = PTPK_SERVO_KIND_LINREG;
			else if (!strcmp(optarg, "ntpshm") || !strcmp(optarg, "nullf"))
				return bad(err, c, optarg, "servo not supported by ptpk.ko");
			else
				return bad(err, c, optarg, "invalid servo name");
			break;
		case 'P':
			if (get_double(optarg, 0, 1000, &o->kp))
				return bad(err, c, optarg, "invalid proportional constant");
			o->have_kp = true;
			break;
		case 'I':
			if (get_double(optarg, 0, 1000, &o->ki))
				return bad(err, c, optarg, "invalid integration constant");
			o->have_ki = true;
			break;
		case 'S':
			if (get_double(optarg, 0, 9e9, &o->step_threshold))
				return bad(err, c, optarg, "invalid step threshold");
			break;
		case 'F':
			if (get_double(optarg, 0, 9e9, &o->first_step_threshold))
				return bad(err, c, optarg, "invalid first step threshold");
			break;
		case 'R':
			if (get_double(optarg, 1e-3, 1e6, &d) || d * 1000 > UINT32_MAX)
				return bad(err, c, optarg, "invalid update rate");
			o->rate = d;
			break;
		case 'N':
			if (get_long(optarg, 1, 1000, &l))
				return bad(err, c, optarg, "invalid number of readings");
			o->readings = (uint32_t)l;
			break;
		case 'O':
			if (get_long(optarg, INT32_MIN, INT32_MAX, &l))
				return bad(err, c, optarg, "invalid offset");
			o->sync_offset = (int32_t)l;
			o->forced_offset = true;
			break;
		case 'L':
			if (get_long(optarg, 0, UINT32_MAX, &l))
				return bad(err, c, optarg, "invalid sanity frequency limit");
			o->sanity_freq_limit = (uint32_t)l;
			break;
		case 'u':
			if (get_long(optarg, 0, 1000000, &l))
				return bad(err, c, optarg, "invalid number of updates");
			o->summary = (unsigned int)l;
			break;
		case 'w':
			o->wait_sync = true;
			break;
		case 'n':
			if (get_long(optarg, 0, 255, &l))
				return bad(err, c, optarg, "invalid domain number");
			o->domain = (uint8_t)l;
			break;
		case 'z':
			if (strlen(optarg) >= 108)
				return bad(err, c, optarg, "path too long");
			o->uds = optarg;
			break;
		case 'l':
			if (get_long(optarg, 0, 7, &l))
				return bad(err, c, optarg, "invalid print level");
			o->print_level = (int)l;
			break;
		case 't':
			o->tag = optarg;
			break;
		case 'm':
			o->verbose = true;
			break;
		case 'q':
			o->syslog = false;
			break;
		case 'D':
			o->detach = true;
			break;
		case 'v':
			fprintf(out, "%s\n", PTPK_VERSION);
			return P2S_EXIT_OK;
		case 'h':
			p2s_usage(out, prog);
			return P2S_EXIT_OK;
		case 'a':
			o->autocfg = true;
			break;
		case 'r':
			o->realtime++;
			break;
		case 'd':
		case 'f':
		case 'M':
		case 'x':
			fprintf(err, "-%c is not supported by ptpk-phc2sys\n", c);
			return P2S_EXIT_USAGE;
		case ':':
			fprintf(err, "option -%c needs an argument\n", optopt);
			p2s_usage(err, prog);
			return P2S_EXIT_USAGE;
		default:
			fprintf(err, "unknown option -%c\n", optopt ? optopt : '?');
			p2s_usage(err, prog);
			return P2S_EXIT_USAGE;
		}
	}
	if (optind < argc) {
		fprintf(err, "unexpected argument \"%s\"\n", argv[optind]);
		return P2S_EXIT_USAGE;
	}
	if (o->autocfg) {
		if (o->src || have_dst || o->wait_sync || o->forced_offset) {
			fprintf(err, "autoconfiguration cannot be mixed with manual config options.\n");
			p2s_usage(err, prog);
			return P2S_EXIT_USAGE;
		}
		return P2S_RUN;
	}
	if (!o->src) {
		fprintf(err, "autoconfiguration or valid source clock must be selected.\n");
		p2s_usage(err, prog);
		return P2S_EXIT_USAGE;
	}
	if (!strcmp(o->src, o->dst)) {
		fprintf(err, "error: source and destination clocks are the same\n");
		return P2S_EXIT_USAGE;
	}
	return P2S_RUN;
}
