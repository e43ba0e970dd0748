#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Guest side of make demo: the standard topology with the module loaded,
# roles switched on per namespace, a Mobility Header exchanged, and the
# resulting sysctls and /proc/net/omipv6 shown.
. "$OMIPV6_REPO/scripts/lib/test.sh"
. "$OMIPV6_REPO/scripts/lib/topo.sh"

t_assert topology topo_create
topo_attach a
t_assert module-loaded mod_load

nsx mn sysctl -qw net.omipv6.mn=1
nsx ha sysctl -qw net.omipv6.ha=1
nsx cn sysctl -qw net.omipv6.cn=1
nsx mn "$CLI" set home $HOA ha $HA_ADDR spi 256 key @/proc/sys/kernel/random/uuid
nsx mn "$CLI" cn add $CN_ADDR

# One Binding Refresh Request from the MN's care-of address to the CN.
nsx mn python3 "$OMIPV6_REPO/scripts/lib/mh_send.py" \
	--src $COA_A --dst $CN_ADDR brr >/dev/null 2>&1

for ns in mn ha cn; do
	echo "##### $ns: sysctl net.omipv6"
	nsx $ns sysctl net.omipv6
	echo "##### $ns: /proc/net/omipv6"
	nsx $ns cat /proc/net/omipv6
done
echo "##### mn: omipv6ctl show"
nsx mn "$CLI" show
topo_destroy
exit 0
