#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make check: install what is missing, run the static checks, build (or
# reuse) the debug kernel, then run the end-to-end tests on Debian's
# stock kernel and the KUnit suites plus the same end-to-end tests on the
# debug kernel.  Ends with "N passed, N failed" and exits non-zero on
# any failure.
#
# OMIPV6_CHECK_STAGES limits the stages (default: "static fuzz stock
# bench debug"; fuzz is the user-space parser fuzzer plus the scapy
# cross-check of the encoding, bench the smoke runs of the handover
# and fast-path benchmarks, scripts/bench.sh --smoke and
# scripts/bench-fastpath.sh --smoke).  The debug kernel runs KUnit and
# the end-to-end tests marked "# debug: check" (scripts/e2e.sh).
#
# make soak runs this script with OMIPV6_SOAK=1 and OMIPV6_FUZZ_RUNS:
# the fuzzers' million inputs, and every end-to-end test on both
# kernels in its long form.

set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
stages=${OMIPV6_CHECK_STAGES:-static fuzz stock bench debug}

if [ "$(id -u)" -eq 0 ]; then
	"$here/install-deps.sh" || { echo "check: dependency install failed"; echo "0 passed, 1 failed"; exit 1; }
else
	echo "check: not root; assuming dependencies are installed" >&2
fi

mkdir -p "$top/.build"
export OMIPV6_SUMMARY=$top/.build/summary.tap
: >"$OMIPV6_SUMMARY"
start=$(date +%s)

# The debug kernel (about 20 minutes cold on two cores, then cached)
# builds at low priority while the static checks and the stock guest
# run, so it takes the CPU time they leave idle.
kbuild_pid=
case " $stages " in
*" debug "*)
	nice -n 15 "$here/build-debug-kernel.sh" >"$top/.build/debug-kernel.dir" &
	kbuild_pid=$!
	;;
esac

stage() {	# name command...
	local name=$1 t0 rc=0 nfail
	shift
	t0=$(date +%s)
	nfail=$(grep -c '^not ok' "$OMIPV6_SUMMARY")
	echo "=== $name"
	"$@" || rc=$?
	echo "=== $name: exit $rc after $(( $(date +%s) - t0 ))s"
	if [ "$rc" -ne 0 ] &&
	   [ "$(grep -c '^not ok' "$OMIPV6_SUMMARY")" -eq "$nfail" ]; then
		echo "not ok - $name # stage failed without a result line" >>"$OMIPV6_SUMMARY"
	fi
}

for s in $stages; do
	case "$s" in
	static) stage static "$here/static-checks.sh" ;;
	fuzz)
		stage fuzz "$top/tools/fuzz/run.sh"
		stage crosscheck "$here/scapy_crosscheck.py"
		;;
	stock) stage e2e-stock "$here/e2e.sh" stock ;;
	bench)
		stage bench-smoke "$here/bench.sh" --smoke
		stage fastpath-smoke "$here/bench-fastpath.sh" --smoke
		;;
	debug)
		t0=$(date +%s)
		if wait "$kbuild_pid"; then
			echo "=== debug kernel $(cat "$top/.build/debug-kernel.dir") ready after $(( $(date +%s) - t0 ))s more"
			echo "ok - debug-kernel/build" >>"$OMIPV6_SUMMARY"
			stage e2e-debug "$here/e2e.sh" debug
		else
			echo "not ok - debug-kernel/build # see the build log named above" >>"$OMIPV6_SUMMARY"
		fi
		;;
	*) echo "not ok - check/$s # unknown stage" >>"$OMIPV6_SUMMARY" ;;
	esac
done

passed=$(grep -c '^ok' "$OMIPV6_SUMMARY")
failed=$(grep -c '^not ok' "$OMIPV6_SUMMARY")
echo
echo "=== failures"
# Each failure with the "#   " diagnostic lines that follow it.
awk '/^not ok/ { n++; keep = 1; print; next }
     keep && /^#   / { print; next }
     { keep = 0 }
     END { if (!n) print "(none)" }' "$OMIPV6_SUMMARY"
echo "=== took $(( $(date +%s) - start ))s"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
