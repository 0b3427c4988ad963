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

/* servo-sample and servo-adopt over the fake kernel. */

struct seen_req {
	char buf[1024] __attribute__((aligned(8)));
	int error;			/* answer with this, if set */
	const char *msg;
};

static void answer(struct fake *f, const struct nlmsghdr *req)
{
	struct seen_req *r = f->priv;
	uint8_t cmd = ((const struct genlmsghdr *)mnl_nlmsg_get_payload(req))->cmd;

	if (req->nlmsg_len <= sizeof(r->buf))
		memcpy(r->buf, req, req->nlmsg_len);
	if (r->error) {
		fake_error(f, req, r->error, r->msg);
		fake_flush(f);
		return;
	}
	if (cmd == PTPK_CMD_SERVO_SAMPLE)
		test_put_sample(fake_reply(f, req, cmd, 0));
	else
		test_put_servo(fake_reply(f, req, cmd, 0));
	/* as the kernel: an ack only if asked for, in its own datagram */
	fake_flush(f);
	if (req->nlmsg_flags & NLM_F_ACK) {
		fake_error(f, req, 0, NULL);
		fake_flush(f);
	}
}

static int open_fake(struct fake *f, struct seen_req *r, struct ptpk **p)
{
	fake_init(f);
	memset(r, 0, sizeof(*r));
	f->handler = answer;
	f->priv = r;
	return ptpk_open_transport(p, &fake_transport, f, TEST_PORTID);
}

static int test_servo_sample_request(void)
{
	struct nlmsghdr *sent, *w;
	struct ptpk_sample smp;
	char wbuf[256] __attribute__((aligned(8)));
	struct seen_req r;
	struct ptpk *p;
	struct fake f;
	unsigned int i;

	CHECK_INT(open_fake(&f, &r, &p), 0);
	memset(&smp, 0, sizeof(smp));
	smp.id = 3;
	smp.seq_id = 17;
	smp.t1 = 1000;
	smp.t2 = 2000;
	smp.present = (1U << PTPK_A_SAMPLE_SEQ_ID) | (1U << PTPK_A_SAMPLE_T1) |
		      (1U << PTPK_A_SAMPLE_T2);
	/* out may be req; no ack is awaited (the fake would time out) */
	for (i = 0; i < 3; i++) {
		CHECK_INT(ptpk_servo_sample(p, &smp, &smp), 0);
		sent = (struct nlmsghdr *)r.buf;
		CHECK_INT(sent->nlmsg_flags, NLM_F_REQUEST);
		CHECK_INT(f.head, f.tail);	/* one datagram, read */
		smp.present = (1U << PTPK_A_SAMPLE_SEQ_ID) |
			      (1U << PTPK_A_SAMPLE_T1) | (1U << PTPK_A_SAMPLE_T2);
		smp.t1 = 1000;
		smp.t2 = 2000;
	}
	CHECK_INT(f.n_requests, 3);
	w = test_genl_msg(wbuf, TEST_FAMILY, PTPK_CMD_SERVO_SAMPLE, 0, 0, 0);
	mnl_attr_put_u32(w, PTPK_A_SAMPLE_ID, 3);
	mnl_attr_put_u32(w, PTPK_A_SAMPLE_SEQ_ID, 17);
	mnl_attr_put_u64(w, PTPK_A_SAMPLE_T1, 1000);
	mnl_attr_put_u64(w, PTPK_A_SAMPLE_T2, 2000);
	CHECK_INT(test_same_attrs(sent, w), 0);
	CHECK_INT(ptpk_servo_sample(p, &smp, &smp), 0);
	CHECK_INT(smp.present & (1U << PTPK_A_SAMPLE_T1), 0);
	CHECK_INT(smp.seq_id, 17);
	CHECK_INT(smp.state, PTPK_SERVO_STATE_LOCKED);
	CHECK_INT(smp.freq, 1234567);
	CHECK_INT(smp.flags, PTPK_SAMPLE_FLAGS_STEPPED);
	ptpk_close(p);
	return 0;
}

static int test_servo_sample_ebusy(void)
{
	struct ptpk_sample smp = { .id = 3 }, out;
	struct seen_req r;
	struct membuf m;
	struct ptpk *p;
	struct fake f;

	CHECK_INT(open_fake(&f, &r, &p), 0);
	mb_open(&m);
	ptpk_set_errfile(p, m.f);
	r.error = -EBUSY;
	r.msg = "the servo belongs to another socket";
	smp.offset = 5;
	smp.present = 1U << PTPK_A_SAMPLE_OFFSET;
	CHECK_INT(ptpk_servo_sample(p, &smp, &out), -EBUSY);
	CHECK_STR(ptpk_extack(p), "the servo belongs to another socket.");
	CHECK_STR(mb_str(&m), "Error: the servo belongs to another socket.\n");
	/* the next request starts clean */
	r.error = 0;
	CHECK_INT(ptpk_servo_sample(p, &smp, &out), 0);
	CHECK_STR(ptpk_extack(p), "");
	ptpk_close(p);
	mb_close(&m);
	return 0;
}

static int test_servo_adopt_request(void)
{
	char wbuf[64] __attribute__((aligned(8)));
	struct nlmsghdr *sent, *w;
	struct ptpk_servo s;
	struct seen_req r;
	struct ptpk *p;
	struct fake f;

	CHECK_INT(open_fake(&f, &r, &p), 0);
	CHECK_INT(ptpk_servo_adopt(p, 3, &s), 0);
	sent = (struct nlmsghdr *)r.buf;
	CHECK_INT(sent->nlmsg_flags, NLM_F_REQUEST | NLM_F_ACK);
	w = test_genl_msg(wbuf, TEST_FAMILY, PTPK_CMD_SERVO_ADOPT, 0, 0, 0);
	mnl_attr_put_u32(w, PTPK_A_SERVO_ID, 3);
	CHECK_INT(test_same_attrs(sent, w), 0);
	CHECK_INT(s.id, 3);
	CHECK_INT(s.val[PTPK_A_SERVO_OWNER], TEST_PORTID);
	CHECK_INT(ptpk_servo_adopt(p, 3, NULL), 0);

	r.error = -EBUSY;
	r.msg = "the servo has a live owner";
	ptpk_set_errfile(p, NULL);
	CHECK_INT(ptpk_servo_adopt(p, 3, &s), -EBUSY);
	CHECK_STR(ptpk_extack(p), "the servo has a live owner.");
	ptpk_close(p);
	return 0;
}

static const struct test extack_tests[] = {
	{ "extack: capped NLMSG_ERROR with message and offset", test_parse_capped },
	{ "extack: uncapped NLMSG_ERROR echoing the request", test_parse_uncapped },
	{ "extack: period, warning, missing attribute, no TLVs", test_print_variants },
	{ "extack: NLMSG_DONE with error; truncated NLMSG_ERROR", test_parse_done_and_truncated },
	{ "nl: reply loop filters seq and family, ends on DONE and ack", test_process },
	{ "nl: a parse error aborts the request", test_process_cb_error },
	{ "lib: servo-sample without ack, one datagram, exact attributes", test_servo_sample_request },
	{ "lib: servo-sample EBUSY with extack, then a clean request", test_servo_sample_ebusy },
	{ "lib: servo-adopt request and reply, EBUSY", test_servo_adopt_request },
	{ NULL, NULL },
};
TEST_SUITE(extack_tests);
