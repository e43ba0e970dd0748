/* SPDX-License-Identifier: GPL-2.0 */
/* User-space stand-in for <linux/minmax.h>. */
#ifndef _OMIPV6_SHIM_LINUX_MINMAX_H
#define _OMIPV6_SHIM_LINUX_MINMAX_H

#define min(a, b)	({ __typeof__(a) __a = (a); __typeof__(b) __b = (b); \
			   __a < __b ? __a : __b; })
#define max(a, b)	({ __typeof__(a) __a = (a); __typeof__(b) __b = (b); \
			   __a > __b ? __a : __b; })
#define min_t(t, a, b)	min((t)(a), (t)(b))
#define max_t(t, a, b)	max((t)(a), (t)(b))
#define clamp(v, lo, hi) min(max(v, lo), hi)

#endif
