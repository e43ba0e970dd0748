/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Protocol constants from RFC 6275 (Mobility Support in IPv6), RFC 4285
 * (MN-HA authentication option), RFC 5096 (experimental mobility header
 * and option) and the IANA mobility registries.  Every wire constant the
 * module uses is defined here and nowhere else.
 */
#ifndef _OMIPV6_RFC_H
#define _OMIPV6_RFC_H

/* Mobility Header types (RFC 6275 §6.1.2, RFC 5096 §2). */
#define OMIPV6_MH_BRR		0
#define OMIPV6_MH_HOTI		1
#define OMIPV6_MH_COTI		2
#define OMIPV6_MH_HOT		3
#define OMIPV6_MH_COT		4
#define OMIPV6_MH_BU		5
#define OMIPV6_MH_BA		6
#define OMIPV6_MH_BE		7
#define OMIPV6_MH_EXPERIMENTAL	11

/* Fixed Mobility Header: proto, hdrlen, type, reserved, checksum. */
#define OMIPV6_MH_HDR_LEN	6
/* Header Len counts 8-octet units after the first 8 octets. */
#define OMIPV6_MH_UNIT		8
#define OMIPV6_MH_MAX_LEN	((255 + 1) * OMIPV6_MH_UNIT)
/* Payload Proto must be IPPROTO_NONE (RFC 6275 §6.1.1). */
#define OMIPV6_MH_PAYLOAD_PROTO	59

/* Smallest legal Header Len per type (RFC 6275 §9.2, kernel mip6_mh_len). */
#define OMIPV6_MH_MINLEN_BRR	0
#define OMIPV6_MH_MINLEN_HOTI	1
#define OMIPV6_MH_MINLEN_COTI	1
#define OMIPV6_MH_MINLEN_HOT	2
#define OMIPV6_MH_MINLEN_COT	2
#define OMIPV6_MH_MINLEN_BU	1
#define OMIPV6_MH_MINLEN_BA	1
#define OMIPV6_MH_MINLEN_BE	2
#define OMIPV6_MH_MINLEN_EXP	0

/* Mobility options (RFC 6275 §6.2, RFC 4285 §5, RFC 5096 §3). */
#define OMIPV6_OPT_PAD1		0
#define OMIPV6_OPT_PADN		1
#define OMIPV6_OPT_BRA		2
#define OMIPV6_OPT_ALT_COA	3
#define OMIPV6_OPT_NONCE_IDX	4
#define OMIPV6_OPT_BAD		5
#define OMIPV6_OPT_MNHA_AUTH	9
#define OMIPV6_OPT_EXPERIMENTAL	18

/* Binding Update flags (RFC 6275 §6.1.7). */
#define OMIPV6_BU_F_ACK		0x8000
#define OMIPV6_BU_F_HOME	0x4000
#define OMIPV6_BU_F_LLADDR	0x2000
#define OMIPV6_BU_F_KEYMGMT	0x1000

/* Binding Acknowledgment status (RFC 6275 §6.1.8). */
#define OMIPV6_BA_ACCEPTED		0
#define OMIPV6_BA_UNSPECIFIED		128
#define OMIPV6_BA_PROHIBITED		129
#define OMIPV6_BA_NO_RESOURCES		130
#define OMIPV6_BA_HOME_REG_UNSUPP	131
#define OMIPV6_BA_NOT_HOME_SUBNET	132
#define OMIPV6_BA_NOT_HA_FOR_MN		133
#define OMIPV6_BA_DAD_FAILED		134
#define OMIPV6_BA_SEQ_OUT_OF_WINDOW	135
#define OMIPV6_BA_EXPIRED_HOME_NONCE	136
#define OMIPV6_BA_EXPIRED_COA_NONCE	137
#define OMIPV6_BA_EXPIRED_NONCES	138
#define OMIPV6_BA_REG_TYPE_CHANGE	139

/* Binding Error status (RFC 6275 §6.1.9). */
#define OMIPV6_BE_UNKNOWN_HAO		1
#define OMIPV6_BE_UNKNOWN_MH_TYPE	2

/* Protocol constants (RFC 6275 §12), in seconds. */
#define OMIPV6_MAX_NONCE_LIFETIME	240
#define OMIPV6_MAX_TOKEN_LIFETIME	210
#define OMIPV6_MAX_RR_BINDING_LIFETIME	420
#define OMIPV6_INITIAL_BINDACK_TIMEOUT	1
#define OMIPV6_MAX_BINDACK_TIMEOUT	32

/* Binding lifetimes travel in units of 4 seconds. */
#define OMIPV6_LIFETIME_UNIT		4

#endif /* _OMIPV6_RFC_H */
