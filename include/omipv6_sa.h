/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kabm security associations: one per (home address, correspondent
 * address) pair and namespace, made by a completed OMIPv6 exchange and
 * used to authenticate every BU and BA between that mobile node and
 * correspondent (doc/wire-format.md, "Kabm authenticator option").
 *
 * Table: an rhashtable per namespace keyed by struct omipv6_sa_id.
 * Readers look up under rcu_read_lock(); writers (install, delete,
 * flush, expiry) hold sat->lock, a spinlock taken with bottom halves
 * disabled.  An SA is reference counted (kref); the table holds one
 * reference, and the last put frees it after an RCU grace period.
 *
 * Keys: an SA holds a current and a next key slot, each with its key
 * epoch.  A rekey installs the new key in the next slot; the first
 * message that verifies under it promotes it to current.  Until then
 * both verify, so a rekey never rejects a valid BU.  Signing uses the
 * newest key.  The slots, the last accepted sequence number and the
 * counters change under the SA's own spinlock (nested inside sat->lock
 * where both are held).  Key slots are RCU objects, wiped
 * (kfree_sensitive()) when they are freed; no key leaves this file
 * except into the ICV computation, which starts from the key folded
 * into HMAC-SHA256 at install (omipv6_hmac_sha256_prekey()).
 *
 * omipv6_sa_verify() and omipv6_sa_sign() neither allocate nor sleep
 * and may run in softirq context.  omipv6_sa_install() allocates with
 * GFP_KERNEL: process context only.
 */
#ifndef _OMIPV6_SA_H
#define _OMIPV6_SA_H

#include <linux/in6.h>
#include <linux/list.h>
#include <linux/rhashtable-types.h>
#include <linux/spinlock.h>
#include <linux/time64.h>
#include <linux/types.h>
#include <linux/workqueue.h>

#include "omipv6_dh.h"

struct omipv6_net;
struct omipv6_sa;
struct seq_file;

/* SAs per namespace; an exchange that would make one more is refused. */
#define OMIPV6_SA_MAX		65536

/* Which end of the association this namespace is. */
enum omipv6_sa_side {
	OMIPV6_SA_SIDE_MN,
	OMIPV6_SA_SIDE_CN,
};

struct omipv6_sa_id {
	struct in6_addr hoa;
	struct in6_addr cn;
};

/**
 * struct omipv6_sa_table - a namespace's SAs
 * @ht: the SAs, keyed by struct omipv6_sa_id; RCU readers
 * @list: the same SAs in install order, for expiry, flush and /proc;
 *	changed under @lock, walked under @lock or rcu_read_lock()
 * @lock: serialises writers; taken with spin_lock_bh()
 * @count: SAs in @ht, under @lock
 * @max: most SAs @ht may hold (OMIPV6_SA_MAX), set at init
 * @next_expiry: CLOCK_BOOTTIME second at or before which no SA
 *	expires (0: none has a lifetime), under @lock
 * @gc: removes SAs whose lifetime ran out; runs every second while
 *	@count is not zero
 * @dying: set under @lock when the namespace goes away: no install
 *	succeeds and @gc does not re-arm
 */
struct omipv6_sa_table {
	struct rhashtable ht;
	struct list_head list;
	spinlock_t lock;	/* see above */
	unsigned int count;
	unsigned int max;
	time64_t next_expiry;
	struct delayed_work gc;
	bool dying;
};

/**
 * struct omipv6_sa_info - a copy of an SA's public state (no key)
 * @id: the pair
 * @side: our end
 * @group: DH group of the exchange that made the current key
 * @epoch: epoch of the current key
 * @next_epoch: epoch of the next key, 0 when the slot is empty
 * @last_seq: last sequence number accepted (valid when @have_seq)
 * @have_seq: a message has been accepted with its sequence number
 *	checked
 * @age: seconds since the SA was made
 * @rekeyed: seconds since the current key was installed (into the
 *	next slot, for a key that was promoted)
 * @lifetime: seconds left, 0 for no limit
 * @verified: messages that verified
 * @failed: messages whose ICV or epoch did not verify
 * @replayed: messages whose sequence number was not newer
 *
 * The SA keeps the counters in 32 bits; they wrap around.
 */
struct omipv6_sa_info {
	struct omipv6_sa_id id;
	enum omipv6_sa_side side;
	u16 group;
	u32 epoch;
	u32 next_epoch;
	u16 last_seq;
	bool have_seq;
	u64 age;
	u64 rekeyed;
	u32 lifetime;
	u64 verified;
	u64 failed;
	u64 replayed;
};

/* Outcome of omipv6_sa_verify(). */
enum omipv6_sa_verdict {
	OMIPV6_SA_OK,		/* verified, sequence number recorded */
	OMIPV6_SA_NONE,		/* no SA for the pair */
	OMIPV6_SA_BAD_EPOCH,	/* epoch matches neither key slot */
	OMIPV6_SA_BAD_ICV,	/* ICV does not verify */
	OMIPV6_SA_REPLAY,	/* sequence number not newer */
	/*
	 * The message does not end in the option, or its length is not a
	 * multiple of 8 from 32 to OMIPV6_MH_MAX_LEN.
	 */
	OMIPV6_SA_MALFORMED,
};

/*
 * Init: an empty table.  Context: process.  Return: 0 or -ENOMEM.
 * Exit: stops @gc and removes every SA; the namespace's packet handlers
 * no longer run.  The SAs and keys are freed by RCU callbacks; module
 * exit's rcu_barrier() waits for them.  Context: process; sleeps.
 */
int omipv6_sa_net_init(struct omipv6_net *on);
void omipv6_sa_net_exit(struct omipv6_net *on);

/*
 * Make the SA for @id with @kabm as its current key, or when it exists
 * put @kabm with @epoch in its next slot (replacing an unpromoted next
 * key).  @base is the state the exchange that made @kabm was authorized
 * against: 0 when it started with no SA for the pair (authorized by
 * Kbm), else the epoch of the current key that signed it.  When the
 * table no longer matches, an SA made or a current key promoted since,
 * nothing changes and -ESTALE is returned: an exchange authorized by
 * Kbm never rekeys an SA, and a rekey never outlives its key.
 * @epoch must be newer than the current key's and not older than
 * an unpromoted next key's, @side must be the SA's, @group
 * OMIPV6_GROUP_FFDHE2048 or OMIPV6_GROUP_X25519 (-EINVAL otherwise;
 * epoch 0 is never valid).  @lifetime in seconds, 0 for no limit: a new
 * SA expires @lifetime from now; a rekey leaves the SA's expiry alone
 * until a message verifies under the new key and promotes it, which
 * sets the expiry to @lifetime from then (a rekey the peer never
 * completes extends nothing).  @kabm is copied; the caller wipes its
 * own copy.
 * Context: process.  Return: 0, -EINVAL, -ESTALE, -ENOSPC at the
 * table's maximum (OMIPV6_SA_MAX), -ENOMEM, -ESHUTDOWN while the
 * namespace goes away.
 */
int omipv6_sa_install(struct omipv6_net *on, const struct omipv6_sa_id *id,
		      enum omipv6_sa_side side, u16 group, u32 base, u32 epoch,
		      const u8 kabm[OMIPV6_KABM_LEN], u32 lifetime);

/*
 * Remove one SA (-ENOENT when absent) or all of them.
 * Context: any but hard IRQ.
 */
int omipv6_sa_del(struct omipv6_net *on, const struct omipv6_sa_id *id);
void omipv6_sa_flush(struct omipv6_net *on);

/*
 * An SA whose lifetime ran out counts as absent everywhere below, even
 * before @gc removes it.  Context: any but hard IRQ.
 */
bool omipv6_sa_exists(struct omipv6_net *on, const struct omipv6_sa_id *id);
/* Copy of the SA's public state.  Return: 0 or -ENOENT. */
int omipv6_sa_get_info(struct omipv6_net *on, const struct omipv6_sa_id *id,
		       struct omipv6_sa_info *out);
unsigned int omipv6_sa_count(struct omipv6_net *on);

/*
 * Fill the Kabm authenticator option that ends @mh (@len octets; the
 * option's Type, Length and subtype already in place): the epoch of the
 * newest key (the next one while it is unpromoted) and the ICV over CoA
 * @coa and correspondent @id->cn.  The caller computes the MH checksum
 * afterwards.  Context: any but hard IRQ; neither allocates nor sleeps.
 * Return: 0, -ENOENT without an SA, -EINVAL when @mh does not end in
 * the option, or the ICV's error (the ICV field is then zeroed).
 */
int omipv6_sa_sign(struct omipv6_net *on, const struct omipv6_sa_id *id,
		   const struct in6_addr *coa, u8 *mh, unsigned int len);
/*
 * The same with the key slot of @epoch (0: the newest), so that an
 * answer is signed with the key its request verified under; -ENOENT
 * when neither slot has @epoch.
 */
int omipv6_sa_sign_epoch(struct omipv6_net *on, const struct omipv6_sa_id *id,
			 u32 epoch, const struct in6_addr *coa, u8 *mh,
			 unsigned int len);

/*
 * Check the Kabm authenticator option ending @mh (@len octets, CoA
 * @coa) against the key slot its epoch names, then, when @check_seq,
 * that @seq is newer (omipv6_seq_newer()) than the last one
 * accepted, and record it.  The key check and the sequence number
 * check-and-record are one step under the SA's lock: of two copies of
 * a message verified at once exactly one gets OMIPV6_SA_OK, and a
 * message whose key slot was replaced or retired meanwhile gets
 * OMIPV6_SA_BAD_EPOCH.  Without @check_seq the sequence number is
 * neither checked nor recorded.  A message that verifies (OMIPV6_SA_OK)
 * under the next key promotes it; the old current key stops verifying,
 * and the SA's lifetime starts again from that key's (omipv6_sa_install()).
 * The SA's counters record the outcome: OK as verified, REPLAY as
 * replayed, BAD_EPOCH and BAD_ICV as failed; MALFORMED and NONE touch
 * no SA.  A failure of the ICV computation itself counts as BAD_ICV.
 * Context: any but hard IRQ; neither allocates nor sleeps.
 */
enum omipv6_sa_verdict omipv6_sa_verify(struct omipv6_net *on,
					const struct omipv6_sa_id *id,
					const struct in6_addr *coa,
					const u8 *mh, unsigned int len,
					u16 seq, bool check_seq);

/*
 * The same in two steps, for a caller that first needs to know whether
 * the SA exists: omipv6_sa_lookup_rcu() finds it (NULL as for
 * OMIPV6_SA_NONE) and omipv6_sa_check() checks the message against it,
 * both inside one rcu_read_lock() section of the caller's.
 */
struct omipv6_sa *omipv6_sa_lookup_rcu(struct omipv6_net *on,
				       const struct omipv6_sa_id *id);
enum omipv6_sa_verdict omipv6_sa_check(struct omipv6_net *on,
				       struct omipv6_sa *sa,
				       const struct in6_addr *coa,
				       const u8 *mh, unsigned int len,
				       u16 seq, bool check_seq);

/*
 * The "sa" lines of /proc/net/omipv6, one per SA in install order;
 * never any key material.  Context: process.
 */
void omipv6_sa_seq_show(struct seq_file *seq, struct omipv6_net *on);

/*
 * SAs and key slots allocated and not yet freed, in all namespaces:
 * lets tests check that everything went after rcu_barrier().
 */
long omipv6_sa_objects(void);

#endif /* _OMIPV6_SA_H */
