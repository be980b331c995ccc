"""Issue 13's figures on the frozen split: Reuters guidance ranges and headline figures, train
beside test beside dev, with the naive peer and the candidate ceiling in the same run.

  guidance   Reuters "X to Y" ranges of forward-looking bullets (../shared/tools/reuters.py).
             reachable = both numbers are printed in the call; ceiling = the number parser
             (callnlp.parse_quantities, line by line) yields a range with both ends; found = a
             guidance item of the summary has both ends (0.6%). "precision" = the share of guidance
             items that match some Reuters range (a lower bound: bullets name only some guidance).
  naive peer any range in a sentence containing expect/guidance/outlook, from the same parser.
  metrics    ../shared/tools/score_reuters_metrics.py's headline figures (value, metric, period).

usage: python benchmarks/bench_reuters_split.py OUT_ROOT LABEL
OUT_ROOT holds train/, test/, dev/ as `callnlp batch` wrote them for the three parts.
Writes benchmarks/results/reuters_split_<LABEL>.txt.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1] / "shared" / "tools"))

from ectsum_data import call_dirs, split  # noqa: E402
from reuters import RANGE, close, guidance_ranges  # noqa: E402
import score_reuters_metrics as srm  # noqa: E402

FORWARD = re.compile(r"\b(expect\w*|guidance|outlook)\b", re.I)
SENT_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z$(])")


def _parse_lines(text: str):
    """(low, high, forward-looking sentence?) for every quantity the parser finds, line by line."""
    import callnlp
    out = []
    for line in text.splitlines():
        if not re.search(r"\d", line):
            continue
        bounds = [0] + [m.end() for m in SENT_END.finditer(line)] + [len(line) + 1]
        fwd = [bool(FORWARD.search(line[a:b])) for a, b in zip(bounds, bounds[1:])]
        for q in callnlp.parse_quantities(line):
            if q.low is None:
                continue
            k = next(i for i, b in enumerate(bounds[1:]) if q.char_span[0] < b)
            out.append((float(q.low), float(q.high if q.high is not None else q.low), fwd[k]))
    return out


def _digits(bullet: str, r) -> tuple[str, str] | None:
    for m in RANGE.finditer(bullet.lower()):
        return m.group(2), m.group(6)
    return None


def _hit(pairs, r) -> int | None:
    for i, (lo, hi) in enumerate(pairs):
        if lo is not None and close(lo, r.low) and close(hi if hi is not None else lo, r.high):
            return i
    return None


def score_part(part: str, out_dir: Path) -> dict:
    calls_dir, gt_dir = call_dirs(part)
    c = dict.fromkeys(["calls", "ranges", "reachable", "ceiling", "found", "found_naive", "items", "items_ok",
                       "naive_items", "naive_ok", "fig", "fig_value", "fig_metric", "fig_period"], 0)
    for stem in split()[part]:
        js, call, gt = out_dir / f"{stem}.json", calls_dir / f"{stem}.txt", gt_dir / f"{stem}.txt"
        if not (js.is_file() and call.is_file() and gt.is_file()):
            continue
        c["calls"] += 1
        text = call.read_text(encoding="utf-8", errors="replace")
        doc = json.loads(js.read_text(encoding="utf-8"))
        gt_text = gt.read_text(encoding="utf-8")
        quants = _parse_lines(text)
        cand = [(lo, hi) for lo, hi, _ in quants if lo != hi]
        naive = [(lo, hi) for lo, hi, f in quants if f and lo != hi]
        items = [(g.get("low"), g.get("high")) for g in doc.get("guidance", []) if g.get("low") is not None]
        items = [(float(lo), float(hi) if hi is not None else None) for lo, hi in items]
        used, used_naive = set(), set()
        for r in guidance_ranges(gt_text):
            c["ranges"] += 1
            d = _digits(r.bullet, r)
            if not d or d[0] not in text or d[1] not in text:
                continue
            c["reachable"] += 1
            c["ceiling"] += _hit(cand, r) is not None
            i, j = _hit(items, r), _hit(naive, r)
            if i is not None:
                c["found"] += 1
                used.add(i)
            if j is not None:
                c["found_naive"] += 1
                used_naive.add(j)
        c["items"] += len(items)
        c["items_ok"] += sum(1 for k, it in enumerate(items) if k in used or any(
            _hit([it], r) is not None for r in guidance_ranges(gt_text)))
        c["naive_items"] += len(naive)
        c["naive_ok"] += sum(1 for it in naive if any(_hit([it], r) is not None for r in guidance_ranges(gt_text)))
        reported = (doc.get("metrics") or []) + (doc.get("segment_claims") or [])
        period = (doc.get("call") or {}).get("fiscal_period")
        for kind, v, pct, digits, bullet in srm.figures(gt_text):
            if digits not in text:
                continue
            c["fig"] += 1
            val = [i for i in reported if srm.matches(i, v, pct)]
            met = [i for i in val if srm.names_kind(i, kind)]
            per = [i for i in met if not i.get("period") or i.get("period") == period]
            c["fig_value"] += bool(val)
            c["fig_metric"] += bool(met)
            c["fig_period"] += bool(per)
    return c


def pct(a: int, b: int) -> str:
    return f"{a}/{b} = {100 * a / b:.1f}%" if b else "-"


def main() -> None:
    root, label = Path(sys.argv[1]), sys.argv[2]
    parts = [p for p in ("train", "test", "dev") if (root / p).is_dir()]
    res = {p: score_part(p, root / p) for p in parts}
    rows = [
        ("calls scored", lambda c: str(c["calls"])),
        ("Reuters guidance ranges (all)", lambda c: str(c["ranges"])),
        ("  both numbers printed in the call", lambda c: pct(c["reachable"], c["ranges"])),
        ("  candidate ceiling (parser has the range)", lambda c: pct(c["ceiling"], c["reachable"])),
        ("  found by callnlp guidance", lambda c: pct(c["found"], c["reachable"])),
        ("  found by the naive peer", lambda c: pct(c["found_naive"], c["reachable"])),
        ("callnlp guidance items matching a Reuters range", lambda c: pct(c["items_ok"], c["items"])),
        ("naive-peer items matching a Reuters range", lambda c: pct(c["naive_ok"], c["naive_items"])),
        ("Reuters headline figures spoken in the call", lambda c: str(c["fig"])),
        ("  value found in metrics", lambda c: pct(c["fig_value"], c["fig"])),
        ("  ... with the right metric", lambda c: pct(c["fig_metric"], c["fig"])),
        ("  ... and the call's period", lambda c: pct(c["fig_period"], c["fig"])),
    ]
    w = max(len(r[0]) for r in rows) + 2
    lines = [f"# {label}: frozen split (benchmarks/splits/ectsum_split.json); test = 20% of ECTSum train never "
             f"read for rules, dev = the 134 development calls (tuned on earlier)", "",
             "".ljust(w) + "".join(p.ljust(24) for p in parts)]
    lines += [name.ljust(w) + "".join(f(res[p]).ljust(24) for p in parts) for name, f in rows]
    text = "\n".join(lines) + "\n"
    print(text)
    (HERE / "results" / f"reuters_split_{label}.txt").write_text(text, encoding="utf-8")
    (HERE / "results" / f"reuters_split_{label}.json").write_text(json.dumps(res, indent=1) + "\n")


if __name__ == "__main__":
    main()
