// SPDX-License-Identifier: GPL-2.0
/* The unicast client (see unicast_client.h). */
#include <string.h>

#include "config.h"
#include "print.h"
#include "timers.h"
#include "unicast_client.h"

#define MASK(t)		(1u << (t))
#define SYDY_E2E	(MASK(MSG_ANNOUNCE) | MASK(MSG_SYNC) | MASK(MSG_DELAY_RESP))
#define SYDY_P2P	(MASK(MSG_ANNOUNCE) | MASK(MSG_SYNC))

enum uc_state uc_fsm(enum uc_state s, enum uc_event ev)
{
	switch (s) {
	case UC_WAIT:
		return ev == UC_EV_GRANT_ANN ? UC_HAVE_ANN : s;
	case UC_HAVE_ANN:
		if (ev == UC_EV_SELECTED)
			return UC_NEED_SYDY;
		return ev == UC_EV_CANCEL ? UC_WAIT : s;
	case UC_NEED_SYDY:
		if (ev == UC_EV_GRANT_SYDY)
			return UC_HAVE_SYDY;
		/* fall through */
	case UC_HAVE_SYDY:
		if (ev == UC_EV_UNSELECTED)
			return UC_HAVE_ANN;
		return ev == UC_EV_CANCEL ? UC_WAIT : s;
	}
	return s;
}

const char *uc_state_str(enum uc_state s)
{
	static const char *const names[] = {
		[UC_WAIT] = "WAIT", [UC_HAVE_ANN] = "HAVE_ANN",
		[UC_NEED_SYDY] = "NEED_SYDY", [UC_HAVE_SYDY] = "HAVE_SYDY",
	};

	return s <= UC_HAVE_SYDY ? names[s] : "?";
}

int uc_client_init(struct uc_client *c, const struct uc_table *t, int type,
		   int ifindex, bool p2p, uint32_t duration)
{
	unsigned int i;

	memset(c, 0, sizeof(*c));
	c->log_query = t->log_query;
	c->duration = duration;
	c->sydy = p2p ? SYDY_P2P : SYDY_E2E;
	for (i = 0; i < t->n; i++) {
		struct uc_master *m = &c->m[c->n];

		m->type = t->addr[i].type;
		if (m->type != type) {
			pr_warning("unicast master transport mismatch");
			continue;
		}
		if (uc_addr_parse(type, t->addr[i].text, ifindex, &m->addr))
			return -1;
		memset(&m->pid, 0xff, sizeof(m->pid));
		m->state = UC_WAIT;
		c->n++;
	}
	if (!t->peer[0])
		return 0;
	/* as ptp4l: a bad peer_address is an error whatever the mechanism */
	c->peer.type = type;
	if (uc_addr_parse(type, t->peer, ifindex, &c->peer.addr))
		return -1;
	memset(&c->peer.pid, 0xff, sizeof(c->peer.pid));
	c->have_peer = p2p;
	return 0;
}

struct uc_master *uc_client_find(struct uc_client *c,
				 const struct trans_addr *from)
{
	unsigned int i;

	for (i = 0; i < c->n; i++)
		if (uc_addr_eq(&c->m[i].addr, from))
			return &c->m[i];
	if (c->have_peer && uc_addr_eq(&c->peer.addr, from))
		return &c->peer;
	return NULL;
}

static void req(struct tlv_unicast *t, uint8_t type, int8_t period,
		uint32_t duration)
{
	memset(t, 0, sizeof(*t));
	t->type = TLV_REQUEST_UNICAST_TRANSMISSION;
	t->message_type = type;
	t->log_period = period;
	t->duration = duration;
}

/* Sync and, for E2E, Delay_Resp, appended at tlv[n]; the new count. */
static unsigned int sydy_reqs(const struct uc_client *c,
			      struct tlv_unicast *tlv, unsigned int n)
{
	req(&tlv[n++], MSG_SYNC, c->log_sync, c->duration);
	if (c->sydy & MASK(MSG_DELAY_RESP))
		req(&tlv[n++], MSG_DELAY_RESP, c->log_delay_req, c->duration);
	return n;
}

/*
 * Renewal is due at renew_ns, or at every tick while it is 0: set to 0 when a
 * request goes out, it is set again by the first grant that answers it, so a
 * lost GRANT is asked for again at the next logQueryInterval (as ptp4l).
 */
static void renew(struct uc_client *c, struct uc_master *m, uint64_t now)
{
	struct tlv_unicast tlv[3];
	unsigned int n = 0;

	if (m->renew_ns && now < m->renew_ns)
		return;
	m->renew_ns = 0;
	pr_debug("time to renew unicast subscriptions");
	req(&tlv[n++], MSG_ANNOUNCE, c->log_announce, c->duration);
	if (m->state == UC_HAVE_SYDY)
		n = sydy_reqs(c, tlv, n);
	c->send(c->ctx, m, tlv, n);
}

/* The peer's Pdelay_Resp: asked for until granted, then renewed. */
static void peer_tick(struct uc_client *c, uint64_t now)
{
	struct tlv_unicast tlv;

	if (!c->have_peer || (c->peer.renew_ns && now < c->peer.renew_ns))
		return;
	c->peer.renew_ns = 0;
	pr_debug("time to renew P2P unicast subscription");
	req(&tlv, MSG_PDELAY_RESP, c->log_pdelay_req, c->duration);
	c->send(c->ctx, &c->peer, &tlv, 1);
}

void uc_client_tick(struct uc_client *c, uint64_t now_ns)
{
	struct tlv_unicast tlv[3];
	unsigned int i;

	peer_tick(c, now_ns);
	for (i = 0; i < c->n; i++) {
		struct uc_master *m = &c->m[i];

		switch (m->state) {
		case UC_WAIT:
			req(&tlv[0], MSG_ANNOUNCE, c->log_announce,
			    c->duration);
			c->send(c->ctx, m, tlv, 1);
			break;
		case UC_NEED_SYDY:
			c->send(c->ctx, m, tlv, sydy_reqs(c, tlv, 0));
			break;
		case UC_HAVE_ANN:
		case UC_HAVE_SYDY:
			renew(c, m, now_ns);
			break;
		}
	}
}

/* Renew at three quarters of the shortest grant, as ptp4l (whole seconds). */
static void set_renewal(struct uc_master *m, uint32_t duration, uint64_t now)
{
	uint64_t at = now + (uint64_t)(3 * (uint64_t)duration / 4) * NS_PER_SEC;

	if (!m->renew_ns || at < m->renew_ns)
		m->renew_ns = at;
}

int uc_client_grant(struct uc_client *c, struct uc_master *m,
		    const struct PortIdentity *src, const struct tlv_unicast *g,
		    uint64_t now_ns, int8_t *log_period)
{
	unsigned int type = g->message_type;

	if (!g->duration) {
		pr_warning("unicast grant of %s rejected", msg_type_str(type));
		if (type != MSG_PDELAY_RESP && m != &c->peer)
			m->state = UC_WAIT;
		return -1;
	}
	if (type == MSG_PDELAY_RESP) {
		if (!c->have_peer)
			return -1;
		c->peer.pid = *src;
		c->peer.granted |= MASK(type);
		set_renewal(&c->peer, g->duration, now_ns);
		*log_period = g->log_period;
		return (int)type;
	}
	if (m == &c->peer || !(c->sydy & MASK(type)))
		return -1;
	pr_debug("unicast %s granted for %u sec", msg_type_str(type),
		 g->duration);
	m->granted |= MASK(type);
	*log_period = g->log_period;
	switch (m->state) {
	case UC_WAIT:
		if (type != MSG_ANNOUNCE)
			break;
		m->state = uc_fsm(m->state, UC_EV_GRANT_ANN);
		m->pid = *src;
		set_renewal(m, g->duration, now_ns);
		break;
	case UC_HAVE_ANN:
		/*
		 * A master in the table but not selected: its Announce grant
		 * is renewed at 3/4 of it, so it stays in the BMCA for a
		 * failover (ptp4l 3.1.1 sets no renewal here and asks again
		 * at every logQueryInterval).
		 */
		if (type == MSG_ANNOUNCE)
			set_renewal(m, g->duration, now_ns);
		break;
	case UC_NEED_SYDY:
		if (type == MSG_ANNOUNCE)
			break;
		if ((m->granted & c->sydy) == c->sydy)
			m->state = uc_fsm(m->state, UC_EV_GRANT_SYDY);
		set_renewal(m, g->duration, now_ns);
		break;
	case UC_HAVE_SYDY:
		set_renewal(m, g->duration, now_ns);
		break;
	}
	return (int)type;
}

int uc_client_cancel(struct uc_client *c, struct uc_master *m,
		     const struct tlv_unicast *cancel)
{
	unsigned int type = cancel->message_type;
	struct tlv_unicast ack = {
		.type = TLV_ACK_CANCEL_UNICAST_TRANSMISSION,
		.message_type = cancel->message_type,
		.flags = cancel->flags,
	};

	if (m == &c->peer ||
	    (type != MSG_ANNOUNCE && type != MSG_SYNC && type != MSG_DELAY_RESP))
		return 0;
	if (cancel->flags & UC_CANCEL_MAINTAIN_GRANT)
		return 0;
	pr_warning("server unilaterally canceled unicast %s grant",
		   msg_type_str(type));
	m->state = uc_fsm(m->state, UC_EV_CANCEL);
	m->granted &= ~MASK(type);
	c->send(c->ctx, m, &ack, 1);
	return 1;
}

void uc_client_parent(struct uc_client *c, const struct PortIdentity *parent)
{
	unsigned int i;

	for (i = 0; i < c->n; i++) {
		struct uc_master *m = &c->m[i];

		m->state = uc_fsm(m->state, pid_eq(&m->pid, parent) ?
				  UC_EV_SELECTED : UC_EV_UNSELECTED);
	}
}

void uc_client_cancel_all(struct uc_client *c)
{
	static const uint8_t types[] = { MSG_ANNOUNCE, MSG_SYNC, MSG_DELAY_RESP };
	struct tlv_unicast tlv[3];
	unsigned int i, j, n;

	for (i = 0; i < c->n; i++) {
		struct uc_master *m = &c->m[i];

		for (j = 0, n = 0; j < sizeof(types); j++) {
			if (!(m->granted & MASK(types[j])))
				continue;
			memset(&tlv[n], 0, sizeof(tlv[n]));
			tlv[n].type = TLV_CANCEL_UNICAST_TRANSMISSION;
			tlv[n++].message_type = types[j];
		}
		if (n)
			c->send(c->ctx, m, tlv, n);
		m->granted = 0;
		m->state = UC_WAIT;
	}
	if (c->have_peer && c->peer.granted) {
		memset(&tlv[0], 0, sizeof(tlv[0]));
		tlv[0].type = TLV_CANCEL_UNICAST_TRANSMISSION;
		tlv[0].message_type = MSG_PDELAY_RESP;
		c->send(c->ctx, &c->peer, tlv, 1);
		c->peer.granted = 0;
	}
}
