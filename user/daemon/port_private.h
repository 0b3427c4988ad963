/* SPDX-License-Identifier: GPL-2.0 */
/*
 * struct port, for the files that make up a port: port.c (state machine,
 * multicast messages) and port_unicast.c (unicast negotiation).
 */
#ifndef PTPKD_PORT_PRIVATE_H
#define PTPKD_PORT_PRIVATE_H

#include "as_capable.h"
#include "config.h"
#include "pdelay.h"
#include "port.h"
#include "sk.h"
#include "transport.h"

struct tc_table;
struct uc_client;
struct uc_service;

/* fault_reset_interval "ASAP" (as ptp4l's FRI_ASAP) */
#define FRI_ASAP INT8_MIN

enum port_timer {
	TMR_ANNOUNCE_RX,	/* announce receipt timeout */
	TMR_ANNOUNCE_TX,
	TMR_SYNC_TX,
	TMR_DELAY_REQ,		/* Delay_Req (E2E) or Pdelay_Req (P2P) */
	TMR_QUALIFY,		/* PRE_MASTER qualification */
	TMR_SYNC_RX,		/* sync receipt timeout (syncReceiptTimeout) */
	TMR_FAULT,		/* FAULTY: fault_reset_interval */
	TMR_UC_REQ,		/* unicast client: logQueryInterval */
	TMR_UC_SRV,		/* unicast service: the next grant's message */
	TMR_COUNT
};

struct port {
	struct clock *clock;
	const struct config *cfg;
	char name[CFG_IFNAMSIZ];
	struct PortIdentity pid;
	enum port_state state;
	struct transport *trans;
	struct sk_ts_info ts_info;
	int tfd[TMR_COUNT];
	struct foreign_table foreign;
	struct msg_counters cnt;
	uint64_t tx[MSG_TYPE_COUNT];	/* sent, per messageType */
	/* PORT_DATA_SET_NP: kept for management, no P2P here */
	uint32_t neighbor_prop_delay_thresh;
	int32_t as_capable;
	struct as_cap asc;		/* 802.1AS asCapable (as_capable.h) */
	/* configuration */
	int log_announce, log_sync, log_min_delay_req;
	unsigned int announce_timeout;
	uint8_t transport_specific;
	bool ignore_transport_specific;
	/* as master */
	uint16_t seq_announce, seq_sync;
	/* as slave */
	uint16_t seq_delay_req;
	struct sync_pair sp;
	struct delay_track dt;
	/* the peer delay mechanism, in every enabled state */
	int delay_mechanism;		/* DM_*; Auto becomes P2P on a peer */
	int log_min_pdelay_req;
	uint16_t seq_pdelay_req;
	struct pdelay_track pd;
	int64_t peer_delay;		/* the last raw one, ns */
	bool have_peer_delay;
	int64_t asymmetry;		/* delayAsymmetry, ns */
	/* ingressLatency, egressLatency: ns taken from RX, added to TX */
	int64_t rx_latency, tx_latency;
	/* profiles: G.8275.x, BMCA noop (automotive), gPTP intervals */
	fsm_fn fsm;			/* the port state machine */
	bool noop;			/* BMCA noop: static states */
	bool inhibit_announce, inhibit_delay_req, ignore_source_id;
	bool msg_interval_request;
	bool follow_up_info;		/* 802.1AS follow-up information TLV */
	bool path_trace_enabled;	/* PATH_TRACE TLV out, loops dropped */
	unsigned int sync_rx_timeout;	/* syncReceiptTimeout; 0: none */
	int initial_log_sync, initial_log_announce;
	int oper_log_sync, oper_log_pdelay_req;
	int servo_state;		/* after the last sample */
	bool interval_retry;		/* asked again, not yet obeyed */
	uint16_t seq_signaling;
	int fault_reset_interval;	/* log2 s; FRI_ASAP: at once */
	int fault_badpeernet_interval;	/* s; 0: at once */
	bool bad_peer_net;		/* the last fault: FT_BAD_PEER_NETWORK */
	bool opened;			/* the transport was set up */
	/* a transparent clock's: what went out here, waiting (tc.h) */
	struct tc_table *tc;
	/* unicast (port_unicast.c) */
	bool hybrid_e2e;		/* Delay_Req unicast to the master */
	bool net_sync_monitor;		/* answer NSM requests (nsm.h) */
	bool inhibit_multicast_service;	/* unicast_listen: no multicast */
	struct uc_client *ucc;		/* unicast_master_table; or NULL */
	struct uc_service *ucs;		/* unicast_listen; or NULL */
};

/* port.c, for port_unicast.c */
void port_timer_set(struct port *p, enum port_timer t, uint64_t ns);
void port_timer_clear(struct port *p, enum port_timer t);
/* Build and send m; to NULL: the default (multicast) destination. */
int port_send_msg(struct port *p, struct ptp_message *m, enum trans_fd fd,
		  const struct trans_addr *to, struct pkt_ts *txts);
void port_tx_announce(struct port *p, const struct trans_addr *to);
void port_tx_sync(struct port *p, const struct trans_addr *to);

/* port_unicast.c */
int port_uc_create(struct port *p);		/* -1: refuse to start */
int port_uc_open(struct port *p);		/* after the transport */
void port_uc_close(struct port *p);		/* cancels grants, frees */
void port_uc_timer(struct port *p, enum port_timer t);
void port_uc_signaling(struct port *p, const struct ptp_message *m,
		       const struct trans_addr *from);
void port_uc_parent(struct port *p);		/* after a state decision */
/* A P2P client's peer_address, for its Pdelay_Req; NULL: multicast. */
const struct trans_addr *port_uc_peer(const struct port *p);

#endif
