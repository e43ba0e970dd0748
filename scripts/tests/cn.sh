#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The correspondent node (RFC 6275 return routability, BUs, the
# route-optimized data path) against a mobile node simulated in Python
# (scripts/lib/mn_sim.py, which computes Kbm and authenticators on its
# own): RR -> BU -> BA and the binding cache; a ping from the CN to the
# HoA reaches the CoA with a type 2 routing header; UDP with a Home
# Address option reaches a CN socket as from the HoA; forged, replayed,
# stale-window, expired-nonce, home-registration, unauthenticated and
# truncated BUs; unknown MH type and unknown HAO Binding Errors and their
# rate limit; deregistration (lifetime 0 and CoA == HoA), expiry and
# cn=0 remove the binding and the xfrm states; netns exit with a
# binding; the whole capture decodes cleanly in tshark.
# Topology: scripts/lib/mn_sim.sh says what and why.
# debug: check
# weight: 440
. "$OMIPV6_REPO/scripts/lib/test.sh"
. "$OMIPV6_REPO/scripts/lib/topo.sh"
. "$OMIPV6_REPO/scripts/lib/mn_sim.sh"

tmp=$(mktemp -d)
SIM_ERR=$tmp/mn_sim.err
pcap=$tmp/cn.pcap
HOA=$MS_HOA COA=$MS_COA CN=$MS_CN
HOA2=2001:db8:1::200
PORT=7777

# bu_ok NAME SEQ: the last answer is BA 0 for SEQ, with an authenticator
# that verifies under the simulator's Kbm, sent CN -> CoA with a type 2
# routing header holding the HoA and a checksum over CN -> HoA.
ba_ok() {
	t_json "$1-ba-status" status 0
	t_json "$1-ba-seq" ba_seq "$2"
	t_json "$1-ba-bad" ba_bad valid
	t_json "$1-ba-src" ba_src "$CN"
	t_json "$1-ba-dst-coa" ba_dst "$COA"
	t_json "$1-ba-rh2-hoa" ba_rh2 "$HOA"
	t_json "$1-ba-rh2-segleft" ba_rh2_segleft 1
	t_json "$1-ba-csum" ba_csum_ok true
	t_json "$1-ba-once" ba_count 1
}

# ba_reject NAME STATUS SEQ BAD: a BA with that status, sequence number
# and authenticator verdict, to the CoA with the HoA in a RH2.
ba_reject() {
	t_json "$1-ba-status" status "$2"
	t_json "$1-ba-seq" ba_seq "$3"
	t_json "$1-ba-lifetime-0" ba_lifetime 0
	t_json "$1-ba-bad" ba_bad "$4"
	t_json "$1-ba-dst-coa" ba_dst "$COA"
	t_json "$1-ba-rh2-hoa" ba_rh2 "$HOA"
	t_json "$1-ba-csum" ba_csum_ok true
}

# no_ba NAME: the fence CoT came back and nothing else did.
no_ba() {
	t_json "$1-fenced" fence true
	t_json "$1-no-ba" ba false
	t_json "$1-no-be" be false
}

# binding_is NAME HOA COA SEQ FLAGS LIFEMIN LIFEMAX: the CN's binding line.
binding_is() {
	local want="coa=$3 cn=$CN seq=$4 lifetime=[0-9]+ flags=$5 updated=[1-9][0-9]*"
	psnap "$CNP"
	if [ -z "${BIND[$2]+x}" ]; then
		t_fail "$1-binding" "no binding for $2"
		return
	fi
	t_match "$1-binding" "${BIND[$2]}" "^$want\$"
	bfield "$2" lifetime
	if [[ $BF =~ ^[0-9]+$ ]] && [ "$BF" -ge "$6" ] && [ "$BF" -le "$7" ]; then
		t_ok "$1-binding-lifetime"
	else
		t_fail "$1-binding-lifetime" "lifetime=$BF, want $6..$7"
	fi
}

# moved KEY: how far counter KEY moved between P0 and P, in M.
moved() {
	M=$((${P[$1]:-0} - ${P0[$1]:-0}))
}

no_binding() {
	psnap "$CNP"
	t_eq "$1-no-binding" "${BIND[$2]+present}" ""
}

# replay_stopped NAME SEQ LIFETIME LAST: the BU with SEQ and LIFETIME
# again, the same octets under the same nonces, meets a tombstone: BA
# 135 with LAST, no binding, counted as such.
replay_stopped() {
	psave "$CNP"
	sim bu --seq "$2" --lifetime "$3" --ack
	ba_reject "$1" 135 "$4" valid
	no_binding "$1" "$HOA"
	t_delta "$1-counters" "$CNP" "event.ba_seq=+1 rx.bu=+1 tx.ba=+1"
}

# ro_states HOA COA: the binding's two route-optimization states.
ro_states() {
	xs_has "$CN" "$1" route2 "$2" && xs_has "$1" "$CN" hao "$2"
}

no_ro_states() {
	local line
	while IFS= read -r line; do
		[[ $line == "src $CN dst $1"[!0-9a-f:]* ]] && return 1
		[[ $line == "src $1 dst $CN"[!0-9a-f:]* ]] && return 1
	done <<<"$XS"
	return 0
}

wild_state() {
	local line
	while IFS= read -r line; do
		[[ $line == "src :: dst ::"[!0-9a-f:]* && $line == *"proto hao "* ]] &&
			return 0
	done <<<"$XS"
	return 1
}

xfrm_empty() {
	[ -z "$XS" ] && [ -z "$XP" ]
}

# t_xfrm NAME COND [policy]: COND holds within 25 tries (the module
# syncs its xfrm objects from a work item, after the BA).
t_xfrm() {
	if xfrm_wait cn "$2" 25 "${3:-}"; then
		t_ok "$1"
	else
		t_fail "$1" "$2 never held; states: ${XS//$'\n'/ | }"
	fi
}

cn_topo_create
t_assert insmod mod_load
xfrm_read cn policy
t_assert no-xfrm-before-cn xfrm_empty
t_assert cn-enable nsx cn sysctl -qw net.omipv6.cn=1
t_assert cn-holder ns_holder cn cn-mn
CNP=$HOLDER_PID
t_xfrm wildcard-hao-state wild_state policy
t_assert wildcard-has-policy test -n "$XP"

nsx mn tcpdump -Z root -U -nn -i mn-cn -w "$pcap" ip6 2>"$tmp/tcpdump.err" &
tcpdump_pid=$!
for i in $(seq 100); do
	grep -q 'listening on' "$tmp/tcpdump.err" && break
	nap 0.2
done
t_assert tcpdump-listening grep -q 'listening on' "$tmp/tcpdump.err"

trap '' PIPE
t_assert mn-sim-ready sim_start --cn-ns cn

# (a) Return routability, then a BU with the A bit.
psave "$CNP"
sim rr
t_json rr-ok ok true
t_json rr-hot-csum hot_csum_ok true
t_json rr-cot-csum cot_csum_ok true
t_json rr-hot-no-rh hot_rh null
t_json rr-hot-len hot_len 24
t_json rr-cot-len cot_len 24
# The first test init makes the namespace's first Kcn.
t_delta rr-counters "$CNP" \
	"event.kcn_regen=+1 rx.coti=+1 rx.hoti=+1 tx.cot=+1 tx.hot=+1"
psave "$CNP"
sim bu --seq 100 --lifetime 200 --ack
ba_ok bu-add 100
t_json bu-add-ba-lifetime-capped ba_lifetime 105
t_json bu-add-ba-len ba_len 32
t_delta bu-add-counters "$CNP" \
	"event.ba_accepted=+1 event.bind_add=+1 rx.bu=+1 tx.ba=+1"
t_eq bu-add-one-binding "$NBIND" 1
binding_is bu-add "$HOA" "$COA" 100 A 380 420
t_xfrm bu-add-ro-states "ro_states $HOA $COA"
xs_count route2
t_eq bu-add-one-route2-state "$XC" 1
xs_count hao
t_eq bu-add-two-hao-states "$XC" 2
# Refresh.
psave "$CNP"
sim bu --seq 101 --lifetime 100 --ack
ba_ok bu-refresh 101
t_json bu-refresh-ba-lifetime ba_lifetime 100
t_delta bu-refresh-counters "$CNP" \
	"event.ba_accepted=+1 event.bind_update=+1 rx.bu=+1 tx.ba=+1"
binding_is bu-refresh "$HOA" "$COA" 101 A 360 400
# No A bit: accepted silently.
psave "$CNP"
sim bu --seq 102 --lifetime 100 --fence
no_ba bu-no-ack
t_delta bu-no-ack-counters "$CNP" \
	"event.bind_update=+1 rx.bu=+1 rx.coti=+1 tx.cot=+1"
binding_is bu-no-ack "$HOA" "$COA" 102 - 360 400
sim bu --seq 103 --lifetime 100 --ack
ba_ok bu-ack-again 103

# (b) CN -> HoA data leaves to the CoA with a type 2 routing header.
sim cn-ping
t_json ping-seen seen true
t_json ping-src src "$CN"
t_json ping-to-coa dst "$COA"
t_json ping-rh-type rh_type 2
t_json ping-rh2-hoa rh2 "$HOA"
t_json ping-rh2-segleft rh2_segleft 1

# (c) MN -> CN data with a Home Address option reaches a CN socket as
# from the HoA.
sim udp-hao --port $PORT
t_json udp-hao-received received true
t_json udp-hao-peer-hoa peer "$HOA"
t_json udp-hao-payload payload_ok true
t_json udp-hao-no-be be false

# (d) A forged authenticator, and BUs without authorization: silent,
# counted drops; the binding stays.
psave "$CNP"
sim bu --seq 104 --lifetime 100 --ack --forge --fence
no_ba forged
t_delta forged-counters "$CNP" \
	"drop.bu_auth=+1 rx.bu=+1 rx.coti=+1 tx.cot=+1"
psave "$CNP"
sim bu --seq 104 --lifetime 100 --ack --no-bad --fence
no_ba no-bad
t_delta no-bad-counters "$CNP" \
	"drop.bu_no_auth=+1 rx.bu=+1 rx.coti=+1 tx.cot=+1"
psave "$CNP"
sim bu --seq 104 --lifetime 100 --ack --no-opts --fence
no_ba no-opts
t_delta no-opts-counters "$CNP" \
	"drop.bu_no_auth=+1 rx.bu=+1 rx.coti=+1 tx.cot=+1"
binding_is after-forged "$HOA" "$COA" 103 A 300 400

# (e) Sequence numbers, modulo 2^16: the last accepted one (a replay of
# the same octets) and the 32768 before it get BA 135 with the last
# accepted number; the 32767 after it are newer, across the wrap.
sim rr
t_json rr2-ok ok true
psave "$CNP"
sim bu --seq 103 --lifetime 100 --ack
ba_reject replay 135 103 valid
sim bu --seq 102 --lifetime 100 --ack
ba_reject older 135 103 valid
sim bu --seq $(((103 - 32768) & 0xffff)) --lifetime 100 --ack
ba_reject oldest-of-window 135 103 valid
sim bu --seq $((103 + 32767)) --lifetime 100 --ack
ba_ok newest-of-window $((103 + 32767))
sim bu --seq 65535 --lifetime 100 --ack
ba_ok seq-65535 65535
sim bu --seq 0 --lifetime 100 --ack
ba_ok seq-wraps-to-0 0
sim bu --seq 65535 --lifetime 100 --ack
ba_reject stale-after-wrap 135 0 valid
t_delta seq-counters "$CNP" "event.ba_accepted=+3 event.ba_seq=+4 event.bind_update=+3 rx.bu=+7 tx.ba=+7"
binding_is after-seq "$HOA" "$COA" 0 A 300 400

# (f) Nonce indices the CN never issued count as expired: BA 136, 137,
# 138 without authenticator (no Kbm), also without the A bit.
psave "$CNP"
sim bu --seq 1 --lifetime 100 --ack --expired-home
ba_reject expired-home 136 1 absent
sim bu --seq 1 --lifetime 100 --ack --expired-coa
ba_reject expired-coa 137 1 absent
sim bu --seq 1 --lifetime 100 --ack --expired-home --expired-coa
ba_reject expired-both 138 1 absent
sim bu --seq 1 --lifetime 100 --expired-home --wait 10
ba_reject expired-home-no-ack 136 1 absent
# Deregistration uses the home nonce only.
sim bu --seq 1 --lifetime 0 --ack --expired-coa --fence
t_json expired-coa-dereg-fenced fence true
t_json expired-coa-dereg-no-137 status 0
# ... which put the binding away; bring it back.
sim bu --seq 2 --lifetime 100 --ack
ba_ok readd 2
# A home registration is not for a CN: BA 131.
sim bu --seq 3 --lifetime 100 --ack --home
t_json home-reg-status status 131
t_json home-reg-dst-coa ba_dst "$COA"
t_delta nonce-counters "$CNP" "event.ba_accepted=+2 event.ba_expired_coa=+1 event.ba_expired_home=+2 event.ba_expired_nonces=+1 event.ba_other=+1 event.bind_add=+1 event.bind_del=+1 rx.bu=+7 rx.coti=+1 tx.ba=+7 tx.cot=+1"
binding_is after-nonces "$HOA" "$COA" 2 A 300 400

# (g) Truncated BUs: codec drops, no BA.
psave "$CNP"
sim bu --seq 3 --lifetime 100 --ack --truncate 24 --fence
no_ba truncated-bad
sim bu --seq 3 --lifetime 100 --ack --truncate 8 --fence
no_ba truncated-fixed-part
t_delta truncated-counters "$CNP" \
	"drop.hdrlen_short=+1 drop.opt_truncated=+1 rx.coti=+2 tx.cot=+2"

# (h) Binding Errors: status 2 for an unknown MH type, status 1 for a
# Home Address option without a binding; both rate-limited.
psave "$CNP"
sim mh --type 42 --hdrlen 1
t_json unknown-type-be be true
t_json unknown-type-be-status be_status 2
t_json unknown-type-be-once be_count 1
t_json unknown-type-be-dst be_dst "$COA"
t_json unknown-type-be-src be_src "$CN"
t_json unknown-type-be-no-rh2 be_rh2 ""
t_json unknown-type-be-csum be_csum_ok true
t_json unknown-type-be-len be_len 24
t_json unknown-type-be-home-zero be_home ::
t_delta unknown-type-counters "$CNP" \
	"event.be_unknown_type=+1 rx.coti=+1 rx.other=+1 tx.be=+1 tx.cot=+1"
# With a Home Address option (the binding is there), the BE names the
# home address and still goes to the care-of address.
sim mh --type 42 --hdrlen 1 --hao
t_json unknown-type-hao-be-status be_status 2
t_json unknown-type-hao-be-home be_home "$HOA"
t_json unknown-type-hao-be-dst be_dst "$COA"
psave "$CNP"
sim udp-hao --port $PORT --hoa $HOA2
t_json unknown-hao-not-delivered received false
t_json unknown-hao-be be true
t_json unknown-hao-be-status be_status 1
t_json unknown-hao-be-home be_home $HOA2
t_json unknown-hao-be-dst be_dst "$COA"
t_json unknown-hao-be-csum be_csum_ok true
t_delta unknown-hao-counters "$CNP" "event.be_unknown_hao=+1 tx.be=+1"
psave "$CNP"
sim mh --type 42 --hdrlen 1 --count 60
t_json be-burst-fenced fence true
jget be_count
nbe=$J
psnap "$CNP"
moved event.be_unknown_type
sent=$M
moved event.be_ratelimited
limited=$M
t_eq be-burst-answered-counted "$sent" "$nbe"
t_eq be-burst-all-counted "$((sent + limited))" 60
t_assert be-burst-limited test "$limited" -ge 1
t_assert be-burst-some-answered test "$nbe" -ge 1
moved rx.other
t_eq be-burst-rx-other "$M" 60

# (j) Deregistration with lifetime 0 (Kbm from the home token only)
# removes the binding and its states; the wildcard stays.
sim rr
t_json rr3-ok ok true
sim bu --seq 9 --lifetime 100 --ack
ba_ok before-dereg 9
psave "$CNP"
sim bu --seq 10 --lifetime 0 --ack
ba_ok dereg 10
t_json dereg-ba-lifetime ba_lifetime 0
t_json dereg-kbm-home-only kbm_dereg true
no_binding dereg "$HOA"
t_delta dereg-counters "$CNP" \
	"event.ba_accepted=+1 event.bind_del=+1 rx.bu=+1 tx.ba=+1"
t_xfrm dereg-ro-states-gone "no_ro_states $HOA"
t_assert dereg-wildcard-stays wild_state
# The BU before the deregistration, replayed while its nonces are valid,
# meets the binding's tombstone (RFC 6275 §5.2.8): BA 135 with the
# deregistration's sequence number, no binding, no states.
replay_stopped replay-after-dereg 9 100 10
t_xfrm replay-after-dereg-no-ro-states "no_ro_states $HOA"
# CoA == HoA: a BU from the HoA itself, no HAO, no RH2 on the BA.
sim bu --seq 11 --lifetime 100 --ack
ba_ok readd2 11
t_xfrm readd2-ro-states "ro_states $HOA $COA"
psave "$CNP"
sim bu --seq 12 --lifetime 100 --ack --at-home
t_json at-home-ba-status status 0
t_json at-home-ba-seq ba_seq 12
t_json at-home-ba-bad ba_bad valid
t_json at-home-ba-dst ba_dst "$HOA"
t_json at-home-ba-no-rh2 ba_rh2 ""
t_json at-home-ba-csum ba_csum_ok true
no_binding at-home "$HOA"
t_delta at-home-counters "$CNP" \
	"event.ba_accepted=+1 event.bind_del=+1 rx.bu=+1 tx.ba=+1"
t_xfrm at-home-ro-states-gone "no_ro_states $HOA"
# Data to the HoA goes straight there again.
sim cn-ping
t_json unbound-ping-to-hoa dst "$HOA"
t_json unbound-ping-no-rh rh_type null

# (i) Expiry: a binding refreshed to 4 seconds goes, with its states.
# (Bound for long first, so the states are surely seen before expiry
# even on a slow kernel.)  Each group of BUs starts with a fresh return
# routability test: on the debug kernel under emulation the whole test
# outlasts MAX_NONCE_LIFETIME (240 s).
sim rr
t_json rr4-ok ok true
psave "$CNP"
sim bu --seq 13 --lifetime 100 --ack
ba_ok long 13
t_xfrm long-ro-states "ro_states $HOA $COA"
sim bu --seq 14 --lifetime 1 --ack
ba_ok short 14
t_json short-ba-lifetime ba_lifetime 1
binding_is short "$HOA" "$COA" 14 A 0 4
for i in $(seq 100); do
	psnap "$CNP"
	[ -z "${BIND[$HOA]+x}" ] && break
	nap 0.2
done
no_binding expired "$HOA"
t_delta expiry-counters "$CNP" "event.ba_accepted=+2 event.bind_add=+1 event.bind_expire=+1 event.bind_update=+1 rx.bu=+2 tx.ba=+2"
t_xfrm expired-ro-states-gone "no_ro_states $HOA"
# An expired binding keeps its tombstone as well.
replay_stopped replay-after-expiry 14 1 14
t_xfrm replay-after-expiry-no-ro-states "no_ro_states $HOA"

# cn=0 takes every state and policy away, the wildcard ones too.
sim rr
t_json rr5-ok ok true
sim bu --seq 15 --lifetime 100 --ack
ba_ok before-cn0 15
t_xfrm before-cn0-ro-states "ro_states $HOA $COA"
t_assert cn-disable nsx cn sysctl -qw net.omipv6.cn=0
t_xfrm cn0-xfrm-empty xfrm_empty policy
t_assert cn-reenable nsx cn sysctl -qw net.omipv6.cn=1
t_xfrm cn1-wildcard-back wild_state
# So does a binding that cn=0 ended.
replay_stopped replay-after-cn0 15 100 15
t_xfrm replay-after-cn0-no-ro-states "no_ro_states $HOA"

# Netns exit with a live binding (the leak check is kmemleak's).
sim rr
t_json rr6-ok ok true
sim bu --seq 16 --lifetime 100 --ack
ba_ok before-netns-exit 16
t_xfrm before-netns-exit-ro-states "ro_states $HOA $COA"
sim_stop
t_eq mn-sim-stderr "$(grep -v '^$' "$SIM_ERR")" ""

# (k) The whole exchange decodes cleanly.
kill "$tcpdump_pid" 2>/dev/null
wait "$tcpdump_pid" 2>/dev/null
[ -z "${OMIPV6_RESULTS:-}" ] || cp "$pcap" "$OMIPV6_RESULTS/cn.pcap"
# One pass for per-frame facts: Hop Limit (the BUs truncated on purpose
# left with 7, mn_sim.py --truncate: malformed by design, set aside),
# MH type, and for (b) the echo requests' addresses and routing header.
tshark -r "$pcap" -T fields -E separator=/t -E occurrence=f -e ipv6.hlim \
	-e mip6.mhtype -e icmpv6.type -e ipv6.src -e ipv6.dst \
	-e ipv6.routing.type -e ipv6.routing.mipv6.home_address \
	>"$tmp/fields.txt" 2>"$tmp/tshark.err"
t_eq tshark-broken-on-purpose "$(awk -F'\t' '$1 == 7 { printf "%s ", $2 }' "$tmp/fields.txt")" "5 5 "
# (b) again, in the capture: the echo request to the CoA carries a type
# 2 routing header with the HoA.
t_eq tshark-ping-rh2 "$(awk -F'\t' '$3 == 128 && $6 == 2 { print $4, $5, $7; exit }' "$tmp/fields.txt")" \
	"$CN $COA $HOA"
# Everything else decodes cleanly.
tshark -r "$pcap" -Y 'ipv6.hlim != 7' -V >"$tmp/decode.txt" 2>>"$tmp/tshark.err"
[ -z "${OMIPV6_RESULTS:-}" ] || cp "$tmp/decode.txt" "$OMIPV6_RESULTS/cn.decode.txt"
t_eq tshark-no-malformed "$(grep -c '\[Malformed Packet' "$tmp/decode.txt")" 0
t_eq tshark-no-expert-error "$(grep -c 'Expert Info (Error' "$tmp/decode.txt")" 0
t_eq tshark-stderr-empty "$(grep -v 'Running as user' "$tmp/tshark.err")" ""
for type in "Home Test Init (1)" "Care-of Test Init (2)" "Home Test (3)" \
	"Care-of Test (4)" "Binding Update (5)" \
	"Binding Acknowledgement (6)" "Binding Error (7)"; do
	t_assert "tshark-has-${type// /-}" grep -qF \
		"Mobility Header Type: $type" "$tmp/decode.txt"
done

kill "$CNP" 2>/dev/null
wait "$CNP" 2>/dev/null
ip netns del cn
ip netns del mn
t_assert rmmod mod_unload
rm -rf "$tmp"
exit 0
