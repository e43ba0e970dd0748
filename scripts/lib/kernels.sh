# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Where the two test kernels and their build trees are.

OMIPV6_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

# The Debian kernel release whose headers and image are both installed;
# the newest when several are.
stock_kver() {
	local d v best=
	for d in /usr/src/linux-headers-*-amd64; do
		v=${d#/usr/src/linux-headers-}
		[ -e "/boot/vmlinuz-$v" ] && best=$v
	done
	[ -n "$best" ] || { echo "no linux-headers-*-amd64 with a matching /boot/vmlinuz" >&2; return 1; }
	echo "$best"
}

# kernel_kdir stock|debug: the build tree modules are built against.
kernel_kdir() {
	case "$1" in
	stock) echo "/usr/src/linux-headers-$(stock_kver)" ;;
	debug) "$OMIPV6_TOP/scripts/build-debug-kernel.sh" ;;
	esac
}

# kernel_image stock|debug KDIR
kernel_image() {
	case "$1" in
	stock) echo "/boot/vmlinuz-$(stock_kver)" ;;
	debug) echo "$2/arch/x86/boot/bzImage" ;;
	esac
}

# kernel_initrd_modules stock|debug: modules the initramfs must load to
# reach the 9p root.  The debug kernel has them built in.
kernel_initrd_modules() {
	local kver
	[ "$1" = stock ] || return 0
	kver=$(stock_kver)
	for m in virtio_pci 9pnet_virtio 9p; do
		modprobe -S "$kver" --show-depends "$m"
	done | awk '$1 == "insmod" && !seen[$2]++ { print $2 }' | tr '\n' ' '
}
