/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Binding Update processing at the correspondent node (RFC 6275 §9.5)
 * and the Binding Acknowledgment it answers with.
 */
#ifndef _OMIPV6_BU_H
#define _OMIPV6_BU_H

#include <linux/types.h>

struct omipv6_rx;

unsigned int omipv6_bu_lifetime(u16 units);

void omipv6_bu_rcv(struct omipv6_rx *rx);

#endif /* _OMIPV6_BU_H */
