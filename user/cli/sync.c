// SPDX-License-Identifier: GPL-2.0
/* ptpk-cli sync show|add|set|del: sync jobs (phc2sys in the kernel) */
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <string.h>
#include <sys/timex.h>
#include <time.h>

#include "cli.h"
#include "fixed.h"

static int parse_id(struct cli *c, int argc, char **argv, uint32_t *id)
{
	if (argc < 1)
		return cli_usage_error(c, "a sync job id is needed");
	if (cli_parse_u32(argv[0], 1, UINT32_MAX, id))
		return cli_usage_error(c, "invalid sync job id \"%s\"", argv[0]);
	return CLI_OK;
}

/* rate HZ (as phc2sys -R, in measurements per 1000 s on the wire) ... */
static int parse_params(struct cli *c, int argc, char **argv,
			struct ptpk_sync *req, bool add)
{
	int64_t v;
	int i, n, err;

	for (i = 0; i < argc; i++) {
		const char *w = argv[i];

		if (add && !strcmp(w, "source")) {
			n = clock_parse_sel(c, argc - i - 1, argv + i + 1,
					    &req->source);
			if (n < 0)
				return CLI_USAGE;
			PTPK_SET(req, PTPK_A_SYNC_SOURCE);
			i += n;
			continue;
		}
		if (strcmp(w, "rate") && strcmp(w, "readings") &&
		    strcmp(w, "utc_offset") && !(add && !strcmp(w, "servo")))
			return cli_usage_error(c, "unknown sync parameter \"%s\"", w);
		if (i + 1 >= argc)
			return cli_usage_error(c, "\"%s\" needs a value", w);
		i++;
		if (!strcmp(w, "rate")) {
			err = fx_parse(argv[i], 3, 1, UINT32_MAX, &v);
			if (err)
				return cli_usage_error(c, "invalid rate \"%s\": %s",
						       argv[i], fx_strerror(err));
			req->rate = (uint32_t)v;
			PTPK_SET(req, PTPK_A_SYNC_RATE);
		} else if (!strcmp(w, "readings")) {
			if (cli_parse_u32(argv[i], 1, UINT32_MAX, &req->readings))
				return cli_usage_error(c, "invalid readings \"%s\"", argv[i]);
			PTPK_SET(req, PTPK_A_SYNC_READINGS);
		} else if (!strcmp(w, "utc_offset")) {
			err = fx_parse(argv[i], 0, INT32_MIN, INT32_MAX, &v);
			if (err)
				return cli_usage_error(c, "invalid utc_offset \"%s\": %s",
						       argv[i], fx_strerror(err));
			req->utc_offset = (int32_t)v;
			PTPK_SET(req, PTPK_A_SYNC_UTC_OFFSET);
		} else {
			if (cli_parse_u32(argv[i], 1, UINT32_MAX, &req->servo))
				return cli_usage_error(c, "invalid servo id \"%s\"", argv[i]);
			PTPK_SET(req, PTPK_A_SYNC_SERVO);
		}
	}
	if (add && (!PTPK_HAS(req, PTPK_A_SYNC_SERVO) ||
		    !PTPK_HAS(req, PTPK_A_SYNC_SOURCE)))
		return cli_usage_error(c, "sync add needs \"servo ID\" and \"source CLOCK\"");
	return CLI_OK;
}

/* Table and JSON output. */

static const char *const headers[] = {
	"ID", "SERVO", "SOURCE", "RATE", "READINGS", "UTC_OFFSET", "OFFSET",
	"DELAY", "MEASURED", "REJECTED",
};
#define N_COLS (sizeof(headers) / sizeof(headers[0]))
#define CELL_LEN 32

static void cells(const struct ptpk_sync *j, char cell[N_COLS][CELL_LEN])
{
	char buf[FX_STRLEN];

	snprintf(cell[0], CELL_LEN, "%u", j->id);
	snprintf(cell[1], CELL_LEN, "%u", j->servo);
	clock_label(&j->source, cell[2], CELL_LEN);
	snprintf(cell[3], CELL_LEN, "%s Hz",
		 fx_format(j->rate, 3, 0, buf, sizeof(buf)));
	snprintf(cell[4], CELL_LEN, "%u", j->readings);
	snprintf(cell[5], CELL_LEN, "%d s", j->utc_offset);
	snprintf(cell[6], CELL_LEN, "%" PRId64 " ns", j->offset);
	snprintf(cell[7], CELL_LEN, "%" PRId64 " ns", j->delay);
	snprintf(cell[8], CELL_LEN, "%" PRIu64, j->n_measurements);
	snprintf(cell[9], CELL_LEN, "%" PRIu64, j->n_rejected);
}

void sync_print_table(FILE *f, const struct ptpk_sync *jobs, size_t n)
{
	char cell[N_COLS][CELL_LEN];
	size_t width[N_COLS], len, r;
	unsigned int i;

	for (i = 0; i < N_COLS; i++)
		width[i] = strlen(headers[i]);
	for (r = 0; r < n; r++) {
		cells(&jobs[r], cell);
		for (i = 0; i < N_COLS; i++) {
			len = strlen(cell[i]);
			if (len > width[i])
				width[i] = len;
		}
	}
	for (i = 0; i + 1 < N_COLS; i++)
		fprintf(f, "%-*s  ", (int)width[i], headers[i]);
	fprintf(f, "%s\n", headers[i]);
	for (r = 0; r < n; r++) {
		cells(&jobs[r], cell);
		for (i = 0; i + 1 < N_COLS; i++)
			fprintf(f, "%-*s  ", (int)width[i], cell[i]);
		fprintf(f, "%s\n", cell[i]);
	}
}

void sync_print_json(struct json *j, const struct ptpk_sync *s)
{
	char buf[FX_STRLEN];

	json_obj_begin(j);
	json_kv_uint(j, "id", s->id);
	json_kv_uint(j, "servo", s->servo);
	if (PTPK_HAS(s, PTPK_A_SYNC_SOURCE)) {
		json_key(j, "source");
		clock_print_json(j, &s->source);
	}
	if (PTPK_HAS(s, PTPK_A_SYNC_RATE)) {
		json_key(j, "rate_hz");
		json_number(j, fx_format(s->rate, 3, 0, buf, sizeof(buf)));
	}
	if (PTPK_HAS(s, PTPK_A_SYNC_READINGS))
		json_kv_uint(j, "readings", s->readings);
	if (PTPK_HAS(s, PTPK_A_SYNC_UTC_OFFSET))
		json_kv_int(j, "utc_offset_s", s->utc_offset);
	if (PTPK_HAS(s, PTPK_A_SYNC_OFFSET))
		json_kv_int(j, "offset_ns", s->offset);
	if (PTPK_HAS(s, PTPK_A_SYNC_DELAY))
		json_kv_int(j, "delay_ns", s->delay);
	if (PTPK_HAS(s, PTPK_A_SYNC_N_MEASUREMENTS))
		json_kv_uint(j, "n_measurements", s->n_measurements);
	if (PTPK_HAS(s, PTPK_A_SYNC_N_REJECTED))
		json_kv_uint(j, "n_rejected", s->n_rejected);
	json_obj_end(j);
}

#define MAX_JOBS 256

struct list {
	struct ptpk_sync v[MAX_JOBS];
	size_t n;
};

static int collect(const struct ptpk_sync *j, void *data)
{
	struct list *l = data;

	if (l->n < MAX_JOBS)
		l->v[l->n++] = *j;
	return 0;
}

static void print_list(struct cli *c, const struct ptpk_sync *v, size_t n)
{
	struct json j;
	size_t i;

	if (!c->json) {
		sync_print_table(c->out, v, n);
		return;
	}
	json_init(&j, c->out, c->pretty);
	json_arr_begin(&j);
	for (i = 0; i < n; i++)
		sync_print_json(&j, &v[i]);
	json_arr_end(&j);
	json_finish(&j);
}

static int sync_show(struct cli *c, int argc, char **argv)
{
	static struct list l;
	uint32_t id = 0;
	int err;

	l.n = 0;
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
	if (id) {
		err = ptpk_sync_get(c->p, id, &l.v[0]);
		l.n = !err;
	} else {
		err = ptpk_sync_dump(c->p, collect, &l);
	}
	if (err)
		return cli_fail(c, err, "sync show");
	print_list(c, l.v, l.n);
	return CLI_OK;
}

static int sync_set(struct cli *c, int argc, char **argv)
{
	struct ptpk_sync req = { 0 }, out;
	int err;

	err = parse_id(c, argc, argv, &req.id);
	if (err)
		return err;
	PTPK_SET(&req, PTPK_A_SYNC_ID);
	err = parse_params(c, argc - 1, argv + 1, &req, false);
	if (err)
		return err;
	if (req.present == ((uint32_t)1 << PTPK_A_SYNC_ID))
		return cli_usage_error(c, "sync set needs something to change");
	err = cli_ptpk(c);
	if (err)
		return err;
	err = ptpk_sync_set(c->p, &req, &out);
	if (err)
		return cli_fail(c, err, "sync set");
	print_list(c, &out, 1);
	return CLI_OK;
}

static int sync_del(struct cli *c, int argc, char **argv)
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
	err = ptpk_sync_del(c->p, id);
	return err ? cli_fail(c, err, "sync del") : CLI_OK;
}

/*
 * sync add: the kernel stops a job when its owner's socket closes, so
 * ptpk-cli owns it while it runs: it adopts the (orphaned) servo, starts
 * the job, prints each sample and applies the system clock's frequency
 * when that is the sink, until SIGINT or SIGTERM.
 */
static volatile sig_atomic_t stop_flag;

static void on_signal(int sig)
{
	(void)sig;
	stop_flag = 1;
}

struct run {
	struct cli *c;
	bool system;
};

static int on_sample(const struct ptpk_sample *smp, void *data)
{
	struct run *r = data;
	struct timex tx = { .modes = ADJ_FREQUENCY };
	struct json j;

	if (r->system && (smp->flags & PTPK_SAMPLE_FLAGS_APPLY_FREQ)) {
		tx.freq = (long)(smp->freq * 65536 / 1000000);
		if (clock_adjtime(CLOCK_REALTIME, &tx) < 0)
			fprintf(r->c->err, "ptpk-cli: clock_adjtime: %s\n",
				strerror(errno));
	}
	if (r->c->json) {
		json_init(&j, r->c->out, false);
		json_obj_begin(&j);
		sample_print_json_members(&j, smp);
		json_obj_end(&j);
		json_finish(&j);
	} else {
		sample_print_text(r->c->out, smp, r->c->details);
	}
	fflush(r->c->out);
	return 0;
}

static int sync_add(struct cli *c, int argc, char **argv)
{
	struct ptpk_sync req = { 0 }, out;
	struct ptpk_servo s;
	struct run r = { .c = c };
	sigset_t block, saved, orig, *mask = NULL;
	struct sigaction sa;
	int err;

	err = parse_params(c, argc, argv, &req, true);
	if (err)
		return err;
	err = cli_ptpk(c);
	if (err)
		return err;
	err = ptpk_servo_get(c->p, req.servo, &s);
	if (err)
		return cli_fail(c, err, "sync add");
	r.system = PTPK_HAS(&s.clock, PTPK_A_CLOCK_TYPE) &&
		   s.clock.type == PTPK_CLOCK_TYPE_SYSTEM;
	if (PTPK_HAS(&s, PTPK_A_SERVO_ORPHANED) ||
	    (PTPK_HAS(&s, PTPK_A_SERVO_OWNER) && !s.val[PTPK_A_SERVO_OWNER])) {
		err = ptpk_servo_adopt(c->p, req.servo, NULL);
		if (err)
			return cli_fail(c, err, "sync add");
	}
	if (!c->stop) {
		/* as in monitor: signals only get through while waiting */
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_signal;
		sigemptyset(&sa.sa_mask);
		sigaction(SIGINT, &sa, NULL);
		sigaction(SIGTERM, &sa, NULL);
		sigemptyset(&block);
		sigaddset(&block, SIGINT);
		sigaddset(&block, SIGTERM);
		sigprocmask(SIG_BLOCK, &block, &saved);
		orig = saved;
		sigdelset(&orig, SIGINT);
		sigdelset(&orig, SIGTERM);
		mask = &orig;
		c->stop = &stop_flag;
	}
	err = ptpk_sync_new(c->p, &req, &out);
	if (err) {
		err = cli_fail(c, err, "sync add");
		goto out;
	}
	print_list(c, &out, 1);
	fflush(c->out);
	err = ptpk_sample_listen(c->p, on_sample, &r, c->stop, mask);
	if (err)
		cli_fail(c, err, "sync add");
	/* the servo stays, orphaned, once this socket closes */
	ptpk_sync_del(c->p, out.id);
	err = err ? CLI_FAIL : CLI_OK;
out:
	if (mask)
		sigprocmask(SIG_SETMASK, &saved, NULL);
	return err;
}

static int sync_help(struct cli *c, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fputs("Usage: ptpk-cli sync show [ID]\n"
	      "       ptpk-cli sync add servo ID source CLOCK [rate HZ] [readings N] [utc_offset S]\n"
	      "       ptpk-cli sync set ID [rate HZ] [readings N] [utc_offset S]\n"
	      "       ptpk-cli sync del ID\n"
	      "\"sync add\" runs the job until interrupted (a job lives as long as its\n"
	      "owner's socket) and prints its samples; ptpk-phc2sys is the full front-end.\n",
	      c->out);
	return CLI_OK;
}

static const struct cli_cmd sync_cmds[] = {
	{ "show", sync_show },
	{ "list", sync_show },
	{ "add", sync_add },
	{ "new", sync_add },
	{ "set", sync_set },
	{ "change", sync_set },
	{ "del", sync_del },
	{ "delete", sync_del },
	{ "help", sync_help },
	{ NULL, NULL },
};

int cmd_sync(struct cli *c, int argc, char **argv)
{
	const struct cli_cmd *cmd;

	if (argc == 0)
		return sync_show(c, 0, argv);
	cmd = cli_lookup(c, sync_cmds, argv[0], "sync command");
	if (!cmd)
		return CLI_USAGE;
	return cmd->fn(c, argc - 1, argv + 1);
}
