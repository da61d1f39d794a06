#!/usr/bin/env python3
"""Summarises a JFR recording (benchmark 4's --jfr): CPU samples and allocation (by sampled weight), aggregated by
the first frame that matches a filter, or by whole frames ("self" and "anywhere in the stack").

    bench/fanout/jfr-top.py FILE [--depth 40] [--top 25] [--match REGEX]
    bench/fanout/jfr-top.py FILE --callers REGEX       # the stacks under the first frame matching REGEX

CPU: jdk.ExecutionSample; allocation: jdk.ObjectAllocationSample (weight = bytes the sample stands for).
For each, prints the top frames by self share and by inclusive share (a frame counted once per stack), and, with
--match, the top stacks cut at the first frame matching REGEX (e.g. 'io\\.shapesync|com\\.ibm\\.ws\\.webcontainer').
"""
import argparse, collections, re, subprocess


def events(path, name, depth):
    out = subprocess.run(["jfr", "print", "--events", name, "--stack-depth", str(depth), path], capture_output=True,
                         text=True, check=True).stdout
    for block in re.split(r"^" + re.escape(name) + r" \{", out, flags=re.M)[1:]:
        frames = re.findall(r"^\s+([\w$.<>/]+)\(.*\)\s+line: -?\d+", block, re.M)
        w = re.search(r"weight = ([\d.]+) (bytes|kB|MB|GB)", block)
        weight = 1.0
        if w:
            weight = float(w.group(1)) * {"bytes": 1, "kB": 1e3, "MB": 1e6, "GB": 1e9}[w.group(2)]
        if frames:
            yield frames, weight


def callers(title, evs, frame, top, depth=8):
    """The stacks (frame and its callers) below each sample that contains FRAME."""
    total = sum(w for _, w in evs) or 1
    c = collections.Counter()
    for frames, w in evs:
        hit = next((i for i, f in enumerate(frames) if re.search(frame, f)), None)
        if hit is not None:
            c["\n         <- ".join(frames[hit:hit + depth])] += w
    print("== %s: callers of %r (%.1f%% of the weight)" % (title, frame, 100 * sum(c.values()) / total))
    for f, w in c.most_common(top):
        print("%6.1f%%  %s" % (100 * w / total, f))


def report(title, evs, top, match):
    total = sum(w for _, w in evs) or 1
    self_, incl, cut = collections.Counter(), collections.Counter(), collections.Counter()
    for frames, w in evs:
        self_[frames[0]] += w
        for f in set(frames):
            incl[f] += w
        if match:
            hit = next((i for i, f in enumerate(frames) if re.search(match, f)), None)
            if hit is not None:
                cut[" <- ".join(frames[hit:hit + 3])] += w
    print("== %s: %d samples, total weight %.3g" % (title, len(evs), total))
    print("-- self")
    for f, w in self_.most_common(top):
        print("%6.1f%%  %s" % (100 * w / total, f))
    print("-- inclusive")
    for f, w in incl.most_common(top):
        print("%6.1f%%  %s" % (100 * w / total, f))
    if match:
        print("-- first frame matching %r (with 2 callers)" % match)
        for f, w in cut.most_common(top):
            print("%6.1f%%  %s" % (100 * w / total, f))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("--depth", type=int, default=40)
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--match", default=None)
    ap.add_argument("--callers", default=None, help="instead: the stacks below the first frame matching this REGEX")
    a = ap.parse_args()
    if a.callers:
        callers("CPU", list(events(a.file, "jdk.ExecutionSample", a.depth)), a.callers, a.top)
        callers("allocation", list(events(a.file, "jdk.ObjectAllocationSample", a.depth)), a.callers, a.top)
        return
    report("CPU (jdk.ExecutionSample)", list(events(a.file, "jdk.ExecutionSample", a.depth)), a.top, a.match)
    report("allocation (jdk.ObjectAllocationSample)", list(events(a.file, "jdk.ObjectAllocationSample", a.depth)), a.top, a.match)


if __name__ == "__main__":
    main()
