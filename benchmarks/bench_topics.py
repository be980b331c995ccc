"""Question-topic benchmark: embedding method vs keyword baseline on hand-labelled questions.

Reads benchmarks/topics_labels.jsonl (references {file, start, end, labels} into the corpus under
../shared/corpus; the question text itself is not in the repo), scores the test half (last 60),
and times MiniLM loading and a warm 8-question call.

    python benchmarks/bench_topics.py            # test-half figures
    python benchmarks/bench_topics.py --tune     # grid search of EmbeddingParams on the dev half
    python benchmarks/bench_topics.py --write    # also write benchmarks/results/topics.txt

Shared data: $CALLNLP_SHARED or ../shared beside the checkout.
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from callnlp.qa.topics import (  # noqa: E402
    EmbeddingParams,
    DEFAULT_PARAMS,
    _keyword_labels,
    _pick,
    embedding_scores,
    keyword_scores,
    load_taxonomy,
)

LABELS_FILE = ROOT / "benchmarks" / "topics_labels.jsonl"


def shared_dir() -> Path:
    return Path(os.environ.get("CALLNLP_SHARED", ROOT / ".." / "shared")).resolve()


def load_set() -> list[dict]:
    corpus = shared_dir() / "corpus"
    if not corpus.is_dir():
        sys.exit(f"shared corpus not found at {corpus}; set CALLNLP_SHARED")
    rows, cache = [], {}
    for line in LABELS_FILE.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        if r["file"] not in cache:
            cache[r["file"]] = (corpus / r["file"]).read_text(encoding="utf-8")
        rows.append({**r, "text": cache[r["file"]][r["start"] : r["end"]]})
    return rows


def f1_table(gold: list[list[str]], pred: list[list[str]], labels: tuple[str, ...]) -> tuple[float, dict]:
    """Macro-F1 over labels with gold support in this split, and per-label (p, r, f1, support)."""
    per = {}
    for lab in labels:
        tp = sum(1 for g, p in zip(gold, pred) if lab in g and lab in p)
        fp = sum(1 for g, p in zip(gold, pred) if lab not in g and lab in p)
        fn = sum(1 for g, p in zip(gold, pred) if lab in g and lab not in p)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        per[lab] = (prec, rec, f1, tp + fn)
    supported = [v[2] for v in per.values() if v[3]]
    return sum(supported) / len(supported), per


def embed_preds(sims, texts, tax, p: EmbeddingParams, kws: list[dict] | None = None) -> list[list[str]]:
    out = []
    kws = kws or [keyword_scores(q, taxonomy=tax) for q in texts]
    for qi, q in enumerate(texts):
        kw = kws[qi]
        scores = {
            lab.id: float(sims[qi, li]) + p.keyword_weight * min(kw.get(lab.id, 0), 2)
            for li, lab in enumerate(tax.labels)
        }
        out.append(_pick(scores, p, kw))
    return out


def tune(dev, emb, tax) -> EmbeddingParams:
    texts, gold = [r["text"] for r in dev], [r["labels"] for r in dev]
    whole = "--whole" in sys.argv
    sims_by_k = {k: embedding_scores(texts, emb, taxonomy=tax, top_seeds=k, whole=whole) for k in (1, 2, 3)}
    kws = [keyword_scores(q, taxonomy=tax) for q in texts]
    best, results = None, []
    grid = itertools.product(
        (1, 2, 3),
        (0.0, 0.06, 0.12, 0.18),
        [x / 100 for x in range(36, 72, 3)],
        (0.1, 0.18, 0.24),
        (2, 3),
        (0.3,),
        (2, 3, 99),
    )
    for k, w, thr, margin, mx, floor, alone in grid:
        p = EmbeddingParams(k, w, thr, margin, mx, floor, alone)
        f1, _ = f1_table(gold, embed_preds(sims_by_k[k], texts, tax, p, kws), tax.ids)
        results.append((f1, p))
        if best is None or f1 > best[0] + 1e-9:
            best = (f1, p)
    results.sort(key=lambda r: -r[0])
    for f1, p in results[:15]:
        print(f"dev macro-F1 {f1:.3f} with {p}")
    return best[1]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tune", action="store_true")
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--whole", action="store_true", help="tune with whole-question vectors too")
    args = ap.parse_args()

    rows = load_set()
    dev, test = rows[:60], rows[60:]
    tax = load_taxonomy()
    lines: list[str] = []

    t0 = time.perf_counter()
    from callnlp.qa.embed import get_embedder

    emb = get_embedder()
    load_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    embedding_scores(["warm-up"], emb, taxonomy=tax)  # also embeds the seeds once
    seeds_s = time.perf_counter() - t0

    if args.tune:
        tune(dev, emb, tax)
        return

    texts, gold = [r["text"] for r in test], [r["labels"] for r in test]
    p = DEFAULT_PARAMS
    sims = embedding_scores(texts, emb, taxonomy=tax, top_seeds=p.top_seeds)
    ours = embed_preds(sims, texts, tax, p)
    base = [_keyword_labels(q, "en", tax) for q in texts]
    f_ours, per_ours = f1_table(gold, ours, tax.ids)
    f_base, per_base = f1_table(gold, base, tax.ids)
    dev_texts = [r["text"] for r in dev]
    f_dev, _ = f1_table(
        [r["labels"] for r in dev],
        embed_preds(embedding_scores(dev_texts, emb, taxonomy=tax, top_seeds=p.top_seeds), dev_texts, tax, p),
        tax.ids,
    )

    from callnlp.qa import assign_topics

    eight = texts[:8]
    assign_topics(eight, embedder=emb, method="embedding")
    runs = []
    for _ in range(5):
        t0 = time.perf_counter()
        assign_topics(eight, embedder=emb, method="embedding")
        runs.append(time.perf_counter() - t0)
    runs.sort()

    lines.append(f"labelled set: {len(rows)} questions (dev {len(dev)}, test {len(test)}); params {p}")
    lines.append(f"dev  macro-F1 embedding: {f_dev:.3f}")
    lines.append(f"test macro-F1 embedding: {f_ours:.3f}   keyword baseline: {f_base:.3f}")
    lines.append(f"{'label':26s} {'support':>7s} {'emb P/R/F1':>18s} {'kw P/R/F1':>18s}")
    for lab in tax.ids:
        po, pb = per_ours[lab], per_base[lab]
        lines.append(
            f"{lab:26s} {po[3]:7d} {po[0]:6.2f}{po[1]:6.2f}{po[2]:6.2f} {pb[0]:6.2f}{pb[1]:6.2f}{pb[2]:6.2f}"
        )
    lines.append(f"model load (import backend + weights): {load_s:.2f} s; seed embeddings: {seeds_s:.2f} s")
    lines.append(
        f"warm assign_topics, 8 questions ({sum(len(q) for q in eight)} chars, with subjects): "
        f"median {runs[2] * 1000:.0f} ms, best {runs[0] * 1000:.0f} ms "
        f"(1-min load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
    )
    text = "\n".join(lines)
    print(text)
    if args.write:
        out = ROOT / "benchmarks" / "results" / "topics.txt"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
