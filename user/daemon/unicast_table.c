// SPDX-License-Identifier: GPL-2.0
/* Unicast master tables and addresses (see unicast_table.h). */
#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "unicast_table.h"

struct uc_table *uc_tables_add(struct uc_tables *ts)
{
	struct uc_table *t;

	if (ts->n == ts->cap) {
		unsigned int cap = ts->cap ? 2 * ts->cap : 4;

		t = realloc(ts->t, cap * sizeof(*t));
		if (!t)
			return NULL;
		ts->t = t;
		ts->cap = cap;
	}
	t = &ts->t[ts->n++];
	memset(t, 0, sizeof(*t));
	return t;
}

void uc_tables_free(struct uc_tables *ts)
{
	free(ts->t);
	memset(ts, 0, sizeof(*ts));
}

const struct uc_table *uc_tables_find(const struct uc_tables *ts, int id)
{
	unsigned int i;

	for (i = 0; id && i < ts->n; i++)
		if (ts->t[i].id == id)
			return &ts->t[i];
	return NULL;
}

static int errf(char *err, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int errf(char *err, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, len, fmt, ap);
	va_end(ap);
	return -1;
}

static int parse_long(const char *val, const char *key, long lo, long hi,
		      long *out, char *err, size_t len)
{
	char *end;

	errno = 0;
	*out = strtol(val, &end, 0);
	if (end == val || *end)
		return errf(err, len, "'%s' is a malformed value for option '%s'",
			    val, key);
	if (errno || *out < lo || *out > hi)
		return errf(err, len,
			    "'%s' is an out of range value for option '%s'",
			    val, key);
	return 0;
}

int uc_table_line(struct uc_tables *ts, const char *key, const char *val,
		  char *err, size_t len)
{
	struct uc_table *t = &ts->t[ts->n - 1];
	struct trans_addr a;
	int type;
	long l;

	if (!strcmp(key, "table_id")) {
		if (parse_long(val, key, 1, INT32_MAX, &l, err, len))
			return -1;
		if (t->id)
			return errf(err, len, "table_id given twice in one table");
		if (uc_tables_find(ts, (int)l))
			return errf(err, len, "table_id %ld is used twice", l);
		t->id = (int)l;
		return 0;
	}
	if (!strcmp(key, "logQueryInterval")) {
		if (parse_long(val, key, INT8_MIN, INT8_MAX, &l, err, len))
			return -1;
		t->log_query = (int8_t)l;
		return 0;
	}
	if (!strcmp(key, "peer_address")) {
		if (strlen(val) >= UC_ADDR_TEXT)
			return errf(err, len, "peer_address '%s' is too long",
				    val);
		snprintf(t->peer, sizeof(t->peer), "%s", val);
		return 0;
	}
	if (transport_type_parse(key, &type))
		return errf(err, len, "unknown option '%s' in [unicast_master_table]",
			    key);
	if (uc_addr_parse(type, val, 0, &a))
		return errf(err, len, "'%s' is not an %s address", val,
			    type == TRANS_UDP_IPV4 ? "IPv4" :
			    type == TRANS_UDP_IPV6 ? "IPv6" : "L2");
	if (t->n == UC_TABLE_MAX)
		return errf(err, len, "more than %d addresses in one table",
			    UC_TABLE_MAX);
	t->addr[t->n].type = type;
	snprintf(t->addr[t->n].text, UC_ADDR_TEXT, "%s", val);
	t->n++;
	return 0;
}

int uc_addr_parse(int type, const char *text, int ifindex,
		  struct trans_addr *out)
{
	memset(out, 0, sizeof(*out));
	switch (type) {
	case TRANS_UDP_IPV4:
		if (inet_pton(AF_INET, text, &out->sin.sin_addr) != 1)
			return -1;
		out->sin.sin_family = AF_INET;
		out->len = sizeof(out->sin);
		return 0;
	case TRANS_UDP_IPV6:
		if (inet_pton(AF_INET6, text, &out->sin6.sin6_addr) != 1)
			return -1;
		out->sin6.sin6_family = AF_INET6;
		if (IN6_IS_ADDR_LINKLOCAL(&out->sin6.sin6_addr))
			out->sin6.sin6_scope_id = ifindex;
		out->len = sizeof(out->sin6);
		return 0;
	case TRANS_IEEE_802_3:
		if (cfg_parse_octets(text, CFG_MAC, out->sll.sll_addr))
			return -1;
		out->sll.sll_family = AF_PACKET;
		out->sll.sll_ifindex = ifindex;
		out->sll.sll_halen = MAC_LEN;
		out->sll.sll_protocol = htons(ETH_P_1588_PTP);
		out->len = sizeof(out->sll);
		return 0;
	default:
		return -1;
	}
}

bool uc_addr_eq(const struct trans_addr *a, const struct trans_addr *b)
{
	if (!a->len || !b->len || a->sa.sa_family != b->sa.sa_family)
		return false;
	switch (a->sa.sa_family) {
	case AF_INET:
		return a->sin.sin_addr.s_addr == b->sin.sin_addr.s_addr;
	case AF_INET6:
		return !memcmp(&a->sin6.sin6_addr, &b->sin6.sin6_addr,
			       sizeof(a->sin6.sin6_addr));
	case AF_PACKET:
		return !memcmp(a->sll.sll_addr, b->sll.sll_addr, MAC_LEN);
	default:
		return false;
	}
}

char *uc_addr_str(const struct trans_addr *a, char *buf, size_t len)
{
	const uint8_t *m = a->sll.sll_addr;

	buf[0] = '\0';
	switch (a->sa.sa_family) {
	case AF_INET:
		inet_ntop(AF_INET, &a->sin.sin_addr, buf, len);
		break;
	case AF_INET6:
		inet_ntop(AF_INET6, &a->sin6.sin6_addr, buf, len);
		break;
	case AF_PACKET:
		snprintf(buf, len, "%02x:%02x:%02x:%02x:%02x:%02x",
			 m[0], m[1], m[2], m[3], m[4], m[5]);
		break;
	default:
		snprintf(buf, len, "?");
		break;
	}
	return buf;
}
