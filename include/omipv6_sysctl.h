/* SPDX-License-Identifier: GPL-2.0 */
/* net.omipv6.* per-netns sysctls. */
#ifndef _OMIPV6_SYSCTL_H
#define _OMIPV6_SYSCTL_H

#include "omipv6_rfc.h"

struct omipv6_net;

/* Defaults a new namespace starts with. */
#define OMIPV6_DEFAULT_REKEY_INTERVAL	3600	/* seconds */
#define OMIPV6_MAX_REKEY_INTERVAL	86400	/* seconds */
#define OMIPV6_DEFAULT_OMI		0
#define OMIPV6_DEFAULT_DH_GROUP		OMIPV6_GROUP_FFDHE2048
#define OMIPV6_DEFAULT_DH2_WINDOW_MS	1000
#define OMIPV6_MIN_DH2_WINDOW_MS	10
#define OMIPV6_MAX_DH2_WINDOW_MS	60000
#define OMIPV6_DEFAULT_PARALLEL_CN_BU	0

void omipv6_sysctl_defaults(struct omipv6_net *on);
int omipv6_sysctl_init(struct omipv6_net *on);
void omipv6_sysctl_exit(struct omipv6_net *on);

#endif /* _OMIPV6_SYSCTL_H */
