// SPDX-License-Identifier: GPL-2.0
/* The local clock: data sets, BMCA over the ports, the kernel servo. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <linux/ptp_clock.h>
#include <sys/ioctl.h>

#include "clock.h"
#include "config.h"
#include "leap.h"
#include "monitor.h"
#include "msg.h"
#include "port.h"
#include "print.h"
#include "sk.h"
#include "timers.h"

char *cid_str(const struct ClockIdentity *id, char *buf, size_t len)
{
	const uint8_t *b = id->id;

	snprintf(buf, len, "%02x%02x%02x.%02x%02x.%02x%02x%02x",
		 b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]);
	return buf;
}

char *pid_str(const struct PortIdentity *id, char *buf, size_t len)
{
	char c[24];

	snprintf(buf, len, "%s-%hu", cid_str(&id->clockIdentity, c, sizeof(c)),
		 id->portNumber);
	return buf;
}

/* We are the grandmaster: parentDS and timePropertiesDS are our own. */
static void clock_update_grandmaster(struct clock *c)
{
	c->gm = c->d0;
	c->gm.stepsRemoved = 0;
	c->parent.clockIdentity = c->d0.identity;
	c->parent.portNumber = 0;
	c->steps_removed = 0;
	c->ptl.count = 0;
	c->utc_offset = c->gm_utc_offset;
	c->time_flags = c->gm_time_flags;
	if (c->sync_uncertain == SYNC_UNCERTAIN_TRUE)
		c->time_flags |= FLAG_SYNC_UNCERTAIN;
	c->time_source = c->gm_time_source;
}

/* The grandmaster settings from the configuration (management may SET). */
static void clock_gm_settings(struct clock *c)
{
	c->gm_utc_offset = config_get_int(c->cfg, NULL, "utc_offset");
	/*
	 * The system clock runs UTC, not the PTP timescale: announce an
	 * arbitrary timescale then, as ptp4l does, so that nobody applies
	 * a UTC offset to our timestamps.
	 */
	c->gm_time_flags = c->phc_index < 0 ? 0 : FLAG_PTP_TIMESCALE;
	c->gm_time_source = config_get_int(c->cfg, NULL, "timeSource");
}

void clock_port_state_changed(struct clock *c, struct port *p)
{
	pm_notify_port_state(c, p);
}

static void clock_update_slave(struct clock *c, const struct foreign_master *fm)
{
	c->gm = fm->last.ds;
	c->parent = fm->last.ds.sender;
	c->ptl = fm->last.path;
	c->steps_removed = fm->last.ds.stepsRemoved + 1;
	c->gm.stepsRemoved = c->steps_removed;
	clock_time_props(c, fm->last.currentUtcOffset, fm->last.flagField,
			 fm->last.timeSource);
}

void clock_time_props(struct clock *c, int16_t utc_offset, uint16_t flags,
		      uint8_t time_source)
{
	c->utc_offset = utc_offset;
	/* the timePropertiesDS flags live in the flagField's second octet */
	c->time_flags = flags & 0x00ff;
	c->time_source = time_source;
}

void clock_announce_data(const struct clock *c, struct announce_data *a)
{
	a->gm = &c->gm;
	a->currentUtcOffset = c->utc_offset;
	a->flags = c->time_flags;
	a->timeSource = c->time_source;
}

void clock_state_decision(struct clock *c)
{
	const struct foreign_master *fm[CLOCK_MAX_PORTS];
	const struct dataset *erbest[CLOCK_MAX_PORTS];
	const struct dataset *ebest = NULL;
	struct ClockIdentity best_id;
	uint64_t now = mono_ns();
	char buf[32];
	unsigned int i;
	int best, mdiff;

	c->sde = false;
	for (i = 0; i < c->n_ports; i++) {
		/* a port disabled by management takes no part */
		if (port_state(c->port[i]) == PS_DISABLED) {
			fm[i] = NULL;
			erbest[i] = NULL;
			continue;
		}
		fm[i] = foreign_best(port_foreign(c->port[i]), now);
		erbest[i] = fm[i] ? &fm[i]->last.ds : NULL;
	}
	best = bmc_best_cmp(erbest, (int)c->n_ports, c->dscmp);
	if (best >= 0)
		ebest = erbest[best];
	/*
	 * As ptp4l: the "best master" is the best foreign master even when D0
	 * beats it (the port decision below then says GRAND_MASTER), and the
	 * line is printed, and mdiff raised, only when that identity changes.
	 */
	best_id = ebest ? ebest->identity : c->d0.identity;
	mdiff = !cid_eq(&best_id, &c->best_id);
	if (mdiff && cid_eq(&best_id, &c->d0.identity))
		pr_notice("selected local clock %s as best master",
			  cid_str(&best_id, buf, sizeof(buf)));
	else if (mdiff)
		pr_notice("selected best master clock %s",
			  cid_str(&best_id, buf, sizeof(buf)));
	c->best_id = best_id;

	for (i = 0; i < c->n_ports; i++) {
		struct port *p = c->port[i];
		struct bmc_input in = {
			.d0 = &c->d0,
			.erbest = erbest[i],
			.ebest = ebest,
			.ebest_here = best >= 0 && (unsigned int)best == i,
			.state = port_state(p),
			.slave_only = c->slave_only,
			.noop = port_noop(p),
			.cmp = c->dscmp,
		};
		enum fsm_event ev;
		int pdiff = mdiff;

		if (in.state == PS_DISABLED)
			continue;
		ev = bmc_state_decision(&in, NULL);

		switch (ev) {
		case EV_RS_GRAND_MASTER:
			pr_notice("port %hu: assuming the grand master role",
				  port_identity(p)->portNumber);
			clock_update_grandmaster(c);
			break;
		case EV_RS_SLAVE:
			if (!pid_eq(&c->parent, &fm[i]->last.ds.sender))
				pdiff = 1;
			clock_update_slave(c, fm[i]);
			break;
		default:
			break;
		}
		port_dispatch(p, ev, pdiff);
	}
}

int clock_servo_prepare(struct clock *c, struct port *p)
{
	int phc = c->ts_type == TS_SOFTWARE ? -1 : port_phc_index(p);
	struct ptpk_servo req = { 0 };
	char err[160];
	int rc;

	/* free_running: nothing adjusts the clock, so no servo */
	if (c->free_running)
		return 0;
	if (c->servo.have && phc == c->phc_index)
		return 0;
	/* jbod: the servo follows the slave port's PHC, as ptp4l switches */
	rc = servo_nl_destroy(&c->servo);
	if (rc) {
		pr_err("Switching PHC, failed to delete the servo: %s",
		       strerror(-rc));
		return rc;
	}
	c->phc_index = phc;
	if (servo_nl_request(c->cfg, port_name(p), &req, err, sizeof(err))) {
		pr_err("%s", err);
		return -EINVAL;
	}
	if (c->phc_index >= 0) {
		req.clock.type = PTPK_CLOCK_TYPE_PHC;
		req.clock.phc_index = c->phc_index;
		PTPK_SET(&req.clock, PTPK_A_CLOCK_PHC_INDEX);
	} else {
		req.clock.type = PTPK_CLOCK_TYPE_SYSTEM;
		PTPK_SET(&req.clock, PTPK_A_CLOCK_TYPE);
	}
	PTPK_SET(&req, PTPK_A_SERVO_CLOCK);
	rc = servo_nl_create(&c->servo, &req);
	if (rc) {
		pr_err("failed to create a servo in ptpk.ko: %s",
		       strerror(-rc));
		return rc;
	}
	pr_debug("servo %u on %s", c->servo.id,
		 c->phc_index >= 0 ? "a PHC" : "CLOCK_REALTIME");
	return 0;
}

/*
 * TAI - UTC (s) to take off a PTP-timescale master's time before it steers
 * the system clock: the announced offset when it is valid and traceable,
 * else the larger of the announced and the configured one (as ptp4l).
 */
static int clock_utc_offset(const struct clock *c)
{
	int cfg_off = config_get_int(c->cfg, NULL, "utc_offset");

	if ((c->time_flags & FLAG_UTC_OFF_VALID) &&
	    (c->time_flags & FLAG_TIME_TRACEABLE))
		return c->utc_offset;
	return c->utc_offset > cfg_off ? c->utc_offset : cfg_off;
}

/*
 * ptp4l's clock_utc_correct() for a Sync that steers the system clock: the
 * parent's leap second handed to the kernel (kernel_leap) or to the ntpshm
 * segment, and the UTC offset taken off t1. -1: drop the sample, it falls
 * in the last second before a leap.
 */
static int clock_utc_correct(struct clock *c, struct e2e_sync *m)
{
	int utc = clock_utc_offset(c), leap = 0, set;
	bool ptp = c->time_flags & FLAG_PTP_TIMESCALE;
	uint64_t ts;

	if (c->phc_index >= 0)
		return 0;
	if (c->time_flags & FLAG_LI_61)
		leap = 1;
	else if (c->time_flags & FLAG_LI_59)
		leap = -1;
	if (leap || c->leap_set) {
		/* about to be stepped: the master's UTC time, not ours */
		if (c->servo_state == PTPK_SERVO_STATE_UNLOCKED)
			ts = (uint64_t)(m->t1 + m->corr -
					(ptp ? (int64_t)utc * NS_PER_SEC : 0));
		else
			ts = (uint64_t)m->t2;
		if (leap_utc_ambiguous(ts)) {
			pr_info("clock update suspended due to leap second");
			return -1;
		}
		set = leap_second_status(ts, c->leap_set, &leap, &utc);
		if (set != c->leap_set) {
			if (c->kernel_leap)
				leap_set_kernel(set);
			else
				c->ntpshm.leap = set;
			c->leap_set = set;
		}
	}
	if (ptp)
		m->t1 -= (int64_t)utc * NS_PER_SEC;
	return 0;
}

double clock_rate_ratio(const struct clock *c)
{
	return c->free_running ? c->fest.ratio : 1.0;
}

/*
 * free_running, as ptp4l's clock_no_adjust(): measure the frequency ratio
 * and, once per estimate, print the offset with the state s0, and never
 * lock (the port stays UNCALIBRATED).
 */
static int clock_no_adjust(struct clock *c, const struct e2e_sync *m)
{
	struct servo_result r = { .state = PTPK_SERVO_STATE_UNLOCKED };
	int64_t origin = m->t1 + m->corr;

	c->last_sync = *m;
	c->ingress_ns = m->t2;
	/* as ptp4l: no offset until a path delay is known */
	c->master_offset = c->have_delay ? m->t2 - origin - c->path_delay : 0;
	freq_est_interval(&c->fest, config_get_int(c->cfg, NULL,
						   "freq_est_interval"),
			  m->log_interval);
	switch (freq_est_sample(&c->fest, m->t2, origin)) {
	case 1:
		break;
	case -1:
		pr_warning("bad timestamps in rate ratio calculation");
		return PTPK_SERVO_STATE_UNLOCKED;
	default:
		return PTPK_SERVO_STATE_UNLOCKED;
	}
	r.offset = c->master_offset;
	r.adj = (1.0 - c->fest.ratio) * 1e9;
	r.delay = c->path_delay;
	c->servo.max_count = servo_nl_summary_count(c->servo.summary_interval,
						    m->log_interval);
	servo_nl_report(&c->servo, &r);
	pr_debug("master/local  %.9f", c->fest.ratio);
	pm_notify_time_sync(c);
	return PTPK_SERVO_STATE_UNLOCKED;
}

int clock_sync_sample(struct clock *c, const struct e2e_sync *sync)
{
	struct e2e_sync m = *sync;
	struct servo_result r;
	int err;

	if (c->free_running)
		return clock_no_adjust(c, sync);
	if (!c->servo.have)
		return -1;
	if (clock_utc_correct(c, &m))
		return -1;
	err = servo_nl_sync(&c->servo, &m, &r);
	/*
	 * initial_delay, as ptp4l's tsproc_set_delay() on a new best master:
	 * until the servo has a measured path delay the offset uses this one
	 * (the Sync above still went in, for the first delay to pair with).
	 */
	if (!err && (r.flags & PTPK_SAMPLE_FLAGS_NO_DELAY) && c->initial_delay)
		err = servo_nl_initial(&c->servo, &m, c->initial_delay, &r);
	if (err) {
		pr_rl(LOG_ERR, "servo sample failed: %s", strerror(-err));
		return -1;
	}
	if (r.flags & PTPK_SAMPLE_FLAGS_FAULT)
		pr_rl(LOG_ERR, "ptpk.ko could not adjust the clock");
	servo_nl_report(&c->servo, &r);
	/* ntpshm: the offset goes to ntpd/chronyd, as ptp4l's servo does */
	if (!(r.flags & PTPK_SAMPLE_FLAGS_NO_DELAY))
		ntpshm_sample(&c->ntpshm, r.offset, (uint64_t)m.t2);
	c->master_offset = r.offset;
	c->servo_state = (int)r.state;
	c->ingress_ns = sync->t2;
	pm_notify_time_sync(c);
	return (int)r.state;
}

void clock_monitor_sync(struct clock *c, const struct e2e_sync *s)
{
	struct monitor_event e = {
		.source = c->parent, .seq = s->seq,
		.origin = s->t1, .corr = s->corr, .arrival = s->t2,
	};

	monitor_sync(&c->monitor, &e);
}

void clock_monitor_delay(struct clock *c, const struct e2e_delay *d)
{
	struct monitor_event e = {
		.source = c->parent, .seq = d->seq,
		.origin = d->t3, .corr = d->corr, .arrival = d->t4,
	};

	monitor_delay(&c->monitor, &e);
}

void clock_peer_delay(struct clock *c, int64_t delay)
{
	struct servo_result r;
	int err;

	if (c->free_running) {
		c->path_delay = delay;
		c->have_delay = true;
	}
	if (!c->servo.have)
		return;
	err = servo_nl_peer_delay(&c->servo, delay, &r);
	if (err)
		pr_rl(LOG_ERR, "servo sample failed: %s", strerror(-err));
}

void clock_delay_sample(struct clock *c, const struct e2e_delay *m)
{
	struct servo_result r;
	int err;

	/* free_running: the raw delay from this and the last Sync */
	if (c->free_running) {
		if (!c->ingress_ns)
			return;
		c->path_delay = ((c->last_sync.t2 - c->last_sync.t1) +
				 (m->t4 - m->t3) - c->last_sync.corr -
				 m->corr) / 2;
		c->have_delay = true;
		return;
	}
	if (!c->servo.have)
		return;
	err = servo_nl_delay(&c->servo, m, &r);
	if (err) {
		pr_rl(LOG_ERR, "servo sample failed: %s", strerror(-err));
		return;
	}
	pr_debug("delay   filtered %10" PRId64 "   raw %10" PRId64,
		 r.delay, r.delay_raw);
	c->path_delay = r.delay;
}

/* ptp4l's checks of a transparent clock, and what ptpkd adds. */
static int clock_check_tc(struct config *cfg, int ts)
{
	int type = config_get_int(cfg, NULL, "clock_type");
	int dm = type == CLOCK_TYPE_E2E_TC ? DM_E2E : DM_P2P;
	unsigned int i;

	if (type != CLOCK_TYPE_E2E_TC && type != CLOCK_TYPE_P2P_TC)
		return 0;
	if (config_n_interfaces(cfg) < 2) {
		pr_err("TC needs at least two interfaces");
		return -1;
	}
	for (i = 0; i < config_n_interfaces(cfg); i++) {
		if (config_get_int(cfg, config_interface(cfg, i),
				   "delay_mechanism") == dm)
			continue;
		pr_err(dm == DM_E2E ? "E2E_TC needs E2E delay mechanism" :
		       "P2P_TC needs P2P delay mechanism");
		return -1;
	}
	/*
	 * A one-step NIC writes originTimestamp into every Sync it sends,
	 * forwarded ones too: the clock's own ports stay two-step and pass
	 * one-step Syncs on as two-step ones (tc_fwd.c).
	 */
	if (ts == TS_ONESTEP || ts == TS_P2P1STEP) {
		pr_err("a transparent clock needs two-step time stamping (time_stamping hardware, twoStepFlag 1)");
		return -1;
	}
	return 0;
}

/* What this version cannot do yet: refuse rather than run wrong. */
int clock_check_config(struct config *cfg)
{
	int ts = config_get_int(cfg, NULL, "time_stamping");

	if (config_n_interfaces(cfg) > CLOCK_MAX_PORTS) {
		pr_err("at most %d interfaces", CLOCK_MAX_PORTS);
		return -1;
	}
	/* as ptp4l 3.1.1, in its words */
	if (!config_get_int(cfg, NULL, "gmCapable") &&
	    config_get_int(cfg, NULL, "slaveOnly")) {
		pr_err("Cannot mix 1588 slaveOnly with 802.1AS !gmCapable");
		return -1;
	}
	/* twoStepFlag and time_stamping must agree; ptp4l's rules and words */
	if (!config_get_int(cfg, NULL, "twoStepFlag")) {
		if (ts == TS_SOFTWARE) {
			pr_err("one step is only possible with hardware time stamping");
			return -1;
		}
		if (ts == TS_HARDWARE) {
			pr_debug("upgrading to one step time stamping in order to match the twoStepFlag");
			ts = TS_ONESTEP;
			config_set_int(cfg, "time_stamping", ts);
		}
	} else if (ts == TS_ONESTEP || ts == TS_P2P1STEP) {
		pr_debug("one step mode implies twoStepFlag=0, clearing twoStepFlag to match");
		config_set_int(cfg, "twoStepFlag", 0);
	}
	/*
	 * legacy (SOF_TIMESTAMPING_SYS_HARDWARE) goes on as with ptp4l: no
	 * driver of 6.1 or 6.12 reports that mode, so opening a port fails
	 * with "does not support requested timestamping mode" (sk.c).
	 */
	return clock_check_tc(cfg, ts);
}

/*
 * Create and open port N+1 on IFNAME. The clock's PHC is the first port's;
 * the others must share it unless boundary_clock_jbod lets each port have
 * its own (the servo then follows the slave port's PHC, and the others are
 * phc2sys's job, as with ptp4l).
 */
static int clock_add_port(struct clock *c, const char *ifname)
{
	struct port *p;
	int phc;

	p = port_create(c, c->cfg, ifname, (uint16_t)(c->n_ports + 1));
	if (!p) {
		pr_err("failed to create port %s", ifname);
		return -1;
	}
	c->port[c->n_ports++] = p;
	if (port_open(p)) {
		pr_err("failed to open port %s", ifname);
		return -1;
	}
	if (c->ts_type == TS_SOFTWARE)
		return 0;
	phc = port_phc_index(p);
	if (phc < 0) {
		pr_err("interface %s has no PTP hardware clock", ifname);
		return -1;
	}
	if (c->n_ports == 1) {
		c->phc_index = phc;
		/* free_running: ptp4l selects no clock, so any PHCs go */
		if (!c->free_running)
			pr_info("selected /dev/ptp%d as PTP clock", phc);
	} else if (phc != c->phc_index && !c->free_running &&
		   !config_get_int(c->cfg, ifname, "boundary_clock_jbod")) {
		pr_err("port %u: PHC device mismatch", c->n_ports);
		pr_err("port %u: /dev/ptp%d requested, ptp%d attached",
		       c->n_ports, c->phc_index, phc);
		return -1;
	}
	return 0;
}

/*
 * clockIdentity, or (at its default, all zeros) one made from the first
 * interface's MAC address, as ptp4l.
 */
static int clock_identity(const struct config *cfg, struct ClockIdentity *id)
{
	static const struct ClockIdentity none;
	uint8_t mac[MAC_LEN];

	config_get_octets(cfg, NULL, "clockIdentity", id->id);
	if (!cid_eq(id, &none))
		return 0;
	if (sk_mac_addr(config_interface(cfg, 0), mac)) {
		pr_err("failed to generate a clock identity");
		return -1;
	}
	clock_identity_from_mac(mac, id);
	return 0;
}

/* As ptp4l's phc_has_writephase(): PTP_CLOCK_GETCAPS says adjust_phase. */
static bool phc_has_writephase(int index)
{
	struct ptp_clock_caps caps;
	char path[32];
	bool yes;
	int fd;

	if (index < 0)
		return false;	/* CLOCK_REALTIME: no PHC caps, as for ptp4l */
	snprintf(path, sizeof(path), "/dev/ptp%d", index);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	memset(&caps, 0, sizeof(caps));
	yes = !ioctl(fd, PTP_CLOCK_GETCAPS, &caps) && caps.adjust_phase;
	close(fd);
	return yes;
}

int clock_init(struct clock *c, struct config *cfg)
{
	struct ClockQuality q;
	struct ClockIdentity id;
	unsigned int i;
	int err;

	memset(c, 0, sizeof(*c));
	c->cfg = cfg;
	c->phc_index = -1;
	c->servo_state = PTPK_SERVO_STATE_UNLOCKED;
	c->kernel_leap = config_get_int(cfg, NULL, "kernel_leap");
	pm_init(&c->pm);
	c->sync_uncertain = SYNC_UNCERTAIN_DONTCARE;
	c->desc.clock_type = config_get_int(cfg, NULL, "clock_type");
	c->tc = c->desc.clock_type == CLOCK_TYPE_E2E_TC ||
		c->desc.clock_type == CLOCK_TYPE_P2P_TC;
	c->tc_spanning_tree = config_get_int(cfg, NULL, "tc_spanning_tree");
	c->free_running = config_get_int(cfg, NULL, "free_running");
	c->initial_delay = config_get_int(cfg, NULL, "initial_delay");
	/* as ptp4l: the path delay (currentDS too) starts at initial_delay */
	c->path_delay = c->initial_delay;
	c->have_delay = c->initial_delay != 0;
	freq_est_init(&c->fest);
	config_get_octets(cfg, NULL, "manufacturerIdentity",
			  c->desc.manufacturer);
	snprintf(c->desc.product, sizeof(c->desc.product), "%s",
		 config_get_string(cfg, NULL, "productDescription"));
	snprintf(c->desc.revision, sizeof(c->desc.revision), "%s",
		 config_get_string(cfg, NULL, "revisionData"));
	snprintf(c->desc.user, sizeof(c->desc.user), "%s",
		 config_get_string(cfg, NULL, "userDescription"));
	if (clock_check_config(cfg))
		return -1;
	if (clock_identity(cfg, &id))
		return -1;

	c->slave_only = config_get_int(cfg, NULL, "slaveOnly");
	c->two_step = config_get_int(cfg, NULL, "twoStepFlag");
	c->domain = config_get_int(cfg, NULL, "domainNumber");
	c->ts_type = config_get_int(cfg, NULL, "time_stamping");
	/* as ptp4l: a clock that is not gmCapable advertises class 255 */
	q.clockClass = c->slave_only || !config_get_int(cfg, NULL, "gmCapable") ?
		       255 : config_get_int(cfg, NULL, "clockClass");
	q.clockAccuracy = config_get_int(cfg, NULL, "clockAccuracy");
	q.offsetScaledLogVariance =
		config_get_int(cfg, NULL, "offsetScaledLogVariance");
	bmc_default_ds(&c->d0, &id, config_get_int(cfg, NULL, "priority1"),
		       &q, config_get_int(cfg, NULL, "priority2"));
	c->d0.localPriority =
		config_get_int(cfg, NULL, "G.8275.defaultDS.localPriority");
	c->dscmp = config_get_int(cfg, NULL, "dataset_comparison") ==
		   DS_CMP_G8275 ? bmc_dscmp_telecom : NULL;
	clock_gm_settings(c);
	clock_update_grandmaster(c);

	if (config_get_int(cfg, NULL, "clock_servo") == SERVO_NTPSHM &&
	    ntpshm_open(&c->ntpshm,
			config_get_int(cfg, NULL, "ntpshm_segment")))
		return -1;
	err = servo_nl_open(&c->servo);
	if (err) {
		pr_err(err == -ENOENT ? "ptpk.ko is not loaded" :
			"cannot reach ptpk.ko: %s", strerror(-err));
		return -1;
	}
	c->servo.summary_interval =
		config_get_int(cfg, NULL, "summary_interval");

	/* as ptp4l: every interface can do the time stamping, before any port */
	for (i = 0; i < config_n_interfaces(cfg); i++) {
		const char *ifname = config_interface(cfg, i);
		struct sk_ts_info ti;

		if (!sk_get_ts_info(ifname, &ti) &&
		    sk_check_ts_modes(ifname, &ti, c->ts_type))
			return -1;
	}
	for (i = 0; i < config_n_interfaces(cfg); i++)
		if (clock_add_port(c, config_interface(cfg, i)))
			return -1;
	/* the servo in ptpk.ko would refuse too; ptp4l's check and words */
	if (config_get_int(cfg, NULL, "write_phase_mode") && !c->free_running &&
	    !phc_has_writephase(c->phc_index)) {
		pr_err("clock does not support write phase mode");
		return -1;
	}
	/* the timescale depends on the clock: again, now that it is known */
	clock_gm_settings(c);
	clock_update_grandmaster(c);
	if (pm_open(&c->pm, c))
		return -1;
	monitor_init(&c->monitor,
		     config_get_string(cfg, NULL, "slave_event_monitor"),
		     c->pm.fd[PM_UDS_RW], &c->d0.identity, c->domain);
	return 0;
}

void clock_fini(struct clock *c)
{
	unsigned int i;

	for (i = 0; i < c->n_ports; i++)
		port_destroy(c->port[i]);
	c->n_ports = 0;
	pm_close(&c->pm);
	servo_nl_close(&c->servo);
	ntpshm_close(&c->ntpshm);
}

#define MAX_PFD (CLOCK_MAX_PORTS * PORT_MAX_PFD + 2)

/*
 * ppoll() takes a pending signal only when it returns EINTR: one that comes
 * while the loop works, or with a descriptor ready, stays pending. ptp4l
 * takes SIGTERM in any case; so, with one ready, it is let in here.
 */
void clock_take_signals(const sigset_t *mask)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGQUIT };
	sigset_t pend, old;
	unsigned int i;

	if (!mask || sigpending(&pend))
		return;
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		if (sigismember(&pend, sigs[i]) == 1 &&
		    sigismember(mask, sigs[i]) == 0)
			break;
	if (i == sizeof(sigs) / sizeof(sigs[0]))
		return;
	sigprocmask(SIG_SETMASK, mask, &old);
	sigprocmask(SIG_SETMASK, &old, NULL);
}

int clock_run(struct clock *c, volatile sig_atomic_t *stop,
	      const sigset_t *mask)
{
	struct pollfd pfd[MAX_PFD];
	int n[CLOCK_MAX_PORTS];
	unsigned int i;
	int total, off, rc, j;

	while (!*stop) {
		/* the management sockets first, then the ports */
		for (j = 0; j < 2; j++) {
			pfd[j].fd = c->pm.fd[j];
			pfd[j].events = POLLIN;
			pfd[j].revents = 0;
		}
		total = 2;
		for (i = 0; i < c->n_ports; i++) {
			n[i] = port_pollfds(c->port[i], pfd + total,
					    MAX_PFD - total);
			total += n[i];
		}
		rc = ppoll(pfd, total, NULL, mask);
		if (rc < 0) {
			if (errno == EINTR)
				continue;
			pr_err("poll failed: %s", strerror(errno));
			return -1;
		}
		clock_take_signals(mask);
		if (*stop)
			break;
		for (j = 0; j < 2; j++)
			if (pfd[j].revents & POLLIN)
				pm_handle(c, j);
		off = 2;
		for (i = 0; i < c->n_ports; i++) {
			port_handle(c->port[i], pfd + off, n[i]);
			off += n[i];
		}
		if (c->sde)
			clock_state_decision(c);
	}
	return 0;
}
