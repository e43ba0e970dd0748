// SPDX-License-Identifier: GPL-2.0
/*
 * Mobility Header wire codec (doc/wire-format.md).
 *
 * The parser validates a whole message before anything else looks at
 * it: every offset it records in struct omipv6_msg has been checked
 * against the message length, so the accessors in omipv6_codec.h never
 * need to.  The builder writes messages the parser accepts, provided
 * the caller supplies valid fields and adds an authenticator, if any,
 * as the last option.
 *
 * tools/fuzz compiles this file in user space with a shim for the
 * headers below, in which EXPORT_SYMBOL_GPL() is empty; keep it free of
 * any other kernel dependency.
 */
#include <linux/types.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/string.h>
#include <asm/unaligned.h>

#include "omipv6_codec.h"
#include "omipv6_drop.h"
#include "omipv6_rfc.h"

/* One bit per MH type, for the option table's allowed-in masks. */
#define OMIPV6_TBIT(type)	(1U << (type))

/*
 * Rules for a known option: its Length, its alignment x * n + y as
 * checked on receive, whether it must end the message and the MH types
 * that may carry it.
 */
struct omipv6_opt_rule {
	u8 len;
	u8 align;
	u8 align_off;
	bool last;
	u16 types;
};

static const struct omipv6_opt_rule omipv6_opt_rules[OMIPV6_OI_MAX] = {
	[OMIPV6_OI_BRA] = {
		.len = OMIPV6_OPT_BRA_LEN, .align = 2, .align_off = 0,
		.types = OMIPV6_TBIT(OMIPV6_MH_BA),
	},
	[OMIPV6_OI_ALT_COA] = {
		.len = OMIPV6_OPT_ALT_COA_LEN, .align = 8, .align_off = 6,
		.types = OMIPV6_TBIT(OMIPV6_MH_BU),
	},
	[OMIPV6_OI_NONCE_IDX] = {
		.len = OMIPV6_OPT_NONCE_IDX_LEN, .align = 2, .align_off = 0,
		.types = OMIPV6_TBIT(OMIPV6_MH_BU),
	},
	[OMIPV6_OI_BAD] = {
		.len = OMIPV6_OPT_BAD_LEN, .align = 8, .align_off = 2,
		.last = true,
		.types = OMIPV6_TBIT(OMIPV6_MH_BU) | OMIPV6_TBIT(OMIPV6_MH_BA),
	},
	[OMIPV6_OI_MNHA_AUTH] = {
		.len = OMIPV6_OPT_MNHA_AUTH_LEN, .align = 4, .align_off = 1,
		.last = true,
		.types = OMIPV6_TBIT(OMIPV6_MH_BU) | OMIPV6_TBIT(OMIPV6_MH_BA),
	},
	[OMIPV6_OI_KABM_AUTH] = {
		.len = OMIPV6_OPT_KABM_AUTH_LEN, .align = 8, .align_off = 0,
		.last = true,
		.types = OMIPV6_TBIT(OMIPV6_MH_BU) | OMIPV6_TBIT(OMIPV6_MH_BA),
	},
};

static unsigned int omipv6_pad8(unsigned int n)
{
	return (n + OMIPV6_MH_UNIT - 1) & ~(OMIPV6_MH_UNIT - 1);
}

/*
 * The table index of option @type whose @len data octets start at
 * @data, or OMIPV6_OI_MAX for padding and for options the codec skips
 * (unknown types, experimental options of another subtype).
 */
static enum omipv6_opt_idx omipv6_opt_index(u8 type, const u8 *data, u8 len)
{
	switch (type) {
	case OMIPV6_OPT_BRA:
		return OMIPV6_OI_BRA;
	case OMIPV6_OPT_ALT_COA:
		return OMIPV6_OI_ALT_COA;
	case OMIPV6_OPT_NONCE_IDX:
		return OMIPV6_OI_NONCE_IDX;
	case OMIPV6_OPT_BAD:
		return OMIPV6_OI_BAD;
	case OMIPV6_OPT_MNHA_AUTH:
		return OMIPV6_OI_MNHA_AUTH;
	case OMIPV6_OPT_EXPERIMENTAL:
		if (data && len >= 1 && data[0] == OMIPV6_XOPT_KABM_AUTH)
			return OMIPV6_OI_KABM_AUTH;
		return OMIPV6_OI_MAX;
	default:
		return OMIPV6_OI_MAX;
	}
}

/**
 * omipv6_msg_min_len - smallest valid message of an MH type
 * @type: MH Type
 *
 * For type 11 this is the OMIPv6 common part; each subtype needs more
 * (checked by omipv6_msg_parse()).  Any type the codec does not know
 * needs only the 8-octet fixed header.
 *
 * Return: the minimum length in octets, a multiple of 8.
 */
unsigned int omipv6_msg_min_len(u8 type)
{
	unsigned int hdrlen;

	switch (type) {
	case OMIPV6_MH_BRR:
		hdrlen = OMIPV6_MH_MINLEN_BRR;
		break;
	case OMIPV6_MH_HOTI:
		hdrlen = OMIPV6_MH_MINLEN_HOTI;
		break;
	case OMIPV6_MH_COTI:
		hdrlen = OMIPV6_MH_MINLEN_COTI;
		break;
	case OMIPV6_MH_HOT:
		hdrlen = OMIPV6_MH_MINLEN_HOT;
		break;
	case OMIPV6_MH_COT:
		hdrlen = OMIPV6_MH_MINLEN_COT;
		break;
	case OMIPV6_MH_BU:
		hdrlen = OMIPV6_MH_MINLEN_BU;
		break;
	case OMIPV6_MH_BA:
		hdrlen = OMIPV6_MH_MINLEN_BA;
		break;
	case OMIPV6_MH_BE:
		hdrlen = OMIPV6_MH_MINLEN_BE;
		break;
	case OMIPV6_MH_EXPERIMENTAL:
		return OMIPV6_OMI_HDR_END;
	default:
		hdrlen = 0;
		break;
	}
	return (hdrlen + 1) * OMIPV6_MH_UNIT;
}
EXPORT_SYMBOL_GPL(omipv6_msg_min_len);

/* Where the options of an RFC 6275 message (types 0-7) start. */
static unsigned int omipv6_rfc_opt_off(u8 type)
{
	switch (type) {
	case OMIPV6_MH_BRR:
		return OMIPV6_BRR_END;
	case OMIPV6_MH_HOTI:
	case OMIPV6_MH_COTI:
		return OMIPV6_TI_END;
	case OMIPV6_MH_HOT:
	case OMIPV6_MH_COT:
		return OMIPV6_T_END;
	case OMIPV6_MH_BU:
		return OMIPV6_BU_END;
	case OMIPV6_MH_BA:
		return OMIPV6_BA_END;
	case OMIPV6_MH_BE:
		return OMIPV6_BE_END;
	default:
		return 0;
	}
}

/*
 * The OMIPv6 part of a type 11 message of @len >= OMIPV6_OMI_HDR_END
 * octets: subtype, version, the subtype's fixed part, the DH group and
 * the public value length, in that order.  The version comes before
 * the length check because a subtype's layout is defined per version.
 * Sets @m->subtype, @m->pub_len and @m->opt_off.
 */
static int omipv6_omi_parse(struct omipv6_msg *m, const u8 *buf,
			    unsigned int len, enum omipv6_drop *reason)
{
	unsigned int fixed, tail, pub;

	m->subtype = buf[OMIPV6_OMI_OFF_SUBTYPE];
	switch (m->subtype) {
	case OMIPV6_OMI_DH1:
		fixed = OMIPV6_OMI_OFF_PUB;
		tail = OMIPV6_OMI_SIG_LEN;
		break;
	case OMIPV6_OMI_DH2:
		fixed = OMIPV6_OMI_OFF_PUB;
		tail = OMIPV6_OMI_SIG_LEN + OMIPV6_OMI_MAC_LEN;
		break;
	case OMIPV6_OMI_DH3:
		fixed = OMIPV6_OMI_DH3_OFF_SIG + OMIPV6_OMI_SIG_LEN +
			OMIPV6_OMI_MAC_LEN;
		tail = 0;
		break;
	case OMIPV6_OMI_DH4:
		fixed = OMIPV6_OMI_DH4_OFF_SIG + OMIPV6_OMI_SIG_LEN +
			OMIPV6_OMI_MAC_LEN;
		tail = 0;
		break;
	default:
		*reason = OMIPV6_DROP_OMI_SUBTYPE;
		return -EINVAL;
	}
	if (buf[OMIPV6_OMI_OFF_VERSION] != OMIPV6_OMI_VERSION) {
		*reason = OMIPV6_DROP_OMI_VERSION;
		return -EINVAL;
	}
	if (len < fixed) {
		*reason = OMIPV6_DROP_HDRLEN_SHORT;
		return -EINVAL;
	}
	m->opt_off = fixed;
	if (m->subtype != OMIPV6_OMI_DH1 && m->subtype != OMIPV6_OMI_DH2)
		return 0;

	switch (get_unaligned_be16(buf + OMIPV6_OMI_OFF_GROUP)) {
	case OMIPV6_GROUP_FFDHE2048:
		pub = OMIPV6_GROUP_FFDHE2048_PUB;
		break;
	case OMIPV6_GROUP_X25519:
		pub = OMIPV6_GROUP_X25519_PUB;
		break;
	default:
		*reason = OMIPV6_DROP_OMI_GROUP;
		return -EINVAL;
	}
	m->pub_len = get_unaligned_be16(buf + OMIPV6_OMI_OFF_PUB_LEN);
	if (m->pub_len != pub ||
	    OMIPV6_OMI_OFF_PUB + omipv6_pad8(pub) + tail > len) {
		*reason = OMIPV6_DROP_OMI_LEN;
		return -EINVAL;
	}
	m->opt_off = OMIPV6_OMI_OFF_PUB + omipv6_pad8(pub) + tail;
	return 0;
}

/*
 * The mobility options from @m->opt_off to @len.  Pad1 is one octet;
 * every other option needs its Type and Length octets and its data
 * inside the message before anything else about it is looked at.
 */
static int omipv6_opts_parse(struct omipv6_msg *m, const u8 *buf,
			     unsigned int len, enum omipv6_drop *reason)
{
	unsigned int off = m->opt_off;
	bool ended = false;

	while (off < len) {
		const struct omipv6_opt_rule *rule;
		enum omipv6_opt_idx idx;
		u8 olen;

		if (ended) {
			*reason = OMIPV6_DROP_OPT_NOT_LAST;
			return -EINVAL;
		}
		if (buf[off] == OMIPV6_OPT_PAD1) {
			off++;
			continue;
		}
		if (len - off < 2 || buf[off + 1] > len - off - 2) {
			*reason = OMIPV6_DROP_OPT_TRUNCATED;
			return -EINVAL;
		}
		olen = buf[off + 1];
		idx = omipv6_opt_index(buf[off], buf + off + 2, olen);
		if (idx == OMIPV6_OI_MAX) {
			off += 2 + olen;
			continue;
		}
		rule = &omipv6_opt_rules[idx];
		if (olen != rule->len) {
			*reason = OMIPV6_DROP_OPT_LEN;
			return -EINVAL;
		}
		if (off % rule->align != rule->align_off) {
			*reason = OMIPV6_DROP_OPT_ALIGN;
			return -EINVAL;
		}
		if (!(rule->types & OMIPV6_TBIT(m->type))) {
			*reason = OMIPV6_DROP_OPT_FORBIDDEN;
			return -EINVAL;
		}
		if (m->opt[idx]) {
			*reason = OMIPV6_DROP_OPT_DUPLICATE;
			return -EINVAL;
		}
		m->opt[idx] = off;
		ended = rule->last;
		off += 2 + olen;
	}
	return 0;
}

/**
 * omipv6_msg_parse - validate a Mobility Header and index its options
 * @msg: filled in on success; unspecified on failure
 * @buf: the message, starting at Payload Proto
 * @len: octets at @buf; the parser reads none outside [@buf, @buf + @len)
 * @reason: set to why the message was rejected; untouched on success
 *
 * Checks, in this order: at least 8 octets (TRUNCATED); @len equal to
 * (Header Len + 1) * 8 (LEN_MISMATCH); Payload Proto 59 (PAYLOAD_PROTO);
 * the type's fixed part fits (HDRLEN_SHORT).  For type 11 then the OMIPv6
 * subtype (OMI_SUBTYPE), version (OMI_VERSION), the subtype's fixed
 * part (HDRLEN_SHORT), and for DH1 and DH2 the group (OMI_GROUP) and
 * the public value length and the fields after it (OMI_LEN).  Last the
 * mobility options of types 0-7 and 11, one at a time in message order:
 * anything after an authenticator (OPT_NOT_LAST), an option running
 * past the end (OPT_TRUNCATED), then for a known option its Length
 * (OPT_LEN), alignment (OPT_ALIGN), whether the type may carry it
 * (OPT_FORBIDDEN) and whether it was seen before (OPT_DUPLICATE).
 * Padding, unknown options and experimental options of a subtype other
 * than the Kabm authenticator are skipped.  A message of a type the
 * codec does not know is accepted after the fixed header checks, with
 * no option walk (@msg->opt_off == @msg->len).
 *
 * Context: any; does not sleep or allocate.
 * Return: 0 if the message is valid, -EINVAL otherwise.
 */
int omipv6_msg_parse(struct omipv6_msg *msg, const u8 *buf,
		     unsigned int len, enum omipv6_drop *reason)
{
	struct omipv6_msg m;

	memset(&m, 0, sizeof(m));
	if (len < OMIPV6_MH_UNIT) {
		*reason = OMIPV6_DROP_TRUNCATED;
		return -EINVAL;
	}
	if ((buf[OMIPV6_MH_OFF_HDRLEN] + 1U) * OMIPV6_MH_UNIT != len) {
		*reason = OMIPV6_DROP_LEN_MISMATCH;
		return -EINVAL;
	}
	if (buf[OMIPV6_MH_OFF_PROTO] != OMIPV6_MH_PAYLOAD_PROTO) {
		*reason = OMIPV6_DROP_PAYLOAD_PROTO;
		return -EINVAL;
	}
	m.mh = buf;
	m.len = len;
	m.type = buf[OMIPV6_MH_OFF_TYPE];
	if (len < omipv6_msg_min_len(m.type)) {
		*reason = OMIPV6_DROP_HDRLEN_SHORT;
		return -EINVAL;
	}

	switch (m.type) {
	case OMIPV6_MH_BRR ... OMIPV6_MH_BE:
		m.opt_off = omipv6_rfc_opt_off(m.type);
		break;
	case OMIPV6_MH_EXPERIMENTAL:
		if (omipv6_omi_parse(&m, buf, len, reason))
			return -EINVAL;
		break;
	default:
		/* Layout unknown: the receiver answers with a Binding Error. */
		m.opt_off = len;
		break;
	}
	if (omipv6_opts_parse(&m, buf, len, reason))
		return -EINVAL;

	*msg = m;
	return 0;
}
EXPORT_SYMBOL_GPL(omipv6_msg_parse);

/**
 * omipv6_omi_sig_off - offset of an OMIPv6 message's SIG field
 * @m: a message omipv6_msg_parse() accepted
 *
 * Return: the offset of the 32-octet SIG of a DH1..DH4 message, which
 * lies inside the message; 0 for any other message.
 */
unsigned int omipv6_omi_sig_off(const struct omipv6_msg *m)
{
	if (m->type != OMIPV6_MH_EXPERIMENTAL)
		return 0;
	switch (m->subtype) {
	case OMIPV6_OMI_DH1:
	case OMIPV6_OMI_DH2:
		return OMIPV6_OMI_OFF_PUB + omipv6_pad8(m->pub_len);
	case OMIPV6_OMI_DH3:
		return OMIPV6_OMI_DH3_OFF_SIG;
	case OMIPV6_OMI_DH4:
		return OMIPV6_OMI_DH4_OFF_SIG;
	default:
		return 0;
	}
}
EXPORT_SYMBOL_GPL(omipv6_omi_sig_off);

/**
 * omipv6_omi_mac_off - offset of an OMIPv6 message's MAC field
 * @m: a message omipv6_msg_parse() accepted
 *
 * Return: the offset of the 32-octet MAC of a DH2..DH4 message, right
 * after its SIG; 0 for DH1 and any other message.
 */
unsigned int omipv6_omi_mac_off(const struct omipv6_msg *m)
{
	if (m->type != OMIPV6_MH_EXPERIMENTAL ||
	    m->subtype < OMIPV6_OMI_DH2 || m->subtype > OMIPV6_OMI_DH4)
		return 0;
	return omipv6_omi_sig_off(m) + OMIPV6_OMI_SIG_LEN;
}
EXPORT_SYMBOL_GPL(omipv6_omi_mac_off);

/*
 * Reserve @n octets at the end of the message: 0, or the sticky error.
 * Nothing is written when the message would outgrow the buffer (-ENOSPC)
 * or the largest Mobility Header (-EINVAL).
 */
static int omipv6_mhb_room(struct omipv6_mhb *b, unsigned int n)
{
	if (b->err)
		return b->err;
	if (n > OMIPV6_MH_MAX_LEN - b->len)
		b->err = -EINVAL;
	else if (n > b->size - b->len)
		b->err = -ENOSPC;
	return b->err;
}

/* Write @n octets of padding at the end: Pad1, or PadN for 2 and more. */
static void omipv6_mhb_pad(struct omipv6_mhb *b, unsigned int n)
{
	u8 *p = b->buf + b->len;

	if (n == 1) {
		p[0] = OMIPV6_OPT_PAD1;
	} else if (n >= 2) {
		p[0] = OMIPV6_OPT_PADN;
		p[1] = n - 2;
		memset(p + 2, 0, n - 2);
	}
	b->len += n;
}

/**
 * omipv6_mhb_start - begin a Mobility Header
 * @b: the builder
 * @buf: where to build it; nothing is written at or past @buf + @size
 * @size: octets available at @buf
 * @type: MH Type
 *
 * Writes the 6-octet fixed header: Payload Proto 59, @type, Reserved and
 * Checksum zero; Header Len is set by omipv6_mhb_finish().  A buffer
 * smaller than that leaves @b in the -ENOSPC state.
 */
void omipv6_mhb_start(struct omipv6_mhb *b, u8 *buf, unsigned int size,
		      u8 type)
{
	b->buf = buf;
	b->size = size;
	b->len = 0;
	b->err = 0;
	if (omipv6_mhb_room(b, OMIPV6_MH_HDR_LEN))
		return;
	memset(buf, 0, OMIPV6_MH_HDR_LEN);
	buf[OMIPV6_MH_OFF_PROTO] = OMIPV6_MH_PAYLOAD_PROTO;
	buf[OMIPV6_MH_OFF_TYPE] = type;
	b->len = OMIPV6_MH_HDR_LEN;
}
EXPORT_SYMBOL_GPL(omipv6_mhb_start);

/**
 * omipv6_mhb_put - append message data
 * @b: the builder
 * @n: octets to append
 *
 * Return: @n zeroed octets at the end of the message for the caller to
 * fill, or NULL with @b->err set (-ENOSPC: the buffer is too small,
 * -EINVAL: the message would exceed OMIPV6_MH_MAX_LEN, or an earlier
 * error).
 */
u8 *omipv6_mhb_put(struct omipv6_mhb *b, unsigned int n)
{
	u8 *p;

	if (omipv6_mhb_room(b, n))
		return NULL;
	p = b->buf + b->len;
	memset(p, 0, n);
	b->len += n;
	return p;
}
EXPORT_SYMBOL_GPL(omipv6_mhb_put);

/**
 * omipv6_mhb_opt - append a mobility option
 * @b: the builder
 * @type: Option Type; not Pad1, padding is inserted as needed
 * @data: @len octets of option data, or NULL for zeroes
 * @len: Option Length
 *
 * Pads first so that the option meets its alignment: BRA and Nonce
 * Indices 2n, Alternate CoA 8n+6, and the authenticators (BAD 8n+2,
 * MN-HA 8n+5, experimental option 18 whose first data octet is subtype
 * 1, the Kabm authenticator, 8n) placed so that they end on 8n: an
 * authenticator must be the last option of the message, and
 * omipv6_mhb_finish() then adds no padding after it.  Other options are
 * not aligned.
 *
 * Return: the option's data in the buffer (for fields the caller
 * computes later, such as an authenticator), or NULL with @b->err set
 * (-EINVAL for Pad1, else as omipv6_mhb_put()); nothing is written then.
 */
u8 *omipv6_mhb_opt(struct omipv6_mhb *b, u8 type, const void *data, u8 len)
{
	enum omipv6_opt_idx idx;
	unsigned int pad = 0;
	u8 *p;

	if (b->err)
		return NULL;
	if (type == OMIPV6_OPT_PAD1) {
		b->err = -EINVAL;
		return NULL;
	}
	idx = omipv6_opt_index(type, data, len);
	if (idx != OMIPV6_OI_MAX) {
		const struct omipv6_opt_rule *rule = &omipv6_opt_rules[idx];
		unsigned int mult = rule->align, want = rule->align_off;

		if (rule->last) {
			mult = OMIPV6_MH_UNIT;
			want = (mult - (2 + rule->len) % mult) % mult;
		}
		pad = (want + mult - b->len % mult) % mult;
	}
	if (omipv6_mhb_room(b, pad + 2 + len))
		return NULL;
	omipv6_mhb_pad(b, pad);
	p = b->buf + b->len;
	p[0] = type;
	p[1] = len;
	if (data)
		memcpy(p + 2, data, len);
	else
		memset(p + 2, 0, len);
	b->len += 2 + len;
	return p + 2;
}
EXPORT_SYMBOL_GPL(omipv6_mhb_opt);

/**
 * omipv6_mhb_finish - complete a Mobility Header
 * @b: the builder
 *
 * Pads the message to a multiple of 8 octets with Pad1 or PadN and sets
 * Header Len.  The Checksum stays zero.
 *
 * Return: the message length in octets, or the first error of any
 * builder call on @b (-ENOSPC, -EINVAL).
 */
int omipv6_mhb_finish(struct omipv6_mhb *b)
{
	unsigned int pad;

	if (b->err)
		return b->err;
	pad = (OMIPV6_MH_UNIT - b->len % OMIPV6_MH_UNIT) % OMIPV6_MH_UNIT;
	if (omipv6_mhb_room(b, pad))
		return b->err;
	omipv6_mhb_pad(b, pad);
	b->buf[OMIPV6_MH_OFF_HDRLEN] = b->len / OMIPV6_MH_UNIT - 1;
	return b->len;
}
EXPORT_SYMBOL_GPL(omipv6_mhb_finish);
