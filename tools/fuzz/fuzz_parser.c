// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for omipv6_msg_parse(), built from the module's own
 * omipv6_codec.c against the shim headers in tools/fuzz/include.
 *
 * Each input is copied into a malloc()ed buffer of exactly its size, so
 * AddressSanitizer catches any read past the message.  When the parser
 * accepts a message, the target checks what struct omipv6_msg promises
 * (doc/wire-format.md) by reading every field and option it indexes,
 * walks the options itself, re-parses the same octets and a copy (the
 * result must not change), and rebuilds the message with the omipv6
 * builder from what was parsed: the builder's output must parse again
 * with the same fields and options.  An independent model of the rules
 * in doc/wire-format.md must reach the same verdict and drop reason.
 * Any broken promise aborts.
 *
 * OMIPV6_FUZZ_EXPECT_VALID=1 in the environment makes a rejected input
 * abort too; run.sh replays the seed corpus that way.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "omipv6_codec.h"

#define CHECK(c) do {							\
	if (!(c)) {							\
		fprintf(stderr, "fuzz_parser: %s:%d: check failed: %s\n", \
			__FILE__, __LINE__, #c);			\
		abort();						\
	}								\
} while (0)

/* Per known option: Type, Length, alignment x * n + y, must be last. */
static const struct {
	u8 type, len, x, y;
	bool last;
	u16 types;	/* MH types that may carry it, one bit each */
} known[OMIPV6_OI_MAX] = {
	[OMIPV6_OI_BRA] = { OMIPV6_OPT_BRA, OMIPV6_OPT_BRA_LEN, 2, 0, false,
			    1 << OMIPV6_MH_BA },
	[OMIPV6_OI_ALT_COA] = { OMIPV6_OPT_ALT_COA, OMIPV6_OPT_ALT_COA_LEN, 8,
				6, false, 1 << OMIPV6_MH_BU },
	[OMIPV6_OI_NONCE_IDX] = { OMIPV6_OPT_NONCE_IDX,
				  OMIPV6_OPT_NONCE_IDX_LEN, 2, 0, false,
				  1 << OMIPV6_MH_BU },
	[OMIPV6_OI_BAD] = { OMIPV6_OPT_BAD, OMIPV6_OPT_BAD_LEN, 8, 2, true,
			    1 << OMIPV6_MH_BU | 1 << OMIPV6_MH_BA },
	[OMIPV6_OI_MNHA_AUTH] = { OMIPV6_OPT_MNHA_AUTH,
				  OMIPV6_OPT_MNHA_AUTH_LEN, 4, 1, true,
				  1 << OMIPV6_MH_BU | 1 << OMIPV6_MH_BA },
	[OMIPV6_OI_KABM_AUTH] = { OMIPV6_OPT_EXPERIMENTAL,
				  OMIPV6_OPT_KABM_AUTH_LEN, 8, 0, true,
				  1 << OMIPV6_MH_BU | 1 << OMIPV6_MH_BA },
};

static int expect_valid;
static volatile u8 sink;

/* Reads @n octets at @off so ASan sees an access outside the message. */
static void touch(const struct omipv6_msg *m, unsigned int off,
		  unsigned int n)
{
	const u8 *p = omipv6_field(m, off);
	unsigned int i;
	u8 x = 0;

	CHECK(off + n <= m->len);
	for (i = 0; i < n; i++)
		x ^= p[i];
	sink = x;
}

static unsigned int pad8(unsigned int n)
{
	return (n + 7) & ~7U;
}

/* Where the options of each RFC 6275 type start (doc/wire-format.md). */
static unsigned int rfc_fixed_end(u8 type)
{
	static const u8 end[] = {
		[OMIPV6_MH_BRR] = OMIPV6_BRR_END,
		[OMIPV6_MH_HOTI] = OMIPV6_TI_END,
		[OMIPV6_MH_COTI] = OMIPV6_TI_END,
		[OMIPV6_MH_HOT] = OMIPV6_T_END,
		[OMIPV6_MH_COT] = OMIPV6_T_END,
		[OMIPV6_MH_BU] = OMIPV6_BU_END,
		[OMIPV6_MH_BA] = OMIPV6_BA_END,
		[OMIPV6_MH_BE] = OMIPV6_BE_END,
	};

	return type < sizeof(end) ? end[type] : 0;
}

/* Reads every field of the message's type through the accessors. */
static void check_fields(const struct omipv6_msg *m)
{
	unsigned int sig, mac, l;

	CHECK(m->len >= omipv6_msg_min_len(m->type));
	switch (m->type) {
	case OMIPV6_MH_HOTI:
	case OMIPV6_MH_COTI:
		touch(m, OMIPV6_TI_OFF_COOKIE, OMIPV6_COOKIE_LEN);
		break;
	case OMIPV6_MH_HOT:
	case OMIPV6_MH_COT:
		sink = omipv6_get16(m, OMIPV6_T_OFF_NONCE_IDX);
		touch(m, OMIPV6_T_OFF_COOKIE, OMIPV6_COOKIE_LEN);
		touch(m, OMIPV6_T_OFF_TOKEN, OMIPV6_TOKEN_LEN);
		break;
	case OMIPV6_MH_BU:
		sink = omipv6_get16(m, OMIPV6_BU_OFF_SEQ) ^
		       omipv6_get16(m, OMIPV6_BU_OFF_FLAGS) ^
		       omipv6_get16(m, OMIPV6_BU_OFF_LIFETIME);
		break;
	case OMIPV6_MH_BA:
		sink = *omipv6_field(m, OMIPV6_BA_OFF_STATUS) ^
		       *omipv6_field(m, OMIPV6_BA_OFF_FLAGS) ^
		       omipv6_get16(m, OMIPV6_BA_OFF_SEQ) ^
		       omipv6_get16(m, OMIPV6_BA_OFF_LIFETIME);
		break;
	case OMIPV6_MH_BE:
		touch(m, OMIPV6_BE_OFF_STATUS, 1);
		touch(m, OMIPV6_BE_OFF_HOA, 16);
		break;
	default:
		break;
	}
	if (m->type <= OMIPV6_MH_BE) {
		CHECK(m->subtype == 0 && m->pub_len == 0);
		CHECK(m->opt_off == rfc_fixed_end(m->type));
		CHECK(omipv6_omi_sig_off(m) == 0 && omipv6_omi_mac_off(m) == 0);
		return;
	}
	if (m->type != OMIPV6_MH_EXPERIMENTAL) {
		/* Unknown layout: nothing is indexed. */
		CHECK(m->subtype == 0 && m->pub_len == 0);
		CHECK(m->opt_off == m->len);
		return;
	}

	CHECK(m->subtype == m->mh[OMIPV6_OMI_OFF_SUBTYPE]);
	CHECK(m->subtype >= OMIPV6_OMI_DH1 && m->subtype <= OMIPV6_OMI_DH4);
	CHECK(m->mh[OMIPV6_OMI_OFF_VERSION] == OMIPV6_OMI_VERSION);
	sink = omipv6_get32(m, OMIPV6_OMI_OFF_SID_MN) ^
	       omipv6_get32(m, OMIPV6_OMI_OFF_SID_CN);
	sig = omipv6_omi_sig_off(m);
	mac = omipv6_omi_mac_off(m);
	switch (m->subtype) {
	case OMIPV6_OMI_DH1:
	case OMIPV6_OMI_DH2:
		touch(m, OMIPV6_OMI_OFF_NONCE, OMIPV6_OMI_NONCE_LEN);
		l = omipv6_get16(m, OMIPV6_OMI_OFF_PUB_LEN);
		CHECK(l == m->pub_len);
		switch (omipv6_get16(m, OMIPV6_OMI_OFF_GROUP)) {
		case OMIPV6_GROUP_FFDHE2048:
			CHECK(l == OMIPV6_GROUP_FFDHE2048_PUB);
			break;
		case OMIPV6_GROUP_X25519:
			CHECK(l == OMIPV6_GROUP_X25519_PUB);
			break;
		default:
			CHECK(!"unknown group accepted");
		}
		sink = omipv6_get16(m, OMIPV6_OMI_OFF_GROUPS);
		touch(m, OMIPV6_OMI_OFF_PUB, l);
		CHECK(sig == OMIPV6_OMI_OFF_PUB + pad8(l));
		if (m->subtype == OMIPV6_OMI_DH1) {
			CHECK(mac == 0);
			CHECK(m->opt_off == sig + OMIPV6_OMI_SIG_LEN);
		} else {
			CHECK(mac == sig + OMIPV6_OMI_SIG_LEN);
			CHECK(m->opt_off == mac + OMIPV6_OMI_MAC_LEN);
		}
		break;
	case OMIPV6_OMI_DH3:
		CHECK(m->pub_len == 0);
		touch(m, OMIPV6_OMI_OFF_ID, OMIPV6_OMI_ID_LEN);
		CHECK(sig == OMIPV6_OMI_DH3_OFF_SIG);
		CHECK(mac == sig + OMIPV6_OMI_SIG_LEN);
		CHECK(m->opt_off == mac + OMIPV6_OMI_MAC_LEN);
		break;
	case OMIPV6_OMI_DH4:
		CHECK(m->pub_len == 0);
		touch(m, OMIPV6_OMI_OFF_ID, OMIPV6_OMI_ID_LEN);
		sink = omipv6_get16(m, OMIPV6_OMI_DH4_OFF_FLAGS) ^
		       omipv6_get32(m, OMIPV6_OMI_DH4_OFF_LIFETIME);
		CHECK(sig == OMIPV6_OMI_DH4_OFF_SIG);
		CHECK(mac == sig + OMIPV6_OMI_SIG_LEN);
		CHECK(m->opt_off == mac + OMIPV6_OMI_MAC_LEN);
		break;
	}
	touch(m, sig, OMIPV6_OMI_SIG_LEN);
	if (mac)
		touch(m, mac, OMIPV6_OMI_MAC_LEN);
}

/*
 * Every indexed option is where and what the rules say, and a walk of
 * the option area finds each known option at its recorded offset and
 * nothing running past the end.
 */
static void check_options(const struct omipv6_msg *m)
{
	unsigned int i, off, seen = 0;

	CHECK(m->opt_off <= m->len);
	for (i = 0; i < OMIPV6_OI_MAX; i++) {
		unsigned int o = m->opt[i];
		const u8 *d = omipv6_opt_data(m, i);

		if (!o) {
			CHECK(!d);
			continue;
		}
		CHECK(d == m->mh + o + 2);
		CHECK(o >= m->opt_off && o < m->len);
		CHECK(known[i].types & (1U << m->type));
		CHECK(m->mh[o] == known[i].type);
		CHECK(m->mh[o + 1] == known[i].len);
		CHECK(o % known[i].x == known[i].y);
		CHECK(o + 2 + known[i].len <= m->len);
		if (known[i].last)
			CHECK(o + 2 + known[i].len == m->len);
		if (i == OMIPV6_OI_KABM_AUTH)
			CHECK(d[0] == OMIPV6_XOPT_KABM_AUTH);
		touch(m, o, 2 + known[i].len);
	}

	for (off = m->opt_off; off < m->len;) {
		const u8 *p = m->mh + off;

		if (p[0] == OMIPV6_OPT_PAD1) {
			off++;
			continue;
		}
		CHECK(off + 2 <= m->len && off + 2 + p[1] <= m->len);
		for (i = 0; i < OMIPV6_OI_MAX; i++) {
			if (m->opt[i] == off)
				seen |= 1U << i;
			else if (p[0] == known[i].type &&
				 (i != OMIPV6_OI_KABM_AUTH ||
				  (p[1] >= 1 && p[2] == OMIPV6_XOPT_KABM_AUTH)))
				CHECK(!"known option not indexed");
		}
		off += 2 + p[1];
	}
	CHECK(off == m->len);
	for (i = 0; i < OMIPV6_OI_MAX; i++)
		CHECK(!m->opt[i] == !(seen & (1U << i)));
}

/*
 * An independent model of the parser, written from doc/wire-format.md
 * and the check order omipv6_msg_parse() documents: the verdict and the
 * drop reason must agree with the codec's for every input.
 */
static int ref_parse(const u8 *b, size_t len, enum omipv6_drop *why)
{
	/* Minimum Header Len per type (RFC 6275 §9.2), -1: none (0). */
	static const signed char minhl[256] = {
		[OMIPV6_MH_BRR] = 0, [OMIPV6_MH_HOTI] = 1,
		[OMIPV6_MH_COTI] = 1, [OMIPV6_MH_HOT] = 2,
		[OMIPV6_MH_COT] = 2, [OMIPV6_MH_BU] = 1, [OMIPV6_MH_BA] = 1,
		[OMIPV6_MH_BE] = 2, [OMIPV6_MH_EXPERIMENTAL] = 1,
	};
	unsigned int off, i, seen = 0, end;
	bool ended = false;
	u8 type;

#define REJECT(r) do { *why = OMIPV6_DROP_##r; return -1; } while (0)
	if (len < 8)
		REJECT(TRUNCATED);
	if ((b[1] + 1U) * 8 != len)
		REJECT(LEN_MISMATCH);
	if (b[0] != 59)
		REJECT(PAYLOAD_PROTO);
	type = b[2];
	if (b[1] < minhl[type])
		REJECT(HDRLEN_SHORT);
	if (type <= OMIPV6_MH_BE) {
		off = rfc_fixed_end(type);
	} else if (type == OMIPV6_MH_EXPERIMENTAL) {
		static const u8 fixed[] = { 0, 40, 40, 96, 104 };
		u8 st = b[6];

		if (st < 1 || st > 4)
			REJECT(OMI_SUBTYPE);
		if (b[7] != 1)
			REJECT(OMI_VERSION);
		if (len < fixed[st])
			REJECT(HDRLEN_SHORT);
		off = fixed[st];
		if (st <= 2) {
			unsigned int g = b[32] << 8 | b[33];
			unsigned int l = b[36] << 8 | b[37];

			if (g != 1 && g != 2)
				REJECT(OMI_GROUP);
			end = 40 + pad8(l) + 32 + (st == 2 ? 32 : 0);
			if (l != (g == 1 ? 256U : 32U) || end > len)
				REJECT(OMI_LEN);
			off = end;
		}
	} else {
		return 0;
	}

	while (off < len) {
		u8 t, l;

		if (ended)
			REJECT(OPT_NOT_LAST);
		if (b[off] == 0) {
			off++;
			continue;
		}
		if (off + 2 > len || off + 2 + b[off + 1] > len)
			REJECT(OPT_TRUNCATED);
		t = b[off];
		l = b[off + 1];
		for (i = 0; i < OMIPV6_OI_MAX; i++)
			if (t == known[i].type &&
			    (t != OMIPV6_OPT_EXPERIMENTAL ||
			     (l >= 1 && b[off + 2] == OMIPV6_XOPT_KABM_AUTH)))
				break;
		if (i < OMIPV6_OI_MAX) {
			if (l != known[i].len)
				REJECT(OPT_LEN);
			if (off % known[i].x != known[i].y)
				REJECT(OPT_ALIGN);
			if (!(known[i].types & (1U << type)))
				REJECT(OPT_FORBIDDEN);
			if (seen & (1U << i))
				REJECT(OPT_DUPLICATE);
			seen |= 1U << i;
			ended = known[i].last;
		}
		off += 2 + l;
	}
	return 0;
#undef REJECT
}

static void check_same(const struct omipv6_msg *a, const struct omipv6_msg *b)
{
	CHECK(a->len == b->len && a->type == b->type);
	CHECK(a->subtype == b->subtype && a->opt_off == b->opt_off);
	CHECK(a->pub_len == b->pub_len);
	CHECK(!memcmp(a->opt, b->opt, sizeof(a->opt)));
}

/*
 * Rebuilds @m with the builder: the same type, the same fixed part, the
 * same non-padding options in the same order.  The builder pads at most
 * as much as any valid message does, so it cannot run out of room.  The
 * result must parse, with every known option's data unchanged.
 */
static void check_rebuild(const struct omipv6_msg *m)
{
	static u8 out[OMIPV6_MH_MAX_LEN + 64];
	struct omipv6_msg r;
	enum omipv6_drop reason = OMIPV6_DROP_MAX;
	struct omipv6_mhb b;
	unsigned int off, i;
	u8 *p;
	int len;

	omipv6_mhb_start(&b, out, sizeof(out), m->type);
	if (m->opt_off > OMIPV6_MH_HDR_LEN) {
		p = omipv6_mhb_put(&b, m->opt_off - OMIPV6_MH_HDR_LEN);
		CHECK(p);
		memcpy(p, m->mh + OMIPV6_MH_HDR_LEN,
		       m->opt_off - OMIPV6_MH_HDR_LEN);
	}
	for (off = m->opt_off; off < m->len;) {
		const u8 *o = m->mh + off;

		if (o[0] == OMIPV6_OPT_PAD1) {
			off++;
			continue;
		}
		if (o[0] != OMIPV6_OPT_PADN)
			CHECK(omipv6_mhb_opt(&b, o[0], o + 2, o[1]));
		off += 2 + o[1];
	}
	len = omipv6_mhb_finish(&b);
	if (len < 0)
		fprintf(stderr, "fuzz_parser: builder error %d rebuilding a %u-octet type %u message\n",
			len, m->len, m->type);
	CHECK(len > 0 && len % 8 == 0 && len <= m->len);
	CHECK(out[OMIPV6_MH_OFF_PROTO] == OMIPV6_MH_PAYLOAD_PROTO);
	CHECK(out[OMIPV6_MH_OFF_TYPE] == m->type);
	CHECK(!out[3] && !out[4] && !out[5]);

	if (omipv6_msg_parse(&r, out, len, &reason)) {
		fprintf(stderr, "fuzz_parser: rebuilt message rejected, reason %d\n",
			reason);
		CHECK(!"rebuilt message parses");
	}
	CHECK(r.type == m->type && r.subtype == m->subtype);
	CHECK(r.opt_off == m->opt_off && r.pub_len == m->pub_len);
	CHECK(!memcmp(out + OMIPV6_MH_HDR_LEN, m->mh + OMIPV6_MH_HDR_LEN,
		      m->opt_off - OMIPV6_MH_HDR_LEN));
	for (i = 0; i < OMIPV6_OI_MAX; i++) {
		CHECK(!r.opt[i] == !m->opt[i]);
		if (m->opt[i])
			CHECK(!memcmp(omipv6_opt_data(&r, i),
				      omipv6_opt_data(m, i), known[i].len));
	}
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *e = getenv("OMIPV6_FUZZ_EXPECT_VALID");

	expect_valid = e && *e == '1';
	return 0;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	enum omipv6_drop reason = OMIPV6_DROP_MAX, r2 = OMIPV6_DROP_MAX;
	struct omipv6_msg m, m2;
	u8 *buf, *copy;
	int rc;

	if (size > 4 * OMIPV6_MH_MAX_LEN)
		return -1;	/* longer than any MH: keep it out of the corpus */
	buf = malloc(size ? size : 1);
	CHECK(buf);
	memcpy(buf, data, size);

	memset(&m, 0xa5, sizeof(m));
	rc = omipv6_msg_parse(&m, buf, size, &reason);
	if (ref_parse(buf, size, &r2) != (rc ? -1 : 0) || (rc && r2 != reason)) {
		fprintf(stderr, "fuzz_parser: codec says %d (reason %d), the model of doc/wire-format.md %s (reason %d)\n",
			rc, rc ? (int)reason : -1, rc ? "disagrees" : "rejects",
			(int)r2);
		CHECK(!"codec and model agree");
	}
	r2 = OMIPV6_DROP_MAX;
	if (rc) {
		CHECK(rc == -EINVAL);
		CHECK(reason < OMIPV6_DROP_NO_ROLE);
		if (expect_valid) {
			fprintf(stderr, "fuzz_parser: input rejected, reason %d\n",
				reason);
			abort();
		}
		/* The same octets are rejected the same way again. */
		CHECK(omipv6_msg_parse(&m2, buf, size, &r2) == rc && r2 == reason);
		free(buf);
		return 0;
	}
	CHECK(reason == OMIPV6_DROP_MAX);	/* untouched on success */

	/* The fixed header (RFC 6275 §6.1.1). */
	CHECK(m.mh == buf && m.len == size);
	CHECK(size >= 8 && size % 8 == 0 && size <= OMIPV6_MH_MAX_LEN);
	CHECK(buf[OMIPV6_MH_OFF_PROTO] == OMIPV6_MH_PAYLOAD_PROTO);
	CHECK((buf[OMIPV6_MH_OFF_HDRLEN] + 1U) * 8 == size);
	CHECK(m.type == buf[OMIPV6_MH_OFF_TYPE]);

	check_fields(&m);
	check_options(&m);

	/* Stable: again in place, and in a copy at another address. */
	memset(&m2, 0x5a, sizeof(m2));
	CHECK(omipv6_msg_parse(&m2, buf, size, &r2) == 0);
	check_same(&m, &m2);
	copy = malloc(size);
	CHECK(copy);
	memcpy(copy, buf, size);
	CHECK(omipv6_msg_parse(&m2, copy, size, &r2) == 0);
	check_same(&m, &m2);
	CHECK(m2.mh == copy);
	free(copy);

	/* A message one unit longer than its Header Len says is refused. */
	copy = calloc(1, size + 8);
	CHECK(copy);
	memcpy(copy, buf, size);
	r2 = OMIPV6_DROP_MAX;
	CHECK(omipv6_msg_parse(&m2, copy, size + 8, &r2) == -EINVAL);
	CHECK(r2 == OMIPV6_DROP_LEN_MISMATCH);
	free(copy);

	check_rebuild(&m);
	free(buf);
	return 0;
}
