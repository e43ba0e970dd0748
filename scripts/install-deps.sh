#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install everything the build, the static checks and both test guests
# need on a Debian 12 host.  Idempotent: packages already present are
# left alone and apt-get is not run at all when nothing is missing.

set -eu

kver_pkg=linux-headers-amd64
pkgs=(
	"$kver_pkg" linux-image-amd64 linux-source-6.1
	build-essential kmod cpio xz-utils bc flex bison libelf-dev libssl-dev
	dwarves rsync sparse perl python3 python3-ply python3-git
	qemu-system-x86
	iproute2 iputils-ping nftables ethtool procps psmisc
	tcpdump tshark python3-scapy
	radvd gnuplot-nox
	libmnl-dev pkg-config clang llvm libclang-rt-14-dev
	dkms
)

missing=()
for p in "${pkgs[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$'; then
		missing+=("$p")
	fi
done

if [ ${#missing[@]} -eq 0 ]; then
	exit 0
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
echo 'wireshark-common wireshark-common/install-setuid boolean false' |
	debconf-set-selections 2>/dev/null || true
apt-get update -q
apt-get install -q -y --no-install-recommends "${missing[@]}"
