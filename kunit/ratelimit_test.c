// SPDX-License-Identifier: GPL-2.0
/*
 * DH1 admission control, driven by a fake clock: a source /64's burst
 * and refill, /64s independent of each other and shared by every
 * address in them, the namespace cap and which refusals cost tokens,
 * the bucket limit, and removal of idle buckets.
 */
#include <kunit/test.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/timekeeping.h>

#include "omipv6_kunit.h"
#include "omipv6_ratelimit.h"

#define MS	NSEC_PER_MSEC
/* Time to earn one token from a /64's bucket and the namespace's. */
#define SRC_COST	(NSEC_PER_SEC / OMIPV6_RL_RATE)
#define GLOBAL_COST	(NSEC_PER_SEC / OMIPV6_RL_GLOBAL_RATE)

struct rl_ctx {
	struct omipv6_ratelimit *rl;
	u64 t0;
	bool up;
};

static int rl_init(struct kunit *test)
{
	struct rl_ctx *ctx;

	ctx = kunit_kzalloc(test, sizeof(*ctx), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ctx);
	ctx->rl = kunit_kzalloc(test, sizeof(*ctx->rl), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ctx->rl);
	/*
	 * The fake clock runs an hour ahead of the real one, so the
	 * expiry work (real clock) never takes a bucket for idle while a
	 * test runs; tests call omipv6_ratelimit_gc() themselves.
	 */
	ctx->t0 = ktime_get_coarse_boottime_ns() + 3600ULL * NSEC_PER_SEC;
	omipv6_ratelimit_init(ctx->rl);
	ctx->up = true;
	test->priv = ctx;
	return 0;
}

static void rl_exit(struct kunit *test)
{
	struct rl_ctx *ctx = test->priv;

	if (ctx && ctx->up) {
		omipv6_ratelimit_exit(ctx->rl);
		KUNIT_EXPECT_EQ(test, ctx->rl->entries, 0U);
	}
}

/* 2001:db8:0:@net::@iid */
static struct in6_addr rl_addr(u16 net, u16 iid)
{
	struct in6_addr a = {{{ 0x20, 0x01, 0x0d, 0xb8 }}};

	a.s6_addr[6] = net >> 8;
	a.s6_addr[7] = net;
	a.s6_addr[14] = iid >> 8;
	a.s6_addr[15] = iid;
	return a;
}

static enum omipv6_rl_verdict rl_allow(struct kunit *test, u16 net, u16 iid,
				       u64 t)
{
	struct rl_ctx *ctx = test->priv;
	struct in6_addr a = rl_addr(net, iid);

	return omipv6_ratelimit_allow(ctx->rl, &a, ctx->t0 + t);
}

/* A /64 gets its burst, then a token per 1/RATE seconds. */
static void rl_burst_refill_test(struct kunit *test)
{
	unsigned int i;

	for (i = 0; i < OMIPV6_RL_BURST; i++)
		KUNIT_EXPECT_EQ_MSG(test, rl_allow(test, 1, 1, 0),
				    OMIPV6_RL_PASS, "message %u", i);
	KUNIT_EXPECT_EQ(test, rl_allow(test, 1, 1, 0), OMIPV6_RL_SOURCE);
	KUNIT_EXPECT_EQ(test, rl_allow(test, 1, 1, SRC_COST - 1),
			OMIPV6_RL_SOURCE);
	KUNIT_EXPECT_EQ(test, rl_allow(test, 1, 1, SRC_COST), OMIPV6_RL_PASS);
	KUNIT_EXPECT_EQ(test, rl_allow(test, 1, 1, SRC_COST),
			OMIPV6_RL_SOURCE);
	/* Refusals cost nothing: one token per period, no more, no less. */
	for (i = 2; i < 10; i++) {
		KUNIT_EXPECT_EQ(test, rl_allow(test, 1, 1, i * SRC_COST - MS),
				OMIPV6_RL_SOURCE);
		KUNIT_EXPECT_EQ(test, rl_allow(test, 1, 1, i * SRC_COST),
				OMIPV6_RL_PASS);
	}
	/* A long pause refills the burst, never more. */
	for (i = 0; i < OMIPV6_RL_BURST; i++)
		KUNIT_EXPECT_EQ(test, rl_allow(test, 1, 1, 3600 * NSEC_PER_SEC),
				OMIPV6_RL_PASS);
	KUNIT_EXPECT_EQ(test, rl_allow(test, 1, 1, 3600 * NSEC_PER_SEC),
			OMIPV6_RL_SOURCE);
	/* A clock that goes back refills nothing. */
	KUNIT_EXPECT_EQ(test, rl_allow(test, 1, 1, 0), OMIPV6_RL_SOURCE);
	KUNIT_EXPECT_EQ(test, rl_allow(test, 1, 1, 3600 * NSEC_PER_SEC),
			OMIPV6_RL_SOURCE);
}

/* Buckets are per /64: the interface identifier does not matter. */
static void rl_prefix_test(struct kunit *test)
{
	struct rl_ctx *ctx = test->priv;
	unsigned int i;

	for (i = 0; i < OMIPV6_RL_BURST; i++)
		KUNIT_EXPECT_EQ(test, rl_allow(test, 1, i, 0), OMIPV6_RL_PASS);
	KUNIT_EXPECT_EQ(test, rl_allow(test, 1, 0xffff, 0), OMIPV6_RL_SOURCE);
	KUNIT_EXPECT_EQ(test, rl_allow(test, 1, 1, 0), OMIPV6_RL_SOURCE);
	KUNIT_EXPECT_EQ(test, ctx->rl->entries, 1U);
	/* The neighbouring /64s have their own buckets. */
	for (i = 0; i < OMIPV6_RL_BURST; i++) {
		KUNIT_EXPECT_EQ(test, rl_allow(test, 0, 1, 0), OMIPV6_RL_PASS);
		KUNIT_EXPECT_EQ(test, rl_allow(test, 2, 1, 0), OMIPV6_RL_PASS);
	}
	KUNIT_EXPECT_EQ(test, rl_allow(test, 0, 1, 0), OMIPV6_RL_SOURCE);
	KUNIT_EXPECT_EQ(test, rl_allow(test, 2, 1, 0), OMIPV6_RL_SOURCE);
	KUNIT_EXPECT_EQ(test, ctx->rl->entries, 3U);
	/* The siphash key is random, so it is not all zero. */
	KUNIT_EXPECT_TRUE(test, ctx->rl->key.key[0] || ctx->rl->key.key[1]);
}

/* The namespace bucket caps all /64s together. */
static void rl_global_test(struct kunit *test)
{
	unsigned int i;

	/* One /64 out of tokens does not drain the namespace bucket. */
	for (i = 0; i < OMIPV6_RL_BURST; i++)
		KUNIT_EXPECT_EQ(test, rl_allow(test, 0, 1, 0), OMIPV6_RL_PASS);
	for (i = 0; i < 1000; i++)
		KUNIT_EXPECT_EQ(test, rl_allow(test, 0, 1, 0),
				OMIPV6_RL_SOURCE);
	/* /64 1 takes one token and keeps BURST - 1; /64s 2.. the rest. */
	KUNIT_EXPECT_EQ(test, rl_allow(test, 1, 1, 0), OMIPV6_RL_PASS);
	for (i = 2; i < OMIPV6_RL_GLOBAL_BURST - OMIPV6_RL_BURST + 1; i++)
		KUNIT_EXPECT_EQ_MSG(test, rl_allow(test, i, 1, 0),
				    OMIPV6_RL_PASS, "/64 %u", i);
	/* The namespace bucket is empty: old and new /64s are refused. */
	KUNIT_EXPECT_EQ(test, rl_allow(test, i, 1, 0), OMIPV6_RL_GLOBAL);
	for (i = 0; i < 10; i++)
		KUNIT_EXPECT_EQ(test, rl_allow(test, 1, 1, 0),
				OMIPV6_RL_GLOBAL);
	/* An out-of-tokens /64 still hears about its own bucket first. */
	KUNIT_EXPECT_EQ(test, rl_allow(test, 0, 1, 0), OMIPV6_RL_SOURCE);
	/* One namespace token per 1/GLOBAL_RATE seconds. */
	KUNIT_EXPECT_EQ(test, rl_allow(test, 1, 1, GLOBAL_COST - 1),
			OMIPV6_RL_GLOBAL);
	KUNIT_EXPECT_EQ(test, rl_allow(test, 1, 1, GLOBAL_COST),
			OMIPV6_RL_PASS);
	KUNIT_EXPECT_EQ(test, rl_allow(test, 1, 1, GLOBAL_COST),
			OMIPV6_RL_GLOBAL);
	/*
	 * The GLOBAL refusals cost /64 1 nothing: it had BURST - 2 left
	 * and earns 2 in a second, so it has its whole burst again.
	 */
	for (i = 0; i < OMIPV6_RL_BURST; i++)
		KUNIT_EXPECT_EQ(test, rl_allow(test, 1, 1, NSEC_PER_SEC),
				OMIPV6_RL_PASS);
	KUNIT_EXPECT_EQ(test, rl_allow(test, 1, 1, NSEC_PER_SEC),
			OMIPV6_RL_SOURCE);
}

/* At most OMIPV6_RL_MAX_ENTRIES buckets; a new /64 beyond is refused. */
static void rl_full_test(struct kunit *test)
{
	struct rl_ctx *ctx = test->priv;
	u64 t = 0;
	unsigned int i;

	/* One message per namespace token period: never GLOBAL. */
	for (i = 0; i < OMIPV6_RL_MAX_ENTRIES; i++, t += GLOBAL_COST)
		KUNIT_EXPECT_EQ_MSG(test, rl_allow(test, i, 1, t),
				    OMIPV6_RL_PASS, "/64 %u", i);
	KUNIT_EXPECT_EQ(test, ctx->rl->entries, OMIPV6_RL_MAX_ENTRIES);
	KUNIT_EXPECT_EQ(test, rl_allow(test, i, 1, t), OMIPV6_RL_FULL);
	KUNIT_EXPECT_EQ(test, rl_allow(test, 0xffff, 1, t), OMIPV6_RL_FULL);
	KUNIT_EXPECT_EQ(test, ctx->rl->entries, OMIPV6_RL_MAX_ENTRIES);
	/* Known /64s carry on. */
	KUNIT_EXPECT_EQ(test, rl_allow(test, 0, 2, t), OMIPV6_RL_PASS);
	KUNIT_EXPECT_EQ(test, rl_allow(test, OMIPV6_RL_MAX_ENTRIES - 1, 2, t),
			OMIPV6_RL_PASS);
	/* Once the buckets are idle and removed there is room again. */
	t += 10 * NSEC_PER_SEC;
	KUNIT_EXPECT_EQ(test, omipv6_ratelimit_gc(ctx->rl, ctx->t0 + t),
			OMIPV6_RL_MAX_ENTRIES);
	KUNIT_EXPECT_EQ(test, ctx->rl->entries, 0U);
	KUNIT_EXPECT_EQ(test, rl_allow(test, i, 1, t), OMIPV6_RL_PASS);
}

/* Buckets go once they have refilled completely, and only then. */
static void rl_gc_test(struct kunit *test)
{
	struct rl_ctx *ctx = test->priv;
	struct omipv6_ratelimit *rl = ctx->rl;
	u64 t0 = ctx->t0;
	unsigned int i;

	KUNIT_EXPECT_EQ(test, rl_allow(test, 1, 1, 0), OMIPV6_RL_PASS);
	for (i = 0; i < OMIPV6_RL_BURST; i++)
		KUNIT_EXPECT_EQ(test, rl_allow(test, 2, 1, 0), OMIPV6_RL_PASS);
	KUNIT_EXPECT_EQ(test, rl->entries, 2U);

	/* Not before its last refill, not before it is full. */
	KUNIT_EXPECT_EQ(test, omipv6_ratelimit_gc(rl, t0 - 1), 0U);
	KUNIT_EXPECT_EQ(test, omipv6_ratelimit_gc(rl, t0 + SRC_COST - 1), 0U);
	KUNIT_EXPECT_EQ(test, omipv6_ratelimit_gc(rl, t0 + SRC_COST), 1U);
	KUNIT_EXPECT_EQ(test, rl->entries, 1U);
	/* /64 2 spent its burst; it is full BURST periods later. */
	KUNIT_EXPECT_EQ(test, omipv6_ratelimit_gc(rl, t0 + OMIPV6_RL_BURST *
						  SRC_COST - 1), 0U);
	KUNIT_EXPECT_EQ(test, rl_allow(test, 2, 1, 0), OMIPV6_RL_SOURCE);
	KUNIT_EXPECT_EQ(test, omipv6_ratelimit_gc(rl, t0 + OMIPV6_RL_BURST *
						  SRC_COST), 1U);
	KUNIT_EXPECT_EQ(test, rl->entries, 0U);
	/* A removed bucket comes back full. */
	for (i = 0; i < OMIPV6_RL_BURST; i++)
		KUNIT_EXPECT_EQ(test, rl_allow(test, 2, 1, OMIPV6_RL_BURST *
					       SRC_COST), OMIPV6_RL_PASS);
	KUNIT_EXPECT_EQ(test, rl_allow(test, 2, 1, OMIPV6_RL_BURST * SRC_COST),
			OMIPV6_RL_SOURCE);
	KUNIT_EXPECT_EQ(test, rl->entries, 1U);
	/* Exit frees what is left (checked by rl_exit()). */
}

static struct kunit_case rl_cases[] = {
	KUNIT_CASE(rl_burst_refill_test),
	KUNIT_CASE(rl_prefix_test),
	KUNIT_CASE(rl_global_test),
	KUNIT_CASE(rl_full_test),
	KUNIT_CASE(rl_gc_test),
	{}
};

struct kunit_suite omipv6_ratelimit_suite = {
	.name = "omipv6_ratelimit",
	.init = rl_init,
	.exit = rl_exit,
	.test_cases = rl_cases,
};
