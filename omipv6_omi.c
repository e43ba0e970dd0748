// SPDX-License-Identifier: GPL-2.0
/*
 * The OMIPv6 exchange (see omipv6_omi.h): the DH1..DH4 messages of
 * doc/wire-format.md, the correspondent node's responder and the
 * mobile node's initiator steps.
 *
 * Correspondent node locking: om->lock (spin_lock_bh) protects both
 * hash tables, every pending exchange's state and the fields the
 * softirq handler reads.  A pending exchange in a *_WORK state belongs
 * to its work item, which fills in the Diffie-Hellman values without
 * the lock and takes it to publish the new state and send; the handler
 * only matches such an entry and leaves it alone.  Entries are freed
 * (wiped first) under om->lock by the expiry work, by
 * omipv6_omi_cn_flush() and by omipv6_omi_net_exit(), never while
 * their work item is queued or running.  Lock order: om->lock, then
 * the SA table's lock; the binding cache's lock is never taken with
 * om->lock held.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <crypto/algapi.h>
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
#include "omipv6_cn.h"
#include "omipv6_codec.h"
#include "omipv6_dh.h"
#include "omipv6_omi.h"
#include "omipv6_sa.h"
#include "omipv6_tx.h"

#define OMIPV6_OMI_GC_PERIOD	HZ
/* Key records of pairs without an SA are dropped every this many runs. */
#define OMIPV6_OMI_KEYS_GC_RUNS	10

/* Runs every work item of every namespace; made at module init. */
static struct workqueue_struct *omipv6_omi_wq;

static unsigned int omipv6_omi_pad8(unsigned int n)
{
	return (n + OMIPV6_MH_UNIT - 1) & ~(OMIPV6_MH_UNIT - 1);
}

/* A session id: random and not zero, as on the wire. */
static __be32 omipv6_omi_sid(void)
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
static int omipv6_omi_build(u8 *buf, unsigned int size, u8 subtype,
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
static bool omipv6_omi_sig_ok(const u8 key[OMIPV6_KBM_LEN],
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

static bool omipv6_omi_mac_ok(const u8 km[OMIPV6_KM_LEN], const u8 *m,
			      unsigned int mac_off)
{
	u8 mac[OMIPV6_OMI_MAC_LEN];
	bool ok;

	ok = !omipv6_dh_mac(km, m, mac_off, mac) &&
	     !crypto_memneq(mac, m + mac_off, sizeof(mac));
	memzero_explicit(mac, sizeof(mac));
	return ok;
}

/* ---- correspondent node ------------------------------------------- */

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
 * @rekey: an SA existed: the SIG key is the current Kabm
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
	bool rekey;
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
 * DH4_WORK: install the SA (a new one at epoch 1, else the next epoch
 * of the existing one), keep the key for the next rekey, make the DH4.
 */
static int omipv6_omi_make_dh4(struct omipv6_omi_pend *p)
{
	struct omipv6_sa_id id = { .hoa = p->hoa, .cn = p->cn };
	struct omipv6_omi_keyrec *k, *nk;
	struct omipv6_net *on = p->on;
	struct omipv6_omi *om = &on->omi;
	struct omipv6_sa_info info;
	u32 epoch = 1, lifetime;
	bool rekey;
	int len, err;

	rekey = !omipv6_sa_get_info(on, &id, &info);
	if (rekey)
		epoch = info.epoch + 1;
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
	err = omipv6_sa_install(on, &id, OMIPV6_SA_SIDE_CN, p->group, epoch,
				p->kabm, lifetime);
	if (err) {
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

	omipv6_count_event(on, rekey ? OMIPV6_EV_OMI_REKEY :
			   OMIPV6_EV_OMI_SA_UP);
	p->msg_len = len;
	return 0;
}

static void omipv6_omi_work(struct work_struct *work)
{
	struct omipv6_omi_pend *p = container_of(work, struct omipv6_omi_pend,
						 work);
	struct omipv6_net *on = p->on;
	struct omipv6_omi *om = &on->omi;
	enum omipv6_drop reason = OMIPV6_DROP_INTERNAL;
	bool dh2 = READ_ONCE(p->state) == OMIPV6_OMI_P_DH2_WORK;
	int err;

	if (READ_ONCE(on->dying))
		err = -ESHUTDOWN;
	else if (dh2)
		err = omipv6_omi_make_dh2(p, &reason);
	else
		err = omipv6_omi_make_dh4(p);
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
 * @key filled (the caller wipes it) and *@rekey set, or -ENOENT.
 */
static int omipv6_omi_dh1_key(struct omipv6_rx *rx,
			      u8 key[OMIPV6_KBM_LEN], bool *rekey)
{
	struct omipv6_sa_id id = { .hoa = rx->src, .cn = rx->dst };
	struct omipv6_net *on = rx->on;
	struct omipv6_omi *om = &on->omi;
	struct omipv6_omi_keyrec *k;
	struct omipv6_sa_info info;
	bool found = false;

	*rekey = !omipv6_sa_get_info(on, &id, &info);
	if (!*rekey)
		return omipv6_bc_kbm(on, &rx->src, &rx->dst, &rx->wire_src,
				     key);
	if (omipv6_bc_kbm(on, &rx->src, &rx->dst, &rx->wire_src, NULL))
		return -ENOENT;
	spin_lock_bh(&om->lock);
	k = omipv6_omi_keyrec_find(om, &rx->src, &rx->dst);
	if (k)
		found = omipv6_omi_keys_sigkey(&k->keys, info.epoch, key);
	spin_unlock_bh(&om->lock);
	return found ? 0 : -ENOENT;
}

static void omipv6_omi_cn_dh1(struct omipv6_rx *rx)
{
	const struct omipv6_msg *msg = rx->msg;
	struct omipv6_net *on = rx->on;
	struct omipv6_omi *om = &on->omi;
	u16 group = omipv6_get16(msg, OMIPV6_OMI_OFF_GROUP);
	u16 groups = omipv6_get16(msg, OMIPV6_OMI_OFF_GROUPS);
	const u8 *gx = omipv6_field(msg, OMIPV6_OMI_OFF_PUB);
	const u8 *n_mn = omipv6_field(msg, OMIPV6_OMI_OFF_NONCE);
	enum omipv6_drop reason = OMIPV6_DROP_OMI_UNEXPECTED;
	struct omipv6_omi_pend *p, *np = NULL;
	u8 key[OMIPV6_KBM_LEN];
	__be32 sid_mn, sid_cn;
	bool rekey;

	if (omipv6_ratelimit_allow(&on->dh_rl, &rx->wire_src,
				   ktime_get_coarse_boottime_ns()) !=
	    OMIPV6_RL_PASS) {
		omipv6_count_drop(on, OMIPV6_DROP_OMI_RATELIMIT);
		return;
	}
	memcpy(&sid_mn, omipv6_field(msg, OMIPV6_OMI_OFF_SID_MN),
	       sizeof(sid_mn));
	memcpy(&sid_cn, omipv6_field(msg, OMIPV6_OMI_OFF_SID_CN),
	       sizeof(sid_cn));
	if (!rx->hao || !sid_mn || sid_cn || group >= 16 ||
	    !(groups & BIT(group)) || !omipv6_dh_pub_len(group))
		goto drop;
	if (omipv6_omi_dh1_key(rx, key, &rekey))
		goto drop;
	if (!omipv6_omi_sig_ok(key, &rx->wire_src, &rx->dst, NULL, NULL, 0,
			       msg->mh, omipv6_omi_sig_off(msg))) {
		reason = OMIPV6_DROP_OMI_SIG;
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
	if (om->npend >= OMIPV6_OMI_PENDING_MAX || om->dying)
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
	np->rekey = rekey;
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
	struct omipv6_omi *om = &on->omi;
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
 * status 2, as a node without OMIPv6 would.  See omipv6_omi.h for the
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
	struct omipv6_omi *om = &on->omi;
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
	struct omipv6_net *on = container_of(om, struct omipv6_net, omi);

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
	struct omipv6_omi *om = &on->omi;
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
	struct omipv6_omi *om = &on->omi;
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
 * Return: 0.
 */
int omipv6_omi_net_init(struct omipv6_net *on)
{
	struct omipv6_omi *om = &on->omi;
	unsigned int i;

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
 * Waits for every work item of the namespace.  Must run before the SA
 * table goes (the work installs SAs).
 *
 * Context: process; sleeps.
 */
void omipv6_omi_net_exit(struct omipv6_net *on)
{
	struct omipv6_omi *om = &on->omi;
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
}

/* ---- mobile node -------------------------------------------------- */

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
