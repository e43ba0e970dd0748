#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Send ready-made Mobility Headers, and check captured ones (guest tests).

  mh_inject.py send      < lines "NAME SRC DST MH_HEX"
  mh_inject.py verify    < lines "PACKET_HEX"

send wraps each Mobility Header (as printed by tools/mhgen, checksum
filled in) in an IPv6 header, next header 135, hop limit 64, and sends it
through an IPPROTO_RAW socket in the current network namespace, so the
kernel routes it but leaves every octet alone.  It refuses a message
whose checksum does not verify for SRC -> DST, and prints for each one
  sent NAME LEN
or
  error NAME WHY

verify reads whole IPv6 packets (from the IPv6 header on, as hex; no
extension headers) and prints, for each, "ok" or "bad WHY" depending on
whether the Mobility Header checksum verifies for the packet's own
addresses (RFC 8200 section 8.1, next header 135).

No scapy: Python alone starts quickly even under emulation.
"""
import os
import socket
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(
    __file__))))
from rr_vectors import ones_sum  # noqa: E402  (one MH checksum sum)

IPPROTO_MH = 135


def csum_ok(src, dst, mh):
    """True when mh, checksum field included, sums to 0xffff."""
    pseudo = src + dst + struct.pack("!I3xB", len(mh), IPPROTO_MH)
    return ones_sum(pseudo + mh) == 0xFFFF


def send():
    sock = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_RAW)
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        name = words[0]
        try:
            _, src, dst, hexmh = words
            s = socket.inet_pton(socket.AF_INET6, src)
            d = socket.inet_pton(socket.AF_INET6, dst)
            mh = bytes.fromhex(hexmh)
            if not csum_ok(s, d, mh):
                raise ValueError("checksum does not verify")
            hdr = struct.pack("!IHBB", 6 << 28, len(mh), IPPROTO_MH, 64)
            sock.sendto(hdr + s + d + mh, (dst, 0))
            print("sent", name, len(mh), flush=True)
        except (OSError, ValueError) as e:
            print("error", name, e, flush=True)
    sock.close()


def verify():
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        try:
            pkt = bytes.fromhex(line)
        except ValueError:
            print("bad not-hex", flush=True)
            continue
        if len(pkt) < 48 or pkt[0] >> 4 != 6:
            print("bad not-ipv6", flush=True)
            continue
        plen, nh = struct.unpack_from("!HB", pkt, 4)
        mh = pkt[40:40 + plen]
        if nh != IPPROTO_MH:
            print("bad next-header-%d" % nh, flush=True)
        elif len(mh) != plen:
            print("bad truncated", flush=True)
        elif not csum_ok(pkt[8:24], pkt[24:40], mh):
            print("bad checksum", flush=True)
        else:
            print("ok", flush=True)


def main(argv):
    if argv == ["send"]:
        send()
    elif argv == ["verify"]:
        verify()
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
