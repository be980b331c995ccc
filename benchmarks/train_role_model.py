"""Train models/figure_roles.json (callnlp.extract.roles) on the train part of the frozen split.

Candidates: every figure (a range or a single value; no verbal range) that callnlp.parse_quantities
finds in an English sentence a company speaker says (guidance.eligible), as the pipeline splits it.

Silver labels, the only label set, made from each call's Reuters bullets (ECTSum gt_summaries):
- guidance: a range whose two ends match, within 0.6%, a range of a forward-looking bullet
  (../shared/tools/reuters.py guidance_ranges);
- reported: a single value matching, within 0.6%, a headline figure of the quarter
  (../shared/tools/score_reuters_metrics.py figures: EPS and revenue values, their % changes);
- other: everything else.
The labels are noisy: Reuters names only headline figures, so a true but minor guidance range (a tax
rate) or reported figure (a margin) counts as "other". The model only admits figures the rules
missed; it removes none.

Model: scikit-learn multinomial logistic regression (C=0.5) over binary crc32-hashed features.
Thresholds are chosen by 5-fold cross-validation grouped by call, inside the train part: for each
role the probability cut with the best F-beta of its silver labels (beta 2 for guidance, where the
rules already hold precision and recall is short; beta 1 for reported). Test and dev are never read.

usage: python benchmarks/train_role_model.py   (CALLNLP_BENCH_DATA: where ectsum_train unpacks)
"""
from __future__ import annotations

import json
import sys
from multiprocessing import Pool
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1] / "shared" / "tools"))

from ectsum_data import call_dirs, split  # noqa: E402
from reuters import close, guidance_ranges  # noqa: E402
import score_reuters_metrics as srm  # noqa: E402

BETA = {"guidance": 2.0, "reported": 1.0}


def label(q, ranges, figures) -> int:
    lo, hi = float(q.low), float(q.high)
    if lo != hi:
        return 0 if any(close(lo, r.low) and close(hi, r.high) for r in ranges) else 2
    money = q.unit not in (None, "%", "pp", "bp", "count")
    for _, v, pct, _, _ in figures:
        if (pct and q.unit == "%" or not pct and money) and close(abs(lo), v):
            return 1
    return 2


def call_rows(stem: str):
    import callnlp
    from callnlp.extract import call_period
    from callnlp.extract.guidance import eligible
    from callnlp.extract.roles import feature_index, features, is_candidate
    from callnlp.extract.sentences import call_sentences

    calls_dir, gt_dir = call_dirs("train")
    gt = (gt_dir / f"{stem}.txt").read_text(encoding="utf-8")
    ranges, figures = guidance_ranges(gt), list(srm.figures(gt))
    structure = callnlp.read_structure(callnlp.read_transcript(calls_dir / f"{stem}.txt"))
    period = call_period(structure)
    out = []
    for s in call_sentences(structure):
        if s.lang != "en" or s.translated or not eligible(s) or not any(c.isdigit() for c in s.text):
            continue
        for q in callnlp.parse_quantities(s.text):
            if is_candidate(q):
                idx = sorted({feature_index(f) for f in features(s.text, q, s.section, period)})
                out.append((idx, label(q, ranges, figures), q.low != q.high))
    return out


def main() -> None:
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    from callnlp.extract.roles import MODEL_FILE, N_FEATURES, ROLES

    stems = split()["train"]
    with Pool(2) as pool:
        per_call = pool.map(call_rows, stems, chunksize=8)
    rows, ys, ranged, groups = [], [], [], []
    for k, call in enumerate(per_call):
        for idx, y, rg in call:
            rows.append(idx)
            ys.append(y)
            ranged.append(rg)
            groups.append(k)
    indptr = np.cumsum([0] + [len(r) for r in rows])
    X = csr_matrix((np.ones(indptr[-1]), np.concatenate(rows), indptr), shape=(len(rows), N_FEATURES))
    y, ranged, fold = np.array(ys), np.array(ranged), np.array(groups) % 5
    cv = np.zeros((len(y), 3))
    for f in range(5):
        m = LogisticRegression(C=0.5, max_iter=3000).fit(X[fold != f], y[fold != f])
        cv[fold == f] = m.predict_proba(X[fold == f])
    report, thresholds = [], {}
    for k, role in enumerate(ROLES[:2]):
        mask = ranged if role == "guidance" else ~ranged
        p_role, gold = cv[mask, k], y[mask] == k
        beta = BETA[role]
        best = (-1.0, 0.5)
        report.append(f"{role} (candidates {int(mask.sum())}, silver positives {int(gold.sum())}, F{beta:g}):")
        for thr in np.arange(0.05, 0.95, 0.05):
            keep = p_role >= thr
            tp = int((keep & gold).sum())
            p, r = tp / max(keep.sum(), 1), tp / max(gold.sum(), 1)
            fb = (1 + beta ** 2) * p * r / max(beta ** 2 * p + r, 1e-9)
            report.append(f"  threshold {thr:.2f}: silver precision {p:.3f}, recall {r:.3f}, F{beta:g} {fb:.3f}")
            best = max(best, (fb, round(float(thr), 2)))
        thresholds[role] = best[1]
        report.append(f"  chosen {best[1]}")
    model = LogisticRegression(C=0.5, max_iter=3000).fit(X, y)
    W = model.coef_  # (3, n_features)
    nz = np.flatnonzero(np.abs(W).max(axis=0) >= 0.01)  # smaller weights change no probability by more than ~1%
    out = {
        "what": "multinomial logistic regression: the role of a figure a company speaker states",
        "roles": list(ROLES),
        "trained_on": f"{len(stems)} ECTSum train calls of benchmarks/splits/ectsum_split.json (train part), "
                      f"{len(y)} figures: {int((y == 0).sum())} guidance, {int((y == 1).sum())} reported "
                      f"(silver labels from Reuters bullets)",
        "hash": "crc32", "n_features": N_FEATURES,
        "bias": [round(float(b), 5) for b in model.intercept_],
        "threshold": thresholds,
        "weights": {str(i): [round(float(W[c, i]), 4) for c in range(3)] for i in nz},
    }
    (HERE.parent / "models" / MODEL_FILE).write_text(json.dumps(out, separators=(",", ":")) + "\n", encoding="utf-8")
    lines = [f"# figure role model training ({out['trained_on']})", "5-fold CV by call, train part only:"] + report + [
        f"{len(nz)} weights -> models/{MODEL_FILE}"]
    text = "\n".join(lines) + "\n"
    (HERE / "results" / "role_model_training.txt").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
