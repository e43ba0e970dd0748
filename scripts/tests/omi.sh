#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# OMIPv6 between omipv6's own MN, HA and CN on the standard topology,
# net.omipv6.omi=1 on the MN and the CN, while the CN pings the home
# address.  Home -> a: return routability (6 messages with the CN:
# HoTI HoT CoTI CoT BU BA), then the Diffie-Hellman exchange (DH1, DH2
# once directly and once through the HA, DH3, DH4) makes a Kabm SA on
# both sides with the same epoch; no key material shows in
# /proc/net/omipv6.  a -> b -> a: each handover is exactly one BU and
# one BA with the CN, both with the Kabm option, and no test init.  At
# the CN, a BU sent again (replay), a forged one (wrong ICV), one with
# Nonce Indices next to the Kabm option, a return-routability BU for
# the home address, and after rekeys a BU of an old epoch are all
# dropped and counted; a copy of an accepted BU as the home agent would
# forward it is not applied again.  Periodic rekeying (rekey_interval)
# under the ping loses no echo and moves the epoch on both sides; a
# rekey on movement in X25519 (dh_group=2) gives the SA a key of that
# group.  A second correspondent address, with the CN's omi=0, answers
# DH1 with Binding Error 2: the MN counts omi_unsupported, holds
# exchanges with it down for net.omipv6.omi_holddown seconds (30 here;
# a movement does not end that) and keeps that correspondent in
# return-routability mode (6 messages per handover, against 2 for the
# first); once the CN turns OMIPv6 on, the MN gets an SA with it after
# the hold-down without being asked.  omipv6ctl monitor reports sa_up,
# rekey and unsupported events.
. "$OMIPV6_REPO/scripts/lib/test.sh"
. "$OMIPV6_REPO/scripts/lib/topo.sh"
. "$OMIPV6_REPO/scripts/lib/mn_sim.sh"
. "$OMIPV6_REPO/scripts/lib/mip.sh"
. "$OMIPV6_REPO/scripts/lib/omi.sh"

CAPDIR=$(mktemp -d)
CN2=2001:db8:c::2

# rec_get NS REC CN KEY: KEY of NS's REC line ("omi", "mncn") for
# correspondent CN, in V.  rec_is NS REC CN KEY VALUE: it is VALUE.
# rec_in NS REC CN KEY LO HI: it is a number from LO to HI.
rec_get() {
	V=$(awk -v rec="$2" -v cn="cn=$3" -v key="$4" '$1 == rec && $2 == cn {
		for (i = 3; i <= NF; i++) {
			n = index($i, "=")
			if (substr($i, 1, n - 1) == key) print substr($i, n + 1)
		} }' "/proc/${HOLD[$1]}/net/omipv6")
}

rec_is() {
	rec_get "$1" "$2" "$3" "$4"
	[ "$V" = "$5" ] && return 0
	WHY="$1 $2 cn=$3 $4=$V, want $5"
	return 1
}

rec_in() {
	rec_get "$1" "$2" "$3" "$4"
	[[ $V =~ ^[0-9]+$ ]] && [ "$V" -ge "$5" ] && [ "$V" -le "$6" ] &&
		return 0
	WHY="$1 $2 cn=$3 $4=$V, want $5..$6"
	return 1
}

# cn2_bound COA: the CN's binding for HOA with CN2 names COA.
cn2_bound() {
	grep -q "^binding hoa=$HOA coa=$1 cn=$CN2 " "/proc/${HOLD[cn]}/net/omipv6" &&
		return 0
	WHY="no binding for $HOA with $CN2 at $1"
	return 1
}

# epochs_agree: the MN's and the CN's SA are at the same epoch, in E.
epochs_agree() {
	local m c
	rd mn
	m=${P[sa.epoch]:-none}
	rd cn
	c=${P[sa.epoch]:-none}
	E=$m
	[ "$m" = "$c" ] && [ "$m" != none ] && return 0
	WHY="epoch mn=$m cn=$c"
	return 1
}

# missing_echoes FROM TO: echo requests sent in [FROM, TO) (ping -D
# time of the reply, or of "no answer yet") that never got a reply.
missing_echoes() {
	awk -v from="$1" -v to="$2" '
		{ t = substr($1, 2, length($1) - 2) + 0 }
		/icmp_seq=/ { match($0, /icmp_seq=[0-9]+/)
			s = substr($0, RSTART + 9, RLENGTH - 9) + 0 }
		/ bytes from / { got[s] = 1 }
		/no answer yet/ && t >= from && t < to { asked[s] = 1 }
		END { n = 0; for (s in asked) if (!(s in got)) n++; print n }' \
		"$CAPDIR/ping.log"
}

# t_rr_cost NAME TAG: the return-routability handover since mark mn TAG
# cost 6 messages with the CN, one of each of HoTI HoT CoTI CoT BU BA
# in C; at least that when the MN had to retransmit (a slow guest).
t_rr_cost() {
	local n=$((C[hoti] + C[hot] + C[coti] + C[cot] + C[bu] + C[ba]))
	if [ "$(grew mn "$2" event.mn_retx)" -eq 0 ]; then
		t_counts "$1" "hoti=1 hot=1 coti=1 cot=1 bu=1 ba=1"
		t_eq "$1-sum" "$n" 6
	else
		mip_log "$1: the MN retransmitted, $n messages"
		t_assert "$1" test "${C[hoti]}" -ge 1 -a "${C[hot]}" -ge 1 \
			-a "${C[coti]}" -ge 1 -a "${C[cot]}" -ge 1 \
			-a "${C[bu]}" -ge 1 -a "${C[ba]}" -ge 1
	fi
}

# t_kabm_cost NAME TAG: the handover since mark mn TAG cost exactly one
# BU and one BA with the CN, both under Kabm, and nothing else; when
# the MN had to retransmit, only BUs and BAs, all under Kabm.
t_kabm_cost() {
	if [ "$(grew mn "$2" event.mn_retx)" -eq 0 ]; then
		t_counts "$1" "total=2 bu=1 ba=1 bu_kabm=1 ba_kabm=1"
	else
		mip_log "$1: the MN retransmitted"
		t_eq "$1" "${C[total]} ${C[bu_kabm]} ${C[ba_kabm]}" \
			"$((C[bu] + C[ba])) ${C[bu]} ${C[ba]}"
	fi
}


mip_log start
t0=$SECONDS
TOPO_DELAY=0 t_assert topology topo_create
t_assert insmod mod_load
t_assert x25519-kpp omi_modules
t_assert holders mip_holders
t_assert configure mip_setup
t_assert omi-enable omi_enable mn cn
t_assert tool-start tool_start mn ar1
nsx mn "$CLI" monitor >"$CAPDIR/events.log" 2>"$CAPDIR/monitor.err" &
MON=$!
t_assert monitor-listening waitfor 30 grep -q listening "$CAPDIR/monitor.err"

t_assert home-attach topo_attach home
t_wait home-state "$MIP_WAIT" is mn mn.state home
ping_start
TS[home]=$EPOCHREALTIME
t_wait home-pings "$MIP_WAIT" ping_replies_since "${TS[home]}" 3

# Home -> a: return routability, then the exchange.
go_to a a $COA_A
t_wait a-mn-established "$MIP_WAIT" omi_is mn state established
t_wait a-cn-sa 10 sa_is cn epoch 1
t_assert a-mn-sa sa_is mn epoch 1
t_assert a-epochs-agree epochs_agree
t_assert a-mn-group omi_is mn group ffdhe2048
t_assert a-mn-epoch omi_is mn epoch 1
sa_lines mn
t_match a-mn-sa-line "$S" "hoa=$HOA cn=$CN_ADDR"
sa_lines cn
t_match a-cn-sa-line "$S" "hoa=$HOA cn=$CN_ADDR"
for ns in mn ha cn; do
	t_assert "a-no-key-material-$ns" no_key_material $ns
done
tool waitcount "${MK[a]}" $CN_ADDR dh4 1 30
counts a-rr "${MK[a]}" $CN_ADDR
t_counts a-rr-no-kabm "bu_kabm=0 ba_kabm=0"
t_rr_cost a-rr-handover-6 a
t_assert a-dh1 test "${C[dh1]}" -ge 1
t_assert a-dh2-direct test "${C[dh2_direct]}" -ge 1
t_assert a-dh2-via-ha test "${C[dh2_ha]}" -ge 1
t_assert a-dh3 test "${C[dh3]}" -ge 1
t_counts a-dh4 "dh4=1"
t_grew a-mn-counters mn a "event.omi_dh1_sent>=1 event.omi_sa_up>=1
	tx.exp>=2 rx.exp>=3"
t_grew a-cn-counters cn a "event.omi_sa_up>=1 rx.exp>=2 tx.exp>=3"
t_same a-mn-no-abort mn a "event.omi_abort_mitm event.omi_abort_timeout
	drop.omi_sig drop.omi_mac drop.sa_auth"
t_same a-cn-no-drops cn a "drop.omi_sig drop.omi_mac drop.omi_busy
	drop.omi_ratelimit drop.sa_auth"

# a -> b -> a: one BU and one BA each, under Kabm.
for hop in "b b $COA_B" "a2 a $COA_A"; do
	read -r l link coa <<<"$hop"
	go_to "$l" "$link" "$coa"
	t_wait "$l-pings-after" "$MIP_WAIT" ping_replies_since "${TS[$l]}" 8
	counts "$l" "${MK[$l]}" $CN_ADDR
	t_kabm_cost "$l-two-messages" "$l"
	t_counts "$l-no-test-init" "hoti=0 coti=0 hot=0 cot=0"
	t_grew "$l-cn-counters" cn "$l" "rx.bu>=1 tx.ba>=1 event.ba_accepted>=1"
	t_same "$l-cn-no-rr" cn "$l" "rx.hoti rx.coti tx.hot tx.cot drop.sa_auth"
	t_same "$l-mn-no-rr" mn "$l" "tx.hoti tx.coti"
	t_assert "$l-still-epoch-1" sa_is cn epoch 1
done

# Attacks at the CN with the MN at a: a recorded BU of epoch 1, sent
# again from the access router, as is or changed.
tool last "${MK[a2]}" $CN_ADDR bu out
jget idx
BU1=$J
jget epoch
t_eq attack-recorded-bu-epoch "$J" 1
mark cn attack
mark mn attack
tool send "$BU1"
t_wait attack-replay-dropped 10 at_least cn attack drop.sa_replay 1
tool send "$BU1" seq=+100 flipicv
t_wait attack-forged-dropped 10 at_least cn attack drop.sa_auth 1
tool send "$BU1" seq=+200 addni
t_wait attack-nonce-indices-dropped 10 at_least cn attack drop.sa_opt 1
tool send "$BU1" seq=+300 rrstyle
t_wait attack-rr-bu-dropped 10 at_least cn attack drop.sa_auth 2
# Fence: a real BU after them is accepted, and nothing else moved.
tmark
MK[fence]=$M
t_assert attack-fence-move mip_ctl mn move
t_wait attack-fence-bound "$MIP_WAIT" at_least mn attack event.mn_cn_bound 1
t_grew attack-drops-exact cn attack "drop.sa_replay>=1 drop.sa_auth>=2 drop.sa_opt>=1"
t_eq attack-replay-once "$(grew cn attack drop.sa_replay)" 1
t_eq attack-auth-twice "$(grew cn attack drop.sa_auth)" 2
t_eq attack-opt-once "$(grew cn attack drop.sa_opt)" 1
t_eq attack-one-ba "$(grew cn attack tx.ba)" 1
t_eq attack-one-update "$(grew cn attack event.bind_update)" 1
t_assert attack-binding-kept cn_bound $COA_A

# The copy of that BU the MN may send through its home agent (same
# sequence number, from the home address, no Home Address option)
# verifies against the binding's CoA and is not applied a second time.
tool last "${MK[fence]}" $CN_ADDR bu out
jget idx
mark cn viaha
tool send "$J" viaha
t_wait viaha-copy-dropped 10 at_least cn viaha drop.sa_replay 1
t_same viaha-copy-no-answer cn viaha "drop.sa_auth tx.ba event.bind_update"

# Periodic rekeying under the ping.
mark mn rekey
mark cn rekey
tmark
MK[rekey]=$M
TS[rekey]=$EPOCHREALTIME
t_assert rekey-interval nsx mn sysctl -qw net.omipv6.rekey_interval=3
t_wait rekey-mn-epoch-3 "$MIP_WAIT" sa_epoch_at_least mn 3
t_wait rekey-cn-epoch-3 "$MIP_WAIT" sa_epoch_at_least cn 3
t_assert rekey-off nsx mn sysctl -qw net.omipv6.rekey_interval=0
TS[rekey_end]=$EPOCHREALTIME
t_wait rekey-settled "$MIP_WAIT" omi_is mn state established
t_wait rekey-epochs-agree 10 epochs_agree
mip_log "rekey: epoch $E"
t_grew rekey-mn-counters mn rekey "event.omi_rekey>=2 tx.bu>=2 rx.ba>=2"
t_grew rekey-cn-counters cn rekey "event.omi_rekey>=2"
t_same rekey-no-aborts mn rekey "event.omi_abort_mitm event.omi_abort_timeout
	drop.sa_auth drop.omi_sig drop.omi_mac"
t_same rekey-cn-no-drops cn rekey "drop.sa_auth drop.sa_replay drop.omi_sig
	drop.omi_mac"
counts rekey "${MK[rekey]}" $CN_ADDR
t_counts rekey-no-rr "hoti=0 hot=0 coti=0 cot=0"
t_assert rekey-refresh-under-kabm test "${C[bu_kabm]}" -ge 2
t_eq rekey-refresh-all-kabm "${C[bu]}" "${C[bu_kabm]}"
t_wait rekey-pings-after "$MIP_WAIT" ping_replies_since "${TS[rekey_end]}" 5
t_eq rekey-no-lost-echo "$(missing_echoes "${TS[rekey]}" "${TS[rekey_end]}")" 0
t_assert rekey-no-key-material no_key_material mn

# The BU of epoch 1 is refused now for its epoch.
mark cn old
tool send "$BU1"
t_wait old-epoch-dropped 10 at_least cn old drop.sa_auth 1
t_same old-epoch-not-replay cn old "drop.sa_replay tx.ba"

# Rekey on movement, in X25519.
mark mn x
mark cn x
t_assert x-group nsx mn sysctl -qw net.omipv6.dh_group=2
t_assert x-on-move nsx mn sysctl -qw net.omipv6.rekey_on_move=1
t_assert x-move mip_ctl mn move
t_wait x-rekeyed "$MIP_WAIT" at_least mn x event.omi_rekey 1
t_wait x-settled "$MIP_WAIT" omi_is mn state established
t_assert x-mn-group omi_is mn group x25519
t_wait x-cn-group 10 sa_is cn group x25519
t_wait x-mn-sa-group 10 sa_is mn group x25519
t_wait x-epochs-agree 10 epochs_agree
t_assert x-epoch-moved test "$E" -gt "${MARK[mn.x.sa.epoch]}"
t_grew x-cn-rekey cn x "event.omi_rekey>=1"
t_assert x-on-move-off nsx mn sysctl -qw net.omipv6.rekey_on_move=0
t_assert x-group-back nsx mn sysctl -qw net.omipv6.dh_group=1

# A correspondent without OMIPv6: BE 2, unsupported, plain RR.
mark mn un
mark cn un
t_assert un-cn-omi-off nsx cn sysctl -qw net.omipv6.omi=0
t_assert un-cn2-addr ip -n cn addr add $CN2/128 dev lo nodad
for r in "ar1 2001:db8:e1::2" "ar2 2001:db8:e2::2" "ha 2001:db8:ec::2"; do
	read -r ns via <<<"$r"
	ip -n "$ns" route add $CN2 via "$via"
done
tmark
MK[un]=$M
t_assert un-holddown sset mn omi_holddown 30
t_assert un-cn2-add mip_ctl mn cn add $CN2
t_wait un-unsupported "$MIP_WAIT" rec_is mn omi $CN2 state unsupported
t_assert un-held rec_in mn omi $CN2 holddown 1 30
t_wait un-cn2-bound 10 rec_is mn mncn $CN2 state bound
t_grew un-mn-counted mn un "event.omi_unsupported>=1 event.omi_dh1_sent>=1"
t_grew un-cn-be2 cn un "event.be_unknown_type>=1"
t_same un-cn-no-exchange cn un "event.omi_sa_up event.omi_rekey"
t_assert un-cn1-kept rec_is mn omi $CN_ADDR state established
counts un-cn2 "${MK[un]}" $CN2
t_counts un-cn2-be "be=1 dh1=1 dh2=0"

go_to un-b b $COA_B
t_wait un-b-cn2-bound "$MIP_WAIT" rec_is mn mncn $CN2 state bound
t_wait un-b-cn2-binding 10 cn2_bound $COA_B
# Still the first hold-down: the move does not end it.
t_assert un-b-still-held rec_in mn omi $CN2 holddown 1 30
counts un-b-cn2 "${MK[un-b]}" $CN2
t_rr_cost un-b-cn2-rr-6 un-b
t_counts un-b-cn2-no-dh "dh1=0 bu_kabm=0"
counts un-b-cn1 "${MK[un-b]}" $CN_ADDR
t_kabm_cost un-b-cn1-kabm-2 un-b

# The correspondent turns OMIPv6 on: once the hold-down is over the MN
# tries again, unasked, and gets its SA.
mark mn up
mark cn up
t_assert up-cn-omi-on nsx cn sysctl -qw net.omipv6.omi=1
t_wait up-established $((30 + MIP_WAIT)) rec_is mn omi $CN2 state established
t_grew up-sa-up mn up "event.omi_sa_up>=1"
t_grew up-cn-sa-up cn up "event.omi_sa_up>=1"
t_assert up-not-held rec_is mn omi $CN2 holddown 0

# Home again: deregistration under Kabm, the SA stays.
mark cn home
t_assert back-attach topo_attach home
t_wait back-home "$MIP_WAIT" is mn mn.state home
t_wait back-cn-binding-gone "$MIP_WAIT" cn_bound -
t_grew back-cn-dereg cn home "event.bind_del>=1"
t_same back-no-sa-drops cn home "drop.sa_auth drop.sa_replay"
t_assert back-sa-kept grep -Eq "^sa hoa=$HOA cn=$CN_ADDR .* epoch=$E " \
	"/proc/${HOLD[mn]}/net/omipv6"

kill "$PING_PID" 2>/dev/null
wait "$PING_PID" 2>/dev/null
kill "$MON" 2>/dev/null
wait "$MON" 2>/dev/null
mip_log "events: $(tr '\n' ';' <"$CAPDIR/events.log")"
t_assert monitor-sa-up grep -q "^event sa_up home $HOA cn $CN_ADDR\$" "$CAPDIR/events.log"
t_assert monitor-rekey grep -q "^event rekey home $HOA cn $CN_ADDR\$" "$CAPDIR/events.log"
t_assert monitor-unsupported grep -q "^event unsupported home $HOA cn $CN2\$" "$CAPDIR/events.log"
t_refute monitor-no-mitm grep -q "^event mitm" "$CAPDIR/events.log"
mip_dump
tool_stop
[ -z "${OMIPV6_RESULTS:-}" ] || cp "$CAPDIR/ping.log" "$OMIPV6_RESULTS/omi-ping.log"

mip_teardown
exit 0
