// SPDX-License-Identifier: GPL-2.0
/*
 * Correspondent node return-routability responder (RFC 6275 §5.2,
 * §9.4.1-§9.4.4) and the CN role's Mobility Header dispatch.
 *
 * A HoTI is answered with a HoT to its source, the home address (the
 * HoTI came through the home agent's tunnel, and so does the HoT); a
 * CoTI with a CoT to its source, the care-of address.  Both copy the
 * init cookie and carry the newest nonce's index and the keygen token
 * over that address.  Neither test init may carry a Home Address option
 * (§9.4.1, §9.4.2); one that does is a counted drop (ti_hao).
 *
 * Nonces and Kcn come from the namespace's nonce ring (omipv6_nonce.h).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/ktime.h>
#include <linux/random.h>
#include <linux/skbuff.h>
#include <linux/string.h>
#include <net/ipv6.h>

#include "omipv6.h"
#include "omipv6_bc.h"
#include "omipv6_be.h"
#include "omipv6_bu.h"
#include "omipv6_cn.h"
#include "omipv6_cn_omi.h"
#include "omipv6_codec.h"
#include "omipv6_nonce.h"
#include "omipv6_rr.h"
#include "omipv6_rx.h"
#include "omipv6_sa.h"
#include "omipv6_tx.h"
#include "omipv6_xfrm.h"

/* HoT or CoT for a HoTI or CoTI; consumes nothing, frees nothing. */
static void omipv6_cn_answer_ti(struct omipv6_rx *rx)
{
	const struct omipv6_msg *msg = rx->msg;
	bool home = msg->type == OMIPV6_MH_HOTI;
	u8 buf[OMIPV6_T_END], token[OMIPV6_TOKEN_LEN];
	struct omipv6_net *on = rx->on;
	struct omipv6_nonce n;
	struct omipv6_mhb b;
	unsigned int made;
	u8 *body;
	int len;

	made = omipv6_nonce_ring_current(&on->nonces,
					 ktime_get_boottime_seconds(), &n);
	if (made & OMIPV6_NONCE_NEW_KCN)
		omipv6_count_event(on, OMIPV6_EV_KCN_REGEN);

	if (omipv6_rr_token(n.kcn, &rx->src, n.nonce,
			    home ? OMIPV6_RR_HOME : OMIPV6_RR_COA, token)) {
		omipv6_count_drop(on, OMIPV6_DROP_INTERNAL);
		goto out;
	}

	omipv6_mhb_start(&b, buf, sizeof(buf),
			 home ? OMIPV6_MH_HOT : OMIPV6_MH_COT);
	body = omipv6_mhb_put(&b, OMIPV6_T_END - OMIPV6_MH_OFF_DATA);
	len = omipv6_mhb_finish(&b);
	if (!body || len != OMIPV6_T_END) {
		omipv6_count_drop(on, OMIPV6_DROP_INTERNAL);
		goto out;
	}
	put_unaligned_be16(n.index, buf + OMIPV6_T_OFF_NONCE_IDX);
	memcpy(buf + OMIPV6_T_OFF_COOKIE,
	       omipv6_field(msg, OMIPV6_TI_OFF_COOKIE), OMIPV6_COOKIE_LEN);
	memcpy(buf + OMIPV6_T_OFF_TOKEN, token, OMIPV6_TOKEN_LEN);

	/* HoT to the home address (via the HA), CoT to the care-of address. */
	omipv6_tx_mh(on, &rx->dst, &rx->src, NULL, buf, len);
out:
	memzero_explicit(token, sizeof(token));
	memzero_explicit(&n, sizeof(n));
	memzero_explicit(buf, sizeof(buf));
}

/* MH types this module knows the layout of (RFC 6275, RFC 5096). */
static bool omipv6_cn_known_type(u8 mh_type)
{
	return mh_type <= OMIPV6_MH_BE || mh_type == OMIPV6_MH_EXPERIMENTAL;
}

/*
 * A packet with a Home Address option needs a binding for that home
 * address whose care-of address is where the packet came from (RFC 6275
 * §9.3.1).  Only the wildcard state let such a packet in.
 */
static bool omipv6_cn_hao_bound(struct omipv6_rx *rx)
{
	struct omipv6_bc_info bi;

	return !omipv6_bc_lookup(rx->on, &rx->src, &rx->dst, &bi) &&
	       ipv6_addr_equal(&bi.coa, &rx->wire_src);
}

/**
 * omipv6_cn_rcv - the CN role's share of a valid Mobility Header
 * @rx: the message; the CN role is on
 *
 * In order: OMIPv6 DH1 and DH3 go to the exchange (omipv6_omi_cn_rcv(),
 * which does its own checks of the Home Address option); a message
 * other than a BU that carries a Home Address option with no binding
 * behind it is discarded and answered with Binding Error status 1
 * (RFC 6275 §9.3.1); a message of a type the module does not know is
 * discarded and answered with Binding Error status 2 (§9.2); HoTI, CoTI
 * and BU are processed.  A HoTI from a home address that has a Kabm
 * security association with us is not authenticated with Kabm, so it
 * is a counted drop (sa_auth, draft-haddad-mipv6-omipv6-01 §7).
 * Anything else is left to the caller.  A message answered with a Binding Error is not a
 * drop: the event line counts the answer (be_unknown_hao,
 * be_unknown_type) or its suppression (be_ratelimited).
 *
 * Other packets with a Home Address option and no binding never get
 * here; omipv6_xfrm_km_report() answers those.
 *
 * The caller keeps and frees @rx->skb.  Every outcome is counted: an
 * answer on the tx line, a drop on the drop line, BAs, BEs and binding
 * changes on the event line.
 *
 * Context: softirq (the IPPROTO_MH handler).
 * Return: true when the CN role took the message (answered, processed
 * or counted a drop), false when it has nothing to do with it.
 */
bool omipv6_cn_rcv(struct omipv6_rx *rx)
{
	struct omipv6_net *on = rx->on;
	u8 type = rx->msg->type;
	struct omipv6_sa_id id;

	if (omipv6_omi_cn_rcv(rx))
		return true;
	if (rx->hao && type != OMIPV6_MH_BU && !omipv6_cn_hao_bound(rx)) {
		omipv6_be_send(on, OMIPV6_BE_UNKNOWN_HAO, &rx->dst,
			       &rx->wire_src, &rx->src);
		return true;
	}
	if (!omipv6_cn_known_type(type)) {
		omipv6_be_send(on, OMIPV6_BE_UNKNOWN_MH_TYPE, &rx->dst,
			       &rx->wire_src, rx->hao ? &rx->src : NULL);
		return true;
	}

	switch (type) {
	case OMIPV6_MH_HOTI:
	case OMIPV6_MH_COTI:
		if (rx->hao) {
			omipv6_count_drop(on, OMIPV6_DROP_TI_HAO);
			net_dbg_ratelimited("test init from %pI6c with a Home Address option\n",
					    &rx->wire_src);
			return true;
		}
		id.hoa = rx->src;
		id.cn = rx->dst;
		if (type == OMIPV6_MH_HOTI && omipv6_sa_exists(on, &id)) {
			omipv6_count_drop(on, OMIPV6_DROP_SA_AUTH);
			net_dbg_ratelimited("HoTI from %pI6c, which has a Kabm SA\n",
					    &rx->src);
			return true;
		}
		omipv6_cn_answer_ti(rx);
		return true;
	case OMIPV6_MH_BU:
		omipv6_bu_rcv(rx);
		return true;
	default:
		return false;
	}
}

/**
 * omipv6_cn_role_changed - net.omipv6.cn was written with a new value
 * @on: the namespace
 *
 * Turning the role off removes every binding (counted as bind_del),
 * every pending OMIPv6 exchange and the SAs the role made; either way
 * the xfrm objects follow before this returns.  A BU being
 * processed on another CPU meanwhile may still add a binding after the
 * flush; the role check at its start makes that rare, and the next
 * sync, expiry or the namespace's exit removes it.
 *
 * Context: process (sysctl write); sleeps.
 */
void omipv6_cn_role_changed(struct omipv6_net *on)
{
	if (!READ_ONCE(on->sysctl.role_cn)) {
		omipv6_bc_flush(on);
		omipv6_omi_cn_flush(on);
	}
	omipv6_xfrm_sync(on);
}

/**
 * omipv6_cn_init - per-netns CN state
 * @on: the namespace, zeroed
 *
 * Context: process (pernet init).
 * Return: 0.
 */
int omipv6_cn_init(struct omipv6_net *on)
{
	omipv6_nonce_ring_init(&on->nonces);
	return 0;
}

/**
 * omipv6_cn_exit - forget the namespace's nonces and Kcn
 * @on: the namespace; no packet handler can reach it any more
 */
void omipv6_cn_exit(struct omipv6_net *on)
{
	omipv6_nonce_ring_wipe(&on->nonces);
}
