/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Binding Error messages (RFC 6275 §6.1.9, §9.3.3), limited per
 * namespace by a token bucket of OMIPV6_BE_RATE messages a second with
 * bursts of OMIPV6_BE_BURST; a suppressed message counts as the event
 * be_ratelimited.
 */
#ifndef _OMIPV6_BE_H
#define _OMIPV6_BE_H

#include <linux/in6.h>
#include <linux/spinlock.h>
#include <linux/types.h>

struct omipv6_net;

#define OMIPV6_BE_RATE		10	/* per second */
#define OMIPV6_BE_BURST		20

/**
 * struct omipv6_be_limit - token bucket
 * @lock: protects the fields below; spin_lock_bh()
 * @tokens: tokens left, in units of 1/HZ token
 * @last: jiffies of the last refill
 */
struct omipv6_be_limit {
	spinlock_t lock;	/* see above */
	unsigned long tokens;
	unsigned long last;
};

void omipv6_be_init(struct omipv6_be_limit *rl);
bool omipv6_be_allow(struct omipv6_be_limit *rl, unsigned long now);
void omipv6_be_send(struct omipv6_net *on, u8 status,
		    const struct in6_addr *saddr,
		    const struct in6_addr *daddr,
		    const struct in6_addr *hoa);

#endif /* _OMIPV6_BE_H */
