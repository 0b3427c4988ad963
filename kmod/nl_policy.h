/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/* Do not edit: generated from Documentation/netlink/specs/ptpk.yaml by scripts/ynl-gen.py */

#ifndef _PTPK_NL_POLICY_H
#define _PTPK_NL_POLICY_H

#include <net/netlink.h>
#include <uapi/linux/ptpk.h>

extern const struct nla_policy ptpk_clock_nl_policy[PTPK_A_CLOCK_IFNAME + 1];
extern const struct nla_policy ptpk_clock_get_nl_policy[PTPK_A_CLOCK_IFNAME + 1];
#define PTPK_CLOCK_GET_NL_POLICY_MAXATTR PTPK_A_CLOCK_IFNAME
extern const struct nla_policy ptpk_servo_new_nl_policy[PTPK_A_SERVO_WRITE_PHASE_MODE + 1];
#define PTPK_SERVO_NEW_NL_POLICY_MAXATTR PTPK_A_SERVO_WRITE_PHASE_MODE
extern const struct nla_policy ptpk_servo_del_nl_policy[PTPK_A_SERVO_ID + 1];
#define PTPK_SERVO_DEL_NL_POLICY_MAXATTR PTPK_A_SERVO_ID
extern const struct nla_policy ptpk_servo_get_nl_policy[PTPK_A_SERVO_ID + 1];
#define PTPK_SERVO_GET_NL_POLICY_MAXATTR PTPK_A_SERVO_ID
extern const struct nla_policy ptpk_servo_set_nl_policy[PTPK_A_SERVO_WRITE_PHASE_MODE + 1];
#define PTPK_SERVO_SET_NL_POLICY_MAXATTR PTPK_A_SERVO_WRITE_PHASE_MODE
extern const struct nla_policy ptpk_servo_sample_nl_policy[PTPK_A_SAMPLE_DELAY + 1];
#define PTPK_SERVO_SAMPLE_NL_POLICY_MAXATTR PTPK_A_SAMPLE_DELAY
extern const struct nla_policy ptpk_servo_adopt_nl_policy[PTPK_A_SERVO_ID + 1];
#define PTPK_SERVO_ADOPT_NL_POLICY_MAXATTR PTPK_A_SERVO_ID
extern const struct nla_policy ptpk_sync_new_nl_policy[PTPK_A_SYNC_UTC_OFFSET + 1];
#define PTPK_SYNC_NEW_NL_POLICY_MAXATTR PTPK_A_SYNC_UTC_OFFSET
extern const struct nla_policy ptpk_sync_del_nl_policy[PTPK_A_SYNC_ID + 1];
#define PTPK_SYNC_DEL_NL_POLICY_MAXATTR PTPK_A_SYNC_ID
extern const struct nla_policy ptpk_sync_get_nl_policy[PTPK_A_SYNC_ID + 1];
#define PTPK_SYNC_GET_NL_POLICY_MAXATTR PTPK_A_SYNC_ID
extern const struct nla_policy ptpk_sync_set_nl_policy[PTPK_A_SYNC_UTC_OFFSET + 1];
#define PTPK_SYNC_SET_NL_POLICY_MAXATTR PTPK_A_SYNC_UTC_OFFSET

#endif /* _PTPK_NL_POLICY_H */
