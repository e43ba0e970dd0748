#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# tools/fuzz/run.sh [SECONDS]
#
# Coverage-guided fuzzing of the module's Mobility Header codec in user
# space: builds fuzz_parser.c and fuzz_builder.c, each with the module's
# own omipv6_codec.c, with clang's libFuzzer, AddressSanitizer and UBSan
# (the kernel headers the codec includes come from tools/fuzz/include),
# then
#   - replays the seed corpus (tools/fuzz/corpus), every file of which
#     must parse as valid, and the inputs in tools/fuzz/regressions/,
#   - fuzzes the parser for SECONDS (default 60, or $OMIPV6_FUZZ_SECONDS)
#     from the seeds plus the corpus earlier runs grew in .build/fuzz/,
#     and the builder for $OMIPV6_FUZZ_BUILDER_SECONDS (default 20);
#     with OMIPV6_FUZZ_RUNS=N each instead runs N inputs (make soak
#     runs a million),
#   - reports line and branch coverage of omipv6_codec.c over both
#     corpora when llvm-cov is installed.
# Prints TAP-style lines (fuzz/build, fuzz/seeds, fuzz/regressions,
# fuzz/parser, fuzz/builder), appends them to $OMIPV6_SUMMARY when set,
# and exits non-zero on any failure.  A crash is minimized into
# .build/fuzz/artifacts/; once fixed, add it to tools/fuzz/regressions/.
#
# tools/fuzz/run.sh --corpus regenerates the seed corpus with mhgen.

set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
work=${OMIPV6_FUZZ_WORK:-$top/.build/fuzz}
summary=${OMIPV6_SUMMARY:-/dev/null}
llvm=/usr/lib/llvm-14/bin
targets="parser builder"
fail=0

declare -A secs=([parser]=${1:-${OMIPV6_FUZZ_SECONDS:-60}}
	[builder]=${OMIPV6_FUZZ_BUILDER_SECONDS:-20})

result() {	# name rc [why]
	if [ "$2" -eq 0 ]; then
		echo "ok - fuzz/$1" | tee -a "$summary"
	else
		echo "not ok - fuzz/$1 # ${3:-failed}" | tee -a "$summary"
		fail=1
	fi
}

mkdir -p "$work/artifacts"

if [ "${1:-}" = --corpus ]; then
	make -s -C "$top/tools/mhgen" O="$work" || exit 1
	rm -f "$here"/corpus/*
	exec "$work/mhgen" --corpus "$here/corpus"
fi

# The codec is kernel code: warn the way Kbuild's W=1 does.
cflags=(-g -O1 -std=gnu11 -fno-strict-aliasing -Wall -Wextra -Werror
	-Wno-unused-parameter -Wno-sign-compare -Wno-type-limits
	-Wno-missing-field-initializers -Wno-pointer-sign
	-I"$here/include" -I"$top/include")

rc=0
: >"$work/build.log"
for t in $targets; do
	clang "${cflags[@]}" -fsanitize=fuzzer,address,undefined \
		-fno-sanitize-recover=all -o "$work/fuzz_$t" \
		"$here/fuzz_$t.c" "$top/omipv6_codec.c" \
		>>"$work/build.log" 2>&1 || rc=$?
done
result build "$rc" "see $work/build.log"
if [ "$rc" -ne 0 ]; then
	cat "$work/build.log" >&2
	exit 1
fi

# Every seed is a valid message and must parse.
rc=0
OMIPV6_FUZZ_EXPECT_VALID=1 "$work/fuzz_parser" "$here"/corpus/* \
	>"$work/seeds.log" 2>&1 || rc=$?
result seeds "$rc" "a seed is rejected or crashes, see $work/seeds.log"

# Inputs that once failed.
rc=0
: >"$work/regressions.log"
for t in $targets; do
	mapfile -t regs < <(find "$here/regressions/$t" -type f ! -name '.*' | sort)
	[ ${#regs[@]} -gt 0 ] || continue
	"$work/fuzz_$t" "${regs[@]}" >>"$work/regressions.log" 2>&1 || rc=$?
done
result regressions "$rc" "see $work/regressions.log"

# The bounded fuzzing sessions.
for t in $targets; do
	a=$work/artifacts/$t-
	rm -f "$a"*
	mkdir -p "$work/corpus-$t"
	seeds=()
	[ "$t" = parser ] && seeds=("$here/corpus")
	rc=0
	bound=(-max_total_time="${secs[$t]}")
	what="${secs[$t]}s"
	if [ -n "${OMIPV6_FUZZ_RUNS:-}" ]; then
		bound=(-runs="$OMIPV6_FUZZ_RUNS" -max_total_time=0)
		what="$OMIPV6_FUZZ_RUNS runs"
	fi
	"$work/fuzz_$t" "${bound[@]}" -max_len=4096 \
		-timeout=10 -rss_limit_mb=2048 -dict="$here/mh.dict" \
		-print_final_stats=1 -artifact_prefix="$a" \
		"$work/corpus-$t" "${seeds[@]}" >"$work/fuzz-$t.log" 2>&1 || rc=$?
	done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$work/fuzz-$t.log" | tail -n 1)
	echo "fuzz/$t: ${done_line:-no DONE line} ($what)"
	art=$(find "$work/artifacts" -name "$t-*" | head -n 1)
	if [ -n "$art" ]; then
		min=$work/artifacts/minimized-$(basename "$art")
		"$work/fuzz_$t" -minimize_crash=1 -max_total_time=30 \
			-exact_artifact_path="$min" "$art" \
			>"$work/minimize-$t.log" 2>&1 || true
		[ -s "$min" ] || cp "$art" "$min"
		grep -m1 -E 'ERROR: |check failed|runtime error' "$work/fuzz-$t.log" >&2
		echo "fuzz/$t: minimized input (hex): $(od -An -v -tx1 "$min" | tr -d ' \n')" >&2
		result "$t" 1 "crash, input in $min, see $work/fuzz-$t.log"
	elif [ "$rc" -ne 0 ] || [ -z "$done_line" ]; then
		tail -n 20 "$work/fuzz-$t.log" >&2
		result "$t" 1 "libFuzzer exited with $rc, see $work/fuzz-$t.log"
	else
		result "$t" 0
	fi
done

# Source coverage of the codec over both corpora (information only).
if [ -x "$llvm/llvm-cov" ] && [ -x "$llvm/llvm-profdata" ]; then
	rm -f "$work"/cov*.prof*
	objs=()
	for t in $targets; do
		seeds=()
		[ "$t" = parser ] && seeds=("$here/corpus")
		clang "${cflags[@]}" -fsanitize=fuzzer -fprofile-instr-generate \
			-fcoverage-mapping -o "$work/cov_$t" "$here/fuzz_$t.c" \
			"$top/omipv6_codec.c" >>"$work/build.log" 2>&1 || continue
		LLVM_PROFILE_FILE=$work/cov-$t.profraw "$work/cov_$t" -runs=0 \
			"$work/corpus-$t" "${seeds[@]}" >"$work/cov-$t.log" 2>&1
		objs+=(-object "$work/cov_$t")
	done
	if [ ${#objs[@]} -gt 0 ] &&
	   "$llvm/llvm-profdata" merge -o "$work/cov.profdata" "$work"/cov-*.profraw &&
	   "$llvm/llvm-cov" report "${objs[@]:1}" -instr-profile="$work/cov.profdata" \
		"$top/omipv6_codec.c" >"$work/coverage.txt" 2>&1; then
		awk '$1 ~ /omipv6_codec\.c$/ { printf "fuzz: omipv6_codec.c coverage: regions %s, functions %s, lines %s, branches %s\n", $4, $7, $10, $13 }' \
			"$work/coverage.txt"
	fi
fi

exit "$fail"
