// SPDX-License-Identifier: GPL-2.0
/* ptpk-cli clock show [SELECTOR] */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static int set_phc_index(struct cli *c, const char *s, struct ptpk_clock *sel)
{
	if (cli_parse_u32(s, 0, 65535, &sel->phc_index)) {
		cli_usage_error(c, "invalid PHC index \"%s\"", s);
		return -1;
	}
	PTPK_SET(sel, PTPK_A_CLOCK_PHC_INDEX);
	return 0;
}

static int set_str(struct cli *c, char *dst, size_t len, const char *s,
		   const char *what)
{
	if (!*s || strlen(s) >= len) {
		cli_usage_error(c, "invalid %s \"%s\"", what, s);
		return -1;
	}
	memcpy(dst, s, strlen(s) + 1);
	return 0;
}

int clock_parse_sel(struct cli *c, int argc, char **argv,
		    struct ptpk_clock *sel)
{
	const char *w = argv[0];

	memset(sel, 0, sizeof(*sel));
	if (argc < 1) {
		cli_usage_error(c, "a clock is needed");
		return -1;
	}
	if (!strcmp(w, "system") || !strcmp(w, "CLOCK_REALTIME")) {
		sel->type = PTPK_CLOCK_TYPE_SYSTEM;
		PTPK_SET(sel, PTPK_A_CLOCK_TYPE);
		return 1;
	}
	if (!strcmp(w, "phc") || !strcmp(w, "dev") || !strcmp(w, "ifname") ||
	    !strcmp(w, "ifindex")) {
		if (argc < 2) {
			cli_usage_error(c, "\"%s\" needs an argument", w);
			return -1;
		}
		if (!strcmp(w, "phc")) {
			if (set_phc_index(c, argv[1], sel))
				return -1;
		} else if (!strcmp(w, "dev")) {
			if (set_str(c, sel->dev_path, sizeof(sel->dev_path),
				    argv[1], "device path"))
				return -1;
			PTPK_SET(sel, PTPK_A_CLOCK_DEV_PATH);
		} else if (!strcmp(w, "ifname")) {
			if (set_str(c, sel->ifname, sizeof(sel->ifname),
				    argv[1], "interface name"))
				return -1;
			PTPK_SET(sel, PTPK_A_CLOCK_IFNAME);
		} else {
			if (cli_parse_u32(argv[1], 1, UINT32_MAX,
					  &sel->ifindex)) {
				cli_usage_error(c, "invalid ifindex \"%s\"",
						argv[1]);
				return -1;
			}
			PTPK_SET(sel, PTPK_A_CLOCK_IFINDEX);
		}
		return 2;
	}
	if (!strncmp(w, "phc", 3) && isdigit((unsigned char)w[3]))
		return set_phc_index(c, w + 3, sel) ? -1 : 1;
	if (w[0] == '/') {
		if (set_str(c, sel->dev_path, sizeof(sel->dev_path), w,
			    "device path"))
			return -1;
		PTPK_SET(sel, PTPK_A_CLOCK_DEV_PATH);
		return 1;
	}
	if (strchr(w, '/') || strpbrk(w, " \t\n")) {
		cli_usage_error(c, "invalid clock \"%s\"", w);
		return -1;
	}
	if (set_str(c, sel->ifname, sizeof(sel->ifname), w, "interface name"))
		return -1;
	PTPK_SET(sel, PTPK_A_CLOCK_IFNAME);
	return 1;
}

const char *clock_label(const struct ptpk_clock *clk, char *buf, size_t len)
{
	if (PTPK_HAS(clk, PTPK_A_CLOCK_TYPE) &&
	    clk->type == PTPK_CLOCK_TYPE_SYSTEM)
		snprintf(buf, len, "system");
	else if (PTPK_HAS(clk, PTPK_A_CLOCK_DEV_PATH) && *clk->dev_path)
		snprintf(buf, len, "%s", clk->dev_path);
	else if (PTPK_HAS(clk, PTPK_A_CLOCK_PHC_INDEX))
		snprintf(buf, len, "phc%u", clk->phc_index);
	else if (PTPK_HAS(clk, PTPK_A_CLOCK_IFNAME) && *clk->ifname)
		snprintf(buf, len, "%s", clk->ifname);
	else
		snprintf(buf, len, "?");
	return buf;
}

/* Table output. */

enum { COL_INDEX, COL_DEVICE, COL_NAME, COL_MAX_ADJ, COL_PINS, COL_EXTTS,
       COL_PEROUT, COL_PPS, COL_NETDEVS, N_COLS };

static const char *const headers[N_COLS] = {
	"INDEX", "DEVICE", "NAME", "MAX-ADJ", "PINS", "EXTTS", "PEROUT",
	"PPS", "NETDEVS",
};

#define CELL_LEN 128

/* Non-printable bytes (from the kernel) would garble the table. */
static void sanitize(char *s)
{
	for (; *s; s++) {
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			*s = '?';
	}
}

static void cell_u32(char *cell, const struct ptpk_clock *clk,
		     unsigned int attr, uint32_t v)
{
	if (PTPK_HAS(clk, attr))
		snprintf(cell, CELL_LEN, "%u", v);
	else
		snprintf(cell, CELL_LEN, "-");
}

static void clock_cells(const struct ptpk_clock *clk,
			char cells[N_COLS][CELL_LEN])
{
	bool system = PTPK_HAS(clk, PTPK_A_CLOCK_TYPE) &&
		      clk->type == PTPK_CLOCK_TYPE_SYSTEM;
	size_t used = 0;
	unsigned int i;
	int n;

	cell_u32(cells[COL_INDEX], clk, PTPK_A_CLOCK_PHC_INDEX, clk->phc_index);
	snprintf(cells[COL_DEVICE], CELL_LEN, "%s",
		 PTPK_HAS(clk, PTPK_A_CLOCK_DEV_PATH) && *clk->dev_path ?
		 clk->dev_path : "-");
	snprintf(cells[COL_NAME], CELL_LEN, "%s",
		 PTPK_HAS(clk, PTPK_A_CLOCK_NAME) && *clk->name ? clk->name :
		 system ? "CLOCK_REALTIME" : "-");
	cell_u32(cells[COL_MAX_ADJ], clk, PTPK_A_CLOCK_MAX_ADJ, clk->max_adj);
	cell_u32(cells[COL_PINS], clk, PTPK_A_CLOCK_N_PINS, clk->n_pins);
	cell_u32(cells[COL_EXTTS], clk, PTPK_A_CLOCK_N_EXT_TS, clk->n_ext_ts);
	cell_u32(cells[COL_PEROUT], clk, PTPK_A_CLOCK_N_PER_OUT, clk->n_per_out);
	snprintf(cells[COL_PPS], CELL_LEN, "%s",
		 !PTPK_HAS(clk, PTPK_A_CLOCK_PPS) ? "-" :
		 clk->pps ? "yes" : "no");
	snprintf(cells[COL_NETDEVS], CELL_LEN, "-");
	for (i = 0; i < clk->n_netdevs && used < CELL_LEN; i++) {
		const struct ptpk_netdev *nd = &clk->netdev[i];

		if (*nd->ifname)
			n = snprintf(cells[COL_NETDEVS] + used, CELL_LEN - used,
				     "%s%s", i ? "," : "", nd->ifname);
		else
			n = snprintf(cells[COL_NETDEVS] + used, CELL_LEN - used,
				     "%sif%u", i ? "," : "", nd->ifindex);
		used += n > 0 ? (size_t)n : 0;
	}
	for (i = 0; i < N_COLS; i++)
		sanitize(cells[i]);
}

void clock_print_table(FILE *f, const struct ptpk_clock *clocks, size_t n)
{
	char (*cells)[N_COLS][CELL_LEN] = NULL;
	size_t width[N_COLS], len, r;
	unsigned int i;

	if (n) {
		cells = calloc(n, sizeof(*cells));
		if (!cells)
			return;
	}
	for (i = 0; i < N_COLS; i++)
		width[i] = strlen(headers[i]);
	for (r = 0; r < n; r++) {
		clock_cells(&clocks[r], cells[r]);
		for (i = 0; i < N_COLS; i++) {
			len = strlen(cells[r][i]);
			if (len > width[i])
				width[i] = len;
		}
	}
	for (i = 0; i + 1 < N_COLS; i++)
		fprintf(f, "%-*s  ", (int)width[i], headers[i]);
	fprintf(f, "%s\n", headers[i]);
	for (r = 0; r < n; r++) {
		for (i = 0; i + 1 < N_COLS; i++)
			fprintf(f, "%-*s  ", (int)width[i], cells[r][i]);
		fprintf(f, "%s\n", cells[r][i]);
	}
	free(cells);
}

/* JSON output: every key is always there, null when the kernel left it out. */

static void json_kv_u32_or_null(struct json *j, const char *k,
				const struct ptpk_clock *clk,
				unsigned int attr, uint32_t v)
{
	json_key(j, k);
	if (PTPK_HAS(clk, attr))
		json_uint(j, v);
	else
		json_null(j);
}

static void json_kv_str_or_null(struct json *j, const char *k,
				const struct ptpk_clock *clk,
				unsigned int attr, const char *v)
{
	json_key(j, k);
	if (PTPK_HAS(clk, attr))
		json_string(j, v);
	else
		json_null(j);
}

void clock_print_json(struct json *j, const struct ptpk_clock *clk)
{
	unsigned int i;

	json_obj_begin(j);
	json_key(j, "type");
	if (!PTPK_HAS(clk, PTPK_A_CLOCK_TYPE))
		json_null(j);
	else if (clk->type == PTPK_CLOCK_TYPE_SYSTEM)
		json_string(j, "system");
	else if (clk->type == PTPK_CLOCK_TYPE_PHC)
		json_string(j, "phc");
	else
		json_uint(j, clk->type);
	json_kv_u32_or_null(j, "phc_index", clk, PTPK_A_CLOCK_PHC_INDEX,
			    clk->phc_index);
	json_kv_str_or_null(j, "dev_path", clk, PTPK_A_CLOCK_DEV_PATH,
			    clk->dev_path);
	json_kv_str_or_null(j, "name", clk, PTPK_A_CLOCK_NAME, clk->name);
	json_kv_u32_or_null(j, "max_adj", clk, PTPK_A_CLOCK_MAX_ADJ,
			    clk->max_adj);
	json_kv_u32_or_null(j, "n_pins", clk, PTPK_A_CLOCK_N_PINS, clk->n_pins);
	json_kv_u32_or_null(j, "n_ext_ts", clk, PTPK_A_CLOCK_N_EXT_TS,
			    clk->n_ext_ts);
	json_kv_u32_or_null(j, "n_per_out", clk, PTPK_A_CLOCK_N_PER_OUT,
			    clk->n_per_out);
	json_key(j, "pps");
	if (PTPK_HAS(clk, PTPK_A_CLOCK_PPS))
		json_bool(j, clk->pps);
	else
		json_null(j);
	json_key(j, "netdevs");
	json_arr_begin(j);
	for (i = 0; i < clk->n_netdevs; i++) {
		json_obj_begin(j);
		json_kv_uint(j, "ifindex", clk->netdev[i].ifindex);
		json_kv_string(j, "ifname", clk->netdev[i].ifname);
		json_obj_end(j);
	}
	json_arr_end(j);
	json_obj_end(j);
}

/* clock show */

struct clock_list {
	struct ptpk_clock *v;
	size_t n, cap;
};

static int collect(const struct ptpk_clock *clk, void *data)
{
	struct clock_list *l = data;
	struct ptpk_clock *v;

	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 8;
		v = realloc(l->v, l->cap * sizeof(*v));
		if (!v)
			return -ENOMEM;
		l->v = v;
	}
	l->v[l->n++] = *clk;
	return 0;
}

static void print_clocks(struct cli *c, const struct ptpk_clock *v, size_t n)
{
	struct json j;
	size_t i;

	if (!c->json) {
		clock_print_table(c->out, v, n);
		return;
	}
	json_init(&j, c->out, c->pretty);
	json_arr_begin(&j);
	for (i = 0; i < n; i++)
		clock_print_json(&j, &v[i]);
	json_arr_end(&j);
	json_finish(&j);
}

static int clock_show(struct cli *c, int argc, char **argv)
{
	struct clock_list l = { 0 };
	struct ptpk_clock sel, clk;
	int n = 0, err;

	if (argc > 0) {
		n = clock_parse_sel(c, argc, argv, &sel);
		if (n < 0)
			return CLI_USAGE;
		if (n < argc)
			return cli_usage_error(c, "unexpected \"%s\"", argv[n]);
	}
	err = cli_ptpk(c);
	if (err)
		return err;
	if (n) {
		err = ptpk_clock_get(c->p, &sel, &clk);
		if (err)
			return cli_fail(c, err, "clock show");
		print_clocks(c, &clk, 1);
		return CLI_OK;
	}
	err = ptpk_clock_dump(c->p, collect, &l);
	if (!err)
		print_clocks(c, l.v, l.n);
	free(l.v);
	return err ? cli_fail(c, err, "clock show") : CLI_OK;
}

static int clock_help(struct cli *c, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fputs("Usage: ptpk-cli clock show [system | phc N | dev /dev/ptpN | ifname NAME | ifindex N]\n",
	      c->out);
	return CLI_OK;
}

static const struct cli_cmd clock_cmds[] = {
	{ "show", clock_show },
	{ "list", clock_show },
	{ "help", clock_help },
	{ NULL, NULL },
};

int cmd_clock(struct cli *c, int argc, char **argv)
{
	const struct cli_cmd *cmd;

	if (argc == 0)
		return clock_show(c, 0, argv);
	cmd = cli_lookup(c, clock_cmds, argv[0], "clock command");
	if (!cmd)
		return CLI_USAGE;
	return cmd->fn(c, argc - 1, argv + 1);
}
