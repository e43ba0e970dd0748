/* SPDX-License-Identifier: GPL-2.0 */
/* net.omipv6.* per-netns sysctls. */
#ifndef _OMIPV6_SYSCTL_H
#define _OMIPV6_SYSCTL_H

struct omipv6_net;

/* Defaults a new namespace starts with. */
#define OMIPV6_DEFAULT_REKEY_INTERVAL	3600	/* seconds */
#define OMIPV6_MAX_REKEY_INTERVAL	86400	/* seconds */

void omipv6_sysctl_defaults(struct omipv6_net *on);
int omipv6_sysctl_init(struct omipv6_net *on);
void omipv6_sysctl_exit(struct omipv6_net *on);

#endif /* _OMIPV6_SYSCTL_H */
