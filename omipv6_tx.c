// SPDX-License-Identifier: GPL-2.0
/*
 * Sending Mobility Headers built by the module (see omipv6_tx.h).
 *
 * The packet is built whole here: IPv6 header, an optional type 2
 * routing header (RFC 6275 §6.4) and the message.  With a routing
 * header the IPv6 destination is the care-of address, the routing
 * header carries the home address, and the checksum pseudo-header uses
 * the home address, the final destination (§6.1.1).  The route is a
 * plain ip6_route_output() lookup towards the IPv6 destination, never
 * an xfrm bundle, so a binding's policies leave signalling alone.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/ipv6.h>
#include <linux/skbuff.h>
#include <net/ip6_route.h>
#include <net/ipv6.h>

#include "omipv6.h"
#include "omipv6_mh.h"
#include "omipv6_rfc.h"
#include "omipv6_tx.h"

/**
 * omipv6_tx_mh - send one Mobility Header
 * @on: the sending namespace
 * @saddr: IPv6 source, one of this node's addresses
 * @daddr: IPv6 destination (the care-of address when @rh2 is given)
 * @rh2: the home address for a type 2 routing header, or NULL for none
 * @mh: the whole message with its checksum field zero (not modified)
 * @len: its length, a multiple of 8
 *
 * Counts the message on the tx line when ip6_local_out() takes it.
 *
 * Context: any but hard IRQ; does not sleep (GFP_ATOMIC).
 * Return: 0, or a negative errno (no route, no memory, or what the
 * output path returned).
 */
int omipv6_tx_mh(struct omipv6_net *on, const struct in6_addr *saddr,
		 const struct in6_addr *daddr, const struct in6_addr *rh2,
		 const u8 *mh, unsigned int len)
{
	unsigned int ext = rh2 ? sizeof(struct rt2_hdr) : 0;
	const struct in6_addr *final = rh2 ?: daddr;
	struct net *net = on->net;
	struct dst_entry *dst;
	struct flowi6 fl6 = {};
	struct ipv6hdr *ip6h;
	struct sk_buff *skb;
	u8 *msg;
	int err;

	if (len < OMIPV6_MH_UNIT || len > OMIPV6_MH_MAX_LEN ||
	    len % OMIPV6_MH_UNIT)
		return -EINVAL;

	fl6.flowi6_proto = IPPROTO_MH;
	fl6.fl6_mh_type = mh[OMIPV6_MH_OFF_TYPE];
	fl6.daddr = *daddr;
	fl6.saddr = *saddr;
	dst = ip6_route_output(net, NULL, &fl6);
	if (dst->error) {
		err = dst->error;
		dst_release(dst);
		net_dbg_ratelimited("no route to %pI6c for MH type %u: %d\n",
				    daddr, fl6.fl6_mh_type, err);
		return err;
	}

	skb = alloc_skb(LL_MAX_HEADER + sizeof(*ip6h) + ext + len,
			GFP_ATOMIC);
	if (!skb) {
		dst_release(dst);
		return -ENOMEM;
	}
	skb_reserve(skb, LL_MAX_HEADER);
	skb_dst_set(skb, dst);
	skb->protocol = htons(ETH_P_IPV6);

	skb_reset_network_header(skb);
	ip6h = skb_put(skb, sizeof(*ip6h));
	ip6_flow_hdr(ip6h, 0, 0);
	ip6h->payload_len = htons(ext + len);
	ip6h->nexthdr = rh2 ? IPPROTO_ROUTING : IPPROTO_MH;
	ip6h->hop_limit = ip6_dst_hoplimit(dst);
	ip6h->saddr = *saddr;
	ip6h->daddr = *daddr;

	if (rh2) {
		struct rt2_hdr *rt2 = skb_put_zero(skb, sizeof(*rt2));

		rt2->rt_hdr.nexthdr = IPPROTO_MH;
		rt2->rt_hdr.hdrlen = (sizeof(*rt2) >> 3) - 1;
		rt2->rt_hdr.type = IPV6_SRCRT_TYPE_2;
		rt2->rt_hdr.segments_left = 1;
		rt2->addr = *rh2;
	}

	skb_set_transport_header(skb, skb->len);
	msg = skb_put_data(skb, mh, len);
	*(__sum16 *)(msg + OMIPV6_MH_OFF_CSUM) = 0;
	*(__sum16 *)(msg + OMIPV6_MH_OFF_CSUM) =
		omipv6_mh_csum(saddr, final, msg, len);

	memset(IP6CB(skb), 0, sizeof(*IP6CB(skb)));
	/*
	 * The skb belongs to the output path from here on.  net_xmit_eval()
	 * evaluates its argument twice: never hand it the call.
	 */
	err = ip6_local_out(net, NULL, skb);
	err = net_xmit_eval(err);
	if (err) {
		net_dbg_ratelimited("MH type %u to %pI6c not sent: %d\n",
				    fl6.fl6_mh_type, daddr, err);
		return err > 0 ? -ENOBUFS : err;
	}
	omipv6_count_tx(on, fl6.fl6_mh_type);
	return 0;
}

/* PLACEHOLDER */
int omipv6_tx_mh_ex(struct omipv6_net *on, const struct omipv6_tx *tx,
		    const u8 *mh, unsigned int len)
{
	return -EOPNOTSUPP;
}
