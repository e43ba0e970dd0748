// SPDX-License-Identifier: GPL-2.0
/*
 * Generic netlink family "omipv6".
 *
 * The family is netns aware: every request acts on the namespace of the
 * requesting socket.  Commands that change state carry
 * GENL_UNS_ADMIN_PERM, so they need CAP_NET_ADMIN over that namespace.
 * Attribute validation is strict and is done by the policy below;
 * handlers only check what a policy cannot express and explain every
 * rejection through extack.
 *
 * The "events" multicast group carries OMIPV6_CMD_EVENT notifications
 * (omipv6_genl_event()) to listeners in the namespace where the event
 * happened; joining it needs CAP_NET_ADMIN there.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/in6.h>
#include <net/genetlink.h>
#include <net/ipv6.h>
#include <uapi/linux/omipv6.h>

#include "omipv6.h"
#include "omipv6_ha.h"
#include "omipv6_mn.h"
#include "omipv6_netlink.h"

static const struct nla_policy omipv6_nl_policy[OMIPV6_A_MAX + 1] = {
	[OMIPV6_A_HOME_ADDR]	= NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	[OMIPV6_A_HA_ADDR]	= NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	[OMIPV6_A_MNHA_KEY]	= NLA_POLICY_RANGE(NLA_BINARY,
						   OMIPV6_MNHA_KEY_MIN_LEN,
						   OMIPV6_MNHA_KEY_MAX_LEN),
	[OMIPV6_A_MNHA_SPI]	= NLA_POLICY_MIN(NLA_U32, OMIPV6_MNHA_SPI_MIN),
	[OMIPV6_A_MNHA_KEY_SET]	= { .type = NLA_REJECT },
	[OMIPV6_A_CN_ADDR]	= NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	[OMIPV6_A_CN_LIST]	= { .type = NLA_REJECT },
	[OMIPV6_A_COA_ADDR]	= { .type = NLA_REJECT },
	[OMIPV6_A_SEQ]		= { .type = NLA_REJECT },
	[OMIPV6_A_LIFETIME]	= { .type = NLA_REJECT },
	[OMIPV6_A_IFINDEX]	= { .type = NLA_U32 },
	[OMIPV6_A_EVENT_TYPE]	= { .type = NLA_REJECT },
};

enum omipv6_nl_mcgrp {
	OMIPV6_NL_MCGRP_EVENTS,
};

static const struct genl_multicast_group omipv6_nl_mcgrps[] = {
	[OMIPV6_NL_MCGRP_EVENTS] = {
		.name	= OMIPV6_GENL_MCGRP_EVENTS,
		.flags	= GENL_MCAST_CAP_NET_ADMIN,
	},
};

/*
 * Set while the family is registered; omipv6_genl_event() sends only
 * then, inside an RCU read-side section that omipv6_genl_exit() waits
 * for before unregistering.
 */
static bool omipv6_nl_up;

static struct genl_family omipv6_genl_family;

static struct omipv6_net *omipv6_nl_net(struct genl_info *info)
{
	return omipv6_pernet(genl_info_net(info));
}

static struct omipv6_config *omipv6_nl_config(struct genl_info *info)
{
	return &omipv6_nl_net(info)->cfg;
}

/* An all-zero address clears the setting; anything else must be usable. */
static int omipv6_nl_get_addr(struct genl_info *info, int attr,
			      struct in6_addr *out)
{
	struct nlattr *nla = info->attrs[attr];
	int err;

	*out = nla_get_in6_addr(nla);
	if (ipv6_addr_any(out))
		return 0;
	err = omipv6_config_check_addr(out, info->extack);
	if (err)
		NL_SET_BAD_ATTR(info->extack, nla);
	return err;
}

static int omipv6_nl_fill_config(struct sk_buff *msg,
				 struct omipv6_config *cfg)
{
	struct omipv6_cn *cn;
	struct nlattr *nest;

	lockdep_assert_held(&cfg->lock);

	if (!ipv6_addr_any(&cfg->hoa) &&
	    nla_put_in6_addr(msg, OMIPV6_A_HOME_ADDR, &cfg->hoa))
		return -EMSGSIZE;
	if (!ipv6_addr_any(&cfg->ha) &&
	    nla_put_in6_addr(msg, OMIPV6_A_HA_ADDR, &cfg->ha))
		return -EMSGSIZE;
	if (nla_put_u32(msg, OMIPV6_A_MNHA_SPI, cfg->spi) ||
	    nla_put_u8(msg, OMIPV6_A_MNHA_KEY_SET, cfg->key_len != 0))
		return -EMSGSIZE;

	nest = nla_nest_start(msg, OMIPV6_A_CN_LIST);
	if (!nest)
		return -EMSGSIZE;
	list_for_each_entry(cn, &cfg->cns, list) {
		if (nla_put_in6_addr(msg, OMIPV6_A_CN_ADDR, &cn->addr)) {
			nla_nest_cancel(msg, nest);
			return -EMSGSIZE;
		}
	}
	nla_nest_end(msg, nest);
	return 0;
}

static int omipv6_nl_get_config(struct sk_buff *skb, struct genl_info *info)
{
	struct omipv6_config *cfg = omipv6_nl_config(info);
	struct sk_buff *msg;
	void *hdr;
	int err;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;

	hdr = genlmsg_put_reply(msg, info, &omipv6_genl_family, 0,
				OMIPV6_CMD_GET_CONFIG);
	if (!hdr) {
		err = -EMSGSIZE;
		goto err_free;
	}

	mutex_lock(&cfg->lock);
	err = omipv6_nl_fill_config(msg, cfg);
	mutex_unlock(&cfg->lock);
	if (err)
		goto err_free;

	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

err_free:
	nlmsg_free(msg);
	return err;
}

static int omipv6_nl_set_config(struct sk_buff *skb, struct genl_info *info)
{
	struct omipv6_config *cfg = omipv6_nl_config(info);
	struct nlattr **attrs = info->attrs;
	struct in6_addr hoa, ha;
	int err;

	if (!attrs[OMIPV6_A_HOME_ADDR] && !attrs[OMIPV6_A_HA_ADDR] &&
	    !attrs[OMIPV6_A_MNHA_KEY] && !attrs[OMIPV6_A_MNHA_SPI]) {
		NL_SET_ERR_MSG(info->extack, "no configuration attribute given");
		return -EINVAL;
	}

	/* Validate everything before changing anything. */
	if (attrs[OMIPV6_A_HOME_ADDR]) {
		err = omipv6_nl_get_addr(info, OMIPV6_A_HOME_ADDR, &hoa);
		if (err)
			return err;
	}
	if (attrs[OMIPV6_A_HA_ADDR]) {
		err = omipv6_nl_get_addr(info, OMIPV6_A_HA_ADDR, &ha);
		if (err)
			return err;
	}

	mutex_lock(&cfg->lock);
	if (attrs[OMIPV6_A_HOME_ADDR])
		cfg->hoa = hoa;
	if (attrs[OMIPV6_A_HA_ADDR])
		cfg->ha = ha;
	if (attrs[OMIPV6_A_MNHA_SPI])
		cfg->spi = nla_get_u32(attrs[OMIPV6_A_MNHA_SPI]);
	if (attrs[OMIPV6_A_MNHA_KEY])
		omipv6_config_set_key(cfg, nla_data(attrs[OMIPV6_A_MNHA_KEY]),
				      nla_len(attrs[OMIPV6_A_MNHA_KEY]));
	mutex_unlock(&cfg->lock);
	omipv6_mn_config_changed(omipv6_nl_net(info));
	return 0;
}

static int omipv6_nl_add_cn(struct sk_buff *skb, struct genl_info *info)
{
	struct in6_addr addr;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, OMIPV6_A_CN_ADDR))
		return -EINVAL;
	addr = nla_get_in6_addr(info->attrs[OMIPV6_A_CN_ADDR]);
	err = omipv6_cn_add(omipv6_nl_config(info), &addr, info->extack);
	if (!err)
		omipv6_mn_config_changed(omipv6_nl_net(info));
	return err;
}

static int omipv6_nl_del_cn(struct sk_buff *skb, struct genl_info *info)
{
	struct in6_addr addr;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, OMIPV6_A_CN_ADDR))
		return -EINVAL;
	addr = nla_get_in6_addr(info->attrs[OMIPV6_A_CN_ADDR]);
	err = omipv6_cn_del(omipv6_nl_config(info), &addr, info->extack);
	if (!err)
		omipv6_mn_config_changed(omipv6_nl_net(info));
	return err;
}

static int omipv6_nl_flush_cn(struct sk_buff *skb, struct genl_info *info)
{
	omipv6_cn_flush(omipv6_nl_config(info));
	omipv6_mn_config_changed(omipv6_nl_net(info));
	return 0;
}

static int omipv6_nl_add_mn(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **attrs = info->attrs;
	struct in6_addr hoa;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, OMIPV6_A_HOME_ADDR) ||
	    GENL_REQ_ATTR_CHECK(info, OMIPV6_A_MNHA_SPI) ||
	    GENL_REQ_ATTR_CHECK(info, OMIPV6_A_MNHA_KEY)) {
		NL_SET_ERR_MSG(info->extack,
			       "home address, SPI and key are all required");
		return -EINVAL;
	}
	hoa = nla_get_in6_addr(attrs[OMIPV6_A_HOME_ADDR]);
	err = omipv6_config_check_addr(&hoa, info->extack);
	if (err) {
		NL_SET_BAD_ATTR(info->extack, attrs[OMIPV6_A_HOME_ADDR]);
		return err;
	}
	return omipv6_ha_mn_add(omipv6_nl_net(info), &hoa,
				nla_get_u32(attrs[OMIPV6_A_MNHA_SPI]),
				nla_data(attrs[OMIPV6_A_MNHA_KEY]),
				nla_len(attrs[OMIPV6_A_MNHA_KEY]),
				info->extack);
}

static int omipv6_nl_del_mn(struct sk_buff *skb, struct genl_info *info)
{
	struct in6_addr hoa;

	if (GENL_REQ_ATTR_CHECK(info, OMIPV6_A_HOME_ADDR)) {
		NL_SET_ERR_MSG(info->extack, "home address required");
		return -EINVAL;
	}
	hoa = nla_get_in6_addr(info->attrs[OMIPV6_A_HOME_ADDR]);
	return omipv6_ha_mn_del(omipv6_nl_net(info), &hoa, info->extack);
}

static int omipv6_nl_flush_mn(struct sk_buff *skb, struct genl_info *info)
{
	omipv6_ha_mn_flush(omipv6_nl_net(info));
	return 0;
}

/* One OMIPV6_CMD_GET_MN message; @arg is the dump's netlink_callback. */
static int omipv6_nl_fill_mn(struct sk_buff *skb, void *arg,
			     const struct in6_addr *hoa, u32 spi,
			     const struct omipv6_ha_route *rt, u16 seq,
			     unsigned int lifetime)
{
	struct netlink_callback *cb = arg;
	void *hdr;

	hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
			  cb->nlh->nlmsg_seq, &omipv6_genl_family,
			  NLM_F_MULTI, OMIPV6_CMD_GET_MN);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_in6_addr(skb, OMIPV6_A_HOME_ADDR, hoa) ||
	    nla_put_u32(skb, OMIPV6_A_MNHA_SPI, spi))
		goto cancel;
	if (rt && (nla_put_in6_addr(skb, OMIPV6_A_COA_ADDR, &rt->coa) ||
		   nla_put_u16(skb, OMIPV6_A_SEQ, seq) ||
		   nla_put_u32(skb, OMIPV6_A_LIFETIME, lifetime)))
		goto cancel;
	genlmsg_end(skb, hdr);
	return 0;
cancel:
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

/* cb->args[0]: the next mobile node to dump. */
static int omipv6_nl_get_mn(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct omipv6_net *on = omipv6_pernet(sock_net(skb->sk));
	unsigned int pos = cb->args[0];
	int err;

	err = omipv6_ha_dump(on, skb, &pos, omipv6_nl_fill_mn, cb);
	cb->args[0] = pos;
	/* A full message ends this part; an empty one means too small. */
	if (err == -EMSGSIZE && skb->len)
		return skb->len;
	return err ? err : skb->len;
}

static int omipv6_nl_move(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *nla = info->attrs[OMIPV6_A_IFINDEX];
	u32 ifindex = nla ? nla_get_u32(nla) : 0;

	if (ifindex > INT_MAX) {
		NL_SET_ERR_MSG_ATTR(info->extack, nla, "no such interface");
		return -ENODEV;
	}
	return omipv6_mn_move(omipv6_nl_net(info), ifindex, info->extack);
}

static const struct genl_small_ops omipv6_genl_ops[] = {
	{
		.cmd	= OMIPV6_CMD_GET_CONFIG,
		.doit	= omipv6_nl_get_config,
	},
	{
		.cmd	= OMIPV6_CMD_SET_CONFIG,
		.doit	= omipv6_nl_set_config,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= OMIPV6_CMD_ADD_CN,
		.doit	= omipv6_nl_add_cn,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= OMIPV6_CMD_DEL_CN,
		.doit	= omipv6_nl_del_cn,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= OMIPV6_CMD_FLUSH_CN,
		.doit	= omipv6_nl_flush_cn,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= OMIPV6_CMD_ADD_MN,
		.doit	= omipv6_nl_add_mn,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= OMIPV6_CMD_DEL_MN,
		.doit	= omipv6_nl_del_mn,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= OMIPV6_CMD_FLUSH_MN,
		.doit	= omipv6_nl_flush_mn,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= OMIPV6_CMD_GET_MN,
		.dumpit	= omipv6_nl_get_mn,
	},
	{
		.cmd	= OMIPV6_CMD_MOVE,
		.doit	= omipv6_nl_move,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
};

static struct genl_family omipv6_genl_family __ro_after_init = {
	.name		= OMIPV6_GENL_NAME,
	.version	= OMIPV6_GENL_VERSION,
	.maxattr	= OMIPV6_A_MAX,
	.policy		= omipv6_nl_policy,
	.netnsok	= true,
	.module		= THIS_MODULE,
	.small_ops	= omipv6_genl_ops,
	.n_small_ops	= ARRAY_SIZE(omipv6_genl_ops),
	.mcgrps		= omipv6_nl_mcgrps,
	.n_mcgrps	= ARRAY_SIZE(omipv6_nl_mcgrps),
};

/**
 * omipv6_genl_event - tell @net's event listeners about an exchange
 * @net: the namespace where it happened
 * @type: enum omipv6_event_type
 * @hoa: the mobile node's home address
 * @cn: the correspondent's address
 *
 * Best effort: nothing is sent when nobody listens, and a failure to
 * allocate only loses the notification.
 *
 * Context: process or softirq.
 */
void omipv6_genl_event(struct net *net, u8 type, const struct in6_addr *hoa,
		       const struct in6_addr *cn)
{
	struct sk_buff *msg;
	void *hdr;

	rcu_read_lock();
	if (!READ_ONCE(omipv6_nl_up) ||
	    !genl_has_listeners(&omipv6_genl_family, net,
				OMIPV6_NL_MCGRP_EVENTS))
		goto out;
	msg = genlmsg_new(nla_total_size(sizeof(u8)) +
			  2 * nla_total_size(sizeof(struct in6_addr)),
			  GFP_ATOMIC);
	if (!msg)
		goto out;
	hdr = genlmsg_put(msg, 0, 0, &omipv6_genl_family, 0,
			  OMIPV6_CMD_EVENT);
	if (!hdr || nla_put_u8(msg, OMIPV6_A_EVENT_TYPE, type) ||
	    nla_put_in6_addr(msg, OMIPV6_A_HOME_ADDR, hoa) ||
	    nla_put_in6_addr(msg, OMIPV6_A_CN_ADDR, cn)) {
		nlmsg_free(msg);
		goto out;
	}
	genlmsg_end(msg, hdr);
	genlmsg_multicast_netns(&omipv6_genl_family, net, msg, 0,
				OMIPV6_NL_MCGRP_EVENTS, GFP_ATOMIC);
out:
	rcu_read_unlock();
}

int __init omipv6_genl_init(void)
{
	int err;

	err = genl_register_family(&omipv6_genl_family);
	if (!err)
		WRITE_ONCE(omipv6_nl_up, true);
	return err;
}

void omipv6_genl_exit(void)
{
	WRITE_ONCE(omipv6_nl_up, false);
	synchronize_rcu();
	genl_unregister_family(&omipv6_genl_family);
}
