// SPDX-License-Identifier: GPL-2.0
/*
 * Per-netns node configuration: home address, home agent, MN-HA key and
 * correspondent node list.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <kunit/visibility.h>
#include <linux/netlink.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <net/ipv6.h>

#include "omipv6_config.h"

void omipv6_config_init(struct omipv6_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	mutex_init(&cfg->lock);
	INIT_LIST_HEAD(&cfg->cns);
}
EXPORT_SYMBOL_IF_KUNIT(omipv6_config_init);

/* Caller guarantees no concurrent user; CN entries go through RCU. */
void omipv6_config_destroy(struct omipv6_config *cfg)
{
	omipv6_cn_flush(cfg);
	memzero_explicit(cfg->key, sizeof(cfg->key));
	cfg->key_len = 0;
	mutex_destroy(&cfg->lock);
}
EXPORT_SYMBOL_IF_KUNIT(omipv6_config_destroy);

/*
 * Home, home agent and correspondent addresses must be global unicast:
 * not unspecified, loopback, multicast, link-local, site-local,
 * IPv4-mapped or IPv4-compatible (the last three of which, with ::
 * and ::1, all start with 96 zero bits).
 */
int omipv6_config_check_addr(const struct in6_addr *addr,
			     struct netlink_ext_ack *extack)
{
	int type = ipv6_addr_type(addr);

	if (!(addr->s6_addr32[0] | addr->s6_addr32[1] | addr->s6_addr32[2]) ||
	    ipv6_addr_v4mapped(addr) ||
	    type & (IPV6_ADDR_MULTICAST | IPV6_ADDR_LINKLOCAL |
		    IPV6_ADDR_SITELOCAL) ||
	    !(type & IPV6_ADDR_UNICAST)) {
		NL_SET_ERR_MSG(extack, "address must be global unicast");
		return -EINVAL;
	}
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(omipv6_config_check_addr);

/* Caller holds cfg->lock; @len was bounded by the netlink policy. */
void omipv6_config_set_key(struct omipv6_config *cfg, const u8 *key,
			   unsigned int len)
{
	lockdep_assert_held(&cfg->lock);
	memzero_explicit(cfg->key, sizeof(cfg->key));
	memcpy(cfg->key, key, len);
	cfg->key_len = len;
}
EXPORT_SYMBOL_IF_KUNIT(omipv6_config_set_key);

static struct omipv6_cn *omipv6_cn_find(struct omipv6_config *cfg,
					const struct in6_addr *addr)
{
	struct omipv6_cn *cn;

	list_for_each_entry(cn, &cfg->cns, list)
		if (ipv6_addr_equal(&cn->addr, addr))
			return cn;
	return NULL;
}

int omipv6_cn_add(struct omipv6_config *cfg, const struct in6_addr *addr,
		  struct netlink_ext_ack *extack)
{
	struct omipv6_cn *cn;
	int err;

	err = omipv6_config_check_addr(addr, extack);
	if (err)
		return err;

	mutex_lock(&cfg->lock);
	if (omipv6_cn_find(cfg, addr)) {
		NL_SET_ERR_MSG(extack, "correspondent node already configured");
		err = -EEXIST;
		goto out;
	}
	if (cfg->ncns >= OMIPV6_MAX_CNS) {
		NL_SET_ERR_MSG(extack, "too many correspondent nodes");
		err = -ENOSPC;
		goto out;
	}
	cn = kzalloc(sizeof(*cn), GFP_KERNEL);
	if (!cn) {
		err = -ENOMEM;
		goto out;
	}
	cn->addr = *addr;
	list_add_tail_rcu(&cn->list, &cfg->cns);
	cfg->ncns++;
out:
	mutex_unlock(&cfg->lock);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(omipv6_cn_add);

int omipv6_cn_del(struct omipv6_config *cfg, const struct in6_addr *addr,
		  struct netlink_ext_ack *extack)
{
	struct omipv6_cn *cn;
	int err = 0;

	mutex_lock(&cfg->lock);
	cn = omipv6_cn_find(cfg, addr);
	if (cn) {
		list_del_rcu(&cn->list);
		cfg->ncns--;
		kfree_rcu(cn, rcu);
	} else {
		NL_SET_ERR_MSG(extack, "no such correspondent node");
		err = -ENOENT;
	}
	mutex_unlock(&cfg->lock);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(omipv6_cn_del);

void omipv6_cn_flush(struct omipv6_config *cfg)
{
	struct omipv6_cn *cn, *tmp;

	mutex_lock(&cfg->lock);
	list_for_each_entry_safe(cn, tmp, &cfg->cns, list) {
		list_del_rcu(&cn->list);
		kfree_rcu(cn, rcu);
	}
	cfg->ncns = 0;
	mutex_unlock(&cfg->lock);
}
EXPORT_SYMBOL_IF_KUNIT(omipv6_cn_flush);
