#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Guest side of make bench (scripts/bench.sh).  For each netem setting
# in BENCH_DELAYS (1: the standard delays, 0: none), each way of getting
# care-of addresses in BENCH_COAS (static: topo.sh's addresses; slaac:
# radvd in AR1 and AR2, optimistic DAD on the MN) and each mode (rr:
# net.omipv6.omi=0; omipv6: omi=1; parallel: omi=1 and
# net.omipv6.parallel_cn_bu=1), in fresh namespaces: home -> a, then
# BENCH_HOPS foreign-to-foreign handovers (a->b, b->a, ...) while the CN
# pings the home address every 10 ms.  Collects the raw data only, in
# $OMIPV6_RESULTS/bench/DELAY-COA-MODE/: captures of the MN and the CN
# (mn.pcap, cn.pcap), the MN's "ip -ts monitor link address" (UTC,
# monitor.log), one line per handover (hops.txt), the final
# /proc/net/omipv6 of MN and CN, and status (ok, failed: WHY or
# skipped: WHY).  scripts/bench/report.py turns them into the results.
. "$OMIPV6_REPO/scripts/lib/test.sh"
. "$OMIPV6_REPO/scripts/lib/topo.sh"
. "$OMIPV6_REPO/scripts/lib/mn_sim.sh"
. "$OMIPV6_REPO/scripts/lib/mip.sh"
. "$OMIPV6_REPO/scripts/lib/omi.sh"

HOPS=${BENCH_HOPS:-8}
DELAYS=${BENCH_DELAYS:-1 0}
COAS=${BENCH_COAS:-static slaac}
MODES="rr omipv6 parallel"
OUT=$OMIPV6_RESULTS/bench
# Seconds of route-optimized pings after each handover before the next.
SETTLE=${BENCH_SETTLE:-0.6}

# die WHY: this phase failed (it runs in a subshell; cleanup follows).
die() {
	echo "bench: $PHASE: FAILED: $*" >&2
	[ -z "${HOLD[mn]:-}" ] || mip_dump >"$DIR/dump.txt" 2>&1
	echo "failed: $*" >"$DIR/status"
	exit 1
}

# radvd_start NS IF PREFIX: radvd on IF of NS for PREFIX::/64 with the
# fast advertisement intervals RFC 6275 section 7.5 allows for mobile
# nodes (50-90 ms with radvd's 20 ms of slack); no default router (the
# MN's default route is topo_attach's).
radvd_start() {
	cat >"$CAPDIR/radvd-$1.conf" <<EOF
interface $2 {
	AdvSendAdvert on;
	IgnoreIfMissing on;
	MinRtrAdvInterval 0.03;
	MaxRtrAdvInterval 0.07;
	MinDelayBetweenRAs 0.03;
	AdvDefaultLifetime 0;
	AdvIntervalOpt on;
	prefix $3::/64 {
		AdvOnLink on;
		AdvAutonomous on;
		AdvValidLifetime 600;
		AdvPreferredLifetime 300;
	};
};
EOF
	ip netns exec "$1" radvd -n -m stderr -C "$CAPDIR/radvd-$1.conf" \
		-p "$CAPDIR/radvd-$1.pid" 2>"$CAPDIR/radvd-$1.log" &
	BG+=("$!")
}

# slaac_setup: the MN's access interfaces lose their static care-of
# addresses and take them from router advertisements instead: interface
# token ::100 (so the addresses are COA_A and COA_B again), optimistic
# DAD, optimistic addresses usable and announced.
slaac_setup() {
	local ifc
	for ifc in mn-a mn-b; do
		nsx mn sysctl -qw net.ipv6.conf.$ifc.accept_ra=1 \
			net.ipv6.conf.$ifc.accept_ra_defrtr=0 \
			net.ipv6.conf.$ifc.accept_dad=1 \
			net.ipv6.conf.$ifc.optimistic_dad=1 \
			net.ipv6.conf.$ifc.use_optimistic=1 || return 1
	done
	ip -n mn -b - <<EOF || return 1
addr del $COA_A/64 dev mn-a
addr del $COA_B/64 dev mn-b
token set ::100 dev mn-a
token set ::100 dev mn-b
EOF
	radvd_start ar1 ar1-a 2001:db8:a && radvd_start ar2 ar2-b 2001:db8:b
}

# leave IF: with SLAAC the MN forgets the global addresses of the link
# it left (Linux would keep them until they expire, and the next visit
# would find its care-of address already there).
leave() {
	[ "$COA" = slaac ] || return 0
	ip -n mn addr flush dev "$1" scope global
}

# mode_setup: the sysctls of MODE; returns 2 when the mode cannot run.
mode_setup() {
	case $MODE in
	rr) nsx mn sysctl -qw net.omipv6.omi=0 &&
		nsx cn sysctl -qw net.omipv6.omi=0 ;;
	omipv6) omi_enable mn cn ;;
	parallel)
		nsx mn test -e /proc/sys/net/omipv6/parallel_cn_bu || return 2
		omi_enable mn cn &&
			nsx mn sysctl -qw net.omipv6.parallel_cn_bu=1 ;;
	esac
}

# hop FROM TO COA: one handover from link FROM to link TO, as one line
# of hops.txt: FROM TO COA, the realtime before and after topo_attach,
# the MN's handover id, start, ha_ba and CN ba, the CN binding's
# updated, then the Mobility Header messages of the MN, the HA and the
# CN, each total and by type ("bu=1,ba=1").
hop() {
	local id t0 t1 ns msgs=
	rd mn
	id=${P[handover.id]:-0}
	for ns in mn ha cn; do
		mark $ns "h$HOP"
	done
	t0=$EPOCHREALTIME
	topo_attach "$2" || die "cannot attach the MN to link $2"
	t1=$EPOCHREALTIME
	leave "mn-$1"
	need "handover $1->$2" "$MIP_WAIT" ho_done "$3" "$id"
	bfield $HOA updated
	nap "$SETTLE"
	for ns in mn ha cn; do
		mh_msgs $ns "h$HOP"
		BD=${BD:-none}
		msgs+=" $N ${BD// /,}"
	done
	echo "$1 $2 $3 $t0 $t1 $HO_ID $HO_START $HO_HABA $HO_CNBA $BF$msgs" \
		>>"$DIR/hops.txt"
	echo "$PHASE: $1->$2, MH messages MN HA CN:$msgs"
}

# cleanup: stop what the phase started, keep its data, drop the
# namespaces.
cleanup() {
	[ -z "${PING_PID:-}" ] || kill "$PING_PID" 2>/dev/null
	nap 0.5
	[ ${#CAP_PID[@]} -eq 0 ] || cap_stop "${!CAP_PID[@]}"
	[ ${#BG[@]} -eq 0 ] || kill "${BG[@]}" 2>/dev/null
	wait "${BG[@]}" "${PING_PID:-}" 2>/dev/null
	if [ -n "${HOLD[mn]:-}" ]; then
		cat "/proc/${HOLD[mn]}/net/omipv6" >"$DIR/mn.proc" 2>&1
		cat "/proc/${HOLD[cn]}/net/omipv6" >"$DIR/cn.proc" 2>&1
	fi
	cp "$CAPDIR"/*.pcap "$CAPDIR"/*.log "$DIR/" 2>/dev/null
	mip_down
	rm -rf "$CAPDIR"
}

# phase: one netem setting, CoA method and mode (in a subshell).
phase() {
	local from=a to=b t
	BG=() CAP_PID=()
	CAPDIR=$(mktemp -d)
	trap cleanup EXIT
	mip_up
	mode_setup
	case $? in
	0) ;;
	2) echo "skipped: sysctl net.omipv6.parallel_cn_bu missing" >"$DIR/status"
	   echo "$PHASE: skipped, no parallel_cn_bu sysctl"
	   exit 0 ;;
	*) die "cannot set the $MODE sysctls" ;;
	esac
	if [ "$COA" = slaac ]; then
		slaac_setup || die "cannot set up SLAAC"
	fi
	TZ=UTC nsenter --net=/run/netns/mn ip -ts monitor link address \
		>"$CAPDIR/monitor.log" 2>&1 &
	BG+=("$!")
	cap_start mn && cap_start cn || die "cannot start the captures"
	nsenter --net=/run/netns/cn ping -6 -q -n -i 0.01 $HOA \
		>"$CAPDIR/ping.log" 2>&1 &
	PING_PID=$!
	first_move
	if [ "$MODE" != rr ]; then
		need "OMIPv6 exchange" "$MIP_WAIT" omi_is mn state established
		need "SA at the CN" "$MIP_WAIT" sa_is cn epoch 1
	fi
	nap "$SETTLE"
	for HOP in $(seq "$HOPS"); do
		if [ "$from" = a ]; then
			hop a b $COA_B
		else
			hop b a $COA_A
		fi
		t=$from from=$to to=$t
	done
	echo ok >"$DIR/status"
}

mod_load || { t_fail load "cannot load omipv6.ko"; exit 0; }
omi_modules || { t_fail load "no X25519 kpp in this kernel"; exit 0; }
rm -rf "$OUT"
for DELAY in $DELAYS; do
	for COA in $COAS; do
		for MODE in $MODES; do
			PHASE=$DELAY-$COA-$MODE
			DIR=$OUT/$PHASE
			mkdir -p "$DIR"
			echo "$MODE $COA $DELAY $HOPS" >"$DIR/phase"
			echo "## $PHASE: $(date -u +%T)"
			(TOPO_DELAY=$DELAY phase)
			case $(cat "$DIR/status" 2>/dev/null) in
			ok | skipped*) t_ok "$PHASE" ;;
			*) t_fail "$PHASE" "$(cat "$DIR/status" 2>/dev/null)" ;;
			esac
		done
	done
done
exit 0
