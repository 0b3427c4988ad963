// SPDX-License-Identifier: GPL-2.0
/*
 * ptpk-cli pmc [-u] [-b HOPS] [-d DOMAIN] [-s UDS] [-i LOCAL] [-t TS]
 * [-z] [COMMAND]...: linuxptp's pmc over the daemon's UNIX socket. The
 * commands run one after another as pmc's batch mode runs them, answers
 * are printed as they come, and 100 ms after the last command without an
 * answer it exits; with no command it reads them from standard input.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cpmc.h"

#define LINGER_MS 100		/* pmc's wait for outstanding answers */

static volatile sig_atomic_t pmc_stop;

static void on_signal(int sig)
{
	(void)sig;
	pmc_stop = 1;
}

struct pmc_opts {
	const char *server;
	const char *local;
	uint32_t hops;
	uint32_t domain;
	uint32_t ts;
	bool zero;			/* -z: GETs without data */
};

static void pmc_usage(FILE *f)
{
	fputs("Usage: ptpk-cli pmc [-u] [-b HOPS] [-d DOMAIN] [-s UDS] [-i LOCAL] [-t TS] [-z] [COMMAND]...\n"
	      "  -u        UDS (the only transport; accepted for pmc's command lines)\n"
	      "  -b HOPS   boundary hops, default 1\n"
	      "  -d N      domain number, default 0\n"
	      "  -s PATH   server address, default " MGMT_DEFAULT_UDS "\n"
	      "  -i PATH   our address, default /var/run/ptpk-cli.$pid\n"
	      "  -t HEX    transport specific field, default 0x0\n"
	      "  -z        send GETs with zero-length data\n"
	      "COMMAND := GET|SET|CMD ID [VALUES] | TARGET PORTID|* | help\n", f);
}

/* Options as pmc's getopt takes them; the index of the first command. */
static int parse_opts(struct cli *c, int argc, char **argv,
		      struct pmc_opts *o)
{
	const char *arg;
	char *end;
	int i, r;
	char opt;

	for (i = 0; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (!strcmp(argv[i], "--"))
			return i + 1;
		for (arg = argv[i] + 1; *arg; ) {
			opt = *arg++;
			switch (opt) {
			case 'u':
				continue;
			case 'z':
				o->zero = true;
				continue;
			case 'h':
				pmc_usage(c->out);
				return -CLI_OK;
			case '2': case '4': case '6':
				return -cli_usage_error(c, "pmc: only the UNIX socket transport (-u) is supported");
			case 'b': case 'd': case 's': case 'i': case 't':
				break;
			default:
				return -cli_usage_error(c, "pmc: unknown option \"-%c\"", opt);
			}
			if (!*arg) {
				if (++i >= argc)
					return -cli_usage_error(c, "pmc: -%c needs a value", opt);
				arg = argv[i];
			}
			if (opt == 's' || opt == 'i') {
				if (strlen(arg) > 107)
					return -cli_usage_error(c, "pmc: path %s too long, max is 107", arg);
				*(opt == 's' ? &o->server : &o->local) = arg;
			} else if (opt == 't') {
				errno = 0;
				o->ts = (uint32_t)strtoul(arg, &end, 16);
				if (*end || errno || o->ts > 15)
					return -cli_usage_error(c, "pmc: invalid transport specific \"%s\"", arg);
			} else {
				r = cli_parse_u32(arg, 0, opt == 'd' ? 127 : 255,
						  opt == 'd' ? &o->domain : &o->hops);
				if (r)
					return -cli_usage_error(c, "pmc: invalid -%c \"%s\"", opt, arg);
			}
			break;
		}
	}
	return i;
}

static void receive(struct cli *c, struct mgmt_sock *s)
{
	uint8_t buf[MGMT_MAX_LEN];
	struct mgmt_msg m;
	long n;

	n = mgmt_recv(s, buf, sizeof(buf), 0);
	if (n <= 0)
		return;
	if (!mgmt_parse(buf, (size_t)n, &m))
		cpmc_show(c->out, &m);
	else
		fprintf(c->err, "ptpk-cli: pmc: bad message\n");
}

static void run_command(struct cli *c, struct cpmc *p, struct mgmt_sock *s,
			const char *cmd)
{
	int err;

	if (cpmc_command(p, cmd)) {
		fprintf(c->err, "bad command: %s\n", cmd);
		return;
	}
	fflush(c->out);
	if (!p->msg_len)
		return;
	err = mgmt_send(s, p->msg, p->msg_len);
	if (err)
		fprintf(c->err, "ptpk-cli: pmc: cannot send to %s: %s\n",
			s->server, strerror(-err));
}

/*
 * One line of standard input, read a byte at a time so that poll() sees
 * what is left: 1, 0 at the end of the input (or on an error).
 */
static int read_line(char *line, size_t size)
{
	size_t n = 0;
	ssize_t r;
	char ch;

	for (;;) {
		r = read(STDIN_FILENO, &ch, 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		if (ch == '\n')
			break;
		if (n + 1 < size)
			line[n++] = ch;
	}
	line[n] = '\0';
	return r > 0 || n;
}

/* pmc's main loop: one command per turn, answers as they come. */
static void loop(struct cli *c, struct cpmc *p, struct mgmt_sock *s,
		 int argc, char **argv)
{
	struct pollfd pfd[2];
	bool batch = argc > 0;
	const char *cmd = NULL;
	char line[1024];
	int i = 0, tmo = -1, n;

	while (!pmc_stop && !(c->stop && *c->stop)) {
		if (batch && !cmd) {
			if (i < argc)
				cmd = argv[i++];
			else
				tmo = LINGER_MS;
		}
		/* standard input while no command waits, until its end */
		pfd[0].fd = batch || tmo >= 0 || cmd ? -1 : STDIN_FILENO;
		pfd[0].events = POLLIN;
		pfd[0].revents = 0;
		pfd[1].fd = s->fd;
		pfd[1].events = POLLIN | (cmd ? POLLOUT : 0);
		pfd[1].revents = 0;
		n = poll(pfd, 2, tmo);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (pfd[0].revents & POLLHUP && !(pfd[0].revents & POLLIN)) {
			tmo = LINGER_MS;
			continue;
		}
		if (pfd[0].revents & POLLIN) {
			if (!read_line(line, sizeof(line))) {
				tmo = LINGER_MS;
				continue;
			}
			/* pmc skips empty lines */
			if (!line[0])
				continue;
			cmd = line;
		}
		if (pfd[1].revents & POLLOUT && cmd) {
			run_command(c, p, s, cmd);
			cmd = NULL;
		}
		if (pfd[1].revents & POLLIN)
			receive(c, s);
	}
}

int cmd_pmc(struct cli *c, int argc, char **argv)
{
	struct pmc_opts o = { .server = MGMT_DEFAULT_UDS, .hops = 1 };
	struct sigaction sa = { .sa_handler = on_signal };
	struct sigaction old_int, old_term;
	struct mgmt_sock s;
	struct cpmc p;
	int i, err;

	i = parse_opts(c, argc, argv, &o);
	if (i <= 0)
		return -i;
	err = mgmt_open(&s, o.server, o.local);
	if (err) {
		fprintf(c->err, "ptpk-cli: pmc: cannot open %s: %s\n",
			o.local ? o.local : "/var/run/ptpk-cli.<pid>",
			strerror(-err));
		return CLI_FAIL;
	}
	cpmc_init(&p, c->out, c->err);
	p.hops = (uint8_t)o.hops;
	p.domain = (uint8_t)o.domain;
	p.transport_specific = (uint8_t)o.ts;
	p.zero_gets = o.zero;
	pmc_stop = 0;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	loop(c, &p, &s, argc - i, argv + i);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	mgmt_close(&s);
	return CLI_OK;
}
