// SPDX-License-Identifier: GPL-2.0
/* Transparent clock arithmetic and the pending-message table (see tc.h). */
#include <errno.h>
#include <math.h>
#include <string.h>

#include "tc.h"
#include "tlv.h"

/* Octet offsets in a frame (1588 13.3, 13.5). */
#define OFF_CORRECTION		8
#define OFF_STEPS_REMOVED	61	/* Announce */

int64_t tc_residence(int64_t ingress_ns, int64_t egress_ns, double rr)
{
	int64_t r = egress_ns - ingress_ns;

	if (rr == 1.0 || !isfinite(rr) || rr <= 0.0)
		return r;
	return (int64_t)llround((double)r * rr);
}

int tc_correct(uint8_t *frame, size_t len, int64_t ns)
{
	int64_t c, add;

	if (len < MSG_HEADER_LEN)
		return -EINVAL;
	if (ns > INT64_MAX / 65536 || ns < INT64_MIN / 65536)
		return -ERANGE;
	add = ns * 65536;
	c = (int64_t)get_be64(frame + OFF_CORRECTION);
	if ((add > 0 && c > INT64_MAX - add) ||
	    (add < 0 && c < INT64_MIN - add))
		return -ERANGE;
	put_be64(frame + OFF_CORRECTION, (uint64_t)(c + add));
	return 0;
}

#define SYNC_LEN (MSG_HEADER_LEN + MSG_TIMESTAMP_LEN)

size_t tc_onestep_fup(uint8_t *sync, size_t len, uint8_t *fup, size_t cap)
{
	if (len < SYNC_LEN || cap < SYNC_LEN || (sync[0] & 0x0f) != MSG_SYNC)
		return 0;
	memset(fup, 0, SYNC_LEN);
	fup[0] = (uint8_t)((sync[0] & 0xf0) | MSG_FOLLOW_UP);
	fup[1] = sync[1];				/* versionPTP */
	put_be16(fup + 2, SYNC_LEN);			/* messageLength */
	fup[4] = sync[4];				/* domainNumber */
	memcpy(fup + 20, sync + 20, MSG_PORTID_LEN + 2);	/* source, seq */
	fup[32] = CTL_FOLLOW_UP;
	fup[33] = sync[33];				/* logMessageInterval */
	memcpy(fup + MSG_HEADER_LEN, sync + MSG_HEADER_LEN, MSG_TIMESTAMP_LEN);
	sync[6] |= FLAG_TWO_STEP >> 8;
	return SYNC_LEN;
}

int tc_announce_hop(uint8_t *frame, size_t len)
{
	uint16_t sr;

	if (len < OFF_STEPS_REMOVED + 2 || (frame[0] & 0x0f) != MSG_ANNOUNCE)
		return -EINVAL;
	sr = get_be16(frame + OFF_STEPS_REMOVED);
	put_be16(frame + OFF_STEPS_REMOVED, (uint16_t)(sr + 1));
	return 0;
}

static bool tree_port(enum port_state s)
{
	return s == PS_MASTER || s == PS_GRAND_MASTER ||
	       s == PS_UNCALIBRATED || s == PS_SLAVE;
}

static bool master_state(enum port_state s)
{
	return s == PS_MASTER || s == PS_GRAND_MASTER;
}

bool tc_blocked(bool spanning_tree, bool same_domain, enum msg_type type,
		enum port_state in, enum port_state out)
{
	bool req = type == MSG_DELAY_REQ;

	if (!spanning_tree || !same_domain)
		return false;
	if (!tree_port(in) || !tree_port(out))
		return true;
	/* down the tree from the slave side; Delay_Req swims against it */
	if (master_state(in))
		return !req || master_state(out);
	return master_state(out) ? req : !req;
}

void tc_table_flush(struct tc_table *t)
{
	unsigned int i;

	for (i = 0; i < TC_SLOTS; i++)
		t->e[i].kind = TC_FREE;
}

void tc_table_prune(struct tc_table *t, uint64_t now)
{
	unsigned int i;

	for (i = 0; i < TC_SLOTS; i++)
		if (t->e[i].kind != TC_FREE && now - t->e[i].at >= TC_TIMEOUT_NS)
			t->e[i].kind = TC_FREE;
}

unsigned int tc_table_used(const struct tc_table *t)
{
	unsigned int i, n = 0;

	for (i = 0; i < TC_SLOTS; i++)
		n += t->e[i].kind != TC_FREE;
	return n;
}

static struct tc_entry *tc_find(struct tc_table *t, enum tc_kind kind,
				const struct tc_key *k)
{
	unsigned int i;

	for (i = 0; i < TC_SLOTS; i++) {
		struct tc_entry *e = &t->e[i];

		if (e->kind == kind && e->ingress == k->ingress &&
		    e->seq == k->seq && pid_eq(&e->src, &k->src))
			return e;
	}
	return NULL;
}

/* A free slot, else the oldest one (the caller pruned). */
static struct tc_entry *tc_store(struct tc_table *t, enum tc_kind kind,
				 const struct tc_key *k, uint64_t now)
{
	struct tc_entry *e = NULL;
	unsigned int i;

	for (i = 0; i < TC_SLOTS; i++) {
		if (t->e[i].kind == TC_FREE) {
			e = &t->e[i];
			break;
		}
		if (!e || t->e[i].at < e->at)
			e = &t->e[i];
	}
	e->kind = kind;
	e->ingress = k->ingress;
	e->seq = k->seq;
	e->src = k->src;
	e->residence = 0;
	e->len = 0;
	e->at = now;
	return e;
}

/* out = frame, corrected by ns; 1, or -errno. */
static int tc_emit(struct tc_out *out, const uint8_t *frame, size_t len,
		   int64_t ns)
{
	int err;

	if (len > sizeof(out->frame))
		return -EINVAL;
	memcpy(out->frame, frame, len);
	out->len = len;
	err = tc_correct(out->frame, len, ns);
	return err ? err : 1;
}

int tc_sync_sent(struct tc_table *t, const struct tc_key *k, int64_t residence,
		 int64_t extra_ns, uint64_t now, struct tc_out *out)
{
	struct tc_entry *e;
	int rc;

	tc_table_prune(t, now);
	e = tc_find(t, TC_FUP, k);
	if (e) {
		rc = tc_emit(out, e->frame, e->len, residence + extra_ns);
		e->kind = TC_FREE;
		return rc;
	}
	e = tc_store(t, TC_SYNC, k, now);
	e->residence = residence;
	return 0;
}

int tc_fup(struct tc_table *t, const struct tc_key *k, const uint8_t *frame,
	   size_t len, int64_t extra_ns, uint64_t now, struct tc_out *out)
{
	struct tc_entry *e;
	int rc;

	if (len < MSG_HEADER_LEN || len > MSG_MAX_LEN)
		return -EINVAL;
	tc_table_prune(t, now);
	e = tc_find(t, TC_SYNC, k);
	if (e) {
		rc = tc_emit(out, frame, len, e->residence + extra_ns);
		e->kind = TC_FREE;
		return rc;
	}
	e = tc_store(t, TC_FUP, k, now);
	memcpy(e->frame, frame, len);
	e->len = len;
	return 0;
}

void tc_req_sent(struct tc_table *t, const struct tc_key *k, int64_t residence,
		 uint64_t now)
{
	struct tc_entry *e;

	tc_table_prune(t, now);
	e = tc_store(t, TC_DELAY_REQ, k, now);
	e->residence = residence;
}

int tc_resp(struct tc_table *t, const struct tc_key *k, const uint8_t *frame,
	    size_t len, uint64_t now, struct tc_out *out)
{
	struct tc_entry *e;
	int rc;

	tc_table_prune(t, now);
	e = tc_find(t, TC_DELAY_REQ, k);
	if (!e)
		return 0;
	rc = tc_emit(out, frame, len, e->residence);
	e->kind = TC_FREE;
	return rc;
}
