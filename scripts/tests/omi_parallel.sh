#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# net.omipv6.parallel_cn_bu between omipv6's MN, HA and CN on the
# standard topology, with the OMIPv6 exchange on and the CN pinging the
# home address.  The sysctl defaults to 0, refuses values out of range
# and keeps the old one.  With it on at the MN:
#
#  - home -> a, no SA yet: return routability still waits for the home
#    agent's BA (HoTI and CoTI leave after it); the exchange makes the
#    SA;
#  - a -> b under the SA: the BU under Kabm leaves the MN before the
#    home agent's BA arrives; after that BA the same BU (same octets,
#    so same sequence number) leaves again through the reverse tunnel.
#    The CN applies one BU and answers it once, and drops the copy as a
#    replay (sa_replay); the binding moves to b, the ping goes on, and
#    the handover record has the home agent's and the CN's BA;
#  - ICMPv6 address-unreachable errors about the old care-of address
#    (at the CN about a packet it sent there; at the MN, to its care-of
#    address and to its home address through the HA, about a BU it sent
#    from there) arrive and change neither the CN's binding nor the
#    MN's state;
#  - the HA refuses the registration (the mobile node removed there:
#    BA 133, which the HA cannot authenticate) while the BU under Kabm
#    moves the CN's binding b -> a: the MN drops each such BA (mn_auth)
#    and retransmits, keeps the CN's binding, sends no copy through the
#    HA, and the ping is answered on the direct path; with the mobile
#    node configured at the HA again, a move registers it and the copy
#    follows;
#  - those run with the sysctl at 2; at 1 the BU still leaves before the
#    home agent's BA, and no copy follows: 2 messages with the CN.
# debug: check
# weight: 330
. "$OMIPV6_REPO/scripts/lib/test.sh"
. "$OMIPV6_REPO/scripts/lib/topo.sh"
. "$OMIPV6_REPO/scripts/lib/mn_sim.sh"
. "$OMIPV6_REPO/scripts/lib/mip.sh"
. "$OMIPV6_REPO/scripts/lib/omi.sh"

CAPDIR=$(mktemp -d)
# The access router ar1's address towards the CN: the source of the
# ICMPv6 errors about the care-of address on its link.
AR1_ADDR=2001:db8:e1::1

# rec FROM PEER MSG in|out direct|tun|any: the tool's first such record
# since FROM: its index in I (-1 for none), the whole answer in R.
rec() {
	tool first "$@"
	jget idx
	I=$J
}

# t_before NAME A B: record A exists and came before record B.
t_before() {
	if [ "$2" -ge 0 ] && [ "$2" -lt "$3" ]; then
		t_ok "$1"
	else
		t_fail "$1" "record $2 not before record $3"
	fi
}

# snmp6 NS KEY: the counter KEY of NS's /proc/net/snmp6.
snmp6() {
	awk -v k="$2" '$1 == k { print $2 }' "/proc/${HOLD[$1]}/net/snmp6"
}

# snmp6_grew NS FROM KEY N: snmp6 KEY of NS is at least FROM + N.
snmp6_grew() {
	local v
	v=$(snmp6 "$1" "$3")
	[ "${v:-0}" -ge $(($2 + $4)) ] && return 0
	WHY="$1 $3=${v:-none}, want >= $(($2 + $4))"
	return 1
}

# exact_or_retx NAME TAG CHECK...: CHECK (t_* assertion and its
# arguments) when the MN did not retransmit since mark mn TAG (a slow
# guest may), else only log that it did.
exact_or_retx() {
	local name=$1 tag=$2
	shift 2
	if [ "$(grew mn "$tag" event.mn_retx)" -eq 0 ]; then
		"$@"
	else
		mip_log "$name: the MN retransmitted, not exact"
	fi
}

mip_log start
t0=$SECONDS
TOPO_DELAY=0 t_assert topology topo_create
t_assert insmod mod_load
t_assert holders mip_holders

# The sysctl: default, range checks, per namespace.
ip netns add px
t_eq default "$(sget px parallel_cn_bu)" 0
t_assert preset sset px parallel_cn_bu 1
t_assert preset-copy sset px parallel_cn_bu 2
for v in 3 -1 abc ""; do
	reject "reject-${v:-empty}" px parallel_cn_bu "$v"
done
t_eq other-netns-untouched "$(sget mn parallel_cn_bu)" 0
ip netns del px

t_assert configure mip_setup
t_assert omi-enable omi_enable mn cn
t_assert parallel-on sset mn parallel_cn_bu 2
t_assert tool-start tool_start mn ar1
t_assert home-attach topo_attach home
t_wait home-state "$MIP_WAIT" is mn mn.state home
ping_start
TS[home]=$EPOCHREALTIME
t_wait home-pings "$MIP_WAIT" ping_replies_since "${TS[home]}" 3

# Home -> a without SA: return routability after the home agent's BA.
go_to a a $COA_A
rec "${MK[a]}" $HA_ADDR ba in any
HABA=$I
rec "${MK[a]}" $CN_ADDR hoti out any
t_before a-ha-ba-before-hoti "$HABA" "$I"
rec "${MK[a]}" $CN_ADDR coti out any
t_before a-ha-ba-before-coti "$HABA" "$I"
t_wait a-mn-established "$MIP_WAIT" omi_is mn state established
t_wait a-cn-sa 10 sa_is cn epoch 1
t_assert a-mn-sa sa_is mn epoch 1

# a -> b under the SA: the BU with the home BU, its copy after the BA.
go_to b b $COA_B
t_wait b-pings-after "$MIP_WAIT" ping_replies_since "${TS[b]}" 8
tool waitcount "${MK[b]}" $CN_ADDR bu 2 30
rec "${MK[b]}" $HA_ADDR bu out any
HABU=$I
rec "${MK[b]}" $CN_ADDR bu out direct
CNBU=$I
jget kabm
t_eq b-bu-kabm "$J" true
rec "${MK[b]}" $HA_ADDR ba in any
HABA=$I
rec "${MK[b]}" $CN_ADDR bu out tun
COPY=$I
jget osrc
t_eq b-copy-from-coa "$J" $COA_B
jget odst
t_eq b-copy-to-ha "$J" $HA_ADDR
t_before b-home-bu-first "$HABU" "$CNBU"
t_before b-cn-bu-before-ha-ba "$CNBU" "$HABA"
t_before b-copy-after-ha-ba "$HABA" "$COPY"
tool twin "$COPY"
jget idx
t_assert b-copy-same-octets test "$J" -ge 0 -a "$J" -ne "$COPY"
exact_or_retx b-copy-of-first b t_eq b-copy-of-first "$J" "$CNBU"
counts b "${MK[b]}" $CN_ADDR
t_counts b-no-test-init "hoti=0 hot=0 coti=0 cot=0"
exact_or_retx b-messages b t_counts b-messages \
	"total=3 bu=2 ba=1 bu_kabm=2 ba_kabm=1"
t_wait b-cn-copy-dropped 10 at_least cn b drop.sa_replay 1
exact_or_retx b-cn-once b t_eq b-cn-once \
	"$(grew cn b rx.bu) $(grew cn b event.bind_update) $(grew cn b tx.ba) $(grew cn b drop.sa_replay)" \
	"2 1 1 1"
t_eq b-cn-one-ba-per-update "$(grew cn b tx.ba)" "$(grew cn b event.bind_update)"
t_same b-cn-no-drops cn b "drop.sa_auth drop.sa_opt event.bind_del"
t_same b-mn-no-drops mn b "drop.sa_auth drop.mn_auth event.mn_ba_rejected"
t_assert b-record handover $COA_B
mip_log "b: handover id=$HO_ID start=$HO_START ha_ba=$HO_HABA cn_ba=$HO_CNBA"
t_eq b-record-done "$HO_CNS $HO_DONE" "1 1"
t_assert b-record-ha-ba test "$HO_HABA" -gt "$HO_START"
t_assert b-record-cn-ba test "$HO_CNBA" -gt "$HO_START"

# ICMPv6 errors about the old care-of address.
rec "${MK[a]}" $CN_ADDR ba in direct
OLD_IN=$I
jget wdst
t_eq icmp-about-old-coa "$J" $COA_A
rec "${MK[a]}" $CN_ADDR bu out direct
OLD_OUT=$I
jget wsrc
t_eq icmp-about-old-coa-out "$J" $COA_A
mark cn icmp
mark mn icmp
CN_DU=$(snmp6 cn Icmp6InDestUnreachs)
MN_DU=$(snmp6 mn Icmp6InDestUnreachs)
TS[icmp]=$EPOCHREALTIME
tool icmperr "$OLD_IN" $AR1_ADDR $CN_ADDR
tool icmperr "$OLD_OUT" $AR1_ADDR $COA_B
tool icmperr "$OLD_OUT" $AR1_ADDR $HOA
t_wait icmp-cn-received 10 snmp6_grew cn "$CN_DU" Icmp6InDestUnreachs 1
t_wait icmp-mn-received 10 snmp6_grew mn "$MN_DU" Icmp6InDestUnreachs 2
t_wait icmp-pings-after "$MIP_WAIT" ping_replies_since "${TS[icmp]}" 5
t_assert icmp-cn-binding-kept cn_bound $COA_B
t_same icmp-cn-unchanged cn icmp "event.bind_add event.bind_update
	event.bind_del event.bind_expire"
t_assert icmp-mn-kept mn_away $COA_B
t_same icmp-mn-unchanged mn icmp "event.mn_move event.mn_fallback
	event.mn_retx tx.bu"

# The home agent refuses; the CN's binding moves anyway and stays.
t_assert rej-ha-forgets mip_ctl ha mn del "$HOA"
for ns in mn ha cn; do
	mark $ns rej
done
tmark
MK[rej]=$M
TS[rej]=$EPOCHREALTIME
t_assert rej-attach topo_attach a
t_wait rej-refused "$MIP_WAIT" at_least mn rej drop.mn_auth 2
t_same rej-not-taken mn rej "event.mn_ba_rejected event.mn_ha_bound"
t_wait rej-cn-binding 10 cn_bound $COA_A
t_wait rej-mn-cn-bound 10 is mn mncn.state bound
t_wait rej-pings-direct "$MIP_WAIT" ping_replies_since "${TS[rej]}" 5
rec "${MK[rej]}" $CN_ADDR bu out direct
CNBU=$I
rec "${MK[rej]}" $HA_ADDR ba in any
t_before rej-cn-bu-before-ha-ba "$CNBU" "$I"
rec "${MK[rej]}" $CN_ADDR bu out tun
t_eq rej-no-copy "$I" -1
t_same rej-cn-no-copy cn rej "drop.sa_replay drop.sa_auth event.bind_del"
t_same rej-mn-no-fallback mn rej "event.mn_fallback"

# Configured again at the HA: a move registers, and the copy follows.
t_assert again-ha-knows mip_ctl ha mn add "$HOA" spi $MIP_SPI key $MIP_KEY
mark cn again
tmark
MK[again]=$M
t_assert again-move mip_ctl mn move
t_wait again-bound "$MIP_WAIT" mn_away $COA_A
tool waitcount "${MK[again]}" $CN_ADDR bu 2 30
rec "${MK[again]}" $CN_ADDR bu out tun
t_assert again-copy test "$I" -ge 0
t_wait again-cn-copy-dropped 10 at_least cn again drop.sa_replay 1
t_assert again-cn-binding cn_bound $COA_A
t_same again-cn-no-drops cn again "drop.sa_auth event.bind_del"

# 1: the BU still goes with the home BU, and no copy follows.
t_assert nocopy-set sset mn parallel_cn_bu 1
mark cn nocopy
mark mn nocopy
tmark
MK[nocopy]=$M
t_assert nocopy-move mip_ctl mn move
t_wait nocopy-bound "$MIP_WAIT" mn_away $COA_A
t_wait nocopy-cn-updated 10 at_least cn nocopy event.bind_update 1
tool waitcount "${MK[nocopy]}" $HA_ADDR ba 1 30
rec "${MK[nocopy]}" $CN_ADDR bu out direct
CNBU=$I
rec "${MK[nocopy]}" $HA_ADDR ba in any
t_before nocopy-cn-bu-before-ha-ba "$CNBU" "$I"
# A copy would leave right after the home agent's BA.
sleep 1
rec "${MK[nocopy]}" $CN_ADDR bu out tun
t_eq nocopy-no-copy "$I" -1
counts nocopy "${MK[nocopy]}" $CN_ADDR
exact_or_retx nocopy-messages nocopy t_counts nocopy-messages \
	"total=2 bu=1 ba=1 bu_kabm=1 ba_kabm=1"
t_same nocopy-cn-no-replay cn nocopy "drop.sa_replay drop.sa_auth"

kill "$PING_PID" 2>/dev/null
wait "$PING_PID" 2>/dev/null
mip_dump
tool_stop
mip_teardown
exit 0
