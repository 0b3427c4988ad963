/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A minimal PTP management client over ptp4l's UNIX socket, as phc2sys
 * uses it (IEEE 1588-2008 15.4/15.5, linuxptp's UDS transport): zero
 * length GETs (PORT_DATA_SET and TIME_PROPERTIES_DATA_SET for -w;
 * DEFAULT_DATA_SET and PORT_PROPERTIES_NP for -a), the SET of
 * SUBSCRIBE_EVENTS_NP, and the PORT_DATA_SET notifications that follow.
 */
#ifndef P2S_PMC_H
#define P2S_PMC_H

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>

#define PMC_PORT_DATA_SET		0x2004
#define PMC_TIME_PROPERTIES_DATA_SET	0x2003
#define PMC_DEFAULT_DATA_SET		0x2000
#define PMC_SUBSCRIBE_EVENTS_NP		0xc003
#define PMC_PORT_PROPERTIES_NP		0xc004

#define PMC_ACTION_GET		0
#define PMC_ACTION_SET		1
#define PMC_ACTION_RESPONSE	2
#define PMC_PORT_ALL		0xffff

/* linuxptp's NOTIFY_PORT_STATE bit and subscription length (phc2sys's) */
#define PMC_NOTIFY_PORT_STATE	0
#define PMC_SUBSCRIBE_DURATION	180

#define PMC_PS_DISABLED	3
#define PMC_PS_PRE_MASTER 5
#define PMC_PS_MASTER	6
#define PMC_PS_UNCALIBRATED 8
#define PMC_PS_SLAVE	9
#define PMC_PTP_TIMESCALE 0x08

/* One received management message. */
struct pmc_msg {
	uint8_t action;			/* PMC_ACTION_* */
	uint16_t seq;
	uint16_t id;			/* managementId (of the error, if error) */
	bool error;			/* MANAGEMENT_ERROR_STATUS */
	uint8_t clock_id[8];		/* sourcePortIdentity */
	uint16_t port;
	const uint8_t *data;		/* the TLV's dataField */
	size_t len;
};

/* Passed every message that no request in progress takes. */
typedef void (*pmc_event_cb)(const struct pmc_msg *m, void *arg);

struct pmc {
	int fd;
	char local[108];
	char server[108];
	uint16_t seq;
	uint8_t domain;
	bool have_clock_id;		/* drop messages from other clocks */
	uint8_t clock_id[8];
	pmc_event_cb event;
	void *event_arg;
};

/* Bind /var/run/phc2sys.<pid> and connect to server; 0 or -errno. */
int pmc_open(struct pmc *p, const char *server, uint8_t domain);
void pmc_close(struct pmc *p);
/* Build a GET of id with sequence id seq into buf (>= 54 bytes); its length. */
size_t pmc_build_get(uint8_t *buf, uint16_t id, uint16_t seq, uint8_t domain,
		     uint16_t port_number);
/*
 * The data of a RESPONSE to a GET of id with sequence seq: its offset in
 * msg and length, or -1 (not a response to that GET, or malformed); -2 for
 * a MANAGEMENT_ERROR_STATUS response to it.
 */
int pmc_response_data(const uint8_t *msg, size_t len, uint16_t id,
		      uint16_t seq, size_t *data_len);
/*
 * Send a GET of id and call cb on the data of each response for timeout_ms
 * (ptp4l answers once per port to a wildcard target); stops early when cb
 * returns non-zero and returns that, 0 on timeout, or -errno.
 */
int pmc_get(struct pmc *p, uint16_t id, int timeout_ms,
	    int (*cb)(const uint8_t *data, size_t len, void *arg), void *arg);
/* Parse a management message with one TLV; 0, or -1 if it is not one. */
int pmc_parse(const uint8_t *msg, size_t len, struct pmc_msg *m);
/* Build a message of action with data (dlen bytes) to target_port. */
size_t pmc_build(uint8_t *buf, size_t size, uint8_t action, uint16_t id,
		 uint16_t seq, uint8_t domain, uint16_t port_number,
		 uint16_t target_port, const void *data, size_t dlen);
/* Send a request without waiting; its sequence id, or -errno. */
int pmc_send(struct pmc *p, uint8_t action, uint16_t id, uint16_t target_port,
	     const void *data, size_t dlen);
/*
 * Send a request and call cb on the data of each response for timeout_ms
 * (stops early when cb returns non-zero and returns that); 0 on timeout,
 * -EBADMSG for a MANAGEMENT_ERROR_STATUS answer, or -errno. Other messages
 * go to the event callback.
 */
int pmc_request(struct pmc *p, uint8_t action, uint16_t id,
		uint16_t target_port, const void *data, size_t dlen,
		int timeout_ms,
		int (*cb)(const uint8_t *data, size_t len, void *arg),
		void *arg);
/* Pass every message already received to the event callback; 0 or -errno. */
int pmc_drain(struct pmc *p);
/* The SUBSCRIBE_EVENTS_NP data for port-state events (66 bytes). */
size_t pmc_subscribe_data(uint8_t *buf, uint16_t duration);
/* "cccccc.fffe.cccccc-N", as linuxptp prints a port identity. */
char *pmc_pid_str(const uint8_t *clock_id, uint16_t port, char *buf,
		  size_t len);
/* 1 when a port is SLAVE (or MASTER, as phc2sys), 0 if not, -errno. */
int pmc_port_synced(struct pmc *p, int timeout_ms);
/* currentUtcOffset if the PTP timescale flag is set, else 0: 1; 0 no answer. */
int pmc_utc_offset(struct pmc *p, int timeout_ms, int *offset);
/* The same from a TIME_PROPERTIES_DATA_SET response's data: 0, -1 if short. */
int pmc_tp_utc_offset(const uint8_t *data, size_t len, int *offset);

#endif
