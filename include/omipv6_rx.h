/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A received Mobility Header as the IPPROTO_MH handler (omipv6_mh.c)
 * hands it to the roles: the parsed message and the addresses it came
 * with.  The handler keeps it on its stack for one softirq call (the
 * benchmark hook keeps its own, with bottom halves disabled); every
 * pointer in it is valid only until the role's receive function
 * returns.
 */
#ifndef _OMIPV6_RX_H
#define _OMIPV6_RX_H

#include <linux/in6.h>
#include <linux/types.h>

struct omipv6_msg;
struct omipv6_net;
struct sk_buff;

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

#endif /* _OMIPV6_RX_H */
