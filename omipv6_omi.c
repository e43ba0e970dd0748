// SPDX-License-Identifier: GPL-2.0
/*
 * The OMIPv6 exchange's mechanism (see omipv6_omi.h for the contract):
 * the common part of the DH1..DH4 messages of doc/wire-format.md, the
 * SIG and MAC checks and the key epochs both ends use.
 *
 * No state and no lock of its own: every function works on buffers and
 * a struct omipv6_omi_keys its caller owns and serialises.  Every copy
 * of a secret made here (a computed SIG or MAC) is wiped before return.
 */
#include <crypto/algapi.h>
#include <linux/random.h>
#include <linux/string.h>

#include "omipv6_codec.h"
#include "omipv6_dh.h"
#include "omipv6_omi.h"
#include "omipv6_rfc.h"

unsigned int omipv6_omi_pad8(unsigned int n)
{
	return (n + OMIPV6_MH_UNIT - 1) & ~(OMIPV6_MH_UNIT - 1);
}

/* A session id: random and not zero, as on the wire. */
__be32 omipv6_omi_sid(void)
{
	u32 sid;

	do {
		sid = get_random_u32();
	} while (!sid);
	return cpu_to_be32(sid);
}

/**
 * omipv6_omi_keys_set - remember the Kabm of @epoch
 * @keys: the pair's keys
 * @epoch: epoch of @kabm, not 0
 * @kabm: the key
 *
 * Replaces the slot of the same epoch, else the older slot.
 */
void omipv6_omi_keys_set(struct omipv6_omi_keys *keys, u32 epoch,
			 const u8 kabm[OMIPV6_KABM_LEN])
{
	unsigned int i;

	if (keys->epoch[0] == epoch)
		i = 0;
	else if (keys->epoch[1] == epoch)
		i = 1;
	else
		i = keys->epoch[0] <= keys->epoch[1] ? 0 : 1;
	keys->epoch[i] = epoch;
	memcpy(keys->kabm[i], kabm, OMIPV6_KABM_LEN);
}

/**
 * omipv6_omi_keys_sigkey - the SIG key of a rekey from epoch @epoch
 * @keys: the pair's keys
 * @epoch: the current epoch of the pair's SA
 * @sigkey: receives the first OMIPV6_KBM_LEN octets of its Kabm; the
 *	caller wipes it
 *
 * Return: false when @keys has no key of @epoch.
 */
bool omipv6_omi_keys_sigkey(const struct omipv6_omi_keys *keys, u32 epoch,
			    u8 sigkey[OMIPV6_KBM_LEN])
{
	unsigned int i;

	BUILD_BUG_ON(OMIPV6_KBM_LEN > OMIPV6_KABM_LEN);
	for (i = 0; i < ARRAY_SIZE(keys->epoch); i++) {
		if (epoch && keys->epoch[i] == epoch) {
			memcpy(sigkey, keys->kabm[i], OMIPV6_KBM_LEN);
			return true;
		}
	}
	return false;
}

void omipv6_omi_keys_wipe(struct omipv6_omi_keys *keys)
{
	memzero_explicit(keys, sizeof(*keys));
}

/*
 * The common part of an OMIPv6 message and @body octets after it, all
 * zero; the caller fills them in.  Return: the message length, or a
 * negative errno.
 */
int omipv6_omi_build(u8 *buf, unsigned int size, u8 subtype,
		     __be32 sid_mn, __be32 sid_cn, unsigned int body)
{
	struct omipv6_mhb b;
	u8 *p;

	omipv6_mhb_start(&b, buf, size, OMIPV6_MH_EXPERIMENTAL);
	p = omipv6_mhb_put(&b, OMIPV6_OMI_HDR_END - OMIPV6_MH_OFF_DATA + body);
	if (!p)
		return b.err;
	buf[OMIPV6_OMI_OFF_SUBTYPE] = subtype;
	buf[OMIPV6_OMI_OFF_VERSION] = OMIPV6_OMI_VERSION;
	memcpy(buf + OMIPV6_OMI_OFF_SID_MN, &sid_mn, sizeof(sid_mn));
	memcpy(buf + OMIPV6_OMI_OFF_SID_CN, &sid_cn, sizeof(sid_cn));
	return omipv6_mhb_finish(&b);
}

/* SIG of @m (@sig_off) under @key, compared in constant time. */
bool omipv6_omi_sig_ok(const u8 key[OMIPV6_KBM_LEN],
		       const struct in6_addr *coa,
		       const struct in6_addr *cn, const u8 *nonce,
		       const u8 *pub, unsigned int pub_len,
		       const u8 *m, unsigned int sig_off)
{
	u8 sig[OMIPV6_OMI_SIG_LEN];
	bool ok;

	ok = !omipv6_dh_sig(key, coa, cn, nonce, pub, pub_len, m, sig_off,
			    sig) &&
	     !crypto_memneq(sig, m + sig_off, sizeof(sig));
	memzero_explicit(sig, sizeof(sig));
	return ok;
}

bool omipv6_omi_mac_ok(const u8 km[OMIPV6_KM_LEN], const u8 *m,
		       unsigned int mac_off)
{
	u8 mac[OMIPV6_OMI_MAC_LEN];
	bool ok;

	ok = !omipv6_dh_mac(km, m, mac_off, mac) &&
	     !crypto_memneq(mac, m + mac_off, sizeof(mac));
	memzero_explicit(mac, sizeof(mac));
	return ok;
}
