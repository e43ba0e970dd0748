// SPDX-License-Identifier: GPL-2.0
/*
 * The correspondent node's responder of the OMIPv6 exchange (see
 * omipv6_cn_omi.h for the contract): DH1 and DH3 in, DH2 and DH4 out,
 * the Kabm SA installed from a work item.
 *
 * Locking: om->lock (spin_lock_bh) protects both hash tables, every
 * pending exchange's state and the fields the softirq handler reads.
 * A pending exchange in a *_WORK state belongs to its work item, which
 * fills in the Diffie-Hellman values without the lock and takes it to
 * publish the new state and send; the handler only matches such an
 * entry and leaves it alone.  Entries are freed (wiped first) under
 * om->lock by the expiry work, by omipv6_omi_cn_flush() and by
 * omipv6_omi_net_exit(), never while their work item is queued or
 * running.  Lock order: om->lock, then the SA table's lock; the binding
 * cache's lock is never taken with om->lock held.
 *
 * Lifetime: omipv6_omi_net_exit() frees om after it has cancelled the
 * expiry work and waited for every pending exchange's work item.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/jhash.h>
#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/random.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <net/ipv6.h>

#include "omipv6.h"
#include "omipv6_bc.h"
#include "omipv6_be.h"
#include "omipv6_cn_omi.h"
#include "omipv6_codec.h"
#include "omipv6_dh.h"
#include "omipv6_omi.h"
#include "omipv6_rx.h"
#include "omipv6_sa.h"
#include "omipv6_tx.h"

#define OMIPV6_OMI_GC_PERIOD	HZ
/* Key records of pairs without an SA are dropped every this many runs. */
#define OMIPV6_OMI_KEYS_GC_RUNS	10

/* Runs every work item of every namespace; made at module init. */
static struct workqueue_struct *omipv6_omi_wq;

enum omipv6_omi_pstate {
	OMIPV6_OMI_P_DH2_WORK,	/* DH1 accepted: the work makes the DH2 */
	OMIPV6_OMI_P_DH2_SENT,	/* both DH2 copies sent, DH3 awaited */
	OMIPV6_OMI_P_DH4_WORK,	/* DH3 accepted: the work installs the SA */
	OMIPV6_OMI_P_DONE,	/* DH4 sent */
	OMIPV6_OMI_P_FAILED,	/* the work gave up */
};

/**
 * struct omipv6_omi_pend - an exchange the correspondent node answers
 * @node: link in om->pend
 * @work: makes the DH2 (DH2_WORK) or installs the SA and makes the DH4
 *	(DH4_WORK), on omipv6_omi_wq
 * @on: the namespace
 * @state: enum omipv6_omi_pstate
 * @expires: jiffies when the entry may go (not in a *_WORK state)
 * @hoa: the mobile node's home address (key)
 * @cn: our address (key)
 * @coa: the care-of address the DH1 came from
 * @sid_mn: the mobile node's session id (key)
 * @sid_cn: ours
 * @group: the DH group
 * @pub_len: length of @gx and @gy
 * @base: 0 when no SA existed at the DH1 (the SIG key is the binding's
 *	Kbm), else the epoch of the current Kabm, the SIG key; the SA is
 *	installed only if the table still has that state (omipv6_sa_install())
 * @n_mn: the mobile node's nonce
 * @n_cn: ours
 * @sigkey: key of every SIG of the exchange (secret)
 * @gx: the mobile node's public value
 * @gy: ours
 * @km: MAC key (secret)
 * @kabm: the new Kabm (secret)
 * @msg: the last message sent, the DH2 or the DH4, for repeats
 * @msg_len: its length
 */
struct omipv6_omi_pend {
	struct hlist_node node;
	struct work_struct work;
	struct omipv6_net *on;
	enum omipv6_omi_pstate state;
	unsigned long expires;
	struct in6_addr hoa;
	struct in6_addr cn;
	struct in6_addr coa;
	__be32 sid_mn;
	__be32 sid_cn;
	u16 group;
	u16 pub_len;
	u32 base;
	u8 n_mn[OMIPV6_OMI_NONCE_LEN];
	u8 n_cn[OMIPV6_OMI_NONCE_LEN];
	u8 sigkey[OMIPV6_KBM_LEN];
	u8 gx[OMIPV6_DH_PUB_MAX];
	u8 gy[OMIPV6_DH_PUB_MAX];
	u8 km[OMIPV6_KM_LEN];
	u8 kabm[OMIPV6_KABM_LEN];
	u8 msg[OMIPV6_OMI_MSG_MAX];
	unsigned int msg_len;
};

/**
 * struct omipv6_omi_keyrec - Kabm of a pair, for the SIG of its rekeys
 * @node: link in om->keys
 * @hoa: home address (key)
 * @cn: our address (key)
 * @keys: the two newest epochs' keys (secret)
 */
struct omipv6_omi_keyrec {
	struct hlist_node node;
	struct in6_addr hoa;
	struct in6_addr cn;
	struct omipv6_omi_keys keys;
};

static u32 omipv6_omi_hash(const struct in6_addr *hoa,
			   const struct in6_addr *cn, u32 sid)
{
	return jhash2((const u32 *)hoa, 4,
		      jhash2((const u32 *)cn, 4, sid)) &
	       ((1 << OMIPV6_OMI_HASH_BITS) - 1);
}

/* Caller holds om->lock. */
static struct omipv6_omi_pend *omipv6_omi_pend_find(struct omipv6_omi *om,
						    const struct in6_addr *hoa,
						    const struct in6_addr *cn,
						    __be32 sid_mn)
{
	struct omipv6_omi_pend *p;

	hlist_for_each_entry(p, &om->pend[omipv6_omi_hash(hoa, cn,
							  (__force u32)sid_mn)],
			     node)
		if (p->sid_mn == sid_mn && ipv6_addr_equal(&p->hoa, hoa) &&
		    ipv6_addr_equal(&p->cn, cn))
			return p;
	return NULL;
}

/* Caller holds om->lock. */
static struct omipv6_omi_keyrec *
omipv6_omi_keyrec_find(struct omipv6_omi *om, const struct in6_addr *hoa,
		       const struct in6_addr *cn)
{
	struct omipv6_omi_keyrec *k;

	hlist_for_each_entry(k, &om->keys[omipv6_omi_hash(hoa, cn, 0)], node)
		if (ipv6_addr_equal(&k->hoa, hoa) &&
		    ipv6_addr_equal(&k->cn, cn))
			return k;
	return NULL;
}

/* Caller holds om->lock; @p is not in a *_WORK state. */
static void omipv6_omi_pend_free(struct omipv6_omi *om,
				 struct omipv6_omi_pend *p)
{
	hlist_del(&p->node);
	om->npend--;
	kfree_sensitive(p);
}

/* Caller holds om->lock. */
static void omipv6_omi_keyrec_free(struct omipv6_omi *om,
				   struct omipv6_omi_keyrec *k)
{
	hlist_del(&k->node);
	om->nkeys--;
	kfree_sensitive(k);
}

/* Caller holds om->lock: (re)arm the expiry work. */
static void omipv6_omi_gc_arm(struct omipv6_omi *om)
{
	if (!om->dying && (om->npend || om->nkeys) &&
	    !delayed_work_pending(&om->gc))
		queue_delayed_work(system_wq, &om->gc, OMIPV6_OMI_GC_PERIOD);
}

/* Caller holds om->lock: the DH2 copies, to the CoA and to the HoA. */
static void omipv6_omi_send_dh2(struct omipv6_net *on,
				const struct omipv6_omi_pend *p)
{
	omipv6_tx_mh(on, &p->cn, &p->coa, &p->hoa, p->msg, p->msg_len);
	omipv6_tx_mh(on, &p->cn, &p->hoa, NULL, p->msg, p->msg_len);
}

static void omipv6_omi_send_dh4(struct omipv6_net *on,
				const struct omipv6_omi_pend *p)
{
	omipv6_tx_mh(on, &p->cn, &p->coa, &p->hoa, p->msg, p->msg_len);
}

/*
 * DH2_WORK: our key pair, the shared secret, Km and Kabm, and the DH2.
 * Return: 0, or the drop reason's negative errno with *@reason set.
 */
static int omipv6_omi_make_dh2(struct omipv6_omi_pend *p,
			       enum omipv6_drop *reason)
{
	u8 secret[OMIPV6_DH_SECRET_MAX];
	struct omipv6_dh_key key;
	struct omipv6_dh_ctx ctx;
	unsigned int sig_off;
	int len, err;

	*reason = OMIPV6_DROP_INTERNAL;
	err = omipv6_dh_generate(p->group, &key);
	if (err)
		goto out;
	if (key.pub_len != p->pub_len) {
		err = -EINVAL;
		goto out;
	}
	err = omipv6_dh_compute(&key, p->gx, p->pub_len, secret);
	if (err) {
		if (err == -EINVAL)
			*reason = OMIPV6_DROP_OMI_PUB;
		goto out;
	}
	get_random_bytes(p->n_cn, sizeof(p->n_cn));
	p->sid_cn = omipv6_omi_sid();
	ctx.sid_mn = p->sid_mn;
	ctx.sid_cn = p->sid_cn;
	ctx.hoa = p->hoa;
	ctx.cn = p->cn;
	err = omipv6_dh_kdf(secret, key.pub_len, p->n_mn, p->n_cn, &ctx,
			    p->km, p->kabm);
	if (err)
		goto out;
	memcpy(p->gy, key.pub, key.pub_len);

	sig_off = OMIPV6_OMI_OFF_PUB + omipv6_omi_pad8(p->pub_len);
	len = omipv6_omi_build(p->msg, sizeof(p->msg), OMIPV6_OMI_DH2,
			       p->sid_mn, p->sid_cn,
			       sig_off + OMIPV6_OMI_SIG_LEN +
			       OMIPV6_OMI_MAC_LEN - OMIPV6_OMI_HDR_END);
	if (len < 0) {
		err = len;
		goto out;
	}
	memcpy(p->msg + OMIPV6_OMI_OFF_NONCE, p->n_cn, sizeof(p->n_cn));
	put_unaligned_be16(p->group, p->msg + OMIPV6_OMI_OFF_GROUP);
	put_unaligned_be16(p->pub_len, p->msg + OMIPV6_OMI_OFF_PUB_LEN);
	memcpy(p->msg + OMIPV6_OMI_OFF_PUB, p->gy, p->pub_len);
	err = omipv6_dh_sig(p->sigkey, &p->coa, &p->cn, p->n_mn, p->gx,
			    p->pub_len, p->msg, sig_off, p->msg + sig_off);
	if (!err)
		err = omipv6_dh_mac(p->km, p->msg,
				    sig_off + OMIPV6_OMI_SIG_LEN,
				    p->msg + sig_off + OMIPV6_OMI_SIG_LEN);
	if (!err)
		p->msg_len = len;
out:
	omipv6_dh_key_wipe(&key);
	memzero_explicit(secret, sizeof(secret));
	return err;
}

/* Seconds of SA lifetime granted in DH4. */
static u32 omipv6_omi_sa_lifetime(struct omipv6_net *on)
{
	u32 rekey = READ_ONCE(on->sysctl.rekey_interval);

	return rekey ? 3 * rekey : OMIPV6_OMI_SA_LIFETIME;
}

/*
 * DH4_WORK: install the SA at the epoch after the one the DH1 was
 * signed under (a new SA at epoch 1 after a Kbm DH1), only if the table
 * still has that state; keep the key for the next rekey, make the DH4.
 * On -ESTALE *@reason is OMIPV6_DROP_OMI_STALE.
 */
static int omipv6_omi_make_dh4(struct omipv6_omi_pend *p,
			       enum omipv6_drop *reason)
{
	struct omipv6_sa_id id = { .hoa = p->hoa, .cn = p->cn };
	struct omipv6_omi_keyrec *k, *nk;
	struct omipv6_net *on = p->on;
	struct omipv6_omi *om = on->omi;
	u32 epoch = p->base + 1, lifetime;
	int len, err;

	lifetime = omipv6_omi_sa_lifetime(on);

	len = omipv6_omi_build(p->msg, sizeof(p->msg), OMIPV6_OMI_DH4,
			       p->sid_mn, p->sid_cn,
			       OMIPV6_OMI_DH4_OFF_SIG + OMIPV6_OMI_SIG_LEN +
			       OMIPV6_OMI_MAC_LEN - OMIPV6_OMI_HDR_END);
	if (len < 0)
		return len;
	memcpy(p->msg + OMIPV6_OMI_OFF_ID, &p->cn, OMIPV6_OMI_ID_LEN);
	put_unaligned_be32(lifetime, p->msg + OMIPV6_OMI_DH4_OFF_LIFETIME);
	err = omipv6_dh_sig(p->sigkey, &p->coa, &p->cn, p->n_mn, p->gx,
			    p->pub_len, p->msg, OMIPV6_OMI_DH4_OFF_SIG,
			    p->msg + OMIPV6_OMI_DH4_OFF_SIG);
	if (!err)
		err = omipv6_dh_mac(p->km, p->msg,
				    OMIPV6_OMI_DH4_OFF_SIG + OMIPV6_OMI_SIG_LEN,
				    p->msg + OMIPV6_OMI_DH4_OFF_SIG +
				    OMIPV6_OMI_SIG_LEN);
	if (err)
		return err;

	nk = kzalloc(sizeof(*nk), GFP_KERNEL);
	err = omipv6_sa_install(on, &id, OMIPV6_SA_SIDE_CN, p->group, p->base,
				epoch, p->kabm, lifetime);
	if (err) {
		/* An SA was made or rekeyed since this exchange's DH1. */
		if (err == -ESTALE)
			*reason = OMIPV6_DROP_OMI_STALE;
		kfree(nk);
		return err;
	}
	spin_lock_bh(&om->lock);
	k = omipv6_omi_keyrec_find(om, &p->hoa, &p->cn);
	if (!k && nk && !om->dying && om->nkeys < OMIPV6_SA_MAX) {
		k = nk;
		nk = NULL;
		k->hoa = p->hoa;
		k->cn = p->cn;
		hlist_add_head(&k->node,
			       &om->keys[omipv6_omi_hash(&k->hoa, &k->cn, 0)]);
		om->nkeys++;
	}
	if (k)
		omipv6_omi_keys_set(&k->keys, epoch, p->kabm);
	spin_unlock_bh(&om->lock);
	kfree(nk);

	omipv6_count_event(on, p->base ? OMIPV6_EV_OMI_REKEY :
			   OMIPV6_EV_OMI_SA_UP);
	p->msg_len = len;
	return 0;
}

static void omipv6_omi_work(struct work_struct *work)
{
	struct omipv6_omi_pend *p = container_of(work, struct omipv6_omi_pend,
						 work);
	struct omipv6_net *on = p->on;
	struct omipv6_omi *om = on->omi;
	enum omipv6_drop reason = OMIPV6_DROP_INTERNAL;
	bool dh2 = READ_ONCE(p->state) == OMIPV6_OMI_P_DH2_WORK;
	int err;

	if (READ_ONCE(on->dying))
		err = -ESHUTDOWN;
	else if (dh2)
		err = omipv6_omi_make_dh2(p, &reason);
	else
		err = omipv6_omi_make_dh4(p, &reason);
	if (err) {
		omipv6_count_drop(on, reason);
		net_dbg_ratelimited("exchange with %pI6c: %s step failed: %d\n",
				    &p->hoa, dh2 ? "DH2" : "DH4", err);
	}

	spin_lock_bh(&om->lock);
	if (err) {
		p->state = OMIPV6_OMI_P_FAILED;
		p->expires = jiffies;
	} else {
		p->state = dh2 ? OMIPV6_OMI_P_DH2_SENT : OMIPV6_OMI_P_DONE;
		p->expires = jiffies + OMIPV6_OMI_PENDING_LIFETIME * HZ;
		if (dh2)
			omipv6_omi_send_dh2(on, p);
		else
			omipv6_omi_send_dh4(on, p);
	}
	atomic_dec(&om->queued);
	omipv6_omi_gc_arm(om);
	spin_unlock_bh(&om->lock);
}

/* Caller holds om->lock: hand @p to its work item, within the bound. */
static bool omipv6_omi_queue(struct omipv6_omi *om, struct omipv6_omi_pend *p)
{
	if (om->dying ||
	    atomic_inc_return(&om->queued) > OMIPV6_OMI_WORK_MAX) {
		atomic_dec(&om->queued);
		return false;
	}
	queue_work(omipv6_omi_wq, &p->work);
	return true;
}

/*
 * The SIG key of a DH1 from @rx: the current Kabm when an SA for the
 * pair exists, else the Kbm of the binding.  Either way the binding's
 * care-of address must be where the DH1 came from.  Return: 0 with
 * @key filled (the caller wipes it) and *@base set to the current
 * epoch (0 without SA), or -ENOENT.
 */
static int omipv6_omi_dh1_key(struct omipv6_rx *rx,
			      u8 key[OMIPV6_KBM_LEN], u32 *base)
{
	struct omipv6_sa_id id = { .hoa = rx->src, .cn = rx->dst };
	struct omipv6_net *on = rx->on;
	struct omipv6_omi *om = on->omi;
	struct omipv6_omi_keyrec *k;
	struct omipv6_sa_info info;
	bool found = false;

	*base = 0;
	if (omipv6_sa_get_info(on, &id, &info))
		return omipv6_bc_kbm(on, &rx->src, &rx->dst, &rx->wire_src,
				     key);
	*base = info.epoch;
	if (omipv6_bc_kbm(on, &rx->src, &rx->dst, &rx->wire_src, NULL))
		return -ENOENT;
	spin_lock_bh(&om->lock);
	k = omipv6_omi_keyrec_find(om, &rx->src, &rx->dst);
	if (k)
		found = omipv6_omi_keys_sigkey(&k->keys, info.epoch, key);
	spin_unlock_bh(&om->lock);
	return found ? 0 : -ENOENT;
}

/*
 * Caller holds om->lock.  Before a new exchange for the pair (@hoa,
 * @cn) from @coa: forget the pair's finished ones (a new DH1 means the
 * mobile node is done with them; they would only answer a repeated
 * DH3), then tell whether the new one stays within the bound of
 * OMIPV6_OMI_PENDING_PER_PREFIX entries, finished or not, whose home
 * address is in @hoa's /64 or whose care-of address is in @coa's.  That
 * also bounds one home address.  Exchanges a mobile node abandoned
 * (waiting for a DH3 that never comes) count until they expire, so a
 * tighter bound per home address would refuse an honest node that
 * moved and tried again.  The table holds at most
 * OMIPV6_OMI_PENDING_MAX entries: the walk is short.
 */
static bool omipv6_omi_pend_admit(struct omipv6_omi *om,
				  const struct in6_addr *hoa,
				  const struct in6_addr *cn,
				  const struct in6_addr *coa)
{
	unsigned int i, hoa_net = 0, coa_net = 0;
	struct omipv6_omi_pend *p;
	struct hlist_node *tmp;

	for (i = 0; i < ARRAY_SIZE(om->pend); i++) {
		hlist_for_each_entry_safe(p, tmp, &om->pend[i], node) {
			if ((p->state == OMIPV6_OMI_P_DONE ||
			     p->state == OMIPV6_OMI_P_FAILED) &&
			    ipv6_addr_equal(&p->hoa, hoa) &&
			    ipv6_addr_equal(&p->cn, cn)) {
				omipv6_omi_pend_free(om, p);
				continue;
			}
			if (ipv6_prefix_equal(&p->hoa, hoa, 64))
				hoa_net++;
			if (ipv6_prefix_equal(&p->coa, coa, 64))
				coa_net++;
		}
	}
	return hoa_net < OMIPV6_OMI_PENDING_PER_PREFIX &&
	       coa_net < OMIPV6_OMI_PENDING_PER_PREFIX;
}

static void omipv6_omi_cn_dh1(struct omipv6_rx *rx)
{
	const struct omipv6_msg *msg = rx->msg;
	struct omipv6_net *on = rx->on;
	struct omipv6_omi *om = on->omi;
	u16 group = omipv6_get16(msg, OMIPV6_OMI_OFF_GROUP);
	u16 groups = omipv6_get16(msg, OMIPV6_OMI_OFF_GROUPS);
	const u8 *gx = omipv6_field(msg, OMIPV6_OMI_OFF_PUB);
	const u8 *n_mn = omipv6_field(msg, OMIPV6_OMI_OFF_NONCE);
	enum omipv6_drop reason = OMIPV6_DROP_OMI_UNEXPECTED;
	struct omipv6_omi_pend *p, *np = NULL;
	u8 key[OMIPV6_KBM_LEN];
	__be32 sid_mn, sid_cn;
	u32 base;

	memcpy(&sid_mn, omipv6_field(msg, OMIPV6_OMI_OFF_SID_MN),
	       sizeof(sid_mn));
	memcpy(&sid_cn, omipv6_field(msg, OMIPV6_OMI_OFF_SID_CN),
	       sizeof(sid_cn));
	if (!rx->hao || !sid_mn || sid_cn || group >= 16 ||
	    !(groups & BIT(group)) || !omipv6_dh_pub_len(group))
		goto drop;
	if (omipv6_omi_dh1_key(rx, key, &base))
		goto drop;
	if (!omipv6_omi_sig_ok(key, &rx->wire_src, &rx->dst, NULL, NULL, 0,
			       msg->mh, omipv6_omi_sig_off(msg))) {
		reason = OMIPV6_DROP_OMI_SIG;
		goto drop;
	}
	/*
	 * Admission is charged only to a DH1 whose sender proved the key
	 * of a binding or SA: a spoofed one cannot drain a bucket.
	 */
	if (omipv6_ratelimit_allow(&on->dh_rl, &rx->wire_src,
				   ktime_get_coarse_boottime_ns()) !=
	    OMIPV6_RL_PASS) {
		reason = OMIPV6_DROP_OMI_RATELIMIT;
		goto drop;
	}

	spin_lock_bh(&om->lock);
	p = omipv6_omi_pend_find(om, &rx->src, &rx->dst, sid_mn);
	if (p) {
		/* A repeated DH1: the same DH2 pair again. */
		if (p->state == OMIPV6_OMI_P_DH2_SENT && p->group == group &&
		    ipv6_addr_equal(&p->coa, &rx->wire_src) &&
		    !memcmp(p->n_mn, n_mn, sizeof(p->n_mn)) &&
		    !memcmp(p->gx, gx, p->pub_len)) {
			omipv6_omi_send_dh2(on, p);
			reason = OMIPV6_DROP_MAX;
		}
		goto unlock;
	}
	reason = OMIPV6_DROP_OMI_BUSY;
	if (om->dying ||
	    !omipv6_omi_pend_admit(om, &rx->src, &rx->dst, &rx->wire_src) ||
	    om->npend >= OMIPV6_OMI_PENDING_MAX)
		goto unlock;
	np = kzalloc(sizeof(*np), GFP_ATOMIC);
	if (!np)
		goto unlock;
	INIT_WORK(&np->work, omipv6_omi_work);
	np->on = on;
	np->state = OMIPV6_OMI_P_DH2_WORK;
	np->hoa = rx->src;
	np->cn = rx->dst;
	np->coa = rx->wire_src;
	np->sid_mn = sid_mn;
	np->group = group;
	np->pub_len = msg->pub_len;
	np->base = base;
	memcpy(np->n_mn, n_mn, sizeof(np->n_mn));
	memcpy(np->sigkey, key, sizeof(np->sigkey));
	memcpy(np->gx, gx, msg->pub_len);
	if (!omipv6_omi_queue(om, np)) {
		kfree_sensitive(np);
		goto unlock;
	}
	hlist_add_head(&np->node,
		       &om->pend[omipv6_omi_hash(&np->hoa, &np->cn,
						 (__force u32)sid_mn)]);
	om->npend++;
	reason = OMIPV6_DROP_MAX;
unlock:
	spin_unlock_bh(&om->lock);
drop:
	memzero_explicit(key, sizeof(key));
	if (reason != OMIPV6_DROP_MAX) {
		omipv6_count_drop(on, reason);
		net_dbg_ratelimited("DH1 from %pI6c dropped: %s\n",
				    &rx->wire_src, omipv6_drop_name(reason));
	}
}

static void omipv6_omi_cn_dh3(struct omipv6_rx *rx)
{
	const struct omipv6_msg *msg = rx->msg;
	struct omipv6_net *on = rx->on;
	struct omipv6_omi *om = on->omi;
	enum omipv6_drop reason = OMIPV6_DROP_OMI_UNEXPECTED;
	struct omipv6_omi_pend *p;
	__be32 sid_mn, sid_cn;

	memcpy(&sid_mn, omipv6_field(msg, OMIPV6_OMI_OFF_SID_MN),
	       sizeof(sid_mn));
	memcpy(&sid_cn, omipv6_field(msg, OMIPV6_OMI_OFF_SID_CN),
	       sizeof(sid_cn));
	if (!rx->hao ||
	    memcmp(omipv6_field(msg, OMIPV6_OMI_OFF_ID), &rx->src,
		   OMIPV6_OMI_ID_LEN)) {
		omipv6_count_drop(on, reason);
		return;
	}

	spin_lock_bh(&om->lock);
	p = omipv6_omi_pend_find(om, &rx->src, &rx->dst, sid_mn);
	if (!p || p->sid_cn != sid_cn ||
	    !ipv6_addr_equal(&p->coa, &rx->wire_src) ||
	    (p->state != OMIPV6_OMI_P_DH2_SENT &&
	     p->state != OMIPV6_OMI_P_DONE))
		goto unlock;
	if (!omipv6_omi_sig_ok(p->sigkey, &p->coa, &p->cn, p->n_cn, p->gy,
			       p->pub_len, msg->mh, OMIPV6_OMI_DH3_OFF_SIG)) {
		reason = OMIPV6_DROP_OMI_SIG;
		goto unlock;
	}
	if (!omipv6_omi_mac_ok(p->km, msg->mh,
			       OMIPV6_OMI_DH3_OFF_SIG + OMIPV6_OMI_SIG_LEN)) {
		reason = OMIPV6_DROP_OMI_MAC;
		goto unlock;
	}
	if (p->state == OMIPV6_OMI_P_DONE) {
		/* A repeated DH3: the DH4 again. */
		omipv6_omi_send_dh4(on, p);
		reason = OMIPV6_DROP_MAX;
		goto unlock;
	}
	p->state = OMIPV6_OMI_P_DH4_WORK;
	if (!omipv6_omi_queue(om, p)) {
		p->state = OMIPV6_OMI_P_DH2_SENT;
		reason = OMIPV6_DROP_OMI_BUSY;
		goto unlock;
	}
	reason = OMIPV6_DROP_MAX;
unlock:
	spin_unlock_bh(&om->lock);
	if (reason != OMIPV6_DROP_MAX) {
		omipv6_count_drop(on, reason);
		net_dbg_ratelimited("DH3 from %pI6c dropped: %s\n",
				    &rx->src, omipv6_drop_name(reason));
	}
}

/**
 * omipv6_omi_cn_rcv - DH1 and DH3 at the correspondent node
 * @rx: a valid Mobility Header; the CN role is on
 *
 * With net.omipv6.omi 0 the message is answered with Binding Error
 * status 2, as a node without OMIPv6 would.  See omipv6_cn_omi.h for the
 * checks; every outcome is counted.
 *
 * Context: softirq.
 * Return: true for a DH1 or DH3, false for anything else.
 */
bool omipv6_omi_cn_rcv(struct omipv6_rx *rx)
{
	const struct omipv6_msg *msg = rx->msg;
	struct omipv6_net *on = rx->on;

	if (msg->type != OMIPV6_MH_EXPERIMENTAL ||
	    (msg->subtype != OMIPV6_OMI_DH1 && msg->subtype != OMIPV6_OMI_DH3))
		return false;
	if (!READ_ONCE(on->sysctl.omi)) {
		omipv6_be_send(on, OMIPV6_BE_UNKNOWN_MH_TYPE, &rx->dst,
			       &rx->wire_src, rx->hao ? &rx->src : NULL);
		return true;
	}
	if (msg->subtype == OMIPV6_OMI_DH1)
		omipv6_omi_cn_dh1(rx);
	else
		omipv6_omi_cn_dh3(rx);
	return true;
}

/*
 * Remove the pending exchanges that have expired (all of them with
 * @all) and are not with their work item; with @keys, also the key
 * records of pairs that have no SA any more (all of them with @all).
 * Caller holds om->lock.
 */
static void omipv6_omi_prune(struct omipv6_net *on, bool all, bool keys)
{
	struct omipv6_omi *om = on->omi;
	struct omipv6_omi_keyrec *k;
	struct omipv6_omi_pend *p;
	unsigned long now = jiffies;
	struct hlist_node *tmp;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(om->pend); i++) {
		hlist_for_each_entry_safe(p, tmp, &om->pend[i], node) {
			if (p->state == OMIPV6_OMI_P_DH2_WORK ||
			    p->state == OMIPV6_OMI_P_DH4_WORK)
				continue;
			if (all || time_after_eq(now, p->expires))
				omipv6_omi_pend_free(om, p);
		}
	}
	if (!keys)
		return;
	for (i = 0; i < ARRAY_SIZE(om->keys); i++) {
		hlist_for_each_entry_safe(k, tmp, &om->keys[i], node) {
			struct omipv6_sa_id id = { .hoa = k->hoa, .cn = k->cn };

			if (all || !omipv6_sa_exists(on, &id))
				omipv6_omi_keyrec_free(om, k);
		}
	}
}

static void omipv6_omi_gc(struct work_struct *work)
{
	struct omipv6_omi *om = container_of(to_delayed_work(work),
					     struct omipv6_omi, gc);
	struct omipv6_net *on = om->on;

	spin_lock_bh(&om->lock);
	omipv6_omi_prune(on, false,
			 !(++om->gc_runs % OMIPV6_OMI_KEYS_GC_RUNS));
	omipv6_omi_gc_arm(om);
	spin_unlock_bh(&om->lock);
}

/**
 * omipv6_omi_cn_flush - the correspondent node role was turned off
 * @on: the namespace
 *
 * Forgets every pending exchange but those with their work item (which
 * expire soon after) and deletes the SAs the role made, with their
 * keys.
 *
 * Context: process or softirq.
 */
void omipv6_omi_cn_flush(struct omipv6_net *on)
{
	struct omipv6_omi *om = on->omi;
	struct omipv6_omi_keyrec *k;
	struct hlist_node *tmp;
	unsigned int i;

	spin_lock_bh(&om->lock);
	for (i = 0; i < ARRAY_SIZE(om->keys); i++) {
		hlist_for_each_entry_safe(k, tmp, &om->keys[i], node) {
			struct omipv6_sa_id id = { .hoa = k->hoa, .cn = k->cn };

			omipv6_sa_del(on, &id);
		}
	}
	omipv6_omi_prune(on, true, true);
	spin_unlock_bh(&om->lock);
}

/**
 * omipv6_omi_seq_show - "omicn pending=N queued=N"
 * @seq: the file
 * @on: the namespace
 *
 * Only while the correspondent node role is on.  @pending counts the
 * exchanges the node answers, @queued those waiting for their work.
 *
 * Context: process.
 */
void omipv6_omi_seq_show(struct seq_file *seq, struct omipv6_net *on)
{
	struct omipv6_omi *om = on->omi;
	unsigned int n;

	if (!READ_ONCE(on->sysctl.role_cn))
		return;
	spin_lock_bh(&om->lock);
	n = om->npend;
	spin_unlock_bh(&om->lock);
	seq_printf(seq, "omicn pending=%u queued=%d\n", n,
		   atomic_read(&om->queued));
}

/**
 * omipv6_omi_net_init - an empty responder
 * @on: the namespace, zeroed
 *
 * Context: process (pernet init).
 * Return: 0 or -ENOMEM.
 */
int omipv6_omi_net_init(struct omipv6_net *on)
{
	struct omipv6_omi *om;
	unsigned int i;

	om = kzalloc(sizeof(*om), GFP_KERNEL);
	if (!om)
		return -ENOMEM;
	om->on = on;
	on->omi = om;
	spin_lock_init(&om->lock);
	for (i = 0; i < ARRAY_SIZE(om->pend); i++)
		INIT_HLIST_HEAD(&om->pend[i]);
	for (i = 0; i < ARRAY_SIZE(om->keys); i++)
		INIT_HLIST_HEAD(&om->keys[i]);
	atomic_set(&om->queued, 0);
	INIT_DELAYED_WORK(&om->gc, omipv6_omi_gc);
	return 0;
}

/**
 * omipv6_omi_net_exit - stop the responder and free everything
 * @on: the namespace; no packet handler reaches it any more
 *
 * Waits for every work item of the namespace, then frees the
 * responder.  Must run before the SA table goes (the work installs SAs).
 *
 * Context: process; sleeps.
 */
void omipv6_omi_net_exit(struct omipv6_net *on)
{
	struct omipv6_omi *om = on->omi;
	struct omipv6_omi_pend *p;
	struct hlist_node *tmp;
	unsigned int i;

	spin_lock_bh(&om->lock);
	om->dying = true;
	spin_unlock_bh(&om->lock);
	cancel_delayed_work_sync(&om->gc);
	/* Nothing adds entries now; wait for the work of those in the table. */
	for (i = 0; i < ARRAY_SIZE(om->pend); i++)
		hlist_for_each_entry_safe(p, tmp, &om->pend[i], node)
			if (cancel_work_sync(&p->work))
				atomic_dec(&om->queued);
	spin_lock_bh(&om->lock);
	for (i = 0; i < ARRAY_SIZE(om->pend); i++) {
		hlist_for_each_entry_safe(p, tmp, &om->pend[i], node) {
			p->state = OMIPV6_OMI_P_FAILED;
			omipv6_omi_pend_free(om, p);
		}
	}
	omipv6_omi_prune(on, true, false);
	for (i = 0; i < ARRAY_SIZE(om->keys); i++) {
		struct omipv6_omi_keyrec *k;

		hlist_for_each_entry_safe(k, tmp, &om->keys[i], node)
			omipv6_omi_keyrec_free(om, k);
	}
	spin_unlock_bh(&om->lock);
	on->omi = NULL;
	kfree(om);
}

/**
 * omipv6_omi_init - the workqueue of every namespace's exchanges
 *
 * Context: module init.
 * Return: 0 or -ENOMEM.
 */
int __init omipv6_omi_init(void)
{
	omipv6_omi_wq = alloc_workqueue("omipv6_omi", WQ_UNBOUND, 0);
	return omipv6_omi_wq ? 0 : -ENOMEM;
}

/* Context: module exit, after every namespace's omipv6_omi_net_exit(). */
void omipv6_omi_exit(void)
{
	destroy_workqueue(omipv6_omi_wq);
}
