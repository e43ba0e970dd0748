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
 * This file holds the state machine (omipv6_mn_run()), its work items
 * and its entry points: the role and configuration changes, the move
 * command, the receive dispatch, /proc, and the state's allocation and
 * teardown.  The concepts it drives are one file each: movement
 * (omipv6_mn_move.c), home registration (omipv6_mn_home.c), return
 * routability and BUs with the correspondents (omipv6_mn_ro.c), the
 * OMIPv6 exchange (omipv6_mn_omi.c), the data path's location
 * (omipv6_mn_path.c) and the handover records (omipv6_mn_handover.c).
 *
 * Locking and lifetime: include/omipv6_mn_state.h.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <linux/random.h>
#include <linux/rcupdate.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/workqueue.h>
#include <net/ipv6.h>
#include <net/netlink.h>

#include "omipv6.h"
#include "omipv6_codec.h"
#include "omipv6_mn.h"
#include "omipv6_mn_handover.h"
#include "omipv6_mn_home.h"
#include "omipv6_mn_move.h"
#include "omipv6_mn_omi.h"
#include "omipv6_mn_path.h"
#include "omipv6_mn_ro.h"
#include "omipv6_mn_state.h"
#include "omipv6_rr.h"
#include "omipv6_rx.h"
#include "omipv6_sa.h"
#include "omipv6_xfrm.h"

static const char *const omipv6_mn_where_name[] = {
	[OMIPV6_MN_OFF]		= "off",
	[OMIPV6_MN_DETACHED]	= "detached",
	[OMIPV6_MN_HOME]	= "home",
	[OMIPV6_MN_AWAY]	= "away",
};

static const char *const omipv6_mn_ha_name[] = {
	[OMIPV6_MN_HA_NONE]	= "none",
	[OMIPV6_MN_HA_PENDING]	= "pending",
	[OMIPV6_MN_HA_BOUND]	= "bound",
};

static const char *const omipv6_mn_cn_name[] = {
	[OMIPV6_MN_CN_IDLE]	= "idle",
	[OMIPV6_MN_CN_RR]	= "rr",
	[OMIPV6_MN_CN_BU]	= "bu",
	[OMIPV6_MN_CN_BOUND]	= "bound",
	[OMIPV6_MN_CN_TUNNEL]	= "tunnel",
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

/* The correspondent is gone: its exchange and keys with it. */
static void omipv6_mn_cn_free(struct omipv6_mn_cn *c)
{
	omipv6_mn_cn_wipe(c);
	omipv6_omi_ini_free(c->ini);
	omipv6_omi_keys_wipe(&c->keys);
	kfree(c);
}

struct omipv6_mn_cn *omipv6_mn_cn_find(struct omipv6_mn *mn,
				       const struct in6_addr *addr)
{
	struct omipv6_mn_cn *c;

	list_for_each_entry(c, &mn->cns, list)
		if (ipv6_addr_equal(&c->addr, addr))
			return c;
	return NULL;
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
		c->omi_armed = false;
		c->omi_holddown = 0;
		c->rekey_due = false;
	}
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

/* The state machine; see omipv6_mn_state.h.  Context: process. */
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
		bool held = c->omi == OMIPV6_MN_OMI_ABORTED ||
			    c->omi == OMIPV6_MN_OMI_UNSUPPORTED;

		seq_printf(seq, "omi cn=%pI6c state=%s group=%s epoch=%u holddown=%u",
			   &c->addr, omipv6_mn_omi_name[c->omi],
			   omipv6_mn_group_name(c->omi_group), c->epoch,
			   omipv6_mn_left(held && c->omi_armed, c->omi_next,
					  now));
		if (c->sa && rekey)
			seq_printf(seq, " rekey=%u\n",
				   omipv6_mn_left(true, c->sa_since + rekey * HZ,
						  now));
		else
			seq_puts(seq, " rekey=-\n");
	}

	omipv6_mn_ho_seq_show(seq, mn);
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
	LIST_HEAD(gone);

	if (!mn)
		return;
	spin_lock_bh(&mn->lock);
	mn->stopped = true;
	spin_unlock_bh(&mn->lock);
	cancel_work_sync(&mn->work);
	cancel_delayed_work_sync(&mn->timer);
	WRITE_ONCE(on->mn, NULL);

	/*
	 * An xfrm sync of the correspondent node role (its binding expiry)
	 * may still be in omipv6_mn_ro_snapshot() with the pointer it read
	 * before: it walks the list under mn->lock, so the entries leave
	 * the list under it too, and the structure itself after a grace
	 * period.
	 */
	spin_lock_bh(&mn->lock);
	list_splice_init(&mn->cns, &gone);
	spin_unlock_bh(&mn->lock);
	list_for_each_entry_safe(c, tmp, &gone, list) {
		list_del(&c->list);
		omipv6_mn_cn_free(c);
	}
	omipv6_mn_ho_free(mn);
	memzero_explicit(&mn->ha, sizeof(mn->ha));
	mutex_destroy(&mn->mutex);
	kfree_rcu(mn, rcu);
}
