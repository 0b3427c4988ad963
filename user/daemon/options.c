// SPDX-License-Identifier: GPL-2.0
/* The command line: ptp4l's short options and one --long-option per key. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "options.h"

#ifndef PTPK_VERSION
#define PTPK_VERSION "0.1"
#endif

static int oerr(char *err, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int oerr(char *err, size_t len, const char *fmt, ...)
{
	va_list ap;

	if (err && len) {
		va_start(ap, fmt);
		vsnprintf(err, len, fmt, ap);
		va_end(ap);
	}
	return -1;
}

/* Flags that set a key; the value is checked like a file's. */
static const struct {
	char opt;
	const char *key, *value;
} flag_keys[] = {
	{ 'A', "delay_mechanism", "Auto" },
	{ 'E', "delay_mechanism", "E2E" },
	{ 'P', "delay_mechanism", "P2P" },
	{ '2', "network_transport", "L2" },
	{ '4', "network_transport", "UDPv4" },
	{ '6', "network_transport", "UDPv6" },
	{ 'H', "time_stamping", "hardware" },
	{ 'S', "time_stamping", "software" },
	{ 'L', "time_stamping", "legacy" },
	{ 's', "slaveOnly", "1" },
	{ 'm', "verbose", "1" },
	{ 'q', "use_syslog", "0" },
};

static int short_opt(struct config *cfg, char c, const char *arg,
		     struct options *opts, char *err, size_t len)
{
	char msg[400];
	unsigned int i;

	for (i = 0; i < sizeof(flag_keys) / sizeof(flag_keys[0]); i++) {
		if (flag_keys[i].opt != c)
			continue;
		if (config_set_text(cfg, flag_keys[i].key, flag_keys[i].value,
				    msg, sizeof(msg)))
			return oerr(err, len, "-%c: %s", c, msg);
		return 0;
	}
	switch (c) {
	case 'f':
		opts->config_file = arg;
		return 0;
	case 'p':
		opts->phc_device = arg;
		return 0;
	case 'i':
		if (config_add_interface(cfg, arg) < 0)
			return oerr(err, len,
				    "-i: bad interface name '%s' (1 to %d characters)",
				    arg, CFG_IFNAMSIZ - 1);
		return 0;
	case 'l':
		if (config_set_text(cfg, "logging_level", arg, msg, sizeof(msg)))
			return oerr(err, len, "-l: %s", msg);
		return 0;
	case 'v':
		opts->version = true;
		return 0;
	case 'h':
		opts->help = true;
		return 0;
	}
	opts->usage_on_error = true;
	return oerr(err, len, "invalid option -- '%c'", c);
}

static bool takes_arg(char c)
{
	return c && strchr("fipl", c);
}

static int long_opt(struct config *cfg, char *const argv[], int argc, int *i,
		    struct options *opts, char *err, size_t len)
{
	const char *name = argv[*i] + 2, *eq = strchr(name, '='), *value;
	char key[64];
	size_t n = eq ? (size_t)(eq - name) : strlen(name);

	if (n >= sizeof(key) || !cfg_key_find((snprintf(key, sizeof(key),
				"%.*s", (int)n, name), key))) {
		opts->usage_on_error = true;
		return oerr(err, len, "unrecognized option '--%.*s'", (int)n,
			    name);
	}
	if (eq) {
		value = eq + 1;
	} else {
		/* like getopt_long: the next word, whatever it looks like */
		if (*i + 1 >= argc)
			return oerr(err, len,
				    "option '--%s' requires an argument", key);
		value = argv[++*i];
	}
	return config_set_text(cfg, key, value, err, len);
}

int options_parse(struct config *cfg, int argc, char *const argv[],
		  struct options *opts, char *err, size_t len)
{
	int i;

	memset(opts, 0, sizeof(*opts));
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--")) {
			i++;
			break;
		}
		if (a[0] == '-' && a[1] == '-') {
			if (long_opt(cfg, argv, argc, &i, opts, err, len))
				return -1;
		} else if (a[0] == '-' && a[1]) {
			for (a++; *a; a++) {
				const char *arg = NULL;

				if (takes_arg(*a)) {
					if (a[1])
						arg = a + 1;
					else if (i + 1 < argc)
						arg = argv[++i];
					else
						return oerr(err, len,
							    "option requires an argument -- '%c'",
							    *a);
				}
				if (short_opt(cfg, *a, arg, opts, err, len))
					return -1;
				if (opts->help || opts->version)
					return 0;
				if (arg)
					break;
			}
		} else {
			break;
		}
		if (opts->help || opts->version)
			return 0;
	}
	if (i < argc) {
		opts->usage_on_error = true;
		return oerr(err, len, "unexpected argument '%s'", argv[i]);
	}
	return 0;
}

int options_load(struct config *cfg, int argc, char *const argv[],
		 struct options *opts, FILE *outf, FILE *errf)
{
	const char *prog = argc > 0 ? argv[0] : "ptpkd";
	const char *slash = strrchr(prog, '/');
	char err[600];

	if (slash)
		prog = slash + 1;
	if (options_parse(cfg, argc, argv, opts, err, sizeof(err))) {
		fprintf(errf, "%s: %s\n", prog, err);
		if (opts->usage_on_error)
			options_usage(errf, prog);
		return -1;
	}
	if (opts->help) {
		/* ptp4l prints its usage on stderr, even for -h */
		options_usage(errf, prog);
		return 1;
	}
	if (opts->version) {
		options_version(outf);
		return 1;
	}
	if (opts->config_file &&
	    config_read(cfg, opts->config_file, err, sizeof(err))) {
		fprintf(errf, "%s: %s\n", prog, err);
		return -1;
	}
	return 0;
}

void options_version(FILE *f)
{
	fprintf(f, "%s\n", PTPK_VERSION);
}

void options_usage(FILE *f, const char *progname)
{
	fprintf(f,
		"\n"
		"usage: %s [options]\n"
		"\n"
		" Delay Mechanism\n"
		"\n"
		" -A        Auto, starting with E2E\n"
		" -E        E2E, delay request-response (default)\n"
		" -P        P2P, peer delay mechanism\n"
		"\n"
		" Network Transport\n"
		"\n"
		" -2        IEEE 802.3\n"
		" -4        UDP IPV4 (default)\n"
		" -6        UDP IPV6\n"
		"\n"
		" Time Stamping\n"
		"\n"
		" -H        HARDWARE (default)\n"
		" -S        SOFTWARE\n"
		" -L        LEGACY HW\n"
		"\n"
		" Other Options\n"
		"\n"
		" -f [file] read configuration from 'file'\n"
		" -i [dev]  interface device to use, for example 'eth0'\n"
		"           (may be specified multiple times)\n"
		" -p [dev]  Clock device to use, default auto\n"
		"           (ignored for SOFTWARE/LEGACY HW time stamping)\n"
		" -s        slave only mode (overrides configuration file)\n"
		" -l [num]  set the logging level to 'num'\n"
		" -m        print messages to stdout\n"
		" -q        do not print messages to the syslog\n"
		" -v        prints the software version and exits\n"
		" -h        prints this message and exits\n"
		" --key value, --key=value\n"
		"           any configuration file option, see ptpk.conf(5)\n"
		"\n",
		progname);
}
