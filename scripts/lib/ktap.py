#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Strict reader for one KUnit suite's KTAP results.

Usage: ktap.py SUITE FILE

FILE is /sys/kernel/debug/kunit/SUITE/results.  Prints one line per test
case, "ok CASE" or "not ok CASE # why", and exits non-zero unless the
suite result line names SUITE and says ok, the case count matches the
plan, and no case or parameter failed or was skipped.
"""
import re
import sys

RESULT = re.compile(r'^(\s*)(not ok|ok) (\d+)(?: -)? ([^#]*?)\s*(?:# (.*))?$')
PLAN = re.compile(r'^(\s*)1\.\.(\d+)\s*$')
# KUnit's per-case summary of a parameterised case.
COUNTS = re.compile(r'^\s*# (\S+): pass:(\d+) fail:(\d+) skip:(\d+) total:(\d+)')


def main():
    suite, path = sys.argv[1], sys.argv[2]
    try:
        lines = open(path, encoding='utf-8', errors='replace').read().splitlines()
    except OSError as e:
        print(f'not ok {suite} # cannot read results: {e}')
        return 1

    results = []    # (indent, ok, name, directive)
    plans = {}      # indent -> planned count
    bad_counts = {}  # case -> "fail:F skip:S"
    for line in lines:
        m = COUNTS.match(line)
        if m:
            fail, skip = int(m.group(3)), int(m.group(4))
            if fail or skip or int(m.group(2)) != int(m.group(5)):
                bad_counts[m.group(1)] = f'fail:{fail} skip:{skip}'
            continue
        m = RESULT.match(line)
        if m:
            results.append((len(m.group(1)), m.group(2) == 'ok',
                            m.group(4), m.group(5) or ''))
            continue
        m = PLAN.match(line)
        if m:
            plans.setdefault(len(m.group(1)), int(m.group(2)))

    if not results:
        print(f'not ok {suite} # no KTAP results (suite missing or crashed)')
        return 1

    top = 0
    suite_lines = [r for r in results if r[0] == top]
    deeper = sorted({r[0] for r in results if r[0] > top})
    case_indent = deeper[0] if deeper else None
    failed = False

    # Parameter results precede the case line they belong to.
    pending = []
    ncases = 0
    for indent, ok, name, directive in results:
        if indent == top:
            continue
        if indent != case_indent:
            if not ok or directive.upper().startswith('SKIP'):
                pending.append(name)
            continue
        ncases += 1
        why = []
        if not ok:
            why.append('failed')
        if directive.upper().startswith('SKIP'):
            why.append('skipped: ' + directive)
        if pending:
            why.append('bad params: ' + ', '.join(pending))
        if name in bad_counts:
            why.append('params ' + bad_counts[name])
        pending = []
        if why:
            failed = True
            print(f'not ok {name} # ' + '; '.join(why))
        else:
            print(f'ok {name}')

    want = plans.get(case_indent)
    if want is None or want != ncases:
        print(f'not ok {suite}/plan # planned {want}, ran {ncases}')
        failed = True
    if len(suite_lines) != 1 or suite_lines[0][2] != suite or \
            not suite_lines[0][1]:
        print(f'not ok {suite} # suite result line missing, misnamed or failed')
        failed = True
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
