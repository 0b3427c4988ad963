/* SPDX-License-Identifier: GPL-2.0 */
/* ptpk-phc2sys command line: phc2sys 3.1.1's options, parsed into p2s_opts. */
#ifndef P2S_OPTIONS_H
#define P2S_OPTIONS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <linux/ptpk.h>

struct p2s_opts {
	const char *src;		/* -s, as given: the label phc2sys prints */
	const char *dst;		/* -c, default CLOCK_REALTIME */
	uint32_t kind;			/* -E */
	double rate;			/* -R, Hz */
	uint32_t readings;		/* -N */
	bool have_kp, have_ki;
	double kp, ki;			/* -P, -I */
	double step_threshold;		/* -S, s */
	double first_step_threshold;	/* -F, s */
	uint32_t sanity_freq_limit;	/* -L, ppb */
	bool forced_offset;		/* -O given */
	int32_t sync_offset;		/* -O, s */
	bool wait_sync;			/* -w */
	const char *uds;		/* -z */
	uint8_t domain;			/* -n */
	unsigned int summary;		/* -u, 0: a line per measurement */
	int print_level;		/* -l */
	const char *tag;		/* -t */
	bool verbose;			/* -m */
	bool syslog;			/* not -q */
	bool detach;			/* -D, --detach */
	bool autocfg;			/* -a */
	unsigned int realtime;		/* -r count: 1 sink, 2 also source */
};

/* What p2s_parse() asks main() to do. */
enum { P2S_RUN, P2S_EXIT_OK, P2S_EXIT_USAGE };

/* Parse argv into o (defaults first); messages go to err. */
int p2s_parse(struct p2s_opts *o, int argc, char **argv, FILE *out, FILE *err);
void p2s_usage(FILE *f, const char *prog);

#endif
