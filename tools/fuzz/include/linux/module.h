/* SPDX-License-Identifier: GPL-2.0 */
/* User-space stand-in for <linux/module.h>: only the export macros. */
#ifndef _OMIPV6_SHIM_LINUX_MODULE_H
#define _OMIPV6_SHIM_LINUX_MODULE_H

#include <linux/export.h>

#endif
