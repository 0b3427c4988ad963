// SPDX-License-Identifier: GPL-2.0
/* Canned ptpk messages and a fake kernel behind the nl_transport vtable. */
#include <errno.h>
#include <stdlib.h>

#include "tests.h"

struct nlmsghdr *test_genl_msg(void *buf, uint16_t type, uint8_t cmd,
			       uint16_t flags, uint32_t seq, uint32_t portid)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct genlmsghdr *genl;

	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = flags;
	nlh->nlmsg_seq = seq;
	nlh->nlmsg_pid = portid;
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = cmd;
	genl->version = 1;
	return nlh;
}

void test_put_system_clock(struct nlmsghdr *nlh)
{
	mnl_attr_put_u32(nlh, PTPK_A_CLOCK_TYPE, PTPK_CLOCK_TYPE_SYSTEM);
	mnl_attr_put_strz(nlh, PTPK_A_CLOCK_NAME, "CLOCK_REALTIME");
	mnl_attr_put_u32(nlh, PTPK_A_CLOCK_MAX_ADJ, 500000);
	mnl_attr_put_u32(nlh, PTPK_A_CLOCK_N_PINS, 0);
	mnl_attr_put_u32(nlh, PTPK_A_CLOCK_N_EXT_TS, 0);
	mnl_attr_put_u32(nlh, PTPK_A_CLOCK_N_PER_OUT, 0);
}

static void put_netdev(struct nlmsghdr *nlh, uint32_t ifindex,
		       const char *ifname)
{
	struct nlattr *nest = mnl_attr_nest_start(nlh, PTPK_A_CLOCK_NETDEV);

	mnl_attr_put_u32(nlh, PTPK_A_NETDEV_IFINDEX, ifindex);
	mnl_attr_put_strz(nlh, PTPK_A_NETDEV_IFNAME, ifname);
	mnl_attr_nest_end(nlh, nest);
}

void test_put_phc_clock(struct nlmsghdr *nlh)
{
	mnl_attr_put_u32(nlh, PTPK_A_CLOCK_TYPE, PTPK_CLOCK_TYPE_PHC);
	mnl_attr_put_u32(nlh, PTPK_A_CLOCK_PHC_INDEX, 0);
	mnl_attr_put_strz(nlh, PTPK_A_CLOCK_DEV_PATH, "/dev/ptp0");
	mnl_attr_put_strz(nlh, PTPK_A_CLOCK_NAME, "e1000e PHC");
	mnl_attr_put_u32(nlh, PTPK_A_CLOCK_MAX_ADJ, 999999999);
	mnl_attr_put_u32(nlh, PTPK_A_CLOCK_N_PINS, 4);
	mnl_attr_put_u32(nlh, PTPK_A_CLOCK_N_EXT_TS, 2);
	mnl_attr_put_u32(nlh, PTPK_A_CLOCK_N_PER_OUT, 1);
	mnl_attr_put_u32(nlh, PTPK_A_CLOCK_PPS, 1);
	put_netdev(nlh, 2, "eth0");
	put_netdev(nlh, 3, "eth1");
	/* An attribute from a newer module: ignored. */
	mnl_attr_put_u32(nlh, 200, 1);
}

void test_put_servo(struct nlmsghdr *nlh)
{
	struct nlattr *nest;

	mnl_attr_put_u32(nlh, PTPK_A_SERVO_ID, 3);
	nest = mnl_attr_nest_start(nlh, PTPK_A_SERVO_CLOCK);
	mnl_attr_put_u32(nlh, PTPK_A_CLOCK_TYPE, PTPK_CLOCK_TYPE_PHC);
	mnl_attr_put_u32(nlh, PTPK_A_CLOCK_PHC_INDEX, 0);
	mnl_attr_put_strz(nlh, PTPK_A_CLOCK_DEV_PATH, "/dev/ptp0");
	mnl_attr_put_strz(nlh, PTPK_A_CLOCK_NAME, "e1000e");
	mnl_attr_nest_end(nlh, nest);
	mnl_attr_put_u32(nlh, PTPK_A_SERVO_KIND, PTPK_SERVO_KIND_PI);
	mnl_attr_put_u32(nlh, PTPK_A_SERVO_STATE, PTPK_SERVO_STATE_LOCKED);
	mnl_attr_put_strz(nlh, PTPK_A_SERVO_NAME, "ptpkd eth0");
	mnl_attr_put_u64(nlh, PTPK_A_SERVO_PI_PROPORTIONAL_CONST, 0);
	mnl_attr_put_u64(nlh, PTPK_A_SERVO_PI_PROPORTIONAL_SCALE, 700000000);
	mnl_attr_put_u64(nlh, PTPK_A_SERVO_PI_PROPORTIONAL_EXPONENT,
			 (uint64_t)-300000000LL);
	mnl_attr_put_u64(nlh, PTPK_A_SERVO_PI_PROPORTIONAL_NORM_MAX, 700000000);
	mnl_attr_put_u64(nlh, PTPK_A_SERVO_PI_INTEGRAL_CONST, 0);
	mnl_attr_put_u64(nlh, PTPK_A_SERVO_PI_INTEGRAL_SCALE, 300000000);
	mnl_attr_put_u64(nlh, PTPK_A_SERVO_PI_INTEGRAL_EXPONENT, 400000000);
	mnl_attr_put_u64(nlh, PTPK_A_SERVO_PI_INTEGRAL_NORM_MAX, 300000000);
	mnl_attr_put_u64(nlh, PTPK_A_SERVO_STEP_THRESHOLD, 0);
	mnl_attr_put_u64(nlh, PTPK_A_SERVO_FIRST_STEP_THRESHOLD, 20000);
	mnl_attr_put_u32(nlh, PTPK_A_SERVO_MAX_FREQUENCY, 900000000);
	mnl_attr_put_u32(nlh, PTPK_A_SERVO_SANITY_FREQ_LIMIT, 200000000);
	mnl_attr_put_u64(nlh, PTPK_A_SERVO_OFFSET_THRESHOLD, 0);
	mnl_attr_put_u32(nlh, PTPK_A_SERVO_NUM_OFFSET_VALUES, 10);
	mnl_attr_put_u32(nlh, PTPK_A_SERVO_SYNC_INTERVAL, (uint32_t)-3);
	mnl_attr_put(nlh, PTPK_A_SERVO_HW_TIMESTAMPING, 0, NULL);
	mnl_attr_put_u32(nlh, PTPK_A_SERVO_HW_TS, 1);
	mnl_attr_put_u32(nlh, PTPK_A_SERVO_WRITE_PHASE_MODE, 0);
	mnl_attr_put_u64(nlh, PTPK_A_SERVO_OFFSET, (uint64_t)-12LL);
	mnl_attr_put_u64(nlh, PTPK_A_SERVO_FREQ, 1234567);
	mnl_attr_put_u32(nlh, PTPK_A_SERVO_DELAY_FILTER,
			 PTPK_DELAY_FILTER_MOVING_AVERAGE);
	mnl_attr_put_u32(nlh, PTPK_A_SERVO_DELAY_FILTER_LENGTH, 10);
	mnl_attr_put_u32(nlh, PTPK_A_SERVO_TSPROC_MODE,
			 PTPK_TSPROC_MODE_RAW_WEIGHT);
	mnl_attr_put_u32(nlh, PTPK_A_SERVO_OUTLIER_FACTOR, 8);
	mnl_attr_put_u64(nlh, PTPK_A_SERVO_DELAY, 9876);
	mnl_attr_put_u32(nlh, PTPK_A_SERVO_OWNER, TEST_PORTID);
	mnl_attr_put_u64(nlh, PTPK_A_SERVO_HOLDOVER_FREQ, 1200500);
	mnl_attr_put_u64(nlh, PTPK_A_SERVO_N_SAMPLES, 5000000000ULL);
	mnl_attr_put_u32(nlh, PTPK_A_SERVO_N_STEPS, 1);
	mnl_attr_put_u32(nlh, PTPK_A_SERVO_N_RESETS, 0);
	mnl_attr_put_u32(nlh, PTPK_A_SERVO_N_OUTLIERS, 2);
	mnl_attr_put_u64(nlh, 99, 5);	/* newer than us: ignored */
}

void test_put_sample(struct nlmsghdr *nlh)
{
	mnl_attr_put_u32(nlh, PTPK_A_SAMPLE_ID, 3);
	mnl_attr_put_u32(nlh, PTPK_A_SAMPLE_SEQ_ID, 17);
	mnl_attr_put_u32(nlh, PTPK_A_SAMPLE_STATE, PTPK_SERVO_STATE_LOCKED);
	mnl_attr_put_u64(nlh, PTPK_A_SAMPLE_OFFSET, (uint64_t)-12LL);
	mnl_attr_put_u64(nlh, PTPK_A_SAMPLE_FREQ, 1234567);
	mnl_attr_put_u64(nlh, PTPK_A_SAMPLE_DELAY, 9876);
	mnl_attr_put_u64(nlh, PTPK_A_SAMPLE_DELAY_RAW, 9900);
	mnl_attr_put_u64(nlh, PTPK_A_SAMPLE_WEIGHT, 997575758);
	mnl_attr_put_u32(nlh, PTPK_A_SAMPLE_FLAGS, PTPK_SAMPLE_FLAGS_STEPPED);
	mnl_attr_put_u32(nlh, 200, 1);	/* newer than us: ignored */
}

int test_same_attrs(const struct nlmsghdr *got, const struct nlmsghdr *want)
{
	const unsigned char *g = (const unsigned char *)got + NLMSG_HDRLEN;
	const unsigned char *w = (const unsigned char *)want + NLMSG_HDRLEN;
	size_t glen = got->nlmsg_len - NLMSG_HDRLEN;
	size_t wlen = want->nlmsg_len - NLMSG_HDRLEN, i;

	if (glen == wlen && !memcmp(g, w, glen))
		return 0;
	printf("# genl header and attributes differ (got %zu bytes, expected %zu)\n#  got:",
	       glen, wlen);
	for (i = 0; i < glen; i++)
		printf("%s%02x", i && i % 16 == 0 ? "\n#      " : " ", g[i]);
	printf("\n# want:");
	for (i = 0; i < wlen; i++)
		printf("%s%02x", i && i % 16 == 0 ? "\n#      " : " ", w[i]);
	printf("\n");
	return 1;
}

/* The fake kernel. */

void fake_init(struct fake *f)
{
	memset(f, 0, sizeof(*f));
}

static char *dgram_end(struct fake *f)
{
	char *d = f->dgram[f->tail % FAKE_QLEN];

	if (f->cur) {
		f->dlen[f->tail % FAKE_QLEN] =
			(size_t)((char *)f->cur - d) + MNL_ALIGN(f->cur->nlmsg_len);
		f->cur = NULL;
	}
	return d + f->dlen[f->tail % FAKE_QLEN];
}

static struct nlmsghdr *start(struct fake *f, uint16_t type, uint8_t cmd,
			      uint16_t flags, uint32_t seq, uint32_t portid)
{
	if (f->tail - f->head >= FAKE_QLEN)
		abort();
	f->cur = test_genl_msg(dgram_end(f), type, cmd, flags, seq, portid);
	return f->cur;
}

struct nlmsghdr *fake_reply(struct fake *f, const struct nlmsghdr *req,
			    uint8_t cmd, uint16_t flags)
{
	return start(f, req->nlmsg_type, cmd, flags, req->nlmsg_seq,
		     TEST_PORTID);
}

struct nlmsghdr *fake_notify(struct fake *f, uint8_t cmd)
{
	return start(f, TEST_FAMILY, cmd, 0, 0, 0);
}

void fake_error(struct fake *f, const struct nlmsghdr *req, int error,
		const char *msg)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(dgram_end(f));
	struct nlmsgerr *e;

	nlh->nlmsg_type = NLMSG_ERROR;
	nlh->nlmsg_flags = NLM_F_CAPPED | (msg ? NLM_F_ACK_TLVS : 0);
	nlh->nlmsg_seq = req->nlmsg_seq;
	nlh->nlmsg_pid = TEST_PORTID;
	e = mnl_nlmsg_put_extra_header(nlh, sizeof(*e));
	e->error = error;
	e->msg = *req;
	if (msg)
		mnl_attr_put_strz(nlh, NLMSGERR_ATTR_MSG, msg);
	f->cur = nlh;
}

void fake_done(struct fake *f, const struct nlmsghdr *req)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(dgram_end(f));
	int *err;

	nlh->nlmsg_type = NLMSG_DONE;
	nlh->nlmsg_flags = NLM_F_MULTI;
	nlh->nlmsg_seq = req->nlmsg_seq;
	nlh->nlmsg_pid = TEST_PORTID;
	err = mnl_nlmsg_put_extra_header(nlh, sizeof(*err));
	*err = 0;
	f->cur = nlh;
}

void fake_flush(struct fake *f)
{
	dgram_end(f);
	if (f->dlen[f->tail % FAKE_QLEN])
		f->tail++;
	f->dlen[f->tail % FAKE_QLEN] = 0;
}

static void answer_getfamily(struct fake *f, const struct nlmsghdr *req)
{
	struct nlmsghdr *nlh;
	struct nlattr *grps, *grp;

	if (f->no_family) {
		fake_error(f, req, -ENOENT, NULL);
		fake_flush(f);
		return;
	}
	nlh = fake_reply(f, req, CTRL_CMD_NEWFAMILY, 0);
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, PTPK_FAMILY_NAME);
	mnl_attr_put_u16(nlh, CTRL_ATTR_FAMILY_ID, TEST_FAMILY);
	mnl_attr_put_u32(nlh, CTRL_ATTR_VERSION, PTPK_FAMILY_VERSION);
	grps = mnl_attr_nest_start(nlh, CTRL_ATTR_MCAST_GROUPS);
	grp = mnl_attr_nest_start(nlh, 1);
	mnl_attr_put_u32(nlh, CTRL_ATTR_MCAST_GRP_ID, TEST_MCGRP);
	mnl_attr_put_strz(nlh, CTRL_ATTR_MCAST_GRP_NAME, PTPK_MCGRP_MONITOR);
	mnl_attr_nest_end(nlh, grp);
	mnl_attr_nest_end(nlh, grps);
	fake_error(f, req, 0, NULL);	/* the ack, in the same datagram */
	fake_flush(f);
}

static int fake_send(void *priv, const void *buf, size_t len)
{
	const struct nlmsghdr *req = buf;
	struct fake *f = priv;

	if (len < sizeof(*req) || req->nlmsg_len != len)
		abort();
	if (req->nlmsg_type == GENL_ID_CTRL) {
		answer_getfamily(f, req);
		return 0;
	}
	if (req->nlmsg_type != TEST_FAMILY)
		abort();
	f->n_requests++;
	if (f->handler)
		f->handler(f, req);
	return 0;
}

static ssize_t fake_recv(void *priv, void *buf, size_t len,
			 const sigset_t *sigmask)
{
	struct fake *f = priv;
	size_t n;

	(void)sigmask;
	if (f->head == f->tail) {
		if (!f->stop)
			return -ETIMEDOUT;	/* a real kernel would hang */
		*f->stop = 1;
		return -EINTR;
	}
	n = f->dlen[f->head % FAKE_QLEN];
	if (n > len)
		abort();
	memcpy(buf, f->dgram[f->head % FAKE_QLEN], n);
	f->head++;
	return (ssize_t)n;
}

static int fake_join(void *priv, uint32_t group)
{
	struct fake *f = priv;

	f->joined = group;
	if (f->on_join)
		f->on_join(f, NULL);
	return 0;
}

const struct nl_transport fake_transport = {
	.send = fake_send,
	.recv = fake_recv,
	.join = fake_join,
};
