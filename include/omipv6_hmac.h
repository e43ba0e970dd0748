/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Keyed hashes shared by return routability (HMAC-SHA1, RFC 6275) and
 * OMIPv6 (HMAC-SHA256, doc/wire-format.md).
 *
 * omipv6_hmac_init() allocates one "hmac(sha1)" and one "hmac(sha256)"
 * shash transform per possible CPU; omipv6_hmac_exit() frees them.
 * Module init calls omipv6_hmac_init() before anything that hashes is set
 * up, and module exit calls omipv6_hmac_exit() after the last user is
 * gone.
 *
 * omipv6_hmac() neither allocates nor sleeps.  It runs on this CPU's
 * transform with bottom halves disabled, so process-context and softirq
 * callers on one CPU never interleave and no two CPUs share a transform:
 * callable from process or softirq context, never from hard IRQ.
 *
 * A key used for many messages (an SA's Kabm) can be folded in once:
 * omipv6_hmac_sha256_prekey() keeps the SHA-256 states after the inner
 * and outer padded key blocks, and omipv6_hmac_sha256_pre() starts from
 * them, saving the two compressions per message that setting the key
 * costs.  Both run on the SHA-256 library (lib/crypto) with the state
 * on the caller's stack: any context, no transform, no allocation.
 */
#ifndef _OMIPV6_HMAC_H
#define _OMIPV6_HMAC_H

#include <crypto/sha2.h>
#include <linux/types.h>

enum omipv6_hmac_alg {
	OMIPV6_HMAC_SHA1,
	OMIPV6_HMAC_SHA256,
	OMIPV6_HMAC_NR,
};

/* The longest digest of any algorithm: HMAC-SHA256's. */
#define OMIPV6_HMAC_MAX_DIGEST	SHA256_DIGEST_SIZE

/* One piece of a keyed hash's input; @len 0 adds nothing. */
struct omipv6_hmac_chunk {
	const void *data;
	unsigned int len;
};

/**
 * struct omipv6_hmac_sha256_pre - an HMAC-SHA256 key folded in
 * @istate: SHA-256 chaining value after the block key ^ ipad
 * @ostate: SHA-256 chaining value after the block key ^ opad
 *
 * As secret as the key; the owner wipes it with memzero_explicit().
 */
struct omipv6_hmac_sha256_pre {
	u32 istate[SHA256_DIGEST_SIZE / 4];
	u32 ostate[SHA256_DIGEST_SIZE / 4];
};

int omipv6_hmac_init(void);
void omipv6_hmac_exit(void);

/* Digest length of @alg in octets, 0 for an unknown @alg. */
unsigned int omipv6_hmac_len(enum omipv6_hmac_alg alg);

/*
 * HMAC with @alg keyed with @key (@keylen octets, any length) over the
 * concatenation of @n @chunks, into @digest (omipv6_hmac_len(@alg)
 * octets).  The hash state is wiped before return; the caller owns and
 * wipes @key and @digest.  Return: 0, -EINVAL for an unknown @alg
 * (@digest untouched), or the crypto API's error.
 */
int omipv6_hmac(enum omipv6_hmac_alg alg, const u8 *key, unsigned int keylen,
		const struct omipv6_hmac_chunk *chunks, unsigned int n,
		u8 *digest);

void omipv6_hmac_sha256_prekey(const u8 *key, unsigned int keylen,
			       struct omipv6_hmac_sha256_pre *pre);
void omipv6_hmac_sha256_pre(const struct omipv6_hmac_sha256_pre *pre,
			    const struct omipv6_hmac_chunk *chunks,
			    unsigned int n, u8 digest[SHA256_DIGEST_SIZE]);

#endif /* _OMIPV6_HMAC_H */
