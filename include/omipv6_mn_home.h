/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Mobile node: home registration with the home agent
 * (omipv6_mn_home.c).  The state machine calls the step and the BA
 * check with cfg->lock (for the MN-HA key) and mn->lock held; the
 * Mobility Header handler calls omipv6_mn_rcv_ha_ba() in softirq
 * context with mn->lock held.
 */
#ifndef _OMIPV6_MN_HOME_H
#define _OMIPV6_MN_HOME_H

#include <linux/types.h>

struct omipv6_config;
struct omipv6_mn;
struct omipv6_rx;

void omipv6_mn_ha_step(struct omipv6_mn *mn,
		       const struct omipv6_config *cfg,
		       unsigned long now);
void omipv6_mn_ha_ba(struct omipv6_mn *mn,
		     const struct omipv6_config *cfg,
		     unsigned long now);
bool omipv6_mn_rcv_ha_ba(struct omipv6_mn *mn, struct omipv6_rx *rx);

#endif /* _OMIPV6_MN_HOME_H */
