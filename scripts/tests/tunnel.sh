#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# IPv6-in-IPv6 data path, bindings absent: with the home agent and mobile
# node roles on but no binding, the module's netfilter hooks leave
# ordinary traffic alone and its ip6ip6 handler (tried before
# ip6_tunnel's) passes on every tunnelled packet: one that no tunnel
# wants gets tunnel6's ICMPv6 port unreachable, one for an ip6tnl device
# reaches that device, and tun_encap, tun_decap and tun_error stay 0.
# Then a home agent with one binding (registered by scripts/lib/mn_sim.py
# hbu from the care-of address): a ping from a node on the home link to
# the home address leaves the home agent as ip6ip6 from the home agent to
# the care-of address, and an ip6ip6 packet from the care-of address
# (inner: home address -> home node) is decapsulated and forwarded, its
# echo reply tunnelled back.
#
#   mn (CoA 2001:db8:a::100 on lo)
#    | mn-ha 2001:db8:e::2
#    | ha-mn 2001:db8:e::1
#   ha (home agent 2001:db8:1::1/64 on ha-home, proxy_ndp=1, forwarding)
#    | ha-home
#    | home-ha 2001:db8:1::2
#   home
# shellcheck disable=SC2317 # helpers are called through traps and t_assert
. "$OMIPV6_REPO/scripts/lib/test.sh"
. "$OMIPV6_REPO/scripts/lib/topo.sh"
. "$OMIPV6_REPO/scripts/lib/mn_sim.sh"

A=tu-a B=tu-b
AA=2001:db8:f::1 BA=2001:db8:f::2
TA=2001:db8:99::1 TB=2001:db8:99::2
tmp=$(mktemp -d)
PY=$tmp/ip6ip6.py

HOA=2001:db8:1::100 COA=2001:db8:a::100 HA=2001:db8:1::1 HOME=2001:db8:1::2
KEY=4f1c0a9be27d3356c8a1e04f9d6b2c7315e8a0d4 SPI=300
SIM_ERR=$tmp/mn_sim.err

cleanup() {
	[ -n "${SIM_PID:-}" ] && sim_stop
	for ns in "$A" "$B" mn ha home; do
		ip netns del "$ns" 2>/dev/null
	done
	mod_loaded && mod_unload
	rm -rf "$tmp"
}
trap cleanup EXIT

# ip6ip6.py OUTER_SRC OUTER_DST INNER_SRC INNER_DST: sends one ICMPv6
# echo request inside an ip6ip6 packet through an IPPROTO_RAW socket and
# prints "unreach CODE" for an ICMPv6 destination unreachable about it
# that comes back within 3 s, else "none".  No scapy: plain Python
# starts quickly even under emulation.
cat >"$PY" <<'PYEOF'
import select, socket, struct, sys, time

osrc, odst, isrc, idst = sys.argv[1:5]

def a(s):
    return socket.inet_pton(socket.AF_INET6, s)

def csum(src, dst, nh, data):
    b = src + dst + struct.pack("!I3xB", len(data), nh) + data
    if len(b) % 2:
        b += b"\0"
    t = sum(w for (w,) in struct.iter_unpack("!H", b))
    while t >> 16:
        t = (t & 0xFFFF) + (t >> 16)
    return ~t & 0xFFFF

def ip6(src, dst, nh, payload):
    return struct.pack("!IHBB", 6 << 28, len(payload), nh, 64) + \
        a(src) + a(dst) + payload

echo = struct.pack("!BBHHH", 128, 0, 0, 0x4f36, 1) + b"omipv6-tunnel"
echo = echo[:2] + struct.pack("!H", csum(a(isrc), a(idst), 58, echo)) + \
    echo[4:]
pkt = ip6(osrc, odst, 41, ip6(isrc, idst, 58, echo))

icmp = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_ICMPV6)
raw = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_RAW)
raw.sendto(pkt, (odst, 0))
end = time.time() + 3
while time.time() < end:
    r, _, _ = select.select([icmp], [], [], end - time.time())
    if not r:
        break
    data, _ = icmp.recvfrom(2048)
    # type 1, then the offending packet from its IPv6 header on
    if data[0] == 1 and len(data) >= 8 + 40 and data[8 + 24:8 + 40] == a(odst):
        print("unreach", data[1])
        sys.exit(0)
print("none")
PYEOF

ev() {
	proc_field "$B" event "$1"
}

modprobe -q veth 2>/dev/null || true
t_assert insmod mod_load
ip netns add "$A"
ip netns add "$B"
ip link add tu-a0 netns "$A" type veth peer name tu-b0 netns "$B"
nsx "$A" ip link set lo up
nsx "$B" ip link set lo up
nsx "$A" ip link set tu-a0 up
nsx "$B" ip link set tu-b0 up
nsx "$A" ip -6 addr add $AA/64 dev tu-a0 nodad
nsx "$B" ip -6 addr add $BA/64 dev tu-b0 nodad
nsx "$B" sysctl -qw net.omipv6.ha=1
nsx "$B" sysctl -qw net.omipv6.mn=1
nsx "$B" sysctl -qw net.ipv6.conf.all.forwarding=1

t_assert ping-through-hooks nsx "$A" ping -6 -c 2 -W 3 -q $BA

# Nothing wants this one: tunnel6 answers port unreachable (code 4).
got=$(nsx "$A" python3 "$PY" $AA $BA 2001:db8:1::100 2001:db8:2::1)
t_eq unmatched-gets-port-unreachable "$got" "unreach 4"
t_eq unmatched-not-decapsulated "$(ev tun_decap)" 0

# An ip6tnl device for A -> B still gets its packets with omipv6 ahead
# of ip6_tunnel in the handler chain.
# ip6_tunnel is a module on Debian's kernel, built in on the debug one.
if modprobe -q ip6_tunnel 2>/dev/null || test -d /sys/module/ip6_tunnel; then
	nsx "$B" ip -6 tunnel add tu-t0 mode ip6ip6 local $BA remote $AA
	nsx "$B" ip link set tu-t0 up
	nsx "$B" ip -6 addr add $TB/64 dev tu-t0 nodad
	rx0=$(ip netns exec "$B" cat /sys/class/net/tu-t0/statistics/rx_packets)
	got=$(nsx "$A" python3 "$PY" $AA $BA $TA $TB)
	rx1=$(ip netns exec "$B" cat /sys/class/net/tu-t0/statistics/rx_packets)
	t_eq ip6tnl-receives "$((rx1 - rx0))" 1
	t_eq ip6tnl-not-decapsulated "$(ev tun_decap)" 0
else
	t_fail ip6tnl-receives "ip6_tunnel module not available"
fi

t_eq no-encap "$(ev tun_encap)" 0
t_eq no-tunnel-error "$(ev tun_error)" 0

# Home agent with one binding.
hev() {
	proc_field ha event "$1"
}
modprobe -q xfrm_user 2>/dev/null || true
_topo_ns mn 0
_topo_ns ha 1
_topo_ns home 0
_topo_link ha ha-mn 2001:db8:e::1 mn mn-ha 2001:db8:e::2 0
_topo_link ha ha-home $HA home home-ha $HOME 0
ip -n mn addr add $COA/128 dev lo
ip -n mn route add default via 2001:db8:e::1
ip -n ha route add 2001:db8:a::/64 via 2001:db8:e::2
t_assert ha-enable nsx ha sysctl -qw net.omipv6.ha=1 \
	net.ipv6.conf.ha-home.proxy_ndp=1
t_assert ha-mn-add nsx ha "$CLI" mn add $HOA spi $SPI key $KEY
trap '' PIPE
t_assert ha-sim-ready sim_start --ifname mn-ha --hoa $HOA --coa $COA \
	--ha $HA --mnha-key $KEY --mnha-spi $SPI
sim hbu --seq 1 --lifetime 100 --ack
t_json ha-registered status 0
for _ in $(seq 25); do
	ip -n ha -6 neigh show proxy | grep -q "^$HOA " && break
	nap 0.2
done

# home -> HoA: tunnelled from the HA to the CoA.
e0=$(hev tun_encap)
nsx mn timeout 20 tcpdump -i mn-ha -nn -U -c 1 -w "$tmp/fwd.pcap" \
	"ip6 proto 41 and src $HA and dst $COA" 2>/dev/null &
cap=$!
nap 2
nsx home ping -6 -c 3 -i 0.5 -W 2 -q $HOA >/dev/null 2>&1
wait $cap
t_match ha-ping-tunnelled-to-coa \
	"$(tcpdump -r "$tmp/fwd.pcap" -nn 2>/dev/null | head -n 1)" \
	"IP6 $HA > $COA: IP6 $HOME > $HOA: ICMP6, echo request"
t_assert ha-encap-counted test "$(hev tun_encap)" -gt "$e0"

# CoA -> HA ip6ip6 (HoA -> home): decapsulated, forwarded, answered; the
# echo reply to the HoA is tunnelled back.
d0=$(hev tun_decap) e0=$(hev tun_encap)
got=$(nsx mn python3 "$PY" $COA $HA $HOA $HOME)
t_eq ha-reverse-not-refused "$got" none
t_eq ha-reverse-decapsulated "$(($(hev tun_decap) - d0))" 1
t_assert ha-reverse-answered test "$(hev tun_encap)" -gt "$e0"
t_eq ha-no-tunnel-error "$(hev tun_error)" 0

[ -n "${SIM_PID:-}" ] && sim_stop
t_assert rmmod mod_unload
exit 0
