// SPDX-License-Identifier: GPL-2.0
/*
 * omipv6: Optimizing Mobile IPv6 (draft-haddad-mipv6-omipv6-01) for the
 * mobile node, home agent and correspondent node roles.
 *
 * Module init registers, in order, the per-netns state, the generic
 * netlink family and the Mobility Header hook; exit undoes them in
 * reverse and then waits for outstanding RCU callbacks, so nothing of
 * the module runs or stays allocated after omipv6_exit() returns.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/rcupdate.h>
#include <net/genetlink.h>
#include <net/net_namespace.h>

#include "omipv6.h"
#include "omipv6_mh.h"
#include "omipv6_netlink.h"
#include "omipv6_proc.h"
#include "omipv6_sysctl.h"

unsigned int omipv6_net_id __read_mostly;

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
	err = omipv6_sysctl_init(on);
	if (err)
		goto err_stats;
	err = omipv6_proc_init(on);
	if (err)
		goto err_sysctl;
	return 0;

err_sysctl:
	omipv6_sysctl_exit(on);
err_stats:
	omipv6_stats_free(on);
err_config:
	omipv6_config_destroy(&on->cfg);
	return err;
}

static void __net_exit omipv6_net_exit(struct net *net)
{
	struct omipv6_net *on = omipv6_pernet(net);

	omipv6_proc_exit(on);
	omipv6_sysctl_exit(on);
	omipv6_config_destroy(&on->cfg);
	omipv6_stats_free(on);
}

static struct pernet_operations omipv6_net_ops = {
	.init	= omipv6_net_init,
	.exit	= omipv6_net_exit,
	.id	= &omipv6_net_id,
	.size	= sizeof(struct omipv6_net),
};

static int __init omipv6_init(void)
{
	int err;

	err = register_pernet_subsys(&omipv6_net_ops);
	if (err)
		return err;
	err = omipv6_genl_init();
	if (err)
		goto err_pernet;
	err = omipv6_mh_init();
	if (err)
		goto err_genl;

	pr_info("loaded\n");
	return 0;

err_genl:
	omipv6_genl_exit();
err_pernet:
	unregister_pernet_subsys(&omipv6_net_ops);
	rcu_barrier();
	return err;
}

static void __exit omipv6_exit(void)
{
	omipv6_mh_exit();
	omipv6_genl_exit();
	unregister_pernet_subsys(&omipv6_net_ops);
	rcu_barrier();
	pr_info("unloaded\n");
}

module_init(omipv6_init);
module_exit(omipv6_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Optimizing Mobile IPv6 (OMIPv6) mobile node, home agent and correspondent node");
MODULE_ALIAS_GENL_FAMILY(OMIPV6_GENL_NAME);
