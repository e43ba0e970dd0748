// SPDX-License-Identifier: GPL-2.0
/*
 * The correspondent node's binding cache: tombstones (RFC 6275 §5.2.8).
 * A binding made by a BU under return routability and then deregistered
 * keeps its sequence number, hidden, so a replay of that BU is stale; a
 * newer BU makes a new binding in its place; a binding never made under
 * return routability (only Kabm BUs, whose replays the SA's window
 * stops) leaves nothing.  Each test runs on its own zeroed struct
 * omipv6_net with only the binding cache set up, so no path taken here
 * may count an event; lifetimes are long enough that the expiry work
 * finds nothing to do.
 */
#include <kunit/test.h>
#include <linux/rcupdate.h>
#include <linux/string.h>
#include <net/ipv6.h>

#include "omipv6.h"
#include "omipv6_bc.h"
#include "omipv6_kunit.h"
#include "omipv6_rfc.h"

static const struct in6_addr bc_hoa = {{{ 0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 0,
					  0, 0, 0, 0, 0, 0, 0x01, 0x00 }}};
static const struct in6_addr bc_cn = {{{ 0x20, 0x01, 0x0d, 0xb8, 0, 0x0c, 0, 0,
					 0, 0, 0, 0, 0, 0, 0, 0x01 }}};
static const struct in6_addr bc_coa = {{{ 0x20, 0x01, 0x0d, 0xb8, 0, 2, 0, 0,
					  0, 0, 0, 0, 0, 0, 0x01, 0x00 }}};
static const u8 bc_kbm[OMIPV6_KBM_LEN] = { 0x42 };

static int bc_test_init(struct kunit *test)
{
	struct omipv6_net *on;

	on = kunit_kzalloc(test, sizeof(*on), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, on);
	KUNIT_ASSERT_EQ(test, omipv6_bc_init(on, NULL), 0);
	test->priv = on;
	return 0;
}

static void bc_test_exit(struct kunit *test)
{
	struct omipv6_net *on = test->priv;

	if (on)
		omipv6_bc_exit(on);
	/* The entries go after a grace period, before the test's memory. */
	rcu_barrier();
}

static enum omipv6_bc_result bc_bu(struct omipv6_net *on, u16 seq,
				   const u8 *kbm, u16 *last)
{
	struct omipv6_bc_info in = {
		.hoa = bc_hoa, .cn = bc_cn, .coa = bc_coa,
		.seq = seq, .lifetime = 100,
	};

	return omipv6_bc_commit(on, &in, kbm, last);
}

/* Deregistered under RR: hidden, but a replay is stale; newer is new. */
static void bc_tombstone_rr_test(struct kunit *test)
{
	struct omipv6_net *on = test->priv;
	struct omipv6_bc_info out;
	u16 last = 0;

	KUNIT_EXPECT_EQ(test, bc_bu(on, 9, bc_kbm, &last), OMIPV6_BC_ADDED);
	KUNIT_EXPECT_EQ(test, omipv6_bc_remove(on, &bc_hoa, &bc_cn, 10, &last),
			OMIPV6_BC_REMOVED);
	KUNIT_EXPECT_EQ(test, omipv6_bc_lookup(on, &bc_hoa, &bc_cn, &out),
			-ENOENT);
	KUNIT_EXPECT_EQ(test, omipv6_bc_count(on), 0U);
	KUNIT_EXPECT_EQ(test, omipv6_bc_tombstones(on), 1U);
	KUNIT_EXPECT_EQ(test, omipv6_bc_snapshot(on, &out, 1), 0U);

	/* The BU before the deregistration, replayed. */
	KUNIT_EXPECT_EQ(test, bc_bu(on, 9, bc_kbm, &last), OMIPV6_BC_STALE);
	KUNIT_EXPECT_EQ(test, last, 10);
	KUNIT_EXPECT_EQ(test, bc_bu(on, 10, bc_kbm, &last), OMIPV6_BC_STALE);
	KUNIT_EXPECT_EQ(test, omipv6_bc_count(on), 0U);

	/* A newer BU is a new binding. */
	KUNIT_EXPECT_EQ(test, bc_bu(on, 11, bc_kbm, &last), OMIPV6_BC_ADDED);
	KUNIT_EXPECT_EQ(test, omipv6_bc_count(on), 1U);
	KUNIT_EXPECT_EQ(test, omipv6_bc_tombstones(on), 0U);
	KUNIT_ASSERT_EQ(test, omipv6_bc_lookup(on, &bc_hoa, &bc_cn, &out), 0);
	KUNIT_EXPECT_EQ(test, out.seq, 11);
	KUNIT_EXPECT_TRUE(test, ipv6_addr_equal(&out.coa, &bc_coa));
}

/* Neither a tombstone nor a binding made again without a Kbm has one. */
static void bc_tombstone_kbm_test(struct kunit *test)
{
	struct omipv6_net *on = test->priv;
	u8 kbm[OMIPV6_KBM_LEN];
	u16 last = 0;

	KUNIT_EXPECT_EQ(test, bc_bu(on, 30, bc_kbm, &last), OMIPV6_BC_ADDED);
	KUNIT_EXPECT_EQ(test, omipv6_bc_kbm(on, &bc_hoa, &bc_cn, &bc_coa, kbm),
			0);
	KUNIT_EXPECT_EQ(test, memcmp(kbm, bc_kbm, OMIPV6_KBM_LEN), 0);
	KUNIT_EXPECT_EQ(test, omipv6_bc_remove(on, &bc_hoa, &bc_cn, 31, &last),
			OMIPV6_BC_REMOVED);
	KUNIT_EXPECT_EQ(test, omipv6_bc_kbm(on, &bc_hoa, &bc_cn, &bc_coa, kbm),
			-ENOENT);
	KUNIT_EXPECT_EQ(test, omipv6_bc_kbm(on, &bc_hoa, &bc_cn, &bc_coa, NULL),
			-ENOENT);

	KUNIT_EXPECT_EQ(test, bc_bu(on, 32, NULL, &last), OMIPV6_BC_ADDED);
	KUNIT_EXPECT_EQ(test, omipv6_bc_kbm(on, &bc_hoa, &bc_cn, &bc_coa, NULL),
			0);
	KUNIT_EXPECT_EQ(test, omipv6_bc_kbm(on, &bc_hoa, &bc_cn, &bc_coa, kbm),
			-ENOENT);
	/* The new entry keeps the tombstone's nonce deadline. */
	KUNIT_EXPECT_EQ(test, omipv6_bc_remove(on, &bc_hoa, &bc_cn, 33, &last),
			OMIPV6_BC_REMOVED);
	KUNIT_EXPECT_EQ(test, bc_bu(on, 30, bc_kbm, &last), OMIPV6_BC_STALE);
	KUNIT_EXPECT_EQ(test, last, 33);
}

/* A deregistration of a tombstone: stale when old, moves it on when new. */
static void bc_tombstone_dereg_test(struct kunit *test)
{
	struct omipv6_net *on = test->priv;
	u16 last = 0;

	KUNIT_EXPECT_EQ(test, bc_bu(on, 1, bc_kbm, &last), OMIPV6_BC_ADDED);
	KUNIT_EXPECT_EQ(test, omipv6_bc_remove(on, &bc_hoa, &bc_cn, 2, &last),
			OMIPV6_BC_REMOVED);
	KUNIT_EXPECT_EQ(test, omipv6_bc_remove(on, &bc_hoa, &bc_cn, 2, &last),
			OMIPV6_BC_STALE);
	KUNIT_EXPECT_EQ(test, last, 2);
	KUNIT_EXPECT_EQ(test, omipv6_bc_remove(on, &bc_hoa, &bc_cn, 3, &last),
			OMIPV6_BC_ABSENT);
	KUNIT_EXPECT_EQ(test, bc_bu(on, 3, bc_kbm, &last), OMIPV6_BC_STALE);
	KUNIT_EXPECT_EQ(test, last, 3);
	KUNIT_EXPECT_EQ(test, omipv6_bc_tombstones(on), 1U);
}

/* Only Kabm BUs: nothing outlives the deregistration. */
static void bc_no_tombstone_kabm_test(struct kunit *test)
{
	struct omipv6_net *on = test->priv;
	u16 last = 0;

	KUNIT_EXPECT_EQ(test, bc_bu(on, 5, NULL, &last), OMIPV6_BC_ADDED);
	KUNIT_EXPECT_EQ(test, omipv6_bc_remove(on, &bc_hoa, &bc_cn, 6, &last),
			OMIPV6_BC_REMOVED);
	KUNIT_EXPECT_EQ(test, omipv6_bc_tombstones(on), 0U);
	KUNIT_EXPECT_EQ(test, bc_bu(on, 5, NULL, &last), OMIPV6_BC_ADDED);
}

/* An RR BU once is enough: its nonces outlive later Kabm BUs. */
static void bc_tombstone_after_kabm_test(struct kunit *test)
{
	struct omipv6_net *on = test->priv;
	u16 last = 0;

	KUNIT_EXPECT_EQ(test, bc_bu(on, 20, bc_kbm, &last), OMIPV6_BC_ADDED);
	KUNIT_EXPECT_EQ(test, bc_bu(on, 21, NULL, &last), OMIPV6_BC_UPDATED);
	KUNIT_EXPECT_EQ(test, omipv6_bc_remove(on, &bc_hoa, &bc_cn, 22, &last),
			OMIPV6_BC_REMOVED);
	KUNIT_EXPECT_EQ(test, bc_bu(on, 20, bc_kbm, &last), OMIPV6_BC_STALE);
	KUNIT_EXPECT_EQ(test, last, 22);
}

static struct kunit_case omipv6_bc_cases[] = {
	KUNIT_CASE(bc_tombstone_rr_test),
	KUNIT_CASE(bc_tombstone_dereg_test),
	KUNIT_CASE(bc_tombstone_kbm_test),
	KUNIT_CASE(bc_no_tombstone_kabm_test),
	KUNIT_CASE(bc_tombstone_after_kabm_test),
	{}
};

struct kunit_suite omipv6_bc_suite = {
	.name = "omipv6_bc",
	.init = bc_test_init,
	.exit = bc_test_exit,
	.test_cases = omipv6_bc_cases,
};
