"""Structure-stage benchmark: import time, warm parse of the Cloopen call, and linear scaling to 20 MB.

Targets (issue 2): Cloopen structure warm <= 50 ms; `import callnlp` <= 0.3 s; time per MB flat up to 20 MB.
Run: .venv/bin/python benchmarks/bench_structure.py  (writes benchmarks/results/structure.txt)
"""
from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

import callnlp  # noqa: E402
from callnlp.pipeline import read_structure  # noqa: E402


def import_time() -> float:
    runs = []
    for _ in range(5):
        out = subprocess.run([sys.executable, "-X", "importtime", "-c", "import callnlp"], capture_output=True, text=True)
        total = [ln for ln in out.stderr.splitlines() if ln.rstrip().endswith("| callnlp")]
        runs.append(int(total[-1].split("|")[1]) / 1e6)
    return statistics.median(runs)


def synthetic(n_bytes: int) -> str:
    """A Motley Fool call whose Q&A is repeated (speech only, analysts renamed) up to ``n_bytes``."""
    block = open(ROOT / "transcripts" / "brightwave_2024q4_fool.txt", encoding="utf-8").read()
    head, _, body = block.partition("Questions and Answers:")
    body = body.split("Duration:")[0].split("Call participants:")[0]
    qa = []
    i = 0
    while sum(len(x) for x in qa) < n_bytes:
        suffix = chr(65 + i % 26) + chr(97 + (i // 26) % 26)
        qa.append(body.replace("Ryan Cole", f"Ryan Cole{suffix}"))
        i += 1
    return head + "Questions and Answers:" + "".join(qa)


def main() -> None:
    lines = []
    t_imp = import_time()
    lines.append(f"import callnlp: {t_imp * 1000:.0f} ms (target <= 300 ms)")
    cloopen = SHARED / "corpus" / "seeds" / "cloopen_2021q3_bilingual.txt"
    if cloopen.exists():
        tr = callnlp.read_transcript(cloopen)
        read_structure(tr)
        runs = []
        for _ in range(20):
            t = time.perf_counter()
            read_structure(tr)
            runs.append(time.perf_counter() - t)
        lines.append(f"Cloopen structure warm: median {statistics.median(runs) * 1000:.1f} ms, "
                     f"min {min(runs) * 1000:.1f} ms (target <= 50 ms)")
    for mb in (1, 5, 10, 20):
        text = synthetic(mb * 1_000_000)
        t = time.perf_counter()
        s = read_structure(callnlp.read_transcript(text, max_bytes=30_000_000))
        dt = time.perf_counter() - t
        lines.append(f"synthetic {mb:>2} MB: {dt:6.2f} s = {dt / mb:.3f} s/MB, {len(s.turns)} turns, {len(s.qa)} exchanges")
    out = "\n".join(lines)
    print(out)
    res = ROOT / "benchmarks" / "results"
    res.mkdir(parents=True, exist_ok=True)
    (res / "structure.txt").write_text(out + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
