/* SPDX-License-Identifier: GPL-2.0 */
/* Mobility Header (IPPROTO_MH) receive hook. */
#ifndef _OMIPV6_MH_H
#define _OMIPV6_MH_H

int omipv6_mh_init(void);
void omipv6_mh_exit(void);

#endif /* _OMIPV6_MH_H */
