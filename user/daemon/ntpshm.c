// SPDX-License-Identifier: GPL-2.0
/* The NTP SHM reference clock, see ntpshm.h. */
#include <errno.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>

#include "ntpshm.h"
#include "print.h"

#define NS_PER_S 1000000000ULL

int ntpshm_open(struct ntpshm *n, int segment)
{
	int id;
	void *p;

	memset(n, 0, sizeof(*n));
	id = shmget((key_t)(NTPSHM_KEY + segment), sizeof(struct ntpshm_time),
		    IPC_CREAT | 0600);
	if (id < 0) {
		pr_err("ntpshm: shmget failed: %s", strerror(errno));
		return -1;
	}
	p = shmat(id, NULL, 0);
	if (p == (void *)-1) {
		pr_err("ntpshm: shmat failed: %s", strerror(errno));
		return -1;
	}
	n->shm = p;
	return 0;
}

void ntpshm_close(struct ntpshm *n)
{
	if (!n->shm)
		return;
	n->shm->valid = 0;
	shmdt(n->shm);
	n->shm = NULL;
}

void ntpshm_write(struct ntpshm_time *t, int leap, int64_t offset,
		  uint64_t local_ts)
{
	uint64_t clock_ts = local_ts - (uint64_t)offset;

	/* mode 1: a reader retries when count changed under it */
	t->mode = 1;
	t->count++;
	t->valid = 0;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	t->clockTimeStampSec = (time_t)(clock_ts / NS_PER_S);
	t->clockTimeStampNSec = (int)(clock_ts % NS_PER_S);
	t->clockTimeStampUSec = t->clockTimeStampNSec / 1000;
	t->receiveTimeStampSec = (time_t)(local_ts / NS_PER_S);
	t->receiveTimeStampNSec = (int)(local_ts % NS_PER_S);
	t->receiveTimeStampUSec = t->receiveTimeStampNSec / 1000;
	t->precision = -30;	/* 1 ns */
	t->leap = leap > 0 ? NTPSHM_LEAP_INSERT :
		  leap < 0 ? NTPSHM_LEAP_DELETE : NTPSHM_LEAP_NORMAL;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	t->count++;
	t->valid = 1;
}
