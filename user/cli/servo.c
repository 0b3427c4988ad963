// SPDX-License-Identifier: GPL-2.0
/* ptpk-cli servo show|add|set|del */
#include <inttypes.h>
#include <string.h>

#include "cli.h"
#include "fixed.h"

int servo_parse_args(struct cli *c, int argc, char **argv,
		     struct ptpk_servo *req, bool add)
{
	const struct ptpk_param *p;
	const char *w;
	int i, n, err;

	for (i = 0; i < argc; i++) {
		w = argv[i];
		if (!strcmp(w, "hw")) {
			PTPK_SET(req, PTPK_A_SERVO_HW_TIMESTAMPING);
			req->val[PTPK_A_SERVO_HW_TIMESTAMPING] = 1;
			continue;
		}
		if (add && !strcmp(w, "clock")) {
			n = clock_parse_sel(c, argc - i - 1, argv + i + 1,
					    &req->clock);
			if (n < 0)
				return CLI_USAGE;
			PTPK_SET(req, PTPK_A_SERVO_CLOCK);
			i += n;
			continue;
		}
		p = ptpk_param_find(w);
		if (!p && strcmp(w, "name") && !(add && !strcmp(w, "kind")))
			return cli_usage_error(c, "unknown servo parameter \"%s\"", w);
		if (i + 1 >= argc)
			return cli_usage_error(c, "\"%s\" needs a value", w);
		i++;
		if (p) {
			err = ptpk_param_parse(p, argv[i], &req->val[p->attr]);
			if (err)
				return cli_usage_error(c, "invalid %s \"%s\": %s",
						       w, argv[i], fx_strerror(err));
			PTPK_SET(req, p->attr);
		} else if (!strcmp(w, "name")) {
			if (strlen(argv[i]) >= sizeof(req->name))
				return cli_usage_error(c, "name \"%s\" is longer than %zu characters",
						       argv[i], sizeof(req->name) - 1);
			strcpy(req->name, argv[i]);
			PTPK_SET(req, PTPK_A_SERVO_NAME);
		} else {
			req->kind = ptpk_kind_parse(argv[i]);
			if (!req->kind)
				return cli_usage_error(c, "unknown servo kind \"%s\" (pi or linreg)",
						       argv[i]);
			PTPK_SET(req, PTPK_A_SERVO_KIND);
		}
	}
	if (add && !PTPK_HAS(req, PTPK_A_SERVO_CLOCK))
		return cli_usage_error(c, "servo add needs \"clock CLOCK\"");
	if (add && !PTPK_HAS(req, PTPK_A_SERVO_KIND)) {
		req->kind = PTPK_SERVO_KIND_PI;	/* linuxptp's default */
		PTPK_SET(req, PTPK_A_SERVO_KIND);
	}
	return CLI_OK;
}

/* Text output. */

static void print_name(FILE *f, const char *name)
{
	fputc('"', f);
	for (; *name; name++)
		fputc((unsigned char)*name < 0x20 || *name == 0x7f ||
		      *name == '"' ? '?' : *name, f);
	fputc('"', f);
}

void servo_print_text(FILE *f, const struct ptpk_servo *s, const char *event,
		      bool oneline)
{
	const char *sep = oneline ? " " : "\n\t";
	char buf[FX_STRLEN], label[PTPK_NAME_LEN];
	unsigned int i, on_line = 0;
	const char *kind;

	fprintf(f, "servo %u", s->id);
	if (event)
		fprintf(f, " %s", event);
	if (PTPK_HAS(s, PTPK_A_SERVO_CLOCK))
		fprintf(f, " clock %s", clock_label(&s->clock, label, sizeof(label)));
	if (PTPK_HAS(s, PTPK_A_SERVO_KIND)) {
		kind = ptpk_kind_str(s->kind);
		if (kind)
			fprintf(f, " kind %s", kind);
		else
			fprintf(f, " kind %u", s->kind);
	}
	if (PTPK_HAS(s, PTPK_A_SERVO_STATE)) {
		if (s->state == PTPK_SERVO_STATE_FAULT)
			fputs(" state fault", f);
		else if (s->state <= PTPK_SERVO_STATE_MAX)
			fprintf(f, " state %s (%s)", ptpk_state_str(s->state),
				ptpk_state_word(s->state));
		else
			fprintf(f, " state %u", s->state);
	}
	if (PTPK_HAS(s, PTPK_A_SERVO_NAME)) {
		fputs(" name ", f);
		print_name(f, s->name);
	}
	if (PTPK_HAS(s, PTPK_A_SERVO_HW_TIMESTAMPING))
		fputs(" hw", f);

	if (PTPK_HAS(s, PTPK_A_SERVO_OFFSET) || PTPK_HAS(s, PTPK_A_SERVO_FREQ)) {
		fputs(sep, f);
		if (PTPK_HAS(s, PTPK_A_SERVO_OFFSET))
			fprintf(f, "offset %" PRId64 " ns",
				s->val[PTPK_A_SERVO_OFFSET]);
		if (PTPK_HAS(s, PTPK_A_SERVO_OFFSET) && PTPK_HAS(s, PTPK_A_SERVO_FREQ))
			fputc(' ', f);
		if (PTPK_HAS(s, PTPK_A_SERVO_FREQ))
			fprintf(f, "freq %s ppb",
				fx_format(s->val[PTPK_A_SERVO_FREQ], 3, 1, buf,
					  sizeof(buf)));
	}

	/* The parameters, four to a line, as "servo set" takes them. */
	for (i = 0; i < ptpk_n_params; i++) {
		const struct ptpk_param *p = &ptpk_params[i];

		if (!PTPK_HAS(s, p->attr))
			continue;
		fputs(on_line % 4 ? " " : sep, f);
		fprintf(f, "%s %s", p->name,
			ptpk_param_format(p, s->val[p->attr], buf, sizeof(buf)));
		on_line++;
	}
	fputc('\n', f);
}

void servo_print_json_members(struct json *j, const struct ptpk_servo *s)
{
	char buf[FX_STRLEN];
	const char *kind;
	unsigned int i;
	bool params = false;

	json_kv_uint(j, "id", s->id);
	if (PTPK_HAS(s, PTPK_A_SERVO_NAME))
		json_kv_string(j, "name", s->name);
	if (PTPK_HAS(s, PTPK_A_SERVO_KIND)) {
		kind = ptpk_kind_str(s->kind);
		if (kind)
			json_kv_string(j, "kind", kind);
		else
			json_kv_uint(j, "kind", s->kind);
	}
	if (PTPK_HAS(s, PTPK_A_SERVO_STATE)) {
		json_kv_string(j, "state", ptpk_state_str(s->state));
		json_kv_string(j, "state_name", ptpk_state_word(s->state));
	}
	if (PTPK_HAS(s, PTPK_A_SERVO_CLOCK)) {
		json_key(j, "clock");
		clock_print_json(j, &s->clock);
	}
	json_kv_bool(j, "hw_timestamping",
		     PTPK_HAS(s, PTPK_A_SERVO_HW_TIMESTAMPING));
	if (PTPK_HAS(s, PTPK_A_SERVO_OFFSET))
		json_kv_int(j, "offset_ns", s->val[PTPK_A_SERVO_OFFSET]);
	if (PTPK_HAS(s, PTPK_A_SERVO_FREQ)) {
		json_key(j, "freq_ppb");
		json_number(j, fx_format(s->val[PTPK_A_SERVO_FREQ], 3, 0, buf,
					 sizeof(buf)));
	}
	for (i = 0; i < ptpk_n_params; i++) {
		const struct ptpk_param *p = &ptpk_params[i];

		if (!PTPK_HAS(s, p->attr))
			continue;
		if (!params) {
			json_key(j, "params");
			json_obj_begin(j);
			params = true;
		}
		json_key(j, p->name);
		json_number(j, ptpk_param_format(p, s->val[p->attr], buf,
						 sizeof(buf)));
	}
	if (params)
		json_obj_end(j);
}

static void print_servo(struct cli *c, struct json *j,
			const struct ptpk_servo *s)
{
	if (j) {
		json_obj_begin(j);
		servo_print_json_members(j, s);
		json_obj_end(j);
	} else {
		servo_print_text(c->out, s, NULL, false);
	}
}

/* servo show [ID] */

struct show {
	struct cli *c;
	struct json *j;
};

static int show_one(const struct ptpk_servo *s, void *data)
{
	struct show *sh = data;

	print_servo(sh->c, sh->j, s);
	return 0;
}

static int parse_id(struct cli *c, int argc, char **argv, uint32_t *id)
{
	if (argc < 1)
		return cli_usage_error(c, "a servo id is needed");
	if (cli_parse_u32(argv[0], 1, UINT32_MAX, id))
		return cli_usage_error(c, "invalid servo id \"%s\"", argv[0]);
	return CLI_OK;
}

static int servo_show(struct cli *c, int argc, char **argv)
{
	struct show sh = { .c = c };
	struct ptpk_servo s;
	struct json j;
	uint32_t id = 0;
	int err;

	if (argc > 0) {
		err = parse_id(c, argc, argv, &id);
		if (err)
			return err;
		if (argc > 1)
			return cli_usage_error(c, "unexpected \"%s\"", argv[1]);
	}
	err = cli_ptpk(c);
	if (err)
		return err;
	if (c->json) {
		json_init(&j, c->out, c->pretty);
		sh.j = &j;
	}
	if (id) {
		err = ptpk_servo_get(c->p, id, &s);
		if (err)
			return cli_fail(c, err, "servo show");
	}
	if (sh.j)
		json_arr_begin(sh.j);
	if (id)
		show_one(&s, &sh);
	else
		err = ptpk_servo_dump(c->p, show_one, &sh);
	if (sh.j) {
		json_arr_end(sh.j);
		json_finish(sh.j);
	}
	return err ? cli_fail(c, err, "servo show") : CLI_OK;
}

static void print_result(struct cli *c, const struct ptpk_servo *s)
{
	struct json j;

	if (!s->present)
		return;
	if (c->json) {
		json_init(&j, c->out, c->pretty);
		print_servo(c, &j, s);
		json_finish(&j);
	} else {
		print_servo(c, NULL, s);
	}
}

static int servo_add(struct cli *c, int argc, char **argv)
{
	struct ptpk_servo req = { 0 }, out;
	int err;

	err = servo_parse_args(c, argc, argv, &req, true);
	if (err)
		return err;
	err = cli_ptpk(c);
	if (err)
		return err;
	err = ptpk_servo_new(c->p, &req, &out);
	if (err)
		return cli_fail(c, err, "servo add");
	print_result(c, &out);
	return CLI_OK;
}

static int servo_set(struct cli *c, int argc, char **argv)
{
	struct ptpk_servo req = { 0 }, out;
	int err;

	err = parse_id(c, argc, argv, &req.id);
	if (err)
		return err;
	PTPK_SET(&req, PTPK_A_SERVO_ID);
	err = servo_parse_args(c, argc - 1, argv + 1, &req, false);
	if (err)
		return err;
	if (req.present == ((uint64_t)1 << PTPK_A_SERVO_ID))
		return cli_usage_error(c, "servo set needs something to change");
	err = cli_ptpk(c);
	if (err)
		return err;
	err = ptpk_servo_set(c->p, &req, &out);
	if (err)
		return cli_fail(c, err, "servo set");
	print_result(c, &out);
	return CLI_OK;
}

static int servo_del(struct cli *c, int argc, char **argv)
{
	uint32_t id;
	int err;

	err = parse_id(c, argc, argv, &id);
	if (err)
		return err;
	if (argc > 1)
		return cli_usage_error(c, "unexpected \"%s\"", argv[1]);
	err = cli_ptpk(c);
	if (err)
		return err;
	err = ptpk_servo_del(c->p, id);
	return err ? cli_fail(c, err, "servo del") : CLI_OK;
}

static int servo_help(struct cli *c, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fputs("Usage: ptpk-cli servo show [ID]\n"
	      "       ptpk-cli servo add clock CLOCK [kind pi|linreg] [name NAME] [hw] [PARAM VALUE]...\n"
	      "       ptpk-cli servo set ID [name NAME] [hw] [PARAM VALUE]...\n"
	      "       ptpk-cli servo del ID\n"
	      "See \"ptpk-cli help\" for CLOCK and PARAM.\n", c->out);
	return CLI_OK;
}

static const struct cli_cmd servo_cmds[] = {
	{ "show", servo_show },
	{ "list", servo_show },
	{ "add", servo_add },
	{ "new", servo_add },
	{ "set", servo_set },
	{ "change", servo_set },
	{ "del", servo_del },
	{ "delete", servo_del },
	{ "help", servo_help },
	{ NULL, NULL },
};

int cmd_servo(struct cli *c, int argc, char **argv)
{
	const struct cli_cmd *cmd;

	if (argc == 0)
		return servo_show(c, 0, argv);
	cmd = cli_lookup(c, servo_cmds, argv[0], "servo command");
	if (!cmd)
		return CLI_USAGE;
	return cmd->fn(c, argc - 1, argv + 1);
}
