#!/usr/bin/env python3
"""Prints the medians of the last criterion run (target/criterion/<group>/<id>/new/estimates.json)
as a Markdown table, then each target ratio of BENCHMARKS.md with whether this run meets it.

    python3 metrics-core/benches/summary.py [TARGET_DIR]

Exit code 0 whatever the ratios: benchmarks report, they do not fail a build.
"""

import json
import pathlib
import sys

GROUPS = ["inc", "observe", "contended_2t", "encode", "encode_catalog"]

# (what, numerator id, denominator id, the bound the ratio must respect, "<=" or ">=")
TARGETS = [
    ("ours_closed within 1.1x of atomic", "inc/ours_closed", "inc/atomic", 1.1, "<="),
    ("ours_closed 4x faster than pc_family_enum", "inc/pc_family_enum", "inc/ours_closed", 4.0, ">="),
    ("ours_free_text 3x faster than pc_family_string", "inc/pc_family_string", "inc/ours_free_text", 3.0, ">="),
    ("ours_free_text 5x faster than measured_string", "inc/measured_string", "inc/ours_free_text", 5.0, ">="),
    ("ours_closed_other_series 5x faster than pc_family_other_series (2 threads)",
     "contended_2t/pc_family_other_series", "contended_2t/ours_closed_other_series", 5.0, ">="),
    ("ours_free_text_other_series 5x faster than pc_family_other_series (2 threads)",
     "contended_2t/pc_family_other_series", "contended_2t/ours_free_text_other_series", 5.0, ">="),
    ("ours_histogram_closed no slower than pc_histogram_held",
     "observe/ours_histogram_closed", "observe/pc_histogram_held", 1.0, "<="),
    ("ours_openmetrics 2x faster than pc_text_encode", "encode/pc_text_encode", "encode/ours_openmetrics", 2.0, ">="),
    ("ours_prometheus_text 2x faster than pc_text_encode",
     "encode/pc_text_encode", "encode/ours_prometheus_text", 2.0, ">="),
]


def unit(ns):
    if ns >= 1e6:
        return f"{ns / 1e6:.3f} ms"
    if ns >= 1e3:
        return f"{ns / 1e3:.2f} µs"
    return f"{ns:.2f} ns"


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "target") / "criterion"
    medians = {}
    for group in GROUPS:
        for estimates in sorted((root / group).glob("*/new/estimates.json")):
            median = json.loads(estimates.read_text())["median"]["point_estimate"]
            medians[f"{group}/{estimates.parent.parent.name}"] = median
    if not medians:
        sys.exit(f"no criterion results under {root}: run the benchmarks first")
    print("| group | id | median |")
    print("|---|---|---:|")
    for name, median in medians.items():
        group, id_ = name.split("/", 1)
        print(f"| {group} | `{id_}` | {unit(median)} |")
    print()
    print("| target | ratio | met |")
    print("|---|---:|:---:|")
    for what, a, b, bound, op in TARGETS:
        if a not in medians or b not in medians:
            print(f"| {what} | not run | |")
            continue
        ratio = medians[a] / medians[b]
        met = ratio <= bound if op == "<=" else ratio >= bound
        print(f"| {what} | {ratio:.2f} (needs {op} {bound}) | {'yes' if met else '**no**'} |")


if __name__ == "__main__":
    main()
