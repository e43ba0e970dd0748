// SPDX-License-Identifier: GPL-2.0
/*
 * omipv6: Optimizing Mobile IPv6 (draft-haddad-mipv6-omipv6-01) for the
 * mobile node, home agent and correspondent node roles.
 *
 * Module init allocates the keyed-hash transforms (omipv6_hmac.c), then
 * those of return routability and the DH layer, the OMIPv6 exchange's
 * workqueue and the bindings' slab cache, then registers, in
 * order, the per-netns state, the generic netlink family, the xfrm key
 * manager (Home Address option reports), the IPv6-in-IPv6 tunnel
 * handler, the mobile node's address and device notifiers and the
 * Mobility Header hook; exit undoes them in reverse, waiting for
 * outstanding RCU callbacks before it frees the transforms, so nothing of
 * the module runs or stays allocated after omipv6_exit() returns.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/rcupdate.h>
#include <net/genetlink.h>
#include <net/net_namespace.h>

#include "omipv6.h"
#include "omipv6_bench.h"
#include "omipv6_cn.h"
#include "omipv6_cn_omi.h"
#include "omipv6_dh.h"
#include "omipv6_ha.h"
#include "omipv6_hmac.h"
#include "omipv6_mh.h"
#include "omipv6_mn.h"
#include "omipv6_netlink.h"
#include "omipv6_proc.h"
#include "omipv6_rr.h"
#include "omipv6_sysctl.h"
#include "omipv6_tunnel.h"
#include "omipv6_xfrm.h"

unsigned int omipv6_net_id __read_mostly;

/* How the mechanisms below the roles learn what the roles hold. */
static const struct omipv6_tunnel_ops omipv6_tunnel_roles = {
	.ha_lookup	= omipv6_ha_tunnel_lookup,
	.mn_lookup	= omipv6_mn_tunnel_lookup,
};

static const struct omipv6_xfrm_ops omipv6_xfrm_roles = {
	.mn_snapshot	= omipv6_mn_ro_snapshot,
};

static int __net_init omipv6_net_init(struct net *net)
{
	struct omipv6_net *on = omipv6_pernet(net);
	int err;

	on->net = net;
	omipv6_config_init(&on->cfg);
	omipv6_sysctl_defaults(on);

	err = omipv6_stats_init(on);
	if (err)
		goto err_config;
	omipv6_be_init(&on->be_limit);
	omipv6_xfrm_init(on, &omipv6_xfrm_roles);
	err = omipv6_cn_init(on);
	if (err)
		goto err_stats;
	err = omipv6_bc_init(on, omipv6_xfrm_sync);
	if (err)
		goto err_cn;
	err = omipv6_sa_net_init(on);
	if (err)
		goto err_bc;
	omipv6_ratelimit_init(&on->dh_rl);
	err = omipv6_omi_net_init(on);
	if (err)
		goto err_sa;
	err = omipv6_ha_init(on);
	if (err)
		goto err_omi;
	err = omipv6_mn_init(on);
	if (err)
		goto err_ha;
	err = omipv6_tunnel_net_init(on, &omipv6_tunnel_roles);
	if (err)
		goto err_mn;
	err = omipv6_proc_init(on);
	if (err)
		goto err_tunnel;
	err = omipv6_sysctl_init(on);
	if (err)
		goto err_proc;
	omipv6_bench_net_init(on);
	return 0;

err_proc:
	omipv6_proc_exit(on);
err_tunnel:
	omipv6_tunnel_net_exit(on);
err_mn:
	omipv6_mn_exit(on);
err_ha:
	omipv6_ha_exit(on);
err_omi:
	omipv6_omi_net_exit(on);
err_sa:
	omipv6_ratelimit_exit(&on->dh_rl);
	omipv6_sa_net_exit(on);
err_bc:
	omipv6_bc_exit(on);
err_cn:
	omipv6_cn_exit(on);
err_stats:
	omipv6_stats_free(on);
err_config:
	omipv6_config_destroy(&on->cfg);
	return err;
}

/*
 * The pernet core waits for an RCU grace period between pre_exit and
 * exit: once omipv6_net_exit() runs, no IPPROTO_MH handler that saw
 * dying clear is still running, so nothing queues work any more.
 */
static void __net_exit omipv6_net_pre_exit(struct net *net)
{
	WRITE_ONCE(omipv6_pernet(net)->dying, true);
}

/*
 * The user interfaces go first (the benchmark hook, then sysctl and
 * /proc, the reverse of init), then the data-path hooks, then the
 * mobile node (its work sends messages, syncs xfrm and installs SAs)
 * and the home agent, then the correspondent's OMIPv6 exchanges (their
 * work installs SAs), the SAs and the DH1 rate limit, then the bindings
 * (their expiry work may still sync xfrm), then every xfrm object the
 * namespace created, then the nonces.
 */
static void __net_exit omipv6_net_exit(struct net *net)
{
	struct omipv6_net *on = omipv6_pernet(net);

	omipv6_bench_net_exit(on);
	omipv6_sysctl_exit(on);
	omipv6_proc_exit(on);
	omipv6_tunnel_net_exit(on);
	omipv6_mn_exit(on);
	omipv6_ha_exit(on);
	omipv6_omi_net_exit(on);
	omipv6_ratelimit_exit(&on->dh_rl);
	omipv6_sa_net_exit(on);
	omipv6_bc_exit(on);
	omipv6_xfrm_exit(on);
	omipv6_cn_exit(on);
	omipv6_config_destroy(&on->cfg);
	omipv6_stats_free(on);
}

static struct pernet_operations omipv6_net_ops = {
	.init		= omipv6_net_init,
	.pre_exit	= omipv6_net_pre_exit,
	.exit		= omipv6_net_exit,
	.id		= &omipv6_net_id,
	.size		= sizeof(struct omipv6_net),
};

static int __init omipv6_init(void)
{
	int err;

	err = omipv6_hmac_init();
	if (err)
		return err;
	err = omipv6_rr_init();
	if (err)
		goto err_hmac;
	err = omipv6_dh_init();
	if (err)
		goto err_rr;
	err = omipv6_omi_init();
	if (err)
		goto err_dh;
	err = omipv6_bc_module_init();
	if (err)
		goto err_omi;
	err = omipv6_bench_init();
	if (err)
		goto err_bc;
	err = register_pernet_subsys(&omipv6_net_ops);
	if (err)
		goto err_bench;
	err = omipv6_genl_init();
	if (err)
		goto err_pernet;
	omipv6_xfrm_km_register();
	err = omipv6_tunnel_init();
	if (err)
		goto err_km;
	err = omipv6_mn_notifiers_init();
	if (err)
		goto err_tunnel;
	err = omipv6_mh_init();
	if (err)
		goto err_notifiers;

	pr_info("loaded\n");
	return 0;

err_notifiers:
	omipv6_mn_notifiers_exit();
err_tunnel:
	omipv6_tunnel_exit();
err_km:
	omipv6_xfrm_km_unregister();
	omipv6_genl_exit();
err_pernet:
	unregister_pernet_subsys(&omipv6_net_ops);
	rcu_barrier();
err_bench:
	omipv6_bench_exit();
err_bc:
	omipv6_bc_module_exit();
err_omi:
	omipv6_omi_exit();
err_dh:
	omipv6_dh_exit();
err_rr:
	omipv6_rr_exit();
err_hmac:
	omipv6_hmac_exit();
	return err;
}

static void __exit omipv6_exit(void)
{
	omipv6_mh_exit();
	omipv6_mn_notifiers_exit();
	omipv6_tunnel_exit();
	omipv6_xfrm_km_unregister();
	omipv6_genl_exit();
	unregister_pernet_subsys(&omipv6_net_ops);
	rcu_barrier();
	omipv6_bench_exit();
	omipv6_bc_module_exit();
	omipv6_omi_exit();
	omipv6_dh_exit();
	omipv6_rr_exit();
	omipv6_hmac_exit();
	pr_info("unloaded\n");
}

module_init(omipv6_init);
module_exit(omipv6_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Optimizing Mobile IPv6 (OMIPv6) mobile node, home agent and correspondent node");
MODULE_ALIAS_GENL_FAMILY(OMIPV6_GENL_NAME);
