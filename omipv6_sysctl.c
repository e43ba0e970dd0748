// SPDX-License-Identifier: GPL-2.0
/*
 * net.omipv6.* sysctls, one table per network namespace.
 *
 * Every entry is range checked by proc_dointvec_minmax(): a write
 * outside the range fails with -EINVAL and the old value stays.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/slab.h>
#include <linux/sysctl.h>
#include <net/net_namespace.h>

#include "omipv6.h"
#include "omipv6_cn.h"
#include "omipv6_ha.h"
#include "omipv6_mn.h"
#include "omipv6_sysctl.h"

static int omipv6_rekey_max = OMIPV6_MAX_REKEY_INTERVAL;
static int omipv6_group_min = OMIPV6_GROUP_FFDHE2048;
static int omipv6_group_max = OMIPV6_GROUP_X25519;
static int omipv6_window_min = OMIPV6_MIN_DH2_WINDOW_MS;
static int omipv6_window_max = OMIPV6_MAX_DH2_WINDOW_MS;
static int omipv6_holddown_max = OMIPV6_MAX_OMI_HOLDDOWN;

/*
 * net.omipv6.{mn,ha,cn}: after a write that changes the value, the
 * role's state (bindings, registrations) and the namespace's xfrm
 * objects, which depend on all three roles, follow it before the write
 * returns.
 */
static int omipv6_sysctl_role(struct ctl_table *table, int write,
			      void *buffer, size_t *lenp, loff_t *ppos,
			      struct omipv6_net *on,
			      void (*changed)(struct omipv6_net *on))
{
	int old = READ_ONCE(*(int *)table->data);
	int err;

	err = proc_dointvec_minmax(table, write, buffer, lenp, ppos);
	if (!err && write && READ_ONCE(*(int *)table->data) != old) {
		changed(on);
		omipv6_xfrm_sync(on);
	}
	return err;
}

static int omipv6_sysctl_mn(struct ctl_table *table, int write,
			    void *buffer, size_t *lenp, loff_t *ppos)
{
	return omipv6_sysctl_role(table, write, buffer, lenp, ppos,
				  container_of(table->data, struct omipv6_net,
					       sysctl.role_mn),
				  omipv6_mn_role_changed);
}

static int omipv6_sysctl_ha(struct ctl_table *table, int write,
			    void *buffer, size_t *lenp, loff_t *ppos)
{
	return omipv6_sysctl_role(table, write, buffer, lenp, ppos,
				  container_of(table->data, struct omipv6_net,
					       sysctl.role_ha),
				  omipv6_ha_role_changed);
}

static int omipv6_sysctl_cn(struct ctl_table *table, int write,
			    void *buffer, size_t *lenp, loff_t *ppos)
{
	return omipv6_sysctl_role(table, write, buffer, lenp, ppos,
				  container_of(table->data, struct omipv6_net,
					       sysctl.role_cn),
				  omipv6_cn_role_changed);
}

/*
 * net.omipv6.omi and rekey_interval: after a write that changes the
 * value, the mobile node's run looks at its exchanges and rekey
 * deadlines again (it is queued, not waited for).  The correspondent
 * node reads both per message.
 */
static int omipv6_sysctl_kick(struct ctl_table *table, int write,
			      void *buffer, size_t *lenp, loff_t *ppos,
			      struct omipv6_net *on)
{
	int old = READ_ONCE(*(int *)table->data);
	int err;

	err = proc_dointvec_minmax(table, write, buffer, lenp, ppos);
	if (!err && write && READ_ONCE(*(int *)table->data) != old)
		omipv6_mn_config_changed(on);
	return err;
}

static int omipv6_sysctl_omi(struct ctl_table *table, int write,
			     void *buffer, size_t *lenp, loff_t *ppos)
{
	return omipv6_sysctl_kick(table, write, buffer, lenp, ppos,
				  container_of(table->data, struct omipv6_net,
					       sysctl.omi));
}

static int omipv6_sysctl_rekey(struct ctl_table *table, int write,
			       void *buffer, size_t *lenp, loff_t *ppos)
{
	return omipv6_sysctl_kick(table, write, buffer, lenp, ppos,
				  container_of(table->data, struct omipv6_net,
					       sysctl.rekey_interval));
}

enum {
	OMIPV6_SYSCTL_MN,
	OMIPV6_SYSCTL_HA,
	OMIPV6_SYSCTL_CN,
	OMIPV6_SYSCTL_REKEY,
	OMIPV6_SYSCTL_OMI,
	OMIPV6_SYSCTL_DH_GROUP,
	OMIPV6_SYSCTL_DH2_WINDOW,
	OMIPV6_SYSCTL_REKEY_ON_MOVE,
	OMIPV6_SYSCTL_PARALLEL_CN_BU,
	OMIPV6_SYSCTL_OMI_HOLDDOWN,
	OMIPV6_SYSCTL_COUNT
};

/* Template; .data is pointed at the namespace's values before use. */
static struct ctl_table omipv6_sysctl_template[OMIPV6_SYSCTL_COUNT + 1] = {
	[OMIPV6_SYSCTL_MN] = {
		.procname	= "mn",
		.maxlen		= sizeof(int),
		.mode		= 0644,
		.proc_handler	= omipv6_sysctl_mn,
		.extra1		= SYSCTL_ZERO,
		.extra2		= SYSCTL_ONE,
	},
	[OMIPV6_SYSCTL_HA] = {
		.procname	= "ha",
		.maxlen		= sizeof(int),
		.mode		= 0644,
		.proc_handler	= omipv6_sysctl_ha,
		.extra1		= SYSCTL_ZERO,
		.extra2		= SYSCTL_ONE,
	},
	[OMIPV6_SYSCTL_CN] = {
		.procname	= "cn",
		.maxlen		= sizeof(int),
		.mode		= 0644,
		.proc_handler	= omipv6_sysctl_cn,
		.extra1		= SYSCTL_ZERO,
		.extra2		= SYSCTL_ONE,
	},
	[OMIPV6_SYSCTL_REKEY] = {
		.procname	= "rekey_interval",
		.maxlen		= sizeof(int),
		.mode		= 0644,
		.proc_handler	= omipv6_sysctl_rekey,
		.extra1		= SYSCTL_ZERO,
		.extra2		= &omipv6_rekey_max,
	},
	[OMIPV6_SYSCTL_OMI] = {
		.procname	= "omi",
		.maxlen		= sizeof(int),
		.mode		= 0644,
		.proc_handler	= omipv6_sysctl_omi,
		.extra1		= SYSCTL_ZERO,
		.extra2		= SYSCTL_ONE,
	},
	[OMIPV6_SYSCTL_DH_GROUP] = {
		.procname	= "dh_group",
		.maxlen		= sizeof(int),
		.mode		= 0644,
		.proc_handler	= proc_dointvec_minmax,
		.extra1		= &omipv6_group_min,
		.extra2		= &omipv6_group_max,
	},
	[OMIPV6_SYSCTL_DH2_WINDOW] = {
		.procname	= "dh2_window_ms",
		.maxlen		= sizeof(int),
		.mode		= 0644,
		.proc_handler	= proc_dointvec_minmax,
		.extra1		= &omipv6_window_min,
		.extra2		= &omipv6_window_max,
	},
	[OMIPV6_SYSCTL_REKEY_ON_MOVE] = {
		.procname	= "rekey_on_move",
		.maxlen		= sizeof(int),
		.mode		= 0644,
		.proc_handler	= proc_dointvec_minmax,
		.extra1		= SYSCTL_ZERO,
		.extra2		= SYSCTL_ONE,
	},
	/* Read by the mobile node at each movement; see omipv6_mn_move.c. */
	[OMIPV6_SYSCTL_PARALLEL_CN_BU] = {
		.procname	= "parallel_cn_bu",
		.maxlen		= sizeof(int),
		.mode		= 0644,
		.proc_handler	= proc_dointvec_minmax,
		.extra1		= SYSCTL_ZERO,
		.extra2		= SYSCTL_TWO,
	},
	/* Read by the mobile node at each hold-down; see omipv6_mn_omi.c. */
	[OMIPV6_SYSCTL_OMI_HOLDDOWN] = {
		.procname	= "omi_holddown",
		.maxlen		= sizeof(int),
		.mode		= 0644,
		.proc_handler	= proc_dointvec_minmax,
		.extra1		= SYSCTL_ONE,
		.extra2		= &omipv6_holddown_max,
	},
	{}
};

void omipv6_sysctl_defaults(struct omipv6_net *on)
{
	on->sysctl.role_mn = 0;
	on->sysctl.role_ha = 0;
	on->sysctl.role_cn = 0;
	on->sysctl.rekey_interval = OMIPV6_DEFAULT_REKEY_INTERVAL;
	on->sysctl.omi = OMIPV6_DEFAULT_OMI;
	on->sysctl.dh_group = OMIPV6_DEFAULT_DH_GROUP;
	on->sysctl.dh2_window_ms = OMIPV6_DEFAULT_DH2_WINDOW_MS;
	on->sysctl.rekey_on_move = 0;
	on->sysctl.parallel_cn_bu = OMIPV6_DEFAULT_PARALLEL_CN_BU;
	on->sysctl.omi_holddown = OMIPV6_DEFAULT_OMI_HOLDDOWN;
}

int omipv6_sysctl_init(struct omipv6_net *on)
{
	struct ctl_table *table;

	table = kmemdup(omipv6_sysctl_template, sizeof(omipv6_sysctl_template),
			GFP_KERNEL);
	if (!table)
		return -ENOMEM;

	table[OMIPV6_SYSCTL_MN].data = &on->sysctl.role_mn;
	table[OMIPV6_SYSCTL_HA].data = &on->sysctl.role_ha;
	table[OMIPV6_SYSCTL_CN].data = &on->sysctl.role_cn;
	table[OMIPV6_SYSCTL_REKEY].data = &on->sysctl.rekey_interval;
	table[OMIPV6_SYSCTL_OMI].data = &on->sysctl.omi;
	table[OMIPV6_SYSCTL_DH_GROUP].data = &on->sysctl.dh_group;
	table[OMIPV6_SYSCTL_DH2_WINDOW].data = &on->sysctl.dh2_window_ms;
	table[OMIPV6_SYSCTL_REKEY_ON_MOVE].data = &on->sysctl.rekey_on_move;
	table[OMIPV6_SYSCTL_PARALLEL_CN_BU].data = &on->sysctl.parallel_cn_bu;
	table[OMIPV6_SYSCTL_OMI_HOLDDOWN].data = &on->sysctl.omi_holddown;

	on->sysctl_hdr = register_net_sysctl(on->net, "net/omipv6", table);
	if (!on->sysctl_hdr) {
		kfree(table);
		return -ENOMEM;
	}
	return 0;
}

void omipv6_sysctl_exit(struct omipv6_net *on)
{
	struct ctl_table *table = on->sysctl_hdr->ctl_table_arg;

	unregister_net_sysctl_table(on->sysctl_hdr);
	on->sysctl_hdr = NULL;
	kfree(table);
}
