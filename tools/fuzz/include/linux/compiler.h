/* SPDX-License-Identifier: GPL-2.0 */
/*
 * User-space stand-in for the kernel's compiler annotations.  glibc's
 * <sys/cdefs.h> defines a few of the same names; theirs are kept.
 */
#ifndef _OMIPV6_SHIM_LINUX_COMPILER_H
#define _OMIPV6_SHIM_LINUX_COMPILER_H

#define __force
#define __bitwise
#define __user
#define __iomem
#define __rcu
#define __init
#define __exit
#define __read_mostly
#ifndef __must_check
#define __must_check	__attribute__((warn_unused_result))
#endif
#ifndef __always_inline
#define __always_inline	inline __attribute__((always_inline))
#endif
#ifndef __maybe_unused
#define __maybe_unused	__attribute__((unused))
#endif
#ifndef __always_unused
#define __always_unused	__attribute__((unused))
#endif
#ifndef __packed
#define __packed	__attribute__((packed))
#endif
#ifndef __aligned
#define __aligned(x)	__attribute__((aligned(x)))
#endif
#ifndef noinline
#define noinline	__attribute__((noinline))
#endif
#ifndef likely
#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)
#endif
#ifndef fallthrough
#define fallthrough	__attribute__((__fallthrough__))
#endif
#ifndef READ_ONCE
#define READ_ONCE(x)	(*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v) (*(volatile __typeof__(x) *)&(x) = (v))
#endif

#endif
