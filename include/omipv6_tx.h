/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Sending a Mobility Header the module built.
 *
 * omipv6_tx_mh_ex() wraps a message in an IPv6 header of its own (and,
 * when asked, a type 2 routing header and a Destination Options header
 * with a Home Address option), fills in the checksum, routes it with
 * ip6_route_output() and hands it to ip6_local_out(), or hands it to
 * omipv6_tunnel_xmit() when it travels through the tunnel.  The route
 * lookup does not go through xfrm: signalling never follows a binding's
 * route-optimization policy.  It allocates with GFP_ATOMIC and never
 * sleeps, so any context but hard IRQ (and not with interrupts
 * disabled) may call it.  omipv6_tx_mh() is the short form without Home
 * Address option or tunnel.
 */
#ifndef _OMIPV6_TX_H
#define _OMIPV6_TX_H

#include <linux/in6.h>
#include <linux/types.h>

struct omipv6_net;

/*
 * Checksum of the Mobility Header @mh (@len octets, checksum field zero)
 * for the pseudo-header @saddr -> @daddr: pass the home address as
 * @saddr when a Home Address option is present and the final destination
 * as @daddr with a type 2 routing header (RFC 6275 §6.1.1).
 */
__sum16 omipv6_mh_csum(const struct in6_addr *saddr,
		       const struct in6_addr *daddr, const u8 *mh,
		       unsigned int len);

int omipv6_tx_mh(struct omipv6_net *on, const struct in6_addr *saddr,
		 const struct in6_addr *daddr, const struct in6_addr *rh2,
		 const u8 *mh, unsigned int len);

/**
 * struct omipv6_tx - addressing of a Mobility Header to send
 * @saddr: IPv6 source (the care-of address when @hao is set)
 * @daddr: IPv6 destination (the care-of address when @rh2 is set)
 * @rh2: home address for a type 2 routing header, or NULL
 * @hao: home address for a Home Address destination option, or NULL
 * @tun_src: when set, the packet is sent inside an IPv6-in-IPv6 tunnel
 *	from @tun_src to @tun_dst (a mobile node's HoTI via its home agent)
 * @tun_dst: see @tun_src
 *
 * The checksum pseudo-header uses @hao (else @saddr) and @rh2 (else
 * @daddr), RFC 6275 §6.1.1.
 */
struct omipv6_tx {
	const struct in6_addr *saddr;
	const struct in6_addr *daddr;
	const struct in6_addr *rh2;
	const struct in6_addr *hao;
	const struct in6_addr *tun_src;
	const struct in6_addr *tun_dst;
};

int omipv6_tx_mh_ex(struct omipv6_net *on, const struct omipv6_tx *tx,
		    const u8 *mh, unsigned int len);

#endif /* _OMIPV6_TX_H */
