"""Train models/guidance_ranker.json (callnlp.extract.ranker) on the train part of the frozen split.

Candidates: every range (both ends, no verbal range) that callnlp.parse_quantities finds in an
English sentence a company speaker says (guidance.eligible). Silver label, written down here because
it is the only label set: 1 when both ends match, within 0.6%, a range of a forward-looking Reuters
bullet of the same call (../shared/tools/reuters.py), else 0. The labels are noisy: Reuters names
the headline guidance, so a true but minor range (a tax rate) counts as a negative.

Model: scikit-learn logistic regression (C=0.5) over binary crc32-hashed features. The threshold is
chosen by 5-fold cross-validation grouped by call, inside the train part: the one with the best F1
of the silver labels. The test and dev parts are never read here.

usage: python benchmarks/train_guidance_ranker.py   (CALLNLP_BENCH_DATA: where ectsum_train unpacks)
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1] / "shared" / "tools"))

from ectsum_data import call_dirs, split  # noqa: E402
from reuters import close, guidance_ranges  # noqa: E402


def call_rows(path: Path, gt: Path):
    import callnlp
    from callnlp.extract.guidance import eligible
    from callnlp.extract.ranker import feature_index, features, is_candidate
    from callnlp.extract.sentences import call_sentences

    ranges = guidance_ranges(gt.read_text(encoding="utf-8"))
    structure = callnlp.read_structure(callnlp.read_transcript(path))
    for s in call_sentences(structure):
        if s.lang != "en" or s.translated or not eligible(s) or not any(c.isdigit() for c in s.text):
            continue
        for q in callnlp.parse_quantities(s.text):
            if not is_candidate(q):
                continue
            y = int(any(close(float(q.low), r.low) and close(float(q.high), r.high) for r in ranges))
            yield sorted({feature_index(f) for f in features(s.text, q, s.section)}), y


def main() -> None:
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    from callnlp.extract.ranker import MODEL_FILE, N_FEATURES

    calls_dir, gt_dir = call_dirs("train")
    rows, ys, groups = [], [], []
    for k, stem in enumerate(split()["train"]):
        for idx, y in call_rows(calls_dir / f"{stem}.txt", gt_dir / f"{stem}.txt"):
            rows.append(idx)
            ys.append(y)
            groups.append(k)
    indptr = np.cumsum([0] + [len(r) for r in rows])
    X = csr_matrix((np.ones(indptr[-1]), np.concatenate(rows), indptr), shape=(len(rows), N_FEATURES))
    y = np.array(ys)
    groups = np.array(groups)
    fold = groups % 5
    cv = np.zeros(len(y))
    for f in range(5):
        m = LogisticRegression(C=0.5, max_iter=3000).fit(X[fold != f], y[fold != f])
        cv[fold == f] = m.predict_proba(X[fold == f])[:, 1]
    best = (0.0, 0.5)
    report = []
    for thr in np.arange(0.05, 0.95, 0.05):
        keep = cv >= thr
        tp = int((keep & (y == 1)).sum())
        p, r = tp / max(keep.sum(), 1), tp / max(y.sum(), 1)
        f1 = 2 * p * r / max(p + r, 1e-9)
        report.append(f"  threshold {thr:.2f}: silver precision {p:.3f}, recall {r:.3f}, F1 {f1:.3f}")
        best = max(best, (f1, round(float(thr), 2)))
    model = LogisticRegression(C=0.5, max_iter=3000).fit(X, y)
    w = model.coef_[0]
    nz = np.flatnonzero(np.abs(w) >= 1e-4)
    out = {
        "what": "logistic regression: is a range a company speaker states Reuters-headline forward guidance",
        "trained_on": f"{len(set(groups))} ECTSum train calls of benchmarks/splits/ectsum_split.json (train part), "
                      f"{len(y)} ranges, {int(y.sum())} positive (silver labels from Reuters bullets)",
        "hash": "crc32", "n_features": N_FEATURES, "bias": round(float(model.intercept_[0]), 5),
        "threshold": best[1],
        "weights": {str(i): round(float(w[i]), 5) for i in nz},
    }
    target = HERE.parent / "models" / MODEL_FILE
    target.write_text(json.dumps(out, separators=(",", ":")) + "\n", encoding="utf-8")
    lines = [f"# guidance ranker training ({out['trained_on']})", "5-fold CV by call, train part only:"] + report + [
        f"chosen threshold {best[1]} (CV F1 {best[0]:.3f}); {len(nz)} weights -> models/{MODEL_FILE}"]
    text = "\n".join(lines) + "\n"
    (HERE / "results" / "guidance_ranker_training.txt").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
