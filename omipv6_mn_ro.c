// SPDX-License-Identifier: GPL-2.0
/*
 * Mobile node route optimization with each correspondent node (RFC
 * 6275 §11.6, §11.7.2): the return-routability initiator (HoTI through
 * the home agent, CoTI from the care-of address, Kbm), the BU under Kbm
 * or, with a Kabm SA, under Kabm at once, retransmission with backoff,
 * refresh, the fall back to the reverse tunnel and its hold-down, and
 * the correspondent's answers (HoT, CoT, BA, BE, BRR).  Every function
 * runs with mn->lock held.
 *
 * Locking and lifetime: include/omipv6_mn_state.h.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/random.h>
#include <linux/string.h>
#include <net/ipv6.h>

#include "omipv6.h"
#include "omipv6_codec.h"
#include "omipv6_mn_handover.h"
#include "omipv6_mn_omi.h"
#include "omipv6_mn_ro.h"
#include "omipv6_mn_state.h"
#include "omipv6_rr.h"
#include "omipv6_rx.h"
#include "omipv6_sa.h"
#include "omipv6_tx.h"

void omipv6_mn_cn_wipe(struct omipv6_mn_cn *c)
{
	memzero_explicit(c->home_tok, sizeof(c->home_tok));
	memzero_explicit(c->coa_tok, sizeof(c->coa_tok));
	memzero_explicit(c->kbm, sizeof(c->kbm));
	c->have_kbm = false;
}

/* Caller holds mn->lock: a correspondent starts over in @state. */
void omipv6_mn_cn_reset(struct omipv6_mn_cn *c,
			enum omipv6_mn_cn_state state)
{
	c->state = state;
	c->dereg = false;
	c->have_hot = false;
	c->have_cot = false;
	c->sent = false;
	c->armed = false;
	c->tries = 0;
	c->timeout = OMIPV6_INITIAL_BINDACK_TIMEOUT;
	c->dup_owed = false;
	c->dup_len = 0;
	omipv6_mn_cn_wipe(c);
}

static void omipv6_mn_send_ti(struct omipv6_mn *mn, struct omipv6_mn_cn *c,
			      bool home)
{
	const struct omipv6_mn_loc *loc = &mn->loc;
	u8 buf[OMIPV6_TI_END], *body;
	struct omipv6_tx tx = {};
	struct omipv6_mhb b;
	u8 *cookie;
	int len;

	omipv6_mhb_start(&b, buf, sizeof(buf),
			 home ? OMIPV6_MH_HOTI : OMIPV6_MH_COTI);
	body = omipv6_mhb_put(&b, OMIPV6_TI_END - OMIPV6_MH_OFF_DATA);
	len = omipv6_mhb_finish(&b);
	if (!body || len != OMIPV6_TI_END)
		return;
	cookie = home ? c->hot_cookie : c->cot_cookie;
	get_random_bytes(cookie, OMIPV6_COOKIE_LEN);
	memcpy(buf + OMIPV6_TI_OFF_COOKIE, cookie, OMIPV6_COOKIE_LEN);
	tx.daddr = &c->addr;
	if (home) {
		tx.saddr = &loc->hoa;
		/* Away, the HoTI goes through the home agent. */
		if (!c->dereg) {
			tx.tun_src = &loc->coa;
			tx.tun_dst = &loc->ha;
		}
	} else {
		tx.saddr = &c->rr_coa;
	}
	omipv6_tx_mh_ex(mn->on, &tx, buf, len);
}

/*
 * Caller holds mn->lock: the BU of the current round.  Under the pair's
 * SA it carries the A bit and only the Kabm authenticator option
 * (signed with the SA's newest key); else Nonce Indices and Binding
 * Authorization Data under Kbm.
 */
static void omipv6_mn_send_cn_bu(struct omipv6_mn *mn, struct omipv6_mn_cn *c)
{
	static const u8 kabm[OMIPV6_OPT_KABM_AUTH_LEN] = {
		OMIPV6_XOPT_KABM_AUTH,
	};
	struct omipv6_sa_id id = omipv6_mn_sa_id(mn, c);
	const struct omipv6_mn_loc *loc = &mn->loc;
	u8 buf[OMIPV6_MN_BU_MAX], *body, *ni = NULL, *auth;
	struct omipv6_net *on = mn->on;
	struct omipv6_tx tx = {};
	struct omipv6_mhb b;
	int len;

	omipv6_mhb_start(&b, buf, sizeof(buf), OMIPV6_MH_BU);
	body = omipv6_mhb_put(&b, OMIPV6_BU_END - OMIPV6_MH_OFF_DATA);
	if (c->bu_kabm) {
		auth = omipv6_mhb_opt(&b, OMIPV6_OPT_EXPERIMENTAL, kabm,
				      sizeof(kabm));
	} else {
		ni = omipv6_mhb_opt(&b, OMIPV6_OPT_NONCE_IDX, NULL,
				    OMIPV6_OPT_NONCE_IDX_LEN);
		auth = omipv6_mhb_opt(&b, OMIPV6_OPT_BAD, NULL,
				      OMIPV6_OPT_BAD_LEN);
	}
	len = omipv6_mhb_finish(&b);
	if (!body || (!c->bu_kabm && !ni) || !auth || len < 0)
		return;
	c->seq++;
	put_unaligned_be16(c->seq, buf + OMIPV6_BU_OFF_SEQ);
	put_unaligned_be16(OMIPV6_BU_F_ACK, buf + OMIPV6_BU_OFF_FLAGS);
	put_unaligned_be16(c->dereg ? 0 : OMIPV6_MN_CN_UNITS,
			   buf + OMIPV6_BU_OFF_LIFETIME);
	if (c->bu_kabm) {
		if (omipv6_sa_sign(on, &id, &c->rr_coa, buf, len)) {
			omipv6_count_drop(on, OMIPV6_DROP_INTERNAL);
			return;
		}
	} else {
		put_unaligned_be16(c->home_idx, ni);
		put_unaligned_be16(c->dereg ? 0 : c->coa_idx, ni + 2);
		if (omipv6_rr_bad_auth(c->kbm, &c->rr_coa, &c->addr, buf, len,
				       auth)) {
			omipv6_count_drop(on, OMIPV6_DROP_INTERNAL);
			return;
		}
	}
	tx.saddr = &c->rr_coa;
	tx.daddr = &c->addr;
	if (!c->dereg)
		tx.hao = &loc->hoa;
	if (!omipv6_tx_mh_ex(on, &tx, buf, len) && c->dup_owed) {
		memcpy(c->dup, buf, len);
		c->dup_len = len;
	}
}

/*
 * Caller holds mn->lock; the home agent has just accepted the
 * registration of mn->ha.bu_coa.  Each correspondent whose round was
 * started together with that registration gets the round's last BU
 * once more, octet for octet (same sequence number, same Kabm
 * authenticator, same checksum: the pseudo-header holds the home and
 * correspondent addresses either way), from the home address through
 * the reverse tunnel: the draft's copy via the home agent.  The home
 * agent takes the tunnel only from the care-of address it has
 * registered, hence the wait.  One copy per round; a round that has
 * moved on (restarted, left to the tunnel) or names another care-of
 * address gets none.
 */
void omipv6_mn_send_cn_dups(struct omipv6_mn *mn)
{
	const struct omipv6_mn_loc *loc = &mn->loc;
	struct omipv6_mn_cn *c;

	list_for_each_entry(c, &mn->cns, list) {
		struct omipv6_tx tx = {
			.saddr = &loc->hoa,
			.daddr = &c->addr,
			.tun_src = &c->rr_coa,
			.tun_dst = &loc->ha,
		};

		if (!c->dup_owed)
			continue;
		c->dup_owed = false;
		if (!c->dup_len || c->dereg || !c->bu_kabm ||
		    (c->state != OMIPV6_MN_CN_BU &&
		     c->state != OMIPV6_MN_CN_BOUND) ||
		    !ipv6_addr_equal(&c->rr_coa, &mn->ha.bu_coa))
			continue;
		omipv6_tx_mh_ex(mn->on, &tx, c->dup, c->dup_len);
	}
}

/*
 * Caller holds mn->lock: the home agent refused the registration.  No
 * copy goes through it; the correspondents' rounds and bindings stay
 * (see the top of omipv6_mn_home.c).
 */
void omipv6_mn_drop_cn_dups(struct omipv6_mn *mn)
{
	struct omipv6_mn_cn *c;

	list_for_each_entry(c, &mn->cns, list)
		c->dup_owed = false;
}

/*
 * Caller holds mn->lock: a new round with @c (dereg: from home): return
 * routability, then a BU; or, under the pair's Kabm SA, the BU at once.
 */
void omipv6_mn_cn_start(struct omipv6_mn *mn, struct omipv6_mn_cn *c,
			bool dereg, unsigned long now)
{
	omipv6_mn_cn_reset(c, c->sa ? OMIPV6_MN_CN_BU : OMIPV6_MN_CN_RR);
	c->bu_kabm = c->sa;
	c->dereg = dereg;
	c->rr_coa = dereg ? mn->loc.hoa : mn->loc.coa;
	c->armed = true;
	c->next = now;
}

/* Caller holds mn->lock: give @c up to the reverse tunnel. */
static void omipv6_mn_cn_fallback(struct omipv6_mn *mn,
				  struct omipv6_mn_cn *c, unsigned long now)
{
	unsigned int tries = c->tries;

	if (c->dereg || mn->where != OMIPV6_MN_AWAY) {
		/* At home there is no tunnel: the binding expires. */
		omipv6_mn_cn_reset(c, OMIPV6_MN_CN_IDLE);
		c->registered = false;
		return;
	}
	omipv6_mn_cn_reset(c, OMIPV6_MN_CN_TUNNEL);
	c->tries = tries;
	c->armed = true;
	c->next = now + OMIPV6_MN_CN_HOLDDOWN * HZ;
	if (c->ro) {
		c->ro = false;
		mn->xfrm_dirty = true;
	}
	omipv6_count_event(mn->on, OMIPV6_EV_MN_FALLBACK);
}

/*
 * Caller holds mn->lock: the current phase's message timed out.
 * Return: false when @c was given up.
 */
static bool omipv6_mn_cn_timed_out(struct omipv6_mn *mn,
				   struct omipv6_mn_cn *c, unsigned long now)
{
	if (++c->tries >= OMIPV6_MN_CN_TRIES) {
		omipv6_mn_cn_fallback(mn, c, now);
		return false;
	}
	c->timeout = omipv6_mn_backoff(c->timeout);
	omipv6_count_event(mn->on, OMIPV6_EV_MN_RETX);
	return true;
}

/* Caller holds mn->lock: one correspondent's due action. */
void omipv6_mn_cn_step(struct omipv6_mn *mn, struct omipv6_mn_cn *c,
		       unsigned long now)
{
	bool away = mn->where == OMIPV6_MN_AWAY;
	bool ha_bound = mn->ha.state == OMIPV6_MN_HA_BOUND;

	if (c->sa) {
		struct omipv6_sa_id id = omipv6_mn_sa_id(mn, c);

		/* The SA ran out: back to return routability. */
		if (!omipv6_sa_exists(mn->on, &id)) {
			omipv6_mn_omi_forget_sa(c);
			if (c->state == OMIPV6_MN_CN_BU && c->bu_kabm)
				omipv6_mn_cn_start(mn, c, c->dereg, now);
		}
	}
	if (c->ro && c->state != OMIPV6_MN_CN_BOUND &&
	    time_after_eq(now, c->expires)) {
		c->ro = false;
		mn->xfrm_dirty = true;
	}
	if (c->state == OMIPV6_MN_CN_IDLE) {
		if (away && ha_bound)
			omipv6_mn_cn_start(mn, c, false, now);
		else
			return;
	}
	if (!c->armed || time_before(now, c->next))
		return;

	switch (c->state) {
	case OMIPV6_MN_CN_RR:
		if (!c->dereg && !(away && ha_bound)) {
			/* Starts over once the home registration is back. */
			omipv6_mn_cn_reset(c, OMIPV6_MN_CN_IDLE);
			return;
		}
		if (c->sent && !omipv6_mn_cn_timed_out(mn, c, now))
			return;
		if (!c->have_hot)
			omipv6_mn_send_ti(mn, c, true);
		if (!c->have_cot && !c->dereg)
			omipv6_mn_send_ti(mn, c, false);
		c->sent = true;
		c->next = now + c->timeout * HZ;
		break;
	case OMIPV6_MN_CN_BU:
		if (c->sent && !omipv6_mn_cn_timed_out(mn, c, now))
			return;
		omipv6_mn_send_cn_bu(mn, c);
		c->sent = true;
		c->next = now + c->timeout * HZ;
		break;
	case OMIPV6_MN_CN_BOUND:
	case OMIPV6_MN_CN_TUNNEL:
		/* Refresh before the binding runs out, or retry. */
		if (away && ha_bound)
			omipv6_mn_cn_start(mn, c, false, now);
		else
			omipv6_mn_cn_reset(c, OMIPV6_MN_CN_IDLE);
		break;
	default:
		c->armed = false;
		break;
	}
	/* A round started above sends right away. */
	if ((c->state == OMIPV6_MN_CN_RR || c->state == OMIPV6_MN_CN_BU) &&
	    c->armed && !c->sent && !time_before(now, c->next))
		omipv6_mn_cn_step(mn, c, now);
}

bool omipv6_mn_rcv_test(struct omipv6_mn *mn, struct omipv6_rx *rx,
			unsigned long now)
{
	const struct omipv6_msg *msg = rx->msg;
	bool home = msg->type == OMIPV6_MH_HOT;
	struct omipv6_mn_cn *c;

	c = omipv6_mn_cn_find(mn, &rx->src);
	if (!c || c->state != OMIPV6_MN_CN_RR || rx->hao)
		return false;
	if (home) {
		if (c->have_hot || !ipv6_addr_equal(&rx->dst, &mn->loc.hoa) ||
		    memcmp(omipv6_field(msg, OMIPV6_T_OFF_COOKIE),
			   c->hot_cookie, OMIPV6_COOKIE_LEN))
			return false;
		c->home_idx = omipv6_get16(msg, OMIPV6_T_OFF_NONCE_IDX);
		memcpy(c->home_tok, omipv6_field(msg, OMIPV6_T_OFF_TOKEN),
		       OMIPV6_TOKEN_LEN);
		c->have_hot = true;
	} else {
		if (c->dereg || c->have_cot ||
		    !ipv6_addr_equal(&rx->dst, &c->rr_coa) ||
		    memcmp(omipv6_field(msg, OMIPV6_T_OFF_COOKIE),
			   c->cot_cookie, OMIPV6_COOKIE_LEN))
			return false;
		c->coa_idx = omipv6_get16(msg, OMIPV6_T_OFF_NONCE_IDX);
		memcpy(c->coa_tok, omipv6_field(msg, OMIPV6_T_OFF_TOKEN),
		       OMIPV6_TOKEN_LEN);
		c->have_cot = true;
	}
	if (!c->have_hot || (!c->dereg && !c->have_cot))
		return true;

	if (omipv6_rr_kbm(c->home_tok, c->dereg ? NULL : c->coa_tok,
			  c->kbm)) {
		omipv6_count_drop(mn->on, OMIPV6_DROP_INTERNAL);
		return true;
	}
	c->have_kbm = true;
	c->bu_kabm = false;
	c->state = OMIPV6_MN_CN_BU;
	c->sent = false;
	c->armed = true;
	c->next = now;
	c->timeout = OMIPV6_INITIAL_BINDACK_TIMEOUT;
	omipv6_mn_queue(mn);
	return true;
}

bool omipv6_mn_rcv_cn_ba(struct omipv6_mn *mn, struct omipv6_rx *rx,
			 unsigned long now)
{
	const struct omipv6_msg *msg = rx->msg;
	u8 status = omipv6_field(msg, OMIPV6_BA_OFF_STATUS)[0];
	u16 seq = omipv6_get16(msg, OMIPV6_BA_OFF_SEQ);
	u16 units = omipv6_get16(msg, OMIPV6_BA_OFF_LIFETIME);
	struct omipv6_net *on = mn->on;
	struct omipv6_mn_cn *c;
	struct omipv6_sa_id id;
	unsigned int tries;
	bool authed;

	c = omipv6_mn_cn_find(mn, &rx->src);
	if (!c || c->state != OMIPV6_MN_CN_BU ||
	    !ipv6_addr_equal(&rx->dst, &mn->loc.hoa))
		return false;
	if (status != OMIPV6_BA_SEQ_OUT_OF_WINDOW && seq != c->seq)
		return false;
	if (c->bu_kabm) {
		/* Under the SA only a Kabm-authenticated BA counts. */
		id = omipv6_mn_sa_id(mn, c);
		if (!omipv6_opt_data(msg, OMIPV6_OI_KABM_AUTH) ||
		    omipv6_sa_verify(on, &id, &c->rr_coa, msg->mh, msg->len,
				     seq, false) != OMIPV6_SA_OK) {
			omipv6_count_drop(on, OMIPV6_DROP_SA_AUTH);
			return true;
		}
		authed = true;
	} else {
		authed = omipv6_opt_data(msg, OMIPV6_OI_BAD) &&
			 !omipv6_rr_bad_verify(c->kbm, &c->rr_coa, &c->addr,
					       msg->mh, msg->len);
	}

	switch (status) {
	case OMIPV6_BA_ACCEPTED:
		if (!authed)
			goto bad_auth;
		omipv6_mn_ho_cn_ba(mn, &c->addr, ktime_get_real_ns());
		if (c->dereg) {
			omipv6_mn_cn_reset(c, OMIPV6_MN_CN_IDLE);
			c->registered = false;
			break;
		}
		omipv6_count_event(on, OMIPV6_EV_MN_CN_BOUND);
		c->state = OMIPV6_MN_CN_BOUND;
		c->registered = true;
		c->lifetime = units * OMIPV6_LIFETIME_UNIT;
		c->expires = now + c->lifetime * HZ;
		c->armed = true;
		c->next = now + max_t(unsigned long, HZ,
				      (unsigned long)c->lifetime * HZ *
				      OMIPV6_MN_REFRESH_PCT / 100);
		c->tries = 0;
		if (!c->ro || !ipv6_addr_equal(&c->bound_coa, &c->rr_coa)) {
			c->bound_coa = c->rr_coa;
			c->ro = true;
			mn->xfrm_dirty = true;
		}
		break;
	case OMIPV6_BA_SEQ_OUT_OF_WINDOW:
		if (!authed)
			goto bad_auth;
		c->seq = seq;
		c->sent = false;
		c->armed = true;
		c->next = now;
		break;
	case OMIPV6_BA_EXPIRED_HOME_NONCE:
	case OMIPV6_BA_EXPIRED_COA_NONCE:
	case OMIPV6_BA_EXPIRED_NONCES:
		/* No Kbm at the CN, so no authenticator: a new round. */
		tries = c->tries + 1;
		if (tries >= OMIPV6_MN_CN_TRIES) {
			c->tries = tries;
			omipv6_mn_cn_fallback(mn, c, now);
			break;
		}
		omipv6_mn_cn_start(mn, c, c->dereg, now);
		c->tries = tries;
		break;
	default:
		omipv6_count_event(on, OMIPV6_EV_MN_BA_REJECTED);
		c->tries = OMIPV6_MN_CN_TRIES;
		omipv6_mn_cn_fallback(mn, c, now);
		break;
	}
	omipv6_mn_queue(mn);
	return true;

bad_auth:
	omipv6_count_drop(on, OMIPV6_DROP_MN_AUTH);
	return true;
}

bool omipv6_mn_rcv_be(struct omipv6_mn *mn, struct omipv6_rx *rx,
		      unsigned long now)
{
	const struct omipv6_msg *msg = rx->msg;
	u8 status = omipv6_field(msg, OMIPV6_BE_OFF_STATUS)[0];
	struct omipv6_mn_cn *c;

	c = omipv6_mn_cn_find(mn, &rx->src);
	if (!c || (status != OMIPV6_BE_UNKNOWN_HAO &&
		   status != OMIPV6_BE_UNKNOWN_MH_TYPE) ||
	    memcmp(omipv6_field(msg, OMIPV6_BE_OFF_HOA), &mn->loc.hoa,
		   sizeof(struct in6_addr)))
		return false;
	if (status == OMIPV6_BE_UNKNOWN_MH_TYPE &&
	    omipv6_mn_omi_refused(mn, c, now)) {
		/* Return routability stays as it is. */
		omipv6_mn_queue(mn);
		return true;
	}
	if (c->sa) {
		/* Not authenticated with Kabm: no reason to give up the SA. */
		omipv6_count_drop(mn->on, OMIPV6_DROP_SA_AUTH);
		return true;
	}
	if (c->state == OMIPV6_MN_CN_TUNNEL)
		return true;
	c->tries = OMIPV6_MN_CN_TRIES;
	omipv6_mn_cn_fallback(mn, c, now);
	omipv6_mn_queue(mn);
	return true;
}

bool omipv6_mn_rcv_brr(struct omipv6_mn *mn, struct omipv6_rx *rx,
		       unsigned long now)
{
	struct omipv6_mn_cn *c;

	c = omipv6_mn_cn_find(mn, &rx->src);
	if (!c || c->state != OMIPV6_MN_CN_BOUND ||
	    mn->where != OMIPV6_MN_AWAY)
		return false;
	if (c->sa) {
		/* Not authenticated with Kabm (draft §7). */
		omipv6_count_drop(mn->on, OMIPV6_DROP_SA_AUTH);
		return true;
	}
	omipv6_mn_cn_start(mn, c, false, now);
	omipv6_mn_queue(mn);
	return true;
}
