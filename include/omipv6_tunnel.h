/* SPDX-License-Identifier: GPL-2.0 */
/*
 * IPv6-in-IPv6 tunnelling between mobile node and home agent (RFC 6275
 * §10.4, §11.3.1), without a tunnel device.
 *
 * Encapsulation: per namespace netfilter hooks at NF_INET_PRE_ROUTING
 * and NF_INET_LOCAL_OUT.  On a home agent a packet for a registered
 * home address is tunnelled to its care-of address (source: the home
 * agent address of the binding).  On a mobile node away from home a
 * packet from the home address that no route-optimization xfrm state
 * transforms is reverse tunnelled to the home agent (source: the
 * care-of address).  The outer packet may be fragmented (ignore_df).
 *
 * Decapsulation: one xfrm6_tunnel handler for IPPROTO_IPV6, tried before
 * ip6_tunnel's.  It takes a packet only when the outer addresses match
 * a binding (home agent: outer source is the registered care-of address
 * of the inner source; mobile node: outer source is its home agent and
 * the inner destination its home address) and hands the inner packet
 * back to the stack with netif_rx(); anything else goes to the next
 * handler.
 */
#ifndef _OMIPV6_TUNNEL_H
#define _OMIPV6_TUNNEL_H

#include <linux/in6.h>

struct omipv6_net;
struct sk_buff;

int omipv6_tunnel_init(void);
void omipv6_tunnel_exit(void);
int omipv6_tunnel_net_init(struct omipv6_net *on);
void omipv6_tunnel_net_exit(struct omipv6_net *on);

/*
 * Wraps @skb (an IPv6 packet, network header set) in an outer IPv6
 * header @src -> @dst and sends it.  Always consumes @skb.
 * Context: any but hard IRQ, not with interrupts disabled.
 * Return: 0 or a negative errno.
 */
int omipv6_tunnel_xmit(struct omipv6_net *on, struct sk_buff *skb,
		       const struct in6_addr *src,
		       const struct in6_addr *dst);

#endif /* _OMIPV6_TUNNEL_H */
