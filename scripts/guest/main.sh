#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Guest-side test driver, started by the initramfs init (scripts/guest/
# init.c).  Reads $OMIPV6_RESULTS/guest.env written by scripts/e2e.sh,
# runs each named test from scripts/tests/ with a time limit, appends
# the TAP-style lines the tests write to $OMIPV6_RESULTS/results.tap,
# and on a kmemleak kernel records any leak found after the tests.
# Touches $OMIPV6_RESULTS/done last, so a missing file means the guest
# died on the way.

set -u
. "$OMIPV6_RESULTS/guest.env"
# The host's boot watchdog (scripts/vm.sh) waits for this.
touch "$OMIPV6_RESULTS/started"
export OMIPV6_RESULTS OMIPV6_REPO OMIPV6_KIND OMIPV6_MODDIR OMIPV6_CLI
export OMIPV6_TAP=$OMIPV6_RESULTS/results.tap
: >"$OMIPV6_TAP"
: >"$OMIPV6_RESULTS/timings.txt"

kmemleak=/sys/kernel/debug/kmemleak
if [ -e "$kmemleak" ]; then
	# Forget what boot left behind; only objects leaked by tests count.
	echo scan >"$kmemleak"
	echo clear >"$kmemleak"
fi

# next_test: the next test to run, in T; false when none is left.  With
# OMIPV6_QUEUE, guests booted together share the tests: each file
# NNN-NAME in the queue is one test, and a guest owns it once its
# rename to taken-NNN-NAME succeeds (atomic on the host).  "+" in NAME
# stands for "/".
next_test() {
	local f
	if [ -z "${OMIPV6_QUEUE:-}" ]; then
		[ "$#" -gt 0 ] || return 1
		T=$1
		return 0
	fi
	for f in $(ls "$OMIPV6_QUEUE"); do
		case "$f" in taken-*) continue ;; esac
		if mv "$OMIPV6_QUEUE/$f" "$OMIPV6_QUEUE/taken-$f" 2>/dev/null; then
			T=${f#*-}
			T=${T//+//}
			return 0
		fi
	done
	return 1
}

dmesg -n 4
# shellcheck disable=SC2086
set -- $OMIPV6_TESTS
while next_test "$@"; do
	[ -n "${OMIPV6_QUEUE:-}" ] || shift
	t=$T
	# A bare name is a test in scripts/tests/; a path is relative to the
	# repository (the demo).
	case "$t" in
	*/*) script=$OMIPV6_REPO/$t.sh ;;
	*) script=$OMIPV6_REPO/scripts/tests/$t.sh ;;
	esac
	t=$(basename "$t")
	echo "omipv6-guest: running $t" >/dev/kmsg
	before=$(wc -l <"$OMIPV6_TAP")
	t0=$(date +%s)
	timeout -k 10 "${OMIPV6_TEST_TIMEOUT:-900}" bash "$script" \
		>"$OMIPV6_RESULTS/$t.log" 2>&1
	rc=$?
	echo "$t $(( $(date +%s) - t0 ))" >>"$OMIPV6_RESULTS/timings.txt"
	after=$(wc -l <"$OMIPV6_TAP")
	# bash reports its own errors (unbound variable, command not found,
	# bad redirection) as "SCRIPT: line N: ..." and carries on; a test
	# that hit one did not test what it claims.
	shell_err=$(grep -m1 -E '^[^ ]+\.sh: line [0-9]+: ' "$OMIPV6_RESULTS/$t.log")
	if [ -n "$shell_err" ]; then
		echo "not ok - $OMIPV6_KIND/$t/shell # $shell_err" >>"$OMIPV6_TAP"
	fi
	if [ "$rc" -ne 0 ]; then
		echo "not ok - $OMIPV6_KIND/$t # script exited with status $rc" >>"$OMIPV6_TAP"
	elif [ "$after" -eq "$before" ]; then
		echo "not ok - $OMIPV6_KIND/$t # no assertions ran" >>"$OMIPV6_TAP"
	fi
	# Leave a clean slate for the next test.
	for ns in $(ip netns list | awk '{print $1}'); do
		ip netns del "$ns"
	done
	for m in omipv6_kunit omipv6; do
		grep -q "^$m " /proc/modules && rmmod "$m"
	done
done

if [ -e "$kmemleak" ]; then
	# Objects freed through RCU need a grace period and two scans
	# before kmemleak stops suspecting them.
	sleep 5
	echo scan >"$kmemleak"
	sleep 5
	echo scan >"$kmemleak"
	cat "$kmemleak" >"$OMIPV6_RESULTS/kmemleak.txt"
	if [ -s "$OMIPV6_RESULTS/kmemleak.txt" ]; then
		n=$(grep -c '^unreferenced object' "$OMIPV6_RESULTS/kmemleak.txt")
		echo "not ok - $OMIPV6_KIND/kmemleak # $n leaked objects, see kmemleak.txt" >>"$OMIPV6_TAP"
	else
		echo "ok - $OMIPV6_KIND/kmemleak" >>"$OMIPV6_TAP"
	fi
fi

dmesg >"$OMIPV6_RESULTS/dmesg.txt"
# How close the run came to lockdep's table sizes.
[ ! -e /proc/lockdep_stats ] || cp /proc/lockdep_stats "$OMIPV6_RESULTS/lockdep_stats.txt"
touch "$OMIPV6_RESULTS/done"
