/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Route-optimization xfrm states and policies of the correspondent
 * node, the home agent and the mobile node (RFC 6275 §9.3, §11.3: what
 * Linux's MIPv6 xfrm types need to add and accept the Home Address
 * option and the type 2 routing header).
 *
 * While net.omipv6.cn or net.omipv6.ha is 1 a namespace holds a
 * wildcard DSTOPTS state (so a first BU with a Home Address option gets
 * in) and an IN policy for MH type BU with an optional DSTOPTS
 * template.  With the CN role, per binding a ROUTING state CN -> HoA
 * with the care-of address and an OUT policy using it, and a DSTOPTS
 * state HoA -> CN with an IN policy.
 *
 * While net.omipv6.mn is 1: a wildcard ROUTING state and an IN policy
 * for the home address with an optional ROUTING template, so packets
 * with a type 2 routing header (BAs, route-optimized data) get in; per
 * correspondent node the mobile node has a binding with, a DSTOPTS
 * state HoA -> CN with the care-of address and an OUT policy HoA/128 ->
 * CN/128 using it (data leaves from the care-of address with a Home
 * Address option).  The mobile node role says which through
 * struct omipv6_xfrm_ops; this file calls no role directly.
 *
 * Everything is installed and removed in process context by
 * omipv6_xfrm_sync(), under xo->lock, which reconciles the objects with
 * the role sysctl and the binding cache.  Softirq code (BU processing,
 * binding expiry) only calls omipv6_xfrm_kick(), which queues the sync
 * as a work item: xfrm_policy_alloc() with GFP_KERNEL and the type
 * lookup of __xfrm_init_state() are not for softirq context, and a
 * binding's data path may trail its BA by the time it takes the work to
 * run.  The module holds a reference on each object it created and
 * deletes exactly those; inserts are exclusive, so an equal policy that
 * someone else owns makes ours fail rather than being replaced.
 *
 * The module also registers an xfrm key manager that only takes
 * reports: a packet with a Home Address option that the input policy
 * check rejects (no binding for that home address and care-of address)
 * is answered with Binding Error status 1.
 */
#ifndef _OMIPV6_XFRM_H
#define _OMIPV6_XFRM_H

#include <linux/hashtable.h>
#include <linux/in6.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/types.h>
#include <linux/workqueue.h>

struct omipv6_net;
struct xfrm_policy;
struct xfrm_state;

#define OMIPV6_XFRM_HASH_BITS	8

/**
 * struct omipv6_xfrm_ro - a correspondent node the mobile node has a
 *	route-optimized binding with
 * @cn: correspondent address
 * @coa: care-of address of the binding the CN accepted
 */
struct omipv6_xfrm_ro {
	struct in6_addr cn;
	struct in6_addr coa;
};

/**
 * struct omipv6_xfrm_ops - what the mobile node role wants installed
 * @mn_snapshot: copies the home address into @hoa (:: when the role is
 *	off) and up to @max route-optimized bindings into @out; returns
 *	how many there are, which may exceed @max.  Called by
 *	omipv6_xfrm_sync() in process context with xo->lock held; must
 *	not sleep or call back into this file.
 *
 * Given to omipv6_xfrm_init(); NULL (or a NULL member) means no mobile
 * node objects.
 */
struct omipv6_xfrm_ops {
	unsigned int (*mn_snapshot)(struct omipv6_net *on, struct in6_addr *hoa,
				    struct omipv6_xfrm_ro *out,
				    unsigned int max);
};

/**
 * struct omipv6_xfrm - a namespace's route-optimization objects
 * @ops: the roles' callbacks, from omipv6_xfrm_init(); may be NULL
 * @lock: serialises omipv6_xfrm_sync(); protects everything below
 * @work: runs omipv6_xfrm_sync()
 * @wild_state: wildcard DSTOPTS state, or NULL
 * @bu_policy: IN policy for MH BU, or NULL
 * @ro: struct omipv6_ro per binding that has objects
 * @nro: entries in @ro
 * @gen: sync generation, marks the @ro entries a sync found bindings for
 * @failed: installs that failed since the namespace came up
 * @mn_rt_state: mobile node's wildcard ROUTING state, or NULL
 * @mn_in_pol: mobile node's IN policy for @mn_hoa, or NULL
 * @mn_hoa: home address of @mn_in_pol
 * @mn_ro: struct omipv6_mn_xro per correspondent node of the MN
 */
struct omipv6_xfrm {
	const struct omipv6_xfrm_ops *ops;
	struct mutex lock;	/* see above */
	struct work_struct work;
	struct xfrm_state *wild_state;
	struct xfrm_policy *bu_policy;
	DECLARE_HASHTABLE(ro, OMIPV6_XFRM_HASH_BITS);
	unsigned int nro;
	unsigned long gen;
	unsigned int failed;
	struct xfrm_state *mn_rt_state;
	struct xfrm_policy *mn_in_pol;
	struct in6_addr mn_hoa;
	struct list_head mn_ro;
};

void omipv6_xfrm_init(struct omipv6_net *on, const struct omipv6_xfrm_ops *ops);
void omipv6_xfrm_exit(struct omipv6_net *on);
void omipv6_xfrm_sync(struct omipv6_net *on);
void omipv6_xfrm_kick(struct omipv6_net *on);

void omipv6_xfrm_km_register(void);
void omipv6_xfrm_km_unregister(void);

#endif /* _OMIPV6_XFRM_H */
