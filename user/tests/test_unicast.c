// SPDX-License-Identifier: GPL-2.0
/*
 * Unicast negotiation: the TLVs byte for byte (frames as ptp4l 3.1.1 sends
 * them), the master tables and the client's state machine.
 */
#include <arpa/inet.h>

#include "msg.h"
#include "tests.h"
#include "timers.h"
#include "tlv.h"
#include "unicast_client.h"
#include "unicast_service.h"
#include "unicast_table.h"

static const struct PortIdentity self = {
	.clockIdentity = { { 0x00, 0x11, 0x22, 0xff, 0xfe, 0x33, 0x44, 0x55 } },
	.portNumber = 1,
};

/* A client's first request: Announce every 2^1 s for 60 s, to anyone. */
static const uint8_t request[] = {
	0x0c, 0x02, 0x00, 0x36,		/* Signaling, v2, 54 octets */
	0x00, 0x00, 0x04, 0x00,		/* domain 0, unicast flag */
	0, 0, 0, 0, 0, 0, 0, 0,		/* correction */
	0, 0, 0, 0,
	0x00, 0x11, 0x22, 0xff, 0xfe, 0x33, 0x44, 0x55, 0x00, 0x01,
	0x00, 0x03,			/* sequenceId 3 */
	0x05, 0x7f,			/* control other, no interval */
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0x00, 0x04, 0x00, 0x06,		/* REQUEST_UNICAST_TRANSMISSION, 6 */
	0xb0, 0x01,			/* Announce, 2^1 s */
	0x00, 0x00, 0x00, 0x3c,		/* 60 s */
};

/* A server's grant of Sync, 2^-3 s, 60 s, renewal invited. */
static const uint8_t grant[] = {
	0x0c, 0x02, 0x00, 0x38,
	0x00, 0x00, 0x04, 0x00,
	0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0,
	0xaa, 0xbb, 0xcc, 0xff, 0xfe, 0xdd, 0xee, 0x01, 0x00, 0x01,
	0x00, 0x09,
	0x05, 0x7f,
	0x00, 0x11, 0x22, 0xff, 0xfe, 0x33, 0x44, 0x55, 0x00, 0x01,
	0x00, 0x05, 0x00, 0x08,		/* GRANT_UNICAST_TRANSMISSION, 8 */
	0x00, 0xfd,			/* Sync, 2^-3 s */
	0x00, 0x00, 0x00, 0x3c,		/* 60 s */
	0x00, 0x01,			/* reserved, R */
};

static int test_uc_tlv_frames(void)
{
	struct tlv_unicast u = {
		.type = TLV_REQUEST_UNICAST_TRANSMISSION,
		.message_type = MSG_ANNOUNCE, .log_period = 1, .duration = 60,
	};
	uint8_t val[TLV_UC_GRANT_LEN], buf[128];
	struct ptp_message m;
	enum msg_error why;
	size_t n;

	msg_init(&m, MSG_SIGNALING);
	m.hdr.sourcePortIdentity = self;
	m.hdr.sequenceId = 3;
	m.hdr.flagField = FLAG_UNICAST;
	memset(&m.signaling.targetPortIdentity, 0xff, MSG_PORTID_LEN);
	n = tlv_unicast_encode(val, sizeof(val), &u);
	CHECK_INT(n, TLV_UC_REQUEST_LEN);
	CHECK_INT(msg_add_tlv(&m, u.type, val, (uint16_t)n), 0);
	n = msg_build(&m, buf, sizeof(buf));
	CHECK_INT(n, sizeof(request));
	CHECK(!memcmp(buf, request, sizeof(request)));

	CHECK_INT(msg_parse(&m, grant, sizeof(grant), &why), 0);
	CHECK_INT(m.n_tlvs, 1);
	CHECK(pid_eq(&m.signaling.targetPortIdentity, &self));
	CHECK_INT(tlv_unicast_decode(&m.tlv[0], &u), 0);
	CHECK_INT(u.type, TLV_GRANT_UNICAST_TRANSMISSION);
	CHECK_INT(u.message_type, MSG_SYNC);
	CHECK_INT(u.log_period, -3);
	CHECK_INT(u.duration, 60);
	CHECK_INT(u.flags, UC_GRANT_RENEWAL_INVITED);
	/* and back, byte for byte */
	CHECK_INT(tlv_unicast_encode(val, sizeof(val), &u), TLV_UC_GRANT_LEN);
	CHECK(!memcmp(val, grant + 48, TLV_UC_GRANT_LEN));
	CHECK_INT(tlv_unicast_encode(val, TLV_UC_GRANT_LEN - 1, &u), 0);
	return 0;
}

static int test_uc_tlv_cancel(void)
{
	static const uint8_t cancel[] = { 0x91, 0x00 };	/* Delay_Resp, keep req */
	struct ptp_tlv t = {
		.type = TLV_CANCEL_UNICAST_TRANSMISSION, .length = 2,
		.value = cancel,
	};
	struct tlv_unicast u;
	uint8_t val[2];

	CHECK_INT(tlv_unicast_decode(&t, &u), 0);
	CHECK_INT(u.message_type, MSG_DELAY_RESP);
	CHECK_INT(u.flags, UC_CANCEL_MAINTAIN_REQUEST);
	u.type = TLV_ACK_CANCEL_UNICAST_TRANSMISSION;
	CHECK_INT(tlv_unicast_encode(val, sizeof(val), &u), 2);
	CHECK(!memcmp(val, cancel, 2));
	t.type = TLV_PATH_TRACE;
	CHECK_INT(tlv_unicast_decode(&t, &u), -1);
	CHECK_INT(tlv_unicast_len(TLV_PATH_TRACE), 0);
	return 0;
}

/* A REQUEST of 4 octets: the frame is dropped, with its own counter. */
static int test_uc_tlv_short(void)
{
	uint8_t bad[sizeof(request)];
	struct ptp_message m;
	enum msg_error why;

	memcpy(bad, request, sizeof(bad));
	bad[3] = 0x34;			/* messageLength 52 */
	bad[47] = 4;			/* the TLV's length */
	CHECK_INT(msg_parse(&m, bad, sizeof(bad) - 2, &why), -1);
	CHECK_INT(why, MSG_ERR_TLV_SHORT);
	CHECK_STR(msg_error_str(why), "TLV too short for its type");
	return 0;
}

static int test_uc_addr(void)
{
	struct trans_addr a, b;
	char s[64];

	CHECK_INT(uc_addr_parse(TRANS_UDP_IPV4, "192.168.1.11", 3, &a), 0);
	CHECK_INT(uc_addr_parse(TRANS_UDP_IPV4, "192.168.1.11", 3, &b), 0);
	b.sin.sin_port = htons(320);
	CHECK(uc_addr_eq(&a, &b));
	b.sin.sin_addr.s_addr ^= htonl(1);
	CHECK(!uc_addr_eq(&a, &b));
	CHECK_STR(uc_addr_str(&a, s, sizeof(s)), "192.168.1.11");
	CHECK_INT(uc_addr_parse(TRANS_UDP_IPV4, "fe80::1", 3, &a), -1);
	CHECK_INT(uc_addr_parse(TRANS_UDP_IPV6, "fe80::1", 3, &a), 0);
	CHECK_INT(a.sin6.sin6_scope_id, 3);
	CHECK_STR(uc_addr_str(&a, s, sizeof(s)), "fe80::1");
	CHECK_INT(uc_addr_parse(TRANS_IEEE_802_3, "00:11:22:33:44:55", 4, &a),
		  0);
	CHECK_INT(a.sll.sll_ifindex, 4);
	CHECK_INT(a.sll.sll_halen, 6);
	CHECK_STR(uc_addr_str(&a, s, sizeof(s)), "00:11:22:33:44:55");
	CHECK(!uc_addr_eq(&a, &b));
	return 0;
}

/* What the client sent, in order. */
static struct {
	unsigned int n;
	struct {
		const struct uc_master *to;
		struct PortIdentity target;
		unsigned int ntlv;
		struct tlv_unicast tlv[3];
	} msg[16];
} sent;

static void record(void *ctx, const struct uc_master *to,
		   const struct tlv_unicast *tlv, unsigned int n)
{
	(void)ctx;
	if (sent.n == 16)
		return;
	sent.msg[sent.n].to = to;
	sent.msg[sent.n].target = to->pid;
	sent.msg[sent.n].ntlv = n;
	memcpy(sent.msg[sent.n].tlv, tlv, n * sizeof(*tlv));
	sent.n++;
}

static struct tlv_unicast gr(uint8_t type, int8_t period, uint32_t duration)
{
	struct tlv_unicast g = {
		.type = TLV_GRANT_UNICAST_TRANSMISSION, .message_type = type,
		.log_period = period, .duration = duration,
	};

	return g;
}

static int test_uc_client(void)
{
	struct uc_table t = { .id = 1, .log_query = 2, .n = 3 };
	const struct PortIdentity master = {
		.clockIdentity = { { 0xaa, 0xbb, 0xcc, 0xff, 0xfe, 0xdd, 0xee,
				     0x01 } },
		.portNumber = 1,
	};
	struct uc_client c;
	struct tlv_unicast g;
	struct trans_addr from;
	struct uc_master *m;
	uint64_t now = 1000 * NS_PER_SEC;
	int8_t period = 0;

	t.addr[0].type = TRANS_UDP_IPV4;
	strcpy(t.addr[0].text, "10.0.0.1");
	t.addr[1].type = TRANS_IEEE_802_3;	/* skipped on a UDPv4 port */
	strcpy(t.addr[1].text, "00:11:22:33:44:55");
	t.addr[2].type = TRANS_UDP_IPV4;
	strcpy(t.addr[2].text, "10.0.0.2");
	CHECK_INT(uc_client_init(&c, &t, TRANS_UDP_IPV4, 2, false, 60), 0);
	CHECK_INT(c.n, 2);
	c.send = record;
	c.log_announce = 1;
	c.log_sync = -3;
	c.log_delay_req = -2;
	memset(&sent, 0, sizeof(sent));

	/* first every master is asked for Announce, at the wildcard */
	uc_client_tick(&c, now);
	CHECK_INT(sent.n, 2);
	CHECK_INT(sent.msg[0].ntlv, 1);
	CHECK_INT(sent.msg[0].tlv[0].message_type, MSG_ANNOUNCE);
	CHECK_INT(sent.msg[0].tlv[0].log_period, 1);
	CHECK_INT(sent.msg[0].tlv[0].duration, 60);
	CHECK_INT(sent.msg[0].target.portNumber, 0xffff);
	CHECK(sent.msg[1].to == &c.m[1]);

	/* a grant from an address not in the table is no one's */
	CHECK_INT(uc_addr_parse(TRANS_UDP_IPV4, "10.0.0.3", 0, &from), 0);
	CHECK(!uc_client_find(&c, &from));
	CHECK_INT(uc_addr_parse(TRANS_UDP_IPV4, "10.0.0.1", 0, &from), 0);
	m = uc_client_find(&c, &from);
	CHECK(m == &c.m[0]);
	g = gr(MSG_ANNOUNCE, 1, 60);
	CHECK_INT(uc_client_grant(&c, m, &master, &g, now, &period),
		  MSG_ANNOUNCE);
	CHECK_INT(m->state, UC_HAVE_ANN);
	CHECK(pid_eq(&m->pid, &master));
	CHECK(m->renew_ns == now + 45 * NS_PER_SEC);

	/* the BMCA picks it: Sync and Delay_Resp, to it */
	uc_client_parent(&c, &master);
	CHECK_INT(m->state, UC_NEED_SYDY);
	CHECK_INT(c.m[1].state, UC_WAIT);
	sent.n = 0;
	uc_client_tick(&c, now + NS_PER_SEC);
	CHECK_INT(sent.n, 2);
	CHECK_INT(sent.msg[0].ntlv, 2);
	CHECK_INT(sent.msg[0].tlv[0].message_type, MSG_SYNC);
	CHECK_INT(sent.msg[0].tlv[0].log_period, -3);
	CHECK_INT(sent.msg[0].tlv[1].message_type, MSG_DELAY_RESP);
	CHECK_INT(sent.msg[0].tlv[1].log_period, -2);
	CHECK(pid_eq(&sent.msg[0].target, &master));
	CHECK_INT(sent.msg[1].tlv[0].message_type, MSG_ANNOUNCE);

	g = gr(MSG_SYNC, -4, 40);
	CHECK_INT(uc_client_grant(&c, m, &master, &g, now, &period), MSG_SYNC);
	CHECK_INT(period, -4);
	CHECK_INT(m->state, UC_NEED_SYDY);
	/* the shorter grant brings the renewal forward */
	CHECK(m->renew_ns == now + 30 * NS_PER_SEC);
	g = gr(MSG_DELAY_RESP, -2, 60);
	CHECK_INT(uc_client_grant(&c, m, &master, &g, now, &period),
		  MSG_DELAY_RESP);
	CHECK_INT(m->state, UC_HAVE_SYDY);

	/* nothing before the renewal is due, all three then */
	sent.n = 0;
	uc_client_tick(&c, now + 29 * NS_PER_SEC);
	CHECK_INT(sent.n, 1);		/* the other master, still waiting */
	sent.n = 0;
	uc_client_tick(&c, now + 31 * NS_PER_SEC);
	CHECK_INT(sent.n, 2);
	CHECK_INT(sent.msg[0].ntlv, 3);
	CHECK_INT(sent.msg[0].tlv[0].message_type, MSG_ANNOUNCE);
	CHECK_INT(sent.msg[0].tlv[2].message_type, MSG_DELAY_RESP);
	CHECK(!m->renew_ns);

	/* the master cancels Sync: acknowledged, back to waiting */
	g.type = TLV_CANCEL_UNICAST_TRANSMISSION;
	g.message_type = MSG_SYNC;
	g.flags = 0;
	sent.n = 0;
	CHECK_INT(uc_client_cancel(&c, m, &g), 1);
	CHECK_INT(m->state, UC_WAIT);
	CHECK_INT(sent.n, 1);
	CHECK_INT(sent.msg[0].tlv[0].type, TLV_ACK_CANCEL_UNICAST_TRANSMISSION);
	CHECK_INT(sent.msg[0].tlv[0].message_type, MSG_SYNC);
	/* 1588-2019's maintain-grant: nothing changes */
	g.flags = UC_CANCEL_MAINTAIN_GRANT;
	CHECK_INT(uc_client_cancel(&c, m, &g), 0);

	/* a refusal: back to asking for Announce */
	g = gr(MSG_ANNOUNCE, 1, 0);
	CHECK_INT(uc_client_grant(&c, &c.m[1], &master, &g, now, &period), -1);
	CHECK_INT(c.m[1].state, UC_WAIT);

	/* at exit, each grant still held is cancelled */
	sent.n = 0;
	uc_client_cancel_all(&c);
	CHECK_INT(sent.n, 1);
	CHECK_INT(sent.msg[0].ntlv, 2);	/* Announce and Delay_Resp */
	CHECK_INT(sent.msg[0].tlv[0].type, TLV_CANCEL_UNICAST_TRANSMISSION);
	CHECK_INT(sent.msg[0].tlv[1].message_type, MSG_DELAY_RESP);
	CHECK_INT(m->granted, 0);
	return 0;
}

/*
 * Two masters, 10 s grants: the selected one's lost GRANT is asked for again
 * at the next query interval, the backup's Announce is renewed at 3/4 of
 * every grant (the old code renewed it once, and a lost GRANT never).
 */
static int test_uc_client_renewal(void)
{
	struct uc_table t = { .id = 2, .log_query = 0, .n = 2 };
	const struct PortIdentity pa = { .portNumber = 1 };
	const struct PortIdentity pb = { .portNumber = 2 };
	uint64_t t0 = 500 * NS_PER_SEC, s = NS_PER_SEC;
	struct uc_master *a, *b;
	struct tlv_unicast g;
	struct uc_client c;
	int8_t period = 0;
	unsigned int i;

	t.addr[0].type = TRANS_UDP_IPV4;
	strcpy(t.addr[0].text, "10.0.0.1");
	t.addr[1].type = TRANS_UDP_IPV4;
	strcpy(t.addr[1].text, "10.0.0.2");
	CHECK_INT(uc_client_init(&c, &t, TRANS_UDP_IPV4, 0, false, 10), 0);
	c.send = record;
	a = &c.m[0];
	b = &c.m[1];
	g = gr(MSG_ANNOUNCE, 1, 10);
	CHECK_INT(uc_client_grant(&c, a, &pa, &g, t0, &period), MSG_ANNOUNCE);
	CHECK_INT(uc_client_grant(&c, b, &pb, &g, t0, &period), MSG_ANNOUNCE);
	uc_client_parent(&c, &pa);
	CHECK_INT(a->state, UC_NEED_SYDY);
	CHECK_INT(b->state, UC_HAVE_ANN);
	g = gr(MSG_SYNC, 0, 10);
	CHECK_INT(uc_client_grant(&c, a, &pa, &g, t0, &period), MSG_SYNC);
	g = gr(MSG_DELAY_RESP, 0, 10);
	CHECK_INT(uc_client_grant(&c, a, &pa, &g, t0, &period),
		  MSG_DELAY_RESP);
	CHECK_INT(a->state, UC_HAVE_SYDY);

	/* nothing due before 7 s (3/4 of 10, whole seconds), both then */
	memset(&sent, 0, sizeof(sent));
	uc_client_tick(&c, t0 + 6 * s);
	CHECK_INT(sent.n, 0);
	uc_client_tick(&c, t0 + 7 * s);
	CHECK_INT(sent.n, 2);
	CHECK(sent.msg[0].to == a);
	CHECK_INT(sent.msg[0].ntlv, 3);
	CHECK(sent.msg[1].to == b);
	CHECK_INT(sent.msg[1].ntlv, 1);
	CHECK_INT(sent.msg[1].tlv[0].message_type, MSG_ANNOUNCE);
	CHECK(pid_eq(&sent.msg[1].target, &pb));

	/* the backup grants again: its next renewal is 7 s on */
	g = gr(MSG_ANNOUNCE, 1, 10);
	CHECK_INT(uc_client_grant(&c, b, &pb, &g, t0 + 7 * s, &period),
		  MSG_ANNOUNCE);
	CHECK_INT(b->state, UC_HAVE_ANN);
	CHECK(b->renew_ns == t0 + 14 * s);

	/* the selected master's GRANT was lost: asked again at each tick */
	sent.n = 0;
	uc_client_tick(&c, t0 + 8 * s);
	CHECK_INT(sent.n, 1);
	CHECK(sent.msg[0].to == a);
	CHECK_INT(sent.msg[0].ntlv, 3);
	CHECK_INT(sent.msg[0].tlv[0].message_type, MSG_ANNOUNCE);
	CHECK_INT(sent.msg[0].tlv[1].message_type, MSG_SYNC);
	CHECK_INT(sent.msg[0].tlv[2].message_type, MSG_DELAY_RESP);
	for (i = 0; i < 3; i++) {
		g = gr(sent.msg[0].tlv[i].message_type, 0, 10);
		CHECK_INT(uc_client_grant(&c, a, &pa, &g, t0 + 8 * s, &period),
			  sent.msg[0].tlv[i].message_type);
	}
	CHECK(a->renew_ns == t0 + 15 * s);

	/* granted: quiet until each is due again, and so on past 2x */
	sent.n = 0;
	uc_client_tick(&c, t0 + 13 * s);
	CHECK_INT(sent.n, 0);
	uc_client_tick(&c, t0 + 14 * s);
	CHECK_INT(sent.n, 1);
	CHECK(sent.msg[0].to == b);
	g = gr(MSG_ANNOUNCE, 1, 10);
	CHECK_INT(uc_client_grant(&c, b, &pb, &g, t0 + 14 * s, &period),
		  MSG_ANNOUNCE);
	sent.n = 0;
	uc_client_tick(&c, t0 + 21 * s);
	CHECK_INT(sent.n, 2);		/* a, due since 15 s, and b */
	CHECK(sent.msg[1].to == b);
	CHECK_INT(b->state, UC_HAVE_ANN);

	/* failover: the backup is selected and asked for Sync, Delay_Resp */
	uc_client_parent(&c, &pb);
	CHECK_INT(a->state, UC_HAVE_ANN);
	CHECK_INT(b->state, UC_NEED_SYDY);
	sent.n = 0;
	uc_client_tick(&c, t0 + 22 * s);
	CHECK(sent.n >= 1);
	CHECK(sent.msg[sent.n - 1].to == b);
	CHECK_INT(sent.msg[sent.n - 1].tlv[0].message_type, MSG_SYNC);
	return 0;
}

/* P2P with a peer_address: Pdelay_Resp from the peer, no Delay_Resp. */
static int test_uc_client_peer(void)
{
	struct uc_table t = { .id = 3, .n = 1 };
	const struct PortIdentity peer = { .portNumber = 7 };
	uint64_t now = 100 * NS_PER_SEC;
	struct trans_addr from;
	struct tlv_unicast g;
	struct uc_client c;
	struct uc_master *m;
	int8_t period = 0;

	t.addr[0].type = TRANS_UDP_IPV4;
	strcpy(t.addr[0].text, "192.168.4.44");
	strcpy(t.peer, "192.168.4.45");
	/* E2E: the peer_address is read, and unused */
	CHECK_INT(uc_client_init(&c, &t, TRANS_UDP_IPV4, 0, false, 60), 0);
	CHECK(!c.have_peer);
	CHECK_INT(uc_client_init(&c, &t, TRANS_UDP_IPV4, 0, true, 60), 0);
	CHECK(c.have_peer);
	c.send = record;
	c.log_pdelay_req = -1;
	memset(&sent, 0, sizeof(sent));
	uc_client_tick(&c, now);
	CHECK_INT(sent.n, 2);
	CHECK(sent.msg[0].to == &c.peer);
	CHECK_INT(sent.msg[0].tlv[0].message_type, MSG_PDELAY_RESP);
	CHECK_INT(sent.msg[0].tlv[0].log_period, -1);
	/* no grant yet: asked again on the next tick */
	uc_client_tick(&c, now + NS_PER_SEC);
	CHECK_INT(sent.n, 4);
	CHECK_INT(uc_addr_parse(TRANS_UDP_IPV4, "192.168.4.45", 0, &from), 0);
	m = uc_client_find(&c, &from);
	CHECK(m == &c.peer);
	g = gr(MSG_PDELAY_RESP, -2, 60);
	CHECK_INT(uc_client_grant(&c, m, &peer, &g, now, &period),
		  MSG_PDELAY_RESP);
	CHECK_INT(period, -2);
	CHECK(pid_eq(&c.peer.pid, &peer));
	sent.n = 0;
	uc_client_tick(&c, now + 44 * NS_PER_SEC);
	CHECK_INT(sent.n, 1);		/* only the master's Announce */
	CHECK(sent.msg[0].to == &c.m[0]);
	/* a P2P client asks for no Delay_Resp and takes none */
	g = gr(MSG_DELAY_RESP, 0, 60);
	CHECK_INT(uc_client_grant(&c, &c.m[0], &peer, &g, now, &period), -1);
	sent.n = 0;
	uc_client_tick(&c, now + 46 * NS_PER_SEC);
	CHECK_INT(sent.n, 2);		/* the renewal, and the Announce */
	sent.n = 0;
	uc_client_cancel_all(&c);
	CHECK_INT(sent.n, 1);
	CHECK(sent.msg[0].to == &c.peer);
	CHECK_INT(sent.msg[0].tlv[0].type, TLV_CANCEL_UNICAST_TRANSMISSION);
	/* a peer_address that is not one of the transport's */
	strcpy(t.peer, "fe80::1");
	CHECK_INT(uc_client_init(&c, &t, TRANS_UDP_IPV4, 0, true, 60), -1);
	return 0;
}

static int test_uc_fsm(void)
{
	CHECK_INT(uc_fsm(UC_WAIT, UC_EV_SELECTED), UC_WAIT);
	CHECK_INT(uc_fsm(UC_WAIT, UC_EV_GRANT_ANN), UC_HAVE_ANN);
	CHECK_INT(uc_fsm(UC_HAVE_ANN, UC_EV_GRANT_SYDY), UC_HAVE_ANN);
	CHECK_INT(uc_fsm(UC_HAVE_ANN, UC_EV_CANCEL), UC_WAIT);
	CHECK_INT(uc_fsm(UC_NEED_SYDY, UC_EV_UNSELECTED), UC_HAVE_ANN);
	CHECK_INT(uc_fsm(UC_NEED_SYDY, UC_EV_GRANT_SYDY), UC_HAVE_SYDY);
	CHECK_INT(uc_fsm(UC_HAVE_SYDY, UC_EV_GRANT_SYDY), UC_HAVE_SYDY);
	CHECK_INT(uc_fsm(UC_HAVE_SYDY, UC_EV_UNSELECTED), UC_HAVE_ANN);
	CHECK_INT(uc_fsm(UC_HAVE_SYDY, UC_EV_CANCEL), UC_WAIT);
	CHECK_STR(uc_state_str(UC_NEED_SYDY), "NEED_SYDY");
	return 0;
}

static struct {
	unsigned int n;
	uint8_t type[64];
	const struct uc_grant *g[64];
} due;

static void on_due(void *ctx, const struct uc_grant *g)
{
	(void)ctx;
	if (due.n < 64) {
		due.type[due.n] = g->type;
		due.g[due.n] = g;
	}
	due.n++;
}

static struct tlv_unicast rq(uint8_t type, int8_t period, uint32_t duration)
{
	struct tlv_unicast r = {
		.type = TLV_REQUEST_UNICAST_TRANSMISSION, .message_type = type,
		.log_period = period, .duration = duration,
	};

	return r;
}

static int test_uc_service(void)
{
	static struct uc_service s;
	const uint64_t ms = NS_PER_SEC / 1000, t0 = 500 * NS_PER_SEC;
	struct trans_addr a, b;
	struct tlv_unicast r;
	unsigned int i;

	memset(&s, 0, sizeof(s));
	CHECK_INT(uc_addr_parse(TRANS_UDP_IPV4, "10.0.0.2", 0, &a), 0);
	CHECK_INT(uc_addr_parse(TRANS_UDP_IPV4, "10.0.0.3", 0, &b), 0);
	/* Announce 2^1 s and Sync 2^-2 s for 10 s; Delay_Resp needs no record */
	r = rq(MSG_ANNOUNCE, 1, 10);
	CHECK_INT(uc_service_request(&s, &a, &self, &r, t0), 1);
	r = rq(MSG_SYNC, -2, 10);
	CHECK_INT(uc_service_request(&s, &a, &self, &r, t0), 1);
	r = rq(MSG_DELAY_RESP, -2, 10);
	CHECK_INT(uc_service_request(&s, &a, &self, &r, t0), 1);
	CHECK_INT(uc_service_count(&s), 2);
	/* what is not served is denied */
	r = rq(MSG_MANAGEMENT, 0, 10);
	CHECK_INT(uc_service_request(&s, &a, &self, &r, t0), 0);
	r = rq(MSG_SYNC, 0, 0);
	CHECK_INT(uc_service_request(&s, &b, &self, &r, t0), 0);
	CHECK(uc_service_next(&s) == t0 + 10 * ms);

	/* 10 ms on, both once; as a slave nothing goes out but time moves */
	memset(&due, 0, sizeof(due));
	CHECK(uc_service_run(&s, t0 + 10 * ms, true, on_due, NULL) ==
	      t0 + 260 * ms);
	CHECK_INT(due.n, 2);
	CHECK(uc_service_run(&s, t0 + 260 * ms, false, on_due, NULL) ==
	      t0 + 510 * ms);
	CHECK_INT(due.n, 2);
	/* over one second: Sync every 250 ms, Announce once more at 2.01 s */
	memset(&due, 0, sizeof(due));
	for (i = 51; i <= 201; i += 25)
		uc_service_run(&s, t0 + i * 10 * ms, true, on_due, NULL);
	CHECK_INT(due.n, 8);		/* 7 Syncs and the Announce */
	CHECK_INT(due.type[6], MSG_ANNOUNCE);
	CHECK(due.g[0]->addr.sin.sin_addr.s_addr == a.sin.sin_addr.s_addr);

	/* a renewal extends, a new interval restarts the schedule */
	r = rq(MSG_SYNC, -3, 20);
	CHECK_INT(uc_service_request(&s, &a, &self, &r, t0 + 3 * NS_PER_SEC), 1);
	CHECK_INT(uc_service_count(&s), 2);
	CHECK(uc_service_next(&s) == t0 + 3 * NS_PER_SEC + 10 * ms);

	/* the client cancels Sync; Announce runs out after its 10 s */
	r.type = TLV_CANCEL_UNICAST_TRANSMISSION;
	r.flags = UC_CANCEL_MAINTAIN_REQUEST;
	CHECK_INT(uc_service_cancel(&s, &a, &r), 0);
	r.flags = 0;
	CHECK_INT(uc_service_cancel(&s, &b, &r), 0);
	CHECK_INT(uc_service_cancel(&s, &a, &r), 1);
	CHECK_INT(uc_service_count(&s), 1);
	CHECK(uc_service_run(&s, t0 + 11 * NS_PER_SEC, true, on_due, NULL) == 0);
	CHECK_INT(uc_service_count(&s), 0);

	/* at most UC_SERVICE_MAX grants */
	r = rq(MSG_SYNC, 0, 60);
	for (i = 0; i < UC_SERVICE_MAX; i++) {
		b.sin.sin_addr.s_addr = htonl(0x0a000100 + i);
		CHECK_INT(uc_service_request(&s, &b, &self, &r, t0), 1);
	}
	b.sin.sin_addr.s_addr = htonl(0x0a000200);
	CHECK_INT(uc_service_request(&s, &b, &self, &r, t0), 0);
	return 0;
}

static const struct test unicast_tests[] = {
	{ "unicast: service grants, schedules, expiry, cancel", test_uc_service },
	{ "unicast: TLV frames byte for byte", test_uc_tlv_frames },
	{ "unicast: cancel and acknowledge TLVs", test_uc_tlv_cancel },
	{ "unicast: a short TLV drops the frame", test_uc_tlv_short },
	{ "unicast: table addresses", test_uc_addr },
	{ "unicast: client requests, grants, renewal, cancel", test_uc_client },
	{ "unicast: client renews the backup, re-asks a lost grant",
	  test_uc_client_renewal },
	{ "unicast: client state machine", test_uc_fsm },
	{ "unicast: P2P client and its peer_address", test_uc_client_peer },
	{ NULL, NULL },
};

TEST_SUITE(unicast_tests);
