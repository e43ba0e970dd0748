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

/* Option lengths (Option Length octet) and alignment, as x * n + y. */
#define OMIPV6_OPT_BRA_LEN		2	/* 2n */
#define OMIPV6_OPT_ALT_COA_LEN		16	/* 8n + 6 */
#define OMIPV6_OPT_NONCE_IDX_LEN	4	/* 2n */
#define OMIPV6_OPT_BAD_LEN		12	/* 8n + 2, last */
/* RFC 4285: subtype, SPI, First(96, HMAC_SHA1(...)); 4n + 1, last. */
#define OMIPV6_OPT_MNHA_AUTH_LEN	17
#define OMIPV6_MNHA_SUBTYPE_MN_HA	1
#define OMIPV6_RR_AUTH_LEN		12	/* First(96, HMAC_SHA1) */

/* Fixed message layouts: offsets from the start of the Mobility Header. */
#define OMIPV6_MH_OFF_PROTO		0
#define OMIPV6_MH_OFF_HDRLEN		1
#define OMIPV6_MH_OFF_TYPE		2
#define OMIPV6_MH_OFF_CSUM		4
#define OMIPV6_MH_OFF_DATA		6
/* HoTI, CoTI: reserved 16, init cookie 64. */
#define OMIPV6_TI_OFF_COOKIE		8
#define OMIPV6_TI_END			16
/* HoT, CoT: nonce index 16, init cookie 64, keygen token 64. */
#define OMIPV6_T_OFF_NONCE_IDX		6
#define OMIPV6_T_OFF_COOKIE		8
#define OMIPV6_T_OFF_TOKEN		16
#define OMIPV6_T_END			24
/* BU: sequence 16, flags 16, lifetime 16. */
#define OMIPV6_BU_OFF_SEQ		6
#define OMIPV6_BU_OFF_FLAGS		8
#define OMIPV6_BU_OFF_LIFETIME		10
#define OMIPV6_BU_END			12
/* BA: status 8, flags 8, sequence 16, lifetime 16. */
#define OMIPV6_BA_OFF_STATUS		6
#define OMIPV6_BA_OFF_FLAGS		7
#define OMIPV6_BA_OFF_SEQ		8
#define OMIPV6_BA_OFF_LIFETIME		10
#define OMIPV6_BA_END			12
#define OMIPV6_BA_F_KEYMGMT		0x80
/* BE: status 8, reserved 8, home address 128. */
#define OMIPV6_BE_OFF_STATUS		6
#define OMIPV6_BE_OFF_HOA		8
#define OMIPV6_BE_END			24
/* BRR: reserved 16. */
#define OMIPV6_BRR_END			8

#define OMIPV6_COOKIE_LEN		8
#define OMIPV6_TOKEN_LEN		8
#define OMIPV6_NONCE_LEN		8	/* RR nonces held by the CN */
#define OMIPV6_KCN_LEN			20	/* Kcn (RFC 6275 §5.2.1) */
#define OMIPV6_KBM_LEN			20	/* SHA1 output */

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

/*
 * OMIPv6 messages (doc/wire-format.md): Experimental MH type 11 whose
 * message data starts with subtype and version, then the session ids.
 */
#define OMIPV6_OMI_VERSION		1
#define OMIPV6_OMI_DH1			1
#define OMIPV6_OMI_DH2			2
#define OMIPV6_OMI_DH3			3
#define OMIPV6_OMI_DH4			4
#define OMIPV6_OMI_OFF_SUBTYPE		6
#define OMIPV6_OMI_OFF_VERSION		7
#define OMIPV6_OMI_OFF_SID_MN		8
#define OMIPV6_OMI_OFF_SID_CN		12
#define OMIPV6_OMI_HDR_END		16
/* DH1 and DH2: nonce 128, group 16, groups/flags 16, pub len 16, rsv 16. */
#define OMIPV6_OMI_OFF_NONCE		16
#define OMIPV6_OMI_OFF_GROUP		32
#define OMIPV6_OMI_OFF_GROUPS		34	/* DH1: offered; DH2: flags */
#define OMIPV6_OMI_OFF_PUB_LEN		36
#define OMIPV6_OMI_OFF_PUB		40
/* DH3 and DH4: identity 128 at 16; DH4 adds flags, rsv, SA lifetime. */
#define OMIPV6_OMI_OFF_ID		16
#define OMIPV6_OMI_DH3_OFF_SIG		32
#define OMIPV6_OMI_DH4_OFF_FLAGS	32
#define OMIPV6_OMI_DH4_OFF_LIFETIME	36
#define OMIPV6_OMI_DH4_OFF_SIG		40
#define OMIPV6_OMI_NONCE_LEN		16
#define OMIPV6_OMI_SIG_LEN		32	/* HMAC-SHA256 keyed with Kbm */
#define OMIPV6_OMI_MAC_LEN		32	/* HMAC-SHA256 keyed with Km */
#define OMIPV6_OMI_ID_LEN		16
/* DH groups and their public value lengths. */
#define OMIPV6_GROUP_FFDHE2048		1
#define OMIPV6_GROUP_X25519		2
#define OMIPV6_GROUP_FFDHE2048_PUB	256
#define OMIPV6_GROUP_X25519_PUB		32
/* Kabm authenticator: experimental option 18, subtype 1; 8n, last. */
#define OMIPV6_XOPT_KABM_AUTH		1
#define OMIPV6_OPT_KABM_AUTH_LEN	22
#define OMIPV6_KABM_OFF_EPOCH		4	/* from the option's Type */
#define OMIPV6_KABM_OFF_ICV		8
#define OMIPV6_KABM_ICV_LEN		16	/* First(128, HMAC-SHA256) */

#endif /* _OMIPV6_RFC_H */
