// SPDX-License-Identifier: GPL-2.0
/* One PTP port (see port.h). */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "config.h"
#include "nsm.h"
#include "pdelay.h"
#include "pm.h"
#include "port.h"
#include "port_private.h"
#include "print.h"
#include "signaling.h"
#include "tc.h"
#include "tc_fwd.h"
#include "timers.h"
#include "tlv.h"
#include "transport.h"

/* Pure helpers. */

void sync_pair_reset(struct sync_pair *sp)
{
	memset(sp, 0, sizeof(*sp));
}

static void sync_pair_out(const struct sync_pair *sp, struct e2e_sync *out)
{
	out->seq = sp->sync_seq;
	out->t1 = sp->t1;
	out->t2 = sp->t2;
	out->corr = sp->corr_sync + sp->corr_fup;
	out->log_interval = sp->log_interval;
}

/* ptp4l's fup_sync_ok(): the Follow_Up did not come in before its Sync */
static bool fup_sync_ok(const struct sync_pair *sp)
{
	return sp->fup_sw >= sp->sync_sw;
}

int sync_pair_sync(struct sync_pair *sp, const struct ptp_message *m,
		   int64_t rx_ns, int64_t sw_ns, struct e2e_sync *out)
{
	int64_t t1;

	sp->have_sync = true;
	sp->sync_seq = m->hdr.sequenceId;
	sp->sync_src = m->hdr.sourcePortIdentity;
	sp->t2 = rx_ns;
	sp->sync_sw = sw_ns;
	sp->corr_sync = scaled_to_ns(m->hdr.correctionField);
	sp->log_interval = m->hdr.logMessageInterval;
	/* assume_two_step: as ptp4l's one_step(), the flag is not believed */
	sp->two_step = sp->assume_two_step ||
		       (m->hdr.flagField & FLAG_TWO_STEP);
	if (!sp->two_step) {
		sp->have_sync = false;
		sp->have_fup = false;
		if (ts_to_ns(&m->sync.timestamp, &t1))
			return -1;
		sp->t1 = t1;
		sp->corr_fup = 0;
		sync_pair_out(sp, out);
		return 1;
	}
	if (sp->have_fup && sp->fup_seq == sp->sync_seq &&
	    pid_eq(&sp->fup_src, &sp->sync_src) && fup_sync_ok(sp)) {
		sp->have_sync = false;
		sp->have_fup = false;
		sync_pair_out(sp, out);
		return 1;
	}
	sp->have_fup = false;
	return 0;
}

int sync_pair_fup(struct sync_pair *sp, const struct ptp_message *m,
		  int64_t sw_ns, struct e2e_sync *out)
{
	int64_t t1;

	if (ts_to_ns(&m->follow_up.timestamp, &t1))
		return -1;
	sp->have_fup = true;
	sp->fup_seq = m->hdr.sequenceId;
	sp->fup_src = m->hdr.sourcePortIdentity;
	sp->fup_sw = sw_ns;
	sp->t1 = t1;
	sp->corr_fup = scaled_to_ns(m->hdr.correctionField);
	if (sp->have_sync && sp->two_step && sp->sync_seq == sp->fup_seq &&
	    pid_eq(&sp->fup_src, &sp->sync_src) && fup_sync_ok(sp)) {
		sp->have_sync = false;
		sp->have_fup = false;
		sync_pair_out(sp, out);
		return 1;
	}
	/* an older Sync's Follow_Up lost: keep this one for its Sync */
	if (sp->have_sync && sp->sync_seq != sp->fup_seq)
		sp->have_sync = false;
	return 0;
}

void delay_track_sent(struct delay_track *dt, uint16_t seq, int64_t t3_ns)
{
	dt->pending = true;
	dt->seq = seq;
	dt->t3 = t3_ns;
}

int delay_track_resp(struct delay_track *dt, const struct PortIdentity *self,
		     const struct ptp_message *m, struct e2e_delay *out)
{
	int64_t t4;

	if (!dt->pending || m->hdr.sequenceId != dt->seq ||
	    !pid_eq(&m->delay_resp.requestingPortIdentity, self))
		return 0;
	if (ts_to_ns(&m->delay_resp.timestamp, &t4))
		return 0;
	dt->pending = false;
	out->seq = dt->seq;
	out->t3 = dt->t3;
	out->t4 = t4;
	out->corr = scaled_to_ns(m->hdr.correctionField);
	return 1;
}

static void header_init(struct ptp_message *m, enum msg_type type,
			const struct PortIdentity *self, uint8_t domain,
			uint8_t transport_specific, uint16_t seq)
{
	msg_init(m, type);
	m->hdr.transportSpecific = transport_specific;
	m->hdr.domainNumber = domain;
	m->hdr.sourcePortIdentity = *self;
	m->hdr.sequenceId = seq;
}

size_t port_path_trace(uint8_t *buf, size_t cap,
		       const struct tlv_path_trace *parent,
		       const struct ClockIdentity *self)
{
	size_t len = 8 * (size_t)parent->count;

	if (parent->count + 1 > PATH_TRACE_MAX || cap < len + 8)
		return 0;
	if (len && !tlv_path_trace_encode(buf, cap, parent))
		return 0;
	memcpy(buf + len, self->id, 8);
	return len + 8;
}

bool port_path_has(const struct tlv_path_trace *path,
		   const struct ClockIdentity *self)
{
	unsigned int i;

	for (i = 0; i < path->count; i++)
		if (cid_eq(&path->id[i], self))
			return true;
	return false;
}

void port_build_announce(struct ptp_message *m, const struct announce_data *a,
			 const struct PortIdentity *self, uint8_t domain,
			 uint8_t transport_specific, uint16_t seq,
			 int8_t log_interval)
{
	header_init(m, MSG_ANNOUNCE, self, domain, transport_specific, seq);
	m->hdr.logMessageInterval = log_interval;
	m->hdr.flagField = a->flags;
	m->announce.currentUtcOffset = a->currentUtcOffset;
	m->announce.grandmasterPriority1 = a->gm->priority1;
	m->announce.grandmasterClockQuality = a->gm->quality;
	m->announce.grandmasterPriority2 = a->gm->priority2;
	m->announce.grandmasterIdentity = a->gm->identity;
	m->announce.stepsRemoved = a->gm->stepsRemoved;
	m->announce.timeSource = a->timeSource;
}

int port_build_delay_resp(struct ptp_message *resp,
			  const struct ptp_message *req, int64_t rx_ns,
			  const struct PortIdentity *self,
			  uint8_t transport_specific, int8_t log_min_delay_req)
{
	header_init(resp, MSG_DELAY_RESP, self, req->hdr.domainNumber,
		    transport_specific, req->hdr.sequenceId);
	resp->hdr.logMessageInterval = log_min_delay_req;
	/* the request's correction travels back (1588 11.3.2 c) */
	resp->hdr.correctionField = req->hdr.correctionField;
	resp->delay_resp.requestingPortIdentity = req->hdr.sourcePortIdentity;
	return ns_to_ts(rx_ns, &resp->delay_resp.timestamp);
}

/* Timers. */

void port_timer_set(struct port *p, enum port_timer t, uint64_t ns)
{
	struct itimerspec its = { 0 };

	if (!ns)
		ns = 1;	/* 0 would disarm it */
	its.it_value.tv_sec = ns / NS_PER_SEC;
	its.it_value.tv_nsec = ns % NS_PER_SEC;
	timerfd_settime(p->tfd[t], 0, &its, NULL);
}

void port_timer_clear(struct port *p, enum port_timer t)
{
	struct itimerspec its = { 0 };

	timerfd_settime(p->tfd[t], 0, &its, NULL);
}

static void set_announce_tmo(struct port *p)
{
	/* nobody announces on an inhibit_announce link: never time out */
	if (p->inhibit_announce)
		return;
	port_timer_set(p, TMR_ANNOUNCE_RX,
		  tmo_announce_ns(p->announce_timeout, ANNOUNCE_SPAN,
				  p->log_announce, (uint32_t)random()));
}

/* As ptp4l: a slave also gives up on a master whose Syncs stop. */
static void set_sync_rx_tmo(struct port *p)
{
	if (p->sync_rx_timeout)
		port_timer_set(p, TMR_SYNC_RX,
			  tmo_sync_rx_ns(p->sync_rx_timeout, p->log_sync));
}

static void set_delay_tmo(struct port *p)
{
	if (p->inhibit_delay_req)
		return;
	if (p->delay_mechanism == DM_P2P)
		port_timer_set(p, TMR_DELAY_REQ,
			  tmo_pdelay_req_ns(p->log_min_pdelay_req));
	else
		port_timer_set(p, TMR_DELAY_REQ,
			  tmo_delay_req_ns(p->log_min_delay_req,
					   (uint32_t)random()));
}

/* Where the peer delay mechanism runs: every state that has a transport. */
static bool port_enabled(enum port_state s)
{
	return s != PS_INITIALIZING && s != PS_FAULTY && s != PS_DISABLED;
}

/* State machine. */

/* ptp4l's port_capable(): always true but on an 802.1AS port. */
static bool port_capable(struct port *p)
{
	p->asc.thresh = (int32_t)(p->neighbor_prop_delay_thresh > INT32_MAX ?
				  INT32_MAX : p->neighbor_prop_delay_thresh);
	return as_cap_eval(&p->asc, p->have_peer_delay ? p->peer_delay : 0,
			   p->pd.multiple_seq);
}

static void port_as_cap_init(struct port *p)
{
	as_cap_init(&p->asc, p->follow_up_info && !p->as_capable,
		    config_get_int(p->cfg, p->name, "freq_est_interval"),
		    p->log_min_pdelay_req,
		    (int32_t)p->neighbor_prop_delay_thresh,
		    config_get_int(p->cfg, p->name, "min_neighbor_prop_delay"));
}

static bool slave_side(enum port_state s)
{
	return s == PS_UNCALIBRATED || s == PS_SLAVE;
}

static bool master_side(enum port_state s)
{
	return s == PS_MASTER || s == PS_GRAND_MASTER;
}

/* Arm what the new state needs, as ptp4l's E2E transition does. */
static void port_enter(struct port *p, enum port_state next)
{
	int t;

	/* the unicast timers run in every state */
	for (t = 0; t < TMR_UC_REQ; t++)
		port_timer_clear(p, t);
	switch (next) {
	case PS_LISTENING:
	case PS_PASSIVE:
		set_announce_tmo(p);
		break;
	case PS_PRE_MASTER:
		port_timer_set(p, TMR_QUALIFY,
			  tmo_qualification_ns(p->clock->steps_removed,
					       p->log_announce));
		break;
	case PS_FAULTY:
		if (p->tc)
			tc_table_flush(p->tc);
		/*
		 * A fault of a running port clears after fault_reset_interval
		 * (ptp4l's fault timer); one that could not be set up stays.
		 */
		if (p->opened) {
			uint64_t ns = tmo_fault_ns(p->bad_peer_net,
						   p->fault_reset_interval,
						   p->fault_badpeernet_interval);

			if (ns)
				port_timer_set(p, TMR_FAULT, ns);
		}
		break;
	case PS_MASTER:
	case PS_GRAND_MASTER:
		/* a transparent clock forwards, it sends nothing of its own */
		if (p->tc)
			break;
		if (!p->inhibit_announce)
			port_timer_set(p, TMR_ANNOUNCE_TX, NS_PER_SEC / 1000);
		port_timer_set(p, TMR_SYNC_TX, tmo_log_ns(1, p->log_sync));
		break;
	case PS_UNCALIBRATED:
	case PS_SLAVE:
		/* a new master; BMCA noop goes to SLAVE at once */
		if (next == PS_UNCALIBRATED || p->noop) {
			sync_pair_reset(&p->sp);
			p->sp.assume_two_step = p->pd.assume_two_step;
			p->dt.pending = false;
			clock_servo_prepare(p->clock, p);
		}
		set_announce_tmo(p);
		set_sync_rx_tmo(p);
		set_delay_tmo(p);
		break;
	default:
		break;
	}
	/* P2P measures the link whatever the state, as ptp4l does */
	if (p->delay_mechanism == DM_P2P && port_enabled(next) &&
	    !slave_side(next))
		set_delay_tmo(p);
}

void port_dispatch(struct port *p, enum fsm_event ev, int mdiff)
{
	enum port_state next;
	char line[160];

	next = p->fsm(p->state, ev, mdiff);
	if (next == PS_INITIALIZING) {
		port_as_cap_init(p);
		/* a port restarts by going through INITIALIZING at once */
		ev = EV_INIT_COMPLETE;
		next = p->fsm(PS_INITIALIZING, ev, 0);
	}
	if (mdiff)
		port_uc_parent(p);
	if (next == p->state) {
		/* a new master in UNCALIBRATED restarts the measurement */
		if (mdiff && next == PS_UNCALIBRATED)
			port_enter(p, next);
		return;
	}
	fmt_port_state(line, sizeof(line), p->pid.portNumber, NULL, p->state,
		       next, ev, p->bad_peer_net ? FT_BAD_PEER_NETWORK :
		       FT_UNSPECIFIED);
	pr_notice("%s", line);
	p->state = next;
	port_enter(p, next);
	port_uc_parent(p);
	clock_port_state_changed(p->clock, p);
}

/* Sending. */

static int port_send_to(struct port *p, struct ptp_message *m,
			enum trans_fd fd, enum trans_dest dest,
			const struct trans_addr *to, struct pkt_ts *txts)
{
	uint8_t buf[MSG_MAX_LEN];
	size_t len = msg_build(m, buf, sizeof(buf));
	ssize_t cnt;

	if (!len)
		return -EINVAL;
	cnt = transport_send(p->trans, fd, dest, to, buf, len, txts);
	if (cnt < 0) {
		pr_rl(LOG_ERR, "port %hu: send %s failed: %s", p->pid.portNumber,
			  msg_type_str(m->hdr.messageType), strerror(-cnt));
		return (int)cnt;
	}
	p->tx[m->hdr.messageType & 0xf]++;
	if (txts && !txts->valid)
		return -ETIMEDOUT;
	if (txts)
		pkt_ts_add_ns(txts, p->tx_latency);
	return 0;
}

int port_send_msg(struct port *p, struct ptp_message *m, enum trans_fd fd,
		  const struct trans_addr *to, struct pkt_ts *txts)
{
	return port_send_to(p, m, fd, to ? DEST_UNICAST : DEST_DEFAULT, to,
			    txts);
}

static int port_send(struct port *p, struct ptp_message *m,
		     enum trans_fd fd, struct pkt_ts *txts)
{
	return port_send_to(p, m, fd, DEST_DEFAULT, NULL, txts);
}

void port_tx_announce(struct port *p, const struct trans_addr *to)
{
	uint8_t path[8 * PATH_TRACE_MAX];
	struct announce_data a;
	struct ptp_message m;
	size_t len;

	if (p->inhibit_multicast_service && !to)
		return;
	if (!port_capable(p))
		return;
	clock_announce_data(p->clock, &a);
	port_build_announce(&m, &a, &p->pid, p->clock->domain,
			    p->transport_specific, p->seq_announce++,
			    p->log_announce);
	if (p->path_trace_enabled) {
		len = port_path_trace(path, sizeof(path), &p->clock->ptl,
				      &p->pid.clockIdentity);
		if (len)
			msg_add_tlv(&m, TLV_PATH_TRACE, path, (uint16_t)len);
	}
	if (to)
		m.hdr.flagField |= FLAG_UNICAST;
	port_send_msg(p, &m, TRANS_GENERAL, to, NULL);
}

void port_tx_sync(struct port *p, const struct trans_addr *to)
{
	static const struct tlv_fup_info no_fui;
	uint8_t fui[TLV_FUP_INFO_LEN];
	uint16_t uc = to ? FLAG_UNICAST : 0;
	struct ptp_message m;
	struct pkt_ts txts;
	uint16_t seq;

	if (p->inhibit_multicast_service && !to)
		return;
	if (!port_capable(p))
		return;
	seq = p->seq_sync++;
	header_init(&m, MSG_SYNC, &p->pid, p->clock->domain,
		    p->transport_specific, seq);
	/* a unicast Sync has no interval (1588 Table 24), as ptp4l */
	m.hdr.logMessageInterval = to ? LOG_INTERVAL_NONE : p->log_sync;
	m.hdr.flagField = uc;
	if (!p->clock->two_step) {
		/* one-step: the NIC writes originTimestamp as the Sync leaves */
		port_send_msg(p, &m, TRANS_EVENT, to, NULL);
		return;
	}
	m.hdr.flagField |= FLAG_TWO_STEP;
	if (port_send_msg(p, &m, TRANS_EVENT, to, &txts))
		return;
	header_init(&m, MSG_FOLLOW_UP, &p->pid, p->clock->domain,
		    p->transport_specific, seq);
	m.hdr.logMessageInterval = p->log_sync;
	m.hdr.flagField = uc;
	if (timespec_to_ts(&txts.ts, &m.follow_up.timestamp))
		return;
	/* as ptp4l: the TLV with every field zero */
	if (p->follow_up_info)
		msg_add_tlv(&m, TLV_ORGANIZATION_EXTENSION, fui,
			    (uint16_t)tlv_fup_info_encode(fui, sizeof(fui),
							  &no_fui));
	port_send_msg(p, &m, TRANS_GENERAL, to, NULL);
}

static void tx_delay_req(struct port *p)
{
	const struct trans_addr *to = NULL;
	const struct foreign_master *fm;
	struct ptp_message m;
	struct pkt_ts txts;
	uint16_t seq = p->seq_delay_req++;

	header_init(&m, MSG_DELAY_REQ, &p->pid, p->clock->domain,
		    p->transport_specific, seq);
	/* the master sends it back in the Delay_Resp (1588 11.6.3) */
	m.hdr.correctionField = ns_to_scaled(-p->asymmetry);
	/* hybrid_e2e: to where the master's Announce came from, as ptp4l */
	if (p->hybrid_e2e) {
		fm = foreign_find(&p->foreign, &p->clock->parent);
		if (fm && fm->last.addr.len) {
			to = &fm->last.addr;
			m.hdr.flagField |= FLAG_UNICAST;
		}
	}
	if (port_send_msg(p, &m, TRANS_EVENT, to, &txts))
		return;
	delay_track_sent(&p->dt, seq, pkt_ts_ns(&txts));
}

static void tx_pdelay_req(struct port *p)
{
	const struct trans_addr *to;
	struct ptp_message m;
	struct pkt_ts txts;
	uint16_t seq = p->seq_pdelay_req++;

	header_init(&m, MSG_PDELAY_REQ, &p->pid, p->clock->domain,
		    p->transport_specific, seq);
	m.hdr.logMessageInterval = p->log_min_pdelay_req;
	/* a unicast P2P client: to its peer_address, as ptp4l */
	to = port_uc_peer(p);
	if (to)
		m.hdr.flagField |= FLAG_UNICAST;
	if (port_send_to(p, &m, TRANS_EVENT, to ? DEST_UNICAST : DEST_PEER, to,
			 &txts)) {
		pr_rl(LOG_ERR, "missing timestamp on transmitted peer delay request");
		return;
	}
	/* as ptp4l: a request still unanswered is a lost response */
	if (p->pd.pending) {
		p->asc.thresh = (int32_t)p->neighbor_prop_delay_thresh;
		as_cap_missed(&p->asc, p->have_peer_delay ? p->peer_delay : 0,
			      p->pd.multiple_seq);
	}
	pdelay_sent(&p->pd, seq, pkt_ts_ns(&txts));
}

/* Receiving. */

static void rx_announce(struct port *p, const struct ptp_message *m,
			const struct trans_addr *from)
{
	const struct PortIdentity *src = &m->hdr.sourcePortIdentity;
	struct foreign_announce fa = { 0 };
	unsigned int i;
	char buf[32];
	bool known;
	int rc;

	/* as ptp4l's incapable_ignore() */
	if (!port_capable(p))
		return;
	for (i = 0; i < m->n_tlvs; i++)
		if (m->tlv[i].type == TLV_PATH_TRACE &&
		    tlv_path_trace_decode(&m->tlv[i], &fa.path))
			fa.path.count = 0;	/* malformed: as if absent */
	/* our own Announce, come back round a loop (1588 16.2.2) */
	if (p->path_trace_enabled &&
	    port_path_has(&fa.path, &p->pid.clockIdentity))
		return;

	fa.ds.priority1 = m->announce.grandmasterPriority1;
	fa.ds.identity = m->announce.grandmasterIdentity;
	fa.ds.quality = m->announce.grandmasterClockQuality;
	fa.ds.priority2 = m->announce.grandmasterPriority2;
	fa.ds.stepsRemoved = m->announce.stepsRemoved;
	fa.ds.sender = *src;
	fa.logMessageInterval = m->hdr.logMessageInterval;
	fa.currentUtcOffset = m->announce.currentUtcOffset;
	fa.flagField = m->hdr.flagField;
	fa.timeSource = m->announce.timeSource;
	fa.addr = *from;

	known = foreign_find(&p->foreign, src);
	rc = foreign_add(&p->foreign, &fa, mono_ns());
	if (rc < 0)
		return;
	if (!known)
		pr_notice("port %hu: new foreign master %s", p->pid.portNumber,
			  pid_str(src, buf, sizeof(buf)));
	/* as ptp4l, the parent also keeps a PASSIVE port passive */
	if ((slave_side(p->state) || p->state == PS_PASSIVE) &&
	    pid_eq(src, &p->clock->parent)) {
		set_announce_tmo(p);
		if (p->state != PS_PASSIVE)
			clock_time_props(p->clock, fa.currentUtcOffset,
					 fa.flagField, fa.timeSource);
	}
	if (rc == 1)
		clock_set_sde(p->clock);
}

/* A gPTP message interval request for this Sync interval (signaling.h). */
static void tx_interval_req(struct port *p, int8_t sync_interval)
{
	struct interval_req r = {
		.link_delay = SIGNAL_NO_CHANGE,
		.time_sync = sync_interval,
		.announce = SIGNAL_NO_CHANGE,
	};
	uint8_t value[TLV_INTERVAL_REQ_LEN];
	struct ptp_message m;

	signaling_interval_req(&m, value, &p->pid, p->clock->domain,
			       p->transport_specific, p->seq_signaling++, &r);
	pr_debug("port %hu: message interval request, sync 2^%d",
		 p->pid.portNumber, sync_interval);
	if (port_send(p, &m, TRANS_GENERAL, NULL))
		pr_err("port %hu: send signaling failed", p->pid.portNumber);
}

/*
 * msg_interval_request, as ptp4l: when the servo first gets stable, use
 * the operational intervals and ask the master for its Sync interval; when
 * it loses lock, go back to the initial ones.
 */
static void interval_policy(struct port *p, int state, int last,
			    int8_t sync_interval)
{
	if (!p->msg_interval_request)
		return;
	if (state == PTPK_SERVO_STATE_UNLOCKED) {
		if (sync_interval == p->initial_log_sync)
			return;
		p->log_min_pdelay_req = config_get_int(p->cfg, p->name,
						       "logMinPdelayReqInterval");
		p->log_sync = p->initial_log_sync;
		tx_interval_req(p, SIGNAL_SET_INITIAL);
	} else if (state == PTPK_SERVO_STATE_LOCKED_STABLE) {
		if (last == PTPK_SERVO_STATE_LOCKED) {
			p->log_min_pdelay_req = p->oper_log_pdelay_req;
			p->log_sync = p->oper_log_sync;
			tx_interval_req(p, (int8_t)p->log_sync);
		} else if (sync_interval == p->oper_log_sync) {
			p->interval_retry = false;
		} else if (!p->interval_retry) {
			/*
			 * The master forgot (restarted?). ptp4l resets its
			 * servo, which relocks and asks again; ptpk.ko has no
			 * reset, so ask again at once, once per episode.
			 */
			p->interval_retry = true;
			port_dispatch(p, EV_SYNCHRONIZATION_FAULT, 0);
			tx_interval_req(p, (int8_t)p->oper_log_sync);
		}
	}
}

static void servo_event(struct port *p, int state, int8_t sync_interval)
{
	int last = p->servo_state;

	if (state >= 0)
		p->servo_state = state;
	switch (state) {
	case PTPK_SERVO_STATE_UNLOCKED:
	case PTPK_SERVO_STATE_JUMP:
		port_dispatch(p, EV_SYNCHRONIZATION_FAULT, 0);
		break;
	case PTPK_SERVO_STATE_LOCKED:
	case PTPK_SERVO_STATE_LOCKED_STABLE:
		port_dispatch(p, EV_MASTER_CLOCK_SELECTED, 0);
		break;
	default:
		break;
	}
	interval_policy(p, state, last, sync_interval);
}

/* A complete Sync: to the slave event monitor first, then the servo. */
static void port_synchronize(struct port *p, struct e2e_sync *s)
{
	/* delayAsymmetry goes into the Sync's correction, as ptp4l */
	s->corr += p->asymmetry;
	/* a unicast Sync says 0x7F: the interval is the one granted */
	if (s->log_interval == LOG_INTERVAL_NONE)
		s->log_interval = (int8_t)p->log_sync;
	clock_monitor_sync(p->clock, s);
	servo_event(p, clock_sync_sample(p->clock, s), s->log_interval);
}

/* From our master? With ignore_source_id (BMCA noop) from anyone. */
static bool from_parent(const struct port *p, const struct ptp_message *m)
{
	return p->ignore_source_id ||
	       pid_eq(&m->hdr.sourcePortIdentity, &p->clock->parent);
}

/*
 * check_fup_sync's software RX timestamp; 0 without the key (time_stamping
 * software has one on the event socket only, and it must not count).
 */
static int64_t sw_ns(const struct port *p, const struct pkt_ts *t)
{
	if (!p->trans->cfg.check_fup_sync)
		return 0;
	return (int64_t)t->sw.tv_sec * 1000000000LL + t->sw.tv_nsec;
}

static void rx_sync(struct port *p, const struct ptp_message *m,
		    const struct pkt_ts *rxts)
{
	struct e2e_sync s;

	if (!slave_side(p->state) || !from_parent(p, m))
		return;
	/* as ptp4l's incapable_ignore() */
	if (!port_capable(p))
		return;
	if (!rxts->valid) {
		pr_rl(LOG_ERR, "port %hu: received SYNC without timestamp",
			  p->pid.portNumber);
		return;
	}
	set_sync_rx_tmo(p);
	if (sync_pair_sync(&p->sp, m, pkt_ts_ns(rxts), sw_ns(p, rxts), &s) == 1)
		port_synchronize(p, &s);
}

/* Has m the 802.1AS follow-up information TLV? */
static bool has_fup_info(const struct ptp_message *m)
{
	struct tlv_fup_info fui;
	unsigned int i;

	for (i = 0; i < m->n_tlvs; i++)
		if (!tlv_fup_info_decode(&m->tlv[i], &fui))
			return true;
	return false;
}

static void rx_follow_up(struct port *p, const struct ptp_message *m,
			 const struct pkt_ts *rxts)
{
	struct e2e_sync s;

	if (!slave_side(p->state) || !from_parent(p, m))
		return;
	/* follow_up_info: a Follow_Up without the TLV is dropped, as ptp4l */
	if (p->follow_up_info && !has_fup_info(m))
		return;
	if (sync_pair_fup(&p->sp, m, sw_ns(p, rxts), &s) == 1)
		port_synchronize(p, &s);
}

static void rx_delay_req(struct port *p, const struct ptp_message *m,
			 const struct pkt_ts *rxts,
			 const struct trans_addr *from)
{
	const struct trans_addr *to = NULL;
	struct ptp_message resp;

	/* net_sync_monitor: ptp4l answers an NSM request in any state */
	if (!master_side(p->state) && !nsm_asked(p, m, from))
		return;
	if (p->delay_mechanism == DM_P2P) {
		pr_rl(LOG_WARNING, "port %hu: delay request on P2P port",
		      p->pid.portNumber);
		return;
	}
	if (!rxts->valid) {
		pr_rl(LOG_ERR, "port %hu: received DELAY_REQ without timestamp",
			  p->pid.portNumber);
		return;
	}
	if (port_build_delay_resp(&resp, m, pkt_ts_ns(rxts), &p->pid,
				  p->transport_specific, p->log_min_delay_req))
		return;
	if (nsm_answer(p, m, from, &resp))
		return;
	/* hybrid_e2e answers a unicast request to its sender, as ptp4l */
	if (p->hybrid_e2e && (m->hdr.flagField & FLAG_UNICAST) && from->len) {
		to = from;
		resp.hdr.flagField |= FLAG_UNICAST;
		resp.hdr.logMessageInterval = LOG_INTERVAL_NONE;
	}
	port_send_msg(p, &resp, TRANS_GENERAL, to, NULL);
}

static void rx_delay_resp(struct port *p, const struct ptp_message *m)
{
	struct e2e_delay d;

	if (!slave_side(p->state) || !from_parent(p, m))
		return;
	if (!delay_track_resp(&p->dt, &p->pid, m, &d))
		return;
	if (m->hdr.logMessageInterval != p->log_min_delay_req &&
	    m->hdr.logMessageInterval >= LOG_INTERVAL_MIN &&
	    m->hdr.logMessageInterval <= LOG_INTERVAL_MAX) {
		p->log_min_delay_req = m->hdr.logMessageInterval;
		pr_info("port %hu: minimum delay request interval 2^%d",
			p->pid.portNumber, p->log_min_delay_req);
	}
	clock_delay_sample(p->clock, &d);
	clock_monitor_delay(p->clock, &d);
}

static void rx_pdelay_req(struct port *p, const struct ptp_message *m,
			  const struct pkt_ts *rxts,
			  const struct trans_addr *from)
{
	bool uc = (m->hdr.flagField & FLAG_UNICAST) && from->len;
	/* a unicast request is answered to its sender, as ptp4l */
	enum trans_dest dest = uc ? DEST_UNICAST : DEST_PEER;
	const struct trans_addr *to = uc ? from : NULL;
	struct ptp_message resp, fup;
	struct pkt_ts txts;

	if (!port_enabled(p->state))
		return;
	if (p->delay_mechanism == DM_E2E) {
		pr_rl(LOG_WARNING, "port %hu: pdelay_req on E2E port",
		      p->pid.portNumber);
		return;
	}
	if (p->delay_mechanism == DM_AUTO) {
		pr_info("port %hu: peer detected, switch to P2P",
			p->pid.portNumber);
		p->delay_mechanism = DM_P2P;
		set_delay_tmo(p);
	}
	if (!rxts->valid) {
		pr_rl(LOG_ERR, "port %hu: received PDELAY_REQ without timestamp",
		      p->pid.portNumber);
		return;
	}
	if (p->trans->cfg.ts_type == TS_P2P1STEP) {
		/* the NIC completes it: no TX timestamp, no Follow_Up */
		if (!pdelay_build_resp1(&resp, m, &p->pid,
					p->transport_specific,
					p->rx_latency + p->tx_latency)) {
			if (uc)
				resp.hdr.flagField |= FLAG_UNICAST;
			port_send_to(p, &resp, TRANS_EVENT, dest, to, NULL);
		}
		return;
	}
	if (pdelay_build_resp(&resp, m, pkt_ts_ns(rxts), &p->pid,
			      p->transport_specific))
		return;
	if (uc)
		resp.hdr.flagField |= FLAG_UNICAST;
	if (port_send_to(p, &resp, TRANS_EVENT, dest, to, &txts)) {
		pr_rl(LOG_ERR, "missing timestamp on transmitted peer delay response");
		return;
	}
	if (pdelay_build_fup(&fup, m, pkt_ts_ns(&txts), &p->pid,
			     p->transport_specific))
		return;
	if (uc)
		fup.hdr.flagField |= FLAG_UNICAST;
	port_send_to(p, &fup, TRANS_GENERAL, dest, to, NULL);
}

static void peer_delay_done(struct port *p, enum pdelay_rc rc, int64_t delay)
{
	switch (rc) {
	case PD_DONE:
		p->peer_delay = delay;
		p->have_peer_delay = true;
		as_cap_exchange(&p->asc);
		pr_debug("pdelay %hu   %10" PRId64, p->pid.portNumber, delay);
		if (slave_side(p->state))
			clock_peer_delay(p->clock, delay);
		break;
	case PD_ROGUE:
		pr_rl(LOG_ERR, "port %hu: rogue peer delay response",
		      p->pid.portNumber);
		break;
	case PD_MULTIPLE:
	case PD_BAD_PEER_NET:
		pr_rl(LOG_ERR, "port %hu: multiple peer responses",
		      p->pid.portNumber);
		if (rc == PD_MULTIPLE)
			break;
		/* as ptp4l: the third request in a row is a fault */
		p->pd.multiple_seq = 0;
		p->pd.multiple_seen = false;
		p->bad_peer_net = true;
		port_dispatch(p, EV_FAULT_DETECTED, 0);
		p->bad_peer_net = false;
		break;
	default:
		break;
	}
}

static void rx_pdelay_resp(struct port *p, const struct ptp_message *m,
			   const struct pkt_ts *rxts)
{
	enum pdelay_rc rc;
	int64_t delay = 0;

	if (p->delay_mechanism != DM_P2P || !port_enabled(p->state))
		return;
	if (!rxts->valid) {
		pr_rl(LOG_ERR, "port %hu: received PDELAY_RESP without timestamp",
		      p->pid.portNumber);
		return;
	}
	/* two statements: argument evaluation order is unspecified */
	rc = pdelay_resp(&p->pd, &p->pid, m, pkt_ts_ns(rxts), &delay);
	peer_delay_done(p, rc, delay);
}

static void rx_pdelay_fup(struct port *p, const struct ptp_message *m)
{
	enum pdelay_rc rc;
	int64_t delay = 0;

	if (p->delay_mechanism != DM_P2P || !port_enabled(p->state))
		return;
	rc = pdelay_fup(&p->pd, &p->pid, m, &delay);
	peer_delay_done(p, rc, delay);
}

/* A master honours a gPTP message interval request, as ptp4l. */
static void rx_signaling(struct port *p, const struct ptp_message *m,
			 const struct trans_addr *from)
{
	struct interval_req r;

	if (!port_enabled(p->state))
		return;
	port_uc_signaling(p, m, from);
	if (!signaling_find_interval_req(m, &p->pid, &r))
		return;
	p->log_announce = interval_apply(p->log_announce, r.announce,
					 p->initial_log_announce);
	p->log_sync = interval_apply(p->log_sync, r.time_sync,
				     p->initial_log_sync);
	p->log_min_pdelay_req =
		interval_apply(p->log_min_pdelay_req, r.link_delay,
			       config_get_int(p->cfg, p->name,
					      "logMinPdelayReqInterval"));
	pr_debug("port %hu: interval request: sync 2^%d announce 2^%d pdelay 2^%d",
		 p->pid.portNumber, p->log_sync, p->log_announce,
		 p->log_min_pdelay_req);
}

/* Management from the network: pm.c answers out of this port. */
struct port_mgmt_reply {
	struct port *p;
	const struct trans_addr *to;	/* the asker, for a unicast request */
};

static void port_mgmt_send(void *ctx, const void *buf, size_t len)
{
	struct port_mgmt_reply *r = ctx;
	ssize_t cnt;

	cnt = transport_send(r->p->trans, TRANS_GENERAL,
			     r->to ? DEST_UNICAST : DEST_DEFAULT, r->to, buf,
			     len, NULL);
	if (cnt < 0)
		pr_rl(LOG_ERR, "port %hu: send management failed: %s",
		      r->p->pid.portNumber, strerror((int)-cnt));
	else
		r->p->tx[MSG_MANAGEMENT]++;
}

void port_pm_forward(struct port *p, const void *buf, size_t len)
{
	struct port_mgmt_reply r = { .p = p };

	port_mgmt_send(&r, buf, len);
}

static void rx_management(struct port *p, const struct ptp_message *m,
			  const uint8_t *buf, size_t len,
			  const struct trans_addr *from)
{
	struct port_mgmt_reply r = { .p = p };

	/* a unicast request is answered to its sender, as ptp4l */
	if ((m->hdr.flagField & FLAG_UNICAST) && from->len)
		r.to = from;
	if (pm_net_rx(p->clock, p, buf, len, port_mgmt_send, &r))
		clock_set_sde(p->clock);
}

static void port_rx(struct port *p, enum trans_fd fd)
{
	uint8_t buf[MSG_MAX_LEN];
	struct trans_addr from;
	struct ptp_message m;
	enum msg_error why;
	struct pkt_ts rxts;
	ssize_t n;
	int i;

	/* a bounded batch, so that one busy socket cannot starve the rest */
	for (i = 0; i < 32; i++) {
		from.len = 0;
		n = transport_recv(p->trans, fd, buf, sizeof(buf), &from,
				   &rxts);
		if (n == -EAGAIN || n == -EWOULDBLOCK)
			return;
		if (n < 0) {
			pr_rl(LOG_ERR, "port %hu: recv failed: %s",
				  p->pid.portNumber, strerror((int)-n));
			return;
		}
		if (msg_parse(&m, buf, (size_t)n, &why)) {
			msg_count_error(&p->cnt, why);
			pr_debug_rl("port %hu: bad message: %s",
				    p->pid.portNumber, msg_error_str(why));
			continue;
		}
		msg_count_rx(&p->cnt, &m);
		/* ingressLatency: the wire saw an event message earlier */
		if (m.hdr.messageType < 8)
			pkt_ts_add_ns(&rxts, -p->rx_latency);
		if (p->state == PS_DISABLED)
			continue;
		if (p->tc && tc_rx(p->clock, p, buf, (size_t)n, &m, &rxts))
			continue;
		if (m.hdr.domainNumber != p->clock->domain)
			continue;
		if (!p->ignore_transport_specific &&
		    m.hdr.transportSpecific != p->transport_specific)
			continue;
		/* our own frames, looped back */
		if (cid_eq(&m.hdr.sourcePortIdentity.clockIdentity,
			   &p->pid.clockIdentity))
			continue;
		switch (m.hdr.messageType) {
		case MSG_ANNOUNCE:
			rx_announce(p, &m, &from);
			break;
		case MSG_SYNC:
			rx_sync(p, &m, &rxts);
			break;
		case MSG_FOLLOW_UP:
			rx_follow_up(p, &m, &rxts);
			break;
		case MSG_DELAY_REQ:
			rx_delay_req(p, &m, &rxts, &from);
			break;
		case MSG_DELAY_RESP:
			rx_delay_resp(p, &m);
			break;
		case MSG_PDELAY_REQ:
			rx_pdelay_req(p, &m, &rxts, &from);
			break;
		case MSG_PDELAY_RESP:
			rx_pdelay_resp(p, &m, &rxts);
			break;
		case MSG_PDELAY_RESP_FUP:
			rx_pdelay_fup(p, &m);
			break;
		case MSG_SIGNALING:
			rx_signaling(p, &m, &from);
			break;
		case MSG_MANAGEMENT:
			rx_management(p, &m, buf, (size_t)n, &from);
			break;
		default:
			break;
		}
	}
}

static void port_timer(struct port *p, enum port_timer t)
{
	uint64_t expirations;

	if (read(p->tfd[t], &expirations, sizeof(expirations)) < 0)
		return;
	switch (t) {
	case TMR_SYNC_RX:
	case TMR_ANNOUNCE_RX:
		pr_debug("port %hu: %s timeout", p->pid.portNumber,
			 t == TMR_SYNC_RX ? "rx sync" : "announce");
		foreign_clear(&p->foreign);
		set_announce_tmo(p);
		port_dispatch(p, EV_ANNOUNCE_RECEIPT_TIMEOUT_EXPIRES, 0);
		clock_set_sde(p->clock);
		break;
	case TMR_ANNOUNCE_TX:
		if (master_side(p->state)) {
			port_tx_announce(p, NULL);
			port_timer_set(p, t, tmo_log_ns(1, p->log_announce));
		}
		break;
	case TMR_SYNC_TX:
		if (master_side(p->state)) {
			port_tx_sync(p, NULL);
			port_timer_set(p, t, tmo_log_ns(1, p->log_sync));
		}
		break;
	case TMR_DELAY_REQ:
		if (p->delay_mechanism == DM_P2P && port_enabled(p->state)) {
			tx_pdelay_req(p);
			set_delay_tmo(p);
		} else if (slave_side(p->state) &&
			   !(p->tc && p->clock->free_running)) {
			/* a free-running TC measures no delay (as ptp4l) */
			tx_delay_req(p);
			set_delay_tmo(p);
		}
		break;
	case TMR_QUALIFY:
		port_dispatch(p, EV_QUALIFICATION_TIMEOUT_EXPIRES, 0);
		break;
	case TMR_UC_REQ:
	case TMR_UC_SRV:
		port_uc_timer(p, t);
		break;
	case TMR_FAULT:
		pr_debug("port %hu: fault timer expired", p->pid.portNumber);
		if (p->state == PS_FAULTY)
			port_dispatch(p, EV_FAULT_CLEARED, 0);
		break;
	default:
		break;
	}
}

int port_pollfds(struct port *p, struct pollfd *pfd, int max)
{
	int i, n = 0;

	_Static_assert(TRANS_NFD + TMR_COUNT <= PORT_MAX_PFD, "PORT_MAX_PFD");
	if (max < TRANS_NFD + TMR_COUNT)
		return 0;
	for (i = 0; i < TRANS_NFD; i++) {
		pfd[n].fd = transport_fd(p->trans, i);
		pfd[n++].events = POLLIN | POLLPRI;
	}
	for (i = 0; i < TMR_COUNT; i++) {
		pfd[n].fd = p->tfd[i];
		pfd[n++].events = POLLIN;
	}
	return n;
}

void port_handle(struct port *p, const struct pollfd *pfd, int n)
{
	int i;

	for (i = 0; i < n && i < TRANS_NFD + TMR_COUNT; i++) {
		if (i >= TRANS_NFD) {
			if (pfd[i].revents & POLLIN)
				port_timer(p, i - TRANS_NFD);
			continue;
		}
		if (pfd[i].revents & POLLIN)
			port_rx(p, i);
		/*
		 * POLLPRI/POLLERR: something in the error queue that no send
		 * waits for (a late TX timestamp, or a second one of the same
		 * packet: a veth behind a bridge stamps it at each hop). Left
		 * there, every ppoll() returns at once: the daemon spins and,
		 * as a pending signal is only taken when ppoll() is
		 * interrupted, never sees SIGTERM.
		 */
		if ((pfd[i].revents & (POLLPRI | POLLERR)) && p->trans &&
		    transport_drain_errqueue(p->trans, i) > 0)
			pr_debug_rl("port %hu: stale tx timestamp dropped",
				    p->pid.portNumber);
	}
}

/* Life cycle. */

static void transport_config_from(struct transport_config *tc,
				  const struct config *cfg, const char *name)
{
	transport_config_init(tc, name);
	tc->ts_type = config_get_int(cfg, NULL, "time_stamping");
	tc->hwts_filter = config_get_int(cfg, NULL, "hwts_filter");
	tc->tx_timestamp_timeout = config_get_int(cfg, NULL,
						  "tx_timestamp_timeout");
	tc->udp_ttl = config_get_int(cfg, name, "udp_ttl");
	tc->udp6_scope = config_get_int(cfg, name, "udp6_scope");
	tc->dscp_event = config_get_int(cfg, NULL, "dscp_event");
	tc->dscp_general = config_get_int(cfg, NULL, "dscp_general");
	tc->socket_priority = config_get_int(cfg, NULL, "socket_priority");
	config_get_octets(cfg, name, "ptp_dst_mac", tc->ptp_dst_mac);
	config_get_octets(cfg, name, "p2p_dst_mac", tc->p2p_dst_mac);
	tc->check_fup_sync = config_get_int(cfg, NULL, "check_fup_sync");
}

/* G.8275.x, BMCA noop and the gPTP keys; -1 after ptp4l's error. */
static int port_profile(struct port *p, const struct config *cfg,
			const char *ifname)
{
	bool master_only = config_get_int(cfg, ifname, "masterOnly");
	bool telecom = config_get_int(cfg, NULL, "dataset_comparison") ==
		       DS_CMP_G8275;

	foreign_set_policy(&p->foreign, telecom ? bmc_dscmp_telecom : NULL,
			   config_get_int(cfg, ifname,
					  "G.8275.portDS.localPriority"),
			   master_only);
	p->noop = config_get_int(cfg, ifname, "BMCA") == BMCA_NOOP;
	p->fsm = p->clock->slave_only ? fsm_next_slave_only : fsm_next;
	if (p->noop && master_only) {
		p->fsm = fsm_next_designated_master;
	} else if (p->noop && p->clock->slave_only) {
		p->fsm = fsm_next_designated_slave;
	} else if (p->noop) {
		pr_err("Please enable at least one of masterOnly or slaveOnly when BMCA == noop.");
		return -1;
	}
	p->inhibit_announce = config_get_int(cfg, ifname, "inhibit_announce");
	p->ignore_source_id = config_get_int(cfg, ifname, "ignore_source_id");
	p->inhibit_delay_req = config_get_int(cfg, ifname,
					      "inhibit_delay_req");
	if (config_get_int(cfg, ifname, "asCapable") == AS_CAPABLE_TRUE)
		p->as_capable = 1;
	else if (p->inhibit_delay_req) {
		pr_err("inhibit_delay_req can only be set when asCapable == 'true'.");
		return -1;
	}
	p->msg_interval_request = config_get_int(cfg, ifname,
						 "msg_interval_request");
	p->follow_up_info = config_get_int(cfg, ifname, "follow_up_info");
	p->path_trace_enabled = config_get_int(cfg, ifname,
					       "path_trace_enabled");
	p->sync_rx_timeout = (unsigned int)config_get_int(cfg, ifname,
							  "syncReceiptTimeout");
	p->initial_log_sync = p->log_sync;
	p->initial_log_announce = p->log_announce;
	p->oper_log_sync = config_get_int(cfg, ifname, "operLogSyncInterval");
	p->oper_log_pdelay_req = config_get_int(cfg, ifname,
						"operLogPdelayReqInterval");
	p->servo_state = -1;
	return 0;
}

struct port *port_create(struct clock *c, const struct config *cfg,
			 const char *ifname, uint16_t number)
{
	struct transport_config tc;
	struct port *p;
	int i;

	p = calloc(1, sizeof(*p));
	if (!p)
		return NULL;
	for (i = 0; i < TMR_COUNT; i++)
		p->tfd[i] = -1;
	p->clock = c;
	p->cfg = cfg;
	snprintf(p->name, sizeof(p->name), "%s", ifname);
	p->pid.clockIdentity = c->d0.identity;
	p->pid.portNumber = number;
	p->state = PS_INITIALIZING;
	p->log_announce = config_get_int(cfg, ifname, "logAnnounceInterval");
	p->log_sync = config_get_int(cfg, ifname, "logSyncInterval");
	p->log_min_delay_req = config_get_int(cfg, ifname,
					      "logMinDelayReqInterval");
	p->announce_timeout = config_get_int(cfg, ifname,
					     "announceReceiptTimeout");
	p->delay_mechanism = config_get_int(cfg, ifname, "delay_mechanism");
	p->log_min_pdelay_req = config_get_int(cfg, ifname,
					       "logMinPdelayReqInterval");
	p->transport_specific = config_get_int(cfg, ifname,
					       "transportSpecific");
	p->ignore_transport_specific =
		config_get_int(cfg, ifname, "ignore_transport_specific");
	p->neighbor_prop_delay_thresh =
		config_get_int(cfg, ifname, "neighborPropDelayThresh");
	foreign_init(&p->foreign, &p->pid,
		     config_get_int(cfg, NULL, "maxStepsRemoved"));
	sync_pair_reset(&p->sp);
	p->fault_reset_interval = config_get_int(cfg, ifname,
						 "fault_reset_interval");
	p->fault_badpeernet_interval =
		config_get_int(cfg, ifname, "fault_badpeernet_interval");
	p->sp.assume_two_step = p->pd.assume_two_step =
		config_get_int(cfg, NULL, "assume_two_step");
	p->asymmetry = config_get_int(cfg, ifname, "delayAsymmetry");
	p->rx_latency = config_get_int(cfg, ifname, "ingressLatency");
	p->tx_latency = config_get_int(cfg, ifname, "egressLatency");
	if (c->tc) {
		p->tc = calloc(1, sizeof(*p->tc));
		if (!p->tc)
			goto fail;
	}
	if (port_profile(p, cfg, ifname) || port_uc_create(p))
		goto fail;
	port_as_cap_init(p);

	transport_config_from(&tc, cfg, ifname);
	p->trans = transport_create(config_get_int(cfg, ifname,
						   "network_transport"), &tc);
	if (!p->trans)
		goto fail;
	for (i = 0; i < TMR_COUNT; i++) {
		p->tfd[i] = timerfd_create(CLOCK_MONOTONIC,
					   TFD_NONBLOCK | TFD_CLOEXEC);
		if (p->tfd[i] < 0)
			goto fail;
	}
	return p;
fail:
	port_destroy(p);
	return NULL;
}

int port_open(struct port *p)
{
	int err;

	err = sk_get_ts_info(p->name, &p->ts_info);
	if (!err) {
		err = sk_check_ts_modes(p->name, &p->ts_info,
					p->trans->cfg.ts_type);
		if (err)
			return err;
	} else {
		p->ts_info.valid = false;
		p->ts_info.phc_index = -1;
	}
	/*
	 * As ptp4l: a port whose sockets or time stamping cannot be set up
	 * (hwts_filter check on an unconfigured NIC, say) is FAULTY, and the
	 * clock runs on with its other ports and management.
	 */
	err = transport_open(p->trans);
	p->opened = !err;
	/* as ptp4l: a unicast table that does not resolve stops ptpkd */
	if (!err && port_uc_open(p))
		return -EINVAL;
	port_dispatch(p, err ? EV_FAULT_DETECTED : EV_INIT_COMPLETE, 0);
	return 0;
}

void port_destroy(struct port *p)
{
	int i;

	if (!p)
		return;
	port_uc_close(p);
	transport_destroy(p->trans);
	for (i = 0; i < TMR_COUNT; i++)
		if (p->tfd[i] >= 0)
			close(p->tfd[i]);
	free(p->tc);
	free(p);
}

int port_send_frame(struct port *p, enum trans_fd fd, const void *buf,
		    size_t len, struct pkt_ts *txts)
{
	ssize_t cnt;

	if (!p->trans)
		return -ENOTCONN;
	cnt = transport_send(p->trans, fd, DEST_DEFAULT, NULL, buf, len, txts);
	if (cnt < 0)
		return (int)cnt;
	p->tx[((const uint8_t *)buf)[0] & 0xf]++;
	if (txts && !txts->valid)
		return -ETIMEDOUT;
	if (txts)
		pkt_ts_add_ns(txts, p->tx_latency);
	return 0;
}

struct tc_table *port_tc(struct port *p)
{
	return p->tc;
}

int64_t port_tc_ingress_delay(const struct port *p)
{
	return (p->delay_mechanism == DM_P2P && p->have_peer_delay ?
		p->peer_delay : 0) + p->asymmetry;
}

int64_t port_asymmetry(const struct port *p)
{
	return p->asymmetry;
}

enum port_state port_state(const struct port *p)
{
	return p->state;
}

bool port_noop(const struct port *p)
{
	return p->noop;
}

const struct PortIdentity *port_identity(const struct port *p)
{
	return &p->pid;
}

const char *port_name(const struct port *p)
{
	return p->name;
}

struct foreign_table *port_foreign(struct port *p)
{
	return &p->foreign;
}

int port_phc_index(const struct port *p)
{
	return p->ts_info.valid ? p->ts_info.phc_index : -1;
}

void port_pm_info(struct port *p, struct pm_port_info *pi)
{
	int n;

	memset(pi, 0, sizeof(*pi));
	pi->pid = p->pid;
	pi->state = p->state;
	pi->log_min_delay_req = p->log_min_delay_req;
	pi->log_announce = p->log_announce;
	pi->announce_timeout = p->announce_timeout;
	pi->log_sync = p->log_sync;
	/* the live one: Auto turns into P2P on the first peer */
	pi->delay_mechanism = p->delay_mechanism;
	pi->peer_delay_ns = p->have_peer_delay ? p->peer_delay : 0;
	pi->log_min_pdelay_req = p->log_min_pdelay_req;
	pi->version = PTP_VERSION;
	pi->neighbor_prop_delay_thresh = p->neighbor_prop_delay_thresh;
	/*
	 * ptp4l's 1588 port turns asCapable on for good the first time it
	 * sends an Announce or Sync or measures its peer delay.
	 */
	pi->as_capable = p->as_capable || p->tx[MSG_ANNOUNCE] ||
			 p->tx[MSG_SYNC] || p->have_peer_delay;
	if (p->asc.ieee8021as)
		pi->as_capable = p->asc.capable;
	pi->timestamping = p->trans->cfg.ts_type;
	snprintf(pi->ifname, sizeof(pi->ifname), "%s", p->name);
	memcpy(pi->rx, p->cnt.rx, sizeof(pi->rx));
	memcpy(pi->tx, p->tx, sizeof(pi->tx));
	pi->network_protocol = p->trans->type;
	n = transport_physical_addr(p->trans, pi->phys_addr,
				    sizeof(pi->phys_addr));
	pi->phys_len = n > 0 ? n : 0;
	n = transport_protocol_addr(p->trans, pi->proto_addr,
				    sizeof(pi->proto_addr));
	pi->proto_len = n > 0 ? n : 0;
}

void port_pm_set_np(struct port *p, uint32_t neighbor_prop_delay_thresh,
		    int32_t as_capable)
{
	p->neighbor_prop_delay_thresh = neighbor_prop_delay_thresh;
	p->as_capable = as_capable;
}

void port_pm_enable(struct port *p, bool enable)
{
	if (enable) {
		if (p->state == PS_DISABLED)
			port_dispatch(p, EV_DESIGNATED_ENABLED, 0);
		return;
	}
	if (p->state == PS_DISABLED)
		return;
	foreign_clear(&p->foreign);
	port_dispatch(p, EV_DESIGNATED_DISABLED, 0);
}
