// SPDX-License-Identifier: GPL-2.0
/*
 * Mobile node home registration (RFC 6275 §11.7.1, RFC 4285): the home
 * BU with its MN-HA authenticator, its retransmission and refresh, and
 * the home agent's BA: kept by the receive handler, verified by the
 * state machine under cfg->lock (the MN-HA key is never copied).
 *
 * The home agent may refuse that registration (BA status 128 or more,
 * 135 aside, under the MN-HA key; a refusal without it changes nothing,
 * omipv6_mn_ha_ba()) after a correspondent already moved its
 * binding.  The node keeps that binding and its round: the correspondent
 * verified the BU under Kabm, which only the owner of the home address
 * holds, and its BA came back to the new care-of address, so the
 * binding is right; deregistering or pointing it back would only send
 * the correspondent's traffic along the home path, which is broken too
 * (the home agent still tunnels to the old care-of address, or to
 * nothing).  No copy goes through the home agent, which would drop
 * it.  The binding is not refreshed while the home registration is
 * missing (a bound correspondent falls back to idle at its refresh time
 * and the binding ends with its lifetime, at most
 * MAX_RR_BINDING_LIFETIME); once the retried home registration is
 * accepted, a correspondent left idle starts a new round.  One in
 * return-routability mode waits for the home registration as always.
 * The correspondent, for its part, cannot know what the home agent
 * holds and does not try: a BU under Kabm is accepted for a care-of
 * address the home agent has not (yet) registered (omipv6_bu.c).
 *
 * Locking and lifetime: include/omipv6_mn_state.h.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/minmax.h>
#include <linux/string.h>
#include <net/ipv6.h>

#include "omipv6.h"
#include "omipv6_codec.h"
#include "omipv6_mn_handover.h"
#include "omipv6_mn_home.h"
#include "omipv6_mn_ro.h"
#include "omipv6_mn_state.h"
#include "omipv6_rr.h"
#include "omipv6_rx.h"
#include "omipv6_tx.h"

/* Caller holds cfg->lock (for the key) and mn->lock. */
static void omipv6_mn_send_ha_bu(struct omipv6_mn *mn,
				 const struct omipv6_config *cfg)
{
	struct omipv6_net *on = mn->on;
	struct omipv6_mn_ha *ha = &mn->ha;
	u8 buf[OMIPV6_MN_BU_MAX], *body, *opt;
	struct omipv6_tx tx = {};
	struct omipv6_mhb b;
	int len;

	omipv6_mhb_start(&b, buf, sizeof(buf), OMIPV6_MH_BU);
	body = omipv6_mhb_put(&b, OMIPV6_BU_END - OMIPV6_MH_OFF_DATA);
	opt = omipv6_mhb_opt(&b, OMIPV6_OPT_MNHA_AUTH, NULL,
			     OMIPV6_OPT_MNHA_AUTH_LEN);
	len = omipv6_mhb_finish(&b);
	if (!body || !opt || len < 0)
		return;
	ha->seq++;
	put_unaligned_be16(ha->seq, buf + OMIPV6_BU_OFF_SEQ);
	put_unaligned_be16(OMIPV6_BU_F_ACK | OMIPV6_BU_F_HOME,
			   buf + OMIPV6_BU_OFF_FLAGS);
	put_unaligned_be16(ha->dereg ? 0 : OMIPV6_MN_HOME_LIFETIME /
			   OMIPV6_LIFETIME_UNIT, buf + OMIPV6_BU_OFF_LIFETIME);
	opt[0] = OMIPV6_MNHA_SUBTYPE_MN_HA;
	put_unaligned_be32(cfg->spi, opt + 1);
	if (omipv6_rr_mnha_auth(cfg->key, cfg->key_len, &ha->bu_coa,
				&cfg->ha, buf, len, opt + 5)) {
		omipv6_count_drop(on, OMIPV6_DROP_INTERNAL);
		return;
	}
	tx.saddr = &ha->bu_coa;
	tx.daddr = &cfg->ha;
	if (!ha->dereg)
		tx.hao = &cfg->hoa;
	omipv6_tx_mh_ex(on, &tx, buf, len);
}

/* Caller holds mn->lock: the home registration's due action. */
void omipv6_mn_ha_step(struct omipv6_mn *mn,
		       const struct omipv6_config *cfg,
		       unsigned long now)
{
	struct omipv6_mn_ha *ha = &mn->ha;

	if (ha->state == OMIPV6_MN_HA_BOUND && time_after_eq(now, ha->expires))
		ha->state = OMIPV6_MN_HA_PENDING;
	if (!ha->armed || time_before(now, ha->next))
		return;
	if (!cfg->key_len || ipv6_addr_any(&cfg->ha)) {
		ha->armed = false;
		return;
	}
	if (ha->bu_out) {
		if (ha->dereg && ha->timeout >= OMIPV6_MAX_BINDACK_TIMEOUT) {
			/* The home agent's binding expires by itself. */
			ha->bu_out = false;
			ha->armed = false;
			ha->state = OMIPV6_MN_HA_NONE;
			return;
		}
		ha->timeout = omipv6_mn_backoff(ha->timeout);
		omipv6_count_event(mn->on, OMIPV6_EV_MN_RETX);
	} else {
		ha->timeout = OMIPV6_INITIAL_BINDACK_TIMEOUT;
		ha->bu_out = true;
		if (ha->state == OMIPV6_MN_HA_NONE && !ha->dereg)
			ha->state = OMIPV6_MN_HA_PENDING;
	}
	ha->bu_coa = ha->dereg ? cfg->hoa : mn->loc.coa;
	omipv6_mn_send_ha_bu(mn, cfg);
	ha->next = now + ha->timeout * HZ;
}

/*
 * Caller holds cfg->lock and mn->lock: the BA from the home agent the
 * handler kept.  Verifies its sequence number and MN-HA authenticator
 * (over the care-of address of the outstanding BU).  A BA without a
 * valid authenticator changes nothing (mn_auth), whatever its status:
 * a rejection the home agent could not authenticate (132, 133: no
 * security association for the home address) looks the same as one
 * anybody can send, so the BU stays outstanding and its retransmission
 * goes on with the usual backoff, which is also how often the node
 * would try again after an authenticated rejection.  An accepted
 * registration sends the copies via the home agent that BUs sent in
 * parallel with it owe; an authenticated rejection cancels them.
 */
void omipv6_mn_ha_ba(struct omipv6_mn *mn,
		     const struct omipv6_config *cfg,
		     unsigned long now)
{
	struct omipv6_mn_ha *ha = &mn->ha;
	struct omipv6_net *on = mn->on;
	struct omipv6_mn_ho *ho;
	u16 seq, units;
	u8 status;

	ha->ba_have = false;
	if (!ha->bu_out) {
		omipv6_count_drop(on, OMIPV6_DROP_MN_UNEXPECTED);
		return;
	}
	status = ha->ba[OMIPV6_BA_OFF_STATUS];
	seq = get_unaligned_be16(ha->ba + OMIPV6_BA_OFF_SEQ);
	units = get_unaligned_be16(ha->ba + OMIPV6_BA_OFF_LIFETIME);
	if (status != OMIPV6_BA_SEQ_OUT_OF_WINDOW && seq != ha->seq) {
		omipv6_count_drop(on, OMIPV6_DROP_MN_UNEXPECTED);
		return;
	}
	if (!ha->ba_opt || !cfg->key_len ||
	    omipv6_rr_mnha_verify(cfg->key, cfg->key_len, &ha->bu_coa,
				  &cfg->ha, ha->ba, ha->ba_len)) {
		omipv6_count_drop(on, OMIPV6_DROP_MN_AUTH);
		net_dbg_ratelimited("home agent BA status %u without a valid authenticator\n",
				    status);
		return;
	}

	if (status == OMIPV6_BA_SEQ_OUT_OF_WINDOW) {
		/* The next BU goes out at once, newer than @seq. */
		ha->seq = seq;
		ha->bu_out = false;
		ha->armed = true;
		ha->next = now;
		return;
	}
	ha->bu_out = false;
	if (status != OMIPV6_BA_ACCEPTED) {
		omipv6_count_event(on, OMIPV6_EV_MN_BA_REJECTED);
		ha->state = OMIPV6_MN_HA_NONE;
		ha->armed = !ha->dereg;
		ha->next = now + OMIPV6_MAX_BINDACK_TIMEOUT * HZ;
		omipv6_mn_drop_cn_dups(mn);
		return;
	}

	ho = omipv6_mn_ho_cur(mn);
	if (ho && !ho->ha_ba)
		ho->ha_ba = ha->ba_ns;
	if (ha->dereg) {
		ha->state = OMIPV6_MN_HA_NONE;
		ha->armed = false;
		return;
	}
	omipv6_count_event(on, OMIPV6_EV_MN_HA_BOUND);
	ha->state = OMIPV6_MN_HA_BOUND;
	ha->lifetime = units * OMIPV6_LIFETIME_UNIT;
	ha->expires = now + ha->lifetime * HZ;
	ha->armed = true;
	ha->next = now + max_t(unsigned long, HZ,
			       (unsigned long)ha->lifetime * HZ *
			       OMIPV6_MN_REFRESH_PCT / 100);
	omipv6_mn_send_cn_dups(mn);
}

/* A BA from the home agent: kept for the run, which verifies it. */
bool omipv6_mn_rcv_ha_ba(struct omipv6_mn *mn, struct omipv6_rx *rx)
{
	const struct omipv6_msg *msg = rx->msg;
	const u8 *opt;

	if (!mn->ha.bu_out || !ipv6_addr_equal(&rx->dst, &mn->loc.hoa) ||
	    msg->len > sizeof(mn->ha.ba))
		return false;
	opt = omipv6_opt_data(msg, OMIPV6_OI_MNHA_AUTH);
	mn->ha.ba_opt = opt && opt[0] == OMIPV6_MNHA_SUBTYPE_MN_HA &&
			get_unaligned_be32(opt + 1) == mn->spi;
	memcpy(mn->ha.ba, msg->mh, msg->len);
	mn->ha.ba_len = msg->len;
	mn->ha.ba_have = true;
	mn->ha.ba_ns = ktime_get_real_ns();
	omipv6_mn_queue(mn);
	return true;
}
