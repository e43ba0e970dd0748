/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The mobile node's initiator steps of the OMIPv6 exchange
 * (draft-haddad-mipv6-omipv6-01 §6-§7; encoding in doc/wire-format.md,
 * "OMIPv6 messages"): DH1 and DH3 out, DH2 and DH4 checked.  Messages
 * are built and checked with the mechanism of omipv6_omi.h.
 *
 * Owns: nothing beyond each struct omipv6_omi_ini, allocated by
 * omipv6_omi_ini_new() and wiped and freed by omipv6_omi_ini_free().
 * No lock of its own: the exchange with one correspondent is driven by
 * the mobile node's state machine (omipv6_mn.c), which owns a struct
 * omipv6_omi_ini per running exchange, serialises every access to it
 * and calls the steps below: the ones marked "process" from its work
 * item, the others under its spinlock.
 */
#ifndef _OMIPV6_MN_OMI_H
#define _OMIPV6_MN_OMI_H

#include <linux/in6.h>
#include <linux/types.h>

#include "omipv6_dh.h"
#include "omipv6_drop.h"
#include "omipv6_omi.h"
#include "omipv6_rfc.h"

struct omipv6_mn;
struct omipv6_mn_cn;
struct omipv6_rx;

/* Which way a DH2 copy came to the mobile node. */
enum omipv6_omi_path {
	OMIPV6_OMI_PATH_DIRECT,	/* to the care-of address, type 2 RH */
	OMIPV6_OMI_PATH_HA,	/* to the home address, through the HA */
};

/**
 * struct omipv6_omi_ini - the mobile node's side of one exchange
 * @key: our key pair (secret)
 * @hoa: home address
 * @coa: care-of address the exchange runs from
 * @cn: correspondent address
 * @sid_mn: our session id, as on the wire
 * @sid_cn: the correspondent's, from DH2
 * @n_mn: our nonce
 * @n_cn: the correspondent's nonce, from DH2
 * @sigkey: key of every SIG: Kbm, or the first octets of the current
 *	Kabm for a rekey (secret)
 * @gy: the correspondent's public value, from DH2
 * @km: MAC key (secret)
 * @kabm: the new Kabm (secret)
 * @lifetime: SA lifetime from DH4, seconds (0: no limit)
 * @msg: the last message we sent (DH1 or DH3), for retransmission
 * @msg_len: its length
 * @rx: the first DH2 copy, later the DH4
 * @rx_len: its length, 0 when none
 * @rx_path: the path the DH2 copy in @rx came on
 *
 * Allocated by omipv6_omi_ini_new(), freed and wiped by
 * omipv6_omi_ini_free(); the mobile node serialises every access.
 */
struct omipv6_omi_ini {
	struct omipv6_dh_key key;
	struct in6_addr hoa;
	struct in6_addr coa;
	struct in6_addr cn;
	__be32 sid_mn;
	__be32 sid_cn;
	u8 n_mn[OMIPV6_OMI_NONCE_LEN];
	u8 n_cn[OMIPV6_OMI_NONCE_LEN];
	u8 sigkey[OMIPV6_KBM_LEN];
	u8 gy[OMIPV6_DH_PUB_MAX];
	u8 km[OMIPV6_KM_LEN];
	u8 kabm[OMIPV6_KABM_LEN];
	u32 lifetime;
	u8 msg[OMIPV6_OMI_MSG_MAX];
	unsigned int msg_len;
	u8 rx[OMIPV6_OMI_RX_MAX];
	unsigned int rx_len;
	enum omipv6_omi_path rx_path;
};

/* Process context: allocates and makes a key pair. */
struct omipv6_omi_ini *omipv6_omi_ini_new(u16 group,
					  const u8 sigkey[OMIPV6_KBM_LEN]);
void omipv6_omi_ini_free(struct omipv6_omi_ini *ini);
/* Any context: DH1 into @ini->msg for @hoa, @coa, @cn. */
int omipv6_omi_ini_dh1(struct omipv6_omi_ini *ini, const struct in6_addr *hoa,
		       const struct in6_addr *coa, const struct in6_addr *cn);
/* Process context: check the DH2 in @ini->rx, DH3 into @ini->msg. */
int omipv6_omi_ini_dh2(struct omipv6_omi_ini *ini, enum omipv6_drop *reason);
/* Any context: check the DH4 in @ini->rx. */
int omipv6_omi_ini_dh4(struct omipv6_omi_ini *ini, enum omipv6_drop *reason);

/*
 * The exchange in the mobile node's state machine; callers hold mn->lock
 * but for omipv6_mn_omi_run() and omipv6_mn_omi_events() (mn->mutex, no
 * spinlock).
 */
void omipv6_mn_omi_cancel(struct omipv6_mn_cn *c);
bool omipv6_mn_omi_refused(struct omipv6_mn *mn, struct omipv6_mn_cn *c,
			   unsigned long now);
void omipv6_mn_omi_forget_sa(struct omipv6_mn_cn *c);
void omipv6_mn_omi_step(struct omipv6_mn *mn, struct omipv6_mn_cn *c,
			unsigned long now);
void omipv6_mn_omi_run(struct omipv6_mn *mn);
void omipv6_mn_omi_events(struct omipv6_mn *mn);
bool omipv6_mn_rcv_omi(struct omipv6_mn *mn, struct omipv6_rx *rx,
		       unsigned long now);

#endif /* _OMIPV6_MN_OMI_H */
