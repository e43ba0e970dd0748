// SPDX-License-Identifier: GPL-2.0
/* PLACEHOLDER: mobile node, see include/omipv6_mn.h */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/seq_file.h>

#include "omipv6.h"
#include "omipv6_cn.h"
#include "omipv6_mn.h"

int omipv6_mn_init(struct omipv6_net *on) { return 0; }
void omipv6_mn_exit(struct omipv6_net *on) { }
int omipv6_mn_notifiers_init(void) { return 0; }
void omipv6_mn_notifiers_exit(void) { }
void omipv6_mn_role_changed(struct omipv6_net *on) { }
void omipv6_mn_config_changed(struct omipv6_net *on) { }
bool omipv6_mn_rcv(struct omipv6_rx *rx) { return false; }
int omipv6_mn_move(struct omipv6_net *on, int ifindex,
		   struct netlink_ext_ack *extack) { return -EOPNOTSUPP; }
bool omipv6_mn_away(struct omipv6_net *on, struct omipv6_mn_loc *loc) { return false; }
void omipv6_mn_seq_show(struct seq_file *seq, struct omipv6_net *on) { }
