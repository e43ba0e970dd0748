// SPDX-License-Identifier: GPL-2.0
/*
 * Binding Update processing at the correspondent node (RFC 6275 §9.5.1,
 * §9.5.2, §9.5.4, and draft-haddad-mipv6-omipv6-01 §6 once a Kabm
 * security association exists) and the Binding Acknowledgment it sends.
 *
 * Checks, in order, each with its outcome:
 *
 *  1. the home address (the IPv6 source after Home Address option
 *     processing) must be unicast routable: else a silent, counted drop
 *     (bu_addr);
 *  2. the H bit asks for a home registration, which a CN does not do:
 *     BA 131;
 *
 * then, while an SA exists for (home address, our address):
 *
 *  3. the BU must end in a Kabm authenticator option: else a silent
 *     drop (sa_auth), whatever else authorizes it;
 *  4. it must carry no Alternate CoA and no Nonce Indices option: else
 *     sa_opt;
 *  5. the care-of address is the address the BU was sent from and
 *     must be unicast routable: else bu_addr.  A BU with a non-zero
 *     lifetime sent from the home address itself is the copy the mobile
 *     node may send through its home agent; it names no care-of
 *     address, so it is checked against the binding's (none: sa_auth);
 *  6. the authenticator must verify under the key its epoch names: else
 *     sa_auth; its sequence number must be newer than the last one the
 *     SA accepted: else sa_replay (so the second copy of one BU, direct
 *     or through the home agent, is dropped without an answer).
 *     Nothing here depends on the mobile node's home registration,
 *     which the CN cannot see: a BU under Kabm moves the binding to a
 *     care-of address the home agent may not (yet) have registered,
 *     as with net.omipv6.parallel_cn_bu at the mobile node;
 *
 * else (return routability):
 *
 *  3. a Nonce Indices and a Binding Authorization Data option must be
 *     present: else a silent drop (bu_no_auth);
 *  4. the care-of address (Alternate CoA option, else the address the
 *     BU was sent from) must be unicast routable: else bu_addr;
 *  5. the nonce indices must name nonces that still verify: else BA
 *     136, 137 or 138, without authenticator since there is no Kbm.  A
 *     deregistration (lifetime 0, or care-of address == home address)
 *     uses only the home nonce;
 *  6. the authenticator must verify under Kbm (crypto_memneq): else a
 *     silent drop (bu_auth);
 *
 * and in both cases:
 *
 *  7. the sequence number must be newer than the binding's last one
 *     (modulo 2^16; any number when there is no binding): else BA 135
 *     carrying the last accepted number;
 *  8. the binding is added, refreshed or (deregistration) removed, with
 *     the lifetime capped at OMIPV6_MAX_RR_BINDING_LIFETIME; a full
 *     binding cache gets BA 130.  A binding made under return
 *     routability keeps Kbm for the OMIPv6 exchange (omipv6_bc_kbm()).
 *
 * A BA goes out for every rejection in 2, 5, 7 and 8, and for an
 * accepted BU only when its A bit is set.  BAs from step 7 on carry a
 * Kabm authenticator option under the SA, else a Binding Authorization
 * Data option under Kbm, with the BA's source as the correspondent
 * address.  A BA goes to the address the BU came from, with a type 2
 * routing header holding the home address when that differs from the
 * home address.
 *
 * Everything runs in the IPPROTO_MH handler's softirq context; keys and
 * tokens live on the stack and are wiped before return.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <kunit/visibility.h>
#include <linux/ktime.h>
#include <linux/minmax.h>
#include <linux/string.h>
#include <net/ipv6.h>

#include "omipv6.h"
#include "omipv6_bc.h"
#include "omipv6_bu.h"
#include "omipv6_codec.h"
#include "omipv6_nonce.h"
#include "omipv6_rr.h"
#include "omipv6_rx.h"
#include "omipv6_sa.h"
#include "omipv6_tx.h"
#include "omipv6_xfrm.h"

/* Room for a BA with a Binding Authorization Data or Kabm option. */
#define OMIPV6_BA_MAX_LEN	40

/**
 * omipv6_bu_lifetime - the lifetime a CN grants
 * @units: the BU's Lifetime field, in units of 4 seconds
 *
 * Return: seconds, at most OMIPV6_MAX_RR_BINDING_LIFETIME (RFC 6275
 * §5.2.6, §12).
 */
unsigned int omipv6_bu_lifetime(u16 units)
{
	return min_t(unsigned int, units * OMIPV6_LIFETIME_UNIT,
		     OMIPV6_MAX_RR_BINDING_LIFETIME);
}
EXPORT_SYMBOL_IF_KUNIT(omipv6_bu_lifetime);

/*
 * Unicast routable: not unspecified, multicast, loopback, link-local or
 * IPv4-mapped.
 */
static bool omipv6_bu_addr_ok(const struct in6_addr *addr)
{
	int type = ipv6_addr_type(addr);

	return (type & IPV6_ADDR_UNICAST) &&
	       !(type & (IPV6_ADDR_LOOPBACK | IPV6_ADDR_LINKLOCAL |
			 IPV6_ADDR_MAPPED));
}

/**
 * struct omipv6_ba - what goes into a Binding Acknowledgment
 * @status: BA status
 * @seq: sequence number
 * @lifetime: granted lifetime in seconds (0 for a rejection)
 * @hoa: home address of the binding
 * @coa: care-of address, for the authenticator
 * @kbm: Kbm for a Binding Authorization Data option, or NULL for none
 * @sa: the SA whose key signs a Kabm authenticator option, or NULL for
 *	none (exclusive with @kbm)
 * @sa_epoch: the epoch of that key, the one the BU verified under
 */
struct omipv6_ba {
	u8 status;
	u16 seq;
	unsigned int lifetime;
	const struct in6_addr *hoa;
	const struct in6_addr *coa;
	const u8 *kbm;
	const struct omipv6_sa_id *sa;
	u32 sa_epoch;
};

static void omipv6_bu_send_ba(struct omipv6_rx *rx, const struct omipv6_ba *ba)
{
	struct omipv6_net *on = rx->on;
	const struct in6_addr *rh2 = NULL;
	u8 buf[OMIPV6_BA_MAX_LEN], *body, *auth = NULL;
	struct omipv6_mhb b;
	int len;

	static const u8 kabm[OMIPV6_OPT_KABM_AUTH_LEN] = {
		OMIPV6_XOPT_KABM_AUTH,
	};

	omipv6_mhb_start(&b, buf, sizeof(buf), OMIPV6_MH_BA);
	body = omipv6_mhb_put(&b, OMIPV6_BA_END - OMIPV6_MH_OFF_DATA);
	if (ba->kbm)
		auth = omipv6_mhb_opt(&b, OMIPV6_OPT_BAD, NULL,
				      OMIPV6_OPT_BAD_LEN);
	else if (ba->sa)
		auth = omipv6_mhb_opt(&b, OMIPV6_OPT_EXPERIMENTAL, kabm,
				      sizeof(kabm));
	len = omipv6_mhb_finish(&b);
	if (!body || len < 0 || ((ba->kbm || ba->sa) && !auth)) {
		omipv6_count_drop(on, OMIPV6_DROP_INTERNAL);
		return;
	}
	buf[OMIPV6_BA_OFF_STATUS] = ba->status;
	put_unaligned_be16(ba->seq, buf + OMIPV6_BA_OFF_SEQ);
	put_unaligned_be16(ba->lifetime / OMIPV6_LIFETIME_UNIT,
			   buf + OMIPV6_BA_OFF_LIFETIME);
	if ((ba->kbm &&
	     omipv6_rr_bad_auth(ba->kbm, ba->coa, &rx->dst, buf, len, auth)) ||
	    (ba->sa && omipv6_sa_sign_epoch(on, ba->sa, ba->sa_epoch, ba->coa,
					  buf, len))) {
		omipv6_count_drop(on, OMIPV6_DROP_INTERNAL);
		return;
	}

	if (!ipv6_addr_equal(&rx->wire_src, ba->hoa))
		rh2 = ba->hoa;
	if (!omipv6_tx_mh(on, &rx->dst, &rx->wire_src, rh2, buf, len))
		omipv6_count_event(on, omipv6_ba_event(ba->status));
}

/*
 * Kbm for the BU's nonce indices, or the BA status that says which
 * nonce expired (0 when Kbm was computed, < 0 on an internal error).
 */
static int omipv6_bu_kbm(struct omipv6_net *on, const u8 *ni,
			 const struct in6_addr *hoa,
			 const struct in6_addr *coa, bool dereg,
			 u8 kbm[OMIPV6_KBM_LEN])
{
	u8 home_tok[OMIPV6_TOKEN_LEN], coa_tok[OMIPV6_TOKEN_LEN];
	u64 now = ktime_get_boottime_seconds();
	struct omipv6_nonce hn, cn;
	bool home_ok, coa_ok;
	int err;

	home_ok = !omipv6_nonce_ring_lookup(&on->nonces,
					    get_unaligned_be16(ni), now, &hn);
	coa_ok = dereg ||
		 !omipv6_nonce_ring_lookup(&on->nonces,
					   get_unaligned_be16(ni + 2), now, &cn);
	if (!home_ok || !coa_ok) {
		err = !home_ok && !coa_ok ? OMIPV6_BA_EXPIRED_NONCES :
		      !home_ok ? OMIPV6_BA_EXPIRED_HOME_NONCE :
				 OMIPV6_BA_EXPIRED_COA_NONCE;
		goto out;
	}

	err = omipv6_rr_token(hn.kcn, hoa, hn.nonce, OMIPV6_RR_HOME, home_tok);
	if (!err && !dereg)
		err = omipv6_rr_token(cn.kcn, coa, cn.nonce, OMIPV6_RR_COA,
				      coa_tok);
	if (!err)
		err = omipv6_rr_kbm(home_tok, dereg ? NULL : coa_tok, kbm);
	if (err > 0)
		err = -EINVAL;
out:
	memzero_explicit(&hn, sizeof(hn));
	memzero_explicit(&cn, sizeof(cn));
	memzero_explicit(home_tok, sizeof(home_tok));
	memzero_explicit(coa_tok, sizeof(coa_tok));
	return err;
}

/*
 * Steps 7 and 8 for a BU whose authorization verified: @ba carries the
 * key for the answer, @dereg whether it deregisters, @kbm the Kbm to
 * keep with the binding (NULL under an SA).
 */
static void omipv6_bu_apply(struct omipv6_rx *rx, struct omipv6_ba *ba,
			    const struct in6_addr *coa, bool dereg,
			    const u8 *kbm)
{
	const struct omipv6_msg *msg = rx->msg;
	struct omipv6_net *on = rx->on;
	u16 seq = omipv6_get16(msg, OMIPV6_BU_OFF_SEQ);
	u16 flags = omipv6_get16(msg, OMIPV6_BU_OFF_FLAGS);
	u16 units = omipv6_get16(msg, OMIPV6_BU_OFF_LIFETIME);
	enum omipv6_bc_result res;
	struct omipv6_bc_info bi;
	u16 last_seq = 0;

	if (dereg) {
		res = omipv6_bc_remove(on, &rx->src, &rx->dst, seq, &last_seq);
	} else {
		bi.hoa = rx->src;
		bi.cn = rx->dst;
		bi.coa = *coa;
		bi.seq = seq;
		bi.flags = flags;
		bi.lifetime = omipv6_bu_lifetime(units);
		res = omipv6_bc_commit(on, &bi, kbm, &last_seq);
		ba->lifetime = bi.lifetime;
	}

	switch (res) {
	case OMIPV6_BC_ADDED:
	case OMIPV6_BC_UPDATED:
	case OMIPV6_BC_REMOVED:
		omipv6_count_event(on, res == OMIPV6_BC_ADDED ?
				   OMIPV6_EV_BIND_ADD :
				   res == OMIPV6_BC_UPDATED ?
				   OMIPV6_EV_BIND_UPDATE : OMIPV6_EV_BIND_DEL);
		omipv6_xfrm_kick(on);
		fallthrough;
	case OMIPV6_BC_ABSENT:
		if (!(flags & OMIPV6_BU_F_ACK))
			return;
		ba->status = OMIPV6_BA_ACCEPTED;
		break;
	case OMIPV6_BC_STALE:
		ba->status = OMIPV6_BA_SEQ_OUT_OF_WINDOW;
		ba->seq = last_seq;
		ba->lifetime = 0;
		break;
	case OMIPV6_BC_FULL:
	default:
		ba->status = OMIPV6_BA_NO_RESOURCES;
		ba->lifetime = 0;
		break;
	}
	omipv6_bu_send_ba(rx, ba);
}

/*
 * Steps 3 to 8 while an SA for the pair @id exists: @sa, found in the
 * caller's rcu_read_lock() section.
 */
static void omipv6_bu_rcv_sa(struct omipv6_rx *rx, struct omipv6_sa *sa,
			     const struct omipv6_sa_id *id)
{
	const struct omipv6_msg *msg = rx->msg;
	struct omipv6_net *on = rx->on;
	u16 seq = omipv6_get16(msg, OMIPV6_BU_OFF_SEQ);
	u16 units = omipv6_get16(msg, OMIPV6_BU_OFF_LIFETIME);
	struct omipv6_ba ba = { .seq = seq, .hoa = &rx->src, .sa = id };
	const struct in6_addr *coa = &rx->wire_src;
	struct omipv6_bc_info bi;
	enum omipv6_drop reason;

	if (!omipv6_opt_data(msg, OMIPV6_OI_KABM_AUTH)) {
		reason = OMIPV6_DROP_SA_AUTH;
		goto drop;
	}
	if (omipv6_opt_data(msg, OMIPV6_OI_ALT_COA) ||
	    omipv6_opt_data(msg, OMIPV6_OI_NONCE_IDX)) {
		reason = OMIPV6_DROP_SA_OPT;
		goto drop;
	}
	if (units && ipv6_addr_equal(coa, &rx->src)) {
		if (omipv6_bc_lookup(on, &rx->src, &rx->dst, &bi)) {
			reason = OMIPV6_DROP_SA_AUTH;
			goto drop;
		}
		coa = &bi.coa;
	}
	if (!omipv6_bu_addr_ok(coa)) {
		reason = OMIPV6_DROP_BU_ADDR;
		goto drop;
	}
	switch (omipv6_sa_check(on, sa, coa, msg->mh, msg->len, seq, true)) {
	case OMIPV6_SA_OK:
		break;
	case OMIPV6_SA_REPLAY:
		reason = OMIPV6_DROP_SA_REPLAY;
		goto drop;
	default:
		reason = OMIPV6_DROP_SA_AUTH;
		goto drop;
	}
	ba.coa = coa;
	/* Verified: the option ends the message. */
	ba.sa_epoch = get_unaligned_be32(msg->mh + msg->len -
					 (OMIPV6_OPT_KABM_AUTH_LEN + 2) +
					 OMIPV6_KABM_OFF_EPOCH);
	omipv6_bu_apply(rx, &ba, coa,
			units == 0 || ipv6_addr_equal(coa, &rx->src), NULL);
	return;
drop:
	omipv6_count_drop(on, reason);
	net_dbg_ratelimited("BU from %pI6c under an SA dropped: %s\n",
			    &rx->src, omipv6_drop_name(reason));
}

/**
 * omipv6_bu_rcv - process a Binding Update at the CN
 * @rx: the message, a BU the codec accepted; the caller frees the skb
 *
 * See the comment at the top of this file for the checks and answers.
 *
 * Context: softirq.
 */
void omipv6_bu_rcv(struct omipv6_rx *rx)
{
	const struct omipv6_msg *msg = rx->msg;
	struct omipv6_net *on = rx->on;
	u16 seq = omipv6_get16(msg, OMIPV6_BU_OFF_SEQ);
	u16 flags = omipv6_get16(msg, OMIPV6_BU_OFF_FLAGS);
	u16 units = omipv6_get16(msg, OMIPV6_BU_OFF_LIFETIME);
	const u8 *ni = omipv6_opt_data(msg, OMIPV6_OI_NONCE_IDX);
	const u8 *alt = omipv6_opt_data(msg, OMIPV6_OI_ALT_COA);
	struct omipv6_ba ba = { .seq = seq, .hoa = &rx->src };
	u8 kbm[OMIPV6_KBM_LEN];
	struct omipv6_sa_id id;
	struct omipv6_sa *sa;
	struct in6_addr coa;
	bool dereg;
	int err;

	if (!omipv6_bu_addr_ok(&rx->src)) {
		omipv6_count_drop(on, OMIPV6_DROP_BU_ADDR);
		return;
	}
	if (flags & OMIPV6_BU_F_HOME) {
		ba.status = OMIPV6_BA_HOME_REG_UNSUPP;
		ba.coa = &rx->wire_src;
		omipv6_bu_send_ba(rx, &ba);
		return;
	}
	id.hoa = rx->src;
	id.cn = rx->dst;
	rcu_read_lock();
	sa = omipv6_sa_lookup_rcu(on, &id);
	if (sa)
		omipv6_bu_rcv_sa(rx, sa, &id);
	rcu_read_unlock();
	if (sa)
		return;
	if (!ni || !omipv6_opt_data(msg, OMIPV6_OI_BAD)) {
		omipv6_count_drop(on, OMIPV6_DROP_BU_NO_AUTH);
		net_dbg_ratelimited("BU from %pI6c without return-routability authorization\n",
				    &rx->src);
		return;
	}
	if (alt)
		memcpy(&coa, alt, sizeof(coa));
	else
		coa = rx->wire_src;
	if (!omipv6_bu_addr_ok(&coa)) {
		omipv6_count_drop(on, OMIPV6_DROP_BU_ADDR);
		return;
	}
	ba.coa = &coa;
	dereg = units == 0 || ipv6_addr_equal(&coa, &rx->src);

	err = omipv6_bu_kbm(on, ni, &rx->src, &coa, dereg, kbm);
	if (err > 0) {
		/* Expired nonces: no Kbm, so no authenticator (§9.5.4). */
		ba.status = err;
		omipv6_bu_send_ba(rx, &ba);
		goto out;
	}
	if (err) {
		omipv6_count_drop(on, OMIPV6_DROP_INTERNAL);
		goto out;
	}
	err = omipv6_rr_bad_verify(kbm, &coa, &rx->dst, msg->mh, msg->len);
	if (err) {
		omipv6_count_drop(on, err == -EBADMSG ? OMIPV6_DROP_BU_AUTH :
				  OMIPV6_DROP_INTERNAL);
		net_dbg_ratelimited("BU from %pI6c: authenticator does not verify\n",
				    &rx->src);
		goto out;
	}
	ba.kbm = kbm;
	omipv6_bu_apply(rx, &ba, &coa, dereg, kbm);
out:
	memzero_explicit(kbm, sizeof(kbm));
}
