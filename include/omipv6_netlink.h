/* SPDX-License-Identifier: GPL-2.0 */
/* The "omipv6" generic netlink family; see include/uapi/linux/omipv6.h. */
#ifndef _OMIPV6_NETLINK_H
#define _OMIPV6_NETLINK_H

#include <linux/types.h>

struct in6_addr;
struct net;

int omipv6_genl_init(void);
void omipv6_genl_exit(void);

/*
 * Multicast an OMIPV6_CMD_EVENT (include/uapi/linux/omipv6.h) to the
 * "events" group of @net's listeners; implemented by the generic
 * netlink family (omipv6_netlink.c).  Context: process or softirq.
 */
void omipv6_genl_event(struct net *net, u8 type, const struct in6_addr *hoa,
		       const struct in6_addr *cn);

#endif /* _OMIPV6_NETLINK_H */
