/* SPDX-License-Identifier: GPL-2.0 */
/* Mobility Header (IPPROTO_MH) receive hook. */
#ifndef _OMIPV6_MH_H
#define _OMIPV6_MH_H

#include <linux/in6.h>
#include <linux/types.h>

#include "omipv6_stats.h"

/*
 * Checksum of the Mobility Header @mh (@len octets, checksum field zero)
 * for the pseudo-header @saddr -> @daddr: pass the home address as
 * @saddr when a Home Address option is present and the final destination
 * as @daddr with a type 2 routing header (RFC 6275 §6.1.1).
 */
__sum16 omipv6_mh_csum(const struct in6_addr *saddr,
		       const struct in6_addr *daddr, const u8 *mh,
		       unsigned int len);

int omipv6_mh_init(void);
void omipv6_mh_exit(void);

#endif /* _OMIPV6_MH_H */
