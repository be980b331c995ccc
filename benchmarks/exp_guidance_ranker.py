"""Experiment for issue 13 (not shipped): does a learned decision over every range a company speaker
says beat the guidance rules on calls no rule was written against?

Candidates: every range (low != high) that callnlp.parse_quantities finds in a sentence of an
executive's or investor-relations turn. Silver label: 1 when both ends match a range of a
forward-looking Reuters bullet of the same call (0.6%), else 0 (noisy: Reuters names only the
headline guidance). Features: the sentence's words and bigrams, the words just before and after
the figure, its unit, the section. Model: logistic regression (scikit-learn), trained on the
train part only. Scored like bench_reuters_split.py: recall of the reachable Reuters ranges and the
share of kept items matching one, at the threshold that keeps as many items on train as the rules
produce there.

usage: python benchmarks/exp_guidance_ranker.py OUT_ROOT   (batch outputs: OUT_ROOT/{train,test,dev})
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1] / "shared" / "tools"))

from bench_reuters_split import _digits, _hit  # noqa: E402
from ectsum_data import call_dirs, split  # noqa: E402
from reuters import close, guidance_ranges  # noqa: E402

from callnlp.extract.ranker import features  # noqa: E402  (the shipped ranker's features)

SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z$(])")


def candidates(doc: dict):
    import callnlp
    kinds = {p["name"]: p["kind"] for p in doc["participants"]}
    for t in doc["turns"]:
        if kinds.get(t["speaker"]) not in ("executive", "investor_relations"):
            continue
        for sent in SENT.split(t["text"]):
            if not re.search(r"\d", sent):
                continue
            for q in callnlp.parse_quantities(sent):
                if q.low is None or q.high is None or q.low == q.high:
                    continue
                a, b = q.char_span
                yield sent, a, b, q, t.get("section") or ""


def rows(part: str, out_root: Path):
    calls_dir, gt_dir = call_dirs(part)
    for stem in split()[part]:
        js, call, gt = out_root / part / f"{stem}.json", calls_dir / f"{stem}.txt", gt_dir / f"{stem}.txt"
        if not (js.is_file() and gt.is_file()):
            continue
        doc = json.loads(js.read_text(encoding="utf-8"))
        text = call.read_text(encoding="utf-8", errors="replace")
        ranges = guidance_ranges(gt.read_text(encoding="utf-8"))
        reach = [r for r in ranges if (d := _digits(r.bullet, r)) and d[0] in text and d[1] in text]
        cands = []
        for sent, a, b, q, sec in candidates(doc):
            lo, hi = float(q.low), float(q.high)
            y = int(any(close(lo, r.low) and close(hi, r.high) for r in ranges))
            cands.append(((lo, hi), features(sent, q, sec), y))
        rules = [(float(g["low"]), float(g["high"] if g.get("high") is not None else g["low"]))
                 for g in doc.get("guidance", []) if g.get("low") is not None]
        yield stem, reach, ranges, cands, rules


def score(calls, keep) -> tuple[int, int, int, int]:
    """(found, reachable, items matching a range, items) for the items ``keep`` picks per call."""
    found = reach_n = ok = n = 0
    for stem, reach, ranges, cands, rules in calls:
        items = keep(stem, cands, rules)
        reach_n += len(reach)
        found += sum(_hit(items, r) is not None for r in reach)
        n += len(items)
        ok += sum(any(_hit([it], r) is not None for r in ranges) for it in items)
    return found, reach_n, ok, n


def main() -> None:
    from sklearn.feature_extraction import FeatureHasher
    from sklearn.linear_model import LogisticRegression

    root = Path(sys.argv[1])
    data = {p: list(rows(p, root)) for p in ("train", "test", "dev") if (root / p).is_dir()}
    hasher = FeatureHasher(n_features=2 ** 18, input_type="string", alternate_sign=False)
    X = hasher.transform(f for _, _, _, cands, _ in data["train"] for _, f, _ in cands)
    y = [lab for _, _, _, cands, _ in data["train"] for _, _, lab in cands]
    model = LogisticRegression(C=0.5, max_iter=2000).fit(X, y)
    prob = {}
    for part, calls in data.items():
        for stem, _, _, cands, _ in calls:
            prob[(part, stem)] = model.predict_proba(hasher.transform(f for _, f, _ in cands))[:, 1] if cands else []
    n_rules_train = sum(len(c[4]) for c in data["train"])
    ordered = sorted((p for (part, _), ps in prob.items() if part == "train" for p in ps), reverse=True)
    thr = ordered[min(n_rules_train, len(ordered)) - 1]
    lines = [f"# guidance ranker experiment: logistic regression over {X.shape[0]} train candidates "
             f"({sum(y)} positive); threshold {thr:.3f} keeps as many items on train as the rules make", "",
             f"{'':34}" + "".join(f"{p:>34}" for p in data)]
    for name, keep in [
        ("rules (callnlp guidance)", lambda part: lambda stem, c, r: r),
        ("naive peer (all candidates)", lambda part: lambda stem, c, r: [x[0] for x in c]),
        ("learned ranker", lambda part: lambda stem, c, r: [x[0] for x, p in zip(c, prob[(part, stem)]) if p >= thr]),
        ("rules + ranker", lambda part: lambda stem, c, r: r + [x[0] for x, p in zip(c, prob[(part, stem)]) if p >= thr]),
    ]:
        cells = []
        for part, calls in data.items():
            f, rn, ok, n = score(calls, keep(part))
            cells.append(f"{100 * f / rn:5.1f}% found, {100 * ok / max(n, 1):4.1f}% of {n}")
        lines.append(f"{name:34}" + "".join(f"{c:>34}" for c in cells))
    text = "\n".join(lines) + "\n"
    print(text)
    (HERE / "results" / "guidance_ranker_experiment.txt").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
