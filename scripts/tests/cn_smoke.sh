#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Correspondent node smoke test, two namespaces on one link: with
# net.omipv6.cn=1 the CN holds the wildcard route-optimization state and
# the BU policy and nothing with cn=0; HoTI and CoTI get a HoT and a CoT
# with the cookie copied; an unknown MH type gets Binding Error status 2;
# a BU authenticated from the tokens (computed here with hashlib/hmac)
# gets BA 0 to the CoA with a type 2 routing header and a valid
# authenticator, a binding line and the binding's xfrm states; a
# deregistration from the home address removes them; unload with a live
# binding leaves no xfrm state or policy behind.
. "$OMIPV6_REPO/scripts/lib/test.sh"

MN=cs-mn CN=cs-cn
HOA=2001:db8:1::100 COA=2001:db8:a::100 CNA=2001:db8:c::1
tmp=$(mktemp -d)
PY=$tmp/mn.py

cleanup() {
	ip netns del "$MN" 2>/dev/null
	ip netns del "$CN" 2>/dev/null
	mod_loaded && mod_unload
	rm -rf "$tmp"
}
trap cleanup EXIT

# A minimal mobile node: raw IPv6 out, AF_PACKET in, no scapy.
cat >"$PY" <<'PYEOF'
import hashlib, hmac, os, socket, struct, sys, time

IFACE, HOA, COA, CN = sys.argv[1:5]
COOKIE_H = bytes(range(0xC0, 0xC8))
COOKIE_C = bytes(range(0xD0, 0xD8))

def a(s):
    return socket.inet_pton(socket.AF_INET6, s)

def ones(data):
    if len(data) % 2:
        data += b"\0"
    t = sum(w for (w,) in struct.iter_unpack("!H", data))
    while t >> 16:
        t = (t & 0xFFFF) + (t >> 16)
    return t

def csum(src, dst, mh):
    return ~ones(src + dst + struct.pack("!I3xB", len(mh), 135) + mh) & 0xFFFF

def with_csum(src, dst, mh):
    return mh[:4] + struct.pack("!H", csum(src, dst, mh)) + mh[6:]

def send(src, dst, nh, payload):
    ip = struct.pack("!IHBB", 6 << 28, len(payload), nh, 64) + src + dst
    s = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_RAW)
    s.sendto(ip + payload, (socket.inet_ntop(socket.AF_INET6, dst), 0))
    s.close()

def listener():
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x86DD))
    s.bind((IFACE, 0))
    s.settimeout(0.5)
    return s

def collect(s, want, timeout=10):
    """MH messages from CN: (type, src, dst, rh2, mh) until want types seen."""
    got, end = [], time.time() + timeout
    while time.time() < end and not want <= {g[0] for g in got}:
        try:
            f = s.recv(4096)
        except socket.timeout:
            continue
        ip = f[14:]
        if len(ip) < 40 or ip[8:24] != a(CN):
            continue
        nh, src, dst, pl, rh2 = ip[6], ip[8:24], ip[24:40], ip[40:], None
        if nh == 43 and pl[2] == 2:
            rh2, nh, pl = (pl[8:24], pl[3]), pl[0], pl[(pl[1] + 1) * 8:]
        if nh != 135 or len(pl) < 8:
            continue
        mh = pl[:(pl[1] + 1) * 8]
        final = rh2[0] if rh2 else dst
        ok = csum(src, final, mh) == 0
        got.append((mh[2], src, dst, rh2, mh, ok))
    return got

def one(got, t):
    m = [g for g in got if g[0] == t]
    return m[0] if len(m) == 1 else None

def rr(s):
    hoti = with_csum(a(HOA), a(CN), struct.pack("!BBBBHH", 59, 1, 1, 0, 0, 0) + COOKIE_H)
    coti = with_csum(a(COA), a(CN), struct.pack("!BBBBHH", 59, 1, 2, 0, 0, 0) + COOKIE_C)
    send(a(HOA), a(CN), 135, hoti)
    send(a(COA), a(CN), 135, coti)
    got = collect(s, {3, 4})
    hot, cot = one(got, 3), one(got, 4)
    r = {}
    r["hot"] = bool(hot and hot[2] == a(HOA) and hot[3] is None and hot[5]
                    and hot[4][8:16] == COOKIE_H and hot[4][1] == 2)
    r["cot"] = bool(cot and cot[2] == a(COA) and cot[3] is None and cot[5]
                    and cot[4][8:16] == COOKIE_C and cot[4][1] == 2)
    if not (hot and cot):
        return r, None
    toks = (struct.unpack("!H", hot[4][6:8])[0], hot[4][16:24],
            struct.unpack("!H", cot[4][6:8])[0], cot[4][16:24])
    return r, toks

def bu(s, toks, seq, units, home):
    hi, ht, ci, ct = toks
    coa = HOA if home else COA
    kbm = hashlib.sha1(ht if home else ht + ct).digest()
    body = struct.pack("!HHH", seq, 0x8000, units)
    body += struct.pack("!BBHH", 4, 4, hi, ci)       # Nonce Indices at 12
    body += bytes([1, 6]) + bytes(6)                # PadN to 26 = 8n+2
    body += bytes([5, 12]) + bytes(12)              # BAD, ends at 40
    mh = struct.pack("!BBBBH", 59, 4, 5, 0, 0) + body
    auth = hmac.new(kbm, a(coa) + a(CN) + mh[:-12], hashlib.sha1).digest()[:12]
    mh = with_csum(a(HOA), a(CN), mh[:-12] + auth)
    if home:
        send(a(HOA), a(CN), 135, mh)
    else:
        # Destination options: PadN(2), HAO at 8n+6.
        do = bytes([135, 2, 1, 2, 0, 0, 201, 16]) + a(HOA)
        send(a(COA), a(CN), 60, do + mh)
    got = collect(s, {6})
    ba = one(got, 6)
    r = {"ba": bool(ba)}
    if not ba:
        return r
    m = ba[4]
    r["ba_status"] = m[6]
    r["ba_seq"] = struct.unpack("!H", m[8:10])[0]
    r["ba_lifetime"] = struct.unpack("!H", m[10:12])[0]
    r["ba_csum"] = ba[5]
    r["ba_dst"] = socket.inet_ntop(socket.AF_INET6, ba[2])
    r["ba_rh2"] = socket.inet_ntop(socket.AF_INET6, ba[3][0]) if ba[3] else "-"
    want = hmac.new(kbm, a(coa) + a(CN) + m[:4] + b"\0\0" + m[6:-12],
                    hashlib.sha1).digest()[:12]
    r["ba_bad"] = len(m) == 32 and m[-14:-12] == bytes([5, 12]) and m[-12:] == want
    return r

def unknown_type(s):
    mh = with_csum(a(COA), a(CN), struct.pack("!BBBBHH", 59, 0, 200, 0, 0, 0))
    send(a(COA), a(CN), 135, mh)
    got = collect(s, {7})
    be = one(got, 7)
    return {"be": bool(be and be[2] == a(COA) and be[5] and be[4][6] == 2
                       and len(be[4]) == 24)}

def out(d):
    print(" ".join("%s=%s" % (k, str(v).lower() if isinstance(v, bool) else v)
                   for k, v in sorted(d.items())))

s = listener()
cmd = sys.argv[5]
if cmd == "rr":
    out(rr(s)[0])
elif cmd == "unknown":
    out(unknown_type(s))
elif cmd in ("bu", "dereg"):
    r, toks = rr(s)
    if toks:
        r.update(bu(s, toks, int(sys.argv[6]), int(sys.argv[7]), cmd == "dereg"))
    out(r)
PYEOF

mn() { ip netns exec "$MN" python3 "$PY" csm0 "$HOA" "$COA" "$CNA" "$@"; }

# kv TEXT KEY: the value of KEY=VALUE in TEXT.
kv() { printf '%s\n' "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }

xstate() { ip -n "$CN" xfrm state; }
xpolicy() { ip -n "$CN" xfrm policy; }
nstates() { xstate | grep -c '^src '; }
npolicies() { xpolicy | grep -c '^src '; }
binding_count() { nsx "$CN" cat /proc/net/omipv6 | grep -c '^binding '; }
states_are() { [ "$(nstates)" = "$1" ]; }
policies_are() { [ "$(npolicies)" = "$1" ]; }

modprobe -q veth 2>/dev/null || true
modprobe -q xfrm_user 2>/dev/null || true
mod_load
ip netns add "$MN"
ip netns add "$CN"
for ns in "$MN" "$CN"; do
	ip -n "$ns" link set lo up
	ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.accept_dad=0 \
		net.ipv6.conf.default.accept_dad=0
done
ip link add csm0 netns "$MN" type veth peer name csc0 netns "$CN"
ip -n "$MN" addr add "$HOA/64" dev csm0 nodad
ip -n "$MN" addr add "$COA/64" dev csm0 nodad
ip -n "$CN" addr add "$CNA/64" dev csc0 nodad
ip -n "$CN" addr add 2001:db8:1::1/64 dev csc0 nodad
ip -n "$CN" addr add 2001:db8:a::1/64 dev csc0 nodad
ip -n "$MN" link set csm0 up
ip -n "$CN" link set csc0 up
ip -n "$MN" route add 2001:db8:c::/64 dev csm0

# Role off: no xfrm object.
t_eq off-no-state "$(nstates)" 0
t_eq off-no-policy "$(npolicies)" 0

# Role on: the wildcard DSTOPTS state and the IN policy for BUs.
nsx "$CN" sysctl -qw net.omipv6.cn=1
t_eq on-one-state "$(nstates)" 1
t_match on-wildcard-state "$(xstate | tr '\n' ' ')" \
	'^src :: dst ::[[:space:]]+proto hao .*mode ro .*coa ::'
t_match on-wildcard-wildrecv "$(xstate | tr '\n' ' ')" 'flag .*wildrecv'
t_eq on-one-policy "$(npolicies)" 1
t_match on-bu-policy "$(xpolicy | tr '\n' ' ')" \
	'proto mobility(-header)? type 5 .*dir in .*ptype sub .*proto hao .*mode ro .*level use'

# Return routability.
r=$(mn rr)
echo "rr: $r"
t_eq hot-answered "$(kv "$r" hot)" true
t_eq cot-answered "$(kv "$r" cot)" true
t_eq rr-rx-hoti "$(proc_field "$CN" rx hoti)" 1
t_eq rr-rx-coti "$(proc_field "$CN" rx coti)" 1
t_eq rr-tx-hot "$(proc_field "$CN" tx hot)" 1
t_eq rr-tx-cot "$(proc_field "$CN" tx cot)" 1
t_eq rr-kcn "$(proc_field "$CN" event kcn_regen)" 1
t_eq rr-no-role-drops "$(proc_field "$CN" drop no_role)" 0

# Unknown MH type: Binding Error status 2, not a drop.
r=$(mn unknown)
echo "unknown: $r"
t_eq be-answered "$(kv "$r" be)" true
t_eq be-counted "$(proc_field "$CN" event be_unknown_type)" 1
t_eq be-tx "$(proc_field "$CN" tx be)" 1
t_eq be-rx-other "$(proc_field "$CN" rx other)" 1

# Binding Update from the CoA with a HAO: BA 0, binding, xfrm states.
# 100 units = 400 s: long enough for a slow (debug, TCG) guest.
r=$(mn bu 7 100)
echo "bu: $r"
nsx "$CN" cat /proc/net/omipv6
t_eq bu-ba "$(kv "$r" ba)" true
t_eq bu-ba-status "$(kv "$r" ba_status)" 0
t_eq bu-ba-seq "$(kv "$r" ba_seq)" 7
t_eq bu-ba-lifetime "$(kv "$r" ba_lifetime)" 100
t_eq bu-ba-bad "$(kv "$r" ba_bad)" true
t_eq bu-ba-csum "$(kv "$r" ba_csum)" true
t_eq bu-ba-dst "$(kv "$r" ba_dst)" "$COA"
t_eq bu-ba-rh2 "$(kv "$r" ba_rh2)" "$HOA"
t_eq bu-bind-add "$(proc_field "$CN" event bind_add)" 1
t_eq bu-ba-accepted "$(proc_field "$CN" event ba_accepted)" 1
t_match bu-binding-line "$(nsx "$CN" cat /proc/net/omipv6 | grep '^binding ')" \
	"^binding hoa=$HOA coa=$COA cn=$CNA seq=7 lifetime=[0-9]+ flags=A updated=[1-9][0-9]*\$"
left=$(nsx "$CN" cat /proc/net/omipv6 | sed -n 's/^binding .* lifetime=\([0-9]*\) .*/\1/p')
t_assert bu-binding-lifetime test "${left:-0}" -ge 1 -a "${left:-0}" -le 400
# updated is CLOCK_REALTIME: within a minute of this shell's clock.
upd=$(nsx "$CN" cat /proc/net/omipv6 | sed -n 's/^binding .* updated=\([0-9]*\)$/\1/p')
now=${EPOCHREALTIME/./}
t_assert bu-binding-updated-realtime \
	test $(((${now}000 - ${upd:-0}) / 1000000000)) -ge 0 -a \
	$(((${now}000 - ${upd:-0}) / 1000000000)) -le 60
t_assert bu-states wait_for 10 states_are 3
t_match bu-route2-state "$(xstate | tr '\n' ' ')" \
	"src $CNA dst $HOA[[:space:]]+proto route2 .*mode ro .*coa $COA"
t_match bu-hao-state "$(xstate | tr '\n' ' ')" \
	"src $HOA dst $CNA[[:space:]]+proto hao .*mode ro .*coa $COA"
t_assert bu-policies wait_for 10 policies_are 3
t_match bu-out-policy "$(xpolicy | tr '\n' ' ')" \
	"src $CNA/128 dst $HOA/128[[:space:]]+dir out .*proto route2 .*mode ro"

# The same sequence number again: BA 135 with the last accepted one.
r=$(mn bu 7 100)
t_eq replay-ba-status "$(kv "$r" ba_status)" 135
t_eq replay-ba-seq "$(kv "$r" ba_seq)" 7
t_eq replay-counted "$(proc_field "$CN" event ba_seq)" 1

# Deregistration from the home address: BA 0 to the HoA, no RH2.
r=$(mn dereg 8 0)
echo "dereg: $r"
nsx "$CN" cat /proc/net/omipv6
t_eq dereg-ba-status "$(kv "$r" ba_status)" 0
t_eq dereg-ba-dst "$(kv "$r" ba_dst)" "$HOA"
t_eq dereg-ba-no-rh2 "$(kv "$r" ba_rh2)" -
t_eq dereg-ba-bad "$(kv "$r" ba_bad)" true
t_eq dereg-bind-del "$(proc_field "$CN" event bind_del)" 1
t_eq dereg-no-binding "$(binding_count)" 0
t_assert dereg-states-gone wait_for 10 states_are 1
t_assert dereg-policies wait_for 10 policies_are 1

# Role off removes everything; on again brings the wildcard back.
nsx "$CN" sysctl -qw net.omipv6.cn=0
t_eq cn0-no-state "$(nstates)" 0
t_eq cn0-no-policy "$(npolicies)" 0
nsx "$CN" sysctl -qw net.omipv6.cn=1
t_eq cn1-state-again "$(nstates)" 1

# Unload with a live binding: no xfrm object survives.
r=$(mn bu 9 100)
t_eq unload-bu-ba-status "$(kv "$r" ba_status)" 0
t_assert unload-bu-states wait_for 10 states_are 3
t_eq unload-binding "$(binding_count)" 1
mod_unload
t_eq unload-no-state "$(nstates)" 0
t_eq unload-no-policy "$(npolicies)" 0
t_refute unload-module-gone mod_loaded
exit 0
