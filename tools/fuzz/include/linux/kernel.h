/* SPDX-License-Identifier: GPL-2.0 */
/* User-space stand-in for the few <linux/kernel.h> helpers a codec uses. */
#ifndef _OMIPV6_SHIM_LINUX_KERNEL_H
#define _OMIPV6_SHIM_LINUX_KERNEL_H

#include <assert.h>

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/minmax.h>
#include <linux/build_bug.h>

#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))
#define __ALIGN_MASK(x, m)	(((x) + (m)) & ~(m))
#define ALIGN(x, a)		__ALIGN_MASK(x, (__typeof__(x))(a) - 1)
#define ALIGN_DOWN(x, a)	ALIGN((x) - ((a) - 1), (a))
#define IS_ALIGNED(x, a)	(((x) & ((__typeof__(x))(a) - 1)) == 0)
#define DIV_ROUND_UP(n, d)	(((n) + (d) - 1) / (d))
#define round_up(x, y)		((((x) - 1) | ((__typeof__(x))((y) - 1))) + 1)
#define round_down(x, y)	((x) & ~((__typeof__(x))((y) - 1)))
#define BIT(n)			(1UL << (n))

/* A kernel WARN in the codec is a bug: make the fuzzer stop on it. */
#define WARN_ON(c)		({ int __c = !!(c); assert(!__c); __c; })
#define WARN_ON_ONCE(c)		WARN_ON(c)

#endif
