#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Plain Mobile IPv6 between omipv6's own MN, HA and CN on the standard
# topology: the MN starts at home, moves home -> a -> b -> home while
# the CN pings the home address and streams TCP to it.  After each move
# to a foreign link: home registration (BU with HAO, BA with RH2),
# return routability (HoTI/HoT through the HA's tunnel, CoTI/CoT
# direct), the BU/BA with the CN, route-optimized data both ways, the
# three nodes' /proc state, a handover record and the counters.  Back
# home: every binding and the proxy ND entry gone, no more tunnelling.
# Pings come back within a bound after each move, the TCP transfer
# arrives whole, and tshark decodes every Mobility Header cleanly.
# weight: 750
. "$OMIPV6_REPO/scripts/lib/test.sh"
. "$OMIPV6_REPO/scripts/lib/topo.sh"
. "$OMIPV6_REPO/scripts/lib/mn_sim.sh"
. "$OMIPV6_REPO/scripts/lib/mip.sh"

CAPDIR=$(mktemp -d)
declare -A TS TB
CAP_NS="mn ha cn"

# away LINK COA: move to a foreign link and check the state there.
away() {
	local l=$1 coa=$2 ns
	for ns in mn ha cn; do
		mark $ns "$l"
	done
	TS[$l]=$EPOCHREALTIME
	mip_log "moving to $l"
	t_assert "$l-attach" topo_attach "$l"
	t_wait "$l-mn-away" "$MIP_WAIT" mn_away "$coa"
	t_wait "$l-ha-binding" 10 ha_bound "$coa"
	t_wait "$l-cn-binding" 10 cn_bound "$coa"
	t_wait "$l-proxy-nd" 10 has_proxy_nd
	TB[$l]=$EPOCHREALTIME
	t_ping_back "$l-ping-back" "${TS[$l]}"
	# Route-optimized pings after the CN's binding, for the captures.
	t_wait "$l-pings-after-ro" "$MIP_WAIT" ping_replies_since "${TB[$l]}" 5
	t_wait "$l-handover" 10 handover "$coa"
	t_match "$l-handover-ha-ba" "${HO_HABA:-none}" '^[1-9][0-9]*$'
	t_match "$l-handover-cn-ba" "${HO_CNBA:-none}" '^[1-9][0-9]*$'
	if [[ ${HO_START:-x} =~ ^[0-9]+$ && ${HO_HABA:-x} =~ ^[0-9]+$ ]] &&
		[ "$HO_HABA" -ge "$HO_START" ]; then
		t_ok "$l-handover-ha-ba-after-start"
	else
		t_fail "$l-handover-ha-ba-after-start" "start=${HO_START:-} ha_ba=${HO_HABA:-}"
	fi
	# The movement was detected after the link came up (pcap clock).
	if [[ ${HO_START:-x} =~ ^[0-9]+$ ]] &&
		[ "$HO_START" -ge "${TS[$l]/./}000" ]; then
		t_ok "$l-handover-start-after-move"
	else
		t_fail "$l-handover-start-after-move" "start=${HO_START:-} move=${TS[$l]}"
	fi
	mip_log "$l handover: start=$HO_START ha_ba=$HO_HABA cn_ba=$HO_CNBA cns=$HO_CNS done=$HO_DONE"
	t_grew "$l-mn-counters" mn "$l" "tx.bu>=2 rx.ba>=2 tx.hoti>=1 rx.hot>=1
		tx.coti>=1 rx.cot>=1 event.mn_move>=1 event.mn_ha_bound>=1
		event.mn_cn_bound>=1 event.tun_encap>=1 event.tun_decap>=1"
	t_grew "$l-ha-counters" ha "$l" "rx.bu>=1 tx.ba>=1 event.ha_reg>=1
		event.tun_encap>=1 event.tun_decap>=1"
	t_grew "$l-cn-counters" cn "$l" "rx.hoti>=1 tx.hot>=1 rx.coti>=1
		tx.cot>=1 rx.bu>=1 tx.ba>=1 event.ba_accepted>=1"
	mip_dump
}

# away_wire LINK COA UNTIL: what the captures saw while on LINK.
away_wire() {
	local l=$1 coa=$2 from=${TS[$1]} to=$3
	local q='"' h=$HOA c=$CN_ADDR a=$HA_ADDR
	t_cap "$l-wire-bu-to-ha" mn "$from" "$to" \
		"\$2 == 4 && \$5 == 5 && \$3 == $q$coa$q && \$4 == $q$a$q && \$6 == $q$h$q && \$11 ~ /^(1|True)\$/"
	t_cap "$l-wire-ba-from-ha" mn "$from" "$to" \
		"\$2 == 0 && \$5 == 6 && \$3 == $q$a$q && \$4 == $q$coa$q && \$7 == 2 && \$8 == $q$h$q && \$10 == 0"
	t_cap "$l-wire-hoti-tunnelled-to-ha" ha "$from" "$to" \
		"\$2 == 0 && \$5 == 1 && \$3 == $q$coa,$h$q && \$4 == $q$a,$c$q"
	t_cap "$l-wire-hoti-leaves-ha" ha "$from" "$to" \
		"\$2 == 4 && \$5 == 1 && \$3 == $q$h$q && \$4 == $q$c$q"
	t_cap "$l-wire-hot-tunnelled-to-coa" mn "$from" "$to" \
		"\$2 == 0 && \$5 == 3 && \$3 == $q$a,$c$q && \$4 == $q$coa,$h$q"
	t_cap "$l-wire-coti-direct" cn "$from" "$to" \
		"\$2 == 0 && \$5 == 2 && \$3 == $q$coa$q && \$4 == $q$c$q"
	t_cap "$l-wire-cot-direct" cn "$from" "$to" \
		"\$2 == 4 && \$5 == 4 && \$3 == $q$c$q && \$4 == $q$coa$q"
	t_cap "$l-wire-bu-to-cn" cn "$from" "$to" \
		"\$2 == 0 && \$5 == 5 && \$3 == $q$coa$q && \$4 == $q$c$q && \$6 == $q$h$q"
	t_cap "$l-wire-ba-from-cn" cn "$from" "$to" \
		"\$2 == 4 && \$5 == 6 && \$3 == $q$c$q && \$4 == $q$coa$q && \$7 == 2 && \$8 == $q$h$q && \$10 == 0"
	t_cap "$l-wire-ro-echo-reply-hao" cn "$from" "$to" \
		"\$2 == 0 && \$9 == 129 && \$3 == $q$coa$q && \$4 == $q$c$q && \$6 == $q$h$q"
	t_cap "$l-wire-ro-echo-request-rh2" cn "$from" "$to" \
		"\$2 == 4 && \$9 == 128 && \$3 == $q$c$q && \$4 == $q$coa$q && \$7 == 2 && \$8 == $q$h$q"
	t_cap "$l-wire-ro-tcp-rh2" cn "$from" "$to" \
		"\$2 == 4 && \$14 > 0 && \$3 == $q$c$q && \$4 == $q$coa$q && \$7 == 2 && \$8 == $q$h$q"
}

mip_log "start"
t0=$SECONDS
TOPO_DELAY=0 t_assert topology topo_create
t_assert insmod mod_load
t_assert holders mip_holders
t_assert configure mip_setup
t_match roles "$(nsx mn cat /proc/net/omipv6; nsx ha cat /proc/net/omipv6)" \
	'roles mn=1 ha=0 cn=0'
t_wait detached-state 10 is mn mn.state detached
t_assert ha-configured is ha hamn.coa -
t_eq ha-spi "$(pv ha hamn.spi; echo "$V")" $MIP_SPI

for ns in $CAP_NS; do
	t_assert "capture-$ns" cap_start $ns
done

# At home.
TS[home0]=$EPOCHREALTIME
t_assert home-attach topo_attach home
t_wait home-state "$MIP_WAIT" is mn mn.state home
t_assert home-no-ha-binding is ha hamn.coa -
t_assert home-no-proxy-nd no_proxy_nd
ping_start
t_wait home-pings "$MIP_WAIT" ping_replies_since "${TS[home0]}" 3
t_assert tcp-connected tcp_start

away a $COA_A
away b $COA_B

# Home again.
for ns in mn ha cn; do
	mark $ns home
done
TS[home]=$EPOCHREALTIME
mip_log "moving home"
t_assert back-attach topo_attach home
t_wait back-mn-home "$MIP_WAIT" is mn mn.state home
t_wait back-ha-binding-gone "$MIP_WAIT" ha_bound -
t_wait back-no-proxy-nd 10 no_proxy_nd
t_wait back-cn-binding-gone "$MIP_WAIT" cn_bound -
TB[home]=$EPOCHREALTIME
t_ping_back back-ping-back "${TS[home]}"
t_wait back-handover 10 handover home
t_match back-handover-ha-ba "${HO_HABA:-none}" '^[1-9][0-9]*$'
t_grew back-mn-counters mn home "tx.bu>=2 rx.ba>=2 event.mn_home>=1"
t_grew back-ha-counters ha home "rx.bu>=1 tx.ba>=1 event.ha_dereg>=1"
t_grew back-cn-counters cn home "rx.bu>=1 tx.ba>=1 event.bind_del>=1"
# Direct now: the HA tunnels nothing while pings keep being answered.
mark ha direct
TD=$EPOCHREALTIME
t_wait back-pings-direct "$MIP_WAIT" ping_replies_since "$TD" 10
t_same back-ha-no-tunnel ha direct "event.tun_encap event.tun_decap"

tcp_finish
mip_log "tcp: $TCP_C / $TCP_S"
t_match tcp-client-verified "$TCP_C" ' reply=ok$'
t_eq tcp-bytes "$(sed -E 's/.* bytes=([0-9]+).*/\1/' <<<"$TCP_S")" \
	"$(sed -E 's/.* bytes=([0-9]+).*/\1/' <<<"$TCP_C")"
t_eq tcp-sha256 "$(sed -E 's/.* sha256=([0-9a-f]+).*/\1/' <<<"$TCP_S")" \
	"$(sed -E 's/.* sha256=([0-9a-f]+).*/\1/' <<<"$TCP_C")"
t_match tcp-server-peer "$TCP_S" "^server peer=$CN_ADDR "

kill "$PING_PID" 2>/dev/null
wait "$PING_PID" 2>/dev/null
t_eq ping-replies-from-hoa-only \
	"$(grep ' bytes from ' "$CAPDIR/ping.log" | grep -vc " from $HOA: ")" 0
TE=$EPOCHREALTIME
cap_stop $CAP_NS
for ns in $CAP_NS; do
	cap_fields $ns
	t_eq "tshark-$ns-stderr" "$(grep -v 'Running as user' "$CAPDIR/tshark-$ns.err")" ""
done

away_wire a $COA_A "${TS[b]}"
away_wire b $COA_B "${TS[home]}"
q='"'
t_cap back-wire-dereg-bu mn "${TS[home]}" "$TE" \
	"\$2 == 4 && \$5 == 5 && \$3 == $q$HOA$q && \$4 == $q$HA_ADDR$q && \$6 == $q$q"
t_cap back-wire-dereg-ba mn "${TS[home]}" "$TE" \
	"\$2 == 0 && \$5 == 6 && \$3 == $q$HA_ADDR$q && \$4 == $q$HOA$q && \$7 == $q$q && \$10 == 0"
t_cap back-wire-echo-direct cn "${TB[home]}" "$TE" \
	"\$2 == 4 && \$9 == 128 && \$4 == $q$HOA$q && \$7 == $q$q"
cap_count cn "${TB[home]}" "$TE" "\$2 == 4 && \$7 == 2"
t_eq back-wire-no-rh2-after-dereg "$N" 0

# Every Mobility Header decodes cleanly; 0x00800000 is an error.
for ns in $CAP_NS; do
	cap_count $ns 0 9e18 '$5 != ""'
	t_assert "tshark-$ns-has-mh" test "$N" -ge 4
	t_mh_clean "tshark-$ns-mh-clean" $ns
done
for ns in $CAP_NS; do
	[ -z "${OMIPV6_RESULTS:-}" ] || cp "$CAPDIR/$ns.pcap" "$OMIPV6_RESULTS/mip-$ns.pcap"
done
[ -z "${OMIPV6_RESULTS:-}" ] || cp "$CAPDIR/ping.log" "$OMIPV6_RESULTS/mip-ping.log"

mip_teardown
exit 0
