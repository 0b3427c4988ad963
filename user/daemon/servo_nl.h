/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ptpkd's side of the kernel servo: the servo-new request built from the
 * ptp4l.conf servo keys, one servo-sample per Sync and per Delay_Resp, the
 * system clock's frequency when the module asks for it (apply-freq), and
 * ptp4l's "master offset" and summary_interval lines from the replies.
 * ptpkd never adjusts a PHC: the module does.
 */
#ifndef PTPKD_SERVO_NL_H
#define PTPKD_SERVO_NL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "libptpk.h"
#include "stats.h"

struct config;

/* A Sync measurement: t1 and t2 with the Sync + Follow_Up correction. */
struct e2e_sync {
	uint16_t seq;
	int64_t t1, t2;		/* ns */
	int64_t corr;		/* ns */
	int8_t log_interval;	/* the Sync's logMessageInterval */
};

/* A Delay_Req/Delay_Resp measurement. */
struct e2e_delay {
	uint16_t seq;
	int64_t t3, t4;		/* ns */
	int64_t corr;		/* ns, the Delay_Resp's correctionField */
};

/* What the module made of a sample, in ptp4l's units. */
struct servo_result {
	uint32_t state;		/* enum ptpk_servo_state: s0..s3 */
	int64_t offset;		/* ns */
	double adj;		/* ppb as ptp4l logs it: minus the frequency */
	int64_t freq_ppt;	/* the clock's frequency, ppb * 1000 */
	int64_t delay;		/* filtered path delay, ns */
	int64_t delay_raw;
	uint32_t flags;		/* PTPK_SAMPLE_FLAGS_* */
};

struct servo_nl {
	struct ptpk *nl;
	bool have;		/* a servo was created */
	uint32_t id;
	bool system;		/* CLOCK_REALTIME: we apply the frequency */
	bool steers;		/* not nullf or ntpshm, whose output is 0 */
	int8_t log_sync;	/* the interval the servo was told */
	int summary_interval;	/* set by the caller after servo_nl_open() */
	unsigned int max_count;	/* summary every max_count samples; <= 1: per line */
	struct stats s_offset, s_freq, s_delay;
};

/*
 * Fill a servo-new request from the configuration of port (NULL: global):
 * kind from clock_servo, every servo key set in the file or on the command
 * line through libptpk's table, hw-ts from time_stamping and sync-interval
 * from logSyncInterval. The clock selector is left to the caller. 0, or -1
 * with a message in err.
 */
int servo_nl_request(const struct config *cfg, const char *port,
		     struct ptpk_servo *req, char *err, size_t len);

/* Samples per summary line: 2^(summary_interval - logSyncInterval), or 0. */
unsigned int servo_nl_summary_count(int summary_interval, int log_sync);

/* Open the netlink socket: 0 or a negative errno (-ENOENT: no ptpk.ko). */
int servo_nl_open(struct servo_nl *s);
void servo_nl_close(struct servo_nl *s);
/* Create the servo once; later calls keep it. 0 or a negative errno. */
int servo_nl_create(struct servo_nl *s, const struct ptpk_servo *req);
/* Delete the servo (its clock keeps its last frequency). 0 or -errno. */
int servo_nl_destroy(struct servo_nl *s);
/*
 * Feed a measurement. On success r holds the reply; the system clock's
 * frequency has been applied when the module asked for it.
 */
int servo_nl_sync(struct servo_nl *s, const struct e2e_sync *m,
		  struct servo_result *r);
int servo_nl_delay(struct servo_nl *s, const struct e2e_delay *m,
		   struct servo_result *r);
/* A raw P2P mean link delay; the module filters it. */
int servo_nl_peer_delay(struct servo_nl *s, int64_t delay,
			struct servo_result *r);
/*
 * ptp4l's initial_delay: the offset sample of Sync m with the path delay
 * delay (ns), for a servo that has measured none yet (a sync sample came
 * back no-delay). servo_nl_initial_req() fills the request (for the tests).
 */
void servo_nl_initial_req(struct ptpk_sample *req, const struct e2e_sync *m,
			  int64_t delay);
int servo_nl_initial(struct servo_nl *s, const struct e2e_sync *m,
		     int64_t delay, struct servo_result *r);
/* The master offset line, or the summary every max_count samples. */
void servo_nl_report(struct servo_nl *s, const struct servo_result *r);
/* Convert a sample reply (exposed for the tests). */
void servo_nl_result(const struct ptpk_sample *rep, struct servo_result *r);
/* ADJ_FREQUENCY's scaled ppm for a frequency in ppb * 1000. */
long servo_nl_scaled_ppm(int64_t freq_ppt);

#endif
