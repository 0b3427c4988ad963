// SPDX-License-Identifier: GPL-2.0
/* phc2sys's per-update and summary lines, see output.h. */
#include <stdio.h>

#include "output.h"
#include "print.h"

void output_init(struct p2s_output *out, const char *device, bool src_system,
		 unsigned int summary)
{
	*out = (struct p2s_output){
		.device = device,
		.source_label = src_system ? "sys" : "phc",
		.summary = summary,
	};
}

static void route_line(const char *device, const struct stats *s,
		       int level)
{
	struct stats_result r;

	if (stats_get(s, &r))
		return;
	p2s_print(level, "%s route delay %u applied mean %.0f +/- %.0f max %.0f ns",
		  device, stats_count(s), r.mean, r.stddev, r.max);
}

void output_sample(struct p2s_output *out, const struct ptpk_sample *smp,
		   int64_t route_ns)
{
	/* ptpk reports the frequency applied; phc2sys prints its negation */
	double ppb = -(double)smp->freq / 1000.0;
	int64_t delay = PTPK_HAS(smp, PTPK_A_SAMPLE_DELAY_RAW) ?
			smp->delay_raw : smp->delay;
	char buf[256];

	if (route_ns >= 0) {
		stats_add(&out->route, (double)route_ns);
		stats_add(&out->route_total, (double)route_ns);
		pr_debug("%s route delay %lld ns", out->device,
			 (long long)route_ns);
	}
	if (!out->summary) {
		pr_info("%s %s offset %9lld s%d freq %+7.0f delay %6lld",
			out->device, out->source_label, (long long)smp->offset,
			(int)smp->state, ppb, (long long)delay);
		return;
	}
	stats_add(&out->offset, (double)smp->offset);
	stats_add(&out->freq, ppb);
	if (delay >= 0)
		stats_add(&out->delay, (double)delay);
	if (stats_count(&out->offset) < out->summary)
		return;
	stats_summary(buf, sizeof(buf), &out->offset, &out->freq, &out->delay);
	pr_info("%s %s", out->device, buf);
	route_line(out->device, &out->route, LOG_DEBUG);
	stats_reset(&out->offset);
	stats_reset(&out->freq);
	stats_reset(&out->delay);
	stats_reset(&out->route);
}

void output_finish(struct p2s_output *out)
{
	route_line(out->device, &out->route_total, LOG_INFO);
}
