#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The Wireshark Lua dissector scripts/omipv6.lua decodes the OMIPv6
# messages DH1..DH4 and the Kabm authenticator option in BUs and BAs as
# omipv6's own builder makes them (tools/mhgen --pcap): every field
# tshark shows equals what mhgen was told to put there, and no field is
# shown that the message does not have.  A message shorter than its
# subtype needs, or cut short in the packet, is flagged malformed by an
# expert info, never by a Lua error.  Without the script tshark knows no
# omipv6 field, so the decoding checked here is the script's.  Needs no
# module: the packets go straight from mhgen into a pcap file.
# kernels: stock
. "$OMIPV6_REPO/scripts/lib/test.sh"

MHGEN=$OMIPV6_REPO/tools/mhgen/mhgen
LUA=$OMIPV6_REPO/scripts/omipv6.lua

HOA=2001:db8:1::100
COA=2001:db8:a::100
CN=2001:db8:c::1
HA=2001:db8:1::1

# N octets counting up from FIRST (modulo 256), as hex.
octets() {
	local i
	for ((i = 0; i < $2; i++)); do
		printf '%02x' $((($1 + i) & 255))
	done
}

SID_MN=0x1a2b3c4d
SID_CN=0xa5b6c7d8
NONCE_MN=$(octets 0x00 16)
NONCE_CN=$(octets 0x10 16)
GX_X25519=$(octets 0xa0 32)
GY_X25519=$(octets 0xc0 32)
GX_FFDHE=$(octets 0x41 256)
GY_FFDHE=$(octets 0x97 256)
SIG1=$(octets 0x20 32)
SIG2=$(octets 0x30 32)
MAC2=$(octets 0x50 32)
SIG3=$(octets 0x60 32)
MAC3=$(octets 0x70 32)
SIG4=$(octets 0x80 32)
MAC4=$(octets 0x90 32)
EPOCH_BU=7
EPOCH_BA=4000000000
ICV_BU=$(octets 0xe0 16)
ICV_BA=$(octets 0xf0 16)
LIFETIME=3600

DH1_G2="dh1 sid_mn=$SID_MN nonce=$NONCE_MN group=2 groups=6 pub=$GX_X25519 sig=$SIG1"
DH2_G2="dh2 sid_mn=$SID_MN sid_cn=$SID_CN nonce=$NONCE_CN group=2 flags=0 pub=$GY_X25519 sig=$SIG2 mac=$MAC2"

# NAME|SRC DST [PACKET WORDS]|MESSAGE: one packet each, in this order.
# The direction and extension headers are those omipv6 sends them with.
MSGS=(
	"dh1-g1|$COA $CN hao=$HOA|dh1 sid_mn=$SID_MN nonce=$NONCE_MN group=1 groups=2 pub=$GX_FFDHE sig=$SIG1"
	"dh1-g2|$COA $CN hao=$HOA|$DH1_G2"
	"dh2-g1|$CN $COA rh2=$HOA|dh2 sid_mn=$SID_MN sid_cn=$SID_CN nonce=$NONCE_CN group=1 flags=0 pub=$GY_FFDHE sig=$SIG2 mac=$MAC2"
	"dh2-g2|$CN $COA rh2=$HOA|$DH2_G2"
	"dh2-g2-via-ha|$CN $HOA tun=$HA,$COA|$DH2_G2"
	"dh3|$COA $CN hao=$HOA|dh3 sid_mn=$SID_MN sid_cn=$SID_CN id=$HOA sig=$SIG3 mac=$MAC3"
	"dh4|$CN $COA rh2=$HOA|dh4 sid_mn=$SID_MN sid_cn=$SID_CN id=$CN flags=0 lifetime=$LIFETIME sig=$SIG4 mac=$MAC4"
	"bu-kabm|$COA $CN hao=$HOA|bu seq=9 flags=A lifetime=105 kabm=$EPOCH_BU,$ICV_BU"
	"ba-kabm|$CN $COA rh2=$HOA|ba status=0 seq=9 lifetime=105 kabm=$EPOCH_BA,$ICV_BA"
	# Header Len 2: whole, but 24 octets where a DH1 needs 104.
	"dh1-short|$COA $CN hao=$HOA shorten=24|$DH1_G2"
	# Header Len 16 (136 octets), but the packet ends after 60.
	"dh2-cut|$CN $COA rh2=$HOA cut=60|$DH2_G2"
)
TRUNCATED="dh1-short dh2-cut"

# What tshark must show for each message with the script, field=value;
# fields of FIELDS not listed must be absent.
hex4() { printf '0x%04x' "$1"; }
hex8() { printf '0x%08x' "$1"; }
COMMON1="omipv6.subtype=1 omipv6.version=1 omipv6.sid_mn=$(hex8 $SID_MN) omipv6.sid_cn=$(hex8 0)"
COMMON2="omipv6.subtype=2 omipv6.version=1 omipv6.sid_mn=$(hex8 $SID_MN) omipv6.sid_cn=$(hex8 $SID_CN)"
DH2_G2_FIELDS="$COMMON2 omipv6.nonce=$NONCE_CN omipv6.group=2 omipv6.flags=$(hex4 0) omipv6.pub_len=32 omipv6.pub=$GY_X25519 omipv6.sig=$SIG2 omipv6.mac=$MAC2"
declare -A WANT=(
	[dh1-g1]="$COMMON1 omipv6.nonce=$NONCE_MN omipv6.group=1 omipv6.groups=$(hex4 2) omipv6.pub_len=256 omipv6.pub=$GX_FFDHE omipv6.sig=$SIG1"
	[dh1-g2]="$COMMON1 omipv6.nonce=$NONCE_MN omipv6.group=2 omipv6.groups=$(hex4 6) omipv6.pub_len=32 omipv6.pub=$GX_X25519 omipv6.sig=$SIG1"
	[dh2-g1]="$COMMON2 omipv6.nonce=$NONCE_CN omipv6.group=1 omipv6.flags=$(hex4 0) omipv6.pub_len=256 omipv6.pub=$GY_FFDHE omipv6.sig=$SIG2 omipv6.mac=$MAC2"
	[dh2-g2]="$DH2_G2_FIELDS"
	[dh2-g2-via-ha]="$DH2_G2_FIELDS"
	[dh3]="omipv6.subtype=3 omipv6.version=1 omipv6.sid_mn=$(hex8 $SID_MN) omipv6.sid_cn=$(hex8 $SID_CN) omipv6.id=$HOA omipv6.sig=$SIG3 omipv6.mac=$MAC3"
	[dh4]="omipv6.subtype=4 omipv6.version=1 omipv6.sid_mn=$(hex8 $SID_MN) omipv6.sid_cn=$(hex8 $SID_CN) omipv6.id=$CN omipv6.flags=$(hex4 0) omipv6.lifetime=$LIFETIME omipv6.sig=$SIG4 omipv6.mac=$MAC4"
	[bu-kabm]="omipv6.kabm.subtype=1 omipv6.kabm.epoch=$EPOCH_BU omipv6.kabm.icv=$ICV_BU"
	[ba-kabm]="omipv6.kabm.subtype=1 omipv6.kabm.epoch=$EPOCH_BA omipv6.kabm.icv=$ICV_BA"
	# Up to the last field that fits, nothing after.
	[dh1-short]="$COMMON1"
	[dh2-cut]="$COMMON2 omipv6.nonce=$NONCE_CN omipv6.group=2 omipv6.flags=$(hex4 0) omipv6.pub_len=32"
)
FIELDS=(omipv6.subtype omipv6.version omipv6.sid_mn omipv6.sid_cn omipv6.nonce
	omipv6.group omipv6.groups omipv6.flags omipv6.pub_len omipv6.pub
	omipv6.sig omipv6.mac omipv6.id omipv6.lifetime omipv6.kabm.subtype
	omipv6.kabm.epoch omipv6.kabm.icv)
# Mobility Header type each packet carries (stock tshark).
declare -A MHTYPE=([bu-kabm]=5 [ba-kabm]=6)

# Worst expert severity among comma separated decimal values.
worst() {
	local s w=0
	for s in ${1//,/ }; do
		[ "$s" -gt "$w" ] && w=$s
	done
	echo "$w"
}
PI_WARN=$((0x00600000))
PI_ERROR=$((0x00800000))
PI_MALFORMED=$((0x07000000))

tmp=$(mktemp -d)
t_assert mhgen-present test -x "$MHGEN"
t_assert lua-present test -s "$LUA"

# All packets into one pcap; the line order is the frame order.
NAMES=()
declare -A FRAME
: >"$tmp/packets.txt"
for m in "${MSGS[@]}"; do
	IFS='|' read -r name pkt msg <<<"$m"
	NAMES+=("$name")
	FRAME[$name]=${#NAMES[@]}
	echo "$pkt $msg" >>"$tmp/packets.txt"
done
t_assert mhgen-pcap "$MHGEN" --pcap "$tmp/omi.pcap" <"$tmp/packets.txt"
[ -z "${OMIPV6_RESULTS:-}" ] || cp "$tmp/omi.pcap" "$OMIPV6_RESULTS/omi_dissector.pcap"

# -e FIELD for each argument.
e_args() {
	local e
	for e in "$@"; do
		printf -- '-e\n%s\n' "$e"
	done
}

# Without the script: no omipv6 field or protocol exists, the DH
# messages are opaque experimental data and the options undecoded.
tshark -r "$tmp/omi.pcap" -Y omipv6 >/dev/null 2>"$tmp/stock-filter.err"
t_eq stock-filter-fails "$?" 2
t_assert stock-knows-no-omipv6 grep -q 'omipv6 is neither a field nor a protocol' "$tmp/stock-filter.err"
tshark -r "$tmp/omi.pcap" -V >"$tmp/stock.txt" 2>"$tmp/stock.err"
t_eq stock-decode-has-no-omipv6 "$(grep -c -i omipv6 "$tmp/stock.txt")" 0
t_eq stock-decode-has-no-kabm "$(grep -c -i kabm "$tmp/stock.txt")" 0
tshark -r "$tmp/omi.pcap" -T fields -E 'separator=|' -e frame.number \
	-e mip6.mhtype -e mip6.em.data -e mip6.csum \
	>"$tmp/stock-fields.txt" 2>>"$tmp/stock.err"
declare -A S_TYPE S_DATA S_CSUM
while IFS='|' read -r fr type data csum; do
	S_TYPE[$fr]=$type S_DATA[$fr]=$data S_CSUM[$fr]=$csum
done <"$tmp/stock-fields.txt"

# The packets hold the messages mhgen prints for the same words: the
# stock decode of a DH message is its octets from offset 6 on.
for i in "${!MSGS[@]}"; do
	IFS='|' read -r name pkt msg <<<"${MSGS[$i]}"
	f=$((i + 1))
	t_eq "$name-stock-mh-type" "${S_TYPE[$f]:-none}" "${MHTYPE[$name]:-11}"
	case "$name" in dh*) ;; *) continue ;; esac
	read -r src dst _ <<<"$pkt"
	psrc=$src pdst=$dst
	[[ "$pkt" =~ hao=([^ ]+) ]] && psrc=${BASH_REMATCH[1]}
	[[ "$pkt" =~ rh2=([^ ]+) ]] && pdst=${BASH_REMATCH[1]}
	# shellcheck disable=SC2086 # msg is words
	hex=$("$MHGEN" --csum "$psrc" "$pdst" $msg)
	[[ "$pkt" =~ cut=([0-9]+) ]] && hex=${hex:0:$((2 * BASH_REMATCH[1]))}
	[[ "$pkt" =~ shorten=([0-9]+) ]] && hex=${hex:0:$((2 * BASH_REMATCH[1]))}
	case "$name" in
	dh1-short|dh2-cut) ;;
	*) t_eq "$name-stock-checksum" "${S_CSUM[$f]:-none}" "0x${hex:8:4}" ;;
	esac
	# mip6 throws there: Header Len runs past the packet.
	[ "$name" = dh2-cut ] && continue
	t_eq "$name-stock-data" "${S_DATA[$f]:-none}" "${hex:12}"
done
t_eq stock-stderr-empty "$(grep -v 'Running as user' "$tmp/stock.err")" ""

# With the script.
run_lua() {
	tshark -X "lua_script:$LUA" "$@" 2>>"$tmp/lua.err"
}
: >"$tmp/lua.err"
run_lua -r "$tmp/omi.pcap" -V >"$tmp/decode.txt"
[ -z "${OMIPV6_RESULTS:-}" ] || cp "$tmp/decode.txt" "$OMIPV6_RESULTS/omi_dissector.txt"
mapfile -t eargs < <(e_args frame.number "${FIELDS[@]}" _ws.expert.severity \
	_ws.expert.group _ws.malformed)
run_lua -r "$tmp/omi.pcap" -T fields -E 'separator=|' -E occurrence=a \
	"${eargs[@]}" >"$tmp/fields.txt"
mapfile -t short_frames < <(run_lua -r "$tmp/omi.pcap" -Y omipv6.short \
	-T fields -e frame.number)

t_eq lua-stderr-empty "$(grep -v 'Running as user' "$tmp/lua.err")" ""
t_eq lua-no-lua-error "$(grep -c 'Lua Error' "$tmp/decode.txt")" 0
t_eq frame-count "$(wc -l <"$tmp/fields.txt")" "${#MSGS[@]}"

declare -A GOT
while IFS='|' read -ra col; do
	fr=${col[0]}
	for j in "${!FIELDS[@]}"; do
		GOT[$fr,${FIELDS[$j]}]=${col[$((j + 1))]:-}
	done
	n=${#FIELDS[@]}
	GOT[$fr,sev]=${col[$((n + 1))]:-}
	GOT[$fr,group]=${col[$((n + 2))]:-}
	GOT[$fr,malformed]=${col[$((n + 3))]:-}
done <"$tmp/fields.txt"

for i in "${!NAMES[@]}"; do
	name=${NAMES[$i]}
	f=$((i + 1))
	declare -A want=()
	for kv in ${WANT[$name]}; do
		want[${kv%%=*}]=${kv#*=}
	done
	for fld in "${FIELDS[@]}"; do
		t_eq "$name-$fld" "${GOT[$f,$fld]-none}" "${want[$fld]:-}"
	done
	unset want
	w=$(worst "${GOT[$f,sev]}")
	if [[ " $TRUNCATED " = *" $name "* ]]; then
		t_eq "$name-flagged-error" "$((w >= PI_ERROR))" 1
		t_match "$name-flagged-malformed" "${GOT[$f,group]}" "(^|,)$PI_MALFORMED(,|$)"
		t_match "$name-flagged-cut-short" " ${short_frames[*]} " " $f "
	else
		t_eq "$name-no-expert-warning" "$((w >= PI_WARN))" 0
		t_eq "$name-not-malformed" "${GOT[$f,malformed]}" ""
	fi
done
# Header Len past the packet: mip6 itself throws, and the OMIPv6 tree
# still follows it.
t_match dh2-cut-mip6-malformed "${GOT[${FRAME[dh2-cut]},malformed]}" 'Malformed Packet'
t_eq cut-short-frames "${short_frames[*]}" "${FRAME[dh1-short]} ${FRAME[dh2-cut]}"

# The Info column names the message.
mapfile -t info < <(run_lua -r "$tmp/omi.pcap" -T fields -e _ws.col.Info)
t_match dh1-g2-info "${info[${FRAME[dh1-g2]} - 1]}" "^OMIPv6 DH1 sid_MN=$SID_MN sid_CN=0x00000000 X25519\$"
t_match dh4-info "${info[${FRAME[dh4]} - 1]}" "^OMIPv6 DH4 sid_MN=$SID_MN sid_CN=$SID_CN\$"
t_match bu-kabm-info "${info[${FRAME[bu-kabm]} - 1]}" "^Binding Update \(Kabm epoch $EPOCH_BU\)\$"
t_eq lua-stderr-still-empty "$(grep -v 'Running as user' "$tmp/lua.err")" ""

rm -rf "$tmp"
exit 0
