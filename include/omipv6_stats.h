/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-netns message and drop counters.
 *
 * Counters are per CPU and lock free: any context may bump them while
 * the owning struct omipv6_net is alive.  Readers sum over all CPUs and
 * may see a count that is a few packets behind.
 */
#ifndef _OMIPV6_STATS_H
#define _OMIPV6_STATS_H

#include <linux/percpu.h>
#include <linux/types.h>

#include "omipv6_drop.h"

/* Slots for per-type Mobility Header counters. */
enum omipv6_mh_slot {
	OMIPV6_SLOT_BRR,
	OMIPV6_SLOT_HOTI,
	OMIPV6_SLOT_COTI,
	OMIPV6_SLOT_HOT,
	OMIPV6_SLOT_COT,
	OMIPV6_SLOT_BU,
	OMIPV6_SLOT_BA,
	OMIPV6_SLOT_BE,
	OMIPV6_SLOT_EXP,
	OMIPV6_SLOT_OTHER,
	OMIPV6_SLOT_MAX
};

/*
 * Things the node did, for the "event" line: BAs sent by status, BEs
 * sent by status or suppressed by the rate limit, binding cache changes
 * and Kcn generations (CN); home binding changes (HA); movement,
 * retransmissions and bindings (MN); tunnelled packets (HA and MN);
 * the OMIPv6 exchange and its security associations (MN and CN).
 */
enum omipv6_event {
	OMIPV6_EV_BA_ACCEPTED,		/* BA status 0 sent */
	OMIPV6_EV_BA_SEQ,		/* BA 135 sent */
	OMIPV6_EV_BA_EXPIRED_HOME,	/* BA 136 sent */
	OMIPV6_EV_BA_EXPIRED_COA,	/* BA 137 sent */
	OMIPV6_EV_BA_EXPIRED_NONCES,	/* BA 138 sent */
	OMIPV6_EV_BA_OTHER,		/* BA with any other status sent */
	OMIPV6_EV_BE_UNKNOWN_TYPE,	/* BE status 2 sent */
	OMIPV6_EV_BE_UNKNOWN_HAO,	/* BE status 1 sent */
	OMIPV6_EV_BE_RATELIMITED,	/* BE suppressed by the rate limit */
	OMIPV6_EV_BIND_ADD,		/* binding added */
	OMIPV6_EV_BIND_UPDATE,		/* binding refreshed or moved */
	OMIPV6_EV_BIND_DEL,		/* binding deleted (dereg, role off) */
	OMIPV6_EV_BIND_EXPIRE,		/* binding expired */
	OMIPV6_EV_KCN_REGEN,		/* Kcn generated */
	OMIPV6_EV_HA_REG,		/* HA: home binding added or moved */
	OMIPV6_EV_HA_REFRESH,		/* HA: home binding refreshed */
	OMIPV6_EV_HA_DEREG,		/* HA: home binding deregistered */
	OMIPV6_EV_HA_EXPIRE,		/* HA: home binding expired */
	OMIPV6_EV_MN_MOVE,		/* MN: movement detected or forced */
	OMIPV6_EV_MN_HOME,		/* MN: returned home */
	OMIPV6_EV_MN_RETX,		/* MN: HoTI, CoTI or BU retransmitted */
	OMIPV6_EV_MN_HA_BOUND,		/* MN: BA accepted from the HA */
	OMIPV6_EV_MN_CN_BOUND,		/* MN: BA accepted from a CN */
	OMIPV6_EV_MN_BA_REJECTED,	/* MN: BA with an error status */
	OMIPV6_EV_MN_FALLBACK,		/* MN: CN left to the reverse tunnel */
	OMIPV6_EV_MN_RS,		/* MN: router solicitation on attach */
	OMIPV6_EV_TUN_ENCAP,		/* packet sent into an ip6ip6 tunnel */
	OMIPV6_EV_TUN_DECAP,		/* packet taken out of a tunnel */
	OMIPV6_EV_TUN_ERROR,		/* tunnel packet dropped */
	OMIPV6_EV_OMI_DH1_SENT,		/* MN: DH1 sent (retransmissions too) */
	OMIPV6_EV_OMI_SA_UP,		/* an exchange made a new SA */
	OMIPV6_EV_OMI_REKEY,		/* an exchange gave an SA a new key */
	OMIPV6_EV_OMI_ABORT_MITM,	/* MN: the two DH2 copies differ */
	OMIPV6_EV_OMI_ABORT_TIMEOUT,	/* MN: an exchange step timed out */
	OMIPV6_EV_OMI_UNSUPPORTED,	/* MN: DH1 answered with BE status 2 */
	OMIPV6_EV_MAX
};

struct omipv6_stats {
	unsigned long rx[OMIPV6_SLOT_MAX];
	unsigned long tx[OMIPV6_SLOT_MAX];
	unsigned long drop[OMIPV6_DROP_MAX];
	unsigned long event[OMIPV6_EV_MAX];
};

struct omipv6_net;

int omipv6_stats_init(struct omipv6_net *on);
void omipv6_stats_free(struct omipv6_net *on);
void omipv6_stats_sum(const struct omipv6_net *on, struct omipv6_stats *sum);

enum omipv6_mh_slot omipv6_mh_slot(u8 mh_type);
const char *omipv6_mh_slot_name(enum omipv6_mh_slot slot);
const char *omipv6_drop_name(enum omipv6_drop reason);
const char *omipv6_event_name(enum omipv6_event event);

void omipv6_count_rx(struct omipv6_net *on, u8 mh_type);
void omipv6_count_tx(struct omipv6_net *on, u8 mh_type);
void omipv6_count_drop(struct omipv6_net *on, enum omipv6_drop reason);
void omipv6_count_event(struct omipv6_net *on, enum omipv6_event event);
enum omipv6_event omipv6_ba_event(u8 status);

#endif /* _OMIPV6_STATS_H */
