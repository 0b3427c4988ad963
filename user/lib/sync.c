// SPDX-License-Identifier: GPL-2.0
/* Sync jobs (sync-new, sync-del, sync-get, sync-set), see libptpk.h. */
#include <errno.h>
#include <string.h>

#include <libmnl/libmnl.h>

#include "libptpk.h"

_Static_assert(PTPK_A_SYNC_MAX < 32, "sync present mask is a u32");

#define SYNC_BIT(n) ((uint32_t)1 << (n))

int ptpk_sync_parse(const struct nlmsghdr *nlh, struct ptpk_sync *j)
{
	const struct nlattr *a;
	unsigned int type;
	int err;

	memset(j, 0, sizeof(*j));
	mnl_attr_for_each(a, nlh, nl_genl_hdrlen()) {
		type = mnl_attr_get_type(a);
		switch (type) {
		case PTPK_A_SYNC_ID:
		case PTPK_A_SYNC_SERVO:
		case PTPK_A_SYNC_RATE:
		case PTPK_A_SYNC_READINGS:
		case PTPK_A_SYNC_UTC_OFFSET:
			if (mnl_attr_validate(a, MNL_TYPE_U32) < 0)
				return -EPROTO;
			break;
		case PTPK_A_SYNC_OFFSET:
		case PTPK_A_SYNC_DELAY:
		case PTPK_A_SYNC_N_MEASUREMENTS:
		case PTPK_A_SYNC_N_REJECTED:
			if (mnl_attr_validate(a, MNL_TYPE_U64) < 0)
				return -EPROTO;
			break;
		case PTPK_A_SYNC_SOURCE:
			if (mnl_attr_validate(a, MNL_TYPE_NESTED) < 0)
				return -EPROTO;
			err = ptpk_clock_parse_nest(a, &j->source);
			if (err)
				return err;
			break;
		default:
			continue;	/* newer than us */
		}
		switch (type) {
		case PTPK_A_SYNC_ID:
			j->id = mnl_attr_get_u32(a);
			break;
		case PTPK_A_SYNC_SERVO:
			j->servo = mnl_attr_get_u32(a);
			break;
		case PTPK_A_SYNC_RATE:
			j->rate = mnl_attr_get_u32(a);
			break;
		case PTPK_A_SYNC_READINGS:
			j->readings = mnl_attr_get_u32(a);
			break;
		case PTPK_A_SYNC_UTC_OFFSET:
			j->utc_offset = (int32_t)mnl_attr_get_u32(a);
			break;
		case PTPK_A_SYNC_OFFSET:
			j->offset = (int64_t)mnl_attr_get_u64(a);
			break;
		case PTPK_A_SYNC_DELAY:
			j->delay = (int64_t)mnl_attr_get_u64(a);
			break;
		case PTPK_A_SYNC_N_MEASUREMENTS:
			j->n_measurements = mnl_attr_get_u64(a);
			break;
		case PTPK_A_SYNC_N_REJECTED:
			j->n_rejected = mnl_attr_get_u64(a);
			break;
		}
		PTPK_SET(j, type);
	}
	return 0;
}

static uint32_t sync_request_attrs(uint8_t cmd)
{
	const uint32_t params = SYNC_BIT(PTPK_A_SYNC_RATE) |
				SYNC_BIT(PTPK_A_SYNC_READINGS) |
				SYNC_BIT(PTPK_A_SYNC_UTC_OFFSET);

	switch (cmd) {
	case PTPK_CMD_SYNC_NEW:
		return params | SYNC_BIT(PTPK_A_SYNC_SERVO) |
		       SYNC_BIT(PTPK_A_SYNC_SOURCE);
	case PTPK_CMD_SYNC_SET:
		return params | SYNC_BIT(PTPK_A_SYNC_ID);
	default:
		return SYNC_BIT(PTPK_A_SYNC_ID);
	}
}

void ptpk_sync_put(struct nlmsghdr *nlh, const struct ptpk_sync *j,
		   uint8_t cmd)
{
	uint32_t attrs = j->present & sync_request_attrs(cmd);
	struct nlattr *nest;

	if (attrs & SYNC_BIT(PTPK_A_SYNC_ID))
		mnl_attr_put_u32(nlh, PTPK_A_SYNC_ID, j->id);
	if (attrs & SYNC_BIT(PTPK_A_SYNC_SERVO))
		mnl_attr_put_u32(nlh, PTPK_A_SYNC_SERVO, j->servo);
	if (attrs & SYNC_BIT(PTPK_A_SYNC_SOURCE)) {
		nest = mnl_attr_nest_start(nlh, PTPK_A_SYNC_SOURCE);
		ptpk_clock_put_sel(nlh, &j->source);
		mnl_attr_nest_end(nlh, nest);
	}
	if (attrs & SYNC_BIT(PTPK_A_SYNC_RATE))
		mnl_attr_put_u32(nlh, PTPK_A_SYNC_RATE, j->rate);
	if (attrs & SYNC_BIT(PTPK_A_SYNC_READINGS))
		mnl_attr_put_u32(nlh, PTPK_A_SYNC_READINGS, j->readings);
	if (attrs & SYNC_BIT(PTPK_A_SYNC_UTC_OFFSET))
		mnl_attr_put_u32(nlh, PTPK_A_SYNC_UTC_OFFSET,
				 (uint32_t)j->utc_offset);
}

/* The single reply of a do request, parsed into out. */
struct one {
	struct ptpk_sync *out;
	bool got;
};

static int one_cb(const struct nlmsghdr *nlh, void *data)
{
	struct one *o = data;
	int err;

	if (o->got)
		return 0;
	err = ptpk_sync_parse(nlh, o->out);
	if (!err)
		o->got = true;
	return err;
}

static int sync_do(struct ptpk *p, uint8_t cmd, const struct ptpk_sync *req,
		   struct ptpk_sync *out)
{
	struct nl_sock *nl = ptpk_nl(p);
	struct nlmsghdr *nlh = nl_msg_start(nl, cmd, 0);
	struct ptpk_sync tmp;
	struct one o = { .out = out ? out : &tmp };
	int err;

	ptpk_sync_put(nlh, req, cmd);
	err = nl_request(nl, nlh, one_cb, &o);
	if (!err && !o.got)
		err = -EPROTO;	/* new, get and set always reply */
	return err;
}

int ptpk_sync_new(struct ptpk *p, const struct ptpk_sync *req,
		  struct ptpk_sync *out)
{
	return sync_do(p, PTPK_CMD_SYNC_NEW, req, out);
}

int ptpk_sync_get(struct ptpk *p, uint32_t id, struct ptpk_sync *out)
{
	struct ptpk_sync req = { .id = id };

	PTPK_SET(&req, PTPK_A_SYNC_ID);
	return sync_do(p, PTPK_CMD_SYNC_GET, &req, out);
}

int ptpk_sync_set(struct ptpk *p, const struct ptpk_sync *req,
		  struct ptpk_sync *out)
{
	return sync_do(p, PTPK_CMD_SYNC_SET, req, out);
}

int ptpk_sync_del(struct ptpk *p, uint32_t id)
{
	struct nl_sock *nl = ptpk_nl(p);
	struct nlmsghdr *nlh = nl_msg_start(nl, PTPK_CMD_SYNC_DEL, 0);

	mnl_attr_put_u32(nlh, PTPK_A_SYNC_ID, id);
	return nl_request(nl, nlh, NULL, NULL);
}

struct dump {
	ptpk_sync_cb cb;
	void *data;
};

static int dump_cb(const struct nlmsghdr *nlh, void *data)
{
	struct dump *d = data;
	struct ptpk_sync j;
	int err;

	err = ptpk_sync_parse(nlh, &j);
	return err ? err : d->cb(&j, d->data);
}

int ptpk_sync_dump(struct ptpk *p, ptpk_sync_cb cb, void *data)
{
	struct nl_sock *nl = ptpk_nl(p);
	struct nlmsghdr *nlh = nl_msg_start(nl, PTPK_CMD_SYNC_GET, NLM_F_DUMP);
	struct dump d = { .cb = cb, .data = data };

	return nl_request(nl, nlh, dump_cb, &d);
}

struct listen {
	ptpk_sample_cb cb;
	void *data;
};

static int listen_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct genlmsghdr *genl = mnl_nlmsg_get_payload(nlh);
	struct listen *l = data;
	struct ptpk_sample smp;
	int err;

	if (genl->cmd != PTPK_CMD_SAMPLE_NTF)
		return 0;
	err = ptpk_sample_parse(nlh, &smp);
	return err ? err : l->cb(&smp, l->data);
}

int ptpk_sample_listen(struct ptpk *p, ptpk_sample_cb cb, void *data,
		       volatile sig_atomic_t *stop, const sigset_t *sigmask)
{
	struct listen l = { .cb = cb, .data = data };

	return nl_listen(ptpk_nl(p), listen_cb, &l, stop, sigmask);
}
