"""Question-topic benchmark on a fresh, blind set: does the shipped topic rule generalise?

Reads benchmarks/topics_labels_fresh.jsonl (60 analyst questions from 45 calls that
topics_labels.jsonl never touched, labelled blind before any run; see topics_labels_fresh.md) and
the question texts from ../shared/corpus. Prints macro-F1 (bench_topics.f1_table: over labels with
gold support in the split) for the shipped embedding rule, the previous seeds + keywords rule and
the keyword baseline, on the fresh set, on the old test half (rows 60-119 of topics_labels.jsonl,
as a check against results/topics.txt) and on their union; then a per-label table on the fresh set.
Scoring and the rules are imported from bench_topics.py, not copied; "before this change" is
bench_topics.before_change: the head trained on the short questions (benchmarks/topic_training_short.jsonl)
with the rule shipped with it, the method shipped until the turn-trained head (and the one fresh2 and
fresh3 were made blind to).

The shipped rule's threshold, margin and max_labels were chosen on dev + test + fresh + fresh2, so
its figures on those are not blind; the held-out figures are the CV table of results/topics.txt.
``--labels benchmarks/topics_labels_fresh3.jsonl`` scores the final blind set (results/topics_fresh3.txt).

    python benchmarks/bench_topics_fresh.py            # figures
    python benchmarks/bench_topics_fresh.py --write    # also write benchmarks/results/topics_fresh.txt
    python benchmarks/bench_topics_fresh.py --pick     # re-run the question picker, compare with the file

Shared data: $CALLNLP_SHARED or ../shared beside the checkout.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_topics as bt  # noqa: E402  (also puts the checkout on sys.path)

FRESH_FILE = HERE / "topics_labels_fresh.jsonl"

# --------------------------------------------------------------------------- picker (how the set was drawn)

SEED = 2026
MIN_CHARS = 150  # drops pleasantries and one-line follow-ups
N_CALLS_TWO, N_CALLS_ONE = 15, 30  # 15 calls give two questions, 30 give one: 60 from 45 calls
FOOL_ANALYST = re.compile(r"^.+ -- .+ -- Analyst$")


def fool_turns(text: str) -> list[tuple[str, int, int]]:
    """(speaker, start, end) of analyst turns in the Q&A of a Motley Fool page."""
    qa = text.find("\nQuestions and Answers:")
    stop = text.find("\nDuration:", qa)
    speakers = {ln.strip() for ln in text[text.find("\nCall participants:"):].splitlines() if " -- " in ln}
    speakers.add("Operator")
    turns, cur = [], None
    for m in re.finditer(r"[^\n]*\n?", text[qa:stop]):
        off, line = qa + m.start(), m.group(0).rstrip("\n")
        if line.strip() in speakers:
            if cur:
                turns.append(cur)
            cur = [line.strip(), None, None]
        elif cur and line.strip():
            cur[1] = off if cur[1] is None else cur[1]
            cur[2] = off + len(line.rstrip())
    if cur:
        turns.append(cur)
    return [(n, s, e) for n, s, e in turns if FOOL_ANALYST.match(n) and s is not None]


def refinitiv_turns(text: str) -> list[tuple[str, int, int]]:
    """(speaker, start, end) of analyst turns in a Refinitiv-layout call (name, affiliation, text)."""
    cp = text.index("CONFERENCE CALL PARTICIPANTS")
    blocks = [b.strip() for b in re.split(r"\n[ \t]*\n", text[cp : text.index("PRESENTATION", cp)])]
    analysts = {b.splitlines()[0].strip() for b in blocks[1:] if b}
    qa = text.index("QUESTIONS AND ANSWERS")
    out = []
    for m in re.finditer(r"(?:(?<=\n)|^)[ \t]*\n((?:[^\n]*\S[^\n]*\n?)+)", text[qa:]):
        lines = m.group(1).splitlines(keepends=True)
        if lines[0].strip() in analysts and len(lines) >= 3:
            start = qa + m.start(1)
            out.append((lines[0].strip(), start + len(lines[0]) + len(lines[1]), start + len(m.group(1).rstrip())))
    return out


def pool(corpus: Path) -> list[str]:
    """Calls with analyst-marked Q&A whose file topics_labels.jsonl does not use, sorted."""
    used = {json.loads(ln)["file"] for ln in bt.LABELS_FILE.read_text(encoding="utf-8").splitlines()}
    files = ["ectsum_val/calls/" + p.name for p in sorted((corpus / "ectsum_val" / "calls").glob("*.txt"))]
    for p in sorted((corpus / "calls").glob("*.txt")):
        t = p.read_text(encoding="utf-8")
        if "CONFERENCE CALL PARTICIPANTS" in t or " -- Analyst\n" in t:
            files.append("calls/" + p.name)
    return sorted(f for f in files if f not in used)


def pick(corpus: Path) -> list[tuple[str, int, int]]:
    files = pool(corpus)
    picked, two, one = [], 0, 0
    for f in random.Random(SEED).sample(files, len(files)):
        text = (corpus / f).read_text(encoding="utf-8")
        turns = refinitiv_turns(text) if "CONFERENCE CALL PARTICIPANTS" in text else fool_turns(text)
        firsts: dict[str, tuple[int, int]] = {}
        for name, s, e in turns:
            if e - s >= MIN_CHARS and name not in firsts:
                firsts[name] = (s, e)
        chosen = list(firsts.values())
        if two < N_CALLS_TWO and len(chosen) >= 2:
            picked += [(f, s, e) for s, e in chosen[:2]]
            two += 1
        elif one < N_CALLS_ONE and chosen:
            picked.append((f, *chosen[0]))
            one += 1
        if (two, one) == (N_CALLS_TWO, N_CALLS_ONE):
            break
    return picked


# --------------------------------------------------------------------------- scoring


def micro_f1(rows: list[dict], pred: list[list[str]]) -> float:
    """Pooled F1 over all (question, label) pairs: a check on macro-F1, which 1-2-support labels swing."""
    tp = sum(len(set(r["labels"]) & set(p)) for r, p in zip(rows, pred))
    return 2 * tp / (sum(len(r["labels"]) for r in rows) + sum(map(len, pred)))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--pick", action="store_true")
    ap.add_argument("--labels", type=Path, default=FRESH_FILE,
                    help="a labelled set in the same format (e.g. benchmarks/topics_labels_fresh2.jsonl, the blind final check)")
    args = ap.parse_args()

    fresh = bt.load_set(args.labels)
    if args.pick:
        again = pick(bt.shared_dir() / "corpus")
        stored = [(r["file"], r["start"], r["end"]) for r in fresh]
        print(f"picker: {len(again)} spans from {len({f for f, _, _ in again})} calls; "
              f"identical to {FRESH_FILE.name}: {again == stored}")
        return

    old_test = bt.load_set()[60:]
    union = old_test + fresh
    tax = bt.load_taxonomy()
    from callnlp.qa import assign_topics
    from callnlp.qa.embed import get_embedder

    emb = get_embedder()

    def run(split: list[dict], params) -> list[list[str]]:  # exactly as bench_topics.main scores it
        got = assign_topics([r["text"] for r in split], embedder=emb, method="embedding",
                            subjects_for=lambda _t: [], params=params)
        return [list(g) for g in got]

    splits = {"fresh": fresh, "old test": old_test, "union": union}
    before = bt.before_change(splits, emb, tax)
    rules = {
        "seeds + head + keywords (shipped)": lambda s: run(s, bt.DEFAULT_PARAMS),
        "seeds + keywords (no head)": lambda s: run(s, bt.SEED_ONLY_PARAMS),
        "keyword baseline": lambda s: [bt._keyword_labels(r["text"], "en", tax) for r in s],
    }
    preds = {name: {sn: fn(sp) for sn, sp in splits.items()} for name, fn in rules.items()}
    if before is not None:
        rules["before this change (shipped then)"] = None
        preds["before this change (shipped then)"] = {sn: before[sn].predict(bt.PREVIOUS_PARAMS) for sn in splits}
    scores = {name: {sn: bt.f1_table([r["labels"] for r in sp], preds[name][sn], tax.ids)
                     for sn, sp in splits.items()} for name in rules}

    support = Counter(lab for r in fresh for lab in r["labels"])
    lines = [
        f"labelled set: {args.labels.name}",
        f"fresh set: {len(fresh)} questions from {len({r['file'] for r in fresh})} calls, "
        f"{sum(support.values())} gold labels ({sum(support.values()) / len(fresh):.2f} per question), "
        f"{len(support)} of {len(tax.ids)} labels present; old test half: {len(old_test)} questions",
        ("(labelled blind; the shipped rule's threshold/margin/max_labels were then chosen on dev + test + fresh + "
         "fresh2, so only 'before this change' is blind here; held-out figures: the CV table of results/topics.txt)")
        if args.labels.resolve() in (FRESH_FILE.resolve(), bt.FRESH2_FILE.resolve()) else
        "(labelled blind and committed before any run; nothing was chosen or tuned on this set, so every row is held out)",
        f"rule: {bt.DEFAULT_PARAMS}",
        "macro-F1 (labels with support in the split)       fresh  old test  union",
    ]
    for name in rules:
        s = scores[name]
        lines.append(f"  {name:46s} {s['fresh'][0]:.3f}  {s['old test'][0]:.3f}     {s['union'][0]:.3f}")
    lines.append("labels predicted per question (fresh): " + ", ".join(
        f"{n.split(' (')[0]} {sum(map(len, preds[n]['fresh'])) / len(fresh):.2f}" for n in rules)
        + f"; gold {sum(support.values()) / len(fresh):.2f}")
    lines.append("micro-F1 (fresh / old test): " + ", ".join(
        f"{n.split(' (')[0]} {micro_f1(fresh, preds[n]['fresh']):.3f} / {micro_f1(old_test, preds[n]['old test']):.3f}"
        for n in rules) + f"; gold labels per question: fresh {sum(support.values()) / len(fresh):.2f}, old test "
        f"{sum(len(r['labels']) for r in old_test) / len(old_test):.2f} (the rule gives at most {bt.DEFAULT_PARAMS.max_labels})")
    lines.append("exact label-set match (fresh): " + ", ".join(
        f"{n.split(' (')[0]} {sum(set(p) == set(r['labels']) for p, r in zip(preds[n]['fresh'], fresh))}/{len(fresh)}"
        for n in rules))
    lines.append("fresh set, per label            support    shipped P/R/F1     no-head F1     kw P/R/F1   "
                 "union support / shipped F1" + ("   before F1" if before is not None else ""))
    names = list(rules)
    for lab in tax.ids:
        a, p, k = (scores[n]["fresh"][1][lab] for n in names[:3])
        u = scores[names[0]]["union"][1][lab]
        lines.append(f"  {lab:28s} {a[3]:7d}   {a[0]:5.2f} {a[1]:5.2f} {a[2]:5.2f}   {p[2]:10.2f}     "
                     f"{k[0]:5.2f} {k[1]:5.2f} {k[2]:5.2f}   {u[3]:5d} / {u[2]:.2f}"
                     + (f"        {scores[names[3]]['fresh'][1][lab][2]:.2f}" if before is not None else ""))
    text = "\n".join(lines)
    print(text)
    if args.write:
        out = HERE / "results" / ("topics_fresh.txt" if args.labels == FRESH_FILE else f"topics_{args.labels.stem.replace('topics_labels_', '')}.txt")
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
