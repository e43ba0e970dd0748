#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""A mobile node simulator for the correspondent-node and home-agent tests.

  mn_sim.py [GLOBAL...] serve            one command a line on stdin
  mn_sim.py [GLOBAL...] --state F CMD... one command, state kept in F
  mn_sim.py selftest                     check the simulator (host side)

Independent of the module: it computes Kbm and Binding Authorization
Data authenticators in Python (scripts/rr_vectors.py's hashlib/hmac
primitives), builds every Mobility Header octet by octet with explicit
option lengths and offsets (doc/wire-format.md), builds the IPv6 packets
around them with scapy (Home Address option in a Destination Options
header, UDP checksum over the home address) and sends them through an
IPPROTO_RAW socket, so the kernel routes them but changes nothing.  It
reads what comes back on an AF_PACKET socket bound to the MN's interface
(--ifname), so it sees a Binding Acknowledgement with its type 2 routing
header before the MN's own kernel (which holds no mobility state)
discards it.

Every command prints one line of flat JSON (keys and scalar values only,
so a shell can pick a field with a regular expression).  Commands:

  rr [--hoa A]         HoTI from the HoA and CoTI from the CoA; waits for
                       HoT and CoT, checks the cookie echo, the checksum
                       and the source; records nonce indices and tokens
  bu --seq N --lifetime UNITS [--ack] [--home] [--forge] [--expired-home]
     [--expired-coa] [--no-bad] [--no-opts] [--at-home] [--truncate LEN]
     [--fence] [--wait S]
                       (--truncate: cut the BU to LEN octets, Header Len
                       to match, sent with Hop Limit 7 so that a capture
                       reader can tell it is malformed on purpose)
                       BU from the CoA with a Home Address option (with
                       --at-home: from the HoA, none), Nonce Indices and
                       BAD; Kbm = SHA1(home token | care-of token), or
                       SHA1(home token) for lifetime 0 or --at-home.
                       Waits for the BA (--ack, --wait) and reports its
                       status, sequence, lifetime, whether its BAD
                       verifies under the same Kbm and the address in its
                       type 2 routing header.  --fence then sends a CoTI
                       and waits for its CoT: whatever the CN answered to
                       the BU arrives before it, so "no BA" needs no sleep.
  mh --type T [--hdrlen N] [--hao] [--count K]
                       K messages of MH type T (Header Len N, zero data)
                       from the CoA; fenced; reports the Binding Errors
  udp-hao --port P [--hoa A] [--no-hao] [--listen S]
                       a UDP datagram CoA -> CN with a Home Address
                       option; with --cn-ns, a socket in the CN's
                       namespace reports the peer address it arrived from
  cn-ping [--dst A]    (--cn-ns) an ICMPv6 echo request sent by a raw
                       socket in the CN's namespace to the HoA; reports
                       where it reached the MN's wire and its routing
                       header
  hbu --seq N --lifetime UNITS [--ack] [--hoa A] [--spi N] [--no-auth]
      [--forge] [--alt-coa A] [--at-home] [--fence] [--wait S]
                       home registration (A and H bits, --ack for the A
                       bit; an error BA comes anyway): BU from the CoA to
                       --ha with a Home Address option (with --at-home:
                       from the HoA, none) ending with a MN-HA
                       authentication option (RFC 4285) for --mnha-spi
                       (--spi: another SPI) under --mnha-key (--forge: one
                       bit flipped; --no-auth: no option).  Waits for the
                       BA and reports its status, sequence, lifetime,
                       addresses, type 2 routing header, and whether its
                       MN-HA option verifies (ba_mnha valid, invalid or
                       absent, over the CoA and the BA's source).  --fence
                       then pings the HA and waits for the reply: whatever
                       the HA answered arrives before it.
  bulk --count N --prefix P [--lifetime UNITS] [--window W]
                       N bindings: one CoTI, then HoTI/HoT for home
                       addresses P+1..P+N and a BU (A bit) for each
  dh1 --sid N [--rekey SID] [--fence] [--wait S]
                       (serve only) OMIPv6 DH1 in ffdhe2048 from the CoA
                       with a Home Address option, session id N, its SIG
                       keyed with Kbm of the last rr (with --rekey: the
                       first 20 octets of the Kabm exchange SID made);
                       waits up to the timeout for the DH2 copy to the
                       CoA (the correspondent makes it in a work item;
                       --wait: up to S seconds)
                       and reports whether its SIG and MAC verify.
                       --fence: gathers until a CoTI's CoT instead, for
                       a DH1 the correspondent drops on receipt
  dh3 --sid N [--fence] [--no-wait] [--wait S]
                       (serve only) DH3 of exchange N; waits for the DH4
                       as dh1 does for the DH2 (--no-wait: not at all)
                       and reports whether its SIG and MAC verify and its
                       SA lifetime; Kabm is kept for kbu
  omi-seen             (serve only) DH2 and DH4 copies received since the
                       last command, up to a fence
  kbu --sid N --seq S --epoch E [--lifetime UNITS] [--unconfirmed]
                       (serve only) BU (A bit) from the CoA with a Home
                       Address option ending in the Kabm authenticator
                       under exchange N's Kabm (--unconfirmed: the one
                       its DH2 gave, with or without a DH4) and epoch E;
                       waits for the
                       BA (fenced) and reports its status and whether its
                       Kabm authenticator verifies (ba_kabm) and its epoch
  set-coa A            the care-of address of the commands that follow
                       (the CN routes all of 2001:db8::/32 to the MN)
  state                the recorded state
  quit                 (serve) exit

GLOBAL: --hoa --coa --cn --ha addresses (defaults: the cn tests' topology),
--mnha-key HEX and --mnha-spi N (the MN-HA security association for hbu),
--ifname (mn-cn), --cn-ns NETNS (open CN-side sockets in that
namespace), --timeout S (how long to wait for an answer, default 10).
"""
import argparse
import hashlib
import json
import os
import random
import select
import shlex
import socket
import struct
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(
    __file__))))
import rr_vectors as rrv  # noqa: E402  (reference RR crypto, KAT source)

IPPROTO_MH = 135
IPPROTO_NONE = 59
IPPROTO_ROUTING = 43
IPPROTO_DSTOPTS = 60
IPPROTO_HOPOPTS = 0
IPPROTO_ICMPV6 = 58
IPPROTO_UDP = 17
ETH_P_IPV6 = 0x86DD
PACKET_OUTGOING = 4
CLONE_NEWNET = 0x40000000

MH_HOTI, MH_COTI, MH_HOT, MH_COT, MH_BU, MH_BA, MH_BE = 1, 2, 3, 4, 5, 6, 7
MH_EXP = 11  # OMIPv6 (doc/wire-format.md)
OPT_PAD1, OPT_PADN, OPT_BRA, OPT_ALT_COA, OPT_NI, OPT_BAD = 0, 1, 2, 3, 4, 5
OPT_MNHA = 9
MNHA_SUBTYPE = 1
# Known mobility options: Length, and alignment x * n + y (the MN-HA
# option is 4n + 1 and last, so the message ends right after it: 8n + 5).
OPT_RULES = {OPT_BRA: (2, 2, 0), OPT_ALT_COA: (16, 8, 6),
             OPT_NI: (4, 2, 0), OPT_BAD: (12, 8, 2), OPT_MNHA: (17, 8, 5)}
BU_A, BU_H, BU_L, BU_K = 0x8000, 0x4000, 0x2000, 0x1000
AUTH_LEN = 12
TLV_HAO = 201
HLIM_BROKEN = 7  # Hop Limit of messages malformed on purpose

HOA = "2001:db8:1::100"
COA = "2001:db8:a::100"
CN = "2001:db8:c::1"
IFNAME = "mn-cn"


def pton(a):
    return socket.inet_pton(socket.AF_INET6, a)


def ntop(b):
    return socket.inet_ntop(socket.AF_INET6, bytes(b))


# --- Mobility Header codec (the simulator's own) -----------------------

def pad(n):
    """n octets of padding: Pad1 or PadN with zero data."""
    if n == 0:
        return b""
    if n == 1:
        return bytes([OPT_PAD1])
    return bytes([OPT_PADN, n - 2]) + bytes(n - 2)


def mh_build(mh_type, body, options=()):
    """Fixed header + body + options [(type, data)], each at its
    alignment with Pad1/PadN before it, padded to 8n; Header Len set,
    checksum zero."""
    m = bytearray([IPPROTO_NONE, 0, mh_type, 0, 0, 0]) + bytes(body)
    for otype, data in options:
        length, x, y = OPT_RULES[otype]
        if len(data) != length:
            raise ValueError("option %d: %d octets" % (otype, len(data)))
        m += pad((y - len(m)) % x)
        m += bytes([otype, length]) + bytes(data)
    m += pad(-len(m) % 8)
    m[1] = len(m) // 8 - 1
    return m


def mh_set_csum(m, psrc, pdst):
    m = bytearray(m)
    m[4:6] = b"\0\0"
    m[4:6] = struct.pack("!H", rrv.mh_csum(pton(psrc), pton(pdst), bytes(m)))
    return bytes(m)


def mh_csum_ok(m, psrc, pdst):
    pseudo = pton(psrc) + pton(pdst) + struct.pack("!I3xB", len(m),
                                                   IPPROTO_MH)
    return rrv.ones_sum(pseudo + bytes(m)) == 0xFFFF


def hoti(cookie):
    return mh_build(MH_HOTI, bytes(2) + cookie)


def coti(cookie):
    return mh_build(MH_COTI, bytes(2) + cookie)


def bu_msg(seq, flags, lifetime, nonce_idx=None, kbm=None, coa=None,
           cn=None, alt_coa=None, forge=False):
    """A BU; with kbm, ending with BAD over (coa, cn).  The checksum is
    left zero (the authenticator is computed over a zero checksum)."""
    opts = []
    if alt_coa is not None:
        opts.append((OPT_ALT_COA, pton(alt_coa)))
    if nonce_idx is not None:
        opts.append((OPT_NI, struct.pack("!HH", *nonce_idx)))
    if kbm is not None:
        opts.append((OPT_BAD, bytes(AUTH_LEN)))
    m = mh_build(MH_BU, struct.pack("!HHH", seq, flags, lifetime), opts)
    if kbm is not None:
        assert m[-AUTH_LEN - 2] == OPT_BAD and (len(m) - 14) % 8 == 2
        auth = bytearray(rrv.bad_authenticator(kbm, pton(coa), pton(cn),
                                               bytes(m)))
        if forge:
            auth[5] ^= 0x01
        m[-AUTH_LEN:] = auth
    return bytes(m)


def home_bu_msg(seq, flags, lifetime, key, spi, coa, ha, alt_coa=None,
                auth=True, forge=False):
    """A home registration BU ending with the MN-HA authentication option
    (RFC 4285) over (coa, ha), unless auth is false.  Checksum zero."""
    opts = []
    if alt_coa is not None:
        opts.append((OPT_ALT_COA, pton(alt_coa)))
    if auth:
        opts.append((OPT_MNHA, struct.pack("!BI", MNHA_SUBTYPE, spi) +
                     bytes(AUTH_LEN)))
    m = mh_build(MH_BU, struct.pack("!HHH", seq, flags, lifetime), opts)
    if auth:
        assert m[-AUTH_LEN - 7] == OPT_MNHA and (len(m) - 19) % 8 == 5
        a = bytearray(rrv.mnha_authenticator(key, pton(coa), pton(ha),
                                             bytes(m)))
        if forge:
            a[3] ^= 0x10
        m[-AUTH_LEN:] = a
    return bytes(m)


def mnha_check(m, key, coa, ha):
    """'valid', 'invalid' or 'absent': the message's MN-HA option under
    key over (coa, ha); it must end the message at 8n+5."""
    p = mh_parse(m)
    opts = [o for o in p["opts"] if o[0] == OPT_MNHA] if p else []
    if not opts:
        return "absent"
    otype, off, data = opts[-1]
    if (len(data) != 17 or off + 19 != len(m) or off % 8 != 5 or
            data[0] != MNHA_SUBTYPE):
        return "invalid"
    want = rrv.mnha_authenticator(key, pton(coa), pton(ha), bytes(m))
    return "valid" if want == bytes(m[-AUTH_LEN:]) else "invalid"


def mnha_spi(m):
    p = mh_parse(m)
    opts = [o for o in p["opts"] if o[0] == OPT_MNHA] if p else []
    if not opts or len(opts[-1][2]) != 17:
        return None
    return struct.unpack_from("!I", opts[-1][2], 1)[0]


def kbm_for(home_token, coa_token, dereg):
    """Kbm (RFC 6275 5.2.5): deregistration uses the home token only."""
    if dereg:
        return hashlib.sha1(home_token).digest()
    return hashlib.sha1(home_token + coa_token).digest()


def mh_parse(m):
    """Fields of a Mobility Header and its options; None if unusable."""
    m = bytes(m)
    if len(m) < 8 or (m[1] + 1) * 8 != len(m):
        return None
    r = {"proto": m[0], "type": m[2], "len": len(m), "opts": []}
    t = m[2]
    if t in (MH_HOT, MH_COT) and len(m) >= 24:
        r["index"], = struct.unpack_from("!H", m, 6)
        r["cookie"], r["token"] = m[8:16], m[16:24]
        ooff = 24
    elif t in (MH_HOTI, MH_COTI) and len(m) >= 16:
        r["cookie"] = m[8:16]
        ooff = 16
    elif t == MH_BA and len(m) >= 12:
        r["status"], r["flags"], r["seq"], r["lifetime"] = \
            struct.unpack_from("!BBHH", m, 6)
        ooff = 12
    elif t == MH_BU and len(m) >= 12:
        r["seq"], r["flags"], r["lifetime"] = struct.unpack_from("!HHH", m, 6)
        ooff = 12
    elif t == MH_BE and len(m) >= 24:
        r["status"] = m[6]
        r["home"] = ntop(m[8:24])
        ooff = 24
    else:
        ooff = len(m)
    off = ooff
    while off < len(m):
        if m[off] == OPT_PAD1:
            off += 1
            continue
        if off + 2 > len(m) or off + 2 + m[off + 1] > len(m):
            r["opt_error"] = off
            break
        r["opts"].append((m[off], off, m[off + 2:off + 2 + m[off + 1]]))
        off += 2 + m[off + 1]
    return r


def bad_check(m, kbm, coa, cn):
    """'valid', 'invalid' or 'absent': the message's BAD option under
    Kbm, over (coa, cn); it must end the message at 8n+2."""
    p = mh_parse(m)
    bads = [o for o in p["opts"] if o[0] == OPT_BAD] if p else []
    if not bads:
        return "absent"
    otype, off, data = bads[-1]
    if len(data) != AUTH_LEN or off + 14 != len(m) or off % 8 != 2:
        return "invalid"
    want = rrv.bad_authenticator(kbm, pton(coa), pton(cn), bytes(m))
    return "valid" if want == bytes(m[-AUTH_LEN:]) else "invalid"


# --- IPv6 packets ----------------------------------------------------------

def dissect(pkt):
    """IPv6 header, extension headers, upper layer of a received packet."""
    pkt = bytes(pkt)
    if len(pkt) < 40 or pkt[0] >> 4 != 6:
        return None
    plen, nh = struct.unpack_from("!HB", pkt, 4)
    end = min(len(pkt), 40 + plen)
    d = {"src": ntop(pkt[8:24]), "dst": ntop(pkt[24:40]), "rh2": None,
         "rh2_segleft": None, "rh_type": None, "hao": None}
    off = 40
    while nh in (IPPROTO_HOPOPTS, IPPROTO_ROUTING, IPPROTO_DSTOPTS):
        if off + 8 > end:
            return None
        hlen = (pkt[off + 1] + 1) * 8
        if off + hlen > end:
            return None
        if nh == IPPROTO_ROUTING:
            d["rh_type"] = pkt[off + 2]
            if pkt[off + 2] == 2 and hlen == 24:
                d["rh2"] = ntop(pkt[off + 8:off + 24])
                d["rh2_segleft"] = pkt[off + 3]
        else:
            o = off + 2
            while o < off + hlen:
                if pkt[o] == 0:
                    o += 1
                    continue
                if o + 2 > off + hlen:
                    break
                if pkt[o] == TLV_HAO and pkt[o + 1] == 16:
                    d["hao"] = ntop(pkt[o + 2:o + 18])
                o += 2 + pkt[o + 1]
        nh = pkt[off]
        off += hlen
    d["proto"] = nh
    d["payload"] = pkt[off:end]
    if nh == IPPROTO_MH:
        d["mh"] = mh_parse(d["payload"])
        # Pseudo-header: the HoA for a HAO, the final destination for RH2.
        d["csum_ok"] = mh_csum_ok(d["payload"], d["hao"] or d["src"],
                                  d["rh2"] or d["dst"])
    return d


_scapy = None


def scapy():
    global _scapy
    if _scapy is None:
        import logging
        logging.getLogger("scapy").setLevel(logging.ERROR)
        from scapy.layers import inet6
        from scapy import packet
        _scapy = (inet6, packet)
    return _scapy


def ipv6(src, dst, payload_layer, hao=None, nh=None, hlim=64):
    """An IPv6 packet built by scapy: src -> dst, with a Destination
    Options header holding PadN(2) and the Home Address option (at 8n+6,
    24 octets) when hao is given."""
    inet6, packet = scapy()
    if isinstance(payload_layer, (bytes, bytearray)):
        payload_layer = packet.Raw(load=bytes(payload_layer))
    if hao is not None:
        do = inet6.IPv6ExtHdrDestOpt(autopad=0, options=[
            inet6.PadN(optdata=b"\0\0"), inet6.HAO(hoa=hao)])
        if nh is not None:
            do.nh = nh
        pkt = inet6.IPv6(src=src, dst=dst, hlim=hlim) / do / payload_layer
    else:
        pkt = inet6.IPv6(src=src, dst=dst, hlim=hlim) / payload_layer
        if nh is not None:
            pkt.nh = nh
    return bytes(pkt)


def udp_layer(sport, dport, data, psrc, pdst):
    """UDP with its checksum over psrc (the HoA under a HAO) -> pdst,
    computed here: scapy uses a HAO only when it is the header's sole
    option, and ours follows a PadN."""
    inet6, packet = scapy()
    u = struct.pack("!HHHH", sport, dport, 8 + len(data), 0) + data
    pseudo = pton(psrc) + pton(pdst) + struct.pack("!I3xB", len(u),
                                                   IPPROTO_UDP)
    csum = ~rrv.ones_sum(pseudo + u) & 0xFFFF
    return inet6.UDP(sport=sport, dport=dport,
                     chksum=csum or 0xFFFF) / packet.Raw(load=data)


class Netns:
    """Enter a named network namespace for a with-block, then return."""

    def __init__(self, name):
        import ctypes
        self.ctypes = ctypes
        self.libc = ctypes.CDLL(None, use_errno=True)
        self.path = "/run/netns/" + name

    def _setns(self, fd):
        if self.libc.setns(fd, CLONE_NEWNET):
            err = self.ctypes.get_errno()
            raise OSError(err, os.strerror(err))

    def __enter__(self):
        self.home = os.open("/proc/self/ns/net", os.O_RDONLY)
        fd = os.open(self.path, os.O_RDONLY)
        try:
            self._setns(fd)
        finally:
            os.close(fd)
        return self

    def __exit__(self, *exc):
        try:
            self._setns(self.home)
        finally:
            os.close(self.home)


# --- The mobile node ----------------------------------------------------

class ArgError(Exception):
    pass


class Parser(argparse.ArgumentParser):
    def error(self, message):
        raise ArgError(message)


def hexs(b):
    return bytes(b).hex() if b is not None else None


class MN:
    def __init__(self, g, state=None):
        self.g = g
        self.st = state or {}
        self.st.setdefault("hoa", g.hoa)
        self.st.setdefault("coa", g.coa)
        self.st.setdefault("cn", g.cn)
        self.tx = socket.socket(socket.AF_INET6, socket.SOCK_RAW,
                                socket.IPPROTO_RAW)
        self.rx = socket.socket(socket.AF_PACKET, socket.SOCK_DGRAM,
                                socket.htons(ETH_P_IPV6))
        try:
            self.rx.setsockopt(socket.SOL_SOCKET, 33,  # SO_RCVBUFFORCE
                               16 << 20)
        except OSError:
            self.rx.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 16 << 20)
        self.rx.bind((g.ifname, ETH_P_IPV6))
        self.rx.setblocking(False)
        self.cn_sock = {}
        self.ex = {}
        self.icmp = None
        if g.cn_ns:
            with Netns(g.cn_ns):
                self.icmp = socket.socket(socket.AF_INET6, socket.SOCK_RAW,
                                          IPPROTO_ICMPV6)

    # Receiving.
    def packets(self, deadline):
        """Received packets (dissected) until deadline."""
        while True:
            try:
                data, addr = self.rx.recvfrom(65535)
            except BlockingIOError:
                left = deadline - time.monotonic()
                if left <= 0:
                    return
                select.select([self.rx], [], [], left)
                continue
            if addr[2] == PACKET_OUTGOING:
                continue
            d = dissect(data)
            if d is not None:
                yield d

    def flush(self):
        for _ in self.packets(0):
            pass

    def send(self, pkt, dst):
        self.tx.sendto(pkt, (dst, 0))

    def send_mh(self, m, src, dst, hao=None, hlim=64):
        """Fill in the checksum (the HoA stands in for src with a HAO)."""
        m = mh_set_csum(m, hao or src, dst)
        self.send(ipv6(src, dst, m, hao=hao, nh=IPPROTO_MH, hlim=hlim), dst)
        return m

    def mh_from_cn(self, d, types):
        mh = d.get("mh")
        return (mh is not None and d["src"] == self.st["cn"] and
                mh["type"] in types)

    # Commands.
    def cmd_set_coa(self, a):
        self.st["coa"] = a.addr
        return {"coa": a.addr}

    def cmd_state(self, a):
        return {k: v for k, v in self.st.items() if not isinstance(v, dict)}

    def cmd_rr(self, a):
        hoa, coa, cn = a.hoa or self.st["hoa"], self.st["coa"], self.st["cn"]
        hc, cc = os.urandom(8), os.urandom(8)
        self.flush()
        self.send_mh(hoti(hc), hoa, cn)
        self.send_mh(coti(cc), coa, cn)
        got = {}
        deadline = time.monotonic() + self.g.timeout
        for d in self.packets(deadline):
            if not self.mh_from_cn(d, (MH_HOT, MH_COT)):
                continue
            mh = d["mh"]
            kind = "hot" if mh["type"] == MH_HOT else "cot"
            if kind in got:
                continue
            want_dst, cookie = (hoa, hc) if kind == "hot" else (coa, cc)
            if d["dst"] != want_dst or mh.get("cookie") != cookie:
                continue
            got[kind] = (d, mh)
            if len(got) == 2:
                break
        r = {"ok": len(got) == 2, "hot": "hot" in got, "cot": "cot" in got}
        if "hot" in got:
            d, mh = got["hot"]
            r.update(home_index=mh["index"], home_token=hexs(mh["token"]),
                     hot_csum_ok=d["csum_ok"], hot_rh=d["rh_type"],
                     hot_len=mh["len"])
            self.st["home_index"] = mh["index"]
            self.st["home_token"] = hexs(mh["token"])
            self.st["rr_hoa"] = hoa
        if "cot" in got:
            d, mh = got["cot"]
            r.update(coa_index=mh["index"], coa_token=hexs(mh["token"]),
                     cot_csum_ok=d["csum_ok"], cot_rh=d["rh_type"],
                     cot_len=mh["len"])
            self.st["coa_index"] = mh["index"]
            self.st["coa_token"] = hexs(mh["token"])
        return r

    def fence(self, deadline, collect):
        """Send a CoTI; gather MH from the CN (collect(d)) until its CoT."""
        cookie = os.urandom(8)
        self.send_mh(coti(cookie), self.st["coa"], self.st["cn"])
        for d in self.packets(deadline):
            mh = d.get("mh")
            if (self.mh_from_cn(d, (MH_COT,)) and
                    mh.get("cookie") == cookie):
                return True
            collect(d)
        return False

    def ba_fields(self, d, kbm, bad_coa):
        mh = d["mh"]
        return {"ba": True, "status": mh.get("status"),
                "ba_flags": mh.get("flags"), "ba_seq": mh.get("seq"),
                "ba_lifetime": mh.get("lifetime"), "ba_src": d["src"],
                "ba_dst": d["dst"], "ba_rh2": d["rh2"] or "",
                "ba_rh2_segleft": d["rh2_segleft"], "ba_hao": d["hao"] or "",
                "ba_csum_ok": d["csum_ok"], "ba_len": mh["len"],
                "ba_bad": bad_check(d["payload"], kbm, bad_coa, d["src"])
                if kbm else "unknown"}

    def cmd_bu(self, a):
        st = self.st
        hoa, coa, cn = st.get("rr_hoa", st["hoa"]), st["coa"], st["cn"]
        if "home_token" not in st or "coa_token" not in st:
            raise ArgError("no tokens: run rr first")
        ht, ct = bytes.fromhex(st["home_token"]), bytes.fromhex(
            st["coa_token"])
        dereg = a.lifetime == 0 or a.at_home
        kbm = kbm_for(ht, ct, dereg)
        src = hoa if a.at_home else coa
        hidx = st["home_index"] ^ (0x8000 if a.expired_home else 0)
        cidx = st["coa_index"] ^ (0x8000 if a.expired_coa else 0)
        flags = (BU_A if a.ack else 0) | (BU_H if a.home else 0)
        m = bu_msg(a.seq & 0xFFFF, flags, a.lifetime,
                   None if a.no_opts else (hidx, cidx),
                   None if (a.no_bad or a.no_opts) else kbm, src, cn,
                   forge=a.forge)
        if a.truncate:
            m = bytearray(m[:a.truncate])
            m[1] = len(m) // 8 - 1
        self.flush()
        # Broken on purpose: Hop Limit 7 tells a capture reader.
        sent = self.send_mh(m, src, cn, hao=None if a.at_home else hoa,
                            hlim=HLIM_BROKEN if a.truncate else 64)
        r = {"sent_len": len(sent), "ba": False, "be": False,
             "kbm_dereg": dereg}
        answers = []

        def collect(d):
            if self.mh_from_cn(d, (MH_BA, MH_BE)):
                answers.append(d)
        deadline = time.monotonic() + (a.wait if a.wait is not None
                                       else self.g.timeout)
        if a.fence:
            r["fence"] = self.fence(deadline, collect)
        elif a.ack or a.wait is not None:
            for d in self.packets(deadline):
                collect(d)
                if answers and answers[-1]["mh"]["type"] == MH_BA:
                    break
        bas = [d for d in answers if d["mh"]["type"] == MH_BA]
        bes = [d for d in answers if d["mh"]["type"] == MH_BE]
        r["ba_count"] = len(bas)
        if bas:
            r.update(self.ba_fields(bas[0], kbm, src))
            if r["status"] == 0:
                st["last_seq"] = a.seq & 0xFFFF
        if bes:
            r.update(be=True, be_status=bes[0]["mh"].get("status"),
                     be_home=bes[0]["mh"].get("home"))
        return r

    def ping_fence(self, dst, deadline, collect):
        """An ICMPv6 echo request CoA -> dst; gather everything else
        (collect(d)) until its reply."""
        inet6, packet = scapy()
        ident = random.randint(1, 0xFFFF)
        data = os.urandom(8)
        pkt = bytes(inet6.IPv6(src=self.st["coa"], dst=dst) /
                    inet6.ICMPv6EchoRequest(id=ident, seq=1, data=data))
        self.send(pkt, dst)
        for d in self.packets(deadline):
            p = d["payload"]
            if (d["proto"] == IPPROTO_ICMPV6 and len(p) >= 8 and
                    p[0] == 129 and struct.unpack_from("!H", p, 4)[0] ==
                    ident and p[8:] == data):
                return True
            collect(d)
        return False

    def cmd_hbu(self, a):
        g = self.g
        if not g.ha or not g.mnha_key:
            raise ArgError("needs --ha and --mnha-key")
        key = bytes.fromhex(g.mnha_key)
        hoa = a.hoa or self.st["hoa"]
        ha = g.ha
        src = hoa if a.at_home else self.st["coa"]
        coa = a.alt_coa or src
        spi = a.spi if a.spi is not None else g.mnha_spi
        m = home_bu_msg(a.seq & 0xFFFF, (BU_A if a.ack else 0) | BU_H,
                        a.lifetime, key, spi, coa, ha, alt_coa=a.alt_coa,
                        auth=not a.no_auth, forge=a.forge)
        self.flush()
        sent = self.send_mh(m, src, ha, hao=None if a.at_home else hoa)
        r = {"sent_len": len(sent), "ba": False, "ba_count": 0}
        bas = []

        def collect(d):
            mh = d.get("mh")
            if mh is not None and d["src"] == ha and mh["type"] == MH_BA:
                bas.append(d)
        deadline = time.monotonic() + (a.wait if a.wait is not None
                                       else g.timeout)
        if a.fence:
            r["fence"] = self.ping_fence(ha, deadline, collect)
        else:
            for d in self.packets(deadline):
                collect(d)
                if bas:
                    break
        r["ba_count"] = len(bas)
        if bas:
            d = bas[0]
            r.update(self.ba_fields(d, None, None))
            r["ba_mnha"] = mnha_check(d["payload"], key, coa, d["src"])
            r["ba_mnha_spi"] = mnha_spi(d["payload"])
            del r["ba_bad"]
        return r

    def cmd_mh(self, a):
        coa, cn, hoa = self.st["coa"], self.st["cn"], self.st["hoa"]
        m = bytearray([IPPROTO_NONE, a.hdrlen, a.type, 0, 0, 0]) + bytes(
            (a.hdrlen + 1) * 8 - 6)
        hao = hoa if a.hao else None
        m = mh_set_csum(m, hao or coa, cn)
        pkt = ipv6(coa, cn, m, hao=hao, nh=IPPROTO_MH)
        self.flush()
        for _ in range(a.count):
            self.send(pkt, cn)
        bes = []

        def collect(d):
            if self.mh_from_cn(d, (MH_BE,)):
                bes.append(d)
        fence = self.fence(time.monotonic() + self.g.timeout, collect)
        r = {"fence": fence, "be": bool(bes), "be_count": len(bes)}
        if bes:
            d = bes[0]
            r.update(be_status=d["mh"].get("status"),
                     be_home=d["mh"].get("home"), be_src=d["src"],
                     be_dst=d["dst"], be_rh2=d["rh2"] or "",
                     be_csum_ok=d["csum_ok"], be_len=d["mh"]["len"])
        return r

    # The OMIPv6 exchange (doc/wire-format.md), with omi_vectors.py's
    # independent builders and key schedule; ffdhe2048 only (integer
    # arithmetic, no crypto library).  Exchanges live in self.ex by
    # session id, in serve mode only.
    def omi_from_cn(self, d, subtype, sid):
        m = d["payload"]
        return (self.mh_from_cn(d, (MH_EXP,)) and len(m) >= 16 and
                m[6] == subtype and struct.unpack_from("!I", m, 8)[0] == sid)

    def omi_wait(self, a, want):
        """The payloads of the answers want(d) picks: the first within
        the timeout (the correspondent answers from a work item), or,
        with a.fence, all that came before the fence's CoT (for a
        message the correspondent drops on receipt)."""
        got = []

        def collect(d):
            if want(d):
                got.append(d["payload"])
        deadline = time.monotonic() + (a.wait if a.wait is not None
                                       else self.g.timeout)
        if a.fence:
            if not self.fence(deadline, collect):
                raise ArgError("fence: no CoT")
            return got
        for d in self.packets(deadline):
            collect(d)
            if got:
                break
        return got

    def omi_step(self, a, m, hao, name, want):
        """Send m from the CoA to the CN (with a HAO for hao) and wait
        for the answers want(d) picks (omi_wait()): the result so far and
        the first answer's payload, or None."""
        self.flush()
        self.send_mh(m, self.st["coa"], self.st["cn"], hao=hao)
        got = self.omi_wait(a, want)
        r = {name: bool(got), name + "_count": len(got)}
        if a.fence:
            r["fence"] = True
        return r, (got[0] if got else None)

    def omi_auth(self, m, sig_off, sigkey, km, nonce, pub):
        """Whether the SIG at sig_off and the MAC after it verify, for a
        message from the CN (over our CoA and its address)."""
        import omi_vectors as omv
        mac_off = sig_off + omv.SIG_LEN
        if len(m) < mac_off + omv.MAC_LEN:
            return False, False
        coa, cn = pton(self.st["coa"]), pton(self.st["cn"])
        return (omv.sig(sigkey, coa, cn, m, sig_off, nonce, pub) ==
                m[sig_off:mac_off],
                omv.mac(km, m, mac_off) == m[mac_off:mac_off + omv.MAC_LEN])

    def cmd_omi_seen(self, a):
        """DH2 and DH4 copies that arrived since the last command, and
        up to a fence."""
        import omi_vectors as omv
        seen = {"dh2": 0, "dh4": 0}

        def collect(d):
            m = d["payload"]
            if self.mh_from_cn(d, (MH_EXP,)) and len(m) >= 16:
                if m[6] == omv.DH2:
                    seen["dh2"] += 1
                elif m[6] == omv.DH4:
                    seen["dh4"] += 1
        for d in self.packets(0):
            collect(d)
        r = {"fence": self.fence(time.monotonic() + self.g.timeout,
                                 collect)}
        r.update(seen)
        return r

    def cmd_dh1(self, a):
        import omi_vectors as omv
        st = self.st
        hoa, coa, cn = st.get("rr_hoa", st["hoa"]), st["coa"], st["cn"]
        if a.rekey is not None:
            if a.rekey not in self.ex or "kabm" not in self.ex[a.rekey]:
                raise ArgError("no Kabm from exchange %d" % a.rekey)
            sigkey = self.ex[a.rekey]["kabm"][:20]
        else:
            if "home_token" not in st or "coa_token" not in st:
                raise ArgError("no tokens: run rr first")
            sigkey = kbm_for(bytes.fromhex(st["home_token"]),
                             bytes.fromhex(st["coa_token"]), False)
        priv = os.urandom(32)
        gx = omv.ffdhe_pub(priv)
        n_mn = os.urandom(omv.NONCE_LEN)
        m, _ = omv.dh1(sigkey, pton(coa), pton(cn), pton(hoa), a.sid, n_mn,
                       omv.GROUP_FFDHE2048, gx)
        ex = {"sigkey": sigkey, "priv": priv, "gx": gx, "n_mn": n_mn,
              "hoa": hoa}
        self.ex[a.sid] = ex
        r, m = self.omi_step(a, m, hoa, "dh2",
                             lambda d: self.omi_from_cn(d, omv.DH2, a.sid)
                             and d["dst"] == coa)
        if m is None:
            return r
        sid_cn, = struct.unpack_from("!I", m, 12)
        n_cn = m[16:16 + omv.NONCE_LEN]
        group, _, plen = struct.unpack_from("!HHH", m, 32)
        gy = m[omv.OFF_PUB:omv.OFF_PUB + plen]
        sig_off = omv.OFF_PUB + omv.pad8(plen)
        mac_off = sig_off + omv.SIG_LEN
        ok = (group == omv.GROUP_FFDHE2048 and plen == 256 and
              len(m) >= mac_off + omv.MAC_LEN)
        r["dh2_sig"] = r["dh2_mac"] = False
        if ok:
            secret = omv.ffdhe_secret(priv, gy)
            km, kabm = omv.kdf(secret, n_mn, n_cn, a.sid, sid_cn, pton(hoa),
                               pton(cn))
            ex.update(sid_cn=sid_cn, n_cn=n_cn, gy=gy, km=km, kabm_new=kabm)
            r["dh2_sig"], r["dh2_mac"] = self.omi_auth(
                m, sig_off, sigkey, km, n_mn, gx)
        return r

    def cmd_dh3(self, a):
        import omi_vectors as omv
        ex = self.ex.get(a.sid)
        if not ex or "km" not in ex:
            raise ArgError("no DH2 for exchange %d" % a.sid)
        st = self.st
        coa, cn, hoa = st["coa"], st["cn"], ex["hoa"]
        m, _, _ = omv.dh3(ex["sigkey"], ex["km"], pton(coa), pton(cn),
                          pton(hoa), a.sid, ex["sid_cn"], ex["n_cn"],
                          ex["gy"])
        if a.no_wait:
            self.flush()
            self.send_mh(m, coa, cn, hao=hoa)
            return {"sent": True}
        r, m = self.omi_step(a, m, hoa, "dh4",
                             lambda d: self.omi_from_cn(d, omv.DH4, a.sid))
        if m is None:
            return r
        # DH4: common part, CN address, flags and lifetime, SIG, MAC.
        sig_off = 40
        r["dh4_sig"], r["dh4_mac"] = self.omi_auth(
            m, sig_off, ex["sigkey"], ex["km"], ex["n_mn"], ex["gx"])
        r["dh4_lifetime"], = struct.unpack_from("!I", m, 36)
        if r["dh4_sig"] and r["dh4_mac"]:
            ex["kabm"] = ex["kabm_new"]
        return r

    def cmd_kbu(self, a):
        import omi_vectors as omv
        ex = self.ex.get(a.sid)
        key = "kabm_new" if a.unconfirmed else "kabm"
        if not ex or key not in ex:
            raise ArgError("no Kabm from exchange %d" % a.sid)
        kabm = ex[key]
        st = self.st
        coa, cn, hoa = st["coa"], st["cn"], ex["hoa"]
        m, _ = omv.with_kabm(MH_BU, rrv.bu_body(a.seq & 0xFFFF, BU_A,
                                                 a.lifetime), [],
                             kabm, a.epoch, pton(coa), pton(cn),
                             pton(hoa), pton(cn))
        self.flush()
        self.send_mh(m, coa, cn, hao=hoa)
        bas = []

        def collect(d):
            if self.mh_from_cn(d, (MH_BA,)):
                bas.append(d)
        r = {"fence": self.fence(time.monotonic() + self.g.timeout,
                                 collect), "ba": bool(bas),
             "ba_count": len(bas)}
        if not bas:
            return r
        b = bas[0]["payload"]
        mh = bas[0]["mh"]
        r.update(status=mh.get("status"), ba_seq=mh.get("seq"))
        tail = b[len(b) - omv.KABM_OPT_LEN - 2:]
        if (len(b) >= 32 and tail[0] == omv.OPT_EXPERIMENTAL and
                tail[2] == omv.XOPT_KABM_AUTH):
            r["ba_epoch"], = struct.unpack_from("!I", tail, 4)
            r["ba_kabm"] = ("valid" if omv.kabm_icv(
                kabm, pton(coa), pton(cn), b) ==
                b[len(b) - omv.KABM_ICV_LEN:] else "invalid")
        else:
            r["ba_kabm"] = "absent"
        return r

    def cn_udp(self, port):
        if not self.g.cn_ns:
            raise ArgError("needs --cn-ns")
        if port not in self.cn_sock:
            with Netns(self.g.cn_ns):
                s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
                s.bind((self.st["cn"], port))
            s.setblocking(False)
            self.cn_sock[port] = s
        s = self.cn_sock[port]
        while True:
            try:
                s.recvfrom(65535)
            except BlockingIOError:
                return s

    def cmd_udp_hao(self, a):
        hoa, coa, cn = a.hoa or self.st["hoa"], self.st["coa"], self.st["cn"]
        listener = self.cn_udp(a.port)
        data = b"omipv6 mn_sim " + os.urandom(8).hex().encode()
        sport = random.randint(20000, 60000)
        self.flush()
        src = hoa if a.no_hao else coa
        self.send(ipv6(src, cn, udp_layer(sport, a.port, data, hoa, cn),
                       hao=None if a.no_hao else hoa), cn)
        r = {"received": False, "be": False}
        deadline = time.monotonic() + a.listen
        while time.monotonic() < deadline:
            ready, _, _ = select.select([listener, self.rx], [], [],
                                        max(0, deadline - time.monotonic()))
            if listener in ready:
                got, peer = listener.recvfrom(65535)
                r.update(received=True, peer=peer[0], peer_port=peer[1],
                         payload_ok=got == data, sport_ok=peer[1] == sport)
                break
            for d in self.packets(0):
                if self.mh_from_cn(d, (MH_BE,)) and not r["be"]:
                    r.update(be=True, be_status=d["mh"].get("status"),
                             be_home=d["mh"].get("home"), be_dst=d["dst"],
                             be_csum_ok=d["csum_ok"])
                    # The datagram, had it been delivered, would be queued
                    # by now: the BE is sent where it is dropped.
                    deadline = min(deadline, time.monotonic() + 0.3)
        return r

    def cmd_cn_ping(self, a):
        if self.icmp is None:
            raise ArgError("needs --cn-ns")
        dst = a.dst or self.st["hoa"]
        ident = random.randint(1, 0xFFFF)
        data = os.urandom(16)
        self.flush()
        # Echo request; the kernel fills in the ICMPv6 checksum.
        self.icmp.sendto(struct.pack("!BBHHH", 128, 0, 0, ident, 1) + data,
                         (dst, 0))
        r = {"seen": False}
        for d in self.packets(time.monotonic() + self.g.timeout):
            p = d["payload"]
            if (d["proto"] == IPPROTO_ICMPV6 and len(p) >= 8 and p[0] == 128
                    and struct.unpack_from("!H", p, 4)[0] == ident
                    and p[8:] == data):
                r.update(seen=True, src=d["src"], dst=d["dst"],
                         rh2=d["rh2"] or "", rh_type=d["rh_type"],
                         rh2_segleft=d["rh2_segleft"], hao=d["hao"] or "")
                break
        return r

    def cmd_bulk(self, a):
        """N bindings, home addresses prefix+1 .. prefix+N, one CoA."""
        coa, cn = self.st["coa"], self.st["cn"]
        base = int.from_bytes(pton(a.prefix), "big")
        hoas = [ntop((base + i).to_bytes(16, "big"))
                for i in range(1, a.count + 1)]
        t0 = time.monotonic()
        self.flush()
        cc = os.urandom(8)
        self.send_mh(coti(cc), coa, cn)
        cot = None
        for d in self.packets(time.monotonic() + self.g.timeout):
            if (self.mh_from_cn(d, (MH_COT,)) and
                    d["mh"].get("cookie") == cc):
                cot = d["mh"]
                break
        if cot is None:
            return {"ok": False, "why": "no CoT"}
        cookies = {h: os.urandom(8) for h in hoas}
        hot = {}

        def hoti_send(h):
            self.send_mh(hoti(cookies[h]), h, cn)

        def hot_take(d):
            mh = d.get("mh")
            if (self.mh_from_cn(d, (MH_HOT,)) and d["dst"] in cookies and
                    mh.get("cookie") == cookies[d["dst"]] and d["csum_ok"]):
                hot[d["dst"]] = mh
                return d["dst"]
            return None
        hot_retries = self.windowed(hoas, hoti_send, hot_take, a.window)
        t1 = time.monotonic()
        kbms = {h: kbm_for(hot[h]["token"], cot["token"], False)
                for h in hot}
        seqs = {h: 1 for h in hot}
        ba = {}

        def bu_send(h):
            m = bu_msg(seqs[h], BU_A, a.lifetime, (hot[h]["index"],
                                                   cot["index"]),
                       kbms[h], coa, cn)
            seqs[h] += 1  # a retransmission must be newer
            self.send_mh(m, coa, cn, hao=h)

        def ba_take(d):
            h = d["rh2"]
            if self.mh_from_cn(d, (MH_BA,)) and h in kbms and \
                    d["dst"] == coa:
                ba[h] = (d["mh"]["status"],
                         bad_check(d["payload"], kbms[h], coa, cn))
                return h
            return None
        ba_retries = self.windowed(list(hot), bu_send, ba_take, a.window)
        t2 = time.monotonic()
        good = sum(1 for s, b in ba.values() if s == 0 and b == "valid")
        statuses = {}
        for s, _ in ba.values():
            statuses[str(s)] = statuses.get(str(s), 0) + 1
        return {"ok": good == a.count, "count": a.count, "hot": len(hot),
                "ba": len(ba), "accepted": good, "hot_retries": hot_retries,
                "ba_retries": ba_retries,
                "statuses": " ".join("%s:%d" % kv for kv in
                                     sorted(statuses.items())),
                "rr_seconds": round(t1 - t0, 2),
                "bu_seconds": round(t2 - t1, 2),
                "first_hoa": hoas[0], "last_hoa": hoas[-1]}

    def windowed(self, keys, send, take, window, tries=3):
        """send(k) for every key, at most window unanswered at a time;
        take(packet) names the key a packet answers.  Keys still
        unanswered after a quiet timeout are sent again, tries times in
        all.  Returns the number of retransmissions."""
        todo = list(keys)
        retries = 0
        for attempt in range(tries):
            pending = set()
            queue = list(todo)
            done = set()
            while queue or pending:
                while queue and len(pending) < window:
                    k = queue.pop(0)
                    send(k)
                    pending.add(k)
                progress = False
                for d in self.packets(time.monotonic() + self.g.timeout):
                    k = take(d)
                    if k in pending:
                        pending.discard(k)
                        done.add(k)
                        progress = True
                        if len(pending) < window // 2 or not pending:
                            break
                if not progress:
                    break
            todo = [k for k in todo if k not in done]
            if not todo:
                break
            if attempt < tries - 1:
                retries += len(todo)
        return retries


def parser():
    p = Parser(prog="mn_sim.py", add_help=False)
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("rr")
    s.add_argument("--hoa")
    s = sub.add_parser("bu")
    s.add_argument("--seq", type=int, required=True)
    s.add_argument("--lifetime", type=int, required=True)
    for f in ("ack", "home", "forge", "expired-home", "expired-coa",
              "no-bad", "no-opts", "at-home", "fence"):
        s.add_argument("--" + f, action="store_true")
    s.add_argument("--truncate", type=int)
    s.add_argument("--wait", type=float)
    s = sub.add_parser("hbu")
    s.add_argument("--seq", type=int, required=True)
    s.add_argument("--lifetime", type=int, required=True)
    s.add_argument("--hoa")
    s.add_argument("--spi", type=int)
    s.add_argument("--alt-coa")
    for f in ("ack", "no-auth", "forge", "at-home", "fence"):
        s.add_argument("--" + f, action="store_true")
    s.add_argument("--wait", type=float)
    s = sub.add_parser("mh")
    s.add_argument("--type", type=int, required=True)
    s.add_argument("--hdrlen", type=int, default=1)
    s.add_argument("--hao", action="store_true")
    s.add_argument("--count", type=int, default=1)
    s = sub.add_parser("udp-hao")
    s.add_argument("--port", type=int, required=True)
    s.add_argument("--hoa")
    s.add_argument("--no-hao", action="store_true")
    s.add_argument("--listen", type=float, default=3.0)
    s = sub.add_parser("cn-ping")
    s.add_argument("--dst")
    s = sub.add_parser("bulk")
    s.add_argument("--count", type=int, required=True)
    s.add_argument("--prefix", required=True)
    s.add_argument("--lifetime", type=int, default=100)
    s.add_argument("--window", type=int, default=32)
    s = sub.add_parser("dh1")
    s.add_argument("--sid", type=int, required=True)
    s.add_argument("--rekey", type=int)
    s.add_argument("--fence", action="store_true")
    s.add_argument("--wait", type=float)
    s = sub.add_parser("dh3")
    s.add_argument("--sid", type=int, required=True)
    s.add_argument("--fence", action="store_true")
    s.add_argument("--wait", type=float)
    s.add_argument("--no-wait", action="store_true")
    sub.add_parser("omi-seen")
    s = sub.add_parser("set-coa")
    s.add_argument("addr")
    s = sub.add_parser("kbu")
    s.add_argument("--sid", type=int, required=True)
    s.add_argument("--seq", type=int, required=True)
    s.add_argument("--epoch", type=int, required=True)
    s.add_argument("--lifetime", type=int, default=100)
    s.add_argument("--unconfirmed", action="store_true")
    sub.add_parser("state")
    return p


def run(mn, words):
    try:
        a = parser().parse_args(words)
        r = getattr(mn, "cmd_" + a.cmd.replace("-", "_"))(a)
    except (ArgError, OSError, ValueError, KeyError) as e:
        r = {"error": "%s: %s" % (type(e).__name__, e)}
    r = dict(r)
    r.setdefault("cmd", words[0] if words else "")
    return json.dumps(r, separators=(",", ":"), sort_keys=True)


def selftest():
    """The simulator's codec and crypto against rr_vectors.py's vectors
    (which kunit/rr_test.c checks the module against)."""
    fails = []

    def check(name, cond):
        print(("ok   " if cond else "FAIL ") + name)
        if not cond:
            fails.append(name)

    def a(b):
        return ntop(b)
    # BADS: (desc, Kbm, CoA, CN, pseudo src, pseudo dst, type, body, opts)
    # BU 0: Nonce Indices + BAD; BU 1: Alternate CoA + NI + BAD; 3: dereg.
    for i in (0, 1, 3):
        _, kbm, coa, cn, ps, pd, _, body, opts = rrv.BADS[i]
        seq, flags, life = struct.unpack("!HHH", body)
        alt = None
        ni = None
        for t, data in opts:
            if t == OPT_ALT_COA:
                alt = a(data)
            if t == OPT_NI:
                ni = struct.unpack("!HH", data)
        m = bu_msg(seq, flags, life, ni, kbm, a(coa), a(cn), alt_coa=alt)
        m = mh_set_csum(m, a(ps), a(pd))
        check("bu-vector-%d-octets" % i, m == rrv.bads[i][0])
        check("bu-vector-%d-bad-valid" % i,
              bad_check(m, kbm, a(coa), a(cn)) == "valid")
        check("bu-vector-%d-csum" % i, mh_csum_ok(m, a(ps), a(pd)))
        f = bu_msg(seq, flags, life, ni, kbm, a(coa), a(cn), alt_coa=alt,
                   forge=True)
        check("bu-vector-%d-forged-invalid" % i,
              bad_check(f, kbm, a(coa), a(cn)) == "invalid")
    # Explicit layout of the tests' BU: 12 + Nonce Indices at 12 + BAD at
    # 18 = 32 octets, Header Len 3, no padding.
    m = bu_msg(1, BU_A, 100, (1, 2), bytes(20), COA, CN)
    check("bu-layout", len(m) == 32 and m[1] == 3 and m[12:14] ==
          b"\x04\x04" and m[18:20] == b"\x05\x0c")
    # Kbm selection: tokens 0|1, and the deregistration form.
    check("kbm-vector", kbm_for(rrv.tok[0], rrv.tok[1], False) ==
          rrv.kbms[0])
    check("kbm-dereg-vector", kbm_for(rrv.tok[0], rrv.tok[1], True) ==
          rrv.kbms[2])
    # BA vectors verify under their Kbm, with the CN as source, and not
    # under the other Kbm or with a flipped bit.
    for i in (2, 4):
        _, kbm, coa, cn, ps, pd, *_ = rrv.BADS[i]
        m = rrv.bads[i][0]
        check("ba-vector-%d-valid" % i,
              bad_check(m, kbm, a(coa), a(cn)) == "valid")
        check("ba-vector-%d-wrong-kbm" % i,
              bad_check(m, rrv.kbms[3], a(coa), a(cn)) == "invalid")
        flip = bytearray(m)
        flip[8] ^= 0x80
        check("ba-vector-%d-flipped" % i,
              bad_check(bytes(flip), kbm, a(coa), a(cn)) == "invalid")
        p = mh_parse(m)
        check("ba-vector-%d-parse" % i, p is not None and p["type"] == MH_BA)
    # MN-HA vectors: the simulator's BU builder makes the same octets,
    # its checker accepts every vector and refuses a flipped bit.
    for i, (_, key, spi, coa, ha, ps, pd, t, body, opts) in enumerate(
            rrv.MNHAS):
        m = rrv.mnhas[i][0]
        check("mnha-vector-%d-valid" % i,
              mnha_check(m, key, a(coa), a(ha)) == "valid")
        check("mnha-vector-%d-spi" % i, mnha_spi(m) == spi)
        flip = bytearray(m)
        flip[-1] ^= 0x01
        check("mnha-vector-%d-flipped" % i,
              mnha_check(bytes(flip), key, a(coa), a(ha)) == "invalid")
        if t == MH_BU:
            seq, flags, life = struct.unpack("!HHH", body)
            alt = a(opts[0][1]) if opts else None
            b = home_bu_msg(seq, flags, life, key, spi, a(coa), a(ha),
                            alt_coa=alt)
            check("mnha-vector-%d-octets" % i,
                  mh_set_csum(b, a(ps), a(pd)) == m)
            f = home_bu_msg(seq, flags, life, key, spi, a(coa), a(ha),
                            alt_coa=alt, forge=True)
            check("mnha-vector-%d-forged" % i,
                  mnha_check(f, key, a(coa), a(ha)) == "invalid")
    m = home_bu_msg(1, BU_A | BU_H, 100, bytes(16), 300, COA, CN,
                    auth=False)
    check("mnha-no-auth", len(m) == 16 and
          mnha_check(m, bytes(16), COA, CN) == "absent")
    # Checksums: every CSUMS vector verifies with its pseudo-header.
    for i, (_, src, dst, ps, pd, m) in enumerate(rrv.CSUMS):
        c = mh_set_csum(m, a(ps), a(pd))
        check("csum-vector-%d" % i, mh_csum_ok(c, a(ps), a(pd)))
    # Packets: the HAO sits at 8n+6 of a 24-octet Destination Options
    # header, the MH checksum is over the HoA, and dissect() reads back
    # what was built; a UDP checksum from scapy verifies over the HoA.
    try:
        scapy()
    except ImportError:
        print("skip packet checks: no scapy")
        return 1 if fails else 0
    m = mh_set_csum(bu_msg(1, BU_A, 100, (1, 2), bytes(20), COA, CN), HOA,
                    CN)
    pkt = ipv6(COA, CN, m, hao=HOA, nh=IPPROTO_MH)
    check("hao-layout", pkt[6] == IPPROTO_DSTOPTS and pkt[40] == IPPROTO_MH
          and pkt[41] == 2 and pkt[46:48] == bytes([TLV_HAO, 16]) and
          pkt[48:64] == pton(HOA) and pkt[64:] == m and
          struct.unpack_from("!H", pkt, 4)[0] == 24 + len(m))
    d = dissect(pkt)
    check("dissect-hao", d["hao"] == HOA and d["src"] == COA and
          d["proto"] == IPPROTO_MH and d["csum_ok"] and
          d["mh"]["seq"] == 1)
    # A BA as the CN sends it: to the CoA, RH2 holding the HoA.
    ba = mh_set_csum(rrv.bads[2][0], a(rrv.CN1), a(rrv.HOA))
    rh2 = bytes([IPPROTO_MH, 2, 2, 1, 0, 0, 0, 0]) + rrv.HOA
    raw = (struct.pack("!IHBB", 6 << 28, len(rh2) + len(ba),
                       IPPROTO_ROUTING, 64) + rrv.CN1 + rrv.COA1 + rh2 + ba)
    d = dissect(raw)
    check("dissect-rh2", d["rh2"] == a(rrv.HOA) and d["rh2_segleft"] == 1
          and d["dst"] == a(rrv.COA1) and d["csum_ok"])
    udp = ipv6(COA, CN, udp_layer(1234, 7777, b"hello", HOA, CN), hao=HOA)
    u = udp[64:]
    pseudo = pton(HOA) + pton(CN) + struct.pack("!I3xB", len(u),
                                                 IPPROTO_UDP)
    check("udp-csum-over-hoa", udp[40] == IPPROTO_UDP and
          rrv.ones_sum(pseudo + u) == 0xFFFF)
    print("%d failed" % len(fails))
    return 1 if fails else 0


def main(argv):
    if argv[:1] == ["selftest"]:
        return selftest()
    g = argparse.ArgumentParser(prog="mn_sim.py", usage=__doc__)
    g.add_argument("--hoa", default=HOA)
    g.add_argument("--coa", default=COA)
    g.add_argument("--cn", default=CN)
    g.add_argument("--ha")
    g.add_argument("--mnha-key")
    g.add_argument("--mnha-spi", type=int, default=300)
    g.add_argument("--ifname", default=IFNAME)
    g.add_argument("--cn-ns")
    g.add_argument("--timeout", type=float, default=10.0)
    g.add_argument("--state")
    g.add_argument("rest", nargs=argparse.REMAINDER)
    opts = g.parse_args(argv)
    if not opts.rest:
        g.print_usage(sys.stderr)
        return 2
    if opts.rest == ["serve"]:
        mn = MN(opts)
        scapy()  # import before saying ready
        print(json.dumps({"ready": True}), flush=True)
        for line in sys.stdin:
            words = shlex.split(line)
            if not words:
                continue
            if words == ["quit"]:
                break
            print(run(mn, words), flush=True)
        return 0
    state = {}
    if opts.state and os.path.exists(opts.state):
        with open(opts.state) as f:
            state = json.load(f)
    mn = MN(opts, state)
    out = run(mn, opts.rest)
    print(out)
    if opts.state:
        with open(opts.state, "w") as f:
            json.dump(mn.st, f)
    return 1 if '"error"' in out else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
