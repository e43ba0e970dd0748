#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A namespace that is a correspondent node and a mobile node at once
# goes away while it works.  The simulated MN (scripts/lib/mn_sim.py
# bulk) makes 300 bindings with a 12 s lifetime at the correspondent
# node role; each expiry syncs xfrm, and that sync walks the mobile node
# role's correspondents too (three, configured with a home address, home
# agent and MN-HA key).  A ping from the simulated MN's home address to
# the correspondent runs throughout.  Once the first binding has
# expired, the namespace is deleted while the others expire, and the
# test waits for the kernel to tear it down (its end of the veth pair
# goes with it).  Three cycles (one on the debug kernel, ten in make
# soak); then the module unloads.  On the debug kernel scripts/vm.sh
# fails the run on any KASAN, lockdep or other kernel report, and on
# kmemleak.
# debug: check
# weight: 150
. "$OMIPV6_REPO/scripts/lib/test.sh"
. "$OMIPV6_REPO/scripts/lib/topo.sh"
. "$OMIPV6_REPO/scripts/lib/mn_sim.sh"

N=300
PREFIX=2001:db8:1::	# MS_HOA, ::100, is one of them
CYCLES=3
if [ "${OMIPV6_SOAK:-0}" = 1 ]; then
	CYCLES=10
elif [ "$OMIPV6_KIND" = debug ]; then
	CYCLES=1
fi
KEY=$(printf '%02x' $(seq 32))	# 32 octets
tmp=$(mktemp -d)
SIM_ERR=$tmp/mn_sim.err

# both_roles: the cn namespace is a correspondent node, with the
# mobile node role on and three correspondents of its own.
both_roles() {
	nsx cn sh -c "set -e
sysctl -qw net.omipv6.cn=1 net.omipv6.mn=1
$CLI set home 2001:db8:5::100 ha 2001:db8:5::1 spi 300 key $KEY
$CLI cn add 2001:db8:9::1
$CLI cn add 2001:db8:9::2
$CLI cn add 2001:db8:9::3"
}

# expiring: at least one binding expired and at least one is left.
expiring() {
	psnap "$CNP"
	[[ ${P[event.bind_expire]:-none} =~ ^[1-9][0-9]*$ ]] && [ "$NBIND" -ge 1 ]
}

# replies: the ping got at least one echo reply.
replies() {
	grep -q 'bytes from' "$tmp/ping.log"
}

# cn_exited: the kernel has torn the cn namespace down: the veth pair
# goes with it, so mn's end is gone too.
cn_exited() {
	! ip -n mn link show mn-cn >/dev/null 2>&1
}

t_assert insmod mod_load
trap '' PIPE
for cycle in $(seq $CYCLES); do
	c=c$cycle
	cn_topo_create
	t_assert "$c-both-roles" both_roles
	t_assert "$c-cn-holder" ns_holder cn cn-mn
	CNP=$HOLDER_PID
	psnap "$CNP"
	t_eq "$c-roles" "${P[roles.cn]:-none} ${P[roles.mn]:-none} ${P[config.cns]:-none}" "1 1 3"
	# Without --cn-ns: a socket of the simulator's in cn would keep
	# the namespace alive past "ip netns del".
	t_assert "$c-mn-sim-ready" sim_start
	nsx mn ping -n -i 0.1 -I "$MS_HOA" "$MS_CN" >"$tmp/ping.log" 2>&1 &
	PING=$!
	SIM_WAIT=600 sim bulk --count $N --prefix $PREFIX --lifetime 3 --window 32
	t_json "$c-bulk-accepted" accepted $N
	sim_stop
	t_assert "$c-ping-answered" wait_for 30 replies
	t_assert "$c-expiring" wait_for 60 expiring
	# The holder was the last process in cn: from here nothing holds
	# it, and the teardown runs while bindings are left to expire.
	kill "$CNP" 2>/dev/null
	wait "$CNP" 2>/dev/null
	t_assert "$c-netns-del" ip netns del cn
	t_assert "$c-netns-exited" wait_for 120 cn_exited
	kill "$PING" 2>/dev/null
	wait "$PING" 2>/dev/null
	cn_topo_destroy
done
t_assert rmmod mod_unload
rm -rf "$tmp"
exit 0
