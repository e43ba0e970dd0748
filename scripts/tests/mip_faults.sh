#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The mobile node recovers from lost messages and copes with refusals,
# on the standard topology with omipv6's own MN, HA and CN.  An nftables
# rule drops one kind of Mobility Header (HoT, CoT, the HA's BA, the
# CN's BA) while the MN moves: the MN retransmits (mn_retx, the message
# arrives more than once) and completes the binding once the rule is
# gone.  A CN without the CN role is left to the reverse tunnel (state
# tunnel, mn_fallback) while pings to the home address keep working
# through the HA.  A wrong MN-HA key is dropped by the HA (ha_auth) and
# the MN never binds; an unknown home address gets BA 133, which the HA
# cannot authenticate: the MN drops it (mn_auth) like a forgery and
# keeps retransmitting, and binds once the HA knows it again.
. "$OMIPV6_REPO/scripts/lib/test.sh"
. "$OMIPV6_REPO/scripts/lib/topo.sh"
. "$OMIPV6_REPO/scripts/lib/mn_sim.sh"
. "$OMIPV6_REPO/scripts/lib/mip.sh"

CAPDIR=$(mktemp -d)
declare -A TS

# ha_only_bound COA: the MN's home registration is done at COA.
ha_only_bound() {
	rd mn
	local got="${P[mn.state]:-none} ${P[mn.coa]:-none} ${P[mn.ha_state]:-none}"
	[ "$got" = "away $1 bound" ] && return 0
	WHY="mn state/coa/ha_state: $got"
	return 1
}

# go LINK: move to LINK, or force a movement where it is with "same".
go() {
	if [ "$1" = same ]; then
		mip_ctl mn move
	else
		topo_attach "$1"
	fi
}

# lose NAME NS HOOK MHTYPE SEEN_NS SEEN_KEY LINK COA [MN_RX OTHER_RX]:
# drop that MH type at HOOK of NS while moving to LINK; SEEN_KEY counts
# the request the dropped message answers at SEEN_NS.  With MN_RX: the
# MN counted none of the dropped type but did get OTHER_RX (the rule
# drops that type only) while the rule was there.
lose() {
	local name=$1 ns=$2 hook=$3 type=$4 seen=$5 key=$6 link=$7 coa=$8
	local mnrx=${9:-} other=${10:-} hits
	mark mn "$name"
	mark "$seen" "$name"
	t_assert "$name-rule" nft_drop "$ns" "$hook" "$type"
	TS[$name]=$EPOCHREALTIME
	mip_log "$name: moving ($link) with MH type $type dropped at $ns $hook"
	t_assert "$name-move" go "$link"
	t_wait "$name-request-repeated" "$MIP_WAIT" at_least "$seen" "$name" "$key" 2
	# The rule goes at once, while the MN still has attempts left (the
	# third and last leaves 3 s after the first); what it let through
	# until then is read from a mark taken just before.
	mark mn "$name-cut"
	hits=$(nft_hits "$ns")
	t_assert "$name-rule-removed" nft_clear "$ns"
	t_match "$name-rule-dropped" "$hits" '^[1-9][0-9]*$'
	t_marked "$name-mn-retx" mn "$name" "$name-cut" "event.mn_retx>=1"
	if [ -n "$mnrx" ]; then
		t_marked "$name-none-through" mn "$name" "$name-cut" "$mnrx=0"
		t_marked "$name-others-through" mn "$name" "$name-cut" "$other>=1"
	fi
	t_wait "$name-recovered" "$MIP_WAIT" mn_away "$coa"
	t_wait "$name-ha-binding" 10 ha_bound "$coa"
	t_wait "$name-cn-binding" 10 cn_bound "$coa"
}

mip_log start
t0=$SECONDS
TOPO_DELAY=0 t_assert topology topo_create
t_assert insmod mod_load
t_assert holders mip_holders
t_assert configure mip_setup
t_assert capture-mn cap_start mn
t_assert nft-modules nft_load
t_assert nft-matches-mh-type nft_drop cn output 250
t_assert nft-clear nft_clear cn

t_assert home-attach topo_attach home
t_wait home-state "$MIP_WAIT" is mn mn.state home
ping_start
t_assert a-attach topo_attach a
t_wait a-bound "$MIP_WAIT" mn_away $COA_A
mip_dump

# Lost messages: the MN tries again.
lose hot-lost cn output 3 cn rx.hoti b $COA_B rx.hot rx.cot
lose cot-lost cn output 4 cn rx.coti a $COA_A rx.cot rx.ba
lose ha-ba-lost ha output 6 ha rx.bu same $COA_A
lose cn-ba-lost cn output 6 cn rx.bu b $COA_B

# A CN that does not answer is left to the reverse tunnel.
mark mn fallback
t_assert fallback-cn-off nsx cn sysctl -qw net.omipv6.cn=0
t_assert fallback-move topo_attach a
t_wait fallback-tunnel "$MIP_WAIT" is mn mncn.state tunnel
t_grew fallback-event mn fallback "event.mn_fallback>=1"
t_wait fallback-ha-binding 10 ha_bound $COA_A
t_assert fallback-no-cn-binding cn_bound -
mark ha fallback
TF=$EPOCHREALTIME
t_wait fallback-pings "$MIP_WAIT" ping_replies_since "$TF" 5
t_grew fallback-through-ha ha fallback "event.tun_encap>=5 event.tun_decap>=5"
t_assert fallback-cn-on nsx cn sysctl -qw net.omipv6.cn=1

# A wrong MN-HA key: the HA drops the BUs, the MN never binds.
mark mn key
mark ha key
t_assert key-wrong mip_ctl mn set key $MIP_BADKEY
t_assert key-move mip_ctl mn move
t_wait key-ha-auth-drops "$MIP_WAIT" at_least ha key drop.ha_auth 2
t_refute key-mn-not-bound is mn mn.ha_state bound
t_same key-no-ba ha key "tx.ba event.ha_reg event.ha_refresh"
t_same key-mn-no-ha-bound mn key "event.mn_ha_bound"
t_grew key-mn-retx mn key "event.mn_retx>=1"
t_assert key-right mip_ctl mn set key $MIP_KEY
t_assert key-move-again mip_ctl mn move
t_wait key-bound "$MIP_WAIT" ha_only_bound $COA_A

# A home address the HA does not serve: BA 133.
mark mn unknown
mark ha unknown
TS[unknown]=$EPOCHREALTIME
t_assert unknown-mn-del mip_ctl ha mn del "$HOA"
t_assert unknown-ha-forgot is ha hamn.coa none
t_assert unknown-move mip_ctl mn move
t_wait unknown-dropped "$MIP_WAIT" at_least mn unknown drop.mn_auth 2
t_grew unknown-ha-answered ha unknown "rx.bu>=2 tx.ba>=2 event.ba_other>=2"
t_same unknown-not-rejected mn unknown "event.mn_ba_rejected"
t_refute unknown-mn-not-bound is mn mn.ha_state bound
TS[unknown_end]=$EPOCHREALTIME
t_assert unknown-mn-add mip_ctl ha mn add "$HOA" spi $MIP_SPI key $MIP_KEY
t_assert unknown-move-again mip_ctl mn move
t_wait unknown-bound "$MIP_WAIT" ha_only_bound $COA_A

t_assert back-attach topo_attach home
t_wait back-home "$MIP_WAIT" is mn mn.state home
t_wait back-ha-binding-gone "$MIP_WAIT" ha_bound -

kill "$PING_PID" 2>/dev/null
wait "$PING_PID" 2>/dev/null
cap_stop mn
cap_fields mn
q='"'
t_cap unknown-wire-ba-133 mn "${TS[unknown]}" "${TS[unknown_end]}" \
	"\$2 == 0 && \$5 == 6 && \$3 == $q$HA_ADDR$q && \$10 == 133"
cap_count mn "${TS[ha-ba-lost]}" "${TS[cn-ba-lost]}" \
	"\$2 == 4 && \$5 == 5 && \$4 == $q$HA_ADDR$q"
t_assert ha-ba-lost-wire-bu-repeated test "$N" -ge 2
t_mh_clean tshark-mh-clean mn
[ -z "${OMIPV6_RESULTS:-}" ] || cp "$CAPDIR/mn.pcap" "$OMIPV6_RESULTS/mip_faults-mn.pcap"

mip_teardown
exit 0
