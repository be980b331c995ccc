"""Question topics in Chinese against English, on the same analyst turns of the bilingual calls.

Reads benchmarks/topics_labels_bilingual.jsonl (analyst turns of the TAL Education and Cloopen
bilingual calls, labelled blind from their English text; see topics_labels_bilingual.md) and takes
each turn's English paragraphs and their Chinese translations from the call's structure. Scores,
with bench_topics.f1_table / micro_f1 against the same labels:

- the English embedding method (shipped rule) on the English text: what a bilingual call gets;
- the English keyword baseline on the English text;
- the Chinese method on the Chinese text (``assign_topics(lang="zh-Hans")``: jieba words against
  the Chinese seeds, plus Chinese keywords): what a Chinese-only call gets.

The Chinese side is machine-translated (TAL) or the company's own interpretation (Cloopen), so
this measures the Chinese method on Chinese renderings of English questions, not on questions
first asked in Chinese. Nothing was tuned on this set.

    python benchmarks/bench_topics_zh.py            # figures
    python benchmarks/bench_topics_zh.py --write    # also write benchmarks/results/topics_zh.txt
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_topics as bt  # noqa: E402  (also puts the checkout on sys.path)

LABELS = HERE / "topics_labels_bilingual.jsonl"


def load_turns() -> list[dict]:
    """Rows of the label file with the turn's English and Chinese text, read from the corpus."""
    from callnlp.io.reader import read_transcript
    from callnlp.pipeline import read_structure

    corpus = bt.shared_dir() / "corpus"
    if not corpus.is_dir():
        sys.exit(f"shared corpus not found at {corpus}; set CALLNLP_SHARED")
    rows, cache = [], {}
    for line in LABELS.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        if r["file"] not in cache:
            cache[r["file"]] = read_structure(read_transcript(str(corpus / r["file"])))
        turn = cache[r["file"]].turns[r["turn"]]
        en = "\n".join(p.text for p in turn.paragraphs)
        zh = "\n".join(p.translation.text for p in turn.paragraphs if p.translation)
        rows.append({**r, "en": en, "zh": zh})
    return rows


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    from callnlp.qa import assign_topics
    from callnlp.qa.embed import get_embedder

    rows = [r for r in load_turns() if r["zh"]]
    tax = bt.load_taxonomy()
    gold = [r["labels"] for r in rows]
    emb = get_embedder()

    def labels_only(out) -> list[list[str]]:
        return [[x for x in labs if x in tax.ids] for labs in out]

    t0 = time.perf_counter()
    zh_pred = labels_only(assign_topics([r["zh"] for r in rows], lang="zh-Hans", subjects_for=lambda _t: []))
    zh_s = time.perf_counter() - t0
    preds = {
        "English embedding (shipped rule), English text": labels_only(assign_topics(
            [r["en"] for r in rows], embedder=emb, method="embedding", subjects_for=lambda _t: [])),
        "English keyword baseline, English text": [bt._keyword_labels(r["en"], "en", tax) for r in rows],
        "Chinese method (jieba + zh seeds + keywords), Chinese text": zh_pred,
    }
    support = Counter(lab for g in gold for lab in g)
    lines = [
        f"labelled set: {LABELS.name}: {len(rows)} analyst turns with a Chinese side from "
        f"{len({r['file'] for r in rows})} calls, {sum(support.values())} gold labels "
        f"({sum(support.values()) / len(rows):.2f} per turn), {len(support)} of {len(tax.ids)} labels present",
        "(labelled blind from the English text; nothing was chosen or tuned on this set)",
        f"{'':60s} macro-F1  micro-F1  labels/turn",
    ]
    for name, pred in preds.items():
        lines.append(f"  {name:58s} {bt.f1_table(gold, pred, tax.ids)[0]:.3f}     {bt.micro_f1(gold, pred):.3f}     "
                     f"{sum(map(len, pred)) / len(rows):.2f}")
    lines.append(f"Chinese method: {len(rows)} turns in {zh_s:.2f} s, jieba load included")
    names = list(preds)
    lines.append(f"per label                     support    {'en emb F1':>9s} {'en kw F1':>9s} {'zh F1':>9s}")
    tables = [bt.f1_table(gold, preds[n], tax.ids)[1] for n in names]
    for lab in tax.ids:
        if support[lab]:
            lines.append(f"  {lab:28s} {support[lab]:5d}    " + " ".join(f"{t[lab][2]:9.2f}" for t in tables))
    text = "\n".join(lines)
    print(text)
    if args.write:
        out = HERE / "results" / "topics_zh.txt"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
