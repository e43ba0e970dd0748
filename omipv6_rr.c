// SPDX-License-Identifier: GPL-2.0
/*
 * Return-routability cryptography (RFC 6275 §5.2.5, §6.2.7).
 *
 * The keyed hash is HMAC-SHA1 through omipv6_hmac() (omipv6_hmac.c: per
 * CPU transforms used with bottom halves disabled, no allocation, no
 * sleep), whose transforms module init sets up before omipv6_rr_init().
 * Kbm is a plain SHA-1 over one shared, unkeyed "sha1" transform, which
 * keeps no per-call state.  Hash state lives in SHASH_DESC_ON_STACK
 * descriptors and is wiped before return, as is every stack copy of a
 * token, key or digest.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <crypto/algapi.h>
#include <crypto/hash.h>
#include <crypto/sha1.h>
#include <kunit/visibility.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <uapi/linux/omipv6.h>

#include "omipv6_hmac.h"
#include "omipv6_rr.h"

static struct crypto_shash *omipv6_rr_sha1_tfm;

/* HMAC_SHA1(@key, concatenation of @chunks); the caller wipes @digest. */
static int omipv6_rr_hmac(const u8 *key, unsigned int keylen,
			  const struct omipv6_hmac_chunk *chunks,
			  unsigned int nchunks, u8 digest[SHA1_DIGEST_SIZE])
{
	return omipv6_hmac(OMIPV6_HMAC_SHA1, key, keylen, chunks, nchunks,
			   digest);
}

/**
 * omipv6_rr_token - compute a keygen token
 * @kcn: the correspondent node's secret Kcn
 * @addr: the home address (@kind HOME) or care-of address (@kind COA)
 * @nonce: the nonce the token is bound to
 * @kind: OMIPV6_RR_HOME or OMIPV6_RR_COA
 * @token: receives First(64, HMAC_SHA1(Kcn, addr | nonce | kind octet))
 *
 * Context: process or softirq, not hard IRQ.  Does not sleep.
 * Return: 0, -EINVAL for an unknown @kind (@token untouched), or the
 * crypto API's error.
 */
int omipv6_rr_token(const u8 kcn[OMIPV6_KCN_LEN],
		    const struct in6_addr *addr,
		    const u8 nonce[OMIPV6_NONCE_LEN],
		    enum omipv6_rr_kind kind, u8 token[OMIPV6_TOKEN_LEN])
{
	u8 kind_octet, digest[SHA1_DIGEST_SIZE];
	struct omipv6_hmac_chunk chunks[3];
	int err;

	if (kind != OMIPV6_RR_HOME && kind != OMIPV6_RR_COA)
		return -EINVAL;
	kind_octet = kind;

	chunks[0] = (struct omipv6_hmac_chunk){ addr->s6_addr, sizeof(*addr) };
	chunks[1] = (struct omipv6_hmac_chunk){ nonce, OMIPV6_NONCE_LEN };
	chunks[2] = (struct omipv6_hmac_chunk){ &kind_octet, 1 };

	err = omipv6_rr_hmac(kcn, OMIPV6_KCN_LEN, chunks, ARRAY_SIZE(chunks),
			     digest);
	if (!err)
		memcpy(token, digest, OMIPV6_TOKEN_LEN);
	memzero_explicit(digest, sizeof(digest));
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(omipv6_rr_token);

/**
 * omipv6_rr_kbm - derive the binding management key
 * @home_token: the home keygen token
 * @coa_token: the care-of keygen token, or NULL for a deregistration
 * @kbm: receives SHA1(home token | care-of token), or SHA1(home token)
 *
 * Context: any but hard IRQ.  Does not sleep.
 * Return: 0 or the crypto API's error.
 */
int omipv6_rr_kbm(const u8 home_token[OMIPV6_TOKEN_LEN],
		  const u8 *coa_token, u8 kbm[OMIPV6_KBM_LEN])
{
	u8 both[2 * OMIPV6_TOKEN_LEN];
	int err;

	BUILD_BUG_ON(OMIPV6_KBM_LEN != SHA1_DIGEST_SIZE);

	if (!coa_token)
		return crypto_shash_tfm_digest(omipv6_rr_sha1_tfm, home_token,
					       OMIPV6_TOKEN_LEN, kbm);

	memcpy(both, home_token, OMIPV6_TOKEN_LEN);
	memcpy(both + OMIPV6_TOKEN_LEN, coa_token, OMIPV6_TOKEN_LEN);
	err = crypto_shash_tfm_digest(omipv6_rr_sha1_tfm, both, sizeof(both),
				      kbm);
	memzero_explicit(both, sizeof(both));
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(omipv6_rr_kbm);

/*
 * The whole message must hold at least the fixed header and the
 * authenticator, be a whole number of 8-octet units and fit Header Len.
 */
static bool omipv6_rr_bad_len_ok(unsigned int len)
{
	return len >= OMIPV6_MH_UNIT + OMIPV6_RR_AUTH_LEN &&
	       len <= OMIPV6_MH_MAX_LEN && len % OMIPV6_MH_UNIT == 0;
}

/* First(96, ...) of the authenticator into @auth; @len already checked. */
static int omipv6_rr_bad_compute(const u8 kbm[OMIPV6_KBM_LEN],
				 const struct in6_addr *coa,
				 const struct in6_addr *cn, const u8 *mh,
				 unsigned int len, u8 auth[OMIPV6_RR_AUTH_LEN])
{
	static const u8 zero_csum[2];
	const unsigned int data = OMIPV6_MH_OFF_DATA;
	u8 digest[SHA1_DIGEST_SIZE];
	struct omipv6_hmac_chunk chunks[5];
	int err;

	BUILD_BUG_ON(sizeof(zero_csum) != OMIPV6_MH_OFF_DATA -
		     OMIPV6_MH_OFF_CSUM);

	/* The message is fed in place, its checksum field replaced by zero. */
	chunks[0] = (struct omipv6_hmac_chunk){ coa->s6_addr, sizeof(*coa) };
	chunks[1] = (struct omipv6_hmac_chunk){ cn->s6_addr, sizeof(*cn) };
	chunks[2] = (struct omipv6_hmac_chunk){ mh, OMIPV6_MH_OFF_CSUM };
	chunks[3] = (struct omipv6_hmac_chunk){ zero_csum, sizeof(zero_csum) };
	chunks[4] = (struct omipv6_hmac_chunk){ mh + data,
						len - data - OMIPV6_RR_AUTH_LEN };

	err = omipv6_rr_hmac(kbm, OMIPV6_KBM_LEN, chunks, ARRAY_SIZE(chunks),
			     digest);
	if (!err)
		memcpy(auth, digest, OMIPV6_RR_AUTH_LEN);
	memzero_explicit(digest, sizeof(digest));
	return err;
}

/**
 * omipv6_rr_bad_auth - compute a Binding Authorization Data authenticator
 * @kbm: the binding management key
 * @coa: the care-of address
 * @cn: the correspondent address (a BU's destination, a BA's source)
 * @mh: the whole Mobility Header; its checksum field and last 12 octets
 *	are not read, so they may hold anything
 * @len: length of @mh: a multiple of 8 from 24 to OMIPV6_MH_MAX_LEN
 * @auth: receives First(96, HMAC_SHA1(Kbm, CoA | CN | MH data))
 *
 * Context: process or softirq, not hard IRQ.  Does not sleep.
 * Return: 0, -EINVAL for a bad @len (@auth untouched), or the crypto
 * API's error.
 */
int omipv6_rr_bad_auth(const u8 kbm[OMIPV6_KBM_LEN],
		       const struct in6_addr *coa,
		       const struct in6_addr *cn, const u8 *mh,
		       unsigned int len, u8 auth[OMIPV6_RR_AUTH_LEN])
{
	if (!omipv6_rr_bad_len_ok(len))
		return -EINVAL;
	return omipv6_rr_bad_compute(kbm, coa, cn, mh, len, auth);
}
EXPORT_SYMBOL_IF_KUNIT(omipv6_rr_bad_auth);

/**
 * omipv6_rr_bad_verify - check a Binding Authorization Data authenticator
 * @kbm: the binding management key
 * @coa: the care-of address
 * @cn: the correspondent address (a BU's destination, a BA's source)
 * @mh: the whole Mobility Header, ending with the authenticator
 * @len: length of @mh, as for omipv6_rr_bad_auth()
 *
 * The comparison takes the same time wherever the authenticators differ.
 *
 * Context: process or softirq, not hard IRQ.  Does not sleep.
 * Return: 0 when the last 12 octets of @mh are the authenticator,
 * -EBADMSG when they are not, -EINVAL for a bad @len, or the crypto
 * API's error.
 */
int omipv6_rr_bad_verify(const u8 kbm[OMIPV6_KBM_LEN],
			 const struct in6_addr *coa,
			 const struct in6_addr *cn, const u8 *mh,
			 unsigned int len)
{
	u8 auth[OMIPV6_RR_AUTH_LEN];
	int err;

	if (!omipv6_rr_bad_len_ok(len))
		return -EINVAL;
	err = omipv6_rr_bad_compute(kbm, coa, cn, mh, len, auth);
	if (!err && crypto_memneq(auth, mh + len - OMIPV6_RR_AUTH_LEN,
				  OMIPV6_RR_AUTH_LEN))
		err = -EBADMSG;
	memzero_explicit(auth, sizeof(auth));
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(omipv6_rr_bad_verify);

/**
 * omipv6_rr_init - allocate the SHA-1 transform of Kbm
 *
 * The keyed-hash transforms are omipv6_hmac_init()'s, which module init
 * calls first.
 *
 * Context: process context, module init; may sleep.
 * Return: 0, or the crypto API's error with nothing left allocated.
 */
int __init omipv6_rr_init(void)
{
	struct crypto_shash *tfm;

	tfm = crypto_alloc_shash("sha1", 0, 0);
	if (IS_ERR(tfm)) {
		pr_err("cannot allocate sha1: %ld\n", PTR_ERR(tfm));
		return PTR_ERR(tfm);
	}
	omipv6_rr_sha1_tfm = tfm;
	return 0;
}

/**
 * omipv6_rr_exit - free the SHA-1 transform
 *
 * Context: process context, after every caller of this file is gone.
 */
void omipv6_rr_exit(void)
{
	crypto_free_shash(omipv6_rr_sha1_tfm);
	omipv6_rr_sha1_tfm = NULL;
}

/*
 * First(96, HMAC_SHA1(@key, CoA | HA | MH data)) into @auth, the checksum
 * taken as zero and the last OMIPV6_RR_AUTH_LEN octets left out; every
 * length already checked.  The caller's key is used in place.
 */
static int omipv6_rr_mnha_compute(const u8 *key, unsigned int key_len,
				  const struct in6_addr *coa,
				  const struct in6_addr *ha, const u8 *mh,
				  unsigned int len,
				  u8 auth[OMIPV6_RR_AUTH_LEN])
{
	static const u8 zero_csum[2];
	const unsigned int data = OMIPV6_MH_OFF_DATA;
	u8 digest[SHA1_DIGEST_SIZE];
	struct omipv6_hmac_chunk chunks[5];
	int err;

	chunks[0] = (struct omipv6_hmac_chunk){ coa->s6_addr, sizeof(*coa) };
	chunks[1] = (struct omipv6_hmac_chunk){ ha->s6_addr, sizeof(*ha) };
	chunks[2] = (struct omipv6_hmac_chunk){ mh, OMIPV6_MH_OFF_CSUM };
	chunks[3] = (struct omipv6_hmac_chunk){ zero_csum, sizeof(zero_csum) };
	chunks[4] = (struct omipv6_hmac_chunk){ mh + data,
						len - data - OMIPV6_RR_AUTH_LEN };

	err = omipv6_rr_hmac(key, key_len, chunks, ARRAY_SIZE(chunks), digest);
	if (!err)
		memcpy(auth, digest, OMIPV6_RR_AUTH_LEN);
	memzero_explicit(digest, sizeof(digest));
	return err;
}

/*
 * MN-HA keys are 1..OMIPV6_MNHA_KEY_MAX_LEN octets (the configuration's
 * limit), never longer than the SHA-1 block, so HMAC uses them as they
 * are.
 */
static bool omipv6_rr_mnha_args_ok(unsigned int key_len, unsigned int len)
{
	BUILD_BUG_ON(OMIPV6_MNHA_KEY_MAX_LEN > SHA1_BLOCK_SIZE);
	return key_len && key_len <= OMIPV6_MNHA_KEY_MAX_LEN &&
	       omipv6_rr_bad_len_ok(len);
}

/**
 * omipv6_rr_mnha_auth - compute an RFC 4285 MN-HA authenticator
 * @key: the MN-HA shared key
 * @key_len: its length, 1..OMIPV6_MNHA_KEY_MAX_LEN octets
 * @coa: the care-of address
 * @ha: the home agent address (a BU's destination, a BA's source)
 * @mh: the whole Mobility Header; its checksum field and last 12 octets
 *	are not read, so they may hold anything
 * @len: length of @mh: a multiple of 8 from 24 to OMIPV6_MH_MAX_LEN
 * @auth: receives First(96, HMAC_SHA1(key, CoA | HA | MH data))
 *
 * Context: process or softirq, not hard IRQ.  Does not sleep.
 * Return: 0, -EINVAL for a bad @key_len or @len (@auth untouched), or
 * the crypto API's error.
 */
int omipv6_rr_mnha_auth(const u8 *key, unsigned int key_len,
			const struct in6_addr *coa,
			const struct in6_addr *ha, const u8 *mh,
			unsigned int len, u8 auth[OMIPV6_RR_AUTH_LEN])
{
	if (!omipv6_rr_mnha_args_ok(key_len, len))
		return -EINVAL;
	return omipv6_rr_mnha_compute(key, key_len, coa, ha, mh, len, auth);
}
EXPORT_SYMBOL_IF_KUNIT(omipv6_rr_mnha_auth);

/**
 * omipv6_rr_mnha_verify - check an RFC 4285 MN-HA authenticator
 * @key: the MN-HA shared key
 * @key_len: its length, 1..OMIPV6_MNHA_KEY_MAX_LEN octets
 * @coa: the care-of address
 * @ha: the home agent address (a BU's destination, a BA's source)
 * @mh: the whole Mobility Header, ending with the authenticator
 * @len: length of @mh, as for omipv6_rr_mnha_auth()
 *
 * The comparison takes the same time wherever the authenticators differ.
 *
 * Context: process or softirq, not hard IRQ.  Does not sleep.
 * Return: 0 when the last 12 octets of @mh are the authenticator,
 * -EBADMSG when they are not, -EINVAL for a bad @key_len or @len, or the
 * crypto API's error.
 */
int omipv6_rr_mnha_verify(const u8 *key, unsigned int key_len,
			  const struct in6_addr *coa,
			  const struct in6_addr *ha, const u8 *mh,
			  unsigned int len)
{
	u8 auth[OMIPV6_RR_AUTH_LEN];
	int err;

	if (!omipv6_rr_mnha_args_ok(key_len, len))
		return -EINVAL;
	err = omipv6_rr_mnha_compute(key, key_len, coa, ha, mh, len, auth);
	if (!err && crypto_memneq(auth, mh + len - OMIPV6_RR_AUTH_LEN,
				  OMIPV6_RR_AUTH_LEN))
		err = -EBADMSG;
	memzero_explicit(auth, sizeof(auth));
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(omipv6_rr_mnha_verify);
