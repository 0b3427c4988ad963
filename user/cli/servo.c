// SPDX-License-Identifier: GPL-2.0
/* ptpk-cli servo show|add|set|del|adopt|sample */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stddef.h>
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
		if (!strcmp(w, "hw")) {	/* hw_timestamping 1 */
			PTPK_SET(req, PTPK_A_SERVO_HW_TS);
			req->val[PTPK_A_SERVO_HW_TS] = 1;
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
			if (err == -ENOENT)
				return cli_usage_error(c, "invalid %s \"%s\": not one of %s",
						       w, argv[i], p->unit);
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
				return cli_usage_error(c, "unknown servo kind \"%s\" (pi, linreg, nullf or ntpshm)",
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

/*
 * Groups of "key value" items: each group starts on a new line (a tab
 * indented one) or, on one line, after a space.
 */
struct text {
	FILE *f;
	bool oneline;
	unsigned int n;			/* items in the current group */
};

static void item(struct text *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void item(struct text *t, const char *fmt, ...)
{
	va_list ap;

	fputs(t->n || t->oneline ? " " : "\n\t", t->f);
	va_start(ap, fmt);
	vfprintf(t->f, fmt, ap);
	va_end(ap);
	t->n++;
}

static void group_end(struct text *t)
{
	t->n = 0;
}

/* hw_timestamping is the "hw" word of the first line. */
static bool param_listed(const struct ptpk_servo *s,
			 const struct ptpk_param *p)
{
	return PTPK_HAS(s, p->attr) && p->attr != PTPK_A_SERVO_HW_TS;
}

static void print_params(struct text *t, const struct ptpk_servo *s)
{
	char buf[FX_STRLEN];
	unsigned int i;

	/* four to a line, as "servo set" takes them */
	for (i = 0; i < ptpk_n_params; i++) {
		const struct ptpk_param *p = &ptpk_params[i];

		if (!param_listed(s, p))
			continue;
		if (t->n == 4)
			group_end(t);
		item(t, "%s %s", p->name,
		     ptpk_param_format(p, s->val[p->attr], buf, sizeof(buf)));
	}
	group_end(t);
}

void servo_print_text(FILE *f, const struct ptpk_servo *s, const char *event,
		      unsigned int flags)
{
	/* n = 1: the first group goes on after "servo N" */
	struct text t = { .f = f, .oneline = flags & SERVO_ONELINE, .n = 1 };
	char buf[FX_STRLEN], label[PTPK_NAME_LEN];
	const int64_t *v = s->val;
	const char *kind;

	fprintf(f, "servo %u", s->id);
	if (event)
		item(&t, "%s", event);
	if (PTPK_HAS(s, PTPK_A_SERVO_CLOCK))
		item(&t, "clock %s", clock_label(&s->clock, label, sizeof(label)));
	if (PTPK_HAS(s, PTPK_A_SERVO_KIND)) {
		kind = ptpk_kind_str(s->kind);
		if (kind)
			item(&t, "kind %s", kind);
		else
			item(&t, "kind %u", s->kind);
	}
	if (PTPK_HAS(s, PTPK_A_SERVO_STATE)) {
		if (s->state == PTPK_SERVO_STATE_FAULT)
			item(&t, "state fault");
		else if (s->state <= PTPK_SERVO_STATE_MAX)
			item(&t, "state %s (%s)", ptpk_state_str(s->state),
			     ptpk_state_word(s->state));
		else
			item(&t, "state %u", s->state);
	}
	if (PTPK_HAS(s, PTPK_A_SERVO_NAME)) {
		item(&t, "name ");
		print_name(f, s->name);
	}
	if (ptpk_servo_hw_ts(s))
		item(&t, "hw");
	if (PTPK_HAS(s, PTPK_A_SERVO_ORPHANED) ||
	    (PTPK_HAS(s, PTPK_A_SERVO_OWNER) && !v[PTPK_A_SERVO_OWNER]))
		item(&t, "orphaned");
	else if (PTPK_HAS(s, PTPK_A_SERVO_OWNER))
		item(&t, "owner %" PRId64, v[PTPK_A_SERVO_OWNER]);
	group_end(&t);

	/* what the servo does now */
	if (PTPK_HAS(s, PTPK_A_SERVO_OFFSET))
		item(&t, "offset %" PRId64 " ns", v[PTPK_A_SERVO_OFFSET]);
	if (PTPK_HAS(s, PTPK_A_SERVO_FREQ))
		item(&t, "freq %s ppb",
		     fx_format(v[PTPK_A_SERVO_FREQ], 3, 1, buf, sizeof(buf)));
	if (PTPK_HAS(s, PTPK_A_SERVO_DELAY))
		item(&t, "delay %" PRId64 " ns", v[PTPK_A_SERVO_DELAY]);
	group_end(&t);

	/* what it has done */
	if (PTPK_HAS(s, PTPK_A_SERVO_N_SAMPLES))
		item(&t, "samples %" PRIu64, (uint64_t)v[PTPK_A_SERVO_N_SAMPLES]);
	if (PTPK_HAS(s, PTPK_A_SERVO_N_STEPS))
		item(&t, "steps %" PRId64, v[PTPK_A_SERVO_N_STEPS]);
	if (PTPK_HAS(s, PTPK_A_SERVO_N_RESETS))
		item(&t, "resets %" PRId64, v[PTPK_A_SERVO_N_RESETS]);
	if (PTPK_HAS(s, PTPK_A_SERVO_N_OUTLIERS))
		item(&t, "outliers %" PRId64, v[PTPK_A_SERVO_N_OUTLIERS]);
	if (PTPK_HAS(s, PTPK_A_SERVO_HOLDOVER_FREQ))
		item(&t, "holdover %s ppb",
		     fx_format(v[PTPK_A_SERVO_HOLDOVER_FREQ], 3, 1, buf,
			       sizeof(buf)));
	group_end(&t);

	if (flags & SERVO_DETAILS)
		print_params(&t, s);
	fputc('\n', f);
}

static void kv_fixed(struct json *j, const char *key, int64_t v,
		     unsigned int scale)
{
	char buf[FX_STRLEN];

	json_key(j, key);
	json_number(j, fx_format(v, scale, 0, buf, sizeof(buf)));
}

void servo_print_json_members(struct json *j, const struct ptpk_servo *s)
{
	static const struct {
		const char *key;
		uint16_t attr;
		uint8_t scale;		/* 3: ppb * 1000 */
	} numbers[] = {
		{ "offset_ns", PTPK_A_SERVO_OFFSET, 0 },
		{ "freq_ppb", PTPK_A_SERVO_FREQ, 3 },
		{ "delay_ns", PTPK_A_SERVO_DELAY, 0 },
		{ "holdover_freq_ppb", PTPK_A_SERVO_HOLDOVER_FREQ, 3 },
		{ "n_samples", PTPK_A_SERVO_N_SAMPLES, 0 },
		{ "n_steps", PTPK_A_SERVO_N_STEPS, 0 },
		{ "n_resets", PTPK_A_SERVO_N_RESETS, 0 },
		{ "n_outliers", PTPK_A_SERVO_N_OUTLIERS, 0 },
	};
	char buf[FX_STRLEN];
	const char *kind, *word;
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
	json_kv_bool(j, "hw_timestamping", ptpk_servo_hw_ts(s));
	if (PTPK_HAS(s, PTPK_A_SERVO_OWNER))
		json_kv_uint(j, "owner", (uint64_t)s->val[PTPK_A_SERVO_OWNER]);
	if (PTPK_HAS(s, PTPK_A_SERVO_OWNER) || PTPK_HAS(s, PTPK_A_SERVO_ORPHANED))
		json_kv_bool(j, "orphaned",
			     PTPK_HAS(s, PTPK_A_SERVO_ORPHANED) ||
			     !s->val[PTPK_A_SERVO_OWNER]);
	for (i = 0; i < sizeof(numbers) / sizeof(numbers[0]); i++) {
		if (PTPK_HAS(s, numbers[i].attr))
			kv_fixed(j, numbers[i].key, s->val[numbers[i].attr],
				 numbers[i].scale);
	}
	for (i = 0; i < ptpk_n_params; i++) {
		const struct ptpk_param *p = &ptpk_params[i];

		if (!param_listed(s, p))
			continue;
		if (!params) {
			json_key(j, "params");
			json_obj_begin(j);
			params = true;
		}
		json_key(j, p->name);
		word = ptpk_param_name(p, s->val[p->attr]);
		if (word)
			json_string(j, word);
		else
			json_number(j, ptpk_param_format(p, s->val[p->attr],
							 buf, sizeof(buf)));
	}
	if (params)
		json_obj_end(j);
}

/* Samples. */

void sample_print_text(FILE *f, const struct ptpk_sample *smp, bool details)
{
	char buf[FX_STRLEN], flags[PTPK_FLAGS_STRLEN];

	fprintf(f, "sample %u", smp->id);
	if (PTPK_HAS(smp, PTPK_A_SAMPLE_SEQ_ID))
		fprintf(f, " seq %u", smp->seq_id);
	if (PTPK_HAS(smp, PTPK_A_SAMPLE_STATE)) {
		if (smp->state <= PTPK_SERVO_STATE_MAX)
			fprintf(f, " %s", ptpk_state_str(smp->state));
		else
			fprintf(f, " state %u", smp->state);
	}
	if (PTPK_HAS(smp, PTPK_A_SAMPLE_OFFSET))
		fprintf(f, " offset %" PRId64, smp->offset);
	if (PTPK_HAS(smp, PTPK_A_SAMPLE_FREQ))
		fprintf(f, " freq %s", fx_format(smp->freq, 3, 1, buf,
						 sizeof(buf)));
	if (PTPK_HAS(smp, PTPK_A_SAMPLE_DELAY))
		fprintf(f, " delay %" PRId64, smp->delay);
	if (details && PTPK_HAS(smp, PTPK_A_SAMPLE_DELAY_RAW))
		fprintf(f, " delay_raw %" PRId64, smp->delay_raw);
	if (details && PTPK_HAS(smp, PTPK_A_SAMPLE_WEIGHT))
		fprintf(f, " weight %s", fx_format(smp->weight, 9, 0, buf,
						   sizeof(buf)));
	if (smp->flags)
		fprintf(f, " [%s]", ptpk_sample_flags_format(smp->flags, flags,
							     sizeof(flags)));
	fputc('\n', f);
}

void sample_print_json_members(struct json *j, const struct ptpk_sample *smp)
{
	char buf[FX_STRLEN];
	const char *name;
	uint32_t bit;

	json_kv_uint(j, "id", smp->id);
	if (PTPK_HAS(smp, PTPK_A_SAMPLE_SEQ_ID))
		json_kv_uint(j, "seq_id", smp->seq_id);
	if (PTPK_HAS(smp, PTPK_A_SAMPLE_STATE)) {
		json_kv_string(j, "state", ptpk_state_str(smp->state));
		json_kv_string(j, "state_name", ptpk_state_word(smp->state));
	}
	if (PTPK_HAS(smp, PTPK_A_SAMPLE_OFFSET))
		json_kv_int(j, "offset_ns", smp->offset);
	if (PTPK_HAS(smp, PTPK_A_SAMPLE_FREQ))
		kv_fixed(j, "freq_ppb", smp->freq, 3);
	if (PTPK_HAS(smp, PTPK_A_SAMPLE_DELAY))
		json_kv_int(j, "delay_ns", smp->delay);
	if (PTPK_HAS(smp, PTPK_A_SAMPLE_DELAY_RAW))
		json_kv_int(j, "delay_raw_ns", smp->delay_raw);
	if (PTPK_HAS(smp, PTPK_A_SAMPLE_WEIGHT))
		kv_fixed(j, "weight", smp->weight, 9);
	if (!PTPK_HAS(smp, PTPK_A_SAMPLE_FLAGS))
		return;
	json_key(j, "flags");
	json_arr_begin(j);
	for (bit = 1; bit; bit <<= 1) {
		if (!(smp->flags & bit))
			continue;
		name = ptpk_sample_flag_str(bit);
		if (name) {
			json_string(j, name);
		} else {
			snprintf(buf, sizeof(buf), "0x%x", bit);
			json_string(j, buf);
		}
	}
	json_arr_end(j);
}

static void print_servo(struct cli *c, struct json *j,
			const struct ptpk_servo *s)
{
	if (j) {
		json_obj_begin(j);
		servo_print_json_members(j, s);
		json_obj_end(j);
	} else {
		servo_print_text(c->out, s, NULL,
				 c->details ? SERVO_DETAILS : 0);
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

/* servo adopt ID: take over an orphaned servo (this socket closes at exit). */
static int servo_adopt(struct cli *c, int argc, char **argv)
{
	struct ptpk_servo out;
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
	err = ptpk_servo_adopt(c->p, id, &out);
	if (err)
		return cli_fail(c, err, "servo adopt");
	print_result(c, &out);
	return CLI_OK;
}

/* servo sample ID KEY VALUE...: the words of a sample, in ns. */
#define SAMPLE_KEY(n, a, f, lo, hi) \
	{ n, PTPK_A_SAMPLE_##a, offsetof(struct ptpk_sample, f), \
	  sizeof(((struct ptpk_sample *)0)->f), lo, hi }

static const struct sample_key {
	const char *name;
	uint8_t attr;
	uint8_t off, size;		/* of the field in struct ptpk_sample */
	int64_t min, max;
} sample_keys[] = {
	SAMPLE_KEY("seq", SEQ_ID, seq_id, 0, 65535),
	SAMPLE_KEY("sync_interval", SYNC_INTERVAL, sync_interval, -7, 4),
	SAMPLE_KEY("t1", T1, t1, 0, INT64_MAX),
	SAMPLE_KEY("t2", T2, t2, 0, INT64_MAX),
	SAMPLE_KEY("t3", T3, t3, 0, INT64_MAX),
	SAMPLE_KEY("t4", T4, t4, 0, INT64_MAX),
	SAMPLE_KEY("corr_sync", CORR_SYNC, corr_sync, INT64_MIN, INT64_MAX),
	SAMPLE_KEY("corr_delay", CORR_DELAY, corr_delay, INT64_MIN, INT64_MAX),
	SAMPLE_KEY("peer_delay", PEER_DELAY, peer_delay, INT64_MIN, INT64_MAX),
	SAMPLE_KEY("offset", OFFSET, offset, INT64_MIN, INT64_MAX),
	SAMPLE_KEY("local_ts", LOCAL_TS, local_ts, 0, INT64_MAX),
	SAMPLE_KEY("delay", DELAY, delay, INT64_MIN, INT64_MAX),
};

static int sample_parse_args(struct cli *c, int argc, char **argv,
			     struct ptpk_sample *req)
{
	const struct sample_key *k;
	unsigned int i;
	int64_t v;
	int32_t v32;
	int a, err;

	for (a = 0; a < argc; a += 2) {
		k = NULL;
		for (i = 0; i < sizeof(sample_keys) / sizeof(sample_keys[0]); i++) {
			if (!strcmp(sample_keys[i].name, argv[a]))
				k = &sample_keys[i];
		}
		if (!k)
			return cli_usage_error(c, "unknown sample field \"%s\"",
					       argv[a]);
		if (a + 1 >= argc)
			return cli_usage_error(c, "\"%s\" needs a value", argv[a]);
		err = fx_parse(argv[a + 1], 0, k->min, k->max, &v);
		if (err)
			return cli_usage_error(c, "invalid %s \"%s\": %s", k->name,
					       argv[a + 1], fx_strerror(err));
		if (k->size == sizeof(v)) {
			memcpy((char *)req + k->off, &v, sizeof(v));
		} else {
			v32 = (int32_t)v;
			memcpy((char *)req + k->off, &v32, sizeof(v32));
		}
		PTPK_SET(req, k->attr);
	}
	if (!req->present)
		return cli_usage_error(c, "servo sample needs t1 and t2, t3 and t4, peer_delay or offset");
	return CLI_OK;
}

static int servo_sample(struct cli *c, int argc, char **argv)
{
	struct ptpk_sample req = { 0 }, out;
	struct json j;
	int err;

	err = parse_id(c, argc, argv, &req.id);
	if (err)
		return err;
	err = sample_parse_args(c, argc - 1, argv + 1, &req);
	if (err)
		return err;
	err = cli_ptpk(c);
	if (err)
		return err;
	err = ptpk_servo_sample(c->p, &req, &out);
	if (err)
		return cli_fail(c, err, "servo sample");
	if (c->json) {
		json_init(&j, c->out, c->pretty);
		json_obj_begin(&j);
		sample_print_json_members(&j, &out);
		json_obj_end(&j);
		json_finish(&j);
	} else {
		sample_print_text(c->out, &out, c->details);
	}
	return CLI_OK;
}

static int servo_help(struct cli *c, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fputs("Usage: ptpk-cli servo show [ID]\n"
	      "       ptpk-cli servo add clock CLOCK [kind pi|linreg|nullf|ntpshm] [name NAME] [hw] [PARAM VALUE]...\n"
	      "       ptpk-cli servo set ID [name NAME] [hw] [PARAM VALUE]...\n"
	      "       ptpk-cli servo del ID\n"
	      "       ptpk-cli servo adopt ID\n"
	      "       ptpk-cli servo sample ID [t1 NS t2 NS] [corr_sync NS] [t3 NS t4 NS]\n"
	      "                [corr_delay NS] [peer_delay NS] [offset NS [local_ts NS] [delay NS]]\n"
	      "                [seq N] [sync_interval LOG2]\n"
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
	{ "adopt", servo_adopt },
	{ "sample", servo_sample },
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
