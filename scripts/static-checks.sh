#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Static checks: a W=1 build and a sparse (C=2) pass against the stock
# headers must print no warning, the objects must keep the layering
# (scripts/layering.sh), checkpatch.pl --strict (taken from
# Debian's linux-source-6.1, cached outside the checkout) must be clean
# on every kernel source, the README's layout table must name every
# module source and nothing else, kunit/rr_vectors.h and kunit/omi_vectors.h
# must be what scripts/rr_vectors.py and scripts/omi_vectors.py print,
# and the CLI and the benchmark's BU generator must build with -Werror;
# the benchmark build of the module must be W=1 and sparse clean too.
# Prints one TAP-style line per check and appends them to
# $OMIPV6_SUMMARY when set; exits non-zero on any failure.

set -eu

here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib/kernels.sh"
top=$OMIPV6_TOP
cache=${OMIPV6_CACHE:-/var/cache/omipv6}
work=$top/.build/static
summary=${OMIPV6_SUMMARY:-/dev/null}
fail=0

result() {	# name rc logfile
	if [ "$2" -eq 0 ]; then
		echo "ok - static/$1" | tee -a "$summary"
	else
		echo "not ok - static/$1 # see $3" | tee -a "$summary"
		sed -n '1,40p' "$3" >&2
		fail=1
	fi
}

# checkpatch.pl with the data files it reads from its own directory.
checkpatch_dir() {
	local ver dir
	ver=$(dpkg-query -W -f='${Version}' linux-source-6.1)
	dir=$cache/checkpatch-$ver
	if [ ! -x "$dir/checkpatch.pl" ]; then
		mkdir -p "$dir.tmp"
		tar -C "$dir.tmp" --strip-components=2 -xJf \
			/usr/src/linux-source-6.1.tar.xz \
			linux-source-6.1/scripts/checkpatch.pl \
			linux-source-6.1/scripts/spelling.txt \
			linux-source-6.1/scripts/const_structs.checkpatch
		rm -rf "$dir"
		mv "$dir.tmp" "$dir"
	fi
	echo "$dir"
}

mkdir -p "$work"
kdir=$(kernel_kdir stock)
src=$work/src
rsync -a --delete --exclude=.git --exclude=.build "$top/" "$src/"
make -s -C "$kdir" M="$src" clean >/dev/null 2>&1 || true

# W=1 build: any compiler or modpost warning fails.
rc=0
make -C "$kdir" M="$src" W=1 modules >"$work/w1.log" 2>&1 || rc=$?
grep -E 'warning:|error:|WARNING:' "$work/w1.log" >"$work/w1.warnings" && rc=1
result build-w1 "$rc" "$work/w1.log"

# Layering: no mechanism depends on a role or the control layer, no role
# on another role (scripts/layering.sh, on the objects just built).
rc=0
"$here/layering.sh" "$src" >"$work/layering.log" 2>&1 || rc=$?
result layering "$rc" "$work/layering.log"

# The same check must catch both kinds of violation: a copy of the
# objects where one mechanism's dependency list names a role header,
# and one more mechanism object that calls a role function.
rc=0
{
	lt=$work/layering-selftest
	rm -rf "$lt"
	mkdir -p "$lt"
	cp "$src"/omipv6_*.o "$src"/.omipv6_*.o.cmd "$lt"/
	echo "  $src/include/omipv6_mn.h \\" >>"$lt/.omipv6_bc.o.cmd"
	printf 'int omipv6_mn_move(void);\nint omipv6_zz(void) { return omipv6_mn_move(); }\n' |
		gcc -x c -c -o "$lt/omipv6_zz.o" -
	: >"$lt/.omipv6_zz.o.cmd"
	out=$("$here/layering.sh" "$lt") && { echo "layering.sh passed a violation"; false; }
	echo "$out"
	grep -qx "layering: mechanism omipv6_bc.c depends on role-mn header $src/include/omipv6_mn.h" <<<"$out" &&
	grep -qx 'layering: mechanism omipv6_zz.c uses omipv6_mn_move of role-mn omipv6_mn.c' <<<"$out" &&
	[ "$(wc -l <<<"$out")" -eq 2 ]
} >"$work/layering-selftest.log" 2>&1 || rc=$?
result layering-selftest "$rc" "$work/layering-selftest.log"

# sparse over every source file (C=2 rechecks files already built).
rc=0
make -C "$kdir" M="$src" C=2 W=1 modules >"$work/sparse.log" 2>&1 || rc=$?
grep -E 'warning:|error:' "$work/sparse.log" >"$work/sparse.warnings" && rc=1
result sparse "$rc" "$work/sparse.log"

# The benchmark build (make OMIPV6_BENCH=1, bench/omipv6_bench.c) must be
# as clean, W=1 and sparse, in a copy of its own.
rc=0
bsrc=$work/src-bench
rsync -a --delete "$src/" "$bsrc/"
make -s -C "$kdir" M="$bsrc" clean >/dev/null 2>&1 || true
make -C "$kdir" M="$bsrc" W=1 C=1 OMIPV6_BENCH=1 modules >"$work/bench.log" 2>&1 || rc=$?
grep -E 'warning:|error:|WARNING:' "$work/bench.log" >"$work/bench.warnings" && rc=1
result build-bench-w1-sparse "$rc" "$work/bench.log"

# checkpatch --strict on all kernel C sources and headers.
cp_dir=$(checkpatch_dir)
mapfile -t files < <(cd "$top" && git ls-files -co --exclude-standard \
	'*.c' '*.h' | grep -v '^tools/' | grep -v '^scripts/')
rc=0
(cd "$top" && "$cp_dir/checkpatch.pl" --strict --no-tree --terse \
	--show-types -f "${files[@]}") >"$work/checkpatch.log" 2>&1 || rc=$?
grep -qE '(ERROR|WARNING|CHECK):' "$work/checkpatch.log" && rc=1
result checkpatch-strict "$rc" "$work/checkpatch.log"

# The README's layout table names every module source and nothing that
# is not there.
rc=0
{
	listed=$(sed -n '/^## Layout$/,/^## /p' "$top/README.md" |
		sed -n 's/^| `\([^`]*\)` |.*/\1/p' | sort)
	[ -n "$listed" ] || echo "no layout table"
	for f in $(cd "$top" && git ls-files '*.c' | grep -v '^kunit/' |
		   grep -v '^tools/' | grep -v '^scripts/'); do
		grep -qxF "$f" <<<"$listed" || echo "$f: not in the layout table"
	done
	for f in $listed; do
		[ -e "$top/$f" ] || echo "$f: in the layout table, not in the tree"
	done
} >"$work/readme-layout.log" 2>&1
[ -s "$work/readme-layout.log" ] && rc=1
result readme-layout "$rc" "$work/readme-layout.log"

# The KUnit known-answer table is exactly what its generator prints.
rc=0
{
	python3 "$top/scripts/rr_vectors.py" >"$work/rr_vectors.h" &&
	diff -u "$top/kunit/rr_vectors.h" "$work/rr_vectors.h"
} >"$work/rr-vectors.log" 2>&1 || rc=$?
result rr-vectors "$rc" "$work/rr-vectors.log"

# The same for the OMIPv6 key schedule vectors.
rc=0
{
	python3 "$top/scripts/omi_vectors.py" --header >"$work/omi_vectors.h" &&
	diff -u "$top/kunit/omi_vectors.h" "$work/omi_vectors.h"
} >"$work/omi-vectors.log" 2>&1 || rc=$?
result omi-vectors "$rc" "$work/omi-vectors.log"

# The mobile node simulator of the cn tests builds BUs and checks BAs
# exactly as those vectors say (its codec and Kbm/BAD use, scapy's
# packets around them).
rc=0
/usr/bin/python3 "$top/scripts/lib/mn_sim.py" selftest >"$work/mn-sim.log" 2>&1 || rc=$?
result mn-sim-selftest "$rc" "$work/mn-sim.log"

# User-space sources: the CLI, the guest init.
rc=0
{
	make -C "$src/tools/omipv6ctl" clean all CFLAGS="-O2 -g -Wall -Wextra -Werror -std=gnu11"
	make -C "$src/tools/bugen" clean all CFLAGS="-O2 -g -Wall -Wextra -Werror -std=gnu11"
	gcc -static -O2 -Wall -Wextra -Werror -o "$work/init" "$top/scripts/guest/init.c"
} >"$work/userspace.log" 2>&1 || rc=$?
result userspace-werror "$rc" "$work/userspace.log"

# dkms.conf: add, build and install into a private tree for the stock kernel.
rc=0
{
	kver=$(stock_kver)
	ver=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"$/\1/p' "$top/dkms.conf")
	d=$work/dkms
	rm -rf "$d"
	mkdir -p "$d/src" "$d/tree" "$d/inst/$kver"
	rsync -a --exclude=.git --exclude=.build "$top/" "$d/src/omipv6-$ver/"
	opts=(-m omipv6 -v "$ver" --sourcetree "$d/src" --dkmstree "$d/tree")
	dkms add "${opts[@]}"
	dkms build "${opts[@]}" -k "$kver"
	dkms install "${opts[@]}" -k "$kver" --installtree "$d/inst"
	test -e "$d/inst/$kver/updates/dkms/omipv6.ko"
} >"$work/dkms.log" 2>&1 || rc=$?
result dkms-install "$rc" "$work/dkms.log"

exit "$fail"
