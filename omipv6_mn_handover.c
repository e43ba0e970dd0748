// SPDX-License-Identifier: GPL-2.0
/*
 * Mobile node handover records: a ring of the last OMIPV6_MN_HANDOVERS
 * movements with when each started, when the home agent's and every
 * correspondent's BA came, for the "handover" and "handover_cn" lines
 * of /proc/net/omipv6.  Every function but omipv6_mn_ho_free() (the
 * state's teardown) runs with mn->lock held.
 *
 * Locking and lifetime: include/omipv6_mn_state.h.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <net/ipv6.h>

#include "omipv6_mn_handover.h"
#include "omipv6_mn_state.h"

struct omipv6_mn_ho *omipv6_mn_ho_cur(struct omipv6_mn *mn)
{
	if (!mn->ho_id)
		return NULL;
	return &mn->ho[(mn->ho_id - 1) % OMIPV6_MN_HANDOVERS];
}

/* Caller holds mn->lock: a BA from @cn accepted at @ns. */
void omipv6_mn_ho_cn_ba(struct omipv6_mn *mn,
			const struct in6_addr *cn, u64 ns)
{
	struct omipv6_mn_ho *ho = omipv6_mn_ho_cur(mn);
	unsigned int i;

	if (!ho)
		return;
	for (i = 0; i < ho->ncns; i++) {
		if (!ipv6_addr_equal(&ho->cns[i].cn, cn))
			continue;
		if (!ho->cns[i].ba) {
			ho->cns[i].ba = ns;
			ho->done++;
		}
		return;
	}
}

/**
 * omipv6_mn_ho_start - a new record, in the ring's oldest slot
 * @mn: the state; caller holds mn->lock
 * @home: the node returned home
 * @coa: the new care-of address (:: at home)
 * @start: when the movement was detected, CLOCK_REALTIME ns
 * @cns: the correspondents the record waits for (taken over), or NULL
 * @old_cns: receives the replaced record's array, for the caller to
 *	kfree() without mn->lock
 *
 * The caller fills in the record's ncns.
 * Return: the record.
 */
struct omipv6_mn_ho *omipv6_mn_ho_start(struct omipv6_mn *mn, bool home,
					const struct in6_addr *coa, u64 start,
					struct omipv6_mn_ho_cn *cns,
					struct omipv6_mn_ho_cn **old_cns)
{
	struct omipv6_mn_ho *ho;

	mn->ho_id++;
	ho = &mn->ho[(mn->ho_id - 1) % OMIPV6_MN_HANDOVERS];
	*old_cns = ho->cns;
	memset(ho, 0, sizeof(*ho));
	ho->id = mn->ho_id;
	ho->home = home;
	ho->coa = *coa;
	ho->start = start;
	ho->cns = cns;
	return ho;
}

/**
 * omipv6_mn_ho_seq_show - the "handover" and "handover_cn" lines
 * @seq: the file
 * @mn: the state; caller holds mn->lock
 *
 * Oldest record first.
 */
void omipv6_mn_ho_seq_show(struct seq_file *seq, const struct omipv6_mn *mn)
{
	unsigned int i, k;

	for (i = mn->ho_id > OMIPV6_MN_HANDOVERS ?
		 mn->ho_id - OMIPV6_MN_HANDOVERS + 1 : 1;
	     mn->ho_id && i <= mn->ho_id; i++) {
		const struct omipv6_mn_ho *ho =
			&mn->ho[(i - 1) % OMIPV6_MN_HANDOVERS];

		seq_printf(seq, "handover id=%u", ho->id);
		if (ho->home)
			seq_puts(seq, " coa=home");
		else
			seq_printf(seq, " coa=%pI6c", &ho->coa);
		seq_printf(seq, " start=%llu ha_ba=%llu cns=%u done=%u\n",
			   ho->start, ho->ha_ba, ho->ncns, ho->done);
		for (k = 0; k < ho->ncns; k++)
			seq_printf(seq, "handover_cn id=%u cn=%pI6c ba=%llu\n",
				   ho->id, &ho->cns[k].cn, ho->cns[k].ba);
	}
}

/* Frees every record's array.  Caller: omipv6_mn_exit(), the state stopped. */
void omipv6_mn_ho_free(struct omipv6_mn *mn)
{
	unsigned int i;

	for (i = 0; i < OMIPV6_MN_HANDOVERS; i++)
		kfree(mn->ho[i].cns);
}
