// SPDX-License-Identifier: GPL-2.0
/*
 * Per-netns message and drop counters.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/percpu.h>
#include <linux/string.h>

#include "omipv6.h"
#include "omipv6_rfc.h"
#include "omipv6_stats.h"

static const char * const omipv6_slot_names[OMIPV6_SLOT_MAX] = {
	[OMIPV6_SLOT_BRR]	= "brr",
	[OMIPV6_SLOT_HOTI]	= "hoti",
	[OMIPV6_SLOT_COTI]	= "coti",
	[OMIPV6_SLOT_HOT]	= "hot",
	[OMIPV6_SLOT_COT]	= "cot",
	[OMIPV6_SLOT_BU]	= "bu",
	[OMIPV6_SLOT_BA]	= "ba",
	[OMIPV6_SLOT_BE]	= "be",
	[OMIPV6_SLOT_EXP]	= "exp",
	[OMIPV6_SLOT_OTHER]	= "other",
};

static const char * const omipv6_drop_names[OMIPV6_DROP_MAX] = {
	[OMIPV6_DROP_TRUNCATED]		= "truncated",
	[OMIPV6_DROP_LEN_MISMATCH]	= "len_mismatch",
	[OMIPV6_DROP_CSUM]		= "csum",
	[OMIPV6_DROP_PAYLOAD_PROTO]	= "payload_proto",
	[OMIPV6_DROP_HDRLEN_SHORT]	= "hdrlen_short",
	[OMIPV6_DROP_OPT_TRUNCATED]	= "opt_truncated",
	[OMIPV6_DROP_OPT_LEN]		= "opt_len",
	[OMIPV6_DROP_OPT_ALIGN]		= "opt_align",
	[OMIPV6_DROP_OPT_NOT_LAST]	= "opt_not_last",
	[OMIPV6_DROP_OPT_FORBIDDEN]	= "opt_forbidden",
	[OMIPV6_DROP_OPT_DUPLICATE]	= "opt_duplicate",
	[OMIPV6_DROP_OMI_SUBTYPE]	= "omi_subtype",
	[OMIPV6_DROP_OMI_VERSION]	= "omi_version",
	[OMIPV6_DROP_OMI_GROUP]		= "omi_group",
	[OMIPV6_DROP_OMI_LEN]		= "omi_len",
	[OMIPV6_DROP_NO_ROLE]		= "no_role",
	[OMIPV6_DROP_TI_HAO]		= "ti_hao",
	[OMIPV6_DROP_BU_ADDR]		= "bu_addr",
	[OMIPV6_DROP_BU_NO_AUTH]	= "bu_no_auth",
	[OMIPV6_DROP_BU_AUTH]		= "bu_auth",
	[OMIPV6_DROP_INTERNAL]		= "internal",
	[OMIPV6_DROP_HA_AUTH]		= "ha_auth",
	[OMIPV6_DROP_MN_UNEXPECTED]	= "mn_unexpected",
	[OMIPV6_DROP_MN_AUTH]		= "mn_auth",
	[OMIPV6_DROP_OMI_RATELIMIT]	= "omi_ratelimit",
	[OMIPV6_DROP_OMI_BUSY]		= "omi_busy",
	[OMIPV6_DROP_OMI_SIG]		= "omi_sig",
	[OMIPV6_DROP_OMI_MAC]		= "omi_mac",
	[OMIPV6_DROP_OMI_UNEXPECTED]	= "omi_unexpected",
	[OMIPV6_DROP_OMI_PUB]		= "omi_pub",
	[OMIPV6_DROP_OMI_STALE]		= "omi_stale",
	[OMIPV6_DROP_SA_AUTH]		= "sa_auth",
	[OMIPV6_DROP_SA_REPLAY]		= "sa_replay",
	[OMIPV6_DROP_SA_OPT]		= "sa_opt",
};

static const char * const omipv6_event_names[OMIPV6_EV_MAX] = {
	[OMIPV6_EV_BA_ACCEPTED]		= "ba_accepted",
	[OMIPV6_EV_BA_SEQ]		= "ba_seq",
	[OMIPV6_EV_BA_EXPIRED_HOME]	= "ba_expired_home",
	[OMIPV6_EV_BA_EXPIRED_COA]	= "ba_expired_coa",
	[OMIPV6_EV_BA_EXPIRED_NONCES]	= "ba_expired_nonces",
	[OMIPV6_EV_BA_OTHER]		= "ba_other",
	[OMIPV6_EV_BE_UNKNOWN_TYPE]	= "be_unknown_type",
	[OMIPV6_EV_BE_UNKNOWN_HAO]	= "be_unknown_hao",
	[OMIPV6_EV_BE_RATELIMITED]	= "be_ratelimited",
	[OMIPV6_EV_BIND_ADD]		= "bind_add",
	[OMIPV6_EV_BIND_UPDATE]		= "bind_update",
	[OMIPV6_EV_BIND_DEL]		= "bind_del",
	[OMIPV6_EV_BIND_EXPIRE]		= "bind_expire",
	[OMIPV6_EV_KCN_REGEN]		= "kcn_regen",
	[OMIPV6_EV_HA_REG]		= "ha_reg",
	[OMIPV6_EV_HA_REFRESH]		= "ha_refresh",
	[OMIPV6_EV_HA_DEREG]		= "ha_dereg",
	[OMIPV6_EV_HA_EXPIRE]		= "ha_expire",
	[OMIPV6_EV_MN_MOVE]		= "mn_move",
	[OMIPV6_EV_MN_HOME]		= "mn_home",
	[OMIPV6_EV_MN_RETX]		= "mn_retx",
	[OMIPV6_EV_MN_HA_BOUND]		= "mn_ha_bound",
	[OMIPV6_EV_MN_CN_BOUND]		= "mn_cn_bound",
	[OMIPV6_EV_MN_BA_REJECTED]	= "mn_ba_rejected",
	[OMIPV6_EV_MN_FALLBACK]		= "mn_fallback",
	[OMIPV6_EV_MN_RS]		= "mn_rs",
	[OMIPV6_EV_TUN_ENCAP]		= "tun_encap",
	[OMIPV6_EV_TUN_DECAP]		= "tun_decap",
	[OMIPV6_EV_TUN_ERROR]		= "tun_error",
	[OMIPV6_EV_OMI_DH1_SENT]	= "omi_dh1_sent",
	[OMIPV6_EV_OMI_SA_UP]		= "omi_sa_up",
	[OMIPV6_EV_OMI_REKEY]		= "omi_rekey",
	[OMIPV6_EV_OMI_ABORT_MITM]	= "omi_abort_mitm",
	[OMIPV6_EV_OMI_ABORT_TIMEOUT]	= "omi_abort_timeout",
	[OMIPV6_EV_OMI_UNSUPPORTED]	= "omi_unsupported",
};

enum omipv6_mh_slot omipv6_mh_slot(u8 mh_type)
{
	switch (mh_type) {
	case OMIPV6_MH_BRR ... OMIPV6_MH_BE:
		return OMIPV6_SLOT_BRR + mh_type;
	case OMIPV6_MH_EXPERIMENTAL:
		return OMIPV6_SLOT_EXP;
	default:
		return OMIPV6_SLOT_OTHER;
	}
}

const char *omipv6_mh_slot_name(enum omipv6_mh_slot slot)
{
	return slot < OMIPV6_SLOT_MAX ? omipv6_slot_names[slot] : "?";
}

const char *omipv6_drop_name(enum omipv6_drop reason)
{
	return reason < OMIPV6_DROP_MAX ? omipv6_drop_names[reason] : "?";
}

const char *omipv6_event_name(enum omipv6_event event)
{
	return event < OMIPV6_EV_MAX ? omipv6_event_names[event] : "?";
}

int omipv6_stats_init(struct omipv6_net *on)
{
	on->stats = alloc_percpu(struct omipv6_stats);
	return on->stats ? 0 : -ENOMEM;
}

void omipv6_stats_free(struct omipv6_net *on)
{
	free_percpu(on->stats);
	on->stats = NULL;
}

void omipv6_stats_sum(const struct omipv6_net *on, struct omipv6_stats *sum)
{
	int cpu, i;

	memset(sum, 0, sizeof(*sum));
	for_each_possible_cpu(cpu) {
		const struct omipv6_stats *s = per_cpu_ptr(on->stats, cpu);

		for (i = 0; i < OMIPV6_SLOT_MAX; i++) {
			sum->rx[i] += READ_ONCE(s->rx[i]);
			sum->tx[i] += READ_ONCE(s->tx[i]);
		}
		for (i = 0; i < OMIPV6_DROP_MAX; i++)
			sum->drop[i] += READ_ONCE(s->drop[i]);
		for (i = 0; i < OMIPV6_EV_MAX; i++)
			sum->event[i] += READ_ONCE(s->event[i]);
	}
}

void omipv6_count_rx(struct omipv6_net *on, u8 mh_type)
{
	this_cpu_inc(on->stats->rx[omipv6_mh_slot(mh_type)]);
}

void omipv6_count_tx(struct omipv6_net *on, u8 mh_type)
{
	this_cpu_inc(on->stats->tx[omipv6_mh_slot(mh_type)]);
}

void omipv6_count_drop(struct omipv6_net *on, enum omipv6_drop reason)
{
	if (WARN_ON_ONCE(reason >= OMIPV6_DROP_MAX))
		return;
	this_cpu_inc(on->stats->drop[reason]);
}

void omipv6_count_event(struct omipv6_net *on, enum omipv6_event event)
{
	if (WARN_ON_ONCE(event >= OMIPV6_EV_MAX))
		return;
	this_cpu_inc(on->stats->event[event]);
}

/**
 * omipv6_ba_event - the event that counts a BA sent with @status
 * @status: BA status
 *
 * Return: the "event" line counter for it (ba_other for the statuses
 * without one of their own).
 */
enum omipv6_event omipv6_ba_event(u8 status)
{
	switch (status) {
	case OMIPV6_BA_ACCEPTED:
		return OMIPV6_EV_BA_ACCEPTED;
	case OMIPV6_BA_SEQ_OUT_OF_WINDOW:
		return OMIPV6_EV_BA_SEQ;
	case OMIPV6_BA_EXPIRED_HOME_NONCE:
		return OMIPV6_EV_BA_EXPIRED_HOME;
	case OMIPV6_BA_EXPIRED_COA_NONCE:
		return OMIPV6_EV_BA_EXPIRED_COA;
	case OMIPV6_BA_EXPIRED_NONCES:
		return OMIPV6_EV_BA_EXPIRED_NONCES;
	default:
		return OMIPV6_EV_BA_OTHER;
	}
}
