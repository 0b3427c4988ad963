// SPDX-License-Identifier: GPL-2.0
/* Acks, errors with extack, and the reply loop of nl.c. */
#include <errno.h>

#include "tests.h"

static char buf[8192] __attribute__((aligned(8)));

/* An NLMSG_ERROR answering a request; capped or with the request echoed. */
static struct nlmsghdr *error_msg(int error, bool capped, bool tlvs)
{
	char reqbuf[256];
	struct nlmsghdr *req, *nlh;
	struct nlmsgerr *e;

	memset(buf, 0, sizeof(buf));
	req = test_genl_msg(reqbuf, TEST_FAMILY, PTPK_CMD_SERVO_NEW,
			    NLM_F_REQUEST | NLM_F_ACK, 9, 0);
	mnl_attr_put_u32(req, PTPK_A_SERVO_KIND, 7);
	mnl_attr_put_strz(req, PTPK_A_SERVO_NAME, "some label");

	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = NLMSG_ERROR;
	nlh->nlmsg_flags = (capped ? NLM_F_CAPPED : 0) | (tlvs ? NLM_F_ACK_TLVS : 0);
	nlh->nlmsg_seq = 9;
	nlh->nlmsg_pid = TEST_PORTID;
	e = mnl_nlmsg_put_extra_header(nlh, sizeof(*e));
	e->error = error;
	e->msg = *req;
	if (!capped) {
		size_t plen = req->nlmsg_len - sizeof(*req);

		memcpy(mnl_nlmsg_put_extra_header(nlh, plen),
		       (char *)req + sizeof(*req), plen);
	}
	return nlh;
}

static int test_parse_capped(void)
{
	struct nlmsghdr *nlh = error_msg(-EINVAL, true, true);
	struct nl_ack ack;
	struct membuf m;

	mnl_attr_put_strz(nlh, NLMSGERR_ATTR_MSG, "unknown servo kind");
	mnl_attr_put_u32(nlh, NLMSGERR_ATTR_OFFS, 20);
	CHECK_INT(nl_parse_ack(nlh, &ack), 0);
	CHECK_INT(ack.error, -EINVAL);
	CHECK_STR(ack.msg, "unknown servo kind");
	CHECK(ack.has_offs);
	CHECK_INT(ack.offs, 20);
	CHECK(!ack.has_miss);
	mb_open(&m);
	nl_print_ack(m.f, &ack);
	CHECK_STR(mb_str(&m), "Error: unknown servo kind.\n");
	mb_close(&m);
	return 0;
}

static int test_parse_uncapped(void)
{
	struct nlmsghdr *nlh = error_msg(-ERANGE, false, true);
	struct nl_ack ack;

	mnl_attr_put_strz(nlh, NLMSGERR_ATTR_MSG, "value out of range.");
	CHECK_INT(nl_parse_ack(nlh, &ack), 0);
	CHECK_INT(ack.error, -ERANGE);
	CHECK_STR(ack.msg, "value out of range.");
	return 0;
}

static int test_print_variants(void)
{
	struct nlmsghdr *nlh;
	struct nl_ack ack;
	struct membuf m;

	mb_open(&m);
	/* already ends with a period: not doubled */
	nlh = error_msg(-ERANGE, true, true);
	mnl_attr_put_strz(nlh, NLMSGERR_ATTR_MSG, "value out of range.");
	CHECK_INT(nl_parse_ack(nlh, &ack), 0);
	nl_print_ack(m.f, &ack);
	/* an ack with a message is a warning */
	nlh = error_msg(0, true, true);
	mnl_attr_put_strz(nlh, NLMSGERR_ATTR_MSG, "max_frequency clamped to max-adj");
	CHECK_INT(nl_parse_ack(nlh, &ack), 0);
	CHECK_INT(ack.error, 0);
	nl_print_ack(m.f, &ack);
	/* only the missing attribute */
	nlh = error_msg(-EINVAL, true, true);
	mnl_attr_put_u32(nlh, NLMSGERR_ATTR_MISS_TYPE, PTPK_A_SERVO_CLOCK);
	CHECK_INT(nl_parse_ack(nlh, &ack), 0);
	nl_print_ack(m.f, &ack);
	/* no TLVs flag: nothing to print */
	nlh = error_msg(-EPERM, true, false);
	CHECK_INT(nl_parse_ack(nlh, &ack), 0);
	CHECK_INT(ack.error, -EPERM);
	CHECK(ack.msg == NULL);
	nl_print_ack(m.f, &ack);
	CHECK_STR(mb_str(&m),
		  "Error: value out of range.\n"
		  "Warning: max_frequency clamped to max-adj.\n"
		  "Error: required attribute 2 is missing.\n");
	mb_close(&m);
	return 0;
}

static int test_parse_done_and_truncated(void)
{
	struct nlmsghdr *nlh;
	struct nl_ack ack;
	int *err;

	memset(buf, 0, sizeof(buf));
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = NLMSG_DONE;
	nlh->nlmsg_flags = NLM_F_MULTI | NLM_F_ACK_TLVS;
	err = mnl_nlmsg_put_extra_header(nlh, sizeof(*err));
	*err = -EBUSY;
	mnl_attr_put_strz(nlh, NLMSGERR_ATTR_MSG, "dump interrupted");
	CHECK_INT(nl_parse_ack(nlh, &ack), 0);
	CHECK_INT(ack.error, -EBUSY);
	CHECK_STR(ack.msg, "dump interrupted");

	/* an NLMSG_ERROR too short for struct nlmsgerr */
	memset(buf, 0, sizeof(buf));
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = NLMSG_ERROR;
	mnl_nlmsg_put_extra_header(nlh, 4);
	CHECK_INT(nl_parse_ack(nlh, &ack), -EPROTO);
	return 0;
}

/* nl_process(): the loop every request runs over received datagrams. */

struct seen {
	unsigned int n;
	uint32_t ids[8];
};

static int count_cb(const struct nlmsghdr *nlh, void *data)
{
	struct ptpk_servo s;
	struct seen *seen = data;

	if (ptpk_servo_parse(nlh, &s))
		return -EPROTO;
	if (seen->n < 8)
		seen->ids[seen->n] = s.id;
	seen->n++;
	return 0;
}

static struct nlmsghdr *next_msg(struct nlmsghdr *nlh)
{
	return (struct nlmsghdr *)((char *)nlh + MNL_ALIGN(nlh->nlmsg_len));
}

static int test_process(void)
{
	struct nl_sock s = { .portid = TEST_PORTID };
	struct seen seen = { 0 };
	struct nlmsghdr *nlh;
	struct membuf m;
	size_t len;
	int *err;

	memset(buf, 0, sizeof(buf));
	/* stale reply to an earlier request: skipped */
	nlh = test_genl_msg(buf, TEST_FAMILY, PTPK_CMD_SERVO_GET, NLM_F_MULTI,
			    4, TEST_PORTID);
	mnl_attr_put_u32(nlh, PTPK_A_SERVO_ID, 100);
	/* two dump entries */
	nlh = test_genl_msg(next_msg(nlh), TEST_FAMILY, PTPK_CMD_SERVO_GET,
			    NLM_F_MULTI, 5, TEST_PORTID);
	mnl_attr_put_u32(nlh, PTPK_A_SERVO_ID, 1);
	/* another family's message: skipped */
	nlh = test_genl_msg(next_msg(nlh), TEST_FAMILY + 1, 1, NLM_F_MULTI, 5,
			    TEST_PORTID);
	nlh = test_genl_msg(next_msg(nlh), TEST_FAMILY, PTPK_CMD_SERVO_GET,
			    NLM_F_MULTI, 5, TEST_PORTID);
	mnl_attr_put_u32(nlh, PTPK_A_SERVO_ID, 2);
	len = (size_t)((char *)next_msg(nlh) - buf);

	CHECK_INT(nl_process(&s, buf, len, 5, TEST_FAMILY, count_cb, &seen), 1);
	CHECK_INT(seen.n, 2);
	CHECK_INT(seen.ids[0], 1);
	CHECK_INT(seen.ids[1], 2);

	/* the end of the dump, carrying an error and its message */
	memset(buf, 0, sizeof(buf));
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = NLMSG_DONE;
	nlh->nlmsg_flags = NLM_F_MULTI | NLM_F_ACK_TLVS;
	nlh->nlmsg_seq = 5;
	err = mnl_nlmsg_put_extra_header(nlh, sizeof(*err));
	*err = -EINTR;
	mnl_attr_put_strz(nlh, NLMSGERR_ATTR_MSG, "dump inconsistent");
	mb_open(&m);
	s.errf = m.f;
	CHECK_INT(nl_process(&s, buf, nlh->nlmsg_len, 5, TEST_FAMILY, count_cb,
			     &seen), -EINTR);
	CHECK_STR(s.extack, "dump inconsistent.");
	CHECK_STR(mb_str(&m), "Error: dump inconsistent.\n");
	CHECK_INT(seen.n, 2);

	/* a clean ack ends a do request */
	nlh = error_msg(0, true, false);
	nlh->nlmsg_seq = 5;
	CHECK_INT(nl_process(&s, buf, nlh->nlmsg_len, 5, TEST_FAMILY, count_cb,
			     &seen), 0);
	mb_close(&m);
	return 0;
}

static int test_process_cb_error(void)
{
	struct nl_sock s = { .portid = TEST_PORTID };
	struct seen seen = { 0 };
	struct nlmsghdr *nlh;

	/* a malformed entry aborts the request with the parser's error */
	memset(buf, 0, sizeof(buf));
	nlh = test_genl_msg(buf, TEST_FAMILY, PTPK_CMD_SERVO_GET, 0, 5, 0);
	mnl_attr_put_u16(nlh, PTPK_A_SERVO_ID, 1);
	CHECK_INT(nl_process(&s, buf, nlh->nlmsg_len, 5, TEST_FAMILY, count_cb,
			     &seen), -EPROTO);
	CHECK_INT(seen.n, 0);
	return 0;
}

static const struct test extack_tests[] = {
	{ "extack: capped NLMSG_ERROR with message and offset", test_parse_capped },
	{ "extack: uncapped NLMSG_ERROR echoing the request", test_parse_uncapped },
	{ "extack: period, warning, missing attribute, no TLVs", test_print_variants },
	{ "extack: NLMSG_DONE with error; truncated NLMSG_ERROR", test_parse_done_and_truncated },
	{ "nl: reply loop filters seq and family, ends on DONE and ack", test_process },
	{ "nl: a parse error aborts the request", test_process_cb_error },
	{ NULL, NULL },
};
TEST_SUITE(extack_tests);
