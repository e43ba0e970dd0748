#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Runs every KUnit suite in omipv6_kunit.ko (debug kernel only) and
# records each test case from the suites' KTAP results; a suite that is
# missing, crashed or planned more cases than it ran is a failure.
. "$OMIPV6_REPO/scripts/lib/test.sh"

kunit_dir=/sys/kernel/debug/kunit
mapfile -t suites < <(sed -n 's/^[[:space:]]*\.name = "\(omipv6_[a-z0-9_]*\)",$/\1/p' \
	"$OMIPV6_REPO"/kunit/*_test.c)

t_assert kunit-debugfs test -d "$kunit_dir"
t_assert suites-found test "${#suites[@]}" -gt 0
t_assert insmod-omipv6 mod_load
t_assert insmod-kunit insmod "$OMIPV6_MODDIR/kunit/omipv6_kunit.ko"

for s in "${suites[@]}"; do
	out=$(python3 "$OMIPV6_REPO/scripts/lib/ktap.py" "$s" \
		"$kunit_dir/$s/results")
	rc=$?
	while read -r status rest; do
		case "$status" in
		ok) t_ok "$s/$rest" ;;
		not) name=${rest#ok }
		     t_fail "$s/${name%% # *}" "${rest#*# }" ;;
		esac
	done <<<"$out"
	[ "$rc" -eq 0 ] || t_fail "$s/suite" "KTAP check failed"
	cp "$kunit_dir/$s/results" "$OMIPV6_RESULTS/kunit-$s.ktap" 2>/dev/null
done

t_assert rmmod-kunit rmmod omipv6_kunit
t_assert rmmod-omipv6 mod_unload
exit 0
