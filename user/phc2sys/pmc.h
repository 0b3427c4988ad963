/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A minimal PTP management client over ptp4l's UNIX socket, for -w: zero
 * length GETs of PORT_DATA_SET and TIME_PROPERTIES_DATA_SET, as phc2sys
 * sends them (IEEE 1588-2008 15.4/15.5, linuxptp's UDS transport).
 */
#ifndef P2S_PMC_H
#define P2S_PMC_H

#include <stdint.h>
#include <stddef.h>

#define PMC_PORT_DATA_SET		0x2004
#define PMC_TIME_PROPERTIES_DATA_SET	0x2003

#define PMC_PS_MASTER	6
#define PMC_PS_SLAVE	9
#define PMC_PTP_TIMESCALE 0x08

struct pmc {
	int fd;
	char local[108];
	char server[108];
	uint16_t seq;
	uint8_t domain;
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
/* 1 when a port is SLAVE (or MASTER, as phc2sys), 0 if not, -errno. */
int pmc_port_synced(struct pmc *p, int timeout_ms);
/* currentUtcOffset if the PTP timescale flag is set, else 0: 1; 0 no answer. */
int pmc_utc_offset(struct pmc *p, int timeout_ms, int *offset);

#endif
