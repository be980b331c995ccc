"""Draw reported-metric items at random for a hand audit (benchmarks/metrics_audit.md).

usage: python benchmarks/audit_metrics.py SUMMARY_DIR [--seed N] [--n 50]

Same drawing scheme as audit_guidance.py (whose helpers read only `guidance`, so nothing is
imported from it): one row per item of `metrics` and of `segment_claims`, files in sorted order,
metrics before segment claims within a file, then ``random.seed(N); random.sample(rows, n)``.
Prints each item's fields, which list it came from and the call's detected period, with its
evidence sentence to read; the evidence is third-party text, so it is printed, never stored.
"""
from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

LISTS = ("metrics", "segment_claims")


def rows(summary_dir: Path) -> list[tuple[str, str, str | None, dict]]:
    """(call stem, list name, call fiscal period, item) for every metric item."""
    out = []
    for js in sorted(summary_dir.glob("*.json")):
        doc = json.loads(js.read_text(encoding="utf-8"))
        period = (doc.get("call") or {}).get("fiscal_period")
        for name in LISTS:
            out.extend((js.stem, name, period, m) for m in doc.get(name) or [])
    return out


def describe(m: dict) -> str:
    unit = m.get("unit") or ""
    if m.get("per_share"):
        unit += "/share"
    parts = [m["metric"], f"segment={m.get('segment')}", str(m.get("period")), f"{m.get('value')} {unit}".strip()]
    if m.get("approx"):
        parts.append(f"approx={m['approx']}")
    if m.get("change_pct") is not None:
        parts.append(f"change {m['change_pct']}%")
    if m.get("basis"):
        parts.append(f"basis={m['basis']}")
    if m.get("prior_value") is not None:
        parts.append(f"prior={m['prior_value']}")
    return ", ".join(parts)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("summary_dir", type=Path)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--n", type=int, default=50)
    args = ap.parse_args()
    items = rows(args.summary_dir)
    counts = {name: sum(1 for r in items if r[1] == name) for name in LISTS}
    print(f"{len(items)} items in {args.summary_dir} ({counts})")
    random.seed(args.seed)
    picked = random.sample(items, min(args.n, len(items)))
    for i, (call, name, period, m) in enumerate(picked, 1):
        print(f"\n#{i} {call} (call period {period}) {name} [{m.get('speaker')}, turn {m.get('turn')}]: {describe(m)}")
        print(f"    {m.get('evidence')}")


if __name__ == "__main__":
    main()
