/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Home agent (RFC 6275 §10): configured mobile nodes, home registration
 * with RFC 4285 MN-HA authentication, the home binding cache and proxy
 * neighbour discovery for registered home addresses.
 *
 * Mobile nodes are configured over generic netlink (OMIPV6_CMD_ADD_MN)
 * with their home address, SPI and MN-HA key.  Each configured mobile
 * node is a struct omipv6_ha_mn in a hash table keyed by home address;
 * readers (the tunnel data path, /proc, the netlink dump) walk it under
 * rcu_read_lock(), writers and BU processing (the only reader of the
 * key) take ha->lock with bottom halves disabled.  An entry removed from
 * the table has its key wiped and is freed after a grace period.  The
 * home binding hangs off the entry.
 *
 * Proxy neighbour discovery entries for bound home addresses are added
 * and removed by ha->work in process context, through a kernel
 * NETLINK_ROUTE socket of the namespace (RTM_NEWNEIGH / RTM_DELNEIGH
 * with NTF_PROXY); softirq code only queues it.  The entries the module
 * made are kept in ha->proxies and exactly those are removed again.
 */
#ifndef _OMIPV6_HA_H
#define _OMIPV6_HA_H

#include <linux/hashtable.h>
#include <linux/in6.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/workqueue.h>

struct netlink_ext_ack;
struct omipv6_net;
struct omipv6_rx;
struct omipv6_tunnel_ends;
struct seq_file;
struct sk_buff;
struct socket;

#define OMIPV6_HA_HASH_BITS		6
/* Longest home binding a home agent grants, in seconds. */
#define OMIPV6_HA_MAX_LIFETIME		3600

/**
 * struct omipv6_ha - a namespace's home agent state
 * @on: the namespace (struct omipv6_net.ha points here)
 * @lock: serialises writers; spin_lock_bh()
 * @mns: struct omipv6_ha_mn by home address (RCU)
 * @nmns: entries in @mns
 * @nbound: entries with a home binding
 * @gc: expires home bindings, runs every second while @nbound
 * @work: reconciles proxy ND entries with the bindings
 * @dying: set once the namespace goes away; nothing re-arms
 * @proxy_lock: serialises proxy reconciliation; protects @proxies and
 *	@rtnl.  Taken in process context only, never under RTNL.
 * @proxies: proxy ND entries this module added (struct omipv6_ha_proxy)
 * @rtnl: kernel NETLINK_ROUTE socket in the namespace, made on first use
 */
struct omipv6_ha {
	struct omipv6_net *on;
	spinlock_t lock;	/* see above */
	DECLARE_HASHTABLE(mns, OMIPV6_HA_HASH_BITS);
	unsigned int nmns;
	unsigned int nbound;
	struct delayed_work gc;
	struct work_struct work;
	bool dying;
	struct mutex proxy_lock;	/* see above */
	struct list_head proxies;
	struct socket *rtnl;
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
 * The tunnel of @hoa's home binding, for omipv6_tunnel.c (struct
 * omipv6_tunnel_ops.ha_lookup).  Context: any but hard IRQ, lock free.
 * Return: true when @hoa has a binding.
 */
bool omipv6_ha_tunnel_lookup(struct omipv6_net *on, const struct in6_addr *hoa,
			     struct omipv6_tunnel_ends *out);

/* The "hamn" lines of /proc/net/omipv6 (no key material). */
void omipv6_ha_seq_show(struct seq_file *seq, struct omipv6_net *on);

/*
 * Netlink OMIPV6_CMD_GET_MN dump: calls @fill for each mobile node from
 * entry *@pos on (@rt NULL when it has no binding) until @fill fails;
 * *@pos then names the entry to start from next time.  Context: process.
 * Return: 0 when every entry was filled, else @fill's error.
 */
int omipv6_ha_dump(struct omipv6_net *on, struct sk_buff *skb,
		   unsigned int *pos,
		   int (*fill)(struct sk_buff *skb, void *arg,
			       const struct in6_addr *hoa, u32 spi,
			       const struct omipv6_ha_route *rt, u16 seq,
			       unsigned int lifetime),
		   void *arg);

#endif /* _OMIPV6_HA_H */
