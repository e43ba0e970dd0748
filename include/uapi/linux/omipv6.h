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
 */
#ifndef _UAPI_LINUX_OMIPV6_H
#define _UAPI_LINUX_OMIPV6_H

#define OMIPV6_GENL_NAME	"omipv6"
#define OMIPV6_GENL_VERSION	1

/* Bounds enforced by the attribute policy. */
#define OMIPV6_MNHA_KEY_MIN_LEN	16
#define OMIPV6_MNHA_KEY_MAX_LEN	64
#define OMIPV6_MNHA_SPI_MIN	256	/* RFC 4285: SPIs 0-255 are reserved */
#define OMIPV6_MAX_CNS		64

enum omipv6_cmd {
	OMIPV6_CMD_UNSPEC,
	OMIPV6_CMD_GET_CONFIG,
	OMIPV6_CMD_SET_CONFIG,
	OMIPV6_CMD_ADD_CN,
	OMIPV6_CMD_DEL_CN,
	OMIPV6_CMD_FLUSH_CN,

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

	__OMIPV6_A_MAX,
	OMIPV6_A_MAX = __OMIPV6_A_MAX - 1
};

#endif /* _UAPI_LINUX_OMIPV6_H */
