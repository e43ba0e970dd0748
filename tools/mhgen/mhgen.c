// SPDX-License-Identifier: GPL-2.0
/*
 * mhgen: print Mobility Header messages built by omipv6's own builder.
 *
 * The codec (omipv6_codec.c) is compiled in user space against the shim
 * headers in tools/fuzz/include, so the octets printed here are the ones
 * the module puts on the wire.  Used by the scapy cross-check, the
 * tshark end-to-end test and to (re)generate the fuzz seed corpus.
 *
 *   mhgen [--csum SRC DST] MSG [FIELD=VALUE | OPTION=VALUE]...
 *   mhgen --corpus DIR
 *   mhgen --list
 *   mhgen --pcap FILE <PACKETS
 *
 * prints the message as one line of lowercase hex, or writes one file per
 * message type and option combination into DIR.  The checksum stays zero
 * unless --csum gives the pseudo-header addresses (the home address as
 * SRC when a Home Address option is sent, the final destination as DST
 * when a type 2 routing header is).  --pcap writes one IPv6 packet per
 * line of PACKETS into FILE (see write_pcap()).  Exit status 0 on
 * success, 1 when the builder or the parser rejects the message, 2 on a
 * usage error.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "omipv6_codec.h"

#define MSG_MAX		OMIPV6_MH_MAX_LEN
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define FIELD_MAX	256

/* A parsed command line (or corpus entry). */
struct spec {
	const char *name;	/* message name, e.g. "bu" */
	int type;		/* MH type */
	int subtype;		/* OMIPv6 subtype, 0 for RFC 6275 types */
	u8 fixed[MSG_MAX];	/* message data from offset 6 on */
	unsigned int fixed_len;
	unsigned int nopts;
	struct {
		u8 type;
		u8 len;
		u8 data[FIELD_MAX];
	} opts[16];
};

struct msgdef {
	const char *name;
	int type;
	int subtype;
	unsigned int fixed_end;	/* end of the fixed part, from offset 0 */
	const char *help;
};

static const struct msgdef msgs[] = {
	{ "brr", OMIPV6_MH_BRR, 0, OMIPV6_BRR_END, "" },
	{ "hoti", OMIPV6_MH_HOTI, 0, OMIPV6_TI_END, "cookie=HEX8" },
	{ "coti", OMIPV6_MH_COTI, 0, OMIPV6_TI_END, "cookie=HEX8" },
	{ "hot", OMIPV6_MH_HOT, 0, OMIPV6_T_END,
	  "index=N cookie=HEX8 token=HEX8" },
	{ "cot", OMIPV6_MH_COT, 0, OMIPV6_T_END,
	  "index=N cookie=HEX8 token=HEX8" },
	{ "bu", OMIPV6_MH_BU, 0, OMIPV6_BU_END,
	  "seq=N flags=N|[AHLK]+ lifetime=N" },
	{ "ba", OMIPV6_MH_BA, 0, OMIPV6_BA_END,
	  "status=N flags=N|K seq=N lifetime=N" },
	{ "be", OMIPV6_MH_BE, 0, OMIPV6_BE_END, "status=N hoa=ADDR" },
	{ "dh1", OMIPV6_MH_EXPERIMENTAL, OMIPV6_OMI_DH1, 0,
	  "sid_mn=N nonce=HEX16 group=N groups=N [pub=HEX] sig=HEX32" },
	{ "dh2", OMIPV6_MH_EXPERIMENTAL, OMIPV6_OMI_DH2, 0,
	  "sid_mn=N sid_cn=N nonce=HEX16 group=N flags=N [pub=HEX] sig=HEX32 mac=HEX32" },
	{ "dh3", OMIPV6_MH_EXPERIMENTAL, OMIPV6_OMI_DH3, 0,
	  "sid_mn=N sid_cn=N id=ADDR sig=HEX32 mac=HEX32" },
	{ "dh4", OMIPV6_MH_EXPERIMENTAL, OMIPV6_OMI_DH4, 0,
	  "sid_mn=N sid_cn=N id=ADDR flags=N lifetime=N sig=HEX32 mac=HEX32" },
	{ "type", -1, 0, OMIPV6_MH_HDR_LEN, "N [body=HEX]: any MH type" },
};

static const char options_help[] =
	"options, in the order given: bra=N altcoa=ADDR nidx=HOME,COA\n"
	"  bad=HEX12 mnha=SPI,HEX12 kabm=EPOCH,HEX16 opt=TYPE,HEX\n";

static void usage(void)
{
	unsigned int i;

	fprintf(stderr,
		"usage: mhgen [--csum SRC DST] MSG [FIELD=VALUE]...\n"
		"       mhgen --corpus DIR\n"
		"       mhgen --list\n"
		"       mhgen --pcap FILE <PACKETS, a line each:\n"
		"         SRC DST [hao=HOA] [rh2=HOA] [tun=SRC,DST]\n"
		"         [cut=N | shorten=N] MSG [FIELD=VALUE]...\n"
		"messages and fields:\n");
	for (i = 0; i < ARRAY_SIZE(msgs); i++)
		fprintf(stderr, "  %-5s %s\n", msgs[i].name, msgs[i].help);
	fprintf(stderr, "%s", options_help);
}

static int fail(const char *what, const char *arg)
{
	fprintf(stderr, "mhgen: %s: %s\n", what, arg);
	return -1;
}

static int parse_num(const char *s, unsigned long max, unsigned long *v)
{
	char *end;

	errno = 0;
	*v = strtoul(s, &end, 0);
	if (errno || end == s || *end || *v > max)
		return fail("bad number", s);
	return 0;
}

/* Exactly @n octets of hex (any length when @n is 0); returns length. */
static int parse_hex(const char *s, u8 *out, unsigned int n,
		     unsigned int max)
{
	size_t len = strlen(s);
	unsigned int i;

	if (len % 2 || len / 2 > max || (n && len / 2 != n))
		return fail("bad hex length", s);
	for (i = 0; i < len / 2; i++) {
		unsigned int v;

		if (sscanf(s + 2 * i, "%2x", &v) != 1 ||
		    !strchr("0123456789abcdefABCDEF", s[2 * i]) ||
		    !strchr("0123456789abcdefABCDEF", s[2 * i + 1]))
			return fail("bad hex", s);
		out[i] = v;
	}
	return len / 2;
}

static int parse_addr(const char *s, u8 *out)
{
	if (inet_pton(AF_INET6, s, out) != 1)
		return fail("bad IPv6 address", s);
	return 0;
}

static unsigned int pad8(unsigned int n)
{
	return (n + 7) & ~7U;
}

static unsigned int pub_len_for(unsigned int group)
{
	if (group == OMIPV6_GROUP_FFDHE2048)
		return OMIPV6_GROUP_FFDHE2048_PUB;
	if (group == OMIPV6_GROUP_X25519)
		return OMIPV6_GROUP_X25519_PUB;
	return 0;
}

/* Writes @v as a big-endian field of @w octets at message offset @off. */
static void put_be(struct spec *sp, unsigned int off, unsigned int w,
		   unsigned long v)
{
	unsigned int i;

	for (i = 0; i < w; i++)
		sp->fixed[off - OMIPV6_MH_HDR_LEN + i] = v >> (8 * (w - 1 - i));
}

static u8 *fixed_at(struct spec *sp, unsigned int off)
{
	return sp->fixed + off - OMIPV6_MH_HDR_LEN;
}

static int add_opt(struct spec *sp, u8 type, const u8 *data, unsigned int len)
{
	if (sp->nopts >= ARRAY_SIZE(sp->opts) || len > 255)
		return fail("too many options or option too long", "");
	sp->opts[sp->nopts].type = type;
	sp->opts[sp->nopts].len = len;
	memcpy(sp->opts[sp->nopts].data, data, len);
	sp->nopts++;
	return 0;
}

/* "A,B": splits @s at the first comma into @a and @b (static storage). */
static int split2(const char *s, char *a, char *b, size_t size)
{
	const char *c = strchr(s, ',');

	if (!c || (size_t)(c - s) >= size || strlen(c + 1) >= size)
		return fail("want two comma separated values", s);
	memcpy(a, s, c - s);
	a[c - s] = 0;
	strcpy(b, c + 1);
	return 0;
}

static int parse_option(struct spec *sp, const char *key, const char *val)
{
	char a[2 * FIELD_MAX + 1], b[2 * FIELD_MAX + 1];
	u8 d[FIELD_MAX];
	unsigned long v, w;
	int n;

	if (!strcmp(key, "bra")) {
		if (parse_num(val, 0xffff, &v))
			return -1;
		put_unaligned_be16(v, d);
		return add_opt(sp, OMIPV6_OPT_BRA, d, OMIPV6_OPT_BRA_LEN);
	}
	if (!strcmp(key, "altcoa")) {
		if (parse_addr(val, d))
			return -1;
		return add_opt(sp, OMIPV6_OPT_ALT_COA, d,
			       OMIPV6_OPT_ALT_COA_LEN);
	}
	if (!strcmp(key, "nidx")) {
		if (split2(val, a, b, sizeof(a)) || parse_num(a, 0xffff, &v) ||
		    parse_num(b, 0xffff, &w))
			return -1;
		put_unaligned_be16(v, d);
		put_unaligned_be16(w, d + 2);
		return add_opt(sp, OMIPV6_OPT_NONCE_IDX, d,
			       OMIPV6_OPT_NONCE_IDX_LEN);
	}
	if (!strcmp(key, "bad")) {
		if (parse_hex(val, d, OMIPV6_RR_AUTH_LEN, FIELD_MAX) < 0)
			return -1;
		return add_opt(sp, OMIPV6_OPT_BAD, d, OMIPV6_OPT_BAD_LEN);
	}
	if (!strcmp(key, "mnha")) {
		/* RFC 4285: subtype, SPI, authenticator. */
		if (split2(val, a, b, sizeof(a)) ||
		    parse_num(a, 0xffffffff, &v) ||
		    parse_hex(b, d + 5, OMIPV6_RR_AUTH_LEN, FIELD_MAX - 5) < 0)
			return -1;
		d[0] = OMIPV6_MNHA_SUBTYPE_MN_HA;
		put_unaligned_be32(v, d + 1);
		return add_opt(sp, OMIPV6_OPT_MNHA_AUTH, d,
			       OMIPV6_OPT_MNHA_AUTH_LEN);
	}
	if (!strcmp(key, "kabm")) {
		/* Offsets in rfc.h count from the option's Type octet. */
		if (split2(val, a, b, sizeof(a)) ||
		    parse_num(a, 0xffffffff, &v) ||
		    parse_hex(b, d + OMIPV6_KABM_OFF_ICV - 2,
			      OMIPV6_KABM_ICV_LEN, FIELD_MAX) < 0)
			return -1;
		d[0] = OMIPV6_XOPT_KABM_AUTH;
		d[1] = 0;
		put_unaligned_be32(v, d + OMIPV6_KABM_OFF_EPOCH - 2);
		return add_opt(sp, OMIPV6_OPT_EXPERIMENTAL, d,
			       OMIPV6_OPT_KABM_AUTH_LEN);
	}
	if (!strcmp(key, "opt")) {
		if (split2(val, a, b, sizeof(a)) || parse_num(a, 0xff, &v))
			return -1;
		n = b[0] ? parse_hex(b, d, 0, FIELD_MAX - 1) : 0;
		if (n < 0)
			return -1;
		return add_opt(sp, v, d, n);
	}
	return 1;	/* not an option */
}

/* Sets up the fixed part of @sp for the message named @name. */
static int spec_init(struct spec *sp, const struct msgdef *md, int type)
{
	memset(sp, 0, sizeof(*sp));
	sp->name = md->name;
	sp->type = md->type < 0 ? type : md->type;
	sp->subtype = md->subtype;
	sp->fixed_len = md->fixed_end - OMIPV6_MH_HDR_LEN;
	if (sp->subtype) {
		put_be(sp, OMIPV6_OMI_OFF_SUBTYPE, 1, sp->subtype);
		put_be(sp, OMIPV6_OMI_OFF_VERSION, 1, OMIPV6_OMI_VERSION);
		switch (sp->subtype) {
		case OMIPV6_OMI_DH1:
			sp->fixed_len = OMIPV6_OMI_OFF_PUB +
				OMIPV6_OMI_SIG_LEN - OMIPV6_MH_HDR_LEN;
			break;
		case OMIPV6_OMI_DH2:
			sp->fixed_len = OMIPV6_OMI_OFF_PUB + OMIPV6_OMI_SIG_LEN +
				OMIPV6_OMI_MAC_LEN - OMIPV6_MH_HDR_LEN;
			break;
		case OMIPV6_OMI_DH3:
			sp->fixed_len = OMIPV6_OMI_DH3_OFF_SIG +
				OMIPV6_OMI_SIG_LEN + OMIPV6_OMI_MAC_LEN -
				OMIPV6_MH_HDR_LEN;
			break;
		default:
			sp->fixed_len = OMIPV6_OMI_DH4_OFF_SIG +
				OMIPV6_OMI_SIG_LEN + OMIPV6_OMI_MAC_LEN -
				OMIPV6_MH_HDR_LEN;
			break;
		}
	}
	return 0;
}

/* DH1/DH2: (re)place the public value of @len octets, moving SIG/MAC. */
static void set_pub(struct spec *sp, const u8 *pub, unsigned int len)
{
	unsigned int tail = OMIPV6_OMI_SIG_LEN +
		(sp->subtype == OMIPV6_OMI_DH2 ? OMIPV6_OMI_MAC_LEN : 0);
	unsigned int old = get_unaligned_be16(fixed_at(sp,
						OMIPV6_OMI_OFF_PUB_LEN));
	u8 save[OMIPV6_OMI_SIG_LEN + OMIPV6_OMI_MAC_LEN];

	memcpy(save, fixed_at(sp, OMIPV6_OMI_OFF_PUB + pad8(old)), tail);
	memset(fixed_at(sp, OMIPV6_OMI_OFF_PUB), 0, pad8(old) + tail);
	memcpy(fixed_at(sp, OMIPV6_OMI_OFF_PUB), pub, len);
	memcpy(fixed_at(sp, OMIPV6_OMI_OFF_PUB + pad8(len)), save, tail);
	put_be(sp, OMIPV6_OMI_OFF_PUB_LEN, 2, len);
	sp->fixed_len = OMIPV6_OMI_OFF_PUB + pad8(len) + tail -
		OMIPV6_MH_HDR_LEN;
}

static unsigned int omi_sig_off(const struct spec *sp)
{
	unsigned int l = get_unaligned_be16(sp->fixed + OMIPV6_OMI_OFF_PUB_LEN -
					    OMIPV6_MH_HDR_LEN);

	switch (sp->subtype) {
	case OMIPV6_OMI_DH1:
	case OMIPV6_OMI_DH2:
		return OMIPV6_OMI_OFF_PUB + pad8(l);
	case OMIPV6_OMI_DH3:
		return OMIPV6_OMI_DH3_OFF_SIG;
	default:
		return OMIPV6_OMI_DH4_OFF_SIG;
	}
}

/* Field FIELD=VAL of the message; 1 when @key is no field of it. */
static int parse_field(struct spec *sp, const char *key, const char *val)
{
	unsigned long v;
	u8 d[MSG_MAX];
	int t = sp->type, st = sp->subtype, n;

	if ((t == OMIPV6_MH_HOTI || t == OMIPV6_MH_COTI) &&
	    !strcmp(key, "cookie"))
		return parse_hex(val, fixed_at(sp, OMIPV6_TI_OFF_COOKIE),
				 OMIPV6_COOKIE_LEN, FIELD_MAX) < 0 ? -1 : 0;
	if (t == OMIPV6_MH_HOT || t == OMIPV6_MH_COT) {
		if (!strcmp(key, "index")) {
			if (parse_num(val, 0xffff, &v))
				return -1;
			put_be(sp, OMIPV6_T_OFF_NONCE_IDX, 2, v);
			return 0;
		}
		if (!strcmp(key, "cookie"))
			return parse_hex(val, fixed_at(sp, OMIPV6_T_OFF_COOKIE),
					 OMIPV6_COOKIE_LEN, FIELD_MAX) < 0 ?
				-1 : 0;
		if (!strcmp(key, "token"))
			return parse_hex(val, fixed_at(sp, OMIPV6_T_OFF_TOKEN),
					 OMIPV6_TOKEN_LEN, FIELD_MAX) < 0 ?
				-1 : 0;
	}
	if (t == OMIPV6_MH_BU) {
		if (!strcmp(key, "flags")) {
			if (strspn(val, "AHLK") == strlen(val) && *val) {
				v = (strchr(val, 'A') ? OMIPV6_BU_F_ACK : 0) |
				    (strchr(val, 'H') ? OMIPV6_BU_F_HOME : 0) |
				    (strchr(val, 'L') ? OMIPV6_BU_F_LLADDR : 0) |
				    (strchr(val, 'K') ? OMIPV6_BU_F_KEYMGMT : 0);
			} else if (parse_num(val, 0xffff, &v)) {
				return -1;
			}
			put_be(sp, OMIPV6_BU_OFF_FLAGS, 2, v);
			return 0;
		}
		if (!strcmp(key, "seq") || !strcmp(key, "lifetime")) {
			if (parse_num(val, 0xffff, &v))
				return -1;
			put_be(sp, key[0] == 's' ? OMIPV6_BU_OFF_SEQ :
			       OMIPV6_BU_OFF_LIFETIME, 2, v);
			return 0;
		}
	}
	if (t == OMIPV6_MH_BA) {
		if (!strcmp(key, "flags")) {
			if (!strcmp(val, "K"))
				v = OMIPV6_BA_F_KEYMGMT;
			else if (parse_num(val, 0xff, &v))
				return -1;
			put_be(sp, OMIPV6_BA_OFF_FLAGS, 1, v);
			return 0;
		}
		if (!strcmp(key, "status")) {
			if (parse_num(val, 0xff, &v))
				return -1;
			put_be(sp, OMIPV6_BA_OFF_STATUS, 1, v);
			return 0;
		}
		if (!strcmp(key, "seq") || !strcmp(key, "lifetime")) {
			if (parse_num(val, 0xffff, &v))
				return -1;
			put_be(sp, key[0] == 's' ? OMIPV6_BA_OFF_SEQ :
			       OMIPV6_BA_OFF_LIFETIME, 2, v);
			return 0;
		}
	}
	if (t == OMIPV6_MH_BE) {
		if (!strcmp(key, "status")) {
			if (parse_num(val, 0xff, &v))
				return -1;
			put_be(sp, OMIPV6_BE_OFF_STATUS, 1, v);
			return 0;
		}
		if (!strcmp(key, "hoa"))
			return parse_addr(val, fixed_at(sp, OMIPV6_BE_OFF_HOA));
	}
	if (!st && !strcmp(key, "body")) {
		n = parse_hex(val, d, 0, MSG_MAX - OMIPV6_MH_HDR_LEN);
		if (n < 0)
			return -1;
		memcpy(sp->fixed, d, n);
		sp->fixed_len = n;
		return 0;
	}
	if (!st)
		return 1;

	/* OMIPv6 common part and subtype fields. */
	if (!strcmp(key, "version") || !strcmp(key, "subtype")) {
		if (parse_num(val, 0xff, &v))
			return -1;
		put_be(sp, key[0] == 'v' ? OMIPV6_OMI_OFF_VERSION :
		       OMIPV6_OMI_OFF_SUBTYPE, 1, v);
		return 0;
	}
	if (!strcmp(key, "sid_mn") || !strcmp(key, "sid_cn")) {
		if (parse_num(val, 0xffffffff, &v))
			return -1;
		put_be(sp, key[4] == 'm' ? OMIPV6_OMI_OFF_SID_MN :
		       OMIPV6_OMI_OFF_SID_CN, 4, v);
		return 0;
	}
	if (!strcmp(key, "sig"))
		return parse_hex(val, fixed_at(sp, omi_sig_off(sp)),
				 OMIPV6_OMI_SIG_LEN, FIELD_MAX) < 0 ? -1 : 0;
	if (!strcmp(key, "mac") && st != OMIPV6_OMI_DH1)
		return parse_hex(val, fixed_at(sp, omi_sig_off(sp) +
					       OMIPV6_OMI_SIG_LEN),
				 OMIPV6_OMI_MAC_LEN, FIELD_MAX) < 0 ? -1 : 0;
	if (st == OMIPV6_OMI_DH1 || st == OMIPV6_OMI_DH2) {
		if (!strcmp(key, "nonce"))
			return parse_hex(val, fixed_at(sp, OMIPV6_OMI_OFF_NONCE),
					 OMIPV6_OMI_NONCE_LEN, FIELD_MAX) < 0 ?
				-1 : 0;
		if (!strcmp(key, "group")) {
			unsigned int i, l;

			if (parse_num(val, 0xffff, &v))
				return -1;
			put_be(sp, OMIPV6_OMI_OFF_GROUP, 2, v);
			/* A default public value of the group's length. */
			l = pub_len_for(v);
			for (i = 0; i < l; i++)
				d[i] = 0x80 | (i & 0x7f);
			set_pub(sp, d, l);
			return 0;
		}
		if (!strcmp(key, st == OMIPV6_OMI_DH1 ? "groups" : "flags")) {
			if (parse_num(val, 0xffff, &v))
				return -1;
			put_be(sp, OMIPV6_OMI_OFF_GROUPS, 2, v);
			return 0;
		}
		if (!strcmp(key, "pub")) {
			n = parse_hex(val, d, 0, 512);
			if (n < 0)
				return -1;
			set_pub(sp, d, n);
			return 0;
		}
	}
	if ((st == OMIPV6_OMI_DH3 || st == OMIPV6_OMI_DH4) &&
	    !strcmp(key, "id"))
		return parse_addr(val, fixed_at(sp, OMIPV6_OMI_OFF_ID));
	if (st == OMIPV6_OMI_DH4) {
		if (!strcmp(key, "flags")) {
			if (parse_num(val, 0xffff, &v))
				return -1;
			put_be(sp, OMIPV6_OMI_DH4_OFF_FLAGS, 2, v);
			return 0;
		}
		if (!strcmp(key, "lifetime")) {
			if (parse_num(val, 0xffffffff, &v))
				return -1;
			put_be(sp, OMIPV6_OMI_DH4_OFF_LIFETIME, 4, v);
			return 0;
		}
	}
	return 1;
}

/* Builds @sp with the omipv6 builder into @buf; returns the length. */
static int build(const struct spec *sp, u8 *buf, unsigned int size)
{
	struct omipv6_mhb b;
	unsigned int i;
	u8 *p;
	int len;

	omipv6_mhb_start(&b, buf, size, sp->type);
	if (sp->fixed_len) {
		p = omipv6_mhb_put(&b, sp->fixed_len);
		if (p)
			memcpy(p, sp->fixed, sp->fixed_len);
	}
	for (i = 0; i < sp->nopts; i++)
		omipv6_mhb_opt(&b, sp->opts[i].type, sp->opts[i].data,
			       sp->opts[i].len);
	len = omipv6_mhb_finish(&b);
	if (len < 0 || b.err) {
		fprintf(stderr, "mhgen: %s: builder error %d\n", sp->name,
			len < 0 ? len : b.err);
		return -1;
	}
	if (len == 0)	/* finish() may return 0 and leave the length in b */
		len = b.len;
	return len;
}

/* The message must also be what omipv6_msg_parse() accepts. */
static int check_parse(const struct spec *sp, const u8 *buf, int len)
{
	enum omipv6_drop reason = OMIPV6_DROP_MAX;
	struct omipv6_msg m;
	int rc;

	rc = omipv6_msg_parse(&m, buf, len, &reason);
	if (rc) {
		fprintf(stderr, "mhgen: %s: parser rejects the built message: %d, reason %d\n",
			sp->name, rc, reason);
		return -1;
	}
	return 0;
}

/* RFC 8200 §8.1 upper-layer checksum with next header 135. */
static u16 mh_csum(const u8 *src, const u8 *dst, const u8 *mh,
		   unsigned int len)
{
	u32 sum = 0;
	unsigned int i;

	for (i = 0; i < 16; i += 2)
		sum += (src[i] << 8 | src[i + 1]) + (dst[i] << 8 | dst[i + 1]);
	sum += len >> 16;
	sum += len & 0xffff;
	sum += IPPROTO_MH;
	for (i = 0; i + 1 < len; i += 2)
		sum += mh[i] << 8 | mh[i + 1];
	if (len & 1)
		sum += mh[len - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return ~sum & 0xffff;
}

static const struct msgdef *find_msg(const char *name)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(msgs); i++)
		if (!strcmp(msgs[i].name, name))
			return &msgs[i];
	return NULL;
}

/* Parses MSG [KEY=VAL]... into @sp; returns 0, or 2 on a usage error. */
static int parse_spec(struct spec *sp, int argc, char **argv)
{
	const struct msgdef *md;
	unsigned long type = 0;
	int i = 1, rc;

	md = argc > 0 ? find_msg(argv[0]) : NULL;
	if (!md) {
		fail("unknown message", argc > 0 ? argv[0] : "(none)");
		return 2;
	}
	if (md->type < 0) {
		if (argc < 2 || parse_num(argv[1], 0xff, &type))
			return 2;
		i = 2;
	}
	spec_init(sp, md, type);
	for (; i < argc; i++) {
		char key[64];
		const char *eq = strchr(argv[i], '=');

		if (!eq || (size_t)(eq - argv[i]) >= sizeof(key)) {
			fail("want FIELD=VALUE", argv[i]);
			return 2;
		}
		memcpy(key, argv[i], eq - argv[i]);
		key[eq - argv[i]] = 0;
		rc = parse_option(sp, key, eq + 1);
		if (rc == 1)
			rc = parse_field(sp, key, eq + 1);
		if (rc == 1)
			fail("unknown field for this message", argv[i]);
		if (rc)
			return 2;
	}
	return 0;
}

static const char *const corpus[] = {
	"brr",
	"hoti cookie=c0c1c2c3c4c5c6c7",
	"coti cookie=d0d1d2d3d4d5d6d7",
	"hot index=1 cookie=c0c1c2c3c4c5c6c7 token=7071727374757677",
	"cot index=2 cookie=d0d1d2d3d4d5d6d7 token=8081828384858687",
	"bu seq=1 flags=AH lifetime=100",
	"bu seq=2 flags=A lifetime=105 nidx=1,2",
	"bu seq=3 flags=A lifetime=105 bad=a0a1a2a3a4a5a6a7a8a9aaab",
	"bu seq=4 flags=A lifetime=105 nidx=1,2 bad=a0a1a2a3a4a5a6a7a8a9aaab",
	"bu seq=5 flags=A lifetime=105 altcoa=2001:db8:b::100 nidx=1,2 bad=a0a1a2a3a4a5a6a7a8a9aaab",
	"bu seq=6 flags=A lifetime=105 altcoa=2001:db8:b::100",
	"bu seq=7 flags=AHK lifetime=1000 mnha=256,b0b1b2b3b4b5b6b7b8b9babb",
	"bu seq=8 flags=AH lifetime=1000 altcoa=2001:db8:a::100 mnha=256,b0b1b2b3b4b5b6b7b8b9babb",
	"bu seq=9 flags=A lifetime=105 kabm=1,e0e1e2e3e4e5e6e7e8e9eaebecedeeef",
	"bu seq=10 flags=A lifetime=105 opt=200,0102 nidx=3,4 opt=18,0200 bad=a0a1a2a3a4a5a6a7a8a9aaab",
	"ba status=0 seq=1 lifetime=100",
	"ba status=0 seq=2 lifetime=100 bra=50",
	"ba status=0 seq=3 lifetime=105 bad=a0a1a2a3a4a5a6a7a8a9aaab",
	"ba status=0 seq=4 lifetime=105 bra=50 bad=a0a1a2a3a4a5a6a7a8a9aaab",
	"ba status=0 flags=K seq=5 lifetime=1000 mnha=256,b0b1b2b3b4b5b6b7b8b9babb",
	"ba status=0 seq=6 lifetime=105 kabm=1,e0e1e2e3e4e5e6e7e8e9eaebecedeeef",
	"ba status=135 seq=7 lifetime=0 bra=10 kabm=2,e0e1e2e3e4e5e6e7e8e9eaebecedeeef",
	"be status=1 hoa=2001:db8:1::100",
	"be status=2 hoa=2001:db8:1::100 opt=100,00",
	"dh1 sid_mn=0x11111111 nonce=000102030405060708090a0b0c0d0e0f group=1 groups=6 sig=2021222324252627282930313233343536373839404142434445464748495051",
	"dh1 sid_mn=0x11111111 nonce=000102030405060708090a0b0c0d0e0f group=2 groups=4 sig=2021222324252627282930313233343536373839404142434445464748495051",
	"dh2 sid_mn=0x11111111 sid_cn=0x22222222 nonce=101112131415161718191a1b1c1d1e1f group=1 sig=2021222324252627282930313233343536373839404142434445464748495051 mac=3031323334353637383940414243444546474849505152535455565758596061",
	"dh2 sid_mn=0x11111111 sid_cn=0x22222222 nonce=101112131415161718191a1b1c1d1e1f group=2 sig=2021222324252627282930313233343536373839404142434445464748495051 mac=3031323334353637383940414243444546474849505152535455565758596061 opt=140,",
	"dh3 sid_mn=0x11111111 sid_cn=0x22222222 id=2001:db8:1::100 sig=2021222324252627282930313233343536373839404142434445464748495051 mac=3031323334353637383940414243444546474849505152535455565758596061",
	"dh4 sid_mn=0x11111111 sid_cn=0x22222222 id=2001:db8:c::1 lifetime=3600 sig=2021222324252627282930313233343536373839404142434445464748495051 mac=3031323334353637383940414243444546474849505152535455565758596061",
	"dh4 sid_mn=0x11111111 sid_cn=0x22222222 id=2001:db8:c::1 lifetime=0 sig=2021222324252627282930313233343536373839404142434445464748495051 mac=3031323334353637383940414243444546474849505152535455565758596061 opt=18,0300",
	"type 200 body=0000",
	"type 12 body=0000 opt=7,00",
};

/* DIR/MSG[-gGROUP][-OPTION]...: a name that says what the file holds. */
static void corpus_name(char *path, size_t size, const char *dir, int argc,
			char **argv)
{
	static const char *const opts[] = {
		"bra", "altcoa", "nidx", "bad", "mnha", "kabm", "opt",
	};
	size_t n;
	int i;
	unsigned int j;

	n = snprintf(path, size, "%s/%s", dir, argv[0]);
	for (i = 1; i < argc && n < size; i++) {
		size_t k = strcspn(argv[i], "=,");

		if (!strcmp(argv[0], "type") && i == 1) {
			n += snprintf(path + n, size - n, "%s", argv[i]);
			continue;
		}
		if (!strncmp(argv[i], "group=", 6)) {
			n += snprintf(path + n, size - n, "-g%s", argv[i] + 6);
			continue;
		}
		for (j = 0; j < ARRAY_SIZE(opts); j++) {
			if (strlen(opts[j]) != k || strncmp(argv[i], opts[j], k))
				continue;
			n += snprintf(path + n, size - n, "-%.*s", (int)k,
				      argv[i]);
			if (!strcmp(opts[j], "opt"))
				n += snprintf(path + n, size - n, "%.*s",
					      (int)strcspn(argv[i] + 4, ","),
					      argv[i] + 4);
		}
	}
}

/* One file per corpus entry, named after the entry's words. */
static int write_corpus(const char *dir)
{
	unsigned int i;
	int bad = 0;

	for (i = 0; i < ARRAY_SIZE(corpus); i++) {
		char line[1024], path[4096], *argv[32], *tok, *save;
		static struct spec sp;
		static u8 buf[MSG_MAX];
		int argc = 0, len;
		FILE *f;

		snprintf(line, sizeof(line), "%s", corpus[i]);
		for (tok = strtok_r(line, " ", &save); tok && argc < 32;
		     tok = strtok_r(NULL, " ", &save))
			argv[argc++] = tok;
		if (parse_spec(&sp, argc, argv))
			return 2;
		len = build(&sp, buf, sizeof(buf));
		if (len < 0 || check_parse(&sp, buf, len)) {
			bad = 1;
			continue;
		}
		corpus_name(path, sizeof(path), dir, argc, argv);
		f = fopen(path, "wb");
		if (!f || fwrite(buf, 1, len, f) != (size_t)len || fclose(f)) {
			perror(path);
			return 1;
		}
	}
	return bad;
}

/*
 * --pcap: IPv6 packets carrying built messages, as a pcap file of raw
 * IPv6 packets (LINKTYPE_RAW), written in host byte order with a
 * timestamp of one second per line number.
 */
#define PCAP_MAGIC		0xa1b2c3d4
#define PCAP_LINKTYPE_RAW	101
#define PCAP_SNAPLEN		65535
#define IPV6_HDR_LEN		40
#define IPV6_NH_ROUTING		43
#define IPV6_NH_DSTOPTS		60
#define IPV6_NH_IPV6		41
#define IPV6_HOP_LIMIT		64
/* Both extension headers below are 24 octets: Hdr Ext Len 2. */
#define EXT_HDR_LEN		24
#define HAO_TYPE		201	/* RFC 6275 §6.3 */
#define HAO_OFF			6	/* 8n + 6 within the header */
#define RH2_TYPE		2	/* RFC 6275 §6.4 */
#define PKT_MAX			(2 * IPV6_HDR_LEN + 2 * EXT_HDR_LEN + MSG_MAX)
#define LINE_MAX_LEN		8192

/* Packet-level words of a --pcap line, before the message name. */
struct pkt {
	u8 src[16], dst[16];	/* IPv6 header addresses */
	u8 hoa[16];		/* Home Address option */
	u8 rh2[16];		/* type 2 routing header */
	u8 tun_src[16], tun_dst[16];	/* outer IPv6-in-IPv6 header */
	bool has_hoa, has_rh2, has_tun;
	long cut;		/* -1, or octets of the message sent */
	long shorten;		/* -1, or new message length */
};

static void put_ipv6_hdr(u8 *p, const u8 *src, const u8 *dst,
			 unsigned int plen, u8 nh)
{
	memset(p, 0, IPV6_HDR_LEN);
	p[0] = 0x60;
	put_unaligned_be16(plen, p + 4);
	p[6] = nh;
	p[7] = IPV6_HOP_LIMIT;
	memcpy(p + 8, src, 16);
	memcpy(p + 24, dst, 16);
}

/* Destination Options header: PadN to 8n + 6, then the Home Address. */
static void put_hao(u8 *p, u8 nh, const u8 *hoa)
{
	memset(p, 0, EXT_HDR_LEN);
	p[0] = nh;
	p[1] = EXT_HDR_LEN / 8 - 1;
	p[2] = OMIPV6_OPT_PADN;
	p[3] = HAO_OFF - 4;
	p[HAO_OFF] = HAO_TYPE;
	p[HAO_OFF + 1] = 16;
	memcpy(p + HAO_OFF + 2, hoa, 16);
}

/* Type 2 routing header, one segment left: the home address. */
static void put_rh2(u8 *p, u8 nh, const u8 *hoa)
{
	memset(p, 0, EXT_HDR_LEN);
	p[0] = nh;
	p[1] = EXT_HDR_LEN / 8 - 1;
	p[2] = RH2_TYPE;
	p[3] = 1;
	memcpy(p + 8, hoa, 16);
}

/* One packet-level KEY=VALUE word; 1 when @key is none. */
static int parse_pkt_word(struct pkt *pk, const char *key, const char *val)
{
	char a[2 * FIELD_MAX + 1], b[2 * FIELD_MAX + 1];
	unsigned long v;

	if (!strcmp(key, "hao")) {
		pk->has_hoa = true;
		return parse_addr(val, pk->hoa);
	}
	if (!strcmp(key, "rh2")) {
		pk->has_rh2 = true;
		return parse_addr(val, pk->rh2);
	}
	if (!strcmp(key, "tun")) {
		pk->has_tun = true;
		if (split2(val, a, b, sizeof(a)) || parse_addr(a, pk->tun_src) ||
		    parse_addr(b, pk->tun_dst))
			return -1;
		return 0;
	}
	if (!strcmp(key, "cut") || !strcmp(key, "shorten")) {
		if (parse_num(val, MSG_MAX, &v))
			return -1;
		if (key[0] == 'c')
			pk->cut = v;
		else
			pk->shorten = v;
		return 0;
	}
	return 1;
}

/*
 * Builds the packet described by @argc words into @out; returns its
 * length, -1 when the builder or the parser rejects the message, -2 on
 * a usage error.  The words are
 *   SRC DST [hao=HOA] [rh2=HOA] [tun=SRC,DST] [cut=N | shorten=N] MSG ...
 * hao= adds a Destination Options header with a Home Address option (SRC
 * is then the care-of address), rh2= a type 2 routing header (DST is then
 * the care-of address) and tun= an outer IPv6 header.  The built message
 * is checked by the parser first; cut=N then sends only its first N
 * octets with Header Len unchanged, and shorten=N (a multiple of 8)
 * sends its first N octets with Header Len saying so.  The checksum
 * covers the octets sent, with the home address as the pseudo-header
 * source when hao= is given and the home address in rh2= as its
 * destination.
 */
static int build_packet(int argc, char **argv, u8 *out)
{
	static struct spec sp;
	static u8 msg[MSG_MAX];
	struct pkt pk = { .cut = -1, .shorten = -1 };
	const u8 *psrc, *pdst;
	unsigned int off = 0, ext = 0;
	int i = 2, len, rc;
	u8 nh = IPPROTO_MH;

	if (argc < 3 || parse_addr(argv[0], pk.src) ||
	    parse_addr(argv[1], pk.dst))
		return -2;
	for (; i < argc && strchr(argv[i], '='); i++) {
		char key[16];
		const char *eq = strchr(argv[i], '=');

		if ((size_t)(eq - argv[i]) >= sizeof(key))
			break;
		memcpy(key, argv[i], eq - argv[i]);
		key[eq - argv[i]] = 0;
		rc = parse_pkt_word(&pk, key, eq + 1);
		if (rc == 1)
			break;
		if (rc)
			return -2;
	}
	if (pk.cut >= 0 && pk.shorten >= 0) {
		fail("cut= and shorten= exclude each other", argv[i - 1]);
		return -2;
	}
	if (parse_spec(&sp, argc - i, argv + i))
		return -2;
	len = build(&sp, msg, sizeof(msg));
	if (len < 0 || check_parse(&sp, msg, len))
		return -1;
	if (pk.cut > len || pk.shorten > len) {
		fail("cut= or shorten= longer than the message", sp.name);
		return -2;
	}
	if (pk.cut >= 0)
		len = pk.cut;
	if (pk.shorten >= 0) {
		if (pk.shorten < OMIPV6_MH_UNIT ||
		    pk.shorten % OMIPV6_MH_UNIT) {
			fail("shorten= wants a multiple of 8", sp.name);
			return -2;
		}
		len = pk.shorten;
		msg[OMIPV6_MH_OFF_HDRLEN] = len / OMIPV6_MH_UNIT - 1;
	}
	psrc = pk.has_hoa ? pk.hoa : pk.src;
	pdst = pk.has_rh2 ? pk.rh2 : pk.dst;
	if (len >= OMIPV6_MH_OFF_CSUM + 2)
		put_unaligned_be16(mh_csum(psrc, pdst, msg, len),
				   msg + OMIPV6_MH_OFF_CSUM);

	/* Headers from the inside out: the message goes last. */
	ext = (pk.has_hoa ? EXT_HDR_LEN : 0) + (pk.has_rh2 ? EXT_HDR_LEN : 0);
	if (pk.has_tun) {
		put_ipv6_hdr(out, pk.tun_src, pk.tun_dst,
			     IPV6_HDR_LEN + ext + len, IPV6_NH_IPV6);
		off = IPV6_HDR_LEN;
	}
	/* RFC 6275 §6.3: the routing header comes before the HAO. */
	if (pk.has_rh2)
		nh = IPV6_NH_ROUTING;
	else if (pk.has_hoa)
		nh = IPV6_NH_DSTOPTS;
	put_ipv6_hdr(out + off, pk.src, pk.dst, ext + len, nh);
	off += IPV6_HDR_LEN;
	if (pk.has_rh2) {
		put_rh2(out + off, pk.has_hoa ? IPV6_NH_DSTOPTS : IPPROTO_MH,
			pk.rh2);
		off += EXT_HDR_LEN;
	}
	if (pk.has_hoa) {
		put_hao(out + off, IPPROTO_MH, pk.hoa);
		off += EXT_HDR_LEN;
	}
	memcpy(out + off, msg, len);
	return off + len;
}

/* pcap fields are in the writer's byte order; the magic tells which. */
static int put_u16(FILE *f, u16 v)
{
	return fwrite(&v, sizeof(v), 1, f) == 1 ? 0 : -1;
}

static int put_u32(FILE *f, u32 v)
{
	return fwrite(&v, sizeof(v), 1, f) == 1 ? 0 : -1;
}

/*
 * One packet per line of stdin (build_packet()); empty lines and lines
 * starting with '#' are skipped.  Exit status as for a single message.
 */
static int write_pcap(const char *path)
{
	static u8 pkt[PKT_MAX];
	static char line[LINE_MAX_LEN];
	unsigned int lineno = 0;
	int rc = 0;
	FILE *f;

	f = fopen(path, "wb");
	if (!f) {
		perror(path);
		return 1;
	}
	if (put_u32(f, PCAP_MAGIC) || put_u16(f, 2) || put_u16(f, 4) ||
	    put_u32(f, 0) || put_u32(f, 0) || put_u32(f, PCAP_SNAPLEN) ||
	    put_u32(f, PCAP_LINKTYPE_RAW))
		goto io_err;
	while (fgets(line, sizeof(line), stdin)) {
		char *argv[64], *tok, *save;
		int argc = 0, len;

		lineno++;
		if (!strchr(line, '\n') && !feof(stdin)) {
			fprintf(stderr, "mhgen: line %u: too long\n", lineno);
			rc = 2;
			break;
		}
		for (tok = strtok_r(line, " \t\n", &save);
		     tok && argc < (int)ARRAY_SIZE(argv);
		     tok = strtok_r(NULL, " \t\n", &save))
			argv[argc++] = tok;
		if (!argc || argv[0][0] == '#')
			continue;
		len = build_packet(argc, argv, pkt);
		if (len < 0) {
			fprintf(stderr, "mhgen: line %u: %s\n", lineno,
				len == -1 ? "message rejected" :
				"want SRC DST [PACKET=VALUE]... MSG [FIELD=VALUE]...");
			rc = len == -1 ? 1 : 2;
			break;
		}
		if (put_u32(f, lineno) || put_u32(f, 0) || put_u32(f, len) ||
		    put_u32(f, len) || fwrite(pkt, 1, len, f) != (size_t)len)
			goto io_err;
	}
	if (fclose(f)) {
		perror(path);
		return 1;
	}
	return rc;
io_err:
	perror(path);
	fclose(f);
	return 1;
}

int main(int argc, char **argv)
{
	static struct spec sp;
	static u8 buf[MSG_MAX];
	u8 src[16], dst[16];
	int csum = 0, len, i, rc;

	if (argc > 1 && !strcmp(argv[1], "--list")) {
		for (i = 0; i < (int)ARRAY_SIZE(corpus); i++)
			printf("%s\n", corpus[i]);
		return 0;
	}
	if (argc == 3 && !strcmp(argv[1], "--corpus"))
		return write_corpus(argv[2]);
	if (argc == 3 && !strcmp(argv[1], "--pcap"))
		return write_pcap(argv[2]);
	argv++;
	argc--;
	if (argc >= 3 && !strcmp(argv[0], "--csum")) {
		if (parse_addr(argv[1], src) || parse_addr(argv[2], dst))
			return 2;
		csum = 1;
		argv += 3;
		argc -= 3;
	}
	if (argc < 1 || argv[0][0] == '-') {
		usage();
		return 2;
	}
	rc = parse_spec(&sp, argc, argv);
	if (rc)
		return rc;
	len = build(&sp, buf, sizeof(buf));
	if (len < 0 || check_parse(&sp, buf, len))
		return 1;
	if (csum)
		put_unaligned_be16(mh_csum(src, dst, buf, len),
				   buf + OMIPV6_MH_OFF_CSUM);
	for (i = 0; i < len; i++)
		printf("%02x", buf[i]);
	printf("\n");
	return 0;
}
