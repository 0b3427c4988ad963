/* SPDX-License-Identifier: GPL-2.0 */
/*
 * libptpk: the typed user-space API of the ptpk generic netlink family
 * (uapi/linux/ptpk.h). Shared by ptpk-cli, ptpkd and ptpk-phc2sys.
 *
 * All functions return 0 or a negative errno. Error messages the kernel
 * attaches (extack) are printed as "Error: <msg>." to the error stream
 * (stderr unless changed with ptpk_set_errfile()), and the last one is kept
 * for ptpk_extack().
 */
#ifndef PTPK_LIBPTPK_H
#define PTPK_LIBPTPK_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <linux/ptpk.h>

#include "nl.h"

#define PTPK_MAX_NETDEVS 32
#define PTPK_SERVO_NAME_LEN 32
#define PTPK_IFNAME_LEN 16

struct ptpk;

struct ptpk_info {
	uint32_t present;		/* bit n: PTPK_A_INFO_n was set */
	char version[PTPK_NAME_LEN];
	uint32_t api;
	char kernel[PTPK_NAME_LEN];
};

struct ptpk_netdev {
	uint32_t ifindex;
	char ifname[PTPK_IFNAME_LEN];
};

/*
 * A clock as replied, or a clock selector for a request: set type (system)
 * or one of phc_index, dev_path, ifindex, ifname, and their present bits.
 */
struct ptpk_clock {
	uint32_t present;		/* bit n: PTPK_A_CLOCK_n was set */
	uint32_t type;			/* enum ptpk_clock_type */
	uint32_t phc_index;
	char dev_path[PTPK_NAME_LEN];
	uint32_t ifindex;
	char ifname[PTPK_IFNAME_LEN];
	char name[PTPK_NAME_LEN];
	uint32_t max_adj;
	uint32_t n_pins;
	uint32_t n_ext_ts;
	uint32_t n_per_out;
	uint32_t pps;
	unsigned int n_netdevs;		/* extra ones are dropped */
	struct ptpk_netdev netdev[PTPK_MAX_NETDEVS];
};

/*
 * A servo instance. Numeric attributes live in val[] indexed by attribute
 * type (val[PTPK_A_SERVO_STEP_THRESHOLD] is step_threshold in ns), in the
 * units of the netlink API; flags are 1 when present. Requests always send
 * hw-ts: a present PTPK_A_SERVO_HW_TIMESTAMPING (the old flag) is sent as
 * hw-ts 1 unless PTPK_A_SERVO_HW_TS is present too.
 */
struct ptpk_servo {
	uint64_t present;		/* bit n: PTPK_A_SERVO_n was set */
	uint32_t id;
	struct ptpk_clock clock;
	uint32_t kind;			/* enum ptpk_servo_kind */
	uint32_t state;			/* enum ptpk_servo_state */
	char name[PTPK_SERVO_NAME_LEN];
	int64_t val[PTPK_A_SERVO_MAX + 1];
};

/*
 * One measurement for servo-sample (request: id and any of seq_id to
 * local_ts, delay), and its outcome (servo-sample replies and sample
 * notifications: id, seq_id, state, offset, freq, delay, delay_raw, weight,
 * flags). Units as in the netlink API: ns, ppb * 1000, nano-units.
 */
struct ptpk_sample {
	uint32_t present;		/* bit n: PTPK_A_SAMPLE_n was set */
	uint32_t id;			/* always sent */
	uint32_t seq_id;
	int32_t sync_interval;
	int64_t t1, t2, t3, t4;
	int64_t corr_sync, corr_delay, peer_delay;
	int64_t offset;
	int64_t local_ts;
	int64_t delay;
	/* replies */
	uint32_t state;			/* enum ptpk_servo_state */
	int64_t freq;
	int64_t delay_raw;
	int64_t weight;
	uint32_t flags;			/* enum ptpk_sample_flags */
	int64_t mono_ts;		/* CLOCK_MONOTONIC_RAW ns of the outcome */
};

/* What ptpk_monitor() delivers: exactly one of servo and sample is set. */
struct ptpk_event {
	uint8_t cmd;			/* PTPK_CMD_*_NTF */
	const struct ptpk_servo *servo;	/* servo-{create,delete,change}-ntf */
	const struct ptpk_sample *sample; /* sample-ntf */
};

#define PTPK_HAS(obj, attr) (((obj)->present >> (attr)) & 1)
#define PTPK_SET(obj, attr) ((obj)->present |= (__typeof__((obj)->present))1 << (attr))

/* Open a socket and resolve the family: -ENOENT if ptpk.ko is not loaded. */
int ptpk_open(struct ptpk **pp);
/* The same over another transport, see nl.h (used by the tests). */
int ptpk_open_transport(struct ptpk **pp, const struct nl_transport *tp,
			void *priv, uint32_t portid);
void ptpk_close(struct ptpk *p);
void ptpk_set_errfile(struct ptpk *p, FILE *f);
/* Message of the last kernel error, "" if it had none. */
const char *ptpk_extack(const struct ptpk *p);
/* The family version the kernel announced (PTPK_FAMILY_VERSION). */
uint32_t ptpk_family_version(const struct ptpk *p);

int ptpk_info_get(struct ptpk *p, struct ptpk_info *info);

typedef int (*ptpk_clock_cb)(const struct ptpk_clock *c, void *data);
int ptpk_clock_get(struct ptpk *p, const struct ptpk_clock *sel,
		   struct ptpk_clock *out);
int ptpk_clock_dump(struct ptpk *p, ptpk_clock_cb cb, void *data);

typedef int (*ptpk_servo_cb)(const struct ptpk_servo *s, void *data);
/* req: clock, kind and any parameters; out: the new instance. */
int ptpk_servo_new(struct ptpk *p, const struct ptpk_servo *req,
		   struct ptpk_servo *out);
int ptpk_servo_del(struct ptpk *p, uint32_t id);
int ptpk_servo_get(struct ptpk *p, uint32_t id, struct ptpk_servo *out);
int ptpk_servo_dump(struct ptpk *p, ptpk_servo_cb cb, void *data);
/* req: id and the parameters to change; out (may be NULL): the result. */
int ptpk_servo_set(struct ptpk *p, const struct ptpk_servo *req,
		   struct ptpk_servo *out);
/*
 * Feed one sample to a servo this socket owns; out (may be req) gets the
 * reply. Made for the per-Sync path: the request is built in the socket's
 * buffer and sent without NLM_F_ACK, so one datagram comes back.
 */
int ptpk_servo_sample(struct ptpk *p, const struct ptpk_sample *req,
		      struct ptpk_sample *out);
/* Become the owner of an orphaned servo; out (may be NULL): the servo. */
int ptpk_servo_adopt(struct ptpk *p, uint32_t id, struct ptpk_servo *out);

/* ev and what it points to are valid during the call only. */
typedef int (*ptpk_monitor_cb)(const struct ptpk_event *ev, void *data);
/*
 * Join the "monitor" group and pass each notification (servo create,
 * delete, change and sample) to cb until *stop is set; see nl_listen() for
 * sigmask.
 */
int ptpk_monitor(struct ptpk *p, ptpk_monitor_cb cb, void *data,
		 volatile sig_atomic_t *stop, const sigset_t *sigmask);

/*
 * A sync job (phc2sys in the kernel). Requests: servo and source for
 * sync-new, id for the others, and any of rate, readings, utc_offset with
 * their present bits. Replies set every field they carry.
 */
struct ptpk_sync {
	uint32_t present;		/* bit n: PTPK_A_SYNC_n was set */
	uint32_t id;
	uint32_t servo;
	struct ptpk_clock source;
	uint32_t rate;			/* measurements per 1000 s */
	uint32_t readings;
	int32_t utc_offset;		/* s */
	int64_t offset;			/* ns */
	int64_t delay;			/* ns */
	uint64_t n_measurements;
	uint64_t n_rejected;
};

typedef int (*ptpk_sync_cb)(const struct ptpk_sync *j, void *data);
typedef int (*ptpk_sample_cb)(const struct ptpk_sample *smp, void *data);
/* req: servo, source, and any of rate, readings, utc_offset. */
int ptpk_sync_new(struct ptpk *p, const struct ptpk_sync *req,
		  struct ptpk_sync *out);
int ptpk_sync_del(struct ptpk *p, uint32_t id);
int ptpk_sync_get(struct ptpk *p, uint32_t id, struct ptpk_sync *out);
int ptpk_sync_dump(struct ptpk *p, ptpk_sync_cb cb, void *data);
/* req: id and any of rate, readings, utc_offset; out may be NULL. */
int ptpk_sync_set(struct ptpk *p, const struct ptpk_sync *req,
		  struct ptpk_sync *out);
/*
 * Pass each sample-ntf this socket receives (the unicast ones a job sends
 * its owner, and the monitor group's if joined) to cb until *stop is set;
 * see nl_listen() for sigmask.
 */
int ptpk_sample_listen(struct ptpk *p, ptpk_sample_cb cb, void *data,
		       volatile sig_atomic_t *stop, const sigset_t *sigmask);
int ptpk_sync_parse(const struct nlmsghdr *nlh, struct ptpk_sync *j);
/* Put the present request attributes of j that cmd accepts. */
void ptpk_sync_put(struct nlmsghdr *nlh, const struct ptpk_sync *j,
		   uint8_t cmd);
/* The socket underneath, for the library's own files. */
struct nl_sock *ptpk_nl(struct ptpk *p);

/* Message parsers and builders, exposed for the tests. */
int ptpk_info_parse(const struct nlmsghdr *nlh, struct ptpk_info *info);
int ptpk_clock_parse(const struct nlmsghdr *nlh, struct ptpk_clock *c);
int ptpk_clock_parse_nest(const struct nlattr *nest, struct ptpk_clock *c);
int ptpk_servo_parse(const struct nlmsghdr *nlh, struct ptpk_servo *s);
int ptpk_sample_parse(const struct nlmsghdr *nlh, struct ptpk_sample *smp);
/* Put the selector attributes of sel (top level, or in a nest of type). */
void ptpk_clock_put_sel(struct nlmsghdr *nlh, const struct ptpk_clock *sel);
/* Put the present request attributes of s that cmd accepts. */
void ptpk_servo_put(struct nlmsghdr *nlh, const struct ptpk_servo *s,
		    uint8_t cmd);
/* Put the id and the present request attributes of a servo-sample. */
void ptpk_sample_put(struct nlmsghdr *nlh, const struct ptpk_sample *smp);
/* hw-ts of a reply, or the old flag from a module without hw-ts. */
bool ptpk_servo_hw_ts(const struct ptpk_servo *s);

/* "s0".."s3", "fault"; and "unlocked", "jump", "locked", ... */
const char *ptpk_state_str(uint32_t state);
const char *ptpk_state_word(uint32_t state);
/* "pi", "linreg"; NULL if unknown. */
const char *ptpk_kind_str(uint32_t kind);
/* PTPK_SERVO_KIND_* for "pi"/"linreg", or 0. */
uint32_t ptpk_kind_parse(const char *s);
/* "stepped", "delay-outlier", ... for one PTPK_SAMPLE_FLAGS_* bit; or NULL. */
const char *ptpk_sample_flag_str(uint32_t bit);
/*
 * All flags, comma-separated ("stepped,no-delay"; unknown bits in hex,
 * "" for none). Returns buf; PTPK_FLAGS_STRLEN is always enough.
 */
#define PTPK_FLAGS_STRLEN 128
char *ptpk_sample_flags_format(uint32_t flags, char *buf, size_t len);

/*
 * The servo parameters by their linuxptp (ptp4l.conf) names, with the
 * conversion between configuration units and netlink units.
 */
struct ptpk_param {
	const char *name;		/* ptp4l.conf key */
	uint16_t attr;			/* PTPK_A_SERVO_* */
	uint8_t scale;			/* wire value = config value * 10^scale */
	int64_t min, max;		/* in wire units */
	const char *unit;		/* of the config value, for help */
	/* An enumeration: names[v - min] is the ptp4l.conf word for v. */
	const char *const *names;
};

extern const struct ptpk_param ptpk_params[];
extern const unsigned int ptpk_n_params;

const struct ptpk_param *ptpk_param_find(const char *name);
const struct ptpk_param *ptpk_param_by_attr(unsigned int attr);
/*
 * Parse a config value into wire units; errors as fx_parse(), and -ENOENT
 * for a word an enumeration does not have.
 */
int ptpk_param_parse(const struct ptpk_param *p, const char *s, int64_t *v);
/* The word for v of an enumeration; NULL for numbers and unknown values. */
const char *ptpk_param_name(const struct ptpk_param *p, int64_t v);
/* Format a wire value in config units; returns buf (FX_STRLEN bytes). */
char *ptpk_param_format(const struct ptpk_param *p, int64_t v, char *buf,
			size_t len);

#endif
