// SPDX-License-Identifier: GPL-2.0
/*
 * OMIPv6 Diffie-Hellman groups, key schedule and keyed hashes
 * (omipv6_dh.c, omipv6_hmac.c): X25519 against the RFC 7748 vectors,
 * ffdhe2048 agreement and public value checks, and the ffdhe2048 prime,
 * key schedule, SIG, MAC and Kabm ICV against the known answers in
 * omi_vectors.h, which scripts/omi_vectors.py computes with Python's
 * hashlib, hmac and integer arithmetic, independently of the kernel.
 */
#include <kunit/test.h>
#include <linux/bottom_half.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <asm/unaligned.h>

#include "omipv6_codec.h"
#include "omipv6_dh.h"
#include "omipv6_hmac.h"
#include "omipv6_kunit.h"
#include "omipv6_rfc.h"
#include "omi_vectors.h"

#define DH_FILL	0x5a

/* A copy of @len octets in a buffer of exactly that size, for KASAN. */
static u8 *dh_dup(struct kunit *test, const void *src, unsigned int len)
{
	u8 *buf = kunit_kmalloc(test, len, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, buf);
	memcpy(buf, src, len);
	return buf;
}

static struct omipv6_dh_key *dh_key_alloc(struct kunit *test)
{
	struct omipv6_dh_key *key = kunit_kzalloc(test, sizeof(*key),
						  GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, key);
	return key;
}

/* A buffer of @len octets filled with DH_FILL. */
static u8 *dh_filled(struct kunit *test, unsigned int len)
{
	u8 *buf = kunit_kmalloc(test, len, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, buf);
	memset(buf, DH_FILL, len);
	return buf;
}

/* ---- Keyed hashes (omipv6_hmac.c) ------------------------------------- */

/*
 * RFC 2202 and RFC 4231 test case 2 (key "Jefe"), and RFC 4231 test case
 * 6 with its 131-octet key (longer than the block).
 */
static const u8 dh_hmac_sha1_jefe[20] = {
	0xef, 0xfc, 0xdf, 0x6a, 0xe5, 0xeb, 0x2f, 0xa2, 0xd2, 0x74,
	0x16, 0xd5, 0xf1, 0x84, 0xdf, 0x9c, 0x25, 0x9a, 0x7c, 0x79,
};

static const u8 dh_hmac_sha256_jefe[32] = {
	0x5b, 0xdc, 0xc1, 0x46, 0xbf, 0x60, 0x75, 0x4e,
	0x6a, 0x04, 0x24, 0x26, 0x08, 0x95, 0x75, 0xc7,
	0x5a, 0x00, 0x3f, 0x08, 0x9d, 0x27, 0x39, 0x83,
	0x9d, 0xec, 0x58, 0xb9, 0x64, 0xec, 0x38, 0x43,
};

static const u8 dh_hmac_sha256_long_key[32] = {
	0x60, 0xe4, 0x31, 0x59, 0x1e, 0xe0, 0xb6, 0x7f,
	0x0d, 0x8a, 0x26, 0xaa, 0xcb, 0xf5, 0xb7, 0x7f,
	0x8e, 0x0b, 0xc6, 0x21, 0x37, 0x28, 0xc5, 0x14,
	0x05, 0x46, 0x04, 0x0f, 0x0e, 0xe3, 0x7f, 0x54,
};

static const u8 dh_jefe[4] = { 'J', 'e', 'f', 'e' };

static void dh_hmac_test(struct kunit *test)
{
	static const char data[] = "what do ya want for nothing?";
	static const char long_data[] =
		"Test Using Larger Than Block-Size Key - Hash Key First";
	struct omipv6_hmac_chunk c[4];
	u8 digest[OMIPV6_HMAC_MAX_DIGEST];
	u8 *key;

	KUNIT_EXPECT_EQ(test, omipv6_hmac_len(OMIPV6_HMAC_SHA1), 20U);
	KUNIT_EXPECT_EQ(test, omipv6_hmac_len(OMIPV6_HMAC_SHA256), 32U);
	KUNIT_EXPECT_EQ(test, omipv6_hmac_len(OMIPV6_HMAC_NR), 0U);

	/* One chunk. */
	c[0] = (struct omipv6_hmac_chunk){ data, sizeof(data) - 1 };
	KUNIT_ASSERT_EQ(test, omipv6_hmac(OMIPV6_HMAC_SHA1, dh_jefe, 4, c, 1,
					  digest), 0);
	KUNIT_EXPECT_EQ(test, memcmp(digest, dh_hmac_sha1_jefe, 20), 0);
	KUNIT_ASSERT_EQ(test, omipv6_hmac(OMIPV6_HMAC_SHA256, dh_jefe, 4, c, 1,
					  digest), 0);
	KUNIT_EXPECT_EQ(test, memcmp(digest, dh_hmac_sha256_jefe, 32), 0);

	/* The same input cut into pieces, one of them empty. */
	c[0] = (struct omipv6_hmac_chunk){ data, 5 };
	c[1] = (struct omipv6_hmac_chunk){ NULL, 0 };
	c[2] = (struct omipv6_hmac_chunk){ data + 5, 1 };
	c[3] = (struct omipv6_hmac_chunk){ data + 6, sizeof(data) - 7 };
	memset(digest, DH_FILL, sizeof(digest));
	KUNIT_ASSERT_EQ(test, omipv6_hmac(OMIPV6_HMAC_SHA256, dh_jefe, 4, c,
					  ARRAY_SIZE(c), digest), 0);
	KUNIT_EXPECT_EQ(test, memcmp(digest, dh_hmac_sha256_jefe, 32), 0);
	KUNIT_ASSERT_EQ(test, omipv6_hmac(OMIPV6_HMAC_SHA1, dh_jefe, 4, c,
					  ARRAY_SIZE(c), digest), 0);
	KUNIT_EXPECT_EQ(test, memcmp(digest, dh_hmac_sha1_jefe, 20), 0);

	/* A key longer than the block is hashed first. */
	key = dh_filled(test, 131);
	memset(key, 0xaa, 131);
	c[0] = (struct omipv6_hmac_chunk){ long_data, sizeof(long_data) - 1 };
	KUNIT_ASSERT_EQ(test, omipv6_hmac(OMIPV6_HMAC_SHA256, key, 131, c, 1,
					  digest), 0);
	KUNIT_EXPECT_EQ(test, memcmp(digest, dh_hmac_sha256_long_key, 32), 0);

	/* An unknown algorithm leaves the digest alone. */
	memset(digest, DH_FILL, sizeof(digest));
	KUNIT_EXPECT_EQ(test, omipv6_hmac(OMIPV6_HMAC_NR, dh_jefe, 4, c, 1,
					  digest), -EINVAL);
	KUNIT_EXPECT_NULL(test, memchr_inv(digest, DH_FILL, sizeof(digest)));
}

/* HMAC-SHA256 with the key folded in beforehand: the same vectors. */
static void dh_hmac_pre_test(struct kunit *test)
{
	static const char data[] = "what do ya want for nothing?";
	static const char long_data[] =
		"Test Using Larger Than Block-Size Key - Hash Key First";
	u8 digest[SHA256_DIGEST_SIZE], ref[SHA256_DIGEST_SIZE];
	struct omipv6_hmac_sha256_pre pre;
	struct omipv6_hmac_chunk c[4];
	u8 *key;

	omipv6_hmac_sha256_prekey(dh_jefe, sizeof(dh_jefe), &pre);
	c[0] = (struct omipv6_hmac_chunk){ data, sizeof(data) - 1 };
	omipv6_hmac_sha256_pre(&pre, c, 1, digest);
	KUNIT_EXPECT_EQ(test, memcmp(digest, dh_hmac_sha256_jefe, 32), 0);

	/* In pieces, one empty; the folded key is reused unchanged. */
	c[0] = (struct omipv6_hmac_chunk){ data, 5 };
	c[1] = (struct omipv6_hmac_chunk){ NULL, 0 };
	c[2] = (struct omipv6_hmac_chunk){ data + 5, 1 };
	c[3] = (struct omipv6_hmac_chunk){ data + 6, sizeof(data) - 7 };
	memset(digest, DH_FILL, sizeof(digest));
	omipv6_hmac_sha256_pre(&pre, c, ARRAY_SIZE(c), digest);
	KUNIT_EXPECT_EQ(test, memcmp(digest, dh_hmac_sha256_jefe, 32), 0);

	/* A key longer than the block is hashed first. */
	key = dh_filled(test, 131);
	memset(key, 0xaa, 131);
	omipv6_hmac_sha256_prekey(key, 131, &pre);
	c[0] = (struct omipv6_hmac_chunk){ long_data, sizeof(long_data) - 1 };
	omipv6_hmac_sha256_pre(&pre, c, 1, digest);
	KUNIT_EXPECT_EQ(test, memcmp(digest, dh_hmac_sha256_long_key, 32), 0);

	/* Input across several blocks agrees with the keyed transform. */
	key = dh_filled(test, 300);
	c[0] = (struct omipv6_hmac_chunk){ key, 300 };
	omipv6_hmac_sha256_prekey(dh_jefe, sizeof(dh_jefe), &pre);
	omipv6_hmac_sha256_pre(&pre, c, 1, digest);
	KUNIT_ASSERT_EQ(test, omipv6_hmac(OMIPV6_HMAC_SHA256, dh_jefe,
					  sizeof(dh_jefe), c, 1, ref), 0);
	KUNIT_EXPECT_EQ(test, memcmp(digest, ref, sizeof(ref)), 0);
}

/* ---- X25519 (RFC 7748) ---------------------------------------------- */

struct dh_x25519_vec {
	const char *desc;
	u8 scalar[32];
	u8 u[32];
	u8 out[32];
};

/*
 * RFC 7748 §5.2, the two X25519 vectors; the second u-coordinate has its
 * top bit set, which X25519 masks.
 */
static const struct dh_x25519_vec dh_x25519_vecs[] = {
	{
		.desc = "RFC 7748 5.2 vector 1",
		.scalar = {
			0xa5, 0x46, 0xe3, 0x6b, 0xf0, 0x52, 0x7c, 0x9d,
			0x3b, 0x16, 0x15, 0x4b, 0x82, 0x46, 0x5e, 0xdd,
			0x62, 0x14, 0x4c, 0x0a, 0xc1, 0xfc, 0x5a, 0x18,
			0x50, 0x6a, 0x22, 0x44, 0xba, 0x44, 0x9a, 0xc4,
		},
		.u = {
			0xe6, 0xdb, 0x68, 0x67, 0x58, 0x30, 0x30, 0xdb,
			0x35, 0x94, 0xc1, 0xa4, 0x24, 0xb1, 0x5f, 0x7c,
			0x72, 0x66, 0x24, 0xec, 0x26, 0xb3, 0x35, 0x3b,
			0x10, 0xa9, 0x03, 0xa6, 0xd0, 0xab, 0x1c, 0x4c,
		},
		.out = {
			0xc3, 0xda, 0x55, 0x37, 0x9d, 0xe9, 0xc6, 0x90,
			0x8e, 0x94, 0xea, 0x4d, 0xf2, 0x8d, 0x08, 0x4f,
			0x32, 0xec, 0xcf, 0x03, 0x49, 0x1c, 0x71, 0xf7,
			0x54, 0xb4, 0x07, 0x55, 0x77, 0xa2, 0x85, 0x52,
		},
	},
	{
		.desc = "RFC 7748 5.2 vector 2, u top bit set",
		.scalar = {
			0x4b, 0x66, 0xe9, 0xd4, 0xd1, 0xb4, 0x67, 0x3c,
			0x5a, 0xd2, 0x26, 0x91, 0x95, 0x7d, 0x6a, 0xf5,
			0xc1, 0x1b, 0x64, 0x21, 0xe0, 0xea, 0x01, 0xd4,
			0x2c, 0xa4, 0x16, 0x9e, 0x79, 0x18, 0xba, 0x0d,
		},
		.u = {
			0xe5, 0x21, 0x0f, 0x12, 0x78, 0x68, 0x11, 0xd3,
			0xf4, 0xb7, 0x95, 0x9d, 0x05, 0x38, 0xae, 0x2c,
			0x31, 0xdb, 0xe7, 0x10, 0x6f, 0xc0, 0x3c, 0x3e,
			0xfc, 0x4c, 0xd5, 0x49, 0xc7, 0x15, 0xa4, 0x93,
		},
		.out = {
			0x95, 0xcb, 0xde, 0x94, 0x76, 0xe8, 0x90, 0x7d,
			0x7a, 0xad, 0xe4, 0x5c, 0xb4, 0xb8, 0x73, 0xf8,
			0x8b, 0x59, 0x5a, 0x68, 0x79, 0x9f, 0xa1, 0x52,
			0xe6, 0xf8, 0xf7, 0x64, 0x7a, 0xac, 0x79, 0x57,
		},
	},
};

/* RFC 7748 §5.2, k = u = 9 iterated: after 1 and after 1,000 rounds. */
static const u8 dh_x25519_iter1[32] = {
	0x42, 0x2c, 0x8e, 0x7a, 0x62, 0x27, 0xd7, 0xbc,
	0xa1, 0x35, 0x0b, 0x3e, 0x2b, 0xb7, 0x27, 0x9f,
	0x78, 0x97, 0xb8, 0x7b, 0xb6, 0x85, 0x4b, 0x78,
	0x3c, 0x60, 0xe8, 0x03, 0x11, 0xae, 0x30, 0x79,
};

static const u8 dh_x25519_iter1000[32] = {
	0x68, 0x4c, 0xf5, 0x9b, 0xa8, 0x33, 0x09, 0x55,
	0x28, 0x00, 0xef, 0x56, 0x6f, 0x2f, 0x4d, 0x3c,
	0x1c, 0x38, 0x87, 0xc4, 0x93, 0x60, 0xe3, 0x87,
	0x5f, 0x2e, 0xb9, 0x4d, 0x99, 0x53, 0x2c, 0x51,
};

/* RFC 7748 §6.1. */
static const u8 dh_alice_priv[32] = {
	0x77, 0x07, 0x6d, 0x0a, 0x73, 0x18, 0xa5, 0x7d,
	0x3c, 0x16, 0xc1, 0x72, 0x51, 0xb2, 0x66, 0x45,
	0xdf, 0x4c, 0x2f, 0x87, 0xeb, 0xc0, 0x99, 0x2a,
	0xb1, 0x77, 0xfb, 0xa5, 0x1d, 0xb9, 0x2c, 0x2a,
};

static const u8 dh_alice_pub[32] = {
	0x85, 0x20, 0xf0, 0x09, 0x89, 0x30, 0xa7, 0x54,
	0x74, 0x8b, 0x7d, 0xdc, 0xb4, 0x3e, 0xf7, 0x5a,
	0x0d, 0xbf, 0x3a, 0x0d, 0x26, 0x38, 0x1a, 0xf4,
	0xeb, 0xa4, 0xa9, 0x8e, 0xaa, 0x9b, 0x4e, 0x6a,
};

static const u8 dh_bob_priv[32] = {
	0x5d, 0xab, 0x08, 0x7e, 0x62, 0x4a, 0x8a, 0x4b,
	0x79, 0xe1, 0x7f, 0x8b, 0x83, 0x80, 0x0e, 0xe6,
	0x6f, 0x3b, 0xb1, 0x29, 0x26, 0x18, 0xb6, 0xfd,
	0x1c, 0x2f, 0x8b, 0x27, 0xff, 0x88, 0xe0, 0xeb,
};

static const u8 dh_bob_pub[32] = {
	0xde, 0x9e, 0xdb, 0x7d, 0x7b, 0x7d, 0xc1, 0xb4,
	0xd3, 0x5b, 0x61, 0xc2, 0xec, 0xe4, 0x35, 0x37,
	0x3f, 0x83, 0x43, 0xc8, 0x5b, 0x78, 0x67, 0x4d,
	0xad, 0xfc, 0x7e, 0x14, 0x6f, 0x88, 0x2b, 0x4f,
};

static const u8 dh_alice_bob_k[32] = {
	0x4a, 0x5d, 0x9d, 0x5b, 0xa4, 0xce, 0x2d, 0xe1,
	0x72, 0x8e, 0x3b, 0xf4, 0x80, 0x35, 0x0f, 0x25,
	0xe0, 0x7e, 0x21, 0xc9, 0x47, 0xd1, 0x9e, 0x33,
	0x76, 0xf0, 0x9b, 0x3c, 0x1e, 0x16, 0x17, 0x42,
};

/* An X25519 key pair whose private value is @scalar, built by hand. */
static void dh_x25519_key(struct omipv6_dh_key *key, const u8 *scalar)
{
	memset(key, 0, sizeof(*key));
	key->group = OMIPV6_GROUP_X25519;
	key->pub_len = OMIPV6_GROUP_X25519_PUB;
	memcpy(key->priv, scalar, OMIPV6_DH_PRIV_LEN);
}

static void dh_x25519_desc(const struct dh_x25519_vec *v, char *desc)
{
	strscpy(desc, v->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(dh_x25519, dh_x25519_vecs, dh_x25519_desc);

static void dh_x25519_rfc_test(struct kunit *test)
{
	const struct dh_x25519_vec *v = test->param_value;
	struct omipv6_dh_key *key = dh_key_alloc(test);
	u8 *u = dh_dup(test, v->u, sizeof(v->u));
	u8 *out = dh_filled(test, 32);

	dh_x25519_key(key, v->scalar);
	KUNIT_ASSERT_EQ(test, omipv6_dh_compute(key, u, 32, out), 0);
	KUNIT_EXPECT_EQ(test, memcmp(out, v->out, 32), 0);
}

/* X25519(k, u) with k the previous result and u the previous k. */
static void dh_x25519_iter_test(struct kunit *test)
{
	struct omipv6_dh_key *key = dh_key_alloc(test);
	u8 *k = kunit_kzalloc(test, 32, GFP_KERNEL);
	u8 *u = kunit_kzalloc(test, 32, GFP_KERNEL);
	u8 *r = kunit_kzalloc(test, 32, GFP_KERNEL);
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, k);
	KUNIT_ASSERT_NOT_NULL(test, u);
	KUNIT_ASSERT_NOT_NULL(test, r);
	k[0] = 9;
	u[0] = 9;
	for (i = 1; i <= 1000; i++) {
		dh_x25519_key(key, k);
		KUNIT_ASSERT_EQ_MSG(test, omipv6_dh_compute(key, u, 32, r), 0,
				    "round %u", i);
		memcpy(u, k, 32);
		memcpy(k, r, 32);
		if (i == 1)
			KUNIT_EXPECT_EQ(test, memcmp(k, dh_x25519_iter1, 32),
					0);
	}
	KUNIT_EXPECT_EQ(test, memcmp(k, dh_x25519_iter1000, 32), 0);
}

static void dh_x25519_alice_bob_test(struct kunit *test)
{
	struct omipv6_dh_key *alice = dh_key_alloc(test);
	struct omipv6_dh_key *bob = dh_key_alloc(test);
	u8 *k1 = dh_filled(test, 32), *k2 = dh_filled(test, 32);

	KUNIT_ASSERT_EQ(test, omipv6_dh_from_priv(OMIPV6_GROUP_X25519,
						  dh_alice_priv, alice), 0);
	KUNIT_ASSERT_EQ(test, omipv6_dh_from_priv(OMIPV6_GROUP_X25519,
						  dh_bob_priv, bob), 0);
	KUNIT_EXPECT_EQ(test, alice->group, OMIPV6_GROUP_X25519);
	KUNIT_EXPECT_EQ(test, alice->pub_len, OMIPV6_GROUP_X25519_PUB);
	KUNIT_EXPECT_EQ(test, memcmp(alice->priv, dh_alice_priv, 32), 0);
	KUNIT_EXPECT_EQ(test, memcmp(alice->pub, dh_alice_pub, 32), 0);
	KUNIT_EXPECT_EQ(test, memcmp(bob->pub, dh_bob_pub, 32), 0);

	KUNIT_ASSERT_EQ(test, omipv6_dh_compute(alice, bob->pub, 32, k1), 0);
	KUNIT_ASSERT_EQ(test, omipv6_dh_compute(bob, alice->pub, 32, k2), 0);
	KUNIT_EXPECT_EQ(test, memcmp(k1, dh_alice_bob_k, 32), 0);
	KUNIT_EXPECT_EQ(test, memcmp(k2, dh_alice_bob_k, 32), 0);

	omipv6_dh_key_wipe(alice);
	KUNIT_EXPECT_NULL(test, memchr_inv(alice, 0, sizeof(*alice)));
}

/*
 * Points of small order and non-canonical encodings of them: X25519 of
 * any scalar with them is zero (RFC 7748 §6.1), and so must fail.
 */
static const u8 dh_x25519_low_order[][32] = {
	{ 0 },						/* 0 */
	{ 1 },						/* 1 */
	{ [31] = 0x80 },				/* 0, top bit */
	{ 1, [31] = 0x80 },				/* 1, top bit */
	{						/* order 8 */
		0xe0, 0xeb, 0x7a, 0x7c, 0x3b, 0x41, 0xb8, 0xae,
		0x16, 0x56, 0xe3, 0xfa, 0xf1, 0x9f, 0xc4, 0x6a,
		0xda, 0x09, 0x8d, 0xeb, 0x9c, 0x32, 0xb1, 0xfd,
		0x86, 0x62, 0x05, 0x16, 0x5f, 0x49, 0xb8, 0x00,
	},
	{						/* order 8 */
		0x5f, 0x9c, 0x95, 0xbc, 0xa3, 0x50, 0x8c, 0x24,
		0xb1, 0xd0, 0xb1, 0x55, 0x9c, 0x83, 0xef, 0x5b,
		0x04, 0x44, 0x5c, 0xc4, 0x58, 0x1c, 0x8e, 0x86,
		0xd8, 0x22, 0x4e, 0xdd, 0xd0, 0x9f, 0x11, 0x57,
	},
	{						/* p - 1 */
		0xec, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f,
	},
	{						/* p: 0 */
		0xed, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f,
	},
	{						/* p + 1: 1 */
		0xee, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f,
	},
};

static void dh_x25519_zero_test(struct kunit *test)
{
	struct omipv6_dh_key *key = dh_key_alloc(test);
	u8 *out = kunit_kmalloc(test, 32, GFP_KERNEL);
	unsigned int i;
	u8 *peer;

	KUNIT_ASSERT_NOT_NULL(test, out);
	KUNIT_ASSERT_EQ(test, omipv6_dh_generate(OMIPV6_GROUP_X25519, key), 0);
	for (i = 0; i < ARRAY_SIZE(dh_x25519_low_order); i++) {
		peer = dh_dup(test, dh_x25519_low_order[i], 32);
		/* The value itself is well formed... */
		KUNIT_EXPECT_EQ_MSG(test, omipv6_dh_check_pub(OMIPV6_GROUP_X25519,
							      peer, 32),
				    0, "point %u", i);
		/* ...but the all-zero result is refused and wiped. */
		memset(out, DH_FILL, 32);
		KUNIT_EXPECT_EQ_MSG(test, omipv6_dh_compute(key, peer, 32, out),
				    -EINVAL, "point %u", i);
		KUNIT_EXPECT_NULL_MSG(test, memchr_inv(out, 0, 32), "point %u",
				      i);
		/* The RFC's own private value too. */
		dh_x25519_key(key, dh_alice_priv);
		KUNIT_EXPECT_EQ_MSG(test, omipv6_dh_compute(key, peer, 32, out),
				    -EINVAL, "point %u, Alice", i);
		KUNIT_ASSERT_EQ(test, omipv6_dh_generate(OMIPV6_GROUP_X25519,
							 key), 0);
	}

	/* A good point with the same key still works. */
	KUNIT_EXPECT_EQ(test, omipv6_dh_compute(key, dh_bob_pub, 32, out), 0);
	KUNIT_EXPECT_NOT_NULL(test, memchr_inv(out, 0, 32));

	/* Wrong lengths. */
	KUNIT_EXPECT_EQ(test, omipv6_dh_check_pub(OMIPV6_GROUP_X25519,
						  dh_bob_pub, 31), -EINVAL);
	KUNIT_EXPECT_EQ(test, omipv6_dh_compute(key, dh_bob_pub, 31, out),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, omipv6_dh_compute(key, dh_bob_pub, 33, out),
			-EINVAL);
}

/* ---- ffdhe2048 (RFC 7919) ------------------------------------------- */

static void dh_ffdhe_prime_test(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, memcmp(omipv6_dh_ffdhe2048_p, omi_ffdhe2048_p,
				     OMIPV6_GROUP_FFDHE2048_PUB), 0);
}

static void dh_ffdhe_desc(const struct omi_ffdhe_vec *v, char *desc)
{
	strscpy(desc, v->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(dh_ffdhe, omi_ffdhe_vecs, dh_ffdhe_desc);

/* Public values and shared secret of fixed private values. */
static void dh_ffdhe_kat_test(struct kunit *test)
{
	const struct omi_ffdhe_vec *v = test->param_value;
	const unsigned int len = OMIPV6_GROUP_FFDHE2048_PUB;
	struct omipv6_dh_key *a = dh_key_alloc(test);
	struct omipv6_dh_key *b = dh_key_alloc(test);
	u8 *s1 = dh_filled(test, len), *s2 = dh_filled(test, len);

	KUNIT_ASSERT_EQ(test, omipv6_dh_from_priv(OMIPV6_GROUP_FFDHE2048,
						  v->priv_a, a), 0);
	KUNIT_ASSERT_EQ(test, omipv6_dh_from_priv(OMIPV6_GROUP_FFDHE2048,
						  v->priv_b, b), 0);
	KUNIT_EXPECT_EQ(test, a->pub_len, len);
	KUNIT_EXPECT_EQ(test, memcmp(a->pub, v->pub_a, len), 0);
	KUNIT_EXPECT_EQ(test, memcmp(b->pub, v->pub_b, len), 0);

	KUNIT_ASSERT_EQ(test, omipv6_dh_compute(a, b->pub, len, s1), 0);
	KUNIT_ASSERT_EQ(test, omipv6_dh_compute(b, a->pub, len, s2), 0);
	KUNIT_EXPECT_EQ(test, memcmp(s1, v->secret, len), 0);
	KUNIT_EXPECT_EQ(test, memcmp(s2, v->secret, len), 0);
}

/* Two fresh key pairs, each on its own kpp transform, agree. */
static void dh_agree(struct kunit *test, u16 group)
{
	unsigned int len = omipv6_dh_pub_len(group);
	struct omipv6_dh_key *a = dh_key_alloc(test);
	struct omipv6_dh_key *b = dh_key_alloc(test);
	u8 *s1 = dh_filled(test, len), *s2 = dh_filled(test, len);

	KUNIT_ASSERT_NE(test, len, 0U);
	KUNIT_ASSERT_EQ(test, omipv6_dh_generate(group, a), 0);
	KUNIT_ASSERT_EQ(test, omipv6_dh_generate(group, b), 0);
	KUNIT_EXPECT_EQ(test, a->group, group);
	KUNIT_EXPECT_EQ(test, a->pub_len, len);
	KUNIT_EXPECT_NOT_NULL(test, memchr_inv(a->priv, 0, sizeof(a->priv)));
	KUNIT_EXPECT_NE(test, memcmp(a->priv, b->priv, sizeof(a->priv)), 0);
	KUNIT_EXPECT_NE(test, memcmp(a->pub, b->pub, len), 0);
	KUNIT_EXPECT_EQ(test, omipv6_dh_check_pub(group, a->pub, len), 0);
	KUNIT_EXPECT_EQ(test, omipv6_dh_check_pub(group, b->pub, len), 0);

	KUNIT_ASSERT_EQ(test, omipv6_dh_compute(a, b->pub, len, s1), 0);
	KUNIT_ASSERT_EQ(test, omipv6_dh_compute(b, a->pub, len, s2), 0);
	KUNIT_EXPECT_EQ(test, memcmp(s1, s2, len), 0);
	KUNIT_EXPECT_NOT_NULL(test, memchr_inv(s1, 0, len));
	KUNIT_EXPECT_NE(test, memcmp(s1, a->pub, len), 0);
}

static void dh_ffdhe_agree_test(struct kunit *test)
{
	dh_agree(test, OMIPV6_GROUP_FFDHE2048);
}

static void dh_x25519_agree_test(struct kunit *test)
{
	dh_agree(test, OMIPV6_GROUP_X25519);
}

/* p + @delta (delta -2..1), big endian; p ends in 64 one bits. */
static void dh_prime_plus(u8 *out, int delta)
{
	const unsigned int len = OMIPV6_GROUP_FFDHE2048_PUB;

	memcpy(out, omi_ffdhe2048_p, len);
	if (delta < 0) {
		out[len - 1] += delta;
	} else if (delta > 0) {
		/* p + 1 = ...(p's octets up to the last 8) + 1, then zeros. */
		memset(out + len - 8, 0, 8);
		out[len - 9] += 1;
	}
}

/* @y is @expect for omipv6_dh_check_pub() and omipv6_dh_compute(). */
static void dh_ffdhe_y(struct kunit *test, const struct omipv6_dh_key *key,
		       const u8 *y, u8 *s, int expect, const char *what)
{
	const unsigned int len = OMIPV6_GROUP_FFDHE2048_PUB;

	KUNIT_EXPECT_EQ_MSG(test, omipv6_dh_check_pub(OMIPV6_GROUP_FFDHE2048,
						      y, len),
			    expect, "y = %s", what);
	memset(s, DH_FILL, len);
	KUNIT_EXPECT_EQ_MSG(test, omipv6_dh_compute(key, y, len, s), expect,
			    "y = %s", what);
	if (expect)
		KUNIT_EXPECT_NULL_MSG(test, memchr_inv(s, 0, len),
				      "y = %s: secret not wiped", what);
	else
		KUNIT_EXPECT_NOT_NULL_MSG(test, memchr_inv(s, DH_FILL, len),
					  "y = %s: no secret", what);
}

static void dh_ffdhe_range_test(struct kunit *test)
{
	const unsigned int len = OMIPV6_GROUP_FFDHE2048_PUB;
	struct omipv6_dh_key *key = dh_key_alloc(test);
	u8 *y = kunit_kzalloc(test, len + 1, GFP_KERNEL);
	u8 *s = kunit_kmalloc(test, len, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, y);
	KUNIT_ASSERT_NOT_NULL(test, s);
	KUNIT_ASSERT_EQ(test, omipv6_dh_generate(OMIPV6_GROUP_FFDHE2048, key),
			0);
	/* The table's p + 1 carries into the octet before the last 8. */
	KUNIT_ASSERT_NE(test, omi_ffdhe2048_p[len - 9], 0xff);

	memset(y, 0, len);
	dh_ffdhe_y(test, key, y, s, -EINVAL, "0");
	y[len - 1] = 1;
	dh_ffdhe_y(test, key, y, s, -EINVAL, "1");
	y[len - 1] = 2;
	dh_ffdhe_y(test, key, y, s, 0, "2");
	y[0] = 1;
	y[len - 1] = 1;
	dh_ffdhe_y(test, key, y, s, 0, "2^2040 + 1");
	dh_prime_plus(y, -2);
	dh_ffdhe_y(test, key, y, s, 0, "p - 2");
	dh_prime_plus(y, -1);
	dh_ffdhe_y(test, key, y, s, -EINVAL, "p - 1");
	dh_prime_plus(y, 0);
	dh_ffdhe_y(test, key, y, s, -EINVAL, "p");
	dh_prime_plus(y, 1);
	dh_ffdhe_y(test, key, y, s, -EINVAL, "p + 1");
	memset(y, 0xff, len);
	dh_ffdhe_y(test, key, y, s, -EINVAL, "2^2048 - 1");

	/* Lengths other than 256, even with a good value. */
	memset(y, 0, len + 1);
	y[len - 1] = 2;
	KUNIT_EXPECT_EQ(test, omipv6_dh_check_pub(OMIPV6_GROUP_FFDHE2048, y,
						  len - 1), -EINVAL);
	KUNIT_EXPECT_EQ(test, omipv6_dh_check_pub(OMIPV6_GROUP_FFDHE2048, y,
						  len + 1), -EINVAL);
	KUNIT_EXPECT_EQ(test, omipv6_dh_check_pub(OMIPV6_GROUP_FFDHE2048, y,
						  0), -EINVAL);
	KUNIT_EXPECT_EQ(test, omipv6_dh_compute(key, y, len + 1, s), -EINVAL);
	/* An X25519-sized value is no ffdhe2048 value. */
	KUNIT_EXPECT_EQ(test, omipv6_dh_check_pub(OMIPV6_GROUP_FFDHE2048,
						  dh_bob_pub, 32), -EINVAL);
}

static void dh_args_test(struct kunit *test)
{
	static const u8 zero[OMIPV6_DH_PRIV_LEN];
	struct omipv6_dh_key *key = dh_key_alloc(test);
	u8 *s = kunit_kmalloc(test, OMIPV6_DH_SECRET_MAX, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, s);
	KUNIT_EXPECT_EQ(test, omipv6_dh_pub_len(OMIPV6_GROUP_FFDHE2048), 256U);
	KUNIT_EXPECT_EQ(test, omipv6_dh_pub_len(OMIPV6_GROUP_X25519), 32U);
	KUNIT_EXPECT_EQ(test, omipv6_dh_pub_len(0), 0U);
	KUNIT_EXPECT_EQ(test, omipv6_dh_pub_len(3), 0U);

	memset(key, DH_FILL, sizeof(*key));
	KUNIT_EXPECT_EQ(test, omipv6_dh_generate(0, key), -EINVAL);
	KUNIT_EXPECT_EQ(test, omipv6_dh_generate(3, key), -EINVAL);
	KUNIT_EXPECT_EQ(test, omipv6_dh_from_priv(3, dh_alice_priv, key),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, omipv6_dh_from_priv(OMIPV6_GROUP_X25519, zero,
						  key), -EINVAL);
	KUNIT_EXPECT_EQ(test, omipv6_dh_from_priv(OMIPV6_GROUP_FFDHE2048, zero,
						  key), -EINVAL);
	KUNIT_EXPECT_NULL(test, memchr_inv(key, DH_FILL, sizeof(*key)));
	KUNIT_EXPECT_EQ(test, omipv6_dh_check_pub(0, dh_bob_pub, 32), -EINVAL);

	dh_x25519_key(key, dh_alice_priv);
	key->group = 3;
	KUNIT_EXPECT_EQ(test, omipv6_dh_compute(key, dh_bob_pub, 32, s),
			-EINVAL);
}

/* ---- Key schedule ----------------------------------------------------- */

static void dh_kdf_desc(const struct omi_kdf_vec *v, char *desc)
{
	strscpy(desc, v->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(dh_kdf, omi_kdf_vecs, dh_kdf_desc);

static void dh_kdf_test(struct kunit *test)
{
	const struct omi_kdf_vec *v = test->param_value;
	u8 *secret = dh_dup(test, v->secret, v->secret_len);
	u8 km[OMIPV6_KM_LEN], kabm[OMIPV6_KABM_LEN];
	struct omipv6_dh_ctx ctx = v->ctx;

	KUNIT_ASSERT_EQ(test, omipv6_dh_kdf(secret, v->secret_len, v->n_mn,
					    v->n_cn, &ctx, km, kabm), 0);
	KUNIT_EXPECT_EQ(test, memcmp(km, v->km, sizeof(km)), 0);
	KUNIT_EXPECT_EQ(test, memcmp(kabm, v->kabm, sizeof(kabm)), 0);

	/* Either output alone. */
	memset(km, DH_FILL, sizeof(km));
	memset(kabm, DH_FILL, sizeof(kabm));
	KUNIT_ASSERT_EQ(test, omipv6_dh_kdf(secret, v->secret_len, v->n_mn,
					    v->n_cn, &ctx, km, NULL), 0);
	KUNIT_EXPECT_EQ(test, memcmp(km, v->km, sizeof(km)), 0);
	KUNIT_ASSERT_EQ(test, omipv6_dh_kdf(secret, v->secret_len, v->n_mn,
					    v->n_cn, &ctx, NULL, kabm), 0);
	KUNIT_EXPECT_EQ(test, memcmp(kabm, v->kabm, sizeof(kabm)), 0);

	/* Every input counts: one bit of the secret, of each address. */
	secret[v->secret_len - 1] ^= 1;
	KUNIT_ASSERT_EQ(test, omipv6_dh_kdf(secret, v->secret_len, v->n_mn,
					    v->n_cn, &ctx, km, kabm), 0);
	KUNIT_EXPECT_NE(test, memcmp(km, v->km, sizeof(km)), 0);
	KUNIT_EXPECT_NE(test, memcmp(kabm, v->kabm, sizeof(kabm)), 0);
	secret[v->secret_len - 1] ^= 1;
	ctx.hoa.s6_addr[15] ^= 1;
	KUNIT_ASSERT_EQ(test, omipv6_dh_kdf(secret, v->secret_len, v->n_mn,
					    v->n_cn, &ctx, km, kabm), 0);
	KUNIT_EXPECT_NE(test, memcmp(km, v->km, sizeof(km)), 0);
	ctx = v->ctx;
	ctx.cn.s6_addr[0] ^= 0x80;
	KUNIT_ASSERT_EQ(test, omipv6_dh_kdf(secret, v->secret_len, v->n_mn,
					    v->n_cn, &ctx, km, kabm), 0);
	KUNIT_EXPECT_NE(test, memcmp(kabm, v->kabm, sizeof(kabm)), 0);
}

static void dh_kdf_args_test(struct kunit *test)
{
	const struct omi_kdf_vec *v = &omi_kdf_vecs[0];
	u8 *secret = kunit_kzalloc(test, OMIPV6_DH_SECRET_MAX + 1, GFP_KERNEL);
	u8 km[OMIPV6_KM_LEN], kabm[OMIPV6_KABM_LEN];
	static const unsigned int bad[] = { 0, OMIPV6_DH_SECRET_MAX + 1 };
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, secret);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		memset(km, DH_FILL, sizeof(km));
		memset(kabm, DH_FILL, sizeof(kabm));
		KUNIT_EXPECT_EQ(test, omipv6_dh_kdf(secret, bad[i], v->n_mn,
						    v->n_cn, &v->ctx, km,
						    kabm), -EINVAL);
		/* Wiped, not left with whatever was there. */
		KUNIT_EXPECT_NULL(test, memchr_inv(km, 0, sizeof(km)));
		KUNIT_EXPECT_NULL(test, memchr_inv(kabm, 0, sizeof(kabm)));
	}
	/* The longest secret is taken. */
	KUNIT_EXPECT_EQ(test, omipv6_dh_kdf(secret, OMIPV6_DH_SECRET_MAX,
					    v->n_mn, v->n_cn, &v->ctx, km,
					    kabm), 0);
}

/* ---- SIG and MAC of DH1-DH4 ---------------------------------------- */

static void dh_msg_desc(const struct omi_msg_vec *v, char *desc)
{
	strscpy(desc, v->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(dh_msg, omi_msg_vecs, dh_msg_desc);

static int dh_sig_of(const struct omi_msg_vec *v, const u8 *m, u8 *sig)
{
	return omipv6_dh_sig(v->kbm, &v->coa, &v->cn, v->nonce, v->pub,
			     v->pub_len, m, v->sig_off, sig);
}

static void dh_msg_test(struct kunit *test)
{
	const struct omi_msg_vec *v = test->param_value;
	u8 *m = dh_dup(test, v->msg, v->len);
	u8 sig[OMIPV6_OMI_SIG_LEN], mac[OMIPV6_OMI_MAC_LEN];
	u8 kbm[OMIPV6_KBM_LEN];
	enum omipv6_drop reason;
	struct omipv6_msg msg;
	struct in6_addr a;
	unsigned int i;

	/*
	 * The table itself: the codec takes the message and finds the same
	 * SIG and MAC fields, which hold the known answers.
	 */
	KUNIT_ASSERT_EQ(test, omipv6_msg_parse(&msg, m, v->len, &reason), 0);
	KUNIT_EXPECT_EQ(test, msg.type, OMIPV6_MH_EXPERIMENTAL);
	KUNIT_EXPECT_EQ(test, msg.subtype, v->subtype);
	KUNIT_ASSERT_EQ(test, omipv6_omi_sig_off(&msg), v->sig_off);
	KUNIT_ASSERT_EQ(test, omipv6_omi_mac_off(&msg), v->mac_off);
	KUNIT_ASSERT_EQ(test, memcmp(m + v->sig_off, v->sig, sizeof(sig)), 0);
	if (v->mac_off)
		KUNIT_ASSERT_EQ(test, memcmp(m + v->mac_off, v->mac,
					     sizeof(mac)), 0);

	KUNIT_ASSERT_EQ(test, dh_sig_of(v, m, sig), 0);
	KUNIT_EXPECT_EQ(test, memcmp(sig, v->sig, sizeof(sig)), 0);
	if (v->mac_off) {
		KUNIT_ASSERT_EQ(test, omipv6_dh_mac(v->km, m, v->mac_off, mac),
				0);
		KUNIT_EXPECT_EQ(test, memcmp(mac, v->mac, sizeof(mac)), 0);
	}

	/*
	 * The checksum is taken as zero; the SIG field is not read, but
	 * the MAC covers it.
	 */
	m[OMIPV6_MH_OFF_CSUM] ^= 0xff;
	m[OMIPV6_MH_OFF_CSUM + 1] ^= 0x0f;
	memset(m + v->sig_off, DH_FILL, OMIPV6_OMI_SIG_LEN);
	KUNIT_ASSERT_EQ(test, dh_sig_of(v, m, sig), 0);
	KUNIT_EXPECT_EQ(test, memcmp(sig, v->sig, sizeof(sig)), 0);
	if (v->mac_off) {
		memset(m + v->mac_off, DH_FILL, OMIPV6_OMI_MAC_LEN);
		KUNIT_ASSERT_EQ(test, omipv6_dh_mac(v->km, m, v->mac_off, mac),
				0);
		KUNIT_EXPECT_NE(test, memcmp(mac, v->mac, sizeof(mac)), 0);
	}
	memcpy(m, v->msg, v->len);

	/* One flipped bit in every covered octet changes both. */
	for (i = 0; i < v->sig_off; i++) {
		if (i == OMIPV6_MH_OFF_CSUM || i == OMIPV6_MH_OFF_CSUM + 1)
			continue;
		m[i] ^= 1 << (i % 8);
		KUNIT_ASSERT_EQ(test, dh_sig_of(v, m, sig), 0);
		KUNIT_EXPECT_NE_MSG(test, memcmp(sig, v->sig, sizeof(sig)), 0,
				    "SIG, octet %u", i);
		if (v->mac_off) {
			KUNIT_ASSERT_EQ(test, omipv6_dh_mac(v->km, m,
							    v->mac_off, mac),
					0);
			KUNIT_EXPECT_NE_MSG(test, memcmp(mac, v->mac,
							 sizeof(mac)), 0,
					    "MAC, octet %u", i);
		}
		m[i] ^= 1 << (i % 8);
	}

	/* Another CoA or correspondent, the two swapped, another key. */
	a = v->coa;
	a.s6_addr[15] ^= 1;
	KUNIT_ASSERT_EQ(test, omipv6_dh_sig(v->kbm, &a, &v->cn, v->nonce,
					    v->pub, v->pub_len, m, v->sig_off,
					    sig), 0);
	KUNIT_EXPECT_NE(test, memcmp(sig, v->sig, sizeof(sig)), 0);
	KUNIT_ASSERT_EQ(test, omipv6_dh_sig(v->kbm, &v->cn, &v->coa, v->nonce,
					    v->pub, v->pub_len, m, v->sig_off,
					    sig), 0);
	KUNIT_EXPECT_NE(test, memcmp(sig, v->sig, sizeof(sig)), 0);
	memcpy(kbm, v->kbm, sizeof(kbm));
	kbm[0] ^= 0x80;
	KUNIT_ASSERT_EQ(test, omipv6_dh_sig(kbm, &v->coa, &v->cn, v->nonce,
					    v->pub, v->pub_len, m, v->sig_off,
					    sig), 0);
	KUNIT_EXPECT_NE(test, memcmp(sig, v->sig, sizeof(sig)), 0);
}

/* DH2-DH4: the SIG covers the other side's nonce and public value. */
static void dh_msg_inputs_test(struct kunit *test)
{
	const struct omi_msg_vec *v = test->param_value;
	u8 sig[OMIPV6_OMI_SIG_LEN];
	u8 *nonce, *pub;

	if (!v->nonce) {
		/* DH1 with a nonce and value would be another SIG. */
		KUNIT_ASSERT_EQ(test, omipv6_dh_sig(v->kbm, &v->coa, &v->cn,
						    dh_bob_pub, dh_bob_pub, 32,
						    v->msg, v->sig_off, sig),
				0);
		KUNIT_EXPECT_NE(test, memcmp(sig, v->sig, sizeof(sig)), 0);
		return;
	}
	nonce = dh_dup(test, v->nonce, OMIPV6_OMI_NONCE_LEN);
	pub = dh_dup(test, v->pub, v->pub_len);

	nonce[OMIPV6_OMI_NONCE_LEN - 1] ^= 1;
	KUNIT_ASSERT_EQ(test, omipv6_dh_sig(v->kbm, &v->coa, &v->cn, nonce,
					    pub, v->pub_len, v->msg,
					    v->sig_off, sig), 0);
	KUNIT_EXPECT_NE(test, memcmp(sig, v->sig, sizeof(sig)), 0);
	nonce[OMIPV6_OMI_NONCE_LEN - 1] ^= 1;
	pub[0] ^= 1;
	KUNIT_ASSERT_EQ(test, omipv6_dh_sig(v->kbm, &v->coa, &v->cn, nonce,
					    pub, v->pub_len, v->msg,
					    v->sig_off, sig), 0);
	KUNIT_EXPECT_NE(test, memcmp(sig, v->sig, sizeof(sig)), 0);
	pub[0] ^= 1;
	/* Without them it is the DH1 form, which differs. */
	KUNIT_ASSERT_EQ(test, omipv6_dh_sig(v->kbm, &v->coa, &v->cn, NULL,
					    NULL, 0, v->msg, v->sig_off, sig),
			0);
	KUNIT_EXPECT_NE(test, memcmp(sig, v->sig, sizeof(sig)), 0);
	KUNIT_ASSERT_EQ(test, omipv6_dh_sig(v->kbm, &v->coa, &v->cn, nonce,
					    pub, v->pub_len, v->msg,
					    v->sig_off, sig), 0);
	KUNIT_EXPECT_EQ(test, memcmp(sig, v->sig, sizeof(sig)), 0);
}

static void dh_sig_args_test(struct kunit *test)
{
	const struct omi_msg_vec *v = &omi_msg_vecs[1];
	u8 *m = kunit_kzalloc(test, OMIPV6_MH_MAX_LEN, GFP_KERNEL);
	u8 sig[OMIPV6_OMI_SIG_LEN], mac[OMIPV6_OMI_MAC_LEN];
	const unsigned int max = OMIPV6_MH_MAX_LEN - OMIPV6_OMI_SIG_LEN;

	KUNIT_ASSERT_NOT_NULL(test, m);
	KUNIT_ASSERT_TRUE(test, v->nonce && v->pub);
	memset(sig, DH_FILL, sizeof(sig));
	memset(mac, DH_FILL, sizeof(mac));

	/* Offsets before the OMIPv6 common part ends or past the end. */
	KUNIT_EXPECT_EQ(test, omipv6_dh_sig(v->kbm, &v->coa, &v->cn, NULL,
					    NULL, 0, m, OMIPV6_OMI_HDR_END - 1,
					    sig), -EINVAL);
	KUNIT_EXPECT_EQ(test, omipv6_dh_sig(v->kbm, &v->coa, &v->cn, NULL,
					    NULL, 0, m, max + 1, sig),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, omipv6_dh_sig(v->kbm, &v->coa, &v->cn, NULL,
					    NULL, 0, m, UINT_MAX, sig),
			-EINVAL);
	/* Nonce without value, value without nonce, bad lengths. */
	KUNIT_EXPECT_EQ(test, omipv6_dh_sig(v->kbm, &v->coa, &v->cn, v->nonce,
					    NULL, 0, v->msg, v->sig_off, sig),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, omipv6_dh_sig(v->kbm, &v->coa, &v->cn, NULL,
					    v->pub, v->pub_len, v->msg,
					    v->sig_off, sig), -EINVAL);
	KUNIT_EXPECT_EQ(test, omipv6_dh_sig(v->kbm, &v->coa, &v->cn, v->nonce,
					    v->pub, 0, v->msg, v->sig_off,
					    sig), -EINVAL);
	KUNIT_EXPECT_EQ(test, omipv6_dh_sig(v->kbm, &v->coa, &v->cn, NULL,
					    NULL, 32, v->msg, v->sig_off,
					    sig), -EINVAL);
	KUNIT_EXPECT_EQ(test, omipv6_dh_sig(v->kbm, &v->coa, &v->cn, v->nonce,
					    m, OMIPV6_DH_PUB_MAX + 1, v->msg,
					    v->sig_off, sig), -EINVAL);
	KUNIT_EXPECT_NULL(test, memchr_inv(sig, DH_FILL, sizeof(sig)));

	KUNIT_EXPECT_EQ(test, omipv6_dh_mac(v->km, m, OMIPV6_OMI_HDR_END - 1,
					    mac), -EINVAL);
	KUNIT_EXPECT_EQ(test, omipv6_dh_mac(v->km, m, max + 1, mac), -EINVAL);
	KUNIT_EXPECT_NULL(test, memchr_inv(mac, DH_FILL, sizeof(mac)));

	/* The shortest and longest offsets are taken. */
	KUNIT_EXPECT_EQ(test, omipv6_dh_sig(v->kbm, &v->coa, &v->cn, NULL,
					    NULL, 0, m, OMIPV6_OMI_HDR_END,
					    sig), 0);
	KUNIT_EXPECT_EQ(test, omipv6_dh_sig(v->kbm, &v->coa, &v->cn, v->nonce,
					    m, OMIPV6_DH_PUB_MAX, m, max, sig),
			0);
	KUNIT_EXPECT_EQ(test, omipv6_dh_mac(v->km, m, max, mac), 0);
}

/* ---- Kabm authenticator option ------------------------------------- */

static void dh_icv_desc(const struct omi_icv_vec *v, char *desc)
{
	strscpy(desc, v->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(dh_icv, omi_icv_vecs, dh_icv_desc);

static void dh_icv_test(struct kunit *test)
{
	const struct omi_icv_vec *v = test->param_value;
	unsigned int tail = v->len - OMIPV6_KABM_ICV_LEN;
	unsigned int opt = v->len - 2 - OMIPV6_OPT_KABM_AUTH_LEN;
	u8 *m = dh_dup(test, v->msg, v->len);
	struct omipv6_hmac_sha256_pre pre;
	u8 icv[OMIPV6_KABM_ICV_LEN];
	enum omipv6_drop reason;
	struct omipv6_msg msg;

	/* The table itself: the message ends with the option for @epoch. */
	KUNIT_ASSERT_EQ(test, omipv6_msg_parse(&msg, m, v->len, &reason), 0);
	KUNIT_ASSERT_EQ(test, msg.opt[OMIPV6_OI_KABM_AUTH], opt);
	KUNIT_ASSERT_EQ(test, m[opt], OMIPV6_OPT_EXPERIMENTAL);
	KUNIT_ASSERT_EQ(test, m[opt + 1], OMIPV6_OPT_KABM_AUTH_LEN);
	KUNIT_ASSERT_EQ(test, m[opt + 2], OMIPV6_XOPT_KABM_AUTH);
	KUNIT_ASSERT_EQ(test, get_unaligned_be32(m + opt +
						 OMIPV6_KABM_OFF_EPOCH),
			v->epoch);
	KUNIT_ASSERT_EQ(test, memcmp(m + tail, v->icv, sizeof(icv)), 0);

	KUNIT_ASSERT_EQ(test, omipv6_dh_kabm_icv(v->kabm, &v->coa, &v->cn, m,
						 v->len, icv), 0);
	KUNIT_EXPECT_EQ(test, memcmp(icv, v->icv, sizeof(icv)), 0);
	KUNIT_EXPECT_EQ(test, omipv6_dh_kabm_verify(v->kabm, &v->coa, &v->cn,
						    m, v->len), 0);
	/* The SA table's form, from the folded-in key. */
	omipv6_hmac_sha256_prekey(v->kabm, OMIPV6_KABM_LEN, &pre);
	memset(icv, DH_FILL, sizeof(icv));
	KUNIT_ASSERT_EQ(test, omipv6_dh_kabm_icv_pre(&pre, &v->coa, &v->cn, m,
						     v->len, icv), 0);
	KUNIT_EXPECT_EQ(test, memcmp(icv, v->icv, sizeof(icv)), 0);
	KUNIT_EXPECT_EQ(test, omipv6_dh_kabm_icv_pre(&pre, &v->coa, &v->cn, m,
						     v->len - 1, icv),
			-EINVAL);

	/* Neither the checksum nor the ICV octets are input. */
	m[OMIPV6_MH_OFF_CSUM] ^= 0xff;
	m[OMIPV6_MH_OFF_CSUM + 1] ^= 0x0f;
	memset(m + tail, DH_FILL, OMIPV6_KABM_ICV_LEN);
	KUNIT_ASSERT_EQ(test, omipv6_dh_kabm_icv(v->kabm, &v->coa, &v->cn, m,
						 v->len, icv), 0);
	KUNIT_EXPECT_EQ(test, memcmp(icv, v->icv, sizeof(icv)), 0);
	KUNIT_EXPECT_EQ(test, omipv6_dh_kabm_verify(v->kabm, &v->coa, &v->cn,
						    m, v->len), -EBADMSG);
	memcpy(m + tail, v->icv, OMIPV6_KABM_ICV_LEN);
	KUNIT_EXPECT_EQ(test, omipv6_dh_kabm_verify(v->kabm, &v->coa, &v->cn,
						    m, v->len), 0);
}

static void dh_icv_reject_test(struct kunit *test)
{
	const struct omi_icv_vec *v = test->param_value;
	unsigned int tail = v->len - OMIPV6_KABM_ICV_LEN;
	u8 *m = dh_dup(test, v->msg, v->len);
	u8 kabm[OMIPV6_KABM_LEN];
	struct in6_addr a;
	unsigned int i;

	/* Every single-bit flip of the ICV. */
	for (i = 0; i < OMIPV6_KABM_ICV_LEN * 8; i++) {
		m[tail + i / 8] ^= 1 << (i % 8);
		KUNIT_EXPECT_EQ_MSG(test, omipv6_dh_kabm_verify(v->kabm,
								&v->coa,
								&v->cn, m,
								v->len),
				    -EBADMSG, "ICV bit %u", i);
		m[tail + i / 8] ^= 1 << (i % 8);
	}

	/* One flipped bit in every covered octet, the epoch included. */
	for (i = 0; i < tail; i++) {
		bool covered = i < OMIPV6_MH_OFF_CSUM ||
			       i >= OMIPV6_MH_OFF_DATA;

		m[i] ^= 1 << (i % 8);
		KUNIT_EXPECT_EQ_MSG(test, omipv6_dh_kabm_verify(v->kabm,
								&v->coa,
								&v->cn, m,
								v->len),
				    covered ? -EBADMSG : 0, "octet %u", i);
		m[i] ^= 1 << (i % 8);
	}

	a = v->coa;
	a.s6_addr[15] ^= 1;
	KUNIT_EXPECT_EQ(test, omipv6_dh_kabm_verify(v->kabm, &a, &v->cn, m,
						    v->len), -EBADMSG);
	a = v->cn;
	a.s6_addr[0] ^= 0x80;
	KUNIT_EXPECT_EQ(test, omipv6_dh_kabm_verify(v->kabm, &v->coa, &a, m,
						    v->len), -EBADMSG);
	KUNIT_EXPECT_EQ(test, omipv6_dh_kabm_verify(v->kabm, &v->cn, &v->coa,
						    m, v->len), -EBADMSG);
	memcpy(kabm, v->kabm, sizeof(kabm));
	kabm[OMIPV6_KABM_LEN - 1] ^= 1;
	KUNIT_EXPECT_EQ(test, omipv6_dh_kabm_verify(kabm, &v->coa, &v->cn, m,
						    v->len), -EBADMSG);
	KUNIT_EXPECT_EQ(test, omipv6_dh_kabm_verify(v->kabm, &v->coa, &v->cn,
						    m, v->len), 0);
}

static void dh_icv_len_test(struct kunit *test)
{
	static const unsigned int bad_lens[] = {
		0, 8, 16, 24, 31, 33, 39, OMIPV6_MH_MAX_LEN - 4,
		OMIPV6_MH_MAX_LEN + OMIPV6_MH_UNIT, UINT_MAX & ~7U,
	};
	const struct omi_icv_vec *v = &omi_icv_vecs[0];
	unsigned int size = OMIPV6_MH_MAX_LEN + OMIPV6_MH_UNIT;
	u8 icv[OMIPV6_KABM_ICV_LEN];
	unsigned int i;
	u8 *m;

	m = kunit_kzalloc(test, size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, m);
	memcpy(m, v->msg, v->len);

	for (i = 0; i < ARRAY_SIZE(bad_lens); i++) {
		memset(icv, DH_FILL, sizeof(icv));
		KUNIT_EXPECT_EQ_MSG(test, omipv6_dh_kabm_icv(v->kabm, &v->coa,
							     &v->cn, m,
							     bad_lens[i], icv),
				    -EINVAL, "len %u", bad_lens[i]);
		KUNIT_EXPECT_NULL_MSG(test, memchr_inv(icv, DH_FILL,
						       sizeof(icv)),
				      "len %u", bad_lens[i]);
		KUNIT_EXPECT_EQ_MSG(test, omipv6_dh_kabm_verify(v->kabm,
								&v->coa,
								&v->cn, m,
								bad_lens[i]),
				    -EINVAL, "len %u", bad_lens[i]);
	}
	/* The shortest and the longest acceptable lengths. */
	KUNIT_EXPECT_EQ(test, omipv6_dh_kabm_icv(v->kabm, &v->coa, &v->cn, m,
						 32, icv), 0);
	KUNIT_EXPECT_EQ(test, omipv6_dh_kabm_icv(v->kabm, &v->coa, &v->cn, m,
						 OMIPV6_MH_MAX_LEN, icv), 0);
	KUNIT_EXPECT_EQ(test, omipv6_dh_kabm_verify(v->kabm, &v->coa, &v->cn,
						    m, OMIPV6_MH_MAX_LEN),
			-EBADMSG);
}

/*
 * Everything that may run in softirq, with bottom halves disabled: none
 * may sleep (CONFIG_DEBUG_ATOMIC_SLEEP reports it).  Results are checked
 * after local_bh_enable(), since a failing expectation allocates.
 */
static void dh_atomic_test(struct kunit *test)
{
	const struct omi_kdf_vec *k = &omi_kdf_vecs[1];
	const struct omi_msg_vec *s = &omi_msg_vecs[1];
	const struct omi_icv_vec *c = &omi_icv_vecs[0];
	u8 km[OMIPV6_KM_LEN], kabm[OMIPV6_KABM_LEN];
	u8 sig[OMIPV6_OMI_SIG_LEN], mac[OMIPV6_OMI_MAC_LEN];
	u8 icv[OMIPV6_KABM_ICV_LEN];
	int err[7];

	KUNIT_ASSERT_NE(test, s->mac_off, 0U);

	local_bh_disable();
	err[0] = omipv6_dh_kdf(k->secret, k->secret_len, k->n_mn, k->n_cn,
			       &k->ctx, km, kabm);
	err[1] = omipv6_dh_sig(s->kbm, &s->coa, &s->cn, s->nonce, s->pub,
			       s->pub_len, s->msg, s->sig_off, sig);
	err[2] = omipv6_dh_mac(s->km, s->msg, s->mac_off, mac);
	err[3] = omipv6_dh_kabm_icv(c->kabm, &c->coa, &c->cn, c->msg, c->len,
				    icv);
	err[4] = omipv6_dh_kabm_verify(c->kabm, &c->coa, &c->cn, c->msg,
				       c->len);
	err[5] = omipv6_dh_check_pub(OMIPV6_GROUP_FFDHE2048,
				     omi_ffdhe_vecs[0].pub_a,
				     OMIPV6_GROUP_FFDHE2048_PUB);
	err[6] = omipv6_dh_check_pub(OMIPV6_GROUP_X25519, dh_bob_pub, 32);
	local_bh_enable();

	KUNIT_EXPECT_EQ(test, err[0], 0);
	KUNIT_EXPECT_EQ(test, err[1], 0);
	KUNIT_EXPECT_EQ(test, err[2], 0);
	KUNIT_EXPECT_EQ(test, err[3], 0);
	KUNIT_EXPECT_EQ(test, err[4], 0);
	KUNIT_EXPECT_EQ(test, err[5], 0);
	KUNIT_EXPECT_EQ(test, err[6], 0);
	KUNIT_EXPECT_EQ(test, memcmp(km, k->km, sizeof(km)), 0);
	KUNIT_EXPECT_EQ(test, memcmp(kabm, k->kabm, sizeof(kabm)), 0);
	KUNIT_EXPECT_EQ(test, memcmp(sig, s->sig, sizeof(sig)), 0);
	KUNIT_EXPECT_EQ(test, memcmp(mac, s->mac, sizeof(mac)), 0);
	KUNIT_EXPECT_EQ(test, memcmp(icv, c->icv, sizeof(icv)), 0);
}

/*
 * One exchange end to end: the X25519 vectors' shared secret, derived
 * here from the RFC 7748 §6.1 private values, gives the Km and Kabm whose
 * MAC and ICV the message vectors hold.
 */
static void dh_exchange_test(struct kunit *test)
{
	const struct omi_kdf_vec *k = &omi_kdf_vecs[0];
	struct omipv6_dh_key *mn = dh_key_alloc(test);
	struct omipv6_dh_key *cn = dh_key_alloc(test);
	u8 *s_mn = dh_filled(test, 32), *s_cn = dh_filled(test, 32);
	u8 km[OMIPV6_KM_LEN], kabm[OMIPV6_KABM_LEN];

	KUNIT_ASSERT_EQ(test, omipv6_dh_from_priv(OMIPV6_GROUP_X25519,
						  dh_alice_priv, mn), 0);
	KUNIT_ASSERT_EQ(test, omipv6_dh_from_priv(OMIPV6_GROUP_X25519,
						  dh_bob_priv, cn), 0);
	KUNIT_ASSERT_EQ(test, omipv6_dh_compute(mn, cn->pub, 32, s_mn), 0);
	KUNIT_ASSERT_EQ(test, omipv6_dh_compute(cn, mn->pub, 32, s_cn), 0);
	KUNIT_ASSERT_EQ(test, k->secret_len, 32U);
	KUNIT_ASSERT_EQ(test, memcmp(k->secret, s_mn, 32), 0);

	KUNIT_ASSERT_EQ(test, omipv6_dh_kdf(s_cn, 32, k->n_mn, k->n_cn,
					    &k->ctx, km, kabm), 0);
	KUNIT_EXPECT_EQ(test, memcmp(km, omi_msg_vecs[1].km, sizeof(km)), 0);
	KUNIT_EXPECT_EQ(test, memcmp(kabm, omi_icv_vecs[0].kabm, sizeof(kabm)),
			0);
}

static struct kunit_case omipv6_dh_cases[] = {
	KUNIT_CASE(dh_hmac_test),
	KUNIT_CASE(dh_hmac_pre_test),
	KUNIT_CASE_PARAM(dh_x25519_rfc_test, dh_x25519_gen_params),
	KUNIT_CASE(dh_x25519_iter_test),
	KUNIT_CASE(dh_x25519_alice_bob_test),
	KUNIT_CASE(dh_x25519_zero_test),
	KUNIT_CASE(dh_x25519_agree_test),
	KUNIT_CASE(dh_ffdhe_prime_test),
	KUNIT_CASE_PARAM(dh_ffdhe_kat_test, dh_ffdhe_gen_params),
	KUNIT_CASE(dh_ffdhe_agree_test),
	KUNIT_CASE(dh_ffdhe_range_test),
	KUNIT_CASE(dh_args_test),
	KUNIT_CASE_PARAM(dh_kdf_test, dh_kdf_gen_params),
	KUNIT_CASE(dh_kdf_args_test),
	KUNIT_CASE_PARAM(dh_msg_test, dh_msg_gen_params),
	KUNIT_CASE_PARAM(dh_msg_inputs_test, dh_msg_gen_params),
	KUNIT_CASE(dh_sig_args_test),
	KUNIT_CASE_PARAM(dh_icv_test, dh_icv_gen_params),
	KUNIT_CASE_PARAM(dh_icv_reject_test, dh_icv_gen_params),
	KUNIT_CASE(dh_icv_len_test),
	KUNIT_CASE(dh_atomic_test),
	KUNIT_CASE(dh_exchange_test),
	{}
};

struct kunit_suite omipv6_dh_suite = {
	.name = "omipv6_dh",
	.test_cases = omipv6_dh_cases,
};
