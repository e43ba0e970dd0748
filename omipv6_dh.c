// SPDX-License-Identifier: GPL-2.0
/*
 * Diffie-Hellman groups and key schedule of the OMIPv6 exchange
 * (include/omipv6_dh.h, doc/wire-format.md "OMIPv6 messages").
 *
 * Each kpp operation allocates its own transform and request and frees
 * them before returning.  A transform holds the private value, so a
 * shared one would need a lock held across a sleeping call, and the
 * exchange computes only a few values per rekey; "curve25519" may also
 * need a module load, which happens at the first use instead of failing
 * module init.  The kpp reads and writes through scatterlists, which
 * must not point into a (vmapped) stack, so values pass through one
 * kmalloc'd buffer, freed with kfree_sensitive().  The kernel's "dh"
 * frees its multi-precision values the same way; a kpp request and a
 * transform are freed with kfree_sensitive() by the crypto API.
 *
 * The keyed hashes are omipv6_hmac()'s HMAC-SHA256 (omipv6_hmac.c).
 * Each input is fed in place as a list of chunks, the message checksum
 * replaced by two zero octets; the PRK and every digest held here are
 * wiped before return.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <crypto/algapi.h>
#include <crypto/dh.h>
#include <crypto/kpp.h>
#include <crypto/sha2.h>
#include <kunit/visibility.h>
#include <linux/crypto.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/random.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "omipv6_dh.h"
#include "omipv6_hmac.h"

/*
 * RFC 7919 Appendix A.1, ffdhe2048: p = 2^2048 - 2^1984 +
 * (floor(2^1918 * e) + 560316) * 2^64 - 1, big endian; generator 2.
 * scripts/omi_vectors.py derives it from that formula and the KUnit
 * suite compares.
 */
VISIBLE_IF_KUNIT
const u8 omipv6_dh_ffdhe2048_p[OMIPV6_GROUP_FFDHE2048_PUB] = {
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xad, 0xf8, 0x54, 0x58, 0xa2, 0xbb, 0x4a, 0x9a,
	0xaf, 0xdc, 0x56, 0x20, 0x27, 0x3d, 0x3c, 0xf1,
	0xd8, 0xb9, 0xc5, 0x83, 0xce, 0x2d, 0x36, 0x95,
	0xa9, 0xe1, 0x36, 0x41, 0x14, 0x64, 0x33, 0xfb,
	0xcc, 0x93, 0x9d, 0xce, 0x24, 0x9b, 0x3e, 0xf9,
	0x7d, 0x2f, 0xe3, 0x63, 0x63, 0x0c, 0x75, 0xd8,
	0xf6, 0x81, 0xb2, 0x02, 0xae, 0xc4, 0x61, 0x7a,
	0xd3, 0xdf, 0x1e, 0xd5, 0xd5, 0xfd, 0x65, 0x61,
	0x24, 0x33, 0xf5, 0x1f, 0x5f, 0x06, 0x6e, 0xd0,
	0x85, 0x63, 0x65, 0x55, 0x3d, 0xed, 0x1a, 0xf3,
	0xb5, 0x57, 0x13, 0x5e, 0x7f, 0x57, 0xc9, 0x35,
	0x98, 0x4f, 0x0c, 0x70, 0xe0, 0xe6, 0x8b, 0x77,
	0xe2, 0xa6, 0x89, 0xda, 0xf3, 0xef, 0xe8, 0x72,
	0x1d, 0xf1, 0x58, 0xa1, 0x36, 0xad, 0xe7, 0x35,
	0x30, 0xac, 0xca, 0x4f, 0x48, 0x3a, 0x79, 0x7a,
	0xbc, 0x0a, 0xb1, 0x82, 0xb3, 0x24, 0xfb, 0x61,
	0xd1, 0x08, 0xa9, 0x4b, 0xb2, 0xc8, 0xe3, 0xfb,
	0xb9, 0x6a, 0xda, 0xb7, 0x60, 0xd7, 0xf4, 0x68,
	0x1d, 0x4f, 0x42, 0xa3, 0xde, 0x39, 0x4d, 0xf4,
	0xae, 0x56, 0xed, 0xe7, 0x63, 0x72, 0xbb, 0x19,
	0x0b, 0x07, 0xa7, 0xc8, 0xee, 0x0a, 0x6d, 0x70,
	0x9e, 0x02, 0xfc, 0xe1, 0xcd, 0xf7, 0xe2, 0xec,
	0xc0, 0x34, 0x04, 0xcd, 0x28, 0x34, 0x2f, 0x61,
	0x91, 0x72, 0xfe, 0x9c, 0xe9, 0x85, 0x83, 0xff,
	0x8e, 0x4f, 0x12, 0x32, 0xee, 0xf2, 0x81, 0x83,
	0xc3, 0xfe, 0x3b, 0x1b, 0x4c, 0x6f, 0xad, 0x73,
	0x3b, 0xb5, 0xfc, 0xbc, 0x2e, 0xc2, 0x20, 0x05,
	0xc5, 0x8e, 0xf1, 0x83, 0x7d, 0x16, 0x83, 0xb2,
	0xc6, 0xf3, 0x4a, 0x26, 0xc1, 0xb2, 0xef, 0xfa,
	0x88, 0x6b, 0x42, 0x38, 0x61, 0x28, 0x5c, 0x97,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
};
EXPORT_SYMBOL_IF_KUNIT(omipv6_dh_ffdhe2048_p);

static const u8 omipv6_dh_ffdhe2048_g = 2;

static const u8 omipv6_dh_zero[OMIPV6_GROUP_X25519_PUB];

/* The kpp's input (a peer's public value) and output. */
struct omipv6_dh_buf {
	u8 in[OMIPV6_DH_PUB_MAX];
	u8 out[OMIPV6_DH_SECRET_MAX];
};

/**
 * omipv6_dh_pub_len - public value length of a group
 * @group: OMIPV6_GROUP_*
 *
 * Context: any.
 * Return: the length in octets (the shared secret has the same length),
 * 0 for a group this module lacks.
 */
unsigned int omipv6_dh_pub_len(u16 group)
{
	switch (group) {
	case OMIPV6_GROUP_FFDHE2048:
		return OMIPV6_GROUP_FFDHE2048_PUB;
	case OMIPV6_GROUP_X25519:
		return OMIPV6_GROUP_X25519_PUB;
	default:
		return 0;
	}
}
EXPORT_SYMBOL_IF_KUNIT(omipv6_dh_pub_len);

/* Give @tfm the private value @priv, with ffdhe2048's p and g for "dh". */
static int omipv6_dh_set_secret(struct crypto_kpp *tfm, u16 group,
				const u8 *priv)
{
	struct dh params = {
		.key = priv,
		.key_size = OMIPV6_DH_PRIV_LEN,
		.p = omipv6_dh_ffdhe2048_p,
		.p_size = sizeof(omipv6_dh_ffdhe2048_p),
		.g = &omipv6_dh_ffdhe2048_g,
		.g_size = sizeof(omipv6_dh_ffdhe2048_g),
	};
	unsigned int len;
	char *packed;
	int err;

	if (group == OMIPV6_GROUP_X25519)
		return crypto_kpp_set_secret(tfm, priv, OMIPV6_DH_PRIV_LEN);

	len = crypto_dh_key_len(&params);
	packed = kmalloc(len, GFP_KERNEL);
	if (!packed)
		return -ENOMEM;
	err = crypto_dh_encode_key(packed, len, &params);
	if (!err)
		err = crypto_kpp_set_secret(tfm, packed, len);
	kfree_sensitive(packed);
	return err;
}

/*
 * One kpp operation in @group (known): the public value of @priv when
 * @peer is NULL, else the shared secret of @priv and @peer (already
 * checked).  Writes omipv6_dh_pub_len(@group) octets to @out, ffdhe2048
 * left-padded with zeros, only on success.
 */
static int omipv6_dh_kpp(u16 group, const u8 *priv, const u8 *peer,
			 u8 *out)
{
	unsigned int len = omipv6_dh_pub_len(group);
	struct scatterlist src, dst;
	struct omipv6_dh_buf *buf;
	struct kpp_request *req;
	struct crypto_kpp *tfm;
	DECLARE_CRYPTO_WAIT(wait);
	int err;

	tfm = crypto_alloc_kpp(group == OMIPV6_GROUP_X25519 ? "curve25519" :
			       "dh", 0, 0);
	if (IS_ERR(tfm))
		return PTR_ERR(tfm);

	err = -ENOMEM;
	buf = kzalloc(sizeof(*buf), GFP_KERNEL);
	req = kpp_request_alloc(tfm, GFP_KERNEL);
	if (!buf || !req)
		goto out;
	err = omipv6_dh_set_secret(tfm, group, priv);
	if (err)
		goto out;

	sg_init_one(&dst, buf->out, len);
	kpp_request_set_output(req, &dst, len);
	kpp_request_set_callback(req, CRYPTO_TFM_REQ_MAY_BACKLOG |
				 CRYPTO_TFM_REQ_MAY_SLEEP, crypto_req_done,
				 &wait);
	if (peer) {
		memcpy(buf->in, peer, len);
		sg_init_one(&src, buf->in, len);
		kpp_request_set_input(req, &src, len);
		err = crypto_wait_req(crypto_kpp_compute_shared_secret(req),
				      &wait);
	} else {
		kpp_request_set_input(req, NULL, 0);
		err = crypto_wait_req(crypto_kpp_generate_public_key(req),
				      &wait);
	}
	if (!err)
		memcpy(out, buf->out, len);
out:
	kpp_request_free(req);
	kfree_sensitive(buf);
	crypto_free_kpp(tfm);
	return err;
}

/* @key->priv is set: fill in the rest, or wipe @key on failure. */
static int omipv6_dh_fill(u16 group, struct omipv6_dh_key *key)
{
	int err;

	key->group = group;
	key->pub_len = omipv6_dh_pub_len(group);
	memset(key->pub, 0, sizeof(key->pub));
	err = omipv6_dh_kpp(group, key->priv, NULL, key->pub);
	if (err)
		omipv6_dh_key_wipe(key);
	return err;
}

/**
 * omipv6_dh_generate - make a fresh key pair
 * @group: OMIPV6_GROUP_*
 * @key: receives the key pair
 *
 * The private value is OMIPV6_DH_PRIV_LEN random octets, never all zero:
 * for ffdhe2048 a 256-bit exponent (RFC 7919 §5.2), for X25519 the scalar
 * the kpp clamps (RFC 7748 §5).
 *
 * Context: process, may sleep.
 * Return: 0; -EINVAL for an unknown @group (@key untouched); or the
 * kpp's error, -ENOENT when the kernel lacks the algorithm (@key wiped).
 */
int omipv6_dh_generate(u16 group, struct omipv6_dh_key *key)
{
	if (!omipv6_dh_pub_len(group))
		return -EINVAL;
	do {
		get_random_bytes(key->priv, sizeof(key->priv));
	} while (!memchr_inv(key->priv, 0, sizeof(key->priv)));
	return omipv6_dh_fill(group, key);
}
EXPORT_SYMBOL_IF_KUNIT(omipv6_dh_generate);

/**
 * omipv6_dh_from_priv - the key pair of a given private value
 * @group: OMIPV6_GROUP_*
 * @priv: the private value, read as omipv6_dh_generate() makes it
 * @key: receives the key pair; may not overlap @priv
 *
 * Context: process, may sleep.
 * Return: 0; -EINVAL for an unknown @group or an all-zero @priv (@key
 * untouched); or the kpp's error (@key wiped).
 */
int omipv6_dh_from_priv(u16 group, const u8 priv[OMIPV6_DH_PRIV_LEN],
			struct omipv6_dh_key *key)
{
	if (!omipv6_dh_pub_len(group) ||
	    !memchr_inv(priv, 0, OMIPV6_DH_PRIV_LEN))
		return -EINVAL;
	memcpy(key->priv, priv, sizeof(key->priv));
	return omipv6_dh_fill(group, key);
}
EXPORT_SYMBOL_IF_KUNIT(omipv6_dh_from_priv);

/**
 * omipv6_dh_check_pub - check a peer's public value
 * @group: OMIPV6_GROUP_*
 * @pub: the value in wire encoding
 * @len: its length
 *
 * ffdhe2048 values must satisfy 1 < y < p - 1 (RFC 7919 §5.1): 0, 1 and
 * p - 1 generate subgroups of order 1 or 2, and p or more is no residue.
 * X25519 values are any 32 octets (RFC 7748 §5 masks the top bit);
 * omipv6_dh_compute() rejects the all-zero result of a low-order point.
 *
 * Context: any.
 * Return: 0, or -EINVAL for an unknown @group, a wrong @len or a value
 * out of range.
 */
int omipv6_dh_check_pub(u16 group, const u8 *pub, unsigned int len)
{
	const u8 *p = omipv6_dh_ffdhe2048_p;
	unsigned int want = omipv6_dh_pub_len(group);
	int cmp;

	if (!want || len != want)
		return -EINVAL;
	if (group != OMIPV6_GROUP_FFDHE2048)
		return 0;

	/* y > 1 */
	if (!memchr_inv(pub, 0, len - 1) && pub[len - 1] <= 1)
		return -EINVAL;
	/*
	 * y < p - 1.  p is odd (its last octet is 0xff), so p - 1 is p with
	 * the last octet one less: compare all but the last octet, then it.
	 */
	cmp = memcmp(pub, p, len - 1);
	if (cmp > 0 || (cmp == 0 && pub[len - 1] >= p[len - 1] - 1))
		return -EINVAL;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(omipv6_dh_check_pub);

/**
 * omipv6_dh_compute - shared secret of a key pair and a peer's value
 * @key: our key pair
 * @peer: the peer's public value, wire encoding
 * @peer_len: its length
 * @secret: receives omipv6_dh_pub_len(@key->group) octets (ffdhe2048
 *	left-padded to 256, X25519 32)
 *
 * Context: process, may sleep.
 * Return: 0; -EINVAL for an unknown group, a @peer that fails
 * omipv6_dh_check_pub() or an all-zero X25519 result; or the kpp's
 * error.  @secret is wiped on any failure but an unknown group.
 */
int omipv6_dh_compute(const struct omipv6_dh_key *key, const u8 *peer,
		      unsigned int peer_len, u8 *secret)
{
	unsigned int len = omipv6_dh_pub_len(key->group);
	int err;

	if (!len)
		return -EINVAL;
	err = omipv6_dh_check_pub(key->group, peer, peer_len);
	if (!err)
		err = omipv6_dh_kpp(key->group, key->priv, peer, secret);
	/* RFC 7748 §6.1: a low-order point makes the all-zero value. */
	if (!err && key->group == OMIPV6_GROUP_X25519 &&
	    !crypto_memneq(secret, omipv6_dh_zero, sizeof(omipv6_dh_zero)))
		err = -EINVAL;
	if (err)
		memzero_explicit(secret, len);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(omipv6_dh_compute);

/**
 * omipv6_dh_key_wipe - wipe a key pair
 * @key: the key pair
 *
 * Context: any.
 */
void omipv6_dh_key_wipe(struct omipv6_dh_key *key)
{
	memzero_explicit(key, sizeof(*key));
}
EXPORT_SYMBOL_IF_KUNIT(omipv6_dh_key_wipe);

/**
 * omipv6_dh_kdf - derive Km and Kabm from a shared secret
 * @secret: the DH shared secret as omipv6_dh_compute() makes it
 * @secret_len: its length, 1..OMIPV6_DH_SECRET_MAX
 * @n_mn: the mobile node's nonce N_MN
 * @n_cn: the correspondent's nonce N_CN
 * @ctx: session ids and addresses the keys are bound to
 * @km: receives Km = HMAC-SHA256(PRK, "omipv6 km" | ctx | 0x01), or NULL
 * @kabm: receives Kabm = HMAC-SHA256(PRK, "omipv6 kabm" | ctx | 0x01),
 *	or NULL
 *
 * PRK = HMAC-SHA256(N_MN | N_CN, secret); ctx = sid_MN | sid_CN | HoA |
 * CN, the session ids in network order; the labels are their ASCII
 * octets without a terminating NUL.
 *
 * Context: process or softirq, not hard IRQ.  Does not sleep.
 * Return: 0, -EINVAL for a bad @secret_len, or the crypto API's error;
 * @km and @kabm are wiped on failure.
 */
int omipv6_dh_kdf(const u8 *secret, unsigned int secret_len,
		  const u8 n_mn[OMIPV6_OMI_NONCE_LEN],
		  const u8 n_cn[OMIPV6_OMI_NONCE_LEN],
		  const struct omipv6_dh_ctx *ctx,
		  u8 km[OMIPV6_KM_LEN], u8 kabm[OMIPV6_KABM_LEN])
{
	static const char km_label[] = "omipv6 km";
	static const char kabm_label[] = "omipv6 kabm";
	static const u8 one = 0x01;
	u8 salt[2 * OMIPV6_OMI_NONCE_LEN];
	u8 prk[SHA256_DIGEST_SIZE];
	struct omipv6_hmac_chunk in, info[6];
	int err;

	BUILD_BUG_ON(OMIPV6_KM_LEN != SHA256_DIGEST_SIZE);
	BUILD_BUG_ON(OMIPV6_KABM_LEN != SHA256_DIGEST_SIZE);

	if (!secret_len || secret_len > OMIPV6_DH_SECRET_MAX) {
		err = -EINVAL;
		goto out;
	}

	memcpy(salt, n_mn, OMIPV6_OMI_NONCE_LEN);
	memcpy(salt + OMIPV6_OMI_NONCE_LEN, n_cn, OMIPV6_OMI_NONCE_LEN);
	in = (struct omipv6_hmac_chunk){ secret, secret_len };
	err = omipv6_hmac(OMIPV6_HMAC_SHA256, salt, sizeof(salt), &in, 1, prk);
	if (err)
		goto out;

	info[1] = (struct omipv6_hmac_chunk){ &ctx->sid_mn, sizeof(__be32) };
	info[2] = (struct omipv6_hmac_chunk){ &ctx->sid_cn, sizeof(__be32) };
	info[3] = (struct omipv6_hmac_chunk){ ctx->hoa.s6_addr,
					      sizeof(ctx->hoa) };
	info[4] = (struct omipv6_hmac_chunk){ ctx->cn.s6_addr,
					      sizeof(ctx->cn) };
	info[5] = (struct omipv6_hmac_chunk){ &one, sizeof(one) };
	if (km) {
		info[0] = (struct omipv6_hmac_chunk){ km_label,
						      sizeof(km_label) - 1 };
		err = omipv6_hmac(OMIPV6_HMAC_SHA256, prk, sizeof(prk), info,
				  ARRAY_SIZE(info), km);
	}
	if (!err && kabm) {
		info[0] = (struct omipv6_hmac_chunk){ kabm_label,
						      sizeof(kabm_label) - 1 };
		err = omipv6_hmac(OMIPV6_HMAC_SHA256, prk, sizeof(prk), info,
				  ARRAY_SIZE(info), kabm);
	}
out:
	memzero_explicit(prk, sizeof(prk));
	if (err && km)
		memzero_explicit(km, OMIPV6_KM_LEN);
	if (err && kabm)
		memzero_explicit(kabm, OMIPV6_KABM_LEN);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(omipv6_dh_kdf);

/* A field of @len octets at @off fits behind the OMIPv6 common part. */
static bool omipv6_dh_off_ok(unsigned int off, unsigned int len)
{
	return off >= OMIPV6_OMI_HDR_END && off <= OMIPV6_MH_MAX_LEN - len;
}

/*
 * Chunks for M[0..@end) of @m with the checksum taken as zero, into
 * @c[0..3).  @end is at least OMIPV6_MH_OFF_DATA.
 */
static void omipv6_dh_msg_chunks(const u8 *m, unsigned int end,
				 struct omipv6_hmac_chunk *c)
{
	static const u8 zero_csum[2];

	BUILD_BUG_ON(sizeof(zero_csum) != OMIPV6_MH_OFF_DATA -
		     OMIPV6_MH_OFF_CSUM);
	c[0] = (struct omipv6_hmac_chunk){ m, OMIPV6_MH_OFF_CSUM };
	c[1] = (struct omipv6_hmac_chunk){ zero_csum, sizeof(zero_csum) };
	c[2] = (struct omipv6_hmac_chunk){ m + OMIPV6_MH_OFF_DATA,
					   end - OMIPV6_MH_OFF_DATA };
}

/**
 * omipv6_dh_sig - SIG of a DH1..DH4 message
 * @kbm: the binding management key of return routability
 * @coa: the mobile node's care-of address
 * @cn: the correspondent's address
 * @nonce: the other side's nonce (DH2, DH4: N_MN; DH3: N_CN), NULL for DH1
 * @pub: the other side's public value (DH2, DH4: gX; DH3: gY), NULL for
 *	DH1
 * @pub_len: its length, 0 for DH1
 * @m: the message
 * @sig_off: offset of its SIG field; the octets before it are covered
 * @sig: receives HMAC-SHA256(Kbm, CoA | CN | nonce | pub | M[0..sig_off))
 *
 * Context: process or softirq, not hard IRQ.  Does not sleep.
 * Return: 0, -EINVAL for bad arguments (include/omipv6_dh.h; @sig
 * untouched), or the crypto API's error.
 */
int omipv6_dh_sig(const u8 kbm[OMIPV6_KBM_LEN], const struct in6_addr *coa,
		  const struct in6_addr *cn,
		  const u8 *nonce, const u8 *pub, unsigned int pub_len,
		  const u8 *m, unsigned int sig_off,
		  u8 sig[OMIPV6_OMI_SIG_LEN])
{
	struct omipv6_hmac_chunk c[7];

	BUILD_BUG_ON(OMIPV6_OMI_SIG_LEN != SHA256_DIGEST_SIZE);

	if (!omipv6_dh_off_ok(sig_off, OMIPV6_OMI_SIG_LEN) ||
	    !nonce != !pub || (!pub && pub_len) ||
	    (pub && (!pub_len || pub_len > OMIPV6_DH_PUB_MAX)))
		return -EINVAL;

	c[0] = (struct omipv6_hmac_chunk){ coa->s6_addr, sizeof(*coa) };
	c[1] = (struct omipv6_hmac_chunk){ cn->s6_addr, sizeof(*cn) };
	c[2] = (struct omipv6_hmac_chunk){ nonce,
					   nonce ? OMIPV6_OMI_NONCE_LEN : 0 };
	c[3] = (struct omipv6_hmac_chunk){ pub, pub_len };
	omipv6_dh_msg_chunks(m, sig_off, &c[4]);
	return omipv6_hmac(OMIPV6_HMAC_SHA256, kbm, OMIPV6_KBM_LEN, c,
			   ARRAY_SIZE(c), sig);
}
EXPORT_SYMBOL_IF_KUNIT(omipv6_dh_sig);

/**
 * omipv6_dh_mac - MAC of a DH2..DH4 message
 * @km: the exchange's Km
 * @m: the message
 * @mac_off: offset of its MAC field; the octets before it are covered
 * @mac: receives HMAC-SHA256(Km, M[0..mac_off))
 *
 * Context: process or softirq, not hard IRQ.  Does not sleep.
 * Return: 0, -EINVAL for a bad @mac_off (@mac untouched), or the crypto
 * API's error.
 */
int omipv6_dh_mac(const u8 km[OMIPV6_KM_LEN], const u8 *m,
		  unsigned int mac_off, u8 mac[OMIPV6_OMI_MAC_LEN])
{
	struct omipv6_hmac_chunk c[3];

	BUILD_BUG_ON(OMIPV6_OMI_MAC_LEN != SHA256_DIGEST_SIZE);

	if (!omipv6_dh_off_ok(mac_off, OMIPV6_OMI_MAC_LEN))
		return -EINVAL;
	omipv6_dh_msg_chunks(m, mac_off, c);
	return omipv6_hmac(OMIPV6_HMAC_SHA256, km, OMIPV6_KM_LEN, c,
			   ARRAY_SIZE(c), mac);
}
EXPORT_SYMBOL_IF_KUNIT(omipv6_dh_mac);

/* The option's 24 octets at 8n end a message of whole 8-octet units. */
static bool omipv6_dh_icv_len_ok(unsigned int len)
{
	return len >= OMIPV6_MH_UNIT + 2 + OMIPV6_OPT_KABM_AUTH_LEN &&
	       len <= OMIPV6_MH_MAX_LEN && len % OMIPV6_MH_UNIT == 0;
}

/* The ICV's input: CoA | CN | MH data without the ICV, in @c[0..5). */
static void omipv6_dh_icv_chunks(const struct in6_addr *coa,
				 const struct in6_addr *cn, const u8 *mh,
				 unsigned int len, struct omipv6_hmac_chunk *c)
{
	c[0] = (struct omipv6_hmac_chunk){ coa->s6_addr, sizeof(*coa) };
	c[1] = (struct omipv6_hmac_chunk){ cn->s6_addr, sizeof(*cn) };
	omipv6_dh_msg_chunks(mh, len - OMIPV6_KABM_ICV_LEN, &c[2]);
}

/**
 * omipv6_dh_kabm_icv - ICV of a Kabm authenticator option
 * @kabm: the SA's key
 * @coa: the care-of address
 * @cn: the correspondent address (a BU's destination, a BA's source)
 * @mh: the whole Mobility Header, ending with the option; its checksum
 *	field and last 16 octets are not read
 * @len: length of @mh: a multiple of 8 from 32 to OMIPV6_MH_MAX_LEN
 * @icv: receives First(128, HMAC-SHA256(Kabm, CoA | CN | MH data))
 *
 * The definition, with the key as such; the SA table folds the key in
 * once and uses omipv6_dh_kabm_icv_pre().
 *
 * Context: any.  Does not sleep or allocate.
 * Return: 0, or -EINVAL for a bad @len (@icv untouched).
 */
int omipv6_dh_kabm_icv(const u8 kabm[OMIPV6_KABM_LEN],
		       const struct in6_addr *coa, const struct in6_addr *cn,
		       const u8 *mh, unsigned int len,
		       u8 icv[OMIPV6_KABM_ICV_LEN])
{
	struct omipv6_hmac_sha256_pre pre;
	int err;

	omipv6_hmac_sha256_prekey(kabm, OMIPV6_KABM_LEN, &pre);
	err = omipv6_dh_kabm_icv_pre(&pre, coa, cn, mh, len, icv);
	memzero_explicit(&pre, sizeof(pre));
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(omipv6_dh_kabm_icv);

/**
 * omipv6_dh_kabm_icv_pre - omipv6_dh_kabm_icv() with a folded-in key
 * @pre: Kabm, through omipv6_hmac_sha256_prekey()
 * @coa: the care-of address
 * @cn: the correspondent address
 * @mh: the whole Mobility Header, ending with the option
 * @len: its length, as for omipv6_dh_kabm_icv()
 * @icv: receives the ICV
 *
 * Context: any.  Neither sleeps nor allocates.
 * Return: 0, or -EINVAL for a bad @len (@icv untouched).
 */
int omipv6_dh_kabm_icv_pre(const struct omipv6_hmac_sha256_pre *pre,
			   const struct in6_addr *coa,
			   const struct in6_addr *cn, const u8 *mh,
			   unsigned int len, u8 icv[OMIPV6_KABM_ICV_LEN])
{
	u8 digest[SHA256_DIGEST_SIZE];
	struct omipv6_hmac_chunk c[5];

	if (!omipv6_dh_icv_len_ok(len))
		return -EINVAL;
	omipv6_dh_icv_chunks(coa, cn, mh, len, c);
	omipv6_hmac_sha256_pre(pre, c, ARRAY_SIZE(c), digest);
	memcpy(icv, digest, OMIPV6_KABM_ICV_LEN);
	memzero_explicit(digest, sizeof(digest));
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(omipv6_dh_kabm_icv_pre);

/**
 * omipv6_dh_kabm_verify - check a Kabm authenticator option's ICV
 * @kabm: the SA's key
 * @coa: the care-of address
 * @cn: the correspondent address (a BU's destination, a BA's source)
 * @mh: the whole Mobility Header, ending with the option
 * @len: length of @mh, as for omipv6_dh_kabm_icv()
 *
 * The comparison takes the same time wherever the ICVs differ.
 *
 * Context: process or softirq, not hard IRQ.  Does not sleep.
 * Return: 0 when the last 16 octets of @mh are the ICV, -EBADMSG when
 * they are not, or -EINVAL for a bad @len.
 */
int omipv6_dh_kabm_verify(const u8 kabm[OMIPV6_KABM_LEN],
			  const struct in6_addr *coa,
			  const struct in6_addr *cn, const u8 *mh,
			  unsigned int len)
{
	u8 icv[OMIPV6_KABM_ICV_LEN];
	int err;

	err = omipv6_dh_kabm_icv(kabm, coa, cn, mh, len, icv);
	if (!err && crypto_memneq(icv, mh + len - OMIPV6_KABM_ICV_LEN,
				  OMIPV6_KABM_ICV_LEN))
		err = -EBADMSG;
	memzero_explicit(icv, sizeof(icv));
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(omipv6_dh_kabm_verify);

/**
 * omipv6_dh_init - set up the DH layer
 *
 * Nothing is allocated: kpp transforms are per call, the keyed hash is
 * omipv6_hmac()'s.  A kernel without "curve25519" still loads the module
 * (X25519 calls fail with the kpp's error).
 *
 * Context: process, module init.
 * Return: 0.
 */
int omipv6_dh_init(void)
{
	return 0;
}

/**
 * omipv6_dh_exit - tear down the DH layer
 *
 * Context: process, module exit.
 */
void omipv6_dh_exit(void)
{
}
