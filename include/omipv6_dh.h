/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Diffie-Hellman groups and key schedule of the OMIPv6 exchange
 * (doc/wire-format.md, "OMIPv6 messages").
 *
 * Groups: OMIPV6_GROUP_FFDHE2048 (RFC 7919; the prime ships in this
 * module, through the "dh" kpp) and OMIPV6_GROUP_X25519 (RFC 7748,
 * through the "curve25519" kpp, which the crypto API loads on first
 * use: a kernel without it fails omipv6_dh_generate() and
 * omipv6_dh_compute() for that group, nothing else).  Private values
 * come from get_random_bytes().
 *
 * Context: omipv6_dh_generate(), omipv6_dh_from_priv() and
 * omipv6_dh_compute() allocate a kpp transform and may sleep: process
 * context only (the exchange runs them from a work item).  Everything
 * else here neither allocates nor sleeps and may run in process or
 * softirq context, never hard IRQ: the keyed hash is omipv6_hmac()'s
 * per-CPU "hmac(sha256)" (omipv6_hmac.h), which module init sets up
 * before omipv6_dh_init().
 *
 * Callers own every buffer.  Secrets (private values, shared secrets,
 * Km, Kabm) are wiped with memzero_explicit() by whoever holds them;
 * copies made here (stack, kpp buffers, PRK, hash state) are wiped
 * before return.
 */
#ifndef _OMIPV6_DH_H
#define _OMIPV6_DH_H

#include <linux/bits.h>
#include <linux/in6.h>
#include <linux/types.h>

#include "omipv6_hmac.h"
#include "omipv6_rfc.h"

/* Longest public value and shared secret of any group. */
#define OMIPV6_DH_PUB_MAX	OMIPV6_GROUP_FFDHE2048_PUB
#define OMIPV6_DH_SECRET_MAX	OMIPV6_GROUP_FFDHE2048_PUB
/* Private value: 256 random bits for both groups. */
#define OMIPV6_DH_PRIV_LEN	32
/* HMAC-SHA256 output; Km and Kabm have this length. */
#define OMIPV6_DH_HASH_LEN	32
#define OMIPV6_KM_LEN		OMIPV6_DH_HASH_LEN
#define OMIPV6_KABM_LEN		OMIPV6_DH_HASH_LEN
/* Bit (1 << group) for each group this implementation offers. */
#define OMIPV6_DH_GROUPS_ALL	(BIT(OMIPV6_GROUP_FFDHE2048) | \
				 BIT(OMIPV6_GROUP_X25519))

/**
 * struct omipv6_dh_key - one side's key pair
 * @group: OMIPV6_GROUP_*
 * @pub_len: octets in @pub (omipv6_dh_pub_len(@group))
 * @priv: private value; secret
 * @pub: public value in wire encoding
 */
struct omipv6_dh_key {
	u16 group;
	u16 pub_len;
	u8 priv[OMIPV6_DH_PRIV_LEN];
	u8 pub[OMIPV6_DH_PUB_MAX];
};

/**
 * struct omipv6_dh_ctx - what the key schedule binds the keys to
 * @sid_mn: the mobile node's session id, as on the wire
 * @sid_cn: the correspondent's session id, as on the wire
 * @hoa: the mobile node's home address
 * @cn: the correspondent's address
 */
struct omipv6_dh_ctx {
	__be32 sid_mn;
	__be32 sid_cn;
	struct in6_addr hoa;
	struct in6_addr cn;
};

/* Nothing to allocate today; kept for the module init order. */
int omipv6_dh_init(void);
void omipv6_dh_exit(void);

/* Public value length of @group, 0 for a group this module lacks. */
unsigned int omipv6_dh_pub_len(u16 group);

/*
 * Fresh key pair in @group: OMIPV6_DH_PRIV_LEN random octets, never all
 * zero (ffdhe2048: the exponent, big endian, RFC 7919 §5.2's short
 * exponent; X25519: the scalar, which the kpp clamps).  Context:
 * process, may sleep.  Return: 0, -EINVAL for an unknown group, or the
 * kpp's error (-ENOENT when the kernel lacks it); @key is wiped on
 * failure.
 */
int omipv6_dh_generate(u16 group, struct omipv6_dh_key *key);

/*
 * The key pair of a given private value (known-answer tests).  Same
 * context and return values as omipv6_dh_generate(); an all-zero @priv
 * is -EINVAL.
 */
int omipv6_dh_from_priv(u16 group, const u8 priv[OMIPV6_DH_PRIV_LEN],
			struct omipv6_dh_key *key);

/*
 * Peer public value checks: length, and for ffdhe2048 1 < y < p - 1
 * (big endian).  X25519 takes any 32 octets here; a low-order point
 * shows as an all-zero result in omipv6_dh_compute().  Context: any but
 * hard IRQ.  Return: 0 or -EINVAL.
 */
int omipv6_dh_check_pub(u16 group, const u8 *pub, unsigned int len);

/*
 * Shared secret of @key and @peer into @secret (@key->pub_len octets;
 * ffdhe2048 left-padded to 256).  Context: process, may sleep.
 * Return: 0; -EINVAL when @peer fails omipv6_dh_check_pub() or the
 * X25519 result is all zero; or the kpp's error.  @secret is wiped on
 * failure.
 */
int omipv6_dh_compute(const struct omipv6_dh_key *key, const u8 *peer,
		      unsigned int peer_len, u8 *secret);

/* memzero_explicit() of the whole key pair. */
void omipv6_dh_key_wipe(struct omipv6_dh_key *key);

/*
 * Key schedule: PRK = HMAC-SHA256(N_MN | N_CN, secret); Km and Kabm
 * from PRK and @ctx (doc/wire-format.md), ctx = sid_MN | sid_CN | HoA |
 * CN, 40 octets, the session ids as on the wire.  @secret_len is 1 to
 * OMIPV6_DH_SECRET_MAX.  Either output may be NULL.  Context: any but
 * hard IRQ.  Return: 0, -EINVAL for a bad @secret_len, or the crypto
 * API's error; the outputs are wiped on failure.
 */
int omipv6_dh_kdf(const u8 *secret, unsigned int secret_len,
		  const u8 n_mn[OMIPV6_OMI_NONCE_LEN],
		  const u8 n_cn[OMIPV6_OMI_NONCE_LEN],
		  const struct omipv6_dh_ctx *ctx,
		  u8 km[OMIPV6_KM_LEN], u8 kabm[OMIPV6_KABM_LEN]);

/*
 * SIG of an OMIPv6 message @m whose SIG field starts at @sig_off:
 * HMAC-SHA256(Kbm, CoA | CN | @nonce | @pub | M[0..sig_off)) with the
 * checksum taken as zero.  @nonce and @pub are NULL (and @pub_len 0)
 * for DH1, the other side's nonce (OMIPV6_OMI_NONCE_LEN octets) and
 * public value otherwise.  @m must hold at least @sig_off octets; the
 * SIG field itself is not read.  Context: any but hard IRQ.
 * Return: 0; -EINVAL when @sig_off is below OMIPV6_OMI_HDR_END or leaves
 * no room for the SIG in OMIPV6_MH_MAX_LEN, when only one of @nonce and
 * @pub is given, or @pub_len is 0 or above OMIPV6_DH_PUB_MAX (@sig
 * untouched); or the crypto API's error.
 */
int omipv6_dh_sig(const u8 kbm[OMIPV6_KBM_LEN], const struct in6_addr *coa,
		  const struct in6_addr *cn,
		  const u8 *nonce, const u8 *pub, unsigned int pub_len,
		  const u8 *m, unsigned int sig_off,
		  u8 sig[OMIPV6_OMI_SIG_LEN]);

/*
 * MAC = HMAC-SHA256(Km, M[0..mac_off)), the checksum taken as zero.
 * Same context and @mac_off limits as omipv6_dh_sig()'s @sig_off.
 */
int omipv6_dh_mac(const u8 km[OMIPV6_KM_LEN], const u8 *m,
		  unsigned int mac_off, u8 mac[OMIPV6_OMI_MAC_LEN]);

/*
 * Kabm authenticator option ICV: First(128, HMAC-SHA256(Kabm, CoA | CN
 * | MH data)), MH data being @mh (@len octets, ending in the option)
 * with the checksum taken as zero and its last 16 octets left out.  The
 * option's own octets are not checked.  Context: any.  Return: 0, or
 * -EINVAL unless @len is a multiple of 8 from 32 (8 octets and the
 * 24-octet option) to OMIPV6_MH_MAX_LEN (@icv untouched).
 */
int omipv6_dh_kabm_icv(const u8 kabm[OMIPV6_KABM_LEN],
		       const struct in6_addr *coa, const struct in6_addr *cn,
		       const u8 *mh, unsigned int len,
		       u8 icv[OMIPV6_KABM_ICV_LEN]);

/*
 * omipv6_dh_kabm_icv() with Kabm folded in beforehand
 * (omipv6_hmac_sha256_prekey()): the SA table's fast path.  Context:
 * any; neither sleeps nor allocates.  Return: 0 or -EINVAL as there.
 */
int omipv6_dh_kabm_icv_pre(const struct omipv6_hmac_sha256_pre *pre,
			   const struct in6_addr *coa,
			   const struct in6_addr *cn, const u8 *mh,
			   unsigned int len, u8 icv[OMIPV6_KABM_ICV_LEN]);

/*
 * 0 when the last 16 octets of @mh are its ICV (compared in constant
 * time), -EBADMSG when they are not; otherwise as omipv6_dh_kabm_icv().
 */
int omipv6_dh_kabm_verify(const u8 kabm[OMIPV6_KABM_LEN],
			  const struct in6_addr *coa,
			  const struct in6_addr *cn, const u8 *mh,
			  unsigned int len);

#if IS_ENABLED(CONFIG_KUNIT)
/* The RFC 7919 ffdhe2048 prime, big endian; visible to KUnit only. */
extern const u8 omipv6_dh_ffdhe2048_p[OMIPV6_GROUP_FFDHE2048_PUB];
#endif

#endif /* _OMIPV6_DH_H */
