// SPDX-License-Identifier: GPL-2.0
/*
 * Return-routability crypto, the RFC 4285 MN-HA authenticator and the
 * Mobility Header checksum against the known answers in rr_vectors.h,
 * which scripts/rr_vectors.py computes with Python's hashlib and hmac,
 * independently of the kernel.
 */
#include <asm/unaligned.h>
#include <kunit/test.h>
#include <linux/bottom_half.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <net/ipv6.h>
#include <uapi/linux/omipv6.h>

#include "omipv6_kunit.h"
#include "omipv6_rfc.h"
#include "omipv6_rr.h"
#include "omipv6_tx.h"
#include "rr_vectors.h"

#define RR_FILL	0x5a

/* A copy of @len octets in a buffer of exactly that size, for KASAN. */
static u8 *rr_dup(struct kunit *test, const u8 *src, unsigned int len)
{
	u8 *buf = kunit_kmalloc(test, len, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, buf);
	memcpy(buf, src, len);
	return buf;
}

static void rr_token_desc(const struct rr_token_vec *v, char *desc)
{
	strscpy(desc, v->desc, KUNIT_PARAM_DESC_SIZE);
}

static void rr_kbm_desc(const struct rr_kbm_vec *v, char *desc)
{
	strscpy(desc, v->desc, KUNIT_PARAM_DESC_SIZE);
}

static void rr_bad_desc(const struct rr_bad_vec *v, char *desc)
{
	strscpy(desc, v->desc, KUNIT_PARAM_DESC_SIZE);
}

static void rr_mnha_desc(const struct rr_mnha_vec *v, char *desc)
{
	strscpy(desc, v->desc, KUNIT_PARAM_DESC_SIZE);
}

static void rr_csum_desc(const struct rr_csum_vec *v, char *desc)
{
	strscpy(desc, v->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(rr_token, rr_token_vecs, rr_token_desc);
KUNIT_ARRAY_PARAM(rr_kbm, rr_kbm_vecs, rr_kbm_desc);
KUNIT_ARRAY_PARAM(rr_bad, rr_bad_vecs, rr_bad_desc);
KUNIT_ARRAY_PARAM(rr_mnha, rr_mnha_vecs, rr_mnha_desc);
KUNIT_ARRAY_PARAM(rr_csum, rr_csum_vecs, rr_csum_desc);

static void rr_token_test(struct kunit *test)
{
	const struct rr_token_vec *v = test->param_value;
	u8 token[OMIPV6_TOKEN_LEN];

	KUNIT_ASSERT_EQ(test, omipv6_rr_token(v->kcn, &v->addr, v->nonce,
					      v->kind, token), 0);
	KUNIT_EXPECT_EQ(test, memcmp(token, v->token, sizeof(token)), 0);
}

static void rr_kbm_test(struct kunit *test)
{
	const struct rr_kbm_vec *v = test->param_value;
	u8 kbm[OMIPV6_KBM_LEN];

	KUNIT_ASSERT_EQ(test, omipv6_rr_kbm(v->home_token,
					    v->dereg ? NULL : v->coa_token,
					    kbm), 0);
	KUNIT_EXPECT_EQ(test, memcmp(kbm, v->kbm, sizeof(kbm)), 0);
}

static void rr_bad_auth_test(struct kunit *test)
{
	const struct rr_bad_vec *v = test->param_value;
	unsigned int tail = v->len - OMIPV6_RR_AUTH_LEN;
	u8 auth[OMIPV6_RR_AUTH_LEN];
	u8 *mh = rr_dup(test, v->msg, v->len);

	/* The table itself: the message ends with the BAD option. */
	KUNIT_ASSERT_EQ(test, v->len % OMIPV6_MH_UNIT, 0U);
	KUNIT_ASSERT_EQ(test, (v->msg[1] + 1U) * OMIPV6_MH_UNIT, v->len);
	KUNIT_ASSERT_EQ(test, v->msg[tail - 2], OMIPV6_OPT_BAD);
	KUNIT_ASSERT_EQ(test, v->msg[tail - 1], OMIPV6_OPT_BAD_LEN);
	KUNIT_ASSERT_EQ(test, memcmp(v->msg + tail, v->auth, sizeof(auth)), 0);

	KUNIT_ASSERT_EQ(test, omipv6_rr_bad_auth(v->kbm, &v->coa, &v->cn, mh,
						 v->len, auth), 0);
	KUNIT_EXPECT_EQ(test, memcmp(auth, v->auth, sizeof(auth)), 0);
	KUNIT_EXPECT_EQ(test, omipv6_rr_bad_verify(v->kbm, &v->coa, &v->cn,
						   mh, v->len), 0);

	/* Neither the checksum nor the authenticator octets are input. */
	mh[OMIPV6_MH_OFF_CSUM] ^= 0xff;
	mh[OMIPV6_MH_OFF_CSUM + 1] ^= 0x0f;
	memset(mh + tail, RR_FILL, OMIPV6_RR_AUTH_LEN);
	KUNIT_ASSERT_EQ(test, omipv6_rr_bad_auth(v->kbm, &v->coa, &v->cn, mh,
						 v->len, auth), 0);
	KUNIT_EXPECT_EQ(test, memcmp(auth, v->auth, sizeof(auth)), 0);
	KUNIT_EXPECT_EQ(test, omipv6_rr_bad_verify(v->kbm, &v->coa, &v->cn,
						   mh, v->len), -EBADMSG);
	memcpy(mh + tail, v->auth, OMIPV6_RR_AUTH_LEN);
	KUNIT_EXPECT_EQ(test, omipv6_rr_bad_verify(v->kbm, &v->coa, &v->cn,
						   mh, v->len), 0);
}

static void rr_bad_reject_test(struct kunit *test)
{
	const struct rr_bad_vec *v = test->param_value;
	unsigned int tail = v->len - OMIPV6_RR_AUTH_LEN;
	u8 *mh = rr_dup(test, v->msg, v->len);
	u8 kbm[OMIPV6_KBM_LEN];
	struct in6_addr a;
	unsigned int i;

	/* Every single-bit flip of the authenticator. */
	for (i = 0; i < OMIPV6_RR_AUTH_LEN * 8; i++) {
		mh[tail + i / 8] ^= 1 << (i % 8);
		KUNIT_EXPECT_EQ_MSG(test, omipv6_rr_bad_verify(v->kbm, &v->coa,
							       &v->cn, mh,
							       v->len),
				    -EBADMSG, "authenticator bit %u", i);
		mh[tail + i / 8] ^= 1 << (i % 8);
	}

	/* One flipped bit in every covered octet; the checksum is not. */
	for (i = 0; i < tail; i++) {
		bool covered = i < OMIPV6_MH_OFF_CSUM ||
			       i >= OMIPV6_MH_OFF_DATA;

		mh[i] ^= 1 << (i % 8);
		KUNIT_EXPECT_EQ_MSG(test, omipv6_rr_bad_verify(v->kbm, &v->coa,
							       &v->cn, mh,
							       v->len),
				    covered ? -EBADMSG : 0, "message octet %u",
				    i);
		mh[i] ^= 1 << (i % 8);
	}

	/* Another CoA, another correspondent, the two swapped, another key. */
	a = v->coa;
	a.s6_addr[15] ^= 1;
	KUNIT_EXPECT_EQ(test, omipv6_rr_bad_verify(v->kbm, &a, &v->cn, mh,
						   v->len), -EBADMSG);
	a = v->cn;
	a.s6_addr[0] ^= 0x80;
	KUNIT_EXPECT_EQ(test, omipv6_rr_bad_verify(v->kbm, &v->coa, &a, mh,
						   v->len), -EBADMSG);
	KUNIT_EXPECT_EQ(test, omipv6_rr_bad_verify(v->kbm, &v->cn, &v->coa,
						   mh, v->len), -EBADMSG);
	memcpy(kbm, v->kbm, sizeof(kbm));
	kbm[OMIPV6_KBM_LEN - 1] ^= 1;
	KUNIT_EXPECT_EQ(test, omipv6_rr_bad_verify(kbm, &v->coa, &v->cn, mh,
						   v->len), -EBADMSG);

	/* Untouched, it still verifies. */
	KUNIT_EXPECT_EQ(test, omipv6_rr_bad_verify(v->kbm, &v->coa, &v->cn,
						   mh, v->len), 0);
}

static void rr_bad_len_test(struct kunit *test)
{
	static const unsigned int bad_lens[] = {
		0, 8, 16, 20, 23, 25, 31, 33, OMIPV6_MH_MAX_LEN - 4,
		OMIPV6_MH_MAX_LEN + OMIPV6_MH_UNIT, UINT_MAX & ~7U,
	};
	const struct rr_bad_vec *v = &rr_bad_vecs[0];
	unsigned int size = OMIPV6_MH_MAX_LEN + OMIPV6_MH_UNIT;
	u8 auth[OMIPV6_RR_AUTH_LEN];
	unsigned int i;
	u8 *mh;

	mh = kunit_kzalloc(test, size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, mh);
	memcpy(mh, v->msg, v->len);

	for (i = 0; i < ARRAY_SIZE(bad_lens); i++) {
		memset(auth, RR_FILL, sizeof(auth));
		KUNIT_EXPECT_EQ_MSG(test, omipv6_rr_bad_auth(v->kbm, &v->coa,
							     &v->cn, mh,
							     bad_lens[i],
							     auth),
				    -EINVAL, "len %u", bad_lens[i]);
		KUNIT_EXPECT_NULL_MSG(test, memchr_inv(auth, RR_FILL,
						       sizeof(auth)),
				      "len %u", bad_lens[i]);
		KUNIT_EXPECT_EQ_MSG(test, omipv6_rr_bad_verify(v->kbm, &v->coa,
							       &v->cn, mh,
							       bad_lens[i]),
				    -EINVAL, "len %u", bad_lens[i]);
	}

	/* The shortest and the longest acceptable lengths. */
	KUNIT_EXPECT_EQ(test, omipv6_rr_bad_auth(v->kbm, &v->coa, &v->cn, mh,
						 3 * OMIPV6_MH_UNIT, auth), 0);
	KUNIT_EXPECT_EQ(test, omipv6_rr_bad_auth(v->kbm, &v->coa, &v->cn, mh,
						 OMIPV6_MH_MAX_LEN, auth), 0);
	KUNIT_EXPECT_EQ(test, omipv6_rr_bad_verify(v->kbm, &v->coa, &v->cn,
						   mh, OMIPV6_MH_MAX_LEN),
			-EBADMSG);
}

static void rr_mnha_auth_test(struct kunit *test)
{
	const struct rr_mnha_vec *v = test->param_value;
	unsigned int tail = v->len - OMIPV6_RR_AUTH_LEN;
	u8 *mh = rr_dup(test, v->msg, v->len);
	u8 auth[OMIPV6_RR_AUTH_LEN];

	/* The table itself: the message ends with the option for @spi. */
	KUNIT_ASSERT_EQ(test, v->len % OMIPV6_MH_UNIT, 0U);
	KUNIT_ASSERT_EQ(test, (v->msg[1] + 1U) * OMIPV6_MH_UNIT, v->len);
	KUNIT_ASSERT_EQ(test, v->msg[tail - 7], OMIPV6_OPT_MNHA_AUTH);
	KUNIT_ASSERT_EQ(test, v->msg[tail - 6], OMIPV6_OPT_MNHA_AUTH_LEN);
	KUNIT_ASSERT_EQ(test, v->msg[tail - 5], OMIPV6_MNHA_SUBTYPE_MN_HA);
	KUNIT_ASSERT_EQ(test, get_unaligned_be32(v->msg + tail - 4), v->spi);
	KUNIT_ASSERT_EQ(test, memcmp(v->msg + tail, v->auth, sizeof(auth)), 0);

	KUNIT_ASSERT_EQ(test, omipv6_rr_mnha_auth(v->key, v->key_len, &v->coa,
						  &v->ha, mh, v->len, auth), 0);
	KUNIT_EXPECT_EQ(test, memcmp(auth, v->auth, sizeof(auth)), 0);
	KUNIT_EXPECT_EQ(test, omipv6_rr_mnha_verify(v->key, v->key_len,
						    &v->coa, &v->ha, mh,
						    v->len), 0);

	/* Neither the checksum nor the authenticator octets are input. */
	mh[OMIPV6_MH_OFF_CSUM] ^= 0xff;
	memset(mh + tail, RR_FILL, OMIPV6_RR_AUTH_LEN);
	KUNIT_ASSERT_EQ(test, omipv6_rr_mnha_auth(v->key, v->key_len, &v->coa,
						  &v->ha, mh, v->len, auth), 0);
	KUNIT_EXPECT_EQ(test, memcmp(auth, v->auth, sizeof(auth)), 0);
	KUNIT_EXPECT_EQ(test, omipv6_rr_mnha_verify(v->key, v->key_len,
						    &v->coa, &v->ha, mh,
						    v->len), -EBADMSG);
	memcpy(mh + tail, v->auth, OMIPV6_RR_AUTH_LEN);
	KUNIT_EXPECT_EQ(test, omipv6_rr_mnha_verify(v->key, v->key_len,
						    &v->coa, &v->ha, mh,
						    v->len), 0);
}

static void rr_mnha_reject_test(struct kunit *test)
{
	const struct rr_mnha_vec *v = test->param_value;
	unsigned int tail = v->len - OMIPV6_RR_AUTH_LEN;
	u8 *mh = rr_dup(test, v->msg, v->len);
	u8 *key = rr_dup(test, v->key, v->key_len);
	unsigned int i;

	/* Every single-bit flip of the authenticator and of the SPI. */
	for (i = 0; i < 8 * (OMIPV6_RR_AUTH_LEN + 4); i++) {
		mh[tail - 4 + i / 8] ^= 1 << (i % 8);
		KUNIT_EXPECT_EQ_MSG(test,
				    omipv6_rr_mnha_verify(v->key, v->key_len,
							  &v->coa, &v->ha, mh,
							  v->len),
				    -EBADMSG, "bit %u", i);
		mh[tail - 4 + i / 8] ^= 1 << (i % 8);
	}
	/* Another key: one bit, one octet shorter. */
	key[v->key_len - 1] ^= 0x01;
	KUNIT_EXPECT_EQ(test, omipv6_rr_mnha_verify(key, v->key_len, &v->coa,
						    &v->ha, mh, v->len),
			-EBADMSG);
	key[v->key_len - 1] ^= 0x01;
	KUNIT_EXPECT_EQ(test, omipv6_rr_mnha_verify(key, v->key_len - 1,
						    &v->coa, &v->ha, mh,
						    v->len), -EBADMSG);
	/* Addresses swapped. */
	if (!ipv6_addr_equal(&v->coa, &v->ha))
		KUNIT_EXPECT_EQ(test, omipv6_rr_mnha_verify(v->key, v->key_len,
							    &v->ha, &v->coa,
							    mh, v->len),
				-EBADMSG);
	KUNIT_EXPECT_EQ(test, omipv6_rr_mnha_verify(v->key, v->key_len,
						    &v->coa, &v->ha, mh,
						    v->len), 0);
}

static void rr_mnha_args_test(struct kunit *test)
{
	const struct rr_mnha_vec *v = &rr_mnha_vecs[0];
	u8 key[OMIPV6_MNHA_KEY_MAX_LEN + 1] = {};
	u8 auth[OMIPV6_RR_AUTH_LEN];

	memset(auth, RR_FILL, sizeof(auth));
	KUNIT_EXPECT_EQ(test, omipv6_rr_mnha_auth(key, 0, &v->coa, &v->ha,
						  v->msg, v->len, auth),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, omipv6_rr_mnha_auth(key, sizeof(key), &v->coa,
						  &v->ha, v->msg, v->len,
						  auth), -EINVAL);
	KUNIT_EXPECT_EQ(test, omipv6_rr_mnha_auth(v->key, v->key_len, &v->coa,
						  &v->ha, v->msg, v->len - 1,
						  auth), -EINVAL);
	KUNIT_EXPECT_EQ(test, omipv6_rr_mnha_auth(v->key, v->key_len, &v->coa,
						  &v->ha, v->msg, 16, auth),
			-EINVAL);
	KUNIT_EXPECT_NULL(test, memchr_inv(auth, RR_FILL, sizeof(auth)));
	KUNIT_EXPECT_EQ(test, omipv6_rr_mnha_verify(key, sizeof(key), &v->coa,
						    &v->ha, v->msg, v->len),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, omipv6_rr_mnha_verify(v->key, v->key_len,
						    &v->coa, &v->ha, v->msg,
						    v->len - 4), -EINVAL);
	/* The longest key is taken. */
	KUNIT_EXPECT_EQ(test, omipv6_rr_mnha_auth(key, OMIPV6_MNHA_KEY_MAX_LEN,
						  &v->coa, &v->ha, v->msg,
						  v->len, auth), 0);
}

static void rr_token_kind_test(struct kunit *test)
{
	const struct rr_token_vec *v = &rr_token_vecs[0];
	u8 token[OMIPV6_TOKEN_LEN];

	memset(token, RR_FILL, sizeof(token));
	KUNIT_EXPECT_EQ(test, omipv6_rr_token(v->kcn, &v->addr, v->nonce,
					      (enum omipv6_rr_kind)2, token),
			-EINVAL);
	KUNIT_EXPECT_NULL(test, memchr_inv(token, RR_FILL, sizeof(token)));
}

static void rr_csum_test(struct kunit *test)
{
	const struct rr_csum_vec *v = test->param_value;
	u8 *mh = rr_dup(test, v->msg, v->len);
	__sum16 sum;

	KUNIT_ASSERT_EQ(test, mh[OMIPV6_MH_OFF_CSUM], 0);
	KUNIT_ASSERT_EQ(test, mh[OMIPV6_MH_OFF_CSUM + 1], 0);

	sum = omipv6_mh_csum(&v->psrc, &v->pdst, mh, v->len);
	KUNIT_EXPECT_EQ(test, be16_to_cpu((__force __be16)sum), v->csum);

	/* With the IPv6 header's addresses instead, it differs. */
	if (!ipv6_addr_equal(&v->src, &v->psrc) ||
	    !ipv6_addr_equal(&v->dst, &v->pdst)) {
		sum = omipv6_mh_csum(&v->src, &v->dst, mh, v->len);
		KUNIT_EXPECT_NE(test, be16_to_cpu((__force __be16)sum),
				v->csum);
	}

	/* A message carrying its checksum sums to zero: it verifies. */
	mh[OMIPV6_MH_OFF_CSUM] = v->csum >> 8;
	mh[OMIPV6_MH_OFF_CSUM + 1] = v->csum & 0xff;
	sum = omipv6_mh_csum(&v->psrc, &v->pdst, mh, v->len);
	KUNIT_EXPECT_EQ(test, (__force u16)sum, 0);
	mh[v->len - 1] ^= 1;
	sum = omipv6_mh_csum(&v->psrc, &v->pdst, mh, v->len);
	KUNIT_EXPECT_NE(test, (__force u16)sum, 0);
}

/*
 * Every function once with bottom halves disabled: none may sleep
 * (CONFIG_DEBUG_ATOMIC_SLEEP reports it).  Results are checked after
 * local_bh_enable(), since a failing expectation allocates.
 */
static void rr_atomic_test(struct kunit *test)
{
	const struct rr_token_vec *t = &rr_token_vecs[0];
	const struct rr_kbm_vec *k = &rr_kbm_vecs[0];
	const struct rr_kbm_vec *d = &rr_kbm_vecs[2];
	const struct rr_bad_vec *b = &rr_bad_vecs[0];
	const struct rr_csum_vec *c = &rr_csum_vecs[0];
	const struct rr_mnha_vec *m = &rr_mnha_vecs[1];
	u8 token[OMIPV6_TOKEN_LEN], kbm[OMIPV6_KBM_LEN];
	u8 dereg[OMIPV6_KBM_LEN], auth[OMIPV6_RR_AUTH_LEN];
	u8 mauth[OMIPV6_RR_AUTH_LEN];
	int err[7];
	__sum16 sum;

	KUNIT_ASSERT_TRUE(test, d->dereg);

	local_bh_disable();
	err[0] = omipv6_rr_token(t->kcn, &t->addr, t->nonce, t->kind, token);
	err[1] = omipv6_rr_kbm(k->home_token, k->coa_token, kbm);
	err[2] = omipv6_rr_kbm(d->home_token, NULL, dereg);
	err[3] = omipv6_rr_bad_auth(b->kbm, &b->coa, &b->cn, b->msg, b->len,
				    auth);
	err[4] = omipv6_rr_bad_verify(b->kbm, &b->coa, &b->cn, b->msg,
				      b->len);
	err[5] = omipv6_rr_mnha_auth(m->key, m->key_len, &m->coa, &m->ha,
				     m->msg, m->len, mauth);
	err[6] = omipv6_rr_mnha_verify(m->key, m->key_len, &m->coa, &m->ha,
				       m->msg, m->len);
	sum = omipv6_mh_csum(&c->psrc, &c->pdst, c->msg, c->len);
	local_bh_enable();

	KUNIT_EXPECT_EQ(test, err[0], 0);
	KUNIT_EXPECT_EQ(test, err[1], 0);
	KUNIT_EXPECT_EQ(test, err[2], 0);
	KUNIT_EXPECT_EQ(test, err[3], 0);
	KUNIT_EXPECT_EQ(test, err[4], 0);
	KUNIT_EXPECT_EQ(test, err[5], 0);
	KUNIT_EXPECT_EQ(test, err[6], 0);
	KUNIT_EXPECT_EQ(test, memcmp(mauth, m->auth, sizeof(mauth)), 0);
	KUNIT_EXPECT_EQ(test, memcmp(token, t->token, sizeof(token)), 0);
	KUNIT_EXPECT_EQ(test, memcmp(kbm, k->kbm, sizeof(kbm)), 0);
	KUNIT_EXPECT_EQ(test, memcmp(dereg, d->kbm, sizeof(dereg)), 0);
	KUNIT_EXPECT_EQ(test, memcmp(auth, b->auth, sizeof(auth)), 0);
	KUNIT_EXPECT_EQ(test, be16_to_cpu((__force __be16)sum), c->csum);
}

static struct kunit_case omipv6_rr_cases[] = {
	KUNIT_CASE_PARAM(rr_token_test, rr_token_gen_params),
	KUNIT_CASE(rr_token_kind_test),
	KUNIT_CASE_PARAM(rr_kbm_test, rr_kbm_gen_params),
	KUNIT_CASE_PARAM(rr_bad_auth_test, rr_bad_gen_params),
	KUNIT_CASE_PARAM(rr_bad_reject_test, rr_bad_gen_params),
	KUNIT_CASE(rr_bad_len_test),
	KUNIT_CASE_PARAM(rr_mnha_auth_test, rr_mnha_gen_params),
	KUNIT_CASE_PARAM(rr_mnha_reject_test, rr_mnha_gen_params),
	KUNIT_CASE(rr_mnha_args_test),
	KUNIT_CASE_PARAM(rr_csum_test, rr_csum_gen_params),
	KUNIT_CASE(rr_atomic_test),
	{}
};

struct kunit_suite omipv6_rr_suite = {
	.name = "omipv6_rr",
	.test_cases = omipv6_rr_cases,
};
