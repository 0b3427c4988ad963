/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/* Do not edit: generated from Documentation/netlink/specs/ptpk.yaml by scripts/ynl-gen.py */

#ifndef _UAPI_LINUX_PTPK_H
#define _UAPI_LINUX_PTPK_H

/*
 * ptpk.ko: PTP timestamp filtering, clock servos and clock adjustment in the
 * kernel. User space (ptpkd, ptpk-phc2sys, ptpk-cli) names clocks, creates
 * servo instances bound to them and feeds them samples; the module filters,
 * runs the servo and adjusts the clock. Objects belong to the network
 * namespace of the socket that created them and are invisible elsewhere.
 * Commands that change state need CAP_NET_ADMIN (GENL_ADMIN_PERM: in the
 * initial user namespace, since servos adjust clocks the whole machine
 * shares); a servo on the system clock also needs CAP_SYS_TIME.
 *
 * Fixed-point convention: a value documented as "nano-units" is the real
 * number multiplied by 10^9 (0.7 is 700000000, -0.3 is -300000000). Times
 * are in nanoseconds, frequencies in parts per billion (ppb).
 *
 * Commands (attributes of requests; replies carry the attribute set):
 *
 * PTPK_CMD_INFO_GET
 *     Module and API version.
 *
 * PTPK_CMD_CLOCK_GET
 *     Get one clock (do, selected by the clock attributes) or dump the
 *     system clock and every PHC that belongs to the caller's netns: PHCs
 *     named by a netdev of the netns, and PHCs no netdev names at all.
 *     do request: type, phc-index, dev-path, ifindex, ifname
 *     dump: supported
 *
 * PTPK_CMD_SERVO_NEW [CAP_NET_ADMIN]
 *     Create a servo instance on a clock; replies with the new instance.
 *     do request: clock, kind, name, pi-proportional-const, pi-proportional-
 *         scale, pi-proportional-exponent, pi-proportional-norm-max, pi-
 *         integral-const, pi-integral-scale, pi-integral-exponent, pi-
 *         integral-norm-max, step-threshold, first-step-threshold, max-
 *         frequency, sanity-freq-limit, offset-threshold, num-offset-values,
 *         sync-interval, hw-timestamping, hw-ts, delay-filter, delay-filter-
 *         length, tsproc-mode, outlier-factor, write-phase-mode
 *
 * PTPK_CMD_SERVO_DEL [CAP_NET_ADMIN]
 *     Delete a servo instance; the clock keeps its current frequency.
 *     do request: id
 *
 * PTPK_CMD_SERVO_GET
 *     Get one servo instance by id, or dump those of the caller's netns.
 *     do request: id
 *     dump: supported
 *
 * PTPK_CMD_SERVO_SET [CAP_NET_ADMIN]
 *     Change parameters of a servo instance; kind and clock are fixed.
 *     do request: id, name, pi-proportional-const, pi-proportional-scale,
 *         pi-proportional-exponent, pi-proportional-norm-max, pi-integral-
 *         const, pi-integral-scale, pi-integral-exponent, pi-integral-norm-
 *         max, step-threshold, first-step-threshold, max-frequency, sanity-
 *         freq-limit, offset-threshold, num-offset-values, sync-interval,
 *         hw-timestamping, hw-ts, delay-filter, delay-filter-length, tsproc-
 *         mode, outlier-factor, write-phase-mode
 *
 * PTPK_CMD_SERVO_CREATE_NTF
 *     Sent to the monitor group when a servo instance is created.
 *     sent to multicast group "monitor", shaped as servo-get replies
 *
 * PTPK_CMD_SERVO_DELETE_NTF
 *     Sent to the monitor group when a servo instance is deleted.
 *     sent to multicast group "monitor", shaped as servo-get replies
 *
 * PTPK_CMD_SERVO_CHANGE_NTF
 *     Sent to the monitor group when a servo's parameters, state or
 *     ownership change.
 *     sent to multicast group "monitor", shaped as servo-get replies
 *
 * PTPK_CMD_SERVO_SAMPLE [CAP_NET_ADMIN]
 *     Feed one measurement to a servo owned by the calling socket: the
 *     module filters it, runs the servo and adjusts the clock (steps it, or
 *     sets its frequency; for the system clock the frequency is left to the
 *     owner, see the apply-freq flag), and replies with the outcome.
 *     do request: id, seq-id, sync-interval, t1, t2, t3, t4, corr-sync,
 *         corr-delay, peer-delay, offset, local-ts, delay
 *
 * PTPK_CMD_SERVO_ADOPT [CAP_NET_ADMIN]
 *     Make the calling socket the owner of an orphaned servo (whose owner's
 *     socket closed: a daemon restarted). The servo resumes from its
 *     holdover frequency without a first step.
 *     do request: id
 *
 * PTPK_CMD_SAMPLE_NTF
 *     Sent to the monitor group for servo samples: at most 10 per second per
 *     servo, and always for a sample that stepped, reset or changed state.
 *     sent to multicast group "monitor": id, seq-id, state, offset, freq,
 *         delay, delay-raw, weight, flags, mono-ts
 *
 * PTPK_CMD_SYNC_NEW [CAP_NET_ADMIN]
 *     Start a sync job on a servo the caller owns; replies with the job.
 *     do request: servo, source, rate, readings, utc-offset
 *
 * PTPK_CMD_SYNC_DEL [CAP_NET_ADMIN]
 *     Stop and delete a sync job; its servo stays (the clock keeps its
 *     frequency).
 *     do request: id
 *
 * PTPK_CMD_SYNC_GET
 *     Get one sync job, or dump those of the caller's netns.
 *     do request: id
 *     dump: supported
 *
 * PTPK_CMD_SYNC_SET [CAP_NET_ADMIN]
 *     Change a sync job's rate, readings or utc-offset.
 *     do request: id, rate, readings, utc-offset
 */

#define PTPK_FAMILY_NAME	"ptpk"
#define PTPK_FAMILY_VERSION	1

/* Maximum length of a clock name, netdev name or device path, with NUL. */
#define PTPK_NAME_LEN	64

/*
 * What kind of clock a clock attribute set refers to.
 */
enum ptpk_clock_type {
	/* CLOCK_REALTIME, the system clock. */
	PTPK_CLOCK_TYPE_SYSTEM = 1,
	/* A PTP hardware clock, /dev/ptpN. */
	PTPK_CLOCK_TYPE_PHC = 2,

	/* private: */
	__PTPK_CLOCK_TYPE_MAX,
	PTPK_CLOCK_TYPE_MAX = (__PTPK_CLOCK_TYPE_MAX - 1)
};

/*
 * Servo algorithm, as linuxptp's clock_servo option. nullf never
 * corrects the frequency (sets it to 0 when locked) and only steps past
 * the step thresholds, locked at an exact zero offset; ntpshm never
 * touches the clock and stays unlocked, reporting the offset for the
 * owner to pass to ntpd or chronyd (an NTP SHM segment).
 */
enum ptpk_servo_kind {
	PTPK_SERVO_KIND_PI = 1,
	PTPK_SERVO_KIND_LINREG = 2,
	PTPK_SERVO_KIND_NULLF = 3,
	PTPK_SERVO_KIND_NTPSHM = 4,

	/* private: */
	__PTPK_SERVO_KIND_MAX,
	PTPK_SERVO_KIND_MAX = (__PTPK_SERVO_KIND_MAX - 1)
};

/*
 * Servo state, as linuxptp's s0..s3 plus a fault state.
 */
enum ptpk_servo_state {
	/* s0, collecting samples. */
	PTPK_SERVO_STATE_UNLOCKED = 0,
	/* s1, the clock was (or is about to be) stepped. */
	PTPK_SERVO_STATE_JUMP = 1,
	/* s2, tracking by frequency adjustment. */
	PTPK_SERVO_STATE_LOCKED = 2,
	/* s3, locked and below servo_offset_threshold. */
	PTPK_SERVO_STATE_LOCKED_STABLE = 3,
	/* The clock went away or refused an adjustment. */
	PTPK_SERVO_STATE_FAULT = 4,

	/* private: */
	__PTPK_SERVO_STATE_MAX,
	PTPK_SERVO_STATE_MAX = (__PTPK_SERVO_STATE_MAX - 1)
};

/*
 * Path delay filter, as linuxptp's delay_filter option.
 */
enum ptpk_delay_filter {
	PTPK_DELAY_FILTER_MOVING_MEDIAN = 1,
	PTPK_DELAY_FILTER_MOVING_AVERAGE = 2,

	/* private: */
	__PTPK_DELAY_FILTER_MAX,
	PTPK_DELAY_FILTER_MAX = (__PTPK_DELAY_FILTER_MAX - 1)
};

/*
 * How offsets use the path delay, as linuxptp's tsproc_mode: the filtered
 * or the raw delay, with a weight of 1 or filtered/raw delay (the weight
 * is reported; like linuxptp's pi and linreg, the servos do not use it).
 */
enum ptpk_tsproc_mode {
	PTPK_TSPROC_MODE_FILTER = 1,
	PTPK_TSPROC_MODE_RAW = 2,
	PTPK_TSPROC_MODE_FILTER_WEIGHT = 3,
	PTPK_TSPROC_MODE_RAW_WEIGHT = 4,

	/* private: */
	__PTPK_TSPROC_MODE_MAX,
	PTPK_TSPROC_MODE_MAX = (__PTPK_TSPROC_MODE_MAX - 1)
};

/*
 * What a sample did, in servo-sample replies and sample notifications.
 */
enum ptpk_sample_flags {
	/*
	 * The clock was stepped by -offset.
	 */
	PTPK_SAMPLE_FLAGS_STEPPED = 1,
	/*
	 * The path delay measurement was rejected as an outlier.
	 */
	PTPK_SAMPLE_FLAGS_DELAY_OUTLIER = 2,
	/*
	 * The offset was rejected as an outlier; the clock was not adjusted.
	 */
	PTPK_SAMPLE_FLAGS_OFFSET_OUTLIER = 4,
	/*
	 * The clock check (sanity_freq_limit) failed; the servo was reset.
	 */
	PTPK_SAMPLE_FLAGS_RESET = 8,
	/*
	 * The system clock's frequency must be set to freq by the owner
	 * (clock_adjtime ADJ_FREQUENCY): the kernel exports no way to do it.
	 */
	PTPK_SAMPLE_FLAGS_APPLY_FREQ = 16,
	/*
	 * No path delay is known yet; the offset was not used.
	 */
	PTPK_SAMPLE_FLAGS_NO_DELAY = 32,
	/*
	 * The clock refused the adjustment or went away; see the error.
	 */
	PTPK_SAMPLE_FLAGS_FAULT = 64,
	/*
	 * write-phase-mode in state locked-stable: the clock was handed
	 * -offset as a phase adjustment (ADJ_OFFSET, its driver's adjphase)
	 * and its frequency was left alone.
	 */
	PTPK_SAMPLE_FLAGS_PHASE = 128,
};

enum {
	/* string: Module version string. */
	PTPK_A_INFO_VERSION = 1,
	/* u32: Version of this netlink API (PTPK_FAMILY_VERSION). */
	PTPK_A_INFO_API = 2,
	/* string: Release of the running kernel. */
	PTPK_A_INFO_KERNEL = 3,

	__PTPK_A_INFO_MAX,
	PTPK_A_INFO_MAX = (__PTPK_A_INFO_MAX - 1)
};

/*
 * A network device whose ethtool ts-info names a PHC.
 */
enum {
	/* u32 */
	PTPK_A_NETDEV_IFINDEX = 1,
	/* string */
	PTPK_A_NETDEV_IFNAME = 2,

	__PTPK_A_NETDEV_MAX,
	PTPK_A_NETDEV_MAX = (__PTPK_A_NETDEV_MAX - 1)
};

/*
 * A clock. In requests it selects a clock: type system, or a PHC by one of
 * phc-index, dev-path (/dev/ptpN) or ifindex/ifname (the PHC that the
 * netdev's ethtool ts-info names). In replies all known fields are set.
 */
enum {
	/* u32 */
	PTPK_A_CLOCK_TYPE = 1,
	/* u32 */
	PTPK_A_CLOCK_PHC_INDEX = 2,
	/* string */
	PTPK_A_CLOCK_DEV_PATH = 3,
	/* u32 */
	PTPK_A_CLOCK_IFINDEX = 4,
	/* string */
	PTPK_A_CLOCK_IFNAME = 5,
	/* string: The PHC's clock_name (sysfs clock_name), or CLOCK_REALTIME. */
	PTPK_A_CLOCK_NAME = 6,
	/* u32: Maximum frequency adjustment in ppb. */
	PTPK_A_CLOCK_MAX_ADJ = 7,
	/* u32: Number of programmable pins. */
	PTPK_A_CLOCK_N_PINS = 8,
	/* u32: Number of external timestamp channels. */
	PTPK_A_CLOCK_N_EXT_TS = 9,
	/* u32: Number of periodic output channels. */
	PTPK_A_CLOCK_N_PER_OUT = 10,
	/* u32: 1 if the PHC can deliver PPS events to the kernel. */
	PTPK_A_CLOCK_PPS = 11,
	/* nest: Netdevs of the caller's netns whose ts-info names this PHC. */
	PTPK_A_CLOCK_NETDEV = 12,

	__PTPK_A_CLOCK_MAX,
	PTPK_A_CLOCK_MAX = (__PTPK_A_CLOCK_MAX - 1)
};

/*
 * A servo instance bound to one clock.
 */
enum {
	/* u32: Instance id, unique within a network namespace. */
	PTPK_A_SERVO_ID = 1,
	/* nest: The clock the servo adjusts (required for servo-new). */
	PTPK_A_SERVO_CLOCK = 2,
	/* u32 */
	PTPK_A_SERVO_KIND = 3,
	/* u32 */
	PTPK_A_SERVO_STATE = 4,
	/* string: Free-form label (e.g. "ptpkd eth0"), shown by ptpk-cli. */
	PTPK_A_SERVO_NAME = 5,
	/* s64: linuxptp pi_proportional_const, nano-units; 0 selects scale/exponent. */
	PTPK_A_SERVO_PI_PROPORTIONAL_CONST = 6,
	/* s64: pi_proportional_scale, nano-units; 0 selects the default. */
	PTPK_A_SERVO_PI_PROPORTIONAL_SCALE = 7,
	/* s64: pi_proportional_exponent, nano-units. */
	PTPK_A_SERVO_PI_PROPORTIONAL_EXPONENT = 8,
	/* s64: pi_proportional_norm_max, nano-units. */
	PTPK_A_SERVO_PI_PROPORTIONAL_NORM_MAX = 9,
	/* s64: pi_integral_const, nano-units; 0 selects scale/exponent. */
	PTPK_A_SERVO_PI_INTEGRAL_CONST = 10,
	/* s64: pi_integral_scale, nano-units; 0 selects the default. */
	PTPK_A_SERVO_PI_INTEGRAL_SCALE = 11,
	/* s64: pi_integral_exponent, nano-units. */
	PTPK_A_SERVO_PI_INTEGRAL_EXPONENT = 12,
	/* s64: pi_integral_norm_max, nano-units. */
	PTPK_A_SERVO_PI_INTEGRAL_NORM_MAX = 13,
	/* s64: step_threshold in ns; 0 never steps after the first update. */
	PTPK_A_SERVO_STEP_THRESHOLD = 14,
	/* s64: first_step_threshold in ns (default 20000). */
	PTPK_A_SERVO_FIRST_STEP_THRESHOLD = 15,
	/* u32: max_frequency in ppb; clamped to the clock's max-adj. */
	PTPK_A_SERVO_MAX_FREQUENCY = 16,
	/* u32: sanity_freq_limit in ppb; 0 disables the check. */
	PTPK_A_SERVO_SANITY_FREQ_LIMIT = 17,
	/* s64: servo_offset_threshold in ns; 0 disables s3. */
	PTPK_A_SERVO_OFFSET_THRESHOLD = 18,
	/* u32: servo_num_offset_values. */
	PTPK_A_SERVO_NUM_OFFSET_VALUES = 19,
	/* s32: Expected log2 sync interval, as logSyncInterval (-7..4). */
	PTPK_A_SERVO_SYNC_INTERVAL = 20,
	/* flag: Use the hardware-timestamping PI defaults (0.7/0.3) not software (0.1/0.001). */
	PTPK_A_SERVO_HW_TIMESTAMPING = 21,
	/* s64: Last offset from master in ns (replies). */
	PTPK_A_SERVO_OFFSET = 22,
	/* s64: Current frequency adjustment in ppb times 1000 (replies). */
	PTPK_A_SERVO_FREQ = 23,
	/* u32: delay_filter (default moving-median). */
	PTPK_A_SERVO_DELAY_FILTER = 24,
	/* u32: delay_filter_length (default 10). */
	PTPK_A_SERVO_DELAY_FILTER_LENGTH = 25,
	/* u32: tsproc_mode (default filter). */
	PTPK_A_SERVO_TSPROC_MODE = 26,
	/* u32: Outlier rejection (not in linuxptp): a path delay more than this
many mean absolute deviations from the filtered delay, or in a
locked state an offset more than this many mean absolute offsets
(both at least 16 ns), is rejected, at most 3 times in a row.
0 disables it; default 8. */
	PTPK_A_SERVO_OUTLIER_FACTOR = 27,
	/* s64: Filtered path delay in ns (replies). */
	PTPK_A_SERVO_DELAY = 28,
	/* u32: Netlink port id of the owning socket, 0 when orphaned (replies). */
	PTPK_A_SERVO_OWNER = 29,
	/* flag: The owner is gone; the clock is in holdover (replies). */
	PTPK_A_SERVO_ORPHANED = 30,
	/* s64: Frequency (ppb times 1000) the servo last estimated while locked:
what the clock is left at when the owner goes away (replies). */
	PTPK_A_SERVO_HOLDOVER_FREQ = 31,
	/* u64: Samples taken (replies). */
	PTPK_A_SERVO_N_SAMPLES = 32,
	/* u32: Times the clock was stepped (replies). */
	PTPK_A_SERVO_N_STEPS = 33,
	/* u32: Clock-check resets (replies). */
	PTPK_A_SERVO_N_RESETS = 34,
	/* u32: Rejected delay and offset outliers (replies). */
	PTPK_A_SERVO_N_OUTLIERS = 35,
	/* u32: 1 for hardware timestamping PI defaults, 0 for software; replaces
the hw-timestamping flag in servo-set, which could not clear it. */
	PTPK_A_SERVO_HW_TS = 36,
	/* u32: 1: in state locked-stable (which needs offset-threshold) hand the
offset to the clock's adjphase (ADJ_OFFSET) instead of changing its
frequency, as linuxptp's write_phase_mode. Refused (EOPNOTSUPP)
for a clock without adjphase, and for the system clock. */
	PTPK_A_SERVO_WRITE_PHASE_MODE = 37,

	__PTPK_A_SERVO_MAX,
	PTPK_A_SERVO_MAX = (__PTPK_A_SERVO_MAX - 1)
};

/*
 * One measurement for a servo. E2E: a Sync gives t1 (preciseOriginTimestamp)
 * and t2 (its receive time) with corr-sync (Sync plus Follow_Up correction);
 * a Delay_Req/Delay_Resp gives t3 (its transmit time) and t4
 * (receiveTimestamp) with corr-delay, and is paired with the last Sync.
 * P2P: t1, t2 and corr-sync with peer-delay (the raw mean link delay).
 * Direct: offset (and optionally delay), already measured, as a sync job
 * does it. Times are ns since the epoch of the clocks' timescale.
 */
enum {
	/* u32: The servo. */
	PTPK_A_SAMPLE_ID = 1,
	/* u32: Sequence id of the Sync, echoed in the reply. */
	PTPK_A_SAMPLE_SEQ_ID = 2,
	/* s32: The master's logSyncInterval, when it changed. */
	PTPK_A_SAMPLE_SYNC_INTERVAL = 3,
	/* s64 */
	PTPK_A_SAMPLE_T1 = 4,
	/* s64 */
	PTPK_A_SAMPLE_T2 = 5,
	/* s64 */
	PTPK_A_SAMPLE_T3 = 6,
	/* s64 */
	PTPK_A_SAMPLE_T4 = 7,
	/* s64: correctionField of Sync plus Follow_Up, ns. */
	PTPK_A_SAMPLE_CORR_SYNC = 8,
	/* s64: correctionField of Delay_Resp, ns. */
	PTPK_A_SAMPLE_CORR_DELAY = 9,
	/* s64: Raw P2P mean link delay, ns; filtered like an E2E delay. */
	PTPK_A_SAMPLE_PEER_DELAY = 10,
	/* s64: Direct sample's offset (local minus reference), ns; replies. */
	PTPK_A_SAMPLE_OFFSET = 11,
	/* s64: Direct sample's local time, ns (default now on the clock). */
	PTPK_A_SAMPLE_LOCAL_TS = 12,
	/* u32: Servo state after the sample (replies). */
	PTPK_A_SAMPLE_STATE = 13,
	/* s64: Frequency adjustment in ppb times 1000 (replies). */
	PTPK_A_SAMPLE_FREQ = 14,
	/* s64: Filtered path delay, ns; direct samples may pass one (replies). */
	PTPK_A_SAMPLE_DELAY = 15,
	/* s64: Raw path delay of this sample, ns (replies). */
	PTPK_A_SAMPLE_DELAY_RAW = 16,
	/* s64: tsproc weight in nano-units (replies). */
	PTPK_A_SAMPLE_WEIGHT = 17,
	/* u32: What the sample did (replies). */
	PTPK_A_SAMPLE_FLAGS = 18,
	/* s64: CLOCK_MONOTONIC_RAW (ns) when the module computed the outcome, so an
owner that applies the system clock's frequency can measure how
long the route took (replies). */
	PTPK_A_SAMPLE_MONO_TS = 19,

	__PTPK_A_SAMPLE_MAX,
	PTPK_A_SAMPLE_MAX = (__PTPK_A_SAMPLE_MAX - 1)
};

/*
 * A sync job (phc2sys in the kernel): a kernel thread that measures the
 * offset of a servo's clock (the sink) from a source clock at a fixed rate,
 * and feeds it to the servo as a direct sample. Each measurement takes
 * `readings` sink-source-sink readings and keeps the one with the shortest
 * bracket (its "delay"), as phc2sys -N does. The servo's owner owns the job:
 * it gets every measurement as a unicast sample-ntf (and must apply the
 * frequency when the sink is the system clock); when it goes away the job
 * stops and the servo goes to holdover.
 */
enum {
	/* u32: Job id, unique within a network namespace. */
	PTPK_A_SYNC_ID = 1,
	/* u32: The servo the job drives; its clock is the sink. Required for sync-new. */
	PTPK_A_SYNC_SERVO = 2,
	/* nest: The reference clock. Required for sync-new. */
	PTPK_A_SYNC_SOURCE = 3,
	/* u32: Measurements per 1000 s (phc2sys -R times 1000; default 1000, 1 Hz). */
	PTPK_A_SYNC_RATE = 4,
	/* u32: Readings per measurement (phc2sys -N; default 5). */
	PTPK_A_SYNC_READINGS = 5,
	/* s32: Seconds the sink is kept ahead of the source (phc2sys -O; default 0). */
	PTPK_A_SYNC_UTC_OFFSET = 6,
	/* s64: Last measured offset, sink minus source minus utc-offset, ns (replies). */
	PTPK_A_SYNC_OFFSET = 7,
	/* s64: Bracket of the last measurement's best reading, ns (replies). */
	PTPK_A_SYNC_DELAY = 8,
	/* u64: Measurements made (replies). */
	PTPK_A_SYNC_N_MEASUREMENTS = 9,
	/* u64: Measurements dropped because even their best reading's bracket was
more than 4 times the typical one (and 2 us above it): the thread
was interrupted or the bus stalled (replies). */
	PTPK_A_SYNC_N_REJECTED = 10,

	__PTPK_A_SYNC_MAX,
	PTPK_A_SYNC_MAX = (__PTPK_A_SYNC_MAX - 1)
};

enum {
	PTPK_CMD_INFO_GET = 1,
	PTPK_CMD_CLOCK_GET = 2,
	PTPK_CMD_SERVO_NEW = 3,
	PTPK_CMD_SERVO_DEL = 4,
	PTPK_CMD_SERVO_GET = 5,
	PTPK_CMD_SERVO_SET = 6,
	PTPK_CMD_SERVO_CREATE_NTF = 7,
	PTPK_CMD_SERVO_DELETE_NTF = 8,
	PTPK_CMD_SERVO_CHANGE_NTF = 9,
	PTPK_CMD_SERVO_SAMPLE = 10,
	PTPK_CMD_SERVO_ADOPT = 11,
	PTPK_CMD_SAMPLE_NTF = 12,
	PTPK_CMD_SYNC_NEW = 13,
	PTPK_CMD_SYNC_DEL = 14,
	PTPK_CMD_SYNC_GET = 15,
	PTPK_CMD_SYNC_SET = 16,

	__PTPK_CMD_MAX,
	PTPK_CMD_MAX = (__PTPK_CMD_MAX - 1)
};

#define PTPK_MCGRP_MONITOR	"monitor"

#endif /* _UAPI_LINUX_PTPK_H */
