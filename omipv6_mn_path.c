// SPDX-License-Identifier: GPL-2.0
/*
 * Where the mobile node's packets go: the published location (home
 * address, care-of address, home agent) that the tunnel reads for
 * every packet without a lock (mn->loc_seq), and the route-optimized
 * bindings the xfrm objects are made from.  Both reach the mechanisms
 * through their ops tables (struct omipv6_tunnel_ops,
 * struct omipv6_xfrm_ops), set up by omipv6_main.c.
 *
 * Locking and lifetime: include/omipv6_mn_state.h.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/rcupdate.h>
#include <linux/seqlock.h>
#include <linux/spinlock.h>
#include <net/ipv6.h>

#include "omipv6.h"
#include "omipv6_mn.h"
#include "omipv6_mn_path.h"
#include "omipv6_mn_state.h"
#include "omipv6_tunnel.h"
#include "omipv6_xfrm.h"

/* Caller holds mn->lock: publish the location for omipv6_mn_tunnel_lookup(). */
void omipv6_mn_publish(struct omipv6_mn *mn,
		       enum omipv6_mn_where where,
		       const struct in6_addr *coa,
		       const struct in6_addr *hoa,
		       const struct in6_addr *ha)
{
	write_seqcount_begin(&mn->loc_seq);
	mn->where = where;
	mn->loc.coa = *coa;
	mn->loc.hoa = *hoa;
	mn->loc.ha = *ha;
	WRITE_ONCE(mn->away, where == OMIPV6_MN_AWAY &&
		   !ipv6_addr_any(ha) && !ipv6_addr_any(hoa));
	write_seqcount_end(&mn->loc_seq);
}

/**
 * omipv6_mn_tunnel_lookup - where the data path sends the home address's
 *	packets
 * @on: the namespace
 * @out: filled when away: the home address, the care-of address (outer
 *	source) and the home agent (outer destination)
 *
 * The mobile node's struct omipv6_tunnel_ops.mn_lookup.
 *
 * Context: any; lock free (seqcount).
 * Return: true when away from home with a home agent configured.
 */
bool omipv6_mn_tunnel_lookup(struct omipv6_net *on,
			     struct omipv6_tunnel_ends *out)
{
	struct omipv6_mn *mn = READ_ONCE(on->mn);
	struct omipv6_mn_loc loc;
	unsigned int seq;
	bool away;

	if (!mn || !READ_ONCE(mn->away))
		return false;
	do {
		seq = read_seqcount_begin(&mn->loc_seq);
		away = mn->away;
		loc = mn->loc;
	} while (read_seqcount_retry(&mn->loc_seq, seq));
	out->hoa = loc.hoa;
	out->local = loc.coa;
	out->remote = loc.ha;
	return away;
}

/**
 * omipv6_mn_ro_snapshot - the route-optimized bindings, for xfrm
 * @on: the namespace
 * @hoa: receives the home address, :: when the role is off
 * @out: receives up to @max bindings
 * @max: room in @out
 *
 * Context: process or softirq; takes mn->lock.
 * Return: the number of bindings, which may exceed @max.
 */
unsigned int omipv6_mn_ro_snapshot(struct omipv6_net *on,
				   struct in6_addr *hoa,
				   struct omipv6_xfrm_ro *out,
				   unsigned int max)
{
	struct omipv6_mn_cn *c;
	struct omipv6_mn *mn;
	unsigned int n = 0;

	*hoa = in6addr_any;
	/* omipv6_mn_exit() may be freeing it (RCU). */
	rcu_read_lock();
	mn = READ_ONCE(on->mn);
	if (!mn)
		goto out;
	spin_lock_bh(&mn->lock);
	if (mn->where != OMIPV6_MN_OFF) {
		*hoa = mn->loc.hoa;
		list_for_each_entry(c, &mn->cns, list) {
			if (!c->ro)
				continue;
			if (n < max) {
				out[n].cn = c->addr;
				out[n].coa = c->bound_coa;
			}
			n++;
		}
	}
	spin_unlock_bh(&mn->lock);
out:
	rcu_read_unlock();
	return n;
}
