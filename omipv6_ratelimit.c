// SPDX-License-Identifier: GPL-2.0
/*
 * DH1 admission control: see omipv6_ratelimit.h for the contract.
 *
 * Buckets hold credit in nanoseconds: a bucket gains one nanosecond of
 * credit per nanosecond, up to its burst's worth, and a message costs
 * NSEC_PER_SEC / rate.  A new /64's bucket starts full.
 *
 * One spinlock per namespace guards everything: DH1 messages are few
 * (each one leads to a Diffie-Hellman computation), so the lock is not
 * worth splitting, and without RCU readers a bucket can be freed with
 * kfree() as soon as it is unlinked.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <kunit/visibility.h>
#include <linux/jiffies.h>
#include <linux/list.h>
#include <linux/random.h>
#include <linux/siphash.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/timekeeping.h>

#include "omipv6_ratelimit.h"

#define OMIPV6_RL_COST		(NSEC_PER_SEC / OMIPV6_RL_RATE)
#define OMIPV6_RL_CAP		(OMIPV6_RL_BURST * OMIPV6_RL_COST)
#define OMIPV6_RL_GLOBAL_COST	(NSEC_PER_SEC / OMIPV6_RL_GLOBAL_RATE)
#define OMIPV6_RL_GLOBAL_CAP	(OMIPV6_RL_GLOBAL_BURST * OMIPV6_RL_GLOBAL_COST)

/**
 * struct omipv6_rl_entry - one /64's bucket
 * @node: link in its hash chain, under rl->lock
 * @prefix: the /64, the source address's first 8 octets as they are
 *	in memory
 * @tokens: credit in nanoseconds, at most OMIPV6_RL_CAP
 * @last: when @tokens was last refilled
 */
struct omipv6_rl_entry {
	struct hlist_node node;
	u64 prefix;
	u64 tokens;
	u64 last;
};

/*
 * @tokens refilled from *@last to @now, capped at @cap; *@last moves to
 * @now unless @now lies before it.
 */
static u64 omipv6_rl_refill(u64 tokens, u64 *last, u64 now, u64 cap)
{
	u64 elapsed = now - *last;

	if ((s64)elapsed <= 0)
		return tokens;
	*last = now;
	/* tokens <= cap and elapsed < 2^63: the sum cannot wrap. */
	return min(cap, tokens + elapsed);
}

static u64 omipv6_rl_prefix(const struct in6_addr *src)
{
	u64 prefix;

	memcpy(&prefix, src->s6_addr, sizeof(prefix));
	return prefix;
}

static struct hlist_head *omipv6_rl_chain(struct omipv6_ratelimit *rl,
					  u64 prefix)
{
	return &rl->table[siphash_1u64(prefix, &rl->key) &
			  (ARRAY_SIZE(rl->table) - 1)];
}

/**
 * omipv6_ratelimit_allow - admit or refuse a DH1
 * @rl: the namespace's buckets
 * @src: the message's source address
 * @now_ns: the time, in nanoseconds
 *
 * Context: any but hard IRQ; allocates with GFP_ATOMIC.
 * Return: OMIPV6_RL_PASS when both buckets had a token (both are
 * taken), OMIPV6_RL_SOURCE when the /64's bucket is empty,
 * OMIPV6_RL_GLOBAL when the namespace's is, OMIPV6_RL_FULL when a new
 * /64 finds no bucket (OMIPV6_RL_MAX_ENTRIES reached, no memory, or
 * the namespace going away).
 */
enum omipv6_rl_verdict omipv6_ratelimit_allow(struct omipv6_ratelimit *rl,
					      const struct in6_addr *src,
					      u64 now_ns)
{
	u64 prefix = omipv6_rl_prefix(src);
	enum omipv6_rl_verdict v;
	struct omipv6_rl_entry *e;
	struct hlist_head *chain;

	spin_lock_bh(&rl->lock);
	rl->global_tokens = omipv6_rl_refill(rl->global_tokens,
					     &rl->global_last, now_ns,
					     OMIPV6_RL_GLOBAL_CAP);
	chain = omipv6_rl_chain(rl, prefix);
	hlist_for_each_entry(e, chain, node)
		if (e->prefix == prefix)
			break;

	if (e) {
		e->tokens = omipv6_rl_refill(e->tokens, &e->last, now_ns,
					     OMIPV6_RL_CAP);
		if (e->tokens < OMIPV6_RL_COST) {
			v = OMIPV6_RL_SOURCE;
			goto out;
		}
	}
	if (rl->global_tokens < OMIPV6_RL_GLOBAL_COST) {
		v = OMIPV6_RL_GLOBAL;
		goto out;
	}
	if (!e) {
		if (rl->dying || rl->entries >= OMIPV6_RL_MAX_ENTRIES) {
			v = OMIPV6_RL_FULL;
			goto out;
		}
		e = kmalloc(sizeof(*e), GFP_ATOMIC);
		if (!e) {
			v = OMIPV6_RL_FULL;
			goto out;
		}
		e->prefix = prefix;
		e->tokens = OMIPV6_RL_CAP;
		e->last = now_ns;
		hlist_add_head(&e->node, chain);
		rl->entries++;
		queue_delayed_work(system_wq, &rl->gc,
				   OMIPV6_RL_GC_INTERVAL * HZ);
	}
	e->tokens -= OMIPV6_RL_COST;
	rl->global_tokens -= OMIPV6_RL_GLOBAL_COST;
	v = OMIPV6_RL_PASS;
out:
	spin_unlock_bh(&rl->lock);
	return v;
}
EXPORT_SYMBOL_IF_KUNIT(omipv6_ratelimit_allow);

/* Caller holds rl->lock.  Every bucket with @all. */
static unsigned int omipv6_rl_prune(struct omipv6_ratelimit *rl, u64 now,
				    bool all)
{
	struct omipv6_rl_entry *e;
	struct hlist_node *tmp;
	unsigned int i, n = 0;
	u64 elapsed;

	for (i = 0; i < ARRAY_SIZE(rl->table); i++) {
		hlist_for_each_entry_safe(e, tmp, &rl->table[i], node) {
			elapsed = now - e->last;
			if (!all && ((s64)elapsed < 0 ||
				     e->tokens + elapsed < OMIPV6_RL_CAP))
				continue;
			hlist_del(&e->node);
			kfree(e);
			rl->entries--;
			n++;
		}
	}
	return n;
}

/**
 * omipv6_ratelimit_gc - remove idle buckets
 * @rl: the namespace's buckets
 * @now_ns: the time, in nanoseconds
 *
 * Context: any but hard IRQ.
 * Return: how many buckets were removed.
 */
unsigned int omipv6_ratelimit_gc(struct omipv6_ratelimit *rl, u64 now_ns)
{
	unsigned int n;

	spin_lock_bh(&rl->lock);
	n = omipv6_rl_prune(rl, now_ns, false);
	spin_unlock_bh(&rl->lock);
	return n;
}
EXPORT_SYMBOL_IF_KUNIT(omipv6_ratelimit_gc);

static void omipv6_rl_gc_work(struct work_struct *work)
{
	struct omipv6_ratelimit *rl = container_of(to_delayed_work(work),
						   struct omipv6_ratelimit,
						   gc);

	spin_lock_bh(&rl->lock);
	omipv6_rl_prune(rl, ktime_get_coarse_boottime_ns(), false);
	if (rl->entries && !rl->dying)
		queue_delayed_work(system_wq, &rl->gc,
				   OMIPV6_RL_GC_INTERVAL * HZ);
	spin_unlock_bh(&rl->lock);
}

/**
 * omipv6_ratelimit_init - empty buckets
 * @rl: the namespace's buckets
 *
 * The namespace bucket starts full.
 *
 * Context: process.
 */
void omipv6_ratelimit_init(struct omipv6_ratelimit *rl)
{
	unsigned int i;

	spin_lock_init(&rl->lock);
	get_random_bytes(&rl->key, sizeof(rl->key));
	for (i = 0; i < ARRAY_SIZE(rl->table); i++)
		INIT_HLIST_HEAD(&rl->table[i]);
	rl->entries = 0;
	rl->global_tokens = OMIPV6_RL_GLOBAL_CAP;
	rl->global_last = 0;
	INIT_DELAYED_WORK(&rl->gc, omipv6_rl_gc_work);
	rl->dying = false;
}
EXPORT_SYMBOL_IF_KUNIT(omipv6_ratelimit_init);

/**
 * omipv6_ratelimit_exit - stop expiry and free every bucket
 * @rl: the namespace's buckets
 *
 * Context: process; sleeps.
 */
void omipv6_ratelimit_exit(struct omipv6_ratelimit *rl)
{
	spin_lock_bh(&rl->lock);
	rl->dying = true;
	spin_unlock_bh(&rl->lock);
	cancel_delayed_work_sync(&rl->gc);

	spin_lock_bh(&rl->lock);
	omipv6_rl_prune(rl, 0, true);
	spin_unlock_bh(&rl->lock);
	memzero_explicit(&rl->key, sizeof(rl->key));
}
EXPORT_SYMBOL_IF_KUNIT(omipv6_ratelimit_exit);
