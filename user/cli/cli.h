/* SPDX-License-Identifier: GPL-2.0 */
/* ptpk-cli internals: shared by the per-object files and the tests. */
#ifndef PTPK_CLI_H
#define PTPK_CLI_H

#include <signal.h>
#include <stdbool.h>
#include <stdio.h>

#include "json.h"
#include "libptpk.h"

#ifndef PTPK_VERSION
#define PTPK_VERSION "unknown"
#endif

/* Exit codes. */
#define CLI_OK		0
#define CLI_FAIL	1	/* the request failed */
#define CLI_USAGE	2	/* bad command line */

struct cli {
	FILE *out;
	FILE *err;
	bool json;
	bool pretty;
	bool details;			/* -d: parameters, raw delay, weight */
	struct ptpk *p;			/* opened on first use */
	/* Opens p; ptpk_open() unless a test says otherwise. */
	int (*open)(struct cli *c, struct ptpk **pp);
	void *open_priv;
	/* monitor: set by SIGINT/SIGTERM, or by a test. */
	volatile sig_atomic_t *stop;
};

struct cli_cmd {
	const char *name;
	int (*fn)(struct cli *c, int argc, char **argv);
};

/* Run one command line (argv[0] is the program name); returns an exit code. */
int cli_main(struct cli *c, int argc, char **argv);
/* Set up c for stdout/stderr and the real kernel. */
void cli_init(struct cli *c);
void cli_cleanup(struct cli *c);

/*
 * Look word up in a table ending with a NULL name: an exact match, or a
 * prefix matching entries that all run the same function. Prints an error
 * naming "what" and returns NULL otherwise.
 */
const struct cli_cmd *cli_lookup(struct cli *c, const struct cli_cmd *tbl,
				 const char *word, const char *what);
/* Open the ptpk socket if needed; returns 0 or an exit code (printed). */
int cli_ptpk(struct cli *c);
/* Report a failed request err (-errno) about what; returns CLI_FAIL. */
int cli_fail(struct cli *c, int err, const char *what);
/* Print "ptpk-cli: <msg>" and return CLI_USAGE. */
int cli_usage_error(struct cli *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Parse a decimal u32 in [min, max]; returns 0 or -EINVAL/-ERANGE. */
int cli_parse_u32(const char *s, uint32_t min, uint32_t max, uint32_t *out);
/* Is word "help", "-h" or "--help"? */
bool cli_is_help(const char *word);

/*
 * Parse a clock selector at argv[0..]: system | phc N | phcN | dev PATH |
 * /dev/ptpN | ifname NAME | ifindex N | NAME. Returns the number of words
 * used, or -1 after printing an error.
 */
int clock_parse_sel(struct cli *c, int argc, char **argv,
		    struct ptpk_clock *sel);
/* "system", "/dev/ptp0", "phc0": how a clock is named in one word. */
const char *clock_label(const struct ptpk_clock *clk, char *buf, size_t len);
void clock_print_table(FILE *f, const struct ptpk_clock *clocks, size_t n);
void clock_print_json(struct json *j, const struct ptpk_clock *clk);

/*
 * Parse "[name S] [hw] [kind K] [PARAM VALUE]..." into req (add also
 * accepts "clock SEL" and "kind"). Returns 0 or an exit code (printed).
 */
int servo_parse_args(struct cli *c, int argc, char **argv,
		     struct ptpk_servo *req, bool add);
/* servo_print_text() flags */
#define SERVO_ONELINE	1	/* everything on one line (monitor) */
#define SERVO_DETAILS	2	/* with the parameters (-d) */
void servo_print_text(FILE *f, const struct ptpk_servo *s, const char *event,
		      unsigned int flags);
/* Members of a servo object (the caller opens and closes it). */
void servo_print_json_members(struct json *j, const struct ptpk_servo *s);
/*
 * "sample 3 seq 17 s2 offset -12 freq +1234.567 delay 9876 [stepped]", with
 * details " delay_raw 9900 weight 1" before the flags; one line.
 */
void sample_print_text(FILE *f, const struct ptpk_sample *smp, bool details);
void sample_print_json_members(struct json *j, const struct ptpk_sample *smp);

int cmd_info(struct cli *c, int argc, char **argv);
int cmd_clock(struct cli *c, int argc, char **argv);
int cmd_servo(struct cli *c, int argc, char **argv);
int cmd_monitor(struct cli *c, int argc, char **argv);
int cmd_sync(struct cli *c, int argc, char **argv);
int cmd_pmc(struct cli *c, int argc, char **argv);
int cmd_status(struct cli *c, int argc, char **argv);

/* Sync jobs as a table (sync show) and as one JSON object. */
void sync_print_table(FILE *f, const struct ptpk_sync *jobs, size_t n);
void sync_print_json(struct json *j, const struct ptpk_sync *s);

#endif
