#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The standard topology of scripts/lib/topo.sh is what it documents: the
# MN reaches CN and HA from a, b and home, netem delays sit on the core
# links only, TOPO_DELAY=0 leaves netem out, topo_destroy leaves nothing.
. "$OMIPV6_REPO/scripts/lib/test.sh"
. "$OMIPV6_REPO/scripts/lib/topo.sh"

# One-way delay (ms) of every core link end, as topo.sh documents it.
CORE="ar1:ar1-ha:25 ha:ha-ar1:25 ar2:ar2-ha:25 ha:ha-ar2:25
ar1:ar1-cn:10 cn:cn-ar1:10 ar2:ar2-cn:10 cn:cn-ar2:10
ha:ha-cn:20 cn:cn-ha:20"
ACCESS="mn:mn-home ha:ha-home mn:mn-a ar1:ar1-a mn:mn-b ar2:ar2-b"

# reach NS ADDR: at least one echo reply.
reach() {
	nsx "$1" ping -6 -n -q -c 2 -i 0.5 -W 5 "$2" >/dev/null 2>&1
}

# Names of the topology namespaces that exist, sorted, on one line.
topo_present() {
	ip netns list | awk '{ print $1 }' | grep -Ex 'mn|ha|cn|ar1|ar2' |
		sort | tr '\n' ' '
}

# MN interfaces other than lo that are administratively up.
mn_up() {
	ip -n mn -o link show up | awk -F': ' '$2 != "lo" {
		sub(/@.*/, "", $2); print $2 }' | tr '\n' ' '
}

# Count the netem qdiscs over the whole topology.
netem_count() {
	local ns
	for ns in $TOPO_NS; do
		nsx "$ns" tc qdisc show
	done | grep -c '^qdisc netem'
}

# no_netem NS DEV: DEV lists a root qdisc and it is not netem.
no_netem() {
	local q
	q=$(nsx "$1" tc qdisc show dev "$2") || return 1
	printf '%s\n' "$q" | grep -q ' root ' &&
		! printf '%s\n' "$q" | grep -q netem
}

# check_attach LINK ADDR PREV: MN on LINK with address ADDR; PREV is the
# address it had before (or -), which must no longer answer.
check_attach() {
	local link=$1 addr=$2 prev=$3
	t_assert "attach-$link" topo_attach "$link"
	t_eq "$link-only-iface-up" "$(mn_up)" "mn-$link "
	t_match "$link-route-to-cn" "$(ip -n mn -6 route get $CN_ADDR)" \
		" dev mn-$link .*src $addr "
	t_assert "$link-mn-pings-cn" reach mn $CN_ADDR
	t_assert "$link-mn-pings-ha" reach mn $HA_ADDR
	t_assert "$link-cn-pings-mn" reach cn "$addr"
	if [ "$prev" != - ]; then
		t_refute "$link-cn-no-reply-from-old-addr" \
			nsx cn ping -6 -n -q -c 1 -W 2 "$prev"
	fi
}

err=$(topo_create 2>&1 >/dev/null)
t_eq create-no-errors "$err" ""
t_eq namespaces-created "$(topo_present)" "ar1 ar2 cn ha mn "
t_eq mn-starts-detached "$(mn_up)" ""

check_attach a $COA_A -
check_attach b $COA_B $COA_A
check_attach home $HOA $COA_B

for spec in $CORE; do
	IFS=: read -r ns dev ms <<<"$spec"
	t_match "netem-$dev-${ms}ms" "$(nsx "$ns" tc qdisc show dev "$dev")" \
		"^qdisc netem [0-9a-f]+: root .*delay ${ms}ms( |$)"
done
for spec in $ACCESS; do
	IFS=: read -r ns dev <<<"$spec"
	t_assert "no-netem-$dev" no_netem "$ns" "$dev"
done
t_eq netem-only-on-core-links "$(netem_count)" 10

topo_destroy
t_eq destroy-removes-namespaces "$(topo_present)" ""

err=$(TOPO_DELAY=0 topo_create 2>&1 >/dev/null)
t_eq nodelay-create-no-errors "$err" ""
t_eq nodelay-namespaces-created "$(topo_present)" "ar1 ar2 cn ha mn "
t_eq nodelay-no-netem "$(netem_count)" 0
t_assert nodelay-core-qdisc-listed no_netem ha ha-cn
t_assert nodelay-attach-a topo_attach a
t_assert nodelay-mn-pings-cn reach mn $CN_ADDR
t_assert nodelay-mn-pings-ha reach mn $HA_ADDR

topo_destroy
t_eq nodelay-destroy-removes-namespaces "$(topo_present)" ""
t_eq destroy-leaves-no-links \
	"$(ip -o link show | grep -Ec ': (mn|ha|cn|ar1|ar2)-')" 0
exit 0
