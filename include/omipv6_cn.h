/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Correspondent node: return-routability responder (RFC 6275 §5.2,
 * §9.4) and the entry point for the Mobility Header messages the CN
 * role consumes (HoTI, CoTI, BU, and the OMIPv6 DH1 and DH3).
 */
#ifndef _OMIPV6_CN_H
#define _OMIPV6_CN_H

#include <linux/types.h>

struct omipv6_net;
struct omipv6_rx;

bool omipv6_cn_rcv(struct omipv6_rx *rx);
void omipv6_cn_role_changed(struct omipv6_net *on);

int omipv6_cn_init(struct omipv6_net *on);
void omipv6_cn_exit(struct omipv6_net *on);

#endif /* _OMIPV6_CN_H */
