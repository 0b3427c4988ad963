/* SPDX-License-Identifier: GPL-2.0 */
/*
 * PTP management messages (IEEE 1588-2008 15.4/15.5) over a daemon's UNIX
 * socket, as linuxptp 3.1.1's pmc sends and reads them: the message layer
 * (mgmt_msg.c) and the socket (mgmt_uds.c) of "ptpk-cli pmc" and
 * "ptpk-cli status". The data sets themselves are in mgmt_ds.h.
 */
#ifndef PTPK_CLI_MGMT_H
#define PTPK_CLI_MGMT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MGMT_HDR_LEN		48	/* header, target, hops, action */
#define MGMT_MAX_LEN		1500
#define MGMT_MSG_TYPE		0xd
#define MGMT_TLV_MANAGEMENT	0x0001
#define MGMT_TLV_ERROR_STATUS	0x0002
#define MGMT_PORT_ALL		0xffff
#define MGMT_DEFAULT_UDS	"/var/run/ptp4l"

enum mgmt_action {
	MGMT_GET,
	MGMT_SET,
	MGMT_RESPONSE,
	MGMT_COMMAND,
	MGMT_ACKNOWLEDGE,
};

/* A request, as pmc builds it. */
struct mgmt_req {
	uint8_t action;			/* enum mgmt_action */
	uint16_t id;			/* managementId */
	uint16_t seq;
	uint8_t domain;
	uint8_t hops;			/* starting and current boundaryHops */
	uint8_t transport_specific;	/* high nibble of byte 0, 0..15 */
	uint16_t src_port;		/* sourcePortIdentity.portNumber */
	uint8_t target_clock[8];	/* targetPortIdentity */
	uint16_t target_port;
	const void *data;
	size_t dlen;
};

/* A received message, after the checks of mgmt_parse(). */
struct mgmt_msg {
	uint8_t action;			/* actionField, low nibble */
	uint16_t seq;
	uint8_t clock_id[8];		/* sourcePortIdentity */
	uint16_t port;
	unsigned int n_tlvs;
	/* the first TLV (n_tlvs >= 1) */
	uint16_t tlv_type;
	uint16_t tlv_len;		/* its lengthField */
	uint16_t id;			/* managementId (also of an error) */
	uint16_t error;			/* managementErrorId */
	const uint8_t *data;		/* MANAGEMENT: dataField */
	size_t len;
};

/*
 * Build req into buf; returns the length, or 0 if it does not fit. Every
 * byte is set: the message is what pmc 3.1.1 sends, but with the reserved
 * byte of a SET's datum zeroed.
 */
size_t mgmt_build(uint8_t *buf, size_t size, const struct mgmt_req *req);
/*
 * Parse a management message as pmc does: 0, or -EPROTO (not a PTPv2
 * management message) or -EBADMSG (malformed, including a data field of
 * the wrong length for its managementId, see mds_check()).
 */
int mgmt_parse(const uint8_t *buf, size_t len, struct mgmt_msg *m);
/* "GET", "SET", "RESPONSE", "COMMAND", "ACKNOWLEDGE"; NULL otherwise. */
const char *mgmt_action_str(unsigned int action);
/* "cccccc.fffe.cccccc" (buf >= 19) and "...-N" (buf >= 25), as linuxptp. */
char *mgmt_cid_str(const uint8_t *cid, char *buf, size_t len);
char *mgmt_pid_str(const uint8_t *cid, uint16_t port, char *buf, size_t len);
/* Parse "cccccc.fffe.cccccc-N" (hex digits, as linuxptp's str2pid). */
int mgmt_pid_parse(const char *s, uint8_t *cid, uint16_t *port);

/* The client socket. */
struct mgmt_sock {
	int fd;
	char local[108];		/* our bound address, unlinked on close */
	char server[108];
};

/*
 * Bind local (or /var/run/ptpk-cli.<pid> if NULL) and remember server.
 * 0 or -errno.
 */
int mgmt_open(struct mgmt_sock *s, const char *server, const char *local);
void mgmt_close(struct mgmt_sock *s);
/* Send one message; 0 or -errno (-ENOENT/-ECONNREFUSED: no daemon). */
int mgmt_send(struct mgmt_sock *s, const void *buf, size_t len);
/*
 * Wait up to timeout_ms (-1: forever) for a datagram; its length, 0 on
 * timeout, or -errno.
 */
long mgmt_recv(struct mgmt_sock *s, void *buf, size_t size, int timeout_ms);

#endif
