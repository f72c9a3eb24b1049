#!/usr/bin/env python3
"""Summarises sidebyside.sh's JSON lines (stdin): for each point of the schedule, the median over
rounds of ours / official images/s, for training steps and for evaluation, with min-max and n;
then the whole schedule as the ratio of the official side's time to ours summed over the points
(equal weight per point: the points stand for equal stretches of training). Ratios are paired
within a round (both sides measured back to back), never across rounds.
    sidebyside_summary.py [SIDE SIDE] < lines    (default: ours official; kernels.sh: on off)"""
import json
import statistics
import sys
from collections import defaultdict

TOP, BOTTOM = sys.argv[1:3] if len(sys.argv) >= 3 else ("ours", "official")
rows = [json.loads(line) for line in sys.stdin if line.startswith("{")]
by = defaultdict(dict)  # (round, fraction) -> side -> result
for row in rows:
    by[(row["round"], row["fraction"])][row["side"]] = row["result"]


def ratios(key, fraction):
    out = []
    for (rnd, frac), sides in sorted(by.items()):
        if frac == fraction and {TOP, BOTTOM} <= sides.keys():
            if key in sides[TOP] and key in sides[BOTTOM]:
                out.append(sides[TOP][key] / sides[BOTTOM][key])
    return out


def line(label, values):
    if not values:
        return f"{label}: no paired rounds"
    return (f"{label}: median {statistics.median(values):.2f}x (min {min(values):.2f}, max {max(values):.2f},"
            f" n = {len(values)} rounds)")


fractions = sorted({frac for (_, frac) in by})
for fraction in fractions:
    o = next(s[TOP].get("schedule_value") for (r, f), s in by.items() if f == fraction and TOP in s)
    print(line(f"fraction {fraction} (o = {o}) training", ratios("images_per_s_median", fraction)))
    print(line(f"fraction {fraction} (o = {o}) evaluation", ratios("eval_images_per_s_median", fraction)))

whole = []
for rnd in sorted({r for (r, _) in by}):
    points = [by[(rnd, f)] for f in fractions if {TOP, BOTTOM} <= by.get((rnd, f), {}).keys()]
    if len(points) == len(fractions):
        bottom = sum(1 / p[BOTTOM]["images_per_s_median"] for p in points)
        top = sum(1 / p[TOP]["images_per_s_median"] for p in points)
        whole.append(bottom / top)
print(line("whole schedule, training", whole))
