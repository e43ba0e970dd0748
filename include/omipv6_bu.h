/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Binding Update processing at the correspondent node (RFC 6275 §9.5)
 * and the Binding Acknowledgment it answers with.
 */
#ifndef _OMIPV6_BU_H
#define _OMIPV6_BU_H

#include <linux/types.h>

#include "omipv6_stats.h"

struct omipv6_rx;

/*
 * True when @seq is newer than @last modulo 2^16: "not newer" is @last
 * itself or one of the 32768 values before it (RFC 6275 §9.5.1).
 */
static inline bool omipv6_bu_seq_newer(u16 seq, u16 last)
{
	u16 d = seq - last;

	return d != 0 && d < 0x8000;
}

unsigned int omipv6_bu_lifetime(u16 units);
enum omipv6_event omipv6_ba_event(u8 status);

void omipv6_bu_rcv(struct omipv6_rx *rx);

#endif /* _OMIPV6_BU_H */
