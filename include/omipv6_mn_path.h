/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Mobile node: the location the data path and the xfrm objects follow
 * (omipv6_mn_path.c).  omipv6_mn_publish() is called with mn->lock
 * held; the readers, omipv6_mn_tunnel_lookup() and
 * omipv6_mn_ro_snapshot(), are declared in omipv6_mn.h for the
 * mechanisms' ops tables.
 */
#ifndef _OMIPV6_MN_PATH_H
#define _OMIPV6_MN_PATH_H

#include <linux/types.h>

#include "omipv6_mn_state.h"

struct in6_addr;
struct omipv6_mn;

void omipv6_mn_publish(struct omipv6_mn *mn,
		       enum omipv6_mn_where where,
		       const struct in6_addr *coa,
		       const struct in6_addr *hoa,
		       const struct in6_addr *ha);

#endif /* _OMIPV6_MN_PATH_H */
