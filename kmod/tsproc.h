/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Timestamp processing, as linuxptp's tsproc: the path delay from the last
 * Sync (t1, t2) and the last Delay_Req/Delay_Resp (t3, t4), through the delay
 * filter, and the offset t2 - t1 - delay, in the four tsproc_mode variants.
 * P2P samples pass the peer delay instead of t3/t4.
 *
 * Plus ptpk's outlier rule (not in linuxptp), with outlier_factor F > 0:
 *  - a raw path delay is rejected when the filter holds a full window and
 *    |raw - filtered| > F * max(MAD_delay, 16 ns);
 *  - an offset is rejected, when the caller says the servo is locked, if
 *    |offset| > F * max(MAD_offset, 16 ns);
 *  - at most PTPK_TSPROC_MAX_REJECTS in a row are rejected: the next one is
 *    taken as a real change.
 * MAD is a running mean absolute deviation of accepted values (the delay's
 * from the filtered delay, the offset's from 0) with weight 1/16.
 *
 * Times are ns. Pure logic; the caller serializes calls.
 */

#ifndef _PTPK_TSPROC_H
#define _PTPK_TSPROC_H

#include <linux/types.h>
#include <uapi/linux/ptpk.h>

#include "filter.h"

#define PTPK_TSPROC_MAX_REJECTS		3
#define PTPK_TSPROC_MAD_FLOOR		16	/* ns */
#define PTPK_TSPROC_MAD_SHIFT		4	/* weight 1/16 */
#define PTPK_TSPROC_DEFAULT_OUTLIER	8

struct ptpk_tsproc {
	enum ptpk_tsproc_mode mode;
	u32 outlier_factor;
	struct ptpk_filter filter;
	s64 t1, t2, t3, t4;		/* 0: not measured (as linuxptp) */
	s64 raw_delay;			/* of the last delay measurement */
	s64 filtered_delay;
	bool filtered_valid;
	bool peer;			/* the delay came from peer-delay */
	u64 delay_mad;			/* ns << PTPK_TSPROC_MAD_SHIFT */
	u64 offset_mad;
	u8 delay_rejects;		/* in a row */
	u8 offset_rejects;
};

int ptpk_tsproc_init(struct ptpk_tsproc *t, enum ptpk_tsproc_mode mode,
		     enum ptpk_filter_type filter, unsigned int length,
		     u32 outlier_factor);
void ptpk_tsproc_destroy(struct ptpk_tsproc *t);
void ptpk_tsproc_reset(struct ptpk_tsproc *t, bool full);

void ptpk_tsproc_down_ts(struct ptpk_tsproc *t, s64 t1, s64 t2);
int ptpk_tsproc_up_ts(struct ptpk_tsproc *t, s64 t3, s64 t4, bool *outlier);
int ptpk_tsproc_peer_delay(struct ptpk_tsproc *t, s64 delay, bool *outlier);
int ptpk_tsproc_offset(struct ptpk_tsproc *t, s64 *offset, s64 *weight);
bool ptpk_tsproc_offset_outlier(struct ptpk_tsproc *t, s64 offset);
s64 ptpk_tsproc_raw_delay(const struct ptpk_tsproc *t);

#endif /* _PTPK_TSPROC_H */
