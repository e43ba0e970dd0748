// SPDX-License-Identifier: GPL-2.0
/*
 * Route-optimization xfrm states and policies of the correspondent node
 * (see omipv6_xfrm.h for what is installed and why from process
 * context).
 *
 * Objects, all AF_INET6, mode XFRM_MODE_ROUTEOPTIMIZATION, SPI 0:
 *
 *  - wildcard DSTOPTS state: dst ::, src ::, coaddr ::, flag WILDRECV.
 *    xfrm6_input_addr() falls back to it for a Home Address option no
 *    binding state matches, so a first BU gets in;
 *  - IN policy, MH type BU from anywhere, optional DSTOPTS template;
 *  - per binding, a ROUTING state dst HoA, src CN, coaddr CoA and an OUT
 *    policy CN/128 -> HoA/128 requiring it: data to the home address
 *    leaves for the care-of address with a type 2 routing header;
 *  - per binding, a DSTOPTS state dst CN, src HoA, coaddr CoA and an IN
 *    policy HoA/128 -> CN/128 whose optional DSTOPTS template names the
 *    home address: data from the MN with a Home Address option from the
 *    registered care-of address passes the policy check, while one that
 *    only the wildcard state matched does not.
 *
 * The wildcard state and BU policy are there with the CN or the HA
 * role (a home registration from away carries a Home Address option
 * too).  With the MN role (RFC 6275 §11.3.1, §11.3.3):
 *
 *  - wildcard ROUTING state: dst ::, src ::, coaddr ::, flag WILDRECV.
 *    xfrm6_input_addr() falls back to it for a type 2 routing header,
 *    and mip6_rthdr_input() accepts any address with coaddr ::;
 *  - IN policy, anything to the home address, optional ROUTING
 *    template: __xfrm_policy_check() rejects a secpath holding a
 *    non-transport state that no template matched;
 *  - per correspondent node with a binding, a DSTOPTS state dst CN, src
 *    HoA, coaddr CoA and an OUT policy HoA/128 -> CN/128 requiring it.
 *
 * Policies are sub policies where the kernel has them, as MIPv6 route
 * optimization is usually done, so that IPsec main policies still apply
 * on top.  Each object is created with a reference the module keeps
 * (struct omipv6_xfrm, struct omipv6_ro) and deleted through that
 * pointer: an object someone else flushed in the meantime is merely
 * released.  A CoA change replaces the binding's two states and keeps
 * its policies; packets that meet the policy in between wait for the
 * new state like any larval lookup.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/err.h>
#include <linux/jhash.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <net/ipv6.h>
#include <net/xfrm.h>

#include "omipv6.h"
#include "omipv6_bc.h"
#include "omipv6_be.h"
#include "omipv6_rfc.h"
#include "omipv6_xfrm.h"

#ifdef CONFIG_XFRM_SUB_POLICY
#define OMIPV6_XFRM_PTYPE	XFRM_POLICY_TYPE_SUB
#else
#define OMIPV6_XFRM_PTYPE	XFRM_POLICY_TYPE_MAIN
#endif

/* Lower values win; the BU policy before a binding's IN policy. */
#define OMIPV6_XFRM_PRIO_BU	1
#define OMIPV6_XFRM_PRIO_BINDING	2

/**
 * struct omipv6_ro - one binding's xfrm objects
 * @node: in xo->ro, under xo->lock
 * @hoa: home address
 * @cn: correspondent address
 * @coa: care-of address the states hold
 * @gen: xo generation of the last sync that found the binding
 * @rt_state: ROUTING state CN -> HoA (reference held)
 * @hao_state: DSTOPTS state HoA -> CN (reference held)
 * @out_pol: OUT policy CN -> HoA (reference held)
 * @in_pol: IN policy HoA -> CN (reference held)
 */
struct omipv6_ro {
	struct hlist_node node;
	struct in6_addr hoa;
	struct in6_addr cn;
	struct in6_addr coa;
	unsigned long gen;
	struct xfrm_state *rt_state;
	struct xfrm_state *hao_state;
	struct xfrm_policy *out_pol;
	struct xfrm_policy *in_pol;
};

/**
 * struct omipv6_mn_xro - the mobile node's objects for one correspondent
 * @list: in xo->mn_ro, under xo->lock
 * @hoa: home address
 * @cn: correspondent address
 * @coa: care-of address the state holds
 * @seen: found in the current sync
 * @hao_state: DSTOPTS state HoA -> CN (reference held)
 * @out_pol: OUT policy HoA -> CN (reference held)
 */
struct omipv6_mn_xro {
	struct list_head list;
	struct in6_addr hoa;
	struct in6_addr cn;
	struct in6_addr coa;
	bool seen;
	struct xfrm_state *hao_state;
	struct xfrm_policy *out_pol;
};

static u32 omipv6_ro_hash(const struct in6_addr *hoa,
			  const struct in6_addr *cn)
{
	return jhash2((const u32 *)hoa, 4, jhash2((const u32 *)cn, 4, 0));
}

/*
 * Add a route-optimization state; returns it with a reference for the
 * caller, who releases it with omipv6_xfrm_state_del().
 */
static struct xfrm_state *omipv6_xfrm_state_add(struct net *net, u8 proto,
						const struct in6_addr *daddr,
						const struct in6_addr *saddr,
						const struct in6_addr *coa,
						u8 flags)
{
	struct xfrm_state *x;
	int err;

	x = xfrm_state_alloc(net);
	if (!x)
		return ERR_PTR(-ENOMEM);
	x->id.proto = proto;
	x->id.daddr.in6 = *daddr;
	x->props.saddr.in6 = *saddr;
	x->props.family = AF_INET6;
	x->props.mode = XFRM_MODE_ROUTEOPTIMIZATION;
	x->props.flags = flags;
	x->sel.family = AF_INET6;
	if (!ipv6_addr_any(daddr)) {
		x->sel.daddr.in6 = *daddr;
		x->sel.prefixlen_d = 128;
	}
	if (!ipv6_addr_any(saddr)) {
		x->sel.saddr.in6 = *saddr;
		x->sel.prefixlen_s = 128;
	}
	x->coaddr = kmemdup(coa, sizeof(*x->coaddr), GFP_KERNEL);
	if (!x->coaddr) {
		err = -ENOMEM;
		goto err_put;
	}
	err = __xfrm_init_state(x, true, false, NULL);
	if (err)
		goto err_put;
	x->km.state = XFRM_STATE_VALID;

	/* One reference for the state table, one for us. */
	xfrm_state_hold(x);
	err = xfrm_state_add(x);
	if (err) {
		x->km.state = XFRM_STATE_DEAD;
		__xfrm_state_put(x);
		goto err_put;
	}
	return x;

err_put:
	x->km.state = XFRM_STATE_DEAD;
	xfrm_state_put(x);
	return ERR_PTR(err);
}

static void omipv6_xfrm_state_del(struct xfrm_state **xp)
{
	struct xfrm_state *x = *xp;

	if (!x)
		return;
	/* -ESRCH when someone deleted it already; ours is released anyway. */
	xfrm_state_delete(x);
	xfrm_state_put(x);
	*xp = NULL;
}

/*
 * Insert a policy with one route-optimization template; returns it
 * with the reference xfrm_policy_alloc() gave, which the caller keeps.
 */
static struct xfrm_policy *
omipv6_xfrm_policy_add(struct net *net, int dir,
		       const struct xfrm_selector *sel, u32 priority,
		       u8 proto, const struct in6_addr *tmpl_saddr,
		       bool optional)
{
	struct xfrm_policy *xp;
	struct xfrm_tmpl *t;
	int err;

	xp = xfrm_policy_alloc(net, GFP_KERNEL);
	if (!xp)
		return ERR_PTR(-ENOMEM);
	xp->selector = *sel;
	xp->family = AF_INET6;
	xp->type = OMIPV6_XFRM_PTYPE;
	xp->action = XFRM_POLICY_ALLOW;
	xp->priority = priority;
	xp->lft.soft_byte_limit = XFRM_INF;
	xp->lft.hard_byte_limit = XFRM_INF;
	xp->lft.soft_packet_limit = XFRM_INF;
	xp->lft.hard_packet_limit = XFRM_INF;

	xp->xfrm_nr = 1;
	t = &xp->xfrm_vec[0];
	t->id.proto = proto;
	if (tmpl_saddr)
		t->saddr.in6 = *tmpl_saddr;
	t->encap_family = AF_INET6;
	t->mode = XFRM_MODE_ROUTEOPTIMIZATION;
	t->share = XFRM_SHARE_ANY;
	t->optional = optional;
	t->aalgos = ~0U;
	t->ealgos = ~0U;
	t->calgos = ~0U;
	t->allalgs = 1;

	/* Exclusive: an equal policy that is not ours stays, ours fails. */
	err = xfrm_policy_insert(dir, xp, 1);
	if (err) {
		xp->walk.dead = 1;
		xfrm_policy_destroy(xp);
		return ERR_PTR(err);
	}
	return xp;
}

static void omipv6_xfrm_policy_del(struct xfrm_policy **xpp, int dir)
{
	struct xfrm_policy *xp = *xpp;

	if (!xp)
		return;
	/* -ENOENT when someone deleted it already. */
	xfrm_policy_delete(xp, dir);
	xfrm_pol_put(xp);
	*xpp = NULL;
}

static void omipv6_sel_pair(struct xfrm_selector *sel,
			    const struct in6_addr *saddr,
			    const struct in6_addr *daddr)
{
	memset(sel, 0, sizeof(*sel));
	sel->family = AF_INET6;
	sel->saddr.in6 = *saddr;
	sel->prefixlen_s = 128;
	sel->daddr.in6 = *daddr;
	sel->prefixlen_d = 128;
}

static void omipv6_ro_states_del(struct omipv6_ro *ro)
{
	omipv6_xfrm_state_del(&ro->rt_state);
	omipv6_xfrm_state_del(&ro->hao_state);
}

static int omipv6_ro_states_add(struct net *net, struct omipv6_ro *ro)
{
	struct xfrm_state *x;

	x = omipv6_xfrm_state_add(net, IPPROTO_ROUTING, &ro->hoa, &ro->cn,
				  &ro->coa, 0);
	if (IS_ERR(x))
		return PTR_ERR(x);
	ro->rt_state = x;
	x = omipv6_xfrm_state_add(net, IPPROTO_DSTOPTS, &ro->cn, &ro->hoa,
				  &ro->coa, 0);
	if (IS_ERR(x)) {
		omipv6_xfrm_state_del(&ro->rt_state);
		return PTR_ERR(x);
	}
	ro->hao_state = x;
	return 0;
}

/* Caller holds xo->lock; @ro is unhashed and freed. */
static void omipv6_ro_free(struct omipv6_ro *ro)
{
	omipv6_xfrm_policy_del(&ro->out_pol, XFRM_POLICY_OUT);
	omipv6_xfrm_policy_del(&ro->in_pol, XFRM_POLICY_IN);
	omipv6_ro_states_del(ro);
	kfree(ro);
}

/* Caller holds xo->lock. */
static struct omipv6_ro *omipv6_ro_find(struct omipv6_xfrm *xo,
					const struct in6_addr *hoa,
					const struct in6_addr *cn)
{
	struct omipv6_ro *ro;

	hash_for_each_possible(xo->ro, ro, node, omipv6_ro_hash(hoa, cn))
		if (ipv6_addr_equal(&ro->hoa, hoa) &&
		    ipv6_addr_equal(&ro->cn, cn))
			return ro;
	return NULL;
}

/* Caller holds xo->lock: install a binding's objects. */
static int omipv6_ro_create(struct omipv6_net *on,
			    const struct omipv6_bc_info *bi,
			    unsigned long gen)
{
	struct omipv6_xfrm *xo = &on->xfrm;
	struct xfrm_selector sel;
	struct xfrm_policy *xp;
	struct omipv6_ro *ro;
	int err;

	ro = kzalloc(sizeof(*ro), GFP_KERNEL);
	if (!ro)
		return -ENOMEM;
	ro->hoa = bi->hoa;
	ro->cn = bi->cn;
	ro->coa = bi->coa;
	ro->gen = gen;

	err = omipv6_ro_states_add(on->net, ro);
	if (err)
		goto err_free;

	omipv6_sel_pair(&sel, &ro->cn, &ro->hoa);
	xp = omipv6_xfrm_policy_add(on->net, XFRM_POLICY_OUT, &sel,
				    OMIPV6_XFRM_PRIO_BINDING, IPPROTO_ROUTING,
				    NULL, false);
	if (IS_ERR(xp)) {
		err = PTR_ERR(xp);
		goto err_free;
	}
	ro->out_pol = xp;

	omipv6_sel_pair(&sel, &ro->hoa, &ro->cn);
	xp = omipv6_xfrm_policy_add(on->net, XFRM_POLICY_IN, &sel,
				    OMIPV6_XFRM_PRIO_BINDING, IPPROTO_DSTOPTS,
				    &ro->hoa, true);
	if (IS_ERR(xp)) {
		err = PTR_ERR(xp);
		goto err_free;
	}
	ro->in_pol = xp;

	hash_add(xo->ro, &ro->node, omipv6_ro_hash(&ro->hoa, &ro->cn));
	xo->nro++;
	return 0;

err_free:
	omipv6_ro_free(ro);
	return err;
}

/* Caller holds xo->lock: the CN-wide wildcard state and BU policy. */
static int omipv6_xfrm_global_add(struct omipv6_net *on)
{
	struct omipv6_xfrm *xo = &on->xfrm;
	struct xfrm_selector sel = {};
	struct xfrm_policy *xp;
	struct xfrm_state *x;

	if (!xo->wild_state) {
		x = omipv6_xfrm_state_add(on->net, IPPROTO_DSTOPTS,
					  &in6addr_any, &in6addr_any,
					  &in6addr_any, XFRM_STATE_WILDRECV);
		if (IS_ERR(x))
			return PTR_ERR(x);
		xo->wild_state = x;
	}
	if (!xo->bu_policy) {
		sel.family = AF_INET6;
		sel.proto = IPPROTO_MH;
		sel.sport = htons(OMIPV6_MH_BU);
		sel.sport_mask = htons(0xffff);
		xp = omipv6_xfrm_policy_add(on->net, XFRM_POLICY_IN, &sel,
					    OMIPV6_XFRM_PRIO_BU,
					    IPPROTO_DSTOPTS, NULL, true);
		if (IS_ERR(xp))
			return PTR_ERR(xp);
		xo->bu_policy = xp;
	}
	return 0;
}

static void omipv6_xfrm_failed(struct omipv6_xfrm *xo, const char *what,
			       int err)
{
	xo->failed++;
	pr_warn_ratelimited("cannot install %s: %d\n", what, err);
}

/* Caller holds xo->lock: remove the CN's per-binding objects. */
static void omipv6_xfrm_remove_bindings(struct omipv6_xfrm *xo)
{
	struct hlist_node *tmp;
	struct omipv6_ro *ro;
	unsigned int bkt;

	hash_for_each_safe(xo->ro, bkt, tmp, ro, node) {
		hash_del(&ro->node);
		omipv6_ro_free(ro);
	}
	xo->nro = 0;
}

/* Caller holds xo->lock: the wildcard DSTOPTS state and BU policy. */
static void omipv6_xfrm_global_del(struct omipv6_xfrm *xo)
{
	omipv6_xfrm_policy_del(&xo->bu_policy, XFRM_POLICY_IN);
	omipv6_xfrm_state_del(&xo->wild_state);
}

/* Caller holds xo->lock; @r is unlinked and freed. */
static void omipv6_mn_xro_free(struct omipv6_mn_xro *r)
{
	omipv6_xfrm_policy_del(&r->out_pol, XFRM_POLICY_OUT);
	omipv6_xfrm_state_del(&r->hao_state);
	kfree(r);
}

/* Caller holds xo->lock: remove the mobile node's objects. */
static void omipv6_xfrm_mn_remove(struct omipv6_xfrm *xo)
{
	struct omipv6_mn_xro *r, *tmp;

	list_for_each_entry_safe(r, tmp, &xo->mn_ro, list) {
		list_del(&r->list);
		omipv6_mn_xro_free(r);
	}
	omipv6_xfrm_policy_del(&xo->mn_in_pol, XFRM_POLICY_IN);
	omipv6_xfrm_state_del(&xo->mn_rt_state);
	xo->mn_hoa = in6addr_any;
}

/* Caller holds xo->lock: remove everything. */
static void omipv6_xfrm_remove_all(struct omipv6_xfrm *xo)
{
	omipv6_xfrm_remove_bindings(xo);
	omipv6_xfrm_global_del(xo);
	omipv6_xfrm_mn_remove(xo);
}

/* Caller holds xo->lock: one correspondent's objects for the MN. */
static int omipv6_mn_xro_create(struct omipv6_net *on,
				const struct in6_addr *hoa,
				const struct omipv6_xfrm_ro *ri)
{
	struct omipv6_xfrm *xo = &on->xfrm;
	struct omipv6_mn_xro *r;
	struct xfrm_selector sel;
	struct xfrm_policy *xp;
	struct xfrm_state *x;
	int err;

	r = kzalloc(sizeof(*r), GFP_KERNEL);
	if (!r)
		return -ENOMEM;
	r->hoa = *hoa;
	r->cn = ri->cn;
	r->coa = ri->coa;
	r->seen = true;
	x = omipv6_xfrm_state_add(on->net, IPPROTO_DSTOPTS, &r->cn, &r->hoa,
				  &r->coa, 0);
	if (IS_ERR(x)) {
		err = PTR_ERR(x);
		goto err_free;
	}
	r->hao_state = x;
	omipv6_sel_pair(&sel, &r->hoa, &r->cn);
	xp = omipv6_xfrm_policy_add(on->net, XFRM_POLICY_OUT, &sel,
				    OMIPV6_XFRM_PRIO_BINDING, IPPROTO_DSTOPTS,
				    NULL, false);
	if (IS_ERR(xp)) {
		err = PTR_ERR(xp);
		goto err_free;
	}
	r->out_pol = xp;
	list_add_tail(&r->list, &xo->mn_ro);
	return 0;

err_free:
	omipv6_mn_xro_free(r);
	return err;
}

/* Caller holds xo->lock: the wildcard ROUTING state, the IN policy. */
static void omipv6_xfrm_mn_global(struct omipv6_net *on,
				  const struct in6_addr *hoa)
{
	struct omipv6_xfrm *xo = &on->xfrm;
	struct xfrm_selector sel = {};
	struct xfrm_policy *xp;
	struct xfrm_state *x;

	if (!xo->mn_rt_state) {
		x = omipv6_xfrm_state_add(on->net, IPPROTO_ROUTING,
					  &in6addr_any, &in6addr_any,
					  &in6addr_any, XFRM_STATE_WILDRECV);
		if (IS_ERR(x))
			omipv6_xfrm_failed(xo, "wildcard ROUTING state",
					   PTR_ERR(x));
		else
			xo->mn_rt_state = x;
	}
	if (xo->mn_in_pol && !ipv6_addr_equal(&xo->mn_hoa, hoa))
		omipv6_xfrm_policy_del(&xo->mn_in_pol, XFRM_POLICY_IN);
	if (xo->mn_in_pol)
		return;
	sel.family = AF_INET6;
	sel.daddr.in6 = *hoa;
	sel.prefixlen_d = 128;
	xp = omipv6_xfrm_policy_add(on->net, XFRM_POLICY_IN, &sel,
				    OMIPV6_XFRM_PRIO_BU, IPPROTO_ROUTING, NULL,
				    true);
	if (IS_ERR(xp)) {
		omipv6_xfrm_failed(xo, "home address IN policy", PTR_ERR(xp));
		return;
	}
	xo->mn_in_pol = xp;
	xo->mn_hoa = *hoa;
}

/* Caller holds xo->lock: @r's state follows a new care-of address. */
static void omipv6_mn_xro_move(struct omipv6_net *on, struct omipv6_mn_xro *r,
			       const struct in6_addr *coa)
{
	struct xfrm_state *x;

	omipv6_xfrm_state_del(&r->hao_state);
	r->coa = *coa;
	x = omipv6_xfrm_state_add(on->net, IPPROTO_DSTOPTS, &r->cn, &r->hoa,
				  &r->coa, 0);
	if (IS_ERR(x)) {
		omipv6_xfrm_failed(&on->xfrm, "mobile node state", PTR_ERR(x));
		/* Removed below; the next sync tries again. */
		r->seen = false;
		return;
	}
	r->hao_state = x;
}

/*
 * Caller holds xo->lock, MN role on: the wildcard ROUTING state, the IN
 * policy for the home address and one set of objects per correspondent
 * the mobile node has a binding with.
 */
static void omipv6_xfrm_mn_sync(struct omipv6_net *on)
{
	struct omipv6_xfrm *xo = &on->xfrm;
	struct omipv6_mn_xro *r, *tmp;
	struct omipv6_xfrm_ro *ri;
	struct in6_addr hoa;
	unsigned int i, n;
	bool found;
	int err;

	ri = kmalloc_array(OMIPV6_MAX_CNS, sizeof(*ri), GFP_KERNEL);
	if (!ri) {
		omipv6_xfrm_failed(xo, "mobile node states", -ENOMEM);
		return;
	}
	hoa = in6addr_any;
	n = 0;
	if (xo->ops && xo->ops->mn_snapshot)
		n = xo->ops->mn_snapshot(on, &hoa, ri, OMIPV6_MAX_CNS);
	n = min_t(unsigned int, n, OMIPV6_MAX_CNS);
	if (ipv6_addr_any(&hoa)) {
		omipv6_xfrm_mn_remove(xo);
		goto out;
	}
	omipv6_xfrm_mn_global(on, &hoa);

	list_for_each_entry(r, &xo->mn_ro, list)
		r->seen = false;
	for (i = 0; i < n; i++) {
		found = false;
		list_for_each_entry(r, &xo->mn_ro, list) {
			if (!ipv6_addr_equal(&r->cn, &ri[i].cn) ||
			    !ipv6_addr_equal(&r->hoa, &hoa))
				continue;
			found = true;
			r->seen = true;
			if (!ipv6_addr_equal(&r->coa, &ri[i].coa))
				omipv6_mn_xro_move(on, r, &ri[i].coa);
			break;
		}
		if (found)
			continue;
		err = omipv6_mn_xro_create(on, &hoa, &ri[i]);
		if (err)
			omipv6_xfrm_failed(xo, "mobile node state", err);
	}
	list_for_each_entry_safe(r, tmp, &xo->mn_ro, list) {
		if (r->seen)
			continue;
		list_del(&r->list);
		omipv6_mn_xro_free(r);
	}
out:
	kfree(ri);
}

/*
 * Caller holds xo->lock, CN role on: bring the per-binding objects in
 * line with the binding cache.  Returns false when the cache grew
 * beyond the snapshot, so another pass is needed.
 */
static bool omipv6_xfrm_sync_bindings(struct omipv6_net *on)
{
	struct omipv6_xfrm *xo = &on->xfrm;
	unsigned int i, n, total, max;
	struct omipv6_bc_info *bi;
	struct hlist_node *tmp;
	struct omipv6_ro *ro;
	unsigned int bkt;
	bool whole;
	int err;

	max = omipv6_bc_count(on) + 64;
	bi = kvmalloc_array(max, sizeof(*bi), GFP_KERNEL);
	if (!bi) {
		omipv6_xfrm_failed(xo, "binding states", -ENOMEM);
		return true;
	}
	total = omipv6_bc_snapshot(on, bi, max);
	whole = total <= max;
	n = min(total, max);

	xo->gen++;
	for (i = 0; i < n; i++) {
		ro = omipv6_ro_find(xo, &bi[i].hoa, &bi[i].cn);
		if (ro && ipv6_addr_equal(&ro->coa, &bi[i].coa)) {
			ro->gen = xo->gen;
			continue;
		}
		if (ro) {
			/* Moved: new states for the new care-of address. */
			omipv6_ro_states_del(ro);
			ro->coa = bi[i].coa;
			err = omipv6_ro_states_add(on->net, ro);
			if (!err) {
				ro->gen = xo->gen;
				continue;
			}
			hash_del(&ro->node);
			xo->nro--;
			omipv6_ro_free(ro);
		} else {
			err = omipv6_ro_create(on, &bi[i], xo->gen);
		}
		if (err)
			omipv6_xfrm_failed(xo, "binding states", err);
	}

	/* Bindings that are gone; only safe with the whole cache seen. */
	if (whole) {
		hash_for_each_safe(xo->ro, bkt, tmp, ro, node) {
			if (ro->gen == xo->gen)
				continue;
			hash_del(&ro->node);
			xo->nro--;
			omipv6_ro_free(ro);
		}
	}
	kvfree(bi);
	return whole;
}

/**
 * omipv6_xfrm_sync - bring the xfrm objects in line
 * @on: the namespace
 *
 * While the namespace is alive: with the CN or HA role on, the
 * wildcard DSTOPTS state and the BU policy; with the CN role on, one set
 * of objects per binding in the cache, with the binding's care-of
 * address; with the MN role on, the mobile node's objects.  Otherwise
 * none.  A failed install is counted, logged (rate limited) and tried
 * again on the next sync.
 *
 * Context: process; sleeps.  Takes xo->lock.
 */
void omipv6_xfrm_sync(struct omipv6_net *on)
{
	bool dying = READ_ONCE(on->dying);
	bool cn = !dying && READ_ONCE(on->sysctl.role_cn);
	bool ha = !dying && READ_ONCE(on->sysctl.role_ha);
	bool mn = !dying && READ_ONCE(on->sysctl.role_mn);
	struct omipv6_xfrm *xo = &on->xfrm;
	bool again = false;
	int err;

	mutex_lock(&xo->lock);
	if (cn || ha) {
		err = omipv6_xfrm_global_add(on);
		if (err)
			omipv6_xfrm_failed(xo, "wildcard state or BU policy",
					   err);
	} else {
		omipv6_xfrm_global_del(xo);
	}
	if (cn)
		again = !omipv6_xfrm_sync_bindings(on);
	else
		omipv6_xfrm_remove_bindings(xo);
	if (mn)
		omipv6_xfrm_mn_sync(on);
	else
		omipv6_xfrm_mn_remove(xo);
	mutex_unlock(&xo->lock);
	if (again)
		omipv6_xfrm_kick(on);
}

static void omipv6_xfrm_work(struct work_struct *work)
{
	struct omipv6_xfrm *xo = container_of(work, struct omipv6_xfrm, work);

	omipv6_xfrm_sync(container_of(xo, struct omipv6_net, xfrm));
}

/**
 * omipv6_xfrm_kick - have omipv6_xfrm_sync() run soon
 * @on: the namespace
 *
 * Does nothing once the namespace is going away: omipv6_xfrm_exit()
 * removes everything itself.
 *
 * Context: any.
 */
void omipv6_xfrm_kick(struct omipv6_net *on)
{
	if (!READ_ONCE(on->dying))
		schedule_work(&on->xfrm.work);
}

/**
 * omipv6_xfrm_init - no objects yet
 * @on: the namespace, zeroed
 * @ops: the roles' callbacks, valid until omipv6_xfrm_exit(); NULL for
 *	none
 */
void omipv6_xfrm_init(struct omipv6_net *on, const struct omipv6_xfrm_ops *ops)
{
	struct omipv6_xfrm *xo = &on->xfrm;

	xo->ops = ops;
	mutex_init(&xo->lock);
	INIT_WORK(&xo->work, omipv6_xfrm_work);
	hash_init(xo->ro);
	INIT_LIST_HEAD(&xo->mn_ro);
}

/**
 * omipv6_xfrm_exit - delete every object the namespace created
 * @on: the namespace; on->dying is set and no softirq can kick any more
 *
 * Context: process; sleeps.
 */
void omipv6_xfrm_exit(struct omipv6_net *on)
{
	cancel_work_sync(&on->xfrm.work);
	mutex_lock(&on->xfrm.lock);
	omipv6_xfrm_remove_all(&on->xfrm);
	mutex_unlock(&on->xfrm.lock);
	mutex_destroy(&on->xfrm.lock);
}

/*
 * Key manager hooks.  omipv6 only listens for reports: when the input
 * policy check rejects a packet whose Home Address option only the
 * wildcard state let in, mip6_destopt_reject() reports it (rate limited
 * by the kernel per source and destination) with the selector HoA ->
 * CN and the address the packet came from.  omipv6 answers with Binding
 * Error status 1 (RFC 6275 §9.3.1).  acquire and compile_policy have no
 * NULL check in the xfrm core, so they exist and decline.
 */
static int omipv6_xfrm_km_acquire(struct xfrm_state *x, struct xfrm_tmpl *t,
				  struct xfrm_policy *xp)
{
	return -EINVAL;
}

/* Leaves *dir alone: the error of the managers before us stands. */
static struct xfrm_policy *omipv6_xfrm_km_compile(struct sock *sk, int opt,
						  u8 *data, int len, int *dir)
{
	return NULL;
}

/**
 * omipv6_xfrm_km_report - answer a rejected Home Address option
 * @net: the packet's namespace
 * @proto: the xfrm protocol that reports (IPPROTO_DSTOPTS for a HAO)
 * @sel: the packet: saddr is the home address, daddr ours
 * @addr: the address the packet was sent from, or NULL
 *
 * Context: softirq, inside the input policy check, under RCU.
 * Return: 0 when a Binding Error was due, -EINVAL when not ours.
 */
static int omipv6_xfrm_km_report(struct net *net, u8 proto,
				 struct xfrm_selector *sel,
				 xfrm_address_t *addr)
{
	struct omipv6_net *on = omipv6_pernet(net);
	const struct in6_addr *hoa = &sel->saddr.in6, *cn = &sel->daddr.in6;
	const struct in6_addr *from = addr ? &addr->in6 : hoa;
	struct omipv6_bc_info bi;

	if (proto != IPPROTO_DSTOPTS || sel->family != AF_INET6 ||
	    !READ_ONCE(on->sysctl.role_cn) || READ_ONCE(on->dying))
		return -EINVAL;
	if (!omipv6_bc_lookup(on, hoa, cn, &bi) &&
	    ipv6_addr_equal(&bi.coa, from))
		return -EINVAL;
	omipv6_be_send(on, OMIPV6_BE_UNKNOWN_HAO, cn, from, hoa);
	return 0;
}

static struct xfrm_mgr omipv6_xfrm_km = {
	.acquire	= omipv6_xfrm_km_acquire,
	.compile_policy	= omipv6_xfrm_km_compile,
	.report		= omipv6_xfrm_km_report,
};

/**
 * omipv6_xfrm_km_register - start listening for reports
 *
 * Context: module init, after the pernet state exists.
 */
void omipv6_xfrm_km_register(void)
{
	xfrm_register_km(&omipv6_xfrm_km);
}

/**
 * omipv6_xfrm_km_unregister - stop; returns after running reports end
 *
 * Context: module exit, before the pernet state goes.  Sleeps.
 */
void omipv6_xfrm_km_unregister(void)
{
	xfrm_unregister_km(&omipv6_xfrm_km);
}
