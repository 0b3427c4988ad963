/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Management (IEEE 1588 clause 15, linuxptp's _NP extensions): the
 * engine that answers GET, SET and COMMAND as ptp4l 3.1.1 does, the
 * management UNIX sockets (uds_address, uds_ro_address) and the push
 * notifications of SUBSCRIBE_EVENTS_NP. pm_ds.c encodes the data sets.
 */
#ifndef PTPKD_PM_H
#define PTPKD_PM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ddt.h"
#include "uds.h"

struct clock;
struct port;

/* managementId (15.5.2.3, Table 40) and linuxptp's */
enum {
	MID_NULL_MANAGEMENT = 0x0000,
	MID_CLOCK_DESCRIPTION = 0x0001,
	MID_USER_DESCRIPTION = 0x0002,
	MID_SAVE_IN_NON_VOLATILE_STORAGE = 0x0003,
	MID_RESET_NON_VOLATILE_STORAGE = 0x0004,
	MID_INITIALIZE = 0x0005,
	MID_FAULT_LOG = 0x0006,
	MID_FAULT_LOG_RESET = 0x0007,
	MID_DEFAULT_DATA_SET = 0x2000,
	MID_CURRENT_DATA_SET = 0x2001,
	MID_PARENT_DATA_SET = 0x2002,
	MID_TIME_PROPERTIES_DATA_SET = 0x2003,
	MID_PORT_DATA_SET = 0x2004,
	MID_PRIORITY1 = 0x2005,
	MID_PRIORITY2 = 0x2006,
	MID_DOMAIN = 0x2007,
	MID_SLAVE_ONLY = 0x2008,
	MID_LOG_ANNOUNCE_INTERVAL = 0x2009,
	MID_ANNOUNCE_RECEIPT_TIMEOUT = 0x200A,
	MID_LOG_SYNC_INTERVAL = 0x200B,
	MID_VERSION_NUMBER = 0x200C,
	MID_ENABLE_PORT = 0x200D,
	MID_DISABLE_PORT = 0x200E,
	MID_TIME = 0x200F,
	MID_CLOCK_ACCURACY = 0x2010,
	MID_UTC_PROPERTIES = 0x2011,
	MID_TRACEABILITY_PROPERTIES = 0x2012,
	MID_TIMESCALE_PROPERTIES = 0x2013,
	MID_UNICAST_NEGOTIATION_ENABLE = 0x2014,
	MID_PATH_TRACE_LIST = 0x2015,
	MID_PATH_TRACE_ENABLE = 0x2016,
	MID_GRANDMASTER_CLUSTER_TABLE = 0x2017,
	MID_UNICAST_MASTER_TABLE = 0x2018,
	MID_UNICAST_MASTER_MAX_TABLE_SIZE = 0x2019,
	MID_ACCEPTABLE_MASTER_TABLE = 0x201A,
	MID_ACCEPTABLE_MASTER_TABLE_ENABLED = 0x201B,
	MID_ACCEPTABLE_MASTER_MAX_TABLE_SIZE = 0x201C,
	MID_ALTERNATE_MASTER = 0x201D,
	MID_ALTERNATE_TIME_OFFSET_ENABLE = 0x201E,
	MID_ALTERNATE_TIME_OFFSET_NAME = 0x201F,
	MID_ALTERNATE_TIME_OFFSET_MAX_KEY = 0x2020,
	MID_ALTERNATE_TIME_OFFSET_PROPERTIES = 0x2021,
	MID_TRANSPARENT_CLOCK_DEFAULT_DATA_SET = 0x4000,
	MID_TRANSPARENT_CLOCK_PORT_DATA_SET = 0x4001,
	MID_PRIMARY_DOMAIN = 0x4002,
	MID_DELAY_MECHANISM = 0x6000,
	MID_LOG_MIN_PDELAY_REQ_INTERVAL = 0x6001,
	MID_TIME_STATUS_NP = 0xC000,
	MID_GRANDMASTER_SETTINGS_NP = 0xC001,
	MID_PORT_DATA_SET_NP = 0xC002,
	MID_SUBSCRIBE_EVENTS_NP = 0xC003,
	MID_PORT_PROPERTIES_NP = 0xC004,
	MID_PORT_STATS_NP = 0xC005,
	MID_SYNCHRONIZATION_UNCERTAIN_NP = 0xC006,
};

/* managementErrorId (15.5.4.1.4, Table 72) */
enum {
	MERR_RESPONSE_TOO_BIG = 0x0001,
	MERR_NO_SUCH_ID = 0x0002,
	MERR_WRONG_LENGTH = 0x0003,
	MERR_WRONG_VALUE = 0x0004,
	MERR_NOT_SETABLE = 0x0005,
	MERR_NOT_SUPPORTED = 0x0006,
	MERR_GENERAL_ERROR = 0xFFFE,
};

/* SUBSCRIBE_EVENTS_NP: bit e of the 64-octet bitmask is octet e / 8 */
enum { NOTIFY_PORT_STATE, NOTIFY_TIME_SYNC };
#define PM_EVENT_BITMASK_LEN 64
#define PM_MAX_SUBSCRIBERS 16

/* SYNCHRONIZATION_UNCERTAIN_NP values */
#define SYNC_UNCERTAIN_FALSE	0
#define SYNC_UNCERTAIN_TRUE	1
#define SYNC_UNCERTAIN_DONTCARE	0xff

/* Where a request came from: only the RW socket may SET or COMMAND. */
enum pm_ingress {
	PM_UDS_RW,
	PM_UDS_RO,
	PM_NET,
};

struct pm_subscriber {
	bool used;
	struct uds_addr addr;
	struct PortIdentity target;	/* the subscriber's portIdentity */
	uint16_t seq;
	uint8_t bitmask[PM_EVENT_BITMASK_LEN];
	uint64_t expires;		/* CLOCK_MONOTONIC ns */
};

struct pm_counters {
	uint64_t rx;		/* management messages handled */
	uint64_t malformed;	/* refused by the parser or a length check */
	uint64_t ignored;	/* not for us: target, domain, action */
	uint64_t responses;
	uint64_t errors;	/* MANAGEMENT_ERROR_STATUS sent */
	uint64_t notifications;
	uint64_t forwarded;	/* copies passed on by boundaryHops */
};

struct pm {
	int fd[2];			/* PM_UDS_RW, PM_UDS_RO; -1: closed */
	char path[2][108];
	struct pm_subscriber sub[PM_MAX_SUBSCRIBERS];
	/*
	 * The last sender on the read-write socket: where management
	 * forwarded from the network goes (ptp4l's UDS port answers its
	 * last peer too), so that pmc -u -b 1 sees the other clocks.
	 */
	struct uds_addr last_rw;
	struct pm_counters cnt;
};

/*
 * A port as the data sets see it, filled by port_pm_info(): pure data, so
 * that the encoders can be tested byte by byte.
 */
struct pm_port_info {
	struct PortIdentity pid;
	uint8_t state;			/* enum port_state */
	int8_t log_min_delay_req;
	int64_t peer_delay_ns;
	int8_t log_announce;
	uint8_t announce_timeout;
	int8_t log_sync;
	uint8_t delay_mechanism;	/* 1 E2E, 2 P2P */
	int8_t log_min_pdelay_req;
	uint8_t version;
	uint32_t neighbor_prop_delay_thresh;
	int32_t as_capable;
	uint8_t timestamping;		/* time_stamping, TS_* */
	char ifname[16];
	uint64_t rx[16], tx[16];	/* per messageType */
	uint16_t network_protocol;	/* 1 UDPv4, 2 UDPv6, 3 802.3 */
	uint8_t phys_addr[16];
	uint16_t phys_len;
	uint8_t proto_addr[16];
	uint16_t proto_len;
};

/* The send side of pm_process(): one reply frame. */
typedef void (*pm_send_fn)(void *ctx, const void *buf, size_t len);

void pm_init(struct pm *pm);
/* Open the sockets of uds_address and uds_ro_address: 0 or -1 (logged). */
int pm_open(struct pm *pm, const struct clock *c);
void pm_close(struct pm *pm);
/* Read what the socket of ingress has and answer it. */
void pm_handle(struct clock *c, enum pm_ingress in);

/*
 * Handle one frame. Replies go through send (from may be NULL when the
 * sender cannot subscribe). self is the ingress port's identity, the
 * source of clock-level replies (portNumber 0 on a UNIX socket, as ptp4l).
 * Returns true when a data set changed so that a state decision is due.
 */
bool pm_process(struct clock *c, const void *buf, size_t len,
		enum pm_ingress in, const struct PortIdentity *self,
		const struct uds_addr *from, pm_send_fn send, void *ctx);

/*
 * A management message that came in on a port (port.c's port_rx): answered
 * through send (out of that port, portNumber of p as the source of
 * clock-level replies), and forwarded by boundaryHops as ptp4l does. True
 * when a state decision is due.
 */
bool pm_net_rx(struct clock *c, struct port *p, const void *buf, size_t len,
	       pm_send_fn send, void *ctx);
/*
 * port.c: send a frame built elsewhere (a forwarded management message)
 * out of p's general socket to the default destination.
 */
void port_pm_forward(struct port *p, const void *buf, size_t len);

/* Push notifications to the subscribers; now is CLOCK_MONOTONIC ns. */
void pm_notify_port_state(struct clock *c, struct port *p);
void pm_notify_time_sync(struct clock *c);
/* Drop the expired subscriptions. */
void pm_prune(struct pm *pm, uint64_t now);

/* The data set encoders (pm_ds.c): data length, or -1 for an unknown id. */
int pm_clock_ds(const struct clock *c, uint16_t id, uint8_t *buf, size_t cap);
int pm_port_ds(const struct clock *c, const struct pm_port_info *pi,
	       uint16_t id, uint8_t *buf, size_t cap);
/* The fixed data length of an id, -1 when it varies or is not known. */
int pm_ds_size(uint16_t id);
/* A PTPText (length, text), padded to even if pad: bytes written or -1. */
int pm_put_text(uint8_t *buf, size_t cap, const char *s, bool pad);
const char *pm_id_name(uint16_t id);

#endif
