/* SPDX-License-Identifier: GPL-2.0 */
/*
 * User-space stand-in for <linux/errno.h>: the kernel's internal header
 * adds only values the codec never returns, so the UAPI one (which
 * glibc's <errno.h> includes too) is enough.
 */
#ifndef _OMIPV6_SHIM_LINUX_ERRNO_H
#define _OMIPV6_SHIM_LINUX_ERRNO_H

#include_next <linux/errno.h>

#endif
