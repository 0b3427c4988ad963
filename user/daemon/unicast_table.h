/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Unicast master tables: the [unicast_master_table] sections of ptp4l.conf
 * (table_id, logQueryInterval, peer_address and up to UC_TABLE_MAX addresses
 * given as "UDPv4 a.b.c.d", "UDPv6 ::1" or "L2 00:11:22:33:44:55"), and
 * the address helpers the unicast client and service share.
 */
#ifndef PTPKD_UNICAST_TABLE_H
#define PTPKD_UNICAST_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "transport.h"

#define UC_TABLE_MAX	32	/* addresses per table */
#define UC_ADDR_TEXT	48	/* an IPv6 address in text, with the NUL */

struct uc_table_addr {
	int type;			/* TRANS_UDP_IPV4, _IPV6, _IEEE_802_3 */
	char text[UC_ADDR_TEXT];
};

struct uc_table {
	int id;				/* table_id; 0 until given */
	int8_t log_query;		/* logQueryInterval, 2^n s; 0 */
	char peer[UC_ADDR_TEXT];	/* peer_address; "" if none */
	unsigned int n;
	struct uc_table_addr addr[UC_TABLE_MAX];
};

struct uc_tables {
	struct uc_table *t;
	unsigned int n, cap;
};

/* A new, empty table (a section header): NULL without memory. */
struct uc_table *uc_tables_add(struct uc_tables *ts);
void uc_tables_free(struct uc_tables *ts);
const struct uc_table *uc_tables_find(const struct uc_tables *ts, int id);

/*
 * One "key value" line of the last table: 0, or -1 with a message in err
 * (the caller adds file:line).
 */
int uc_table_line(struct uc_tables *ts, const char *key, const char *val,
		  char *err, size_t len);

/*
 * An address in text for a transport: 0 with *out (IPv6 link-local ones
 * and L2 ones on ifindex), or -1 if the text is not one of that transport.
 */
int uc_addr_parse(int type, const char *text, int ifindex,
		  struct trans_addr *out);
/* The same node: IP address or MAC, whatever the UDP port. */
bool uc_addr_eq(const struct trans_addr *a, const struct trans_addr *b);
/* "192.168.1.11", "fe80::1", "00:11:22:33:44:55" */
char *uc_addr_str(const struct trans_addr *a, char *buf, size_t len);

#endif
