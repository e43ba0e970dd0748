/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * omipv6 generic netlink interface.
 *
 * Family OMIPV6_GENL_NAME, version OMIPV6_GENL_VERSION.  Every command
 * acts on the network namespace of the requesting socket.  Commands that
 * change state need CAP_NET_ADMIN in the user namespace owning that
 * network namespace.
 *
 * OMIPV6_CMD_GET_CONFIG
 *	Reply: OMIPV6_A_HOME_ADDR and OMIPV6_A_HA_ADDR (when set),
 *	OMIPV6_A_MNHA_SPI, OMIPV6_A_MNHA_KEY_SET and one OMIPV6_A_CN_LIST
 *	nest holding an OMIPV6_A_CN_ADDR per correspondent node.  The
 *	MN-HA key itself is write-only and never appears in a reply.
 * OMIPV6_CMD_SET_CONFIG
 *	Any of OMIPV6_A_HOME_ADDR, OMIPV6_A_HA_ADDR, OMIPV6_A_MNHA_SPI and
 *	OMIPV6_A_MNHA_KEY; attributes not present are left unchanged.
 *	Addresses must be global unicast; an all-zero address clears it.
 * OMIPV6_CMD_ADD_CN, OMIPV6_CMD_DEL_CN
 *	OMIPV6_A_CN_ADDR: add or remove one correspondent node.
 * OMIPV6_CMD_FLUSH_CN
 *	Remove every correspondent node.
 * OMIPV6_CMD_ADD_MN (home agent)
 *	OMIPV6_A_HOME_ADDR, OMIPV6_A_MNHA_SPI and OMIPV6_A_MNHA_KEY: accept
 *	home registrations for this home address, authenticated with this
 *	MN-HA security association.  Adding an existing home address
 *	replaces its SPI and key and keeps its binding.  The home address
 *	must be global unicast; at most OMIPV6_HA_MAX_MNS mobile nodes
 *	(ENOSPC).
 * OMIPV6_CMD_DEL_MN (home agent)
 *	OMIPV6_A_HOME_ADDR: forget a mobile node and drop its binding
 *	(ENOENT when it is not configured).
 * OMIPV6_CMD_FLUSH_MN (home agent)
 *	Forget every mobile node.
 * OMIPV6_CMD_GET_MN (home agent, dump)
 *	One message per mobile node: OMIPV6_A_HOME_ADDR, OMIPV6_A_MNHA_SPI,
 *	and while it has a home binding OMIPV6_A_COA_ADDR, OMIPV6_A_SEQ and
 *	OMIPV6_A_LIFETIME (seconds left).  Never the key.
 * OMIPV6_CMD_MOVE (mobile node)
 *	Run movement detection now and treat the result as a movement even
 *	if the care-of address did not change: register again with the home
 *	agent and every correspondent node.  Optional OMIPV6_A_IFINDEX
 *	names the interface whose address becomes the care-of address.
 * OMIPV6_CMD_EVENT (notification only)
 *	Multicast to the OMIPV6_GENL_MCGRP_EVENTS group of the namespace
 *	where it happened; joining the group needs CAP_NET_ADMIN.  Carries
 *	OMIPV6_A_EVENT_TYPE (enum omipv6_event_type), OMIPV6_A_HOME_ADDR
 *	and OMIPV6_A_CN_ADDR: the mobile node and correspondent pair.  A
 *	request with this command is rejected.
 */
#ifndef _UAPI_LINUX_OMIPV6_H
#define _UAPI_LINUX_OMIPV6_H

#define OMIPV6_GENL_NAME	"omipv6"
#define OMIPV6_GENL_VERSION	1
#define OMIPV6_GENL_MCGRP_EVENTS	"events"

/* Bounds enforced by the attribute policy. */
#define OMIPV6_MNHA_KEY_MIN_LEN	16
#define OMIPV6_MNHA_KEY_MAX_LEN	64
#define OMIPV6_MNHA_SPI_MIN	256	/* RFC 4285: SPIs 0-255 are reserved */
#define OMIPV6_MAX_CNS		64
#define OMIPV6_HA_MAX_MNS	1024	/* mobile nodes per home agent */

enum omipv6_cmd {
	OMIPV6_CMD_UNSPEC,
	OMIPV6_CMD_GET_CONFIG,
	OMIPV6_CMD_SET_CONFIG,
	OMIPV6_CMD_ADD_CN,
	OMIPV6_CMD_DEL_CN,
	OMIPV6_CMD_FLUSH_CN,
	OMIPV6_CMD_ADD_MN,
	OMIPV6_CMD_DEL_MN,
	OMIPV6_CMD_FLUSH_MN,
	OMIPV6_CMD_GET_MN,
	OMIPV6_CMD_MOVE,
	OMIPV6_CMD_EVENT,

	__OMIPV6_CMD_MAX,
	OMIPV6_CMD_MAX = __OMIPV6_CMD_MAX - 1
};

enum omipv6_attr {
	OMIPV6_A_UNSPEC,
	OMIPV6_A_HOME_ADDR,	/* binary, struct in6_addr */
	OMIPV6_A_HA_ADDR,	/* binary, struct in6_addr */
	OMIPV6_A_MNHA_KEY,	/* binary, 16..64 octets, write-only */
	OMIPV6_A_MNHA_SPI,	/* u32, >= OMIPV6_MNHA_SPI_MIN */
	OMIPV6_A_MNHA_KEY_SET,	/* u8, 1 when a key is configured */
	OMIPV6_A_CN_ADDR,	/* binary, struct in6_addr */
	OMIPV6_A_CN_LIST,	/* nest of OMIPV6_A_CN_ADDR */
	OMIPV6_A_COA_ADDR,	/* binary, struct in6_addr, read-only */
	OMIPV6_A_SEQ,		/* u16, read-only */
	OMIPV6_A_LIFETIME,	/* u32 seconds, read-only */
	OMIPV6_A_IFINDEX,	/* u32 */
	OMIPV6_A_EVENT_TYPE,	/* u8, enum omipv6_event_type, read-only */

	__OMIPV6_A_MAX,
	OMIPV6_A_MAX = __OMIPV6_A_MAX - 1
};

/* What an OMIPV6_CMD_EVENT reports, about one exchange of a pair. */
enum omipv6_event_type {
	OMIPV6_EVENT_UNSPEC,
	/* The two DH2 copies differed: a possible man in the middle. */
	OMIPV6_EVENT_MITM,
	/* An exchange step got no answer in time (DH2 window included). */
	OMIPV6_EVENT_TIMEOUT,
	/* A first exchange made the pair's security association. */
	OMIPV6_EVENT_SA_UP,
	/* A rekey gave the security association a new key. */
	OMIPV6_EVENT_REKEY,
	/* The correspondent answered DH1 with Binding Error status 2. */
	OMIPV6_EVENT_UNSUPPORTED,

	__OMIPV6_EVENT_MAX,
	OMIPV6_EVENT_MAX = __OMIPV6_EVENT_MAX - 1
};

#endif /* _UAPI_LINUX_OMIPV6_H */
