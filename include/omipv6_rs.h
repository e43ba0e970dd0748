/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Router solicitation on attachment (RFC 6275 §11.5.1, RFC 4861 §6.3.7).
 *
 * A mobile node learns its new care-of address from the router
 * advertisement of the link it attached to.  Linux solicits one only
 * while it configures an interface; an interface it configured before
 * that regains carrier (a move between access points or links) waits
 * for the router's next unsolicited advertisement, which may be
 * seconds away.  omipv6_rs_send() sends one solicitation at once.
 */
#ifndef _OMIPV6_RS_H
#define _OMIPV6_RS_H

struct net_device;
struct omipv6_net;

/*
 * Solicit a router advertisement on @dev when it is up, has carrier,
 * accepts advertisements and is not loopback: from its link-local
 * address with a source link-layer address option once that address
 * passed DAD, from the unspecified address without the option before,
 * to all-routers; counted as event mn_rs.  Context: process, RTNL held
 * (a netdevice notifier); allocates with GFP_KERNEL.
 */
void omipv6_rs_send(struct omipv6_net *on, struct net_device *dev);

#endif /* _OMIPV6_RS_H */
