// SPDX-License-Identifier: GPL-2.0
/*
 * ptpk-cli: show and change the state of ptpk.ko, iproute2 style:
 * ptpk-cli [-j] [-p] OBJECT COMMAND [ARGS]. With no arguments it runs
 * "clock show". This file holds the option parsing, the object table and
 * the error reporting; each object has its own file.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void usage(FILE *f)
{
	unsigned int i;
	size_t col;

	fputs("Usage: ptpk-cli [-j] [-p] [-d] [-V] [-h] OBJECT COMMAND [ARGS]\n"
	      "       ptpk-cli info\n"
	      "       ptpk-cli clock show [system | phc N | dev /dev/ptpN | ifname NAME | ifindex N]\n"
	      "       ptpk-cli servo show [ID]\n"
	      "       ptpk-cli servo add clock CLOCK [kind pi|linreg|nullf|ntpshm] [name NAME] [hw] [PARAM VALUE]...\n"
	      "       ptpk-cli servo set ID [name NAME] [hw] [PARAM VALUE]...\n"
	      "       ptpk-cli servo del ID\n"
	      "       ptpk-cli servo adopt ID\n"
	      "       ptpk-cli servo sample ID [SAMPLE VALUE]...\n"
	      "       ptpk-cli sync show [ID]\n"
	      "       ptpk-cli sync add servo ID source CLOCK [rate HZ] [readings N] [utc_offset S]\n"
	      "       ptpk-cli sync set ID [rate HZ] [readings N] [utc_offset S]\n"
	      "       ptpk-cli sync del ID\n"
	      "       ptpk-cli monitor\n"
	      "       ptpk-cli status [-s UDS] [-d DOMAIN] [-t MS]\n"
	      "       ptpk-cli pmc [-u] [-b HOPS] [-d DOMAIN] [-s UDS] 'GET ID'...\n"
	      "Options: -j, --json     JSON output\n"
	      "         -p, --pretty   pretty-printed JSON output (implies -j)\n"
	      "         -d, --details  servo parameters; raw delay and weight of samples\n"
	      "         -V, --version  print the version\n"
	      "         -h, --help     print this help\n"
	      "CLOCK := system | phcN | /dev/ptpN | IFNAME\n"
	      "SAMPLE := t1, t2, corr_sync, t3, t4, corr_delay, peer_delay, offset,\n"
	      "          local_ts, delay [ns]; seq, sync_interval [log2 s]\n"
	      "PARAM := ptp4l.conf servo options, in ptp4l.conf units:\n", f);
	/* wrapped at 80 columns */
	for (i = 0, col = 0; i < ptpk_n_params; i++) {
		const struct ptpk_param *p = &ptpk_params[i];
		size_t len = strlen(p->name) + (*p->unit ? strlen(p->unit) + 3 : 0);

		if (col && col + len + 2 > 80) {
			fputs(",\n", f);
			col = 0;
		} else if (col) {
			fputs(", ", f);
			col += 2;
		}
		if (!col)
			col = (size_t)fprintf(f, "         ");
		fputs(p->name, f);
		if (*p->unit)
			fprintf(f, " [%s]", p->unit);
		col += len;
	}
	fputc('\n', f);
}

static int cmd_help(struct cli *c, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	usage(c->out);
	return CLI_OK;
}

static const struct cli_cmd objects[] = {
	{ "info", cmd_info },
	{ "clock", cmd_clock },
	{ "servo", cmd_servo },
	{ "monitor", cmd_monitor },
	{ "sync", cmd_sync },
	{ "status", cmd_status },
	{ "pmc", cmd_pmc },
	{ "help", cmd_help },
	{ NULL, NULL },
};

int cli_usage_error(struct cli *c, const char *fmt, ...)
{
	va_list ap;

	fputs("ptpk-cli: ", c->err);
	va_start(ap, fmt);
	vfprintf(c->err, fmt, ap);
	va_end(ap);
	fputs(" (try \"ptpk-cli help\")\n", c->err);
	return CLI_USAGE;
}

bool cli_is_help(const char *word)
{
	return !strcmp(word, "help") || !strcmp(word, "-h") ||
	       !strcmp(word, "--help");
}

const struct cli_cmd *cli_lookup(struct cli *c, const struct cli_cmd *tbl,
				 const char *word, const char *what)
{
	const struct cli_cmd *t, *found = NULL;
	size_t n = strlen(word);
	bool ambiguous = false;

	for (t = tbl; t->name; t++) {
		if (!strcmp(t->name, word))
			return t;
	}
	for (t = tbl; n && t->name; t++) {
		if (strncmp(t->name, word, n))
			continue;
		if (found && found->fn != t->fn)
			ambiguous = true;
		if (!found)
			found = t;
	}
	if (found && !ambiguous)
		return found;
	if (!found) {
		cli_usage_error(c, "unknown %s \"%s\"", what, word);
		return NULL;
	}
	fprintf(c->err, "ptpk-cli: ambiguous %s \"%s\":", what, word);
	for (t = tbl; t->name; t++) {
		if (!strncmp(t->name, word, n))
			fprintf(c->err, " %s", t->name);
	}
	fputc('\n', c->err);
	return NULL;
}

int cli_parse_u32(const char *s, uint32_t min, uint32_t max, uint32_t *out)
{
	unsigned long long v;
	char *end;

	if (*s < '0' || *s > '9')
		return -EINVAL;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (*end)
		return -EINVAL;
	if (errno || v < min || v > max)
		return -ERANGE;
	*out = (uint32_t)v;
	return 0;
}

static int default_open(struct cli *c, struct ptpk **pp)
{
	(void)c;
	return ptpk_open(pp);
}

int cli_ptpk(struct cli *c)
{
	int err;

	if (c->p)
		return CLI_OK;
	err = c->open(c, &c->p);
	if (err == -ENOENT) {
		fprintf(c->err, "ptpk-cli: the ptpk module is not loaded (genl family %s not found)\n",
			PTPK_FAMILY_NAME);
		return CLI_FAIL;
	}
	if (err) {
		fprintf(c->err, "ptpk-cli: cannot talk to the kernel: %s\n",
			strerror(-err));
		c->p = NULL;
		return CLI_FAIL;
	}
	ptpk_set_errfile(c->p, c->err);
	return CLI_OK;
}

int cli_fail(struct cli *c, int err, const char *what)
{
	if (err == -EPERM || err == -EACCES) {
		fprintf(c->err, "ptpk-cli: %s: %s (CAP_NET_ADMIN is needed)\n",
			what, strerror(-err));
	} else if (err == -EPROTO) {
		fprintf(c->err, "ptpk-cli: %s: malformed reply from the kernel\n",
			what);
	} else if (!c->p || !*ptpk_extack(c->p)) {
		/* An extack message was printed already otherwise. */
		fprintf(c->err, "ptpk-cli: %s: %s\n", what, strerror(-err));
	}
	return CLI_FAIL;
}

void cli_init(struct cli *c)
{
	memset(c, 0, sizeof(*c));
	c->out = stdout;
	c->err = stderr;
	c->open = default_open;
}

void cli_cleanup(struct cli *c)
{
	ptpk_close(c->p);
	c->p = NULL;
}

/* Global options; returns the index of the first non-option or -exit code. */
static int parse_options(struct cli *c, int argc, char **argv)
{
	const char *o;
	int i;

	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		o = argv[i];
		if (!strcmp(o, "--")) {
			return i + 1;
		} else if (!strcmp(o, "--json")) {
			c->json = true;
		} else if (!strcmp(o, "--pretty")) {
			c->json = c->pretty = true;
		} else if (!strcmp(o, "--details")) {
			c->details = true;
		} else if (!strcmp(o, "--help")) {
			usage(c->out);
			return -CLI_OK;
		} else if (!strcmp(o, "--version")) {
			goto version;
		} else if (o[1] == '-') {
			return -cli_usage_error(c, "unknown option \"%s\"", o);
		} else {
			for (o++; *o; o++) {
				switch (*o) {
				case 'j':
					c->json = true;
					break;
				case 'p':
					c->json = c->pretty = true;
					break;
				case 'd':
					c->details = true;
					break;
				case 'h':
					usage(c->out);
					return -CLI_OK;
				case 'V':
					goto version;
				default:
					return -cli_usage_error(c, "unknown option \"-%c\"", *o);
				}
			}
		}
	}
	return i;
version:
	fprintf(c->out, "ptpk-cli %s (netlink API %d)\n", PTPK_VERSION,
		PTPK_FAMILY_VERSION);
	return -CLI_OK;
}

int cli_main(struct cli *c, int argc, char **argv)
{
	const struct cli_cmd *obj;
	int i;

	i = parse_options(c, argc, argv);
	if (i <= 0)
		return -i;
	if (i == argc)
		return cmd_clock(c, 0, argv + i);
	obj = cli_lookup(c, objects, argv[i], "object");
	if (!obj)
		return CLI_USAGE;
	return obj->fn(c, argc - i - 1, argv + i + 1);
}
