// SPDX-License-Identifier: GPL-2.0
/*
 * path_trace_enabled (1588 16.2): the PATH_TRACE TLV we announce is the
 * parent's path plus our identity, byte for byte, and a path that names us
 * is a loop.
 */
#include "port.h"
#include "tests.h"
#include "tlv.h"

static const struct ClockIdentity me = {
	{ 0x02, 0x70, 0x73, 0xff, 0xfe, 0x00, 0x00, 0x04 }
};
static const struct ClockIdentity gm = {
	{ 0x02, 0x70, 0x73, 0xff, 0xfe, 0x00, 0x00, 0x03 }
};

static int test_grandmaster_path(void)
{
	static const struct tlv_path_trace none;
	uint8_t buf[16];

	/* the grandmaster announces itself alone */
	CHECK_INT(port_path_trace(buf, sizeof(buf), &none, &me), 8);
	CHECK(!memcmp(buf, me.id, 8));
	return 0;
}

static int test_boundary_path(void)
{
	static struct tlv_path_trace parent, back;
	struct ptp_tlv t = { .type = TLV_PATH_TRACE };
	uint8_t buf[8 * PATH_TRACE_MAX];
	size_t len;

	parent.count = 1;
	parent.id[0] = gm;
	len = port_path_trace(buf, sizeof(buf), &parent, &me);
	CHECK_INT(len, 16);
	CHECK(!memcmp(buf, gm.id, 8));
	CHECK(!memcmp(buf + 8, me.id, 8));
	/* what a neighbour decodes names us: our Announce back is a loop */
	t.length = (uint16_t)len;
	t.value = buf;
	CHECK_INT(tlv_path_trace_decode(&t, &back), 0);
	CHECK_INT(back.count, 2);
	CHECK(port_path_has(&back, &me));
	CHECK(port_path_has(&back, &gm));
	CHECK(!port_path_has(&parent, &me));
	return 0;
}

static int test_full_path(void)
{
	static struct tlv_path_trace parent;
	uint8_t buf[8 * PATH_TRACE_MAX];

	/* no room for us: no TLV at all, as ptp4l */
	parent.count = PATH_TRACE_MAX;
	CHECK_INT(port_path_trace(buf, sizeof(buf), &parent, &me), 0);
	parent.count = PATH_TRACE_MAX - 1;
	CHECK_INT(port_path_trace(buf, sizeof(buf), &parent, &me),
		  8 * PATH_TRACE_MAX);
	return 0;
}

static const struct test path_trace_tests[] = {
	{ "path trace: a grandmaster announces itself", test_grandmaster_path },
	{ "path trace: parent's path plus us, and the loop check", test_boundary_path },
	{ "path trace: a full path gets no TLV", test_full_path },
	{ NULL, NULL },
};
TEST_SUITE(path_trace_tests);
