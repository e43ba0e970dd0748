/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The OMIPv6 exchange (draft-haddad-mipv6-omipv6-01 §6-§7; encoding in
 * doc/wire-format.md, "OMIPv6 messages"): the four Diffie-Hellman
 * messages DH1..DH4, the correspondent node's responder and the mobile
 * node's initiator steps.
 *
 * Correspondent node: omipv6_omi_cn_rcv() takes DH1 and DH3 in softirq
 * context.  It checks, in this order, that the exchange is switched on
 * (net.omipv6.omi, else Binding Error status 2), that the sender passes
 * the namespace's DH1 rate limit, that the message fits an exchange
 * and a key (for DH1: a binding for the home address whose care-of
 * address sent it, whose Kbm keys the SIG, or the current Kabm when an
 * SA for the pair exists) and that its SIG (and for DH3 its MAC)
 * verifies; only then does it queue work.  Every Diffie-Hellman
 * computation and every SA installation runs from a work item on the
 * module's workqueue, never in softirq.  Pending exchanges are keyed
 * by (home address, sid_MN), at most OMIPV6_OMI_PENDING_MAX per
 * namespace, with at most OMIPV6_OMI_WORK_MAX of them waiting for
 * their work item; beyond either bound a DH1 or DH3 is a counted drop
 * (omi_busy).  A pending exchange lives OMIPV6_OMI_PENDING_LIFETIME
 * seconds; until then a repeated DH1 gets the same DH2 pair again and
 * a repeated DH3 the same DH4, without new computation.
 *
 * Mobile node: the exchange with one correspondent is driven by the
 * mobile node's state machine (omipv6_mn.c), which owns a struct
 * omipv6_omi_ini per running exchange and calls the initiator steps
 * below: the ones marked "process" from its work item, the others
 * under its spinlock.
 *
 * Keys: a rekey's messages are keyed with the first OMIPV6_KBM_LEN
 * octets of the current Kabm instead of Kbm (there is no fresh return
 * routability test).  Both ends keep the Kabm of the epochs they may
 * need for that in a struct omipv6_omi_keys; nothing here shows a key
 * anywhere, and every copy is wiped with memzero_explicit() when it is
 * replaced or freed.
 */
#ifndef _OMIPV6_OMI_H
#define _OMIPV6_OMI_H

#include <linux/atomic.h>
#include <linux/in6.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/workqueue.h>

#include "omipv6_dh.h"
#include "omipv6_drop.h"
#include "omipv6_rfc.h"

struct net;
struct omipv6_net;
struct omipv6_rx;
struct seq_file;

/* Largest DH message this module builds: DH2 of ffdhe2048. */
#define OMIPV6_OMI_MSG_MAX	(OMIPV6_OMI_OFF_PUB + OMIPV6_DH_PUB_MAX + \
				 OMIPV6_OMI_SIG_LEN + OMIPV6_OMI_MAC_LEN)
/* Largest DH2 or DH4 the mobile node keeps (options may follow). */
#define OMIPV6_OMI_RX_MAX	512
/* Correspondent node: pending exchanges and queued work per netns. */
#define OMIPV6_OMI_PENDING_MAX	64
#define OMIPV6_OMI_WORK_MAX	16
#define OMIPV6_OMI_PENDING_LIFETIME	30	/* seconds */
#define OMIPV6_OMI_HASH_BITS	6
/*
 * SA lifetime a correspondent grants in DH4 when net.omipv6.rekey_interval
 * is 0; otherwise three rekey intervals.  Seconds.
 */
#define OMIPV6_OMI_SA_LIFETIME	3600

/**
 * struct omipv6_omi_keys - Kabm of the two newest epochs of one pair
 * @epoch: epoch of each slot, 0 for an empty slot
 * @kabm: the keys (secret)
 *
 * Owned by its container, which serialises access and wipes it with
 * omipv6_omi_keys_wipe().
 */
struct omipv6_omi_keys {
	u32 epoch[2];
	u8 kabm[2][OMIPV6_KABM_LEN];
};

void omipv6_omi_keys_set(struct omipv6_omi_keys *keys, u32 epoch,
			 const u8 kabm[OMIPV6_KABM_LEN]);
bool omipv6_omi_keys_sigkey(const struct omipv6_omi_keys *keys, u32 epoch,
			    u8 sigkey[OMIPV6_KBM_LEN]);
void omipv6_omi_keys_wipe(struct omipv6_omi_keys *keys);

/**
 * struct omipv6_omi - a namespace's correspondent node responder
 * @lock: protects everything but @queued; spin_lock_bh()
 * @pend: hash chains of pending exchanges (omipv6_omi.c)
 * @npend: entries in @pend
 * @keys: hash chains of per-pair rekey keys (omipv6_omi.c)
 * @nkeys: entries in @keys
 * @queued: pending exchanges whose work item is queued or running
 * @gc_runs: runs of @gc, under @lock
 * @gc: expires pending exchanges and drops the keys of pairs without
 *	an SA; runs every second while either table is not empty
 * @dying: set under @lock by omipv6_omi_net_exit(): nothing is added,
 *	queued or re-armed afterwards
 */
struct omipv6_omi {
	spinlock_t lock;	/* see above */
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

/* Which way a DH2 copy came to the mobile node. */
enum omipv6_omi_path {
	OMIPV6_OMI_PATH_DIRECT,	/* to the care-of address, type 2 RH */
	OMIPV6_OMI_PATH_HA,	/* to the home address, through the HA */
};

/**
 * struct omipv6_omi_ini - the mobile node's side of one exchange
 * @key: our key pair (secret)
 * @hoa: home address
 * @coa: care-of address the exchange runs from
 * @cn: correspondent address
 * @sid_mn: our session id, as on the wire
 * @sid_cn: the correspondent's, from DH2
 * @n_mn: our nonce
 * @n_cn: the correspondent's nonce, from DH2
 * @sigkey: key of every SIG: Kbm, or the first octets of the current
 *	Kabm for a rekey (secret)
 * @gy: the correspondent's public value, from DH2
 * @km: MAC key (secret)
 * @kabm: the new Kabm (secret)
 * @lifetime: SA lifetime from DH4, seconds (0: no limit)
 * @msg: the last message we sent (DH1 or DH3), for retransmission
 * @msg_len: its length
 * @rx: the first DH2 copy, later the DH4
 * @rx_len: its length, 0 when none
 * @rx_path: the path the DH2 copy in @rx came on
 *
 * Allocated by omipv6_omi_ini_new(), freed and wiped by
 * omipv6_omi_ini_free(); the mobile node serialises every access.
 */
struct omipv6_omi_ini {
	struct omipv6_dh_key key;
	struct in6_addr hoa;
	struct in6_addr coa;
	struct in6_addr cn;
	__be32 sid_mn;
	__be32 sid_cn;
	u8 n_mn[OMIPV6_OMI_NONCE_LEN];
	u8 n_cn[OMIPV6_OMI_NONCE_LEN];
	u8 sigkey[OMIPV6_KBM_LEN];
	u8 gy[OMIPV6_DH_PUB_MAX];
	u8 km[OMIPV6_KM_LEN];
	u8 kabm[OMIPV6_KABM_LEN];
	u32 lifetime;
	u8 msg[OMIPV6_OMI_MSG_MAX];
	unsigned int msg_len;
	u8 rx[OMIPV6_OMI_RX_MAX];
	unsigned int rx_len;
	enum omipv6_omi_path rx_path;
};

/* Process context: allocates and makes a key pair. */
struct omipv6_omi_ini *omipv6_omi_ini_new(u16 group,
					  const u8 sigkey[OMIPV6_KBM_LEN]);
void omipv6_omi_ini_free(struct omipv6_omi_ini *ini);
/* Any context: DH1 into @ini->msg for @hoa, @coa, @cn. */
int omipv6_omi_ini_dh1(struct omipv6_omi_ini *ini, const struct in6_addr *hoa,
		       const struct in6_addr *coa, const struct in6_addr *cn);
/* Process context: check the DH2 in @ini->rx, DH3 into @ini->msg. */
int omipv6_omi_ini_dh2(struct omipv6_omi_ini *ini, enum omipv6_drop *reason);
/* Any context: check the DH4 in @ini->rx. */
int omipv6_omi_ini_dh4(struct omipv6_omi_ini *ini, enum omipv6_drop *reason);

/*
 * Multicast an OMIPV6_CMD_EVENT (include/uapi/linux/omipv6.h) to the
 * "events" group of @net's listeners; implemented by the generic
 * netlink family (omipv6_netlink.c).  Context: process or softirq.
 */
void omipv6_genl_event(struct net *net, u8 type, const struct in6_addr *hoa,
		       const struct in6_addr *cn);

#endif /* _OMIPV6_OMI_H */
