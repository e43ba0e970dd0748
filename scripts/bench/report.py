#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""report.py DATA OUT: the results of make bench.

DATA holds one directory per phase (DELAY-COA-MODE) as
scripts/bench/guest.sh leaves it, with mn.tsv and cn.tsv added on the
host (cap_fields of scripts/lib/mip.sh plus column 15, the echo
sequence number).  Writes into OUT:

  bench.md       summary per phase, the targets, every handover
  handovers.tsv  every handover, times in ms after link-up
  timeline-NETEM.dat, latency-NETEM.dat (NETEM on, off)   for plot.gp

Times per handover, relative to the new link's carrier (the MN's
"ip -ts monitor"): CoA usable (address event, static: link-up), the
MN's movement detection (/proc handover start), BU to the HA and BA
from it (MN capture), BU at the CN (CN capture), BA at the MN (MN
capture) and the first echo request at the new care-of address with a
type 2 routing header (MN capture).  A capture event that is missing
falls back to /proc (ha_ba, CN binding updated, handover_cn ba).
Mobility Header messages: the HA's and the CN's rx + tx counters over
the handover.  Pings lost: the CN's echo requests from 0.1 s before
the old link went down up to the next handover without a reply, and of
those the ones sent while the MN had no link.
"""

import datetime
import os
import re
import statistics
import sys

HA = "2001:db8:1::1"
CN = "2001:db8:c::1"
MODES = ["rr", "omipv6", "parallel"]
COAS = ["static", "slaac"]
EVENTS = [("coa", "CoA usable"), ("detect", "movement detected"),
          ("bu_ha", "BU to HA"), ("ba_ha", "BA from HA"),
          ("bu_cn", "BU at CN"), ("ba_mn", "BA at MN"),
          ("ro", "first RO packet")]
TARGET_LAT = {"omipv6": 65, "parallel": 15}


def utc(stamp):
    d = datetime.datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%S.%f")
    return d.replace(tzinfo=datetime.timezone.utc).timestamp()


def read_monitor(path):
    """Carrier changes [(t, ifname, up)] and address events
    [(t, addr, usable)] of the MN."""
    links, addrs = [], []
    if not os.path.exists(path):
        return links, addrs
    lre = re.compile(r"^\[(\S+)\] (?:\d+): ([^:@\s]+)\S*: <([^>]*)>")
    are = re.compile(r"^\[(\S+)\] (Deleted )?\d+: \S+\s+inet6 ([^/\s]+)/\d+ (.*)")
    for line in open(path, errors="replace"):
        m = lre.match(line)
        if m:
            flags = m.group(3).split(",")
            if "NO-CARRIER" in flags:
                links.append((utc(m.group(1)), m.group(2), False))
            elif "LOWER_UP" in flags:
                links.append((utc(m.group(1)), m.group(2), True))
            continue
        m = are.match(line)
        if m:
            rest = m.group(4).split()
            ok = not m.group(2) and ("optimistic" in rest or
                                     "tentative" not in rest)
            addrs.append((utc(m.group(1)), m.group(3), ok))
    return links, addrs


def read_tsv(path):
    rows = []
    if not os.path.exists(path):
        return rows
    for line in open(path, errors="replace"):
        f = line.rstrip("\n").split("\t")
        f += [""] * (15 - len(f))
        try:
            t = float(f[0])
        except ValueError:
            continue
        rows.append(dict(t=t, pkt=f[1], src=f[2].split(","),
                         dst=f[3].split(","), mh=f[4], rt=f[6].split(","),
                         icmp=f[8].split(","), seq=f[14]))
    return rows


def first(rows, lo, hi, pred):
    for r in rows:
        if lo <= r["t"] < hi and pred(r):
            return r["t"]
    return None


def ns(v):
    try:
        v = int(v)
    except ValueError:
        return None
    return v / 1e9 if v else None


def analyse(d):
    """Per-handover dicts of one phase directory."""
    hops = []
    path = os.path.join(d, "hops.txt")
    if not os.path.exists(path):
        return hops
    lines = [ln.split() for ln in open(path) if ln.strip()]
    links, addrs = read_monitor(os.path.join(d, "monitor.log"))
    mn = read_tsv(os.path.join(d, "mn.tsv"))
    cn = read_tsv(os.path.join(d, "cn.tsv"))
    reqs = {}
    reps = set()
    for r in cn:
        if r["pkt"] == "4" and r["icmp"][0] == "128" and r["seq"]:
            reqs.setdefault(int(r["seq"]), r["t"])
        elif r["pkt"] == "0" and r["icmp"][0] == "129" and r["seq"]:
            reps.add(int(r["seq"]))
    # A request the capture lacks (never sent out) counts as lost, at
    # the time of the one before it.
    t = None
    for q in range(min(reqs, default=0), max(reqs, default=-1) + 1):
        t = reqs.setdefault(q, t)
    last_req = max(reqs.values()) if reqs else 0
    for i, f in enumerate(lines):
        (frm, to, coa, t0, t1, hid, start, haba, cnba, upd,
         mn_n, mn_bd, ha_n, ha_bd, cn_n, cn_bd) = (f + ["-"] * 16)[:16]
        t0, t1 = float(t0), float(t1)
        end = float(lines[i + 1][3]) if i + 1 < len(lines) else 9e18
        old, new = "mn-" + frm, "mn-" + to
        down = next((t for t, ifc, up in links
                     if ifc == old and not up and t0 - 0.05 <= t < end), t0)
        lup = next((t for t, ifc, up in links
                    if ifc == new and up and t0 - 0.05 <= t < end), t1)
        usable = next((t for t, a, ok in addrs
                       if a == coa and ok and down <= t < end), None)
        ev = {}
        ev["coa"] = max(usable, lup) if usable else lup
        ev["detect"] = ns(start)
        ev["bu_ha"] = first(mn, down, end, lambda r: r["pkt"] == "4" and
                            r["mh"] == "5" and HA in r["dst"])
        ev["ba_ha"] = first(mn, ev["bu_ha"] or down, end,
                            lambda r: r["pkt"] == "0" and r["mh"] == "6" and
                            HA in r["src"]) or ns(haba)
        ev["bu_cn"] = first(cn, down, end, lambda r: r["pkt"] == "0" and
                            r["mh"] == "5" and CN in r["dst"]) or ns(upd)
        ev["ba_mn"] = first(mn, ev["bu_cn"] or down, end,
                            lambda r: r["pkt"] == "0" and r["mh"] == "6" and
                            CN in r["src"]) or ns(cnba)
        ev["ro"] = first(mn, lup, end, lambda r: r["pkt"] == "0" and
                         "128" in r["icmp"] and "2" in r["rt"] and
                         r["dst"][0] == coa)
        h = dict(idx=i + 1, hop="%s->%s" % (frm, to),
                 gap=(lup - down) * 1e3)
        for k, _ in EVENTS:
            h[k] = (ev[k] - lup) * 1e3 if ev[k] else None
        h["lat"] = ((ev["bu_cn"] - ev["bu_ha"]) * 1e3
                    if ev["bu_cn"] and ev["bu_ha"] else None)
        hi = float(lines[i + 1][3]) - 0.1 if i + 1 < len(lines) else last_req - 0.3
        sent = [(s, t) for s, t in reqs.items() if down - 0.1 <= t < hi]
        lost = [(s, t) for s, t in sent if s not in reps]
        h["lost"] = len(lost) if reqs else None
        h["lost_gap"] = (len([1 for s, t in lost if down <= t <= lup])
                         if reqs else None)
        h["beyond"] = (h["lost"] - h["lost_gap"]) if reqs else None
        ha_n = int(ha_n) if ha_n.isdigit() else None
        cn_n = int(cn_n) if cn_n.isdigit() else None
        h["mh_ha"] = ha_n
        h["mh_cn"] = cn_n
        h["mh"] = ha_n + cn_n if ha_n is not None and cn_n is not None else None
        h["mh_bd"] = "HA %s; CN %s" % (ha_bd, cn_bd)
        hops.append(h)
    return hops


def stats(vals):
    v = sorted(x for x in vals if x is not None)
    if not v:
        return None
    if len(v) >= 2:
        q1, med, q3 = statistics.quantiles(v, n=4, method="inclusive")
    else:
        q1 = med = q3 = v[0]
    return dict(n=len(v), min=v[0], q1=q1, med=med, q3=q3, max=v[-1])


def fmt(s, digits=1):
    if not s:
        return "-"
    f = "%%.%df" % digits
    if s["min"] == s["max"]:
        return f % s["med"]
    return (f + " [" + f + "-" + f + "]") % (s["med"], s["min"], s["max"])


def main():
    data, out = sys.argv[1], sys.argv[2]
    phases = []
    for name in sorted(os.listdir(data)):
        d = os.path.join(data, name)
        if not os.path.exists(os.path.join(d, "phase")):
            continue
        mode, coa, delay, nhops = open(os.path.join(d, "phase")).read().split()
        st = "failed: no status"
        if os.path.exists(os.path.join(d, "status")):
            st = open(os.path.join(d, "status")).read().strip()
        phases.append(dict(mode=mode, coa=coa, netem="on" if delay == "1"
                           else "off", want=int(nhops), status=st,
                           hops=analyse(d)))
    phases.sort(key=lambda p: (p["netem"] == "off", COAS.index(p["coa"]),
                               MODES.index(p["mode"])))
    for p in phases:
        p["s"] = {k: stats(h[k] for h in p["hops"]) for k in
                  [e for e, _ in EVENTS] + ["lat", "gap", "lost", "lost_gap",
                                            "beyond", "mh", "mh_ha", "mh_cn"]}

    md = []
    md.append("Times in ms after the new link's carrier came up, "
              "median [min-max] over the handovers.\n")
    md.append("| netem | CoA | mode | handovers | " +
              " | ".join(t for _, t in EVENTS) +
              " | BU to HA -> BU at CN | MH messages (HA+CN) "
              "| pings lost (in link gap) | status |")
    md.append("|" + "---|" * 3 + "---:|" * (len(EVENTS) + 4) + "---|")
    for p in phases:
        s = p["s"]
        if p["status"].startswith("skipped"):
            md.append("| %s | %s | %s | 0 |%s %s |" % (
                p["netem"], p["coa"], p["mode"], " - |" * (len(EVENTS) + 3),
                p["status"]))
            continue
        mh = "-"
        if s["mh"]:
            mh = "%s (%s+%s)" % (fmt(s["mh"], 0), fmt(s["mh_ha"], 0),
                                 fmt(s["mh_cn"], 0))
        lost = "-"
        if s["lost"]:
            lost = "%s (%s)" % (fmt(s["lost"], 0), fmt(s["lost_gap"], 0))
        md.append("| %s | %s | %s | %d | %s | %s | %s | %s | %s |" % (
            p["netem"], p["coa"], p["mode"], len(p["hops"]),
            " | ".join(fmt(s[e]) for e, _ in EVENTS), fmt(s["lat"]), mh,
            lost, p["status"]))

    md.append("\n### Targets\n")
    md.append("| target | wanted | netem | CoA | rr | omipv6 | parallel |")
    md.append("|---|---|---|---|---:|---:|---:|")
    by = {(p["netem"], p["coa"], p["mode"]): p for p in phases}
    for netem in ["on", "off"]:
        for coa in COAS:
            if not any((netem, coa, m) in by for m in MODES):
                continue

            def cell(mode, key, digits=1):
                p = by.get((netem, coa, mode))
                if not p:
                    return "-"
                if p["status"].startswith("skipped"):
                    return "skipped"
                return fmt(p["s"][key], digits)
            md.append("| BU to HA -> BU at CN, drafted | <= 65 ms | %s | %s | %s | %s | %s |"
                      % (netem, coa, cell("rr", "lat"), cell("omipv6", "lat"),
                         cell("parallel", "lat")))
            md.append("| BU to HA -> BU at CN, parallel | <= 15 ms | %s | %s | %s | %s | %s |"
                      % (netem, coa, cell("rr", "lat"), cell("omipv6", "lat"),
                         cell("parallel", "lat")))
            md.append("| MH messages per handover | 4 (HA 2 + CN 2) | %s | %s | %s | %s | %s |"
                      % (netem, coa, cell("rr", "mh", 0), cell("omipv6", "mh", 0),
                         cell("parallel", "mh", 0)))
            md.append("| pings lost beyond the link-down gap, parallel | 0 | %s | %s | %s | %s | %s |"
                      % (netem, coa, cell("rr", "beyond", 0),
                         cell("omipv6", "beyond", 0), cell("parallel", "beyond", 0)))

    md.append("\n### Every handover\n")
    cols = ["gap"] + [e for e, _ in EVENTS] + ["lat"]
    md.append("| netem | CoA | mode | # | hop | link gap | " +
              " | ".join(t for _, t in EVENTS) +
              " | BU HA->CN | MH | by type | lost | in gap |")
    md.append("|" + "---|" * 5 + "---:|" * (len(cols) + 1) + "---|---:|---:|")
    tsv = ["netem\tcoa\tmode\tidx\thop\t" + "\t".join(cols) +
           "\tmh\tmh_ha\tmh_cn\tlost\tlost_gap"]
    for p in phases:
        for h in p["hops"]:
            v = ["-" if h[c] is None else "%.1f" % h[c] for c in cols]
            md.append("| %s | %s | %s | %d | %s | %s | %s | %s | %s | %s |" % (
                p["netem"], p["coa"], p["mode"], h["idx"], h["hop"],
                " | ".join(v), h["mh"], h["mh_bd"], h["lost"], h["lost_gap"]))
            tsv.append("\t".join([p["netem"], p["coa"], p["mode"],
                                  str(h["idx"]), h["hop"]] + v +
                                 [str(h[k]) for k in ("mh", "mh_ha", "mh_cn",
                                                      "lost", "lost_gap")]))
    open(os.path.join(out, "bench.md"), "w").write("\n".join(md) + "\n")
    open(os.path.join(out, "handovers.tsv"), "w").write("\n".join(tsv) + "\n")

    # timeline-NETEM.dat: one block per event (gnuplot index), a row per
    # phase: y, label, median, min, max.  latency-NETEM.dat: a row per
    # phase: x, label, min, q1, median, q3, max.  Only for a netem
    # setting that has data.
    for netem in ["on", "off"]:
        ps = [p for p in phases if p["netem"] == netem and p["hops"]]
        if not ps:
            continue
        blocks = []
        for e, title in EVENTS:
            rows = ["# %s" % title]
            for y, p in enumerate(reversed(ps)):
                s = p["s"][e]
                if s:
                    rows.append('%d "%s %s" %.2f %.2f %.2f' % (
                        y, p["mode"], p["coa"], s["med"], s["min"], s["max"]))
            if len(rows) == 1:
                rows.append('-5 "" 0 0 0')
            blocks.append("\n".join(rows))
        open(os.path.join(out, "timeline-%s.dat" % netem), "w").write(
            "\n\n\n".join(blocks) + "\n")
        rows = []
        for x, p in enumerate(ps):
            s = p["s"]["lat"]
            if s:
                rows.append('%d "%s %s" %.2f %.2f %.2f %.2f %.2f' % (
                    x, p["mode"], p["coa"], s["min"], s["q1"], s["med"],
                    s["q3"], s["max"]))
        if rows:
            open(os.path.join(out, "latency-%s.dat" % netem), "w").write(
                "\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
