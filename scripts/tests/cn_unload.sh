#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Module unload with 1000 bindings in place: the simulated MN
# (scripts/lib/mn_sim.py bulk) runs return routability for 1000 home
# addresses and binds each with a BU; the CN holds 1000 binding lines
# and 2 route-optimization states each; rmmod leaves no xfrm state or
# policy, and on a kmemleak kernel no new leak.  Its own test so its
# cost shows in the results.
# debug: check
# weight: 420
. "$OMIPV6_REPO/scripts/lib/test.sh"
. "$OMIPV6_REPO/scripts/lib/topo.sh"
. "$OMIPV6_REPO/scripts/lib/mn_sim.sh"

N=${OMIPV6_CN_BINDINGS:-1000}
PREFIX=2001:db8:1:1::
tmp=$(mktemp -d)
SIM_ERR=$tmp/mn_sim.err
kmemleak=/sys/kernel/debug/kmemleak

# leaks [settle]: the unreferenced objects kmemleak reports after a
# scan, one address a line.  With settle, like scripts/guest/main.sh:
# objects freed through RCU need a grace period and two scans, and
# kmemleak ignores objects younger than 5 s.
leaks() {
	if [ -n "${1:-}" ]; then
		nap 5
		echo scan >"$kmemleak"
		nap 5
	fi
	echo scan >"$kmemleak"
	awk '/^unreferenced object/ { print $3 }' "$kmemleak" | sort
}

# What earlier tests may have left is not this test's.
[ -e "$kmemleak" ] && leaks >"$tmp/leaks.before"

cn_topo_create
t_assert insmod mod_load
t_assert cn-enable nsx cn sysctl -qw net.omipv6.cn=1
t_assert cn-holder ns_holder cn cn-mn
CNP=$HOLDER_PID

trap '' PIPE
t_assert mn-sim-ready sim_start
start=$SECONDS
SIM_WAIT=1200 sim bulk --count "$N" --prefix $PREFIX --lifetime 100 --window 32
echo "bulk took $((SECONDS - start)) s"
t_json bulk-ok ok true
t_json bulk-hot hot "$N"
t_json bulk-accepted accepted "$N"
sim_stop

psnap "$CNP"
t_eq bindings "$NBIND" "$N"
t_eq event-bind-add "${P[event.bind_add]:-none}" "$N"
bfield ${PREFIX}1 seq
t_eq first-binding-seq "$BF" 1
bfield "${PREFIX}$(printf '%x' "$N")" coa
t_eq last-binding-coa "$BF" "$MS_COA"

# The states come from a work item; wait until all are there.
for i in $(seq 100); do
	xfrm_read cn
	xs_count route2
	[ "$XC" -ge "$N" ] && break
	nap 0.5
done
t_eq route2-states "$XC" "$N"
xs_count hao
t_eq hao-states "$XC" $((N + 1))

start=$SECONDS
t_assert rmmod-with-bindings mod_unload
echo "rmmod took $((SECONDS - start)) s"
xfrm_read cn policy
t_eq no-xfrm-state-after-rmmod "$XS" ""
t_eq no-xfrm-policy-after-rmmod "$XP" ""
t_refute no-proc-after-rmmod test -e "/proc/$CNP/net/omipv6"

kill "$CNP" 2>/dev/null
wait "$CNP" 2>/dev/null
cn_topo_destroy

if [ -e "$kmemleak" ]; then
	leaks settle >"$tmp/leaks.after"
	new=$(comm -13 "$tmp/leaks.before" "$tmp/leaks.after")
	if [ -z "$new" ]; then
		t_ok kmemleak-no-new-leak
	else
		t_fail kmemleak-no-new-leak "$(echo "$new" | wc -l) new unreferenced objects"
		cat "$kmemleak"
	fi
fi
t_eq mn-sim-stderr "$(grep -v '^$' "$SIM_ERR")" ""
rm -rf "$tmp"
exit 0
