/* SPDX-License-Identifier: GPL-2.0 */
/*
 * "ptpk-cli status": the daemon's management data sets (asked over its
 * UNIX socket) and the kernel's servos and sync jobs, in one view.
 * status.c collects, status_print.c prints.
 */
#ifndef PTPK_CLI_STATUS_H
#define PTPK_CLI_STATUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "json.h"
#include "libptpk.h"
#include "mgmt.h"
#include "mgmt_ds.h"

/* Exit codes beyond cli.h's */
#define STATUS_NO_DAEMON	3	/* the kernel part only */
#define STATUS_NO_KERNEL	4	/* the daemon part only */

#define STATUS_MAX_PORTS	64
#define STATUS_TIMEOUT_MS	1000

/* The requests, in the order they are sent; their index is the seq. */
enum status_req {
	SREQ_DEFAULT,
	SREQ_CURRENT,
	SREQ_PARENT,
	SREQ_TIME_STATUS,
	SREQ_PORT,
	SREQ_PORT_PROPS,
	SREQ_N,
};

struct status_port {
	uint16_t number;
	bool have_ds, have_props;
	struct mds_port ds;
	struct mds_port_props props;
};

struct status {
	const char *uds;
	uint8_t domain;
	int error;			/* of the socket, -errno; 0 if none */
	bool answered;			/* anything came back */
	/* per request: answers received, and whether it was refused */
	unsigned int n_answers[SREQ_N];
	bool refused[SREQ_N];
	struct mds_default dflt;
	struct mds_current current;
	struct mds_parent parent;
	struct mds_time_status time_status;
	unsigned int n_ports;		/* sorted by number */
	struct status_port ports[STATUS_MAX_PORTS];
	/* the kernel */
	bool kernel;			/* servos and jobs were read */
	size_t n_servos, n_syncs;
	struct ptpk_servo *servos;
	struct ptpk_sync *syncs;
};

void status_init(struct status *st, const char *uds, uint8_t domain);
void status_free(struct status *st);
/* The managementId of request r. */
uint16_t status_req_id(enum status_req r);
/* Build request r (seq r, wildcard target, no boundary hops) into buf. */
size_t status_build(const struct status *st, enum status_req r, uint8_t *buf,
		    size_t size);
/* Take one received message; ignores what is not an answer to us. */
void status_answer(struct status *st, const struct mgmt_msg *m);
/* All answers are in (ports: as many as DEFAULT_DATA_SET's numberPorts). */
bool status_complete(const struct status *st);
/* Did request r get an answer that was not an error? */
bool status_has(const struct status *st, enum status_req r);
/* Ask the daemon over s; waits up to timeout_ms for the answers. */
void status_query(struct status *st, struct mgmt_sock *s, int timeout_ms);
/* Append servo / sync job copies (for the kernel part); 0 or -ENOMEM. */
int status_add_servo(struct status *st, const struct ptpk_servo *s);
int status_add_sync(struct status *st, const struct ptpk_sync *j);

/* TimeInterval (ns * 2^16) as an exact decimal: "-489", "2549.5". */
char *status_scaled_str(int64_t v, char *buf, size_t len);
void status_print_text(FILE *f, const struct status *st, bool details);
void status_print_json(struct json *j, const struct status *st);

#endif
