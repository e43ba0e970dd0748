// SPDX-License-Identifier: GPL-2.0
/*
 * Per-CPU keyed hashes (include/omipv6_hmac.h).
 *
 * A shash transform holds its key, so one transform per algorithm and
 * possible CPU is allocated at init and used only with bottom halves
 * disabled.  Each call sets the key and then digests.  hmac's setkey
 * neither allocates nor sleeps: a key longer than the block is hashed
 * with an on-stack descriptor.  (crypto_shash_setkey() would copy a key
 * misaligned for the implementation, with GFP_ATOMIC; the generic and
 * x86 SHA-1 and SHA-256 implementations have no alignment mask.)
 * The hash state lives in a SHASH_DESC_ON_STACK descriptor wiped before
 * return.  The transform keeps the padded key until the next call on
 * that CPU sets another one, or until omipv6_hmac_exit() frees it
 * (crypto_free_shash() wipes it).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <crypto/hash.h>
#include <crypto/hmac.h>
#include <crypto/sha1.h>
#include <crypto/sha2.h>
#include <kunit/visibility.h>
#include <linux/bottom_half.h>
#include <linux/cpumask.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/percpu.h>
#include <linux/string.h>

#include "omipv6_hmac.h"

struct omipv6_hmac_tfms {
	struct crypto_shash *tfm[OMIPV6_HMAC_NR];
};

static DEFINE_PER_CPU(struct omipv6_hmac_tfms, omipv6_hmac_tfms);

static const char * const omipv6_hmac_names[OMIPV6_HMAC_NR] = {
	[OMIPV6_HMAC_SHA1]	= "hmac(sha1)",
	[OMIPV6_HMAC_SHA256]	= "hmac(sha256)",
};

static const unsigned int omipv6_hmac_lens[OMIPV6_HMAC_NR] = {
	[OMIPV6_HMAC_SHA1]	= SHA1_DIGEST_SIZE,
	[OMIPV6_HMAC_SHA256]	= SHA256_DIGEST_SIZE,
};

/**
 * omipv6_hmac_len - digest length of a keyed hash
 * @alg: OMIPV6_HMAC_SHA1 or OMIPV6_HMAC_SHA256
 *
 * Context: any.
 * Return: the digest length in octets, 0 for an unknown @alg.
 */
unsigned int omipv6_hmac_len(enum omipv6_hmac_alg alg)
{
	if ((unsigned int)alg >= OMIPV6_HMAC_NR)
		return 0;
	return omipv6_hmac_lens[alg];
}
EXPORT_SYMBOL_IF_KUNIT(omipv6_hmac_len);

/**
 * omipv6_hmac - keyed hash over a list of chunks
 * @alg: OMIPV6_HMAC_SHA1 or OMIPV6_HMAC_SHA256
 * @key: the key
 * @keylen: its length in octets
 * @chunks: the input, in order
 * @n: number of @chunks
 * @digest: receives omipv6_hmac_len(@alg) octets
 *
 * Context: process or softirq, not hard IRQ.  Does not sleep or
 * allocate.
 * Return: 0, -EINVAL for an unknown @alg, or the crypto API's error.
 */
int omipv6_hmac(enum omipv6_hmac_alg alg, const u8 *key, unsigned int keylen,
		const struct omipv6_hmac_chunk *chunks, unsigned int n,
		u8 *digest)
{
	struct crypto_shash *tfm;
	SHASH_DESC_ON_STACK(desc, tfm);
	unsigned int i;
	int err;

	if ((unsigned int)alg >= OMIPV6_HMAC_NR)
		return -EINVAL;

	local_bh_disable();
	tfm = this_cpu_read(omipv6_hmac_tfms.tfm[alg]);
	desc->tfm = tfm;
	err = crypto_shash_setkey(tfm, key, keylen);
	if (!err)
		err = crypto_shash_init(desc);
	for (i = 0; !err && i < n; i++)
		if (chunks[i].len)
			err = crypto_shash_update(desc, chunks[i].data,
						  chunks[i].len);
	if (!err)
		err = crypto_shash_final(desc, digest);
	local_bh_enable();

	shash_desc_zero(desc);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(omipv6_hmac);

/* A SHA-256 state that has absorbed one block and holds chaining value @cv. */
static void omipv6_hmac_sha256_resume(struct sha256_state *st, const u32 *cv)
{
	memcpy(st->state, cv, sizeof(st->state));
	st->count = SHA256_BLOCK_SIZE;
}

/**
 * omipv6_hmac_sha256_prekey - fold an HMAC-SHA256 key in
 * @key: the key
 * @keylen: its length in octets, any (a key longer than the block is
 *	hashed first, RFC 2104)
 * @pre: receives the states omipv6_hmac_sha256_pre() starts from
 *
 * Context: any.
 */
void omipv6_hmac_sha256_prekey(const u8 *key, unsigned int keylen,
			       struct omipv6_hmac_sha256_pre *pre)
{
	u8 block[SHA256_BLOCK_SIZE] = {};
	struct sha256_state st;
	unsigned int i;

	if (keylen > SHA256_BLOCK_SIZE)
		sha256(key, keylen, block);
	else
		memcpy(block, key, keylen);

	for (i = 0; i < SHA256_BLOCK_SIZE; i++)
		block[i] ^= HMAC_IPAD_VALUE;
	sha256_init(&st);
	sha256_update(&st, block, SHA256_BLOCK_SIZE);
	memcpy(pre->istate, st.state, sizeof(pre->istate));

	for (i = 0; i < SHA256_BLOCK_SIZE; i++)
		block[i] ^= HMAC_IPAD_VALUE ^ HMAC_OPAD_VALUE;
	sha256_init(&st);
	sha256_update(&st, block, SHA256_BLOCK_SIZE);
	memcpy(pre->ostate, st.state, sizeof(pre->ostate));

	memzero_explicit(block, sizeof(block));
	memzero_explicit(&st, sizeof(st));
}
EXPORT_SYMBOL_IF_KUNIT(omipv6_hmac_sha256_prekey);

/**
 * omipv6_hmac_sha256_pre - HMAC-SHA256 with a folded-in key
 * @pre: from omipv6_hmac_sha256_prekey()
 * @chunks: the input, in order
 * @n: number of @chunks
 * @digest: receives the HMAC
 *
 * Equal to omipv6_hmac(OMIPV6_HMAC_SHA256, key, ...) for the key @pre
 * was made from.  The caller wipes @digest.
 *
 * Context: any.  Does not sleep or allocate.
 */
void omipv6_hmac_sha256_pre(const struct omipv6_hmac_sha256_pre *pre,
			    const struct omipv6_hmac_chunk *chunks,
			    unsigned int n, u8 digest[SHA256_DIGEST_SIZE])
{
	u8 inner[SHA256_DIGEST_SIZE];
	struct sha256_state st;
	unsigned int i;

	omipv6_hmac_sha256_resume(&st, pre->istate);
	for (i = 0; i < n; i++)
		sha256_update(&st, chunks[i].data, chunks[i].len);
	sha256_final(&st, inner);

	omipv6_hmac_sha256_resume(&st, pre->ostate);
	sha256_update(&st, inner, sizeof(inner));
	sha256_final(&st, digest);
	memzero_explicit(inner, sizeof(inner));
}
EXPORT_SYMBOL_IF_KUNIT(omipv6_hmac_sha256_pre);

/**
 * omipv6_hmac_exit - free the transforms
 *
 * Context: process, after every caller of omipv6_hmac() is gone.  Safe
 * after a failed or partial omipv6_hmac_init().
 */
void omipv6_hmac_exit(void)
{
	int cpu, a;

	for_each_possible_cpu(cpu) {
		struct omipv6_hmac_tfms *t = per_cpu_ptr(&omipv6_hmac_tfms, cpu);

		for (a = 0; a < OMIPV6_HMAC_NR; a++) {
			crypto_free_shash(t->tfm[a]);
			t->tfm[a] = NULL;
		}
	}
}

/**
 * omipv6_hmac_init - allocate one transform per algorithm and CPU
 *
 * Context: process, module init; may sleep.
 * Return: 0, or the crypto API's error with nothing left allocated.
 */
int omipv6_hmac_init(void)
{
	struct crypto_shash *tfm;
	int cpu, a;

	for_each_possible_cpu(cpu) {
		struct omipv6_hmac_tfms *t = per_cpu_ptr(&omipv6_hmac_tfms, cpu);

		for (a = 0; a < OMIPV6_HMAC_NR; a++) {
			tfm = crypto_alloc_shash(omipv6_hmac_names[a], 0, 0);
			if (IS_ERR(tfm)) {
				pr_err("cannot allocate %s: %ld\n",
				       omipv6_hmac_names[a], PTR_ERR(tfm));
				omipv6_hmac_exit();
				return PTR_ERR(tfm);
			}
			t->tfm[a] = tfm;
		}
	}
	return 0;
}
