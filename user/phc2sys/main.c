// SPDX-License-Identifier: GPL-2.0
/*
 * ptpk-phc2sys: phc2sys's command line and output on top of ptpk.ko sync
 * jobs. The kernel measures the clocks and runs the servos; we wait for
 * ptp4l (-w) or follow its port states (-a), create the servos and the
 * jobs, print each sample the module sends us, apply the frequency when
 * the sink is CLOCK_REALTIME (the module cannot), re-read ptp4l's UTC
 * offset every minute as phc2sys does, and remove everything at exit.
 *
 * One loop: the netlink socket's samples, woken also by SIGIO (a management
 * message arrived) and a one-second SIGALRM (the periodic updates), which
 * are blocked outside the wait so none is lost.
 */
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/timex.h>
#include <time.h>
#include <unistd.h>

#include <linux/ethtool.h>
#include <linux/sockios.h>

#include "auto.h"
#include "job.h"
#include "options.h"
#include "output.h"
#include "pmc.h"
#include "print.h"

/* stop: an exit signal; wake: any signal we wait for (also SIGIO, SIGALRM) */
static volatile sig_atomic_t stop, wake;

static void on_signal(int sig)
{
	if (sig != SIGIO && sig != SIGALRM)
		stop = 1;
	wake = 1;
}

/* phc2sys re-reads the UTC offset (and renews its subscription) this often */
#define PMC_UPDATE_MS 60000

struct ctx {
	const struct p2s_opts *o;
	struct p2s_job job;		/* -s/-c */
	struct p2s_output out;
	struct p2s_auto *a;		/* -a */
	struct ptpk *p;			/* the socket of every job */
	struct pmc pmc;
	bool have_pmc;
	int utc_offset;			/* ptp4l's */
	bool have_offset;
	int utc_seq;			/* a TIME_PROPERTIES GET in flight, or 0 */
	long long last_update, last_ask;	/* ms */
	long long update_ms;
	bool adjtime_failed;
	bool fatal;
};

static int64_t raw_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC_RAW, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static long long mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

static void sample_for(struct ctx *c, struct p2s_job *j, struct p2s_output *out,
		       const struct ptpk_sample *smp)
{
	struct timex tx = { .modes = ADJ_FREQUENCY };
	int64_t route = -1;

	if (j->sink_system && (smp->flags & PTPK_SAMPLE_FLAGS_APPLY_FREQ)) {
		tx.freq = (long)(smp->freq * 65536 / 1000000);
		if (clock_adjtime(CLOCK_REALTIME, &tx) < 0) {
			if (!c->adjtime_failed)
				pr_err("failed to adjust the clock frequency: %m");
			c->adjtime_failed = true;
		} else if (PTPK_HAS(smp, PTPK_A_SAMPLE_MONO_TS)) {
			/* the module's outcome to our adjustment */
			route = raw_now() - smp->mono_ts;
		}
	}
	if (smp->flags & PTPK_SAMPLE_FLAGS_FAULT)
		pr_err("%s: the clock refused an adjustment or went away",
		       out->device);
	/* the servo may have lost its job in a re-plan meanwhile */
	if (j->sync_id)
		output_sample(out, smp, route);
}

static int on_sample(const struct ptpk_sample *smp, void *data)
{
	struct ctx *c = data;
	unsigned int i;

	if (!c->a) {
		if (smp->id == c->job.servo_id)
			sample_for(c, &c->job, &c->out, smp);
		return 0;
	}
	for (i = 0; i < c->a->n_clocks; i++) {
		struct p2s_aclock *k = &c->a->clock[i];

		if (k->job.servo_id && smp->id == k->job.servo_id) {
			sample_for(c, &k->job, &k->out, smp);
			break;
		}
	}
	return 0;
}

/* Every job's UTC offset from ptp4l's (phc2sys's get_sync_offset()). */
static void apply_utc_offset(struct ctx *c)
{
	const struct p2s_opts *o = c->o;
	unsigned int i;

	if (!c->a) {
		if (c->have_offset && !o->forced_offset &&
		    p2s_job_set_utc_offset(&c->job,
					   p2s_utc_offset(o, true, c->utc_offset)))
			c->fatal = true;
		return;
	}
	for (i = 0; i < c->a->n_clocks; i++) {
		struct p2s_aclock *k = &c->a->clock[i];

		if (k->job_src < 0 || !k->job.sync_id)
			continue;
		if (p2s_job_set_utc_offset(&k->job, p2s_utc_offset_for(o,
				c->a->clock[k->job_src].device, k->device,
				true, c->utc_offset)))
			c->fatal = true;
	}
}

/* After a reconfiguration: a job (on a servo kept across sources, unless
 * phc2sys would reset it) for each clock that follows the master. */
static void auto_plan(struct ctx *c)
{
	const struct p2s_opts *o = c->o;
	struct p2s_auto *a = c->a;
	struct p2s_aclock *k, *m;
	unsigned int i;
	int want;

	for (i = 0; i < a->n_clocks && !c->fatal; i++) {
		k = &a->clock[i];
		want = p2s_auto_source_of(a, i);
		if ((k->reset || want < 0) && k->job.servo_id) {
			output_finish(&k->out);
			p2s_job_remove(&k->job);
			k->job_src = -1;
		}
		k->reset = false;
		if (want != k->job_src && k->job.sync_id) {
			p2s_job_unsync(&k->job);
			k->job_src = -1;
		}
		if (want < 0 || k->job.sync_id)
			continue;
		m = &a->clock[want];
		if (!k->job.servo_id &&
		    p2s_job_servo(c->p, &k->job, o, m->device, k->device)) {
			c->fatal = true;
			break;
		}
		output_init(&k->out, k->device, m->is_rt, o->summary);
		if (p2s_job_sync(&k->job, o, m->device, p2s_utc_offset_for(o,
				m->device, k->device, true, c->utc_offset))) {
			c->fatal = true;
			break;
		}
		k->job_src = want;
	}
}

static void on_pmc(const struct pmc_msg *m, void *arg)
{
	struct ctx *c = arg;
	int off;

	if (m->action != PMC_ACTION_RESPONSE || m->error)
		return;
	if (m->id == PMC_TIME_PROPERTIES_DATA_SET && c->utc_seq &&
	    m->seq == c->utc_seq) {
		c->utc_seq = 0;
		if (pmc_tp_utc_offset(m->data, m->len, &off))
			return;
		c->last_update = mono_ms();
		if (c->have_offset && off == c->utc_offset)
			return;
		pr_info("UTC offset %d s from ptp4l", off);
		c->utc_offset = off;
		c->have_offset = true;
		apply_utc_offset(c);
	} else if (m->id == PMC_PORT_DATA_SET && c->a && m->len >= 11) {
		/* portIdentity, portState */
		p2s_auto_port_event(c->a, m->data,
				    (uint16_t)(m->data[8] << 8 | m->data[9]),
				    m->data[10]);
	}
}

/* phc2sys's update_pmc(): every minute, the subscription and the offset. */
static void pmc_periodic(struct ctx *c)
{
	uint8_t sub[66];
	long long now = mono_ms();
	int seq;

	if (now - c->last_update < c->update_ms || now - c->last_ask < 1000)
		return;
	c->last_ask = now;
	if (c->a)
		pmc_send(&c->pmc, PMC_ACTION_SET, PMC_SUBSCRIBE_EVENTS_NP,
			 PMC_PORT_ALL, sub,
			 pmc_subscribe_data(sub, PMC_SUBSCRIBE_DURATION));
	if (c->o->forced_offset)
		return;
	seq = pmc_send(&c->pmc, PMC_ACTION_GET, PMC_TIME_PROPERTIES_DATA_SET,
		       PMC_PORT_ALL, NULL, 0);
	if (seq > 0)
		c->utc_seq = seq;
}

/* SIGIO for the management socket, SIGALRM every second. */
static int pmc_async(struct ctx *c)
{
	struct itimerval it = { { 1, 0 }, { 1, 0 } };
	int fl = fcntl(c->pmc.fd, F_GETFL);

	c->pmc.event = on_pmc;
	c->pmc.event_arg = c;
	if (fl < 0 || fcntl(c->pmc.fd, F_SETOWN, getpid()) < 0 ||
	    fcntl(c->pmc.fd, F_SETFL, fl | O_ASYNC) < 0 ||
	    setitimer(ITIMER_REAL, &it, NULL) < 0) {
		pr_err("cannot set up the management socket: %m");
		return -1;
	}
	return 0;
}

static int open_pmc(struct ctx *c)
{
	int r = pmc_open(&c->pmc, c->o->uds, c->o->domain);

	if (r) {
		pr_err("failed to open the management socket: %s", strerror(-r));
		return r;
	}
	c->have_pmc = true;
	return 0;
}

/* -w: as phc2sys, poll ptp4l once a second until a port is synced. */
static int wait_ptp4l(struct ctx *c)
{
	int r;

	r = open_pmc(c);
	if (r)
		return r;
	while (!stop) {
		r = pmc_port_synced(&c->pmc, 1000);
		if (r < 0) {
			pr_err("management request failed: %s", strerror(-r));
			return r;
		}
		if (r > 0)
			break;
		pr_notice("Waiting for ptp4l...");
	}
	if (stop)
		return -EINTR;
	if (!c->o->forced_offset) {
		r = 0;
		while (!stop && !r)
			r = pmc_utc_offset(&c->pmc, 1000, &c->utc_offset);
		if (r <= 0) {
			pr_err("failed to get UTC offset");
			return r ? r : -EINTR;
		}
		c->have_offset = true;
	}
	c->last_update = mono_ms();
	return 0;
}

/* The PHC of an interface, from its ts-info (-1 and printed if none). */
static int phc_index_of(const char *iface)
{
	struct ethtool_ts_info ti = { .cmd = ETHTOOL_GET_TS_INFO };
	struct ifreq ifr;
	int fd, r;

	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", iface);
	ifr.ifr_data = (char *)&ti;
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	r = ioctl(fd, SIOCETHTOOL, &ifr);
	close(fd);
	if (r < 0) {
		pr_err("unknown clock %s: %m", iface);
		return -1;
	}
	if (ti.phc_index < 0)
		pr_err("interface %s does not have a PHC", iface);
	return ti.phc_index;
}

struct dds {
	uint8_t clock_id[8];
	unsigned int number_ports;
};

static int dds_cb(const uint8_t *data, size_t len, void *arg)
{
	struct dds *d = arg;

	/* flags, reserved, numberPorts, priority1, clockQuality, priority2,
	 * clockIdentity, ... */
	if (len < 18)
		return 0;
	d->number_ports = (unsigned int)(data[2] << 8 | data[3]);
	memcpy(d->clock_id, data + 10, 8);
	return 1;
}

struct pprops {
	uint16_t port;
	int state, timestamping;
	char iface[IFNAMSIZ];
};

static int pprops_cb(const uint8_t *data, size_t len, void *arg)
{
	struct pprops *pp = arg;
	size_t n;

	/* portIdentity, port_state, timestamping, interface (PTPText) */
	if (len < 13 || (uint16_t)(data[8] << 8 | data[9]) != pp->port)
		return 0;
	pp->state = data[10];
	pp->timestamping = data[11];
	n = data[12];
	if (n > len - 13)
		n = len - 13;
	if (n > IFNAMSIZ - 1)
		n = IFNAMSIZ - 1;
	memcpy(pp->iface, data + 13, n);
	pp->iface[n] = '\0';
	return 1;
}

static int any_cb(const uint8_t *data, size_t len, void *arg)
{
	(void)data;
	(void)len;
	(void)arg;
	return 1;
}

/* -a: phc2sys's auto_init_ports(). */
static int auto_init(struct ctx *c)
{
	struct p2s_auto *a = c->a;
	struct dds d = { 0 };
	struct pprops pp;
	uint8_t sub[66];
	unsigned int i;
	int r, phc;

	if (open_pmc(c))
		return -1;
	for (;;) {
		if (stop)
			return -EINTR;
		r = pmc_get(&c->pmc, PMC_DEFAULT_DATA_SET, 1000, dds_cb, &d);
		if (r < 0)
			return r;
		if (r > 0)
			break;
		pr_notice("Waiting for ptp4l...");
	}
	memcpy(c->pmc.clock_id, d.clock_id, 8);
	memcpy(a->clock_id, d.clock_id, 8);
	c->pmc.have_clock_id = true;
	if (!d.number_ports) {
		pr_err("failed to get number of ports");
		return -1;
	}
	r = pmc_request(&c->pmc, PMC_ACTION_SET, PMC_SUBSCRIBE_EVENTS_NP,
			PMC_PORT_ALL, sub,
			pmc_subscribe_data(sub, PMC_SUBSCRIBE_DURATION), 1000,
			any_cb, NULL);
	if (r <= 0) {
		pr_err("failed to subscribe");
		return r < 0 ? r : -1;
	}
	for (i = 1; i <= d.number_ports; i++) {
		memset(&pp, 0, sizeof(pp));
		pp.port = (uint16_t)i;
		r = pmc_request(&c->pmc, PMC_ACTION_GET, PMC_PORT_PROPERTIES_NP,
				(uint16_t)i, NULL, 0, 1000, pprops_cb, &pp);
		if (r == -EBADMSG)	/* no such port */
			continue;
		if (r <= 0) {
			pr_err("failed to get port properties");
			return r < 0 ? r : -1;
		}
		if (pp.timestamping == 0)	/* software time stamping */
			continue;
		phc = phc_index_of(pp.iface);
		if (phc < 0)
			return -1;
		if (p2s_auto_add_port(a, pp.port, pp.iface, phc, pp.state)) {
			pr_err("too many ports");
			return -1;
		}
	}
	if (!a->n_clocks) {
		pr_err("no suitable ports available");
		return -1;
	}
	p2s_auto_ports_done(a);
	if (c->o->realtime && p2s_auto_add_rt(a, c->o->realtime == 1))
		return -1;
	r = pmc_utc_offset(&c->pmc, 1000, &c->utc_offset);
	if (r <= 0) {
		pr_err("failed to get UTC offset");
		return -1;
	}
	c->have_offset = true;
	c->last_update = mono_ms();
	return 0;
}

/* --detach: the child keeps the socket, so the jobs run on. */
static int detach(const struct ctx *c)
{
	pid_t pid = fork();
	int fd;

	if (pid < 0) {
		pr_err("fork: %m");
		return -1;
	}
	if (pid > 0) {
		if (c->a)
			printf("ptpk-phc2sys: automatic mode runs in pid %d\n",
			       (int)pid);
		else
			printf("ptpk-phc2sys: sync job %u (servo %u) runs in pid %d\n",
			       c->job.sync_id, c->job.servo_id, (int)pid);
		fflush(stdout);
		_exit(0);
	}
	setsid();
	fd = open("/dev/null", O_RDWR);
	if (fd >= 0) {
		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
		if (fd > 2)
			close(fd);
	}
	return 0;
}

static int run(struct ctx *c, const sigset_t *waitmask)
{
	int r = 0, off;

	while (!stop && !c->fatal) {
		if (c->a && c->a->state_changed) {
			/* as phc2sys: the offset may have changed with it */
			r = pmc_utc_offset(&c->pmc, 1000, &off);
			if (r > 0) {
				c->utc_offset = off;
				c->last_update = mono_ms();
				p2s_auto_reconfigure(c->a);
				auto_plan(c);
				apply_utc_offset(c);
			} else {
				pr_err("failed to get UTC offset");
			}
			r = 0;
			if (c->fatal)
				break;
		}
		wake = 0;
		r = ptpk_sample_listen(c->p, on_sample, c, &wake, waitmask);
		if (r) {
			pr_err("lost the connection to ptpk.ko: %s", strerror(-r));
			break;
		}
		if (stop || !c->have_pmc)
			continue;
		r = pmc_drain(&c->pmc);
		if (r) {
			pr_err("management socket: %s", strerror(-r));
			break;
		}
		pmc_periodic(c);
	}
	return r || c->fatal ? -1 : 0;
}

static void finish(struct ctx *c)
{
	unsigned int i;

	if (!c->a) {
		output_finish(&c->out);
		/* as phc2sys does, CLOCK_REALTIME keeps the last frequency */
		p2s_job_stop(&c->job);
		return;
	}
	for (i = 0; i < c->a->n_clocks; i++) {
		if (!c->a->clock[i].job.servo_id)
			continue;
		output_finish(&c->a->clock[i].out);
		p2s_job_remove(&c->a->clock[i].job);
	}
	if (c->p)
		ptpk_close(c->p);
	c->p = NULL;
}

int main(int argc, char **argv)
{
	static struct p2s_auto autocfg;
	static const int sigs[] = { SIGINT, SIGTERM, SIGQUIT, SIGIO, SIGALRM };
	struct p2s_opts o;
	struct ctx c = { .o = &o, .update_ms = PMC_UPDATE_MS };
	struct sigaction sa = { .sa_handler = on_signal };
	sigset_t block, exits, waitmask;
	const char *env;
	unsigned int i;
	int r;

	r = p2s_parse(&o, argc, argv, stdout, stderr);
	if (r != P2S_RUN)
		return r == P2S_EXIT_OK ? 0 : 255;
	p2s_print_setup(o.print_level, o.verbose, o.syslog, o.tag);
	if (o.syslog)
		openlog("phc2sys", LOG_PID, LOG_DAEMON);
	/* for the tests: phc2sys's minute, shorter */
	env = getenv("PTPK_PHC2SYS_PMC_UPDATE_MS");
	if (env && atoll(env) > 0)
		c.update_ms = atoll(env);

	/* signals get through only while we wait (no lost wake-up) */
	sigemptyset(&sa.sa_mask);
	sigemptyset(&block);
	sigemptyset(&exits);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		sigaction(sigs[i], &sa, NULL);
		sigaddset(&block, sigs[i]);
		if (i < 3)
			sigaddset(&exits, sigs[i]);
	}
	sigprocmask(SIG_BLOCK, &block, &waitmask);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigdelset(&waitmask, sigs[i]);

	if (o.autocfg || o.wait_sync) {
		/* pmc polls with plain poll(): let the exit signals in */
		sigprocmask(SIG_UNBLOCK, &exits, NULL);
		if (o.autocfg) {
			p2s_auto_init(&autocfg);
			c.a = &autocfg;
			r = auto_init(&c);
		} else {
			r = wait_ptp4l(&c);
			if (!r && c.have_offset)
				pr_info("UTC offset %d s from ptp4l",
					c.utc_offset);
		}
		sigprocmask(SIG_BLOCK, &exits, NULL);
		if (r) {
			if (c.have_pmc)
				pmc_close(&c.pmc);
			return r == -EINTR ? 0 : 255;
		}
	}
	if (c.a) {
		r = p2s_open(&c.p);
	} else {
		output_init(&c.out, o.dst, !strcmp(o.src, "CLOCK_REALTIME"),
			    o.summary);
		r = p2s_job_start(&c.job, &o, p2s_utc_offset(&o, c.have_offset,
							     c.utc_offset));
		c.p = c.job.p;
	}
	if (r)
		goto out;
	if (o.detach) {
		r = detach(&c);
		if (r)
			goto out;
		p2s_print_setup(o.print_level, false, o.syslog, o.tag);
	}
	if (c.have_pmc) {
		r = pmc_async(&c);
		if (r)
			goto out;
	}
	r = run(&c, &waitmask);
	if (o.detach && !c.a) {
		/* the kernel stops the job as our socket closes; the servo
		 * stays in holdover and can be adopted */
		output_finish(&c.out);
		ptpk_close(c.p);
		if (c.have_pmc)
			pmc_close(&c.pmc);
		return r ? 255 : 0;
	}
out:
	finish(&c);
	if (c.have_pmc)
		pmc_close(&c.pmc);
	return r ? 255 : 0;
}
