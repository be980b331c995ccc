"""Coverage and speed of callnlp.numbers.parse_quantities on the NumClaim sentences.

For each sentence of numclaim/train.csv (column ``text``), the "numbers" are the digit runs that
are not years, quarter/half numbers (q3, 3q, h1, fy22), ordinals (2nd), list markers ("(1)",
"1)"), calendar days ("february 2nd", "9/30"), clock times or references ("slide 5", "page 3").
A sentence is covered when every such number lies inside the span of a returned Quantity.
Those exclusions are written here independently of the parser, so the figure is not circular.

Usage:  python benchmarks/numclaim_coverage.py [--verbose] [--csv PATH]
Prints the share of covered sentences (target >= 99%) and throughput in chars/s, and writes
benchmarks/results/numclaim_coverage.json.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from callnlp.numbers import parse_quantities  # noqa: E402

SHARED = Path(os.environ.get("CALLNLP_SHARED", ROOT / ".." / "shared"))
DIGITS = re.compile(r"(?<![\d.,])\d(?:[\d,]*\d)?(?:\.\d+)?")
MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
EXCLUDE = re.compile(
    rf"""
      (?<![\d,.$])(?:19|20)\d{{2}}(?![\d%]|,\d|\.\d|\s*(?:%|percent|million|billion|thousand))   # year
    | \b(?:q|h|fy|cy|fq)\s?'?\d{{1,4}}\b                     # q3, h1, fy22, fy 2021
    | \b\d{{1,2}}\s?[qh](?:\s?'?\d{{2,4}})?\b                # 3q, 3q21, 1h
    | \b\d+(?:st|nd|rd|th)\b                                  # ordinals
    | (?:^|\s)\(?\d{{1,2}}[.)](?=\s)                         # list markers
    | \(\d{{1,2}}\)
    | \b{MONTH}\s+\d{{1,2}}\b                                 # calendar days
    | \b\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?\b
    | \b\d{{1,2}}(?::\d{{2}})+|\b\d{{1,2}}\s?(?:a\.m\.|p\.m\.)
    | \b(?:slides?|pages?|page|notes?|items?|sections?|form|phase|tier|covid|chapter|exhibit)[\s-]?\d+[a-z]?\b
    | '\d{{2}}\b
    | \b[a-z]+-\d+\b                                        # il-6, covid-19: names
    """,
    re.I | re.X,
)


def sentence_numbers(text: str) -> list[tuple[int, int]]:
    excluded = [m.span() for m in EXCLUDE.finditer(text)]
    out = []
    for m in DIGITS.finditer(text):
        s = m.start()
        if any(a <= s < b for a, b in excluded):
            continue
        out.append(m.span())
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--verbose", action="store_true", help="print every sentence with a miss")
    ap.add_argument("--csv", default=str(SHARED / "corpus" / "numclaim" / "train.csv"))
    args = ap.parse_args(argv)
    path = Path(args.csv)
    if not path.exists():
        print(f"{path} not found; set CALLNLP_SHARED", file=sys.stderr)
        return 2
    with path.open(newline="", encoding="utf-8") as fh:
        rows = [r["text"] for r in csv.DictReader(fh)]

    covered = with_numbers = 0
    misses = []
    for text in rows:
        nums = sentence_numbers(text)
        if not nums:
            continue
        with_numbers += 1
        spans = [q.char_span for q in parse_quantities(text)]
        missing = [text[a:b] for a, b in nums if not any(x <= a < y for x, y in spans)]
        if missing:
            misses.append((text, missing))
        else:
            covered += 1

    # throughput: the whole file as one text, several rounds
    blob = "\n".join(rows)
    rounds = 5
    t0 = time.perf_counter()
    for _ in range(rounds):
        parse_quantities(blob)
    dt = time.perf_counter() - t0
    speed = len(blob) * rounds / dt

    share = covered / with_numbers if with_numbers else 1.0
    if args.verbose:
        for text, missing in misses:
            print(f"MISS {missing}: {text}")
    print(f"sentences: {len(rows)}; with numbers: {with_numbers}; all numbers found: {covered} "
          f"({share:.1%}, target >= 99%)")
    print(f"throughput: {speed:,.0f} chars/s ({len(blob):,} chars x {rounds})")
    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "numclaim_coverage.json").write_text(json.dumps(
        {"sentences": len(rows), "with_numbers": with_numbers, "covered": covered,
         "share": round(share, 4), "chars_per_s": round(speed)}, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
