// SPDX-License-Identifier: GPL-2.0
/* PLACEHOLDER: home agent, see include/omipv6_ha.h */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/seq_file.h>
#include <linux/skbuff.h>

#include "omipv6.h"
#include "omipv6_cn.h"
#include "omipv6_ha.h"

int omipv6_ha_init(struct omipv6_net *on) { return 0; }
void omipv6_ha_exit(struct omipv6_net *on) { }
void omipv6_ha_role_changed(struct omipv6_net *on) { }
int omipv6_ha_mn_add(struct omipv6_net *on, const struct in6_addr *hoa,
		     u32 spi, const u8 *key, unsigned int key_len,
		     struct netlink_ext_ack *extack) { return -EOPNOTSUPP; }
int omipv6_ha_mn_del(struct omipv6_net *on, const struct in6_addr *hoa,
		     struct netlink_ext_ack *extack) { return -ENOENT; }
void omipv6_ha_mn_flush(struct omipv6_net *on) { }
void omipv6_ha_bu_rcv(struct omipv6_rx *rx) { }
bool omipv6_ha_route(struct omipv6_net *on, const struct in6_addr *hoa,
		     struct omipv6_ha_route *out) { return false; }
void omipv6_ha_seq_show(struct seq_file *seq, struct omipv6_net *on) { }
