// SPDX-License-Identifier: GPL-2.0
/*
 * The mobile node's side of the OMIPv6 exchange (see omipv6_mn_omi.h):
 * the initiator steps over one struct omipv6_omi_ini (DH1 and DH3 out,
 * DH2 and DH4 checked, with the mechanism of omipv6_omi.h), and the
 * exchange's place in the mobile node's state machine: when an exchange
 * starts (after return routability bound the correspondent, or for a
 * rekey), its retransmissions and DH2 window, the two DH2 copies'
 * comparison, the Diffie-Hellman work in the run and the SA it
 * installs, aborts and their hold-down, and the events it reports.
 *
 * The steps have no lock and no state of their own: each works on the
 * struct omipv6_omi_ini it is given, which the mobile node serialises.
 * Secrets in it are wiped as soon as they are not needed (the private
 * value once DH2 is processed) and all of it on omipv6_omi_ini_free().
 * The state-machine part runs under mn->lock, but omipv6_mn_omi_run()
 * and omipv6_mn_omi_events(), which hold mn->mutex and no spinlock.
 * Locking and lifetime of the mobile node's state:
 * include/omipv6_mn_state.h.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bitops.h>
#include <linux/err.h>
#include <linux/jiffies.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <net/ipv6.h>

#include "omipv6.h"
#include "omipv6_codec.h"
#include "omipv6_dh.h"
#include "omipv6_mn_omi.h"
#include "omipv6_mn_ro.h"
#include "omipv6_mn_state.h"
#include "omipv6_netlink.h"
#include "omipv6_omi.h"
#include "omipv6_rx.h"
#include "omipv6_sa.h"
#include "omipv6_tx.h"
#include <uapi/linux/omipv6.h>

/**
 * omipv6_omi_ini_new - start the mobile node's side of an exchange
 * @group: the DH group to offer our public value in
 * @sigkey: the SIG key, Kbm or the rekey key
 *
 * Makes a key pair, a nonce and a session id.
 *
 * Context: process; sleeps.
 * Return: the state, or an ERR_PTR().
 */
struct omipv6_omi_ini *omipv6_omi_ini_new(u16 group,
					  const u8 sigkey[OMIPV6_KBM_LEN])
{
	struct omipv6_omi_ini *ini;
	int err;

	ini = kzalloc(sizeof(*ini), GFP_KERNEL);
	if (!ini)
		return ERR_PTR(-ENOMEM);
	err = omipv6_dh_generate(group, &ini->key);
	if (err) {
		omipv6_omi_ini_free(ini);
		return ERR_PTR(err);
	}
	get_random_bytes(ini->n_mn, sizeof(ini->n_mn));
	ini->sid_mn = omipv6_omi_sid();
	memcpy(ini->sigkey, sigkey, sizeof(ini->sigkey));
	return ini;
}

/**
 * omipv6_omi_ini_free - wipe and free
 * @ini: the state, or NULL
 *
 * Context: any but hard IRQ.
 */
void omipv6_omi_ini_free(struct omipv6_omi_ini *ini)
{
	if (!ini)
		return;
	omipv6_dh_key_wipe(&ini->key);
	kfree_sensitive(ini);
}

/**
 * omipv6_omi_ini_dh1 - our DH1
 * @ini: the exchange
 * @hoa: home address
 * @coa: care-of address the exchange runs from
 * @cn: correspondent address
 *
 * Offers every group this module has, with our public value in the
 * group @ini was made for.
 *
 * Context: any but hard IRQ; does not sleep.
 * Return: 0, or a negative errno.
 */
int omipv6_omi_ini_dh1(struct omipv6_omi_ini *ini, const struct in6_addr *hoa,
		       const struct in6_addr *coa, const struct in6_addr *cn)
{
	u16 pub_len = ini->key.pub_len;
	unsigned int sig_off = OMIPV6_OMI_OFF_PUB + omipv6_omi_pad8(pub_len);
	u8 *m = ini->msg;
	int len, err;

	ini->hoa = *hoa;
	ini->coa = *coa;
	ini->cn = *cn;
	len = omipv6_omi_build(m, sizeof(ini->msg), OMIPV6_OMI_DH1,
			       ini->sid_mn, 0,
			       sig_off + OMIPV6_OMI_SIG_LEN -
			       OMIPV6_OMI_HDR_END);
	if (len < 0)
		return len;
	memcpy(m + OMIPV6_OMI_OFF_NONCE, ini->n_mn, sizeof(ini->n_mn));
	put_unaligned_be16(ini->key.group, m + OMIPV6_OMI_OFF_GROUP);
	put_unaligned_be16(OMIPV6_DH_GROUPS_ALL, m + OMIPV6_OMI_OFF_GROUPS);
	put_unaligned_be16(pub_len, m + OMIPV6_OMI_OFF_PUB_LEN);
	memcpy(m + OMIPV6_OMI_OFF_PUB, ini->key.pub, pub_len);
	err = omipv6_dh_sig(ini->sigkey, coa, cn, NULL, NULL, 0, m, sig_off,
			    m + sig_off);
	if (err)
		return err;
	ini->msg_len = len;
	return 0;
}

/*
 * Parse @ini->rx as an OMIPv6 message of @subtype of our exchange.
 * Return: 0, or -EINVAL.
 */
static int omipv6_omi_ini_parse(struct omipv6_omi_ini *ini, u8 subtype,
				struct omipv6_msg *m)
{
	enum omipv6_drop why;

	if (omipv6_msg_parse(m, ini->rx, ini->rx_len, &why) ||
	    m->type != OMIPV6_MH_EXPERIMENTAL || m->subtype != subtype ||
	    memcmp(m->mh + OMIPV6_OMI_OFF_SID_MN, &ini->sid_mn,
		   sizeof(ini->sid_mn)))
		return -EINVAL;
	return 0;
}

/**
 * omipv6_omi_ini_dh2 - check the DH2 and make our DH3
 * @ini: the exchange, with the DH2 (both copies were the same) in @rx
 * @reason: set to the drop reason on failure
 *
 * The DH2 must name our session, carry a session id of the
 * correspondent, use our group, and its SIG (under @ini->sigkey) and
 * MAC (under the Km its public value gives) must verify.  Then the DH3
 * goes into @msg and the private value is wiped.
 *
 * Context: process; sleeps.
 * Return: 0, or a negative errno with @reason set.
 */
int omipv6_omi_ini_dh2(struct omipv6_omi_ini *ini, enum omipv6_drop *reason)
{
	u8 secret[OMIPV6_DH_SECRET_MAX];
	struct omipv6_dh_ctx ctx;
	unsigned int sig_off;
	struct omipv6_msg m;
	int len, err = -EINVAL;

	*reason = OMIPV6_DROP_OMI_UNEXPECTED;
	if (omipv6_omi_ini_parse(ini, OMIPV6_OMI_DH2, &m) ||
	    omipv6_get16(&m, OMIPV6_OMI_OFF_GROUP) != ini->key.group ||
	    m.pub_len != ini->key.pub_len)
		goto out;
	memcpy(&ini->sid_cn, m.mh + OMIPV6_OMI_OFF_SID_CN,
	       sizeof(ini->sid_cn));
	if (!ini->sid_cn)
		goto out;
	sig_off = omipv6_omi_sig_off(&m);
	if (!omipv6_omi_sig_ok(ini->sigkey, &ini->coa, &ini->cn, ini->n_mn,
			       ini->key.pub, ini->key.pub_len, m.mh,
			       sig_off)) {
		*reason = OMIPV6_DROP_OMI_SIG;
		goto out;
	}
	memcpy(ini->gy, m.mh + OMIPV6_OMI_OFF_PUB, m.pub_len);
	memcpy(ini->n_cn, m.mh + OMIPV6_OMI_OFF_NONCE, sizeof(ini->n_cn));
	err = omipv6_dh_compute(&ini->key, ini->gy, m.pub_len, secret);
	if (err) {
		*reason = err == -EINVAL ? OMIPV6_DROP_OMI_PUB :
			  OMIPV6_DROP_INTERNAL;
		goto out;
	}
	ctx.sid_mn = ini->sid_mn;
	ctx.sid_cn = ini->sid_cn;
	ctx.hoa = ini->hoa;
	ctx.cn = ini->cn;
	err = omipv6_dh_kdf(secret, ini->key.pub_len, ini->n_mn, ini->n_cn,
			    &ctx, ini->km, ini->kabm);
	if (err) {
		*reason = OMIPV6_DROP_INTERNAL;
		goto out;
	}
	if (!omipv6_omi_mac_ok(ini->km, m.mh, omipv6_omi_mac_off(&m))) {
		*reason = OMIPV6_DROP_OMI_MAC;
		err = -EINVAL;
		goto out;
	}

	*reason = OMIPV6_DROP_INTERNAL;
	len = omipv6_omi_build(ini->msg, sizeof(ini->msg), OMIPV6_OMI_DH3,
			       ini->sid_mn, ini->sid_cn,
			       OMIPV6_OMI_DH3_OFF_SIG + OMIPV6_OMI_SIG_LEN +
			       OMIPV6_OMI_MAC_LEN - OMIPV6_OMI_HDR_END);
	if (len < 0) {
		err = len;
		goto out;
	}
	memcpy(ini->msg + OMIPV6_OMI_OFF_ID, &ini->hoa, OMIPV6_OMI_ID_LEN);
	err = omipv6_dh_sig(ini->sigkey, &ini->coa, &ini->cn, ini->n_cn,
			    ini->gy, m.pub_len, ini->msg,
			    OMIPV6_OMI_DH3_OFF_SIG,
			    ini->msg + OMIPV6_OMI_DH3_OFF_SIG);
	if (!err)
		err = omipv6_dh_mac(ini->km, ini->msg,
				    OMIPV6_OMI_DH3_OFF_SIG + OMIPV6_OMI_SIG_LEN,
				    ini->msg + OMIPV6_OMI_DH3_OFF_SIG +
				    OMIPV6_OMI_SIG_LEN);
	if (!err)
		ini->msg_len = len;
out:
	memzero_explicit(secret, sizeof(secret));
	memzero_explicit(ini->key.priv, sizeof(ini->key.priv));
	return err;
}

/**
 * omipv6_omi_ini_dh4 - check the DH4
 * @ini: the exchange, with the DH4 in @rx
 * @reason: set to the drop reason on failure
 *
 * The DH4 must name both session ids and the correspondent, and its
 * SIG and MAC must verify; its SA lifetime goes into @lifetime.
 *
 * Context: any but hard IRQ.
 * Return: 0, or -EINVAL with @reason set.
 */
int omipv6_omi_ini_dh4(struct omipv6_omi_ini *ini, enum omipv6_drop *reason)
{
	struct omipv6_msg m;

	*reason = OMIPV6_DROP_OMI_UNEXPECTED;
	if (omipv6_omi_ini_parse(ini, OMIPV6_OMI_DH4, &m) ||
	    memcmp(m.mh + OMIPV6_OMI_OFF_SID_CN, &ini->sid_cn,
		   sizeof(ini->sid_cn)) ||
	    memcmp(m.mh + OMIPV6_OMI_OFF_ID, &ini->cn, OMIPV6_OMI_ID_LEN))
		return -EINVAL;
	if (!omipv6_omi_sig_ok(ini->sigkey, &ini->coa, &ini->cn, ini->n_mn,
			       ini->key.pub, ini->key.pub_len, m.mh,
			       OMIPV6_OMI_DH4_OFF_SIG)) {
		*reason = OMIPV6_DROP_OMI_SIG;
		return -EINVAL;
	}
	if (!omipv6_omi_mac_ok(ini->km, m.mh,
			       OMIPV6_OMI_DH4_OFF_SIG + OMIPV6_OMI_SIG_LEN)) {
		*reason = OMIPV6_DROP_OMI_MAC;
		return -EINVAL;
	}
	ini->lifetime = omipv6_get32(&m, OMIPV6_OMI_DH4_OFF_LIFETIME);
	return 0;
}

/*
 * Caller holds mn->lock; the run is not working on @c's exchange: stop
 * it without counting anything (the node moved, or starts over).
 */
void omipv6_mn_omi_cancel(struct omipv6_mn_cn *c)
{
	omipv6_omi_ini_free(c->ini);
	c->ini = NULL;
	c->omi_todo = OMIPV6_MN_OMI_DO_NOTHING;
	c->omi_rekey = false;
	/* The hold-down of a correspondent without OMIPv6 outlives a move. */
	if (c->omi == OMIPV6_MN_OMI_UNSUPPORTED)
		return;
	c->omi_armed = false;
	c->omi = c->sa ? OMIPV6_MN_OMI_ESTABLISHED : OMIPV6_MN_OMI_IDLE;
}

/*
 * Caller holds mn->lock: no exchange with @c starts for a while:
 * net.omipv6.omi_holddown seconds after a success, twice the last
 * hold-down after another failure, at most OMIPV6_MAX_OMI_HOLDDOWN.
 */
static void omipv6_mn_omi_hold(struct omipv6_mn *mn, struct omipv6_mn_cn *c,
			       unsigned long now)
{
	unsigned int hd = c->omi_holddown;

	if (!hd)
		hd = READ_ONCE(mn->on->sysctl.omi_holddown);
	c->omi_armed = true;
	c->omi_next = now + hd * HZ;
	c->omi_holddown = min_t(unsigned int, hd * 2, OMIPV6_MAX_OMI_HOLDDOWN);
}

/**
 * omipv6_mn_omi_refused - Binding Error status 2 from a correspondent
 * @mn: the state; caller holds mn->lock
 * @c: the correspondent
 * @now: jiffies
 *
 * The correspondent may not implement OMIPv6.  Nothing authenticates
 * the message, so it counts only for an exchange in progress with no
 * SA (DH1 or DH3 sent, the run not working on it), and only holds
 * exchanges with @c down for a while (omipv6_mn_omi_hold(), state
 * "unsupported"); a correspondent that turns OMIPv6 on later gets one
 * after that.
 *
 * Return: true when it counted.
 */
bool omipv6_mn_omi_refused(struct omipv6_mn *mn, struct omipv6_mn_cn *c,
			   unsigned long now)
{
	if (c->sa || c->omi_busy || c->omi_todo ||
	    (c->omi != OMIPV6_MN_OMI_DH1 && c->omi != OMIPV6_MN_OMI_DH3))
		return false;
	omipv6_mn_omi_cancel(c);
	c->omi = OMIPV6_MN_OMI_UNSUPPORTED;
	omipv6_mn_omi_hold(mn, c, now);
	c->omi_events |= BIT(OMIPV6_EVENT_UNSUPPORTED);
	omipv6_count_event(mn->on, OMIPV6_EV_OMI_UNSUPPORTED);
	return true;
}

/*
 * Caller holds mn->lock; the run is not working on @c's exchange: it
 * failed.  No new one starts before the hold-down ends
 * (omipv6_mn_omi_hold()) or the next movement; meanwhile the binding
 * stays as it is (under the SA when there is one, else return
 * routability).  @event (enum omipv6_event_type, 0 for none) is
 * reported and counted.
 */
static void omipv6_mn_omi_abort(struct omipv6_mn *mn, struct omipv6_mn_cn *c,
				u8 event, unsigned long now)
{
	omipv6_omi_ini_free(c->ini);
	c->ini = NULL;
	c->omi = OMIPV6_MN_OMI_ABORTED;
	c->omi_todo = OMIPV6_MN_OMI_DO_NOTHING;
	c->omi_rekey = false;
	c->rekey_due = false;
	omipv6_mn_omi_hold(mn, c, now);
	if (event == OMIPV6_EVENT_MITM)
		omipv6_count_event(mn->on, OMIPV6_EV_OMI_ABORT_MITM);
	else if (event == OMIPV6_EVENT_TIMEOUT)
		omipv6_count_event(mn->on, OMIPV6_EV_OMI_ABORT_TIMEOUT);
	if (event)
		c->omi_events |= BIT(event);
}

/* Caller holds mn->lock: the pair's SA is gone (or is to go). */
void omipv6_mn_omi_forget_sa(struct omipv6_mn_cn *c)
{
	c->sa = false;
	c->epoch = 0;
	omipv6_omi_keys_wipe(&c->keys);
	if (c->omi == OMIPV6_MN_OMI_ESTABLISHED)
		c->omi = OMIPV6_MN_OMI_IDLE;
}

/* Caller holds mn->lock: (re)send the exchange's DH1 or DH3. */
static void omipv6_mn_omi_send(struct omipv6_mn *mn, struct omipv6_mn_cn *c)
{
	const struct omipv6_omi_ini *ini = c->ini;
	struct omipv6_tx tx = {
		.saddr = &ini->coa,
		.daddr = &c->addr,
		.hao = &ini->hoa,
	};

	if (!omipv6_tx_mh_ex(mn->on, &tx, ini->msg, ini->msg_len) &&
	    ini->msg[OMIPV6_OMI_OFF_SUBTYPE] == OMIPV6_OMI_DH1)
		omipv6_count_event(mn->on, OMIPV6_EV_OMI_DH1_SENT);
}

/*
 * Caller holds mn->lock: the exchange's due action with @c.  An
 * exchange starts once return routability has bound the
 * correspondent (first exchange, SIG under that round's Kbm), or, with
 * an SA, when a rekey is due (periodic, or after a movement with
 * net.omipv6.rekey_on_move) and the binding is in place (SIG under the
 * current Kabm).  Either needs net.omipv6.omi and the node away with
 * its home registration done.  DH1 and DH3 are sent again with backoff
 * up to OMIPV6_MN_CN_TRIES times, the second DH2 copy must come within
 * net.omipv6.dh2_window_ms of the first; else the exchange aborts.
 */
void omipv6_mn_omi_step(struct omipv6_mn *mn, struct omipv6_mn_cn *c,
			unsigned long now)
{
	struct omipv6_net *on = mn->on;
	unsigned int rekey;
	bool ready;

	if (c->omi_busy || c->omi_todo)
		return;
	switch (c->omi) {
	case OMIPV6_MN_OMI_DH1:
	case OMIPV6_MN_OMI_DH3:
		if (!c->omi_armed || time_before(now, c->omi_next))
			return;
		if (++c->omi_tries >= OMIPV6_MN_CN_TRIES) {
			omipv6_mn_omi_abort(mn, c, OMIPV6_EVENT_TIMEOUT, now);
			return;
		}
		c->omi_timeout = omipv6_mn_backoff(c->omi_timeout);
		c->omi_next = now + c->omi_timeout * HZ;
		omipv6_count_event(on, OMIPV6_EV_MN_RETX);
		omipv6_mn_omi_send(mn, c);
		return;
	case OMIPV6_MN_OMI_DH2:
		if (c->omi_armed && !time_before(now, c->omi_next))
			omipv6_mn_omi_abort(mn, c, OMIPV6_EVENT_TIMEOUT, now);
		return;
	case OMIPV6_MN_OMI_ABORTED:
	case OMIPV6_MN_OMI_UNSUPPORTED:
		if (time_before(now, c->omi_next))
			return;
		/* The hold-down is over: an exchange may start again. */
		c->omi = c->sa ? OMIPV6_MN_OMI_ESTABLISHED : OMIPV6_MN_OMI_IDLE;
		omipv6_mn_omi_cancel(c);
		break;
	case OMIPV6_MN_OMI_IDLE:
	case OMIPV6_MN_OMI_ESTABLISHED:
		break;
	default:
		return;
	}

	ready = READ_ONCE(on->sysctl.omi) && mn->where == OMIPV6_MN_AWAY &&
		mn->ha.state == OMIPV6_MN_HA_BOUND &&
		c->state == OMIPV6_MN_CN_BOUND &&
		ipv6_addr_equal(&c->bound_coa, &mn->loc.coa);
	if (!ready)
		return;
	if (!c->sa) {
		if (c->have_kbm) {
			c->omi_rekey = false;
			c->omi_todo = OMIPV6_MN_OMI_DO_START;
		}
		return;
	}
	rekey = omipv6_mn_rekey_interval(mn);
	if (c->rekey_due ||
	    (rekey && time_after_eq(now, c->sa_since + rekey * HZ))) {
		c->omi_rekey = true;
		c->omi_todo = OMIPV6_MN_OMI_DO_START;
	}
}

/*
 * Caller holds mn->lock: publish what the run's Diffie-Hellman work
 * (@todo, with @err and @reason) made of @c's exchange; @ini is the
 * exchange (a new one for OMIPV6_MN_OMI_DO_START) and @epoch the SA's
 * new epoch after a DH4.
 */
static void omipv6_mn_omi_done(struct omipv6_mn *mn, struct omipv6_mn_cn *c,
			       enum omipv6_mn_omi_todo todo,
			       struct omipv6_omi_ini *ini, int err,
			       enum omipv6_drop reason, u32 epoch,
			       unsigned long now)
{
	struct omipv6_net *on = mn->on;
	bool rekey;

	if (err) {
		if (todo == OMIPV6_MN_OMI_DO_START)
			omipv6_omi_ini_free(ini);
		omipv6_count_drop(on, reason);
		net_dbg_ratelimited("exchange with %pI6c failed: %s (%d)\n",
				    &c->addr, omipv6_drop_name(reason), err);
		omipv6_mn_omi_abort(mn, c, 0, now);
		return;
	}

	switch (todo) {
	case OMIPV6_MN_OMI_DO_START:
		/* The binding must still be where the key was made for. */
		if (mn->where != OMIPV6_MN_AWAY ||
		    c->state != OMIPV6_MN_CN_BOUND ||
		    !ipv6_addr_equal(&c->bound_coa, &mn->loc.coa) ||
		    (c->omi != OMIPV6_MN_OMI_IDLE &&
		     c->omi != OMIPV6_MN_OMI_ESTABLISHED) ||
		    omipv6_omi_ini_dh1(ini, &mn->loc.hoa, &mn->loc.coa,
				       &c->addr)) {
			omipv6_omi_ini_free(ini);
			return;
		}
		c->ini = ini;
		c->omi = OMIPV6_MN_OMI_DH1;
		c->omi_group = ini->key.group;
		break;
	case OMIPV6_MN_OMI_DO_DH2:
		c->omi = OMIPV6_MN_OMI_DH3;
		break;
	case OMIPV6_MN_OMI_DO_DH4:
		rekey = c->sa;
		c->sa = true;
		c->epoch = epoch;
		c->sa_since = now;
		c->rekey_due = false;
		c->omi_holddown = 0;
		omipv6_omi_keys_set(&c->keys, epoch, ini->kabm);
		omipv6_omi_ini_free(ini);
		c->ini = NULL;
		c->omi = OMIPV6_MN_OMI_ESTABLISHED;
		c->omi_rekey = false;
		c->omi_armed = false;
		omipv6_count_event(on, rekey ? OMIPV6_EV_OMI_REKEY :
				   OMIPV6_EV_OMI_SA_UP);
		c->omi_events |= BIT(rekey ? OMIPV6_EVENT_REKEY :
				     OMIPV6_EVENT_SA_UP);
		/* A new key refreshes the binding at once (draft §7). */
		if (rekey && c->state == OMIPV6_MN_CN_BOUND &&
		    mn->where == OMIPV6_MN_AWAY &&
		    mn->ha.state == OMIPV6_MN_HA_BOUND) {
			omipv6_mn_cn_start(mn, c, false, now);
			omipv6_mn_cn_step(mn, c, now);
		}
		return;
	default:
		return;
	}
	c->omi_tries = 0;
	c->omi_timeout = OMIPV6_INITIAL_BINDACK_TIMEOUT;
	c->omi_armed = true;
	c->omi_next = now + c->omi_timeout * HZ;
	omipv6_mn_omi_send(mn, c);
}

/*
 * The exchanges' Diffie-Hellman work, at most one step per
 * correspondent.  Caller holds mn->mutex (the list of correspondents
 * does not change) and no spinlock: each todo is taken under mn->lock
 * with omi_busy set, worked on without it (key pairs, shared secrets,
 * the SA), and published under it again.
 */
void omipv6_mn_omi_run(struct omipv6_mn *mn)
{
	struct omipv6_net *on = mn->on;
	struct omipv6_mn_cn *c;

	list_for_each_entry(c, &mn->cns, list) {
		enum omipv6_drop reason = OMIPV6_DROP_INTERNAL;
		struct omipv6_omi_ini *ini = NULL;
		enum omipv6_mn_omi_todo todo;
		u8 sigkey[OMIPV6_KBM_LEN];
		struct omipv6_sa_info info;
		struct omipv6_sa_id id;
		bool have_key = false;
		u32 epoch = 0;
		u16 group = 0;
		int err = 0;

		spin_lock_bh(&mn->lock);
		todo = c->omi_todo;
		c->omi_todo = OMIPV6_MN_OMI_DO_NOTHING;
		if (todo == OMIPV6_MN_OMI_DO_START) {
			group = READ_ONCE(on->sysctl.dh_group);
			if (c->omi_rekey) {
				have_key = omipv6_omi_keys_sigkey(&c->keys,
								  c->epoch,
								  sigkey);
			} else if (c->have_kbm) {
				memcpy(sigkey, c->kbm, sizeof(sigkey));
				have_key = true;
			}
		}
		ini = c->ini;
		c->omi_busy = todo != OMIPV6_MN_OMI_DO_NOTHING;
		spin_unlock_bh(&mn->lock);

		switch (todo) {
		case OMIPV6_MN_OMI_DO_START:
			if (!have_key) {
				err = -ENOKEY;
				break;
			}
			ini = omipv6_omi_ini_new(group, sigkey);
			if (IS_ERR(ini)) {
				err = PTR_ERR(ini);
				ini = NULL;
			}
			break;
		case OMIPV6_MN_OMI_DO_DH2:
			err = omipv6_omi_ini_dh2(ini, &reason);
			break;
		case OMIPV6_MN_OMI_DO_DH4:
			/*
			 * The handler verified the DH4.  The node runs one
			 * exchange per correspondent and is the only writer
			 * of its SA, so the table now is the state the
			 * exchange began from.
			 */
			id.hoa = ini->hoa;
			id.cn = c->addr;
			epoch = omipv6_sa_get_info(on, &id, &info) ? 1 :
				info.epoch + 1;
			reason = OMIPV6_DROP_INTERNAL;
			err = omipv6_sa_install(on, &id, OMIPV6_SA_SIDE_MN,
						ini->key.group, epoch - 1,
						epoch, ini->kabm,
						ini->lifetime);
			break;
		default:
			continue;
		}
		memzero_explicit(sigkey, sizeof(sigkey));

		spin_lock_bh(&mn->lock);
		c->omi_busy = false;
		omipv6_mn_omi_done(mn, c, todo, ini, err, reason, epoch,
				   jiffies);
		spin_unlock_bh(&mn->lock);
	}
}

/* Caller holds mn->mutex, no spinlock: report the exchanges' events. */
void omipv6_mn_omi_events(struct omipv6_mn *mn)
{
	struct omipv6_mn_cn *c;
	struct in6_addr hoa, cn;
	unsigned long ev;
	unsigned int bit;

	list_for_each_entry(c, &mn->cns, list) {
		spin_lock_bh(&mn->lock);
		ev = c->omi_events;
		c->omi_events = 0;
		hoa = mn->loc.hoa;
		cn = c->addr;
		spin_unlock_bh(&mn->lock);
		for_each_set_bit(bit, &ev, BITS_PER_TYPE(c->omi_events))
			omipv6_genl_event(mn->on->net, bit, &hoa, &cn);
	}
}

/*
 * A DH2 copy or the DH4 of a running exchange.  Nothing that does not
 * verify changes the exchange: a DH2 copy whose SIG, or a DH4 whose SIG
 * or MAC, does not verify is a counted drop (omi_sig, omi_mac).  The
 * first DH2 copy is kept and opens the window; the second must come on
 * the other path (one with a type 2 routing header to the care-of
 * address, one through the home agent to the home address) and be the
 * same octets, else the exchange aborts as a possible man in the
 * middle.  The rest of the DH2's checks and the Diffie-Hellman work
 * are left to the run.  Return: false when the message fits no
 * exchange.
 */
bool omipv6_mn_rcv_omi(struct omipv6_mn *mn, struct omipv6_rx *rx,
		       unsigned long now)
{
	const struct omipv6_msg *msg = rx->msg;
	enum omipv6_drop reason;
	enum omipv6_omi_path path;
	struct omipv6_omi_ini *ini;
	struct omipv6_mn_cn *c;
	bool dh2 = msg->subtype == OMIPV6_OMI_DH2;

	c = omipv6_mn_cn_find(mn, &rx->src);
	if (!c || !c->ini || c->omi_busy || c->omi_todo ||
	    !ipv6_addr_equal(&rx->dst, &mn->loc.hoa) ||
	    msg->len > OMIPV6_OMI_RX_MAX)
		return false;
	ini = c->ini;
	if (memcmp(omipv6_field(msg, OMIPV6_OMI_OFF_SID_MN), &ini->sid_mn,
		   sizeof(ini->sid_mn)))
		return false;
	if (!dh2) {
		if (c->omi != OMIPV6_MN_OMI_DH3 ||
		    memcmp(omipv6_field(msg, OMIPV6_OMI_OFF_SID_CN),
			   &ini->sid_cn, sizeof(ini->sid_cn)))
			return false;
		memcpy(ini->rx, msg->mh, msg->len);
		ini->rx_len = msg->len;
		/* Only a DH4 that verifies ends the exchange, either way. */
		if (omipv6_omi_ini_dh4(ini, &reason)) {
			ini->rx_len = 0;
			omipv6_count_drop(mn->on, reason);
			return true;
		}
		c->omi_todo = OMIPV6_MN_OMI_DO_DH4;
		c->omi_armed = false;
		omipv6_mn_queue(mn);
		return true;
	}

	if (c->omi != OMIPV6_MN_OMI_DH1 && c->omi != OMIPV6_MN_OMI_DH2)
		return false;
	/*
	 * Only a DH2 copy whose SIG verifies may open the window or be
	 * compared with the other: anyone who saw sid_MN could send one.
	 */
	if (!omipv6_omi_sig_ok(ini->sigkey, &ini->coa, &ini->cn, ini->n_mn,
			       ini->key.pub, ini->key.pub_len, msg->mh,
			       omipv6_omi_sig_off(msg))) {
		omipv6_count_drop(mn->on, OMIPV6_DROP_OMI_SIG);
		return true;
	}
	path = rx->rh2 ? OMIPV6_OMI_PATH_DIRECT : OMIPV6_OMI_PATH_HA;
	if (c->omi == OMIPV6_MN_OMI_DH1) {
		memcpy(ini->rx, msg->mh, msg->len);
		ini->rx_len = msg->len;
		ini->rx_path = path;
		c->omi = OMIPV6_MN_OMI_DH2;
		c->omi_armed = true;
		c->omi_next = now +
			msecs_to_jiffies(READ_ONCE(mn->on->sysctl.dh2_window_ms));
		omipv6_mn_queue(mn);
		return true;
	}
	if (msg->len == ini->rx_len && !memcmp(msg->mh, ini->rx, msg->len)) {
		/* The same copy twice on one path proves nothing. */
		if (path == ini->rx_path)
			return false;
		c->omi_todo = OMIPV6_MN_OMI_DO_DH2;
		c->omi_armed = false;
	} else {
		net_dbg_ratelimited("DH2 copies from %pI6c differ: possible man in the middle\n",
				    &c->addr);
		omipv6_mn_omi_abort(mn, c, OMIPV6_EVENT_MITM, now);
	}
	omipv6_mn_queue(mn);
	return true;
}
