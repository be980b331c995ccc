"""Draw guidance items at random for a hand audit (benchmarks/guidance_audit.md).

usage: python benchmarks/audit_guidance.py SUMMARY_DIR [--seed N] [--n 50] [--all]

SUMMARY_DIR holds the JSON files `callnlp batch ../shared/corpus/ectsum_val/calls -o SUMMARY_DIR`
writes. Items are taken one row per guidance item in file order (sorted file names), then
``random.seed(N); random.sample(rows, n)``. Prints each item with its evidence sentence to read;
the evidence is third-party text, so it is printed, never stored in the repository.
"""
from __future__ import annotations

import argparse
import json
import random
from pathlib import Path


def rows(summary_dir: Path) -> list[tuple[str, dict]]:
    out = []
    for js in sorted(summary_dir.glob("*.json")):
        doc = json.loads(js.read_text(encoding="utf-8"))
        out.extend((js.stem, g) for g in doc.get("guidance", []))
    return out


def describe(g: dict) -> str:
    rng = f"{g.get('low')}-{g.get('high')} {g.get('unit')}"
    extra = []
    if g.get("segment"):
        extra.append(f"segment={g['segment']}")
    if g.get("growth_low_pct") is not None:
        extra.append(f"growth {g['growth_low_pct']}-{g['growth_high_pct']} {g.get('basis')}")
    if g.get("prior_low") is not None:
        extra.append(f"prior {g['prior_low']}-{g['prior_high']}")
    return f"{g['metric']}, {g.get('period')}, {rng}, {g.get('status')}" + (f" ({'; '.join(extra)})" if extra else "")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("summary_dir", type=Path)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--n", type=int, default=50)
    ap.add_argument("--all", action="store_true", help="print every item instead of a sample")
    args = ap.parse_args()
    items = rows(args.summary_dir)
    print(f"{len(items)} items in {args.summary_dir}")
    if args.all:
        picked = items
    else:
        random.seed(args.seed)
        picked = random.sample(items, min(args.n, len(items)))
    for i, (call, g) in enumerate(picked, 1):
        print(f"\n#{i} {call} [{g.get('speaker')}, turn {g.get('turn')}]: {describe(g)}")
        print(f"    {g.get('evidence')}")


if __name__ == "__main__":
    main()
