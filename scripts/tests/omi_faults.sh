#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The OMIPv6 exchange under attack and loss, on the standard topology
# with net.omipv6.omi=1 on the MN and the CN.  The new sysctls reject
# values out of range and keep the old one.  With the DH2 copy that
# travels through the home agent dropped there (nftables, before the
# home agent's tunnel takes it), the MN gives up when its window ends
# (omi_abort_timeout, a "timeout" event), and no SA exists on either
# side.  With that copy replaced by one whose public value differs in
# one octet (sent into the tunnel by a process in the home agent's
# namespace) by someone without the key, the MN drops that copy as a
# bad SIG (omi_sig) instead of aborting for it, and the exchange ends
# with its window, again without any SA; the same for the direct copy
# rewritten on the access link.  An attacker there who reads the HoT
# and CoT and so knows Kbm signs its rewritten direct copy again: the
# SIG verifies, the two copies differ, and the MN aborts as for a man
# in the middle (omi_abort_mitm, a "mitm" event seen by omipv6ctl
# monitor), without any SA.  Each failure in a row holds the
# correspondent down twice as long as the one before (60, 120, 240,
# 480 s; net.omipv6.omi_holddown, whose range is checked too).
# Without interference the next attempt makes the SA.  2000 bogus DH1
# from 2000 different /64s cost the CN no exchange and no admission:
# each is counted once as omi_unexpected (no binding, no key) and none
# as omi_ratelimit, while the ping to the home address goes on and BUs
# under Kabm still verify during and after the flood.  A flood from the
# mobile node's own /64 with its home address, while it rekeys, is
# charged nothing either: the rekey goes through.  A spoofed Binding
# Error status 2 while a rekey's DH1 goes unanswered (the CN drops it)
# is dropped as sa_auth: no "unsupported", the SA stays in use.
# debug: check
# weight: 900
. "$OMIPV6_REPO/scripts/lib/test.sh"
. "$OMIPV6_REPO/scripts/lib/topo.sh"
. "$OMIPV6_REPO/scripts/lib/mn_sim.sh"
. "$OMIPV6_REPO/scripts/lib/mip.sh"
. "$OMIPV6_REPO/scripts/lib/omi.sh"

CAPDIR=$(mktemp -d)
FLOOD=2000

# no_sa NS: NS has no "sa" line.
no_sa() {
	! grep -q '^sa ' "/proc/${HOLD[$1]}/net/omipv6" && return 0
	WHY="$1 has an SA: $(grep '^sa ' "/proc/${HOLD[$1]}/net/omipv6")"
	return 1
}

# held_doubled NS: NS's exchange is held down as long as its failures
# in a row since mark NS lost call for: 60 s after the first, twice as
# long after each further one.  Counted from the aborts, not from the
# stages: a hold-down that ends while a stage is set up lets the MN try
# again on its own, and that attempt fails too.  Only the upper half of
# that length may remain, so a hold-down that did not double fails.
held_doubled() {
	local n hd v
	rd "$1"
	v=${P[omi.holddown]:-x}
	n=$((${P[event.omi_abort_timeout]:-0} + ${P[event.omi_abort_mitm]:-0} -
	     ${MARK[$1.lost.event.omi_abort_timeout]:-0} -
	     ${MARK[$1.lost.event.omi_abort_mitm]:-0}))
	hd=$((n > 0 ? 60 << (n - 1) : 0))
	[ "$hd" -gt 3600 ] && hd=3600
	[[ $v =~ ^[0-9]+$ ]] && [ "$n" -gt 0 ] && [ "$v" -gt $((hd / 2)) ] &&
		[ "$v" -le "$hd" ] && return 0
	WHY="$1 omi holddown=$v after $n failures, want $((hd / 2 + 1))..$hd"
	return 1
}

# dropped_once TAG: every DH1 the CN got since mark cn TAG was counted
# as exactly one drop, and no more arrived since the last call (the
# flood is over); the CN's count in RX.
LAST_RX=-1
dropped_once() {
	local drops prev=$LAST_RX
	RX=$(grew cn "$1" rx.exp)
	LAST_RX=$RX
	drops=$(($(grew cn "$1" drop.omi_ratelimit) +
		$(grew cn "$1" drop.omi_unexpected) +
		$(grew cn "$1" drop.omi_busy) + $(grew cn "$1" drop.omi_sig)))
	[ "$RX" -eq "$drops" ] && [ "$RX" -gt 0 ] && [ "$RX" -eq "$prev" ] &&
		return 0
	WHY="rx.exp +$RX, omi drops +$drops"
	return 1
}

mip_log start
t0=$SECONDS
TOPO_DELAY=0 t_assert topology topo_create
t_assert insmod mod_load
t_assert x25519-kpp omi_modules
t_assert holders mip_holders

# The sysctls: defaults, and bad values refused.
ip netns add sx
t_eq default-omi "$(sget sx omi)" 0
t_eq default-dh-group "$(sget sx dh_group)" 1
t_eq default-dh2-window "$(sget sx dh2_window_ms)" 1000
t_eq default-rekey-on-move "$(sget sx rekey_on_move)" 0
t_eq default-omi-holddown "$(sget sx omi_holddown)" 60
t_assert preset-holddown sset sx omi_holddown 7
for v in 0 3601 -1 abc ""; do
	reject "reject-holddown-${v:-empty}" sx omi_holddown "$v"
done
t_assert holddown-max sset sx omi_holddown 3600
t_eq holddown-max-kept "$(sget sx omi_holddown)" 3600
t_assert preset-omi sset sx omi 1
t_assert preset-group sset sx dh_group 2
t_assert preset-window sset sx dh2_window_ms 10
t_assert preset-on-move sset sx rekey_on_move 1
for v in 2 -1 abc ""; do
	reject "reject-omi-${v:-empty}" sx omi "$v"
	reject "reject-on-move-${v:-empty}" sx rekey_on_move "$v"
done
for v in 0 3 -1 65537; do
	reject "reject-group-$v" sx dh_group "$v"
done
for v in 9 0 60001 -10; do
	reject "reject-window-$v" sx dh2_window_ms "$v"
done
t_assert window-max sset sx dh2_window_ms 60000
t_eq window-max-kept "$(sget sx dh2_window_ms)" 60000
t_eq other-netns-untouched "$(sget mn dh2_window_ms)" 1000
ip netns del sx

t_assert configure mip_setup
t_assert omi-enable omi_enable mn cn
t_assert nft-modules nft_load
nsx mn "$CLI" monitor >"$CAPDIR/events.log" 2>"$CAPDIR/monitor.err" &
MON=$!
t_assert monitor-listening waitfor 30 grep -q listening "$CAPDIR/monitor.err"
t_assert home-attach topo_attach home
t_wait home-state "$MIP_WAIT" is mn mn.state home
ping_start

# The DH2 copy through the home agent is lost: the window ends.
t_assert lost-window sset mn dh2_window_ms 500
t_assert lost-rule nft_drop_dh2_via_ha
mark mn lost
mark cn lost
t_assert lost-attach topo_attach a
t_wait lost-rr-bound "$MIP_WAIT" mn_away $COA_A
t_wait lost-aborted "$MIP_WAIT" omi_is mn state aborted
t_assert lost-held held_doubled mn
t_grew lost-timeout-counted mn lost "event.omi_abort_timeout>=1
	event.omi_dh1_sent>=1 rx.exp>=1"
t_same lost-not-mitm mn lost "event.omi_abort_mitm event.omi_sa_up"
t_match lost-rule-hit "$(nft_hits_omi)" '^[1-9][0-9]*$'
t_assert lost-no-sa-mn no_sa mn
t_assert lost-no-sa-cn no_sa cn
t_grew lost-cn-sent-dh2 cn lost "tx.exp>=2"
t_same lost-cn-no-sa-event cn lost "event.omi_sa_up"
t_assert lost-still-rr is mn mncn.state bound
t_wait lost-event 10 grep -q "^event timeout home $HOA cn $CN_ADDR\$" "$CAPDIR/events.log"

# The copy through the home agent is rewritten by someone without the
# key: its SIG does not verify, so the MN drops it (omi_sig) and it
# aborts nothing; the exchange ends with the window, without any SA.
# The window leaves the mangler (scapy, slow on the debug kernel) time
# to put its copy in before the exchange ends.
t_assert tamper-ha-window sset mn dh2_window_ms 10000
rm -f "$CAPDIR/mangle.stop"
nsx ha python3 -c "$OMI_PY" mangle "$HOA" "$COA_A" "$HA_ADDR" \
	"$CAPDIR/mangle.stop" >"$CAPDIR/mangle.log" 2>&1 &
MANGLE=$!
t_assert tamper-ha-mangler waitfor 120 grep -q mangling "$CAPDIR/mangle.log"
mark mn tha
mark cn tha
t_assert tamper-ha-move mip_ctl mn move
t_wait tamper-ha-aborted "$MIP_WAIT" at_least mn tha event.omi_abort_timeout 1
t_assert tamper-ha-held-twice-as-long held_doubled mn
t_assert tamper-ha-rewritten grep -q '^rewrote ' "$CAPDIR/mangle.log"
t_grew tamper-ha-bad-sig mn tha "drop.omi_sig>=1"
t_same tamper-ha-not-mitm mn tha "event.omi_abort_mitm event.omi_sa_up"
t_assert tamper-ha-no-sa-mn no_sa mn
t_assert tamper-ha-no-sa-cn no_sa cn
t_same tamper-ha-no-dh3 cn tha "event.omi_sa_up"
touch "$CAPDIR/mangle.stop"
wait "$MANGLE" 2>/dev/null
t_assert tamper-ha-rule-removed nft_clear_omi

# The same for the direct copy, rewritten on the access link.
t_assert tamper-direct-rule nft_drop_dh2_direct
rm -f "$CAPDIR/mangle.stop"
nsx ar1 python3 -c "$OMI_PY" mangle "$HOA" "$COA_A" direct \
	"$CAPDIR/mangle.stop" >"$CAPDIR/mangle-direct.log" 2>&1 &
MANGLE=$!
t_assert tamper-direct-mangler waitfor 120 grep -q mangling \
	"$CAPDIR/mangle-direct.log"
mark mn tdi
mark cn tdi
t_assert tamper-direct-move mip_ctl mn move
t_wait tamper-direct-aborted "$MIP_WAIT" at_least mn tdi event.omi_abort_timeout 1
t_assert tamper-direct-held-longer held_doubled mn
t_assert tamper-direct-rewritten grep -q '^rewrote ' "$CAPDIR/mangle-direct.log"
t_match tamper-direct-rule-hit "$(nft_hits_omi ar1)" '^[1-9][0-9]*$'
t_grew tamper-direct-bad-sig mn tdi "drop.omi_sig>=1"
t_same tamper-direct-not-mitm mn tdi "event.omi_abort_mitm event.omi_sa_up"
t_assert tamper-direct-no-sa-mn no_sa mn
t_assert tamper-direct-no-sa-cn no_sa cn
touch "$CAPDIR/mangle.stop"
wait "$MANGLE" 2>/dev/null

# An attacker on the access link who read the HoT and the CoT knows
# Kbm: its rewritten direct copy carries a valid SIG, and only the
# comparison with the copy through the home agent gives it away.
rm -f "$CAPDIR/mangle.stop"
nsx ar1 python3 -c "$OMI_PY" mangle "$HOA" "$COA_A" resign \
	"$CAPDIR/mangle.stop" >"$CAPDIR/mangle-resign.log" 2>&1 &
MANGLE=$!
t_assert mitm-mangler waitfor 120 grep -q mangling "$CAPDIR/mangle-resign.log"
mark mn mitm
mark cn mitm
t_assert mitm-move mip_ctl mn move
t_wait mitm-aborted "$MIP_WAIT" at_least mn mitm event.omi_abort_mitm 1
t_assert mitm-held-longer held_doubled mn
t_assert mitm-resigned grep -q '^rewrote ' "$CAPDIR/mangle-resign.log"
t_assert mitm-state omi_is mn state aborted
t_same mitm-sig-valid mn mitm "drop.omi_sig event.omi_sa_up
	event.omi_abort_timeout"
t_assert mitm-no-sa-mn no_sa mn
t_assert mitm-no-sa-cn no_sa cn
t_same mitm-no-dh3 cn mitm "event.omi_sa_up"
t_wait mitm-event 10 grep -q "^event mitm home $HOA cn $CN_ADDR\$" "$CAPDIR/events.log"
touch "$CAPDIR/mangle.stop"
wait "$MANGLE" 2>/dev/null
t_assert tamper-direct-rule-removed nft_clear_omi ar1

# Left alone, the exchange completes.
mark mn ok
t_assert ok-window sset mn dh2_window_ms 1000
t_assert ok-move mip_ctl mn move
t_wait ok-established "$MIP_WAIT" omi_is mn state established
t_wait ok-cn-sa 10 sa_is cn epoch 1
t_assert ok-mn-sa sa_is mn epoch 1
t_grew ok-sa-up mn ok "event.omi_sa_up>=1"

# A flood of bogus DH1 from many sources.
mark cn flood
mark mn flood
TF=$EPOCHREALTIME
nsx ar1 python3 -c "$OMI_PY" flood $FLOOD "$CN_ADDR" 2001:db8:1::200 many \
	>"$CAPDIR/flood.log" 2>&1 &
FLOODER=$!
t_assert flood-move-during mip_ctl mn move
t_wait flood-flooded 300 grep -q '^flooded ' "$CAPDIR/flood.log"
wait "$FLOODER" 2>/dev/null
mip_log "flood: $(cat "$CAPDIR/flood.log")"
t_wait flood-bu-verified-during "$MIP_WAIT" at_least mn flood event.mn_cn_bound 1
t_wait flood-all-counted 60 dropped_once flood
t_assert flood-received-most test "$RX" -ge $((FLOOD / 4))
# None of them has the key of a binding: each is omi_unexpected, and
# admission, charged only after the key and SIG checks, saw none.
t_eq flood-all-unexpected "$(grew cn flood drop.omi_unexpected)" "$RX"
t_same flood-not-charged cn flood "drop.omi_ratelimit"
t_same flood-no-answer cn flood "tx.exp event.be_unknown_type
	event.be_unknown_hao event.omi_sa_up event.omi_rekey drop.sa_auth"
rd cn
t_assert flood-nothing-pending test "${P[omicn.pending]:-x}" -le \
	"${MARK[cn.flood.omicn.pending]:-0}"
t_wait flood-ping-goes-on "$MIP_WAIT" ping_replies_since "$TF" 5
mark mn after
t_assert flood-move-after mip_ctl mn move
t_wait flood-bu-verified-after "$MIP_WAIT" at_least mn after event.mn_cn_bound 1
t_same flood-mn-no-sa-drops mn flood "drop.sa_auth"

# A flood from the mobile node's own /64, with the home address, for
# longer than the mobile node's DH1 retries while it rekeys (30 a
# second for 12 s; its /64's bucket allows a burst of 5 and 2 a
# second): the flood is charged nothing, so the rekey's DH1 is admitted
# at once and the new key comes into use.
t_assert victim-rekey-on-move sset mn rekey_on_move 1
mark cn victim
mark mn victim
nsx ar1 python3 -c "$OMI_PY" flood 360 "$CN_ADDR" "$HOA" net \
	"${COA_A%%::*}" 30 >"$CAPDIR/victim.log" 2>&1 &
FLOODER=$!
t_wait victim-flooding 120 at_least cn victim drop.omi_unexpected 10
t_assert victim-move mip_ctl mn move
t_wait victim-cn-rekeyed "$MIP_WAIT" sa_epoch_at_least cn 2
t_wait victim-mn-rekeyed "$MIP_WAIT" sa_epoch_at_least mn 2
t_wait victim-flooded 60 grep -q '^flooded ' "$CAPDIR/victim.log"
wait "$FLOODER" 2>/dev/null
mip_log "victim /64: $(cat "$CAPDIR/victim.log")"
t_grew victim-rekey cn victim "event.omi_rekey>=1 drop.omi_unexpected>=90"
t_same victim-not-charged cn victim "drop.omi_ratelimit drop.omi_sig
	drop.omi_busy"
t_same victim-no-abort mn victim "event.omi_abort_timeout
	event.omi_abort_mitm drop.sa_auth"
t_assert victim-rekey-off sset mn rekey_on_move 0
t_assert victim-not-held is mn omi.holddown 0

# A Binding Error status 2 while a rekey's DH1 goes unanswered (the CN
# drops DH1 here) is not authenticated: with an SA it is dropped
# (sa_auth) and changes nothing, and the SA stays in use.
t_assert be2-rule nft_drop_dh1_at_cn
t_assert be2-rekey-on-move sset mn rekey_on_move 1
mark mn be2
mark cn be2
TB=$EPOCHREALTIME
t_assert be2-move mip_ctl mn move
t_wait be2-dh1 "$MIP_WAIT" omi_is mn state dh1
t_assert be2-spoof nsx ar1 python3 "$OMIPV6_REPO/scripts/lib/mh_send.py" \
	--src "$CN_ADDR" --dst "$COA_A" be2
t_wait be2-dropped 10 at_least mn be2 drop.sa_auth 1
t_same be2-not-unsupported mn be2 "event.omi_unsupported"
t_refute be2-state-kept omi_is mn state unsupported
t_match be2-rule-hit "$(nft_hits_omi cn)" '^[1-9][0-9]*$'
t_assert be2-rule-removed nft_clear_omi cn
t_assert be2-rekey-off sset mn rekey_on_move 0
t_assert be2-sa-kept-cn sa_epoch_at_least cn 2
t_assert be2-sa-kept-mn sa_epoch_at_least mn 2
t_wait be2-ping-goes-on "$MIP_WAIT" ping_replies_since "$TB" 5

t_assert back-attach topo_attach home
t_wait back-home "$MIP_WAIT" is mn mn.state home
kill "$PING_PID" "$MON" 2>/dev/null
wait "$PING_PID" "$MON" 2>/dev/null
mip_log "events: $(tr '\n' ';' <"$CAPDIR/events.log")"
mip_dump

mip_teardown
exit 0
