"""Keyword method, subjects and call-level weights: no model needed (questions invented)."""
from __future__ import annotations

from decimal import Decimal

import pytest

from callnlp.qa import assign_topics, call_topics, default_subjects, keyword_scores


def test_keyword_method_labels_invented_questions():
    qs = [
        "Can you update us on the buyback and whether you plan to raise the dividend next year?",
        "How are supply chain shortages and freight delays affecting your inventory?",
        "What is your gross margin outlook given the new pricing?",
        "Nice weather today.",
    ]
    got = assign_topics(qs, method="keyword", subjects_for=lambda t: [])
    assert got[0][0] == "capital_allocation"
    assert got[1][0] == "supply_chain"
    assert {"margins", "pricing"} <= set(got[2])
    assert got[3] == ()


def test_prefix_keywords_match_word_starts_only():
    assert keyword_scores("Our competitors are cutting prices")["competition"] == 1
    assert "technology_ai" not in keyword_scores("We aim to grow sales")  # "ai" is a whole word


def test_display_form_and_subjects_follow_labels():
    q = "How is the Widgetron business in Southeast Asia, and what is the Q4 revenue guidance?"
    got = assign_topics([q], method="keyword", label_form="display")[0]
    assert "guidance and outlook" in got
    assert "Widgetron business" in got and "Southeast Asia" in got and "Q4 revenue" in got
    # labels come before subjects
    assert got.index("guidance and outlook") < got.index("Widgetron business")


def test_default_subjects_finds_names_metrics_periods_markets():
    text = (
        "Thanks. First, on the CloudDesk platform and the 9lives business: how did net retention and "
        "active customers trend in the fourth quarter, and is Acme Robotics still your partner in Thailand?"
    )
    subj = default_subjects(text)
    for want in ("CloudDesk platform", "9lives business", "net retention", "active customers", "Q4", "Acme Robotics", "Thailand"):
        assert want in subj, (want, subj)
    assert "Thanks" not in subj and "First" not in subj


def test_quarter_phrases_are_written_one_way():
    assert "Q4 revenue" in default_subjects("What drove 4Q revenue?")
    assert "Q2 margin" in default_subjects("Talk about the second quarter margin.")


def test_call_topics_weights_per_section():
    exchanges = [
        (5, [("competition", "Acme"), ("guidance",)]),
        (8, [("guidance and outlook", "Q4 revenue")]),
    ]
    rows = call_topics(exchanges, [], method="keyword")
    qa = {r["label"]: r for r in rows if r["section"] == "qa"}
    assert qa["guidance and outlook"]["weight"] == Decimal("0.667")
    assert qa["guidance and outlook"]["turns"] == [5, 8]
    assert qa["competition"]["weight"] == Decimal("0.333")
    assert "Acme" not in qa  # subjects are not call topics


def test_call_topics_prepared_remarks_by_keyword():
    prepared = [
        (1, "Our gross margin expanded to 60 percent as pricing held. Profitability improved again."),
        (2, "We repurchased shares and raised the dividend, returning capital to shareholders this year."),
    ]
    rows = [r for r in call_topics([], prepared, method="keyword", label_form="id") if r["section"] == "prepared_remarks"]
    labels = {r["label"]: r for r in rows}
    assert labels["capital_allocation"]["turns"] == [2]
    assert labels["margins"]["turns"] == [1]
    assert sum(r["weight"] for r in rows) == pytest.approx(Decimal(1), abs=Decimal("0.01"))


def test_bad_method_is_refused():
    with pytest.raises(ValueError):
        assign_topics(["x"], method="magic")
