// SPDX-License-Identifier: GPL-2.0
/*
 * Mobile node movement: where the node is attached (home, away with
 * which care-of address, detached), what a movement starts (a handover
 * record, the home registration or deregistration, each
 * correspondent's new round) and the address and device notifiers
 * that wake the state machine.
 *
 * Order of the BUs after a movement: the home BU first; return
 * routability with a correspondent only once the home agent's BA has
 * come (the HoTI takes the reverse tunnel, which the home agent takes
 * only from the registered care-of address).  A BU under Kabm needs no
 * home path, and with net.omipv6.parallel_cn_bu it leaves in the same
 * run as the home BU, to every correspondent the node holds an SA
 * with.  With parallel_cn_bu 2, when the home agent accepts the
 * registration the node sends that round's last BU once more,
 * unchanged, through the reverse tunnel (draft §7's copy via the home
 * agent, which the correspondent drops as a replay once the direct copy
 * moved its binding; it carries no care-of address, so it cannot move a
 * binding itself and is one more message for nothing when the direct
 * copy arrived, hence not sent with 1).  The round then runs as any
 * other: retransmissions take a new sequence number, a BA for any of
 * them ends it, and the handover record's per-correspondent BA time may
 * precede its ha_ba.  The sysctl is read at each movement.
 *
 * Locking and lifetime: include/omipv6_mn_state.h.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/inetdevice.h>
#include <linux/ktime.h>
#include <linux/netdevice.h>
#include <linux/rcupdate.h>
#include <linux/spinlock.h>
#include <net/addrconf.h>
#include <net/if_inet6.h>
#include <net/ipv6.h>

#include "omipv6.h"
#include "omipv6_mn.h"
#include "omipv6_mn_handover.h"
#include "omipv6_mn_move.h"
#include "omipv6_mn_omi.h"
#include "omipv6_mn_ro.h"
#include "omipv6_mn_state.h"
#include "omipv6_rs.h"

/*
 * Caller holds rcu_read_lock(): @idev has joined @addr's solicited-node
 * group.  An optimistic address (RFC 4429) is usable once its DAD has
 * begun, which is also when the group is joined; before that, the
 * neighbour solicitation of a router delivering the answer to a BU
 * from it would find no listener and be retried a second later.
 */
static bool omipv6_mn_solicited_joined(struct inet6_dev *idev,
				       const struct in6_addr *addr)
{
	struct ifmcaddr6 *mc;
	struct in6_addr group;

	addrconf_addr_solict_mult(addr, &group);
	for (mc = rcu_dereference(idev->mc_list); mc;
	     mc = rcu_dereference(mc->next))
		if (ipv6_addr_equal(&mc->mca_addr, &group))
			return true;
	return false;
}

/*
 * Movement detection (see the contract in omipv6_mn.h's users): home
 * when an interface that is up, has carrier and is not loopback holds
 * the home address; else away with a global, non-deprecated, usable
 * address outside the home /64 on such an interface (@pref first, then
 * the lowest ifindex); else detached.  @out->tentative: a candidate
 * address still runs DAD; @out->joining: an optimistic candidate's DAD
 * has not begun yet.  Context: process; takes RCU and idev->lock.
 */
void omipv6_mn_locate(struct net *net, const struct in6_addr *hoa,
		      int pref, struct omipv6_mn_found *out)
{
	int best = 0, best_pref = 0;
	struct inet6_ifaddr *ifa;
	struct net_device *dev;
	struct inet6_dev *idev;

	memset(out, 0, sizeof(*out));
	out->where = OMIPV6_MN_DETACHED;
	if (ipv6_addr_any(hoa))
		return;

	rcu_read_lock();
	for_each_netdev_rcu(net, dev) {
		if ((dev->flags & IFF_LOOPBACK) || !(dev->flags & IFF_UP) ||
		    !netif_carrier_ok(dev))
			continue;
		idev = __in6_dev_get(dev);
		if (!idev)
			continue;
		read_lock_bh(&idev->lock);
		list_for_each_entry(ifa, &idev->addr_list, if_list) {
			u32 flags = ifa->flags;

			if (ipv6_addr_equal(&ifa->addr, hoa)) {
				out->where = OMIPV6_MN_HOME;
				continue;
			}
			if (omipv6_config_check_addr(&ifa->addr, NULL) ||
			    ipv6_prefix_equal(&ifa->addr, hoa, 64) ||
			    (flags & (IFA_F_DEPRECATED | IFA_F_DADFAILED |
				      IFA_F_HOMEADDRESS)))
				continue;
			if ((flags & IFA_F_TENTATIVE) &&
			    !(flags & IFA_F_OPTIMISTIC)) {
				out->tentative = true;
				continue;
			}
			/* Without ND (NOARP) no group is ever joined. */
			if ((flags & IFA_F_OPTIMISTIC) &&
			    !(dev->flags & IFF_NOARP) &&
			    !omipv6_mn_solicited_joined(idev, &ifa->addr)) {
				out->joining = true;
				continue;
			}
			if (dev->ifindex == pref && !best_pref) {
				best_pref = dev->ifindex;
				out->coa = ifa->addr;
			} else if (!best_pref &&
				   (!best || dev->ifindex < best)) {
				best = dev->ifindex;
				out->coa = ifa->addr;
			}
		}
		read_unlock_bh(&idev->lock);
	}
	rcu_read_unlock();

	if (out->where != OMIPV6_MN_HOME && (best || best_pref))
		out->where = OMIPV6_MN_AWAY;
	if (out->where != OMIPV6_MN_AWAY)
		out->coa = in6addr_any;
}

/*
 * Caller holds mn->lock: the node moved to @f (home or away), or was
 * told to.  Starts a handover record (@ho_cns, @ho_n: the
 * correspondents it waits for; taken over), re-registers with the home
 * agent and restarts every correspondent.  The old record's array is
 * returned in @old_cns for the caller to free.
 */
void omipv6_mn_moved(struct omipv6_mn *mn,
		     const struct omipv6_config *cfg,
		     const struct omipv6_mn_found *f, u64 start,
		     struct omipv6_mn_ho_cn *ho_cns, unsigned int ho_n,
		     struct omipv6_mn_ho_cn **old_cns,
		     unsigned long now)
{
	bool home = f->where == OMIPV6_MN_HOME;
	bool was_away = mn->have_last && mn->last_where == OMIPV6_MN_AWAY;
	int parallel = READ_ONCE(mn->on->sysctl.parallel_cn_bu);
	struct omipv6_mn_ha *ha = &mn->ha;
	struct omipv6_mn_ho *ho;
	struct omipv6_mn_cn *c;
	unsigned int n = 0;

	ho = omipv6_mn_ho_start(mn, home, &f->coa, start, ho_cns, old_cns);

	omipv6_count_event(mn->on, OMIPV6_EV_MN_MOVE);
	if (home)
		omipv6_count_event(mn->on, OMIPV6_EV_MN_HOME);

	/* Home registration, or deregistration when coming home. */
	ha->bu_out = false;
	ha->ba_have = false;
	ha->dereg = home;
	ha->timeout = OMIPV6_INITIAL_BINDACK_TIMEOUT;
	if (home) {
		ha->armed = was_away || ha->state != OMIPV6_MN_HA_NONE;
		ha->state = OMIPV6_MN_HA_NONE;
	} else {
		/*
		 * The home agent still sends to the old care-of address (and
		 * takes the reverse tunnel only from it): return routability
		 * waits for the BA for this one.  A BU under Kabm needs no
		 * home path and, with parallel_cn_bu, goes out with the home
		 * BU.
		 */
		ha->armed = true;
		ha->state = OMIPV6_MN_HA_PENDING;
	}
	ha->next = now;

	list_for_each_entry(c, &mn->cns, list) {
		/* An exchange runs over one care-of address only. */
		omipv6_mn_omi_cancel(c);
		c->rekey_due = !home && c->sa &&
			       READ_ONCE(mn->on->sysctl.rekey_on_move);
		if (home) {
			bool reg = c->registered;

			if (c->ro)
				mn->xfrm_dirty = true;
			c->ro = false;
			omipv6_mn_cn_reset(c, OMIPV6_MN_CN_IDLE);
			if (reg)
				omipv6_mn_cn_start(mn, c, true, now);
		} else if (parallel && c->sa) {
			omipv6_mn_cn_start(mn, c, false, now);
			c->dup_owed = parallel == 2;
		} else {
			/* The old binding serves until the new BA. */
			omipv6_mn_cn_reset(c, OMIPV6_MN_CN_IDLE);
		}
		if (ho_cns && n < ho_n && (!home || c->state != OMIPV6_MN_CN_IDLE))
			ho_cns[n++].cn = c->addr;
	}
	ho->ncns = n;
	if (!ho_cns)
		ho->ncns = 0;
}

/*
 * The notifiers: any address or interface change in a namespace with
 * the mobile node role on queues its run.  Both may be called in atomic
 * context (the inet6addr chain) and under RTNL (netdevice): they only
 * queue.
 */
static void omipv6_mn_notify(struct net *net)
{
	struct omipv6_net *on = omipv6_pernet(net);
	struct omipv6_mn *mn;

	/* A namespace still being set up has no state yet. */
	if (!on || !READ_ONCE(on->sysctl.role_mn) || READ_ONCE(on->dying))
		return;
	rcu_read_lock();
	mn = READ_ONCE(on->mn);
	if (mn) {
		spin_lock_bh(&mn->lock);
		if (!mn->event_ns)
			mn->event_ns = ktime_get_real_ns();
		omipv6_mn_queue(mn);
		spin_unlock_bh(&mn->lock);
	}
	rcu_read_unlock();
}

/*
 * An interface's carrier came back: with the mobile node role on, ask
 * for the router advertisement that brings the new care-of address
 * (omipv6_rs.h).  Context: process, RTNL held.
 */
static void omipv6_mn_attach(struct net_device *dev)
{
	struct omipv6_net *on = omipv6_pernet(dev_net(dev));

	if (on && READ_ONCE(on->sysctl.role_mn) && !READ_ONCE(on->dying))
		omipv6_rs_send(on, dev);
}

static int omipv6_mn_inet6addr_event(struct notifier_block *nb,
				     unsigned long event, void *ptr)
{
	struct inet6_ifaddr *ifa = ptr;

	if (event == NETDEV_UP || event == NETDEV_DOWN)
		omipv6_mn_notify(dev_net(ifa->idev->dev));
	return NOTIFY_DONE;
}

static int omipv6_mn_netdev_event(struct notifier_block *nb,
				  unsigned long event, void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);

	switch (event) {
	case NETDEV_CHANGE:
		omipv6_mn_notify(dev_net(dev));
		/* No flag changed: the carrier (or operstate) did. */
		if (!((struct netdev_notifier_change_info *)ptr)->flags_changed)
			omipv6_mn_attach(dev);
		break;
	case NETDEV_UP:
	case NETDEV_DOWN:
	case NETDEV_UNREGISTER:
		omipv6_mn_notify(dev_net(dev));
		break;
	default:
		break;
	}
	return NOTIFY_DONE;
}

static struct notifier_block omipv6_mn_inet6addr_nb = {
	.notifier_call = omipv6_mn_inet6addr_event,
};

static struct notifier_block omipv6_mn_netdev_nb = {
	.notifier_call = omipv6_mn_netdev_event,
};

/**
 * omipv6_mn_notifiers_init - watch addresses and interfaces
 *
 * The netdevice notifier's replay of existing interfaces only queues
 * runs where the role is on.
 *
 * Context: module init, after the pernet state exists.
 * Return: 0 or the registration's error.
 */
int omipv6_mn_notifiers_init(void)
{
	int err;

	err = register_inet6addr_notifier(&omipv6_mn_inet6addr_nb);
	if (err)
		return err;
	err = register_netdevice_notifier(&omipv6_mn_netdev_nb);
	if (err)
		unregister_inet6addr_notifier(&omipv6_mn_inet6addr_nb);
	return err;
}

/**
 * omipv6_mn_notifiers_exit - stop watching
 *
 * Context: module exit, before the pernet state goes.
 */
void omipv6_mn_notifiers_exit(void)
{
	unregister_netdevice_notifier(&omipv6_mn_netdev_nb);
	unregister_inet6addr_notifier(&omipv6_mn_inet6addr_nb);
}
