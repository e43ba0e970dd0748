// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/net/omipv6: per-netns roles, configuration summary, message,
 * drop and event counters, the correspondent node's bindings, the home
 * agent's mobile nodes, the mobile node's state, the Kabm security
 * associations and the OMIPv6 exchanges.
 * Each line starts with a record name followed by space separated
 * key=value pairs; README.md documents every field.  Key material is
 * never printed: the MN-HA key shows only as set or unset, and bindings,
 * SAs and exchanges show addresses, epochs and states, never a key.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <net/ipv6.h>

#include "omipv6.h"
#include "omipv6_bc.h"
#include "omipv6_cn_omi.h"
#include "omipv6_ha.h"
#include "omipv6_mn.h"
#include "omipv6_proc.h"
#include "omipv6_sa.h"

#define OMIPV6_PROC_VERSION	1

static void omipv6_proc_addr(struct seq_file *seq, const char *key,
			     const struct in6_addr *addr)
{
	if (ipv6_addr_any(addr))
		seq_printf(seq, " %s=-", key);
	else
		seq_printf(seq, " %s=%pI6c", key, addr);
}

static void omipv6_proc_slots(struct seq_file *seq, const char *name,
			      const unsigned long *v)
{
	int i;

	seq_puts(seq, name);
	for (i = 0; i < OMIPV6_SLOT_MAX; i++)
		seq_printf(seq, " %s=%lu", omipv6_mh_slot_name(i), v[i]);
	seq_putc(seq, '\n');
}

static int omipv6_proc_show(struct seq_file *seq, void *v)
{
	struct omipv6_net *on = omipv6_pernet(seq_file_single_net(seq));
	struct omipv6_config *cfg = &on->cfg;
	struct omipv6_stats sum;
	int i;

	seq_printf(seq, "version %d\n", OMIPV6_PROC_VERSION);
	seq_printf(seq, "roles mn=%d ha=%d cn=%d\n",
		   READ_ONCE(on->sysctl.role_mn),
		   READ_ONCE(on->sysctl.role_ha),
		   READ_ONCE(on->sysctl.role_cn));

	mutex_lock(&cfg->lock);
	seq_puts(seq, "config");
	omipv6_proc_addr(seq, "home", &cfg->hoa);
	omipv6_proc_addr(seq, "ha", &cfg->ha);
	seq_printf(seq, " spi=%u mnha_key=%s cns=%u\n", cfg->spi,
		   cfg->key_len ? "set" : "unset", cfg->ncns);
	mutex_unlock(&cfg->lock);

	omipv6_stats_sum(on, &sum);
	omipv6_proc_slots(seq, "rx", sum.rx);
	omipv6_proc_slots(seq, "tx", sum.tx);
	seq_puts(seq, "drop");
	for (i = 0; i < OMIPV6_DROP_MAX; i++)
		seq_printf(seq, " %s=%lu", omipv6_drop_name(i), sum.drop[i]);
	seq_putc(seq, '\n');
	seq_puts(seq, "event");
	for (i = 0; i < OMIPV6_EV_MAX; i++)
		seq_printf(seq, " %s=%lu", omipv6_event_name(i), sum.event[i]);
	seq_putc(seq, '\n');
	omipv6_bc_seq_show(seq, on);
	omipv6_ha_seq_show(seq, on);
	omipv6_mn_seq_show(seq, on);
	omipv6_sa_seq_show(seq, on);
	omipv6_omi_seq_show(seq, on);
	return 0;
}

int omipv6_proc_init(struct omipv6_net *on)
{
	if (!proc_create_net_single("omipv6", 0444, on->net->proc_net,
				    omipv6_proc_show, NULL))
		return -ENOMEM;
	return 0;
}

void omipv6_proc_exit(struct omipv6_net *on)
{
	remove_proc_entry("omipv6", on->net->proc_net);
}
