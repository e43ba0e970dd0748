/* SPDX-License-Identifier: GPL-2.0 */
/*
 * DH1 admission control at the correspondent node: a token bucket per
 * source /64, and one per namespace on top (the global cap).
 *
 * Buckets live in a hash table keyed by siphash(source /64, a random
 * key made at init), so a sender cannot aim at one chain.  A bucket
 * allows OMIPV6_RL_BURST messages at once and refills at
 * OMIPV6_RL_RATE per second; the namespace bucket allows
 * OMIPV6_RL_GLOBAL_BURST and refills at OMIPV6_RL_GLOBAL_RATE.  At most
 * OMIPV6_RL_MAX_ENTRIES buckets exist; when the table is full a new
 * source is refused.  A message takes a token from its /64's bucket
 * and one from the namespace's, or from neither: a /64 that is out of
 * tokens does not drain the namespace bucket, and a message refused by
 * the namespace bucket costs its /64 nothing.
 *
 * A bucket is idle once it has refilled completely; an idle bucket and
 * no bucket give the same verdicts, so idle buckets are removed, by a
 * delayed work item every OMIPV6_RL_GC_INTERVAL seconds while any
 * exists.  Buckets are only ever touched under rl->lock (there are no
 * RCU readers), so they are freed with kfree() under it.
 *
 * omipv6_ratelimit_allow() may run in softirq context: it takes rl->lock
 * with bottom halves disabled and allocates with GFP_ATOMIC.  The time
 * is an argument (nanoseconds, ktime_get_coarse_boottime_ns() scale) so
 * tests can drive a fake clock; a time before a bucket's last refill
 * refills nothing, and the expiry work, which runs on the real clock,
 * does not take a bucket stamped later than its clock for idle.
 */
#ifndef _OMIPV6_RATELIMIT_H
#define _OMIPV6_RATELIMIT_H

#include <linux/in6.h>
#include <linux/siphash.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/workqueue.h>

#define OMIPV6_RL_RATE		2
#define OMIPV6_RL_BURST		5
#define OMIPV6_RL_GLOBAL_RATE	200
#define OMIPV6_RL_GLOBAL_BURST	400
#define OMIPV6_RL_MAX_ENTRIES	4096
#define OMIPV6_RL_HASH_BITS	10
#define OMIPV6_RL_GC_INTERVAL	1

/**
 * struct omipv6_ratelimit - one namespace's buckets
 * @lock: protects everything below; spin_lock_bh()
 * @key: siphash key for the /64 hash; random, never shown
 * @table: hash chains of per-/64 buckets
 * @entries: buckets in @table
 * @global_tokens: the namespace bucket, in nanoseconds of credit
 * @global_last: when @global_tokens was last refilled
 * @gc: removes idle buckets
 * @dying: set by omipv6_ratelimit_exit(); @gc does not re-arm
 */
struct omipv6_ratelimit {
	spinlock_t lock;	/* see above */
	siphash_key_t key;
	struct hlist_head table[1 << OMIPV6_RL_HASH_BITS];
	unsigned int entries;
	u64 global_tokens;
	u64 global_last;
	struct delayed_work gc;
	bool dying;
};

/* Why omipv6_ratelimit_allow() refused. */
enum omipv6_rl_verdict {
	OMIPV6_RL_PASS,
	OMIPV6_RL_SOURCE,	/* the source's /64 ran out of tokens */
	OMIPV6_RL_GLOBAL,	/* the namespace ran out of tokens */
	OMIPV6_RL_FULL,		/* no bucket free for a new /64 */
};

/* Empty table, full namespace bucket, fresh hash key.  Cannot fail. */
void omipv6_ratelimit_init(struct omipv6_ratelimit *rl);
/* Stops @gc and frees every bucket.  Context: process. */
void omipv6_ratelimit_exit(struct omipv6_ratelimit *rl);

/*
 * Take a token for a message from @src at @now_ns.  Context: any but
 * hard IRQ.  Return: OMIPV6_RL_PASS, or why the message is refused.
 */
enum omipv6_rl_verdict omipv6_ratelimit_allow(struct omipv6_ratelimit *rl,
					      const struct in6_addr *src,
					      u64 now_ns);

/*
 * Remove the buckets idle at @now_ns; what @gc runs with the real
 * clock.  Context: any but hard IRQ.  Return: how many were removed.
 */
unsigned int omipv6_ratelimit_gc(struct omipv6_ratelimit *rl, u64 now_ns);

#endif /* _OMIPV6_RATELIMIT_H */
