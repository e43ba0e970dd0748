/* SPDX-License-Identifier: GPL-2.0 */
/*
 * omipv6 per network namespace state.
 *
 * One struct omipv6_net exists for every network namespace while the
 * module is loaded.  It is allocated and zeroed by the pernet core,
 * filled in by omipv6_net_init() and torn down by omipv6_net_exit();
 * packet handlers reach it through omipv6_pernet(dev_net(skb->dev)).
 */
#ifndef _OMIPV6_H
#define _OMIPV6_H

#include <net/net_namespace.h>
#include <net/netns/generic.h>

#include "omipv6_bc.h"
#include "omipv6_be.h"
#include "omipv6_config.h"
#include "omipv6_nonce.h"
#include "omipv6_ratelimit.h"
#include "omipv6_sa.h"
#include "omipv6_stats.h"
#include "omipv6_xfrm.h"

struct omipv6_ha;
struct omipv6_mn;
struct omipv6_omi;
struct omipv6_tunnel_ops;

/*
 * Values behind net.omipv6.*; written by the sysctl core, read with
 * READ_ONCE() anywhere.
 */
struct omipv6_sysctl {
	int role_mn;
	int role_ha;
	int role_cn;
	int rekey_interval;
	int omi;
	int dh_group;
	int dh2_window_ms;
	int rekey_on_move;
	int parallel_cn_bu;
	int omi_holddown;
};

/*
 * @dying is set by the pernet pre_exit hook; after the RCU grace period
 * that follows, no packet handler runs for the namespace any more and
 * no work item is queued for it.
 */
struct omipv6_net {
	struct net *net;
	struct omipv6_sysctl sysctl;
	struct ctl_table_header *sysctl_hdr;
	struct omipv6_stats __percpu *stats;
	struct omipv6_config cfg;
	bool dying;
	struct omipv6_nonce_ring nonces;
	struct omipv6_bc bc;
	struct omipv6_xfrm xfrm;
	struct omipv6_be_limit be_limit;
	struct omipv6_ha *ha;
	struct omipv6_mn *mn;
	const struct omipv6_tunnel_ops *tun_ops;
	bool tun_hooks;
	struct omipv6_sa_table sat;
	struct omipv6_ratelimit dh_rl;
	struct omipv6_omi *omi;
};

extern unsigned int omipv6_net_id;

static inline struct omipv6_net *omipv6_pernet(const struct net *net)
{
	return net_generic(net, omipv6_net_id);
}

#endif /* _OMIPV6_H */
