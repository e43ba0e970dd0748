/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The OMIPv6 exchange's mechanism (draft-haddad-mipv6-omipv6-01 §6-§7;
 * encoding in doc/wire-format.md, "OMIPv6 messages"): what both ends
 * of the four Diffie-Hellman messages DH1..DH4 share.  The roles are
 * elsewhere: the correspondent node's responder in omipv6_cn_omi.h,
 * the mobile node's initiator steps in omipv6_mn_omi.h.
 *
 * Owns: building the common part of a message (omipv6_omi_build()),
 * checking a SIG and a MAC in constant time (omipv6_omi_sig_ok(),
 * omipv6_omi_mac_ok()), session ids and padding, and the per-pair key
 * epochs (struct omipv6_omi_keys).  This file holds no state and no
 * lock: callers own every buffer and every struct omipv6_omi_keys,
 * and serialise access to it themselves.
 *
 * Context: everything here neither allocates nor sleeps and may run
 * in process or softirq context, never hard IRQ (the SIG and MAC are
 * omipv6_dh.h's keyed hash).
 *
 * Keys: a rekey's messages are keyed with the first OMIPV6_KBM_LEN
 * octets of the current Kabm instead of Kbm (there is no fresh return
 * routability test).  Both ends keep the Kabm of the epochs they may
 * need for that in a struct omipv6_omi_keys; nothing here shows a key
 * anywhere, and every copy is wiped with memzero_explicit() when it is
 * replaced or freed.
 */
#ifndef _OMIPV6_OMI_H
#define _OMIPV6_OMI_H

#include <linux/in6.h>
#include <linux/types.h>

#include "omipv6_dh.h"
#include "omipv6_rfc.h"

/* Largest DH message this module builds: DH2 of ffdhe2048. */
#define OMIPV6_OMI_MSG_MAX	(OMIPV6_OMI_OFF_PUB + OMIPV6_DH_PUB_MAX + \
				 OMIPV6_OMI_SIG_LEN + OMIPV6_OMI_MAC_LEN)
/* Largest DH2 or DH4 the mobile node keeps (options may follow). */
#define OMIPV6_OMI_RX_MAX	512

/**
 * struct omipv6_omi_keys - Kabm of the two newest epochs of one pair
 * @epoch: epoch of each slot, 0 for an empty slot
 * @kabm: the keys (secret)
 *
 * Owned by its container, which serialises access and wipes it with
 * omipv6_omi_keys_wipe().
 */
struct omipv6_omi_keys {
	u32 epoch[2];
	u8 kabm[2][OMIPV6_KABM_LEN];
};

void omipv6_omi_keys_set(struct omipv6_omi_keys *keys, u32 epoch,
			 const u8 kabm[OMIPV6_KABM_LEN]);
bool omipv6_omi_keys_sigkey(const struct omipv6_omi_keys *keys, u32 epoch,
			    u8 sigkey[OMIPV6_KBM_LEN]);
void omipv6_omi_keys_wipe(struct omipv6_omi_keys *keys);

/* @n rounded up to a multiple of OMIPV6_MH_UNIT. */
unsigned int omipv6_omi_pad8(unsigned int n);
/* A session id: random and not zero, as on the wire. */
__be32 omipv6_omi_sid(void);
/*
 * The common part of an OMIPv6 message and @body octets after it, all
 * zero, into @buf of @size octets.  Return: the message length, or a
 * negative errno.
 */
int omipv6_omi_build(u8 *buf, unsigned int size, u8 subtype,
		     __be32 sid_mn, __be32 sid_cn, unsigned int body);
/* True when the SIG of @m at @sig_off verifies under @key. */
bool omipv6_omi_sig_ok(const u8 key[OMIPV6_KBM_LEN],
		       const struct in6_addr *coa,
		       const struct in6_addr *cn, const u8 *nonce,
		       const u8 *pub, unsigned int pub_len,
		       const u8 *m, unsigned int sig_off);
/* True when the MAC of @m at @mac_off verifies under @km. */
bool omipv6_omi_mac_ok(const u8 km[OMIPV6_KM_LEN], const u8 *m,
		       unsigned int mac_off);

#endif /* _OMIPV6_OMI_H */
