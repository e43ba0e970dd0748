/* SPDX-License-Identifier: GPL-2.0 */
/* User-space stand-in for <linux/build_bug.h>. */
#ifndef _OMIPV6_SHIM_LINUX_BUILD_BUG_H
#define _OMIPV6_SHIM_LINUX_BUILD_BUG_H

#define BUILD_BUG_ON(c)		_Static_assert(!(c), "BUILD_BUG_ON(" #c ")")
#ifndef static_assert
#define static_assert(e, ...)	_Static_assert(e, #e)
#endif

#endif
