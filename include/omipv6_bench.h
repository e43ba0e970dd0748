/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fast-path and crypto micro-benchmarks (bench/omipv6_bench.c), built into
 * omipv6.ko only by "make OMIPV6_BENCH=1", which also defines
 * OMIPV6_BENCH; every other build gets the empty stubs below and holds
 * no benchmark code.
 *
 * The benchmark build adds /sys/kernel/debug/omipv6/<inum>/, one
 * directory per network namespace (<inum> is the namespace's inode
 * number, as "stat -L -c %i /proc/self/ns/net" prints it), with one file
 * per benchmark.  Writing "key=value ..." to a file runs it in the
 * writer's process context; reading the file gives the last run's
 * results as "key=value" lines.  The files are root only, and never
 * show key material.
 *
 *   setup    sas=N ws=W seed=HEX64: a private SA table and binding cache
 *            (a struct omipv6_net of its own, not the namespace's) with
 *            N SAs and bindings for W of them; sas=0 frees it
 *   verify   iters=I block=B: the CN's BU path against a bare
 *            HMAC-SHA256 over the same octets, on the setup tables
 *   dh       x25519=I ffdhe=J: one key pair plus one shared secret
 *   install  sas=N seed=HEX64 hoa=ADDR cn=ADDR: flushes this
 *            namespace's own SA table, raises its maximum to N when
 *            lower, and installs N SAs, for the BU generator
 *            (tools/bugen); sas=0 only flushes
 *
 * SA i (0 <= i < N) is the pair (ADDR + i, CN): ADDR with i added to its
 * last 32 bits.  Its key Kabm_i = HMAC-SHA256(seed, ADDR + i), the seed
 * being 32 octets given in hex; epoch 1, group X25519, no lifetime.
 * tools/bugen derives the same keys from the same seed.
 */
#ifndef _OMIPV6_BENCH_H
#define _OMIPV6_BENCH_H

struct omipv6_net;

#ifdef OMIPV6_BENCH
/* Module init, before the pernet operations; exit after them. */
int omipv6_bench_init(void);
void omipv6_bench_exit(void);
/*
 * The namespace's directory; a failure only leaves it without one.
 * Exit removes it, waiting for a benchmark running in it, before the
 * namespace's tables go.  Context: process.
 */
void omipv6_bench_net_init(struct omipv6_net *on);
void omipv6_bench_net_exit(struct omipv6_net *on);
#else
static inline int omipv6_bench_init(void)
{
	return 0;
}

static inline void omipv6_bench_exit(void)
{
}

static inline void omipv6_bench_net_init(struct omipv6_net *on)
{
}

static inline void omipv6_bench_net_exit(struct omipv6_net *on)
{
}
#endif

#endif /* _OMIPV6_BENCH_H */
