"""List every arithmetic warning callnlp raises on the ECTSum calls, for a hand audit.

Runs ``callnlp.summarize`` over /work/shared/corpus/ectsum_val/calls/*.txt (or DIR) and writes
benchmarks/results/arithmetic_warnings.txt: one block per warning (file, turn, kind, message,
evidence). Prints the number of calls, claims checked and found consistent, warnings and time.
Verdicts go in benchmarks/arithmetic_audit.md.

    .venv/bin/python benchmarks/bench_checks.py [DIR] [--fast] [--sentences]

--fast skips the other extraction stages (structure + checks only); the checks are the same.
--sentences also sweeps the sentence-per-line ECTSum files (ectsum_val/ects, 249 calls) and the
NumClaim sentences with ``check_sentence`` into results/arithmetic_warnings_sentences.txt (a
wider audit set; these have no speakers, so only the sentence-level checks apply).
"""
from __future__ import annotations

import os
import re
import sys
import time
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = Path(os.environ.get("CALLNLP_SHARED", HERE.parent / ".." / "shared"))
ARITH = ("arithmetic_mismatch", "implausible_figure")


def main(argv: list[str]) -> int:
    fast = "--fast" in argv
    args = [a for a in argv if not a.startswith("--")]
    folder = Path(args[0]) if args else SHARED / "corpus" / "ectsum_val" / "calls"
    files = sorted(folder.glob("*.txt"))
    if not files:
        print(f"no transcripts under {folder}")
        return 1
    from callnlp import summarize
    from callnlp.checks.arithmetic import check_arithmetic
    from callnlp.io.reader import read_transcript
    from callnlp.pipeline import read_structure

    t0 = time.perf_counter()
    lines: list[str] = []
    n_warn = n_passed = 0
    by_kind: dict[str, int] = {}
    for f in files:
        structure = read_structure(read_transcript(f))
        passed: list = []
        check_arithmetic(structure, {}, passed=passed)  # coverage: claims found consistent
        n_passed += len(passed)
        if fast:
            from callnlp.checks import run_checks

            checks = run_checks(structure, {})
        else:
            checks = summarize(f).checks
        for c in checks:
            if c.kind not in ARITH:
                continue
            n_warn += 1
            by_kind[c.kind] = by_kind.get(c.kind, 0) + 1
            lines += [f"[{n_warn}] {f.name} turn {c.turn} {c.kind} ({c.severity})",
                      f"    message:  {c.message}", f"    evidence: {c.evidence}", ""]
    elapsed = time.perf_counter() - t0
    out = HERE / "results" / "arithmetic_warnings.txt"
    out.parent.mkdir(exist_ok=True)
    header = (f"# {len(files)} calls, {n_passed} claims checked and consistent, {n_warn} arithmetic warnings "
              f"{by_kind}\n\n")
    out.write_text(header + "\n".join(lines), encoding="utf-8")
    print(f"calls: {len(files)}")
    print(f"claims checked and consistent: {n_passed}")
    print(f"arithmetic warnings: {n_warn} {by_kind}")
    print(f"time: {elapsed:.1f} s ({elapsed / len(files):.2f} s/call)")
    print(f"written: {out}")
    if "--sentences" in argv:
        sweep_sentences()
    return 0


def sweep_sentences() -> None:
    import csv

    from callnlp.checks.arithmetic import check_sentence

    t0 = time.perf_counter()
    sources: list[tuple[str, str]] = []
    for f in sorted((SHARED / "corpus" / "ectsum_val" / "ects").glob("*.txt")):
        sources += [(f.name, line.strip()) for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    claims = SHARED / "corpus" / "numclaim" / "train.csv"
    if claims.exists():
        with claims.open(encoding="utf-8") as fh:
            sources += [("numclaim/train.csv", row["text"]) for row in csv.DictReader(fh)]
    passed: list = []
    lines: list[str] = []
    n = 0
    for name, sent in sources:
        for c in check_sentence(sent, passed=passed):
            n += 1
            lines += [f"[{n}] {name} {c.kind}", f"    message:  {c.message}", f"    evidence: {c.evidence}", ""]
    # planted-error recall: add 5 to one percentage of each consistent claim; is it caught?
    caught = 0
    for _turn, sent in passed:
        for m in re.finditer(r"(?<![0-9.])([0-9]+(?:\.[0-9]+)?)(?=\s?%)", sent):
            bumped = f"{Decimal(m.group(1)) + 5}"
            if check_sentence(sent[:m.start()] + bumped + sent[m.end():]):
                caught += 1
                break
    lines.insert(0, f"planted +5 pp on one rate of each consistent claim: caught in {caught}/{len(passed)}\n")
    out = HERE / "results" / "arithmetic_warnings_sentences.txt"
    out.write_text(f"# {len(sources)} sentences, {len(passed)} claims checked and consistent, {n} warnings\n\n"
                   + "\n".join(lines), encoding="utf-8")
    print(f"planted +5 pp errors caught: {caught}/{len(passed)}")
    print(f"sentences: {len(sources)}; consistent claims: {len(passed)}; warnings: {n} "
          f"({time.perf_counter() - t0:.1f} s); written: {out}")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
