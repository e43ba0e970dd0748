// SPDX-License-Identifier: GPL-2.0
/*
 * The correspondent node's nonce ring and Binding Error rate limit,
 * driven by a fake clock: when nonces and Kcn are made, which indices
 * still verify, that a token made before a Kcn change still verifies
 * after it, and the token bucket's burst and rate.
 */
#include <kunit/test.h>
#include <linux/jiffies.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "omipv6_be.h"
#include "omipv6_kunit.h"
#include "omipv6_nonce.h"
#include "omipv6_rfc.h"
#include "omipv6_rr.h"

/* Start the fake clock well away from zero. */
#define T0	1000000ULL

static struct omipv6_nonce_ring *cn_ring(struct kunit *test)
{
	struct omipv6_nonce_ring *ring;

	ring = kunit_kzalloc(test, sizeof(*ring), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ring);
	omipv6_nonce_ring_init(ring);
	return ring;
}

/* The first nonce comes with the first Kcn; it is reused for 30 s. */
static void cn_nonce_interval_test(struct kunit *test)
{
	struct omipv6_nonce_ring *ring = cn_ring(test);
	struct omipv6_nonce a, b, c;

	KUNIT_EXPECT_EQ(test, omipv6_nonce_ring_current(ring, T0, &a),
			OMIPV6_NONCE_NEW | OMIPV6_NONCE_NEW_KCN);
	KUNIT_EXPECT_EQ(test, omipv6_nonce_ring_current(ring, T0 + 29, &b),
			0U);
	KUNIT_EXPECT_EQ(test, a.index, b.index);
	KUNIT_EXPECT_EQ(test, memcmp(a.nonce, b.nonce, OMIPV6_NONCE_LEN), 0);

	KUNIT_EXPECT_EQ(test, omipv6_nonce_ring_current(ring, T0 + 30, &c),
			OMIPV6_NONCE_NEW);
	KUNIT_EXPECT_EQ(test, c.index, (u16)(a.index + 1));
	KUNIT_EXPECT_NE(test, memcmp(a.nonce, c.nonce, OMIPV6_NONCE_LEN), 0);
	/* Same Kcn until it is OMIPV6_CN_KCN_LIFETIME old. */
	KUNIT_EXPECT_EQ(test, memcmp(a.kcn, c.kcn, OMIPV6_KCN_LEN), 0);
	omipv6_nonce_ring_wipe(ring);
}

/* A nonce verifies for MAX_NONCE_LIFETIME seconds, then never again. */
static void cn_nonce_lifetime_test(struct kunit *test)
{
	struct omipv6_nonce_ring *ring = cn_ring(test);
	struct omipv6_nonce a, got;
	u64 last;

	omipv6_nonce_ring_current(ring, T0, &a);
	KUNIT_EXPECT_EQ(test, omipv6_nonce_ring_lookup(ring, a.index, T0, &got),
			0);
	KUNIT_EXPECT_EQ(test, memcmp(got.nonce, a.nonce, OMIPV6_NONCE_LEN), 0);
	KUNIT_EXPECT_EQ(test, memcmp(got.kcn, a.kcn, OMIPV6_KCN_LEN), 0);
	last = T0 + OMIPV6_MAX_NONCE_LIFETIME;
	KUNIT_EXPECT_EQ(test, omipv6_nonce_ring_lookup(ring, a.index, last,
						       &got), 0);
	KUNIT_EXPECT_EQ(test, omipv6_nonce_ring_lookup(ring, a.index, last + 1,
						       &got), -ESTALE);
	/* Indices never issued do not verify. */
	KUNIT_EXPECT_EQ(test, omipv6_nonce_ring_lookup(ring, a.index + 1, T0,
						       &got), -ESTALE);
	KUNIT_EXPECT_EQ(test, omipv6_nonce_ring_lookup(ring, a.index +
		OMIPV6_CN_NONCE_SLOTS, T0, &got), -ESTALE);
	omipv6_nonce_ring_wipe(ring);
	KUNIT_EXPECT_EQ(test, omipv6_nonce_ring_lookup(ring, a.index, T0, &got),
			-ESTALE);
}

/*
 * Nonces made every 30 s for 20 minutes: at any time exactly the ones
 * made in the last 240 s verify, even after their slots were reused
 * once, and each keeps the Kcn it was made with across Kcn changes.
 */
static void cn_nonce_ring_reuse_test(struct kunit *test)
{
	const unsigned int n = 40;
	struct omipv6_nonce_ring *ring = cn_ring(test);
	struct omipv6_nonce *made, got;
	unsigned int i, j, kcns = 0;
	u64 now;

	made = kunit_kcalloc(test, n, sizeof(*made), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, made);
	for (i = 0; i < n; i++) {
		now = T0 + i * OMIPV6_CN_NONCE_INTERVAL;
		if (omipv6_nonce_ring_current(ring, now, &made[i]) &
		    OMIPV6_NONCE_NEW_KCN)
			kcns++;
		for (j = 0; j <= i; j++) {
			bool live = now - made[j].born <=
				    OMIPV6_MAX_NONCE_LIFETIME;
			int err = omipv6_nonce_ring_lookup(ring, made[j].index,
							   now, &got);

			KUNIT_EXPECT_EQ_MSG(test, err, live ? 0 : -ESTALE,
					    "nonce %u at step %u", j, i);
			if (!err)
				KUNIT_EXPECT_EQ(test, memcmp(got.kcn, made[j].kcn,
							     OMIPV6_KCN_LEN), 0);
		}
	}
	/* 20 minutes: a new Kcn every OMIPV6_CN_KCN_LIFETIME seconds. */
	KUNIT_EXPECT_EQ(test, kcns, DIV_ROUND_UP(n * OMIPV6_CN_NONCE_INTERVAL,
						 OMIPV6_CN_KCN_LIFETIME));
	KUNIT_EXPECT_NE(test, memcmp(made[0].kcn, made[n - 1].kcn,
				     OMIPV6_KCN_LEN), 0);
	omipv6_nonce_ring_wipe(ring);
}

/* A keygen token issued before a Kcn change verifies after it. */
static void cn_token_across_kcn_test(struct kunit *test)
{
	static const struct in6_addr hoa = {
		.s6_addr = { 0x20, 0x01, 0x0d, 0xb8, 0, 1, [15] = 0x10 } };
	struct omipv6_nonce_ring *ring = cn_ring(test);
	u8 issued[OMIPV6_TOKEN_LEN], again[OMIPV6_TOKEN_LEN];
	struct omipv6_nonce a, b, got;
	u64 later = T0 + OMIPV6_CN_KCN_LIFETIME;

	omipv6_nonce_ring_current(ring, T0, &a);
	KUNIT_ASSERT_EQ(test, omipv6_rr_token(a.kcn, &hoa, a.nonce,
					      OMIPV6_RR_HOME, issued), 0);
	KUNIT_EXPECT_EQ(test, omipv6_nonce_ring_current(ring, later, &b),
			OMIPV6_NONCE_NEW | OMIPV6_NONCE_NEW_KCN);
	KUNIT_EXPECT_NE(test, memcmp(a.kcn, b.kcn, OMIPV6_KCN_LEN), 0);

	KUNIT_ASSERT_EQ(test, omipv6_nonce_ring_lookup(ring, a.index, later,
						       &got), 0);
	KUNIT_ASSERT_EQ(test, omipv6_rr_token(got.kcn, &hoa, got.nonce,
					      OMIPV6_RR_HOME, again), 0);
	KUNIT_EXPECT_EQ(test, memcmp(issued, again, OMIPV6_TOKEN_LEN), 0);
	omipv6_nonce_ring_wipe(ring);
}

/* Burst of OMIPV6_BE_BURST, then OMIPV6_BE_RATE a second. */
static void cn_be_limit_test(struct kunit *test)
{
	struct omipv6_be_limit rl;
	unsigned long now;
	unsigned int i, ok;

	omipv6_be_init(&rl);
	now = rl.last;
	for (i = 0, ok = 0; i < 100; i++)
		ok += omipv6_be_allow(&rl, now);
	KUNIT_EXPECT_EQ(test, ok, (unsigned int)OMIPV6_BE_BURST);

	/* One second later: one second's worth. */
	now += HZ;
	for (i = 0, ok = 0; i < 100; i++)
		ok += omipv6_be_allow(&rl, now);
	KUNIT_EXPECT_EQ(test, ok, (unsigned int)OMIPV6_BE_RATE);

	/* A long pause refills the bucket, never beyond the burst. */
	now += 3600 * HZ;
	for (i = 0, ok = 0; i < 100; i++)
		ok += omipv6_be_allow(&rl, now);
	KUNIT_EXPECT_EQ(test, ok, (unsigned int)OMIPV6_BE_BURST);
}

static struct kunit_case omipv6_cn_cases[] = {
	KUNIT_CASE(cn_nonce_interval_test),
	KUNIT_CASE(cn_nonce_lifetime_test),
	KUNIT_CASE(cn_nonce_ring_reuse_test),
	KUNIT_CASE(cn_token_across_kcn_test),
	KUNIT_CASE(cn_be_limit_test),
	{}
};

struct kunit_suite omipv6_cn_suite = {
	.name = "omipv6_cn",
	.test_cases = omipv6_cn_cases,
};
