/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ptpkd's command line, as ptp4l 3.1.1's: -A -E -P -2 -4 -6 -H -S -L -f -i
 * -p -s -l -m -q -v -h, and every configuration key as --key value or
 * --key=value. Values land in the config, locked against the file.
 */
#ifndef PTPKD_OPTIONS_H
#define PTPKD_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct config;

struct options {
	const char *config_file;	/* -f, NULL if none */
	const char *phc_device;		/* -p (deprecated in ptp4l) */
	bool help;			/* -h */
	bool version;			/* -v */
	bool usage_on_error;		/* an unknown option: show usage */
};

/*
 * Parse argv. -i creates the interfaces, in order, before any file section.
 * 0 on success; -1 with a message in err. Stops at -h or -v.
 */
int options_parse(struct config *cfg, int argc, char *const argv[],
		  struct options *opts, char *err, size_t len);

/*
 * Parse, then read the -f file: what main() calls. Returns 0 to run, 1 when
 * -h/-v was handled (exit 0), -1 after printing an error to errf (exit 255,
 * as ptp4l).
 */
int options_load(struct config *cfg, int argc, char *const argv[],
		 struct options *opts, FILE *outf, FILE *errf);

void options_usage(FILE *f, const char *progname);
void options_version(FILE *f);

#endif
