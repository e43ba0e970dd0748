#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build the debug kernel from Debian's linux-source-6.1 with the fragment
# in scripts/kernel/debug.config, or reuse a cached build.  The cache
# lives outside the checkout (OMIPV6_CACHE, default /var/cache/omipv6)
# and is keyed by the source package version and the fragment's hash.
# Prints the build directory on stdout; all build chatter goes to
# $dir.log.

set -eu

here=$(cd "$(dirname "$0")" && pwd)
frag=$here/kernel/debug.config
cache=${OMIPV6_CACHE:-/var/cache/omipv6}
tarball=/usr/src/linux-source-6.1.tar.xz

[ -r "$tarball" ] || { echo "build-debug-kernel: $tarball missing (run scripts/install-deps.sh)" >&2; exit 1; }

srcver=$(dpkg-query -W -f='${Version}' linux-source-6.1)
fraghash=$(sha256sum "$frag" | cut -c1-16)
dir=$cache/debug-kernel-$srcver-$fraghash

if [ -e "$dir/.omipv6-built" ]; then
	echo "$dir"
	exit 0
fi

mkdir -p "$cache"
exec 9>"$cache/.build.lock"
flock 9
if [ -e "$dir/.omipv6-built" ]; then
	echo "$dir"
	exit 0
fi

log=$dir.log
tmp=$dir.tmp
rm -rf "$tmp"
mkdir -p "$tmp"
echo "build-debug-kernel: building $dir (log: $log)" >&2
{
	tar -C "$tmp" --strip-components=1 -xf "$tarball"
	cd "$tmp"
	make -s x86_64_defconfig
	make -s kvm_guest.config
	scripts/kconfig/merge_config.sh -m .config "$frag"
	make -s olddefconfig

	# Every option the fragment asks for must have survived olddefconfig.
	bad=0
	while IFS= read -r line; do
		case "$line" in
		CONFIG_*=n) want="# ${line%=n} is not set"
			if grep -q "^${line%%=*}=" .config; then
				echo "debug.config: $line did not take effect"; bad=1
			fi
			continue ;;
		CONFIG_*=*) want=$line ;;
		*) continue ;;
		esac
		if ! grep -qxF "$want" .config; then
			echo "debug.config: $line did not take effect"
			bad=1
		fi
	done <"$frag"
	[ "$bad" -eq 0 ]

	make -j"$(nproc)" all
} >"$log" 2>&1 || {
	echo "build-debug-kernel: failed, see $log" >&2
	tail -n 30 "$log" >&2
	exit 1
}

touch "$tmp/.omipv6-built"
rm -rf "$dir"
mv "$tmp" "$dir"
echo "$dir"
