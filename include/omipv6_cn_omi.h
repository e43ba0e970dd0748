/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The correspondent node's responder of the OMIPv6 exchange
 * (draft-haddad-mipv6-omipv6-01 §6-§7; encoding in doc/wire-format.md,
 * "OMIPv6 messages"): it answers DH1 with DH2 and DH3 with DH4 and
 * installs the Kabm SA.  Messages are built and checked with the
 * mechanism of omipv6_omi.h.
 *
 * Owns: a namespace's struct omipv6_omi (its pending exchanges and the
 * Kabm epochs of the pairs it made SAs with), allocated by
 * omipv6_omi_net_init() and freed by omipv6_omi_net_exit(), and the
 * module's workqueue, made by omipv6_omi_init() and destroyed by
 * omipv6_omi_exit() after every namespace's omipv6_omi_net_exit().
 * om->lock (spin_lock_bh) protects it; see omipv6_cn_omi.c for the
 * lock order.
 *
 * omipv6_omi_cn_rcv() takes DH1 and DH3 in softirq context.  It checks,
 * in this order, that the exchange is switched on (net.omipv6.omi, else
 * Binding Error status 2), that the message fits an exchange and a key
 * (for DH1: a binding for the home address whose care-of address sent
 * it, whose Kbm keys the SIG, or the current Kabm when an SA for the
 * pair exists), that its SIG (and for DH3 its MAC) verifies, and for a
 * DH1 only then that the sender passes the namespace's DH1 rate limit,
 * so that a message from anyone without the key costs no admission;
 * only then does it queue work.  Every Diffie-Hellman computation and
 * every SA installation runs from a work item on the module's
 * workqueue, never in softirq.  Pending exchanges are keyed by (home
 * address, sid_MN), at most OMIPV6_OMI_PENDING_MAX per namespace, of
 * which at most OMIPV6_OMI_PENDING_PER_PREFIX whose home address, or
 * whose care-of address, is in one /64 (so also per home address), so
 * that one host cannot hold the table; at most OMIPV6_OMI_WORK_MAX of
 * them wait for their work item.  Beyond any bound a DH1 or DH3 is a
 * counted drop (omi_busy).  A pending exchange lives
 * OMIPV6_OMI_PENDING_LIFETIME seconds; until then a repeated DH1 gets
 * the same DH2 pair again and a repeated DH3 the same DH4, without new
 * computation.
 */
#ifndef _OMIPV6_CN_OMI_H
#define _OMIPV6_CN_OMI_H

#include <linux/atomic.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/workqueue.h>

struct omipv6_net;
struct omipv6_rx;
struct seq_file;

/* Pending exchanges and queued work per netns. */
#define OMIPV6_OMI_PENDING_MAX	64
#define OMIPV6_OMI_PENDING_PER_PREFIX	8
#define OMIPV6_OMI_WORK_MAX	16
#define OMIPV6_OMI_PENDING_LIFETIME	30	/* seconds */
#define OMIPV6_OMI_HASH_BITS	6
/*
 * SA lifetime a correspondent grants in DH4 when net.omipv6.rekey_interval
 * is 0; otherwise three rekey intervals.  Seconds.
 */
#define OMIPV6_OMI_SA_LIFETIME	3600

/**
 * struct omipv6_omi - a namespace's correspondent node responder
 * @lock: protects everything but @on and @queued; spin_lock_bh()
 * @on: the namespace, set once by omipv6_omi_net_init()
 * @pend: hash chains of pending exchanges (omipv6_cn_omi.c)
 * @npend: entries in @pend
 * @keys: hash chains of per-pair rekey keys (omipv6_cn_omi.c)
 * @nkeys: entries in @keys
 * @queued: pending exchanges whose work item is queued or running
 * @gc_runs: runs of @gc, under @lock
 * @gc: expires pending exchanges and drops the keys of pairs without
 *	an SA; runs every second while either table is not empty
 * @dying: set under @lock by omipv6_omi_net_exit(): nothing is added,
 *	queued or re-armed afterwards
 *
 * Allocated by omipv6_omi_net_init(), freed by omipv6_omi_net_exit()
 * once no work item of it is queued or running.
 */
struct omipv6_omi {
	spinlock_t lock;	/* see above */
	struct omipv6_net *on;
	struct hlist_head pend[1 << OMIPV6_OMI_HASH_BITS];
	unsigned int npend;
	struct hlist_head keys[1 << OMIPV6_OMI_HASH_BITS];
	unsigned int nkeys;
	atomic_t queued;
	unsigned int gc_runs;
	struct delayed_work gc;
	bool dying;
};

int omipv6_omi_init(void);
void omipv6_omi_exit(void);
int omipv6_omi_net_init(struct omipv6_net *on);
void omipv6_omi_net_exit(struct omipv6_net *on);

/*
 * DH1 and DH3 for the correspondent node role.  Context: softirq.
 * Return: true when the message was one of those (answered, queued or
 * counted as a drop).
 */
bool omipv6_omi_cn_rcv(struct omipv6_rx *rx);
/* net.omipv6.cn turned off: forget every pending exchange. */
void omipv6_omi_cn_flush(struct omipv6_net *on);
/* The "omicn" line of /proc/net/omipv6 (correspondent node role). */
void omipv6_omi_seq_show(struct seq_file *seq, struct omipv6_net *on);

#endif /* _OMIPV6_CN_OMI_H */
