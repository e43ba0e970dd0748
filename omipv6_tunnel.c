// SPDX-License-Identifier: GPL-2.0
/*
 * IPv6-in-IPv6 data path between mobile node and home agent (see
 * omipv6_tunnel.h).
 *
 * Encapsulation (RFC 2473 with RFC 6275 §10.4.2 and §11.3.1): the outer
 * header carries next header 41, the hop limit of the route to the
 * tunnel exit, the DSCP of the inner packet with the ECN field cleared
 * (RFC 6040 compatibility mode, since decapsulation does not propagate
 * congestion marks) and a flow label derived from the inner flow hash
 * so that ECMP spreads tunnelled flows.  The route is a plain
 * ip6_route_output() lookup, never an xfrm bundle.  ignore_df lets the
 * output path fragment the outer packet, so a full-size inner packet
 * still crosses a 1500-octet link.  GSO packets are segmented and
 * CHECKSUM_PARTIAL is resolved in software before encapsulation: the
 * outer packet never asks the device for an offload.
 *
 * The netfilter hooks run at NF_IP6_PRI_CONNTRACK_DEFRAG + 1: after
 * reassembly (when nf_defrag_ipv6 is loaded, the tunnel carries whole
 * datagrams) and before raw, conntrack, mangle, NAT and filter, so the
 * inner packet is taken before any of them acts on it (no conntrack
 * entry that would never be confirmed, no NAT of home address traffic)
 * and the outer packet then runs the whole LOCAL_OUT and POST_ROUTING
 * path, where the administrator's rules see it.  Packets the home agent
 * tunnels on behalf of a mobile node therefore do not cross FORWARD.
 *
 * Decapsulation uses the xfrm6_tunnel chain of tunnel6 at priority 0,
 * ahead of ip6_tunnel (1) and xfrm6_tunnel (3).  A non-zero return
 * hands the packet to the next handler untouched; 0 means it was taken.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/icmpv6.h>
#include <linux/ipv6.h>
#include <linux/netdevice.h>
#include <linux/netfilter.h>
#include <linux/netfilter_ipv6.h>
#include <linux/percpu.h>
#include <linux/skbuff.h>
#include <net/dsfield.h>
#include <net/inet_ecn.h>
#include <net/ip6_route.h>
#include <net/ip_tunnels.h>
#include <net/ipv6.h>
#include <net/ndisc.h>
#include <net/xfrm.h>

#include "omipv6.h"
#include "omipv6_tunnel.h"

/*
 * Nesting of omipv6_tunnel_xmit() on one CPU.  A legitimate packet is
 * encapsulated once; deeper nesting means a loop (a care-of address that
 * is itself a registered home address) and would exhaust the stack.
 */
#define OMIPV6_TUN_MAX_DEPTH	4
static DEFINE_PER_CPU(u8, omipv6_tun_depth);

/* Wraps and sends one packet that is neither GSO nor checksum partial. */
static int omipv6_tun_xmit_one(struct net *net, struct sk_buff *skb,
			       const struct in6_addr *src,
			       const struct in6_addr *dst)
{
	const struct ipv6hdr *inner = ipv6_hdr(skb);
	struct flowi6 fl6 = {
		.flowi6_proto = IPPROTO_IPV6,
		.flowi6_mark = skb->mark,
		.daddr = *dst,
		.saddr = *src,
	};
	struct sock *sk = skb->sk;
	struct dst_entry *rt;
	struct ipv6hdr *outer;
	u8 dsfield;
	int err;

	dsfield = ipv6_get_dsfield(inner) & ~INET_ECN_MASK;
	/* The outer flow label follows the inner flow. */
	skb_get_hash(skb);

	rt = ip6_route_output(net, NULL, &fl6);
	if (rt->error) {
		err = rt->error;
		dst_release(rt);
		goto drop;
	}

	skb_scrub_packet(skb, false);
	err = skb_cow_head(skb, LL_RESERVED_SPACE(rt->dev) + rt->header_len +
			   sizeof(*outer));
	if (err) {
		dst_release(rt);
		goto drop;
	}
	skb_dst_set(skb, rt);

	skb_push(skb, sizeof(*outer));
	skb_reset_network_header(skb);
	skb_reset_mac_header(skb);
	outer = ipv6_hdr(skb);
	ip6_flow_hdr(outer, dsfield,
		     ip6_make_flowlabel(net, skb, 0, true, &fl6));
	outer->payload_len = 0;		/* set by __ip6_local_out() */
	outer->nexthdr = IPPROTO_IPV6;
	outer->hop_limit = ip6_dst_hoplimit(rt);
	outer->saddr = *src;
	outer->daddr = *dst;

	skb->protocol = htons(ETH_P_IPV6);
	skb->encapsulation = 0;
	skb->ignore_df = 1;
	memset(IP6CB(skb), 0, sizeof(*IP6CB(skb)));

	/* net_xmit_eval() evaluates its argument twice. */
	err = ip6_local_out(net, sk, skb);
	err = net_xmit_eval(err);
	return err > 0 ? -ENOBUFS : err;

drop:
	kfree_skb(skb);
	return err;
}

/**
 * omipv6_tunnel_xmit - send a packet through the tunnel
 * @on: the sending namespace
 * @skb: an IPv6 packet, skb->data at its network header; consumed
 * @src: outer source, one of this node's addresses
 * @dst: outer destination, the tunnel exit
 *
 * Counts tun_encap for every packet handed to the output path and
 * tun_error for every packet lost on the way.
 *
 * Context: any but hard IRQ, not with interrupts disabled; does not
 * sleep (GFP_ATOMIC).
 * Return: 0, or the first error met.
 */
int omipv6_tunnel_xmit(struct omipv6_net *on, struct sk_buff *skb,
		       const struct in6_addr *src,
		       const struct in6_addr *dst)
{
	struct sk_buff *segs, *next;
	int err = 0, e;

	local_bh_disable();
	if (unlikely(__this_cpu_read(omipv6_tun_depth) >=
		     OMIPV6_TUN_MAX_DEPTH)) {
		net_dbg_ratelimited("tunnel loop towards %pI6c\n", dst);
		omipv6_count_event(on, OMIPV6_EV_TUN_ERROR);
		kfree_skb(skb);
		local_bh_enable();
		return -ELOOP;
	}
	__this_cpu_inc(omipv6_tun_depth);

	if (skb_is_gso(skb)) {
		segs = skb_gso_segment(skb, 0);
		if (IS_ERR(segs)) {
			err = PTR_ERR(segs);
			omipv6_count_event(on, OMIPV6_EV_TUN_ERROR);
			kfree_skb(skb);
			goto out;
		}
		if (segs) {
			consume_skb(skb);
			skb = segs;
		}
	}

	skb_list_walk_safe(skb, skb, next) {
		skb_mark_not_on_list(skb);
		if (skb->ip_summed == CHECKSUM_PARTIAL &&
		    skb_checksum_help(skb)) {
			e = -EINVAL;
			kfree_skb(skb);
		} else {
			/* Nothing on the output side validates a receive checksum. */
			skb->ip_summed = CHECKSUM_NONE;
			e = omipv6_tun_xmit_one(on->net, skb, src, dst);
		}
		if (e) {
			net_dbg_ratelimited("tunnel packet to %pI6c lost: %d\n",
					    dst, e);
			omipv6_count_event(on, OMIPV6_EV_TUN_ERROR);
			if (!err)
				err = e;
		} else {
			omipv6_count_event(on, OMIPV6_EV_TUN_ENCAP);
		}
	}
out:
	__this_cpu_dec(omipv6_tun_depth);
	local_bh_enable();
	return err;
}

/* Router solicitation to redirect: never leaves the link. */
static bool omipv6_tun_is_nd(struct sk_buff *skb)
{
	const struct ipv6hdr *ip6h = ipv6_hdr(skb);
	u8 nexthdr = ip6h->nexthdr;
	__be16 frag_off;
	u8 _type, *type;
	int off;

	off = ipv6_skip_exthdr(skb, skb_network_offset(skb) + sizeof(*ip6h),
			       &nexthdr, &frag_off);
	if (off < 0 || nexthdr != IPPROTO_ICMPV6 || frag_off)
		return false;
	type = skb_header_pointer(skb, off, sizeof(_type), &_type);
	return type && *type >= NDISC_ROUTER_SOLICITATION &&
	       *type <= NDISC_REDIRECT;
}

static bool omipv6_tun_addr_local_scope(const struct in6_addr *addr)
{
	int type = ipv6_addr_type(addr);

	return type == IPV6_ADDR_ANY ||
	       (type & (IPV6_ADDR_LINKLOCAL | IPV6_ADDR_MULTICAST |
			IPV6_ADDR_LOOPBACK));
}

/*
 * Home agent: a packet for a registered home address goes to the care-of
 * address.  A forwarded one (PRE_ROUTING) spends one hop here.
 */
static unsigned int omipv6_tun_ha(struct omipv6_net *on, struct sk_buff *skb,
				  const struct nf_hook_state *state)
{
	const struct ipv6hdr *ip6h = ipv6_hdr(skb);
	struct omipv6_tunnel_ends rt;

	if (omipv6_tun_addr_local_scope(&ip6h->saddr) ||
	    !on->tun_ops->ha_lookup(on, &ip6h->daddr, &rt) ||
	    omipv6_tun_is_nd(skb))
		return NF_ACCEPT;

	if (state->hook == NF_INET_PRE_ROUTING) {
		if (ip6h->hop_limit <= 1 ||
		    skb_ensure_writable(skb, sizeof(*ip6h))) {
			omipv6_count_event(on, OMIPV6_EV_TUN_ERROR);
			kfree_skb(skb);
			return NF_STOLEN;
		}
		ipv6_hdr(skb)->hop_limit--;
		/* A sending socket in another namespace does not own it. */
		skb_orphan(skb);
	}
	omipv6_tunnel_xmit(on, skb, &rt.local, &rt.remote);
	return NF_STOLEN;
}

/*
 * Mobile node away from home: a packet from the home address that no
 * route-optimization state transforms goes to the home agent.  After an
 * xfrm transform the output path runs LOCAL_OUT again
 * (xfrm_output_resume()) with the care-of address as source, so a route
 * optimized packet is never taken here.
 */
static unsigned int omipv6_tun_mn(struct omipv6_net *on, struct sk_buff *skb)
{
	const struct ipv6hdr *ip6h = ipv6_hdr(skb);
	struct dst_entry *dst = skb_dst(skb);
	struct omipv6_tunnel_ends loc;

	if (!dst || dst->xfrm || (dst->dev->flags & IFF_LOOPBACK) ||
	    omipv6_tun_addr_local_scope(&ip6h->daddr) ||
	    !on->tun_ops->mn_lookup(on, &loc) ||
	    !ipv6_addr_equal(&ip6h->saddr, &loc.hoa) ||
	    omipv6_tun_is_nd(skb))
		return NF_ACCEPT;

	omipv6_tunnel_xmit(on, skb, &loc.local, &loc.remote);
	return NF_STOLEN;
}

/* Context: softirq (PRE_ROUTING) or any output context (LOCAL_OUT). */
static unsigned int omipv6_tun_hook(void *priv, struct sk_buff *skb,
				    const struct nf_hook_state *state)
{
	struct omipv6_net *on = omipv6_pernet(state->net);

	if (READ_ONCE(on->dying))
		return NF_ACCEPT;
	if (READ_ONCE(on->sysctl.role_ha) &&
	    omipv6_tun_ha(on, skb, state) == NF_STOLEN)
		return NF_STOLEN;
	if (state->hook == NF_INET_LOCAL_OUT && READ_ONCE(on->sysctl.role_mn))
		return omipv6_tun_mn(on, skb);
	return NF_ACCEPT;
}

static const struct nf_hook_ops omipv6_tun_nf_ops[] = {
	{
		.hook		= omipv6_tun_hook,
		.pf		= NFPROTO_IPV6,
		.hooknum	= NF_INET_PRE_ROUTING,
		.priority	= NF_IP6_PRI_CONNTRACK_DEFRAG + 1,
	},
	{
		.hook		= omipv6_tun_hook,
		.pf		= NFPROTO_IPV6,
		.hooknum	= NF_INET_LOCAL_OUT,
		.priority	= NF_IP6_PRI_CONNTRACK_DEFRAG + 1,
	},
};

/*
 * True when the tunnelled packet belongs to one of our bindings.  @outer
 * is the outer header, @inner the (pulled) inner one.
 */
static bool omipv6_tun_match(struct omipv6_net *on,
			     const struct ipv6hdr *outer,
			     const struct ipv6hdr *inner)
{
	struct omipv6_tunnel_ends e;

	if (READ_ONCE(on->sysctl.role_ha) &&
	    on->tun_ops->ha_lookup(on, &inner->saddr, &e) &&
	    ipv6_addr_equal(&e.remote, &outer->saddr))
		return true;
	return READ_ONCE(on->sysctl.role_mn) &&
	       on->tun_ops->mn_lookup(on, &e) &&
	       ipv6_addr_equal(&outer->saddr, &e.remote) &&
	       ipv6_addr_equal(&inner->daddr, &e.hoa);
}

/*
 * skb->data is at the inner header, the network header still the outer
 * one.  Context: softirq, RCU read side.
 * Return: 0 when the packet was taken (passed on or freed), else
 * non-zero and the packet is untouched.
 */
static int omipv6_tun_rcv(struct sk_buff *skb)
{
	struct omipv6_net *on = omipv6_pernet(dev_net(skb->dev));
	const struct ipv6hdr *inner;

	if (READ_ONCE(on->dying) ||
	    !pskb_may_pull(skb, sizeof(struct ipv6hdr)))
		return -ENOENT;
	inner = (const struct ipv6hdr *)skb->data;
	if (inner->version != 6 || !omipv6_tun_match(on, ipv6_hdr(skb), inner))
		return -ENOENT;

	if (!xfrm6_policy_check(NULL, XFRM_POLICY_IN, skb) ||
	    iptunnel_pull_header(skb, 0, htons(ETH_P_IPV6), false))
		goto drop;

	skb_reset_network_header(skb);
	skb_reset_mac_header(skb);
	skb_reset_transport_header(skb);
	memset(IP6CB(skb), 0, sizeof(*IP6CB(skb)));
	skb->pkt_type = PACKET_HOST;
	/* skb->dev stays the device the outer packet came in on. */
	if (netif_rx(skb) == NET_RX_DROP) {
		omipv6_count_event(on, OMIPV6_EV_TUN_ERROR);
		return 0;
	}
	omipv6_count_event(on, OMIPV6_EV_TUN_DECAP);
	return 0;

drop:
	omipv6_count_event(on, OMIPV6_EV_TUN_ERROR);
	kfree_skb(skb);
	return 0;
}

/*
 * ICMPv6 errors about an ip6ip6 packet.  The tunnel keeps no state an
 * error could update: the outer packet is fragmented at the route's MTU
 * whatever the path says.  A Packet Too Big still updates the cached
 * path MTU towards the tunnel exit when a role is on.  Always returns
 * non-zero so that ip6_tunnel sees errors for its own devices.
 */
static int omipv6_tun_err(struct sk_buff *skb, struct inet6_skb_parm *opt,
			  u8 type, u8 code, int offset, __be32 info)
{
	struct net *net = dev_net(skb->dev);
	struct omipv6_net *on = omipv6_pernet(net);

	if (type == ICMPV6_PKT_TOOBIG && !READ_ONCE(on->dying) &&
	    (READ_ONCE(on->sysctl.role_ha) || READ_ONCE(on->sysctl.role_mn)))
		ip6_update_pmtu(skb, net, info, 0, 0, sock_net_uid(net, NULL));
	return -ENOENT;
}

static struct xfrm6_tunnel omipv6_tun_handler __read_mostly = {
	.handler	= omipv6_tun_rcv,
	.err_handler	= omipv6_tun_err,
	.priority	= 0,
};

/* Context: process (module init). */
int omipv6_tunnel_init(void)
{
	int err;

	err = xfrm6_tunnel_register(&omipv6_tun_handler, AF_INET6);
	if (err)
		pr_err("cannot register the ip6ip6 handler: %d\n", err);
	return err;
}

/* Waits for running handlers (synchronize_net() in the deregistration). */
void omipv6_tunnel_exit(void)
{
	xfrm6_tunnel_deregister(&omipv6_tun_handler, AF_INET6);
}

/*
 * @ops: the roles' lookups for this namespace; must stay valid until
 * omipv6_tunnel_net_exit().
 * Context: process (pernet init).
 */
int omipv6_tunnel_net_init(struct omipv6_net *on,
			   const struct omipv6_tunnel_ops *ops)
{
	int err;

	on->tun_ops = ops;
	err = nf_register_net_hooks(on->net, omipv6_tun_nf_ops,
				    ARRAY_SIZE(omipv6_tun_nf_ops));
	if (err)
		return err;
	on->tun_hooks = true;
	return 0;
}

/*
 * Context: process (pernet exit, after the grace period that follows
 * @dying, so no hook of this namespace is still running).
 */
void omipv6_tunnel_net_exit(struct omipv6_net *on)
{
	if (!on->tun_hooks)
		return;
	nf_unregister_net_hooks(on->net, omipv6_tun_nf_ops,
				ARRAY_SIZE(omipv6_tun_nf_ops));
	on->tun_hooks = false;
}
