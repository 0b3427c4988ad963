// SPDX-License-Identifier: GPL-2.0
/* The unicast service (see unicast_service.h). */
#include <string.h>

#include "print.h"
#include "timers.h"
#include "unicast_service.h"
#include "unicast_table.h"

/* The first message of a new grant, as ptp4l: 10 ms after it. */
#define FIRST_NS	(10 * 1000 * 1000ULL)

static struct uc_grant *find(struct uc_service *s,
			     const struct trans_addr *from, uint8_t type)
{
	unsigned int i;

	for (i = 0; i < UC_SERVICE_MAX; i++)
		if (s->g[i].used && s->g[i].type == type &&
		    uc_addr_eq(&s->g[i].addr, from))
			return &s->g[i];
	return NULL;
}

int uc_service_request(struct uc_service *s, const struct trans_addr *from,
		       const struct PortIdentity *src,
		       const struct tlv_unicast *req, uint64_t now_ns)
{
	uint64_t until = now_ns + (uint64_t)req->duration * NS_PER_SEC;
	struct uc_grant *g;
	unsigned int i;

	switch (req->message_type) {
	case MSG_ANNOUNCE:
	case MSG_SYNC:
		break;
	case MSG_DELAY_RESP:
	case MSG_PDELAY_RESP:
		return 1;
	default:
		return 0;
	}
	if (req->log_period < LOG_INTERVAL_MIN ||
	    req->log_period > LOG_INTERVAL_MAX || !req->duration)
		return 0;
	g = find(s, from, req->message_type);
	if (g) {
		/* a renewal; a new interval starts a new schedule */
		if (g->log_period != req->log_period) {
			g->log_period = req->log_period;
			g->next_ns = now_ns + FIRST_NS;
		}
		if (until > g->expires_ns)
			g->expires_ns = until;
		g->pid = *src;
		return 1;
	}
	for (i = 0; i < UC_SERVICE_MAX && s->g[i].used; i++)
		;
	if (i == UC_SERVICE_MAX)
		return 0;
	g = &s->g[i];
	g->used = true;
	g->addr = *from;
	g->pid = *src;
	g->type = req->message_type;
	g->log_period = req->log_period;
	g->expires_ns = until;
	g->next_ns = now_ns + FIRST_NS;
	return 1;
}

int uc_service_cancel(struct uc_service *s, const struct trans_addr *from,
		      const struct tlv_unicast *cancel)
{
	struct uc_grant *g;

	if (cancel->flags & UC_CANCEL_MAINTAIN_REQUEST)
		return 0;
	g = find(s, from, cancel->message_type);
	if (!g)
		return 0;
	g->used = false;
	return 1;
}

uint64_t uc_service_next(const struct uc_service *s)
{
	uint64_t next = 0;
	unsigned int i;

	for (i = 0; i < UC_SERVICE_MAX; i++)
		if (s->g[i].used && (!next || s->g[i].next_ns < next))
			next = s->g[i].next_ns;
	return next;
}

uint64_t uc_service_run(struct uc_service *s, uint64_t now_ns, bool send,
			uc_due_fn due, void *ctx)
{
	unsigned int i;

	for (i = 0; i < UC_SERVICE_MAX; i++) {
		struct uc_grant *g = &s->g[i];
		uint64_t period;

		if (!g->used)
			continue;
		if (now_ns > g->expires_ns) {
			pr_debug("unicast %s service expired",
				 msg_type_str(g->type));
			g->used = false;
			continue;
		}
		if (now_ns < g->next_ns)
			continue;
		if (send)
			due(ctx, g);
		/* the next on its grid; skip what a stall made us miss */
		period = tmo_log_ns(1, g->log_period);
		g->next_ns += period;
		if (g->next_ns <= now_ns)
			g->next_ns = now_ns + period;
	}
	return uc_service_next(s);
}

unsigned int uc_service_count(const struct uc_service *s)
{
	unsigned int i, n = 0;

	for (i = 0; i < UC_SERVICE_MAX; i++)
		n += s->g[i].used;
	return n;
}
