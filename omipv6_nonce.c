// SPDX-License-Identifier: GPL-2.0
/*
 * The correspondent node's nonce ring (see omipv6_nonce.h).  Nonces are
 * made lazily, when a test init arrives and the newest nonce is
 * OMIPV6_CN_NONCE_INTERVAL seconds old, which makes the same tokens as
 * a timer would without one.
 */
#include <kunit/visibility.h>
#include <linux/random.h>
#include <linux/string.h>

#include "omipv6_nonce.h"

/**
 * omipv6_nonce_ring_init - start with no nonce and no Kcn
 * @ring: the ring
 */
void omipv6_nonce_ring_init(struct omipv6_nonce_ring *ring)
{
	memset(ring, 0, sizeof(*ring));
	spin_lock_init(&ring->lock);
}
EXPORT_SYMBOL_IF_KUNIT(omipv6_nonce_ring_init);

/**
 * omipv6_nonce_ring_wipe - forget every nonce and Kcn
 * @ring: the ring
 *
 * Context: any but hard IRQ.
 */
void omipv6_nonce_ring_wipe(struct omipv6_nonce_ring *ring)
{
	spin_lock_bh(&ring->lock);
	memzero_explicit(ring->slot, sizeof(ring->slot));
	memzero_explicit(ring->kcn, sizeof(ring->kcn));
	ring->have_kcn = false;
	ring->have_cur = false;
	spin_unlock_bh(&ring->lock);
}
EXPORT_SYMBOL_IF_KUNIT(omipv6_nonce_ring_wipe);

static struct omipv6_nonce *omipv6_nonce_slot(struct omipv6_nonce_ring *ring,
					      u16 index)
{
	return &ring->slot[index % OMIPV6_CN_NONCE_SLOTS];
}

/**
 * omipv6_nonce_ring_current - the nonce to hand out now
 * @ring: the ring
 * @now: the time, in seconds
 * @out: receives a copy of the nonce, its index and its Kcn
 *
 * Makes a new nonce when there is none or the newest is
 * OMIPV6_CN_NONCE_INTERVAL seconds old, and a new Kcn with it when
 * there is none or the current one is OMIPV6_CN_KCN_LIFETIME seconds
 * old.  The caller wipes @out.
 *
 * Context: any but hard IRQ; does not sleep.
 * Return: OMIPV6_NONCE_NEW and OMIPV6_NONCE_NEW_KCN for what was made.
 */
unsigned int omipv6_nonce_ring_current(struct omipv6_nonce_ring *ring,
				       u64 now, struct omipv6_nonce *out)
{
	struct omipv6_nonce *s = NULL;
	unsigned int made = 0;

	spin_lock_bh(&ring->lock);
	if (ring->have_cur) {
		s = omipv6_nonce_slot(ring, ring->cur);
		if (now - s->born >= OMIPV6_CN_NONCE_INTERVAL || now < s->born)
			s = NULL;
	}
	if (!s) {
		if (!ring->have_kcn ||
		    now - ring->kcn_born >= OMIPV6_CN_KCN_LIFETIME ||
		    now < ring->kcn_born) {
			get_random_bytes(ring->kcn, sizeof(ring->kcn));
			ring->kcn_born = now;
			ring->have_kcn = true;
			made |= OMIPV6_NONCE_NEW_KCN;
		}
		if (ring->have_cur)
			ring->cur++;
		else
			ring->have_cur = true;
		s = omipv6_nonce_slot(ring, ring->cur);
		get_random_bytes(s->nonce, sizeof(s->nonce));
		memcpy(s->kcn, ring->kcn, sizeof(s->kcn));
		s->born = now;
		s->index = ring->cur;
		s->used = true;
		made |= OMIPV6_NONCE_NEW;
	}
	*out = *s;
	spin_unlock_bh(&ring->lock);
	return made;
}
EXPORT_SYMBOL_IF_KUNIT(omipv6_nonce_ring_current);

/**
 * omipv6_nonce_ring_lookup - find the nonce a Nonce Index names
 * @ring: the ring
 * @index: the Nonce Index from a BU
 * @now: the time, in seconds
 * @out: receives a copy of the nonce and its Kcn; the caller wipes it
 *
 * A nonce verifies from when it is made until OMIPV6_MAX_NONCE_LIFETIME
 * seconds later.
 *
 * Context: any but hard IRQ; does not sleep.
 * Return: 0, or -ESTALE when @index names no nonce that still verifies
 * (@out is left zeroed).
 */
int omipv6_nonce_ring_lookup(struct omipv6_nonce_ring *ring, u16 index,
			     u64 now, struct omipv6_nonce *out)
{
	struct omipv6_nonce *s;
	int err = -ESTALE;

	memset(out, 0, sizeof(*out));
	spin_lock_bh(&ring->lock);
	s = omipv6_nonce_slot(ring, index);
	if (s->used && s->index == index && now >= s->born &&
	    now - s->born <= OMIPV6_MAX_NONCE_LIFETIME) {
		*out = *s;
		err = 0;
	}
	spin_unlock_bh(&ring->lock);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(omipv6_nonce_ring_lookup);
