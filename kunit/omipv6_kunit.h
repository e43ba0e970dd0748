/* SPDX-License-Identifier: GPL-2.0 */
/* Suites collected into omipv6_kunit.ko by omipv6_kunit_main.c. */
#ifndef _OMIPV6_KUNIT_H
#define _OMIPV6_KUNIT_H

#include <kunit/test.h>

extern struct kunit_suite omipv6_bc_suite;
extern struct kunit_suite omipv6_bu_suite;
extern struct kunit_suite omipv6_cn_suite;
extern struct kunit_suite omipv6_codec_suite;
extern struct kunit_suite omipv6_config_suite;
extern struct kunit_suite omipv6_dh_suite;
extern struct kunit_suite omipv6_mh_suite;
extern struct kunit_suite omipv6_ratelimit_suite;
extern struct kunit_suite omipv6_rr_suite;
extern struct kunit_suite omipv6_sa_suite;

#endif /* _OMIPV6_KUNIT_H */
