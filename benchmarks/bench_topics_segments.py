"""Question topics with and without the call's segment layer, on every labelled set.

The rule has no parameter: a question that names one of the call's own segments (learned by
``callnlp.extract.segments`` from the whole call) also gets ``segment_performance``. This script
scores the shipped rule with and without it, and the keyword baseline with and without it, on dev,
test (topics_labels.jsonl), fresh and fresh2. Prints macro-F1 / micro-F1 per set; writes
benchmarks/results/topics_segments.txt with --write.
"""
from __future__ import annotations

import argparse
import sys
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import bench_topics as bt  # noqa: E402


@lru_cache(maxsize=None)
def call_segments(rel: str) -> tuple[str, ...]:
    from callnlp.extract.segments import learn_segments
    from callnlp.extract.sentences import call_sentences
    from callnlp.io.reader import read_transcript
    from callnlp.pipeline import read_structure

    structure = read_structure(read_transcript(bt.shared_dir() / "corpus" / rel))
    return learn_segments(structure, call_sentences(structure))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    from callnlp.qa import assign_topics
    from callnlp.qa.embed import get_embedder

    rows = bt.load_set()
    sets = {"dev": rows[:60], "test": rows[60:], "fresh": bt.load_set(bt.FRESH_FILE),
            "fresh2": bt.load_set(HERE / "topics_labels_fresh2.jsonl")}
    tax = bt.load_taxonomy()
    emb = get_embedder()
    lines = ["macro-F1 / micro-F1        " + "".join(f"{n:>15s}" for n in sets)]
    results: dict[str, list[str]] = {}
    for method in ("embedding", "keyword"):
        for with_segments in (False, True):
            cells = []
            for split in sets.values():
                preds = []
                for r in split:
                    segs = call_segments(r["file"]) if with_segments else ()
                    (got,) = assign_topics([r["text"]], embedder=emb, method=method, subjects_for=lambda _t: [],
                                           segments=segs)
                    preds.append(list(got))
                gold = [r["labels"] for r in split]
                cells.append(f"{bt.f1_table(gold, preds, tax.ids)[0]:.3f}/{bt.micro_f1(gold, preds):.3f}")
            name = f"{'shipped' if method == 'embedding' else 'keyword'}{' + segments' if with_segments else ''}"
            results[name] = cells
            lines.append(f"  {name:24s}" + "".join(f"{c:>15s}" for c in cells))
    found = sum(bool(call_segments(r["file"])) for s in sets.values() for r in s)
    lines.append(f"questions whose call has learned segments: {found} of {sum(map(len, sets.values()))}")
    text = "\n".join(lines)
    print(text)
    if args.write:
        (HERE / "results" / "topics_segments.txt").write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
