// SPDX-License-Identifier: GPL-2.0
/*
 * Fast-path and crypto micro-benchmarks: see include/omipv6_bench.h for
 * what the files do and how SAs and keys are numbered.  Built only with
 * make OMIPV6_BENCH=1.
 *
 * verify times omipv6_bu_rcv(), the correspondent node's whole BU path
 * under an SA (SA lookup, option checks, ICV, sequence number, binding
 * update; omipv6_bu.c), on pre-parsed BUs whose A bit is clear, so an
 * accepted BU sends no BA.  Against it: omipv6_hmac() keyed with the
 * SA's Kabm over one buffer holding the same octets the ICV covers
 * (CoA | CN | MH data, 56 octets), i.e. a bare HMAC-SHA256 with its key
 * set per message; and, for reference, the digest alone on a transform
 * keyed once.  The three run in turns over the same block of messages,
 * so drift of the (possibly emulated) clock hits them alike.  Each BU
 * is for one of W SAs spread evenly over the N in the table, visited
 * in a fixed pseudo-random order, each with a binding made by setup and
 * a sequence number one above its last, so every one is accepted and
 * refreshes its binding (the steady state of a correspondent).  The
 * private tables' namespace has dying set: omipv6_xfrm_kick() returns
 * at once, so xfrm work the real path would queue is not included.
 *
 * dh times what a correspondent does per exchange for a group: one key
 * pair (omipv6_dh_generate()) and one shared secret with a peer value
 * made beforehand (omipv6_dh_compute()), each including the per-call
 * kpp transform allocation that omipv6_dh.c does.
 *
 * Everything runs in the writer's process context under the directory's
 * mutex; the BU path runs with bottom halves disabled, as in softirq.
 * Times are ktime_get_ns() deltas.  Keys never leave this file; results
 * name counts and times only.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <asm/unaligned.h>
#include <crypto/hash.h>
#include <linux/bottom_half.h>
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/inet.h>
#include <linux/kernel.h>
#include <linux/ktime.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/prandom.h>
#include <linux/rhashtable.h>
#include <linux/rcupdate.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "omipv6.h"
#include "omipv6_bc.h"
#include "omipv6_bench.h"
#include "omipv6_bu.h"
#include "omipv6_codec.h"
#include "omipv6_dh.h"
#include "omipv6_hmac.h"
#include "omipv6_rfc.h"
#include "omipv6_rx.h"
#include "omipv6_sa.h"
#include "omipv6_stats.h"
#include "omipv6_xfrm.h"

/* A BU with a PadN and the Kabm authenticator option: 12 + 4 + 24. */
#define BENCH_BU_LEN	40
#define BENCH_OPT_OFF	(BENCH_BU_LEN - 2 - OMIPV6_OPT_KABM_AUTH_LEN)
/* What the ICV covers: CoA | CN | MH data without the ICV. */
#define BENCH_ICV_IN	(2 * 16 + BENCH_BU_LEN - OMIPV6_KABM_ICV_LEN)
#define BENCH_SEED_LEN	32
#define BENCH_CMD_MAX	256
#define BENCH_RES_LEN	640
/* Lifetime units of a benchmark BU: 400 s, below the 420 s cap. */
#define BENCH_BU_UNITS	100

enum omipv6_bench_kind {
	BENCH_SETUP,
	BENCH_VERIFY,
	BENCH_DH,
	BENCH_INSTALL,
	BENCH_NR,
};

static const char * const omipv6_bench_names[BENCH_NR] = {
	[BENCH_SETUP]	= "setup",
	[BENCH_VERIFY]	= "verify",
	[BENCH_DH]	= "dh",
	[BENCH_INSTALL]	= "install",
};

struct omipv6_bench;

struct omipv6_bench_file {
	struct omipv6_bench *b;
	enum omipv6_bench_kind kind;
};

/**
 * struct omipv6_bench - one namespace's benchmark directory
 * @list: link in omipv6_bench_list
 * @on: the namespace
 * @dir: its debugfs directory
 * @lock: serialises runs and result reads
 * @priv: setup's private tables, or NULL
 * @nsas: SAs in @priv
 * @ws: SAs of @priv with a binding (the working set)
 * @seed: setup's key seed; secret, wiped with the directory
 * @seq_base: first sequence number of the next verify run: above every
 *	one an earlier run used since setup
 * @files: i_private of each file
 * @res: each file's last results
 */
struct omipv6_bench {
	struct list_head list;
	struct omipv6_net *on;
	struct dentry *dir;
	struct mutex lock;	/* see above */
	struct omipv6_net *priv;
	unsigned int nsas;
	unsigned int ws;
	u8 seed[BENCH_SEED_LEN];
	u16 seq_base;
	struct omipv6_bench_file files[BENCH_NR];
	char res[BENCH_NR][BENCH_RES_LEN];
};

/* Parsed "key=value" arguments; @have has BIT(key) for each given. */
enum omipv6_bench_key {
	BK_SAS, BK_WS, BK_ITERS, BK_BLOCK, BK_X25519, BK_FFDHE,
	BK_SEED, BK_HOA, BK_CN, BK_NR,
};

static const char * const omipv6_bench_keys[BK_NR] = {
	[BK_SAS] = "sas", [BK_WS] = "ws", [BK_ITERS] = "iters",
	[BK_BLOCK] = "block", [BK_X25519] = "x25519", [BK_FFDHE] = "ffdhe",
	[BK_SEED] = "seed", [BK_HOA] = "hoa", [BK_CN] = "cn",
};

struct omipv6_bench_args {
	unsigned long have;
	unsigned int val[BK_NR];
	u8 seed[BENCH_SEED_LEN];
	struct in6_addr hoa;
	struct in6_addr cn;
};

/* One benchmark BU with everything the three timed loops need. */
struct omipv6_bench_item {
	struct omipv6_rx rx;
	struct omipv6_msg msg;
	const u8 *kabm;
	u8 mh[BENCH_BU_LEN];
	u8 icv_in[BENCH_ICV_IN];
};

static struct dentry *omipv6_bench_root;
static LIST_HEAD(omipv6_bench_list);
static DEFINE_MUTEX(omipv6_bench_list_lock);

/* The private tables' addresses: HoA i, CoA i and the correspondent. */
static const struct in6_addr omipv6_bench_hoa0 = {{{
	0x20, 0x01, 0x0d, 0xb8, 0x01, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }}};
static const struct in6_addr omipv6_bench_coa0 = {{{
	0x20, 0x01, 0x0d, 0xb8, 0x02, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }}};
static const struct in6_addr omipv6_bench_cn = {{{
	0x20, 0x01, 0x0d, 0xb8, 0, 0x0c, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 }}};

/* @base with @i added to its last 32 bits. */
static void omipv6_bench_addr(const struct in6_addr *base, u32 i,
			      struct in6_addr *out)
{
	*out = *base;
	put_unaligned_be32(get_unaligned_be32(&base->s6_addr[12]) + i,
			   &out->s6_addr[12]);
}

/* Kabm of the SA whose home address is @hoa: HMAC-SHA256(seed, HoA). */
static int omipv6_bench_kabm(const u8 seed[BENCH_SEED_LEN],
			     const struct in6_addr *hoa,
			     u8 kabm[OMIPV6_KABM_LEN])
{
	struct omipv6_hmac_chunk c = { hoa->s6_addr, sizeof(*hoa) };

	return omipv6_hmac(OMIPV6_HMAC_SHA256, seed, BENCH_SEED_LEN, &c, 1,
			   kabm);
}

/* @v thousandths as "N.NNN". */
static int omipv6_bench_milli(char *buf, size_t len, const char *key, u64 v)
{
	return scnprintf(buf, len, "%s=%llu.%03llu\n", key, v / 1000,
			 v % 1000);
}

/* @num / @den in thousandths, 0 when @den is 0. */
static u64 omipv6_bench_div(u64 num, u64 den)
{
	return den ? div64_u64(num * 1000, den) : 0;
}

/*
 * SAs 0..@n-1 of the pair (@hoa0 + i, @cn) in @on's table, keyed from
 * @seed, after raising the table's maximum to @n when it is lower.
 * Context: process; sleeps.  Return: 0, an install's error, or -EINTR.
 */
static int omipv6_bench_install_sas(struct omipv6_net *on,
				    const u8 seed[BENCH_SEED_LEN],
				    const struct in6_addr *hoa0,
				    const struct in6_addr *cn, unsigned int n)
{
	struct omipv6_sa_id id = { .cn = *cn };
	u8 kabm[OMIPV6_KABM_LEN];
	unsigned int i;
	int err = 0;

	spin_lock_bh(&on->sat.lock);
	on->sat.max = max(on->sat.max, n);
	spin_unlock_bh(&on->sat.lock);
	for (i = 0; i < n && !err; i++) {
		omipv6_bench_addr(hoa0, i, &id.hoa);
		err = omipv6_bench_kabm(seed, &id.hoa, kabm);
		if (!err)
			err = omipv6_sa_install(on, &id, OMIPV6_SA_SIDE_CN,
						OMIPV6_GROUP_X25519, 0, 1, kabm,
						0);
		if (!err && fatal_signal_pending(current))
			err = -EINTR;
		if (!(i % 1024))
			cond_resched();
	}
	memzero_explicit(kabm, sizeof(kabm));
	return err;
}

/*
 * A struct omipv6_net of the benchmark's own holding only what the BU
 * path touches: counters, binding cache and SA table (and the xfrm
 * state the binding expiry may sync, which stays empty).  dying is set
 * from the start, so omipv6_xfrm_kick() never queues work for it.
 */
static struct omipv6_net *omipv6_bench_priv_alloc(struct net *net)
{
	struct omipv6_net *p = kvzalloc(sizeof(*p), GFP_KERNEL);

	if (!p)
		return NULL;
	p->net = net;
	p->dying = true;
	if (omipv6_stats_init(p))
		goto err_free;
	omipv6_xfrm_init(p, NULL);
	if (omipv6_bc_init(p, omipv6_xfrm_sync))
		goto err_xfrm;
	if (omipv6_sa_net_init(p))
		goto err_bc;
	return p;

err_bc:
	omipv6_bc_exit(p);
err_xfrm:
	omipv6_xfrm_exit(p);
	omipv6_stats_free(p);
err_free:
	kvfree(p);
	return NULL;
}

/* Frees @p and waits until its SAs and bindings are freed too. */
static void omipv6_bench_priv_free(struct omipv6_net *p)
{
	if (!p)
		return;
	omipv6_sa_net_exit(p);
	omipv6_bc_exit(p);
	omipv6_xfrm_exit(p);
	rcu_barrier();
	omipv6_stats_free(p);
	kvfree(p);
}

/*
 * Octets of @ht's bucket array now (a pending resize may change it): the
 * one part of an SA's or a binding's memory that is not a slab object.
 */
static u64 omipv6_bench_bucket_bytes(struct rhashtable *ht)
{
	const struct bucket_table *tbl;
	u64 size;

	rcu_read_lock();
	tbl = rcu_dereference(ht->tbl);
	size = (u64)tbl->size * sizeof(tbl->buckets[0]);
	rcu_read_unlock();
	return size;
}

/* The SA index of working-set entry @w: spread evenly over the table. */
static u32 omipv6_bench_ws_index(const struct omipv6_bench *b, u32 w)
{
	return div_u64((u64)w * b->nsas, b->ws);
}

static int omipv6_bench_setup(struct omipv6_bench *b,
			      const struct omipv6_bench_args *a, char *res)
{
	unsigned int n = a->val[BK_SAS], ws = a->val[BK_WS];
	struct omipv6_bc_info bi = {};
	u64 t0, t1, t2;
	u16 last;
	u32 w;
	int err;

	omipv6_bench_priv_free(b->priv);
	b->priv = NULL;
	b->nsas = 0;
	b->ws = 0;
	b->seq_base = 0;
	if (!n) {
		scnprintf(res, BENCH_RES_LEN, "sas=0\n");
		return 0;
	}
	if (!(a->have & BIT(BK_SEED)))
		return -EINVAL;
	ws = min3(ws, n, (unsigned int)OMIPV6_BC_MAX);
	memcpy(b->seed, a->seed, sizeof(b->seed));
	b->priv = omipv6_bench_priv_alloc(b->on->net);
	if (!b->priv)
		return -ENOMEM;

	t0 = ktime_get_ns();
	err = omipv6_bench_install_sas(b->priv, b->seed, &omipv6_bench_hoa0,
				       &omipv6_bench_cn, n);
	t1 = ktime_get_ns();
	b->nsas = n;
	b->ws = ws;
	bi.cn = omipv6_bench_cn;
	bi.lifetime = OMIPV6_MAX_RR_BINDING_LIFETIME;
	for (w = 0; w < ws && !err; w++) {
		u32 i = omipv6_bench_ws_index(b, w);

		omipv6_bench_addr(&omipv6_bench_hoa0, i, &bi.hoa);
		omipv6_bench_addr(&omipv6_bench_coa0, i, &bi.coa);
		if (omipv6_bc_commit(b->priv, &bi, NULL, &last) !=
		    OMIPV6_BC_ADDED)
			err = -ENOMEM;
		if (!(w % 1024))
			cond_resched();
	}
	t2 = ktime_get_ns();
	if (err) {
		omipv6_bench_priv_free(b->priv);
		b->priv = NULL;
		b->nsas = 0;
		b->ws = 0;
		return err;
	}
	scnprintf(res, BENCH_RES_LEN,
		  "sas=%u\nbindings=%u\nsa_count=%u\nbc_count=%u\nbucket_bytes=%llu\nbc_bucket_bytes=%llu\ninstall_ms=%llu\nbind_ms=%llu\n",
		  n, ws, omipv6_sa_count(b->priv), omipv6_bc_count(b->priv),
		  omipv6_bench_bucket_bytes(&b->priv->sat.ht),
		  omipv6_bench_bucket_bytes(&b->priv->bc.ht),
		  div_u64(t1 - t0, NSEC_PER_MSEC),
		  div_u64(t2 - t1, NSEC_PER_MSEC));
	return 0;
}

/*
 * Item @it: the next BU of working-set entry @w, with sequence number
 * @seq, signed under its SA, parsed, and the octets its ICV covers.
 */
static int omipv6_bench_item_make(struct omipv6_bench *b,
				  struct omipv6_bench_item *it, u32 w,
				  u16 seq, const u8 *kabm)
{
	u32 i = omipv6_bench_ws_index(b, w);
	struct omipv6_rx *rx = &it->rx;
	struct omipv6_sa_id id;
	enum omipv6_drop reason;
	u8 *m = it->mh;
	int err;

	memset(rx, 0, sizeof(*rx));
	omipv6_bench_addr(&omipv6_bench_hoa0, i, &rx->src);
	omipv6_bench_addr(&omipv6_bench_coa0, i, &rx->wire_src);
	rx->dst = omipv6_bench_cn;
	rx->on = b->priv;
	rx->msg = &it->msg;
	rx->hao = true;

	memset(m, 0, BENCH_BU_LEN);
	m[OMIPV6_MH_OFF_PROTO] = OMIPV6_MH_PAYLOAD_PROTO;
	m[OMIPV6_MH_OFF_HDRLEN] = BENCH_BU_LEN / OMIPV6_MH_UNIT - 1;
	m[OMIPV6_MH_OFF_TYPE] = OMIPV6_MH_BU;
	put_unaligned_be16(seq, m + OMIPV6_BU_OFF_SEQ);
	put_unaligned_be16(BENCH_BU_UNITS, m + OMIPV6_BU_OFF_LIFETIME);
	m[OMIPV6_BU_END] = OMIPV6_OPT_PADN;
	m[OMIPV6_BU_END + 1] = 2;
	m[BENCH_OPT_OFF] = OMIPV6_OPT_EXPERIMENTAL;
	m[BENCH_OPT_OFF + 1] = OMIPV6_OPT_KABM_AUTH_LEN;
	m[BENCH_OPT_OFF + 2] = OMIPV6_XOPT_KABM_AUTH;
	id.hoa = rx->src;
	id.cn = rx->dst;
	err = omipv6_sa_sign(b->priv, &id, &rx->wire_src, m, BENCH_BU_LEN);
	if (err)
		return err;
	if (omipv6_msg_parse(&it->msg, m, BENCH_BU_LEN, &reason))
		return -EBADMSG;

	memcpy(it->icv_in, rx->wire_src.s6_addr, 16);
	memcpy(it->icv_in + 16, rx->dst.s6_addr, 16);
	memcpy(it->icv_in + 32, m, BENCH_BU_LEN - OMIPV6_KABM_ICV_LEN);
	it->kabm = kabm;
	return 0;
}

/* Totals and per-block minima (ns per 1000 operations) of one loop. */
struct omipv6_bench_time {
	u64 total;
	u64 min;
};

static void omipv6_bench_time_add(struct omipv6_bench_time *t, u64 ns,
				  unsigned int n)
{
	u64 per = div_u64(ns * 1000, n);

	t->total += ns;
	if (!t->min || per < t->min)
		t->min = per;
}

static u64 omipv6_bench_loop_path(struct omipv6_bench_item *it,
				  unsigned int n)
{
	unsigned int k;
	u64 t0 = ktime_get_ns();

	for (k = 0; k < n; k++) {
		local_bh_disable();
		omipv6_bu_rcv(&it[k].rx);
		local_bh_enable();
	}
	return ktime_get_ns() - t0;
}

static u64 omipv6_bench_loop_hmac(struct omipv6_bench_item *it,
				  unsigned int n, int *err)
{
	u8 digest[SHA256_DIGEST_SIZE];
	struct omipv6_hmac_chunk c;
	unsigned int k;
	int ret;
	u64 t0 = ktime_get_ns();

	for (k = 0; k < n; k++) {
		c.data = it[k].icv_in;
		c.len = BENCH_ICV_IN;
		ret = omipv6_hmac(OMIPV6_HMAC_SHA256, it[k].kabm,
				  OMIPV6_KABM_LEN, &c, 1, digest);
		if (ret)
			*err = ret;
	}
	t0 = ktime_get_ns() - t0;
	memzero_explicit(digest, sizeof(digest));
	return t0;
}

/* @tfm keyed beforehand: the digest without setting the key. */
static u64 omipv6_bench_loop_prekeyed(struct crypto_shash *tfm,
				      struct omipv6_bench_item *it,
				      unsigned int n, int *err)
{
	u8 digest[SHA256_DIGEST_SIZE];
	unsigned int k;
	int ret;
	u64 t0 = ktime_get_ns();

	for (k = 0; k < n; k++) {
		local_bh_disable();
		ret = crypto_shash_tfm_digest(tfm, it[k].icv_in,
					      BENCH_ICV_IN, digest);
		local_bh_enable();
		if (ret)
			*err = ret;
	}
	t0 = ktime_get_ns() - t0;
	memzero_explicit(digest, sizeof(digest));
	return t0;
}

static u64 omipv6_bench_loop_parse(struct omipv6_bench_item *it,
				   unsigned int n, int *err)
{
	enum omipv6_drop reason;
	struct omipv6_msg msg;
	unsigned int k, bad = 0;
	u64 t0 = ktime_get_ns();

	for (k = 0; k < n; k++)
		bad += !!omipv6_msg_parse(&msg, it[k].mh, BENCH_BU_LEN,
					  &reason);
	t0 = ktime_get_ns() - t0;
	if (bad)
		*err = -EBADMSG;
	return t0;
}

/* Accepted BUs (bindings added or refreshed) and drops in @on so far. */
static void omipv6_bench_counts(struct omipv6_net *on, struct omipv6_stats *s,
				u64 *accepted, u64 *dropped)
{
	unsigned int i;

	omipv6_stats_sum(on, s);
	*accepted = s->event[OMIPV6_EV_BIND_ADD] +
		    s->event[OMIPV6_EV_BIND_UPDATE];
	*dropped = 0;
	for (i = 0; i < OMIPV6_DROP_MAX; i++)
		*dropped += s->drop[i];
}

/* Working-set keys, sequence numbers and visiting order. */
struct omipv6_bench_ws {
	u8 (*kabm)[OMIPV6_KABM_LEN];
	u16 *seq;
	u32 *order;
};

static void omipv6_bench_ws_free(struct omipv6_bench_ws *s, unsigned int ws)
{
	if (s->kabm)
		kvfree_sensitive(s->kabm, (size_t)ws * OMIPV6_KABM_LEN);
	kvfree(s->seq);
	kvfree(s->order);
}

static int omipv6_bench_ws_make(struct omipv6_bench *b,
				struct omipv6_bench_ws *s)
{
	struct rnd_state rnd;
	u32 w, j, t;
	int err = 0;

	s->kabm = kvcalloc(b->ws, OMIPV6_KABM_LEN, GFP_KERNEL);
	s->seq = kvcalloc(b->ws, sizeof(*s->seq), GFP_KERNEL);
	s->order = kvcalloc(b->ws, sizeof(*s->order), GFP_KERNEL);
	if (!s->kabm || !s->seq || !s->order)
		return -ENOMEM;
	prandom_seed_state(&rnd, 0x6f6d6970);
	for (w = 0; w < b->ws && !err; w++) {
		struct in6_addr hoa;

		omipv6_bench_addr(&omipv6_bench_hoa0,
				  omipv6_bench_ws_index(b, w), &hoa);
		err = omipv6_bench_kabm(b->seed, &hoa, s->kabm[w]);
		/* Fisher-Yates, one step per entry. */
		s->seq[w] = b->seq_base;
		j = prandom_u32_state(&rnd) % (w + 1);
		t = s->order[j];
		s->order[w] = t;
		s->order[j] = w;
	}
	return err;
}

static int omipv6_bench_verify(struct omipv6_bench *b,
			       const struct omipv6_bench_args *a, char *res)
{
	unsigned int iters = a->val[BK_ITERS], block = a->val[BK_BLOCK];
	struct omipv6_bench_time path = {}, hmac = {}, pre = {}, parse = {};
	u64 acc0, acc1, drop0, drop1, done = 0, ns;
	struct omipv6_bench_item *items = NULL;
	struct crypto_shash *tfm = NULL;
	struct omipv6_bench_ws s = {};
	struct omipv6_stats *st;
	unsigned int k, n, blk = 0;
	int err = 0, len;

	if (!b->priv || !b->ws || !iters)
		return -EINVAL;
	if (!block)
		block = 1000;
	block = min(block, iters);
	st = kmalloc(sizeof(*st), GFP_KERNEL);
	items = kvcalloc(block, sizeof(*items), GFP_KERNEL);
	tfm = crypto_alloc_shash("hmac(sha256)", 0, 0);
	if (IS_ERR(tfm)) {
		err = PTR_ERR(tfm);
		tfm = NULL;
		goto out;
	}
	if (!st || !items) {
		err = -ENOMEM;
		goto out;
	}
	err = omipv6_bench_ws_make(b, &s);
	if (err)
		goto out;

	omipv6_bench_counts(b->priv, st, &acc0, &drop0);
	while (done < iters && !err) {
		n = min_t(u64, block, iters - done);
		for (k = 0; k < n && !err; k++) {
			u32 w = s.order[(done + k) % b->ws];

			err = omipv6_bench_item_make(b, &items[k], w, ++s.seq[w],
						     s.kabm[w]);
		}
		if (!err)
			err = crypto_shash_setkey(tfm, items[0].kabm,
						  OMIPV6_KABM_LEN);
		if (err)
			break;
		/* Alternate the order from block to block. */
		if (blk & 1) {
			ns = omipv6_bench_loop_prekeyed(tfm, items, n, &err);
			omipv6_bench_time_add(&pre, ns, n);
			ns = omipv6_bench_loop_hmac(items, n, &err);
			omipv6_bench_time_add(&hmac, ns, n);
			ns = omipv6_bench_loop_path(items, n);
			omipv6_bench_time_add(&path, ns, n);
		} else {
			ns = omipv6_bench_loop_path(items, n);
			omipv6_bench_time_add(&path, ns, n);
			ns = omipv6_bench_loop_hmac(items, n, &err);
			omipv6_bench_time_add(&hmac, ns, n);
			ns = omipv6_bench_loop_prekeyed(tfm, items, n, &err);
			omipv6_bench_time_add(&pre, ns, n);
		}
		ns = omipv6_bench_loop_parse(items, n, &err);
		omipv6_bench_time_add(&parse, ns, n);
		done += n;
		blk++;
		if (fatal_signal_pending(current))
			err = -EINTR;
		cond_resched();
	}
	/* Next run: above the most any entry used (wraps modulo 2^16). */
	b->seq_base += DIV_ROUND_UP(done, b->ws) + 1;
	if (err)
		goto out;
	omipv6_bench_counts(b->priv, st, &acc1, &drop1);

	len = scnprintf(res, BENCH_RES_LEN,
			"sas=%u\nws=%u\niters=%llu\nblock=%u\naccepted=%llu\ndropped=%llu\n",
			b->nsas, b->ws, done, block, acc1 - acc0,
			drop1 - drop0);
	len += omipv6_bench_milli(res + len, BENCH_RES_LEN - len, "path_ns",
				  omipv6_bench_div(path.total, done));
	len += omipv6_bench_milli(res + len, BENCH_RES_LEN - len, "hmac_ns",
				  omipv6_bench_div(hmac.total, done));
	len += omipv6_bench_milli(res + len, BENCH_RES_LEN - len,
				  "hmac_prekeyed_ns",
				  omipv6_bench_div(pre.total, done));
	len += omipv6_bench_milli(res + len, BENCH_RES_LEN - len, "parse_ns",
				  omipv6_bench_div(parse.total, done));
	len += omipv6_bench_milli(res + len, BENCH_RES_LEN - len, "ratio",
				  omipv6_bench_div(path.total, hmac.total));
	len += omipv6_bench_milli(res + len, BENCH_RES_LEN - len, "ratio_min",
				  omipv6_bench_div(path.min, hmac.min));
	len += omipv6_bench_milli(res + len, BENCH_RES_LEN - len,
				  "ratio_prekeyed",
				  omipv6_bench_div(path.total, pre.total));
	omipv6_bench_milli(res + len, BENCH_RES_LEN - len, "ratio_with_parse",
			   omipv6_bench_div(path.total + parse.total,
					    hmac.total));
out:
	omipv6_bench_ws_free(&s, b->ws);
	if (items)
		memzero_explicit(items, (size_t)block * sizeof(*items));
	kvfree(items);
	crypto_free_shash(tfm);
	kfree(st);
	return err;
}

/*
 * @iters key pairs and shared secrets in @group, against one peer value
 * made first; nanoseconds of each kind in @gen and @sec.
 */
static int omipv6_bench_dh_group(u16 group, unsigned int iters, u64 *gen,
				 u64 *sec)
{
	struct omipv6_dh_key *peer, *key;
	unsigned int i;
	u8 *secret;
	int err;
	u64 t0, t1, t2;

	*gen = 0;
	*sec = 0;
	peer = kzalloc(sizeof(*peer), GFP_KERNEL);
	key = kzalloc(sizeof(*key), GFP_KERNEL);
	secret = kzalloc(OMIPV6_DH_SECRET_MAX, GFP_KERNEL);
	err = -ENOMEM;
	if (!peer || !key || !secret)
		goto out;
	err = omipv6_dh_generate(group, peer);
	for (i = 0; i < iters && !err; i++) {
		t0 = ktime_get_ns();
		err = omipv6_dh_generate(group, key);
		t1 = ktime_get_ns();
		if (!err)
			err = omipv6_dh_compute(key, peer->pub, peer->pub_len,
						secret);
		t2 = ktime_get_ns();
		*gen += t1 - t0;
		*sec += t2 - t1;
		omipv6_dh_key_wipe(key);
		if (!err && fatal_signal_pending(current))
			err = -EINTR;
		cond_resched();
	}
out:
	kfree_sensitive(secret);
	kfree_sensitive(key);
	kfree_sensitive(peer);
	return err;
}

static int omipv6_bench_dh(const struct omipv6_bench_args *a, char *res)
{
	unsigned int nx = a->val[BK_X25519], nf = a->val[BK_FFDHE];
	u64 xg, xs, fg, fs, x, f;
	int err, len;

	if (!nx || !nf)
		return -EINVAL;
	err = omipv6_bench_dh_group(OMIPV6_GROUP_X25519, nx, &xg, &xs);
	if (!err)
		err = omipv6_bench_dh_group(OMIPV6_GROUP_FFDHE2048, nf, &fg,
					    &fs);
	if (err)
		return err;
	/* Microseconds per operation, in thousandths. */
	x = div_u64(xg + xs, nx);
	f = div_u64(fg + fs, nf);
	len = scnprintf(res, BENCH_RES_LEN, "x25519_iters=%u\nffdhe2048_iters=%u\n",
			nx, nf);
	len += omipv6_bench_milli(res + len, BENCH_RES_LEN - len,
				  "x25519_keypair_us", div_u64(xg, nx));
	len += omipv6_bench_milli(res + len, BENCH_RES_LEN - len,
				  "x25519_secret_us", div_u64(xs, nx));
	len += omipv6_bench_milli(res + len, BENCH_RES_LEN - len, "x25519_us",
				  x);
	len += omipv6_bench_milli(res + len, BENCH_RES_LEN - len,
				  "ffdhe2048_keypair_us", div_u64(fg, nf));
	len += omipv6_bench_milli(res + len, BENCH_RES_LEN - len,
				  "ffdhe2048_secret_us", div_u64(fs, nf));
	len += omipv6_bench_milli(res + len, BENCH_RES_LEN - len,
				  "ffdhe2048_us", f);
	/* Four decimals: the ratio is expected well below 0.1. */
	scnprintf(res + len, BENCH_RES_LEN - len, "ratio=%llu.%04llu\n",
		  div64_u64(x, f), f ? div64_u64(x * 10000, f) % 10000 : 0);
	return 0;
}

static int omipv6_bench_install(struct omipv6_bench *b,
				const struct omipv6_bench_args *a, char *res)
{
	unsigned int n = a->val[BK_SAS];
	u64 t0, t1;
	int err;

	omipv6_sa_flush(b->on);
	if (!n) {
		scnprintf(res, BENCH_RES_LEN, "installed=0\nsa_count=%u\n",
			  omipv6_sa_count(b->on));
		return 0;
	}
	if ((a->have & (BIT(BK_SEED) | BIT(BK_HOA) | BIT(BK_CN))) !=
	    (BIT(BK_SEED) | BIT(BK_HOA) | BIT(BK_CN)))
		return -EINVAL;
	t0 = ktime_get_ns();
	err = omipv6_bench_install_sas(b->on, a->seed, &a->hoa, &a->cn, n);
	t1 = ktime_get_ns();
	if (err) {
		omipv6_sa_flush(b->on);
		return err;
	}
	scnprintf(res, BENCH_RES_LEN, "installed=%u\nsa_count=%u\ninstall_ms=%llu\n",
		  n, omipv6_sa_count(b->on), div_u64(t1 - t0, NSEC_PER_MSEC));
	return 0;
}

/* "key=value" words separated by blanks; unknown keys are -EINVAL. */
static int omipv6_bench_parse(char *s, struct omipv6_bench_args *a)
{
	char *word, *val;
	unsigned int k;
	int err;

	while ((word = strsep(&s, " \t\n"))) {
		if (!*word)
			continue;
		val = strchr(word, '=');
		if (!val)
			return -EINVAL;
		*val++ = '\0';
		for (k = 0; k < BK_NR; k++)
			if (!strcmp(word, omipv6_bench_keys[k]))
				break;
		switch (k) {
		case BK_SEED:
			if (strlen(val) != 2 * BENCH_SEED_LEN)
				return -EINVAL;
			err = hex2bin(a->seed, val, BENCH_SEED_LEN);
			break;
		case BK_HOA:
		case BK_CN:
			err = in6_pton(val, -1, k == BK_HOA ? a->hoa.s6_addr :
				       a->cn.s6_addr, -1, NULL) ? 0 : -EINVAL;
			break;
		case BK_NR:
			return -EINVAL;
		default:
			err = kstrtouint(val, 0, &a->val[k]);
			break;
		}
		if (err)
			return err;
		a->have |= BIT(k);
	}
	return 0;
}

static ssize_t omipv6_bench_write(struct file *file, const char __user *ubuf,
				  size_t len, loff_t *ppos)
{
	struct omipv6_bench_file *f = file->private_data;
	struct omipv6_bench *b = f->b;
	struct omipv6_bench_args *a;
	char *buf, *res;
	int err;

	if (len > BENCH_CMD_MAX)
		return -E2BIG;
	buf = memdup_user_nul(ubuf, len);
	if (IS_ERR(buf))
		return PTR_ERR(buf);
	a = kzalloc(sizeof(*a), GFP_KERNEL);
	res = kzalloc(BENCH_RES_LEN, GFP_KERNEL);
	err = -ENOMEM;
	if (!a || !res)
		goto out;
	err = omipv6_bench_parse(buf, a);
	if (err)
		goto out;
	err = mutex_lock_interruptible(&b->lock);
	if (err)
		goto out;
	switch (f->kind) {
	case BENCH_SETUP:
		err = omipv6_bench_setup(b, a, res);
		break;
	case BENCH_VERIFY:
		err = omipv6_bench_verify(b, a, res);
		break;
	case BENCH_DH:
		err = omipv6_bench_dh(a, res);
		break;
	case BENCH_INSTALL:
		err = omipv6_bench_install(b, a, res);
		break;
	default:
		err = -EINVAL;
		break;
	}
	if (err)
		scnprintf(res, BENCH_RES_LEN, "error=%d\n", err);
	strscpy(b->res[f->kind], res, BENCH_RES_LEN);
	mutex_unlock(&b->lock);
out:
	kfree(res);
	kfree_sensitive(a);
	kfree_sensitive(buf);
	return err ? err : len;
}

static ssize_t omipv6_bench_read(struct file *file, char __user *ubuf,
				 size_t len, loff_t *ppos)
{
	struct omipv6_bench_file *f = file->private_data;
	struct omipv6_bench *b = f->b;
	ssize_t ret;

	if (mutex_lock_interruptible(&b->lock))
		return -EINTR;
	ret = simple_read_from_buffer(ubuf, len, ppos, b->res[f->kind],
				      strlen(b->res[f->kind]));
	mutex_unlock(&b->lock);
	return ret;
}

static const struct file_operations omipv6_bench_fops = {
	.owner		= THIS_MODULE,
	.open		= simple_open,
	.read		= omipv6_bench_read,
	.write		= omipv6_bench_write,
	.llseek		= default_llseek,
};

/**
 * omipv6_bench_net_init - the namespace's benchmark directory
 * @on: the namespace
 *
 * Context: process (pernet init).  A failure leaves the namespace
 * without a directory (or without some files); nothing else.
 */
void omipv6_bench_net_init(struct omipv6_net *on)
{
	struct omipv6_bench *b;
	char name[16];
	unsigned int k;

	if (IS_ERR_OR_NULL(omipv6_bench_root))
		return;
	b = kzalloc(sizeof(*b), GFP_KERNEL);
	if (!b)
		return;
	mutex_init(&b->lock);
	b->on = on;
	snprintf(name, sizeof(name), "%u", on->net->ns.inum);
	b->dir = debugfs_create_dir(name, omipv6_bench_root);
	for (k = 0; k < BENCH_NR; k++) {
		b->files[k].b = b;
		b->files[k].kind = k;
		debugfs_create_file(omipv6_bench_names[k], 0600, b->dir,
				    &b->files[k], &omipv6_bench_fops);
	}
	mutex_lock(&omipv6_bench_list_lock);
	list_add(&b->list, &omipv6_bench_list);
	mutex_unlock(&omipv6_bench_list_lock);
}

/**
 * omipv6_bench_net_exit - remove the directory and free setup's tables
 * @on: the namespace
 *
 * Removing the files waits for a run in progress in them.
 *
 * Context: process; sleeps.
 */
void omipv6_bench_net_exit(struct omipv6_net *on)
{
	struct omipv6_bench *b, *found = NULL;

	mutex_lock(&omipv6_bench_list_lock);
	list_for_each_entry(b, &omipv6_bench_list, list) {
		if (b->on == on) {
			found = b;
			list_del(&b->list);
			break;
		}
	}
	mutex_unlock(&omipv6_bench_list_lock);
	if (!found)
		return;
	debugfs_remove_recursive(found->dir);
	omipv6_bench_priv_free(found->priv);
	mutex_destroy(&found->lock);
	kfree_sensitive(found);
}

/**
 * omipv6_bench_init - /sys/kernel/debug/omipv6
 *
 * Context: process, module init.  Return: 0; without debugfs the
 * namespaces get no directory.
 */
int omipv6_bench_init(void)
{
	omipv6_bench_root = debugfs_create_dir(KBUILD_MODNAME, NULL);
	pr_info("benchmark build: /sys/kernel/debug/%s\n", KBUILD_MODNAME);
	return 0;
}

/**
 * omipv6_bench_exit - remove /sys/kernel/debug/omipv6
 *
 * Context: process, module exit, after every namespace's exit.
 */
void omipv6_bench_exit(void)
{
	debugfs_remove_recursive(omipv6_bench_root);
	omipv6_bench_root = NULL;
}
