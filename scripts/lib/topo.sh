# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# The standard omipv6 test topology, as network namespaces joined by
# veth pairs.  Every end-to-end test builds on it.
#
#            home 2001:db8:1::/64
#     mn ----------------------------- ha (home agent, 2001:db8:1::1)
#     | \                          25ms/ | \25ms
#     |  \ a 2001:db8:a::/64      ar1    |  ar2
#     |   `----------------------'  |    |   |
#     |     b 2001:db8:b::/64       |10ms|20ms | 10ms
#     `----------------------- ar2  |    |   |
#                                   `-- cn --'   (cn 2001:db8:c::1)
#
# One-way netem delays: AR-HA 25 ms, AR-CN 10 ms, HA-CN 20 ms; the MN's
# access links have none.  The MN has one interface per attachment point
# (mn-home, mn-a, mn-b), all of them administratively up all the time,
# so the home address (on mn-home, with the "home" flag) and its local
# route stay while the MN is away.  The link the MN is attached to is
# the one whose router end is up: topo_attach switches carrier from the
# router side.  The MN ignores routes over links without carrier
# (ignore_routes_with_linkdown), so its only usable default route is the
# one topo_attach sets.
#
# The home agent's home interface ha-home is a bridge holding HA_ADDR,
# with proxy_ndp=1; its one port ha-home-p is the veth peer of mn-home.
# Taking ha-home-p down cuts mn-home's carrier and leaves the HA's own
# address and its local route in place (an IPv6 interface that goes
# administratively down loses its local routes even with
# keep_addr_on_down, which would make HA_ADDR unreachable while the MN
# is away).  The access routers' ends (ar1-a, ar2-b) are veths that go
# down; an unreachable fallback route for the access prefix keeps
# packets for a detached care-of address from looping between the AR
# and the HA.
#
# The MN's address on each access link is ::100 of that prefix, its home
# address HOA.  Point-to-point links X-Y use PREFIX::1 for X and
# PREFIX::2 for Y.

TOPO_NS="mn ha cn ar1 ar2"
HOA=2001:db8:1::100
HA_ADDR=2001:db8:1::1
CN_ADDR=2001:db8:c::1
COA_A=2001:db8:a::100
COA_B=2001:db8:b::100

_topo_ns() {
	ip netns add "$1"
	ip -n "$1" link set lo up
	ip netns exec "$1" sysctl -qw net.ipv6.conf.all.accept_dad=0 \
		net.ipv6.conf.default.accept_dad=0 \
		net.ipv6.conf.all.accept_ra=0 net.ipv6.conf.default.accept_ra=0 \
		net.ipv6.conf.all.keep_addr_on_down=1 \
		net.ipv6.conf.default.keep_addr_on_down=1 \
		net.ipv6.conf.all.forwarding="$2"
}

# _topo_link A IFA ADDR_A B IFB ADDR_B DELAY_MS [ADDR_B_FLAGS]
_topo_link() {
	ip link add "$2" netns "$1" type veth peer name "$5" netns "$4"
	ip -n "$1" addr add "$3/64" dev "$2" nodad
	# shellcheck disable=SC2086 # flags are words
	ip -n "$4" addr add "$6/64" dev "$5" nodad ${8:-}
	ip -n "$1" link set "$2" up
	ip -n "$4" link set "$5" up
	if [ "$7" -gt 0 ] && [ "${TOPO_DELAY:-1}" = 1 ]; then
		ip netns exec "$1" tc qdisc add dev "$2" root netem delay "$7ms"
		ip netns exec "$4" tc qdisc add dev "$5" root netem delay "$7ms"
	fi
}

# _topo_home: the home link, HA bridge ha-home (port ha-home-p) to mn-home.
_topo_home() {
	ip -n ha link add ha-home type bridge stp_state 0 forward_delay 0 \
		mcast_snooping 0
	ip link add ha-home-p netns ha type veth peer name mn-home netns mn
	ip -n ha link set ha-home-p master ha-home
	ip -n ha addr add $HA_ADDR/64 dev ha-home nodad
	ip -n mn addr add $HOA/64 dev mn-home home nodad
	ip netns exec ha sysctl -qw net.ipv6.conf.ha-home.proxy_ndp=1
	ip -n ha link set ha-home up
	ip -n ha link set ha-home-p up
	ip -n mn link set mn-home up
}

# topo_create: build the topology.  TOPO_DELAY=0 leaves out netem.
# _topo_sysctl_args FORWARDING: the per-namespace sysctls of _topo_ns.
_topo_sysctl_args() {
	echo net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0 \
		net.ipv6.conf.all.accept_ra=0 net.ipv6.conf.default.accept_ra=0 \
		net.ipv6.conf.all.keep_addr_on_down=1 \
		net.ipv6.conf.default.keep_addr_on_down=1 \
		net.ipv6.conf.all.forwarding="$1"
}

# _topo_plan_link NS1 IF1 ADDR1 NS2 IF2 ADDR2 DELAY_MS [FLAGS2]: what
# _topo_link does, as lines for the batches of topo_create.
_topo_plan_link() {
	_TOPO_ROOT+="link add $2 netns $1 type veth peer name $5 netns $4
"
	_TOPO_IP[$1]+="addr add $3/64 dev $2 nodad
link set $2 up
"
	_TOPO_IP[$4]+="addr add $6/64 dev $5 nodad ${8:-}
link set $5 up
"
	if [ "$7" -gt 0 ] && [ "${TOPO_DELAY:-1}" = 1 ]; then
		_TOPO_TC[$1]+="qdisc add dev $2 root netem delay $7ms
"
		_TOPO_TC[$4]+="qdisc add dev $5 root netem delay $7ms
"
	fi
}

# topo_create: the whole topology.  Process start-up dominates under
# emulation, so it is built with one ip or tc batch per namespace and
# step rather than a process per command.
topo_create() {
	local ns fwd
	declare -gA _TOPO_IP=() _TOPO_TC=()
	_TOPO_ROOT=

	modprobe -q veth 2>/dev/null || true
	modprobe -q bridge 2>/dev/null || true
	modprobe -q sch_netem 2>/dev/null || true
	for ns in $TOPO_NS; do
		_TOPO_ROOT+="netns add $ns
"
	done
	ip -b - <<<"$_TOPO_ROOT" || return 1
	_TOPO_ROOT=
	# Defaults first: the veths below take them when they are made.
	for ns in $TOPO_NS; do
		fwd=1
		case $ns in mn | cn) fwd=0 ;; esac
		# shellcheck disable=SC2046 # one word per sysctl
		nsenter --net="/run/netns/$ns" sysctl -qw $(_topo_sysctl_args $fwd) \
			|| return 1
		_TOPO_IP[$ns]="link set lo up
"
	done
	nsenter --net=/run/netns/mn sysctl -qw \
		net.ipv6.conf.all.ignore_routes_with_linkdown=1 \
		net.ipv6.conf.default.ignore_routes_with_linkdown=1 || return 1

	# The home link: bridge ha-home with port ha-home-p, peer mn-home.
	_TOPO_ROOT+="link add ha-home-p netns ha type veth peer name mn-home netns mn
"
	_TOPO_IP[ha]+="link add ha-home type bridge stp_state 0 forward_delay 0 mcast_snooping 0
link set ha-home-p master ha-home
addr add $HA_ADDR/64 dev ha-home nodad
link set ha-home up
link set ha-home-p up
"
	_TOPO_IP[mn]+="addr add $HOA/64 dev mn-home home nodad
link set mn-home up
"
	# Access links; the router ends start down (the MN is detached).
	_topo_plan_link ar1 ar1-a 2001:db8:a::1 mn mn-a $COA_A 0
	_topo_plan_link ar2 ar2-b 2001:db8:b::1 mn mn-b $COA_B 0
	# Core links.
	_topo_plan_link ar1 ar1-ha 2001:db8:f1::1 ha ha-ar1 2001:db8:f1::2 25
	_topo_plan_link ar2 ar2-ha 2001:db8:f2::1 ha ha-ar2 2001:db8:f2::2 25
	_topo_plan_link ar1 ar1-cn 2001:db8:e1::1 cn cn-ar1 2001:db8:e1::2 10
	_topo_plan_link ar2 ar2-cn 2001:db8:e2::1 cn cn-ar2 2001:db8:e2::2 10
	_topo_plan_link ha ha-cn 2001:db8:ec::1 cn cn-ha 2001:db8:ec::2 20
	_TOPO_IP[cn]+="addr add $CN_ADDR/128 dev lo nodad
route add 2001:db8:a::/64 via 2001:db8:e1::1 src $CN_ADDR
route add 2001:db8:b::/64 via 2001:db8:e2::1 src $CN_ADDR
route add default via 2001:db8:ec::1 src $CN_ADDR
"
	_TOPO_IP[ar1]+="route add default via 2001:db8:f1::2
route add $CN_ADDR via 2001:db8:e1::2
route add unreachable 2001:db8:a::/64 metric 4096
link set ar1-a down
"
	_TOPO_IP[ar2]+="route add default via 2001:db8:f2::2
route add $CN_ADDR via 2001:db8:e2::2
route add unreachable 2001:db8:b::/64 metric 4096
link set ar2-b down
"
	_TOPO_IP[ha]+="route add 2001:db8:a::/64 via 2001:db8:f1::1
route add 2001:db8:b::/64 via 2001:db8:f2::1
route add 2001:db8:e1::/64 via 2001:db8:f1::1
route add 2001:db8:e2::/64 via 2001:db8:f2::1
route add $CN_ADDR via 2001:db8:ec::2
link set ha-home-p down
"
	ip -b - <<<"$_TOPO_ROOT" || return 1
	for ns in $TOPO_NS; do
		ip -n "$ns" -b - <<<"${_TOPO_IP[$ns]}" || return 1
		[ -z "${_TOPO_TC[$ns]:-}" ] ||
			tc -n "$ns" -b - <<<"${_TOPO_TC[$ns]}" || return 1
	done
	nsenter --net=/run/netns/ha sysctl -qw \
		net.ipv6.conf.ha-home.proxy_ndp=1
}

topo_attach() {
	local ifc gw ns rif
	case "$1" in
	home) ifc=mn-home gw=$HA_ADDR ns=ha rif=ha-home-p ;;
	a) ifc=mn-a gw=2001:db8:a::1 ns=ar1 rif=ar1-a ;;
	b) ifc=mn-b gw=2001:db8:b::1 ns=ar2 rif=ar2-b ;;
	*) echo "topo_attach: unknown link $1" >&2; return 1 ;;
	esac
	[ "$rif" = ha-home-p ] || ip -n ha link set ha-home-p down || return 1
	[ "$rif" = ar1-a ] || ip -n ar1 link set ar1-a down || return 1
	[ "$rif" = ar2-b ] || ip -n ar2 link set ar2-b down || return 1
	ip -n mn -6 route replace default via "$gw" dev "$ifc" onlink ||
		return 1
	ip -n "$ns" link set "$rif" up
}

topo_destroy() {
	local ns
	for ns in $TOPO_NS; do
		ip netns del "$ns" 2>/dev/null || true
	done
}
