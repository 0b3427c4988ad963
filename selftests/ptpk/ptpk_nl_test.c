// SPDX-License-Identifier: GPL-2.0
/*
 * ptpk generic-netlink selftests: family registration, info, clock listing,
 * policy enforcement (malformed and unknown attributes get an error and an
 * extack message), servo object lifecycle and notifications, permissions
 * (CAP_NET_ADMIN for mutating commands) and network-namespace isolation.
 *
 * Runs as root inside the test VM with ptpk.ko loaded (see run.sh).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <grp.h>
#include <net/if.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/ethtool.h>
#include <linux/genetlink.h>
#include <linux/sockios.h>
#include <linux/ptpk.h>

#include "kselftest_harness.h"
#include "nl.h"

#define BUFSZ 8192

/* ---- helpers ----------------------------------------------------------- */

struct clock_ent {
	uint32_t type;
	int phc_index;		/* -1 for the system clock */
	char name[64];
	uint32_t max_adj;
	uint32_t n_pins;
	char netdevs[256];	/* space separated ifnames */
};

struct clock_list {
	int n;
	struct clock_ent c[64];
};

static int clock_cb(const struct nlmsghdr *nlh, void *arg)
{
	const struct nlattr *tb[PTPK_A_CLOCK_MAX + 1], *a;
	struct clock_list *l = arg;
	struct clock_ent *c;

	if (l->n >= 64 || nl_parse(nlh, tb, PTPK_A_CLOCK_MAX))
		return -1;
	c = &l->c[l->n++];
	memset(c, 0, sizeof(*c));
	c->phc_index = -1;
	if (tb[PTPK_A_CLOCK_TYPE])
		c->type = mnl_attr_get_u32(tb[PTPK_A_CLOCK_TYPE]);
	if (tb[PTPK_A_CLOCK_PHC_INDEX])
		c->phc_index = mnl_attr_get_u32(tb[PTPK_A_CLOCK_PHC_INDEX]);
	if (tb[PTPK_A_CLOCK_NAME])
		snprintf(c->name, sizeof(c->name), "%s",
			 mnl_attr_get_str(tb[PTPK_A_CLOCK_NAME]));
	if (tb[PTPK_A_CLOCK_MAX_ADJ])
		c->max_adj = mnl_attr_get_u32(tb[PTPK_A_CLOCK_MAX_ADJ]);
	if (tb[PTPK_A_CLOCK_N_PINS])
		c->n_pins = mnl_attr_get_u32(tb[PTPK_A_CLOCK_N_PINS]);
	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		const struct nlattr *nb[PTPK_A_NETDEV_MAX + 1];

		if (mnl_attr_get_type(a) != PTPK_A_CLOCK_NETDEV)
			continue;
		if (nl_parse_nested(a, nb, PTPK_A_NETDEV_MAX) ||
		    !nb[PTPK_A_NETDEV_IFNAME])
			return -1;
		strncat(c->netdevs, mnl_attr_get_str(nb[PTPK_A_NETDEV_IFNAME]),
			sizeof(c->netdevs) - strlen(c->netdevs) - 2);
		strcat(c->netdevs, " ");
	}
	return 0;
}

static int clock_dump(struct nl *nl, struct clock_list *l)
{
	char buf[BUFSZ];
	struct nlmsghdr *nlh = nl_msg(nl, buf, PTPK_CMD_CLOCK_GET, NLM_F_DUMP);

	l->n = 0;
	return nl_talk(nl, nlh, clock_cb, l);
}

struct servo_ent {
	uint32_t id, kind, state, max_freq;
	int64_t first_step, kp_scale, ki_scale;
	char name[32];
	int clock_type, phc_index;
};

struct servo_list {
	int n;
	struct servo_ent s[64];
	uint8_t last_cmd;
};

static int servo_cb(const struct nlmsghdr *nlh, void *arg)
{
	const struct nlattr *tb[PTPK_A_SERVO_MAX + 1];
	const struct nlattr *cb[PTPK_A_CLOCK_MAX + 1];
	const struct genlmsghdr *g = mnl_nlmsg_get_payload(nlh);
	struct servo_list *l = arg;
	struct servo_ent *s;

	if (l->n >= 64 || nl_parse(nlh, tb, PTPK_A_SERVO_MAX))
		return -1;
	l->last_cmd = g->cmd;
	s = &l->s[l->n++];
	memset(s, 0, sizeof(*s));
	s->phc_index = -1;
	if (tb[PTPK_A_SERVO_ID])
		s->id = mnl_attr_get_u32(tb[PTPK_A_SERVO_ID]);
	if (tb[PTPK_A_SERVO_KIND])
		s->kind = mnl_attr_get_u32(tb[PTPK_A_SERVO_KIND]);
	if (tb[PTPK_A_SERVO_STATE])
		s->state = mnl_attr_get_u32(tb[PTPK_A_SERVO_STATE]);
	if (tb[PTPK_A_SERVO_MAX_FREQUENCY])
		s->max_freq = mnl_attr_get_u32(tb[PTPK_A_SERVO_MAX_FREQUENCY]);
	if (tb[PTPK_A_SERVO_FIRST_STEP_THRESHOLD])
		s->first_step = (int64_t)mnl_attr_get_u64(tb[PTPK_A_SERVO_FIRST_STEP_THRESHOLD]);
	if (tb[PTPK_A_SERVO_PI_PROPORTIONAL_SCALE])
		s->kp_scale = (int64_t)mnl_attr_get_u64(tb[PTPK_A_SERVO_PI_PROPORTIONAL_SCALE]);
	if (tb[PTPK_A_SERVO_PI_INTEGRAL_SCALE])
		s->ki_scale = (int64_t)mnl_attr_get_u64(tb[PTPK_A_SERVO_PI_INTEGRAL_SCALE]);
	if (tb[PTPK_A_SERVO_NAME])
		snprintf(s->name, sizeof(s->name), "%s",
			 mnl_attr_get_str(tb[PTPK_A_SERVO_NAME]));
	if (tb[PTPK_A_SERVO_CLOCK] &&
	    !nl_parse_nested(tb[PTPK_A_SERVO_CLOCK], cb, PTPK_A_CLOCK_MAX)) {
		if (cb[PTPK_A_CLOCK_TYPE])
			s->clock_type = mnl_attr_get_u32(cb[PTPK_A_CLOCK_TYPE]);
		if (cb[PTPK_A_CLOCK_PHC_INDEX])
			s->phc_index = mnl_attr_get_u32(cb[PTPK_A_CLOCK_PHC_INDEX]);
	}
	return 0;
}

/* Create a servo; clock_type SYSTEM or PHC (phc >= 0). */
static int servo_new(struct nl *nl, int phc, const char *name, int hw,
		     struct servo_ent *out)
{
	struct servo_list l = { 0 };
	char buf[BUFSZ];
	struct nlmsghdr *nlh = nl_msg(nl, buf, PTPK_CMD_SERVO_NEW, 0);
	struct nlattr *nest;
	int err;

	nest = mnl_attr_nest_start(nlh, PTPK_A_SERVO_CLOCK);
	if (phc < 0) {
		mnl_attr_put_u32(nlh, PTPK_A_CLOCK_TYPE, PTPK_CLOCK_TYPE_SYSTEM);
	} else {
		mnl_attr_put_u32(nlh, PTPK_A_CLOCK_TYPE, PTPK_CLOCK_TYPE_PHC);
		mnl_attr_put_u32(nlh, PTPK_A_CLOCK_PHC_INDEX, phc);
	}
	mnl_attr_nest_end(nlh, nest);
	mnl_attr_put_u32(nlh, PTPK_A_SERVO_KIND, PTPK_SERVO_KIND_PI);
	if (name)
		mnl_attr_put_strz(nlh, PTPK_A_SERVO_NAME, name);
	if (hw)
		mnl_attr_put(nlh, PTPK_A_SERVO_HW_TIMESTAMPING, 0, NULL);
	err = nl_talk(nl, nlh, servo_cb, &l);
	if (!err && l.n != 1)
		err = -EPROTO;
	if (!err && out)
		*out = l.s[0];
	return err;
}

static int servo_id_cmd(struct nl *nl, uint8_t cmd, uint32_t id,
			struct servo_list *l)
{
	char buf[BUFSZ];
	struct nlmsghdr *nlh = nl_msg(nl, buf, cmd, 0);

	mnl_attr_put_u32(nlh, PTPK_A_SERVO_ID, id);
	return nl_talk(nl, nlh, l ? servo_cb : NULL, l);
}

static int servo_dump(struct nl *nl, struct servo_list *l)
{
	char buf[BUFSZ];
	struct nlmsghdr *nlh = nl_msg(nl, buf, PTPK_CMD_SERVO_GET, NLM_F_DUMP);

	l->n = 0;
	return nl_talk(nl, nlh, servo_cb, l);
}

static int read_sysfs(const char *path, char *out, size_t len)
{
	FILE *f = fopen(path, "r");

	if (!f)
		return -1;
	if (!fgets(out, (int)len, f)) {
		fclose(f);
		return -1;
	}
	fclose(f);
	out[strcspn(out, "\n")] = '\0';
	return 0;
}

/* Index of some PHC of the guest, or -1 if it has none. */
static int first_phc(void)
{
	DIR *d = opendir("/sys/class/ptp");
	struct dirent *e;
	int idx = -1;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		if (sscanf(e->d_name, "ptp%d", &idx) == 1)
			break;
	closedir(d);
	return idx;
}

/* ethtool ts-info's phc index of ifname, -1 if none. */
static int ifname_phc(const char *ifname)
{
	struct ethtool_ts_info info = { .cmd = ETHTOOL_GET_TS_INFO };
	struct ifreq ifr = { 0 };
	int fd = socket(AF_INET, SOCK_DGRAM, 0), r;

	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", ifname);
	ifr.ifr_data = (void *)&info;
	r = ioctl(fd, SIOCETHTOOL, &ifr);
	close(fd);
	return r < 0 ? -1 : info.phc_index;
}

/* ---- tests ------------------------------------------------------------- */

FIXTURE(ptpk) {
	struct nl nl;
};

FIXTURE_SETUP(ptpk)
{
	ASSERT_EQ(0, nl_open(&self->nl, PTPK_FAMILY_NAME)) {
		TH_LOG("genl family %s not found: is ptpk.ko loaded?",
		       PTPK_FAMILY_NAME);
	}
}

FIXTURE_TEARDOWN(ptpk)
{
	nl_close(&self->nl);
}

TEST_F(ptpk, family_registered)
{
	EXPECT_NE(0, self->nl.family);
	EXPECT_EQ(PTPK_FAMILY_VERSION, self->nl.version);
	EXPECT_NE(0, self->nl.mcgrp_monitor);
}

struct info {
	char version[64], kernel[128];
	uint32_t api;
};

static int info_cb(const struct nlmsghdr *nlh, void *arg)
{
	const struct nlattr *tb[PTPK_A_INFO_MAX + 1];
	struct info *i = arg;

	if (nl_parse(nlh, tb, PTPK_A_INFO_MAX))
		return -1;
	if (tb[PTPK_A_INFO_VERSION])
		snprintf(i->version, sizeof(i->version), "%s",
			 mnl_attr_get_str(tb[PTPK_A_INFO_VERSION]));
	if (tb[PTPK_A_INFO_KERNEL])
		snprintf(i->kernel, sizeof(i->kernel), "%s",
			 mnl_attr_get_str(tb[PTPK_A_INFO_KERNEL]));
	if (tb[PTPK_A_INFO_API])
		i->api = mnl_attr_get_u32(tb[PTPK_A_INFO_API]);
	return 0;
}

TEST_F(ptpk, info)
{
	char buf[BUFSZ];
	struct info i = { 0 };
	struct utsname u;

	ASSERT_EQ(0, nl_talk(&self->nl, nl_msg(&self->nl, buf,
			     PTPK_CMD_INFO_GET, 0), info_cb, &i));
	ASSERT_EQ(0, uname(&u));
	EXPECT_NE(0, strlen(i.version));
	EXPECT_EQ(PTPK_FAMILY_VERSION, i.api);
	EXPECT_STREQ(u.release, i.kernel);
}

/* The dump agrees with sysfs: the system clock and every PHC of the guest. */
TEST_F(ptpk, clock_dump_matches_sysfs)
{
	struct clock_list l;
	int i, sys = 0, phcs = 0, sysfs_phcs = 0;
	struct dirent *e;
	DIR *d;

	ASSERT_EQ(0, clock_dump(&self->nl, &l));
	for (i = 0; i < l.n; i++) {
		char path[128], val[64];

		if (l.c[i].type == PTPK_CLOCK_TYPE_SYSTEM) {
			sys++;
			EXPECT_STREQ("CLOCK_REALTIME", l.c[i].name);
			continue;
		}
		ASSERT_EQ(PTPK_CLOCK_TYPE_PHC, l.c[i].type);
		phcs++;
		snprintf(path, sizeof(path), "/sys/class/ptp/ptp%d/clock_name",
			 l.c[i].phc_index);
		ASSERT_EQ(0, read_sysfs(path, val, sizeof(val)));
		EXPECT_STREQ(val, l.c[i].name);
		snprintf(path, sizeof(path),
			 "/sys/class/ptp/ptp%d/max_adjustment", l.c[i].phc_index);
		ASSERT_EQ(0, read_sysfs(path, val, sizeof(val)));
		EXPECT_EQ(strtoul(val, NULL, 10), l.c[i].max_adj);
		snprintf(path, sizeof(path),
			 "/sys/class/ptp/ptp%d/n_programmable_pins",
			 l.c[i].phc_index);
		ASSERT_EQ(0, read_sysfs(path, val, sizeof(val)));
		EXPECT_EQ(strtoul(val, NULL, 10), l.c[i].n_pins);
	}
	EXPECT_EQ(1, sys);
	d = opendir("/sys/class/ptp");
	if (d) {
		while ((e = readdir(d)))
			if (!strncmp(e->d_name, "ptp", 3))
				sysfs_phcs++;
		closedir(d);
	}
	/* In the initial netns every PHC belongs to us. */
	EXPECT_EQ(sysfs_phcs, phcs);
}

/* Each netdev whose ts-info names a PHC is listed under that PHC. */
TEST_F(ptpk, clock_netdevs_match_ethtool)
{
	struct if_nameindex *ifs = if_nameindex(), *it;
	struct clock_list l;
	int checked = 0, i;

	ASSERT_NE(NULL, ifs);
	ASSERT_EQ(0, clock_dump(&self->nl, &l));
	for (it = ifs; it->if_index; it++) {
		int phc = ifname_phc(it->if_name);
		char want[32];

		if (phc < 0)
			continue;
		snprintf(want, sizeof(want), "%s ", it->if_name);
		for (i = 0; i < l.n; i++)
			if (l.c[i].phc_index == phc)
				break;
		ASSERT_LT(i, l.n) TH_LOG("phc %d of %s not listed", phc,
					 it->if_name);
		EXPECT_NE(NULL, strstr(l.c[i].netdevs, want));
		checked++;
	}
	if_freenameindex(ifs);
	if (!checked)
		SKIP(return, "no netdev with a PHC in this guest");
}

TEST_F(ptpk, clock_get_selectors)
{
	struct if_nameindex *ifs = if_nameindex(), *it;
	char buf[BUFSZ], path[32];
	struct nlmsghdr *nlh;
	struct clock_list l;
	int phc = first_phc();

	/* system */
	nlh = nl_msg(&self->nl, buf, PTPK_CMD_CLOCK_GET, 0);
	mnl_attr_put_u32(nlh, PTPK_A_CLOCK_TYPE, PTPK_CLOCK_TYPE_SYSTEM);
	l.n = 0;
	ASSERT_EQ(0, nl_talk(&self->nl, nlh, clock_cb, &l));
	ASSERT_EQ(1, l.n);
	EXPECT_EQ(PTPK_CLOCK_TYPE_SYSTEM, l.c[0].type);
	if (phc < 0)
		SKIP(return, "no PHC in this guest");

	/* by phc index */
	nlh = nl_msg(&self->nl, buf, PTPK_CMD_CLOCK_GET, 0);
	mnl_attr_put_u32(nlh, PTPK_A_CLOCK_PHC_INDEX, phc);
	l.n = 0;
	ASSERT_EQ(0, nl_talk(&self->nl, nlh, clock_cb, &l));
	ASSERT_EQ(1, l.n);
	EXPECT_EQ(phc, l.c[0].phc_index);

	/* by device path */
	snprintf(path, sizeof(path), "/dev/ptp%d", phc);
	nlh = nl_msg(&self->nl, buf, PTPK_CMD_CLOCK_GET, 0);
	mnl_attr_put_strz(nlh, PTPK_A_CLOCK_DEV_PATH, path);
	l.n = 0;
	ASSERT_EQ(0, nl_talk(&self->nl, nlh, clock_cb, &l));
	ASSERT_EQ(1, l.n);
	EXPECT_EQ(phc, l.c[0].phc_index);

	/* by netdev name and index */
	for (it = ifs; it && it->if_index; it++) {
		int p = ifname_phc(it->if_name);

		if (p < 0)
			continue;
		nlh = nl_msg(&self->nl, buf, PTPK_CMD_CLOCK_GET, 0);
		mnl_attr_put_strz(nlh, PTPK_A_CLOCK_IFNAME, it->if_name);
		l.n = 0;
		ASSERT_EQ(0, nl_talk(&self->nl, nlh, clock_cb, &l));
		ASSERT_EQ(1, l.n);
		EXPECT_EQ(p, l.c[0].phc_index);
		nlh = nl_msg(&self->nl, buf, PTPK_CMD_CLOCK_GET, 0);
		mnl_attr_put_u32(nlh, PTPK_A_CLOCK_IFINDEX, it->if_index);
		l.n = 0;
		ASSERT_EQ(0, nl_talk(&self->nl, nlh, clock_cb, &l));
		ASSERT_EQ(1, l.n);
		EXPECT_EQ(p, l.c[0].phc_index);
	}
	if_freenameindex(ifs);
}

/* Things that are not PHCs are refused with a reason. */
TEST_F(ptpk, clock_get_not_a_phc)
{
	static const char * const paths[] = {
		"/dev/null", "/dev/does-not-exist", "/proc/self/status", "/",
	};
	char buf[BUFSZ];
	struct nlmsghdr *nlh;
	unsigned int i;

	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		nlh = nl_msg(&self->nl, buf, PTPK_CMD_CLOCK_GET, 0);
		mnl_attr_put_strz(nlh, PTPK_A_CLOCK_DEV_PATH, paths[i]);
		EXPECT_GT(0, nl_talk(&self->nl, nlh, NULL, NULL))
			TH_LOG("%s accepted as a PHC", paths[i]);
		EXPECT_NE(0, strlen(self->nl.extack))
			TH_LOG("no extack for %s", paths[i]);
	}
	/* lo has no PHC */
	nlh = nl_msg(&self->nl, buf, PTPK_CMD_CLOCK_GET, 0);
	mnl_attr_put_strz(nlh, PTPK_A_CLOCK_IFNAME, "lo");
	EXPECT_GT(0, nl_talk(&self->nl, nlh, NULL, NULL));
	EXPECT_NE(0, strlen(self->nl.extack));
	/* a PHC index that does not exist */
	nlh = nl_msg(&self->nl, buf, PTPK_CMD_CLOCK_GET, 0);
	mnl_attr_put_u32(nlh, PTPK_A_CLOCK_PHC_INDEX, 4242);
	EXPECT_GT(0, nl_talk(&self->nl, nlh, NULL, NULL));
	EXPECT_NE(0, strlen(self->nl.extack));
}

/* An attribute type the family does not know. */
TEST_F(ptpk, unknown_attribute_rejected)
{
	char buf[BUFSZ];
	struct nlmsghdr *nlh = nl_msg(&self->nl, buf, PTPK_CMD_SERVO_GET, 0);

	mnl_attr_put_u32(nlh, PTPK_A_SERVO_ID, 1);
	mnl_attr_put_u32(nlh, 200, 1);
	EXPECT_EQ(-EINVAL, nl_talk(&self->nl, nlh, NULL, NULL));
	EXPECT_NE(0, strlen(self->nl.extack));
}

/* A known attribute that this command does not take. */
TEST_F(ptpk, attribute_not_in_command_policy)
{
	char buf[BUFSZ];
	struct nlmsghdr *nlh = nl_msg(&self->nl, buf, PTPK_CMD_SERVO_NEW, 0);
	struct nlattr *n = mnl_attr_nest_start(nlh, PTPK_A_SERVO_CLOCK);

	mnl_attr_put_u32(nlh, PTPK_A_CLOCK_TYPE, PTPK_CLOCK_TYPE_SYSTEM);
	mnl_attr_nest_end(nlh, n);
	mnl_attr_put_u32(nlh, PTPK_A_SERVO_KIND, PTPK_SERVO_KIND_PI);
	mnl_attr_put_u32(nlh, PTPK_A_SERVO_ID, 7);	/* ids are assigned */
	EXPECT_EQ(-EINVAL, nl_talk(&self->nl, nlh, NULL, NULL));
	EXPECT_NE(0, strlen(self->nl.extack));
}

/* Wrong payload sizes for fixed-size attributes. */
TEST_F(ptpk, wrong_attribute_size_rejected)
{
	char buf[BUFSZ];
	uint16_t short_id = 1;
	uint64_t long_id = 1;
	struct nlmsghdr *nlh;

	nlh = nl_msg(&self->nl, buf, PTPK_CMD_SERVO_GET, 0);
	mnl_attr_put(nlh, PTPK_A_SERVO_ID, sizeof(short_id), &short_id);
	EXPECT_GT(0, nl_talk(&self->nl, nlh, NULL, NULL));
	EXPECT_NE(0, strlen(self->nl.extack));
	nlh = nl_msg(&self->nl, buf, PTPK_CMD_SERVO_GET, 0);
	mnl_attr_put(nlh, PTPK_A_SERVO_ID, sizeof(long_id), &long_id);
	EXPECT_GT(0, nl_talk(&self->nl, nlh, NULL, NULL));
	EXPECT_NE(0, strlen(self->nl.extack));
	/* a string without its NUL */
	nlh = nl_msg(&self->nl, buf, PTPK_CMD_CLOCK_GET, 0);
	mnl_attr_put(nlh, PTPK_A_CLOCK_IFNAME, 3, "eth");
	EXPECT_GT(0, nl_talk(&self->nl, nlh, NULL, NULL));
	EXPECT_NE(0, strlen(self->nl.extack));
	/* a string longer than the policy allows */
	nlh = nl_msg(&self->nl, buf, PTPK_CMD_CLOCK_GET, 0);
	mnl_attr_put_strz(nlh, PTPK_A_CLOCK_IFNAME, "a-very-long-interface-name");
	EXPECT_GT(0, nl_talk(&self->nl, nlh, NULL, NULL));
	EXPECT_NE(0, strlen(self->nl.extack));
}

/* Values outside the documented ranges. */
TEST_F(ptpk, out_of_range_values_rejected)
{
	struct {
		uint16_t type;
		int64_t val;
		int is64;
	} bad[] = {
		{ PTPK_A_SERVO_KIND, 0, 0 },
		{ PTPK_A_SERVO_KIND, 9, 0 },
		{ PTPK_A_SERVO_SYNC_INTERVAL, 5, 0 },
		{ PTPK_A_SERVO_SYNC_INTERVAL, -8, 0 },
		{ PTPK_A_SERVO_NUM_OFFSET_VALUES, 5000, 0 },
		{ PTPK_A_SERVO_MAX_FREQUENCY, 2000000000, 0 },
		{ PTPK_A_SERVO_FIRST_STEP_THRESHOLD, -1, 1 },
		{ PTPK_A_SERVO_PI_PROPORTIONAL_SCALE, -5, 1 },
	};
	char buf[BUFSZ];
	unsigned int i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct nlmsghdr *nlh = nl_msg(&self->nl, buf,
					      PTPK_CMD_SERVO_NEW, 0);
		struct nlattr *n = mnl_attr_nest_start(nlh, PTPK_A_SERVO_CLOCK);

		mnl_attr_put_u32(nlh, PTPK_A_CLOCK_TYPE, PTPK_CLOCK_TYPE_SYSTEM);
		mnl_attr_nest_end(nlh, n);
		if (bad[i].type != PTPK_A_SERVO_KIND)
			mnl_attr_put_u32(nlh, PTPK_A_SERVO_KIND,
					 PTPK_SERVO_KIND_PI);
		if (bad[i].is64)
			mnl_attr_put_u64(nlh, bad[i].type, (uint64_t)bad[i].val);
		else
			mnl_attr_put_u32(nlh, bad[i].type, (uint32_t)bad[i].val);
		EXPECT_GT(0, nl_talk(&self->nl, nlh, NULL, NULL))
			TH_LOG("attr %u value %lld accepted", bad[i].type,
			       (long long)bad[i].val);
		EXPECT_NE(0, strlen(self->nl.extack))
			TH_LOG("no extack for attr %u", bad[i].type);
	}
	/* a clock type outside the enum, inside the nest */
	{
		struct nlmsghdr *nlh = nl_msg(&self->nl, buf,
					      PTPK_CMD_SERVO_NEW, 0);
		struct nlattr *n = mnl_attr_nest_start(nlh, PTPK_A_SERVO_CLOCK);

		mnl_attr_put_u32(nlh, PTPK_A_CLOCK_TYPE, 77);
		mnl_attr_nest_end(nlh, n);
		mnl_attr_put_u32(nlh, PTPK_A_SERVO_KIND, PTPK_SERVO_KIND_PI);
		EXPECT_GT(0, nl_talk(&self->nl, nlh, NULL, NULL));
		EXPECT_NE(0, strlen(self->nl.extack));
	}
}

TEST_F(ptpk, missing_required_attributes)
{
	char buf[BUFSZ];
	struct nlmsghdr *nlh;
	struct nlattr *n;

	/* no clock */
	nlh = nl_msg(&self->nl, buf, PTPK_CMD_SERVO_NEW, 0);
	mnl_attr_put_u32(nlh, PTPK_A_SERVO_KIND, PTPK_SERVO_KIND_PI);
	EXPECT_EQ(-EINVAL, nl_talk(&self->nl, nlh, NULL, NULL));
	EXPECT_NE(0, strlen(self->nl.extack));
	/* no kind */
	nlh = nl_msg(&self->nl, buf, PTPK_CMD_SERVO_NEW, 0);
	n = mnl_attr_nest_start(nlh, PTPK_A_SERVO_CLOCK);
	mnl_attr_put_u32(nlh, PTPK_A_CLOCK_TYPE, PTPK_CLOCK_TYPE_SYSTEM);
	mnl_attr_nest_end(nlh, n);
	EXPECT_EQ(-EINVAL, nl_talk(&self->nl, nlh, NULL, NULL));
	EXPECT_NE(0, strlen(self->nl.extack));
	/* empty clock selector */
	nlh = nl_msg(&self->nl, buf, PTPK_CMD_SERVO_NEW, 0);
	n = mnl_attr_nest_start(nlh, PTPK_A_SERVO_CLOCK);
	mnl_attr_nest_end(nlh, n);
	mnl_attr_put_u32(nlh, PTPK_A_SERVO_KIND, PTPK_SERVO_KIND_PI);
	EXPECT_GT(0, nl_talk(&self->nl, nlh, NULL, NULL));
	EXPECT_NE(0, strlen(self->nl.extack));
	/* del, set, get without id */
	nlh = nl_msg(&self->nl, buf, PTPK_CMD_SERVO_DEL, 0);
	EXPECT_EQ(-EINVAL, nl_talk(&self->nl, nlh, NULL, NULL));
	EXPECT_NE(0, strlen(self->nl.extack));
	nlh = nl_msg(&self->nl, buf, PTPK_CMD_SERVO_SET, 0);
	EXPECT_EQ(-EINVAL, nl_talk(&self->nl, nlh, NULL, NULL));
	nlh = nl_msg(&self->nl, buf, PTPK_CMD_SERVO_GET, 0);
	EXPECT_EQ(-EINVAL, nl_talk(&self->nl, nlh, NULL, NULL));
}

/* Attribute headers that run past the end of the message. */
TEST_F(ptpk, truncated_attributes_rejected)
{
	char buf[BUFSZ];
	struct nlmsghdr *nlh = nl_msg(&self->nl, buf, PTPK_CMD_SERVO_GET, 0);
	struct nlattr *a;

	mnl_attr_put_u32(nlh, PTPK_A_SERVO_ID, 1);
	a = (struct nlattr *)((char *)nlh + nlh->nlmsg_len - MNL_ALIGN(8));
	a->nla_len = 200;	/* claims more than the message holds */
	EXPECT_GT(0, nl_talk(&self->nl, nlh, NULL, NULL));
	/* an unknown command number */
	nlh = nl_msg(&self->nl, buf, 250, 0);
	EXPECT_GT(0, nl_talk(&self->nl, nlh, NULL, NULL));
}

TEST_F(ptpk, servo_lifecycle)
{
	struct servo_list l = { 0 };
	struct servo_ent s;
	char buf[BUFSZ];
	struct nlmsghdr *nlh;
	int i, found = 0;

	ASSERT_EQ(0, servo_new(&self->nl, -1, "selftest", 0, &s));
	EXPECT_NE(0, s.id);
	EXPECT_EQ(PTPK_SERVO_KIND_PI, s.kind);
	EXPECT_EQ(PTPK_SERVO_STATE_UNLOCKED, s.state);
	EXPECT_EQ(PTPK_CLOCK_TYPE_SYSTEM, s.clock_type);
	EXPECT_STREQ("selftest", s.name);
	/* linuxptp defaults, software timestamping */
	EXPECT_EQ(20000, s.first_step);
	EXPECT_EQ(100000000, s.kp_scale);
	EXPECT_EQ(1000000, s.ki_scale);

	ASSERT_EQ(0, servo_id_cmd(&self->nl, PTPK_CMD_SERVO_GET, s.id, &l));
	ASSERT_EQ(1, l.n);
	EXPECT_EQ(s.id, l.s[0].id);
	EXPECT_STREQ("selftest", l.s[0].name);

	ASSERT_EQ(0, servo_dump(&self->nl, &l));
	for (i = 0; i < l.n; i++)
		found += l.s[i].id == s.id;
	EXPECT_EQ(1, found);

	nlh = nl_msg(&self->nl, buf, PTPK_CMD_SERVO_SET, 0);
	mnl_attr_put_u32(nlh, PTPK_A_SERVO_ID, s.id);
	mnl_attr_put_u64(nlh, PTPK_A_SERVO_FIRST_STEP_THRESHOLD, 1000);
	l.n = 0;
	ASSERT_EQ(0, nl_talk(&self->nl, nlh, servo_cb, &l));
	ASSERT_EQ(1, l.n);
	EXPECT_EQ(1000, l.s[0].first_step);
	l.n = 0;
	ASSERT_EQ(0, servo_id_cmd(&self->nl, PTPK_CMD_SERVO_GET, s.id, &l));
	EXPECT_EQ(1000, l.s[0].first_step);

	ASSERT_EQ(0, servo_id_cmd(&self->nl, PTPK_CMD_SERVO_DEL, s.id, NULL));
	l.n = 0;
	EXPECT_EQ(-ENOENT, servo_id_cmd(&self->nl, PTPK_CMD_SERVO_GET, s.id, &l));
	EXPECT_NE(0, strlen(self->nl.extack));
	EXPECT_EQ(-ENOENT, servo_id_cmd(&self->nl, PTPK_CMD_SERVO_DEL, s.id, NULL));
}

/* A servo on a PHC: hardware defaults, max_frequency clamped to max_adj. */
TEST_F(ptpk, servo_on_phc)
{
	struct clock_list cl = { 0 };
	struct servo_ent s;
	char buf[BUFSZ];
	struct nlmsghdr *nlh;
	int phc = first_phc();

	if (phc < 0)
		SKIP(return, "no PHC in this guest");
	nlh = nl_msg(&self->nl, buf, PTPK_CMD_CLOCK_GET, 0);
	mnl_attr_put_u32(nlh, PTPK_A_CLOCK_PHC_INDEX, phc);
	ASSERT_EQ(0, nl_talk(&self->nl, nlh, clock_cb, &cl));
	ASSERT_EQ(0, servo_new(&self->nl, phc, "phc", 1, &s));
	EXPECT_EQ(PTPK_CLOCK_TYPE_PHC, s.clock_type);
	EXPECT_EQ(phc, s.phc_index);
	EXPECT_EQ(700000000, s.kp_scale);
	EXPECT_EQ(300000000, s.ki_scale);
	EXPECT_LE(s.max_freq, cl.c[0].max_adj);
	EXPECT_EQ(0, servo_id_cmd(&self->nl, PTPK_CMD_SERVO_DEL, s.id, NULL));
}

static int ntf_cb(const struct nlmsghdr *nlh, void *arg)
{
	return servo_cb(nlh, arg);
}

TEST_F(ptpk, monitor_notifications)
{
	struct servo_list ev = { 0 };
	struct servo_ent s;
	struct nl mon;
	char buf[BUFSZ];
	struct nlmsghdr *nlh;

	ASSERT_EQ(0, nl_open(&mon, PTPK_FAMILY_NAME));
	ASSERT_EQ(0, nl_join_monitor(&mon));
	ASSERT_EQ(0, servo_new(&self->nl, -1, "mon", 0, &s));
	ASSERT_EQ(0, nl_recv_one(&mon, 2000, ntf_cb, &ev));
	EXPECT_EQ(PTPK_CMD_SERVO_CREATE_NTF, ev.last_cmd);
	EXPECT_EQ(s.id, ev.s[ev.n - 1].id);

	nlh = nl_msg(&self->nl, buf, PTPK_CMD_SERVO_SET, 0);
	mnl_attr_put_u32(nlh, PTPK_A_SERVO_ID, s.id);
	mnl_attr_put_u32(nlh, PTPK_A_SERVO_NUM_OFFSET_VALUES, 20);
	ASSERT_EQ(0, nl_talk(&self->nl, nlh, NULL, NULL));
	ASSERT_EQ(0, nl_recv_one(&mon, 2000, ntf_cb, &ev));
	EXPECT_EQ(PTPK_CMD_SERVO_CHANGE_NTF, ev.last_cmd);

	ASSERT_EQ(0, servo_id_cmd(&self->nl, PTPK_CMD_SERVO_DEL, s.id, NULL));
	ASSERT_EQ(0, nl_recv_one(&mon, 2000, ntf_cb, &ev));
	EXPECT_EQ(PTPK_CMD_SERVO_DELETE_NTF, ev.last_cmd);
	EXPECT_EQ(s.id, ev.s[ev.n - 1].id);
	nl_close(&mon);
}

/* Without CAP_NET_ADMIN: reads work, every mutating command is refused. */
TEST_F(ptpk, unprivileged_refused)
{
	struct servo_ent s;
	int status;
	pid_t pid;

	ASSERT_EQ(0, servo_new(&self->nl, -1, "root-owned", 0, &s));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		struct servo_list l = { 0 };
		struct clock_list cl;
		struct nl nl;
		char buf[BUFSZ];
		struct nlmsghdr *nlh;
		int bad = 0;

		/* nobody: a uid change drops every capability */
		if (setgroups(0, NULL) || setgid(65534) || setuid(65534))
			_exit(90);
		if (nl_open(&nl, PTPK_FAMILY_NAME))
			_exit(91);
		bad += servo_new(&nl, -1, "x", 0, NULL) != -EPERM;
		bad += servo_id_cmd(&nl, PTPK_CMD_SERVO_DEL, s.id, NULL) != -EPERM;
		nlh = nl_msg(&nl, buf, PTPK_CMD_SERVO_SET, 0);
		mnl_attr_put_u32(nlh, PTPK_A_SERVO_ID, s.id);
		mnl_attr_put_u64(nlh, PTPK_A_SERVO_STEP_THRESHOLD, 1);
		bad += nl_talk(&nl, nlh, NULL, NULL) != -EPERM;
		/* reads are fine */
		bad += clock_dump(&nl, &cl) != 0;
		bad += servo_id_cmd(&nl, PTPK_CMD_SERVO_GET, s.id, &l) != 0;
		_exit(bad);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
	/* still there, unchanged */
	EXPECT_EQ(0, servo_id_cmd(&self->nl, PTPK_CMD_SERVO_DEL, s.id, NULL));
}

/* Objects are per network namespace: invisible and untouchable elsewhere. */
TEST_F(ptpk, netns_isolation)
{
	struct servo_list l = { 0 };
	struct servo_ent s;
	int status, i;
	pid_t pid;

	ASSERT_EQ(0, servo_new(&self->nl, -1, "init-ns", 0, &s));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		struct servo_list cl = { 0 };
		struct clock_list clk;
		struct servo_ent mine;
		struct nl nl;
		int bad = 0, j;

		if (unshare(CLONE_NEWNET))
			_exit(90);
		if (nl_open(&nl, PTPK_FAMILY_NAME))
			_exit(91);
		bad += servo_dump(&nl, &cl) != 0;
		for (j = 0; j < cl.n; j++)
			bad += !strcmp(cl.s[j].name, "init-ns");
		cl.n = 0;
		if (servo_id_cmd(&nl, PTPK_CMD_SERVO_GET, s.id, &cl) == 0)
			bad += strcmp(cl.s[0].name, "init-ns") == 0;
		bad += servo_new(&nl, -1, "child-ns", 0, &mine) != 0;
		cl.n = 0;
		bad += servo_dump(&nl, &cl) != 0;
		bad += cl.n != 1;
		/* no netdev of this netns names a PHC: only the system clock
		 * and free-standing PHCs, none of them with netdevs
		 */
		bad += clock_dump(&nl, &clk) != 0;
		for (j = 0; j < clk.n; j++)
			bad += clk.c[j].netdevs[0] != '\0';
		_exit(bad);	/* the netns and its servo go away */
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
	ASSERT_EQ(0, servo_dump(&self->nl, &l));
	for (i = 0; i < l.n; i++)
		EXPECT_STRNE("child-ns", l.s[i].name);
	EXPECT_EQ(0, servo_id_cmd(&self->nl, PTPK_CMD_SERVO_DEL, s.id, NULL));
}

/* A PHC whose netdev lives in another netns is not ours to list. */
TEST_F(ptpk, phc_follows_its_netdev_netns)
{
	struct if_nameindex *ifs = if_nameindex(), *it;
	int status, phc = -1;
	pid_t pid;

	for (it = ifs; it && it->if_index; it++) {
		phc = ifname_phc(it->if_name);
		if (phc >= 0)
			break;
	}
	if_freenameindex(ifs);
	if (phc < 0)
		SKIP(return, "no netdev with a PHC in this guest");
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		struct clock_list clk;
		struct nl nl;
		int j, bad = 0;

		if (unshare(CLONE_NEWNET) || nl_open(&nl, PTPK_FAMILY_NAME))
			_exit(90);
		bad += clock_dump(&nl, &clk) != 0;
		for (j = 0; j < clk.n; j++)
			bad += clk.c[j].phc_index == phc;
		_exit(bad);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
}

TEST_HARNESS_MAIN
