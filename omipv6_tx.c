// SPDX-License-Identifier: GPL-2.0
/*
 * Sending Mobility Headers built by the module (see omipv6_tx.h).
 *
 * The packet is built whole here: IPv6 header, an optional type 2
 * routing header (RFC 6275 §6.4), an optional Destination Options
 * header with a Home Address option (§6.3, placed after the routing
 * header) and the message.  With a routing header the IPv6 destination
 * is the care-of address and the routing header carries the home
 * address; with a Home Address option the IPv6 source is the care-of
 * address.  The checksum pseudo-header uses the home addresses, i.e.
 * the addresses of the transport endpoints (§6.1.1).  The route is a
 * plain ip6_route_output() lookup towards the IPv6 destination, never
 * an xfrm bundle, so a binding's policies leave signalling alone.  A
 * tunnelled message is built the same way and handed, unrouted, to
 * omipv6_tunnel_xmit(), which routes the outer packet.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <kunit/visibility.h>
#include <linux/ipv6.h>
#include <linux/skbuff.h>
#include <net/ip6_checksum.h>
#include <net/ip6_route.h>
#include <net/ipv6.h>

#include "omipv6.h"
#include "omipv6_rfc.h"
#include "omipv6_tunnel.h"
#include "omipv6_tx.h"

/**
 * omipv6_mh_csum - Mobility Header checksum (RFC 6275 §6.1.1)
 * @saddr: pseudo-header source: the home address when the packet carries
 *	a Home Address option, else the IPv6 source
 * @daddr: pseudo-header destination: the final destination (the home
 *	address in a type 2 routing header) when there is one, else the
 *	IPv6 destination
 * @mh: the whole Mobility Header, with its checksum field zero
 * @len: length of @mh in octets, the upper-layer packet length
 *
 * The result goes into the checksum field as is.  The checksum field must
 * be zero when this is called to build a message; over a message that
 * carries its checksum the result is zero exactly when it verifies.
 *
 * Context: any.
 * Return: the checksum, in network byte order.
 */
__sum16 omipv6_mh_csum(const struct in6_addr *saddr,
		       const struct in6_addr *daddr, const u8 *mh,
		       unsigned int len)
{
	return csum_ipv6_magic(saddr, daddr, len, IPPROTO_MH,
			       csum_partial(mh, len, 0));
}
EXPORT_SYMBOL_IF_KUNIT(omipv6_mh_csum);

/*
 * Destination Options header with a Home Address option: PadN of two
 * octets puts the option at 8n+6 as its alignment requirement says
 * (RFC 6275 §6.3), as the kernel's own mip6_destopt_output() lays it
 * out: 2 + 4 + 18 = 24 octets.
 */
#define OMIPV6_TX_HAO_PAD	4
#define OMIPV6_TX_DSTOPT_LEN	(sizeof(struct ipv6_destopt_hdr) + \
				 OMIPV6_TX_HAO_PAD + \
				 sizeof(struct ipv6_destopt_hao))

static void omipv6_tx_put_hao(struct sk_buff *skb, u8 nexthdr,
			      const struct in6_addr *hoa)
{
	struct ipv6_destopt_hdr *dh = skb_put(skb, OMIPV6_TX_DSTOPT_LEN);
	struct ipv6_destopt_hao *hao;
	u8 *pad = (u8 *)(dh + 1);

	BUILD_BUG_ON(OMIPV6_TX_DSTOPT_LEN % 8);
	dh->nexthdr = nexthdr;
	dh->hdrlen = (OMIPV6_TX_DSTOPT_LEN >> 3) - 1;
	pad[0] = IPV6_TLV_PADN;
	pad[1] = OMIPV6_TX_HAO_PAD - 2;
	memset(pad + 2, 0, OMIPV6_TX_HAO_PAD - 2);
	hao = (struct ipv6_destopt_hao *)(pad + OMIPV6_TX_HAO_PAD);
	hao->type = IPV6_TLV_HAO;
	hao->length = sizeof(*hao) - 2;
	hao->addr = *hoa;
}

/**
 * omipv6_tx_mh_ex - send one Mobility Header
 * @on: the sending namespace
 * @tx: addressing; @tx->saddr is one of this node's addresses
 * @mh: the whole message with its checksum field zero (not modified)
 * @len: its length, a multiple of 8
 *
 * Counts the message on the tx line when the output path (or the
 * tunnel) takes it.
 *
 * Context: any but hard IRQ, not with interrupts disabled; does not
 * sleep (GFP_ATOMIC).
 * Return: 0, or a negative errno (no route, no memory, or what the
 * output path returned).
 */
int omipv6_tx_mh_ex(struct omipv6_net *on, const struct omipv6_tx *tx,
		    const u8 *mh, unsigned int len)
{
	unsigned int ext = (tx->rh2 ? sizeof(struct rt2_hdr) : 0) +
			   (tx->hao ? OMIPV6_TX_DSTOPT_LEN : 0);
	const struct in6_addr *final = tx->rh2 ?: tx->daddr;
	const struct in6_addr *home = tx->hao ?: tx->saddr;
	unsigned int headroom = LL_MAX_HEADER;
	u8 type = mh[OMIPV6_MH_OFF_TYPE];
	struct net *net = on->net;
	struct dst_entry *dst = NULL;
	struct ipv6hdr *ip6h;
	struct sk_buff *skb;
	u8 *nexthdr, *msg;
	int err;

	if (len < OMIPV6_MH_UNIT || len > OMIPV6_MH_MAX_LEN ||
	    len % OMIPV6_MH_UNIT || !tx->tun_src != !tx->tun_dst)
		return -EINVAL;

	if (tx->tun_src) {
		headroom += sizeof(*ip6h);
	} else {
		struct flowi6 fl6 = {
			.flowi6_proto = IPPROTO_MH,
			.daddr = *tx->daddr,
			.saddr = *tx->saddr,
		};

		fl6.fl6_mh_type = type;
		dst = ip6_route_output(net, NULL, &fl6);
		if (dst->error) {
			err = dst->error;
			dst_release(dst);
			net_dbg_ratelimited("no route to %pI6c for MH type %u: %d\n",
					    tx->daddr, type, err);
			return err;
		}
	}

	skb = alloc_skb(headroom + sizeof(*ip6h) + ext + len, GFP_ATOMIC);
	if (!skb) {
		dst_release(dst);
		return -ENOMEM;
	}
	skb_reserve(skb, headroom);
	if (dst)
		skb_dst_set(skb, dst);
	skb->protocol = htons(ETH_P_IPV6);

	skb_reset_network_header(skb);
	ip6h = skb_put(skb, sizeof(*ip6h));
	ip6_flow_hdr(ip6h, 0, 0);
	ip6h->payload_len = htons(ext + len);
	ip6h->hop_limit = dst ? ip6_dst_hoplimit(dst) :
			  READ_ONCE(net->ipv6.devconf_all->hop_limit);
	ip6h->saddr = *tx->saddr;
	ip6h->daddr = *tx->daddr;
	nexthdr = &ip6h->nexthdr;

	if (tx->rh2) {
		struct rt2_hdr *rt2 = skb_put_zero(skb, sizeof(*rt2));

		*nexthdr = IPPROTO_ROUTING;
		nexthdr = &rt2->rt_hdr.nexthdr;
		rt2->rt_hdr.hdrlen = (sizeof(*rt2) >> 3) - 1;
		rt2->rt_hdr.type = IPV6_SRCRT_TYPE_2;
		rt2->rt_hdr.segments_left = 1;
		rt2->addr = *tx->rh2;
	}
	if (tx->hao) {
		*nexthdr = IPPROTO_DSTOPTS;
		omipv6_tx_put_hao(skb, IPPROTO_MH, tx->hao);
	} else {
		*nexthdr = IPPROTO_MH;
	}

	skb_set_transport_header(skb, skb->len);
	msg = skb_put_data(skb, mh, len);
	*(__sum16 *)(msg + OMIPV6_MH_OFF_CSUM) = 0;
	*(__sum16 *)(msg + OMIPV6_MH_OFF_CSUM) =
		omipv6_mh_csum(home, final, msg, len);

	memset(IP6CB(skb), 0, sizeof(*IP6CB(skb)));
	if (tx->tun_src) {
		/* Consumes the skb and counts it on the tunnel's lines. */
		err = omipv6_tunnel_xmit(on, skb, tx->tun_src, tx->tun_dst);
	} else {
		/*
		 * The skb belongs to the output path from here on.
		 * net_xmit_eval() evaluates its argument twice: never hand
		 * it the call.
		 */
		err = ip6_local_out(net, NULL, skb);
		err = net_xmit_eval(err);
		if (err > 0)
			err = -ENOBUFS;
	}
	if (err) {
		net_dbg_ratelimited("MH type %u to %pI6c not sent: %d\n",
				    type, tx->daddr, err);
		return err;
	}
	omipv6_count_tx(on, type);
	return 0;
}

/**
 * omipv6_tx_mh - send one Mobility Header without Home Address option
 * @on: the sending namespace
 * @saddr: IPv6 source, one of this node's addresses
 * @daddr: IPv6 destination (the care-of address when @rh2 is given)
 * @rh2: the home address for a type 2 routing header, or NULL for none
 * @mh: the whole message with its checksum field zero (not modified)
 * @len: its length, a multiple of 8
 *
 * Context and return: as omipv6_tx_mh_ex().
 */
int omipv6_tx_mh(struct omipv6_net *on, const struct in6_addr *saddr,
		 const struct in6_addr *daddr, const struct in6_addr *rh2,
		 const u8 *mh, unsigned int len)
{
	const struct omipv6_tx tx = {
		.saddr = saddr,
		.daddr = daddr,
		.rh2 = rh2,
	};

	return omipv6_tx_mh_ex(on, &tx, mh, len);
}
