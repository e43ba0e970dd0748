#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# e2e.sh stock|debug [TEST...]
#
# Build omipv6 (and, on the debug kernel, omipv6_kunit) against the
# chosen kernel, boot that kernel and run the named guest tests from
# scripts/tests/.  The default set: on the stock kernel every test but
# kunit; on the debug kernel kunit and the tests marked "# debug: check"
# (those whose paths its checkers add most to: load, unload and netns
# teardown with live state, the exchange under faults), or, with
# OMIPV6_SOAK=1 (make soak), every test but those marked
# "# kernels: stock".  OMIPV6_SOAK also reaches the guest scripts,
# which then run their long forms.
# Writes TAP-style lines to .build/KIND/results/results.tap and appends
# them to $OMIPV6_SUMMARY when that is set.  OMIPV6_GUEST_ENV names
# variables to export to the guest scripts (OMIPV6_TEST_TIMEOUT, the
# time limit of each, is one); OMIPV6_GUEST_TIMEOUT overrides the
# whole guest's.  OMIPV6_BENCH=1 builds the module with the benchmark
# hooks (include/omipv6_bench.h) and tools/bugen.  Exits non-zero on
# any failure, including a guest that crashed, hung or logged a kernel
# report.

set -eu

kind=${1:?usage: e2e.sh stock|debug [TEST...]}
shift
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib/kernels.sh"
top=$OMIPV6_TOP

case "$kind" in
stock|debug) ;;
*) echo "e2e.sh: kernel must be stock or debug" >&2; exit 2 ;;
esac

tests=("$@")
if [ ${#tests[@]} -eq 0 ]; then
	for f in "$here"/tests/*.sh; do
		t=$(basename "$f" .sh)
		if [ "$kind" = stock ]; then
			[ "$t" = kunit ] && continue
		elif [ "${OMIPV6_SOAK:-0}" = 1 ]; then
			# A test that never loads the module has nothing
			# for the debug kernel's checkers to find.
			grep -q '^# kernels: stock$' "$f" && continue
		else
			# Each test takes 5 to 12 times as long on the
			# debug kernel; make check runs a chosen few.
			[ "$t" = kunit ] || grep -q '^# debug: check$' "$f" || continue
		fi
		tests+=("$t")
	done
fi

kdir=$(kernel_kdir "$kind")
image=$(kernel_image "$kind" "$kdir")
work=${OMIPV6_WORK:-$top/.build/$kind}
src=$work/src
results=$work/results

# Build from a copy, so the stock and debug objects never mix.
mkdir -p "$src"
rsync -a --delete --delete-excluded --exclude=.git --exclude=.build --exclude='*.o' \
	--exclude='*.ko' --exclude='*.mod*' --exclude='.*.cmd' \
	--exclude=Module.symvers --exclude=modules.order \
	"$top/" "$src/"
# W=1 here too: the KUnit module is only built against the debug kernel.
build_ok=1
make -s -C "$kdir" M="$src" W=1 ${OMIPV6_BENCH:+OMIPV6_BENCH="$OMIPV6_BENCH"} \
	modules >"$work/build.log" 2>&1 || build_ok=0
grep -E 'warning:|error:' "$work/build.log" && build_ok=0
[ "$build_ok" = 1 ] || {
	cat "$work/build.log" >&2
	echo "not ok - $kind/build # module build failed" |
		tee -a "${OMIPV6_SUMMARY:-/dev/null}"
	exit 1
}
make -s -C "$src/tools/omipv6ctl" >>"$work/build.log" 2>&1
# mhgen prints messages made by the module's own codec (tshark_decode).
make -s -C "$src/tools/mhgen" >>"$work/build.log" 2>&1
# The fast-path benchmark's BU generator.
[ -z "${OMIPV6_BENCH:-}" ] || make -s -C "$src/tools/bugen" >>"$work/build.log" 2>&1

# Guests run side by side (OMIPV6_GUESTS, default one per CPU, never
# more than there are tests) and take tests from one queue; each has its
# own results directory under $results.
guests=${OMIPV6_GUESTS:-$(nproc)}
[ "$guests" -ge 1 ] || guests=1
[ "$guests" -le "${#tests[@]}" ] || guests=${#tests[@]}
# The host's CPUs split between them: under TCG a second vCPU that the
# host cannot back costs more (cross-CPU TLB flushes) than it gives.
smp=$(($(nproc) / guests))
[ "$smp" -ge 1 ] || smp=1

rm -rf "$results"
mkdir -p "$results/queue"
# Longest first, so that the guests finish together: a test's
# "# weight: N" line is about its seconds on the debug kernel (KUnit's
# is here); the others follow in the order given.  A test given as a
# path has its slashes written as "+".
i=0
for t in "${tests[@]}"; do
	i=$((i + 1))
	w=0
	if [ "$t" = kunit ]; then
		w=120
	elif [ -f "$here/tests/$t.sh" ]; then
		w=$(sed -n 's/^# weight: \([0-9]\+\)$/\1/p;T;q' "$here/tests/$t.sh")
	fi
	printf '%d %d %s\n' "${w:-0}" "$i" "$t"
done | sort -k1,1nr -k2,2n | {
	n=0
	while read -r _ _ t; do
		n=$((n + 1))
		: >"$results/queue/$(printf '%03d' "$n")-${t//\//+}"
	done
}

mem=2048 timeout=${OMIPV6_GUEST_TIMEOUT:-1500} append=
if [ "$kind" = debug ]; then
	# make check's few tests take about 1300 s of one guest; the
	# limit leaves room for a slow host inside CI's 90 minutes.
	mem=4096 timeout=${OMIPV6_GUEST_TIMEOUT:-2700} append="kmemleak=on"
	[ "${OMIPV6_SOAK:-0}" = 1 ] && timeout=${OMIPV6_GUEST_TIMEOUT:-21600}
fi

for g in $(seq "$guests"); do
	mkdir -p "$results/g$g"
	cat >"$results/g$g/guest.env" <<ENV
OMIPV6_REPO=$src
OMIPV6_KIND=$kind
OMIPV6_MODDIR=$src
OMIPV6_CLI=$src/tools/omipv6ctl/omipv6ctl
OMIPV6_TESTS=
ENV
	# Each test's limit: 900 s, 1500 s on the debug kernel, 3 hours
	# in a soak run (netns_churn's 100 cycles take most of that).
	if [ "$kind" = debug ] && [[ " ${OMIPV6_GUEST_ENV:-} " != *" OMIPV6_TEST_TIMEOUT "* ]]; then
		tt=1500
		[ "${OMIPV6_SOAK:-0}" = 1 ] && tt=10800
		echo "export OMIPV6_TEST_TIMEOUT=$tt" >>"$results/g$g/guest.env"
	fi
	# The variables OMIPV6_GUEST_ENV names reach the guest's scripts.
	for v in ${OMIPV6_GUEST_ENV:-} ${OMIPV6_SOAK:+OMIPV6_SOAK}; do
		printf 'export %s=%q\n' "$v" "${!v-}"
	done >>"$results/g$g/guest.env"
	"$here/vm.sh" --kernel "$image" --out "$results/g$g" --mem "$mem" \
		--smp "$smp" \
		--timeout "$timeout" --append "$append" --share "$src" \
		--queue "$results/queue" \
		--modules "$(kernel_initrd_modules "$kind")" \
		-- "$src/scripts/guest/main.sh" >"$results/g$g/vm.log" 2>&1 &
	eval "vm_$g=\$!"
done

tap=$results/results.tap
: >"$tap"
for g in $(seq "$guests"); do
	vmrc=0
	eval "wait \$vm_$g" || vmrc=$?
	cat "$results/g$g/vm.log" >&2
	touch "$results/g$g/results.tap"
	cat "$results/g$g/results.tap" >>"$tap"
	if [ "$vmrc" -ne 0 ]; then
		# The reason, and the first kernel report lines as TAP
		# diagnostics: check.sh repeats them under "failures".
		why="guest crashed or hung"
		[ -s "$results/g$g/kernel-reports.txt" ] && why="guest logged a kernel report"
		echo "not ok - $kind/guest$g # $why (see $results/g$g/console.log)" >>"$tap"
		{
			grep -E '^vm\.sh: (guest|qemu)' "$results/g$g/vm.log" || true
			# The first report, with the lines after it.
			first=$(head -n 1 "$results/g$g/kernel-reports.txt" 2>/dev/null | cut -d: -f1)
			[ -z "$first" ] ||
				sed -n "${first},$((first + 24))p" "$results/g$g/console.log"
		} | sed 's/^/#   /' >>"$tap"
	else
		echo "ok - $kind/guest$g" >>"$tap"
	fi
	# A guest that never started its driver has no timings.
	cat "$results/g$g/timings.txt" >>"$results/timings.txt" 2>/dev/null || true
	sed "s/^/g$g /" "$results/g$g/timings.txt" 2>/dev/null || true
done >"$results/placement.txt"
left=$(ls "$results/queue" | grep -vc '^taken-' || true)
if [ "$left" -ne 0 ]; then
	echo "not ok - $kind/queue # $left tests never ran: $(ls "$results/queue" | grep -v '^taken-' | tr '\n' ' ')" >>"$tap"
fi
cat "$tap"
# Seconds each test took in the guest, slowest first.
[ -s "$results/timings.txt" ] &&
	sort -k2,2nr "$results/timings.txt" | sed "s/^/# $kind time: /"
[ -z "${OMIPV6_SUMMARY:-}" ] || cat "$tap" >>"$OMIPV6_SUMMARY"
! grep -q '^not ok' "$tap"
