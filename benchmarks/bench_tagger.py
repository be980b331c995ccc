"""Time callnlp's tokenize + tag_entities against spaCy's full English pipeline, warm.

Usage: python benchmarks/bench_tagger.py [TRANSCRIPT] [--repeat N] [--write]

TRANSCRIPT defaults to ../shared/corpus/seeds/cloopen_2021q3_bilingual.txt (a bilingual call:
each English paragraph followed by its Chinese translation; speaker lines printed twice).
(a) ours: tokenize() every paragraph (English and Chinese) + tag_entities() on all of them.
(b) spaCy: the full en_core_web_sm pipeline (tok2vec, tagger, parser, lemmatizer, ner) on the
    English paragraphs joined into one text.
Both run after a warm-up pass (models loaded). Prints medians and the ratio (a)/(b); --write
stores them in benchmarks/results/tagger.txt.
"""
from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from callnlp.analyzer import Analyzer  # noqa: E402
from callnlp.entities import count_entities, learn_gazetteer, tag_entities  # noqa: E402
from callnlp.records import Lang  # noqa: E402
from callnlp.tokenize import detect_language, tokenize  # noqa: E402

SHARED = Path(os.environ.get("CALLNLP_SHARED", ROOT / ".." / "shared"))
DEFAULT = SHARED / "corpus" / "seeds" / "cloopen_2021q3_bilingual.txt"


def paragraphs(text: str) -> list[tuple[str, int, Lang]]:
    """Lines as paragraphs; a line printed twice in a row is a speaker line and is skipped."""
    lines = text.split("\n")
    starts, pos = [], 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    out, i = [], 0
    while i < len(lines):
        if lines[i] and i + 1 < len(lines) and lines[i + 1] == lines[i]:
            i += 2
            continue
        if lines[i].strip():
            out.append((lines[i], starts[i], detect_language(lines[i])))
        i += 1
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("path", nargs="?", default=str(DEFAULT))
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    text = Path(args.path).read_text(encoding="utf-8")
    segs = paragraphs(text)
    en_text = "\n".join(t for t, _, lang in segs if lang is Lang.EN)
    n_zh = sum(len(t) for t, _, lang in segs if lang.is_zh)

    analyzer = Analyzer()
    gaz = learn_gazetteer(company=None, participants=(), texts=[t for t, _, _ in segs])

    def ours() -> int:
        n = 0
        for t, off, lang in segs:
            n += len(tokenize(t, lang=lang, analyzer=analyzer, offset=off))
        return len(tag_entities(segs, analyzer=analyzer, gazetteer=gaz)) + 0 * n

    full = analyzer.nlp_en_full

    def spacy_full() -> int:
        return len(full(en_text).ents)

    ours(), spacy_full()  # warm-up: loads every model
    a_times, b_times = [], []
    for _ in range(args.repeat):  # interleaved, so machine noise hits both alike
        t = time.perf_counter(); n_ours = ours(); a_times.append(time.perf_counter() - t)
        t = time.perf_counter(); n_full = spacy_full(); b_times.append(time.perf_counter() - t)
    a, b = statistics.median(a_times), statistics.median(b_times)
    ents = tag_entities(segs, analyzer=analyzer, gazetteer=gaz)
    lines = [
        f"transcript: {Path(args.path).name}; {len(segs)} paragraphs; English {len(en_text)} chars, Chinese {n_zh} chars",
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        f"(a) callnlp tokenize + tag_entities, all paragraphs (EN+ZH): median {a:.3f} s of {args.repeat} "
        f"(min {min(a_times):.3f}); {n_ours} entities",
        f"(b) spaCy full pipeline {full.meta.get('name')} {full.pipe_names} on the English text: "
        f"median {b:.3f} s (min {min(b_times):.3f}); {n_full} ents",
        f"ratio (a)/(b): {a / b:.2f} (target <= 0.50)",
        "top entities: " + ", ".join(f"{r['text']}/{r['label']}={r['count']}" for r in count_entities(ents)[:12]),
    ]
    print("\n".join(lines))
    if args.write:
        out = ROOT / "benchmarks" / "results" / "tagger.txt"
        out.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
