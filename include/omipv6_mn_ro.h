/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Mobile node: return routability and binding updates to the
 * correspondent nodes (omipv6_mn_ro.c).  Every caller holds mn->lock
 * (but omipv6_mn_cn_wipe()'s on an entry already unlinked and being
 * freed): the state machine (process, with mn->mutex) for the steps
 * and sends, the Mobility Header handler (softirq) for the
 * omipv6_mn_rcv_*() functions, which return false when the message
 * matches no request.
 */
#ifndef _OMIPV6_MN_RO_H
#define _OMIPV6_MN_RO_H

#include <linux/types.h>

#include "omipv6_mn_state.h"

struct in6_addr;
struct omipv6_mn;
struct omipv6_mn_cn;
struct omipv6_rx;

void omipv6_mn_cn_wipe(struct omipv6_mn_cn *c);
void omipv6_mn_cn_reset(struct omipv6_mn_cn *c,
			enum omipv6_mn_cn_state state);
void omipv6_mn_send_cn_dups(struct omipv6_mn *mn);
void omipv6_mn_drop_cn_dups(struct omipv6_mn *mn);
void omipv6_mn_cn_start(struct omipv6_mn *mn, struct omipv6_mn_cn *c,
			bool dereg, unsigned long now);
void omipv6_mn_cn_step(struct omipv6_mn *mn, struct omipv6_mn_cn *c,
		       unsigned long now);
bool omipv6_mn_rcv_test(struct omipv6_mn *mn, struct omipv6_rx *rx,
			unsigned long now);
bool omipv6_mn_rcv_cn_ba(struct omipv6_mn *mn, struct omipv6_rx *rx,
			 unsigned long now);
bool omipv6_mn_rcv_be(struct omipv6_mn *mn, struct omipv6_rx *rx,
		      unsigned long now);
bool omipv6_mn_rcv_brr(struct omipv6_mn *mn, struct omipv6_rx *rx,
		       unsigned long now);

#endif /* _OMIPV6_MN_RO_H */
