// SPDX-License-Identifier: GPL-2.0
/*
 * Mobility Header codec (omipv6_codec.c): build-parse round trips of
 * every message type and option, hand-written messages each accepted or
 * rejected with one exact drop reason, the builder's limits, and a
 * randomized run over mutated messages.  The parser always reads from a
 * buffer of exactly the message's length, so KASAN reports any read
 * outside it.
 */
#include <kunit/test.h>
#include <linux/ktime.h>
#include <linux/prandom.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <asm/unaligned.h>

#include "omipv6_codec.h"
#include "omipv6_kunit.h"
#include "omipv6_rfc.h"

/* Length, alignment (x * n + y) and whether it ends the message. */
struct ct_opt_rule {
	u8 type;
	u8 len;
	u8 align;
	u8 align_off;
	bool last;
};

/* The rules of doc/wire-format.md, written out again independently. */
static const struct ct_opt_rule ct_rules[OMIPV6_OI_MAX] = {
	[OMIPV6_OI_BRA]		= { OMIPV6_OPT_BRA, 2, 2, 0, false },
	[OMIPV6_OI_ALT_COA]	= { OMIPV6_OPT_ALT_COA, 16, 8, 6, false },
	[OMIPV6_OI_NONCE_IDX]	= { OMIPV6_OPT_NONCE_IDX, 4, 2, 0, false },
	[OMIPV6_OI_BAD]		= { OMIPV6_OPT_BAD, 12, 8, 2, true },
	[OMIPV6_OI_MNHA_AUTH]	= { OMIPV6_OPT_MNHA_AUTH, 17, 4, 1, true },
	[OMIPV6_OI_KABM_AUTH]	= { OMIPV6_OPT_EXPERIMENTAL, 22, 8, 0,
				    true },
};

/*
 * Parse a copy of @len octets of @msg held in a buffer of exactly @len
 * octets, which lives until the test ends (so @m stays usable).
 */
static int ct_parse(struct kunit *test, struct omipv6_msg *m, const u8 *msg,
		    unsigned int len, enum omipv6_drop *reason)
{
	u8 *copy = kunit_kmalloc(test, len ? len : 1, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, copy);
	memcpy(copy, msg, len);
	return omipv6_msg_parse(m, copy, len, reason);
}

/* ---- Round trips ------------------------------------------------------ */

/* Options a round-trip message carries, in the order they are added. */
enum ct_opt_kind {
	CT_END,
	CT_BRA,
	CT_ALT,
	CT_NONCE,
	CT_BAD,
	CT_MNHA,
	CT_KABM,
	CT_UNK1,	/* unknown option 200, 1 octet */
	CT_UNK5,	/* unknown option 201, 5 octets */
	CT_EXP2,	/* experimental option, subtype 2, 3 octets */
	CT_EXP0,	/* experimental option without data */
	CT_PADN255,	/* the longest PadN */
};

static const u8 ct_bra[] = { 0x00, 0x2a };

static const u8 ct_coa[16] = {
	0x20, 0x01, 0x0d, 0xb8, 0x00, 0x0a, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0x00
};

static const u8 ct_hoa[16] = {
	0x20, 0x01, 0x0d, 0xb8, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0x00
};

static const u8 ct_cn[16] = {
	0x20, 0x01, 0x0d, 0xb8, 0x00, 0x0c, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01
};

static const u8 ct_nonce_idx[] = { 0x00, 0x05, 0x00, 0x06 };

static const u8 ct_bad[12] = {
	0xb0, 0xb1, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xbb
};

/* Subtype MN-HA, SPI 256, authenticator. */
static const u8 ct_mnha[17] = {
	0x01, 0x00, 0x00, 0x01, 0x00,
	0xd0, 0xd1, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda, 0xdb
};

/* Subtype 1, reserved, key epoch 7, ICV. */
static const u8 ct_kabm[22] = {
	0x01, 0x00, 0x00, 0x00, 0x00, 0x07,
	0xe0, 0xe1, 0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7,
	0xe8, 0xe9, 0xea, 0xeb, 0xec, 0xed, 0xee, 0xef
};

static const u8 ct_unk[5] = { 0xaa, 0x55, 0xaa, 0x55, 0xaa };

static const u8 ct_exp2[3] = { 0x02, 0x11, 0x22 };

static const u8 ct_cookie[8] = {
	0xc0, 0xc1, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7
};

static const u8 ct_token[8] = {
	0x70, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77
};

#define CT_SID_MN	0x11223344
#define CT_SID_CN	0x55667788
#define CT_SEQ		0x1234
#define CT_LIFETIME	105
#define CT_SA_LIFETIME	3600
#define CT_NONCE_BASE	0x10
#define CT_PUB_BASE	0x30
#define CT_SIG_BASE	0x50
#define CT_MAC_BASE	0x90

struct ct_opt_data {
	u8 type;
	u8 len;
	const u8 *data;
	enum omipv6_opt_idx idx;	/* OMIPV6_OI_MAX: not indexed */
};

static const struct ct_opt_data ct_opts[] = {
	[CT_BRA]	= { OMIPV6_OPT_BRA, 2, ct_bra, OMIPV6_OI_BRA },
	[CT_ALT]	= { OMIPV6_OPT_ALT_COA, 16, ct_coa, OMIPV6_OI_ALT_COA },
	[CT_NONCE]	= { OMIPV6_OPT_NONCE_IDX, 4, ct_nonce_idx,
			    OMIPV6_OI_NONCE_IDX },
	[CT_BAD]	= { OMIPV6_OPT_BAD, 12, ct_bad, OMIPV6_OI_BAD },
	[CT_MNHA]	= { OMIPV6_OPT_MNHA_AUTH, 17, ct_mnha,
			    OMIPV6_OI_MNHA_AUTH },
	[CT_KABM]	= { OMIPV6_OPT_EXPERIMENTAL, 22, ct_kabm,
			    OMIPV6_OI_KABM_AUTH },
	[CT_UNK1]	= { 200, 1, ct_unk, OMIPV6_OI_MAX },
	[CT_UNK5]	= { 201, 5, ct_unk, OMIPV6_OI_MAX },
	[CT_EXP2]	= { OMIPV6_OPT_EXPERIMENTAL, 3, ct_exp2,
			    OMIPV6_OI_MAX },
	[CT_EXP0]	= { OMIPV6_OPT_EXPERIMENTAL, 0, NULL, OMIPV6_OI_MAX },
	[CT_PADN255]	= { OMIPV6_OPT_PADN, 255, NULL, OMIPV6_OI_MAX },
};

/*
 * One message to build and parse back: its type (and OMIPv6 subtype and
 * DH group), its options, and what the parse must find: the length, the
 * known options' offsets and optionally a Pad1 or a PadN somewhere.
 */
struct ct_spec {
	const char *desc;
	u8 type;
	u8 subtype;
	u16 group;
	u8 opts[4];
	unsigned int len;
	u16 at[OMIPV6_OI_MAX];
	u16 pad1_at;
	u16 padn_at;
	u8 padn_len;
};

static const struct ct_spec ct_specs[] = {
	{ "BRR", OMIPV6_MH_BRR, .len = 8 },
	{ "HoTI", OMIPV6_MH_HOTI, .len = 16 },
	{ "CoTI", OMIPV6_MH_COTI, .len = 16 },
	{ "HoT", OMIPV6_MH_HOT, .len = 24 },
	{ "CoT", OMIPV6_MH_COT, .len = 24 },
	/* The fixed part ends at 12: PadN of 4 reaches 16. */
	{ "BU", OMIPV6_MH_BU, .len = 16, .padn_at = 12, .padn_len = 2 },
	/* 8n+6: PadN of 2 at 12 puts it at 14, ending at 32. */
	{ "BU AltCoA", OMIPV6_MH_BU, .opts = { CT_ALT }, .len = 32,
	  .at = { [OMIPV6_OI_ALT_COA] = 14 }, .padn_at = 12, .padn_len = 0 },
	{ "BU Nonce Indices", OMIPV6_MH_BU, .opts = { CT_NONCE }, .len = 24,
	  .at = { [OMIPV6_OI_NONCE_IDX] = 12 }, .padn_at = 18, .padn_len = 4 },
	/* The RFC 6275 return-routability BU: no padding at all. */
	{ "BU Nonce Indices BAD", OMIPV6_MH_BU,
	  .opts = { CT_NONCE, CT_BAD }, .len = 32,
	  .at = { [OMIPV6_OI_NONCE_IDX] = 12, [OMIPV6_OI_BAD] = 18 } },
	{ "BU AltCoA Nonce Indices BAD", OMIPV6_MH_BU,
	  .opts = { CT_ALT, CT_NONCE, CT_BAD }, .len = 56,
	  .at = { [OMIPV6_OI_ALT_COA] = 14, [OMIPV6_OI_NONCE_IDX] = 32,
		  [OMIPV6_OI_BAD] = 42 },
	  .padn_at = 38, .padn_len = 2 },
	{ "BU BAD", OMIPV6_MH_BU, .opts = { CT_BAD }, .len = 32,
	  .at = { [OMIPV6_OI_BAD] = 18 }, .padn_at = 12, .padn_len = 4 },
	/* 8n+5: a single Pad1 at 12. */
	{ "BU MN-HA", OMIPV6_MH_BU, .opts = { CT_MNHA }, .len = 32,
	  .at = { [OMIPV6_OI_MNHA_AUTH] = 13 }, .pad1_at = 12 },
	{ "BU Kabm", OMIPV6_MH_BU, .opts = { CT_KABM }, .len = 40,
	  .at = { [OMIPV6_OI_KABM_AUTH] = 16 }, .padn_at = 12, .padn_len = 2 },
	/* An unknown 3-octet option ends at 15: Pad1 aligns Nonce Indices. */
	{ "BU unknown option Pad1 Nonce Indices", OMIPV6_MH_BU,
	  .opts = { CT_UNK1, CT_NONCE }, .len = 24,
	  .at = { [OMIPV6_OI_NONCE_IDX] = 16 }, .pad1_at = 15, .padn_at = 22,
	  .padn_len = 0 },
	{ "BU empty experimental option Kabm", OMIPV6_MH_BU,
	  .opts = { CT_EXP0, CT_KABM }, .len = 40,
	  .at = { [OMIPV6_OI_KABM_AUTH] = 16 }, .padn_at = 14, .padn_len = 0 },
	{ "BA", OMIPV6_MH_BA, .len = 16, .padn_at = 12, .padn_len = 2 },
	{ "BA BRA", OMIPV6_MH_BA, .opts = { CT_BRA }, .len = 16,
	  .at = { [OMIPV6_OI_BRA] = 12 } },
	{ "BA BRA BAD", OMIPV6_MH_BA, .opts = { CT_BRA, CT_BAD }, .len = 32,
	  .at = { [OMIPV6_OI_BRA] = 12, [OMIPV6_OI_BAD] = 18 }, .padn_at = 16,
	  .padn_len = 0 },
	{ "BA BAD", OMIPV6_MH_BA, .opts = { CT_BAD }, .len = 32,
	  .at = { [OMIPV6_OI_BAD] = 18 }, .padn_at = 12, .padn_len = 4 },
	{ "BA MN-HA", OMIPV6_MH_BA, .opts = { CT_MNHA }, .len = 32,
	  .at = { [OMIPV6_OI_MNHA_AUTH] = 13 }, .pad1_at = 12 },
	{ "BA Kabm", OMIPV6_MH_BA, .opts = { CT_KABM }, .len = 40,
	  .at = { [OMIPV6_OI_KABM_AUTH] = 16 }, .padn_at = 12, .padn_len = 2 },
	{ "BA BRA Kabm", OMIPV6_MH_BA, .opts = { CT_BRA, CT_KABM }, .len = 40,
	  .at = { [OMIPV6_OI_BRA] = 12, [OMIPV6_OI_KABM_AUTH] = 16 } },
	/* Experimental subtype 2 (skipped) ends at 17: Pad1, BRA at 18. */
	{ "BA experimental subtype 2 BRA", OMIPV6_MH_BA,
	  .opts = { CT_EXP2, CT_BRA }, .len = 24,
	  .at = { [OMIPV6_OI_BRA] = 18 },
	  .pad1_at = 17, .padn_at = 22, .padn_len = 0 },
	{ "BE", OMIPV6_MH_BE, .len = 24 },
	{ "DH1 ffdhe2048", OMIPV6_MH_EXPERIMENTAL, OMIPV6_OMI_DH1,
	  OMIPV6_GROUP_FFDHE2048, .len = 328 },
	{ "DH1 X25519", OMIPV6_MH_EXPERIMENTAL, OMIPV6_OMI_DH1,
	  OMIPV6_GROUP_X25519, .len = 104 },
	{ "DH2 ffdhe2048", OMIPV6_MH_EXPERIMENTAL, OMIPV6_OMI_DH2,
	  OMIPV6_GROUP_FFDHE2048, .len = 360 },
	{ "DH2 X25519", OMIPV6_MH_EXPERIMENTAL, OMIPV6_OMI_DH2,
	  OMIPV6_GROUP_X25519, .len = 136 },
	{ "DH3", OMIPV6_MH_EXPERIMENTAL, OMIPV6_OMI_DH3, .len = 96 },
	{ "DH4", OMIPV6_MH_EXPERIMENTAL, OMIPV6_OMI_DH4, .len = 104 },
	/* 96 + 3 octets: PadN of 3 at 99 ends it. */
	{ "DH3 unknown option", OMIPV6_MH_EXPERIMENTAL, OMIPV6_OMI_DH3,
	  .opts = { CT_UNK1 }, .len = 104, .padn_at = 99, .padn_len = 3 },
	{ "DH2 X25519 experimental subtype 2", OMIPV6_MH_EXPERIMENTAL,
	  OMIPV6_OMI_DH2, OMIPV6_GROUP_X25519, .opts = { CT_EXP2 },
	  .len = 144, .padn_at = 141, .padn_len = 1 },
	{ "unknown type 200", 200, .len = 16 },
	{ "unknown type 8", 8, .len = 16 },
	/* 8 + 7 octets: Pad1 at 15 ends it. */
	{ "BRR unknown option Pad1", OMIPV6_MH_BRR, .opts = { CT_UNK5 },
	  .len = 16, .pad1_at = 15 },
	/* 16 + 257 = 273 octets: PadN of 7 ends it at 280. */
	{ "HoTI PadN 255", OMIPV6_MH_HOTI, .opts = { CT_PADN255 },
	  .len = 280, .padn_at = 273, .padn_len = 5 },
};

static void ct_fill(u8 *p, unsigned int n, u8 base)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		p[i] = base + i;
}

static bool ct_is_filled(const u8 *p, unsigned int n, u8 base)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (p[i] != (u8)(base + i))
			return false;
	return true;
}

static unsigned int ct_pub_len(u16 group)
{
	return group == OMIPV6_GROUP_FFDHE2048 ? OMIPV6_GROUP_FFDHE2048_PUB :
						 OMIPV6_GROUP_X25519_PUB;
}

/* The message data after the fixed header of an OMIPv6 message. */
static void ct_build_omi(struct omipv6_mhb *b, const struct ct_spec *s)
{
	unsigned int pub = ct_pub_len(s->group);
	u8 *p;

	p = omipv6_mhb_put(b, OMIPV6_OMI_HDR_END - OMIPV6_MH_HDR_LEN);
	if (!p)
		return;
	p[0] = s->subtype;
	p[1] = OMIPV6_OMI_VERSION;
	put_unaligned_be32(CT_SID_MN, p + 2);
	if (s->subtype != OMIPV6_OMI_DH1)
		put_unaligned_be32(CT_SID_CN, p + 6);

	switch (s->subtype) {
	case OMIPV6_OMI_DH1:
	case OMIPV6_OMI_DH2:
		p = omipv6_mhb_put(b, OMIPV6_OMI_OFF_PUB - OMIPV6_OMI_HDR_END);
		if (!p)
			return;
		ct_fill(p, OMIPV6_OMI_NONCE_LEN, CT_NONCE_BASE + s->subtype);
		put_unaligned_be16(s->group, p + 16);
		if (s->subtype == OMIPV6_OMI_DH1)
			put_unaligned_be16(BIT(OMIPV6_GROUP_FFDHE2048) |
					   BIT(OMIPV6_GROUP_X25519), p + 18);
		put_unaligned_be16(pub, p + 20);
		p = omipv6_mhb_put(b, ALIGN(pub, OMIPV6_MH_UNIT));
		if (p)
			ct_fill(p, pub, CT_PUB_BASE);
		break;
	case OMIPV6_OMI_DH3:
		p = omipv6_mhb_put(b, OMIPV6_OMI_ID_LEN);
		if (p)
			memcpy(p, ct_hoa, OMIPV6_OMI_ID_LEN);
		break;
	case OMIPV6_OMI_DH4:
		p = omipv6_mhb_put(b, OMIPV6_OMI_DH4_OFF_SIG -
				   OMIPV6_OMI_OFF_ID);
		if (!p)
			return;
		memcpy(p, ct_cn, OMIPV6_OMI_ID_LEN);
		put_unaligned_be32(CT_SA_LIFETIME, p + 20);
		break;
	}
	p = omipv6_mhb_put(b, OMIPV6_OMI_SIG_LEN);
	if (p)
		ct_fill(p, OMIPV6_OMI_SIG_LEN, CT_SIG_BASE);
	if (s->subtype == OMIPV6_OMI_DH1)
		return;
	p = omipv6_mhb_put(b, OMIPV6_OMI_MAC_LEN);
	if (p)
		ct_fill(p, OMIPV6_OMI_MAC_LEN, CT_MAC_BASE);
}

/* Build @s into @buf as the protocol code would: the length or an error. */
static int ct_build(const struct ct_spec *s, u8 *buf, unsigned int size)
{
	struct omipv6_mhb b;
	unsigned int i;
	u8 *p;

	omipv6_mhb_start(&b, buf, size, s->type);
	switch (s->type) {
	case OMIPV6_MH_BRR:
		omipv6_mhb_put(&b, 2);
		break;
	case OMIPV6_MH_HOTI:
	case OMIPV6_MH_COTI:
		p = omipv6_mhb_put(&b, OMIPV6_TI_END - OMIPV6_MH_HDR_LEN);
		if (p)
			memcpy(p + 2, ct_cookie, OMIPV6_COOKIE_LEN);
		break;
	case OMIPV6_MH_HOT:
	case OMIPV6_MH_COT:
		p = omipv6_mhb_put(&b, OMIPV6_T_END - OMIPV6_MH_HDR_LEN);
		if (!p)
			break;
		put_unaligned_be16(s->type, p);
		memcpy(p + 2, ct_cookie, OMIPV6_COOKIE_LEN);
		memcpy(p + 10, ct_token, OMIPV6_TOKEN_LEN);
		break;
	case OMIPV6_MH_BU:
		p = omipv6_mhb_put(&b, OMIPV6_BU_END - OMIPV6_MH_HDR_LEN);
		if (!p)
			break;
		put_unaligned_be16(CT_SEQ, p);
		put_unaligned_be16(OMIPV6_BU_F_ACK | OMIPV6_BU_F_HOME, p + 2);
		put_unaligned_be16(CT_LIFETIME, p + 4);
		break;
	case OMIPV6_MH_BA:
		p = omipv6_mhb_put(&b, OMIPV6_BA_END - OMIPV6_MH_HDR_LEN);
		if (!p)
			break;
		p[0] = OMIPV6_BA_ACCEPTED;
		p[1] = OMIPV6_BA_F_KEYMGMT;
		put_unaligned_be16(CT_SEQ, p + 2);
		put_unaligned_be16(CT_LIFETIME, p + 4);
		break;
	case OMIPV6_MH_BE:
		p = omipv6_mhb_put(&b, OMIPV6_BE_END - OMIPV6_MH_HDR_LEN);
		if (!p)
			break;
		p[0] = OMIPV6_BE_UNKNOWN_HAO;
		memcpy(p + 2, ct_hoa, sizeof(ct_hoa));
		break;
	case OMIPV6_MH_EXPERIMENTAL:
		ct_build_omi(&b, s);
		break;
	default:
		/* Octets the parser must not read as options. */
		p = omipv6_mhb_put(&b, 10);
		if (p)
			memset(p, 0xff, 10);
		break;
	}
	for (i = 0; i < ARRAY_SIZE(s->opts) && s->opts[i] != CT_END; i++) {
		const struct ct_opt_data *o = &ct_opts[s->opts[i]];

		omipv6_mhb_opt(&b, o->type, o->data, o->len);
	}
	return omipv6_mhb_finish(&b);
}

/* The fields ct_build() wrote, read back through the accessors. */
static void ct_check_fields(struct kunit *test, const struct ct_spec *s,
			    const struct omipv6_msg *m)
{
	unsigned int pub, sig;
	const u8 *p;

	switch (s->type) {
	case OMIPV6_MH_BRR:
		KUNIT_EXPECT_EQ(test, omipv6_get16(m, OMIPV6_MH_OFF_DATA), 0);
		KUNIT_EXPECT_EQ(test, m->opt_off, OMIPV6_BRR_END);
		break;
	case OMIPV6_MH_HOTI:
	case OMIPV6_MH_COTI:
		KUNIT_EXPECT_EQ(test, m->opt_off, OMIPV6_TI_END);
		KUNIT_EXPECT_EQ(test, omipv6_get16(m, OMIPV6_MH_OFF_DATA), 0);
		p = omipv6_field(m, OMIPV6_TI_OFF_COOKIE);
		KUNIT_EXPECT_EQ(test,
				memcmp(p, ct_cookie, OMIPV6_COOKIE_LEN), 0);
		break;
	case OMIPV6_MH_HOT:
	case OMIPV6_MH_COT:
		KUNIT_EXPECT_EQ(test, m->opt_off, OMIPV6_T_END);
		KUNIT_EXPECT_EQ(test, omipv6_get16(m, OMIPV6_T_OFF_NONCE_IDX),
				s->type);
		p = omipv6_field(m, OMIPV6_T_OFF_COOKIE);
		KUNIT_EXPECT_EQ(test,
				memcmp(p, ct_cookie, OMIPV6_COOKIE_LEN), 0);
		p = omipv6_field(m, OMIPV6_T_OFF_TOKEN);
		KUNIT_EXPECT_EQ(test, memcmp(p, ct_token, OMIPV6_TOKEN_LEN), 0);
		break;
	case OMIPV6_MH_BU:
		KUNIT_EXPECT_EQ(test, m->opt_off, OMIPV6_BU_END);
		KUNIT_EXPECT_EQ(test, omipv6_get16(m, OMIPV6_BU_OFF_SEQ),
				CT_SEQ);
		KUNIT_EXPECT_EQ(test, omipv6_get16(m, OMIPV6_BU_OFF_FLAGS),
				OMIPV6_BU_F_ACK | OMIPV6_BU_F_HOME);
		KUNIT_EXPECT_EQ(test, omipv6_get16(m, OMIPV6_BU_OFF_LIFETIME),
				CT_LIFETIME);
		break;
	case OMIPV6_MH_BA:
		KUNIT_EXPECT_EQ(test, m->opt_off, OMIPV6_BA_END);
		KUNIT_EXPECT_EQ(test, *omipv6_field(m, OMIPV6_BA_OFF_STATUS),
				OMIPV6_BA_ACCEPTED);
		KUNIT_EXPECT_EQ(test, *omipv6_field(m, OMIPV6_BA_OFF_FLAGS),
				OMIPV6_BA_F_KEYMGMT);
		KUNIT_EXPECT_EQ(test, omipv6_get16(m, OMIPV6_BA_OFF_SEQ),
				CT_SEQ);
		KUNIT_EXPECT_EQ(test, omipv6_get16(m, OMIPV6_BA_OFF_LIFETIME),
				CT_LIFETIME);
		break;
	case OMIPV6_MH_BE:
		KUNIT_EXPECT_EQ(test, m->opt_off, OMIPV6_BE_END);
		KUNIT_EXPECT_EQ(test, *omipv6_field(m, OMIPV6_BE_OFF_STATUS),
				OMIPV6_BE_UNKNOWN_HAO);
		KUNIT_EXPECT_EQ(test, memcmp(omipv6_field(m, OMIPV6_BE_OFF_HOA),
					     ct_hoa, sizeof(ct_hoa)), 0);
		break;
	case OMIPV6_MH_EXPERIMENTAL:
		KUNIT_EXPECT_EQ(test, m->subtype, s->subtype);
		KUNIT_EXPECT_EQ(test, *omipv6_field(m, OMIPV6_OMI_OFF_VERSION),
				OMIPV6_OMI_VERSION);
		KUNIT_EXPECT_EQ(test, omipv6_get32(m, OMIPV6_OMI_OFF_SID_MN),
				CT_SID_MN);
		KUNIT_EXPECT_EQ(test, omipv6_get32(m, OMIPV6_OMI_OFF_SID_CN),
				s->subtype == OMIPV6_OMI_DH1 ? 0 : CT_SID_CN);
		break;
	default:
		KUNIT_EXPECT_EQ(test, m->opt_off, m->len);
		break;
	}
	if (s->type != OMIPV6_MH_EXPERIMENTAL) {
		KUNIT_EXPECT_EQ(test, m->subtype, 0);
		KUNIT_EXPECT_EQ(test, m->pub_len, 0);
		KUNIT_EXPECT_EQ(test, omipv6_omi_sig_off(m), 0);
		KUNIT_EXPECT_EQ(test, omipv6_omi_mac_off(m), 0);
		return;
	}

	switch (s->subtype) {
	case OMIPV6_OMI_DH1:
	case OMIPV6_OMI_DH2:
		pub = ct_pub_len(s->group);
		p = omipv6_field(m, OMIPV6_OMI_OFF_NONCE);
		KUNIT_EXPECT_TRUE(test,
				  ct_is_filled(p, OMIPV6_OMI_NONCE_LEN,
					       CT_NONCE_BASE + s->subtype));
		KUNIT_EXPECT_EQ(test, omipv6_get16(m, OMIPV6_OMI_OFF_GROUP),
				s->group);
		KUNIT_EXPECT_EQ(test, omipv6_get16(m, OMIPV6_OMI_OFF_PUB_LEN),
				pub);
		KUNIT_EXPECT_EQ(test, m->pub_len, pub);
		p = omipv6_field(m, OMIPV6_OMI_OFF_PUB);
		KUNIT_EXPECT_TRUE(test, ct_is_filled(p, pub, CT_PUB_BASE));
		sig = OMIPV6_OMI_OFF_PUB + pub;
		break;
	case OMIPV6_OMI_DH3:
		KUNIT_EXPECT_EQ(test, m->pub_len, 0);
		KUNIT_EXPECT_EQ(test, memcmp(omipv6_field(m, OMIPV6_OMI_OFF_ID),
					     ct_hoa, OMIPV6_OMI_ID_LEN), 0);
		sig = OMIPV6_OMI_DH3_OFF_SIG;
		break;
	default:
		KUNIT_EXPECT_EQ(test, m->pub_len, 0);
		KUNIT_EXPECT_EQ(test, memcmp(omipv6_field(m, OMIPV6_OMI_OFF_ID),
					     ct_cn, OMIPV6_OMI_ID_LEN), 0);
		KUNIT_EXPECT_EQ(test, omipv6_get16(m, OMIPV6_OMI_DH4_OFF_FLAGS),
				0);
		KUNIT_EXPECT_EQ(test,
				omipv6_get32(m, OMIPV6_OMI_DH4_OFF_LIFETIME),
				CT_SA_LIFETIME);
		sig = OMIPV6_OMI_DH4_OFF_SIG;
		break;
	}
	KUNIT_EXPECT_EQ(test, omipv6_omi_sig_off(m), sig);
	KUNIT_EXPECT_TRUE(test, ct_is_filled(omipv6_field(m, sig),
					     OMIPV6_OMI_SIG_LEN, CT_SIG_BASE));
	if (s->subtype == OMIPV6_OMI_DH1) {
		KUNIT_EXPECT_EQ(test, omipv6_omi_mac_off(m), 0);
		KUNIT_EXPECT_EQ(test, m->opt_off, sig + OMIPV6_OMI_SIG_LEN);
		return;
	}
	KUNIT_EXPECT_EQ(test, omipv6_omi_mac_off(m), sig + OMIPV6_OMI_SIG_LEN);
	KUNIT_EXPECT_TRUE(test, ct_is_filled(omipv6_field(m, sig +
							  OMIPV6_OMI_SIG_LEN),
					     OMIPV6_OMI_MAC_LEN, CT_MAC_BASE));
	KUNIT_EXPECT_EQ(test, m->opt_off,
			sig + OMIPV6_OMI_SIG_LEN + OMIPV6_OMI_MAC_LEN);
}

static void ct_spec_desc(const struct ct_spec *s, char *desc)
{
	strscpy(desc, s->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(codec_roundtrip, ct_specs, ct_spec_desc);

static void codec_roundtrip_test(struct kunit *test)
{
	const struct ct_spec *s = test->param_value;
	enum omipv6_drop reason = OMIPV6_DROP_MAX;
	struct omipv6_msg m;
	unsigned int i;
	u8 *buf;
	int len;

	buf = kunit_kzalloc(test, OMIPV6_MH_MAX_LEN, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	len = ct_build(s, buf, OMIPV6_MH_MAX_LEN);
	KUNIT_ASSERT_EQ(test, len, s->len);
	KUNIT_EXPECT_EQ(test, len % OMIPV6_MH_UNIT, 0);
	KUNIT_EXPECT_EQ(test, buf[OMIPV6_MH_OFF_PROTO],
			OMIPV6_MH_PAYLOAD_PROTO);
	KUNIT_EXPECT_EQ(test, buf[OMIPV6_MH_OFF_HDRLEN], len / 8 - 1);
	KUNIT_EXPECT_EQ(test, buf[OMIPV6_MH_OFF_TYPE], s->type);
	KUNIT_EXPECT_EQ(test, get_unaligned_be16(buf + OMIPV6_MH_OFF_CSUM), 0);
	if (s->pad1_at)
		KUNIT_EXPECT_EQ(test, buf[s->pad1_at], OMIPV6_OPT_PAD1);
	if (s->padn_at) {
		KUNIT_EXPECT_EQ(test, buf[s->padn_at], OMIPV6_OPT_PADN);
		KUNIT_EXPECT_EQ(test, buf[s->padn_at + 1], s->padn_len);
	}

	KUNIT_ASSERT_EQ(test, ct_parse(test, &m, buf, len, &reason), 0);
	KUNIT_EXPECT_EQ(test, reason, OMIPV6_DROP_MAX);
	KUNIT_EXPECT_EQ(test, m.len, len);
	KUNIT_EXPECT_EQ(test, m.type, s->type);
	KUNIT_EXPECT_EQ(test, memcmp(m.mh, buf, len), 0);
	KUNIT_EXPECT_LE(test, m.opt_off, m.len);

	for (i = 0; i < OMIPV6_OI_MAX; i++) {
		const struct ct_opt_rule *r = &ct_rules[i];
		unsigned int off = m.opt[i];

		KUNIT_EXPECT_EQ_MSG(test, off, s->at[i], "option index %u", i);
		if (!off) {
			KUNIT_EXPECT_NULL(test, omipv6_opt_data(&m, i));
			continue;
		}
		KUNIT_EXPECT_GE(test, off, m.opt_off);
		KUNIT_EXPECT_EQ(test, off % r->align, r->align_off);
		KUNIT_EXPECT_EQ(test, m.mh[off], r->type);
		KUNIT_EXPECT_EQ(test, m.mh[off + 1], r->len);
		KUNIT_EXPECT_PTR_EQ(test, omipv6_opt_data(&m, i),
				    m.mh + off + 2);
		/* Authenticators end the message. */
		if (r->last)
			KUNIT_EXPECT_EQ(test, off + 2 + r->len, m.len);
	}
	for (i = 0; i < ARRAY_SIZE(s->opts) && s->opts[i] != CT_END; i++) {
		const struct ct_opt_data *o = &ct_opts[s->opts[i]];

		if (o->idx == OMIPV6_OI_MAX)
			continue;
		KUNIT_EXPECT_EQ(test, memcmp(omipv6_opt_data(&m, o->idx),
					     o->data, o->len), 0);
	}
	ct_check_fields(test, s, &m);
}

static void codec_min_len_test(struct kunit *test)
{
	static const u8 want[] = {
		[OMIPV6_MH_BRR] = 8, [OMIPV6_MH_HOTI] = 16,
		[OMIPV6_MH_COTI] = 16, [OMIPV6_MH_HOT] = 24,
		[OMIPV6_MH_COT] = 24, [OMIPV6_MH_BU] = 16,
		[OMIPV6_MH_BA] = 16, [OMIPV6_MH_BE] = 24,
		[8] = 8, [9] = 8, [10] = 8,
		[OMIPV6_MH_EXPERIMENTAL] = 16, [12] = 8,
	};
	unsigned int t;

	for (t = 0; t < ARRAY_SIZE(want); t++)
		KUNIT_EXPECT_EQ_MSG(test, omipv6_msg_min_len(t), want[t],
				    "type %u", t);
	KUNIT_EXPECT_EQ(test, omipv6_msg_min_len(200), 8);
	KUNIT_EXPECT_EQ(test, omipv6_msg_min_len(255), 8);
}

/* ---- Hand-written messages -------------------------------------------- */

/*
 * Each message is a string of octets; the comments give each field's
 * offset.  Headers are "\x3b" (Payload Proto 59), Header Len, MH Type,
 * Reserved and two Checksum octets.  Runs of zeroes are Zn.
 */
#define Z2	"\0\0"
#define Z3	"\0\0\0"
#define Z4	"\0\0\0\0"
#define Z5	"\0\0\0\0\0"
#define Z6	"\0\0\0\0\0\0"
#define Z7	"\0\0\0\0\0\0\0"
#define Z8	"\0\0\0\0\0\0\0\0"
#define Z11	"\0\0\0\0\0\0\0\0\0\0\0"
#define Z12	"\0\0\0\0\0\0\0\0\0\0\0\0"
#define Z15	"\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"
#define Z16	"\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"
#define Z20	"\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"
#define Z21	"\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"
#define Z22	"\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"
#define Z24	"\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"
#define Z32	"\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"

struct ct_raw {
	const char *desc;
	const u8 *msg;
	unsigned int len;
	enum omipv6_drop reason;
};

#define CT_BAD(d, r, m) \
	{ .desc = d, .msg = (const u8 *)(m), .len = sizeof(m) - 1, \
	  .reason = OMIPV6_DROP_##r }
#define CT_BAD_N(d, r, m, n) \
	{ .desc = d, .msg = (const u8 *)(m), .len = n, \
	  .reason = OMIPV6_DROP_##r }

static const struct ct_raw ct_malformed[] = {
	/* TRUNCATED: fewer than 8 octets, whatever they say. */
	CT_BAD_N("empty", TRUNCATED, "\x3b", 0),
	CT_BAD_N("one octet", TRUNCATED, "\x3b", 1),
	CT_BAD("fixed header only", TRUNCATED, "\x3b\x00\x00\x00\x00\x00"),
	CT_BAD("7 octets", TRUNCATED, "\x3b\x00\x00\x00\x00\x00\x00"),
	CT_BAD("7 octets, Header Len 255", TRUNCATED,
	       "\x3b\xff\x05\x00\x00\x00\x00"),

	/* LEN_MISMATCH: (Header Len + 1) * 8 is not the length. */
	CT_BAD("Header Len 1 in 8 octets", LEN_MISMATCH,
	       "\x3b\x01\x00\x00\x00\x00" Z2),
	CT_BAD("Header Len 0 in 16 octets", LEN_MISMATCH,
	       "\x3b\x00\x00\x00\x00\x00" Z2 Z8),
	CT_BAD("Header Len 255 in 16 octets", LEN_MISMATCH,
	       "\x3b\xff\x01\x00\x00\x00" Z2 Z8),
	CT_BAD("12 octets", LEN_MISMATCH, "\x3b\x01\x05\x00\x00\x00" Z6),
	CT_BAD("9 octets", LEN_MISMATCH, "\x3b\x00\x00\x00\x00\x00" Z3),
	CT_BAD("length before Payload Proto", LEN_MISMATCH,
	       "\x06\x02\x00\x00\x00\x00" Z2),

	/* PAYLOAD_PROTO: not 59. */
	CT_BAD("Payload Proto 6", PAYLOAD_PROTO,
	       "\x06\x00\x00\x00\x00\x00" Z2),
	CT_BAD("Payload Proto 0", PAYLOAD_PROTO,
	       "\x00\x00\x00\x00\x00\x00" Z2),
	CT_BAD("Payload Proto 58", PAYLOAD_PROTO,
	       "\x3a\x00\x00\x00\x00\x00" Z2),
	CT_BAD("Payload Proto before the HoTI minimum", PAYLOAD_PROTO,
	       "\x3c\x00\x01\x00\x00\x00" Z2),
	CT_BAD("Payload Proto before the options", PAYLOAD_PROTO,
	       "\xff\x01\x05\x00\x00\x00" Z6
	       "\xff\xff\xff\xff"),		/* 12: option past the end */

	/* HDRLEN_SHORT: below the type's (or subtype's) fixed part. */
	CT_BAD("HoTI in 8 octets", HDRLEN_SHORT,
	       "\x3b\x00\x01\x00\x00\x00" Z2),
	CT_BAD("CoTI in 8 octets", HDRLEN_SHORT,
	       "\x3b\x00\x02\x00\x00\x00" Z2),
	CT_BAD("HoT in 16 octets", HDRLEN_SHORT,
	       "\x3b\x01\x03\x00\x00\x00" Z2 Z8),
	CT_BAD("CoT in 16 octets", HDRLEN_SHORT,
	       "\x3b\x01\x04\x00\x00\x00" Z2 Z8),
	CT_BAD("BU in 8 octets", HDRLEN_SHORT,
	       "\x3b\x00\x05\x00\x00\x00" Z2),
	CT_BAD("BA in 8 octets", HDRLEN_SHORT,
	       "\x3b\x00\x06\x00\x00\x00" Z2),
	CT_BAD("BE in 16 octets", HDRLEN_SHORT,
	       "\x3b\x01\x07\x00\x00\x00" Z2 Z8),
	CT_BAD("OMIPv6 common part cut at 8", HDRLEN_SHORT,
	       "\x3b\x00\x0b\x00\x00\x00"
	       "\x01\x01"),			/* 6: DH1, version 1 */
	CT_BAD("DH1 in 32 octets", HDRLEN_SHORT,
	       "\x3b\x03\x0b\x00\x00\x00"
	       "\x01\x01" Z8			/* 6: DH1, v1, sids */
	       Z16),				/* 16: N_MN; no group */
	CT_BAD("DH2 in 32 octets", HDRLEN_SHORT,
	       "\x3b\x03\x0b\x00\x00\x00"
	       "\x02\x01" Z8			/* 6: DH2, v1, sids */
	       Z16),				/* 16: N_CN; no group */
	CT_BAD("DH3 in 88 octets", HDRLEN_SHORT,
	       "\x3b\x0a\x0b\x00\x00\x00"
	       "\x03\x01" Z8			/* 6: DH3, v1, sids */
	       Z16				/* 16: identity */
	       Z32				/* 32: SIG */
	       Z24),				/* 64: MAC, 8 short */
	CT_BAD("DH4 in 96 octets", HDRLEN_SHORT,
	       "\x3b\x0b\x0b\x00\x00\x00"
	       "\x04\x01" Z8			/* 6: DH4, v1, sids */
	       Z16				/* 16: identity */
	       Z8				/* 32: flags, rsvd, lifetime */
	       Z32				/* 40: SIG */
	       Z24),				/* 72: MAC, 8 short */
	CT_BAD("DH4 in 16 octets", HDRLEN_SHORT,
	       "\x3b\x01\x0b\x00\x00\x00"
	       "\x04\x01" Z8),			/* 6: DH4, v1, sids */

	/* OMI_SUBTYPE: not 1..4, checked before anything after it. */
	CT_BAD("subtype 0", OMI_SUBTYPE,
	       "\x3b\x01\x0b\x00\x00\x00"
	       "\x00\x01" Z8),
	CT_BAD("subtype 5", OMI_SUBTYPE,
	       "\x3b\x01\x0b\x00\x00\x00"
	       "\x05\x01" Z8),
	CT_BAD("subtype 255 before version 0", OMI_SUBTYPE,
	       "\x3b\x01\x0b\x00\x00\x00"
	       "\xff\x00" Z8),
	CT_BAD("subtype 128 before its options", OMI_SUBTYPE,
	       "\x3b\x02\x0b\x00\x00\x00"
	       "\x80\x01" Z8
	       "\xff\xff" Z6),			/* 16: past the end */

	/* OMI_VERSION: not 1, checked before the subtype's length. */
	CT_BAD("DH3 version 0", OMI_VERSION,
	       "\x3b\x0b\x0b\x00\x00\x00"
	       "\x03\x00" Z8			/* 6: DH3, v0, sids */
	       Z16 Z32 Z32),			/* id, SIG, MAC */
	CT_BAD("DH3 version 2", OMI_VERSION,
	       "\x3b\x0b\x0b\x00\x00\x00"
	       "\x03\x02" Z8 Z16 Z32 Z32),
	CT_BAD("DH1 version 2 in 16 octets", OMI_VERSION,
	       "\x3b\x01\x0b\x00\x00\x00"
	       "\x01\x02" Z8),
	CT_BAD("DH4 version 255", OMI_VERSION,
	       "\x3b\x0c\x0b\x00\x00\x00"
	       "\x04\xff" Z8			/* 6: DH4, v255, sids */
	       Z16 Z8				/* 16: id, 32: flags... */
	       Z32 Z32),			/* 40: SIG, 72: MAC */

	/* OMI_GROUP: DH1 and DH2 group not 1 or 2. */
	CT_BAD("DH1 group 0", OMI_GROUP,
	       "\x3b\x04\x0b\x00\x00\x00"
	       "\x01\x01" Z8 Z16		/* 6: DH1, v1, sids, N_MN */
	       "\x00\x00\x00\x06\x00\x20\x00\x00"), /* 32: group 0, L 32 */
	CT_BAD("DH1 group 3", OMI_GROUP,
	       "\x3b\x0c\x0b\x00\x00\x00"
	       "\x01\x01" Z8 Z16
	       "\x00\x03\x00\x06\x00\x20\x00\x00" /* 32: group 3, L 32 */
	       Z32 Z32),			/* 40: gX, 72: SIG */
	CT_BAD("DH2 group 256", OMI_GROUP,
	       "\x3b\x04\x0b\x00\x00\x00"
	       "\x02\x01" Z8 Z16
	       "\x01\x00\x00\x00\x00\x20\x00\x00"),
	CT_BAD("DH1 group 2 little endian", OMI_GROUP,
	       "\x3b\x04\x0b\x00\x00\x00"
	       "\x01\x01" Z8 Z16
	       "\x02\x00\x00\x06\x00\x20\x00\x00"),
	CT_BAD("DH2 group 65535", OMI_GROUP,
	       "\x3b\x10\x0b\x00\x00\x00"
	       "\x02\x01" Z8 Z16
	       "\xff\xff\x00\x00\x00\x20\x00\x00"
	       Z32 Z32 Z32),			/* gY, SIG, MAC */

	/* OMI_LEN: public value length against the group and message. */
	CT_BAD("DH1 X25519 L 31", OMI_LEN,
	       "\x3b\x0c\x0b\x00\x00\x00"
	       "\x01\x01" Z8 Z16
	       "\x00\x02\x00\x06\x00\x1f\x00\x00" Z32 Z32),
	CT_BAD("DH1 X25519 L 256", OMI_LEN,
	       "\x3b\x0c\x0b\x00\x00\x00"
	       "\x01\x01" Z8 Z16
	       "\x00\x02\x00\x06\x01\x00\x00\x00" Z32 Z32),
	CT_BAD("DH1 ffdhe2048 L 32", OMI_LEN,
	       "\x3b\x0c\x0b\x00\x00\x00"
	       "\x01\x01" Z8 Z16
	       "\x00\x01\x00\x06\x00\x20\x00\x00" Z32 Z32),
	CT_BAD("DH1 X25519 L 0", OMI_LEN,
	       "\x3b\x0c\x0b\x00\x00\x00"
	       "\x01\x01" Z8 Z16
	       "\x00\x02\x00\x06\x00\x00\x00\x00" Z32 Z32),
	CT_BAD("DH1 X25519 without gX and SIG", OMI_LEN,
	       "\x3b\x04\x0b\x00\x00\x00"
	       "\x01\x01" Z8 Z16
	       "\x00\x02\x00\x06\x00\x20\x00\x00"),
	CT_BAD("DH1 X25519 SIG 8 short", OMI_LEN,
	       "\x3b\x0b\x0b\x00\x00\x00"
	       "\x01\x01" Z8 Z16
	       "\x00\x02\x00\x06\x00\x20\x00\x00"
	       Z32 Z24),			/* 40: gX, 72: SIG cut */
	CT_BAD("DH2 X25519 MAC 8 short", OMI_LEN,
	       "\x3b\x0f\x0b\x00\x00\x00"
	       "\x02\x01" Z8 Z16
	       "\x00\x02\x00\x00\x00\x20\x00\x00"
	       Z32 Z32 Z24),			/* gY, SIG, MAC cut */
	CT_BAD("DH2 ffdhe2048 in 136 octets", OMI_LEN,
	       "\x3b\x10\x0b\x00\x00\x00"
	       "\x02\x01" Z8 Z16
	       "\x00\x01\x00\x00\x01\x00\x00\x00" /* group 1, L 256 */
	       Z32 Z32 Z32),

	/* OPT_TRUNCATED: an option runs past the end. */
	CT_BAD("BU PadN 3 in 4 octets", OPT_TRUNCATED,
	       "\x3b\x01\x05\x00\x00\x00" Z6	/* 6: BU fixed part */
	       "\x01\x03\x00\x00"),		/* 12: PadN 3 */
	CT_BAD("BU lone PadN type octet", OPT_TRUNCATED,
	       "\x3b\x01\x05\x00\x00\x00" Z6
	       "\x00\x00\x00\x01"),		/* 12: 3 Pad1, 15: PadN */
	CT_BAD("BU lone BAD type octet", OPT_TRUNCATED,
	       "\x3b\x01\x05\x00\x00\x00" Z6
	       "\x00\x00\x00\x05"),		/* 15: BAD type only */
	CT_BAD("BRR unknown option 1 octet long", OPT_TRUNCATED,
	       "\x3b\x01\x00\x00\x00\x00" Z2
	       "\xc8\x07" Z6),			/* 8: type 200, 7 of 6 */
	CT_BAD("BA BAD cut", OPT_TRUNCATED,
	       "\x3b\x02\x06\x00\x00\x00" Z6	/* 6: status ... lifetime */
	       "\x01\x04" Z4			/* 12: PadN 4 */
	       "\x05\x0c" Z4),			/* 18: BAD, 4 of 12 */
	CT_BAD("HoTI PadN 255", OPT_TRUNCATED,
	       "\x3b\x02\x01\x00\x00\x00" Z2 Z8	/* 6: rsvd, 8: cookie */
	       "\x01\xff" Z6),			/* 16: PadN 255 */
	CT_BAD("BA Kabm cut", OPT_TRUNCATED,
	       "\x3b\x02\x06\x00\x00\x00" Z6
	       "\x01\x02\x00\x00"		/* 12: PadN 2 */
	       "\x12\x16\x01\x00" Z4),		/* 16: Kabm, 6 of 22 */
	CT_BAD("DH3 lone option type octet", OPT_TRUNCATED,
	       "\x3b\x0c\x0b\x00\x00\x00"
	       "\x03\x01" Z8 Z16 Z32 Z32	/* DH3 fixed part */
	       "\x00\x00\x00\x00\x00\x00\x00"	/* 96: 7 Pad1 */
	       "\x07"),				/* 103: type 7 only */

	/* OPT_LEN: a known option of the wrong length. */
	CT_BAD("BA BRA length 3", OPT_LEN,
	       "\x3b\x02\x06\x00\x00\x00" Z6
	       "\x02\x03\x00\x00\x00"		/* 12: BRA, 3 */
	       "\x01\x05" Z5),			/* 17: PadN 5 */
	CT_BAD("BU AltCoA length 15", OPT_LEN,
	       "\x3b\x04\x05\x00\x00\x00" Z6
	       "\x01\x00"			/* 12: PadN 0 */
	       "\x03\x0f" Z15			/* 14: AltCoA, 15 */
	       "\x00" Z8),			/* 31: Pad1 ... */
	CT_BAD("BU Nonce Indices length 2", OPT_LEN,
	       "\x3b\x02\x05\x00\x00\x00" Z6
	       "\x04\x02" Z2			/* 12: Nonce Indices, 2 */
	       Z8),				/* 16: Pad1 ... */
	CT_BAD("BU BAD length 11", OPT_LEN,
	       "\x3b\x03\x05\x00\x00\x00" Z6
	       "\x01\x04" Z4			/* 12: PadN 4 */
	       "\x05\x0b" Z11			/* 18: BAD, 11 */
	       "\x00"),				/* 31: Pad1 */
	CT_BAD("BU BAD length 0", OPT_LEN,
	       "\x3b\x02\x05\x00\x00\x00" Z6
	       "\x01\x04" Z4			/* 12: PadN 4 */
	       "\x05\x00" Z4),			/* 18: BAD, 0; 20: Pad1 */
	CT_BAD("BU MN-HA length 16", OPT_LEN,
	       "\x3b\x03\x05\x00\x00\x00" Z6
	       "\x00"				/* 12: Pad1 */
	       "\x09\x10\x01" Z15		/* 13: MN-HA, 16 */
	       "\x00"),				/* 31: Pad1 */
	CT_BAD("BU Kabm length 21", OPT_LEN,
	       "\x3b\x04\x05\x00\x00\x00" Z6
	       "\x01\x02" Z2			/* 12: PadN 2 */
	       "\x12\x15\x01" Z20		/* 16: Kabm, 21 */
	       "\x00"),				/* 39: Pad1 */
	CT_BAD("HoTI BRA length 4 before forbidden", OPT_LEN,
	       "\x3b\x02\x01\x00\x00\x00" Z2 Z8
	       "\x02\x04" Z4			/* 16: BRA, 4 */
	       Z2),				/* 22: Pad1 Pad1 */
	CT_BAD("DH3 Kabm length 23 before forbidden", OPT_LEN,
	       "\x3b\x0f\x0b\x00\x00\x00"
	       "\x03\x01" Z8 Z16 Z32 Z32	/* DH3 fixed part */
	       "\x12\x17\x01" Z22		/* 96: Kabm, 23 */
	       Z7),				/* 121: Pad1 ... */

	/* OPT_ALIGN: a known option off its x * n + y. */
	CT_BAD("BA BRA at 13", OPT_ALIGN,
	       "\x3b\x02\x06\x00\x00\x00" Z6
	       "\x00"				/* 12: Pad1 */
	       "\x02\x02" Z2			/* 13: BRA */
	       Z7),				/* 17: Pad1 ... */
	CT_BAD("BU AltCoA at 12", OPT_ALIGN,
	       "\x3b\x03\x05\x00\x00\x00" Z6
	       "\x03\x10" Z16			/* 12: AltCoA */
	       Z2),				/* 30: Pad1 Pad1 */
	CT_BAD("BU AltCoA at 16", OPT_ALIGN,
	       "\x3b\x04\x05\x00\x00\x00" Z6
	       "\x01\x02" Z2			/* 12: PadN 2 */
	       "\x03\x10" Z16			/* 16: AltCoA */
	       Z6),				/* 34: Pad1 ... */
	CT_BAD("BU Nonce Indices at 13", OPT_ALIGN,
	       "\x3b\x02\x05\x00\x00\x00" Z6
	       "\x00"				/* 12: Pad1 */
	       "\x04\x04" Z4			/* 13: Nonce Indices */
	       Z5),				/* 19: Pad1 ... */
	CT_BAD("BU BAD at 12", OPT_ALIGN,
	       "\x3b\x03\x05\x00\x00\x00" Z6
	       "\x05\x0c" Z12			/* 12: BAD */
	       Z6),				/* 26: Pad1 ... */
	CT_BAD("BA BAD at 14", OPT_ALIGN,
	       "\x3b\x03\x06\x00\x00\x00" Z6
	       "\x01\x00"			/* 12: PadN 0 */
	       "\x05\x0c" Z12			/* 14: BAD */
	       Z4),				/* 28: Pad1 ... */
	CT_BAD("BU MN-HA at 12", OPT_ALIGN,
	       "\x3b\x03\x05\x00\x00\x00" Z6
	       "\x09\x11\x01" Z16		/* 12: MN-HA */
	       "\x00"),				/* 31: Pad1 */
	CT_BAD("BU Kabm at 12", OPT_ALIGN,
	       "\x3b\x04\x05\x00\x00\x00" Z6
	       "\x12\x16\x01" Z21		/* 12: Kabm */
	       Z4),				/* 36: Pad1 ... */
	CT_BAD("BU Kabm at 20", OPT_ALIGN,
	       "\x3b\x05\x05\x00\x00\x00" Z6
	       "\x01\x06" Z6			/* 12: PadN 6 */
	       "\x12\x16\x01" Z21		/* 20: Kabm */
	       Z4),				/* 44: Pad1 ... */

	/* OPT_FORBIDDEN: a known option the type may not carry. */
	CT_BAD("BRA in BU", OPT_FORBIDDEN,
	       "\x3b\x01\x05\x00\x00\x00" Z6
	       "\x02\x02" Z2),			/* 12: BRA */
	CT_BAD("AltCoA in BA", OPT_FORBIDDEN,
	       "\x3b\x03\x06\x00\x00\x00" Z6
	       "\x01\x00"			/* 12: PadN 0 */
	       "\x03\x10" Z16),			/* 14: AltCoA */
	CT_BAD("Nonce Indices in BA", OPT_FORBIDDEN,
	       "\x3b\x02\x06\x00\x00\x00" Z6
	       "\x04\x04" Z4			/* 12: Nonce Indices */
	       Z6),				/* 18: Pad1 ... */
	CT_BAD("BAD in BRR", OPT_FORBIDDEN,
	       "\x3b\x02\x00\x00\x00\x00" Z2	/* 6: reserved */
	       "\x01\x00"			/* 8: PadN 0 */
	       "\x05\x0c" Z12),			/* 10: BAD */
	CT_BAD("BAD in HoTI", OPT_FORBIDDEN,
	       "\x3b\x03\x01\x00\x00\x00" Z2 Z8
	       "\x01\x00"			/* 16: PadN 0 */
	       "\x05\x0c" Z12),			/* 18: BAD */
	CT_BAD("BAD in CoT", OPT_FORBIDDEN,
	       "\x3b\x04\x04\x00\x00\x00" Z2 Z8 Z8
	       "\x01\x00"			/* 24: PadN 0 */
	       "\x05\x0c" Z12),			/* 26: BAD */
	CT_BAD("MN-HA in BRR", OPT_FORBIDDEN,
	       "\x3b\x03\x00\x00\x00\x00" Z2
	       "\x01\x03" Z3			/* 8: PadN 3 */
	       "\x09\x11\x01" Z16),		/* 13: MN-HA */
	CT_BAD("MN-HA in HoT", OPT_FORBIDDEN,
	       "\x3b\x05\x03\x00\x00\x00" Z2 Z8 Z8
	       "\x01\x03" Z3			/* 24: PadN 3 */
	       "\x09\x11\x01" Z16),		/* 29: MN-HA */
	CT_BAD("Kabm in BE", OPT_FORBIDDEN,
	       "\x3b\x05\x07\x00\x00\x00" Z2 Z16	/* 6: status, 8: HoA */
	       "\x12\x16\x01" Z21),		/* 24: Kabm */
	CT_BAD("BRA in DH3", OPT_FORBIDDEN,
	       "\x3b\x0c\x0b\x00\x00\x00"
	       "\x03\x01" Z8 Z16 Z32 Z32	/* DH3 fixed part */
	       "\x02\x02" Z2			/* 96: BRA */
	       "\x01\x02" Z2),			/* 100: PadN 2 */
	CT_BAD("Kabm in DH4", OPT_FORBIDDEN,
	       "\x3b\x0f\x0b\x00\x00\x00"
	       "\x04\x01" Z8 Z16 Z8 Z32 Z32	/* DH4 fixed part */
	       "\x12\x16\x01" Z21),		/* 104: Kabm */
	CT_BAD("AltCoA in DH1", OPT_FORBIDDEN,
	       "\x3b\x0f\x0b\x00\x00\x00"
	       "\x01\x01" Z8 Z16
	       "\x00\x02\x00\x06\x00\x20\x00\x00"
	       Z32 Z32				/* 40: gX, 72: SIG */
	       "\x01\x04" Z4			/* 104: PadN 4 */
	       "\x03\x10" Z16),			/* 110: AltCoA */

	/* OPT_DUPLICATE: a known option twice. */
	CT_BAD("BA BRA twice", OPT_DUPLICATE,
	       "\x3b\x02\x06\x00\x00\x00" Z6
	       "\x02\x02" Z2			/* 12: BRA */
	       "\x02\x02" Z2			/* 16: BRA */
	       "\x01\x02" Z2),			/* 20: PadN 2 */
	CT_BAD("BU Nonce Indices twice", OPT_DUPLICATE,
	       "\x3b\x02\x05\x00\x00\x00" Z6
	       "\x04\x04" Z4			/* 12: Nonce Indices */
	       "\x04\x04" Z4),			/* 18: Nonce Indices */
	CT_BAD("BU AltCoA twice", OPT_DUPLICATE,
	       "\x3b\x06\x05\x00\x00\x00" Z6
	       "\x01\x00"			/* 12: PadN 0 */
	       "\x03\x10" Z16			/* 14: AltCoA */
	       "\x01\x04" Z4			/* 32: PadN 4 */
	       "\x03\x10" Z16),			/* 38: AltCoA */
	CT_BAD("BU Nonce Indices around an unknown option", OPT_DUPLICATE,
	       "\x3b\x03\x05\x00\x00\x00" Z6
	       "\x04\x04" Z4			/* 12: Nonce Indices */
	       "\xc8\x00"			/* 18: type 200, empty */
	       "\x04\x04" Z4			/* 20: Nonce Indices */
	       Z6),				/* 26: Pad1 ... */
	CT_BAD("BA BRA around an empty experimental option", OPT_DUPLICATE,
	       "\x3b\x02\x06\x00\x00\x00" Z6
	       "\x02\x02" Z2			/* 12: BRA */
	       "\x12\x00"			/* 16: experimental, empty */
	       "\x02\x02" Z2			/* 18: BRA */
	       Z2),				/* 22: Pad1 Pad1 */

	/* OPT_NOT_LAST: anything after an authenticator. */
	CT_BAD("BU Pad1 after BAD", OPT_NOT_LAST,
	       "\x3b\x04\x05\x00\x00\x00" Z6
	       "\x01\x04" Z4			/* 12: PadN 4 */
	       "\x05\x0c" Z12			/* 18: BAD */
	       Z8),				/* 32: Pad1 ... */
	CT_BAD("BU PadN after BAD", OPT_NOT_LAST,
	       "\x3b\x04\x05\x00\x00\x00" Z6
	       "\x01\x04" Z4
	       "\x05\x0c" Z12
	       "\x01\x06" Z6),			/* 32: PadN 6 */
	CT_BAD("BA Pad1 after MN-HA at 13", OPT_NOT_LAST,
	       "\x3b\x04\x06\x00\x00\x00" Z6
	       "\x00"				/* 12: Pad1 */
	       "\x09\x11\x01" Z16		/* 13: MN-HA */
	       Z8),				/* 32: Pad1 ... */
	CT_BAD("BU Pad1 after MN-HA at 17", OPT_NOT_LAST,
	       "\x3b\x04\x05\x00\x00\x00" Z6
	       "\x01\x03" Z3			/* 12: PadN 3 */
	       "\x09\x11\x01" Z16		/* 17: MN-HA, 4n + 1 */
	       Z4),				/* 36: Pad1 ... */
	CT_BAD("BU unknown option after Kabm", OPT_NOT_LAST,
	       "\x3b\x05\x05\x00\x00\x00" Z6
	       "\x01\x02" Z2			/* 12: PadN 2 */
	       "\x12\x16\x01" Z21		/* 16: Kabm */
	       "\xc8\x06" Z6),			/* 40: type 200 */
	CT_BAD("BU BAD after BAD", OPT_NOT_LAST,
	       "\x3b\x05\x05\x00\x00\x00" Z6
	       "\x01\x04" Z4			/* 12: PadN 4 */
	       "\x05\x0c" Z12			/* 18: BAD */
	       "\x01\x00"			/* 32: PadN 0 */
	       "\x05\x0c" Z12),			/* 34: BAD */
	CT_BAD("BA Kabm after BAD", OPT_NOT_LAST,
	       "\x3b\x06\x06\x00\x00\x00" Z6
	       "\x01\x04" Z4			/* 12: PadN 4 */
	       "\x05\x0c" Z12			/* 18: BAD */
	       "\x12\x16\x01" Z21),		/* 32: Kabm */
	CT_BAD("BU truncated option after Kabm", OPT_NOT_LAST,
	       "\x3b\x05\x05\x00\x00\x00" Z6
	       "\x01\x02" Z2			/* 12: PadN 2 */
	       "\x12\x16\x01" Z21		/* 16: Kabm */
	       "\xff\xff" Z6),			/* 40: type 255, 255 */
};

static void ct_raw_desc(const struct ct_raw *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(codec_malformed, ct_malformed, ct_raw_desc);

static void codec_malformed_test(struct kunit *test)
{
	const struct ct_raw *c = test->param_value;
	enum omipv6_drop reason = OMIPV6_DROP_MAX;
	struct omipv6_msg m;

	KUNIT_EXPECT_EQ(test, ct_parse(test, &m, c->msg, c->len, &reason),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, reason, c->reason);
}

/*
 * The reasons omipv6_msg_parse() gives; the others (csum, no_role and
 * what the roles add after it) belong to the receive path.
 */
static bool ct_codec_reason(unsigned int reason)
{
	switch (reason) {
	case OMIPV6_DROP_TRUNCATED:
	case OMIPV6_DROP_LEN_MISMATCH:
	case OMIPV6_DROP_PAYLOAD_PROTO:
	case OMIPV6_DROP_HDRLEN_SHORT:
	case OMIPV6_DROP_OPT_TRUNCATED:
	case OMIPV6_DROP_OPT_LEN:
	case OMIPV6_DROP_OPT_ALIGN:
	case OMIPV6_DROP_OPT_NOT_LAST:
	case OMIPV6_DROP_OPT_FORBIDDEN:
	case OMIPV6_DROP_OPT_DUPLICATE:
	case OMIPV6_DROP_OMI_SUBTYPE:
	case OMIPV6_DROP_OMI_VERSION:
	case OMIPV6_DROP_OMI_GROUP:
	case OMIPV6_DROP_OMI_LEN:
		return true;
	default:
		return false;
	}
}

/* Every reason the codec produces is in the table, several times. */
static void codec_malformed_coverage_test(struct kunit *test)
{
	unsigned int seen[OMIPV6_DROP_MAX] = {};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ct_malformed); i++) {
		KUNIT_ASSERT_LT(test, ct_malformed[i].reason, OMIPV6_DROP_MAX);
		seen[ct_malformed[i].reason]++;
	}
	for (i = 0; i < OMIPV6_DROP_MAX; i++) {
		if (ct_codec_reason(i))
			KUNIT_EXPECT_GE_MSG(test, seen[i], 4, "reason %u", i);
		else
			KUNIT_EXPECT_EQ_MSG(test, seen[i], 0, "reason %u", i);
	}
	KUNIT_EXPECT_GE(test, ARRAY_SIZE(ct_malformed), 60);
}

/* Hand-written messages the parser must accept, with one option's offset. */
struct ct_good {
	const char *desc;
	const u8 *msg;
	unsigned int len;
	u16 opt_off;
	enum omipv6_opt_idx idx;	/* OMIPV6_OI_MAX: no known option */
	u16 at;
};

#define CT_OK(d, m, oo, i, a) \
	{ .desc = d, .msg = (const u8 *)(m), .len = sizeof(m) - 1, \
	  .opt_off = oo, .idx = OMIPV6_OI_##i, .at = a }

static const struct ct_good ct_valid[] = {
	CT_OK("BU four Pad1",
	      "\x3b\x01\x05\x00\x00\x00" Z6 Z4, 12, MAX, 0),
	CT_OK("BA MN-HA at 13 ends the message",
	      "\x3b\x03\x06\x00\x00\x00" Z6
	      "\x00"				/* 12: Pad1 */
	      "\x09\x11\x01" Z16,		/* 13: MN-HA */
	      12, MNHA_AUTH, 13),
	CT_OK("BU Kabm at 16 ends the message",
	      "\x3b\x04\x05\x00\x00\x00" Z6
	      "\x01\x02" Z2			/* 12: PadN 2 */
	      "\x12\x16\x01" Z21,		/* 16: Kabm */
	      12, KABM_AUTH, 16),
	CT_OK("BU BAD at 26 ends the message",
	      "\x3b\x04\x05\x00\x00\x00" Z6
	      "\x01\x0c" Z12			/* 12: PadN 12 */
	      "\x05\x0c" Z12,			/* 26: BAD */
	      12, BAD, 26),
	CT_OK("BU experimental subtype 2 at 12 unaligned",
	      "\x3b\x02\x05\x00\x00\x00" Z6
	      "\x12\x03\x02\x00\x00"		/* 12: experimental, 2 */
	      "\x00" Z6,			/* 17: Pad1 ... */
	      12, MAX, 0),
	CT_OK("BA empty experimental option",
	      "\x3b\x01\x06\x00\x00\x00" Z6
	      "\x12\x00\x00\x00",		/* 12: experimental; Pad1 */
	      12, MAX, 0),
	CT_OK("HoTI unknown option 6 and PadN",
	      "\x3b\x02\x01\x00\x00\x00" Z2 Z8
	      "\x06\x00"			/* 16: type 6, empty */
	      "\x01\x04" Z4,			/* 18: PadN 4 */
	      16, MAX, 0),
	CT_OK("BRR unknown option in the last 2 octets",
	      "\x3b\x01\x00\x00\x00\x00" Z2
	      "\x01\x04" Z4			/* 8: PadN 4 */
	      "\xc8\x00",			/* 14: type 200, empty */
	      8, MAX, 0),
	CT_OK("BU PadN 255",
	      "\x3b\x21\x05\x00\x00\x00" Z6
	      "\x01\xff"			/* 12: PadN 255 */
	      Z32 Z32 Z32 Z32 Z32 Z32 Z32 Z16 Z8 Z4 Z2 "\x00"
	      Z3,				/* 269: Pad1 ... */
	      12, MAX, 0),
	CT_OK("unknown type 200 is not walked",
	      "\x3b\x01\xc8\x00\x00\x00"
	      "\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff",
	      16, MAX, 0),
	CT_OK("unknown type 8 is not walked",
	      "\x3b\x00\x08\x00\x00\x00"
	      "\x05\x0c", 8, MAX, 0),
	CT_OK("DH3 with PadN",
	      "\x3b\x0c\x0b\x00\x00\x00"
	      "\x03\x01" Z8 Z16 Z32 Z32		/* DH3 fixed part */
	      "\x01\x06" Z6,			/* 96: PadN 6 */
	      96, MAX, 0),
	CT_OK("DH1 X25519",
	      "\x3b\x0c\x0b\x00\x00\x00"
	      "\x01\x01" Z8 Z16
	      "\x00\x02\x00\x06\x00\x20\x00\x00" Z32 Z32,
	      104, MAX, 0),
};

static void ct_good_desc(const struct ct_good *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(codec_valid, ct_valid, ct_good_desc);

static void codec_valid_test(struct kunit *test)
{
	const struct ct_good *c = test->param_value;
	enum omipv6_drop reason = OMIPV6_DROP_MAX;
	struct omipv6_msg m;
	unsigned int i;

	KUNIT_ASSERT_EQ(test, ct_parse(test, &m, c->msg, c->len, &reason), 0);
	KUNIT_EXPECT_EQ(test, reason, OMIPV6_DROP_MAX);
	KUNIT_EXPECT_EQ(test, m.len, c->len);
	KUNIT_EXPECT_EQ(test, m.opt_off, c->opt_off);
	for (i = 0; i < OMIPV6_OI_MAX; i++)
		KUNIT_EXPECT_EQ_MSG(test, m.opt[i], i == c->idx ? c->at : 0,
				    "option index %u", i);
}

/* ---- Builder limits --------------------------------------------------- */

#define CT_GUARD	64
#define CT_POISON	0xa5

static bool ct_untouched(const u8 *p, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (p[i] != CT_POISON)
			return false;
	return true;
}

/*
 * Every message of ct_specs built into every smaller buffer fails with
 * -ENOSPC without a write past the buffer; the exact size succeeds with
 * the same octets.
 */
static void codec_builder_enospc_test(struct kunit *test)
{
	u8 *ref, *buf;
	unsigned int i, size;
	int len;

	ref = kunit_kzalloc(test, OMIPV6_MH_MAX_LEN, GFP_KERNEL);
	buf = kunit_kmalloc(test, OMIPV6_MH_MAX_LEN + CT_GUARD, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ref);
	KUNIT_ASSERT_NOT_NULL(test, buf);

	for (i = 0; i < ARRAY_SIZE(ct_specs); i++) {
		const struct ct_spec *s = &ct_specs[i];

		len = ct_build(s, ref, OMIPV6_MH_MAX_LEN);
		KUNIT_ASSERT_EQ(test, len, s->len);
		for (size = 0; size <= s->len; size++) {
			memset(buf, CT_POISON, size + CT_GUARD);
			len = ct_build(s, buf, size);
			KUNIT_EXPECT_TRUE_MSG(test, ct_untouched(buf + size,
								 CT_GUARD),
					      "%s: wrote past %u", s->desc,
					      size);
			if (size < s->len) {
				KUNIT_EXPECT_EQ_MSG(test, len, -ENOSPC,
						    "%s in %u", s->desc, size);
			} else {
				KUNIT_EXPECT_EQ(test, len, s->len);
				KUNIT_EXPECT_EQ(test, memcmp(buf, ref, len), 0);
			}
		}
	}
}

static void codec_builder_sticky_test(struct kunit *test)
{
	struct omipv6_mhb b;
	u8 *buf, *p;

	buf = kunit_kmalloc(test, 2 * OMIPV6_MH_MAX_LEN, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);

	/* Too small for the fixed header: nothing is written. */
	memset(buf, CT_POISON, 64);
	omipv6_mhb_start(&b, buf, 5, OMIPV6_MH_BRR);
	KUNIT_EXPECT_EQ(test, b.err, -ENOSPC);
	KUNIT_EXPECT_NULL(test, omipv6_mhb_put(&b, 0));
	KUNIT_EXPECT_EQ(test, omipv6_mhb_finish(&b), -ENOSPC);
	KUNIT_EXPECT_TRUE(test, ct_untouched(buf, 64));

	/* -ENOSPC sticks even to calls that would fit. */
	memset(buf, CT_POISON, 64);
	omipv6_mhb_start(&b, buf, 16, OMIPV6_MH_BU);
	KUNIT_EXPECT_NOT_NULL(test, omipv6_mhb_put(&b, 6));
	KUNIT_EXPECT_NULL(test, omipv6_mhb_put(&b, 5));
	KUNIT_EXPECT_EQ(test, b.err, -ENOSPC);
	KUNIT_EXPECT_EQ(test, b.len, 12);
	KUNIT_EXPECT_NULL(test, omipv6_mhb_put(&b, 1));
	KUNIT_EXPECT_NULL(test, omipv6_mhb_opt(&b, OMIPV6_OPT_PADN, NULL, 0));
	KUNIT_EXPECT_EQ(test, omipv6_mhb_finish(&b), -ENOSPC);
	KUNIT_EXPECT_EQ(test, b.len, 12);
	KUNIT_EXPECT_TRUE(test, ct_untouched(buf + 12, 64 - 12));

	/* An option with its padding that does not fit writes nothing. */
	memset(buf, CT_POISON, 64);
	omipv6_mhb_start(&b, buf, 31, OMIPV6_MH_BU);
	omipv6_mhb_put(&b, 6);
	KUNIT_EXPECT_NULL(test, omipv6_mhb_opt(&b, OMIPV6_OPT_ALT_COA, ct_coa,
					       16));
	KUNIT_EXPECT_EQ(test, b.err, -ENOSPC);
	KUNIT_EXPECT_EQ(test, b.len, 12);
	KUNIT_EXPECT_TRUE(test, ct_untouched(buf + 12, 64 - 12));

	/* The final padding that does not fit. */
	memset(buf, CT_POISON, 64);
	omipv6_mhb_start(&b, buf, 7, OMIPV6_MH_BRR);
	KUNIT_EXPECT_EQ(test, omipv6_mhb_finish(&b), -ENOSPC);
	KUNIT_EXPECT_TRUE(test, ct_untouched(buf + 6, 64 - 6));

	/* put() returns zeroed space. */
	memset(buf, CT_POISON, 64);
	omipv6_mhb_start(&b, buf, 64, 200);
	p = omipv6_mhb_put(&b, 10);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_PTR_EQ(test, p, buf + 6);
	KUNIT_EXPECT_TRUE(test, !memchr_inv(p, 0, 10));
	KUNIT_EXPECT_TRUE(test, ct_untouched(buf + 16, 64 - 16));
	/* An option without data is zero filled; its data is returned. */
	p = omipv6_mhb_opt(&b, 201, NULL, 3);
	KUNIT_EXPECT_PTR_EQ(test, p, buf + 18);
	KUNIT_EXPECT_TRUE(test, !memchr_inv(p, 0, 3));
	KUNIT_EXPECT_EQ(test, omipv6_mhb_finish(&b), 24);

	/* Pad1 is not an option to add: -EINVAL, and it sticks. */
	omipv6_mhb_start(&b, buf, 64, OMIPV6_MH_BU);
	KUNIT_EXPECT_NULL(test, omipv6_mhb_opt(&b, OMIPV6_OPT_PAD1, NULL, 0));
	KUNIT_EXPECT_EQ(test, b.err, -EINVAL);
	KUNIT_EXPECT_NULL(test, omipv6_mhb_put(&b, 1));
	KUNIT_EXPECT_EQ(test, omipv6_mhb_finish(&b), -EINVAL);

	/* A 2048-octet message is the largest; the first error sticks. */
	omipv6_mhb_start(&b, buf, 2 * OMIPV6_MH_MAX_LEN, 200);
	KUNIT_EXPECT_NOT_NULL(test, omipv6_mhb_put(&b, OMIPV6_MH_MAX_LEN - 6));
	KUNIT_EXPECT_EQ(test, omipv6_mhb_finish(&b), OMIPV6_MH_MAX_LEN);
	KUNIT_EXPECT_EQ(test, buf[OMIPV6_MH_OFF_HDRLEN], 255);
	KUNIT_EXPECT_NULL(test, omipv6_mhb_put(&b, 1));
	KUNIT_EXPECT_EQ(test, b.err, -EINVAL);
	KUNIT_EXPECT_EQ(test, omipv6_mhb_finish(&b), -EINVAL);

	omipv6_mhb_start(&b, buf, 2 * OMIPV6_MH_MAX_LEN, OMIPV6_MH_BA);
	omipv6_mhb_put(&b, OMIPV6_MH_MAX_LEN - 20);
	KUNIT_EXPECT_NULL(test, omipv6_mhb_opt(&b, OMIPV6_OPT_PADN, NULL, 20));
	KUNIT_EXPECT_EQ(test, b.err, -EINVAL);
	KUNIT_EXPECT_EQ(test, b.len, OMIPV6_MH_MAX_LEN - 14);
	KUNIT_EXPECT_EQ(test, omipv6_mhb_finish(&b), -EINVAL);

	omipv6_mhb_start(&b, buf, 2 * OMIPV6_MH_MAX_LEN, 200);
	omipv6_mhb_put(&b, OMIPV6_MH_MAX_LEN - 6);
	KUNIT_EXPECT_NULL(test, omipv6_mhb_put(&b, OMIPV6_MH_MAX_LEN));
	KUNIT_EXPECT_EQ(test, b.err, -EINVAL);
	KUNIT_EXPECT_EQ(test, omipv6_mhb_finish(&b), -EINVAL);
}

/* The largest message parses; one more unit cannot be expressed. */
static void codec_max_len_test(struct kunit *test)
{
	enum omipv6_drop reason = OMIPV6_DROP_MAX;
	struct omipv6_msg m;
	struct omipv6_mhb b;
	u8 *buf;

	buf = kunit_kzalloc(test, OMIPV6_MH_MAX_LEN + 8, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	omipv6_mhb_start(&b, buf, OMIPV6_MH_MAX_LEN + 8, OMIPV6_MH_BU);
	omipv6_mhb_put(&b, 6);
	/* PadN up to 2024, where the Kabm authenticator fills the rest. */
	while (OMIPV6_MH_MAX_LEN - 24 - b.len >= 2 + 255 + 2)
		omipv6_mhb_opt(&b, OMIPV6_OPT_PADN, NULL, 255);
	omipv6_mhb_opt(&b, OMIPV6_OPT_PADN, NULL,
		       OMIPV6_MH_MAX_LEN - 24 - b.len - 2);
	omipv6_mhb_opt(&b, OMIPV6_OPT_EXPERIMENTAL, ct_kabm, sizeof(ct_kabm));
	KUNIT_ASSERT_EQ(test, omipv6_mhb_finish(&b), OMIPV6_MH_MAX_LEN);
	KUNIT_ASSERT_EQ(test, ct_parse(test, &m, buf, OMIPV6_MH_MAX_LEN,
				       &reason), 0);
	KUNIT_EXPECT_EQ(test, m.opt[OMIPV6_OI_KABM_AUTH],
			OMIPV6_MH_MAX_LEN - 24);

	KUNIT_EXPECT_EQ(test, ct_parse(test, &m, buf, OMIPV6_MH_MAX_LEN + 8,
				       &reason), -EINVAL);
	KUNIT_EXPECT_EQ(test, reason, OMIPV6_DROP_LEN_MISMATCH);
}

/* ---- Randomized mutations --------------------------------------------- */

#define CT_ITERATIONS	200000
#define CT_SEED		0x6f6d69707636ULL	/* "omipv6" */
#define CT_WORK		(OMIPV6_MH_MAX_LEN + 64)

static const u8 ct_interesting[] = {
	0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 16, 17, 18, 22, 23, 32,
	59, 0x7f, 0x80, 0xc8, 0xfe, 0xff,
};

static u32 ct_rand(struct rnd_state *r, u32 n)
{
	return n ? prandom_u32_state(r) % n : 0;
}

/* Offsets where an option starts in a valid message, walking from @from. */
static unsigned int ct_opt_starts(const u8 *buf, unsigned int len,
				  unsigned int from, u16 *starts,
				  unsigned int max)
{
	unsigned int n = 0, off = from;

	while (off < len && n < max) {
		starts[n++] = off;
		if (buf[off] == OMIPV6_OPT_PAD1)
			off++;
		else if (off + 1 < len)
			off += 2 + buf[off + 1];
		else
			break;
	}
	return n;
}

/* One mutation of @buf (@len octets, capacity CT_WORK); the new length. */
static unsigned int ct_mutate(struct rnd_state *r, u8 *buf, unsigned int len,
			      unsigned int opt_off)
{
	unsigned int n, off, i, j;
	u8 opt[2 + 255];
	u16 starts[64];

	switch (ct_rand(r, 13)) {
	case 0:		/* flip a bit */
		if (len)
			buf[ct_rand(r, len)] ^= BIT(ct_rand(r, 8));
		break;
	case 1:		/* set an octet to anything */
		if (len)
			buf[ct_rand(r, len)] = prandom_u32_state(r);
		break;
	case 2:		/* set an octet to a value the parser checks */
		if (len)
			buf[ct_rand(r, len)] = ct_interesting[ct_rand(r,
						ARRAY_SIZE(ct_interesting))];
		break;
	case 3:		/* truncate */
		len = ct_rand(r, len + 1);
		break;
	case 4:		/* extend with random octets */
		n = 1 + ct_rand(r, 24);
		if (len + n > CT_WORK)
			n = CT_WORK - len;
		prandom_bytes_state(r, buf + len, n);
		len += n;
		break;
	case 5:		/* extend by whole units of zeroes (Pad1) */
		n = 8 * (1 + ct_rand(r, 3));
		if (len + n > CT_WORK)
			n = CT_WORK - len;
		memset(buf + len, 0, n);
		len += n;
		break;
	case 6:		/* lie in Header Len */
		if (len > OMIPV6_MH_OFF_HDRLEN)
			buf[OMIPV6_MH_OFF_HDRLEN] = ct_rand(r, 2) ?
				prandom_u32_state(r) :
				len / 8 - 1 + ct_rand(r, 3) - 1;
		break;
	case 7:		/* lie in an option's Length */
	case 8:		/* or change its Type */
		n = ct_opt_starts(buf, len, opt_off, starts,
				  ARRAY_SIZE(starts));
		if (!n)
			break;
		off = starts[ct_rand(r, n)];
		if (off + 1 >= len)
			break;
		i = ct_rand(r, 3);
		if (buf[off] == OMIPV6_OPT_PAD1 || i == 0)
			buf[off] = ct_interesting[ct_rand(r,
						ARRAY_SIZE(ct_interesting))];
		else if (i == 1)
			buf[off + 1] += ct_rand(r, 5) - 2;
		else
			buf[off + 1] = prandom_u32_state(r);
		break;
	case 9:		/* OMIPv6 subtype, version, group, public len */
		if (len < OMIPV6_OMI_OFF_PUB)
			break;
		switch (ct_rand(r, 4)) {
		case 0:
			buf[OMIPV6_OMI_OFF_SUBTYPE] = ct_rand(r, 6);
			break;
		case 1:
			buf[OMIPV6_OMI_OFF_VERSION] = ct_rand(r, 3);
			break;
		case 2:
			put_unaligned_be16(ct_rand(r, 4),
					   buf + OMIPV6_OMI_OFF_GROUP);
			break;
		default:
			put_unaligned_be16(ct_rand(r, 2) ? 32 : 256,
					   buf + OMIPV6_OMI_OFF_PUB_LEN);
			break;
		}
		break;
	case 10:	/* insert an octet: everything after it shifts */
		if (!len || len >= CT_WORK)
			break;
		off = ct_rand(r, len);
		memmove(buf + off + 1, buf + off, len - off);
		buf[off] = ct_rand(r, 2) ? 0 : prandom_u32_state(r);
		len++;
		break;
	case 11:	/* copy an option before another one or to the end */
		n = ct_opt_starts(buf, len, opt_off, starts,
				  ARRAY_SIZE(starts));
		if (!n)
			break;
		off = starts[ct_rand(r, n)];
		if (buf[off] == OMIPV6_OPT_PAD1 || off + 1 >= len)
			break;
		i = 2 + buf[off + 1];
		if (off + i > len || len + i > CT_WORK)
			break;
		memcpy(opt, buf + off, i);
		j = ct_rand(r, n + 1);
		off = j < n ? starts[j] : len;
		memmove(buf + off + i, buf + off, len - off);
		memcpy(buf + off, opt, i);
		len += i;
		break;
	default:	/* delete an octet */
		if (!len)
			break;
		off = ct_rand(r, len);
		memmove(buf + off, buf + off + 1, len - off - 1);
		len--;
		break;
	}
	return len;
}

/* What must hold for any message the parser accepted. */
static bool ct_check_accepted(const struct omipv6_msg *m, const u8 *buf,
			      unsigned int len)
{
	unsigned int i, sig, mac;
	bool ok = true;

	ok &= m->mh == buf && m->len == len && len >= 8 && len % 8 == 0;
	ok &= buf[OMIPV6_MH_OFF_PROTO] == OMIPV6_MH_PAYLOAD_PROTO;
	ok &= buf[OMIPV6_MH_OFF_HDRLEN] == len / 8 - 1;
	ok &= m->type == buf[OMIPV6_MH_OFF_TYPE];
	ok &= len >= omipv6_msg_min_len(m->type);
	ok &= m->opt_off <= len;
	if (m->type > OMIPV6_MH_BE && m->type != OMIPV6_MH_EXPERIMENTAL)
		ok &= m->opt_off == len;
	for (i = 0; i < OMIPV6_OI_MAX; i++) {
		const struct ct_opt_rule *rule = &ct_rules[i];
		unsigned int off = m->opt[i];

		if (!off)
			continue;
		ok &= off >= m->opt_off && off + 2 + rule->len <= len;
		if (!ok)
			break;
		ok &= buf[off] == rule->type && buf[off + 1] == rule->len;
		ok &= off % rule->align == rule->align_off;
		if (rule->last)
			ok &= off + 2 + rule->len == len;
		if (i == OMIPV6_OI_KABM_AUTH)
			ok &= buf[off + 2] == OMIPV6_XOPT_KABM_AUTH;
		ok &= m->type == OMIPV6_MH_BU || m->type == OMIPV6_MH_BA;
	}
	if (m->type == OMIPV6_MH_EXPERIMENTAL) {
		sig = omipv6_omi_sig_off(m);
		mac = omipv6_omi_mac_off(m);
		ok &= m->subtype >= OMIPV6_OMI_DH1 &&
		      m->subtype <= OMIPV6_OMI_DH4;
		ok &= sig >= OMIPV6_OMI_HDR_END &&
		      sig + OMIPV6_OMI_SIG_LEN <= m->opt_off;
		ok &= (m->subtype == OMIPV6_OMI_DH1) == !mac;
		ok &= !mac || mac + OMIPV6_OMI_MAC_LEN == m->opt_off;
		if (m->subtype <= OMIPV6_OMI_DH2)
			ok &= m->pub_len == OMIPV6_GROUP_X25519_PUB ||
			      m->pub_len == OMIPV6_GROUP_FFDHE2048_PUB;
		else
			ok &= !m->pub_len;
	} else {
		ok &= !m->subtype && !m->pub_len;
	}
	return ok;
}

static void codec_random_test(struct kunit *test)
{
	unsigned int count[OMIPV6_DROP_MAX + 1] = {};
	unsigned int nseeds = ARRAY_SIZE(ct_specs);
	struct omipv6_msg seed_msg, m;
	enum omipv6_drop reason;
	struct rnd_state rnd;
	unsigned int i, j, len;
	u8 **seeds, **exact, *work, *copy;
	u16 *seed_opt_off;
	char hist[128];
	ktime_t start;
	int ret, n;

	seeds = kunit_kcalloc(test, nseeds, sizeof(*seeds), GFP_KERNEL);
	seed_opt_off = kunit_kcalloc(test, nseeds, sizeof(*seed_opt_off),
				     GFP_KERNEL);
	exact = kunit_kcalloc(test, CT_WORK + 1, sizeof(*exact), GFP_KERNEL);
	work = kunit_kmalloc(test, CT_WORK, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, seeds);
	KUNIT_ASSERT_NOT_NULL(test, seed_opt_off);
	KUNIT_ASSERT_NOT_NULL(test, exact);
	KUNIT_ASSERT_NOT_NULL(test, work);
	for (i = 0; i < nseeds; i++) {
		seeds[i] = kunit_kzalloc(test, ct_specs[i].len, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, seeds[i]);
		KUNIT_ASSERT_EQ(test, ct_build(&ct_specs[i], seeds[i],
					       ct_specs[i].len),
				ct_specs[i].len);
		KUNIT_ASSERT_EQ(test, omipv6_msg_parse(&seed_msg, seeds[i],
						       ct_specs[i].len,
						       &reason), 0);
		seed_opt_off[i] = seed_msg.opt_off;
	}

	prandom_seed_state(&rnd, CT_SEED);
	start = ktime_get();
	for (i = 0; i < CT_ITERATIONS; i++) {
		unsigned int s = ct_rand(&rnd, nseeds);
		unsigned int muts = 1 + ct_rand(&rnd, 4);

		len = ct_specs[s].len;
		memcpy(work, seeds[s], len);
		for (j = 0; j < muts; j++)
			len = ct_mutate(&rnd, work, len, seed_opt_off[s]);
		/*
		 * Mostly make the length a multiple of 8 (cut, or pad with
		 * Pad1) and Header Len honest, so the deeper checks run.
		 */
		if (len >= 8 && ct_rand(&rnd, 4)) {
			if (len % 8 && ct_rand(&rnd, 2)) {
				memset(work + len, 0, 8 - len % 8);
				len += 8 - len % 8;
			}
			len -= len % 8;
			work[OMIPV6_MH_OFF_HDRLEN] = len / 8 - 1;
		}

		/*
		 * Parse from an allocation of exactly @len octets, one per
		 * length and reused: KASAN catches a read past the end.
		 */
		if (!len) {
			exact[len] = ZERO_SIZE_PTR;
		} else if (!exact[len]) {
			exact[len] = kunit_kmalloc(test, len, GFP_KERNEL);
			KUNIT_ASSERT_NOT_NULL(test, exact[len]);
		}
		copy = exact[len];
		memcpy(copy, work, len);
		reason = OMIPV6_DROP_MAX;
		ret = omipv6_msg_parse(&m, copy, len, &reason);
		if (ret == 0 && reason == OMIPV6_DROP_MAX &&
		    ct_check_accepted(&m, copy, len)) {
			count[OMIPV6_DROP_MAX]++;
		} else if (ret == -EINVAL && ct_codec_reason(reason)) {
			count[reason]++;
		} else {
			KUNIT_FAIL(test,
				   "iteration %u (%s, %u octets): %d, %d: %*ph",
				   i, ct_specs[s].desc, len, ret, reason,
				   (int)min(len, 32U), copy);
			return;
		}
		if (!(i % 1024))
			cond_resched();
	}

	/* One short line: a case's log holds 512 characters. */
	for (i = 0, n = 0; i < OMIPV6_DROP_MAX; i++)
		if (ct_codec_reason(i))
			n += scnprintf(hist + n, sizeof(hist) - n, " %u",
				       count[i]);
	kunit_info(test, "%u messages in %lld ms, %u accepted, by reason:%s",
		   CT_ITERATIONS, ktime_ms_delta(ktime_get(), start),
		   count[OMIPV6_DROP_MAX], hist);
	/* The mutations reach every check of the parser. */
	for (i = 0; i < OMIPV6_DROP_MAX; i++)
		if (ct_codec_reason(i))
			KUNIT_EXPECT_GT_MSG(test, count[i], 0, "reason %u", i);
	KUNIT_EXPECT_GT(test, count[OMIPV6_DROP_MAX], CT_ITERATIONS / 100);
}

static struct kunit_case omipv6_codec_cases[] = {
	KUNIT_CASE_PARAM(codec_roundtrip_test, codec_roundtrip_gen_params),
	KUNIT_CASE(codec_min_len_test),
	KUNIT_CASE_PARAM(codec_malformed_test, codec_malformed_gen_params),
	KUNIT_CASE(codec_malformed_coverage_test),
	KUNIT_CASE_PARAM(codec_valid_test, codec_valid_gen_params),
	KUNIT_CASE(codec_builder_enospc_test),
	KUNIT_CASE(codec_builder_sticky_test),
	KUNIT_CASE(codec_max_len_test),
	KUNIT_CASE(codec_random_test),
	{}
};

struct kunit_suite omipv6_codec_suite = {
	.name = "omipv6_codec",
	.test_cases = omipv6_codec_cases,
};
