#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make demo: boot Debian's stock kernel under QEMU, build the MN/HA/CN
# namespaces, load omipv6 and print what it shows.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
[ "$(id -u)" -ne 0 ] || "$here/install-deps.sh"
export OMIPV6_WORK=$top/.build/demo
rc=0
"$here/e2e.sh" stock scripts/demo/guest >/dev/null || rc=$?
cat "$OMIPV6_WORK"/results/g*/guest.log
exit "$rc"
