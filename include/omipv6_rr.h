/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Return-routability cryptography (RFC 6275 §5.2, §6.2.7): keygen
 * tokens, Kbm and the Binding Authorization Data authenticator.
 *
 * The sha1 transform of Kbm is allocated by omipv6_rr_init() and freed
 * by omipv6_rr_exit(); the keyed hash is omipv6_hmac() (omipv6_hmac.h),
 * whose per-CPU transforms omipv6_hmac_init() sets up before
 * omipv6_rr_init() runs and omipv6_hmac_exit() frees after
 * omipv6_rr_exit().  Every function here may be called from process or
 * softirq context, never from hard IRQ.  No function allocates memory
 * or sleeps.  Callers own every buffer; stack copies of keys are wiped
 * before return.
 */
#ifndef _OMIPV6_RR_H
#define _OMIPV6_RR_H

#include <linux/in6.h>
#include <linux/types.h>

#include "omipv6_rfc.h"

/* Keygen token kind: the octet appended to address | nonce. */
enum omipv6_rr_kind {
	OMIPV6_RR_HOME = 0,
	OMIPV6_RR_COA = 1,
};

int omipv6_rr_init(void);
void omipv6_rr_exit(void);

int omipv6_rr_token(const u8 kcn[OMIPV6_KCN_LEN],
		    const struct in6_addr *addr,
		    const u8 nonce[OMIPV6_NONCE_LEN],
		    enum omipv6_rr_kind kind, u8 token[OMIPV6_TOKEN_LEN]);

/* @coa_token NULL: deregistration, Kbm = SHA1(home token). */
int omipv6_rr_kbm(const u8 home_token[OMIPV6_TOKEN_LEN],
		  const u8 *coa_token, u8 kbm[OMIPV6_KBM_LEN]);

/*
 * Authenticator over @mh (@len octets, the whole message whose last 12
 * octets are the BAD authenticator): First(96, HMAC_SHA1(Kbm, CoA |
 * correspondent | MH data)) with the checksum taken as zero and the
 * authenticator left out.
 */
int omipv6_rr_bad_auth(const u8 kbm[OMIPV6_KBM_LEN],
		       const struct in6_addr *coa,
		       const struct in6_addr *cn, const u8 *mh,
		       unsigned int len, u8 auth[OMIPV6_RR_AUTH_LEN]);

/* 0 when the last 12 octets of @mh are the right authenticator. */
int omipv6_rr_bad_verify(const u8 kbm[OMIPV6_KBM_LEN],
			 const struct in6_addr *coa,
			 const struct in6_addr *cn, const u8 *mh,
			 unsigned int len);

/*
 * RFC 4285 §5.1 MN-HA Mobility Message Authentication option:
 * First(96, HMAC_SHA1(MN-HA key, CoA | HA address | MH data)), where MH
 * data is the whole message with the checksum taken as zero and the
 * authenticator (its last 12 octets; the codec makes the option the last
 * thing in a message) left out.  @key_len is 1..OMIPV6_MNHA_KEY_MAX_LEN.
 */
int omipv6_rr_mnha_auth(const u8 *key, unsigned int key_len,
			const struct in6_addr *coa,
			const struct in6_addr *ha, const u8 *mh,
			unsigned int len, u8 auth[OMIPV6_RR_AUTH_LEN]);

/* 0 when the last 12 octets of @mh verify, -EBADMSG when they do not. */
int omipv6_rr_mnha_verify(const u8 *key, unsigned int key_len,
			  const struct in6_addr *coa,
			  const struct in6_addr *ha, const u8 *mh,
			  unsigned int len);

#endif /* _OMIPV6_RR_H */
