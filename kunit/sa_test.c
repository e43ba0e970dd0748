// SPDX-License-Identifier: GPL-2.0
/*
 * Kabm security associations: install, lookup and delete; sign and
 * verify against an ICV computed here with the crypto API's
 * "hmac(sha256)" from doc/wire-format.md; every verdict; the sequence
 * number window; rekeying through the next key slot; the table limit;
 * expiry; the /proc line; and concurrent verification racing rekeys,
 * deletes and copies of one message.  Each test runs on its own
 * zeroed struct omipv6_net with only the SA table set up, and checks
 * that every SA and key it made is freed once its namespace is gone.
 */
#include <asm/unaligned.h>
#include <crypto/hash.h>
#include <kunit/test.h>
#include <linux/atomic.h>
#include <linux/bitmap.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/string_helpers.h>
#include <net/ipv6.h>

#include "omipv6.h"
#include "omipv6_kunit.h"
#include "omipv6_rfc.h"
#include "omipv6_sa.h"

/* A BU with a PadN and the Kabm authenticator option: 12 + 4 + 24. */
#define SA_BU_LEN	40
#define SA_OPT_OFF	(SA_BU_LEN - 2 - OMIPV6_OPT_KABM_AUTH_LEN)

static const struct omipv6_sa_id sa_id = {
	.hoa = {{{ 0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 0,
		   0, 0, 0, 0, 0, 0, 0x01, 0x00 }}},
	.cn = {{{ 0x20, 0x01, 0x0d, 0xb8, 0, 0x0c, 0, 0,
		  0, 0, 0, 0, 0, 0, 0, 0x01 }}},
};

static const struct in6_addr sa_coa = {{{ 0x20, 0x01, 0x0d, 0xb8, 0, 2, 0, 0,
					  0, 0, 0, 0, 0, 0, 0x01, 0x00 }}};

struct sa_ctx {
	struct omipv6_net *on;
	struct crypto_shash *hmac;
	long objs;
	bool up;
};

static int sa_init(struct kunit *test)
{
	struct sa_ctx *ctx;

	ctx = kunit_kzalloc(test, sizeof(*ctx), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ctx);
	ctx->on = kunit_kzalloc(test, sizeof(*ctx->on), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ctx->on);
	ctx->hmac = crypto_alloc_shash("hmac(sha256)", 0, 0);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, ctx->hmac);
	test->priv = ctx;
	/* Whatever earlier tests freed through RCU is gone. */
	rcu_barrier();
	ctx->objs = omipv6_sa_objects();
	KUNIT_ASSERT_EQ(test, omipv6_sa_net_init(ctx->on), 0);
	ctx->up = true;
	return 0;
}

static void sa_exit(struct kunit *test)
{
	struct sa_ctx *ctx = test->priv;

	if (!ctx)
		return;
	if (ctx->up)
		omipv6_sa_net_exit(ctx->on);
	if (!IS_ERR_OR_NULL(ctx->hmac))
		crypto_free_shash(ctx->hmac);
}

/* Namespace exit, then nothing the test made may be left. */
static void sa_finish(struct kunit *test)
{
	struct sa_ctx *ctx = test->priv;

	omipv6_sa_net_exit(ctx->on);
	ctx->up = false;
	rcu_barrier();
	KUNIT_EXPECT_EQ(test, omipv6_sa_objects(), ctx->objs);
}

static void sa_key(u8 key[OMIPV6_KABM_LEN], unsigned int seed)
{
	unsigned int i;

	for (i = 0; i < OMIPV6_KABM_LEN; i++)
		key[i] = seed * 37 + i * 7 + 1;
}

/* A BU with sequence number @seq whose option carries no epoch or ICV. */
static void sa_bu(u8 m[SA_BU_LEN], u16 seq)
{
	memset(m, 0, SA_BU_LEN);
	m[OMIPV6_MH_OFF_PROTO] = OMIPV6_MH_PAYLOAD_PROTO;
	m[OMIPV6_MH_OFF_HDRLEN] = SA_BU_LEN / OMIPV6_MH_UNIT - 1;
	m[OMIPV6_MH_OFF_TYPE] = OMIPV6_MH_BU;
	/* A checksum the ICV must ignore. */
	m[OMIPV6_MH_OFF_CSUM] = 0xab;
	m[OMIPV6_MH_OFF_CSUM + 1] = 0xcd;
	put_unaligned_be16(seq, m + OMIPV6_BU_OFF_SEQ);
	put_unaligned_be16(OMIPV6_BU_F_ACK, m + OMIPV6_BU_OFF_FLAGS);
	put_unaligned_be16(100, m + OMIPV6_BU_OFF_LIFETIME);
	m[OMIPV6_BU_END] = OMIPV6_OPT_PADN;
	m[OMIPV6_BU_END + 1] = 2;
	m[SA_OPT_OFF] = OMIPV6_OPT_EXPERIMENTAL;
	m[SA_OPT_OFF + 1] = OMIPV6_OPT_KABM_AUTH_LEN;
	m[SA_OPT_OFF + 2] = OMIPV6_XOPT_KABM_AUTH;
}

/*
 * The ICV as doc/wire-format.md defines it: First(128,
 * HMAC-SHA256(Kabm, CoA | CN | MH data)), MH data being the message
 * with the checksum zero and without its last 16 octets.
 */
static void sa_ref_icv(struct kunit *test, const u8 key[OMIPV6_KABM_LEN],
		       const struct in6_addr *coa, const u8 *m,
		       unsigned int len, u8 icv[OMIPV6_KABM_ICV_LEN])
{
	struct sa_ctx *ctx = test->priv;
	SHASH_DESC_ON_STACK(desc, ctx->hmac);
	static const u8 zero[2];
	u8 digest[32];

	desc->tfm = ctx->hmac;
	KUNIT_ASSERT_EQ(test, crypto_shash_setkey(ctx->hmac, key,
						  OMIPV6_KABM_LEN), 0);
	KUNIT_ASSERT_EQ(test, crypto_shash_init(desc), 0);
	crypto_shash_update(desc, coa->s6_addr, sizeof(*coa));
	crypto_shash_update(desc, sa_id.cn.s6_addr, sizeof(sa_id.cn));
	crypto_shash_update(desc, m, OMIPV6_MH_OFF_CSUM);
	crypto_shash_update(desc, zero, sizeof(zero));
	crypto_shash_update(desc, m + OMIPV6_MH_OFF_DATA,
			    len - OMIPV6_MH_OFF_DATA - OMIPV6_KABM_ICV_LEN);
	KUNIT_ASSERT_EQ(test, crypto_shash_final(desc, digest), 0);
	memcpy(icv, digest, OMIPV6_KABM_ICV_LEN);
}

/* Sign @m with @epoch and the key of seed @seed, without the SA code. */
static void sa_ref_sign(struct kunit *test, u8 m[SA_BU_LEN], u32 epoch,
			unsigned int seed)
{
	u8 key[OMIPV6_KABM_LEN];

	sa_key(key, seed);
	put_unaligned_be32(epoch, m + SA_OPT_OFF + OMIPV6_KABM_OFF_EPOCH);
	sa_ref_icv(test, key, &sa_coa, m, SA_BU_LEN,
		   m + SA_OPT_OFF + OMIPV6_KABM_OFF_ICV);
}

/* Installs as an exchange that began with the table as it is now. */
static int sa_install(struct kunit *test, const struct omipv6_sa_id *id,
		      u32 epoch, unsigned int seed, u32 lifetime)
{
	struct sa_ctx *ctx = test->priv;
	u8 key[OMIPV6_KABM_LEN];
	struct omipv6_sa_info si;
	u32 base = 0;

	if (!omipv6_sa_get_info(ctx->on, id, &si))
		base = si.epoch;
	sa_key(key, seed);
	return omipv6_sa_install(ctx->on, id, OMIPV6_SA_SIDE_CN,
				 OMIPV6_GROUP_X25519, base, epoch, key,
				 lifetime);
}

static enum omipv6_sa_verdict sa_verify(struct kunit *test, const u8 *m,
					u16 seq, bool check_seq)
{
	struct sa_ctx *ctx = test->priv;

	return omipv6_sa_verify(ctx->on, &sa_id, &sa_coa, m, SA_BU_LEN, seq,
				check_seq);
}

static struct omipv6_sa_info sa_info(struct kunit *test)
{
	struct sa_ctx *ctx = test->priv;
	struct omipv6_sa_info si = {};

	KUNIT_EXPECT_EQ(test, omipv6_sa_get_info(ctx->on, &sa_id, &si), 0);
	return si;
}

static void sa_install_lookup_test(struct kunit *test)
{
	struct sa_ctx *ctx = test->priv;
	struct omipv6_sa_id other = sa_id;
	struct omipv6_sa_info si;
	u8 key[OMIPV6_KABM_LEN];

	sa_key(key, 1);
	KUNIT_EXPECT_FALSE(test, omipv6_sa_exists(ctx->on, &sa_id));
	KUNIT_EXPECT_EQ(test, omipv6_sa_get_info(ctx->on, &sa_id, &si),
			-ENOENT);
	KUNIT_EXPECT_EQ(test, omipv6_sa_install(ctx->on, &sa_id,
						OMIPV6_SA_SIDE_MN,
						OMIPV6_GROUP_FFDHE2048, 0, 1,
						key, 300), 0);
	KUNIT_EXPECT_TRUE(test, omipv6_sa_exists(ctx->on, &sa_id));
	KUNIT_EXPECT_EQ(test, omipv6_sa_count(ctx->on), 1U);

	si = sa_info(test);
	KUNIT_EXPECT_TRUE(test, ipv6_addr_equal(&si.id.hoa, &sa_id.hoa));
	KUNIT_EXPECT_TRUE(test, ipv6_addr_equal(&si.id.cn, &sa_id.cn));
	KUNIT_EXPECT_EQ(test, si.side, OMIPV6_SA_SIDE_MN);
	KUNIT_EXPECT_EQ(test, si.group, OMIPV6_GROUP_FFDHE2048);
	KUNIT_EXPECT_EQ(test, si.epoch, 1U);
	KUNIT_EXPECT_EQ(test, si.next_epoch, 0U);
	KUNIT_EXPECT_FALSE(test, si.have_seq);
	KUNIT_EXPECT_LE(test, si.age, 1ULL);
	KUNIT_EXPECT_LE(test, si.rekeyed, 1ULL);
	/* 300 s from install, counted in whole seconds. */
	KUNIT_EXPECT_GE(test, si.lifetime, 299U);
	KUNIT_EXPECT_LE(test, si.lifetime, 300U);
	KUNIT_EXPECT_EQ(test, si.verified + si.failed + si.replayed, 0ULL);

	/* The other direction and another home address are other pairs. */
	other.hoa = sa_id.cn;
	other.cn = sa_id.hoa;
	KUNIT_EXPECT_FALSE(test, omipv6_sa_exists(ctx->on, &other));
	other = sa_id;
	other.hoa.s6_addr[15] ^= 1;
	KUNIT_EXPECT_FALSE(test, omipv6_sa_exists(ctx->on, &other));
	KUNIT_EXPECT_EQ(test, omipv6_sa_del(ctx->on, &other), -ENOENT);
	KUNIT_EXPECT_EQ(test, sa_install(test, &other, 1, 2, 0), 0);
	KUNIT_EXPECT_EQ(test, omipv6_sa_count(ctx->on), 2U);
	KUNIT_EXPECT_EQ(test, omipv6_sa_get_info(ctx->on, &other, &si), 0);
	KUNIT_EXPECT_EQ(test, si.side, OMIPV6_SA_SIDE_CN);
	KUNIT_EXPECT_EQ(test, si.group, OMIPV6_GROUP_X25519);
	KUNIT_EXPECT_EQ(test, si.lifetime, 0U);

	/* Arguments the contract refuses. */
	KUNIT_EXPECT_EQ(test, sa_install(test, &other, 0, 2, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, omipv6_sa_install(ctx->on, &other,
						OMIPV6_SA_SIDE_CN, 3, 1, 2, key,
						0), -EINVAL);
	KUNIT_EXPECT_EQ(test, omipv6_sa_install(ctx->on, &other,
						OMIPV6_SA_SIDE_CN + 1,
						OMIPV6_GROUP_X25519, 1, 2, key,
						0), -EINVAL);
	/* A rekey may not switch sides. */
	KUNIT_EXPECT_EQ(test, omipv6_sa_install(ctx->on, &sa_id,
						OMIPV6_SA_SIDE_CN,
						OMIPV6_GROUP_X25519, 1, 2, key,
						0), -EINVAL);
	KUNIT_EXPECT_EQ(test, sa_info(test).next_epoch, 0U);

	KUNIT_EXPECT_EQ(test, omipv6_sa_del(ctx->on, &sa_id), 0);
	KUNIT_EXPECT_FALSE(test, omipv6_sa_exists(ctx->on, &sa_id));
	KUNIT_EXPECT_TRUE(test, omipv6_sa_exists(ctx->on, &other));
	KUNIT_EXPECT_EQ(test, omipv6_sa_del(ctx->on, &sa_id), -ENOENT);
	KUNIT_EXPECT_EQ(test, omipv6_sa_count(ctx->on), 1U);
	omipv6_sa_flush(ctx->on);
	KUNIT_EXPECT_EQ(test, omipv6_sa_count(ctx->on), 0U);
	KUNIT_EXPECT_FALSE(test, omipv6_sa_exists(ctx->on, &other));
	/* A deleted pair can be made again. */
	KUNIT_EXPECT_EQ(test, sa_install(test, &sa_id, 1, 1, 0), 0);
	sa_finish(test);
}

/* sign writes the epoch and the wire format's ICV; verify accepts it. */
static void sa_sign_verify_test(struct kunit *test)
{
	struct sa_ctx *ctx = test->priv;
	u8 m[SA_BU_LEN], key[OMIPV6_KABM_LEN], icv[OMIPV6_KABM_ICV_LEN];
	struct omipv6_sa_id other = sa_id;
	struct omipv6_sa_info si;
	struct omipv6_sa *sa;

	KUNIT_ASSERT_EQ(test, sa_install(test, &sa_id, 5, 9, 0), 0);
	sa_bu(m, 1);
	KUNIT_ASSERT_EQ(test, omipv6_sa_sign(ctx->on, &sa_id, &sa_coa, m,
					     SA_BU_LEN), 0);
	KUNIT_EXPECT_EQ(test, get_unaligned_be32(m + SA_OPT_OFF +
						 OMIPV6_KABM_OFF_EPOCH), 5U);
	sa_key(key, 9);
	sa_ref_icv(test, key, &sa_coa, m, SA_BU_LEN, icv);
	KUNIT_EXPECT_EQ(test, memcmp(m + SA_OPT_OFF + OMIPV6_KABM_OFF_ICV, icv,
				     sizeof(icv)), 0);

	/* The checksum is outside the ICV: it may be filled in later. */
	m[OMIPV6_MH_OFF_CSUM] = 0x12;
	m[OMIPV6_MH_OFF_CSUM + 1] = 0x34;
	KUNIT_EXPECT_EQ(test, sa_verify(test, m, 1, true), OMIPV6_SA_OK);
	si = sa_info(test);
	KUNIT_EXPECT_EQ(test, si.verified, 1ULL);
	KUNIT_EXPECT_EQ(test, si.failed, 0ULL);
	KUNIT_EXPECT_TRUE(test, si.have_seq);
	KUNIT_EXPECT_EQ(test, si.last_seq, 1);

	/* A message built without the SA code verifies the same way. */
	sa_bu(m, 2);
	sa_ref_sign(test, m, 5, 9);
	KUNIT_EXPECT_EQ(test, sa_verify(test, m, 2, true), OMIPV6_SA_OK);

	/* The two-step form, in one read-side section. */
	other.cn.s6_addr[15] ^= 1;
	sa_bu(m, 3);
	sa_ref_sign(test, m, 5, 9);
	rcu_read_lock();
	KUNIT_EXPECT_NULL(test, omipv6_sa_lookup_rcu(ctx->on, &other));
	sa = omipv6_sa_lookup_rcu(ctx->on, &sa_id);
	KUNIT_EXPECT_NOT_NULL(test, sa);
	if (sa) {
		KUNIT_EXPECT_EQ(test, omipv6_sa_check(ctx->on, sa, &sa_coa, m,
						      SA_BU_LEN, 3, true),
				OMIPV6_SA_OK);
		KUNIT_EXPECT_EQ(test, omipv6_sa_check(ctx->on, sa, &sa_coa, m,
						      SA_BU_LEN, 3, true),
				OMIPV6_SA_REPLAY);
		KUNIT_EXPECT_EQ(test, omipv6_sa_check(ctx->on, sa, &sa_coa, m,
						      SA_BU_LEN - 8, 4, true),
				OMIPV6_SA_MALFORMED);
	}
	rcu_read_unlock();
	si = sa_info(test);
	KUNIT_EXPECT_EQ(test, si.verified, 3ULL);
	KUNIT_EXPECT_EQ(test, si.replayed, 1ULL);
	KUNIT_EXPECT_EQ(test, si.last_seq, 3);
	sa_finish(test);
}

/* sign_epoch(@epoch) on a BU of @seq matches the reference signature. */
static void sa_sign_epoch_check(struct kunit *test, u8 m[SA_BU_LEN],
				u16 seq, u32 epoch)
{
	struct sa_ctx *ctx = test->priv;
	u8 r[SA_BU_LEN];

	sa_bu(m, seq);
	KUNIT_ASSERT_EQ(test, omipv6_sa_sign_epoch(ctx->on, &sa_id, epoch,
						   &sa_coa, m, SA_BU_LEN), 0);
	memcpy(r, m, SA_BU_LEN);
	sa_ref_sign(test, r, epoch, epoch);
	KUNIT_EXPECT_EQ(test, memcmp(m, r, SA_BU_LEN), 0);
}

/*
 * sign_epoch: an answer carries the epoch and key of the slot named,
 * the current one while a next key waits, and no slot is made up.
 */
static void sa_sign_epoch_test(struct kunit *test)
{
	struct sa_ctx *ctx = test->priv;
	u8 m[SA_BU_LEN];

	KUNIT_ASSERT_EQ(test, sa_install(test, &sa_id, 1, 1, 0), 0);
	KUNIT_ASSERT_EQ(test, sa_install(test, &sa_id, 2, 2, 0), 0);
	sa_sign_epoch_check(test, m, 1, 1);
	KUNIT_EXPECT_EQ(test, sa_verify(test, m, 1, false), OMIPV6_SA_OK);
	KUNIT_EXPECT_EQ(test, sa_info(test).next_epoch, 2U);

	sa_sign_epoch_check(test, m, 2, 2);
	KUNIT_EXPECT_EQ(test, omipv6_sa_sign_epoch(ctx->on, &sa_id, 3,
						   &sa_coa, m, SA_BU_LEN),
			-ENOENT);
	KUNIT_EXPECT_EQ(test, sa_verify(test, m, 2, false), OMIPV6_SA_OK);
	/* Promoted: epoch 1 is gone, for signing too. */
	KUNIT_EXPECT_EQ(test, omipv6_sa_sign_epoch(ctx->on, &sa_id, 1,
						   &sa_coa, m, SA_BU_LEN),
			-ENOENT);
	sa_finish(test);
}

/* Tampering anywhere the ICV covers; an epoch no slot has. */
static void sa_bad_icv_epoch_test(struct kunit *test)
{
	struct sa_ctx *ctx = test->priv;
	u8 m[SA_BU_LEN], t[SA_BU_LEN];
	struct in6_addr coa = sa_coa;
	unsigned int i;

	KUNIT_ASSERT_EQ(test, sa_install(test, &sa_id, 1, 1, 0), 0);
	sa_bu(m, 1);
	KUNIT_ASSERT_EQ(test, omipv6_sa_sign(ctx->on, &sa_id, &sa_coa, m,
					     SA_BU_LEN), 0);

	/* Every octet but the checksum and the option's own header. */
	for (i = 0; i < SA_BU_LEN; i++) {
		if (i == OMIPV6_MH_OFF_CSUM || i == OMIPV6_MH_OFF_CSUM + 1 ||
		    (i >= SA_OPT_OFF && i < SA_OPT_OFF + 3))
			continue;
		memcpy(t, m, sizeof(t));
		t[i] ^= 0x01;
		KUNIT_EXPECT_EQ_MSG(test, sa_verify(test, t, 1, false),
				    i >= SA_OPT_OFF + OMIPV6_KABM_OFF_EPOCH &&
				    i < SA_OPT_OFF + OMIPV6_KABM_OFF_ICV ?
				    OMIPV6_SA_BAD_EPOCH : OMIPV6_SA_BAD_ICV,
				    "octet %u", i);
	}
	/* Another care-of address. */
	coa.s6_addr[15] ^= 1;
	KUNIT_EXPECT_EQ(test, omipv6_sa_verify(ctx->on, &sa_id, &coa, m,
					       SA_BU_LEN, 1, false),
			OMIPV6_SA_BAD_ICV);
	/* The right ICV under an epoch the SA does not hold. */
	memcpy(t, m, sizeof(t));
	sa_ref_sign(test, t, 2, 1);
	KUNIT_EXPECT_EQ(test, sa_verify(test, t, 1, false),
			OMIPV6_SA_BAD_EPOCH);
	put_unaligned_be32(0, t + SA_OPT_OFF + OMIPV6_KABM_OFF_EPOCH);
	KUNIT_EXPECT_EQ(test, sa_verify(test, t, 1, false),
			OMIPV6_SA_BAD_EPOCH);
	/* Another key under the right epoch. */
	sa_ref_sign(test, t, 1, 2);
	KUNIT_EXPECT_EQ(test, sa_verify(test, t, 1, false), OMIPV6_SA_BAD_ICV);

	KUNIT_EXPECT_EQ(test, sa_info(test).failed,
			(u64)(SA_BU_LEN - 5) + 4);
	KUNIT_EXPECT_EQ(test, sa_info(test).verified, 0ULL);
	/* Failures do not record sequence numbers. */
	KUNIT_EXPECT_FALSE(test, sa_info(test).have_seq);
	KUNIT_EXPECT_EQ(test, sa_verify(test, m, 1, true), OMIPV6_SA_OK);
	sa_finish(test);
}

/* Messages that do not end in the option, and pairs without an SA. */
static void sa_malformed_test(struct kunit *test)
{
	struct sa_ctx *ctx = test->priv;
	struct omipv6_sa_id other = sa_id;
	u8 m[SA_BU_LEN], t[SA_BU_LEN];
	unsigned int i;

	KUNIT_ASSERT_EQ(test, sa_install(test, &sa_id, 1, 1, 0), 0);
	sa_bu(m, 1);
	KUNIT_ASSERT_EQ(test, omipv6_sa_sign(ctx->on, &sa_id, &sa_coa, m,
					     SA_BU_LEN), 0);

	/* Wrong Type, Length or subtype. */
	for (i = 0; i < 3; i++) {
		memcpy(t, m, sizeof(t));
		t[SA_OPT_OFF + i] ^= 0x40;
		KUNIT_EXPECT_EQ(test, sa_verify(test, t, 1, false),
				OMIPV6_SA_MALFORMED);
		KUNIT_EXPECT_EQ(test, omipv6_sa_sign(ctx->on, &sa_id, &sa_coa,
						     t, SA_BU_LEN), -EINVAL);
	}
	/* The option not at the end: a message cut short or padded. */
	KUNIT_EXPECT_EQ(test, omipv6_sa_verify(ctx->on, &sa_id, &sa_coa, m,
					       SA_BU_LEN - 8, 1, false),
			OMIPV6_SA_MALFORMED);
	KUNIT_EXPECT_EQ(test, omipv6_sa_verify(ctx->on, &sa_id, &sa_coa, m,
					       SA_BU_LEN - 1, 1, false),
			OMIPV6_SA_MALFORMED);
	/* The option at the end of a length that is no MH's. */
	memcpy(t, m, sizeof(t));
	KUNIT_EXPECT_EQ(test, omipv6_sa_verify(ctx->on, &sa_id, &sa_coa,
					       t + 4, SA_BU_LEN - 4, 1, false),
			OMIPV6_SA_MALFORMED);
	KUNIT_EXPECT_EQ(test, omipv6_sa_sign(ctx->on, &sa_id, &sa_coa, t + 4,
					     SA_BU_LEN - 4), -EINVAL);
	/* Too short to hold the header and the option. */
	KUNIT_EXPECT_EQ(test, omipv6_sa_verify(ctx->on, &sa_id, &sa_coa,
					       m + SA_OPT_OFF,
					       2 + OMIPV6_OPT_KABM_AUTH_LEN, 1,
					       false), OMIPV6_SA_MALFORMED);
	KUNIT_EXPECT_EQ(test, omipv6_sa_verify(ctx->on, &sa_id, &sa_coa, m, 0,
					       1, false), OMIPV6_SA_MALFORMED);
	/* None of that touched the SA. */
	KUNIT_EXPECT_EQ(test, sa_info(test).failed, 0ULL);

	/* No SA: verify says so, sign refuses and leaves the ICV alone. */
	other.cn.s6_addr[15] ^= 1;
	memcpy(t, m, sizeof(t));
	KUNIT_EXPECT_EQ(test, omipv6_sa_verify(ctx->on, &other, &sa_coa, m,
					       SA_BU_LEN, 1, false),
			OMIPV6_SA_NONE);
	KUNIT_EXPECT_EQ(test, omipv6_sa_sign(ctx->on, &other, &sa_coa, t,
					     SA_BU_LEN), -ENOENT);
	KUNIT_EXPECT_EQ(test, memcmp(t, m, sizeof(t)), 0);
	KUNIT_EXPECT_EQ(test, omipv6_sa_del(ctx->on, &sa_id), 0);
	KUNIT_EXPECT_EQ(test, sa_verify(test, m, 1, false), OMIPV6_SA_NONE);
	sa_finish(test);
}

struct sa_seq_case {
	u16 seq;
	bool check;
	enum omipv6_sa_verdict v;
};

/* The modulo-2^16 window of omipv6_seq_newer(), step by step. */
static void sa_seq_window_test(struct kunit *test)
{
	static const struct sa_seq_case steps[] = {
		{ 100, true, OMIPV6_SA_OK },		/* first: any */
		{ 100, true, OMIPV6_SA_REPLAY },	/* equal */
		{ 101, true, OMIPV6_SA_OK },		/* +1 */
		{ 100, true, OMIPV6_SA_REPLAY },	/* old */
		{ 101 + 0x8000, true, OMIPV6_SA_REPLAY },	/* +0x8000 */
		{ 101 + 0x7fff, true, OMIPV6_SA_OK },	/* +0x7fff */
		{ 101 + 0x7ffe, true, OMIPV6_SA_REPLAY },	/* old */
		{ 101, true, OMIPV6_SA_REPLAY },	/* -0x7fff */
		{ 0xffff, true, OMIPV6_SA_OK },		/* +0x7f9b */
		{ 0, true, OMIPV6_SA_OK },		/* wraps around */
		{ 0xffff, true, OMIPV6_SA_REPLAY },
		{ 0xffff, false, OMIPV6_SA_OK },	/* not checked ... */
		{ 0, true, OMIPV6_SA_REPLAY },		/* ... nor recorded */
		{ 0x7fff, true, OMIPV6_SA_OK },		/* 0 + 0x7fff */
		{ 0xffff, true, OMIPV6_SA_REPLAY },	/* 0x7fff + 0x8000 */
	};
	struct sa_ctx *ctx = test->priv;
	unsigned int i, ok = 0, replayed = 0;
	struct omipv6_sa_info si;
	u8 m[SA_BU_LEN];

	KUNIT_ASSERT_EQ(test, sa_install(test, &sa_id, 1, 1, 0), 0);
	sa_bu(m, 0);
	KUNIT_ASSERT_EQ(test, omipv6_sa_sign(ctx->on, &sa_id, &sa_coa, m,
					     SA_BU_LEN), 0);
	for (i = 0; i < ARRAY_SIZE(steps); i++) {
		KUNIT_EXPECT_EQ_MSG(test, sa_verify(test, m, steps[i].seq,
						    steps[i].check),
				    steps[i].v, "step %u seq %#x", i,
				    steps[i].seq);
		if (steps[i].v == OMIPV6_SA_OK)
			ok++;
		else
			replayed++;
	}
	si = sa_info(test);
	KUNIT_EXPECT_EQ(test, si.verified, (u64)ok);
	KUNIT_EXPECT_EQ(test, si.replayed, (u64)replayed);
	KUNIT_EXPECT_EQ(test, si.failed, 0ULL);
	KUNIT_EXPECT_EQ(test, si.last_seq, 0x7fff);
	sa_finish(test);
}

/*
 * Rekey: both keys verify until a message verifies under the new one,
 * then only the new one; signing moves to the new key at once.
 */
static void sa_rekey_test(struct kunit *test)
{
	struct sa_ctx *ctx = test->priv;
	u8 m1[SA_BU_LEN], m2[SA_BU_LEN], m3[SA_BU_LEN], s[SA_BU_LEN];
	struct omipv6_sa_info si;

	KUNIT_ASSERT_EQ(test, sa_install(test, &sa_id, 1, 1, 600), 0);
	sa_bu(m1, 1);
	sa_ref_sign(test, m1, 1, 1);
	sa_bu(m2, 2);
	sa_ref_sign(test, m2, 2, 2);
	KUNIT_EXPECT_EQ(test, sa_verify(test, m2, 2, false),
			OMIPV6_SA_BAD_EPOCH);

	KUNIT_ASSERT_EQ(test, sa_install(test, &sa_id, 2, 2, 900), 0);
	si = sa_info(test);
	KUNIT_EXPECT_EQ(test, si.epoch, 1U);
	KUNIT_EXPECT_EQ(test, si.next_epoch, 2U);
	/* The lifetime waits for the new key to be proven. */
	KUNIT_EXPECT_GE(test, si.lifetime, 598U);
	KUNIT_EXPECT_LE(test, si.lifetime, 600U);
	/* Signing uses the newest key. */
	sa_bu(s, 3);
	KUNIT_ASSERT_EQ(test, omipv6_sa_sign(ctx->on, &sa_id, &sa_coa, s,
					     SA_BU_LEN), 0);
	KUNIT_EXPECT_EQ(test, get_unaligned_be32(s + SA_OPT_OFF +
						 OMIPV6_KABM_OFF_EPOCH), 2U);
	/* Epoch 1 keeps verifying and promotes nothing. */
	KUNIT_EXPECT_EQ(test, sa_verify(test, m1, 1, false), OMIPV6_SA_OK);
	KUNIT_EXPECT_EQ(test, sa_verify(test, m1, 1, false), OMIPV6_SA_OK);
	KUNIT_EXPECT_EQ(test, sa_info(test).next_epoch, 2U);
	/* A replayed message under epoch 2 does not promote it either. */
	KUNIT_EXPECT_EQ(test, sa_verify(test, m1, 7, true), OMIPV6_SA_OK);
	KUNIT_EXPECT_EQ(test, sa_verify(test, m2, 7, true), OMIPV6_SA_REPLAY);
	KUNIT_EXPECT_EQ(test, sa_info(test).epoch, 1U);
	KUNIT_EXPECT_LE(test, sa_info(test).lifetime, 600U);
	/* The first message under epoch 2 promotes it: 900 s from now. */
	KUNIT_EXPECT_EQ(test, sa_verify(test, s, 8, true), OMIPV6_SA_OK);
	si = sa_info(test);
	KUNIT_EXPECT_EQ(test, si.epoch, 2U);
	KUNIT_EXPECT_EQ(test, si.next_epoch, 0U);
	KUNIT_EXPECT_EQ(test, si.last_seq, 8);
	KUNIT_EXPECT_GE(test, si.lifetime, 899U);
	KUNIT_EXPECT_LE(test, si.lifetime, 900U);
	KUNIT_EXPECT_EQ(test, sa_verify(test, m1, 9, false),
			OMIPV6_SA_BAD_EPOCH);
	KUNIT_EXPECT_EQ(test, sa_verify(test, m2, 9, false), OMIPV6_SA_OK);

	/* Epochs not newer than the current one are refused. */
	KUNIT_EXPECT_EQ(test, sa_install(test, &sa_id, 2, 5, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, sa_install(test, &sa_id, 1, 5, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, sa_verify(test, m2, 9, false), OMIPV6_SA_OK);

	/* An unpromoted next key is replaced by a later install. */
	KUNIT_ASSERT_EQ(test, sa_install(test, &sa_id, 3, 3, 0), 0);
	sa_bu(m3, 3);
	sa_ref_sign(test, m3, 3, 3);
	KUNIT_ASSERT_EQ(test, sa_install(test, &sa_id, 3, 4, 0), 0);
	KUNIT_EXPECT_EQ(test, sa_verify(test, m3, 3, false),
			OMIPV6_SA_BAD_ICV);
	sa_ref_sign(test, m3, 3, 4);
	KUNIT_ASSERT_EQ(test, sa_install(test, &sa_id, 4, 5, 0), 0);
	KUNIT_EXPECT_EQ(test, sa_verify(test, m3, 3, false),
			OMIPV6_SA_BAD_EPOCH);
	/* ... but not by an older one. */
	KUNIT_EXPECT_EQ(test, sa_install(test, &sa_id, 3, 4, 0), -EINVAL);
	si = sa_info(test);
	KUNIT_EXPECT_EQ(test, si.epoch, 2U);
	KUNIT_EXPECT_EQ(test, si.next_epoch, 4U);
	/* Unpromoted installs left epoch 2's lifetime alone. */
	KUNIT_EXPECT_GE(test, si.lifetime, 898U);
	KUNIT_EXPECT_LE(test, si.lifetime, 900U);
	sa_finish(test);
}

/* Installs epoch @epoch of key @key, begun from @base. */
static int sa_install_from(struct kunit *test, u32 base, u32 epoch,
			   const u8 *key)
{
	struct sa_ctx *ctx = test->priv;

	return omipv6_sa_install(ctx->on, &sa_id, OMIPV6_SA_SIDE_CN,
				 OMIPV6_GROUP_X25519, base, epoch, key, 0);
}

static void sa_epochs_are(struct kunit *test, u32 epoch, u32 next)
{
	struct omipv6_sa_info si = sa_info(test);

	KUNIT_EXPECT_EQ(test, si.epoch, epoch);
	KUNIT_EXPECT_EQ(test, si.next_epoch, next);
}

/*
 * An install follows the state its exchange was authorized against: an
 * exchange that began without an SA never rekeys one, and a rekey
 * never follows a key that is no longer current.
 */
static void sa_install_stale_test(struct kunit *test)
{
	struct sa_ctx *ctx = test->priv;
	u8 key[OMIPV6_KABM_LEN], m[SA_BU_LEN];

	sa_key(key, 7);
	/* A rekey of an SA that does not exist. */
	KUNIT_EXPECT_EQ(test, sa_install_from(test, 1, 2, key), -ESTALE);
	KUNIT_EXPECT_FALSE(test, omipv6_sa_exists(ctx->on, &sa_id));
	KUNIT_ASSERT_EQ(test, sa_install(test, &sa_id, 1, 1, 0), 0);
	/* A Kbm exchange racing the first one: no rekey, no new key. */
	KUNIT_EXPECT_EQ(test, sa_install_from(test, 0, 2, key), -ESTALE);
	KUNIT_EXPECT_EQ(test, sa_install_from(test, 0, 1, key), -ESTALE);
	/* A base that was never current. */
	KUNIT_EXPECT_EQ(test, sa_install_from(test, 2, 3, key), -ESTALE);
	sa_epochs_are(test, 1, 0);
	/* The rekey under the current key, then its first BU. */
	KUNIT_ASSERT_EQ(test, sa_install_from(test, 1, 2, key), 0);
	KUNIT_EXPECT_EQ(test, sa_info(test).next_epoch, 2U);
	sa_bu(m, 5);
	sa_ref_sign(test, m, 2, 7);
	KUNIT_EXPECT_EQ(test, sa_verify(test, m, 5, true), OMIPV6_SA_OK);
	KUNIT_EXPECT_EQ(test, sa_info(test).epoch, 2U);
	/* A rekey begun under epoch 1 no longer fits. */
	KUNIT_EXPECT_EQ(test, sa_install_from(test, 1, 3, key), -ESTALE);
	sa_epochs_are(test, 2, 0);
	KUNIT_EXPECT_EQ(test, sa_install_from(test, 2, 3, key), 0);
	KUNIT_EXPECT_EQ(test, sa_info(test).next_epoch, 3U);
	memzero_explicit(key, sizeof(key));
	sa_finish(test);
}

/* The table refuses SAs beyond its maximum; rekeys still work. */
static void sa_max_test(struct kunit *test)
{
	struct sa_ctx *ctx = test->priv;
	struct omipv6_sa_id ids[5];
	unsigned int i;

	KUNIT_EXPECT_EQ(test, ctx->on->sat.max, (unsigned int)OMIPV6_SA_MAX);
	ctx->on->sat.max = 4;
	for (i = 0; i < ARRAY_SIZE(ids); i++) {
		ids[i] = sa_id;
		ids[i].hoa.s6_addr[14] = i + 1;
	}
	for (i = 0; i < 4; i++)
		KUNIT_EXPECT_EQ(test, sa_install(test, &ids[i], 1, i, 0), 0);
	KUNIT_EXPECT_EQ(test, sa_install(test, &ids[4], 1, 4, 0), -ENOSPC);
	KUNIT_EXPECT_FALSE(test, omipv6_sa_exists(ctx->on, &ids[4]));
	KUNIT_EXPECT_EQ(test, omipv6_sa_count(ctx->on), 4U);
	KUNIT_EXPECT_EQ(test, sa_install(test, &ids[0], 2, 9, 0), 0);
	KUNIT_EXPECT_EQ(test, omipv6_sa_del(ctx->on, &ids[2]), 0);
	KUNIT_EXPECT_EQ(test, sa_install(test, &ids[4], 1, 4, 0), 0);
	KUNIT_EXPECT_EQ(test, omipv6_sa_count(ctx->on), 4U);
	for (i = 0; i < ARRAY_SIZE(ids); i++)
		KUNIT_EXPECT_EQ(test, omipv6_sa_exists(ctx->on, &ids[i]),
				i != 2);
	/* Installs end with the namespace. */
	ctx->on->sat.dying = true;
	KUNIT_EXPECT_EQ(test, sa_install(test, &ids[2], 1, 2, 0), -ESHUTDOWN);
	KUNIT_EXPECT_EQ(test, sa_install(test, &ids[0], 3, 2, 0), -ESHUTDOWN);
	/* Namespace exit with SAs in the table frees them all. */
	sa_finish(test);
}

/*
 * A promotion that shortens the SA's life also brings the expiry work
 * forward: the SA leaves the table when its new lifetime ends, not when
 * the old one would have.
 */
static void sa_renew_expiry_test(struct kunit *test)
{
	struct sa_ctx *ctx = test->priv;
	unsigned int i;
	u8 m[SA_BU_LEN];

	KUNIT_ASSERT_EQ(test, sa_install(test, &sa_id, 1, 1, 600), 0);
	KUNIT_ASSERT_EQ(test, sa_install(test, &sa_id, 2, 2, 1), 0);
	sa_bu(m, 1);
	sa_ref_sign(test, m, 2, 2);
	KUNIT_EXPECT_EQ(test, sa_verify(test, m, 1, true), OMIPV6_SA_OK);
	KUNIT_EXPECT_EQ(test, sa_info(test).epoch, 2U);
	for (i = 0; i < 40 && omipv6_sa_count(ctx->on); i++)
		msleep(100);
	KUNIT_EXPECT_EQ(test, omipv6_sa_count(ctx->on), 0U);
	sa_finish(test);
}

/* An SA whose lifetime ran out is gone at once, and removed by gc. */
static void sa_expiry_test(struct kunit *test)
{
	struct sa_ctx *ctx = test->priv;
	struct omipv6_sa_id other = sa_id;
	unsigned int i;
	u8 m[SA_BU_LEN];

	other.hoa.s6_addr[14] = 0x42;
	KUNIT_ASSERT_EQ(test, sa_install(test, &sa_id, 1, 1, 1), 0);
	KUNIT_ASSERT_EQ(test, sa_install(test, &other, 1, 1, 0), 0);
	sa_bu(m, 1);
	KUNIT_ASSERT_EQ(test, omipv6_sa_sign(ctx->on, &sa_id, &sa_coa, m,
					     SA_BU_LEN), 0);
	KUNIT_EXPECT_EQ(test, sa_verify(test, m, 1, false), OMIPV6_SA_OK);

	/* Lifetime 1 ends within 2 s of whole-second clock. */
	for (i = 0; i < 30 && omipv6_sa_exists(ctx->on, &sa_id); i++)
		msleep(100);
	KUNIT_EXPECT_FALSE(test, omipv6_sa_exists(ctx->on, &sa_id));
	KUNIT_EXPECT_EQ(test, sa_verify(test, m, 1, false), OMIPV6_SA_NONE);
	KUNIT_EXPECT_EQ(test, omipv6_sa_sign(ctx->on, &sa_id, &sa_coa, m,
					     SA_BU_LEN), -ENOENT);
	/* The expiry work removes it within its period. */
	for (i = 0; i < 30 && omipv6_sa_count(ctx->on) != 1; i++)
		msleep(100);
	KUNIT_EXPECT_EQ(test, omipv6_sa_count(ctx->on), 1U);
	KUNIT_EXPECT_TRUE(test, omipv6_sa_exists(ctx->on, &other));
	/* The pair can be made again. */
	KUNIT_EXPECT_EQ(test, sa_install(test, &sa_id, 1, 1, 0), 0);
	KUNIT_EXPECT_EQ(test, sa_verify(test, m, 1, false), OMIPV6_SA_OK);
	sa_finish(test);
}

struct sa_field {
	const char *name;
	const char *str;	/* the value, or NULL: a number in lo..hi */
	u64 lo;
	u64 hi;
};

/* @line is "sa" and exactly @fields, in order. */
static void sa_check_line(struct kunit *test, char *line,
			  const struct sa_field *fields, unsigned int n)
{
	unsigned int i;
	char *tok, *eq;
	u64 v;

	KUNIT_ASSERT_NOT_NULL(test, line);
	KUNIT_EXPECT_STREQ(test, strsep(&line, " "), "sa");
	for (i = 0; i < n; i++) {
		tok = strsep(&line, " ");
		KUNIT_ASSERT_NOT_NULL_MSG(test, tok, "no field %s",
					  fields[i].name);
		eq = strchr(tok, '=');
		KUNIT_ASSERT_NOT_NULL_MSG(test, eq, "field %s", tok);
		*eq++ = '\0';
		KUNIT_EXPECT_STREQ(test, tok, fields[i].name);
		if (fields[i].str) {
			KUNIT_EXPECT_STREQ_MSG(test, eq, fields[i].str,
					       "field %s", tok);
			continue;
		}
		KUNIT_EXPECT_EQ_MSG(test, kstrtou64(eq, 10, &v), 0, "field %s",
				    tok);
		KUNIT_EXPECT_GE_MSG(test, v, fields[i].lo, "field %s", tok);
		KUNIT_EXPECT_LE_MSG(test, v, fields[i].hi, "field %s", tok);
	}
	KUNIT_EXPECT_NULL_MSG(test, line, "after the last field: %s", line);
}

/* The /proc lines: every field, and no key material. */
static void sa_seq_show_test(struct kunit *test)
{
	/* age and rekeyed read 1 if a second boundary passed. */
	static const struct sa_field first[] = {
		{ "hoa", "2001:db8:1::100" }, { "cn", "2001:db8:c::1" },
		{ "side", "cn" }, { "state", "rekeying" },
		{ "group", "x25519" }, { "epoch", "1" },
		{ "next_epoch", "2" }, { "age", NULL, 0, 1 },
		{ "rekeyed", NULL, 0, 1 }, { "lifetime", "0" },
		{ "last_seq", "7" }, { "verified", "1" }, { "failed", "1" },
		{ "replayed", "1" },
	};
	static const struct sa_field second[] = {
		{ "hoa", "2001:db8:2::100" }, { "cn", "2001:db8:c::1" },
		{ "side", "mn" }, { "state", "active" },
		{ "group", "ffdhe2048" }, { "epoch", "3" },
		{ "next_epoch", "0" }, { "age", NULL, 0, 1 },
		{ "rekeyed", NULL, 0, 1 }, { "lifetime", NULL, 3599, 3600 },
		{ "last_seq", "-" }, { "verified", "0" }, { "failed", "0" },
		{ "replayed", "0" },
	};
	struct sa_ctx *ctx = test->priv;
	struct omipv6_sa_id other = sa_id;
	u8 m[SA_BU_LEN], t[SA_BU_LEN], key[OMIPV6_KABM_LEN];
	struct seq_file sf = {};
	char hex[2 * 8 + 1];
	unsigned int i;
	char *p;

	sf.size = PAGE_SIZE;
	sf.buf = kunit_kzalloc(test, sf.size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, sf.buf);

	omipv6_sa_seq_show(&sf, ctx->on);
	KUNIT_EXPECT_EQ(test, sf.count, (size_t)0);

	other.hoa = sa_coa;
	sa_key(key, 3);
	KUNIT_ASSERT_EQ(test, sa_install(test, &sa_id, 1, 1, 0), 0);
	KUNIT_ASSERT_EQ(test, omipv6_sa_install(ctx->on, &other,
						OMIPV6_SA_SIDE_MN,
						OMIPV6_GROUP_FFDHE2048, 0, 3,
						key, 3600), 0);
	KUNIT_ASSERT_EQ(test, sa_install(test, &sa_id, 2, 2, 0), 0);
	sa_bu(m, 7);
	sa_ref_sign(test, m, 1, 1);
	KUNIT_EXPECT_EQ(test, sa_verify(test, m, 7, true), OMIPV6_SA_OK);
	KUNIT_EXPECT_EQ(test, sa_verify(test, m, 7, true), OMIPV6_SA_REPLAY);
	memcpy(t, m, sizeof(t));
	t[8] ^= 1;
	KUNIT_EXPECT_EQ(test, sa_verify(test, t, 8, true), OMIPV6_SA_BAD_ICV);

	omipv6_sa_seq_show(&sf, ctx->on);
	KUNIT_ASSERT_LT(test, sf.count, sf.size);
	sf.buf[sf.count] = '\0';

	/* No run of key octets, in either case of hex, shows. */
	for (i = 1; i <= 3; i++) {
		sa_key(key, i);
		snprintf(hex, sizeof(hex), "%*phN", 8, key);
		KUNIT_EXPECT_NULL(test, strstr(sf.buf, hex));
		string_upper(hex, hex);
		KUNIT_EXPECT_NULL(test, strstr(sf.buf, hex));
	}

	/* Two lines in install order, each ending in a newline. */
	p = sf.buf;
	sa_check_line(test, strsep(&p, "\n"), first, ARRAY_SIZE(first));
	sa_check_line(test, strsep(&p, "\n"), second, ARRAY_SIZE(second));
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_STREQ(test, p, "");
	sa_finish(test);
}

/* Concurrency: a bounded run of threads against one SA. */
#define SA_RUN_MS	1000
#define SA_EPOCHS	6

struct sa_churn {
	struct omipv6_net *on;
	u8 good[SA_EPOCHS + 1][SA_BU_LEN];
	u8 bad[SA_EPOCHS + 1][SA_BU_LEN];
	atomic_t impossible;
	atomic_long_t ok;
	atomic_long_t bad_icv;
	atomic_long_t bad_epoch;
	atomic_long_t none;
	atomic_long_t rekeys;
	atomic_long_t promoted;
	atomic_long_t signed_ok;
	atomic_t running;
};

static void sa_churn_note(struct sa_churn *c, enum omipv6_sa_verdict v,
			  unsigned int allowed)
{
	if (!(allowed & BIT(v))) {
		atomic_inc(&c->impossible);
		return;
	}
	switch (v) {
	case OMIPV6_SA_OK:
		atomic_long_inc(&c->ok);
		break;
	case OMIPV6_SA_BAD_ICV:
		atomic_long_inc(&c->bad_icv);
		break;
	case OMIPV6_SA_BAD_EPOCH:
		atomic_long_inc(&c->bad_epoch);
		break;
	case OMIPV6_SA_NONE:
		atomic_long_inc(&c->none);
		break;
	default:
		break;
	}
}

/*
 * Key K(e) for epoch e, always: so a message signed under epoch e
 * verifies under any slot that names e, and BAD_ICV for it would mean a
 * torn key or epoch.
 */
static int sa_churn_verifier(void *arg)
{
	const unsigned int any = BIT(OMIPV6_SA_NONE) |
				 BIT(OMIPV6_SA_BAD_EPOCH);
	struct sa_churn *c = arg;
	struct omipv6_sa_info si;
	unsigned int i = 0, e;
	u8 m[SA_BU_LEN];
	int err;

	atomic_inc(&c->running);
	while (!kthread_should_stop()) {
		e = 1 + i++ % SA_EPOCHS;
		sa_churn_note(c, omipv6_sa_verify(c->on, &sa_id, &sa_coa,
						  c->good[e], SA_BU_LEN, 0,
						  false),
			      any | BIT(OMIPV6_SA_OK));
		sa_churn_note(c, omipv6_sa_verify(c->on, &sa_id, &sa_coa,
						  c->bad[e], SA_BU_LEN, 0,
						  false),
			      any | BIT(OMIPV6_SA_BAD_ICV));
		sa_bu(m, i);
		err = omipv6_sa_sign(c->on, &sa_id, &sa_coa, m, SA_BU_LEN);
		if (!err) {
			atomic_long_inc(&c->signed_ok);
			sa_churn_note(c, omipv6_sa_verify(c->on, &sa_id,
							  &sa_coa, m,
							  SA_BU_LEN, i, true),
				      any | BIT(OMIPV6_SA_OK) |
				      BIT(OMIPV6_SA_REPLAY));
		} else if (err != -ENOENT) {
			atomic_inc(&c->impossible);
		}
		if (!omipv6_sa_get_info(c->on, &sa_id, &si) &&
		    (si.epoch < 1 || si.epoch > SA_EPOCHS ||
		     (si.next_epoch && si.next_epoch <= si.epoch)))
			atomic_inc(&c->impossible);
		cond_resched();
	}
	return 0;
}

/* Installs epochs 1..SA_EPOCHS in turn, then deletes and starts over. */
static int sa_churn_rekeyer(void *arg)
{
	struct sa_churn *c = arg;
	u8 key[OMIPV6_KABM_LEN];
	struct omipv6_sa_info si;
	u32 epoch = 1, base;
	int err;

	atomic_inc(&c->running);
	while (!kthread_should_stop()) {
		sa_key(key, epoch);
		/*
		 * A verifier may promote the next key between the read
		 * and the install (-ESTALE), once: then there is none.
		 */
		do {
			base = omipv6_sa_get_info(c->on, &sa_id, &si) ? 0 :
			       si.epoch;
			err = omipv6_sa_install(c->on, &sa_id,
						OMIPV6_SA_SIDE_CN,
						OMIPV6_GROUP_X25519, base,
						epoch, key, 0);
		} while (err == -ESTALE);
		if (err)
			atomic_inc(&c->impossible);
		atomic_long_inc(&c->rekeys);
		usleep_range(50, 200);
		if (!omipv6_sa_get_info(c->on, &sa_id, &si) &&
		    si.epoch == epoch && epoch > 1)
			atomic_long_inc(&c->promoted);
		if (epoch++ == SA_EPOCHS) {
			if (omipv6_sa_del(c->on, &sa_id))
				atomic_inc(&c->impossible);
			epoch = 1;
			usleep_range(50, 200);
		}
	}
	memzero_explicit(key, sizeof(key));
	return 0;
}

static void sa_concurrent_churn_test(struct kunit *test)
{
	struct sa_ctx *ctx = test->priv;
	struct task_struct *t[3];
	struct sa_churn *c;
	unsigned int i;
	u32 e;

	c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, c);
	c->on = ctx->on;
	for (e = 1; e <= SA_EPOCHS; e++) {
		sa_bu(c->good[e], e);
		sa_ref_sign(test, c->good[e], e, e);
		memcpy(c->bad[e], c->good[e], SA_BU_LEN);
		c->bad[e][SA_BU_LEN - 1] ^= 0x80;
	}

	for (i = 0; i < ARRAY_SIZE(t); i++) {
		t[i] = kthread_run(i ? sa_churn_verifier : sa_churn_rekeyer, c,
				   "omipv6_sa_test/%u", i);
		if (IS_ERR(t[i])) {
			while (i--)
				kthread_stop(t[i]);
			KUNIT_FAIL(test, "kthread_run failed");
			return;
		}
	}
	/* All of them run for SA_RUN_MS (a slow guest starts them late). */
	for (i = 0; i < 1000 && atomic_read(&c->running) < ARRAY_SIZE(t); i++)
		msleep(20);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->running), (int)ARRAY_SIZE(t));
	msleep(SA_RUN_MS);
	for (i = 0; i < ARRAY_SIZE(t); i++)
		kthread_stop(t[i]);

	kunit_info(test,
		   "rekeys %ld promoted %ld ok %ld bad_icv %ld bad_epoch %ld none %ld signed %ld\n",
		   atomic_long_read(&c->rekeys),
		   atomic_long_read(&c->promoted), atomic_long_read(&c->ok),
		   atomic_long_read(&c->bad_icv),
		   atomic_long_read(&c->bad_epoch),
		   atomic_long_read(&c->none),
		   atomic_long_read(&c->signed_ok));
	KUNIT_EXPECT_EQ(test, atomic_read(&c->impossible), 0);
	/* The run exercised what it was meant to. */
	KUNIT_EXPECT_GT(test, atomic_long_read(&c->rekeys), (long)SA_EPOCHS);
	KUNIT_EXPECT_GT(test, atomic_long_read(&c->ok), 0L);
	KUNIT_EXPECT_GT(test, atomic_long_read(&c->bad_icv), 0L);
	KUNIT_EXPECT_GT(test, atomic_long_read(&c->bad_epoch), 0L);
	KUNIT_EXPECT_GT(test, atomic_long_read(&c->signed_ok), 0L);
	sa_finish(test);
}

#define SA_RACE_SEQS	3000

struct sa_race {
	struct omipv6_net *on;
	const u8 *m;
	unsigned long *accepted;
	atomic_t twice;
	atomic_t impossible;
	atomic_t running;
	struct completion done;
};

/* Every thread verifies the same message with sequence numbers 1..N. */
static int sa_race_thread(void *arg)
{
	struct sa_race *r = arg;
	enum omipv6_sa_verdict v;
	unsigned int seq;

	for (seq = 1; seq <= SA_RACE_SEQS; seq++) {
		v = omipv6_sa_verify(r->on, &sa_id, &sa_coa, r->m, SA_BU_LEN,
				     seq, true);
		if (v == OMIPV6_SA_OK) {
			if (test_and_set_bit(seq, r->accepted))
				atomic_inc(&r->twice);
		} else if (v != OMIPV6_SA_REPLAY) {
			atomic_inc(&r->impossible);
		}
		if (!(seq % 64))
			cond_resched();
	}
	if (atomic_dec_and_test(&r->running))
		complete(&r->done);
	/* kthread_stop() must find the thread alive. */
	while (!kthread_should_stop())
		usleep_range(500, 1000);
	return 0;
}

/* Copies of one BU on several CPUs: each number accepted at most once. */
static void sa_concurrent_seq_test(struct kunit *test)
{
	struct sa_ctx *ctx = test->priv;
	struct task_struct *t[3];
	unsigned int i, accepted, tries;
	struct omipv6_sa_info si;
	struct sa_race *r;
	u8 *m;

	r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);
	m = kunit_kzalloc(test, SA_BU_LEN, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, r);
	KUNIT_ASSERT_NOT_NULL(test, m);
	r->accepted = kunit_kcalloc(test, BITS_TO_LONGS(SA_RACE_SEQS + 1),
				    sizeof(long), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, r->accepted);
	r->on = ctx->on;
	r->m = m;
	atomic_set(&r->running, ARRAY_SIZE(t));
	init_completion(&r->done);
	KUNIT_ASSERT_EQ(test, sa_install(test, &sa_id, 1, 1, 0), 0);
	sa_bu(m, 0);
	KUNIT_ASSERT_EQ(test, omipv6_sa_sign(ctx->on, &sa_id, &sa_coa, m,
					     SA_BU_LEN), 0);

	for (i = 0; i < ARRAY_SIZE(t); i++) {
		t[i] = kthread_create(sa_race_thread, r, "omipv6_sa_race/%u",
				      i);
		if (IS_ERR(t[i])) {
			/* Stopped before they ever ran: they do nothing. */
			while (i--)
				kthread_stop(t[i]);
			KUNIT_FAIL(test, "kthread_create failed");
			return;
		}
	}
	for (i = 0; i < ARRAY_SIZE(t); i++)
		wake_up_process(t[i]);
	/* A thread stopped before it ran would never run its function. */
	wait_for_completion(&r->done);
	for (i = 0; i < ARRAY_SIZE(t); i++)
		kthread_stop(t[i]);

	accepted = bitmap_weight(r->accepted, SA_RACE_SEQS + 1);
	tries = ARRAY_SIZE(t) * SA_RACE_SEQS;
	si = sa_info(test);
	kunit_info(test, "accepted %u of %u\n", accepted, tries);
	KUNIT_EXPECT_EQ(test, atomic_read(&r->twice), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&r->impossible), 0);
	/* The last number is accepted by whoever gets there first. */
	KUNIT_EXPECT_TRUE(test, test_bit(SA_RACE_SEQS, r->accepted));
	KUNIT_EXPECT_EQ(test, si.last_seq, SA_RACE_SEQS);
	KUNIT_EXPECT_EQ(test, si.verified, (u64)accepted);
	KUNIT_EXPECT_EQ(test, si.replayed, (u64)(tries - accepted));
	KUNIT_EXPECT_EQ(test, si.failed, 0ULL);
	sa_finish(test);
}

static struct kunit_case sa_cases[] = {
	KUNIT_CASE(sa_install_lookup_test),
	KUNIT_CASE(sa_sign_verify_test),
	KUNIT_CASE(sa_sign_epoch_test),
	KUNIT_CASE(sa_bad_icv_epoch_test),
	KUNIT_CASE(sa_malformed_test),
	KUNIT_CASE(sa_seq_window_test),
	KUNIT_CASE(sa_rekey_test),
	KUNIT_CASE(sa_install_stale_test),
	KUNIT_CASE(sa_max_test),
	KUNIT_CASE(sa_expiry_test),
	KUNIT_CASE(sa_renew_expiry_test),
	KUNIT_CASE(sa_seq_show_test),
	KUNIT_CASE(sa_concurrent_churn_test),
	KUNIT_CASE(sa_concurrent_seq_test),
	{}
};

struct kunit_suite omipv6_sa_suite = {
	.name = "omipv6_sa",
	.init = sa_init,
	.exit = sa_exit,
	.test_cases = sa_cases,
};
