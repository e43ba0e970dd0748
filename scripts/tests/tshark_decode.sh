#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Every Mobility Header omipv6 sends, as its own builder makes it
# (tools/mhgen), goes between the namespaces of the standard topology:
# each is captured in the receiving namespace, has a checksum that
# verifies, decodes in tshark under the right MH Type with no malformed
# packet and no expert error, and is counted by type by the receiving
# module with no drop but no_role.
. "$OMIPV6_REPO/scripts/lib/test.sh"
. "$OMIPV6_REPO/scripts/lib/topo.sh"

MHGEN=$OMIPV6_REPO/tools/mhgen/mhgen
INJECT=$OMIPV6_REPO/scripts/lib/mh_inject.py

COOKIE=c0c1c2c3c4c5c6c7
TOKEN=7071727374757677
AUTH=a0a1a2a3a4a5a6a7a8a9aaab
MNHA=256,b0b1b2b3b4b5b6b7b8b9babb
ICV=e0e1e2e3e4e5e6e7e8e9eaebecedeeef
NONCE=000102030405060708090a0b0c0d0e0f
SIG=2021222324252627282930313233343536373839404142434445464748495051
MAC=3031323334353637383940414243444546474849505152535455565758596061

# NAME FROM TO MH_TYPE MHGEN_ARGS...; FROM and TO are mn, cn or ha.
MSGS=(
	"hoti mn cn 1 hoti cookie=$COOKIE"
	"coti mn cn 2 coti cookie=$COOKIE"
	"bu-nidx-bad mn cn 5 bu seq=4 flags=A lifetime=105 nidx=1,2 bad=$AUTH"
	"bu-kabm mn cn 5 bu seq=5 flags=A lifetime=105 kabm=1,$ICV"
	"dh1-g1 mn cn 11 dh1 sid_mn=0x11111111 nonce=$NONCE group=1 groups=6 sig=$SIG"
	"dh1-g2 mn cn 11 dh1 sid_mn=0x11111111 nonce=$NONCE group=2 groups=6 sig=$SIG"
	"dh3 mn cn 11 dh3 sid_mn=0x11111111 sid_cn=0x22222222 id=$HOA sig=$SIG mac=$MAC"
	"brr cn mn 0 brr"
	"hot cn mn 3 hot index=1 cookie=$COOKIE token=$TOKEN"
	"cot cn mn 4 cot index=2 cookie=$COOKIE token=$TOKEN"
	"ba-bra-bad cn mn 6 ba status=0 seq=4 lifetime=105 bra=50 bad=$AUTH"
	"ba-kabm cn mn 6 ba status=0 seq=5 lifetime=105 kabm=1,$ICV"
	"be cn mn 7 be status=1 hoa=$HOA"
	"dh2-g1 cn mn 11 dh2 sid_mn=0x11111111 sid_cn=0x22222222 nonce=$NONCE group=1 sig=$SIG mac=$MAC"
	"dh2-g2 cn mn 11 dh2 sid_mn=0x11111111 sid_cn=0x22222222 nonce=$NONCE group=2 sig=$SIG mac=$MAC"
	"dh4 cn mn 11 dh4 sid_mn=0x11111111 sid_cn=0x22222222 id=$CN_ADDR lifetime=3600 sig=$SIG mac=$MAC"
	"bu-mnha mn ha 5 bu seq=7 flags=AHK lifetime=1000 mnha=$MNHA"
	"ba-mnha ha mn 6 ba status=0 flags=K seq=7 lifetime=1000 mnha=$MNHA"
)
# What each receiving namespace must count on its rx line.
declare -A WANT_RX=(
	[cn]="brr=0 hoti=1 coti=1 hot=0 cot=0 bu=2 ba=0 be=0 exp=3 other=0"
	[mn]="brr=1 hoti=0 coti=0 hot=1 cot=1 bu=0 ba=3 be=1 exp=3 other=0"
	[ha]="brr=0 hoti=0 coti=0 hot=0 cot=0 bu=1 ba=0 be=0 exp=0 other=0"
)
# Capture interface and address of each namespace (the MN is on link a).
declare -A IFC=([cn]=cn-ar1 [mn]=mn-a [ha]=ha-ar1)
declare -A ADDR=([cn]=$CN_ADDR [mn]=$COA_A [ha]=$HA_ADDR)
RECEIVERS="cn mn ha"
declare -A TYPE_NAME=([0]="Binding Refresh Request" [1]="Home Test Init"
	[2]="Care-of Test Init" [3]="Home Test" [4]="Care-of Test"
	[5]="Binding Update" [6]="Binding Acknowledgement" [7]="Binding Error"
	[11]="Experimental Mobility Header")

# Captured packets as hex, one a line, from the IPv6 header on.
pcap_hex() {
	tcpdump -r "$1" -nn -x 2>/dev/null | awk '
		/^\t0x/ { for (i = 2; i <= NF; i++) p = p $i; next }
		{ if (p != "") print p; p = "" }
		END { if (p != "") print p }'
}

# The rx line of NS without its record name.
rx_line() {
	nsx "$1" cat /proc/net/omipv6 | awk '$1 == "rx" { $1 = ""; sub(/^ /, ""); print }'
}

# Drop counters of NS other than no_role that are not zero, and no_role.
drops_but_no_role() {
	nsx "$1" cat /proc/net/omipv6 | awk '$1 == "drop" {
		for (i = 2; i <= NF; i++)
			if ($i !~ /^no_role=/ && $i !~ /=0$/) printf "%s ", $i
	}'
}

running() {
	kill -0 "$1" 2>/dev/null
}

tmp=$(mktemp -d)
TOPO_DELAY=0 t_assert topology topo_create
topo_attach a
t_assert insmod mod_load
t_assert mhgen-present test -x "$MHGEN"
# Resolve neighbours on every path the messages take.
t_assert mn-reaches-cn nsx mn ping -6 -n -q -c 1 -W 5 -I "$COA_A" "$CN_ADDR"
t_assert mn-reaches-ha nsx mn ping -6 -n -q -c 1 -W 5 -I "$COA_A" "$HA_ADDR"

# Build every message with omipv6's builder, checksum for its addresses.
declare -A HEX FROM TO MHTYPE
declare -A COUNT=([cn]=0 [mn]=0 [ha]=0)
NAMES=()
for m in "${MSGS[@]}"; do
	read -r name from to type args <<<"$m"
	NAMES+=("$name")
	FROM[$name]=$from TO[$name]=$to MHTYPE[$name]=$type
	COUNT[$to]=$((COUNT[$to] + 1))
	# shellcheck disable=SC2086 # args are words
	if hex=$("$MHGEN" --csum "${ADDR[$from]}" "${ADDR[$to]}" $args 2>"$tmp/mhgen.err"); then
		HEX[$name]=$hex
		t_eq "$name-built-type" "$((16#${hex:4:2}))" "$type"
	else
		t_fail "$name-built-type" "mhgen failed: $(cat "$tmp/mhgen.err")"
	fi
done

# One capture per receiving namespace, of what comes in: exactly the
# messages sent to it.
declare -A TCPDUMP
for ns in $RECEIVERS; do
	nsx "$ns" tcpdump -Z root -U -nn -Q in -i "${IFC[$ns]}" -c "${COUNT[$ns]}" \
		-w "$tmp/$ns.pcap" 'ip6 proto 135' 2>"$tmp/tcpdump-$ns.err" &
	TCPDUMP[$ns]=$!
done
for ns in $RECEIVERS; do
	for i in $(seq 100); do
		grep -q 'listening on' "$tmp/tcpdump-$ns.err" && break
		sleep 0.2
	done
	t_assert "tcpdump-$ns-listening" grep -q 'listening on' "$tmp/tcpdump-$ns.err"
done

# Send, one batch per sending namespace, messages in list order.
for from in mn cn ha; do
	: >"$tmp/send-$from.in"
	for name in "${NAMES[@]}"; do
		[ "${FROM[$name]}" = "$from" ] && [ -n "${HEX[$name]:-}" ] &&
			echo "$name ${ADDR[$from]} ${ADDR[${TO[$name]}]} ${HEX[$name]}" \
				>>"$tmp/send-$from.in"
	done
	nsx "$from" python3 "$INJECT" send <"$tmp/send-$from.in" \
		>"$tmp/send-$from.out" 2>&1
done
for name in "${NAMES[@]}"; do
	t_assert "$name-sent" grep -q "^sent $name " "$tmp/send-${FROM[$name]}.out"
done

for ns in $RECEIVERS; do
	for i in $(seq 150); do
		running "${TCPDUMP[$ns]}" || break
		sleep 0.2
	done
	t_refute "tcpdump-$ns-captured-all" running "${TCPDUMP[$ns]}"
	{ kill "${TCPDUMP[$ns]}" && wait "${TCPDUMP[$ns]}"; } 2>/dev/null
done

# Every receiver counted each type once per message and dropped every
# message only for want of a role (none is enabled).
for ns in $RECEIVERS; do
	for i in $(seq 50); do
		[ "$(proc_field "$ns" drop no_role)" -ge "${COUNT[$ns]}" ] 2>/dev/null && break
		sleep 0.2
	done
	t_eq "$ns-rx-by-type" "$(rx_line "$ns")" "${WANT_RX[$ns]}"
	t_eq "$ns-no-role-drops" "$(proc_field "$ns" drop no_role)" "${COUNT[$ns]}"
	t_eq "$ns-no-parse-drops" "$(drops_but_no_role "$ns")" ""
done

# One file, the receivers' captures one after the other.
mergecap -F pcap -a -w "$tmp/all.pcap" "$tmp/cn.pcap" "$tmp/mn.pcap" \
	"$tmp/ha.pcap" 2>"$tmp/mergecap.err"
t_assert mergecap test -s "$tmp/all.pcap"
[ -z "${OMIPV6_RESULTS:-}" ] || cp "$tmp/all.pcap" "$OMIPV6_RESULTS/tshark_decode.pcap"

# Which frame is which message: the Mobility Header octets tell.  The
# frames of each receiver's capture follow the previous ones'.
mapfile -t wire < <(pcap_hex "$tmp/all.pcap")
t_eq captured-count "${#wire[@]}" "${#NAMES[@]}"
declare -A FIRST LAST
n=0
for ns in $RECEIVERS; do
	FIRST[$ns]=$((n + 1))
	n=$((n + $(pcap_hex "$tmp/$ns.pcap" | wc -l)))
	LAST[$ns]=$n
done
mapfile -t csum < <(printf '%s\n' "${wire[@]}" | python3 "$INJECT" verify)
declare -A FRAME
for i in "${!wire[@]}"; do
	for name in "${NAMES[@]}"; do
		[ "${wire[$i]:80}" = "${HEX[$name]:-none}" ] || continue
		FRAME[$name]="${FRAME[$name]:+${FRAME[$name]} }$((i + 1))"
		t_eq "$name-checksum" "${csum[$i]:-none}" ok
	done
done

# tshark: per frame MH Type, expert severities and malformed marks.
tshark -r "$tmp/all.pcap" -T fields -E separator=/t -e frame.number \
	-e mip6.mhtype -e _ws.expert.severity -e _ws.malformed \
	>"$tmp/fields.txt" 2>"$tmp/tshark.err"
tshark -r "$tmp/all.pcap" -V >"$tmp/decode.txt" 2>>"$tmp/tshark.err"
[ -z "${OMIPV6_RESULTS:-}" ] || cp "$tmp/decode.txt" "$OMIPV6_RESULTS/tshark_decode.txt"
declare -A TS_TYPE TS_SEV TS_MAL
while IFS=$'\t' read -r f type sev mal; do
	TS_TYPE[$f]=$type TS_SEV[$f]=$sev TS_MAL[$f]=$mal
done <"$tmp/fields.txt"

for name in "${NAMES[@]}"; do
	f=${FRAME[$name]:-}
	t_match "$name-captured-once" "$f" '^[0-9]+$'
	[[ "$f" =~ ^[0-9]+$ ]] || continue
	to=${TO[$name]}
	t_eq "$name-captured-by-$to" \
		"$((f >= FIRST[$to] && f <= LAST[$to]))" 1
	t_eq "$name-tshark-mh-type" "${TS_TYPE[$f]:-none}" "${MHTYPE[$name]}"
	t_eq "$name-tshark-not-malformed" "${TS_MAL[$f]:-}" ""
	# Severities: 0x00800000 is an error, more is worse.
	worst=0
	for s in ${TS_SEV[$f]//,/ }; do
		[ "$s" -gt "$worst" ] && worst=$s
	done
	t_eq "$name-tshark-no-expert-error" "$((worst >= 0x00800000))" 0
done

t_eq tshark-no-malformed-packet "$(grep -c '\[Malformed Packet' "$tmp/decode.txt")" 0
t_eq tshark-no-expert-error "$(grep -c 'Expert Info (Error' "$tmp/decode.txt")" 0
for type in 0 1 2 3 4 5 6 7 11; do
	t_assert "tshark-decodes-mh-type-$type" grep -qF \
		"Mobility Header Type: ${TYPE_NAME[$type]} ($type)" "$tmp/decode.txt"
done
t_eq tshark-stderr-empty "$(grep -v 'Running as user' "$tmp/tshark.err")" ""

topo_destroy
t_assert rmmod mod_unload
rm -rf "$tmp"
exit 0
