/* SPDX-License-Identifier: GPL-2.0 */
/* User-space stand-in for <linux/string.h>. */
#ifndef _OMIPV6_SHIM_LINUX_STRING_H
#define _OMIPV6_SHIM_LINUX_STRING_H

#include <string.h>

#include <linux/types.h>

#endif
