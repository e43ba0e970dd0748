// SPDX-License-Identifier: GPL-2.0
/*
 * Correspondent node binding cache: see omipv6_bc.h for the locking
 * and lifetime rules.
 *
 * Expiry times are in jiffies.  A binding's lifetime never exceeds
 * OMIPV6_MAX_RR_BINDING_LIFETIME, so the jiffies arithmetic never
 * wraps around within one lifetime.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <kunit/visibility.h>
#include <linux/jiffies.h>
#include <linux/rculist.h>
#include <linux/rhashtable.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <net/ipv6.h>

#include "omipv6.h"
#include "omipv6_bc.h"
#include "omipv6_codec.h"
#include "omipv6_rfc.h"

#define OMIPV6_BC_GC_PERIOD	HZ

/* The hash key of a binding: its two addresses, adjacent. */
struct omipv6_bc_key {
	struct in6_addr hoa;
	struct in6_addr cn;
};

/**
 * struct omipv6_binding - one binding cache entry
 * @node: link in bc->ht
 * @list: link in bc->list
 * @key: home and correspondent address
 * @coa: care-of address
 * @expires: jiffies when the binding ends
 * @updated: CLOCK_REALTIME nanoseconds when the last BU was accepted
 * @seq: last accepted sequence number
 * @flags: flags of the last accepted BU
 * @nonces_until: jiffies when the nonces of every BU authorized by return
 *	routability that this binding (or the tombstone it replaced)
 *	accepted are surely expired; until then the sequence number
 *	outlives the binding
 * @have_kbm: @kbm holds the Kbm of the last accepted BU
 * @dead: a tombstone: the binding was deregistered, expired or flushed
 *	and only @seq is kept, until @nonces_until; @expires is in the past.
 *	Set once, under bc->lock; a tombstone never becomes a binding again
 *	(a newer BU replaces it with a new entry), so a reader never sees
 *	a binding come back with stale fields
 * @kbm: that BU's Kbm (secret; read and written only under bc->lock)
 * @rcu: frees the entry
 *
 * Fields other than @key change only under bc->lock; readers copy them
 * with READ_ONCE() where a torn value would matter (@expires, @dead)
 * and accept a CoA and sequence number that belong together only as far
 * as a copy under RCU can promise.  Allocated from omipv6_bc_cache,
 * which fits the entry in 144 octets where kmalloc would round it to
 * 192.
 */
struct omipv6_binding {
	struct rhash_head node;
	struct list_head list;
	struct omipv6_bc_key key;
	struct in6_addr coa;
	unsigned long expires;
	unsigned long nonces_until;
	u64 updated;
	u16 seq;
	u16 flags;
	bool have_kbm;
	bool dead;
	u8 kbm[OMIPV6_KBM_LEN];
	struct rcu_head rcu;
};

static const struct rhashtable_params omipv6_bc_params = {
	.key_len		= sizeof(struct omipv6_bc_key),
	.key_offset		= offsetof(struct omipv6_binding, key),
	.head_offset		= offsetof(struct omipv6_binding, node),
	.automatic_shrinking	= true,
};

static struct kmem_cache *omipv6_bc_cache;

/*
 * Caller holds rcu_read_lock() or bc->lock (then the entry stays valid
 * until the lock is dropped).
 */
static struct omipv6_binding *omipv6_bc_find(struct omipv6_bc *bc,
					     const struct in6_addr *hoa,
					     const struct in6_addr *cn)
{
	struct omipv6_bc_key key = { .hoa = *hoa, .cn = *cn };

	return rhashtable_lookup_fast(&bc->ht, &key, omipv6_bc_params);
}

static unsigned int omipv6_bc_left(const struct omipv6_binding *b,
				   unsigned long now)
{
	unsigned long expires = READ_ONCE(b->expires);

	if (time_after_eq(now, expires))
		return 0;
	return DIV_ROUND_UP(expires - now, HZ);
}

static void omipv6_bc_copy(const struct omipv6_binding *b,
			   struct omipv6_bc_info *out, unsigned long now)
{
	out->hoa = b->key.hoa;
	out->cn = b->key.cn;
	out->coa = b->coa;
	out->seq = READ_ONCE(b->seq);
	out->flags = READ_ONCE(b->flags);
	out->updated = READ_ONCE(b->updated);
	out->lifetime = omipv6_bc_left(b, now);
}

/**
 * omipv6_bc_lookup - copy out the binding for (@hoa, @cn)
 * @on: the namespace
 * @hoa: home address
 * @cn: correspondent address
 * @out: receives the binding, lifetime as seconds left
 *
 * A binding whose lifetime has run out but that the expiry work has not
 * ended yet is not found, nor is a tombstone.
 *
 * Context: any but hard IRQ.
 * Return: 0, or -ENOENT.
 */
int omipv6_bc_lookup(struct omipv6_net *on, const struct in6_addr *hoa,
		     const struct in6_addr *cn, struct omipv6_bc_info *out)
{
	unsigned long now = jiffies;
	struct omipv6_binding *b;
	int err = -ENOENT;

	rcu_read_lock();
	b = omipv6_bc_find(&on->bc, hoa, cn);
	if (b && !READ_ONCE(b->dead) &&
	    time_before(now, READ_ONCE(b->expires))) {
		omipv6_bc_copy(b, out, now);
		err = 0;
	}
	rcu_read_unlock();
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(omipv6_bc_lookup);

static void omipv6_bc_free_rcu(struct rcu_head *head)
{
	struct omipv6_binding *b = container_of(head, struct omipv6_binding,
						rcu);

	memzero_explicit(b, sizeof(*b));
	kmem_cache_free(omipv6_bc_cache, b);
}

/* Caller holds bc->lock; @b is in the table.  Wiped and freed after RCU. */
static void omipv6_bc_unlink(struct omipv6_bc *bc, struct omipv6_binding *b)
{
	rhashtable_remove_fast(&bc->ht, &b->node, omipv6_bc_params);
	list_del_rcu(&b->list);
	bc->count--;
	if (!b->dead)
		WRITE_ONCE(bc->live, bc->live - 1);
	call_rcu(&b->rcu, omipv6_bc_free_rcu);
}

/*
 * Caller holds bc->lock: keep @kbm in @b, or none when NULL.  A Kbm
 * means a BU authorized by return routability arrived @now.  Its nonces
 * verify for MAX_NONCE_LIFETIME whole seconds after they were made
 * (omipv6_nonce_ring_lookup()), at most one second more than that after
 * @now.  Without one, a deadline already past moves up to @now, so it
 * never falls so far behind that jiffies comparisons wrap.
 */
static void omipv6_bc_set_kbm(struct omipv6_binding *b, const u8 *kbm,
			      unsigned long now)
{
	b->have_kbm = !!kbm;
	if (kbm) {
		memcpy(b->kbm, kbm, OMIPV6_KBM_LEN);
		b->nonces_until = now + (OMIPV6_MAX_NONCE_LIFETIME + 1) * HZ;
	} else {
		memzero_explicit(b->kbm, sizeof(b->kbm));
		if (!time_before(now, b->nonces_until))
			b->nonces_until = now;
	}
}

/*
 * Caller holds bc->lock; @b is a live binding that ends now.  While a
 * BU that made it could still be replayed (RFC 6275 §5.2.8) it stays as
 * a tombstone holding the sequence number; otherwise it goes.
 */
static void omipv6_bc_bury(struct omipv6_bc *bc, struct omipv6_binding *b,
			   unsigned long now)
{
	if (!time_before(now, b->nonces_until)) {
		omipv6_bc_unlink(bc, b);
		return;
	}
	WRITE_ONCE(b->dead, true);
	if (time_before(now, b->expires))
		WRITE_ONCE(b->expires, now);
	WRITE_ONCE(b->flags, 0);
	omipv6_bc_set_kbm(b, NULL, now);
	WRITE_ONCE(bc->live, bc->live - 1);
}

/*
 * Caller holds bc->lock: whether @b's sequence number still rules out
 * older BUs: a live binding within its lifetime, or an ended one (a
 * tombstone, or a binding past its lifetime that the expiry work has
 * not ended yet) while a BU under its nonces could be replayed.
 */
static bool omipv6_bc_seq_holds(const struct omipv6_binding *b,
				unsigned long now)
{
	return (!b->dead && time_before(now, b->expires)) ||
	       time_before(now, b->nonces_until);
}

/*
 * Caller holds bc->lock: the entry for (@hoa, @cn), a tombstone past its
 * time dropped first, or NULL.  A live binding past its lifetime is
 * returned as it is: only the expiry work turns it into a tombstone,
 * counting bind_expire and telling the owner.
 */
static struct omipv6_binding *omipv6_bc_settle(struct omipv6_bc *bc,
					       const struct in6_addr *hoa,
					       const struct in6_addr *cn,
					       unsigned long now)
{
	struct omipv6_binding *b = omipv6_bc_find(bc, hoa, cn);

	if (b && b->dead && !time_before(now, b->nonces_until)) {
		omipv6_bc_unlink(bc, b);
		return NULL;
	}
	return b;
}

/**
 * omipv6_bc_kbm - the Kbm of the binding for (@hoa, @cn) at @coa
 * @on: the namespace
 * @hoa: home address
 * @cn: correspondent address
 * @coa: the binding's care-of address must be this one
 * @kbm: receives the Kbm of the BU that made or last updated the
 *	binding (OMIPV6_KBM_LEN octets; the caller wipes it), or NULL to
 *	check only that the binding exists
 *
 * Context: any but hard IRQ.
 * Return: 0, or -ENOENT when there is no such live binding or, with
 * @kbm, its last BU was not authorized by return routability.
 */
int omipv6_bc_kbm(struct omipv6_net *on, const struct in6_addr *hoa,
		  const struct in6_addr *cn, const struct in6_addr *coa,
		  u8 *kbm)
{
	struct omipv6_bc *bc = &on->bc;
	struct omipv6_binding *b;
	int err = -ENOENT;

	spin_lock_bh(&bc->lock);
	b = omipv6_bc_find(bc, hoa, cn);
	if (b && !b->dead && time_before(jiffies, b->expires) &&
	    ipv6_addr_equal(&b->coa, coa) && (!kbm || b->have_kbm)) {
		if (kbm)
			memcpy(kbm, b->kbm, OMIPV6_KBM_LEN);
		err = 0;
	}
	spin_unlock_bh(&bc->lock);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(omipv6_bc_kbm);

/**
 * omipv6_bc_commit - add or refresh a binding if its BU is newer
 * @on: the namespace
 * @in: the binding: keys, CoA, the BU's sequence number and flags, and
 *	the granted lifetime in seconds (at most
 *	OMIPV6_MAX_RR_BINDING_LIFETIME, not 0)
 * @kbm: the BU's Kbm (OMIPV6_KBM_LEN octets), or NULL for a BU not
 *	authorized by return routability; replaces the binding's
 * @last_seq: receives the last accepted sequence number when the
 *	result is OMIPV6_BC_STALE
 *
 * The sequence number check and the update are one step under bc->lock,
 * so two BUs for one binding on two CPUs cannot both pass the check.
 * An expired binding the expiry work has not ended yet, and a tombstone,
 * count as absent, but their sequence numbers still reject a replay
 * while their nonces may be valid; a BU that passes replaces them with
 * a new entry, which keeps their nonce deadline (the expired binding
 * counts as bind_expire).  Only a new binding allocates.
 *
 * Context: any but hard IRQ; does not sleep (GFP_ATOMIC).
 * Return: OMIPV6_BC_ADDED, OMIPV6_BC_UPDATED, OMIPV6_BC_STALE, or
 * OMIPV6_BC_FULL (no room, no memory, or the namespace is going away).
 */
enum omipv6_bc_result omipv6_bc_commit(struct omipv6_net *on,
				       const struct omipv6_bc_info *in,
				       const u8 *kbm, u16 *last_seq)
{
	unsigned long now = jiffies, expires = now + in->lifetime * HZ;
	unsigned long nonces_until = now;
	u64 updated = ktime_get_real_ns();
	struct omipv6_binding *b, *old;
	struct omipv6_bc *bc = &on->bc;
	enum omipv6_bc_result res;
	bool ended = false;

	spin_lock_bh(&bc->lock);
	b = omipv6_bc_settle(bc, &in->hoa, &in->cn, now);
	if (b && omipv6_bc_seq_holds(b, now) &&
	    !omipv6_seq_newer(in->seq, b->seq)) {
		*last_seq = b->seq;
		res = OMIPV6_BC_STALE;
		goto out;
	}
	if (b && !b->dead && time_before(now, b->expires)) {
		/* Readers see the old or the new CoA, either is a binding. */
		b->coa = in->coa;
		WRITE_ONCE(b->seq, in->seq);
		WRITE_ONCE(b->flags, in->flags);
		WRITE_ONCE(b->expires, expires);
		WRITE_ONCE(b->updated, updated);
		omipv6_bc_set_kbm(b, kbm, now);
		res = OMIPV6_BC_UPDATED;
		goto out;
	}
	/*
	 * A new entry.  One it replaces goes in the same step, which needs
	 * no memory, so a failure never loses the old sequence number.
	 */
	res = OMIPV6_BC_FULL;
	if (bc->dying || (!b && bc->count >= OMIPV6_BC_MAX))
		goto out;
	old = b;
	b = kmem_cache_zalloc(omipv6_bc_cache, GFP_ATOMIC);
	if (!b)
		goto out;
	if (old && time_before(now, old->nonces_until))
		nonces_until = old->nonces_until;
	b->key.hoa = in->hoa;
	b->key.cn = in->cn;
	b->coa = in->coa;
	b->seq = in->seq;
	b->flags = in->flags;
	b->expires = expires;
	b->nonces_until = nonces_until;
	b->updated = updated;
	omipv6_bc_set_kbm(b, kbm, now);
	if (old) {
		/* Same key, in the table under bc->lock: cannot fail. */
		WARN_ON_ONCE(rhashtable_replace_fast(&bc->ht, &old->node,
						     &b->node,
						     omipv6_bc_params));
		list_replace_rcu(&old->list, &b->list);
		if (!old->dead) {
			ended = true;
			WRITE_ONCE(bc->live, bc->live - 1);
		}
		call_rcu(&old->rcu, omipv6_bc_free_rcu);
	} else if (rhashtable_insert_fast(&bc->ht, &b->node,
					  omipv6_bc_params)) {
		/* Not -EEXIST under bc->lock: no memory for the table. */
		memzero_explicit(b, sizeof(*b));
		kmem_cache_free(omipv6_bc_cache, b);
		goto out;
	} else {
		list_add_tail_rcu(&b->list, &bc->list);
		bc->count++;
	}
	WRITE_ONCE(bc->live, bc->live + 1);
	res = OMIPV6_BC_ADDED;
	queue_delayed_work(system_wq, &bc->gc, OMIPV6_BC_GC_PERIOD);
out:
	spin_unlock_bh(&bc->lock);
	if (ended)
		omipv6_count_event(on, OMIPV6_EV_BIND_EXPIRE);
	return res;
}
EXPORT_SYMBOL_IF_KUNIT(omipv6_bc_commit);

/**
 * omipv6_bc_remove - delete a binding for a deregistration BU
 * @on: the namespace
 * @hoa: home address
 * @cn: correspondent address
 * @seq: the BU's sequence number
 * @last_seq: receives the last accepted sequence number when the
 *	result is OMIPV6_BC_STALE
 *
 * The binding stays as a tombstone while the nonces of a BU authorized
 * by return routability that it accepted may be valid, so a replay of
 * that BU is stale rather than a new binding (RFC 6275 §5.2.8).  A
 * binding past its lifetime that the expiry work has not ended yet is
 * removed all the same.  A newer deregistration of a tombstone moves its
 * sequence number on.
 *
 * Context: any but hard IRQ.
 * Return: OMIPV6_BC_REMOVED, OMIPV6_BC_ABSENT (nothing to remove), or
 * OMIPV6_BC_STALE (not newer than the binding's last BU; kept).
 */
enum omipv6_bc_result omipv6_bc_remove(struct omipv6_net *on,
				       const struct in6_addr *hoa,
				       const struct in6_addr *cn, u16 seq,
				       u16 *last_seq)
{
	struct omipv6_bc *bc = &on->bc;
	struct omipv6_binding *b;
	enum omipv6_bc_result res = OMIPV6_BC_ABSENT;

	spin_lock_bh(&bc->lock);
	b = omipv6_bc_settle(bc, hoa, cn, jiffies);
	if (b && omipv6_bc_seq_holds(b, jiffies) &&
	    !omipv6_seq_newer(seq, b->seq)) {
		*last_seq = b->seq;
		res = OMIPV6_BC_STALE;
	} else if (b) {
		WRITE_ONCE(b->seq, seq);
		if (!b->dead) {
			omipv6_bc_bury(bc, b, jiffies);
			res = OMIPV6_BC_REMOVED;
		}
	}
	spin_unlock_bh(&bc->lock);
	return res;
}
EXPORT_SYMBOL_IF_KUNIT(omipv6_bc_remove);

enum omipv6_bc_prune_mode {
	OMIPV6_BC_PRUNE_EXPIRED,	/* end expired bindings */
	OMIPV6_BC_PRUNE_FLUSH,		/* end every binding */
	OMIPV6_BC_PRUNE_ALL,		/* remove every entry, keep nothing */
};

/*
 * End bindings as @mode says, leaving tombstones where their nonces may
 * still be valid, and drop tombstones past their time; returns how many
 * live bindings ended.
 */
static unsigned int omipv6_bc_prune(struct omipv6_bc *bc,
				    enum omipv6_bc_prune_mode mode)
{
	struct omipv6_binding *b, *tmp;
	unsigned long now = jiffies;
	unsigned int n = 0;

	spin_lock_bh(&bc->lock);
	list_for_each_entry_safe(b, tmp, &bc->list, list) {
		if (mode == OMIPV6_BC_PRUNE_ALL) {
			n += !b->dead;
			omipv6_bc_unlink(bc, b);
		} else if (b->dead) {
			if (!time_before(now, b->nonces_until))
				omipv6_bc_unlink(bc, b);
		} else if (mode == OMIPV6_BC_PRUNE_FLUSH ||
			   !time_before(now, b->expires)) {
			n++;
			omipv6_bc_bury(bc, b, now);
		}
	}
	/* The expiry work drops what tombstones are left. */
	if (bc->count && !bc->dying)
		queue_delayed_work(system_wq, &bc->gc, OMIPV6_BC_GC_PERIOD);
	spin_unlock_bh(&bc->lock);
	return n;
}

static void omipv6_bc_gc(struct work_struct *work)
{
	struct omipv6_bc *bc = container_of(to_delayed_work(work),
					    struct omipv6_bc, gc);
	struct omipv6_net *on = container_of(bc, struct omipv6_net, bc);
	unsigned int i, n;

	n = omipv6_bc_prune(bc, OMIPV6_BC_PRUNE_EXPIRED);
	for (i = 0; i < n; i++)
		omipv6_count_event(on, OMIPV6_EV_BIND_EXPIRE);
	if (n && bc->expired)
		bc->expired(on);
}

/**
 * omipv6_bc_flush - end every binding (CN role turned off)
 * @on: the namespace
 *
 * Removals count as bind_del.  Tombstones stay, and bindings whose
 * nonces may still be valid leave one, so turning the role back on
 * within MAX_NONCE_LIFETIME does not reopen the bindings to replays.
 * The caller brings the xfrm objects in line afterwards.
 *
 * Context: process or softirq.
 */
void omipv6_bc_flush(struct omipv6_net *on)
{
	unsigned int n = omipv6_bc_prune(&on->bc, OMIPV6_BC_PRUNE_FLUSH);

	while (n--)
		omipv6_count_event(on, OMIPV6_EV_BIND_DEL);
}

/**
 * omipv6_bc_snapshot - copy out up to @max bindings
 * @on: the namespace
 * @out: array of @max entries
 * @max: its size
 *
 * Context: any but hard IRQ.
 * Return: the number of bindings in the table, which may exceed @max:
 * then only @max were copied.
 */
unsigned int omipv6_bc_snapshot(struct omipv6_net *on,
				struct omipv6_bc_info *out, unsigned int max)
{
	struct omipv6_bc *bc = &on->bc;
	unsigned long now = jiffies;
	struct omipv6_binding *b;
	unsigned int n = 0;

	rcu_read_lock();
	list_for_each_entry_rcu(b, &bc->list, list) {
		if (READ_ONCE(b->dead))
			continue;
		if (n < max)
			omipv6_bc_copy(b, &out[n], now);
		n++;
	}
	rcu_read_unlock();
	return n;
}
EXPORT_SYMBOL_IF_KUNIT(omipv6_bc_snapshot);

/**
 * omipv6_bc_count - live bindings in the table (tombstones not counted)
 * @on: the namespace
 */
unsigned int omipv6_bc_count(struct omipv6_net *on)
{
	return READ_ONCE(on->bc.live);
}
EXPORT_SYMBOL_IF_KUNIT(omipv6_bc_count);

/**
 * omipv6_bc_tombstones - deregistered or expired bindings whose
 *	sequence numbers are kept
 * @on: the namespace
 */
unsigned int omipv6_bc_tombstones(struct omipv6_net *on)
{
	struct omipv6_bc *bc = &on->bc;
	unsigned int n;

	spin_lock_bh(&bc->lock);
	n = bc->count - bc->live;
	spin_unlock_bh(&bc->lock);
	return n;
}
EXPORT_SYMBOL_IF_KUNIT(omipv6_bc_tombstones);

/**
 * omipv6_bc_seq_show - one /proc line per binding
 * @seq: the file
 * @on: the namespace
 *
 * "binding hoa=ADDR coa=ADDR cn=ADDR seq=N lifetime=SECONDS_LEFT
 * flags=STR updated=NS", STR being the letters of "AHLK" whose BU flag
 * is set, or "-", NS the CLOCK_REALTIME nanoseconds of the last
 * accepted BU.  No key material exists in a binding.
 *
 * Context: process.
 */
void omipv6_bc_seq_show(struct seq_file *seq, struct omipv6_net *on)
{
	static const struct {
		u16 flag;
		char letter;
	} letters[] = {
		{ OMIPV6_BU_F_ACK, 'A' },
		{ OMIPV6_BU_F_HOME, 'H' },
		{ OMIPV6_BU_F_LLADDR, 'L' },
		{ OMIPV6_BU_F_KEYMGMT, 'K' },
	};
	struct omipv6_bc *bc = &on->bc;
	unsigned long now = jiffies;
	struct omipv6_binding *b;
	struct omipv6_bc_info bi;
	unsigned int j, n;
	char flags[5];

	rcu_read_lock();
	list_for_each_entry_rcu(b, &bc->list, list) {
		if (READ_ONCE(b->dead))
			continue;
		omipv6_bc_copy(b, &bi, now);
		for (j = 0, n = 0; j < ARRAY_SIZE(letters); j++)
			if (bi.flags & letters[j].flag)
				flags[n++] = letters[j].letter;
		if (!n)
			flags[n++] = '-';
		flags[n] = '\0';
		seq_printf(seq,
			   "binding hoa=%pI6c coa=%pI6c cn=%pI6c seq=%u lifetime=%u flags=%s updated=%llu\n",
			   &bi.hoa, &bi.coa, &bi.cn, bi.seq, bi.lifetime,
			   flags, bi.updated);
	}
	rcu_read_unlock();
}

/**
 * omipv6_bc_init - an empty binding cache
 * @on: the namespace, zeroed
 * @expired: called from the expiry work, in process context, after it
 *	removed one or more bindings; NULL for nothing
 *
 * Context: process (pernet init).
 * Return: 0 or -ENOMEM (nothing is left allocated then).
 */
int omipv6_bc_init(struct omipv6_net *on,
		   void (*expired)(struct omipv6_net *on))
{
	struct omipv6_bc *bc = &on->bc;

	bc->expired = expired;
	spin_lock_init(&bc->lock);
	INIT_LIST_HEAD(&bc->list);
	INIT_DELAYED_WORK(&bc->gc, omipv6_bc_gc);
	bc->count = 0;
	bc->live = 0;
	bc->dying = false;
	return rhashtable_init(&bc->ht, &omipv6_bc_params);
}
EXPORT_SYMBOL_IF_KUNIT(omipv6_bc_init);

/**
 * omipv6_bc_exit - stop expiry and free every binding
 * @on: the namespace; no packet handler can reach it any more
 *
 * Entries go after an RCU grace period; module exit's rcu_barrier() waits for
 * them.  The caller removes the xfrm objects afterwards.
 *
 * Context: process; sleeps.
 */
void omipv6_bc_exit(struct omipv6_net *on)
{
	struct omipv6_bc *bc = &on->bc;

	spin_lock_bh(&bc->lock);
	bc->dying = true;
	spin_unlock_bh(&bc->lock);
	cancel_delayed_work_sync(&bc->gc);
	omipv6_bc_prune(bc, OMIPV6_BC_PRUNE_ALL);
	rhashtable_destroy(&bc->ht);
}
EXPORT_SYMBOL_IF_KUNIT(omipv6_bc_exit);

/**
 * omipv6_bc_module_init - create the bindings' slab cache
 *
 * Context: process, module init, before any namespace exists.
 * Return: 0 or -ENOMEM.
 */
int omipv6_bc_module_init(void)
{
	omipv6_bc_cache = KMEM_CACHE(omipv6_binding, 0);
	return omipv6_bc_cache ? 0 : -ENOMEM;
}

/**
 * omipv6_bc_module_exit - destroy the bindings' slab cache
 *
 * Context: process, module exit, after every namespace's
 * omipv6_bc_exit() and an rcu_barrier().
 */
void omipv6_bc_module_exit(void)
{
	kmem_cache_destroy(omipv6_bc_cache);
}
