#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Send hand-built Mobility Header test packets (guest tests only).

  mh_send.py [--src ADDR] [--dst ADDR] [--step] CASE...
  mh_send.py --serve
  mh_send.py --list

Each CASE names one Mobility Header (RFC 6275 section 6.1), valid or
broken in exactly one way; --list prints them with a short description.
Every packet goes out as an IPv6 packet, next header 135, from --src
(default the MN's care-of address on link a) to --dst (default the CN)
through an IPPROTO_RAW socket, so the kernel routes it but leaves every
octet as built here.  The MH checksum is computed by this script
(RFC 2460 section 8.1 pseudo-header), never by the kernel.

For each packet one line goes to stdout:
  sent CASE MH_LEN PACKET_HEX
with PACKET_HEX the whole IPv6 packet as sent.

--step waits for a line on stdin before every case but the first, so a
caller can read counters between cases.  --serve reads requests from
stdin, one a line, "NETNS SRC DST CASE...", enters network namespace
NETNS (a name under /run/netns, or "-" for the current one) for just
those packets, and answers the "sent" lines followed by "done" (or
"error MESSAGE" and "done").  Python starts slowly under emulation;
these modes let one process serve a whole test.
"""
import os
import socket
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(
    __file__))))
from rr_vectors import ones_sum  # noqa: E402  (one MH checksum sum)

IPPROTO_MH = 135
IPPROTO_NONE = 59
COA_A = "2001:db8:a::100"
HOA = "2001:db8:1::100"
CN = "2001:db8:c::1"
CLONE_NEWNET = 0x40000000


def mh_checksum(src, dst, msg):
    """Checksum of msg (checksum field zero or absent) for src -> dst."""
    pseudo = (socket.inet_pton(socket.AF_INET6, src) +
              socket.inet_pton(socket.AF_INET6, dst) +
              struct.pack("!I3xB", len(msg), IPPROTO_MH))
    return ~ones_sum(pseudo + msg) & 0xFFFF


def header(mh_type, hdrlen, proto=IPPROTO_NONE):
    """Payload Proto, Header Len, MH Type, Reserved, Checksum (zero)."""
    return struct.pack("!BBBBH", proto, hdrlen, mh_type, 0, 0)


def set_csum(msg, src, dst, csum_src=None):
    """Fill in the checksum; csum_src replaces src in the pseudo-header."""
    csum = mh_checksum(csum_src or src, dst, msg)
    return msg[:4] + struct.pack("!H", csum) + msg[6:]


PADN2 = bytes([1, 2, 0, 0])     # PadN option, 2 octets of padding
COOKIE = bytes(range(0xC0, 0xC8))
TOKEN = bytes(range(0x70, 0x78))


def brr(src, dst):
    # Header + Reserved: 8 octets, Header Len 0.
    return set_csum(header(0, 0) + b"\0\0", src, dst)


def bu(src, dst):
    # Sequence 1, flags A|H, lifetime 100 units, PadN to 16 octets.
    body = struct.pack("!HHH", 1, 0xC000, 100) + PADN2
    return set_csum(header(5, 1) + body, src, dst)


def hoti(src, dst):
    # Reserved + Home Init Cookie: 16 octets, Header Len 1.
    return set_csum(header(1, 1) + b"\0\0" + COOKIE, src, dst)


def hot(src, dst):
    # Nonce index + Home Init Cookie + Home Keygen Token: 24 octets.
    body = struct.pack("!H", 1) + COOKIE + TOKEN
    return set_csum(header(3, 2) + body, src, dst)


def type200(src, dst):
    return set_csum(header(200, 0) + b"\0\0", src, dst)


def exp11(src, dst):
    # RFC 5096 experimental message with 2 octets of message data: too
    # short for the 16-octet OMIPv6 common part.
    return set_csum(header(11, 0) + b"\xe5\xe5", src, dst)


def omi_dh3(src, dst):
    # OMIPv6 DH3 (doc/wire-format.md): subtype 3, version 1, sid_MN,
    # sid_CN, identity (the home address), SIG, MAC: 96 octets.
    body = (struct.pack("!BBII", 3, 1, 0x11223344, 0x55667788) +
            socket.inet_pton(socket.AF_INET6, HOA) +
            bytes(range(0x50, 0x70)) + bytes(range(0x90, 0xB0)))
    return set_csum(header(11, 11) + body, src, dst)


def be2(src, dst):
    # Binding Error status 2 (unrecognized MH Type) about the home
    # address: Status, Reserved, Home Address: 24 octets.
    body = struct.pack("!BB", 2, 0) + socket.inet_pton(socket.AF_INET6, HOA)
    return set_csum(header(7, 2) + body, src, dst)


def bu_opt_truncated(src, dst):
    # BU whose PadN option claims 3 octets where only 2 are left.
    body = struct.pack("!HHH", 1, 0xC000, 100) + bytes([1, 3, 0, 0])
    return set_csum(header(5, 1) + body, src, dst)


def bad_csum(src, dst):
    msg = brr(src, dst)
    (csum,) = struct.unpack_from("!H", msg, 4)
    # Never turns a valid 0x0000 into the equivalent 0xffff.
    return msg[:4] + struct.pack("!H", csum ^ 0x0001) + msg[6:]


def csum_wrong_src(src, dst):
    # As a mobile node that sums over its home address but sends from
    # its care-of address without a Home Address option.
    other = HOA if src != HOA else COA_A
    return set_csum(header(0, 0) + b"\0\0", src, dst, csum_src=other)


def truncated4(src, dst):
    # Only Payload Proto, Header Len, MH Type and Reserved: the checksum
    # field itself is cut off.  The kernel validates the checksum over
    # whatever octets there are first, so octets 2-3 (MH Type and
    # Reserved) carry the value that makes the 4-octet sum come out
    # right; the length check must be what drops it.
    first = header(0, 0)[:2]
    csum = mh_checksum(src, dst, first + b"\0\0")
    return first + struct.pack("!H", csum)


def hdrlen_long(src, dst):
    # Header Len 1 announces 16 octets; only 8 are sent.
    return set_csum(header(0, 1) + b"\0\0", src, dst)


def trailing(src, dst):
    # A valid 8-octet BRR followed by 8 octets outside the message.
    return set_csum(header(0, 0) + b"\0\0" + bytes(8), src, dst)


def payload_proto6(src, dst):
    return set_csum(header(0, 0, proto=6) + b"\0\0", src, dst)


def hoti_hdrlen0(src, dst):
    # HoTI needs Header Len 1 for its cookie; 0 is too short.
    return set_csum(header(1, 0) + b"\0\0", src, dst)


def hot_hdrlen1(src, dst):
    # HoT needs Header Len 2; 16 octets hold no keygen token.
    body = struct.pack("!H", 1) + COOKIE
    return set_csum(header(3, 1) + body, src, dst)


CASES = {
    "brr": (brr, "valid Binding Refresh Request"),
    "bu": (bu, "valid Binding Update, Header Len 1"),
    "hoti": (hoti, "valid Home Test Init, Header Len 1"),
    "hot": (hot, "valid Home Test, Header Len 2"),
    "type200": (type200, "valid header, unknown MH Type 200"),
    "exp11": (exp11, "MH Type 11 shorter than the OMIPv6 common part"),
    "omi-dh3": (omi_dh3, "valid OMIPv6 DH3 (MH Type 11, subtype 3)"),
    "be2": (be2, "valid Binding Error status 2 about the home address"),
    "bu-opt-truncated": (bu_opt_truncated,
                         "BU with a PadN running past the end"),
    "bad-csum": (bad_csum, "BRR with its checksum off by one bit"),
    "csum-wrong-src": (csum_wrong_src,
                       "BRR summed over the home address as source"),
    "truncated4": (truncated4, "4-octet MH, correct checksum"),
    "hdrlen-long": (hdrlen_long, "BRR with Header Len 1 in 8 octets"),
    "trailing": (trailing, "BRR followed by 8 stray octets"),
    "payload-proto6": (payload_proto6, "BRR with Payload Proto 6"),
    "hoti-hdrlen0": (hoti_hdrlen0, "HoTI with Header Len 0"),
    "hot-hdrlen1": (hot_hdrlen1, "HoT with Header Len 1"),
}


def build(case, src, dst):
    msg = CASES[case][0](src, dst)
    # Version 6, traffic class and flow label 0, hop limit 64.
    pkt = struct.pack("!IHBB16s16s", 6 << 28, len(msg), IPPROTO_MH, 64,
                      socket.inet_pton(socket.AF_INET6, src),
                      socket.inet_pton(socket.AF_INET6, dst))
    return msg, pkt + msg


def send(cases, src, dst, step=False):
    sock = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_RAW)
    try:
        for i, case in enumerate(cases):
            if step and i > 0 and not sys.stdin.readline():
                raise SystemExit("mh_send: stdin closed before " + case)
            msg, pkt = build(case, src, dst)
            sock.sendto(pkt, (dst, 0))
            print("sent", case, len(msg), pkt.hex(), flush=True)
    finally:
        sock.close()


class Netns:
    """Enter a named network namespace for a with-block, then return."""

    def __init__(self, name):
        import ctypes
        import os

        self.os = os
        self.libc = ctypes.CDLL(None, use_errno=True)
        self.ctypes = ctypes
        self.path = None if name == "-" else "/run/netns/" + name

    def _setns(self, fd):
        if self.libc.setns(fd, CLONE_NEWNET):
            err = self.ctypes.get_errno()
            raise OSError(err, self.os.strerror(err))

    def __enter__(self):
        if self.path:
            self.home = self.os.open("/proc/self/ns/net", self.os.O_RDONLY)
            target = self.os.open(self.path, self.os.O_RDONLY)
            try:
                self._setns(target)
            finally:
                self.os.close(target)
        return self

    def __exit__(self, *exc):
        if self.path:
            try:
                self._setns(self.home)
            finally:
                self.os.close(self.home)


def serve():
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        try:
            if len(words) < 4:
                raise ValueError("want NETNS SRC DST CASE...")
            bad = [c for c in words[3:] if c not in CASES]
            if bad:
                raise ValueError("unknown case " + " ".join(bad))
            with Netns(words[0]):
                send(words[3:], words[1], words[2])
        except (OSError, ValueError) as e:
            print("error", e, flush=True)
        print("done", flush=True)


def main(argv):
    src, dst, step, cases = COA_A, CN, False, []
    args = iter(argv)
    for arg in args:
        if arg == "--src":
            src = next(args, "")
        elif arg == "--dst":
            dst = next(args, "")
        elif arg == "--step":
            step = True
        elif arg == "--serve":
            serve()
            return 0
        elif arg == "--list":
            for name, (_, what) in CASES.items():
                print(f"{name}\t{what}")
            return 0
        elif arg in CASES:
            cases.append(arg)
        else:
            print(f"mh_send: unknown argument or case '{arg}'",
                  file=sys.stderr)
            return 2
    if not cases:
        print(__doc__, file=sys.stderr)
        return 2
    send(cases, src, dst, step)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
