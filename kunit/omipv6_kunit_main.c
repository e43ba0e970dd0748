// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suites for omipv6.  Loading omipv6_kunit.ko runs every suite
 * against the symbols omipv6.ko exports to EXPORTED_FOR_KUNIT_TESTING
 * (only when the kernel has CONFIG_KUNIT).
 */
#include <kunit/test.h>
#include <linux/module.h>

#include "omipv6_kunit.h"

kunit_test_suites(&omipv6_bc_suite, &omipv6_bu_suite, &omipv6_cn_suite,
		  &omipv6_codec_suite, &omipv6_config_suite, &omipv6_dh_suite,
		  &omipv6_mh_suite, &omipv6_ratelimit_suite, &omipv6_rr_suite,
		  &omipv6_sa_suite);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit tests for omipv6");
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
