// SPDX-License-Identifier: GPL-2.0
/* TLV walking and appending, and each TLV ptp4l sends, byte by byte. */
#include "msg.h"
#include "tests.h"
#include "tlv.h"

static int test_be_helpers(void)
{
	static const uint8_t b[8] = { 0x81, 0x02, 0x03, 0x04,
				      0x05, 0x06, 0x07, 0x08 };
	uint8_t o[8];

	CHECK_INT(get_be16(b), 0x8102);
	CHECK_INT(get_be32(b), 0x81020304);
	CHECK_INT(get_be48(b), 0x810203040506ULL);
	CHECK(get_be64(b) == 0x8102030405060708ULL);
	memset(o, 0, sizeof(o));
	put_be64(o, 0x8102030405060708ULL);
	CHECK(!memcmp(o, b, 8));
	memset(o, 0, sizeof(o));
	put_be48(o, 0x810203040506ULL);
	CHECK(!memcmp(o, b, 6));
	CHECK_INT(o[6], 0);
	return 0;
}

/* three TLVs after two octets that are not ours */
static const uint8_t walk[] = {
	0xaa, 0xbb,
	0x00, 0x08, 0x00, 0x08, 1, 2, 3, 4, 5, 6, 7, 8,
	0x12, 0x34, 0x00, 0x00,
	0xff, 0xff, 0x00, 0x02, 0xde, 0xad,
};

static int test_walk(void)
{
	enum msg_error why = MSG_OK;
	struct ptp_tlv t;
	size_t off = 2;

	CHECK_INT(tlv_next(walk, sizeof(walk), &off, &t, &why), 1);
	CHECK_INT(t.type, TLV_PATH_TRACE);
	CHECK_INT(t.length, 8);
	CHECK_INT(t.offset, 2);
	CHECK(t.value == walk + 6);
	CHECK_INT(off, 14);
	CHECK_INT(tlv_next(walk, sizeof(walk), &off, &t, &why), 1);
	CHECK_INT(t.type, 0x1234);
	CHECK_INT(t.length, 0);
	CHECK_INT(t.offset, 14);
	CHECK_INT(off, 18);
	CHECK_INT(tlv_next(walk, sizeof(walk), &off, &t, &why), 1);
	CHECK_INT(t.type, 0xffff);
	CHECK_INT(t.length, 2);
	CHECK(t.value == walk + 22);
	CHECK_INT(off, sizeof(walk));
	CHECK_INT(tlv_next(walk, sizeof(walk), &off, &t, &why), 0);
	CHECK_INT(off, sizeof(walk));
	CHECK_INT(why, MSG_OK);
	/* an empty span has no TLVs */
	off = 0;
	CHECK_INT(tlv_next(walk, 0, &off, &t, &why), 0);
	return 0;
}

static int walk_err(const uint8_t *p, size_t len, size_t off,
		    enum msg_error want)
{
	enum msg_error why = MSG_OK;
	struct ptp_tlv t;
	size_t o = off;

	CHECK_INT(tlv_next(p, len, &o, &t, &why), -1);
	CHECK_INT(why, want);
	CHECK_INT(o, off);
	return 0;
}

static int test_walk_errors(void)
{
	static const uint8_t odd[] = { 0x00, 0x03, 0x00, 0x03, 1, 2, 3, 0 };
	static const uint8_t huge[] = { 0x00, 0x03, 0xff, 0xfe, 1, 2 };
	unsigned int n;

	/* one to three octets cannot hold a TLV header */
	for (n = 1; n < 4; n++)
		if (walk_err(walk, 2 + n, 2, MSG_ERR_TLV_OVERRUN))
			FAIL("%u octets", n);
	/* the value is cut by the end of the span */
	if (walk_err(walk, 13, 2, MSG_ERR_TLV_OVERRUN))
		return 1;
	if (walk_err(huge, sizeof(huge), 0, MSG_ERR_TLV_OVERRUN))
		return 1;
	return walk_err(odd, sizeof(odd), 0, MSG_ERR_TLV_ODD);
}

static int test_put(void)
{
	static const uint8_t v[2] = { 0xde, 0xad };
	uint8_t buf[32];

	memset(buf, 0x55, sizeof(buf));
	CHECK_INT(tlv_put(buf, sizeof(buf), 2, 0xffff, v, 2), 8);
	CHECK_INT(tlv_put(buf, sizeof(buf), 8, 0x1234, NULL, 0), 12);
	CHECK(!memcmp(buf, "\x55\x55\xff\xff\x00\x02\xde\xad"
			   "\x12\x34\x00\x00\x55", 13));
	/* exactly full, one short, already past the end */
	CHECK_INT(tlv_put(buf, 14, 8, 0x1, v, 2), 14);
	CHECK_INT(tlv_put(buf, 13, 8, 0x1, v, 2), 0);
	CHECK_INT(tlv_put(buf, 8, 9, 0x1, NULL, 0), 0);
	return 0;
}

static struct ptp_tlv mk(uint16_t type, const uint8_t *v, uint16_t len)
{
	struct ptp_tlv t = { .type = type, .length = len, .value = v };

	return t;
}

static int test_mgmt(void)
{
	static const uint8_t v[] = { 0x20, 0x05, 0x01, 0x02, 0x03, 0x00 };
	uint8_t buf[8];
	struct ptp_tlv t = mk(TLV_MANAGEMENT, v, 6);
	struct tlv_mgmt m;

	CHECK_INT(tlv_mgmt_decode(&t, &m), 0);
	CHECK_INT(m.managementId, 0x2005);
	CHECK(m.data == v + 2);
	CHECK_INT(m.data_len, 4);
	/* 3 octets of data get a pad octet */
	m.data_len = 3;
	memset(buf, 0xff, sizeof(buf));
	CHECK_INT(tlv_mgmt_encode(buf, sizeof(buf), &m), 6);
	CHECK(!memcmp(buf, v, 6));
	CHECK_INT(buf[6], 0xff);
	CHECK_INT(tlv_mgmt_encode(buf, 5, &m), 0);
	CHECK_INT(tlv_mgmt_encode(buf, 1, &m), 0);
	/* a bare managementId (GET, COMMAND) */
	t.length = 2;
	CHECK_INT(tlv_mgmt_decode(&t, &m), 0);
	CHECK_INT(m.data_len, 0);
	t.length = 0;
	CHECK_INT(tlv_mgmt_decode(&t, &m), -1);
	t = mk(TLV_MANAGEMENT_ERROR_STATUS, v, 6);
	CHECK_INT(tlv_mgmt_decode(&t, &m), -1);
	return 0;
}

static int test_mgmt_error(void)
{
	static const uint8_t plain[] = { 0x00, 0x01, 0x20, 0x00,
					 0x00, 0x00, 0x00, 0x00 };
	static const uint8_t text2[] = { 0xff, 0xfe, 0xc0, 0x00,
					 0x00, 0x00, 0x00, 0x00,
					 0x02, 'a', 'b', 0x00 };
	static struct tlv_mgmt_error e;
	struct ptp_tlv t = mk(TLV_MANAGEMENT_ERROR_STATUS, plain, 8);
	uint8_t buf[16];

	memset(&e, 0x77, sizeof(e));
	CHECK_INT(tlv_mgmt_error_decode(&t, &e), 0);
	CHECK_INT(e.managementErrorId, 1);	/* RESPONSE_TOO_BIG */
	CHECK_INT(e.managementId, 0x2000);
	CHECK_INT(e.displayData.length, 0);
	CHECK_STR(e.displayData.text, "");
	memset(buf, 0xff, sizeof(buf));
	CHECK_INT(tlv_mgmt_error_encode(buf, sizeof(buf), &e), 8);
	CHECK(!memcmp(buf, plain, 8));

	t = mk(TLV_MANAGEMENT_ERROR_STATUS, text2, 12);
	CHECK_INT(tlv_mgmt_error_decode(&t, &e), 0);
	CHECK_INT(e.managementErrorId, 0xfffe);	/* GENERAL_ERROR */
	CHECK_INT(e.managementId, 0xc000);
	CHECK_INT(e.displayData.length, 2);
	CHECK_STR(e.displayData.text, "ab");
	/* 8 + 1 + 2 is odd: padded to 12 */
	memset(buf, 0xff, sizeof(buf));
	CHECK_INT(tlv_mgmt_error_encode(buf, sizeof(buf), &e), 12);
	CHECK(!memcmp(buf, text2, 12));
	CHECK_INT(tlv_mgmt_error_encode(buf, 11, &e), 0);
	CHECK_INT(tlv_mgmt_error_encode(buf, 8, &e), 0);
	CHECK_INT(tlv_mgmt_error_encode(buf, 7, &e), 0);

	/* a text longer than the TLV, a TLV shorter than 8 */
	t.length = 10;
	CHECK_INT(tlv_mgmt_error_decode(&t, &e), -1);
	t.length = 6;
	CHECK_INT(tlv_mgmt_error_decode(&t, &e), -1);
	t = mk(TLV_MANAGEMENT, text2, 12);
	CHECK_INT(tlv_mgmt_error_decode(&t, &e), -1);
	return 0;
}

static int test_org(void)
{
	static const uint8_t v[] = { 0x00, 0x1b, 0x19, 0x00, 0x00, 0x02,
				     0xca, 0xfe, 0x01, 0x00 };
	struct ptp_tlv t = mk(TLV_ORGANIZATION_EXTENSION, v, 10);
	struct tlv_org o;
	uint8_t buf[12];

	CHECK_INT(tlv_org_decode(&t, &o), 0);
	CHECK(!memcmp(o.organizationId, "\x00\x1b\x19", 3));
	CHECK(!memcmp(o.organizationSubType, "\x00\x00\x02", 3));
	CHECK(o.data == v + 6);
	CHECK_INT(o.data_len, 4);
	o.data_len = 3;
	memset(buf, 0xff, sizeof(buf));
	CHECK_INT(tlv_org_encode(buf, sizeof(buf), &o), 10);
	CHECK(!memcmp(buf, v, 10));
	CHECK_INT(tlv_org_encode(buf, 9, &o), 0);
	CHECK_INT(tlv_org_encode(buf, 5, &o), 0);
	t.length = 4;
	CHECK_INT(tlv_org_decode(&t, &o), -1);
	t = mk(TLV_PATH_TRACE, v, 10);
	CHECK_INT(tlv_org_decode(&t, &o), -1);
	return 0;
}

static int test_path_trace(void)
{
	static const uint8_t v[16] = { 1, 2, 3, 4, 5, 6, 7, 8,
				       0xa, 0xb, 0xc, 0xd, 0xe, 0xf, 0, 1 };
	static uint8_t big[8 * (PATH_TRACE_MAX + 1)];
	static struct tlv_path_trace pt;
	struct ptp_tlv t = mk(TLV_PATH_TRACE, v, 16);
	uint8_t buf[16];

	CHECK_INT(tlv_path_trace_decode(&t, &pt), 0);
	CHECK_INT(pt.count, 2);
	CHECK(!memcmp(pt.id[0].id, v, 8));
	CHECK(!memcmp(pt.id[1].id, v + 8, 8));
	CHECK_INT(tlv_path_trace_encode(buf, sizeof(buf), &pt), 16);
	CHECK(!memcmp(buf, v, 16));
	CHECK_INT(tlv_path_trace_encode(buf, 15, &pt), 0);
	t.length = 0;
	CHECK_INT(tlv_path_trace_decode(&t, &pt), 0);
	CHECK_INT(pt.count, 0);
	t.length = 12;	/* not a whole ClockIdentity */
	CHECK_INT(tlv_path_trace_decode(&t, &pt), -1);
	t = mk(TLV_PATH_TRACE, big, 8 * PATH_TRACE_MAX);
	CHECK_INT(tlv_path_trace_decode(&t, &pt), 0);
	CHECK_INT(pt.count, PATH_TRACE_MAX);
	t.length += 8;
	CHECK_INT(tlv_path_trace_decode(&t, &pt), -1);
	pt.count = PATH_TRACE_MAX + 1;
	CHECK_INT(tlv_path_trace_encode(big, sizeof(big), &pt), 0);
	return 0;
}

static const uint8_t fup[TLV_FUP_INFO_LEN] = {
	0x00, 0x80, 0xc2, 0x00, 0x00, 0x01,	/* IEEE 802.1, subtype 1 */
	0xff, 0xff, 0xff, 0xfe,			/* cumulativeScaledRateOffset */
	0x12, 0x34,				/* gmTimeBaseIndicator */
	0x00, 0x01, 0x02, 0x03, 0x04, 0x05,	/* lastGmPhaseChange */
	0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b,
	0xff, 0xff, 0xff, 0x00,			/* scaledLastGmFreqChange */
};

static int test_fup_info(void)
{
	struct ptp_tlv t = mk(TLV_ORGANIZATION_EXTENSION, fup, sizeof(fup));
	struct tlv_fup_info fi;
	uint8_t buf[TLV_FUP_INFO_LEN + 2], v[TLV_FUP_INFO_LEN];
	unsigned int i;

	CHECK_INT(tlv_fup_info_decode(&t, &fi), 0);
	CHECK_INT(fi.cumulativeScaledRateOffset, -2);
	CHECK_INT(fi.gmTimeBaseIndicator, 0x1234);
	CHECK_INT(fi.lastGmPhaseChange.nanoseconds_msb, 0x0001);
	CHECK(fi.lastGmPhaseChange.nanoseconds_lsb == 0x0203040506070809ULL);
	CHECK_INT(fi.lastGmPhaseChange.fractional_nanoseconds, 0x0a0b);
	CHECK_INT(fi.scaledLastGmFreqChange, -256);
	memset(buf, 0xee, sizeof(buf));
	CHECK_INT(tlv_fup_info_encode(buf, sizeof(buf), &fi), 28);
	CHECK(!memcmp(buf, fup, 28));
	CHECK_INT(buf[28], 0xee);
	CHECK_INT(tlv_fup_info_encode(buf, 27, &fi), 0);

	/* another organisation, subtype or length is not this TLV */
	for (i = 0; i < 6; i++) {
		memcpy(v, fup, sizeof(v));
		v[i] ^= 0x10;
		t.value = v;
		if (!tlv_fup_info_decode(&t, &fi))
			FAIL("octet %u changed, still decoded", i);
	}
	t.value = fup;
	t.length = 26;
	CHECK_INT(tlv_fup_info_decode(&t, &fi), -1);
	t.length = 30;
	CHECK_INT(tlv_fup_info_decode(&t, &fi), -1);
	t.length = 28;
	t.type = TLV_MANAGEMENT;
	CHECK_INT(tlv_fup_info_decode(&t, &fi), -1);
	return 0;
}

static const struct test tlv_tests[] = {
	{ "tlv: big-endian helpers", test_be_helpers },
	{ "tlv: walk", test_walk },
	{ "tlv: walk errors", test_walk_errors },
	{ "tlv: put", test_put },
	{ "tlv: MANAGEMENT", test_mgmt },
	{ "tlv: MANAGEMENT_ERROR_STATUS", test_mgmt_error },
	{ "tlv: ORGANIZATION_EXTENSION", test_org },
	{ "tlv: PATH_TRACE", test_path_trace },
	{ "tlv: 802.1AS follow-up information", test_fup_info },
	{ NULL, NULL }
};

TEST_SUITE(tlv_tests);
