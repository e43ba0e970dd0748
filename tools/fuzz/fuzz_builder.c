// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the Mobility Header builder (omipv6_mhb_*), built
 * like fuzz_parser.c from the module's own omipv6_codec.c.
 *
 * The input drives one build: the first octets choose the buffer size
 * (a malloc()ed buffer of exactly that size, so AddressSanitizer sees
 * any write past it) and a message type whose fixed part is filled in
 * correctly; the rest is a list of options of any type, length and data
 * to append.  Checked:
 *   - no call writes outside the buffer, the length never passes the
 *     buffer or OMIPV6_MH_MAX_LEN, an error is sticky and a failed call
 *     returns NULL;
 *   - a finished message is a multiple of 8 octets with Payload Proto,
 *     Header Len and MH Type set and the checksum zero;
 *   - omipv6_msg_parse() accepts it, or rejects it only for what the
 *     caller chose (a wrong option length, an option the type may not
 *     carry, a duplicate, something after an authenticator), never for
 *     padding, alignment or lengths, which are the builder's job; when
 *     accepted, each known option sits where omipv6_mhb_opt() put it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "omipv6_codec.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

#define CHECK(c) do {							\
	if (!(c)) {							\
		fprintf(stderr, "fuzz_builder: %s:%d: check failed: %s\n", \
			__FILE__, __LINE__, #c);			\
		abort();						\
	}								\
} while (0)

struct input {
	const u8 *p;
	size_t left;
};

static u8 take(struct input *in)
{
	if (!in->left)
		return 0;
	in->left--;
	return *in->p++;
}

/* Message types with a fixed part this target knows how to fill in. */
static const struct {
	u8 type;
	u8 subtype;
	u16 fixed;	/* octets after the 6-octet header */
} kinds[] = {
	{ OMIPV6_MH_BRR, 0, OMIPV6_BRR_END - 6 },
	{ OMIPV6_MH_HOTI, 0, OMIPV6_TI_END - 6 },
	{ OMIPV6_MH_COTI, 0, OMIPV6_TI_END - 6 },
	{ OMIPV6_MH_HOT, 0, OMIPV6_T_END - 6 },
	{ OMIPV6_MH_COT, 0, OMIPV6_T_END - 6 },
	{ OMIPV6_MH_BU, 0, OMIPV6_BU_END - 6 },
	{ OMIPV6_MH_BA, 0, OMIPV6_BA_END - 6 },
	{ OMIPV6_MH_BE, 0, OMIPV6_BE_END - 6 },
	{ OMIPV6_MH_EXPERIMENTAL, OMIPV6_OMI_DH1,
	  OMIPV6_OMI_OFF_PUB + OMIPV6_GROUP_X25519_PUB + 32 - 6 },
	{ OMIPV6_MH_EXPERIMENTAL, OMIPV6_OMI_DH2,
	  OMIPV6_OMI_OFF_PUB + OMIPV6_GROUP_FFDHE2048_PUB + 64 - 6 },
	{ OMIPV6_MH_EXPERIMENTAL, OMIPV6_OMI_DH3, 96 - 6 },
	{ OMIPV6_MH_EXPERIMENTAL, OMIPV6_OMI_DH4, 104 - 6 },
};

/* Reasons the caller's choice of options can earn. */
static bool callers_fault(enum omipv6_drop r)
{
	return r == OMIPV6_DROP_OPT_LEN || r == OMIPV6_DROP_OPT_FORBIDDEN ||
	       r == OMIPV6_DROP_OPT_DUPLICATE || r == OMIPV6_DROP_OPT_NOT_LAST;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct input in = { data, size };
	unsigned int bufsize, k, nopts = 0, i;
	struct {
		u8 type;
		unsigned int off;	/* of the option's Type octet */
	} opts[64];
	enum omipv6_drop reason = OMIPV6_DROP_MAX;
	struct omipv6_msg m;
	struct omipv6_mhb b;
	int err = 0, len;
	u8 *buf, *p;

	bufsize = take(&in) << 8;
	bufsize = (bufsize | take(&in)) % (OMIPV6_MH_MAX_LEN + 64);
	k = take(&in) % ARRAY_SIZE(kinds);
	buf = malloc(bufsize ? bufsize : 1);
	CHECK(buf);

	omipv6_mhb_start(&b, buf, bufsize, kinds[k].type);
	CHECK(b.len <= bufsize);
	if (b.err)
		CHECK(bufsize < OMIPV6_MH_HDR_LEN && b.err == -ENOSPC);
	err = b.err;

	p = omipv6_mhb_put(&b, kinds[k].fixed);
	CHECK(!p == !!b.err);
	if (p) {
		/* A valid OMIPv6 common part and group for the subtype. */
		CHECK(p == buf + OMIPV6_MH_HDR_LEN);
		for (i = 0; i < kinds[k].fixed; i++)
			CHECK(p[i] == 0);
		if (kinds[k].subtype) {
			p[OMIPV6_OMI_OFF_SUBTYPE - 6] = kinds[k].subtype;
			p[OMIPV6_OMI_OFF_VERSION - 6] = OMIPV6_OMI_VERSION;
		}
		if (kinds[k].subtype == OMIPV6_OMI_DH1) {
			put_unaligned_be16(OMIPV6_GROUP_X25519,
					   p + OMIPV6_OMI_OFF_GROUP - 6);
			put_unaligned_be16(OMIPV6_GROUP_X25519_PUB,
					   p + OMIPV6_OMI_OFF_PUB_LEN - 6);
		} else if (kinds[k].subtype == OMIPV6_OMI_DH2) {
			put_unaligned_be16(OMIPV6_GROUP_FFDHE2048,
					   p + OMIPV6_OMI_OFF_GROUP - 6);
			put_unaligned_be16(OMIPV6_GROUP_FFDHE2048_PUB,
					   p + OMIPV6_OMI_OFF_PUB_LEN - 6);
		}
	}
	CHECK(!err || b.err == err);
	err = b.err;

	while (in.left >= 2) {
		u8 type = take(&in), olen = take(&in), flags = take(&in);
		u8 d[255];
		unsigned int before = b.len;

		/* flags & 4: filler data, so short inputs reach 2048 octets. */
		for (i = 0; i < olen; i++)
			d[i] = (flags & 4) ? 0x11 : take(&in);
		if (type == OMIPV6_OPT_PAD1 && !(flags & 1))
			type = OMIPV6_OPT_PADN;
		/* flags & 2: let the builder zero the data itself. */
		p = omipv6_mhb_opt(&b, type, (flags & 2) ? NULL : d, olen);
		CHECK(b.len <= bufsize && b.len <= OMIPV6_MH_MAX_LEN);
		if (err) {
			CHECK(!p && b.err == err && b.len == before);
			continue;
		}
		if (!p) {
			CHECK(b.err && b.len == before);
			if (type == OMIPV6_OPT_PAD1)
				CHECK(b.err == -EINVAL);
			else
				CHECK(b.err == -EINVAL || b.err == -ENOSPC);
			err = b.err;
			continue;
		}
		CHECK(!b.err);
		CHECK(type != OMIPV6_OPT_PAD1);
		CHECK(p >= buf + before + 2 && p + olen == buf + b.len);
		CHECK(p[-2] == type && p[-1] == olen);
		for (i = 0; i < olen; i++)
			CHECK(p[i] == ((flags & 2) ? 0 : d[i]));
		if (nopts < ARRAY_SIZE(opts)) {
			opts[nopts].type = type;
			opts[nopts].off = p - 2 - buf;
			nopts++;
		}
	}

	len = omipv6_mhb_finish(&b);
	CHECK(b.len <= bufsize);
	if (err) {
		CHECK(len == err);
		free(buf);
		return 0;
	}
	if (len < 0) {
		/* Only room for the final padding can be missing now. */
		CHECK(len == -ENOSPC || len == -EINVAL);
		CHECK(b.err == len);
		free(buf);
		return 0;
	}
	CHECK((unsigned int)len == b.len && len % 8 == 0);
	CHECK(len >= 8 && len <= OMIPV6_MH_MAX_LEN);
	CHECK(buf[OMIPV6_MH_OFF_PROTO] == OMIPV6_MH_PAYLOAD_PROTO);
	CHECK(buf[OMIPV6_MH_OFF_HDRLEN] == len / 8 - 1);
	CHECK(buf[OMIPV6_MH_OFF_TYPE] == kinds[k].type);
	CHECK(!buf[3] && !buf[4] && !buf[5]);

	if (omipv6_msg_parse(&m, buf, len, &reason)) {
		if (!callers_fault(reason))
			fprintf(stderr, "fuzz_builder: built message rejected, reason %d\n",
				reason);
		CHECK(callers_fault(reason));
		free(buf);
		return 0;
	}
	CHECK(m.type == kinds[k].type && m.subtype == kinds[k].subtype);
	CHECK(m.opt_off == OMIPV6_MH_HDR_LEN + kinds[k].fixed);
	/* Each known option the builder placed is indexed right there. */
	for (i = 0; i < nopts; i++) {
		unsigned int j, hit = 0;

		for (j = 0; j < OMIPV6_OI_MAX; j++)
			hit |= m.opt[j] == opts[i].off;
		switch (opts[i].type) {
		case OMIPV6_OPT_BRA:
		case OMIPV6_OPT_ALT_COA:
		case OMIPV6_OPT_NONCE_IDX:
		case OMIPV6_OPT_BAD:
		case OMIPV6_OPT_MNHA_AUTH:
			CHECK(hit);
			break;
		default:
			break;
		}
	}
	free(buf);
	return 0;
}
