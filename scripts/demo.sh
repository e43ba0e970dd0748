#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make demo: boot Debian's stock kernel under QEMU and run
# scripts/demo/guest.sh there: three handovers in OMIPv6 mode and three
# in plain return-routability mode on the standard topology with its
# delays; prints the SA table and a table comparing the two modes.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
[ "$(id -u)" -ne 0 ] || "$here/install-deps.sh"
export OMIPV6_WORK=$top/.build/demo
rc=0
"$here/e2e.sh" stock scripts/demo/guest >/dev/null || rc=$?
cat "$OMIPV6_WORK"/results/g*/guest.log
exit "$rc"
