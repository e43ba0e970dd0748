#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Cross-check omipv6's Mobility Header encoding against scapy.

  scapy_crosscheck.py [--mhgen PATH] [-v]

Runs on the host, no guest.  Builds tools/mhgen (omipv6's own codec
compiled in user space) unless --mhgen names a binary, then for every
RFC 6275 message type and the option combinations omipv6 sends:

  encode  the Mobility Header scapy builds from the same fields is octet
          for octet the one omipv6's builder makes, checksum included;
  csum    the checksum mhgen computes (omipv6's rule: the home address
          as pseudo-header source with a Home Address option, the home
          address as destination with a type 2 routing header) equals
          the one computed here from RFC 8200 section 8.1, and the one
          scapy computes from the whole packet;
  decode  scapy dissects omipv6's message into the expected class and
          options, and re-serializes it to the same octets.

scapy's defaults are wrong for two options (Nonce Indices and Binding
Authorization Data default to Length 16), so every Length is given
explicitly.  Prints one TAP-style line per check, appends them to
$OMIPV6_SUMMARY when set, and exits 1 on any failure.
"""
import logging
import os
import socket
import struct
import subprocess
import sys

logging.getLogger("scapy").setLevel(logging.ERROR)
from scapy.layers.inet6 import (  # noqa: E402
    HAO, IPv6, IPv6ExtHdrDestOpt, IPv6ExtHdrRouting, MIP6MH_BA, MIP6MH_BE,
    MIP6MH_BRR, MIP6MH_BU, MIP6MH_CoT, MIP6MH_CoTI, MIP6MH_Generic,
    MIP6MH_HoT, MIP6MH_HoTI, MIP6OptAltCoA, MIP6OptBindingAuthData,
    MIP6OptBRAdvice, MIP6OptMsgAuth, MIP6OptNonceIndices, MIP6OptUnknown,
    Pad1, PadN, _MobilityHeader)
from scapy.packet import Raw  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import rr_vectors  # noqa: E402  (the independent checksum)

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HOA = "2001:db8:1::100"
HA = "2001:db8:1::1"
COA = "2001:db8:a::100"
CN = "2001:db8:c::1"
IPPROTO_MH = 135

COOKIE = bytes.fromhex("c0c1c2c3c4c5c6c7")
TOKEN = bytes.fromhex("7071727374757677")
AUTH = bytes.fromhex("a0a1a2a3a4a5a6a7a8a9aaab")
MNHA_AUTH = bytes.fromhex("b0b1b2b3b4b5b6b7b8b9babb")
ICV = bytes.fromhex("e0e1e2e3e4e5e6e7e8e9eaebecedeeef")
SPI = 256

failed = 0
verbose = False


def tap(name, ok, why=""):
    global failed
    line = ("ok" if ok else "not ok") + " - crosscheck/" + name
    if not ok:
        failed += 1
        line += " # " + why
    print(line, flush=True)
    summary = os.environ.get("OMIPV6_SUMMARY")
    if summary:
        with open(summary, "a") as f:
            f.write(line + "\n")


def mh_checksum(src, dst, msg):
    """RFC 8200 section 8.1 checksum of msg, whose checksum field is
    taken as zero, for the pseudo-header src -> dst, next header 135."""
    return rr_vectors.mh_csum(socket.inet_pton(socket.AF_INET6, src),
                              socket.inet_pton(socket.AF_INET6, dst),
                              msg[:4] + b"\0\0" + msg[6:])


def mh_layer(pkt):
    """The Mobility Header layer of pkt, whatever its class, or None."""
    layer = pkt
    while layer is not None and not isinstance(layer, _MobilityHeader):
        layer = layer.payload if layer.payload else None
    return layer


def first_diff(a, b):
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return i
    return min(len(a), len(b))


def mhgen(path, args, csum=None):
    cmd = [path]
    if csum:
        cmd += ["--csum", csum[0], csum[1]]
    out = subprocess.run(cmd + args, capture_output=True, text=True)
    if out.returncode:
        raise RuntimeError("mhgen %s: %s" % (" ".join(args),
                                             out.stderr.strip()))
    return bytes.fromhex(out.stdout.strip())


def bad(olen=12):
    return MIP6OptBindingAuthData(olen=olen,
                                  authenticator=int.from_bytes(AUTH, "big"))


def nidx(home, coa):
    return MIP6OptNonceIndices(olen=4, hni=home, coni=coa)


def mnha():
    return MIP6OptMsgAuth(subtype=1, mspi=SPI, authdata=MNHA_AUTH)


def kabm(epoch):
    # No scapy class: experimental option 18, subtype 1.  scapy does not
    # align unknown options, so the 8n alignment is padded by hand.
    return MIP6OptUnknown(otype=18, olen=22,
                          odata=b"\x01\x00" + struct.pack("!I", epoch) + ICV)


def hao_bu(mh):
    return (IPv6(src=COA, dst=CN) /
            IPv6ExtHdrDestOpt(options=[HAO(hoa=HOA)]) / mh)


def rh2(src, mh):
    # CN -> MN: sent to the care-of address, final destination the home
    # address in a type 2 routing header.
    return (IPv6(src=src, dst=COA) /
            IPv6ExtHdrRouting(type=2, segleft=1, addresses=[HOA]) / mh)


def plain(src, dst, mh):
    return IPv6(src=src, dst=dst) / mh


# name: (mhgen arguments, pseudo-header (src, dst) omipv6 sums over,
#        scapy packet, scapy class expected on decode,
#        option classes expected on decode)
CASES = {
    "brr": (["brr"], (CN, HOA),
            lambda: rh2(CN, MIP6MH_BRR(res=0, res2=0)), MIP6MH_BRR, []),
    "hoti": (["hoti", "cookie=" + COOKIE.hex()], (HOA, CN),
             lambda: plain(HOA, CN, MIP6MH_HoTI(res=0, cookie=COOKIE)),
             MIP6MH_HoTI, []),
    "coti": (["coti", "cookie=" + COOKIE.hex()], (COA, CN),
             lambda: plain(COA, CN, MIP6MH_CoTI(res=0, cookie=COOKIE)),
             MIP6MH_CoTI, []),
    "hot": (["hot", "index=513", "cookie=" + COOKIE.hex(),
             "token=" + TOKEN.hex()], (CN, HOA),
            lambda: plain(CN, HOA, MIP6MH_HoT(res=0, index=513,
                                              cookie=COOKIE, token=TOKEN)),
            MIP6MH_HoT, []),
    "cot": (["cot", "index=514", "cookie=" + COOKIE.hex(),
             "token=" + TOKEN.hex()], (CN, COA),
            lambda: plain(CN, COA, MIP6MH_CoT(res=0, index=514,
                                              cookie=COOKIE, token=TOKEN)),
            MIP6MH_CoT, []),
    # The full return-routability BU: HAO, Nonce Indices, BAD.
    "bu-hao-nidx-bad": (
        ["bu", "seq=4", "flags=A", "lifetime=105", "nidx=1,2",
         "bad=" + AUTH.hex()], (HOA, CN),
        lambda: hao_bu(MIP6MH_BU(res=0, seq=4, flags="A", mhtime=105,
                                 options=[nidx(1, 2), bad()])),
        MIP6MH_BU, [MIP6OptNonceIndices, MIP6OptBindingAuthData]),
    "bu-hao-altcoa-nidx-bad": (
        ["bu", "seq=5", "flags=A", "lifetime=105", "altcoa=" + COA,
         "nidx=7,8", "bad=" + AUTH.hex()], (HOA, CN),
        lambda: hao_bu(MIP6MH_BU(res=0, seq=5, flags="A", mhtime=105,
                                 options=[MIP6OptAltCoA(acoa=COA),
                                          nidx(7, 8), bad()])),
        MIP6MH_BU, [PadN, MIP6OptAltCoA, MIP6OptNonceIndices, PadN,
                    MIP6OptBindingAuthData]),
    # Home registration with the RFC 4285 MN-HA authentication option.
    "bu-hao-mnha": (
        ["bu", "seq=7", "flags=AHK", "lifetime=1000", "mnha=%d,%s" %
         (SPI, MNHA_AUTH.hex())], (HOA, HA),
        lambda: (IPv6(src=COA, dst=HA) /
                 IPv6ExtHdrDestOpt(options=[HAO(hoa=HOA)]) /
                 MIP6MH_BU(res=0, seq=7, flags="AHK", mhtime=1000,
                           options=[mnha()])),
        MIP6MH_BU, [Pad1, MIP6OptMsgAuth]),
    "bu-hao-kabm": (
        ["bu", "seq=9", "flags=A", "lifetime=105",
         "kabm=1," + ICV.hex()], (HOA, CN),
        lambda: hao_bu(MIP6MH_BU(res=0, seq=9, flags="A", mhtime=105,
                                 options=[PadN(optdata=b"\0\0"),
                                          kabm(1)])),
        MIP6MH_BU, [PadN, MIP6OptUnknown]),
    "ba-rh2-bra-bad": (
        ["ba", "status=0", "seq=4", "lifetime=105", "bra=50",
         "bad=" + AUTH.hex()], (CN, HOA),
        lambda: rh2(CN, MIP6MH_BA(res=0, status=0, flags=0, res2=0, seq=4,
                                  mhtime=105,
                                  options=[MIP6OptBRAdvice(rinter=50),
                                           bad()])),
        MIP6MH_BA, [MIP6OptBRAdvice, PadN, MIP6OptBindingAuthData]),
    "ba-rh2-mnha": (
        ["ba", "status=0", "flags=K", "seq=7", "lifetime=1000",
         "mnha=%d,%s" % (SPI, MNHA_AUTH.hex())], (HA, HOA),
        lambda: rh2(HA, MIP6MH_BA(res=0, status=0, flags="K", res2=0,
                                  seq=7, mhtime=1000, options=[mnha()])),
        MIP6MH_BA, [Pad1, MIP6OptMsgAuth]),
    "ba-rh2-kabm": (
        ["ba", "status=135", "seq=6", "lifetime=0", "kabm=2," + ICV.hex()],
        (CN, HOA),
        lambda: rh2(CN, MIP6MH_BA(res=0, status=135, flags=0, res2=0,
                                  seq=6, mhtime=0,
                                  options=[PadN(optdata=b"\0\0"),
                                           kabm(2)])),
        MIP6MH_BA, [PadN, MIP6OptUnknown]),
    "be": (["be", "status=1", "hoa=" + HOA], (CN, COA),
           lambda: plain(CN, COA, MIP6MH_BE(status=1, ha=HOA)),
           MIP6MH_BE, []),
}

# OMIPv6 messages: scapy has no class for them; it must decode them as a
# generic Mobility Header of type 11 with the right length and checksum
# and re-serialize them unchanged.
OMI = {
    "dh1-g1": ["dh1", "sid_mn=0x11111111", "nonce=" + "00" * 16, "group=1",
               "groups=6", "sig=" + "22" * 32],
    "dh1-g2": ["dh1", "sid_mn=0x11111111", "nonce=" + "00" * 16, "group=2",
               "groups=4", "sig=" + "22" * 32],
    "dh2-g2": ["dh2", "sid_mn=1", "sid_cn=2", "nonce=" + "01" * 16,
               "group=2", "sig=" + "22" * 32, "mac=" + "33" * 32],
    "dh3": ["dh3", "sid_mn=1", "sid_cn=2", "id=" + HOA, "sig=" + "22" * 32,
            "mac=" + "33" * 32],
    "dh4": ["dh4", "sid_mn=1", "sid_cn=2", "id=" + CN, "lifetime=3600",
            "sig=" + "22" * 32, "mac=" + "33" * 32],
}


def check_case(path, name, case):
    args, (psrc, pdst), build, cls, optcls = case
    ours = mhgen(path, args, (psrc, pdst))
    pkt = build()
    wire = bytes(pkt)
    theirs = bytes(mh_layer(IPv6(wire)))
    if verbose:
        print("# %s omipv6 %s" % (name, ours.hex()))
        print("# %s scapy  %s" % (name, theirs.hex()))

    # Everything but the checksum, then the checksum on its own.
    a = ours[:4] + ours[6:]
    b = theirs[:4] + theirs[6:]
    i = first_diff(a, b)
    tap("encode/" + name, a == b,
        "differs at MH octet %d: omipv6 %s, scapy %s" %
        (i + 2 if i >= 4 else i, ours.hex(), theirs.hex()))

    want = mh_checksum(psrc, pdst, ours)
    got = struct.unpack_from("!H", ours, 4)[0]
    tap("csum/%s-mhgen" % name, got == want,
        "mhgen 0x%04x, RFC 8200 over %s -> %s 0x%04x" %
        (got, psrc, pdst, want))
    sc = struct.unpack_from("!H", theirs, 4)[0]
    why = "scapy 0x%04x, omipv6 0x%04x" % (sc, got)
    ip = pkt[IPv6]
    if sc == mh_checksum(ip.src, ip.dst, theirs) and (ip.src, ip.dst) != (
            psrc, pdst):
        why += " (scapy summed over the outer addresses %s -> %s)" % (
            ip.src, ip.dst)
    tap("csum/%s-scapy" % name, sc == got, why)

    # scapy's dissection of omipv6's packet: the same wire image with
    # omipv6's MH in place of scapy's.
    ext = wire[:len(wire) - len(theirs)]
    dis = IPv6(ext + ours)
    mh = mh_layer(dis)
    got_opts = [type(o) for o in getattr(mh, "options", [])] if mh else []
    ok = (type(mh) is cls and not dis.haslayer(Raw) and
          got_opts == optcls and bytes(dis) == ext + ours)
    tap("decode/" + name, ok,
        "scapy decodes %s with options %s%s" %
        (type(mh).__name__, [c.__name__ for c in got_opts],
         ", Raw left over" if dis.haslayer(Raw) else ""))


def check_omi(path, name, args):
    ours = mhgen(path, args, (COA, CN))
    dis = IPv6(bytes(IPv6(src=COA, dst=CN, nh=IPPROTO_MH) / Raw(ours)))
    mh = mh_layer(dis)
    # scapy 2.5's MIP6MH_Generic takes 8 * Header Len - 6 octets of
    # message data, 8 too few: the last 8 octets come out as Raw.
    rest = len(mh[Raw].load) if mh is not None and mh.haslayer(Raw) else 0
    ok = (type(mh) is MIP6MH_Generic and mh.mhtype == 11 and
          mh.len == len(ours) // 8 - 1 and
          len(mh.msg) + rest == len(ours) - 6 and rest in (0, 8) and
          bytes(mh) == ours and
          mh.cksum == mh_checksum(COA, CN, ours))
    tap("decode/" + name, ok,
        "scapy decodes %s %s" % (type(mh).__name__,
                                 mh.summary() if mh else ""))


def main(argv):
    global verbose
    path = None
    args = iter(argv)
    for a in args:
        if a == "--mhgen":
            path = next(args, None)
        elif a == "-v":
            verbose = True
        else:
            print(__doc__, file=sys.stderr)
            return 2
    if not path:
        out = os.path.join(TOP, ".build", "crosscheck")
        os.makedirs(out, exist_ok=True)
        r = subprocess.run(["make", "-s", "-C",
                            os.path.join(TOP, "tools", "mhgen"),
                            "O=" + out], capture_output=True, text=True)
        if r.returncode:
            sys.stderr.write(r.stdout + r.stderr)
            tap("mhgen-build", False, "make -C tools/mhgen failed")
            return 1
        path = os.path.join(out, "mhgen")

    for name, case in CASES.items():
        try:
            check_case(path, name, case)
        except Exception as e:  # a crash must show up as a failure
            tap("encode/" + name, False, "%s: %s" % (type(e).__name__, e))
    for name, args in OMI.items():
        try:
            check_omi(path, name, args)
        except Exception as e:
            tap("decode/" + name, False, "%s: %s" % (type(e).__name__, e))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
