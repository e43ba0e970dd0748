/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Mobility Header wire codec.
 *
 * Parses and builds RFC 6275 messages, their mobility options and the
 * OMIPv6 messages carried in the Experimental MH type 11 (byte layouts in
 * doc/wire-format.md).  Pure functions over caller-owned byte buffers: no
 * allocation, no locking, no I/O, callable from any context.  The same
 * source is compiled in user space by tools/fuzz, so it includes only
 * <linux/types.h>, <linux/errno.h>, <linux/export.h>, <linux/string.h>,
 * <asm/unaligned.h> and omipv6 headers.
 *
 * The codec never trusts a length: omipv6_msg_parse() checks every field
 * and option it indexes against the message length before anything reads
 * it, so the accessors below may read any field of the parsed type (and
 * of any option whose offset is non-zero) without further checks.
 */
#ifndef _OMIPV6_CODEC_H
#define _OMIPV6_CODEC_H

#include <linux/types.h>
#include <asm/unaligned.h>

#include "omipv6_drop.h"
#include "omipv6_rfc.h"

/*
 * True when @seq is newer than @last modulo 2^16: "not newer" is @last
 * itself or one of the 32768 values before it (RFC 6275 §9.5.1).
 */
static inline bool omipv6_seq_newer(u16 seq, u16 last)
{
	u16 d = seq - last;

	return d != 0 && d < 0x8000;
}

/* Known options a parsed message indexes, see struct omipv6_msg.opt. */
enum omipv6_opt_idx {
	OMIPV6_OI_BRA,
	OMIPV6_OI_ALT_COA,
	OMIPV6_OI_NONCE_IDX,
	OMIPV6_OI_BAD,
	OMIPV6_OI_MNHA_AUTH,
	OMIPV6_OI_KABM_AUTH,
	OMIPV6_OI_MAX
};

/**
 * struct omipv6_msg - a validated Mobility Header
 * @mh: the whole message, starting at Payload Proto (not owned)
 * @len: its length in octets, (Header Len + 1) * 8
 * @type: MH Type
 * @subtype: OMIPv6 subtype for type 11, else 0
 * @opt_off: offset of the first mobility option (== @len when none)
 * @pub_len: length of the DH public value (DH1, DH2), else 0
 * @opt: offset of each known option's Type octet from @mh, 0 if absent
 *
 * Valid only as long as the buffer @mh points into.
 */
struct omipv6_msg {
	const u8 *mh;
	u16 len;
	u8 type;
	u8 subtype;
	u16 opt_off;
	u16 pub_len;
	u16 opt[OMIPV6_OI_MAX];
};

int omipv6_msg_parse(struct omipv6_msg *msg, const u8 *buf,
		     unsigned int len, enum omipv6_drop *reason);

/* Minimum message length in octets for an MH type (OMIPv6: common part). */
unsigned int omipv6_msg_min_len(u8 type);

/* Field accessors; valid only for a message of the matching type. */
static inline u16 omipv6_get16(const struct omipv6_msg *m, unsigned int off)
{
	return get_unaligned_be16(m->mh + off);
}

static inline u32 omipv6_get32(const struct omipv6_msg *m, unsigned int off)
{
	return get_unaligned_be32(m->mh + off);
}

static inline const u8 *omipv6_field(const struct omipv6_msg *m,
				     unsigned int off)
{
	return m->mh + off;
}

/* Data of a known option (after Type and Length), or NULL if absent. */
static inline const u8 *omipv6_opt_data(const struct omipv6_msg *m,
					enum omipv6_opt_idx idx)
{
	return m->opt[idx] ? m->mh + m->opt[idx] + 2 : NULL;
}

/* Offset of the OMIPv6 SIG (DH1..DH4) and MAC (DH2..DH4) fields. */
unsigned int omipv6_omi_sig_off(const struct omipv6_msg *m);
unsigned int omipv6_omi_mac_off(const struct omipv6_msg *m);

/**
 * struct omipv6_mhb - Mobility Header builder
 * @buf: output buffer (caller-owned)
 * @size: its size
 * @len: octets written so far
 * @err: first error (-ENOSPC, -EINVAL), sticky; 0 while all is well
 *
 * Usage: omipv6_mhb_start(), then the message body with omipv6_mhb_put()
 * (which returns zeroed space to fill), then options with
 * omipv6_mhb_opt(), then omipv6_mhb_finish().  The builder inserts Pad1 or
 * PadN before an option to meet its alignment rule and after the last one
 * to reach a multiple of 8 octets, sets Header Len and leaves the checksum
 * zero (see omipv6_mh_csum()).
 */
struct omipv6_mhb {
	u8 *buf;
	unsigned int size;
	unsigned int len;
	int err;
};

void omipv6_mhb_start(struct omipv6_mhb *b, u8 *buf, unsigned int size,
		      u8 type);
u8 *omipv6_mhb_put(struct omipv6_mhb *b, unsigned int n);
u8 *omipv6_mhb_opt(struct omipv6_mhb *b, u8 type, const void *data,
		   u8 len);
int omipv6_mhb_finish(struct omipv6_mhb *b);

#endif /* _OMIPV6_CODEC_H */
