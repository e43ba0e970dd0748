/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Sending a Mobility Header the module built.
 *
 * omipv6_tx_mh() wraps a message in an IPv6 header of its own (and a
 * type 2 routing header when asked), fills in the checksum, routes it
 * with ip6_route_output() and hands it to ip6_local_out().  The route
 * lookup does not go through xfrm: signalling never follows a binding's
 * route-optimization policy.  It allocates with GFP_ATOMIC and never
 * sleeps, so any context but hard IRQ may call it.
 */
#ifndef _OMIPV6_TX_H
#define _OMIPV6_TX_H

#include <linux/in6.h>
#include <linux/types.h>

struct omipv6_net;

int omipv6_tx_mh(struct omipv6_net *on, const struct in6_addr *saddr,
		 const struct in6_addr *daddr, const struct in6_addr *rh2,
		 const u8 *mh, unsigned int len);

#endif /* _OMIPV6_TX_H */
