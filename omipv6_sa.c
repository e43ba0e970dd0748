// SPDX-License-Identifier: GPL-2.0
/*
 * Kabm security associations: see omipv6_sa.h for the contract.
 *
 * Lifetime of an SA: the table's reference (kref) is dropped when the
 * SA leaves the table (delete, flush, expiry, namespace exit), always
 * under sat->lock and after the SA was unlinked from both the
 * rhashtable and sat->list.  The last put queues omipv6_sa_free_rcu(),
 * so a reader that found the SA under rcu_read_lock() may use it, and
 * both of its key slots, until its read-side section ends.
 *
 * Lifetime of a key slot: a key is immutable once published.  It is
 * retired with call_rcu() when a rekey replaces an unpromoted next key
 * or a promotion replaces the current key, both under the SA's lock;
 * the keys still in their slots go with the SA.  Every key is freed
 * with kfree_sensitive(), which wipes it.
 *
 * Times are CLOCK_BOOTTIME seconds (ktime_get_boottime_seconds(), a
 * coarse clock cheap enough for the packet path).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <asm/unaligned.h>
#include <crypto/algapi.h>
#include <kunit/visibility.h>
#include <linux/atomic.h>
#include <linux/kref.h>
#include <linux/net.h>
#include <linux/rculist.h>
#include <linux/rhashtable.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/timekeeping.h>

#include "omipv6.h"
#include "omipv6_codec.h"
#include "omipv6_dh.h"
#include "omipv6_rfc.h"
#include "omipv6_sa.h"

#define OMIPV6_SA_GC_PERIOD	HZ
/* The whole option: Type, Length and OMIPV6_OPT_KABM_AUTH_LEN octets. */
#define OMIPV6_SA_OPT_SIZE	(2 + OMIPV6_OPT_KABM_AUTH_LEN)

/**
 * struct omipv6_sa_key - one key slot's content
 * @epoch: key epoch, never 0
 * @group: DH group of the exchange that made the key
 * @installed: when omipv6_sa_install() received it (32 bits of seconds
 *	last 136 years and keep the key within 128 octets)
 * @lifetime: seconds the SA lives from the moment this key becomes its
 *	current one (install of a new SA, or promotion), 0 for no limit
 * @kabm: the key; secret
 * @pre: @kabm folded into HMAC-SHA256 (omipv6_hmac_sha256_prekey()),
 *	which every ICV starts from; as secret
 * @rcu: retires the key
 *
 * 128 octets, one kmalloc-128 object.
 */
struct omipv6_sa_key {
	u32 epoch;
	u16 group;
	u32 installed;
	u32 lifetime;
	u8 kabm[OMIPV6_KABM_LEN];
	struct omipv6_hmac_sha256_pre pre;
	struct rcu_head rcu;
};

/**
 * struct omipv6_sa - one security association
 * @node: link in sat->ht
 * @id: the pair (key of sat->ht)
 * @list: link in sat->list
 * @cur: current key; never NULL while the SA is in the table
 * @next: next key, or NULL
 * @lock: protects @cur, @next, @last_seq, @have_seq and the counters
 *	(writers); bottom halves disabled
 * @ref: the table's reference
 * @created: when the SA was made
 * @expires: when it ends, 0 for never; written under sat->lock, read
 *	with READ_ONCE().  Set from the current key's lifetime when the SA
 *	is made and when a verified message promotes the next key; an
 *	unpromoted rekey leaves it alone
 * @verified: see struct omipv6_sa_info; 32 bits keep the SA within
 *	128 octets, and a counter that wraps harms nothing
 * @failed: see struct omipv6_sa_info
 * @replayed: see struct omipv6_sa_info
 * @last_seq: last sequence number accepted
 * @have_seq: @last_seq is valid
 * @side: enum omipv6_sa_side
 * @rcu: frees the SA
 */
struct omipv6_sa {
	struct rhash_head node;
	struct omipv6_sa_id id;
	struct list_head list;
	struct omipv6_sa_key __rcu *cur;
	struct omipv6_sa_key __rcu *next;
	spinlock_t lock;	/* see above */
	struct kref ref;
	time64_t created;
	time64_t expires;
	u32 verified;
	u32 failed;
	u32 replayed;
	u16 last_seq;
	bool have_seq;
	u8 side;
	struct rcu_head rcu;
};

static_assert(sizeof(struct omipv6_sa_key) <= 128);

static const struct rhashtable_params omipv6_sa_params = {
	.key_len		= sizeof(struct omipv6_sa_id),
	.key_offset		= offsetof(struct omipv6_sa, id),
	.head_offset		= offsetof(struct omipv6_sa, node),
	.automatic_shrinking	= true,
};

/* SAs and keys allocated and not yet freed; see omipv6_sa_objects(). */
static atomic_long_t omipv6_sa_nobjs = ATOMIC_LONG_INIT(0);

long omipv6_sa_objects(void)
{
	return atomic_long_read(&omipv6_sa_nobjs);
}
EXPORT_SYMBOL_IF_KUNIT(omipv6_sa_objects);

static time64_t omipv6_sa_now(void)
{
	return ktime_get_boottime_seconds();
}

static void omipv6_sa_key_free(struct omipv6_sa_key *key)
{
	if (!key)
		return;
	kfree_sensitive(key);
	atomic_long_dec(&omipv6_sa_nobjs);
}

static void omipv6_sa_key_free_rcu(struct rcu_head *head)
{
	omipv6_sa_key_free(container_of(head, struct omipv6_sa_key, rcu));
}

/* A key that left its slot; readers may still hold it. */
static void omipv6_sa_key_retire(struct omipv6_sa_key *key)
{
	if (key)
		call_rcu(&key->rcu, omipv6_sa_key_free_rcu);
}

static void omipv6_sa_free_rcu(struct rcu_head *head)
{
	struct omipv6_sa *sa = container_of(head, struct omipv6_sa, rcu);

	/* A grace period after the last put: nobody else sees the slots. */
	omipv6_sa_key_free(rcu_dereference_protected(sa->cur, true));
	omipv6_sa_key_free(rcu_dereference_protected(sa->next, true));
	kfree(sa);
	atomic_long_dec(&omipv6_sa_nobjs);
}

static void omipv6_sa_release(struct kref *ref)
{
	struct omipv6_sa *sa = container_of(ref, struct omipv6_sa, ref);

	call_rcu(&sa->rcu, omipv6_sa_free_rcu);
}

static bool omipv6_sa_expired(const struct omipv6_sa *sa, time64_t now)
{
	time64_t expires = READ_ONCE(sa->expires);

	return expires && now >= expires;
}

/* Caller holds rcu_read_lock(); an expired SA is not found. */
static struct omipv6_sa *omipv6_sa_find_rcu(struct omipv6_sa_table *sat,
					    const struct omipv6_sa_id *id,
					    time64_t now)
{
	struct omipv6_sa *sa;

	sa = rhashtable_lookup(&sat->ht, id, omipv6_sa_params);
	if (sa && omipv6_sa_expired(sa, now))
		return NULL;
	return sa;
}

/* Caller holds sat->lock; @sa is in the table.  Drops its reference. */
static void omipv6_sa_unlink(struct omipv6_sa_table *sat,
			     struct omipv6_sa *sa)
{
	rhashtable_remove_fast(&sat->ht, &sa->node, omipv6_sa_params);
	list_del_rcu(&sa->list);
	sat->count--;
	kref_put(&sa->ref, omipv6_sa_release);
}

/*
 * Offset of the Kabm authenticator option ending @mh, or 0 when @mh
 * does not end in one (the option never starts at 0).  A Mobility
 * Header is a whole number of 8-octet units and the option sits at 8n
 * after at least the first unit, so @len must be a multiple of 8 from
 * 32 to OMIPV6_MH_MAX_LEN, as omipv6_dh_kabm_icv() requires.
 */
static unsigned int omipv6_sa_opt_off(const u8 *mh, unsigned int len)
{
	const u8 *opt;

	if (len < OMIPV6_MH_UNIT + OMIPV6_SA_OPT_SIZE ||
	    len > OMIPV6_MH_MAX_LEN || len % OMIPV6_MH_UNIT)
		return 0;
	opt = mh + len - OMIPV6_SA_OPT_SIZE;
	if (opt[0] != OMIPV6_OPT_EXPERIMENTAL ||
	    opt[1] != OMIPV6_OPT_KABM_AUTH_LEN ||
	    opt[2] != OMIPV6_XOPT_KABM_AUTH)
		return 0;
	return len - OMIPV6_SA_OPT_SIZE;
}

static bool omipv6_sa_group_ok(u16 group)
{
	return group == OMIPV6_GROUP_FFDHE2048 || group == OMIPV6_GROUP_X25519;
}

/*
 * Caller holds sat->lock: set @sa's expiry and keep sat->next_expiry at
 * or before every SA's.
 */
static void omipv6_sa_set_expiry(struct omipv6_sa_table *sat,
				 struct omipv6_sa *sa, time64_t now,
				 u32 lifetime)
{
	time64_t expires = lifetime ? now + lifetime : 0;

	WRITE_ONCE(sa->expires, expires);
	if (expires && (!sat->next_expiry || expires < sat->next_expiry))
		sat->next_expiry = expires;
}

/*
 * Caller holds sat->lock; @sa is in the table.  Consumes @key on 0;
 * -ESTALE when @base is not the current key's epoch.
 */
static int omipv6_sa_rekey(struct omipv6_sa *sa, enum omipv6_sa_side side,
			   u32 base, struct omipv6_sa_key *key,
			   struct omipv6_sa_key **old)
{
	struct omipv6_sa_key *cur, *next;
	int err = 0;

	if (sa->side != side)
		return -EINVAL;
	spin_lock(&sa->lock);
	cur = rcu_dereference_protected(sa->cur, lockdep_is_held(&sa->lock));
	next = rcu_dereference_protected(sa->next, lockdep_is_held(&sa->lock));
	if (cur->epoch != base) {
		err = -ESTALE;
	} else if (key->epoch <= cur->epoch ||
		   (next && key->epoch < next->epoch)) {
		err = -EINVAL;
	} else {
		rcu_assign_pointer(sa->next, key);
		*old = next;
	}
	spin_unlock(&sa->lock);
	return err;
}

/**
 * omipv6_sa_install - make an SA or rekey it
 * @on: the namespace
 * @id: the pair
 * @side: our end
 * @group: DH group of the exchange that made @kabm
 * @base: the current epoch the exchange was authorized against, 0 for none
 * @epoch: @kabm's epoch
 * @kabm: the key
 * @lifetime: seconds, 0 for no limit
 *
 * See omipv6_sa.h.  An expired SA that the expiry work has not removed
 * yet is replaced as if absent.
 *
 * Context: process; allocates with GFP_KERNEL.
 * Return: 0, -EINVAL, -ESTALE, -ENOSPC, -ENOMEM or -ESHUTDOWN.
 */
int omipv6_sa_install(struct omipv6_net *on, const struct omipv6_sa_id *id,
		      enum omipv6_sa_side side, u16 group, u32 base, u32 epoch,
		      const u8 kabm[OMIPV6_KABM_LEN], u32 lifetime)
{
	struct omipv6_sa_table *sat = &on->sat;
	struct omipv6_sa_key *key, *old = NULL;
	time64_t now = omipv6_sa_now();
	struct omipv6_sa *sa, *nsa;
	int err;

	if (!epoch || !omipv6_sa_group_ok(group) ||
	    (side != OMIPV6_SA_SIDE_MN && side != OMIPV6_SA_SIDE_CN))
		return -EINVAL;

	key = kmalloc(sizeof(*key), GFP_KERNEL);
	if (!key)
		return -ENOMEM;
	atomic_long_inc(&omipv6_sa_nobjs);
	key->epoch = epoch;
	key->group = group;
	key->installed = (u32)now;
	key->lifetime = lifetime;
	memcpy(key->kabm, kabm, OMIPV6_KABM_LEN);
	omipv6_hmac_sha256_prekey(kabm, OMIPV6_KABM_LEN, &key->pre);
	/* Allocated before the lock; freed again when the SA exists. */
	nsa = kzalloc(sizeof(*nsa), GFP_KERNEL);

	spin_lock_bh(&sat->lock);
	if (sat->dying) {
		err = -ESHUTDOWN;
		goto out;
	}
	sa = rhashtable_lookup_fast(&sat->ht, id, omipv6_sa_params);
	if (sa && omipv6_sa_expired(sa, now)) {
		omipv6_sa_unlink(sat, sa);
		sa = NULL;
	}
	if (sa) {
		err = base ? omipv6_sa_rekey(sa, side, base, key, &old) :
			     -ESTALE;
		if (!err)
			key = NULL;
		goto out;
	}
	if (base) {
		err = -ESTALE;
		goto out;
	}
	if (!nsa) {
		err = -ENOMEM;
		goto out;
	}
	if (sat->count >= sat->max) {
		err = -ENOSPC;
		goto out;
	}
	nsa->id = *id;
	nsa->side = side;
	nsa->created = now;
	spin_lock_init(&nsa->lock);
	kref_init(&nsa->ref);
	RCU_INIT_POINTER(nsa->cur, key);
	omipv6_sa_set_expiry(sat, nsa, now, lifetime);
	err = rhashtable_lookup_insert_fast(&sat->ht, &nsa->node,
					    omipv6_sa_params);
	if (err) {
		/* -EEXIST cannot happen under sat->lock; anything else is memory. */
		err = -ENOMEM;
		goto out;
	}
	list_add_tail_rcu(&nsa->list, &sat->list);
	sat->count++;
	atomic_long_inc(&omipv6_sa_nobjs);
	nsa = NULL;
	key = NULL;
	queue_delayed_work(system_wq, &sat->gc, OMIPV6_SA_GC_PERIOD);
out:
	spin_unlock_bh(&sat->lock);
	omipv6_sa_key_retire(old);
	omipv6_sa_key_free(key);
	kfree(nsa);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(omipv6_sa_install);

/**
 * omipv6_sa_del - remove the SA for @id
 * @on: the namespace
 * @id: the pair
 *
 * Context: any but hard IRQ.
 * Return: 0, or -ENOENT when there is none (an expired SA is removed
 * and counts as none).
 */
int omipv6_sa_del(struct omipv6_net *on, const struct omipv6_sa_id *id)
{
	struct omipv6_sa_table *sat = &on->sat;
	struct omipv6_sa *sa;
	int err = -ENOENT;

	spin_lock_bh(&sat->lock);
	sa = rhashtable_lookup_fast(&sat->ht, id, omipv6_sa_params);
	if (sa) {
		if (!omipv6_sa_expired(sa, omipv6_sa_now()))
			err = 0;
		omipv6_sa_unlink(sat, sa);
	}
	spin_unlock_bh(&sat->lock);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(omipv6_sa_del);

/*
 * Remove the expired SAs (all of them with @all) and recompute
 * sat->next_expiry.  Caller holds sat->lock.
 */
static void omipv6_sa_prune_locked(struct omipv6_sa_table *sat, bool all,
				   time64_t now)
{
	struct omipv6_sa *sa, *tmp;
	time64_t next = 0, expires;

	list_for_each_entry_safe(sa, tmp, &sat->list, list) {
		expires = sa->expires;
		if (all || (expires && now >= expires)) {
			omipv6_sa_unlink(sat, sa);
			continue;
		}
		if (expires && (!next || expires < next))
			next = expires;
	}
	sat->next_expiry = next;
}

/**
 * omipv6_sa_flush - remove every SA
 * @on: the namespace
 *
 * Context: any but hard IRQ.
 */
void omipv6_sa_flush(struct omipv6_net *on)
{
	struct omipv6_sa_table *sat = &on->sat;

	spin_lock_bh(&sat->lock);
	omipv6_sa_prune_locked(sat, true, 0);
	spin_unlock_bh(&sat->lock);
}
EXPORT_SYMBOL_IF_KUNIT(omipv6_sa_flush);

/*
 * Expiry: walks the list only when sat->next_expiry says an SA is due,
 * so an idle second costs a lock and a comparison.
 */
static void omipv6_sa_gc(struct work_struct *work)
{
	struct omipv6_sa_table *sat = container_of(to_delayed_work(work),
						   struct omipv6_sa_table, gc);
	time64_t now = omipv6_sa_now();

	spin_lock_bh(&sat->lock);
	if (sat->next_expiry && now >= sat->next_expiry)
		omipv6_sa_prune_locked(sat, false, now);
	if (sat->count && !sat->dying)
		queue_delayed_work(system_wq, &sat->gc, OMIPV6_SA_GC_PERIOD);
	spin_unlock_bh(&sat->lock);
}

/**
 * omipv6_sa_exists - whether an SA for @id exists
 * @on: the namespace
 * @id: the pair
 *
 * Context: any but hard IRQ.
 */
bool omipv6_sa_exists(struct omipv6_net *on, const struct omipv6_sa_id *id)
{
	bool found;

	rcu_read_lock();
	found = omipv6_sa_find_rcu(&on->sat, id, omipv6_sa_now());
	rcu_read_unlock();
	return found;
}
EXPORT_SYMBOL_IF_KUNIT(omipv6_sa_exists);

/* Caller holds rcu_read_lock(); @sa was found unexpired at @now. */
static void omipv6_sa_copy(struct omipv6_sa *sa, struct omipv6_sa_info *out,
			   time64_t now)
{
	const struct omipv6_sa_key *cur, *next;
	time64_t expires = READ_ONCE(sa->expires);

	spin_lock_bh(&sa->lock);
	cur = rcu_dereference_protected(sa->cur, lockdep_is_held(&sa->lock));
	next = rcu_dereference_protected(sa->next, lockdep_is_held(&sa->lock));
	out->id = sa->id;
	out->side = sa->side;
	out->group = cur->group;
	out->epoch = cur->epoch;
	out->next_epoch = next ? next->epoch : 0;
	out->last_seq = sa->last_seq;
	out->have_seq = sa->have_seq;
	out->age = now > sa->created ? now - sa->created : 0;
	out->rekeyed = (u32)now > cur->installed ?
		       (u32)now - cur->installed : 0;
	out->lifetime = expires > now ? expires - now : 0;
	out->verified = sa->verified;
	out->failed = sa->failed;
	out->replayed = sa->replayed;
	spin_unlock_bh(&sa->lock);
}

/**
 * omipv6_sa_get_info - copy out an SA's public state
 * @on: the namespace
 * @id: the pair
 * @out: receives the state
 *
 * Context: any but hard IRQ.
 * Return: 0 or -ENOENT.
 */
int omipv6_sa_get_info(struct omipv6_net *on, const struct omipv6_sa_id *id,
		       struct omipv6_sa_info *out)
{
	time64_t now = omipv6_sa_now();
	struct omipv6_sa *sa;
	int err = -ENOENT;

	rcu_read_lock();
	sa = omipv6_sa_find_rcu(&on->sat, id, now);
	if (sa) {
		omipv6_sa_copy(sa, out, now);
		err = 0;
	}
	rcu_read_unlock();
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(omipv6_sa_get_info);

/**
 * omipv6_sa_count - SAs in the table, expired ones not yet removed
 *	included
 * @on: the namespace
 */
unsigned int omipv6_sa_count(struct omipv6_net *on)
{
	return READ_ONCE(on->sat.count);
}
EXPORT_SYMBOL_IF_KUNIT(omipv6_sa_count);

/**
 * omipv6_sa_sign_epoch - fill the Kabm authenticator option ending @mh
 * @on: the namespace
 * @id: the pair
 * @epoch: the key slot to sign with; 0 for the newest
 * @coa: the mobile node's care-of address
 * @mh: the message, option Type, Length and subtype in place
 * @len: its length
 *
 * Context: any but hard IRQ.
 * Return: 0, -EINVAL, -ENOENT (no SA, or no slot of @epoch), or the ICV
 * computation's error.
 */
int omipv6_sa_sign_epoch(struct omipv6_net *on, const struct omipv6_sa_id *id,
			 u32 epoch, const struct in6_addr *coa, u8 *mh,
			 unsigned int len)
{
	unsigned int off = omipv6_sa_opt_off(mh, len);
	u8 icv[OMIPV6_KABM_ICV_LEN];
	struct omipv6_sa_key *key, *next;
	struct omipv6_sa *sa;
	int err = -ENOENT;

	if (!off)
		return -EINVAL;
	rcu_read_lock();
	sa = omipv6_sa_find_rcu(&on->sat, id, omipv6_sa_now());
	if (!sa)
		goto out;
	key = rcu_dereference(sa->cur);
	next = rcu_dereference(sa->next);
	if (next && (!epoch || next->epoch == epoch))
		key = next;
	else if (epoch && key->epoch != epoch)
		goto out;
	put_unaligned_be32(key->epoch, mh + off + OMIPV6_KABM_OFF_EPOCH);
	err = omipv6_dh_kabm_icv_pre(&key->pre, coa, &id->cn, mh, len, icv);
	if (err)
		memset(icv, 0, sizeof(icv));
	memcpy(mh + off + OMIPV6_KABM_OFF_ICV, icv, sizeof(icv));
out:
	rcu_read_unlock();
	memzero_explicit(icv, sizeof(icv));
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(omipv6_sa_sign_epoch);

/**
 * omipv6_sa_sign - omipv6_sa_sign_epoch() with the newest key
 * @on: the namespace
 * @id: the pair
 * @coa: the mobile node's care-of address
 * @mh: the message
 * @len: its length
 */
int omipv6_sa_sign(struct omipv6_net *on, const struct omipv6_sa_id *id,
		   const struct in6_addr *coa, u8 *mh, unsigned int len)
{
	return omipv6_sa_sign_epoch(on, id, 0, coa, mh, len);
}
EXPORT_SYMBOL_IF_KUNIT(omipv6_sa_sign);

/*
 * Second half of omipv6_sa_check() for a message whose ICV verified
 * under @key: caller holds @sa->lock and rcu_read_lock().  *@promoted
 * tells whether @key became the current key.
 */
static enum omipv6_sa_verdict omipv6_sa_accept(struct omipv6_sa *sa,
					       struct omipv6_sa_key *key,
					       u16 seq, bool check_seq,
					       bool *promoted)
{
	struct omipv6_sa_key *cur, *next;

	cur = rcu_dereference_protected(sa->cur, lockdep_is_held(&sa->lock));
	next = rcu_dereference_protected(sa->next, lockdep_is_held(&sa->lock));
	/* Replaced or retired while the ICV was computed. */
	if (key != cur && key != next)
		return OMIPV6_SA_BAD_EPOCH;
	if (check_seq) {
		if (sa->have_seq && !omipv6_seq_newer(seq, sa->last_seq))
			return OMIPV6_SA_REPLAY;
		sa->last_seq = seq;
		sa->have_seq = true;
	}
	if (key == next) {
		rcu_assign_pointer(sa->cur, next);
		RCU_INIT_POINTER(sa->next, NULL);
		omipv6_sa_key_retire(cur);
		*promoted = true;
	}
	return OMIPV6_SA_OK;
}

/*
 * The peer proved it holds @sa's new current key @key: the SA's
 * lifetime starts again, from @key's.  Taken after @sa->lock is
 * dropped (sat->lock nests outside it), so the expiry is written under
 * sat->lock and sat->next_expiry stays at or before it.  Two promotions
 * in a row may renew in either order, so the SA may keep the older
 * key's lifetime; the two differ only if the rekey lifetime changed
 * between them.  An SA removed
 * meanwhile gets an expiry nobody reads, and at most an early gc pass.
 * Context: any but hard IRQ, under rcu_read_lock().
 */
static void omipv6_sa_renew(struct omipv6_sa_table *sat, struct omipv6_sa *sa,
			    const struct omipv6_sa_key *key)
{
	spin_lock_bh(&sat->lock);
	omipv6_sa_set_expiry(sat, sa, omipv6_sa_now(), key->lifetime);
	spin_unlock_bh(&sat->lock);
}

/**
 * omipv6_sa_lookup_rcu - the SA for @id
 * @on: the namespace
 * @id: the pair
 *
 * Context: any but hard IRQ, under rcu_read_lock(); the SA may be used
 * with omipv6_sa_check() until the caller's read-side section ends.
 * Return: the SA, or NULL when there is none or it has expired.
 */
struct omipv6_sa *omipv6_sa_lookup_rcu(struct omipv6_net *on,
				       const struct omipv6_sa_id *id)
{
	return omipv6_sa_find_rcu(&on->sat, id, omipv6_sa_now());
}
EXPORT_SYMBOL_IF_KUNIT(omipv6_sa_lookup_rcu);

/**
 * omipv6_sa_check - check a message's Kabm authenticator option
 * @on: the namespace of @sa
 * @sa: from omipv6_sa_lookup_rcu(), in the same read-side section
 * @coa: the mobile node's care-of address
 * @mh: the message, ending in the option
 * @len: its length
 * @seq: its sequence number
 * @check_seq: check @seq against the last accepted one and record it
 *
 * See omipv6_sa.h.
 *
 * Context: any but hard IRQ, under rcu_read_lock(); neither allocates
 * nor sleeps.
 * Return: the verdict, never OMIPV6_SA_NONE.
 */
enum omipv6_sa_verdict omipv6_sa_check(struct omipv6_net *on,
				       struct omipv6_sa *sa,
				       const struct in6_addr *coa,
				       const u8 *mh, unsigned int len,
				       u16 seq, bool check_seq)
{
	unsigned int off = omipv6_sa_opt_off(mh, len);
	struct omipv6_sa_key *cur, *next, *key;
	u8 icv[OMIPV6_KABM_ICV_LEN];
	enum omipv6_sa_verdict v;
	bool promoted = false;
	u32 epoch;

	if (!off)
		return OMIPV6_SA_MALFORMED;
	epoch = get_unaligned_be32(mh + off + OMIPV6_KABM_OFF_EPOCH);
	cur = rcu_dereference(sa->cur);
	next = rcu_dereference(sa->next);
	if (cur->epoch == epoch)
		key = cur;
	else if (next && next->epoch == epoch)
		key = next;
	else
		key = NULL;

	/* @off says @len is one omipv6_dh_kabm_icv_pre() takes. */
	if (!key)
		v = OMIPV6_SA_BAD_EPOCH;
	else if (omipv6_dh_kabm_icv_pre(&key->pre, coa, &sa->id.cn, mh, len,
					icv) ||
		 crypto_memneq(icv, mh + off + OMIPV6_KABM_OFF_ICV,
			       sizeof(icv)))
		v = OMIPV6_SA_BAD_ICV;
	else
		v = OMIPV6_SA_OK;

	spin_lock_bh(&sa->lock);
	if (v == OMIPV6_SA_OK)
		v = omipv6_sa_accept(sa, key, seq, check_seq, &promoted);
	if (v == OMIPV6_SA_OK)
		sa->verified++;
	else if (v == OMIPV6_SA_REPLAY)
		sa->replayed++;
	else
		sa->failed++;
	spin_unlock_bh(&sa->lock);
	if (promoted)
		omipv6_sa_renew(&on->sat, sa, key);
	memzero_explicit(icv, sizeof(icv));
	return v;
}
EXPORT_SYMBOL_IF_KUNIT(omipv6_sa_check);

/**
 * omipv6_sa_verify - omipv6_sa_check() on the SA for @id
 * @on: the namespace
 * @id: the pair
 * @coa: the mobile node's care-of address
 * @mh: the message, ending in the option
 * @len: its length
 * @seq: its sequence number
 * @check_seq: check @seq against the last accepted one and record it
 *
 * See omipv6_sa.h.
 *
 * Context: any but hard IRQ; neither allocates nor sleeps.
 * Return: the verdict.
 */
enum omipv6_sa_verdict omipv6_sa_verify(struct omipv6_net *on,
					const struct omipv6_sa_id *id,
					const struct in6_addr *coa,
					const u8 *mh, unsigned int len,
					u16 seq, bool check_seq)
{
	enum omipv6_sa_verdict v = OMIPV6_SA_NONE;
	struct omipv6_sa *sa;

	if (!omipv6_sa_opt_off(mh, len))
		return OMIPV6_SA_MALFORMED;
	rcu_read_lock();
	sa = omipv6_sa_lookup_rcu(on, id);
	if (sa)
		v = omipv6_sa_check(on, sa, coa, mh, len, seq, check_seq);
	rcu_read_unlock();
	return v;
}
EXPORT_SYMBOL_IF_KUNIT(omipv6_sa_verify);

static const char *omipv6_sa_group_name(u16 group)
{
	return group == OMIPV6_GROUP_X25519 ? "x25519" : "ffdhe2048";
}

/**
 * omipv6_sa_seq_show - one /proc line per SA
 * @seq: the file
 * @on: the namespace
 *
 * "sa hoa=ADDR cn=ADDR side=mn|cn state=active|rekeying
 * group=ffdhe2048|x25519 epoch=N next_epoch=N age=S rekeyed=S
 * lifetime=S last_seq=N|- verified=N failed=N replayed=N"; see struct
 * omipv6_sa_info for the fields; "rekeying" while a next key waits for
 * its first verified message.
 * Expired SAs not removed yet are left out.
 *
 * Context: process.
 */
void omipv6_sa_seq_show(struct seq_file *seq, struct omipv6_net *on)
{
	time64_t now = omipv6_sa_now();
	struct omipv6_sa_info si;
	struct omipv6_sa *sa;
	char last[8];

	rcu_read_lock();
	list_for_each_entry_rcu(sa, &on->sat.list, list) {
		if (omipv6_sa_expired(sa, now))
			continue;
		omipv6_sa_copy(sa, &si, now);
		if (si.have_seq)
			snprintf(last, sizeof(last), "%u", si.last_seq);
		else
			strscpy(last, "-", sizeof(last));
		seq_printf(seq,
			   "sa hoa=%pI6c cn=%pI6c side=%s state=%s group=%s epoch=%u next_epoch=%u age=%llu rekeyed=%llu lifetime=%u last_seq=%s verified=%llu failed=%llu replayed=%llu\n",
			   &si.id.hoa, &si.id.cn,
			   si.side == OMIPV6_SA_SIDE_MN ? "mn" : "cn",
			   si.next_epoch ? "rekeying" : "active",
			   omipv6_sa_group_name(si.group), si.epoch,
			   si.next_epoch, si.age, si.rekeyed, si.lifetime,
			   last, si.verified, si.failed, si.replayed);
	}
	rcu_read_unlock();
}
EXPORT_SYMBOL_IF_KUNIT(omipv6_sa_seq_show);

/**
 * omipv6_sa_net_init - an empty SA table
 * @on: the namespace, zeroed
 *
 * Context: process.
 * Return: 0 or -ENOMEM (nothing is left allocated then).
 */
int omipv6_sa_net_init(struct omipv6_net *on)
{
	struct omipv6_sa_table *sat = &on->sat;

	spin_lock_init(&sat->lock);
	INIT_LIST_HEAD(&sat->list);
	INIT_DELAYED_WORK(&sat->gc, omipv6_sa_gc);
	sat->count = 0;
	sat->max = OMIPV6_SA_MAX;
	sat->next_expiry = 0;
	sat->dying = false;
	return rhashtable_init(&sat->ht, &omipv6_sa_params);
}
EXPORT_SYMBOL_IF_KUNIT(omipv6_sa_net_init);

/**
 * omipv6_sa_net_exit - stop expiry and remove every SA
 * @on: the namespace; no packet handler or other reader can reach its
 *	table any more
 *
 * The SAs and their keys are freed by RCU callbacks that touch neither
 * @on nor the table, so nothing here waits for them; module exit's
 * rcu_barrier() does before the module's text goes away.  The
 * rhashtable's bucket arrays are freed at once, hence the requirement
 * on readers.
 *
 * Context: process; sleeps.
 */
void omipv6_sa_net_exit(struct omipv6_net *on)
{
	struct omipv6_sa_table *sat = &on->sat;

	spin_lock_bh(&sat->lock);
	sat->dying = true;
	spin_unlock_bh(&sat->lock);
	cancel_delayed_work_sync(&sat->gc);
	omipv6_sa_flush(on);
	rhashtable_destroy(&sat->ht);
}
EXPORT_SYMBOL_IF_KUNIT(omipv6_sa_net_exit);
