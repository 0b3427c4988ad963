// SPDX-License-Identifier: GPL-2.0
/*
 * PTPv2 message parsing and building against byte-exact frames.
 *
 * The cap_* frames were captured from linuxptp 3.1.1 (ptp4l -S -2, and pmc)
 * running in two network namespaces joined by a veth pair: A is
 * 02:00:00:ff:fe:00:00:0a port 1 (priority1 100, the master), B is
 * 02:00:00:ff:fe:00:00:0b port 1. E2E with default settings, P2P with -P,
 * and gPTP.cfg; cap_mgmt_get came from `pmc -2 -t 3` (transportSpecific 3).
 * The hand_* frames were written from 1588's layouts for what
 * the captures do not cover.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "msg.h"
#include "tests.h"
#include "tlv.h"

/* Announce */
static const uint8_t cap_announce[] = {
	0x0b, 0x02,	/* type, version */
	0x00, 0x40,	/* messageLength */
	0x00, 0x00,	/* domain, minorSdoId */
	0x00, 0x00,	/* flagField */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* correctionField */
	0x00, 0x00, 0x00, 0x00,	/* reserved */
	/* sourcePortIdentity */
	0x02, 0x00, 0x00, 0xff, 0xfe, 0x00, 0x00, 0x0a, 0x00, 0x01,
	0x00, 0x04,	/* sequenceId */
	0x05, 0x01,	/* control, logMessageInterval */
	/* timestamp */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x25,	/* currentUtcOffset */
	0x00,	/* reserved */
	0x64,	/* grandmasterPriority1 */
	0xf8, 0xfe, 0xff, 0xff,	/* grandmasterClockQuality */
	0x80,	/* grandmasterPriority2 */
	/* grandmasterIdentity */
	0x02, 0x00, 0x00, 0xff, 0xfe, 0x00, 0x00, 0x0a,
	0x00, 0x00,	/* stepsRemoved */
	0xa0,	/* timeSource */
};

/* Sync (two-step) */
static const uint8_t cap_sync[] = {
	0x00, 0x02,	/* type, version */
	0x00, 0x2c,	/* messageLength */
	0x00, 0x00,	/* domain, minorSdoId */
	0x02, 0x00,	/* flagField */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* correctionField */
	0x00, 0x00, 0x00, 0x00,	/* reserved */
	/* sourcePortIdentity */
	0x02, 0x00, 0x00, 0xff, 0xfe, 0x00, 0x00, 0x0a, 0x00, 0x01,
	0x00, 0x04,	/* sequenceId */
	0x00, 0x00,	/* control, logMessageInterval */
	/* timestamp */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
};

/* Follow_Up */
static const uint8_t cap_follow_up[] = {
	0x08, 0x02,	/* type, version */
	0x00, 0x2c,	/* messageLength */
	0x00, 0x00,	/* domain, minorSdoId */
	0x00, 0x00,	/* flagField */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* correctionField */
	0x00, 0x00, 0x00, 0x00,	/* reserved */
	/* sourcePortIdentity */
	0x02, 0x00, 0x00, 0xff, 0xfe, 0x00, 0x00, 0x0a, 0x00, 0x01,
	0x00, 0x04,	/* sequenceId */
	0x02, 0x00,	/* control, logMessageInterval */
	/* timestamp */
	0x00, 0x00, 0x6b, 0x02, 0xae, 0xbf, 0x2f, 0x2b, 0xeb, 0xb1,
};

/* Delay_Req */
static const uint8_t cap_delay_req[] = {
	0x01, 0x02,	/* type, version */
	0x00, 0x2c,	/* messageLength */
	0x00, 0x00,	/* domain, minorSdoId */
	0x00, 0x00,	/* flagField */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* correctionField */
	0x00, 0x00, 0x00, 0x00,	/* reserved */
	/* sourcePortIdentity */
	0x02, 0x00, 0x00, 0xff, 0xfe, 0x00, 0x00, 0x0b, 0x00, 0x01,
	0x00, 0x04,	/* sequenceId */
	0x01, 0x7f,	/* control, logMessageInterval */
	/* timestamp */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
};

/* Delay_Resp */
static const uint8_t cap_delay_resp[] = {
	0x09, 0x02,	/* type, version */
	0x00, 0x36,	/* messageLength */
	0x00, 0x00,	/* domain, minorSdoId */
	0x00, 0x00,	/* flagField */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* correctionField */
	0x00, 0x00, 0x00, 0x00,	/* reserved */
	/* sourcePortIdentity */
	0x02, 0x00, 0x00, 0xff, 0xfe, 0x00, 0x00, 0x0a, 0x00, 0x01,
	0x00, 0x04,	/* sequenceId */
	0x03, 0x00,	/* control, logMessageInterval */
	/* timestamp */
	0x00, 0x00, 0x6b, 0x02, 0xae, 0xc2, 0x28, 0x14, 0x85, 0x2e,
	/* requestingPortIdentity */
	0x02, 0x00, 0x00, 0xff, 0xfe, 0x00, 0x00, 0x0b, 0x00, 0x01,
};

/* Pdelay_Req */
static const uint8_t cap_pdelay_req[] = {
	0x02, 0x02,	/* type, version */
	0x00, 0x36,	/* messageLength */
	0x00, 0x00,	/* domain, minorSdoId */
	0x00, 0x00,	/* flagField */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* correctionField */
	0x00, 0x00, 0x00, 0x00,	/* reserved */
	/* sourcePortIdentity */
	0x02, 0x00, 0x00, 0xff, 0xfe, 0x00, 0x00, 0x0a, 0x00, 0x01,
	0x00, 0x04,	/* sequenceId */
	0x05, 0x7f,	/* control, logMessageInterval */
	/* timestamp */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	/* reserved */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
};

/* Pdelay_Resp */
static const uint8_t cap_pdelay_resp[] = {
	0x03, 0x02,	/* type, version */
	0x00, 0x36,	/* messageLength */
	0x00, 0x00,	/* domain, minorSdoId */
	0x02, 0x00,	/* flagField */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* correctionField */
	0x00, 0x00, 0x00, 0x00,	/* reserved */
	/* sourcePortIdentity */
	0x02, 0x00, 0x00, 0xff, 0xfe, 0x00, 0x00, 0x0a, 0x00, 0x01,
	0x00, 0x04,	/* sequenceId */
	0x05, 0x7f,	/* control, logMessageInterval */
	/* timestamp */
	0x00, 0x00, 0x6b, 0x02, 0xae, 0x82, 0x11, 0x21, 0xcb, 0xda,
	/* requestingPortIdentity */
	0x02, 0x00, 0x00, 0xff, 0xfe, 0x00, 0x00, 0x0b, 0x00, 0x01,
};

/* Pdelay_Resp_Follow_Up */
static const uint8_t cap_pdelay_resp_fup[] = {
	0x0a, 0x02,	/* type, version */
	0x00, 0x36,	/* messageLength */
	0x00, 0x00,	/* domain, minorSdoId */
	0x00, 0x00,	/* flagField */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* correctionField */
	0x00, 0x00, 0x00, 0x00,	/* reserved */
	/* sourcePortIdentity */
	0x02, 0x00, 0x00, 0xff, 0xfe, 0x00, 0x00, 0x0a, 0x00, 0x01,
	0x00, 0x04,	/* sequenceId */
	0x05, 0x7f,	/* control, logMessageInterval */
	/* timestamp */
	0x00, 0x00, 0x6b, 0x02, 0xae, 0x82, 0x11, 0x24, 0x53, 0x57,
	/* requestingPortIdentity */
	0x02, 0x00, 0x00, 0xff, 0xfe, 0x00, 0x00, 0x0b, 0x00, 0x01,
};

/* gPTP Follow_Up, follow-up information TLV */
static const uint8_t cap_gptp_follow_up[] = {
	0x18, 0x02,	/* type, version */
	0x00, 0x4c,	/* messageLength */
	0x00, 0x00,	/* domain, minorSdoId */
	0x00, 0x00,	/* flagField */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* correctionField */
	0x00, 0x00, 0x00, 0x00,	/* reserved */
	/* sourcePortIdentity */
	0x02, 0x00, 0x00, 0xff, 0xfe, 0x00, 0x00, 0x0a, 0x00, 0x01,
	0x00, 0x04,	/* sequenceId */
	0x02, 0xfd,	/* control, logMessageInterval */
	/* timestamp */
	0x00, 0x00, 0x6b, 0x02, 0xae, 0x9a, 0x24, 0xda, 0xff, 0x5b,
	0x00, 0x03, 0x00, 0x1c,	/* tlvType, lengthField */
	0x00, 0x80, 0xc2, 0x00, 0x00, 0x01,	/* organizationId, subtype */
	0x00, 0x00, 0x00, 0x00,	/* cumulativeScaledRateOffset */
	0x00, 0x00,	/* gmTimeBaseIndicator */
	/* lastGmPhaseChange */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00,
	0x00, 0x00, 0x00, 0x00,	/* scaledLastGmFreqChange */
};

/* gPTP Announce, PATH_TRACE TLV */
static const uint8_t cap_gptp_announce[] = {
	0x1b, 0x02,	/* type, version */
	0x00, 0x4c,	/* messageLength */
	0x00, 0x00,	/* domain, minorSdoId */
	0x00, 0x00,	/* flagField */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* correctionField */
	0x00, 0x00, 0x00, 0x00,	/* reserved */
	/* sourcePortIdentity */
	0x02, 0x00, 0x00, 0xff, 0xfe, 0x00, 0x00, 0x0a, 0x00, 0x01,
	0x00, 0x04,	/* sequenceId */
	0x05, 0x00,	/* control, logMessageInterval */
	/* timestamp */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x25,	/* currentUtcOffset */
	0x00,	/* reserved */
	0x64,	/* grandmasterPriority1 */
	0xf8, 0xfe, 0xff, 0xff,	/* grandmasterClockQuality */
	0xf8,	/* grandmasterPriority2 */
	/* grandmasterIdentity */
	0x02, 0x00, 0x00, 0xff, 0xfe, 0x00, 0x00, 0x0a,
	0x00, 0x00,	/* stepsRemoved */
	0xa0,	/* timeSource */
	0x00, 0x08, 0x00, 0x08,	/* tlvType, lengthField */
	0x02, 0x00, 0x00, 0xff, 0xfe, 0x00, 0x00, 0x0a,	/* pathSequence */
};

/* pmc: GET DEFAULT_DATA_SET */
static const uint8_t cap_mgmt_get[] = {
	0x3d, 0x02,	/* type, version */
	0x00, 0x4a,	/* messageLength */
	0x00, 0x00,	/* domain, minorSdoId */
	0x00, 0x00,	/* flagField */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* correctionField */
	0x00, 0x00, 0x00, 0x00,	/* reserved */
	/* sourcePortIdentity */
	0x02, 0x00, 0x00, 0xff, 0xfe, 0x00, 0x00, 0x0b, 0x00, 0x01,
	0x00, 0x00,	/* sequenceId */
	0x04, 0x7f,	/* control, logMessageInterval */
	/* targetPortIdentity */
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0x01, 0x01,	/* starting/boundaryHops */
	0x00, 0x00,	/* actionField, reserved */
	0x00, 0x01, 0x00, 0x16,	/* tlvType, lengthField */
	0x20, 0x00,	/* managementId */
	/* dataField */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
};

/* ptp4l: RESPONSE DEFAULT_DATA_SET */
static const uint8_t cap_mgmt_resp[] = {
	0x1d, 0x02,	/* type, version */
	0x00, 0x4a,	/* messageLength */
	0x00, 0x00,	/* domain, minorSdoId */
	0x00, 0x00,	/* flagField */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* correctionField */
	0x00, 0x00, 0x00, 0x00,	/* reserved */
	/* sourcePortIdentity */
	0x02, 0x00, 0x00, 0xff, 0xfe, 0x00, 0x00, 0x0a, 0x00, 0x01,
	0x00, 0x00,	/* sequenceId */
	0x04, 0x7f,	/* control, logMessageInterval */
	/* targetPortIdentity */
	0x02, 0x00, 0x00, 0xff, 0xfe, 0x00, 0x00, 0x0b, 0x00, 0x01,
	0x01, 0x01,	/* starting/boundaryHops */
	0x02, 0x00,	/* actionField, reserved */
	0x00, 0x01, 0x00, 0x16,	/* tlvType, lengthField */
	0x20, 0x00,	/* managementId */
	/* dataField */
	0x01, 0x00, 0x00, 0x01, 0x64, 0xf8, 0xfe, 0xff, 0xff, 0xf8,
	0x02, 0x00, 0x00, 0xff, 0xfe, 0x00, 0x00, 0x0a, 0x00, 0x00,
};

/* Sync by hand: v2.1, unicast, correction -1.5 ns, 48-bit seconds */
static const uint8_t hand_sync[] = {
	0x00, 0x12,	/* type, version */
	0x00, 0x2c,	/* messageLength */
	0x18, 0x00,	/* domain, minorSdoId */
	0x04, 0x08,	/* flagField */
	0xff, 0xff, 0xff, 0xff, 0xff, 0xfe, 0x80, 0x00,	/* correctionField */
	0x00, 0x00, 0x00, 0x00,	/* reserved */
	/* sourcePortIdentity */
	0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x01, 0x02,
	0xbe, 0xef,	/* sequenceId */
	0x00, 0x7f,	/* control, logMessageInterval */
	/* timestamp */
	0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0x3b, 0x9a, 0xc9, 0xff,
};

/* Signaling by hand: a unicast request and an unknown TLV */
static const uint8_t hand_signaling[] = {
	0x0c, 0x02,	/* type, version */
	0x00, 0x3c,	/* messageLength */
	0x00, 0x00,	/* domain, minorSdoId */
	0x04, 0x00,	/* flagField */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* correctionField */
	0x00, 0x00, 0x00, 0x00,	/* reserved */
	/* sourcePortIdentity */
	0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x00, 0x01,
	0x00, 0x07,	/* sequenceId */
	0x05, 0x7f,	/* control, logMessageInterval */
	/* targetPortIdentity */
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0x00, 0x04, 0x00, 0x06,	/* REQUEST_UNICAST_TRANSMISSION */
	0xb0, 0x01, 0x00, 0x00, 0x01, 0x2c,	/* Announce, log period 1, 300 s */
	0x7a, 0xbc, 0x00, 0x02,	/* an unknown TLV */
	0xde, 0xad,	/* its value */
};

/* Management error by hand: RESPONSE, NO_SUCH_ID "bad" */
static const uint8_t hand_mgmt_error[] = {
	0x0d, 0x02,	/* type, version */
	0x00, 0x40,	/* messageLength */
	0x00, 0x00,	/* domain, minorSdoId */
	0x00, 0x00,	/* flagField */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* correctionField */
	0x00, 0x00, 0x00, 0x00,	/* reserved */
	/* sourcePortIdentity */
	0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x00, 0x01,
	0x00, 0x09,	/* sequenceId */
	0x04, 0x7f,	/* control, logMessageInterval */
	/* targetPortIdentity */
	0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff, 0x00, 0x02,
	0x03, 0x00,	/* starting/boundaryHops */
	0x02, 0x00,	/* actionField, reserved */
	0x00, 0x02, 0x00, 0x0c,	/* MANAGEMENT_ERROR_STATUS */
	/* NO_SUCH_ID, DEFAULT_DATA_SET */
	0x00, 0x02, 0x20, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x03, 0x62, 0x61, 0x64,	/* displayData */
};

struct frame {
	const char *name;
	const uint8_t *p;
	size_t len;
};

#define FRAME(x) { #x, x, sizeof(x) }

static const struct frame frames[] = {
	FRAME(cap_announce), FRAME(cap_sync), FRAME(cap_follow_up),
	FRAME(cap_delay_req), FRAME(cap_delay_resp), FRAME(cap_pdelay_req),
	FRAME(cap_pdelay_resp), FRAME(cap_pdelay_resp_fup),
	FRAME(cap_gptp_follow_up), FRAME(cap_gptp_announce),
	FRAME(cap_mgmt_get), FRAME(cap_mgmt_resp), FRAME(hand_sync),
	FRAME(hand_signaling), FRAME(hand_mgmt_error),
};

#define N_FRAMES (sizeof(frames) / sizeof(frames[0]))

static const struct PortIdentity pid_a = {
	{ { 0x02, 0x00, 0x00, 0xff, 0xfe, 0x00, 0x00, 0x0a } }, 1
};
static const struct PortIdentity pid_b = {
	{ { 0x02, 0x00, 0x00, 0xff, 0xfe, 0x00, 0x00, 0x0b } }, 1
};
static const struct PortIdentity pid_hand = {
	{ { 0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77 } }, 1
};

static struct ptp_message msg;	/* large; one at a time is enough */
static uint8_t out[2048];

static int parse_ok(const uint8_t *p, size_t len)
{
	enum msg_error why = MSG_ERR_COUNT;

	if (msg_parse(&msg, p, len, &why))
		FAIL("parse failed: %s", msg_error_str(why));
	CHECK_INT(why, MSG_OK);
	return 0;
}

/* Build m and compare with the frame, octet by octet. */
static int build_eq(const struct ptp_message *m, const uint8_t *p, size_t len)
{
	size_t n;
	unsigned int i;

	memset(out, 0xa5, sizeof(out));
	n = msg_build(m, out, sizeof(out));
	CHECK_INT(n, len);
	for (i = 0; i < len; i++)
		if (out[i] != p[i])
			FAIL("octet %u is 0x%02x, expected 0x%02x", i, out[i],
			     p[i]);
	return 0;
}

static int check_pid(const struct PortIdentity *got,
		     const struct PortIdentity *want)
{
	if (!pid_eq(got, want))
		FAIL("port identity %02x..%02x-%u differs",
		     got->clockIdentity.id[0], got->clockIdentity.id[7],
		     got->portNumber);
	return 0;
}

static int check_hdr(const struct ptp_header *h, unsigned int ts,
		     unsigned int type, unsigned int len, uint16_t flags,
		     const struct PortIdentity *src, unsigned int seq,
		     unsigned int ctl, int lmi)
{
	CHECK_INT(h->transportSpecific, ts);
	CHECK_INT(h->messageType, type);
	CHECK_INT(h->versionPTP, 2);
	CHECK_INT(h->messageLength, len);
	CHECK_INT(h->flagField, flags);
	if (check_pid(&h->sourcePortIdentity, src))
		return 1;
	CHECK_INT(h->sequenceId, seq);
	CHECK_INT(h->controlField, ctl);
	CHECK_INT(h->logMessageInterval, lmi);
	return 0;
}

static void set_hdr(struct ptp_message *m, enum msg_type type,
		    const struct PortIdentity *src, uint16_t seq)
{
	msg_init(m, type);
	m->hdr.sourcePortIdentity = *src;
	m->hdr.sequenceId = seq;
}

static int test_announce(void)
{
	struct msg_announce *a = &msg.announce;

	if (parse_ok(cap_announce, sizeof(cap_announce)) ||
	    check_hdr(&msg.hdr, 0, MSG_ANNOUNCE, 64, 0, &pid_a, 4, 5, 1))
		return 1;
	CHECK_INT(msg.hdr.minorVersionPTP, 0);
	CHECK_INT(msg.hdr.domainNumber, 0);
	CHECK_INT(msg.hdr.minorSdoId, 0);
	CHECK_INT(msg.hdr.correctionField, 0);
	CHECK_INT(a->originTimestamp.seconds, 0);
	CHECK_INT(a->originTimestamp.nanoseconds, 0);
	CHECK_INT(a->currentUtcOffset, 37);
	CHECK_INT(a->grandmasterPriority1, 100);
	CHECK_INT(a->grandmasterClockQuality.clockClass, 248);
	CHECK_INT(a->grandmasterClockQuality.clockAccuracy, 0xfe);
	CHECK_INT(a->grandmasterClockQuality.offsetScaledLogVariance, 0xffff);
	CHECK_INT(a->grandmasterPriority2, 128);
	CHECK(cid_eq(&a->grandmasterIdentity, &pid_a.clockIdentity));
	CHECK_INT(a->stepsRemoved, 0);
	CHECK_INT(a->timeSource, 0xa0);
	CHECK_INT(msg.n_tlvs, 0);

	set_hdr(&msg, MSG_ANNOUNCE, &pid_a, 4);
	msg.hdr.logMessageInterval = 1;
	a->currentUtcOffset = 37;
	a->grandmasterPriority1 = 100;
	a->grandmasterClockQuality.clockClass = 248;
	a->grandmasterClockQuality.clockAccuracy = 0xfe;
	a->grandmasterClockQuality.offsetScaledLogVariance = 0xffff;
	a->grandmasterPriority2 = 128;
	a->grandmasterIdentity = pid_a.clockIdentity;
	a->timeSource = 0xa0;
	return build_eq(&msg, cap_announce, sizeof(cap_announce));
}

static int test_sync(void)
{
	if (parse_ok(cap_sync, sizeof(cap_sync)) ||
	    check_hdr(&msg.hdr, 0, MSG_SYNC, 44, FLAG_TWO_STEP, &pid_a, 4,
		      CTL_SYNC, 0))
		return 1;
	CHECK_INT(msg.sync.timestamp.seconds, 0);
	CHECK_INT(msg.sync.timestamp.nanoseconds, 0);
	CHECK_INT(msg.n_tlvs, 0);

	set_hdr(&msg, MSG_SYNC, &pid_a, 4);
	msg.hdr.flagField = FLAG_TWO_STEP;
	return build_eq(&msg, cap_sync, sizeof(cap_sync));
}

static int test_follow_up(void)
{
	if (parse_ok(cap_follow_up, sizeof(cap_follow_up)) ||
	    check_hdr(&msg.hdr, 0, MSG_FOLLOW_UP, 44, 0, &pid_a, 4,
		      CTL_FOLLOW_UP, 0))
		return 1;
	CHECK_INT(msg.follow_up.timestamp.seconds, 0x6b02aebf);
	CHECK_INT(msg.follow_up.timestamp.nanoseconds, 0x2f2bebb1);

	set_hdr(&msg, MSG_FOLLOW_UP, &pid_a, 4);
	msg.hdr.logMessageInterval = 0;
	msg.follow_up.timestamp.seconds = 0x6b02aebf;
	msg.follow_up.timestamp.nanoseconds = 791407537;
	return build_eq(&msg, cap_follow_up, sizeof(cap_follow_up));
}

static int test_delay_req(void)
{
	if (parse_ok(cap_delay_req, sizeof(cap_delay_req)) ||
	    check_hdr(&msg.hdr, 0, MSG_DELAY_REQ, 44, 0, &pid_b, 4,
		      CTL_DELAY_REQ, 0x7f))
		return 1;
	CHECK_INT(msg.delay_req.timestamp.seconds, 0);

	/* msg_init's defaults are exactly what ptp4l sends */
	set_hdr(&msg, MSG_DELAY_REQ, &pid_b, 4);
	return build_eq(&msg, cap_delay_req, sizeof(cap_delay_req));
}

static int test_delay_resp(void)
{
	if (parse_ok(cap_delay_resp, sizeof(cap_delay_resp)) ||
	    check_hdr(&msg.hdr, 0, MSG_DELAY_RESP, 54, 0, &pid_a, 4,
		      CTL_DELAY_RESP, 0))
		return 1;
	CHECK_INT(msg.delay_resp.timestamp.seconds, 0x6b02aec2);
	CHECK_INT(msg.delay_resp.timestamp.nanoseconds, 0x2814852e);
	if (check_pid(&msg.delay_resp.requestingPortIdentity, &pid_b))
		return 1;

	set_hdr(&msg, MSG_DELAY_RESP, &pid_a, 4);
	msg.delay_resp.timestamp.seconds = 0x6b02aec2;
	msg.delay_resp.timestamp.nanoseconds = 0x2814852e;
	msg.delay_resp.requestingPortIdentity = pid_b;
	return build_eq(&msg, cap_delay_resp, sizeof(cap_delay_resp));
}

static int test_pdelay_req(void)
{
	if (parse_ok(cap_pdelay_req, sizeof(cap_pdelay_req)) ||
	    check_hdr(&msg.hdr, 0, MSG_PDELAY_REQ, 54, 0, &pid_a, 4,
		      CTL_OTHER, 0x7f))
		return 1;
	CHECK_INT(msg.pdelay_req.timestamp.seconds, 0);
	CHECK_INT(msg.pdelay_req.timestamp.nanoseconds, 0);

	set_hdr(&msg, MSG_PDELAY_REQ, &pid_a, 4);
	return build_eq(&msg, cap_pdelay_req, sizeof(cap_pdelay_req));
}

static int test_pdelay_resp(void)
{
	if (parse_ok(cap_pdelay_resp, sizeof(cap_pdelay_resp)) ||
	    check_hdr(&msg.hdr, 0, MSG_PDELAY_RESP, 54, FLAG_TWO_STEP,
		      &pid_a, 4, CTL_OTHER, 0x7f))
		return 1;
	CHECK_INT(msg.pdelay_resp.timestamp.seconds, 0x6b02ae82);
	CHECK_INT(msg.pdelay_resp.timestamp.nanoseconds, 0x1121cbda);
	if (check_pid(&msg.pdelay_resp.requestingPortIdentity, &pid_b))
		return 1;

	set_hdr(&msg, MSG_PDELAY_RESP, &pid_a, 4);
	msg.hdr.flagField = FLAG_TWO_STEP;
	msg.pdelay_resp.timestamp.seconds = 0x6b02ae82;
	msg.pdelay_resp.timestamp.nanoseconds = 0x1121cbda;
	msg.pdelay_resp.requestingPortIdentity = pid_b;
	return build_eq(&msg, cap_pdelay_resp, sizeof(cap_pdelay_resp));
}

static int test_pdelay_resp_fup(void)
{
	if (parse_ok(cap_pdelay_resp_fup, sizeof(cap_pdelay_resp_fup)) ||
	    check_hdr(&msg.hdr, 0, MSG_PDELAY_RESP_FUP, 54, 0, &pid_a, 4,
		      CTL_OTHER, 0x7f))
		return 1;
	CHECK_INT(msg.pdelay_resp_fup.timestamp.seconds, 0x6b02ae82);
	CHECK_INT(msg.pdelay_resp_fup.timestamp.nanoseconds, 0x11245357);
	if (check_pid(&msg.pdelay_resp_fup.requestingPortIdentity, &pid_b))
		return 1;

	set_hdr(&msg, MSG_PDELAY_RESP_FUP, &pid_a, 4);
	msg.pdelay_resp_fup.timestamp.seconds = 0x6b02ae82;
	msg.pdelay_resp_fup.timestamp.nanoseconds = 0x11245357;
	msg.pdelay_resp_fup.requestingPortIdentity = pid_b;
	return build_eq(&msg, cap_pdelay_resp_fup,
			sizeof(cap_pdelay_resp_fup));
}

static int test_gptp_follow_up(void)
{
	struct tlv_fup_info fi;
	uint8_t val[TLV_FUP_INFO_LEN];

	if (parse_ok(cap_gptp_follow_up, sizeof(cap_gptp_follow_up)) ||
	    check_hdr(&msg.hdr, 1, MSG_FOLLOW_UP, 76, 0, &pid_a, 4,
		      CTL_FOLLOW_UP, -3))
		return 1;
	CHECK_INT(msg.follow_up.timestamp.seconds, 0x6b02ae9a);
	CHECK_INT(msg.follow_up.timestamp.nanoseconds, 0x24daff5b);
	CHECK_INT(msg.n_tlvs, 1);
	CHECK_INT(msg.tlv[0].type, TLV_ORGANIZATION_EXTENSION);
	CHECK_INT(msg.tlv[0].length, 28);
	CHECK_INT(msg.tlv[0].offset, 44);
	CHECK(msg.tlv[0].value == cap_gptp_follow_up + 48);
	memset(&fi, 0x5a, sizeof(fi));
	CHECK_INT(tlv_fup_info_decode(&msg.tlv[0], &fi), 0);
	CHECK_INT(fi.cumulativeScaledRateOffset, 0);
	CHECK_INT(fi.gmTimeBaseIndicator, 0);
	CHECK_INT(fi.lastGmPhaseChange.nanoseconds_msb, 0);
	CHECK_INT(fi.lastGmPhaseChange.nanoseconds_lsb, 0);
	CHECK_INT(fi.lastGmPhaseChange.fractional_nanoseconds, 0);
	CHECK_INT(fi.scaledLastGmFreqChange, 0);

	set_hdr(&msg, MSG_FOLLOW_UP, &pid_a, 4);
	msg.hdr.transportSpecific = 1;
	msg.hdr.logMessageInterval = -3;
	msg.follow_up.timestamp.seconds = 0x6b02ae9a;
	msg.follow_up.timestamp.nanoseconds = 0x24daff5b;
	memset(&fi, 0, sizeof(fi));
	CHECK_INT(tlv_fup_info_encode(val, sizeof(val), &fi), 28);
	CHECK_INT(msg_add_tlv(&msg, TLV_ORGANIZATION_EXTENSION, val, 28), 0);
	return build_eq(&msg, cap_gptp_follow_up, sizeof(cap_gptp_follow_up));
}

static int test_gptp_announce(void)
{
	struct msg_announce *a = &msg.announce;
	static struct tlv_path_trace pt;
	uint8_t val[8];

	if (parse_ok(cap_gptp_announce, sizeof(cap_gptp_announce)) ||
	    check_hdr(&msg.hdr, 1, MSG_ANNOUNCE, 76, 0, &pid_a, 4,
		      CTL_OTHER, 0))
		return 1;
	CHECK_INT(a->currentUtcOffset, 37);
	CHECK_INT(a->grandmasterPriority1, 100);
	CHECK_INT(a->grandmasterClockQuality.clockClass, 248);
	CHECK_INT(a->grandmasterClockQuality.clockAccuracy, 0xfe);
	CHECK_INT(a->grandmasterClockQuality.offsetScaledLogVariance, 0xffff);
	CHECK_INT(a->grandmasterPriority2, 248);
	CHECK(cid_eq(&a->grandmasterIdentity, &pid_a.clockIdentity));
	CHECK_INT(a->stepsRemoved, 0);
	CHECK_INT(a->timeSource, 0xa0);
	CHECK_INT(msg.n_tlvs, 1);
	CHECK_INT(msg.tlv[0].type, TLV_PATH_TRACE);
	CHECK_INT(msg.tlv[0].length, 8);
	CHECK_INT(tlv_path_trace_decode(&msg.tlv[0], &pt), 0);
	CHECK_INT(pt.count, 1);
	CHECK(cid_eq(&pt.id[0], &pid_a.clockIdentity));

	set_hdr(&msg, MSG_ANNOUNCE, &pid_a, 4);
	msg.hdr.transportSpecific = 1;
	a->currentUtcOffset = 37;
	a->grandmasterPriority1 = 100;
	a->grandmasterClockQuality.clockClass = 248;
	a->grandmasterClockQuality.clockAccuracy = 0xfe;
	a->grandmasterClockQuality.offsetScaledLogVariance = 0xffff;
	a->grandmasterPriority2 = 248;
	a->grandmasterIdentity = pid_a.clockIdentity;
	a->timeSource = 0xa0;
	CHECK_INT(tlv_path_trace_encode(val, sizeof(val), &pt), 8);
	CHECK_INT(msg_add_tlv(&msg, TLV_PATH_TRACE, val, 8), 0);
	return build_eq(&msg, cap_gptp_announce, sizeof(cap_gptp_announce));
}

static const struct PortIdentity pid_all = {
	{ { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff } }, 0xffff
};

static int test_mgmt_get(void)
{
	struct msg_management *mg = &msg.management;
	static const uint8_t zero[20];
	struct tlv_mgmt t;
	uint8_t val[22];

	if (parse_ok(cap_mgmt_get, sizeof(cap_mgmt_get)) ||
	    check_hdr(&msg.hdr, 3, MSG_MANAGEMENT, 74, 0, &pid_b, 0,
		      CTL_MANAGEMENT, 0x7f))
		return 1;
	if (check_pid(&mg->targetPortIdentity, &pid_all))
		return 1;
	CHECK_INT(mg->startingBoundaryHops, 1);
	CHECK_INT(mg->boundaryHops, 1);
	CHECK_INT(mg->actionField, MGMT_GET);
	CHECK_INT(msg.n_tlvs, 1);
	CHECK_INT(tlv_mgmt_decode(&msg.tlv[0], &t), 0);
	CHECK_INT(t.managementId, 0x2000);
	CHECK_INT(t.data_len, 20);
	CHECK(!memcmp(t.data, zero, 20));

	set_hdr(&msg, MSG_MANAGEMENT, &pid_b, 0);
	msg.hdr.transportSpecific = 3;
	mg->targetPortIdentity = pid_all;
	mg->startingBoundaryHops = 1;
	mg->boundaryHops = 1;
	mg->actionField = MGMT_GET;
	t.data = zero;
	CHECK_INT(tlv_mgmt_encode(val, sizeof(val), &t), 22);
	CHECK_INT(msg_add_tlv(&msg, TLV_MANAGEMENT, val, 22), 0);
	return build_eq(&msg, cap_mgmt_get, sizeof(cap_mgmt_get));
}

static int test_mgmt_resp(void)
{
	struct msg_management *mg = &msg.management;
	struct tlv_mgmt t;

	if (parse_ok(cap_mgmt_resp, sizeof(cap_mgmt_resp)) ||
	    check_hdr(&msg.hdr, 1, MSG_MANAGEMENT, 74, 0, &pid_a, 0,
		      CTL_MANAGEMENT, 0x7f))
		return 1;
	if (check_pid(&mg->targetPortIdentity, &pid_b))
		return 1;
	CHECK_INT(mg->startingBoundaryHops, 1);
	CHECK_INT(mg->boundaryHops, 1);
	CHECK_INT(mg->actionField, MGMT_RESPONSE);
	CHECK_INT(msg.n_tlvs, 1);
	CHECK_INT(msg.tlv[0].offset, 48);
	CHECK_INT(tlv_mgmt_decode(&msg.tlv[0], &t), 0);
	CHECK_INT(t.managementId, 0x2000);
	CHECK_INT(t.data_len, 20);
	CHECK(t.data == cap_mgmt_resp + 54);
	/* DEFAULT_DATA_SET: flags (twoStep), reserved, numberPorts 1, ... */
	CHECK_INT(t.data[0], 0x01);
	CHECK_INT(t.data[3], 0x01);
	CHECK_INT(t.data[4], 100);
	return 0;
}

static int test_hand_sync(void)
{
	struct PortIdentity src = pid_hand;

	src.portNumber = 0x0102;
	if (parse_ok(hand_sync, sizeof(hand_sync)) ||
	    check_hdr(&msg.hdr, 0, MSG_SYNC, 44,
		      FLAG_UNICAST | FLAG_PTP_TIMESCALE, &src, 0xbeef,
		      CTL_SYNC, 0x7f))
		return 1;
	CHECK_INT(msg.hdr.minorVersionPTP, 1);
	CHECK_INT(msg.hdr.domainNumber, 24);
	CHECK_INT(msg.hdr.correctionField, -98304);
	CHECK_INT(scaled_to_ns(msg.hdr.correctionField), -1);
	CHECK_INT(msg.sync.timestamp.seconds, 0x123456789abcULL);
	CHECK_INT(msg.sync.timestamp.nanoseconds, 999999999);

	set_hdr(&msg, MSG_SYNC, &src, 0xbeef);
	msg.hdr.minorVersionPTP = 1;
	msg.hdr.domainNumber = 24;
	msg.hdr.flagField = FLAG_UNICAST | FLAG_PTP_TIMESCALE;
	msg.hdr.correctionField = -98304;
	msg.hdr.logMessageInterval = LOG_INTERVAL_NONE;
	msg.sync.timestamp.seconds = 0x123456789abcULL;
	msg.sync.timestamp.nanoseconds = 999999999;
	return build_eq(&msg, hand_sync, sizeof(hand_sync));
}

static int test_hand_signaling(void)
{
	static const uint8_t req[6] = { 0xb0, 0x01, 0x00, 0x00, 0x01, 0x2c };
	static const uint8_t unknown[2] = { 0xde, 0xad };

	if (parse_ok(hand_signaling, sizeof(hand_signaling)) ||
	    check_hdr(&msg.hdr, 0, MSG_SIGNALING, 60, FLAG_UNICAST,
		      &pid_hand, 7, CTL_OTHER, 0x7f))
		return 1;
	if (check_pid(&msg.signaling.targetPortIdentity, &pid_all))
		return 1;
	CHECK_INT(msg.n_tlvs, 2);
	CHECK_INT(msg.tlv[0].type, TLV_REQUEST_UNICAST_TRANSMISSION);
	CHECK_INT(msg.tlv[0].length, 6);
	CHECK_INT(msg.tlv[0].offset, 44);
	CHECK(!memcmp(msg.tlv[0].value, req, 6));
	/* kept with its type, for the caller to ignore */
	CHECK_INT(msg.tlv[1].type, 0x7abc);
	CHECK_INT(msg.tlv[1].length, 2);
	CHECK_INT(msg.tlv[1].offset, 54);
	CHECK(!memcmp(msg.tlv[1].value, unknown, 2));

	set_hdr(&msg, MSG_SIGNALING, &pid_hand, 7);
	msg.hdr.flagField = FLAG_UNICAST;
	msg.signaling.targetPortIdentity = pid_all;
	CHECK_INT(msg_add_tlv(&msg, TLV_REQUEST_UNICAST_TRANSMISSION, req, 6),
		  0);
	CHECK_INT(msg_add_tlv(&msg, 0x7abc, unknown, 2), 0);
	return build_eq(&msg, hand_signaling, sizeof(hand_signaling));
}

static int test_hand_mgmt_error(void)
{
	static const struct PortIdentity target = {
		{ { 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff } }, 2
	};
	struct msg_management *mg = &msg.management;
	static struct tlv_mgmt_error e;
	uint8_t val[16];

	if (parse_ok(hand_mgmt_error, sizeof(hand_mgmt_error)) ||
	    check_hdr(&msg.hdr, 0, MSG_MANAGEMENT, 64, 0, &pid_hand, 9,
		      CTL_MANAGEMENT, 0x7f))
		return 1;
	if (check_pid(&mg->targetPortIdentity, &target))
		return 1;
	CHECK_INT(mg->startingBoundaryHops, 3);
	CHECK_INT(mg->boundaryHops, 0);
	CHECK_INT(mg->actionField, MGMT_RESPONSE);
	CHECK_INT(msg.n_tlvs, 1);
	CHECK_INT(tlv_mgmt_error_decode(&msg.tlv[0], &e), 0);
	CHECK_INT(e.managementErrorId, 2);
	CHECK_INT(e.managementId, 0x2000);
	CHECK_INT(e.displayData.length, 3);
	CHECK_STR(e.displayData.text, "bad");

	set_hdr(&msg, MSG_MANAGEMENT, &pid_hand, 9);
	mg->targetPortIdentity = target;
	mg->startingBoundaryHops = 3;
	mg->actionField = MGMT_RESPONSE;
	CHECK_INT(tlv_mgmt_error_encode(val, sizeof(val), &e), 12);
	CHECK_INT(msg_add_tlv(&msg, TLV_MANAGEMENT_ERROR_STATUS, val, 12), 0);
	return build_eq(&msg, hand_mgmt_error, sizeof(hand_mgmt_error));
}

/* parse then build gives back every frame, and so does a second pass */
static int test_round_trip(void)
{
	static uint8_t again[2048];
	unsigned int i;
	size_t n;

	for (i = 0; i < N_FRAMES; i++) {
		const struct frame *f = &frames[i];

		if (parse_ok(f->p, f->len))
			FAIL("%s", f->name);
		n = msg_build(&msg, out, sizeof(out));
		if (n != f->len || memcmp(out, f->p, n))
			FAIL("%s: built %zu octets, differ", f->name, n);
		/* msg's TLVs point into f->p; rebuild from out */
		if (parse_ok(out, n))
			FAIL("%s: second parse", f->name);
		if (msg_build(&msg, again, sizeof(again)) != n ||
		    memcmp(again, f->p, n))
			FAIL("%s: second build differs", f->name);
	}
	return 0;
}

/* Ethernet pads short frames; what follows messageLength is not ours. */
static int test_padding_ignored(void)
{
	uint8_t buf[64];

	memset(buf, 0xee, sizeof(buf));
	/* a Sync of 44 octets in a 60-octet payload */
	memcpy(buf, cap_sync, sizeof(cap_sync));
	if (parse_ok(buf, 60))
		return 1;
	CHECK_INT(msg.hdr.messageLength, 44);
	CHECK_INT(msg.n_tlvs, 0);
	return 0;
}

static int test_minor_version(void)
{
	uint8_t buf[sizeof(cap_sync)];

	memcpy(buf, cap_sync, sizeof(buf));
	buf[1] = 0x12;
	if (parse_ok(buf, sizeof(buf)))
		return 1;
	CHECK_INT(msg.hdr.minorVersionPTP, 1);
	CHECK_INT(msg.hdr.versionPTP, 2);
	buf[1] = 0xf2;
	if (parse_ok(buf, sizeof(buf)))
		return 1;
	CHECK_INT(msg.hdr.minorVersionPTP, 15);
	return 0;
}

/* One test per error reason: copy a good frame, break one thing. */
static uint8_t bad[256];

static int parse_err(size_t len, enum msg_error want)
{
	enum msg_error why = MSG_OK;

	if (!msg_parse(&msg, bad, len, &why))
		FAIL("parsed, expected \"%s\"", msg_error_str(want));
	if (why != want)
		FAIL("got \"%s\", expected \"%s\"", msg_error_str(why),
		     msg_error_str(want));
	/* why is optional */
	CHECK_INT(msg_parse(&msg, bad, len, NULL), -1);
	return 0;
}

#define BAD(frame) memcpy(bad, frame, sizeof(frame))

static int test_err_short(void)
{
	enum msg_error why = MSG_OK;

	BAD(cap_sync);
	if (parse_err(33, MSG_ERR_SHORT) || parse_err(0, MSG_ERR_SHORT))
		return 1;
	CHECK_INT(msg_parse(&msg, NULL, 0, &why), -1);
	CHECK_INT(why, MSG_ERR_SHORT);
	return 0;
}

static int test_err_version(void)
{
	static const uint8_t v[] = { 0x00, 0x01, 0x03, 0x13, 0xf1, 0x0f };
	unsigned int i;

	BAD(cap_sync);
	for (i = 0; i < sizeof(v); i++) {
		bad[1] = v[i];
		if (parse_err(sizeof(cap_sync), MSG_ERR_VERSION))
			FAIL("versionPTP octet 0x%02x", v[i]);
	}
	return 0;
}

static int test_err_type(void)
{
	static const uint8_t t[] = { 0x4, 0x5, 0x6, 0x7, 0xe, 0xf };
	unsigned int i;

	BAD(cap_delay_resp);
	for (i = 0; i < sizeof(t); i++) {
		bad[0] = t[i];
		if (parse_err(sizeof(cap_delay_resp), MSG_ERR_TYPE))
			FAIL("messageType 0x%x", t[i]);
	}
	return 0;
}

static int test_err_length(void)
{
	BAD(cap_sync);
	bad[3] = 45;
	if (parse_err(44, MSG_ERR_LENGTH))
		return 1;
	bad[2] = 0xff;
	bad[3] = 0xff;
	return parse_err(sizeof(bad), MSG_ERR_LENGTH);
}

static int test_err_too_short(void)
{
	BAD(cap_delay_resp);
	bad[3] = 44;	/* a Sync's length for a Delay_Resp */
	if (parse_err(sizeof(cap_delay_resp), MSG_ERR_TOO_SHORT))
		return 1;
	BAD(cap_announce);
	bad[3] = 63;
	if (parse_err(sizeof(cap_announce), MSG_ERR_TOO_SHORT))
		return 1;
	BAD(cap_mgmt_get);
	bad[3] = 47;
	if (parse_err(sizeof(cap_mgmt_get), MSG_ERR_TOO_SHORT))
		return 1;
	BAD(cap_sync);
	bad[3] = 0;
	return parse_err(sizeof(cap_sync), MSG_ERR_TOO_SHORT);
}

static int test_err_tlv_overrun(void)
{
	/* the follow-up TLV claims 30 octets where 28 are left */
	BAD(cap_gptp_follow_up);
	bad[47] = 30;
	if (parse_err(sizeof(cap_gptp_follow_up), MSG_ERR_TLV_OVERRUN))
		return 1;
	/* 0xfffe: the sum must not wrap */
	bad[46] = 0xff;
	bad[47] = 0xfe;
	if (parse_err(sizeof(cap_gptp_follow_up), MSG_ERR_TLV_OVERRUN))
		return 1;
	/* messageLength cuts the TLV header itself */
	BAD(cap_gptp_follow_up);
	bad[3] = 46;
	if (parse_err(sizeof(cap_gptp_follow_up), MSG_ERR_TLV_OVERRUN))
		return 1;
	/* or its value, even though the buffer holds it */
	bad[3] = 74;
	return parse_err(sizeof(cap_gptp_follow_up), MSG_ERR_TLV_OVERRUN);
}

static int test_err_tlv_odd(void)
{
	BAD(hand_signaling);
	bad[57] = 1;	/* the unknown TLV's lengthField */
	if (parse_err(sizeof(hand_signaling), MSG_ERR_TLV_ODD))
		return 1;
	BAD(hand_signaling);
	bad[47] = 5;	/* the unicast request, not last */
	return parse_err(sizeof(hand_signaling), MSG_ERR_TLV_ODD);
}

static int test_err_tlv_count(void)
{
	size_t len = 44 + 4 * (MSG_MAX_TLVS + 1);

	memset(bad, 0, sizeof(bad));
	memcpy(bad, hand_signaling, 44);
	/* MSG_MAX_TLVS empty TLVs are fine... */
	bad[2] = (len - 4) >> 8;
	bad[3] = len - 4;
	if (parse_ok(bad, len - 4))
		return 1;
	CHECK_INT(msg.n_tlvs, MSG_MAX_TLVS);
	CHECK_INT(msg.tlv[MSG_MAX_TLVS - 1].offset, len - 8);
	/* ...one more is not */
	bad[2] = len >> 8;
	bad[3] = len;
	return parse_err(len, MSG_ERR_TLV_COUNT);
}

static int test_err_interval(void)
{
	static const int8_t refused[] = { -8, 9, 0x7e, -128 };
	static const int8_t taken[] = { -7, 8, 0, 0x7f };
	unsigned int i;

	BAD(cap_sync);
	for (i = 0; i < sizeof(refused); i++) {
		bad[33] = (uint8_t)refused[i];
		if (parse_err(44, MSG_ERR_INTERVAL))
			FAIL("logMessageInterval %d", refused[i]);
	}
	for (i = 0; i < sizeof(taken); i++) {
		bad[33] = (uint8_t)taken[i];
		if (parse_ok(bad, 44))
			FAIL("logMessageInterval %d", taken[i]);
	}
	/* an Announce always has an interval */
	BAD(cap_announce);
	bad[33] = 0x7f;
	if (parse_err(sizeof(cap_announce), MSG_ERR_INTERVAL))
		return 1;
	/* 802.1AS Pdelay_Req carries one; 1588's carries 0x7F */
	BAD(cap_pdelay_req);
	bad[33] = 0;
	return parse_ok(bad, sizeof(cap_pdelay_req));
}

static int test_error_strings(void)
{
	unsigned int i, j;

	for (i = 0; i < MSG_ERR_COUNT; i++) {
		const char *s = msg_error_str(i);

		CHECK(s && *s);
		for (j = 0; j < i; j++)
			CHECK(strcmp(s, msg_error_str(j)));
	}
	CHECK_STR(msg_error_str(MSG_ERR_TLV_ODD), "TLV with an odd length");
	CHECK_STR(msg_error_str(MSG_ERR_COUNT), "unknown error");
	CHECK_STR(msg_error_str((enum msg_error)-1), "unknown error");
	CHECK_STR(msg_type_str(MSG_PDELAY_RESP_FUP), "PDELAY_RESP_FOLLOW_UP");
	CHECK_STR(msg_type_str(4), "reserved");
	CHECK_STR(msg_type_str(99), "reserved");
	return 0;
}

static int test_counters(void)
{
	struct msg_counters c;
	enum msg_error why;
	unsigned int i;

	memset(&c, 0, sizeof(c));
	for (i = 0; i < N_FRAMES; i++) {
		if (msg_parse(&msg, frames[i].p, frames[i].len, &why))
			msg_count_error(&c, why);
		else
			msg_count_rx(&c, &msg);
	}
	if (msg_parse(&msg, cap_sync, 20, &why))
		msg_count_error(&c, why);
	msg_count_error(&c, MSG_ERR_COUNT);	/* ignored */
	CHECK_INT(c.rx[MSG_SYNC], 2);
	CHECK_INT(c.rx[MSG_FOLLOW_UP], 2);
	CHECK_INT(c.rx[MSG_ANNOUNCE], 2);
	CHECK_INT(c.rx[MSG_MANAGEMENT], 3);
	CHECK_INT(c.rx[MSG_SIGNALING], 1);
	CHECK_INT(c.rx[MSG_DELAY_REQ], 1);
	CHECK_INT(c.rx[MSG_PDELAY_RESP_FUP], 1);
	CHECK_INT(c.err[MSG_ERR_SHORT], 1);
	for (i = MSG_ERR_SHORT + 1; i < MSG_ERR_COUNT; i++)
		CHECK_INT(c.err[i], 0);
	return 0;
}

static int test_init(void)
{
	static const struct {
		enum msg_type type;
		int ctl, lmi, body;
	} t[] = {
		{ MSG_SYNC, 0, 0, 10 },
		{ MSG_DELAY_REQ, 1, 0x7f, 10 },
		{ MSG_PDELAY_REQ, 5, 0x7f, 20 },
		{ MSG_PDELAY_RESP, 5, 0x7f, 20 },
		{ MSG_FOLLOW_UP, 2, 0, 10 },
		{ MSG_DELAY_RESP, 3, 0, 20 },
		{ MSG_PDELAY_RESP_FUP, 5, 0x7f, 20 },
		{ MSG_ANNOUNCE, 5, 0, 30 },
		{ MSG_SIGNALING, 5, 0x7f, 10 },
		{ MSG_MANAGEMENT, 4, 0x7f, 14 },
	};
	unsigned int i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		msg_init(&msg, t[i].type);
		CHECK_INT(msg.hdr.messageType, t[i].type);
		CHECK_INT(msg.hdr.versionPTP, 2);
		CHECK_INT(msg.hdr.controlField, t[i].ctl);
		CHECK_INT(msg.hdr.logMessageInterval, t[i].lmi);
		CHECK_INT(msg_body_len(t[i].type), t[i].body);
		CHECK_INT(msg_build(&msg, out, sizeof(out)), 34 + t[i].body);
		CHECK_INT(out[3], 34 + t[i].body);
	}
	CHECK_INT(msg_body_len(0x4), -1);
	CHECK_INT(msg_body_len(16), -1);
	return 0;
}

static int test_build_limits(void)
{
	static const uint8_t v[4] = { 1, 2, 3, 4 };
	unsigned int i;

	set_hdr(&msg, MSG_SIGNALING, &pid_hand, 1);
	CHECK_INT(msg_add_tlv(&msg, 0x1234, v, 4), 0);
	/* exactly enough room, then one octet short */
	CHECK_INT(msg_build(&msg, out, 52), 52);
	CHECK_INT(msg_build(&msg, out, 51), 0);
	CHECK_INT(msg_build(&msg, out, 10), 0);
	CHECK_INT(msg_build(&msg, out, 0), 0);
	/* odd lengths and missing values are refused */
	msg.tlv[0].length = 3;
	CHECK_INT(msg_build(&msg, out, sizeof(out)), 0);
	msg.tlv[0].length = 4;
	msg.tlv[0].value = NULL;
	CHECK_INT(msg_build(&msg, out, sizeof(out)), 0);
	msg.tlv[0].length = 0;
	CHECK_INT(msg_build(&msg, out, sizeof(out)), 48);
	/* a reserved messageType */
	msg.hdr.messageType = 0x5;
	CHECK_INT(msg_build(&msg, out, sizeof(out)), 0);
	/* the TLV list is bounded */
	set_hdr(&msg, MSG_SIGNALING, &pid_hand, 1);
	for (i = 0; i < MSG_MAX_TLVS; i++)
		CHECK_INT(msg_add_tlv(&msg, 0x1234, v, 2), 0);
	CHECK_INT(msg_add_tlv(&msg, 0x1234, v, 2), -1);
	CHECK_INT(msg.n_tlvs, MSG_MAX_TLVS);
	CHECK_INT(msg_build(&msg, out, sizeof(out)), 44 + 6 * MSG_MAX_TLVS);
	/* messageLength must fit 16 bits */
	set_hdr(&msg, MSG_SIGNALING, &pid_hand, 1);
	{
		static uint8_t big[65534];
		static uint8_t huge[70000];

		CHECK_INT(msg_add_tlv(&msg, 0x1234, big, 65534), 0);
		CHECK_INT(msg_build(&msg, huge, sizeof(huge)), 0);
		msg.tlv[0].length = 65534 - 48;
		CHECK_INT(msg_build(&msg, huge, sizeof(huge)), 65534);
		CHECK_INT(huge[2], 0xff);
		CHECK_INT(huge[3], 0xfe);
	}
	/* reserved octets and nibbles are written as zero */
	set_hdr(&msg, MSG_MANAGEMENT, &pid_hand, 1);
	msg.hdr.transportSpecific = 0x1f;
	msg.hdr.minorVersionPTP = 0x21;
	msg.management.actionField = 0xf3;
	memset(out, 0xff, sizeof(out));
	CHECK_INT(msg_build(&msg, out, sizeof(out)), 48);
	CHECK_INT(out[0], 0xfd);
	CHECK_INT(out[1], 0x12);
	for (i = 16; i < 20; i++)
		CHECK_INT(out[i], 0);
	CHECK_INT(out[46], 0x03);
	CHECK_INT(out[47], 0);
	return 0;
}

static int test_timestamps(void)
{
	struct Timestamp t = { 1, 5 };
	struct timespec ts;
	int64_t ns = 0;

	CHECK_INT(ts_to_ns(&t, &ns), 0);
	CHECK_INT(ns, 1000000005);
	t.seconds = 9223372036ULL;
	t.nanoseconds = 854775807;
	CHECK_INT(ts_to_ns(&t, &ns), 0);
	CHECK_INT(ns, INT64_MAX);
	t.nanoseconds = 854775808;
	CHECK_INT(ts_to_ns(&t, &ns), -1);
	t.seconds = 9223372037ULL;
	t.nanoseconds = 0;
	CHECK_INT(ts_to_ns(&t, &ns), -1);
	t.seconds = 0;
	t.nanoseconds = 1000000000;
	CHECK_INT(ts_to_ns(&t, &ns), -1);
	CHECK_INT(ts_to_timespec(&t, &ts), -1);

	CHECK_INT(ns_to_ts(INT64_MAX, &t), 0);
	CHECK_INT(t.seconds, 9223372036ULL);
	CHECK_INT(t.nanoseconds, 854775807);
	CHECK_INT(ns_to_ts(0, &t), 0);
	CHECK_INT(t.seconds, 0);
	CHECK_INT(t.nanoseconds, 0);
	CHECK_INT(ns_to_ts(-1, &t), -1);

	/* the full 48-bit range goes through timespec */
	t.seconds = (1ULL << 48) - 1;
	t.nanoseconds = 999999999;
	CHECK_INT(ts_to_timespec(&t, &ts), 0);
	CHECK_INT(ts.tv_sec, (1LL << 48) - 1);
	CHECK_INT(ts.tv_nsec, 999999999);
	memset(&t, 0, sizeof(t));
	CHECK_INT(timespec_to_ts(&ts, &t), 0);
	CHECK_INT(t.seconds, (1ULL << 48) - 1);
	CHECK_INT(t.nanoseconds, 999999999);
	t.seconds = 1ULL << 48;
	CHECK_INT(ts_to_timespec(&t, &ts), -1);
	CHECK_INT(ts_to_ns(&t, &ns), -1);
	ts.tv_sec = 1LL << 48;
	CHECK_INT(timespec_to_ts(&ts, &t), -1);
	ts.tv_sec = -1;
	ts.tv_nsec = 0;
	CHECK_INT(timespec_to_ts(&ts, &t), -1);
	ts.tv_sec = 1;
	ts.tv_nsec = 1000000000;
	CHECK_INT(timespec_to_ts(&ts, &t), -1);
	ts.tv_nsec = -1;
	CHECK_INT(timespec_to_ts(&ts, &t), -1);

	/* and through the wire: 48-bit seconds of the hand Sync */
	if (parse_ok(hand_sync, sizeof(hand_sync)))
		return 1;
	CHECK_INT(ts_to_ns(&msg.sync.timestamp, &ns), -1);	/* > 292 years */
	CHECK_INT(ts_to_timespec(&msg.sync.timestamp, &ts), 0);
	CHECK_INT(ts.tv_sec, 0x123456789abcLL);
	CHECK_INT(ts.tv_nsec, 999999999);
	return 0;
}

static int test_correction(void)
{
	CHECK_INT(ns_to_scaled(0), 0);
	CHECK_INT(ns_to_scaled(1), 0x10000);
	CHECK_INT(ns_to_scaled(-1), -0x10000);
	CHECK_INT((uint64_t)ns_to_scaled(-1), 0xffffffffffff0000ULL);
	CHECK_INT(ns_to_scaled(INT64_MAX / 65536), INT64_MAX / 65536 * 65536);
	CHECK_INT(ns_to_scaled(INT64_MAX / 65536 + 1), INT64_MAX);
	CHECK_INT(ns_to_scaled(INT64_MIN / 65536), INT64_MIN);
	CHECK_INT(ns_to_scaled(INT64_MIN / 65536 - 1), INT64_MIN);
	CHECK_INT(ns_to_scaled(INT64_MIN), INT64_MIN);

	CHECK_INT(scaled_to_ns(0x18000), 1);
	CHECK_INT(scaled_to_ns(-0x18000), -1);
	CHECK_INT(scaled_to_ns(-0x8000), 0);
	CHECK_INT(scaled_to_ns(-0x10000), -1);
	CHECK_INT(scaled_to_ns(INT64_MAX), 140737488355327LL);
	CHECK_INT(scaled_to_ns(INT64_MIN), -140737488355328LL);
	CHECK_INT(scaled_to_ns(ns_to_scaled(-123456789)), -123456789);

	/* a negative correction on the wire, both ways */
	set_hdr(&msg, MSG_FOLLOW_UP, &pid_a, 1);
	msg.hdr.correctionField = ns_to_scaled(-2);
	CHECK_INT(msg_build(&msg, out, sizeof(out)), 44);
	CHECK_INT(out[8], 0xff);
	CHECK_INT(out[13], 0xfe);
	CHECK_INT(out[14], 0x00);
	CHECK_INT(out[15], 0x00);
	if (parse_ok(out, 44))
		return 1;
	CHECK_INT(msg.hdr.correctionField, -0x20000);
	return 0;
}

/*
 * The fuzzer's seed corpus is these frames; keep fuzz/corpus/msg/ equal to
 * them. PTPK_MSG_CORPUS=<dir> writes them there.
 */
static int test_corpus(void)
{
	const char *dir = getenv("PTPK_MSG_CORPUS");
	char path[512];
	uint8_t buf[512];
	unsigned int i;
	struct stat st;
	FILE *f;
	size_t n;

	if (dir) {
		for (i = 0; i < N_FRAMES; i++) {
			snprintf(path, sizeof(path), "%s/%s", dir,
				 frames[i].name);
			f = fopen(path, "wb");
			CHECK(f);
			CHECK_INT(fwrite(frames[i].p, 1, frames[i].len, f),
				  frames[i].len);
			CHECK_INT(fclose(f), 0);
		}
		return 0;
	}
	dir = "fuzz/corpus/msg";
	if (stat(dir, &st)) {
		printf("# %s not found here, not compared\n", dir);
		return 0;
	}
	for (i = 0; i < N_FRAMES; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, frames[i].name);
		f = fopen(path, "rb");
		if (!f)
			FAIL("%s missing", path);
		n = fread(buf, 1, sizeof(buf), f);
		fclose(f);
		if (n != frames[i].len || memcmp(buf, frames[i].p, n))
			FAIL("%s differs from the test's frame", path);
	}
	return 0;
}

static const struct test msg_tests[] = {
	{ "msg: Announce (ptp4l)", test_announce },
	{ "msg: Sync (ptp4l)", test_sync },
	{ "msg: Follow_Up (ptp4l)", test_follow_up },
	{ "msg: Delay_Req (ptp4l)", test_delay_req },
	{ "msg: Delay_Resp (ptp4l)", test_delay_resp },
	{ "msg: Pdelay_Req (ptp4l)", test_pdelay_req },
	{ "msg: Pdelay_Resp (ptp4l)", test_pdelay_resp },
	{ "msg: Pdelay_Resp_Follow_Up (ptp4l)", test_pdelay_resp_fup },
	{ "msg: gPTP Follow_Up with follow-up info", test_gptp_follow_up },
	{ "msg: gPTP Announce with PATH_TRACE", test_gptp_announce },
	{ "msg: Management GET (pmc)", test_mgmt_get },
	{ "msg: Management RESPONSE (ptp4l)", test_mgmt_resp },
	{ "msg: Sync, 2.1, negative correction, 48-bit s", test_hand_sync },
	{ "msg: Signaling with an unknown TLV", test_hand_signaling },
	{ "msg: Management error status", test_hand_mgmt_error },
	{ "msg: parse/build round trip of every frame", test_round_trip },
	{ "msg: octets past messageLength ignored", test_padding_ignored },
	{ "msg: any minorVersionPTP accepted", test_minor_version },
	{ "msg: error short buffer", test_err_short },
	{ "msg: error versionPTP", test_err_version },
	{ "msg: error messageType", test_err_type },
	{ "msg: error messageLength > buffer", test_err_length },
	{ "msg: error messageLength < body", test_err_too_short },
	{ "msg: error TLV overrun", test_err_tlv_overrun },
	{ "msg: error odd TLV length", test_err_tlv_odd },
	{ "msg: error too many TLVs", test_err_tlv_count },
	{ "msg: error logMessageInterval", test_err_interval },
	{ "msg: error and type strings", test_error_strings },
	{ "msg: counters", test_counters },
	{ "msg: msg_init per type", test_init },
	{ "msg: build limits and reserved fields", test_build_limits },
	{ "msg: Timestamp conversions", test_timestamps },
	{ "msg: correctionField conversions", test_correction },
	{ "msg: fuzz corpus matches the frames", test_corpus },
	{ NULL, NULL }
};

TEST_SUITE(msg_tests);
