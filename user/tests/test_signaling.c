// SPDX-License-Identifier: GPL-2.0
/* gPTP message interval requests: the frame ptp4l sends, byte for byte. */
#include "msg.h"
#include "signaling.h"
#include "tests.h"
#include "tlv.h"

static const struct PortIdentity self = {
	.clockIdentity = { { 0x00, 0x11, 0x22, 0xff, 0xfe, 0x33, 0x44, 0x55 } },
	.portNumber = 1,
};

/* automotive-slave.cfg's request once locked: Sync 2^0, nothing else. */
static const uint8_t frame[] = {
	0x1c, 0x02, 0x00, 0x3c,		/* gPTP Signaling, v2, 60 octets */
	0x00, 0x00, 0x00, 0x00,		/* domain 0, flags 0 */
	0, 0, 0, 0, 0, 0, 0, 0,		/* correction */
	0, 0, 0, 0,
	0x00, 0x11, 0x22, 0xff, 0xfe, 0x33, 0x44, 0x55, 0x00, 0x01,
	0x00, 0x07,			/* sequenceId 7 */
	0x05, 0x7f,			/* control other, no interval */
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0x00, 0x03, 0x00, 0x0c,		/* ORGANIZATION_EXTENSION, 12 */
	0x00, 0x80, 0xc2, 0x00, 0x00, 0x02,
	0x80, 0x00, 0x80,		/* link delay, sync 0, announce */
	0x00, 0x00, 0x00,		/* flags, reserved */
};

static int test_interval_req_build(void)
{
	struct interval_req r = {
		.link_delay = SIGNAL_NO_CHANGE,
		.time_sync = 0,
		.announce = SIGNAL_NO_CHANGE,
	};
	uint8_t value[TLV_INTERVAL_REQ_LEN], buf[128];
	struct ptp_message m;
	size_t n;

	signaling_interval_req(&m, value, &self, 0, 1, 7, &r);
	n = msg_build(&m, buf, sizeof(buf));
	CHECK_INT(n, sizeof(frame));
	CHECK(!memcmp(buf, frame, sizeof(frame)));
	/* Back to the initial Sync interval, in domain 24, 1588 SdoId. */
	r.time_sync = SIGNAL_SET_INITIAL;
	signaling_interval_req(&m, value, &self, 24, 0, 8, &r);
	n = msg_build(&m, buf, sizeof(buf));
	CHECK_INT(n, sizeof(frame));
	CHECK_INT(buf[0], 0x0c);
	CHECK_INT(buf[4], 24);
	CHECK_INT(buf[55], 126);
	CHECK_INT(interval_req_encode(value, TLV_INTERVAL_REQ_LEN - 1, &r),
		  0);
	return 0;
}

static int test_interval_req_find(void)
{
	struct PortIdentity other = self;
	struct interval_req r;
	struct ptp_message m;
	uint8_t buf[sizeof(frame)];

	CHECK_INT(msg_parse(&m, frame, sizeof(frame), NULL), 0);
	CHECK_INT(signaling_find_interval_req(&m, &self, &r), 1);
	CHECK_INT(r.link_delay, SIGNAL_NO_CHANGE);
	CHECK_INT(r.time_sync, 0);
	CHECK_INT(r.announce, SIGNAL_NO_CHANGE);
	CHECK_INT(r.flags, 0);

	/* Addressed to our port exactly, or to another one. */
	memcpy(buf, frame, sizeof(frame));
	memcpy(buf + 34, self.clockIdentity.id, 8);
	buf[42] = 0;
	buf[43] = 1;
	CHECK_INT(msg_parse(&m, buf, sizeof(buf), NULL), 0);
	CHECK_INT(signaling_find_interval_req(&m, &self, &r), 1);
	other.portNumber = 2;
	CHECK_INT(signaling_find_interval_req(&m, &other, &r), 0);

	/* Another organisation subtype (follow-up information): not one. */
	memcpy(buf, frame, sizeof(frame));
	buf[53] = 1;
	CHECK_INT(msg_parse(&m, buf, sizeof(buf), NULL), 0);
	CHECK_INT(signaling_find_interval_req(&m, &self, &r), 0);
	/* Another OUI. */
	memcpy(buf, frame, sizeof(frame));
	buf[49] = 0x81;
	CHECK_INT(msg_parse(&m, buf, sizeof(buf), NULL), 0);
	CHECK_INT(signaling_find_interval_req(&m, &self, &r), 0);
	/* A short TLV (8 octets of value) is no request either. */
	memcpy(buf, frame, sizeof(frame));
	buf[3] = 56;
	buf[47] = 8;
	CHECK_INT(msg_parse(&m, buf, 56, NULL), 0);
	CHECK_INT(signaling_find_interval_req(&m, &self, &r), 0);
	/* Not a Signaling message. */
	CHECK_INT(msg_parse(&m, frame, sizeof(frame), NULL), 0);
	m.hdr.messageType = MSG_MANAGEMENT;
	CHECK_INT(signaling_find_interval_req(&m, &self, &r), 0);
	return 0;
}

static int test_interval_apply(void)
{
	CHECK_INT(interval_apply(-3, SIGNAL_NO_CHANGE, -4), -3);
	CHECK_INT(interval_apply(0, SIGNAL_SET_INITIAL, -3), -3);
	CHECK_INT(interval_apply(-3, 0, -3), 0);
	CHECK_INT(interval_apply(-3, 2, -3), 2);
	CHECK_INT(interval_apply(-3, LOG_INTERVAL_MIN, -3), LOG_INTERVAL_MIN);
	CHECK_INT(interval_apply(-3, LOG_INTERVAL_MAX, -3), LOG_INTERVAL_MAX);
	/* absurd values change nothing */
	CHECK_INT(interval_apply(-3, LOG_INTERVAL_MAX + 1, -4), -3);
	CHECK_INT(interval_apply(-3, 127, -4), -3);
	CHECK_INT(interval_apply(-3, LOG_INTERVAL_MIN - 1, -4), -3);
	return 0;
}

static const struct test signaling_tests[] = {
	{ "signaling: interval request frame as ptp4l's, byte-exact",
	  test_interval_req_build },
	{ "signaling: finding a request: target, OUI, subtype, length",
	  test_interval_req_find },
	{ "signaling: applying requested intervals", test_interval_apply },
	{ NULL, NULL },
};

TEST_SUITE(signaling_tests);
