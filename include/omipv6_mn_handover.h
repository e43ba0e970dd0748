/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Mobile node: handover records (omipv6_mn_handover.c).
 */
#ifndef _OMIPV6_MN_HANDOVER_H
#define _OMIPV6_MN_HANDOVER_H

#include <linux/types.h>

struct in6_addr;
struct omipv6_mn;
struct omipv6_mn_ho;
struct omipv6_mn_ho_cn;
struct seq_file;

struct omipv6_mn_ho *omipv6_mn_ho_cur(struct omipv6_mn *mn);
void omipv6_mn_ho_cn_ba(struct omipv6_mn *mn,
			const struct in6_addr *cn, u64 ns);
struct omipv6_mn_ho *omipv6_mn_ho_start(struct omipv6_mn *mn, bool home,
					const struct in6_addr *coa, u64 start,
					struct omipv6_mn_ho_cn *cns,
					struct omipv6_mn_ho_cn **old_cns);
void omipv6_mn_ho_seq_show(struct seq_file *seq, const struct omipv6_mn *mn);
void omipv6_mn_ho_free(struct omipv6_mn *mn);

#endif /* _OMIPV6_MN_HANDOVER_H */
