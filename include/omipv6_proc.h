/* SPDX-License-Identifier: GPL-2.0 */
/* /proc/net/omipv6, one per network namespace. */
#ifndef _OMIPV6_PROC_H
#define _OMIPV6_PROC_H

struct omipv6_net;

int omipv6_proc_init(struct omipv6_net *on);
void omipv6_proc_exit(struct omipv6_net *on);

#endif /* _OMIPV6_PROC_H */
