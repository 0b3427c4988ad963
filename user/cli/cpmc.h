/* SPDX-License-Identifier: GPL-2.0 */
/*
 * "ptpk-cli pmc": linuxptp 3.1.1 pmc's commands and output. The table of
 * management IDs (cpmc_ids.c), the command parser (cpmc_cmd.c), the
 * printer of answers (cpmc_show.c) and the command itself (cpmc.c).
 */
#ifndef PTPK_CLI_CPMC_H
#define PTPK_CLI_CPMC_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "mgmt.h"

/* What pmc does with an ID. */
enum cpmc_kind {
	CPMC_UNSUPPORTED,	/* "sorry, X not supported yet" */
	CPMC_GET_ONLY,
	CPMC_GET_SET,
	CPMC_NULL,		/* NULL_MANAGEMENT: GET only, "still todo" */
};

struct cpmc_id {
	const char *name;
	uint16_t id;
	uint8_t kind;		/* enum cpmc_kind */
	uint8_t get_len;	/* zeroed data pmc sends with a GET */
};

extern const struct cpmc_id cpmc_ids[];
extern const unsigned int cpmc_n_ids;

/* The entry for a managementId, or NULL. */
const struct cpmc_id *cpmc_id_by_value(uint16_t id);

/* The client's state across commands. */
struct cpmc {
	FILE *out;		/* what pmc prints on stdout */
	FILE *err;		/* and on stderr */
	uint16_t seq;		/* of the next request */
	uint8_t domain;
	uint8_t hops;
	uint8_t transport_specific;
	uint16_t src_port;	/* our pid, as pmc */
	uint8_t target_clock[8];
	uint16_t target_port;
	bool zero_gets;		/* -z: GETs without a data field */
	/* the request a command built, sent by the caller */
	uint8_t msg[MGMT_MAX_LEN];
	size_t msg_len;
};

void cpmc_init(struct cpmc *p, FILE *out, FILE *err);
/*
 * Run one pmc command line ("GET DEFAULT_DATA_SET", "SET PRIORITY1 100",
 * "TARGET *", "help"): prints what pmc prints and, if the command sends a
 * request, leaves it in msg/msg_len (0 otherwise) and counts seq up.
 * Returns 0, or -1 for "bad command" (which the caller prints, as pmc).
 */
int cpmc_command(struct cpmc *p, const char *cmd);
/* Print a received message exactly as pmc's pmc_show() does. */
void cpmc_show(FILE *f, const struct mgmt_msg *m);

#endif
