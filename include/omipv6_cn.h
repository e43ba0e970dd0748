/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Correspondent node: return-routability responder (RFC 6275 §5.2,
 * §9.4) and the entry point for the Mobility Header messages the CN
 * role consumes (HoTI, CoTI, BU, and the OMIPv6 DH1 and DH3).
 *
 * Each namespace keeps a ring of nonces.  A nonce is 8 random octets
 * with a 16-bit index; a new one is made when a test init arrives and
 * the newest is OMIPV6_CN_NONCE_INTERVAL seconds old or more, so while
 * tests keep coming there is one nonce per interval.  Every slot keeps
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
#ifndef _OMIPV6_CN_H
#define _OMIPV6_CN_H

#include <linux/in6.h>
#include <linux/spinlock.h>
#include <linux/types.h>

#include "omipv6_rfc.h"

struct omipv6_msg;
struct omipv6_net;
struct sk_buff;

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

/**
 * struct omipv6_rx - a received, validated Mobility Header
 * @on: the namespace's state
 * @skb: the packet, owned and freed by the IPPROTO_MH handler
 * @msg: the parsed message, pointing into @skb
 * @src: IPv6 source after Home Address option processing: the home
 *	address when @hao is set
 * @dst: IPv6 destination: one of this node's addresses
 * @wire_src: the source address the packet was sent from: the care-of
 *	address when @hao is set, else @src
 * @hao: the packet carried a Home Address option
 * @rh2: the packet carried a routing header (for a mobile node: a type
 *	2 routing header naming its home address)
 */
struct omipv6_rx {
	struct omipv6_net *on;
	struct sk_buff *skb;
	const struct omipv6_msg *msg;
	struct in6_addr src;
	struct in6_addr dst;
	struct in6_addr wire_src;
	bool hao;
	bool rh2;
};

bool omipv6_cn_rcv(struct omipv6_rx *rx);
void omipv6_cn_role_changed(struct omipv6_net *on);

int omipv6_cn_init(struct omipv6_net *on);
void omipv6_cn_exit(struct omipv6_net *on);

#endif /* _OMIPV6_CN_H */
