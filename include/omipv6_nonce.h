/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The correspondent node's return-routability nonces (RFC 6275 §5.2.2,
 * §9.4.1-§9.4.2), one ring per namespace (struct omipv6_net.nonces).
 *
 * A nonce is 8 random octets with a 16-bit index; a new one is made
 * when a test init arrives and the newest is OMIPV6_CN_NONCE_INTERVAL
 * seconds old or more, so while tests keep coming there is one nonce
 * per interval.  Every slot keeps
 * the Kcn that was current when its nonce was made, so a change of Kcn
 * (every OMIPV6_CN_KCN_LIFETIME seconds) never invalidates a token
 * issued before it.  A slot verifies for OMIPV6_MAX_NONCE_LIFETIME
 * seconds after its nonce was made.
 *
 * The ring functions take the time as an argument (seconds on the
 * CLOCK_BOOTTIME scale, ktime_get_boottime_seconds()) so they can be
 * tested with a fake clock.  They take ring->lock with bottom halves
 * disabled, never sleep, and copy secrets out to caller buffers that
 * the caller must wipe with memzero_explicit().
 */
#ifndef _OMIPV6_NONCE_H
#define _OMIPV6_NONCE_H

#include <linux/spinlock.h>
#include <linux/types.h>

#include "omipv6_rfc.h"

/* Seconds between nonces, slots in the ring, seconds a Kcn is used. */
#define OMIPV6_CN_NONCE_INTERVAL	30
#define OMIPV6_CN_NONCE_SLOTS		16
#define OMIPV6_CN_KCN_LIFETIME		OMIPV6_MAX_NONCE_LIFETIME

/* The ring must outlive every nonce that can still verify. */
static_assert(OMIPV6_CN_NONCE_SLOTS * OMIPV6_CN_NONCE_INTERVAL >
	      OMIPV6_MAX_NONCE_LIFETIME + OMIPV6_CN_NONCE_INTERVAL);

/**
 * struct omipv6_nonce - a nonce and the Kcn its tokens are made with
 * @nonce: the nonce
 * @kcn: Kcn when the nonce was made
 * @born: when the nonce was made, in seconds
 * @index: its Nonce Index
 * @used: the slot holds a nonce
 */
struct omipv6_nonce {
	u8 nonce[OMIPV6_NONCE_LEN];
	u8 kcn[OMIPV6_KCN_LEN];
	u64 born;
	u16 index;
	bool used;
};

/**
 * struct omipv6_nonce_ring - per-netns nonces and Kcn
 * @lock: protects everything below; taken with spin_lock_bh()
 * @slot: nonce index i lives in slot i % OMIPV6_CN_NONCE_SLOTS
 * @kcn: the current Kcn
 * @kcn_born: when @kcn was made
 * @have_kcn: @kcn is set
 * @cur: index of the newest nonce
 * @have_cur: @cur is set
 *
 * Never shown anywhere; wiped by omipv6_nonce_ring_wipe().
 */
struct omipv6_nonce_ring {
	spinlock_t lock;	/* see above */
	struct omipv6_nonce slot[OMIPV6_CN_NONCE_SLOTS];
	u8 kcn[OMIPV6_KCN_LEN];
	u64 kcn_born;
	bool have_kcn;
	u16 cur;
	bool have_cur;
};

/* What omipv6_nonce_ring_current() had to make. */
#define OMIPV6_NONCE_NEW	0x1	/* a new nonce */
#define OMIPV6_NONCE_NEW_KCN	0x2	/* a new Kcn */

void omipv6_nonce_ring_init(struct omipv6_nonce_ring *ring);
void omipv6_nonce_ring_wipe(struct omipv6_nonce_ring *ring);
unsigned int omipv6_nonce_ring_current(struct omipv6_nonce_ring *ring,
				       u64 now, struct omipv6_nonce *out);
int omipv6_nonce_ring_lookup(struct omipv6_nonce_ring *ring, u16 index,
			     u64 now, struct omipv6_nonce *out);

#endif /* _OMIPV6_NONCE_H */
