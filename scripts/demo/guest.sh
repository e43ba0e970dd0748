#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Guest side of make demo.  On the standard topology with its netem
# delays (one-way MN-HA 25 ms, MN-CN 10 ms, HA-CN 20 ms): return
# routability, the OMIPv6 exchange and three handovers with
# net.omipv6.omi=1, then, in fresh namespaces, the same three handovers
# in plain return-routability mode.  Prints the SA table and a table of
# the handover time at the CN (its binding's "updated" minus the MN's
# handover "start"), the home agent's BA and the Mobility Header
# messages with the CN per handover.
. "$OMIPV6_REPO/scripts/lib/test.sh"
. "$OMIPV6_REPO/scripts/lib/topo.sh"
. "$OMIPV6_REPO/scripts/lib/mn_sim.sh"
. "$OMIPV6_REPO/scripts/lib/mip.sh"
. "$OMIPV6_REPO/scripts/lib/omi.sh"

ROWS=

die() {
	echo "demo: FAILED: $*" >&2
	[ -z "${HOLD[mn]:-}" ] || mip_dump >&2
	t_fail "$PHASE" "$*" >/dev/null
	exit 1
}

# cn_msgs TAG: the CN's Mobility Header messages since mark cn TAG,
# once the last of them had a second to arrive (mh_msgs).
cn_msgs() {
	nap 1
	mh_msgs cn "$1"
}

# hop MODE FROM LINK COA: one handover to LINK, recorded in ROWS.
hop() {
	local id
	rd mn
	id=${P[handover.id]:-0}
	mark cn "$2$3"
	topo_attach "$3" || die "cannot attach the MN to link $3"
	need "handover $2->$3" "$MIP_WAIT" ho_done "$4" "$id"
	bfield $HOA updated
	[[ $BF =~ ^[0-9]+$ ]] || die "CN binding has no updated time: $BF"
	cn_msgs "$2$3"
	ROWS+="$1 $2->$3 $((BF - HO_START)) $((HO_HABA - HO_START)) $N $BD
"
	echo "$2->$3: done, $N MH messages with the CN ($BD)"
}

hops() {
	hop "$1" a b $COA_B
	hop "$1" b a $COA_A
	hop "$1" a b $COA_B
}

# table: ROWS as a Markdown table, with each mode's median.
table() {
	awk '
	function ms(ns) { return sprintf("%.1f", ns / 1e6) }
	function med(a, n,  i, j, t) {
		for (i = 2; i <= n; i++)
			for (j = i; j > 1 && a[j - 1] > a[j]; j--) {
				t = a[j]; a[j] = a[j - 1]; a[j - 1] = t
			}
		return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
	}
	function flush() {
		if (n)
			printf "| %s | median | %s | %s | %s | |\n", mode,
				ms(med(cn, n)), ms(med(ha, n)), med(msg, n)
		n = 0
	}
	BEGIN {
		print "| mode | handover | time at CN (ms) | HA BA (ms) | MH messages with CN | breakdown |"
		print "|---|---|---:|---:|---:|---|"
	}
	NF {
		if ($1 != mode)
			flush()
		mode = $1
		n++
		cn[n] = $3; ha[n] = $4; msg[n] = $5
		bd = ""
		for (i = 6; i <= NF; i++)
			bd = bd (i > 6 ? " " : "") $i
		printf "| %s | %s | %s | %s | %s | %s |\n", $1, $2, ms($3),
			ms($4), $5, bd
	}
	END { flush() }' <<<"$ROWS"
}

PHASE=omipv6
echo "## OMIPv6 mode: return routability, DH exchange, three handovers"
mod_load || die "cannot load omipv6.ko"
omi_modules || die "no X25519 kpp in this kernel"
mip_up
omi_enable mn cn || die "cannot set net.omipv6.omi=1"
first_move
need "OMIPv6 exchange (MN omi state established)" "$MIP_WAIT" \
	omi_is mn state established
need "SA at the CN" "$MIP_WAIT" sa_is cn epoch 1
cn_msgs first
echo "home->a: RR + DH, $N MH messages with the CN ($BD)"
hops omipv6
t_ok "$PHASE" >/dev/null
echo
echo "### SA table (/proc/net/omipv6)"
for ns in mn cn; do
	sa_lines $ns
	[ -n "$S" ] || die "no SA on the $ns"
	echo "$ns: $S"
done
echo "mn: $(grep '^omi ' "/proc/${HOLD[mn]}/net/omipv6")"

PHASE=rr
echo
echo "## RR mode: fresh namespaces, net.omipv6.omi=0, the same three handovers"
mip_down
mip_up
nsx mn sysctl -qw net.omipv6.omi=0 && nsx cn sysctl -qw net.omipv6.omi=0 ||
	die "cannot set net.omipv6.omi=0"
first_move
cn_msgs first
echo "home->a: RR, $N MH messages with the CN ($BD)"
hops rr
sa_lines mn
[ -z "$S" ] || die "the MN has an SA in RR mode: $S"
t_ok "$PHASE" >/dev/null

echo
echo "## Handovers at the CN"
table
mip_down
exit 0
