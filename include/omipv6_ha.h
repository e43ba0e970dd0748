/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Home agent (RFC 6275 §10): configured mobile nodes, home registration
 * with RFC 4285 MN-HA authentication, the home binding cache and proxy
 * neighbour discovery for registered home addresses.
 *
 * Mobile nodes are configured over generic netlink (OMIPV6_CMD_ADD_MN)
 * with their home address, SPI and MN-HA key.  Each configured mobile
 * node is a struct omipv6_ha_mn in a hash table keyed by home address;
 * readers (BU processing, the tunnel data path) walk it under
 * rcu_read_lock(), writers take ha->lock with bottom halves disabled.
 * An entry removed from the table has its key wiped and is freed after
 * a grace period.  The home binding lives in the entry.
 *
 * Proxy neighbour discovery entries are added and removed by ha->work in
 * process context (they need RTNL); softirq code only queues it.
 */
#ifndef _OMIPV6_HA_H
#define _OMIPV6_HA_H

#include <linux/hashtable.h>
#include <linux/in6.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/workqueue.h>

struct netlink_ext_ack;
struct omipv6_net;
struct omipv6_rx;
struct seq_file;
struct sk_buff;

#define OMIPV6_HA_HASH_BITS		6
/* Longest home binding a home agent grants, in seconds. */
#define OMIPV6_HA_MAX_LIFETIME		3600

/**
 * struct omipv6_ha - a namespace's home agent state
 * @lock: serialises writers; spin_lock_bh()
 * @mns: struct omipv6_ha_mn by home address (RCU)
 * @nmns: entries in @mns
 * @nbound: entries with a home binding
 * @gc: expires home bindings, runs every second while @nbound
 * @work: reconciles proxy ND entries with the bindings
 * @dying: set once the namespace goes away; nothing re-arms
 */
struct omipv6_ha {
	spinlock_t lock;	/* see above */
	DECLARE_HASHTABLE(mns, OMIPV6_HA_HASH_BITS);
	unsigned int nmns;
	unsigned int nbound;
	struct delayed_work gc;
	struct work_struct work;
	bool dying;
};

/**
 * struct omipv6_ha_route - where the home agent sends a home address
 * @hoa: the home address
 * @coa: its registered care-of address
 * @ha: the home agent address the binding was made with (tunnel source)
 */
struct omipv6_ha_route {
	struct in6_addr hoa;
	struct in6_addr coa;
	struct in6_addr ha;
};

int omipv6_ha_init(struct omipv6_net *on);
void omipv6_ha_exit(struct omipv6_net *on);
void omipv6_ha_role_changed(struct omipv6_net *on);

int omipv6_ha_mn_add(struct omipv6_net *on, const struct in6_addr *hoa,
		     u32 spi, const u8 *key, unsigned int key_len,
		     struct netlink_ext_ack *extack);
int omipv6_ha_mn_del(struct omipv6_net *on, const struct in6_addr *hoa,
		     struct netlink_ext_ack *extack);
void omipv6_ha_mn_flush(struct omipv6_net *on);

/*
 * A home registration or deregistration: a BU with the H bit, the HA
 * role on.  Takes every such BU (answers or counts a drop).
 * Context: softirq.
 */
void omipv6_ha_bu_rcv(struct omipv6_rx *rx);

/*
 * Copies the home binding of @hoa into @out.  Context: any, caller in an
 * RCU read-side section or not.  Return: true when @hoa has a binding.
 */
bool omipv6_ha_route(struct omipv6_net *on, const struct in6_addr *hoa,
		     struct omipv6_ha_route *out);

/* The "mn" lines of /proc/net/omipv6 (no key material). */
void omipv6_ha_seq_show(struct seq_file *seq, struct omipv6_net *on);

/* Netlink OMIPV6_CMD_GET_MN dump: fills from entry *@pos on. */
int omipv6_ha_dump(struct omipv6_net *on, struct sk_buff *skb,
		   unsigned int *pos,
		   int (*fill)(struct sk_buff *skb, void *arg,
			       const struct in6_addr *hoa, u32 spi,
			       const struct omipv6_ha_route *rt, u16 seq,
			       unsigned int lifetime),
		   void *arg);

#endif /* _OMIPV6_HA_H */
