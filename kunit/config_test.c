// SPDX-License-Identifier: GPL-2.0
/* Node configuration: address rules, CN list bounds, key lifetime. */
#include <kunit/test.h>
#include <linux/inet.h>
#include <linux/netlink.h>
#include <linux/string.h>
#include <net/ipv6.h>

#include "omipv6_config.h"
#include "omipv6_kunit.h"

struct addr_case {
	const char *addr;
	int err;
};

static const struct addr_case addr_cases[] = {
	{ "2001:db8::1", 0 },
	{ "2001:db8:1::100", 0 },
	{ "3fff::1", 0 },
	{ "::", -EINVAL },
	{ "::1", -EINVAL },
	{ "ff02::1", -EINVAL },
	{ "ff0e::1", -EINVAL },
	{ "fe80::1", -EINVAL },
	{ "fec0::1", -EINVAL },
	{ "::ffff:192.0.2.1", -EINVAL },
	{ "::192.0.2.1", -EINVAL },
};

static void addr_case_desc(const struct addr_case *c, char *desc)
{
	strscpy(desc, c->addr, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(config_addr, addr_cases, addr_case_desc);

static void parse_addr(struct kunit *test, const char *s, struct in6_addr *a)
{
	KUNIT_ASSERT_EQ(test, in6_pton(s, -1, a->s6_addr, -1, NULL), 1);
}

static void config_addr_test(struct kunit *test)
{
	const struct addr_case *c = test->param_value;
	struct netlink_ext_ack extack = {};
	struct in6_addr a;

	parse_addr(test, c->addr, &a);
	KUNIT_EXPECT_EQ(test, omipv6_config_check_addr(&a, &extack), c->err);
	if (c->err)
		KUNIT_EXPECT_NOT_ERR_OR_NULL(test, extack._msg);
	else
		KUNIT_EXPECT_NULL(test, extack._msg);
}

static struct omipv6_config *config_new(struct kunit *test)
{
	struct omipv6_config *cfg = kunit_kzalloc(test, sizeof(*cfg),
						  GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, cfg);
	omipv6_config_init(cfg);
	return cfg;
}

static void config_cn_list_test(struct kunit *test)
{
	struct omipv6_config *cfg = config_new(test);
	struct netlink_ext_ack extack = {};
	struct in6_addr a, b;
	struct omipv6_cn *cn;

	parse_addr(test, "2001:db8:c::1", &a);
	parse_addr(test, "2001:db8:c::2", &b);

	KUNIT_EXPECT_EQ(test, omipv6_cn_add(cfg, &a, &extack), 0);
	KUNIT_EXPECT_EQ(test, omipv6_cn_add(cfg, &a, &extack), -EEXIST);
	KUNIT_EXPECT_EQ(test, cfg->ncns, 1U);
	KUNIT_EXPECT_EQ(test, omipv6_cn_del(cfg, &b, &extack), -ENOENT);
	KUNIT_EXPECT_EQ(test, omipv6_cn_add(cfg, &b, &extack), 0);
	KUNIT_EXPECT_EQ(test, cfg->ncns, 2U);
	KUNIT_EXPECT_EQ(test, omipv6_cn_del(cfg, &a, &extack), 0);
	KUNIT_EXPECT_EQ(test, cfg->ncns, 1U);
	cn = list_first_entry(&cfg->cns, struct omipv6_cn, list);
	KUNIT_EXPECT_TRUE(test, ipv6_addr_equal(&cn->addr, &b));

	parse_addr(test, "fe80::1", &a);
	KUNIT_EXPECT_EQ(test, omipv6_cn_add(cfg, &a, &extack), -EINVAL);
	KUNIT_EXPECT_EQ(test, cfg->ncns, 1U);

	omipv6_config_destroy(cfg);
	KUNIT_EXPECT_EQ(test, cfg->ncns, 0U);
	KUNIT_EXPECT_TRUE(test, list_empty(&cfg->cns));
}

static void config_cn_limit_test(struct kunit *test)
{
	struct omipv6_config *cfg = config_new(test);
	struct netlink_ext_ack extack = {};
	struct in6_addr a;
	int i;

	parse_addr(test, "2001:db8:c::", &a);
	for (i = 0; i < OMIPV6_MAX_CNS; i++) {
		a.s6_addr[15] = i + 1;
		KUNIT_ASSERT_EQ(test, omipv6_cn_add(cfg, &a, &extack), 0);
	}
	a.s6_addr[15] = 0xff;
	KUNIT_EXPECT_EQ(test, omipv6_cn_add(cfg, &a, &extack), -ENOSPC);
	KUNIT_EXPECT_EQ(test, cfg->ncns, (unsigned int)OMIPV6_MAX_CNS);

	omipv6_cn_flush(cfg);
	KUNIT_EXPECT_EQ(test, cfg->ncns, 0U);
	KUNIT_EXPECT_EQ(test, omipv6_cn_add(cfg, &a, &extack), 0);
	omipv6_config_destroy(cfg);
}

static void config_key_wipe_test(struct kunit *test)
{
	struct omipv6_config *cfg = config_new(test);
	u8 key[OMIPV6_MNHA_KEY_MAX_LEN];

	memset(key, 0xa5, sizeof(key));
	mutex_lock(&cfg->lock);
	omipv6_config_set_key(cfg, key, sizeof(key));
	KUNIT_EXPECT_EQ(test, cfg->key_len, (u8)sizeof(key));
	/* A shorter key must not leave the tail of the old one behind. */
	omipv6_config_set_key(cfg, key, OMIPV6_MNHA_KEY_MIN_LEN);
	mutex_unlock(&cfg->lock);
	KUNIT_EXPECT_EQ(test, cfg->key_len, (u8)OMIPV6_MNHA_KEY_MIN_LEN);
	KUNIT_EXPECT_NULL(test, memchr_inv(cfg->key + OMIPV6_MNHA_KEY_MIN_LEN,
					   0, sizeof(cfg->key) -
					   OMIPV6_MNHA_KEY_MIN_LEN));

	omipv6_config_destroy(cfg);
	KUNIT_EXPECT_EQ(test, cfg->key_len, 0);
	KUNIT_EXPECT_NULL(test, memchr_inv(cfg->key, 0, sizeof(cfg->key)));
}

static struct kunit_case omipv6_config_cases[] = {
	KUNIT_CASE_PARAM(config_addr_test, config_addr_gen_params),
	KUNIT_CASE(config_cn_list_test),
	KUNIT_CASE(config_cn_limit_test),
	KUNIT_CASE(config_key_wipe_test),
	{}
};

struct kunit_suite omipv6_config_suite = {
	.name = "omipv6_config",
	.test_cases = omipv6_config_cases,
};
