// SPDX-License-Identifier: GPL-2.0
/*
 * Unicast negotiation on a port: the glue between port.c and the unicast
 * client (unicast_client.c, unicast_master_table) and service
 * (unicast_service.c, unicast_listen). Signaling messages out, grants and
 * cancels in, the two timers.
 */
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "port_private.h"
#include "print.h"
#include "timers.h"
#include "tlv.h"
#include "unicast_client.h"
#include "unicast_service.h"
#include "unicast_table.h"

static const struct PortIdentity wildcard = {
	.clockIdentity = { { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff } },
	.portNumber = 0xffff,
};

/* One Signaling message with up to three unicast TLVs, unicast to to. */
static void send_signaling(struct port *p, const struct trans_addr *to,
			   const struct PortIdentity *target,
			   const struct tlv_unicast *tlv, unsigned int n)
{
	uint8_t val[3][TLV_UC_GRANT_LEN];
	struct ptp_message m;
	unsigned int i;
	size_t len;

	msg_init(&m, MSG_SIGNALING);
	m.hdr.transportSpecific = p->transport_specific;
	m.hdr.domainNumber = p->clock->domain;
	m.hdr.sourcePortIdentity = p->pid;
	m.hdr.sequenceId = p->seq_signaling++;
	m.hdr.flagField = FLAG_UNICAST;
	m.signaling.targetPortIdentity = *target;
	for (i = 0; i < n && i < 3; i++) {
		len = tlv_unicast_encode(val[i], sizeof(val[i]), &tlv[i]);
		if (!len || msg_add_tlv(&m, tlv[i].type, val[i], (uint16_t)len))
			return;
	}
	if (port_send_msg(p, &m, TRANS_GENERAL, to, NULL))
		pr_err("port %hu: signaling message failed", p->pid.portNumber);
}

static void client_send(void *ctx, const struct uc_master *to,
			const struct tlv_unicast *tlv, unsigned int n)
{
	struct port *p = ctx;

	send_signaling(p, &to->addr, &to->pid, tlv, n);
}

static int service_create(struct port *p)
{
	if (!config_get_int(p->cfg, p->name, "unicast_listen"))
		return 0;
	p->ucs = calloc(1, sizeof(*p->ucs));
	if (!p->ucs)
		return -1;
	/* as ptp4l: a server answers unicast Delay_Req by unicast */
	p->hybrid_e2e = true;
	p->inhibit_multicast_service =
		config_get_int(p->cfg, p->name, "inhibit_multicast_service");
	return 0;
}

int port_uc_create(struct port *p)
{
	int id = config_get_int(p->cfg, p->name, "unicast_master_table");
	const struct uc_table *t;

	/* as ptp4l: a unicast client sends its Delay_Req to the master */
	p->hybrid_e2e = config_get_int(p->cfg, p->name, "hybrid_e2e") || id;
	p->net_sync_monitor = config_get_int(p->cfg, p->name,
					     "net_sync_monitor");
	/* ptp4l's warnings, before a server's own hybrid_e2e below */
	if (p->hybrid_e2e && p->delay_mechanism != DM_E2E)
		pr_warning("port %hu: hybrid_e2e only works with E2E",
			   p->pid.portNumber);
	if (p->net_sync_monitor && !p->hybrid_e2e)
		pr_warning("port %hu: net_sync_monitor needs hybrid_e2e",
			   p->pid.portNumber);
	if (service_create(p))
		return -1;
	if (!id)
		return 0;
	t = config_unicast_table(p->cfg, id);
	if (!t) {
		pr_err("port %hu: no table with id %d", p->pid.portNumber, id);
		return -1;
	}
	p->ucc = calloc(1, sizeof(*p->ucc));
	if (!p->ucc)
		return -1;
	return 0;
}

int port_uc_open(struct port *p)
{
	const struct uc_table *t;

	if (!p->ucc)
		return 0;
	t = config_unicast_table(p->cfg, config_get_int(p->cfg, p->name,
							"unicast_master_table"));
	if (uc_client_init(p->ucc, t, p->trans->type, p->trans->ifindex,
			   p->delay_mechanism == DM_P2P,
			   (uint32_t)config_get_int(p->cfg, p->name,
						    "unicast_req_duration"))) {
		pr_err("port %hu: bad unicast master or peer address",
		       p->pid.portNumber);
		return -1;
	}
	p->ucc->send = client_send;
	p->ucc->ctx = p;
	port_timer_set(p, TMR_UC_REQ, tmo_log_ns(1, p->ucc->log_query));
	return 0;
}

void port_uc_close(struct port *p)
{
	if (p->ucc && p->trans && transport_fd(p->trans, TRANS_GENERAL) >= 0)
		uc_client_cancel_all(p->ucc);
	free(p->ucc);
	p->ucc = NULL;
	free(p->ucs);
	p->ucs = NULL;
}

static void service_due(void *ctx, const struct uc_grant *g)
{
	struct port *p = ctx;

	if (g->type == MSG_ANNOUNCE)
		port_tx_announce(p, &g->addr);
	else
		port_tx_sync(p, &g->addr);
}

/* Arm the service timer for the next message due, or stop it. */
static void service_arm(struct port *p, uint64_t next, uint64_t now)
{
	if (!next)
		port_timer_clear(p, TMR_UC_SRV);
	else
		port_timer_set(p, TMR_UC_SRV, next > now ? next - now : 0);
}

void port_uc_timer(struct port *p, enum port_timer t)
{
	if (t == TMR_UC_REQ && p->ucc) {
		p->ucc->log_announce = (int8_t)p->log_announce;
		p->ucc->log_sync = (int8_t)p->log_sync;
		p->ucc->log_delay_req = (int8_t)p->log_min_delay_req;
		p->ucc->log_pdelay_req = (int8_t)p->log_min_pdelay_req;
		uc_client_tick(p->ucc, mono_ns());
		port_timer_set(p, TMR_UC_REQ, tmo_log_ns(1, p->ucc->log_query));
	}
	if (t == TMR_UC_SRV && p->ucs) {
		uint64_t now = mono_ns();
		bool master = p->state == PS_MASTER ||
			      p->state == PS_GRAND_MASTER;

		service_arm(p, uc_service_run(p->ucs, now, master,
					      service_due, p), now);
	}
}

/* A REQUEST: granted or denied, one GRANT TLV each, as ptp4l. */
static void rx_request(struct port *p, const struct ptp_message *m,
		       const struct trans_addr *from,
		       const struct tlv_unicast *req)
{
	struct tlv_unicast g = {
		.type = TLV_GRANT_UNICAST_TRANSMISSION,
		.message_type = req->message_type,
		.log_period = req->log_period,
		.flags = UC_GRANT_RENEWAL_INVITED,
	};
	uint64_t now = mono_ns();
	char buf[64];

	if (!p->ucs || !from->len)
		return;
	if (uc_service_request(p->ucs, from, &m->hdr.sourcePortIdentity, req,
			       now)) {
		g.duration = req->duration;
		pr_debug("port %hu: unicast %s granted to %s for %u sec",
			 p->pid.portNumber, msg_type_str(req->message_type),
			 uc_addr_str(from, buf, sizeof(buf)), req->duration);
	} else {
		pr_debug("port %hu: unicast %s denied to %s", p->pid.portNumber,
			 msg_type_str(req->message_type),
			 uc_addr_str(from, buf, sizeof(buf)));
	}
	send_signaling(p, from, &m->hdr.sourcePortIdentity, &g, 1);
	service_arm(p, uc_service_next(p->ucs), now);
}

/* A client's CANCEL: the grant ends, and is acknowledged (16.1.4.4). */
static void rx_service_cancel(struct port *p, const struct ptp_message *m,
			      const struct trans_addr *from,
			      const struct tlv_unicast *cancel)
{
	struct tlv_unicast ack = *cancel;

	if (!p->ucs || !uc_service_cancel(p->ucs, from, cancel))
		return;
	ack.type = TLV_ACK_CANCEL_UNICAST_TRANSMISSION;
	send_signaling(p, from, &m->hdr.sourcePortIdentity, &ack, 1);
}

static struct uc_master *client_master(struct port *p,
				       const struct trans_addr *from)
{
	struct uc_master *m;

	if (!p->ucc)
		return NULL;
	m = uc_client_find(p->ucc, from);
	if (!m)
		pr_warning("port %hu: received rogue unicast grant or cancel",
			   p->pid.portNumber);
	return m;
}

static void rx_grant(struct port *p, const struct ptp_message *msg,
		     const struct trans_addr *from, const struct tlv_unicast *g)
{
	struct uc_master *m = client_master(p, from);
	int8_t period;

	if (!m)
		return;
	switch (uc_client_grant(p->ucc, m, &msg->hdr.sourcePortIdentity, g,
				mono_ns(), &period)) {
	case MSG_SYNC:
		p->log_sync = period;
		break;
	case MSG_DELAY_RESP:
		p->log_min_delay_req = period;
		break;
	case MSG_PDELAY_RESP:
		p->log_min_pdelay_req = period;
		break;
	default:
		break;
	}
}

void port_uc_signaling(struct port *p, const struct ptp_message *m,
		       const struct trans_addr *from)
{
	const struct PortIdentity *target = &m->signaling.targetPortIdentity;
	struct uc_master *um;
	struct tlv_unicast u;
	unsigned int i;

	if (!pid_eq(target, &p->pid) && !pid_eq(target, &wildcard))
		return;
	for (i = 0; i < m->n_tlvs; i++) {
		if (tlv_unicast_decode(&m->tlv[i], &u))
			continue;
		switch (u.type) {
		case TLV_REQUEST_UNICAST_TRANSMISSION:
			rx_request(p, m, from, &u);
			break;
		case TLV_GRANT_UNICAST_TRANSMISSION:
			rx_grant(p, m, from, &u);
			break;
		case TLV_CANCEL_UNICAST_TRANSMISSION:
			/* from a master of our table, or from a client */
			um = p->ucc ? uc_client_find(p->ucc, from) : NULL;
			if (um)
				uc_client_cancel(p->ucc, um, &u);
			else
				rx_service_cancel(p, m, from, &u);
			break;
		default:
			break;
		}
	}
}

void port_uc_parent(struct port *p)
{
	if (p->ucc)
		uc_client_parent(p->ucc, &p->clock->parent);
}

const struct trans_addr *port_uc_peer(const struct port *p)
{
	return p->ucc && p->ucc->have_peer ? &p->ucc->peer.addr : NULL;
}
