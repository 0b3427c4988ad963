// SPDX-License-Identifier: GPL-2.0
/*
 * The management engine on arbitrary frames, as they would come in on the
 * read-write and read-only sockets and from the network. Every reply must
 * parse again, be a management message with one TLV, and the read-only
 * and network paths (pm_net_rx's forwarding included) must never change
 * the clock.
 */
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "config.h"
#include "msg.h"
#include "pm.h"
#include "port.h"
#include "tlv.h"

#define ASSERT(x) do { if (!(x)) abort(); } while (0)

static struct clock c;
static struct ptp_message r;
static unsigned int replies;

static void check_reply(void *ctx, const void *buf, size_t len)
{
	(void)ctx;
	ASSERT(len <= MSG_MAX_LEN);
	ASSERT(!msg_parse(&r, buf, len, NULL));
	ASSERT(r.hdr.messageType == MSG_MANAGEMENT);
	ASSERT(r.n_tlvs == 1);
	ASSERT(r.tlv[0].type == TLV_MANAGEMENT ||
	       r.tlv[0].type == TLV_MANAGEMENT_ERROR_STATUS);
	replies++;
}

static void setup(void)
{
	static const struct ClockIdentity id = {
		{ 0x02, 0x00, 0x00, 0xff, 0xfe, 0x00, 0x00, 0x01 }
	};
	struct config *cfg = config_create(0);
	struct port *p;

	ASSERT(cfg);
	memset(&c, 0, sizeof(c));
	pm_init(&c.pm);
	c.cfg = cfg;
	c.two_step = true;
	c.d0.identity = id;
	c.d0.priority1 = 128;
	c.d0.priority2 = 128;
	c.gm = c.d0;
	c.sync_uncertain = SYNC_UNCERTAIN_DONTCARE;
	p = port_create(&c, cfg, "lo", 1);
	ASSERT(p);
	c.port[c.n_ports++] = p;
	/* a state that forwards management (the sends fail: not opened) */
	port_dispatch(p, EV_INIT_COMPLETE, 0);
	port_dispatch(p, EV_RS_MASTER, 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool ready;
	struct PortIdentity self = { .clockIdentity = c.d0.identity };
	struct uds_addr from = { .len = 20 };
	struct dataset d0;
	bool changed;

	if (!ready) {
		setup();
		ready = true;
	}
	from.sun.sun_family = AF_UNIX;
	memcpy(from.sun.sun_path, "/run/pmc.1", 11);

	d0 = c.d0;
	replies = 0;
	changed = pm_process(&c, data, size, PM_UDS_RO, &self, &from,
			     check_reply, NULL);
	ASSERT(!changed && !memcmp(&d0, &c.d0, sizeof(d0)));
	ASSERT(replies <= c.n_ports + 1);
	changed = pm_process(&c, data, size, PM_NET, &self, NULL,
			     check_reply, NULL);
	ASSERT(!changed && !memcmp(&d0, &c.d0, sizeof(d0)));
	/* as from port_rx, forwarding by boundaryHops included */
	replies = 0;
	changed = pm_net_rx(&c, c.port[0], data, size, check_reply, NULL);
	ASSERT(!changed && !memcmp(&d0, &c.d0, sizeof(d0)));
	ASSERT(replies <= c.n_ports + 1);
	replies = 0;
	pm_process(&c, data, size, PM_UDS_RW, &self, &from, check_reply,
		   NULL);
	ASSERT(replies <= c.n_ports + 1);
	return 0;
}
