/* SPDX-License-Identifier: GPL-2.0 */
/* The "omipv6" generic netlink family; see include/uapi/linux/omipv6.h. */
#ifndef _OMIPV6_NETLINK_H
#define _OMIPV6_NETLINK_H

int omipv6_genl_init(void);
void omipv6_genl_exit(void);

#endif /* _OMIPV6_NETLINK_H */
