/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reasons a received Mobility Header is dropped.
 *
 * Shared by the codec (which the user-space fuzzer compiles too, so this
 * header includes nothing) and the per-netns counters.  Every value has a
 * counter of the same name on the "drop" line of /proc/net/omipv6; see
 * omipv6_drop_name().  Append new reasons before OMIPV6_DROP_MAX.
 */
#ifndef _OMIPV6_DROP_H
#define _OMIPV6_DROP_H

enum omipv6_drop {
	OMIPV6_DROP_TRUNCATED,		/* shorter than 8 octets */
	OMIPV6_DROP_LEN_MISMATCH,	/* Header Len vs. packet length */
	OMIPV6_DROP_CSUM,		/* bad MH checksum */
	OMIPV6_DROP_PAYLOAD_PROTO,	/* Payload Proto is not 59 */
	OMIPV6_DROP_HDRLEN_SHORT,	/* below the type's minimum */
	OMIPV6_DROP_OPT_TRUNCATED,	/* an option runs past the message */
	OMIPV6_DROP_OPT_LEN,		/* wrong length for the option type */
	OMIPV6_DROP_OPT_ALIGN,		/* option breaks its alignment rule */
	OMIPV6_DROP_OPT_NOT_LAST,	/* an authenticator is not last */
	OMIPV6_DROP_OPT_FORBIDDEN,	/* option not allowed in this type */
	OMIPV6_DROP_OPT_DUPLICATE,	/* a known option appears twice */
	OMIPV6_DROP_OMI_SUBTYPE,	/* unknown OMIPv6 subtype */
	OMIPV6_DROP_OMI_VERSION,	/* unsupported OMIPv6 version */
	OMIPV6_DROP_OMI_GROUP,		/* unknown DH group */
	OMIPV6_DROP_OMI_LEN,		/* public value length inconsistent */
	OMIPV6_DROP_NO_ROLE,		/* no enabled role takes the message */
	OMIPV6_DROP_TI_HAO,		/* HoTI or CoTI with a HAO */
	OMIPV6_DROP_BU_ADDR,		/* BU: HoA or CoA not routable */
	OMIPV6_DROP_BU_NO_AUTH,		/* BU: no Nonce Indices or no BAD */
	OMIPV6_DROP_BU_AUTH,		/* BU: authenticator mismatch */
	OMIPV6_DROP_INTERNAL,		/* crypto or builder failure */
	OMIPV6_DROP_HA_AUTH,		/* home BU: MN-HA auth missing/bad */
	OMIPV6_DROP_MN_UNEXPECTED,	/* MN: matches no outstanding request */
	OMIPV6_DROP_MN_AUTH,		/* MN: BA authenticator mismatch */
	OMIPV6_DROP_OMI_RATELIMIT,	/* CN: DH1 over the admission rate */
	OMIPV6_DROP_OMI_BUSY,		/* CN: too many pending exchanges */
	OMIPV6_DROP_OMI_SIG,		/* DH SIG does not verify */
	OMIPV6_DROP_OMI_MAC,		/* DH MAC does not verify */
	OMIPV6_DROP_OMI_UNEXPECTED,	/* DH message fits no exchange */
	OMIPV6_DROP_OMI_PUB,		/* peer's DH public value rejected */
	OMIPV6_DROP_OMI_STALE,		/* CN: SA made or rekeyed since DH1 */
	OMIPV6_DROP_SA_AUTH,		/* BU/BA not under Kabm, or bad ICV */
	OMIPV6_DROP_SA_REPLAY,		/* BU under Kabm: sequence not newer */
	OMIPV6_DROP_SA_OPT,		/* BU under Kabm: Alt-CoA or Nonce Idx */
	OMIPV6_DROP_MAX
};

#endif /* _OMIPV6_DROP_H */
