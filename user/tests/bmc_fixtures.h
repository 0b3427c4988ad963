/* SPDX-License-Identifier: GPL-2.0 */
/* Identities and data sets for the BMCA tests (test_bmc*.c). */
#ifndef PTPK_BMC_FIXTURES_H
#define PTPK_BMC_FIXTURES_H

#include "bmc.h"

static inline struct ClockIdentity cid(uint8_t n)
{
	struct ClockIdentity c = { { 0x02, 0, 0, 0xff, 0xfe, 0, 0, n } };

	return c;
}

static inline struct PortIdentity pid(uint8_t clock, uint16_t port)
{
	struct PortIdentity p = { .clockIdentity = cid(clock),
				  .portNumber = port };

	return p;
}

/* Grandmaster gm heard from port 1 of clock `from` on our port 1 (0x50). */
static inline struct dataset ds(uint8_t gm, uint8_t from)
{
	struct dataset d = {
		.priority1 = 128,
		.identity = cid(gm),
		.quality = { 248, 0xfe, 0xffff },
		.priority2 = 128,
		.localPriority = 128,
		.stepsRemoved = 0,
		.sender = pid(from, 1),
		.receiver = pid(0x50, 1),
	};

	return d;
}

#endif
