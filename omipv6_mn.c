// SPDX-License-Identifier: GPL-2.0
/*
 * Mobile node (RFC 6275 §11): movement detection, home registration
 * with RFC 4285 MN-HA authentication, return routability and binding
 * updates to the correspondent nodes, and what the data path and the
 * xfrm objects need to know about where the node is.  With OMIPv6
 * (draft-haddad-mipv6-omipv6-01) it also runs the Diffie-Hellman
 * exchange with each correspondent after return routability, and once
 * the pair has a Kabm security association it updates that
 * correspondent with one BU under Kabm per movement, without return
 * routability.
 *
 * Order of the BUs after a movement: the home BU first; return
 * routability with a correspondent only once the home agent's BA has
 * come (the HoTI takes the reverse tunnel, which the home agent takes
 * only from the registered care-of address).  A BU under Kabm needs no
 * home path, and with net.omipv6.parallel_cn_bu it leaves in the same
 * run as the home BU, to every correspondent the node holds an SA
 * with.  With parallel_cn_bu 2, when the home agent accepts the
 * registration the node sends that round's last BU once more,
 * unchanged, through the reverse tunnel (draft §7's copy via the home
 * agent, which the correspondent drops as a replay once the direct copy
 * moved its binding; it carries no care-of address, so it cannot move a
 * binding itself and is one more message for nothing when the direct
 * copy arrived, hence not sent with 1).  The round then runs as any
 * other: retransmissions take a new sequence number, a BA for any of
 * them ends it, and the handover record's per-correspondent BA time may
 * precede its ha_ba.  The sysctl is read at each movement.
 *
 * The home agent may refuse that registration (BA status 128 or more,
 * 135 aside) after a correspondent already moved its binding.  The node
 * keeps that binding and its round: the correspondent verified the BU
 * under Kabm, which only the owner of the home address holds, and its
 * BA came back to the new care-of address, so the binding is right;
 * deregistering or pointing it back would only send the
 * correspondent's traffic along the home path, which is broken too
 * (the home agent still tunnels to the old care-of address, or to
 * nothing).  No copy goes through the home agent, which would drop
 * it.  The binding is not refreshed while the home registration is
 * missing (a bound correspondent falls back to idle at its refresh
 * time and the binding ends with its lifetime, at most
 * MAX_RR_BINDING_LIFETIME); once the retried home registration is
 * accepted, a correspondent left idle starts a new round.  One in
 * return-routability mode waits for the home registration as always.
 * The correspondent, for its part, cannot know what the home agent
 * holds and does not try: a BU under Kabm is accepted for a care-of
 * address the home agent has not (yet) registered (omipv6_bu.c).
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
 *    omipv6_mn_away(), which the data path calls for every packet.
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
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/inetdevice.h>
#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <linux/random.h>
#include <linux/rcupdate.h>
#include <linux/seq_file.h>
#include <linux/seqlock.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/workqueue.h>
#include <net/addrconf.h>
#include <net/if_inet6.h>
#include <net/ipv6.h>
#include <net/netlink.h>

#include "omipv6.h"
#include "omipv6_cn.h"
#include "omipv6_codec.h"
#include "omipv6_mh.h"
#include "omipv6_mn.h"
#include "omipv6_omi.h"
#include "omipv6_rfc.h"
#include "omipv6_rr.h"
#include "omipv6_rs.h"
#include "omipv6_sa.h"
#include "omipv6_tx.h"
#include "omipv6_xfrm.h"
#include <uapi/linux/omipv6.h>

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

static const char *const omipv6_mn_where_name[] = {
	[OMIPV6_MN_OFF]		= "off",
	[OMIPV6_MN_DETACHED]	= "detached",
	[OMIPV6_MN_HOME]	= "home",
	[OMIPV6_MN_AWAY]	= "away",
};

enum omipv6_mn_ha_state {
	OMIPV6_MN_HA_NONE,
	OMIPV6_MN_HA_PENDING,
	OMIPV6_MN_HA_BOUND,
};

static const char *const omipv6_mn_ha_name[] = {
	[OMIPV6_MN_HA_NONE]	= "none",
	[OMIPV6_MN_HA_PENDING]	= "pending",
	[OMIPV6_MN_HA_BOUND]	= "bound",
};

enum omipv6_mn_cn_state {
	OMIPV6_MN_CN_IDLE,
	OMIPV6_MN_CN_RR,
	OMIPV6_MN_CN_BU,
	OMIPV6_MN_CN_BOUND,
	OMIPV6_MN_CN_TUNNEL,
};

static const char *const omipv6_mn_cn_name[] = {
	[OMIPV6_MN_CN_IDLE]	= "idle",
	[OMIPV6_MN_CN_RR]	= "rr",
	[OMIPV6_MN_CN_BU]	= "bu",
	[OMIPV6_MN_CN_BOUND]	= "bound",
	[OMIPV6_MN_CN_TUNNEL]	= "tunnel",
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

static const char *const omipv6_mn_omi_name[] = {
	[OMIPV6_MN_OMI_IDLE]		= "idle",
	[OMIPV6_MN_OMI_DH1]		= "dh1",
	[OMIPV6_MN_OMI_DH2]		= "dh2",
	[OMIPV6_MN_OMI_DH3]		= "dh3",
	[OMIPV6_MN_OMI_ESTABLISHED]	= "established",
	[OMIPV6_MN_OMI_ABORTED]		= "aborted",
	[OMIPV6_MN_OMI_UNSUPPORTED]	= "unsupported",
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
 * struct omipv6_mn - a namespace's mobile node
 * @on: the namespace
 * @mutex: serialises omipv6_mn_run()
 * @lock: see the top of this file
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
static void omipv6_mn_queue(struct omipv6_mn *mn)
{
	if (!mn->stopped)
		queue_work(system_wq, &mn->work);
}

static void omipv6_mn_cn_wipe(struct omipv6_mn_cn *c)
{
	memzero_explicit(c->home_tok, sizeof(c->home_tok));
	memzero_explicit(c->coa_tok, sizeof(c->coa_tok));
	memzero_explicit(c->kbm, sizeof(c->kbm));
	c->have_kbm = false;
}

/* The correspondent is gone: its exchange and keys with it. */
static void omipv6_mn_cn_free(struct omipv6_mn_cn *c)
{
	omipv6_mn_cn_wipe(c);
	omipv6_omi_ini_free(c->ini);
	omipv6_omi_keys_wipe(&c->keys);
	kfree(c);
}

/* Caller holds mn->lock. */
static struct omipv6_mn_cn *omipv6_mn_cn_find(struct omipv6_mn *mn,
					      const struct in6_addr *addr)
{
	struct omipv6_mn_cn *c;

	list_for_each_entry(c, &mn->cns, list)
		if (ipv6_addr_equal(&c->addr, addr))
			return c;
	return NULL;
}

/* Caller holds mn->lock: the SA of the pair (home address, @c). */
static struct omipv6_sa_id omipv6_mn_sa_id(const struct omipv6_mn *mn,
					   const struct omipv6_mn_cn *c)
{
	struct omipv6_sa_id id = { .hoa = mn->loc.hoa, .cn = c->addr };

	return id;
}

/*
 * Caller holds mn->lock; the run is not working on @c's exchange: stop
 * it without counting anything (the node moved, or starts over).
 */
static void omipv6_mn_omi_cancel(struct omipv6_mn_cn *c)
{
	omipv6_omi_ini_free(c->ini);
	c->ini = NULL;
	c->omi_todo = OMIPV6_MN_OMI_DO_NOTHING;
	c->omi_armed = false;
	c->omi_rekey = false;
	if (c->omi != OMIPV6_MN_OMI_UNSUPPORTED)
		c->omi = c->sa ? OMIPV6_MN_OMI_ESTABLISHED : OMIPV6_MN_OMI_IDLE;
}

/*
 * Caller holds mn->lock; the run is not working on @c's exchange: it
 * failed.  No new one starts before OMIPV6_MN_CN_HOLDDOWN seconds or
 * the next movement; meanwhile the binding stays as it is (under the
 * SA when there is one, else return routability).  @event (enum
 * omipv6_event_type, 0 for none) is reported and counted.
 */
static void omipv6_mn_omi_abort(struct omipv6_mn *mn, struct omipv6_mn_cn *c,
				u8 event, unsigned long now)
{
	omipv6_omi_ini_free(c->ini);
	c->ini = NULL;
	c->omi = OMIPV6_MN_OMI_ABORTED;
	c->omi_todo = OMIPV6_MN_OMI_DO_NOTHING;
	c->omi_rekey = false;
	c->rekey_due = false;
	c->omi_armed = true;
	c->omi_next = now + OMIPV6_MN_CN_HOLDDOWN * HZ;
	if (event == OMIPV6_EVENT_MITM)
		omipv6_count_event(mn->on, OMIPV6_EV_OMI_ABORT_MITM);
	else if (event == OMIPV6_EVENT_TIMEOUT)
		omipv6_count_event(mn->on, OMIPV6_EV_OMI_ABORT_TIMEOUT);
	if (event)
		c->omi_events |= BIT(event);
}

/* Caller holds mn->lock: the pair's SA is gone (or is to go). */
static void omipv6_mn_omi_forget_sa(struct omipv6_mn_cn *c)
{
	c->sa = false;
	c->epoch = 0;
	omipv6_omi_keys_wipe(&c->keys);
	if (c->omi == OMIPV6_MN_OMI_ESTABLISHED)
		c->omi = OMIPV6_MN_OMI_IDLE;
}

/* Caller holds mn->lock: (re)send the exchange's DH1 or DH3. */
static void omipv6_mn_omi_send(struct omipv6_mn *mn, struct omipv6_mn_cn *c)
{
	const struct omipv6_omi_ini *ini = c->ini;
	struct omipv6_tx tx = {
		.saddr = &ini->coa,
		.daddr = &c->addr,
		.hao = &ini->hoa,
	};

	if (!omipv6_tx_mh_ex(mn->on, &tx, ini->msg, ini->msg_len) &&
	    ini->msg[OMIPV6_OMI_OFF_SUBTYPE] == OMIPV6_OMI_DH1)
		omipv6_count_event(mn->on, OMIPV6_EV_OMI_DH1_SENT);
}

static struct omipv6_mn_ho *omipv6_mn_ho_cur(struct omipv6_mn *mn)
{
	if (!mn->ho_id)
		return NULL;
	return &mn->ho[(mn->ho_id - 1) % OMIPV6_MN_HANDOVERS];
}

/* Caller holds mn->lock: a BA from @cn accepted at @ns. */
static void omipv6_mn_ho_cn_ba(struct omipv6_mn *mn,
			       const struct in6_addr *cn, u64 ns)
{
	struct omipv6_mn_ho *ho = omipv6_mn_ho_cur(mn);
	unsigned int i;

	if (!ho)
		return;
	for (i = 0; i < ho->ncns; i++) {
		if (!ipv6_addr_equal(&ho->cns[i].cn, cn))
			continue;
		if (!ho->cns[i].ba) {
			ho->cns[i].ba = ns;
			ho->done++;
		}
		return;
	}
}

/* Caller holds mn->lock: publish the location for omipv6_mn_away(). */
static void omipv6_mn_publish(struct omipv6_mn *mn,
			      enum omipv6_mn_where where,
			      const struct in6_addr *coa,
			      const struct in6_addr *hoa,
			      const struct in6_addr *ha)
{
	write_seqcount_begin(&mn->loc_seq);
	mn->where = where;
	mn->loc.coa = *coa;
	mn->loc.hoa = *hoa;
	mn->loc.ha = *ha;
	WRITE_ONCE(mn->away, where == OMIPV6_MN_AWAY &&
		   !ipv6_addr_any(ha) && !ipv6_addr_any(hoa));
	write_seqcount_end(&mn->loc_seq);
}

/* Caller holds mn->lock: a correspondent starts over in @state. */
static void omipv6_mn_cn_reset(struct omipv6_mn_cn *c,
			       enum omipv6_mn_cn_state state)
{
	c->state = state;
	c->dereg = false;
	c->have_hot = false;
	c->have_cot = false;
	c->sent = false;
	c->armed = false;
	c->tries = 0;
	c->timeout = OMIPV6_INITIAL_BINDACK_TIMEOUT;
	c->dup_owed = false;
	c->dup_len = 0;
	omipv6_mn_cn_wipe(c);
}

/*
 * Caller holds mn->lock: forget everything about where the node was,
 * the Kabm SAs and exchanges included (their home address may change).
 */
static void omipv6_mn_reset(struct omipv6_mn *mn)
{
	struct omipv6_mn_cn *c;

	memset(&mn->ha, 0, sizeof(mn->ha));
	mn->ha.seq = get_random_u16();
	mn->have_last = false;
	list_for_each_entry(c, &mn->cns, list) {
		omipv6_mn_cn_reset(c, OMIPV6_MN_CN_IDLE);
		if (c->ro)
			mn->xfrm_dirty = true;
		c->ro = false;
		c->registered = false;
		if (c->sa) {
			struct omipv6_sa_id id = omipv6_mn_sa_id(mn, c);

			omipv6_sa_del(mn->on, &id);
		}
		omipv6_mn_omi_forget_sa(c);
		omipv6_mn_omi_cancel(c);
		c->omi = OMIPV6_MN_OMI_IDLE;
		c->rekey_due = false;
	}
}

/*
 * Caller holds rcu_read_lock(): @idev has joined @addr's solicited-node
 * group.  An optimistic address (RFC 4429) is usable once its DAD has
 * begun, which is also when the group is joined; before that, the
 * neighbour solicitation of a router delivering the answer to a BU
 * from it would find no listener and be retried a second later.
 */
static bool omipv6_mn_solicited_joined(struct inet6_dev *idev,
				       const struct in6_addr *addr)
{
	struct ifmcaddr6 *mc;
	struct in6_addr group;

	addrconf_addr_solict_mult(addr, &group);
	for (mc = rcu_dereference(idev->mc_list); mc;
	     mc = rcu_dereference(mc->next))
		if (ipv6_addr_equal(&mc->mca_addr, &group))
			return true;
	return false;
}

/*
 * Movement detection (see the contract in omipv6_mn.h's users): home
 * when an interface that is up, has carrier and is not loopback holds
 * the home address; else away with a global, non-deprecated, usable
 * address outside the home /64 on such an interface (@pref first, then
 * the lowest ifindex); else detached.  @out->tentative: a candidate
 * address still runs DAD; @out->joining: an optimistic candidate's DAD
 * has not begun yet.  Context: process; takes RCU and idev->lock.
 */
static void omipv6_mn_locate(struct net *net, const struct in6_addr *hoa,
			     int pref, struct omipv6_mn_found *out)
{
	int best = 0, best_pref = 0;
	struct inet6_ifaddr *ifa;
	struct net_device *dev;
	struct inet6_dev *idev;

	memset(out, 0, sizeof(*out));
	out->where = OMIPV6_MN_DETACHED;
	if (ipv6_addr_any(hoa))
		return;

	rcu_read_lock();
	for_each_netdev_rcu(net, dev) {
		if ((dev->flags & IFF_LOOPBACK) || !(dev->flags & IFF_UP) ||
		    !netif_carrier_ok(dev))
			continue;
		idev = __in6_dev_get(dev);
		if (!idev)
			continue;
		read_lock_bh(&idev->lock);
		list_for_each_entry(ifa, &idev->addr_list, if_list) {
			u32 flags = ifa->flags;

			if (ipv6_addr_equal(&ifa->addr, hoa)) {
				out->where = OMIPV6_MN_HOME;
				continue;
			}
			if (omipv6_config_check_addr(&ifa->addr, NULL) ||
			    ipv6_prefix_equal(&ifa->addr, hoa, 64) ||
			    (flags & (IFA_F_DEPRECATED | IFA_F_DADFAILED |
				      IFA_F_HOMEADDRESS)))
				continue;
			if ((flags & IFA_F_TENTATIVE) &&
			    !(flags & IFA_F_OPTIMISTIC)) {
				out->tentative = true;
				continue;
			}
			/* Without ND (NOARP) no group is ever joined. */
			if ((flags & IFA_F_OPTIMISTIC) &&
			    !(dev->flags & IFF_NOARP) &&
			    !omipv6_mn_solicited_joined(idev, &ifa->addr)) {
				out->joining = true;
				continue;
			}
			if (dev->ifindex == pref && !best_pref) {
				best_pref = dev->ifindex;
				out->coa = ifa->addr;
			} else if (!best_pref &&
				   (!best || dev->ifindex < best)) {
				best = dev->ifindex;
				out->coa = ifa->addr;
			}
		}
		read_unlock_bh(&idev->lock);
	}
	rcu_read_unlock();

	if (out->where != OMIPV6_MN_HOME && (best || best_pref))
		out->where = OMIPV6_MN_AWAY;
	if (out->where != OMIPV6_MN_AWAY)
		out->coa = in6addr_any;
}

/* Sending.  Callers hold cfg->lock (for the key) and mn->lock. */

static void omipv6_mn_send_ha_bu(struct omipv6_mn *mn,
				 const struct omipv6_config *cfg)
{
	struct omipv6_net *on = mn->on;
	struct omipv6_mn_ha *ha = &mn->ha;
	u8 buf[OMIPV6_MN_BU_MAX], *body, *opt;
	struct omipv6_tx tx = {};
	struct omipv6_mhb b;
	int len;

	omipv6_mhb_start(&b, buf, sizeof(buf), OMIPV6_MH_BU);
	body = omipv6_mhb_put(&b, OMIPV6_BU_END - OMIPV6_MH_OFF_DATA);
	opt = omipv6_mhb_opt(&b, OMIPV6_OPT_MNHA_AUTH, NULL,
			     OMIPV6_OPT_MNHA_AUTH_LEN);
	len = omipv6_mhb_finish(&b);
	if (!body || !opt || len < 0)
		return;
	ha->seq++;
	put_unaligned_be16(ha->seq, buf + OMIPV6_BU_OFF_SEQ);
	put_unaligned_be16(OMIPV6_BU_F_ACK | OMIPV6_BU_F_HOME,
			   buf + OMIPV6_BU_OFF_FLAGS);
	put_unaligned_be16(ha->dereg ? 0 : OMIPV6_MN_HOME_LIFETIME /
			   OMIPV6_LIFETIME_UNIT, buf + OMIPV6_BU_OFF_LIFETIME);
	opt[0] = OMIPV6_MNHA_SUBTYPE_MN_HA;
	put_unaligned_be32(cfg->spi, opt + 1);
	if (omipv6_rr_mnha_auth(cfg->key, cfg->key_len, &ha->bu_coa,
				&cfg->ha, buf, len, opt + 5)) {
		omipv6_count_drop(on, OMIPV6_DROP_INTERNAL);
		return;
	}
	tx.saddr = &ha->bu_coa;
	tx.daddr = &cfg->ha;
	if (!ha->dereg)
		tx.hao = &cfg->hoa;
	omipv6_tx_mh_ex(on, &tx, buf, len);
}

static void omipv6_mn_send_ti(struct omipv6_mn *mn, struct omipv6_mn_cn *c,
			      bool home)
{
	const struct omipv6_mn_loc *loc = &mn->loc;
	u8 buf[OMIPV6_TI_END], *body;
	struct omipv6_tx tx = {};
	struct omipv6_mhb b;
	u8 *cookie;
	int len;

	omipv6_mhb_start(&b, buf, sizeof(buf),
			 home ? OMIPV6_MH_HOTI : OMIPV6_MH_COTI);
	body = omipv6_mhb_put(&b, OMIPV6_TI_END - OMIPV6_MH_OFF_DATA);
	len = omipv6_mhb_finish(&b);
	if (!body || len != OMIPV6_TI_END)
		return;
	cookie = home ? c->hot_cookie : c->cot_cookie;
	get_random_bytes(cookie, OMIPV6_COOKIE_LEN);
	memcpy(buf + OMIPV6_TI_OFF_COOKIE, cookie, OMIPV6_COOKIE_LEN);
	tx.daddr = &c->addr;
	if (home) {
		tx.saddr = &loc->hoa;
		/* Away, the HoTI goes through the home agent. */
		if (!c->dereg) {
			tx.tun_src = &loc->coa;
			tx.tun_dst = &loc->ha;
		}
	} else {
		tx.saddr = &c->rr_coa;
	}
	omipv6_tx_mh_ex(mn->on, &tx, buf, len);
}

/*
 * Caller holds mn->lock: the BU of the current round.  Under the pair's
 * SA it carries the A bit and only the Kabm authenticator option
 * (signed with the SA's newest key); else Nonce Indices and Binding
 * Authorization Data under Kbm.
 */
static void omipv6_mn_send_cn_bu(struct omipv6_mn *mn, struct omipv6_mn_cn *c)
{
	static const u8 kabm[OMIPV6_OPT_KABM_AUTH_LEN] = {
		OMIPV6_XOPT_KABM_AUTH,
	};
	struct omipv6_sa_id id = omipv6_mn_sa_id(mn, c);
	const struct omipv6_mn_loc *loc = &mn->loc;
	u8 buf[OMIPV6_MN_BU_MAX], *body, *ni = NULL, *auth;
	struct omipv6_net *on = mn->on;
	struct omipv6_tx tx = {};
	struct omipv6_mhb b;
	int len;

	omipv6_mhb_start(&b, buf, sizeof(buf), OMIPV6_MH_BU);
	body = omipv6_mhb_put(&b, OMIPV6_BU_END - OMIPV6_MH_OFF_DATA);
	if (c->bu_kabm) {
		auth = omipv6_mhb_opt(&b, OMIPV6_OPT_EXPERIMENTAL, kabm,
				      sizeof(kabm));
	} else {
		ni = omipv6_mhb_opt(&b, OMIPV6_OPT_NONCE_IDX, NULL,
				    OMIPV6_OPT_NONCE_IDX_LEN);
		auth = omipv6_mhb_opt(&b, OMIPV6_OPT_BAD, NULL,
				      OMIPV6_OPT_BAD_LEN);
	}
	len = omipv6_mhb_finish(&b);
	if (!body || (!c->bu_kabm && !ni) || !auth || len < 0)
		return;
	c->seq++;
	put_unaligned_be16(c->seq, buf + OMIPV6_BU_OFF_SEQ);
	put_unaligned_be16(OMIPV6_BU_F_ACK, buf + OMIPV6_BU_OFF_FLAGS);
	put_unaligned_be16(c->dereg ? 0 : OMIPV6_MN_CN_UNITS,
			   buf + OMIPV6_BU_OFF_LIFETIME);
	if (c->bu_kabm) {
		if (omipv6_sa_sign(on, &id, &c->rr_coa, buf, len)) {
			omipv6_count_drop(on, OMIPV6_DROP_INTERNAL);
			return;
		}
	} else {
		put_unaligned_be16(c->home_idx, ni);
		put_unaligned_be16(c->dereg ? 0 : c->coa_idx, ni + 2);
		if (omipv6_rr_bad_auth(c->kbm, &c->rr_coa, &c->addr, buf, len,
				       auth)) {
			omipv6_count_drop(on, OMIPV6_DROP_INTERNAL);
			return;
		}
	}
	tx.saddr = &c->rr_coa;
	tx.daddr = &c->addr;
	if (!c->dereg)
		tx.hao = &loc->hoa;
	if (!omipv6_tx_mh_ex(on, &tx, buf, len) && c->dup_owed) {
		memcpy(c->dup, buf, len);
		c->dup_len = len;
	}
}

/*
 * Caller holds mn->lock; the home agent has just accepted the
 * registration of mn->ha.bu_coa.  Each correspondent whose round was
 * started together with that registration gets the round's last BU
 * once more, octet for octet (same sequence number, same Kabm
 * authenticator, same checksum: the pseudo-header holds the home and
 * correspondent addresses either way), from the home address through
 * the reverse tunnel: the draft's copy via the home agent.  The home
 * agent takes the tunnel only from the care-of address it has
 * registered, hence the wait.  One copy per round; a round that has
 * moved on (restarted, left to the tunnel) or names another care-of
 * address gets none.
 */
static void omipv6_mn_send_cn_dups(struct omipv6_mn *mn)
{
	const struct omipv6_mn_loc *loc = &mn->loc;
	struct omipv6_mn_cn *c;

	list_for_each_entry(c, &mn->cns, list) {
		struct omipv6_tx tx = {
			.saddr = &loc->hoa,
			.daddr = &c->addr,
			.tun_src = &c->rr_coa,
			.tun_dst = &loc->ha,
		};

		if (!c->dup_owed)
			continue;
		c->dup_owed = false;
		if (!c->dup_len || c->dereg || !c->bu_kabm ||
		    (c->state != OMIPV6_MN_CN_BU &&
		     c->state != OMIPV6_MN_CN_BOUND) ||
		    !ipv6_addr_equal(&c->rr_coa, &mn->ha.bu_coa))
			continue;
		omipv6_tx_mh_ex(mn->on, &tx, c->dup, c->dup_len);
	}
}

/*
 * Caller holds mn->lock: the home agent refused the registration.  No
 * copy goes through it; the correspondents' rounds and bindings stay
 * (see the top of this file).
 */
static void omipv6_mn_drop_cn_dups(struct omipv6_mn *mn)
{
	struct omipv6_mn_cn *c;

	list_for_each_entry(c, &mn->cns, list)
		c->dup_owed = false;
}

/* Caller holds mn->lock: next retransmission timeout after one ran out. */
static unsigned int omipv6_mn_backoff(unsigned int timeout)
{
	return min_t(unsigned int, timeout * 2, OMIPV6_MAX_BINDACK_TIMEOUT);
}

/*
 * Caller holds mn->lock: a new round with @c (dereg: from home): return
 * routability, then a BU; or, under the pair's Kabm SA, the BU at once.
 */
static void omipv6_mn_cn_start(struct omipv6_mn *mn, struct omipv6_mn_cn *c,
			       bool dereg, unsigned long now)
{
	omipv6_mn_cn_reset(c, c->sa ? OMIPV6_MN_CN_BU : OMIPV6_MN_CN_RR);
	c->bu_kabm = c->sa;
	c->dereg = dereg;
	c->rr_coa = dereg ? mn->loc.hoa : mn->loc.coa;
	c->armed = true;
	c->next = now;
}

/* Caller holds mn->lock: give @c up to the reverse tunnel. */
static void omipv6_mn_cn_fallback(struct omipv6_mn *mn,
				  struct omipv6_mn_cn *c, unsigned long now)
{
	unsigned int tries = c->tries;

	if (c->dereg || mn->where != OMIPV6_MN_AWAY) {
		/* At home there is no tunnel: the binding expires. */
		omipv6_mn_cn_reset(c, OMIPV6_MN_CN_IDLE);
		c->registered = false;
		return;
	}
	omipv6_mn_cn_reset(c, OMIPV6_MN_CN_TUNNEL);
	c->tries = tries;
	c->armed = true;
	c->next = now + OMIPV6_MN_CN_HOLDDOWN * HZ;
	if (c->ro) {
		c->ro = false;
		mn->xfrm_dirty = true;
	}
	omipv6_count_event(mn->on, OMIPV6_EV_MN_FALLBACK);
}

/*
 * Caller holds mn->lock: the current phase's message timed out.
 * Return: false when @c was given up.
 */
static bool omipv6_mn_cn_timed_out(struct omipv6_mn *mn,
				   struct omipv6_mn_cn *c, unsigned long now)
{
	if (++c->tries >= OMIPV6_MN_CN_TRIES) {
		omipv6_mn_cn_fallback(mn, c, now);
		return false;
	}
	c->timeout = omipv6_mn_backoff(c->timeout);
	omipv6_count_event(mn->on, OMIPV6_EV_MN_RETX);
	return true;
}

/* Caller holds mn->lock: one correspondent's due action. */
static void omipv6_mn_cn_step(struct omipv6_mn *mn, struct omipv6_mn_cn *c,
			      unsigned long now)
{
	bool away = mn->where == OMIPV6_MN_AWAY;
	bool ha_bound = mn->ha.state == OMIPV6_MN_HA_BOUND;

	if (c->sa) {
		struct omipv6_sa_id id = omipv6_mn_sa_id(mn, c);

		/* The SA ran out: back to return routability. */
		if (!omipv6_sa_exists(mn->on, &id)) {
			omipv6_mn_omi_forget_sa(c);
			if (c->state == OMIPV6_MN_CN_BU && c->bu_kabm)
				omipv6_mn_cn_start(mn, c, c->dereg, now);
		}
	}
	if (c->ro && c->state != OMIPV6_MN_CN_BOUND &&
	    time_after_eq(now, c->expires)) {
		c->ro = false;
		mn->xfrm_dirty = true;
	}
	if (c->state == OMIPV6_MN_CN_IDLE) {
		if (away && ha_bound)
			omipv6_mn_cn_start(mn, c, false, now);
		else
			return;
	}
	if (!c->armed || time_before(now, c->next))
		return;

	switch (c->state) {
	case OMIPV6_MN_CN_RR:
		if (!c->dereg && !(away && ha_bound)) {
			/* Starts over once the home registration is back. */
			omipv6_mn_cn_reset(c, OMIPV6_MN_CN_IDLE);
			return;
		}
		if (c->sent && !omipv6_mn_cn_timed_out(mn, c, now))
			return;
		if (!c->have_hot)
			omipv6_mn_send_ti(mn, c, true);
		if (!c->have_cot && !c->dereg)
			omipv6_mn_send_ti(mn, c, false);
		c->sent = true;
		c->next = now + c->timeout * HZ;
		break;
	case OMIPV6_MN_CN_BU:
		if (c->sent && !omipv6_mn_cn_timed_out(mn, c, now))
			return;
		omipv6_mn_send_cn_bu(mn, c);
		c->sent = true;
		c->next = now + c->timeout * HZ;
		break;
	case OMIPV6_MN_CN_BOUND:
	case OMIPV6_MN_CN_TUNNEL:
		/* Refresh before the binding runs out, or retry. */
		if (away && ha_bound)
			omipv6_mn_cn_start(mn, c, false, now);
		else
			omipv6_mn_cn_reset(c, OMIPV6_MN_CN_IDLE);
		break;
	default:
		c->armed = false;
		break;
	}
	/* A round started above sends right away. */
	if ((c->state == OMIPV6_MN_CN_RR || c->state == OMIPV6_MN_CN_BU) &&
	    c->armed && !c->sent && !time_before(now, c->next))
		omipv6_mn_cn_step(mn, c, now);
}

/* Seconds between periodic rekeys, 0 for none. */
static unsigned int omipv6_mn_rekey_interval(struct omipv6_mn *mn)
{
	return READ_ONCE(mn->on->sysctl.rekey_interval);
}

/*
 * Caller holds mn->lock: the exchange's due action with @c.  An
 * exchange starts once return routability has bound the
 * correspondent (first exchange, SIG under that round's Kbm), or, with
 * an SA, when a rekey is due (periodic, or after a movement with
 * net.omipv6.rekey_on_move) and the binding is in place (SIG under the
 * current Kabm).  Either needs net.omipv6.omi and the node away with
 * its home registration done.  DH1 and DH3 are sent again with backoff
 * up to OMIPV6_MN_CN_TRIES times, the second DH2 copy must come within
 * net.omipv6.dh2_window_ms of the first; else the exchange aborts.
 */
static void omipv6_mn_omi_step(struct omipv6_mn *mn, struct omipv6_mn_cn *c,
			       unsigned long now)
{
	struct omipv6_net *on = mn->on;
	unsigned int rekey;
	bool ready;

	if (c->omi_busy || c->omi_todo)
		return;
	switch (c->omi) {
	case OMIPV6_MN_OMI_DH1:
	case OMIPV6_MN_OMI_DH3:
		if (!c->omi_armed || time_before(now, c->omi_next))
			return;
		if (++c->omi_tries >= OMIPV6_MN_CN_TRIES) {
			omipv6_mn_omi_abort(mn, c, OMIPV6_EVENT_TIMEOUT, now);
			return;
		}
		c->omi_timeout = omipv6_mn_backoff(c->omi_timeout);
		c->omi_next = now + c->omi_timeout * HZ;
		omipv6_count_event(on, OMIPV6_EV_MN_RETX);
		omipv6_mn_omi_send(mn, c);
		return;
	case OMIPV6_MN_OMI_DH2:
		if (c->omi_armed && !time_before(now, c->omi_next))
			omipv6_mn_omi_abort(mn, c, OMIPV6_EVENT_TIMEOUT, now);
		return;
	case OMIPV6_MN_OMI_ABORTED:
		if (time_before(now, c->omi_next))
			return;
		omipv6_mn_omi_cancel(c);
		break;
	case OMIPV6_MN_OMI_IDLE:
	case OMIPV6_MN_OMI_ESTABLISHED:
		break;
	default:
		return;
	}

	ready = READ_ONCE(on->sysctl.omi) && mn->where == OMIPV6_MN_AWAY &&
		mn->ha.state == OMIPV6_MN_HA_BOUND &&
		c->state == OMIPV6_MN_CN_BOUND &&
		ipv6_addr_equal(&c->bound_coa, &mn->loc.coa);
	if (!ready)
		return;
	if (!c->sa) {
		if (c->have_kbm) {
			c->omi_rekey = false;
			c->omi_todo = OMIPV6_MN_OMI_DO_START;
		}
		return;
	}
	rekey = omipv6_mn_rekey_interval(mn);
	if (c->rekey_due ||
	    (rekey && time_after_eq(now, c->sa_since + rekey * HZ))) {
		c->omi_rekey = true;
		c->omi_todo = OMIPV6_MN_OMI_DO_START;
	}
}

/* Caller holds mn->lock: the home registration's due action. */
static void omipv6_mn_ha_step(struct omipv6_mn *mn,
			      const struct omipv6_config *cfg,
			      unsigned long now)
{
	struct omipv6_mn_ha *ha = &mn->ha;

	if (ha->state == OMIPV6_MN_HA_BOUND && time_after_eq(now, ha->expires))
		ha->state = OMIPV6_MN_HA_PENDING;
	if (!ha->armed || time_before(now, ha->next))
		return;
	if (!cfg->key_len || ipv6_addr_any(&cfg->ha)) {
		ha->armed = false;
		return;
	}
	if (ha->bu_out) {
		if (ha->dereg && ha->timeout >= OMIPV6_MAX_BINDACK_TIMEOUT) {
			/* The home agent's binding expires by itself. */
			ha->bu_out = false;
			ha->armed = false;
			ha->state = OMIPV6_MN_HA_NONE;
			return;
		}
		ha->timeout = omipv6_mn_backoff(ha->timeout);
		omipv6_count_event(mn->on, OMIPV6_EV_MN_RETX);
	} else {
		ha->timeout = OMIPV6_INITIAL_BINDACK_TIMEOUT;
		ha->bu_out = true;
		if (ha->state == OMIPV6_MN_HA_NONE && !ha->dereg)
			ha->state = OMIPV6_MN_HA_PENDING;
	}
	ha->bu_coa = ha->dereg ? cfg->hoa : mn->loc.coa;
	omipv6_mn_send_ha_bu(mn, cfg);
	ha->next = now + ha->timeout * HZ;
}

/*
 * Caller holds cfg->lock and mn->lock: the BA from the home agent the
 * handler kept.  Verifies its sequence number and MN-HA authenticator
 * (over the care-of address of the outstanding BU).  A rejection the
 * home agent could not authenticate (132, 133: no security association
 * for the home address) only makes the node back off.  An accepted
 * registration sends the copies via the home agent that BUs sent in
 * parallel with it owe; a rejection cancels them.
 */
static void omipv6_mn_ha_ba(struct omipv6_mn *mn,
			    const struct omipv6_config *cfg,
			    unsigned long now)
{
	struct omipv6_mn_ha *ha = &mn->ha;
	struct omipv6_net *on = mn->on;
	struct omipv6_mn_ho *ho;
	u16 seq, units;
	u8 status;

	ha->ba_have = false;
	if (!ha->bu_out) {
		omipv6_count_drop(on, OMIPV6_DROP_MN_UNEXPECTED);
		return;
	}
	status = ha->ba[OMIPV6_BA_OFF_STATUS];
	seq = get_unaligned_be16(ha->ba + OMIPV6_BA_OFF_SEQ);
	units = get_unaligned_be16(ha->ba + OMIPV6_BA_OFF_LIFETIME);
	if (status != OMIPV6_BA_SEQ_OUT_OF_WINDOW && seq != ha->seq) {
		omipv6_count_drop(on, OMIPV6_DROP_MN_UNEXPECTED);
		return;
	}
	if (ha->ba_opt ? !cfg->key_len ||
	    omipv6_rr_mnha_verify(cfg->key, cfg->key_len, &ha->bu_coa,
				  &cfg->ha, ha->ba, ha->ba_len) :
	    status < OMIPV6_BA_UNSPECIFIED ||
	    status == OMIPV6_BA_SEQ_OUT_OF_WINDOW) {
		omipv6_count_drop(on, OMIPV6_DROP_MN_AUTH);
		return;
	}

	if (status == OMIPV6_BA_SEQ_OUT_OF_WINDOW) {
		/* The next BU goes out at once, newer than @seq. */
		ha->seq = seq;
		ha->bu_out = false;
		ha->armed = true;
		ha->next = now;
		return;
	}
	ha->bu_out = false;
	if (status != OMIPV6_BA_ACCEPTED) {
		omipv6_count_event(on, OMIPV6_EV_MN_BA_REJECTED);
		ha->state = OMIPV6_MN_HA_NONE;
		ha->armed = !ha->dereg;
		ha->next = now + OMIPV6_MAX_BINDACK_TIMEOUT * HZ;
		omipv6_mn_drop_cn_dups(mn);
		return;
	}

	ho = omipv6_mn_ho_cur(mn);
	if (ho && !ho->ha_ba)
		ho->ha_ba = ha->ba_ns;
	if (ha->dereg) {
		ha->state = OMIPV6_MN_HA_NONE;
		ha->armed = false;
		return;
	}
	omipv6_count_event(on, OMIPV6_EV_MN_HA_BOUND);
	ha->state = OMIPV6_MN_HA_BOUND;
	ha->lifetime = units * OMIPV6_LIFETIME_UNIT;
	ha->expires = now + ha->lifetime * HZ;
	ha->armed = true;
	ha->next = now + max_t(unsigned long, HZ,
			       (unsigned long)ha->lifetime * HZ *
			       OMIPV6_MN_REFRESH_PCT / 100);
	omipv6_mn_send_cn_dups(mn);
}

/* Caller holds mn->lock: earliest armed deadline, or 0 when none. */
static unsigned long omipv6_mn_next(struct omipv6_mn *mn, bool *have)
{
	unsigned int rekey = omipv6_mn_rekey_interval(mn);
	unsigned long next = 0, now = jiffies, t;
	struct omipv6_mn_cn *c;

	*have = false;
	if (mn->ha.armed) {
		next = mn->ha.next;
		*have = true;
	}
	if (mn->ha.state == OMIPV6_MN_HA_BOUND &&
	    (!*have || time_before(mn->ha.expires, next))) {
		next = mn->ha.expires;
		*have = true;
	}
	list_for_each_entry(c, &mn->cns, list) {
		if (c->armed && (!*have || time_before(c->next, next))) {
			next = c->next;
			*have = true;
		}
		if (c->ro && c->state != OMIPV6_MN_CN_BOUND &&
		    (!*have || time_before(c->expires, next))) {
			next = c->expires;
			*have = true;
		}
		if (c->omi_armed &&
		    (!*have || time_before(c->omi_next, next))) {
			next = c->omi_next;
			*have = true;
		}
		/* An overdue rekey starts when the binding is back. */
		t = c->sa_since + rekey * HZ;
		if (c->sa && rekey && c->omi == OMIPV6_MN_OMI_ESTABLISHED &&
		    time_after(t, now) && (!*have || time_before(t, next))) {
			next = t;
			*have = true;
		}
	}
	return next;
}

static bool omipv6_mn_cfg_has(const struct omipv6_config *cfg,
			      const struct in6_addr *addr)
{
	struct omipv6_cn *cc;

	list_for_each_entry(cc, &cfg->cns, list)
		if (ipv6_addr_equal(&cc->addr, addr))
			return true;
	return false;
}

/*
 * Caller holds mn->mutex and cfg->lock: bring mn->cns in line with the
 * configured correspondent nodes.  New entries are allocated here;
 * entries no longer configured move to @gone for the caller to free.
 */
static void omipv6_mn_sync_cns(struct omipv6_mn *mn,
			       const struct omipv6_config *cfg,
			       struct list_head *gone)
{
	struct omipv6_mn_cn *c, *tmp;
	struct omipv6_cn *cc;
	LIST_HEAD(added);

	list_for_each_entry(cc, &cfg->cns, list) {
		bool found = false;

		list_for_each_entry(c, &mn->cns, list)
			if (ipv6_addr_equal(&c->addr, &cc->addr))
				found = true;
		if (found)
			continue;
		c = kzalloc(sizeof(*c), GFP_KERNEL);
		if (!c)
			break;
		c->addr = cc->addr;
		c->seq = get_random_u16();
		c->timeout = OMIPV6_INITIAL_BINDACK_TIMEOUT;
		list_add_tail(&c->list, &added);
	}

	spin_lock_bh(&mn->lock);
	list_for_each_entry_safe(c, tmp, &mn->cns, list) {
		if (omipv6_mn_cfg_has(cfg, &c->addr))
			continue;
		if (c->ro)
			mn->xfrm_dirty = true;
		if (c->sa) {
			struct omipv6_sa_id id = omipv6_mn_sa_id(mn, c);

			omipv6_sa_del(mn->on, &id);
			omipv6_mn_omi_forget_sa(c);
		}
		list_move_tail(&c->list, gone);
	}
	list_splice_tail_init(&added, &mn->cns);
	spin_unlock_bh(&mn->lock);
}

/*
 * Caller holds mn->lock: the node moved to @f (home or away), or was
 * told to.  Starts a handover record (@ho_cns, @ho_n: the
 * correspondents it waits for; taken over), re-registers with the home
 * agent and restarts every correspondent.  The old record's array is
 * returned in @old_cns for the caller to free.
 */
static void omipv6_mn_moved(struct omipv6_mn *mn,
			    const struct omipv6_config *cfg,
			    const struct omipv6_mn_found *f, u64 start,
			    struct omipv6_mn_ho_cn *ho_cns, unsigned int ho_n,
			    struct omipv6_mn_ho_cn **old_cns,
			    unsigned long now)
{
	bool home = f->where == OMIPV6_MN_HOME;
	bool was_away = mn->have_last && mn->last_where == OMIPV6_MN_AWAY;
	int parallel = READ_ONCE(mn->on->sysctl.parallel_cn_bu);
	struct omipv6_mn_ha *ha = &mn->ha;
	struct omipv6_mn_ho *ho;
	struct omipv6_mn_cn *c;
	unsigned int n = 0;

	mn->ho_id++;
	ho = &mn->ho[(mn->ho_id - 1) % OMIPV6_MN_HANDOVERS];
	*old_cns = ho->cns;
	memset(ho, 0, sizeof(*ho));
	ho->id = mn->ho_id;
	ho->home = home;
	ho->coa = f->coa;
	ho->start = start;
	ho->cns = ho_cns;

	omipv6_count_event(mn->on, OMIPV6_EV_MN_MOVE);
	if (home)
		omipv6_count_event(mn->on, OMIPV6_EV_MN_HOME);

	/* Home registration, or deregistration when coming home. */
	ha->bu_out = false;
	ha->ba_have = false;
	ha->dereg = home;
	ha->timeout = OMIPV6_INITIAL_BINDACK_TIMEOUT;
	if (home) {
		ha->armed = was_away || ha->state != OMIPV6_MN_HA_NONE;
		ha->state = OMIPV6_MN_HA_NONE;
	} else {
		/*
		 * The home agent still sends to the old care-of address (and
		 * takes the reverse tunnel only from it): return routability
		 * waits for the BA for this one.  A BU under Kabm needs no
		 * home path and, with parallel_cn_bu, goes out with the home
		 * BU.
		 */
		ha->armed = true;
		ha->state = OMIPV6_MN_HA_PENDING;
	}
	ha->next = now;

	list_for_each_entry(c, &mn->cns, list) {
		/* An exchange runs over one care-of address only. */
		omipv6_mn_omi_cancel(c);
		c->rekey_due = !home && c->sa &&
			       READ_ONCE(mn->on->sysctl.rekey_on_move);
		if (home) {
			bool reg = c->registered;

			if (c->ro)
				mn->xfrm_dirty = true;
			c->ro = false;
			omipv6_mn_cn_reset(c, OMIPV6_MN_CN_IDLE);
			if (reg)
				omipv6_mn_cn_start(mn, c, true, now);
		} else if (parallel && c->sa) {
			omipv6_mn_cn_start(mn, c, false, now);
			c->dup_owed = parallel == 2;
		} else {
			/* The old binding serves until the new BA. */
			omipv6_mn_cn_reset(c, OMIPV6_MN_CN_IDLE);
		}
		if (ho_cns && n < ho_n && (!home || c->state != OMIPV6_MN_CN_IDLE))
			ho_cns[n++].cn = c->addr;
	}
	ho->ncns = n;
	if (!ho_cns)
		ho->ncns = 0;
}

/* Caller holds mn->lock: the role is off, forget everything. */
static void omipv6_mn_off(struct omipv6_mn *mn)
{
	omipv6_mn_reset(mn);
	omipv6_mn_publish(mn, OMIPV6_MN_OFF, &in6addr_any, &in6addr_any,
			  &in6addr_any);
	mn->spi = 0;
}

/* Caller holds mn->mutex, not mn->lock: arm the timer for @delay. */
static void omipv6_mn_arm(struct omipv6_mn *mn, bool have, unsigned long next,
			  unsigned long poll)
{
	unsigned long now = jiffies, delay;

	if (poll && (!have || time_after(next, now + poll))) {
		next = now + poll;
		have = true;
	}
	spin_lock_bh(&mn->lock);
	if (have && !mn->stopped) {
		delay = time_after(next, now) ? next - now : 0;
		mod_delayed_work(system_wq, &mn->timer, delay);
	}
	spin_unlock_bh(&mn->lock);
}

/*
 * Caller holds cfg->lock: a digest that changes with the MN-HA key,
 * HMAC_SHA1 of the key over a constant (all zero without a key).
 */
static void omipv6_mn_key_id(const struct omipv6_config *cfg,
			     u8 id[OMIPV6_RR_AUTH_LEN])
{
	static const u8 zero[2 * OMIPV6_MH_UNIT];

	memset(id, 0, OMIPV6_RR_AUTH_LEN);
	if (cfg->key_len)
		omipv6_rr_mnha_auth(cfg->key, cfg->key_len, &in6addr_any,
				    &in6addr_any, zero, sizeof(zero), id);
}

/*
 * Caller holds mn->lock: publish what the run's Diffie-Hellman work
 * (@todo, with @err and @reason) made of @c's exchange; @ini is the
 * exchange (a new one for OMIPV6_MN_OMI_DO_START) and @epoch the SA's
 * new epoch after a DH4.
 */
static void omipv6_mn_omi_done(struct omipv6_mn *mn, struct omipv6_mn_cn *c,
			       enum omipv6_mn_omi_todo todo,
			       struct omipv6_omi_ini *ini, int err,
			       enum omipv6_drop reason, u32 epoch,
			       unsigned long now)
{
	struct omipv6_net *on = mn->on;
	bool rekey;

	if (err) {
		if (todo == OMIPV6_MN_OMI_DO_START)
			omipv6_omi_ini_free(ini);
		omipv6_count_drop(on, reason);
		net_dbg_ratelimited("exchange with %pI6c failed: %s (%d)\n",
				    &c->addr, omipv6_drop_name(reason), err);
		omipv6_mn_omi_abort(mn, c, 0, now);
		return;
	}

	switch (todo) {
	case OMIPV6_MN_OMI_DO_START:
		/* The binding must still be where the key was made for. */
		if (mn->where != OMIPV6_MN_AWAY ||
		    c->state != OMIPV6_MN_CN_BOUND ||
		    !ipv6_addr_equal(&c->bound_coa, &mn->loc.coa) ||
		    (c->omi != OMIPV6_MN_OMI_IDLE &&
		     c->omi != OMIPV6_MN_OMI_ESTABLISHED) ||
		    omipv6_omi_ini_dh1(ini, &mn->loc.hoa, &mn->loc.coa,
				       &c->addr)) {
			omipv6_omi_ini_free(ini);
			return;
		}
		c->ini = ini;
		c->omi = OMIPV6_MN_OMI_DH1;
		c->omi_group = ini->key.group;
		break;
	case OMIPV6_MN_OMI_DO_DH2:
		c->omi = OMIPV6_MN_OMI_DH3;
		break;
	case OMIPV6_MN_OMI_DO_DH4:
		rekey = c->sa;
		c->sa = true;
		c->epoch = epoch;
		c->sa_since = now;
		c->rekey_due = false;
		omipv6_omi_keys_set(&c->keys, epoch, ini->kabm);
		omipv6_omi_ini_free(ini);
		c->ini = NULL;
		c->omi = OMIPV6_MN_OMI_ESTABLISHED;
		c->omi_rekey = false;
		c->omi_armed = false;
		omipv6_count_event(on, rekey ? OMIPV6_EV_OMI_REKEY :
				   OMIPV6_EV_OMI_SA_UP);
		c->omi_events |= BIT(rekey ? OMIPV6_EVENT_REKEY :
				     OMIPV6_EVENT_SA_UP);
		/* A new key refreshes the binding at once (draft §7). */
		if (rekey && c->state == OMIPV6_MN_CN_BOUND &&
		    mn->where == OMIPV6_MN_AWAY &&
		    mn->ha.state == OMIPV6_MN_HA_BOUND) {
			omipv6_mn_cn_start(mn, c, false, now);
			omipv6_mn_cn_step(mn, c, now);
		}
		return;
	default:
		return;
	}
	c->omi_tries = 0;
	c->omi_timeout = OMIPV6_INITIAL_BINDACK_TIMEOUT;
	c->omi_armed = true;
	c->omi_next = now + c->omi_timeout * HZ;
	omipv6_mn_omi_send(mn, c);
}

/*
 * The exchanges' Diffie-Hellman work, at most one step per
 * correspondent.  Caller holds mn->mutex (the list of correspondents
 * does not change) and no spinlock: each todo is taken under mn->lock
 * with omi_busy set, worked on without it (key pairs, shared secrets,
 * the SA), and published under it again.
 */
static void omipv6_mn_omi_run(struct omipv6_mn *mn)
{
	struct omipv6_net *on = mn->on;
	struct omipv6_mn_cn *c;

	list_for_each_entry(c, &mn->cns, list) {
		enum omipv6_drop reason = OMIPV6_DROP_INTERNAL;
		struct omipv6_omi_ini *ini = NULL;
		enum omipv6_mn_omi_todo todo;
		u8 sigkey[OMIPV6_KBM_LEN];
		struct omipv6_sa_info info;
		struct omipv6_sa_id id;
		bool have_key = false;
		u32 epoch = 0;
		u16 group = 0;
		int err = 0;

		spin_lock_bh(&mn->lock);
		todo = c->omi_todo;
		c->omi_todo = OMIPV6_MN_OMI_DO_NOTHING;
		if (todo == OMIPV6_MN_OMI_DO_START) {
			group = READ_ONCE(on->sysctl.dh_group);
			if (c->omi_rekey) {
				have_key = omipv6_omi_keys_sigkey(&c->keys,
								  c->epoch,
								  sigkey);
			} else if (c->have_kbm) {
				memcpy(sigkey, c->kbm, sizeof(sigkey));
				have_key = true;
			}
		}
		ini = c->ini;
		c->omi_busy = todo != OMIPV6_MN_OMI_DO_NOTHING;
		spin_unlock_bh(&mn->lock);

		switch (todo) {
		case OMIPV6_MN_OMI_DO_START:
			if (!have_key) {
				err = -ENOKEY;
				break;
			}
			ini = omipv6_omi_ini_new(group, sigkey);
			if (IS_ERR(ini)) {
				err = PTR_ERR(ini);
				ini = NULL;
			}
			break;
		case OMIPV6_MN_OMI_DO_DH2:
			err = omipv6_omi_ini_dh2(ini, &reason);
			break;
		case OMIPV6_MN_OMI_DO_DH4:
			err = omipv6_omi_ini_dh4(ini, &reason);
			if (err)
				break;
			id.hoa = ini->hoa;
			id.cn = c->addr;
			epoch = omipv6_sa_get_info(on, &id, &info) ? 1 :
				info.epoch + 1;
			reason = OMIPV6_DROP_INTERNAL;
			err = omipv6_sa_install(on, &id, OMIPV6_SA_SIDE_MN,
						ini->key.group, epoch,
						ini->kabm, ini->lifetime);
			break;
		default:
			continue;
		}
		memzero_explicit(sigkey, sizeof(sigkey));

		spin_lock_bh(&mn->lock);
		c->omi_busy = false;
		omipv6_mn_omi_done(mn, c, todo, ini, err, reason, epoch,
				   jiffies);
		spin_unlock_bh(&mn->lock);
	}
}

/* Caller holds mn->mutex, no spinlock: report the exchanges' events. */
static void omipv6_mn_omi_events(struct omipv6_mn *mn)
{
	struct omipv6_mn_cn *c;
	struct in6_addr hoa, cn;
	unsigned long ev;
	unsigned int bit;

	list_for_each_entry(c, &mn->cns, list) {
		spin_lock_bh(&mn->lock);
		ev = c->omi_events;
		c->omi_events = 0;
		hoa = mn->loc.hoa;
		cn = c->addr;
		spin_unlock_bh(&mn->lock);
		for_each_set_bit(bit, &ev, BITS_PER_TYPE(c->omi_events))
			omipv6_genl_event(mn->on->net, bit, &hoa, &cn);
	}
}

/* The state machine; see the top of this file.  Context: process. */
static void omipv6_mn_run(struct omipv6_mn *mn)
{
	struct omipv6_net *on = mn->on;
	struct omipv6_config *cfg = &on->cfg;
	struct omipv6_mn_ho_cn *ho_cns = NULL, *old_cns = NULL;
	struct omipv6_mn_cn *c, *tmp;
	u8 key_id[OMIPV6_RR_AUTH_LEN];
	struct omipv6_mn_found f;
	unsigned int ho_n = 0;
	bool sync = false, have = false, moved, force, changed;
	unsigned long now, next = 0, poll;
	LIST_HEAD(gone);
	u64 start;
	int pref;

	mutex_lock(&mn->mutex);
	if (READ_ONCE(on->dying) || READ_ONCE(mn->stopped))
		goto out;

	if (!READ_ONCE(on->sysctl.role_mn)) {
		spin_lock_bh(&mn->lock);
		if (mn->where != OMIPV6_MN_OFF)
			omipv6_mn_off(mn);
		list_splice_tail_init(&mn->cns, &gone);
		mn->xfrm_dirty = false;
		mn->kick_move = false;
		memzero_explicit(mn->key_id, sizeof(mn->key_id));
		spin_unlock_bh(&mn->lock);
		sync = true;
		goto out;
	}

	mutex_lock(&cfg->lock);
	omipv6_mn_key_id(cfg, key_id);
	spin_lock_bh(&mn->lock);
	changed = mn->where == OMIPV6_MN_OFF ||
		  !ipv6_addr_equal(&cfg->hoa, &mn->loc.hoa) ||
		  !ipv6_addr_equal(&cfg->ha, &mn->loc.ha) ||
		  cfg->spi != mn->spi ||
		  memcmp(key_id, mn->key_id, sizeof(key_id));
	if (changed) {
		/* New configuration: start over, without old objects. */
		omipv6_mn_reset(mn);
		list_splice_tail_init(&mn->cns, &gone);
		mn->spi = cfg->spi;
		memcpy(mn->key_id, key_id, sizeof(key_id));
		omipv6_mn_publish(mn, OMIPV6_MN_DETACHED, &in6addr_any,
				  &cfg->hoa, &cfg->ha);
		sync = true;
	}
	force = mn->kick_move;
	mn->kick_move = false;
	pref = mn->pref_ifindex;
	start = mn->event_ns;
	mn->event_ns = 0;
	spin_unlock_bh(&mn->lock);

	omipv6_mn_sync_cns(mn, cfg, &gone);
	omipv6_mn_locate(on->net, &cfg->hoa, pref, &f);

	moved = f.where != OMIPV6_MN_DETACHED &&
		(force || !mn->have_last || f.where != mn->last_where ||
		 (f.where == OMIPV6_MN_AWAY &&
		  !ipv6_addr_equal(&f.coa, &mn->last_coa)));
	/* Starting at home with nothing registered is no movement. */
	if (moved && !force && !mn->have_last && f.where == OMIPV6_MN_HOME) {
		moved = false;
		mn->have_last = true;
		mn->last_where = OMIPV6_MN_HOME;
		mn->last_coa = in6addr_any;
	}
	if (moved && cfg->ncns) {
		ho_n = cfg->ncns;
		ho_cns = kcalloc(ho_n, sizeof(*ho_cns), GFP_KERNEL);
		if (!ho_cns)
			ho_n = 0;
	}
	if (!start)
		start = ktime_get_real_ns();

	now = jiffies;
	spin_lock_bh(&mn->lock);
	omipv6_mn_publish(mn, f.where, &f.coa, &cfg->hoa, &cfg->ha);
	if (moved) {
		omipv6_mn_moved(mn, cfg, &f, start, ho_cns, ho_n, &old_cns,
				now);
		ho_cns = NULL;
		mn->have_last = true;
		mn->last_where = f.where;
		mn->last_coa = f.coa;
	}
	if (mn->ha.ba_have)
		omipv6_mn_ha_ba(mn, cfg, now);
	if (f.where != OMIPV6_MN_DETACHED) {
		omipv6_mn_ha_step(mn, cfg, now);
		list_for_each_entry(c, &mn->cns, list) {
			omipv6_mn_cn_step(mn, c, now);
			omipv6_mn_omi_step(mn, c, now);
		}
	}
	spin_unlock_bh(&mn->lock);
	mutex_unlock(&cfg->lock);
	memzero_explicit(key_id, sizeof(key_id));

	omipv6_mn_omi_run(mn);
	omipv6_mn_omi_events(mn);

	spin_lock_bh(&mn->lock);
	if (mn->xfrm_dirty) {
		mn->xfrm_dirty = false;
		sync = true;
	}
	next = omipv6_mn_next(mn, &have);
	spin_unlock_bh(&mn->lock);
	poll = 0;
	if (f.where == OMIPV6_MN_DETACHED)
		poll = f.joining ? OMIPV6_MN_JOIN_POLL :
		       f.tentative ? OMIPV6_MN_TENTATIVE_POLL : 0;
	omipv6_mn_arm(mn, have, next, poll);
out:
	list_for_each_entry_safe(c, tmp, &gone, list) {
		list_del(&c->list);
		omipv6_mn_cn_free(c);
	}
	kfree(ho_cns);
	kfree(old_cns);
	if (sync)
		omipv6_xfrm_sync(on);
	mutex_unlock(&mn->mutex);
}

static void omipv6_mn_work(struct work_struct *work)
{
	omipv6_mn_run(container_of(work, struct omipv6_mn, work));
}

static void omipv6_mn_timer(struct work_struct *work)
{
	omipv6_mn_run(container_of(to_delayed_work(work), struct omipv6_mn,
				   timer));
}

/* Queue @on's run now and wait for it.  Context: process, no locks. */
static void omipv6_mn_run_sync(struct omipv6_net *on)
{
	struct omipv6_mn *mn = on->mn;

	if (!mn)
		return;
	spin_lock_bh(&mn->lock);
	omipv6_mn_queue(mn);
	spin_unlock_bh(&mn->lock);
	flush_work(&mn->work);
}

/**
 * omipv6_mn_role_changed - net.omipv6.mn was written with a new value
 * @on: the namespace
 *
 * Runs the state machine once and waits for it: on, the node locates
 * itself and installs the mobile node's xfrm objects; off, every state
 * and object goes (without deregistering).
 *
 * Context: process (sysctl write); sleeps.
 */
void omipv6_mn_role_changed(struct omipv6_net *on)
{
	omipv6_mn_run_sync(on);
}

/**
 * omipv6_mn_config_changed - the home address, home agent, MN-HA
 *	security association or correspondent list changed
 * @on: the namespace
 *
 * Queues a run.  A new home address, home agent, SPI or key starts the
 * mobile node over; a changed correspondent list only adds and removes
 * those correspondents.  Does not wait, so the caller may hold
 * cfg->lock.
 *
 * Context: process or softirq.
 */
void omipv6_mn_config_changed(struct omipv6_net *on)
{
	struct omipv6_mn *mn = on->mn;

	if (!mn)
		return;
	spin_lock_bh(&mn->lock);
	omipv6_mn_queue(mn);
	spin_unlock_bh(&mn->lock);
}

/**
 * omipv6_mn_move - OMIPV6_CMD_MOVE
 * @on: the namespace
 * @ifindex: interface whose address becomes the care-of address, or 0
 * @extack: for errors
 *
 * Runs movement detection now and treats its result as a movement;
 * returns once the run is done (the handover record exists).  The
 * interface stays preferred until the next move.
 *
 * Context: process, without cfg->lock; sleeps.
 * Return: 0, -EOPNOTSUPP when the mobile node role is off, -ENODEV for
 * an unknown interface.
 */
int omipv6_mn_move(struct omipv6_net *on, int ifindex,
		   struct netlink_ext_ack *extack)
{
	struct omipv6_mn *mn = on->mn;
	bool ok;

	if (!mn || !READ_ONCE(on->sysctl.role_mn)) {
		NL_SET_ERR_MSG(extack, "the mobile node role is off");
		return -EOPNOTSUPP;
	}
	if (ifindex) {
		rcu_read_lock();
		ok = dev_get_by_index_rcu(on->net, ifindex);
		rcu_read_unlock();
		if (!ok) {
			NL_SET_ERR_MSG(extack, "no such interface");
			return -ENODEV;
		}
	}
	spin_lock_bh(&mn->lock);
	mn->pref_ifindex = ifindex;
	mn->kick_move = true;
	mn->event_ns = ktime_get_real_ns();
	spin_unlock_bh(&mn->lock);
	omipv6_mn_run_sync(on);
	return 0;
}

/**
 * omipv6_mn_away - where the data path sends the home address's packets
 * @on: the namespace
 * @loc: filled when away
 *
 * Context: any; lock free (seqcount).
 * Return: true when away from home with a home agent configured.
 */
bool omipv6_mn_away(struct omipv6_net *on, struct omipv6_mn_loc *loc)
{
	struct omipv6_mn *mn = READ_ONCE(on->mn);
	unsigned int seq;
	bool away;

	if (!mn || !READ_ONCE(mn->away))
		return false;
	do {
		seq = read_seqcount_begin(&mn->loc_seq);
		away = mn->away;
		*loc = mn->loc;
	} while (read_seqcount_retry(&mn->loc_seq, seq));
	return away;
}

/**
 * omipv6_mn_ro_snapshot - the route-optimized bindings, for xfrm
 * @on: the namespace
 * @hoa: receives the home address, :: when the role is off
 * @out: receives up to @max bindings
 * @max: room in @out
 *
 * Context: process or softirq; takes mn->lock.
 * Return: the number of bindings, which may exceed @max.
 */
unsigned int omipv6_mn_ro_snapshot(struct omipv6_net *on,
				   struct in6_addr *hoa,
				   struct omipv6_mn_ro_info *out,
				   unsigned int max)
{
	struct omipv6_mn_cn *c;
	struct omipv6_mn *mn;
	unsigned int n = 0;

	*hoa = in6addr_any;
	/* omipv6_mn_exit() may be freeing it (RCU). */
	rcu_read_lock();
	mn = READ_ONCE(on->mn);
	if (!mn)
		goto out;
	spin_lock_bh(&mn->lock);
	if (mn->where != OMIPV6_MN_OFF) {
		*hoa = mn->loc.hoa;
		list_for_each_entry(c, &mn->cns, list) {
			if (!c->ro)
				continue;
			if (n < max) {
				out[n].cn = c->addr;
				out[n].coa = c->bound_coa;
			}
			n++;
		}
	}
	spin_unlock_bh(&mn->lock);
out:
	rcu_read_unlock();
	return n;
}

/* Receiving.  Context: softirq; callers hold mn->lock. */

static bool omipv6_mn_rcv_test(struct omipv6_mn *mn, struct omipv6_rx *rx,
			       unsigned long now)
{
	const struct omipv6_msg *msg = rx->msg;
	bool home = msg->type == OMIPV6_MH_HOT;
	struct omipv6_mn_cn *c;

	c = omipv6_mn_cn_find(mn, &rx->src);
	if (!c || c->state != OMIPV6_MN_CN_RR || rx->hao)
		return false;
	if (home) {
		if (c->have_hot || !ipv6_addr_equal(&rx->dst, &mn->loc.hoa) ||
		    memcmp(omipv6_field(msg, OMIPV6_T_OFF_COOKIE),
			   c->hot_cookie, OMIPV6_COOKIE_LEN))
			return false;
		c->home_idx = omipv6_get16(msg, OMIPV6_T_OFF_NONCE_IDX);
		memcpy(c->home_tok, omipv6_field(msg, OMIPV6_T_OFF_TOKEN),
		       OMIPV6_TOKEN_LEN);
		c->have_hot = true;
	} else {
		if (c->dereg || c->have_cot ||
		    !ipv6_addr_equal(&rx->dst, &c->rr_coa) ||
		    memcmp(omipv6_field(msg, OMIPV6_T_OFF_COOKIE),
			   c->cot_cookie, OMIPV6_COOKIE_LEN))
			return false;
		c->coa_idx = omipv6_get16(msg, OMIPV6_T_OFF_NONCE_IDX);
		memcpy(c->coa_tok, omipv6_field(msg, OMIPV6_T_OFF_TOKEN),
		       OMIPV6_TOKEN_LEN);
		c->have_cot = true;
	}
	if (!c->have_hot || (!c->dereg && !c->have_cot))
		return true;

	if (omipv6_rr_kbm(c->home_tok, c->dereg ? NULL : c->coa_tok,
			  c->kbm)) {
		omipv6_count_drop(mn->on, OMIPV6_DROP_INTERNAL);
		return true;
	}
	c->have_kbm = true;
	c->bu_kabm = false;
	c->state = OMIPV6_MN_CN_BU;
	c->sent = false;
	c->armed = true;
	c->next = now;
	c->timeout = OMIPV6_INITIAL_BINDACK_TIMEOUT;
	omipv6_mn_queue(mn);
	return true;
}

/* A BA from the home agent: kept for the run, which verifies it. */
static bool omipv6_mn_rcv_ha_ba(struct omipv6_mn *mn, struct omipv6_rx *rx)
{
	const struct omipv6_msg *msg = rx->msg;
	const u8 *opt;

	if (!mn->ha.bu_out || !ipv6_addr_equal(&rx->dst, &mn->loc.hoa) ||
	    msg->len > sizeof(mn->ha.ba))
		return false;
	opt = omipv6_opt_data(msg, OMIPV6_OI_MNHA_AUTH);
	mn->ha.ba_opt = opt && opt[0] == OMIPV6_MNHA_SUBTYPE_MN_HA &&
			get_unaligned_be32(opt + 1) == mn->spi;
	memcpy(mn->ha.ba, msg->mh, msg->len);
	mn->ha.ba_len = msg->len;
	mn->ha.ba_have = true;
	mn->ha.ba_ns = ktime_get_real_ns();
	omipv6_mn_queue(mn);
	return true;
}

static bool omipv6_mn_rcv_cn_ba(struct omipv6_mn *mn, struct omipv6_rx *rx,
				unsigned long now)
{
	const struct omipv6_msg *msg = rx->msg;
	u8 status = omipv6_field(msg, OMIPV6_BA_OFF_STATUS)[0];
	u16 seq = omipv6_get16(msg, OMIPV6_BA_OFF_SEQ);
	u16 units = omipv6_get16(msg, OMIPV6_BA_OFF_LIFETIME);
	struct omipv6_net *on = mn->on;
	struct omipv6_mn_cn *c;
	struct omipv6_sa_id id;
	unsigned int tries;
	bool authed;

	c = omipv6_mn_cn_find(mn, &rx->src);
	if (!c || c->state != OMIPV6_MN_CN_BU ||
	    !ipv6_addr_equal(&rx->dst, &mn->loc.hoa))
		return false;
	if (status != OMIPV6_BA_SEQ_OUT_OF_WINDOW && seq != c->seq)
		return false;
	if (c->bu_kabm) {
		/* Under the SA only a Kabm-authenticated BA counts. */
		id = omipv6_mn_sa_id(mn, c);
		if (!omipv6_opt_data(msg, OMIPV6_OI_KABM_AUTH) ||
		    omipv6_sa_verify(on, &id, &c->rr_coa, msg->mh, msg->len,
				     seq, false) != OMIPV6_SA_OK) {
			omipv6_count_drop(on, OMIPV6_DROP_SA_AUTH);
			return true;
		}
		authed = true;
	} else {
		authed = omipv6_opt_data(msg, OMIPV6_OI_BAD) &&
			 !omipv6_rr_bad_verify(c->kbm, &c->rr_coa, &c->addr,
					       msg->mh, msg->len);
	}

	switch (status) {
	case OMIPV6_BA_ACCEPTED:
		if (!authed)
			goto bad_auth;
		omipv6_mn_ho_cn_ba(mn, &c->addr, ktime_get_real_ns());
		if (c->dereg) {
			omipv6_mn_cn_reset(c, OMIPV6_MN_CN_IDLE);
			c->registered = false;
			break;
		}
		omipv6_count_event(on, OMIPV6_EV_MN_CN_BOUND);
		c->state = OMIPV6_MN_CN_BOUND;
		c->registered = true;
		c->lifetime = units * OMIPV6_LIFETIME_UNIT;
		c->expires = now + c->lifetime * HZ;
		c->armed = true;
		c->next = now + max_t(unsigned long, HZ,
				      (unsigned long)c->lifetime * HZ *
				      OMIPV6_MN_REFRESH_PCT / 100);
		c->tries = 0;
		if (!c->ro || !ipv6_addr_equal(&c->bound_coa, &c->rr_coa)) {
			c->bound_coa = c->rr_coa;
			c->ro = true;
			mn->xfrm_dirty = true;
		}
		break;
	case OMIPV6_BA_SEQ_OUT_OF_WINDOW:
		if (!authed)
			goto bad_auth;
		c->seq = seq;
		c->sent = false;
		c->armed = true;
		c->next = now;
		break;
	case OMIPV6_BA_EXPIRED_HOME_NONCE:
	case OMIPV6_BA_EXPIRED_COA_NONCE:
	case OMIPV6_BA_EXPIRED_NONCES:
		/* No Kbm at the CN, so no authenticator: a new round. */
		tries = c->tries + 1;
		if (tries >= OMIPV6_MN_CN_TRIES) {
			c->tries = tries;
			omipv6_mn_cn_fallback(mn, c, now);
			break;
		}
		omipv6_mn_cn_start(mn, c, c->dereg, now);
		c->tries = tries;
		break;
	default:
		omipv6_count_event(on, OMIPV6_EV_MN_BA_REJECTED);
		c->tries = OMIPV6_MN_CN_TRIES;
		omipv6_mn_cn_fallback(mn, c, now);
		break;
	}
	omipv6_mn_queue(mn);
	return true;

bad_auth:
	omipv6_count_drop(on, OMIPV6_DROP_MN_AUTH);
	return true;
}

static bool omipv6_mn_rcv_be(struct omipv6_mn *mn, struct omipv6_rx *rx,
			     unsigned long now)
{
	const struct omipv6_msg *msg = rx->msg;
	u8 status = omipv6_field(msg, OMIPV6_BE_OFF_STATUS)[0];
	struct omipv6_mn_cn *c;

	c = omipv6_mn_cn_find(mn, &rx->src);
	if (!c || (status != OMIPV6_BE_UNKNOWN_HAO &&
		   status != OMIPV6_BE_UNKNOWN_MH_TYPE) ||
	    memcmp(omipv6_field(msg, OMIPV6_BE_OFF_HOA), &mn->loc.hoa,
		   sizeof(struct in6_addr)))
		return false;
	if (status == OMIPV6_BE_UNKNOWN_MH_TYPE && !c->omi_busy &&
	    !c->omi_todo && (c->omi == OMIPV6_MN_OMI_DH1 ||
			     c->omi == OMIPV6_MN_OMI_DH3)) {
		/*
		 * No OMIPv6 at the correspondent: return routability stays
		 * as it is, and no exchange is tried with it again.
		 */
		omipv6_mn_omi_cancel(c);
		c->omi = OMIPV6_MN_OMI_UNSUPPORTED;
		c->omi_events |= BIT(OMIPV6_EVENT_UNSUPPORTED);
		omipv6_count_event(mn->on, OMIPV6_EV_OMI_UNSUPPORTED);
		omipv6_mn_queue(mn);
		return true;
	}
	if (c->sa) {
		/* Not authenticated with Kabm: no reason to give up the SA. */
		omipv6_count_drop(mn->on, OMIPV6_DROP_SA_AUTH);
		return true;
	}
	if (c->state == OMIPV6_MN_CN_TUNNEL)
		return true;
	c->tries = OMIPV6_MN_CN_TRIES;
	omipv6_mn_cn_fallback(mn, c, now);
	omipv6_mn_queue(mn);
	return true;
}

/*
 * A DH2 copy or the DH4 of a running exchange.  The first DH2 copy is
 * kept and opens the window; the second must come on the other path
 * (one with a type 2 routing header to the care-of address, one
 * through the home agent to the home address) and be the same octets,
 * else the exchange aborts as a possible man in the middle.  Checking
 * the DH2 and the DH4 is left to the run.  Return: false when the
 * message fits no exchange.
 */
static bool omipv6_mn_rcv_omi(struct omipv6_mn *mn, struct omipv6_rx *rx,
			      unsigned long now)
{
	const struct omipv6_msg *msg = rx->msg;
	enum omipv6_omi_path path;
	struct omipv6_omi_ini *ini;
	struct omipv6_mn_cn *c;
	bool dh2 = msg->subtype == OMIPV6_OMI_DH2;

	c = omipv6_mn_cn_find(mn, &rx->src);
	if (!c || !c->ini || c->omi_busy || c->omi_todo ||
	    !ipv6_addr_equal(&rx->dst, &mn->loc.hoa) ||
	    msg->len > OMIPV6_OMI_RX_MAX)
		return false;
	ini = c->ini;
	if (memcmp(omipv6_field(msg, OMIPV6_OMI_OFF_SID_MN), &ini->sid_mn,
		   sizeof(ini->sid_mn)))
		return false;
	if (!dh2) {
		if (c->omi != OMIPV6_MN_OMI_DH3 ||
		    memcmp(omipv6_field(msg, OMIPV6_OMI_OFF_SID_CN),
			   &ini->sid_cn, sizeof(ini->sid_cn)))
			return false;
		memcpy(ini->rx, msg->mh, msg->len);
		ini->rx_len = msg->len;
		c->omi_todo = OMIPV6_MN_OMI_DO_DH4;
		c->omi_armed = false;
		omipv6_mn_queue(mn);
		return true;
	}

	path = rx->rh2 ? OMIPV6_OMI_PATH_DIRECT : OMIPV6_OMI_PATH_HA;
	if (c->omi == OMIPV6_MN_OMI_DH1) {
		memcpy(ini->rx, msg->mh, msg->len);
		ini->rx_len = msg->len;
		ini->rx_path = path;
		c->omi = OMIPV6_MN_OMI_DH2;
		c->omi_armed = true;
		c->omi_next = now +
			msecs_to_jiffies(READ_ONCE(mn->on->sysctl.dh2_window_ms));
		omipv6_mn_queue(mn);
		return true;
	}
	if (c->omi != OMIPV6_MN_OMI_DH2)
		return false;
	if (msg->len == ini->rx_len && !memcmp(msg->mh, ini->rx, msg->len)) {
		/* The same copy twice on one path proves nothing. */
		if (path == ini->rx_path)
			return false;
		c->omi_todo = OMIPV6_MN_OMI_DO_DH2;
		c->omi_armed = false;
	} else {
		net_dbg_ratelimited("DH2 copies from %pI6c differ: possible man in the middle\n",
				    &c->addr);
		omipv6_mn_omi_abort(mn, c, OMIPV6_EVENT_MITM, now);
	}
	omipv6_mn_queue(mn);
	return true;
}

static bool omipv6_mn_rcv_brr(struct omipv6_mn *mn, struct omipv6_rx *rx,
			      unsigned long now)
{
	struct omipv6_mn_cn *c;

	c = omipv6_mn_cn_find(mn, &rx->src);
	if (!c || c->state != OMIPV6_MN_CN_BOUND ||
	    mn->where != OMIPV6_MN_AWAY)
		return false;
	if (c->sa) {
		/* Not authenticated with Kabm (draft §7). */
		omipv6_count_drop(mn->on, OMIPV6_DROP_SA_AUTH);
		return true;
	}
	omipv6_mn_cn_start(mn, c, false, now);
	omipv6_mn_queue(mn);
	return true;
}

/**
 * omipv6_mn_rcv - HoT, CoT, BA, BE, BRR, DH2 and DH4 for the mobile node
 * @rx: the message; the MN role is on
 *
 * A message that matches no outstanding request (sender, cookie,
 * sequence number, session ids, address it came to) is a counted drop
 * (mn_unexpected, omi_unexpected for DH2 and DH4); a BA whose
 * authenticator does not verify is one too (mn_auth, or sa_auth for a
 * BA without a valid Kabm authenticator while the BU was sent under
 * the pair's SA), and so are a Binding Error (but status 2 answering
 * DH1 or DH3) and a Binding Refresh Request from a correspondent the
 * node has a Kabm SA with (sa_auth): neither can be authenticated.
 * Accepted answers update the state and queue the run.
 *
 * Context: softirq.
 * Return: true when the message was one of those types.
 */
bool omipv6_mn_rcv(struct omipv6_rx *rx)
{
	struct omipv6_net *on = rx->on;
	struct omipv6_mn *mn = READ_ONCE(on->mn);
	unsigned long now = jiffies;
	bool took;

	if (!mn)
		return false;
	switch (rx->msg->type) {
	case OMIPV6_MH_HOT:
	case OMIPV6_MH_COT:
	case OMIPV6_MH_BA:
	case OMIPV6_MH_BE:
	case OMIPV6_MH_BRR:
		break;
	case OMIPV6_MH_EXPERIMENTAL:
		/* DH1 and DH3 are for the correspondent node role. */
		if (rx->msg->subtype == OMIPV6_OMI_DH2 ||
		    rx->msg->subtype == OMIPV6_OMI_DH4)
			break;
		return false;
	default:
		return false;
	}

	spin_lock_bh(&mn->lock);
	if (mn->where == OMIPV6_MN_OFF || mn->stopped) {
		took = false;
	} else {
		switch (rx->msg->type) {
		case OMIPV6_MH_HOT:
		case OMIPV6_MH_COT:
			took = omipv6_mn_rcv_test(mn, rx, now);
			break;
		case OMIPV6_MH_BA:
			if (!ipv6_addr_any(&mn->loc.ha) &&
			    ipv6_addr_equal(&rx->src, &mn->loc.ha))
				took = omipv6_mn_rcv_ha_ba(mn, rx);
			else
				took = omipv6_mn_rcv_cn_ba(mn, rx, now);
			break;
		case OMIPV6_MH_BE:
			took = omipv6_mn_rcv_be(mn, rx, now);
			break;
		case OMIPV6_MH_EXPERIMENTAL:
			took = omipv6_mn_rcv_omi(mn, rx, now);
			break;
		default:
			took = omipv6_mn_rcv_brr(mn, rx, now);
			break;
		}
	}
	spin_unlock_bh(&mn->lock);

	if (!took) {
		omipv6_count_drop(on, rx->msg->type == OMIPV6_MH_EXPERIMENTAL ?
				  OMIPV6_DROP_OMI_UNEXPECTED :
				  OMIPV6_DROP_MN_UNEXPECTED);
		net_dbg_ratelimited("MH type %u from %pI6c matches no request\n",
				    rx->msg->type, &rx->src);
	}
	return true;
}

static void omipv6_mn_seq_addr(struct seq_file *seq, const char *key,
			       const struct in6_addr *addr, const char *none)
{
	if (ipv6_addr_any(addr))
		seq_printf(seq, " %s=%s", key, none);
	else
		seq_printf(seq, " %s=%pI6c", key, addr);
}

static const char *omipv6_mn_group_name(u16 group)
{
	switch (group) {
	case OMIPV6_GROUP_FFDHE2048:
		return "ffdhe2048";
	case OMIPV6_GROUP_X25519:
		return "x25519";
	default:
		return "-";
	}
}

static unsigned int omipv6_mn_left(bool valid, unsigned long expires,
				   unsigned long now)
{
	if (!valid || time_after_eq(now, expires))
		return 0;
	return DIV_ROUND_UP(expires - now, HZ);
}

/**
 * omipv6_mn_seq_show - the mobile node's lines of /proc/net/omipv6
 * @seq: the file
 * @on: the namespace
 *
 * Nothing while net.omipv6.mn is 0.  Never prints keys, tokens, Kbm
 * or Kabm; the "omi" lines show each exchange's state, DH group, the
 * SA's newest epoch and the seconds to the next periodic rekey.
 *
 * Context: process; takes mn->lock.
 */
void omipv6_mn_seq_show(struct seq_file *seq, struct omipv6_net *on)
{
	struct omipv6_mn *mn = on->mn;
	unsigned long now = jiffies;
	struct omipv6_mn_cn *c;
	unsigned int i, k;

	if (!mn || !READ_ONCE(on->sysctl.role_mn))
		return;
	spin_lock_bh(&mn->lock);
	seq_printf(seq, "mn state=%s", omipv6_mn_where_name[mn->where]);
	omipv6_mn_seq_addr(seq, "coa", &mn->loc.coa, "-");
	seq_printf(seq, " ha_state=%s ha_seq=%u ha_lifetime=%u\n",
		   omipv6_mn_ha_name[mn->ha.state], mn->ha.seq,
		   omipv6_mn_left(mn->ha.state == OMIPV6_MN_HA_BOUND,
				  mn->ha.expires, now));
	list_for_each_entry(c, &mn->cns, list)
		seq_printf(seq, "mncn cn=%pI6c state=%s seq=%u lifetime=%u tries=%u\n",
			   &c->addr, omipv6_mn_cn_name[c->state], c->seq,
			   omipv6_mn_left(c->ro, c->expires, now), c->tries);
	list_for_each_entry(c, &mn->cns, list) {
		unsigned int rekey = omipv6_mn_rekey_interval(mn);

		seq_printf(seq, "omi cn=%pI6c state=%s group=%s epoch=%u",
			   &c->addr, omipv6_mn_omi_name[c->omi],
			   omipv6_mn_group_name(c->omi_group), c->epoch);
		if (c->sa && rekey)
			seq_printf(seq, " rekey=%u\n",
				   omipv6_mn_left(true, c->sa_since + rekey * HZ,
						  now));
		else
			seq_puts(seq, " rekey=-\n");
	}

	/* Oldest first. */
	for (i = mn->ho_id > OMIPV6_MN_HANDOVERS ?
		 mn->ho_id - OMIPV6_MN_HANDOVERS + 1 : 1;
	     mn->ho_id && i <= mn->ho_id; i++) {
		const struct omipv6_mn_ho *ho =
			&mn->ho[(i - 1) % OMIPV6_MN_HANDOVERS];

		seq_printf(seq, "handover id=%u", ho->id);
		if (ho->home)
			seq_puts(seq, " coa=home");
		else
			seq_printf(seq, " coa=%pI6c", &ho->coa);
		seq_printf(seq, " start=%llu ha_ba=%llu cns=%u done=%u\n",
			   ho->start, ho->ha_ba, ho->ncns, ho->done);
		for (k = 0; k < ho->ncns; k++)
			seq_printf(seq, "handover_cn id=%u cn=%pI6c ba=%llu\n",
				   ho->id, &ho->cns[k].cn, ho->cns[k].ba);
	}
	spin_unlock_bh(&mn->lock);
}

/**
 * omipv6_mn_init - per-netns mobile node state, role off
 * @on: the namespace
 *
 * Context: process (pernet init).
 * Return: 0 or -ENOMEM.
 */
int omipv6_mn_init(struct omipv6_net *on)
{
	struct omipv6_mn *mn;

	mn = kzalloc(sizeof(*mn), GFP_KERNEL);
	if (!mn)
		return -ENOMEM;
	mn->on = on;
	mutex_init(&mn->mutex);
	spin_lock_init(&mn->lock);
	seqcount_spinlock_init(&mn->loc_seq, &mn->lock);
	INIT_WORK(&mn->work, omipv6_mn_work);
	INIT_DELAYED_WORK(&mn->timer, omipv6_mn_timer);
	INIT_LIST_HEAD(&mn->cns);
	mn->where = OMIPV6_MN_OFF;
	mn->ha.seq = get_random_u16();
	/* Published last: the notifiers find it without a lock. */
	smp_store_release(&on->mn, mn);
	return 0;
}

/**
 * omipv6_mn_exit - stop the mobile node and free its state
 * @on: the namespace; on->dying is set
 *
 * Sends nothing.  The xfrm objects are removed by omipv6_xfrm_exit().
 *
 * Context: process (pernet exit); sleeps.
 */
void omipv6_mn_exit(struct omipv6_net *on)
{
	struct omipv6_mn *mn = on->mn;
	struct omipv6_mn_cn *c, *tmp;
	unsigned int i;

	if (!mn)
		return;
	spin_lock_bh(&mn->lock);
	mn->stopped = true;
	spin_unlock_bh(&mn->lock);
	cancel_work_sync(&mn->work);
	cancel_delayed_work_sync(&mn->timer);
	WRITE_ONCE(on->mn, NULL);

	list_for_each_entry_safe(c, tmp, &mn->cns, list) {
		list_del(&c->list);
		omipv6_mn_cn_free(c);
	}
	for (i = 0; i < OMIPV6_MN_HANDOVERS; i++)
		kfree(mn->ho[i].cns);
	memzero_explicit(&mn->ha, sizeof(mn->ha));
	mutex_destroy(&mn->mutex);
	kfree_rcu(mn, rcu);
}

/*
 * The notifiers: any address or interface change in a namespace with
 * the mobile node role on queues its run.  Both may be called in atomic
 * context (the inet6addr chain) and under RTNL (netdevice): they only
 * queue.
 */
static void omipv6_mn_notify(struct net *net)
{
	struct omipv6_net *on = omipv6_pernet(net);
	struct omipv6_mn *mn;

	/* A namespace still being set up has no state yet. */
	if (!on || !READ_ONCE(on->sysctl.role_mn) || READ_ONCE(on->dying))
		return;
	rcu_read_lock();
	mn = READ_ONCE(on->mn);
	if (mn) {
		spin_lock_bh(&mn->lock);
		if (!mn->event_ns)
			mn->event_ns = ktime_get_real_ns();
		omipv6_mn_queue(mn);
		spin_unlock_bh(&mn->lock);
	}
	rcu_read_unlock();
}

/*
 * An interface's carrier came back: with the mobile node role on, ask
 * for the router advertisement that brings the new care-of address
 * (omipv6_rs.h).  Context: process, RTNL held.
 */
static void omipv6_mn_attach(struct net_device *dev)
{
	struct omipv6_net *on = omipv6_pernet(dev_net(dev));

	if (on && READ_ONCE(on->sysctl.role_mn) && !READ_ONCE(on->dying))
		omipv6_rs_send(on, dev);
}

static int omipv6_mn_inet6addr_event(struct notifier_block *nb,
				     unsigned long event, void *ptr)
{
	struct inet6_ifaddr *ifa = ptr;

	if (event == NETDEV_UP || event == NETDEV_DOWN)
		omipv6_mn_notify(dev_net(ifa->idev->dev));
	return NOTIFY_DONE;
}

static int omipv6_mn_netdev_event(struct notifier_block *nb,
				  unsigned long event, void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);

	switch (event) {
	case NETDEV_CHANGE:
		omipv6_mn_notify(dev_net(dev));
		/* No flag changed: the carrier (or operstate) did. */
		if (!((struct netdev_notifier_change_info *)ptr)->flags_changed)
			omipv6_mn_attach(dev);
		break;
	case NETDEV_UP:
	case NETDEV_DOWN:
	case NETDEV_UNREGISTER:
		omipv6_mn_notify(dev_net(dev));
		break;
	default:
		break;
	}
	return NOTIFY_DONE;
}

static struct notifier_block omipv6_mn_inet6addr_nb = {
	.notifier_call = omipv6_mn_inet6addr_event,
};

static struct notifier_block omipv6_mn_netdev_nb = {
	.notifier_call = omipv6_mn_netdev_event,
};

/**
 * omipv6_mn_notifiers_init - watch addresses and interfaces
 *
 * The netdevice notifier's replay of existing interfaces only queues
 * runs where the role is on.
 *
 * Context: module init, after the pernet state exists.
 * Return: 0 or the registration's error.
 */
int omipv6_mn_notifiers_init(void)
{
	int err;

	err = register_inet6addr_notifier(&omipv6_mn_inet6addr_nb);
	if (err)
		return err;
	err = register_netdevice_notifier(&omipv6_mn_netdev_nb);
	if (err)
		unregister_inet6addr_notifier(&omipv6_mn_inet6addr_nb);
	return err;
}

/**
 * omipv6_mn_notifiers_exit - stop watching
 *
 * Context: module exit, before the pernet state goes.
 */
void omipv6_mn_notifiers_exit(void)
{
	unregister_netdevice_notifier(&omipv6_mn_netdev_nb);
	unregister_inet6addr_notifier(&omipv6_mn_inet6addr_nb);
}
