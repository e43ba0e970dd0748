#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make bench: boot Debian's stock kernel under QEMU and run
# scripts/bench/guest.sh there: 8 foreign-to-foreign handovers in each
# of plain return routability, OMIPv6 as drafted and OMIPv6's parallel
# mode, with static and SLAAC care-of addresses, with the standard
# netem delays and without them, while the CN pings the home address
# every 10 ms.  Then, on the host, reads the captures with tshark
# (cap_fields of scripts/lib/mip.sh) and writes bench.md, handovers.tsv
# and the plots (scripts/bench/report.py, scripts/bench/plot.gp) into
# .build/bench/results/.
#
# bench.sh --smoke (or OMIPV6_BENCH_SMOKE=1): one handover per mode,
# netem on only; then checks that every expected row and file is there
# (structure only, no timing).  make check runs it.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
smoke=${OMIPV6_BENCH_SMOKE:-0}
[ "${1:-}" != --smoke ] || smoke=1
[ "$(id -u)" -ne 0 ] || "$here/install-deps.sh"

export OMIPV6_WORK=$top/.build/bench
# One guest with all the CPUs: the timings must not share them.
export OMIPV6_GUESTS=1 OMIPV6_TEST_TIMEOUT=1400
export BENCH_HOPS=8 BENCH_DELAYS="1 0" BENCH_COAS="static slaac"
[ "$smoke" = 0 ] || BENCH_HOPS=1 BENCH_DELAYS=1
export OMIPV6_GUEST_ENV="OMIPV6_TEST_TIMEOUT BENCH_HOPS BENCH_DELAYS BENCH_COAS"
results=$OMIPV6_WORK/results
data=$results/g1/bench
mkdir -p "$OMIPV6_WORK"

t0=$(date +%s)
rc=0
"$here/e2e.sh" stock scripts/bench/guest >"$OMIPV6_WORK/e2e.log" 2>&1 || rc=$?
cat "$results"/g*/guest.log 2>/dev/null || true

# The captures' fields, on the host (tshark is slow under emulation):
# cap_fields' columns and 15, the echo sequence number.
OMIPV6_REPO=$top
# shellcheck source=scripts/lib/mip.sh
. "$here/lib/mip.sh"
CAP_FIELDS+=" icmpv6.echo.sequence_number"
for CAPDIR in "$data"/*/; do
	for ns in mn cn; do
		[ ! -e "$CAPDIR/$ns.pcap" ] || cap_fields "$ns"
	done
done
mkdir -p "$data"
python3 "$here/bench/report.py" "$data" "$results" || rc=1
gnuplot -e "dir='$results'" "$here/bench/plot.gp" || rc=1
cat "$results/bench.md" 2>/dev/null || true
echo "bench: $(($(date +%s) - t0))s; results in $results"

# check_results: one summary row per phase that ran, the targets, one
# row per handover, the plots.
check_results() {
	local netem coa mode rows want=0 f
	for netem in on $([ "$smoke" = 1 ] || echo off); do
		for coa in $BENCH_COAS; do
			for mode in rr omipv6 parallel; do
				rows=$(grep -c "^| $netem | $coa | $mode | " "$results/bench.md")
				if grep -q "^| $netem | $coa | $mode | 0 |.*| skipped" \
					"$results/bench.md"; then
					[ "$rows" -eq 1 ] ||
						{ echo "skipped $netem $coa $mode: $rows rows"; return 1; }
					continue
				fi
				want=$((want + BENCH_HOPS))
				[ "$rows" -eq $((BENCH_HOPS + 1)) ] ||
					{ echo "$netem $coa $mode: $rows rows, want $((BENCH_HOPS + 1))"; return 1; }
			done
		done
	done
	rows=$(($(wc -l <"$results/handovers.tsv") - 1))
	[ "$rows" -eq "$want" ] || { echo "handovers.tsv: $rows rows, want $want"; return 1; }
	grep -q '^| BU to HA -> BU at CN, parallel | <= 15 ms |' "$results/bench.md" ||
		{ echo "no targets table"; return 1; }
	for f in timeline-on.png latency.png $([ "$smoke" = 1 ] || echo timeline-off.png); do
		[ -s "$results/$f" ] || { echo "no $f"; return 1; }
	done
}

if why=$(check_results); then
	echo "ok - bench/results" | tee -a "${OMIPV6_SUMMARY:-/dev/null}"
else
	echo "not ok - bench/results # $why" | tee -a "${OMIPV6_SUMMARY:-/dev/null}"
	rc=1
fi
exit "$rc"
