// SPDX-License-Identifier: GPL-2.0
/* The typed ptpk API, see libptpk.h. */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <libmnl/libmnl.h>

#include "libptpk.h"

_Static_assert(PTPK_A_SERVO_MAX < 64, "servo present mask is a u64");
_Static_assert(PTPK_A_CLOCK_MAX < 32, "clock present mask is a u32");
_Static_assert(PTPK_A_SAMPLE_MAX < 32, "sample present mask is a u32");

struct ptpk {
	struct nl_sock nl;
};

/* Attribute payload types, for validation and for building requests. */
enum { T_NONE, T_U32, T_S32, T_S64, T_U64, T_STR, T_NEST, T_FLAG };

static const uint8_t servo_types[PTPK_A_SERVO_MAX + 1] = {
	[PTPK_A_SERVO_ID] = T_U32,
	[PTPK_A_SERVO_CLOCK] = T_NEST,
	[PTPK_A_SERVO_KIND] = T_U32,
	[PTPK_A_SERVO_STATE] = T_U32,
	[PTPK_A_SERVO_NAME] = T_STR,
	[PTPK_A_SERVO_PI_PROPORTIONAL_CONST] = T_S64,
	[PTPK_A_SERVO_PI_PROPORTIONAL_SCALE] = T_S64,
	[PTPK_A_SERVO_PI_PROPORTIONAL_EXPONENT] = T_S64,
	[PTPK_A_SERVO_PI_PROPORTIONAL_NORM_MAX] = T_S64,
	[PTPK_A_SERVO_PI_INTEGRAL_CONST] = T_S64,
	[PTPK_A_SERVO_PI_INTEGRAL_SCALE] = T_S64,
	[PTPK_A_SERVO_PI_INTEGRAL_EXPONENT] = T_S64,
	[PTPK_A_SERVO_PI_INTEGRAL_NORM_MAX] = T_S64,
	[PTPK_A_SERVO_STEP_THRESHOLD] = T_S64,
	[PTPK_A_SERVO_FIRST_STEP_THRESHOLD] = T_S64,
	[PTPK_A_SERVO_MAX_FREQUENCY] = T_U32,
	[PTPK_A_SERVO_SANITY_FREQ_LIMIT] = T_U32,
	[PTPK_A_SERVO_OFFSET_THRESHOLD] = T_S64,
	[PTPK_A_SERVO_NUM_OFFSET_VALUES] = T_U32,
	[PTPK_A_SERVO_SYNC_INTERVAL] = T_S32,
	[PTPK_A_SERVO_HW_TIMESTAMPING] = T_FLAG,
	[PTPK_A_SERVO_OFFSET] = T_S64,
	[PTPK_A_SERVO_FREQ] = T_S64,
	[PTPK_A_SERVO_DELAY_FILTER] = T_U32,
	[PTPK_A_SERVO_DELAY_FILTER_LENGTH] = T_U32,
	[PTPK_A_SERVO_TSPROC_MODE] = T_U32,
	[PTPK_A_SERVO_OUTLIER_FACTOR] = T_U32,
	[PTPK_A_SERVO_DELAY] = T_S64,
	[PTPK_A_SERVO_OWNER] = T_U32,
	[PTPK_A_SERVO_ORPHANED] = T_FLAG,
	[PTPK_A_SERVO_HOLDOVER_FREQ] = T_S64,
	[PTPK_A_SERVO_N_SAMPLES] = T_U64,
	[PTPK_A_SERVO_N_STEPS] = T_U32,
	[PTPK_A_SERVO_N_RESETS] = T_U32,
	[PTPK_A_SERVO_N_OUTLIERS] = T_U32,
	[PTPK_A_SERVO_HW_TS] = T_U32,
	[PTPK_A_SERVO_WRITE_PHASE_MODE] = T_U32,
};

static const uint8_t sample_types[PTPK_A_SAMPLE_MAX + 1] = {
	[PTPK_A_SAMPLE_ID] = T_U32,
	[PTPK_A_SAMPLE_SEQ_ID] = T_U32,
	[PTPK_A_SAMPLE_SYNC_INTERVAL] = T_S32,
	[PTPK_A_SAMPLE_T1] = T_S64,
	[PTPK_A_SAMPLE_T2] = T_S64,
	[PTPK_A_SAMPLE_T3] = T_S64,
	[PTPK_A_SAMPLE_T4] = T_S64,
	[PTPK_A_SAMPLE_CORR_SYNC] = T_S64,
	[PTPK_A_SAMPLE_CORR_DELAY] = T_S64,
	[PTPK_A_SAMPLE_PEER_DELAY] = T_S64,
	[PTPK_A_SAMPLE_OFFSET] = T_S64,
	[PTPK_A_SAMPLE_LOCAL_TS] = T_S64,
	[PTPK_A_SAMPLE_STATE] = T_U32,
	[PTPK_A_SAMPLE_FREQ] = T_S64,
	[PTPK_A_SAMPLE_DELAY] = T_S64,
	[PTPK_A_SAMPLE_DELAY_RAW] = T_S64,
	[PTPK_A_SAMPLE_WEIGHT] = T_S64,
	[PTPK_A_SAMPLE_FLAGS] = T_U32,
	[PTPK_A_SAMPLE_MONO_TS] = T_S64,
};

static int validate(const struct nlattr *a, int type)
{
	switch (type) {
	case T_U32:
	case T_S32:
		return mnl_attr_validate(a, MNL_TYPE_U32);
	case T_S64:
	case T_U64:
		return mnl_attr_validate(a, MNL_TYPE_U64);
	case T_STR:
		return mnl_attr_validate(a, MNL_TYPE_NUL_STRING);
	case T_NEST:
		return mnl_attr_validate(a, MNL_TYPE_NESTED);
	case T_FLAG:
		return mnl_attr_validate(a, MNL_TYPE_FLAG);
	}
	return 0;
}

static void copy_str(char *dst, size_t len, const struct nlattr *a)
{
	snprintf(dst, len, "%s", mnl_attr_get_str(a));
}

/* Parsers. */

int ptpk_info_parse(const struct nlmsghdr *nlh, struct ptpk_info *info)
{
	const struct nlattr *a;
	unsigned int type;

	memset(info, 0, sizeof(*info));
	mnl_attr_for_each(a, nlh, nl_genl_hdrlen()) {
		type = mnl_attr_get_type(a);
		switch (type) {
		case PTPK_A_INFO_VERSION:
			if (validate(a, T_STR) < 0)
				return -EPROTO;
			copy_str(info->version, sizeof(info->version), a);
			break;
		case PTPK_A_INFO_API:
			if (validate(a, T_U32) < 0)
				return -EPROTO;
			info->api = mnl_attr_get_u32(a);
			break;
		case PTPK_A_INFO_KERNEL:
			if (validate(a, T_STR) < 0)
				return -EPROTO;
			copy_str(info->kernel, sizeof(info->kernel), a);
			break;
		default:
			continue;
		}
		PTPK_SET(info, type);
	}
	return 0;
}

static int netdev_parse(const struct nlattr *nest, struct ptpk_netdev *nd)
{
	const struct nlattr *a;

	memset(nd, 0, sizeof(*nd));
	mnl_attr_for_each_nested(a, nest) {
		switch (mnl_attr_get_type(a)) {
		case PTPK_A_NETDEV_IFINDEX:
			if (validate(a, T_U32) < 0)
				return -EPROTO;
			nd->ifindex = mnl_attr_get_u32(a);
			break;
		case PTPK_A_NETDEV_IFNAME:
			if (validate(a, T_STR) < 0)
				return -EPROTO;
			copy_str(nd->ifname, sizeof(nd->ifname), a);
			break;
		}
	}
	return 0;
}

static int clock_attr(const struct nlattr *a, struct ptpk_clock *c)
{
	unsigned int type = mnl_attr_get_type(a);
	uint32_t *u32 = NULL;
	int err;

	switch (type) {
	case PTPK_A_CLOCK_TYPE:
		u32 = &c->type;
		break;
	case PTPK_A_CLOCK_PHC_INDEX:
		u32 = &c->phc_index;
		break;
	case PTPK_A_CLOCK_IFINDEX:
		u32 = &c->ifindex;
		break;
	case PTPK_A_CLOCK_MAX_ADJ:
		u32 = &c->max_adj;
		break;
	case PTPK_A_CLOCK_N_PINS:
		u32 = &c->n_pins;
		break;
	case PTPK_A_CLOCK_N_EXT_TS:
		u32 = &c->n_ext_ts;
		break;
	case PTPK_A_CLOCK_N_PER_OUT:
		u32 = &c->n_per_out;
		break;
	case PTPK_A_CLOCK_PPS:
		u32 = &c->pps;
		break;
	case PTPK_A_CLOCK_DEV_PATH:
	case PTPK_A_CLOCK_IFNAME:
	case PTPK_A_CLOCK_NAME:
		if (validate(a, T_STR) < 0)
			return -EPROTO;
		if (type == PTPK_A_CLOCK_DEV_PATH)
			copy_str(c->dev_path, sizeof(c->dev_path), a);
		else if (type == PTPK_A_CLOCK_IFNAME)
			copy_str(c->ifname, sizeof(c->ifname), a);
		else
			copy_str(c->name, sizeof(c->name), a);
		break;
	case PTPK_A_CLOCK_NETDEV:
		if (validate(a, T_NEST) < 0)
			return -EPROTO;
		if (c->n_netdevs < PTPK_MAX_NETDEVS) {
			err = netdev_parse(a, &c->netdev[c->n_netdevs]);
			if (err)
				return err;
			c->n_netdevs++;
		}
		break;
	default:
		return 0;	/* newer than us */
	}
	if (u32) {
		if (validate(a, T_U32) < 0)
			return -EPROTO;
		*u32 = mnl_attr_get_u32(a);
	}
	PTPK_SET(c, type);
	return 0;
}

int ptpk_clock_parse(const struct nlmsghdr *nlh, struct ptpk_clock *c)
{
	const struct nlattr *a;
	int err;

	memset(c, 0, sizeof(*c));
	mnl_attr_for_each(a, nlh, nl_genl_hdrlen()) {
		err = clock_attr(a, c);
		if (err)
			return err;
	}
	return 0;
}

int ptpk_clock_parse_nest(const struct nlattr *nest, struct ptpk_clock *c)
{
	const struct nlattr *a;
	int err;

	memset(c, 0, sizeof(*c));
	mnl_attr_for_each_nested(a, nest) {
		err = clock_attr(a, c);
		if (err)
			return err;
	}
	return 0;
}

int ptpk_servo_parse(const struct nlmsghdr *nlh, struct ptpk_servo *s)
{
	const struct nlattr *a;
	unsigned int type;
	int err;

	memset(s, 0, sizeof(*s));
	mnl_attr_for_each(a, nlh, nl_genl_hdrlen()) {
		type = mnl_attr_get_type(a);
		if (type > PTPK_A_SERVO_MAX || servo_types[type] == T_NONE)
			continue;
		if (validate(a, servo_types[type]) < 0)
			return -EPROTO;
		switch (type) {
		case PTPK_A_SERVO_ID:
			s->id = mnl_attr_get_u32(a);
			break;
		case PTPK_A_SERVO_CLOCK:
			err = ptpk_clock_parse_nest(a, &s->clock);
			if (err)
				return err;
			break;
		case PTPK_A_SERVO_KIND:
			s->kind = mnl_attr_get_u32(a);
			break;
		case PTPK_A_SERVO_STATE:
			s->state = mnl_attr_get_u32(a);
			break;
		case PTPK_A_SERVO_NAME:
			copy_str(s->name, sizeof(s->name), a);
			break;
		default:
			switch (servo_types[type]) {
			case T_U32:
				s->val[type] = mnl_attr_get_u32(a);
				break;
			case T_S32:
				s->val[type] = (int32_t)mnl_attr_get_u32(a);
				break;
			case T_S64:
			case T_U64:	/* counters: 2^63 is far away */
				s->val[type] = (int64_t)mnl_attr_get_u64(a);
				break;
			case T_FLAG:
				s->val[type] = 1;
				break;
			}
		}
		PTPK_SET(s, type);
	}
	return 0;
}

/* Where each sample attribute lives in struct ptpk_sample. */
#define SAMPLE_FIELD(attr, field) \
	[PTPK_A_SAMPLE_##attr] = offsetof(struct ptpk_sample, field)

static const uint8_t sample_offs[PTPK_A_SAMPLE_MAX + 1] = {
	SAMPLE_FIELD(ID, id),
	SAMPLE_FIELD(SEQ_ID, seq_id),
	SAMPLE_FIELD(SYNC_INTERVAL, sync_interval),
	SAMPLE_FIELD(T1, t1),
	SAMPLE_FIELD(T2, t2),
	SAMPLE_FIELD(T3, t3),
	SAMPLE_FIELD(T4, t4),
	SAMPLE_FIELD(CORR_SYNC, corr_sync),
	SAMPLE_FIELD(CORR_DELAY, corr_delay),
	SAMPLE_FIELD(PEER_DELAY, peer_delay),
	SAMPLE_FIELD(OFFSET, offset),
	SAMPLE_FIELD(LOCAL_TS, local_ts),
	SAMPLE_FIELD(STATE, state),
	SAMPLE_FIELD(FREQ, freq),
	SAMPLE_FIELD(DELAY, delay),
	SAMPLE_FIELD(DELAY_RAW, delay_raw),
	SAMPLE_FIELD(WEIGHT, weight),
	SAMPLE_FIELD(FLAGS, flags),
	SAMPLE_FIELD(MONO_TS, mono_ts),
};

_Static_assert(sizeof(struct ptpk_sample) <= 255, "offsets fit a u8");

int ptpk_sample_parse(const struct nlmsghdr *nlh, struct ptpk_sample *smp)
{
	const struct nlattr *a;
	unsigned int type;
	char *field;
	int64_t v64;
	uint32_t v32;

	memset(smp, 0, sizeof(*smp));
	mnl_attr_for_each(a, nlh, nl_genl_hdrlen()) {
		type = mnl_attr_get_type(a);
		if (type > PTPK_A_SAMPLE_MAX || sample_types[type] == T_NONE)
			continue;
		if (validate(a, sample_types[type]) < 0)
			return -EPROTO;
		field = (char *)smp + sample_offs[type];
		if (sample_types[type] == T_S64) {
			v64 = (int64_t)mnl_attr_get_u64(a);
			memcpy(field, &v64, sizeof(v64));
		} else {
			/* u32 and s32 share a representation */
			v32 = mnl_attr_get_u32(a);
			memcpy(field, &v32, sizeof(v32));
		}
		PTPK_SET(smp, type);
	}
	return 0;
}

/* Builders. */

void ptpk_clock_put_sel(struct nlmsghdr *nlh, const struct ptpk_clock *sel)
{
	if (PTPK_HAS(sel, PTPK_A_CLOCK_TYPE))
		mnl_attr_put_u32(nlh, PTPK_A_CLOCK_TYPE, sel->type);
	if (PTPK_HAS(sel, PTPK_A_CLOCK_PHC_INDEX))
		mnl_attr_put_u32(nlh, PTPK_A_CLOCK_PHC_INDEX, sel->phc_index);
	if (PTPK_HAS(sel, PTPK_A_CLOCK_DEV_PATH))
		mnl_attr_put_strz(nlh, PTPK_A_CLOCK_DEV_PATH, sel->dev_path);
	if (PTPK_HAS(sel, PTPK_A_CLOCK_IFINDEX))
		mnl_attr_put_u32(nlh, PTPK_A_CLOCK_IFINDEX, sel->ifindex);
	if (PTPK_HAS(sel, PTPK_A_CLOCK_IFNAME))
		mnl_attr_put_strz(nlh, PTPK_A_CLOCK_IFNAME, sel->ifname);
}

#define BIT(n) ((uint64_t)1 << (n))
/* What servo-new and servo-set take; never the hw-timestamping flag. */
#define SERVO_PARAMS (((BIT(PTPK_A_SERVO_SYNC_INTERVAL + 1) - 1) & \
		       ~(BIT(PTPK_A_SERVO_PI_PROPORTIONAL_CONST) - 1)) | \
		      BIT(PTPK_A_SERVO_NAME) | BIT(PTPK_A_SERVO_HW_TS) | \
		      BIT(PTPK_A_SERVO_DELAY_FILTER) | \
		      BIT(PTPK_A_SERVO_DELAY_FILTER_LENGTH) | \
		      BIT(PTPK_A_SERVO_TSPROC_MODE) | \
		      BIT(PTPK_A_SERVO_OUTLIER_FACTOR) | \
		      BIT(PTPK_A_SERVO_WRITE_PHASE_MODE))

static uint64_t servo_request_attrs(uint8_t cmd)
{
	switch (cmd) {
	case PTPK_CMD_SERVO_NEW:
		return SERVO_PARAMS | BIT(PTPK_A_SERVO_CLOCK) |
		       BIT(PTPK_A_SERVO_KIND);
	case PTPK_CMD_SERVO_SET:
		return SERVO_PARAMS | BIT(PTPK_A_SERVO_ID);
	default:
		return BIT(PTPK_A_SERVO_ID);
	}
}

void ptpk_servo_put(struct nlmsghdr *nlh, const struct ptpk_servo *s,
		    uint8_t cmd)
{
	uint64_t attrs = s->present & servo_request_attrs(cmd);
	struct nlattr *nest;
	unsigned int type;
	int64_t hw_ts = s->val[PTPK_A_SERVO_HW_TS];

	/* The old flag could only set the mode: say so with hw-ts. */
	if ((servo_request_attrs(cmd) & BIT(PTPK_A_SERVO_HW_TS)) &&
	    PTPK_HAS(s, PTPK_A_SERVO_HW_TIMESTAMPING) &&
	    !PTPK_HAS(s, PTPK_A_SERVO_HW_TS)) {
		attrs |= BIT(PTPK_A_SERVO_HW_TS);
		hw_ts = 1;
	}
	for (type = 1; type <= PTPK_A_SERVO_MAX; type++) {
		if (!(attrs & BIT(type)))
			continue;
		switch (type) {
		case PTPK_A_SERVO_HW_TS:
			mnl_attr_put_u32(nlh, type, (uint32_t)hw_ts);
			continue;
		case PTPK_A_SERVO_ID:
			mnl_attr_put_u32(nlh, type, s->id);
			continue;
		case PTPK_A_SERVO_CLOCK:
			nest = mnl_attr_nest_start(nlh, type);
			ptpk_clock_put_sel(nlh, &s->clock);
			mnl_attr_nest_end(nlh, nest);
			continue;
		case PTPK_A_SERVO_KIND:
			mnl_attr_put_u32(nlh, type, s->kind);
			continue;
		case PTPK_A_SERVO_NAME:
			mnl_attr_put_strz(nlh, type, s->name);
			continue;
		}
		switch (servo_types[type]) {
		case T_U32:
		case T_S32:
			mnl_attr_put_u32(nlh, type, (uint32_t)s->val[type]);
			break;
		case T_S64:
		case T_U64:
			mnl_attr_put_u64(nlh, type, (uint64_t)s->val[type]);
			break;
		case T_FLAG:
			mnl_attr_put(nlh, type, 0, NULL);
			break;
		}
	}
}

bool ptpk_servo_hw_ts(const struct ptpk_servo *s)
{
	if (PTPK_HAS(s, PTPK_A_SERVO_HW_TS))
		return s->val[PTPK_A_SERVO_HW_TS] != 0;
	return PTPK_HAS(s, PTPK_A_SERVO_HW_TIMESTAMPING);
}

#define SAMPLE_BIT(n) ((uint32_t)1 << (n))
/* What servo-sample takes besides the id, in attribute order. */
#define SAMPLE_REQUEST (((SAMPLE_BIT(PTPK_A_SAMPLE_LOCAL_TS + 1) - 1) & \
			 ~(SAMPLE_BIT(PTPK_A_SAMPLE_SEQ_ID) - 1)) | \
			SAMPLE_BIT(PTPK_A_SAMPLE_DELAY))

void ptpk_sample_put(struct nlmsghdr *nlh, const struct ptpk_sample *smp)
{
	uint32_t attrs = smp->present & SAMPLE_REQUEST;
	const char *field;
	unsigned int type;
	int64_t v64;
	uint32_t v32;

	mnl_attr_put_u32(nlh, PTPK_A_SAMPLE_ID, smp->id);
	for (type = PTPK_A_SAMPLE_SEQ_ID; type <= PTPK_A_SAMPLE_MAX; type++) {
		if (!(attrs & SAMPLE_BIT(type)))
			continue;
		field = (const char *)smp + sample_offs[type];
		if (sample_types[type] == T_S64) {
			memcpy(&v64, field, sizeof(v64));
			mnl_attr_put_u64(nlh, type, (uint64_t)v64);
		} else {
			memcpy(&v32, field, sizeof(v32));
			mnl_attr_put_u32(nlh, type, v32);
		}
	}
}

/* Names. */

const char *ptpk_state_str(uint32_t state)
{
	static const char *const names[] = {
		[PTPK_SERVO_STATE_UNLOCKED] = "s0",
		[PTPK_SERVO_STATE_JUMP] = "s1",
		[PTPK_SERVO_STATE_LOCKED] = "s2",
		[PTPK_SERVO_STATE_LOCKED_STABLE] = "s3",
		[PTPK_SERVO_STATE_FAULT] = "fault",
	};

	return state <= PTPK_SERVO_STATE_MAX ? names[state] : "unknown";
}

const char *ptpk_state_word(uint32_t state)
{
	static const char *const names[] = {
		[PTPK_SERVO_STATE_UNLOCKED] = "unlocked",
		[PTPK_SERVO_STATE_JUMP] = "jump",
		[PTPK_SERVO_STATE_LOCKED] = "locked",
		[PTPK_SERVO_STATE_LOCKED_STABLE] = "locked-stable",
		[PTPK_SERVO_STATE_FAULT] = "fault",
	};

	return state <= PTPK_SERVO_STATE_MAX ? names[state] : "unknown";
}

const char *ptpk_kind_str(uint32_t kind)
{
	switch (kind) {
	case PTPK_SERVO_KIND_PI:
		return "pi";
	case PTPK_SERVO_KIND_LINREG:
		return "linreg";
	case PTPK_SERVO_KIND_NULLF:
		return "nullf";
	case PTPK_SERVO_KIND_NTPSHM:
		return "ntpshm";
	}
	return NULL;
}

uint32_t ptpk_kind_parse(const char *s)
{
	if (!strcmp(s, "pi"))
		return PTPK_SERVO_KIND_PI;
	if (!strcmp(s, "linreg"))
		return PTPK_SERVO_KIND_LINREG;
	if (!strcmp(s, "nullf"))
		return PTPK_SERVO_KIND_NULLF;
	if (!strcmp(s, "ntpshm"))
		return PTPK_SERVO_KIND_NTPSHM;
	return 0;
}

static const char *const sample_flags[] = {
	"stepped", "delay-outlier", "offset-outlier", "reset", "apply-freq",
	"no-delay", "fault",
};

_Static_assert(1u << (sizeof(sample_flags) / sizeof(sample_flags[0]) - 1) ==
	       PTPK_SAMPLE_FLAGS_FAULT, "a name for every sample flag");

const char *ptpk_sample_flag_str(uint32_t bit)
{
	unsigned int i;

	for (i = 0; i < sizeof(sample_flags) / sizeof(sample_flags[0]); i++) {
		if (bit == 1u << i)
			return sample_flags[i];
	}
	return NULL;
}

char *ptpk_sample_flags_format(uint32_t flags, char *buf, size_t len)
{
	const char *name;
	size_t used = 0;
	uint32_t bit, unknown = 0;
	int n;

	buf[0] = '\0';
	for (bit = 1; bit; bit <<= 1) {
		if (!(flags & bit))
			continue;
		name = ptpk_sample_flag_str(bit);
		if (!name) {
			unknown |= bit;
			continue;
		}
		n = snprintf(buf + used, len - used, "%s%s", used ? "," : "",
			     name);
		if (n < 0 || (size_t)n >= len - used)
			goto cut;
		used += (size_t)n;
	}
	if (unknown) {
		n = snprintf(buf + used, len - used, "%s0x%x",
			     used ? "," : "", unknown);
		if (n < 0 || (size_t)n >= len - used)
			goto cut;
	}
	return buf;
cut:
	buf[used] = '\0';	/* whole names only */
	return buf;
}

/* Requests. */

int ptpk_open_transport(struct ptpk **pp, const struct nl_transport *tp,
			void *priv, uint32_t portid)
{
	struct ptpk *p = calloc(1, sizeof(*p));
	int err;

	if (!p)
		return -ENOMEM;
	if (tp)
		err = nl_open_transport(&p->nl, PTPK_FAMILY_NAME, tp, priv,
					portid);
	else
		err = nl_open(&p->nl, PTPK_FAMILY_NAME);
	if (err) {
		free(p);
		return err;
	}
	*pp = p;
	return 0;
}

int ptpk_open(struct ptpk **pp)
{
	return ptpk_open_transport(pp, NULL, NULL, 0);
}

void ptpk_close(struct ptpk *p)
{
	if (!p)
		return;
	nl_close(&p->nl);
	free(p);
}

void ptpk_set_errfile(struct ptpk *p, FILE *f)
{
	p->nl.errf = f;
}

const char *ptpk_extack(const struct ptpk *p)
{
	return p->nl.extack;
}

struct nl_sock *ptpk_nl(struct ptpk *p)
{
	return &p->nl;
}

uint32_t ptpk_family_version(const struct ptpk *p)
{
	return p->nl.family_version;
}

/* Copies the single reply of a do request. */
struct reply {
	int (*parse)(const struct nlmsghdr *nlh, void *out);
	void *out;
	bool got;
};

static int reply_cb(const struct nlmsghdr *nlh, void *data)
{
	struct reply *r = data;
	int err;

	if (r->got)
		return 0;
	err = r->parse(nlh, r->out);
	if (!err)
		r->got = true;
	return err;
}

static int do_request(struct ptpk *p, struct nlmsghdr *nlh,
		      int (*parse)(const struct nlmsghdr *, void *), void *out,
		      bool need_reply)
{
	struct reply r = { .parse = parse, .out = out };
	int err;

	err = nl_request(&p->nl, nlh, out ? reply_cb : NULL, &r);
	if (!err && out && need_reply && !r.got)
		err = -EPROTO;
	return err;
}

static int info_parse(const struct nlmsghdr *nlh, void *out)
{
	return ptpk_info_parse(nlh, out);
}

static int clock_parse(const struct nlmsghdr *nlh, void *out)
{
	return ptpk_clock_parse(nlh, out);
}

static int servo_parse(const struct nlmsghdr *nlh, void *out)
{
	return ptpk_servo_parse(nlh, out);
}

static int sample_parse(const struct nlmsghdr *nlh, void *out)
{
	return ptpk_sample_parse(nlh, out);
}

int ptpk_info_get(struct ptpk *p, struct ptpk_info *info)
{
	struct nlmsghdr *nlh = nl_msg_start(&p->nl, PTPK_CMD_INFO_GET, 0);

	return do_request(p, nlh, info_parse, info, true);
}

int ptpk_clock_get(struct ptpk *p, const struct ptpk_clock *sel,
		   struct ptpk_clock *out)
{
	struct nlmsghdr *nlh = nl_msg_start(&p->nl, PTPK_CMD_CLOCK_GET, 0);

	ptpk_clock_put_sel(nlh, sel);
	return do_request(p, nlh, clock_parse, out, true);
}

struct clock_dump {
	ptpk_clock_cb cb;
	void *data;
};

static int clock_dump_cb(const struct nlmsghdr *nlh, void *data)
{
	struct clock_dump *d = data;
	struct ptpk_clock c;
	int err;

	err = ptpk_clock_parse(nlh, &c);
	return err ? err : d->cb(&c, d->data);
}

int ptpk_clock_dump(struct ptpk *p, ptpk_clock_cb cb, void *data)
{
	struct nlmsghdr *nlh = nl_msg_start(&p->nl, PTPK_CMD_CLOCK_GET,
					    NLM_F_DUMP);
	struct clock_dump d = { .cb = cb, .data = data };

	return nl_request(&p->nl, nlh, clock_dump_cb, &d);
}

struct servo_dump {
	ptpk_servo_cb cb;
	void *data;
};

static int servo_dump_cb(const struct nlmsghdr *nlh, void *data)
{
	struct servo_dump *d = data;
	struct ptpk_servo s;
	int err;

	err = ptpk_servo_parse(nlh, &s);
	return err ? err : d->cb(&s, d->data);
}

int ptpk_servo_dump(struct ptpk *p, ptpk_servo_cb cb, void *data)
{
	struct nlmsghdr *nlh = nl_msg_start(&p->nl, PTPK_CMD_SERVO_GET,
					    NLM_F_DUMP);
	struct servo_dump d = { .cb = cb, .data = data };

	return nl_request(&p->nl, nlh, servo_dump_cb, &d);
}

int ptpk_servo_new(struct ptpk *p, const struct ptpk_servo *req,
		   struct ptpk_servo *out)
{
	struct nlmsghdr *nlh = nl_msg_start(&p->nl, PTPK_CMD_SERVO_NEW, 0);

	ptpk_servo_put(nlh, req, PTPK_CMD_SERVO_NEW);
	return do_request(p, nlh, servo_parse, out, true);
}

int ptpk_servo_del(struct ptpk *p, uint32_t id)
{
	struct nlmsghdr *nlh = nl_msg_start(&p->nl, PTPK_CMD_SERVO_DEL, 0);

	mnl_attr_put_u32(nlh, PTPK_A_SERVO_ID, id);
	return do_request(p, nlh, NULL, NULL, false);
}

int ptpk_servo_get(struct ptpk *p, uint32_t id, struct ptpk_servo *out)
{
	struct nlmsghdr *nlh = nl_msg_start(&p->nl, PTPK_CMD_SERVO_GET, 0);

	mnl_attr_put_u32(nlh, PTPK_A_SERVO_ID, id);
	return do_request(p, nlh, servo_parse, out, true);
}

int ptpk_servo_set(struct ptpk *p, const struct ptpk_servo *req,
		   struct ptpk_servo *out)
{
	struct nlmsghdr *nlh = nl_msg_start(&p->nl, PTPK_CMD_SERVO_SET, 0);

	if (out)
		memset(out, 0, sizeof(*out));
	ptpk_servo_put(nlh, req, PTPK_CMD_SERVO_SET);
	return do_request(p, nlh, servo_parse, out, false);
}

int ptpk_servo_sample(struct ptpk *p, const struct ptpk_sample *req,
		      struct ptpk_sample *out)
{
	struct nlmsghdr *nlh = nl_msg_start(&p->nl, PTPK_CMD_SERVO_SAMPLE, 0);
	struct reply r = { .parse = sample_parse, .out = out };
	int err;

	ptpk_sample_put(nlh, req);	/* before out, which may be req */
	err = nl_request_reply(&p->nl, nlh, reply_cb, &r);
	if (!err && !r.got)
		err = -EPROTO;
	return err;
}

int ptpk_servo_adopt(struct ptpk *p, uint32_t id, struct ptpk_servo *out)
{
	struct nlmsghdr *nlh = nl_msg_start(&p->nl, PTPK_CMD_SERVO_ADOPT, 0);

	mnl_attr_put_u32(nlh, PTPK_A_SERVO_ID, id);
	return do_request(p, nlh, servo_parse, out, true);
}

struct monitor {
	ptpk_monitor_cb cb;
	void *data;
};

static int monitor_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct genlmsghdr *genl = mnl_nlmsg_get_payload(nlh);
	struct ptpk_event ev = { .cmd = genl->cmd };
	struct monitor *m = data;
	struct ptpk_sample smp;
	struct ptpk_servo s;
	int err;

	switch (genl->cmd) {
	case PTPK_CMD_SERVO_CREATE_NTF:
	case PTPK_CMD_SERVO_DELETE_NTF:
	case PTPK_CMD_SERVO_CHANGE_NTF:
		err = ptpk_servo_parse(nlh, &s);
		ev.servo = &s;
		break;
	case PTPK_CMD_SAMPLE_NTF:
		err = ptpk_sample_parse(nlh, &smp);
		ev.sample = &smp;
		break;
	default:
		return 0;
	}
	return err ? err : m->cb(&ev, m->data);
}

int ptpk_monitor(struct ptpk *p, ptpk_monitor_cb cb, void *data,
		 volatile sig_atomic_t *stop, const sigset_t *sigmask)
{
	struct monitor m = { .cb = cb, .data = data };
	int64_t grp = nl_mcgrp_id(&p->nl, PTPK_MCGRP_MONITOR);
	int err;

	if (grp < 0)
		return -EOPNOTSUPP;
	err = nl_join(&p->nl, (uint32_t)grp);
	if (err)
		return err;
	return nl_listen(&p->nl, monitor_cb, &m, stop, sigmask);
}
