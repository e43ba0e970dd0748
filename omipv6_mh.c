// SPDX-License-Identifier: GPL-2.0
/*
 * Mobility Header receive hook.
 *
 * omipv6 owns IPPROTO_MH through inet6_add_protocol(); raw sockets still
 * get their copy first and the in-tree raw-socket MH filter is left
 * alone.  The handler runs in softirq context for every namespace and
 * finds its state with dev_net(skb->dev).  It verifies the checksum,
 * the fixed header and the per-type minimum length before anything
 * reads the message body; every rejection is a counted drop.
 *
 * INET6_PROTO_NOPOLICY: no IPsec policy protects Mobility Headers
 * here; every message that changes state is authenticated by the
 * handler itself.  By the time the handler runs the kernel has already
 * swapped a Home Address option into the source address and a type 2
 * routing header into the destination, so the IPv6 header holds the
 * addresses the checksum pseudo-header needs (RFC 6275 §6.1.1).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <kunit/visibility.h>
#include <linux/skbuff.h>
#include <net/ip6_checksum.h>
#include <net/ipv6.h>
#include <net/protocol.h>

#include "omipv6.h"
#include "omipv6_mh.h"
#include "omipv6_rfc.h"

static u8 omipv6_mh_min_hdrlen(u8 type)
{
	switch (type) {
	case OMIPV6_MH_BRR:
		return OMIPV6_MH_MINLEN_BRR;
	case OMIPV6_MH_HOTI:
		return OMIPV6_MH_MINLEN_HOTI;
	case OMIPV6_MH_COTI:
		return OMIPV6_MH_MINLEN_COTI;
	case OMIPV6_MH_HOT:
		return OMIPV6_MH_MINLEN_HOT;
	case OMIPV6_MH_COT:
		return OMIPV6_MH_MINLEN_COT;
	case OMIPV6_MH_BU:
		return OMIPV6_MH_MINLEN_BU;
	case OMIPV6_MH_BA:
		return OMIPV6_MH_MINLEN_BA;
	case OMIPV6_MH_BE:
		return OMIPV6_MH_MINLEN_BE;
	default:
		return 0;
	}
}

/**
 * omipv6_mh_validate - check the fixed part of a Mobility Header
 * @buf: the Mobility Header, starting at Payload Proto
 * @len: octets from @buf to the end of the packet
 * @reason: set to the drop reason when the header is rejected
 *
 * Checks that @len holds exactly the message Header Len announces, that
 * Payload Proto is IPPROTO_NONE and that Header Len reaches the type's
 * minimum.  Does not look at the checksum.
 *
 * Return: 0 when the header is acceptable, -EINVAL otherwise.
 */
int omipv6_mh_validate(const u8 *buf, unsigned int len,
		       enum omipv6_drop *reason)
{
	unsigned int mh_len;

	if (len < OMIPV6_MH_UNIT) {
		*reason = OMIPV6_DROP_TRUNCATED;
		return -EINVAL;
	}
	mh_len = (buf[1] + 1) * OMIPV6_MH_UNIT;
	if (mh_len != len) {
		*reason = OMIPV6_DROP_LEN_MISMATCH;
		return -EINVAL;
	}
	if (buf[0] != OMIPV6_MH_PAYLOAD_PROTO) {
		*reason = OMIPV6_DROP_PAYLOAD_PROTO;
		return -EINVAL;
	}
	if (buf[1] < omipv6_mh_min_hdrlen(buf[2])) {
		*reason = OMIPV6_DROP_HDRLEN_SHORT;
		return -EINVAL;
	}
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(omipv6_mh_validate);

static int omipv6_mh_rcv(struct sk_buff *skb)
{
	struct omipv6_net *on = omipv6_pernet(dev_net(skb->dev));
	enum omipv6_drop reason;

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
	if (omipv6_mh_validate(skb->data, skb->len, &reason))
		goto drop;

	omipv6_count_rx(on, skb->data[2]);

	/* No role consumes Mobility Header messages yet. */
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
