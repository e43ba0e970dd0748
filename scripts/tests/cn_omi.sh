#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The correspondent node's side of the OMIPv6 exchange against a mobile
# node simulated in Python (scripts/lib/mn_sim.py: its own ffdhe2048,
# key schedule, SIG, MAC and Kabm authenticator, from
# scripts/omi_vectors.py), and the attacks on it of issue "SA
# lifecycle": someone who holds the victim's Kbm (the access-link
# sniffer; the test hands the simulator the victim's tokens) races the
# victim's first exchange, starts a new one while the victim holds an
# SA, and the victim's own rekey still works (its lifetime starts when
# its first BU promotes it, not at DH3).  Exact counters, and the
# CN's SA line, after each step.
# Topology: scripts/lib/mn_sim.sh says what and why.
. "$OMIPV6_REPO/scripts/lib/test.sh"
. "$OMIPV6_REPO/scripts/lib/topo.sh"
. "$OMIPV6_REPO/scripts/lib/mn_sim.sh"

tmp=$(mktemp -d)
SIM_ERR=$tmp/mn_sim.err
HOA=$MS_HOA

# sa_is NAME EPOCH NEXT: the CN's one SA line, for the HoA, at EPOCH with
# NEXT waiting (0: none).
sa_is() {
	psnap "$CNP"
	t_eq "$1-sa-hoa" "${P[sa.hoa]:-none}" "$HOA"
	t_eq "$1-sa-epoch" "${P[sa.epoch]:-none}" "$2"
	t_eq "$1-sa-next-epoch" "${P[sa.next_epoch]:-none}" "$3"
}

# sa_lifetime_in NAME LO HI: the CN's SA has LO to HI seconds left.
sa_lifetime_in() {
	local v
	psnap "$CNP"
	v=${P[sa.lifetime]:-none}
	if [[ $v =~ ^[0-9]+$ ]] && [ "$v" -ge "$2" ] && [ "$v" -le "$3" ]; then
		t_ok "$1"
	else
		t_fail "$1" "sa lifetime is '$v', want $2..$3"
	fi
}

# stale_counted: the CN counted one omi_stale drop since psave.
stale_counted() {
	psnap "$CNP"
	[ "${P[drop.omi_stale]:-0}" = $((${P0[drop.omi_stale]:-0} + 1)) ]
}

# dh1_paced ARGS...: "sim dh1 ARGS", again while the CN's DH1 rate limit
# (per source /64: bursts of 5, a token every 0.5 s) refused it, so that
# a fast host does not run into it.  P is the CN's state after the last.
dh1_paced() {
	local i before
	psnap "$CNP"
	for i in 1 2 3 4 5 6 7 8 9 10; do
		before=${P[drop.omi_ratelimit]:-0}
		sim dh1 --wait 5 "$@"
		psnap "$CNP"
		[ "${P[drop.omi_ratelimit]:-0}" = "$before" ] && return 0
		nap 0.5
	done
	return 1
}

# dh_ok NAME STEP: the exchange's answer came and verified.
dh_ok() {
	t_json "$1-$2" "$2" true
	t_json "$1-$2-once" "$2_count" 1
	t_json "$1-$2-sig" "$2_sig" true
	t_json "$1-$2-mac" "$2_mac" true
}

cn_topo_create
t_assert insmod mod_load
t_assert cn-enable nsx cn sysctl -qw net.omipv6.cn=1 net.omipv6.omi=1
t_assert cn-holder ns_holder cn cn-mn
CNP=$HOLDER_PID
trap '' PIPE
t_assert mn-sim-ready sim_start --cn-ns cn

# The victim's binding: return routability and a BU.
sim rr
t_json rr-ok ok true
sim bu --seq 1 --lifetime 100 --ack
t_json bu-ba-status status 0

# (a) The attacker, with the victim's Kbm and from its care-of address,
# starts an exchange first; the victim's own exchange completes before
# the attacker's DH3.  The attacker's exchange was authorized by Kbm
# with no SA in place, so it may not land as the SA's next epoch.
psave "$CNP"
sim dh1 --sid 1001
dh_ok race-attacker-dh1 dh2
sim dh1 --sid 2001
dh_ok race-victim-dh1 dh2
sim dh3 --sid 2001
dh_ok race-victim-dh3 dh4
t_json race-victim-dh4-lifetime dh4_lifetime 10800
sa_is race-victim 1 0
t_delta race-victim-counters "$CNP" "event.omi_sa_up=+1 rx.exp=+3 tx.exp=+5"
# The attacker's DH3 verifies; its work item finds the SA and drops it.
psave "$CNP"
sim dh3 --sid 1001 --no-wait
t_assert race-attacker-dropped wait_for 20 stale_counted
sim omi-seen
t_json race-attacker-fenced fence true
t_json race-attacker-no-dh4 dh4 0
t_delta race-attacker-counters "$CNP" "drop.omi_stale=+1 rx.coti=+1 rx.exp=+1 tx.cot=+1"
sa_is race-attacker 1 0
# The attacker's key does not verify; the victim's does.
psave "$CNP"
sim kbu --sid 1001 --seq 2 --epoch 2 --unconfirmed
t_json race-attacker-kbu-no-ba ba false
sim kbu --sid 1001 --seq 2 --epoch 1 --unconfirmed
t_json race-attacker-kbu-epoch1-no-ba ba false
t_delta race-attacker-kbu-counters "$CNP" "drop.sa_auth=+2 rx.bu=+2 rx.coti=+2 tx.cot=+2"
sim kbu --sid 2001 --seq 3 --epoch 1
t_json race-victim-kbu-ba ba true
t_json race-victim-kbu-status status 0
t_json race-victim-kbu-ba-kabm ba_kabm valid
t_json race-victim-kbu-ba-epoch ba_epoch 1
sa_is race-victim-kbu 1 0

# (b) A new exchange under Kbm while the victim holds an SA: its SIG is
# checked against the SA's Kabm, so it fails, costs no admission and
# changes nothing.
psave "$CNP"
sim dh1 --sid 1002 --fence
t_json holder-attacker-fenced fence true
t_json holder-attacker-no-dh2 dh2 false
t_delta holder-attacker-counters "$CNP" "drop.omi_sig=+1 rx.coti=+1 rx.exp=+1 tx.cot=+1"
sa_is holder-attacker 1 0

# (c) The victim's rekey under its current Kabm: the new key waits in
# the next slot until the first BU under it, and so does its lifetime
# (1800 s with rekey_interval 600): until then the SA keeps what is
# left of its first 10800 s.
t_assert rekey-interval nsx cn sysctl -qw net.omipv6.rekey_interval=600
psave "$CNP"
sim dh1 --sid 2002 --rekey 2001
dh_ok rekey-dh1 dh2
sim dh3 --sid 2002
dh_ok rekey-dh3 dh4
t_json rekey-dh4-lifetime dh4_lifetime 1800
sa_is rekey-installed 1 2
sa_lifetime_in rekey-lifetime-kept 9000 10800
t_delta rekey-counters "$CNP" "event.omi_rekey=+1 rx.exp=+2 tx.exp=+3"
sim kbu --sid 2002 --seq 4 --epoch 2
t_json rekey-kbu-status status 0
t_json rekey-kbu-ba-kabm ba_kabm valid
t_json rekey-kbu-ba-epoch ba_epoch 2
sa_is rekey-promoted 2 0
sa_lifetime_in rekey-lifetime-renewed 1700 1800
t_assert rekey-interval-back nsx cn sysctl -qw net.omipv6.rekey_interval=3600
# A rekey under the retired key is refused at its SIG.
psave "$CNP"
sim dh1 --sid 2003 --rekey 2001 --fence
t_json retired-no-dh2 dh2 false
t_delta retired-counters "$CNP" "drop.omi_sig=+1 rx.coti=+1 rx.exp=+1 tx.cot=+1"

# (d) Bounds on pending exchanges.  The victim starts two exchanges it
# abandons (no DH3); its first new DH1 forgets the pair's finished
# exchanges, so two entries remain.
psave "$CNP"
sim dh1 --sid 3001 --rekey 2002
t_json abandoned-first dh2 true
sim dh1 --sid 3002 --rekey 2002
t_json abandoned-second dh2 true
t_delta abandoned-counters "$CNP" "rx.exp=+2 tx.exp=+4"
t_eq abandoned-pending "${P[omicn.pending]:-none}" 2
# Per /64: home addresses next to the victim's, each with a binding,
# from the same care-of address, fill the /64's eight places (two are
# the victim's); the next is refused, while a host in other /64s is
# served.
psave "$CNP"
for i in 1 2 3 4 5 6 7; do
	sim rr --hoa 2001:db8:1::$i
	sim bu --seq 1 --lifetime 100 --ack
	extra=()
	[ "$i" -lt 7 ] || extra=(--fence)
	t_assert "prefix-bound-$i-sent" dh1_paced --sid $((4000 + i)) \
		"${extra[@]}"
	if [ "$i" -lt 7 ]; then
		t_json "prefix-bound-$i-admitted" dh2 true
	else
		t_json "prefix-bound-$i-refused" dh2 false
	fi
done
t_eq prefix-bound-pending "${P[omicn.pending]:-none}" 8
t_eq prefix-bound-busy "$((${P[drop.omi_busy]:-0} - ${P0[drop.omi_busy]:-0}))" 1
sim set-coa 2001:db8:b::100
sim rr --hoa 2001:db8:2::1
sim bu --seq 1 --lifetime 100 --ack
t_json other-prefix-bu status 0
sim dh1 --sid 5001
t_json other-prefix-admitted dh2 true
t_json other-prefix-dh2-sig dh2_sig true
sim set-coa "$MS_COA"

sim_stop
kill "$CNP" 2>/dev/null
wait "$CNP" 2>/dev/null
cn_topo_destroy
t_assert rmmod mod_unload
rm -rf "$tmp"
exit 0
