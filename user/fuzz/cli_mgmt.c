// SPDX-License-Identifier: GPL-2.0
/*
 * ptpk-cli's management client on arbitrary answers, as a daemon (or
 * anyone who can write to its socket) could send them: mgmt_parse, then
 * pmc's printing of whatever passed, and the status view fed with it,
 * in text and JSON.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cpmc.h"
#include "json.h"
#include "mgmt.h"
#include "mgmt_ds.h"
#include "status.h"

#define ASSERT(x) do { if (!(x)) abort(); } while (0)

static FILE *devnull;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mgmt_msg m;
	struct status st;
	int rc;

	if (!devnull)
		devnull = fopen("/dev/null", "w");
	ASSERT(devnull);
	rc = mgmt_parse(data, size, &m);
	if (rc)
		return 0;
	/* what mgmt_parse accepts lies within the input */
	if (m.data && m.len)
		ASSERT(m.data >= data && m.data + m.len <= data + size);
	cpmc_show(devnull, &m);
	status_init(&st, "fuzz", 0);
	status_answer(&st, &m);
	status_print_text(devnull, &st, true);
	{
		struct json j;

		json_init(&j, devnull, false);
		status_print_json(&j, &st);
	}
	status_free(&st);
	return 0;
}
