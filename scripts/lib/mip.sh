# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Helpers for the Mobile IPv6 tests (scripts/tests/mip*.sh): the MN, HA
# and CN roles on the standard topology (scripts/lib/topo.sh) configured
# as the project's contract says, polling /proc/net/omipv6 through
# processes parked in each namespace (no process start per poll),
# packet captures and their tshark fields, and a ping and a TCP
# transfer that run across movements.  Source after test.sh, topo.sh
# and mn_sim.sh (for nap, ns_holder and psnap).
#
# The mobility tests build the topology with TOPO_DELAY=0: what they
# check is which path each message takes and that the protocol
# completes, not how long it takes, and on an emulated (TCG) guest,
# above all with the debug kernel, netem's timers only add jitter and
# run time.  The one-way delays are for the benchmarks.

MIP_SPI=300
MIP_KEY=000102030405060708090a0b0c0d0e0f10111213
MIP_BADKEY=f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff00010203
MIP_PORT=5001
# Seconds to wait for a protocol step; the debug kernel is much slower.
if [ "${OMIPV6_KIND:-stock}" = debug ]; then
	MIP_WAIT=${MIP_WAIT:-180}
	MIP_PING_BOUND=${MIP_PING_BOUND:-60}
else
	MIP_WAIT=${MIP_WAIT:-60}
	MIP_PING_BOUND=${MIP_PING_BOUND:-10}
fi
GENL=$OMIPV6_REPO/scripts/lib/genl_dump.py

# mip_log MSG: a time-stamped line in the test log.
mip_log() {
	echo "[$EPOCHREALTIME] $*"
}

# _hex6 ADDR: the 16 octets of an IPv6 address in hex.
_hex6() {
	python3 -c 'import ipaddress, sys
print(ipaddress.IPv6Address(sys.argv[1]).packed.hex())' "$1"
}

# mip_ctl NS ARGS...: omipv6ctl ARGS in NS.  "mn add|del" and "move" go
# through genl_dump.py when the omipv6ctl at hand does not know them
# yet (same netlink commands, so the kernel sees the same request).
mip_ctl() {
	local ns=$1 out rc
	shift
	out=$(nsx "$ns" "$CLI" "$@" 2>&1)
	rc=$?
	[ $rc -eq 0 ] && return 0
	case "$out" in
	*"unknown command"*) ;;
	*) echo "omipv6ctl $*: $out" >&2; return $rc ;;
	esac
	case "$1 ${2:-}" in
	"mn add")
		# OMIPV6_CMD_ADD_MN: HOME_ADDR, MNHA_SPI (u32), MNHA_KEY.
		nsx "$ns" python3 "$GENL" --cmd 6 \
			--send-raw-attr 1 "$(_hex6 "$3")" \
			--send-raw-attr 4 "$(printf '%08x' "$5" |
				sed -E 's/(..)(..)(..)(..)/\4\3\2\1/')" \
			--send-raw-attr 3 "$7" ;;
	"mn del")
		nsx "$ns" python3 "$GENL" --cmd 7 --send-raw-attr 1 "$(_hex6 "$3")" ;;
	"move "*)
		nsx "$ns" python3 "$GENL" --cmd 10 ;;
	*) echo "omipv6ctl $*: $out" >&2; return $rc ;;
	esac
}

# mip_setup: load the module and give each namespace its role, the way
# the README tells an administrator.  The MN starts detached.
mip_setup() {
	modprobe -q xfrm_user 2>/dev/null || true
	nsx ha sysctl -qw net.omipv6.ha=1 &&
		nsx ha sysctl -qw net.ipv6.conf.ha-home.proxy_ndp=1 &&
		mip_ctl ha mn add "$HOA" spi $MIP_SPI key $MIP_KEY &&
		nsx cn sysctl -qw net.omipv6.cn=1 &&
		mip_ctl mn set home "$HOA" ha "$HA_ADDR" spi $MIP_SPI key $MIP_KEY &&
		mip_ctl mn cn add "$CN_ADDR" &&
		nsx mn sysctl -qw net.omipv6.mn=1
}

# mip_holders: a parked process per role namespace; HOLD[ns] its pid.
declare -A HOLD
mip_holders() {
	ns_holder mn mn-a && HOLD[mn]=$HOLDER_PID &&
		ns_holder ha ha-ar1 && HOLD[ha]=$HOLDER_PID &&
		ns_holder cn cn-ha && HOLD[cn]=$HOLDER_PID
}

# rd NS: psnap of NS's /proc/net/omipv6 (P, BIND, NBIND).
rd() {
	psnap "${HOLD[$1]}"
}

# pv NS KEY: P[KEY] of NS, now, in V ("none" if missing).
pv() {
	rd "$1"
	V=${P[$2]:-none}
}

# Counter baselines: mark NS TAG remembers NS's counters under TAG;
# grew NS TAG KEY prints how far KEY moved since.
declare -A MARK
mark() {
	local k
	rd "$1"
	for k in "${!P[@]}"; do
		MARK[$1.$2.$k]=${P[$k]}
	done
}

grew() {
	rd "$1"
	echo $((${P[$3]:-0} - ${MARK[$1.$2.$3]:-0}))
}

# t_marked NAME NS FROM TO "KEY>=N|KEY=N ...": between mark NS FROM and
# mark NS TO, each KEY moved by at least N, or by exactly N.
t_marked() {
	local kv k n d bad=
	for kv in $5; do
		if [[ $kv == *">="* ]]; then
			k=${kv%%>=*} n=${kv#*>=}
		else
			k=${kv%%=*} n=${kv#*=}
		fi
		d=$((${MARK[$2.$4.$k]:-0} - ${MARK[$2.$3.$k]:-0}))
		if [[ $kv == *">="* ]]; then
			[ "$d" -ge "$n" ] || bad+="$k=+$d(want>=$n) "
		else
			[ "$d" -eq "$n" ] || bad+="$k=+$d(want $n) "
		fi
	done
	if [ -z "$bad" ]; then
		t_ok "$1"
	else
		t_fail "$1" "$bad"
	fi
}

# t_grew NAME NS TAG "KEY>=N ...": every KEY moved by at least N since
# mark NS TAG.
t_grew() {
	mark "$2" t_grew
	t_marked "$1" "$2" "$3" t_grew "$4"
}

# t_same NAME NS TAG "KEY ...": none of the KEYs moved.
t_same() {
	local k d bad=
	rd "$2"
	for k in $4; do
		d=$((${P[$k]:-0} - ${MARK[$2.$3.$k]:-0}))
		[ "$d" -eq 0 ] || bad+="$k=+$d "
	done
	if [ -z "$bad" ]; then
		t_ok "$1"
	else
		t_fail "$1" "$bad"
	fi
}

# waitfor TIMEOUT CMD...: poll the shell command until it succeeds.
waitfor() {
	local end=$((SECONDS + $1))
	shift
	while :; do
		"$@" && return 0
		[ $SECONDS -lt $end ] || return 1
		nap 0.25
	done
}

# t_wait NAME TIMEOUT CMD...: CMD holds within TIMEOUT seconds; on
# failure the reason is WHY (set by the condition) or the command.
# Once one wait has failed the later ones wait at most MIP_CAP seconds,
# so a broken step does not run the script into the guest's time limit.
MIP_CAP=15
MIP_BROKEN=
t_wait() {
	local name=$1 to=$2 t0=$SECONDS
	shift 2
	WHY=
	[ -z "$MIP_BROKEN" ] || [ "$to" -le $MIP_CAP ] || to=$MIP_CAP
	if waitfor "$to" "$@"; then
		t_ok "$name"
		mip_log "$name after $((SECONDS - t0))s"
	else
		t_fail "$name" "not within ${to}s: ${WHY:-$*}"
		MIP_BROKEN=1
	fi
}

# Conditions for t_wait, on the namespaces' /proc/net/omipv6.
# is NS KEY VALUE
is() {
	rd "$1"
	[ "${P[$2]:-none}" = "$3" ] && return 0
	WHY="$1 $2=${P[$2]:-none}, want $3"
	return 1
}

# at_least NS TAG KEY N: KEY moved by N or more since mark NS TAG.
at_least() {
	local d
	rd "$1"
	d=$((${P[$3]:-0} - ${MARK[$1.$2.$3]:-0}))
	[ "$d" -ge "$4" ] && return 0
	WHY="$1 $3 moved by $d, want >= $4"
	return 1
}

# mn_away COA: the MN is away at COA, bound at the HA, bound at the CN.
mn_away() {
	rd mn
	local got="${P[mn.state]:-none} ${P[mn.coa]:-none} ${P[mn.ha_state]:-none} ${P[mncn.state]:-none}"
	[ "$got" = "away $1 bound bound" ] && return 0
	WHY="mn state/coa/ha_state/mncn.state: $got"
	return 1
}

# ha_bound COA: the HA's binding for HOA names COA (- for none).
ha_bound() {
	rd ha
	[ "${P[hamn.coa]:-none}" = "$1" ] && return 0
	WHY="hamn coa=${P[hamn.coa]:-none}"
	return 1
}

# cn_bound COA: the CN's binding for HOA names COA, or none for -.
cn_bound() {
	local got=-
	rd cn
	if [ -n "${BIND[$HOA]+x}" ]; then
		got=${BIND[$HOA]%% *}
		got=${got#coa=}
	fi
	[ "$got" = "$1" ] && return 0
	WHY="cn binding coa=$got"
	return 1
}

# no_proxy_nd: the HA has no proxy ND entry for HOA.
no_proxy_nd() {
	! ip -n ha -6 neigh show proxy | grep -q "^$HOA "
}

has_proxy_nd() {
	ip -n ha -6 neigh show proxy | grep -q "^$HOA "
}

# handover COA: the newest handover record for COA ("home" at home) in
# HO_ID HO_START HO_HABA HO_CNS HO_DONE, the CN's BA time in HO_CNBA.
handover() {
	local line rec kv id=
	local -a lines=()
	HO_ID='' HO_START='' HO_HABA='' HO_CNS='' HO_DONE='' HO_CNBA=''
	mapfile -t lines 2>/dev/null <"/proc/${HOLD[mn]}/net/omipv6" || true
	for line in "${lines[@]}"; do
		rec=${line%% *}
		if [ "$rec" = handover ] && [[ " $line " == *" coa=$1 "* ]]; then
			for kv in ${line#* }; do
				case $kv in
				id=*) id=${kv#id=} ;;
				start=*) HO_START=${kv#*=} ;;
				ha_ba=*) HO_HABA=${kv#*=} ;;
				cns=*) HO_CNS=${kv#*=} ;;
				done=*) HO_DONE=${kv#*=} ;;
				esac
			done
			HO_ID=$id
		fi
	done
	[ -n "$HO_ID" ] || return 1
	for line in "${lines[@]}"; do
		[[ $line == "handover_cn id=$HO_ID cn=$CN_ADDR "* ]] &&
			HO_CNBA=${line##*ba=}
	done
	return 0
}

# need WHAT TIMEOUT CMD...: CMD holds within TIMEOUT seconds, or the
# script's own die runs with what did not happen.
need() {
	local what=$1 to=$2
	shift 2
	WHY=
	waitfor "$to" "$@" || die "$what: not within ${to}s: ${WHY:-$*}"
}

# mip_down: the namespace holders and the namespaces gone.
mip_down() {
	kill "${HOLD[@]}" 2>/dev/null
	wait "${HOLD[@]}" 2>/dev/null
	topo_destroy
}

# mip_up: a fresh topology, one holder per role namespace and the
# roles configured; die when a step fails.
mip_up() {
	topo_create || die "cannot build the topology"
	mip_holders || die "cannot start the namespace holders"
	mip_setup || die "cannot configure the MN, HA and CN roles"
}

# first_move: home, then to link a, registered with the HA and the CN
# (counters marked under "first" on the CN); die when a step fails.
first_move() {
	topo_attach home || die "cannot attach the MN at home"
	need "MN at home" "$MIP_WAIT" is mn mn.state home
	mark cn first
	topo_attach a || die "cannot attach the MN to link a"
	need "MN registered at $COA_A" "$MIP_WAIT" mn_away $COA_A
	need "CN binding for $COA_A" "$MIP_WAIT" cn_bound $COA_A
}

# ho_done COA ID: the MN's handover after ID to COA is acknowledged by
# the home agent and the CN, and the CN's binding names COA.
ho_done() {
	cn_bound "$1" || return 1
	if handover "$1" && [ "$HO_ID" -gt "$2" ] && [ "$HO_HABA" != 0 ] &&
		[ "${HO_CNBA:-0}" != 0 ]; then
		return 0
	fi
	WHY="mn handover to $1 after id $2: id=${HO_ID:-none} ha_ba=${HO_HABA:-none} cn ba=${HO_CNBA:-none}"
	return 1
}

# mh_msgs NS TAG: NS's Mobility Header messages (rx + tx) since mark NS
# TAG, in N, by type ("bu=1 ba=1") in BD.
MH_TYPES="brr hoti coti hot cot bu ba be exp other"
mh_msgs() {
	local t d
	rd "$1"
	N=0 BD=
	for t in $MH_TYPES; do
		d=$((${P[rx.$t]:-0} + ${P[tx.$t]:-0} - ${MARK[$1.$2.rx.$t]:-0} - ${MARK[$1.$2.tx.$t]:-0}))
		[ "$d" -eq 0 ] && continue
		N=$((N + d))
		BD+="$t=$d "
	done
	BD=${BD% }
}

# mip_dump: the three nodes' /proc/net/omipv6 and xfrm objects and
# error counters, into the test log (evidence for a failed step).
mip_dump() {
	local ns
	for ns in mn ha cn; do
		echo "--- $ns /proc/net/omipv6"
		cat "/proc/${HOLD[$ns]}/net/omipv6" 2>&1
		echo "--- $ns xfrm (states, policies, non-zero xfrm_stat)"
		ip -n "$ns" xfrm state 2>&1
		ip -n "$ns" xfrm policy 2>&1
		awk '$2 != 0' "/proc/${HOLD[$ns]}/net/xfrm_stat" 2>&1
	done
}

# ---- captures ----------------------------------------------------------

# cap_start NS: tcpdump on every interface of NS into $CAPDIR/NS.pcap
# (Linux cooked v2 headers: sll.pkttype tells in from out).  A simple
# command, so that CAP_PID is tcpdump's own pid (ip netns exec execs
# it) and cap_stop stops tcpdump, not a subshell around it.
declare -A CAP_PID
cap_start() {
	ip netns exec "$1" tcpdump -Z root -U -nn -i any -s 256 \
		-w "$CAPDIR/$1.pcap" ip6 2>"$CAPDIR/tcpdump-$1.err" &
	CAP_PID[$1]=$!
	waitfor 30 grep -q 'listening on' "$CAPDIR/tcpdump-$1.err"
}

cap_stop() {
	local ns
	for ns in "$@"; do
		kill "${CAP_PID[$ns]}" 2>/dev/null
		wait "${CAP_PID[$ns]}" 2>/dev/null
	done
}

# cap_fields NS: one tshark pass over NS's capture into $CAPDIR/NS.tsv:
#  1 time  2 pkttype (0 in, 4 out)  3 ipv6.src (outer,inner)  4 ipv6.dst
#  5 mh type  6 HAO home address  7 routing type  8 RH2 home address
#  9 icmpv6 type  10 BA status  11 BU H flag  12 malformed
#  13 expert severities  14 tcp stream payload length
CAP_FIELDS="frame.time_epoch sll.pkttype ipv6.src ipv6.dst mip6.mhtype
ipv6.opt.mipv6.home_address ipv6.routing.type ipv6.routing.mipv6.home_address
icmpv6.type mip6.ba.status mip6.bu.h_flag _ws.malformed _ws.expert.severity
tcp.len"
cap_fields() {
	local f args=()
	for f in $CAP_FIELDS; do
		args+=(-e "$f")
	done
	tshark -r "$CAPDIR/$1.pcap" -T fields -E separator=/t -E occurrence=a \
		-E aggregator=, "${args[@]}" >"$CAPDIR/$1.tsv" \
		2>"$CAPDIR/tshark-$1.err"
}

# t_mh_clean NAME NS: tshark decoded every Mobility Header frame of
# NS's capture without a malformed-packet mark or an error-level expert
# item.
t_mh_clean() {
	cap_count "$2" 0 9e18 '$5 != "" && ($12 != "" || sev($13))'
	t_eq "$1" "$N${LINE:+ first: $LINE}" 0
}

# mip_teardown: stop the namespace holders, remove the topology and the
# module, and CAPDIR.
mip_teardown() {
	kill "${HOLD[@]}" 2>/dev/null
	wait "${HOLD[@]}" 2>/dev/null
	topo_destroy
	t_assert rmmod mod_unload
	mip_log "done after $((SECONDS - t0))s"
	rm -rf "$CAPDIR"
}

# cap_count NS FROM TO AWKCOND: frames of NS's capture with time in
# [FROM, TO) matching AWKCOND (over $1..$14 of cap_fields; sev(S) is
# true when a severity in S is an error or worse), in N; the first such
# line in LINE.
cap_count() {
	local out
	out=$(awk -F'\t' -v from="$2" -v to="$3" "
		function sev(s,  a, i, k) {
			k = split(s, a, \",\")
			for (i = 1; i <= k; i++)
				if (a[i] + 0 >= 8388608)
					return 1
			return 0
		}
		\$1 >= from && \$1 < to && ($4) { n++; if (n == 1) first = \$0 }
		END { print n + 0; print first }" "$CAPDIR/$1.tsv")
	N=${out%%$'\n'*}
	LINE=
	[[ $out != *$'\n'* ]] || LINE=${out#*$'\n'}
}

# t_cap NAME NS FROM TO AWKCOND: at least one such frame.
t_cap() {
	cap_count "$2" "$3" "$4" "$5"
	if [ "$N" -ge 1 ]; then
		t_ok "$1"
		echo "    $2: ${LINE//$'\t'/ | }"
	else
		t_fail "$1" "no frame in $2.pcap between $3 and $4 with $5"
	fi
}

# ---- ping and TCP across movements -------------------------------------

# ping_start: CN pings HOA five times a second, time-stamped, logging
# the missing answers too.
ping_start() {
	nsx cn ping -6 -n -D -O -i 0.2 $HOA >"$CAPDIR/ping.log" 2>&1 &
	PING_PID=$!
}

# ping_first_reply FROM: epoch of the first echo reply after FROM (in
# R1), and how many came after it (NR).
ping_first_reply() {
	local out
	out=$(awk -v from="$1" '/ bytes from / {
		t = substr($1, 2, length($1) - 2) + 0
		if (t >= from) { n++; if (n == 1) first = t } }
		END { print (n ? sprintf("%.6f", first) : "none"), n + 0 }' \
		"$CAPDIR/ping.log")
	R1=${out% *} NR=${out#* }
}

# ping_replies_since FROM N: at least N echo replies after FROM.
ping_replies_since() {
	ping_first_reply "$1"
	[ "$NR" -ge "$2" ] && return 0
	WHY="$NR echo replies since $1"
	return 1
}

# t_ping_back NAME FROM: three echo replies came back within
# MIP_PING_BOUND s of FROM (at five a second, at least two answer
# requests sent after FROM).
t_ping_back() {
	local lag
	waitfor "$MIP_WAIT" ping_replies_since "$2" 3
	ping_first_reply "$2"
	if [ "$NR" -lt 3 ]; then
		t_fail "$1" "$NR echo replies since $2"
		return
	fi
	R1=$(awk -v from="$2" '/ bytes from / {
		t = substr($1, 2, length($1) - 2) + 0
		if (t >= from && ++n == 3) { printf "%.6f", t; exit } }' \
		"$CAPDIR/ping.log")
	lag=$(awk -v a="$R1" -v b="$2" 'BEGIN { printf "%.2f", a - b }')
	mip_log "$1: third echo reply ${lag}s after the move"
	if awk -v l="$lag" -v m="$MIP_PING_BOUND" 'BEGIN { exit !(l <= m) }'; then
		t_ok "$1"
	else
		t_fail "$1" "third echo reply ${lag}s after the move, bound ${MIP_PING_BOUND}s"
	fi
}

# The TCP transfer: a server on the MN's home address, a client on the
# CN that sends a known stream in paced 1000-octet chunks until
# $CAPDIR/tcp.stop exists, then closes its side; the server answers with
# the count and SHA-256 of what it got, the client compares them with
# what it sent.  Each side prints one result line.
TCP_PY='
import hashlib, os, socket, sys, time
role, addr, port, stop = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
def chunk(i):
    return (hashlib.sha256(str(i).encode()).digest() * 32)[:1000]
if role == "server":
    s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((addr, port))
    s.listen(1)
    print("listening", flush=True)
    c, peer = s.accept()
    h, n = hashlib.sha256(), 0
    while True:
        b = c.recv(65536)
        if not b:
            break
        h.update(b)
        n += len(b)
    c.sendall(("%d %s\n" % (n, h.hexdigest())).encode())
    c.close()
    print("server peer=%s bytes=%d sha256=%s" % (peer[0], n, h.hexdigest()), flush=True)
else:
    c = socket.create_connection((addr, port), timeout=600)
    print("connected", flush=True)
    h, n, i = hashlib.sha256(), 0, 0
    while not os.path.exists(stop):
        b = chunk(i)
        c.sendall(b)
        h.update(b)
        n += len(b)
        i += 1
        time.sleep(0.05)
    c.shutdown(socket.SHUT_WR)
    reply = b""
    while not reply.endswith(b"\n"):
        b = c.recv(4096)
        if not b:
            break
        reply += b
    mine = "%d %s" % (n, h.hexdigest())
    verdict = "ok" if reply.decode().strip() == mine else "mismatch"
    print("client bytes=%d sha256=%s reply=%s" % (n, h.hexdigest(), verdict), flush=True)
'

# tcp_start: server on the MN, client on the CN; true once connected.
tcp_start() {
	rm -f "$CAPDIR/tcp.stop"
	nsx mn python3 -c "$TCP_PY" server $HOA $MIP_PORT "$CAPDIR/tcp.stop" \
		>"$CAPDIR/tcp-server.log" 2>&1 &
	TCP_SRV=$!
	waitfor "$MIP_WAIT" grep -q listening "$CAPDIR/tcp-server.log" || return 1
	nsx cn python3 -c "$TCP_PY" client $HOA $MIP_PORT "$CAPDIR/tcp.stop" \
		>"$CAPDIR/tcp-client.log" 2>&1 &
	TCP_CLI=$!
	waitfor "$MIP_WAIT" grep -q connected "$CAPDIR/tcp-client.log"
}

# tcp_finish: stop the client and wait for both results.
tcp_finish() {
	touch "$CAPDIR/tcp.stop"
	waitfor "$((MIP_WAIT * 3))" grep -q '^client ' "$CAPDIR/tcp-client.log"
	waitfor 10 grep -q '^server ' "$CAPDIR/tcp-server.log"
	kill "$TCP_CLI" "$TCP_SRV" 2>/dev/null
	wait "$TCP_CLI" "$TCP_SRV" 2>/dev/null
	TCP_C=$(grep '^client ' "$CAPDIR/tcp-client.log")
	TCP_S=$(grep '^server ' "$CAPDIR/tcp-server.log")
}

# nft_load: nftables' modules (the guest does not autoload them; the
# debug kernel builds them in), then proof that nft works.
nft_load() {
	modprobe -q nf_tables 2>/dev/null
	nft list tables >/dev/null
}

# nft_drop NS HOOK MHTYPE: drop Mobility Headers of that type at HOOK
# (input or output) of NS, counted.  The MH type is octet 2 of the
# transport header (nft finds it past any extension headers).
nft_drop() {
	nsx "$1" nft -f - <<NFT
table inet mipf
delete table inet mipf
table inet mipf {
	chain c {
		type filter hook $2 priority 0; policy accept;
		meta l4proto 135 @th,16,8 $3 counter drop
	}
}
NFT
}

nft_clear() {
	nsx "$1" nft delete table inet mipf
}

# nft_hits NS: packets the drop rule of NS matched.
nft_hits() {
	nsx "$1" nft list table inet mipf 2>/dev/null |
		awk '/counter packets/ { for (i = 1; i < NF; i++)
			if ($i == "packets") print $(i + 1) }'
}
