"""MiniLM embedding backends: ONNX int8 (onnxruntime) vs torch (transformers).

Measures, on sentences from our own sample transcripts (transcripts/, tests/fixtures/; English
only, no corpus text):
- agreement: cosine between the two backends' vectors for 200 sentences (all questions, other
  sentences, ten long turns past the 256-token cut);
- load: wall time of a fresh ``python -c`` that imports callnlp.qa.embed and builds the Embedder
  (interpreter start included), and the import + load time measured inside it; median of 3;
- throughput: characters per second of ``encode`` on the 200 sentences, warm, best of 3;
- ONNX threads: 1 vs 2 intra-op threads, alone and while a second process encodes in a loop;
- memory: peak RSS of a process that loads one backend and encodes the 200 sentences.

    python benchmarks/bench_embed.py            # print figures
    python benchmarks/bench_embed.py --write    # also write benchmarks/results/embed.txt
    python benchmarks/bench_embed.py --quick    # agreement and throughput only
"""
from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PY = sys.executable
N_SENTENCES = 200
LONG = 1000  # chars; only the joined turns (1-2.3k chars) are longer


def sample_sentences(n: int = N_SENTENCES) -> list[str]:
    """English questions and sentences from our own sample calls, deterministic, ``n`` of them."""
    from callnlp.qa.topics import split_sentences

    files = sorted((ROOT / "transcripts").glob("*.txt")) + sorted((ROOT / "tests" / "fixtures").rglob("*.txt"))
    qs, other, seen = [], [], set()
    for f in files:
        for line in f.read_text(encoding="utf-8").splitlines():
            if re.search(r"[\u4e00-\u9fff]", line):
                continue
            for s in split_sentences(line):
                if len(s) >= 25 and s not in seen:
                    seen.add(s)
                    (qs if s.endswith("?") else other).append(s)
    # Ten long turns (runs of 20 consecutive sentences, > 256 tokens) to exercise truncation.
    long_lines = [" ".join(other[i : i + 20]) for i in range(0, 20 * 10, 20)]
    rest = n - len(qs) - len(long_lines)
    step = max(1, len(other) // max(rest, 1))
    out = qs + other[::step][:rest] + long_lines
    return out[:n]


def _child(code: str, env: dict | None = None) -> tuple[float, dict]:
    """Run ``code`` in a fresh interpreter; return (wall seconds, the JSON it printed last)."""
    t0 = time.perf_counter()
    res = subprocess.run([PY, "-c", code], capture_output=True, text=True, cwd=ROOT, env={**os.environ, **(env or {})})
    wall = time.perf_counter() - t0
    if res.returncode:
        raise RuntimeError(res.stderr[-2000:])
    return wall, json.loads(res.stdout.strip().splitlines()[-1])


LOAD_CODE = """
import time, json, sys
t0 = time.perf_counter()
from callnlp.qa.embed import Embedder
e = Embedder(backend={backend!r})
t1 = time.perf_counter()
e.encode(["How should we think about gross margin next quarter?"])
print(json.dumps({{"load": t1 - t0, "first": time.perf_counter() - t1, "backend": e.backend,
                  "torch": "torch" in sys.modules, "transformers": "transformers" in sys.modules}}))
"""

RSS_CODE = """
import json, re, sys
sys.path.insert(0, "benchmarks")
from bench_embed import sample_sentences
from callnlp.qa.embed import Embedder
e = Embedder(backend={backend!r})
e.encode(sample_sentences())
# VmHWM, not ru_maxrss: the latter keeps the parent's peak across fork + exec.
hwm = int(re.search(r"VmHWM:\\s+(\\d+) kB", open("/proc/self/status").read()).group(1))
print(json.dumps({{"rss_mb": hwm / 1024, "torch": "torch" in sys.modules}}))
"""

THREAD_CODE = """
import json, time, sys
sys.path.insert(0, "benchmarks")
from bench_embed import sample_sentences
from callnlp.qa.embed import Embedder
texts = sample_sentences()
e = Embedder(backend="onnx", num_threads={threads})
e.encode(texts[:32])
runs = []
for _ in range(3):
    t = time.perf_counter(); e.encode(texts); runs.append(time.perf_counter() - t)
print(json.dumps({{"best": min(runs), "median": sorted(runs)[1], "chars": sum(map(len, texts))}}))
"""

BUSY_CODE = """
import sys
sys.path.insert(0, "benchmarks")
from bench_embed import sample_sentences
from callnlp.qa.embed import Embedder
texts = sample_sentences()
e = Embedder(backend="onnx", num_threads={threads})
while True:
    e.encode(texts)
"""


def load_times(backend: str, runs: int = 3) -> dict:
    walls, inner, firsts, info = [], [], [], {}
    for _ in range(runs):
        wall, info = _child(LOAD_CODE.format(backend=backend))
        walls.append(wall)
        inner.append(info["load"])
        firsts.append(info["first"])
    return {"wall": statistics.median(walls), "load": statistics.median(inner), "first": statistics.median(firsts),
            "torch": info["torch"], "transformers": info["transformers"]}


def thread_table() -> list[tuple[int, str, float, float]]:
    rows = []
    for threads in (1, 2):
        _, alone = _child(THREAD_CODE.format(threads=threads))
        busy = subprocess.Popen([PY, "-c", BUSY_CODE.format(threads=threads)], cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            time.sleep(3)  # let it load and start encoding
            _, loaded = _child(THREAD_CODE.format(threads=threads))
        finally:
            busy.kill()
            busy.wait()
        rows.append((threads, "alone", alone["median"], alone["chars"] / alone["median"]))
        rows.append((threads, "2nd process busy", loaded["median"], loaded["chars"] / loaded["median"]))
    return rows


def throughput(emb, texts: list[str]) -> float:
    emb.encode(texts[:32])
    best = min(_timed(emb.encode, texts) for _ in range(3))
    return sum(map(len, texts)) / best


def _timed(fn, *a) -> float:
    t = time.perf_counter()
    fn(*a)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()

    import numpy as np

    from callnlp.qa.embed import Embedder

    texts = sample_sentences()
    n_q = sum(t.endswith("?") for t in texts)
    lines = [
        f"{len(texts)} English sentences from transcripts/ and tests/fixtures/ ({n_q} questions, "
        f"{sum(len(t) > LONG for t in texts)} long turns), {sum(map(len, texts))} chars; "
        f"{os.cpu_count()} cores, 1-min load average at start {os.getloadavg()[0]:.1f}"
    ]

    onnx = Embedder(backend="onnx")
    torch_emb = Embedder(backend="torch")
    a, b = onnx.encode(texts), torch_emb.encode(texts)
    cos = (a * b).sum(axis=1)
    short = np.array([len(t) <= LONG for t in texts])
    lines.append(
        f"agreement onnx-int8 vs torch: cosine mean {cos.mean():.4f}, min {cos.min():.4f}, "
        f"5th percentile {np.percentile(cos, 5):.4f} (sentences only: mean {cos[short].mean():.4f}, "
        f"min {cos[short].min():.4f})"
    )
    same_nn = (np.argsort(-(a @ a.T), axis=1)[:, 1] == np.argsort(-(b @ b.T), axis=1)[:, 1]).mean()
    lines.append(f"same nearest neighbour among the 200 under both backends: {same_nn:.1%}")

    tp_onnx, tp_torch = throughput(onnx, texts), throughput(torch_emb, texts)
    lines.append(
        f"warm encode throughput (threads onnx {onnx._impl.num_threads}, torch default): "
        f"onnx {tp_onnx:,.0f} chars/s, torch {tp_torch:,.0f} chars/s"
    )
    del onnx, torch_emb

    if not args.quick:
        for backend in ("onnx", "torch"):
            r = load_times(backend)
            lines.append(
                f"load {backend:5s}: fresh process wall {r['wall']:.2f} s (import + Embedder {r['load']:.2f} s, "
                f"first encode {r['first'] * 1000:.0f} ms); torch imported: {r['torch']}, "
                f"transformers imported: {r['transformers']}"
            )
        for backend in ("onnx", "torch"):
            _, r = _child(RSS_CODE.format(backend=backend))
            lines.append(f"peak RSS, process with only the {backend} backend after encoding the 200: {r['rss_mb']:.0f} MB"
                         f" (torch imported: {r['torch']})")
        lines.append("onnx intra-op threads (median of 3 encodes of the 200):")
        for threads, cond, secs, cps in thread_table():
            lines.append(f"  {threads} thread(s), {cond:17s}: {secs:.2f} s, {cps:,.0f} chars/s")

    text = "\n".join(lines)
    print(text)
    if args.write:
        out = ROOT / "benchmarks" / "results" / "embed.txt"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
