#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Mobile node on the standard topology.  First with a home agent that
# does not answer (net.omipv6.ha=0): with net.omipv6.mn=1 the MN holds
# the wildcard route2 state and the IN policy for its home address;
# detached, away on a, away on b, a forced move and home again follow
# the router-side carrier switches on the mn line, with a handover
# record and mn_move each; the home BU (src CoA, dst HA, Home Address
# option, flags A|H, lifetime 105, MN-HA option with SPI 300 and an
# authenticator verified here in Python) is retransmitted after 1 s and
# then 2 s with a new sequence number each time.  The MN solicits a
# router advertisement when a link's carrier comes back.  Then with the
# home agent and the correspondent node on: the home registration and
# the correspondent's binding complete, and the MN's route-optimization
# state and policy appear.  mn=0 and unloading leave no xfrm object.
. "$OMIPV6_REPO/scripts/lib/test.sh"
. "$OMIPV6_REPO/scripts/lib/topo.sh"

SPI=300
KEY=000102030405060708090a0b0c0d0e0f10111213
tmp=$(mktemp -d)
pcap=$tmp/mn-a.pcap
tcpdump_pid=

cleanup() {
	[ -n "$tcpdump_pid" ] && kill "$tcpdump_pid" 2>/dev/null
	topo_destroy
	mod_loaded && mod_unload
	rm -rf "$tmp"
}
trap cleanup EXIT

mnline() { nsx mn cat /proc/net/omipv6 | grep '^mn '; }
mn_is() { mnline | grep -Eq -- "$1"; }
ho_count() { nsx mn cat /proc/net/omipv6 | grep -c '^handover '; }
ho_last() { nsx mn cat /proc/net/omipv6 | grep '^handover ' | tail -1; }
ev() { proc_field mn event "$1"; }
nstates() { ip -n mn xfrm state | grep -c '^src '; }
npolicies() { ip -n mn xfrm policy | grep -c '^src '; }
states_are() { [ "$(nstates)" = "$1" ]; }

modprobe -q xfrm_user 2>/dev/null || true
mod_load
TOPO_DELAY=0 t_assert topology topo_create

# Configuration first, then the role.
t_assert config nsx mn "$CLI" set home "$HOA" ha "$HA_ADDR" spi $SPI key $KEY
t_assert cn-add nsx mn "$CLI" cn add "$CN_ADDR"
t_eq off-no-line "$(mnline)" ""
nsx mn sysctl -qw net.omipv6.mn=1
echo "mn=1: $(mnline)"
t_match detached "$(mnline)" '^mn state=detached coa=- ha_state=none ha_seq=[0-9]+ ha_lifetime=0$'
t_match mncn-idle "$(nsx mn cat /proc/net/omipv6 | grep '^mncn ')" \
	"^mncn cn=$CN_ADDR state=idle seq=[0-9]+ lifetime=0 tries=0\$"
t_eq no-handover "$(ho_count)" 0
t_refute no-key-in-proc sh -c "ip netns exec mn cat /proc/net/omipv6 | grep -qi $KEY"

# The wildcard route2 state and the IN policy for the home address.
ip -n mn xfrm state
ip -n mn xfrm policy
t_eq rt2-one-state "$(nstates)" 1
t_match rt2-state "$(ip -n mn xfrm state | tr '\n' ' ')" \
	'^src :: dst ::[[:space:]]+proto route2 .*mode ro .*flag .*wildrecv.*coa ::'
t_eq rt2-one-policy "$(npolicies)" 1
t_match rt2-policy "$(ip -n mn xfrm policy | tr '\n' ' ')" \
	"src ::/0 dst $HOA/128[[:space:]]+dir in .*proto route2 .*mode ro .*level use"

# Away on a; the home agent does not answer.
nsx mn tcpdump -Z root -U -nn -i mn-a -w "$pcap" ip6 2>"$tmp/tcpdump.err" &
tcpdump_pid=$!
wait_for 10 grep -q 'listening on' "$tmp/tcpdump.err"
t_assert tcpdump-listening grep -q 'listening on' "$tmp/tcpdump.err"
t_assert attach-a topo_attach a
t_assert away-a wait_for 10 mn_is "^mn state=away coa=$COA_A ha_state=pending "
echo "a: $(mnline)"
t_eq a-move "$(ev mn_move)" 1
t_eq a-handovers "$(ho_count)" 1
t_match a-handover "$(ho_last)" \
	"^handover id=1 coa=$COA_A start=[1-9][0-9]+ ha_ba=0 cns=1 done=0\$"
t_match a-handover-cn "$(nsx mn cat /proc/net/omipv6 | grep '^handover_cn ')" \
	"^handover_cn id=1 cn=$CN_ADDR ba=0\$"
# Three BUs: at 0, 1 and 3 seconds.
t_assert a-retx wait_for 15 sh -c "[ \$(ip netns exec mn awk '\$1 == \"event\"' /proc/net/omipv6 | tr ' ' '\n' | sed -n 's/^mn_retx=//p') -ge 2 ]"
sleep 0.5
kill "$tcpdump_pid"
wait "$tcpdump_pid" 2>/dev/null
tcpdump_pid=
t_eq a-cn-idle-until-ha "$(proc_field mn mncn state)" idle

r=$(python3 - "$pcap" "$COA_A" "$HA_ADDR" "$HOA" "$KEY" "$SPI" <<'PYEOF'
import hashlib, hmac, socket, struct, sys

path, coa, ha, hoa, key, spi = sys.argv[1:7]
a = lambda s: socket.inet_pton(socket.AF_INET6, s)
key, spi = bytes.fromhex(key), int(spi)

def packets(path):
    d = open(path, "rb").read()
    magic = struct.unpack("<I", d[:4])[0]
    e, scale = ("<", 1e-6) if magic in (0xA1B2C3D4, 0xA1B23C4D) else (">", 1e-6)
    if magic in (0xA1B23C4D, 0x4D3CB2A1):
        scale = 1e-9
    link = struct.unpack(e + "I", d[20:24])[0]
    off = 24
    while off + 16 <= len(d):
        s, us, cap, _ = struct.unpack(e + "IIII", d[off:off + 16])
        frame = d[off + 16:off + 16 + cap]
        off += 16 + cap
        if link == 1:
            frame = frame[14:]
        elif link == 113:
            frame = frame[16:]
        yield s + us * scale, frame

bus, bad = [], []
for ts, ip in packets(path):
    if len(ip) < 40 or ip[0] >> 4 != 6:
        continue
    nh, src, dst, off, hao = ip[6], ip[8:24], ip[24:40], 40, None
    while nh in (0, 43, 60):
        h = ip[off:off + (ip[off + 1] + 1) * 8]
        if nh == 60:
            o = 2
            while o < len(h):
                if h[o] == 0:
                    o += 1
                    continue
                if h[o] == 201:
                    hao = h[o + 2:o + 18]
                o += 2 + h[o + 1]
        nh, off = h[0], off + len(h)
    if nh != 135:
        continue
    mh = ip[off:off + (ip[off + 1] + 1) * 8]
    if mh[2] != 5:
        continue
    seq, flags, life = struct.unpack("!HHH", mh[6:12])
    ok = (src == a(coa) and dst == a(ha) and hao == a(hoa) and
          flags == 0xC000 and life == 105 and mh[-19] == 9 and
          mh[-18] == 17 and mh[-17] == 1 and
          struct.unpack("!I", mh[-16:-12])[0] == spi)
    want = hmac.new(key, a(coa) + a(ha) + mh[:4] + b"\0\0" + mh[6:-12],
                    hashlib.sha1).digest()[:12]
    auth = mh[-12:] == want
    bus.append((ts, seq))
    if not (ok and auth):
        bad.append("seq=%d ok=%s auth=%s" % (seq, ok, auth))

gaps = [round(b[0] - a_[0], 2) for a_, b in zip(bus, bus[1:])]
seqs = all((b[1] - a_[1]) & 0xFFFF == 1 for a_, b in zip(bus, bus[1:]))
print("bus=%d bad=%d seq_step=%s gap1=%s gap2=%s %s" % (
    len(bus), len(bad), str(seqs).lower(),
    gaps[0] if gaps else "-", gaps[1] if len(gaps) > 1 else "-",
    ";".join(bad)))
PYEOF
)
echo "capture: $r"
kv() { printf '%s\n' "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
t_assert bu-count test "$(kv "$r" bus)" -ge 3
t_eq bu-all-valid "$(kv "$r" bad)" 0
t_eq bu-seq-step "$(kv "$r" seq_step)" true
g1=$(kv "$r" gap1) g2=$(kv "$r" gap2)
t_assert bu-gap-1s python3 -c "import sys; sys.exit(not 0.7 <= float('${g1/-/0}') <= 1.7)"
t_assert bu-gap-2s python3 -c "import sys; sys.exit(not 1.7 <= float('${g2/-/0}') <= 2.8)"

# Away on b, then a forced move, then home, then detached.
t_assert attach-b topo_attach b
t_assert away-b wait_for 10 mn_is "^mn state=away coa=$COA_B "
t_assert b-handover wait_for 5 sh -c "ip netns exec mn cat /proc/net/omipv6 | grep -q '^handover id=2 coa=$COA_B '"
t_eq b-move "$(ev mn_move)" 2
t_assert forced-move nsx mn "$CLI" move
t_match forced-handover "$(ho_last)" "^handover id=3 coa=$COA_B "
t_eq forced-move-count "$(ev mn_move)" 3
t_assert attach-home topo_attach home
t_assert home wait_for 10 mn_is '^mn state=home coa=- '
t_match home-handover "$(ho_last)" '^handover id=4 coa=home '
t_eq home-event "$(ev mn_home)" 1
ip -n ha link set ha-home-p down
t_assert detached wait_for 10 mn_is '^mn state=detached coa=- '
t_eq detached-no-handover "$(ho_count)" 4
echo "$(nsx mn cat /proc/net/omipv6 | grep -E '^(mn|mncn|handover|event) ')"

# A link the MN configured before gets its carrier back: Linux does not
# solicit a router advertisement then, the module does at once (from the
# link-local address, with a source link-layer address option), counted
# as mn_rs; with mn=0, or where accept_ra is off (the topology's
# setting, under which every move so far ran), it does not.  The
# kernel's own RS timer may still fire on mn-a, so the count is the
# module's counter and the capture shows a solicitation between the
# carrier and the moment the counter was seen to move (under a debug
# kernel that can be seconds after the carrier).
t_eq rs-none-without-accept-ra "$(ev mn_rs)" 0
nsx mn sysctl -qw net.ipv6.conf.mn-a.accept_ra=1
nsx mn tcpdump -Z root -U -nn -tt -i mn-a -w "$tmp/rs.pcap" \
	'icmp6 and ip6[40] == 133' 2>"$tmp/rs.err" &
tcpdump_pid=$!
wait_for 10 grep -q 'listening on' "$tmp/rs.err"
t_assert rs-tcpdump-listening grep -q 'listening on' "$tmp/rs.err"
rs0=$(ev mn_rs)
nsx mn sysctl -qw net.omipv6.mn=0
ip -n ar1 link set ar1-a up
sleep 2
t_eq rs-mn0-none "$(ev mn_rs)" "$rs0"
ip -n ar1 link set ar1-a down
nsx mn sysctl -qw net.omipv6.mn=1
t_assert rs-detached wait_for 10 mn_is '^mn state=detached '
t_up=$EPOCHREALTIME
ip -n ar1 link set ar1-a up
t_assert rs-counted wait_for 10 sh -c "[ \$(ip netns exec mn cat /proc/net/omipv6 | tr ' ' '\n' | sed -n 's/^mn_rs=//p') -eq $((rs0 + 1)) ]"
t_counted=$EPOCHREALTIME
t_assert rs-away-a wait_for 10 mn_is "^mn state=away coa=$COA_A "
sleep 0.5
kill "$tcpdump_pid"
wait "$tcpdump_pid" 2>/dev/null
tcpdump_pid=
rs=$(tcpdump -nn -tt -v -r "$tmp/rs.pcap" 2>/dev/null | tr '\n' ' ' |
	sed 's/\([0-9]\{10\}\.[0-9]*\) IP6/\n\1 IP6/g' |
	awk -v t="$t_up" -v c="$t_counted" '$1 >= t && $1 <= c')
echo "solicitations between the carrier and the count: $rs"
t_match rs-sent "$rs" 'fe80::[0-9a-f:]+ > ff02::2: .*router solicitation'
t_match rs-sllao "$rs" 'source link-address option'
ip -n ar1 link set ar1-a down
t_assert rs-detached-again wait_for 10 mn_is '^mn state=detached '
nsx mn sysctl -qw net.ipv6.conf.mn-a.accept_ra=0

# mn=0: no line, no object; mn=1 brings them back.
nsx mn sysctl -qw net.omipv6.mn=0
t_eq mn0-no-line "$(mnline)" ""
t_eq mn0-no-state "$(nstates)" 0
t_eq mn0-no-policy "$(npolicies)" 0
nsx mn sysctl -qw net.omipv6.mn=1
t_eq mn1-state "$(nstates)" 1
t_eq mn1-policy "$(npolicies)" 1

# With the home agent and the correspondent node answering.
nsx ha sysctl -qw net.omipv6.ha=1
nsx ha sysctl -qw net.ipv6.conf.ha-home.proxy_ndp=1
t_assert ha-mn-add nsx ha "$CLI" mn add "$HOA" spi $SPI key $KEY
nsx cn sysctl -qw net.omipv6.cn=1
t_assert full-attach-a topo_attach a
t_assert full-ha-bound wait_for 30 mn_is "^mn state=away coa=$COA_A ha_state=bound "
t_assert full-cn-bound wait_for 30 sh -c "ip netns exec mn cat /proc/net/omipv6 | grep -q '^mncn cn=$CN_ADDR state=bound '"
nsx mn cat /proc/net/omipv6 | grep -E '^(mn|mncn|handover|handover_cn|event|drop) '
nsx ha cat /proc/net/omipv6 | grep -E '^(hamn|drop|event) '
t_eq full-ha-bound-event "$(ev mn_ha_bound)" 1
t_eq full-cn-bound-event "$(ev mn_cn_bound)" 1
t_eq full-no-auth-drop "$(proc_field mn drop mn_auth)" 0
t_assert full-ro-state wait_for 5 states_are 2
t_match full-hao-state "$(ip -n mn xfrm state | tr '\n' ' ')" \
	"src $HOA dst $CN_ADDR[[:space:]]+proto hao .*mode ro .*coa $COA_A"
t_match full-out-policy "$(ip -n mn xfrm policy | tr '\n' ' ')" \
	"src $HOA/128 dst $CN_ADDR/128[[:space:]]+dir out .*proto hao .*mode ro"
t_match full-handover-done "$(ho_last)" \
	"^handover id=[0-9]+ coa=$COA_A start=[1-9][0-9]+ ha_ba=[1-9][0-9]+ cns=1 done=1\$"
# Home: the correspondent's objects go at once.
t_assert full-home topo_attach home
t_assert full-home-state wait_for 10 mn_is '^mn state=home '
t_assert full-home-ro-gone wait_for 5 states_are 1
t_assert full-home-cn-idle wait_for 15 sh -c "ip netns exec mn cat /proc/net/omipv6 | grep -q '^mncn cn=$CN_ADDR state=idle '"
t_assert full-home-ha-none wait_for 15 mn_is ' ha_state=none '
nsx mn cat /proc/net/omipv6 | grep -E '^(mn|mncn|handover|handover_cn) '

mod_unload
t_eq unload-no-state "$(nstates)" 0
t_eq unload-no-policy "$(npolicies)" 0
exit 0
