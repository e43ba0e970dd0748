// SPDX-License-Identifier: GPL-2.0
/*
 * bugen: send Binding Updates under Kabm from many simulated mobile
 * nodes to a correspondent node, for the fast-path benchmark
 * (scripts/bench-fastpath.sh).
 *
 *   bugen --cn ADDR --hoa ADDR --coa ADDR --seed HEX64 --mns N
 *         [--rounds R] [--first-seq S] [--rate PPS] [--batch B]
 *   bugen --selftest
 *
 * Mobile node i (0 <= i < N) has home address HOA + i and care-of
 * address COA + i (i added to the last 32 bits) and the key
 * Kabm_i = HMAC-SHA256(seed, HoA_i), the one omipv6's benchmark build
 * installs for the pair (HoA_i, CN) with "install" in its debugfs
 * directory (include/omipv6_bench.h), epoch 1.  Each BU goes from the
 * CoA to the CN with a Home Address option naming the HoA, carries
 * sequence number S + r in round r (0 <= r < R), lifetime 400 s, no A
 * bit (so the CN sends no BA), and ends in the Kabm authenticator
 * option (doc/wire-format.md).
 *
 * Every packet is built and signed before the clock starts; the timed
 * part only sends them, round after round, through a raw IPv6 socket
 * (IPPROTO_RAW: the packets carry their own IPv6 header) with
 * sendmmsg(), at most PPS packets a second when --rate is given (0: as
 * fast as the socket takes them).  Prints key=value lines: packets
 * sent, send errors, seconds, the offered rate and this process's CPU
 * time (getrusage: user, and system, which includes whatever softirq
 * work the kernel ran in its system calls).  The key material is never
 * printed.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MH_LEN		40	/* BU 12 + PadN 4 + Kabm option 24 */
#define DO_LEN		24	/* PadN 4 + Home Address option 18 */
#define PKT_LEN		(40 + DO_LEN + MH_LEN)
#define ICV_LEN		16
#define IPPROTO_MH_	135

/* SHA-256 (FIPS 180-4) and HMAC (RFC 2104). */
struct sha256 {
	uint32_t h[8];
	uint8_t buf[64];
	uint64_t len;
	unsigned int n;
};

static const uint32_t sha256_k[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
	0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
	0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
	0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
	0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
	0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
	0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static uint32_t ror(uint32_t x, unsigned int n)
{
	return (x >> n) | (x << (32 - n));
}

static void sha256_block(struct sha256 *s, const uint8_t *p)
{
	uint32_t w[64], a, b, c, d, e, f, g, h, t1, t2;
	int i;

	for (i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		       (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
	for (i = 16; i < 64; i++)
		w[i] = w[i - 16] + (ror(w[i - 15], 7) ^ ror(w[i - 15], 18) ^
				    (w[i - 15] >> 3)) + w[i - 7] +
		       (ror(w[i - 2], 17) ^ ror(w[i - 2], 19) ^ (w[i - 2] >> 10));
	a = s->h[0]; b = s->h[1]; c = s->h[2]; d = s->h[3];
	e = s->h[4]; f = s->h[5]; g = s->h[6]; h = s->h[7];
	for (i = 0; i < 64; i++) {
		t1 = h + (ror(e, 6) ^ ror(e, 11) ^ ror(e, 25)) +
		     ((e & f) ^ (~e & g)) + sha256_k[i] + w[i];
		t2 = (ror(a, 2) ^ ror(a, 13) ^ ror(a, 22)) +
		     ((a & b) ^ (a & c) ^ (b & c));
		h = g; g = f; f = e; e = d + t1;
		d = c; c = b; b = a; a = t1 + t2;
	}
	s->h[0] += a; s->h[1] += b; s->h[2] += c; s->h[3] += d;
	s->h[4] += e; s->h[5] += f; s->h[6] += g; s->h[7] += h;
}

static void sha256_init(struct sha256 *s)
{
	static const uint32_t iv[8] = {
		0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
		0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
	};

	memcpy(s->h, iv, sizeof(iv));
	s->len = 0;
	s->n = 0;
}

static void sha256_update(struct sha256 *s, const void *data, size_t len)
{
	const uint8_t *p = data;

	s->len += len;
	while (len) {
		size_t take = 64 - s->n < len ? 64 - s->n : len;

		memcpy(s->buf + s->n, p, take);
		s->n += take;
		p += take;
		len -= take;
		if (s->n == 64) {
			sha256_block(s, s->buf);
			s->n = 0;
		}
	}
}

static void sha256_final(struct sha256 *s, uint8_t out[32])
{
	uint64_t bits = s->len * 8;
	uint8_t pad = 0x80, zero = 0, l[8];
	int i;

	sha256_update(s, &pad, 1);
	while (s->n != 56)
		sha256_update(s, &zero, 1);
	for (i = 0; i < 8; i++)
		l[i] = bits >> (56 - 8 * i);
	sha256_update(s, l, 8);
	for (i = 0; i < 8; i++) {
		out[4 * i] = s->h[i] >> 24;
		out[4 * i + 1] = s->h[i] >> 16;
		out[4 * i + 2] = s->h[i] >> 8;
		out[4 * i + 3] = s->h[i];
	}
}

struct chunk {
	const void *p;
	size_t len;
};

static void hmac_sha256(const uint8_t *key, size_t keylen,
			const struct chunk *c, int n, uint8_t out[32])
{
	uint8_t k[64] = { 0 }, ipad[64], opad[64], inner[32];
	struct sha256 s;
	int i;

	if (keylen > 64) {
		sha256_init(&s);
		sha256_update(&s, key, keylen);
		sha256_final(&s, k);
	} else {
		memcpy(k, key, keylen);
	}
	for (i = 0; i < 64; i++) {
		ipad[i] = k[i] ^ 0x36;
		opad[i] = k[i] ^ 0x5c;
	}
	sha256_init(&s);
	sha256_update(&s, ipad, 64);
	for (i = 0; i < n; i++)
		sha256_update(&s, c[i].p, c[i].len);
	sha256_final(&s, inner);
	sha256_init(&s);
	sha256_update(&s, opad, 64);
	sha256_update(&s, inner, 32);
	sha256_final(&s, out);
	memset(k, 0, sizeof(k));
	memset(ipad, 0, sizeof(ipad));
	memset(opad, 0, sizeof(opad));
}

/* RFC 4231 test case 2. */
static int selftest(void)
{
	static const uint8_t want[32] = {
		0x5b, 0xdc, 0xc1, 0x46, 0xbf, 0x60, 0x75, 0x4e, 0x6a, 0x04, 0x24,
		0x26, 0x08, 0x95, 0x75, 0xc7, 0x5a, 0x00, 0x3f, 0x08, 0x9d, 0x27,
		0x39, 0x83, 0x9d, 0xec, 0x58, 0xb9, 0x64, 0xec, 0x38, 0x43,
	};
	struct chunk c[2] = {
		{ "what do ya want ", 16 }, { "for nothing?", 12 },
	};
	uint8_t out[32];

	hmac_sha256((const uint8_t *)"Jefe", 4, c, 2, out);
	if (memcmp(out, want, 32)) {
		fprintf(stderr, "bugen: HMAC-SHA256 self-test failed\n");
		return 1;
	}
	printf("selftest=ok\n");
	return 0;
}

/* @base with @i added to its last 32 bits. */
static void addr_add(const struct in6_addr *base, uint32_t i,
		     struct in6_addr *out)
{
	uint32_t v;

	*out = *base;
	memcpy(&v, &base->s6_addr[12], 4);
	v = htonl(ntohl(v) + i);
	memcpy(&out->s6_addr[12], &v, 4);
}

static uint16_t csum_fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return ~sum & 0xffff;
}

static uint32_t csum_add(uint32_t sum, const uint8_t *p, size_t len)
{
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)p[i] << 8 | p[i + 1];
	if (len & 1)
		sum += (uint32_t)p[len - 1] << 8;
	return sum;
}

/*
 * One packet: IPv6 header CoA -> CN, Destination Options with a Home
 * Address option, and the BU.
 */
static void build(uint8_t *pkt, const struct in6_addr *hoa,
		  const struct in6_addr *coa, const struct in6_addr *cn,
		  const uint8_t kabm[32], uint16_t seq)
{
	uint8_t *ip = pkt, *dopt = pkt + 40, *mh = pkt + 40 + DO_LEN;
	static const uint8_t zero[2];
	uint8_t digest[32], pseudo[40];
	struct chunk c[5];
	uint32_t sum;
	uint16_t cs;

	memset(pkt, 0, PKT_LEN);
	ip[0] = 0x60;
	ip[4] = (DO_LEN + MH_LEN) >> 8;
	ip[5] = (DO_LEN + MH_LEN) & 0xff;
	ip[6] = 60;		/* Destination Options */
	ip[7] = 64;
	memcpy(ip + 8, coa, 16);
	memcpy(ip + 24, cn, 16);

	dopt[0] = IPPROTO_MH_;
	dopt[1] = DO_LEN / 8 - 1;
	dopt[2] = 1;		/* PadN, 2 octets: the option at 8n + 6 */
	dopt[3] = 2;
	dopt[6] = 201;		/* Home Address */
	dopt[7] = 16;
	memcpy(dopt + 8, hoa, 16);

	mh[0] = 59;
	mh[1] = MH_LEN / 8 - 1;
	mh[2] = 5;		/* BU */
	mh[6] = seq >> 8;
	mh[7] = seq & 0xff;
	mh[10] = 0;		/* lifetime 100 units: 400 s */
	mh[11] = 100;
	mh[12] = 1;		/* PadN */
	mh[13] = 2;
	mh[16] = 18;		/* Experimental: Kabm authenticator */
	mh[17] = 22;
	mh[18] = 1;
	mh[23] = 1;		/* epoch 1 */

	c[0] = (struct chunk){ coa, 16 };
	c[1] = (struct chunk){ cn, 16 };
	c[2] = (struct chunk){ mh, 4 };
	c[3] = (struct chunk){ zero, 2 };
	c[4] = (struct chunk){ mh + 6, MH_LEN - ICV_LEN - 6 };
	hmac_sha256(kabm, 32, c, 5, digest);
	memcpy(mh + MH_LEN - ICV_LEN, digest, ICV_LEN);

	/* Pseudo-header: the home address, as after HAO processing. */
	memset(pseudo, 0, sizeof(pseudo));
	memcpy(pseudo, hoa, 16);
	memcpy(pseudo + 16, cn, 16);
	pseudo[35] = MH_LEN;
	pseudo[39] = IPPROTO_MH_;
	sum = csum_add(0, pseudo, sizeof(pseudo));
	sum = csum_add(sum, mh, MH_LEN);
	cs = csum_fold(sum);
	mh[4] = cs >> 8;
	mh[5] = cs & 0xff;
	memset(digest, 0, sizeof(digest));
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double tv_diff(const struct timeval *a, const struct timeval *b)
{
	return (b->tv_sec - a->tv_sec) + (b->tv_usec - a->tv_usec) / 1e6;
}

static int parse_hex(const char *s, uint8_t *out, size_t len)
{
	size_t i;
	unsigned int v;

	if (strlen(s) != 2 * len)
		return -1;
	for (i = 0; i < len; i++) {
		if (sscanf(s + 2 * i, "%2x", &v) != 1)
			return -1;
		out[i] = v;
	}
	return 0;
}

static void usage(void)
{
	fprintf(stderr,
		"usage: bugen --cn ADDR --hoa ADDR --coa ADDR --seed HEX64 --mns N\n"
		"             [--rounds R] [--first-seq S] [--rate PPS] [--batch B]\n"
		"       bugen --selftest\n");
	exit(2);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "cn", 1, NULL, 'c' }, { "hoa", 1, NULL, 'h' },
		{ "coa", 1, NULL, 'o' }, { "seed", 1, NULL, 's' },
		{ "mns", 1, NULL, 'n' }, { "rounds", 1, NULL, 'r' },
		{ "first-seq", 1, NULL, 'f' }, { "rate", 1, NULL, 'p' },
		{ "batch", 1, NULL, 'b' }, { "selftest", 0, NULL, 't' },
		{ NULL, 0, NULL, 0 },
	};
	unsigned long mns = 0, rounds = 1, first = 1, rate = 0, batch = 64;
	struct in6_addr cn, hoa0, coa0, hoa, coa;
	int have = 0, opt, fd;
	uint8_t seed[32], kabm[32], *pkts;
	struct mmsghdr *mm;
	struct iovec *iov;
	struct sockaddr_in6 dst;
	unsigned long total, i, sent = 0, errs = 0;
	struct rusage ru0, ru1;
	double t0, t1;

	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case 'c':
			have |= inet_pton(AF_INET6, optarg, &cn) == 1 ? 1 : 0x100;
			break;
		case 'h':
			have |= inet_pton(AF_INET6, optarg, &hoa0) == 1 ? 2 : 0x100;
			break;
		case 'o':
			have |= inet_pton(AF_INET6, optarg, &coa0) == 1 ? 4 : 0x100;
			break;
		case 's':
			have |= parse_hex(optarg, seed, 32) ? 0x100 : 8;
			break;
		case 'n':
			mns = strtoul(optarg, NULL, 0);
			break;
		case 'r':
			rounds = strtoul(optarg, NULL, 0);
			break;
		case 'f':
			first = strtoul(optarg, NULL, 0);
			break;
		case 'p':
			rate = strtoul(optarg, NULL, 0);
			break;
		case 'b':
			batch = strtoul(optarg, NULL, 0);
			break;
		case 't':
			return selftest();
		default:
			usage();
		}
	}
	if (have != 15 || !mns || !rounds || !batch || batch > 1024)
		usage();

	total = mns * rounds;
	pkts = malloc(total * PKT_LEN);
	mm = calloc(batch, sizeof(*mm));
	iov = calloc(batch, sizeof(*iov));
	if (!pkts || !mm || !iov) {
		perror("bugen: malloc");
		return 1;
	}
	for (i = 0; i < mns; i++) {
		struct chunk c = { NULL, 16 };
		unsigned long r;

		addr_add(&hoa0, i, &hoa);
		addr_add(&coa0, i, &coa);
		c.p = &hoa;
		hmac_sha256(seed, 32, &c, 1, kabm);
		for (r = 0; r < rounds; r++)
			build(pkts + (r * mns + i) * PKT_LEN, &hoa, &coa, &cn,
			      kabm, (uint16_t)(first + r));
	}
	memset(kabm, 0, sizeof(kabm));
	memset(seed, 0, sizeof(seed));

	fd = socket(AF_INET6, SOCK_RAW, IPPROTO_RAW);
	if (fd < 0) {
		perror("bugen: socket");
		return 1;
	}
	memset(&dst, 0, sizeof(dst));
	dst.sin6_family = AF_INET6;
	dst.sin6_addr = cn;
	for (i = 0; i < batch; i++) {
		mm[i].msg_hdr.msg_name = &dst;
		mm[i].msg_hdr.msg_namelen = sizeof(dst);
		mm[i].msg_hdr.msg_iov = &iov[i];
		mm[i].msg_hdr.msg_iovlen = 1;
		iov[i].iov_len = PKT_LEN;
	}

	getrusage(RUSAGE_SELF, &ru0);
	t0 = now();
	for (i = 0; i < total;) {
		unsigned long n = total - i < batch ? total - i : batch, k;
		int rc;

		if (rate) {
			/* Pace: packet i goes no earlier than t0 + i / rate. */
			double due = t0 + (double)i / rate, d = due - now();

			if (d > 0) {
				struct timespec ts = {
					(time_t)d, (long)((d - (time_t)d) * 1e9)
				};

				nanosleep(&ts, NULL);
			}
		}
		for (k = 0; k < n; k++)
			iov[k].iov_base = pkts + (i + k) * PKT_LEN;
		rc = sendmmsg(fd, mm, n, 0);
		if (rc <= 0) {
			errs++;
			if (errno != ENOBUFS && errno != EAGAIN && errno != EINTR) {
				perror("bugen: sendmmsg");
				break;
			}
			i++;	/* count the packet as offered and lost */
			continue;
		}
		sent += rc;
		i += rc;
	}
	t1 = now();
	getrusage(RUSAGE_SELF, &ru1);
	printf("offered=%lu\nsent=%lu\nsend_errors=%lu\nseconds=%.6f\noffered_pps=%.1f\n",
	       i, sent, errs, t1 - t0, (t1 - t0) > 0 ? i / (t1 - t0) : 0.0);
	/* CPU time of the sending loop only, not of building the packets. */
	printf("gen_user_s=%.3f\ngen_sys_s=%.3f\n",
	       tv_diff(&ru0.ru_utime, &ru1.ru_utime),
	       tv_diff(&ru0.ru_stime, &ru1.ru_stime));
	close(fd);
	free(pkts);
	free(mm);
	free(iov);
	return 0;
}
