/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Mobile node: movement detection and what a movement starts
 * (omipv6_mn_move.c), for the state machine (omipv6_mn.c), which holds
 * mn->mutex.  omipv6_mn_locate() runs in process context without
 * mn->lock (it takes RCU and each idev->lock); omipv6_mn_moved() with
 * cfg->lock and mn->lock held.
 */
#ifndef _OMIPV6_MN_MOVE_H
#define _OMIPV6_MN_MOVE_H

#include <linux/types.h>

struct net;
struct omipv6_config;
struct omipv6_mn;
struct omipv6_mn_found;
struct omipv6_mn_ho_cn;
struct in6_addr;

void omipv6_mn_locate(struct net *net, const struct in6_addr *hoa,
		      int pref, struct omipv6_mn_found *out);
void omipv6_mn_moved(struct omipv6_mn *mn,
		     const struct omipv6_config *cfg,
		     const struct omipv6_mn_found *f, u64 start,
		     struct omipv6_mn_ho_cn *ho_cns, unsigned int ho_n,
		     struct omipv6_mn_ho_cn **old_cns,
		     unsigned long now);

#endif /* _OMIPV6_MN_MOVE_H */
