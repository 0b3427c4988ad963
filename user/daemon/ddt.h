/* SPDX-License-Identifier: GPL-2.0 */
/*
 * IEEE 1588-2008 derived data types (clause 5.3), in host byte order. The
 * standard's CamelCase names are kept for the types and their fields so they
 * can be looked up in the standard; wire encoding lives in msg.c/tlv.c only.
 */
#ifndef PTPKD_DDT_H
#define PTPKD_DDT_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#define PTP_VERSION 2

typedef int64_t TimeInterval;	/* ns * 2^16, two's complement */

struct ClockIdentity {
	uint8_t id[8];
};

struct PortIdentity {
	struct ClockIdentity clockIdentity;
	uint16_t portNumber;
};

/* seconds is the 48-bit secondsField, held in 64 bits. */
struct Timestamp {
	uint64_t seconds;
	uint32_t nanoseconds;
};

struct ClockQuality {
	uint8_t clockClass;
	uint8_t clockAccuracy;
	uint16_t offsetScaledLogVariance;
};

struct PTPText {
	uint8_t length;
	char text[256];	/* NUL-terminated copy, length bytes used */
};

static inline bool cid_eq(const struct ClockIdentity *a,
			  const struct ClockIdentity *b)
{
	return !memcmp(a->id, b->id, sizeof(a->id));
}

static inline int cid_cmp(const struct ClockIdentity *a,
			  const struct ClockIdentity *b)
{
	return memcmp(a->id, b->id, sizeof(a->id));
}

static inline bool pid_eq(const struct PortIdentity *a,
			  const struct PortIdentity *b)
{
	return cid_eq(&a->clockIdentity, &b->clockIdentity) &&
	       a->portNumber == b->portNumber;
}

/* Order as in 1588 clause 9.3.4: clockIdentity, then portNumber. */
static inline int pid_cmp(const struct PortIdentity *a,
			  const struct PortIdentity *b)
{
	int r = cid_cmp(&a->clockIdentity, &b->clockIdentity);

	if (r)
		return r;
	return (int)a->portNumber - (int)b->portNumber;
}

/* Port states, numbered as portState in the PORT_DATA_SET (8.2.5.3.1). */
enum port_state {
	PS_INITIALIZING = 1,
	PS_FAULTY,
	PS_DISABLED,
	PS_LISTENING,
	PS_PRE_MASTER,
	PS_MASTER,
	PS_PASSIVE,
	PS_UNCALIBRATED,
	PS_SLAVE,
	/* linuxptp extensions for the GRAND_MASTER / CLIENT_ONLY profiles */
	PS_GRAND_MASTER,
};

#endif
