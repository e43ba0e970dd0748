// SPDX-License-Identifier: GPL-2.0
/*
 * Binding Update rules of the correspondent node that are pure
 * functions: the modulo 2^16 sequence number window (RFC 6275 §9.5.1)
 * and the lifetime cap (MAX_RR_BINDING_LIFETIME, §5.2.6, §12).
 */
#include <kunit/test.h>

#include "omipv6_bu.h"
#include "omipv6_codec.h"
#include "omipv6_kunit.h"
#include "omipv6_rfc.h"

struct bu_seq_case {
	u16 seq;
	u16 last;
	bool newer;
};

static const struct bu_seq_case bu_seq_cases[] = {
	{ 1, 0, true },
	{ 0, 0, false },		/* the last accepted value itself */
	{ 0, 1, false },		/* just before it */
	{ 100, 99, true },
	{ 99, 100, false },
	{ 0x7fff, 0, true },		/* 32767 ahead: newest newer value */
	{ 0x8000, 0, false },		/* 32768 ahead = 32768 behind */
	{ 0x8001, 0, false },		/* 32767 behind */
	{ 0, 0xffff, true },		/* wraps forward */
	{ 0xffff, 0, false },		/* wraps backward */
	{ 5, 0xfff0, true },
	{ 0xfff0, 5, false },
	{ 0x7ffe, 0xffff, true },	/* 32767 ahead across the wrap */
	{ 0x7fff, 0xffff, false },	/* 32768 ahead across the wrap */
};

static void bu_seq_window_test(struct kunit *test)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bu_seq_cases); i++) {
		const struct bu_seq_case *c = &bu_seq_cases[i];

		KUNIT_EXPECT_EQ_MSG(test, omipv6_seq_newer(c->seq, c->last),
				    c->newer, "seq %u last %u", c->seq, c->last);
	}
}

/* Exactly 32767 values are newer than any last value, 32769 are not. */
static void bu_seq_window_count_test(struct kunit *test)
{
	static const u16 lasts[] = { 0, 1, 0x7fff, 0x8000, 0xfffe, 0xffff };
	unsigned int i, seq, newer;

	for (i = 0; i < ARRAY_SIZE(lasts); i++) {
		for (seq = 0, newer = 0; seq <= 0xffff; seq++)
			newer += omipv6_seq_newer(seq, lasts[i]);
		KUNIT_EXPECT_EQ_MSG(test, newer, 32767U, "last %u", lasts[i]);
	}
}

static void bu_lifetime_test(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, omipv6_bu_lifetime(0), 0U);
	KUNIT_EXPECT_EQ(test, omipv6_bu_lifetime(1), 4U);
	KUNIT_EXPECT_EQ(test, omipv6_bu_lifetime(104), 416U);
	KUNIT_EXPECT_EQ(test, omipv6_bu_lifetime(105),
			(unsigned int)OMIPV6_MAX_RR_BINDING_LIFETIME);
	KUNIT_EXPECT_EQ(test, omipv6_bu_lifetime(106),
			(unsigned int)OMIPV6_MAX_RR_BINDING_LIFETIME);
	KUNIT_EXPECT_EQ(test, omipv6_bu_lifetime(0xffff),
			(unsigned int)OMIPV6_MAX_RR_BINDING_LIFETIME);
	/* The capped lifetime fits the BA's field exactly. */
	KUNIT_EXPECT_EQ(test, OMIPV6_MAX_RR_BINDING_LIFETIME %
			OMIPV6_LIFETIME_UNIT, 0);
}

static struct kunit_case omipv6_bu_cases[] = {
	KUNIT_CASE(bu_seq_window_test),
	KUNIT_CASE(bu_seq_window_count_test),
	KUNIT_CASE(bu_lifetime_test),
	{}
};

struct kunit_suite omipv6_bu_suite = {
	.name = "omipv6_bu",
	.test_cases = omipv6_bu_cases,
};
