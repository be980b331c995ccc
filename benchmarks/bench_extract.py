"""Time a full ``callnlp.summarize`` of the Cloopen call (cold, then warm in the same process).

Prints the timings and the extract stage's own share; writes benchmarks/results/extract.txt.
Needs /work/shared (or $CALLNLP_SHARED); target: warm <= 1 s on 2 cores.
"""
from __future__ import annotations

import os
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CALLNLP_SHARED", ROOT.parent / "shared"))


def main() -> None:
    from callnlp import summarize
    from callnlp.extract import extract
    from callnlp.io.reader import read_transcript
    from callnlp.pipeline import read_structure

    path = SHARED / "corpus" / "seeds" / "cloopen_2021q3_bilingual.txt"
    t0 = time.perf_counter()
    s = summarize(path)
    cold = time.perf_counter() - t0
    t0 = time.perf_counter()
    s = summarize(path)
    warm = time.perf_counter() - t0
    structure = read_structure(read_transcript(path))
    t0 = time.perf_counter()
    out = extract(structure)
    ext = time.perf_counter() - t0
    lines = [
        f"file: {path.name} ({path.stat().st_size} bytes), cpus: {os.cpu_count()}",
        f"summarize cold: {cold:.3f} s",
        f"summarize warm: {warm:.3f} s (target <= 1 s)",
        f"extract stage alone (warm): {ext * 1000:.1f} ms",
        f"items: guidance {len(out['guidance'])}, metrics {len(out['metrics'])}, segment_claims {len(out['segment_claims'])}",
        f"summary repr: {s!r}",
    ]
    text = "\n".join(lines)
    print(text)
    (ROOT / "benchmarks" / "results").mkdir(parents=True, exist_ok=True)
    (ROOT / "benchmarks" / "results" / "extract.txt").write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
