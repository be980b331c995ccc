"""Train the question-topic head: one-vs-rest logistic regression over MiniLM question vectors.

Reads models/topic_training_turns.jsonl (analyst turns written by the callnlp authors, one
``{"text", "labels"}`` per line; none comes from a transcript or from a labelled benchmark set)
and the English seed questions of models/topic_taxonomy.json (each a one-label example). Writes
models/topic_head.npz: ``W`` (labels x 384), ``b``, ``labels`` (taxonomy ids in order), ``C``,
``n_examples``, ``backend`` and ``digest`` (sha256 of the training file and the seeds, checked by
a test so the head is retrained when either changes).

A question's vector is what ``callnlp.qa.topics.question_features`` gives at run time: the unit
mean of its content sentences' vectors. scikit-learn is used here only; the runtime applies the
weights with numpy. Deterministic: lbfgs on fixed data, no shuffling.

    python benchmarks/train_topic_head.py            # train and write models/topic_head.npz
    python benchmarks/train_topic_head.py --cv       # also 5-fold cross-validation on the training set
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Sequence

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from callnlp.qa.topics import (  # noqa: E402
    HEAD_FILE,
    TRAINING_FILE,
    Taxonomy,
    _seed_texts,
    head_training_digest,
    load_taxonomy,
    question_features,
)
from callnlp.resources import model_path  # noqa: E402
DEFAULT_C = 0.5  # chosen on the dev half with the earlier rule; C 0.25, 1 and 2 were no better across the three labelled sets


def load_examples(path: Path | None = None) -> list[dict]:
    """The training questions (default the shipped file): [{"text", "labels"}]."""
    p = path or model_path(TRAINING_FILE)
    return [json.loads(line) for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]


def example_matrix(
    examples: Sequence[dict], embedder: Any, taxonomy: Taxonomy, *, seed_mask: Sequence[bool] | None = None
) -> tuple[Any, Any]:
    """(X, Y): question vectors of the training questions then of the seeds (those with
    ``seed_mask`` True, default all), and their 0/1 label matrix."""
    import numpy as np

    ids = list(taxonomy.ids)
    seeds, owner = _seed_texts(taxonomy)
    keep = [i for i in range(len(seeds)) if seed_mask is None or seed_mask[i]]
    texts = [e["text"] for e in examples] + [seeds[i] for i in keep]
    X = question_features(texts, embedder, taxonomy=taxonomy)[1]
    Y = np.zeros((len(texts), len(ids)), dtype=np.int64)
    for r, e in enumerate(examples):
        for lab in e["labels"]:
            Y[r, ids.index(lab)] = 1
    for r, i in enumerate(keep, start=len(examples)):
        Y[r, owner[i]] = 1
    return X, Y


def fit_head(X: Any, Y: Any, C: float = DEFAULT_C) -> tuple[Any, Any]:
    """One logistic regression per label (balanced class weights, L2, lbfgs): (W, b)."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    W = np.zeros((Y.shape[1], X.shape[1]), dtype=np.float32)
    b = np.zeros(Y.shape[1], dtype=np.float32)
    for j in range(Y.shape[1]):
        m = LogisticRegression(C=C, max_iter=5000, class_weight="balanced").fit(X, Y[:, j])
        W[j], b[j] = m.coef_[0], m.intercept_[0]
    return W, b


def cross_validate(X: Any, Y: Any, C: float, folds: int = 5) -> float:
    """Macro-F1 of the head alone (probability >= 0.5, else the top label) by k-fold on (X, Y)."""
    import numpy as np

    n = len(X)
    pred = np.zeros_like(Y)
    for k in range(folds):
        test = np.arange(n) % folds == k
        W, b = fit_head(X[~test], Y[~test], C)
        p = 1 / (1 + np.exp(-(X[test] @ W.T + b)))
        hard = (p >= 0.5).astype(int)
        hard[np.arange(len(p)), p.argmax(1)] = 1
        pred[test] = hard
    f1s = []
    for j in range(Y.shape[1]):
        tp = int((pred[:, j] & Y[:, j]).sum())
        fp, fn = int((pred[:, j] & (1 - Y[:, j])).sum()), int(((1 - pred[:, j]) & Y[:, j]).sum())
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return float(np.mean(f1s))


def train(C: float = DEFAULT_C, out: Path | None = None, embedder: Any = None, taxonomy: Taxonomy | None = None) -> dict:
    """Train on the shipped training file and seeds, write the .npz, return a summary."""
    import numpy as np

    from callnlp.qa.embed import get_embedder

    tax = taxonomy or load_taxonomy()
    emb = embedder or get_embedder()
    examples = load_examples()
    X, Y = example_matrix(examples, emb, tax)
    W, b = fit_head(X, Y, C)
    path = out or model_path(HEAD_FILE)
    np.savez_compressed(
        path, W=W, b=b, labels=np.array(tax.ids), C=np.array(C), n_examples=np.array(len(X)),
        backend=np.array(getattr(emb, "backend", "unknown")), digest=np.array(head_training_digest(tax)),
    )
    return {"path": str(path), "questions": len(examples), "seeds": len(X) - len(examples), "C": C,
            "per_label": dict(zip(tax.ids, Y.sum(0).tolist())), "X": X, "Y": Y}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--C", type=float, default=DEFAULT_C)
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--cv", action="store_true", help="5-fold cross-validated macro-F1 on the training set")
    args = ap.parse_args()
    info = train(args.C, args.out)
    print(f"wrote {info['path']}: {info['questions']} questions + {info['seeds']} seeds, C={info['C']}")
    print("examples per label:", ", ".join(f"{k} {v}" for k, v in info["per_label"].items()))
    if args.cv:
        print(f"5-fold CV macro-F1 on the training set (head alone, p >= 0.5): {cross_validate(info['X'], info['Y'], args.C):.3f}")


if __name__ == "__main__":
    main()
