// SPDX-License-Identifier: GPL-2.0
/*
 * Binding Error messages (RFC 6275 §6.1.9, §9.3.3) and their per-netns
 * rate limit.
 *
 * The token bucket counts in 1/HZ of a token: it holds at most
 * OMIPV6_BE_BURST * HZ, gains OMIPV6_BE_RATE for every jiffy and a
 * message costs HZ.  Its state is a few words under a spinlock; any
 * context but hard IRQ may use it.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <kunit/visibility.h>
#include <linux/jiffies.h>
#include <linux/string.h>

#include "omipv6.h"
#include "omipv6_be.h"
#include "omipv6_codec.h"
#include "omipv6_rfc.h"
#include "omipv6_tx.h"

#define OMIPV6_BE_CAP	((unsigned long)OMIPV6_BE_BURST * HZ)

/**
 * omipv6_be_init - a full bucket
 * @rl: the bucket
 */
void omipv6_be_init(struct omipv6_be_limit *rl)
{
	spin_lock_init(&rl->lock);
	rl->tokens = OMIPV6_BE_CAP;
	rl->last = jiffies;
}
EXPORT_SYMBOL_IF_KUNIT(omipv6_be_init);

/**
 * omipv6_be_allow - take a token if there is one
 * @rl: the bucket
 * @now: jiffies
 *
 * Context: any but hard IRQ.
 * Return: true when a Binding Error may be sent.
 */
bool omipv6_be_allow(struct omipv6_be_limit *rl, unsigned long now)
{
	unsigned long elapsed;
	bool ok = false;

	spin_lock_bh(&rl->lock);
	elapsed = now - rl->last;
	if (time_before(now, rl->last))
		elapsed = 0;
	if (elapsed >= OMIPV6_BE_CAP / OMIPV6_BE_RATE)
		rl->tokens = OMIPV6_BE_CAP;
	else
		rl->tokens = min(OMIPV6_BE_CAP,
				 rl->tokens + elapsed * OMIPV6_BE_RATE);
	rl->last = now;
	if (rl->tokens >= HZ) {
		rl->tokens -= HZ;
		ok = true;
	}
	spin_unlock_bh(&rl->lock);
	return ok;
}
EXPORT_SYMBOL_IF_KUNIT(omipv6_be_allow);

/**
 * omipv6_be_send - send a Binding Error, unless rate limited
 * @on: the namespace
 * @status: OMIPV6_BE_UNKNOWN_HAO or OMIPV6_BE_UNKNOWN_MH_TYPE
 * @saddr: source: the destination of the offending packet
 * @daddr: destination: the source the offending packet was sent from
 *	(its care-of address when it carried a Home Address option)
 * @hoa: the home address from the offending packet's Home Address
 *	option, or NULL (the field is then zero)
 *
 * The message goes directly to @daddr, with no routing header.  Counts
 * be_unknown_hao or be_unknown_type when it was sent, be_ratelimited
 * when the bucket was empty.
 *
 * Context: any but hard IRQ.
 */
void omipv6_be_send(struct omipv6_net *on, u8 status,
		    const struct in6_addr *saddr,
		    const struct in6_addr *daddr,
		    const struct in6_addr *hoa)
{
	u8 buf[OMIPV6_BE_END];
	struct omipv6_mhb b;
	u8 *body;
	int len;

	if (!omipv6_be_allow(&on->be_limit, jiffies)) {
		omipv6_count_event(on, OMIPV6_EV_BE_RATELIMITED);
		return;
	}

	omipv6_mhb_start(&b, buf, sizeof(buf), OMIPV6_MH_BE);
	body = omipv6_mhb_put(&b, OMIPV6_BE_END - OMIPV6_MH_OFF_DATA);
	len = omipv6_mhb_finish(&b);
	if (!body || len != OMIPV6_BE_END)
		return;
	buf[OMIPV6_BE_OFF_STATUS] = status;
	if (hoa)
		memcpy(buf + OMIPV6_BE_OFF_HOA, hoa, sizeof(*hoa));

	if (omipv6_tx_mh(on, saddr, daddr, NULL, buf, len))
		return;
	omipv6_count_event(on, status == OMIPV6_BE_UNKNOWN_HAO ?
			   OMIPV6_EV_BE_UNKNOWN_HAO :
			   OMIPV6_EV_BE_UNKNOWN_TYPE);
}
