/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Mobile node (RFC 6275 §11): movement detection, home registration,
 * return routability and binding updates to each correspondent node,
 * and the reverse tunnel while away from home; with OMIPv6 the
 * Diffie-Hellman exchange after return routability, its rekeys, and
 * binding updates under the resulting Kabm security association.
 *
 * All protocol state lives in struct omipv6_mn (omipv6_mn_state.h), one
 * per namespace, driven by one work item in process context: it sends every
 * message, runs the retransmission timers, installs the xfrm
 * route-optimization objects, and does the exchange's Diffie-Hellman
 * work and installs its SAs.  The Mobility Header handler (softirq)
 * only matches an answer against the outstanding request under the
 * state's spinlock, records it and queues the work.  Movement comes in
 * through the inet6addr and netdevice notifiers (queue the work) and
 * through OMIPV6_CMD_MOVE.
 */
#ifndef _OMIPV6_MN_H
#define _OMIPV6_MN_H

#include <linux/in6.h>
#include <linux/types.h>

struct netlink_ext_ack;
struct omipv6_net;
struct omipv6_rx;
struct omipv6_tunnel_ends;
struct omipv6_xfrm_ro;
struct seq_file;

/* Home registration lifetime the mobile node asks for, in seconds. */
#define OMIPV6_MN_HOME_LIFETIME		420
/* Attempts at RR and BU with a CN before it is left to the tunnel. */
#define OMIPV6_MN_CN_TRIES		3
/* Seconds before a CN left to the tunnel is tried again. */
#define OMIPV6_MN_CN_HOLDDOWN		60
/*
 * Default of net.omipv6.omi_holddown: seconds of the first hold-down
 * after a failed or refused exchange with a correspondent; each further
 * one doubles, up to OMIPV6_MAX_OMI_HOLDDOWN.
 */
#define OMIPV6_DEFAULT_OMI_HOLDDOWN	60
#define OMIPV6_MAX_OMI_HOLDDOWN		3600
/* Handover records kept for /proc/net/omipv6. */
#define OMIPV6_MN_HANDOVERS		16

int omipv6_mn_init(struct omipv6_net *on);
void omipv6_mn_exit(struct omipv6_net *on);
int omipv6_mn_notifiers_init(void);
void omipv6_mn_notifiers_exit(void);

/* net.omipv6.mn or the netlink configuration changed. */
void omipv6_mn_role_changed(struct omipv6_net *on);
void omipv6_mn_config_changed(struct omipv6_net *on);

/*
 * HoT, CoT, BA, BE, BRR, DH2 and DH4 for the mobile node role.
 * Context: softirq.
 * Return: true when the MN role took the message (or counted its drop).
 */
bool omipv6_mn_rcv(struct omipv6_rx *rx);

/* OMIPV6_CMD_MOVE; @ifindex 0 for no preference.  Context: process. */
int omipv6_mn_move(struct omipv6_net *on, int ifindex,
		   struct netlink_ext_ack *extack);

/*
 * The tunnel while away from home: struct omipv6_tunnel_ops.mn_lookup.
 * Cheap and lock free (for the per-packet data path).  Context: any.
 */
bool omipv6_mn_tunnel_lookup(struct omipv6_net *on,
			     struct omipv6_tunnel_ends *out);

/*
 * struct omipv6_xfrm_ops.mn_snapshot: the home address into @hoa (::
 * when there is none) and up to @max route-optimized bindings into
 * @out.  Context: process or softirq.  Return: the number of such
 * bindings.
 */
unsigned int omipv6_mn_ro_snapshot(struct omipv6_net *on,
				   struct in6_addr *hoa,
				   struct omipv6_xfrm_ro *out,
				   unsigned int max);

/* The "mn", "mncn" and "handover" lines of /proc/net/omipv6. */
void omipv6_mn_seq_show(struct seq_file *seq, struct omipv6_net *on);

#endif /* _OMIPV6_MN_H */
