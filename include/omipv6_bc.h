/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Correspondent node binding cache (RFC 6275 §9.1), one per namespace.
 *
 * A resizable hash table (rhashtable, randomly seeded) of bindings
 * keyed by (home address, correspondent address), and a list of them
 * for the walks.  A binding made by a return-routability BU keeps that
 * BU's Kbm, which keys the SIG of the OMIPv6 exchange the mobile node
 * starts next (omipv6_bc_kbm()); it is never shown and is wiped when
 * replaced or freed.  Readers look up and walk under rcu_read_lock();
 * writers take bc->lock with bottom halves disabled (BUs are processed
 * in softirq).  A binding removed from the table is wiped and freed
 * after an RCU grace period, so a reader may keep using an entry until
 * its read-side section ends, but every function here copies what the
 * caller needs out instead.
 *
 * Expiry: bc->gc, a delayed work item, runs every second while the table
 * is not empty and ends the bindings whose lifetime has run out.
 * After any removal it calls the @expired callback given to
 * omipv6_bc_init() (the namespace passes omipv6_xfrm_sync(), which takes
 * down the binding's route-optimization states and policies).
 *
 * Tombstones (RFC 6275 §5.2.8): a binding that ends by deregistration,
 * expiry or flush while a BU authorized by return routability for it
 * could still be replayed (within MAX_NONCE_LIFETIME of that BU's
 * arrival, plus the one second the nonce check rounds) stays in the
 * table with only its sequence number, so the replay is answered BA 135
 * instead of binding the abandoned care-of address again.  Tombstones
 * are never looked up, walked for routing or shown; they count against
 * OMIPV6_BC_MAX and go at the end of that time.  A binding turns into
 * a tombstone only under bc->lock and never back: a newer BU replaces
 * the tombstone with a new entry.
 */
#ifndef _OMIPV6_BC_H
#define _OMIPV6_BC_H

#include <linux/in6.h>
#include <linux/list.h>
#include <linux/rhashtable-types.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/workqueue.h>

struct omipv6_net;
struct seq_file;

/* Bindings per namespace; a BU beyond gets BA status 130. */
#define OMIPV6_BC_MAX		16384

/**
 * struct omipv6_bc - a namespace's binding cache
 * @lock: serialises writers; taken with spin_lock_bh()
 * @ht: the bindings, by (home address, correspondent address); RCU
 *	readers
 * @list: the same bindings, an RCU list for the walks
 * @count: entries in @ht, tombstones included, under @lock
 * @live: bindings in @ht that are not tombstones, under @lock
 * @gc: expiry work
 * @expired: called by @gc after it removed bindings, or NULL
 * @dying: set under @lock once the namespace goes away: no insert
 *	succeeds and @gc does not re-arm
 */
struct omipv6_bc {
	spinlock_t lock;	/* see above */
	struct rhashtable ht;
	struct list_head list;
	unsigned int count;
	unsigned int live;
	struct delayed_work gc;
	void (*expired)(struct omipv6_net *on);
	bool dying;
};

/**
 * struct omipv6_bc_info - a copy of one binding
 * @hoa: home address
 * @cn: correspondent (our) address
 * @coa: care-of address
 * @seq: last accepted sequence number
 * @flags: flags of the last accepted BU (OMIPV6_BU_F_*)
 * @lifetime: seconds granted (in) or left (out)
 * @updated: CLOCK_REALTIME nanoseconds of the last accepted BU (out)
 */
struct omipv6_bc_info {
	struct in6_addr hoa;
	struct in6_addr cn;
	struct in6_addr coa;
	u16 seq;
	u16 flags;
	unsigned int lifetime;
	u64 updated;
};

/* Results of omipv6_bc_commit() and omipv6_bc_remove(). */
enum omipv6_bc_result {
	OMIPV6_BC_ADDED,	/* new binding */
	OMIPV6_BC_UPDATED,	/* existing binding refreshed or moved */
	OMIPV6_BC_REMOVED,	/* binding ended (tombstone or deleted) */
	OMIPV6_BC_ABSENT,	/* deregistration of no binding */
	OMIPV6_BC_STALE,	/* sequence number not newer */
	OMIPV6_BC_FULL,		/* no room or no memory */
};

int omipv6_bc_module_init(void);
void omipv6_bc_module_exit(void);
int omipv6_bc_init(struct omipv6_net *on,
		   void (*expired)(struct omipv6_net *on));
void omipv6_bc_exit(struct omipv6_net *on);

int omipv6_bc_lookup(struct omipv6_net *on, const struct in6_addr *hoa,
		     const struct in6_addr *cn, struct omipv6_bc_info *out);
enum omipv6_bc_result omipv6_bc_commit(struct omipv6_net *on,
				       const struct omipv6_bc_info *in,
				       const u8 *kbm, u16 *last_seq);
int omipv6_bc_kbm(struct omipv6_net *on, const struct in6_addr *hoa,
		  const struct in6_addr *cn, const struct in6_addr *coa,
		  u8 *kbm);
enum omipv6_bc_result omipv6_bc_remove(struct omipv6_net *on,
				       const struct in6_addr *hoa,
				       const struct in6_addr *cn, u16 seq,
				       u16 *last_seq);
void omipv6_bc_flush(struct omipv6_net *on);
unsigned int omipv6_bc_snapshot(struct omipv6_net *on,
				struct omipv6_bc_info *out, unsigned int max);
unsigned int omipv6_bc_count(struct omipv6_net *on);
unsigned int omipv6_bc_tombstones(struct omipv6_net *on);
void omipv6_bc_seq_show(struct seq_file *seq, struct omipv6_net *on);

#endif /* _OMIPV6_BC_H */
