// SPDX-License-Identifier: GPL-2.0
/*
 * Mobility Header receive hook.
 *
 * omipv6 owns IPPROTO_MH through inet6_add_protocol(); raw sockets still
 * get their copy first and the in-tree raw-socket MH filter is left
 * alone.  The handler runs in softirq context for every namespace and
 * finds its state with dev_net(skb->dev).  It verifies the checksum,
 * then has omipv6_msg_parse() validate the whole message (fixed header,
 * the type's fixed part, the OMIPv6 fields and the mobility options)
 * before anything reads the message body; every rejection is a counted
 * drop.
 *
 * INET6_PROTO_NOPOLICY: no IPsec policy protects Mobility Headers
 * here; every message that changes state is authenticated by the
 * handler itself.  By the time the handler runs the kernel has already
 * swapped a Home Address option into the source address and a type 2
 * routing header into the destination, so the IPv6 header holds the
 * addresses the checksum pseudo-header needs (RFC 6275 §6.1.1).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/skbuff.h>
#include <net/ip6_checksum.h>
#include <net/ipv6.h>
#include <net/protocol.h>

#include "omipv6.h"
#include "omipv6_cn.h"
#include "omipv6_codec.h"
#include "omipv6_ha.h"
#include "omipv6_mh.h"
#include "omipv6_mn.h"
#include "omipv6_rfc.h"
#include "omipv6_rx.h"

/*
 * The addresses a role needs: the IPv6 source and destination as the
 * kernel left them, and, when a Home Address option was processed, the
 * address the packet came from, which the kernel swapped into the
 * option (ipv6_dest_hao()); and whether a routing header was processed
 * (the mobile node tells the two DH2 copies apart by it).
 */
static void omipv6_mh_rx_addrs(struct sk_buff *skb, struct omipv6_rx *rx)
{
	const struct ipv6hdr *ip6h = ipv6_hdr(skb);
	u16 dsthao = IP6CB(skb)->dsthao;
	int off;

	rx->src = ip6h->saddr;
	rx->dst = ip6h->daddr;
	rx->wire_src = ip6h->saddr;
	rx->hao = false;
	rx->rh2 = IP6CB(skb)->srcrt != 0;
	if (!dsthao)
		return;
	off = ipv6_find_tlv(skb, dsthao, IPV6_TLV_HAO);
	if (off < 0)
		return;
	rx->wire_src = ((const struct ipv6_destopt_hao *)
			(skb_network_header(skb) + off))->addr;
	rx->hao = true;
}

/*
 * Hands a valid message to the roles that are on: a BU with the H bit to
 * the home agent, then the mobile node (HoT, CoT, BA, BE, BRR, DH2,
 * DH4), then the correspondent node (HoTI, CoTI, BU, DH1, DH3), which
 * also answers unknown types and unbound Home Address options with
 * Binding Errors.  Return: true when a role took it.
 */
static bool omipv6_mh_dispatch(struct omipv6_net *on, struct sk_buff *skb,
			       const struct omipv6_msg *msg)
{
	struct omipv6_rx rx = { .on = on, .skb = skb, .msg = msg };

	omipv6_mh_rx_addrs(skb, &rx);
	if (msg->type == OMIPV6_MH_BU && READ_ONCE(on->sysctl.role_ha) &&
	    (omipv6_get16(msg, OMIPV6_BU_OFF_FLAGS) & OMIPV6_BU_F_HOME)) {
		omipv6_ha_bu_rcv(&rx);
		return true;
	}
	if (READ_ONCE(on->sysctl.role_mn) && omipv6_mn_rcv(&rx))
		return true;
	return READ_ONCE(on->sysctl.role_cn) && omipv6_cn_rcv(&rx);
}

static int omipv6_mh_rcv(struct sk_buff *skb)
{
	struct omipv6_net *on = omipv6_pernet(dev_net(skb->dev));
	enum omipv6_drop reason;
	struct omipv6_msg msg;

	if (skb->len > OMIPV6_MH_MAX_LEN) {
		reason = OMIPV6_DROP_LEN_MISMATCH;
		goto drop;
	}
	if (!pskb_may_pull(skb, skb->len)) {
		reason = OMIPV6_DROP_TRUNCATED;
		goto drop;
	}
	if (skb_checksum_validate(skb, IPPROTO_MH, ip6_compute_pseudo)) {
		reason = OMIPV6_DROP_CSUM;
		goto drop;
	}
	if (omipv6_msg_parse(&msg, skb->data, skb->len, &reason))
		goto drop;

	omipv6_count_rx(on, msg.type);
	if (omipv6_mh_dispatch(on, skb, &msg)) {
		consume_skb(skb);
		return 0;
	}
	reason = OMIPV6_DROP_NO_ROLE;
drop:
	omipv6_count_drop(on, reason);
	net_dbg_ratelimited("dropped Mobility Header from %pI6c: %s\n",
			    &ipv6_hdr(skb)->saddr, omipv6_drop_name(reason));
	kfree_skb(skb);
	return 0;
}

static const struct inet6_protocol omipv6_mh_protocol = {
	.handler	= omipv6_mh_rcv,
	.flags		= INET6_PROTO_NOPOLICY | INET6_PROTO_FINAL,
};

int __init omipv6_mh_init(void)
{
	if (inet6_add_protocol(&omipv6_mh_protocol, IPPROTO_MH)) {
		pr_err("IPPROTO_MH is already claimed by another module\n");
		return -EBUSY;
	}
	return 0;
}

/* inet6_del_protocol() waits for running handlers (synchronize_net). */
void omipv6_mh_exit(void)
{
	inet6_del_protocol(&omipv6_mh_protocol, IPPROTO_MH);
}
