// SPDX-License-Identifier: GPL-2.0
/*
 * Home agent (RFC 6275 §10.3) with RFC 4285 MN-HA authentication.
 *
 * A Binding Update with the H bit is checked, in order:
 *
 *  1. the home address (the IPv6 source after Home Address option
 *     processing) and the care-of address (Alternate CoA option, else
 *     the address the BU came from) must be unicast routable: else a
 *     silent, counted drop (bu_addr);
 *  2. the home address must be in the /64 of the BU's destination (the
 *     home agent address): else BA 132;
 *  3. the home address must be a configured mobile node: else BA 133;
 *  4. a MN-HA authentication option with the configured SPI, ending the
 *     message, must verify under the mobile node's key: else a silent
 *     drop (ha_auth);
 *  5. the sequence number must be newer than the last one accepted for
 *     the mobile node (any number for its first BU): else BA 135
 *     carrying the last accepted number;
 *  6. lifetime 0 or care-of address == home address deregisters (event
 *     ha_dereg); anything else adds or moves (ha_reg) or refreshes
 *     (ha_refresh) the binding, the lifetime capped at
 *     OMIPV6_HA_MAX_LIFETIME.
 *
 * A BA answers every error and, for an accepted BU, the A bit.  It
 * carries a MN-HA authentication option (over care-of address | home
 * agent address | BA) whenever the mobile node is configured, and goes
 * from the BU's destination to the address the BU came from, with a
 * type 2 routing header holding the home address when that differs.
 * The binding changes before the BA is sent, so the tunnel data path
 * already routes the BA by the new binding (none, after a
 * deregistration).
 *
 * Locking: ha->lock (spin_lock_bh) serialises every change and is held
 * across BU processing, which is the only reader of the keys; struct
 * omipv6_ha_bind is immutable once published and replaced through RCU,
 * so the data path reads a binding's addresses without the lock.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/jhash.h>
#include <linux/jiffies.h>
#include <linux/minmax.h>
#include <linux/net.h>
#include <linux/netlink.h>
#include <linux/rculist.h>
#include <linux/rtnetlink.h>
#include <linux/seq_file.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <linux/socket.h>
#include <linux/string.h>
#include <net/addrconf.h>
#include <net/ipv6.h>
#include <net/neighbour.h>
#include <net/sock.h>
#include <uapi/linux/omipv6.h>

#include "omipv6.h"
#include "omipv6_codec.h"
#include "omipv6_ha.h"
#include "omipv6_rr.h"
#include "omipv6_rx.h"
#include "omipv6_tunnel.h"
#include "omipv6_tx.h"

#define OMIPV6_HA_GC_PERIOD	HZ
/* The home prefix: the /64 of the home agent address (RFC 6275 §10.3.1). */
#define OMIPV6_HA_PREFIX_LEN	64
/* Room for a BA with a MN-HA authentication option. */
#define OMIPV6_HA_BA_MAX_LEN	32
/* Room for a proxy neighbour request's answer (error + echoed request). */
#define OMIPV6_HA_NL_RECV_LEN	256

/**
 * struct omipv6_ha_bind - a home binding; never changed once published
 * @rcu: frees it
 * @coa: care-of address
 * @ha: home agent address the binding was made with
 */
struct omipv6_ha_bind {
	struct rcu_head rcu;
	struct in6_addr coa;
	struct in6_addr ha;
};

/**
 * struct omipv6_ha_mn - a configured mobile node
 * @node: link in ha->mns, under ha->lock / RCU
 * @rcu: frees the entry
 * @hoa: home address (key)
 * @spi: MN-HA SPI
 * @key_len: MN-HA key length; with @key read and written under ha->lock
 * @key: MN-HA key, wiped before the entry is freed
 * @bind: the home binding, or NULL (RCU)
 * @expires: jiffies when @bind ends
 * @seq: last accepted sequence number
 * @seq_valid: a BU was accepted since the entry was made
 *
 * @spi, @expires and @seq change under ha->lock; lockless readers use
 * READ_ONCE().
 */
struct omipv6_ha_mn {
	struct hlist_node node;
	struct rcu_head rcu;
	struct in6_addr hoa;
	u32 spi;
	unsigned int key_len;
	u8 key[OMIPV6_MNHA_KEY_MAX_LEN];
	struct omipv6_ha_bind __rcu *bind;
	unsigned long expires;
	u16 seq;
	bool seq_valid;
};

/* A proxy ND entry this module added; on ha->proxies. */
struct omipv6_ha_proxy {
	struct list_head list;
	struct in6_addr addr;
	int ifindex;
};

static u32 omipv6_ha_hash(const struct in6_addr *hoa)
{
	return jhash2((const u32 *)hoa, 4, 0);
}

/* Caller holds rcu_read_lock() or ha->lock. */
static struct omipv6_ha_mn *omipv6_ha_find(struct omipv6_ha *ha,
					   const struct in6_addr *hoa)
{
	struct omipv6_ha_mn *mn;

	hash_for_each_possible_rcu(ha->mns, mn, node, omipv6_ha_hash(hoa),
				   lockdep_is_held(&ha->lock))
		if (ipv6_addr_equal(&mn->hoa, hoa))
			return mn;
	return NULL;
}

/* The binding of @mn if it has not run out; RCU or ha->lock held. */
static struct omipv6_ha_bind *omipv6_ha_live(struct omipv6_ha *ha,
					     struct omipv6_ha_mn *mn,
					     unsigned long now)
{
	struct omipv6_ha_bind *b;

	b = rcu_dereference_check(mn->bind, lockdep_is_held(&ha->lock));
	if (b && time_before(now, READ_ONCE(mn->expires)))
		return b;
	return NULL;
}

static unsigned int omipv6_ha_left(const struct omipv6_ha_mn *mn,
				   unsigned long now)
{
	unsigned long expires = READ_ONCE(mn->expires);

	if (time_after_eq(now, expires))
		return 0;
	return DIV_ROUND_UP(expires - now, HZ);
}

/* Proxy entries follow the bindings, from process context. */
static void omipv6_ha_kick(struct omipv6_ha *ha)
{
	lockdep_assert_held(&ha->lock);
	if (!ha->dying)
		queue_work(system_wq, &ha->work);
}

/* Caller holds ha->lock.  Return: true when @mn had a binding. */
static bool omipv6_ha_unbind(struct omipv6_ha *ha, struct omipv6_ha_mn *mn)
{
	struct omipv6_ha_bind *b;

	b = rcu_dereference_protected(mn->bind, lockdep_is_held(&ha->lock));
	if (!b)
		return false;
	RCU_INIT_POINTER(mn->bind, NULL);
	kfree_rcu(b, rcu);
	ha->nbound--;
	omipv6_ha_kick(ha);
	return true;
}

/* Caller holds ha->lock; @mn is in the table.  Wipes the key. */
static bool omipv6_ha_remove(struct omipv6_ha *ha, struct omipv6_ha_mn *mn)
{
	bool bound = omipv6_ha_unbind(ha, mn);

	hash_del_rcu(&mn->node);
	ha->nmns--;
	memzero_explicit(mn->key, sizeof(mn->key));
	mn->key_len = 0;
	kfree_rcu(mn, rcu);
	return bound;
}

/**
 * omipv6_ha_mn_add - accept home registrations for a home address
 * @on: the namespace
 * @hoa: home address, global unicast
 * @spi: MN-HA SPI, at least OMIPV6_MNHA_SPI_MIN
 * @key: MN-HA key
 * @key_len: OMIPV6_MNHA_KEY_MIN_LEN..OMIPV6_MNHA_KEY_MAX_LEN octets
 * @extack: why a request was refused
 *
 * An existing entry gets the new SPI and key and keeps its binding and
 * sequence number.
 *
 * Context: process; sleeps.
 * Return: 0, -EINVAL, -ENOSPC (OMIPV6_HA_MAX_MNS entries), -ENOMEM or
 * -ENODEV (the namespace is going away).
 */
int omipv6_ha_mn_add(struct omipv6_net *on, const struct in6_addr *hoa,
		     u32 spi, const u8 *key, unsigned int key_len,
		     struct netlink_ext_ack *extack)
{
	struct omipv6_ha *ha = on->ha;
	struct omipv6_ha_mn *mn, *nmn;
	int err;

	err = omipv6_config_check_addr(hoa, extack);
	if (err)
		return err;
	if (key_len < OMIPV6_MNHA_KEY_MIN_LEN ||
	    key_len > OMIPV6_MNHA_KEY_MAX_LEN) {
		NL_SET_ERR_MSG(extack, "MN-HA key length out of range");
		return -EINVAL;
	}
	if (spi < OMIPV6_MNHA_SPI_MIN) {
		NL_SET_ERR_MSG(extack, "SPI 0-255 are reserved");
		return -EINVAL;
	}

	nmn = kzalloc(sizeof(*nmn), GFP_KERNEL);
	if (!nmn)
		return -ENOMEM;

	spin_lock_bh(&ha->lock);
	if (ha->dying) {
		err = -ENODEV;
		goto out;
	}
	mn = omipv6_ha_find(ha, hoa);
	if (mn) {
		memzero_explicit(mn->key, sizeof(mn->key));
		memcpy(mn->key, key, key_len);
		mn->key_len = key_len;
		WRITE_ONCE(mn->spi, spi);
		goto out;
	}
	if (ha->nmns >= OMIPV6_HA_MAX_MNS) {
		NL_SET_ERR_MSG(extack, "too many mobile nodes");
		err = -ENOSPC;
		goto out;
	}
	nmn->hoa = *hoa;
	nmn->spi = spi;
	memcpy(nmn->key, key, key_len);
	nmn->key_len = key_len;
	hash_add_rcu(ha->mns, &nmn->node, omipv6_ha_hash(hoa));
	ha->nmns++;
	nmn = NULL;
out:
	spin_unlock_bh(&ha->lock);
	kfree(nmn);	/* never held a key */
	return err;
}

static void omipv6_ha_proxy_sync(struct omipv6_net *on);

/**
 * omipv6_ha_mn_del - forget a mobile node and drop its binding
 * @on: the namespace
 * @hoa: its home address
 * @extack: why a request was refused
 *
 * The proxy ND entry of its binding is gone when this returns.
 *
 * Context: process; sleeps.
 * Return: 0 or -ENOENT.
 */
int omipv6_ha_mn_del(struct omipv6_net *on, const struct in6_addr *hoa,
		     struct netlink_ext_ack *extack)
{
	struct omipv6_ha *ha = on->ha;
	struct omipv6_ha_mn *mn;
	bool bound = false;

	spin_lock_bh(&ha->lock);
	mn = omipv6_ha_find(ha, hoa);
	if (mn)
		bound = omipv6_ha_remove(ha, mn);
	spin_unlock_bh(&ha->lock);
	if (!mn) {
		NL_SET_ERR_MSG(extack, "no such mobile node");
		return -ENOENT;
	}
	if (bound)
		omipv6_ha_proxy_sync(on);
	return 0;
}

/* Remove every entry; with @bindings_only keep the entries. */
static unsigned int omipv6_ha_clear(struct omipv6_ha *ha, bool bindings_only)
{
	struct omipv6_ha_mn *mn;
	struct hlist_node *tmp;
	unsigned int bkt, n = 0;

	spin_lock_bh(&ha->lock);
	hash_for_each_safe(ha->mns, bkt, tmp, mn, node) {
		if (bindings_only)
			n += omipv6_ha_unbind(ha, mn);
		else
			n += omipv6_ha_remove(ha, mn);
	}
	spin_unlock_bh(&ha->lock);
	return n;
}

/**
 * omipv6_ha_mn_flush - forget every mobile node
 * @on: the namespace
 *
 * Context: process; sleeps.
 */
void omipv6_ha_mn_flush(struct omipv6_net *on)
{
	if (omipv6_ha_clear(on->ha, false))
		omipv6_ha_proxy_sync(on);
}

/**
 * omipv6_ha_role_changed - net.omipv6.ha was written with a new value
 * @on: the namespace
 *
 * Turning the role off drops every binding (counted as ha_dereg) and
 * its proxy ND entry before this returns; the mobile nodes stay
 * configured.  A BU being processed meanwhile checks the role under
 * ha->lock, so none binds after the flush.
 *
 * Context: process (sysctl write); sleeps.
 */
void omipv6_ha_role_changed(struct omipv6_net *on)
{
	unsigned int n;

	if (READ_ONCE(on->sysctl.role_ha))
		return;
	n = omipv6_ha_clear(on->ha, true);
	while (n--)
		omipv6_count_event(on, OMIPV6_EV_HA_DEREG);
	omipv6_ha_proxy_sync(on);
}

/*
 * Unicast routable: not unspecified, multicast, loopback, link-local or
 * IPv4-mapped.
 */
static bool omipv6_ha_addr_ok(const struct in6_addr *addr)
{
	int type = ipv6_addr_type(addr);

	return (type & IPV6_ADDR_UNICAST) &&
	       !(type & (IPV6_ADDR_LOOPBACK | IPV6_ADDR_LINKLOCAL |
			 IPV6_ADDR_MAPPED));
}

/**
 * struct omipv6_ha_ba - a Binding Acknowledgment ready to send
 * @buf: the message, authenticator included, checksum zero
 * @len: its length
 */
struct omipv6_ha_ba {
	u8 buf[OMIPV6_HA_BA_MAX_LEN];
	int len;
};

/*
 * Build the BA into @ba; with @mn (ha->lock held) it carries a MN-HA
 * authentication option over @coa | @ha_addr.  Return: 0 or -errno.
 */
static int omipv6_ha_ba_build(struct omipv6_ha_ba *ba, u8 status, u16 seq,
			      unsigned int lifetime, struct omipv6_ha_mn *mn,
			      const struct in6_addr *coa,
			      const struct in6_addr *ha_addr)
{
	struct omipv6_mhb b;
	u8 *body, *opt = NULL;

	omipv6_mhb_start(&b, ba->buf, sizeof(ba->buf), OMIPV6_MH_BA);
	body = omipv6_mhb_put(&b, OMIPV6_BA_END - OMIPV6_MH_OFF_DATA);
	if (mn)
		opt = omipv6_mhb_opt(&b, OMIPV6_OPT_MNHA_AUTH, NULL,
				     OMIPV6_OPT_MNHA_AUTH_LEN);
	ba->len = omipv6_mhb_finish(&b);
	if (!body || ba->len < 0 || (mn && !opt))
		return -EINVAL;
	ba->buf[OMIPV6_BA_OFF_STATUS] = status;
	put_unaligned_be16(seq, ba->buf + OMIPV6_BA_OFF_SEQ);
	put_unaligned_be16(lifetime / OMIPV6_LIFETIME_UNIT,
			   ba->buf + OMIPV6_BA_OFF_LIFETIME);
	if (!mn)
		return 0;
	opt[0] = OMIPV6_MNHA_SUBTYPE_MN_HA;
	put_unaligned_be32(mn->spi, opt + 1);
	return omipv6_rr_mnha_auth(mn->key, mn->key_len, coa, ha_addr, ba->buf,
				   ba->len, opt + 5);
}

/*
 * The BU's MN-HA authentication option: present, the last thing in the
 * message, for @mn's SPI and verifying under its key.  Caller holds
 * ha->lock.  Return: 0, -EBADMSG, or another error for an internal one.
 */
static int omipv6_ha_bu_auth(struct omipv6_ha_mn *mn,
			     const struct omipv6_msg *msg,
			     const struct in6_addr *coa,
			     const struct in6_addr *ha_addr)
{
	const u8 *opt = omipv6_opt_data(msg, OMIPV6_OI_MNHA_AUTH);

	if (!opt || opt[0] != OMIPV6_MNHA_SUBTYPE_MN_HA ||
	    get_unaligned_be32(opt + 1) != mn->spi ||
	    msg->opt[OMIPV6_OI_MNHA_AUTH] + 2 + OMIPV6_OPT_MNHA_AUTH_LEN !=
	    msg->len)
		return -EBADMSG;
	return omipv6_rr_mnha_verify(mn->key, mn->key_len, coa, ha_addr,
				     msg->mh, msg->len);
}

/* Caller holds ha->lock; the gc runs while any binding exists. */
static void omipv6_ha_bound(struct omipv6_ha *ha)
{
	if (!ha->nbound++ && !ha->dying)
		queue_delayed_work(system_wq, &ha->gc, OMIPV6_HA_GC_PERIOD);
}

/*
 * Steps 5 and 6 for an authenticated BU; caller holds ha->lock.
 * Return: the BA status; *@lifetime the granted lifetime, *@ev the
 * binding event (OMIPV6_EV_MAX for none), *@seq the last accepted
 * sequence number for BA 135.
 */
static u8 omipv6_ha_commit(struct omipv6_ha *ha, struct omipv6_ha_mn *mn,
			   const struct in6_addr *coa,
			   const struct in6_addr *ha_addr, u16 *seq, u16 units,
			   bool dereg, unsigned int *lifetime,
			   enum omipv6_event *ev)
{
	unsigned long now = jiffies;
	struct omipv6_ha_bind *b, *nb;

	*ev = OMIPV6_EV_MAX;
	*lifetime = 0;
	if (mn->seq_valid && !omipv6_seq_newer(*seq, mn->seq)) {
		*seq = mn->seq;
		return OMIPV6_BA_SEQ_OUT_OF_WINDOW;
	}

	if (dereg) {
		if (omipv6_ha_unbind(ha, mn))
			*ev = OMIPV6_EV_HA_DEREG;
		goto accepted;
	}

	*lifetime = min_t(unsigned int, units * OMIPV6_LIFETIME_UNIT,
			  OMIPV6_HA_MAX_LIFETIME);
	b = omipv6_ha_live(ha, mn, now);
	if (b && ipv6_addr_equal(&b->coa, coa) &&
	    ipv6_addr_equal(&b->ha, ha_addr)) {
		*ev = OMIPV6_EV_HA_REFRESH;
	} else {
		nb = kmalloc(sizeof(*nb), GFP_ATOMIC);
		if (!nb) {
			*lifetime = 0;
			return OMIPV6_BA_NO_RESOURCES;
		}
		nb->coa = *coa;
		nb->ha = *ha_addr;
		omipv6_ha_unbind(ha, mn);
		rcu_assign_pointer(mn->bind, nb);
		omipv6_ha_bound(ha);
		omipv6_ha_kick(ha);
		*ev = OMIPV6_EV_HA_REG;
	}
	WRITE_ONCE(mn->expires, now + *lifetime * HZ);
accepted:
	WRITE_ONCE(mn->seq, *seq);
	mn->seq_valid = true;
	return OMIPV6_BA_ACCEPTED;
}

/**
 * omipv6_ha_bu_rcv - process a home registration at the home agent
 * @rx: a BU with the H bit that the codec accepted; the caller frees it
 *
 * See the comment at the top of this file.
 *
 * Context: softirq.
 */
void omipv6_ha_bu_rcv(struct omipv6_rx *rx)
{
	const struct omipv6_msg *msg = rx->msg;
	struct omipv6_net *on = rx->on;
	struct omipv6_ha *ha = on->ha;
	u16 seq = omipv6_get16(msg, OMIPV6_BU_OFF_SEQ);
	u16 flags = omipv6_get16(msg, OMIPV6_BU_OFF_FLAGS);
	u16 units = omipv6_get16(msg, OMIPV6_BU_OFF_LIFETIME);
	const u8 *alt = omipv6_opt_data(msg, OMIPV6_OI_ALT_COA);
	enum omipv6_event ev = OMIPV6_EV_MAX;
	enum omipv6_drop drop = OMIPV6_DROP_MAX;
	const struct in6_addr *rh2 = NULL;
	unsigned int lifetime = 0;
	struct omipv6_ha_mn *mn;
	struct omipv6_ha_ba ba;
	struct in6_addr coa;
	u8 status;
	int err;

	if (alt)
		memcpy(&coa, alt, sizeof(coa));
	else
		coa = rx->wire_src;
	if (!omipv6_ha_addr_ok(&rx->src) || !omipv6_ha_addr_ok(&coa)) {
		omipv6_count_drop(on, OMIPV6_DROP_BU_ADDR);
		return;
	}

	spin_lock_bh(&ha->lock);
	mn = omipv6_ha_find(ha, &rx->src);
	if (!ipv6_prefix_equal(&rx->src, &rx->dst, OMIPV6_HA_PREFIX_LEN)) {
		status = OMIPV6_BA_NOT_HOME_SUBNET;
	} else if (!mn) {
		status = OMIPV6_BA_NOT_HA_FOR_MN;
	} else {
		err = omipv6_ha_bu_auth(mn, msg, &coa, &rx->dst);
		if (err) {
			drop = err == -EBADMSG ? OMIPV6_DROP_HA_AUTH :
						 OMIPV6_DROP_INTERNAL;
			goto unlock;
		}
		if (!READ_ONCE(on->sysctl.role_ha) || ha->dying) {
			drop = OMIPV6_DROP_NO_ROLE;
			goto unlock;
		}
		status = omipv6_ha_commit(ha, mn, &coa, &rx->dst, &seq, units,
					  units == 0 ||
					  ipv6_addr_equal(&coa, &rx->src),
					  &lifetime, &ev);
		if (status == OMIPV6_BA_ACCEPTED && !(flags & OMIPV6_BU_F_ACK))
			goto unlock;
	}
	if (omipv6_ha_ba_build(&ba, status, seq, lifetime, mn, &coa,
			       &rx->dst))
		drop = OMIPV6_DROP_INTERNAL;
unlock:
	spin_unlock_bh(&ha->lock);

	if (ev != OMIPV6_EV_MAX)
		omipv6_count_event(on, ev);
	if (drop != OMIPV6_DROP_MAX) {
		omipv6_count_drop(on, drop);
		if (drop == OMIPV6_DROP_HA_AUTH)
			net_dbg_ratelimited("home BU from %pI6c: MN-HA authentication missing or wrong\n",
					    &rx->src);
		goto out;
	}
	if (status == OMIPV6_BA_ACCEPTED && !(flags & OMIPV6_BU_F_ACK))
		goto out;
	if (!ipv6_addr_equal(&rx->wire_src, &rx->src))
		rh2 = &rx->src;
	if (!omipv6_tx_mh(on, &rx->dst, &rx->wire_src, rh2, ba.buf, ba.len))
		omipv6_count_event(on, omipv6_ba_event(status));
out:
	memzero_explicit(&ba, sizeof(ba));
}

/**
 * omipv6_ha_tunnel_lookup - the tunnel of a home address's binding
 * @on: the namespace
 * @hoa: the home address
 * @out: receives the home address, the home agent address of the
 *	binding (outer source) and its care-of address (outer destination)
 *
 * The home agent's struct omipv6_tunnel_ops.ha_lookup.  A binding that
 * ran out but is not collected yet is not found.
 *
 * Context: any but hard IRQ; lock free.
 * Return: true when @hoa has a binding.
 */
bool omipv6_ha_tunnel_lookup(struct omipv6_net *on, const struct in6_addr *hoa,
			     struct omipv6_tunnel_ends *out)
{
	struct omipv6_ha *ha = on->ha;
	struct omipv6_ha_bind *b = NULL;
	struct omipv6_ha_mn *mn;

	rcu_read_lock();
	mn = omipv6_ha_find(ha, hoa);
	if (mn)
		b = omipv6_ha_live(ha, mn, jiffies);
	if (b) {
		out->hoa = mn->hoa;
		out->local = b->ha;
		out->remote = b->coa;
	}
	rcu_read_unlock();
	return b;
}

/**
 * omipv6_ha_seq_show - one /proc line per configured mobile node
 * @seq: the file
 * @on: the namespace
 *
 * "hamn hoa=ADDR spi=N coa=ADDR|- seq=N lifetime=SECONDS_LEFT"; never
 * the key.
 *
 * Context: process.
 */
void omipv6_ha_seq_show(struct seq_file *seq, struct omipv6_net *on)
{
	struct omipv6_ha *ha = on->ha;
	unsigned long now = jiffies;
	struct omipv6_ha_bind *b;
	struct omipv6_ha_mn *mn;
	unsigned int bkt;

	rcu_read_lock();
	hash_for_each_rcu(ha->mns, bkt, mn, node) {
		seq_printf(seq, "hamn hoa=%pI6c spi=%u", &mn->hoa,
			   READ_ONCE(mn->spi));
		b = omipv6_ha_live(ha, mn, now);
		if (b)
			seq_printf(seq, " coa=%pI6c", &b->coa);
		else
			seq_puts(seq, " coa=-");
		seq_printf(seq, " seq=%u lifetime=%u\n", READ_ONCE(mn->seq),
			   b ? omipv6_ha_left(mn, now) : 0);
	}
	rcu_read_unlock();
}

/**
 * omipv6_ha_dump - walk the mobile nodes for OMIPV6_CMD_GET_MN
 * @on: the namespace
 * @skb: the dump message
 * @pos: the entry to start from; updated
 * @fill: adds one mobile node to @skb
 * @arg: passed to @fill
 *
 * Entries added or removed between two parts of a dump may be missed or
 * shown twice, as in every netlink dump.
 *
 * Context: process.
 * Return: 0 when every entry was filled, else @fill's error.
 */
int omipv6_ha_dump(struct omipv6_net *on, struct sk_buff *skb,
		   unsigned int *pos,
		   int (*fill)(struct sk_buff *skb, void *arg,
			       const struct in6_addr *hoa, u32 spi,
			       const struct omipv6_ha_route *rt, u16 seq,
			       unsigned int lifetime),
		   void *arg)
{
	struct omipv6_ha *ha = on->ha;
	unsigned long now = jiffies;
	struct omipv6_ha_route rt;
	struct omipv6_ha_bind *b;
	struct omipv6_ha_mn *mn;
	unsigned int bkt, i = 0;
	int err = 0;

	rcu_read_lock();
	hash_for_each_rcu(ha->mns, bkt, mn, node) {
		if (i++ < *pos)
			continue;
		b = omipv6_ha_live(ha, mn, now);
		if (b) {
			rt.hoa = mn->hoa;
			rt.coa = b->coa;
			rt.ha = b->ha;
		}
		err = fill(skb, arg, &mn->hoa, READ_ONCE(mn->spi),
			   b ? &rt : NULL, READ_ONCE(mn->seq),
			   b ? omipv6_ha_left(mn, now) : 0);
		if (err) {
			i--;
			goto out;	/* a plain break leaves only the bucket */
		}
	}
out:
	rcu_read_unlock();
	*pos = i;
	return err;
}

static void omipv6_ha_gc(struct work_struct *work)
{
	struct omipv6_ha *ha = container_of(to_delayed_work(work),
					    struct omipv6_ha, gc);
	struct omipv6_net *on = ha->on;
	unsigned long now = jiffies;
	struct omipv6_ha_mn *mn;
	unsigned int bkt, n = 0;

	spin_lock_bh(&ha->lock);
	hash_for_each(ha->mns, bkt, mn, node) {
		if (rcu_access_pointer(mn->bind) &&
		    time_after_eq(now, mn->expires))
			n += omipv6_ha_unbind(ha, mn);
	}
	if (ha->nbound && !ha->dying)
		queue_delayed_work(system_wq, &ha->gc, OMIPV6_HA_GC_PERIOD);
	spin_unlock_bh(&ha->lock);
	while (n--)
		omipv6_count_event(on, OMIPV6_EV_HA_EXPIRE);
}

/*
 * Proxy ND entries, through the namespace's rtnetlink.  The request is
 * addressed to the kernel explicitly, which marks it as sent to a chosen
 * destination: rtnetlink's permission check then looks at the sending
 * task (a kworker or the configuring process), as the socket has no file.
 */
static int omipv6_ha_neigh(struct omipv6_ha *ha, int type,
			   const struct in6_addr *addr, int ifindex)
{
	struct {
		struct nlmsghdr nlh;
		struct ndmsg ndm;
		struct nlattr nla;
		struct in6_addr dst;
	} req = {};
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	struct msghdr msg = { .msg_name = &sa, .msg_namelen = sizeof(sa) };
	struct kvec iov = { .iov_base = &req, .iov_len = sizeof(req) };
	static atomic_t seq = ATOMIC_INIT(0);
	const struct nlmsgerr *e;
	struct nlmsghdr *nlh;
	void *buf;
	int n, err;

	BUILD_BUG_ON(sizeof(req) != NLMSG_LENGTH(sizeof(struct ndmsg)) +
		     nla_total_size(sizeof(struct in6_addr)));
	req.nlh.nlmsg_len = sizeof(req);
	req.nlh.nlmsg_type = type;
	req.nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	if (type == RTM_NEWNEIGH)
		req.nlh.nlmsg_flags |= NLM_F_CREATE | NLM_F_REPLACE;
	req.nlh.nlmsg_seq = atomic_inc_return(&seq);
	req.ndm.ndm_family = AF_INET6;
	req.ndm.ndm_ifindex = ifindex;
	req.ndm.ndm_flags = NTF_PROXY;
	req.nla.nla_len = nla_attr_size(sizeof(req.dst));
	req.nla.nla_type = NDA_DST;
	req.dst = *addr;

	buf = kmalloc(OMIPV6_HA_NL_RECV_LEN, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	n = kernel_sendmsg(ha->rtnl, &msg, &iov, 1, sizeof(req));
	if (n < 0) {
		err = n;
		goto out;
	}
	/* rtnetlink answered while sending: the ack is queued already. */
	for (;;) {
		struct msghdr rmsg = {};
		struct kvec riov = { .iov_base = buf,
				     .iov_len = OMIPV6_HA_NL_RECV_LEN };

		n = kernel_recvmsg(ha->rtnl, &rmsg, &riov, 1,
				   OMIPV6_HA_NL_RECV_LEN, MSG_DONTWAIT);
		if (n < 0) {
			err = n;
			goto out;
		}
		nlh = buf;
		if (!nlmsg_ok(nlh, n))
			continue;
		if (nlh->nlmsg_seq != req.nlh.nlmsg_seq ||
		    nlh->nlmsg_type != NLMSG_ERROR ||
		    nlh->nlmsg_len < nlmsg_msg_size(sizeof(*e)))
			continue;
		e = nlmsg_data(nlh);
		err = e->error;
		break;
	}
out:
	kfree(buf);
	return err;
}

/* The device holding @addr, or 0. */
static int omipv6_ha_ifindex(struct net *net, const struct in6_addr *addr)
{
	struct net_device *dev;
	int ifindex = 0;

	rcu_read_lock();
	dev = ipv6_dev_find(net, addr, NULL);
	if (dev)
		ifindex = dev->ifindex;
	rcu_read_unlock();
	return ifindex;
}

/* One wanted proxy entry, collected under RCU. */
struct omipv6_ha_want {
	struct in6_addr hoa;
	struct in6_addr ha;
	int ifindex;
	bool have;
};

/*
 * Make the proxy entries this module added match the live bindings:
 * remove those no binding wants (all once the namespace is going away),
 * add the missing ones.  Errors are logged (rate limited) and retried on
 * the next change.  When the namespace itself is being dismantled its
 * devices, and their proxy entries with them, are gone already: the
 * list is just freed.
 *
 * Context: process; takes ha->proxy_lock and, inside rtnetlink, RTNL.
 */
static void omipv6_ha_proxy_sync(struct omipv6_net *on)
{
	struct omipv6_ha *ha = on->ha;
	struct omipv6_ha_want *want = NULL;
	struct omipv6_ha_proxy *p, *tmp;
	unsigned int i, n = 0, max = 0;
	bool live = check_net(on->net);
	unsigned long now = jiffies;
	struct omipv6_ha_bind *b;
	struct omipv6_ha_mn *mn;
	unsigned int bkt;
	int err;

	mutex_lock(&ha->proxy_lock);
	if (!READ_ONCE(ha->dying) && !READ_ONCE(on->dying)) {
		max = READ_ONCE(ha->nbound);
		if (max)
			want = kcalloc(max, sizeof(*want), GFP_KERNEL);
		if (max && !want)
			goto unlock;
	}
	rcu_read_lock();
	if (want) {
		hash_for_each_rcu(ha->mns, bkt, mn, node) {
			b = omipv6_ha_live(ha, mn, now);
			if (!b)
				continue;
			/* Bound meanwhile: that binding queued ha->work. */
			if (n == max)
				goto collected;
			want[n].hoa = mn->hoa;
			want[n].ha = b->ha;
			n++;
		}
	}
collected:
	rcu_read_unlock();
	for (i = 0; i < n; i++)
		want[i].ifindex = omipv6_ha_ifindex(on->net, &want[i].ha);

	if (live && !ha->rtnl && (n || !list_empty(&ha->proxies))) {
		err = sock_create_kern(on->net, AF_NETLINK, SOCK_RAW,
				       NETLINK_ROUTE, &ha->rtnl);
		if (err) {
			ha->rtnl = NULL;
			net_warn_ratelimited("cannot open rtnetlink for proxy ND: %d\n",
					     err);
			goto unlock;
		}
	}

	list_for_each_entry_safe(p, tmp, &ha->proxies, list) {
		for (i = 0; i < n; i++) {
			if (!want[i].have && want[i].ifindex == p->ifindex &&
			    ipv6_addr_equal(&want[i].hoa, &p->addr)) {
				want[i].have = true;
				break;
			}
		}
		if (i < n)
			continue;
		if (live) {
			err = omipv6_ha_neigh(ha, RTM_DELNEIGH, &p->addr,
					      p->ifindex);
			/* Gone with its device, or removed by the admin. */
			if (err && err != -ENOENT && err != -ENODEV)
				net_warn_ratelimited("cannot remove proxy ND entry %pI6c: %d\n",
						     &p->addr, err);
		}
		list_del(&p->list);
		kfree(p);
	}

	for (i = 0; i < n && live; i++) {
		if (want[i].have || !want[i].ifindex)
			continue;
		p = kzalloc(sizeof(*p), GFP_KERNEL);
		if (!p)
			break;
		err = omipv6_ha_neigh(ha, RTM_NEWNEIGH, &want[i].hoa,
				      want[i].ifindex);
		if (err) {
			net_warn_ratelimited("cannot add proxy ND entry %pI6c: %d\n",
					     &want[i].hoa, err);
			kfree(p);
			continue;
		}
		p->addr = want[i].hoa;
		p->ifindex = want[i].ifindex;
		list_add_tail(&p->list, &ha->proxies);
	}
unlock:
	mutex_unlock(&ha->proxy_lock);
	kfree(want);
}

static void omipv6_ha_work(struct work_struct *work)
{
	struct omipv6_ha *ha = container_of(work, struct omipv6_ha, work);

	omipv6_ha_proxy_sync(ha->on);
}

/**
 * omipv6_ha_init - no mobile node, no binding
 * @on: the namespace, zeroed
 *
 * Context: process (pernet init).
 * Return: 0 or -ENOMEM.
 */
int omipv6_ha_init(struct omipv6_net *on)
{
	struct omipv6_ha *ha;

	ha = kzalloc(sizeof(*ha), GFP_KERNEL);
	if (!ha)
		return -ENOMEM;
	ha->on = on;
	on->ha = ha;
	spin_lock_init(&ha->lock);
	hash_init(ha->mns);
	INIT_DELAYED_WORK(&ha->gc, omipv6_ha_gc);
	INIT_WORK(&ha->work, omipv6_ha_work);
	mutex_init(&ha->proxy_lock);
	INIT_LIST_HEAD(&ha->proxies);
	return 0;
}

/**
 * omipv6_ha_exit - forget every mobile node, binding and proxy entry
 * @on: the namespace; no packet handler can reach it any more
 *
 * Keys are wiped; entries go with kfree_rcu(), which module exit's
 * rcu_barrier() waits for.  Proxy entries are removed from a namespace
 * that lives on (module unload).
 *
 * Context: process; sleeps.
 */
void omipv6_ha_exit(struct omipv6_net *on)
{
	struct omipv6_ha *ha = on->ha;

	spin_lock_bh(&ha->lock);
	ha->dying = true;
	spin_unlock_bh(&ha->lock);
	cancel_delayed_work_sync(&ha->gc);
	cancel_work_sync(&ha->work);
	omipv6_ha_clear(ha, false);
	omipv6_ha_proxy_sync(on);
	if (ha->rtnl)
		sock_release(ha->rtnl);
	ha->rtnl = NULL;
	mutex_destroy(&ha->proxy_lock);
	on->ha = NULL;
	kfree(ha);
}
