#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Talk to the omipv6 generic netlink family without omipv6ctl.

  genl_dump.py
      Send OMIPV6_CMD_GET_CONFIG and write the raw bytes of every reply
      message, the final ack included, to stdout.
  genl_dump.py [--cmd N] --send-raw-attr TYPE HEX [--send-raw-attr ...]
      Send command N (default OMIPV6_CMD_SET_CONFIG) carrying the given
      attributes verbatim (HEX is the payload, may be empty), so that the
      kernel sees things omipv6ctl cannot send.
  genl_dump.py --decode
      Read raw messages (as written by the first form) on stdin and print
      one line per message and per attribute: "msg TYPE FLAGS", "error
      ERRNO", "genl CMD VERSION", "attr TYPE HEX" and, inside the
      OMIPV6_A_CN_LIST nest, "attr 7.TYPE HEX".

On a kernel error prints one line "genl_dump: error ERRNO (NAME): MSG"
to stderr, MSG being the extack message (or "-"), and exits 1; exits 0
when the kernel acked.  Uses only the standard library.
"""
import errno
import os
import socket
import struct
import sys

NETLINK_GENERIC = 16
SOL_NETLINK = 270
NETLINK_CAP_ACK = 10
NETLINK_EXT_ACK = 11

NLM_F_REQUEST = 0x1
NLM_F_ACK = 0x4
NLM_F_CAPPED = 0x100
NLM_F_ACK_TLVS = 0x200
NLMSG_ERROR = 2
NLMSG_DONE = 3
NLMSGERR_ATTR_MSG = 1
NLMSGERR_ATTR_OFFS = 2

GENL_ID_CTRL = 0x10
CTRL_CMD_GETFAMILY = 3
CTRL_ATTR_FAMILY_ID = 1
CTRL_ATTR_FAMILY_NAME = 2

OMIPV6_GENL_NAME = b"omipv6"
OMIPV6_GENL_VERSION = 1
OMIPV6_CMD_GET_CONFIG = 1
OMIPV6_CMD_SET_CONFIG = 2
OMIPV6_A_CN_LIST = 7

NLMSGHDR = struct.Struct("=IHHII")
GENLMSGHDR = struct.Struct("=BBH")
NLATTR = struct.Struct("=HH")


class KernelError(Exception):
    def __init__(self, err, msg):
        super().__init__(err, msg)
        self.err = err
        self.msg = msg


def align4(n):
    return (n + 3) & ~3


def attr(atype, payload):
    hdr = NLATTR.pack(NLATTR.size + len(payload), atype)
    pad = b"\0" * (align4(len(hdr) + len(payload)) - len(hdr) - len(payload))
    return hdr + payload + pad


def parse_attrs(buf):
    """Yield (type, payload) for each attribute in buf."""
    off = 0
    while off + NLATTR.size <= len(buf):
        alen, atype = NLATTR.unpack_from(buf, off)
        if alen < NLATTR.size or off + alen > len(buf):
            raise ValueError("malformed attribute at offset %d" % off)
        yield atype & 0x3fff, buf[off + NLATTR.size:off + alen]
        off += align4(alen)


def split_msgs(buf):
    """Yield (type, flags, seq, whole message) for each message in buf."""
    off = 0
    while off + NLMSGHDR.size <= len(buf):
        mlen, mtype, flags, seq, _ = NLMSGHDR.unpack_from(buf, off)
        if mlen < NLMSGHDR.size or off + mlen > len(buf):
            raise ValueError("malformed message at offset %d" % off)
        yield mtype, flags, seq, buf[off:off + mlen]
        off += align4(mlen)


def parse_error(msg, flags):
    """Return (positive errno, extack message or None) of an NLMSG_ERROR."""
    body = msg[NLMSGHDR.size:]
    (err,) = struct.unpack_from("=i", body, 0)
    text = None
    if flags & NLM_F_ACK_TLVS:
        off = 4 + NLMSGHDR.size
        if not flags & NLM_F_CAPPED:
            (inner_len,) = struct.unpack_from("=I", body, 4)
            off = 4 + inner_len
        for atype, payload in parse_attrs(body[align4(off):]):
            if atype == NLMSGERR_ATTR_MSG:
                text = payload.split(b"\0", 1)[0].decode(errors="replace")
    return -err, text


class Genl:
    def __init__(self):
        self.sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW,
                                  NETLINK_GENERIC)
        self.sock.bind((0, 0))
        self.sock.setsockopt(SOL_NETLINK, NETLINK_EXT_ACK, 1)
        # No echo of the request in error messages: keeps the output short.
        self.sock.setsockopt(SOL_NETLINK, NETLINK_CAP_ACK, 1)
        self.seq = 0

    def transact(self, family, cmd, version, attrs, sink=None):
        """Send one request and return the replies up to its ack.

        Every reply message is also passed to sink (raw bytes).  Raises
        KernelError when the kernel answers with an error.
        """
        self.seq += 1
        payload = GENLMSGHDR.pack(cmd, version, 0) + attrs
        hdr = NLMSGHDR.pack(NLMSGHDR.size + len(payload), family,
                            NLM_F_REQUEST | NLM_F_ACK, self.seq, 0)
        self.sock.sendto(hdr + payload, (0, 0))
        replies = []
        while True:
            buf = self.sock.recv(1 << 16)
            for mtype, flags, seq, msg in split_msgs(buf):
                if seq != self.seq:
                    continue
                if sink:
                    sink(msg)
                if mtype == NLMSG_ERROR:
                    err, text = parse_error(msg, flags)
                    if err:
                        raise KernelError(err, text)
                    return replies
                if mtype == NLMSG_DONE:
                    return replies
                replies.append(msg)

    def family_id(self, name):
        try:
            replies = self.transact(GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1,
                                    attr(CTRL_ATTR_FAMILY_NAME, name + b"\0"))
        except KernelError as e:
            if e.err == errno.ENOENT:
                e.msg = "generic netlink family %s not found" % name.decode()
            raise
        for msg in replies:
            body = msg[NLMSGHDR.size + GENLMSGHDR.size:]
            for atype, payload in parse_attrs(body):
                if atype == CTRL_ATTR_FAMILY_ID:
                    return struct.unpack("=H", payload[:2])[0]
        raise KernelError(errno.ENOENT, "no family id in the reply")


def decode(buf, out):
    for mtype, flags, _, msg in split_msgs(buf):
        out.write("msg %d 0x%x\n" % (mtype, flags))
        if mtype == NLMSG_ERROR:
            err, text = parse_error(msg, flags)
            out.write("error %d%s\n" % (err, " " + text if text else ""))
            continue
        if mtype < GENL_ID_CTRL:
            continue
        cmd, version, _ = GENLMSGHDR.unpack_from(msg, NLMSGHDR.size)
        out.write("genl %d %d\n" % (cmd, version))
        for atype, payload in parse_attrs(msg[NLMSGHDR.size +
                                              GENLMSGHDR.size:]):
            out.write("attr %d %s\n" % (atype, payload.hex()))
            if atype == OMIPV6_A_CN_LIST:
                for ntype, npayload in parse_attrs(payload):
                    out.write("attr %d.%d %s\n" % (atype, ntype,
                                                   npayload.hex()))


def usage():
    sys.stderr.write("usage: genl_dump.py [--cmd N] "
                     "[--send-raw-attr TYPE HEX]... | --decode\n")
    sys.exit(2)


def main(argv):
    cmd = None
    raw_attrs = []
    i = 0
    try:
        while i < len(argv):
            if argv[i] == "--decode" and len(argv) == 1:
                decode(sys.stdin.buffer.read(), sys.stdout)
                return 0
            if argv[i] == "--cmd" and i + 1 < len(argv):
                cmd = int(argv[i + 1], 0)
                i += 2
            elif argv[i] == "--send-raw-attr" and i + 2 < len(argv):
                raw_attrs.append(attr(int(argv[i + 1], 0),
                                      bytes.fromhex(argv[i + 2])))
                i += 3
            else:
                usage()
    except ValueError as e:
        sys.stderr.write("genl_dump: %s\n" % e)
        return 2

    if cmd is None:
        cmd = OMIPV6_CMD_SET_CONFIG if raw_attrs else OMIPV6_CMD_GET_CONFIG
    get = not raw_attrs and cmd == OMIPV6_CMD_GET_CONFIG
    out = sys.stdout.buffer
    try:
        nl = Genl()
        family = nl.family_id(OMIPV6_GENL_NAME)
        nl.transact(family, cmd, OMIPV6_GENL_VERSION, b"".join(raw_attrs),
                    sink=out.write if get else None)
    except KernelError as e:
        out.flush()
        sys.stderr.write("genl_dump: error %d (%s): %s\n" %
                         (e.err, errno.errorcode.get(e.err, "?"),
                          e.msg or "-"))
        return 1
    except OSError as e:
        sys.stderr.write("genl_dump: %s\n" % e)
        return 1
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
