/* SPDX-License-Identifier: GPL-2.0 */
/* User-space stand-in for <linux/export.h>: symbol exports vanish. */
#ifndef _OMIPV6_SHIM_LINUX_EXPORT_H
#define _OMIPV6_SHIM_LINUX_EXPORT_H

#define EXPORT_SYMBOL(sym)
#define EXPORT_SYMBOL_GPL(sym)

#endif
