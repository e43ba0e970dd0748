# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Helpers for the OMIPv6 tests (scripts/tests/omi*.sh), on top of the
# Mobile IPv6 helpers (scripts/lib/mip.sh): the exchange's sysctls, the
# "omi" and "sa" lines of /proc/net/omipv6, and omi_tool, one
# long-lived Python process (Python starts slowly under emulation) that
# sits in a namespace and
#
#  - records every Mobility Header that namespace sends or receives
#    (AF_PACKET on all its interfaces), with the addresses of the
#    transport endpoints (Home Address option, type 2 routing header
#    and IPv6-in-IPv6 unwrapped), MH type, OMIPv6 subtype, sequence
#    number and Kabm authenticator option (present, epoch);
#  - counts them per correspondent, finds the first of a kind after a
#    mark (on the direct path or inside the tunnel) and the record that
#    carried the same Mobility Header octets on the other path, and
#  - sends a recorded packet again, changed on request (sequence number,
#    a flipped ICV bit, an added Nonce Indices option, a Binding
#    Authorization Data option in place of the Kabm option, from the
#    home address without its Home Address option), with its
#    MH checksum recomputed, through an IPPROTO_RAW socket it opened in
#    another namespace (an access router: an attacker on the path; not
#    the MN itself, whose own output path would treat the packet as
#    its own traffic), or sends from there an ICMPv6 Destination
#    Unreachable about a recorded packet;
#  - in the home agent's namespace, rewrites the DH2 copies that travel
#    through the home agent: it sees each DH2 for the home address as
#    it arrives (before an nftables rule drops the original), changes
#    one octet of its public value, fixes the checksum and sends it on
#    to the care-of address inside IPv6-in-IPv6, as the home agent
#    would; in an access router's, the same with the direct copies; or floods the correspondent with DH1 messages, from many
#    /64s, from one source or from one /64, at a given rate or at once.
#
# A packet the namespace receives inside IPv6-in-IPv6 shows up twice on
# AF_PACKET: as the tunnel packet and, once decapsulated, as the inner
# packet on the same interface; only the latter is recorded.  Also the
# net.omipv6 sysctl helpers, the per-correspondent message counts and
# go_to, a movement with its checks.  Source after test.sh, topo.sh,
# mn_sim.sh and mip.sh.

OMI_PY='
import hashlib, hmac, json, os, select, socket, struct, sys, threading, time

ETH_P_ALL, OUTGOING = 3, 4
MH_NAMES = {0: "brr", 1: "hoti", 2: "coti", 3: "hot", 4: "cot", 5: "bu",
            6: "ba", 7: "be"}
DH_NAMES = {1: "dh1", 2: "dh2", 3: "dh3", 4: "dh4"}

def a2s(b):
    return socket.inet_ntop(socket.AF_INET6, bytes(b))

def s2a(s):
    return socket.inet_pton(socket.AF_INET6, s)

def ones(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return s

def mh_csum(src, dst, mh):
    mh = mh[:4] + b"\0\0" + mh[6:]
    pseudo = src + dst + struct.pack("!I3xB", len(mh), 135)
    return mh[:4] + struct.pack("!H", ~ones(pseudo + mh) & 0xFFFF) + mh[6:]

def walk(pkt):
    """The innermost Mobility Header of an IPv6 packet, or None."""
    if len(pkt) < 40 or pkt[0] >> 4 != 6:
        return None
    src, dst, nh, off, tun = pkt[8:24], pkt[24:40], pkt[6], 40, False
    hao = rh2 = None
    while off < len(pkt):
        if nh == 41:
            if len(pkt) < off + 40:
                return None
            tun, src, dst = True, pkt[off + 8:off + 24], pkt[off + 24:off + 40]
            nh, off, hao, rh2 = pkt[off + 6], off + 40, None, None
        elif nh in (0, 60, 43):
            if len(pkt) < off + 8:
                return None
            end = off + (pkt[off + 1] + 1) * 8
            if nh == 43 and pkt[off + 2] == 2 and end >= off + 24:
                rh2 = pkt[off + 8:off + 24]
            if nh == 60:
                i = off + 2
                while i < end:
                    if pkt[i] == 0:
                        i += 1
                        continue
                    if pkt[i] == 201 and i + 18 <= end:
                        hao = pkt[i + 2:i + 18]
                    i += 2 + pkt[i + 1]
            nh, off = pkt[off], end
        else:
            break
    if nh != 135 or len(pkt) < off + 8:
        return None
    return dict(src=src, dst=dst, hao=hao, rh2=rh2, tun=tun, off=off,
                mh=pkt[off:off + (pkt[off + 1] + 1) * 8])

def opts(mh, start):
    i, out = start, {}
    while i < len(mh):
        if mh[i] == 0:
            i += 1
            continue
        if i + 2 > len(mh):
            break
        out.setdefault(mh[i], i)
        if mh[i] == 18 and i + 8 <= len(mh) and mh[i + 2] == 1:
            out["kabm"] = i
        i += 2 + mh[i + 1]
    return out

recs = []
lock = threading.Lock()

def sniff(sock):
    while True:
        data, addr = sock.recvfrom(65535)
        if addr[0] == "lo" or addr[1] != 0x86DD:
            continue
        out = addr[2] == OUTGOING
        if not out and len(data) > 6 and data[6] == 41:
            continue        # decapsulated again right after
        w = walk(data)
        if not w:
            continue
        mh = w["mh"]
        t = mh[2] if len(mh) > 2 else -1
        r = dict(t=time.time(), out=out, dev=addr[0], pkt=data, off=w["off"],
                 tun=w["tun"], type=t, mh=bytes(mh),
                 name=MH_NAMES.get(t, "other"),
                 src=a2s(w["hao"] or w["src"]), dst=a2s(w["rh2"] or w["dst"]),
                 wsrc=a2s(w["src"]), wdst=a2s(w["dst"]),
                 hao=w["hao"] is not None, rh2=w["rh2"] is not None,
                 seq=None, kabm=False, epoch=None)
        if t == 11 and len(mh) > 6:
            r["name"] = DH_NAMES.get(mh[6], "exp")
        if t in (5, 6) and len(mh) >= 12:
            r["seq"] = struct.unpack_from("!H", mh, 6 if t == 5 else 8)[0]
            o = opts(mh, 12)
            if "kabm" in o:
                r["kabm"] = True
                r["epoch"] = struct.unpack_from("!I", mh, o["kabm"] + 4)[0]
            r["opts"] = sorted(k for k in o if k != "kabm")
        with lock:
            recs.append(r)

def matching(frm, peer):
    with lock:
        return [(i, r) for i, r in enumerate(recs) if i >= frm and
                peer in (r["src"], r["dst"])]

def count(frm, peer):
    c = {"total": 0, "bu_kabm": 0, "ba_kabm": 0, "dh2_direct": 0,
         "dh2_ha": 0}
    for i, r in matching(frm, peer):
        c[r["name"]] = c.get(r["name"], 0) + 1
        c["total"] += 1
        if r["name"] in ("bu", "ba") and r["kabm"]:
            c[r["name"] + "_kabm"] += 1
        if r["name"] == "dh2":
            c["dh2_direct" if r["rh2"] else "dh2_ha"] += 1
    c["seq"] = " ".join("%s%s" % (r["name"], "+" if r["kabm"] else "")
                        for i, r in matching(frm, peer))
    return c

def last(frm, peer, name, out):
    for i, r in reversed(matching(frm, peer)):
        if r["name"] == name and r["out"] == (out == "out"):
            return i, r
    return None, None

def first(frm, peer, name, out, path):
    for i, r in matching(frm, peer):
        if (r["name"] == name and r["out"] == (out == "out") and
                path in ("any", "tun" if r["tun"] else "direct")):
            return i, r
    return None, None

def twin(idx):
    """The latest record before idx with the same direction and MH octets
    (checksum included) that took the other path (tunnel or direct)."""
    with lock:
        r = recs[idx]
        for i in range(idx - 1, -1, -1):
            q = recs[i]
            if q["out"] == r["out"] and q["tun"] != r["tun"] and q["mh"] == r["mh"]:
                return i, q
    return None, None

def rec_answer(i, r):
    answer({"idx": i if i is not None else -1,
            "seq": r and r["seq"], "epoch": r and r["epoch"],
            "kabm": bool(r and r["kabm"]), "tun": bool(r and r["tun"]),
            "wsrc": r and r["wsrc"], "wdst": r and r["wdst"],
            "osrc": r and a2s(r["pkt"][8:24]),
            "odst": r and a2s(r["pkt"][24:40])})

def netns_raw(name):
    """An IPPROTO_RAW socket in network namespace name (main thread)."""
    import ctypes
    libc = ctypes.CDLL(None, use_errno=True)
    home = os.open("/proc/self/ns/net", os.O_RDONLY)
    there = os.open("/run/netns/" + name, os.O_RDONLY)
    try:
        if libc.setns(there, 0x40000000):
            raise OSError(ctypes.get_errno(), "setns " + name)
        s = socket.socket(socket.AF_INET6, socket.SOCK_RAW,
                          socket.IPPROTO_RAW)
    finally:
        libc.setns(home, 0x40000000)
        os.close(there)
        os.close(home)
    return s

sender = None

def resend(r, changes):
    pkt = bytearray(r["pkt"])
    off = r["off"]
    mh = bytearray(pkt[off:off + (pkt[off + 1] + 1) * 8])
    via_ha = False
    for ch in changes:
        k, _, v = ch.partition("=")
        if k == "seq":
            s = struct.unpack_from("!H", mh, 6)[0]
            s = (s + int(v[1:])) & 0xFFFF if v[0] == "+" else int(v)
            struct.pack_into("!H", mh, 6, s)
        elif k == "flipicv":
            mh[-1] ^= 1
        elif k == "addni":
            # BU fixed part, Nonce Indices (2n), PadN, the Kabm option.
            o = opts(mh, 12)
            kab = bytes(mh[o["kabm"]:o["kabm"] + 24])
            mh = mh[:12] + bytes([4, 4, 0, 1, 0, 2, 1, 4, 0, 0, 0, 0]) + kab
            mh[1] = len(mh) // 8 - 1
        elif k == "rrstyle":
            # Nonce Indices and a Binding Authorization Data option
            # (8n+2) under a made-up key instead of the Kabm option.
            mh = (mh[:12] + bytes([4, 4, 0, 1, 0, 2, 5, 12]) +
                  bytes(range(0xA0, 0xAC)))
            mh[1] = len(mh) // 8 - 1
        elif k == "viaha":
            via_ha = True
        else:
            raise ValueError("unknown change " + ch)
    w = walk(bytes(pkt))
    src = w["hao"] or w["src"]
    dst = w["rh2"] or w["dst"]
    if via_ha:
        # As the home agent forwards the copy the MN reverse-tunnelled:
        # from the home address, without a Home Address option.
        pkt = bytearray(pkt[:40])
        pkt[6], pkt[8:24], off = 135, src, 40
    mh = mh_csum(src, dst, bytes(mh))
    pkt = pkt[:off] + mh
    struct.pack_into("!H", pkt, 4, len(pkt) - 40)
    sender.sendto(bytes(pkt), (a2s(pkt[24:40]), 0))
    return struct.unpack_from("!H", mh, 6)[0]

def icmp_error(r, src, dst):
    """ICMPv6 Destination Unreachable, address unreachable (type 1, code
    3), from src to dst, about the recorded packet r as it was on the
    wire (at most 1280 octets in all, RFC 4443 2.4 (c))."""
    s, d = s2a(src), s2a(dst)
    body = struct.pack("!BBHI", 1, 3, 0, 0) + bytes(r["pkt"])[:1280 - 48]
    pseudo = s + d + struct.pack("!I3xB", len(body), 58)
    body = body[:2] + struct.pack("!H", ~ones(pseudo + body) & 0xFFFF) + body[4:]
    pkt = struct.pack("!IHBB", 0x60000000, len(body), 58, 64) + s + d + body
    sender.sendto(pkt, (dst, 0))
    return len(pkt)

def answer(d):
    print(json.dumps(d, separators=(",", ":")), flush=True)

def serve(send_ns):
    global sender
    sender = netns_raw(send_ns)
    sock = socket.socket(socket.AF_PACKET, socket.SOCK_DGRAM,
                         socket.htons(ETH_P_ALL))
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 22)
    threading.Thread(target=sniff, args=(sock,), daemon=True).start()
    answer({"ready": True})
    for line in sys.stdin:
        a = line.split()
        if not a:
            continue
        try:
            if a[0] == "mark":
                with lock:
                    answer({"mark": len(recs)})
            elif a[0] == "count":
                answer(count(int(a[1]), a[2]))
            elif a[0] == "waitcount":
                frm, peer, name, n, to = int(a[1]), a[2], a[3], int(a[4]), float(a[5])
                end = time.time() + to
                while count(frm, peer).get(name, 0) < n and time.time() < end:
                    time.sleep(0.05)
                answer(count(frm, peer))
            elif a[0] == "last":
                rec_answer(*last(int(a[1]), a[2], a[3], a[4]))
            elif a[0] == "first":
                rec_answer(*first(int(a[1]), a[2], a[3], a[4], a[5]))
            elif a[0] == "twin":
                rec_answer(*twin(int(a[1])))
            elif a[0] == "icmperr":
                with lock:
                    r = recs[int(a[1])]
                answer({"sent": True, "len": icmp_error(r, a[2], a[3])})
            elif a[0] == "send":
                with lock:
                    r = recs[int(a[1])]
                answer({"sent": True, "seq": resend(r, a[2:])})
            elif a[0] == "quit":
                break
            else:
                answer({"error": "unknown command " + a[0]})
        except Exception as e:
            answer({"error": "%s: %s" % (type(e).__name__, e)})

def mangle(hoa, coa, ha, stop):
    """Rewrite every DH2 for hoa that arrives here and tunnel it to coa
    (ha: the home agent), or, with ha "direct", every DH2 to coa with a
    type 2 routing header for hoa and send it on as it was.  With ha
    "resign", as "direct", and sign the rewritten copy again with the
    Kbm of the last HoT and CoT for hoa and coa seen here and the N_MN
    and gX of the last DH1 from coa, as an attacker on the access link
    who reads return routability can."""
    sock = socket.socket(socket.AF_PACKET, socket.SOCK_DGRAM,
                         socket.htons(ETH_P_ALL))
    out = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_RAW)
    hoa_b, coa_b, n = s2a(hoa), s2a(coa), 0
    direct, resign = ha in ("direct", "resign"), ha == "resign"
    tok, dh1 = {}, None
    print("mangling", flush=True)
    while not os.path.exists(stop):
        r, _, _ = select.select([sock], [], [], 0.2)
        if not r:
            continue
        data, addr = sock.recvfrom(65535)
        if addr[2] == OUTGOING or addr[1] != 0x86DD:
            continue
        w = walk(data)
        if w and resign:
            m = w["mh"]
            if m[2] in (3, 4) and len(m) >= 24 and w["dst"] == (
                    hoa_b if m[2] == 3 else coa_b):
                tok[m[2]] = bytes(m[16:24])
            elif (m[2] == 11 and len(m) >= 40 and m[6] == 1 and
                    w["src"] == coa_b and w["hao"] == hoa_b):
                plen = struct.unpack("!H", m[36:38])[0]
                dh1 = bytes(m[16:32]) + bytes(m[40:40 + plen])
        if (not w or w["tun"] or len(w["mh"]) < 48 or
                w["mh"][2] != 11 or w["mh"][6] != 2):
            continue
        if direct and (w["dst"] != coa_b or w["rh2"] != hoa_b):
            continue
        if not direct and w["dst"] != hoa_b:
            continue
        mh = bytearray(w["mh"])
        mh[45] ^= 0x01          # one octet of the public value
        if resign:
            if 3 not in tok or 4 not in tok or not dh1:
                print("no key yet", flush=True)
                continue
            kbm = hashlib.sha1(tok[3] + tok[4]).digest()
            off = 40 + (struct.unpack("!H", mh[36:38])[0] + 7) // 8 * 8
            covered = bytes(mh[:4]) + b"\0\0" + bytes(mh[6:off])
            mh[off:off + 32] = hmac.new(kbm, coa_b + w["src"] + dh1 +
                                        covered, hashlib.sha256).digest()
        if direct:
            out.sendto(bytes(data[:w["off"]]) +
                       mh_csum(w["src"], hoa_b, bytes(mh)), (coa, 0))
            n += 1
            print("rewrote %d" % n, flush=True)
            continue
        inner = bytearray(data[:w["off"]]) + mh_csum(w["src"], w["dst"],
                                                     bytes(mh))
        struct.pack_into("!H", inner, 4, len(inner) - 40)
        inner[7] = 63
        outer = struct.pack("!IHBB", 0x60000000, len(inner), 41, 64) + \
            s2a(ha) + s2a(coa)
        out.sendto(outer + bytes(inner), (coa, 0))
        n += 1
        print("rewrote %d" % n, flush=True)

def flood(n, cn, hoa, mode, prefix=None, rate=0):
    """n DH1 (ffdhe2048, made-up SIG) from n sources in n different /64s
    (mode many), all from the same source (one), or from n sources in
    the /64 prefix (net), rate a second (0: as fast as they go)."""
    s = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_RAW)
    body = (struct.pack("!BBII", 1, 1, 0x01020304, 0) + bytes(range(16)) +
            struct.pack("!HHHH", 1, 6, 256, 0) + bytes([7]) * 256 +
            bytes(range(32)))
    mh0 = struct.pack("!BBBBH", 59, (len(body) + 6) // 8 - 1, 11, 0, 0) + body
    cn_b, hoa_b = s2a(cn), s2a(hoa)
    dst_opt = bytes([135, 2, 1, 2, 0, 0, 201, 16]) + hoa_b
    mh = mh_csum(hoa_b, cn_b, mh0)
    sent, t0 = 0, time.time()
    for i in range(n):
        if mode == "one":
            i = 0
        if mode == "net":
            src = s2a("%s::f00:%x:%x" % (prefix, i // 65536, i % 65536 + 1))
        else:
            src = s2a("2001:db8:f%03x:%x::1" % (i // 4096, i % 4096 + 1))
        if rate:
            time.sleep(max(0.0, t0 + i / rate - time.time()))
        pkt = struct.pack("!IHBB", 0x60000000, len(dst_opt) + len(mh), 60,
                          64) + src + cn_b + dst_opt + mh
        try:
            s.sendto(pkt, (cn, 0))
            sent += 1
        except OSError:
            time.sleep(0.001)
    print("flooded %d in %.3f s" % (sent, time.time() - t0), flush=True)

if sys.argv[1] == "serve":
    serve(sys.argv[2])
elif sys.argv[1] == "mangle":
    mangle(*sys.argv[2:6])
elif sys.argv[1] == "flood":
    flood(int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5],
          *sys.argv[6:7], *[float(r) for r in sys.argv[7:8]])
'

# omi_modules: the kernel's X25519 kpp (a module on Debian's kernel,
# built in on the debug kernel), which the guest does not autoload.
omi_modules() {
	modprobe -q curve25519-x86_64 2>/dev/null
	modprobe -q curve25519-generic 2>/dev/null ||
		grep -q '^name *: curve25519$' /proc/crypto
}

# omi_enable NS...: turn the exchange on in each namespace.
omi_enable() {
	local ns
	for ns in "$@"; do
		nsx "$ns" sysctl -qw net.omipv6.omi=1 || return 1
	done
}

# tool_start NS SEND_NS: omi_tool recording in NS and sending from
# SEND_NS (one per test script).
tool_start() {
	coproc TOOL { exec ip netns exec "$1" python3 -c "$OMI_PY" serve "$2" \
		2>"$CAPDIR/tool.err"; }
	co_ready TOOL
}

# tool CMD...: one omi_tool command; its JSON answer lands in R.
tool() {
	co_call TOOL "${TOOL_WAIT:-120}" omi_tool "$@"
	echo "[$EPOCHREALTIME] tool $* -> $R"
}

tool_stop() {
	co_stop TOOL
}

# tmark: the tool's current record count, in M.
tmark() {
	tool mark
	jget mark
	M=$J
}

# omi_is NS KEY VALUE / sa_is NS KEY VALUE: KEY of NS's "omi" or "sa"
# line is VALUE, for t_wait.  psnap keeps the last line of a record;
# use these where NS has one correspondent or one SA.
omi_is() {
	is "$1" "omi.$2" "$3"
}

sa_is() {
	is "$1" "sa.$2" "$3"
}

# sa_epoch_at_least NS N: the SA's current epoch is N or more.
sa_epoch_at_least() {
	rd "$1"
	[[ ${P[sa.epoch]:-x} =~ ^[0-9]+$ ]] && [ "${P[sa.epoch]}" -ge "$2" ] &&
		return 0
	WHY="$1 sa epoch=${P[sa.epoch]:-none}, want >= $2"
	return 1
}

# sa_lines NS: the "sa" lines of NS's /proc/net/omipv6, in S.
sa_lines() {
	S=$(grep '^sa ' "/proc/${HOLD[$1]}/net/omipv6")
}

# no_key_material NS: no run of 16 or more hex digits with a letter in
# it (a key, a token, a Kbm or a Kabm in hex would be one; the decimal
# times of the handover lines are not) anywhere in NS's
# /proc/net/omipv6.
no_key_material() {
	local hits
	hits=$(grep -Eo '[0-9a-fA-F]{16,}' "/proc/${HOLD[$1]}/net/omipv6" |
		grep '[a-fA-F]')
	[ -z "$hits" ] && return 0
	WHY="$1: $hits"
	return 1
}

# nft_omi_drop NS HOOK PRIORITY MATCH: NS drops and counts the packets
# MATCH selects at HOOK, in a table of its own.
nft_omi_drop() {
	nsx "$1" nft -f - <<NFT
table inet omif
delete table inet omif
table inet omif {
	chain c {
		type filter hook $2 priority $3; policy accept;
		$4 counter drop
	}
}
NFT
}

# nft_drop_dh2_via_ha: the home agent drops every DH2 for the home
# address before its tunnel takes it (prerouting, ahead of omipv6's
# hook at NF_IP6_PRI_CONNTRACK_DEFRAG + 1).
nft_drop_dh2_via_ha() {
	nft_omi_drop ha prerouting -450 \
		"ip6 daddr $HOA meta l4proto 135 @th,16,8 11 @th,48,8 2"
}

# nft_drop_dh2_direct: the access router drops every DH2 it forwards to
# the care-of address COA_A (the direct copy, type 2 routing header).
nft_drop_dh2_direct() {
	nft_omi_drop ar1 forward 0 \
		"ip6 daddr $COA_A meta l4proto 135 @th,16,8 11 @th,48,8 2"
}

# nft_drop_dh1_at_cn: the correspondent drops every DH1 it receives.
nft_drop_dh1_at_cn() {
	nft_omi_drop cn input 0 "meta l4proto 135 @th,16,8 11 @th,48,8 1"
}

# nft_clear_omi [NS] / nft_hits_omi [NS]: remove the rules, or print how
# many packets they dropped, in NS (default: the home agent).
nft_clear_omi() {
	nsx "${1:-ha}" nft delete table inet omif
}

nft_hits_omi() {
	nsx "${1:-ha}" nft list table inet omif 2>/dev/null |
		awk '/counter packets/ { for (i = 1; i < NF; i++)
			if ($i == "packets") print $(i + 1) }'
}

# reject NAME NS KEY VALUE: writing VALUE and a newline to the proc file
# fails with EINVAL and the old value stays.
reject() {
	reject_proc "$1" "$2" "$3" "$4"$'\n'
}

# counts NAME FROM PEER: the tool's count of MH messages with PEER since
# FROM into C[...] (also logged).
declare -A C
counts() {
	local k
	tool count "$2" "$3"
	C=()
	for k in total hoti hot coti cot bu ba be bu_kabm ba_kabm dh1 dh2 dh3 \
		dh4 dh2_direct dh2_ha; do
		jget "$k"
		[ "$J" = none ] && J=0
		C[$k]=$J
	done
	jget seq
	mip_log "$1: messages with $3: $J"
}

# t_counts NAME "KEY=N ...": C[KEY] is exactly N for each.
t_counts() {
	local kv k bad=
	for kv in $2; do
		k=${kv%%=*}
		[ "${C[$k]:-0}" = "${kv#*=}" ] || bad+="$k=${C[$k]:-0}(want ${kv#*=}) "
	done
	if [ -z "$bad" ]; then
		t_ok "$1"
	else
		t_fail "$1" "$bad"
	fi
}

# go_to NAME LINK COA: move to LINK and check the state there: away at
# COA, bound at the HA and the CN, the CN's binding at COA, the ping
# answered again.  Marks mn, ha and cn as NAME first, and keeps the
# tool's mark in MK[NAME] and the time in TS[NAME].
declare -A MK TS
go_to() {
	local l=$1 link=$2 coa=$3 ns
	for ns in mn ha cn; do
		mark $ns "$l"
	done
	tmark
	TS[$l]=$EPOCHREALTIME
	MK[$l]=$M
	mip_log "$l: moving to $link"
	t_assert "$l-attach" topo_attach "$link"
	t_wait "$l-mn-away" "$MIP_WAIT" mn_away "$coa"
	t_wait "$l-cn-binding" 10 cn_bound "$coa"
	t_ping_back "$l-ping-back" "${TS[$l]}"
}
