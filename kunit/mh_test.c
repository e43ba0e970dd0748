// SPDX-License-Identifier: GPL-2.0
/*
 * Fixed Mobility Header checks of omipv6_msg_parse(): every acceptance and
 * drop reason of the header and the per-type minimum length.  Options and
 * OMIPv6 fields are covered by codec_test.c.
 */
#include <kunit/test.h>
#include <linux/string.h>

#include "omipv6_codec.h"
#include "omipv6_kunit.h"
#include "omipv6_rfc.h"

struct mh_case {
	const char *desc;
	u8 proto;
	u8 hdrlen;
	u8 type;
	unsigned int len;	/* octets handed to the parser */
	bool ok;
	enum omipv6_drop reason;
};

/* A well-formed message: @l is (@hl + 1) * 8. */
#define MH_OK(d, t, hl, l) \
	{ .desc = d, .proto = 59, .hdrlen = hl, .type = t, .len = l, \
	  .ok = true }
#define MH_BAD(d, p, t, hl, l, r) \
	{ .desc = d, .proto = p, .hdrlen = hl, .type = t, .len = l, \
	  .reason = OMIPV6_DROP_##r }

static const struct mh_case mh_cases[] = {
	MH_OK("BRR minimum", OMIPV6_MH_BRR, 0, 8),
	MH_OK("HoTI minimum", OMIPV6_MH_HOTI, 1, 16),
	MH_OK("CoTI minimum", OMIPV6_MH_COTI, 1, 16),
	MH_OK("HoT minimum", OMIPV6_MH_HOT, 2, 24),
	MH_OK("CoT minimum", OMIPV6_MH_COT, 2, 24),
	MH_OK("BU minimum", OMIPV6_MH_BU, 1, 16),
	MH_OK("BA minimum", OMIPV6_MH_BA, 1, 16),
	MH_OK("BE minimum", OMIPV6_MH_BE, 2, 24),
	MH_OK("unknown type", 200, 0, 8),
	MH_OK("BU with options", OMIPV6_MH_BU, 6, 56),
	MH_BAD("empty", 59, OMIPV6_MH_BRR, 0, 0, TRUNCATED),
	MH_BAD("one octet", 59, OMIPV6_MH_BRR, 0, 1, TRUNCATED),
	MH_BAD("fixed header only", 59, OMIPV6_MH_BRR, 0, 6, TRUNCATED),
	MH_BAD("seven octets", 59, OMIPV6_MH_BRR, 0, 7, TRUNCATED),
	MH_BAD("hdrlen past end", 59, OMIPV6_MH_BU, 1, 8, LEN_MISMATCH),
	MH_BAD("hdrlen 255", 59, OMIPV6_MH_BU, 255, 16, LEN_MISMATCH),
	MH_BAD("trailing octets", 59, OMIPV6_MH_BRR, 0, 16, LEN_MISMATCH),
	MH_BAD("not a unit multiple", 59, OMIPV6_MH_BU, 1, 12, LEN_MISMATCH),
	MH_BAD("payload proto tcp", 6, OMIPV6_MH_BU, 1, 16, PAYLOAD_PROTO),
	MH_BAD("payload proto hop-by-hop", 0, OMIPV6_MH_BU, 1, 16,
	       PAYLOAD_PROTO),
	MH_BAD("HoTI hdrlen 0", 59, OMIPV6_MH_HOTI, 0, 8, HDRLEN_SHORT),
	MH_BAD("CoTI hdrlen 0", 59, OMIPV6_MH_COTI, 0, 8, HDRLEN_SHORT),
	MH_BAD("HoT hdrlen 1", 59, OMIPV6_MH_HOT, 1, 16, HDRLEN_SHORT),
	MH_BAD("CoT hdrlen 1", 59, OMIPV6_MH_COT, 1, 16, HDRLEN_SHORT),
	MH_BAD("BU hdrlen 0", 59, OMIPV6_MH_BU, 0, 8, HDRLEN_SHORT),
	MH_BAD("BA hdrlen 0", 59, OMIPV6_MH_BA, 0, 8, HDRLEN_SHORT),
	MH_BAD("BE hdrlen 1", 59, OMIPV6_MH_BE, 1, 16, HDRLEN_SHORT),
	MH_BAD("experimental hdrlen 0", 59, OMIPV6_MH_EXPERIMENTAL, 0, 8,
	       HDRLEN_SHORT),
	MH_BAD("experimental subtype 0", 59, OMIPV6_MH_EXPERIMENTAL, 1, 16,
	       OMI_SUBTYPE),
};

static void mh_case_desc(const struct mh_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(mh_parse, mh_cases, mh_case_desc);

static void mh_parse_test(struct kunit *test)
{
	const struct mh_case *c = test->param_value;
	enum omipv6_drop reason = OMIPV6_DROP_MAX;
	struct omipv6_msg msg;
	u8 *buf;
	int ret;

	/* Exactly c->len octets, so KASAN catches any read past the end. */
	buf = kunit_kzalloc(test, max(c->len, 1U), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	if (c->len > 0)
		buf[0] = c->proto;
	if (c->len > 1)
		buf[1] = c->hdrlen;
	if (c->len > 2)
		buf[2] = c->type;

	ret = omipv6_msg_parse(&msg, buf, c->len, &reason);
	if (c->ok) {
		KUNIT_EXPECT_EQ(test, ret, 0);
		KUNIT_EXPECT_EQ(test, reason, OMIPV6_DROP_MAX);
		KUNIT_EXPECT_EQ(test, msg.type, c->type);
		KUNIT_EXPECT_EQ(test, msg.len, c->len);
	} else {
		KUNIT_EXPECT_EQ(test, ret, -EINVAL);
		KUNIT_EXPECT_EQ(test, reason, c->reason);
	}
}

static struct kunit_case omipv6_mh_cases[] = {
	KUNIT_CASE_PARAM(mh_parse_test, mh_parse_gen_params),
	{}
};

struct kunit_suite omipv6_mh_suite = {
	.name = "omipv6_mh",
	.test_cases = omipv6_mh_cases,
};
