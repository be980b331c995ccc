"""Embedding method (MiniLM) on invented English questions, and the fallback without it."""
from __future__ import annotations

import pytest

from callnlp.errors import MissingDependencyError
from callnlp.qa import assign_topics, group_questions


@pytest.fixture(scope="module")
def embedder():
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    from callnlp.qa.embed import get_embedder

    return get_embedder()


@pytest.mark.slow
def test_embedding_method_on_invented_questions(embedder):
    qs = [
        "How should we think about competition from larger cloud vendors in the contact-center market?",
        "Could you walk us through the plans to open offices in Indonesia and Vietnam next year?",
        "What's the philosophy on returning cash to shareholders versus paying down the term loan?",
    ]
    got = assign_topics(qs, embedder=embedder, method="embedding")
    assert got[0][0] == "competition"
    assert "international_expansion" in got[1]
    assert {"capital_allocation", "balance_sheet_cash"} & set(got[2])


@pytest.mark.slow
def test_embedder_vectors_are_unit_length(embedder):
    import numpy as np

    v = embedder.encode(["gross margin outlook", "数据"])
    assert v.shape == (2, 384)
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    assert embedder.encode([]).shape == (0, 384)


@pytest.mark.slow
def test_group_questions_joins_paraphrases(embedder):
    items = [
        {"text": "Are you planning to raise prices for your subscription plans next year?", "analyst": "A. Lee",
         "firm": "Alpha", "call": "c1", "topics": ("pricing",)},
        {"text": "Do you intend to increase the price of your subscriptions in the coming year?", "analyst": "B. Wu",
         "firm": "Beta", "call": "c2", "topics": ("pricing", "customers")},
        {"text": "How much cash will you spend on the new data center and how will you fund it?", "analyst": "C. Ng",
         "firm": "Gamma", "call": "c2", "topics": ("capital_allocation",)},
    ]
    clusters = group_questions(items, embedder=embedder)
    assert len(clusters) == 2
    assert clusters[0]["size"] == 2 and clusters[0]["label"] == "pricing"
    assert {m["analyst"] for m in clusters[0]["members"]} == {"A. Lee", "B. Wu"}
    assert clusters[1]["members"][0]["analyst"] == "C. Ng"


def test_auto_falls_back_to_keywords_with_warning(monkeypatch):
    from callnlp.qa import embed

    def missing():
        raise MissingDependencyError("no torch", code="E030")

    monkeypatch.setattr(embed, "get_embedder", missing)
    with pytest.warns(RuntimeWarning, match="keywords"):
        got = assign_topics(["Will you raise the dividend or buy back more shares?"], subjects_for=lambda t: [])
    assert got == [("capital_allocation",)]
    with pytest.raises(MissingDependencyError):
        assign_topics(["What is the dividend policy?"], method="embedding")


def test_group_questions_fallback_and_validation(monkeypatch):
    from callnlp.qa import embed

    def missing():
        raise MissingDependencyError("no torch", code="E030")

    monkeypatch.setattr(embed, "get_embedder", missing)
    base = {"analyst": "X", "firm": "F", "call": "c", "topics": ()}
    items = [{**base, "text": "gross margin outlook for next year"}, {**base, "text": "gross margin outlook for next year please"},
             {**base, "text": "dividend and buyback plans"}]
    with pytest.warns(RuntimeWarning):
        clusters = group_questions(items)
    assert [c["size"] for c in clusters] == [2, 1]
    assert clusters[0]["label"] is None
    with pytest.raises(ValueError, match="lacks"):
        group_questions([{"text": "x"}])
    assert group_questions([]) == []
