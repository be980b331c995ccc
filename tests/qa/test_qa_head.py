"""The trained topic head (models/topic_head.npz), its training questions, and how the embedding
method combines it with the seeds and keywords. Questions here are invented for the tests."""
from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

import pytest

from callnlp.qa import assign_topics, load_taxonomy
from callnlp.qa import topics
from callnlp.resources import model_path

SHARED = Path(os.environ.get("CALLNLP_SHARED", Path(__file__).resolve().parents[2] / ".." / "shared"))
ROOT = Path(__file__).resolve().parents[2]


def _training_rows() -> list[dict]:
    text = model_path(topics.TRAINING_FILE).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_training_questions_are_valid_and_cover_every_label():
    ids = set(load_taxonomy().ids)
    rows = _training_rows()
    assert all(set(r) == {"text", "labels"} for r in rows)
    assert all(r["labels"] and set(r["labels"]) <= ids and len(set(r["labels"])) == len(r["labels"]) for r in rows)
    texts = [r["text"].strip().lower() for r in rows]
    assert len(set(texts)) == len(texts), "duplicate training questions"
    per_label = Counter(lab for r in rows for lab in r["labels"])
    assert set(per_label) == ids and min(per_label.values()) >= 25, per_label


@pytest.mark.corpus
def test_training_questions_are_not_taken_from_the_corpus_or_the_labelled_set():
    corpus = SHARED / "corpus"
    if not corpus.is_dir():
        pytest.skip("../shared not present")
    text = " ".join(p.read_text(encoding="utf-8", errors="ignore") for p in sorted(corpus.rglob("*.txt"))).lower()
    text = " ".join(text.split())
    copied = [r["text"] for r in _training_rows() if " ".join(r["text"].lower().split())[:60] in text]
    assert not copied, copied[:3]


def test_shipped_head_fits_the_taxonomy_and_its_training_data():
    """Retrain with benchmarks/train_topic_head.py whenever the training file or the seeds change."""
    np = pytest.importorskip("numpy")
    head = topics.load_head()
    tax = load_taxonomy()
    assert head is not None and head.labels == tax.ids
    assert head.weights.shape == (len(tax.ids), 384) and head.bias.shape == (len(tax.ids),)
    assert np.all(np.isfinite(head.weights)) and np.all(np.isfinite(head.bias))
    assert head.digest == topics.head_training_digest(tax), "head is stale: run benchmarks/train_topic_head.py"


def test_head_probabilities_are_per_label_sigmoids():
    np = pytest.importorskip("numpy")
    head = topics.TopicHead(labels=("a", "b"), weights=np.array([[1.0, 0.0], [0.0, -2.0]], dtype=np.float32),
                            bias=np.array([0.0, 1.0], dtype=np.float32))
    p = head.probabilities(np.array([[0.0, 0.0], [1.0, 1.0]]))
    assert p.shape == (2, 2)
    assert np.allclose(p[0], [0.5, 1 / (1 + np.exp(-1))])
    assert np.allclose(p[1], [1 / (1 + np.exp(-1)), 1 / (1 + np.exp(1))])


class _HashEmbedder:
    """Deterministic stand-in for MiniLM: unit vectors from word hashes; counts encode calls."""

    dim = 384

    def __init__(self):
        self.calls: list[list[str]] = []

    def encode(self, texts):
        import zlib

        import numpy as np

        self.calls.append(list(texts))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            for w in t.lower().split():
                out[i, zlib.crc32(w.strip("?.,").encode()) % self.dim] += 1.0
            out[i, 0] += 1e-3
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def test_question_features_encode_once_and_pool_per_question():
    np = pytest.importorskip("numpy")
    tax = load_taxonomy()
    emb = _HashEmbedder()
    topics._seed_matrix(emb, tax)  # seeds are embedded once per embedder, outside the timed call
    emb.calls.clear()
    qs = ["Thanks for taking my question. How is the gross margin trending? And what about pricing?",
          "Will you buy back shares?"]
    sims, vecs = topics.question_features(qs, emb, taxonomy=tax)
    assert len(emb.calls) == 1  # every sentence of every question in one encoder call
    units = emb.calls[0]
    assert units == ["How is the gross margin trending?", "And what about pricing?", "Will you buy back shares?"]
    seeds, owner = topics._seed_matrix(emb, tax)
    unit_vecs = emb.encode(units)
    per_unit = np.stack([(unit_vecs @ seeds.T)[:, np.asarray(owner) == j].max(1) for j in range(len(tax.ids))], 1)
    assert np.allclose(sims[0], per_unit[:2].max(0), atol=1e-6) and np.allclose(sims[1], per_unit[2], atol=1e-6)
    mean = unit_vecs[:2].sum(0)
    assert np.allclose(vecs[0], mean / np.linalg.norm(mean), atol=1e-6)
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)


def test_without_a_fitting_head_the_seed_only_rule_applies(monkeypatch):
    pytest.importorskip("numpy")
    emb = _HashEmbedder()
    qs = ["Will you raise the dividend or buy back more shares?", "How did gross margin develop in the quarter?"]
    with_head = assign_topics(qs, embedder=emb, method="embedding", subjects_for=lambda _t: [])
    monkeypatch.setattr(topics, "load_head", lambda path=None: None)
    no_head = assign_topics(qs, embedder=emb, method="embedding", subjects_for=lambda _t: [])
    explicit = assign_topics(qs, embedder=emb, method="embedding", subjects_for=lambda _t: [],
                             params=topics.SEED_ONLY_PARAMS)
    assert no_head == explicit
    assert with_head[0] and with_head[1]
    # a head trained for other labels is ignored rather than misapplied
    import numpy as np

    other = topics.TopicHead(labels=("x",), weights=np.zeros((1, 384), np.float32), bias=np.zeros(1, np.float32))
    monkeypatch.setattr(topics, "load_head", lambda path=None: other)
    assert assign_topics(qs, embedder=emb, method="embedding", subjects_for=lambda _t: []) == no_head


@pytest.mark.slow
def test_head_ranks_the_intended_label_first_on_new_questions():
    pytest.importorskip("onnxruntime")
    from callnlp.qa.embed import get_embedder

    cases = {
        "How many new stores do you plan to open abroad, and in which countries?": "international_expansion",
        "What is the board's thinking on a special dividend this year?": "capital_allocation",
        "Are the component shortages still holding back how many units you can ship?": "supply_chain",
        "How much did headcount and salary costs rise in the quarter?": "costs",
        "What's your take on the proposed licensing rules for your industry?": "regulation",
        "How much cash is left after repaying the term loan?": "balance_sheet_cash",
    }
    tax = load_taxonomy()
    _, vecs = topics.question_features(list(cases), get_embedder(), taxonomy=tax)
    probs = topics.load_head().probabilities(vecs)
    top = [tax.ids[int(i)] for i in probs.argmax(axis=1)]
    hits = sum(t == want for t, want in zip(top, cases.values()))
    assert hits >= 5, list(zip(top, cases.values()))


def test_default_threads_depend_on_the_process(monkeypatch):
    import multiprocessing

    from callnlp.qa import embed

    monkeypatch.delenv("CALLNLP_EMBED_THREADS", raising=False)
    monkeypatch.setattr(embed.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(multiprocessing, "parent_process", lambda: None)
    assert embed.default_threads("CALLNLP_EMBED_THREADS") == 2
    assert embed.default_threads("CALLNLP_EMBED_THREADS", main_uses_all=False) == 1
    monkeypatch.setattr(multiprocessing, "parent_process", lambda: object())  # a batch worker
    assert embed.default_threads("CALLNLP_EMBED_THREADS") == 1
    monkeypatch.setattr(embed.os, "cpu_count", lambda: 16)
    assert embed.default_threads("CALLNLP_EMBED_THREADS") == 4


def test_get_embedder_is_per_process(monkeypatch):
    from callnlp.qa import embed

    made = []

    class Fake:
        def __init__(self, backend):
            made.append(backend)

    monkeypatch.setattr(embed, "_CACHE", {})
    monkeypatch.setattr(embed, "Embedder", Fake)
    a = embed.get_embedder("onnx")
    assert embed.get_embedder("onnx") is a and made == ["onnx"]
    monkeypatch.setattr(embed.os, "getpid", lambda: -1)  # as in a forked child
    assert embed.get_embedder("onnx") is not a and made == ["onnx", "onnx"]


def test_content_sentences_drop_greetings_and_question_counts_but_keep_topics():
    turn = ("Hey, guys. Congrats on the quarter. This is Dana on for Lee. I just have a couple of questions. "
            "Hi, I just wanted to follow up on the freight side. Thanks, and on margins, how much was mix? "
            "Sorry about that. How many stores will you open next year? That's my first question.")
    assert topics._content_sentences(turn) == [
        "Hi, I just wanted to follow up on the freight side.",  # a greeting word, but a keyword follows
        "Thanks, and on margins, how much was mix?",
        "How many stores will you open next year?",
    ]
    assert topics._content_sentences("Hey, guys. Thanks.") == ["Hey, guys. Thanks."]  # nothing else: kept whole
    # a question-count sentence that names its subject is not a bare count
    assert topics._content_sentences("Two questions, both around the outdoor furniture unit.") == [
        "Two questions, both around the outdoor furniture unit."]


def test_a_question_naming_a_call_segment_is_about_segment_performance():
    from callnlp.qa import assign_topics

    (got,) = assign_topics(["How should we think about pricing in Velmo Cloud next year?"], method="keyword",
                           subjects_for=lambda _t: [], segments=("Velmo Cloud",))
    assert "segment_performance" in got
    (got,) = assign_topics(["How should we think about pricing next year?"], method="keyword",
                           subjects_for=lambda _t: [], segments=("Velmo Cloud",))
    assert "segment_performance" not in got
