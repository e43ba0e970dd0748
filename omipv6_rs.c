// SPDX-License-Identifier: GPL-2.0
/*
 * Router solicitation on attachment: see include/omipv6_rs.h.
 *
 * The message is built here and handed to ndisc_send_skb(), which adds
 * the IPv6 header (hop limit 255), the ICMPv6 checksum and the route,
 * and sends it through the ndisc socket and NF_INET_LOCAL_OUT like the
 * kernel's own solicitations.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/icmpv6.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <net/addrconf.h>
#include <net/if_inet6.h>
#include <net/ipv6.h>
#include <net/ndisc.h>

#include "omipv6.h"
#include "omipv6_rs.h"

/* A link-local address of @idev that passed DAD, into @src. */
static bool omipv6_rs_source(struct inet6_dev *idev, struct in6_addr *src)
{
	struct inet6_ifaddr *ifa;
	bool found = false;

	read_lock_bh(&idev->lock);
	list_for_each_entry(ifa, &idev->addr_list, if_list) {
		if ((ipv6_addr_type(&ifa->addr) & IPV6_ADDR_LINKLOCAL) &&
		    !(ifa->flags & (IFA_F_TENTATIVE | IFA_F_DADFAILED))) {
			*src = ifa->addr;
			found = true;
			break;
		}
	}
	read_unlock_bh(&idev->lock);
	return found;
}

void omipv6_rs_send(struct omipv6_net *on, struct net_device *dev)
{
	struct in6_addr src = in6addr_any;
	struct inet6_dev *idev;
	struct sk_buff *skb;
	struct rs_msg *rs;
	int optlen = 0;

	ASSERT_RTNL();
	if ((dev->flags & IFF_LOOPBACK) || !(dev->flags & IFF_UP) ||
	    !netif_carrier_ok(dev))
		return;
	idev = __in6_dev_get(dev);
	if (!idev || !ipv6_accept_ra(idev))
		return;
	/*
	 * RFC 4861 §4.1: no source link-layer address option from the
	 * unspecified address; RFC 4429 §2.2: none from an optimistic one
	 * either (omipv6_rs_source() skips those).
	 */
	if (omipv6_rs_source(idev, &src) && dev->addr_len)
		optlen = ndisc_opt_addr_space(dev, NDISC_ROUTER_SOLICITATION);

	skb = alloc_skb(LL_RESERVED_SPACE(dev) + sizeof(struct ipv6hdr) +
			sizeof(*rs) + optlen + dev->needed_tailroom,
			GFP_KERNEL);
	if (!skb)
		return;
	skb->protocol = htons(ETH_P_IPV6);
	skb->dev = dev;
	skb_reserve(skb, LL_RESERVED_SPACE(dev) + sizeof(struct ipv6hdr));
	skb_reset_transport_header(skb);
	rs = skb_put_zero(skb, sizeof(*rs));
	rs->icmph.icmp6_type = NDISC_ROUTER_SOLICITATION;
	if (optlen)
		__ndisc_fill_addr_option(skb, ND_OPT_SOURCE_LL_ADDR,
					 dev->dev_addr, dev->addr_len,
					 ndisc_addr_option_pad(dev->type));
	ndisc_send_skb(skb, &in6addr_linklocal_allrouters, &src);
	omipv6_count_event(on, OMIPV6_EV_MN_RS);
	net_dbg_ratelimited("router solicitation on %s\n", dev->name);
}
