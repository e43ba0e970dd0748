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
 * handler.  Which addresses have a binding the roles tell it through
 * struct omipv6_tunnel_ops; this file calls no role directly.
 */
#ifndef _OMIPV6_TUNNEL_H
#define _OMIPV6_TUNNEL_H

#include <linux/in6.h>

struct omipv6_net;
struct sk_buff;

/**
 * struct omipv6_tunnel_ends - the tunnel of one home address
 * @hoa: the home address whose packets the tunnel carries
 * @local: outer source: the home agent address of the binding on a home
 *	agent, the care-of address on a mobile node
 * @remote: outer destination: the registered care-of address on a home
 *	agent, the home agent on a mobile node
 */
struct omipv6_tunnel_ends {
	struct in6_addr hoa;
	struct in6_addr local;
	struct in6_addr remote;
};

/**
 * struct omipv6_tunnel_ops - the roles' bindings, as the data path asks
 * @ha_lookup: home agent: fills @out for the registered home address
 *	@hoa; false when it has no binding
 * @mn_lookup: mobile node: fills @out while away from home with a home
 *	agent to tunnel to; false otherwise
 *
 * Both are called for every packet the hooks see while the role is on,
 * in any context but hard IRQ, and must be lock free and not sleep.
 * Set for a namespace by omipv6_tunnel_net_init() before its hooks are
 * registered (struct omipv6_net.tun_ops); constant until its exit.
 */
struct omipv6_tunnel_ops {
	bool (*ha_lookup)(struct omipv6_net *on, const struct in6_addr *hoa,
			  struct omipv6_tunnel_ends *out);
	bool (*mn_lookup)(struct omipv6_net *on,
			  struct omipv6_tunnel_ends *out);
};

int omipv6_tunnel_init(void);
void omipv6_tunnel_exit(void);
int omipv6_tunnel_net_init(struct omipv6_net *on,
			   const struct omipv6_tunnel_ops *ops);
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
