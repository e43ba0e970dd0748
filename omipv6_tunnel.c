// SPDX-License-Identifier: GPL-2.0
/* PLACEHOLDER: tunnel data path, see include/omipv6_tunnel.h */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/skbuff.h>

#include "omipv6.h"
#include "omipv6_tunnel.h"

int omipv6_tunnel_init(void) { return 0; }
void omipv6_tunnel_exit(void) { }
int omipv6_tunnel_net_init(struct omipv6_net *on) { return 0; }
void omipv6_tunnel_net_exit(struct omipv6_net *on) { }
int omipv6_tunnel_xmit(struct omipv6_net *on, struct sk_buff *skb,
		       const struct in6_addr *src,
		       const struct in6_addr *dst) { kfree_skb(skb); return -EOPNOTSUPP; }
