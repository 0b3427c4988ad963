// SPDX-License-Identifier: GPL-2.0
/*
 * The management engine (see pm.h). What is answered, refused and ignored
 * follows ptp4l 3.1.1's clock_manage() and port_manage(); SET and COMMAND
 * are allowed only on the read-write UNIX socket, as linuxptp 4 does once
 * it has a read-only one.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "config.h"
#include "msg.h"
#include "pm.h"
#include "port.h"
#include "print.h"
#include "timers.h"
#include "tlv.h"

/* One request and where its answers go. */
struct pm_req {
	struct clock *c;
	const struct ptp_message *m;
	enum pm_ingress in;
	const struct PortIdentity *self;
	const struct uds_addr *from;
	uint16_t id;
	const uint8_t *data;
	uint16_t dlen;
	uint8_t action;
	pm_send_fn send;
	void *ctx;
};

/* Build a management message around one TLV and hand it to send. */
static void pm_emit(struct clock *c, const struct ptp_message *req,
		    const struct PortIdentity *src,
		    const struct PortIdentity *target, uint16_t seq,
		    uint8_t hops, uint8_t action, uint16_t tlv_type,
		    const uint8_t *value, uint16_t vlen, pm_send_fn send,
		    void *ctx)
{
	static struct ptp_message r;
	uint8_t frame[MSG_MAX_LEN];
	size_t n;

	msg_init(&r, MSG_MANAGEMENT);
	r.hdr.transportSpecific = req ? req->hdr.transportSpecific : 0;
	r.hdr.domainNumber = c->domain;
	r.hdr.sourcePortIdentity = *src;
	r.hdr.sequenceId = seq;
	r.management.targetPortIdentity = *target;
	r.management.startingBoundaryHops = hops;
	r.management.boundaryHops = hops;
	r.management.actionField = action;
	if (msg_add_tlv(&r, tlv_type, value, vlen))
		return;
	n = msg_build(&r, frame, sizeof(frame));
	if (n)
		send(ctx, frame, n);
}

static uint8_t reply_hops(const struct ptp_message *m)
{
	return (uint8_t)(m->management.startingBoundaryHops -
			 m->management.boundaryHops);
}

static void pm_respond(struct pm_req *r, const struct PortIdentity *src,
		       uint8_t action, const uint8_t *data, int dlen)
{
	uint8_t value[MSG_MAX_LEN];

	if (dlen < 0 || (size_t)dlen + 2 > sizeof(value) - 64)
		return;
	put_be16(value, r->id);
	if (dlen)
		memcpy(value + 2, data, dlen);
	r->c->pm.cnt.responses++;
	pm_emit(r->c, r->m, src, &r->m->hdr.sourcePortIdentity,
		r->m->hdr.sequenceId, reply_hops(r->m), action,
		TLV_MANAGEMENT, value, (uint16_t)(dlen + 2), r->send, r->ctx);
}

static void pm_error(struct pm_req *r, const struct PortIdentity *src,
		     uint16_t err)
{
	struct tlv_mgmt_error e = {
		.managementErrorId = err,
		.managementId = r->id,
	};
	uint8_t value[16];
	size_t n = tlv_mgmt_error_encode(value, sizeof(value), &e);

	r->c->pm.cnt.errors++;
	pm_emit(r->c, r->m, src, &r->m->hdr.sourcePortIdentity,
		r->m->hdr.sequenceId, reply_hops(r->m),
		r->action == MGMT_COMMAND ? MGMT_ACKNOWLEDGE : MGMT_RESPONSE,
		TLV_MANAGEMENT_ERROR_STATUS, value, (uint16_t)n, r->send,
		r->ctx);
}

/* The clock-level ids of ptp4l 3.1.1's clock_manage(). */
static bool clock_id(uint16_t id)
{
	switch (id) {
	case MID_USER_DESCRIPTION:
	case MID_SAVE_IN_NON_VOLATILE_STORAGE:
	case MID_RESET_NON_VOLATILE_STORAGE:
	case MID_INITIALIZE:
	case MID_FAULT_LOG:
	case MID_FAULT_LOG_RESET:
	case MID_DEFAULT_DATA_SET:
	case MID_CURRENT_DATA_SET:
	case MID_PARENT_DATA_SET:
	case MID_TIME_PROPERTIES_DATA_SET:
	case MID_PRIORITY1:
	case MID_PRIORITY2:
	case MID_DOMAIN:
	case MID_SLAVE_ONLY:
	case MID_TIME:
	case MID_CLOCK_ACCURACY:
	case MID_UTC_PROPERTIES:
	case MID_TRACEABILITY_PROPERTIES:
	case MID_TIMESCALE_PROPERTIES:
	case MID_PATH_TRACE_LIST:
	case MID_PATH_TRACE_ENABLE:
	case MID_GRANDMASTER_CLUSTER_TABLE:
	case MID_ACCEPTABLE_MASTER_TABLE:
	case MID_ACCEPTABLE_MASTER_MAX_TABLE_SIZE:
	case MID_ALTERNATE_TIME_OFFSET_ENABLE:
	case MID_ALTERNATE_TIME_OFFSET_NAME:
	case MID_ALTERNATE_TIME_OFFSET_MAX_KEY:
	case MID_ALTERNATE_TIME_OFFSET_PROPERTIES:
	case MID_TRANSPARENT_CLOCK_DEFAULT_DATA_SET:
	case MID_PRIMARY_DOMAIN:
	case MID_TIME_STATUS_NP:
	case MID_GRANDMASTER_SETTINGS_NP:
	case MID_SUBSCRIBE_EVENTS_NP:
	case MID_SYNCHRONIZATION_UNCERTAIN_NP:
		return true;
	default:
		return false;
	}
}

/* The port-level ids ptp4l knows but may not support (port_manage()). */
static bool port_id_known(uint16_t id)
{
	switch (id) {
	case MID_NULL_MANAGEMENT:
	case MID_CLOCK_DESCRIPTION:
	case MID_PORT_DATA_SET:
	case MID_LOG_ANNOUNCE_INTERVAL:
	case MID_ANNOUNCE_RECEIPT_TIMEOUT:
	case MID_LOG_SYNC_INTERVAL:
	case MID_VERSION_NUMBER:
	case MID_ENABLE_PORT:
	case MID_DISABLE_PORT:
	case MID_UNICAST_NEGOTIATION_ENABLE:
	case MID_UNICAST_MASTER_TABLE:
	case MID_UNICAST_MASTER_MAX_TABLE_SIZE:
	case MID_ACCEPTABLE_MASTER_TABLE_ENABLED:
	case MID_ALTERNATE_MASTER:
	case MID_TRANSPARENT_CLOCK_PORT_DATA_SET:
	case MID_DELAY_MECHANISM:
	case MID_LOG_MIN_PDELAY_REQ_INTERVAL:
		return true;
	default:
		return false;
	}
}

/* Subscriptions. */

static bool same_addr(const struct uds_addr *a, const struct uds_addr *b)
{
	return a->len == b->len && !memcmp(&a->sun, &b->sun, a->len);
}

static struct pm_subscriber *sub_find(struct pm *pm,
				      const struct PortIdentity *pid,
				      const struct uds_addr *from)
{
	unsigned int i;

	for (i = 0; i < PM_MAX_SUBSCRIBERS; i++) {
		struct pm_subscriber *s = &pm->sub[i];

		if (s->used && pid_eq(&s->target, pid) &&
		    (!from || same_addr(&s->addr, from)))
			return s;
	}
	return NULL;
}

void pm_prune(struct pm *pm, uint64_t now)
{
	unsigned int i;

	for (i = 0; i < PM_MAX_SUBSCRIBERS; i++)
		if (pm->sub[i].used && pm->sub[i].expires <= now)
			pm->sub[i].used = false;
}

/* SET SUBSCRIBE_EVENTS_NP: 0, or -1 when the table is full. */
static int sub_update(struct pm *pm, const struct PortIdentity *pid,
		      const struct uds_addr *from, const uint8_t *data)
{
	static const uint8_t none[PM_EVENT_BITMASK_LEN];
	uint16_t duration = get_be16(data);
	uint64_t now = mono_ns();
	struct pm_subscriber *s;
	unsigned int i;

	pm_prune(pm, now);
	s = sub_find(pm, pid, from);
	if (!memcmp(data + 2, none, sizeof(none)) || !duration) {
		if (s)
			s->used = false;
		return 0;
	}
	for (i = 0; !s && i < PM_MAX_SUBSCRIBERS; i++)
		if (!pm->sub[i].used)
			s = &pm->sub[i];
	if (!s)
		return -1;
	if (!s->used) {
		s->used = true;
		s->addr = *from;
		s->target = *pid;
		s->seq = 0;
	}
	memcpy(s->bitmask, data + 2, PM_EVENT_BITMASK_LEN);
	s->expires = now + (uint64_t)duration * NS_PER_SEC;
	return 0;
}

static int sub_get(struct pm *pm, const struct PortIdentity *pid,
		   const struct uds_addr *from, uint8_t *buf)
{
	struct pm_subscriber *s;
	uint64_t now = mono_ns();

	memset(buf, 0, 2 + PM_EVENT_BITMASK_LEN);
	pm_prune(pm, now);
	s = from ? sub_find(pm, pid, from) : NULL;
	if (s) {
		put_be16(buf, (uint16_t)((s->expires - now) / NS_PER_SEC));
		memcpy(buf + 2, s->bitmask, PM_EVENT_BITMASK_LEN);
	}
	return 2 + PM_EVENT_BITMASK_LEN;
}

/* Clock-level ids: true when a data set changed. */
static bool pm_clock(struct pm_req *r)
{
	struct clock *c = r->c;
	uint8_t buf[MSG_MAX_LEN];
	bool changed = false;
	int n;

	if (r->action == MGMT_SET) {
		const uint8_t *d = r->data;

		switch (r->id) {
		case MID_PRIORITY1:
			c->d0.priority1 = d[0];
			changed = true;
			break;
		case MID_PRIORITY2:
			c->d0.priority2 = d[0];
			changed = true;
			break;
		case MID_GRANDMASTER_SETTINGS_NP:
			c->d0.quality.clockClass = d[0];
			c->d0.quality.clockAccuracy = d[1];
			c->d0.quality.offsetScaledLogVariance = get_be16(d + 2);
			c->gm_utc_offset = (int16_t)get_be16(d + 4);
			c->gm_time_flags = d[6];
			c->gm_time_source = d[7];
			changed = true;
			break;
		case MID_SUBSCRIBE_EVENTS_NP:
			if (!r->from || sub_update(&c->pm,
						   &r->m->hdr.sourcePortIdentity,
						   r->from, d)) {
				pm_error(r, r->self, MERR_GENERAL_ERROR);
				return false;
			}
			break;
		case MID_SYNCHRONIZATION_UNCERTAIN_NP:
			if (d[0] != SYNC_UNCERTAIN_FALSE &&
			    d[0] != SYNC_UNCERTAIN_TRUE &&
			    d[0] != SYNC_UNCERTAIN_DONTCARE) {
				pm_error(r, r->self, MERR_NOT_SUPPORTED);
				return false;
			}
			c->sync_uncertain = d[0];
			changed = true;
			break;
		default:
			pm_error(r, r->self, MERR_NOT_SUPPORTED);
			return false;
		}
	} else if (r->action == MGMT_COMMAND) {
		pm_error(r, r->self, MERR_NOT_SUPPORTED);
		return false;
	}
	/* a GET, or the answer to a SET: the value now */
	if (r->id == MID_SUBSCRIBE_EVENTS_NP)
		n = sub_get(&c->pm, &r->m->hdr.sourcePortIdentity, r->from,
			    buf);
	else
		n = pm_clock_ds(c, r->id, buf, sizeof(buf));
	if (n < 0)
		pm_error(r, r->self, MERR_NOT_SUPPORTED);
	else
		pm_respond(r, r->self, MGMT_RESPONSE, buf, n);
	return changed;
}

/*
 * A port-level id for one port: 1 answered, -1 NO_SUCH_ID sent (the other
 * ports must not repeat it, as in ptp4l). *changed on a new port state.
 */
static int pm_port(struct pm_req *r, struct port *p, bool *changed)
{
	static struct pm_port_info pi;
	uint8_t buf[MSG_MAX_LEN];
	int n;

	port_pm_info(p, &pi);
	switch (r->action) {
	case MGMT_GET:
		n = pm_port_ds(r->c, &pi, r->id, buf, sizeof(buf));
		if (n >= 0) {
			pm_respond(r, &pi.pid, MGMT_RESPONSE, buf, n);
			return 1;
		}
		break;
	case MGMT_SET:
		if (r->id == MID_PORT_DATA_SET_NP) {
			/* as ptp4l: asCapable is the port's, not settable */
			port_pm_set_np(p, get_be32(r->data), pi.as_capable);
			port_pm_info(p, &pi);
			n = pm_port_ds(r->c, &pi, r->id, buf, sizeof(buf));
			pm_respond(r, &pi.pid, MGMT_RESPONSE, buf, n);
			return 1;
		}
		break;
	case MGMT_COMMAND:
		if (r->id == MID_ENABLE_PORT || r->id == MID_DISABLE_PORT) {
			port_pm_enable(p, r->id == MID_ENABLE_PORT);
			*changed = true;
			pm_respond(r, &pi.pid, MGMT_ACKNOWLEDGE, NULL, 0);
			return 1;
		}
		break;
	}
	if (port_id_known(r->id)) {
		pm_error(r, &pi.pid, MERR_NOT_SUPPORTED);
		return 1;
	}
	pm_error(r, &pi.pid, MERR_NO_SUCH_ID);
	return -1;
}

static const struct ClockIdentity wildcard = {
	{ 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff }
};

/* linuxptp's forwarding(): the port states that pass management on */
static bool port_forwards(const struct port *p)
{
	switch (port_state(p)) {
	case PS_MASTER:
	case PS_GRAND_MASTER:
	case PS_SLAVE:
	case PS_UNCALIBRATED:
	case PS_PRE_MASTER:
		return true;
	default:
		return false;
	}
}

/* Where boundaryHops sits in a management message (15.5.1). */
#define MGMT_BOUNDARY_HOPS_OFF	(MSG_HEADER_LEN + 11)

/*
 * boundaryHops (15.3.3), as ptp4l's clock_forward_mgmt_msg(): a message
 * with hops left that came in on a forwarding port or the read-write
 * socket goes out, one hop fewer, on every other forwarding port; one from
 * the network also goes to the last client of the read-write socket (a
 * pmc -b 1 waiting for the other clocks' answers). The read-only socket
 * forwards nothing. The frame is passed on as it came, hops aside.
 */
static void pm_forward(struct clock *c, const struct ptp_message *m,
		       const uint8_t *buf, enum pm_ingress in,
		       const struct port *ingress)
{
	uint8_t fwd[MSG_MAX_LEN];
	size_t len = m->hdr.messageLength;
	unsigned int i;
	ssize_t n;

	if (!m->management.boundaryHops || in == PM_UDS_RO)
		return;
	if (in == PM_NET && (!ingress || !port_forwards(ingress)))
		return;
	if (len > sizeof(fwd) || len <= MGMT_BOUNDARY_HOPS_OFF)
		return;
	memcpy(fwd, buf, len);
	fwd[MGMT_BOUNDARY_HOPS_OFF] = m->management.boundaryHops - 1;
	for (i = 0; i < c->n_ports; i++) {
		struct port *p = c->port[i];

		if (p == ingress || !port_forwards(p))
			continue;
		c->pm.cnt.forwarded++;
		port_pm_forward(p, fwd, len);
	}
	if (in != PM_NET || c->pm.fd[PM_UDS_RW] < 0 ||
	    c->pm.last_rw.len <= offsetof(struct sockaddr_un, sun_path))
		return;
	c->pm.cnt.forwarded++;
	n = uds_send(c->pm.fd[PM_UDS_RW], &c->pm.last_rw, fwd, len);
	if (n < 0)
		pr_debug_rl("uds: forward not sent: %s", strerror((int)-n));
}

static bool pm_process_in(struct clock *c, const void *buf, size_t len,
			  enum pm_ingress in, const struct PortIdentity *self,
			  const struct uds_addr *from, struct port *ingress,
			  pm_send_fn send, void *ctx)
{
	static struct ptp_message m;
	struct pm_req r = {
		.c = c, .m = &m, .in = in, .self = self, .from = from,
		.send = send, .ctx = ctx,
	};
	const struct ClockIdentity *tcid;
	struct tlv_mgmt t;
	enum msg_error why;
	bool changed = false;
	unsigned int i, answers;
	uint16_t tport;
	int size, rc;

	if (msg_parse(&m, buf, len, &why)) {
		c->pm.cnt.malformed++;
		pr_debug_rl("management: bad message: %s", msg_error_str(why));
		return false;
	}
	if (m.hdr.messageType != MSG_MANAGEMENT ||
	    m.hdr.domainNumber != c->domain) {
		c->pm.cnt.ignored++;
		return false;
	}
	/* first passed on, whatever it is and whoever it is for */
	pm_forward(c, &m, buf, in, ingress);
	/* linuxptp handles exactly one management TLV per message */
	if (m.n_tlvs != 1 || tlv_mgmt_decode(&m.tlv[0], &t)) {
		c->pm.cnt.malformed++;
		pr_debug_rl("management: %u TLVs or not a MANAGEMENT TLV",
			    m.n_tlvs);
		return false;
	}
	c->pm.cnt.rx++;
	tcid = &m.management.targetPortIdentity.clockIdentity;
	if (!cid_eq(tcid, &c->d0.identity) && !cid_eq(tcid, &wildcard)) {
		c->pm.cnt.ignored++;
		return false;
	}
	r.id = t.managementId;
	r.data = t.data;
	r.dlen = t.data_len;
	r.action = m.management.actionField & 0x0f;
	if (r.action != MGMT_GET && r.action != MGMT_SET &&
	    r.action != MGMT_COMMAND) {
		c->pm.cnt.ignored++;
		return false;
	}
	/* a body of the wrong size: ptp4l's parser drops the message */
	size = pm_ds_size(r.id);
	if (r.dlen && size >= 0 && r.dlen != size) {
		c->pm.cnt.malformed++;
		pr_debug_rl("management: %s with %u octets of data",
			    pm_id_name(r.id), r.dlen);
		return false;
	}
	if (r.action == MGMT_SET && !r.dlen && r.id != MID_NULL_MANAGEMENT) {
		pm_error(&r, self, MERR_WRONG_LENGTH);
		return false;
	}
	/* only the read-write socket may change anything */
	if (r.action != MGMT_GET && in != PM_UDS_RW) {
		pm_error(&r, self, MERR_NOT_SUPPORTED);
		return false;
	}
	/*
	 * No SET below reads the data of a variable-size id: those are
	 * NOT_SUPPORTED when ptp4l knows them and NO_SUCH_ID otherwise.
	 */
	if (clock_id(r.id))
		return pm_clock(&r);
	if (r.id == MID_PORT_PROPERTIES_NP && in == PM_NET) {
		pm_error(&r, self, MERR_NOT_SUPPORTED);
		return false;
	}
	tport = m.management.targetPortIdentity.portNumber;
	answers = 0;
	for (i = 0; i < c->n_ports; i++) {
		struct port *p = c->port[i];

		if (tport != 0xffff && tport != port_identity(p)->portNumber)
			continue;
		answers++;
		rc = pm_port(&r, p, &changed);
		if (rc < 0)
			break;
	}
	/* 1588 interpretation #21, as ptp4l: a port that does not exist */
	if (!answers)
		pm_error(&r, self, MERR_WRONG_VALUE);
	return changed;
}

bool pm_process(struct clock *c, const void *buf, size_t len,
		enum pm_ingress in, const struct PortIdentity *self,
		const struct uds_addr *from, pm_send_fn send, void *ctx)
{
	return pm_process_in(c, buf, len, in, self, from, NULL, send, ctx);
}

bool pm_net_rx(struct clock *c, struct port *p, const void *buf, size_t len,
	       pm_send_fn send, void *ctx)
{
	return pm_process_in(c, buf, len, PM_NET, port_identity(p), NULL, p,
			     send, ctx);
}

/* Sockets. */

void pm_init(struct pm *pm)
{
	memset(pm, 0, sizeof(*pm));
	pm->fd[PM_UDS_RW] = -1;
	pm->fd[PM_UDS_RO] = -1;
}

int pm_open(struct pm *pm, const struct clock *c)
{
	static const char *const key[2] = { "uds_address", "uds_ro_address" };
	static const char *const mode[2] = { "uds_file_mode",
					     "uds_ro_file_mode" };
	int i, fd;

	for (i = 0; i < 2; i++) {
		snprintf(pm->path[i], sizeof(pm->path[i]), "%s",
			 config_get_string(c->cfg, NULL, key[i]));
		/*
		 * linuxptp 3.1 has no read-only socket, so its configs give
		 * each instance only a uds_address: derive the read-only one
		 * from it, or a second instance could not start.
		 */
		if (i == PM_UDS_RO && !config_is_set(c->cfg, NULL, key[i]) &&
		    config_is_set(c->cfg, NULL, key[PM_UDS_RW]) &&
		    snprintf(pm->path[i], sizeof(pm->path[i]), "%sro",
			     pm->path[PM_UDS_RW]) >= (int)sizeof(pm->path[i])) {
			pr_err("uds: %sro: name too long", pm->path[PM_UDS_RW]);
			pm_close(pm);
			return -1;
		}
		fd = uds_open(pm->path[i],
			      (unsigned int)config_get_int(c->cfg, NULL,
							   mode[i]));
		if (fd < 0) {
			pr_err("uds: cannot bind %s: %s", pm->path[i],
			       strerror(-fd));
			pm->path[i][0] = '\0';
			pm_close(pm);
			return -1;
		}
		pm->fd[i] = fd;
	}
	return 0;
}

void pm_close(struct pm *pm)
{
	int i;

	for (i = 0; i < 2; i++) {
		uds_close(pm->fd[i], pm->path[i]);
		pm->fd[i] = -1;
	}
}

struct uds_ctx {
	int fd;
	const struct uds_addr *to;
	struct pm *pm;
};

static void uds_reply(void *ctx, const void *buf, size_t len)
{
	struct uds_ctx *u = ctx;
	ssize_t n = uds_send(u->fd, u->to, buf, len);

	if (n < 0)
		pr_debug_rl("uds: reply not sent: %s", strerror((int)-n));
}

void pm_handle(struct clock *c, enum pm_ingress in)
{
	struct PortIdentity self = { .clockIdentity = c->d0.identity };
	uint8_t buf[MSG_MAX_LEN];
	struct uds_addr from;
	struct uds_ctx u;
	ssize_t n;
	int i;

	for (i = 0; i < 16; i++) {
		n = uds_recv(c->pm.fd[in], buf, sizeof(buf), &from);
		if (n < 0)
			return;
		if (in == PM_UDS_RW)
			c->pm.last_rw = from;
		u.fd = c->pm.fd[in];
		u.to = &from;
		u.pm = &c->pm;
		if (pm_process(c, buf, (size_t)n, in, &self, &from, uds_reply,
			       &u))
			clock_set_sde(c);
	}
}

/* Notifications go out of the read-write socket, as ptp4l's uds port. */
static void pm_notify(struct clock *c, unsigned int event,
		      const struct PortIdentity *src, uint16_t id,
		      const uint8_t *data, int dlen)
{
	uint8_t value[MSG_MAX_LEN];
	struct uds_ctx u = { .fd = c->pm.fd[PM_UDS_RW], .pm = &c->pm };
	unsigned int i;

	if (u.fd < 0 || dlen < 0 || (size_t)dlen + 2 > sizeof(value))
		return;
	pm_prune(&c->pm, mono_ns());
	put_be16(value, id);
	memcpy(value + 2, data, dlen);
	for (i = 0; i < PM_MAX_SUBSCRIBERS; i++) {
		struct pm_subscriber *s = &c->pm.sub[i];

		if (!s->used || !(s->bitmask[event / 8] & (1 << (event % 8))))
			continue;
		u.to = &s->addr;
		c->pm.cnt.notifications++;
		pm_emit(c, NULL, src, &s->target, s->seq++, 0, MGMT_RESPONSE,
			TLV_MANAGEMENT, value, (uint16_t)(dlen + 2), uds_reply,
			&u);
	}
}

static bool any_subscriber(const struct pm *pm)
{
	unsigned int i;

	for (i = 0; i < PM_MAX_SUBSCRIBERS; i++)
		if (pm->sub[i].used)
			return true;
	return false;
}

void pm_notify_port_state(struct clock *c, struct port *p)
{
	static struct pm_port_info pi;
	uint8_t buf[64];
	int n;

	if (!any_subscriber(&c->pm))
		return;
	port_pm_info(p, &pi);
	n = pm_port_ds(c, &pi, MID_PORT_DATA_SET, buf, sizeof(buf));
	pm_notify(c, NOTIFY_PORT_STATE, &pi.pid, MID_PORT_DATA_SET, buf, n);
}

void pm_notify_time_sync(struct clock *c)
{
	struct PortIdentity self = { .clockIdentity = c->d0.identity };
	uint8_t buf[64];
	int n;

	if (!any_subscriber(&c->pm))
		return;
	n = pm_clock_ds(c, MID_TIME_STATUS_NP, buf, sizeof(buf));
	pm_notify(c, NOTIFY_TIME_SYNC, &self, MID_TIME_STATUS_NP, buf, n);
}
