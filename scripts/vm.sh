#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Boot a kernel under qemu-system-x86_64 and run the guest test driver.
#
#   vm.sh --kernel IMAGE --out DIR [--share SRC] [--queue QDIR]
#         [--modules LIST] [--timeout SEC] [--mem MB] [--smp N]
#         [--append ARGS] -- GUEST_SCRIPT
#
# The host root is shared read-only over 9p and DIR read-write.  SRC, when
# given, is shared read-only at the same path on top of the guest's private
# tmpfs mounts, so a checkout below /tmp stays visible.  QDIR, when
# given, is shared read-write and uncached at its own path: guests
# booted at the same time take their tests from it.  The guest
# runs GUEST_SCRIPT from the host root with OMIPV6_RESULTS=DIR.  LIST
# names host module files the initramfs loads before mounting the root
# (virtio and 9p for a kernel that builds them as modules).  KVM is used
# when a probe boot succeeds within 30 s, else TCG.
#
# Exit status: 0 when the guest ran the script to the end and the console
# shows no panic, oops, BUG, WARN, KASAN, lockdep, RCU or kmemleak
# report; 1 otherwise, with the offending console lines printed.

set -eu

here=$(cd "$(dirname "$0")" && pwd)
kernel= out= share= queue= modules= timeout=1200 mem=2048 append= smp=2
while [ $# -gt 0 ]; do
	case "$1" in
	--kernel) kernel=$2; shift 2 ;;
	--out) out=$2; shift 2 ;;
	--share) share=$(realpath "$2"); shift 2 ;;
	--queue) queue=$(realpath "$2"); shift 2 ;;
	--modules) modules=$2; shift 2 ;;
	--timeout) timeout=$2; shift 2 ;;
	--mem) mem=$2; shift 2 ;;
	--append) append=$2; shift 2 ;;
	--smp) smp=$2; shift 2 ;;
	--) shift; break ;;
	*) echo "vm.sh: unknown argument $1" >&2; exit 2 ;;
	esac
done
[ $# -eq 1 ] && [ -n "$kernel" ] && [ -n "$out" ] || {
	echo "usage: vm.sh --kernel IMAGE --out DIR [--modules LIST] -- SCRIPT" >&2
	exit 2
}
script=$(realpath "$1")
out=$(realpath -m "$out")
mkdir -p "$out"

# Build the initramfs: the static init and the listed modules.
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage"/{proc,sys,dev,newroot,modules}
gcc -static -O2 -Wall -Wextra -Werror -o "$stage/init" "$here/guest/init.c"
: >"$stage/modules.list"
if [ -n "$modules" ]; then
	for m in $modules; do
		cp "$m" "$stage/modules/"
		echo "/modules/$(basename "$m")" >>"$stage/modules.list"
	done
fi
(cd "$stage" && find . | cpio -o -H newc --quiet) >"$out/initrd.cpio"

run_qemu() {	# accel timeout console script
	local accel=$1 tmo=$2 console=$3 main=$4 extra=()
	# TCG's "max" model is an AMD family 0xf part with 5-level paging.
	# Without la57 the debug kernel's KASAN shadow covers an early
	# interrupt (one false wild-memory-access report seen with it);
	# idle=halt idles with HLT instead of the AMD E400 routine, which
	# hands the local APIC timer to a broadcast device: the early-boot
	# hang below came in three boots of six with that routine, one of
	# sixteen without, under the same load.
	local cpu=max,la57=off idle=idle=halt
	[ "$accel" = kvm ] && cpu=host idle=
	if [ -n "$share" ]; then
		extra=(-virtfs "local,path=$share,mount_tag=share,security_model=none,readonly=on,multidevs=remap")
	fi
	if [ -n "$queue" ]; then
		extra+=(-virtfs "local,path=$queue,mount_tag=queue,security_model=none,multidevs=remap")
	fi
	timeout -k 10 "$tmo" qemu-system-x86_64 \
		-machine q35 -accel "$accel" -cpu "$cpu" -smp "$smp" -m "$mem" \
		-nodefaults -display none -no-reboot \
		-monitor "unix:$out/monitor.sock,server=on,wait=off" \
		-serial "file:$console" \
		-kernel "$kernel" -initrd "$out/initrd.cpio" \
		-append "console=ttyS0 panic=-1 net.ifnames=0 $idle $append OMIPV6_RESULTS=$out OMIPV6_MAIN=$main${share:+ OMIPV6_SHARE=$share}${queue:+ OMIPV6_QUEUE=$queue}" \
		-virtfs "local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap" \
		-virtfs "local,path=$out,mount_tag=results,security_model=none,multidevs=remap" \
		"${extra[@]}" \
		</dev/null
}

accel=tcg,thread=multi
if [ -w /dev/kvm ] && [ "${OMIPV6_NO_KVM:-0}" != 1 ]; then
	rm -f "$out/probe.ok"
	if run_qemu kvm 30 "$out/kvm-probe.log" "$here/guest/probe.sh" &&
	   [ -e "$out/probe.ok" ]; then
		accel=kvm
	fi
fi
echo "vm.sh: booting $(basename "$kernel") with ${accel%%,*}" >&2

# A guest hung before any test code ran when its driver has not started
# within $boot_limit seconds, or when its console has been silent for
# $boot_quiet seconds before the kernel ran init.  Under TCG on a loaded
# host the debug kernel's early boot now and then stops for good after
# "Running RCU-tasks wait API self tests": the vCPU idles, ticks
# arrive, jiffies advance, the boot thread is never woken (seen in two
# boots of three with three guests on two CPUs, and once in CI).  Such
# a guest is killed, with where its vCPUs were printed, and booted
# again, up to five boots in all; the hung boots' consoles are kept as
# console-hung-N.log.  So is a guest whose qemu died of a signal before
# the driver started (console-crashed-N.log).
boot_limit=${OMIPV6_BOOT_LIMIT:-300}
boot_quiet=${OMIPV6_BOOT_QUIET:-60}
# Where each vCPU of a hung guest is, symbolized with the System.map
# next to the image when there is one.
hung_cpu_state() {
	local map
	map=$(dirname "$kernel")/../../../System.map
	[ -e "$map" ] || map=/boot/System.map-${kernel##*/vmlinuz-}
	python3 - "$out/monitor.sock" "$map" <<'PY'
import bisect, re, socket, sys, time
s = socket.socket(socket.AF_UNIX)
s.settimeout(5)
s.connect(sys.argv[1])
s.sendall(b"info registers -a\n")
buf = b""
end = time.time() + 5
while time.time() < end:
    try:
        d = s.recv(65536)
    except socket.timeout:
        break
    if not d:
        break
    buf += d
syms = []
try:
    for line in open(sys.argv[2]):
        a, t, n = line.split()[:3]
        if t in "tTwW":
            syms.append((int(a, 16), n))
except OSError:
    pass
syms.sort()
addrs = [a for a, _ in syms]
for rip in re.findall(rb"RIP=([0-9a-f]{16})", buf):
    r = int(rip, 16)
    i = bisect.bisect_right(addrs, r) - 1
    where = "%s+0x%x" % (syms[i][1], r - syms[i][0]) if i >= 0 else "?"
    print("vm.sh: hung vCPU at %016x %s" % (r, where))
PY
}
# boot_hung T0: the guest booted at T0 looks hung (see above).
boot_hung() {
	local now
	now=$(date +%s)
	[ $((now - $1)) -ge "$boot_limit" ] && return 0
	[ -e "$out/console.log" ] || return 1
	grep -q 'Run /init' "$out/console.log" && return 1
	[ $((now - $(stat -c %Y "$out/console.log"))) -ge "$boot_quiet" ]
}

boot() {	# sets rc
	local pid t0 attempt
	for attempt in 1 2 3 4 5; do
		rm -f "$out/done" "$out/started" "$out/console.log"
		rc=0
		t0=$(date +%s)
		run_qemu "$accel" "$timeout" "$out/console.log" "$script" &
		pid=$!
		while kill -0 "$pid" 2>/dev/null && [ ! -e "$out/started" ] &&
		      ! boot_hung "$t0"; do
			sleep 1
		done
		if [ -e "$out/started" ] || ! kill -0 "$pid" 2>/dev/null ||
		   [ "$attempt" -eq 5 ]; then
			wait "$pid" || rc=$?
			# qemu itself died of a signal in the guest's early
			# boot (a TCG segmentation fault was seen once with
			# two debug guests booting): no test ran, boot again.
			if [ ! -e "$out/started" ] && [ "$rc" -gt 128 ] &&
			   [ "$rc" -ne 137 ] && [ "$attempt" -lt 5 ]; then
				echo "vm.sh: qemu died with status $rc before the guest's driver started (boot $attempt); booting again" >&2
				mv "$out/console.log" "$out/console-crashed-$attempt.log" 2>/dev/null || true
				continue
			fi
			return
		fi
		echo "vm.sh: guest hung before its driver started (boot $attempt, $(( $(date +%s) - t0 ))s); booting again" >&2
		hung_cpu_state >&2 || true
		# timeout(1) passes the signal on to qemu.
		pkill -TERM -P "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
		mv "$out/console.log" "$out/console-hung-$attempt.log"
	done
}
boot

fail=0
if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
	echo "vm.sh: guest timed out after ${timeout}s" >&2
	fail=1
elif [ "$rc" -ne 0 ]; then
	echo "vm.sh: qemu exited with status $rc" >&2
	fail=1
fi
if [ ! -e "$out/done" ]; then
	echo "vm.sh: guest did not finish its script" >&2
	fail=1
fi

# Kernel reports that fail a run wherever they come from.
pat='Kernel panic|BUG:|WARNING:|Oops|general protection fault|KASAN:|UBSAN:'
pat+='|possible (circular|recursive) locking|inconsistent lock state'
pat+='|suspicious RCU usage|lock held when returning|bad unlock balance'
pat+='|detected stall|blocked for more than|kmemleak: [0-9]+ new suspected'
pat+='|unreferenced object|Call Trace:'
if grep -E -n "$pat" "$out/console.log" >"$out/kernel-reports.txt"; then
	echo "vm.sh: kernel reports on the console:" >&2
	head -n 40 "$out/kernel-reports.txt" >&2
	fail=1
fi
if [ "$fail" -ne 0 ]; then
	echo "vm.sh: last console lines:" >&2
	tail -n 25 "$out/console.log" >&2
fi
exit "$fail"
