// SPDX-License-Identifier: GPL-2.0
/*
 * The alternate BMCA data set comparison of ITU-T G.8275.1 (clause 6.3 and
 * annex) and G.8275.2, as ptp4l's dataset_comparison G.8275.x ranks
 * foreign masters. See bmc.h.
 */
#include <stddef.h>
#include <string.h>

#include "bmc.h"

/* The first differing quality field or priority, lower is better. */
static int telecom_fields(const struct dataset *a, const struct dataset *b)
{
	const struct ClockQuality *qa = &a->quality, *qb = &b->quality;

	if (qa->clockClass != qb->clockClass)
		return qa->clockClass < qb->clockClass ? BMC_A_BETTER :
							 BMC_B_BETTER;
	if (qa->clockAccuracy != qb->clockAccuracy)
		return qa->clockAccuracy < qb->clockAccuracy ? BMC_A_BETTER :
							       BMC_B_BETTER;
	if (qa->offsetScaledLogVariance != qb->offsetScaledLogVariance)
		return qa->offsetScaledLogVariance <
		       qb->offsetScaledLogVariance ? BMC_A_BETTER :
						     BMC_B_BETTER;
	if (a->priority2 != b->priority2)
		return a->priority2 < b->priority2 ? BMC_A_BETTER :
						     BMC_B_BETTER;
	if (a->localPriority != b->localPriority)
		return a->localPriority < b->localPriority ? BMC_A_BETTER :
							     BMC_B_BETTER;
	return 0;
}

int bmc_dscmp_telecom(const struct dataset *a, const struct dataset *b)
{
	int r;

	if (!a || !b)
		return bmc_dscmp(a, b);
	r = telecom_fields(a, b);
	if (r)
		return r;
	/*
	 * Equal so far. Grandmaster-only classes (1..127) are not told apart
	 * by identity: the nearer one wins. Otherwise the identity decides,
	 * and for the same grandmaster the path does.
	 */
	if (a->quality.clockClass <= 127)
		return bmc_dscmp_topology(a, b, NULL);
	r = memcmp(a->identity.id, b->identity.id, sizeof(a->identity.id));
	if (!r)
		return bmc_dscmp_topology(a, b, NULL);
	return r < 0 ? BMC_A_BETTER : BMC_B_BETTER;
}
