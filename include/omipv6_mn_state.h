/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The mobile node's state (one struct omipv6_mn per namespace, on->mn)
 * and the contract every omipv6_mn*.c file works under.  Only the mobile
 * node role includes this header.
 *
 * Locking and context:
 *
 *  - mn->mutex serialises omipv6_mn_run(), the state machine.  It runs
 *    from two work items on system_wq: mn->work (queued by events: the
 *    notifiers, the MH handler, sysctl, netlink) and mn->timer (the
 *    next retransmission, refresh or hold-down).  Only the run arms the
 *    timer.  Lock order: mn->mutex, cfg->lock, xo->lock, mn->lock.
 *  - mn->lock (spin_lock_bh) protects everything the MH handler
 *    (softirq) and /proc read or write: the location, the home
 *    registration, the correspondent states and the handover records.
 *    The run sends its messages under it (omipv6_tx_mh_ex() does not
 *    sleep and delivers nothing synchronously).
 *  - mn->loc_seq, a seqcount under mn->lock, publishes the location for
 *    omipv6_mn_tunnel_lookup(), which the data path calls for every packet.
 *  - The MN-HA key is never copied: home BUs are authenticated and home
 *    BAs verified in the run, under cfg->lock.  The handler only
 *    matches a BA from the home agent against the outstanding BU and
 *    copies it for the run.  Return-routability tokens and Kbm live in
 *    the correspondent state and are wiped when replaced or freed.
 *  - OMIPv6 exchange: the handler takes the DH2 copies and the DH4
 *    under mn->lock into the exchange's struct omipv6_omi_ini and sets
 *    omi_todo; the run, after its locked phase and without any spinlock
 *    (mn->mutex held), does the Diffie-Hellman work of every todo and
 *    installs the SA, with omi_busy set so the handler leaves the
 *    exchange alone meanwhile.  Only the run allocates or frees an
 *    exchange (the handler may free one it aborts while not busy).
 *    Lock order adds, after mn->lock, the SA table's lock.
 *
 * Lifetime: omipv6_mn_init() allocates the state; omipv6_mn_exit() stops
 * it (mn->stopped under mn->lock: nothing queues or arms afterwards),
 * waits for both work items and frees it after an RCU grace period, as
 * the notifiers look it up under rcu_read_lock().
 */
#ifndef _OMIPV6_MN_STATE_H
#define _OMIPV6_MN_STATE_H

#include <linux/in6.h>
#include <linux/list.h>
#include <linux/minmax.h>
#include <linux/mutex.h>
#include <linux/seqlock.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/workqueue.h>

#include "omipv6.h"
#include "omipv6_mn.h"
#include "omipv6_omi.h"
#include "omipv6_rfc.h"
#include "omipv6_sa.h"

/* Largest BA from the home agent the handler keeps for the run. */
#define OMIPV6_MN_BA_MAX	64
/* Room for a BU with Nonce Indices and BAD, MN-HA or Kabm option. */
#define OMIPV6_MN_BU_MAX	48
/* The home registration is refreshed at this share of its lifetime. */
#define OMIPV6_MN_REFRESH_PCT	80
/* Recheck while a care-of address candidate is still tentative. */
#define OMIPV6_MN_TENTATIVE_POLL	(HZ / 2)
/*
 * Recheck, at the next tick, an optimistic candidate whose DAD has not
 * begun; that takes the kernel one work item.
 */
#define OMIPV6_MN_JOIN_POLL		1
/* Lifetime asked of a correspondent node, in 4 second units. */
#define OMIPV6_MN_CN_UNITS \
	(OMIPV6_MAX_RR_BINDING_LIFETIME / OMIPV6_LIFETIME_UNIT)

enum omipv6_mn_where {
	OMIPV6_MN_OFF,
	OMIPV6_MN_DETACHED,
	OMIPV6_MN_HOME,
	OMIPV6_MN_AWAY,
};

enum omipv6_mn_ha_state {
	OMIPV6_MN_HA_NONE,
	OMIPV6_MN_HA_PENDING,
	OMIPV6_MN_HA_BOUND,
};

enum omipv6_mn_cn_state {
	OMIPV6_MN_CN_IDLE,
	OMIPV6_MN_CN_RR,
	OMIPV6_MN_CN_BU,
	OMIPV6_MN_CN_BOUND,
	OMIPV6_MN_CN_TUNNEL,
};

/* The OMIPv6 exchange with one correspondent. */
enum omipv6_mn_omi {
	OMIPV6_MN_OMI_IDLE,		/* none, no SA */
	OMIPV6_MN_OMI_DH1,		/* DH1 sent, DH2 awaited */
	OMIPV6_MN_OMI_DH2,		/* one DH2 copy held, the other awaited */
	OMIPV6_MN_OMI_DH3,		/* DH3 sent, DH4 awaited */
	OMIPV6_MN_OMI_ESTABLISHED,	/* the SA exists, no exchange runs */
	OMIPV6_MN_OMI_ABORTED,		/* the last exchange failed; hold-down */
	OMIPV6_MN_OMI_UNSUPPORTED,	/* the CN answered DH1 with BE 2 */
};

/* Work the run does for an exchange (omi_todo). */
enum omipv6_mn_omi_todo {
	OMIPV6_MN_OMI_DO_NOTHING,
	OMIPV6_MN_OMI_DO_START,		/* key pair, then DH1 */
	OMIPV6_MN_OMI_DO_DH2,		/* both DH2 copies agree: DH3 */
	OMIPV6_MN_OMI_DO_DH4,		/* DH4 arrived: the SA */
};

/**
 * struct omipv6_mn_cn - the mobile node's state with one correspondent
 * @list: in mn->cns; linked and unlinked by the run under mn->lock
 * @addr: correspondent address
 * @state: see enum omipv6_mn_cn_state
 * @dereg: the current round deregisters from home
 * @ro: route-optimization xfrm objects are wanted for @bound_coa
 * @registered: the correspondent may hold a binding for the home address
 * @have_hot: the HoT of the current round arrived
 * @have_cot: the CoT of the current round arrived
 * @sent: the current phase (RR or BU) sent its first message
 * @armed: @next is valid
 * @seq: sequence number of the last BU sent
 * @home_idx: home nonce index from the HoT
 * @coa_idx: care-of nonce index from the CoT
 * @hot_cookie: cookie of the outstanding HoTI
 * @cot_cookie: cookie of the outstanding CoTI
 * @home_tok: home keygen token (secret)
 * @coa_tok: care-of keygen token (secret)
 * @kbm: binding management key of the current round (secret)
 * @rr_coa: care-of address of the current round (home address: dereg)
 * @bound_coa: care-of address of the accepted binding
 * @timeout: current retransmission timeout, seconds
 * @tries: attempts that timed out in the current round
 * @lifetime: seconds the correspondent granted
 * @next: jiffies of the next action (retransmission, refresh, retry)
 * @expires: jiffies when the accepted binding ends
 * @have_kbm: @kbm is the Kbm of the last return-routability round
 * @bu_kabm: the BU of the current round is authenticated with Kabm
 * @sa: we hold a Kabm SA for (home address, @addr)
 * @omi: the OMIPv6 exchange, enum omipv6_mn_omi
 * @omi_todo: what the run must do next, enum omipv6_mn_omi_todo
 * @omi_busy: the run works on @ini without mn->lock
 * @omi_rekey: the running exchange gives the SA a new key
 * @omi_armed: @omi_next is valid
 * @rekey_due: a rekey is wanted as soon as the binding allows
 * @omi_events: bits (1 << enum omipv6_event_type) to report
 * @omi_group: DH group of the running or last exchange, 0 for none
 * @omi_tries: attempts at the current exchange step
 * @omi_timeout: its retransmission timeout, seconds
 * @omi_next: jiffies of the exchange's next deadline (retransmission,
 *	end of the DH2 window, end of the hold-down)
 * @omi_holddown: seconds the next hold-down lasts, 0 for
 *	net.omipv6.omi_holddown: doubles with each failed or refused
 *	exchange, up to OMIPV6_MAX_OMI_HOLDDOWN, and starts over once one
 *	succeeds
 * @epoch: epoch of the SA's newest key, 0 without SA
 * @sa_since: jiffies when that key was made, for periodic rekeys
 * @ini: the running exchange, or NULL (owned)
 * @keys: Kabm of the SA's newest epochs, for the SIG of a rekey
 *	(secret)
 * @dup_owed: the round was started together with the home registration
 *	(net.omipv6.parallel_cn_bu 2); once the home agent accepts that
 *	registration, @dup goes to the correspondent once more through it
 * @dup_len: length of @dup, 0 while the round has sent no BU
 * @dup: the round's last BU as sent, checksum field zero (no secret)
 */
struct omipv6_mn_cn {
	struct list_head list;
	struct in6_addr addr;
	enum omipv6_mn_cn_state state;
	bool dereg;
	bool ro;
	bool registered;
	bool have_hot;
	bool have_cot;
	bool sent;
	bool armed;
	u16 seq;
	u16 home_idx;
	u16 coa_idx;
	u8 hot_cookie[OMIPV6_COOKIE_LEN];
	u8 cot_cookie[OMIPV6_COOKIE_LEN];
	u8 home_tok[OMIPV6_TOKEN_LEN];
	u8 coa_tok[OMIPV6_TOKEN_LEN];
	u8 kbm[OMIPV6_KBM_LEN];
	struct in6_addr rr_coa;
	struct in6_addr bound_coa;
	unsigned int timeout;
	unsigned int tries;
	unsigned int lifetime;
	unsigned long next;
	unsigned long expires;
	bool have_kbm;
	bool bu_kabm;
	bool sa;
	enum omipv6_mn_omi omi;
	enum omipv6_mn_omi_todo omi_todo;
	bool omi_busy;
	bool omi_rekey;
	bool omi_armed;
	bool rekey_due;
	u8 omi_events;
	u16 omi_group;
	unsigned int omi_tries;
	unsigned int omi_timeout;
	unsigned long omi_next;
	unsigned int omi_holddown;
	u32 epoch;
	unsigned long sa_since;
	struct omipv6_omi_ini *ini;
	struct omipv6_omi_keys keys;
	bool dup_owed;
	unsigned int dup_len;
	u8 dup[OMIPV6_MN_BU_MAX];
};

/**
 * struct omipv6_mn_ha - home registration
 * @state: see enum omipv6_mn_ha_state
 * @bu_out: a BU is outstanding
 * @dereg: the outstanding BU deregisters (at home)
 * @armed: @next is valid
 * @ba_have: @ba holds a BA from the home agent for the run
 * @ba_opt: @ba carries an MN-HA option with our SPI
 * @seq: sequence number of the last BU sent
 * @bu_coa: care-of address of the outstanding BU (home address: dereg)
 * @timeout: current retransmission timeout, seconds
 * @lifetime: seconds granted
 * @next: jiffies of the next BU (retransmission, refresh, retry)
 * @expires: jiffies when the binding ends
 * @ba: the BA (whole Mobility Header)
 * @ba_len: its length
 * @ba_ns: when it arrived, CLOCK_REALTIME
 */
struct omipv6_mn_ha {
	enum omipv6_mn_ha_state state;
	bool bu_out;
	bool dereg;
	bool armed;
	bool ba_have;
	bool ba_opt;
	u16 seq;
	struct in6_addr bu_coa;
	unsigned int timeout;
	unsigned int lifetime;
	unsigned long next;
	unsigned long expires;
	u8 ba[OMIPV6_MN_BA_MAX];
	unsigned int ba_len;
	u64 ba_ns;
};

struct omipv6_mn_ho_cn {
	struct in6_addr cn;
	u64 ba;
};

/**
 * struct omipv6_mn_ho - one handover record
 * @id: handover number, from 1
 * @home: returned home (else @coa is the new care-of address)
 * @coa: care-of address
 * @start: movement detected, CLOCK_REALTIME ns
 * @ha_ba: BA from the home agent accepted, or 0
 * @ncns: entries in @cns
 * @done: entries with a BA
 * @cns: correspondent nodes of the handover (kcalloc, owned)
 */
struct omipv6_mn_ho {
	unsigned int id;
	bool home;
	struct in6_addr coa;
	u64 start;
	u64 ha_ba;
	unsigned int ncns;
	unsigned int done;
	struct omipv6_mn_ho_cn *cns;
};

/**
 * struct omipv6_mn_loc - where the mobile node is
 * @hoa: home address
 * @coa: current care-of address
 * @ha: home agent address
 */
struct omipv6_mn_loc {
	struct in6_addr hoa;
	struct in6_addr coa;
	struct in6_addr ha;
};

/**
 * struct omipv6_mn - a namespace's mobile node
 * @on: the namespace
 * @mutex: serialises omipv6_mn_run()
 * @lock: see the top of this header
 * @loc_seq: publishes @loc and @away
 * @work: runs omipv6_mn_run() for an event
 * @timer: runs omipv6_mn_run() at the next deadline
 * @stopped: set by omipv6_mn_exit(); nothing queues or arms afterwards
 * @kick_move: OMIPV6_CMD_MOVE asked for a movement
 * @xfrm_dirty: the route-optimized bindings changed
 * @pref_ifindex: interface preferred for the care-of address, or 0
 * @event_ns: first notifier event since the last run, or 0
 * @where: where the node is (OMIPV6_MN_OFF: role off or not run yet)
 * @away: published: away from home with a home agent to tunnel to
 * @loc: published: home address, care-of address, home agent
 * @have_last: @last_where and @last_coa hold the last attachment
 * @last_where: last attachment (home or away), detached excluded
 * @last_coa: care-of address at @last_where
 * @spi: MN-HA SPI of the configuration the state was built on
 * @key_id: one-way digest of that configuration's MN-HA key, to notice
 *	a new key (never shown)
 * @ha: home registration
 * @cns: struct omipv6_mn_cn
 * @ho: handover records, a ring
 * @ho_id: id of the last record, 0 when none
 * @rcu: frees the structure
 */
struct omipv6_mn {
	struct omipv6_net *on;
	struct mutex mutex;	/* see above */
	spinlock_t lock;	/* see above */
	seqcount_spinlock_t loc_seq;
	struct work_struct work;
	struct delayed_work timer;
	bool stopped;
	bool kick_move;
	bool xfrm_dirty;
	int pref_ifindex;
	u64 event_ns;
	enum omipv6_mn_where where;
	bool away;
	struct omipv6_mn_loc loc;
	bool have_last;
	enum omipv6_mn_where last_where;
	struct in6_addr last_coa;
	u32 spi;
	u8 key_id[OMIPV6_RR_AUTH_LEN];
	struct omipv6_mn_ha ha;
	struct list_head cns;
	struct omipv6_mn_ho ho[OMIPV6_MN_HANDOVERS];
	unsigned int ho_id;
	struct rcu_head rcu;
};

/* What omipv6_mn_locate() found. */
struct omipv6_mn_found {
	enum omipv6_mn_where where;
	struct in6_addr coa;
	bool tentative;
	bool joining;
};

/* Caller holds mn->lock.  Queue the event work unless stopped. */
static inline void omipv6_mn_queue(struct omipv6_mn *mn)
{
	if (!mn->stopped)
		queue_work(system_wq, &mn->work);
}

/* Caller holds mn->lock: the SA of the pair (home address, @c). */
static inline struct omipv6_sa_id omipv6_mn_sa_id(const struct omipv6_mn *mn,
						  const struct omipv6_mn_cn *c)
{
	struct omipv6_sa_id id = { .hoa = mn->loc.hoa, .cn = c->addr };

	return id;
}

/* Caller holds mn->lock: next retransmission timeout after one ran out. */
static inline unsigned int omipv6_mn_backoff(unsigned int timeout)
{
	return min_t(unsigned int, timeout * 2, OMIPV6_MAX_BINDACK_TIMEOUT);
}

/* Seconds between periodic rekeys, 0 for none. */
static inline unsigned int omipv6_mn_rekey_interval(struct omipv6_mn *mn)
{
	return READ_ONCE(mn->on->sysctl.rekey_interval);
}

/* Caller holds mn->lock. */
struct omipv6_mn_cn *omipv6_mn_cn_find(struct omipv6_mn *mn,
				       const struct in6_addr *addr);

#endif /* _OMIPV6_MN_STATE_H */
