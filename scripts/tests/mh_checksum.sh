#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Mobility Header input validation on real packets: each hand-built MH
# sent from the MN to the CN moves exactly its one rx/drop counter in the
# CN's namespace, was seen on the CN's wire, and leaves the MN's alone.
. "$OMIPV6_REPO/scripts/lib/test.sh"
. "$OMIPV6_REPO/scripts/lib/topo.sh"

SEND=$OMIPV6_REPO/scripts/lib/mh_send.py

# Case (see mh_send.py --list) and the counter changes it must cause in
# the CN, in /proc/net/omipv6 order.  Every message that passes the
# checks is also dropped as no_role: no role consumes them yet.
CASES=(brr bu hoti hot type200 exp11 omi-dh3 bad-csum csum-wrong-src
	truncated4 hdrlen-long trailing payload-proto6 hoti-hdrlen0 hot-hdrlen1
	bu-opt-truncated)
declare -A WANT=(
	[brr]="rx.brr=+1 drop.no_role=+1"
	[bu]="rx.bu=+1 drop.no_role=+1"
	[hoti]="rx.hoti=+1 drop.no_role=+1"
	[hot]="rx.hot=+1 drop.no_role=+1"
	[type200]="rx.other=+1 drop.no_role=+1"
	[exp11]="drop.hdrlen_short=+1"
	[omi-dh3]="rx.exp=+1 drop.no_role=+1"
	[bad-csum]="drop.csum=+1"
	[csum-wrong-src]="drop.csum=+1"
	[truncated4]="drop.truncated=+1"
	[hdrlen-long]="drop.len_mismatch=+1"
	[trailing]="drop.len_mismatch=+1"
	[payload-proto6]="drop.payload_proto=+1"
	[hoti-hdrlen0]="drop.hdrlen_short=+1"
	[hot-hdrlen1]="drop.hdrlen_short=+1"
	[bu-opt-truncated]="drop.opt_truncated=+1"
)
ALL_KEYS="rx.brr rx.hoti rx.coti rx.hot rx.cot rx.bu rx.ba rx.be rx.exp
rx.other tx.brr tx.hoti tx.coti tx.hot tx.cot tx.bu tx.ba tx.be tx.exp
tx.other drop.truncated drop.len_mismatch drop.csum drop.payload_proto
drop.hdrlen_short drop.opt_truncated drop.opt_len drop.opt_align
drop.opt_not_last drop.opt_forbidden drop.opt_duplicate drop.omi_subtype
drop.omi_version drop.omi_group drop.omi_len drop.no_role drop.ti_hao
drop.bu_addr drop.bu_no_auth drop.bu_auth drop.internal drop.ha_auth
drop.mn_unexpected drop.mn_auth drop.omi_ratelimit drop.omi_busy
drop.omi_sig drop.omi_mac drop.omi_unexpected drop.omi_pub drop.omi_stale drop.sa_auth
drop.sa_replay drop.sa_opt"

# counters NS: every rx, tx and drop counter as "rec.key=value ...".
counters() {
	nsx "$1" cat /proc/net/omipv6 | awk '
		$1 == "rx" || $1 == "tx" || $1 == "drop" {
			for (i = 2; i <= NF; i++)
				printf "%s%s.%s", (n++ ? " " : ""), $1, $i
		}
		END { print "" }'
}

# delta BEFORE AFTER: the counters that changed, as "rec.key=+N ...".
delta() {
	awk -v a="$1" -v b="$2" 'BEGIN {
		n = split(a, x, " ")
		for (i = 1; i <= n; i++) {
			k = x[i]; sub(/=.*/, "", k)
			v = x[i]; sub(/^[^=]*=/, "", v)
			old[k] = v
		}
		m = split(b, y, " ")
		out = ""
		for (i = 1; i <= m; i++) {
			k = y[i]; sub(/=.*/, "", k)
			v = y[i]; sub(/^[^=]*=/, "", v)
			if (!(k in old))
				d = "new"
			else if (v == old[k])
				continue
			else
				d = (v > old[k] ? "+" : "") (v - old[k])
			out = out (out == "" ? "" : " ") k "=" d
		}
		print out
	}'
}

drop_total() {
	printf '%s\n' "$1" | tr ' ' '\n' |
		awk -F= '$1 ~ /^drop\./ { s += $2 } END { print s + 0 }'
}

# settle NS BEFORE: wait (up to ~10 s) until one more drop is counted;
# every received MH ends in exactly one drop, counted last.  Prints the
# counters then.
settle() {
	local i now want
	want=$(($(drop_total "$2") + 1))
	for i in $(seq 50); do
		now=$(counters "$1")
		[ "$(drop_total "$now")" -ge "$want" ] && break
		sleep 0.2
	done
	printf '%s\n' "$now"
}

# Captured packets as hex, one a line, from the IPv6 header on.
pcap_hex() {
	tcpdump -r "$1" -nn -x 2>/dev/null | awk '
		/^\t0x/ { for (i = 2; i <= NF; i++) p = p $i; next }
		{ if (p != "") print p; p = "" }
		END { if (p != "") print p }'
}

running() {
	kill -0 "$1" 2>/dev/null
}

# Hop Limit (octet 7) changes on the way through ar1.
no_hlim() {
	printf '%s' "${1:0:14}xx${1:16}"
}

tmp=$(mktemp -d)
pcap=$tmp/mh.pcap

TOPO_DELAY=0 t_assert topology topo_create
topo_attach a
t_assert insmod mod_load
t_assert mn-reaches-cn nsx mn ping -6 -n -q -c 2 -i 0.5 -W 5 -I $COA_A $CN_ADDR

cn0=$(counters cn)
mn0=$(counters mn)
t_eq proc-lists-every-counter "$(printf '%s\n' "$cn0" | tr ' ' '\n' |
	sed 's/=.*//' | tr '\n' ' ')" "$(printf '%s ' $ALL_KEYS)"
t_eq cn-counters-start-at-zero "$(printf '%s\n' "$cn0" | tr ' ' '\n' |
	grep -vc '=0$')" 0

nsx cn tcpdump -Z root -U -nn -i cn-ar1 -c ${#CASES[@]} -w "$pcap" \
	'ip6 proto 135' 2>"$tmp/tcpdump.err" &
tcpdump_pid=$!
for i in $(seq 100); do
	grep -q 'listening on' "$tmp/tcpdump.err" && break
	sleep 0.2
done
t_assert tcpdump-listening grep -q 'listening on' "$tmp/tcpdump.err"

# One python process sends every case, one per line written to it.
# Should it die, writing to it must fail rather than kill this script.
trap '' PIPE
mkfifo "$tmp/in" "$tmp/out"
ip netns exec mn python3 "$SEND" --step "${CASES[@]}" \
	<"$tmp/in" >"$tmp/out" 2>"$tmp/mh_send.err" &
mh_pid=$!
exec 3>"$tmp/in" 4<"$tmp/out"

declare -A SENT
first=1
for c in "${CASES[@]}"; do
	before=$(counters cn)
	[ "$first" = 1 ] || echo "$c" 2>/dev/null >&3
	line=
	# The first case waits for python and scapy to start.
	read -r -t $((first ? 180 : 30)) -u 4 line
	first=0
	read -r word name _ hex <<<"$line"
	if [ "$word $name" != "sent $c" ]; then
		t_fail "$c-counters" \
			"not sent; mh_send said '$line' $(cat "$tmp/mh_send.err")"
		continue
	fi
	SENT[$c]=$hex
	after=$(settle cn "$before")
	t_eq "$c-counters" "$(delta "$before" "$after")" "${WANT[$c]}"
done
wait "$mh_pid"
t_eq mh-send-exit-status $? 0

for i in $(seq 150); do
	running "$tcpdump_pid" || break
	sleep 0.2
done
t_refute tcpdump-captured-all running "$tcpdump_pid"
{ kill "$tcpdump_pid" && wait "$tcpdump_pid"; } 2>/dev/null
[ -z "${OMIPV6_RESULTS:-}" ] || cp "$pcap" "$OMIPV6_RESULTS/mh_checksum.pcap"

# The CN's wire carried each packet exactly as sent, in order.
mapfile -t wire < <(pcap_hex "$pcap")
t_eq captured-count "${#wire[@]}" ${#CASES[@]}
i=0
for c in "${CASES[@]}"; do
	t_eq "$c-on-wire" "$(no_hlim "${wire[$i]:-none}")" \
		"$(no_hlim "${SENT[$c]:-unsent}")"
	i=$((i + 1))
done
t_eq on-wire-hop-limit-63 "${wire[0]:14:2}" 3f

# Counters are per namespace: the MN's did not move while the CN counted.
t_eq mn-counters-unchanged "$(delta "$mn0" "$(counters mn)")" ""

exec 3>&- 4<&-
topo_destroy
t_assert rmmod mod_unload
rm -rf "$tmp"
exit 0
