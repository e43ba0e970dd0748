#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The standard topology of scripts/lib/topo.sh is what it documents: the
# MN's interfaces stay up and keep their addresses (the home address
# with the home flag) while topo_attach moves carrier from the router
# side; the MN reaches CN and HA from a, b and home; netem delays sit on
# the core links only, TOPO_DELAY=0 leaves netem out, topo_destroy
# leaves nothing.
# Loads no module.
# kernels: stock
. "$OMIPV6_REPO/scripts/lib/test.sh"
. "$OMIPV6_REPO/scripts/lib/topo.sh"

# One-way delay (ms) of every core link end, as topo.sh documents it.
CORE="ar1:ar1-ha:25 ha:ha-ar1:25 ar2:ar2-ha:25 ha:ha-ar2:25
ar1:ar1-cn:10 cn:cn-ar1:10 ar2:ar2-cn:10 cn:cn-ar2:10
ha:ha-cn:20 cn:cn-ha:20"
ACCESS="mn:mn-home ha:ha-home-p mn:mn-a ar1:ar1-a mn:mn-b ar2:ar2-b"

# reach NS ADDR [PING_ARGS]: at least one echo reply.
reach() {
	local ns=$1 to=$2
	shift 2
	nsx "$ns" ping -6 -n -q -c 2 -i 0.5 -W 5 "$@" "$to" >/dev/null 2>&1
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

# MN interfaces other than lo with carrier (LOWER_UP).
mn_carrier() {
	ip -n mn -o link show | awk -F': ' '$2 != "lo" && $3 ~ /LOWER_UP/ {
		sub(/@.*/, "", $2); print $2 }' | tr '\n' ' '
}

# The MN's addresses on IFACE, "ADDR/LEN[ home]" one after another.
mn_addrs() {
	ip -n mn -6 -o addr show dev "$1" scope global | awk '{
		printf "%s", $4
		for (i = 5; i <= NF; i++) if ($i == "home") printf " home"
		printf " " }'
}

# The MN's default routes, "default via GW dev IF[ linkdown]" one a line.
mn_default() {
	ip -n mn -6 route show default |
		sed -E 's/ (proto|metric|pref) [^ ]+//g; s/ onlink//; s/ +$//'
}

# usable_default: the MN has a default route without linkdown (the
# carrier change reaches routing through linkwatch, a little later).
usable_default() {
	local i
	for i in $(seq 50); do
		[[ "$(mn_default)" == "default via "*" dev "* &&
			"$(mn_default)" != *linkdown* ]] && return 0
		sleep 0.1
	done
	return 1
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
	local gw=$HA_ADDR
	[ "$link" = home ] || gw=2001:db8:$link::1
	t_assert "attach-$link" topo_attach "$link"
	t_eq "$link-all-ifaces-up" "$(mn_up)" "mn-home mn-a mn-b "
	t_eq "$link-only-carrier" "$(mn_carrier)" "mn-$link "
	t_assert "$link-default-usable" usable_default
	t_eq "$link-one-default-route" "$(mn_default)" "default via $gw dev mn-$link"
	t_eq "$link-hoa-stays" "$(mn_addrs mn-home)" "$HOA/64 home "
	# The home flag makes the HoA the preferred source everywhere
	# (RFC 6724 rule 4); from the CoA, the MN pings with -I.
	t_match "$link-route-to-cn" "$(ip -n mn -6 route get $CN_ADDR)" \
		" dev mn-$link .*src $HOA "
	t_assert "$link-mn-pings-cn" reach mn $CN_ADDR -I "$addr"
	t_assert "$link-mn-pings-ha" reach mn $HA_ADDR -I "$addr"
	t_assert "$link-cn-pings-mn" reach cn "$addr"
	if [ "$prev" != - ]; then
		t_refute "$link-cn-no-reply-from-old-addr" \
			nsx cn ping -6 -n -q -c 1 -W 2 "$prev"
	fi
}

err=$(topo_create 2>&1 >/dev/null)
t_eq create-no-errors "$err" ""
t_eq namespaces-created "$(topo_present)" "ar1 ar2 cn ha mn "
t_eq mn-ifaces-up "$(mn_up)" "mn-home mn-a mn-b "
t_eq mn-starts-detached "$(mn_carrier)" ""
t_eq mn-hoa-home-flag "$(mn_addrs mn-home)" "$HOA/64 home "
t_eq mn-ignores-linkdown-routes \
	"$(nsx mn sysctl -n net.ipv6.conf.all.ignore_routes_with_linkdown \
		net.ipv6.conf.default.ignore_routes_with_linkdown | tr '\n' ' ')" "1 1 "
t_eq ha-proxy-ndp "$(nsx ha sysctl -n net.ipv6.conf.ha-home.proxy_ndp)" 1
t_match ha-home-port "$(ip -n ha -o link show ha-home-p)" " master ha-home "

check_attach a $COA_A -
check_attach b $COA_B $COA_A
check_attach home $HOA $COA_B
# While the MN is away the HA keeps its address on the home link.
t_assert detach-home topo_attach a
t_match away-ha-addr-local "$(ip -n ha -6 route show table local $HA_ADDR)" \
	"^local $HA_ADDR dev ha-home "
t_eq away-mn-carrier "$(mn_carrier)" "mn-a "
t_refute away-cn-no-reply-from-hoa nsx cn ping -6 -n -q -c 1 -W 2 "$HOA"
t_assert back-home topo_attach home
t_assert back-home-default-usable usable_default
t_assert home-cn-pings-hoa reach cn "$HOA"

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
t_assert nodelay-mn-pings-cn reach mn $CN_ADDR -I $COA_A
t_assert nodelay-mn-pings-ha reach mn $HA_ADDR -I $COA_A

topo_destroy
t_eq nodelay-destroy-removes-namespaces "$(topo_present)" ""
t_eq destroy-leaves-no-links \
	"$(ip -o link show | grep -Ec ': (mn|ha|cn|ar1|ar2)-')" 0
exit 0
