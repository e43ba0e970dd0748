#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The home agent (RFC 6275 §10, RFC 4285 MN-HA authentication) against a
# mobile node simulated in Python (scripts/lib/mn_sim.py hbu, which
# computes the MN-HA authenticators on its own): home registration from
# a care-of address with a Home Address option -> BA 0 with a valid
# MN-HA option, the binding in /proc and omipv6ctl mn show, proxy
# neighbour discovery for the home address on the home link (an NS from
# the home link is answered with the home agent's link-layer address);
# refresh, Alternate CoA, lifetime cap; replayed and older sequence
# numbers -> BA 135 with the last accepted number; forged authenticator,
# wrong SPI, no MN-HA option -> silent drops counted as ha_auth; home
# address outside the home prefix -> BA 132 (with the MN-HA option when
# that home address is configured); unknown home address -> BA 133;
# deregistration (lifetime 0, and CoA == HoA from home), expiry, mn del,
# ha=0 and rmmod with a live binding each remove the binding and its
# proxy entry.
#
#   mn (CoA 2001:db8:a::100 on lo)
#    | mn-ha 2001:db8:e::2
#    | ha-mn 2001:db8:e::1
#   ha (home agent 2001:db8:1::1/64 on ha-home, proxy_ndp=1, forwarding)
#    | ha-home
#    | home-ha 2001:db8:1::2
#   home (a node on the home link, to see the proxy answer)
#
# Only net.omipv6.ha=1 in the home agent's namespace: the role alone
# installs the wildcard Home Address option state the kernel needs to
# accept a BU with a Home Address option.
# shellcheck disable=SC2317 # helpers are called through t_assert/t_wait
. "$OMIPV6_REPO/scripts/lib/test.sh"
. "$OMIPV6_REPO/scripts/lib/topo.sh"
. "$OMIPV6_REPO/scripts/lib/mn_sim.sh"

tmp=$(mktemp -d)
SIM_ERR=$tmp/mn_sim.err
HOA=2001:db8:1::100
HOA_OUT=2001:db8:2::100
HOA_UNK=2001:db8:1::200
COA=2001:db8:a::100
ALT_COA=2001:db8:a::200
HA=2001:db8:1::1
KEY=4f1c0a9be27d3356c8a1e04f9d6b2c7315e8a0d4
SPI=300

ha_topo_create() {
	modprobe -q veth 2>/dev/null || true
	modprobe -q xfrm_user 2>/dev/null || true
	_topo_ns mn 0
	_topo_ns ha 1
	_topo_ns home 0
	_topo_link ha ha-mn 2001:db8:e::1 mn mn-ha 2001:db8:e::2 0
	_topo_link ha ha-home $HA home home-ha 2001:db8:1::2 0
	ip -n mn addr add $COA/128 dev lo
	ip -n mn addr add $ALT_COA/128 dev lo
	ip -n mn route add default via 2001:db8:e::1
	ip -n ha route add 2001:db8:a::/64 via 2001:db8:e::2
}

# hamn HOA: the home agent's /proc line for HOA, without "hamn hoa=HOA ".
hamn() {
	local line
	HAMN=
	while IFS= read -r line; do
		[[ $line == "hamn hoa=$1 "* ]] && HAMN=${line#"hamn hoa=$1 "}
	done <"/proc/$HAP/net/omipv6"
}

# hamn_is NAME HOA REGEX: the line for HOA matches ^REGEX$.
hamn_is() {
	hamn "$2"
	t_match "$1" "$HAMN" "^$3\$"
}

# hamn_life NAME HOA LO HI: its lifetime is within LO..HI.
hamn_life() {
	local re='lifetime=([0-9]+)$'
	hamn "$2"
	if [[ $HAMN =~ $re ]] && [ "${BASH_REMATCH[1]}" -ge "$3" ] &&
	   [ "${BASH_REMATCH[1]}" -le "$4" ]; then
		t_ok "$1"
	else
		t_fail "$1" "'$HAMN': lifetime not in $3..$4"
	fi
}

proxy_has() {
	ip -n ha -6 neigh show proxy | grep -q "^$1 dev ha-home"
}

proxy_none() {
	[ -z "$(ip -n ha -6 neigh show proxy)" ]
}

# t_wait NAME COND: COND holds within 5 s (proxy entries follow from a
# work item, a little after the BA).
t_wait() {
	local i
	for i in $(seq 25); do
		eval "$2" && { t_ok "$1"; return; }
		nap 0.2
	done
	t_fail "$1" "$2 never held: proxies '$(ip -n ha -6 neigh show proxy | tr '\n' ' ')'"
}

# home_ns_sees NAME yes|no: a node on the home link resolves the HoA to
# the home agent's ha-home address (proxy ND), or does not.
home_ns_sees() {
	local mac got
	mac=$(ip -n ha -br link show ha-home | awk '{ print $3 }')
	ip -n home -6 neigh flush dev home-ha 2>/dev/null
	ip netns exec home ping -6 -c 1 -W 3 "$HOA" >/dev/null 2>&1
	got=$(ip -n home -6 neigh show "$HOA" dev home-ha)
	if [ "$2" = yes ]; then
		t_match "$1" "$got" "lladdr $mac "
	else
		t_eq "$1" "$(printf '%s' "$got" | grep -c lladdr)" 0
	fi
}

# ba_ok NAME SEQ LIFETIME: BA 0 from the HA to the CoA, RH2 HoA, with a
# MN-HA option for SPI that verifies.
ba_ok() {
	t_json "$1-ba-status" status 0
	t_json "$1-ba-seq" ba_seq "$2"
	t_json "$1-ba-lifetime" ba_lifetime "$3"
	t_json "$1-ba-mnha" ba_mnha valid
	t_json "$1-ba-mnha-spi" ba_mnha_spi $SPI
	t_json "$1-ba-src" ba_src $HA
	t_json "$1-ba-dst-coa" ba_dst $COA
	t_json "$1-ba-rh2-hoa" ba_rh2 $HOA
	t_json "$1-ba-csum" ba_csum_ok true
	t_json "$1-ba-once" ba_count 1
}

# no_ba NAME: the fence came back and no BA did.
no_ba() {
	t_json "$1-fenced" fence true
	t_json "$1-no-ba" ba_count 0
}

ha_topo_create
t_assert insmod mod_load
t_assert ha-enable nsx ha sysctl -qw net.omipv6.ha=1
t_assert proxy-ndp nsx ha sysctl -qw net.ipv6.conf.ha-home.proxy_ndp=1
t_assert ha-holder ns_holder ha ha-mn
HAP=$HOLDER_PID
t_assert mn-add nsx ha "$CLI" mn add $HOA spi $SPI key $KEY
t_eq mn-show-unbound "$(nsx ha "$CLI" mn show)" "$HOA spi $SPI"
hamn_is proc-unbound $HOA "spi=$SPI coa=- seq=0 lifetime=0"
t_refute proc-no-key grep -qi "$KEY" "/proc/$HAP/net/omipv6"
t_assert no-proxy-before proxy_none

trap '' PIPE
t_assert mn-sim-ready sim_start --ifname mn-ha --hoa $HOA --coa $COA \
	--ha $HA --mnha-key $KEY --mnha-spi $SPI

# (a) Registration from the CoA with a Home Address option.
psave "$HAP"
sim hbu --seq 10 --lifetime 100 --ack
ba_ok reg 10 100
t_delta reg-counters "$HAP" \
	"event.ba_accepted=+1 event.ha_reg=+1 rx.bu=+1 tx.ba=+1"
hamn_is reg-proc $HOA "spi=$SPI coa=$COA seq=10 lifetime=[0-9]+"
hamn_life reg-proc-lifetime $HOA 390 400
t_wait reg-proxy "proxy_has $HOA"
t_match reg-mn-show "$(nsx ha "$CLI" mn show)" \
	"^$HOA spi $SPI coa $COA seq 10 lifetime (39[0-9]|400)\$"
home_ns_sees reg-proxy-answers yes

# (b) Refresh from the same CoA.
psave "$HAP"
sim hbu --seq 11 --lifetime 200 --ack
ba_ok refresh 11 200
t_delta refresh-counters "$HAP" \
	"event.ba_accepted=+1 event.ha_refresh=+1 rx.bu=+1 tx.ba=+1"
hamn_life refresh-lifetime $HOA 790 800
# Without the A bit: accepted, no BA.
psave "$HAP"
sim hbu --seq 12 --lifetime 200 --fence
no_ba no-ack
t_delta no-ack-counters "$HAP" "event.ha_refresh=+1 rx.bu=+1"
hamn_is no-ack-proc $HOA "spi=$SPI coa=$COA seq=12 lifetime=[0-9]+"

# (c) Sequence numbers: the last accepted one and older ones get BA 135
# with the last accepted number; the binding stays.
psave "$HAP"
sim hbu --seq 12 --lifetime 100 --ack
t_json replay-status status 135
t_json replay-seq ba_seq 12
t_json replay-lifetime ba_lifetime 0
t_json replay-mnha ba_mnha valid
t_json replay-dst ba_dst $COA
sim hbu --seq 5 --lifetime 100
t_json older-status status 135
t_json older-seq ba_seq 12
t_delta seq-counters "$HAP" "event.ba_seq=+2 rx.bu=+2 tx.ba=+2"
hamn_is seq-proc $HOA "spi=$SPI coa=$COA seq=12 lifetime=[0-9]+"

# (d) Authentication failures: silent drops, one ha_auth each.
for c in forge:--forge wrong-spi:"--spi 301" no-option:--no-auth; do
	psave "$HAP"
	# shellcheck disable=SC2086 # the options are words
	sim hbu --seq 13 --lifetime 100 --ack ${c#*:} --fence
	no_ba "${c%%:*}"
	t_delta "${c%%:*}-counters" "$HAP" "drop.ha_auth=+1 rx.bu=+1"
done
hamn_is auth-fail-kept $HOA "spi=$SPI coa=$COA seq=12 lifetime=[0-9]+"

# (e) A home address outside the home agent's /64: BA 132, with the
# MN-HA option only when that home address is configured.  An
# unconfigured home address: BA 133.  Both without the A bit.
psave "$HAP"
sim hbu --seq 1 --lifetime 100 --hoa $HOA_OUT
t_json not-home-status status 132
t_json not-home-dst ba_dst $COA
t_json not-home-rh2 ba_rh2 $HOA_OUT
t_json not-home-mnha ba_mnha absent
t_assert mn-add-out nsx ha "$CLI" mn add $HOA_OUT spi $SPI key $KEY
sim hbu --seq 1 --lifetime 100 --hoa $HOA_OUT
t_json not-home-conf-status status 132
t_json not-home-conf-mnha ba_mnha valid
t_assert mn-del-out nsx ha "$CLI" mn del $HOA_OUT
sim hbu --seq 1 --lifetime 100 --hoa $HOA_UNK
t_json unknown-status status 133
t_json unknown-rh2 ba_rh2 $HOA_UNK
t_json unknown-mnha ba_mnha absent
t_json unknown-csum ba_csum_ok true
t_delta reject-counters "$HAP" "event.ba_other=+3 rx.bu=+3 tx.ba=+3"
hamn $HOA_UNK
t_eq unknown-no-entry "$HAMN" ""

# (f) Lifetime capped at 3600 s (900 units); Alternate CoA.
psave "$HAP"
sim hbu --seq 13 --lifetime 65535 --ack
ba_ok capped 13 900
hamn_life capped-proc $HOA 3590 3600
sim hbu --seq 14 --lifetime 100 --ack --alt-coa $ALT_COA
t_json alt-coa-status status 0
t_json alt-coa-ba-to-sender ba_dst $COA
t_json alt-coa-mnha ba_mnha valid
hamn_is alt-coa-proc $HOA "spi=$SPI coa=$ALT_COA seq=14 lifetime=[0-9]+"
sim hbu --seq 15 --lifetime 100 --ack
ba_ok back 15 100
t_delta capped-counters "$HAP" \
	"event.ba_accepted=+3 event.ha_refresh=+1 event.ha_reg=+2 rx.bu=+3 tx.ba=+3"

# (g) Deregistration from away (lifetime 0): binding and proxy go; the
# BA still reaches the CoA directly.
psave "$HAP"
sim hbu --seq 16 --lifetime 0 --ack
ba_ok dereg 16 0
t_delta dereg-counters "$HAP" \
	"event.ba_accepted=+1 event.ha_dereg=+1 rx.bu=+1 tx.ba=+1"
hamn_is dereg-proc $HOA "spi=$SPI coa=- seq=16 lifetime=0"
t_wait dereg-proxy-gone proxy_none
t_eq dereg-mn-show "$(nsx ha "$CLI" mn show)" "$HOA spi $SPI"
home_ns_sees dereg-no-proxy-answer no
# Deregistration from home (CoA == HoA, no Home Address option).
sim hbu --seq 17 --lifetime 100 --ack
ba_ok rereg 17 100
t_wait rereg-proxy "proxy_has $HOA"
psave "$HAP"
sim hbu --seq 18 --lifetime 100 --ack --at-home --wait 1
t_delta at-home-counters "$HAP" \
	"event.ba_accepted=+1 event.ha_dereg=+1 rx.bu=+1 tx.ba=+1"
hamn_is at-home-proc $HOA "spi=$SPI coa=- seq=18 lifetime=0"
t_wait at-home-proxy-gone proxy_none

# (h) Expiry: an 8-second binding goes by itself, with its proxy (long
# enough for the proxy entry to be seen first on a slow guest).
psave "$HAP"
sim hbu --seq 19 --lifetime 2 --ack
t_wait short-proxy "proxy_has $HOA"
ba_ok short 19 2
# /proc shows coa=- as soon as the lifetime is over; the expiry work
# that counts ha_expire runs up to a second later.
for _ in $(seq 50); do
	hamn $HOA
	psnap "$HAP"
	[[ $HAMN == *"coa=- "* ]] &&
		[ "${P[event.ha_expire]:-0}" != "${P0[event.ha_expire]:-0}" ] && break
	nap 0.2
done
hamn_is expired-proc $HOA "spi=$SPI coa=- seq=19 lifetime=0"
t_delta expiry-counters "$HAP" \
	"event.ba_accepted=+1 event.ha_expire=+1 event.ha_reg=+1 rx.bu=+1 tx.ba=+1"
t_wait expired-proxy-gone proxy_none

# (i) mn del while bound: the proxy is gone when the command returns.
sim hbu --seq 20 --lifetime 100 --ack
ba_ok before-del 20 100
t_wait before-del-proxy "proxy_has $HOA"
t_assert mn-del nsx ha "$CLI" mn del $HOA
t_assert mn-del-proxy-gone proxy_none
hamn $HOA
t_eq mn-del-proc-gone "$HAMN" ""
t_eq mn-del-show-empty "$(nsx ha "$CLI" mn show)" ""
psave "$HAP"
sim hbu --seq 21 --lifetime 100 --ack
t_json deleted-status status 133

# (j) A new entry takes any sequence number first; ha=0 drops the
# binding and the proxy, keeps the entry.
t_assert mn-readd nsx ha "$CLI" mn add $HOA spi $SPI key $KEY
sim hbu --seq 3 --lifetime 100 --ack
ba_ok readd 3 100
t_wait readd-proxy "proxy_has $HOA"
psave "$HAP"
t_assert ha-off nsx ha sysctl -qw net.omipv6.ha=0
t_assert ha-off-proxy-gone proxy_none
hamn_is ha-off-proc $HOA "spi=$SPI coa=- seq=3 lifetime=0"
t_delta ha-off-counters "$HAP" "event.ha_dereg=+1"
t_assert ha-on nsx ha sysctl -qw net.omipv6.ha=1

# (k) rmmod with a live binding removes its proxy entry.
sim hbu --seq 4 --lifetime 100 --ack
ba_ok before-rmmod 4 100
t_wait before-rmmod-proxy "proxy_has $HOA"
sim_stop
t_eq mn-sim-stderr "$(grep -v '^$' "$SIM_ERR")" ""
kill "$HAP" 2>/dev/null
wait "$HAP" 2>/dev/null
t_assert rmmod mod_unload
t_assert rmmod-proxy-gone proxy_none

ip netns del mn
ip netns del ha
ip netns del home
rm -rf "$tmp"
exit 0
