/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-netns node configuration set over generic netlink: home address,
 * home agent address, MN-HA security association and the list of
 * correspondent nodes.
 */
#ifndef _OMIPV6_CONFIG_H
#define _OMIPV6_CONFIG_H

#include <linux/in6.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <uapi/linux/omipv6.h>

struct netlink_ext_ack;

/* A correspondent node; freed with kfree_rcu() after unlinking. */
struct omipv6_cn {
	struct list_head list;
	struct in6_addr addr;
	struct rcu_head rcu;
};

/*
 * @lock serialises every writer and the readers of @hoa, @ha, @spi and
 * the key.  @cns may also be walked under rcu_read_lock().  The key is
 * never copied out of this structure except into the MH authenticator
 * computation, and is wiped with memzero_explicit() when replaced or
 * freed.
 */
struct omipv6_config {
	struct mutex lock;	/* see above */
	struct in6_addr hoa;
	struct in6_addr ha;
	u32 spi;
	u8 key_len;
	u8 key[OMIPV6_MNHA_KEY_MAX_LEN];
	unsigned int ncns;
	struct list_head cns;
};

void omipv6_config_init(struct omipv6_config *cfg);
void omipv6_config_destroy(struct omipv6_config *cfg);

int omipv6_config_check_addr(const struct in6_addr *addr,
			     struct netlink_ext_ack *extack);
void omipv6_config_set_key(struct omipv6_config *cfg, const u8 *key,
			   unsigned int len);

int omipv6_cn_add(struct omipv6_config *cfg, const struct in6_addr *addr,
		  struct netlink_ext_ack *extack);
int omipv6_cn_del(struct omipv6_config *cfg, const struct in6_addr *addr,
		  struct netlink_ext_ack *extack);
void omipv6_cn_flush(struct omipv6_config *cfg);

#endif /* _OMIPV6_CONFIG_H */
